/* example.c -- not yet written */
#include "cli.h"
int cmd_example(int argc, char **argv) { (void)argc; (void)argv; return EXIT_INTERNAL; }

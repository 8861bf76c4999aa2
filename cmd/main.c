/* main.c -- iop-roster's entry point: dispatch to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "plan", cmd_plan, "build this week's roster for a clinic folder" },
	{ "check", cmd_check, "validate a clinic folder, or a roster against it" },
	{ "explain", cmd_explain, "why a patient got, or did not get, each group" },
	{ "diff", cmd_diff, "who joined, left and moved between two rosters" },
	{ "admit", cmd_admit, "place a newly admitted patient without moving anyone" },
	{ "simulate", cmd_simulate, "plan the weeks ahead and report membership over time" },
	{ "example", cmd_example, "write a generated, realistic clinic folder" },
};

static void print_help(FILE *out)
{
	fputs("usage: iop-roster COMMAND [OPTIONS] [ARGS]\n"
	      "\n"
	      "Builds the weekly group-therapy roster of an intensive outpatient program.\n"
	      "\n"
	      "commands:\n", out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Run 'iop-roster COMMAND --help' for a command's options.\n"
	      "Exit codes: 0 ok, 1 check found broken rules, 64 usage, 65 bad or\n"
	      "contradictory data, 66 missing input, 70 internal error, 71 out of memory,\n"
	      "73 cannot create output, 74 read/write error, 75 clinic busy or interrupted.\n",
	      out);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return print_help(stderr), EXIT_USAGE;
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
		print_help(stdout);
		return EXIT_WRITTEN;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("iop-roster %s\n", IOP_VERSION);
		return EXIT_WRITTEN;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(name, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "iop-roster: '%s' is not a command\nTry 'iop-roster --help'.\n", name);
	return EXIT_USAGE;
}

/* main.c -- iop-roster's entry point: dispatch to one subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "options.h"

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
	{ "attendance", cmd_attendance, "what a planned week delivered; reviews and make-ups" },
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
	      "Run 'iop-roster COMMAND --help' for a command's options.\n", out);
	static const struct cli_exit exits[] = {
		{ EXIT_WRITTEN, "ok" }, { EXIT_RULES_BROKEN, "check found broken rules" },
		{ EXIT_USAGE, NULL }, { EXIT_DATA, "bad or contradictory data" },
		{ EXIT_NO_INPUT, NULL }, { EXIT_INTERNAL, NULL }, { EXIT_OS, NULL },
		{ EXIT_CANT_CREATE, NULL }, { EXIT_IO, "read/write error" },
		{ EXIT_BUSY, "clinic busy or interrupted" }, { -1, NULL },
	};
	cli_print_exit_codes(exits, out);
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

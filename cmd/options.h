/* options.h -- every subcommand's command line, declared as a table.
 *
 * A command lists its options, each with its help text beside it, and
 * cli_parse reads argv by that table and prints --help from it, so an
 * option's name, its parsing, its error message and its line in the help
 * cannot drift apart. The options most commands share (--week, --set,
 * --format, --quiet, --verbose, --time-limit, --help) are single entries
 * whose values land in struct cli_args; an option only one command has
 * points at that command's own variable.
 *
 * Errors are messages on stderr and an exit code handed back: cli_parse
 * never exits the process. */
#ifndef IOP_OPTIONS_H
#define IOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cli_opt_kind {
	CLI_END,       /* closes the table */
	CLI_HELP,      /* print the help on stdout; the command exits 0 */
	CLI_FLAG,      /* bool *value = true */
	CLI_STRING,    /* const char **value = the argument (borrowed from argv) */
	CLI_SECONDS,   /* double *value: a positive number of seconds */
	CLI_FRACTION,  /* double *value: a number in [0, 1) */
	CLI_CALLBACK,  /* callback(cmd, argument, value) parses and says why not */
	/* Shared entries: they fill struct cli_args, value is unused. */
	CLI_WEEK,      /* a Monday: args.week, args.have_week */
	CLI_SET,       /* NAME=VALUE appended to args.overrides */
	CLI_FORMAT,    /* text or json: args.json */
	CLI_QUIET,     /* args.quiet */
	CLI_VERBOSE,   /* args.verbose */
	CLI_TIME_LIMIT,/* positive seconds, kept as text: overrides time_limit */
	CLI_WORK,      /* positive kilo-ticks, kept as text: overrides work */
};

struct cli_option {
	int short_name;        /* 0: long form only */
	const char *long_name;
	enum cli_opt_kind kind;
	void *value;           /* where a CLI_FLAG..CLI_CALLBACK entry stores */
	const char *arg_name;  /* the argument in the help ("FILE"); NULL: none */
	const char *help;      /* help column; each '\n' starts an indented line */
	/* CLI_CALLBACK: returns 0, or prints a usage error and returns its
	 * exit code (cli_usage_error does both). */
	int (*callback)(const char *cmd, const char *arg, void *value);
};

#define CLI_OPT_END { 0, NULL, CLI_END, NULL, NULL, NULL, NULL }
#define CLI_OPT_HELP { 'h', "help", CLI_HELP, NULL, NULL, "show this help", NULL }
#define CLI_OPT_FLAG(s, l, v, h) { (s), (l), CLI_FLAG, (v), NULL, (h), NULL }
#define CLI_OPT_STRING(s, l, v, a, h) { (s), (l), CLI_STRING, (v), (a), (h), NULL }
#define CLI_OPT_SECONDS(s, l, v, h) { (s), (l), CLI_SECONDS, (v), "SECONDS", (h), NULL }
#define CLI_OPT_FRACTION(s, l, v, h) { (s), (l), CLI_FRACTION, (v), "FRACTION", (h), NULL }
#define CLI_OPT_CALLBACK(s, l, v, a, h, cb) { (s), (l), CLI_CALLBACK, (v), (a), (h), (cb) }
/* The shared entries; each command words its own help for them. */
#define CLI_OPT_WEEK(h) { 'w', "week", CLI_WEEK, NULL, "YYYY-MM-DD", (h), NULL }
#define CLI_OPT_SET(h) { 's', "set", CLI_SET, NULL, "NAME=VALUE", (h), NULL }
#define CLI_OPT_FORMAT(h) { 'f', "format", CLI_FORMAT, NULL, "FORMAT", (h), NULL }
#define CLI_OPT_QUIET(h) { 'q', "quiet", CLI_QUIET, NULL, NULL, (h), NULL }
#define CLI_OPT_VERBOSE { 'v', "verbose", CLI_VERBOSE, NULL, NULL, \
			  "solver progress on stderr (never names)", NULL }
#define CLI_OPT_TIME_LIMIT(h) { 't', "time-limit", CLI_TIME_LIMIT, NULL, "SECONDS", (h), NULL }
#define CLI_OPT_WORK(h) { 0, "work", CLI_WORK, NULL, "KTICKS", (h), NULL }

/* One exit code a command can end with, and what it means there; meaning
 * NULL is the usual wording (cli_exit_meaning). Lists end with code -1. */
struct cli_exit {
	int code;
	const char *meaning;
};

struct cli_command {
	const char *name;       /* "plan" */
	const char *synopsis;   /* after "usage: iop-roster NAME " */
	const char *about;      /* the paragraphs between usage and options */
	const struct cli_exit *exits;
	/* example names the bad option itself ("unknown option '--x'",
	 * "option '--week' needs a value") instead of getopt's message and
	 * "unknown or incomplete option". */
	bool names_bad_option;
	/* The operands (arguments that are not options) the command takes:
	 * from operands_min to operands_max. With fewer, cli_parse fails with
	 * missing[n] (the message for n operands given); with more, with
	 * too_many. operands_max 0: the command checks its operands itself. */
	int operands_min, operands_max;
	const char *missing[3];
	const char *too_many;
};

/* What cli_parse found. Owns the overrides array: release with
 * cli_args_release once cli_parse returned true (after false it holds
 * nothing). */
struct cli_args {
	int week;            /* a Monday, when have_week */
	bool have_week;
	bool json, quiet, verbose;
	/* "name=value" settings from --set in order, then "time_limit=S" from
	 * --time-limit and "work=N" from --work (so they win over --set);
	 * NULL-terminated.
	 * NULL when the command takes no --set. */
	const char **overrides;
	size_t n_overrides;
	const char *time_limit; /* --time-limit's text, NULL if not given */
	char *time_limit_override;
	const char *work;       /* --work's text, NULL if not given */
	char *work_override;
	char **operands;     /* the arguments that are not options, in order */
	int n_operands;
	int exit_code;       /* when cli_parse returned false */
};

/* Parses argv[1..argc-1] (argv[0] is the subcommand) by the options table.
 * Returns true when the command should run, with args filled in; false
 * when it is done and must return args->exit_code: 0 after --help, 64
 * after a usage mistake (already printed with a --help hint), 71 out of
 * memory (already said). */
bool cli_parse(const struct cli_command *cmd, const struct cli_option *options,
	       int argc, char **argv, struct cli_args *args);

void cli_args_release(struct cli_args *args);

/* The usual meaning of an exit code in help texts ("missing input"). */
const char *cli_exit_meaning(int code);

/* "Exit codes: 0 written, 64 usage, ..." wrapped to the terminal width
 * the help texts keep. */
void cli_print_exit_codes(const struct cli_exit *exits, FILE *out);

#endif

/* cli.h -- what every subcommand shares: messages, exit codes, the table.
 *
 * Only cmd/ prints to the user or picks an exit code. Messages go to stderr
 * as "iop-roster: TEXT"; usage mistakes also suggest --help and exit 64. */
#ifndef IOP_CLI_H
#define IOP_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "data/diag.h"
#include "data/status.h"

/* Exit codes (sysexits.h values), documented in the README and man page. */
enum exit_code {
	EXIT_WRITTEN = 0,      /* success: roster written / check passed */
	EXIT_RULES_BROKEN = 1, /* check: the roster breaks a hard rule */
	EXIT_USAGE = 64,       /* EX_USAGE: bad command line */
	EXIT_DATA = 65,        /* EX_DATAERR: bad or contradictory data */
	EXIT_NO_INPUT = 66,    /* EX_NOINPUT: missing folder or required file */
	EXIT_INTERNAL = 70,    /* EX_SOFTWARE: a bug, or the solver failed */
	EXIT_OS = 71,          /* EX_OSERR: out of memory */
	EXIT_CANT_CREATE = 73, /* EX_CANTCREAT: output cannot be created */
	EXIT_IO = 74,          /* EX_IOERR: read or write failed */
	EXIT_BUSY = 75,        /* EX_TEMPFAIL: another run holds the clinic */
};

/* The one mapping from library status to process exit code. */
int cli_exit_code(enum status s);

/* "iop-roster: TEXT\n" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A usage mistake: prints "iop-roster CMD: TEXT" and a --help hint;
 * returns EXIT_USAGE so callers can `return cli_usage_error(...)`. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints every diagnostic (errors and, unless quiet, warnings) to stderr. */
void cli_print_diags(const struct diag_list *d, bool quiet);

/* Parses YYYY-MM-DD that must be a Monday, for --week. */
bool cli_parse_week(const char *text, int *day_out);

/* A roster named YYYY-MM-DD.csv (a Monday) says which week it is for. */
bool cli_week_from_roster_name(const char *path, int *week);

/* The week a roster given on the command line is for: its name's, else
 * the first Monday in its week column (a roster saved under another name). */
bool cli_week_of_roster(const char *path, int *week);

/* Installs SIGINT and SIGTERM handlers that only raise the returned flag, so
 * a search can stop and keep its best roster instead of dying mid-write. */
const volatile sig_atomic_t *cli_catch_stop_signals(void);

/* Each subcommand: argv[0] is the subcommand name. Returns an exit code. */
int cmd_plan(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_example(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_admit(int argc, char **argv);
int cmd_attendance(int argc, char **argv);

#endif

/* cli.c -- messages, exit codes and small parsers shared by every subcommand. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "data/date.h"
#include "data/roster.h"

int cli_exit_code(enum status s)
{
	switch (s) {
	case STATUS_OK: return EXIT_WRITTEN;
	case STATUS_USAGE: return EXIT_USAGE;
	case STATUS_BAD_DATA: return EXIT_DATA;
	case STATUS_INFEASIBLE: return EXIT_DATA;
	case STATUS_NO_INPUT: return EXIT_NO_INPUT;
	case STATUS_CANT_CREATE: return EXIT_CANT_CREATE;
	case STATUS_IO: return EXIT_IO;
	case STATUS_BUSY: return EXIT_BUSY;
	case STATUS_NO_MEMORY: return EXIT_OS;
	/* Interrupted before any roster existed: nothing was written, and the
	 * operator asked for it, so report it like a temporary failure. */
	case STATUS_INTERRUPTED: return EXIT_BUSY;
	case STATUS_INTERNAL: return EXIT_INTERNAL;
	}
	return EXIT_INTERNAL;
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	fputs("iop-roster: ", stderr);
	if (kind)
		fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(NULL, fmt, ap);
	va_end(ap);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "iop-roster %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'iop-roster %s --help'.\n", cmd);
	return EXIT_USAGE;
}

void cli_print_diags(const struct diag_list *d, bool quiet)
{
	char buf[2048];
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *it = &d->items[i];
		if (quiet && it->severity == DIAG_WARNING)
			continue;
		diag_format(it, buf, sizeof buf);
		fprintf(stderr, "iop-roster: %s%s\n",
			it->severity == DIAG_WARNING ? "warning: " : "", buf);
	}
}

bool cli_parse_week(const char *text, int *day_out)
{
	day_t d;
	if (!date_parse(text, &d) || !date_is_monday(d))
		return false;
	*day_out = d;
	return true;
}

bool cli_week_from_roster_name(const char *path, int *week)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strlen(base) != 14 || strcmp(base + 10, ".csv") != 0)
		return false;
	char day[11];
	memcpy(day, base, 10);
	day[10] = '\0';
	return cli_parse_week(day, week);
}

bool cli_week_of_roster(const char *path, int *week)
{
	day_t monday;
	if (cli_week_from_roster_name(path, week))
		return true;
	if (roster_file_week(path, &monday) != STATUS_OK)
		return false;
	*week = monday;
	return true;
}

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

const volatile sig_atomic_t *cli_catch_stop_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return &stop_requested;
}

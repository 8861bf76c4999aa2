/* context.h -- the steps every subcommand takes before its own work: take
 * the clinic's lock (commands that write), load the clinic, find and read
 * the previous roster, resolve the week, and print what was found. */
#ifndef IOP_CONTEXT_H
#define IOP_CONTEXT_H

#include <signal.h>
#include <stdbool.h>

#include "data/clinic.h"
#include "data/clinic_lock.h"
#include "data/roster.h"
#include "data/week.h"

struct context {
	struct clinic clinic;
	struct roster previous;
	char *previous_path;   /* NULL when there is no previous roster */
	struct week week;      /* empty with clinic_only */
	/* Diagnostics of the latest step, not yet printed: context_open
	 * prints its own; later steps use context_report. */
	struct diag_list diag;
	/* Every warning context_report printed, kept for the report's top. */
	struct diag_list warnings;
	struct clinic_lock lock;           /* held until context_release */
	const volatile sig_atomic_t *stop; /* with catch_stop; else NULL */
	bool quiet;
};

struct context_options {
	const char *folder;          /* NULL: open nothing (diff without --clinic) */
	int week;                    /* a Monday (day number) */
	const char *previous_file;   /* NULL = newest rosters/YYYY-MM-DD.csv before week */
	bool no_previous;            /* ignore any previous roster */
	const char *const *overrides;/* "name=value" settings, may be NULL */
	/* A command that writes into the folder names itself here: the lock
	 * is taken before anything is read (the holder's name is shown to a
	 * second run). NULL: read only, no lock. */
	const char *lock_for;
	/* Once the lock is held, SIGINT and SIGTERM only raise ctx->stop, so
	 * a search stops with its best roster instead of dying mid-write. */
	bool catch_stop;
	bool quiet;                  /* the command prints no summary; warnings still go to stderr */
	bool clinic_only;            /* no week resolved: simulate resolves its own */
};

/* Runs the steps, stopping at the first that fails, and prints every
 * diagnostic of them. On any result the context must be released with
 * context_release. */
enum status context_open(struct context *ctx, const struct context_options *o);

/* Prints ctx->diag (errors and warnings, --quiet or not) and empties it, after a step
 * that reported into it; its warnings are kept in ctx->warnings. */
void context_report(struct context *ctx);

/* Frees everything and releases the lock. */
void context_release(struct context *ctx);

/* The week every command works on without --week (or --from): the Monday
 * on or after today, so a Friday-night run plans the coming week and
 * admit, explain and check then find the roster plan wrote. */
int context_default_week(void);

#endif

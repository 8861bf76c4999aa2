/* context.h -- the steps every subcommand takes before its own work:
 * load the clinic, find and read the previous roster, resolve the week. */
#ifndef IOP_CONTEXT_H
#define IOP_CONTEXT_H

#include <stdbool.h>

#include "data/clinic.h"
#include "data/roster.h"
#include "data/week.h"

struct context {
	struct clinic clinic;
	struct roster previous;
	char *previous_path;   /* NULL when there is no previous roster */
	struct week week;
	struct diag_list diag; /* everything found so far, errors and warnings */
};

struct context_options {
	const char *folder;
	int week;                    /* a Monday (day number) */
	const char *previous_file;   /* NULL = newest rosters/YYYY-MM-DD.csv before week */
	bool no_previous;            /* ignore any previous roster */
	const char *const *overrides;/* "name=value" settings, may be NULL */
};

/* Runs the steps, stopping at the first that fails. On any result the
 * context must be released with context_release. Diagnostics are left in
 * ctx->diag for the caller to print. */
enum status context_open(struct context *ctx, const struct context_options *o);

void context_release(struct context *ctx);

/* The default week: the Monday on or after today. */
int context_default_week(void);

#endif

/* lns.h -- large-neighbourhood search: free a few groups and the patients
 * around them, fix the rest of the roster, re-solve that part exactly with
 * GLPK, keep what is better.
 *
 * Neighbourhoods come from a fixed pseudo-random sequence and each sub-MIP
 * is bounded by a node count and a work budget (work.h), so the same week
 * walks the same path and, under a budget, stops at the same place; only
 * the safety stop (the deadline) depends on timing. */
#ifndef IOP_LNS_H
#define IOP_LNS_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "data/diag.h"
#include "heuristic.h"
#include "model.h"

struct work;

struct lns_options {
	double deadline;          /* monotonic seconds (clock_seconds): the
				   * safety stop */
	const volatile sig_atomic_t *stop;
	FILE *log;
	double bound;             /* proven bound: stop once it is reached */
	int rounds;               /* neighbourhoods to try at most */
	struct work *work;        /* every neighbourhood's ticks are charged
				   * here; the walk ends once it is spent
				   * (NULL: no budget) */
};

/* Improves the roster in[] (keeping every rule) and *value in place. */
enum status lns_run(const struct model *m, struct heur *h, const struct lns_options *o,
		    bool *in, double *value, struct diag_list *diag);

#endif

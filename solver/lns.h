/* lns.h -- large-neighbourhood search: free a few groups and the patients
 * around them, fix the rest of the roster, re-solve that part exactly with
 * GLPK, keep what is better.
 *
 * Neighbourhoods come from a fixed pseudo-random sequence and each sub-MIP
 * is bounded by a node count, so the same week walks the same path; only
 * where the clock stops the walk depends on timing. */
#ifndef IOP_LNS_H
#define IOP_LNS_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "data/diag.h"
#include "heuristic.h"
#include "model.h"

struct lns_options {
	double deadline;          /* monotonic seconds (clock_seconds) */
	const volatile sig_atomic_t *stop;
	FILE *log;
	double bound;             /* proven bound: stop once it is reached */
	int rounds;               /* neighbourhoods to try at most */
};

/* Improves the roster in[] (keeping every rule) and *value in place. */
enum status lns_run(const struct model *m, struct heur *h, const struct lns_options *o,
		    bool *in, double *value, struct diag_list *diag);

#endif

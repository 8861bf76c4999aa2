/* plan.h -- the week's best roster: build the integer program, solve it.
 *
 * Maximises the score of score.h under the rules of rules.h with GLPK,
 * seeded by a constructive heuristic and improved by local search, within
 * the time limit. Never prints: GLPK's terminal output and fatal errors are
 * captured by the wrapper. */
#ifndef IOP_PLAN_H
#define IOP_PLAN_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "../data/roster.h"
#include "../data/unmet.h"
#include "../data/week.h"
#include "score.h"

struct plan_options {
	double time_limit;   /* seconds of solving, > 0 */
	double gap;          /* stop once the proven relative gap is <= this; 0 = prove optimum */
	const volatile sig_atomic_t *stop; /* may be NULL; nonzero = stop now, keep best */
	FILE *log;           /* progress lines (no names), NULL = silent */
};

void plan_options_init(struct plan_options *o); /* 30 s, gap 0, no stop, no log */

struct plan_result {
	struct roster roster;    /* clinic indices, sorted */
	struct score_terms score;
	double bound;            /* proven upper bound on the score */
	double gap;              /* (bound - score) / max(1, |bound|), >= 0 */
	bool optimal;            /* proven within the requested gap */
	bool stopped;            /* stopped by the signal flag */
	double seconds;
	struct unmet_list unmet; /* a reason for every unmet need */
};

/* Returns STATUS_OK with a roster (maybe not proven optimal: see .optimal),
 * STATUS_INFEASIBLE with the conflicting input rows in diag (pins.csv:4,
 * separations.csv:7, groups.csv:3 ...), STATUS_INTERRUPTED when stopped
 * before any roster was found, STATUS_NO_MEMORY or STATUS_INTERNAL. */
enum status plan_week(const struct week *w, const struct plan_options *opt,
		      struct plan_result *out, struct diag_list *diag);

/* Writes the model as GLPK builds it (CPLEX LP or free MPS) to path. */
enum status plan_export(const struct week *w, const char *lp_path,
			const char *mps_path, struct diag_list *diag);

void plan_result_release(struct plan_result *r);

#endif

/* plan.h -- the week's best roster: build the integer program, solve it.
 *
 * Maximises the score of score.h under the rules of rules.h, within the
 * time limit:
 *   1. cheap checks on must pins (pin_check.h): contradictions need no
 *      search and are named by their rows;
 *   2. a greedy roster improved by local search (heuristic.h);
 *   3. column generation over patient plans (colgen.h): a bound much
 *      tighter than the compact LP's at a fraction of its cost, LP-guided
 *      rosters, and the restricted master as a small MIP;
 *   4. weeks small enough: GLPK branch-and-cut on the compact model
 *      (model.h) from the best roster, after Lagrangian fixing, with the
 *      objective's granularity as the proof of optimality; larger weeks:
 *      large-neighbourhood search (lns.h) until the time is up.
 * Every phase charges its counted work to one budget (work.h) and stops
 * when its share is used, so the same week gives the same roster on any
 * machine and at any load, also when the search is cut short; the time
 * limit stays as a safety stop, and only a run it (or the stop flag)
 * ended can differ from one run to the next. The result
 * is checked against rules.h before it is returned. Never prints: GLPK's
 * terminal output and fatal errors are captured by the wrapper; progress
 * lines (numbers only, no ids) go to options.log. */
#ifndef IOP_PLAN_H
#define IOP_PLAN_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"
#include "score.h"
#include "work.h"

struct plan_options {
	double time_limit;   /* seconds of solving, > 0: the safety stop */
	double work;         /* the budget in kilo-ticks (work.h); <= 0:
			      * WORK_KTICKS_PER_SECOND x time_limit */
	double gap;          /* stop once the proven relative gap is <= this; 0 = prove optimum */
	const volatile sig_atomic_t *stop; /* may be NULL; nonzero = stop now, keep best */
	FILE *log;           /* progress lines (no names), NULL = silent */
	long enum_plans;     /* column enumeration's cap on plans: 0 = the
			      * default, < 0 = none (branch-and-cut alone) */
};

void plan_options_init(struct plan_options *o); /* 30 s, work by time, gap 0, no stop, no log */

/* What ended the search, from the first that holds: a proof, the gap, the
 * stop flag, the time limit, the work budget; else every phase ran to its
 * end. Only PLAN_END_TIME and PLAN_END_STOPPED depend on the machine and
 * its load: a re-run may give another roster. */
enum plan_end {
	PLAN_END_PROVEN,   /* no roster scores more */
	PLAN_END_GAP,      /* proven within the requested gap */
	PLAN_END_STOPPED,  /* the stop flag (a signal) */
	PLAN_END_TIME,     /* the time limit, the safety stop */
	PLAN_END_WORK,     /* the work budget was used */
	PLAN_END_SEARCHED, /* no phase left to run, nothing proven */
};

/* "proven", "gap", "stopped", "time", "work", "searched": the JSON value. */
const char *plan_end_name(enum plan_end e);

/* One line of plain words for the text summary, without newline:
 * "stopped: proven best", "stopped: work budget used (N of N kticks)",
 * "stopped: time limit, the safety stop; a re-run may differ" ... */
struct plan_result;
void plan_end_describe(const struct plan_result *r, char *buf, size_t size);

/* How a run's time limit is shared between the search and advice's
 * re-solves (advice.h). The limit covers the whole run, reading and
 * writing included, so the search gets the limit less `spent` (seconds
 * already used, and those the caller needs after the search), 0.1 s
 * more, and advice's share: advice_time
 * when it is > 0, else a tenth of the limit, at most 3 s; nothing without
 * advice. Advice re-solves whole weeks, so it gets a share a director
 * barely notices rather than the rest of the limit. Neither share is ever
 * below 0.05 s. */
struct plan_budget {
	double solve;  /* for plan_options.time_limit */
	double advice; /* for advice_options.time_limit; 0.05 without advice */
};
struct plan_budget plan_budget_split(double time_limit, double spent, bool advise,
				     double advice_time);

struct plan_result {
	struct roster roster;    /* clinic indices, sorted */
	struct score_terms score;
	double bound;            /* proven upper bound on the score */
	double gap;              /* (bound - score) / max(1, |bound|), >= 0 */
	bool optimal;            /* proven within the requested gap */
	bool stopped;            /* stopped by the signal flag */
	enum plan_end ended_by;
	long long work_used;     /* ticks (work.h) the search used ... */
	long long work_limit;    /* ... of this budget */
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

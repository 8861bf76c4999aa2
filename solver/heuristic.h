/* heuristic.h -- fast rosters that keep every hard rule: a greedy build,
 * a repair for groups below their minimum, and local search (insert, move,
 * swap, eject, close a group, open a group).
 *
 * Deterministic: work is bounded by counted steps, never by the clock, so
 * the same week always gives the same roster. Works on the columns of a
 * struct model (a pair without an x column is never used). */
#ifndef IOP_HEURISTIC_H
#define IOP_HEURISTIC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct heur;

/* NULL on allocation failure. The model must outlive the heuristic. */
struct heur *heur_new(const struct model *m);
void heur_free(struct heur *h);

/* A safety net for the runs below: past `deadline` (monotonic seconds,
 * HUGE_VAL = none) or once *stop (may be NULL) is nonzero, a run cuts its
 * greedy short, closes rather than fills groups below their minimum and
 * skips local search, so it still returns a roster that keeps every rule.
 * Looked at every few thousand counted steps: a run that ends in time is
 * the same as without limits. */
void heur_set_limits(struct heur *h, double deadline, const volatile sig_atomic_t *stop);
/* Did the last run end by the deadline or stop rather than its effort? */
bool heur_halted(const struct heur *h);
/* Counted steps of every run so far (for the work budget, work.h). */
long long heur_work_total(const struct heur *h);

/* Builds a roster from scratch and improves it with about `effort` counted
 * steps. Returns false when no roster honouring the must pins was found;
 * otherwise in[a * n_groups + g] holds it and *value its model objective
 * (equal to score_roster's total). */
bool heur_run(struct heur *h, long effort, bool *in, double *value);

/* The same, guided by an LP point (n_cols values, e.g. a node relaxation):
 * pairs the LP favours are placed first. */
bool heur_from_lp(struct heur *h, const double *lp, long effort, bool *in,
		  double *value);

/* Improves the roster in[] (which must keep every rule) in place with
 * local search; returns its new value. */
double heur_improve(struct heur *h, bool *in, long effort);

#endif

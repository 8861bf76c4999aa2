/* patient_plan.h -- one patient's best set of groups under given values.
 *
 * A plan is the set of groups one patient attends: at most one per type,
 * no two clashing, within hours_max, every must pin included. Its worth is
 * the sum of per-group values (the caller's: score weights, or those
 * minus prices) minus w_short times the hours short of hours_min, plus
 * w_billable when its groups make the week billable (contract v2). The
 * search is exact (depth-first over types, best groups first, pruned by an
 * optimistic bound), so it serves the heuristic's best-response move, the
 * column generation's pricing and the Lagrangian bound alike. */
#ifndef IOP_PATIENT_PLAN_H
#define IOP_PATIENT_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct pplan;

/* NULL on allocation failure. The model must outlive it. */
struct pplan *pplan_new(const struct model *m);
void pplan_free(struct pplan *pp);

/* Best plan for active patient a. value[g] is the worth of g for a (read
 * only for groups a has an x column for); allowed[g] (may be NULL = all)
 * limits the groups; forced[g] (may be NULL) adds groups every plan must
 * hold, as must pins always are. Writes the groups
 * (ascending) into out[] (room for n_types + 1) and their count into *n;
 * returns the plan's worth, or -HUGE_VAL when no plan keeps the must pins
 * (they clash or pass hours_max). */
double pplan_best(struct pplan *pp, int a, const double *value, const bool *allowed,
		  const bool *forced, int *out, size_t *n);

/* Called by pplan_each with each plan: its groups (ascending), their
 * count and the plan's worth; returning false ends the search. */
typedef bool (*pplan_visit_fn)(void *ctx, const int *groups, size_t n, double worth);

/* Every plan of active patient a worth at least `floor` under value[]
 * (the rules, allowed and forced as pplan_best), each once, to visit;
 * interchangeable groups are not merged, as pplan_best may. The same
 * search as pplan_best's, pruned by the floor instead of the best found,
 * so it is exact: column enumeration within a gap rests on it. Returns
 * the search nodes visited (the work done), or -1 when visit ended it. */
long pplan_each(struct pplan *pp, int a, const double *value, const bool *allowed,
		const bool *forced, double floor, pplan_visit_fn visit, void *ctx);

/* The shortfall term for hours: -w_short * max(0, hours_min(a) - hours). */
double pplan_penalty(const struct pplan *pp, int a, double hours);

/* The billing term of a plan (contract v2): w_billable when the n groups
 * make active patient a's week billable, else 0 (always 0 with the rule
 * off). A plan carries it whole. */
double pplan_billing(const struct pplan *pp, int a, const int *groups, size_t n);

#endif

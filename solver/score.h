/* score.h -- the contract's score of any roster, term by term.
 *
 *   w_need * need_sum + w_keep * kept - w_short * short_hours
 *   - w_mix * mix_short - group_cost * running
 *   + w_billable * billable   (contract v2, only while billable_days > 0)
 *
 * The single definition used by plan, check, the tests and the benchmark. */
#ifndef IOP_SCORE_H
#define IOP_SCORE_H

#include "data/roster.h"
#include "data/week.h"

struct score_terms {
	double need_sum;    /* sum of effective need over placed pairs */
	int kept;           /* placed pairs also in previous roster and still eligible */
	double short_hours; /* sum over active patients of max(0, hours_min - hours) */
	int mix_short;      /* sum over running groups of max(0, min_advanced - advanced) */
	int running;        /* groups with at least one member */
	int billable;       /* active patients whose week is billable (week_billing);
			     * 0 while the rule is off */
	double total;
};

/* Placements of inactive patients are ignored (rules_check reports them). */
void score_roster(const struct week *w, const struct roster *r,
		  struct score_terms *out);

/* The score of r with patient p's placements in group `drop` taken out
 * (-1: none) and one in group `add` put in (-1: none), from r's own score
 * `base`, without scoring the whole roster again: only p's terms and the
 * two groups' change. For asking this of every move on a week of
 * thousands of patients (move_reason). The same terms as score_roster of
 * that roster, up to the order doubles are summed in; NaN total when
 * memory ran out. */
void score_swap(const struct week *w, const struct roster *r, const struct score_terms *base,
		int p, int drop, int add, struct score_terms *out);

#endif

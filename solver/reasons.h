/* reasons.h -- why each unmet need is unmet, and group-by-group causes. */
#ifndef IOP_REASONS_H
#define IOP_REASONS_H

#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"

/* Why group g does not hold patient a in roster r (for explain):
 * the first of the contract's blocking causes. */
enum group_cause {
	CAUSE_GIVEN,       /* a is in g */
	CAUSE_NO_FIT,      /* windows, tags or program phase */
	CAUSE_PINNED_OUT,  /* never pin */
	CAUSE_NO_NEED,     /* need 0 (or mastered) and no must pin */
	CAUSE_CLASH,       /* clashes with a group a got */
	CAUSE_HOURS,       /* would pass hours_max */
	CAUSE_SEPARATION,  /* a separated partner is in it */
	CAUSE_FULL,        /* at max_size, or not running */
	CAUSE_TRADE_OFF,   /* open, but the optimiser preferred another roster */
	CAUSE_TYPE_TAKEN,  /* a already has another group of g's type (rule 3);
			    * checked right after CAUSE_NO_NEED */
};

const char *group_cause_name(enum group_cause c);

/* `other` (may be NULL) receives the group or patient behind the cause:
 * the clashing group, the separated partner's a index; -1 otherwise. */
enum group_cause reasons_group_cause(const struct week *w, const struct roster *r,
				     int a, int g, int *other);

/* Fills `out` with one entry per unmet need, sorted by patient then type
 * (active index, type index). The detail of clash, hours, separation, full
 * and trade-off lists each fitting group's cause without patient ids, e.g.
 * "g1: clash with g5; g2: full; g3: not running". */
enum status reasons_compute(const struct week *w, const struct roster *r,
			    struct unmet_list *out);

#endif

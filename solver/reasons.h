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
	CAUSE_FULL,        /* at max_size */
	CAUSE_NOT_RUNNING, /* no members: see reasons_not_running for why */
	CAUSE_TRADE_OFF,   /* open, but the optimiser preferred another roster */
	CAUSE_TYPE_TAKEN,  /* a already has another group of g's type (rule 3);
			    * checked right after CAUSE_NO_NEED */
};

const char *group_cause_name(enum group_cause c);

/* Why a group with no members in roster r does not run (contract v2), the
 * first that holds: fewer patients eligible than its minimum; its
 * facilitator runs a running group at a clashing time; else the optimiser
 * closed it (enough were eligible, but it preferred other groups). */
enum not_running_why {
	NOT_RUNNING_FEW_ELIGIBLE,
	NOT_RUNNING_FACILITATOR,
	NOT_RUNNING_CLOSED,
};

struct not_running {
	enum not_running_why why;
	int eligible;      /* patients eligible for the group */
	int taken;         /* of them, those with another group of its type */
	int min_size;
	int facilitator_group; /* NOT_RUNNING_FACILITATOR: the clashing group; else -1 */
};

void reasons_not_running(const struct week *w, const struct roster *r, int g,
			 struct not_running *out);

/* The same in plain words, without patient ids, e.g.
 * "only 2 patients can join, it needs 5",
 * "its facilitator runs skl-01 at the same time",
 * "the optimiser closed it: 6 patients can join, 4 of them are in another
 * skills group, it needs 5". */
void reasons_not_running_text(const struct week *w, const struct not_running *nr,
			      int g, char *buf, size_t size);

/* `other` (may be NULL) receives the group or patient behind the cause:
 * the clashing group, the separated partner's a index; -1 otherwise. */
enum group_cause reasons_group_cause(const struct week *w, const struct roster *r,
				     int a, int g, int *other);

/* The score roster r gains with active patient a added to group g, all
 * else kept (score.c): what an open seat left empty costs. */
double reasons_gain_of_adding(const struct week *w, const struct roster *r, int a, int g);

/* Fills `out` with one entry per unmet need, sorted by patient then type
 * (active index, type index). The detail of clash, hours, separation, full
 * and trade-off lists each fitting group's cause without patient ids, e.g.
 * "g1: clash with g5; g2: full; g3: not running, only 2 patients can join,
 * it needs 5; g4: open, adding them scores 17 more". */
enum status reasons_compute(const struct week *w, const struct roster *r,
			    struct unmet_list *out);

#endif

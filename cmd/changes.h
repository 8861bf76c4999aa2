/* changes.h -- who joined, left and moved since the previous roster, and why,
 * for the weekly report and the JSON summary.
 *
 * Compared type by type with change_classify (data/change.h); the reason
 * is the first that applies, in the order of enum change_why. */
#ifndef IOP_CHANGES_H
#define IOP_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "data/change.h"
#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"

enum change_why {
	WHY_ADMITTED,        /* joined: new in the program */
	WHY_RETURNED,        /* joined: was not active last week (away) */
	WHY_DISCHARGED,      /* left: discharged */
	WHY_AWAY,            /* left: away the whole week */
	WHY_MASTERED,        /* left: mastered the type */
	WHY_NEED_CHANGED,    /* the need for the type appeared or went to 0 */
	WHY_PINNED,          /* a must pin on the new group or a never pin on the old */
	WHY_CANCELLED,       /* the old group does not run this week */
	WHY_NO_LONGER_FITS,  /* the old group no longer fits windows or tags */
	WHY_UNMET,           /* left: the need went unmet (see `reason`) */
	WHY_PLACED,          /* joined: had no group of the type last week */
	WHY_REBALANCED,      /* moved: the optimiser preferred it (trade-off) */
};

/* Short text for the report: "admitted", "mastered the topic", ... */
const char *change_why_text(enum change_why w);

struct change {
	enum change_kind kind;  /* joined, moved or left: kept is only counted */
	int patient;          /* clinic index */
	int type;
	int from, to;         /* clinic group indices, -1 when none */
	enum change_why why;
	enum unmet_reason reason; /* WHY_UNMET only */
};

struct change_list {
	struct change *items; /* sorted by patient id, then type */
	size_t n, cap;
	bool has_previous;    /* false: no previous roster, nothing listed */
	int joined, moved, left, kept;
	int admitted;         /* active patients new this week */
	int discharged;       /* patients discharged since the previous Monday */
};

/* `previous` is last week's roster as read (clinic indices, may name
 * patients no longer active; NULL when there is none); `now` the planned
 * roster and `u` its unmet needs. Returns STATUS_OK or STATUS_NO_MEMORY. */
enum status changes_compute(const struct week *w, const struct roster *previous,
			    const struct roster *now, const struct unmet_list *u,
			    struct change_list *out);

void changes_release(struct change_list *l);

#endif

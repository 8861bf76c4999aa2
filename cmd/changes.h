/* changes.h -- who joined, left and moved since the previous roster, and why,
 * for the weekly report and the JSON summary.
 *
 * Compared type by type with change_classify (data/change.h); the reason
 * for each is move_reason_of's (solver/move_reason.h), the same words
 * `explain` and `diff --clinic` give. */
#ifndef IOP_CHANGES_H
#define IOP_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "data/change.h"
#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"
#include "solver/move_reason.h"

struct change {
	enum change_kind kind;  /* joined, moved or left: kept is only counted */
	int patient;          /* clinic index */
	int type;
	int from, to;         /* clinic group indices, -1 when none */
	struct move_reason why;
	bool unmet;               /* left with the need unmet: `reason` says why */
	enum unmet_reason reason;
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

/* unmet.h -- needs the roster does not meet, each with one reason.
 *
 * For each active patient and type with need > 0 and no group of that type
 * (mastered types are not needs). The reasons, in the contract's order:
 *   no-group    no group of the type exists
 *   no-fit      none fits the patient's windows, tags or phase
 *   pinned-out  every fitting group has a `never` pin
 *   clash / hours / separation / full / not-running
 *               the one cause that blocks every fitting group (each fitting
 *               group's cause is the first of clash, hours, separation, full
 *               (at max_size), not-running (no members; the detail says why)
 *   trade-off   the optimiser preferred another roster (detail says what it
 *               gained) */
#ifndef IOP_UNMET_H
#define IOP_UNMET_H

#include <stdbool.h>
#include <stddef.h>

enum unmet_reason {
	REASON_NO_GROUP,
	REASON_NO_FIT,
	REASON_PINNED_OUT,
	REASON_CLASH,
	REASON_HOURS,
	REASON_SEPARATION,
	REASON_FULL,
	REASON_NOT_RUNNING,
	REASON_TRADE_OFF,
};

/* How many reasons there are, for arrays counted by reason. It follows the
 * last reason, and unmet.c's name table is checked against it when it
 * compiles, so a reason added to the enum cannot be left out of either. */
enum { UNMET_REASON_COUNT = REASON_TRADE_OFF + 1 };

struct unmet {
	int a;            /* active index (week.h) */
	int type;
	int need;         /* 1..4 */
	enum unmet_reason reason;
	char *detail;     /* owned, may be NULL: e.g. "gave g7 to 12 others" */
};

struct unmet_list {
	struct unmet *items;
	size_t n, cap;
};

/* "no-group", "no-fit", ... as written in unmet.csv. */
const char *unmet_reason_name(enum unmet_reason r);

bool unmet_add(struct unmet_list *l, int a, int type, int need,
	       enum unmet_reason reason, const char *detail);

void unmet_list_release(struct unmet_list *l);

#endif

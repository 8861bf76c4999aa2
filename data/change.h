/* change.h -- how a patient's place in one type of group changed between two
 * rosters: the one rule behind the roster file's change column, the report's
 * joins, moves and leaves, `diff`, and the simulation's churn metrics.
 *
 * For one patient and one type (for `diff` without a type column: one group):
 *   kept    in the same group before and now
 *   moved   in a group of the type before, in another one now
 *   joined  in none before, in one now
 *   left    in one before, in none now */
#ifndef IOP_CHANGE_H
#define IOP_CHANGE_H

#include <stdbool.h>

enum change_kind {
	CHANGE_JOINED,
	CHANGE_MOVED,
	CHANGE_LEFT,
	CHANGE_KEPT,
	CHANGE_NONE, /* in no group of the type either time: nothing to say */
};

/* "joined", "moved", "left", "kept" or "none", as written in roster files
 * and printed by diff; "unknown" for a value outside the enum. Never NULL. */
const char *change_kind_name(enum change_kind k);

/* before: the patient had a group of the type in the old roster; now: has
 * one in the new; same_group: one of those is the same group (only read
 * when both are true). */
enum change_kind change_classify(bool before, bool now, bool same_group);

#endif

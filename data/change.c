/* change.c -- kept, moved, joined or left: one rule, one set of names. */
#include "change.h"

static const char *const kind_names[] = {
	[CHANGE_JOINED] = "joined",
	[CHANGE_MOVED] = "moved",
	[CHANGE_LEFT] = "left",
	[CHANGE_KEPT] = "kept",
	[CHANGE_NONE] = "none",
};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == CHANGE_NONE + 1,
	       "every change kind has a name");

const char *change_kind_name(enum change_kind k)
{
	if ((int)k < 0 || (int)k > CHANGE_NONE)
		return "unknown";
	return kind_names[k];
}

enum change_kind change_classify(bool before, bool now, bool same_group)
{
	if (before && now)
		return same_group ? CHANGE_KEPT : CHANGE_MOVED;
	if (now)
		return CHANGE_JOINED;
	return before ? CHANGE_LEFT : CHANGE_NONE;
}

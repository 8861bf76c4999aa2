/* unmet.c -- the list of needs a roster leaves unmet, with their reasons. */
#include "unmet.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

static const char *const reason_names[] = {
	[REASON_NO_GROUP] = "no-group",
	[REASON_NO_FIT] = "no-fit",
	[REASON_PINNED_OUT] = "pinned-out",
	[REASON_CLASH] = "clash",
	[REASON_HOURS] = "hours",
	[REASON_SEPARATION] = "separation",
	[REASON_FULL] = "full",
	[REASON_NOT_RUNNING] = "not-running",
	[REASON_TRADE_OFF] = "trade-off",
};
_Static_assert(sizeof reason_names / sizeof reason_names[0] == UNMET_REASON_COUNT,
	       "every unmet reason has a name, and UNMET_REASON_COUNT follows the last");

const char *unmet_reason_name(enum unmet_reason r)
{
	if ((int)r < 0 || (int)r >= UNMET_REASON_COUNT)
		return "unknown";
	return reason_names[r];
}

bool unmet_add(struct unmet_list *l, int a, int type, int need,
	       enum unmet_reason reason, const char *detail)
{
	if (!GROW(l->items, l->n + 1, l->cap))
		return false;
	char *copy = NULL;
	if (detail != NULL && (copy = strdup(detail)) == NULL)
		return false;
	l->items[l->n++] = (struct unmet){
		.a = a, .type = type, .need = need, .reason = reason, .detail = copy,
	};
	return true;
}

void unmet_list_release(struct unmet_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].detail);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

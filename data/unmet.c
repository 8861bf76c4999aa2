/* unmet.c -- the list of needs a roster leaves unmet, with their reasons. */
#include "unmet.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

const char *unmet_reason_name(enum unmet_reason r)
{
	switch (r) {
	case REASON_NO_GROUP: return "no-group";
	case REASON_NO_FIT: return "no-fit";
	case REASON_PINNED_OUT: return "pinned-out";
	case REASON_CLASH: return "clash";
	case REASON_HOURS: return "hours";
	case REASON_SEPARATION: return "separation";
	case REASON_FULL: return "full";
	case REASON_TRADE_OFF: return "trade-off";
	}
	return "unknown";
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

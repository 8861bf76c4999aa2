/* roster.c -- a week's placements: building, ordering and membership.
 * Reading roster files lives in roster_read.c. */
#include "roster.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

bool roster_add(struct roster *r, int patient, int group, long line)
{
	if (!GROW(r->items, r->n + 1, r->cap))
		return false;
	r->items[r->n++] = (struct placement){ .patient = patient, .group = group, .line = line };
	return true;
}

/* qsort has no context argument in C17; the clinic is only read. */
static const struct clinic *sort_clinic;

static int cmp_placement(const void *pa, const void *pb)
{
	const struct placement *x = pa, *y = pb;
	const struct clinic *c = sort_clinic;
	int d = 0;
	if (x->patient != y->patient)
		d = strcmp(c->patients[x->patient].id, c->patients[y->patient].id);
	if (d == 0 && x->group != y->group)
		d = strcmp(c->groups[x->group].id, c->groups[y->group].id);
	if (d == 0 && x->patient != y->patient)
		d = x->patient < y->patient ? -1 : 1;
	if (d == 0 && x->group != y->group)
		d = x->group < y->group ? -1 : 1;
	/* Keep the earliest file line first so duplicates report it. */
	if (d == 0 && x->line != y->line)
		d = x->line < y->line ? -1 : 1;
	return d;
}

void roster_sort(struct roster *r, const struct clinic *c)
{
	if (r->n < 2)
		return;
	sort_clinic = c;
	qsort(r->items, r->n, sizeof *r->items, cmp_placement);
	sort_clinic = NULL;
	size_t out = 1;
	for (size_t i = 1; i < r->n; i++) {
		const struct placement *prev = &r->items[out - 1];
		if (r->items[i].patient == prev->patient && r->items[i].group == prev->group)
			continue;
		r->items[out++] = r->items[i];
	}
	r->n = out;
}

bool roster_contains(const struct roster *r, int patient, int group)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->items[i].patient == patient && r->items[i].group == group)
			return true;
	return false;
}

void roster_release(struct roster *r)
{
	if (r == NULL)
		return;
	free(r->items);
	r->items = NULL;
	r->n = r->cap = 0;
}

/* sessions.c -- a week's sessions in sign-in order. */
#include "sessions.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/grow.h"

int sessions_group_cmp(const struct clinic *c, int g, int h)
{
	if (c->groups[g].type != c->groups[h].type)
		return c->groups[g].type < c->groups[h].type ? -1 : 1;
	return (g > h) - (g < h);
}

static int session_cmp(const struct session *x, const struct session *y)
{
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	/* on one day: timed sessions by start, labels after them */
	int sx = x->timed ? x->start : 24 * 60, sy = y->timed ? y->start : 24 * 60;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	return (x->slot > y->slot) - (x->slot < y->slot);
}

bool sessions_of_group(const struct week *w, int g, struct session_list *out)
{
	const struct group *gr = &w->clinic->groups[g];
	size_t first = out->n;
	if (!GROW(out->items, out->n + gr->n_slots, out->cap))
		return false;
	for (size_t s = 0; s < gr->n_slots; s++) {
		const struct slot *sl = &gr->slots[s];
		int day = slot_day(sl);
		struct session ss = {
			.group = g, .slot = (int)s,
			.date = w->monday + (day >= 0 ? day : 0), .dated = day >= 0,
			.timed = sl->timed,
			.start = sl->timed ? sl->start : -1, .end = sl->timed ? sl->end : -1,
			.hours = group_slot_hours(gr, s),
		};
		/* insertion: a group has a handful of slots */
		size_t k = out->n;
		while (k > first && session_cmp(&out->items[k - 1], &ss) > 0) {
			out->items[k] = out->items[k - 1];
			k--;
		}
		out->items[k] = ss;
		out->n++;
	}
	return true;
}

enum status sessions_of_roster(const struct week *w, const struct roster *r,
			       struct session_list *out)
{
	*out = (struct session_list){ 0 };
	const struct clinic *c = w->clinic;
	bool *running = calloc(w->n_groups + 1, sizeof *running);
	int *order = malloc((w->n_groups + 1) * sizeof *order);
	enum status st = STATUS_OK;
	if (running == NULL || order == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct placement *pl = &r->items[i];
		if (pl->group >= 0 && (size_t)pl->group < w->n_groups && pl->patient >= 0 &&
		    (size_t)pl->patient < c->n_patients && w->active_of[pl->patient] >= 0)
			running[pl->group] = true;
	}
	size_t n = 0;
	for (size_t g = 0; g < w->n_groups; g++) {
		if (!running[g])
			continue;
		size_t k = n++;
		while (k > 0 && sessions_group_cmp(c, order[k - 1], (int)g) > 0) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = (int)g;
	}
	for (size_t i = 0; i < n; i++)
		if (!sessions_of_group(w, order[i], out)) {
			st = STATUS_NO_MEMORY;
			break;
		}
done:
	free(running);
	free(order);
	if (st != STATUS_OK)
		session_list_release(out);
	return st;
}

void session_time_format(int minutes, char *buf, size_t size)
{
	if (minutes < 0)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

void session_list_release(struct session_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	*l = (struct session_list){ 0 };
}

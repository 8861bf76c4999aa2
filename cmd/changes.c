/* changes.c -- joins, moves and leaves since the previous roster, with why. */
#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

static bool add(struct change_list *l, struct change c)
{
	if (!GROW(l->items, l->n + 1, l->cap))
		return false;
	l->items[l->n++] = c;
	return true;
}

/* The first group of type t that patient p has in r (by group id), or -1. */
static int group_of_type(const struct clinic *c, const struct roster *r, int p, int t)
{
	int best = -1;
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int g = r->items[i].group;
		if (r->items[i].patient != p || g < 0 || (size_t)g >= c->n_groups ||
		    c->groups[g].type != t)
			continue;
		if (best < 0 || strcmp(c->groups[g].id, c->groups[best].id) < 0)
			best = g;
	}
	return best;
}

/* A left patient's unmet need for the type, when there is one. */
static void unmet_of(const struct unmet_list *u, int a, struct change *ch)
{
	for (size_t i = 0; a >= 0 && u != NULL && i < u->n; i++)
		if (u->items[i].a == a && u->items[i].type == ch->type) {
			ch->unmet = true;
			ch->reason = u->items[i].reason;
		}
}

/* Every patient's changes, in clinic order; false when memory ran out. */
static enum status collect_changes(const struct move_context *x, const struct roster *previous,
				   const struct roster *now, const struct unmet_list *u,
				   struct change_list *out)
{
	const struct week *w = x->w;
	const struct clinic *c = w->clinic;
	for (size_t p = 0; p < c->n_patients; p++) {
		int a = w->active_of[p];
		for (size_t t = 0; t < w->n_types; t++) {
			int from = group_of_type(c, previous, (int)p, (int)t);
			int to = a >= 0 ? group_of_type(c, now, (int)p, (int)t) : -1;
			enum change_kind kind = change_classify(from >= 0, to >= 0, from == to);
			if (kind == CHANGE_NONE)
				continue;
			if (kind == CHANGE_KEPT) {
				out->kept++;
				continue;
			}
			struct change ch = { .kind = kind, .patient = (int)p, .type = (int)t,
					     .from = from, .to = to };
			enum status st = move_reason_of(x, (int)p, (int)t, from, to, &ch.why);
			if (st != STATUS_OK)
				return st;
			if (kind == CHANGE_JOINED) {
				out->joined++;
			} else if (kind == CHANGE_LEFT) {
				unmet_of(u, a, &ch);
				out->left++;
			} else {
				out->moved++;
			}
			if (!add(out, ch))
				return STATUS_NO_MEMORY;
		}
	}
	return STATUS_OK;
}

/* Sorted by patient id, then type; insertion sort keeps it simple and
 * the lists are short (they are read by a person). */
static void sort_changes(const struct clinic *c, struct change_list *out)
{
	for (size_t i = 1; i < out->n; i++) {
		struct change x = out->items[i];
		size_t j = i;
		while (j > 0) {
			const struct change *y = &out->items[j - 1];
			int d = strcmp(c->patients[y->patient].id, c->patients[x.patient].id);
			if (d < 0 || (d == 0 && y->type <= x.type))
				break;
			out->items[j] = *y;
			j--;
		}
		out->items[j] = x;
	}
}

enum status changes_compute(const struct week *w, const struct roster *previous,
			    const struct roster *now, const struct unmet_list *u,
			    struct change_list *out)
{
	memset(out, 0, sizeof *out);
	const struct clinic *c = w->clinic;
	for (size_t a = 0; a < w->n_active; a++)
		out->admitted += w->is_new[a];
	for (size_t p = 0; p < c->n_patients; p++) {
		day_t d = c->patients[p].discharge;
		if (d != DAY_NONE && d >= w->monday - 7 && d < w->monday)
			out->discharged++;
	}
	if (previous == NULL || !w->has_previous)
		return STATUS_OK;
	out->has_previous = true;

	struct move_context x;
	enum status st = move_context_init(&x, w, now);
	if (st == STATUS_OK)
		st = collect_changes(&x, previous, now, u, out);
	move_context_release(&x);
	if (st != STATUS_OK) {
		changes_release(out);
		return st;
	}
	sort_changes(c, out);
	return STATUS_OK;
}

void changes_release(struct change_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	memset(l, 0, sizeof *l);
}

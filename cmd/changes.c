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

/* For every patient p and type t, at [p * n_types + t], the first group
 * of type t that p has in r (by group id), or -1; NULL when memory ran
 * out. One pass over r: a large week's roster has tens of thousands of
 * rows, and scanning it for each patient took seconds. */
static int *groups_by_type(const struct week *w, const struct roster *r)
{
	const struct clinic *c = w->clinic;
	size_t nt = w->n_types;
	int *first = malloc((c->n_patients * nt + 1) * sizeof *first);
	if (first == NULL)
		return NULL;
	for (size_t i = 0; i < c->n_patients * nt; i++)
		first[i] = -1;
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= c->n_groups ||
		    c->groups[g].type < 0 || (size_t)c->groups[g].type >= nt)
			continue;
		int *best = &first[(size_t)p * nt + (size_t)c->groups[g].type];
		if (*best < 0 || strcmp(c->groups[g].id, c->groups[*best].id) < 0)
			*best = g;
	}
	return first;
}

/* For every active patient a and type t, at [a * n_types + t], the last
 * of u's unmet needs of a for t, or -1; NULL when memory ran out. */
static long *unmet_by_type(const struct week *w, const struct unmet_list *u)
{
	size_t nt = w->n_types;
	long *last = malloc((w->n_active * nt + 1) * sizeof *last);
	if (last == NULL)
		return NULL;
	for (size_t i = 0; i < w->n_active * nt; i++)
		last[i] = -1;
	for (size_t i = 0; u != NULL && i < u->n; i++) {
		int a = u->items[i].a, t = u->items[i].type;
		if (a >= 0 && (size_t)a < w->n_active && t >= 0 && (size_t)t < nt)
			last[(size_t)a * nt + (size_t)t] = (long)i;
	}
	return last;
}

/* Every patient's changes, in clinic order; false when memory ran out. */
static enum status collect_changes(const struct move_context *x, const struct roster *previous,
				   const struct roster *now, const struct unmet_list *u,
				   struct change_list *out)
{
	const struct week *w = x->w;
	const struct clinic *c = w->clinic;
	size_t nt = w->n_types;
	int *was = groups_by_type(w, previous), *is = groups_by_type(w, now);
	long *unmet = unmet_by_type(w, u);
	enum status st = STATUS_OK;
	if (was == NULL || is == NULL || unmet == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t p = 0; p < c->n_patients && st == STATUS_OK; p++) {
		int a = w->active_of[p];
		for (size_t t = 0; t < nt; t++) {
			int from = was[p * nt + t];
			int to = a >= 0 ? is[p * nt + t] : -1;
			enum change_kind kind = change_classify(from >= 0, to >= 0, from == to);
			if (kind == CHANGE_NONE)
				continue;
			if (kind == CHANGE_KEPT) {
				out->kept++;
				continue;
			}
			struct change ch = { .kind = kind, .patient = (int)p, .type = (int)t,
					     .from = from, .to = to };
			st = move_reason_of(x, (int)p, (int)t, from, to, &ch.why);
			if (st != STATUS_OK)
				break;
			if (kind == CHANGE_JOINED) {
				out->joined++;
			} else if (kind == CHANGE_LEFT) {
				long k = a >= 0 ? unmet[(size_t)a * nt + t] : -1;
				if (k >= 0) {
					ch.unmet = true;
					ch.reason = u->items[k].reason;
				}
				out->left++;
			} else {
				out->moved++;
			}
			if (!add(out, ch)) {
				st = STATUS_NO_MEMORY;
				break;
			}
		}
	}
done:
	free(was);
	free(is);
	free(unmet);
	return st;
}

/* A change's place in the list: by patient id, then type (one change per
 * patient and type, so the order is total). */
struct change_key {
	const char *id;
	int type;
	size_t i;
};

static int change_key_cmp(const void *pa, const void *pb)
{
	const struct change_key *x = pa, *y = pb;
	int d = strcmp(x->id, y->id);
	if (d != 0)
		return d;
	return (x->type > y->type) - (x->type < y->type);
}

static enum status sort_changes(const struct clinic *c, struct change_list *out)
{
	if (out->n < 2)
		return STATUS_OK;
	struct change_key *key = malloc(out->n * sizeof *key);
	struct change *sorted = malloc(out->n * sizeof *sorted);
	if (key == NULL || sorted == NULL) {
		free(key);
		free(sorted);
		return STATUS_NO_MEMORY;
	}
	for (size_t i = 0; i < out->n; i++)
		key[i] = (struct change_key){ c->patients[out->items[i].patient].id,
					      out->items[i].type, i };
	qsort(key, out->n, sizeof *key, change_key_cmp);
	for (size_t i = 0; i < out->n; i++)
		sorted[i] = out->items[key[i].i];
	memcpy(out->items, sorted, out->n * sizeof *sorted);
	free(key);
	free(sorted);
	return STATUS_OK;
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
	if (st == STATUS_OK)
		st = sort_changes(c, out);
	if (st != STATUS_OK)
		changes_release(out);
	return st;
}

void changes_release(struct change_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	memset(l, 0, sizeof *l);
}

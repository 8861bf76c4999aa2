/* changes.c -- joins, moves and leaves since the previous roster, with why. */
#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

const char *change_why_text(enum change_why w)
{
	switch (w) {
	case WHY_ADMITTED: return "admitted";
	case WHY_RETURNED: return "back after an absence";
	case WHY_DISCHARGED: return "discharged";
	case WHY_AWAY: return "away all week";
	case WHY_MASTERED: return "mastered the topic";
	case WHY_NEED_CHANGED: return "needs changed";
	case WHY_PINNED: return "pinned";
	case WHY_CANCELLED: return "group not running";
	case WHY_NO_LONGER_FITS: return "times or tags changed";
	case WHY_UNMET: return "need unmet";
	case WHY_PLACED: return "placed";
	case WHY_REBALANCED: return "rebalanced by the optimiser";
	}
	return "unknown";
}

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

/* What this week's and last week's views and rosters say about one
 * patient's change; `last` is NULL when last week could not be resolved. */
struct change_context {
	const struct week *w, *last;
	const bool *running; /* groups with a member this week */
	const struct unmet_list *u;
};

static enum change_why why_joined(const struct change_context *x, int p, int a, int t, int to)
{
	const struct week *w = x->w;
	int la = x->last ? x->last->active_of[p] : -1;
	if (w->is_new[a])
		return WHY_ADMITTED;
	if (x->last && la < 0)
		return WHY_RETURNED;
	if (w->pin[week_ag(w, a, to)] == PIN_MARK_MUST)
		return WHY_PINNED;
	if (x->last && la >= 0 && x->last->need[(size_t)la * w->n_types + (size_t)t] == 0)
		return WHY_NEED_CHANGED;
	return WHY_PLACED;
}

static enum change_why why_left(const struct change_context *x, struct change *ch, int a)
{
	const struct week *w = x->w;
	const struct patient *pt = &w->clinic->patients[ch->patient];
	if (a < 0)
		return pt->discharge != DAY_NONE && pt->discharge < w->monday
		       ? WHY_DISCHARGED : WHY_AWAY;
	size_t at = (size_t)a * w->n_types + (size_t)ch->type;
	if (w->mastered[at])
		return WHY_MASTERED;
	if (w->need[at] == 0)
		return WHY_NEED_CHANGED;
	if (w->pin[week_ag(w, a, ch->from)] == PIN_MARK_NEVER)
		return WHY_PINNED;
	if (!x->running[ch->from])
		return WHY_CANCELLED;
	if (!w->fits[week_ag(w, a, ch->from)])
		return WHY_NO_LONGER_FITS;
	ch->reason = REASON_TRADE_OFF;
	for (size_t i = 0; i < x->u->n; i++)
		if (x->u->items[i].a == a && x->u->items[i].type == ch->type)
			ch->reason = x->u->items[i].reason;
	return WHY_UNMET;
}

static enum change_why why_moved(const struct change_context *x, int a, int from, int to)
{
	const struct week *w = x->w;
	if (w->pin[week_ag(w, a, to)] == PIN_MARK_MUST ||
	    w->pin[week_ag(w, a, from)] == PIN_MARK_NEVER)
		return WHY_PINNED;
	if (!x->running[from])
		return WHY_CANCELLED;
	if (!w->fits[week_ag(w, a, from)])
		return WHY_NO_LONGER_FITS;
	return WHY_REBALANCED;
}

/* Every patient's changes, in clinic order; false when memory ran out. */
static bool collect_changes(const struct change_context *x, const struct roster *previous,
			    const struct roster *now, struct change_list *out)
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
			if (kind == CHANGE_JOINED) {
				ch.why = why_joined(x, (int)p, a, (int)t, to);
				out->joined++;
			} else if (kind == CHANGE_LEFT) {
				ch.why = why_left(x, &ch, a);
				out->left++;
			} else {
				ch.why = why_moved(x, a, from, to);
				out->moved++;
			}
			if (!add(out, ch))
				return false;
		}
	}
	return true;
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

	/* Last week as the clinic's files describe it now, for what changed
	 * in needs and activity. If it cannot be resolved, reasons that need
	 * it are simply not given. */
	struct week last;
	struct diag_list scratch = DIAG_LIST_INIT;
	bool have_last = week_resolve(c, w->monday - 7, NULL, NULL, &last, &scratch) == STATUS_OK;
	diag_list_release(&scratch);

	bool ok = false;
	bool *running = calloc(w->n_groups + 1, sizeof *running);
	if (running != NULL) {
		for (size_t i = 0; i < now->n; i++)
			running[now->items[i].group] = true;
		struct change_context x = { .w = w, .last = have_last ? &last : NULL,
					    .running = running, .u = u };
		ok = collect_changes(&x, previous, now, out);
	}
	free(running);
	if (have_last)
		week_release(&last);
	if (!ok) {
		changes_release(out);
		return STATUS_NO_MEMORY;
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

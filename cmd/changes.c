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

enum status changes_compute(const struct week *w, const struct roster *previous,
			    const struct roster *now, const struct unmet_list *u,
			    struct change_list *out)
{
	memset(out, 0, sizeof *out);
	const struct clinic *c = w->clinic;
	size_t nt = w->n_types;
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

	bool *running = calloc(w->n_groups + 1, sizeof *running);
	if (running == NULL)
		goto no_memory;
	for (size_t i = 0; i < now->n; i++)
		running[now->items[i].group] = true;

	/* Patients in clinic order, then sorted by id below. */
	for (size_t p = 0; p < c->n_patients; p++) {
		int a = w->active_of[p];
		int la = have_last ? last.active_of[p] : -1;
		for (size_t t = 0; t < nt; t++) {
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
			size_t at = a >= 0 ? (size_t)a * nt + t : 0;
			if (kind == CHANGE_JOINED) {
				if (w->is_new[a])
					ch.why = WHY_ADMITTED;
				else if (have_last && la < 0)
					ch.why = WHY_RETURNED;
				else if (w->pin[week_ag(w, a, to)] == PIN_MARK_MUST)
					ch.why = WHY_PINNED;
				else if (have_last && la >= 0 && last.need[(size_t)la * nt + t] == 0)
					ch.why = WHY_NEED_CHANGED;
				else
					ch.why = WHY_PLACED;
				out->joined++;
			} else if (kind == CHANGE_LEFT) {
				const struct patient *pt = &c->patients[p];
				if (a < 0)
					ch.why = pt->discharge != DAY_NONE && pt->discharge < w->monday
						 ? WHY_DISCHARGED : WHY_AWAY;
				else if (w->mastered[at])
					ch.why = WHY_MASTERED;
				else if (w->need[at] == 0)
					ch.why = WHY_NEED_CHANGED;
				else if (w->pin[week_ag(w, a, from)] == PIN_MARK_NEVER)
					ch.why = WHY_PINNED;
				else if (!running[from])
					ch.why = WHY_CANCELLED;
				else if (!w->fits[week_ag(w, a, from)])
					ch.why = WHY_NO_LONGER_FITS;
				else {
					ch.why = WHY_UNMET;
					ch.reason = REASON_TRADE_OFF;
					for (size_t i = 0; i < u->n; i++)
						if (u->items[i].a == a && u->items[i].type == (int)t)
							ch.reason = u->items[i].reason;
				}
				out->left++;
			} else { /* CHANGE_MOVED */
				if (w->pin[week_ag(w, a, to)] == PIN_MARK_MUST ||
				    w->pin[week_ag(w, a, from)] == PIN_MARK_NEVER)
					ch.why = WHY_PINNED;
				else if (!running[from])
					ch.why = WHY_CANCELLED;
				else if (!w->fits[week_ag(w, a, from)])
					ch.why = WHY_NO_LONGER_FITS;
				else
					ch.why = WHY_REBALANCED;
				out->moved++;
			}
			if (!add(out, ch))
				goto no_memory;
		}
	}
	free(running);
	if (have_last)
		week_release(&last);

	/* Sorted by patient id, then type; insertion sort keeps it simple and
	 * the lists are short (they are read by a person). */
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
	return STATUS_OK;

no_memory:
	free(running);
	if (have_last)
		week_release(&last);
	changes_release(out);
	return STATUS_NO_MEMORY;
}

void changes_release(struct change_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	memset(l, 0, sizeof *l);
}

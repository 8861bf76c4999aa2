/* makeup.c -- make-up sessions, each checked by the hard-rule checker. */
#include "makeup.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "data/base/grow.h"

#define SKIP_RULE_3 (1u << 3)

/* Session `later` begins after session `missed` has ended. */
static bool meets_after(const struct session *missed, const struct session *later)
{
	if (!later->dated)
		return false;
	if (later->date != missed->date)
		return later->date > missed->date;
	return missed->timed && later->timed && later->start >= missed->end;
}

static size_t count_violations(const struct week *w, const struct roster *r)
{
	struct diag_list d = DIAG_LIST_INIT;
	size_t n = rules_check_skip(w, r, NULL, SKIP_RULE_3, &d);
	diag_list_release(&d);
	return n;
}

static int cmp_makeup(const struct makeup *x, const struct makeup *y,
		      const struct session_list *ss)
{
	const struct session *a = &ss->items[x->session], *b = &ss->items[y->session];
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (x->free_seats != y->free_seats)
		return x->free_seats > y->free_seats ? -1 : 1;
	return (x->session > y->session) - (x->session < y->session);
}

enum status makeups_find(const struct attendance_week *aw, const struct roster *r,
			 size_t per_absence, struct makeup_list *out)
{
	memset(out, 0, sizeof *out);
	const struct week *w = aw->week;
	const struct clinic *c = w->clinic;
	int *members = calloc(w->n_groups + 1, sizeof *members);
	struct roster trial = { 0 };
	enum status st = STATUS_OK;
	if (members == NULL || !GROW(trial.items, r->n + 1, trial.cap)) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t i = 0; i < r->n; i++)
		if (w->active_of[r->items[i].patient] >= 0)
			members[r->items[i].group]++;
	memcpy(trial.items, r->items, r->n * sizeof *r->items);
	trial.n = r->n + 1;
	size_t baseline = count_violations(w, r);
	for (size_t m = 0; m < aw->n; m++) {
		const struct attendance_mark *mk = &aw->marks[m];
		if (mk->status != ATTEND_ABSENT && mk->status != ATTEND_EXCUSED)
			continue;
		const struct session *missed = &aw->sessions.items[mk->session];
		const struct patient *p = &c->patients[mk->patient];
		int type = c->groups[missed->group].type;
		size_t first = out->n;
		for (size_t s = 0; s < aw->sessions.n; s++) {
			const struct session *cand = &aw->sessions.items[s];
			int g = cand->group;
			if (g == missed->group || c->groups[g].type != type ||
			    !meets_after(missed, cand) ||
			    patient_known_absence(p, cand->date) != KNOWN_NONE ||
			    roster_contains(r, mk->patient, g))
				continue;
			trial.items[r->n] = (struct placement){ mk->patient, g, 0 };
			if (count_violations(w, &trial) > baseline)
				continue;
			if (!GROW(out->items, out->n + 1, out->cap)) {
				st = STATUS_NO_MEMORY;
				goto done;
			}
			struct makeup mu = { m, s, c->groups[g].max_size - members[g], 0 };
			size_t k = out->n++;
			while (k > first && cmp_makeup(&out->items[k - 1], &mu, &aw->sessions) > 0) {
				out->items[k] = out->items[k - 1];
				k--;
			}
			out->items[k] = mu;
		}
		size_t n = out->n - first;
		if (per_absence > 0 && n > per_absence)
			out->n = first + per_absence;
		for (size_t k = first; k < out->n; k++)
			out->items[k].rank = (int)(k - first + 1);
	}
done:
	free(members);
	roster_release(&trial);
	if (st != STATUS_OK)
		makeup_list_release(out);
	return st;
}

void makeup_list_release(struct makeup_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	memset(l, 0, sizeof *l);
}

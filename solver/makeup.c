/* makeup.c -- make-up sessions, each checked by the hard-rule checker. */
#include "makeup.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "data/base/grow.h"

#define SKIP_RULE_3 (1u << 3)

/* One week make-ups may fall in, with what checking them needs. */
struct week_seats {
	const struct attendance_week *aw;
	const struct roster *r;
	bool next_week;
	int *members;          /* [group] active members */
	struct roster trial;   /* r plus one placement at the end */
	size_t baseline;       /* violations r itself has (rule 3 aside) */
};

static size_t count_violations(const struct week *w, const struct roster *r)
{
	struct diag_list d = DIAG_LIST_INIT;
	size_t n = rules_check_skip(w, r, NULL, SKIP_RULE_3, &d);
	diag_list_release(&d);
	return n;
}

static bool seats_init(struct week_seats *ws, const struct attendance_week *aw,
		       const struct roster *r, bool next_week)
{
	const struct week *w = aw->week;
	*ws = (struct week_seats){ .aw = aw, .r = r, .next_week = next_week };
	ws->members = calloc(w->n_groups + 1, sizeof *ws->members);
	if (ws->members == NULL || !GROW(ws->trial.items, r->n + 1, ws->trial.cap))
		return false;
	for (size_t i = 0; i < r->n; i++)
		if (w->active_of[r->items[i].patient] >= 0)
			ws->members[r->items[i].group]++;
	memcpy(ws->trial.items, r->items, r->n * sizeof *r->items);
	ws->trial.n = r->n + 1;
	ws->baseline = count_violations(w, r);
	return true;
}

static void seats_release(struct week_seats *ws)
{
	free(ws->members);
	roster_release(&ws->trial);
}

/* Session `later` begins after session `missed` has ended. */
static bool meets_after(const struct session *missed, const struct session *later)
{
	if (!later->dated)
		return false;
	if (later->date != missed->date)
		return later->date > missed->date;
	return missed->timed && later->timed && later->start >= missed->end;
}

const struct session *makeup_session(const struct makeup *m, const struct attendance_week *aw,
				     const struct attendance_week *next)
{
	return m->next_week ? &next->sessions.items[m->session] : &aw->sessions.items[m->session];
}

/* Soonest first, then most free seats, then this week before the next
 * (never equal dates) and session order. */
static int cmp_makeup(const struct makeup *x, const struct makeup *y,
		      const struct attendance_week *aw, const struct attendance_week *next)
{
	const struct session *a = makeup_session(x, aw, next), *b = makeup_session(y, aw, next);
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (x->free_seats != y->free_seats)
		return x->free_seats > y->free_seats ? -1 : 1;
	if (x->next_week != y->next_week)
		return x->next_week ? 1 : -1;
	return (x->session > y->session) - (x->session < y->session);
}

/* Adds the make-ups of one week for absence mark m, kept in rank order
 * from out->items[first]. */
static bool offer(struct week_seats *ws, const struct attendance_week *aw,
		  const struct attendance_week *next, size_t m, size_t first,
		  struct makeup_list *out)
{
	const struct attendance_mark *mk = &aw->marks[m];
	const struct session *missed = &aw->sessions.items[mk->session];
	const struct week *w = ws->aw->week;
	const struct clinic *c = w->clinic;
	const struct patient *p = &c->patients[mk->patient];
	int type = c->groups[missed->group].type;
	for (size_t s = 0; s < ws->aw->sessions.n; s++) {
		const struct session *cand = &ws->aw->sessions.items[s];
		int g = cand->group;
		if (g == missed->group || c->groups[g].type != type || !meets_after(missed, cand) ||
		    (ws->next_week && cand->date >= w->monday + MAKEUP_NEXT_WEEK_DAYS) ||
		    patient_known_absence(p, cand->date) != KNOWN_NONE ||
		    roster_contains(ws->r, mk->patient, g))
			continue;
		ws->trial.items[ws->r->n] = (struct placement){ mk->patient, g, 0 };
		if (count_violations(w, &ws->trial) > ws->baseline)
			continue;
		if (!GROW(out->items, out->n + 1, out->cap))
			return false;
		struct makeup mu = { m, ws->next_week, s, c->groups[g].max_size - ws->members[g], 0 };
		size_t k = out->n++;
		while (k > first && cmp_makeup(&out->items[k - 1], &mu, aw, next) > 0) {
			out->items[k] = out->items[k - 1];
			k--;
		}
		out->items[k] = mu;
	}
	return true;
}

enum status makeups_find(const struct attendance_week *aw, const struct roster *r,
			 const struct attendance_week *next, const struct roster *next_roster,
			 size_t per_absence, struct makeup_list *out)
{
	memset(out, 0, sizeof *out);
	struct week_seats weeks[2];
	size_t n_weeks = next != NULL && next_roster != NULL ? 2 : 1;
	bool ok = seats_init(&weeks[0], aw, r, false);
	if (n_weeks == 2)
		ok &= seats_init(&weeks[1], next, next_roster, true);
	for (size_t m = 0; m < aw->n && ok; m++) {
		const struct attendance_mark *mk = &aw->marks[m];
		if (mk->status != ATTEND_ABSENT && mk->status != ATTEND_EXCUSED)
			continue;
		size_t first = out->n;
		for (size_t k = 0; k < n_weeks && ok; k++)
			ok = offer(&weeks[k], aw, next, m, first, out);
		if (per_absence > 0 && out->n - first > per_absence)
			out->n = first + per_absence;
		for (size_t k = first; k < out->n; k++)
			out->items[k].rank = (int)(k - first + 1);
	}
	for (size_t k = 0; k < n_weeks; k++)
		seats_release(&weeks[k]);
	if (!ok) {
		makeup_list_release(out);
		return STATUS_NO_MEMORY;
	}
	return STATUS_OK;
}

void makeup_list_release(struct makeup_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	memset(l, 0, sizeof *l);
}

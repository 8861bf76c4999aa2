/* advice.c -- the extra group that would meet the most unmet needs, found by
 * re-solving the week with each candidate added; groups near their minimum. */
#include "advice.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan.h"
#include "data/fit.h"
#include "data/base/clock.h"
#include "data/base/grow.h"
#include "work.h"

void advice_options_init(struct advice_options *o)
{
	memset(o, 0, sizeof *o);
	o->time_limit = 3.0;
	o->max_candidates = 6;
}

/* met[a * n_types + t]: the roster gives a a group of type t where need > 0. */
static bool *met_matrix(const struct week *w, const struct roster *r)
{
	bool *met = calloc(w->n_active * w->n_types + 1, sizeof *met);
	if (met == NULL)
		return NULL;
	const struct clinic *c = w->clinic;
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= c->n_groups)
			continue;
		int a = w->active_of[p];
		if (a < 0)
			continue;
		size_t k = (size_t)a * w->n_types + (size_t)c->groups[g].type;
		if (w->need[k] > 0)
			met[k] = true;
	}
	return met;
}

int advice_needs_met(const struct week *w, const struct roster *r)
{
	bool *met = met_matrix(w, r);
	if (met == NULL)
		return -1;
	int n = 0;
	for (size_t k = 0; k < w->n_active * w->n_types; k++)
		n += met[k];
	free(met);
	return n;
}

const struct advice_candidate *advice_best(const struct advice *a)
{
	if (a == NULL || a->n_candidates == 0)
		return NULL;
	const struct advice_candidate *b = &a->candidates[0];
	return b->evaluated && b->met_after > b->met_before ? b : NULL;
}

/* ---- groups near their minimum ---- */

static const struct clinic *sort_clinic; /* qsort has no context in C17 */

static int cmp_risk(const void *x, const void *y)
{
	const struct advice_risk *p = x, *q = y;
	int sp = p->members - p->leaving - p->min_size;
	int sq = q->members - q->leaving - q->min_size;
	if (sp != sq)
		return sp < sq ? -1 : 1;
	return strcmp(sort_clinic->groups[p->group].id, sort_clinic->groups[q->group].id);
}

static enum status find_risks(const struct week *w, const struct roster *r, struct advice *out)
{
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups;
	int *members = calloc(ng + 1, sizeof *members);
	int *leaving = calloc(ng + 1, sizeof *leaving);
	out->risks = calloc(ng + 1, sizeof *out->risks);
	if (members == NULL || leaving == NULL || out->risks == NULL) {
		free(members);
		free(leaving);
		return STATUS_NO_MEMORY;
	}
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= ng ||
		    w->active_of[p] < 0)
			continue;
		members[g]++;
		/* A planned discharge inside this week: gone by next Monday. */
		day_t dis = c->patients[p].discharge;
		if (dis != DAY_NONE && dis < w->monday + 7)
			leaving[g]++;
	}
	for (size_t g = 0; g < ng; g++) {
		int min = c->groups[g].min_size;
		if (members[g] == 0 || members[g] - leaving[g] > min)
			continue;
		out->risks[out->n_risks++] = (struct advice_risk){
			.group = (int)g, .members = members[g], .min_size = min,
			.leaving = leaving[g],
		};
	}
	sort_clinic = c;
	qsort(out->risks, out->n_risks, sizeof *out->risks, cmp_risk);
	sort_clinic = NULL;
	free(members);
	free(leaving);
	return STATUS_OK;
}

/* ---- candidates ---- */

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The usual length in minutes of one timed session of type t (the median
 * over its groups' timed slots; over all groups when it has none; two hours
 * when no group has a timed slot). */
static int usual_minutes(const struct clinic *c, int t)
{
	size_t n_all = 0;
	for (size_t g = 0; g < c->n_groups; g++)
		n_all += c->groups[g].n_slots;
	int *len = malloc((n_all + 1) * sizeof *len);
	if (len == NULL)
		return 120;
	int result = 120;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		for (size_t g = 0; g < c->n_groups; g++) {
			if (pass == 0 && c->groups[g].type != t)
				continue;
			for (size_t s = 0; s < c->groups[g].n_slots; s++)
				if (c->groups[g].slots[s].timed)
					len[n++] = c->groups[g].slots[s].end - c->groups[g].slots[s].start;
		}
		if (n > 0) {
			qsort(len, n, sizeof *len, cmp_int);
			result = len[(n - 1) / 2];
			break;
		}
	}
	free(len);
	return result;
}

/* The median of value(group) over the type's groups that have slots (over
 * all groups if the type has none); `fallback` if no group has slots or
 * memory is short. */
static int type_median(const struct clinic *c, int t, int (*value)(const struct group *),
		       int fallback)
{
	int *v = malloc((c->n_groups + 1) * sizeof *v);
	if (v == NULL)
		return fallback;
	int result = fallback;
	for (int pass = 0; pass < 2; pass++) {
		size_t n = 0;
		for (size_t g = 0; g < c->n_groups; g++)
			if ((pass == 1 || c->groups[g].type == t) && c->groups[g].n_slots > 0)
				v[n++] = value(&c->groups[g]);
		if (n > 0) {
			qsort(v, n, sizeof *v, cmp_int);
			result = v[(n - 1) / 2];
			break;
		}
	}
	free(v);
	return result;
}

static int centi_hours_per_slot(const struct group *g)
{
	return (int)(100.0 * g->hours / (double)g->n_slots + 0.5);
}

static int slot_count(const struct group *g)
{
	return (int)g->n_slots;
}

/* The usual hours of one session given as a label: the median of hours per
 * slot over the type's groups (all groups if none), else two. */
static double usual_label_hours(const struct clinic *c, int t)
{
	int centi = type_median(c, t, centi_hours_per_slot, 200);
	return centi > 0 ? centi / 100.0 : 2.0;
}

int advice_usual_sessions(const struct clinic *c, int t)
{
	return type_median(c, t, slot_count, 1);
}

void advice_when(const struct advice_candidate *c, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < c->n_slots && len + 1 < size; i++) {
		char one[64];
		slot_format(&c->slots[i], one, sizeof one);
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "; " : "", one);
	}
}

static bool same_slot(const struct slot *x, const struct slot *y)
{
	if (x->timed != y->timed)
		return false;
	if (x->timed)
		return x->day == y->day && x->start == y->start && x->end == y->end;
	return strcmp(x->label, y->label) == 0;
}

static int cmp_slot(const struct slot *x, const struct slot *y)
{
	if (x->timed != y->timed)
		return x->timed ? -1 : 1;
	if (x->timed) {
		if (x->day != y->day)
			return x->day < y->day ? -1 : 1;
		if (x->start != y->start)
			return x->start < y->start ? -1 : 1;
		return (x->end > y->end) - (x->end < y->end);
	}
	return strcmp(x->label, y->label);
}

/* Session by session, then fewer sessions first. */
static int cmp_slots(const struct advice_candidate *p, const struct advice_candidate *q)
{
	for (size_t i = 0; i < p->n_slots && i < q->n_slots; i++) {
		int d = cmp_slot(&p->slots[i], &q->slots[i]);
		if (d != 0)
			return d;
	}
	return (p->n_slots > q->n_slots) - (p->n_slots < q->n_slots);
}

/* Trial order: most fitting unmet needs first, then type, then time. */
static int cmp_trial(const void *x, const void *y)
{
	const struct advice_candidate *p = x, *q = y;
	if (p->fitting != q->fitting)
		return p->fitting > q->fitting ? -1 : 1;
	if (p->type != q->type)
		return p->type < q->type ? -1 : 1;
	return cmp_slots(p, q);
}

static int gain(const struct advice_candidate *c)
{
	return c->met_after - c->met_before;
}

/* Result order: evaluated before not, most needs gained, best score, then
 * trial order (stable through the fitting/type/time keys). */
static int cmp_result(const void *x, const void *y)
{
	const struct advice_candidate *p = x, *q = y;
	if (p->evaluated != q->evaluated)
		return p->evaluated ? -1 : 1;
	if (p->evaluated) {
		if (gain(p) != gain(q))
			return gain(p) > gain(q) ? -1 : 1;
		if (p->score_after != q->score_after)
			return p->score_after > q->score_after ? -1 : 1;
	}
	return cmp_trial(x, y);
}

static void candidate_release(struct advice_candidate *c)
{
	for (size_t i = 0; i < c->n_slots; i++)
		slot_release(&c->slots[i]);
	free(c->slots);
	free(c->gained_a);
	free(c->gained_t);
	free(c->lost_a);
	free(c->lost_t);
	free(c->moves);
}

struct candidate_list {
	struct advice_candidate *items;
	size_t n, cap;
};

/* Adds (t, slots) unless already there; the slots are copied. */
static enum status add_candidate(struct candidate_list *l, int t, const struct slot *slots,
				 size_t n, int like_group)
{
	for (size_t i = 0; i < l->n; i++) {
		bool same = l->items[i].type == t && l->items[i].n_slots == n;
		for (size_t k = 0; same && k < n; k++)
			same = same_slot(&l->items[i].slots[k], &slots[k]);
		if (same)
			return STATUS_OK;
	}
	if (!GROW(l->items, l->n + 1, l->cap))
		return STATUS_NO_MEMORY;
	struct advice_candidate *c = &l->items[l->n];
	memset(c, 0, sizeof *c);
	c->type = t;
	c->like_group = like_group;
	c->slots = calloc(n + 1, sizeof *c->slots);
	if (c->slots == NULL)
		return STATUS_NO_MEMORY;
	l->n++; /* from here candidate_release frees what is copied */
	for (size_t k = 0; k < n; k++) {
		c->slots[k] = slots[k];
		c->slots[k].label = NULL;
		if (!slots[k].timed && (c->slots[k].label = strdup(slots[k].label)) == NULL)
			return STATUS_NO_MEMORY;
		c->n_slots++;
	}
	return STATUS_OK;
}

static int cmp_slot_ptr(const void *x, const void *y)
{
	return cmp_slot(*(const struct slot *const *)x, *(const struct slot *const *)y);
}

/* The session a window offers: a label as is; a timed window from its
 * start for `minutes` at most. False for a window under an hour: no
 * group's time. */
static bool session_of_window(const struct slot *win, int minutes, struct slot *out)
{
	*out = *win;
	if (!win->timed)
		return true;
	if (win->end - win->start < 60)
		return false;
	if (win->end - win->start > minutes)
		out->end = out->start + minutes;
	return true;
}

/* Up to k sessions from one patient's windows in day and time order, one
 * a day (a label says nothing sure of its day: distinct labels), a timed
 * window from its start for `minutes` (a window under an hour is no
 * group's time). Returns how many were found, into out[0..k-1]. */
static size_t sessions_from_windows(const struct patient *p, int k, int minutes,
				    struct slot *out)
{
	const struct slot **order = malloc((p->n_available + 1) * sizeof *order);
	if (order == NULL)
		return 0;
	for (size_t i = 0; i < p->n_available; i++)
		order[i] = &p->available[i];
	if (p->n_available > 0)
		qsort(order, p->n_available, sizeof *order, cmp_slot_ptr);
	size_t n = 0;
	for (size_t i = 0; i < p->n_available && n < (size_t)k; i++) {
		struct slot s;
		if (!session_of_window(order[i], minutes, &s))
			continue;
		bool taken = false;
		for (size_t j = 0; j < n && !taken; j++)
			taken = s.timed ? out[j].timed && out[j].day == s.day
					: !out[j].timed && strcmp(out[j].label, s.label) == 0;
		if (!taken)
			out[n++] = s;
	}
	free(order);
	return n;
}

/* A group with the candidate's slots only, for the fit rules. */
static struct group candidate_group(const struct advice_candidate *cand)
{
	return (struct group){ .type = cand->type, .slots = cand->slots,
			       .n_slots = cand->n_slots, .hours = cand->hours };
}

/* Every distinct candidate the unmet patients suggest, shaped like their
 * type's groups; the types that get none into out->unshaped. */
static enum status gather_candidates(const struct week *w, const struct unmet_list *u,
				     struct candidate_list *l, struct advice *out)
{
	const struct clinic *c = w->clinic;
	out->unshaped = calloc(w->n_types + 1, sizeof *out->unshaped);
	if (out->unshaped == NULL)
		return STATUS_NO_MEMORY;
	for (size_t t = 0; t < w->n_types; t++) {
		size_t first = l->n;
		bool any = false;
		int sessions = advice_usual_sessions(c, (int)t);
		int minutes = usual_minutes(c, (int)t);
		struct slot *found = calloc((size_t)sessions + 1, sizeof *found);
		if (found == NULL)
			return STATUS_NO_MEMORY;
		for (size_t i = 0; i < u->n; i++) {
			if (u->items[i].type != (int)t)
				continue;
			any = true;
			const struct patient *p = &c->patients[w->active[u->items[i].a]];
			enum status st = STATUS_OK;
			if (sessions == 1) {
				/* Once a week: every window is a time of its own. */
				for (size_t k = 0; st == STATUS_OK && k < p->n_available; k++)
					if (session_of_window(&p->available[k], minutes, found))
						st = add_candidate(l, (int)t, found, 1, -1);
			} else if (sessions_from_windows(p, sessions, minutes, found) ==
				   (size_t)sessions) {
				st = add_candidate(l, (int)t, found, (size_t)sessions, -1);
			}
			/* A second group like one of the type the patient fits. */
			for (size_t g = 0; st == STATUS_OK && g < c->n_groups; g++)
				if (c->groups[g].type == (int)t && p->n_available > 0 &&
				    group_fits_windows(&c->groups[g], p))
					st = add_candidate(l, (int)t, c->groups[g].slots,
							   c->groups[g].n_slots, (int)g);
			if (st != STATUS_OK) {
				free(found);
				return st;
			}
		}
		free(found);
		if (any && l->n == first)
			out->unshaped[out->n_unshaped++] =
				(struct advice_unshaped){ .type = (int)t, .sessions = sessions };
	}
	for (size_t i = 0; i < l->n; i++) {
		struct advice_candidate *cand = &l->items[i];
		cand->min_size = c->settings.min_size;
		cand->max_size = c->settings.max_size;
		if (cand->like_group >= 0) {
			cand->hours = c->groups[cand->like_group].hours;
		} else {
			cand->hours = 0;
			for (size_t k = 0; k < cand->n_slots; k++)
				cand->hours += cand->slots[k].timed
					       ? slot_hours(&cand->slots[k])
					       : usual_label_hours(c, cand->type);
		}
		struct group g = candidate_group(cand);
		for (size_t k = 0; k < u->n; k++)
			if (u->items[k].type == cand->type &&
			    group_fits_windows(&g, &c->patients[w->active[u->items[k].a]]))
				cand->fitting++;
	}
	return STATUS_OK;
}

/* Patients who could join at all: need for the type, times fit. A group
 * that could never reach its minimum is not worth a re-solve. */
static int could_join(const struct week *w, const struct advice_candidate *cand)
{
	struct group g = candidate_group(cand);
	int n = 0;
	for (size_t a = 0; a < w->n_active; a++)
		if (w->need[a * w->n_types + (size_t)cand->type] > 0 &&
		    group_fits_windows(&g, &w->clinic->patients[w->active[a]]))
			n++;
	return n;
}

static int cmp_group_id(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return strcmp(sort_clinic->groups[a].id, sort_clinic->groups[b].id);
}

/* The week's clinic with one candidate added as group number n_groups: a
 * shallow copy that shares everything but the groups, their order by id
 * and the pins. Never copied: the new group's id points into it. */
struct trial {
	struct clinic copy;
	struct group *groups;
	int *by_id;
	struct pin *pins;
	char id[32];
};

static void trial_release(struct trial *t)
{
	free(t->groups);
	free(t->by_id);
	free(t->pins);
}

/* An id no group has, so lookups by id stay unambiguous. */
static void unused_id(const struct clinic *c, char *id, size_t size)
{
	for (int k = 0;; k++) {
		snprintf(id, size, k ? "+extra%d" : "+extra", k);
		bool taken = false;
		for (size_t g = 0; g < c->n_groups && !taken; g++)
			taken = strcmp(c->groups[g].id, id) == 0;
		if (!taken)
			return;
	}
}

/* Sets every pointer of t, so trial_release is safe whatever this returns. */
static enum status trial_init(struct trial *t, const struct week *w, const struct roster *r,
			      struct advice_candidate *cand, bool keep_others)
{
	const struct clinic *c = w->clinic;
	size_t ng = c->n_groups;
	t->copy = *c;
	t->groups = malloc((ng + 1) * sizeof *t->groups);
	t->by_id = malloc((ng + 1) * sizeof *t->by_id);
	/* at most: the clinic's pins, one per placement, one per eligible pair */
	size_t max_pins = c->n_pins + r->n + 1;
	if (keep_others)
		for (size_t k = 0; k < w->n_active * ng; k++)
			max_pins += w->eligible[k];
	t->pins = malloc(max_pins * sizeof *t->pins);
	if (t->groups == NULL || t->by_id == NULL || t->pins == NULL)
		return STATUS_NO_MEMORY;
	unused_id(c, t->id, sizeof t->id);
	if (ng > 0)
		memcpy(t->groups, c->groups, ng * sizeof *t->groups);
	t->groups[ng] = (struct group){
		.id = t->id, .type = cand->type, .slots = cand->slots, .n_slots = cand->n_slots,
		.hours = cand->hours, .min_size = cand->min_size, .max_size = cand->max_size,
	};
	t->copy.groups = t->groups;
	t->copy.n_groups = ng + 1;
	for (size_t g = 0; g <= ng; g++)
		t->by_id[g] = (int)g;
	sort_clinic = &t->copy;
	qsort(t->by_id, ng + 1, sizeof *t->by_id, cmp_group_id);
	sort_clinic = NULL;
	t->copy.group_by_id = t->by_id;
	if (c->n_pins > 0)
		memcpy(t->pins, c->pins, c->n_pins * sizeof *t->pins);
	t->copy.pins = t->pins;
	return STATUS_OK;
}

/* Planned again: every placement in the candidate's type, and every
 * placement of a patient with an unmet need (who may give up a group to
 * gain two). The rest is held: must pins on what they have, never pins on
 * other groups. False when out of memory. */
static bool hold_others(struct trial *t, const struct week *w, const struct roster *r,
			const bool *has_unmet, int type)
{
	const struct clinic *c = w->clinic;
	size_t ng = c->n_groups;
	bool *in = calloc(w->n_active * ng + 1, sizeof *in);
	if (in == NULL)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		int a = w->active_of[r->items[i].patient];
		if (a >= 0)
			in[week_ag(w, a, r->items[i].group)] = true;
	}
	for (size_t a = 0; a < w->n_active; a++) {
		int p = w->active[a];
		if (has_unmet[a])
			continue;
		for (size_t g = 0; g < ng; g++) {
			size_t k = week_ag(w, (int)a, (int)g);
			if ((!in[k] && !w->eligible[k]) || c->groups[g].type == type)
				continue;
			/* A pair the clinic already pins keeps its own pin. */
			bool pinned = w->pin[k] != PIN_MARK_NONE;
			if (!pinned)
				t->pins[t->copy.n_pins++] = (struct pin){
					.patient = p, .group = (int)g,
					.rule = in[k] ? PIN_MUST : PIN_NEVER,
				};
		}
	}
	free(in);
	return true;
}

/* A re-solve's share: seconds (the safety stop) and ticks. */
struct share {
	double seconds;
	long long ticks;
};

/* The week resolved again over the trial clinic, with the same previous
 * roster, and planned within `limit`. */
static enum status replan(const struct week *w, const struct trial *t, struct share limit,
			  const struct advice_options *o, struct week *w2,
			  struct plan_result *res)
{
	struct roster prev = { 0 };
	size_t ng = w->clinic->n_groups;
	if (w->has_previous) {
		for (size_t a = 0; a < w->n_active; a++)
			for (size_t g = 0; g < ng; g++)
				if (w->previous[week_ag(w, (int)a, (int)g)] &&
				    !roster_add(&prev, w->active[a], (int)g, 0)) {
					roster_release(&prev);
					return STATUS_NO_MEMORY;
				}
	}
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status st = week_resolve(&t->copy, w->monday, w->has_previous ? &prev : NULL,
				      w->previous_path, w2, &scratch);
	if (st == STATUS_OK) {
		struct plan_options po;
		plan_options_init(&po);
		po.time_limit = limit.seconds;
		po.work = (double)(limit.ticks > 0 ? limit.ticks : 1) / 1000.0;
		po.stop = o->stop;
		st = plan_week(w2, &po, res, &scratch);
	}
	diag_list_release(&scratch);
	roster_release(&prev);
	return st;
}

/* Needs met with the candidate against those met by the given roster. */
struct comparison {
	int n_met, n_lost;
	int *gained_a, *gained_t; /* (active index, type) met now, not before */
	size_t n_gained;
	int *lost_a, *lost_t;     /* met before, not now */
	struct advice_move *moves;
	size_t n_moves;
	double hours_before, hours_after;
};

static void comparison_release(struct comparison *cmp)
{
	free(cmp->gained_a);
	free(cmp->gained_t);
	free(cmp->lost_a);
	free(cmp->lost_t);
	free(cmp->moves);
}

/* [a * n_types + t]: a's group of type t in r (the lowest index), or -1;
 * the hours of r's placements of active patients into *hours. */
static int *group_matrix(const struct week *w, const struct roster *r, double *hours)
{
	const struct clinic *c = w->clinic;
	size_t cells = w->n_active * w->n_types;
	int *m = malloc((cells + 1) * sizeof *m);
	if (m == NULL)
		return NULL;
	for (size_t k = 0; k < cells; k++)
		m[k] = -1;
	*hours = 0;
	for (size_t i = 0; i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= c->n_groups)
			continue;
		int a = w->active_of[p];
		if (a < 0)
			continue;
		*hours += c->groups[g].hours;
		size_t k = (size_t)a * w->n_types + (size_t)c->groups[g].type;
		if (m[k] < 0 || g < m[k])
			m[k] = g;
	}
	return m;
}

/* Every (patient, type) whose group differs between the given roster and
 * the re-solved one, into cmp->moves. */
static enum status list_moves(const struct week *w, const struct week *w2,
			      const struct roster *given, const struct roster *after,
			      struct comparison *cmp)
{
	int *before = group_matrix(w, given, &cmp->hours_before);
	int *now = group_matrix(w2, after, &cmp->hours_after);
	size_t cells = w->n_active * w->n_types;
	cmp->moves = malloc((cells + 1) * sizeof *cmp->moves);
	if (before == NULL || now == NULL || cmp->moves == NULL) {
		free(before);
		free(now);
		return STATUS_NO_MEMORY;
	}
	for (size_t k = 0; k < cells; k++)
		if (before[k] != now[k])
			cmp->moves[cmp->n_moves++] = (struct advice_move){
				.a = (int)(k / w->n_types), .type = (int)(k % w->n_types),
				.from = before[k], .to = now[k],
			};
	free(before);
	free(now);
	return STATUS_OK;
}

static enum status compare_met(const struct week *w, const struct week *w2,
			       const struct roster *after, const bool *met_before,
			       struct comparison *cmp)
{
	bool *met_after = met_matrix(w2, after);
	size_t cells = w->n_active * w->n_types;
	cmp->gained_a = malloc((cells + 1) * sizeof *cmp->gained_a);
	cmp->gained_t = malloc((cells + 1) * sizeof *cmp->gained_t);
	cmp->lost_a = malloc((cells + 1) * sizeof *cmp->lost_a);
	cmp->lost_t = malloc((cells + 1) * sizeof *cmp->lost_t);
	if (met_after == NULL || cmp->gained_a == NULL || cmp->gained_t == NULL ||
	    cmp->lost_a == NULL || cmp->lost_t == NULL) {
		free(met_after);
		return STATUS_NO_MEMORY;
	}
	for (size_t k = 0; k < cells; k++) {
		cmp->n_met += met_after[k];
		if (met_before[k] && !met_after[k]) {
			cmp->lost_a[cmp->n_lost] = (int)(k / w->n_types);
			cmp->lost_t[cmp->n_lost] = (int)(k % w->n_types);
			cmp->n_lost++;
		}
		if (met_after[k] && !met_before[k]) {
			cmp->gained_a[cmp->n_gained] = (int)(k / w->n_types);
			cmp->gained_t[cmp->n_gained] = (int)(k % w->n_types);
			cmp->n_gained++;
		}
	}
	free(met_after);
	return STATUS_OK;
}

/* The result replaces the candidate's when it meets more needs; or as
 * many with fewer placements changed (a director weighs every patient
 * moved); or as many, as few changes, and a proven whole-week result
 * (exact: it wins a tie). Takes the gained lists when it does. */
static void keep_if_better(struct advice_candidate *cand, struct comparison *cmp,
			   int n_met_before, const struct plan_result *res, int group,
			   bool keep_others)
{
	if (cand->evaluated) {
		if (cmp->n_met != cand->met_after) {
			if (cmp->n_met < cand->met_after)
				return;
		} else if (cmp->n_moves != cand->n_moves) {
			if (cmp->n_moves > cand->n_moves)
				return;
		} else if (keep_others || !res->optimal) {
			return;
		}
	}
	free(cand->gained_a);
	free(cand->gained_t);
	free(cand->lost_a);
	free(cand->lost_t);
	free(cand->moves);
	cand->gained_a = cmp->gained_a;
	cand->gained_t = cmp->gained_t;
	cand->lost_a = cmp->lost_a;
	cand->lost_t = cmp->lost_t;
	cand->moves = cmp->moves;
	cmp->gained_a = cmp->gained_t = cmp->lost_a = cmp->lost_t = NULL;
	cmp->moves = NULL;
	cand->n_gained = cmp->n_gained;
	cand->n_lost = cmp->n_lost;
	cand->n_moves = cmp->n_moves;
	cand->hours_before = cmp->hours_before;
	cand->hours_after = cmp->hours_after;
	cand->met_before = n_met_before;
	cand->met_after = cmp->n_met;
	cand->members = 0;
	for (size_t i = 0; i < res->roster.n; i++)
		cand->members += res->roster.items[i].group == group;
	cand->score_after = res->score.total;
	cand->optimal = res->optimal;
	cand->whole_week = !keep_others;
	cand->evaluated = true;
}

/* The given roster's needs met, against which every re-solve is compared. */
struct given {
	const struct week *w;
	const struct roster *r;
	bool *met;               /* met_matrix of r */
	int n_met;
	bool *has_unmet;         /* per active patient: an unmet need */
};

static enum status given_init(struct given *gv, const struct unmet_list *u)
{
	const struct week *w = gv->w;
	gv->met = met_matrix(w, gv->r);
	if (gv->met == NULL)
		return STATUS_NO_MEMORY;
	for (size_t k = 0; k < w->n_active * w->n_types; k++)
		gv->n_met += gv->met[k];
	gv->has_unmet = calloc(w->n_active + 1, sizeof *gv->has_unmet);
	if (gv->has_unmet == NULL)
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < u->n; i++)
		gv->has_unmet[u->items[i].a] = true;
	return STATUS_OK;
}

static void given_release(struct given *gv)
{
	free(gv->met);
	free(gv->has_unmet);
}

/* Re-solves the week with `cand` added as group number n_groups. With
 * `keep_others`, only the candidate type's placements and the placements of
 * patients with an unmet need are re-planned; everyone else keeps their
 * other groups (pins): a smaller problem, solved fast and to optimality
 * even where the whole week is not, whose gain is a lower bound on the
 * whole re-solve's. */
static enum status evaluate(const struct given *gv, struct advice_candidate *cand,
			    struct share limit, bool keep_others, const struct advice_options *o,
			    long long *ticks)
{
	const struct week *w = gv->w;
	const struct roster *r = gv->r;
	struct trial t;
	struct week w2;
	struct plan_result res;
	struct comparison cmp = { 0 };
	memset(&w2, 0, sizeof w2);
	memset(&res, 0, sizeof res);
	enum status st = trial_init(&t, w, r, cand, keep_others);
	if (st == STATUS_OK && keep_others &&
	    !hold_others(&t, w, r, gv->has_unmet, cand->type))
		st = STATUS_NO_MEMORY;
	if (st == STATUS_OK) {
		st = replan(w, &t, limit, o, &w2, &res);
		/* what a failed re-solve used is not known: count its share */
		*ticks = st == STATUS_OK ? res.work_used : limit.ticks;
		/* Stopped, or no roster within the limit: this candidate stays
		 * unevaluated. Only running out of memory ends the advice. */
		if (st != STATUS_OK) {
			if (st != STATUS_NO_MEMORY)
				st = STATUS_OK;
		} else {
			st = compare_met(w, &w2, &res.roster, gv->met, &cmp);
			if (st == STATUS_OK)
				st = list_moves(w, &w2, r, &res.roster, &cmp);
			if (st == STATUS_OK)
				keep_if_better(cand, &cmp, gv->n_met, &res,
					       (int)w->clinic->n_groups, keep_others);
		}
	}
	comparison_release(&cmp);
	plan_result_release(&res);
	week_release(&w2);
	trial_release(&t);
	return st;
}

/* The candidates worth a re-solve, into out: in trial order, the first
 * max_candidates that fit some unmet need and that enough patients could
 * join to reach the minimum. */
static enum status choose_candidates(const struct week *w, const struct unmet_list *u,
				     const struct advice_options *o, struct advice *out)
{
	struct candidate_list l = { 0 };
	enum status st = gather_candidates(w, u, &l, out);
	if (st != STATUS_OK) {
		for (size_t i = 0; i < l.n; i++)
			candidate_release(&l.items[i]);
		free(l.items);
		return st;
	}
	if (l.n > 0) /* l.items is NULL when no window suggested a time */
		qsort(l.items, l.n, sizeof *l.items, cmp_trial);
	size_t keep = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (keep < (size_t)o->max_candidates && l.items[i].fitting > 0 &&
		    could_join(w, &l.items[i]) >= l.items[i].min_size) {
			if (keep != i) {
				struct advice_candidate tmp = l.items[keep];
				l.items[keep] = l.items[i];
				l.items[i] = tmp;
			}
			keep++;
		}
	}
	for (size_t i = keep; i < l.n; i++)
		candidate_release(&l.items[i]);
	out->candidates = l.items;
	out->n_candidates = keep;
	return STATUS_OK;
}

/* Re-solves the candidates in their order until `until` seconds after
 * `started` and `*used` ticks reach `until_ticks`, each with its share of
 * the time and work left: the smaller re-solves (keep_others) an equal
 * share each, the whole week half of it (all of it for the last). `expect`
 * is the longest re-solve expected, in both: one is not started with less
 * left. The work decides first, the same on every run; the time only when
 * the machine is slower than the budget assumes. */
static enum status evaluate_round(const struct given *gv, struct advice *out,
				  const struct advice_options *o, double started, double until,
				  long long *used, long long until_ticks, struct share expect,
				  bool keep_others)
{
	size_t n = out->n_candidates;
	for (size_t i = 0; i < n; i++) {
		if (o->stop != NULL && *o->stop)
			break;
		long long left_ticks = until_ticks - *used;
		if (left_ticks <= 0 || left_ticks < expect.ticks)
			break;
		double left = until - (clock_seconds() - started);
		if (left <= 0.01 || left < expect.seconds)
			break;
		double t = clock_seconds();
		double part = keep_others ? 1.0 / (double)(n - i) : (i + 1 < n ? 0.5 : 1.0);
		struct share limit = { part * left, (long long)(part * (double)left_ticks) };
		long long ticks = 0;
		enum status st = evaluate(gv, &out->candidates[i], limit, keep_others, o, &ticks);
		*used += ticks;
		if (st != STATUS_OK)
			return st;
		if (clock_seconds() - t > expect.seconds)
			expect.seconds = clock_seconds() - t;
		if (ticks > expect.ticks)
			expect.ticks = ticks;
	}
	return STATUS_OK;
}

enum status advice_compute(const struct week *w, const struct roster *r,
			   const struct unmet_list *u, const struct advice_options *o,
			   struct advice *out)
{
	memset(out, 0, sizeof *out);
	double started = clock_seconds();
	enum status st = find_risks(w, r, out);
	if (st != STATUS_OK)
		return st;
	out->unmet = (int)u->n;
	if (u->n == 0)
		return STATUS_OK;
	st = choose_candidates(w, u, o, out);
	if (st != STATUS_OK || out->n_candidates == 0)
		return st;
	/* From here on out owns the candidates; advice_release frees them. */
	struct given gv = { .w = w, .r = r };
	st = given_init(&gv, u);
	/* First every candidate with only its type planned again (small
	 * problems, proven fast: a sound lower bound), in at most 40% of the
	 * time; then the whole week again, best candidates first, each with
	 * half of what is left, keeping whichever result meets more needs.
	 * A re-solve is not started when the time left is shorter than the
	 * longest of its kind so far (at first, a guess from the plan's own
	 * time): building a large model takes what it takes, whatever the
	 * limit, and advice must not hold up the roster. */
	long long budget = o->work > 0 ? (long long)(o->work * 1000.0)
				       : work_for_seconds(o->time_limit);
	long long used = 0;
	if (st == STATUS_OK)
		st = evaluate_round(&gv, out, o, started, 0.4 * o->time_limit, &used,
				    (long long)(0.4 * (double)budget),
				    (struct share){ o->plan_seconds / 4, o->plan_work / 4 }, true);
	if (st == STATUS_OK) {
		qsort(out->candidates, out->n_candidates, sizeof *out->candidates, cmp_result);
		st = evaluate_round(&gv, out, o, started, o->time_limit, &used, budget,
				    (struct share){ o->plan_seconds, o->plan_work }, false);
	}
	if (st == STATUS_OK) {
		for (size_t i = 0; i < out->n_candidates; i++)
			out->n_evaluated += out->candidates[i].evaluated;
		qsort(out->candidates, out->n_candidates, sizeof *out->candidates, cmp_result);
	}
	given_release(&gv);
	return st;
}

void advice_release(struct advice *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->n_candidates; i++)
		candidate_release(&a->candidates[i]);
	free(a->candidates);
	free(a->risks);
	free(a->unshaped);
	memset(a, 0, sizeof *a);
}

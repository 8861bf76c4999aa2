/* week.c -- resolving the clinic for one week: the contract's "active",
 * "effective need", "phase" and "eligible", with fit and clash (fit.h)
 * tabulated. */
#include "week.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"

/* calloc that never returns NULL for a zero count, so "no patients this
 * week" is not mistaken for an allocation failure. */
static void *zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* The contract: an away range (or several together) covering the whole of
 * Monday to Friday makes the patient inactive; a shorter absence is only a
 * missed session. */
static bool away_whole_week(const struct patient *p, day_t monday)
{
	for (day_t d = monday; d <= monday + 4; d++) {
		bool covered = false;
		for (size_t i = 0; i < p->n_away && !covered; i++)
			covered = p->away[i].first <= d && d <= p->away[i].last;
		if (!covered)
			return false;
	}
	return true;
}

static bool is_active(const struct patient *p, day_t monday)
{
	if (p->admitted > monday + 6)
		return false;
	if (p->discharge != DAY_NONE && p->discharge < monday)
		return false;
	return !away_whole_week(p, monday);
}

static long floor_div7(long x)
{
	return x >= 0 ? x / 7 : -((-x + 6) / 7);
}

double group_slot_hours(const struct group *g, size_t s)
{
	if (s >= g->n_slots)
		return 0;
	bool all_timed = true;
	double length = 0;
	for (size_t i = 0; i < g->n_slots; i++) {
		all_timed &= g->slots[i].timed;
		length += slot_hours(&g->slots[i]);
	}
	return all_timed && length > 0 ? g->hours * slot_hours(&g->slots[s]) / length
				       : g->hours / (double)g->n_slots;
}

/* Each slot's share (group_slot_hours) falls on the slot's day, or on no day. */
static void group_day_hours(const struct group *g, double *out)
{
	for (int d = 0; d < WEEK_DAYS; d++)
		out[d] = 0;
	for (size_t i = 0; i < g->n_slots; i++) {
		int d = slot_day(&g->slots[i]);
		if (d >= 0)
			out[d] += group_slot_hours(g, i);
	}
}

void week_billing_of_hours(const struct week *w, const double day_hours[WEEK_DAYS],
			   struct billing *out)
{
	const struct settings *settings = &w->clinic->settings;
	out->days = 0;
	for (int d = 0; d < WEEK_DAYS; d++) {
		out->day_hours[d] = day_hours[d];
		/* a day without group hours is never billable, however small
		 * billable_day_hours is */
		if (day_hours[d] >= settings->billable_day_hours - DAY_HOURS_EPS && day_hours[d] > 0)
			out->days++;
	}
	out->billable = settings->billable_days > 0 && out->days >= settings->billable_days;
}

void week_billing(const struct week *w, const int *groups, size_t n, struct billing *out)
{
	double hours[WEEK_DAYS] = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (groups[i] < 0 || (size_t)groups[i] >= w->n_groups)
			continue;
		for (int d = 0; d < WEEK_DAYS; d++)
			hours[d] += w->day_hours[(size_t)groups[i] * WEEK_DAYS + (size_t)d];
	}
	week_billing_of_hours(w, hours, out);
}

bool week_may_bill(const struct week *w, int a)
{
	const struct clinic *c = w->clinic;
	if (c->settings.billable_days <= 0)
		return false;
	double most[WEEK_DAYS] = { 0 };
	for (size_t t = 0; t < w->n_types; t++) {
		double best[WEEK_DAYS] = { 0 };
		for (size_t g = 0; g < w->n_groups; g++) {
			if ((size_t)c->groups[g].type != t || !w->eligible[week_ag(w, a, (int)g)])
				continue;
			for (size_t d = 0; d < WEEK_DAYS; d++)
				if (w->day_hours[g * WEEK_DAYS + d] > best[d])
					best[d] = w->day_hours[g * WEEK_DAYS + d];
		}
		for (size_t d = 0; d < WEEK_DAYS; d++)
			most[d] += best[d];
	}
	struct billing b;
	week_billing_of_hours(w, most, &b);
	return b.billable;
}

/* Effective needs: the latest progress record per (patient, type) dated on
 * or before Monday decides mastery; on the same date the later file row. */
static enum status resolve_needs(const struct clinic *c, struct week *w)
{
	size_t nt = w->n_types;
	size_t cells = w->n_active * nt;
	day_t *latest = malloc((cells ? cells : 1) * sizeof *latest);
	long *latest_line = malloc((cells ? cells : 1) * sizeof *latest_line);
	int *score = malloc((cells ? cells : 1) * sizeof *score);
	if (latest == NULL || latest_line == NULL || score == NULL) {
		free(latest);
		free(latest_line);
		free(score);
		return STATUS_NO_MEMORY;
	}
	for (size_t i = 0; i < cells; i++) {
		latest[i] = DAY_NONE;
		latest_line[i] = -1;
		score[i] = -1;
	}
	for (size_t i = 0; i < c->n_progress; i++) {
		const struct progress_record *r = &c->progress[i];
		if (r->patient < 0 || (size_t)r->patient >= c->n_patients ||
		    r->type < 0 || (size_t)r->type >= nt || r->date > w->monday)
			continue;
		int a = w->active_of[r->patient];
		if (a < 0)
			continue;
		size_t k = (size_t)a * nt + (size_t)r->type;
		/* Records are in file order, so ">=" on the line lets a later
		 * row on the same date win even when lines are not recorded. */
		if (latest[k] == DAY_NONE || r->date > latest[k] ||
		    (r->date == latest[k] && r->line >= latest_line[k])) {
			latest[k] = r->date;
			latest_line[k] = r->line;
			score[k] = r->score;
		}
	}
	for (size_t a = 0; a < w->n_active; a++) {
		const struct patient *p = &c->patients[w->active[a]];
		for (size_t t = 0; t < nt; t++) {
			size_t k = a * nt + t;
			w->mastered[k] = score[k] >= 0 && score[k] >= c->settings.mastery;
			w->need[k] = w->mastered[k] ? 0 : p->need[t];
		}
	}
	free(latest);
	free(latest_line);
	free(score);
	return STATUS_OK;
}

/* Numbers the active patients in clinic order. */
static bool resolve_active(const struct clinic *c, struct week *w)
{
	w->active_of = zalloc(c->n_patients, sizeof *w->active_of);
	w->active = zalloc(c->n_patients, sizeof *w->active);
	if (w->active_of == NULL || w->active == NULL)
		return false;
	for (size_t i = 0; i < c->n_patients; i++) {
		w->active_of[i] = -1;
		if (is_active(&c->patients[i], w->monday)) {
			w->active_of[i] = (int)w->n_active;
			w->active[w->n_active++] = (int)i;
		}
	}
	return true;
}

/* Every table sized by the active patients, zeroed. */
static bool allocate_tables(const struct clinic *c, struct week *w)
{
	size_t na = w->n_active, ng = w->n_groups, nt = w->n_types;
	w->need = zalloc(na * nt, sizeof *w->need);
	w->mastered = zalloc(na * nt, sizeof *w->mastered);
	w->weeks_in = zalloc(na, sizeof *w->weeks_in);
	w->advanced = zalloc(na, sizeof *w->advanced);
	w->is_new = zalloc(na, sizeof *w->is_new);
	w->fits = zalloc(na * ng, sizeof *w->fits);
	w->eligible = zalloc(na * ng, sizeof *w->eligible);
	w->pin = zalloc(na * ng, sizeof *w->pin);
	w->previous = zalloc(na * ng, sizeof *w->previous);
	w->clash = zalloc(ng * ng, sizeof *w->clash);
	w->facilitator_clash = zalloc(ng * ng, sizeof *w->facilitator_clash);
	w->day_hours = zalloc(ng * WEEK_DAYS, sizeof *w->day_hours);
	w->separations = zalloc(c->n_separations, sizeof *w->separations);
	w->pins = zalloc(c->n_pins, sizeof *w->pins);
	return w->need && w->mastered && w->weeks_in && w->advanced && w->is_new &&
	       w->fits && w->eligible && w->pin && w->previous && w->clash &&
	       w->facilitator_clash && w->day_hours && w->separations && w->pins;
}

static void resolve_tenure(const struct clinic *c, struct week *w)
{
	for (size_t a = 0; a < w->n_active; a++) {
		const struct patient *p = &c->patients[w->active[a]];
		long weeks = floor_div7((long)w->monday - (long)p->admitted);
		w->weeks_in[a] = (int)weeks;
		w->advanced[a] = weeks >= c->settings.advanced_weeks;
		w->is_new[a] = weeks <= 0;
	}
}

/* Pins of active patients; a must pin that cannot hold is bad input,
 * reported for every such row. Returns false when one was. */
static bool resolve_pins(const struct clinic *c, struct week *w, struct diag_list *diag)
{
	bool ok = true;
	for (size_t i = 0; i < c->n_pins; i++) {
		const struct pin *pn = &c->pins[i];
		if (pn->patient < 0 || (size_t)pn->patient >= c->n_patients ||
		    pn->group < 0 || (size_t)pn->group >= w->n_groups)
			continue;
		int a = w->active_of[pn->patient];
		if (a < 0)
			continue;
		size_t k = week_ag(w, a, pn->group);
		w->pins[w->n_pins++] = (struct active_pin){
			.a = a, .g = pn->group, .rule = pn->rule, .line = pn->line,
		};
		w->pin[k] = pn->rule == PIN_MUST ? PIN_MARK_MUST : PIN_MARK_NEVER;
		if (pn->rule == PIN_MUST && !w->fits[k]) {
			const struct patient *p = &c->patients[pn->patient];
			const struct group *g = &c->groups[pn->group];
			bool windows = group_fits_windows(g, p), tags = patient_has_tags(p, g);
			char file[4096], phase[64];
			snprintf(file, sizeof file, "%s%spins.csv", c->folder ? c->folder : "",
				 c->folder ? "/" : "");
			if (windows && tags) {
				/* the only misfit left is the phase: say both weeks,
				 * the director then sees which one to change */
				group_phase_format(g, phase, sizeof phase);
				diag_error(diag, file, pn->line, 0, NULL,
					   "must pin puts '%s' in '%s', which does not fit the "
					   "patient's phase (week %d since admission; the group takes %s)",
					   p->id, g->id, week_phase(w, a), phase);
			} else {
				diag_error(diag, file, pn->line, 0, NULL,
					   "must pin puts '%s' in '%s', which does not fit the patient's %s",
					   p->id, g->id, windows ? "tags" : "windows");
			}
			ok = false;
		}
	}
	return ok;
}

static void resolve_fits(const struct clinic *c, struct week *w)
{
	size_t ng = w->n_groups;
	for (size_t a = 0; a < w->n_active; a++) {
		const struct patient *p = &c->patients[w->active[a]];
		/* v2: the phase depends on the week, so it joins here */
		int phase = week_phase(w, (int)a);
		for (size_t g = 0; g < ng; g++)
			w->fits[a * ng + g] = group_fits_patient(&c->groups[g], p) &&
					      group_admits_phase(&c->groups[g], phase);
	}
}

/* The contract's eligibility, over fit, pins and need. */
static void resolve_eligible(const struct clinic *c, struct week *w)
{
	size_t na = w->n_active, ng = w->n_groups, nt = w->n_types;
	for (size_t a = 0; a < na; a++) {
		for (size_t g = 0; g < ng; g++) {
			size_t k = a * ng + g;
			int t = c->groups[g].type;
			int need = t >= 0 && (size_t)t < nt ? w->need[a * nt + (size_t)t] : 0;
			w->eligible[k] = w->fits[k] && w->pin[k] != PIN_MARK_NEVER &&
					 (need > 0 || w->pin[k] == PIN_MARK_MUST);
		}
	}
}

static void resolve_separations(const struct clinic *c, struct week *w)
{
	for (size_t i = 0; i < c->n_separations; i++) {
		const struct separation *s = &c->separations[i];
		if (s->a < 0 || s->b < 0 || (size_t)s->a >= c->n_patients ||
		    (size_t)s->b >= c->n_patients)
			continue;
		int a = w->active_of[s->a], b = w->active_of[s->b];
		if (a < 0 || b < 0)
			continue;
		w->separations[w->n_separations++] =
			(struct active_separation){ .a = a, .b = b, .line = s->line };
	}
}

static void resolve_previous(const struct clinic *c, struct week *w,
			     const struct roster *previous)
{
	if (previous == NULL)
		return;
	w->has_previous = true;
	for (size_t i = 0; i < previous->n; i++) {
		const struct placement *pl = &previous->items[i];
		if (pl->patient < 0 || (size_t)pl->patient >= c->n_patients ||
		    pl->group < 0 || (size_t)pl->group >= w->n_groups)
			continue;
		int a = w->active_of[pl->patient];
		if (a >= 0)
			w->previous[week_ag(w, a, pl->group)] = true;
	}
}

static void resolve_clashes(const struct clinic *c, struct week *w)
{
	size_t ng = w->n_groups;
	for (size_t g = 0; g < ng; g++) {
		for (size_t h = g + 1; h < ng; h++) {
			const struct group *x = &c->groups[g], *y = &c->groups[h];
			bool cl = groups_clash(x, y);
			bool fc = cl && x->facilitator != NULL && y->facilitator != NULL &&
				  facilitator_cmp(x->facilitator, y->facilitator) == 0;
			w->clash[g * ng + h] = w->clash[h * ng + g] = cl;
			w->facilitator_clash[g * ng + h] = w->facilitator_clash[h * ng + g] = fc;
		}
	}
}

/* Contract v2: each group's hours on each day, for billable days. */
static void resolve_day_hours(const struct clinic *c, struct week *w)
{
	for (size_t g = 0; g < w->n_groups; g++)
		group_day_hours(&c->groups[g], &w->day_hours[g * WEEK_DAYS]);
}

enum status week_resolve(const struct clinic *c, day_t monday,
			 const struct roster *previous, const char *previous_path,
			 struct week *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	struct week *w = out;
	w->clinic = c;
	w->monday = monday;
	w->n_groups = c->n_groups;
	w->n_types = c->n_types;

	if (!resolve_active(c, w) || !allocate_tables(c, w))
		goto no_memory;
	resolve_tenure(c, w);
	if (resolve_needs(c, w) != STATUS_OK)
		goto no_memory;
	resolve_fits(c, w);
	bool pins_ok = resolve_pins(c, w, diag);
	resolve_eligible(c, w);
	resolve_separations(c, w);
	resolve_previous(c, w, previous);
	if (previous_path != NULL && (w->previous_path = strdup(previous_path)) == NULL)
		goto no_memory;
	resolve_clashes(c, w);
	resolve_day_hours(c, w);

	if (!pins_ok) {
		week_release(w);
		return STATUS_BAD_DATA;
	}
	return STATUS_OK;

no_memory:
	week_release(w);
	return STATUS_NO_MEMORY;
}

void week_release(struct week *w)
{
	if (w == NULL)
		return;
	free(w->active);
	free(w->active_of);
	free(w->need);
	free(w->mastered);
	free(w->weeks_in);
	free(w->advanced);
	free(w->is_new);
	free(w->fits);
	free(w->eligible);
	free(w->pin);
	free(w->previous);
	free(w->clash);
	free(w->facilitator_clash);
	free(w->day_hours);
	free(w->separations);
	free(w->pins);
	free(w->previous_path);
	memset(w, 0, sizeof *w);
}

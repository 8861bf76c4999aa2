/* simulate.c -- the week-to-week loop: progress, departures, admissions, plan. */
#include "simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/admissions.h"
#include "data/date.h"
#include "data/roster_csv.h"
#include "plan.h"
#include "reasons.h"
#include "waitlist_seat.h"
#include "data/base/rng.h"

/* Ten years of weeks: far beyond any staffing question, small enough that
 * a typo (--weeks 52000) is caught as a mistake. */
#define SIM_MAX_WEEKS 520
/* Admission history older than this many weeks says little about next
 * month's intake (and patients.csv keeps fewer of those patients). */
#define HISTORY_WEEKS 26

void sim_options_init(struct sim_options *o)
{
	memset(o, 0, sizeof *o);
	o->weeks = 12;
	o->time_limit = 3;
	o->gap = 0;
	o->min_stay = 90;
	o->source = SIM_ADMIT_NONE;
	o->seed = 1;
}

static day_t week_of(day_t d)
{
	return d - date_weekday(d);
}

static void *zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* Grows the per-patient arrays to the clinic's patient count. */
static bool track_patients(struct simulation *s)
{
	size_t n = s->clinic.n_patients;
	day_t *pd = realloc(s->planned_discharge, (n ? n : 1) * sizeof *pd);
	if (!pd)
		return false;
	s->planned_discharge = pd;
	day_t *co = realloc(s->completed_on, (n ? n : 1) * sizeof *co);
	if (!co)
		return false;
	s->completed_on = co;
	bool *dr = realloc(s->dropped_out, (n ? n : 1) * sizeof *dr);
	if (!dr)
		return false;
	s->dropped_out = dr;
	return true;
}

/* Adds a patient (taking over *p) and remembers its planned discharge. */
static bool add_patient(struct simulation *s, struct patient *p)
{
	day_t discharge = p->discharge;
	if (!admissions_append(&s->clinic, p))
		return false;
	if (!track_patients(s))
		return false;
	s->planned_discharge[s->clinic.n_patients - 1] = discharge;
	s->completed_on[s->clinic.n_patients - 1] = DAY_NONE;
	s->dropped_out[s->clinic.n_patients - 1] = false;
	return true;
}

/* The simulated week `day` falls in (0 for any day before the first):
 * a week folder's waitlist.csv, like its patients.csv, holds whoever
 * arrives during that week. */
static size_t week_holding(const struct simulation *s, day_t day)
{
	return day <= s->opt.first ? 0 : (size_t)((day - s->opt.first) / 7);
}

/* Puts *p (taken over) on the waiting list, asking on p->admitted. */
static bool join_waitlist(struct simulation *s, struct patient *p)
{
	struct sim_waiting *grown = realloc(s->waiting, (s->n_waiting + 1) * sizeof *grown);
	if (!grown)
		return false;
	s->waiting = grown;
	s->waiting[s->n_waiting++] = (struct sim_waiting){
		.p = *p, .joined = week_holding(s, p->admitted), .started = -1 };
	memset(p, 0, sizeof *p);
	return true;
}

/* An arrival: starts now, or queues when there is a waiting list. */
static bool arrive(struct simulation *s, struct patient *p)
{
	return s->opt.use_waitlist ? join_waitlist(s, p) : add_patient(s, p);
}

/* Whether someone ever on the waiting list has this id (they keep it
 * when they start, so a new id must not be theirs). */
static bool on_waitlist(const struct simulation *s, const char *id)
{
	for (size_t i = 0; i < s->n_waiting; i++)
		if (strcmp(s->waiting[i].p.id, id) == 0)
			return true;
	return false;
}

bool simulation_waiting_in(const struct simulation *s, size_t i, size_t k)
{
	const struct sim_waiting *e = &s->waiting[i];
	return e->joined <= k && (e->started < 0 || (size_t)e->started > k);
}

static int cmp_admitted(const void *pa, const void *pb)
{
	const struct patient *x = pa, *y = pb;
	if (x->admitted != y->admitted)
		return x->admitted < y->admitted ? -1 : 1;
	/* File order for the same day: lines are unique within the file. */
	return (x->line > y->line) - (x->line < y->line);
}

static enum status init_queue(struct simulation *s, const struct sim_options *opt,
			      struct diag_list *diag)
{
	size_t n = opt->n_admissions;
	s->queue = zalloc(n, sizeof *s->queue);
	if (!s->queue)
		return STATUS_NO_MEMORY;
	enum status st = STATUS_OK;
	char first[11];
	date_format(opt->first, first);
	for (size_t i = 0; i < n; i++) {
		const struct patient *src = &opt->admissions[i];
		bool taken = clinic_find_patient(&s->clinic, src->id) >= 0;
		for (size_t j = 0; j < s->n_queue && !taken; j++)
			taken = strcmp(s->queue[j].id, src->id) == 0;
		if (taken) {
			diag_error(diag, NULL, 0, 0, NULL,
				   "admission '%s': the id is already a patient's", src->id);
			st = STATUS_BAD_DATA;
			continue;
		}
		if (on_waitlist(s, src->id)) {
			diag_error(diag, NULL, 0, 0, NULL,
				   "admission '%s': the id is already on the waiting list", src->id);
			st = STATUS_BAD_DATA;
			continue;
		}
		if (src->admitted < opt->first) {
			/* Stale rows of an expected-admissions list: whoever came
			 * already is in patients.csv. */
			char day[11];
			date_format(src->admitted, day);
			diag_warning(diag, NULL, src->line, 0, NULL,
				     "admission '%s' (admitted %s) is before the first "
				     "simulated week %s: skipped", src->id, day, first);
			continue;
		}
		if (!patient_copy(&s->queue[s->n_queue], src, s->clinic.n_types))
			return STATUS_NO_MEMORY;
		s->n_queue++;
	}
	qsort(s->queue, s->n_queue, sizeof *s->queue, cmp_admitted);
	return st;
}

/* Admissions per week over the weeks before the first simulated one. */
static enum status init_history(struct simulation *s, const struct sim_options *opt,
				struct diag_list *diag)
{
	const struct clinic *c = &s->clinic;
	day_t last = opt->first - 7, earliest = DAY_NONE;
	for (size_t i = 0; i < s->n_original; i++)
		if (c->patients[i].admitted < opt->first &&
		    week_of(c->patients[i].admitted) < earliest)
			earliest = week_of(c->patients[i].admitted);
	if (earliest == DAY_NONE) {
		char day[11];
		date_format(opt->first, day);
		diag_warning(diag, "patients.csv", 0, 0, NULL,
			     "no admission before %s to draw weekly admissions from: "
			     "none are simulated", day);
		return STATUS_OK;
	}
	if (earliest < last - 7 * (HISTORY_WEEKS - 1))
		earliest = last - 7 * (HISTORY_WEEKS - 1);
	s->n_history = (size_t)((last - earliest) / 7 + 1);
	s->history = zalloc(s->n_history, sizeof *s->history);
	if (!s->history)
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < s->n_original; i++) {
		day_t w = week_of(c->patients[i].admitted);
		if (w >= earliest && w <= last)
			s->history[(w - earliest) / 7]++;
	}
	return STATUS_OK;
}

enum status simulation_init(struct simulation *s, struct clinic *clinic,
			    const struct roster *previous,
			    const struct sim_options *opt, struct diag_list *diag)
{
	memset(s, 0, sizeof *s);
	s->clinic = *clinic;
	memset(clinic, 0, sizeof *clinic);
	s->opt = *opt;
	s->opt.admissions = NULL;
	s->opt.n_admissions = 0;
	s->n_original = s->clinic.n_patients;
	s->n_original_progress = s->clinic.n_progress;
	s->rng = (struct rng){ opt->seed };
	/* Its own stream: drawing attendance never shifts the admissions
	 * drawn for a seed. */
	s->draw = (struct rng){ opt->seed ^ 0x9e3779b97f4a7c15ULL };
	s->next_sim_id = 1;
	s->opt.waitlist = NULL;
	s->opt.n_waitlist = 0;

	if (!date_is_monday(opt->first)) {
		diag_error(diag, NULL, 0, 0, NULL, "the first simulated week is not a Monday");
		return STATUS_USAGE;
	}
	if (opt->weeks < 1 || opt->weeks > SIM_MAX_WEEKS) {
		diag_error(diag, NULL, 0, 0, NULL, "weeks must be 1..%d, not %d",
			   SIM_MAX_WEEKS, opt->weeks);
		return STATUS_USAGE;
	}
	if (!(opt->time_limit > 0) || opt->gap < 0 || opt->gap >= 1 || opt->min_stay < 0) {
		diag_error(diag, NULL, 0, 0, NULL, "time limit, gap or minimum stay out of range");
		return STATUS_USAGE;
	}

	if (!track_patients(s))
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < s->clinic.n_patients; i++) {
		s->planned_discharge[i] = s->clinic.patients[i].discharge;
		s->completed_on[i] = DAY_NONE;
		s->dropped_out[i] = false;
	}
	for (size_t i = 0; i < opt->n_waitlist; i++) {
		struct patient p;
		if (!patient_copy(&p, &opt->waitlist[i], s->clinic.n_types))
			return STATUS_NO_MEMORY;
		if (!join_waitlist(s, &p)) {
			patient_release(&p);
			return STATUS_NO_MEMORY;
		}
	}
	long line = 1;
	for (size_t i = 0; i < s->clinic.n_progress; i++)
		if (s->clinic.progress[i].line > line)
			line = s->clinic.progress[i].line;
	s->next_progress_line = line + 1;

	if (previous) {
		s->has_initial_previous = true;
		for (size_t i = 0; i < previous->n; i++) {
			const struct placement *pl = &previous->items[i];
			if (pl->patient < 0 || (size_t)pl->patient >= s->clinic.n_patients ||
			    pl->group < 0 || (size_t)pl->group >= s->clinic.n_groups)
				continue;
			if (!roster_add(&s->initial_previous, pl->patient, pl->group, pl->line))
				return STATUS_NO_MEMORY;
		}
		roster_sort(&s->initial_previous, &s->clinic);
	}

	enum status st = STATUS_OK;
	if (opt->source == SIM_ADMIT_LIST)
		st = init_queue(s, opt, diag);
	else if (opt->source == SIM_ADMIT_HISTORY)
		st = init_history(s, opt, diag);
	if (st != STATUS_OK)
		return st;

	s->weeks = zalloc((size_t)opt->weeks, sizeof *s->weeks);
	return s->weeks ? STATUS_OK : STATUS_NO_MEMORY;
}

const struct roster *simulation_previous_roster(const struct simulation *s, size_t k)
{
	if (k > 0)
		return &s->weeks[k - 1].roster;
	return s->has_initial_previous ? &s->initial_previous : NULL;
}

/* latest[p * n_types + t]: index of the progress record that applies on
 * `day` (the latest dated on or before it; on the same date the later
 * one), or -1. Caller frees. */
static int *latest_progress(const struct clinic *c, day_t day)
{
	size_t nt = c->n_types, cells = c->n_patients * nt;
	int *latest = malloc((cells ? cells : 1) * sizeof *latest);
	if (!latest)
		return NULL;
	for (size_t i = 0; i < cells; i++)
		latest[i] = -1;
	for (size_t i = 0; i < c->n_progress; i++) {
		const struct progress_record *r = &c->progress[i];
		if (r->date > day || r->patient < 0 || (size_t)r->patient >= c->n_patients ||
		    r->type < 0 || (size_t)r->type >= nt)
			continue;
		size_t k = (size_t)r->patient * nt + (size_t)r->type;
		int j = latest[k];
		if (j < 0 || r->date > c->progress[j].date ||
		    (r->date == c->progress[j].date && r->line >= c->progress[j].line))
			latest[k] = (int)i;
	}
	return latest;
}

static int cmp_int(const void *pa, const void *pb)
{
	int x = *(const int *)pa, y = *(const int *)pb;
	return (x > y) - (x < y);
}

/* Whether clinic patient p missed week sw (a no-show). */
static bool is_absent(const struct sim_week *sw, int p)
{
	return sw->n_absent && bsearch(&p, sw->absent, sw->n_absent, sizeof p, cmp_int);
}

/* Step 1: last week's members who came earn progress, dated this Monday. */
static enum status grow_progress(struct simulation *s, day_t monday,
				 const struct sim_week *last_week)
{
	const struct roster *last = &last_week->roster;
	struct clinic *c = &s->clinic;
	size_t nt = c->n_types;
	int *latest = latest_progress(c, monday);
	bool *seen = zalloc(c->n_patients * nt, sizeof *seen);
	struct progress_record *grown =
		realloc(c->progress, (c->n_progress + last->n + 1) * sizeof *grown);
	if (!latest || !seen || !grown) {
		free(latest);
		free(seen);
		if (grown)
			c->progress = grown;
		return STATUS_NO_MEMORY;
	}
	c->progress = grown;
	for (size_t i = 0; i < last->n; i++) {
		int p = last->items[i].patient;
		int t = c->groups[last->items[i].group].type;
		size_t k = (size_t)p * nt + (size_t)t;
		if (seen[k] || is_absent(last_week, p))
			continue;
		seen[k] = true;
		double base = latest[k] >= 0 ? c->progress[latest[k]].score : 0;
		/* Scores are whole points in progress.csv; a fractional rate is
		 * rounded week by week, as a clinician would record it. */
		long score = lround(base + c->settings.progress_rate);
		if (score > 100)
			score = 100;
		if (score < 0)
			score = 0;
		c->progress[c->n_progress++] = (struct progress_record){
			.patient = p, .type = t, .date = monday, .score = (int)score,
			.line = s->next_progress_line++,
		};
	}
	free(latest);
	free(seen);
	return STATUS_OK;
}

/* Step 2: open-ended patients who mastered every need the program can
 * treat, after the minimum stay, complete on the Sunday before. */
static enum status complete_patients(struct simulation *s, day_t monday)
{
	struct clinic *c = &s->clinic;
	size_t nt = c->n_types;
	int *latest = latest_progress(c, monday);
	bool *offered = zalloc(nt, sizeof *offered);
	if (!latest || !offered) {
		free(latest);
		free(offered);
		return STATUS_NO_MEMORY;
	}
	for (size_t g = 0; g < c->n_groups; g++)
		offered[c->groups[g].type] = true;
	for (size_t i = 0; i < c->n_patients; i++) {
		struct patient *p = &c->patients[i];
		if (p->discharge != DAY_NONE || p->admitted > monday - 1 ||
		    (long)monday - (long)p->admitted < s->opt.min_stay)
			continue;
		bool treatable = false, all_mastered = true;
		for (size_t t = 0; t < nt; t++) {
			if (p->need[t] <= 0 || !offered[t])
				continue;
			treatable = true;
			int j = latest[i * nt + t];
			if (j < 0 || c->progress[j].score < c->settings.mastery)
				all_mastered = false;
		}
		if (treatable && all_mastered) {
			p->discharge = monday - 1;
			s->completed_on[i] = monday;
		}
	}
	free(latest);
	free(offered);
	return STATUS_OK;
}

/* Step 2 too: each patient active last week who was to stay drops out
 * with probability dropout_rate, in clinic order (one draw each). */
static void drop_out(struct simulation *s, day_t monday)
{
	double rate = s->clinic.settings.dropout_rate;
	if (!(rate > 0))
		return;
	for (size_t i = 0; i < s->clinic.n_patients; i++) {
		struct patient *p = &s->clinic.patients[i];
		if (p->admitted > monday - 1 || (p->discharge != DAY_NONE && p->discharge < monday))
			continue;
		if (rng_unit(&s->draw) < rate) {
			p->discharge = monday - 1;
			s->completed_on[i] = monday;
			s->dropped_out[i] = true;
		}
	}
}

/* "sim-0001", the first number whose id is free. */
static bool next_sim_id(struct simulation *s, char *buf, size_t size)
{
	for (;;) {
		snprintf(buf, size, "sim-%04d", s->next_sim_id++);
		if (clinic_find_patient(&s->clinic, buf) < 0 && !on_waitlist(s, buf))
			return true;
		if (s->next_sim_id > 99999999)
			return false;
	}
}

/* Step 3: this week's arrivals. */
static enum status admit_week(struct simulation *s, day_t monday)
{
	struct clinic *c = &s->clinic;
	if (s->opt.source == SIM_ADMIT_LIST) {
		while (s->next_queue < s->n_queue && s->queue[s->next_queue].admitted <= monday + 6) {
			struct patient *p = &s->queue[s->next_queue];
			p->line = (long)c->n_patients + 2;
			if (!arrive(s, p))
				return STATUS_NO_MEMORY;
			s->next_queue++;
		}
		return STATUS_OK;
	}
	if (s->opt.source != SIM_ADMIT_HISTORY || s->n_history == 0)
		return STATUS_OK;
	int count = s->history[rng_mod(&s->rng, s->n_history)];
	/* Patients patients.csv already expects this week are part of the
	 * week's intake, not on top of it. */
	for (size_t i = 0; i < c->n_patients; i++)
		if (c->patients[i].admitted >= monday && c->patients[i].admitted <= monday + 6)
			count--;
	for (int k = 0; k < count && s->n_original > 0; k++) {
		const struct patient *tpl = &c->patients[rng_mod(&s->rng, s->n_original)];
		struct patient p;
		if (!patient_copy(&p, tpl, c->n_types))
			return STATUS_NO_MEMORY;
		char id[32];
		free(p.name);
		p.name = NULL;
		free(p.away);
		p.away = NULL;
		p.n_away = 0;
		free(p.id);
		p.id = NULL;
		if (!next_sim_id(s, id, sizeof id) || !(p.id = strdup(id))) {
			patient_release(&p);
			return STATUS_NO_MEMORY;
		}
		p.admitted = monday;
		/* The planned stay of the template: an open-ended one stays
		 * open-ended and completes by mastery. */
		p.discharge = tpl->discharge == DAY_NONE ? DAY_NONE
			: monday + (tpl->discharge - tpl->admitted);
		p.line = (long)c->n_patients + 2;
		if (!arrive(s, &p)) {
			patient_release(&p);
			return STATUS_NO_MEMORY;
		}
		/* c->patients may have moved: tpl is not used after this. */
	}
	return STATUS_OK;
}

static void metrics_release(struct sim_metrics *m)
{
	free(m->needs_by_type);
	free(m->met_by_type);
	free(m->running_by_type);
	free(m->needed_by_type);
	m->needs_by_type = m->met_by_type = m->running_by_type = m->needed_by_type = NULL;
}

/* Active patients whose week bills by the roster and who came: a no-show
 * is not billed for the hours they were seated for. */
static int count_billable(const struct simulation *s, const struct week *w,
			  const struct roster *r)
{
	const struct sim_week *sw = &s->weeks[s->n_weeks];
	int count = 0;
	for (size_t i = 0; i < r->n;) {
		int p = r->items[i].patient;
		int groups[64];
		size_t n = 0;
		/* rows are sorted: a patient's rows are together */
		for (; i < r->n && r->items[i].patient == p; i++)
			if (n < sizeof groups / sizeof groups[0])
				groups[n++] = r->items[i].group;
		struct billing b;
		week_billing(w, groups, n, &b);
		if (b.billable && !is_absent(sw, p))
			count++;
	}
	return count;
}

static enum status metrics_compute(const struct simulation *s, const struct week *w,
				   const struct roster *r, const struct roster *prev,
				   const struct unmet_list *u, struct sim_metrics *m)
{
	const struct clinic *c = w->clinic;
	size_t nt = c->n_types, ng = c->n_groups, np = c->n_patients;
	day_t monday = w->monday;
	memset(m, 0, sizeof *m);
	m->needs_by_type = zalloc(nt, sizeof *m->needs_by_type);
	m->met_by_type = zalloc(nt, sizeof *m->met_by_type);
	m->running_by_type = zalloc(nt, sizeof *m->running_by_type);
	m->needed_by_type = zalloc(nt, sizeof *m->needed_by_type);
	int *size = zalloc(ng, sizeof *size);
	int *max_size = zalloc(nt, sizeof *max_size);
	bool *now = zalloc(np * nt, sizeof *now);
	unsigned char *kept_moved = zalloc(np, sizeof *kept_moved); /* 1 kept, 2 moved */
	if (!m->needs_by_type || !m->met_by_type || !m->running_by_type ||
	    !m->needed_by_type || !size || !max_size || !now || !kept_moved) {
		free(size);
		free(max_size);
		free(now);
		free(kept_moved);
		metrics_release(m);
		return STATUS_NO_MEMORY;
	}

	m->active = (int)w->n_active;
	for (size_t i = 0; i < np; i++) {
		const struct patient *p = &c->patients[i];
		if (p->admitted >= monday && p->admitted <= monday + 6)
			m->admitted++;
		if (p->discharge != DAY_NONE && p->discharge >= monday - 7 &&
		    p->discharge <= monday - 1) {
			m->discharged++;
			if (s->completed_on[i] == monday && s->dropped_out[i])
				m->dropped++;
			else if (s->completed_on[i] == monday)
				m->completed++;
		}
	}
	for (size_t a = 0; a < w->n_active; a++)
		for (size_t t = 0; t < nt; t++)
			if (w->need[a * nt + t] > 0)
				m->needs_by_type[t]++;

	m->placements = (int)r->n;
	for (size_t i = 0; i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		int t = c->groups[g].type;
		int a = w->active_of[p];
		size[g]++;
		now[(size_t)p * nt + (size_t)t] = true;
		if (a >= 0 && w->need[(size_t)a * nt + (size_t)t] > 0)
			m->met_by_type[t]++;
		enum change_kind change = roster_change(w, a, g);
		if (change == CHANGE_KEPT) {
			m->kept++;
			kept_moved[p] |= 1;
		} else if (change == CHANGE_MOVED) {
			m->moved++;
			kept_moved[p] |= 2;
		} else {
			m->joined++;
		}
	}
	for (size_t i = 0; i < np; i++)
		if (kept_moved[i] == 1)
			m->patients_kept++;
	for (size_t i = 0; prev && i < prev->n; i++) {
		int p = prev->items[i].patient, g = prev->items[i].group;
		if (!now[(size_t)p * nt + (size_t)c->groups[g].type])
			m->left++;
	}

	for (size_t i = 0; i < u->n; i++)
		if ((int)u->items[i].reason >= 0 && (int)u->items[i].reason < UNMET_REASON_COUNT)
			m->unmet_by_reason[u->items[i].reason]++;
	for (size_t g = 0; g < ng; g++) {
		int t = c->groups[g].type;
		if (c->groups[g].max_size > max_size[t])
			max_size[t] = c->groups[g].max_size;
		if (size[g] > 0) {
			m->running++;
			m->running_by_type[t]++;
		}
	}
	for (size_t t = 0; t < nt; t++) {
		int cap = max_size[t] > 0 ? max_size[t] : c->settings.max_size;
		if (cap < 1)
			cap = 1;
		m->needed_by_type[t] = (m->needs_by_type[t] + cap - 1) / cap;
		m->needs += m->needs_by_type[t];
		m->met += m->met_by_type[t];
	}
	score_roster(w, r, &m->score);
	if (c->settings.billable_days > 0)
		m->billable = count_billable(s, w, r);
	free(size);
	free(max_size);
	free(now);
	free(kept_moved);
	return STATUS_OK;
}

/* After planning: each patient with a group misses the week with
 * probability no_show_rate, one draw each in clinic order. */
static enum status draw_no_shows(struct simulation *s, struct sim_week *sw)
{
	double rate = s->clinic.settings.no_show_rate;
	if (!(rate > 0) || sw->roster.n == 0)
		return STATUS_OK;
	size_t np = s->clinic.n_patients;
	bool *placed = zalloc(np, sizeof *placed);
	sw->absent = zalloc(np, sizeof *sw->absent);
	if (!placed || !sw->absent) {
		free(placed);
		return STATUS_NO_MEMORY;
	}
	for (size_t i = 0; i < sw->roster.n; i++)
		placed[sw->roster.items[i].patient] = true;
	for (size_t i = 0; i < np; i++)
		if (placed[i] && rng_unit(&s->draw) < rate)
			sw->absent[sw->n_absent++] = (int)i;
	free(placed);
	return STATUS_OK;
}

/* After planning: people on the waiting list start when they fit around
 * the week's roster (see simulate.h); their rows are added to it. */
static enum status start_waiting(struct simulation *s, day_t monday, size_t k,
				 struct roster *roster, int *started, int *waited,
				 struct diag_list *diag)
{
	*started = *waited = 0;
	if (!s->opt.use_waitlist || s->n_waiting == 0)
		return STATUS_OK;
	struct clinic *c = &s->clinic;
	const struct patient **people = zalloc(s->n_waiting, sizeof *people);
	size_t *entry = zalloc(s->n_waiting, sizeof *entry);
	size_t *order = zalloc(s->n_waiting, sizeof *order);
	bool *seated = zalloc(s->n_waiting, sizeof *seated);
	enum status st = people && entry && order && seated ? STATUS_OK : STATUS_NO_MEMORY;
	size_t n = 0, before = c->n_patients;
	for (size_t i = 0; i < s->n_waiting && st == STATUS_OK; i++)
		if (s->waiting[i].p.admitted <= monday && s->waiting[i].started < 0) {
			entry[n] = i;
			people[n++] = &s->waiting[i].p;
		}
	if (st == STATUS_OK && n > 0) {
		waitlist_order(people, n, c->n_types, c->settings.waitlist_by_need, order);
		st = waitlist_seat(c, monday, simulation_previous_roster(s, k), roster, people,
				   order, n, seated, diag);
	}
	/* The simulation's own records of everyone waitlist_seat added. */
	if (c->n_patients > before && !track_patients(s))
		st = STATUS_NO_MEMORY;
	for (size_t i = before; st == STATUS_OK && i < c->n_patients; i++) {
		s->planned_discharge[i] = c->patients[i].discharge;
		s->completed_on[i] = DAY_NONE;
		s->dropped_out[i] = false;
	}
	for (size_t o = 0; st == STATUS_OK && o < n; o++) {
		if (!seated[o])
			continue;
		struct sim_waiting *e = &s->waiting[entry[o]];
		e->started = (long)k;
		(*started)++;
		*waited += (int)(monday - e->p.admitted);
	}
	free(people);
	free(entry);
	free(order);
	free(seated);
	return st;
}

enum status simulation_step(struct simulation *s, struct diag_list *diag)
{
	if (s->n_weeks >= (size_t)s->opt.weeks || !s->weeks)
		return STATUS_INTERNAL;
	if (s->opt.stop && *s->opt.stop)
		return STATUS_INTERRUPTED;
	size_t k = s->n_weeks;
	day_t monday = s->opt.first + 7 * (day_t)k;
	char day[11];
	date_format(monday, day);
	enum status st = STATUS_OK;

	if (k > 0) {
		st = grow_progress(s, monday, &s->weeks[k - 1]);
		if (st == STATUS_OK)
			st = complete_patients(s, monday);
		if (st == STATUS_OK)
			drop_out(s, monday);
	}
	if (st == STATUS_OK)
		st = admit_week(s, monday);
	if (st != STATUS_OK)
		return st;

	struct sim_week *sw = &s->weeks[k];
	memset(sw, 0, sizeof *sw);
	sw->monday = monday;
	sw->n_patients = s->clinic.n_patients;
	sw->n_progress = s->clinic.n_progress;

	const struct roster *prev = simulation_previous_roster(s, k);
	struct week w;
	st = week_resolve(&s->clinic, monday, prev, NULL, &w, diag);
	if (st != STATUS_OK) {
		diag_error(diag, NULL, 0, 0, NULL, "simulated week %s cannot be resolved", day);
		return st;
	}

	struct plan_result res;
	memset(&res, 0, sizeof res);
	if (w.n_active == 0) {
		/* Nobody to plan: an empty roster, without asking the solver. */
		res.optimal = true;
	} else {
		struct plan_options popt;
		plan_options_init(&popt);
		popt.time_limit = s->opt.time_limit;
		popt.work = s->opt.work;
		popt.gap = s->opt.gap;
		popt.stop = s->opt.stop;
		popt.log = s->opt.log;
		st = plan_week(&w, &popt, &res, diag);
		if (st == STATUS_OK && res.stopped)
			st = STATUS_INTERRUPTED;
		if (st != STATUS_OK) {
			if (st == STATUS_INFEASIBLE)
				diag_error(diag, NULL, 0, 0, NULL,
					   "simulated week %s: the hard rules contradict each other",
					   day);
			plan_result_release(&res);
			week_release(&w);
			return st;
		}
	}
	sw->roster = res.roster;
	sw->unmet = res.unmet;
	memset(&res.roster, 0, sizeof res.roster);
	memset(&res.unmet, 0, sizeof res.unmet);
	sw->optimal = res.optimal;
	plan_result_release(&res);
	roster_sort(&sw->roster, &s->clinic);

	int started = 0, waited = 0;
	st = start_waiting(s, monday, k, &sw->roster, &started, &waited, diag);
	if (st == STATUS_OK && started > 0) {
		/* The week as it is with them: their needs, their rows. */
		sw->n_patients = s->clinic.n_patients;
		week_release(&w);
		st = week_resolve(&s->clinic, monday, prev, NULL, &w, diag);
		if (st == STATUS_OK) {
			roster_sort(&sw->roster, &s->clinic);
			unmet_list_release(&sw->unmet);
			st = reasons_compute(&w, &sw->roster, &sw->unmet);
		}
		/* plan_week proved the roster before they joined it */
		sw->optimal = false;
	}
	if (st == STATUS_OK)
		st = draw_no_shows(s, sw);
	if (st == STATUS_OK)
		st = metrics_compute(s, &w, &sw->roster, prev, &sw->unmet, &sw->m);
	week_release(&w);
	if (st == STATUS_OK) {
		sw->m.started = started;
		sw->m.waiting_days = waited;
		for (size_t i = 0; i < s->n_waiting; i++)
			sw->m.waiting += simulation_waiting_in(s, i, k);
		sw->m.no_shows = (int)sw->n_absent;
	}
	if (st != STATUS_OK) {
		roster_release(&sw->roster);
		unmet_list_release(&sw->unmet);
		free(sw->absent);
		sw->absent = NULL;
		return st;
	}
	s->n_weeks++;
	return STATUS_OK;
}

enum status simulation_run(struct simulation *s, struct diag_list *diag)
{
	while (s->n_weeks < (size_t)s->opt.weeks) {
		enum status st = simulation_step(s, diag);
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

bool simulation_week_clinic(const struct simulation *s, size_t k,
			    struct clinic *view, struct patient **patients_out)
{
	*patients_out = NULL;
	if (k >= s->n_weeks)
		return false;
	const struct sim_week *sw = &s->weeks[k];
	*view = s->clinic;
	view->n_patients = sw->n_patients;
	view->n_progress = sw->n_progress;
	view->patient_by_id = NULL; /* lookups fall back to a linear search */
	struct patient *pts = zalloc(sw->n_patients, sizeof *pts);
	if (!pts)
		return false;
	for (size_t i = 0; i < sw->n_patients; i++) {
		pts[i] = s->clinic.patients[i];
		pts[i].discharge = s->completed_on[i] <= sw->monday ? s->completed_on[i] - 1
								    : s->planned_discharge[i];
	}
	view->patients = pts;
	*patients_out = pts;
	return true;
}

void simulation_release(struct simulation *s)
{
	if (!s)
		return;
	for (size_t k = 0; s->weeks && k < (size_t)s->opt.weeks; k++) {
		roster_release(&s->weeks[k].roster);
		unmet_list_release(&s->weeks[k].unmet);
		metrics_release(&s->weeks[k].m);
		free(s->weeks[k].absent);
	}
	for (size_t i = 0; i < s->n_waiting; i++)
		patient_release(&s->waiting[i].p); /* a start took a copy */
	free(s->waiting);
	free(s->dropped_out);
	free(s->weeks);
	for (size_t i = s->next_queue; i < s->n_queue; i++)
		patient_release(&s->queue[i]);
	free(s->queue);
	free(s->history);
	free(s->planned_discharge);
	free(s->completed_on);
	roster_release(&s->initial_previous);
	clinic_release(&s->clinic);
	memset(s, 0, sizeof *s);
}

/* attendance.c -- a week's marks (member x session): the pre-filled sheet,
 * an attendance file's rows matched to them, and what they add up to. */
#include "attendance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/grow.h"
#include "csv_out.h"
#include "load_util.h"

static const struct clinic *sort_clinic;

static int cmp_patient_id(const void *p, const void *q)
{
	return strcmp(sort_clinic->patients[*(const int *)p].id,
		      sort_clinic->patients[*(const int *)q].id);
}

enum known_absence patient_known_absence(const struct patient *p, day_t day)
{
	if (day < p->admitted)
		return KNOWN_NOT_ADMITTED;
	if (p->discharge != DAY_NONE && day > p->discharge)
		return KNOWN_DISCHARGED;
	for (size_t i = 0; i < p->n_away; i++)
		if (day >= p->away[i].first && day <= p->away[i].last)
			return KNOWN_AWAY;
	return KNOWN_NONE;
}

const char *known_absence_name(enum known_absence k)
{
	switch (k) {
	case KNOWN_AWAY: return "away";
	case KNOWN_NOT_ADMITTED: return "not yet admitted";
	case KNOWN_DISCHARGED: return "discharged";
	case KNOWN_NONE: break;
	}
	return "";
}

enum status attendance_week_init(struct attendance_week *out, const struct week *w,
				 const struct roster *r)
{
	memset(out, 0, sizeof *out);
	out->week = w;
	const struct clinic *c = w->clinic;
	enum status st = sessions_of_roster(w, r, &out->sessions);
	if (st != STATUS_OK)
		return st;
	int *members = malloc((r->n + 1) * sizeof *members);
	size_t cap = 0;
	if (members == NULL)
		return STATUS_NO_MEMORY;
	for (size_t s = 0; s < out->sessions.n; s++) {
		int g = out->sessions.items[s].group;
		size_t n = 0;
		for (size_t i = 0; i < r->n; i++) {
			const struct placement *pl = &r->items[i];
			if (pl->group != g || pl->patient < 0 ||
			    (size_t)pl->patient >= c->n_patients || w->active_of[pl->patient] < 0)
				continue;
			bool repeat = false;
			for (size_t k = 0; k < n && !repeat; k++)
				repeat = members[k] == pl->patient;
			if (!repeat)
				members[n++] = pl->patient;
		}
		sort_clinic = c;
		qsort(members, n, sizeof *members, cmp_patient_id);
		sort_clinic = NULL;
		if (!GROW(out->marks, out->n + n, cap)) {
			st = STATUS_NO_MEMORY;
			break;
		}
		for (size_t k = 0; k < n; k++)
			out->marks[out->n++] = (struct attendance_mark){
				.patient = members[k], .session = s,
				.status = ATTEND_UNRECORDED, .minutes = -1,
			};
	}
	free(members);
	return st;
}

void attendance_week_release(struct attendance_week *aw)
{
	if (aw == NULL)
		return;
	session_list_release(&aw->sessions);
	free(aw->marks);
	memset(aw, 0, sizeof *aw);
}

void attendance_sheet_csv(const struct attendance_week *aw, struct strbuf *out)
{
	static const char *const header[] = {
		"date", "patient", "group", "start", "end", "status", "minutes",
	};
	const struct clinic *c = aw->week->clinic;
	csv_out_row(out, header, 7);
	for (size_t i = 0; i < aw->n; i++) {
		const struct attendance_mark *m = &aw->marks[i];
		const struct session *s = &aw->sessions.items[m->session];
		char date[11], start[8], end[8], minutes[16] = "";
		date_format(s->date, date);
		session_time_format(s->start, start, sizeof start);
		session_time_format(s->end, end, sizeof end);
		if (m->minutes >= 0)
			snprintf(minutes, sizeof minutes, "%d", m->minutes);
		const char *cells[] = {
			date, c->patients[m->patient].id, c->groups[s->group].id, start, end,
			attend_status_name(m->status), minutes,
		};
		csv_out_row(out, cells, 7);
	}
}

enum status attendance_sheet_prepare(const char *path, const struct week *w,
				     const struct roster *r, struct strbuf *bytes, bool *keep)
{
	*keep = false;
	struct csv_table t;
	struct diag_list quiet = DIAG_LIST_INIT;
	enum status st = csv_table_read(path, &t, &quiet);
	if (st != STATUS_NO_INPUT) {
		int status = csv_table_column(&t, "status");
		*keep = st != STATUS_OK || status < 0;
		for (size_t i = 0; i < t.n_rows && !*keep; i++)
			*keep = *csv_table_cell(&t, i, status) != '\0';
	}
	csv_table_release(&t);
	diag_list_release(&quiet);
	if (st == STATUS_NO_MEMORY)
		return st;
	if (*keep)
		return STATUS_OK;
	struct attendance_week aw;
	st = attendance_week_init(&aw, w, r);
	if (st == STATUS_OK)
		attendance_sheet_csv(&aw, bytes);
	attendance_week_release(&aw);
	return st == STATUS_OK && bytes->failed ? STATUS_NO_MEMORY : st;
}

/* The sessions of group g on `date`: the first index in *first, how many
 * returned (sessions of one group are adjacent in the list). */
static size_t sessions_on(const struct attendance_week *aw, int g, day_t date, size_t *first)
{
	size_t n = 0;
	for (size_t s = 0; s < aw->sessions.n; s++) {
		const struct session *ss = &aw->sessions.items[s];
		if (ss->group != g || ss->date != date)
			continue;
		if (n++ == 0)
			*first = s;
	}
	return n;
}

static bool group_runs(const struct attendance_week *aw, int g)
{
	for (size_t s = 0; s < aw->sessions.n; s++)
		if (aw->sessions.items[s].group == g)
			return true;
	return false;
}

/* "mon 10:45-12:15; wed 10:45-12:15" for a message. */
static void group_slots_text(const struct group *g, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t s = 0; s < g->n_slots && len + 1 < size; s++) {
		char one[96];
		slot_format(&g->slots[s], one, sizeof one);
		len += (size_t)snprintf(buf + len, size - len, "%s%s", s ? "; " : "", one);
	}
}

/* The mark of patient p at session s, or NULL when p is not a member. */
static struct attendance_mark *mark_of(struct attendance_week *aw, int p, size_t s)
{
	for (size_t i = 0; i < aw->n; i++)
		if (aw->marks[i].patient == p && aw->marks[i].session == s)
			return &aw->marks[i];
	return NULL;
}

/* Matches one row to its session; reports why not and returns (size_t)-1. */
static size_t row_session(struct attendance_week *aw, const struct attendance_file *f,
			  const struct attendance_row *row, int g, const char *roster_name,
			  struct diag_list *d)
{
	const struct csv_table *t = &f->table;
	const struct group *gr = &aw->week->clinic->groups[g];
	char date[11], slots[512], q[LOAD_QUOTE_SIZE];
	date_format(row->date, date);
	load_quote(gr->id, q, sizeof q);
	if (!group_runs(aw, g)) {
		load_error(d, t, row->row, f->col_group, "group '%s' does not run in %s", q,
			   roster_name);
		return (size_t)-1;
	}
	size_t first = 0, n = sessions_on(aw, g, row->date, &first);
	if (n == 0) {
		group_slots_text(gr, slots, sizeof slots);
		load_error(d, t, row->row, f->col_date, "group '%s' has no session on %s (it meets %s)",
			   q, date, slots);
		return (size_t)-1;
	}
	if (row->start < 0) {
		if (n == 1)
			return first;
		load_error(d, t, row->row, f->col_group,
			   "group '%s' meets %zu times on %s: give the session's start time "
			   "in a start column", q, n, date);
		return (size_t)-1;
	}
	for (size_t s = first; s < first + n; s++)
		if (aw->sessions.items[s].start == row->start)
			return s;
	char start[8];
	session_time_format(row->start, start, sizeof start);
	load_error(d, t, row->row, f->col_start, "group '%s' has no session at %s on %s", q,
		   start, date);
	return (size_t)-1;
}

enum status attendance_apply(struct attendance_week *aw, const struct attendance_file *f,
			     enum attendance_scope scope, const char *roster_name,
			     struct diag_list *diag)
{
	const struct csv_table *t = &f->table;
	const struct clinic *c = aw->week->clinic;
	day_t monday = aw->week->monday;
	size_t errors = diag->n_errors;
	for (size_t i = 0; i < f->n; i++) {
		const struct attendance_row *row = &f->rows[i];
		char q[LOAD_QUOTE_SIZE], day[11], sunday[11];
		if (row->date < monday || row->date > monday + 6) {
			if (scope == ATTENDANCE_ONE_WEEK) {
				date_format(monday, day);
				date_format(monday + 6, sunday);
				load_error(diag, t, row->row, f->col_date,
					   "%s is outside the week of %s (%s to %s)",
					   csv_table_cell(t, row->row, f->col_date), day, day, sunday);
			}
			continue;
		}
		int p = clinic_find_patient(c, row->patient);
		int g = clinic_find_group(c, row->group);
		if (p < 0)
			load_error(diag, t, row->row, f->col_patient, "no patient '%s' in patients.csv",
				   load_quote(row->patient, q, sizeof q));
		if (g < 0)
			load_error(diag, t, row->row, f->col_group, "no group '%s' in groups.csv",
				   load_quote(row->group, q, sizeof q));
		if (p < 0 || g < 0)
			continue;
		size_t s = row_session(aw, f, row, g, roster_name, diag);
		if (s == (size_t)-1)
			continue;
		struct attendance_mark *m = mark_of(aw, p, s);
		if (m == NULL) {
			char gq[LOAD_QUOTE_SIZE];
			load_error(diag, t, row->row, f->col_patient, "patient '%s' is not in group '%s' in %s",
				   load_quote(row->patient, q, sizeof q),
				   load_quote(row->group, gq, sizeof gq), roster_name);
			continue;
		}
		if (m->line != 0) {
			load_error(diag, t, row->row, -1,
				   "a second row for patient '%s' at this session of '%s' "
				   "(the first is line %ld)", load_quote(row->patient, q, sizeof q),
				   c->groups[g].id, m->line);
			continue;
		}
		m->line = t->rows[row->row].line;
		m->status = row->status;
		m->minutes = row->minutes;
	}
	return diag->n_errors > errors ? STATUS_BAD_DATA : STATUS_OK;
}

double attendance_rate(int present, int absent, int excused)
{
	int recorded = present + absent + excused;
	return recorded > 0 ? (double)present / recorded : -1;
}

static double mark_hours(const struct attendance_mark *m, const struct session *s)
{
	if (m->status != ATTEND_PRESENT)
		return 0;
	return m->minutes >= 0 ? m->minutes / 60.0 : s->hours;
}

static void count_mark(const struct attendance_mark *m, int *present, int *absent,
		       int *excused, int *unrecorded)
{
	switch (m->status) {
	case ATTEND_PRESENT: (*present)++; break;
	case ATTEND_ABSENT: (*absent)++; break;
	case ATTEND_EXCUSED: (*excused)++; break;
	case ATTEND_UNRECORDED: (*unrecorded)++; break;
	}
}

enum status attendance_totals(const struct attendance_week *aw, struct attendance_totals *out)
{
	memset(out, 0, sizeof *out);
	const struct week *w = aw->week;
	const struct clinic *c = w->clinic;
	int *slot_of = malloc((c->n_patients + c->n_groups + 1) * sizeof *slot_of);
	out->patients = calloc(aw->n + 1, sizeof *out->patients);
	out->groups = calloc(aw->sessions.n + 1, sizeof *out->groups);
	double (*planned)[WEEK_DAYS] = calloc(aw->n + 1, sizeof *planned);
	double (*delivered)[WEEK_DAYS] = calloc(aw->n + 1, sizeof *delivered);
	if (slot_of == NULL || out->patients == NULL || out->groups == NULL || planned == NULL ||
	    delivered == NULL) {
		free(slot_of);
		free(planned);
		free(delivered);
		return STATUS_NO_MEMORY;
	}
	int *patient_slot = slot_of, *group_slot = slot_of + c->n_patients;
	for (size_t i = 0; i < c->n_patients + c->n_groups; i++)
		slot_of[i] = -1;
	/* groups in session order, each session counted */
	for (size_t s = 0; s < aw->sessions.n; s++) {
		int g = aw->sessions.items[s].group;
		if (group_slot[g] < 0) {
			group_slot[g] = (int)out->n_groups;
			out->groups[out->n_groups++] = (struct attendance_group){ .group = g };
		}
		out->groups[group_slot[g]].sessions++;
	}
	/* patients by id: the marks list each session's members by id, so
	 * collect first and sort */
	for (size_t i = 0; i < aw->n; i++) {
		int p = aw->marks[i].patient;
		if (patient_slot[p] < 0) {
			patient_slot[p] = 0;
			out->patients[out->n_patients++].patient = p;
		}
	}
	sort_clinic = c;
	qsort(out->patients, out->n_patients, sizeof *out->patients, cmp_patient_id);
	sort_clinic = NULL;
	for (size_t k = 0; k < out->n_patients; k++)
		patient_slot[out->patients[k].patient] = (int)k;
	for (size_t i = 0; i < aw->n; i++) {
		const struct attendance_mark *m = &aw->marks[i];
		const struct session *s = &aw->sessions.items[m->session];
		size_t k = (size_t)patient_slot[m->patient];
		struct attendance_patient *ap = &out->patients[k];
		struct attendance_group *ag = &out->groups[group_slot[s->group]];
		double hours = mark_hours(m, s);
		ap->sessions++;
		count_mark(m, &ap->present, &ap->absent, &ap->excused, &ap->unrecorded);
		ap->hours_planned += s->hours;
		ap->hours_attended += hours;
		if (s->dated) {
			planned[k][s->date - w->monday] += s->hours;
			delivered[k][s->date - w->monday] += hours;
		}
		ag->marks++;
		count_mark(m, &ag->present, &ag->absent, &ag->excused, &ag->unrecorded);
		ag->hours_attended += hours;
	}
	for (size_t k = 0; k < out->n_patients; k++) {
		week_billing_of_hours(w, planned[k], &out->patients[k].planned);
		week_billing_of_hours(w, delivered[k], &out->patients[k].delivered);
	}
	free(slot_of);
	free(planned);
	free(delivered);
	return STATUS_OK;
}

void attendance_totals_release(struct attendance_totals *t)
{
	if (t == NULL)
		return;
	free(t->patients);
	free(t->groups);
	memset(t, 0, sizeof *t);
}

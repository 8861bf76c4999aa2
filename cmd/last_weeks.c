/* last_weeks.c -- the two weeks before a planned one, as attendance says. */
#include "last_weeks.h"

#include <string.h>

#include "attention.h"
#include "report.h"
#include "data/date.h"
#include "data/html.h"
#include "solver/makeup.h"

enum status last_weeks_load(const struct clinic *c, const char *folder, day_t monday,
			    struct last_weeks *out)
{
	memset(out, 0, sizeof *out);
	for (int k = 0; k < 2; k++) {
		struct diag_list quiet = DIAG_LIST_INIT;
		enum status st = attendance_load(c, folder, monday - 7 * (k + 1), NULL,
						 &out->week[k], &quiet);
		diag_list_release(&quiet);
		if (st == STATUS_NO_MEMORY)
			return st;
		out->broken[k] = st == STATUS_BAD_DATA;
		if (st != STATUS_OK || !out->week[k].recorded)
			continue;
		if (attendance_totals(&out->week[k].aw, &out->totals[k]) != STATUS_OK)
			return STATUS_NO_MEMORY;
		out->usable[k] = true;
	}
	return STATUS_OK;
}

static const struct attendance_patient *totals_of(const struct attendance_totals *t, int p)
{
	for (size_t i = 0; i < t->n_patients; i++)
		if (t->patients[i].patient == p)
			return &t->patients[i];
	return NULL;
}

bool last_weeks_missed_all(const struct last_weeks *lw, int p)
{
	for (int k = 0; k < 2; k++) {
		if (!lw->usable[k])
			return false;
		const struct attendance_patient *ap = totals_of(&lw->totals[k], p);
		if (ap == NULL || ap->sessions == 0 || ap->absent + ap->excused != ap->sessions)
			return false;
	}
	return true;
}

/* "Mon 30 Nov 10:45" or "Sat 5 Dec" for a session (markup-safe). */
static void session_when(const struct session *s, struct strbuf *b)
{
	char day[32], start[8];
	date_format_short(s->date, day, sizeof day);
	strbuf_puts(b, day);
	if (s->timed) {
		session_time_format(s->start, start, sizeof start);
		strbuf_printf(b, " %s", start);
	}
}

/* Last week's absences that can be made up early in the planned week. */
static void makeups_table(const struct last_weeks *lw, const struct week *w,
			  const struct roster *r, struct strbuf *b)
{
	const struct attendance_load *l = &lw->week[0];
	const struct clinic *c = w->clinic;
	struct attendance_week now;
	struct makeup_list mu = { 0 };
	if (attendance_week_init(&now, w, r) != STATUS_OK ||
	    makeups_find(&l->aw, &l->roster, &now, r, 0, &mu) != STATUS_OK) {
		b->failed = true;
		goto done;
	}
	size_t offered = 0;
	for (size_t i = 0; i < mu.n; i++)
		offered += mu.items[i].next_week && w->active_of[l->aw.marks[mu.items[i].mark].patient] >= 0;
	if (offered == 0)
		goto done;
	html_heading(b, 3, NULL, "Make-ups early this week");
	html_para(b, "hint", "For a session missed last week: sessions of the same type early "
		  "this week that the patient can join once, checked against every hard rule "
		  "of this week&#8217;s roster; soonest first.");
	static const struct html_col cols[] = {
		{ "Patient", NULL }, { "Missed", NULL }, { "Make-up", NULL },
	};
	html_table_open(b, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < mu.n;) {
		size_t end = i;
		while (end < mu.n && mu.items[end].mark == mu.items[i].mark)
			end++;
		const struct attendance_mark *mk = &l->aw.marks[mu.items[i].mark];
		int shown = 0;
		for (size_t k = i; k < end; k++) {
			const struct makeup *m = &mu.items[k];
			if (!m->next_week || w->active_of[mk->patient] < 0 || shown == 3)
				continue;
			if (shown++ == 0) {
				html_row_open(b);
				report_patient_cell(b, &c->patients[mk->patient]);
				const struct session *missed = &l->aw.sessions.items[mk->session];
				html_cell_open(b, NULL);
				html_escape(b, c->groups[missed->group].id);
				strbuf_puts(b, " ");
				session_when(missed, b);
				html_escapef(b, " (%s)", attend_status_name(mk->status));
				html_cell_close(b);
				html_cell_open(b, NULL);
			} else {
				strbuf_puts(b, "; ");
			}
			const struct session *at = makeup_session(m, &l->aw, &now);
			html_escape(b, c->groups[at->group].id);
			strbuf_puts(b, " ");
			session_when(at, b);
		}
		if (shown > 0) {
			html_cell_close(b);
			html_row_close(b);
		}
		i = end;
	}
	html_table_close(b);
done:
	makeup_list_release(&mu);
	attendance_week_release(&now);
}

void last_weeks_report(const struct last_weeks *lw, const struct week *w,
		       const struct roster *r, struct strbuf *b)
{
	const int *active_of = w->active_of;
	if (lw->broken[0]) {
		html_section_open(b, NULL, "attendance", NULL);
		html_heading(b, 2, NULL, "Last week&#8217;s attendance");
		html_para(b, "hint", "Last week&#8217;s attendance records have errors: run "
			  "<b>iop-roster attendance</b> for that week to see them.");
		html_section_close(b);
		return;
	}
	if (!lw->usable[0])
		return;
	const struct attendance_load *l = &lw->week[0];
	const struct clinic *c = l->week.clinic;
	const struct attendance_totals *t = &lw->totals[0];
	char day[11];
	date_format(l->week.monday, day);
	html_section_open(b, NULL, "attendance", NULL);
	html_heading(b, 2, NULL, "Last week&#8217;s attendance");
	html_para(b, "hint", "What the week of %s delivered, from its attendance records.", day);
	if (lw->broken[1])
		html_para(b, "hint", "The week before has attendance records with errors: "
			  "run <b>iop-roster attendance</b> for it.");
	static const struct html_col cols[] = {
		{ "Patient", NULL }, { "Sessions", "n" }, { "Present", "n" }, { "Absent", "n" },
		{ "Excused", "n" }, { "Not recorded", "n" }, { "Hours attended", "n" },
		{ "Hours planned", "n" }, { "Billable days", "n" },
	};
	html_table_open(b, cols, sizeof cols / sizeof *cols);
	for (size_t i = 0; i < t->n_patients; i++) {
		const struct attendance_patient *ap = &t->patients[i];
		if (active_of[ap->patient] < 0)
			continue;
		html_row_open(b);
		report_patient_cell(b, &c->patients[ap->patient]);
		html_cellf(b, "n", "%d", ap->sessions);
		html_cellf(b, "n", "%d", ap->present);
		html_cellf(b, "n", "%d", ap->absent);
		html_cellf(b, "n", "%d", ap->excused);
		html_cellf(b, "n", "%d", ap->unrecorded);
		html_cellf(b, "n", "%.2f", ap->hours_attended);
		html_cellf(b, "n", "%.2f", ap->hours_planned);
		html_cellf(b, "n", "%d of %d", ap->delivered.days, ap->planned.days);
		html_row_close(b);
	}
	html_table_close(b);
	makeups_table(lw, w, r, b);
	html_section_close(b);
}

bool last_weeks_attention(const struct last_weeks *lw, const struct week *w,
			  struct attention_list *l)
{
	if (!lw->usable[0])
		return true;
	const struct attendance_totals *t = &lw->totals[0];
	char day[11], text[160];
	date_format(lw->week[1].week.monday, day);
	for (size_t i = 0; i < t->n_patients; i++) {
		int p = t->patients[i].patient;
		if (w->active_of[p] < 0 || !last_weeks_missed_all(lw, p))
			continue;
		const struct attendance_patient *before = totals_of(&lw->totals[1], p);
		snprintf(text, sizeof text, "absent or excused at all %d sessions since %s",
			 t->patients[i].sessions + before->sessions, day);
		if (!attention_add(l, ATTENTION_MISSED_WEEKS, p, -1, text,
				   "call them before the week starts; a review may be due"))
			return false;
	}
	attention_sort(l);
	return true;
}

void last_weeks_release(struct last_weeks *lw)
{
	if (lw == NULL)
		return;
	for (int k = 0; k < 2; k++) {
		attendance_totals_release(&lw->totals[k]);
		attendance_load_release(&lw->week[k]);
	}
	memset(lw, 0, sizeof *lw);
}

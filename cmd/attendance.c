/* attendance.c -- `iop-roster attendance`: what a planned week delivered,
 * per patient and per group, the patients due for an attendance review,
 * and make-up sessions for the sessions missed. It reads; it never plans
 * or writes. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "context.h"
#include "json.h"
#include "options.h"
#include "data/attendance.h"
#include "data/date.h"
#include "solver/makeup.h"

static const struct cli_command command = {
	.name = "attendance",
	.synopsis = "CLINIC [OPTIONS]",
	.about =
	"Reads what happened in a planned week: CLINIC/attendance.csv (rows of every\n"
	"week, the dates say which) when it has rows of the week, else the week's\n"
	"sheet CLINIC/rosters/WEEK.attendance.csv that plan wrote and staff filled in.\n"
	"Every row is checked against the week's roster CLINIC/rosters/WEEK.csv.\n"
	"Reports per patient and per group the sessions and hours attended, the\n"
	"billable days delivered, the attendance rate; the patients with at least\n"
	"review_absences unexcused absences in the last review_weeks weeks; and for\n"
	"each absence the later sessions of the same type (that week, or Monday to\n"
	"Wednesday of the next when it is planned) the patient could make up (free\n"
	"seat, windows, no clash, hours, separations, phase). Ids only.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "reported" }, { EXIT_USAGE, NULL },
		{ EXIT_DATA, "bad attendance or clinic data" },
		{ EXIT_NO_INPUT, "missing input (no roster for the week: run plan first)" },
		{ EXIT_OS, NULL }, { EXIT_IO, "read error" }, { -1, NULL },
	},
	.operands_min = 1,
	.operands_max = 1,
	.missing = { "missing CLINIC folder" },
	.too_many = "too many arguments",
};

/* At most this many make-ups per absence: a choice for the front desk,
 * not a timetable. */
enum { MAKEUPS_SHOWN = 3 };

/* Unexcused absences per patient over the review window. */
struct review {
	int *absences;      /* [clinic n_patients] */
	int weeks_read;     /* weeks of the window with a roster */
};

/* Counts the unexcused absences of the review_weeks weeks ending with the
 * current one (w0 already loaded). An earlier week whose files have
 * errors is left out with a warning: its own run reports them. */
static enum status review_count(const struct context *ctx, const char *folder,
				const struct attendance_load *w0, struct review *rv)
{
	const struct clinic *c = &ctx->clinic;
	rv->weeks_read = 0;
	rv->absences = calloc(c->n_patients + 1, sizeof *rv->absences);
	if (rv->absences == NULL)
		return STATUS_NO_MEMORY;
	for (int k = 0; k < c->settings.review_weeks; k++) {
		struct attendance_load other;
		const struct attendance_load *l = w0;
		struct diag_list scratch = DIAG_LIST_INIT;
		enum status st = STATUS_OK;
		if (k > 0) {
			st = attendance_load(c, folder, w0->week.monday - 7 * k, NULL, &other, &scratch);
			l = &other;
		}
		if (st == STATUS_NO_MEMORY) {
			attendance_load_release(&other);
			diag_list_release(&scratch);
			return st;
		}
		if (st == STATUS_OK) {
			rv->weeks_read++;
			for (size_t i = 0; i < l->aw.n; i++)
				rv->absences[l->aw.marks[i].patient] +=
					l->aw.marks[i].status == ATTEND_ABSENT;
		} else if (st != STATUS_NO_INPUT) {
			char day[11];
			date_format(w0->week.monday - 7 * k, day);
			cli_warning("the attendance of week %s has errors and is left out of the "
				    "review count: run 'iop-roster attendance --week %s'", day, day);
		}
		if (k > 0)
			attendance_load_release(&other);
		diag_list_release(&scratch);
	}
	return STATUS_OK;
}

static bool due_for_review(const struct clinic *c, const struct review *rv, int p)
{
	return c->settings.review_absences > 0 && rv->absences[p] >= c->settings.review_absences;
}

/* "mon 2026-11-30 10:45" for a session. */
static void session_text(const struct session *s, char *buf, size_t size)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	char date[11], start[8];
	date_format(s->date, date);
	session_time_format(s->start, start, sizeof start);
	if (!s->dated)
		snprintf(buf, size, "week of %s", date);
	else
		snprintf(buf, size, "%s %s%s%s", days[date_weekday(s->date)], date,
			 s->timed ? " " : "", start);
}

static void print_rate(double rate)
{
	if (rate < 0)
		printf(" %5s", "-");
	else
		printf(" %4.0f%%", 100.0 * rate);
}

struct report {
	const struct context *ctx;
	const struct attendance_load *l;
	const struct attendance_totals *t;
	const struct review *rv;
	const struct makeup_list *mu;
	const struct attendance_week *next; /* next week's sessions, or NULL */
};

static void print_text(const struct report *r)
{
	const struct clinic *c = &r->ctx->clinic;
	const struct attendance_week *aw = &r->l->aw;
	const struct settings *st = &c->settings;
	char day[11];
	date_format(r->l->week.monday, day);
	printf("week %s: %zu sessions, %zu member-sessions, roster %s\n", day, aw->sessions.n,
	       aw->n, r->l->roster_path);
	if (r->l->source == NULL)
		printf("attendance: none recorded yet (no attendance.csv rows for the week, "
		       "no rosters/%s.attendance.csv)\n", day);
	else
		printf("attendance: %s\n", r->l->source);
	int pr = 0, ab = 0, ex = 0, un = 0;
	for (size_t i = 0; i < r->t->n_groups; i++) {
		pr += r->t->groups[i].present;
		ab += r->t->groups[i].absent;
		ex += r->t->groups[i].excused;
		un += r->t->groups[i].unrecorded;
	}
	printf("recorded: %d present, %d absent, %d excused, %d not recorded\n", pr, ab, ex, un);

	printf("\n  %-12s %8s %7s %6s %7s %5s %15s %14s\n", "patient", "sessions", "present",
	       "absent", "excused", "rate", "hours attended", "billable days");
	for (size_t i = 0; i < r->t->n_patients; i++) {
		const struct attendance_patient *p = &r->t->patients[i];
		printf("  %-12s %8d %7d %6d %7d", c->patients[p->patient].id, p->sessions, p->present,
		       p->absent, p->excused);
		print_rate(attendance_rate(p->present, p->absent, p->excused));
		printf(" %6.2f of %5.2f %6d of %d%s\n", p->hours_attended, p->hours_planned,
		       p->delivered.days, p->planned.days,
		       st->billable_days > 0 ? (p->delivered.billable ? ", billable"
					       : p->planned.billable ? ", not billable (planned billable)"
					       : ", not billable") : "");
	}
	printf("\n  %-12s %8s %7s %6s %7s %5s %15s\n", "group", "sessions", "present", "absent",
	       "excused", "rate", "hours attended");
	for (size_t i = 0; i < r->t->n_groups; i++) {
		const struct attendance_group *g = &r->t->groups[i];
		printf("  %-12s %8d %7d %6d %7d", c->groups[g->group].id, g->sessions, g->present,
		       g->absent, g->excused);
		print_rate(attendance_rate(g->present, g->absent, g->excused));
		printf(" %15.2f\n", g->hours_attended);
	}

	printf("\nreview (%d or more unexcused absences in %d week%s; %d planned):",
	       st->review_absences, st->review_weeks, st->review_weeks == 1 ? "" : "s",
	       r->rv->weeks_read);
	int shown = 0;
	for (size_t i = 0; i < r->t->n_patients; i++) {
		int p = r->t->patients[i].patient;
		if (due_for_review(c, r->rv, p)) {
			printf("\n  %s: %d unexcused absence%s", c->patients[p].id, r->rv->absences[p],
			       r->rv->absences[p] == 1 ? "" : "s");
			shown++;
		}
	}
	printf("%s\n", st->review_absences == 0 ? " off (review_absences is 0)"
		       : shown ? "" : " none");

	printf("\nmake-ups:%s\n", r->mu->n ? "" : " none");
	for (size_t i = 0; i < r->mu->n; i++) {
		const struct makeup *m = &r->mu->items[i];
		const struct attendance_mark *mk = &aw->marks[m->mark];
		const struct session *missed = &aw->sessions.items[mk->session];
		const struct session *at = makeup_session(m, aw, r->next);
		char a[64], b[64];
		session_text(missed, a, sizeof a);
		session_text(at, b, sizeof b);
		if (m->rank == 1)
			printf("  %s missed %s %s (%s):\n", c->patients[mk->patient].id,
			       c->groups[missed->group].id, a, attend_status_name(mk->status));
		printf("    %d. %s %s, %d free seat%s\n", m->rank, c->groups[at->group].id, b,
		       m->free_seats, m->free_seats == 1 ? "" : "s");
	}
}

static void json_session(struct json *j, const struct clinic *c, const struct session *s)
{
	char date[11], start[8], end[8];
	date_format(s->date, date);
	session_time_format(s->start, start, sizeof start);
	session_time_format(s->end, end, sizeof end);
	json_begin_object(j);
	json_kv_string(j, "group", c->groups[s->group].id);
	json_kv_string(j, "date", s->dated ? date : NULL);
	json_kv_string(j, "start", s->timed ? start : NULL);
	json_kv_string(j, "end", s->timed ? end : NULL);
	json_kv_number(j, "hours", s->hours);
	json_end_object(j);
}

static void json_rate(struct json *j, int present, int absent, int excused)
{
	double rate = attendance_rate(present, absent, excused);
	json_key(j, "rate");
	if (rate < 0)
		json_null(j);
	else
		json_number(j, rate);
}

static void print_json(const struct report *r)
{
	const struct clinic *c = &r->ctx->clinic;
	const struct attendance_week *aw = &r->l->aw;
	char day[11];
	date_format(r->l->week.monday, day);
	struct json j;
	json_init(&j, stdout);
	json_begin_object(&j);
	json_kv_string(&j, "week", day);
	json_kv_string(&j, "roster", r->l->roster_path);
	json_kv_string(&j, "attendance", r->l->source);
	json_key(&j, "patients");
	json_begin_array(&j);
	for (size_t i = 0; i < r->t->n_patients; i++) {
		const struct attendance_patient *p = &r->t->patients[i];
		json_begin_object(&j);
		json_kv_string(&j, "id", c->patients[p->patient].id);
		json_kv_int(&j, "sessions", p->sessions);
		json_kv_int(&j, "present", p->present);
		json_kv_int(&j, "absent", p->absent);
		json_kv_int(&j, "excused", p->excused);
		json_kv_int(&j, "unrecorded", p->unrecorded);
		json_rate(&j, p->present, p->absent, p->excused);
		json_kv_number(&j, "hours_planned", p->hours_planned);
		json_kv_number(&j, "hours_attended", p->hours_attended);
		json_kv_int(&j, "billable_days_planned", p->planned.days);
		json_kv_int(&j, "billable_days_delivered", p->delivered.days);
		json_kv_bool(&j, "billable", p->delivered.billable);
		json_kv_int(&j, "unexcused_in_review_window", r->rv->absences[p->patient]);
		json_kv_bool(&j, "review", due_for_review(c, r->rv, p->patient));
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "groups");
	json_begin_array(&j);
	for (size_t i = 0; i < r->t->n_groups; i++) {
		const struct attendance_group *g = &r->t->groups[i];
		json_begin_object(&j);
		json_kv_string(&j, "id", c->groups[g->group].id);
		json_kv_int(&j, "sessions", g->sessions);
		json_kv_int(&j, "member_sessions", g->marks);
		json_kv_int(&j, "present", g->present);
		json_kv_int(&j, "absent", g->absent);
		json_kv_int(&j, "excused", g->excused);
		json_kv_int(&j, "unrecorded", g->unrecorded);
		json_rate(&j, g->present, g->absent, g->excused);
		json_kv_number(&j, "hours_attended", g->hours_attended);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "review");
	json_begin_object(&j);
	json_kv_int(&j, "absences", c->settings.review_absences);
	json_kv_int(&j, "weeks", c->settings.review_weeks);
	json_kv_int(&j, "weeks_read", r->rv->weeks_read);
	json_end_object(&j);
	json_key(&j, "makeups");
	json_begin_array(&j);
	for (size_t i = 0; i < r->mu->n; i++) {
		const struct makeup *m = &r->mu->items[i];
		const struct attendance_mark *mk = &aw->marks[m->mark];
		json_begin_object(&j);
		json_kv_string(&j, "patient", c->patients[mk->patient].id);
		json_kv_string(&j, "status", attend_status_name(mk->status));
		json_key(&j, "missed");
		json_session(&j, c, &aw->sessions.items[mk->session]);
		json_kv_int(&j, "rank", m->rank);
		json_kv_bool(&j, "next_week", m->next_week);
		json_key(&j, "session");
		json_session(&j, c, makeup_session(m, aw, r->next));
		json_kv_int(&j, "free_seats", m->free_seats);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

int cmd_attendance(int argc, char **argv)
{
	const char *source = NULL;
	const struct cli_option options[] = {
		CLI_OPT_WEEK("the Monday of the week (default: the latest Monday\n"
			     "before today)"),
		CLI_OPT_STRING('i', "in", &source, "FILE",
			       "the week's attendance from FILE (one week's rows),\n"
			       "not CLINIC/attendance.csv or the week's sheet"),
		CLI_OPT_SET("override one setting (repeatable), e.g.\n"
			    "review_absences=2"),
		CLI_OPT_FORMAT("text (default) or json"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args a;
	if (!cli_parse(&command, options, argc, argv, &a))
		return a.exit_code;
	const char *folder = a.operands[0];
	struct context_options copt = {
		.folder = folder, .overrides = a.overrides, .no_previous = true,
		.week = a.have_week ? a.week : context_default_week() - 7,
		.clinic_only = true, .quiet = a.quiet,
	};
	struct context ctx;
	struct attendance_load l, next;
	struct attendance_totals t;
	struct review rv = { 0 };
	struct makeup_list mu = { 0 };
	memset(&l, 0, sizeof l);
	memset(&next, 0, sizeof next);
	memset(&t, 0, sizeof t);
	int ret;
	enum status st = context_open(&ctx, &copt);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		goto release;
	}
	st = attendance_load(&ctx.clinic, folder, (day_t)copt.week, source, &l, &ctx.diag);
	if (st == STATUS_NO_INPUT && l.roster.n == 0 && l.source == NULL) {
		char day[11];
		date_format((day_t)copt.week, day);
		diag_list_release(&ctx.diag);
		cli_error("no roster '%s' for week %s; run 'iop-roster plan' first or give --week",
			  l.roster_path ? l.roster_path : "rosters", day);
		ret = EXIT_NO_INPUT;
		goto release;
	}
	context_report(&ctx);
	if (st == STATUS_OK)
		st = attendance_totals(&l.aw, &t);
	if (st == STATUS_OK)
		st = review_count(&ctx, folder, &l, &rv);
	/* Early next week, when it is planned: its roster and sessions only
	 * (its attendance, if any, is that week's business). */
	struct diag_list quiet = DIAG_LIST_INIT;
	if (st == STATUS_OK &&
	    attendance_load(&ctx.clinic, folder, (day_t)copt.week + 7, NULL, &next, &quiet) ==
		    STATUS_NO_MEMORY)
		st = STATUS_NO_MEMORY;
	diag_list_release(&quiet);
	bool have_next = next.aw.week != NULL;
	if (st == STATUS_OK)
		st = makeups_find(&l.aw, &l.roster, have_next ? &next.aw : NULL,
				  have_next ? &next.roster : NULL, MAKEUPS_SHOWN, &mu);
	if (st != STATUS_OK) {
		if (st == STATUS_NO_MEMORY)
			cli_error("out of memory");
		ret = cli_exit_code(st);
		goto release;
	}
	struct report r = { &ctx, &l, &t, &rv, &mu, have_next ? &next.aw : NULL };
	if (a.json)
		print_json(&r);
	else
		print_text(&r);
	ret = EXIT_WRITTEN;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output");
		ret = EXIT_IO;
	}
release:
	makeup_list_release(&mu);
	free(rv.absences);
	attendance_totals_release(&t);
	attendance_load_release(&l);
	attendance_load_release(&next);
	context_release(&ctx);
	cli_args_release(&a);
	return ret;
}

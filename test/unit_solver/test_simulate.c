/* test_simulate.c -- the week-to-week loop on small clinics built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_fixture.h"
#include "data/admissions.h"
#include "solver/simulate.h"
#include "cmd/metrics_csv.h"

static const char *const W0 = "2026-01-05";

static void init_opts(struct sim_options *o, int weeks)
{
	sim_options_init(o);
	o->first = fx_day(W0);
	o->weeks = weeks;
	o->time_limit = 2;
}

/* Joins, leaves and moves of every week against the rosters themselves:
 * a row is a join when the patient had no group of its type the week
 * before, a move when they had another one; a leave is last week's row
 * whose (patient, type) has no row now. */
static void check_diffs(const struct simulation *s)
{
	const struct clinic *c = &s->clinic;
	for (size_t k = 0; k < s->n_weeks; k++) {
		const struct roster *now = &s->weeks[k].roster;
		const struct roster *prev = simulation_previous_roster(s, k);
		int joins = 0, moves = 0, kept = 0, leaves = 0;
		for (size_t i = 0; i < now->n; i++) {
			int p = now->items[i].patient, g = now->items[i].group;
			int same = 0, other = 0;
			for (size_t j = 0; prev && j < prev->n; j++) {
				if (prev->items[j].patient != p ||
				    c->groups[prev->items[j].group].type != c->groups[g].type)
					continue;
				if (prev->items[j].group == g)
					same++;
				else
					other++;
			}
			if (same)
				kept++;
			else if (other)
				moves++;
			else
				joins++;
		}
		for (size_t j = 0; prev && j < prev->n; j++) {
			int p = prev->items[j].patient, g = prev->items[j].group;
			bool has = false;
			for (size_t i = 0; i < now->n && !has; i++)
				has = now->items[i].patient == p &&
				      c->groups[now->items[i].group].type == c->groups[g].type;
			leaves += !has;
		}
		assert_int_equal(s->weeks[k].m.joined, joins);
		assert_int_equal(s->weeks[k].m.moved, moves);
		assert_int_equal(s->weeks[k].m.kept, kept);
		assert_int_equal(s->weeks[k].m.left, leaves);
		assert_int_equal(s->weeks[k].m.placements, (int)now->n);
	}
}

/* Progress grows by the rate for each week in a group, dated the next
 * Monday; a type mastered drops out; an open-ended patient who mastered
 * everything completes; the week after has nobody (an empty roster). */
static void test_progress_and_completion(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills");
	c.settings.progress_rate = 30;
	c.settings.hours_min = 0;
	int n2[] = { 2 }, n1[] = { 1 };
	fx_patient(&c, "p1", "2025-09-01", "", n2);
	fx_patient(&c, "p2", "2025-09-01", "", n1);
	fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 10);

	struct sim_options o;
	init_opts(&o, 5);
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_OK);
	assert_int_equal(simulation_run(&s, &d), STATUS_OK);
	assert_int_equal(s.n_weeks, 5);

	assert_int_equal(s.weeks[0].roster.n, 2);
	assert_int_equal(s.weeks[0].m.joined, 2);
	assert_int_equal(s.weeks[1].m.kept, 2);
	assert_int_equal(s.weeks[1].m.patients_kept, 2);
	/* Weeks 0, 1, 2 in the group: 30, 60, 90 dated weeks 1, 2, 3. */
	assert_int_equal(s.clinic.n_progress, 6);
	assert_int_equal(s.weeks[1].n_progress, 2);
	assert_int_equal(s.clinic.progress[0].date, fx_day("2026-01-12"));
	assert_int_equal(s.clinic.progress[0].score, 30);
	assert_int_equal(s.clinic.progress[4].date, fx_day("2026-01-26"));
	assert_int_equal(s.clinic.progress[4].score, 90);
	/* Week 3: both mastered everything and completed on the Sunday before. */
	assert_int_equal(s.weeks[3].m.active, 0);
	assert_int_equal(s.weeks[3].roster.n, 0);
	assert_int_equal(s.weeks[3].m.discharged, 2);
	assert_int_equal(s.weeks[3].m.completed, 2);
	assert_int_equal(s.weeks[3].m.left, 2);
	assert_int_equal(s.weeks[4].m.active, 0);
	assert_int_equal(s.weeks[4].m.discharged, 0);
	assert_int_equal(s.clinic.patients[0].discharge, fx_day("2026-01-25"));
	check_diffs(&s);

	/* The folder of week 1 does not know of the completion yet. */
	struct clinic view;
	struct patient *pts;
	assert_true(simulation_week_clinic(&s, 1, &view, &pts));
	assert_int_equal(view.n_progress, 2);
	assert_int_equal(view.patients[0].discharge, DAY_NONE);
	free(pts);
	assert_true(simulation_week_clinic(&s, 3, &view, &pts));
	assert_int_equal(view.patients[0].discharge, fx_day("2026-01-25"));
	free(pts);

	struct strbuf csv = STRBUF_INIT;
	metrics_csv_format(&s, &csv);
	assert_false(csv.failed);
	assert_non_null(strstr(csv.data, "week,active,admitted,discharged,completed,needs,met,unmet,"
				       "met_skills,unmet_skills,unmet_no-group,"));
	assert_non_null(strstr(csv.data, "\n2026-01-26,0,0,2,2,0,0,0,"));
	size_t lines = 0;
	for (size_t i = 0; i < csv.len; i++)
		lines += csv.data[i] == '\n';
	assert_int_equal(lines, 6);
	/* One type: 8 + 2 + 9 reasons + 1 + 2 + 8 columns, on every line. */
	assert_int_equal(metrics_csv_columns(1), 30);
	for (const char *line = csv.data; *line; line = strchr(line, '\n') + 1) {
		size_t commas = 0;
		for (const char *q = line; *q != '\n'; q++)
			commas += *q == ',';
		assert_int_equal(commas + 1, metrics_csv_columns(1));
	}
	strbuf_release(&csv);
	simulation_release(&s);
	diag_list_release(&d);
}

/* Within the minimum stay a patient with nothing left to learn stays,
 * with no group. */
static void test_min_stay(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills");
	c.settings.progress_rate = 50;
	c.settings.hours_min = 0;
	int n1[] = { 1 };
	fx_patient(&c, "p1", "2025-12-29", "", n1);
	fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 10);
	struct sim_options o;
	init_opts(&o, 3);
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_OK);
	assert_int_equal(simulation_run(&s, &d), STATUS_OK);
	assert_int_equal(s.weeks[2].m.active, 1);
	assert_int_equal(s.weeks[2].m.completed, 0);
	assert_int_equal(s.weeks[2].m.needs, 0);
	assert_int_equal(s.weeks[2].roster.n, 0);
	assert_int_equal(s.clinic.patients[0].discharge, DAY_NONE);
	simulation_release(&s);
	diag_list_release(&d);
}

/* Expected admissions arrive in the week of their date; rows dated before
 * the first week are skipped with a warning. */
static void test_admission_list(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills");
	c.settings.hours_min = 0;
	int n2[] = { 2 };
	fx_patient(&c, "p1", "2025-12-01", "", n2);
	fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 10);

	/* The list lives in its own throwaway clinic-shaped array. */
	struct clinic tmp;
	fx_clinic(&tmp, "skills");
	fx_patient(&tmp, "a3", "2026-01-26", "", n2);
	fx_patient(&tmp, "a1", "2026-01-14", "", n2);
	fx_patient(&tmp, "a2", "2026-01-01", "", n2);

	struct sim_options o;
	init_opts(&o, 3);
	o.source = SIM_ADMIT_LIST;
	o.admissions = tmp.patients;
	o.n_admissions = tmp.n_patients;
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_OK);
	assert_int_equal(d.n_warnings, 1);
	assert_non_null(strstr(d.items[0].message, "'a2'"));
	clinic_release(&tmp);
	assert_int_equal(simulation_run(&s, &d), STATUS_OK);
	assert_int_equal(s.weeks[0].n_patients, 1);
	assert_int_equal(s.weeks[1].n_patients, 2);
	assert_int_equal(s.weeks[2].n_patients, 2);
	assert_string_equal(s.clinic.patients[1].id, "a1");
	assert_int_equal(s.weeks[1].m.admitted, 1);
	assert_int_equal(s.weeks[1].m.active, 2);
	assert_int_equal(s.weeks[1].roster.n, 2);
	assert_int_equal(s.weeks[1].m.joined, 1);
	check_diffs(&s);
	simulation_release(&s);
	diag_list_release(&d);
}

static void test_admission_duplicate_id(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills");
	int n2[] = { 2 };
	fx_patient(&c, "p1", "2025-12-01", "", n2);
	fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 10);
	struct clinic tmp;
	fx_clinic(&tmp, "skills");
	fx_patient(&tmp, "p1", "2026-01-14", "", n2);
	struct sim_options o;
	init_opts(&o, 1);
	o.source = SIM_ADMIT_LIST;
	o.admissions = tmp.patients;
	o.n_admissions = tmp.n_patients;
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_BAD_DATA);
	assert_int_equal(d.n_errors, 1);
	clinic_release(&tmp);
	simulation_release(&s);
	diag_list_release(&d);
}

static void history_clinic(struct clinic *c)
{
	fx_clinic(c, "skills;support");
	c->settings.hours_min = 0;
	int a[] = { 2, 1 }, b[] = { 3, 0 }, e[] = { 1, 4 };
	fx_patient(c, "p1", "2025-12-01", "", a);
	fx_patient(c, "p2", "2025-12-02", "mon 08:00-12:00", b);
	fx_patient(c, "p3", "2025-12-17", "", e);
	fx_patient(c, "p4", "2025-12-29", "", a);
	fx_patient(c, "p5", "2025-12-30", "", b);
	fx_patient(c, "p6", "2026-01-02", "", e);
	c->patients[3].discharge = fx_day("2026-01-20");
	fx_group(c, "g1", 0, "mon 09:00-12:00", 3, 1, 12);
	fx_group(c, "g2", 1, "wed 09:00-12:00", 3, 1, 12);
}

/* Weekly counts drawn from history: the same seed gives the same run;
 * new patients copy an existing one's needs and are admitted on Monday. */
static void test_history(void **state)
{
	(void)state;
	struct simulation s[2];
	for (int r = 0; r < 2; r++) {
		struct clinic c;
		history_clinic(&c);
		struct sim_options o;
		init_opts(&o, 6);
		o.source = SIM_ADMIT_HISTORY;
		o.seed = 7;
		struct diag_list d = DIAG_LIST_INIT;
		assert_int_equal(simulation_init(&s[r], &c, NULL, &o, &d), STATUS_OK);
		/* Weeks of Dec 1, 8, 15, 22, 29: 2, 0, 1, 0, 3 admissions. */
		assert_int_equal(s[r].n_history, 5);
		assert_int_equal(s[r].history[0], 2);
		assert_int_equal(s[r].history[4], 3);
		assert_int_equal(simulation_run(&s[r], &d), STATUS_OK);
		diag_list_release(&d);
	}
	assert_int_equal(s[0].clinic.n_patients, s[1].clinic.n_patients);
	int drawn = 0;
	for (size_t k = 0; k < s[0].n_weeks; k++) {
		assert_int_equal(s[0].weeks[k].m.admitted, s[1].weeks[k].m.admitted);
		assert_true(s[0].weeks[k].m.admitted <= 3);
		assert_int_equal(s[0].weeks[k].roster.n, s[1].weeks[k].roster.n);
		drawn += s[0].weeks[k].m.admitted;
	}
	assert_int_equal((int)s[0].clinic.n_patients, 6 + drawn);
	assert_true(drawn > 0);
	for (size_t i = 6; i < s[0].clinic.n_patients; i++) {
		const struct patient *p = &s[0].clinic.patients[i];
		char want[16];
		snprintf(want, sizeof want, "sim-%04zu", i - 5);
		assert_string_equal(p->id, want);
		assert_string_equal(p->id, s[1].clinic.patients[i].id);
		assert_null(p->name);
		assert_int_equal(date_weekday(p->admitted), 0);
		bool copied = false;
		for (size_t j = 0; j < 6; j++)
			copied = copied || (p->need[0] == s[0].clinic.patients[j].need[0] &&
					    p->need[1] == s[0].clinic.patients[j].need[1]);
		assert_true(copied);
		/* p4's planned stay of 22 days is the only one to copy. */
		if (p->discharge != DAY_NONE)
			assert_int_equal(p->discharge - p->admitted, 22);
	}
	check_diffs(&s[0]);
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	metrics_csv_format(&s[0], &x);
	metrics_csv_format(&s[1], &y);
	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.data, y.data, x.len);
	strbuf_release(&x);
	strbuf_release(&y);
	simulation_release(&s[0]);
	simulation_release(&s[1]);
}

/* More patients than seats, and a type no group offers: nobody is turned
 * away, the needs show as full and no-group, and the metrics say how many
 * groups each type would need. */
static void test_wave_and_no_group(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills;yoga");
	c.settings.hours_min = 0;
	int n[] = { 2, 1 };
	char id[8];
	for (int i = 0; i < 6; i++) {
		snprintf(id, sizeof id, "p%d", i + 1);
		fx_patient(&c, id, "2025-12-01", "", n);
	}
	fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 3);
	struct sim_options o;
	init_opts(&o, 2);
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_OK);
	assert_int_equal(simulation_run(&s, &d), STATUS_OK);
	const struct sim_metrics *m = &s.weeks[0].m;
	assert_int_equal(m->active, 6);
	assert_int_equal(m->placements, 3);
	assert_int_equal(m->needs, 12);
	assert_int_equal(m->met, 3);
	assert_int_equal(m->unmet_by_reason[REASON_NO_GROUP], 6);
	assert_int_equal(m->unmet_by_reason[REASON_FULL], 3);
	assert_int_equal(m->needed_by_type[0], 2);
	assert_int_equal(m->needed_by_type[1], 1); /* 6 needs, settings max_size 15 */
	assert_int_equal(m->running_by_type[0], 1);
	assert_int_equal(m->running_by_type[1], 0);
	/* Week 1: the same three keep their seats. */
	assert_int_equal(s.weeks[1].m.kept, 3);
	assert_int_equal(s.weeks[1].m.moved, 0);
	check_diffs(&s);
	simulation_release(&s);
	diag_list_release(&d);
}

/* A need of a type no group offers does not hold a patient in the program. */
static void test_completion_ignores_untreatable(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills;yoga");
	c.settings.hours_min = 0;
	int n[] = { 1, 3 };
	int p = fx_patient(&c, "p1", "2025-06-02", "", n);
	fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 10);
	fx_progress(&c, p, 0, "2026-01-02", 95);
	struct sim_options o;
	init_opts(&o, 2);
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_OK);
	assert_int_equal(simulation_run(&s, &d), STATUS_OK);
	/* The first week is the clinic as given: p1 still there, skills mastered. */
	assert_int_equal(s.weeks[0].m.active, 1);
	assert_int_equal(s.weeks[0].m.unmet_by_reason[REASON_NO_GROUP], 1);
	assert_int_equal(s.weeks[1].m.active, 0);
	assert_int_equal(s.weeks[1].m.completed, 1);
	simulation_release(&s);
	diag_list_release(&d);
}

/* The keep term holds churn down: with last week's roster as continuity
 * input nobody is moved between two interchangeable groups. */
static void test_keep_holds_churn(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills");
	c.settings.hours_min = 0;
	c.settings.progress_rate = 0;
	int n[] = { 2 };
	char id[8];
	for (int i = 0; i < 8; i++) {
		snprintf(id, sizeof id, "p%d", i + 1);
		fx_patient(&c, id, "2025-10-06", "", n);
	}
	int g1 = fx_group(&c, "g1", 0, "mon 09:00-12:00", 3, 1, 8);
	int g2 = fx_group(&c, "g2", 0, "tue 09:00-12:00", 3, 1, 8);
	/* Last week, against the groups' order: odd patients in g2. */
	struct roster prev = { 0 };
	for (int i = 0; i < 8; i++)
		assert_true(roster_add(&prev, i, i % 2 ? g1 : g2, 0));
	struct sim_options o;
	init_opts(&o, 3);
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, &prev, &o, &d), STATUS_OK);
	assert_int_equal(simulation_run(&s, &d), STATUS_OK);
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(s.weeks[k].m.kept, 8);
		assert_int_equal(s.weeks[k].m.moved, 0);
		assert_int_equal(s.weeks[k].m.patients_kept, 8);
	}
	assert_true(roster_contains(&s.weeks[2].roster, 0, g2));
	check_diffs(&s);
	roster_release(&prev);
	simulation_release(&s);
	diag_list_release(&d);
}

static void test_bad_options(void **state)
{
	(void)state;
	struct clinic c;
	fx_clinic(&c, "skills");
	struct sim_options o;
	init_opts(&o, 0);
	struct simulation s;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_USAGE);
	simulation_release(&s);
	diag_list_release(&d);

	fx_clinic(&c, "skills");
	init_opts(&o, 2);
	o.first = fx_day("2026-01-06");
	assert_int_equal(simulation_init(&s, &c, NULL, &o, &d), STATUS_USAGE);
	simulation_release(&s);
	diag_list_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_and_completion),
		cmocka_unit_test(test_min_stay),
		cmocka_unit_test(test_admission_list),
		cmocka_unit_test(test_admission_duplicate_id),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_wave_and_no_group),
		cmocka_unit_test(test_completion_ignores_untreatable),
		cmocka_unit_test(test_keep_holds_churn),
		cmocka_unit_test(test_bad_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

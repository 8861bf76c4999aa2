/* test_advice.c -- advice re-solves with an extra group and reports what it
 * proves; groups near their minimum are found. Fixture: test/data/advice-clinic
 * (one morning skills group; four patients who can only come on Tuesday
 * evenings, two on Sunday afternoons, one on Saturday mornings). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/clinic.h"
#include "data/date.h"
#include "data/week.h"
#include "solver/advice.h"
#include "solver/plan.h"

static const char *fixture;
static const char *fixture_sessions; /* test/data/advice-sessions */

struct world {
	struct clinic c;
	struct week w;
	struct plan_result res;
};

static struct world *world_open_at(const char *folder, const char *monday);

static struct world *world_open(const char *monday)
{
	return world_open_at(fixture, monday);
}

static struct world *world_open_at(const char *folder, const char *monday)
{
	struct world *x = calloc(1, sizeof *x);
	assert_non_null(x);
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(clinic_load(folder, NULL, &x->c, &d), STATUS_OK);
	day_t day;
	assert_true(date_parse(monday, &day));
	assert_int_equal(week_resolve(&x->c, day, NULL, NULL, &x->w, &d), STATUS_OK);
	struct plan_options po;
	plan_options_init(&po);
	po.time_limit = 5;
	assert_int_equal(plan_week(&x->w, &po, &x->res, &d), STATUS_OK);
	diag_list_release(&d);
	return x;
}

static void world_close(struct world *x)
{
	plan_result_release(&x->res);
	week_release(&x->w);
	clinic_release(&x->c);
	free(x);
}

static const char *patient_of(const struct world *x, int a)
{
	return x->c.patients[x->w.active[a]].id;
}

static void best_group_meets_the_tuesday_patients(void **state)
{
	(void)state;
	struct world *x = world_open("2026-03-02");
	/* Three placed in skl-1; seven skills needs unmet (no-fit). */
	assert_int_equal(advice_needs_met(&x->w, &x->res.roster), 3);
	assert_int_equal(x->res.unmet.n, 7);

	struct advice_options o;
	advice_options_init(&o);
	o.time_limit = 10;
	struct advice adv;
	assert_int_equal(advice_compute(&x->w, &x->res.roster, &x->res.unmet, &o, &adv), STATUS_OK);
	assert_int_equal(adv.unmet, 7);
	/* tue 18:00-20:00, tue 18:30-20:30 and sun-pm can reach the minimum of
	 * 2; tue 17:00-19:00 and sat-am fit one patient each and are dropped. */
	assert_int_equal(adv.n_candidates, 3);
	assert_int_equal(adv.n_evaluated, 3);

	const struct advice_candidate *best = advice_best(&adv);
	assert_non_null(best);
	assert_string_equal(x->c.type_names[best->type], "skills");
	char when[80];
	advice_when(best, when, sizeof when);
	/* skl-1 meets once a week: so does the candidate. */
	assert_int_equal(best->n_slots, 1);
	/* Two Tuesday times tie on 4 needs; the earlier one wins. The session
	 * lasts as long as the type's usual session (skl-1: two hours). */
	assert_string_equal(when, "tue 18:00-20:00");
	assert_true(best->hours > 1.999 && best->hours < 2.001);
	assert_int_equal(best->met_before, 3);
	assert_int_equal(best->met_after, 7);
	assert_int_equal(best->members, 4);
	/* The whole-week re-solve of a ten-patient clinic proves its optimum
	 * and its numbers replace the smaller re-solve's on a tie. */
	assert_true(best->optimal);
	assert_true(best->whole_week);
	assert_int_equal(best->n_gained, 4);
	assert_int_equal(best->n_lost, 0);
	const char *expected[] = { "p4", "p5", "p6", "p7" };
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(patient_of(x, best->gained_a[i]), expected[i]);
		assert_string_equal(x->c.type_names[best->gained_t[i]], "skills");
	}

	/* The label window gives a label group with the type's usual hours. */
	const struct advice_candidate *sun = NULL;
	for (size_t i = 0; i < adv.n_candidates; i++)
		if (!adv.candidates[i].slots[0].timed)
			sun = &adv.candidates[i];
	assert_non_null(sun);
	assert_string_equal(sun->slots[0].label, "sun-pm");
	assert_int_equal(sun->met_after - sun->met_before, 2);
	assert_true(sun->hours > 1.999 && sun->hours < 2.001);
	/* Results are ordered by needs gained. */
	assert_ptr_equal(&adv.candidates[2], sun);

	advice_release(&adv);
	assert_int_equal(adv.n_candidates, 0);
	world_close(x);
}

static void group_near_minimum_counts_discharges(void **state)
{
	(void)state;
	struct world *x = world_open("2026-03-02");
	struct advice_options o;
	advice_options_init(&o);
	o.max_candidates = 0; /* risks only */
	struct advice adv;
	assert_int_equal(advice_compute(&x->w, &x->res.roster, &x->res.unmet, &o, &adv), STATUS_OK);
	assert_int_equal(adv.n_candidates, 0);
	assert_null(advice_best(&adv));
	/* skl-1 has p1, p2, p3; p1 is discharged on Wednesday: 3 - 1 = the
	 * minimum 2, so one more departure stops it. */
	assert_int_equal(adv.n_risks, 1);
	assert_string_equal(x->c.groups[adv.risks[0].group].id, "skl-1");
	assert_int_equal(adv.risks[0].members, 3);
	assert_int_equal(adv.risks[0].leaving, 1);
	assert_int_equal(adv.risks[0].min_size, 2);
	advice_release(&adv);
	world_close(x);
}

static void no_unmet_needs_no_candidates(void **state)
{
	(void)state;
	/* Before the evening patients were admitted only p1-p3 are active and
	 * all are placed. */
	struct world *x = world_open("2026-01-26");
	assert_int_equal(x->res.unmet.n, 0);
	struct advice_options o;
	advice_options_init(&o);
	struct advice adv;
	assert_int_equal(advice_compute(&x->w, &x->res.roster, &x->res.unmet, &o, &adv), STATUS_OK);
	assert_int_equal(adv.unmet, 0);
	assert_int_equal(adv.n_candidates, 0);
	assert_int_equal(adv.n_evaluated, 0);
	assert_null(advice_best(&adv));
	/* Three members, no one leaving, minimum 2: not at risk. */
	assert_int_equal(adv.n_risks, 0);
	advice_release(&adv);
	world_close(x);
}

static void no_time_left_evaluates_nothing(void **state)
{
	(void)state;
	struct world *x = world_open("2026-03-02");
	struct advice_options o;
	advice_options_init(&o);
	volatile sig_atomic_t stop = 1;
	o.stop = &stop;
	struct advice adv;
	assert_int_equal(advice_compute(&x->w, &x->res.roster, &x->res.unmet, &o, &adv), STATUS_OK);
	assert_int_equal(adv.n_candidates, 3);
	assert_int_equal(adv.n_evaluated, 0);
	/* Unevaluated candidates are never advised. */
	assert_null(advice_best(&adv));
	advice_release(&adv);
	world_close(x);
}

/* Every placement the re-solve changes is listed: the given roster with the
 * moves applied meets met_after needs, its hours are hours_after, and the
 * new group's members are the moves into it. */
static void check_moves_and_net(const struct world *x, const struct advice_candidate *k)
{
	const struct week *w = &x->w;
	const struct clinic *c = &x->c;
	size_t nt = w->n_types, ng = c->n_groups;
	int *group = malloc((w->n_active * nt + 1) * sizeof *group);
	assert_non_null(group);
	for (size_t i = 0; i < w->n_active * nt; i++)
		group[i] = -1;
	double hours = 0;
	for (size_t i = 0; i < x->res.roster.n; i++) {
		int a = w->active_of[x->res.roster.items[i].patient];
		int g = x->res.roster.items[i].group;
		if (a < 0)
			continue;
		group[(size_t)a * nt + (size_t)c->groups[g].type] = g;
		hours += c->groups[g].hours;
	}
	assert_true(fabs(hours - k->hours_before) < 1e-9);
	int into_new = 0;
	for (size_t i = 0; i < k->n_moves; i++) {
		const struct advice_move *m = &k->moves[i];
		size_t cell = (size_t)m->a * nt + (size_t)m->type;
		assert_int_equal(group[cell], m->from);
		assert_int_not_equal(m->from, m->to);
		if (m->from >= 0)
			hours -= c->groups[m->from].hours;
		if (m->to >= 0)
			hours += (size_t)m->to == ng ? k->hours : c->groups[m->to].hours;
		into_new += (size_t)m->to == ng;
		group[cell] = m->to;
	}
	int met = 0;
	for (size_t i = 0; i < w->n_active * nt; i++)
		met += group[i] >= 0 && w->need[i] > 0;
	assert_int_equal(met, k->met_after);
	assert_int_equal(k->met_after - k->met_before, (int)k->n_gained - k->n_lost);
	assert_true(fabs(hours - k->hours_after) < 1e-9);
	assert_int_equal(into_new, k->members);
	free(group);
}

static void every_move_is_listed_with_the_net_change(void **state)
{
	(void)state;
	struct world *x = world_open("2026-03-02");
	struct advice_options o;
	advice_options_init(&o);
	o.time_limit = 10;
	struct advice adv;
	assert_int_equal(advice_compute(&x->w, &x->res.roster, &x->res.unmet, &o, &adv), STATUS_OK);
	assert_true(adv.n_evaluated > 0);
	for (size_t i = 0; i < adv.n_candidates; i++)
		if (adv.candidates[i].evaluated)
			check_moves_and_net(x, &adv.candidates[i]);
	/* The best: p4-p7 join the new group, nothing else changes. */
	const struct advice_candidate *best = advice_best(&adv);
	assert_non_null(best);
	assert_int_equal(best->n_moves, 4);
	for (size_t i = 0; i < best->n_moves; i++) {
		assert_int_equal(best->moves[i].from, -1);
		assert_int_equal(best->moves[i].to, (int)x->c.n_groups);
	}
	advice_release(&adv);
	world_close(x);
}

/* Support groups meet three times a week: so does the proposed one. An
 * education group meets twice and the unmet education patients come on
 * Tuesdays only: no education group is proposed, and the advice says so. */
static void proposed_group_has_the_types_sessions(void **state)
{
	(void)state;
	struct world *x = world_open_at(fixture_sessions, "2026-03-02");
	int support = clinic_find_type(&x->c, "support");
	int education = clinic_find_type(&x->c, "education");
	assert_int_equal(advice_usual_sessions(&x->c, support), 3);
	assert_int_equal(advice_usual_sessions(&x->c, education), 2);
	struct advice_options o;
	advice_options_init(&o);
	o.time_limit = 10;
	struct advice adv;
	assert_int_equal(advice_compute(&x->w, &x->res.roster, &x->res.unmet, &o, &adv), STATUS_OK);
	assert_true(adv.n_candidates > 0);
	for (size_t i = 0; i < adv.n_candidates; i++) {
		const struct advice_candidate *k = &adv.candidates[i];
		size_t like = 0;
		for (size_t g = 0; g < x->c.n_groups; g++)
			if (x->c.groups[g].type == k->type && x->c.groups[g].n_slots == k->n_slots)
				like++;
		assert_true(like > 0);
		if (k->evaluated)
			check_moves_and_net(x, k);
	}
	const struct advice_candidate *best = advice_best(&adv);
	assert_non_null(best);
	assert_int_equal(best->type, support);
	char when[256];
	advice_when(best, when, sizeof when);
	assert_string_equal(when, "mon 18:00-19:30; wed 18:00-19:30; fri 18:00-19:30");
	assert_true(fabs(best->hours - 4.5) < 1e-9);
	assert_int_equal(best->met_after - best->met_before, 3);
	assert_int_equal(adv.n_unshaped, 1);
	assert_int_equal(adv.unshaped[0].type, education);
	assert_int_equal(adv.unshaped[0].sessions, 2);
	advice_release(&adv);
	world_close(x);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_advice FIXTURE_FOLDER SESSIONS_FOLDER\n");
		return 2;
	}
	fixture = argv[1];
	fixture_sessions = argv[2];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(best_group_meets_the_tuesday_patients),
		cmocka_unit_test(group_near_minimum_counts_discharges),
		cmocka_unit_test(no_unmet_needs_no_candidates),
		cmocka_unit_test(no_time_left_evaluates_nothing),
		cmocka_unit_test(every_move_is_listed_with_the_net_change),
		cmocka_unit_test(proposed_group_has_the_types_sessions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

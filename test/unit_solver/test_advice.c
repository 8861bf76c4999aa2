/* test_advice.c -- advice re-solves with an extra group and reports what it
 * proves; groups near their minimum are found. Fixture: test/data/advice-clinic
 * (one morning skills group; four patients who can only come on Tuesday
 * evenings, two on Sunday afternoons, one on Saturday mornings). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/clinic.h"
#include "data/date.h"
#include "data/week.h"
#include "solver/advice.h"
#include "solver/plan.h"

static const char *fixture;

struct world {
	struct clinic c;
	struct week w;
	struct plan_result res;
};

static struct world *world_open(const char *monday)
{
	struct world *x = calloc(1, sizeof *x);
	assert_non_null(x);
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(clinic_load(fixture, NULL, &x->c, &d), STATUS_OK);
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
	slot_format(&best->slot, when, sizeof when);
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
		if (!adv.candidates[i].slot.timed)
			sun = &adv.candidates[i];
	assert_non_null(sun);
	assert_string_equal(sun->slot.label, "sun-pm");
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

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_advice FIXTURE_FOLDER\n");
		return 2;
	}
	fixture = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(best_group_meets_the_tuesday_patients),
		cmocka_unit_test(group_near_minimum_counts_discharges),
		cmocka_unit_test(no_unmet_needs_no_candidates),
		cmocka_unit_test(no_time_left_evaluates_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

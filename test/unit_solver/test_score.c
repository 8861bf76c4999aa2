/* test_score.c -- the contract's score, term by term, on a hand-worked case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "fixture.h"
#include "oracle.h"
#include "solver/score.h"

/* skills/support; p1 (3,2) advanced, p2 (1,0) new, p3 (0,4) advanced,
 * p4 not active yet; g1 skills 2 h, g2 support 3 h; last week p1 and p3
 * were in g1 (p3 no longer needs skills, so that pair is not kept). */
struct cs {
	struct fx f;
	int p1, p2, p3, p4, g1, g2;
};

static void build(struct cs *s)
{
	struct fx *f = &s->f;
	fx_init(f, "skills;support");
	s->p1 = fx_patient(f, "p1", "32", NULL);
	s->p2 = fx_patient(f, "p2", "10", NULL);
	fx_admitted(f, s->p2, 2);
	s->p3 = fx_patient(f, "p3", "04", NULL);
	s->p4 = fx_patient(f, "p4", "11", NULL);
	fx_admitted(f, s->p4, -10);
	s->g1 = fx_group(f, "g1", 0, "mon 10:00-12:00", 0, 1, 10, NULL);
	s->g2 = fx_group(f, "g2", 1, "tue 10:00-13:00", 0, 1, 10, NULL);
	fx_previous(f, s->p1, s->g1);
	fx_previous(f, s->p3, s->g1);
}

static void test_terms(void **state)
{
	(void)state;
	struct cs s;
	build(&s);
	struct week *w = fx_week(&s.f);
	struct roster r = { 0 };
	assert_true(roster_add(&r, s.p1, s.g1, 0));
	assert_true(roster_add(&r, s.p1, s.g2, 0));
	assert_true(roster_add(&r, s.p2, s.g1, 0));
	assert_true(roster_add(&r, s.p3, s.g2, 0));
	assert_true(roster_add(&r, s.p4, s.g1, 0)); /* inactive: ignored */
	assert_true(roster_add(&r, s.p1, s.g1, 0)); /* duplicate: counted once */
	struct score_terms t;
	score_roster(w, &r, &t);
	assert_true(fabs(t.need_sum - 10) < 1e-9);
	assert_int_equal(t.kept, 1);
	/* hours: p1 5 (short 4), p2 2 (short 7), p3 3 (short 6) */
	assert_true(fabs(t.short_hours - 17) < 1e-9);
	/* g1: p1 advanced, p2 new -> 1 short of 2; g2: p1, p3 advanced */
	assert_int_equal(t.mix_short, 1);
	assert_int_equal(t.running, 2);
	assert_true(fabs(t.total - (100 + 4 - 34 - 3)) < 1e-9);

	s.f.c.settings.group_cost = 5;
	s.f.c.settings.w_keep = 1.5;
	score_roster(w, &r, &t);
	assert_true(fabs(t.total - (100 + 1.5 - 34 - 3 - 10)) < 1e-9);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_empty_roster(void **state)
{
	(void)state;
	struct cs s;
	build(&s);
	struct week *w = fx_week(&s.f);
	struct roster r = { 0 };
	struct score_terms t;
	score_roster(w, &r, &t);
	/* every active patient is short their whole hours_min */
	assert_true(fabs(t.short_hours - 27) < 1e-9);
	assert_int_equal(t.running, 0);
	assert_int_equal(t.mix_short, 0);
	assert_true(fabs(t.total + 54) < 1e-9);
	fx_release(&s.f);
}

static void test_hours_over_minimum(void **state)
{
	(void)state;
	struct cs s;
	build(&s);
	fx_hours(&s.f, s.p1, 4, 30);
	struct week *w = fx_week(&s.f);
	struct roster r = { 0 };
	assert_true(roster_add(&r, s.p1, s.g1, 0));
	assert_true(roster_add(&r, s.p1, s.g2, 0));
	struct score_terms t;
	score_roster(w, &r, &t);
	/* p1 has 5 of 4 hours: no shortfall, no credit for the extra hour */
	assert_true(fabs(t.short_hours - 18) < 1e-9);
	assert_int_equal(t.mix_short, 2); /* one advanced member in each group */
	roster_release(&r);
	fx_release(&s.f);
}

/* v2: + w_billable for each active patient whose week is billable, its
 * own term, only while billable_days > 0. g1 puts 2 h on Monday, g2 3 h
 * on Tuesday, g3 (labels) 1.5 h on Wednesday and 1.5 h on no day. */
static void test_billable(void **state)
{
	(void)state;
	struct cs s;
	build(&s);
	int g3 = fx_group(&s.f, "g3", 0, "wed-am; room b", 3, 1, 10, NULL);
	struct week *w = fx_week(&s.f);
	struct roster r = { 0 };
	assert_true(roster_add(&r, s.p1, s.g1, 0)); /* p1: Mon 2, Tue 3 */
	assert_true(roster_add(&r, s.p1, s.g2, 0));
	assert_true(roster_add(&r, s.p2, g3, 0));   /* p2: Wed 1.5 */
	assert_true(roster_add(&r, s.p3, s.g2, 0)); /* p3: Tue 3 */
	assert_true(roster_add(&r, s.p4, s.g1, 0)); /* inactive: ignored */
	assert_true(roster_add(&r, s.p4, s.g2, 0));
	struct score_terms off, t;
	score_roster(w, &r, &off);
	assert_int_equal(off.billable, 0); /* the rule off: a v1 score */

	struct settings *st = &s.f.c.settings;
	st->billable_days = 2;
	st->billable_day_hours = 2;
	score_roster(w, &r, &t);
	assert_int_equal(t.billable, 1); /* p1 only */
	assert_true(fabs(t.total - (off.total + 15)) < 1e-9);

	st->billable_day_hours = 2.5; /* Monday's 2 h no longer counts */
	score_roster(w, &r, &t);
	assert_int_equal(t.billable, 0);
	assert_true(fabs(t.total - off.total) < 1e-9);

	st->billable_days = 1;
	st->billable_day_hours = 1.5;
	st->w_billable = 7;
	score_roster(w, &r, &t);
	assert_int_equal(t.billable, 3); /* p1, p2 (Wednesday 1.5 h), p3 */
	assert_true(fabs(t.total - (off.total + 21)) < 1e-9);
	/* the other terms do not move */
	assert_true(t.need_sum == off.need_sum && t.kept == off.kept);
	assert_true(t.short_hours == off.short_hours && t.running == off.running);
	roster_release(&r);
	fx_release(&s.f);
}

/* score_swap against scoring the swapped roster whole: random tiny
 * clinics (with and without billing), random rosters with pairs placed
 * twice and inactive patients' rows, every patient and every pair of
 * groups (or none) to take out and put in. */
static void swap_equals_full(void (*make)(struct fx *, uint64_t))
{
	long compared = 0, moved = 0;
	for (uint64_t seed = 1; seed <= 120; seed++) {
		struct fx f;
		make(&f, seed);
		const struct week *w = &f.w;
		const struct clinic *c = w->clinic;
		struct fx_rng rng = { seed };
		struct roster r = { 0 };
		for (size_t p = 0; p < c->n_patients; p++)
			for (size_t g = 0; g < c->n_groups; g++)
				if (fx_rand(&rng, 3) == 0) {
					assert_true(roster_add(&r, (int)p, (int)g, 0));
					if (fx_rand(&rng, 5) == 0)
						assert_true(roster_add(&r, (int)p, (int)g, 0));
				}
		struct score_terms base;
		score_roster(w, &r, &base);
		int ng = (int)c->n_groups;
		for (size_t p = 0; p < c->n_patients; p++)
			for (int drop = -1; drop < ng; drop++)
				for (int add = -1; add < ng; add++) {
					struct roster x = { 0 };
					for (size_t i = 0; i < r.n; i++)
						if (r.items[i].patient != (int)p || r.items[i].group != drop)
							assert_true(roster_add(&x, r.items[i].patient,
									       r.items[i].group, 0));
					if (add >= 0)
						assert_true(roster_add(&x, (int)p, add, 0));
					struct score_terms full, swap;
					score_roster(w, &x, &full);
					score_swap(w, &r, &base, (int)p, drop, add, &swap);
					roster_release(&x);
					if (fabs(full.total - swap.total) > 1e-9 ||
					    fabs(full.need_sum - swap.need_sum) > 1e-9 ||
					    fabs(full.short_hours - swap.short_hours) > 1e-9 ||
					    full.kept != swap.kept || full.running != swap.running ||
					    full.mix_short != swap.mix_short || full.billable != swap.billable)
						fail_msg("seed %llu, patient %zu, out of %d, into %d: swap "
							 "%.6f, scored whole %.6f", (unsigned long long)seed,
							 p, drop, add, swap.total, full.total);
					compared++;
					moved += fabs(full.total - base.total) > 1e-9;
				}
		roster_release(&r);
		fx_release(&f);
	}
	print_message("score_swap: %ld swaps compared, %ld of them change the score\n", compared,
		      moved);
	assert_true(moved > compared / 4); /* most must move something */
}

static void test_swap_equals_full(void **state)
{
	(void)state;
	swap_equals_full(random_clinic);
}

static void test_swap_equals_full_billing(void **state)
{
	(void)state;
	swap_equals_full(random_clinic_v2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_empty_roster),
		cmocka_unit_test(test_hours_over_minimum),
		cmocka_unit_test(test_billable),
		cmocka_unit_test(test_swap_equals_full),
		cmocka_unit_test(test_swap_equals_full_billing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

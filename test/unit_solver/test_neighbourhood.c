/* test_neighbourhood.c -- the neighbourhood search's three kinds of
 * neighbourhood keep their shape: groups of one type with all their
 * members, the related kind's groups those sharing the most possible
 * members with its seed, the whole-week kind's patients linked by the
 * groups they share; and the same rng gives the same choice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/synthetic/generate.h"
#include "solver/heuristic.h"
#include "solver/model.h"
#include "solver/neighbourhood.h"

struct setup {
	struct clinic c;
	struct roster prev;
	struct week w;
	struct model m;
	bool *in;
};

static void setup_week_billing(struct setup *s, bool billing)
{
	memset(s, 0, sizeof *s);
	struct generate_options go = { .patients = 240, .seed = 5, .history_weeks = 4,
				       .billing = billing };
	assert_true(date_parse("2026-03-02", &go.week));
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(generate_clinic(&go, &s->c, &s->prev, &d), STATUS_OK);
	assert_int_equal(week_resolve(&s->c, go.week, &s->prev, NULL, &s->w, &d), STATUS_OK);
	assert_int_equal(model_build(&s->w, &s->m), STATUS_OK);
	struct heur *h = heur_new(&s->m);
	s->in = calloc(s->w.n_active * s->w.n_groups + 1, sizeof *s->in);
	assert_true(h != NULL && s->in != NULL);
	double v;
	assert_true(heur_run(h, 200000, s->in, &v));
	heur_free(h);
	diag_list_release(&d);
}

static void setup_week(struct setup *s)
{
	setup_week_billing(s, false);
}

static void release_week(struct setup *s)
{
	free(s->in);
	model_release(&s->m);
	week_release(&s->w);
	roster_release(&s->prev);
	clinic_release(&s->c);
}

/* Patients who may join both g and h (h == g: who may join g). */
static int shared(const struct model *m, size_t g, size_t h)
{
	size_t ng = m->w->n_groups;
	int n = 0;
	for (size_t a = 0; a < m->w->n_active; a++)
		n += m->x_col[a * ng + g] >= 0 && m->x_col[a * ng + h] >= 0;
	return n;
}

/* Groups of one type that can run, with every member among the
 * patients; the others may each join one of the groups. */
static void check_groups(const struct setup *s, const struct nbhood *nb)
{
	const struct model *m = &s->m;
	size_t ng = s->w.n_groups, na = s->w.n_active;
	assert_true(nb->n_groups >= 1 && nb->n_groups <= NB_GROUPS);
	for (size_t i = 0; i < nb->n_groups; i++) {
		int g = nb->groups[i];
		assert_int_equal((size_t)s->c.groups[g].type, nb->type);
		assert_true(m->y_col[g] >= 0);
		assert_true(nb->chosen_g[g]);
		for (size_t j = 0; j < i; j++)
			assert_int_not_equal(nb->groups[j], g);
	}
	size_t listed = 0;
	for (size_t a = 0; a < na; a++) {
		bool member = false, may = false;
		for (size_t i = 0; i < nb->n_groups; i++) {
			member |= s->in[a * ng + (size_t)nb->groups[i]];
			may |= m->x_col[a * ng + (size_t)nb->groups[i]] >= 0;
		}
		if (member)
			assert_true(nb->chosen_a[a]);
		if (nb->chosen_a[a])
			assert_true(may);
		listed += nb->chosen_a[a];
	}
	assert_int_equal(listed, nb->n_patients);
}

static void test_group_kinds(void **state)
{
	(void)state;
	struct setup s;
	setup_week(&s);
	struct nbhood nb;
	assert_true(nbhood_init(&nb, &s.w));
	struct rng rng = { .state = 42 };
	int related = 0, with_choice = 0;
	for (int round = 0; round < 60; round++) {
		if (!nbhood_choose(&nb, &s.m, s.in, &rng, NB_RANDOM))
			continue;
		check_groups(&s, &nb);
		if (!nbhood_choose(&nb, &s.m, s.in, &rng, NB_RELATED))
			continue;
		check_groups(&s, &nb);
		related++;
		/* the best company of the seed: no group of the type left out
		 * shares more possible members with it than one kept for that */
		size_t seed = (size_t)nb.groups[0], kept = NB_GROUPS - NB_GROUPS / 4;
		if (nb.n_groups < NB_GROUPS)
			continue;
		with_choice++;
		int least = shared(&s.m, seed, (size_t)nb.groups[1]);
		for (size_t i = 2; i < kept; i++) {
			int o = shared(&s.m, seed, (size_t)nb.groups[i]);
			least = o < least ? o : least;
		}
		for (size_t g = 0; g < s.w.n_groups; g++)
			if (!nb.chosen_g[g] && (size_t)s.c.groups[g].type == nb.type &&
			    s.m.y_col[g] >= 0)
				assert_true(shared(&s.m, seed, g) <= least);
	}
	assert_true(related >= 30);
	assert_true(with_choice >= 10);
	nbhood_release(&nb);
	release_week(&s);
}

static void test_whole_weeks(void **state)
{
	(void)state;
	struct setup s;
	setup_week(&s);
	size_t ng = s.w.n_groups;
	struct nbhood nb;
	assert_true(nbhood_init(&nb, &s.w));
	struct rng rng = { .state = 7 };
	int full = 0;
	for (int round = 0; round < 60; round++) {
		assert_true(nbhood_choose(&nb, &s.m, s.in, &rng, NB_PLANS));
		assert_true(nb.n_patients >= 1 && nb.n_patients <= NB_PLAN_PATIENTS);
		assert_int_equal(nb.n_groups, 0);
		full += nb.n_patients == NB_PLAN_PATIENTS;
		for (size_t i = 1; i < nb.n_patients; i++) {
			size_t a = (size_t)nb.patients[i];
			assert_true(nb.chosen_a[a]);
			bool linked = false;
			for (size_t j = 0; j < i && !linked; j++)
				for (size_t g = 0; g < ng && !linked; g++)
					linked = s.in[a * ng + g] &&
						 s.in[(size_t)nb.patients[j] * ng + g];
			assert_true(linked);
		}
	}
	assert_true(full >= 30);
	/* the same rng, the same patients */
	struct rng r1 = { .state = 99 }, r2 = { .state = 99 };
	assert_true(nbhood_choose(&nb, &s.m, s.in, &r1, NB_PLANS));
	int first[NB_PLAN_PATIENTS];
	size_t n = nb.n_patients;
	memcpy(first, nb.patients, n * sizeof *first);
	assert_true(nbhood_choose(&nb, &s.m, s.in, &r2, NB_PLANS));
	assert_int_equal(nb.n_patients, n);
	assert_memory_equal(nb.patients, first, n * sizeof *first);
	nbhood_release(&nb);
	release_week(&s);
}

/* a's billable days in s's roster, and whether a's week is one short. */
static bool one_day_short(const struct setup *s, size_t a, struct billing *b)
{
	size_t ng = s->w.n_groups;
	int groups[64];
	size_t n = 0;
	for (size_t g = 0; g < ng && n < 64; g++)
		if (s->in[a * ng + g])
			groups[n++] = (int)g;
	week_billing(&s->w, groups, n, b);
	return s->m.bill_col[a] >= 0 && !b->billable &&
	       b->days + 1 == s->c.settings.billable_days;
}

/* With billing on, whole weeks start from a patient one billable day
 * short far more often than a random draw would, and such a seed brings
 * the members of groups that would give it a day it lacks. */
static void test_whole_weeks_billing(void **state)
{
	(void)state;
	struct setup s;
	setup_week_billing(&s, true);
	size_t ng = s.w.n_groups, na = s.w.n_active;
	assert_true(s.c.settings.billable_days > 0 && s.m.bill_col != NULL);
	struct billing b;
	size_t short_all = 0;
	for (size_t a = 0; a < na; a++)
		short_all += one_day_short(&s, a, &b);
	/* some to find, few enough that chance would not find them */
	assert_true(short_all >= 1 && short_all * 8 <= na);
	struct nbhood nb;
	assert_true(nbhood_init(&nb, &s.w));
	struct rng rng = { .state = 11 };
	int short_seeds = 0;
	for (int round = 0; round < 60; round++) {
		assert_true(nbhood_choose(&nb, &s.m, s.in, &rng, NB_PLANS));
		assert_true(nb.n_patients >= 1 && nb.n_patients <= NB_PLAN_PATIENTS);
		size_t seed = (size_t)nb.patients[0];
		bool is_short = one_day_short(&s, seed, &b);
		short_seeds += is_short;
		for (size_t i = 1; i < nb.n_patients; i++) {
			size_t a = (size_t)nb.patients[i];
			bool linked = false;
			for (size_t j = 0; j < i && !linked; j++)
				for (size_t g = 0; g < ng && !linked; g++)
					linked = s.in[a * ng + g] &&
						 s.in[(size_t)nb.patients[j] * ng + g];
			/* else a member of a group the short seed may join, on
			 * a day that seed has too few hours */
			for (size_t g = 0; g < ng && !linked && is_short; g++) {
				if (!s.in[a * ng + g] || s.m.x_col[seed * ng + g] < 0)
					continue;
				for (size_t d = 0; d < WEEK_DAYS && !linked; d++)
					linked = s.w.day_hours[g * WEEK_DAYS + d] > 0 &&
						 b.day_hours[d] <
							 s.c.settings.billable_day_hours - 1e-6;
			}
			assert_true(linked);
		}
	}
	/* half the seeds are drawn among them: 30 expected, 60 / 8 by chance */
	assert_true(short_seeds >= 20);
	nbhood_release(&nb);
	release_week(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_kinds),
		cmocka_unit_test(test_whole_weeks),
		cmocka_unit_test(test_whole_weeks_billing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

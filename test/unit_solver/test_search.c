/* test_search.c -- the search's parts: the exact patient plan, column
 * generation's bound and fixings (against brute force), and the
 * large-neighbourhood search keeping every rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/synthetic/generate.h"
#include "fixture.h"
#include "oracle.h"
#include "solver/colgen.h"
#include "solver/heuristic.h"
#include "solver/lns.h"
#include "solver/model.h"
#include "solver/patient_plan.h"
#include "solver/rules.h"
#include "solver/score.h"
#include "data/base/clock.h"

#define EPS 1e-6

/* Is subset s of the groups a plan of patient a (must pins and `forced`
 * in, only `allowed` others, one group a type, no clash, within
 * hours_max)? Its worth, as the score counts it, in *worth. */
static bool subset_plan(const struct model *m, int a, const double *value, const bool *allowed,
			const bool *forced, unsigned s, double *worth)
{
	const struct week *w = m->w;
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups;
	const struct patient *p = &c->patients[w->active[a]];
	double v = 0, hours = 0;
	int groups[32];
	size_t n = 0;
	for (size_t g = 0; g < ng; g++) {
		int x = m->x_col[(size_t)a * ng + g];
		bool in = s >> g & 1;
		bool must = x >= 0 && (m->cols[x].lb > 0.5 || (forced != NULL && forced[g]));
		if (must && !in)
			return false;
		if (!in)
			continue;
		if (x < 0 || (!must && allowed != NULL && !allowed[g]))
			return false;
		for (size_t h = g + 1; h < ng; h++)
			if ((s >> h & 1) && (c->groups[g].type == c->groups[h].type ||
					     w->clash[g * ng + h]))
				return false;
		v += value[g];
		hours += c->groups[g].hours;
		groups[n++] = (int)g;
	}
	if (hours > p->hours_max + 1e-9)
		return false;
	if (p->hours_min - hours > 1e-9)
		v -= c->settings.w_short * (p->hours_min - hours);
	/* the billing term (contract v2) as the score counts it */
	struct billing b;
	week_billing(w, groups, n, &b);
	if (b.billable)
		v += c->settings.w_billable;
	*worth = v;
	return true;
}

/* Best plan by trying every subset of a's columns. */
static double plan_brute(const struct model *m, int a, const double *value,
			 const bool *allowed, const bool *forced)
{
	double best = -HUGE_VAL, v;
	for (unsigned s = 0; s < 1u << m->w->n_groups; s++)
		if (subset_plan(m, a, value, allowed, forced, s, &v) && v > best)
			best = v;
	return best;
}

/* The worth of patient a's plan `groups`, recomputed from value[] and
 * pplan's own terms: what pplan_best and pplan_each must report. */
static double named_worth(struct pplan *pp, const struct week *w, const double *value, int a,
			  const int *groups, size_t n)
{
	double v = 0, hours = 0;
	for (size_t i = 0; i < n; i++) {
		v += value[groups[i]];
		hours += w->clinic->groups[groups[i]].hours;
	}
	return v + pplan_penalty(pp, a, hours) + pplan_billing(pp, a, groups, n);
}

/* Each check runs on both kinds of tiny clinic: test_NAME on
 * random_clinic (contract v1), test_NAME_billing on random_clinic_v2
 * (program phases and the billable-days rule). */
#define ON_BOTH_KINDS(name, check)                    \
	static void test_##name(void **state)         \
	{                                             \
		(void)state;                          \
		check(random_clinic);                 \
	}                                             \
	static void test_##name##_billing(void **state) \
	{                                             \
		(void)state;                          \
		check(random_clinic_v2);              \
	}

static void patient_plan_exact(void (*make)(struct fx *, uint64_t))
{
	int compared = 0;
	for (uint64_t seed = 1; seed <= 150; seed++) {
		struct fx f;
		make(&f, seed);
		struct model m;
		assert_int_equal(model_build(&f.w, &m), STATUS_OK);
		struct pplan *pp = pplan_new(&m);
		assert_non_null(pp);
		size_t ng = f.w.n_groups;
		double value[8];
		bool allowed[8], forced[8];
		int out[8];
		struct fx_rng r = { seed };
		for (size_t a = 0; a < f.w.n_active; a++) {
			for (int trial = 0; trial < 4; trial++) {
				for (size_t g = 0; g < ng; g++) {
					value[g] = (double)fx_rand(&r, 61) - 20;
					allowed[g] = fx_rand(&r, 5) != 0;
					forced[g] = fx_rand(&r, 8) == 0;
				}
				const bool *al = trial & 1 ? allowed : NULL;
				const bool *fo = trial & 2 ? forced : NULL;
				size_t n;
				double got = pplan_best(pp, (int)a, value, al, fo, out, &n);
				double want = plan_brute(&m, (int)a, value, al, fo);
				if (want == -HUGE_VAL) {
					assert_true(got == -HUGE_VAL);
				} else {
					if (fabs(got - want) > 1e-9)
						fail_msg("seed %llu patient %zu: plan %.3f, brute force %.3f",
							 (unsigned long long)seed, a, got, want);
					/* the groups it names are worth what it says */
					double v = named_worth(pp, &f.w, value, (int)a, out, n);
					assert_true(fabs(v - got) < 1e-9);
				}
				compared++;
			}
		}
		pplan_free(pp);
		model_release(&m);
		fx_release(&f);
	}
	assert_true(compared > 1000);
}

/* With billing on a plan's worth carries w_billable whole, and the
 * search's pruning must allow for it while billing is reachable. */
ON_BOTH_KINDS(patient_plan_exact, patient_plan_exact)

/* Every plan of patient a worth more than `floor`, by trying every subset
 * of the groups: their count; seen[s] marks subset s. */
static long plans_brute(const struct model *m, int a, const double *value, const bool *allowed,
			double floor, bool *seen)
{
	long count = 0;
	double v;
	for (unsigned s = 0; s < 1u << m->w->n_groups; s++) {
		seen[s] = subset_plan(m, a, value, allowed, NULL, s, &v) && v > floor;
		count += seen[s];
	}
	return count;
}

/* What pplan_each found: each plan once, worth what it says. */
struct each_check {
	const struct week *w;
	struct pplan *pp;
	const double *value;
	int a;
	bool *found;       /* [subset] */
	const bool *want;  /* [subset]: plans_brute's */
	long n;
};

static bool each_visit(void *ctx, const int *groups, size_t n, double worth)
{
	struct each_check *ec = ctx;
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			assert_true(groups[i - 1] < groups[i]);
		mask |= 1u << groups[i];
	}
	double v = named_worth(ec->pp, ec->w, ec->value, ec->a, groups, n);
	assert_true(fabs(v - worth) < 1e-9);
	assert_false(ec->found[mask]);
	assert_true(ec->want[mask]);
	ec->found[mask] = true;
	ec->n++;
	return true;
}

/* pplan_each against brute force: exactly the plans above the floor,
 * each once (column enumeration's proof rests on it). */
static void patient_plan_each(void (*make)(struct fx *, uint64_t))
{
	long plans = 0;
	int compared = 0;
	for (uint64_t seed = 1; seed <= 150; seed++) {
		struct fx f;
		make(&f, seed);
		struct model m;
		assert_int_equal(model_build(&f.w, &m), STATUS_OK);
		struct pplan *pp = pplan_new(&m);
		assert_non_null(pp);
		size_t ng = f.w.n_groups;
		double value[8];
		bool allowed[8], want[256], found[256];
		int out[8];
		struct fx_rng r = { seed };
		for (size_t a = 0; a < f.w.n_active; a++) {
			for (int trial = 0; trial < 4; trial++) {
				for (size_t g = 0; g < ng; g++) {
					value[g] = (double)fx_rand(&r, 61) - 20;
					allowed[g] = fx_rand(&r, 5) != 0;
				}
				const bool *al = trial & 1 ? allowed : NULL;
				size_t n;
				double best = pplan_best(pp, (int)a, value, al, NULL, out, &n);
				if (best == -HUGE_VAL)
					continue;
				/* off the grid of worths, so no plan sits on it */
				double floor = best - (double)fx_rand(&r, 40) - 0.0123457;
				memset(want, 0, sizeof want);
				memset(found, 0, sizeof found);
				long expect = plans_brute(&m, (int)a, value, al, floor, want);
				struct each_check ec = { &f.w, pp, value, (int)a, found, want, 0 };
				long nodes = pplan_each(pp, (int)a, value, al, NULL, floor, each_visit,
							&ec);
				assert_true(nodes > 0);
				if (ec.n != expect)
					fail_msg("seed %llu patient %zu: %ld plans, brute force %ld",
						 (unsigned long long)seed, a, ec.n, expect);
				/* the best plan is among them, and pplan_best is unchanged */
				assert_true(ec.n >= 1);
				assert_true(pplan_best(pp, (int)a, value, al, NULL, out, &n) == best);
				plans += ec.n;
				compared++;
			}
		}
		pplan_free(pp);
		model_release(&m);
		fx_release(&f);
	}
	print_message("pplan_each: %d searches, %ld plans\n", compared, plans);
	assert_true(compared > 1000);
	assert_true(plans >= compared + compared / 8); /* not only the best */
}

ON_BOTH_KINDS(patient_plan_each, patient_plan_each)

/* Every roster scoring at least `threshold` must keep every fixing. */
struct fix_check {
	const struct model *m;
	const double *fix;
	double threshold;
	long checked;
};

static void check_fixings(void *ctx, const unsigned *pick, double score)
{
	struct fix_check *fc = ctx;
	if (score < fc->threshold)
		return;
	const struct model *m = fc->m;
	const struct week *w = m->w;
	size_t ng = w->n_groups;
	for (size_t a = 0; a < w->n_active; a++)
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			if (x >= 0 && !isnan(fc->fix[x]))
				assert_true(fc->fix[x] == (double)(pick[a] >> g & 1));
		}
	for (size_t g = 0; g < ng; g++) {
		int y = m->y_col[g];
		if (y < 0 || isnan(fc->fix[y]))
			continue;
		bool runs = false;
		for (size_t a = 0; a < w->n_active; a++)
			runs = runs || (pick[a] >> g & 1);
		assert_true(fc->fix[y] == (double)runs);
	}
	fc->checked++;
}

/* The roster in[a * n_groups + g] breaks no hard rule. */
static bool roster_keeps_rules(const struct week *w, const bool *in)
{
	struct roster r = { 0 };
	fx_roster_of(w, in, &r);
	struct diag_list d = DIAG_LIST_INIT;
	bool ok = rules_check(w, &r, NULL, &d) == 0;
	diag_list_release(&d);
	roster_release(&r);
	return ok;
}

/* A tiny week brute force can solve, its model, a heuristic roster and
 * column generation run to convergence from it: where every column
 * generation test below starts. */
struct bf_colgen {
	struct fx f;
	struct week *w;
	double best; /* the brute-force optimum */
	struct model m;
	struct heur *h;
	bool *in; /* the heuristic's roster */
	double v; /* its score */
	struct colgen *cg;
	double bound, lp; /* colgen_run's */
	struct diag_list d;
};

/* False, holding nothing, when brute force cannot solve seed's week or the
 * heuristic (given `steps`) finds no roster. */
static bool bf_colgen_open(struct bf_colgen *b, void (*make)(struct fx *, uint64_t),
			   uint64_t seed, long steps, bool link_rows)
{
	make(&b->f, seed);
	b->w = &b->f.w;
	bool too_big;
	if (!oracle_best(b->w, &b->best, &too_big) || too_big) {
		fx_release(&b->f);
		return false;
	}
	assert_int_equal(model_build(b->w, &b->m), STATUS_OK);
	b->h = heur_new(&b->m);
	assert_non_null(b->h);
	b->in = calloc(b->w->n_active * b->w->n_groups + 1, sizeof *b->in);
	assert_non_null(b->in);
	if (!heur_run(b->h, steps, b->in, &b->v)) {
		free(b->in);
		heur_free(b->h);
		model_release(&b->m);
		fx_release(&b->f);
		return false;
	}
	b->cg = colgen_new(&b->m);
	assert_non_null(b->cg);
	if (link_rows)
		colgen_link_rows(b->cg, false);
	assert_int_equal(colgen_add_roster(b->cg, b->in), STATUS_OK);
	b->d = (struct diag_list)DIAG_LIST_INIT;
	assert_int_equal(colgen_run(b->cg, clock_seconds() + 60, NULL, NULL, &b->bound, &b->lp,
				    &b->d),
			 STATUS_OK);
	return true;
}

static void bf_colgen_close(struct bf_colgen *b)
{
	diag_list_release(&b->d);
	colgen_free(b->cg);
	free(b->in);
	heur_free(b->h);
	model_release(&b->m);
	fx_release(&b->f);
}

static void colgen_bound_and_fixings(void (*make)(struct fx *, uint64_t))
{
	int bounded = 0, reached = 0;
	long fixed_total = 0, rosters_checked = 0;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct bf_colgen b;
		if (!bf_colgen_open(&b, make, seed, 100000, false))
			continue;
		struct week *w = b.w;
		struct model *m = &b.m;
		double best = b.best, v = b.v, bound = b.bound;
		if (bound < best - EPS)
			fail_msg("seed %llu: bound %.6f below the optimum %.6f",
				 (unsigned long long)seed, bound, best);
		assert_true(b.lp <= bound + EPS);
		/* fixings for "at least the optimum" must hold in every
		 * optimal roster */
		double *fix = malloc((m->n_cols + 1) * sizeof *fix);
		assert_non_null(fix);
		long k = colgen_fixings(b.cg, best - EPS, fix);
		assert_true(k >= 0);
		fixed_total += k;
		struct fix_check fc = { m, fix, best - EPS, 0 };
		double again;
		bool too_big;
		assert_true(oracle_each(w, check_fixings, &fc, &again, &too_big));
		assert_true(fc.checked >= 1);
		rosters_checked += fc.checked;
		free(fix);
		/* near-best plans, then the master over every plan: its
		 * roster keeps the rules and scores no more than the optimum */
		assert_true(colgen_enrich(b.cg) >= 0);
		bool *out = calloc(w->n_active * w->n_groups + 1, sizeof *out);
		assert_non_null(out);
		double mv;
		bool improved;
		assert_int_equal(colgen_mip(b.cg, b.in, v, 30, 0, 0, bound, NULL, NULL, out, &mv,
					    &improved, NULL, NULL, &b.d), STATUS_OK);
		if (improved) {
			assert_true(mv > v);
			assert_true(mv <= best + EPS);
			assert_true(roster_keeps_rules(w, out));
		}
		reached += fabs((improved ? mv : v) - best) < EPS;
		free(out);
		bounded++;
		bf_colgen_close(&b);
	}
	print_message("colgen: %d bounds, %ld fixings checked on %ld optimal rosters; "
		      "the enriched master reached the optimum on %d\n",
		      bounded, fixed_total, rosters_checked, reached);
	assert_true(bounded >= 200);
	assert_true(fixed_total > 100); /* the check must have had something to check */
	/* with its near-best plans the master is nearly always exact on these */
	assert_true(reached >= bounded - bounded / 20);
}

/* With phases and billing: the bound stays a true bound, fixings stay valid. */
ON_BOTH_KINDS(colgen_bound_and_fixings, colgen_bound_and_fixings)

/* Probing the groups against brute force: with the optimum as the
 * threshold, a group fixed by probing is on the same side in every optimal
 * roster (colgen_fixings hands the fixings on), and the bound left over
 * them is not below the optimum. */
static void colgen_probing(void (*make)(struct fx *, uint64_t))
{
	int probed_weeks = 0;
	long groups_fixed = 0, rosters_checked = 0;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct bf_colgen b;
		if (!bf_colgen_open(&b, make, seed, 100000, true))
			continue;
		double best = b.best;
		double after;
		long k;
		assert_int_equal(colgen_probe(b.cg, b.in, best - EPS, clock_seconds() + 60, NULL,
					      NULL, &k, &after, &b.d), STATUS_OK);
		if (k > 0 && after < best - EPS)
			fail_msg("seed %llu: bound %.6f after probing below the optimum %.6f",
				 (unsigned long long)seed, after, best);
		groups_fixed += k;
		double *fix = malloc((b.m.n_cols + 1) * sizeof *fix);
		assert_non_null(fix);
		assert_true(colgen_fixings(b.cg, best - EPS, fix) >= k);
		struct fix_check fc = { &b.m, fix, best - EPS, 0 };
		double again;
		bool too_big;
		assert_true(oracle_each(b.w, check_fixings, &fc, &again, &too_big));
		assert_true(fc.checked >= 1);
		rosters_checked += fc.checked;
		free(fix);
		probed_weeks++;
		bf_colgen_close(&b);
	}
	print_message("probing: %d weeks, %ld groups fixed, checked on %ld optimal rosters\n",
		      probed_weeks, groups_fixed, rosters_checked);
	assert_true(probed_weeks >= 200);
	assert_true(groups_fixed > 50); /* the check must have had something to check */
}

ON_BOTH_KINDS(colgen_probing, colgen_probing)

/* Column enumeration within the gap against brute force: from a weak
 * roster (and, every other week, after probing), the master over every
 * plan within the gap proves the optimum or finds it; the cap stops it
 * exactly past the plans there are, and then nothing joins. */
static void colgen_enumeration(void (*make)(struct fx *, uint64_t))
{
	int proofs = 0, improved_n = 0, by_bound = 0, capped = 0;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct bf_colgen b;
		/* few steps: a roster that is often not the best */
		if (!bf_colgen_open(&b, make, seed, 30, true))
			continue;
		struct week *w = b.w;
		struct colgen *cg = b.cg;
		bool *in = b.in;
		double v = b.v, best = b.best;
		size_t cells = w->n_active * w->n_groups;
		bool *out = calloc(cells + 1, sizeof *out);
		assert_non_null(out);
		double threshold = model_better_than(&b.m, v);
		if (seed & 1) {
			long k;
			double after;
			assert_int_equal(colgen_probe(cg, in, threshold, clock_seconds() + 60, NULL,
						      NULL, &k, &after, &b.d), STATUS_OK);
		}
		double L;
		long found, added;
		bool complete;
		assert_int_equal(colgen_enumerate(cg, threshold, 1000000, &L, &found, &added,
						  &complete), STATUS_OK);
		assert_true(complete);
		assert_true(added <= found);
		if (L < threshold) {
			/* no roster reaches the threshold: v is the optimum */
			if (fabs(v - best) > EPS)
				fail_msg("seed %llu: bound %.6f below %.6f, optimum %.6f",
					 (unsigned long long)seed, L, threshold, best);
			by_bound++;
		} else {
			double mv;
			bool improved, proven;
			assert_int_equal(colgen_prove(cg, in, v, 60, 0, HUGE_VAL, NULL, NULL, out,
						      &mv, &improved, &proven, NULL, NULL, &b.d),
					 STATUS_OK);
			assert_true(proven);
			double got = improved ? mv : v;
			if (fabs(got - best) > EPS)
				fail_msg("seed %llu: enumerated master %.6f, brute force %.6f",
					 (unsigned long long)seed, got, best);
			/* from the optimum, nothing better: the cutoff now
			 * leaves plans out by their reduced cost */
			if (improved) {
				bool again_improved, again_proven;
				double av;
				bool *again = calloc(cells + 1, sizeof *again);
				assert_non_null(again);
				assert_int_equal(colgen_prove(cg, out, mv, 60, 0, HUGE_VAL, NULL,
							      NULL, again, &av, &again_improved,
							      &again_proven, NULL, NULL, &b.d),
						 STATUS_OK);
				assert_true(again_proven);
				assert_false(again_improved);
				free(again);
			}
			/* the warm start and its reduced-cost fixing change
			 * the work, never the answer */
			double cv;
			bool cold_improved, cold_proven;
			bool *cold_out = calloc(cells + 1, sizeof *cold_out);
			assert_non_null(cold_out);
			colgen_prove_cold(cg);
			assert_int_equal(colgen_prove(cg, in, v, 60, 0, HUGE_VAL, NULL, NULL,
						      cold_out, &cv, &cold_improved,
						      &cold_proven, NULL, NULL, &b.d),
					 STATUS_OK);
			assert_true(cold_proven);
			assert_int_equal(cold_improved, improved);
			if (fabs((cold_improved ? cv : v) - got) > EPS)
				fail_msg("seed %llu: warm proof %.6f, cold %.6f",
					 (unsigned long long)seed, got, cold_improved ? cv : v);
			free(cold_out);
			if (improved) {
				assert_true(roster_keeps_rules(w, out));
				struct roster r = { 0 };
				fx_roster_of(w, out, &r);
				assert_true(fabs(oracle_score_roster(w, &r) - mv) < EPS);
				roster_release(&r);
				improved_n++;
			}
			proofs++;
		}
		/* the cap: one plan short stops it, the count itself does not */
		if (found > 1) {
			long f2, a2;
			double L2;
			assert_int_equal(colgen_enumerate(cg, threshold, found - 1, &L2, &f2, &a2,
							  &complete), STATUS_OK);
			assert_false(complete);
			assert_int_equal(f2, found - 1);
			assert_int_equal(colgen_enumerate(cg, threshold, found, &L2, &f2, &a2,
							  &complete), STATUS_OK);
			assert_true(complete);
			assert_int_equal(f2, found);
			assert_int_equal(a2, 0); /* they joined the first time */
			capped++;
		}
		free(out);
		bf_colgen_close(&b);
	}
	print_message("enumeration: %d proofs by the master (%d found a better roster), %d by "
		      "the bound, %d capped\n", proofs, improved_n, by_bound, capped);
	assert_true(proofs + by_bound >= 200);
	assert_true(improved_n >= 10); /* the weak start must leave room */
	assert_true(capped >= 100);
}

ON_BOTH_KINDS(colgen_enumeration, colgen_enumeration)

/* The dive against brute force: from a weak roster, the dive's roster
 * keeps the rules, scores what it says and never beats the optimum; its
 * fixings and bound are undone after: the fixings for the optimum are the
 * same before and after, and the enumerated master still proves the
 * optimum from the dive's roster. */
static void colgen_diving(void (*make)(struct fx *, uint64_t))
{
	int dives = 0, improved_n = 0, optimal_n = 0;
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct bf_colgen b;
		if (!bf_colgen_open(&b, make, seed, 30, true))
			continue;
		struct week *w = b.w;
		struct colgen *cg = b.cg;
		double v = b.v, best = b.best;
		size_t cells = w->n_active * w->n_groups;
		double *fix0 = malloc((b.m.n_cols + 1) * sizeof *fix0);
		double *fix1 = malloc((b.m.n_cols + 1) * sizeof *fix1);
		bool *out = calloc(cells + 1, sizeof *out);
		assert_true(fix0 != NULL && fix1 != NULL && out != NULL);
		long k0 = colgen_fixings(cg, best - EPS, fix0);
		double mv;
		bool improved;
		assert_int_equal(colgen_dive(cg, b.in, v, clock_seconds() + 60, 0, NULL, NULL, out,
					     &mv, &improved, &b.d), STATUS_OK);
		const bool *start = b.in;
		if (improved) {
			assert_true(mv > v);
			if (mv > best + EPS)
				fail_msg("seed %llu: dive %.6f above the optimum %.6f",
					 (unsigned long long)seed, mv, best);
			assert_true(roster_keeps_rules(w, out));
			struct roster r = { 0 };
			fx_roster_of(w, out, &r);
			assert_true(fabs(oracle_score_roster(w, &r) - mv) < EPS);
			roster_release(&r);
			assert_int_equal(colgen_add_roster(cg, out), STATUS_OK);
			start = out;
			v = mv;
			improved_n++;
		}
		optimal_n += fabs(v - best) < EPS;
		/* undone: the same fixings for the optimum */
		assert_int_equal(colgen_fixings(cg, best - EPS, fix1), k0);
		for (size_t j = 0; j < b.m.n_cols; j++)
			if (!(isnan(fix0[j]) ? isnan(fix1[j]) : fix0[j] == fix1[j]))
				fail_msg("seed %llu: column %zu fixed %g before the dive, %g after",
					 (unsigned long long)seed, j, fix0[j], fix1[j]);
		/* and the whole master is there: the optimum is proven from
		 * the dive's roster */
		double threshold = model_better_than(&b.m, v), L;
		long found, added;
		bool complete;
		assert_int_equal(colgen_enumerate(cg, threshold, 1000000, &L, &found, &added,
						  &complete), STATUS_OK);
		assert_true(complete);
		double got = v;
		if (L >= threshold) {
			bool *again = calloc(cells + 1, sizeof *again);
			assert_non_null(again);
			double av;
			bool again_improved, proven;
			assert_int_equal(colgen_prove(cg, start, v, 60, 0, HUGE_VAL, NULL, NULL, again,
						      &av, &again_improved, &proven, NULL, NULL,
						      &b.d), STATUS_OK);
			assert_true(proven);
			if (again_improved)
				got = av;
			free(again);
		}
		if (fabs(got - best) > EPS)
			fail_msg("seed %llu: after the dive the master proves %.6f, brute force %.6f",
				 (unsigned long long)seed, got, best);
		free(fix0);
		free(fix1);
		free(out);
		dives++;
		bf_colgen_close(&b);
	}
	print_message("dive: %d weeks, a better roster on %d, the optimum on %d\n", dives,
		      improved_n, optimal_n);
	assert_true(dives >= 200);
	assert_true(improved_n >= 10); /* the weak start must leave room */
	assert_true(optimal_n >= dives - dives / 10);
}

ON_BOTH_KINDS(colgen_dive, colgen_diving)

/* A proof stops at a bound below incumbent + obj_step: with billing on
 * the step must divide w_billable too, or a billable week could be
 * missed as "no better roster". */
static void test_obj_step_counts_billing(void **state)
{
	(void)state;
	int with_bill = 0;
	for (uint64_t seed = 1; seed <= 60; seed++) {
		struct fx f;
		random_clinic_v2(&f, seed);
		f.c.settings.w_billable = 0.25;
		struct model m;
		assert_int_equal(model_build(&f.w, &m), STATUS_OK);
		bool any = false;
		for (size_t a = 0; a < f.w.n_active && m.bill_col != NULL; a++)
			any = any || m.bill_col[a] >= 0;
		if (any) {
			with_bill++;
			assert_true(m.obj_step > 0);
			double k = 0.25 / m.obj_step;
			assert_true(fabs(k - round(k)) < 1e-9);
		}
		model_release(&m);
		fx_release(&f);
	}
	assert_true(with_bill >= 10);
}

/* LNS on a generated clinic, billing off or on: its roster keeps every
 * rule and scores what it says; returns the billable weeks. */
static int lns_keeps_rules(bool billing)
{
	struct fx f;
	struct week *w = fx_generated(&f, 60, 7, billing ? 2 : 0, 1.5);
	struct diag_list d = DIAG_LIST_INIT;
	struct model m;
	assert_int_equal(model_build(w, &m), STATUS_OK);
	struct heur *h = heur_new(&m);
	assert_non_null(h);
	bool *in = calloc(w->n_active * w->n_groups + 1, sizeof *in);
	assert_non_null(in);
	double v0;
	assert_true(heur_run(h, 2000, in, &v0)); /* a weak start leaves room */
	double v = v0;
	struct lns_options lo = { clock_seconds() + 600, NULL, NULL, HUGE_VAL, 40, NULL };
	assert_int_equal(lns_run(&m, h, &lo, in, &v, &d), STATUS_OK);
	assert_true(v >= v0);
	struct roster r = { 0 };
	fx_roster_of(w, in, &r);
	struct diag_list rd = DIAG_LIST_INIT;
	assert_int_equal(rules_check(w, &r, NULL, &rd), 0);
	struct score_terms t;
	score_roster(w, &r, &t);
	assert_true(fabs(t.total - v) < EPS);
	int billable = t.billable;
	roster_release(&r);
	diag_list_release(&rd);
	diag_list_release(&d);
	free(in);
	heur_free(h);
	model_release(&m);
	fx_release(&f);
	return billable;
}

static void test_lns_keeps_rules(void **state)
{
	(void)state;
	assert_int_equal(lns_keeps_rules(false), 0);
}

/* LNS frees the re-planned patients' billing columns with their pairs. */
static void test_lns_keeps_rules_billing(void **state)
{
	(void)state;
	int billable = lns_keeps_rules(true);
	print_message("lns with billing: %d billable weeks\n", billable);
	assert_true(billable > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_patient_plan_exact),
		cmocka_unit_test(test_patient_plan_exact_billing),
		cmocka_unit_test(test_patient_plan_each),
		cmocka_unit_test(test_patient_plan_each_billing),
		cmocka_unit_test(test_colgen_enumeration),
		cmocka_unit_test(test_colgen_enumeration_billing),
		cmocka_unit_test(test_colgen_dive),
		cmocka_unit_test(test_colgen_dive_billing),
		cmocka_unit_test(test_colgen_bound_and_fixings),
		cmocka_unit_test(test_colgen_bound_and_fixings_billing),
		cmocka_unit_test(test_colgen_probing),
		cmocka_unit_test(test_colgen_probing_billing),
		cmocka_unit_test(test_obj_step_counts_billing),
		cmocka_unit_test(test_lns_keeps_rules),
		cmocka_unit_test(test_lns_keeps_rules_billing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

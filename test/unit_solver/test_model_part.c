/* test_model_part.c -- model_part_restrict builds, from the free columns'
 * rows alone, the very sub-model model_restrict builds from the whole
 * model: the neighbourhood search relies on it to walk the same path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/base/rng.h"
#include "fixture.h"
#include "solver/heuristic.h"
#include "solver/model.h"
#include "solver/model_part.h"

/* a and b column for column, row for row, coefficient for coefficient,
 * to the bit */
static void assert_same_model(const struct model *a, const int *map_a, const struct model *b,
			      const int *map_b)
{
	assert_int_equal(a->n_cols, b->n_cols);
	assert_int_equal(a->n_rows, b->n_rows);
	assert_int_equal(a->nnz, b->nnz);
	for (size_t j = 0; j < a->n_cols; j++) {
		assert_int_equal(map_a[j], map_b[j]);
		const struct model_col *x = &a->cols[j], *y = &b->cols[j];
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->a, y->a);
		assert_int_equal(x->g, y->g);
		assert_int_equal(x->k, y->k);
		assert_true(x->obj == y->obj && x->lb == y->lb && x->ub == y->ub);
		assert_int_equal(x->integer, y->integer);
	}
	for (size_t i = 0; i < a->n_rows; i++) {
		const struct model_row *r = &a->rows[i], *s = &b->rows[i];
		assert_int_equal(r->kind, s->kind);
		assert_int_equal(r->a, s->a);
		assert_int_equal(r->g, s->g);
		assert_int_equal(r->k, s->k);
		assert_int_equal(r->sense, s->sense);
		assert_true(r->rhs == s->rhs);
		assert_int_equal(r->start, s->start);
		assert_int_equal(r->len, s->len);
	}
	if (a->nnz > 0) {
		assert_memory_equal(a->ind, b->ind, a->nnz * sizeof *a->ind);
		assert_memory_equal(a->val, b->val, a->nnz * sizeof *a->val);
	}
}

/* A generated week (billing on or off) with a heuristic roster as the
 * point; 30 random sets of free columns, with repeats, from one index. */
static void same_as_restrict(bool billing)
{
	struct fx f;
	struct week *w = fx_generated(&f, 80, 11, billing ? 2 : 0, 1.5);
	struct model m;
	assert_int_equal(model_build(w, &m), STATUS_OK);
	if (billing)
		assert_non_null(m.bill_col);
	struct heur *h = heur_new(&m);
	assert_non_null(h);
	bool *in = calloc(w->n_active * w->n_groups + 1, sizeof *in);
	double *point = malloc((m.n_cols + 1) * sizeof *point);
	double *fix = malloc((m.n_cols + 1) * sizeof *fix);
	int *map_a = malloc((m.n_cols + 1) * sizeof *map_a);
	int *map_b = malloc((m.n_cols + 1) * sizeof *map_b);
	int *free_cols = malloc((2 * m.n_cols + 1) * sizeof *free_cols);
	assert_true(in && point && fix && map_a && map_b && free_cols);
	double v;
	assert_true(heur_run(h, 20000, in, &v));
	model_point(&m, in, point);
	struct model_part *p = model_part_new(&m);
	assert_non_null(p);
	struct rng r = { .state = 0x5eedULL };
	size_t rows_seen = 0;
	for (int trial = 0; trial < 30; trial++) {
		/* a few columns to most of them, and the last trial none */
		size_t n = trial == 29 ? 0 : 1 + rng_mod(&r, trial < 10 ? 20 : m.n_cols);
		memcpy(fix, point, m.n_cols * sizeof *fix);
		for (size_t i = 0; i < n; i++) {
			free_cols[i] = (int)rng_mod(&r, m.n_cols);
			fix[free_cols[i]] = NAN;
		}
		struct model a, b;
		assert_int_equal(model_restrict(&m, fix, &a, map_a), STATUS_OK);
		assert_int_equal(model_part_restrict(p, point, free_cols, n, &b, map_b),
				 STATUS_OK);
		assert_same_model(&a, map_a, &b, map_b);
		rows_seen += a.n_rows;
		model_release(&a);
		model_release(&b);
	}
	assert_true(rows_seen > 0);
	model_part_free(p);
	free(in);
	free(point);
	free(fix);
	free(map_a);
	free(map_b);
	free(free_cols);
	heur_free(h);
	model_release(&m);
	fx_release(&f);
}

static void test_same_as_restrict(void **state)
{
	(void)state;
	same_as_restrict(false);
}

static void test_same_as_restrict_billing(void **state)
{
	(void)state;
	same_as_restrict(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_restrict),
		cmocka_unit_test(test_same_as_restrict_billing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

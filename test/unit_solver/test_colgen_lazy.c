/* test_colgen_lazy.c -- column generation with its separation rows
 * joining only once they bind (colgen_lazy_separations) converges to the
 * LP value of the full master, its bound stays above every roster, and
 * the rows do join where the LP point breaks them. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/base/clock.h"
#include "fixture.h"
#include "solver/colgen.h"
#include "solver/heuristic.h"
#include "solver/model.h"

/* Converges column generation on the week from `in`, lazily or not; the
 * log (owned by the caller) says what joined. */
static void converge(const struct model *m, const bool *in, bool lazy, double *bound,
		     double *lp, char **log)
{
	size_t size;
	FILE *f = open_memstream(log, &size);
	assert_non_null(f);
	struct colgen *cg = colgen_new(m);
	assert_non_null(cg);
	if (lazy)
		colgen_lazy_separations(cg);
	assert_int_equal(colgen_add_roster(cg, in), STATUS_OK);
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(colgen_run(cg, clock_seconds() + 120, NULL, f, bound, lp, &d),
			 STATUS_OK);
	diag_list_release(&d);
	colgen_free(cg);
	fclose(f);
}

static void test_lazy_separations(void **state)
{
	(void)state;
	int weeks = 0, joined = 0;
	for (uint64_t seed = 1; seed <= 12; seed++) {
		struct fx f;
		struct week *w = fx_generated(&f, 120, seed, 0, 0);
		struct model m;
		assert_int_equal(model_build(w, &m), STATUS_OK);
		struct heur *h = heur_new(&m);
		bool *in = calloc(w->n_active * w->n_groups + 1, sizeof *in);
		assert_true(h != NULL && in != NULL);
		double v;
		/* a weak roster, so pricing has far to go */
		if (w->n_separations > 0 && heur_run(h, 2000, in, &v)) {
			double b_full, lp_full, b_lazy, lp_lazy;
			char *log_full = NULL, *log_lazy = NULL;
			converge(&m, in, false, &b_full, &lp_full, &log_full);
			converge(&m, in, true, &b_lazy, &lp_lazy, &log_lazy);
			double tol = 1e-6 * fmax(1.0, fabs(lp_full));
			assert_true(fabs(lp_lazy - lp_full) <= tol);
			/* both bound the same optimum from above */
			assert_true(b_lazy >= lp_full - tol && b_full >= lp_full - tol);
			assert_true(b_lazy >= v - tol);
			assert_null(strstr(log_full, "separation rows joined"));
			joined += strstr(log_lazy, "separation rows joined") != NULL;
			weeks++;
			free(log_full);
			free(log_lazy);
		}
		free(in);
		heur_free(h);
		model_release(&m);
		fx_release(&f);
	}
	print_message("lazy separations: %d weeks, rows joined on %d\n", weeks, joined);
	assert_true(weeks >= 6);
	assert_true(joined >= 1); /* the test must have seen a row join */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lazy_separations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

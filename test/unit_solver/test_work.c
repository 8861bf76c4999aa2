/* test_work.c -- the work budget (solver/work.h): how it is shared across
 * the phases, what pieces of work cost, and the default budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "solver/work.h"

/* Column generation gets at most 70 % of the whole budget, the master a
 * third of what is left, the last phase all of it. */
static void test_share(void **state)
{
	(void)state;
	struct work w;
	work_init(&w, 1000);
	assert_int_equal(work_share(&w, WORK_COLGEN), 700);
	work_charge(&w, 100);  /* the heuristic */
	assert_int_equal(work_share(&w, WORK_COLGEN), 700);
	work_charge(&w, 600);  /* 70 % is a cap, not a reservation */
	assert_int_equal(work_left(&w), 300);
	assert_int_equal(work_share(&w, WORK_COLGEN), 300);
	assert_int_equal(work_share(&w, WORK_MASTER), 100);
	assert_int_equal(work_share(&w, WORK_FINAL), 300);
	assert_false(work_spent(&w));
}

/* Used up (or over, as a phase stops only between its steps): nothing
 * left, yet no share reads 0, which GLPK's wrapper would take for "no
 * limit". */
static void test_spent(void **state)
{
	(void)state;
	struct work w;
	work_init(&w, 50);
	work_charge(&w, 70);
	assert_true(work_spent(&w));
	assert_int_equal(work_left(&w), 0);
	assert_int_equal(work_share(&w, WORK_COLGEN), 1);
	assert_int_equal(work_share(&w, WORK_MASTER), 1);
	assert_int_equal(work_share(&w, WORK_FINAL), 1);
	work_charge(&w, -5); /* nothing is ever given back */
	assert_int_equal(w.used, 70);
}

/* A phase's own budget is charged back to its parent. */
static void test_sub(void **state)
{
	(void)state;
	struct work w;
	work_init(&w, 1000);
	struct work sub = work_sub(work_share(&w, WORK_COLGEN));
	assert_int_equal(sub.limit, 700);
	work_charge(&sub, 720);
	assert_true(work_spent(&sub));
	work_charge(&w, sub.used);
	assert_int_equal(work_left(&w), 280);
	assert_int_equal(work_share(&w, WORK_MASTER), 93);
}

/* Iterations cost by the LP's size, and the iteration limit a budget
 * allows is the inverse. */
static void test_costs(void **state)
{
	(void)state;
	assert_int_equal(work_simplex(100, 640, 2560), 100 * 50);
	assert_int_equal(work_simplex(3, 10, 10), 3); /* at least a tick each */
	assert_int_equal(work_simplex(0, 640, 2560), 0);
	assert_int_equal(work_iterations(5000, 640, 2560), 100);
	assert_int_equal(work_iterations(10, 640, 2560), 1);
	assert_true(work_nodes(1, 640, 2560) > work_simplex(1, 640, 2560));
	assert_true(work_cut_round(640, 2560, true) > work_cut_round(640, 2560, false));
	assert_int_equal(work_heuristic(0), 0);
	assert_true(work_heuristic(1000000) > 0);
}

/* The default: WORK_KTICKS_PER_SECOND kilo-ticks per second of limit;
 * no limit reads as a budget too big to reach. */
static void test_default(void **state)
{
	(void)state;
	assert_int_equal(work_for_seconds(10), 10LL * WORK_KTICKS_PER_SECOND * 1000);
	assert_int_equal(work_for_seconds(0), 1);
	struct work w;
	work_init(&w, 0);
	assert_true(w.limit > work_for_seconds(24 * 3600));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_spent),
		cmocka_unit_test(test_sub),
		cmocka_unit_test(test_costs),
		cmocka_unit_test(test_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

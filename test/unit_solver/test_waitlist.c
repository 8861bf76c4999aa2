/* test_waitlist.c -- the waiting list's offer order and the seeds' spread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "cmd/sim_spread.h"
#include "solver/waitlist_seat.h"

static struct patient person(day_t requested, int *need)
{
	struct patient p;
	memset(&p, 0, sizeof p);
	p.admitted = requested;
	p.need = need;
	return p;
}

/* First come: the date asked, then list order; by need: the largest sum
 * of needs first, then the same. */
static void test_order(void **state)
{
	(void)state;
	int n0[] = { 1, 0 }, n1[] = { 4, 4 }, n2[] = { 2, 1 }, n3[] = { 4, 4 };
	struct patient ps[] = { person(20, n0), person(10, n1), person(10, n2), person(5, n3) };
	const struct patient *people[] = { &ps[0], &ps[1], &ps[2], &ps[3] };
	size_t order[4];
	waitlist_order(people, 4, 2, false, order);
	size_t fifo[] = { 3, 1, 2, 0 };
	assert_memory_equal(order, fifo, sizeof fifo);
	waitlist_order(people, 4, 2, true, order);
	size_t need[] = { 3, 1, 2, 0 }; /* 8 (asked 5), 8 (asked 10), 3, 1 */
	assert_memory_equal(order, need, sizeof need);
	ps[3].admitted = 30; /* now the later of the two neediest */
	waitlist_order(people, 4, 2, true, order);
	size_t need2[] = { 1, 3, 2, 0 };
	assert_memory_equal(order, need2, sizeof need2);
}

/* Median of an odd and an even count, NAN skipped, nothing at all. */
static void test_spread(void **state)
{
	(void)state;
	struct sim_figures runs[4];
	memset(runs, 0, sizeof runs);
	double v[] = { 7, 1, 4, 10 };
	for (size_t i = 0; i < 4; i++) {
		runs[i].seed = i + 1;
		runs[i].v[FIG_CHURN] = v[i];
		runs[i].v[FIG_WAITING_DAYS] = i == 2 ? NAN : v[i];
		runs[i].v[FIG_BILLABLE] = NAN;
	}
	double med, lo, hi;
	assert_true(sim_spread_of(runs, 4, FIG_CHURN, &med, &lo, &hi));
	assert_true(med == 5.5 && lo == 1 && hi == 10);
	assert_true(sim_spread_of(runs, 3, FIG_CHURN, &med, &lo, &hi));
	assert_true(med == 4 && lo == 1 && hi == 7);
	assert_true(sim_spread_of(runs, 4, FIG_WAITING_DAYS, &med, &lo, &hi));
	assert_true(med == 7 && lo == 1 && hi == 10);
	assert_false(sim_spread_of(runs, 4, FIG_BILLABLE, &med, &lo, &hi));

	bool shown[FIG_COUNT] = { [FIG_CHURN] = true, [FIG_WAITING_DAYS] = true };
	struct strbuf out = STRBUF_INIT;
	sim_spread_csv(runs, 4, shown, &out);
	assert_false(out.failed);
	assert_string_equal(out.data, "figure,median,min,max,runs,seeds\n"
				      "churn,5.500,1.000,10.000,4,1-4\n"
				      "waiting_days,7.000,1.000,10.000,3,1-4\n");
	strbuf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_spread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

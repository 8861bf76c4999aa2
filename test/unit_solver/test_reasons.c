/* test_reasons.c -- every unmet need gets the contract's reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fixture.h"
#include "solver/reasons.h"

/* skills/support/trauma (no trauma group). g1 skills mon 10-12, g2 support
 * mon 11-13 (clashes with g1), g3 support tue 10-12 with max_size 2. */
struct rs {
	struct fx f;
	int g1, g2, g3;
	struct roster r;
	struct unmet_list u;
};

static void build(struct rs *s)
{
	memset(s, 0, sizeof *s);
	fx_init(&s->f, "skills;support;trauma");
	s->g1 = fx_group(&s->f, "g1", 0, "mon 10:00-12:00", 0, 1, 10, NULL);
	s->g2 = fx_group(&s->f, "g2", 1, "mon 11:00-13:00", 0, 1, 10, NULL);
	s->g3 = fx_group(&s->f, "g3", 1, "tue 10:00-12:00", 0, 1, 2, NULL);
}

static void place(struct rs *s, int p, int g)
{
	assert_true(roster_add(&s->r, p, g, 0));
}

static const struct unmet *compute(struct rs *s, size_t want_n)
{
	struct week *w = fx_week(&s->f);
	assert_int_equal(reasons_compute(w, &s->r, &s->u), STATUS_OK);
	assert_int_equal(s->u.n, want_n);
	return s->u.items;
}

static void done(struct rs *s)
{
	unmet_list_release(&s->u);
	roster_release(&s->r);
	fx_release(&s->f);
}

static void expect_one(struct rs *s, int a, int type, int need, enum unmet_reason reason,
		       const char *detail)
{
	const struct unmet *u = compute(s, 1);
	assert_int_equal(u->a, a);
	assert_int_equal(u->type, type);
	assert_int_equal(u->need, need);
	assert_string_equal(unmet_reason_name(u->reason), unmet_reason_name(reason));
	if (detail == NULL)
		assert_null(u->detail);
	else
		assert_string_equal(u->detail, detail);
}

static void test_no_group(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "103", NULL);
	place(&s, p1, s.g1);
	expect_one(&s, 0, 2, 3, REASON_NO_GROUP, NULL);
	done(&s);
}

static void test_no_fit(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_patient(&s.f, "p1", "010", "wed 09:00-17:00");
	expect_one(&s, 0, 1, 1, REASON_NO_FIT, NULL);
	done(&s);
}

static void test_no_fit_tags(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_requires(&s.f, s.g2, "women");
	fx_requires(&s.f, s.g3, "women");
	fx_patient(&s.f, "p1", "020", NULL);
	expect_one(&s, 0, 1, 2, REASON_NO_FIT, NULL);
	done(&s);
}

static void test_pinned_out(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "010", NULL);
	fx_pin(&s.f, p1, s.g2, PIN_NEVER, 2);
	fx_pin(&s.f, p1, s.g3, PIN_NEVER, 3);
	expect_one(&s, 0, 1, 1, REASON_PINNED_OUT, NULL);
	done(&s);
}

static void test_clash(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "120", "mon 09:00-14:00");
	place(&s, p1, s.g1);
	expect_one(&s, 0, 1, 2, REASON_CLASH, "g2: clash with g1");
	done(&s);
}

static void test_hours(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "110", "mon 10:00-12:00;tue 10:00-12:00");
	fx_hours(&s.f, p1, 0, 3);
	place(&s, p1, s.g1);
	expect_one(&s, 0, 1, 1, REASON_HOURS, "g3: would pass 3 hours");
	done(&s);
}

static void test_separation(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "010", "tue 09:00-17:00");
	int p2 = fx_patient(&s.f, "p2", "010", "tue 09:00-17:00");
	fx_separation(&s.f, p1, p2, 2);
	place(&s, p2, s.g3);
	expect_one(&s, 0, 1, 1, REASON_SEPARATION, "g3: separated partner");
	done(&s);
}

static void test_full(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_patient(&s.f, "p1", "010", "tue 09:00-17:00");
	int p2 = fx_patient(&s.f, "p2", "010", NULL);
	int p3 = fx_patient(&s.f, "p3", "010", NULL);
	place(&s, p2, s.g3);
	place(&s, p3, s.g3);
	expect_one(&s, 0, 1, 1, REASON_FULL, "g3: full");
	done(&s);
}

/* Contract v2: a group with no members is not-running, never full, and the
 * detail says why: too few can join, its facilitator is busy, or closed. */
static void test_not_running_closed(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_patient(&s.f, "p1", "010", "tue 09:00-17:00");
	expect_one(&s, 0, 1, 1, REASON_NOT_RUNNING,
		   "g3: not running, the optimiser closed it: 1 patient can join, it needs 1");
	done(&s);
}

static void test_not_running_closed_taken(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int g8 = fx_group(&s.f, "g8", 1, "wed 10:00-12:00", 0, 2, 10, NULL);
	fx_patient(&s.f, "p1", "010", "wed 09:00-17:00");
	int p2 = fx_patient(&s.f, "p2", "010", NULL);
	int p3 = fx_patient(&s.f, "p3", "010", NULL);
	place(&s, p2, s.g3);
	place(&s, p3, s.g2);
	(void)g8;
	expect_one(&s, 0, 1, 1, REASON_NOT_RUNNING,
		   "g8: not running, the optimiser closed it: 3 patients can join, 2 of "
		   "them are in another support group, it needs 2");
	done(&s);
}

static void test_not_running_few_eligible(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_group(&s.f, "g8", 1, "wed 10:00-12:00", 0, 3, 10, NULL);
	fx_patient(&s.f, "p1", "010", "wed 09:00-17:00");
	expect_one(&s, 0, 1, 1, REASON_NOT_RUNNING,
		   "g8: not running, only 1 patient can join, it needs 3");
	done(&s);
}

static void test_not_running_facilitator(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_group(&s.f, "g8", 1, "wed 10:00-12:00", 0, 1, 10, "Ann Lee");
	int g9 = fx_group(&s.f, "g9", 0, "wed 11:00-12:00", 0, 1, 10, "ann  lee");
	fx_patient(&s.f, "p1", "010", "wed 09:00-17:00");
	int p2 = fx_patient(&s.f, "p2", "100", NULL);
	place(&s, p2, g9);
	expect_one(&s, 0, 1, 1, REASON_NOT_RUNNING,
		   "g8: not running, its facilitator runs g9 at the same time");
	struct not_running nr;
	reasons_not_running(fx_week(&s.f), &s.r, 3, &nr);
	assert_int_equal(nr.why, NOT_RUNNING_FACILITATOR);
	assert_int_equal(nr.facilitator_group, g9);
	assert_string_equal(group_cause_name(CAUSE_NOT_RUNNING), "not-running");
	done(&s);
}

static void test_trade_off(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "140", NULL);
	int p2 = fx_patient(&s.f, "p2", "010", NULL);
	int p3 = fx_patient(&s.f, "p3", "010", NULL);
	place(&s, p1, s.g1);
	place(&s, p2, s.g3);
	place(&s, p3, s.g3);
	expect_one(&s, 0, 1, 4, REASON_TRADE_OFF, "g2: clash with g1; g3: full");
	done(&s);
}

static void test_open_group_is_trade_off(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_patient(&s.f, "p1", "010", "tue 09:00-17:00");
	int p2 = fx_patient(&s.f, "p2", "010", NULL);
	place(&s, p2, s.g3);
	/* need 1 (+10), 2 h nearer the 9 h minimum (+4), a second advanced
	 * member in g3 (+3) */
	expect_one(&s, 0, 1, 1, REASON_TRADE_OFF, "g3: open, adding them scores 17 more");
	done(&s);
}

static void test_mastered_and_met_are_not_listed(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int p1 = fx_patient(&s.f, "p1", "230", NULL);
	fx_progress(&s.f, p1, 1, 7, 85);
	place(&s, p1, s.g1);
	compute(&s, 0);
	done(&s);
}

static void test_order(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_patient(&s.f, "p1", "011", "wed 09:00-17:00");
	fx_patient(&s.f, "p2", "201", "wed 09:00-17:00");
	const struct unmet *u = compute(&s, 4);
	int want[4][3] = { { 0, 1, REASON_NO_FIT }, { 0, 2, REASON_NO_GROUP },
			   { 1, 0, REASON_NO_FIT }, { 1, 2, REASON_NO_GROUP } };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(u[i].a, want[i][0]);
		assert_int_equal(u[i].type, want[i][1]);
		assert_int_equal(u[i].reason, want[i][2]);
	}
	done(&s);
}

static void test_group_causes(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	int g4 = fx_group(&s.f, "g4", 0, "wed 10:00-12:00", 0, 1, 10, NULL);
	int g5 = fx_group(&s.f, "g5", 1, "thu 10:00-12:00", 0, 1, 10, NULL);
	int g6 = fx_group(&s.f, "g6", 1, "fri 10:00-12:00", 0, 1, 10, NULL);
	int g7 = fx_group(&s.f, "g7", 2, "sat 10:00-12:00", 0, 1, 10, NULL);
	int p1 = fx_patient(&s.f, "p1", "111", "mon 08:00-14:00;tue 08:00-14:00;wed 08:00-14:00;thu 08:00-14:00;fri 08:00-14:00");
	int p2 = fx_patient(&s.f, "p2", "111", NULL);
	fx_separation(&s.f, p1, p2, 2);
	fx_pin(&s.f, p1, g5, PIN_NEVER, 2);
	int p3 = fx_patient(&s.f, "p3", "100", NULL);
	place(&s, p1, s.g1);
	place(&s, p2, g6);
	place(&s, p3, g4);
	struct week *w = fx_week(&s.f);
	int other = 99;
	assert_int_equal(reasons_group_cause(w, &s.r, 0, s.g1, &other), CAUSE_GIVEN);
	assert_int_equal(other, -1);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, g7, &other), CAUSE_NO_FIT);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, g5, &other), CAUSE_PINNED_OUT);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, g4, &other), CAUSE_TYPE_TAKEN);
	assert_int_equal(other, s.g1);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, s.g2, &other), CAUSE_CLASH);
	assert_int_equal(other, s.g1);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, g6, &other), CAUSE_SEPARATION);
	assert_int_equal(other, 1);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, s.g3, NULL), CAUSE_NOT_RUNNING); /* no members */
	/* g4 runs (p3) and has room for p2 */
	assert_int_equal(reasons_group_cause(w, &s.r, 1, g4, &other), CAUSE_TRADE_OFF);
	assert_string_equal(group_cause_name(CAUSE_TRADE_OFF), "trade-off");
	assert_string_equal(group_cause_name(CAUSE_TYPE_TAKEN), "type-taken");
	done(&s);
}

static void test_no_need_cause(void **state)
{
	(void)state;
	struct rs s;
	build(&s);
	fx_patient(&s.f, "p1", "010", NULL);
	struct week *w = fx_week(&s.f);
	assert_int_equal(reasons_group_cause(w, &s.r, 0, s.g1, NULL), CAUSE_NO_NEED);
	done(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_group),
		cmocka_unit_test(test_no_fit),
		cmocka_unit_test(test_no_fit_tags),
		cmocka_unit_test(test_pinned_out),
		cmocka_unit_test(test_clash),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_separation),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_not_running_closed),
		cmocka_unit_test(test_not_running_closed_taken),
		cmocka_unit_test(test_not_running_few_eligible),
		cmocka_unit_test(test_not_running_facilitator),
		cmocka_unit_test(test_trade_off),
		cmocka_unit_test(test_open_group_is_trade_off),
		cmocka_unit_test(test_mastered_and_met_are_not_listed),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_group_causes),
		cmocka_unit_test(test_no_need_cause),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

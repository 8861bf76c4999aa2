/* test_admit.c -- seating one new patient without moving anyone else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sim_fixture.h"
#include "solver/admit.h"
#include "solver/rules.h"

static struct clinic c;
static struct roster current;
static int gA1, gA2, gB1;
static const char *const W = "2026-01-05";

/* gA1 full (3 of 3), gA2 running with room (2 of 3), gB1 not running but
 * may run with one member. p6 is the new patient: Monday and Wednesday
 * mornings only, so gA2 (Tuesday) does not fit. */
static int setup(void **state)
{
	(void)state;
	fx_clinic(&c, "a;b");
	c.settings.hours_min = 0;
	int old[] = { 2, 0 }, fresh[] = { 3, 2 };
	char id[8];
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "p%d", i + 1);
		fx_patient(&c, id, "2025-10-06", "", old);
	}
	fx_patient(&c, "p6", "2026-01-06", "mon 08:00-12:00;wed 08:00-12:00", fresh);
	fx_patient(&c, "p7", "2026-03-02", "", fresh);
	fx_patient(&c, "p8", "2026-01-06", "", fresh);
	gA1 = fx_group(&c, "gA1", 0, "mon 09:00-12:00", 3, 2, 3);
	gA2 = fx_group(&c, "gA2", 0, "tue 09:00-12:00", 3, 2, 3);
	gB1 = fx_group(&c, "gB1", 1, "wed 09:00-12:00", 3, 1, 5);
	memset(&current, 0, sizeof current);
	for (int i = 0; i < 5; i++)
		roster_add(&current, i, i < 3 ? gA1 : gA2, (long)i + 2);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	roster_release(&current);
	clinic_release(&c);
	return 0;
}

static enum status admit(int patient, struct week *w, struct admit_result *res,
			 struct diag_list *d)
{
	assert_int_equal(week_resolve(&c, fx_day(W), NULL, NULL, w, d), STATUS_OK);
	return admit_patient(w, &current, "rosters/2026-01-05.csv", patient, res, d);
}

static void test_full_names_one_move(void **state)
{
	(void)state;
	struct week w;
	struct admit_result res;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admit(5, &w, &res, &d), STATUS_OK);
	/* Only gB1 can take p6: gA1 is full, gA2 does not fit. */
	assert_int_equal(res.n_given, 1);
	assert_int_equal(res.given[0], gB1);
	assert_int_equal(res.roster.n, 6);
	for (size_t i = 0; i < current.n; i++)
		assert_true(roster_contains(&res.roster, current.items[i].patient,
					    current.items[i].group));
	assert_true(roster_contains(&res.roster, 5, gB1));
	struct diag_list broken = DIAG_LIST_INIT;
	assert_int_equal(rules_check(&w, &res.roster, NULL, &broken), 0);
	diag_list_release(&broken);
	/* Type a is unmet as full; moving p1 (first by id among equals) to
	 * gA2 would free a seat in gA1. */
	bool full = false;
	for (size_t i = 0; i < res.unmet.n; i++)
		if (res.unmet.items[i].a == w.active_of[5] && res.unmet.items[i].type == 0)
			full = res.unmet.items[i].reason == REASON_FULL;
	assert_true(full);
	assert_int_equal(res.n_moves, 1);
	assert_int_equal(res.moves[0].patient, 0);
	assert_int_equal(res.moves[0].from, gA1);
	assert_int_equal(res.moves[0].to, gA2);
	assert_int_equal(res.moves[0].type, 0);
	admit_result_release(&res);
	week_release(&w);
	diag_list_release(&d);
}

static void test_seat_with_room(void **state)
{
	(void)state;
	struct week w;
	struct admit_result res;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admit(7, &w, &res, &d), STATUS_OK);
	assert_int_equal(res.n_given, 2);
	assert_int_equal(res.given[0], gA2);
	assert_int_equal(res.given[1], gB1);
	assert_int_equal(res.n_moves, 0);
	assert_int_equal(res.n_replaced, 0);
	assert_int_equal(res.roster.n, 7);
	struct diag_list broken = DIAG_LIST_INIT;
	assert_int_equal(rules_check(&w, &res.roster, NULL, &broken), 0);
	diag_list_release(&broken);
	admit_result_release(&res);
	week_release(&w);

	/* Admitting again replaces the patient's own rows with the same. */
	roster_add(&current, 7, gB1, 9);
	assert_int_equal(admit(7, &w, &res, &d), STATUS_OK);
	assert_int_equal(res.n_replaced, 1);
	assert_int_equal(res.n_given, 2);
	assert_int_equal(res.roster.n, 7);
	admit_result_release(&res);
	week_release(&w);
	diag_list_release(&d);
}

static void test_not_active(void **state)
{
	(void)state;
	struct week w;
	struct admit_result res;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admit(6, &w, &res, &d), STATUS_BAD_DATA);
	assert_int_equal(d.n_errors, 1);
	assert_non_null(strstr(d.items[0].message, "'p7' is not active"));
	admit_result_release(&res);
	week_release(&w);
	diag_list_release(&d);
}

static void test_must_pin_full(void **state)
{
	(void)state;
	fx_pin(&c, 7, gA1, PIN_MUST);
	struct week w;
	struct admit_result res;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admit(7, &w, &res, &d), STATUS_INFEASIBLE);
	assert_non_null(strstr(d.items[0].message, "it is full (3 of 3)"));
	assert_string_equal(d.items[0].file, "pins.csv");
	admit_result_release(&res);
	week_release(&w);
	diag_list_release(&d);
}

static void test_separation(void **state)
{
	(void)state;
	fx_separation(&c, 7, 3); /* p8 and p4, who is in gA2 */
	struct week w;
	struct admit_result res;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admit(7, &w, &res, &d), STATUS_OK);
	assert_int_equal(res.n_given, 1);
	assert_int_equal(res.given[0], gB1);
	/* A move out of full gA1 into gA2 would seat p8 in gA1. */
	assert_int_equal(res.n_moves, 1);
	assert_int_equal(res.moves[0].from, gA1);
	admit_result_release(&res);
	week_release(&w);
	diag_list_release(&d);
}

/* A roster that already breaks a rule is not silently kept broken. */
static void test_broken_roster(void **state)
{
	(void)state;
	current.n = 4; /* gA2 keeps only p4: below its minimum 2 */
	struct week w;
	struct admit_result res;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admit(5, &w, &res, &d), STATUS_BAD_DATA);
	bool rule2 = false;
	for (size_t i = 0; i < d.n; i++)
		rule2 = rule2 || strstr(d.items[i].message, "rule 2") != NULL;
	assert_true(rule2);
	admit_result_release(&res);
	week_release(&w);
	diag_list_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_names_one_move, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seat_with_room, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_active, setup, teardown),
		cmocka_unit_test_setup_teardown(test_must_pin_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_separation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_roster, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

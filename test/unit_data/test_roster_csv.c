/* test_roster_csv.c -- roster ordering and the roster / unmet file bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/roster_csv.h"

static char *type_names[] = { "skills", "trauma" };
static struct patient patients[3];
static int needs[3][2] = { { 2, 1 }, { 3, 3 }, { 1, 4 } };
static struct group groups[4];
static struct clinic clinic;

static void make_group(int i, const char *id, int type, const char *slots, double hours)
{
	char err[200];
	groups[i] = (struct group){ .id = (char *)id, .type = type, .hours = hours,
				    .min_size = 1, .max_size = 10, .line = i + 2 };
	if (!slot_parse_list(slots, &groups[i].slots, &groups[i].n_slots, err, sizeof err))
		fail_msg("%s", err);
}

static int setup(void **state)
{
	(void)state;
	day_t admitted;
	date_parse("2025-10-01", &admitted);
	static const char *const ids[] = { "p2", "p10", "=evil" };
	for (int i = 0; i < 3; i++)
		patients[i] = (struct patient){ .id = (char *)ids[i], .admitted = admitted,
					       .discharge = DAY_NONE, .hours_min = 9,
					       .hours_max = 30, .need = needs[i], .line = i + 2 };
	make_group(0, "s-b", 0, "mon 18:00-19:30", 1.5);
	make_group(1, "s-a", 0, "tue 10:00-12:00; Room  B", 3);
	make_group(2, "t1", 1, "wed 10:00-11:00", 1.0 / 3);
	make_group(3, "t0", 1, "thu 10:00-11:00", 1);
	clinic = (struct clinic){ .folder = "clinic", .type_names = type_names, .n_types = 2,
				  .patients = patients, .n_patients = 3,
				  .groups = groups, .n_groups = 4 };
	settings_init(&clinic.settings);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 4; i++)
		slot_list_free(groups[i].slots, groups[i].n_slots);
	return 0;
}

static void test_sort(void **state)
{
	(void)state;
	struct roster r = { 0 };
	assert_true(roster_add(&r, 0, 0, 0));
	assert_true(roster_add(&r, 0, 1, 0));
	assert_true(roster_add(&r, 1, 2, 0));
	assert_true(roster_add(&r, 0, 0, 0)); /* duplicate */
	assert_true(roster_add(&r, 2, 3, 0));
	roster_sort(&r, &clinic);
	assert_int_equal(r.n, 4);
	/* "=evil" < "p10" < "p2"; within p2, "s-a" < "s-b" */
	assert_int_equal(r.items[0].patient, 2);
	assert_int_equal(r.items[1].patient, 1);
	assert_int_equal(r.items[2].patient, 0);
	assert_int_equal(r.items[2].group, 1);
	assert_int_equal(r.items[3].group, 0);
	assert_true(roster_contains(&r, 1, 2));
	assert_false(roster_contains(&r, 1, 3));
	roster_release(&r);
	assert_int_equal(r.n, 0);
	assert_null(r.items);
}

static void test_roster_file(void **state)
{
	(void)state;
	struct roster prev = { 0 };
	assert_true(roster_add(&prev, 0, 0, 2)); /* p2 kept in s-b */
	assert_true(roster_add(&prev, 1, 3, 3)); /* p10 moves t0 -> t1 */
	day_t monday;
	date_parse("2026-01-05", &monday);
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, monday, &prev, NULL, &w, &diag), STATUS_OK);

	struct roster r = { 0 };
	assert_true(roster_add(&r, 0, 0, 0));
	assert_true(roster_add(&r, 1, 2, 0));
	assert_true(roster_add(&r, 2, 3, 0));
	assert_true(roster_add(&r, 0, 2, 0));
	roster_sort(&r, &clinic);
	assert_int_equal(roster_change(&w, 0, 0), CHANGE_KEPT);
	assert_int_equal(roster_change(&w, 1, 2), CHANGE_MOVED);
	assert_int_equal(roster_change(&w, 0, 2), CHANGE_JOINED);
	assert_int_equal(roster_change(&w, -1, 2), CHANGE_JOINED);
	assert_string_equal(change_kind_name(roster_change(&w, 0, 0)), "kept");
	assert_string_equal(change_kind_name(roster_change(&w, 1, 2)), "moved");
	assert_string_equal(change_kind_name(roster_change(&w, 0, 2)), "joined");

	struct strbuf out = STRBUF_INIT;
	roster_csv_format(&w, &r, &out);
	assert_false(out.failed);
	assert_string_equal(out.data,
		"week,patient,group,type,slots,hours,change\n"
		"2026-01-05,'=evil,t0,trauma,thu 10:00-11:00,1,joined\n"
		"2026-01-05,p10,t1,trauma,wed 10:00-11:00,0.3333333333333333,moved\n"
		"2026-01-05,p2,s-b,skills,mon 18:00-19:30,1.5,kept\n"
		"2026-01-05,p2,t1,trauma,wed 10:00-11:00,0.3333333333333333,joined\n");
	strbuf_release(&out);

	struct roster one = { 0 };
	assert_true(roster_add(&one, 1, 1, 0));
	roster_csv_format(&w, &one, &out);
	assert_string_equal(out.data,
		"week,patient,group,type,slots,hours,change\n"
		"2026-01-05,p10,s-a,skills,tue 10:00-12:00;room b,3,joined\n");
	strbuf_release(&out);

	roster_release(&one);
	roster_release(&r);
	roster_release(&prev);
	week_release(&w);
}

static void test_unmet_file(void **state)
{
	(void)state;
	day_t monday;
	date_parse("2026-01-05", &monday);
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, monday, NULL, NULL, &w, &diag), STATUS_OK);
	struct unmet_list u = { 0 };
	assert_true(unmet_add(&u, 0, 1, 1, REASON_TRADE_OFF, "gave t1 to 3 others, +4"));
	assert_true(unmet_add(&u, 0, 0, 2, REASON_CLASH, NULL));
	assert_true(unmet_add(&u, 2, 1, 4, REASON_NO_FIT, "-"));
	assert_true(unmet_add(&u, 1, 0, 3, REASON_FULL, "a,b"));
	struct strbuf out = STRBUF_INIT;
	unmet_csv_format(&w, &u, &out);
	assert_string_equal(out.data,
		"week,patient,type,need,reason,detail\n"
		"2026-01-05,'=evil,trauma,4,no-fit,'-\n"
		"2026-01-05,p10,skills,3,full,\"a,b\"\n"
		"2026-01-05,p2,skills,2,clash,\n"
		"2026-01-05,p2,trauma,1,trade-off,\"gave t1 to 3 others, +4\"\n");
	strbuf_release(&out);

	struct unmet_list none = { 0 };
	unmet_csv_format(&w, &none, &out);
	assert_string_equal(out.data, "week,patient,type,need,reason,detail\n");
	strbuf_release(&out);
	unmet_list_release(&u);
	week_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roster_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmet_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

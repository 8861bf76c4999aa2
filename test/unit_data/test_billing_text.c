/* test_billing_text.c -- a patient's billable week in words (contract v2):
 * the exact texts the summary, the report, explain and the JSON show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "data/billing_text.h"

static struct clinic clinic;
static struct week week;

static void set_rule(int days, double hours)
{
	settings_init(&clinic.settings);
	clinic.settings.billable_days = days;
	clinic.settings.billable_day_hours = hours;
	week.clinic = &clinic;
}

static const char *text_of(const double hours[WEEK_DAYS])
{
	static char buf[256];
	struct billing b;
	week_billing_of_hours(&week, hours, &b);
	billing_text(&week, &b, buf, sizeof buf);
	return buf;
}

static void test_texts(void **state)
{
	(void)state;
	set_rule(3, 3);
	/* the example: two days reach 3 h, Tuesday has 1.5 */
	assert_string_equal(text_of((const double[WEEK_DAYS]){ 3, 1.5, 4 }),
			    "not billable: 2 of 3 days reach 3 h; Tue 1.5 h");
	assert_string_equal(text_of((const double[WEEK_DAYS]){ 3, 3, 3.5 }),
			    "billable: 3 of 3 days reach 3 h");
	/* every short day with hours, in week order; empty days are not listed */
	assert_string_equal(text_of((const double[WEEK_DAYS]){ 0, 2, 0, 2.25, 3 }),
			    "not billable: 1 of 3 days reaches 3 h; Tue 2 h, Thu 2.25 h");
	assert_string_equal(text_of((const double[WEEK_DAYS]){ 0 }),
			    "not billable: 0 of 3 days reach 3 h");
	/* shares of 4.5 h over three slots: 1.4999999 prints as 1.5, and a day
	 * within 1e-6 of the threshold is billable, so is not listed short */
	assert_string_equal(text_of((const double[WEEK_DAYS]){ 3 - 1e-7, 1.4999999, 1.0 / 3 }),
			    "not billable: 1 of 3 days reaches 3 h; Tue 1.5 h, Wed 0.33 h");
	set_rule(1, 2.5);
	assert_string_equal(text_of((const double[WEEK_DAYS]){ [4] = 2.5 }),
			    "billable: 1 of 1 day reaches 2.5 h");
	/* cut at the buffer, still a string */
	char small[12];
	struct billing b;
	week_billing_of_hours(&week, (const double[WEEK_DAYS]){ 1, 1, 1, 1, 1 }, &b);
	billing_text(&week, &b, small, sizeof small);
	assert_string_equal(small, "not billabl");
}

static void test_hours_format(void **state)
{
	(void)state;
	char buf[32];
	const struct { double v; const char *want; } cases[] = {
		{ 1.5, "1.5" }, { 3, "3" }, { 0.3333, "0.33" }, { 12.10, "12.1" },
		{ -0.001, "0" }, { 2.999999, "3" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		billing_hours_format(cases[i].v, buf, sizeof buf);
		assert_string_equal(buf, cases[i].want);
	}
}

/* billing_of_roster sums the day shares of the patient's own placements,
 * ignoring other patients' and inactive ones. */
static void test_of_roster(void **state)
{
	(void)state;
	set_rule(2, 3);
	struct patient patients[3] = { { .id = "p1" }, { .id = "p2" }, { .id = "p3" } };
	clinic.patients = patients;
	clinic.n_patients = 3;
	int active_of[3] = { 0, 1, -1 };
	double day_hours[2 * WEEK_DAYS] = { [0] = 3, [WEEK_DAYS + 2] = 3, [WEEK_DAYS + 3] = 1 };
	week.active_of = active_of;
	week.n_active = 2;
	week.n_groups = 2;
	week.day_hours = day_hours;
	struct placement items[] = { { .patient = 0, .group = 0 }, { .patient = 0, .group = 1 },
				       { .patient = 1, .group = 0 }, { .patient = 2, .group = 1 } };
	struct roster r = { .items = items, .n = 4 };
	struct billing b;
	char text[128];
	billing_of_roster(&week, &r, 0, &b);
	billing_text(&week, &b, text, sizeof text);
	assert_true(b.billable);
	assert_string_equal(text, "billable: 2 of 2 days reach 3 h; Thu 1 h");
	billing_of_roster(&week, &r, 1, &b);
	billing_text(&week, &b, text, sizeof text);
	assert_false(b.billable);
	assert_string_equal(text, "not billable: 1 of 2 days reaches 3 h");
	/* all at once: the same as one by one */
	struct billing all[2];
	billing_of_roster_all(&week, &r, all);
	for (int a = 0; a < 2; a++) {
		billing_of_roster(&week, &r, a, &b);
		assert_int_equal(all[a].days, b.days);
		assert_int_equal(all[a].billable, b.billable);
		assert_memory_equal(all[a].day_hours, b.day_hours, sizeof b.day_hours);
	}
	memset(&week, 0, sizeof week);
	memset(&clinic, 0, sizeof clinic);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_hours_format),
		cmocka_unit_test(test_of_roster),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

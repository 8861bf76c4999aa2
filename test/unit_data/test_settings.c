/* test_settings.c -- defaults, strict values and cross-checks of settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "data/settings.h"

static void test_defaults(void **state)
{
	(void)state;
	struct settings s;
	settings_init(&s);
	assert_true(s.hours_min == 9 && s.hours_max == 30);
	assert_int_equal(s.min_size, 8);
	assert_int_equal(s.max_size, 15);
	assert_int_equal(s.mastery, 80);
	assert_int_equal(s.advanced_weeks, 6);
	assert_int_equal(s.min_advanced, 2);
	assert_true(s.w_need == 10 && s.w_keep == 4 && s.w_short == 2 && s.w_mix == 3);
	assert_true(s.group_cost == 0 && s.time_limit == 30 && s.progress_rate == 10);
	/* v2: billing off, so a v1 clinic scores as before */
	assert_int_equal(s.billable_days, 0);
	assert_true(s.billable_day_hours == 3 && s.w_billable == 15);
	char err[100];
	assert_true(settings_validate(&s, err, sizeof err));
}

/* simulate's fractions and flag take at most 1; the others take 5 or 7. */
static bool is_zero_or_one(const char *name)
{
	return !strcmp(name, "no_show_rate") || !strcmp(name, "dropout_rate") ||
	       !strcmp(name, "waitlist_by_need");
}

static void test_names(void **state)
{
	(void)state;
	static const char *const want[] = {
		"hours_min", "hours_max", "min_size", "max_size", "mastery",
		"advanced_weeks", "min_advanced", "w_need", "w_keep", "w_short",
		"w_mix", "group_cost", "time_limit", "progress_rate",
		"billable_days", "billable_day_hours", "w_billable", "work",
		"review_absences", "review_weeks",
		"no_show_rate", "dropout_rate", "waitlist_by_need",
	};
	size_t n = 0;
	while (settings_names[n] != NULL)
		n++;
	assert_int_equal(n, sizeof want / sizeof *want);
	struct settings s;
	settings_init(&s);
	char err[100];
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(settings_names[i], want[i]);
		/* every listed name is settable */
		assert_true(settings_set(&s, settings_names[i],
					 is_zero_or_one(settings_names[i]) ? "1" : "5", err, sizeof err));
	}
}

/* Every setting counts: changing any one, through the same names the
 * loader uses, makes two settings unequal; setting it back makes them equal. */
static void test_equal(void **state)
{
	(void)state;
	struct settings def, s;
	settings_init(&def);
	settings_init(&s);
	assert_true(settings_equal(&def, &s));
	char err[100];
	for (size_t i = 0; settings_names[i] != NULL; i++) {
		assert_true(settings_set(&s, settings_names[i],
					 is_zero_or_one(settings_names[i]) ? "1" : "7", err, sizeof err));
		assert_false(settings_equal(&def, &s));
		settings_init(&s);
		assert_true(settings_equal(&def, &s));
	}
	/* a fractional change is a change too */
	assert_true(settings_set(&s, "w_keep", "4.000001", err, sizeof err));
	assert_false(settings_equal(&def, &s));
}

/* The walk clinic_write uses to write settings.csv: every name, its kind of
 * number and its value. */
static void test_walk(void **state)
{
	(void)state;
	size_t n = 0;
	while (settings_names[n] != NULL)
		n++;
	assert_int_equal(settings_count(), n);
	struct settings s;
	settings_init(&s);
	char err[100];
	assert_true(settings_set(&s, "max_size", "21", err, sizeof err));
	assert_true(settings_set(&s, "w_mix", "2.5", err, sizeof err));
	for (size_t i = 0; i < n; i++) {
		bool whole = !strcmp(settings_names[i], "min_size") ||
			     !strcmp(settings_names[i], "max_size") ||
			     !strcmp(settings_names[i], "mastery") ||
			     !strcmp(settings_names[i], "advanced_weeks") ||
			     !strcmp(settings_names[i], "min_advanced") ||
			     !strcmp(settings_names[i], "billable_days") ||
			     !strcmp(settings_names[i], "review_absences") ||
			     !strcmp(settings_names[i], "review_weeks") ||
			     !strcmp(settings_names[i], "waitlist_by_need");
		assert_int_equal(settings_is_whole(i), whole);
		if (!strcmp(settings_names[i], "max_size"))
			assert_true(settings_value(&s, i) == 21);
		if (!strcmp(settings_names[i], "w_mix"))
			assert_true(settings_value(&s, i) == 2.5);
		if (!strcmp(settings_names[i], "hours_min"))
			assert_true(settings_value(&s, i) == 9);
	}
	assert_false(settings_is_whole(n));
	assert_true(settings_value(&s, n) == 0);
}

static void test_set(void **state)
{
	(void)state;
	struct settings s;
	settings_init(&s);
	char err[100];
	assert_true(settings_set(&s, "W_NEED", " 12.5 ", err, sizeof err));
	assert_true(s.w_need == 12.5);
	assert_true(settings_set(&s, "max_size", "20", err, sizeof err));
	assert_int_equal(s.max_size, 20);
	assert_true(settings_set(&s, "group_cost", "0", err, sizeof err));
	assert_true(settings_set(&s, "hours_max", "1e1", err, sizeof err));
	assert_true(s.hours_max == 10);

	assert_false(settings_set(&s, "foo", "1", err, sizeof err));
	assert_string_equal(err, "unknown setting 'foo'");
	assert_false(settings_set(&s, "w_keep", "-3", err, sizeof err));
	assert_string_equal(err, "'-3' is not a number >= 0");
	static const char *const bad_double[] = { "nan", "inf", "1x", "", " ", "0x10", "1e999", "1,5", "." };
	for (size_t i = 0; i < sizeof bad_double / sizeof *bad_double; i++)
		assert_false(settings_set(&s, "w_mix", bad_double[i], err, sizeof err));
	assert_true(s.w_mix == 3);
	assert_false(settings_set(&s, "min_size", "2.5", err, sizeof err));
	assert_false(settings_set(&s, "min_size", "0", err, sizeof err));
	assert_false(settings_set(&s, "max_size", "0", err, sizeof err));
	assert_false(settings_set(&s, "mastery", "101", err, sizeof err));
	assert_false(settings_set(&s, "advanced_weeks", "-1", err, sizeof err));
	assert_false(settings_set(&s, "time_limit", "0", err, sizeof err));
	assert_true(settings_set(&s, "time_limit", "0.5", err, sizeof err));
	assert_false(settings_set(&s, "min_advanced", "99999999999", err, sizeof err));
	assert_int_equal(s.min_size, 8);

	/* v2 billing */
	assert_true(settings_set(&s, "Billable_Days", "7", err, sizeof err));
	assert_int_equal(s.billable_days, 7);
	assert_true(settings_set(&s, "billable_days", "0", err, sizeof err));
	static const char *const bad_days[] = { "8", "-1", "2.5", "three", "" };
	for (size_t i = 0; i < sizeof bad_days / sizeof *bad_days; i++) {
		char want[64];
		snprintf(want, sizeof want, "'%s' is not a whole number in 0..7", bad_days[i]);
		assert_false(settings_set(&s, "billable_days", bad_days[i], err, sizeof err));
		assert_string_equal(err, want);
	}
	assert_int_equal(s.billable_days, 0);
	assert_true(settings_set(&s, "billable_day_hours", "2.5", err, sizeof err));
	assert_true(s.billable_day_hours == 2.5);
	assert_false(settings_set(&s, "billable_day_hours", "-3", err, sizeof err));
	assert_string_equal(err, "'-3' is not a number >= 0");
	assert_false(settings_set(&s, "w_billable", "x", err, sizeof err));
	assert_string_equal(err, "'x' is not a number >= 0");

	/* simulate's rates are fractions, its waiting-list order a flag */
	assert_true(settings_set(&s, "No_Show_Rate", "0.12", err, sizeof err));
	assert_true(s.no_show_rate == 0.12);
	assert_true(settings_set(&s, "dropout_rate", "1", err, sizeof err));
	assert_true(s.dropout_rate == 1);
	static const char *const bad_rates[] = { "12", "-0.1", "1.01", "12%", "" };
	for (size_t i = 0; i < sizeof bad_rates / sizeof *bad_rates; i++) {
		char want[80];
		snprintf(want, sizeof want, "'%s' is not a fraction in 0..1 (0.1 for 10%%)",
			 bad_rates[i]);
		assert_false(settings_set(&s, "dropout_rate", bad_rates[i], err, sizeof err));
		assert_string_equal(err, want);
	}
	assert_true(s.dropout_rate == 1);
	assert_true(settings_set(&s, "waitlist_by_need", "1", err, sizeof err));
	assert_int_equal(s.waitlist_by_need, 1);
	assert_false(settings_set(&s, "waitlist_by_need", "2", err, sizeof err));
	assert_string_equal(err, "'2' is not 0 or 1");
	assert_false(settings_set(&s, "waitlist_by_need", "need", err, sizeof err));
	assert_string_equal(err, "'need' is not 0 or 1");
}

static void test_validate(void **state)
{
	(void)state;
	struct settings s;
	char err[100];
	settings_init(&s);
	s.hours_min = 31;
	assert_false(settings_validate(&s, err, sizeof err));
	settings_init(&s);
	s.min_size = 16;
	assert_false(settings_validate(&s, err, sizeof err));
	assert_string_equal(err, "min_size 16 is more than max_size 15");
	settings_init(&s);
	s.min_size = s.max_size = 1;
	assert_true(settings_validate(&s, err, sizeof err));
	/* billable_day_hours must be > 0 only while the rule is on */
	settings_init(&s);
	s.billable_day_hours = 0;
	assert_true(settings_validate(&s, err, sizeof err));
	s.billable_days = 3;
	assert_false(settings_validate(&s, err, sizeof err));
	assert_string_equal(err, "billable_day_hours 0 is not > 0 while billable_days is 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_validate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

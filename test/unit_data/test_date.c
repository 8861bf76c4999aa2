/* test_date.c -- date parsing, formatting and weekday arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "data/date.h"

static void test_epoch(void **state)
{
	(void)state;
	day_t d;
	assert_true(date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(date_parse("1970-01-02", &d));
	assert_int_equal(d, 1);
	assert_true(date_parse("1969-12-31", &d));
	assert_int_equal(d, -1);
	assert_true(date_parse("2000-03-01", &d));
	assert_int_equal(d, 11017);
}

static void test_round_trip(void **state)
{
	(void)state;
	char buf[11];
	day_t first, last;
	assert_true(date_parse("1900-01-01", &first));
	assert_true(date_parse("9999-12-31", &last));
	for (day_t d = first; d <= last; d += 37) {
		date_format(d, buf);
		day_t back;
		assert_true(date_parse(buf, &back));
		assert_int_equal(back, d);
	}
	date_format(last, buf);
	assert_string_equal(buf, "9999-12-31");
}

static void test_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2026-02-30", "2026-1-5", "2026-01-05x", " 2026-01-05", "2026/01/05",
		"1899-12-31", "2026-13-01", "2026-00-10", "2026-01-00", "2025-02-29",
		"1900-02-29", "", "20260105", "2026-01-5 ", "+026-01-05",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		day_t d = 12345;
		assert_false(date_parse(bad[i], &d));
		assert_int_equal(d, 12345);
	}
	day_t d;
	assert_true(date_parse("2024-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_false(date_parse(NULL, &d));
}

static void test_weekday(void **state)
{
	(void)state;
	day_t d;
	assert_true(date_parse("2026-01-05", &d)); /* a Monday */
	assert_int_equal(date_weekday(d), 0);
	assert_true(date_is_monday(d));
	assert_int_equal(date_weekday(d + 6), 6);
	assert_false(date_is_monday(d + 1));
	assert_int_equal(date_monday_on_or_after(d), d);
	assert_int_equal(date_monday_on_or_after(d + 1), d + 7);
	assert_int_equal(date_monday_on_or_after(d - 1), d);
	assert_true(date_parse("1969-12-29", &d)); /* Monday before the epoch */
	assert_int_equal(date_weekday(d), 0);
	assert_int_equal(date_weekday(0), 3);
}

static void test_other_shape(void **state)
{
	(void)state;
	int a, b, y;
	bool yf;
	assert_true(date_other_shape("11/30/2026", &a, &b, &y, &yf));
	assert_true(a == 11 && b == 30 && y == 2026 && !yf);
	assert_true(date_other_shape("3.1.2026", &a, &b, &y, &yf));
	assert_true(a == 3 && b == 1 && y == 2026 && !yf);
	assert_true(date_other_shape("2026/11/30", &a, &b, &y, &yf));
	assert_true(a == 11 && b == 30 && y == 2026 && yf);
	assert_true(date_other_shape("30-11-2026", &a, &b, &y, &yf));
	assert_false(date_other_shape("2026-11-3", &a, &b, &y, &yf)); /* date_parse's to judge */
	assert_false(date_other_shape("11/30.2026", &a, &b, &y, &yf));
	assert_false(date_other_shape("11/30/26", &a, &b, &y, &yf));
	assert_false(date_other_shape("11/30/2026x", &a, &b, &y, &yf));
	assert_false(date_other_shape("", &a, &b, &y, &yf));
	assert_false(date_other_shape("123/1/2026", &a, &b, &y, &yf));
}

static void test_short(void **state)
{
	(void)state;
	day_t d;
	char buf[16];
	assert_true(date_parse("2026-03-02", &d));
	date_format_short(d, buf, sizeof buf);
	assert_string_equal(buf, "Mon 2 Mar");
	assert_true(date_parse("2026-12-06", &d));
	date_format_short(d, buf, sizeof buf);
	assert_string_equal(buf, "Sun 6 Dec");
}

static void test_today(void **state)
{
	(void)state;
	day_t min;
	assert_true(date_parse("2020-01-01", &min));
	assert_true(date_today() > min);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_other_shape),
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

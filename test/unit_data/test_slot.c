/* test_slot.c -- slot parsing, normalisation, fit and clash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/slot.h"

static struct slot parse_ok(const char *text)
{
	struct slot s;
	char err[200];
	if (!slot_parse(text, &s, err, sizeof err))
		fail_msg("'%s' did not parse: %s", text, err);
	return s;
}

static void expect_error(const char *text, const char *want)
{
	struct slot s;
	char err[200] = "";
	assert_false(slot_parse(text, &s, err, sizeof err));
	if (want != NULL)
		assert_string_equal(err, want);
	else
		assert_true(err[0] != '\0');
}

static void test_timed(void **state)
{
	(void)state;
	struct slot s = parse_ok("mon 18:00-20:00");
	assert_true(s.timed);
	assert_int_equal(s.day, 0);
	assert_int_equal(s.start, 18 * 60);
	assert_int_equal(s.end, 20 * 60);
	assert_null(s.label);
	assert_true(slot_hours(&s) == 2.0);

	s = parse_ok("  Wednesday 09:30 - 11:00 ");
	assert_true(s.timed);
	assert_int_equal(s.day, 2);
	assert_int_equal(s.start, 9 * 60 + 30);
	assert_true(slot_hours(&s) == 1.5);
	char buf[80];
	slot_format(&s, buf, sizeof buf);
	assert_string_equal(buf, "wed 09:30-11:00");

	s = parse_ok("SUN 22:00-24:00");
	assert_int_equal(s.day, 6);
	assert_int_equal(s.end, 1440);
	s = parse_ok("fri 9:00-10:00");
	assert_int_equal(s.start, 540);
	s = parse_ok("Thu\t00:00-\t23:59");
	assert_int_equal(s.day, 3);
	assert_int_equal(s.end, 23 * 60 + 59);
}

static void test_labels(void **state)
{
	(void)state;
	struct slot s = parse_ok("  Group   Room B\tTue ");
	assert_false(s.timed);
	assert_string_equal(s.label, "group room b tue");
	slot_release(&s);
	assert_null(s.label);

	s = parse_ok("mon-eve");
	assert_false(s.timed);
	assert_string_equal(s.label, "mon-eve");
	slot_release(&s);

	/* A day name alone, or with words or a plain number, is a label;
	 * a word that only starts like a day is no day at all. */
	s = parse_ok("Monday");
	assert_false(s.timed);
	assert_string_equal(s.label, "monday");
	slot_release(&s);
	s = parse_ok("sat am");
	assert_string_equal(s.label, "sat am");
	slot_release(&s);
	s = parse_ok("tue room 2");
	assert_string_equal(s.label, "tue room 2");
	slot_release(&s);
	s = parse_ok("month-end 5pm");
	assert_string_equal(s.label, "month-end 5pm");
	slot_release(&s);
	s = parse_ok("room 5 17:30");
	assert_string_equal(s.label, "room 5 17:30");
	slot_release(&s);

	struct slot a = parse_ok("MON-EVE"), b = parse_ok("mon-eve");
	assert_true(slot_fits(&a, &b));
	assert_true(slot_clash(&a, &b));
	char buf[80];
	slot_format(&a, buf, sizeof buf);
	assert_string_equal(buf, "mon-eve");
	slot_release(&a);
	slot_release(&b);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("mon 25:00-26:00", NULL);
	expect_error("tue 18:00-17:00", "end 17:00 is not after start 18:00");
	expect_error("tue 18:00-18:00", "end 18:00 is not after start 18:00");
	expect_error("wed 9-10", NULL);
	expect_error("thu 10:60-11:00", NULL);
	expect_error("fri 24:00-24:30", NULL);
	expect_error("sat 10:00-24:01", NULL);
	expect_error("sun 10.00-11.00", NULL);
	expect_error("mon 100:00-101:00", NULL);
	expect_error("", "empty slot");
	/* A day and anything time-like is a timed slot written wrongly: the
	 * 24-hour form to write when it can be worked out. */
	expect_error("Mon 5:30pm-7:00pm", "not a 24-hour time range: write it as 'mon 17:30-19:00'");
	expect_error("mon 5:30 PM - 7:00 PM", "not a 24-hour time range: write it as 'mon 17:30-19:00'");
	expect_error("tuesday 5:30-7pm", "not a 24-hour time range: write it as 'tue 17:30-19:00'");
	expect_error("wed 11-1pm", "not a 24-hour time range: write it as 'wed 11:00-13:00'");
	expect_error("thu 9am-12pm", "not a 24-hour time range: write it as 'thu 09:00-12:00'");
	expect_error("fri 12am-1a.m.", "not a 24-hour time range: write it as 'fri 00:00-01:00'");
	expect_error("Mon 17.30-19.00", "not a 24-hour time range: write it as 'mon 17:30-19:00'");
	expect_error("mon 17h30-19h", "not a 24-hour time range: write it as 'mon 17:30-19:00'");
	expect_error("mon 17:30 to 19:00", "not a 24-hour time range: write it as 'mon 17:30-19:00'");
	expect_error("mon 17:30\xE2\x80\x93" "19:00", "not a 24-hour time range: write it as 'mon 17:30-19:00'");
	expect_error("wed 9-10", "not a 24-hour time range: write it as 'wed 09:00-10:00'");
	expect_error("sun 10.00-11.00", "not a 24-hour time range: write it as 'sun 10:00-11:00'");
	static const char generic[] = "not a time range: write a timed slot as DAY HH:MM-HH:MM "
		"on the 24-hour clock (e.g. 'mon 17:30-19:00')";
	expect_error("mon 18:00", generic);
	expect_error("mon 5:30 PM", generic);
	expect_error("mon 18:00-20:00 room b", generic);
	expect_error("mon 7pm-5pm", generic);
	expect_error("mon evening 6pm", generic);
	expect_error("mon 13pm-14pm", generic);
	expect_error("   ", "empty slot");
}

static void test_fit(void **state)
{
	(void)state;
	struct slot g = parse_ok("mon 18:00-20:00");
	struct slot w1 = parse_ok("mon 17:00-21:00");
	struct slot w2 = parse_ok("mon 18:00-20:00");
	struct slot w3 = parse_ok("mon 18:30-21:00");
	struct slot w4 = parse_ok("tue 17:00-21:00");
	struct slot w5 = parse_ok("mon-eve");
	assert_true(slot_fits(&g, &w1));
	assert_true(slot_fits(&g, &w2));
	assert_false(slot_fits(&g, &w3));
	assert_false(slot_fits(&g, &w4));
	assert_false(slot_fits(&g, &w5));
	assert_false(slot_fits(&w5, &g));
	slot_release(&w5);
}

static void test_clash(void **state)
{
	(void)state;
	struct slot a = parse_ok("mon 18:00-20:00");
	struct slot b = parse_ok("mon 20:00-21:00");
	struct slot c = parse_ok("mon 19:59-21:00");
	struct slot d = parse_ok("tue 18:00-20:00");
	struct slot e = parse_ok("mon 17:00-22:00");
	assert_false(slot_clash(&a, &b)); /* touching ends */
	assert_true(slot_clash(&a, &c));
	assert_true(slot_clash(&c, &a));
	assert_false(slot_clash(&a, &d));
	assert_true(slot_clash(&a, &e));
	assert_true(slot_clash(&a, &a));
	struct slot l1 = parse_ok("room a"), l2 = parse_ok("room b");
	assert_false(slot_clash(&l1, &l2));
	assert_false(slot_clash(&l1, &a));
	slot_release(&l1);
	slot_release(&l2);
}

static void test_list(void **state)
{
	(void)state;
	struct slot *list;
	size_t n;
	char err[200];
	assert_true(slot_parse_list(" mon 18:00-20:00 ;; Room  A ;", &list, &n, err, sizeof err));
	assert_int_equal(n, 2);
	assert_true(list[0].timed);
	assert_string_equal(list[1].label, "room a");
	slot_list_free(list, n);

	assert_true(slot_parse_list("", &list, &n, err, sizeof err));
	assert_int_equal(n, 0);
	assert_null(list);

	assert_false(slot_parse_list("mon 18:00-20:00; tue 18:00-17:00 ", &list, &n, err,
				     sizeof err));
	assert_null(list);
	assert_int_equal(n, 0);
	assert_string_equal(err, "'tue 18:00-17:00': end 17:00 is not after start 18:00");
}

/* The day a slot's hours fall on (contract v2, billable days). */
static void test_day(void **state)
{
	(void)state;
	static const struct { const char *text; int day; } cases[] = {
		/* the contract's examples */
		{ "mon-am", 0 }, { "Tuesday evening", 1 }, { "sat am", 5 },
		/* timed slots: their own day */
		{ "wed 09:00-12:00", 2 }, { "Sunday 18:00-19:00", 6 },
		/* a day name alone, full or short, any case */
		{ "FRI", 4 }, { "thursday", 3 }, { "  Sun  pm ", 6 },
		/* followed by a digit or punctuation: still the day */
		{ "thu1", 3 }, { "wednesday/room b", 2 }, { "mon room 2", 0 },
		{ "fri\xe2\x80\x93" "am", 4 }, /* an en dash */
		/* followed by a letter, or not at the start: no day */
		{ "monkey", -1 }, { "tues", -1 }, { "mondays", -1 }, { "satam", -1 },
		{ "room b tue", -1 }, { "evening", -1 }, { "mo-am", -1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct slot sl = parse_ok(cases[i].text);
		if (slot_day(&sl) != cases[i].day)
			fail_msg("'%s': day %d, expected %d", cases[i].text, slot_day(&sl),
				 cases[i].day);
		slot_release(&sl);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timed),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_clash),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

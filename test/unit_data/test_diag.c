/* test_diag.c -- diagnostics: formatting, printing, counting; status names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/diag.h"
#include "data/status.h"
#include "data/unmet.h"

static void expect_format(const struct diag *d, const char *want)
{
	char buf[256];
	diag_format(d, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void test_format(void **state)
{
	(void)state;
	struct diag_list l = DIAG_LIST_INIT;
	diag_error(&l, "patients.csv", 14, 6, "need_skills", "'%d' is not in 0..%d", 7, 4);
	diag_error(&l, "groups.csv", 3, 0, NULL, "duplicate id '%s'", "g1");
	diag_error(&l, "settings.csv", 0, 0, NULL, "file is empty");
	diag_warning(&l, NULL, 0, 0, NULL, "no previous roster");
	diag_error(&l, "pins.csv", 4, 0, "rule", "'maybe' is not must or never");
	assert_int_equal(l.n, 5);
	assert_int_equal(l.n_errors, 4);
	assert_int_equal(l.n_warnings, 1);
	expect_format(&l.items[0], "patients.csv:14:6: need_skills: '7' is not in 0..4");
	expect_format(&l.items[1], "groups.csv:3: duplicate id 'g1'");
	expect_format(&l.items[2], "settings.csv: file is empty");
	expect_format(&l.items[3], "no previous roster");
	expect_format(&l.items[4], "pins.csv:4: rule: 'maybe' is not must or never");

	/* a short buffer truncates but stays terminated */
	char small[10];
	diag_format(&l.items[0], small, sizeof small);
	assert_string_equal(small, "patients.");

	diag_list_release(&l);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.n_errors, 0);
	assert_null(l.items);
	diag_list_release(NULL);
}

static void test_print(void **state)
{
	(void)state;
	struct diag_list l = DIAG_LIST_INIT;
	diag_error(&l, "groups.csv", 3, 2, "type", "unknown type '%s'", "art");
	diag_warning(&l, "patients.csv", 1, 9, "colour", "unknown column");
	char long_msg[3000];
	memset(long_msg, 'x', sizeof long_msg - 1);
	long_msg[sizeof long_msg - 1] = '\0';
	diag_error(&l, "a.csv", 2, 0, NULL, "%s", long_msg);

	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	diag_print(&l, f, "iop-roster");
	fclose(f);
	const char *want_start =
		"iop-roster: groups.csv:3:2: type: unknown type 'art'\n"
		"iop-roster: warning: patients.csv:1:9: colour: unknown column\n"
		"iop-roster: a.csv:2: xxx";
	assert_memory_equal(text, want_start, strlen(want_start));
	/* the long message is printed whole */
	assert_int_equal(size, strlen(want_start) - 3 + sizeof long_msg - 1 + 1);
	free(text);
	diag_list_release(&l);
}

static void test_status_names(void **state)
{
	(void)state;
	assert_string_equal(status_name(STATUS_OK), "ok");
	assert_string_equal(status_name(STATUS_BAD_DATA), "bad-data");
	assert_string_equal(status_name(STATUS_IO), "io");
	for (int s = STATUS_OK; s <= STATUS_INTERNAL; s++)
		assert_non_null(status_name((enum status)s));
}

static void test_unmet(void **state)
{
	(void)state;
	static const char *const names[] = {
		"no-group", "no-fit", "pinned-out", "clash", "hours", "separation", "full",
		"not-running", "trade-off",
	};
	assert_int_equal(UNMET_REASON_COUNT, sizeof names / sizeof names[0]);
	for (int r = REASON_NO_GROUP; r < UNMET_REASON_COUNT; r++)
		assert_string_equal(unmet_reason_name((enum unmet_reason)r), names[r]);
	assert_string_equal(unmet_reason_name((enum unmet_reason)UNMET_REASON_COUNT), "unknown");
	assert_string_equal(unmet_reason_name((enum unmet_reason)-1), "unknown");
	struct unmet_list l = { 0 };
	for (int i = 0; i < 40; i++)
		assert_true(unmet_add(&l, i, 1, 2, REASON_FULL, i % 2 ? "detail" : NULL));
	assert_int_equal(l.n, 40);
	assert_null(l.items[0].detail);
	assert_string_equal(l.items[39].detail, "detail");
	assert_int_equal(l.items[39].a, 39);
	unmet_list_release(&l);
	assert_int_equal(l.n, 0);
	unmet_list_release(NULL);
}

/* A flood is cut to a screenful plus one line; the counts stay true. */
static void test_limit(void **state)
{
	(void)state;
	struct diag_list d = DIAG_LIST_INIT;
	diag_error(&d, "a.csv", 1, 0, NULL, "before");
	for (int i = 0; i < 25; i++)
		diag_error(&d, "b.csv", i + 2, 1, "id", "bad %d", i);
	diag_warning(&d, "b.csv", 40, 0, NULL, "late");
	diag_limit(&d, 1, 10);
	assert_int_equal(d.n, 12);
	assert_int_equal(d.n_errors, 26);
	assert_int_equal(d.n_warnings, 1);
	char text[256];
	diag_format(&d.items[11], text, sizeof text);
	assert_string_equal(text, "b.csv: and 16 more like this (fix the ones above first)");
	assert_int_equal(d.items[11].severity, DIAG_ERROR);
	/* eleven lines are shown as they are: a summary would not be shorter */
	struct diag_list e = DIAG_LIST_INIT;
	for (int i = 0; i < 11; i++)
		diag_warning(&e, "c.csv", i + 1, 0, NULL, "w");
	diag_limit(&e, 0, 10);
	assert_int_equal(e.n, 11);
	diag_list_release(&e);
	diag_list_release(&d);
	diag_limit(NULL, 0, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_status_names),
		cmocka_unit_test(test_unmet),
		cmocka_unit_test(test_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

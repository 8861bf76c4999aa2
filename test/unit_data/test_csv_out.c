/* test_csv_out.c -- quoting and neutralisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "data/csv_out.h"

static void expect_row(const char *const *cells, size_t n, const char *want)
{
	struct strbuf b = STRBUF_INIT;
	csv_out_row(&b, cells, n);
	assert_false(b.failed);
	assert_non_null(b.data);
	assert_string_equal(b.data, want);
	assert_int_equal(b.len, strlen(want));
	strbuf_release(&b);
}

static void test_plain(void **state)
{
	(void)state;
	const char *cells[] = { "week", "p1", NULL, "", "mon 18:00-20:00;tue 10:00-11:00" };
	expect_row(cells, 5, "week,p1,,,mon 18:00-20:00;tue 10:00-11:00\n");
}

static void test_quoting(void **state)
{
	(void)state;
	const char *cells[] = { "a,b", "say \"hi\"", "two\nlines", "cr\r", " lead", "trail ", "in side" };
	expect_row(cells, 7,
		   "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",\" lead\",\"trail \",in side\n");
	const char *lone[] = { "" };
	expect_row(lone, 1, "\"\"\n");
	const char *lone_null[] = { NULL };
	expect_row(lone_null, 1, "\"\"\n");
}

static void test_neutralise(void **state)
{
	(void)state;
	assert_true(csv_cell_needs_neutralising("=1+1"));
	assert_true(csv_cell_needs_neutralising("+1"));
	assert_true(csv_cell_needs_neutralising("-1"));
	assert_true(csv_cell_needs_neutralising("@SUM(A1)"));
	assert_true(csv_cell_needs_neutralising("\tx"));
	assert_true(csv_cell_needs_neutralising("\rx"));
	assert_true(csv_cell_needs_neutralising("'=x"));
	assert_true(csv_cell_needs_neutralising("'''-x"));
	assert_false(csv_cell_needs_neutralising("x=1"));
	assert_false(csv_cell_needs_neutralising("'abc"));
	assert_false(csv_cell_needs_neutralising("'"));
	assert_false(csv_cell_needs_neutralising(""));
	assert_false(csv_cell_needs_neutralising(NULL));
	assert_false(csv_cell_needs_neutralising("mon-eve"));

	const char *cells[] = { "=HYPERLINK(\"x\")", "'=x", "-3", "@a", "'plain", "a-b" };
	expect_row(cells, 6, "\"'=HYPERLINK(\"\"x\"\")\",''=x,'-3,'@a,'plain,a-b\n");
	const char *tab[] = { "\tx" };
	expect_row(tab, 1, "'\tx\n");
}

static void test_round_trip(void **state)
{
	(void)state;
	static const char *const values[] = {
		"=x", "'=x", "''=x", "'abc", "abc", "-", "'", "+1", "@", "",
	};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		const char *v = values[i];
		struct strbuf b = STRBUF_INIT;
		csv_out_row(&b, &v, 1);
		/* the written cell, without quotes or the newline */
		char cell[32];
		size_t n = b.len - 1;
		memcpy(cell, b.data, n);
		cell[n] = '\0';
		if (strcmp(cell, "\"\"") == 0)
			cell[0] = '\0';
		assert_string_equal(csv_cell_unneutralise(cell), v);
		strbuf_release(&b);
	}
	assert_null(csv_cell_unneutralise(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_neutralise),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

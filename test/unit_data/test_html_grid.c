/* test_html_grid.c -- a table that prints on A4 whatever its width:
 * portrait while it fits, landscape when wider, in parts each repeating
 * the first column when wider still (issue 11, printing the simulate page). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/html_grid.h"

enum { MAX_COLS = 40, ROWS = 3 };

struct fixture {
	struct html_col cols[MAX_COLS];
	char heads[MAX_COLS][16];
	const char *cells[ROWS * MAX_COLS];
	struct html_grid g;
};

/* A grid of n columns: "week" and its dates, then "measure I" of numbers
 * as wide as `number`. */
static void grid(struct fixture *f, size_t n, const char *number)
{
	static const char *const weeks[ROWS] = { "2026-11-30", "2026-12-07", "2026-12-14" };
	f->cols[0] = (struct html_col){ "week", NULL };
	for (size_t c = 1; c < n; c++) {
		snprintf(f->heads[c], sizeof f->heads[c], "measure %zu", c);
		f->cols[c] = (struct html_col){ f->heads[c], "n" };
	}
	for (size_t r = 0; r < ROWS; r++)
		for (size_t c = 0; c < n; c++)
			f->cells[r * n + c] = c == 0 ? weeks[r] : number;
	f->g = (struct html_grid){ .id = "weeks", .title = "Week by week", .note = "a note",
				   .cols = f->cols, .n_cols = n, .cells = f->cells, .n_rows = ROWS };
}

/* The estimate: the widest text in DejaVu Sans Bold at 10.5pt, plus 9pt
 * of padding; the head "kept" is k .665 + e .678 + p .716 + t .478 em. */
static void column_width(void **state)
{
	(void)state;
	static const struct html_col cols[] = { { "kept", "n" }, { "x", "n" } };
	static const char *const cells[] = { "64", "1234567" };
	struct html_grid g = { .cols = cols, .n_cols = 2, .cells = cells, .n_rows = 1 };
	assert_float_equal(html_grid_column_pt(&g, 0), (0.665 + 0.678 + 0.716 + 0.478) * 10.5 + 9,
			   1e-9);
	assert_float_equal(html_grid_column_pt(&g, 1), 7 * 0.696 * 10.5 + 9, 1e-9);
}

static void narrow_prints_portrait(void **state)
{
	(void)state;
	struct fixture f;
	grid(&f, 4, "38");
	struct html_grid_layout l;
	assert_true(html_grid_lay_out(&f.g, &l));
	assert_false(l.landscape);
	assert_int_equal(l.n_parts, 1);
	html_grid_layout_release(&l);
	struct strbuf b = STRBUF_INIT;
	html_grid(&b, &f.g);
	assert_false(b.failed);
	assert_true(strncmp(b.data, "<div class=\"grid\">\n<h2 id=\"weeks\">Week by week</h2>\n", 50) == 0);
	assert_null(strstr(b.data, "landscape"));
	assert_null(strstr(b.data, "print-only"));
	assert_non_null(strstr(b.data, "<p class=\"hint\">a note</p>\n</div>\n"));
	strbuf_release(&b);
}

/* The simulate page's eleven columns, a large clinic's numbers: too wide
 * for portrait (the clipped "ke" and lost score of issue 11), one
 * landscape table. */
static void wider_prints_landscape(void **state)
{
	(void)state;
	static const struct html_col cols[] = {
		{ "week", NULL }, { "active", "n" }, { "admitted", "n" }, { "discharged", "n" },
		{ "needs met", "n" }, { "groups", "n" }, { "joins", "n" }, { "leaves", "n" },
		{ "moves", "n" }, { "kept", "n" }, { "score", "n" },
	};
	static const char *const cells[] = {
		"2026-11-30", "4812", "312", "298", "9120 / 10044", "402", "1210", "1187", "302",
		"11876", "123456.00",
	};
	struct html_grid g = { .cols = cols, .n_cols = 11, .cells = cells, .n_rows = 1 };
	struct html_grid_layout l;
	assert_true(html_grid_lay_out(&g, &l));
	assert_true(l.landscape);
	assert_int_equal(l.n_parts, 1);
	html_grid_layout_release(&l);
	struct strbuf b = STRBUF_INIT;
	html_grid(&b, &g);
	const char *want = "<div class=\"grid landscape\">\n<div class=\"scroll\"><table>";
	assert_true(strncmp(b.data, want, strlen(want)) == 0);
	assert_null(strstr(b.data, "print-only"));
	strbuf_release(&b);
}

/* Forty columns: parts of a landscape page each, every part led by the
 * week column, every column in exactly one part, each part within the
 * page; the screen keeps one table of all. */
static void widest_prints_in_parts(void **state)
{
	(void)state;
	struct fixture f;
	grid(&f, MAX_COLS, "123456.00");
	struct html_grid_layout l;
	assert_true(html_grid_lay_out(&f.g, &l));
	assert_true(l.landscape);
	assert_true(l.n_parts >= 4);
	assert_int_equal(l.starts[0], 1);
	assert_int_equal(l.starts[l.n_parts], MAX_COLS);
	for (size_t i = 0; i < l.n_parts; i++) {
		assert_true(l.starts[i + 1] > l.starts[i]);
		double used = html_grid_column_pt(&f.g, 0);
		for (size_t c = l.starts[i]; c < l.starts[i + 1]; c++)
			used += html_grid_column_pt(&f.g, c);
		assert_true(used <= HTML_GRID_LANDSCAPE_PT * 0.92);
		/* and one more column would not have fitted */
		if (i + 1 < l.n_parts)
			assert_true(used + html_grid_column_pt(&f.g, l.starts[i + 1]) >
				    HTML_GRID_LANDSCAPE_PT * 0.92);
	}
	struct strbuf b = STRBUF_INIT;
	html_grid(&b, &f.g);
	char want[96];
	snprintf(want, sizeof want, "<p class=\"hint part\">part 1 of %zu: measure 1 to measure %zu</p>",
		 l.n_parts, l.starts[1] - 1);
	assert_non_null(strstr(b.data, want));
	/* one table on screen, one per part on paper, each with the week */
	const char *screen = strstr(b.data, "<div class=\"screen-only\">");
	const char *print = strstr(b.data, "<div class=\"print-only\">");
	assert_non_null(screen);
	assert_non_null(print);
	size_t tables = 0, weeks = 0;
	for (const char *p = print; (p = strstr(p, "<table>")) != NULL; p++)
		tables++;
	for (const char *p = print; (p = strstr(p, "<th>week</th>")) != NULL; p++)
		weeks++;
	assert_int_equal(tables, l.n_parts);
	assert_int_equal(weeks, l.n_parts);
	assert_non_null(strstr(screen, "<th class=\"n\">measure 39</th></tr></thead>"));
	html_grid_layout_release(&l);
	strbuf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(column_width),
		cmocka_unit_test(narrow_prints_portrait),
		cmocka_unit_test(wider_prints_landscape),
		cmocka_unit_test(widest_prints_in_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

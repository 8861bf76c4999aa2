/* test_chart.c -- the SVG chart module: labels are escaped, a single week
 * or all-zero values still draw finite coordinates, and bars keep to their
 * scale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "chart.h"

static void lines_of_one_zero_point_are_finite(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	const int zero[] = { 0 };
	const char *const days[] = { "11-30" };
	const struct chart_series s[] = { { "a<b", CHART_BLUE, true, zero } };
	chart_lines(&b, &(struct chart_over_time){ .id = "chart-x", .title = "x & y", .x_labels = days,
						   .n_points = 1, .series = s, .n_series = 1 });
	assert_false(b.failed);
	assert_null(strstr(b.data, "nan"));
	assert_null(strstr(b.data, "inf"));
	assert_non_null(strstr(b.data, "<title id=\"chart-x-title\">x &amp; y</title>"));
	assert_non_null(strstr(b.data, "points=\"375.0,200.0\""));
	assert_non_null(strstr(b.data, "<title>a&lt;b: 0</title>"));
	assert_non_null(strstr(b.data, "stroke-dasharray=\"6 4\""));
	assert_string_equal(b.data + b.len - 7, "</svg>\n");
	strbuf_release(&b);
}

static void axis_has_at_most_five_round_steps(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	const int v[] = { 3, 137 };
	const char *const days[] = { "11-30", "12-07" };
	const struct chart_series s[] = { { "n", chart_colour(0), false, v } };
	chart_lines(&b, &(struct chart_over_time){ .id = "c", .title = "t", .x_labels = days,
						   .n_points = 2, .series = s, .n_series = 1 });
	/* 137 rounds up to 150 in steps of 50. */
	assert_non_null(strstr(b.data, ">150</text>"));
	assert_null(strstr(b.data, ">200</text>"));
	assert_non_null(strstr(b.data, ">50</text>"));
	strbuf_release(&b);
}

/* Issue 11, printing: three types with the same counts drew one line.
 * Each colour has its own marker shape, a dashed line's markers are
 * hollow, and markers of equal value sit side by side, inside the plot. */
static void overlapping_lines_keep_their_markers_apart(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	const int v[] = { 2, 2, 2 };
	const char *const days[] = { "11-30", "12-07", "12-14" };
	const struct chart_series s[] = {
		{ "edu", CHART_BLUE, false, v },
		{ "skills", CHART_ORANGE, false, v },
		{ "edu needed", CHART_BLUE, true, v },
	};
	chart_lines(&b, &(struct chart_over_time){ .id = "g", .title = "t", .x_labels = days,
						   .n_points = 3, .series = s, .n_series = 3 });
	/* the middle week: spread around x = 375 by 7 units */
	assert_non_null(strstr(b.data, "<circle cx=\"368.0\" cy=\"16.0\" r=\"3.2\" fill=\"#2b6cb0\" "
				       "stroke=\"#2b6cb0\" stroke-width=\"1.2\"><title>edu: 2</title></circle>"));
	assert_non_null(strstr(b.data, "<rect x=\"372.1\" y=\"13.1\" width=\"5.8\" height=\"5.8\" "
				       "fill=\"#dd6b20\" stroke=\"#dd6b20\" stroke-width=\"1.2\">"
				       "<title>skills: 2</title></rect>"));
	assert_non_null(strstr(b.data, "<circle cx=\"382.0\" cy=\"16.0\" r=\"3.2\" fill=\"#ffffff\" "
				       "stroke=\"#2b6cb0\" stroke-width=\"1.2\"><title>edu needed: 2</title>"));
	/* the first week's to the right of the axis, the last's to the left of the end */
	assert_non_null(strstr(b.data, "<circle cx=\"50.0\" cy=\"16.0\""));
	assert_non_null(strstr(b.data, "<circle cx=\"64.0\" cy=\"16.0\""));
	assert_non_null(strstr(b.data, "<circle cx=\"686.0\" cy=\"16.0\""));
	assert_non_null(strstr(b.data, "<circle cx=\"700.0\" cy=\"16.0\""));
	/* the legend shows each line with its marker: skills at x 215 + 11 */
	assert_non_null(strstr(b.data, "<rect x=\"223.1\" y=\"229.1\" width=\"5.8\" height=\"5.8\" "
				       "fill=\"#dd6b20\""));
	strbuf_release(&b);
}

static void split_bars_scale_to_the_largest_whole(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	const struct chart_split_row rows[] = { { "<t>", 5, 10 }, { "u", 0, 0 } };
	chart_split_bars(&b, &(struct chart_split){ .id = "s", .title = "t", .part_name = "met",
						    .rest_name = "unmet", .rows = rows, .n_rows = 2 });
	assert_non_null(strstr(b.data, ">&lt;t&gt;</text>"));
	/* Half of the 340-unit bar met, half unmet; nothing drawn for 0 of 0. */
	assert_non_null(strstr(b.data, "class=\"met\" x=\"120\" y=\"10\" width=\"170\""));
	assert_non_null(strstr(b.data, "class=\"unmet\" x=\"290\" y=\"10\" width=\"170\""));
	assert_non_null(strstr(b.data, ">0/0</text>"));
	strbuf_release(&b);
}

static void range_bars_note_a_zero_value(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	const struct chart_range_row rows[] = { { "g1", 0, 4, 8 }, { "g2", 10, 4, 8 } };
	chart_range_bars(&b, &(struct chart_range){ .id = "f", .title = "t", .value_class = "fill",
						    .zero_note = "not running", .rows = rows, .n_rows = 2 });
	assert_non_null(strstr(b.data, ">not running</text>"));
	/* The scale runs to the largest of values and limits: 10. */
	assert_non_null(strstr(b.data, "text-anchor=\"end\">10</text>"));
	assert_non_null(strstr(b.data, "class=\"fill\" x=\"120\" y=\"48\" width=\"340\""));
	strbuf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_of_one_zero_point_are_finite),
		cmocka_unit_test(axis_has_at_most_five_round_steps),
		cmocka_unit_test(overlapping_lines_keep_their_markers_apart),
		cmocka_unit_test(split_bars_scale_to_the_largest_whole),
		cmocka_unit_test(range_bars_note_a_zero_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

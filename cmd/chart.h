/* chart.h -- the inline SVG charts of both reports: bars split into two
 * parts of a whole, bars of a value against a range, and lines over time.
 *
 * A chart is an <svg class="chart"> with an id, a <title> for screen
 * readers and no script; the same data always gives the same bytes.
 * Colours are attributes, not CSS, so charts print without the browser's
 * "background graphics"; the browser test looks for CHART_BLUE,
 * CHART_GREEN and CHART_ORANGE on the printed pages. Labels and titles are
 * text (escaped); ids and class names are markup (literals). */
#ifndef IOP_CHART_H
#define IOP_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "data/base/strbuf.h"

#define CHART_BLUE "#2b6cb0"
#define CHART_ORANGE "#dd6b20"
#define CHART_GREEN "#2f855a"
#define CHART_GREY "#4a5568"

/* The i-th colour of a fixed palette of eight, starting blue, orange,
 * green; i wraps around. */
const char *chart_colour(size_t i);

/* One bar per row, its `part` in green and the rest of its `whole` in
 * orange, "part/whole" after it, and a legend naming both. */
struct chart_split_row {
	const char *label;
	int part, whole;
};
struct chart_split {
	const char *id, *title;
	const char *part_name, *rest_name; /* legend words, also the bars' classes */
	const struct chart_split_row *rows;
	size_t n_rows;
};
void chart_split_bars(struct strbuf *b, const struct chart_split *c);

/* One bar per row for `value` over a grey band from `lo` to `hi`, with a
 * tick at each end of the band, on a scale from 0 to the largest hi or
 * value; a value of 0 shows `zero_note` instead of the number. */
struct chart_range_row {
	const char *label;
	int value, lo, hi;
};
struct chart_range {
	const char *id, *title;
	const char *value_class; /* the value bars' class */
	const char *zero_note;
	const struct chart_range_row *rows;
	size_t n_rows;
};
void chart_range_bars(struct strbuf *b, const struct chart_range *c);

/* Lines over time: one polyline per series (dashed if asked) with a
 * marker per point whose tooltip is the series and its value, a y axis of
 * at most five round steps from 0, the x labels below (every one when up
 * to 13 fit, else every few) and a legend of four series a row, each with
 * its line and marker. Lines that overlap stay apart by their markers:
 * each colour has its own shape (circle, square, triangle, diamond,
 * triangle down, plus, in order of the colours' first use), filled on a
 * solid line and hollow on a dashed one, and markers of equal value at a
 * week are set side by side. */
struct chart_series {
	const char *label;
	const char *colour;
	bool dashed;
	const int *values; /* [n_points] */
};
struct chart_over_time {
	const char *id, *title;
	const char *const *x_labels; /* [n_points], text */
	size_t n_points;
	const struct chart_series *series;
	size_t n_series;
};
void chart_lines(struct strbuf *b, const struct chart_over_time *c);

#endif

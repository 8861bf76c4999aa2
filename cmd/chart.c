/* chart.c -- inline SVG bar and line charts for both reports. */
#include "chart.h"

#include <math.h>
#include <string.h>

#include "data/html.h"

#define COLOUR_BAND "#e2e8f0"
#define COLOUR_TEXT "#1a202c"

static const char *const palette[] = {
	CHART_BLUE, CHART_ORANGE, CHART_GREEN, "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", CHART_GREY,
};

const char *chart_colour(size_t i)
{
	return palette[i % (sizeof palette / sizeof palette[0])];
}

/* `style` (NULL: none) is for a chart the stylesheet's size does not suit. */
static void svg_open(struct strbuf *b, const char *id, const char *title, int width, int height,
		     int font_size, const char *style)
{
	strbuf_printf(b, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %d\" "
		      "role=\"img\" aria-labelledby=\"%s-title\" "
		      "font-family=\"sans-serif\" font-size=\"%d\"%s%s%s>\n<title id=\"%s-title\">",
		      id, width, height, id, font_size, style ? " style=\"" : "", style ? style : "",
		      style ? "\"" : "", id);
	html_escape(b, title);
	strbuf_puts(b, "</title>\n");
}

/* A row's label, right-aligned before its bar. */
static void bar_label(struct strbuf *b, int x, int y, const char *label)
{
	strbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"" COLOUR_TEXT "\">", x, y);
	html_escape(b, label);
	strbuf_puts(b, "</text>");
}

/* Bar geometry shared by both bar charts: labels left of LABEL_W, bars
 * BAR_W long at the largest value. */
enum { BARS_W = 560, LABEL_W = 120, BAR_W = 340 };

static int bar_len(int v, int most)
{
	return (int)lround((double)BAR_W * v / most);
}

void chart_split_bars(struct strbuf *b, const struct chart_split *c)
{
	int most = 1;
	for (size_t i = 0; i < c->n_rows; i++)
		if (c->rows[i].whole > most)
			most = c->rows[i].whole;
	const int row = 28, top = 8;
	svg_open(b, c->id, c->title, BARS_W, top + (int)c->n_rows * row + 30, 14, NULL);
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct chart_split_row *r = &c->rows[i];
		int y = top + (int)i * row;
		int wp = bar_len(r->part, most), wr = bar_len(r->whole - r->part, most);
		bar_label(b, LABEL_W - 8, y + 15, r->label);
		if (wp > 0)
			strbuf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\""
				      CHART_GREEN "\"/>", c->part_name, LABEL_W, y + 2, wp);
		if (wr > 0)
			strbuf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\""
				      CHART_ORANGE "\"/>", c->rest_name, LABEL_W + wp, y + 2, wr);
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">%d/%d</text>\n",
			      LABEL_W + wp + wr + 6, y + 15, r->part, r->whole);
	}
	int ly = top + (int)c->n_rows * row + 12;
	strbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"" CHART_GREEN "\"/>"
		      "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">%s</text>"
		      "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"" CHART_ORANGE "\"/>"
		      "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">%s</text>\n</svg>\n",
		      LABEL_W, ly, LABEL_W + 16, ly + 11, c->part_name,
		      LABEL_W + 70, ly, LABEL_W + 86, ly + 11, c->rest_name);
}

static void range_row(struct strbuf *b, const struct chart_range *c, size_t i, int most)
{
	const struct chart_range_row *r = &c->rows[i];
	const int row = 24, top = 20;
	int y = top + (int)i * row;
	int x_lo = LABEL_W + bar_len(r->lo, most), x_hi = LABEL_W + bar_len(r->hi, most);
	int wv = bar_len(r->value, most);
	bar_label(b, LABEL_W - 8, y + 14, r->label);
	strbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"" COLOUR_BAND "\"/>",
		      x_lo, y + 1, x_hi - x_lo > 0 ? x_hi - x_lo : 1);
	if (wv > 0)
		strbuf_printf(b, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" "
			      "fill=\"" CHART_BLUE "\"/>", c->value_class, LABEL_W, y + 4, wv);
	strbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" CHART_GREY
		      "\" stroke-width=\"1.5\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\""
		      CHART_GREY "\" stroke-width=\"1.5\"/>",
		      x_lo, y, x_lo, y + 20, x_hi, y, x_hi, y + 20);
	if (r->value > 0)
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">%d</text>\n",
			      (x_hi > LABEL_W + wv ? x_hi : LABEL_W + wv) + 6, y + 14, r->value);
	else
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" CHART_GREY "\">%s</text>\n",
			      x_hi + 6, y + 14, c->zero_note);
}

void chart_range_bars(struct strbuf *b, const struct chart_range *c)
{
	int most = 1;
	for (size_t i = 0; i < c->n_rows; i++) {
		if (c->rows[i].hi > most)
			most = c->rows[i].hi;
		if (c->rows[i].value > most)
			most = c->rows[i].value;
	}
	svg_open(b, c->id, c->title, BARS_W, 20 + (int)c->n_rows * 24 + 8, 14, NULL);
	/* A scale along the top: 0, the largest limit. */
	strbuf_printf(b, "<text x=\"%d\" y=\"12\" fill=\"" CHART_GREY "\" font-size=\"11\">0</text>"
		      "<text x=\"%d\" y=\"12\" fill=\"" CHART_GREY "\" font-size=\"11\" "
		      "text-anchor=\"end\">%d</text>\n", LABEL_W, LABEL_W + BAR_W, most);
	for (size_t i = 0; i < c->n_rows; i++)
		range_row(b, c, i, most);
	strbuf_puts(b, "</svg>\n");
}

/* Line chart geometry: the plot spans LEFT..RIGHT and TOP..BOTTOM. Line
 * charts are wider than bar charts and print small text, so they may grow
 * past the stylesheet's chart width to keep that text readable. */
enum { LINES_W = 720, LINES_H = 250, LEFT = 50, RIGHT = 700, TOP = 16, BOTTOM = 200 };

/* The smallest 1, 2 or 5 times a power of ten at least max / 5, so the
 * axis has at most five steps. */
static int axis_step(int max)
{
	int step = 1;
	for (;;) {
		static const int mult[] = { 1, 2, 5 };
		for (int i = 0; i < 3; i++)
			if (step * mult[i] * 5 >= max)
				return step * mult[i];
		step *= 10;
	}
}

static double x_of(size_t k, size_t n)
{
	if (n <= 1)
		return (LEFT + RIGHT) / 2.0;
	return LEFT + (double)(RIGHT - LEFT) * (double)k / (double)(n - 1);
}

static double y_of(int v, int top)
{
	return BOTTOM - (double)(BOTTOM - TOP) * v / top;
}

static void lines_axes(struct strbuf *b, const struct chart_over_time *c, int top, int step)
{
	for (int v = 0; v <= top; v += step)
		strbuf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
			      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"" CHART_GREY "\">%d</text>\n",
			      LEFT, y_of(v, top), RIGHT, y_of(v, top), v ? COLOUR_BAND : CHART_GREY, LEFT - 6,
			      y_of(v, top) + 4, v);
	size_t n = c->n_points, every = n <= 13 ? 1 : (n + 12) / 13;
	for (size_t k = 0; k < n; k += every) {
		strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"" CHART_GREY "\">",
			      x_of(k, n), BOTTOM + 16);
		html_escape(b, c->x_labels[k]);
		strbuf_puts(b, "</text>\n");
	}
}

static const char *dash(const struct chart_series *s)
{
	return s->dashed ? " stroke-dasharray=\"6 4\"" : "";
}

/* Markers tell lines apart where they overlap (three types with the same
 * counts draw one line): each colour has its own shape (the n-th colour
 * met in the series gets the n-th shape), filled on a solid line, hollow
 * on a dashed one, so a type reads by colour and shape and "running" from
 * "needed" by the fill. Points of equal value are set side by side. */
enum { N_SHAPES = 6, DODGE = 7 };

static void marker(struct strbuf *b, size_t shape, double x, double y, const char *colour,
		   bool hollow)
{
	const char *fill = hollow ? "#ffffff" : colour;
	switch (shape % N_SHAPES) {
	case 0:
		strbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\"", x, y);
		break;
	case 1:
		strbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"5.8\" height=\"5.8\"",
			      x - 2.9, y - 2.9);
		break;
	case 2: /* triangle */
		strbuf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x, y - 3.8,
			      x + 3.5, y + 2.6, x - 3.5, y + 2.6);
		break;
	case 3: /* diamond */
		strbuf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x,
			      y - 4.0, x + 4.0, y, x, y + 4.0, x - 4.0, y);
		break;
	case 4: /* triangle pointing down */
		strbuf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"", x, y + 3.8,
			      x + 3.5, y - 2.6, x - 3.5, y - 2.6);
		break;
	default: /* plus */
		strbuf_printf(b, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f "
			      "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\"",
			      x - 1.3, y - 4.0, x + 1.3, y - 4.0, x + 1.3, y - 1.3, x + 4.0, y - 1.3,
			      x + 4.0, y + 1.3, x + 1.3, y + 1.3, x + 1.3, y + 4.0, x - 1.3, y + 4.0,
			      x - 1.3, y + 1.3, x - 4.0, y + 1.3, x - 4.0, y - 1.3, x - 1.3, y - 1.3);
		break;
	}
	strbuf_printf(b, " fill=\"%s\" stroke=\"%s\" stroke-width=\"1.2\"", fill, colour);
}

static void marker_close(struct strbuf *b, size_t shape)
{
	static const char *const tag[N_SHAPES] = { "circle", "rect", "polygon", "polygon",
						   "polygon", "polygon" };
	strbuf_printf(b, "</%s>\n", tag[shape % N_SHAPES]);
}

/* The shape of each series: one per distinct colour, in order of first use. */
static size_t shape_of(const struct chart_over_time *c, size_t i)
{
	size_t distinct = 0;
	for (size_t j = 0; j < c->n_series; j++) {
		size_t first = 0;
		while (strcmp(c->series[first].colour, c->series[j].colour) != 0)
			first++;
		if (first != j)
			continue; /* a colour met before */
		if (!strcmp(c->series[j].colour, c->series[i].colour))
			return distinct;
		distinct++;
	}
	return distinct;
}

/* How far point k of series i moves sideways: the series of equal value
 * there are set side by side, in series order. */
static double dodge(const struct chart_over_time *c, size_t i, size_t k)
{
	int v = c->series[i].values[k];
	size_t equal = 0, before = 0;
	for (size_t j = 0; j < c->n_series; j++)
		if (c->series[j].values[k] == v) {
			equal++;
			before += j < i;
		}
	double step = DODGE;
	if (c->n_points > 1) {
		/* a week's markers take at most 0.8 of the gap to the next */
		double room = 0.8 * (RIGHT - LEFT) / (double)(c->n_points - 1) / (double)equal;
		if (room < step)
			step = room;
	}
	/* inside the plot: the first week's spread to the right, the last's
	 * to the left, the others' around the point */
	double from = -(double)(equal - 1) / 2.0;
	if (c->n_points > 1 && k == 0)
		from = 0;
	else if (c->n_points > 1 && k + 1 == c->n_points)
		from = -(double)(equal - 1);
	return (from + (double)before) * step;
}

static void lines_series(struct strbuf *b, const struct chart_over_time *c, size_t i, int top)
{
	const struct chart_series *s = &c->series[i];
	size_t n = c->n_points, shape = shape_of(c, i);
	strbuf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"",
		      s->colour, dash(s));
	for (size_t k = 0; k < n; k++)
		strbuf_printf(b, "%s%.1f,%.1f", k ? " " : "", x_of(k, n), y_of(s->values[k], top));
	strbuf_puts(b, "\"/>\n");
	for (size_t k = 0; k < n; k++) {
		marker(b, shape, x_of(k, n) + dodge(c, i, k), y_of(s->values[k], top), s->colour,
		       s->dashed);
		strbuf_puts(b, "><title>");
		html_escape(b, s->label);
		strbuf_printf(b, ": %d</title>", s->values[k]);
		marker_close(b, shape);
	}
}

void chart_lines(struct strbuf *b, const struct chart_over_time *c)
{
	int max = 1;
	for (size_t i = 0; i < c->n_series; i++)
		for (size_t k = 0; k < c->n_points; k++)
			if (c->series[i].values[k] > max)
				max = c->series[i].values[k];
	int step = axis_step(max);
	int top = (max + step - 1) / step * step;
	size_t legend_rows = (c->n_series + 3) / 4;
	svg_open(b, c->id, c->title, LINES_W, LINES_H + 18 * (int)(legend_rows > 1 ? legend_rows - 1 : 0),
		 11, "max-width:760px");
	lines_axes(b, c, top, step);
	for (size_t i = 0; i < c->n_series; i++)
		lines_series(b, c, i, top);
	for (size_t i = 0; i < c->n_series; i++) {
		const struct chart_series *s = &c->series[i];
		int lx = LEFT + (int)(i % 4) * 165, ly = BOTTOM + 36 + 18 * (int)(i / 4);
		strbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			      "stroke-width=\"2\"%s/>", lx, ly - 4, lx + 22, ly - 4, s->colour, dash(s));
		marker(b, shape_of(c, i), lx + 11, ly - 4, s->colour, s->dashed);
		strbuf_puts(b, "/>");
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">", lx + 28, ly);
		html_escape(b, s->label);
		strbuf_puts(b, "</text>\n");
	}
	strbuf_puts(b, "</svg>\n");
}

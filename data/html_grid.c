/* html_grid.c -- a table of text that prints on A4 whatever its width. */
#include "html_grid.h"

#include <stdlib.h>
#include <string.h>

/* The print font's size in points (the stylesheet's @media print). */
#define FONT_PT 10.5
/* A cell's padding, 6px each side, in points. */
#define PADDING_PT 9.0
/* Estimates may be this much short of the truth (another font, kerning
 * the other way): a part is filled to this share of the page. */
#define FILL 0.92

/* Advance widths in em of DejaVu Sans Bold, the widest face the report's
 * fonts fall back to on Debian; the regular face and the system fonts of
 * other platforms are narrower, so a column is never estimated short. */
static const double lower_em[26] = {
	0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042,
	0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582,
};

static double char_em(unsigned char ch)
{
	if (ch >= 'a' && ch <= 'z')
		return lower_em[ch - 'a'];
	if (ch >= '0' && ch <= '9')
		return 0.696;
	if (ch >= 'A' && ch <= 'Z')
		return ch == 'M' || ch == 'W' ? 1.1 : 0.84;
	if (ch == ' ' || ch == '.' || ch == ',' || ch == ':' || ch == ';' || ch == '\'')
		return 0.38;
	if (ch < 0x80)
		return 0.7;
	return 1.0; /* the lead byte of a character beyond ASCII: as wide as an M */
}

/* The width of `text` in points, one line. */
static double text_pt(const char *text)
{
	double em = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p & 0xC0) != 0x80) /* count characters, not continuation bytes */
			em += char_em(*p);
	return em * FONT_PT;
}

double html_grid_column_pt(const struct html_grid *g, size_t col)
{
	double widest = text_pt(g->cols[col].head);
	for (size_t r = 0; r < g->n_rows; r++) {
		double w = text_pt(g->cells[r * g->n_cols + col]);
		if (w > widest)
			widest = w;
	}
	return widest + PADDING_PT;
}

bool html_grid_lay_out(const struct html_grid *g, struct html_grid_layout *out)
{
	memset(out, 0, sizeof *out);
	double *width = malloc((g->n_cols + 1) * sizeof *width);
	out->starts = malloc((g->n_cols + 2) * sizeof *out->starts);
	if (width == NULL || out->starts == NULL) {
		free(width);
		html_grid_layout_release(out);
		return false;
	}
	double total = 0;
	for (size_t c = 0; c < g->n_cols; c++)
		total += width[c] = html_grid_column_pt(g, c);
	out->landscape = total > FILL * HTML_GRID_PORTRAIT_PT;
	double page = FILL * (out->landscape ? HTML_GRID_LANDSCAPE_PT : HTML_GRID_PORTRAIT_PT);
	/* Greedy: each part takes the first column and then as many of the
	 * next as fit, at least one (a column wider than a page gets a part
	 * of its own and wraps nowhere better). */
	out->starts[0] = 1;
	size_t c = 1;
	while (c < g->n_cols) {
		double used = width[0] + width[c++];
		while (c < g->n_cols && used + width[c] <= page)
			used += width[c++];
		out->starts[++out->n_parts] = c;
	}
	if (out->n_parts == 0) /* the first column alone */
		out->starts[++out->n_parts] = 1;
	free(width);
	return true;
}

void html_grid_layout_release(struct html_grid_layout *l)
{
	if (l == NULL)
		return;
	free(l->starts);
	memset(l, 0, sizeof *l);
}

/* One table of column 0 and columns from .. to - 1. */
static void table(struct strbuf *b, const struct html_grid *g, size_t from, size_t to)
{
	html_table_head(b);
	html_th(b, g->cols[0].cls, g->cols[0].head);
	for (size_t c = from; c < to; c++)
		html_th(b, g->cols[c].cls, g->cols[c].head);
	html_table_body(b);
	for (size_t r = 0; r < g->n_rows; r++) {
		const char *const *row = g->cells + r * g->n_cols;
		html_row_open(b);
		html_cell(b, g->cols[0].cls, row[0]);
		for (size_t c = from; c < to; c++)
			html_cell(b, g->cols[c].cls, row[c]);
		html_row_close(b);
	}
	html_table_close(b);
}

void html_grid(struct strbuf *b, const struct html_grid *g)
{
	struct html_grid_layout l;
	if (!html_grid_lay_out(g, &l)) {
		b->failed = true;
		return;
	}
	strbuf_printf(b, "<div class=\"grid%s\">\n", l.landscape ? " landscape" : "");
	if (g->title != NULL)
		html_heading(b, 2, g->id, "%s", g->title);
	if (l.n_parts == 1) {
		table(b, g, 1, g->n_cols);
	} else {
		/* The screen scrolls: one table there, the parts on paper. */
		strbuf_puts(b, "<div class=\"screen-only\">\n");
		table(b, g, 1, g->n_cols);
		strbuf_puts(b, "</div>\n<div class=\"print-only\">\n");
		for (size_t i = 0; i < l.n_parts; i++) {
			size_t from = l.starts[i], last = l.starts[i + 1] - 1;
			strbuf_printf(b, "<p class=\"hint part\">part %zu of %zu: ", i + 1, l.n_parts);
			html_escape(b, g->cols[from].head);
			if (last > from) {
				strbuf_puts(b, " to ");
				html_escape(b, g->cols[last].head);
			}
			strbuf_puts(b, "</p>\n");
			table(b, g, from, last + 1);
		}
		strbuf_puts(b, "</div>\n");
	}
	if (g->note != NULL)
		html_para(b, "hint", "%s", g->note);
	strbuf_puts(b, "</div>\n");
	html_grid_layout_release(&l);
}

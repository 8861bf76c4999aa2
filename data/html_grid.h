/* html_grid.h -- a table of text cells that prints on A4 whatever its
 * width: a report's table may gain columns without anyone tuning widths.
 *
 * On screen it is one table (scrolling sideways on a narrow screen). On
 * paper its width is estimated from its text, in the print font (the
 * stylesheet's 10.5pt), a little wider than it will be:
 *   - a table that fits the width of an A4 portrait page prints as it is;
 *   - a wider one gets landscape pages of its own;
 *   - one wider than a landscape page too is printed in parts, each
 *     repeating the first column (the row's key, say the week) and holding
 *     as many of the next columns as fit, headed "part 1 of 2: a to f".
 * No column is ever cut off at the page's edge. Cells do not wrap. */
#ifndef IOP_HTML_GRID_H
#define IOP_HTML_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "html.h"

struct html_grid {
	/* The section's heading and a note after the table, markup (NULL:
	 * none): they go with the table onto its pages. */
	const char *id, *title, *note;
	const struct html_col *cols; /* the heads, text; cls "n" for numbers */
	size_t n_cols;               /* at least 1 */
	const char *const *cells;    /* [row * n_cols + col], text, never NULL */
	size_t n_rows;
};

/* How the grid prints: landscape or not, and its parts: part i holds
 * column 0 and columns starts[i] .. starts[i + 1] - 1. */
struct html_grid_layout {
	bool landscape;
	size_t n_parts;
	size_t *starts; /* [n_parts + 1], owned */
};

/* Widths in points of A4's text area with the stylesheet's 14 mm margins,
 * portrait and landscape. */
#define HTML_GRID_PORTRAIT_PT 515.9
#define HTML_GRID_LANDSCAPE_PT 762.5

/* The estimated printed width of one column, in points: its widest text
 * (the head in bold) plus the cell padding. */
double html_grid_column_pt(const struct html_grid *g, size_t col);

/* Lays the grid out for print. STATUS-free: false only when memory ran
 * out. Release with html_grid_layout_release. */
bool html_grid_lay_out(const struct html_grid *g, struct html_grid_layout *out);
void html_grid_layout_release(struct html_grid_layout *l);

/* Appends the heading, the table and the note (sets b->failed when memory
 * runs out). */
void html_grid(struct strbuf *b, const struct html_grid *g);

#endif

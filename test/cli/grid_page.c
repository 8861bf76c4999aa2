/* grid_page.c -- writes a page holding one html_grid of N columns (the
 * first "week", the others "measure I" of wide numbers), so the browser
 * test can print a table wider than any report has today and find every
 * column on paper. Usage: grid_page N > page.html */
#include <stdio.h>
#include <stdlib.h>

#include "data/html_grid.h"

enum { ROWS = 14, MAX_COLS = 200 };

int main(int argc, char **argv)
{
	int n = argc == 2 ? atoi(argv[1]) : 0;
	if (n < 1 || n > MAX_COLS) {
		fprintf(stderr, "usage: grid_page N (1..%d)\n", MAX_COLS);
		return 64;
	}
	static struct html_col cols[MAX_COLS];
	static char heads[MAX_COLS][16], days[ROWS][11];
	static const char *cells[ROWS * MAX_COLS];
	cols[0] = (struct html_col){ "week", NULL };
	for (int c = 1; c < n; c++) {
		snprintf(heads[c], sizeof heads[c], "measure %d", c);
		cols[c] = (struct html_col){ heads[c], "n" };
	}
	for (int r = 0; r < ROWS; r++) {
		snprintf(days[r], sizeof days[r], "2027-01-%02d", r + 1);
		for (int c = 0; c < n; c++)
			cells[r * n + c] = c == 0 ? days[r] : "123456.00";
	}
	struct strbuf b = STRBUF_INIT;
	html_page_open(&b, "Grid", "wide");
	html_grid(&b, &(struct html_grid){ .id = "weeks", .title = "Week by week",
					   .note = "the end of the table", .cols = cols,
					   .n_cols = (size_t)n, .cells = cells, .n_rows = ROWS });
	html_page_close(&b);
	if (b.failed)
		return 71;
	fwrite(b.data, 1, b.len, stdout);
	strbuf_release(&b);
	return 0;
}

/* csv_out.c -- CSV rows into a growing buffer, quoted by libcsv, with
 * formula-looking cells neutralised for spreadsheets. */
#include "csv_out.h"

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool csv_cell_needs_neutralising(const char *cell)
{
	if (cell == NULL)
		return false;
	while (*cell == '\'')
		cell++;
	/* OWASP's list for CSV injection: = + - @, and tab and carriage
	 * return, which some spreadsheets skip before looking for a formula. */
	return *cell != '\0' && strchr("=+-@\t\r", *cell) != NULL;
}

const char *csv_cell_unneutralise(const char *cell)
{
	if (cell != NULL && cell[0] == '\'' && csv_cell_needs_neutralising(cell))
		return cell + 1;
	return cell;
}

/* Quote only when a reader could otherwise misread the cell: a separator,
 * quote or line break inside, or edge white space a reader would trim. */
static bool needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return true;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return true;
	return false;
}

static void append_cell(struct strbuf *b, const char *cell)
{
	const char *text = cell ? cell : "";
	char *owned = NULL;
	if (csv_cell_needs_neutralising(text)) {
		size_t n = strlen(text);
		owned = malloc(n + 2);
		if (owned == NULL) {
			b->failed = true;
			return;
		}
		owned[0] = '\'';
		memcpy(owned + 1, text, n + 1);
		text = owned;
	}
	size_t n = strlen(text);
	if (!needs_quotes(text, n)) {
		strbuf_append(b, text, n);
	} else {
		size_t need = csv_write(NULL, 0, text, n);
		if (need == (size_t)-1 || !strbuf_reserve(b, need)) {
			b->failed = true;
		} else {
			csv_write(b->data + b->len, need, text, n);
			b->len += need;
			b->data[b->len] = '\0';
		}
	}
	free(owned);
}

void csv_out_row(struct strbuf *b, const char *const *cells, size_t n)
{
	/* A lone empty cell would be a blank line, which readers skip. */
	if (n == 1 && (cells[0] == NULL || cells[0][0] == '\0')) {
		strbuf_puts(b, "\"\"\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_append(b, ",", 1);
		append_cell(b, cells[i]);
	}
	strbuf_append(b, "\n", 1);
}

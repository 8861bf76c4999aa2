/* csv_out.h -- CSV rows into a memory buffer, quoted by libcsv, formula-safe.
 *
 * A cell that would start with '=', '+', '-' or '@' (after any run of
 * apostrophes) gets one more leading apostrophe, so a spreadsheet shows it
 * as text; csv_table strips exactly one apostrophe from such cells when
 * reading, so every value round-trips unchanged. Lines end in "\n". */
#ifndef IOP_CSV_OUT_H
#define IOP_CSV_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"

/* True when the cell would be read by a spreadsheet as a formula: its first
 * character after any run of apostrophes is '=', '+', '-', '@', tab or CR
 * (OWASP's list for CSV injection). NULL is false. */
bool csv_cell_needs_neutralising(const char *cell);

/* The reading side of the rule above: a cell that starts with an apostrophe
 * and needs neutralising was written with one extra apostrophe, so the value
 * is cell + 1; any other cell is returned as is. With the writer prepending
 * exactly when csv_cell_needs_neutralising(value), every value round-trips
 * ("'=x" -> "=x", "''=x" -> "'=x", "'abc" -> "'abc"). NULL gives NULL. */
const char *csv_cell_unneutralise(const char *cell);

/* Appends one row of n cells (NULL cell = empty). A cell is quoted (by
 * libcsv's csv_write, '"' doubled) only when it contains ',', '"', CR or LF
 * or starts or ends with a space or tab; others are written as they are.
 * A row of one empty cell is written as "" so it is not a blank line. */
void csv_out_row(struct strbuf *b, const char *const *cells, size_t n);

#endif

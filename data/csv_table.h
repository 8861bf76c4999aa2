/* csv_table.h -- a whole CSV file as a header and rows of trimmed text.
 *
 * Every loader reads its file through this, so all of them share the
 * contract's CSV rules (docs/FORMAT.md): RFC 4180 quoting (quoted fields may
 * hold commas, quotes and newlines), UTF-8 with an optional BOM, LF or CRLF,
 * blank lines ignored, a header row, column names case-insensitive and in
 * any order, surrounding spaces and tabs trimmed from every field.
 *
 * A cell the tool wrote neutralised (one extra leading apostrophe before
 * '=', '+', '-' or '@', see csv_out.h) has exactly one apostrophe removed,
 * so "'=x" reads as "=x" and "''-1" as "'-1".
 *
 * Problems are reported to a diag_list with the physical line where the
 * record starts (1-based):
 *   FILE: file is empty
 *   FILE:LINE: record has 6 fields, header has 7
 *   FILE:LINE:FIELD: COLUMN: invalid UTF-8[, here and in N more cells]
 *       (the file is not saved as UTF-8): in Excel use Save As, "CSV UTF-8
 *       (Comma delimited)"       -- once per file, at the first bad cell
 *   FILE:LINE:FIELD: COLUMN: unterminated quoted field
 *   FILE:LINE:FIELD: COLUMN: misplaced quote (quote the whole field)
 *       -- either way that record is left out and reading goes on at the
 *       line after the one it started on (not after a broken header)
 *   FILE:LINE:FIELD: COLUMN: duplicate column 'ID' (first is field 1)
 *   FILE:LINE: the header row is repeated here: delete this line
 *   FILE:LINE: columns are separated by ';', not ',': ...  -- a header that
 *       is one field holding ';'; nothing more of the file is read
 *   FILE: an Excel workbook (.xlsx), not a CSV file: in Excel use Save As,
 *       ... -- likewise for .xls and UTF-16 ("Unicode Text") files
 * Rows with a problem are left out of the table (counted in n_dropped, so a
 * loader can tell that an id it does not know may be in a lost row); the
 * rest is kept so a loader can go on and report every other error in the
 * file. Bytes that are not valid UTF-8 are never copied into a message. */
#ifndef IOP_CSV_TABLE_H
#define IOP_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

struct csv_row {
	long line;     /* physical line where the record starts */
	char **fields; /* [n_columns], trimmed, NUL-terminated, never NULL */
};

struct csv_table {
	char *path;           /* as given, used in every message (owned) */
	long header_line;     /* physical line of the header; 0 when none */
	size_t n_columns;
	char **columns;       /* header names, trimmed, as written (owned) */
	struct csv_row *rows; /* good data rows in file order (owned) */
	size_t n_rows;
	size_t n_dropped;     /* records left out for a problem (reported) */
};

/* Reads and parses the file at `path`. Returns
 *   STATUS_OK        the whole file is good;
 *   STATUS_BAD_DATA  something is wrong (every problem is in diag); the
 *                    table still holds the header (n_columns == 0 if there
 *                    was none) and every good row;
 *   STATUS_NO_INPUT  the file does not exist (no diagnostic: only the caller
 *                    knows whether the file was required);
 *   STATUS_IO        it exists but cannot be read (diag says why);
 *   STATUS_NO_MEMORY.
 * The table is always safe to csv_table_release. */
enum status csv_table_read(const char *path, struct csv_table *out,
			   struct diag_list *diag);

/* The same over `len` bytes in memory; `path` only names the data in
 * messages. Never returns STATUS_NO_INPUT or STATUS_IO. */
enum status csv_table_parse(const char *path, const char *data, size_t len,
			    struct csv_table *out, struct diag_list *diag);

/* The index of the column named `name` (case-insensitive), or -1. */
int csv_table_column(const struct csv_table *t, const char *name);

/* The cell of `row` in `column`; "" when column is -1 (an absent optional
 * column), so loaders can treat a missing column like an empty cell. */
const char *csv_table_cell(const struct csv_table *t, size_t row, int column);

/* Frees everything; the table is zeroed. NULL ok. */
void csv_table_release(struct csv_table *t);

/* True when the n bytes are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF) and contain no NUL byte. */
bool csv_utf8_valid(const char *s, size_t n);

#endif

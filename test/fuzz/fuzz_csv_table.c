/* fuzz_csv_table.c -- the CSV reader every loader uses, straight from memory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_table t;
	struct diag_list diag = DIAG_LIST_INIT;
	enum status st = csv_table_parse("input.csv", (const char *)data, size, &t, &diag);
	if (st != STATUS_OK && st != STATUS_BAD_DATA && st != STATUS_NO_MEMORY)
		abort(); /* the contract: never NO_INPUT or IO from memory */
	char buf[2048];
	for (size_t i = 0; i < diag.n; i++)
		diag_format(&diag.items[i], buf, sizeof buf);
	/* Every kept row is whole, valid UTF-8 without NUL, and trimmed. */
	for (size_t r = 0; r < t.n_rows; r++) {
		for (size_t f = 0; f < t.n_columns; f++) {
			const char *cell = t.rows[r].fields[f];
			size_t n = strlen(cell);
			if (!csv_utf8_valid(cell, n))
				abort();
			if (n && (cell[0] == ' ' || cell[n - 1] == ' '))
				abort();
		}
		if (t.rows[r].line <= t.header_line)
			abort();
	}
	for (size_t f = 0; f < t.n_columns; f++)
		(void)csv_table_column(&t, t.columns[f]);
	if (t.n_rows)
		(void)csv_table_cell(&t, 0, -1);
	csv_table_release(&t);
	diag_list_release(&diag);
	return 0;
}

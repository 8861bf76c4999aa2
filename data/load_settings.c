/* load_settings.c -- settings.csv (setting,value rows) over the contract's defaults. */
#include "load_util.h"

#include <stdlib.h>
#include <string.h>

/* The setting's index in settings_names, or -1. */
static int setting_index(const char *name)
{
	for (int i = 0; settings_names[i]; i++)
		if (load_equal_nocase(settings_names[i], name))
			return i;
	return -1;
}

/* Room for the line of each setting's first row. */
#define MAX_SETTINGS 64

enum status load_settings(const char *path, struct settings *settings, struct diag_list *d)
{
	static const char *const names[] = { "setting", "value" };
	static const bool required[] = { true, true };
	struct csv_table t;
	int col[2];
	size_t first_diag = d->n;
	size_t errors_before = d->n_errors;
	enum status st = load_optional_table(path, "setting,value", "the default settings", &t, d);
	if (st == STATUS_NO_INPUT) {
		csv_table_release(&t);
		return STATUS_OK; /* optional: the defaults stand */
	}
	if (st != STATUS_OK && st != STATUS_BAD_DATA) {
		csv_table_release(&t);
		return st;
	}
	st = STATUS_OK;
	if (t.n_columns == 0 || !load_columns(d, &t, names, required, 2, col, NULL, true))
		goto done;
	long first_line[MAX_SETTINGS] = { 0 };
	for (size_t row = 0; row < t.n_rows; row++) {
		char qbuf[LOAD_QUOTE_SIZE], err[256];
		const char *name = csv_table_cell(&t, row, col[0]);
		const char *value = csv_table_cell(&t, row, col[1]);
		if (!*name) {
			load_error(d, &t, row, col[0], "missing value");
			continue;
		}
		int k = setting_index(name);
		if (k < 0 || k >= MAX_SETTINGS) {
			load_error(d, &t, row, col[0], "unknown setting '%s'",
				   load_quote(name, qbuf, sizeof qbuf));
			continue;
		}
		/* duplicates compare case-insensitively, as setting names do */
		if (first_line[k]) {
			load_error(d, &t, row, col[0], "duplicate setting '%s' (first on line %ld)",
				   load_quote(name, qbuf, sizeof qbuf), first_line[k]);
			continue;
		}
		first_line[k] = t.rows[row].line;
		if (!*value) {
			load_error(d, &t, row, col[1], "missing value");
			continue;
		}
		/* settings_set quotes the value; keep terminal controls out of it */
		bool control = false;
		for (const unsigned char *q = (const unsigned char *)value; *q; q++)
			control |= *q < 0x20 || *q == 0x7F;
		if (control)
			load_error(d, &t, row, col[1], "value contains a control character");
		else if (!settings_set(settings, name, value, err, sizeof err))
			load_error(d, &t, row, col[1], "%s", err);
	}
done:
	load_sort_diags(d, first_diag);
	/* Cross-checks only mean something when every row was understood. */
	char err[256];
	if (d->n_errors == errors_before && !settings_validate(settings, err, sizeof err))
		diag_error(d, t.path, 0, 0, NULL, "%s", err);
	csv_table_release(&t);
	return st;
}

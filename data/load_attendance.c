/* load_attendance.c -- an attendance file's cells, parsed and checked one
 * by one; attendance.c matches them to the week's sessions. */
#include <stdlib.h>
#include <string.h>

#include "attendance.h"
#include "load_util.h"

enum { C_DATE, C_PATIENT, C_GROUP, C_STATUS, C_MINUTES, C_START, C_END, N_COLUMNS };

const char *attend_status_name(enum attend_status s)
{
	switch (s) {
	case ATTEND_PRESENT: return "present";
	case ATTEND_ABSENT: return "absent";
	case ATTEND_EXCUSED: return "excused";
	case ATTEND_UNRECORDED: break;
	}
	return "";
}

static bool parse_status(const char *s, enum attend_status *out)
{
	static const enum attend_status all[] = { ATTEND_PRESENT, ATTEND_ABSENT, ATTEND_EXCUSED };
	if (*s == '\0') {
		*out = ATTEND_UNRECORDED;
		return true;
	}
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		if (load_equal_nocase(s, attend_status_name(all[i]))) {
			*out = all[i];
			return true;
		}
	return false;
}

/* "HH:MM" (one-digit hour allowed, as in slots) to minutes. */
static bool parse_time(const char *s, int *out)
{
	int h = 0, m = 0, digits = 0;
	while (*s >= '0' && *s <= '9' && digits < 3) {
		h = h * 10 + (*s++ - '0');
		digits++;
	}
	if (digits < 1 || digits > 2 || *s++ != ':')
		return false;
	if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') || s[2] != '\0')
		return false;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	if (h > 23 || m > 59)
		return false;
	*out = h * 60 + m;
	return true;
}

/* A required text cell; reports "missing value" when empty. */
static const char *required_cell(struct diag_list *d, const struct csv_table *t, size_t row,
				 int col)
{
	const char *s = csv_table_cell(t, row, col);
	if (*s == '\0') {
		load_error(d, t, row, col, "missing value");
		return NULL;
	}
	return s;
}

static bool parse_row(struct attendance_file *f, size_t row, const bool *other_dates,
		      struct diag_list *d, struct attendance_row *out)
{
	const struct csv_table *t = &f->table;
	char q[LOAD_QUOTE_SIZE];
	bool ok = true;
	*out = (struct attendance_row){ .row = row, .start = -1, .minutes = -1 };
	const char *s = csv_table_cell(t, row, f->col_date);
	if (!date_parse(s, &out->date)) {
		if (other_dates[row])
			; /* reported once for the column */
		else if (*s)
			load_error(d, t, row, f->col_date, "'%s' is not a date (YYYY-MM-DD)",
				   load_quote(s, q, sizeof q));
		else
			load_error(d, t, row, f->col_date, "missing value");
		ok = false;
	}
	ok &= (out->patient = required_cell(d, t, row, f->col_patient)) != NULL;
	ok &= (out->group = required_cell(d, t, row, f->col_group)) != NULL;
	s = csv_table_cell(t, row, f->col_status);
	if (!parse_status(s, &out->status)) {
		load_error(d, t, row, f->col_status,
			   "'%s' is not a status: write present, absent or excused "
			   "(or leave it empty)", load_quote(s, q, sizeof q));
		ok = false;
	}
	s = csv_table_cell(t, row, f->col_minutes);
	long minutes;
	if (*s && !load_parse_int(s, 0, 24 * 60, &minutes)) {
		load_error(d, t, row, f->col_minutes, "'%s' is not a number of minutes in 0..1440",
			   load_quote(s, q, sizeof q));
		ok = false;
	} else if (*s) {
		out->minutes = (int)minutes;
		if (out->status != ATTEND_PRESENT && minutes > 0) {
			load_error(d, t, row, f->col_minutes,
				   "%ld minutes attended, but the status is '%s', not present",
				   minutes, csv_table_cell(t, row, f->col_status));
			ok = false;
		}
	}
	s = csv_table_cell(t, row, f->col_start);
	if (*s && !parse_time(s, &out->start)) {
		load_error(d, t, row, f->col_start, "'%s' is not a time (HH:MM)",
			   load_quote(s, q, sizeof q));
		ok = false;
	}
	return ok;
}

enum status attendance_read(const char *path, struct attendance_file *out,
			    struct diag_list *diag)
{
	static const char *const names[N_COLUMNS] = {
		"date", "patient", "group", "status", "minutes", "start", "end",
	};
	static const bool required[N_COLUMNS] = { true, true, true, true };
	memset(out, 0, sizeof *out);
	size_t errors = diag->n_errors;
	enum status st = load_table(path, false, &out->table, diag);
	if (st == STATUS_NO_INPUT || st == STATUS_IO || st == STATUS_NO_MEMORY)
		return st;
	if (out->table.n_columns == 0)
		return STATUS_BAD_DATA;
	int col[N_COLUMNS];
	if (!load_columns(diag, &out->table, names, required, N_COLUMNS, col, NULL, true))
		return STATUS_BAD_DATA;
	out->col_date = col[C_DATE];
	out->col_patient = col[C_PATIENT];
	out->col_group = col[C_GROUP];
	out->col_status = col[C_STATUS];
	out->col_minutes = col[C_MINUTES];
	out->col_start = col[C_START];
	bool *other_dates = load_other_dates(diag, &out->table, out->col_date);
	out->rows = calloc(out->table.n_rows + 1, sizeof *out->rows);
	if (other_dates == NULL || out->rows == NULL) {
		free(other_dates);
		return STATUS_NO_MEMORY;
	}
	for (size_t row = 0; row < out->table.n_rows; row++)
		if (parse_row(out, row, other_dates, diag, &out->rows[out->n]))
			out->n++;
	free(other_dates);
	return diag->n_errors > errors ? STATUS_BAD_DATA : STATUS_OK;
}

bool attendance_file_recorded(const struct attendance_file *f)
{
	for (size_t i = 0; i < f->table.n_rows; i++)
		if (*csv_table_cell(&f->table, i, f->col_status))
			return true;
	return false;
}

void attendance_file_release(struct attendance_file *f)
{
	if (f == NULL)
		return;
	csv_table_release(&f->table);
	free(f->rows);
	memset(f, 0, sizeof *f);
}

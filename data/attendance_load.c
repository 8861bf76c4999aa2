/* attendance_load.c -- a planned week's roster and attendance, found in the
 * clinic folder the way attendance.h describes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attendance.h"
#include "base/path.h"

/* FOLDER/rosters/WEEK.SUFFIX */
static char *week_path(const char *folder, day_t monday, const char *suffix)
{
	char day[11], name[64];
	date_format(monday, day);
	snprintf(name, sizeof name, "rosters/%s%s", day, suffix);
	return path_join(folder, name);
}

static bool has_row_in_week(const struct attendance_file *f, day_t monday)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->rows[i].date >= monday && f->rows[i].date <= monday + 6)
			return true;
	return false;
}

/* Reads one candidate source; STATUS_NO_INPUT when it does not exist. */
static enum status read_source(const char *path, struct attendance_file *f,
			       struct diag_list *diag)
{
	enum status st = attendance_read(path, f, diag);
	if (st == STATUS_NO_INPUT)
		attendance_file_release(f);
	return st;
}

enum status attendance_load(const struct clinic *c, const char *folder, day_t monday,
			    const char *source, struct attendance_load *out,
			    struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	struct attendance_file f = { 0 };
	enum status st = STATUS_NO_MEMORY;
	out->roster_path = week_path(folder, monday, ".csv");
	if (out->roster_path == NULL)
		return st;
	st = roster_read(out->roster_path, c, ROSTER_READ_STRICT, &out->roster, diag);
	if (st != STATUS_OK)
		return st;
	if ((st = week_resolve(c, monday, NULL, NULL, &out->week, diag)) != STATUS_OK ||
	    (st = attendance_week_init(&out->aw, &out->week, &out->roster)) != STATUS_OK)
		return st;
	enum attendance_scope scope = ATTENDANCE_ONE_WEEK;
	if (source != NULL) {
		if ((out->source = strdup(source)) == NULL)
			return STATUS_NO_MEMORY;
		st = attendance_read(source, &f, diag);
		if (st == STATUS_NO_INPUT)
			diag_error(diag, source, 0, 0, NULL, "no such file");
	} else {
		char *all = path_join(folder, "attendance.csv");
		if (all == NULL)
			return STATUS_NO_MEMORY;
		st = read_source(all, &f, diag);
		if (st == STATUS_OK && has_row_in_week(&f, monday)) {
			out->source = all;
			scope = ATTENDANCE_ALL_WEEKS;
		} else if (st == STATUS_OK || st == STATUS_NO_INPUT) {
			free(all);
			attendance_file_release(&f);
			if ((out->source = week_path(folder, monday, ".attendance.csv")) == NULL)
				return STATUS_NO_MEMORY;
			st = read_source(out->source, &f, diag);
			if (st == STATUS_NO_INPUT) {
				free(out->source);
				out->source = NULL;
				return STATUS_OK;
			}
		} else {
			out->source = all;
		}
	}
	if (st == STATUS_OK) {
		char roster_name[64];
		char day[11];
		date_format(monday, day);
		snprintf(roster_name, sizeof roster_name, "rosters/%s.csv", day);
		st = attendance_apply(&out->aw, &f, scope, roster_name, diag);
	}
	for (size_t i = 0; i < out->aw.n; i++)
		out->recorded |= out->aw.marks[i].status != ATTEND_UNRECORDED;
	attendance_file_release(&f);
	return st;
}

void attendance_load_release(struct attendance_load *l)
{
	if (l == NULL)
		return;
	attendance_week_release(&l->aw);
	week_release(&l->week);
	roster_release(&l->roster);
	free(l->roster_path);
	free(l->source);
	memset(l, 0, sizeof *l);
}

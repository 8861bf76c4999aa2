/* attendance_history.c -- rates measured from the recorded weeks; the
 * definitions are attendance_history.h's. */
#include "attendance_history.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attendance.h"
#include "base/grow.h"
#include "base/path.h"

/* "YYYY-MM-DD.csv" naming a Monday. */
static bool roster_monday(const char *name, day_t *day)
{
	if (strlen(name) != 14 || strcmp(name + 10, ".csv") != 0)
		return false;
	char date[11];
	memcpy(date, name, 10);
	date[10] = '\0';
	return date_parse(date, day) && date_is_monday(*day);
}

static int day_cmp(const void *a, const void *b)
{
	day_t x = *(const day_t *)a, y = *(const day_t *)b;
	return (x > y) - (x < y);
}

/* The Mondays before `first` with a roster, ascending (readdir's order is
 * the file system's: sorting keeps the result the same everywhere). */
static enum status roster_weeks(const char *folder, day_t first, day_t **out, size_t *n,
				struct diag_list *diag)
{
	*out = NULL;
	*n = 0;
	char *dir = path_join(folder, "rosters");
	if (!dir)
		return STATUS_NO_MEMORY;
	DIR *d = opendir(dir);
	if (!d) {
		enum status st = STATUS_OK; /* no rosters: no history */
		if (errno == ENOMEM || (errno != ENOENT && errno != ENOTDIR)) {
			st = errno == ENOMEM ? STATUS_NO_MEMORY : STATUS_IO;
			diag_error(diag, dir, 0, 0, NULL, "opendir: %s", strerror(errno));
		}
		free(dir);
		return st;
	}
	free(dir);
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		day_t day;
		if (!roster_monday(e->d_name, &day) || day >= first)
			continue;
		if (!GROW(*out, *n + 1, cap)) {
			closedir(d);
			return STATUS_NO_MEMORY;
		}
		(*out)[(*n)++] = day;
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof **out, day_cmp);
	return STATUS_OK;
}

/* What is known of one patient's recorded weeks so far. */
struct patient_trail {
	day_t last;              /* their last recorded week, or DAY_NONE */
	bool last_missed, before_missed; /* the last two recorded weeks were no-shows */
	int recorded;            /* recorded weeks */
};

/* Adds one loaded week's marks; *any says whether it had a recorded mark. */
static void add_week(const struct attendance_load *l, int *recorded, int *absent,
		     struct patient_trail *trail, size_t n_patients,
		     struct attendance_history *h, bool *any)
{
	memset(recorded, 0, n_patients * sizeof *recorded);
	memset(absent, 0, n_patients * sizeof *absent);
	*any = false;
	for (size_t i = 0; i < l->aw.n; i++) {
		const struct attendance_mark *m = &l->aw.marks[i];
		if (m->status == ATTEND_UNRECORDED || m->patient < 0 ||
		    (size_t)m->patient >= n_patients)
			continue;
		recorded[m->patient]++;
		absent[m->patient] += m->status == ATTEND_ABSENT;
		*any = true;
	}
	for (size_t p = 0; p < n_patients; p++) {
		if (!recorded[p])
			continue;
		bool missed = absent[p] == recorded[p];
		h->patient_weeks++;
		h->no_show_weeks += missed;
		trail[p].before_missed = trail[p].last_missed;
		trail[p].last_missed = missed;
		trail[p].last = l->week.monday;
		trail[p].recorded++;
	}
}

enum status attendance_history_measure(const struct clinic *c, const char *folder,
				       day_t first, struct attendance_history *out,
				       struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	day_t *weeks;
	size_t n_weeks;
	enum status st = roster_weeks(folder, first, &weeks, &n_weeks, diag);
	if (st != STATUS_OK || n_weeks == 0) {
		free(weeks);
		return st;
	}
	size_t np = c->n_patients;
	int *recorded = calloc(np + 1, sizeof *recorded);
	int *absent = calloc(np + 1, sizeof *absent);
	struct patient_trail *trail = calloc(np + 1, sizeof *trail);
	if (!recorded || !absent || !trail)
		st = STATUS_NO_MEMORY;
	day_t history_last = DAY_NONE;
	for (size_t k = 0; k < n_weeks && st == STATUS_OK; k++) {
		struct attendance_load l;
		struct diag_list scratch = DIAG_LIST_INIT;
		enum status ls = attendance_load(c, folder, weeks[k], NULL, &l, &scratch);
		if (ls == STATUS_OK) {
			bool any;
			add_week(&l, recorded, absent, trail, np, out, &any);
			if (any) {
				out->weeks++;
				history_last = weeks[k];
			}
		} else if (ls == STATUS_NO_MEMORY) {
			st = ls;
		} else if (ls != STATUS_NO_INPUT) {
			out->weeks_skipped++;
		}
		attendance_load_release(&l);
		diag_list_release(&scratch);
	}
	for (size_t p = 0; p < np && st == STATUS_OK; p++) {
		const struct patient_trail *t = &trail[p];
		day_t discharge = c->patients[p].discharge;
		if (t->recorded >= 2 && t->last_missed && t->before_missed &&
		    t->last < history_last && (discharge == DAY_NONE || discharge > t->last + 6))
			out->dropouts++;
	}
	free(recorded);
	free(absent);
	free(trail);
	free(weeks);
	return st;
}

/* Copies every item of `from` to `to`. */
static void diag_copy(struct diag_list *to, const struct diag_list *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct diag *d = &from->items[i];
		diag_add(to, d->severity, d->file, d->line, d->field, d->column, "%s", d->message);
	}
}

/* Whether the roster of the week of `monday` loads against the clinic. */
static enum status roster_loads(const struct clinic *c, const char *folder, day_t monday,
				bool *loads)
{
	char name[32], day[11];
	date_format(monday, day);
	snprintf(name, sizeof name, "rosters/%s.csv", day);
	char *path = path_join(folder, name);
	if (path == NULL)
		return STATUS_NO_MEMORY;
	struct roster r = { 0 };
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status st = roster_read_week(path, c, monday, &r, &scratch);
	*loads = st == STATUS_OK;
	roster_release(&r);
	diag_list_release(&scratch);
	free(path);
	return st == STATUS_NO_MEMORY ? st : STATUS_OK;
}

enum status attendance_history_check(const struct clinic *c, const char *folder,
				     struct diag_list *diag)
{
	char *path = path_join(folder, "attendance.csv");
	if (path == NULL)
		return STATUS_NO_MEMORY;
	struct attendance_file f;
	enum status st = attendance_read(path, &f, diag);
	attendance_file_release(&f);
	free(path);
	/* its bad cells once, not again for every week they fall in */
	if (st != STATUS_OK && st != STATUS_NO_INPUT)
		return st;
	day_t *weeks;
	size_t n_weeks;
	st = roster_weeks(folder, DAY_NONE, &weeks, &n_weeks, diag);
	bool bad = false;
	for (size_t k = 0; k < n_weeks && st == STATUS_OK; k++) {
		struct attendance_load l;
		struct diag_list scratch = DIAG_LIST_INIT;
		enum status ls = attendance_load(c, folder, weeks[k], NULL, &l, &scratch);
		attendance_load_release(&l);
		bool loads = true;
		if (ls == STATUS_NO_MEMORY)
			st = ls;
		else if (ls == STATUS_BAD_DATA)
			st = roster_loads(c, folder, weeks[k], &loads);
		if (st == STATUS_OK && ls == STATUS_BAD_DATA && loads) {
			diag_copy(diag, &scratch);
			bad = true;
		}
		diag_list_release(&scratch);
	}
	free(weeks);
	return st == STATUS_OK && bad ? STATUS_BAD_DATA : st;
}

static double share(int part, int whole)
{
	return whole > 0 ? (double)part / (double)whole : 0.0;
}

double attendance_history_no_show_rate(const struct attendance_history *h)
{
	return share(h->no_show_weeks, h->patient_weeks);
}

double attendance_history_dropout_rate(const struct attendance_history *h)
{
	return share(h->dropouts, h->patient_weeks);
}

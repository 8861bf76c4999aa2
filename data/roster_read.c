/* roster_read.c -- reads a roster file back (by clinic index, or as text
 * for comparing two files) and finds last week's. */
#include "roster.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_util.h"
#include "data/base/path.h"

/* A roster for one week says which in its week column: cells of another
 * week (rows copied from last week's roster, a file given for the wrong
 * week) are one error at the first, with how many more; dates written the
 * spreadsheet's way are load_other_dates's. An empty cell is no claim. */
static enum status check_week_column(const struct csv_table *t, day_t monday,
				     struct diag_list *diag)
{
	int col = csv_table_column(t, "week");
	if (col < 0)
		return STATUS_OK;
	bool *other = load_other_dates(diag, t, col);
	if (other == NULL)
		return STATUS_NO_MEMORY;
	char want[11], qbuf[LOAD_QUOTE_SIZE];
	date_format(monday, want);
	size_t first = t->n_rows, more = 0;
	for (size_t row = 0; row < t->n_rows; row++) {
		const char *s = csv_table_cell(t, row, col);
		day_t day;
		if (!*s || other[row])
			continue;
		if (!date_parse(s, &day))
			load_error(diag, t, row, col, "'%s' is not a date (YYYY-MM-DD)",
				   load_quote(s, qbuf, sizeof qbuf));
		else if (day != monday && first == t->n_rows)
			first = row;
		else if (day != monday)
			more++;
	}
	if (first < t->n_rows) {
		const char *s = csv_table_cell(t, first, col);
		if (more)
			load_error(diag, t, first, col,
				   "'%s' is not the week checked, %s, here and in %zu more row%s",
				   load_quote(s, qbuf, sizeof qbuf), want, more, more == 1 ? "" : "s");
		else
			load_error(diag, t, first, col, "'%s' is not the week checked, %s",
				   load_quote(s, qbuf, sizeof qbuf), want);
		/* each row of another week is wrong, not only the first */
		diag->n_errors += more;
	}
	free(other);
	return STATUS_OK;
}

/* qsort has no context argument: the roster being sorted. */
static const struct roster *sorting;

static int cmp_placement_at(const void *x, const void *y)
{
	const struct placement *a = &sorting->items[*(const size_t *)x];
	const struct placement *b = &sorting->items[*(const size_t *)y];
	if (a->patient != b->patient)
		return a->patient < b->patient ? -1 : 1;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return (a->line > b->line) - (a->line < b->line);
}

/* A placement listed twice is a slip (a row pasted twice, a patient moved
 * by copying instead of editing): each repeat is an error at its own row,
 * naming the line it repeats. `row_of` maps a placement to its table row. */
static enum status check_repeats(const struct csv_table *t, const struct roster *r,
				 size_t from, const size_t *row_of, int col,
				 const struct clinic *c, struct diag_list *diag)
{
	size_t n = r->n - from;
	size_t *order = malloc((n + 1) * sizeof *order);
	if (order == NULL)
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < n; i++)
		order[i] = from + i;
	sorting = r;
	qsort(order, n, sizeof *order, cmp_placement_at);
	sorting = NULL;
	char pq[LOAD_QUOTE_SIZE], gq[LOAD_QUOTE_SIZE];
	/* order[start] is the first row of the run of equal placements */
	for (size_t start = 0, i = 1; i < n; i++) {
		const struct placement *first = &r->items[order[start]], *again = &r->items[order[i]];
		if (first->patient != again->patient || first->group != again->group) {
			start = i;
			continue;
		}
		load_error(diag, t, row_of[order[i] - from], col,
			   "'%s' in '%s' repeats line %ld: delete this row",
			   load_quote(c->patients[again->patient].id, pq, sizeof pq),
			   load_quote(c->groups[again->group].id, gq, sizeof gq), first->line);
	}
	free(order);
	return STATUS_OK;
}

/* roster_read, and with `monday` (not NULL) the checks of a roster for
 * that week. */
static enum status read_roster(const char *path, const struct clinic *c,
			       enum roster_read_mode mode, const day_t *monday,
			       struct roster *out, struct diag_list *diag)
{
	static const char *const names[] = { "patient", "group" };
	static const bool required[] = { true, true };
	size_t errors_before = diag->n_errors, from = diag->n;
	size_t first_placement = out->n;
	size_t *row_of = NULL;
	struct csv_table t;
	int col[2];
	enum status st = csv_table_read(path, &t, diag);
	if (st == STATUS_NO_INPUT)
		diag_error(diag, path, 0, 0, NULL, "file not found");
	if (st != STATUS_OK && st != STATUS_BAD_DATA)
		goto done;
	st = STATUS_OK;
	/* The roster's other columns are for people; only these two are read
	 * (and, for a roster of a given week, its week). */
	if (t.n_columns == 0 || !load_columns(diag, &t, names, required, 2, col, NULL, false))
		goto done;
	if (monday && (st = check_week_column(&t, *monday, diag)) != STATUS_OK)
		goto done;
	if (mode == ROSTER_READ_STRICT && (row_of = malloc((t.n_rows + 1) * sizeof *row_of)) == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t row = 0; row < t.n_rows; row++) {
		char qbuf[LOAD_QUOTE_SIZE];
		const char *pid = csv_table_cell(&t, row, col[0]);
		const char *gid = csv_table_cell(&t, row, col[1]);
		if (!*pid || !*gid) {
			load_error(diag, &t, row, col[*pid ? 1 : 0], "missing value");
			continue;
		}
		int p = clinic_find_patient(c, pid);
		int g = clinic_find_group(c, gid);
		if (mode == ROSTER_READ_STRICT) {
			if (p < 0)
				load_error(diag, &t, row, col[0], "unknown patient '%s'",
					   load_quote(pid, qbuf, sizeof qbuf));
			if (g < 0)
				load_error(diag, &t, row, col[1], "unknown group '%s'",
					   load_quote(gid, qbuf, sizeof qbuf));
		}
		/* In last week's roster a patient or group that is gone is history. */
		if (p < 0 || g < 0)
			continue;
		if (!roster_add(out, p, g, t.rows[row].line)) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		if (row_of)
			row_of[out->n - 1 - first_placement] = row;
	}
	if (row_of)
		st = check_repeats(&t, out, first_placement, row_of, col[0], c, diag);
done:
	free(row_of);
	load_sort_diags(diag, from);
	diag_limit(diag, from, DIAG_PER_FILE);
	csv_table_release(&t);
	if (st == STATUS_OK && diag->n_errors > errors_before)
		st = STATUS_BAD_DATA;
	return st;
}

enum status roster_read(const char *path, const struct clinic *c,
			enum roster_read_mode mode, struct roster *out,
			struct diag_list *diag)
{
	return read_roster(path, c, mode, NULL, out, diag);
}

enum status roster_read_week(const char *path, const struct clinic *c, day_t monday,
			     struct roster *out, struct diag_list *diag)
{
	return read_roster(path, c, ROSTER_READ_STRICT, &monday, out, diag);
}

enum status roster_file_week(const char *path, day_t *monday)
{
	struct csv_table t;
	struct diag_list ignored = DIAG_LIST_INIT;
	enum status st = csv_table_read(path, &t, &ignored);
	diag_list_release(&ignored);
	if (st == STATUS_NO_MEMORY) {
		csv_table_release(&t);
		return st;
	}
	int col = csv_table_column(&t, "week");
	st = STATUS_NO_INPUT;
	for (size_t row = 0; row < t.n_rows && col >= 0 && st != STATUS_OK; row++) {
		day_t day;
		if (date_parse(csv_table_cell(&t, row, col), &day) && date_is_monday(day)) {
			*monday = day;
			st = STATUS_OK;
		}
	}
	csv_table_release(&t);
	return st;
}

static int cmp_row(const void *x, const void *y)
{
	const struct roster_row *a = x, *b = y;
	int d = strcmp(a->patient, b->patient);
	if (d == 0)
		d = strcmp(a->type, b->type);
	if (d == 0)
		d = strcmp(a->group, b->group);
	return d;
}

/* Its own messages rather than roster_read's: diff's ("no such file",
 * "empty cell") are part of its interface, and it reads files no clinic
 * knows. */
enum status roster_rows_read(const char *path, const struct clinic *c,
			     struct roster_rows *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	enum status st = csv_table_read(path, &out->table, diag);
	if (st == STATUS_NO_INPUT) {
		diag_error(diag, path, 0, 0, NULL, "no such file");
		return st;
	}
	if (st != STATUS_OK)
		return st;
	const struct csv_table *t = &out->table;
	int col_p = csv_table_column(t, "patient");
	int col_g = csv_table_column(t, "group");
	int col_t = csv_table_column(t, "type");
	if (col_p < 0 || col_g < 0) {
		diag_error(diag, path, t->header_line, 0, NULL, "missing column '%s'",
			   col_p < 0 ? "patient" : "group");
		return STATUS_BAD_DATA;
	}
	out->items = calloc(t->n_rows + 1, sizeof *out->items);
	if (out->items == NULL)
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < t->n_rows; i++) {
		struct roster_row *r = &out->items[out->n];
		r->patient = csv_table_cell(t, i, col_p);
		r->group = csv_table_cell(t, i, col_g);
		r->type = csv_table_cell(t, i, col_t);
		r->typed = col_t >= 0;
		if (!*r->patient || !*r->group) {
			diag_error(diag, path, t->rows[i].line, (*r->patient ? col_g : col_p) + 1,
				   *r->patient ? "group" : "patient", "empty cell");
			st = STATUS_BAD_DATA;
			continue;
		}
		int g = c ? clinic_find_group(c, r->group) : -1;
		if (g >= 0) {
			r->type = c->type_names[c->groups[g].type];
			r->typed = true;
		}
		/* Without a type, a group is only ever compared with itself. */
		if (!r->typed || !*r->type) {
			r->type = r->group;
			r->typed = false;
		}
		out->n++;
	}
	qsort(out->items, out->n, sizeof *out->items, cmp_row);
	/* A placement listed twice counts once. */
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++)
		if (k == 0 || cmp_row(&out->items[k - 1], &out->items[i]) != 0)
			out->items[k++] = out->items[i];
	out->n = k;
	return st;
}

void roster_rows_release(struct roster_rows *r)
{
	if (r == NULL)
		return;
	free(r->items);
	csv_table_release(&r->table);
	memset(r, 0, sizeof *r);
}

/* "YYYY-MM-DD.csv" exactly, with a real date. */
static bool roster_file_date(const char *name, day_t *day)
{
	if (strlen(name) != 14 || strcmp(name + 10, ".csv") != 0)
		return false;
	char date[11];
	memcpy(date, name, 10);
	date[10] = '\0';
	return date_parse(date, day);
}

enum status roster_find_previous(const char *folder, day_t week,
				 char **path_out, struct diag_list *diag)
{
	*path_out = NULL;
	char *dir = path_join(folder, "rosters");
	if (!dir)
		return STATUS_NO_MEMORY;
	DIR *d = opendir(dir);
	if (!d) {
		enum status st = STATUS_OK; /* no rosters yet: the first week */
		if (errno == ENOMEM) {
			/* opendir allocates its buffer: a full heap, not a bad disk */
			diag_error(diag, dir, 0, 0, NULL, "opendir: %s", strerror(errno));
			st = STATUS_NO_MEMORY;
		} else if (errno != ENOENT && errno != ENOTDIR) {
			diag_error(diag, dir, 0, 0, NULL, "opendir: %s", strerror(errno));
			st = STATUS_IO;
		}
		free(dir);
		return st;
	}
	day_t best = 0;
	char best_name[16] = "";
	int read_errno;
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(d);
		if (!e) {
			read_errno = errno;
			break;
		}
		day_t day;
		if (!roster_file_date(e->d_name, &day) || day >= week)
			continue;
		if (best_name[0] && day <= best)
			continue;
		/* a folder that happens to be named like a roster is not one */
		char *full = path_join(dir, e->d_name);
		struct stat sb;
		bool regular = full && stat(full, &sb) == 0 && S_ISREG(sb.st_mode);
		if (!full) {
			closedir(d);
			free(dir);
			return STATUS_NO_MEMORY;
		}
		free(full);
		if (!regular)
			continue;
		best = day;
		memcpy(best_name, e->d_name, 15);
	}
	closedir(d);
	if (read_errno) {
		diag_error(diag, dir, 0, 0, NULL, "readdir: %s", strerror(read_errno));
		free(dir);
		return STATUS_IO;
	}
	if (best_name[0]) {
		*path_out = path_join(dir, best_name);
		if (!*path_out) {
			free(dir);
			return STATUS_NO_MEMORY;
		}
	}
	free(dir);
	return STATUS_OK;
}

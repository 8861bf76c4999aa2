/* roster_read.c -- reads a roster file back (patient and group columns) and finds last week's. */
#include "roster.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_util.h"
#include "data/base/path.h"

enum status roster_read(const char *path, const struct clinic *c,
			enum roster_read_mode mode, struct roster *out,
			struct diag_list *diag)
{
	static const char *const names[] = { "patient", "group" };
	static const bool required[] = { true, true };
	size_t errors_before = diag->n_errors, from = diag->n;
	struct csv_table t;
	int col[2];
	enum status st = csv_table_read(path, &t, diag);
	if (st == STATUS_NO_INPUT)
		diag_error(diag, path, 0, 0, NULL, "file not found");
	if (st != STATUS_OK && st != STATUS_BAD_DATA)
		goto done;
	st = STATUS_OK;
	/* The roster's other columns are for people; only these two are read. */
	if (t.n_columns == 0 || !load_columns(diag, &t, names, required, 2, col, NULL, false))
		goto done;
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
	}
done:
	load_sort_diags(diag, from);
	csv_table_release(&t);
	if (st == STATUS_OK && diag->n_errors > errors_before)
		st = STATUS_BAD_DATA;
	return st;
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

/* roster.h -- who goes to which group in one week, and the roster files.
 *
 * A roster is a set of placements (patient, group) by clinic index. Files:
 *   rosters/WEEK.csv        week,patient,group,type,slots,hours,change
 *   rosters/WEEK.unmet.csv  week,patient,type,need,reason,detail
 * Rows are sorted by patient id then group id (byte order), so the same
 * roster always gives the same bytes. Every cell written goes through
 * csv_out (formula cells neutralised with a leading '). */
#ifndef IOP_ROSTER_H
#define IOP_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "clinic.h"
#include "csv_table.h"

struct placement {
	int patient, group; /* clinic indices */
	long line;          /* line in the file it was read from; 0 if planned */
};

struct roster {
	struct placement *items;
	size_t n, cap;
};

/* Appends one placement. Returns false only on allocation failure. */
bool roster_add(struct roster *r, int patient, int group, long line);

/* Sorts by (patient id, group id) and drops exact duplicates. */
void roster_sort(struct roster *r, const struct clinic *c);

bool roster_contains(const struct roster *r, int patient, int group);

void roster_release(struct roster *r);

/* How a roster file's rows are treated when they name unknown ids. */
enum roster_read_mode {
	ROSTER_READ_PREVIOUS, /* unknown patients/groups ignored (contract) */
	ROSTER_READ_STRICT,   /* unknown ids and repeated placements are errors */
};

/* Reads the patient and group columns of a roster file (other columns are
 * ignored). Unparsable files are STATUS_BAD_DATA with file:line; a missing
 * file is STATUS_NO_INPUT. Cells written neutralised ('=x) read back as =x. */
enum status roster_read(const char *path, const struct clinic *c,
			enum roster_read_mode mode, struct roster *out,
			struct diag_list *diag);

/* roster_read in ROSTER_READ_STRICT mode for the roster of the week of
 * `monday` (check, explain --roster, admit): besides unknown ids, a
 * placement listed twice is an error at each repeat ("'p1' in 'g1'
 * repeats line 3: delete this row"), and so is a week
 * column cell that is not a date or not `monday` (one error at the first
 * such row: "'2026-12-07' is not the week checked, 2026-11-30, here and in
 * N more rows"); an empty week cell claims nothing. */
enum status roster_read_week(const char *path, const struct clinic *c, day_t monday,
			     struct roster *out, struct diag_list *diag);

/* The week a roster file names in its week column: the first cell that is
 * a Monday (YYYY-MM-DD). STATUS_OK with *monday set, STATUS_NO_INPUT when
 * none says (no such file or column), STATUS_NO_MEMORY. Reports nothing:
 * reading the roster (roster_read_week) does. */
enum status roster_file_week(const char *path, day_t *monday);

/* One row of a roster file as text; the strings are borrowed from the
 * table of the roster_rows holding it. */
struct roster_row {
	const char *patient, *group;
	const char *type; /* what makes two groups comparable: the group's type,
			   * or the group itself when no type is known */
	bool typed;       /* type is a real type, not the group */
};

struct roster_rows {
	struct csv_table table;
	struct roster_row *items; /* sorted by patient, type, group; no duplicates */
	size_t n;
};

/* Reads a roster file's patient, group and (when present) type columns as
 * text, with no clinic needed: for comparing two roster files (diff). With
 * a clinic `c` (may be NULL), a group it knows takes its type from there.
 * A missing file is STATUS_NO_INPUT ("no such file"), a missing patient or
 * group column or an empty cell STATUS_BAD_DATA, each with file:line in
 * diag; rows with an empty cell are left out. Release *out in every case. */
enum status roster_rows_read(const char *path, const struct clinic *c,
			     struct roster_rows *out, struct diag_list *diag);

void roster_rows_release(struct roster_rows *r);

/* The newest CLINIC/rosters/YYYY-MM-DD.csv (name exactly that) dated before
 * `week`. Returns STATUS_OK with *path_out = NULL when there is none;
 * caller frees *path_out. */
enum status roster_find_previous(const char *folder, day_t week,
				 char **path_out, struct diag_list *diag);

#endif

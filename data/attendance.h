/* attendance.h -- what happened in a planned week: who came to which
 * session, read from attendance files and checked against the roster.
 *
 * Files (doc/clinic-format.md, "attendance.csv"): columns date, patient,
 * group, status (present, absent, excused; empty = not recorded yet) and
 * the optional minutes (attended, 0..1440), start and end (HH:MM, for a
 * group that meets twice on one day: start says which session). Two kinds:
 *   CLINIC/attendance.csv          every week; the dates say which
 *   CLINIC/rosters/WEEK.attendance.csv  one week: plan writes it pre-filled,
 *                                  one row per member and session, status
 *                                  empty, for staff to fill in
 * A week's marks are one per (member, session) of its roster, in the
 * order of sessions.h (the sign-in sheets' order), members by id. */
#ifndef IOP_ATTENDANCE_H
#define IOP_ATTENDANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/strbuf.h"
#include "csv_table.h"
#include "roster.h"
#include "sessions.h"
#include "week.h"

enum attend_status { ATTEND_UNRECORDED, ATTEND_PRESENT, ATTEND_ABSENT, ATTEND_EXCUSED };

/* "present", "absent", "excused", or "" for ATTEND_UNRECORDED. */
const char *attend_status_name(enum attend_status s);

/* Why a member cannot come to a session on `day`, known before the week:
 * an away range covers it, they are not yet admitted, or discharged. */
enum known_absence { KNOWN_NONE, KNOWN_AWAY, KNOWN_NOT_ADMITTED, KNOWN_DISCHARGED };

enum known_absence patient_known_absence(const struct patient *p, day_t day);

/* "away", "not yet admitted", "discharged"; "" for KNOWN_NONE. */
const char *known_absence_name(enum known_absence k);

/* One row of an attendance file, its cells parsed. */
struct attendance_row {
	size_t row;         /* index in the file's table (for messages) */
	day_t date;
	const char *patient, *group; /* borrowed from the table */
	int start;          /* minutes since midnight, -1 when not given */
	enum attend_status status;
	int minutes;        /* -1 when not given */
};

struct attendance_file {
	struct csv_table table;
	int col_date, col_patient, col_group, col_status, col_minutes, col_start;
	struct attendance_row *rows; /* the rows whose cells parsed */
	size_t n;
};

/* Reads an attendance file. Every bad cell is an error with
 * file:line:field (a date not YYYY-MM-DD, an unknown status, minutes not
 * in 0..1440, a start not HH:MM, an empty date, patient or group); a
 * missing date, patient, group or status column is an error on the
 * header; an unknown column is a warning. STATUS_NO_INPUT (no message)
 * when the file does not exist. Release *out in every case. */
enum status attendance_read(const char *path, struct attendance_file *out,
			    struct diag_list *diag);

void attendance_file_release(struct attendance_file *f);

/* One member at one session. */
struct attendance_mark {
	int patient;        /* clinic index */
	size_t session;     /* index into attendance_week.sessions */
	enum attend_status status;
	int minutes;        /* -1 when not given */
	long line;          /* where it was recorded; 0 = not recorded */
};

struct attendance_week {
	const struct week *week; /* borrowed */
	struct session_list sessions;
	struct attendance_mark *marks;
	size_t n;
};

/* Every member of roster r at every session of their group, unrecorded.
 * STATUS_OK or STATUS_NO_MEMORY; release *out in every case. */
enum status attendance_week_init(struct attendance_week *out, const struct week *w,
				 const struct roster *r);

void attendance_week_release(struct attendance_week *aw);

/* The pre-filled sheet: a header "date,patient,group,start,end,status,
 * minutes" and one row per mark, status and minutes as recorded (empty
 * for a fresh week). */
void attendance_sheet_csv(const struct attendance_week *aw, struct strbuf *out);

/* The pre-filled sheet of roster r into *bytes, for writing at `path`,
 * unless the file there already holds attendance: a status filled in, or
 * content that cannot be read as a sheet. Then *keep is true and bytes is
 * left alone, so a re-plan or an admission never wipes what staff wrote.
 * STATUS_OK or STATUS_NO_MEMORY. */
enum status attendance_sheet_prepare(const char *path, const struct week *w,
				     const struct roster *r, struct strbuf *bytes, bool *keep);

/* Which rows of a file belong to the week. */
enum attendance_scope {
	ATTENDANCE_ALL_WEEKS, /* CLINIC/attendance.csv: rows of other weeks are skipped */
	ATTENDANCE_ONE_WEEK,  /* a week's sheet: a date outside the week is an error */
};

/* Records the file's rows of the week into the marks. Errors, each at the
 * row's line and the cell at fault: a date outside the week (ONE_WEEK),
 * a patient or group the clinic does not know, a group not running in
 * the roster `roster_name` (a session the roster never had), a group
 * with no session that day (or at that start), a group meeting more than
 * once that day without a start, a patient who is not a member of the
 * group in that roster, a second row for the same member and session.
 * Rows with an empty status leave the mark unrecorded. Returns
 * STATUS_BAD_DATA when any error was added, else STATUS_OK. */
enum status attendance_apply(struct attendance_week *aw, const struct attendance_file *f,
			     enum attendance_scope scope, const char *roster_name,
			     struct diag_list *diag);

/* True when any row of the file has a status: a sheet someone filled in. */
bool attendance_file_recorded(const struct attendance_file *f);

/* A planned week's attendance as the clinic folder holds it. */
struct attendance_load {
	struct week week;           /* the week resolved (no previous roster) */
	struct roster roster;       /* FOLDER/rosters/WEEK.csv */
	struct attendance_week aw;  /* its marks, recorded from `source` */
	char *roster_path;          /* owned */
	char *source;               /* the file the marks came from (owned), NULL: none */
	bool recorded;              /* some mark is recorded */
};

/* Loads the attendance of the week of `monday`: its roster
 * FOLDER/rosters/WEEK.csv (strict: unknown ids are errors), and its marks
 * from `source` when not NULL (one week's file), else from
 * FOLDER/attendance.csv when that holds a row dated in the week, else
 * from the week's sheet FOLDER/rosters/WEEK.attendance.csv; none of them
 * is fine (every mark unrecorded, source NULL). A missing roster is
 * STATUS_NO_INPUT with no message; bad files STATUS_BAD_DATA with every
 * error in diag. Release *out in every case. */
enum status attendance_load(const struct clinic *c, const char *folder, day_t monday,
			    const char *source, struct attendance_load *out,
			    struct diag_list *diag);

void attendance_load_release(struct attendance_load *l);

/* What one patient's week delivered. */
struct attendance_patient {
	int patient;              /* clinic index */
	int sessions, present, absent, excused, unrecorded;
	double hours_planned;     /* the shares of their sessions */
	double hours_attended;    /* minutes when given, else the session's share, when present */
	struct billing planned, delivered; /* billable days as planned and as attended */
};

/* What one group's week delivered. */
struct attendance_group {
	int group;                /* clinic index */
	int sessions;             /* sessions it met */
	int marks, present, absent, excused, unrecorded; /* member-sessions */
	double hours_attended;    /* summed over its members */
};

struct attendance_totals {
	struct attendance_patient *patients; size_t n_patients; /* by patient id */
	struct attendance_group *groups; size_t n_groups;       /* in session order */
};

/* Sums the marks per patient and per group. STATUS_OK or
 * STATUS_NO_MEMORY; release *out in every case. */
enum status attendance_totals(const struct attendance_week *aw,
			      struct attendance_totals *out);

/* present / (present + absent + excused); -1 when nothing is recorded. */
double attendance_rate(int present, int absent, int excused);

void attendance_totals_release(struct attendance_totals *t);

#endif

/* attendance_history.h -- the no-show and dropout rates a clinic's own
 * attendance records show, for `simulate` when settings.csv sets neither.
 *
 * The weeks read are those with a roster FOLDER/rosters/WEEK.csv before
 * the simulation's first Monday, their marks found as attendance_load
 * finds them (attendance.csv, else the week's sheet). A patient-week is
 * recorded when at least one of the patient's sessions that week has a
 * status; it is a no-show when every recorded session is `absent` (an
 * `excused` or `present` mark makes it none). So the no-show rate is
 * what simulate's no_show_rate draws: the share of placed patients who
 * miss the whole week.
 *
 * A patient dropped out when their records stop early: their last two
 * recorded weeks are both no-shows, the history goes on after them (a
 * later week has records), and their discharge date is empty or after
 * the Sunday of that last week. The dropout rate is dropouts per recorded
 * patient-week, what simulate's dropout_rate draws per active patient
 * and week. */
#ifndef IOP_ATTENDANCE_HISTORY_H
#define IOP_ATTENDANCE_HISTORY_H

#include "clinic.h"
#include "date.h"
#include "diag.h"
#include "status.h"

struct attendance_history {
	int weeks;           /* weeks with at least one recorded mark */
	int weeks_skipped;   /* weeks whose attendance has errors: left out */
	int patient_weeks;   /* recorded patient-weeks */
	int no_show_weeks;   /* of those, every recorded session absent */
	int dropouts;        /* patients whose records stop as above */
};

/* Reads the history of the weeks before `first`. A week whose files have
 * errors is left out (counted in weeks_skipped; its messages are not
 * kept), as the attendance review does. STATUS_OK, STATUS_NO_MEMORY or
 * STATUS_IO (the rosters folder cannot be listed, in diag). */
enum status attendance_history_measure(const struct clinic *c, const char *folder,
				       day_t first, struct attendance_history *out,
				       struct diag_list *diag);

/* For `check`: FOLDER/attendance.csv's cells, then the attendance of
 * every week with a roster (attendance.csv's rows of the week, else its
 * sheet rosters/WEEK.attendance.csv) as `attendance` reads it: a patient
 * or group the clinic does not know, a session the roster never had, a
 * patient not in the group. A week whose roster no longer loads (a
 * patient since removed from patients.csv) is history, not checked.
 * Every problem in diag; STATUS_BAD_DATA when any is an error,
 * STATUS_NO_MEMORY, STATUS_IO (the rosters folder cannot be listed), else
 * STATUS_OK. */
enum status attendance_history_check(const struct clinic *c, const char *folder,
				     struct diag_list *diag);

/* no_show_weeks / patient_weeks, dropouts / patient_weeks; 0 when no
 * patient-week is recorded. */
double attendance_history_no_show_rate(const struct attendance_history *h);
double attendance_history_dropout_rate(const struct attendance_history *h);

#endif

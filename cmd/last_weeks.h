/* last_weeks.h -- what the two weeks before a planned one delivered, for
 * that week's report: last week's hours attended per patient, make-ups
 * early in the planned week, and, for what needs attention, the patients
 * who missed every session of both weeks (issue 14).
 *
 * Each week is read as `iop-roster attendance` reads it (data/attendance.h).
 * A week with no roster, or with no attendance recorded, simply has nothing
 * to say; a week whose attendance files have errors is left out too (its
 * own `attendance` run names them) and the report says so. */
#ifndef IOP_LAST_WEEKS_H
#define IOP_LAST_WEEKS_H

#include <stdbool.h>

#include "data/attendance.h"
#include "data/base/strbuf.h"
#include "data/roster.h"
#include "data/week.h"

struct last_weeks {
	/* [0] the week before the planned one, [1] the week before that */
	struct attendance_load week[2];
	struct attendance_totals totals[2];
	bool usable[2];   /* a roster, attendance recorded, no errors */
	bool broken[2];   /* attendance files with errors: left out */
};

/* Loads the two weeks before `monday`. STATUS_OK (whatever the weeks
 * hold) or STATUS_NO_MEMORY; release *out in every case. */
enum status last_weeks_load(const struct clinic *c, const char *folder, day_t monday,
			    struct last_weeks *out);

/* Clinic patient p had sessions in both weeks and was recorded absent or
 * excused at every one of them. */
bool last_weeks_missed_all(const struct last_weeks *lw, int p);

/* The report's section "Last week's attendance" (id "attendance") for the
 * planned week w and its roster r: last week's hours attended and planned
 * per patient of w, and for last week's absences the make-ups early in w
 * (solver/makeup.h, up to three each); nothing when last week has no recorded attendance, a line
 * saying so when its records have errors. Patients as the report shows
 * them: name and id. b->failed is set when memory runs out. */
void last_weeks_report(const struct last_weeks *lw, const struct week *w,
		       const struct roster *r, struct strbuf *b);

struct attention_list;

/* Adds an ATTENTION_MISSED_WEEKS item (attention.h) for each patient
 * active in w who was absent or excused at every session of the last two
 * weeks, in patient id order, then sorts the list. False when memory ran
 * out. */
bool last_weeks_attention(const struct last_weeks *lw, const struct week *w,
			  struct attention_list *l);

void last_weeks_release(struct last_weeks *lw);

#endif

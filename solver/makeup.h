/* makeup.h -- make-up sessions: for each missed session, the later
 * sessions of the same type that the patient could join for once without
 * breaking a hard rule.
 *
 * A candidate is a session of another running group of the missed
 * group's type that meets after the missed one (a later day, or the same
 * day starting at or after its end; a label that names no day has no
 * "later" and is never offered) -- later that week, or early next week
 * (Monday to Wednesday) when next week's roster exists -- on a day the
 * patient is not known to be away, not yet admitted or discharged. It is
 * offered when that week's roster with the patient added to that group
 * breaks no hard rule the roster itself keeps, checked by rules.c (rules_check_skip, all rules but
 * rule 3): so a free seat (rule 2's maximum), windows, tags and phase
 * (rule 1), no clash with their own groups (4), hours (5: the group's
 * whole weekly hours counted, so never too many), separations (6), pins
 * (7) and facilitators (8). Nothing here repeats a rule. */
#ifndef IOP_MAKEUP_H
#define IOP_MAKEUP_H

#include <stdbool.h>
#include <stddef.h>

#include "data/attendance.h"
#include "data/roster.h"

/* Early next week: its first days, while the missed session is recent. */
#define MAKEUP_NEXT_WEEK_DAYS 3

struct makeup {
	size_t mark;        /* the missed session: an index into aw->marks */
	bool next_week;     /* the make-up is in next week's sessions */
	size_t session;     /* the make-up: an index into aw->sessions, or
			     * next->sessions when next_week */
	int free_seats;     /* max_size minus members, before the make-up */
	int rank;           /* 1 = the best for this absence */
};

struct makeup_list {
	struct makeup *items; /* by absence (marks order), then rank */
	size_t n, cap;
};

/* The make-ups for every absent or excused mark of aw in roster r (the
 * roster aw was built from), ranked per absence: the soonest first, then
 * the most free seats, then session order; at most `per_absence` each
 * (0: all). `next` and `next_roster` are the following week's sessions
 * (attendance_week_init of its roster; its marks are not used) and
 * roster, or both NULL. STATUS_OK or STATUS_NO_MEMORY; release *out in
 * every case. */
enum status makeups_find(const struct attendance_week *aw, const struct roster *r,
			 const struct attendance_week *next, const struct roster *next_roster,
			 size_t per_absence, struct makeup_list *out);

/* The session a make-up offers. */
const struct session *makeup_session(const struct makeup *m, const struct attendance_week *aw,
				     const struct attendance_week *next);

void makeup_list_release(struct makeup_list *l);

#endif

/* sessions.h -- the sessions a week's running groups meet, in the order
 * they are signed in.
 *
 * The one list behind both the printed sign-in sheets (cmd/report.c) and
 * the attendance sheet rosters/WEEK.attendance.csv, so the two always name
 * the same sessions in the same order: groups by type (the need columns'
 * order), then groups.csv order; a group's sessions by date, start time,
 * then slot order.
 *
 * A session's date is the week's day its slot falls on (slot_day: a timed
 * slot's day, or a label that begins with a day name, "sat-am"). A label
 * that names no day ("room b") has no day of its own: it is filed under
 * the week's Monday, with `dated` false, so attendance can still name it. */
#ifndef IOP_SESSIONS_H
#define IOP_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "roster.h"
#include "status.h"
#include "week.h"

struct session {
	int group;     /* clinic group index */
	int slot;      /* index into the group's slots */
	day_t date;    /* the day it meets; the week's Monday when !dated */
	bool dated;    /* false: a label that names no day */
	bool timed;    /* start and end are known */
	int start, end;/* minutes since midnight when timed, else -1 */
	double hours;  /* the share of the group's weekly hours (group_slot_hours) */
};

struct session_list {
	struct session *items;
	size_t n, cap;
};

/* Appends group g's sessions in the week of w to out, in sheet order.
 * False only when out of memory. */
bool sessions_of_group(const struct week *w, int g, struct session_list *out);

/* Every session of the groups that run in roster r (one or more active
 * member), in the order above. STATUS_OK or STATUS_NO_MEMORY; *out is
 * always safe to release. */
enum status sessions_of_roster(const struct week *w, const struct roster *r,
			       struct session_list *out);

/* The order groups are listed in: by type, then groups.csv order; <0, 0, >0. */
int sessions_group_cmp(const struct clinic *c, int g, int h);

/* "18:00" for minutes since midnight; "" for -1. buf >= 6. */
void session_time_format(int minutes, char *buf, size_t size);

void session_list_release(struct session_list *l);

#endif

/* slot.h -- when a group meets and when a patient can come.
 *
 * A slot is a label ("mon-eve", "Group Room B Tue") or a timed slot
 * "DAY HH:MM-HH:MM" (DAY = mon..sun or the full name, any case; 24-hour
 * clock; spaces around '-' allowed; end after start, same day). Labels are
 * stored normalised: trimmed, lower-cased, runs of spaces folded to one.
 * A text that starts with a day name followed by something shaped like a
 * time range but is not a valid one ("mon 25:00-26:00", "tue 18:00-17:00")
 * is an error, not a label.
 *
 * Decisions beyond the contract: an hour may have one digit ("9:00"); the
 * space after the day may be left out ("mon18:00-20:00"). A day name
 * counts when no letter follows it ("mon-eve", not "month"). After a day
 * name, anything time-like makes the text a timed slot, an error unless it
 * is a valid one: a number followed by ':', '.' or 'h' and a digit
 * (17:30, 17.30, 17h30), a number followed by am/pm (5pm, 5 PM, 5 p.m.),
 * or, first after the day, a number, '-' and a number (9-10). The error
 * gives the 24-hour form to write when the text is a whole range in one
 * of those forms ("Mon 5:30pm-7:00pm": "not a 24-hour time range: write
 * it as 'mon 17:30-19:00'"; an end's am/pm carries to a start without
 * one, "5:30-7pm" is 17:30-19:00), else how a timed slot is written
 * ("mon 18:00", "mon 18:00-20:00 room b"). "sat am" and "tue room 2" stay
 * labels. Canonical text always writes the short day name and HH:MM. */
#ifndef IOP_SLOT_H
#define IOP_SLOT_H

#include <stdbool.h>
#include <stddef.h>

struct slot {
	bool timed;
	int day;          /* timed: 0 = Monday ... 6 = Sunday */
	int start, end;   /* timed: minutes since midnight, start < end <= 1440 */
	char *label;      /* label slots: normalised text (owned); NULL if timed */
};

/* The exact text put in err when parsing failed only for lack of memory,
 * so callers can tell a full heap from a bad slot. */
#define SLOT_ERR_NO_MEMORY "out of memory"

/* Parses one slot. On error returns false and writes a short reason
 * ("end 17:00 is not after start 18:00") into err. On success the caller
 * owns out->label (release with slot_release). */
bool slot_parse(const char *text, struct slot *out, char *err, size_t errsize);

/* Parses a ';'-separated list (empty items ignored; an empty text gives
 * *n = 0 and *out = NULL). On error returns false with err set to
 * "'ITEM': reason" (the item trimmed); *out is then NULL. */
bool slot_parse_list(const char *text, struct slot **out, size_t *n,
		     char *err, size_t errsize);

/* A group slot fits a patient window: both labels and equal, or both timed,
 * same day, and the window contains the slot. */
bool slot_fits(const struct slot *group_slot, const struct slot *window);

/* Two slots clash: both labels and equal, or both timed, same day, and the
 * intervals overlap (touching ends do not). */
bool slot_clash(const struct slot *a, const struct slot *b);

/* Length in hours of a timed slot; 0 for a label. */
double slot_hours(const struct slot *s);

/* The day a slot's hours fall on, for billable days (contract v2): 0 =
 * Monday .. 6 = Sunday, or -1. A timed slot's day; a label's when it
 * begins with a day name, full or three letters, followed by its end or a
 * character that is not an ASCII letter ("mon-am", "tuesday evening",
 * "sat am", "thu1"); otherwise none ("monkey", "tues", "room b tue"). A
 * byte outside ASCII counts as not a letter, so "fri–am" written with
 * an en dash is Friday. */
int slot_day(const struct slot *s);

/* Canonical text: "mon 18:00-20:00" or the normalised label. buf >= 80. */
void slot_format(const struct slot *s, char *buf, size_t size);

void slot_release(struct slot *s);
void slot_list_free(struct slot *list, size_t n);

#endif

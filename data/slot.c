/* slot.c -- parsing, comparing and printing group slots and patient windows. */
#include "slot.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/base/grow.h"

static const char *const day_full[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};
static const char *const day_short[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Length of the day name `s` starts with (full names first so "monday" is
 * not read as "mon" + "day"), or 0; *day gets 0..6. */
static size_t match_day(const char *s, int *day)
{
	for (int i = 0; i < 7; i++) {
		size_t n = strlen(day_full[i]);
		if (strncasecmp(s, day_full[i], n) == 0) {
			*day = i;
			return n;
		}
	}
	for (int i = 0; i < 7; i++) {
		if (strncasecmp(s, day_short[i], 3) == 0) {
			*day = i;
			return 3;
		}
	}
	return 0;
}

/* One time "H:MM" / "HH:MM" as the user wrote it: digits, then optionally
 * ':' or '.' and digits. Returns its length (0 if `s` does not start so). */
static size_t time_shape(const char *s)
{
	size_t i = 0;
	while (isdigit((unsigned char)s[i]))
		i++;
	if (i == 0)
		return 0;
	if ((s[i] == ':' || s[i] == '.') && isdigit((unsigned char)s[i + 1])) {
		i++;
		while (isdigit((unsigned char)s[i]))
			i++;
	}
	return i;
}

static bool parse_time(const char *s, size_t n, bool is_end, int *minutes,
		       const char *which, char *err, size_t errsize)
{
	/* Accepted: H:MM or HH:MM, 00..23 (24:00 as an end), minutes 00..59. */
	bool ok = (n == 4 && s[1] == ':') || (n == 5 && s[2] == ':');
	int h = 0, m = 0;
	if (ok) {
		size_t colon = n - 3;
		for (size_t i = 0; i < colon; i++)
			h = h * 10 + (s[i] - '0');
		if (!isdigit((unsigned char)s[colon + 1]) || !isdigit((unsigned char)s[colon + 2]))
			ok = false;
		else
			m = (s[colon + 1] - '0') * 10 + (s[colon + 2] - '0');
		for (size_t i = 0; i < colon; i++)
			if (!isdigit((unsigned char)s[i]))
				ok = false;
	}
	if (!ok) {
		snprintf(err, errsize, "%s '%.*s' is not a time HH:MM", which, (int)n, s);
		return false;
	}
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !is_end))) {
		snprintf(err, errsize, "%s %.*s is not a time between 00:00 and %s",
			 which, (int)n, s, is_end ? "24:00" : "23:59");
		return false;
	}
	*minutes = h * 60 + m;
	return true;
}

/* Length of "am", "pm", "a.m." or "p.m." (any case) at s, not followed by
 * a letter, or 0; *pm says which. */
static size_t meridiem(const char *s, bool *pm)
{
	char c = (char)tolower((unsigned char)s[0]);
	if (c != 'a' && c != 'p')
		return 0;
	size_t i = 1;
	if (s[i] == '.')
		i++;
	if (tolower((unsigned char)s[i]) != 'm')
		return 0;
	i++;
	if (s[i] == '.')
		i++;
	if (isalpha((unsigned char)s[i]))
		return 0;
	*pm = c == 'p';
	return i;
}

/* Is there anything time-like in `s` (the text after a day name)? A
 * number followed by ':', '.' or 'h' and a digit (17:30, 17.30, 17h30), a
 * number followed by am/pm (5pm, 5 PM), or, right at the start, a number,
 * '-' and a number (9-10). Such a slot was meant to be timed: read as a
 * label it would fit nothing and clash with nothing, silently. */
static bool time_like(const char *s)
{
	for (size_t i = 0; s[i]; i++) {
		if (!isdigit((unsigned char)s[i]) || (i > 0 && isdigit((unsigned char)s[i - 1])))
			continue;
		size_t j = i;
		while (isdigit((unsigned char)s[j]))
			j++;
		if ((s[j] == ':' || s[j] == '.' || s[j] == 'h' || s[j] == 'H') &&
		    isdigit((unsigned char)s[j + 1]))
			return true;
		size_t k = j;
		while (is_space(s[k]))
			k++;
		bool pm;
		if (meridiem(s + k, &pm))
			return true;
		if (i == 0 && s[k] == '-') {
			k++;
			while (is_space(s[k]))
				k++;
			if (isdigit((unsigned char)s[k]))
				return true;
		}
	}
	return false;
}

/* One clock time as people write it: H or HH, then optionally ':', '.'
 * or 'h' and two digits ('h' alone is allowed: "19h"), then optionally
 * am/pm. Returns the length read (0 if none); *ampm is 0 (none), 1 (am)
 * or 2 (pm). */
static size_t loose_time(const char *s, int *h, int *m, int *ampm)
{
	size_t i = 0;
	*h = 0;
	*m = 0;
	*ampm = 0;
	while (isdigit((unsigned char)s[i]) && i < 2)
		*h = *h * 10 + (s[i++] - '0');
	if (i == 0 || isdigit((unsigned char)s[i]))
		return 0;
	if (s[i] == ':' || s[i] == '.' || s[i] == 'h' || s[i] == 'H') {
		bool h_sep = s[i] == 'h' || s[i] == 'H';
		if (isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2]) &&
		    !isdigit((unsigned char)s[i + 3])) {
			*m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
			i += 3;
		} else if (h_sep && !isdigit((unsigned char)s[i + 1])) {
			i++;
		} else {
			return 0;
		}
	}
	size_t k = i;
	while (is_space(s[k]))
		k++;
	bool pm;
	size_t n = meridiem(s + k, &pm);
	if (n) {
		*ampm = pm ? 2 : 1;
		i = k + n;
	}
	return i;
}

/* 12-hour to 24-hour; false for an hour that cannot carry am/pm. */
static bool to_24h(int *h, int ampm)
{
	if (ampm == 0)
		return true;
	if (*h < 1 || *h > 12)
		return false;
	if (*h == 12)
		*h = 0;
	if (ampm == 2)
		*h += 12;
	return true;
}

/* Reads "T - T" (or "T to T", or an en dash) in any of the forms above
 * and, when it is a real range, writes the 24-hour form the user should
 * have written ("mon 17:30-19:00"). False when no such form follows. */
static bool derive_24h(int day, const char *s, char *out, size_t size)
{
	int h1, m1, a1, h2, m2, a2;
	size_t i = loose_time(s, &h1, &m1, &a1);
	if (i == 0)
		return false;
	while (is_space(s[i]))
		i++;
	if (s[i] == '-')
		i++;
	else if (strncmp(s + i, "\xE2\x80\x93", 3) == 0) /* an en dash, as Excel autocorrects */
		i += 3;
	else if (strncasecmp(s + i, "to", 2) == 0 && !isalpha((unsigned char)s[i + 2]))
		i += 2;
	else
		return false;
	while (is_space(s[i]))
		i++;
	size_t n = loose_time(s + i, &h2, &m2, &a2);
	if (n == 0)
		return false;
	i += n;
	while (is_space(s[i]))
		i++;
	if (s[i] || !to_24h(&h2, a2))
		return false;
	/* "5:30-7pm" is evening, "11-1pm" runs from 11am: the end's am/pm
	 * carries over to the start when that keeps the start first. */
	if (a1 == 0 && a2 != 0 && h1 >= 1 && h1 <= 12) {
		int carried = h1;
		if (to_24h(&carried, a2) && carried * 60 + m1 < h2 * 60 + m2)
			h1 = carried;
	} else if (!to_24h(&h1, a1)) {
		return false;
	}
	int start = h1 * 60 + m1, end = h2 * 60 + m2;
	if (m1 > 59 || m2 > 59 || h1 > 23 || end > 24 * 60 || end <= start)
		return false;
	snprintf(out, size, "%s %02d:%02d-%02d:%02d", day_short[day], h1, m1, h2, m2);
	return true;
}

/* The error for a slot that starts with a day and has a time in it but is
 * not DAY HH:MM-HH:MM: the form to write when it can be worked out. */
static void malformed_timed(int day, const char *rest, char *err, size_t errsize)
{
	char fix[40];
	if (derive_24h(day, rest, fix, sizeof fix))
		snprintf(err, errsize, "not a 24-hour time range: write it as '%s'", fix);
	else
		snprintf(err, errsize, "not a time range: write a timed slot as DAY HH:MM-HH:MM "
			 "on the 24-hour clock (e.g. 'mon 17:30-19:00')");
}

static char *normalise_label(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	bool pending_space = false;
	for (const char *p = text; *p; p++) {
		if (is_space(*p)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space)
			out[o++] = ' ';
		pending_space = false;
		out[o++] = (char)tolower((unsigned char)*p);
	}
	out[o] = '\0';
	return out;
}

bool slot_parse(const char *text, struct slot *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	if (errsize > 0)
		err[0] = '\0';
	const char *p = text ? text : "";
	while (is_space(*p))
		p++;
	size_t len = strlen(p);
	while (len > 0 && is_space(p[len - 1]))
		len--;
	if (len == 0) {
		snprintf(err, errsize, "empty slot");
		return false;
	}

	/* Is it shaped like "DAY T-T"? Then it must be a valid timed slot.
	 * A day name counts only when no letter follows ("monday", "mon-eve",
	 * "mon 18:00", not "month"). */
	int day;
	size_t k = match_day(p, &day);
	if (k > 0 && isalpha((unsigned char)p[k]))
		k = 0;
	if (k > 0) {
		size_t i = k;
		while (i < len && is_space(p[i]))
			i++;
		size_t t1 = i, n1 = time_shape(p + i);
		i += n1;
		while (n1 > 0 && i < len && is_space(p[i]))
			i++;
		if (n1 > 0 && i < len && p[i] == '-') {
			i++;
			while (i < len && is_space(p[i]))
				i++;
			size_t t2 = i, n2 = time_shape(p + i);
			if (n2 > 0 && t2 + n2 == len) {
				int start, end;
				if (!parse_time(p + t1, n1, false, &start, "start", err, errsize) ||
				    !parse_time(p + t2, n2, true, &end, "end", err, errsize)) {
					/* "9-10", "10.00-11.00": say what to write */
					char fix[40], *rest = strndup(p + t1, len - t1);
					if (rest && derive_24h(day, rest, fix, sizeof fix))
						snprintf(err, errsize, "not a 24-hour time range: "
							 "write it as '%s'", fix);
					free(rest);
					return false;
				}
				if (end <= start) {
					snprintf(err, errsize, "end %02d:%02d is not after start %02d:%02d",
						 end / 60, end % 60, start / 60, start % 60);
					return false;
				}
				out->timed = true;
				out->day = day;
				out->start = start;
				out->end = end;
				return true;
			}
		}
		char *rest = strndup(p + k, len - k);
		if (rest == NULL) {
			snprintf(err, errsize, SLOT_ERR_NO_MEMORY);
			return false;
		}
		const char *r = rest;
		while (is_space(*r))
			r++;
		if (time_like(r)) {
			malformed_timed(day, r, err, errsize);
			free(rest);
			return false;
		}
		free(rest);
	}

	char *trimmed = strndup(p, len);
	char *label = trimmed ? normalise_label(trimmed) : NULL;
	free(trimmed);
	if (label == NULL) {
		snprintf(err, errsize, SLOT_ERR_NO_MEMORY);
		return false;
	}
	out->label = label;
	return true;
}

bool slot_parse_list(const char *text, struct slot **out, size_t *n,
		     char *err, size_t errsize)
{
	*out = NULL;
	*n = 0;
	if (text == NULL)
		return true;
	struct slot *list = NULL;
	size_t count = 0, cap = 0;
	const char *p = text;
	for (;;) {
		const char *semi = strchr(p, ';');
		size_t len = semi ? (size_t)(semi - p) : strlen(p);
		char *item = strndup(p, len);
		if (item == NULL) {
			snprintf(err, errsize, SLOT_ERR_NO_MEMORY);
			slot_list_free(list, count);
			return false;
		}
		bool blank = true;
		for (char *q = item; *q; q++)
			if (!is_space(*q))
				blank = false;
		if (!blank) {
			if (!GROW(list, count + 1, cap)) {
				snprintf(err, errsize, SLOT_ERR_NO_MEMORY);
				free(item);
				slot_list_free(list, count);
				return false;
			}
			char reason[160];
			if (!slot_parse(item, &list[count], reason, sizeof reason)) {
				/* Quote the item as written, trimmed, so the user can find it. */
				const char *s = item;
				while (is_space(*s))
					s++;
				size_t sl = strlen(s);
				while (sl > 0 && is_space(s[sl - 1]))
					sl--;
				if (strcmp(reason, SLOT_ERR_NO_MEMORY) == 0)
					snprintf(err, errsize, SLOT_ERR_NO_MEMORY);
				else
					snprintf(err, errsize, "'%.*s': %s", (int)sl, s, reason);
				free(item);
				slot_list_free(list, count);
				return false;
			}
			count++;
		}
		free(item);
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	*out = list;
	*n = count;
	return true;
}

bool slot_fits(const struct slot *group_slot, const struct slot *window)
{
	if (group_slot->timed != window->timed)
		return false;
	if (!group_slot->timed)
		return strcmp(group_slot->label, window->label) == 0;
	return group_slot->day == window->day && window->start <= group_slot->start &&
	       group_slot->end <= window->end;
}

bool slot_clash(const struct slot *a, const struct slot *b)
{
	if (a->timed != b->timed)
		return false;
	if (!a->timed)
		return strcmp(a->label, b->label) == 0;
	return a->day == b->day && a->start < b->end && b->start < a->end;
}

double slot_hours(const struct slot *s)
{
	return s->timed ? (s->end - s->start) / 60.0 : 0.0;
}

static bool is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int slot_day(const struct slot *s)
{
	if (s->timed)
		return s->day;
	const char *l = s->label ? s->label : "";
	/* full names first: "monday" is not "mon" followed by a letter */
	for (int i = 0; i < 7; i++) {
		size_t n = strlen(day_full[i]);
		if (strncasecmp(l, day_full[i], n) == 0 && !is_ascii_letter(l[n]))
			return i;
	}
	for (int i = 0; i < 7; i++)
		if (strncasecmp(l, day_short[i], 3) == 0 && !is_ascii_letter(l[3]))
			return i;
	return -1;
}

void slot_format(const struct slot *s, char *buf, size_t size)
{
	if (s->timed)
		snprintf(buf, size, "%s %02d:%02d-%02d:%02d", day_short[s->day],
			 s->start / 60, s->start % 60, s->end / 60, s->end % 60);
	else
		snprintf(buf, size, "%s", s->label ? s->label : "");
}

void slot_release(struct slot *s)
{
	if (s == NULL)
		return;
	free(s->label);
	s->label = NULL;
}

void slot_list_free(struct slot *list, size_t n)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		slot_release(&list[i]);
	free(list);
}

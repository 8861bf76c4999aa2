/* settings.c -- the contract's defaults and strict parsing of setting values. */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The range a setting's value must lie in. */
enum kind { K_DOUBLE_NONNEG, K_DOUBLE_POS, K_DOUBLE_FRACTION, K_INT_NONNEG, K_INT_POS,
	    K_INT_PERCENT, K_INT_WEEKDAYS, K_INT_FLAG };

/* Every setting once, in the contract's order, with its range. The names,
 * parsing and comparison below are all generated from this list, so a new
 * field of struct settings is added here and nowhere else in this file. */
#define SETTINGS(X) \
	X(hours_min, K_DOUBLE_NONNEG) \
	X(hours_max, K_DOUBLE_NONNEG) \
	X(min_size, K_INT_POS) \
	X(max_size, K_INT_POS) \
	X(mastery, K_INT_PERCENT) \
	X(advanced_weeks, K_INT_NONNEG) \
	X(min_advanced, K_INT_NONNEG) \
	X(w_need, K_DOUBLE_NONNEG) \
	X(w_keep, K_DOUBLE_NONNEG) \
	X(w_short, K_DOUBLE_NONNEG) \
	X(w_mix, K_DOUBLE_NONNEG) \
	X(group_cost, K_DOUBLE_NONNEG) \
	X(time_limit, K_DOUBLE_POS) \
	X(progress_rate, K_DOUBLE_NONNEG) \
	X(billable_days, K_INT_WEEKDAYS) \
	X(billable_day_hours, K_DOUBLE_NONNEG) \
	X(w_billable, K_DOUBLE_NONNEG) \
	/* ours, not the contract's: the deterministic search budget */ \
	X(work, K_DOUBLE_NONNEG) \
	/* ours: attendance reviews (iop-roster attendance) */ \
	X(review_absences, K_INT_NONNEG) \
	X(review_weeks, K_INT_POS) \
	/* ours: simulate's rates and the waiting list's order */ \
	X(no_show_rate, K_DOUBLE_FRACTION) \
	X(dropout_rate, K_DOUBLE_FRACTION) \
	X(waitlist_by_need, K_INT_FLAG)

const char *const settings_names[] = {
#define NAME(field, kind) #field,
	SETTINGS(NAME)
#undef NAME
	NULL,
};

/* A kind of the wrong number type for its field fails the build. */
#define CHECK_KIND(field, kind) \
	_Static_assert(_Generic(((struct settings *)0)->field, \
				int: (kind) >= K_INT_NONNEG, double: (kind) < K_INT_NONNEG), \
		       #field ": its kind is not of the field's type");
SETTINGS(CHECK_KIND)
#undef CHECK_KIND

/* Where each setting lives; is_int comes from the field's own type, so a
 * value is never parsed into or compared as the wrong type. */
static const struct field {
	size_t offset;
	enum kind kind;
	bool is_int;
} fields[] = {
#define FIELD(field, kind) \
	{ offsetof(struct settings, field), kind, \
	  _Generic(((struct settings *)0)->field, int: true, double: false) },
	SETTINGS(FIELD)
#undef FIELD
};

#define N_FIELDS (sizeof fields / sizeof fields[0])

void settings_init(struct settings *s)
{
	*s = (struct settings){
		.hours_min = 9, .hours_max = 30,
		.min_size = 8, .max_size = 15,
		.mastery = 80, .advanced_weeks = 6, .min_advanced = 2,
		.w_need = 10, .w_keep = 4, .w_short = 2, .w_mix = 3,
		.group_cost = 0, .time_limit = 30, .progress_rate = 10,
		/* w_billable 15, a point and a half of met need (w_need 10 a
		 * point): billing decides between rosters that treat about
		 * as well, and cannot outweigh a placement for a severe need. */
		.billable_days = 0, .billable_day_hours = 3, .w_billable = 15,
		/* Attendance review: 3 unexcused absences within 4 weeks, a
		 * common IOP discharge-review threshold; 0 absences = off. */
		.review_absences = 3, .review_weeks = 4,
		/* simulate: everyone comes and stays unless a clinic says
		 * otherwise, so a run without these matches the plain one */
		.no_show_rate = 0, .dropout_rate = 0, .waitlist_by_need = 0,
	};
}

/* Strict: the whole text (surrounding spaces aside) must be the number;
 * no hex, no "nan"/"inf", no trailing junk. */
static bool parse_double(const char *text, double *out)
{
	while (isspace((unsigned char)*text))
		text++;
	const char *p = text;
	if (*p == '+' || *p == '-')
		p++;
	/* strtod would also take hex floats, "inf" and "nan": insist on a
	 * plain decimal with at least one digit. */
	bool digit = false;
	for (const char *q = p; *q && !isspace((unsigned char)*q); q++) {
		if (isdigit((unsigned char)*q))
			digit = true;
		else if (*q != '.' && *q != 'e' && *q != 'E' && *q != '+' && *q != '-')
			return false;
	}
	if (!digit || *p == 'e' || *p == 'E')
		return false;
	errno = 0;
	char *end;
	double v = strtod(text, &end);
	if (end == text || errno == ERANGE || !isfinite(v))
		return false;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return false;
	*out = v;
	return true;
}

static bool parse_int(const char *text, int *out)
{
	while (isspace((unsigned char)*text))
		text++;
	const char *p = text;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	errno = 0;
	char *end;
	long v = strtol(text, &end, 10);
	if (errno == ERANGE || v < INT_MIN || v > INT_MAX)
		return false;
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		return false;
	*out = (int)v;
	return true;
}

static bool set_int(int *field, const char *value, enum kind kind, char *err, size_t errsize)
{
	int v;
	bool ok = parse_int(value, &v);
	switch (kind) {
	case K_INT_POS:
		if (!ok || v < 1) {
			snprintf(err, errsize, "'%s' is not a whole number >= 1", value);
			return false;
		}
		break;
	case K_INT_PERCENT:
		if (!ok || v < 0 || v > 100) {
			snprintf(err, errsize, "'%s' is not a whole number in 0..100", value);
			return false;
		}
		break;
	case K_INT_WEEKDAYS:
		if (!ok || v < 0 || v > 7) {
			snprintf(err, errsize, "'%s' is not a whole number in 0..7", value);
			return false;
		}
		break;
	case K_INT_FLAG:
		if (!ok || v < 0 || v > 1) {
			snprintf(err, errsize, "'%s' is not 0 or 1", value);
			return false;
		}
		break;
	default:
		if (!ok || v < 0) {
			snprintf(err, errsize, "'%s' is not a whole number >= 0", value);
			return false;
		}
		break;
	}
	*field = v;
	return true;
}

static bool set_double(double *field, const char *value, enum kind kind, char *err,
		       size_t errsize)
{
	double v;
	bool ok = parse_double(value, &v);
	if (kind == K_DOUBLE_POS && (!ok || !(v > 0))) {
		snprintf(err, errsize, "'%s' is not a number > 0", value);
		return false;
	}
	if (kind == K_DOUBLE_FRACTION && (!ok || v < 0 || v > 1)) {
		snprintf(err, errsize, "'%s' is not a fraction in 0..1 (0.1 for 10%%)", value);
		return false;
	}
	if (!ok || v < 0) {
		snprintf(err, errsize, "'%s' is not a number >= 0", value);
		return false;
	}
	/* "-0" is a valid 0 but would print as "-0" */
	*field = v == 0 ? 0.0 : v;
	return true;
}

bool settings_set(struct settings *s, const char *name, const char *value,
		  char *err, size_t errsize)
{
	if (value == NULL)
		value = "";
	for (size_t i = 0; i < N_FIELDS; i++) {
		if (strcasecmp(name, settings_names[i]) != 0)
			continue;
		char *at = (char *)s + fields[i].offset;
		if (fields[i].is_int)
			return set_int((int *)(void *)at, value, fields[i].kind, err, errsize);
		return set_double((double *)(void *)at, value, fields[i].kind, err, errsize);
	}
	snprintf(err, errsize, "unknown setting '%s'", name);
	return false;
}

size_t settings_count(void)
{
	return N_FIELDS;
}

bool settings_is_whole(size_t i)
{
	return i < N_FIELDS && fields[i].is_int;
}

double settings_value(const struct settings *s, size_t i)
{
	if (i >= N_FIELDS)
		return 0;
	const char *at = (const char *)s + fields[i].offset;
	if (fields[i].is_int)
		return *(const int *)(const void *)at;
	return *(const double *)(const void *)at;
}

bool settings_equal(const struct settings *a, const struct settings *b)
{
	/* Every int is exact as a double, so one comparison serves both. */
	for (size_t i = 0; i < N_FIELDS; i++)
		if (settings_value(a, i) != settings_value(b, i))
			return false;
	return true;
}

bool settings_validate(const struct settings *s, char *err, size_t errsize)
{
	if (s->hours_min < 0 || s->hours_max < 0) {
		snprintf(err, errsize, "hours_min and hours_max must be >= 0");
		return false;
	}
	if (s->hours_min > s->hours_max) {
		snprintf(err, errsize, "hours_min %g is more than hours_max %g",
			 s->hours_min, s->hours_max);
		return false;
	}
	if (s->min_size < 1) {
		snprintf(err, errsize, "min_size %d is less than 1", s->min_size);
		return false;
	}
	if (s->min_size > s->max_size) {
		snprintf(err, errsize, "min_size %d is more than max_size %d",
			 s->min_size, s->max_size);
		return false;
	}
	if (s->mastery < 0 || s->mastery > 100) {
		snprintf(err, errsize, "mastery %d is not in 0..100", s->mastery);
		return false;
	}
	/* a 0-hour day would make every day billable, even one without a group */
	if (s->billable_days > 0 && !(s->billable_day_hours > 0)) {
		snprintf(err, errsize, "billable_day_hours %g is not > 0 while billable_days is %d",
			 s->billable_day_hours, s->billable_days);
		return false;
	}
	if (!(s->time_limit > 0)) {
		snprintf(err, errsize, "time_limit %g is not > 0", s->time_limit);
		return false;
	}
	return true;
}

/* date.c -- civil dates to day numbers and back (proleptic Gregorian). */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every
 * Gregorian date, no tables, no time zone. */
static day_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (day_t)(era * 146097 + doe - 719468);
}

static void civil_from_days(day_t z, int *y, int *m, int *d)
{
	long zz = (long)z + 719468;
	long era = (zz >= 0 ? zz : zz - 146096) / 146097;
	long doe = zz - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool date_parse(const char *text, day_t *out)
{
	int y, m, d;
	if (text == NULL || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	if (!digits(text, 4, &y) || !digits(text + 5, 2, &m) || !digits(text + 8, 2, &d))
		return false;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

/* Reads 1..max digits; returns how many, 0 if none or too many. */
static size_t read_number(const char *s, size_t max, int *out)
{
	size_t i = 0;
	*out = 0;
	while (isdigit((unsigned char)s[i])) {
		if (i == max)
			return 0;
		*out = *out * 10 + (s[i++] - '0');
	}
	return i;
}

bool date_other_shape(const char *text, int *a, int *b, int *year, bool *year_first)
{
	int n[3];
	size_t len[3];
	const char *p = text;
	char sep = 0;
	for (int i = 0; i < 3; i++) {
		len[i] = read_number(p, 4, &n[i]);
		if (len[i] == 0)
			return false;
		p += len[i];
		if (i == 2)
			break;
		if (*p != '/' && *p != '.' && *p != '-')
			return false;
		if (sep && *p != sep)
			return false;
		sep = *p++;
	}
	if (*p)
		return false;
	if (len[0] == 4 && len[1] <= 2 && len[2] <= 2) {
		if (sep == '-')
			return false; /* YYYY-M-D: date_parse's own error says it */
		*year_first = true;
		*year = n[0];
		*a = n[1];
		*b = n[2];
		return true;
	}
	if (len[0] <= 2 && len[1] <= 2 && len[2] == 4) {
		*year_first = false;
		*a = n[0];
		*b = n[1];
		*year = n[2];
		return true;
	}
	return false;
}

void date_format_short(day_t day, char *buf, size_t size)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%s %d %s", days[date_weekday(day)], d,
		 m >= 1 && m <= 12 ? months[m - 1] : "?");
}

void date_format(day_t day, char buf[static 11])
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	/* Clamp so a bogus day number can never overflow the buffer. */
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

int date_weekday(day_t day)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	long w = ((long)day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

bool date_is_monday(day_t day)
{
	return date_weekday(day) == 0;
}

day_t date_monday_on_or_after(day_t day)
{
	int wd = date_weekday(day);
	return wd == 0 ? day : day + (7 - wd);
}

day_t date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm) == NULL)
		return (day_t)(now / 86400);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

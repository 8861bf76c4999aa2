/* date.h -- calendar dates as whole days since 1970-01-01 (proleptic Gregorian).
 *
 * Day numbers make "W + 6", "floor((W - admitted) / 7)" and range checks
 * plain integer arithmetic, with no time zones involved. */
#ifndef IOP_DATE_H
#define IOP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t day_t;

/* "no date" (an empty discharge, for instance). Compares after every date. */
#define DAY_NONE INT32_MAX

/* Parses exactly "YYYY-MM-DD" (years 1900..9999) with a real calendar date.
 * Returns false on anything else (2026-02-30, 2026-1-5, trailing text). */
bool date_parse(const char *text, day_t *out);

/* A date as spreadsheets write it in other locales: three numbers split
 * by '/', '.' or '-', either day and month (1-2 digits each, order
 * unknown) then a 4-digit year ("11/30/2026", "30.11.2026", "1-2-2026"),
 * or a 4-digit year first ("2026/11/30", "2026.11.30"). Fills *a and *b
 * with the two small numbers in the order written (year-first: month,
 * day), *year, *year_first. Calendar validity is not checked. */
bool date_other_shape(const char *text, int *a, int *b, int *year, bool *year_first);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void date_format(day_t day, char buf[static 11]);

/* "Mon 2 Mar": the short form the reports print (English names).
 * buf >= 16. */
void date_format_short(day_t day, char *buf, size_t size);

/* 0 = Monday ... 6 = Sunday. */
int date_weekday(day_t day);

bool date_is_monday(day_t day);

/* The Monday on or after `day`. */
day_t date_monday_on_or_after(day_t day);

/* Today in local time. */
day_t date_today(void);

#endif

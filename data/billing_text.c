/* billing_text.c -- a patient's billable week in plain words. */
#include "billing_text.h"

#include <stdio.h>
#include <string.h>

static const char *const day_names[WEEK_DAYS] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

void billing_of_roster(const struct week *w, const struct roster *r, int a,
		       struct billing *out)
{
	double hours[WEEK_DAYS] = { 0 };
	for (size_t i = 0; i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= w->clinic->n_patients || w->active_of[p] != a ||
		    g < 0 || (size_t)g >= w->n_groups)
			continue;
		for (int d = 0; d < WEEK_DAYS; d++)
			hours[d] += w->day_hours[(size_t)g * WEEK_DAYS + (size_t)d];
	}
	week_billing_of_hours(w, hours, out);
}

void billing_of_roster_all(const struct week *w, const struct roster *r, struct billing *out)
{
	for (size_t a = 0; a < w->n_active; a++)
		memset(out[a].day_hours, 0, sizeof out[a].day_hours);
	for (size_t i = 0; i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= w->clinic->n_patients || w->active_of[p] < 0 ||
		    g < 0 || (size_t)g >= w->n_groups)
			continue;
		double *hours = out[w->active_of[p]].day_hours;
		for (int d = 0; d < WEEK_DAYS; d++)
			hours[d] += w->day_hours[(size_t)g * WEEK_DAYS + (size_t)d];
	}
	for (size_t a = 0; a < w->n_active; a++) {
		double hours[WEEK_DAYS];
		memcpy(hours, out[a].day_hours, sizeof hours);
		week_billing_of_hours(w, hours, &out[a]);
	}
}

void billing_hours_format(double hours, char *buf, size_t size)
{
	snprintf(buf, size, "%.2f", hours);
	char *dot = strchr(buf, '.');
	if (dot == NULL)
		return;
	char *end = buf + strlen(buf);
	while (end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (end == dot + 1)
		*dot = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

void billing_text(const struct week *w, const struct billing *b, char *buf, size_t size)
{
	const struct settings *s = &w->clinic->settings;
	char threshold[32];
	billing_hours_format(s->billable_day_hours, threshold, sizeof threshold);
	int len = snprintf(buf, size, "%s: %d of %d %s reach%s %s h",
			   b->billable ? "billable" : "not billable", b->days, s->billable_days,
			   s->billable_days == 1 ? "day" : "days", b->days == 1 ? "es" : "",
			   threshold);
	bool first = true;
	for (int d = 0; d < WEEK_DAYS && len >= 0 && (size_t)len < size; d++) {
		double h = b->day_hours[d];
		if (h <= 0 || h >= s->billable_day_hours - DAY_HOURS_EPS)
			continue;
		char hours[32];
		billing_hours_format(h, hours, sizeof hours);
		len += snprintf(buf + len, size - (size_t)len, "%s%s %s h", first ? "; " : ", ",
				day_names[d], hours);
		first = false;
	}
}

/* billing_text.h -- a patient's billable week (contract v2) in plain words,
 * the one wording the summary, the report, explain and the JSON share.
 *
 *   "billable: 3 of 3 days reach 3 h"
 *   "not billable: 2 of 3 days reach 3 h; Tue 1.5 h, Thu 2 h"
 *
 * After the count come the days that have group hours but fall short of
 * billable_day_hours: the days a director could top up. Only meaningful
 * while the rule is on (billable_days > 0). */
#ifndef IOP_BILLING_TEXT_H
#define IOP_BILLING_TEXT_H

#include <stddef.h>

#include "roster.h"
#include "week.h"

/* Active patient a's billing in roster r: the day shares of the groups r
 * gives them (week_billing's definition; inactive placements ignored). */
void billing_of_roster(const struct week *w, const struct roster *r, int a,
		       struct billing *out);

/* The same for every active patient at once, out[n_active], in one pass
 * over the roster (a report on thousands of patients). */
void billing_of_roster_all(const struct week *w, const struct roster *r, struct billing *out);

/* Writes the text above into buf (always NUL-terminated, cut at size). */
void billing_text(const struct week *w, const struct billing *b, char *buf, size_t size);

/* Hours as the texts print them: at most two decimals, trailing zeros
 * dropped ("1.5", "3", "0.33"). buf needs 32 bytes. */
void billing_hours_format(double hours, char *buf, size_t size);

#endif

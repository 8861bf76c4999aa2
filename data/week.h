/* week.h -- the clinic resolved for one week: who is active, what they need,
 * which (patient, group) pairs are allowed. Computed once, used by the
 * solver, the rule checker, the reasons and every report.
 *
 * Patients are numbered 0..n_active-1 here ("a" indices), in clinic order;
 * groups keep their clinic index. Matrices are row-major [a * n_groups + g]
 * or [a * n_types + t]. */
#ifndef IOP_WEEK_H
#define IOP_WEEK_H

#include <stdbool.h>
#include <stddef.h>

#include "clinic.h"
#include "roster.h"

#define WEEK_DAYS 7 /* day 0 is Monday */

/* The contract's "within 1e-6" for billable days: day hours are sums of
 * shares such as 4.5 / 3, and 2.9999999 of 3 hours is a billable day. */
#define DAY_HOURS_EPS 1e-6

enum pin_mark { PIN_MARK_NONE = 0, PIN_MARK_MUST = 1, PIN_MARK_NEVER = 2 };

struct active_separation { int a, b; long line; };
struct active_pin { int a, g; enum pin_rule rule; long line; };

struct week {
	const struct clinic *clinic;     /* borrowed; must outlive the week */
	day_t monday;
	size_t n_active, n_groups, n_types;
	int *active;          /* [n_active] clinic patient index, ascending */
	int *active_of;       /* [clinic n_patients] a index, or -1 */
	int *need;            /* [a * n_types + t] effective need, 0 if mastered */
	bool *mastered;       /* [a * n_types + t] latest score >= mastery */
	int *weeks_in;        /* [a] floor((monday - admitted) / 7) */
	bool *advanced;       /* [a] weeks_in >= advanced_weeks */
	bool *is_new;         /* [a] admitted this week (weeks_in <= 0) */
	bool *fits;           /* [a * n_groups + g] windows, tags and phase fit */
	bool *eligible;       /* [a * n_groups + g] the contract's eligibility */
	unsigned char *pin;   /* [a * n_groups + g] enum pin_mark */
	bool *previous;       /* [a * n_groups + g] in the previous roster */
	bool *clash;          /* [g * n_groups + h] slots clash (diagonal false) */
	bool *facilitator_clash; /* [g * n_groups + h] same facilitator and clash */
	double *day_hours;    /* [g * WEEK_DAYS + d] g's weekly hours on day d (v2) */
	struct active_separation *separations; size_t n_separations; /* both active */
	struct active_pin *pins; size_t n_pins;                      /* patient active */
	bool has_previous;
	char *previous_path;  /* owned copy, NULL when none */
};

/* Resolves `c` for the week starting `monday` with the previous roster
 * `previous` (may be NULL; its path for messages in previous_path, may be
 * NULL). A must pin that does not fit the patient's windows, tags or phase
 * is STATUS_BAD_DATA naming pins.csv:line. */
enum status week_resolve(const struct clinic *c, day_t monday,
			 const struct roster *previous, const char *previous_path,
			 struct week *out, struct diag_list *diag);

static inline size_t week_ag(const struct week *w, int a, int g)
{
	return (size_t)a * w->n_groups + (size_t)g;
}

/* The contract's phase_week (v2): max(0, weeks_in), so a patient admitted
 * during the week is in week 0 of the program. */
static inline int week_phase(const struct week *w, int a)
{
	return w->weeks_in[a] > 0 ? w->weeks_in[a] : 0;
}

/* Contract v2: the share of g's weekly hours that falls on its slot s:
 * in proportion to the slots' lengths when every slot is timed (hours
 * given apart from the slots keep the slots' proportions), else equal (a
 * label has no length). 0 for s out of range. The one definition behind
 * day hours, billable days and the hours a session delivers. */
double group_slot_hours(const struct group *g, size_t s);

/* Billable days (contract v2) of one patient's week. */
struct billing {
	double day_hours[WEEK_DAYS]; /* Monday first: the day shares of their groups */
	int days;                    /* days reaching billable_day_hours (within 1e-6) */
	bool billable;               /* days >= billable_days while the rule is on */
};

/* A patient's day hours in the groups `groups` (n clinic group indices,
 * each counted as often as listed) and whether their week is billable.
 * While billable_days is 0 the rule is off: days are still counted, but
 * no week is billable. The one definition for the score, the solver, the
 * reasons and the reports. */
void week_billing(const struct week *w, const int *groups, size_t n, struct billing *out);

/* The same from day hours already summed (out->day_hours is set from
 * them), for a caller that keeps them as its roster changes. */
void week_billing_of_hours(const struct week *w, const double day_hours[WEEK_DAYS],
			   struct billing *out);

/* False when no roster can make active patient a's week billable (or the
 * rule is off): even the longest eligible group of each type on each day,
 * taken together, reaches billable_day_hours on too few days. Rule 3 (one
 * group per type) makes that a true upper bound; clashes and hours_max
 * are ignored, so true does not promise a billable plan. Lets a bound or
 * a model leave out the patients billing can never reward. */
bool week_may_bill(const struct week *w, int a);

void week_release(struct week *w);

#endif

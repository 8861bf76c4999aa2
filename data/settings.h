/* settings.h -- weights and defaults (settings.csv, overridable on the command line). */
#ifndef IOP_SETTINGS_H
#define IOP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

struct settings {
	double hours_min, hours_max; /* default weekly hours wanted / allowed */
	int min_size, max_size;      /* default group size limits */
	int mastery;                 /* progress score at which a type is mastered */
	int advanced_weeks;          /* weeks in program to count as advanced */
	int min_advanced;            /* advanced members each running group should have */
	double w_need, w_keep, w_short, w_mix, group_cost; /* score weights */
	double time_limit;           /* seconds for the whole plan run */
	double work;                 /* the search's budget in kilo-ticks
				      * (solver/work.h); 0 = derived from
				      * time_limit, which stays the safety stop */
	double progress_rate;        /* score points per week in a group (simulate) */
	/* Billable days (contract v2): a week is billable when at least
	 * billable_days days reach billable_day_hours of group hours. */
	int billable_days;           /* 0..7; 0 = the rule is off (v1) */
	double billable_day_hours;   /* > 0 while the rule is on */
	double w_billable;           /* score per active patient with a billable week */
	/* Attendance (`iop-roster attendance`): a patient with at least
	 * review_absences unexcused absences within the last review_weeks
	 * weeks is flagged for a review. Not part of the roster's score. */
	int review_absences;         /* 0 = no review alerts */
	int review_weeks;            /* >= 1 */
	/* simulate only: the share of placed patients who miss a week, the
	 * share of active patients who drop out each week (both 0..1), and
	 * whether the waiting list is taken by need (1) or by date (0). */
	double no_show_rate, dropout_rate;
	int waitlist_by_need;
};

/* The contract's defaults: 9, 30, 8, 15, 80, 6, 2, 10, 4, 2, 3, 0, 30, 10;
 * v2: billable_days 0 (off), billable_day_hours 3 (the common payer
 * reading), w_billable 15 (our choice, see doc/clinic-format.md);
 * attendance review: review_absences 3, review_weeks 4;
 * simulate: no_show_rate 0, dropout_rate 0, waitlist_by_need 0. */
void settings_init(struct settings *s);

/* Sets one setting by case-insensitive name from text. Returns false with a
 * reason in err for an unknown name ("unknown setting 'foo'") or a bad or
 * out-of-range value ("'-3' is not a number >= 0"). Checks only the value
 * itself; cross-checks (min_size <= max_size) are settings_validate's. */
bool settings_set(struct settings *s, const char *name, const char *value,
		  char *err, size_t errsize);

/* Cross-field checks: hours_min <= hours_max, 1 <= min_size <= max_size,
 * mastery in 0..100, billable_day_hours > 0 while billable_days > 0.
 * Returns false with the reason in err. */
bool settings_validate(const struct settings *s, char *err, size_t errsize);

/* True when every setting (the same list settings_set parses) has the same
 * value in both: what a settings.csv written for one would say of the other. */
bool settings_equal(const struct settings *a, const struct settings *b);

/* Names of every setting, NULL-terminated, in the contract's order. */
extern const char *const settings_names[];

/* For walking every setting in that order (i indexes settings_names): how
 * many there are; whether setting i is a whole number (an int field); and
 * its value in s (an int converted exactly), 0 for i out of range. */
size_t settings_count(void);
bool settings_is_whole(size_t i);
double settings_value(const struct settings *s, size_t i);

#endif

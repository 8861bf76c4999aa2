/* simulate.h -- membership over time: the weeks ahead, planned one after another.
 *
 * Each simulated week W (a Monday), in this order:
 *   1. progress: every (patient, type) placed in a group of that type in the
 *      week before gains settings.progress_rate points (from the latest
 *      score dated on or before W, or 0), recorded in progress with date W
 *      (progress earned during a week is dated the following Monday), capped
 *      at 100 and rounded to a whole point;
 *   2. departures: patients whose planned discharge has passed are no longer
 *      active (the contract's rule); an open-ended patient (empty discharge)
 *      who has mastered every treatable need (a rated need > 0 of a type some
 *      group offers) and has been in the program at least min_stay days
 *      completes: their discharge becomes the Sunday before W;
 *   3. admissions: the patients of the admission list dated W..W+6, or, when
 *      drawing from history, a count drawn from the clinic's own admissions
 *      per week (patients already known to arrive that week count toward it),
 *      each new patient a copy of a randomly drawn patient of patients.csv
 *      (needs, hours, windows, tags, planned length of stay), admitted on W,
 *      with the first free id "sim-0001", "sim-0002", ...;
 *   4. the week is resolved with the previous simulated week's roster as its
 *      continuity input (the first week: the clinic's own previous roster)
 *      and planned by plan_week.
 * Steps 1 and 2 are skipped for the first week, which is the clinic as
 * given plus its admissions.
 *
 * Honest weeks (issue 14), each drawn only while its rate is above 0, from
 * a stream of its own seeded by `seed`, so a run with both rates 0 draws
 * nothing and is the run it always was:
 *   - dropouts, in step 2: each patient active the week before and still
 *     planned to stay drops out with probability settings.dropout_rate;
 *     their discharge becomes the Sunday before W (counted in discharged
 *     and in dropped);
 *   - no-shows, after step 4: each patient with a group this week misses
 *     the whole week with probability settings.no_show_rate. They keep
 *     their seats (the roster is what was planned), but earn no progress
 *     for it and their week does not bill.
 * The waiting list (use_waitlist): arrivals of step 3 (listed or drawn) do
 * not start on their own; they join the list, dated (requested) their
 * admitted day. After step 4, each person who asked by W and has not
 * started, in the order of settings.waitlist_by_need (0: by requested
 * date, then the order they joined; 1: the largest sum of needs first,
 * then the same), starts on W when they can be seated without moving
 * anyone (admit_fit around the week's planned roster, plus the people
 * started before them this week): at least one group, and no need left
 * unmet because its groups are full. Their rows join the roster (not
 * re-planned: the week is then not counted as proven) and the unmet
 * needs are recomputed. Anyone else keeps waiting; a later person whose
 * groups have room starts before them. Waiting days: W - requested.
 *
 * Edge cases, decided here:
 *   - a week with no active patient gets an empty roster (the solver is not
 *     called) and the simulation goes on: admissions may come later;
 *   - a need of a type no group offers stays unmet as `no-group` every week;
 *     it never gains progress and does not keep a patient from completing;
 *   - more patients than seats: nobody is turned away; those left without a
 *     group stay active with their needs unmet (`full` or `trade-off`), and
 *     the metrics count the groups each type would need to seat everyone;
 *   - hard rules that contradict in some week stop the whole simulation
 *     (STATUS_INFEASIBLE, the week named in diag).
 *
 * The simulation never reads or writes files. It owns a copy of the clinic
 * that only grows: patients and progress records are appended in the order
 * they become known, and completion changes a discharge date. So the clinic
 * as a director would have had it on each simulated Monday is a prefix of
 * the final one; simulation_week_clinic gives that view. */
#ifndef IOP_SIMULATE_H
#define IOP_SIMULATE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "data/clinic.h"
#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"
#include "score.h"
#include "data/base/rng.h"

enum sim_admissions {
	SIM_ADMIT_NONE,    /* nobody arrives but those already in patients.csv */
	SIM_ADMIT_LIST,    /* the patients in sim_options.admissions */
	SIM_ADMIT_HISTORY, /* weekly counts drawn from patients.csv, seeded */
};

struct sim_options {
	day_t first;          /* the first simulated Monday */
	int weeks;            /* how many weeks, >= 1 */
	double time_limit;    /* seconds of solving per week, > 0 */
	double work;          /* plan_options.work per week (kilo-ticks; 0 =
			       * derived from time_limit) */
	double gap;           /* plan_week's relative gap, 0 = prove optimum */
	int min_stay;         /* days before an open-ended patient may complete (90) */
	enum sim_admissions source;
	/* SIM_ADMIT_LIST: borrowed for simulation_init only (deep-copied). Each
	 * patient's need[] is indexed by the clinic's types. */
	const struct patient *admissions;
	size_t n_admissions;
	uint64_t seed;        /* SIM_ADMIT_HISTORY, dropouts and no-shows */
	/* The waiting list: use_waitlist turns it on (arrivals queue); the
	 * people already waiting are borrowed for simulation_init only (deep-
	 * copied), each patient's admitted the date they asked. */
	bool use_waitlist;
	const struct patient *waitlist;
	size_t n_waitlist;
	const volatile sig_atomic_t *stop; /* may be NULL; nonzero = stop */
	FILE *log;            /* plan_week's progress lines, NULL = silent */
};

/* Defaults: 12 weeks, 3 s per week, gap 0, min_stay 90, no admissions,
 * seed 1; `first` must be set by the caller. */
void sim_options_init(struct sim_options *o);

/* What one week looked like. Per-type arrays have clinic.n_types entries. */
struct sim_metrics {
	int active;          /* patients active this week */
	int admitted;        /* patients admitted W..W+6 */
	int discharged;      /* patients whose discharge is W-7..W-1 (they left) */
	int completed;       /* of those, open-ended patients who completed */
	int needs, met;      /* (patient, type) with need > 0; of those with a group */
	int *needs_by_type, *met_by_type;
	int unmet_by_reason[UNMET_REASON_COUNT];
	int running;         /* groups with members */
	int *running_by_type;
	int *needed_by_type; /* groups of the type that could seat every need:
			      * ceil(needs / the largest max_size of the type's
			      * groups, or settings max_size when it has none) */
	int placements;      /* rows of the roster */
	int kept, moved, joined; /* this week's rows by their change column */
	int left;            /* last week's rows whose patient has no group of
			      * that type this week */
	int patients_kept;   /* patients with a kept row and no moved row */
	struct score_terms score;
	int billable;        /* patients whose week bills and who came (v2) */
	int no_shows;        /* patients with a group who missed the week */
	int dropped;         /* of discharged, those who dropped out */
	int started;         /* of admitted, those who started from the waiting list */
	int waiting_days;    /* the days those waited, summed */
	int waiting;         /* people on the list after this Monday's starts */
};

struct sim_week {
	day_t monday;
	size_t n_patients;       /* clinic patients known that Monday (a prefix) */
	size_t n_progress;       /* progress records known that Monday (a prefix) */
	struct roster roster;    /* sorted */
	struct unmet_list unmet; /* active indices as week_resolve numbers them
				  * for simulation_week_clinic's view */
	bool optimal;            /* plan_week proved it within the gap */
	struct sim_metrics m;
	int *absent;             /* clinic indices of this week's no-shows, ascending */
	size_t n_absent;
};

/* Someone who was on the waiting list at some point of the run. */
struct sim_waiting {
	struct patient p;        /* admitted = the date they asked */
	size_t joined;           /* the week that date falls in (0: before the first) */
	long started;            /* the week they started, or -1 */
};

struct simulation {
	struct clinic clinic;       /* owned; grows week by week */
	struct sim_options opt;
	size_t n_original;          /* patients of patients.csv (templates) */
	size_t n_original_progress;
	day_t *planned_discharge;   /* [patient] discharge before any completion */
	day_t *completed_on;        /* [patient] the Monday completion or a dropout took effect,
				     * or DAY_NONE */
	bool *dropped_out;          /* [patient] that end was a dropout */
	struct rng draw;            /* dropouts and no-shows */
	struct sim_waiting *waiting; /* everyone ever waiting, in the order they joined */
	size_t n_waiting;
	struct roster initial_previous; /* the clinic's own previous roster, sorted */
	bool has_initial_previous;
	struct patient *queue;      /* SIM_ADMIT_LIST: not yet arrived, by admitted */
	size_t n_queue, next_queue;
	int *history;               /* SIM_ADMIT_HISTORY: admissions per past week */
	size_t n_history;
	struct rng rng;
	int next_sim_id;
	long next_progress_line;
	struct sim_week *weeks;     /* [opt.weeks]; n_weeks of them done */
	size_t n_weeks;
};

/* Takes over `clinic` (its contents are moved; *clinic is left empty) and
 * copies `previous` (may be NULL: no previous roster), the roster of the
 * week before the first. Returns STATUS_OK, STATUS_USAGE (options out of
 * range, diag says which), STATUS_BAD_DATA (an admission whose id is
 * already a patient's) or STATUS_NO_MEMORY. Warnings (no admission history
 * to draw from) go to diag. Release with simulation_release in every case. */
enum status simulation_init(struct simulation *s, struct clinic *clinic,
			    const struct roster *previous,
			    const struct sim_options *opt, struct diag_list *diag);

/* Simulates the next week (sim->weeks[sim->n_weeks]). Returns STATUS_OK,
 * STATUS_INFEASIBLE (the week's hard rules contradict: diag names the week
 * and the rows), STATUS_INTERRUPTED (the stop flag), STATUS_NO_MEMORY or
 * STATUS_INTERNAL; the simulation cannot go on after a failure. */
enum status simulation_step(struct simulation *s, struct diag_list *diag);

/* Runs every remaining week; stops at the first failure. */
enum status simulation_run(struct simulation *s, struct diag_list *diag);

/* The clinic as it was on the Monday of week k (k < n_weeks): a shallow
 * view into s->clinic (patients and progress prefixes, discharge dates of
 * that Monday). *patients_out receives the array the view's patients point
 * to: free() it (only it) when done; never clinic_release the view, and do
 * not look ids up in it (its id indexes are NULL). Valid until s changes.
 * Returns false on allocation failure. */
bool simulation_week_clinic(const struct simulation *s, size_t k,
			    struct clinic *view, struct patient **patients_out);

/* The roster of the week before week k: week k-1's, or for k == 0 the
 * clinic's own previous roster (NULL when there is none). */
const struct roster *simulation_previous_roster(const struct simulation *s, size_t k);

/* Whether person i of s->waiting is on week k's list: they ask by the
 * end of that week (as its patients.csv holds the week's arrivals) and
 * had not started by its Monday. */
bool simulation_waiting_in(const struct simulation *s, size_t i, size_t k);

/* Frees everything, the clinic included. NULL ok. */
void simulation_release(struct simulation *s);

#endif

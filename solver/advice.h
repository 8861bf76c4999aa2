/* advice.h -- what a director could change to meet more needs: the one extra
 * group that would meet the most unmet needs (proven by re-solving the week
 * with it added), and the running groups about to fall below their minimum.
 *
 * Candidates are one group of a type with unmet needs, shaped like the
 * type's groups: as many sessions a week as they usually have (the median
 * over the type's groups; over all groups when the type has none), each as
 * long as the type's usual session. Its times come from the windows of one
 * unmet patient (a label window as is; a timed window from its start), one
 * session per day, or they are those of an existing group of the type that
 * an unmet patient fits (a second such group). Default sizes, no
 * facilitator, no required tags. A type whose unmet patients give no such
 * times gets no candidate, and `unshaped` says so. Each
 * candidate is added to a copy of the clinic, the week is resolved again and
 * planned with a short time limit; needs met are counted and compared with
 * the given roster. Candidates are tried in order of how many unmet needs
 * their time fits, so the best-looking ones are re-solved first.
 *
 * Each candidate is first re-solved with only its type's placements and the
 * placements of patients with an unmet need planned again, everyone else
 * keeping their other groups: a small problem that proves its optimum fast
 * even in a large clinic, and whose gain is a lower bound on a full
 * re-plan's. Then the whole week is re-solved with each candidate, best
 * first, in the time left; a candidate keeps the result that meets more
 * needs (on a tie, the one that changes fewer placements, then a proven
 * whole-week result). */
#ifndef IOP_ADVICE_H
#define IOP_ADVICE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "data/roster.h"
#include "data/slot.h"
#include "data/unmet.h"
#include "data/week.h"

struct advice_options {
	double time_limit;    /* seconds for every re-solve together, > 0 */
	int max_candidates;   /* at most this many candidates are re-solved */
	const volatile sig_atomic_t *stop; /* may be NULL; nonzero = stop now */
	double plan_seconds;  /* how long the week's own plan took (0 = unknown):
			       * a re-solve is not started in less time than that
			       * (whole week) or a quarter of it (smaller re-solve) */
	double work;          /* kilo-ticks (work.h) for every re-solve together;
			       * 0 = WORK_KTICKS_PER_SECOND x time_limit. Shared
			       * and checked like the time, but counted, so the
			       * same candidates are evaluated on every run;
			       * the time stays as the safety stop */
	long long plan_work;  /* ticks the week's own plan used (0 = unknown):
			       * the same rule as plan_seconds, in work */
};

/* 3 seconds, 6 candidates, no stop flag, plan_seconds 0. */
void advice_options_init(struct advice_options *o);

/* A placement the re-solve with a candidate changes: patient a's group of
 * `type` goes from `from` to `to` (clinic group indices; -1 none; the
 * clinic's n_groups is the candidate itself). */
struct advice_move {
	int a, type, from, to;
};

/* One extra group, as tried. */
struct advice_candidate {
	int type;             /* index into clinic.type_names */
	struct slot *slots;   /* when it would meet, one per session (owned) */
	size_t n_slots;
	int like_group;       /* a second one of this clinic group (its times); -1 */
	double hours;         /* its weekly hours */
	int min_size, max_size;
	int fitting;          /* unmet needs of the type whose windows it fits */
	bool evaluated;       /* re-solved within the time */
	bool optimal;         /* that re-solve proved its optimum */
	bool whole_week;      /* the numbers come from re-solving the whole week;
			       * false: from the smaller re-solve (a lower bound) */
	int met_before;       /* needs met by the given roster (all types) */
	int met_after;        /* needs met with the candidate added */
	int members;          /* members the candidate group got */
	double score_after;   /* score of the re-solved roster (with the group) */
	/* The needs (active index, type) met with it and unmet without it. */
	int *gained_a, *gained_t;
	size_t n_gained;
	int n_lost;           /* needs met without it and unmet with it (moves):
			       * met_after - met_before = n_gained - n_lost */
	int *lost_a, *lost_t; /* those n_lost needs (active index, type) */
	/* Every placement the re-solve changes, by patient then type: the
	 * given roster with these moves applied is the re-solved roster. */
	struct advice_move *moves;
	size_t n_moves;
	double hours_before;  /* group hours of all active patients, given roster */
	double hours_after;   /* the same with the candidate */
};

/* A type with unmet needs for which no candidate could be shaped like its
 * groups: none of its unmet patients' windows gives `sessions` sessions on
 * different days, and no group of the type fits one of them. */
struct advice_unshaped {
	int type;
	int sessions;
};

/* "tue 18:00-20:00; thu 18:00-20:00": the candidate's slots as in
 * groups.csv (slot_format), into buf. */
void advice_when(const struct advice_candidate *c, char *buf, size_t size);

/* The usual number of sessions a week of type t's groups (the median of
 * their slot counts; over all groups when t has none; 1 with no groups). */
int advice_usual_sessions(const struct clinic *c, int t);

/* A running group close to its minimum. */
struct advice_risk {
	int group;            /* clinic index */
	int members, min_size;
	int leaving;          /* members whose planned discharge falls in this week */
};

struct advice {
	int unmet;            /* unmet needs in the given roster */
	/* Every candidate found, best first: evaluated ones by needs gained
	 * (met_after - met_before, most first), then score; then the rest in
	 * trial order. Empty when there are no unmet needs or no windows. */
	struct advice_candidate *candidates;
	size_t n_candidates;
	size_t n_evaluated;
	/* Running groups with members - leaving <= min_size, fewest spare
	 * members first, then by group id. */
	struct advice_risk *risks;
	size_t n_risks;
	struct advice_unshaped *unshaped; /* by type */
	size_t n_unshaped;
};

/* The best candidate when it meets at least one more need, else NULL. */
const struct advice_candidate *advice_best(const struct advice *a);

/* Fills `out` for roster `r` of week `w` with its unmet list `u`. Skips the
 * re-solving (no candidates) when u is empty. A re-solve that fails for any
 * reason but memory leaves its candidate unevaluated. Returns STATUS_OK or
 * STATUS_NO_MEMORY; `out` is always safe to release. Diagnostics of the
 * re-solves are not reported: they are the week's own, already reported by
 * the plan. */
enum status advice_compute(const struct week *w, const struct roster *r,
			   const struct unmet_list *u, const struct advice_options *o,
			   struct advice *out);

/* Frees everything the advice owns; the struct is zeroed. NULL ok. */
void advice_release(struct advice *a);

/* Needs met by `r` in `w`: pairs (active patient, type) with need > 0 and a
 * group of that type. Placements of inactive patients are ignored. */
int advice_needs_met(const struct week *w, const struct roster *r);

#endif

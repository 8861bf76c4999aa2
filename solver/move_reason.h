/* move_reason.h -- why a patient's place in one type of group changed since
 * last week: one cause with the facts that make it true, and one text for
 * it, so the report, `explain` and `diff --clinic` say the same words.
 *
 * The cause is the first that holds, in this order:
 *   joined  admitted, back after an absence, a must pin, the need appeared,
 *           else placed (had none of the type last week);
 *   left    discharged, away, mastered (score and date), no need, then as
 *           for a move below;
 *   moved   a must pin on the new group, a never pin on the old one, the old
 *           group does not run (and why: reasons_not_running; when the
 *           optimiser closed it, the roster with it reopened for last
 *           week's members is checked and scored), it no longer
 *           fits (windows, tags, phase); then the roster with the old
 *           placement kept (the new one given up) is checked: the old group
 *           clashes with a group the patient got, would pass hours_max, has
 *           a separated partner, is full; the new group needs the patient to
 *           reach its minimum. When keeping breaks no rule the cause is the
 *           total: both rosters are scored (score.c) and the difference is
 *           given term by term -- a gain, a tie, or a better roster this
 *           one is not (hand-edited, or cut short by a time limit). A cause never names another group of the
 *           same type as the reason ("has skl-02"): that is circular.
 *
 * Deterministic and cheap: one score of a one-placement change per move. */
#ifndef IOP_MOVE_REASON_H
#define IOP_MOVE_REASON_H

#include <stdbool.h>

#include "data/base/strbuf.h"
#include "data/change.h"
#include "data/roster.h"
#include "data/week.h"
#include "solver/reasons.h"
#include "solver/score.h"

enum move_cause {
	MOVE_ADMITTED,      /* joined: new in the program this week */
	MOVE_RETURNED,      /* joined: was not active last week */
	MOVE_NEED_APPEARED, /* joined: no need for the type last week */
	MOVE_PLACED,        /* joined: in no group of the type last week */
	MOVE_DISCHARGED,    /* left: discharged (date) */
	MOVE_AWAY,          /* left: away the whole week */
	MOVE_MASTERED,      /* left: score >= mastery (score, date) */
	MOVE_NO_NEED,       /* left: need for the type rated 0 */
	MOVE_PIN_MUST,      /* a must pin on the new group (line) */
	MOVE_PIN_NEVER,     /* a never pin on the old group (line) */
	MOVE_NOT_RUNNING,   /* the old group has no members (not_running) */
	MOVE_NO_FIT,        /* the old group no longer fits (misfit) */
	MOVE_CLASH,         /* the old group clashes with `group`, which the patient got */
	MOVE_HOURS,         /* keeping the old group passes hours_max */
	MOVE_SEPARATION,    /* a separated partner is in the old group */
	MOVE_FULL,          /* the old group is at max_size */
	MOVE_NEEDED,        /* the new group needs the patient to reach its minimum */
	MOVE_GAIN,          /* keeping is allowed and scores less */
	MOVE_TIE,           /* keeping is allowed and scores the same */
	MOVE_MISSED,        /* keeping is allowed and scores more: the roster
			     * is not optimal there (a hand edit, a time limit) */
};

/* "admitted", "mastered", "not-running", "gain", ... for JSON. */
const char *move_cause_name(enum move_cause c);

enum move_misfit { MISFIT_WINDOWS, MISFIT_TAGS, MISFIT_PHASE };

struct move_reason {
	enum change_kind kind;  /* joined, moved or left */
	enum move_cause cause;
	int patient, type;      /* clinic indices */
	int from, to;           /* clinic group indices, -1 when none */
	int group;              /* CLASH: the clashing group (another type); else -1 */
	int partner;            /* SEPARATION: clinic patient index; else -1 */
	long line;              /* PIN_*: the pin's line in pins.csv */
	int score;              /* MASTERED: the latest score */
	int mastery;            /* MASTERED: the setting */
	day_t date;             /* MASTERED: its date; DISCHARGED: discharge */
	int need_before;        /* NEED_APPEARED: last week's need; now: need */
	int need;
	struct not_running not_running; /* NOT_RUNNING */
	/* NOT_RUNNING, closed by the optimiser: the roster with the old group
	 * reopened for its members of last week who may still join (each
	 * leaving their group of the type) and, short of its minimum, the
	 * first others who may join; checked (rules.c), scored against this. */
	int returners;          /* how many could return */
	int fillers;            /* others who may join, added up to min_size */
	bool reopen_checked;    /* returners >= min_size: rules checked */
	char reopen_broken[200];/* the first rule reopening breaks; "" none */

	enum move_misfit misfit;        /* NO_FIT */
	int phase_week;                 /* NO_FIT by phase */
	double hours_with, hours_max;   /* HOURS */
	int members, limit;     /* FULL: the old group's members and max_size;
				 * NEEDED: the new group's members and min_size */
	int newcomers;          /* FULL: members not in the old group last week */
	/* GAIN, TIE, MISSED: the roster as planned minus the roster with the
	 * old placement kept, term by term (positive: the move gained). */
	struct score_terms gain;
	double hours_before, hours_after; /* the patient's week, kept vs planned */
};

/* What every move reason of one roster is computed against. */
struct move_context {
	const struct week *w;
	const struct roster *now;
	struct week last;        /* last week as the clinic's files say now */
	bool has_last;
	struct score_terms score; /* of `now` */
	bool *in;                 /* [a * n_groups + g] in `now` */
	int *members;             /* [g] */
	double *hours;            /* [a] */
	/* [g]: the NOT_RUNNING fields of a move out of g (not_running and
	 * the reopening), the same for every patient who left g: worked out
	 * for the first (a rules check of the whole roster) and kept, when
	 * closed_known[g], for the others */
	struct move_reason *closed;
	bool *closed_known;
};

/* `now` is this week's roster (clinic indices); the previous roster is the
 * week's own (w->previous). Returns STATUS_OK or STATUS_NO_MEMORY; release
 * in every case. Both w and now must outlive the context. */
enum status move_context_init(struct move_context *x, const struct week *w,
			      const struct roster *now);
void move_context_release(struct move_context *x);

/* The reason for clinic patient `patient`'s change in type `type`, from
 * group `from` last week to group `to` now (-1 for none; not both, and not
 * the same group). Returns STATUS_OK or STATUS_NO_MEMORY. */
enum status move_reason_of(const struct move_context *x, int patient, int type,
			   int from, int to, struct move_reason *out);

/* The reason in plain words, appended to `out`, with patient ids (never
 * display names), e.g. "mastered skills: score 85 on 2026-02-23 (mastery
 * 80)", "skl-03 does not run this week: only 2 patients can join, it needs
 * 5", "for the total: the move gains 2 over keeping skl-03 (their hours
 * 4.5 -> 6; hours short -1.5 h: +3; continuity -1: -4)". Terms worth no
 * points (a weight of 0) are left out. */
void move_reason_text(const struct week *w, const struct move_reason *m, struct strbuf *out);

/* The latest progress score of (patient, type) dated on or before
 * `monday` (on the same date, the later row), as week.c decides mastery;
 * *score -1 and *date DAY_NONE when there is none. */
void progress_latest(const struct clinic *c, int patient, int type, day_t monday,
		     int *score, day_t *date);

#endif

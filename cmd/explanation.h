/* explanation.h -- one patient's week, type by type and group by group:
 * the facts `explain` prints (as text or JSON) and the property test checks
 * against the roster.
 *
 * Every claim carries the numbers that make it true in the roster (members,
 * hours, the clashing group, the separated partner), so a reader or a test
 * can verify it without trusting the wording. */
#ifndef IOP_EXPLANATION_H
#define IOP_EXPLANATION_H

#include <stdbool.h>
#include <stddef.h>

#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"
#include "solver/move_reason.h"
#include "solver/reasons.h"

/* Why a patient is not in this week at all. */
enum inactive_why {
	INACTIVE_NONE,        /* active */
	INACTIVE_NOT_YET,     /* admitted after the week */
	INACTIVE_DISCHARGED,  /* discharged before the week */
	INACTIVE_AWAY,        /* away the whole of Monday to Friday */
};

const char *inactive_why_name(enum inactive_why w);

struct group_explanation {
	int group;              /* clinic index */
	enum group_cause cause; /* reasons_group_cause's verdict */
	int other_group;        /* clash, type-taken: the group the patient got; else -1 */
	int other_patient;      /* separation: the partner's clinic index; else -1 */
	int members;            /* members of the group in the roster */
	int min_size, max_size;
	/* full: what the seats went to */
	int members_need_at_least; /* members whose need for the type >= the patient's */
	int members_kept;          /* members who were in it last week too */
	/* patients eligible for it */
	int eligible;
	/* not-running: why it does not run (reasons_not_running) */
	struct not_running not_running;
	/* type-taken: the patient was in this group last week (so left it) */
	bool left;
	/* hours: the patient's hours in the roster, and with this group added */
	double hours_now, hours_with;
	/* no-fit: true when the windows do not fit (else the tags) */
	bool windows_misfit;
	/* no-fit, windows fitting: true when the program phase does not (v2) */
	bool phase_misfit;
	long pin_line;          /* pinned-out: the never pin's line in pins.csv */
	double add_gain;        /* trade-off: the score gained by adding the
				 * patient (reasons_gain_of_adding) */
};

struct type_explanation {
	int type;
	int rated;              /* need_TYPE in patients.csv */
	int need;               /* effective need this week (0 if mastered) */
	bool mastered;
	int mastery_score;      /* the latest score on or before the week; -1 none */
	day_t mastery_date;     /* its date; DAY_NONE when none */
	int given;              /* the group of this type in the roster, or -1 */
	bool given_kept;        /* that group was also last week's */
	bool given_pinned;      /* by a must pin */
	const struct unmet *unmet; /* the unmet need's reason (NULL when met or no need) */
	int previous;           /* last week's group of the type (lowest id), or -1 */
	bool has_move;          /* joined, moved or left since last week: */
	struct move_reason move; /* why (move_reason_of), the report's words */
	struct group_explanation *groups; /* every group of the type, clinic order */
	size_t n_groups;
};

struct explanation {
	int patient;            /* clinic index */
	int a;                  /* active index, -1 when not active */
	enum inactive_why inactive;
	int weeks_in;
	bool is_new, advanced;
	double hours, hours_min, hours_max;
	struct billing billing;         /* active: their days in the roster (v2) */
	struct type_explanation *types; /* [n_types], type order */
	size_t n_types;
	struct unmet_list unmet;        /* the whole roster's reasons (owned) */
};

/* Explains clinic patient `patient` in roster `r` of week `w`. Returns
 * STATUS_OK or STATUS_NO_MEMORY; `out` is always safe to release. */
enum status explanation_build(const struct week *w, const struct roster *r,
			      int patient, struct explanation *out);

void explanation_release(struct explanation *e);

#endif

/* admit.h -- a mid-week admission: seat one patient in this week's roster
 * without moving anyone else, or name the single move that would make room.
 *
 * Groups are open: the others keep their seats. The new patient gets the
 * best set of groups the contract allows around everyone else's rows (at
 * most one per type, no clash, within hours_max, no separated partner, the
 * group's max_size, eligibility, must pins), best meaning the highest score
 * of the whole roster; ties go to the earliest groups in groups.csv order.
 * A group that is not running is opened only when its min_size is 1 (a
 * group of one is a group the rules allow). */
#ifndef IOP_ADMIT_H
#define IOP_ADMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"
#include "score.h"

/* One move that would free a seat: `patient` from `from` to `to`, both
 * groups of `type`, after which the new patient fits in `from`. */
struct admit_move {
	int type;
	int patient;       /* clinic index of the patient who would move */
	int from, to;      /* clinic group indices */
	double score;      /* the roster's score after the move and the seat */
};

struct admit_result {
	struct roster roster;     /* every row of the given roster that is not the
				   * patient's, plus the patient's; sorted */
	int *given;               /* groups given to the patient, groups.csv order */
	size_t n_given;
	size_t n_replaced;        /* rows the patient already had (re-admitted) */
	struct score_terms score; /* of the new roster */
	struct unmet_list unmet;  /* every patient's, recomputed */
	/* For each type the patient needs but did not get, at most one move
	 * that would make room in a full group of that type (best score, then
	 * patient id, then group id). */
	struct admit_move *moves;
	size_t n_moves;
};

/* Seats clinic patient `patient` in roster `current` for week `w`.
 * `roster_file` (may be NULL) names the roster in messages. Returns
 *   STATUS_OK          out is filled (the patient may have got no group:
 *                      n_given == 0, their needs in unmet, moves say what
 *                      would help);
 *   STATUS_BAD_DATA    the patient is not active in the week, or the roster
 *                      with them would break a hard rule that is not theirs
 *                      to fix (a roster edited by hand, inputs changed since
 *                      it was planned): the rules are in diag;
 *   STATUS_INFEASIBLE  the patient's must pins cannot all hold without
 *                      moving someone (diag names pins.csv lines);
 *   STATUS_NO_MEMORY.
 * Release `out` with admit_result_release in every case. */
enum status admit_patient(const struct week *w, const struct roster *current,
			  const char *roster_file, int patient,
			  struct admit_result *out, struct diag_list *diag);

void admit_result_release(struct admit_result *r);

/* The seat check behind the waiting list: the groups admit_patient's
 * search would give active patient `patient` around `others` (taken as
 * they are: neither checked nor changed), written to given[] (clinic
 * group indices, groups.csv order; room for n_types), and *full_types,
 * how many of the types they need got no group while some group of the
 * type they are eligible for is full. They could start without moving
 * anyone when *n_given > 0 and *full_types == 0. Returns STATUS_OK,
 * STATUS_INFEASIBLE (their must pins cannot hold) or STATUS_NO_MEMORY. */
enum status admit_fit(const struct week *w, const struct roster *others, int patient,
		      int *given, size_t *n_given, int *full_types, struct diag_list *diag);

#endif

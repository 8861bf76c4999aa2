/* neighbourhood.h -- what one round of the neighbourhood search (lns.h)
 * frees: some groups and the patients around them, or a few patients'
 * whole weeks.
 *
 * Three kinds. Groups of one type drawn at random; groups of one type
 * around one group, those most of its possible members may also join, so
 * members can change places between them; or the whole week of a few
 * patients who share groups, among the groups that run: a patient's
 * hours and billable days are whole-week terms a neighbourhood of one
 * type cannot move. While billing is on, half the whole-week rounds
 * start from a patient one billable day short, with the members of the
 * groups that would give them that day. Every choice comes from the
 * caller's rng: the same sequence gives the same neighbourhoods. */
#ifndef IOP_NEIGHBOURHOOD_H
#define IOP_NEIGHBOURHOOD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "data/base/rng.h"

enum nb_kind { NB_RANDOM, NB_RELATED, NB_PLANS, NB_KINDS };

/* Groups freed at once, and patients at most: small enough that GLPK
 * settles the part in a fraction of a second. */
#define NB_GROUPS 8
#define NB_PATIENTS 160
/* Patients whose whole week NB_PLANS re-plans. */
#define NB_PLAN_PATIENTS 12

struct nbhood {
	enum nb_kind kind;
	size_t type;             /* NB_RANDOM, NB_RELATED: the groups' type */
	int *groups;             /* NB_RELATED: the seed first */
	size_t n_groups;         /* 0 for NB_PLANS */
	/* NB_RANDOM, NB_RELATED: the groups' members first, then others who
	 * may join one; NB_PLANS: the first patient, then each one sharing a
	 * group with one listed before */
	int *patients;
	size_t n_patients;
	bool *chosen_g, *chosen_a; /* [g], [a]: listed above */
	int *overlap;            /* scratch, per group */
};

/* Room for week w's groups and patients; false out of memory (nb can be
 * released either way). */
bool nbhood_init(struct nbhood *nb, const struct week *w);
void nbhood_release(struct nbhood *nb);

/* A neighbourhood of `kind` around the roster in[a * n_groups + g] of
 * model m. False when there is none: the type drawn has no group that
 * can run. */
bool nbhood_choose(struct nbhood *nb, const struct model *m, const bool *in,
		   struct rng *rng, enum nb_kind kind);

#endif

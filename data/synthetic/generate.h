/* generate.h -- realistic synthetic clinics from a seed, for examples,
 * property tests and the benchmark.
 *
 * Same (size, seed) always gives the same clinic, byte for byte once written.
 * Clinics have four group types (education, skills, support, communication),
 * label and timed slots, evening-only workers, women's / co-occurring /
 * Spanish-language groups with `requires`, progress histories, separations,
 * pins, and a previous roster.
 *
 * With `billing` the patients and their progress are drawn as without
 * it (the roster, separations and pins follow the groups), but the groups
 * meet the way payers bill an IOP day: in
 * morning (9-12), afternoon (13-16) and evening (18-21) blocks of 3 hours,
 * each held by two 90-minute groups back to back or by one 3-hour group;
 * orientation groups take week 0 of the program only, some groups only the
 * first weeks (before advanced_weeks), some only later ones; settings.csv
 * turns the billing rule on (3 days of at least 3 hours). */
#ifndef IOP_SYNTHETIC_GENERATE_H
#define IOP_SYNTHETIC_GENERATE_H

#include <stdint.h>

#include "data/clinic.h"
#include "data/roster.h"

struct generate_options {
	int patients;      /* active-ish patients wanted (groups scale ~1 per 4) */
	uint64_t seed;
	day_t week;        /* the Monday the clinic is built around */
	int history_weeks; /* weeks of progress history, default 4 */
	bool with_names;   /* fill the name column with invented names */
	/* A program run in 3-hour blocks, with program phases and the billing
	 * rule on (contract v2): see "billing" below. */
	bool billing;
};

/* Defaults: 60 patients, seed 1, week DAY_NONE (the caller must set a
 * Monday), 4 weeks of history, no names, no billing. */
void generate_options_init(struct generate_options *opt);

/* Named sizes: "tiny" (12), "S" (60), "M" (200), "L" (1000), "XL" (5000).
 * Returns false for an unknown name. */
bool generate_size_named(const char *name, int *patients);

/* Fills `out` (a complete, valid clinic) and `previous` (last week's
 * roster, valid against the rules for week - 7; may be NULL).
 *
 * Guarantees beyond "loads without errors": must pins are taken from a
 * roster that satisfies every hard rule for `week` (the previous roster
 * restricted to pairs still eligible, groups below their minimum dropped),
 * so the week is feasible; never pins and separations avoid the previous
 * roster, so it stays valid for week - 7; no facilitator has two clashing
 * groups. Records' `line` fields are what clinic_write + clinic_load give
 * (record i on line i + 2). opt->patients must be >= 1 and opt->week a
 * Monday, else STATUS_USAGE. On failure *out is empty and *previous too. */
enum status generate_clinic(const struct generate_options *opt,
			    struct clinic *out, struct roster *previous,
			    struct diag_list *diag);

#endif

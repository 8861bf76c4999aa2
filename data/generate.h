/* generate.h -- realistic synthetic clinics from a seed, for examples,
 * property tests and the benchmark.
 *
 * Same (size, seed) always gives the same clinic, byte for byte once written.
 * Clinics have four group types (education, skills, support, communication),
 * label and timed slots, evening-only workers, women's / co-occurring /
 * Spanish-language groups with `requires`, progress histories, separations,
 * pins, and a previous roster. */
#ifndef IOP_GENERATE_H
#define IOP_GENERATE_H

#include <stdint.h>

#include "clinic.h"
#include "roster.h"

struct generate_options {
	int patients;      /* active-ish patients wanted (groups scale ~1 per 4) */
	uint64_t seed;
	day_t week;        /* the Monday the clinic is built around */
	int history_weeks; /* weeks of progress history, default 4 */
	bool with_names;   /* fill the name column with invented names */
};

/* Named sizes: "tiny" (12), "S" (60), "M" (200), "L" (1000), "XL" (5000).
 * Returns false for an unknown name. */
bool generate_size_named(const char *name, int *patients);

/* Fills `out` (a complete, valid clinic) and `previous` (last week's
 * roster, valid against the rules for week - 7; may be NULL). */
enum status generate_clinic(const struct generate_options *opt,
			    struct clinic *out, struct roster *previous,
			    struct diag_list *diag);

#endif

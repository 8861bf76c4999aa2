/* summary.h -- the short text summary of a planned week, for stdout. */
#ifndef IOP_SUMMARY_H
#define IOP_SUMMARY_H

#include <stdio.h>

#include "data/roster.h"
#include "data/unmet.h"
#include "data/week.h"
#include "solver/score.h"

/* Per-type tallies of a roster, reused by text and JSON output. */
struct type_tally { int needs, met; };

/* Fills tally[n_types]: needs (active, need > 0) and how many are met. */
void summary_tally_needs(const struct week *w, const struct roster *r,
			 struct type_tally *tally);

/* Members per group, members[n_groups]. */
void summary_group_sizes(const struct week *w, const struct roster *r, int *members);

/* Prints "score S = need W×N + keep ... " with every term. */
void summary_print_score(FILE *out, const struct week *w, const struct score_terms *s);

/* Prints "billable patient-weeks: N of M" (contract v2) while the billing
 * rule is on; nothing while it is off. */
void summary_print_billable(FILE *out, const struct week *w, const struct score_terms *s);

#endif

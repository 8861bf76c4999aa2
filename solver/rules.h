/* rules.h -- the hard-rule checker: every way a roster can be wrong.
 *
 * Rules (the contract's numbering): 1 eligible pairs only (and active
 * patients), 2 group size 0 or min..max, 3 one group per type per patient,
 * 4 no clashing groups for a patient, 5 hours <= hours_max, 6 separations,
 * 7 pins, 8 no facilitator in two clashing running groups. */
#ifndef IOP_RULES_H
#define IOP_RULES_H

#include <stddef.h>

#include "data/roster.h"
#include "data/week.h"

/* Adds one DIAG_ERROR per violation to `out`, naming the roster file and
 * line when the placement has one (`roster_file` may be NULL), e.g.
 *   "rule 2: group 'g3' has 5 members, below its minimum 8".
 * Returns the number of violations. */
size_t rules_check(const struct week *w, const struct roster *r,
		   const char *roster_file, struct diag_list *out);

/* The same, leaving out the rules whose bit (1u << rule number) is set in
 * `skip`. A make-up session (makeup.h) is one session of a second group
 * of a type the patient already has: rule 3 (one group per type) is about
 * the week's membership, so make-ups are checked without it. */
size_t rules_check_skip(const struct week *w, const struct roster *r,
			const char *roster_file, unsigned skip, struct diag_list *out);

#endif

/* pin_check.h -- must pins that cannot all hold, named by their rows.
 *
 * Before any search, contradictions that need none: two must pins of one
 * patient of one type or with clashing slots, must pins past hours_max,
 * separated patients pinned together, more pins into a group than its
 * max_size, two pinned groups one facilitator cannot run, a pinned group
 * too few patients can join to reach min_size. Each is one error at the
 * first pin's row (pins.csv:LINE) naming the others. When only the search
 * finds the contradiction, a deletion filter names a set of must pins that
 * cannot hold together (minimal when every test finished in time). */
#ifndef IOP_PIN_CHECK_H
#define IOP_PIN_CHECK_H

#include <stddef.h>

#include "data/diag.h"
#include "data/week.h"
#include "model.h"

/* Adds one error per contradiction: STATUS_INFEASIBLE when there is any,
 * STATUS_NO_MEMORY when it could not check (said in diag), else STATUS_OK.
 * Running out of memory is never a contradiction: the run must exit as
 * out of memory, not blame the pins. */
enum status pins_check(const struct week *w, const struct model *m, struct diag_list *diag);

/* For a model GLPK found infeasible: errors naming the must pins that
 * cannot hold together, working until `deadline` (monotonic seconds). */
void pins_name_conflict(const struct model *m, double deadline, struct diag_list *diag);

#endif

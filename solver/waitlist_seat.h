/* waitlist_seat.h -- who on a waiting list could start this week without
 * moving anyone, and in which groups: the one rule behind plan's waiting-
 * list line and report section, and simulate's starts from the list.
 *
 * People are offered a seat one at a time, in order (waitlist_order): each
 * around the week's roster and the seats given to those before them, by
 * admit_fit (the groups admit would give them). Someone starts when they
 * get at least one group and no need of theirs is left unmet because its
 * groups are full (someone away the whole week cannot start it); anyone
 * else keeps waiting, and a later person whose groups have room may start
 * before them. */
#ifndef IOP_WAITLIST_SEAT_H
#define IOP_WAITLIST_SEAT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/clinic.h"
#include "data/diag.h"
#include "data/roster.h"
#include "data/status.h"

/* The order of the offers: by_need false, first come (the requested date,
 * kept in each patient's admitted, then list order); true, the largest sum
 * of needs first, then the same. Writes n indices into people[] to order. */
void waitlist_order(const struct patient *const *people, size_t n, size_t n_types, bool by_need,
		    size_t *order);

/* Offers a seat to people[order[0]], people[order[1]], ... in the week of
 * `monday` (`previous`: the roster before it, may be NULL), around
 * `roster`, a roster of that week for c. Each person who starts is
 * appended to c (a copy, admitted on monday, a planned discharge moved by
 * as many days), their rows added to `roster`, and seated[i] set for
 * people[i]; the clinic keeps them (the caller undoes that with
 * clinic_drop_patients when it only asks). Returns STATUS_OK,
 * STATUS_BAD_DATA (the week cannot be resolved: diag says why) or
 * STATUS_NO_MEMORY; on failure c holds only those seated before it. */
enum status waitlist_seat(struct clinic *c, day_t monday, const struct roster *previous,
			  struct roster *roster, const struct patient *const *people,
			  const size_t *order, size_t n, bool *seated, struct diag_list *diag);

/* Drops the patients after the first `keep` from c (those waitlist_seat
 * appended), leaving it as it was. */
void clinic_drop_patients(struct clinic *c, size_t keep);

#endif

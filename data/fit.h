/* fit.h -- the contract's rules between patients and groups: a group fits
 * a patient's windows, a patient has the tags a group requires, two groups
 * clash. The one home of these rules; slot.h compares single slots.
 *
 * Tags and labels compare exactly here: the loaders store them lower-cased
 * and folded (slot.h, clinic.h), which is how the contract's
 * "case-insensitive" holds. Program phases (v2) depend on the week, so
 * week.c adds them (group_admits_phase, clinic.h) to these rules. */
#ifndef IOP_FIT_H
#define IOP_FIT_H

#include <stdbool.h>

#include "clinic.h"
#include "slot.h"

/* `s` fits some window of `p`, or `p` gave none (any time). */
bool slot_fits_patient(const struct slot *s, const struct patient *p);

/* Every slot of `g` fits some window of `p` (each slot may use another
 * window), or `p` gave none. */
bool group_fits_windows(const struct group *g, const struct patient *p);

/* `p` has `tag` (given lower-cased, as tags are stored). */
bool patient_has_tag(const struct patient *p, const char *tag);

/* `p` has every tag `g` requires. */
bool patient_has_tags(const struct patient *p, const struct group *g);

/* The contract's "a group fits a patient": windows and tags. */
bool group_fits_patient(const struct group *g, const struct patient *p);

/* Some slot of `g` clashes with some slot of `h` (slot_clash). A group
 * with slots clashes with itself; callers compare distinct groups. */
bool groups_clash(const struct group *g, const struct group *h);

#endif

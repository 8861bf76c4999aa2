/* admissions.h -- patients who arrive after a clinic was loaded: the
 * expected-admissions file of `simulate`, and adding patients to a clinic.
 *
 * An admissions file has the columns and rules of patients.csv (id,
 * admitted, discharge, hours_min, hours_max, available, tags, need_TYPE,
 * name, away): the rows a director expects to add to patients.csv on the
 * day each patient arrives. */
#ifndef IOP_ADMISSIONS_H
#define IOP_ADMISSIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "clinic.h"
#include "diag.h"
#include "status.h"

struct admission_list {
	struct patient *items; /* file order; need[] indexed by the clinic's types */
	size_t n;
};

/* Reads the admissions file at `path` (named as given in every message)
 * for clinic `c`, with patients.csv's checks and defaults (hours from
 * c->settings). Besides those:
 *   - each need_TYPE column must name a type of patients.csv: a new type
 *     is a change to the program (patients.csv and groups.csv), not an
 *     admission, so it is an error on the header; a type without a column
 *     gets need 0;
 *   - an id already in patients.csv is an error (so is one given twice).
 * Returns STATUS_OK, STATUS_NO_INPUT (no such file), STATUS_BAD_DATA
 * (every problem in diag), STATUS_IO or STATUS_NO_MEMORY. On failure the
 * list is empty. Release with admission_list_release. */
enum status admissions_load(const char *path, const struct clinic *c,
			    struct admission_list *out, struct diag_list *diag);

/* The same for the rows of waitlist.csv when `waiting` (see waitlist.h):
 * `requested` in admitted's place, read into each patient's admitted. */
enum status admissions_load_rows(const char *path, const struct clinic *c, bool waiting,
				 struct admission_list *out, struct diag_list *diag);

void admission_list_release(struct admission_list *l);

/* Deep copy of `src`, whose need[] has n_types entries. Returns false on
 * allocation failure (then *dst is empty). */
bool patient_copy(struct patient *dst, const struct patient *src, size_t n_types);

/* Appends `p` to c->patients, taking over what it owns (*p is zeroed), and
 * keeps the clinic's id lookup current. The caller makes sure the id is not
 * taken and need[] has c->n_types entries. Returns false on allocation
 * failure, with *p and the clinic unchanged. */
bool admissions_append(struct clinic *c, struct patient *p);

#endif

/* waitlist.h -- waitlist.csv: people waiting to start the program.
 *
 * The columns of patients.csv (id, hours_min, hours_max, available, tags,
 * need_TYPE, name, away) plus `requested`, the date they asked (required);
 * `admitted` and `discharge`, when the columns are there, stay empty: the
 * day someone starts is the day they are admitted. Every cell is checked
 * as patients.csv checks it, by the same code, with the same messages;
 * besides, each need_TYPE must be a type of patients.csv and an id must not
 * already be a patient's (as for simulate's admissions file). The file is
 * optional: without it nobody is waiting. */
#ifndef IOP_WAITLIST_H
#define IOP_WAITLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "admissions.h"
#include "clinic.h"
#include "diag.h"
#include "status.h"

#define WAITLIST_FILE "waitlist.csv"

/* Each waiting patient has `admitted` = the date they asked (requested),
 * discharge DAY_NONE; need[] is indexed by the clinic's types. File order. */
struct waitlist {
	struct admission_list people;
};

/* Reads FOLDER/waitlist.csv for clinic `c`. A missing file is STATUS_OK
 * with nobody waiting (*present false); otherwise as admissions_load:
 * STATUS_BAD_DATA with every problem in diag, STATUS_IO, STATUS_NO_MEMORY.
 * Release with waitlist_release in every case. */
enum status waitlist_load(const char *folder, const struct clinic *c, struct waitlist *out,
			  bool *present, struct diag_list *diag);

void waitlist_release(struct waitlist *w);

/* Reads FOLDER/waitlist.csv only to check it (for `check`): the status of
 * waitlist_load, its problems in diag. */
enum status waitlist_check(const char *folder, const struct clinic *c, struct diag_list *diag);

#endif

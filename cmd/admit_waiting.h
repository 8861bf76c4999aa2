/* admit_waiting.h -- `admit CLINIC ID` for someone on the waiting list.
 *
 * When ID is not in patients.csv but is a row of waitlist.csv, admit takes
 * them from the list: they become a patient admitted on the week's Monday
 * (their planned stay open), are seated like any admission, and when admit
 * writes, their row moves from waitlist.csv to the end of patients.csv (in
 * patients.csv's own columns; admitted set, discharge empty), in the same
 * atomic set as the roster. Both files are rewritten through csv_out from
 * their parsed cells: same columns, same order, same values. */
#ifndef IOP_ADMIT_WAITING_H
#define IOP_ADMIT_WAITING_H

#include <stdbool.h>

#include "context.h"
#include "data/atomic_file.h"
#include "data/base/strbuf.h"

struct admit_waiting {
	bool found;                  /* ID was on the waiting list */
	struct strbuf patients, waitlist; /* the two files' new bytes */
	struct pending_file files[2];
};

/* Looks ID up on FOLDER/waitlist.csv; when there, adds them to
 * ctx->clinic, resolves ctx->week again with them, and prepares
 * out->files. Returns STATUS_OK (found or not), STATUS_BAD_DATA (the
 * list's rows: diag), STATUS_IO or STATUS_NO_MEMORY. Release always. */
enum status admit_waiting_prepare(struct context *ctx, const char *folder, const char *id,
				  struct admit_waiting *out);

void admit_waiting_release(struct admit_waiting *w);

#endif

/* week_files.h -- the files one week's run leaves beside each other, and
 * their replacement as one set.
 *
 *   FOLDER/rosters/WEEK.csv        the roster (roster_csv.h)
 *   FOLDER/rosters/WEEK.unmet.csv  its unmet needs
 *   FOLDER/rosters/WEEK.html       the director's report (plan, admit)
 *
 * A roster written elsewhere (plan --out NAME.csv) keeps the other two
 * beside it as NAME.unmet.csv and NAME.html. The roster is the commit
 * point: it is renamed last, so whoever finds a new roster also finds its
 * own run's unmet file and report beside it (test/safety/kill9.sh). */
#ifndef IOP_WEEK_FILES_H
#define IOP_WEEK_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "atomic_file.h"
#include "base/strbuf.h"
#include "date.h"
#include "diag.h"
#include "status.h"

struct week_files {
	char *roster, *unmet, *report; /* owned, never NULL after a successful init */
	char *replaced; /* FOLDER/rosters/WEEK.previous.csv: the roster a write replaced */
};

/* The paths of the week of `monday` in clinic `folder`: the roster is
 * `roster_path` when not NULL, else FOLDER/rosters/WEEK.csv (FOLDER as
 * given: it is what the commands print); the unmet file beside the roster
 * (a final ".csv" replaced by ".unmet.csv"); the report `report_path` when
 * not NULL, else beside the roster as ".html". Returns STATUS_OK or
 * STATUS_NO_MEMORY (then *f holds nothing to release). */
enum status week_files_init(struct week_files *f, const char *folder, day_t monday,
			    const char *roster_path, const char *report_path);

/* Frees the paths; NULL and a released set are no-ops. */
void week_files_release(struct week_files *f);

/* What one run writes; the buffers are borrowed. */
struct week_output {
	const struct strbuf *roster, *unmet;
	const struct strbuf *report;      /* NULL: the report is left as it is */
	const struct pending_file *extra; /* other files of the same set, may be NULL */
	size_t n_extra;                   /* at most WEEK_FILES_MAX_EXTRA */
	/* Not NULL: when the roster exists and differs from the new one, it is
	 * first copied to f->replaced (mode 0600, owner-only, whatever `mode`)
	 * and *kept set to true; so a re-plan never loses an edited roster
	 * (admit, a hand edit). The name is deterministic: the latest replaced
	 * version. Left false when nothing was replaced or it was the same. */
	bool *kept;
};

enum { WEEK_FILES_MAX_EXTRA = 4 };

/* Replaces the files with atomic_write_files (created `mode`, 0 for 0600),
 * renamed in this order: the extra files, the unmet file, the report, and
 * the roster last. A failure before the renames changes nothing; a failed
 * rename leaves the roster as it was. Returns atomic_write_files's status
 * (STATUS_INTERNAL for more than WEEK_FILES_MAX_EXTRA extra files), with
 * details in diag. */
enum status week_files_write(const struct week_files *f, const struct week_output *out,
			     mode_t mode, struct diag_list *diag);

#endif

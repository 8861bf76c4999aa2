/* week_files.h -- the files one week's run leaves beside each other, and
 * their replacement as one set.
 *
 *   FOLDER/rosters/WEEK.csv        the roster (roster_csv.h)
 *   FOLDER/rosters/WEEK.unmet.csv  its unmet needs
 *   FOLDER/rosters/WEEK.html       the director's report (plan, admit)
 *   FOLDER/rosters/WEEK.previous.csv  the roster a protected write replaced
 *   FOLDER/rosters/WEEK.written.csv   the stamp of the roster as written
 *                                     (roster_stamp.h; plan and admit)
 *   FOLDER/rosters/WEEK.attendance.csv  the attendance sheet (attendance.h),
 *                                  written as an extra file of the set
 *
 * A roster written elsewhere (plan --out NAME.csv) keeps the others
 * beside it as NAME.unmet.csv, NAME.html, and so on. The roster is the commit
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
	char *stamp;    /* FOLDER/rosters/WEEK.written.csv: how the tool wrote the roster */
	char *attendance; /* FOLDER/rosters/WEEK.attendance.csv, beside the roster */
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

/* A protected write: who writes, and what it found where the new roster
 * goes. */
struct week_kept {
	const char *writer; /* set by the caller: "plan", "admit", for the new stamp */
	/* The rest is set by week_files_write. The roster there differed from the new one and was copied to
	 * f->replaced; false when there was none or it was the same. */
	bool kept;
	/* With kept: what its stamp says about it. */
	enum week_history {
		WEEK_NO_STAMP, /* no stamp (or not this roster's): nothing known */
		WEEK_AS_WRITTEN, /* as `written_by` wrote it */
		WEEK_EDITED,   /* its placements changed since `written_by` wrote it */
	} history;
	char written_by[16]; /* "plan", "admit"; "" with WEEK_NO_STAMP */
};

/* What one run writes; the buffers are borrowed. */
struct week_output {
	const struct strbuf *roster, *unmet;
	const struct strbuf *report;      /* NULL: the report is left as it is */
	const struct pending_file *extra; /* other files of the same set, may be NULL */
	size_t n_extra;                   /* at most WEEK_FILES_MAX_EXTRA */
	/* Not NULL: a protected write, so a re-plan never loses an edited
	 * roster (admit, a hand edit). When the roster exists and differs
	 * from the new one, it is first copied to f->replaced (mode 0600,
	 * owner-only, whatever `mode`; the name is deterministic: the latest
	 * replaced version), and *kept says so and what its stamp tells of
	 * it. The new roster's stamp, naming kept->writer, joins the set. */
	struct week_kept *kept;
};

enum { WEEK_FILES_MAX_EXTRA = 4 };

/* Replaces the files with atomic_write_files (created `mode`, 0 for 0600),
 * renamed in this order: the extra files, the unmet file, the report, the
 * stamp (protected writes), and the roster last. (A kill between the last
 * two renames leaves the old roster beside the new stamp: the next run
 * then calls it edited, which costs a wrong word, never a roster.) A failure before the renames changes nothing; a failed
 * rename leaves the roster as it was. Returns atomic_write_files's status
 * (STATUS_INTERNAL for more than WEEK_FILES_MAX_EXTRA extra files), with
 * details in diag. */
enum status week_files_write(const struct week_files *f, const struct week_output *out,
			     mode_t mode, struct diag_list *diag);

#endif

/* kept.h -- the line that says where a re-plan put the roster it replaced,
 * whether that roster had been changed since it was planned, and how many
 * patients the new roster places otherwise. */
#ifndef IOP_KEPT_H
#define IOP_KEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "data/date.h"
#include "data/roster.h"
#include "data/week.h"
#include "data/week_files.h"
#include "json.h"

/* The line for `k` (without a newline) into buf, e.g.
 *   the roster of 2026-11-30 had been edited since it was planned; kept as PATH
 *   the roster of 2026-11-30 had been changed by admit since it was planned; kept as PATH
 *   kept the roster it replaced as PATH     (as plan wrote it, or no stamp)
 * each followed by " (the new roster places N patients otherwise)" when
 * `moved` > 0. Returns true when the replaced roster had been changed
 * since plan wrote it (by hand or by admit): news a director must not
 * miss. Empty buf and false when nothing was kept. */
bool kept_line(const struct week_kept *k, day_t monday, const char *kept_path, long moved,
	       char *buf, size_t size);

/* How many patients `now` places otherwise than the roster file at
 * `kept_path` (a group more, fewer or another; ids the clinic no longer
 * knows are left out); -1 when the file cannot be read. */
long kept_moved(const struct week *w, const char *kept_path, const struct roster *now);

/* Prints kept_line (with `moved` from kept_moved): on stdout as the
 * summary's first line when `summary`, else (--quiet, --format json) only
 * news, as a warning on stderr so cron mails it. */
void kept_print(const struct week_kept *k, day_t monday, const char *kept_path, long moved,
		bool summary);

/* The JSON summary's "replaced" member: null when nothing was kept, else
 *   {"kept_as": PATH, "history": "edited"|"as-written"|"no-stamp",
 *    "written_by": "plan"|"admit"|null, "placed_otherwise": N|null} */
void kept_json(struct json *j, const struct week_kept *k, const char *kept_path, long moved);

#endif

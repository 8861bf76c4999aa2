/* roster_stamp.h -- the note the tool leaves beside a roster it writes, so
 * a later run can tell a roster edited since from one as it was written.
 *
 * Beside FOLDER/rosters/WEEK.csv, plan and admit write WEEK.written.csv:
 *
 *   roster,written_by,rows,fingerprint
 *   2026-11-30.csv,plan,42,8c1f0a7d3e5b2964
 *
 * The fingerprint covers what every command reads back from a roster: its
 * patient and group cells, row by row, as a sorted list (a row listed twice
 * counts twice). A spreadsheet round trip that changes nothing a command
 * reads (line endings, quoting, a BOM, the order of rows or columns, the
 * week column turned into 11/30/2026, the derived type, slots, hours and
 * change columns) keeps the fingerprint; adding, removing or changing a
 * placement changes it. FNV-1a over 64 bits: it only has to notice
 * accidents, not resist someone forging a roster. */
#ifndef IOP_ROSTER_STAMP_H
#define IOP_ROSTER_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "status.h"

struct roster_stamp {
	char roster[256];     /* the roster's file name, without its folder */
	char written_by[16];  /* the command that wrote it: "plan", "admit" */
	size_t rows;          /* placements rows it held */
	uint64_t fingerprint;
};

/* The fingerprint and row count of roster file bytes (see above). Bytes
 * that do not parse as CSV, or lack a patient or group column, still give
 * a fingerprint (of the rows that do parse): the stamp only has to tell
 * whether they changed. STATUS_OK or STATUS_NO_MEMORY. */
enum status roster_fingerprint(const char *data, size_t len, uint64_t *fingerprint,
			       size_t *rows);

/* Appends the stamp file for roster bytes `data` written by `written_by`
 * to a file named `roster_path` (only its last component is recorded). On
 * failure sets out->failed (as every strbuf append), or returns
 * STATUS_NO_MEMORY. */
enum status roster_stamp_format(const char *roster_path, const char *written_by,
				const char *data, size_t len, struct strbuf *out);

/* Reads a stamp file's bytes. False when they are not a stamp this tool
 * wrote (then *out holds nothing): a broken or foreign stamp is as good as
 * none, never an error that blocks the week. */
bool roster_stamp_parse(const char *data, size_t len, struct roster_stamp *out);

#endif

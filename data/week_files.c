/* week_files.c -- where a week's roster, unmet file and report go, and the
 * one place that writes them together. */
#include "week_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roster_stamp.h"

/* "x/rosters/2026-11-30.csv" -> "x/rosters/2026-11-30.unmet.csv". */
static char *sibling_path(const char *roster, const char *suffix)
{
	size_t len = strlen(roster);
	size_t stem = len;
	if (len >= 4 && !strcmp(roster + len - 4, ".csv"))
		stem = len - 4;
	char *p = malloc(stem + strlen(suffix) + 1);
	if (!p)
		return NULL;
	memcpy(p, roster, stem);
	strcpy(p + stem, suffix);
	return p;
}

enum status week_files_init(struct week_files *f, const char *folder, day_t monday,
			    const char *roster_path, const char *report_path)
{
	memset(f, 0, sizeof *f);
	if (roster_path) {
		f->roster = strdup(roster_path);
	} else {
		char day[11];
		date_format(monday, day);
		size_t len = strlen(folder) + sizeof "/rosters/" + sizeof day + sizeof ".csv";
		if ((f->roster = malloc(len)))
			snprintf(f->roster, len, "%s/rosters/%s.csv", folder, day);
	}
	if (f->roster) {
		f->unmet = sibling_path(f->roster, ".unmet.csv");
		f->replaced = sibling_path(f->roster, ".previous.csv");
		f->stamp = sibling_path(f->roster, ".written.csv");
		f->attendance = sibling_path(f->roster, ".attendance.csv");
		f->report = report_path ? strdup(report_path) : sibling_path(f->roster, ".html");
	}
	if (!f->roster || !f->unmet || !f->report || !f->replaced || !f->stamp ||
	    !f->attendance) {
		week_files_release(f);
		return STATUS_NO_MEMORY;
	}
	return STATUS_OK;
}

void week_files_release(struct week_files *f)
{
	if (f == NULL)
		return;
	free(f->roster);
	free(f->unmet);
	free(f->report);
	free(f->replaced);
	free(f->stamp);
	free(f->attendance);
	memset(f, 0, sizeof *f);
}

/* Reads the whole file at path into *buf; false when it cannot be read. */
static bool read_all(const char *path, struct strbuf *buf)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		strbuf_append(buf, chunk, n);
	bool ok = !ferror(fp) && !buf->failed;
	fclose(fp);
	return ok;
}

/* What the stamp beside the roster says of `old`, the roster's bytes. */
static enum status read_history(const struct week_files *f, const struct strbuf *old,
				struct week_kept *kept)
{
	struct strbuf bytes = STRBUF_INIT;
	struct roster_stamp stamp;
	const char *slash = strrchr(f->roster, '/');
	/* A stamp that is missing, broken or about another file (a roster
	 * renamed, copied in) tells nothing. */
	if (read_all(f->stamp, &bytes) && roster_stamp_parse(bytes.data, bytes.len, &stamp) &&
	    !strcmp(stamp.roster, slash ? slash + 1 : f->roster)) {
		uint64_t fp;
		size_t rows;
		enum status st = roster_fingerprint(old->data, old->len, &fp, &rows);
		if (st != STATUS_OK) {
			strbuf_release(&bytes);
			return st;
		}
		kept->history = fp == stamp.fingerprint ? WEEK_AS_WRITTEN : WEEK_EDITED;
		strcpy(kept->written_by, stamp.written_by);
	}
	bool no_memory = bytes.failed;
	strbuf_release(&bytes);
	return no_memory ? STATUS_NO_MEMORY : STATUS_OK;
}

/* Keeps the roster about to be replaced, when it differs from the new one. */
static enum status keep_replaced(const struct week_files *f, const struct week_output *out,
				 struct diag_list *diag)
{
	out->kept->kept = false;
	out->kept->history = WEEK_NO_STAMP;
	out->kept->written_by[0] = '\0';
	struct strbuf old = STRBUF_INIT;
	if (!read_all(f->roster, &old)) {
		enum status st = old.failed ? STATUS_NO_MEMORY : STATUS_OK;
		strbuf_release(&old);
		return st; /* nothing to keep (or unreadable: the write reports it) */
	}
	enum status st = STATUS_OK;
	if (old.len != out->roster->len || memcmp(old.data, out->roster->data, old.len) != 0) {
		st = read_history(f, &old, out->kept);
		struct pending_file copy = { f->replaced, old.data, old.len };
		if (st == STATUS_OK)
			st = atomic_write_files(&copy, 1, 0600, diag);
		out->kept->kept = st == STATUS_OK;
	}
	strbuf_release(&old);
	return st;
}

enum status week_files_write(const struct week_files *f, const struct week_output *out,
			     mode_t mode, struct diag_list *diag)
{
	/* On the stack: writing must not need memory the run may not have. */
	struct pending_file files[WEEK_FILES_MAX_EXTRA + 4];
	size_t n = 0;
	if (out->n_extra > WEEK_FILES_MAX_EXTRA) {
		diag_error(diag, NULL, 0, 0, NULL, "internal error: %zu extra files", out->n_extra);
		return STATUS_INTERNAL;
	}
	struct strbuf stamp = STRBUF_INIT;
	if (out->kept != NULL) {
		/* The stamp first: it takes only memory, so running out of it
		 * changes no file. Then the copy, before the set: if the set
		 * fails, the copy equals the roster still in place, and nothing
		 * is lost either way. */
		enum status st = roster_stamp_format(f->roster,
						     out->kept->writer ? out->kept->writer : "plan",
						     out->roster->data, out->roster->len, &stamp);
		if (st == STATUS_OK)
			st = keep_replaced(f, out, diag);
		if (st != STATUS_OK) {
			if (st == STATUS_NO_MEMORY)
				diag_error(diag, f->roster, 0, 0, NULL,
					   "out of memory while keeping the roster it replaces");
			strbuf_release(&stamp);
			return st;
		}
	}
	for (size_t i = 0; i < out->n_extra; i++)
		files[n++] = out->extra[i];
	files[n++] = (struct pending_file){ f->unmet, out->unmet->data, out->unmet->len };
	if (out->report)
		files[n++] = (struct pending_file){ f->report, out->report->data, out->report->len };
	if (out->kept != NULL)
		files[n++] = (struct pending_file){ f->stamp, stamp.data, stamp.len };
	files[n++] = (struct pending_file){ f->roster, out->roster->data, out->roster->len };
	enum status st = atomic_write_files(files, n, mode, diag);
	strbuf_release(&stamp);
	return st;
}

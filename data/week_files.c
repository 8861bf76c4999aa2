/* week_files.c -- where a week's roster, unmet file and report go, and the
 * one place that writes them together. */
#include "week_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		f->report = report_path ? strdup(report_path) : sibling_path(f->roster, ".html");
	}
	if (!f->roster || !f->unmet || !f->report || !f->replaced) {
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

/* Keeps the roster about to be replaced, when it differs from the new one. */
static enum status keep_replaced(const struct week_files *f, const struct week_output *out,
				 struct diag_list *diag)
{
	*out->kept = false;
	struct strbuf old = STRBUF_INIT;
	if (!read_all(f->roster, &old)) {
		strbuf_release(&old);
		return STATUS_OK; /* nothing to keep (or unreadable: the write reports it) */
	}
	enum status st = STATUS_OK;
	if (old.len != out->roster->len || memcmp(old.data, out->roster->data, old.len) != 0) {
		struct pending_file copy = { f->replaced, old.data, old.len };
		st = atomic_write_files(&copy, 1, 0600, diag);
		*out->kept = st == STATUS_OK;
	}
	strbuf_release(&old);
	return st;
}

enum status week_files_write(const struct week_files *f, const struct week_output *out,
			     mode_t mode, struct diag_list *diag)
{
	/* On the stack: writing must not need memory the run may not have. */
	struct pending_file files[WEEK_FILES_MAX_EXTRA + 3];
	size_t n = 0;
	if (out->n_extra > WEEK_FILES_MAX_EXTRA) {
		diag_error(diag, NULL, 0, 0, NULL, "internal error: %zu extra files", out->n_extra);
		return STATUS_INTERNAL;
	}
	if (out->kept != NULL) {
		/* Before the set: if the set then fails, the copy equals the
		 * roster still in place, and nothing is lost either way. */
		enum status st = keep_replaced(f, out, diag);
		if (st != STATUS_OK)
			return st;
	}
	for (size_t i = 0; i < out->n_extra; i++)
		files[n++] = out->extra[i];
	files[n++] = (struct pending_file){ f->unmet, out->unmet->data, out->unmet->len };
	if (out->report)
		files[n++] = (struct pending_file){ f->report, out->report->data, out->report->len };
	files[n++] = (struct pending_file){ f->roster, out->roster->data, out->roster->len };
	return atomic_write_files(files, n, mode, diag);
}

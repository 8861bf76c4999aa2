/* admit_waiting.c -- a person of waitlist.csv admitted by id. */
#include "admit_waiting.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/admissions.h"
#include "data/csv_out.h"
#include "data/csv_table.h"
#include "data/date.h"
#include "data/waitlist.h"
#include "data/base/path.h"

/* Every row of t but `skip` (-1: none), and `extra` (n_columns cells, or
 * NULL) at the end, through csv_out. */
static void table_bytes(const struct csv_table *t, long skip, const char *const *extra,
			struct strbuf *out)
{
	const char **cells = calloc(t->n_columns ? t->n_columns : 1, sizeof *cells);
	if (!cells) {
		out->failed = true;
		return;
	}
	csv_out_row(out, (const char *const *)t->columns, t->n_columns);
	for (size_t r = 0; r < t->n_rows; r++) {
		if ((long)r == skip)
			continue;
		for (size_t c = 0; c < t->n_columns; c++)
			cells[c] = csv_table_cell(t, r, (int)c);
		csv_out_row(out, cells, t->n_columns);
	}
	if (extra)
		csv_out_row(out, extra, t->n_columns);
	free(cells);
}

enum status admit_waiting_prepare(struct context *ctx, const char *folder, const char *id,
				  struct admit_waiting *out)
{
	memset(out, 0, sizeof *out);
	strbuf_init(&out->patients);
	strbuf_init(&out->waitlist);
	struct clinic *c = &ctx->clinic;
	struct waitlist list;
	bool present;
	enum status st = waitlist_load(folder, c, &list, &present, &ctx->diag);
	const struct patient *waiting = NULL;
	for (size_t i = 0; st == STATUS_OK && i < list.people.n; i++)
		if (strcmp(list.people.items[i].id, id) == 0)
			waiting = &list.people.items[i];
	if (st != STATUS_OK || !waiting) {
		waitlist_release(&list);
		return st;
	}
	out->found = true;

	/* The files as they are, and the row that moves. */
	char *ppath = path_join(folder, "patients.csv"), *wpath = path_join(folder, WAITLIST_FILE);
	struct csv_table pt = { 0 }, wt = { 0 };
	const char **row = NULL;
	char monday[11];
	date_format(ctx->week.monday, monday);
	if (!ppath || !wpath) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	if ((st = csv_table_read(ppath, &pt, &ctx->diag)) != STATUS_OK ||
	    (st = csv_table_read(wpath, &wt, &ctx->diag)) != STATUS_OK)
		goto done;
	long at = -1;
	int wid = csv_table_column(&wt, "id");
	for (size_t r = 0; r < wt.n_rows && at < 0; r++)
		if (strcmp(csv_table_cell(&wt, r, wid), id) == 0)
			at = (long)r;
	if (!(row = calloc(pt.n_columns ? pt.n_columns : 1, sizeof *row))) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t k = 0; k < pt.n_columns; k++) {
		const char *name = pt.columns[k];
		if (!strcasecmp(name, "admitted"))
			row[k] = monday;
		else if (!strcasecmp(name, "discharge"))
			row[k] = "";
		else
			row[k] = at < 0 ? "" : csv_table_cell(&wt, (size_t)at, csv_table_column(&wt, name));
	}
	table_bytes(&pt, -1, row, &out->patients);
	table_bytes(&wt, at, NULL, &out->waitlist);

	/* The clinic and the week as they will be. */
	struct patient p;
	if (!patient_copy(&p, waiting, c->n_types)) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	p.admitted = ctx->week.monday;
	p.discharge = DAY_NONE;
	p.line = (long)c->n_patients + 2;
	if (!admissions_append(c, &p)) {
		patient_release(&p);
		st = STATUS_NO_MEMORY;
		goto done;
	}
	day_t week = ctx->week.monday;
	week_release(&ctx->week);
	st = week_resolve(c, week, ctx->previous_path ? &ctx->previous : NULL, ctx->previous_path,
			  &ctx->week, &ctx->diag);
	if (out->patients.failed || out->waitlist.failed)
		st = STATUS_NO_MEMORY;
	out->files[0] = (struct pending_file){ ppath, out->patients.data, out->patients.len };
	out->files[1] = (struct pending_file){ wpath, out->waitlist.data, out->waitlist.len };
	ppath = wpath = NULL; /* now the files' */
done:
	free(row);
	free(ppath);
	free(wpath);
	csv_table_release(&pt);
	csv_table_release(&wt);
	waitlist_release(&list);
	return st;
}

void admit_waiting_release(struct admit_waiting *w)
{
	if (!w)
		return;
	free((char *)w->files[0].path);
	free((char *)w->files[1].path);
	strbuf_release(&w->patients);
	strbuf_release(&w->waitlist);
	memset(w, 0, sizeof *w);
}

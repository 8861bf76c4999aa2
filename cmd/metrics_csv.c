/* metrics_csv.c -- the bytes of simulate's metrics.csv, from one column table. */
#include "metrics_csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv_out.h"
#include "data/date.h"
#include "data/unmet.h"

/* How many cells a column stands for: one, one per type, one per reason. */
enum span { ONE, PER_TYPE, PER_REASON };

enum format { COUNT, RATIO, SCORE }; /* "%ld", "%.3f", "%.2f" */

/* When a column is in the file: always, or only while the feature it
 * counts is on, so a run without them gives the file it always gave. */
enum shown { ALWAYS, BILLING, NO_SHOWS, DROPOUTS, WAITLIST };

/* A week's value in the column; i is the type or reason of a per-type or
 * per-reason column. NAN leaves the cell empty. */
typedef double column_value(const struct sim_metrics *m, size_t i);

static double active(const struct sim_metrics *m, size_t i) { return m->active; }
static double admitted(const struct sim_metrics *m, size_t i) { return m->admitted; }
static double discharged(const struct sim_metrics *m, size_t i) { return m->discharged; }
static double completed(const struct sim_metrics *m, size_t i) { return m->completed; }
static double needs(const struct sim_metrics *m, size_t i) { return m->needs; }
static double met(const struct sim_metrics *m, size_t i) { return m->met; }
static double unmet(const struct sim_metrics *m, size_t i) { return m->needs - m->met; }
static double met_type(const struct sim_metrics *m, size_t t) { return m->met_by_type[t]; }
static double unmet_type(const struct sim_metrics *m, size_t t)
{
	return m->needs_by_type[t] - m->met_by_type[t];
}
static double unmet_reason(const struct sim_metrics *m, size_t r) { return m->unmet_by_reason[r]; }
static double running(const struct sim_metrics *m, size_t i) { return m->running; }
static double running_type(const struct sim_metrics *m, size_t t) { return m->running_by_type[t]; }
static double needed_type(const struct sim_metrics *m, size_t t) { return m->needed_by_type[t]; }
static double placements(const struct sim_metrics *m, size_t i) { return m->placements; }
static double kept(const struct sim_metrics *m, size_t i) { return m->kept; }
static double joins(const struct sim_metrics *m, size_t i) { return m->joined; }
static double leaves(const struct sim_metrics *m, size_t i) { return m->left; }
static double moves(const struct sim_metrics *m, size_t i) { return m->moved; }
static double patients_kept(const struct sim_metrics *m, size_t i) { return m->patients_kept; }
static double continuity(const struct sim_metrics *m, size_t i)
{
	if (m->kept + m->moved == 0)
		return NAN;
	return (double)m->kept / (double)(m->kept + m->moved);
}
static double score(const struct sim_metrics *m, size_t i) { return m->score.total; }
static double billable(const struct sim_metrics *m, size_t i) { return m->billable; }
static double no_shows(const struct sim_metrics *m, size_t i) { return m->no_shows; }
static double dropped(const struct sim_metrics *m, size_t i) { return m->dropped; }
static double started(const struct sim_metrics *m, size_t i) { return m->started; }
static double waiting_days(const struct sim_metrics *m, size_t i) { return m->waiting_days; }
static double waiting(const struct sim_metrics *m, size_t i) { return m->waiting; }

/* Every column after `week`, in file order. */
static const struct column {
	const char *name; /* the header; for PER_ columns, the prefix of the type or reason */
	enum span span;
	column_value *value;
	enum format format;
	enum shown shown;
} columns[] = {
	{ "active", ONE, active, COUNT, ALWAYS },
	{ "admitted", ONE, admitted, COUNT, ALWAYS },
	{ "discharged", ONE, discharged, COUNT, ALWAYS },
	{ "completed", ONE, completed, COUNT, ALWAYS },
	{ "needs", ONE, needs, COUNT, ALWAYS },
	{ "met", ONE, met, COUNT, ALWAYS },
	{ "unmet", ONE, unmet, COUNT, ALWAYS },
	{ "met_", PER_TYPE, met_type, COUNT, ALWAYS },
	{ "unmet_", PER_TYPE, unmet_type, COUNT, ALWAYS },
	{ "unmet_", PER_REASON, unmet_reason, COUNT, ALWAYS },
	{ "running", ONE, running, COUNT, ALWAYS },
	{ "running_", PER_TYPE, running_type, COUNT, ALWAYS },
	{ "needed_", PER_TYPE, needed_type, COUNT, ALWAYS },
	{ "placements", ONE, placements, COUNT, ALWAYS },
	{ "kept", ONE, kept, COUNT, ALWAYS },
	{ "joins", ONE, joins, COUNT, ALWAYS },
	{ "leaves", ONE, leaves, COUNT, ALWAYS },
	{ "moves", ONE, moves, COUNT, ALWAYS },
	{ "patients_kept", ONE, patients_kept, COUNT, ALWAYS },
	{ "continuity", ONE, continuity, RATIO, ALWAYS },
	{ "score", ONE, score, SCORE, ALWAYS },
	{ "billable", ONE, billable, COUNT, BILLING },
	{ "no_shows", ONE, no_shows, COUNT, NO_SHOWS },
	{ "dropped", ONE, dropped, COUNT, DROPOUTS },
	{ "started", ONE, started, COUNT, WAITLIST },
	{ "waiting_days", ONE, waiting_days, COUNT, WAITLIST },
	{ "waiting", ONE, waiting, COUNT, WAITLIST },
};

#define N_COLUMNS (sizeof columns / sizeof columns[0])

static size_t width(enum span span, size_t n_types)
{
	return span == PER_TYPE ? n_types : span == PER_REASON ? (size_t)UNMET_REASON_COUNT : 1;
}

static bool is_shown(const struct simulation *s, enum shown shown)
{
	const struct settings *set = &s->clinic.settings;
	switch (shown) {
	case ALWAYS: return true;
	case BILLING: return set->billable_days > 0;
	case NO_SHOWS: return set->no_show_rate > 0;
	case DROPOUTS: return set->dropout_rate > 0;
	case WAITLIST: return s->opt.use_waitlist;
	}
	return false;
}

size_t metrics_csv_columns(size_t n_types)
{
	size_t n = 1; /* week */
	for (size_t j = 0; j < N_COLUMNS; j++)
		if (columns[j].shown == ALWAYS)
			n += width(columns[j].span, n_types);
	return n;
}

static void append_value(struct strbuf *out, enum format format, double v)
{
	if (isnan(v))
		return;
	switch (format) {
	case COUNT: strbuf_printf(out, "%ld", (long)v); break;
	case RATIO: strbuf_printf(out, "%.3f", v); break;
	case SCORE: strbuf_printf(out, "%.2f", v); break;
	}
}

/* The header row, through csv_out: type names come from the clinic's files. */
static void append_header(const struct simulation *s, struct strbuf *out)
{
	const struct clinic *c = &s->clinic;
	size_t n = metrics_csv_columns(c->n_types) + N_COLUMNS, k = 0;
	char **names = calloc(n, sizeof *names);
	const char **cells = calloc(n, sizeof *cells);
	if (!names || !cells) {
		out->failed = true;
		goto done;
	}
	cells[k++] = "week";
	for (size_t j = 0; j < N_COLUMNS; j++) {
		const struct column *col = &columns[j];
		if (!is_shown(s, col->shown))
			continue;
		if (col->span == ONE) {
			cells[k++] = col->name;
			continue;
		}
		for (size_t i = 0; i < width(col->span, c->n_types); i++) {
			const char *label = col->span == PER_TYPE ? c->type_names[i]
				: unmet_reason_name((enum unmet_reason)i);
			size_t len = strlen(col->name) + strlen(label) + 1;
			if (!(names[k] = malloc(len))) {
				out->failed = true;
				goto done;
			}
			snprintf(names[k], len, "%s%s", col->name, label);
			cells[k] = names[k];
			k++;
		}
	}
	csv_out_row(out, cells, k);
done:
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	free(cells);
}

void metrics_csv_format(const struct simulation *s, struct strbuf *out)
{
	const struct clinic *c = &s->clinic;
	append_header(s, out);
	for (size_t wk = 0; wk < s->n_weeks; wk++) {
		const struct sim_metrics *m = &s->weeks[wk].m;
		char day[11];
		date_format(s->weeks[wk].monday, day);
		strbuf_puts(out, day);
		/* Every cell of a week's row is a number made here; a negative
		 * score must stay a number in a spreadsheet, so these cells skip
		 * csv_out's neutralising of a leading '-'. */
		for (size_t j = 0; j < N_COLUMNS; j++) {
			if (!is_shown(s, columns[j].shown))
				continue;
			for (size_t i = 0; i < width(columns[j].span, c->n_types); i++) {
				strbuf_append(out, ",", 1);
				append_value(out, columns[j].format, columns[j].value(m, i));
			}
		}
		strbuf_append(out, "\n", 1);
	}
}

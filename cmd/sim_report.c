/* sim_report.c -- the HTML page of a simulation run: lines over the weeks,
 * drawn as inline SVG so the page needs nothing but a browser (or a printer). */
#include "sim_report.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "data/date.h"
#include "data/html.h"
#include "data/html_grid.h"

/* Per-week values, one column per line drawn; the series point into them. */
enum { V_ACTIVE, V_ADMITTED, V_DISCHARGED, V_NEEDS, V_MET, V_UNMET, V_JOINS, V_LEAVES, V_MOVES,
       V_KEPT, V_BILLABLE, V_NO_SHOWS, V_DROPPED, V_STARTED, V_WAITING,
       V_FIXED /* then running and needed groups by type */ };

struct page {
	const struct simulation *s;
	struct strbuf *b;
	const char *rates_note; /* sim_report_html's */
	int *v;               /* [column * n_weeks + week] */
	const char **x_labels; /* [n_weeks]: "MM-DD" */
	char *x_text;
};

static int *column(const struct page *p, size_t j)
{
	return p->v + j * (p->s->n_weeks ? p->s->n_weeks : 1);
}

static void fill_columns(struct page *p)
{
	size_t nt = p->s->clinic.n_types;
	for (size_t k = 0; k < p->s->n_weeks; k++) {
		const struct sim_metrics *m = &p->s->weeks[k].m;
		column(p, V_ACTIVE)[k] = m->active;
		column(p, V_ADMITTED)[k] = m->admitted;
		column(p, V_DISCHARGED)[k] = m->discharged;
		column(p, V_NEEDS)[k] = m->needs;
		column(p, V_MET)[k] = m->met;
		column(p, V_UNMET)[k] = m->needs - m->met;
		column(p, V_JOINS)[k] = m->joined;
		column(p, V_LEAVES)[k] = m->left;
		column(p, V_MOVES)[k] = m->moved;
		column(p, V_KEPT)[k] = m->kept;
		column(p, V_BILLABLE)[k] = m->billable;
		column(p, V_NO_SHOWS)[k] = m->no_shows;
		column(p, V_DROPPED)[k] = m->dropped;
		column(p, V_STARTED)[k] = m->started;
		column(p, V_WAITING)[k] = m->waiting;
		for (size_t t = 0; t < nt; t++) {
			column(p, V_FIXED + t)[k] = m->running_by_type[t];
			column(p, V_FIXED + nt + t)[k] = m->needed_by_type[t];
		}
		char day[11];
		date_format(p->s->weeks[k].monday, day);
		memcpy(p->x_text + 6 * k, day + 5, 6);
		p->x_labels[k] = p->x_text + 6 * k;
	}
}

static void cards(const struct page *p)
{
	long kept = 0, moved = 0, admitted = 0, discharged = 0, active = 0;
	int peak_groups = 0, peak_needed = 0;
	size_t n = p->s->n_weeks;
	for (size_t k = 0; k < n; k++) {
		const struct sim_metrics *m = &p->s->weeks[k].m;
		int needed = 0;
		for (size_t t = 0; t < p->s->clinic.n_types; t++)
			needed += m->needed_by_type[t];
		kept += m->kept;
		moved += m->moved;
		admitted += m->admitted;
		discharged += m->discharged;
		active += m->active;
		if (m->running > peak_groups)
			peak_groups = m->running;
		if (needed > peak_needed)
			peak_needed = needed;
	}
	char text[64];
	html_cards_open(p->b);
	snprintf(text, sizeof text, "%.1f", n ? (double)active / (double)n : 0.0);
	html_card(p->b, text, "active patients a week, on average");
	snprintf(text, sizeof text, "%ld / %ld", admitted, discharged);
	html_card(p->b, text, "admitted / discharged");
	snprintf(text, sizeof text, "%d / %d", peak_groups, peak_needed);
	html_card(p->b, text, "most groups running / needed in a week");
	if (kept + moved > 0)
		snprintf(text, sizeof text, "%.0f%%", 100.0 * (double)kept / (double)(kept + moved));
	else
		snprintf(text, sizeof text, "-");
	html_card(p->b, text, "kept their group, of those staying in a type");
	html_cards_close(p->b);
}

static void lines(const struct page *p, const char *id, const char *title,
		  const struct chart_series *series, size_t n)
{
	chart_lines(p->b, &(struct chart_over_time){
		.id = id, .title = title, .x_labels = p->x_labels, .n_points = p->s->n_weeks,
		.series = series, .n_series = n });
}

/* Each type's groups running (solid) and needed (dashed) in one colour. */
static void groups_chart(const struct page *p)
{
	const struct clinic *c = &p->s->clinic;
	size_t nt = c->n_types;
	struct chart_series *ser = calloc(2 * nt + 1, sizeof *ser);
	char **labels = calloc(nt + 1, sizeof *labels);
	for (size_t t = 0; ser != NULL && labels != NULL && t < nt; t++) {
		size_t len = strlen(c->type_names[t]) + 16;
		if ((labels[t] = malloc(len)) == NULL)
			break;
		snprintf(labels[t], len, "%s needed", c->type_names[t]);
		ser[2 * t] = (struct chart_series){ c->type_names[t], chart_colour(t), false,
						    column(p, V_FIXED + t) };
		ser[2 * t + 1] = (struct chart_series){ labels[t], chart_colour(t), true,
							column(p, V_FIXED + nt + t) };
	}
	if (ser == NULL || labels == NULL || (nt > 0 && labels[nt - 1] == NULL))
		p->b->failed = true;
	else
		lines(p, "chart-groups", "groups by type", ser, 2 * nt);
	for (size_t t = 0; labels && t < nt; t++)
		free(labels[t]);
	free(labels);
	free(ser);
}

/* Billable weeks, no-shows, dropouts and the waiting list: only the lines
 * whose feature the run had on (metrics.csv's optional columns). */
static void honest_chart(const struct page *p)
{
	const struct settings *set = &p->s->clinic.settings;
	struct chart_series ser[5];
	size_t n = 0;
	if (set->billable_days > 0)
		ser[n++] = (struct chart_series){ "billable", CHART_GREEN, false, column(p, V_BILLABLE) };
	if (set->no_show_rate > 0)
		ser[n++] = (struct chart_series){ "no-shows", CHART_ORANGE, false, column(p, V_NO_SHOWS) };
	if (set->dropout_rate > 0)
		ser[n++] = (struct chart_series){ "dropped out", chart_colour(3), false,
						  column(p, V_DROPPED) };
	if (p->s->opt.use_waitlist) {
		ser[n++] = (struct chart_series){ "waiting", CHART_BLUE, false, column(p, V_WAITING) };
		ser[n++] = (struct chart_series){ "started from the list", CHART_BLUE, true,
						  column(p, V_STARTED) };
	}
	if (n == 0 && !p->rates_note)
		return;
	long started = 0, waited = 0;
	for (size_t k = 0; k < p->s->n_weeks; k++) {
		started += p->s->weeks[k].m.started;
		waited += p->s->weeks[k].m.waiting_days;
	}
	html_heading(p->b, 2, "attendance", "Billing, attendance and the waiting list");
	html_para(p->b, "hint", "Patients whose week bills and who came; patients with a group who "
		  "missed the week (drawn at no_show_rate); patients who dropped out (drawn at "
		  "dropout_rate); people waiting each Monday, and those who started from the list.");
	if (p->s->opt.use_waitlist && started > 0)
		html_para(p->b, NULL, "%ld started from the waiting list, after %.1f days on average.",
			  started, (double)waited / (double)started);
	/* one paragraph per line of the note */
	for (const char *line = p->rates_note; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		html_para_open(p->b, "rates");
		html_escape_n(p->b, line, len);
		html_para_close(p->b);
		line += len + (end != NULL);
	}
	if (n > 0)
		lines(p, "chart-attendance", "billing, attendance and waiting", ser, n);
}

static void charts(const struct page *p)
{
	struct strbuf *b = p->b;
	html_heading(b, 2, "active", "Active patients");
	const struct chart_series active[] = {
		{ "active", CHART_BLUE, false, column(p, V_ACTIVE) },
		{ "admitted", CHART_GREEN, false, column(p, V_ADMITTED) },
		{ "discharged", CHART_ORANGE, false, column(p, V_DISCHARGED) },
	};
	lines(p, "chart-active", "active patients", active, 3);

	html_heading(b, 2, "needs", "Needs met");
	const struct chart_series needs[] = {
		{ "needs", CHART_GREY, true, column(p, V_NEEDS) },
		{ "met", CHART_GREEN, false, column(p, V_MET) },
		{ "unmet", CHART_ORANGE, false, column(p, V_UNMET) },
	};
	lines(p, "chart-needs", "needs met", needs, 3);

	html_heading(b, 2, "groups", "Groups by type");
	html_para(b, "hint", "Solid: groups running. Dashed: groups needed to seat every need of the "
		  "type (needs divided by the type's largest group size), whatever the times.");
	groups_chart(p);

	html_heading(b, 2, "churn", "Churn");
	html_para(b, "hint", "Rows of each week's roster compared with the week before: joins (a type "
		  "the patient had no group of), moves (another group of the same type), leaves (a "
		  "type the patient no longer has a group of), kept (the same group).");
	const struct chart_series churn[] = {
		{ "kept", CHART_GREEN, false, column(p, V_KEPT) },
		{ "joins", CHART_BLUE, false, column(p, V_JOINS) },
		{ "leaves", CHART_ORANGE, false, column(p, V_LEAVES) },
		{ "moves", chart_colour(3), false, column(p, V_MOVES) },
	};
	lines(p, "chart-churn", "churn", churn, 4);
	honest_chart(p);
}

/* A week's cell of one column of the week table, as text. */
typedef void week_cell(const struct sim_week *w, char *buf, size_t size);

static void cell_week(const struct sim_week *w, char *buf, size_t size)
{
	char day[11];
	date_format(w->monday, day);
	snprintf(buf, size, "%s", day);
}

static void cell_met(const struct sim_week *w, char *buf, size_t size)
{
	snprintf(buf, size, "%d / %d", w->m.met, w->m.needs);
}

static void cell_score(const struct sim_week *w, char *buf, size_t size)
{
	snprintf(buf, size, "%.2f", w->m.score.total);
}

/* The week table's columns, in order: a new measure is one more entry.
 * html_grid prints any number of them on A4 (landscape, then in parts),
 * so nobody tunes widths for today's columns. */
static const struct week_col {
	struct html_col col;
	week_cell *cell; /* NULL: the int of sim_metrics at `count` */
	size_t count;
} week_cols[] = {
	{ { "week", NULL }, cell_week, 0 },
	{ { "active", "n" }, NULL, offsetof(struct sim_metrics, active) },
	{ { "admitted", "n" }, NULL, offsetof(struct sim_metrics, admitted) },
	{ { "discharged", "n" }, NULL, offsetof(struct sim_metrics, discharged) },
	{ { "needs met", "n" }, cell_met, 0 },
	{ { "groups", "n" }, NULL, offsetof(struct sim_metrics, running) },
	{ { "joins", "n" }, NULL, offsetof(struct sim_metrics, joined) },
	{ { "leaves", "n" }, NULL, offsetof(struct sim_metrics, left) },
	{ { "moves", "n" }, NULL, offsetof(struct sim_metrics, moved) },
	{ { "kept", "n" }, NULL, offsetof(struct sim_metrics, kept) },
	{ { "score", "n" }, cell_score, 0 },
};
enum { N_WEEK_COLS = sizeof week_cols / sizeof week_cols[0], WEEK_CELL_SIZE = 32 };

static bool billing_on(const struct simulation *s) { return s->clinic.settings.billable_days > 0; }
static bool no_shows_on(const struct simulation *s) { return s->clinic.settings.no_show_rate > 0; }
static bool dropouts_on(const struct simulation *s) { return s->clinic.settings.dropout_rate > 0; }
static bool waitlist_on(const struct simulation *s) { return s->opt.use_waitlist; }

/* Columns after those, each only while what it counts is on (as in
 * metrics.csv), so a plain run's page keeps its table. */
static const struct optional_week_col {
	struct week_col col;
	bool (*on)(const struct simulation *s);
} optional_week_cols[] = {
	{ { { "billable", "n" }, NULL, offsetof(struct sim_metrics, billable) }, billing_on },
	{ { { "no-shows", "n" }, NULL, offsetof(struct sim_metrics, no_shows) }, no_shows_on },
	{ { { "dropped out", "n" }, NULL, offsetof(struct sim_metrics, dropped) }, dropouts_on },
	{ { { "started", "n" }, NULL, offsetof(struct sim_metrics, started) }, waitlist_on },
	{ { { "waiting", "n" }, NULL, offsetof(struct sim_metrics, waiting) }, waitlist_on },
};
enum { N_OPTIONAL_COLS = sizeof optional_week_cols / sizeof optional_week_cols[0] };

static void week_cell_text(const struct week_col *col, const struct sim_week *w, char *buf)
{
	if (col->cell != NULL) {
		col->cell(w, buf, WEEK_CELL_SIZE);
	} else {
		int count;
		memcpy(&count, (const char *)&w->m + col->count, sizeof count);
		snprintf(buf, WEEK_CELL_SIZE, "%d", count);
	}
}

static void week_table(const struct page *p)
{
	struct strbuf *b = p->b;
	size_t n = p->s->n_weeks, m = 0;
	const struct week_col *use[N_WEEK_COLS + N_OPTIONAL_COLS];
	for (size_t c = 0; c < N_WEEK_COLS; c++)
		use[m++] = &week_cols[c];
	for (size_t c = 0; c < N_OPTIONAL_COLS; c++)
		if (optional_week_cols[c].on(p->s))
			use[m++] = &optional_week_cols[c].col;
	struct html_col cols[N_WEEK_COLS + N_OPTIONAL_COLS];
	char *text = malloc((n * m + 1) * WEEK_CELL_SIZE);
	const char **cells = malloc((n * m + 1) * sizeof *cells);
	if (text == NULL || cells == NULL) {
		b->failed = true;
		goto done;
	}
	for (size_t c = 0; c < m; c++)
		cols[c] = use[c]->col;
	for (size_t k = 0; k < n; k++)
		for (size_t c = 0; c < m; c++) {
			char *cell = text + (k * m + c) * WEEK_CELL_SIZE;
			week_cell_text(use[c], &p->s->weeks[k], cell);
			cells[k * m + c] = cell;
		}
	html_grid(b, &(struct html_grid){
		.id = "weeks", .title = "Week by week", .note = "Every number is in metrics.csv.",
		.cols = cols, .n_cols = m, .cells = cells, .n_rows = n });
done:
	free(text);
	free(cells);
}

void sim_report_html(const struct simulation *s, const char *title, const char *rates_note,
		     struct strbuf *out)
{
	size_t n = s->n_weeks, n_cols = V_FIXED + 2 * s->clinic.n_types;
	struct page p = {
		.s = s, .b = out, .rates_note = rates_note,
		.v = calloc((n ? n : 1) * n_cols, sizeof *p.v),
		.x_labels = calloc(n + 1, sizeof *p.x_labels),
		.x_text = calloc(6 * n + 1, 1),
	};
	if (p.v == NULL || p.x_labels == NULL || p.x_text == NULL) {
		out->failed = true;
		goto done;
	}
	fill_columns(&p);

	char first[11] = "", last[11] = "";
	if (n) {
		date_format(s->weeks[0].monday, first);
		date_format(s->weeks[n - 1].monday, last);
	}
	html_page_open(out, "Simulation", title);
	html_header_open(out, "Membership over time: %zu week%s from %s", n, n == 1 ? "" : "s", first);
	html_escape(out, title);
	strbuf_printf(out, HTML_DOT "simulated weeks %s to %s" HTML_DOT "each week's folder beside "
		      "this page holds its inputs and roster", first, last);
	html_header_close(out);
	cards(&p);
	charts(&p);
	week_table(&p);
	html_page_close(out);
done:
	free(p.v);
	free(p.x_labels);
	free(p.x_text);
}

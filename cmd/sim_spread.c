/* sim_spread.c -- the figures of each seed and their spread. */
#include "sim_spread.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/csv_out.h"
#include "data/html.h"

static const char *const figure_names[FIG_COUNT] = {
	"census", "needs_met", "billable", "churn", "waiting_days", "no_shows", "dropped",
};

/* Column heads of the page. */
static const char *const figure_heads[FIG_COUNT] = {
	"census", "needs met %", "billable weeks", "churn", "days waited", "no-shows",
	"dropped out",
};

/* Whole counts print as such; averages and shares with one decimal. */
static const bool figure_whole[FIG_COUNT] = {
	[FIG_BILLABLE] = true, [FIG_CHURN] = true, [FIG_NO_SHOWS] = true, [FIG_DROPPED] = true,
};

void sim_figures_of(const struct simulation *s, struct sim_figures *out)
{
	long active = 0, needs = 0, met = 0, billable = 0, churn = 0, started = 0, waited = 0,
	     no_shows = 0, dropped = 0;
	for (size_t k = 0; k < s->n_weeks; k++) {
		const struct sim_metrics *m = &s->weeks[k].m;
		active += m->active;
		needs += m->needs;
		met += m->met;
		billable += m->billable;
		churn += m->joined + m->left + m->moved;
		started += m->started;
		waited += m->waiting_days;
		no_shows += m->no_shows;
		dropped += m->dropped;
	}
	out->seed = s->opt.seed;
	out->v[FIG_CENSUS] = s->n_weeks ? (double)active / (double)s->n_weeks : 0;
	out->v[FIG_NEEDS_MET] = needs ? 100.0 * (double)met / (double)needs : NAN;
	out->v[FIG_BILLABLE] = (double)billable;
	out->v[FIG_CHURN] = (double)churn;
	out->v[FIG_WAITING_DAYS] = started ? (double)waited / (double)started : NAN;
	out->v[FIG_NO_SHOWS] = (double)no_shows;
	out->v[FIG_DROPPED] = (double)dropped;
}

void sim_figures_shown(const struct simulation *s, bool shown[FIG_COUNT])
{
	const struct settings *set = &s->clinic.settings;
	shown[FIG_CENSUS] = shown[FIG_NEEDS_MET] = shown[FIG_CHURN] = true;
	shown[FIG_BILLABLE] = set->billable_days > 0;
	shown[FIG_WAITING_DAYS] = s->opt.use_waitlist;
	shown[FIG_NO_SHOWS] = set->no_show_rate > 0;
	shown[FIG_DROPPED] = set->dropout_rate > 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double x = *(const double *)pa, y = *(const double *)pb;
	return (x > y) - (x < y);
}

bool sim_spread_of(const struct sim_figures *runs, size_t n, enum sim_figure f,
		   double *median, double *lo, double *hi)
{
	double *v = malloc((n ? n : 1) * sizeof *v);
	size_t m = 0;
	for (size_t i = 0; v && i < n; i++)
		if (!isnan(runs[i].v[f]))
			v[m++] = runs[i].v[f];
	if (m == 0) {
		free(v);
		return false;
	}
	qsort(v, m, sizeof *v, cmp_double);
	*lo = v[0];
	*hi = v[m - 1];
	*median = m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
	free(v);
	return true;
}

static void format_value(char *buf, size_t size, enum sim_figure f, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (figure_whole[f] && v == floor(v))
		snprintf(buf, size, "%.0f", v);
	else
		snprintf(buf, size, "%.1f", v);
}

void sim_spread_print(FILE *out, const struct sim_figures *runs, size_t n,
		      const bool shown[FIG_COUNT])
{
	fprintf(out, "%-8s", "seed");
	for (int f = 0; f < FIG_COUNT; f++)
		if (shown[f])
			fprintf(out, " %12s", figure_names[f]);
	fputc('\n', out);
	char cell[32];
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%-8llu", (unsigned long long)runs[i].seed);
		for (int f = 0; f < FIG_COUNT; f++) {
			if (!shown[f])
				continue;
			format_value(cell, sizeof cell, (enum sim_figure)f, runs[i].v[f]);
			fprintf(out, " %12s", cell);
		}
		fputc('\n', out);
	}
	static const char *const rows[] = { "median", "min", "max" };
	for (int r = 0; r < 3; r++) {
		fprintf(out, "%-8s", rows[r]);
		for (int f = 0; f < FIG_COUNT; f++) {
			if (!shown[f])
				continue;
			double v[3] = { NAN, NAN, NAN };
			sim_spread_of(runs, n, (enum sim_figure)f, &v[0], &v[1], &v[2]);
			/* a median of two whole counts may end in .5 */
			format_value(cell, sizeof cell, (enum sim_figure)f, v[r]);
			fprintf(out, " %12s", cell);
		}
		fputc('\n', out);
	}
}

void sim_spread_csv(const struct sim_figures *runs, size_t n, const bool shown[FIG_COUNT],
		    struct strbuf *out)
{
	static const char *const head[] = { "figure", "median", "min", "max", "runs", "seeds" };
	csv_out_row(out, head, 6);
	/* The seeds by name: a folder may hold seed-N/ of an earlier, longer run. */
	char seeds[48];
	snprintf(seeds, sizeof seeds, "%llu-%llu", n ? (unsigned long long)runs[0].seed : 0ULL,
		 n ? (unsigned long long)runs[n - 1].seed : 0ULL);
	for (int f = 0; f < FIG_COUNT; f++) {
		if (!shown[f])
			continue;
		double v[3];
		size_t counted = 0;
		for (size_t i = 0; i < n; i++)
			counted += !isnan(runs[i].v[f]);
		char cells[3][32] = { "", "", "" };
		if (sim_spread_of(runs, n, (enum sim_figure)f, &v[0], &v[1], &v[2]))
			for (int j = 0; j < 3; j++)
				snprintf(cells[j], sizeof cells[j], "%.3f", v[j]);
		/* numbers made here: written as they are (see metrics_csv.c) */
		strbuf_printf(out, "%s,%s,%s,%s,%zu,%s\n", figure_names[f], cells[0], cells[1],
			      cells[2], counted, seeds);
	}
}

void sim_spread_html(const struct sim_figures *runs, size_t n, const bool shown[FIG_COUNT],
		     const char *title, int weeks, struct strbuf *out)
{
	struct html_col cols[FIG_COUNT + 1] = { { "seed", NULL } };
	size_t nc = 1;
	for (int f = 0; f < FIG_COUNT; f++)
		if (shown[f])
			cols[nc++] = (struct html_col){ figure_heads[f], "n" };
	html_page_open(out, "Simulation", title);
	html_header_open(out, "Membership over time: %zu seeds of %d week%s", n, weeks,
			 weeks == 1 ? "" : "s");
	html_escape(out, title);
	strbuf_printf(out, HTML_DOT "seeds %llu to %llu" HTML_DOT "each seed's run is in its "
		      "folder seed-N beside this page",
		      n ? (unsigned long long)runs[0].seed : 0ULL,
		      n ? (unsigned long long)runs[n - 1].seed : 0ULL);
	html_header_close(out);
	html_heading(out, 2, "spread", "Spread over the seeds");
	html_para(out, "hint", "Census: active patients a week, on average. Needs met: of all "
		  "needs over the weeks. Churn: joins, leaves and moves. Days waited: per person "
		  "who started from the waiting list. The numbers are in spread.csv and each "
		  "seed's metrics.csv.");
	html_table_open(out, cols, nc);
	char cell[32];
	for (size_t i = 0; i < n; i++) {
		html_row_open(out);
		html_cellf(out, NULL, "<a href=\"seed-%llu/report.html\">%llu</a>",
			   (unsigned long long)runs[i].seed, (unsigned long long)runs[i].seed);
		for (int f = 0; f < FIG_COUNT; f++) {
			if (!shown[f])
				continue;
			format_value(cell, sizeof cell, (enum sim_figure)f, runs[i].v[f]);
			html_cellf(out, "n", "%s", cell);
		}
		html_row_close(out);
	}
	static const char *const rows[] = { "median", "min", "max" };
	for (int r = 0; r < 3; r++) {
		html_row_open(out);
		html_cellf(out, NULL, "<b>%s</b>", rows[r]);
		for (int f = 0; f < FIG_COUNT; f++) {
			if (!shown[f])
				continue;
			double v[3] = { NAN, NAN, NAN };
			sim_spread_of(runs, n, (enum sim_figure)f, &v[0], &v[1], &v[2]);
			format_value(cell, sizeof cell, (enum sim_figure)f, v[r]);
			html_cellf(out, "n", "%s", cell);
		}
		html_row_close(out);
	}
	html_table_close(out);
	html_page_close(out);
}

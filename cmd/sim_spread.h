/* sim_spread.h -- simulate --seeds: one line of figures per seed, and
 * their spread (median, lowest, highest) on stdout and in DIR/spread.csv.
 *
 * A seed's figures, all from its metrics (so from its metrics.csv):
 *   census        active patients a week, on average
 *   needs_met     met / needs over all weeks, in percent
 *   billable      billable patient-weeks (sum of billable; billing on)
 *   churn         joins + leaves + moves over all weeks
 *   waiting_days  days waited per person who started from the waiting
 *                 list (sum of waiting_days / sum of started; a list)
 *   no_shows      patient-weeks missed (no_show_rate > 0)
 *   dropped       patients who dropped out (dropout_rate > 0)
 * A figure whose feature is off is left out; waiting_days is empty for a
 * seed in which nobody started. The median of an even count is the mean
 * of the middle two. No timestamps: the same seeds give the same bytes. */
#ifndef IOP_SIM_SPREAD_H
#define IOP_SIM_SPREAD_H

#include <stdint.h>
#include <stdio.h>

#include "data/base/strbuf.h"
#include "solver/simulate.h"

enum sim_figure { FIG_CENSUS, FIG_NEEDS_MET, FIG_BILLABLE, FIG_CHURN, FIG_WAITING_DAYS,
		  FIG_NO_SHOWS, FIG_DROPPED, FIG_COUNT };

struct sim_figures {
	uint64_t seed;
	double v[FIG_COUNT]; /* NAN: none (nobody started) */
};

/* The figures of one finished simulation. */
void sim_figures_of(const struct simulation *s, struct sim_figures *out);

/* Which figures a run with these settings and waiting list shows. */
void sim_figures_shown(const struct simulation *s, bool shown[FIG_COUNT]);

/* The median, lowest and highest of figure f over n runs, skipping NAN;
 * false when every value is NAN. */
bool sim_spread_of(const struct sim_figures *runs, size_t n, enum sim_figure f,
		   double *median, double *lo, double *hi);

/* The table on stdout: a line per seed, then median, min and max. */
void sim_spread_print(FILE *out, const struct sim_figures *runs, size_t n,
		      const bool shown[FIG_COUNT]);

/* spread.csv: figure,median,min,max,runs,seeds, one row per figure shown
 * (runs: how many seeds have a value; seeds: "A-B"). runs[] is in seed
 * order. */
void sim_spread_csv(const struct sim_figures *runs, size_t n, const bool shown[FIG_COUNT],
		    struct strbuf *out);

/* DIR/report.html of a --seeds run: the same table as stdout, a row per
 * seed and the median, min and max, linking each seed's own page. */
void sim_spread_html(const struct sim_figures *runs, size_t n, const bool shown[FIG_COUNT],
		     const char *title, int weeks, struct strbuf *out);

#endif

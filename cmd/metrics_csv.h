/* metrics_csv.h -- simulate's DIR/metrics.csv: one row per simulated week.
 *
 * Columns, from one table in metrics_csv.c (header and rows both walk it):
 *   week, active, admitted, discharged, completed, needs, met, unmet,
 *   met_TYPE..., unmet_TYPE..., unmet_REASON (no-group ... trade-off),
 *   running, running_TYPE..., needed_TYPE..., placements, kept, joins,
 *   leaves, moves, patients_kept, continuity, score, and, only while what
 *   they count is on (so a run without it gives the same bytes as ever):
 *   billable (billable_days > 0: patients whose week bills and who came),
 *   no_shows (no_show_rate > 0), dropped (dropout_rate > 0), started,
 *   waiting_days, waiting (a waiting list: people who started from it,
 *   the days they waited, summed, and those still waiting)
 * continuity = kept / (kept + moves), the share of patients staying in a
 * type who also kept their group ("" when nobody stayed). No timestamps:
 * the same simulation always gives the same bytes.
 *
 * Here in cmd/ beside sim_report.c, not in data/: the rows are the
 * simulation's own metrics (solver/simulate.h), which data/ cannot see,
 * and the solver writes no files. */
#ifndef IOP_METRICS_CSV_H
#define IOP_METRICS_CSV_H

#include "data/base/strbuf.h"
#include "solver/simulate.h"

/* Appends the whole file for the weeks simulated so far to `out`; on
 * allocation failure out->failed is set. */
void metrics_csv_format(const struct simulation *s, struct strbuf *out);

/* The number of columns for a clinic of n_types types, none of the
 * optional ones on. */
size_t metrics_csv_columns(size_t n_types);

#endif

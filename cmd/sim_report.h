/* sim_report.h -- the HTML page of a simulation run: lines over the weeks. */
#ifndef IOP_SIM_REPORT_H
#define IOP_SIM_REPORT_H

#include "data/base/strbuf.h"
#include "solver/simulate.h"

/* Appends a self-contained page (inline SVG, no scripts, no timestamps):
 * active patients, needs met, groups running and needed by type, churn,
 * and the metrics table. `title` (escaped) names the clinic. `rates_note`
 * (escaped; NULL: none) says where the no-show and dropout rates came
 * from, shown in the attendance section. */
void sim_report_html(const struct simulation *s, const char *title, const char *rates_note,
		     struct strbuf *out);

#endif

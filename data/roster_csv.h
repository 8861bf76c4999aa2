/* roster_csv.h -- the roster and unmet-needs files as bytes.
 *
 * roster:  week,patient,group,type,slots,hours,change
 *          change: kept (same group as the previous roster), moved (another
 *          group of the same type last week), joined (otherwise).
 * unmet:   week,patient,type,need,reason,detail
 * Rows sorted by patient id then group id / type name; cells neutralised. */
#ifndef IOP_ROSTER_CSV_H
#define IOP_ROSTER_CSV_H

#include "change.h"
#include "csv_out.h"
#include "roster.h"
#include "unmet.h"
#include "week.h"

/* Appends the whole roster file to `out`. `r` must be sorted. */
void roster_csv_format(const struct week *w, const struct roster *r,
		       struct strbuf *out);

/* Appends the whole unmet file to `out`. */
void unmet_csv_format(const struct week *w, const struct unmet_list *u,
		      struct strbuf *out);

/* Placement (a, g) of this week (a: active index, or -1) against the
 * week's previous roster: CHANGE_KEPT, CHANGE_MOVED or CHANGE_JOINED
 * (always joined without a previous roster). */
enum change_kind roster_change(const struct week *w, int a, int g);

#endif

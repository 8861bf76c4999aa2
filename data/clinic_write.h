/* clinic_write.h -- write a clinic as a folder of CSV files that clinic_load
 * reads back to the same clinic (round trip), e.g. for `iop-roster example`,
 * the benchmark and `simulate`. Files are written atomically, mode `mode`. */
#ifndef IOP_CLINIC_WRITE_H
#define IOP_CLINIC_WRITE_H

#include <sys/types.h>

#include "clinic.h"
#include "roster.h"
#include "base/strbuf.h"

/* Writes patients.csv, groups.csv, and progress.csv, separations.csv,
 * pins.csv, settings.csv when they have content (settings: only values that
 * differ from the defaults). When `previous` is non-NULL and has rows it is
 * written as rosters/PREVIOUS_WEEK.csv (week of the previous roster given as
 * previous_week; the roster's change column is "joined"). */
enum status clinic_write(const char *folder, const struct clinic *c,
			 const struct roster *previous, day_t previous_week,
			 mode_t mode, struct diag_list *diag);

/* The bytes of a waitlist.csv (waitlist.h) of `people` (each admitted the
 * date they asked, need[] by c's types), for clinic c. On allocation
 * failure out->failed is set. */
void clinic_format_waitlist(const struct clinic *c, const struct patient *people, size_t n,
			    struct strbuf *out);

#endif

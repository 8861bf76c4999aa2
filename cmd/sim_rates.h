/* sim_rates.h -- simulate's no-show and dropout rates: settings.csv or
 * --set when they name the rate, else what the clinic's attendance
 * history shows (data/attendance_history.h). */
#ifndef IOP_SIM_RATES_H
#define IOP_SIM_RATES_H

#include <stdbool.h>

#include "context.h"
#include "data/base/strbuf.h"

/* Fills ctx->clinic.settings' no_show_rate and dropout_rate that neither
 * FOLDER/settings.csv nor `overrides` ("name=value", NULL-terminated, may
 * be NULL) set, from the attendance of the weeks before `first`. When
 * `said` is not NULL and some patient-week is recorded, appends a line
 * (ending in a newline) per rate saying which is used and where it comes
 * from, e.g. "no-show rate 0.25, measured from 12 recorded patient-weeks
 * (3 missed the whole week)", and warns of weeks left out for errors. No
 * history leaves the rates as they were and says nothing. Returns
 * STATUS_OK, STATUS_NO_MEMORY or STATUS_IO (messages in ctx->diag). */
enum status sim_rates_choose(struct context *ctx, const char *folder,
			     const char *const *overrides, day_t first, struct strbuf *said);

#endif

/* sim_rates.c -- which rates simulate draws at, and why. */
#include "sim_rates.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "data/attendance_history.h"
#include "data/base/path.h"
#include "data/csv_table.h"
#include "data/load_util.h"

/* Whether settings.csv has a row for `name` (load_settings already
 * checked the file: a file it could not read has stopped the run). */
static bool file_sets(const struct csv_table *t, int col, const char *name)
{
	for (size_t row = 0; col >= 0 && row < t->n_rows; row++)
		if (load_equal_nocase(csv_table_cell(t, row, col), name))
			return true;
	return false;
}

static bool override_sets(const char *const *overrides, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; overrides && overrides[i]; i++)
		if (strncasecmp(overrides[i], name, len) == 0 && overrides[i][len] == '=')
			return true;
	return false;
}

/* One rate: kept when set, else the measured one; says which. */
static void choose(double *rate, bool set, double measured, const char *what,
		   int events, const char *event_name, int patient_weeks, struct strbuf *said)
{
	if (!set)
		*rate = measured;
	if (!said)
		return;
	if (set)
		strbuf_printf(said, "%s rate %.2f from the settings (the attendance history shows %.2f over "
		       "%d recorded patient-weeks)\n", what, *rate, measured, patient_weeks);
	else
		strbuf_printf(said, "%s rate %.2f, measured from %d recorded patient-weeks (%d %s)\n", what,
		       *rate, patient_weeks, events, event_name);
}

enum status sim_rates_choose(struct context *ctx, const char *folder,
			     const char *const *overrides, day_t first, struct strbuf *said)
{
	struct attendance_history h;
	enum status st = attendance_history_measure(&ctx->clinic, folder, first, &h, &ctx->diag);
	if (st != STATUS_OK || h.patient_weeks == 0)
		return st;
	struct csv_table t;
	memset(&t, 0, sizeof t);
	int col = -1;
	char *path = path_join(folder, "settings.csv");
	if (!path)
		return STATUS_NO_MEMORY;
	struct diag_list scratch = DIAG_LIST_INIT;
	if (csv_table_read(path, &t, &scratch) == STATUS_OK)
		for (size_t c = 0; c < t.n_columns; c++)
			if (load_equal_nocase(t.columns[c], "setting"))
				col = (int)c;
	diag_list_release(&scratch);
	free(path);
	struct settings *s = &ctx->clinic.settings;
	bool ns_set = file_sets(&t, col, "no_show_rate") || override_sets(overrides, "no_show_rate");
	bool do_set = file_sets(&t, col, "dropout_rate") || override_sets(overrides, "dropout_rate");
	csv_table_release(&t);
	choose(&s->no_show_rate, ns_set, attendance_history_no_show_rate(&h), "no-show",
	       h.no_show_weeks, "missed the whole week", h.patient_weeks, said);
	choose(&s->dropout_rate, do_set, attendance_history_dropout_rate(&h), "dropout",
	       h.dropouts, h.dropouts == 1 ? "patient's records stop" : "patients' records stop",
	       h.patient_weeks, said);
	if (said && h.weeks_skipped)
		cli_warning("%d week%s of attendance with errors left out of the measured rates: "
			    "run 'iop-roster attendance --week WEEK'", h.weeks_skipped,
			    h.weeks_skipped == 1 ? "" : "s");
	return STATUS_OK;
}

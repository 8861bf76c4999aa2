/* fuzz_attendance.c -- an attendance file against the valid clinic's roster
 * of 2026-11-23, read as `iop-roster attendance` reads it: both scopes, the
 * totals and the make-ups (which run the rule checker). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/attendance.h"
#include "data/date.h"
#include "fuzz_common.h"
#include "solver/makeup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct clinic clinic;
static struct roster roster;
static struct week week;
static bool loaded;

static void load_once(void)
{
	if (loaded)
		return;
	struct diag_list diag = DIAG_LIST_INIT;
	char path[512];
	day_t monday;
	fuzz_restore("rosters/2026-11-23.csv");
	snprintf(path, sizeof path, "%s/rosters/2026-11-23.csv", fuzz_folder());
	if (clinic_load(fuzz_folder(), NULL, &clinic, &diag) != STATUS_OK ||
	    !date_parse("2026-11-23", &monday) ||
	    roster_read(path, &clinic, ROSTER_READ_STRICT, &roster, &diag) != STATUS_OK ||
	    week_resolve(&clinic, monday, NULL, NULL, &week, &diag) != STATUS_OK) {
		fprintf(stderr, "fuzz: the valid clinic does not load\n");
		abort();
	}
	diag_list_release(&diag);
	loaded = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	load_once();
	fuzz_write("input.csv", data, size);
	char path[512];
	snprintf(path, sizeof path, "%s/input.csv", fuzz_folder());

	static const enum attendance_scope scopes[] = { ATTENDANCE_ALL_WEEKS, ATTENDANCE_ONE_WEEK };
	for (size_t k = 0; k < 2; k++) {
		struct attendance_file f;
		struct attendance_week aw;
		struct diag_list diag = DIAG_LIST_INIT;
		if (attendance_week_init(&aw, &week, &roster) != STATUS_OK)
			abort();
		enum status st = attendance_read(path, &f, &diag);
		if (st == STATUS_OK || st == STATUS_BAD_DATA) {
			if (st == STATUS_OK)
				st = attendance_apply(&aw, &f, scopes[k], "rosters/2026-11-23.csv", &diag);
			if (st != STATUS_OK && st != STATUS_BAD_DATA)
				abort();
			/* whatever was recorded, the sums and make-ups hold up */
			struct attendance_totals t;
			struct makeup_list mu;
			if (attendance_totals(&aw, &t) != STATUS_OK ||
			    makeups_find(&aw, &roster, NULL, NULL, 0, &mu) != STATUS_OK)
				abort();
			for (size_t i = 0; i < t.n_patients; i++)
				if (t.patients[i].present + t.patients[i].absent + t.patients[i].excused +
					    t.patients[i].unrecorded != t.patients[i].sessions)
					abort();
			attendance_totals_release(&t);
			makeup_list_release(&mu);
			struct strbuf sheet = STRBUF_INIT;
			attendance_sheet_csv(&aw, &sheet);
			strbuf_release(&sheet);
		} else if (st != STATUS_NO_MEMORY) {
			abort();
		}
		attendance_file_release(&f);
		attendance_week_release(&aw);
		diag_list_release(&diag);
	}
	return 0;
}

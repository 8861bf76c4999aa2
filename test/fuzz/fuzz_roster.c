/* fuzz_roster.c -- a roster file against a valid clinic, read both ways:
 * as the previous roster `plan` reads, and as the roster of the week
 * `check` judges; and its stamp: the fingerprint a re-plan compares, and
 * the same bytes read as a stamp file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/date.h"
#include "data/roster.h"
#include "data/roster_stamp.h"
#include "data/week.h"
#include "fuzz_common.h"
#include "solver/rules.h"
#include "solver/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct clinic clinic;
static bool loaded;
static day_t monday;

static void load_once(void)
{
	if (loaded)
		return;
	struct diag_list diag = DIAG_LIST_INIT;
	fuzz_restore("rosters/2026-11-23.csv");
	if (clinic_load(fuzz_folder(), NULL, &clinic, &diag) != STATUS_OK ||
	    !date_parse(FUZZ_WEEK, &monday)) {
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

	static const enum roster_read_mode modes[] = { ROSTER_READ_PREVIOUS, ROSTER_READ_STRICT };
	for (size_t m = 0; m < 2; m++) {
		struct roster r = { 0 };
		struct diag_list diag = DIAG_LIST_INIT;
		enum status st = modes[m] == ROSTER_READ_STRICT
					 ? roster_read_week(path, &clinic, monday, &r, &diag)
					 : roster_read(path, &clinic, modes[m], &r, &diag);
		if (st == STATUS_OK) {
			for (size_t i = 0; i < r.n; i++)
				if (r.items[i].patient < 0 || (size_t)r.items[i].patient >= clinic.n_patients ||
				    r.items[i].group < 0 || (size_t)r.items[i].group >= clinic.n_groups)
					abort();
			struct week w;
			memset(&w, 0, sizeof w);
			if (modes[m] == ROSTER_READ_PREVIOUS) {
				if (week_resolve(&clinic, monday, &r, path, &w, &diag) == STATUS_OK) {
					struct roster empty = { 0 };
					struct score_terms score;
					score_roster(&w, &empty, &score);
				}
			} else if (week_resolve(&clinic, monday, NULL, NULL, &w, &diag) == STATUS_OK) {
				struct diag_list broken = DIAG_LIST_INIT;
				rules_check(&w, &r, path, &broken);
				struct score_terms score;
				score_roster(&w, &r, &score);
				diag_list_release(&broken);
			}
			week_release(&w);
		} else if (st != STATUS_BAD_DATA && st != STATUS_NO_MEMORY) {
			abort();
		}
		roster_release(&r);
		diag_list_release(&diag);
	}

	/* A stamp written for these bytes reads back with their fingerprint. */
	struct strbuf stamp = STRBUF_INIT;
	struct roster_stamp back;
	if (roster_stamp_format(path, "plan", (const char *)data, size, &stamp) == STATUS_OK) {
		uint64_t fp;
		size_t rows;
		if (!roster_stamp_parse(stamp.data, stamp.len, &back) ||
		    roster_fingerprint((const char *)data, size, &fp, &rows) != STATUS_OK ||
		    back.fingerprint != fp || back.rows != rows || strcmp(back.written_by, "plan"))
			abort();
	}
	strbuf_release(&stamp);
	(void)roster_stamp_parse((const char *)data, size, &back);
	return 0;
}

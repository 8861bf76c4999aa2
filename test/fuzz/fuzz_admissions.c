/* fuzz_admissions.c -- simulate's expected-admissions file against the
 * valid clinic: read, every admission appended to the clinic, the week
 * resolved with the newcomers in it; and the same bytes as waitlist.csv. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/admissions.h"
#include "data/date.h"
#include "data/week.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write("input.csv", data, size);
	char path[512];
	snprintf(path, sizeof path, "%s/input.csv", fuzz_folder());

	struct clinic c;
	struct diag_list diag = DIAG_LIST_INIT;
	if (clinic_load(fuzz_folder(), NULL, &c, &diag) != STATUS_OK) {
		fprintf(stderr, "fuzz: the valid clinic does not load\n");
		abort();
	}
	/* The same bytes as a waiting list (waitlist.csv's rows): the same
	 * contract, and nobody on it is admitted or discharged yet. */
	struct admission_list waiting = { 0 };
	enum status wst = admissions_load_rows(path, &c, true, &waiting, &diag);
	if (wst != STATUS_OK && wst != STATUS_BAD_DATA && wst != STATUS_NO_MEMORY)
		abort();
	if (wst != STATUS_OK && waiting.n != 0)
		abort();
	for (size_t i = 0; i < waiting.n; i++)
		if (waiting.items[i].discharge != DAY_NONE || !waiting.items[i].need)
			abort();
	admission_list_release(&waiting);

	struct admission_list adm = { 0 };
	enum status st = admissions_load(path, &c, &adm, &diag);
	if (st == STATUS_OK) {
		size_t before = c.n_patients;
		for (size_t i = 0; i < adm.n; i++) {
			struct patient copy;
			if (!patient_copy(&copy, &adm.items[i], c.n_types))
				abort();
			if (!admissions_append(&c, &copy))
				abort();
			/* The newcomer is found by id, like everyone else. */
			if (clinic_find_patient(&c, c.patients[c.n_patients - 1].id) !=
			    (int)(c.n_patients - 1))
				abort();
		}
		if (c.n_patients != before + adm.n)
			abort();
		day_t monday;
		if (!date_parse(FUZZ_WEEK, &monday))
			abort();
		struct week w;
		memset(&w, 0, sizeof w);
		(void)week_resolve(&c, monday, NULL, NULL, &w, &diag);
		week_release(&w);
	} else if (st != STATUS_BAD_DATA && st != STATUS_NO_MEMORY) {
		abort();
	} else if (adm.n != 0) {
		abort(); /* the contract: on failure the list is empty */
	}
	admission_list_release(&adm);
	clinic_release(&c);
	diag_list_release(&diag);
	return 0;
}

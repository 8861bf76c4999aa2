/* test_clinic_load.c -- loading a clinic folder: a valid fixture, and a table of bad inputs with exact messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/clinic.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must name test/data"
#endif

static day_t day(const char *text)
{
	day_t d;
	assert_true(date_parse(text, &d));
	return d;
}

/* ---- the valid fixture -------------------------------------------------- */

static void test_small_clinic(void **state)
{
	(void)state;
	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	enum status st = clinic_load(TEST_DATA_DIR "/clinics/small", NULL, &c, &d);
	assert_int_equal(st, STATUS_OK);
	assert_int_equal(d.n_errors, 0);
	/* progress for a patient who left is history: one warning */
	assert_int_equal(d.n_warnings, 1);
	char text[512];
	diag_format(&d.items[0], text, sizeof text);
	assert_string_equal(text, TEST_DATA_DIR "/clinics/small/progress.csv:4:1: patient: "
			    "unknown patient 'gone', row skipped");

	assert_string_equal(c.folder, TEST_DATA_DIR "/clinics/small");
	assert_int_equal(c.n_types, 3);
	assert_string_equal(c.type_names[0], "skills");
	assert_string_equal(c.type_names[1], "relapse");
	assert_string_equal(c.type_names[2], "family");
	assert_int_equal(clinic_find_type(&c, "FAMILY"), 2);
	assert_int_equal(clinic_find_type(&c, "art"), -1);

	assert_int_equal(c.n_patients, 3);
	const struct patient *p1 = &c.patients[0], *p2 = &c.patients[1], *p3 = &c.patients[2];
	assert_string_equal(p1->id, "p01");
	assert_string_equal(p1->name, "Example, Ann");
	assert_int_equal(p1->line, 2);
	assert_int_equal(p1->admitted, day("2026-01-05"));
	assert_int_equal(p1->discharge, DAY_NONE);
	assert_true(p1->hours_min == 6 && p1->hours_max == 20);
	assert_int_equal(p1->n_available, 3);
	assert_true(p1->available[2].timed);
	assert_int_equal(p1->available[2].day, 4);
	assert_int_equal(p1->n_tags, 2); /* lower-cased, sorted, unique */
	assert_string_equal(p1->tags[0], "spanish");
	assert_string_equal(p1->tags[1], "women");
	assert_int_equal(p1->need[0], 3);
	assert_int_equal(p1->need[1], 2);
	assert_int_equal(p1->need[2], 0);
	assert_int_equal(p1->n_away, 0);

	assert_int_equal(p2->discharge, day("2026-06-30"));
	assert_true(p2->hours_min == 9 && p2->hours_max == 30); /* the contract's defaults */
	assert_int_equal(p2->n_available, 0);
	assert_int_equal(p2->n_tags, 0);
	assert_int_equal(p2->n_away, 2);
	assert_int_equal(p2->away[0].first, day("2026-03-02"));
	assert_int_equal(p2->away[0].last, day("2026-03-06"));
	assert_int_equal(p2->away[1].first, day("2026-03-20"));
	assert_int_equal(p2->away[1].last, day("2026-03-20"));

	assert_int_equal(p3->line, 5); /* a blank line before it */
	assert_null(p3->name);
	assert_int_equal(p3->n_available, 2);
	assert_false(p3->available[0].timed);
	assert_string_equal(p3->available[0].label, "mon-eve");

	assert_int_equal(c.n_groups, 3);
	const struct group *g1 = &c.groups[0], *g2 = &c.groups[1], *g3 = &c.groups[2];
	assert_string_equal(g1->id, "g1");
	assert_int_equal(g1->type, 0);
	assert_int_equal(g1->n_slots, 2);
	assert_true(g1->hours == 4); /* summed timed slots */
	assert_int_equal(g1->min_size, 2);
	assert_int_equal(g1->max_size, 8);
	assert_string_equal(g1->facilitator, "Dr Lee");
	/* no phase columns: every program week may join (v1) */
	assert_true(g1->weeks_from == 0 && !g1->has_weeks_to);
	assert_int_equal(g2->type, 1);
	assert_true(g2->hours == 3);
	assert_int_equal(g2->min_size, 3); /* settings.csv */
	assert_int_equal(g2->max_size, 15);
	assert_int_equal(g2->n_requires, 1);
	assert_string_equal(g2->requires[0], "women");
	assert_null(g2->facilitator);
	assert_true(g3->hours == 2);
	assert_string_equal(g3->facilitator, "Smith, J");

	assert_int_equal(c.n_progress, 2);
	assert_int_equal(c.progress[1].patient, 0);
	assert_int_equal(c.progress[1].type, 0);
	assert_int_equal(c.progress[1].score, 82);
	assert_int_equal(c.progress[1].date, day("2026-02-16"));
	assert_int_equal(c.progress[1].line, 3);

	assert_int_equal(c.n_separations, 1);
	assert_int_equal(c.separations[0].a, 0);
	assert_int_equal(c.separations[0].b, 2);

	assert_int_equal(c.n_pins, 2);
	assert_int_equal(c.pins[0].rule, PIN_MUST);
	assert_int_equal(c.pins[0].patient, 1);
	assert_int_equal(c.pins[0].group, 0);
	assert_int_equal(c.pins[1].rule, PIN_NEVER);

	assert_int_equal(c.settings.min_size, 3);
	assert_true(c.settings.w_need == 12);
	assert_int_equal(c.settings.max_size, 15);

	assert_int_equal(clinic_find_patient(&c, "p03"), 2);
	assert_int_equal(clinic_find_patient(&c, "p01"), 0);
	assert_int_equal(clinic_find_patient(&c, "P01"), -1);
	assert_int_equal(clinic_find_group(&c, "g3"), 2);
	assert_int_equal(clinic_find_group(&c, "g4"), -1);

	clinic_release(&c);
	assert_null(c.patients);
	assert_int_equal(c.n_patients, 0);
	clinic_release(NULL);
	diag_list_release(&d);
}

static void test_overrides(void **state)
{
	(void)state;
	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	const char *const ok[] = { "min_size=4", " hours_min = 5", NULL };
	assert_int_equal(clinic_load(TEST_DATA_DIR "/clinics/small", ok, &c, &d), STATUS_OK);
	assert_int_equal(c.settings.min_size, 4); /* beats settings.csv's 3 */
	assert_int_equal(c.groups[1].min_size, 4);
	assert_true(c.patients[1].hours_min == 5);
	clinic_release(&c);
	diag_list_release(&d);

	const char *const bad[] = { "min_size", NULL };
	assert_int_equal(clinic_load(TEST_DATA_DIR "/clinics/small", bad, &c, &d), STATUS_USAGE);
	assert_int_equal(c.n_patients, 0);
	assert_string_equal(d.items[d.n - 1].message, "setting 'min_size' is not name=value");
	diag_list_release(&d);

	const char *const unknown[] = { "colour=red", NULL };
	assert_int_equal(clinic_load(TEST_DATA_DIR "/clinics/small", unknown, &c, &d), STATUS_USAGE);
	assert_string_equal(d.items[d.n - 1].message, "setting 'colour=red': unknown setting 'colour'");
	diag_list_release(&d);

	const char *const clash[] = { "max_size=2", NULL };
	assert_int_equal(clinic_load(TEST_DATA_DIR "/clinics/small", clash, &c, &d), STATUS_USAGE);
	assert_string_equal(d.items[d.n - 1].message, "settings: min_size 3 is more than max_size 2");
	diag_list_release(&d);
}

static void test_missing_folder(void **state)
{
	(void)state;
	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(clinic_load("/nonexistent/iop-clinic", NULL, &c, &d), STATUS_NO_INPUT);
	char text[512];
	diag_format(&d.items[0], text, sizeof text);
	assert_string_equal(text, "/nonexistent/iop-clinic: clinic folder not found");
	diag_list_release(&d);

	assert_int_equal(clinic_load(TEST_DATA_DIR "/clinics/small/patients.csv", NULL, &c, &d),
			 STATUS_NO_INPUT);
	assert_string_equal(d.items[0].message, "not a folder");
	diag_list_release(&d);
}

/* ---- the bad-input table ------------------------------------------------ */

#define ABSENT ((const char *)1) /* do not write this required file */

#define BASE_PATIENTS "id,admitted,need_skills,need_relapse\n" \
	"p1,2026-01-05,3,2\n" \
	"p2,2026-01-12,1,0\n"
#define BASE_GROUPS "id,type,slots\n" \
	"g1,skills,mon 09:00-11:00\n" \
	"g2,skills,tue 09:00-11:00\n"

struct bad_case {
	const char *name;
	/* NULL: the base file for patients and groups, no file for the rest */
	const char *patients, *groups, *progress, *separations, *pins, *settings;
	enum status status;
	const char *first; /* the first diagnostic, the folder prefix removed */
	size_t errors;     /* expected error count; 0 = not checked */
};

static const struct bad_case cases[] = {
	{ "patients missing", .patients = ABSENT, .status = STATUS_NO_INPUT,
	  .first = "patients.csv: required file not found", .errors = 1 },
	{ "groups missing", .groups = ABSENT, .status = STATUS_NO_INPUT,
	  .first = "groups.csv: required file not found", .errors = 1 },
	{ "both required missing", .patients = ABSENT, .groups = ABSENT, .status = STATUS_NO_INPUT,
	  .first = "patients.csv: required file not found", .errors = 2 },
	{ "patients empty", .patients = "", .status = STATUS_BAD_DATA,
	  .first = "patients.csv: file is empty" },
	{ "patients only BOM and blank lines", .patients = "\xEF\xBB\xBF\r\n  \n\n",
	  .status = STATUS_BAD_DATA, .first = "patients.csv: file is empty" },
	{ "optional pins empty", .pins = "", .status = STATUS_BAD_DATA,
	  .first = "pins.csv: file is empty: write the header line 'patient,group,rule' for no pins",
	  .errors = 1 },
	{ "optional progress empty", .progress = "\n", .status = STATUS_BAD_DATA,
	  .first = "progress.csv: file is empty: write the header line 'patient,type,date,score' "
		"for no progress records", .errors = 1 },
	{ "optional separations empty", .separations = "", .status = STATUS_BAD_DATA,
	  .first = "separations.csv: file is empty: write the header line 'patient_a,patient_b' "
		"for no separations", .errors = 1 },
	{ "optional settings empty", .settings = "\xEF\xBB\xBF", .status = STATUS_BAD_DATA,
	  .first = "settings.csv: file is empty: write the header line 'setting,value' "
		"for the default settings", .errors = 1 },
	{ "missing required column",
	  .patients = "id,need_skills\np1,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1: missing required column 'admitted'" },
	{ "no need column",
	  .patients = "id,admitted\np1,2026-01-05\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1: missing need_TYPE column (at least one is required)" },
	{ "need column without type",
	  .patients = "id,admitted,need_\np1,2026-01-05,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:3: need_: no type name after 'need_'" },
	{ "duplicate need column after lower-casing",
	  .patients = "id,admitted,need_skills,NEED_Skills\np1,2026-01-05,3,2\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:4: NEED_Skills: duplicate column 'NEED_Skills' (first is field 3)" },
	{ "wrong field count",
	  .patients = BASE_PATIENTS "p3,2026-01-05,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:4: record has 3 fields, header has 4", .errors = 1 },
	{ "wrong field count in groups",
	  .groups = BASE_GROUPS "g3,skills,wed 09:00-11:00,extra\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:4: record has 4 fields, header has 3" },
	{ "duplicate patient id",
	  .patients = BASE_PATIENTS "p1,2026-01-05,0,0\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:4:1: id: duplicate id 'p1' (first on line 2)", .errors = 1 },
	{ "duplicate group id",
	  .groups = "id,type,slots\ng1,skills,mon 09:00-11:00\n\ng1,relapse,tue 09:00-11:00\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:4:1: id: duplicate id 'g1' (first on line 2)" },
	{ "empty id", .patients = "id,admitted,need_skills\n,2026-01-05,3\n",
	  .status = STATUS_BAD_DATA, .first = "patients.csv:2:1: id: missing value" },
	{ "id too long",
	  .patients = "id,admitted,need_skills\n"
		"p1234567890123456789012345678901234567890123456789012345678901234,2026-01-05,3\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:1: id: id is longer than 64 characters" },
	{ "id with a control character",
	  .patients = "id,admitted,need_skills\n\"p\x1b[1\",2026-01-05,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:1: id: id contains a control character" },
	{ "need out of range",
	  .patients = "id,admitted,need_skills\np1,2026-01-05,7\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:3: need_skills: '7' is not in 0..4" },
	{ "need not a number",
	  .patients = "id,admitted,need_skills\np1,2026-01-05,high\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:3: need_skills: 'high' is not in 0..4" },
	{ "admitted not a date",
	  .patients = "id,admitted,need_skills\np1,2026-02-30,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:2: admitted: '2026-02-30' is not a date (YYYY-MM-DD)" },
	{ "admitted empty",
	  .patients = "id,admitted,need_skills\np1,,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:2: admitted: missing value" },
	{ "discharge before admitted",
	  .patients = "id,admitted,discharge,need_skills\np1,2026-02-01,2026-01-01,3\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:3: discharge: discharge '2026-01-01' is before admitted '2026-02-01'" },
	{ "hours_min above hours_max",
	  .patients = "id,admitted,need_skills,hours_min,hours_max\np1,2026-01-05,3,12,10\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: hours_min: hours_min 12 is more than hours_max 10" },
	{ "hours_min above the default hours_max",
	  .patients = "id,admitted,need_skills,hours_min\np1,2026-01-05,3,31\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: hours_min: hours_min 31 is more than hours_max 30" },
	{ "negative hours",
	  .patients = "id,admitted,need_skills,hours_max\np1,2026-01-05,3,-3\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: hours_max: '-3' is not a number >= 0" },
	{ "bad available window",
	  .patients = "id,admitted,need_skills,available\np1,2026-01-05,3,mon-eve;tue 18:00-17:00\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: available: 'tue 18:00-17:00': end 17:00 is not after start 18:00" },
	{ "away not a date",
	  .patients = "id,admitted,need_skills,away\np1,2026-01-05,3,2026-03-01;2026-13-01\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: away: '2026-13-01' is not a date or a range "
		"(YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)" },
	{ "away range reversed",
	  .patients = "id,admitted,need_skills,away\np1,2026-01-05,3,2026-03-10..2026-03-01\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: away: range '2026-03-10..2026-03-01' ends before it starts" },
	{ "invalid UTF-8",
	  .patients = "id,admitted,need_skills,name\np1,2026-01-05,3,Jos\xE9\n",
	  .status = STATUS_BAD_DATA, .first = "patients.csv:2:4: name: invalid UTF-8 (the file is not saved as UTF-8): "
		"in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"" },
	{ "unterminated quote",
	  .patients = BASE_PATIENTS "\"p3,2026-01-05,3,2\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:4:1: id: unterminated quoted field" },
	{ "misplaced quote",
	  .groups = "id,type,slots\ng1,skills,mon \"09:00-11:00\"\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:3: slots: misplaced quote (quote the whole field)" },
	{ "group type without need column",
	  .groups = BASE_GROUPS "g3,Art,wed 09:00-11:00\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:4:2: type: type 'Art' has no need_art column in patients.csv" },
	{ "group without slots",
	  .groups = "id,type,slots\ng1,skills, ; \n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:3: slots: at least one slot is required" },
	{ "group malformed timed slot",
	  .groups = "id,type,slots\ng1,skills,mon 25:00-26:00\n", .status = STATUS_BAD_DATA,
	  .first = NULL /* the reason is slot.c's; checked by prefix below */ },
	{ "group hours cannot be derived",
	  .groups = "id,type,slots,hours\ng1,skills,mon-eve,\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: hours: no hours given and no timed slot to count them from" },
	{ "group hours cannot be derived, no hours column",
	  .groups = "id,type,slots\ng1,skills,mon-eve\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:3: slots: no hours given and no timed slot to count them from" },
	{ "group hours zero",
	  .groups = "id,type,slots,hours\ng1,skills,mon-eve,0\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: hours: '0' is not a number > 0" },
	{ "group min above max",
	  .groups = "id,type,slots,min_size,max_size\ng1,skills,mon 09:00-11:00,10,8\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: min_size: min_size 10 is more than max_size 8" },
	{ "group min above the default max",
	  .groups = "id,type,slots,min_size\ng1,skills,mon 09:00-11:00,20\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: min_size: min_size 20 is more than max_size 15" },
	{ "group min_size zero",
	  .groups = "id,type,slots,min_size\ng1,skills,mon 09:00-11:00,0\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: min_size: '0' is not a whole number >= 1" },
	{ "group weeks_from not a whole number",
	  .groups = "id,type,slots,weeks_from\ng1,skills,mon 09:00-11:00,two\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: weeks_from: 'two' is not a whole number >= 0", .errors = 1 },
	{ "group weeks_to a fraction",
	  .groups = "id,type,slots,weeks_to\ng1,skills,mon 09:00-11:00,1.5\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: weeks_to: '1.5' is not a whole number >= 0", .errors = 1 },
	{ "group weeks_to negative",
	  .groups = "id,type,slots,weeks_from,weeks_to\ng1,skills,mon 09:00-11:00,,-1\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:5: weeks_to: '-1' is not a whole number >= 0", .errors = 1 },
	{ "group weeks_from negative",
	  .groups = "id,type,slots,weeks_from,weeks_to\ng1,skills,mon 09:00-11:00,-2,4\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: weeks_from: '-2' is not a whole number >= 0", .errors = 1 },
	{ "group weeks_from after weeks_to",
	  .groups = "id,type,slots,weeks_from,weeks_to\ng1,skills,mon 09:00-11:00,5,2\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:4: weeks_from: weeks_from 5 is more than weeks_to 2", .errors = 1 },
	{ "group phases: one bound, both, equal, none",
	  .groups = "id,type,slots,Weeks_From,WEEKS_TO\ng1,skills,mon 09:00-11:00,,0\n"
		"g2,skills,tue 09:00-11:00,12,\ng3,skills,wed 09:00-11:00,3,3\n"
		"g4,skills,thu 09:00-11:00,,\n",
	  .status = STATUS_OK },
	{ "groups missing slots column",
	  .groups = "id,type\ng1,skills\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:1: missing required column 'slots'", .errors = 1 },
	{ "progress unknown patient is a warning",
	  .progress = "patient,type,date,score\np9,skills,2026-01-05,50\np1,skills,2026-01-05,50\n",
	  .status = STATUS_OK,
	  .first = "warning: progress.csv:2:1: patient: unknown patient 'p9', row skipped" },
	{ "progress unknown type",
	  .progress = "patient,type,date,score\np1,art,2026-01-05,50\n", .status = STATUS_BAD_DATA,
	  .first = "progress.csv:2:2: type: unknown type 'art'" },
	{ "progress score out of range",
	  .progress = "patient,type,date,score\np1,skills,2026-01-05,101\n", .status = STATUS_BAD_DATA,
	  .first = "progress.csv:2:4: score: '101' is not in 0..100" },
	{ "progress bad date",
	  .progress = "patient,type,date,score\np1,skills,5.1.2026,50\n", .status = STATUS_BAD_DATA,
	  .first = "progress.csv:2:3: date: '5.1.2026' is not a date (YYYY-MM-DD): write it as "
		"'2026-01-05'" },
	{ "US dates: one error for the column, with the form to write",
	  .patients = "id,admitted,discharge,need_skills\np1,11/30/2026,12/24/2026,3\n"
		"p2,11/2/2026,,1\np3,12/1/2026,,1\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:2: admitted: '11/30/2026' is not a date (YYYY-MM-DD): write it as "
		"'2026-11-30', and 2 more dates written MM/DD/YYYY in this column the same way",
	  .errors = 4 },
	{ "European dates with dots are day first",
	  .progress = "patient,type,date,score\np1,skills,3.11.2026,50\np1,skills,10.11.2026,60\n",
	  .status = STATUS_BAD_DATA,
	  .first = "progress.csv:2:3: date: '3.11.2026' is not a date (YYYY-MM-DD): write it as "
		"'2026-11-03', and 1 more date written DD.MM.YYYY in this column the same way",
	  .errors = 2 },
	{ "slashed dates the column cannot order",
	  .patients = "id,admitted,need_skills\np1,03/04/2026,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:2: admitted: '03/04/2026' is not a date (YYYY-MM-DD): write it as "
		"'2026-03-04' if it is month/day, '2026-04-03' if day/month", .errors = 1 },
	{ "day-first slashes told by a day above 12",
	  .patients = "id,admitted,need_skills\np1,03/04/2026,3\np2,30/11/2026,3\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:2: admitted: '03/04/2026' is not a date (YYYY-MM-DD): write it as "
		"'2026-04-03', and 1 more date written DD/MM/YYYY in this column the same way",
	  .errors = 2 },
	{ "separation from themself",
	  .separations = "patient_a,patient_b\np1,p1\n", .status = STATUS_BAD_DATA,
	  .first = "separations.csv:2:2: patient_b: 'p1' is separated from themself" },
	{ "separation unknown patient",
	  .separations = "patient_a,patient_b\np1,p2\np9,p1\n", .status = STATUS_BAD_DATA,
	  .first = "separations.csv:3:1: patient_a: unknown patient 'p9'" },
	{ "pin unknown group",
	  .pins = "patient,group,rule\np1,g99,must\n", .status = STATUS_BAD_DATA,
	  .first = "pins.csv:2:2: group: unknown group 'g99'" },
	{ "pin unknown patient",
	  .pins = "patient,group,rule\nP1,g1,must\n", .status = STATUS_BAD_DATA,
	  .first = "pins.csv:2:1: patient: unknown patient 'P1'" },
	{ "pin bad rule",
	  .pins = "patient,group,rule\np1,g1,maybe\n", .status = STATUS_BAD_DATA,
	  .first = "pins.csv:2:3: rule: 'maybe' is not must or never" },
	{ "pin must and never",
	  .pins = "patient,group,rule\np1,g1,must\np2,g1,never\np1,g1,Never\np1,g1,must\n",
	  .status = STATUS_BAD_DATA,
	  .first = "pins.csv:4:3: rule: both must and never for 'p1' in 'g1' (other on line 2)",
	  .errors = 1 },
	{ "pins case-insensitive rules are fine",
	  .pins = "Patient,GROUP,Rule\np1,g1,MUST\np2,g2,Never\n", .status = STATUS_OK },
	{ "settings unknown",
	  .settings = "setting,value\ncolour,red\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:2:1: setting: unknown setting 'colour'" },
	{ "settings bad value",
	  .settings = "setting,value\nmin_size,x\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:2:2: value: 'x' is not a whole number >= 1" },
	{ "settings duplicate",
	  .settings = "setting,value\nmastery,70\nMastery,75\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:3:1: setting: duplicate setting 'Mastery' (first on line 2)" },
	{ "settings contradict each other",
	  .settings = "setting,value\nmin_size,10\nmax_size,5\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv: min_size 10 is more than max_size 5" },
	{ "settings billable_days above 7",
	  .settings = "setting,value\nbillable_days,8\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:2:2: value: '8' is not a whole number in 0..7", .errors = 1 },
	{ "settings billable_days negative",
	  .settings = "setting,value\nbillable_days,-1\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:2:2: value: '-1' is not a whole number in 0..7", .errors = 1 },
	{ "settings billable_days not a whole number",
	  .settings = "setting,value\nbillable_days,3 days\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:2:2: value: '3 days' is not a whole number in 0..7", .errors = 1 },
	{ "settings billable_day_hours negative",
	  .settings = "setting,value\nbillable_day_hours,-3\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:2:2: value: '-3' is not a number >= 0", .errors = 1 },
	{ "settings billable_day_hours zero while the rule is on",
	  .settings = "setting,value\nbillable_days,3\nbillable_day_hours,0\n",
	  .status = STATUS_BAD_DATA,
	  .first = "settings.csv: billable_day_hours 0 is not > 0 while billable_days is 3",
	  .errors = 1 },
	{ "settings billable_day_hours zero while the rule is off",
	  .settings = "setting,value\nBillable_Day_Hours,0\nw_billable,0\n", .status = STATUS_OK },
	{ "settings w_billable negative",
	  .settings = "setting,value\nbillable_days,3\nw_billable,-15\n", .status = STATUS_BAD_DATA,
	  .first = "settings.csv:3:2: value: '-15' is not a number >= 0", .errors = 1 },
	{ "settings errors come after patients errors",
	  .patients = "id,admitted,need_skills\np1,2026-01-05,9\n",
	  .settings = "setting,value\ncolour,red\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:3: need_skills: '9' is not in 0..4", .errors = 2 },
	{ "files in the contract's order",
	  .groups = BASE_GROUPS "g3,skills,\n",
	  .pins = "patient,group,rule\np1,g9,must\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:4:3: slots: at least one slot is required", .errors = 2 },
	{ "errors of one file top to bottom",
	  .patients = "id,admitted,need_skills\np1,2026-01-05,9\np1,x,1\n\"p3,2026-01-05,9\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:3: need_skills: '9' is not in 0..4", .errors = 3 },
	{ "a lost need column is one progress error, not one per row",
	  .patients = "id,admitted,need_skills\np1,2026-01-05,3\np2,2026-01-12,1\n",
	  .groups = "id,type,slots\ng1,skills,mon 09:00-11:00\n",
	  .progress = "patient,type,date,score\np1,Relapse,2026-01-05,50\np1,skills,2026-01-05,50\n"
		"p2,relapse,2026-01-05,40\np2,relapse,2026-01-12,45\np1,art,2026-01-05,1\n",
	  .status = STATUS_BAD_DATA,
	  .first = "progress.csv:2:2: type: unknown type 'Relapse', here and in 2 more rows: "
		"add a need_relapse column to patients.csv or correct the type", .errors = 4 },
	{ "an unknown type first seen in a row of a patient who left",
	  .progress = "patient,type,date,score\ngone,art,2026-01-05,50\np1,art,2026-01-05,50\n"
		"p2,art,2026-01-05,50\n",
	  .status = STATUS_BAD_DATA,
	  .first = "warning: progress.csv:2:1: patient: unknown patient 'gone', row skipped",
	  .errors = 2 },
	{ "a stray quote in a name loses one row, with no follow-on errors",
	  .patients = "id,admitted,need_skills,name\np1,2026-01-05,3,Ann\n"
		"p2,2026-01-05,3,Bo \"Bobby\" Li\np3,2026-01-05,2,Cy\n",
	  .progress = "patient,type,date,score\np2,skills,2026-01-05,50\np3,skills,2026-01-05,50\n",
	  .separations = "patient_a,patient_b\np2,p3\n",
	  .pins = "patient,group,rule\np2,g1,must\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:3:4: name: misplaced quote (quote the whole field)", .errors = 1 },
	{ "an opening quote never closed loses only its row",
	  .patients = "id,admitted,need_skills,name\np1,2026-01-05,3,\"Ann\n"
		"p2,2026-01-05,3,Bo\np3,2026-01-05,2,Cy\n",
	  .pins = "patient,group,rule\np1,g1,must\np2,g1,never\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: name: unterminated quoted field", .errors = 1 },
	{ "a stray quote in groups.csv hides no other group",
	  .groups = "id,type,slots\ng1,skills,mon 09:00-11:00\ng2,skills,\"tue\" 09:00-11:00\n",
	  .pins = "patient,group,rule\np1,g2,must\np1,g9,never\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:3:3: slots: misplaced quote (quote the whole field)", .errors = 1 },
	{ "misspelt column is an error with a suggestion",
	  .patients = "id,admitted,need_skills,availble\np1,2026-01-05,3,mon 18:00-21:00\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:4: availble: unknown column: did you mean 'available'?",
	  .errors = 1 },
	{ "need column with a space and capitals",
	  .patients = "id,admitted,need_skills,Need Relapse\np1,2026-01-05,3,2\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:4: Need Relapse: unknown column: did you mean 'need_relapse'?" },
	{ "a misspelt need column is one error, not one per group",
	  .patients = "id,admitted,Need Skills\np1,2026-01-05,3\n",
	  .progress = "patient,type,date,score\np1,skills,2026-01-05,50\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:3: Need Skills: unknown column: did you mean 'need_skills'?",
	  .errors = 1 },
	{ "spacing variant of a known column",
	  .patients = "id,admitted,need_skills,Hours Min\np1,2026-01-05,3,5\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:4: Hours Min: unknown column: did you mean 'hours_min'?" },
	{ "misspelt required column is one error, not two",
	  .pins = "patient,group,rul\np1,g1,must\n", .status = STATUS_BAD_DATA,
	  .first = "pins.csv:1:3: rul: unknown column: did you mean 'rule'?", .errors = 1 },
	{ "swapped letters in a required column",
	  .patients = "id,admtited,need_skills\np1,2026-01-05,3\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1:2: admtited: unknown column: did you mean 'admitted'?",
	  .errors = 1 },
	{ "unknown column far from every known one stays a warning",
	  .patients = "id,admitted,need_skills,notes,room\np1,2026-01-05,3,x,y\n", .status = STATUS_OK,
	  .first = "warning: patients.csv:1:4: notes: unknown column, ignored" },
	{ "semicolon-separated file (European Excel)",
	  .patients = "id;admitted;need_skills;need_relapse\np1;2026-01-05;3;2\n",
	  .pins = "patient,group,rule\np1,g1,must\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:1: columns are separated by ';', not ',': save the file with ',' "
		"as the separator (in Excel use Save As, \"CSV UTF-8 (Comma delimited)\" with ',' "
		"as the list separator)", .errors = 1 },
	{ "Latin-1 file: one line for every accented name",
	  .patients = "id,admitted,need_skills,name\np1,2026-01-05,3,Jos\xE9\n"
		"p2,2026-01-05,3,Ren\xE9" "e\np3,2026-01-05,3,Ann\n",
	  .pins = "patient,group,rule\np1,g1,must\np2,g2,never\n", .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: name: invalid UTF-8, here and in 1 more cell (the file is "
		"not saved as UTF-8): in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"",
	  .errors = 2 },
	{ "Excel workbook renamed .csv",
	  .groups = "PK\x03\x04\x14\x06\x08[Content_Types].xml", .status = STATUS_BAD_DATA,
	  .first = "groups.csv: an Excel workbook (.xlsx), not a CSV file: in Excel use Save As, "
		"\"CSV UTF-8 (Comma delimited)\"", .errors = 1 },
	{ "old Excel workbook renamed .csv",
	  .patients = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x01", .status = STATUS_BAD_DATA,
	  .first = "patients.csv: an Excel 97-2003 workbook (.xls), not a CSV file: in Excel use "
		"Save As, \"CSV UTF-8 (Comma delimited)\"", .errors = 1 },
	{ "header row repeated inside the data",
	  .groups = BASE_GROUPS "ID,Type,Slots\ng3,skills,wed 09:00-11:00\n",
	  .pins = "patient,group,rule\np1,g3,must\n", .status = STATUS_BAD_DATA,
	  .first = "groups.csv:4: the header row is repeated here: delete this line", .errors = 1 },
	{ "12-hour slot in groups.csv",
	  .groups = "id,type,slots\ng1,skills,Mon 5:30pm-7:00pm;wed 17:30-19:00\n",
	  .status = STATUS_BAD_DATA,
	  .first = "groups.csv:2:3: slots: 'Mon 5:30pm-7:00pm': not a 24-hour time range: "
		"write it as 'mon 17:30-19:00'", .errors = 1 },
	{ "dotted time in a window",
	  .patients = "id,admitted,need_skills,available\np1,2026-01-05,3,tue 17.30-21.00\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: available: 'tue 17.30-21.00': not a 24-hour time range: "
		"write it as 'tue 17:30-21:00'", .errors = 1 },
	{ "a time without a range after a day",
	  .patients = "id,admitted,need_skills,available\np1,2026-01-05,3,Mon 5:30 PM\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:4: available: 'Mon 5:30 PM': not a time range: write a timed "
		"slot as DAY HH:MM-HH:MM on the 24-hour clock (e.g. 'mon 17:30-19:00')", .errors = 1 },
	{ "a screenful per file, then a count",
	  .patients = "id,admitted,need_skills,need_relapse\np3,2026-01-05,9,0\np4,2026-01-05,9,0\np5,2026-01-05,9,0\np6,2026-01-05,9,0\np7,2026-01-05,9,0\np8,2026-01-05,9,0\np9,2026-01-05,9,0\np10,2026-01-05,9,0\np11,2026-01-05,9,0\np12,2026-01-05,9,0\np13,2026-01-05,9,0\np14,2026-01-05,9,0\np15,2026-01-05,9,0\np16,2026-01-05,9,0\np17,2026-01-05,9,0\n",
	  .status = STATUS_BAD_DATA,
	  .first = "patients.csv:2:3: need_skills: '9' is not in 0..4", .errors = 15 },
	{ "unknown column is a warning",
	  .patients = "id,admitted,need_skills,Colour\np1,2026-01-05,3,blue\n", .status = STATUS_OK,
	  .first = "warning: patients.csv:1:4: Colour: unknown column, ignored" },
	{ "neutralised cells read back",
	  .patients = "id,admitted,need_skills\n'=p1,2026-01-05,3\n",
	  .pins = "patient,group,rule\n=p1,g1,must\n", .status = STATUS_OK },
};

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static const char *const file_names[] = {
	"patients.csv", "groups.csv", "progress.csv", "separations.csv", "pins.csv",
	"settings.csv",
};

static void run_case(const struct bad_case *bc)
{
	char dir[] = "/tmp/iop-clinic-XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *texts[] = {
		bc->patients ? bc->patients : BASE_PATIENTS,
		bc->groups ? bc->groups : BASE_GROUPS,
		bc->progress, bc->separations, bc->pins, bc->settings,
	};
	for (size_t i = 0; i < 6; i++)
		if (texts[i] && texts[i] != ABSENT)
			write_file(dir, file_names[i], texts[i]);

	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	enum status st = clinic_load(dir, NULL, &c, &d);

	char text[1024] = "(no diagnostic)";
	if (d.n > 0) {
		size_t off = 0;
		if (d.items[0].severity == DIAG_WARNING)
			off = (size_t)snprintf(text, sizeof text, "warning: ");
		diag_format(&d.items[0], text + off, sizeof text - off);
		/* the folder is random: compare what follows "DIR/" */
		char prefix[64];
		snprintf(prefix, sizeof prefix, "%s/", dir);
		char *at = strstr(text, prefix);
		if (at)
			memmove(at, at + strlen(prefix), strlen(at + strlen(prefix)) + 1);
	}
	/* judged after the folder is gone, so a failure leaves nothing in /tmp */
	char problem[2048] = "";
	if (st != bc->status)
		snprintf(problem, sizeof problem, "status %d, expected %d (first: %s)",
			 st, bc->status, text);
	else if (bc->first && strcmp(text, bc->first) != 0)
		snprintf(problem, sizeof problem, "\n  got      %s\n  expected %s", text, bc->first);
	else if (!bc->first && bc->status != STATUS_OK && d.n == 0)
		snprintf(problem, sizeof problem, "no diagnostic");
	else if (bc->errors && d.n_errors != bc->errors)
		snprintf(problem, sizeof problem, "%zu errors, expected %zu (first: %s)",
			 d.n_errors, bc->errors, text);
	else if (st != STATUS_OK && (c.n_patients || c.patients || c.folder))
		snprintf(problem, sizeof problem, "a failed load left data behind");
	else if (st == STATUS_OK && d.n_errors != 0)
		snprintf(problem, sizeof problem, "errors with status ok");
	clinic_release(&c);
	diag_list_release(&d);

	for (size_t i = 0; i < 6; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, file_names[i]);
		unlink(path);
	}
	assert_int_equal(rmdir(dir), 0);
	if (problem[0])
		fail_msg("case '%s': %s", bc->name, problem);
}

static void test_bad_inputs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		run_case(&cases[i]);
}

/* The malformed timed slot's reason is slot.c's own text; only its place is ours. */
static void test_malformed_slot_is_error(void **state)
{
	(void)state;
	char dir[] = "/tmp/iop-clinic-XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_file(dir, "patients.csv", BASE_PATIENTS);
	write_file(dir, "groups.csv", "id,type,slots\ng1,skills,Mon 25:00-26:00\n");
	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(clinic_load(dir, NULL, &c, &d), STATUS_BAD_DATA);
	assert_int_equal(d.n_errors, 1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].field, 3);
	assert_string_equal(d.items[0].column, "slots");
	assert_non_null(strstr(d.items[0].message, "'Mon 25:00-26:00'"));
	diag_list_release(&d);
	char path[512];
	snprintf(path, sizeof path, "%s/patients.csv", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/groups.csv", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* Fifteen bad rows: ten lines, then one that counts the rest. */
static void test_flood_is_cut(void **state)
{
	(void)state;
	char dir[] = "/tmp/iop-clinic-XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_file(dir, "patients.csv", "id,admitted,need_skills,need_relapse\np3,2026-01-05,9,0\np4,2026-01-05,9,0\np5,2026-01-05,9,0\np6,2026-01-05,9,0\np7,2026-01-05,9,0\np8,2026-01-05,9,0\np9,2026-01-05,9,0\np10,2026-01-05,9,0\np11,2026-01-05,9,0\np12,2026-01-05,9,0\np13,2026-01-05,9,0\np14,2026-01-05,9,0\np15,2026-01-05,9,0\np16,2026-01-05,9,0\np17,2026-01-05,9,0\n");
	write_file(dir, "groups.csv", BASE_GROUPS);
	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(clinic_load(dir, NULL, &c, &d), STATUS_BAD_DATA);
	assert_int_equal(d.n_errors, 15);
	assert_int_equal(d.n, 11);
	char text[512], want[600];
	diag_format(&d.items[10], text, sizeof text);
	snprintf(want, sizeof want, "%s/patients.csv: and 5 more like this (fix the ones above first)",
		 dir);
	assert_string_equal(text, want);
	diag_list_release(&d);
	char path[512];
	snprintf(path, sizeof path, "%s/patients.csv", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/groups.csv", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

static void test_unreadable_file_is_io(void **state)
{
	(void)state;
	char dir[] = "/tmp/iop-clinic-XXXXXX";
	assert_non_null(mkdtemp(dir));
	write_file(dir, "groups.csv", BASE_GROUPS);
	char path[512];
	snprintf(path, sizeof path, "%s/patients.csv", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	struct clinic c;
	struct diag_list d = DIAG_LIST_INIT;
	enum status st = clinic_load(dir, NULL, &c, &d);
	char text[512] = "";
	if (d.n)
		diag_format(&d.items[0], text, sizeof text);
	diag_list_release(&d);
	rmdir(path);
	snprintf(path, sizeof path, "%s/groups.csv", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
	assert_int_equal(st, STATUS_IO);
	assert_non_null(strstr(text, "/patients.csv: read: "));
	assert_null(c.patients);
}

static void test_table_size(void **state)
{
	(void)state;
	/* the contract asks for a table that covers every kind of error */
	assert_true(sizeof cases / sizeof *cases >= 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_clinic),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_missing_folder),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_malformed_slot_is_error),
		cmocka_unit_test(test_flood_is_cut),
		cmocka_unit_test(test_unreadable_file_is_io),
		cmocka_unit_test(test_table_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_roster_read.c -- reading roster files back and finding last week's. */
/* nftw for the fixture cleanup */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/roster.h"

#ifndef TEST_DATA_DIR
#error "TEST_DATA_DIR must name test/data"
#endif

struct fixture {
	struct clinic c;
	char dir[32];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	struct diag_list d = DIAG_LIST_INIT;
	if (clinic_load(TEST_DATA_DIR "/clinics/small", NULL, &f->c, &d) != STATUS_OK)
		return -1;
	diag_list_release(&d);
	strcpy(f->dir, "/tmp/iop-roster-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	*state = f;
	return 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	/* the folder is ours, made by mkdtemp above; children go first */
	int rc = nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	clinic_release(&f->c);
	free(f);
	return rc == 0 ? 0 : -1;
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static const char *first_diag(const struct diag_list *d, const char *dir)
{
	static char text[512];
	assert_true(d->n > 0);
	diag_format(&d->items[0], text, sizeof text);
	size_t n = strlen(dir);
	if (strncmp(text, dir, n) == 0 && text[n] == '/')
		memmove(text, text + n + 1, strlen(text + n + 1) + 1);
	return text;
}

#define ROSTER_HEADER "week,patient,group,type,slots,hours,change\n"

static void test_previous_ignores_unknown(void **state)
{
	struct fixture *f = *state;
	put(f->dir, "r.csv", ROSTER_HEADER
	    "2026-02-09,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "2026-02-09,gone,g1,skills,mon 09:00-11:00,4,kept\n"
	    "2026-02-09,p02,g9,skills,mon 09:00-11:00,4,kept\n"
	    "2026-02-09,p03,g2,relapse,mon-eve,3,moved\n");
	char path[256];
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	struct roster r = { 0 };
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.items[0].patient, 0);
	assert_int_equal(r.items[0].group, 0);
	assert_int_equal(r.items[0].line, 2);
	assert_int_equal(r.items[1].patient, 2);
	assert_int_equal(r.items[1].group, 1);
	assert_int_equal(r.items[1].line, 5);
	roster_release(&r);

	/* the same file given to check: every unknown id is an error */
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_STRICT, &r, &d), STATUS_BAD_DATA);
	assert_int_equal(d.n_errors, 2);
	assert_string_equal(first_diag(&d, f->dir), "r.csv:3:2: patient: unknown patient 'gone'");
	char text[512];
	diag_format(&d.items[1], text, sizeof text);
	assert_non_null(strstr(text, "r.csv:4:3: group: unknown group 'g9'"));
	roster_release(&r);
	diag_list_release(&d);
}

/* All of d's messages, folder stripped, one a line. */
static const char *all_diags(const struct diag_list *d, const char *dir)
{
	static char text[2048];
	size_t len = 0, n = strlen(dir);
	text[0] = '\0';
	for (size_t i = 0; i < d->n; i++) {
		char one[512];
		diag_format(&d->items[i], one, sizeof one);
		const char *s = strncmp(one, dir, n) == 0 && one[n] == '/' ? one + n + 1 : one;
		len += (size_t)snprintf(text + len, sizeof text - len, "%s\n", s);
	}
	return text;
}

/* A roster given for one week (check, explain, admit): rows of another
 * week, dates that are no dates and placements listed twice are errors at
 * their rows; an empty week cell claims nothing. Issue 11 case 8. */
static void test_week_and_repeats(void **state)
{
	struct fixture *f = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	day_t monday;
	assert_true(date_parse("2026-02-09", &monday));
	struct roster r = { 0 };
	struct diag_list d = DIAG_LIST_INIT;

	put(f->dir, "r.csv", ROSTER_HEADER
	    "2026-02-09,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    ",p03,g2,relapse,mon-eve,3,moved\n");
	assert_int_equal(roster_read_week(path, &f->c, monday, &r, &d), STATUS_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(r.n, 2);
	roster_release(&r);

	put(f->dir, "r.csv", ROSTER_HEADER
	    "2026-02-09,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "2026-02-02,p02,g3,skills,mon 09:00-11:00,4,kept\n"
	    "2026-02-09,p03,g2,relapse,mon-eve,3,moved\n"
	    "2026-02-02,p03,g1,skills,mon 09:00-11:00,4,kept\n"
	    "2026-02-09,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "9 Feb,p03,g2,relapse,mon-eve,3,moved\n");
	assert_int_equal(roster_read_week(path, &f->c, monday, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(all_diags(&d, f->dir),
			    "r.csv:3:1: week: '2026-02-02' is not the week checked, 2026-02-09, "
			    "here and in 1 more row\n"
			    "r.csv:6:2: patient: 'p01' in 'g1' repeats line 2: delete this row\n"
			    "r.csv:7:1: week: '9 Feb' is not a date (YYYY-MM-DD)\n"
			    "r.csv:7:2: patient: 'p03' in 'g2' repeats line 4: delete this row\n");
	/* every row of another week counts, though named once */
	assert_int_equal(d.n_errors, 5);
	roster_release(&r);
	diag_list_release(&d);

	/* A spreadsheet's dates: one message for the column. */
	put(f->dir, "r.csv", ROSTER_HEADER
	    "2/16/2026,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "2/16/2026,p03,g2,relapse,mon-eve,3,moved\n");
	assert_int_equal(roster_read_week(path, &f->c, monday, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(all_diags(&d, f->dir),
			    "r.csv:2:1: week: '2/16/2026' is not a date (YYYY-MM-DD): write it as "
			    "'2026-02-16', and 1 more date written MM/DD/YYYY in this column the same way\n");
	roster_release(&r);
	diag_list_release(&d);

	/* Last week's roster read for continuity: neither is its business. */
	put(f->dir, "r.csv", ROSTER_HEADER
	    "2026-02-02,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "2026-02-02,p01,g1,skills,mon 09:00-11:00,4,joined\n");
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_OK);
	assert_int_equal(d.n, 0);
	roster_release(&r);	diag_list_release(&d);
}

/* The week a roster says it is for: the first Monday in its week column. */
static void test_file_week(void **state)
{
	struct fixture *f = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	day_t week = 0, want;
	assert_true(date_parse("2026-02-09", &want));
	put(f->dir, "r.csv", ROSTER_HEADER
	    ",p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "2026-02-10,p01,g1,skills,mon 09:00-11:00,4,joined\n"
	    "2026-02-09,p03,g2,relapse,mon-eve,3,moved\n");
	assert_int_equal(roster_file_week(path, &week), STATUS_OK);
	assert_int_equal(week, want);
	put(f->dir, "r.csv", "patient,group\np01,g1\n");
	assert_int_equal(roster_file_week(path, &week), STATUS_NO_INPUT);
	snprintf(path, sizeof path, "%s/none.csv", f->dir);
	assert_int_equal(roster_file_week(path, &week), STATUS_NO_INPUT);
}

static void test_only_patient_and_group_needed(void **state)
{
	struct fixture *f = *state;
	/* columns in any order and case; neutralised cells read back */
	put(f->dir, "r.csv", "Group,PATIENT\r\ng3,p02\r\n");
	char path[256];
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	struct roster r = { 0 };
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_STRICT, &r, &d), STATUS_OK);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].patient, 1);
	assert_int_equal(r.items[0].group, 2);
	roster_release(&r);
	diag_list_release(&d);
}

static void test_unparsable_is_error(void **state)
{
	struct fixture *f = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	struct roster r = { 0 };
	struct diag_list d = DIAG_LIST_INIT;

	put(f->dir, "r.csv", ROSTER_HEADER "2026-02-09,p01,\"g1,skills\n");
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "r.csv:2:3: group: unterminated quoted field");
	diag_list_release(&d);
	roster_release(&r);

	put(f->dir, "r.csv", "week,patient\n2026-02-09,p01\n");
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "r.csv:1: missing required column 'group'");
	diag_list_release(&d);

	put(f->dir, "r.csv", "");
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "r.csv: file is empty");
	diag_list_release(&d);

	put(f->dir, "r.csv", ROSTER_HEADER "2026-02-09,p01,g1,skills\n");
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "r.csv:2: record has 4 fields, header has 7");
	diag_list_release(&d);

	put(f->dir, "r.csv", "patient,group\np01,\n");
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "r.csv:2:2: group: missing value");
	diag_list_release(&d);

	snprintf(path, sizeof path, "%s/none.csv", f->dir);
	assert_int_equal(roster_read(path, &f->c, ROSTER_READ_PREVIOUS, &r, &d), STATUS_NO_INPUT);
	assert_string_equal(first_diag(&d, f->dir), "none.csv: file not found");
	diag_list_release(&d);
	assert_int_equal(r.n, 0);
	roster_release(&r);
}

static day_t day(const char *text)
{
	day_t d;
	assert_true(date_parse(text, &d));
	return d;
}

/* diff's reading: ids as text, no clinic needed, sorted by (patient, type,
 * group) with duplicates dropped; a clinic gives a group its type. */
static void test_rows(void **state)
{
	struct fixture *f = *state;
	put(f->dir, "r.csv", "patient,group,type\n"
	    "p2,g1,b\np1,g9,a\np1,g2,\np1,g9,a\nx,,a\n");
	char path[256];
	snprintf(path, sizeof path, "%s/r.csv", f->dir);
	struct roster_rows r;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(roster_rows_read(path, NULL, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "r.csv:6:2: group: empty cell");
	assert_int_equal(r.n, 3);
	/* an empty type compares the group with itself */
	assert_string_equal(r.items[0].patient, "p1");
	assert_string_equal(r.items[0].group, "g9");
	assert_string_equal(r.items[0].type, "a");
	assert_true(r.items[0].typed);
	assert_string_equal(r.items[1].group, "g2");
	assert_string_equal(r.items[1].type, "g2");
	assert_false(r.items[1].typed);
	assert_string_equal(r.items[2].patient, "p2");
	roster_rows_release(&r);
	diag_list_release(&d);

	/* with the clinic: g1 is a skills group whatever the file says */
	assert_int_equal(roster_rows_read(path, &f->c, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(r.items[2].group, "g1");
	assert_string_equal(r.items[2].type, "skills");
	roster_rows_release(&r);
	diag_list_release(&d);

	put(f->dir, "s.csv", "patient,type\np1,a\n");
	snprintf(path, sizeof path, "%s/s.csv", f->dir);
	assert_int_equal(roster_rows_read(path, NULL, &r, &d), STATUS_BAD_DATA);
	assert_string_equal(first_diag(&d, f->dir), "s.csv:1: missing column 'group'");
	roster_rows_release(&r);
	diag_list_release(&d);

	snprintf(path, sizeof path, "%s/none.csv", f->dir);
	assert_int_equal(roster_rows_read(path, NULL, &r, &d), STATUS_NO_INPUT);
	assert_string_equal(first_diag(&d, f->dir), "none.csv: no such file");
	roster_rows_release(&r);
	diag_list_release(&d);
}

static void test_find_previous(void **state)
{
	struct fixture *f = *state;
	struct diag_list d = DIAG_LIST_INIT;
	char *path = (char *)1;

	/* no rosters folder yet: the first week has no previous roster */
	assert_int_equal(roster_find_previous(f->dir, day("2026-02-16"), &path, &d), STATUS_OK);
	assert_null(path);

	char rosters[256];
	snprintf(rosters, sizeof rosters, "%s/rosters", f->dir);
	assert_int_equal(mkdir(rosters, 0700), 0);
	assert_int_equal(roster_find_previous(f->dir, day("2026-02-16"), &path, &d), STATUS_OK);
	assert_null(path);

	put(rosters, "2026-02-02.csv", ROSTER_HEADER);
	put(rosters, "2026-02-09.csv", ROSTER_HEADER);
	put(rosters, "2026-02-16.csv", ROSTER_HEADER);
	put(rosters, "2026-02-10.unmet.csv", ROSTER_HEADER);
	put(rosters, "2026-02-11.csv.bak", ROSTER_HEADER);
	put(rosters, "2026-02-30.csv", ROSTER_HEADER);
	put(rosters, "x2026-02-12.csv", ROSTER_HEADER);
	char sub[300];
	snprintf(sub, sizeof sub, "%s/2026-02-13.csv", rosters);
	assert_int_equal(mkdir(sub, 0700), 0);

	char expected[300];
	assert_int_equal(roster_find_previous(f->dir, day("2026-02-16"), &path, &d), STATUS_OK);
	snprintf(expected, sizeof expected, "%s/rosters/2026-02-09.csv", f->dir);
	assert_non_null(path);
	assert_string_equal(path, expected);
	free(path);

	assert_int_equal(roster_find_previous(f->dir, day("2026-02-23"), &path, &d), STATUS_OK);
	snprintf(expected, sizeof expected, "%s/rosters/2026-02-16.csv", f->dir);
	assert_string_equal(path, expected);
	free(path);

	assert_int_equal(roster_find_previous(f->dir, day("2026-02-02"), &path, &d), STATUS_OK);
	assert_null(path);
	assert_int_equal(d.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_previous_ignores_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_patient_and_group_needed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_week_and_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_week, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unparsable_is_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

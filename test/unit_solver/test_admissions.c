/* test_admissions.c -- the expected-admissions file of `simulate`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim_fixture.h"
#include "data/admissions.h"

static struct clinic c;
static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	fx_clinic(&c, "skills;support");
	int n[] = { 1, 1 };
	fx_patient(&c, "p1", "2025-12-01", "", n);
	strcpy(dir, "/tmp/iop-admissions-XXXXXX");
	if (!mkdtemp(dir))
		fail_msg("mkdtemp");
	snprintf(path, sizeof path, "%s/admissions.csv", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	rmdir(dir);
	clinic_release(&c);
	return 0;
}

static void write_file(const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static bool has_message(const struct diag_list *d, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->items[i].message, text))
			return true;
	return false;
}

static void test_good(void **state)
{
	(void)state;
	write_file("id,admitted,need_support,hours_max,tags\n"
		   "a1,2026-01-14,3,15,Women\n"
		   "a2,2026-01-20,0,,\n");
	struct admission_list l;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admissions_load(path, &c, &l, &d), STATUS_OK);
	assert_int_equal(d.n_errors, 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].id, "a1");
	assert_int_equal(l.items[0].need[0], 0); /* skills: no column */
	assert_int_equal(l.items[0].need[1], 3);
	assert_true(l.items[0].hours_max == 15);
	assert_true(l.items[0].hours_min == c.settings.hours_min);
	assert_int_equal(l.items[0].n_tags, 1);
	assert_string_equal(l.items[0].tags[0], "women");
	assert_int_equal(l.items[1].line, 3);

	/* A deep copy owns everything it points to. */
	struct patient copy;
	assert_true(patient_copy(&copy, &l.items[0], c.n_types));
	assert_ptr_not_equal(copy.id, l.items[0].id);
	assert_string_equal(copy.tags[0], "women");
	assert_int_equal(copy.need[1], 3);
	patient_release(&copy);
	assert_null(copy.id);

	/* Appending keeps the id lookup working. */
	assert_true(admissions_append(&c, &l.items[1]));
	assert_null(l.items[1].id);
	assert_int_equal(clinic_find_patient(&c, "a2"), 1);
	assert_int_equal(clinic_find_patient(&c, "p1"), 0);
	admission_list_release(&l);
	diag_list_release(&d);
}

static void test_unknown_type(void **state)
{
	(void)state;
	write_file("id,admitted,need_skills,need_yoga\na1,2026-01-14,2,1\n");
	struct admission_list l;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admissions_load(path, &c, &l, &d), STATUS_BAD_DATA);
	assert_int_equal(l.n, 0);
	assert_int_equal(d.n_errors, 1);
	assert_non_null(strstr(d.items[0].message, "type 'yoga' is not in patients.csv"));
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].field, 4);
	assert_string_equal(d.items[0].column, "need_yoga");
	admission_list_release(&l);
	diag_list_release(&d);
}

static void test_known_id(void **state)
{
	(void)state;
	write_file("id,admitted,need_skills\na1,2026-01-14,2\np1,2026-01-14,2\n");
	struct admission_list l;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admissions_load(path, &c, &l, &d), STATUS_BAD_DATA);
	assert_int_equal(d.n_errors, 1);
	assert_non_null(strstr(d.items[0].message, "'p1' is already a patient in patients.csv"));
	assert_int_equal(d.items[0].line, 3);
	admission_list_release(&l);
	diag_list_release(&d);
}

static void test_bad_rows(void **state)
{
	(void)state;
	write_file("id,admitted,need_skills\na1,2026-01-14,7\na1,2026-02-30,1\n");
	struct admission_list l;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admissions_load(path, &c, &l, &d), STATUS_BAD_DATA);
	assert_true(has_message(&d, "is not in 0..4"));
	assert_true(has_message(&d, "duplicate id 'a1'"));
	admission_list_release(&l);
	diag_list_release(&d);
}

static void test_missing(void **state)
{
	(void)state;
	struct admission_list l;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(admissions_load(path, &c, &l, &d), STATUS_NO_INPUT);
	assert_int_equal(d.n_errors, 1);
	admission_list_release(&l);
	diag_list_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_known_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

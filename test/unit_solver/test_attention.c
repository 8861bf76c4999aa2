/* test_attention.c -- the attention list (cmd/attention.c) on a week built
 * in memory: each kind's exact text and fix, the order of kinds, a kind
 * added by another module after attention_build, and data warnings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "fixture.h"
#include "attention.h"
#include "solver/reasons.h"

struct want { enum attention_kind kind; const char *subject, *text, *fix; };

static void expect_items(const struct week *w, const struct attention_list *l,
			 const struct want *want, size_t n)
{
	const struct clinic *c = w->clinic;
	assert_int_equal(l->n, n);
	for (size_t i = 0; i < n; i++) {
		const struct attention_item *it = &l->items[i];
		assert_int_equal(it->kind, want[i].kind);
		const char *subject = it->patient >= 0 ? c->patients[it->patient].id
				      : it->group >= 0 ? c->groups[it->group].id : NULL;
		if (want[i].subject == NULL)
			assert_null(subject);
		else
			assert_string_equal(subject, want[i].subject);
		assert_string_equal(it->text, want[i].text);
		if (want[i].fix == NULL)
			assert_null(it->fix);
		else
			assert_string_equal(it->fix, want[i].fix);
	}
}

static void test_kinds(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, "skills;support");
	int skl = fx_group(&f, "skl", 0, "mon 10:00-12:00", 2, 2, 2, NULL);
	int sup = fx_group(&f, "sup", 1, "tue 10:00-11:30", 1.5, 1, 10, NULL);
	int p0 = fx_patient(&f, "p0", "30", NULL);
	int p1 = fx_patient(&f, "p1", "30", NULL);
	int p2 = fx_patient(&f, "p2", "20", NULL);
	int p3 = fx_patient(&f, "p3", "01", NULL);
	fx_hours(&f, p0, 2, 30);
	fx_hours(&f, p1, 2, 30);
	fx_hours(&f, p2, 6, 30);
	fx_hours(&f, p3, 3, 30);
	f.c.patients[p1].discharge = f.monday + 2; /* leaves on Wednesday */
	struct week *w = fx_week(&f);
	struct roster r = { 0 };
	assert_true(roster_add(&r, p0, skl, 0) && roster_add(&r, p1, skl, 0) &&
		    roster_add(&r, p3, sup, 0));
	struct unmet_list u = { 0 };
	assert_int_equal(reasons_compute(w, &r, &u), STATUS_OK);

	struct diag_list warnings = DIAG_LIST_INIT;
	diag_warning(&warnings, "patients.csv", 1, 11, "notes", "unknown column, ignored");
	diag_error(&warnings, "patients.csv", 2, 1, "id", "an error is no warning");
	struct attention_input in = { .week = w, .roster = &r, .unmet = &u, .warnings = &warnings };
	struct attention_list l = { 0 };
	assert_int_equal(attention_build(&in, &l), STATUS_OK);
	const struct want want[] = {
		{ ATTENTION_NO_GROUP, "p2", "in no group: 0 h, wants at least 6 h; unmet skills (full)",
		  "raise max_size of a group that fits them, or add a group" },
		{ ATTENTION_BELOW_HOURS, "p3", "1.5 h of groups, wants at least 3 h; every need is met",
		  "lower their hours_min, or add a need" },
		{ ATTENTION_LEAVES, "p1", "leaves this week (discharge 2026-03-04)", NULL },
		{ ATTENTION_AT_MINIMUM, "skl",
		  "2 members, its minimum is 2; 1 leaves this week: below its minimum once they leave", NULL },
		{ ATTENTION_AT_MINIMUM, "sup", "1 member, its minimum is 1: one absence and it cannot run", NULL },
		{ ATTENTION_WARNING, NULL, "patients.csv:1:11: notes: unknown column, ignored", NULL },
	};
	expect_items(w, &l, want, sizeof want / sizeof want[0]);
	assert_int_equal(attention_count(&l, ATTENTION_AT_MINIMUM), 2);
	assert_int_equal(attention_count(&l, ATTENTION_NOT_BILLABLE), 0);

	/* another module adds items after the build: sorted in among their
	 * kind, after the ones already there */
	assert_true(attention_add(&l, ATTENTION_WARNING, -1, -1, "later warning", NULL));
	assert_true(attention_add(&l, ATTENTION_NO_GROUP, p0, -1, "added", "a fix"));
	attention_sort(&l);
	assert_int_equal(l.n, 8);
	assert_string_equal(l.items[0].text, want[0].text);
	assert_string_equal(l.items[1].text, "added");
	assert_string_equal(l.items[1].fix, "a fix");
	assert_string_equal(l.items[6].text, want[5].text);
	assert_string_equal(l.items[7].text, "later warning");
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.items[i].seq, i);

	attention_release(&l);
	assert_int_equal(l.n, 0);

	/* without the unmet list it claims nothing about needs */
	in.unmet = NULL;
	assert_int_equal(attention_build(&in, &l), STATUS_OK);
	assert_string_equal(l.items[0].text, "in no group: 0 h, wants at least 6 h");
	assert_null(l.items[0].fix);
	assert_string_equal(l.items[1].text, "1.5 h of groups, wants at least 3 h");
	attention_release(&l);
	diag_list_release(&warnings);
	unmet_list_release(&u);
	roster_release(&r);
	fx_release(&f);
}

/* Not running, with the cause and its fix; the billing rule on. */
static void test_not_running_and_billing(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, "skills;support");
	f.c.settings.billable_days = 2;
	f.c.settings.billable_day_hours = 3;
	int skl = fx_group(&f, "skl", 0, "mon 10:00-13:00", 3, 1, 10, NULL);
	fx_group(&f, "sup", 1, "wed 10:00-13:00", 3, 3, 10, NULL);
	int p0 = fx_patient(&f, "p0", "33", NULL);
	int p1 = fx_patient(&f, "p1", "33", NULL);
	fx_hours(&f, p0, 0, 30);
	fx_hours(&f, p1, 0, 30);
	struct week *w = fx_week(&f);
	struct roster r = { 0 };
	assert_true(roster_add(&r, p0, skl, 0) && roster_add(&r, p1, skl, 0));
	struct attention_input in = { .week = w, .roster = &r };
	struct attention_list l = { 0 };
	assert_int_equal(attention_build(&in, &l), STATUS_OK);
	const struct want want[] = {
		{ ATTENTION_NOT_BILLABLE, "p0", "not billable: 1 of 2 days reaches 3 h",
		  "pin them to groups that together make 3 h a day on 2 days (pins.csv)" },
		{ ATTENTION_NOT_BILLABLE, "p1", "not billable: 1 of 2 days reaches 3 h",
		  "pin them to groups that together make 3 h a day on 2 days (pins.csv)" },
		{ ATTENTION_NOT_RUNNING, "sup", "not running: only 2 patients can join, it needs 3",
		  "lower its min_size, or move it to a time more patients can come" },
	};
	expect_items(w, &l, want, sizeof want / sizeof want[0]);
	attention_release(&l);
	roster_release(&r);
	fx_release(&f);
}

/* The summary's block: ids only, the fix once after a run that shares
 * it, at most per_kind lines of a kind, warnings as a count. */
static void test_print(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, "skills");
	int g = fx_group(&f, "skl", 0, "mon 10:00-12:00", 2, 1, 10, NULL);
	int p[4];
	for (int i = 0; i < 4; i++) {
		char id[8];
		snprintf(id, sizeof id, "p%d", i);
		p[i] = fx_patient(&f, id, "3", NULL);
	}
	struct week *w = fx_week(&f);
	struct attention_list l = { 0 };
	assert_true(attention_add(&l, ATTENTION_NO_GROUP, p[0], -1, "a", "fix one"));
	assert_true(attention_add(&l, ATTENTION_NO_GROUP, p[1], -1, "b", "fix one"));
	assert_true(attention_add(&l, ATTENTION_NO_GROUP, p[2], -1, "c", "fix two"));
	assert_true(attention_add(&l, ATTENTION_NO_GROUP, p[3], -1, "d", "fix two"));
	assert_true(attention_add(&l, ATTENTION_STARTS, p[0], -1, "new", NULL));
	assert_true(attention_add(&l, ATTENTION_NOT_RUNNING, -1, g, "not running", NULL));
	assert_true(attention_add(&l, ATTENTION_WARNING, -1, -1, "w1", NULL));
	assert_true(attention_add(&l, ATTENTION_WARNING, -1, -1, "w2", NULL));
	attention_sort(&l);
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	assert_non_null(out);
	attention_print(out, w, &l, 3);
	fclose(out);
	assert_string_equal(text,
		"needs attention:\n"
		"  p0: a\n"
		"  p1: b\n"
		"    fix for these 2: fix one\n"
		"  p2: c\n"
		"    fix: fix two\n"
		"  and 1 more, in the report\n"
		"  p0: new\n"
		"  skl: not running\n"
		"  2 data warnings, on stderr above and in the report\n");
	free(text);
	attention_release(&l);
	out = open_memstream(&text, &size);
	assert_non_null(out);
	attention_print(out, w, &l, 3);
	fclose(out);
	assert_string_equal(text, "nothing needs attention\n");
	free(text);
	fx_release(&f);
}

static void test_names(void **state)
{
	(void)state;
	for (int k = 0; k < ATTENTION_KIND_COUNT; k++) {
		assert_string_not_equal(attention_kind_name((enum attention_kind)k), "unknown");
		assert_string_not_equal(attention_kind_title((enum attention_kind)k), "Other");
	}
	assert_string_equal(attention_kind_name(ATTENTION_BELOW_HOURS), "below-hours");
	assert_string_equal(attention_kind_name((enum attention_kind)ATTENTION_KIND_COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_not_running_and_billing),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

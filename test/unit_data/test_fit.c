/* test_fit.c -- window fit, required tags and group clash against the
 * contract's examples (Slots and windows). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/fit.h"

/* Slots go through slot_parse_list as the loaders do, so labels arrive
 * folded exactly as they would from a CSV file. */
static struct slot *slots_of(const char *text, size_t *n)
{
	struct slot *list;
	char err[200];
	if (!slot_parse_list(text, &list, n, err, sizeof err))
		fail_msg("'%s': %s", text, err);
	return list;
}

static struct patient patient_with(const char *available, char **tags, size_t n_tags)
{
	struct patient p = { .id = "p1", .tags = tags, .n_tags = n_tags };
	p.available = slots_of(available, &p.n_available);
	return p;
}

static struct group group_with(const char *slots, char **requires, size_t n_requires)
{
	struct group g = { .id = "g1", .requires = requires, .n_requires = n_requires };
	g.slots = slots_of(slots, &g.n_slots);
	return g;
}

static void release(struct patient *p, struct group *g)
{
	if (p)
		slot_list_free(p->available, p->n_available);
	if (g)
		slot_list_free(g->slots, g->n_slots);
}

static bool fits(const char *group_slots, const char *windows)
{
	struct patient p = patient_with(windows, NULL, 0);
	struct group g = group_with(group_slots, NULL, 0);
	bool ok = group_fits_windows(&g, &p);
	assert_true(ok == group_fits_patient(&g, &p));
	release(&p, &g);
	return ok;
}

static bool clash(const char *a, const char *b)
{
	struct group g = group_with(a, NULL, 0), h = group_with(b, NULL, 0);
	bool yes = groups_clash(&g, &h);
	assert_true(yes == groups_clash(&h, &g));
	release(NULL, &g);
	release(NULL, &h);
	return yes;
}

static void test_labels_fit_after_folding(void **state)
{
	(void)state;
	assert_true(fits("Group Room B Tue", "  group   room b TUE "));
	assert_true(fits("mon-eve", "MON-EVE"));
	assert_false(fits("mon-eve", "mon-am"));
	assert_false(fits("mon-eve", "mon 17:00-21:00")); /* a label never fits a time */
	assert_false(fits("mon 18:00-20:00", "mon-eve"));
}

static void test_timed_fit_is_containment(void **state)
{
	(void)state;
	assert_true(fits("mon 18:00-20:00", "mon 17:00-21:00"));
	assert_true(fits("mon 18:00-20:00", "Monday 18:00 - 20:00")); /* equal ends */
	assert_false(fits("mon 18:00-20:00", "mon 18:30-21:00"));
	assert_false(fits("mon 18:00-20:00", "mon 17:00-19:59"));
	assert_false(fits("mon 18:00-20:00", "tue 17:00-21:00"));
	/* Two windows that only together cover the slot do not. */
	assert_false(fits("mon 18:00-20:00", "mon 17:00-19:00; mon 19:00-21:00"));
}

static void test_every_slot_some_window(void **state)
{
	(void)state;
	assert_true(fits("mon 18:00-20:00; wed 18:00-20:00; sat-am",
			 "sat-am; wed 17:00-21:00; mon 18:00-21:00"));
	assert_false(fits("mon 18:00-20:00; wed 18:00-20:00", "mon 17:00-21:00"));
	assert_true(fits("mon 18:00-20:00; sat-am", "")); /* no windows: any time */
}

static void test_slot_fits_patient(void **state)
{
	(void)state;
	struct patient p = patient_with("mon 09:00-12:00; sat-am", NULL, 0);
	size_t n;
	struct slot *s = slots_of("mon 09:00-10:30; Sat-AM; mon 11:00-12:30; tue 09:00-10:00", &n);
	assert_true(slot_fits_patient(&s[0], &p));
	assert_true(slot_fits_patient(&s[1], &p));
	assert_false(slot_fits_patient(&s[2], &p));
	assert_false(slot_fits_patient(&s[3], &p));
	struct patient any = patient_with("", NULL, 0);
	assert_true(slot_fits_patient(&s[3], &any));
	slot_list_free(s, n);
	release(&p, NULL);
}

static void test_required_tags(void **state)
{
	(void)state;
	char *has[] = { "cooccurring", "women" };
	char *women[] = { "women" }, *both[] = { "cooccurring", "women" };
	char *spanish[] = { "spanish" };
	struct patient p = patient_with("", has, 2), none = patient_with("", NULL, 0);
	struct group open = group_with("mon-eve", NULL, 0);
	struct group w = group_with("mon-eve", women, 1), wc = group_with("mon-eve", both, 2);
	struct group sp = group_with("mon-eve", spanish, 1);
	assert_true(patient_has_tag(&p, "women"));
	assert_false(patient_has_tag(&p, "spanish"));
	assert_false(patient_has_tag(&none, "women"));
	assert_true(patient_has_tags(&p, &open));
	assert_true(patient_has_tags(&none, &open));
	assert_true(patient_has_tags(&p, &w));
	assert_true(patient_has_tags(&p, &wc));
	assert_false(patient_has_tags(&p, &sp));
	assert_false(patient_has_tags(&none, &w));
	/* Fit needs both windows and tags. */
	assert_true(group_fits_patient(&wc, &p));
	assert_false(group_fits_patient(&sp, &p));
	assert_true(group_fits_windows(&sp, &p));
	release(NULL, &open);
	release(NULL, &w);
	release(NULL, &wc);
	release(NULL, &sp);
}

static void test_clash(void **state)
{
	(void)state;
	assert_false(clash("mon 18:00-20:00", "mon 20:00-21:00")); /* touching ends */
	assert_true(clash("mon 18:00-20:00", "mon 19:59-21:00"));
	assert_true(clash("mon 18:00-20:00", "mon 17:00-22:00")); /* one inside the other */
	assert_false(clash("mon 18:00-20:00", "tue 18:00-20:00"));
	assert_true(clash("Group Room B", "group  room b"));      /* labels after folding */
	assert_false(clash("room a", "room b"));
	assert_false(clash("mon-eve", "mon 18:00-20:00"));        /* a label and a time */
	/* Any pair of slots is enough. */
	assert_true(clash("mon 09:00-10:30; wed 09:00-10:30", "tue 09:00-12:00; wed 10:00-11:00"));
	assert_false(clash("mon 09:00-10:30; sat-am", "mon 10:30-12:00; sat-pm"));
}

static void test_malformed_is_not_a_label(void **state)
{
	(void)state;
	/* Shaped like a time range but not one: an error, so it can never
	 * pass as a label that fits or clashes with nothing. */
	static const char *const bad[] = { "mon 25:00-26:00", "tue 18:00-17:00", "wed 9-10",
					   "mon 18:00-20:00 room b" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct slot *list = NULL;
		size_t n = 0;
		char err[200];
		assert_false(slot_parse_list(bad[i], &list, &n, err, sizeof err));
		assert_null(list);
	}
	/* Text after the range no longer makes it a label (issue 11: a day
	 * with a time in it is a timed slot, written wrongly); a label with a
	 * day and no time still folds. */
	assert_true(fits("mon eve room b", "MON eve  Room B"));
	assert_false(fits("mon eve room b", "mon 17:00-21:00"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_fit_after_folding),
		cmocka_unit_test(test_timed_fit_is_containment),
		cmocka_unit_test(test_every_slot_some_window),
		cmocka_unit_test(test_slot_fits_patient),
		cmocka_unit_test(test_required_tags),
		cmocka_unit_test(test_clash),
		cmocka_unit_test(test_malformed_is_not_a_label),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

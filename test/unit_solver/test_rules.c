/* test_rules.c -- each hard rule broken once gives exactly its message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fixture.h"
#include "solver/rules.h"

/* skills/support. g1 skills mon 10-12 (ann), g2 support mon 11-13 (bob,
 * clashes with g1), g3 support tue, g4 skills wed, g5 support thu needs
 * tag 'women', g6 skills fri with sizes 3..3, g7 support mon 11:00-12:30
 * (ann again: clashes with g1). */
struct rc {
	struct fx f;
	int p1, p2, p3, p4, p5, p9;
	int g1, g2, g3, g4, g5, g6, g7;
};

static void build(struct rc *s)
{
	struct fx *f = &s->f;
	fx_init(f, "skills;support");
	s->p1 = fx_patient(f, "p1", "11", NULL);
	s->p2 = fx_patient(f, "p2", "11", NULL);
	s->p3 = fx_patient(f, "p3", "11", NULL);
	s->p4 = fx_patient(f, "p4", "10", NULL);
	s->p5 = fx_patient(f, "p5", "11", NULL);
	fx_hours(f, s->p5, 0, 3);
	s->p9 = fx_patient(f, "p9", "11", NULL);
	fx_admitted(f, s->p9, -10);
	s->g1 = fx_group(f, "g1", 0, "mon 10:00-12:00", 0, 1, 10, "ann");
	s->g2 = fx_group(f, "g2", 1, "mon 11:00-13:00", 0, 1, 10, "bob");
	s->g3 = fx_group(f, "g3", 1, "tue 10:00-12:00", 0, 1, 10, NULL);
	s->g4 = fx_group(f, "g4", 0, "wed 10:00-12:00", 0, 1, 10, NULL);
	s->g5 = fx_group(f, "g5", 1, "thu 10:00-12:00", 0, 1, 10, NULL);
	fx_requires(f, s->g5, "women");
	s->g6 = fx_group(f, "g6", 0, "fri 10:00-12:00", 0, 3, 3, NULL);
	s->g7 = fx_group(f, "g7", 1, "mon 11:00-12:30", 0, 1, 10, "ann");
}

/* Checks the roster gives exactly the expected messages (formatted with
 * file:line), in order. */
static void expect(struct rc *s, const struct roster *r, const char *const *want, size_t n)
{
	struct week *w = fx_week(&s->f);
	struct diag_list d = DIAG_LIST_INIT;
	size_t count = rules_check(w, r, "roster.csv", &d);
	for (size_t i = 0; i < d.n; i++) {
		char buf[512];
		diag_format(&d.items[i], buf, sizeof buf);
		if (i >= n || strcmp(buf, want[i]) != 0)
			fail_msg("message %zu: got '%s', want '%s'", i, buf, i < n ? want[i] : "(none)");
		assert_int_equal(d.items[i].severity, DIAG_ERROR);
	}
	assert_int_equal(d.n, n);
	assert_int_equal(count, n);
	diag_list_release(&d);
}

static void add(struct roster *r, int p, int g, long line)
{
	assert_true(roster_add(r, p, g, line));
}

static void test_valid(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p1, s.g1, 2);
	add(&r, s.p1, s.g3, 3);
	add(&r, s.p2, s.g4, 4);
	add(&r, s.p2, s.g2, 5);
	add(&r, s.p5, s.g3, 6);
	expect(&s, &r, NULL, 0);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule1_inactive(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p9, s.g3, 5);
	const char *want[] = { "roster.csv:5: rule 1: 'p9' is not active in the week of 2026-03-02" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule1_no_need(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p4, s.g3, 2);
	const char *want[] = {
		"roster.csv:2: rule 1: 'p4' is not eligible for 'g3': they have no need for type 'support'",
	};
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule1_mastered(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	fx_progress(&s.f, s.p1, 1, 3, 95);
	struct roster r = { 0 };
	add(&r, s.p1, s.g3, 2);
	const char *want[] = {
		"roster.csv:2: rule 1: 'p1' is not eligible for 'g3': they have mastered type 'support'",
	};
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule1_no_fit(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p1, s.g5, 7);
	const char *want[] = {
		"roster.csv:7: rule 1: 'p1' is not eligible for 'g5': the group does not fit their windows or tags",
	};
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

/* v2: a group outside the patient's program phase says which weeks */
static void test_rule1_phase(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	s.f.c.groups[s.g4].has_weeks_to = true;
	s.f.c.groups[s.g4].weeks_to = 2;
	struct roster r = { 0 };
	add(&r, s.p1, s.g4, 3);
	const char *want[] = {
		"roster.csv:3: rule 1: 'p1' is not eligible for 'g4': the group takes weeks 0-2 "
		"and they are in week 14 since admission",
	};
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule2_below(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p1, s.g6, 2);
	const char *want[] = { "roster.csv:2: rule 2: group 'g6' has 1 member, below its minimum 3" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule2_above(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p1, s.g6, 2);
	add(&r, s.p2, s.g6, 3);
	add(&r, s.p3, s.g6, 4);
	add(&r, s.p4, s.g6, 5);
	/* at the fourth member, the one too many */
	const char *want[] = { "roster.csv:5: rule 2: group 'g6' has 4 members, above its maximum 3" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule3(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p1, s.g1, 2);
	add(&r, s.p1, s.g4, 3);
	const char *want[] = { "roster.csv:3: rule 3: 'p1' is in 'g1' and 'g4', both of type 'skills'" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule4(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p1, s.g2, 8);
	add(&r, s.p1, s.g1, 4);
	const char *want[] = { "roster.csv:8: rule 4: 'p1' is in 'g1' and 'g2', whose slots clash" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule5(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p5, s.g1, 2);
	add(&r, s.p5, s.g3, 3);
	const char *want[] = { "roster.csv:2: rule 5: 'p5' has 4 hours, above their maximum 3" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule6(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	fx_separation(&s.f, s.p1, s.p2, 2);
	struct roster r = { 0 };
	add(&r, s.p1, s.g3, 2);
	add(&r, s.p2, s.g3, 3);
	add(&r, s.p2, s.g1, 4);
	const char *want[] = { "roster.csv:3: rule 6: 'p1' and 'p2' are separated but share 'g3'" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule7_must(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	fx_pin(&s.f, s.p3, s.g4, PIN_MUST, 4);
	struct roster r = { 0 };
	add(&r, s.p3, s.g1, 2);
	const char *want[] = { "pins.csv:4: rule 7: 'p3' is not in 'g4' despite a must pin" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule7_never(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	fx_pin(&s.f, s.p2, s.g3, PIN_NEVER, 5);
	struct roster r = { 0 };
	add(&r, s.p2, s.g3, 7);
	/* a never pin is one violation (rule 7), not also rule 1 */
	const char *want[] = { "roster.csv:7: rule 7: 'p2' is in 'g3' despite a never pin (pins.csv:5)" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_rule8(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct roster r = { 0 };
	add(&r, s.p2, s.g7, 3);
	add(&r, s.p1, s.g1, 6);
	add(&r, s.p3, s.g7, 9);
	/* at the first member of the group the file starts later */
	const char *want[] = { "roster.csv:6: rule 8: facilitator 'ann' runs 'g1' and 'g7', whose slots clash" };
	expect(&s, &r, want, 1);
	roster_release(&r);
	fx_release(&s.f);
}

static void test_planned_roster_has_no_lines(void **state)
{
	(void)state;
	struct rc s;
	build(&s);
	struct week *w = fx_week(&s.f);
	struct roster r = { 0 };
	add(&r, s.p1, s.g1, 0);
	add(&r, s.p1, s.g2, 0);
	add(&r, s.p1, s.g3, 0);
	struct diag_list d = DIAG_LIST_INIT;
	/* g2 and g3 are both support (rule 3), g1 clashes with g2 (rule 4) */
	assert_int_equal(rules_check(w, &r, NULL, &d), 2);
	assert_int_equal(d.n, 2);
	char buf[512];
	diag_format(&d.items[0], buf, sizeof buf);
	assert_string_equal(buf, "rule 3: 'p1' is in 'g2' and 'g3', both of type 'support'");
	diag_format(&d.items[1], buf, sizeof buf);
	assert_string_equal(buf, "rule 4: 'p1' is in 'g1' and 'g2', whose slots clash");
	diag_list_release(&d);
	roster_release(&r);
	fx_release(&s.f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_rule1_inactive),
		cmocka_unit_test(test_rule1_no_need),
		cmocka_unit_test(test_rule1_phase),
		cmocka_unit_test(test_rule1_mastered),
		cmocka_unit_test(test_rule1_no_fit),
		cmocka_unit_test(test_rule2_below),
		cmocka_unit_test(test_rule2_above),
		cmocka_unit_test(test_rule3),
		cmocka_unit_test(test_rule4),
		cmocka_unit_test(test_rule5),
		cmocka_unit_test(test_rule6),
		cmocka_unit_test(test_rule7_must),
		cmocka_unit_test(test_rule7_never),
		cmocka_unit_test(test_rule8),
		cmocka_unit_test(test_planned_roster_has_no_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_week.c -- the week-resolved view over a clinic built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/week.h"

/* A small in-memory clinic; everything lives in static arrays sized for
 * the tests, so nothing here needs freeing except parsed slots. */
#define MAXP 8
#define MAXG 6

static char *type_names[] = { "skills", "trauma" };
static struct patient patients[MAXP];
static int needs[MAXP][2];
static struct group groups[MAXG];
static struct clinic clinic;
static day_t W; /* the Monday under test: 2026-01-05 */

static day_t D(const char *text)
{
	day_t d;
	if (!date_parse(text, &d))
		fail_msg("bad date %s", text);
	return d;
}

static struct slot *slots_of(const char *text, size_t *n)
{
	struct slot *list;
	char err[200];
	if (!slot_parse_list(text, &list, n, err, sizeof err))
		fail_msg("%s", err);
	return list;
}

static int add_patient(const char *id, const char *admitted, int skills, int trauma)
{
	int i = (int)clinic.n_patients++;
	struct patient *p = &patients[i];
	memset(p, 0, sizeof *p);
	p->id = (char *)id;
	p->admitted = D(admitted);
	p->discharge = DAY_NONE;
	p->hours_min = 9;
	p->hours_max = 30;
	needs[i][0] = skills;
	needs[i][1] = trauma;
	p->need = needs[i];
	p->line = i + 2;
	return i;
}

static int add_group(const char *id, int type, const char *slots, const char *facilitator)
{
	int i = (int)clinic.n_groups++;
	struct group *g = &groups[i];
	memset(g, 0, sizeof *g);
	g->id = (char *)id;
	g->type = type;
	g->slots = slots_of(slots, &g->n_slots);
	g->hours = 2;
	g->min_size = 1;
	g->max_size = 10;
	g->facilitator = (char *)facilitator;
	g->line = i + 2;
	return i;
}

static int setup(void **state)
{
	(void)state;
	memset(&clinic, 0, sizeof clinic);
	clinic.folder = "clinic";
	clinic.type_names = type_names;
	clinic.n_types = 2;
	clinic.patients = patients;
	clinic.groups = groups;
	settings_init(&clinic.settings);
	W = D("2026-01-05");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < clinic.n_patients; i++)
		slot_list_free(patients[i].available, patients[i].n_available);
	for (size_t i = 0; i < clinic.n_groups; i++)
		slot_list_free(groups[i].slots, groups[i].n_slots);
	return 0;
}

static void test_active(void **state)
{
	(void)state;
	int p_future = add_patient("future", "2026-01-12", 1, 0);   /* after Sunday */
	int p_sunday = add_patient("sunday", "2026-01-11", 1, 0);   /* admitted Sunday */
	int p_gone = add_patient("gone", "2025-10-01", 1, 0);
	patients[p_gone].discharge = D("2026-01-04");               /* day before */
	int p_leaving = add_patient("leaving", "2025-10-01", 1, 0);
	patients[p_leaving].discharge = W;                          /* Monday itself */
	struct day_range whole = { D("2026-01-05"), D("2026-01-09") };
	struct day_range short_ = { D("2026-01-05"), D("2026-01-08") };
	struct day_range split[] = { { D("2026-01-01"), D("2026-01-06") },
				     { D("2026-01-07"), D("2026-01-10") } };
	int p_away = add_patient("away", "2025-10-01", 1, 0);
	patients[p_away].away = &whole;
	patients[p_away].n_away = 1;
	int p_short = add_patient("short", "2025-10-01", 1, 0);
	patients[p_short].away = &short_;
	patients[p_short].n_away = 1;
	int p_split = add_patient("split", "2025-10-01", 1, 0);
	patients[p_split].away = split;
	patients[p_split].n_away = 2;

	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	assert_int_equal(diag.n_errors, 0);
	assert_int_equal(w.n_active, 3);
	assert_int_equal(w.active[0], p_sunday);
	assert_int_equal(w.active[1], p_leaving);
	assert_int_equal(w.active[2], p_short);
	assert_int_equal(w.active_of[p_future], -1);
	assert_int_equal(w.active_of[p_gone], -1);
	assert_int_equal(w.active_of[p_away], -1);
	assert_int_equal(w.active_of[p_split], -1);
	assert_int_equal(w.active_of[p_short], 2);
	/* admitted later in the week: floor of a negative fraction */
	assert_int_equal(w.weeks_in[0], -1);
	assert_true(w.is_new[0]);
	assert_false(w.has_previous);
	assert_null(w.previous_path);
	week_release(&w);
	assert_null(w.active);
}

static void test_weeks_in(void **state)
{
	(void)state;
	add_patient("monday", "2026-01-05", 1, 0);   /* 0 weeks */
	add_patient("six", "2025-11-24", 1, 0);      /* exactly 42 days */
	add_patient("almost", "2025-11-25", 1, 0);   /* 41 days: 5 weeks */
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	assert_int_equal(w.weeks_in[0], 0);
	assert_true(w.is_new[0]);
	assert_false(w.advanced[0]);
	assert_int_equal(w.weeks_in[1], 6);
	assert_true(w.advanced[1]);
	assert_false(w.is_new[1]);
	assert_int_equal(w.weeks_in[2], 5);
	assert_false(w.advanced[2]);
	week_release(&w);
}

static void test_mastery(void **state)
{
	(void)state;
	int p = add_patient("p", "2025-10-01", 3, 2);
	int q = add_patient("q", "2025-10-01", 3, 2);
	struct progress_record prog[] = {
		/* p skills: latest on or before Monday is 85 -> mastered */
		{ p, 0, D("2025-12-01"), 50, 2 },
		{ p, 0, D("2026-01-05"), 85, 3 },
		{ p, 0, D("2026-01-06"), 10, 4 },  /* after Monday: ignored */
		/* p trauma: same date, the later row wins (79 < 80) */
		{ p, 1, D("2026-01-02"), 90, 5 },
		{ p, 1, D("2026-01-02"), 79, 6 },
		/* q skills: exactly mastery */
		{ q, 0, D("2025-12-29"), 80, 7 },
		/* q trauma: a higher old score is superseded */
		{ q, 1, D("2025-12-01"), 95, 8 },
		{ q, 1, D("2025-12-15"), 40, 9 },
	};
	clinic.progress = prog;
	clinic.n_progress = sizeof prog / sizeof *prog;
	add_group("s1", 0, "mon 10:00-12:00", NULL);
	add_group("t1", 1, "tue 10:00-12:00", NULL);

	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	assert_true(w.mastered[0 * 2 + 0]);
	assert_int_equal(w.need[0 * 2 + 0], 0);
	assert_false(w.mastered[0 * 2 + 1]);
	assert_int_equal(w.need[0 * 2 + 1], 2);
	assert_true(w.mastered[1 * 2 + 0]);
	assert_int_equal(w.need[1 * 2 + 0], 0);
	assert_false(w.mastered[1 * 2 + 1]);
	assert_int_equal(w.need[1 * 2 + 1], 2);
	/* mastered: not eligible for skills, still for trauma */
	assert_false(w.eligible[week_ag(&w, 0, 0)]);
	assert_true(w.fits[week_ag(&w, 0, 0)]);
	assert_true(w.eligible[week_ag(&w, 0, 1)]);
	week_release(&w);

	clinic.settings.mastery = 90;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	assert_false(w.mastered[0]);
	assert_int_equal(w.need[0], 3);
	week_release(&w);
}

static void test_eligibility(void **state)
{
	(void)state;
	int any = add_patient("any", "2025-10-01", 2, 0);
	int eve = add_patient("eve", "2025-10-01", 2, 1);
	patients[eve].available = slots_of("mon 17:00-21:00; wed 17:00-21:00; room b", &patients[eve].n_available);
	char *tags[] = { "spanish", "women" };
	int women = add_patient("women", "2025-10-01", 2, 1);
	patients[women].tags = tags;
	patients[women].n_tags = 2;

	int g_eve = add_group("g_eve", 0, "mon 18:00-20:00; wed 18:00-20:00", NULL);
	int g_half = add_group("g_half", 0, "mon 18:00-20:00; thu 18:00-20:00", NULL);
	int g_room = add_group("g_room", 0, "Room  B", NULL);
	int g_women = add_group("g_women", 0, "tue 09:00-11:00", NULL);
	char *req[] = { "women" };
	groups[g_women].requires = req;
	groups[g_women].n_requires = 1;
	int g_trauma = add_group("g_trauma", 1, "mon 18:00-19:00", NULL);

	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	int a_any = w.active_of[any], a_eve = w.active_of[eve], a_w = w.active_of[women];
	/* no windows: every group fits on time, tags still apply */
	assert_true(w.fits[week_ag(&w, a_any, g_eve)]);
	assert_true(w.fits[week_ag(&w, a_any, g_half)]);
	assert_false(w.fits[week_ag(&w, a_any, g_women)]);
	assert_true(w.eligible[week_ag(&w, a_any, g_room)]);
	/* need 0 for trauma: fits but not eligible */
	assert_true(w.fits[week_ag(&w, a_any, g_trauma)]);
	assert_false(w.eligible[week_ag(&w, a_any, g_trauma)]);
	/* windows: every slot must fit some window */
	assert_true(w.eligible[week_ag(&w, a_eve, g_eve)]);
	assert_false(w.fits[week_ag(&w, a_eve, g_half)]);
	assert_true(w.fits[week_ag(&w, a_eve, g_room)]);
	assert_false(w.fits[week_ag(&w, a_eve, g_women)]);
	assert_true(w.eligible[week_ag(&w, a_eve, g_trauma)]);
	/* tags */
	assert_true(w.eligible[week_ag(&w, a_w, g_women)]);
	week_release(&w);
}

static void test_pins(void **state)
{
	(void)state;
	int p = add_patient("p1", "2025-10-01", 0, 0);
	patients[p].available = slots_of("mon 09:00-17:00", &patients[p].n_available);
	int q = add_patient("q1", "2025-10-01", 3, 0);
	int gone = add_patient("gone", "2027-01-01", 3, 0);
	int g1 = add_group("g1", 0, "mon 10:00-12:00", NULL);
	int g2 = add_group("g2", 0, "tue 10:00-12:00", NULL);
	struct pin pins[] = {
		{ p, g1, PIN_MUST, 2 },   /* need 0 but pinned: eligible */
		{ q, g1, PIN_NEVER, 3 },
		{ gone, g2, PIN_MUST, 4 }, /* not active: ignored */
	};
	clinic.pins = pins;
	clinic.n_pins = 3;
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	assert_int_equal(diag.n, 0);
	assert_int_equal(w.n_pins, 2);
	assert_int_equal(w.pins[0].a, 0);
	assert_int_equal(w.pins[0].rule, PIN_MUST);
	assert_int_equal(w.pins[1].line, 3);
	assert_int_equal(w.pin[week_ag(&w, 0, g1)], PIN_MARK_MUST);
	assert_true(w.eligible[week_ag(&w, 0, g1)]);
	assert_false(w.eligible[week_ag(&w, 0, g2)]);
	assert_int_equal(w.pin[week_ag(&w, 1, g1)], PIN_MARK_NEVER);
	assert_false(w.eligible[week_ag(&w, 1, g1)]);
	assert_true(w.eligible[week_ag(&w, 1, g2)]);
	week_release(&w);

	/* a must pin outside the patient's windows is bad data */
	pins[2] = (struct pin){ p, g2, PIN_MUST, 9 };
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_BAD_DATA);
	assert_int_equal(diag.n_errors, 1);
	char buf[300];
	diag_format(&diag.items[0], buf, sizeof buf);
	assert_string_equal(buf, "clinic/pins.csv:9: must pin puts 'p1' in 'g2', which does not fit "
				 "the patient's windows");
	assert_null(w.active);
	diag_list_release(&diag);
}

static void test_pin_tags(void **state)
{
	(void)state;
	int p = add_patient("p1", "2025-10-01", 2, 0);
	int g = add_group("g1", 0, "mon 10:00-12:00", NULL);
	char *req[] = { "women" };
	groups[g].requires = req;
	groups[g].n_requires = 1;
	struct pin pins[] = { { p, g, PIN_MUST, 5 } };
	clinic.pins = pins;
	clinic.n_pins = 1;
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_BAD_DATA);
	char buf[300];
	diag_format(&diag.items[0], buf, sizeof buf);
	assert_string_equal(buf, "clinic/pins.csv:5: must pin puts 'p1' in 'g1', which does not fit "
				 "the patient's tags");
	diag_list_release(&diag);
}

/* Contract v2: phase_week = max(0, weeks_in) must lie in the group's
 * weeks_from..weeks_to for the pair to fit. */
static void test_phase(void **state)
{
	(void)state;
	int p_mid = add_patient("midweek", "2026-01-07", 2, 0); /* weeks_in -1: week 0 */
	int p_new = add_patient("monday", "2026-01-05", 2, 0);  /* week 0 */
	int p_one = add_patient("one", "2025-12-29", 2, 0);     /* week 1 */
	int p_old = add_patient("old", "2025-10-01", 2, 0);     /* week 13 */
	int orient = add_group("orient", 0, "mon 10:00-12:00", NULL);
	groups[orient].has_weeks_to = true;                     /* weeks_to 0 */
	int early = add_group("early", 0, "tue 10:00-12:00", NULL);
	groups[early].weeks_from = 1;
	groups[early].weeks_to = 4;
	groups[early].has_weeks_to = true;
	int late = add_group("late", 0, "wed 10:00-12:00", NULL);
	groups[late].weeks_from = 13;                           /* and later */
	int any = add_group("any", 0, "thu 10:00-12:00", NULL);
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	int a_mid = w.active_of[p_mid], a_new = w.active_of[p_new];
	int a_one = w.active_of[p_one], a_old = w.active_of[p_old];
	assert_int_equal(w.weeks_in[a_mid], -1);
	assert_int_equal(week_phase(&w, a_mid), 0);
	assert_int_equal(week_phase(&w, a_new), 0);
	assert_int_equal(week_phase(&w, a_one), 1);
	assert_int_equal(week_phase(&w, a_old), 13);
	const bool want[4][4] = {
		/* orient early  late   any */
		{ true,  false, false, true }, /* midweek */
		{ true,  false, false, true }, /* monday */
		{ false, true,  false, true }, /* one */
		{ false, false, true,  true }, /* old */
	};
	const int as[4] = { a_mid, a_new, a_one, a_old };
	const int gs[4] = { orient, early, late, any };
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++) {
			size_t k = week_ag(&w, as[i], gs[j]);
			if (w.fits[k] != want[i][j] || w.eligible[k] != want[i][j])
				fail_msg("%s in %s: fits %d eligible %d", patients[w.active[as[i]]].id,
					 groups[gs[j]].id, w.fits[k], w.eligible[k]);
		}
	week_release(&w);
	assert_int_equal(diag.n, 0);
}

/* A must pin into a group outside the patient's phase is bad input, like
 * one outside their windows or tags; the message gives both weeks. */
static void test_pin_phase(void **state)
{
	(void)state;
	int p = add_patient("p1", "2025-12-15", 2, 0); /* week 3 */
	int orient = add_group("orient", 0, "mon 10:00-12:00", NULL);
	groups[orient].has_weeks_to = true;
	int later = add_group("later", 0, "tue 10:00-12:00", NULL);
	groups[later].weeks_from = 4;
	int early = add_group("early", 0, "wed 10:00-12:00", NULL);
	groups[early].weeks_to = 2;
	groups[early].has_weeks_to = true;
	int fine = add_group("fine", 0, "thu 10:00-12:00", NULL);
	groups[fine].weeks_from = groups[fine].weeks_to = 3;
	groups[fine].has_weeks_to = true;
	struct pin pins[] = {
		{ p, orient, PIN_MUST, 2 }, { p, later, PIN_MUST, 3 },
		{ p, early, PIN_MUST, 4 }, { p, fine, PIN_MUST, 5 },
		{ p, later, PIN_NEVER, 6 }, /* a never pin outside the phase is harmless */
	};
	clinic.pins = pins;
	clinic.n_pins = 5;
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_BAD_DATA);
	assert_int_equal(diag.n_errors, 3);
	static const char *const want[] = {
		"clinic/pins.csv:2: must pin puts 'p1' in 'orient', which does not fit the "
		"patient's phase (week 3 since admission; the group takes week 0)",
		"clinic/pins.csv:3: must pin puts 'p1' in 'later', which does not fit the "
		"patient's phase (week 3 since admission; the group takes weeks 4 and later)",
		"clinic/pins.csv:4: must pin puts 'p1' in 'early', which does not fit the "
		"patient's phase (week 3 since admission; the group takes weeks 0-2)",
	};
	for (size_t i = 0; i < 3; i++) {
		char buf[300];
		diag_format(&diag.items[i], buf, sizeof buf);
		assert_string_equal(buf, want[i]);
	}
	diag_list_release(&diag);
}

static void expect_day_hours(const struct week *w, int g, const double want[WEEK_DAYS])
{
	for (int d = 0; d < WEEK_DAYS; d++)
		if (fabs(w->day_hours[(size_t)g * WEEK_DAYS + (size_t)d] - want[d]) > 1e-12)
			fail_msg("%s day %d: %g hours, expected %g", groups[g].id, d,
				 w->day_hours[(size_t)g * WEEK_DAYS + (size_t)d], want[d]);
}

/* Contract v2, "Billable days": a group's hours spread over its slots in
 * proportion to their lengths when every slot is timed, else equally; a
 * timed slot's share on its day, a label's on the day it begins with. */
static void test_day_hours(void **state)
{
	(void)state;
	add_patient("p", "2025-10-01", 2, 0);
	int timed = add_group("timed", 0, "mon 09:00-12:00; wed 09:00-10:30", NULL);
	groups[timed].hours = 4.5;                   /* the slots' own length */
	int given = add_group("given", 0, "mon 09:00-12:00; wed 09:00-10:30", NULL);
	groups[given].hours = 6;                     /* given: same proportions */
	int mixed = add_group("mixed", 0, "mon-am; tue 09:00-10:30", NULL);
	groups[mixed].hours = 3;                     /* a label: equal shares */
	int labels = add_group("labels", 0, "Tuesday evening; sat am; room b", NULL);
	groups[labels].hours = 3;                    /* room b: on no day */
	int same = add_group("same", 1, "thu 09:00-10:00; thu 13:00-15:00", NULL);
	groups[same].hours = 3;
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	expect_day_hours(&w, timed, (const double[WEEK_DAYS]){ 3, 0, 1.5 });
	expect_day_hours(&w, given, (const double[WEEK_DAYS]){ 4, 0, 2 });
	expect_day_hours(&w, mixed, (const double[WEEK_DAYS]){ 1.5, 1.5 });
	expect_day_hours(&w, labels, (const double[WEEK_DAYS]){ 0, 1, 0, 0, 0, 1 });
	expect_day_hours(&w, same, (const double[WEEK_DAYS]){ 0, 0, 0, 3 });

	/* the rule off (v1): days counted, no week billable */
	struct billing b;
	int all[] = { timed, mixed, labels, same };
	week_billing(&w, all, 4, &b);
	const double sum[WEEK_DAYS] = { 4.5, 2.5, 1.5, 3, 0, 1, 0 };
	for (int d = 0; d < WEEK_DAYS; d++)
		assert_true(fabs(b.day_hours[d] - sum[d]) < 1e-12);
	assert_int_equal(b.days, 2); /* Monday 4.5 and Thursday 3 reach 3 h */
	assert_false(b.billable);

	/* 3 days of 3 h: Monday and Thursday reach it, Tuesday has 2.5 */
	clinic.settings.billable_days = 3;
	week_billing(&w, all, 4, &b);
	assert_int_equal(b.days, 2);
	assert_false(b.billable);
	clinic.settings.billable_days = 2;
	week_billing(&w, all, 4, &b);
	assert_true(b.billable);
	/* no groups, no billable day */
	week_billing(&w, NULL, 0, &b);
	assert_int_equal(b.days, 0);
	assert_false(b.billable);

	/* "within 1e-6": a day short of 3 h by rounding counts, one 2e-6
	 * short does not */
	clinic.settings.billable_days = 3;
	double near[WEEK_DAYS] = { 3 - 1e-7, 3, 3 - 2e-6, 3 };
	week_billing_of_hours(&w, near, &b);
	assert_int_equal(b.days, 3);
	assert_true(b.billable);
	assert_true(b.day_hours[2] == near[2]);
	clinic.settings.billable_days = 4;
	week_billing_of_hours(&w, near, &b);
	assert_false(b.billable);

	/* may the patient bill at all? Eligible: the four skills groups
	 * (no trauma need); the most per day is Mon 4, Tue 1.5, Wed 2, Sat 1 */
	clinic.settings.billable_days = 1;
	clinic.settings.billable_day_hours = 3;
	assert_true(week_may_bill(&w, 0));
	clinic.settings.billable_days = 2;
	assert_false(week_may_bill(&w, 0));
	clinic.settings.billable_day_hours = 2;
	assert_true(week_may_bill(&w, 0));
	clinic.settings.billable_days = 3;
	assert_false(week_may_bill(&w, 0));
	clinic.settings.billable_day_hours = 1;
	assert_true(week_may_bill(&w, 0)); /* Mon, Tue, Wed (Sat 1 h too) */
	clinic.settings.billable_days = 0;
	assert_false(week_may_bill(&w, 0)); /* the rule off */
	clinic.settings.billable_day_hours = 3;
	week_release(&w);
	clinic.settings.billable_days = 0;
}

static void test_clash_and_previous(void **state)
{
	(void)state;
	int p = add_patient("p", "2025-10-01", 2, 2);
	int q = add_patient("q", "2025-10-01", 2, 2);
	int gone = add_patient("gone", "2025-01-01", 2, 2);
	patients[gone].discharge = D("2025-06-01");
	int a = add_group("a", 0, "mon 10:00-12:00; wed 10:00-12:00", "ann");
	int b = add_group("b", 1, "wed 11:00-13:00", "ann");
	int c = add_group("c", 1, "mon 12:00-13:00", "ann");
	int d = add_group("d", 0, "wed 11:30-12:30", "bob");
	int e = add_group("e", 1, "wed 11:30-12:30", NULL);
	struct separation seps[] = { { p, q, 4 }, { p, gone, 5 } };
	clinic.separations = seps;
	clinic.n_separations = 2;
	struct roster prev = { 0 };
	assert_true(roster_add(&prev, q, b, 2));
	assert_true(roster_add(&prev, gone, a, 3));

	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, &prev, "clinic/rosters/2025-12-29.csv", &w,
				      &diag), STATUS_OK);
	size_t n = w.n_groups;
	assert_int_equal(n, 5);
	assert_true(w.clash[a * n + b] && w.clash[b * n + a]);
	assert_false(w.clash[a * n + c]); /* touching */
	assert_true(w.clash[a * n + d]);
	assert_true(w.clash[b * n + d] && w.clash[d * n + e]);
	assert_false(w.clash[a * n + a]);
	assert_false(w.clash[c * n + d]);
	assert_true(w.facilitator_clash[a * n + b] && w.facilitator_clash[b * n + a]);
	assert_false(w.facilitator_clash[a * n + c]);
	assert_false(w.facilitator_clash[a * n + d]);
	assert_false(w.facilitator_clash[d * n + e]);
	assert_int_equal(w.n_separations, 1);
	assert_int_equal(w.separations[0].a, 0);
	assert_int_equal(w.separations[0].b, 1);
	assert_int_equal(w.separations[0].line, 4);
	assert_true(w.has_previous);
	assert_string_equal(w.previous_path, "clinic/rosters/2025-12-29.csv");
	assert_true(w.previous[week_ag(&w, 1, b)]);
	assert_false(w.previous[week_ag(&w, 0, b)]);
	assert_int_equal(w.n_active, 2);
	week_release(&w);

	/* v2: one facilitator however the name is spaced or cased */
	groups[b].facilitator = " ANN ";
	groups[d].facilitator = "Ann";
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	n = w.n_groups;
	assert_true(w.facilitator_clash[a * n + b]);
	assert_true(w.facilitator_clash[a * n + d] && w.facilitator_clash[d * n + b]);
	week_release(&w);
	roster_release(&prev);
}

static void test_facilitator_names(void **state)
{
	(void)state;
	assert_int_equal(facilitator_cmp("Ann  Lee", "ann lee"), 0);
	assert_int_equal(facilitator_cmp("  Ann\t Lee ", "ANN LEE"), 0);
	assert_int_equal(facilitator_cmp("Smith, J", "smith,  j"), 0);
	assert_true(facilitator_cmp("Ann Lee", "AnnLee") != 0);
	assert_true(facilitator_cmp("Ann Lee", "Ann Leeds") < 0);
	assert_true(facilitator_cmp("ann leeds", "Ann Lee") > 0);
	assert_true(facilitator_cmp("bob", "Carl") < 0); /* case does not order */
	assert_true(facilitator_cmp("José", "JOSÉ") != 0); /* ASCII case only */
	assert_int_equal(facilitator_cmp("", "  "), 0);
}

static void test_empty(void **state)
{
	(void)state;
	struct week w;
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&clinic, W, NULL, NULL, &w, &diag), STATUS_OK);
	assert_int_equal(w.n_active, 0);
	assert_int_equal(w.n_groups, 0);
	assert_int_equal(w.n_types, 2);
	week_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_active, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weeks_in, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mastery, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eligibility, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_tags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_phase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_hours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clash_and_previous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_facilitator_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

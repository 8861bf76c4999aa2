/* test_generate.c -- generated clinics: deterministic, valid, feasible, and
 * read back unchanged through clinic_write and clinic_load. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "data/clinic_write.h"
#include "data/synthetic/generate.h"
#include "data/week.h"
#include "solver/rules.h"

static day_t monday(const char *text)
{
	day_t d;
	assert_true(date_parse(text, &d));
	assert_true(date_is_monday(d));
	return d;
}

static void options(struct generate_options *o, int patients, uint64_t seed, bool names)
{
	generate_options_init(o);
	o->patients = patients;
	o->seed = seed;
	o->week = monday("2026-11-30");
	o->with_names = names;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *temp_folder(void)
{
	char tmpl[] = "/tmp/iop-generate-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	char *copy = strdup(d);
	assert_non_null(copy);
	return copy;
}

static void remove_folder(char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(path);
}

static char *slurp(const char *folder, const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", folder, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void generate_ok(const struct generate_options *o, struct clinic *c, struct roster *prev)
{
	struct diag_list d = DIAG_LIST_INIT;
	enum status st = generate_clinic(o, c, prev, &d);
	if (st != STATUS_OK)
		diag_print(&d, stderr, "generate");
	assert_int_equal(st, STATUS_OK);
	assert_int_equal(d.n_errors, 0);
	diag_list_release(&d);
}

static void write_ok(const char *folder, const struct clinic *c, const struct roster *prev,
		     day_t week)
{
	struct diag_list d = DIAG_LIST_INIT;
	enum status st = clinic_write(folder, c, prev, week - 7, 0600, &d);
	if (st != STATUS_OK)
		diag_print(&d, stderr, "clinic_write");
	assert_int_equal(st, STATUS_OK);
	diag_list_release(&d);
}

static void test_size_names(void **state)
{
	(void)state;
	static const struct { const char *name; int patients; } ok[] = {
		{ "tiny", 12 }, { "S", 60 }, { "M", 200 }, { "L", 1000 }, { "XL", 5000 },
		{ "s", 60 }, { "xl", 5000 }, { "TINY", 12 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int n = -1;
		assert_true(generate_size_named(ok[i].name, &n));
		assert_int_equal(n, ok[i].patients);
	}
	static const char *const bad[] = { "", "XXL", "60", "small", "S ", NULL };
	for (size_t i = 0; bad[i]; i++) {
		int n = -1;
		assert_false(generate_size_named(bad[i], &n));
		assert_int_equal(n, -1);
	}
}

static void test_bad_options(void **state)
{
	(void)state;
	struct generate_options o;
	struct clinic c;
	struct roster r;
	struct diag_list d = DIAG_LIST_INIT;
	options(&o, 0, 1, false);
	assert_int_equal(generate_clinic(&o, &c, &r, &d), STATUS_USAGE);
	options(&o, 12, 1, false);
	o.week += 1; /* a Tuesday */
	assert_int_equal(generate_clinic(&o, &c, &r, &d), STATUS_USAGE);
	assert_int_equal(d.n_errors, 2);
	diag_list_release(&d);
}

/* Same (size, seed, week): the same bytes in every file. */
static void test_deterministic(void **state)
{
	(void)state;
	static const char *const files[] = {
		"patients.csv", "groups.csv", "progress.csv", "separations.csv", "pins.csv",
		"rosters/2026-11-23.csv",
	};
	char *dir[3];
	for (int k = 0; k < 3; k++) {
		struct generate_options o;
		options(&o, 60, k == 2 ? 8 : 7, true);
		struct clinic c;
		struct roster prev;
		generate_ok(&o, &c, &prev);
		dir[k] = temp_folder();
		write_ok(dir[k], &c, &prev, o.week);
		roster_release(&prev);
		clinic_release(&c);
	}
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t la, lb, lc;
		char *a = slurp(dir[0], files[i], &la);
		char *b = slurp(dir[1], files[i], &lb);
		char *c = slurp(dir[2], files[i], &lc);
		assert_non_null(a);
		assert_non_null(b);
		assert_non_null(c);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		if (!strcmp(files[i], "patients.csv")) /* another seed, another clinic */
			assert_true(la != lc || memcmp(a, c, la) != 0);
		free(a);
		free(b);
		free(c);
	}
	for (int k = 0; k < 3; k++)
		remove_folder(dir[k]);
}

static void assert_slots_equal(const struct slot *a, size_t na, const struct slot *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].timed, b[i].timed);
		if (a[i].timed) {
			assert_int_equal(a[i].day, b[i].day);
			assert_int_equal(a[i].start, b[i].start);
			assert_int_equal(a[i].end, b[i].end);
		} else {
			assert_string_equal(a[i].label, b[i].label);
		}
	}
}

static void assert_strings_equal(char *const *a, size_t na, char *const *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void assert_opt_string_equal(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_clinics_equal(const struct clinic *a, const struct clinic *b)
{
	assert_strings_equal(a->type_names, a->n_types, b->type_names, b->n_types);
	assert_int_equal(a->n_patients, b->n_patients);
	for (size_t i = 0; i < a->n_patients; i++) {
		const struct patient *p = &a->patients[i], *q = &b->patients[i];
		assert_string_equal(p->id, q->id);
		assert_opt_string_equal(p->name, q->name);
		assert_int_equal(p->admitted, q->admitted);
		assert_int_equal(p->discharge, q->discharge);
		assert_true(p->hours_min == q->hours_min);
		assert_true(p->hours_max == q->hours_max);
		assert_slots_equal(p->available, p->n_available, q->available, q->n_available);
		assert_strings_equal(p->tags, p->n_tags, q->tags, q->n_tags);
		assert_memory_equal(p->need, q->need, a->n_types * sizeof *p->need);
		assert_int_equal(p->n_away, q->n_away);
		for (size_t k = 0; k < p->n_away; k++) {
			assert_int_equal(p->away[k].first, q->away[k].first);
			assert_int_equal(p->away[k].last, q->away[k].last);
		}
		assert_int_equal(p->line, q->line);
	}
	assert_int_equal(a->n_groups, b->n_groups);
	for (size_t i = 0; i < a->n_groups; i++) {
		const struct group *g = &a->groups[i], *h = &b->groups[i];
		assert_string_equal(g->id, h->id);
		assert_int_equal(g->type, h->type);
		assert_slots_equal(g->slots, g->n_slots, h->slots, h->n_slots);
		assert_true(g->hours == h->hours);
		assert_int_equal(g->min_size, h->min_size);
		assert_int_equal(g->max_size, h->max_size);
		assert_strings_equal(g->requires, g->n_requires, h->requires, h->n_requires);
		assert_opt_string_equal(g->facilitator, h->facilitator);
		assert_int_equal(g->weeks_from, h->weeks_from);
		assert_int_equal(g->has_weeks_to, h->has_weeks_to);
		if (g->has_weeks_to)
			assert_int_equal(g->weeks_to, h->weeks_to);
		assert_int_equal(g->line, h->line);
	}
	assert_int_equal(a->n_progress, b->n_progress);
	for (size_t i = 0; i < a->n_progress; i++) {
		const struct progress_record *r = &a->progress[i], *s = &b->progress[i];
		assert_int_equal(r->patient, s->patient);
		assert_int_equal(r->type, s->type);
		assert_int_equal(r->date, s->date);
		assert_int_equal(r->score, s->score);
		assert_int_equal(r->line, s->line);
	}
	assert_int_equal(a->n_separations, b->n_separations);
	for (size_t i = 0; i < a->n_separations; i++) {
		assert_int_equal(a->separations[i].a, b->separations[i].a);
		assert_int_equal(a->separations[i].b, b->separations[i].b);
		assert_int_equal(a->separations[i].line, b->separations[i].line);
	}
	assert_int_equal(a->n_pins, b->n_pins);
	for (size_t i = 0; i < a->n_pins; i++) {
		assert_int_equal(a->pins[i].patient, b->pins[i].patient);
		assert_int_equal(a->pins[i].group, b->pins[i].group);
		assert_int_equal(a->pins[i].rule, b->pins[i].rule);
		assert_int_equal(a->pins[i].line, b->pins[i].line);
	}
	const struct settings *s = &a->settings, *t = &b->settings;
	assert_true(s->hours_min == t->hours_min && s->hours_max == t->hours_max);
	assert_int_equal(s->min_size, t->min_size);
	assert_int_equal(s->max_size, t->max_size);
	assert_int_equal(s->mastery, t->mastery);
	assert_int_equal(s->advanced_weeks, t->advanced_weeks);
	assert_int_equal(s->min_advanced, t->min_advanced);
	assert_true(s->w_need == t->w_need && s->w_keep == t->w_keep && s->w_short == t->w_short);
	assert_true(s->w_mix == t->w_mix && s->group_cost == t->group_cost);
	assert_true(s->time_limit == t->time_limit && s->progress_rate == t->progress_rate);
	assert_int_equal(s->billable_days, t->billable_days);
	assert_true(s->billable_day_hours == t->billable_day_hours && s->w_billable == t->w_billable);
	for (size_t i = 0; i < a->n_patients; i++)
		assert_int_equal(clinic_find_patient(b, a->patients[i].id), (int)i);
	for (size_t i = 0; i < a->n_groups; i++)
		assert_int_equal(clinic_find_group(a, a->groups[i].id), (int)i);
}

/* Contract v2's additions, put on a generated clinic: the billing
 * settings, phases on some groups (an upper bound alone, a lower bound
 * alone, both). */
static void add_v2(struct clinic *c)
{
	c->settings.billable_days = 3;
	c->settings.billable_day_hours = 2.5;
	c->settings.w_billable = 20;
	for (size_t g = 0; g < c->n_groups; g++) {
		struct group *gr = &c->groups[g];
		/* a must pin outside the phase would be bad data */
		bool pinned = false;
		for (size_t i = 0; i < c->n_pins; i++)
			pinned |= c->pins[i].group == (int)g && c->pins[i].rule == PIN_MUST;
		if (pinned)
			continue;
		if (g % 3 == 0) {
			gr->has_weeks_to = true;
			gr->weeks_to = (int)(g % 2);
		} else if (g % 3 == 1) {
			gr->weeks_from = (int)g;
		}
		if (g % 5 == 2) {
			gr->has_weeks_to = true;
			gr->weeks_to = gr->weeks_from + 4;
		}
	}
}

/* generate -> write -> load gives the same clinic, with no diagnostics at
 * all, and the previous roster reads back as generated. */
static void round_trip_o(const struct generate_options *opt, bool v2)
{
	struct generate_options o = *opt;
	struct clinic c, back;
	struct roster prev, prev_back = { 0 };
	generate_ok(&o, &c, &prev);
	if (v2)
		add_v2(&c);
	char *dir = temp_folder();
	write_ok(dir, &c, &prev, o.week);

	struct diag_list d = DIAG_LIST_INIT;
	enum status st = clinic_load(dir, NULL, &back, &d);
	if (d.n)
		diag_print(&d, stderr, "clinic_load");
	assert_int_equal(st, STATUS_OK);
	assert_int_equal(d.n, 0);
	assert_clinics_equal(&c, &back);

	char path[512];
	snprintf(path, sizeof path, "%s/rosters/2026-11-23.csv", dir);
	if (prev.n) {
		st = roster_read(path, &back, ROSTER_READ_STRICT, &prev_back, &d);
		assert_int_equal(st, STATUS_OK);
		roster_sort(&prev_back, &back);
		assert_int_equal(prev_back.n, prev.n);
		for (size_t i = 0; i < prev.n; i++) {
			assert_int_equal(prev_back.items[i].patient, prev.items[i].patient);
			assert_int_equal(prev_back.items[i].group, prev.items[i].group);
		}
	}
	diag_list_release(&d);
	roster_release(&prev_back);
	roster_release(&prev);
	clinic_release(&back);
	clinic_release(&c);
	remove_folder(dir);
}

static void round_trip_v(int patients, uint64_t seed, bool names, bool v2)
{
	struct generate_options o;
	options(&o, patients, seed, names);
	round_trip_o(&o, v2);
}

static void round_trip(int patients, uint64_t seed, bool names)
{
	round_trip_v(patients, seed, names, false);
}

static void test_round_trip_v2(void **state)
{
	(void)state;
	round_trip_v(12, 1, false, true);
	round_trip_v(60, 3, true, true);
}

static void test_round_trip_small(void **state)
{
	(void)state;
	round_trip(12, 1, false);
	round_trip(12, 99, true);
	round_trip(60, 3, true);
}

static void test_round_trip_large(void **state)
{
	(void)state;
	round_trip(200, 5, false);
	round_trip(1000, 2, true);
}

/* The previous roster keeps every hard rule of its own week. */
static void check_previous_valid_b(int patients, uint64_t seed, bool billing)
{
	struct generate_options o;
	options(&o, patients, seed, false);
	o.billing = billing;
	struct clinic c;
	struct roster prev;
	generate_ok(&o, &c, &prev);
	if (patients >= 60)
		assert_true(prev.n >= (size_t)patients); /* most patients take 1+ groups */

	struct week w;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&c, o.week - 7, NULL, NULL, &w, &d), STATUS_OK);
	size_t broken = rules_check(&w, &prev, NULL, &d);
	if (broken)
		diag_print(&d, stderr, "previous");
	assert_int_equal(broken, 0);
	week_release(&w);
	diag_list_release(&d);
	roster_release(&prev);
	clinic_release(&c);
}

static void check_previous_valid(int patients, uint64_t seed)
{
	check_previous_valid_b(patients, seed, false);
}

static void test_previous_valid(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		check_previous_valid(12, seed);
		check_previous_valid(60, seed);
	}
	check_previous_valid(200, 11);
}

/* The planned week is feasible: the previous roster cut down to pairs
 * still eligible, with groups below their minimum dropped, keeps every
 * hard rule including each must pin. */
static void check_week_feasible_b(int patients, uint64_t seed, bool billing)
{
	struct generate_options o;
	options(&o, patients, seed, false);
	o.billing = billing;
	struct clinic c;
	struct roster prev, cert = { 0 };
	generate_ok(&o, &c, &prev);
	struct week w;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&c, o.week, &prev, NULL, &w, &d), STATUS_OK);

	int *size = calloc(c.n_groups, sizeof *size);
	assert_non_null(size);
	for (size_t i = 0; i < prev.n; i++) {
		int a = w.active_of[prev.items[i].patient];
		if (a >= 0 && w.eligible[week_ag(&w, a, prev.items[i].group)])
			size[prev.items[i].group]++;
	}
	for (size_t i = 0; i < prev.n; i++) {
		int a = w.active_of[prev.items[i].patient];
		int g = prev.items[i].group;
		if (a >= 0 && w.eligible[week_ag(&w, a, g)] && size[g] >= c.groups[g].min_size)
			assert_true(roster_add(&cert, prev.items[i].patient, g, 0));
	}
	roster_sort(&cert, &c);
	size_t broken = rules_check(&w, &cert, NULL, &d);
	if (broken)
		diag_print(&d, stderr, "certificate");
	assert_int_equal(broken, 0);
	for (size_t i = 0; i < c.n_pins; i++)
		if (c.pins[i].rule == PIN_MUST)
			assert_true(roster_contains(&cert, c.pins[i].patient, c.pins[i].group));
		else
			assert_false(roster_contains(&prev, c.pins[i].patient, c.pins[i].group));
	free(size);
	week_release(&w);
	diag_list_release(&d);
	roster_release(&cert);
	roster_release(&prev);
	clinic_release(&c);
}

static void check_week_feasible(int patients, uint64_t seed)
{
	check_week_feasible_b(patients, seed, false);
}

static void test_week_feasible(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		check_week_feasible(12, seed);
		check_week_feasible(60, seed);
	}
	check_week_feasible(200, 21);
}

/* Every named size generates, with a valid previous roster and a
 * feasible week. */
static void test_every_size(void **state)
{
	(void)state;
	static const char *const names[] = { "tiny", "S", "M", "L", "XL" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int n = 0;
		assert_true(generate_size_named(names[i], &n));
		check_previous_valid(n, 1);
		check_week_feasible(n, 1);
	}
}

static bool has_tag(char *const *tags, size_t n, const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(tags[i], tag))
			return true;
	return false;
}

/* The features the examples and tests rely on are really there. */
static void test_realistic(void **state)
{
	(void)state;
	struct generate_options o;
	options(&o, 200, 4, true);
	struct clinic c;
	struct roster prev;
	generate_ok(&o, &c, &prev);

	assert_int_equal(c.n_types, 4);
	assert_string_equal(c.type_names[0], "education");
	assert_string_equal(c.type_names[3], "communication");
	assert_true(c.n_groups >= 45 && c.n_groups <= 55);

	int requires[3] = { 0 }, label_groups = 0, per_type[4] = { 0 };
	for (size_t g = 0; g < c.n_groups; g++) {
		const struct group *gr = &c.groups[g];
		per_type[gr->type]++;
		requires[0] += has_tag(gr->requires, gr->n_requires, "women");
		requires[1] += has_tag(gr->requires, gr->n_requires, "cooccurring");
		requires[2] += has_tag(gr->requires, gr->n_requires, "spanish");
		for (size_t s = 0; s < gr->n_slots; s++)
			if (!gr->slots[s].timed) {
				label_groups++;
				break;
			}
		assert_true(gr->n_slots >= 1 && gr->hours > 0);
		assert_true(gr->min_size >= 1 && gr->min_size <= gr->max_size);
	}
	for (int i = 0; i < 3; i++)
		assert_true(requires[i] >= 1);
	for (int t = 0; t < 4; t++)
		assert_true(per_type[t] >= 5);
	assert_true(label_groups >= 1);

	size_t evening_only = 0, named = 0, open_ended = 0, away = 0;
	for (size_t i = 0; i < c.n_patients; i++) {
		const struct patient *p = &c.patients[i];
		bool evening = p->n_available > 0;
		for (size_t k = 0; k < p->n_available; k++)
			if (p->available[k].timed && p->available[k].start < 17 * 60)
				evening = false;
		evening_only += evening;
		named += p->name != NULL;
		open_ended += p->discharge == DAY_NONE;
		away += p->n_away > 0;
		assert_true(p->admitted <= o.week + 6 && p->admitted >= o.week - 17 * 7);
		if (p->discharge != DAY_NONE)
			assert_true(p->discharge - p->admitted >= 90);
	}
	assert_int_equal(named, c.n_patients);
	assert_true(evening_only >= 20);
	assert_true(open_ended > 0 && open_ended < c.n_patients);
	assert_true(away > 0);

	int mastered = 0;
	for (size_t i = 0; i < c.n_progress; i++)
		mastered += c.progress[i].score >= c.settings.mastery;
	assert_true(mastered > 0);
	assert_true(c.n_separations > 0);
	int must = 0, never = 0;
	for (size_t i = 0; i < c.n_pins; i++)
		c.pins[i].rule == PIN_MUST ? must++ : never++;
	assert_true(must > 0 && never > 0);

	/* Facilitators are never double-booked, whatever runs. */
	struct week w;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&c, o.week, &prev, NULL, &w, &d), STATUS_OK);
	int facilitators_with_several = 0;
	for (size_t g = 0; g < c.n_groups; g++) {
		int runs = 0;
		for (size_t h = 0; h < c.n_groups; h++) {
			assert_false(w.facilitator_clash[g * c.n_groups + h]);
			runs += c.groups[g].facilitator && c.groups[h].facilitator &&
				!strcmp(c.groups[g].facilitator, c.groups[h].facilitator);
		}
		facilitators_with_several += runs >= 2;
	}
	assert_true(facilitators_with_several > 0);
	week_release(&w);
	diag_list_release(&d);
	roster_release(&prev);
	clinic_release(&c);
}

/* Asking for no previous roster, or for names, changes nothing else. */
static void test_options_independent(void **state)
{
	(void)state;
	struct generate_options o;
	options(&o, 60, 3, false);
	struct clinic a, b;
	struct roster prev;
	generate_ok(&o, &a, NULL);
	o.with_names = true;
	generate_ok(&o, &b, &prev);
	for (size_t i = 0; i < b.n_patients; i++) {
		assert_non_null(b.patients[i].name);
		free(b.patients[i].name);
		b.patients[i].name = NULL;
	}
	assert_clinics_equal(&a, &b);
	roster_release(&prev);
	clinic_release(&a);
	clinic_release(&b);
}

/* --billing: same (size, seed, week) the same bytes, settings.csv too;
 * the patients and their progress are those of the clinic without it. */
static void test_billing_deterministic(void **state)
{
	(void)state;
	static const char *const same[] = {
		"patients.csv", "groups.csv", "progress.csv", "separations.csv", "pins.csv",
		"settings.csv", "rosters/2026-11-23.csv",
	};
	char *dir[3];
	for (int k = 0; k < 3; k++) {
		struct generate_options o;
		options(&o, 55, 4, true);
		o.billing = k < 2;
		struct clinic c;
		struct roster prev;
		generate_ok(&o, &c, &prev);
		dir[k] = temp_folder();
		write_ok(dir[k], &c, &prev, o.week);
		roster_release(&prev);
		clinic_release(&c);
	}
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		size_t la, lb, lc;
		char *a = slurp(dir[0], same[i], &la);
		char *b = slurp(dir[1], same[i], &lb);
		char *c = slurp(dir[2], same[i], &lc);
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, la);
		if (!strcmp(same[i], "patients.csv") || !strcmp(same[i], "progress.csv")) {
			assert_non_null(c);
			assert_int_equal(la, lc);
			assert_memory_equal(a, c, la);
		}
		if (!strcmp(same[i], "groups.csv"))
			assert_true(la != lc || memcmp(a, c, la) != 0);
		if (!strcmp(same[i], "settings.csv")) {
			assert_string_equal(a, "setting,value\nbillable_days,3\n");
			assert_null(c); /* S without billing: every default */
		}
		free(a);
		free(b);
		free(c);
	}
	for (int k = 0; k < 3; k++)
		remove_folder(dir[k]);
}

static bool is_block_start(int minutes)
{
	return minutes == 9 * 60 || minutes == 13 * 60 || minutes == 18 * 60;
}

/* A group of another type meets right after `first` (a 90-minute group
 * at a block's start) on at least two of its days: taking both makes
 * those days billable. */
static bool has_second_half(const struct clinic *c, const struct group *first)
{
	for (size_t h = 0; h < c->n_groups; h++) {
		const struct group *g = &c->groups[h];
		if (g->type == first->type || g->slots[0].start != first->slots[0].end ||
		    g->slots[0].end - g->slots[0].start != 90)
			continue;
		int shared = 0;
		for (size_t i = 0; i < first->n_slots; i++)
			for (size_t j = 0; j < g->n_slots; j++)
				shared += first->slots[i].day == g->slots[j].day;
		if (shared >= 2)
			return true;
	}
	return false;
}

/* --billing's groups are what the payers' rule is about: each meets in
 * one place of a 3-hour block (a 90-minute half or the whole block, at
 * the same time on each of its days, evenings Monday to Thursday), every
 * first half has a second half of another type, orientation is an
 * education group for week 0 alone; some groups take only the
 * first weeks, some only later ones; most patients could bill. */
static void check_billing_shape(int patients, uint64_t seed)
{
	struct generate_options o;
	options(&o, patients, seed, false);
	o.billing = true;
	struct clinic c;
	struct roster prev;
	generate_ok(&o, &c, &prev);
	assert_int_equal(c.settings.billable_days, 3);
	assert_true(c.settings.billable_day_hours == 3.0 && c.settings.w_billable == 15.0);

	int orientation = 0, education = 0, early = 0, later = 0, whole = 0;
	for (size_t g = 0; g < c.n_groups; g++) {
		const struct group *gr = &c.groups[g];
		int start = gr->slots[0].start, end = gr->slots[0].end, len = end - start;
		assert_true(len == 90 || len == 180);
		assert_true(is_block_start(start) || (len == 90 && is_block_start(start - 90)));
		assert_true(gr->n_slots >= 2 && gr->n_slots <= 3);
		for (size_t i = 0; i < gr->n_slots; i++) {
			const struct slot *sl = &gr->slots[i];
			assert_true(sl->timed && sl->start == start && sl->end == end);
			assert_true(sl->day <= (start >= 18 * 60 ? 3 : 4));
		}
		assert_true(gr->hours == (double)gr->n_slots * len / 60.0);
		whole += len == 180;
		if (len == 90 && is_block_start(start))
			assert_true(has_second_half(&c, gr));
		education += gr->type == 0;
		if (gr->has_weeks_to && gr->weeks_to == 0) {
			orientation++;
			assert_int_equal(gr->type, 0);
			assert_memory_equal(gr->id, "ori-", 4);
			assert_true(gr->min_size <= 3 && gr->n_requires == 0);
		} else if (gr->has_weeks_to) {
			early++;
			assert_int_equal(gr->weeks_to, c.settings.advanced_weeks + 1);
			assert_true(gr->weeks_from <= 1);
		} else if (gr->weeks_from > 1) {
			later++;
			assert_int_equal(gr->weeks_from, 8);
		}
	}
	/* with an orientation, the other education groups come after it */
	for (size_t g = 0; g < c.n_groups && orientation > 0; g++) {
		const struct group *gr = &c.groups[g];
		if (gr->type == 0 && !(gr->has_weeks_to && gr->weeks_to == 0))
			assert_true(gr->weeks_from >= 1);
	}
	int want = (patients + 50) / 100 < 1 ? 1 : (patients + 50) / 100;
	if (want > education / 2)
		want = education / 2;
	assert_int_equal(orientation, want);
	if (patients >= 50)
		assert_true(orientation >= 1);
	if (patients >= 200)
		assert_true(early >= 2 && later >= 2 && whole >= 2);

	struct week w;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(week_resolve(&c, o.week, &prev, NULL, &w, &d), STATUS_OK);
	size_t may_bill = 0, new_oriented = 0;
	for (size_t a = 0; a < w.n_active; a++) {
		may_bill += week_may_bill(&w, (int)a);
		for (size_t g = 0; g < c.n_groups; g++) {
			const struct group *gr = &c.groups[g];
			if (!(gr->has_weeks_to && gr->weeks_to == 0) || !w.fits[week_ag(&w, (int)a, (int)g)])
				continue;
			assert_int_equal(week_phase(&w, (int)a), 0);
			new_oriented++;
		}
	}
	if (patients >= 50) {
		assert_true(2 * may_bill > w.n_active);
		assert_true(new_oriented >= 3); /* the orientation can run */
	}
	week_release(&w);
	diag_list_release(&d);
	roster_release(&prev);
	clinic_release(&c);
}

static void test_billing_shape(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		check_billing_shape(12, seed);
		check_billing_shape(55, seed);
		check_billing_shape(200, seed);
	}
	check_billing_shape(1000, 1);
}

/* Every named size with --billing: written and read back unchanged, a
 * valid previous roster, a feasible week. */
static void test_billing_every_size(void **state)
{
	(void)state;
	static const char *const names[] = { "tiny", "S", "M", "L", "XL" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int n = 0;
		assert_true(generate_size_named(names[i], &n));
		check_previous_valid_b(n, 1, true);
		check_week_feasible_b(n, 1, true);
	}
	struct generate_options o;
	options(&o, 55, 2, true);
	o.billing = true;
	round_trip_o(&o, false);
	options(&o, 12, 3, false);
	o.billing = true;
	round_trip_o(&o, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_names),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_round_trip_small),
		cmocka_unit_test(test_round_trip_v2),
		cmocka_unit_test(test_round_trip_large),
		cmocka_unit_test(test_previous_valid),
		cmocka_unit_test(test_week_feasible),
		cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_realistic),
		cmocka_unit_test(test_options_independent),
		cmocka_unit_test(test_billing_deterministic),
		cmocka_unit_test(test_billing_shape),
		cmocka_unit_test(test_billing_every_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* fixture.c -- small clinics built in memory for the solver tests. */
#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/synthetic/generate.h"

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	assert_non_null(p);
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	assert_non_null(p);
	return p;
}

void fx_init(struct fx *f, const char *types)
{
	memset(f, 0, sizeof *f);
	settings_init(&f->c.settings);
	f->c.folder = xstrdup("clinic");
	assert_true(date_parse("2026-03-02", &f->monday));
	char *copy = xstrdup(types), *save = NULL;
	for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		f->c.type_names = xrealloc(f->c.type_names, (f->c.n_types + 1) * sizeof(char *));
		f->c.type_names[f->c.n_types++] = xstrdup(t);
	}
	free(copy);
}

int fx_patient(struct fx *f, const char *id, const char *needs, const char *available)
{
	struct clinic *c = &f->c;
	c->patients = xrealloc(c->patients, (c->n_patients + 1) * sizeof *c->patients);
	struct patient *p = &c->patients[c->n_patients];
	memset(p, 0, sizeof *p);
	p->id = xstrdup(id);
	p->admitted = f->monday - 100;
	p->discharge = DAY_NONE;
	p->hours_min = c->settings.hours_min;
	p->hours_max = c->settings.hours_max;
	p->need = calloc(c->n_types ? c->n_types : 1, sizeof *p->need);
	assert_non_null(p->need);
	assert_int_equal(strlen(needs), c->n_types);
	for (size_t t = 0; t < c->n_types; t++)
		p->need[t] = needs[t] - '0';
	if (available != NULL) {
		char err[200];
		assert_true(slot_parse_list(available, &p->available, &p->n_available,
					    err, sizeof err));
	}
	p->line = (long)c->n_patients + 2;
	return (int)c->n_patients++;
}

void fx_hours(struct fx *f, int p, double hours_min, double hours_max)
{
	f->c.patients[p].hours_min = hours_min;
	f->c.patients[p].hours_max = hours_max;
}

void fx_admitted(struct fx *f, int p, int days_before_monday)
{
	f->c.patients[p].admitted = f->monday - days_before_monday;
}

void fx_tags(struct fx *f, int p, const char *tag)
{
	struct patient *pt = &f->c.patients[p];
	pt->tags = xrealloc(pt->tags, (pt->n_tags + 1) * sizeof(char *));
	pt->tags[pt->n_tags++] = xstrdup(tag);
}

int fx_group(struct fx *f, const char *id, int type, const char *slots, double hours,
	     int min_size, int max_size, const char *facilitator)
{
	struct clinic *c = &f->c;
	c->groups = xrealloc(c->groups, (c->n_groups + 1) * sizeof *c->groups);
	struct group *g = &c->groups[c->n_groups];
	memset(g, 0, sizeof *g);
	g->id = xstrdup(id);
	g->type = type;
	char err[200];
	assert_true(slot_parse_list(slots, &g->slots, &g->n_slots, err, sizeof err));
	if (hours <= 0) {
		hours = 0;
		for (size_t i = 0; i < g->n_slots; i++)
			hours += slot_hours(&g->slots[i]);
	}
	g->hours = hours;
	g->min_size = min_size;
	g->max_size = max_size;
	g->facilitator = facilitator ? xstrdup(facilitator) : NULL;
	g->line = (long)c->n_groups + 2;
	return (int)c->n_groups++;
}

void fx_requires(struct fx *f, int g, const char *tag)
{
	struct group *gr = &f->c.groups[g];
	gr->requires = xrealloc(gr->requires, (gr->n_requires + 1) * sizeof(char *));
	gr->requires[gr->n_requires++] = xstrdup(tag);
}

void fx_separation(struct fx *f, int p, int q, long line)
{
	struct clinic *c = &f->c;
	c->separations = xrealloc(c->separations, (c->n_separations + 1) * sizeof *c->separations);
	c->separations[c->n_separations++] = (struct separation){ p, q, line };
}

void fx_pin(struct fx *f, int p, int g, enum pin_rule rule, long line)
{
	struct clinic *c = &f->c;
	c->pins = xrealloc(c->pins, (c->n_pins + 1) * sizeof *c->pins);
	c->pins[c->n_pins++] = (struct pin){ p, g, rule, line };
}

void fx_previous(struct fx *f, int p, int g)
{
	assert_true(roster_add(&f->previous, p, g, 0));
	f->has_previous = true;
}

void fx_progress(struct fx *f, int p, int t, int days_before_monday, int score)
{
	struct clinic *c = &f->c;
	c->progress = xrealloc(c->progress, (c->n_progress + 1) * sizeof *c->progress);
	c->progress[c->n_progress] = (struct progress_record){
		.patient = p, .type = t, .date = f->monday - days_before_monday,
		.score = score, .line = (long)c->n_progress + 2,
	};
	c->n_progress++;
}

struct week *fx_week(struct fx *f)
{
	if (f->resolved)
		week_release(&f->w);
	struct diag_list d = DIAG_LIST_INIT;
	enum status st = week_resolve(&f->c, f->monday, f->has_previous ? &f->previous : NULL,
				      f->has_previous ? "rosters/2026-02-23.csv" : NULL,
				      &f->w, &d);
	if (st != STATUS_OK)
		diag_print(&d, stderr, "fx_week");
	assert_int_equal(st, STATUS_OK);
	diag_list_release(&d);
	f->resolved = true;
	return &f->w;
}

struct week *fx_generated(struct fx *f, int patients, uint64_t seed, int billable_days,
			  double billable_day_hours)
{
	memset(f, 0, sizeof *f);
	struct generate_options go = { .patients = patients, .seed = seed, .history_weeks = 4 };
	assert_true(date_parse("2026-03-02", &go.week));
	f->monday = go.week;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(generate_clinic(&go, &f->c, &f->previous, &d), STATUS_OK);
	f->has_previous = true;
	if (billable_days > 0) {
		f->c.settings.billable_days = billable_days;
		f->c.settings.billable_day_hours = billable_day_hours;
	}
	assert_int_equal(week_resolve(&f->c, go.week, &f->previous, NULL, &f->w, &d), STATUS_OK);
	f->resolved = true;
	diag_list_release(&d);
	return &f->w;
}

void fx_release(struct fx *f)
{
	if (f->resolved)
		week_release(&f->w);
	roster_release(&f->previous);
	clinic_release(&f->c);
	memset(f, 0, sizeof *f);
}

uint32_t fx_rand(struct fx_rng *r, uint32_t n)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return n ? (uint32_t)(z % n) : 0;
}

void fx_roster_of(const struct week *w, const bool *in, struct roster *r)
{
	for (size_t a = 0; a < w->n_active; a++)
		for (size_t g = 0; g < w->n_groups; g++)
			if (in[a * w->n_groups + g])
				assert_true(roster_add(r, w->active[a], (int)g, 0));
}

/* sim_fixture.h -- small heap-built clinics for the simulate and admit tests
 * (heap, because a simulation takes the clinic over and clinic_release frees it). */
#ifndef SIM_FIXTURE_H
#define SIM_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "data/clinic.h"
#include "data/date.h"
#include "data/slot.h"

static inline day_t fx_day(const char *text)
{
	day_t d;
	if (!date_parse(text, &d))
		fail_msg("bad date %s", text);
	return d;
}

static inline void *fx_grow(void *p, size_t n, size_t size)
{
	void *q = realloc(p, n * size);
	if (!q)
		fail_msg("out of memory");
	return q;
}

/* A clinic with the given types (a ';' list), default settings. */
static inline void fx_clinic(struct clinic *c, const char *types)
{
	memset(c, 0, sizeof *c);
	settings_init(&c->settings);
	c->folder = strdup("clinic");
	char *copy = strdup(types), *save = NULL;
	for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		c->type_names = fx_grow(c->type_names, c->n_types + 1, sizeof *c->type_names);
		c->type_names[c->n_types++] = strdup(t);
	}
	free(copy);
}

/* needs: one int per type. available: "" = any time. */
static inline int fx_patient(struct clinic *c, const char *id, const char *admitted,
		      const char *available, const int *needs)
{
	c->patients = fx_grow(c->patients, c->n_patients + 1, sizeof *c->patients);
	struct patient *p = &c->patients[c->n_patients];
	memset(p, 0, sizeof *p);
	p->id = strdup(id);
	p->admitted = fx_day(admitted);
	p->discharge = DAY_NONE;
	p->hours_min = 0;
	p->hours_max = 30;
	if (available[0]) {
		char err[200];
		if (!slot_parse_list(available, &p->available, &p->n_available, err, sizeof err))
			fail_msg("%s", err);
	}
	p->need = calloc(c->n_types, sizeof *p->need);
	memcpy(p->need, needs, c->n_types * sizeof *p->need);
	p->line = (long)c->n_patients + 2;
	return (int)c->n_patients++;
}

static inline int fx_group(struct clinic *c, const char *id, int type, const char *slots,
		    double hours, int min_size, int max_size)
{
	c->groups = fx_grow(c->groups, c->n_groups + 1, sizeof *c->groups);
	struct group *g = &c->groups[c->n_groups];
	memset(g, 0, sizeof *g);
	g->id = strdup(id);
	g->type = type;
	char err[200];
	if (!slot_parse_list(slots, &g->slots, &g->n_slots, err, sizeof err))
		fail_msg("%s", err);
	g->hours = hours;
	g->min_size = min_size;
	g->max_size = max_size;
	g->line = (long)c->n_groups + 2;
	return (int)c->n_groups++;
}

static inline void fx_progress(struct clinic *c, int patient, int type, const char *date, int score)
{
	c->progress = fx_grow(c->progress, c->n_progress + 1, sizeof *c->progress);
	c->progress[c->n_progress] = (struct progress_record){
		.patient = patient, .type = type, .date = fx_day(date), .score = score,
		.line = (long)c->n_progress + 2,
	};
	c->n_progress++;
}

static inline void fx_separation(struct clinic *c, int a, int b)
{
	c->separations = fx_grow(c->separations, c->n_separations + 1, sizeof *c->separations);
	c->separations[c->n_separations] = (struct separation){ a, b, (long)c->n_separations + 2 };
	c->n_separations++;
}

static inline void fx_pin(struct clinic *c, int patient, int group, enum pin_rule rule)
{
	c->pins = fx_grow(c->pins, c->n_pins + 1, sizeof *c->pins);
	c->pins[c->n_pins] = (struct pin){ patient, group, rule, (long)c->n_pins + 2 };
	c->n_pins++;
}

#endif

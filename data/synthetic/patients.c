/* patients.c -- the generator's patients: admissions, the windows they can
 * come in, hours, tags, needs, absences, and invented display names. */
#include "synthetic.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/fit.h"

/* Invented display names, matched to the women tag so a women's group
 * list reads naturally. */
static const char *const women_names[] = {
	"Aaliyah", "Adriana", "Amara", "Anika", "Beatriz", "Camila", "Carmen",
	"Chloe", "Deja", "Elena", "Esperanza", "Farah", "Grace", "Hana", "Imani",
	"Jasmine", "Jenna", "Kayla", "Lakshmi", "Lucia", "Marisol", "Maya", "Mei",
	"Nadia", "Noor", "Paloma", "Priya", "Renee", "Rosa", "Sofia", "Tamika",
	"Teresa", "Valeria", "Ximena", "Zoe",
};
static const char *const men_names[] = {
	"Ahmed", "Alejandro", "Andre", "Brandon", "Caleb", "Darius", "Diego",
	"Dmitri", "Elijah", "Gabriel", "Hector", "Isaac", "Jamal", "Javier",
	"Joaquin", "Keanu", "Kenji", "Leon", "Malik", "Marcus", "Miguel", "Nathan",
	"Omar", "Rafael", "Samir", "Tariq", "Tyrone", "Wesley", "Yusuf", "Luis",
	"Connor", "Tomas", "Reggie", "Sean", "Emeka",
};
static const char initials[] = "ABCDEFGHJKLMNOPRSTVWZ";
#define N_WOMEN_NAMES (sizeof women_names / sizeof women_names[0])
#define N_MEN_NAMES (sizeof men_names / sizeof men_names[0])
#define N_NAME_INITIALS (sizeof initials - 1)

static int rated_need(double x)
{
	return clamp_int((int)floor(x + 0.5), 0, NEED_MAX);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* When they can come; returns whether the patient works days (evenings
 * only, some Saturdays), which bounds their hours. */
static bool make_windows(struct gen *g, struct rng *r, struct patient *p)
{
	struct slot tmp[8];
	size_t nw = 0;
	double u = rng_unit(r);
	bool worker = false;
	if (u < 0.50) {
		nw = 0; /* any time */
	} else if (u < 0.72) {
		worker = true;
		nw = schedule_slots(g, MON | TUE | WED | THU, HM(17, 0), HM(21, 30),
				    rng_chance(r, 0.5) ? "sat-am" : NULL, tmp);
	} else if (u < 0.85) {
		nw = schedule_slots(g, MON | TUE | WED | THU | FRI, HM(8, 30), HM(12, 30), NULL, tmp);
	} else if (u < 0.95) {
		nw = schedule_slots(g, MON | TUE | WED | THU | FRI, HM(8, 0), HM(16, 30), NULL, tmp);
	} else {
		nw = schedule_slots(g, TUE | THU, HM(8, 0), HM(21, 30), "sat-am", tmp);
	}
	if (nw) {
		p->available = slots_copy(g, tmp, nw);
		p->n_available = p->available ? nw : 0;
	}
	return worker;
}

static void make_hours(const struct settings *settings, struct rng *r, struct patient *p,
		       bool worker)
{
	p->hours_min = settings->hours_min;
	p->hours_max = settings->hours_max;
	if (worker) {
		if (rng_chance(r, 0.4))
			p->hours_min = 6;
		if (rng_chance(r, 0.2))
			p->hours_max = 15;
	} else {
		if (rng_chance(r, 0.08))
			p->hours_min = 12; /* court-ordered minimum */
		if (rng_chance(r, 0.10))
			p->hours_max = 20;
	}
	if (p->hours_min > p->hours_max)
		p->hours_min = p->hours_max;
}

static void add_tag(char **tags, size_t *n, struct gen *g, const char *tag)
{
	tags[*n] = gen_strdup(g, tag);
	if (tags[*n])
		(*n)++;
}

/* Tags, kept lower-case, sorted and unique as clinic_load keeps them;
 * returns whether the patient has co-occurring disorders, which raises
 * their needs. */
static bool make_tags(struct gen *g, struct rng *r, struct patient *p)
{
	char *tags[5];
	size_t nt = 0;
	bool women = rng_chance(r, 0.45);
	bool cooc = rng_chance(r, 0.30);
	bool spanish = rng_chance(r, 0.15);
	bool court = rng_chance(r, 0.08);
	if (cooc)
		add_tag(tags, &nt, g, "cooccurring");
	if (court)
		add_tag(tags, &nt, g, "court");
	if (spanish)
		add_tag(tags, &nt, g, "spanish");
	if (women)
		add_tag(tags, &nt, g, "women");
	if (nt) {
		qsort(tags, nt, sizeof *tags, cmp_str);
		p->tags = gen_calloc(g, nt, sizeof *p->tags);
		if (p->tags) {
			memcpy(p->tags, tags, nt * sizeof *tags);
			p->n_tags = nt;
		} else {
			for (size_t t = 0; t < nt; t++)
				free(tags[t]);
		}
	}
	return cooc;
}

/* Needs follow one overall severity: newer patients need more education,
 * co-occurring disorders raise skills and support, and communication
 * tracks support. */
static void make_needs(struct gen *g, struct rng *r, struct patient *p, bool cooc)
{
	p->need = gen_calloc(g, N_TYPES, sizeof *p->need);
	if (!p->need)
		return;
	double s = (rng_unit(r) + rng_unit(r)) / 2;
	if (cooc)
		s = s + 0.15 > 1 ? 1 : s + 0.15;
	int weeks_in = (g->opt->week - p->admitted) / 7;
	double support = 0.6 + 2.6 * s + (cooc ? 0.5 : 0) + rng_between(r, -1, 1);
	p->need[T_EDUCATION] = rated_need(0.8 + 2.4 * s + (weeks_in < 4 ? 0.7 : 0) + rng_between(r, -0.9, 0.9));
	p->need[T_SKILLS] = rated_need(0.4 + 3.0 * s + (cooc ? 0.4 : 0) + rng_between(r, -1, 1));
	p->need[T_SUPPORT] = rated_need(support);
	p->need[T_COMMUNICATION] = rated_need(0.5 * support + 0.8 * s + rng_between(r, -1, 1));
}

/* Absences: a court date, a short hospital stay, and now and then a trip
 * that covers the whole planned week. */
static void make_absences(struct gen *g, struct rng *r, struct patient *p)
{
	day_t week = g->opt->week;
	if (!rng_chance(r, 0.12))
		return;
	struct day_range aw[2];
	size_t na = 0;
	double k = rng_unit(r);
	if (k < 0.45) {
		day_t d = week + rng_range(r, -10, 11);
		int wd = date_weekday(d);
		if (wd >= 5) /* courts sit on weekdays */
			d -= wd - 4;
		aw[na++] = (struct day_range){ d, d };
	} else if (k < 0.85) {
		day_t d = week + rng_range(r, -14, 10);
		aw[na++] = (struct day_range){ d, d + rng_range(r, 1, 6) };
	} else {
		aw[na++] = (struct day_range){ week - 2, week + 6 };
	}
	if (rng_chance(r, 0.15)) {
		day_t d = aw[0].last + rng_range(r, 9, 20);
		aw[na++] = (struct day_range){ d, d };
	}
	p->away = gen_calloc(g, na, sizeof *p->away);
	if (p->away) {
		memcpy(p->away, aw, na * sizeof *aw);
		p->n_away = na;
	}
}

static void make_patient(struct gen *g, struct rng *r, size_t i, int width)
{
	struct patient *p = &g->c->patients[i];
	day_t week = g->opt->week;
	char buf[64];

	snprintf(buf, sizeof buf, "p%0*zu", width, i + 1);
	p->id = gen_strdup(g, buf);
	p->line = (long)i + 2;

	/* Rolling admissions over the last 16 weeks, on weekdays; stays of 90
	 * days or more, some with the planned discharge already set. */
	int weeks_ago = rng_range(r, 0, 16);
	p->admitted = week - 7 * weeks_ago + rng_range(r, 0, 4);
	p->discharge = rng_chance(r, 0.35) ? p->admitted + 90 + rng_range(r, 0, 28) : DAY_NONE;

	bool worker = make_windows(g, r, p);
	make_hours(&g->c->settings, r, p, worker);
	bool cooc = make_tags(g, r, p);
	make_needs(g, r, p, cooc);
	make_absences(g, r, p);
}

void synth_patients(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = synth_stream(g->opt, STREAM_PATIENTS);
	size_t n = (size_t)g->opt->patients;
	c->patients = gen_calloc(g, n, sizeof *c->patients);
	if (!c->patients)
		return;
	c->n_patients = n;
	int width = id_width(n, 3);
	for (size_t i = 0; i < n && !g->oom; i++)
		make_patient(g, &r, i, width);
}

/* A few redraws keep names distinct while there are enough (two "Deja R."
 * in one group confuse everyone). */
void synth_names(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = synth_stream(g->opt, STREAM_NAMES);
	size_t n_combos = (N_WOMEN_NAMES + N_MEN_NAMES) * N_NAME_INITIALS;
	bool *used = gen_calloc(g, n_combos, sizeof *used);
	if (!used)
		return;
	for (size_t i = 0; i < c->n_patients && !g->oom; i++) {
		struct patient *p = &c->patients[i];
		bool women = patient_has_tag(p, "women");
		size_t first = 0, initial = 0;
		for (int tries = 0; tries < 8; tries++) {
			first = women ? rng_below(&r, N_WOMEN_NAMES)
				      : N_WOMEN_NAMES + rng_below(&r, N_MEN_NAMES);
			initial = rng_below(&r, N_NAME_INITIALS);
			if (!used[first * N_NAME_INITIALS + initial])
				break;
		}
		used[first * N_NAME_INITIALS + initial] = true;
		char buf[64];
		snprintf(buf, sizeof buf, "%s %c.",
			 first < N_WOMEN_NAMES ? women_names[first] : men_names[first - N_WOMEN_NAMES],
			 initials[initial]);
		p->name = gen_strdup(g, buf);
	}
	free(used);
}

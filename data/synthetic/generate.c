/* generate.c -- realistic synthetic clinics from a seed (see generate.h). */
#include "generate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/fit.h"
#include "data/week.h"
#include "data/base/rng.h"

/* ---- draws from data/base/rng.h shaped for clinics ---- */

static int rng_range(struct rng *r, int lo, int hi) /* inclusive */
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static double rng_between(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_unit(r);
}

static bool rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

static void rng_shuffle(struct rng *r, int *a, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, (uint32_t)i);
		int t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

/* Each phase draws from its own stream, so changing how one part of the
 * clinic is generated does not reshuffle every other part. */
static struct rng rng_stream(const struct generate_options *opt, uint64_t phase)
{
	struct rng r = { opt->seed };
	uint64_t a = rng_next(&r);
	r.state = a ^ ((uint64_t)opt->patients * 0x632be59bd9b4e019u) ^ (phase << 48);
	rng_next(&r);
	return r;
}

/* ---- the program's shape ---- */

enum { T_EDUCATION, T_SKILLS, T_SUPPORT, T_COMMUNICATION, N_TYPES };
static const char *const type_names[N_TYPES] = {
	"education", "skills", "support", "communication",
};
static const char *const type_prefix[N_TYPES] = { "edu", "skl", "sup", "com" };
/* Share of the week's groups by type: skills groups are the program's core. */
static const double type_share[N_TYPES] = { 0.25, 0.30, 0.25, 0.20 };

enum track { TRACK_MORNING, TRACK_AFTERNOON, TRACK_EVENING, TRACK_WEEKEND };

#define MON (1u << 0)
#define TUE (1u << 1)
#define WED (1u << 2)
#define THU (1u << 3)
#define FRI (1u << 4)
#define HM(h, m) ((h) * 60 + (m))
#define LABEL_HOURS 3.0 /* a label slot ("sat-am") is a three-hour session */

struct schedule {
	enum track track;
	unsigned days;     /* timed sessions on these days; 0 = none */
	int start, end;    /* minutes since midnight */
	const char *label; /* an extra label slot, or NULL */
};

/* Morning and evening tracks with 90-minute and 3-hour sessions, so a
 * patient can combine several groups without clashes, plus Saturday
 * groups booked by label. */
static const struct schedule schedules[] = {
	{ TRACK_MORNING, MON | WED | FRI, HM(9, 0), HM(10, 30), NULL },
	{ TRACK_MORNING, MON | WED | FRI, HM(10, 45), HM(12, 15), NULL },
	{ TRACK_MORNING, MON | WED, HM(9, 0), HM(12, 0), NULL },
	{ TRACK_MORNING, TUE | THU, HM(9, 0), HM(12, 0), NULL },
	{ TRACK_MORNING, MON | TUE | WED | THU, HM(10, 45), HM(12, 15), NULL },
	{ TRACK_MORNING, TUE | THU | FRI, HM(9, 0), HM(10, 30), NULL },
	{ TRACK_AFTERNOON, MON | WED | FRI, HM(13, 0), HM(14, 30), NULL },
	{ TRACK_AFTERNOON, TUE | THU, HM(13, 0), HM(16, 0), NULL },
	{ TRACK_EVENING, MON | WED, HM(18, 0), HM(21, 0), NULL },
	{ TRACK_EVENING, TUE | THU, HM(18, 0), HM(21, 0), NULL },
	{ TRACK_EVENING, MON | TUE | WED | THU, HM(17, 30), HM(19, 0), NULL },
	{ TRACK_EVENING, MON | WED | THU, HM(19, 15), HM(20, 45), NULL },
	{ TRACK_EVENING, TUE | THU, HM(19, 15), HM(20, 45), "sat-am" },
	{ TRACK_WEEKEND, 0, 0, 0, "sat-am" },
	{ TRACK_WEEKEND, 0, 0, 0, "sat-pm" },
	{ TRACK_WEEKEND, WED, HM(18, 0), HM(20, 0), "sat-am" },
};
#define N_SCHEDULES (sizeof schedules / sizeof schedules[0])

/* Tracks cycle through this pattern within each type, so even a small
 * clinic offers every type both in the morning and in the evening. */
static const enum track track_pattern[] = {
	TRACK_MORNING, TRACK_EVENING, TRACK_MORNING, TRACK_AFTERNOON, TRACK_EVENING,
	TRACK_MORNING, TRACK_EVENING, TRACK_WEEKEND, TRACK_MORNING, TRACK_EVENING,
};
#define N_PATTERN (sizeof track_pattern / sizeof track_pattern[0])

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

static const char *const staff_surnames[] = {
	"Abernathy", "Alvarez", "Bergstrom", "Castellanos", "Chowdhury", "Delacroix",
	"Duarte", "Eriksen", "Fitzgerald", "Gallardo", "Haddad", "Hollis",
	"Ibarra", "Jablonski", "Kowalczyk", "Lindqvist", "Mbeki", "Moreau",
	"Nakamura", "Novak", "Okafor", "Oyelaran", "Pereira", "Quintero",
	"Rasmussen", "Salcedo", "Takahashi", "Thibodeaux", "Underwood", "Valdez",
	"Whitfield", "Yamamoto", "Zielinski", "Brennan", "Ferreira", "Grimaldi",
	"Kaur", "Lowry", "Marchetti", "Sandoval",
};
#define N_SURNAMES (sizeof staff_surnames / sizeof staff_surnames[0])
static const char staff_initials[] = "ABCDEHJKLMNRT"; /* 13: prime to 40 */
#define N_INITIALS (sizeof staff_initials - 1)

/* ---- building the clinic ---- */

struct gen {
	const struct generate_options *opt;
	struct clinic *c;
	bool oom;
};

static char *gen_strdup(struct gen *g, const char *s)
{
	char *d = strdup(s);
	if (!d)
		g->oom = true;
	return d;
}

static void *gen_calloc(struct gen *g, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		g->oom = true;
	return p;
}

/* Digits of the largest number of n, at least `least`: ids like p007 sort
 * in number order. */
static int id_width(size_t n, int least)
{
	int d = 1;
	while (n >= 10 && d < 12) {
		n /= 10;
		d++;
	}
	return d < least ? least : d;
}

static int clamp_int(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int rated_need(double x)
{
	return clamp_int((int)floor(x + 0.5), 0, NEED_MAX);
}

/* Appends the timed sessions of `days` and then `label` to `out`. */
static size_t schedule_slots(struct gen *g, unsigned days, int start, int end,
			     const char *label, struct slot *out)
{
	size_t n = 0;
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		out[n] = (struct slot){ .timed = true, .day = d, .start = start, .end = end };
		n++;
	}
	if (label) {
		out[n] = (struct slot){ .timed = false, .label = gen_strdup(g, label) };
		n++;
	}
	return n;
}

static struct slot *slots_copy(struct gen *g, const struct slot *tmp, size_t n)
{
	struct slot *s = gen_calloc(g, n, sizeof *s);
	if (s)
		memcpy(s, tmp, n * sizeof *s);
	else
		for (size_t i = 0; i < n; i++)
			free(tmp[i].label);
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void make_types(struct gen *g)
{
	struct clinic *c = g->c;
	c->type_names = gen_calloc(g, N_TYPES, sizeof *c->type_names);
	if (!c->type_names)
		return;
	c->n_types = N_TYPES;
	for (int t = 0; t < N_TYPES; t++)
		c->type_names[t] = gen_strdup(g, type_names[t]);
}

/* Groups: ~1 per 4 patients, spread over the types and the day, a few
 * women's / co-occurring / Spanish-language groups, and facilitators who
 * each run several groups that never clash. */
static void make_groups(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = rng_stream(g->opt, 1);
	int n = g->opt->patients;
	int n_groups = (n + 2) / 4;
	if (n_groups < N_TYPES)
		n_groups = N_TYPES;

	int count[N_TYPES], sum = 0;
	for (int t = 0; t < N_TYPES; t++) {
		count[t] = (int)(n_groups * type_share[t]);
		if (count[t] < 1)
			count[t] = 1;
		sum += count[t];
	}
	/* Rounding leftovers go to the largest shares first. */
	static const int by_share[N_TYPES] = { T_SKILLS, T_EDUCATION, T_SUPPORT, T_COMMUNICATION };
	for (int i = 0; sum < n_groups; i = (i + 1) % N_TYPES, sum++)
		count[by_share[i]]++;
	n_groups = sum;

	c->groups = gen_calloc(g, (size_t)n_groups, sizeof *c->groups);
	if (!c->groups)
		return;
	c->n_groups = (size_t)n_groups;

	size_t k = 0;
	for (int t = 0; t < N_TYPES; t++) {
		int offset = rng_chance(&r, 0.5) ? 5 : 0; /* both begin morning, evening */
		int width = id_width((size_t)count[t], 2);
		for (int i = 0; i < count[t]; i++, k++) {
			struct group *gr = &c->groups[k];
			char id[32];
			snprintf(id, sizeof id, "%s-%0*d", type_prefix[t], width, i + 1);
			gr->id = gen_strdup(g, id);
			gr->type = t;
			gr->line = (long)k + 2;

			enum track want = track_pattern[(size_t)(i + offset) % N_PATTERN];
			size_t options[N_SCHEDULES], n_options = 0;
			for (size_t s = 0; s < N_SCHEDULES; s++)
				if (schedules[s].track == want)
					options[n_options++] = s;
			const struct schedule *sc = &schedules[options[rng_below(&r, (uint32_t)n_options)]];
			struct slot tmp[8];
			size_t ns = schedule_slots(g, sc->days, sc->start, sc->end, sc->label, tmp);
			gr->slots = slots_copy(g, tmp, ns);
			gr->n_slots = gr->slots ? ns : 0;
			double hours = 0;
			for (size_t s = 0; s < ns; s++)
				hours += tmp[s].timed ? (tmp[s].end - tmp[s].start) / 60.0 : LABEL_HOURS;
			gr->hours = hours;

			double u = rng_unit(&r);
			if (u < 0.70) {
				gr->min_size = c->settings.min_size;
				gr->max_size = c->settings.max_size;
			} else if (u < 0.90) {
				gr->min_size = c->settings.min_size;
				gr->max_size = c->settings.max_size > 12 ? 12 : c->settings.max_size;
			} else {
				gr->min_size = c->settings.min_size > 6 ? 6 : c->settings.min_size;
				gr->max_size = c->settings.max_size > 12 ? 12 : c->settings.max_size;
			}
			if (gr->max_size < gr->min_size)
				gr->max_size = gr->min_size;
		}
	}

	/* Specialty groups, each small and with its own tag. */
	static const struct { const char *tag; double share; int from; unsigned types; } special[] = {
		{ "women", 0.08, 8, 1u << T_SKILLS | 1u << T_SUPPORT | 1u << T_COMMUNICATION },
		{ "cooccurring", 0.08, 8, 1u << T_EDUCATION | 1u << T_SKILLS },
		{ "spanish", 0.05, 12, 1u << T_SKILLS | 1u << T_SUPPORT },
	};
	for (size_t s = 0; s < sizeof special / sizeof special[0]; s++) {
		int want = (int)(n_groups * special[s].share);
		if (want < 1 && n_groups >= special[s].from)
			want = 1;
		for (int tries = 0; want > 0 && tries < 50 * n_groups; tries++) {
			struct group *gr = &c->groups[rng_below(&r, (uint32_t)n_groups)];
			if (gr->n_requires || !(special[s].types & (1u << gr->type)))
				continue;
			gr->requires = gen_calloc(g, 1, sizeof *gr->requires);
			if (!gr->requires)
				return;
			gr->requires[0] = gen_strdup(g, special[s].tag);
			gr->n_requires = 1;
			gr->min_size = c->settings.min_size > 5 ? 5 : c->settings.min_size;
			gr->max_size = c->settings.max_size > 10 ? 10 : c->settings.max_size;
			if (gr->max_size < gr->min_size)
				gr->max_size = gr->min_size;
			want--;
		}
	}
	if (g->oom)
		return;

	/* Facilitators: each takes groups (in a random order) up to their own
	 * load of 2-4, never two that clash; a few groups are peer-led. */
	enum { MAX_LOAD = 4 };
	int *order = gen_calloc(g, (size_t)n_groups, sizeof *order);
	int *fac_of = gen_calloc(g, (size_t)n_groups, sizeof *fac_of);
	int *load = gen_calloc(g, (size_t)n_groups, sizeof *load);
	int *cap = gen_calloc(g, (size_t)n_groups, sizeof *cap);
	int *runs = gen_calloc(g, (size_t)n_groups * MAX_LOAD, sizeof *runs);
	if (!order || !fac_of || !load || !cap || !runs)
		goto done;
	for (int i = 0; i < n_groups; i++)
		order[i] = i;
	rng_shuffle(&r, order, (size_t)n_groups);
	int n_fac = 0;
	for (int i = 0; i < n_groups; i++) {
		int gi = order[i];
		fac_of[gi] = -1;
		if (rng_chance(&r, 0.05))
			continue;
		int f;
		for (f = 0; f < n_fac; f++) {
			bool ok = load[f] < cap[f];
			for (int j = 0; j < load[f] && ok; j++)
				ok = !groups_clash(&c->groups[gi], &c->groups[runs[f * MAX_LOAD + j]]);
			if (ok)
				break;
		}
		if (f == n_fac) {
			cap[n_fac] = rng_range(&r, 2, MAX_LOAD);
			n_fac++;
		}
		fac_of[gi] = f;
		runs[f * MAX_LOAD + load[f]] = gi;
		load[f]++;
	}
	int offset = (int)rng_below(&r, (uint32_t)(N_SURNAMES * N_INITIALS));
	for (int gi = 0; gi < n_groups; gi++) {
		int f = fac_of[gi];
		if (f < 0)
			continue;
		char name[64];
		/* 7 is prime to 13 * 40 and 13 to 40: f -> (initial, surname) is
		 * one to one, so no two facilitators share a name. */
		size_t nk = ((size_t)f * 7 + (size_t)offset) % (N_SURNAMES * N_INITIALS);
		if ((size_t)f < N_SURNAMES * N_INITIALS)
			snprintf(name, sizeof name, "%c. %s", staff_initials[nk % N_INITIALS],
				 staff_surnames[nk % N_SURNAMES]);
		else
			snprintf(name, sizeof name, "Staff %d", f + 1);
		c->groups[gi].facilitator = gen_strdup(g, name);
	}
done:
	free(order);
	free(fac_of);
	free(load);
	free(cap);
	free(runs);
}

static void add_tag(char **tags, size_t *n, struct gen *g, const char *tag)
{
	tags[*n] = gen_strdup(g, tag);
	if (tags[*n])
		(*n)++;
}

static void make_patient(struct gen *g, struct rng *r, size_t i, int width)
{
	struct clinic *c = g->c;
	struct patient *p = &c->patients[i];
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

	/* When they can come. */
	struct slot tmp[8];
	size_t nw = 0;
	double u = rng_unit(r);
	bool worker = false;
	if (u < 0.50) {
		nw = 0; /* any time */
	} else if (u < 0.72) {
		worker = true; /* works days: evenings only, some Saturdays */
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

	p->hours_min = c->settings.hours_min;
	p->hours_max = c->settings.hours_max;
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

	/* Tags, kept lower-case, sorted and unique as clinic_load keeps them. */
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

	/* Needs follow one overall severity: newer patients need more
	 * education, co-occurring disorders raise skills and support, and
	 * communication tracks support. */
	p->need = gen_calloc(g, N_TYPES, sizeof *p->need);
	if (p->need) {
		double s = (rng_unit(r) + rng_unit(r)) / 2;
		if (cooc)
			s = s + 0.15 > 1 ? 1 : s + 0.15;
		int weeks_in = (week - p->admitted) / 7;
		double support = 0.6 + 2.6 * s + (cooc ? 0.5 : 0) + rng_between(r, -1, 1);
		p->need[T_EDUCATION] = rated_need(0.8 + 2.4 * s + (weeks_in < 4 ? 0.7 : 0) + rng_between(r, -0.9, 0.9));
		p->need[T_SKILLS] = rated_need(0.4 + 3.0 * s + (cooc ? 0.4 : 0) + rng_between(r, -1, 1));
		p->need[T_SUPPORT] = rated_need(support);
		p->need[T_COMMUNICATION] = rated_need(0.5 * support + 0.8 * s + rng_between(r, -1, 1));
	}

	/* Absences: a court date, a short hospital stay, and now and then a
	 * trip that covers the whole planned week. */
	if (rng_chance(r, 0.12)) {
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

}

/* Names come from their own stream: --names adds a column and changes
 * nothing else about the clinic. A few redraws keep names distinct while
 * there are enough (two "Deja R." in one group confuse everyone). */
#define N_WOMEN_NAMES (sizeof women_names / sizeof women_names[0])
#define N_MEN_NAMES (sizeof men_names / sizeof men_names[0])
#define N_NAME_INITIALS (sizeof initials - 1)

static void make_names(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = rng_stream(g->opt, 6);
	size_t n_combos = (N_WOMEN_NAMES + N_MEN_NAMES) * N_NAME_INITIALS;
	bool *used = gen_calloc(g, n_combos, sizeof *used);
	if (!used)
		return;
	for (size_t i = 0; i < c->n_patients && !g->oom; i++) {
		struct patient *p = &c->patients[i];
		bool women = false;
		for (size_t t = 0; t < p->n_tags; t++)
			women |= !strcmp(p->tags[t], "women");
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

static void make_patients(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = rng_stream(g->opt, 2);
	size_t n = (size_t)g->opt->patients;
	c->patients = gen_calloc(g, n, sizeof *c->patients);
	if (!c->patients)
		return;
	c->n_patients = n;
	int width = id_width(n, 3);
	for (size_t i = 0; i < n && !g->oom; i++)
		make_patient(g, &r, i, width);
}

struct progress_buf {
	struct progress_record *items;
	size_t n, cap;
};

static void progress_push(struct gen *g, struct progress_buf *b, int patient, int type,
			  day_t date, int score)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		struct progress_record *it = realloc(b->items, cap * sizeof *it);
		if (!it) {
			g->oom = true;
			return;
		}
		b->items = it;
		b->cap = cap;
	}
	b->items[b->n] = (struct progress_record){
		.patient = patient, .type = type, .date = date, .score = score,
		.line = (long)b->n + 2,
	};
	b->n++;
}

/* Weekly scores (on Fridays) for every rated need: low for severe needs,
 * rising at each patient's own pace, some past mastery. */
static void make_progress(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = rng_stream(g->opt, 3);
	struct progress_buf b = { 0 };
	int h = g->opt->history_weeks;
	for (size_t i = 0; i < c->n_patients && !g->oom; i++) {
		const struct patient *p = &c->patients[i];
		for (int t = 0; t < N_TYPES; t++) {
			if (p->need[t] == 0)
				continue;
			double start = 60 - 12 * p->need[t] + rng_between(&r, -8, 8);
			double gain = c->settings.progress_rate * rng_between(&r, 0.2, 0.7);
			int last = -1;
			for (int k = h; k >= 1; k--) {
				day_t date = g->opt->week - 7 * k + 4;
				double weeks = (date - p->admitted) / 7.0;
				if (weeks < 0.5 || rng_chance(&r, 0.15))
					continue;
				int score = clamp_int((int)(start + gain * weeks + rng_between(&r, -3, 3)), 0, 100);
				if (score < last)
					score = last;
				last = score;
				progress_push(g, &b, (int)i, t, date, score);
			}
		}
	}
	c->progress = b.items;
	c->n_progress = b.n;
}

/* clinic_find_patient / clinic_find_group search these, as after a load. */
static void make_indexes(struct gen *g)
{
	if (!clinic_index_patients(g->c) || !clinic_index_groups(g->c))
		g->oom = true;
}

/* ---- last week's roster and what follows from it ---- */

/* Placements as per-patient group lists and group sizes, for one week. */
struct plan {
	const struct week *w;
	int *size;      /* [group] members */
	double *hours;  /* [a] assigned hours */
	int *of;        /* [a * N_TYPES + t] group of type t, or -1 */
};

static bool plan_init(struct gen *g, struct plan *pl, const struct week *w)
{
	pl->w = w;
	pl->size = gen_calloc(g, w->n_groups, sizeof *pl->size);
	pl->hours = gen_calloc(g, w->n_active, sizeof *pl->hours);
	pl->of = gen_calloc(g, w->n_active * N_TYPES, sizeof *pl->of);
	if (g->oom)
		return false;
	for (size_t i = 0; i < w->n_active * N_TYPES; i++)
		pl->of[i] = -1;
	return true;
}

static void plan_release(struct plan *pl)
{
	free(pl->size);
	free(pl->hours);
	free(pl->of);
}

/* Could active patient a join group gi without breaking rules 1-5? */
static bool plan_can_join(const struct plan *pl, int a, int gi)
{
	const struct week *w = pl->w;
	const struct clinic *c = w->clinic;
	const struct group *gr = &c->groups[gi];
	if (!w->eligible[week_ag(w, a, gi)] || pl->of[a * N_TYPES + gr->type] >= 0)
		return false;
	if (pl->size[gi] >= gr->max_size)
		return false;
	if (pl->hours[a] + gr->hours > c->patients[w->active[a]].hours_max + 1e-9)
		return false;
	for (int t = 0; t < N_TYPES; t++) {
		int h = pl->of[a * N_TYPES + t];
		if (h >= 0 && w->clash[(size_t)gi * w->n_groups + (size_t)h])
			return false;
	}
	return true;
}

static void plan_join(struct plan *pl, int a, int gi)
{
	const struct group *gr = &pl->w->clinic->groups[gi];
	pl->of[a * N_TYPES + gr->type] = gi;
	pl->size[gi]++;
	pl->hours[a] += gr->hours;
}

/* Removes everyone from groups that did not reach their minimum (rule 2). */
static void plan_drop_small(struct plan *pl)
{
	const struct week *w = pl->w;
	const struct clinic *c = w->clinic;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++) {
			int gi = pl->of[a * N_TYPES + t];
			if (gi >= 0 && pl->size[gi] < c->groups[gi].min_size) {
				pl->of[a * N_TYPES + t] = -1;
				pl->hours[a] -= c->groups[gi].hours;
			}
		}
	for (size_t gi = 0; gi < w->n_groups; gi++)
		if (pl->size[gi] < c->groups[gi].min_size)
			pl->size[gi] = 0;
}

static bool plan_to_roster(struct gen *g, const struct plan *pl, struct roster *out)
{
	const struct week *w = pl->w;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++) {
			int gi = pl->of[a * N_TYPES + t];
			if (gi >= 0 && !roster_add(out, w->active[a], gi, 0)) {
				g->oom = true;
				return false;
			}
		}
	roster_sort(out, w->clinic);
	return true;
}

struct candidate { int a; int alternatives; int need; uint32_t tie; };

static int cmp_candidate(const void *x, const void *y)
{
	const struct candidate *p = x, *q = y;
	if (p->alternatives != q->alternatives)
		return p->alternatives < q->alternatives ? -1 : 1;
	if (p->need != q->need)
		return p->need > q->need ? -1 : 1;
	return p->tie < q->tie ? -1 : p->tie > q->tie;
}

/* A plausible roster for the week, built the way a coordinator would:
 * the most constrained groups first, each opened with its minimum of the
 * patients who have the fewest other options (and the greatest need);
 * then every patient still missing a type joins the emptiest running group
 * of it that fits. Only rules 1-5 matter here: there are no pins or
 * separations yet, and facilitators never clash. Groups that cannot reach
 * their minimum never open, so rule 2 holds throughout. */
static void make_previous_plan(struct gen *g, struct plan *pl, struct rng *r)
{
	const struct week *w = pl->w;
	const struct clinic *c = w->clinic;
	size_t na = w->n_active, ng = c->n_groups;
	int *alternatives = gen_calloc(g, na * N_TYPES, sizeof *alternatives);
	struct candidate *cand = gen_calloc(g, na, sizeof *cand);
	struct candidate *order = gen_calloc(g, ng, sizeof *order);
	if (g->oom)
		goto done;
	for (size_t a = 0; a < na; a++)
		for (size_t gi = 0; gi < ng; gi++)
			if (w->eligible[week_ag(w, (int)a, (int)gi)])
				alternatives[a * N_TYPES + (size_t)c->groups[gi].type]++;

	/* Groups by how many patients could join them, fewest first. */
	for (size_t gi = 0; gi < ng; gi++) {
		int n = 0;
		for (size_t a = 0; a < na; a++)
			n += w->eligible[week_ag(w, (int)a, (int)gi)];
		order[gi] = (struct candidate){ .a = (int)gi, .alternatives = n, .tie = (uint32_t)rng_next(r) };
	}
	qsort(order, ng, sizeof *order, cmp_candidate);

	for (size_t k = 0; k < ng; k++) {
		int gi = order[k].a;
		const struct group *gr = &c->groups[gi];
		size_t n = 0;
		for (size_t a = 0; a < na; a++)
			if (plan_can_join(pl, (int)a, gi))
				cand[n++] = (struct candidate){
					.a = (int)a,
					.alternatives = alternatives[a * N_TYPES + (size_t)gr->type],
					.need = w->need[a * N_TYPES + (size_t)gr->type],
					.tie = (uint32_t)rng_next(r),
				};
		if (n < (size_t)gr->min_size)
			continue;
		qsort(cand, n, sizeof *cand, cmp_candidate);
		for (int i = 0; i < gr->min_size; i++)
			plan_join(pl, cand[i].a, gi);
	}

	/* Fill up: patients in a random order, most severe need first. */
	int *pat = gen_calloc(g, na, sizeof *pat);
	if (!pat)
		goto done;
	for (size_t a = 0; a < na; a++)
		pat[a] = (int)a;
	rng_shuffle(r, pat, na);
	for (size_t i = 0; i < na; i++) {
		int a = pat[i];
		for (int need = NEED_MAX; need >= 1; need--)
			for (int t = 0; t < N_TYPES; t++) {
				if (w->need[(size_t)a * N_TYPES + (size_t)t] != need)
					continue;
				int best = -1;
				for (size_t gi = 0; gi < ng; gi++) {
					if (c->groups[gi].type != t || pl->size[gi] == 0 ||
					    !plan_can_join(pl, a, (int)gi))
						continue;
					if (best < 0 || pl->size[gi] < pl->size[best])
						best = (int)gi;
				}
				if (best >= 0)
					plan_join(pl, a, best);
			}
	}
	free(pat);
done:
	free(alternatives);
	free(cand);
	free(order);
}

/* Keeps from `prev` (a roster for an earlier week) the pairs eligible in
 * pl's week, then cancels groups below their minimum. What is left breaks
 * no hard rule in pl's week: every subset of a valid roster keeps rules
 * 3-6 and 8, eligibility is checked, and rule 2 by the drop. */
static void make_certificate(struct plan *pl, const struct roster *prev)
{
	const struct week *w = pl->w;
	for (size_t i = 0; i < prev->n; i++) {
		int a = w->active_of[prev->items[i].patient];
		int gi = prev->items[i].group;
		if (a >= 0 && w->eligible[week_ag(w, a, gi)])
			plan_join(pl, a, gi);
	}
	plan_drop_small(pl);
}

static bool roster_shares_group(const struct roster *r, int pa, int pb)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->items[i].patient != pa)
			continue;
		if (roster_contains(r, pb, r->items[i].group))
			return true;
	}
	return false;
}

/* Separations between patients who were not together last week (so the
 * previous roster and the week's certificate both keep rule 6), and pins:
 * `must` only where the certificate already has the pair (at most one per
 * patient, two per group), `never` only on pairs absent from last week. */
static void make_pins_and_separations(struct gen *g, const struct roster *prev,
				      const struct plan *cert)
{
	struct clinic *c = g->c;
	const struct week *w = cert->w;
	struct rng r = rng_stream(g->opt, 5);
	size_t n = c->n_patients;

	size_t want_sep = n >= 8 ? (n / 15 > 0 ? n / 15 : 1) : 0;
	c->separations = gen_calloc(g, want_sep, sizeof *c->separations);
	if (!c->separations)
		return;
	for (size_t tries = 0; c->n_separations < want_sep && tries < 100 * want_sep + 100; tries++) {
		int pa = (int)rng_below(&r, (uint32_t)n), pb = (int)rng_below(&r, (uint32_t)n);
		if (pa == pb || roster_shares_group(prev, pa, pb))
			continue;
		bool dup = false;
		for (size_t s = 0; s < c->n_separations && !dup; s++) {
			const struct separation *x = &c->separations[s];
			dup = (x->a == pa && x->b == pb) || (x->a == pb && x->b == pa);
		}
		if (dup)
			continue;
		if (pa > pb) { /* files list the lower id first, like a clinician would */
			int t = pa;
			pa = pb;
			pb = t;
		}
		c->separations[c->n_separations] = (struct separation){
			.a = pa, .b = pb, .line = (long)c->n_separations + 2,
		};
		c->n_separations++;
	}

	size_t want_must = n >= 10 ? (n / 25 > 0 ? n / 25 : 1) : 0;
	size_t want_never = n >= 10 ? (n / 30 > 0 ? n / 30 : 1) : 0;
	c->pins = gen_calloc(g, want_must + want_never, sizeof *c->pins);
	int *musts_in = gen_calloc(g, c->n_groups, sizeof *musts_in);
	bool *has_must = gen_calloc(g, n, sizeof *has_must);
	if (g->oom)
		goto done;

	/* Candidate must pins: the certificate's pairs, in a random order. */
	size_t n_cand = 0;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++)
			n_cand += cert->of[a * N_TYPES + t] >= 0;
	int *cand = gen_calloc(g, n_cand, sizeof *cand);
	if (!cand)
		goto done;
	n_cand = 0;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++)
			if (cert->of[a * N_TYPES + t] >= 0)
				cand[n_cand++] = (int)a * N_TYPES + t;
	rng_shuffle(&r, cand, n_cand);
	size_t musts = 0;
	for (size_t i = 0; i < n_cand && musts < want_must; i++) {
		int a = cand[i] / N_TYPES;
		int gi = cert->of[cand[i]];
		int p = w->active[a];
		if (has_must[p] || musts_in[gi] >= 2)
			continue;
		has_must[p] = true;
		musts_in[gi]++;
		c->pins[c->n_pins] = (struct pin){ .patient = p, .group = gi, .rule = PIN_MUST };
		c->n_pins++;
		musts++;
	}
	free(cand);

	size_t nevers = 0;
	for (size_t tries = 0; nevers < want_never && w->n_active && tries < 200 * want_never; tries++) {
		int a = (int)rng_below(&r, (uint32_t)w->n_active);
		int gi = (int)rng_below(&r, (uint32_t)c->n_groups);
		int p = w->active[a];
		if (!w->fits[week_ag(w, a, gi)] || roster_contains(prev, p, gi))
			continue;
		bool dup = false;
		for (size_t k = 0; k < c->n_pins && !dup; k++)
			dup = c->pins[k].patient == p && c->pins[k].group == gi;
		if (dup)
			continue;
		c->pins[c->n_pins] = (struct pin){ .patient = p, .group = gi, .rule = PIN_NEVER };
		c->n_pins++;
		nevers++;
	}
	for (size_t k = 0; k < c->n_pins; k++)
		c->pins[k].line = (long)k + 2;
done:
	free(musts_in);
	free(has_must);
}

void generate_options_init(struct generate_options *opt)
{
	*opt = (struct generate_options){
		.patients = 60, .seed = 1, .week = DAY_NONE, .history_weeks = 4,
		.with_names = false,
	};
}

bool generate_size_named(const char *name, int *patients)
{
	static const struct { const char *name; int patients; } sizes[] = {
		{ "tiny", 12 }, { "S", 60 }, { "M", 200 }, { "L", 1000 }, { "XL", 5000 },
	};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (name && !strcasecmp(name, sizes[i].name)) {
			*patients = sizes[i].patients;
			return true;
		}
	return false;
}

enum status generate_clinic(const struct generate_options *opt,
			    struct clinic *out, struct roster *previous,
			    struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	if (previous)
		memset(previous, 0, sizeof *previous);
	if (opt->patients < 1 || opt->patients > 1000000) {
		diag_error(diag, NULL, 0, 0, NULL, "patients '%d' is not in 1..1000000", opt->patients);
		return STATUS_USAGE;
	}
	if (opt->week == DAY_NONE || !date_is_monday(opt->week)) {
		diag_error(diag, NULL, 0, 0, NULL, "the week must be a monday");
		return STATUS_USAGE;
	}

	struct generate_options o = *opt;
	if (o.history_weeks < 0)
		o.history_weeks = 0;
	struct gen g = { .opt = &o, .c = out };
	struct roster prev = { 0 };
	struct week w_prev = { 0 }, w_now = { 0 };
	struct plan pl_prev = { 0 }, pl_now = { 0 };
	enum status st = STATUS_OK;

	settings_init(&out->settings);
	/* A dozen patients cannot fill groups of eight: a tiny clinic runs
	 * small groups (and shows settings.csv at work). */
	if (o.patients < 30) {
		out->settings.min_size = 4;
		out->settings.max_size = 10;
	}
	make_types(&g);
	if (!g.oom)
		make_groups(&g);
	if (!g.oom)
		make_patients(&g);
	if (!g.oom && o.with_names)
		make_names(&g);
	if (!g.oom)
		make_progress(&g);
	if (!g.oom)
		make_indexes(&g);
	if (g.oom)
		goto fail;

	/* Last week's roster, resolved exactly as the rule checker will. */
	st = week_resolve(out, o.week - 7, NULL, NULL, &w_prev, diag);
	if (st != STATUS_OK)
		goto fail;
	struct rng r = rng_stream(&o, 4);
	if (!plan_init(&g, &pl_prev, &w_prev))
		goto fail;
	make_previous_plan(&g, &pl_prev, &r);
	if (g.oom || !plan_to_roster(&g, &pl_prev, &prev))
		goto fail;

	st = week_resolve(out, o.week, NULL, NULL, &w_now, diag);
	if (st != STATUS_OK)
		goto fail;
	if (!plan_init(&g, &pl_now, &w_now))
		goto fail;
	make_certificate(&pl_now, &prev);
	make_pins_and_separations(&g, &prev, &pl_now);
	if (g.oom)
		goto fail;

	plan_release(&pl_prev);
	plan_release(&pl_now);
	week_release(&w_prev);
	week_release(&w_now);
	if (previous)
		*previous = prev;
	else
		roster_release(&prev);
	return STATUS_OK;

fail:
	if (st == STATUS_OK) {
		st = STATUS_NO_MEMORY;
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
	}
	plan_release(&pl_prev);
	plan_release(&pl_now);
	week_release(&w_prev);
	week_release(&w_now);
	roster_release(&prev);
	clinic_release(out);
	return st;
}

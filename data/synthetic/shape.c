/* shape.c -- the program's shape: group types, the week's groups with their
 * times and sizes, specialty groups, and the facilitators who run them. */
#include "synthetic.h"

#include <stdio.h>
#include <stdlib.h>

#include "data/fit.h"

static const char *const type_names[N_TYPES] = {
	"education", "skills", "support", "communication",
};
static const char *const type_prefix[N_TYPES] = { "edu", "skl", "sup", "com" };
/* Share of the week's groups by type: skills groups are the program's core. */
static const double type_share[N_TYPES] = { 0.25, 0.30, 0.25, 0.20 };

enum track { TRACK_MORNING, TRACK_AFTERNOON, TRACK_EVENING, TRACK_WEEKEND };

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

void synth_types(struct gen *g)
{
	struct clinic *c = g->c;
	c->type_names = gen_calloc(g, N_TYPES, sizeof *c->type_names);
	if (!c->type_names)
		return;
	c->n_types = N_TYPES;
	for (int t = 0; t < N_TYPES; t++)
		c->type_names[t] = gen_strdup(g, type_names[t]);
}

/* Groups per type for ~1 group per 4 patients; returns the total. */
static int count_groups(int patients, int count[N_TYPES])
{
	int n_groups = (patients + 2) / 4;
	if (n_groups < N_TYPES)
		n_groups = N_TYPES;
	int sum = 0;
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
	return sum;
}

void synth_group_id(struct gen *g, size_t k, int t, const char *prefix, int i, int width)
{
	struct group *gr = &g->c->groups[k];
	char id[32];
	snprintf(id, sizeof id, "%s-%0*d", prefix ? prefix : type_prefix[t], width, i + 1);
	gr->id = gen_strdup(g, id);
	gr->type = t;
	gr->line = (long)k + 2;
}

void synth_group_sizes(struct gen *g, struct rng *r, struct group *gr)
{
	const struct settings *settings = &g->c->settings;
	double u = rng_unit(r);
	if (u < 0.70) {
		gr->min_size = settings->min_size;
		gr->max_size = settings->max_size;
	} else if (u < 0.90) {
		gr->min_size = settings->min_size;
		gr->max_size = settings->max_size > 12 ? 12 : settings->max_size;
	} else {
		gr->min_size = settings->min_size > 6 ? 6 : settings->min_size;
		gr->max_size = settings->max_size > 12 ? 12 : settings->max_size;
	}
	if (gr->max_size < gr->min_size)
		gr->max_size = gr->min_size;
}

/* Group `k`, number i + 1 of type t, meeting in the track the pattern
 * gives at i + offset, mostly at the default sizes. */
static void make_group(struct gen *g, struct rng *r, size_t k, int t, int i,
		       int offset, int width)
{
	struct group *gr = &g->c->groups[k];
	synth_group_id(g, k, t, NULL, i, width);

	enum track want = track_pattern[(size_t)(i + offset) % N_PATTERN];
	size_t options[N_SCHEDULES], n_options = 0;
	for (size_t s = 0; s < N_SCHEDULES; s++)
		if (schedules[s].track == want)
			options[n_options++] = s;
	const struct schedule *sc = &schedules[options[rng_below(r, (uint32_t)n_options)]];
	struct slot tmp[8];
	size_t ns = schedule_slots(g, sc->days, sc->start, sc->end, sc->label, tmp);
	gr->slots = slots_copy(g, tmp, ns);
	gr->n_slots = gr->slots ? ns : 0;
	double hours = 0;
	for (size_t s = 0; s < ns; s++)
		hours += tmp[s].timed ? (tmp[s].end - tmp[s].start) / 60.0 : LABEL_HOURS;
	gr->hours = hours;
	synth_group_sizes(g, r, gr);
}

/* Specialty groups, each small and with its own tag. */
static void add_specialties(struct gen *g, struct rng *r)
{
	static const struct { const char *tag; double share; int from; unsigned types; } special[] = {
		{ "women", 0.08, 8, 1u << T_SKILLS | 1u << T_SUPPORT | 1u << T_COMMUNICATION },
		{ "cooccurring", 0.08, 8, 1u << T_EDUCATION | 1u << T_SKILLS },
		{ "spanish", 0.05, 12, 1u << T_SKILLS | 1u << T_SUPPORT },
	};
	const struct settings *settings = &g->c->settings;
	int n_groups = (int)g->c->n_groups;
	for (size_t s = 0; s < sizeof special / sizeof special[0]; s++) {
		int want = (int)(n_groups * special[s].share);
		if (want < 1 && n_groups >= special[s].from)
			want = 1;
		for (int tries = 0; want > 0 && tries < 50 * n_groups; tries++) {
			struct group *gr = &g->c->groups[rng_below(r, (uint32_t)n_groups)];
			/* orientation takes every new patient */
			if (gr->n_requires || (gr->has_weeks_to && gr->weeks_to == 0) ||
			    !(special[s].types & (1u << gr->type)))
				continue;
			gr->requires = gen_calloc(g, 1, sizeof *gr->requires);
			if (!gr->requires)
				return;
			gr->requires[0] = gen_strdup(g, special[s].tag);
			gr->n_requires = 1;
			gr->min_size = settings->min_size > 5 ? 5 : settings->min_size;
			gr->max_size = settings->max_size > 10 ? 10 : settings->max_size;
			if (gr->max_size < gr->min_size)
				gr->max_size = gr->min_size;
			want--;
		}
	}
}

enum { MAX_LOAD = 4 }; /* groups one facilitator runs at most */

/* Facilitators: each takes groups (in a random order) up to their own
 * load of 2-4, never two that clash; a few groups are peer-led (-1).
 * fac_of[group] gets the facilitator's number. */
static void assign_facilitators(struct gen *g, struct rng *r, int *fac_of)
{
	const struct clinic *c = g->c;
	int n_groups = (int)c->n_groups;
	int *order = gen_calloc(g, (size_t)n_groups, sizeof *order);
	int *load = gen_calloc(g, (size_t)n_groups, sizeof *load);
	int *cap = gen_calloc(g, (size_t)n_groups, sizeof *cap);
	int *runs = gen_calloc(g, (size_t)n_groups * MAX_LOAD, sizeof *runs);
	if (!order || !load || !cap || !runs)
		goto done;
	for (int i = 0; i < n_groups; i++)
		order[i] = i;
	rng_shuffle(r, order, (size_t)n_groups);
	int n_fac = 0;
	for (int i = 0; i < n_groups; i++) {
		int gi = order[i];
		fac_of[gi] = -1;
		if (rng_chance(r, 0.05))
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
			cap[n_fac] = rng_range(r, 2, MAX_LOAD);
			n_fac++;
		}
		fac_of[gi] = f;
		runs[f * MAX_LOAD + load[f]] = gi;
		load[f]++;
	}
done:
	free(order);
	free(load);
	free(cap);
	free(runs);
}

static void name_facilitators(struct gen *g, struct rng *r, const int *fac_of)
{
	int offset = (int)rng_below(r, (uint32_t)(N_SURNAMES * N_INITIALS));
	for (size_t gi = 0; gi < g->c->n_groups; gi++) {
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
		g->c->groups[gi].facilitator = gen_strdup(g, name);
	}
}

/* Groups: ~1 per 4 patients, spread over the types and the day, a few
 * women's / co-occurring / Spanish-language groups, and facilitators who
 * each run several groups that never clash. */
void synth_groups(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = synth_stream(g->opt, STREAM_GROUPS);
	int count[N_TYPES];
	int n_groups = count_groups(g->opt->patients, count);
	c->groups = gen_calloc(g, (size_t)n_groups, sizeof *c->groups);
	if (!c->groups)
		return;
	c->n_groups = (size_t)n_groups;

	if (g->opt->billing) {
		synth_block_groups(g, &r, count);
	} else {
		size_t k = 0;
		for (int t = 0; t < N_TYPES; t++) {
			int offset = rng_chance(&r, 0.5) ? 5 : 0; /* both begin morning, evening */
			int width = id_width((size_t)count[t], 2);
			for (int i = 0; i < count[t]; i++, k++)
				make_group(g, &r, k, t, i, offset, width);
		}
	}
	if (g->oom)
		return;
	add_specialties(g, &r);
	if (g->oom)
		return;
	int *fac_of = gen_calloc(g, (size_t)n_groups, sizeof *fac_of);
	if (!fac_of)
		return;
	assign_facilitators(g, &r, fac_of);
	if (!g->oom)
		name_facilitators(g, &r, fac_of);
	free(fac_of);
}

/* neighbourhood.c -- what one round of the neighbourhood search frees
 * (see neighbourhood.h). */
#include "neighbourhood.h"

#include <stdlib.h>
#include <string.h>

/* Shuffles v[0..n) and keeps the first k. */
static size_t sample(struct rng *s, int *v, size_t n, size_t k)
{
	for (size_t i = 0; i + 1 < n && i < k; i++) {
		size_t j = i + rng_mod(s, n - i);
		int t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
	return n < k ? n : k;
}

/* The most overlap first, then the lower index. */
static bool before(const int *overlap, int a, int b)
{
	if (overlap[a] != overlap[b])
		return overlap[a] > overlap[b];
	return a < b;
}

/* Keeps k->groups[0] (the seed) and, of the n - 1 others, those most of
 * the patients who may join the seed may also join; the last few places
 * drawn at random from the next best, so a seed is not always given the
 * same company. Returns how many. */
static size_t related_groups(struct nbhood *k, const struct model *m, struct rng *rng,
			     size_t n)
{
	size_t na = m->w->n_active, ng = m->w->n_groups;
	size_t seed = (size_t)k->groups[0];
	for (size_t i = 1; i < n; i++)
		k->overlap[k->groups[i]] = 0;
	for (size_t a = 0; a < na; a++) {
		if (m->x_col[a * ng + seed] < 0)
			continue;
		for (size_t i = 1; i < n; i++)
			if (m->x_col[a * ng + (size_t)k->groups[i]] >= 0)
				k->overlap[k->groups[i]]++;
	}
	for (size_t i = 2; i < n; i++) {
		int g = k->groups[i];
		size_t j = i;
		while (j > 1 && before(k->overlap, g, k->groups[j - 1])) {
			k->groups[j] = k->groups[j - 1];
			j--;
		}
		k->groups[j] = g;
	}
	size_t best = NB_GROUPS - NB_GROUPS / 4;
	if (n <= NB_GROUPS)
		return n;
	/* the rest from the next 2 x NB_GROUPS */
	size_t pool = n - best < 2 * NB_GROUPS ? n - best : 2 * NB_GROUPS;
	return best + sample(rng, k->groups + best, pool, NB_GROUPS - best);
}

/* A type, then some of its groups that can run; false when it has none. */
static bool choose_groups(struct nbhood *k, const struct model *m, struct rng *rng)
{
	const struct clinic *c = m->w->clinic;
	size_t ng = m->w->n_groups, n = 0;
	k->type = rng_mod(rng, m->w->n_types);
	for (size_t g = 0; g < ng; g++)
		if ((size_t)c->groups[g].type == k->type && m->y_col[g] >= 0)
			k->groups[n++] = (int)g;
	if (n == 0)
		return false;
	if (k->kind == NB_RELATED) {
		/* the seed first */
		size_t s = rng_mod(rng, n);
		int t = k->groups[0];
		k->groups[0] = k->groups[s];
		k->groups[s] = t;
		k->n_groups = related_groups(k, m, rng, n);
	} else {
		k->n_groups = sample(rng, k->groups, n, NB_GROUPS);
	}
	memset(k->chosen_g, 0, ng * sizeof *k->chosen_g);
	for (size_t i = 0; i < k->n_groups; i++)
		k->chosen_g[k->groups[i]] = true;
	return true;
}

/* The chosen groups' members, then a sample of others who could join. */
static void choose_patients(struct nbhood *k, const struct model *m, const bool *in,
			    struct rng *rng)
{
	size_t na = m->w->n_active, ng = m->w->n_groups, n = k->n_groups;
	size_t nm = 0, ne = 0;
	memset(k->chosen_a, 0, na * sizeof *k->chosen_a);
	for (size_t a = 0; a < na; a++)
		for (size_t i = 0; i < n; i++)
			if (in[a * ng + (size_t)k->groups[i]] && !k->chosen_a[a]) {
				k->chosen_a[a] = true;
				k->patients[nm++] = (int)a;
			}
	for (size_t a = 0; a < na; a++) {
		if (k->chosen_a[a])
			continue;
		for (size_t i = 0; i < n; i++)
			if (m->x_col[a * ng + (size_t)k->groups[i]] >= 0) {
				k->patients[nm + ne++] = (int)a;
				break;
			}
	}
	size_t room = NB_PATIENTS > nm ? NB_PATIENTS - nm : 0;
	ne = sample(rng, k->patients + nm, ne, room);
	k->n_patients = nm + ne;
	for (size_t i = nm; i < k->n_patients; i++)
		k->chosen_a[k->patients[i]] = true;
}

/* a's week in the roster: its day hours and billable days. */
static void billing_of(const struct model *m, const bool *in, size_t a, struct billing *b)
{
	size_t ng = m->w->n_groups;
	double dh[WEEK_DAYS] = { 0 };
	for (size_t g = 0; g < ng; g++)
		if (in[a * ng + g])
			for (size_t d = 0; d < WEEK_DAYS; d++)
				dh[d] += m->w->day_hours[g * WEEK_DAYS + d];
	week_billing_of_hours(m->w, dh, b);
}

/* Half the time while billing is on, a patient whose week may bill and
 * is one billable day short, drawn at random (their day is the one term
 * a neighbourhood of one type rarely reaches); else, or when there is
 * none, any patient. */
static int plan_seed(struct nbhood *k, const struct model *m, const bool *in,
		     struct rng *rng, struct billing *seed_bill)
{
	size_t na = m->w->n_active;
	int days = m->w->clinic->settings.billable_days;
	seed_bill->billable = true; /* no day to reach */
	if (m->bill_col == NULL || days <= 0 || rng_mod(rng, 2) == 0)
		return (int)rng_mod(rng, na);
	size_t n = 0;
	for (size_t a = 0; a < na; a++) {
		if (m->bill_col[a] < 0)
			continue;
		struct billing b;
		billing_of(m, in, a, &b);
		if (!b.billable && b.days + 1 == days)
			k->patients[n++] = (int)a;
	}
	if (n == 0)
		return (int)rng_mod(rng, na);
	int seed = k->patients[rng_mod(rng, n)];
	billing_of(m, in, (size_t)seed, seed_bill);
	return seed;
}

/* May a, one billable day short (b), join g to reach another day? */
static bool reaches_day(const struct model *m, size_t a, size_t g, const struct billing *b)
{
	if (b->billable || m->x_col[a * m->w->n_groups + g] < 0)
		return false;
	double need = m->w->clinic->settings.billable_day_hours;
	for (size_t d = 0; d < WEEK_DAYS; d++)
		if (m->w->day_hours[g * WEEK_DAYS + d] > 0 && b->day_hours[d] < need - 1e-6)
			return true;
	return false;
}

/* A patient, then others who share a group with one chosen before, a
 * few of each group's members at random, until NB_PLAN_PATIENTS; a seed
 * short of billing shares also the groups that would give it a day, so
 * their members can make room. */
static void choose_plans(struct nbhood *k, const struct model *m, const bool *in,
			 struct rng *rng)
{
	size_t na = m->w->n_active, ng = m->w->n_groups;
	k->n_groups = 0;
	size_t n = 0;
	struct billing seed_bill;
	int seed = plan_seed(k, m, in, rng, &seed_bill);
	memset(k->chosen_a, 0, na * sizeof *k->chosen_a);
	k->patients[n++] = seed;
	k->chosen_a[seed] = true;
	for (size_t i = 0; i < n && n < NB_PLAN_PATIENTS; i++) {
		size_t a = (size_t)k->patients[i];
		for (size_t g = 0; g < ng && n < NB_PLAN_PATIENTS; g++) {
			if (!in[a * ng + g] && (i > 0 || !reaches_day(m, a, g, &seed_bill)))
				continue;
			/* the group's other members, past the list's end */
			size_t nm = 0;
			for (size_t b = 0; b < na && n + nm < na; b++)
				if (in[b * ng + g] && !k->chosen_a[b])
					k->patients[n + nm++] = (int)b;
			size_t take = sample(rng, k->patients + n, nm, 3);
			for (size_t j = 0; j < take && n < NB_PLAN_PATIENTS; j++)
				k->chosen_a[k->patients[n++]] = true;
		}
	}
	k->n_patients = n;
}


bool nbhood_init(struct nbhood *nb, const struct week *w)
{
	memset(nb, 0, sizeof *nb);
	size_t na = w->n_active, ng = w->n_groups;
	nb->groups = malloc((ng + 1) * sizeof *nb->groups);
	nb->patients = malloc((na + 1) * sizeof *nb->patients);
	nb->chosen_g = calloc(ng + 1, sizeof *nb->chosen_g);
	nb->chosen_a = calloc(na + 1, sizeof *nb->chosen_a);
	nb->overlap = calloc(ng + 1, sizeof *nb->overlap);
	return nb->groups != NULL && nb->patients != NULL && nb->chosen_g != NULL &&
	       nb->chosen_a != NULL && nb->overlap != NULL;
}

void nbhood_release(struct nbhood *nb)
{
	free(nb->groups);
	free(nb->patients);
	free(nb->chosen_g);
	free(nb->chosen_a);
	free(nb->overlap);
	memset(nb, 0, sizeof *nb);
}

bool nbhood_choose(struct nbhood *nb, const struct model *m, const bool *in,
		   struct rng *rng, enum nb_kind kind)
{
	nb->kind = kind;
	if (kind == NB_PLANS) {
		memset(nb->chosen_g, 0, m->w->n_groups * sizeof *nb->chosen_g);
		choose_plans(nb, m, in, rng);
		return true;
	}
	if (!choose_groups(nb, m, rng))
		return false;
	choose_patients(nb, m, in, rng);
	return true;
}

/* pins.c -- the generator's separations and pins, chosen so that both last
 * week's roster and the part of it still valid this week keep every hard
 * rule: the generated week is always feasible (generate.h). */
#include "synthetic.h"

#include <stdlib.h>

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

/* Only between patients who were not together last week, so rule 6 holds
 * for last week's roster and every part of it. */
static void make_separations(struct gen *g, struct rng *r, const struct roster *prev)
{
	struct clinic *c = g->c;
	size_t n = c->n_patients;
	size_t want_sep = n >= 8 ? (n / 15 > 0 ? n / 15 : 1) : 0;
	c->separations = gen_calloc(g, want_sep, sizeof *c->separations);
	if (!c->separations)
		return;
	for (size_t tries = 0; c->n_separations < want_sep && tries < 100 * want_sep + 100; tries++) {
		int pa = (int)rng_below(r, (uint32_t)n), pb = (int)rng_below(r, (uint32_t)n);
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
}

/* `must` pins only on pairs the still-valid roster `valid` has, at most one
 * per patient and two per group, so that roster keeps rule 7. */
static void make_must_pins(struct gen *g, struct rng *r, const struct draft *valid,
			   size_t want_must)
{
	struct clinic *c = g->c;
	const struct week *w = valid->w;
	int *musts_in = gen_calloc(g, c->n_groups, sizeof *musts_in);
	bool *has_must = gen_calloc(g, c->n_patients, sizeof *has_must);
	int *cand = NULL;
	if (g->oom)
		goto done;

	/* Candidates: the valid roster's pairs, in a random order. */
	size_t n_cand = 0;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++)
			n_cand += valid->of[a * N_TYPES + t] >= 0;
	cand = gen_calloc(g, n_cand, sizeof *cand);
	if (!cand)
		goto done;
	n_cand = 0;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++)
			if (valid->of[a * N_TYPES + t] >= 0)
				cand[n_cand++] = (int)a * N_TYPES + t;
	rng_shuffle(r, cand, n_cand);
	size_t musts = 0;
	for (size_t i = 0; i < n_cand && musts < want_must; i++) {
		int a = cand[i] / N_TYPES;
		int gi = valid->of[cand[i]];
		int p = w->active[a];
		if (has_must[p] || musts_in[gi] >= 2)
			continue;
		has_must[p] = true;
		musts_in[gi]++;
		c->pins[c->n_pins] = (struct pin){ .patient = p, .group = gi, .rule = PIN_MUST };
		c->n_pins++;
		musts++;
	}
done:
	free(cand);
	free(musts_in);
	free(has_must);
}

/* `never` pins only on fitting pairs absent from last week's roster, so
 * neither roster breaks one. */
static void make_never_pins(struct gen *g, struct rng *r, const struct week *w,
			    const struct roster *prev, size_t want_never)
{
	struct clinic *c = g->c;
	size_t nevers = 0;
	for (size_t tries = 0; nevers < want_never && w->n_active && tries < 200 * want_never; tries++) {
		int a = (int)rng_below(r, (uint32_t)w->n_active);
		int gi = (int)rng_below(r, (uint32_t)c->n_groups);
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
}

void synth_separations_and_pins(struct gen *g, const struct week *week,
				const struct roster *prev)
{
	struct clinic *c = g->c;
	struct rng r = synth_stream(g->opt, STREAM_PINS);
	struct draft valid = { 0 };
	if (!draft_init(g, &valid, week))
		goto done;
	draft_keep_valid(&valid, prev);
	make_separations(g, &r, prev);
	if (g->oom)
		goto done;

	size_t n = c->n_patients;
	size_t want_must = n >= 10 ? (n / 25 > 0 ? n / 25 : 1) : 0;
	size_t want_never = n >= 10 ? (n / 30 > 0 ? n / 30 : 1) : 0;
	c->pins = gen_calloc(g, want_must + want_never, sizeof *c->pins);
	if (c->pins)
		make_must_pins(g, &r, &valid, want_must);
	if (g->oom)
		goto done;
	make_never_pins(g, &r, week, prev, want_never);
	for (size_t k = 0; k < c->n_pins; k++)
		c->pins[k].line = (long)k + 2;
done:
	draft_release(&valid);
}

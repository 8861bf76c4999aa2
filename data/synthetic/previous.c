/* previous.c -- the generator's last week's roster, built the way a
 * coordinator would by hand, and the part of it that still holds this week.
 *
 * The hard rules are read from the resolved week (eligible, clash), not
 * re-derived: the roster only has to be valid, not good, so a greedy
 * builder over the week's tables is enough and keeps generation fast at
 * XL sizes. */
#include "synthetic.h"

#include <stdlib.h>

bool draft_init(struct gen *g, struct draft *d, const struct week *w)
{
	d->w = w;
	d->size = gen_calloc(g, w->n_groups, sizeof *d->size);
	d->hours = gen_calloc(g, w->n_active, sizeof *d->hours);
	d->of = gen_calloc(g, w->n_active * N_TYPES, sizeof *d->of);
	if (g->oom)
		return false;
	for (size_t i = 0; i < w->n_active * N_TYPES; i++)
		d->of[i] = -1;
	return true;
}

void draft_release(struct draft *d)
{
	free(d->size);
	free(d->hours);
	free(d->of);
}

/* Could active patient a join group gi without breaking rules 1-5? */
static bool draft_can_join(const struct draft *d, int a, int gi)
{
	const struct week *w = d->w;
	const struct clinic *c = w->clinic;
	const struct group *gr = &c->groups[gi];
	if (!w->eligible[week_ag(w, a, gi)] || d->of[a * N_TYPES + gr->type] >= 0)
		return false;
	if (d->size[gi] >= gr->max_size)
		return false;
	if (d->hours[a] + gr->hours > c->patients[w->active[a]].hours_max + 1e-9)
		return false;
	for (int t = 0; t < N_TYPES; t++) {
		int h = d->of[a * N_TYPES + t];
		if (h >= 0 && w->clash[(size_t)gi * w->n_groups + (size_t)h])
			return false;
	}
	return true;
}

static void draft_join(struct draft *d, int a, int gi)
{
	const struct group *gr = &d->w->clinic->groups[gi];
	d->of[a * N_TYPES + gr->type] = gi;
	d->size[gi]++;
	d->hours[a] += gr->hours;
}

/* Removes everyone from groups that did not reach their minimum (rule 2). */
static void draft_drop_small(struct draft *d)
{
	const struct week *w = d->w;
	const struct clinic *c = w->clinic;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++) {
			int gi = d->of[a * N_TYPES + t];
			if (gi >= 0 && d->size[gi] < c->groups[gi].min_size) {
				d->of[a * N_TYPES + t] = -1;
				d->hours[a] -= c->groups[gi].hours;
			}
		}
	for (size_t gi = 0; gi < w->n_groups; gi++)
		if (d->size[gi] < c->groups[gi].min_size)
			d->size[gi] = 0;
}

static void draft_to_roster(struct gen *g, const struct draft *d, struct roster *out)
{
	const struct week *w = d->w;
	for (size_t a = 0; a < w->n_active; a++)
		for (int t = 0; t < N_TYPES; t++) {
			int gi = d->of[a * N_TYPES + t];
			if (gi >= 0 && !roster_add(out, w->active[a], gi, 0)) {
				g->oom = true;
				return;
			}
		}
	roster_sort(out, w->clinic);
}

/* A patient for a group, or a group in opening order. */
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

/* The most constrained groups first, each opened with its minimum of the
 * patients who have the fewest other options (and the greatest need).
 * Groups that cannot reach their minimum never open, so rule 2 holds. */
static void open_groups(struct gen *g, struct draft *d, struct rng *r)
{
	const struct week *w = d->w;
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
			if (draft_can_join(d, (int)a, gi))
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
			draft_join(d, cand[i].a, gi);
	}
done:
	free(alternatives);
	free(cand);
	free(order);
}

/* Patients in a random order, most severe need first, each joining the
 * emptiest open group of every type they still miss that fits. */
static void fill_groups(struct gen *g, struct draft *d, struct rng *r)
{
	const struct week *w = d->w;
	const struct clinic *c = w->clinic;
	size_t na = w->n_active, ng = c->n_groups;
	int *pat = gen_calloc(g, na, sizeof *pat);
	if (!pat)
		return;
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
					if (c->groups[gi].type != t || d->size[gi] == 0 ||
					    !draft_can_join(d, a, (int)gi))
						continue;
					if (best < 0 || d->size[gi] < d->size[best])
						best = (int)gi;
				}
				if (best >= 0)
					draft_join(d, a, best);
			}
	}
	free(pat);
}

/* Only rules 1-5 matter here: there are no pins or separations yet, and
 * facilitators never clash (shape.c). */
void synth_previous_roster(struct gen *g, const struct week *last_week, struct roster *out)
{
	struct rng r = synth_stream(g->opt, STREAM_PREVIOUS);
	struct draft d = { 0 };
	if (draft_init(g, &d, last_week)) {
		open_groups(g, &d, &r);
		if (!g->oom)
			fill_groups(g, &d, &r);
		if (!g->oom)
			draft_to_roster(g, &d, out);
	}
	draft_release(&d);
}

/* Every subset of a valid roster keeps rules 3-6 and 8, eligibility is
 * checked here, and rule 2 by the drop. */
void draft_keep_valid(struct draft *d, const struct roster *prev)
{
	const struct week *w = d->w;
	for (size_t i = 0; i < prev->n; i++) {
		int a = w->active_of[prev->items[i].patient];
		int gi = prev->items[i].group;
		if (a >= 0 && w->eligible[week_ag(w, a, gi)])
			draft_join(d, a, gi);
	}
	draft_drop_small(d);
}

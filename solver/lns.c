/* lns.c -- large-neighbourhood search over the compact model (see lns.h). */
#include "lns.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "colgen.h"
#include "glpk_wrap.h"
#include "model_part.h"
#include "neighbourhood.h"
#include "data/base/clock.h"
#include "data/base/grow.h"
#include "data/base/rng.h"
#include "work.h"

#define LNS_NODES 300
/* Ticks (work.h) one sub-MIP may use at most, about 5 s of a quiet core:
 * a count, so the cap falls at the same place on every machine. */
#define LNS_TICKS 5000000LL

/* One walk: the roster it improves, the neighbourhood of the round, and
 * the scratch every round reuses. */
struct walk {
	const struct model *m;
	struct heur *h;
	const struct lns_options *o;
	bool *in;                /* the roster, improved in place */
	double *value;
	struct rng rng;
	struct nbhood nb;        /* the round's neighbourhood */
	/* the columns the neighbourhood frees (repeats allowed) */
	int *free_cols;
	size_t n_free, cap_free;
	size_t cap_sub;          /* of map, sx and start */
	/* the roster as a point (n_cols + 1, kept in step with in[]); for
	 * the sub-model (at most n_free columns): the sub-MIP's start and
	 * answer, its columns in the full model */
	double *point, *start, *sx;
	int *map;
	bool *cand;              /* n_active * n_groups + 1 */
	struct model_part *part; /* builds the sub-models */
	long long round_ticks;   /* the work of the round under way */
	struct kind_record {
		int tried, better;
		double gain;
		long long ticks;
	} record[NB_KINDS];
};

static bool walk_alloc(struct walk *k)
{
	const struct model *m = k->m;
	size_t na = m->w->n_active, ng = m->w->n_groups;
	k->point = malloc((m->n_cols + 1) * sizeof *k->point);
	k->cand = calloc(na * ng + 1, sizeof *k->cand);
	k->part = model_part_new(m);
	bool nb = nbhood_init(&k->nb, m->w);
	if (k->point != NULL)
		model_point(m, k->in, k->point);
	return nb && k->point != NULL && k->part != NULL && k->cand != NULL;
}

static void walk_release(struct walk *k)
{
	free(k->point);
	free(k->free_cols);
	model_part_free(k->part);
	free(k->map);
	free(k->sx);
	free(k->start);
	nbhood_release(&k->nb);
	free(k->cand);
}

/* Out of time, stopped, or the roster reaches the proven bound. */
static bool walk_over(const struct walk *k)
{
	const struct lns_options *o = k->o;
	double value = *k->value;
	if (clock_seconds() >= o->deadline || (o->stop != NULL && *o->stop))
		return true;
	if (o->work != NULL && work_spent(o->work))
		return true;
	if (o->bound != HUGE_VAL && o->bound <= value + 1e-9 * fmax(1, fabs(value)))
		return true;
	return k->m->obj_step > 0 && o->bound < value + 0.5 * k->m->obj_step;
}

static bool free_col(struct walk *k, int j)
{
	if (!GROW(k->free_cols, k->n_free + 1, k->cap_free))
		return false;
	/* room for the sub-model's columns as the list grows */
	size_t cap = k->cap_sub, cap_sx = k->cap_sub, cap_start = k->cap_sub;
	if (!GROW(k->map, k->n_free + 1, cap) || !GROW(k->sx, k->n_free + 1, cap_sx) ||
	    !GROW(k->start, k->n_free + 1, cap_start))
		return false;
	k->cap_sub = cap;
	k->free_cols[k->n_free++] = j;
	return true;
}

/* Everything fixed at the roster, except the chosen patients' places in
 * the chosen groups and their group of the type. False: out of memory. */
static bool free_part(struct walk *k)
{
	const struct model *m = k->m;
	const struct clinic *c = m->w->clinic;
	size_t ng = m->w->n_groups;
	bool ok = true;
	k->n_free = 0;
	const struct nbhood *nb = &k->nb;
	for (size_t i = 0; i < nb->n_patients; i++) {
		size_t a = (size_t)nb->patients[i];
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			if (x < 0)
				continue;
			bool frees = nb->kind == NB_PLANS
				     ? k->in[a * ng + g] ||
					   (m->y_col[g] >= 0 && k->point[m->y_col[g]] > 0.5)
				     : nb->chosen_g[g] || (k->in[a * ng + g] &&
							   (size_t)c->groups[g].type == nb->type);
			if (frees) {
				ok &= free_col(k, x);
				if (m->m_col[g] >= 0)
					ok &= free_col(k, m->m_col[g]);
			}
		}
		if (m->s_col[a] >= 0)
			ok &= free_col(k, m->s_col[a]);
		/* their billable days follow their groups */
		if (m->bill_col != NULL && m->bill_col[a] >= 0) {
			ok &= free_col(k, m->bill_col[a]);
			for (size_t d = 0; d < WEEK_DAYS; d++)
				if (m->day_col[a * WEEK_DAYS + d] >= 0)
					ok &= free_col(k, m->day_col[a * WEEK_DAYS + d]);
		}
	}
	for (size_t i = 0; i < nb->n_groups; i++) {
		int y = m->y_col[nb->groups[i]];
		if (y >= 0 && m->cols[y].lb < 0.5)
			ok &= free_col(k, y);
	}
	return ok;
}

/* The sub-MIP's answer (sub_cols columns) as a roster, polished by the
 * heuristic; kept when it beats the walk's. */
static bool accept(struct walk *k, size_t sub_cols, int round)
{
	const struct model *m = k->m;
	size_t cells = m->w->n_active * m->w->n_groups;
	for (size_t j = 0; j < sub_cols; j++)
		k->point[k->map[j]] = k->sx[j];
	for (size_t i = 0; i < cells; i++) {
		int x = m->x_col[i];
		k->cand[i] = x >= 0 && k->point[x] > 0.5;
	}
	/* the point follows the roster again, whichever it is */
	for (size_t j = 0; j < sub_cols; j++)
		k->point[k->map[j]] = k->start[j];
	long long steps = heur_work_total(k->h);
	double v = heur_improve(k->h, k->cand, 20000 + 50 * (long)m->n_x / 10);
	long long ticks = work_heuristic(heur_work_total(k->h) - steps);
	k->round_ticks += ticks;
	if (k->o->work != NULL)
		work_charge(k->o->work, ticks);
	if (v > *k->value + 1e-9) {
		memcpy(k->in, k->cand, cells * sizeof *k->in);
		*k->value = v;
		model_point(m, k->in, k->point);
		if (k->o->log != NULL)
			fprintf(k->o->log, "lns: round %d score %.6g\n", round, v);
		return true;
	}
	return false;
}

/* Re-solves the free part exactly; *better when the roster improved. */
static enum status solve_part(struct walk *k, int round, bool *better)
{
	const struct model *m = k->m;
	*better = false;
	struct model sub;
	enum status st = model_part_restrict(k->part, k->point, k->free_cols, k->n_free, &sub,
					     k->map);
	if (st != STATUS_OK)
		return st;
	double before = 0;
	for (size_t j = 0; j < sub.n_cols; j++) {
		k->start[j] = k->point[k->map[j]];
		before += sub.cols[j].obj * k->start[j];
	}
	struct glpkw_params p;
	glpkw_params_init(&p);
	p.time_limit = fmax(0.001, k->o->deadline - clock_seconds());
	p.node_limit = LNS_NODES;
	p.work_limit = LNS_TICKS;
	if (k->o->work != NULL && work_left(k->o->work) < LNS_TICKS)
		p.work_limit = work_left(k->o->work) > 0 ? work_left(k->o->work) : 1;
	p.start = k->start;
	p.stop = k->o->stop;
	p.obj_step = m->obj_step;
	p.branch_y_first = true;
	struct glpkw_result r = { .x = k->sx };
	struct diag_list scratch = DIAG_LIST_INIT;
	st = glpkw_solve(&sub, &p, &r, &scratch);
	k->round_ticks += r.work;
	if (k->o->work != NULL)
		work_charge(k->o->work, r.work);
	diag_list_release(&scratch);
	size_t sub_cols = sub.n_cols;
	model_release(&sub);
	if (st != STATUS_OK)
		return STATUS_OK; /* a failed neighbourhood costs nothing but its time */
	if ((r.outcome != GLPKW_OPTIMAL && r.outcome != GLPKW_FEASIBLE) ||
	    r.obj <= before + 1e-7 * fmax(1, fabs(before)))
		return STATUS_OK;
	*better = accept(k, sub_cols, round);
	return STATUS_OK;
}

/* Rounds of each kind taken in turn before any is preferred. */
#define KIND_TRIALS 2
/* One round in this many takes the kinds in turn whatever they did. */
#define KIND_EXPLORE 8

/* The kind of the next round: each in turn at first (and now and then
 * after), else the one whose rounds gained the most per tick of work so
 * far. Counted work, not time: every run makes the same choices. */
static enum nb_kind next_kind(const struct walk *k, int round)
{
	if (round < KIND_TRIALS * NB_KINDS || round % KIND_EXPLORE == 0)
		return (enum nb_kind)(round % NB_KINDS);
	enum nb_kind best = NB_RANDOM;
	double best_rate = -1;
	for (int i = 0; i < NB_KINDS; i++) {
		const struct kind_record *r = &k->record[i];
		double rate = r->gain / (double)(r->ticks + 1);
		if (rate > best_rate) {
			best_rate = rate;
			best = (enum nb_kind)i;
		}
	}
	return best;
}

enum status lns_run(const struct model *m, struct heur *h, const struct lns_options *o,
		    bool *in, double *value, struct diag_list *diag)
{
	struct walk k = {
		.m = m, .h = h, .o = o, .in = in, .value = value,
		.rng = { .state = 0x10c5eedULL },
	};
	enum status st = STATUS_NO_MEMORY;
	if (!walk_alloc(&k))
		goto done;
	st = STATUS_OK;
	int accepted = 0, tried = 0;
	for (int round = 0; round < o->rounds; round++) {
		if (walk_over(&k))
			break;
		tried++;
		enum nb_kind kind = next_kind(&k, round);
		k.round_ticks = 0;
		double before = *value;
		if (!nbhood_choose(&k.nb, m, in, &k.rng, kind))
			continue;
		if (!free_part(&k)) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		bool better;
		st = solve_part(&k, round, &better);
		if (st != STATUS_OK)
			goto done;
		accepted += better;
		struct kind_record *r = &k.record[kind];
		r->tried++;
		r->better += better;
		r->gain += *value - before;
		r->ticks += k.round_ticks;
	}
	if (o->log != NULL) {
		static const char *const names[NB_KINDS] = { "random groups", "related groups",
							     "whole weeks" };
		fprintf(o->log, "lns: %d improvements in %d neighbourhoods\n", accepted, tried);
		for (int i = 0; i < NB_KINDS; i++)
			fprintf(o->log, "lns: %s: %d improved of %d, +%.6g, %lld ticks\n", names[i],
				k.record[i].better, k.record[i].tried, k.record[i].gain,
				k.record[i].ticks);
	}
done:
	walk_release(&k);
	(void)diag;
	return st;
}

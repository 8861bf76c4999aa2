/* lns.c -- large-neighbourhood search over the compact model (see lns.h). */
#include "lns.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "colgen.h"
#include "glpk_wrap.h"
#include "data/base/clock.h"
#include "data/base/rng.h"
#include "work.h"

/* Groups freed at once, and patients at most: small enough that GLPK
 * settles the part in a fraction of a second. */
#define LNS_GROUPS 8
#define LNS_PATIENTS 160
#define LNS_NODES 300
/* Ticks (work.h) one sub-MIP may use at most, about 5 s of a quiet core:
 * a count, so the cap falls at the same place on every machine. */
#define LNS_TICKS 5000000LL

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

/* One walk: the roster it improves, the neighbourhood of the round, and
 * the scratch every round reuses. */
struct walk {
	const struct model *m;
	struct heur *h;
	const struct lns_options *o;
	bool *in;                /* the roster, improved in place */
	double *value;
	struct rng rng;
	/* the neighbourhood: a type, some of its groups, the patients around */
	size_t type;
	int *groups;
	size_t n_groups;
	int *patients;           /* the groups' members first, then others */
	size_t n_patients;
	bool *chosen_g, *chosen_a;
	/* n_cols + 1 each: the roster as a point, its fixing, the sub-MIP's
	 * start and answer, the sub-model's columns in the full model */
	double *point, *fix, *start, *sx;
	int *map;
	bool *cand;              /* n_active * n_groups + 1 */
};

static bool walk_alloc(struct walk *k)
{
	const struct model *m = k->m;
	size_t na = m->w->n_active, ng = m->w->n_groups;
	k->point = malloc((m->n_cols + 1) * sizeof *k->point);
	k->fix = malloc((m->n_cols + 1) * sizeof *k->fix);
	k->map = malloc((m->n_cols + 1) * sizeof *k->map);
	k->sx = malloc((m->n_cols + 1) * sizeof *k->sx);
	k->start = malloc((m->n_cols + 1) * sizeof *k->start);
	k->groups = malloc((ng + 1) * sizeof *k->groups);
	k->patients = malloc((na + 1) * sizeof *k->patients);
	k->chosen_g = calloc(ng + 1, sizeof *k->chosen_g);
	k->chosen_a = calloc(na + 1, sizeof *k->chosen_a);
	k->cand = calloc(na * ng + 1, sizeof *k->cand);
	return k->point != NULL && k->fix != NULL && k->map != NULL && k->sx != NULL &&
	       k->start != NULL && k->groups != NULL && k->patients != NULL &&
	       k->chosen_g != NULL && k->chosen_a != NULL && k->cand != NULL;
}

static void walk_release(struct walk *k)
{
	free(k->point);
	free(k->fix);
	free(k->map);
	free(k->sx);
	free(k->start);
	free(k->groups);
	free(k->patients);
	free(k->chosen_g);
	free(k->chosen_a);
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

/* A type, then some of its groups that can run; false when it has none. */
static bool choose_groups(struct walk *k)
{
	const struct model *m = k->m;
	const struct clinic *c = m->w->clinic;
	size_t ng = m->w->n_groups, n = 0;
	k->type = rng_mod(&k->rng, m->w->n_types);
	for (size_t g = 0; g < ng; g++)
		if ((size_t)c->groups[g].type == k->type && m->y_col[g] >= 0)
			k->groups[n++] = (int)g;
	if (n == 0)
		return false;
	k->n_groups = sample(&k->rng, k->groups, n, LNS_GROUPS);
	memset(k->chosen_g, 0, ng * sizeof *k->chosen_g);
	for (size_t i = 0; i < k->n_groups; i++)
		k->chosen_g[k->groups[i]] = true;
	return true;
}

/* The chosen groups' members, then a sample of others who could join. */
static void choose_patients(struct walk *k)
{
	const struct model *m = k->m;
	size_t na = m->w->n_active, ng = m->w->n_groups, n = k->n_groups;
	size_t nm = 0, ne = 0;
	memset(k->chosen_a, 0, na * sizeof *k->chosen_a);
	for (size_t a = 0; a < na; a++)
		for (size_t i = 0; i < n; i++)
			if (k->in[a * ng + (size_t)k->groups[i]] && !k->chosen_a[a]) {
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
	size_t room = LNS_PATIENTS > nm ? LNS_PATIENTS - nm : 0;
	ne = sample(&k->rng, k->patients + nm, ne, room);
	k->n_patients = nm + ne;
	for (size_t i = nm; i < k->n_patients; i++)
		k->chosen_a[k->patients[i]] = true;
}

/* Everything fixed at the roster, except the chosen patients' places in
 * the chosen groups and their group of the type. */
static void fix_outside(struct walk *k)
{
	const struct model *m = k->m;
	const struct clinic *c = m->w->clinic;
	size_t ng = m->w->n_groups;
	model_point(m, k->in, k->point);
	memcpy(k->fix, k->point, m->n_cols * sizeof *k->fix);
	for (size_t i = 0; i < k->n_patients; i++) {
		size_t a = (size_t)k->patients[i];
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			if (x < 0)
				continue;
			if (k->chosen_g[g] ||
			    (k->in[a * ng + g] && (size_t)c->groups[g].type == k->type)) {
				k->fix[x] = NAN;
				if (m->m_col[g] >= 0)
					k->fix[m->m_col[g]] = NAN;
			}
		}
		if (m->s_col[a] >= 0)
			k->fix[m->s_col[a]] = NAN;
		/* their billable days follow their groups */
		if (m->bill_col != NULL && m->bill_col[a] >= 0) {
			k->fix[m->bill_col[a]] = NAN;
			for (size_t d = 0; d < WEEK_DAYS; d++)
				if (m->day_col[a * WEEK_DAYS + d] >= 0)
					k->fix[m->day_col[a * WEEK_DAYS + d]] = NAN;
		}
	}
	for (size_t i = 0; i < k->n_groups; i++) {
		int y = m->y_col[k->groups[i]];
		if (y >= 0 && m->cols[y].lb < 0.5)
			k->fix[y] = NAN;
	}
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
	long long steps = heur_work_total(k->h);
	double v = heur_improve(k->h, k->cand, 20000 + 50 * (long)m->n_x / 10);
	if (k->o->work != NULL)
		work_charge(k->o->work, work_heuristic(heur_work_total(k->h) - steps));
	if (v > *k->value + 1e-9) {
		memcpy(k->in, k->cand, cells * sizeof *k->in);
		*k->value = v;
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
	enum status st = model_restrict(m, k->fix, &sub, k->map);
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
	int accepted = 0;
	for (int round = 0; round < o->rounds; round++) {
		if (walk_over(&k))
			break;
		if (!choose_groups(&k))
			continue;
		choose_patients(&k);
		fix_outside(&k);
		bool better;
		st = solve_part(&k, round, &better);
		if (st != STATUS_OK)
			goto done;
		accepted += better;
	}
	if (o->log != NULL)
		fprintf(o->log, "lns: %d improvements\n", accepted);
done:
	walk_release(&k);
	(void)diag;
	return st;
}

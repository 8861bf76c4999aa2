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

/* Groups freed at once, and patients at most: small enough that GLPK
 * settles the part in a fraction of a second. */
#define LNS_GROUPS 8
#define LNS_PATIENTS 160
#define LNS_NODES 300
#define LNS_SECONDS 5.0

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

enum status lns_run(const struct model *m, struct heur *h, const struct lns_options *o,
		    bool *in, double *value, struct diag_list *diag)
{
	const struct week *w = m->w;
	const struct clinic *c = w->clinic;
	size_t na = w->n_active, ng = w->n_groups, nt = w->n_types;
	enum status st = STATUS_NO_MEMORY;
	double *point = malloc((m->n_cols + 1) * sizeof *point);
	double *fix = malloc((m->n_cols + 1) * sizeof *fix);
	int *map = malloc((m->n_cols + 1) * sizeof *map);
	double *sx = malloc((m->n_cols + 1) * sizeof *sx);
	double *start = malloc((m->n_cols + 1) * sizeof *start);
	int *groups = malloc((ng + 1) * sizeof *groups);
	int *patients = malloc((na + 1) * sizeof *patients);
	bool *chosen_g = calloc(ng + 1, sizeof *chosen_g);
	bool *chosen_a = calloc(na + 1, sizeof *chosen_a);
	bool *cand = calloc(na * ng + 1, sizeof *cand);
	if (point == NULL || fix == NULL || map == NULL || sx == NULL || start == NULL ||
	    groups == NULL || patients == NULL || chosen_g == NULL || chosen_a == NULL ||
	    cand == NULL)
		goto done;
	st = STATUS_OK;
	struct rng seed = { 0x10c5eedULL };
	int accepted = 0;
	for (int round = 0; round < o->rounds; round++) {
		if (clock_seconds() >= o->deadline || (o->stop != NULL && *o->stop))
			break;
		if (o->bound != HUGE_VAL && o->bound <= *value + 1e-9 * fmax(1, fabs(*value)))
			break;
		if (m->obj_step > 0 && o->bound < *value + 0.5 * m->obj_step)
			break;
		/* a type, then some of its groups that can run */
		size_t t = rng_mod(&seed, nt), n = 0;
		for (size_t g = 0; g < ng; g++)
			if ((size_t)c->groups[g].type == t && m->y_col[g] >= 0)
				groups[n++] = (int)g;
		if (n == 0)
			continue;
		n = sample(&seed, groups, n, LNS_GROUPS);
		memset(chosen_g, 0, ng * sizeof *chosen_g);
		for (size_t i = 0; i < n; i++)
			chosen_g[groups[i]] = true;
		/* their members first, then others who could join */
		size_t np = 0, nm = 0;
		memset(chosen_a, 0, na * sizeof *chosen_a);
		for (size_t a = 0; a < na; a++)
			for (size_t i = 0; i < n; i++)
				if (in[a * ng + (size_t)groups[i]] && !chosen_a[a]) {
					chosen_a[a] = true;
					patients[np++] = (int)a;
				}
		nm = np;
		size_t ne = 0;
		for (size_t a = 0; a < na; a++) {
			if (chosen_a[a])
				continue;
			for (size_t i = 0; i < n; i++)
				if (m->x_col[a * ng + (size_t)groups[i]] >= 0) {
					patients[nm + ne++] = (int)a;
					break;
				}
		}
		size_t room = LNS_PATIENTS > nm ? LNS_PATIENTS - nm : 0;
		ne = sample(&seed, patients + nm, ne, room);
		np = nm + ne;
		for (size_t i = nm; i < np; i++)
			chosen_a[patients[i]] = true;

		/* everything fixed at the roster, except the chosen patients'
		 * places in the chosen groups and their group of type t */
		model_point(m, in, point);
		memcpy(fix, point, m->n_cols * sizeof *fix);
		for (size_t i = 0; i < np; i++) {
			size_t a = (size_t)patients[i];
			for (size_t g = 0; g < ng; g++) {
				int x = m->x_col[a * ng + g];
				if (x < 0)
					continue;
				if (chosen_g[g] || (in[a * ng + g] && (size_t)c->groups[g].type == t)) {
					fix[x] = NAN;
					if (m->m_col[g] >= 0)
						fix[m->m_col[g]] = NAN;
				}
			}
			if (m->s_col[a] >= 0)
				fix[m->s_col[a]] = NAN;
		}
		for (size_t i = 0; i < n; i++)
			if (m->y_col[groups[i]] >= 0 && m->cols[m->y_col[groups[i]]].lb < 0.5)
				fix[m->y_col[groups[i]]] = NAN;
		struct model sub;
		st = model_restrict(m, fix, &sub, map);
		if (st != STATUS_OK)
			goto done;
		double before = 0;
		for (size_t j = 0; j < sub.n_cols; j++) {
			start[j] = point[map[j]];
			before += sub.cols[j].obj * start[j];
		}
		struct glpkw_params p;
		glpkw_params_init(&p);
		p.time_limit = fmin(LNS_SECONDS, o->deadline - clock_seconds());
		p.node_limit = LNS_NODES;
		p.start = start;
		p.stop = o->stop;
		p.obj_step = m->obj_step;
		p.branch_y_first = true;
		struct glpkw_result r = { .x = sx };
		struct diag_list scratch = DIAG_LIST_INIT;
		st = glpkw_solve(&sub, &p, &r, &scratch);
		diag_list_release(&scratch);
		size_t sub_cols = sub.n_cols;
		model_release(&sub);
		if (st != STATUS_OK) {
			/* a failed neighbourhood costs nothing but its time */
			st = STATUS_OK;
			continue;
		}
		if ((r.outcome != GLPKW_OPTIMAL && r.outcome != GLPKW_FEASIBLE) ||
		    r.obj <= before + 1e-7 * fmax(1, fabs(before)))
			continue;
		for (size_t j = 0; j < sub_cols; j++)
			point[map[j]] = sx[j];
		for (size_t k = 0; k < na * ng; k++) {
			int x = m->x_col[k];
			cand[k] = x >= 0 && point[x] > 0.5;
		}
		double v = heur_improve(h, cand, 20000 + 50 * (long)m->n_x / 10);
		if (v > *value + 1e-9) {
			memcpy(in, cand, na * ng * sizeof *in);
			*value = v;
			accepted++;
			if (o->log != NULL)
				fprintf(o->log, "lns: round %d score %.6g\n", round, v);
		}
	}
	if (o->log != NULL)
		fprintf(o->log, "lns: %d improvements\n", accepted);
done:
	free(point);
	free(fix);
	free(map);
	free(sx);
	free(start);
	free(groups);
	free(patients);
	free(chosen_g);
	free(chosen_a);
	free(cand);
	(void)diag;
	return st;
}

/* model.c -- the week's integer program as plain arrays (GLPK-free). */
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clique.h"

#define HOURS_EPS 1e-9

/* ---- the model ------------------------------------------------------- */

static int cmp_facilitator(const void *x, const void *y, const struct clinic *c)
{
	int a = *(const int *)x, b = *(const int *)y;
	int r = facilitator_cmp(c->groups[a].facilitator, c->groups[b].facilitator);
	return r != 0 ? r : (a > b) - (a < b);
}

/* Insertion sort by (facilitator, index): qsort has no context argument in
 * C17 and the lists are short. */
static void sort_by_facilitator(int *v, size_t n, const struct clinic *c)
{
	for (size_t i = 1; i < n; i++) {
		int x = v[i];
		size_t j = i;
		while (j > 0 && cmp_facilitator(&v[j - 1], &x, c) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Scores are sums of weights times needs, hours and counts. Hours are
 * decimals or minutes over 60, so over a denominator of 600000 every term
 * is usually a whole number; their gcd is a step every score is a multiple
 * of, and a bound below incumbent + step proves the incumbent optimal. */
#define STEP_DEN 600000.0

static bool step_add(uint64_t *g, double v)
{
	double scaled = fabs(v) * STEP_DEN;
	if (scaled > 9e15)
		return false;
	double r = round(scaled);
	if (fabs(scaled - r) > 1e-6)
		return false;
	uint64_t x = (uint64_t)r, y = *g;
	while (x != 0) {
		uint64_t t = y % x;
		y = x;
		x = t;
	}
	*g = y;
	return true;
}

static double objective_step(const struct model *m)
{
	const struct week *w = m->w;
	const struct clinic *c = w->clinic;
	const struct settings *st = &c->settings;
	uint64_t g = 0;
	for (size_t j = 0; j < m->n_cols; j++) {
		const struct model_col *col = &m->cols[j];
		if (col->kind != COL_S && !step_add(&g, col->obj))
			return 0;
	}
	if (st->w_short > 0) {
		for (size_t a = 0; a < w->n_active; a++)
			if (m->s_col[a] >= 0 &&
			    !step_add(&g, st->w_short * c->patients[w->active[a]].hours_min))
				return 0;
		for (size_t k = 0; k < w->n_groups; k++)
			if (!step_add(&g, st->w_short * c->groups[k].hours))
				return 0;
	}
	return g == 0 ? 0 : (double)g / STEP_DEN;
}

enum status model_build(const struct week *w, struct model *m)
{
	return model_build_until(w, m, NULL);
}

enum status model_build_until(const struct week *w, struct model *m,
			      const volatile sig_atomic_t *stop)
{
	enum status fail = STATUS_NO_MEMORY;
	memset(m, 0, sizeof *m);
	m->w = w;
	const struct clinic *c = w->clinic;
	const struct settings *st = &c->settings;
	size_t na = w->n_active, ng = w->n_groups, nt = w->n_types;

	m->x_col = malloc((na * ng + 1) * sizeof *m->x_col);
	m->y_col = malloc((ng + 1) * sizeof *m->y_col);
	m->s_col = malloc((na + 1) * sizeof *m->s_col);
	m->m_col = malloc((ng + 1) * sizeof *m->m_col);
	int *count = calloc(ng + 1, sizeof *count);
	bool *pinned_group = calloc(ng + 1, sizeof *pinned_group);
	int *list = malloc((ng + 1) * sizeof *list);
	struct cliques q = { 0 };
	struct clique_cover cv;
	if (!clique_cover_build(c, &cv))
		goto nomem;
	if (m->x_col == NULL || m->y_col == NULL || m->s_col == NULL ||
	    m->m_col == NULL || count == NULL || pinned_group == NULL || list == NULL)
		goto nomem;

	/* A pair can hold when eligible and the group alone fits hours_max;
	 * a group can run when enough pairs can hold. Must pins always keep
	 * their column, so a contradiction shows as infeasibility rather than
	 * vanishing. */
	bool *can = calloc(na * ng + 1, sizeof *can);
	if (can == NULL)
		goto nomem;
	for (size_t a = 0; a < na; a++) {
		double hmax = c->patients[w->active[a]].hours_max;
		for (size_t g = 0; g < ng; g++) {
			size_t ag = a * ng + g;
			bool must = w->pin[ag] == PIN_MARK_MUST;
			if (must)
				pinned_group[g] = true;
			can[ag] = must || (w->eligible[ag] &&
					   c->groups[g].hours <= hmax + HOURS_EPS);
			if (can[ag])
				count[g]++;
		}
	}
	for (size_t a = 0; a < na; a++) {
		for (size_t g = 0; g < ng; g++) {
			size_t ag = a * ng + g;
			m->x_col[ag] = -1;
			if (!can[ag] || (count[g] < c->groups[g].min_size && !pinned_group[g]))
				continue;
			int t = c->groups[g].type;
			double obj = st->w_need * w->need[a * nt + (size_t)t];
			if (w->previous[ag])
				obj += st->w_keep;
			bool must = w->pin[ag] == PIN_MARK_MUST;
			m->x_col[ag] = model_add_col(m, COL_X, (int)a, (int)g, -1, obj, must ? 1 : 0, 1, true);
			if (m->x_col[ag] < 0) {
				free(can);
				goto nomem;
			}
		}
	}
	free(can);
	m->n_x = m->n_cols;
	for (size_t g = 0; g < ng; g++) {
		m->y_col[g] = -1;
		if (count[g] < c->groups[g].min_size && !pinned_group[g])
			continue;
		m->y_col[g] = model_add_col(m, COL_Y, -1, (int)g, -1, -st->group_cost,
				      pinned_group[g] ? 1 : 0, 1, true);
		if (m->y_col[g] < 0)
			goto nomem;
	}
	for (size_t a = 0; a < na; a++) {
		double hmin = c->patients[w->active[a]].hours_min;
		m->s_col[a] = -1;
		if (st->w_short > 0 && hmin > 0) {
			m->s_col[a] = model_add_col(m, COL_S, (int)a, -1, -1, -st->w_short, 0, hmin, false);
			if (m->s_col[a] < 0)
				goto nomem;
		}
	}
	for (size_t g = 0; g < ng; g++) {
		m->m_col[g] = -1;
		if (m->y_col[g] >= 0 && st->w_mix > 0 && st->min_advanced > 0) {
			m->m_col[g] = model_add_col(m, COL_M, -1, (int)g, -1, -st->w_mix, 0,
					      st->min_advanced, false);
			if (m->m_col[g] < 0)
				goto nomem;
		}
	}

	/* Patient rows. */
	for (size_t a = 0; a < na; a++) {
		if (stop != NULL && *stop) {
			fail = STATUS_INTERRUPTED;
			goto nomem;
		}
		const struct patient *pt = &c->patients[w->active[a]];
		size_t n = 0;
		for (size_t g = 0; g < ng; g++)
			if (m->x_col[a * ng + g] >= 0)
				list[n++] = (int)g;
		if (n == 0) {
			if (m->s_col[a] >= 0) {
				if (!model_add_row(m, ROW_SHORT, (int)a, -1, -1, SENSE_GE, pt->hours_min) ||
				    !model_add_coef(m, m->s_col[a], 1))
					goto nomem;
			}
			continue;
		}
		/* type rows */
		double max_hours = 0;
		for (size_t t = 0; t < nt; t++) {
			size_t k = 0;
			double most = 0;
			for (size_t i = 0; i < n; i++) {
				if ((size_t)c->groups[list[i]].type != t)
					continue;
				k++;
				if (c->groups[list[i]].hours > most)
					most = c->groups[list[i]].hours;
			}
			max_hours += most;
			if (k < 2)
				continue;
			if (!model_add_row(m, ROW_TYPE, (int)a, -1, (int)t, SENSE_LE, 1))
				goto nomem;
			for (size_t i = 0; i < n; i++)
				if ((size_t)c->groups[list[i]].type == t &&
				    !model_add_coef(m, m->x_col[a * ng + (size_t)list[i]], 1))
					goto nomem;
		}
		/* clash cliques, except those a type row already covers */
		if (!cliques_find(c, &cv, list, n, &q))
			goto nomem;
		int k_clique = 0;
		for (size_t i = 0; i < q.n; i++) {
			const int *cl = clique_groups(&q, i);
			size_t len = clique_len(&q, i);
			bool one_type = true;
			for (size_t j = 1; j < len; j++)
				one_type = one_type && c->groups[cl[j]].type == c->groups[cl[0]].type;
			if (one_type)
				continue;
			if (!model_add_row(m, ROW_CLASH, (int)a, -1, k_clique++, SENSE_LE, 1))
				goto nomem;
			for (size_t j = 0; j < len; j++)
				if (!model_add_coef(m, m->x_col[a * ng + (size_t)cl[j]], 1))
					goto nomem;
		}
		/* hours: only when one group per type could pass hours_max */
		if (max_hours > pt->hours_max + HOURS_EPS) {
			if (!model_add_row(m, ROW_HOURS, (int)a, -1, -1, SENSE_LE, pt->hours_max))
				goto nomem;
			for (size_t i = 0; i < n; i++)
				if (!model_add_coef(m, m->x_col[a * ng + (size_t)list[i]],
					      c->groups[list[i]].hours))
					goto nomem;
		}
		if (m->s_col[a] >= 0) {
			if (!model_add_row(m, ROW_SHORT, (int)a, -1, -1, SENSE_GE, pt->hours_min) ||
			    !model_add_coef(m, m->s_col[a], 1))
				goto nomem;
			for (size_t i = 0; i < n; i++)
				if (!model_add_coef(m, m->x_col[a * ng + (size_t)list[i]],
					      c->groups[list[i]].hours))
					goto nomem;
		}
	}

	/* Group rows. */
	for (size_t g = 0; g < ng; g++) {
		int y = m->y_col[g];
		if (y < 0)
			continue;
		const struct group *gr = &c->groups[g];
		if (!model_add_row(m, ROW_MIN, -1, (int)g, -1, SENSE_GE, 0))
			goto nomem;
		for (size_t a = 0; a < na; a++)
			if (m->x_col[a * ng + g] >= 0 && !model_add_coef(m, m->x_col[a * ng + g], 1))
				goto nomem;
		if (!model_add_coef(m, y, -gr->min_size))
			goto nomem;
		/* Needed even when fewer may join than max_size: it is what ties
		 * x to y in the LP when the link rows below are left out of it
		 * (they then only strengthen the relaxation, as cuts). */
		if (!model_add_row(m, ROW_MAX, -1, (int)g, -1, SENSE_LE, 0))
			goto nomem;
		for (size_t a = 0; a < na; a++)
			if (m->x_col[a * ng + g] >= 0 && !model_add_coef(m, m->x_col[a * ng + g], 1))
				goto nomem;
		if (!model_add_coef(m, y, -gr->max_size))
			goto nomem;
		if (m->m_col[g] >= 0) {
			if (!model_add_row(m, ROW_MIX, -1, (int)g, -1, SENSE_GE, 0) ||
			    !model_add_coef(m, m->m_col[g], 1))
				goto nomem;
			for (size_t a = 0; a < na; a++)
				if (m->x_col[a * ng + g] >= 0 && w->advanced[a] &&
				    !model_add_coef(m, m->x_col[a * ng + g], 1))
					goto nomem;
			if (!model_add_coef(m, y, -st->min_advanced))
				goto nomem;
		}
	}
	/* x <= y for every pair: the strong form that makes the LP bound tight
	 * where the aggregated max row alone would let y be fractional. */
	for (size_t a = 0; a < na; a++) {
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			if (x < 0)
				continue;
			if (!model_add_row(m, ROW_LINK, (int)a, (int)g, -1, SENSE_LE, 0) ||
			    !model_add_coef(m, x, 1) || !model_add_coef(m, m->y_col[g], -1))
				goto nomem;
		}
	}
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		for (size_t g = 0; g < ng; g++) {
			int xa = m->x_col[(size_t)s->a * ng + g], xb = m->x_col[(size_t)s->b * ng + g];
			if (xa < 0 || xb < 0)
				continue;
			if (!model_add_row(m, ROW_SEP, s->a, (int)g, (int)i, SENSE_LE, 0) ||
			    !model_add_coef(m, xa, 1) || !model_add_coef(m, xb, 1) ||
			    !model_add_coef(m, m->y_col[g], -1))
				goto nomem;
		}
	}
	/* Facilitators: cliques among each facilitator's runnable groups. */
	size_t nf = 0;
	for (size_t g = 0; g < ng; g++)
		if (m->y_col[g] >= 0 && c->groups[g].facilitator != NULL)
			list[nf++] = (int)g;
	sort_by_facilitator(list, nf, c);
	int k_fac = 0;
	for (size_t i = 0; i < nf;) {
		size_t j = i + 1;
		while (j < nf && facilitator_cmp(c->groups[list[j]].facilitator,
						 c->groups[list[i]].facilitator) == 0)
			j++;
		if (j - i >= 2) {
			if (!cliques_find(c, &cv, list + i, j - i, &q))
				goto nomem;
			for (size_t k = 0; k < q.n; k++) {
				const int *cl = clique_groups(&q, k);
				size_t len = clique_len(&q, k);
				if (!model_add_row(m, ROW_FAC, -1, cl[0], k_fac++, SENSE_LE, 1))
					goto nomem;
				for (size_t e = 0; e < len; e++)
					if (!model_add_coef(m, m->y_col[cl[e]], 1))
						goto nomem;
			}
		}
		i = j;
	}

	m->obj_step = objective_step(m);
	free(count);
	free(pinned_group);
	free(list);
	cliques_release(&q);
	clique_cover_release(&cv);
	return STATUS_OK;
nomem:
	free(count);
	free(pinned_group);
	free(list);
	cliques_release(&q);
	clique_cover_release(&cv);
	model_release(m);
	return fail;
}

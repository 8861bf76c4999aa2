/* model.c -- builds the week's integer program: the contract's columns and
 * rows, one function per family (model.h lists them). */
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clique.h"

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
	const struct settings *settings = &c->settings;
	uint64_t g = 0;
	for (size_t j = 0; j < m->n_cols; j++) {
		const struct model_col *col = &m->cols[j];
		if (col->kind != COL_S && !step_add(&g, col->obj))
			return 0;
	}
	if (settings->w_short > 0) {
		for (size_t a = 0; a < w->n_active; a++)
			if (m->s_col[a] >= 0 &&
			    !step_add(&g, settings->w_short * c->patients[w->active[a]].hours_min))
				return 0;
		for (size_t k = 0; k < w->n_groups; k++)
			if (!step_add(&g, settings->w_short * c->groups[k].hours))
				return 0;
	}
	return g == 0 ? 0 : (double)g / STEP_DEN;
}

/* The model being built and the builder's scratch. */
struct builder {
	struct model *m;
	const struct week *w;
	const struct clinic *c;
	const struct settings *settings;
	size_t na, ng, nt;
	int *count;          /* [g] pairs that can hold */
	bool *pinned_group;  /* [g] a must pin names the group */
	int *list;           /* [ng] scratch: a list of groups */
	struct cliques q;
	struct clique_cover cv;
};

/* False on allocation failure; b must be released either way. */
static bool builder_init(struct builder *b, const struct week *w, struct model *m)
{
	memset(m, 0, sizeof *m);
	m->w = w;
	*b = (struct builder){ .m = m, .w = w, .c = w->clinic, .settings = &w->clinic->settings,
			       .na = w->n_active, .ng = w->n_groups, .nt = w->n_types };
	size_t na = b->na, ng = b->ng;
	m->x_col = malloc((na * ng + 1) * sizeof *m->x_col);
	m->y_col = malloc((ng + 1) * sizeof *m->y_col);
	m->s_col = malloc((na + 1) * sizeof *m->s_col);
	m->m_col = malloc((ng + 1) * sizeof *m->m_col);
	b->count = calloc(ng + 1, sizeof *b->count);
	b->pinned_group = calloc(ng + 1, sizeof *b->pinned_group);
	b->list = malloc((ng + 1) * sizeof *b->list);
	if (!clique_cover_build(b->c, &b->cv))
		return false;
	return m->x_col != NULL && m->y_col != NULL && m->s_col != NULL &&
	       m->m_col != NULL && b->count != NULL && b->pinned_group != NULL &&
	       b->list != NULL;
}

static void builder_release(struct builder *b)
{
	free(b->count);
	free(b->pinned_group);
	free(b->list);
	cliques_release(&b->q);
	clique_cover_release(&b->cv);
}

/* Can group g run: enough pairs can hold, or a must pin needs it? */
static bool can_run(const struct builder *b, size_t g)
{
	return b->count[g] >= b->c->groups[g].min_size || b->pinned_group[g];
}

/* A pair can hold when eligible and the group alone fits hours_max; a
 * group can run when enough pairs can hold. Must pins always keep their
 * column, so a contradiction shows as infeasibility rather than
 * vanishing. */
static bool add_x_cols(struct builder *b)
{
	const struct week *w = b->w;
	const struct clinic *c = b->c;
	struct model *m = b->m;
	size_t na = b->na, ng = b->ng;
	bool *can = calloc(na * ng + 1, sizeof *can);
	if (can == NULL)
		return false;
	for (size_t a = 0; a < na; a++) {
		double hmax = c->patients[w->active[a]].hours_max;
		for (size_t g = 0; g < ng; g++) {
			size_t ag = a * ng + g;
			bool must = w->pin[ag] == PIN_MARK_MUST;
			if (must)
				b->pinned_group[g] = true;
			can[ag] = must || (w->eligible[ag] &&
					   c->groups[g].hours <= hmax + HOURS_EPS);
			if (can[ag])
				b->count[g]++;
		}
	}
	bool ok = true;
	for (size_t a = 0; a < na && ok; a++) {
		for (size_t g = 0; g < ng; g++) {
			size_t ag = a * ng + g;
			m->x_col[ag] = -1;
			if (!can[ag] || !can_run(b, g))
				continue;
			int t = c->groups[g].type;
			double obj = b->settings->w_need * w->need[a * b->nt + (size_t)t];
			if (w->previous[ag])
				obj += b->settings->w_keep;
			double lb = w->pin[ag] == PIN_MARK_MUST ? 1 : 0;
			m->x_col[ag] = model_add_col(m, COL_X, (int)a, (int)g, -1, obj, lb, 1, true);
			if (m->x_col[ag] < 0) {
				ok = false;
				break;
			}
		}
	}
	free(can);
	m->n_x = m->n_cols;
	return ok;
}

static bool add_y_cols(struct builder *b)
{
	struct model *m = b->m;
	for (size_t g = 0; g < b->ng; g++) {
		m->y_col[g] = -1;
		if (!can_run(b, g))
			continue;
		m->y_col[g] = model_add_col(m, COL_Y, -1, (int)g, -1, -b->settings->group_cost,
					    b->pinned_group[g] ? 1 : 0, 1, true);
		if (m->y_col[g] < 0)
			return false;
	}
	return true;
}

/* s(a) for hours short, then m(g) for advanced members short. */
static bool add_shortfall_cols(struct builder *b)
{
	struct model *m = b->m;
	const struct settings *settings = b->settings;
	for (size_t a = 0; a < b->na; a++) {
		double hmin = b->c->patients[b->w->active[a]].hours_min;
		m->s_col[a] = -1;
		if (settings->w_short > 0 && hmin > 0) {
			m->s_col[a] = model_add_col(m, COL_S, (int)a, -1, -1, -settings->w_short, 0, hmin,
						    false);
			if (m->s_col[a] < 0)
				return false;
		}
	}
	for (size_t g = 0; g < b->ng; g++) {
		m->m_col[g] = -1;
		if (m->y_col[g] >= 0 && settings->w_mix > 0 && settings->min_advanced > 0) {
			m->m_col[g] = model_add_col(m, COL_M, -1, (int)g, -1, -settings->w_mix, 0,
						    settings->min_advanced, false);
			if (m->m_col[g] < 0)
				return false;
		}
	}
	return true;
}

/* Adds x(a, g) for every g of b->list[0..n), with coefficient 1 or the
 * group's hours. */
static bool add_list_coefs(struct builder *b, size_t a, size_t n, bool by_hours)
{
	for (size_t i = 0; i < n; i++) {
		const struct group *gr = &b->c->groups[b->list[i]];
		if (!model_add_coef(b->m, b->m->x_col[a * b->ng + (size_t)b->list[i]],
				    by_hours ? gr->hours : 1))
			return false;
	}
	return true;
}

/* One row per type a has two or more groups of; *max_hours gets the
 * hours of a's longest group of each type, summed. */
static bool add_type_rows(struct builder *b, size_t a, size_t n, double *max_hours)
{
	const struct clinic *c = b->c;
	*max_hours = 0;
	for (size_t t = 0; t < b->nt; t++) {
		size_t k = 0;
		double most = 0;
		for (size_t i = 0; i < n; i++) {
			if ((size_t)c->groups[b->list[i]].type != t)
				continue;
			k++;
			if (c->groups[b->list[i]].hours > most)
				most = c->groups[b->list[i]].hours;
		}
		*max_hours += most;
		if (k < 2)
			continue;
		if (!model_add_row(b->m, ROW_TYPE, (int)a, -1, (int)t, SENSE_LE, 1))
			return false;
		for (size_t i = 0; i < n; i++)
			if ((size_t)c->groups[b->list[i]].type == t &&
			    !model_add_coef(b->m, b->m->x_col[a * b->ng + (size_t)b->list[i]], 1))
				return false;
	}
	return true;
}

/* Clash cliques, except those a type row already covers. */
static bool add_clash_rows(struct builder *b, size_t a, size_t n)
{
	const struct clinic *c = b->c;
	if (!cliques_find(c, &b->cv, b->list, n, &b->q))
		return false;
	int k_clique = 0;
	for (size_t i = 0; i < b->q.n; i++) {
		const int *cl = clique_groups(&b->q, i);
		size_t len = clique_len(&b->q, i);
		bool one_type = true;
		for (size_t j = 1; j < len; j++)
			one_type = one_type && c->groups[cl[j]].type == c->groups[cl[0]].type;
		if (one_type)
			continue;
		if (!model_add_row(b->m, ROW_CLASH, (int)a, -1, k_clique++, SENSE_LE, 1))
			return false;
		for (size_t j = 0; j < len; j++)
			if (!model_add_coef(b->m, b->m->x_col[a * b->ng + (size_t)cl[j]], 1))
				return false;
	}
	return true;
}

static bool add_short_row(struct builder *b, size_t a, size_t n)
{
	const struct patient *pt = &b->c->patients[b->w->active[a]];
	if (b->m->s_col[a] < 0)
		return true;
	return model_add_row(b->m, ROW_SHORT, (int)a, -1, -1, SENSE_GE, pt->hours_min) &&
	       model_add_coef(b->m, b->m->s_col[a], 1) && add_list_coefs(b, a, n, true);
}

static bool add_bill_rows(struct builder *b, size_t a);

static bool add_patient_rows(struct builder *b, size_t a)
{
	const struct patient *pt = &b->c->patients[b->w->active[a]];
	size_t n = 0;
	for (size_t g = 0; g < b->ng; g++)
		if (b->m->x_col[a * b->ng + g] >= 0)
			b->list[n++] = (int)g;
	if (n == 0)
		return add_short_row(b, a, 0);
	double max_hours;
	if (!add_type_rows(b, a, n, &max_hours) || !add_clash_rows(b, a, n))
		return false;
	/* hours: only when one group per type could pass hours_max */
	if (max_hours > pt->hours_max + HOURS_EPS &&
	    (!model_add_row(b->m, ROW_HOURS, (int)a, -1, -1, SENSE_LE, pt->hours_max) ||
	     !add_list_coefs(b, a, n, true)))
		return false;
	return add_short_row(b, a, n) && add_bill_rows(b, a);
}

/* Adds x(a, g) with coefficient 1 for every a that has a column, or
 * every advanced one. */
static bool add_member_coefs(struct builder *b, size_t g, bool advanced_only)
{
	for (size_t a = 0; a < b->na; a++) {
		int x = b->m->x_col[a * b->ng + g];
		if (x >= 0 && (!advanced_only || b->w->advanced[a]) &&
		    !model_add_coef(b->m, x, 1))
			return false;
	}
	return true;
}

/* min, max and mix rows of a group that can run. The max row is needed
 * even when fewer may join than max_size: it is what ties x to y in the
 * LP when the link rows are left out of it (they then only strengthen
 * the relaxation, as cuts). */
static bool add_group_rows(struct builder *b, size_t g)
{
	struct model *m = b->m;
	const struct group *gr = &b->c->groups[g];
	int y = m->y_col[g];
	if (!model_add_row(m, ROW_MIN, -1, (int)g, -1, SENSE_GE, 0) ||
	    !add_member_coefs(b, g, false) || !model_add_coef(m, y, -gr->min_size))
		return false;
	if (!model_add_row(m, ROW_MAX, -1, (int)g, -1, SENSE_LE, 0) ||
	    !add_member_coefs(b, g, false) || !model_add_coef(m, y, -gr->max_size))
		return false;
	if (m->m_col[g] < 0)
		return true;
	return model_add_row(m, ROW_MIX, -1, (int)g, -1, SENSE_GE, 0) &&
	       model_add_coef(m, m->m_col[g], 1) && add_member_coefs(b, g, true) &&
	       model_add_coef(m, y, -b->settings->min_advanced);
}

/* x <= y for every pair: the strong form that makes the LP bound tight
 * where the aggregated max row alone would let y be fractional. */
static bool add_link_rows(struct builder *b)
{
	struct model *m = b->m;
	for (size_t a = 0; a < b->na; a++) {
		for (size_t g = 0; g < b->ng; g++) {
			int x = m->x_col[a * b->ng + g];
			if (x < 0)
				continue;
			if (!model_add_row(m, ROW_LINK, (int)a, (int)g, -1, SENSE_LE, 0) ||
			    !model_add_coef(m, x, 1) || !model_add_coef(m, m->y_col[g], -1))
				return false;
		}
	}
	return true;
}

static bool add_sep_rows(struct builder *b)
{
	struct model *m = b->m;
	size_t ng = b->ng;
	for (size_t i = 0; i < b->w->n_separations; i++) {
		const struct active_separation *s = &b->w->separations[i];
		for (size_t g = 0; g < ng; g++) {
			int xa = m->x_col[(size_t)s->a * ng + g], xb = m->x_col[(size_t)s->b * ng + g];
			if (xa < 0 || xb < 0)
				continue;
			if (!model_add_row(m, ROW_SEP, s->a, (int)g, (int)i, SENSE_LE, 0) ||
			    !model_add_coef(m, xa, 1) || !model_add_coef(m, xb, 1) ||
			    !model_add_coef(m, m->y_col[g], -1))
				return false;
		}
	}
	return true;
}

/* One row per clique among groups[0..n), all of one facilitator. */
static bool add_fac_cliques(struct builder *b, const int *groups, size_t n, int *k_fac)
{
	if (!cliques_find(b->c, &b->cv, groups, n, &b->q))
		return false;
	for (size_t k = 0; k < b->q.n; k++) {
		const int *cl = clique_groups(&b->q, k);
		if (!model_add_row(b->m, ROW_FAC, -1, cl[0], (*k_fac)++, SENSE_LE, 1))
			return false;
		for (size_t e = 0; e < clique_len(&b->q, k); e++)
			if (!model_add_coef(b->m, b->m->y_col[cl[e]], 1))
				return false;
	}
	return true;
}

/* Cliques among each facilitator's runnable groups. */
static bool add_fac_rows(struct builder *b)
{
	const struct clinic *c = b->c;
	int *list = b->list;
	size_t nf = 0;
	for (size_t g = 0; g < b->ng; g++)
		if (b->m->y_col[g] >= 0 && c->groups[g].facilitator != NULL)
			list[nf++] = (int)g;
	sort_by_facilitator(list, nf, c);
	int k_fac = 0;
	for (size_t i = 0, j; i < nf; i = j) {
		for (j = i + 1; j < nf; j++)
			if (facilitator_cmp(c->groups[list[j]].facilitator,
					    c->groups[list[i]].facilitator) != 0)
				break;
		if (j - i >= 2 && !add_fac_cliques(b, list + i, j - i, &k_fac))
			return false;
	}
	return true;
}

/* Is the billing rule priced: on, with a weight? */
static bool billing_on(const struct builder *b)
{
	return b->settings->billable_days > 0 && b->settings->w_billable > 0;
}

/* d(a,d) for each day a's groups put hours on and b(a), for the patients
 * whose week may bill (week_may_bill); none with the rule off. */
static bool add_bill_cols(struct builder *b)
{
	struct model *m = b->m;
	if (!billing_on(b))
		return true;
	m->day_col = malloc((b->na * WEEK_DAYS + 1) * sizeof *m->day_col);
	m->bill_col = malloc((b->na + 1) * sizeof *m->bill_col);
	if (m->day_col == NULL || m->bill_col == NULL)
		return false;
	for (size_t a = 0; a < b->na; a++) {
		m->bill_col[a] = -1;
		for (size_t d = 0; d < WEEK_DAYS; d++)
			m->day_col[a * WEEK_DAYS + d] = -1;
		if (!week_may_bill(b->w, (int)a))
			continue;
		int days = 0;
		for (size_t d = 0; d < WEEK_DAYS; d++) {
			bool some = false;
			for (size_t g = 0; g < b->ng && !some; g++)
				some = m->x_col[a * b->ng + g] >= 0 && b->w->day_hours[g * WEEK_DAYS + d] > 0;
			if (!some)
				continue;
			int j = model_add_col(m, COL_DAY, (int)a, -1, (int)d, 0, 0, 1, true);
			if (j < 0)
				return false;
			m->day_col[a * WEEK_DAYS + d] = j;
			days++;
		}
		if (days < b->settings->billable_days)
			continue;
		m->bill_col[a] = model_add_col(m, COL_BILL, (int)a, -1, -1, b->settings->w_billable, 0,
					       1, true);
		if (m->bill_col[a] < 0)
			return false;
	}
	return true;
}

/* day(a,d) and bill(a): b(a) only when billable_days of the days reach
 * billable_day_hours. The 1e-6 is the contract's tolerance; with a day
 * threshold that small a day still needs some hours. */
static bool add_bill_rows(struct builder *b, size_t a)
{
	struct model *m = b->m;
	if (m->bill_col == NULL || m->bill_col[a] < 0)
		return true;
	double need = b->settings->billable_day_hours;
	double slack = need > 2 * DAY_HOURS_EPS ? DAY_HOURS_EPS : 0;
	for (size_t d = 0; d < WEEK_DAYS; d++) {
		int z = m->day_col[a * WEEK_DAYS + d];
		if (z < 0)
			continue;
		if (!model_add_row(m, ROW_DAY, (int)a, -1, (int)d, SENSE_LE, slack) ||
		    !model_add_coef(m, z, need))
			return false;
		for (size_t g = 0; g < b->ng; g++) {
			int x = m->x_col[a * b->ng + g];
			double h = b->w->day_hours[g * WEEK_DAYS + d];
			if (x >= 0 && h > 0 && !model_add_coef(m, x, -h))
				return false;
		}
	}
	if (!model_add_row(m, ROW_BILL, (int)a, -1, -1, SENSE_LE, 0) ||
	    !model_add_coef(m, m->bill_col[a], b->settings->billable_days))
		return false;
	for (size_t d = 0; d < WEEK_DAYS; d++) {
		int z = m->day_col[a * WEEK_DAYS + d];
		if (z >= 0 && !model_add_coef(m, z, -1))
			return false;
	}
	return true;
}

static bool add_cols(struct builder *b)
{
	return add_x_cols(b) && add_y_cols(b) && add_shortfall_cols(b) && add_bill_cols(b);
}

static bool add_week_rows(struct builder *b)
{
	for (size_t g = 0; g < b->ng; g++)
		if (b->m->y_col[g] >= 0 && !add_group_rows(b, g))
			return false;
	return add_link_rows(b) && add_sep_rows(b) && add_fac_rows(b);
}

enum status model_build(const struct week *w, struct model *m)
{
	return model_build_until(w, m, NULL);
}

enum status model_build_until(const struct week *w, struct model *m,
			      const volatile sig_atomic_t *stop)
{
	struct builder b;
	enum status st = STATUS_NO_MEMORY;
	if (!builder_init(&b, w, m) || !add_cols(&b))
		goto fail;
	/* Patient rows come first, one patient at a time, so a stop is seen
	 * between patients: a large week takes seconds. */
	for (size_t a = 0; a < b.na; a++) {
		if (stop != NULL && *stop) {
			st = STATUS_INTERRUPTED;
			goto fail;
		}
		if (!add_patient_rows(&b, a))
			goto fail;
	}
	if (!add_week_rows(&b))
		goto fail;
	m->obj_step = objective_step(m);
	builder_release(&b);
	return STATUS_OK;
fail:
	builder_release(&b);
	model_release(m);
	return st;
}

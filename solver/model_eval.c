/* model_eval.c -- the model at a point: a roster's point, its objective,
 * how far it breaks the rows, and what beats it. */
#include "model.h"

#include <math.h>
#include <string.h>

void model_point(const struct model *m, const bool *in, double *col)
{
	const struct week *w = m->w;
	const struct clinic *c = w->clinic;
	const struct settings *settings = &c->settings;
	size_t na = w->n_active, ng = w->n_groups;
	memset(col, 0, m->n_cols * sizeof *col);
	for (size_t a = 0; a < na; a++) {
		double hours = 0;
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			if (x < 0 || !in[a * ng + g])
				continue;
			col[x] = 1;
			hours += c->groups[g].hours;
			if (m->y_col[g] >= 0)
				col[m->y_col[g]] = 1;
		}
		if (m->s_col[a] >= 0) {
			double need = c->patients[w->active[a]].hours_min - hours;
			col[m->s_col[a]] = need > HOURS_EPS ? need : 0;
		}
	}
	for (size_t g = 0; g < ng; g++) {
		if (m->m_col[g] < 0 || col[m->y_col[g]] < 0.5)
			continue;
		int adv = 0;
		for (size_t a = 0; a < na; a++)
			adv += m->x_col[a * ng + g] >= 0 && in[a * ng + g] && w->advanced[a];
		col[m->m_col[g]] = adv < settings->min_advanced ? settings->min_advanced - adv : 0;
	}
	if (m->bill_col == NULL)
		return;
	/* billable days as the score counts them */
	for (size_t a = 0; a < na; a++) {
		if (m->bill_col[a] < 0)
			continue;
		double dh[WEEK_DAYS] = { 0 };
		for (size_t g = 0; g < ng; g++)
			if (m->x_col[a * ng + g] >= 0 && in[a * ng + g])
				for (size_t d = 0; d < WEEK_DAYS; d++)
					dh[d] += w->day_hours[g * WEEK_DAYS + d];
		struct billing b;
		week_billing_of_hours(w, dh, &b);
		for (size_t d = 0; d < WEEK_DAYS; d++) {
			int z = m->day_col[a * WEEK_DAYS + d];
			if (z >= 0)
				col[z] = dh[d] >= settings->billable_day_hours - DAY_HOURS_EPS && dh[d] > 0;
		}
		col[m->bill_col[a]] = b.billable;
	}
}

double model_objective(const struct model *m, const double *col)
{
	double z = 0;
	for (size_t j = 0; j < m->n_cols; j++)
		z += m->cols[j].obj * col[j];
	return z;
}

double model_violation(const struct model *m, const double *col)
{
	double worst = 0;
	for (size_t j = 0; j < m->n_cols; j++) {
		double v = fmax(m->cols[j].lb - col[j], col[j] - m->cols[j].ub);
		if (m->cols[j].integer)
			v = fmax(v, fabs(col[j] - round(col[j])));
		worst = fmax(worst, v);
	}
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct model_row *r = &m->rows[i];
		double lhs = 0;
		for (size_t k = r->start; k < r->start + r->len; k++)
			lhs += m->val[k] * col[m->ind[k]];
		double v = r->sense == SENSE_LE ? lhs - r->rhs
			 : r->sense == SENSE_GE ? r->rhs - lhs : fabs(lhs - r->rhs);
		worst = fmax(worst, v);
	}
	return worst;
}

double model_better_than(const struct model *m, double value)
{
	double tol = 1e-6 * fmax(1.0, fabs(value));
	if (m->obj_step > 0)
		return value + m->obj_step - fmin(0.5 * m->obj_step, tol);
	return value + tol;
}

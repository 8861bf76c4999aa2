/* model_matrix.c -- the model's sparse storage: columns, rows and their
 * coefficients, appended in order, and the model with columns fixed. */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

int model_add_col(struct model *m, enum col_kind kind, int a, int g, int k,
		  double obj, double lb, double ub, bool integer)
{
	if (!GROW(m->cols, m->n_cols + 1, m->cap_cols))
		return -1;
	m->cols[m->n_cols] = (struct model_col){ kind, a, g, k, obj, lb, ub, integer };
	return (int)m->n_cols++;
}

bool model_add_row(struct model *m, enum row_kind kind, int a, int g, int k,
		   enum row_sense sense, double rhs)
{
	if (!GROW(m->rows, m->n_rows + 1, m->cap_rows))
		return false;
	m->rows[m->n_rows++] = (struct model_row){ kind, a, g, k, sense, rhs, m->nnz, 0 };
	return true;
}

bool model_add_coef(struct model *m, int col, double v)
{
	/* ind and val share cap_nnz: it moves only once both have the room,
	 * so a failure between the two leaves ind merely larger than told. */
	size_t cap_ind = m->cap_nnz, cap_val = m->cap_nnz;
	if (!GROW(m->ind, m->nnz + 1, cap_ind) || !GROW(m->val, m->nnz + 1, cap_val))
		return false;
	m->cap_nnz = cap_ind;
	m->ind[m->nnz] = col;
	m->val[m->nnz] = v;
	m->nnz++;
	m->rows[m->n_rows - 1].len++;
	return true;
}

void model_release(struct model *m)
{
	if (m == NULL)
		return;
	free(m->cols);
	free(m->rows);
	free(m->ind);
	free(m->val);
	free(m->x_col);
	free(m->y_col);
	free(m->s_col);
	free(m->m_col);
	free(m->day_col);
	free(m->bill_col);
	memset(m, 0, sizeof *m);
}

enum status model_restrict(const struct model *m, const double *fix,
			   struct model *sub, int *map)
{
	memset(sub, 0, sizeof *sub);
	sub->w = m->w;
	sub->obj_step = m->obj_step;
	int *inv = malloc((m->n_cols + 1) * sizeof *inv);
	if (inv == NULL)
		return STATUS_NO_MEMORY;
	for (size_t j = 0; j < m->n_cols; j++) {
		inv[j] = -1;
		if (!isnan(fix[j]))
			continue;
		const struct model_col *c = &m->cols[j];
		inv[j] = model_add_col(sub, c->kind, c->a, c->g, c->k, c->obj, c->lb, c->ub,
				       c->integer);
		if (inv[j] < 0)
			goto nomem;
		map[inv[j]] = (int)j;
	}
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct model_row *r = &m->rows[i];
		double fixed = 0;
		size_t free_cols = 0;
		for (size_t e = r->start; e < r->start + r->len; e++) {
			if (inv[m->ind[e]] >= 0)
				free_cols++;
			else
				fixed += m->val[e] * fix[m->ind[e]];
		}
		if (free_cols == 0) {
			double tol = 1e-9 * fmax(1.0, fabs(r->rhs));
			bool broken = r->sense == SENSE_LE ? fixed > r->rhs + tol
				    : r->sense == SENSE_GE ? fixed < r->rhs - tol
				    : fabs(fixed - r->rhs) > tol;
			if (broken) {
				free(inv);
				model_release(sub);
				return STATUS_INFEASIBLE;
			}
			continue;
		}
		if (!model_add_row(sub, r->kind, r->a, r->g, r->k, r->sense, r->rhs - fixed))
			goto nomem;
		for (size_t e = r->start; e < r->start + r->len; e++)
			if (inv[m->ind[e]] >= 0 && !model_add_coef(sub, inv[m->ind[e]], m->val[e]))
				goto nomem;
	}
	free(inv);
	return STATUS_OK;
nomem:
	free(inv);
	model_release(sub);
	return STATUS_NO_MEMORY;
}

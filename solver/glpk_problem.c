/* glpk_problem.c -- a struct model as a GLPK problem (1-based, rows left
 * out on request), and time limits in GLPK's milliseconds. */
#include "glpk_private.h"

#include <limits.h>
#include <stdlib.h>

#include "data/base/clock.h"

static glp_prob *build(const struct model *m, bool names, unsigned lazy)
{
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MAX);
	char name[512];
	if (names) {
		glp_set_prob_name(P, "iop_roster");
		model_obj_name(name, sizeof name);
		glp_set_obj_name(P, name);
	}
	int n = (int)m->n_cols, nr = 0;
	for (size_t i = 0; i < m->n_rows; i++)
		nr += !(lazy >> m->rows[i].kind & 1);
	if (n > 0)
		glp_add_cols(P, n);
	for (int j = 1; j <= n; j++) {
		const struct model_col *c = &m->cols[j - 1];
		glp_set_col_kind(P, j, c->integer ? GLP_IV : GLP_CV);
		if (c->lb == c->ub)
			glp_set_col_bnds(P, j, GLP_FX, c->lb, c->ub);
		else
			glp_set_col_bnds(P, j, GLP_DB, c->lb, c->ub);
		glp_set_obj_coef(P, j, c->obj);
		if (names) {
			model_col_name(m, (size_t)j - 1, name, sizeof name);
			glp_set_col_name(P, j, name);
		}
	}
	if (nr > 0)
		glp_add_rows(P, nr);
	int i = 0;
	for (size_t k = 0; k < m->n_rows; k++) {
		const struct model_row *r = &m->rows[k];
		if (lazy >> r->kind & 1)
			continue;
		i++;
		glp_set_row_bnds(P, i, r->sense == SENSE_LE ? GLP_UP :
				 r->sense == SENSE_GE ? GLP_LO : GLP_FX, r->rhs, r->rhs);
		if (names) {
			model_row_name(m, k, name, sizeof name);
			glp_set_row_name(P, i, name);
		}
	}
	return P;
}

/* Loads the matrix of the rows not in `lazy`; false when the index arrays
 * cannot be had. */
static bool load_matrix(glp_prob *P, const struct model *m, unsigned lazy)
{
	size_t nz = 0;
	for (size_t i = 0; i < m->n_rows; i++)
		if (!(lazy >> m->rows[i].kind & 1))
			nz += m->rows[i].len;
	int *ia = malloc((nz + 1) * sizeof *ia), *ja = malloc((nz + 1) * sizeof *ja);
	double *ar = malloc((nz + 1) * sizeof *ar);
	if (ia == NULL || ja == NULL || ar == NULL) {
		free(ia);
		free(ja);
		free(ar);
		return false;
	}
	size_t k = 0;
	int row = 0;
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct model_row *r = &m->rows[i];
		if (lazy >> r->kind & 1)
			continue;
		row++;
		for (size_t e = r->start; e < r->start + r->len; e++) {
			k++;
			ia[k] = row;
			ja[k] = m->ind[e] + 1;
			ar[k] = m->val[e];
		}
	}
	glp_load_matrix(P, (int)nz, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	return true;
}

glp_prob *glpkw_prob_new(const struct model *m, bool names, unsigned lazy)
{
	glp_prob *P = build(m, names, lazy);
	if (!load_matrix(P, m, lazy)) {
		glp_delete_prob(P);
		return NULL;
	}
	return P;
}

int glpkw_ms_left(double deadline)
{
	if (deadline <= 0)
		return INT_MAX;
	double left = (deadline - clock_seconds()) * 1000.0;
	if (left < 1)
		return 1;
	return left > (double)INT_MAX ? INT_MAX : (int)left;
}

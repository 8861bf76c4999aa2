/* glpk_lp.c -- one LP relaxation solved once by the simplex method. */
#include "glpk_private.h"

#include <math.h>

#include "data/base/clock.h"

struct lp_args {
	const struct model *m;
	double time_limit, *value, *col;
	bool *feasible;
};

static enum status lp_body(void *arg, struct diag_list *diag)
{
	struct lp_args *a = arg;
	const struct model *m = a->m;
	enum status st = STATUS_OK;
	glp_prob *P = glpkw_prob_new(m, false, 0);
	if (P == NULL)
		return STATUS_NO_MEMORY;
	glp_scale_prob(P, GLP_SF_AUTO);
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	if (a->time_limit > 0)
		smcp.tm_lim = glpkw_ms_left(clock_seconds() + a->time_limit);
	int ret = glp_simplex(P, &smcp);
	int s = glp_get_status(P);
	if (ret != 0 && ret != GLP_ETMLIM) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: simplex returned %d", ret);
		st = STATUS_INTERNAL;
		goto out;
	}
	if (s == GLP_NOFEAS || s == GLP_INFEAS) {
		*a->feasible = false;
	} else if (s == GLP_OPT) {
		*a->value = glp_get_obj_val(P);
		for (size_t j = 0; a->col != NULL && j < m->n_cols; j++)
			a->col[j] = glp_get_col_prim(P, (int)j + 1);
	}
out:
	glp_delete_prob(P);
	return st;
}

enum status glpkw_solve_lp(const struct model *m, double time_limit,
			   double *value, bool *feasible, double *col,
			   struct diag_list *diag)
{
	struct glpkw_term term = { .log = NULL };
	struct lp_args args = { m, time_limit, value, col, feasible };
	*value = HUGE_VAL;
	*feasible = true;
	return glpkw_guarded_once(lp_body, &args, &term, diag);
}

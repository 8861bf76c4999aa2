/* glpk_lp_kept.c -- a relaxation kept alive across calls for column
 * generation: grown column by column, re-solved from its last basis. */
#include "glpk_private.h"

#include <math.h>
#include <stdlib.h>

#include "data/base/clock.h"
#include "data/base/grow.h"
#include "work.h"

struct glpkw_lp {
	glp_prob *P;
	unsigned generation; /* the environment it lives in */
	int *ind;            /* scratch for one column, 1-based */
	double *val;
	size_t cap;
	/* since the last solve; see glpkw_lp_dual_after_rows */
	bool rows_added, cols_added, dual_after_rows;
};

static bool lp_alive(const struct glpkw_lp *lp)
{
	return lp != NULL && lp->P != NULL && lp->generation == glpkw_env_generation();
}

struct lp_new_args {
	const struct model *m;
	struct glpkw_lp *lp;
	unsigned lazy;
};

static enum status lp_new_body(void *arg, struct diag_list *diag)
{
	struct lp_new_args *a = arg;
	a->lp->generation = glpkw_env_generation();
	a->lp->P = glpkw_prob_new(a->m, false, a->lazy);
	return a->lp->P != NULL ? STATUS_OK : STATUS_NO_MEMORY;
}

enum status glpkw_lp_new(const struct model *m, struct glpkw_lp **out,
			 struct diag_list *diag)
{
	return glpkw_lp_new_lazy(m, 0, out, diag);
}

enum status glpkw_lp_new_lazy(const struct model *m, unsigned lazy, struct glpkw_lp **out,
			      struct diag_list *diag)
{
	*out = NULL;
	struct glpkw_lp *lp = calloc(1, sizeof *lp);
	if (lp == NULL)
		return STATUS_NO_MEMORY;
	struct glpkw_term term = { .log = NULL };
	struct lp_new_args args = { m, lp, lazy };
	bool fatal;
	enum status st = glpkw_guarded(lp_new_body, &args, &term, diag, &fatal);
	if (fatal) {
		free(lp);
		return st;
	}
	if (st != STATUS_OK) {
		free(lp);
		glpkw_env_idle();
		return st;
	}
	glpkw_env_hold();
	*out = lp;
	return STATUS_OK;
}

/* Readies the relaxation's scratch for one new column or row of n terms:
 * GLPK's arrays are 1-based, ours 0-based. Outside the guard: it only
 * touches our memory. */
static enum status lp_scratch(struct glpkw_lp *lp, size_t n, const int *idx,
			      const double *vals, struct diag_list *diag)
{
	if (!lp_alive(lp)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	/* ind and val share cap: it moves only once both have the room */
	size_t cap_ind = lp->cap, cap_val = lp->cap;
	if (!GROW(lp->ind, n + 1, cap_ind) || !GROW(lp->val, n + 1, cap_val))
		return STATUS_NO_MEMORY;
	lp->cap = cap_ind;
	for (size_t k = 0; k < n; k++) {
		lp->ind[k + 1] = idx[k] + 1;
		lp->val[k + 1] = vals[k];
	}
	return STATUS_OK;
}

struct lp_col_args {
	struct glpkw_lp *lp;
	double obj, lb, ub;
	size_t n;
};

static enum status lp_col_body(void *arg, struct diag_list *diag)
{
	struct lp_col_args *a = arg;
	glp_prob *P = a->lp->P;
	int j = glp_add_cols(P, 1);
	glp_set_col_bnds(P, j, a->lb == a->ub ? GLP_FX : GLP_DB, a->lb, a->ub);
	glp_set_obj_coef(P, j, a->obj);
	glp_set_mat_col(P, j, (int)a->n, a->lp->ind, a->lp->val);
	a->lp->cols_added = true;
	return STATUS_OK;
}

enum status glpkw_lp_add_col(struct glpkw_lp *lp, double obj, double lb, double ub,
			     size_t n, const int *rows, const double *vals,
			     struct diag_list *diag)
{
	enum status st = lp_scratch(lp, n, rows, vals, diag);
	if (st != STATUS_OK)
		return st;
	struct glpkw_term term = { .log = NULL };
	struct lp_col_args args = { lp, obj, lb, ub, n };
	return glpkw_guarded(lp_col_body, &args, &term, diag, NULL);
}

struct lp_bounds_args {
	struct glpkw_lp *lp;
	int col;
	double lb, ub;
};

static enum status lp_bounds_body(void *arg, struct diag_list *diag)
{
	(void)diag;
	struct lp_bounds_args *a = arg;
	glp_set_col_bnds(a->lp->P, a->col + 1, a->lb == a->ub ? GLP_FX : GLP_DB, a->lb, a->ub);
	return STATUS_OK;
}

enum status glpkw_lp_set_bounds(struct glpkw_lp *lp, int col, double lb, double ub,
				struct diag_list *diag)
{
	if (!lp_alive(lp)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	struct glpkw_term term = { .log = NULL };
	struct lp_bounds_args args = { lp, col, lb, ub };
	return glpkw_guarded(lp_bounds_body, &args, &term, diag, NULL);
}

struct lp_row_args {
	struct glpkw_lp *lp;
	int sense;
	double rhs;
	size_t n;
};

static enum status lp_row_body(void *arg, struct diag_list *diag)
{
	struct lp_row_args *a = arg;
	glp_prob *P = a->lp->P;
	int i = glp_add_rows(P, 1);
	glp_set_row_bnds(P, i, a->sense == 0 ? GLP_UP : a->sense == 1 ? GLP_LO : GLP_FX,
			 a->rhs, a->rhs);
	glp_set_mat_row(P, i, (int)a->n, a->lp->ind, a->lp->val);
	a->lp->rows_added = true;
	return STATUS_OK;
}

enum status glpkw_lp_add_row(struct glpkw_lp *lp, int sense, double rhs, size_t n,
			     const int *cols, const double *vals, struct diag_list *diag)
{
	enum status st = lp_scratch(lp, n, cols, vals, diag);
	if (st != STATUS_OK)
		return st;
	struct glpkw_term term = { .log = NULL };
	struct lp_row_args args = { lp, sense, rhs, n };
	return glpkw_guarded(lp_row_body, &args, &term, diag, NULL);
}

struct lp_solve_args {
	struct glpkw_lp *lp;
	double time_limit, *value, *primal, *dual;
	long long work_limit, *work;
	bool *work_up;
	const volatile sig_atomic_t *stop;
	bool *optimal;
};

/* A large relaxation can take many seconds: it is solved in slices of this
 * many iterations (each resuming from the last basis), so a stop is seen
 * between two. Counted, not timed: a resumed simplex rebuilds its
 * factorisation and pricing weights, so where the slices fall steers the
 * pivots (and on a degenerate LP the vertex and its duals). */
#define LP_SLICE_ITERATIONS 20000

static enum status lp_solve_body(void *arg, struct diag_list *diag)
{
	struct lp_solve_args *a = arg;
	glp_prob *P = a->lp->P;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	/* rows alone joined: the last basis is still dual feasible */
	if (a->lp->dual_after_rows && a->lp->rows_added && !a->lp->cols_added)
		smcp.meth = GLP_DUALP;
	a->lp->rows_added = a->lp->cols_added = false;
	double deadline = a->time_limit > 0 ? clock_seconds() + a->time_limit : HUGE_VAL;
	size_t rows = (size_t)glp_get_num_rows(P), cols = (size_t)glp_get_num_cols(P);
	long long max_it = a->work_limit > 0 ? work_iterations(a->work_limit, rows, cols) : -1;
	long long it = 0;
	int it0 = glp_get_it_cnt(P);
	int ret;
	for (;;) {
		smcp.tm_lim = glpkw_ms_left(deadline);
		smcp.it_lim = LP_SLICE_ITERATIONS;
		if (max_it >= 0 && max_it - it < LP_SLICE_ITERATIONS)
			smcp.it_lim = (int)(max_it - it);
		ret = glp_simplex(P, &smcp);
		if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
			/* the kept basis went bad: start over from a fresh one */
			glp_std_basis(P);
			ret = glp_simplex(P, &smcp);
		}
		it = glp_get_it_cnt(P) - it0;
		if (ret != GLP_EITLIM || (a->stop != NULL && *a->stop))
			break;
		if (max_it >= 0 && it >= max_it) {
			*a->work_up = true;
			break;
		}
	}
	*a->work = work_simplex(it, rows, cols);
	/* the iteration limit is the budget rounded down: all used */
	if (*a->work_up && *a->work < a->work_limit)
		*a->work = a->work_limit;
	if (ret != 0 && ret != GLP_ETMLIM && ret != GLP_EITLIM) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: simplex returned %d", ret);
		return STATUS_INTERNAL;
	}
	*a->optimal = ret == 0 && glp_get_status(P) == GLP_OPT;
	*a->value = glp_get_obj_val(P);
	int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
	for (int j = 1; a->primal != NULL && j <= n; j++)
		a->primal[j - 1] = glp_get_col_prim(P, j);
	for (int i = 1; a->dual != NULL && i <= m; i++)
		a->dual[i - 1] = glp_get_row_dual(P, i);
	return STATUS_OK;
}

enum status glpkw_lp_solve(struct glpkw_lp *lp, double time_limit, long long work_limit,
			   const volatile sig_atomic_t *stop, double *value,
			   bool *optimal, double *primal, double *dual,
			   long long *work, bool *work_up, struct diag_list *diag)
{
	long long work_scratch;
	bool up_scratch;
	if (work == NULL)
		work = &work_scratch;
	if (work_up == NULL)
		work_up = &up_scratch;
	*work = 0;
	*work_up = false;
	*optimal = false;
	*value = HUGE_VAL;
	if (!lp_alive(lp)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	struct glpkw_term term = { .log = NULL };
	struct lp_solve_args args = { lp, time_limit, value, primal, dual, work_limit, work,
				      work_up, stop, optimal };
	return glpkw_guarded(lp_solve_body, &args, &term, diag, NULL);
}

_Static_assert(GLPKW_BASIC == GLP_BS && GLPKW_AT_LOWER == GLP_NL && GLPKW_AT_UPPER == GLP_NU &&
	       GLPKW_FREE == GLP_NF && GLPKW_FIXED == GLP_NS, "basis statuses are GLPK's");

struct lp_copy_args {
	const struct glpkw_lp *src;
	struct glpkw_lp *lp;
};

static enum status lp_copy_body(void *arg, struct diag_list *diag)
{
	(void)diag;
	struct lp_copy_args *a = arg;
	glp_prob *from = a->src->P;
	a->lp->generation = glpkw_env_generation();
	glp_prob *P = a->lp->P = glp_create_prob();
	glp_copy_prob(P, from, GLP_OFF);
	/* the basis, whether or not the copy carries it */
	for (int i = 1; i <= glp_get_num_rows(from); i++)
		glp_set_row_stat(P, i, glp_get_row_stat(from, i));
	for (int j = 1; j <= glp_get_num_cols(from); j++)
		glp_set_col_stat(P, j, glp_get_col_stat(from, j));
	return STATUS_OK;
}

enum status glpkw_lp_copy(const struct glpkw_lp *src, struct glpkw_lp **out,
			  struct diag_list *diag)
{
	*out = NULL;
	if (!lp_alive(src)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	struct glpkw_lp *lp = calloc(1, sizeof *lp);
	if (lp == NULL)
		return STATUS_NO_MEMORY;
	struct glpkw_term term = { .log = NULL };
	struct lp_copy_args args = { src, lp };
	bool fatal;
	enum status st = glpkw_guarded(lp_copy_body, &args, &term, diag, &fatal);
	if (st != STATUS_OK) {
		/* a fatal error took the environment, and the copy with it */
		if (!fatal && lp->P != NULL)
			glp_delete_prob(lp->P);
		free(lp);
		return st;
	}
	glpkw_env_hold();
	*out = lp;
	return STATUS_OK;
}

enum status glpkw_lp_basis(const struct glpkw_lp *lp, size_t n_rows, size_t n_cols,
			   int *row_stat, int *col_stat, struct diag_list *diag)
{
	if (!lp_alive(lp)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	if ((size_t)glp_get_num_rows(lp->P) != n_rows || (size_t)glp_get_num_cols(lp->P) != n_cols) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation of another size");
		return STATUS_INTERNAL;
	}
	/* reading statuses cannot fail: no guard needed */
	for (int i = 1; i <= glp_get_num_rows(lp->P); i++)
		row_stat[i - 1] = glp_get_row_stat(lp->P, i);
	for (int j = 1; j <= glp_get_num_cols(lp->P); j++)
		col_stat[j - 1] = glp_get_col_stat(lp->P, j);
	return STATUS_OK;
}

void glpkw_lp_dual_after_rows(struct glpkw_lp *lp)
{
	if (lp != NULL)
		lp->dual_after_rows = true;
}

void glpkw_lp_free(struct glpkw_lp *lp)
{
	if (lp == NULL)
		return;
	if (lp_alive(lp))
		glp_delete_prob(lp->P);
	glpkw_env_unhold();
	free(lp->ind);
	free(lp->val);
	free(lp);
}

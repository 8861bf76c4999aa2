/* glpk_mip.c -- the integer program by GLPK's branch-and-cut: the root
 * relaxation, then a search steered by a callback (stop and time, bounds
 * and proofs by the objective step, lazy rows, heuristic points, branching
 * on groups first, progress lines). */
#include "glpk_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/base/clock.h"
#include "work.h"

void glpkw_params_init(struct glpkw_params *p)
{
	memset(p, 0, sizeof *p);
}

struct cb {
	const struct model *m;
	const struct glpkw_params *p;
	double t0, deadline, next_log;
	bool injected, stopped, time_up, gap_reached, work_up;
	double bound;      /* best proven upper bound seen so far */
	double *lp, *out;  /* n_cols, 0-based */
	double *one;       /* n_cols + 1, 1-based for GLPK */
	int *y_cols;       /* 1-based GLPK columns of y, in group order */
	size_t n_y;
	long nodes;
	long cut_rounds;   /* GLP_ICUTGEN requests, for the log */
	long long ticks;   /* work charged so far (see account) */
	int it_seen;       /* simplex iterations already charged */
	int nodes_seen;    /* nodes already charged */
	bool proven;       /* the objective step proved the incumbent */
	bool node_limit_hit;
	int *cut_ind;      /* the objective row, 1-based, for cutoff cuts */
	double *cut_val;
	int cut_len;
};

/* How far below incumbent + step a bound must be to count as proof: far
 * above LP round-off, far below one step. */
static double step_tol(double step, double inc)
{
	return fmin(0.5 * step, 1e-6 * fmax(1.0, fabs(inc)));
}

static bool incumbent(glp_tree *T, double *obj)
{
	glp_prob *P = glp_ios_get_prob(T);
	if (glp_mip_status(P) != GLP_FEAS && glp_mip_status(P) != GLP_OPT)
		return false;
	*obj = glp_mip_obj_val(P);
	return true;
}

static void offer(struct cb *c, glp_tree *T, const double *x)
{
	for (size_t j = 0; j < c->m->n_cols; j++)
		c->one[j + 1] = x[j];
	glp_ios_heur_sol(T, c->one);
}

/* Rows kept out of the LP join it here when the node's point breaks them
 * (a row the LP holds cannot be broken, so nothing needs remembering). */
static void add_lazy_rows(struct cb *c, glp_tree *T)
{
	const struct model *m = c->m;
	glp_prob *P = glp_ios_get_prob(T);
	for (size_t j = 0; j < m->n_cols; j++)
		c->lp[j] = glp_get_col_prim(P, (int)j + 1);
	int ind[64];
	double val[64];
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct model_row *r = &m->rows[i];
		if (!(c->p->lazy_rows >> r->kind & 1) || r->len >= 63)
			continue;
		double lhs = 0;
		for (size_t e = r->start; e < r->start + r->len; e++)
			lhs += m->val[e] * c->lp[m->ind[e]];
		double viol = r->sense == SENSE_LE ? lhs - r->rhs : r->rhs - lhs;
		if (viol <= 1e-6)
			continue;
		int k = 0;
		for (size_t e = r->start; e < r->start + r->len; e++) {
			k++;
			ind[k] = m->ind[e] + 1;
			val[k] = m->val[e];
		}
		glp_ios_add_row(T, NULL, 2, 0, k, ind, val,
				r->sense == SENSE_LE ? GLP_UP : GLP_LO, r->rhs);
	}
}

/* Charges the work since the last callback: simplex iterations (the
 * root's and the nodes'; GLPK solves node LPs on this problem, presolve
 * being off), new nodes, a round of cut generation, and the callback's
 * own pass over the rows, each priced by the LP's size at that moment.
 * GLPK calls back at the same points on every run, so the count is the
 * same on every run. */
static void account(struct cb *c, glp_tree *T, int reason)
{
	glp_prob *P = glp_ios_get_prob(T);
	size_t rows = (size_t)glp_get_num_rows(P), cols = (size_t)glp_get_num_cols(P);
	int it = glp_get_it_cnt(P);
	int a_cnt, n_cnt, t_cnt;
	glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
	c->ticks += work_simplex(it - c->it_seen + 1, rows, cols) +
		    work_nodes(t_cnt - c->nodes_seen, rows, cols);
	if (reason == GLP_ICUTGEN)
		c->ticks += work_cut_round(rows, cols, c->p->strong_cuts);
	c->it_seen = it;
	c->nodes_seen = t_cnt;
}

/* Ends the search when a stop is asked for, the work limit is reached or
 * time is up (the safety stop); *t gets the time. */
static bool stop_now(struct cb *c, glp_tree *T, double *t)
{
	const struct glpkw_params *p = c->p;
	if (p->stop != NULL && *p->stop) {
		c->stopped = true;
		glp_ios_terminate(T);
		return true;
	}
	if (p->work_limit > 0 && c->ticks >= p->work_limit) {
		c->work_up = true;
		glp_ios_terminate(T);
		return true;
	}
	*t = clock_seconds();
	if (c->deadline > 0 && *t >= c->deadline) {
		c->time_up = true;
		glp_ios_terminate(T);
		return true;
	}
	return false;
}

/* The incumbent into *inc (false when none), the cutoff counting as one,
 * and the best proven bound into c->bound: everything not yet pruned lies
 * in the active nodes. */
static bool track_bound(struct cb *c, glp_tree *T, double *inc)
{
	const struct glpkw_params *p = c->p;
	bool have = incumbent(T, inc);
	if (p->use_cutoff && (!have || *inc < p->cutoff)) {
		*inc = p->cutoff; /* a roster from elsewhere: only better ones count */
		have = true;
	}
	int best = glp_ios_best_node(T);
	if (best != 0) {
		double b = glp_ios_node_bound(T, best);
		if (have && b < *inc)
			b = *inc;
		if (b < c->bound)
			c->bound = b;
	}
	if (p->external_bound != 0 && p->external_bound < c->bound)
		c->bound = have ? fmax(p->external_bound, *inc) : p->external_bound;
	return have;
}

/* This node cannot beat the incumbent by a whole step: an objective
 * cutoff makes its LP infeasible, so GLPK prunes it rather than branching
 * down to the last fraction. */
static void cut_off_node(struct cb *c, glp_tree *T, double inc)
{
	const struct glpkw_params *p = c->p;
	double node = glp_get_obj_val(glp_ios_get_prob(T));
	double need = inc + p->obj_step - step_tol(p->obj_step, inc);
	if (node < need)
		glp_ios_add_row(T, NULL, 1, 0, c->cut_len, c->cut_ind, c->cut_val, GLP_LO, need);
}

/* After offering a point: GLPK's incumbent, if it is now better. */
static void follow_incumbent(glp_tree *T, double *inc, bool *have)
{
	double v;
	if (incumbent(T, &v) && (!*have || v > *inc)) {
		*inc = v;
		*have = true;
	}
}

/* The start point once, then the caller's heuristic at every call. */
static void offer_points(struct cb *c, glp_tree *T, double *inc, bool *have)
{
	const struct glpkw_params *p = c->p;
	if (!c->injected && p->start != NULL) {
		c->injected = true;
		offer(c, T, p->start);
		follow_incumbent(T, inc, have);
	}
	if (p->heur != NULL) {
		glp_prob *P = glp_ios_get_prob(T);
		for (size_t j = 0; j < c->m->n_cols; j++)
			c->lp[j] = glp_get_col_prim(P, (int)j + 1);
		if (p->heur(p->heur_ctx, c->lp, *inc, *have, c->out))
			offer(c, T, c->out);
		follow_incumbent(T, inc, have);
	}
}

/* Whether a group runs decides most else: branch there first, on the
 * most fractional one (lowest index on ties). */
static void branch_on_groups(struct cb *c, glp_tree *T)
{
	glp_prob *P = glp_ios_get_prob(T);
	int pick = 0;
	double frac = 0;
	for (size_t i = 0; i < c->n_y; i++) {
		int j = c->y_cols[i];
		if (!glp_ios_can_branch(T, j))
			continue;
		double v = glp_get_col_prim(P, j);
		double f = fmin(v - floor(v), ceil(v) - v);
		if (f > frac + 1e-9) {
			frac = f;
			pick = j;
		}
	}
	if (pick != 0)
		glp_ios_branch_upon(T, pick, GLP_UP_BRNCH);
}

static void log_progress(struct cb *c, double t, bool have, double inc, int t_cnt, int a_cnt)
{
	const struct glpkw_params *p = c->p;
	if (have)
		fprintf(p->log, "mip: %.1fs incumbent %.6g bound %.6g gap %.3g%% nodes %d active %d\n",
			t - c->t0, inc, c->bound,
			100.0 * fmax(0.0, c->bound - inc) / fmax(1.0, fabs(c->bound)),
			t_cnt, a_cnt);
	else
		fprintf(p->log, "mip: %.1fs no incumbent bound %.6g nodes %d active %d\n",
			t - c->t0, c->bound, t_cnt, a_cnt);
	c->next_log = t + (p->log_interval > 0 ? p->log_interval : 5.0);
}

static void callback(glp_tree *T, void *info)
{
	struct cb *c = info;
	const struct glpkw_params *p = c->p;
	int reason = glp_ios_reason(T);
	double t, inc = 0;
	if (reason == GLP_ICUTGEN)
		c->cut_rounds++;
	account(c, T, reason);
	if (stop_now(c, T, &t))
		return;
	bool have = track_bound(c, T, &inc);
	if (have && p->obj_step > 0 && c->bound < inc + p->obj_step - step_tol(p->obj_step, inc)) {
		c->proven = true;
		glp_ios_terminate(T);
		return;
	}
	if (reason == GLP_ICUTGEN && have && p->obj_step > 0 && c->cut_len > 0)
		cut_off_node(c, T, inc);
	if (reason == GLP_ICUTGEN && p->lazy_rows != 0)
		add_lazy_rows(c, T);
	if (reason == GLP_IHEUR)
		offer_points(c, T, &inc, &have);
	else if (reason == GLP_IBRANCH && p->branch_y_first)
		branch_on_groups(c, T);

	if (have && c->bound < HUGE_VAL && p->mip_gap > 0) {
		double gap = (c->bound - inc) / fmax(1.0, fabs(c->bound));
		if (gap <= p->mip_gap) {
			c->gap_reached = true;
			glp_ios_terminate(T);
			return;
		}
	}
	int a_cnt, n_cnt, t_cnt;
	glp_ios_tree_size(T, &a_cnt, &n_cnt, &t_cnt);
	c->nodes = t_cnt;
	if (p->node_limit > 0 && t_cnt >= p->node_limit) {
		c->node_limit_hit = true;
		glp_ios_terminate(T);
		return;
	}
	if (p->log != NULL && t >= c->next_log)
		log_progress(c, t, have, inc, t_cnt, a_cnt);
}

/* The root relaxation. *go_on is set when it has an optimum and
 * branch-and-cut should follow; otherwise r says why not (time up,
 * infeasible) or the status is an error. */
static enum status solve_root(glp_prob *P, const struct glpkw_params *p, struct glpkw_result *r,
			      struct cb *c, bool *go_on, struct diag_list *diag)
{
	*go_on = false;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	smcp.presolve = GLP_ON; /* faster; the basis it leaves is what intopt needs */
	if (p->basis_rows != NULL && p->basis_cols != NULL) {
		/* warm: from an optimal basis the root costs no pivots */
		smcp.presolve = GLP_OFF;
		for (int i = 1; i <= glp_get_num_rows(P); i++)
			glp_set_row_stat(P, i, p->basis_rows[i - 1]);
		for (int j = 1; j <= glp_get_num_cols(P); j++)
			glp_set_col_stat(P, j, p->basis_cols[j - 1]);
	}
	smcp.tm_lim = glpkw_ms_left(c->deadline);
	if (p->work_limit > 0)
		smcp.it_lim = work_iterations(p->work_limit, glp_get_num_rows(P),
					      glp_get_num_cols(P));
	int ret = glp_simplex(P, &smcp);
	if (smcp.presolve == GLP_OFF && (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND)) {
		/* the basis given does not fit this problem: from scratch */
		glp_std_basis(P);
		smcp.presolve = GLP_ON;
		ret = glp_simplex(P, &smcp);
	}
	int lp_status = glp_get_status(P);
	if (smcp.presolve == GLP_OFF)
		c->ticks += work_simplex(GLPKW_WARM_ROOT_ITERATIONS, (size_t)glp_get_num_rows(P),
					 (size_t)glp_get_num_cols(P));
	r->work = c->ticks + work_simplex(glp_get_it_cnt(P), (size_t)glp_get_num_rows(P),
					  (size_t)glp_get_num_cols(P));
	if (ret == GLP_EITLIM) {
		/* the iteration limit is the budget rounded down: all used */
		r->work_up = true;
		if (r->work < p->work_limit)
			r->work = p->work_limit;
		return STATUS_OK;
	}
	if (ret == GLP_ETMLIM) {
		r->time_up = true;
		return STATUS_OK;
	}
	/* ENOPFS, ENODFS: the presolver saw that no point satisfies the rows
	 * (the relaxation cannot be unbounded, every column is bounded) */
	if (ret == GLP_ENOPFS || ret == GLP_ENODFS ||
	    (ret == 0 && (lp_status == GLP_NOFEAS || lp_status == GLP_INFEAS))) {
		r->outcome = GLPKW_INFEASIBLE;
		r->beats_cutoff_none = p->use_cutoff;
		return STATUS_OK;
	}
	if (ret != 0) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: simplex returned %d", ret);
		return STATUS_INTERNAL;
	}
	if (lp_status != GLP_OPT) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation status %d",
			   lp_status);
		return STATUS_INTERNAL;
	}
	r->lp_bound = glp_get_obj_val(P);
	c->bound = r->lp_bound;
	if (p->log != NULL)
		fprintf(p->log, "lp: relaxation %.6g in %.2fs\n", r->lp_bound,
			clock_seconds() - c->t0);
	*go_on = true;
	return STATUS_OK;
}

static void init_iocp(glp_iocp *iocp, const struct glpkw_params *p, struct cb *c)
{
	glp_init_iocp(iocp);
	iocp->msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp->presolve = GLP_OFF; /* the callback speaks the original columns */
	iocp->cb_func = callback;
	iocp->cb_info = c;
	iocp->tm_lim = glpkw_ms_left(c->deadline);
	iocp->mip_gap = p->mip_gap;
	iocp->br_tech = GLP_BR_DTH;
	iocp->bt_tech = GLP_BT_BLB;
	iocp->clq_cuts = GLP_ON;
	iocp->mir_cuts = p->strong_cuts ? GLP_ON : GLP_OFF;
	iocp->cov_cuts = GLP_OFF;
	iocp->gmi_cuts = p->strong_cuts ? GLP_ON : GLP_OFF;
	iocp->fp_heur = GLP_OFF;
}

/* The outcome of glp_intopt's return and the MIP status; false for a
 * return that is a failure. */
static bool set_outcome(struct glpkw_result *r, const struct cb *c, int ret, int mip_status)
{
	switch (ret) {
	case 0:
		if (mip_status == GLP_OPT)
			r->outcome = GLPKW_OPTIMAL;
		else if (mip_status == GLP_NOFEAS)
			r->outcome = GLPKW_INFEASIBLE;
		else
			r->outcome = mip_status == GLP_FEAS ? GLPKW_FEASIBLE : GLPKW_NONE;
		return true;
	case GLP_EMIPGAP:
		r->outcome = GLPKW_OPTIMAL;
		return true;
	case GLP_ETMLIM:
	case GLP_ESTOP:
		if (mip_status != GLP_FEAS && mip_status != GLP_OPT)
			r->outcome = GLPKW_NONE; /* proven or not, no point of GLPK's */
		else if (c->gap_reached || c->proven)
			r->outcome = GLPKW_OPTIMAL;
		else
			r->outcome = GLPKW_FEASIBLE;
		return true;
	default:
		return false;
	}
}

static enum status branch_and_cut(glp_prob *P, const struct model *m,
				  const struct glpkw_params *p, struct glpkw_result *r,
				  struct cb *c, struct diag_list *diag)
{
	glp_iocp iocp;
	init_iocp(&iocp, p, c);
	int ret = glp_intopt(P, &iocp);
	int mip_status = glp_mip_status(P);
	bool point = mip_status == GLP_FEAS || mip_status == GLP_OPT;
	r->stopped = c->stopped;
	r->time_up = c->time_up || ret == GLP_ETMLIM;
	r->work_up = c->work_up;
	r->nodes = c->nodes;
	r->work = c->ticks + work_simplex(glp_get_it_cnt(P) - c->it_seen,
					  (size_t)glp_get_num_rows(P), (size_t)glp_get_num_cols(P));
	r->node_limit = c->node_limit_hit;
	if (p->log != NULL)
		fprintf(p->log, "mip-end: ret %d status %d obj %.6g nodes %ld bound %.6g "
			"lp %.6g cols %zu rows %d%s%s%s%s it %d cutgen %ld ticks %lld %.2fs\n",
			ret, mip_status, point ? glp_mip_obj_val(P) : NAN, c->nodes, c->bound,
			r->lp_bound, m->n_cols, glp_get_num_rows(P), c->time_up ? " time" : "",
			c->node_limit_hit ? " nodelimit" : "", c->work_up ? " work" : "",
			c->proven ? " proven" : "", glp_get_it_cnt(P), c->cut_rounds, r->work,
			clock_seconds() - c->t0);
	if (p->use_cutoff) {
		/* proven by the step, or every node cut off */
		bool better = point && glp_mip_obj_val(P) > p->cutoff;
		r->beats_cutoff_none = !better && (c->proven || (ret == 0 && !point));
	}
	if (!set_outcome(r, c, ret, mip_status)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: branch-and-cut returned %d",
			   ret);
		return STATUS_INTERNAL;
	}
	if (r->outcome == GLPKW_OPTIMAL || r->outcome == GLPKW_FEASIBLE) {
		for (size_t j = 0; j < m->n_cols; j++)
			r->x[j] = glp_mip_col_val(P, (int)j + 1);
		r->obj = glp_mip_obj_val(P);
		if ((ret == 0 && mip_status == GLP_OPT) || c->proven)
			r->bound = r->obj;
		else
			r->bound = fmax(fmin(c->bound, r->lp_bound), r->obj);
	} else if (r->outcome == GLPKW_NONE) {
		r->bound = fmin(c->bound, r->lp_bound);
	}
	return STATUS_OK;
}

struct solve_args {
	const struct model *m;
	const struct glpkw_params *p;
	struct glpkw_result *r;
	struct cb *c;
};

/* The solve proper; fatal GLPK errors long-jump out of it (see
 * glpkw_guarded). */
static enum status solve_body(void *arg, struct diag_list *diag)
{
	struct solve_args *a = arg;
	glp_prob *P = glpkw_prob_new(a->m, false, a->p->lazy_rows);
	if (P == NULL)
		return STATUS_NO_MEMORY;
	glp_scale_prob(P, GLP_SF_AUTO);
	bool go_on;
	enum status st = solve_root(P, a->p, a->r, a->c, &go_on, diag);
	if (st == STATUS_OK && go_on)
		st = branch_and_cut(P, a->m, a->p, a->r, a->c, diag);
	glp_delete_prob(P);
	return st;
}

enum status glpkw_solve(const struct model *m, const struct glpkw_params *p,
			struct glpkw_result *r, struct diag_list *diag)
{
	r->outcome = GLPKW_NONE;
	r->obj = 0;
	r->bound = HUGE_VAL;
	r->lp_bound = HUGE_VAL;
	r->stopped = r->time_up = r->node_limit = r->beats_cutoff_none = false;
	r->work_up = false;
	r->nodes = 0;
	r->work = 0;

	struct cb c = { 0 };
	c.m = m;
	c.p = p;
	c.t0 = clock_seconds();
	c.deadline = p->time_limit > 0 ? c.t0 + p->time_limit : 0;
	c.next_log = c.t0;
	c.bound = HUGE_VAL;
	c.lp = malloc((m->n_cols + 1) * sizeof *c.lp);
	c.out = malloc((m->n_cols + 1) * sizeof *c.out);
	c.one = malloc((m->n_cols + 2) * sizeof *c.one);
	c.y_cols = malloc((m->n_cols + 1) * sizeof *c.y_cols);
	c.cut_ind = malloc((m->n_cols + 2) * sizeof *c.cut_ind);
	c.cut_val = malloc((m->n_cols + 2) * sizeof *c.cut_val);
	struct glpkw_term term = { .log = p->log, .verbose = p->verbose };
	enum status st = STATUS_NO_MEMORY;
	if (c.lp == NULL || c.out == NULL || c.one == NULL || c.y_cols == NULL ||
	    c.cut_ind == NULL || c.cut_val == NULL)
		goto done;
	for (size_t j = 0; j < m->n_cols; j++) {
		if (m->cols[j].obj == 0)
			continue;
		c.cut_len++;
		c.cut_ind[c.cut_len] = (int)j + 1;
		c.cut_val[c.cut_len] = m->cols[j].obj;
	}
	for (size_t j = 0; j < m->n_cols; j++)
		if (m->cols[j].kind == COL_Y)
			c.y_cols[c.n_y++] = (int)j + 1;

	struct solve_args args = { m, p, r, &c };
	st = glpkw_guarded_once(solve_body, &args, &term, diag);
done:
	free(c.lp);
	free(c.out);
	free(c.one);
	free(c.y_cols);
	free(c.cut_ind);
	free(c.cut_val);
	return st;
}

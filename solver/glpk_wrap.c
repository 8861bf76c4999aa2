/* glpk_wrap.c -- the one door to GLPK: solve or export a struct model.
 *
 * The only file that includes glpk.h. GLPK prints to the terminal and calls
 * abort() on fatal errors; both are intercepted here: terminal output goes
 * through a hook (kept from the user, forwarded to the log when verbose),
 * and a fatal error long-jumps back to the caller, frees the GLPK
 * environment and becomes STATUS_INTERNAL. */
#include "glpk_wrap.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void glpkw_params_init(struct glpkw_params *p)
{
	memset(p, 0, sizeof *p);
}

/* ---- terminal output and fatal errors -------------------------------- */

struct term {
	FILE *log;
	bool verbose;
	char line[240];  /* the line being printed */
	size_t len;
	char prev[240], last[240]; /* the last two complete lines */
};

static int term_hook(void *info, const char *s)
{
	struct term *t = info;
	if (t->log != NULL && t->verbose)
		fprintf(t->log, "glpk: %s", s);
	/* A fatal error arrives as a reason line, then "Error detected in
	 * file ... at line ...": keep both. */
	for (; *s; s++) {
		if (*s != '\n') {
			if (t->len + 1 < sizeof t->line)
				t->line[t->len++] = *s;
			continue;
		}
		if (t->len == 0)
			continue;
		t->line[t->len] = '\0';
		memcpy(t->prev, t->last, sizeof t->prev);
		memcpy(t->last, t->line, t->len + 1);
		t->len = 0;
	}
	return 1; /* nonzero: GLPK prints nothing itself */
}

/* "the solver failed: REASON | WHERE" from the captured lines. */
static void diag_failure(struct diag_list *diag, const struct term *t)
{
	if (t->last[0] == '\0')
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: glpk error");
	else if (t->prev[0] == '\0')
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: %s", t->last);
	else
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: %s | %s", t->prev, t->last);
}

static void error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* ---- building the problem -------------------------------------------- */

static glp_prob *build(const struct model *m, bool names)
{
	glp_prob *P = glp_create_prob();
	glp_set_obj_dir(P, GLP_MAX);
	char name[512];
	if (names) {
		glp_set_prob_name(P, "iop_roster");
		model_obj_name(name, sizeof name);
		glp_set_obj_name(P, name);
	}
	int n = (int)m->n_cols, nr = (int)m->n_rows;
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
	for (int i = 1; i <= nr; i++) {
		const struct model_row *r = &m->rows[i - 1];
		glp_set_row_bnds(P, i, r->sense == SENSE_LE ? GLP_UP : GLP_LO, r->rhs, r->rhs);
		if (names) {
			model_row_name(m, (size_t)i - 1, name, sizeof name);
			glp_set_row_name(P, i, name);
		}
	}
	return P;
}

/* Loads the matrix; returns false when the index arrays cannot be had.
 * Rows need not cover ind/val contiguously. */
static bool load_matrix(glp_prob *P, const struct model *m)
{
	size_t nz = 0;
	for (size_t i = 0; i < m->n_rows; i++)
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
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct model_row *r = &m->rows[i];
		for (size_t e = r->start; e < r->start + r->len; e++) {
			k++;
			ia[k] = (int)i + 1;
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

/* ---- branch-and-cut callback ----------------------------------------- */

struct cb {
	const struct model *m;
	const struct glpkw_params *p;
	double t0, deadline, next_log;
	bool injected, stopped, time_up, gap_reached;
	double bound;      /* best proven upper bound seen so far */
	double *lp, *out;  /* n_cols, 0-based */
	double *one;       /* n_cols + 1, 1-based for GLPK */
	int *y_cols;       /* 1-based GLPK columns of y, in group order */
	size_t n_y;
	long nodes;
	bool proven;       /* the objective step proved the incumbent */
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

static void callback(glp_tree *T, void *info)
{
	struct cb *c = info;
	const struct glpkw_params *p = c->p;
	int reason = glp_ios_reason(T);

	if (p->stop != NULL && *p->stop) {
		c->stopped = true;
		glp_ios_terminate(T);
		return;
	}
	double t = now_seconds();
	if (c->deadline > 0 && t >= c->deadline) {
		c->time_up = true;
		glp_ios_terminate(T);
		return;
	}

	/* Everything not yet pruned lies in the active nodes. */
	double inc = 0;
	bool have = incumbent(T, &inc);
	int best = glp_ios_best_node(T);
	if (best != 0) {
		double b = glp_ios_node_bound(T, best);
		if (have && b < inc)
			b = inc;
		if (b < c->bound)
			c->bound = b;
	}

	if (have && p->obj_step > 0 && c->bound < inc + p->obj_step - step_tol(p->obj_step, inc)) {
		c->proven = true;
		glp_ios_terminate(T);
		return;
	}

	if (reason == GLP_ICUTGEN && have && p->obj_step > 0 && c->cut_len > 0) {
		/* This node cannot beat the incumbent by a whole step: an
		 * objective cutoff makes its LP infeasible, so GLPK prunes it
		 * rather than branching down to the last fraction. */
		double node = glp_get_obj_val(glp_ios_get_prob(T));
		double need = inc + p->obj_step - step_tol(p->obj_step, inc);
		if (node < need)
			glp_ios_add_row(T, NULL, 1, 0, c->cut_len, c->cut_ind, c->cut_val,
					GLP_LO, need);
	}

	if (reason == GLP_IHEUR) {
		if (!c->injected && p->start != NULL) {
			c->injected = true;
			offer(c, T, p->start);
			have = incumbent(T, &inc);
		}
		if (p->heur != NULL) {
			glp_prob *P = glp_ios_get_prob(T);
			for (size_t j = 0; j < c->m->n_cols; j++)
				c->lp[j] = glp_get_col_prim(P, (int)j + 1);
			if (p->heur(p->heur_ctx, c->lp, inc, have, c->out))
				offer(c, T, c->out);
			have = incumbent(T, &inc);
		}
	} else if (reason == GLP_IBRANCH && p->branch_y_first) {
		/* Whether a group runs decides most else: branch there first,
		 * on the most fractional one (lowest index on ties). */
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
	if (p->log != NULL && t >= c->next_log) {
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
}

/* ---- solving ----------------------------------------------------------- */

static int ms_left(double deadline)
{
	if (deadline <= 0)
		return INT_MAX;
	double left = (deadline - now_seconds()) * 1000.0;
	if (left < 1)
		return 1;
	return left > (double)INT_MAX ? INT_MAX : (int)left;
}

/* The solve proper; fatal GLPK errors long-jump out of it (see glpkw_solve). */
static enum status solve_body(const struct model *m, const struct glpkw_params *p,
			      struct glpkw_result *r, struct cb *c, struct diag_list *diag)
{
	enum status st = STATUS_OK;
	glp_prob *P = build(m, false);
	if (!load_matrix(P, m)) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	glp_scale_prob(P, GLP_SF_AUTO);

	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	smcp.presolve = GLP_OFF;
	smcp.tm_lim = ms_left(c->deadline);
	int ret = glp_simplex(P, &smcp);
	int lp_status = glp_get_status(P);
	if (ret == GLP_ETMLIM) {
		r->time_up = true;
		goto out;
	}
	if (ret != 0) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: simplex returned %d", ret);
		st = STATUS_INTERNAL;
		goto out;
	}
	if (lp_status == GLP_NOFEAS || lp_status == GLP_INFEAS) {
		r->outcome = GLPKW_INFEASIBLE;
		goto out;
	}
	if (lp_status != GLP_OPT) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation status %d",
			   lp_status);
		st = STATUS_INTERNAL;
		goto out;
	}
	r->lp_bound = glp_get_obj_val(P);
	c->bound = r->lp_bound;
	if (p->log != NULL)
		fprintf(p->log, "lp: relaxation %.6g in %.2fs\n", r->lp_bound,
			now_seconds() - c->t0);

	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp.presolve = GLP_OFF; /* the callback speaks the original columns */
	iocp.cb_func = callback;
	iocp.cb_info = c;
	iocp.tm_lim = ms_left(c->deadline);
	iocp.mip_gap = p->mip_gap;
	iocp.br_tech = GLP_BR_DTH;
	iocp.bt_tech = GLP_BT_BLB;
	iocp.clq_cuts = GLP_ON;
	iocp.mir_cuts = GLP_OFF;
	iocp.cov_cuts = GLP_OFF;
	iocp.gmi_cuts = GLP_OFF;
	iocp.fp_heur = GLP_OFF;
	ret = glp_intopt(P, &iocp);
	int mip_status = glp_mip_status(P);
	r->stopped = c->stopped;
	r->time_up = c->time_up || ret == GLP_ETMLIM;
	r->nodes = c->nodes;
	switch (ret) {
	case 0:
		if (mip_status == GLP_OPT)
			r->outcome = GLPKW_OPTIMAL;
		else if (mip_status == GLP_NOFEAS)
			r->outcome = GLPKW_INFEASIBLE;
		else
			r->outcome = mip_status == GLP_FEAS ? GLPKW_FEASIBLE : GLPKW_NONE;
		break;
	case GLP_EMIPGAP:
		r->outcome = GLPKW_OPTIMAL;
		break;
	case GLP_ETMLIM:
	case GLP_ESTOP:
		if (c->gap_reached || c->proven)
			r->outcome = GLPKW_OPTIMAL;
		else
			r->outcome = mip_status == GLP_FEAS || mip_status == GLP_OPT
				? GLPKW_FEASIBLE : GLPKW_NONE;
		break;
	default:
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: branch-and-cut returned %d",
			   ret);
		st = STATUS_INTERNAL;
		goto out;
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
out:
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
	r->stopped = r->time_up = false;
	r->nodes = 0;

	struct cb c = { 0 };
	c.m = m;
	c.p = p;
	c.t0 = now_seconds();
	c.deadline = p->time_limit > 0 ? c.t0 + p->time_limit : 0;
	c.next_log = c.t0;
	c.bound = HUGE_VAL;
	c.lp = malloc((m->n_cols + 1) * sizeof *c.lp);
	c.out = malloc((m->n_cols + 1) * sizeof *c.out);
	c.one = malloc((m->n_cols + 2) * sizeof *c.one);
	c.y_cols = malloc((m->n_cols + 1) * sizeof *c.y_cols);
	c.cut_ind = malloc((m->n_cols + 2) * sizeof *c.cut_ind);
	c.cut_val = malloc((m->n_cols + 2) * sizeof *c.cut_val);
	struct term term = { .log = p->log, .verbose = p->verbose };
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

	jmp_buf jb;
	glp_term_hook(term_hook, &term);
	glp_error_hook(error_hook, &jb);
	if (setjmp(jb) == 0) {
		st = solve_body(m, p, r, &c, diag);
	} else {
		diag_failure(diag, &term);
		st = STATUS_INTERNAL;
	}
	glp_free_env(); /* nothing of GLPK outlives the call, even after an error */
done:
	free(c.lp);
	free(c.out);
	free(c.one);
	free(c.y_cols);
	free(c.cut_ind);
	free(c.cut_val);
	return st;
}

struct lp_args {
	double time_limit, *value, *col;
	bool *feasible;
};

static enum status lp_body(const struct model *m, struct lp_args *a, struct diag_list *diag)
{
	enum status st = STATUS_OK;
	glp_prob *P = build(m, false);
	if (!load_matrix(P, m)) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	glp_scale_prob(P, GLP_SF_AUTO);
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	if (a->time_limit > 0)
		smcp.tm_lim = ms_left(now_seconds() + a->time_limit);
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
	struct term term = { .log = NULL };
	struct lp_args args = { time_limit, value, col, feasible };
	*value = HUGE_VAL;
	*feasible = true;
	enum status st;
	jmp_buf jb;
	glp_term_hook(term_hook, &term);
	glp_error_hook(error_hook, &jb);
	if (setjmp(jb) == 0) {
		st = lp_body(m, &args, diag);
	} else {
		diag_failure(diag, &term);
		st = STATUS_INTERNAL;
	}
	glp_free_env();
	return st;
}

static enum status export_body(const struct model *m, const char *lp_path,
			       const char *mps_path, struct term *term,
			       struct diag_list *diag)
{
	enum status st = STATUS_OK;
	glp_prob *P = build(m, true);
	if (!load_matrix(P, m)) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	if (lp_path != NULL && glp_write_lp(P, NULL, lp_path) != 0) {
		diag_error(diag, lp_path, 0, 0, NULL, "cannot write the model: %s",
			   term->last[0] ? term->last : "write failed");
		st = STATUS_CANT_CREATE;
		goto out;
	}
	if (mps_path != NULL && glp_write_mps(P, GLP_MPS_FILE, NULL, mps_path) != 0) {
		diag_error(diag, mps_path, 0, 0, NULL, "cannot write the model: %s",
			   term->last[0] ? term->last : "write failed");
		st = STATUS_CANT_CREATE;
	}
out:
	glp_delete_prob(P);
	return st;
}

enum status glpkw_export(const struct model *m, const char *lp_path,
			 const char *mps_path, struct diag_list *diag)
{
	struct term term = { .log = NULL };
	enum status st;
	jmp_buf jb;
	glp_term_hook(term_hook, &term);
	glp_error_hook(error_hook, &jb);
	if (setjmp(jb) == 0) {
		st = export_body(m, lp_path, mps_path, &term, diag);
	} else {
		diag_failure(diag, &term);
		st = STATUS_INTERNAL;
	}
	glp_free_env();
	return st;
}

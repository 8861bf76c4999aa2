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
#include "data/base/clock.h"

/* GLPK keeps one environment for all its objects. Each call frees it when
 * done (so nothing of GLPK outlives a plan), except while a long-lived
 * relaxation (glpkw_lp) exists; a fatal error frees it regardless, and the
 * generation count tells surviving handles their problem is gone. */
static int live_lps;
static unsigned env_generation;

static void env_done(bool failed)
{
	if (failed || live_lps == 0) {
		glp_free_env();
		env_generation++;
	}
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

/* "the solver failed: REASON | WHERE" from the captured lines; GLPK's own
 * allocator failing is out of memory, not a solver bug. */
static enum status diag_failure(struct diag_list *diag, const struct term *t)
{
	bool memory = strstr(t->prev, "no memory") != NULL || strstr(t->last, "no memory") != NULL ||
		      strstr(t->prev, "out of memory") != NULL ||
		      strstr(t->last, "out of memory") != NULL;
	if (memory)
		diag_error(diag, NULL, 0, 0, NULL, "out of memory in the solver");
	else if (t->last[0] == '\0')
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: glpk error");
	else if (t->prev[0] == '\0')
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: %s", t->last);
	else
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: %s | %s", t->prev, t->last);
	return memory ? STATUS_NO_MEMORY : STATUS_INTERNAL;
}

/* Between calls (a glpkw_lp alive) GLPK still must not print. */
static int silent_hook(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1;
}

static void error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* Runs body(arg, diag) with GLPK's terminal output captured in *term and
 * its fatal errors caught. On a fatal error the environment is freed
 * (every kept relaxation with it), the captured lines become the diag and
 * *fatal (fatal may be NULL) is set. Otherwise GLPK is left silent for the time until the next
 * call, whose hooks would otherwise point into this frame. */
static enum status guarded(enum status (*body)(void *arg, struct diag_list *diag), void *arg,
			   struct term *term, struct diag_list *diag, bool *fatal)
{
	jmp_buf jb;
	if (fatal != NULL)
		*fatal = false;
	glp_term_hook(term_hook, term);
	glp_error_hook(error_hook, &jb);
	if (setjmp(jb) != 0) {
		enum status st = diag_failure(diag, term);
		if (fatal != NULL)
			*fatal = true;
		env_done(true);
		return st;
	}
	enum status st = body(arg, diag);
	glp_term_hook(silent_hook, NULL);
	glp_error_hook(NULL, NULL);
	return st;
}

/* A guarded call that leaves nothing of GLPK behind, unless a kept
 * relaxation still needs the environment. */
static enum status guarded_once(enum status (*body)(void *arg, struct diag_list *diag),
				void *arg, struct term *term, struct diag_list *diag)
{
	bool fatal;
	enum status st = guarded(body, arg, term, diag, &fatal);
	if (!fatal)
		env_done(false);
	return st;
}

/* ---- building the problem -------------------------------------------- */

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
	double t = clock_seconds();
	if (c->deadline > 0 && t >= c->deadline) {
		c->time_up = true;
		glp_ios_terminate(T);
		return;
	}

	/* Everything not yet pruned lies in the active nodes. */
	double inc = 0;
	bool have = incumbent(T, &inc);
	if (p->use_cutoff && (!have || inc < p->cutoff)) {
		inc = p->cutoff; /* a roster from elsewhere: only better ones count */
		have = true;
	}
	int best = glp_ios_best_node(T);
	if (best != 0) {
		double b = glp_ios_node_bound(T, best);
		if (have && b < inc)
			b = inc;
		if (b < c->bound)
			c->bound = b;
	}
	if (p->external_bound != 0 && p->external_bound < c->bound)
		c->bound = have ? fmax(p->external_bound, inc) : p->external_bound;

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

	if (reason == GLP_ICUTGEN && p->lazy_rows != 0)
		add_lazy_rows(c, T);

	if (reason == GLP_IHEUR) {
		if (!c->injected && p->start != NULL) {
			c->injected = true;
			offer(c, T, p->start);
			double v;
			if (incumbent(T, &v) && (!have || v > inc)) {
				inc = v;
				have = true;
			}
		}
		if (p->heur != NULL) {
			glp_prob *P = glp_ios_get_prob(T);
			for (size_t j = 0; j < c->m->n_cols; j++)
				c->lp[j] = glp_get_col_prim(P, (int)j + 1);
			if (p->heur(p->heur_ctx, c->lp, inc, have, c->out))
				offer(c, T, c->out);
			double v;
			if (incumbent(T, &v) && (!have || v > inc)) {
				inc = v;
				have = true;
			}
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
	if (p->node_limit > 0 && t_cnt >= p->node_limit) {
		c->node_limit_hit = true;
		glp_ios_terminate(T);
		return;
	}
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
	double left = (deadline - clock_seconds()) * 1000.0;
	if (left < 1)
		return 1;
	return left > (double)INT_MAX ? INT_MAX : (int)left;
}

struct solve_args {
	const struct model *m;
	const struct glpkw_params *p;
	struct glpkw_result *r;
	struct cb *c;
};

/* The solve proper; fatal GLPK errors long-jump out of it (see guarded). */
static enum status solve_body(void *arg, struct diag_list *diag)
{
	struct solve_args *a = arg;
	const struct model *m = a->m;
	const struct glpkw_params *p = a->p;
	struct glpkw_result *r = a->r;
	struct cb *c = a->c;
	enum status st = STATUS_OK;
	glp_prob *P = build(m, false, p->lazy_rows);
	if (!load_matrix(P, m, p->lazy_rows)) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	glp_scale_prob(P, GLP_SF_AUTO);

	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	smcp.presolve = GLP_ON; /* faster; the basis it leaves is what intopt needs */
	smcp.tm_lim = ms_left(c->deadline);
	int ret = glp_simplex(P, &smcp);
	int lp_status = glp_get_status(P);
	if (ret == GLP_ETMLIM) {
		r->time_up = true;
		goto out;
	}
	if (ret == GLP_ENOPFS || ret == GLP_ENODFS) {
		/* the presolver saw it: no point satisfies the rows (the
		 * relaxation cannot be unbounded, every column is bounded) */
		r->outcome = GLPKW_INFEASIBLE;
		r->beats_cutoff_none = p->use_cutoff;
		goto out;
	}
	if (ret != 0) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: simplex returned %d", ret);
		st = STATUS_INTERNAL;
		goto out;
	}
	if (lp_status == GLP_NOFEAS || lp_status == GLP_INFEAS) {
		r->outcome = GLPKW_INFEASIBLE;
		r->beats_cutoff_none = p->use_cutoff;
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
			clock_seconds() - c->t0);

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
	iocp.mir_cuts = p->strong_cuts ? GLP_ON : GLP_OFF;
	iocp.cov_cuts = GLP_OFF;
	iocp.gmi_cuts = p->strong_cuts ? GLP_ON : GLP_OFF;
	iocp.fp_heur = GLP_OFF;
	ret = glp_intopt(P, &iocp);
	int mip_status = glp_mip_status(P);
	r->stopped = c->stopped;
	r->time_up = c->time_up || ret == GLP_ETMLIM;
	r->nodes = c->nodes;
	r->node_limit = c->node_limit_hit;
	if (p->use_cutoff) {
		/* proven by the step, or every node cut off */
		bool better = (mip_status == GLP_FEAS || mip_status == GLP_OPT) &&
			      glp_mip_obj_val(P) > p->cutoff;
		r->beats_cutoff_none = !better &&
			(c->proven || (ret == 0 && mip_status != GLP_FEAS && mip_status != GLP_OPT));
	}
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
		if (mip_status != GLP_FEAS && mip_status != GLP_OPT)
			r->outcome = GLPKW_NONE; /* proven or not, no point of GLPK's */
		else if (c->gap_reached || c->proven)
			r->outcome = GLPKW_OPTIMAL;
		else
			r->outcome = GLPKW_FEASIBLE;
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
	r->stopped = r->time_up = r->node_limit = r->beats_cutoff_none = false;
	r->nodes = 0;

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

	struct solve_args args = { m, p, r, &c };
	st = guarded_once(solve_body, &args, &term, diag);
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
	const struct model *m;
	double time_limit, *value, *col;
	bool *feasible;
};

static enum status lp_body(void *arg, struct diag_list *diag)
{
	struct lp_args *a = arg;
	const struct model *m = a->m;
	enum status st = STATUS_OK;
	glp_prob *P = build(m, false, 0);
	if (!load_matrix(P, m, 0)) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	glp_scale_prob(P, GLP_SF_AUTO);
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	if (a->time_limit > 0)
		smcp.tm_lim = ms_left(clock_seconds() + a->time_limit);
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
	struct lp_args args = { m, time_limit, value, col, feasible };
	*value = HUGE_VAL;
	*feasible = true;
	return guarded_once(lp_body, &args, &term, diag);
}

struct export_args {
	const struct model *m;
	const char *lp_path, *mps_path;
	const struct term *term; /* its last line says why a write failed */
};

static enum status export_body(void *arg, struct diag_list *diag)
{
	struct export_args *a = arg;
	const struct model *m = a->m;
	const char *lp_path = a->lp_path, *mps_path = a->mps_path;
	const struct term *term = a->term;
	enum status st = STATUS_OK;
	glp_prob *P = build(m, true, 0);
	if (!load_matrix(P, m, 0)) {
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
	struct export_args args = { m, lp_path, mps_path, &term };
	return guarded_once(export_body, &args, &term, diag);
}

/* ---- a relaxation kept alive ------------------------------------------- */

struct glpkw_lp {
	glp_prob *P;
	unsigned generation; /* the environment it lives in */
	int *ind;            /* scratch for one column, 1-based */
	double *val;
	size_t cap;
};

static bool lp_alive(const struct glpkw_lp *lp)
{
	return lp != NULL && lp->P != NULL && lp->generation == env_generation;
}

struct lp_new_args {
	const struct model *m;
	struct glpkw_lp *lp;
};

static enum status lp_new_body(void *arg, struct diag_list *diag)
{
	struct lp_new_args *a = arg;
	a->lp->generation = env_generation;
	a->lp->P = build(a->m, false, 0);
	if (!load_matrix(a->lp->P, a->m, 0))
		return STATUS_NO_MEMORY;
	return STATUS_OK;
}

enum status glpkw_lp_new(const struct model *m, struct glpkw_lp **out,
			 struct diag_list *diag)
{
	*out = NULL;
	struct glpkw_lp *lp = calloc(1, sizeof *lp);
	if (lp == NULL)
		return STATUS_NO_MEMORY;
	struct term term = { .log = NULL };
	struct lp_new_args args = { m, lp };
	bool fatal;
	enum status st = guarded(lp_new_body, &args, &term, diag, &fatal);
	if (fatal) {
		free(lp);
		return st;
	}
	if (st != STATUS_OK) {
		glp_delete_prob(lp->P);
		free(lp);
		env_done(false);
		return st;
	}
	live_lps++;
	*out = lp;
	return STATUS_OK;
}

struct lp_col_args {
	struct glpkw_lp *lp;
	double obj, lb, ub;
	size_t n;
	const int *rows;
	const double *vals;
};

static enum status lp_col_body(void *arg, struct diag_list *diag)
{
	struct lp_col_args *a = arg;
	glp_prob *P = a->lp->P;
	int j = glp_add_cols(P, 1);
	glp_set_col_bnds(P, j, a->lb == a->ub ? GLP_FX : GLP_DB, a->lb, a->ub);
	glp_set_obj_coef(P, j, a->obj);
	for (size_t i = 0; i < a->n; i++) {
		a->lp->ind[i + 1] = a->rows[i] + 1;
		a->lp->val[i + 1] = a->vals[i];
	}
	glp_set_mat_col(P, j, (int)a->n, a->lp->ind, a->lp->val);
	return STATUS_OK;
}

enum status glpkw_lp_add_col(struct glpkw_lp *lp, double obj, double lb, double ub,
			     size_t n, const int *rows, const double *vals,
			     struct diag_list *diag)
{
	if (!lp_alive(lp)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	if (n + 1 > lp->cap) {
		size_t cap = n + 64;
		int *ind = realloc(lp->ind, cap * sizeof *ind);
		if (ind == NULL)
			return STATUS_NO_MEMORY;
		lp->ind = ind;
		double *val = realloc(lp->val, cap * sizeof *val);
		if (val == NULL)
			return STATUS_NO_MEMORY;
		lp->val = val;
		lp->cap = cap;
	}
	struct term term = { .log = NULL };
	struct lp_col_args args = { lp, obj, lb, ub, n, rows, vals };
	return guarded(lp_col_body, &args, &term, diag, NULL);
}

struct lp_solve_args {
	struct glpkw_lp *lp;
	double time_limit, *value, *primal, *dual;
	const volatile sig_atomic_t *stop;
	bool *optimal;
};

/* A large relaxation can take many seconds: it is solved in slices this
 * long (each resuming from the last basis), so a stop is seen within one. */
#define LP_SLICE 1.0

static enum status lp_solve_body(void *arg, struct diag_list *diag)
{
	struct lp_solve_args *a = arg;
	glp_prob *P = a->lp->P;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	double deadline = a->time_limit > 0 ? clock_seconds() + a->time_limit : HUGE_VAL;
	int ret;
	for (;;) {
		smcp.tm_lim = ms_left(fmin(deadline, clock_seconds() + LP_SLICE));
		ret = glp_simplex(P, &smcp);
		if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
			/* the kept basis went bad: start over from a fresh one */
			glp_std_basis(P);
			ret = glp_simplex(P, &smcp);
		}
		if (ret != GLP_ETMLIM || clock_seconds() >= deadline ||
		    (a->stop != NULL && *a->stop))
			break;
	}
	if (ret != 0 && ret != GLP_ETMLIM) {
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

enum status glpkw_lp_solve(struct glpkw_lp *lp, double time_limit,
			   const volatile sig_atomic_t *stop, double *value,
			   bool *optimal, double *primal, double *dual,
			   struct diag_list *diag)
{
	*optimal = false;
	*value = HUGE_VAL;
	if (!lp_alive(lp)) {
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: relaxation lost");
		return STATUS_INTERNAL;
	}
	struct term term = { .log = NULL };
	struct lp_solve_args args = { lp, time_limit, value, primal, dual, stop, optimal };
	return guarded(lp_solve_body, &args, &term, diag, NULL);
}

void glpkw_lp_free(struct glpkw_lp *lp)
{
	if (lp == NULL)
		return;
	if (lp_alive(lp))
		glp_delete_prob(lp->P);
	live_lps--;
	env_done(false);
	free(lp->ind);
	free(lp->val);
	free(lp);
}

/* colgen.c -- column generation over patient plans (see colgen.h). */
#include "colgen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glpk_wrap.h"
#include "patient_plan.h"
#include "data/base/clock.h"
#include "data/base/grow.h"
#include "work.h"

#define RC_EPS 1e-6
/* Rounds of link rows (see add_link_cuts) at most: each is separated only
 * once pricing has converged, and a count keeps every run the same. */
#define LINK_ROUNDS 20
/* Link rows joining in one round at most (the most broken first): a week
 * of thousands of patients breaks thousands at once. */
#define LINK_ROWS_MAX 1000
/* ... and fewer on a large LP: the dual simplex takes about
 * LINK_ROW_ITERATIONS iterations a joined row (XL: 34,000 for 1,000, 44 s),
 * so a round gets as many rows as LINK_ROUND_TICKS of them pay for (XL:
 * ~290; a 950-patient week still its 1,000), never fewer than
 * LINK_ROWS_MIN. */
#define LINK_ROW_ITERATIONS 34
#define LINK_ROUND_TICKS 6000000
#define LINK_ROWS_MIN 50

struct colgen {
	const struct model *cm;   /* the compact model */
	const struct week *w;
	size_t na, ng, nt;
	struct pplan *pp;
	/* plans: patient, groups (flat), worth */
	int *plan_a; size_t *plan_start; double *plan_val;
	size_t n_plans, cap_plan_a, cap_plan_start, cap_plan_val;
	int *plan_groups; size_t n_pg, cap_pg;
	/* the master: rows and non-plan columns, as a model */
	struct model master;
	int *row_conv, *row_min, *row_max, *row_mix; /* -1 if none */
	int *row_sep;             /* [separation * n_groups + g] or -1 */
	/* each patient's separations, ascending: [sep_start[a], sep_start[a+1]) */
	size_t *sep_start;
	int *sep_of;
	int *y_of, *m_of;         /* master column of y(g), m(g), or -1 */
	int *row_link;            /* [a * n_groups + g]: the row "a's plans
				   * holding g <= y(g)", or -1 (joins as a cut) */
	size_t cap_rows;          /* size of the dual arrays */
	bool link_on;             /* separate link rows (colgen_link_rows) */
	bool link_step;           /* one round a colgen_run */
	int link_rounds;
	long n_link;              /* link rows joined */
	size_t n_base_cols;       /* y and m columns come first */
	struct glpkw_lp *lp;      /* the live relaxation, NULL until run */
	size_t n_lp_plans;        /* plans already in the relaxation */
	/* [master row]: its row in the relaxation, or -1 while it waits
	 * (separations, see colgen_lazy_separations) */
	int *lp_row;
	size_t n_lp_rows;
	bool sep_lazy;
	double *lp_dual;          /* the relaxation's duals, by its rows */
	/* scratch */
	double *value;            /* per group */
	int *groups;              /* n_types + 1 */
	int *rows; double *vals;  /* one column */
	double *dual;
	double *rc;               /* reduced costs of the y and m columns */
	double *cdual;            /* the duals, clamped (see clamped) */
	double *best_dual;        /* clamped duals of the best bound */
	double best_L;
	double *primal;           /* last optimal LP point (master columns) */
	double *solve_primal;     /* the point of the solve under way */
	size_t cap_primal, n_primal;
	struct work *work;        /* charged for LPs and pricing; NULL = none */
	bool work_up;             /* the last colgen_run ended by the budget */
	bool *allowed;            /* per group: false once probing closed it */
	bool any_closed;
	double cutoff;            /* colgen_run ends once its bound is below */
	bool warm_prove;          /* colgen_prove prices the pool (colgen_prove_cold) */
};

void colgen_free(struct colgen *cg)
{
	if (cg == NULL)
		return;
	glpkw_lp_free(cg->lp);
	pplan_free(cg->pp);
	free(cg->plan_a);
	free(cg->plan_start);
	free(cg->plan_val);
	free(cg->plan_groups);
	model_release(&cg->master);
	free(cg->row_conv);
	free(cg->row_min);
	free(cg->row_max);
	free(cg->row_mix);
	free(cg->row_sep);
	free(cg->sep_start);
	free(cg->sep_of);
	free(cg->y_of);
	free(cg->m_of);
	free(cg->row_link);
	free(cg->value);
	free(cg->groups);
	free(cg->rows);
	free(cg->vals);
	free(cg->dual);
	free(cg->lp_dual);
	free(cg->lp_row);
	free(cg->rc);
	free(cg->primal);
	free(cg->solve_primal);
	free(cg->best_dual);
	free(cg->cdual);
	free(cg->allowed);
	free(cg);
}

/* pplan_best, counted: pricing is charged to the budget. */
static double priced_best(struct colgen *cg, int a, const double *value, const bool *allowed,
			  const bool *forced, int *groups, size_t *n)
{
	if (cg->work != NULL)
		work_charge(cg->work, work_pricing(1, cg->ng));
	return pplan_best(cg->pp, a, value, allowed, forced, groups, n);
}

/* The master's rows before any plan: plan coefficients join later, column
 * by column (the relaxation) or all at once (colgen_mip). */
static bool build_master(struct colgen *cg)
{
	const struct model *cm = cg->cm;
	const struct week *w = cg->w;
	const struct settings *settings = &w->clinic->settings;
	struct model *m = &cg->master;
	size_t na = cg->na, ng = cg->ng;
	memset(m, 0, sizeof *m);
	m->w = w;
	for (size_t g = 0; g < ng; g++) {
		cg->y_of[g] = cg->m_of[g] = -1;
		int y = cm->y_col[g];
		if (y < 0)
			continue;
		cg->y_of[g] = model_add_col(m, COL_Y, -1, (int)g, -1, cm->cols[y].obj,
					    cm->cols[y].lb, cm->cols[y].ub, true);
		if (cg->y_of[g] < 0)
			return false;
		int mc = cm->m_col[g];
		if (mc >= 0) {
			cg->m_of[g] = model_add_col(m, COL_M, -1, (int)g, -1, cm->cols[mc].obj,
						    cm->cols[mc].lb, cm->cols[mc].ub, false);
			if (cg->m_of[g] < 0)
				return false;
		}
	}
	cg->n_base_cols = m->n_cols;
	for (size_t a = 0; a < na; a++) {
		cg->row_conv[a] = (int)m->n_rows;
		if (!model_add_row(m, ROW_CONV, (int)a, -1, -1, SENSE_EQ, 1))
			return false;
	}
	for (size_t g = 0; g < ng; g++) {
		cg->row_min[g] = cg->row_max[g] = cg->row_mix[g] = -1;
		if (cg->y_of[g] < 0)
			continue;
		const struct group *gr = &w->clinic->groups[g];
		cg->row_min[g] = (int)m->n_rows;
		if (!model_add_row(m, ROW_MIN, -1, (int)g, -1, SENSE_GE, 0) ||
		    !model_add_coef(m, cg->y_of[g], -gr->min_size))
			return false;
		cg->row_max[g] = (int)m->n_rows;
		if (!model_add_row(m, ROW_MAX, -1, (int)g, -1, SENSE_LE, 0) ||
		    !model_add_coef(m, cg->y_of[g], -gr->max_size))
			return false;
		if (cg->m_of[g] >= 0) {
			cg->row_mix[g] = (int)m->n_rows;
			if (!model_add_row(m, ROW_MIX, -1, (int)g, -1, SENSE_GE, 0) ||
			    !model_add_coef(m, cg->m_of[g], 1) ||
			    !model_add_coef(m, cg->y_of[g], -settings->min_advanced))
				return false;
		}
	}
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		for (size_t g = 0; g < ng; g++) {
			cg->row_sep[i * ng + g] = -1;
			if (cm->x_col[(size_t)s->a * ng + g] < 0 || cm->x_col[(size_t)s->b * ng + g] < 0)
				continue;
			cg->row_sep[i * ng + g] = (int)m->n_rows;
			if (!model_add_row(m, ROW_SEP, s->a, (int)g, (int)i, SENSE_LE, 0) ||
			    !model_add_coef(m, cg->y_of[g], -1))
				return false;
		}
	}
	for (size_t r = 0; r < cm->n_rows; r++) {
		const struct model_row *row = &cm->rows[r];
		if (row->kind != ROW_FAC)
			continue;
		if (!model_add_row(m, ROW_FAC, -1, row->g, row->k, SENSE_LE, row->rhs))
			return false;
		for (size_t e = row->start; e < row->start + row->len; e++) {
			int g = cm->cols[cm->ind[e]].g;
			if (!model_add_coef(m, cg->y_of[g], 1))
				return false;
		}
	}
	return true;
}

/* Each patient's separations, so pricing a patient looks at theirs
 * alone: looking at every separation for every pair was most of a
 * pricing round on the largest weeks. */
static bool index_separations(struct colgen *cg)
{
	const struct week *w = cg->w;
	size_t na = cg->na, ns = w->n_separations;
	cg->sep_start = calloc(na + 2, sizeof *cg->sep_start);
	cg->sep_of = malloc((2 * ns + 1) * sizeof *cg->sep_of);
	if (cg->sep_start == NULL || cg->sep_of == NULL)
		return false;
	for (size_t s = 0; s < ns; s++) {
		const struct active_separation *sp = &w->separations[s];
		cg->sep_start[(size_t)sp->a + 2]++;
		if (sp->b != sp->a)
			cg->sep_start[(size_t)sp->b + 2]++;
	}
	for (size_t a = 0; a < na; a++)
		cg->sep_start[a + 2] += cg->sep_start[a + 1];
	for (size_t s = 0; s < ns; s++) {
		const struct active_separation *sp = &w->separations[s];
		cg->sep_of[cg->sep_start[(size_t)sp->a + 1]++] = (int)s;
		if (sp->b != sp->a)
			cg->sep_of[cg->sep_start[(size_t)sp->b + 1]++] = (int)s;
	}
	return true;
}

struct colgen *colgen_new(const struct model *cm)
{
	struct colgen *cg = calloc(1, sizeof *cg);
	if (cg == NULL)
		return NULL;
	const struct week *w = cm->w;
	cg->cm = cm;
	cg->w = w;
	size_t na = cg->na = w->n_active, ng = cg->ng = w->n_groups;
	cg->nt = w->n_types;
	cg->pp = pplan_new(cm);
	cg->row_conv = malloc((na + 1) * sizeof *cg->row_conv);
	cg->row_min = malloc((ng + 1) * sizeof *cg->row_min);
	cg->row_max = malloc((ng + 1) * sizeof *cg->row_max);
	cg->row_mix = malloc((ng + 1) * sizeof *cg->row_mix);
	cg->row_sep = malloc((w->n_separations * ng + 1) * sizeof *cg->row_sep);
	cg->y_of = malloc((ng + 1) * sizeof *cg->y_of);
	cg->m_of = malloc((ng + 1) * sizeof *cg->m_of);
	cg->value = calloc(ng + 1, sizeof *cg->value);
	cg->allowed = malloc((ng + 1) * sizeof *cg->allowed);
	cg->groups = malloc((cg->nt + 2) * sizeof *cg->groups);
	size_t col_max = 1 + 5 * (cg->nt + 1) + 2 * (cg->nt + 1) * (w->n_separations + 1);
	cg->rows = malloc(col_max * sizeof *cg->rows);
	cg->vals = malloc(col_max * sizeof *cg->vals);
	if (cg->pp == NULL || cg->row_conv == NULL || cg->row_min == NULL ||
	    cg->row_max == NULL || cg->row_mix == NULL || cg->row_sep == NULL ||
	    cg->y_of == NULL || cg->m_of == NULL || cg->value == NULL ||
	    cg->groups == NULL || cg->rows == NULL || cg->vals == NULL ||
	    cg->allowed == NULL || !build_master(cg)) {
		colgen_free(cg);
		return NULL;
	}
	for (size_t g = 0; g < ng; g++)
		cg->allowed[g] = true;
	cg->cutoff = -HUGE_VAL;
	cg->warm_prove = true;
	if (!index_separations(cg)) {
		colgen_free(cg);
		return NULL;
	}
	cg->row_link = malloc((na * ng + 1) * sizeof *cg->row_link);
	if (cg->row_link == NULL) {
		colgen_free(cg);
		return NULL;
	}
	for (size_t i = 0; i < na * ng; i++)
		cg->row_link[i] = -1;
	cg->cap_rows = cg->master.n_rows + 1;
	cg->dual = calloc(cg->master.n_rows + 1, sizeof *cg->dual);
	cg->lp_dual = calloc(cg->master.n_rows + 1, sizeof *cg->lp_dual);
	cg->lp_row = malloc((cg->master.n_rows + 1) * sizeof *cg->lp_row);
	cg->rc = malloc((cg->n_base_cols + 1) * sizeof *cg->rc);
	cg->best_dual = calloc(cg->master.n_rows + 1, sizeof *cg->best_dual);
	cg->cdual = calloc(cg->master.n_rows + 1, sizeof *cg->cdual);
	cg->best_L = HUGE_VAL;
	if (cg->dual == NULL || cg->rc == NULL || cg->best_dual == NULL || cg->cdual == NULL ||
	    cg->lp_dual == NULL || cg->lp_row == NULL) {
		colgen_free(cg);
		return NULL;
	}
	return cg;
}

/* A plan's coefficients in the master rows. */
static size_t plan_column(const struct colgen *cg, size_t k, int *rows, double *vals)
{
	const struct week *w = cg->w;
	int a = cg->plan_a[k];
	size_t n = 0, ng = cg->ng;
	rows[n] = cg->row_conv[a];
	vals[n++] = 1;
	for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1]; i++) {
		int g = cg->plan_groups[i];
		if (cg->row_min[g] >= 0) {
			rows[n] = cg->row_min[g];
			vals[n++] = 1;
			rows[n] = cg->row_max[g];
			vals[n++] = 1;
		}
		if (cg->row_mix[g] >= 0 && w->advanced[a]) {
			rows[n] = cg->row_mix[g];
			vals[n++] = 1;
		}
		for (size_t j = cg->sep_start[a]; j < cg->sep_start[a + 1]; j++) {
			size_t s = (size_t)cg->sep_of[j];
			if (cg->row_sep[s * ng + (size_t)g] >= 0) {
				rows[n] = cg->row_sep[s * ng + (size_t)g];
				vals[n++] = 1;
			}
		}
		if (cg->row_link[(size_t)a * ng + (size_t)g] >= 0) {
			rows[n] = cg->row_link[(size_t)a * ng + (size_t)g];
			vals[n++] = 1;
		}
	}
	return n;
}

static bool plan_exists(const struct colgen *cg, int a, const int *groups, size_t n)
{
	for (size_t k = 0; k < cg->n_plans; k++) {
		if (cg->plan_a[k] != a || cg->plan_start[k + 1] - cg->plan_start[k] != n)
			continue;
		if (n == 0 || memcmp(cg->plan_groups + cg->plan_start[k], groups, n * sizeof *groups) == 0)
			return true;
	}
	return false;
}

/* Records a plan (groups ascending); returns false on allocation failure. */
static bool add_plan(struct colgen *cg, int a, const int *groups, size_t n)
{
	/* plan_start holds one entry more than there are plans */
	if (!GROW(cg->plan_a, cg->n_plans + 2, cg->cap_plan_a) ||
	    !GROW(cg->plan_start, cg->n_plans + 3, cg->cap_plan_start) ||
	    !GROW(cg->plan_val, cg->n_plans + 2, cg->cap_plan_val) ||
	    !GROW(cg->plan_groups, cg->n_pg + n, cg->cap_pg))
		return false;
	if (cg->n_plans == 0)
		cg->plan_start[0] = 0;
	const struct clinic *c = cg->w->clinic;
	double v = 0, hours = 0;
	for (size_t i = 0; i < n; i++) {
		int x = cg->cm->x_col[(size_t)a * cg->ng + (size_t)groups[i]];
		v += cg->cm->cols[x].obj;
		hours += c->groups[groups[i]].hours;
		cg->plan_groups[cg->n_pg + i] = groups[i];
	}
	v += pplan_penalty(cg->pp, a, hours) + pplan_billing(cg->pp, a, groups, n);
	cg->n_pg += n;
	cg->plan_a[cg->n_plans] = a;
	cg->plan_val[cg->n_plans] = v;
	cg->n_plans++;
	cg->plan_start[cg->n_plans] = cg->n_pg;
	return true;
}

enum status colgen_add_roster(struct colgen *cg, const bool *in)
{
	size_t ng = cg->ng;
	for (size_t a = 0; a < cg->na; a++) {
		size_t n = 0;
		for (size_t g = 0; g < ng; g++)
			if (in[a * ng + g])
				cg->groups[n++] = (int)g;
		if (!plan_exists(cg, (int)a, cg->groups, n) && !add_plan(cg, (int)a, cg->groups, n))
			return STATUS_NO_MEMORY;
	}
	return STATUS_OK;
}

/* Does plan k hold only groups probing left open? */
static bool plan_allowed(const struct colgen *cg, size_t k)
{
	for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1]; i++)
		if (!cg->allowed[cg->plan_groups[i]])
			return false;
	return true;
}

/* Plans not yet in the relaxation join it. */
static enum status sync_lp(struct colgen *cg, struct diag_list *diag)
{
	for (; cg->n_lp_plans < cg->n_plans; cg->n_lp_plans++) {
		size_t n_master = plan_column(cg, cg->n_lp_plans, cg->rows, cg->vals), n = 0;
		/* to the relaxation's rows, those still waiting left out */
		for (size_t i = 0; i < n_master; i++)
			if (cg->lp_row[cg->rows[i]] >= 0) {
				cg->rows[n] = cg->lp_row[cg->rows[i]];
				cg->vals[n++] = cg->vals[i];
			}
		enum status st = glpkw_lp_add_col(cg->lp, cg->plan_val[cg->n_lp_plans], 0,
						  plan_allowed(cg, cg->n_lp_plans) ? 1 : 0, n,
						  cg->rows, cg->vals, diag);
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* The dual of a row, clamped to the sign a Lagrangian multiplier needs
 * (>= 0 on <=, <= 0 on >=, any on =) so the bound below stays valid. */
static double clamped(const struct model *m, const double *dual, int row)
{
	if (row < 0)
		return 0;
	double d = dual[row];
	switch (m->rows[row].sense) {
	case SENSE_LE: return d > 0 ? d : 0;
	case SENSE_GE: return d < 0 ? d : 0;
	default: return d;
	}
}

/* Worth of each group to patient a under (clamped) duals d. */
static void priced_values(struct colgen *cg, const double *d, size_t a)
{
	const struct week *w = cg->w;
	const struct model *cm = cg->cm;
	size_t ng = cg->ng;
	bool adv = w->advanced[a];
	for (size_t g = 0; g < ng; g++) {
		int x = cm->x_col[a * ng + g];
		if (x < 0)
			continue;
		double v = cm->cols[x].obj;
		if (cg->row_min[g] >= 0)
			v -= d[cg->row_min[g]] + d[cg->row_max[g]];
		if (adv && cg->row_mix[g] >= 0)
			v -= d[cg->row_mix[g]];
		for (size_t i = cg->sep_start[a]; i < cg->sep_start[a + 1]; i++) {
			size_t s = (size_t)cg->sep_of[i];
			if (cg->row_sep[s * ng + g] >= 0)
				v -= d[cg->row_sep[s * ng + g]];
		}
		if (cg->row_link[a * ng + g] >= 0)
			v -= d[cg->row_link[a * ng + g]];
		cg->value[g] = v;
	}
}

/* L(pi) = pi.b + sum over patients of their best plan + each y, m column
 * at whichever bound pays, under the clamped multipliers cg->cdual: valid
 * for any multipliers of the right signs. With `conv` (the convexity
 * rows' duals), plans whose reduced cost is positive join the master and
 * *added counts them. Keeps the best bound and its multipliers. */
static enum status lagrangian(struct colgen *cg, const double *conv, double *bound,
			      size_t *added)
{
	const struct model *ms = &cg->master;
	double L = 0;
	for (size_t r = 0; r < ms->n_rows; r++)
		if (ms->rows[r].kind != ROW_CONV)
			L += cg->cdual[r] * ms->rows[r].rhs;
	*added = 0;
	for (size_t a = 0; a < cg->na; a++) {
		priced_values(cg, cg->cdual, a);
		size_t n;
		double best = priced_best(cg, (int)a, cg->value, cg->any_closed ? cg->allowed : NULL,
					  NULL, cg->groups, &n);
		if (best == -HUGE_VAL) {
			L = HUGE_VAL; /* no plan: nothing to bound */
			continue;
		}
		L += best;
		if (conv == NULL)
			continue;
		double mu = conv[cg->row_conv[a]];
		if (best - mu > RC_EPS * fmax(1.0, fabs(best)) &&
		    !plan_exists(cg, (int)a, cg->groups, n)) {
			if (!add_plan(cg, (int)a, cg->groups, n))
				return STATUS_NO_MEMORY;
			(*added)++;
		}
	}
	/* the master's own rows hold only the y and m columns; plans live in
	 * the LP */
	for (size_t j = 0; j < cg->n_base_cols; j++)
		cg->rc[j] = ms->cols[j].obj;
	for (size_t r = 0; r < ms->n_rows; r++) {
		const struct model_row *row = &ms->rows[r];
		for (size_t e = row->start; e < row->start + row->len; e++)
			cg->rc[ms->ind[e]] -= cg->cdual[r] * ms->val[e];
	}
	for (size_t j = 0; j < cg->n_base_cols; j++)
		L += fmax(cg->rc[j] * ms->cols[j].lb, cg->rc[j] * ms->cols[j].ub);
	if (L < cg->best_L) {
		cg->best_L = L;
		memcpy(cg->best_dual, cg->cdual, ms->n_rows * sizeof *cg->cdual);
	}
	*bound = L;
	return STATUS_OK;
}

static bool reserve_primal(struct colgen *cg, size_t ncols)
{
	if (ncols <= cg->cap_primal)
		return true;
	double *p = realloc(cg->primal, 2 * ncols * sizeof *p);
	if (p == NULL)
		return false;
	cg->primal = p;
	p = realloc(cg->solve_primal, 2 * ncols * sizeof *p);
	if (p == NULL)
		return false;
	cg->solve_primal = p;
	cg->cap_primal = 2 * ncols;
	return true;
}

static bool grow_rows(struct colgen *cg, size_t need)
{
	if (need <= cg->cap_rows)
		return true;
	size_t cap = 2 * need;
	int *lp_row = realloc(cg->lp_row, cap * sizeof *lp_row);
	if (lp_row == NULL)
		return false;
	cg->lp_row = lp_row;
	double **arr[4] = { &cg->dual, &cg->cdual, &cg->best_dual, &cg->lp_dual };
	for (int i = 0; i < 4; i++) {
		double *p = realloc(*arr[i], cap * sizeof *p);
		if (p == NULL)
			return false;
		/* a row that did not exist had multiplier 0 */
		memset(p + cg->cap_rows, 0, (cap - cg->cap_rows) * sizeof *p);
		*arr[i] = p;
	}
	cg->cap_rows = cap;
	return true;
}

/* A link row the LP point breaks: patient a's plans hold g by `by` more
 * than y(g) is open. */
struct link_cut {
	double by;
	int a, g;
};

/* The most broken first; ties in patient and group order, so every run
 * picks the same. */
static int link_cut_cmp(const void *pa, const void *pb)
{
	const struct link_cut *x = pa, *y = pb;
	if (x->by != y->by)
		return x->by > y->by ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return (x->g > y->g) - (x->g < y->g);
}

/* Appends to cols/vals (from *n on) patient a's plans in the relaxation
 * that hold g, each with coefficient 1; head/next list each patient's
 * plans (plan_lists). */
static void append_holding(const struct colgen *cg, int a, int g, const long *head,
			   const long *next, int *cols, double *vals, size_t *n)
{
	for (long k = head[a]; k >= 0; k = next[k])
		for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1]; i++)
			if (cg->plan_groups[i] == g) {
				cols[*n] = (int)(cg->n_base_cols + (size_t)k);
				vals[(*n)++] = 1;
			}
}

/* Adds row "a's plans holding g <= y(g)" to the master and the relaxation;
 * head/next list each patient's plans. */
static enum status add_link_row(struct colgen *cg, int a, int g, const long *head,
				const long *next, int *cols, double *vals,
				struct diag_list *diag)
{
	struct model *ms = &cg->master;
	size_t ng = cg->ng;
	if (!grow_rows(cg, ms->n_rows + 2))
		return STATUS_NO_MEMORY;
	int r = (int)ms->n_rows;
	if (!model_add_row(ms, ROW_LINK, a, g, -1, SENSE_LE, 0) ||
	    !model_add_coef(ms, cg->y_of[g], -1))
		return STATUS_NO_MEMORY;
	cg->row_link[(size_t)a * ng + (size_t)g] = r;
	cg->lp_row[r] = (int)cg->n_lp_rows++;
	size_t n = 0;
	cols[n] = cg->y_of[g];
	vals[n++] = -1;
	append_holding(cg, a, g, head, next, cols, vals, &n);
	return glpkw_lp_add_row(cg->lp, 0, 0, n, cols, vals, diag);
}

/* Each patient's plans in the relaxation, ascending: head[a], next[k]. */
static void plan_lists(const struct colgen *cg, long *head, long *next)
{
	for (size_t a = 0; a < cg->na; a++)
		head[a] = -1;
	for (size_t k = cg->n_lp_plans; k-- > 0;) {
		next[k] = head[cg->plan_a[k]];
		head[cg->plan_a[k]] = (long)k;
	}
}

/* Adds to sum[g] what patient a's plans in the last LP point hold of g. */
static void held(const struct colgen *cg, int a, const long *head, const long *next,
		 double *sum)
{
	size_t np = cg->n_primal - cg->n_base_cols;
	for (long k = head[a]; k >= 0; k = next[k]) {
		if ((size_t)k >= np)
			continue;
		double z = cg->primal[cg->n_base_cols + (size_t)k];
		for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1]; i++)
			sum[cg->plan_groups[i]] += z;
	}
}

/* What a round of rows joining the relaxation works in: what the last LP
 * point holds of each group, one row's columns, and each patient's plans
 * (plan_lists). */
struct row_scratch {
	double *sum;      /* [g] */
	int *cols;        /* one row */
	double *vals;
	long *head, *next;
};

static void row_scratch_close(struct row_scratch *rs)
{
	free(rs->sum);
	free(rs->cols);
	free(rs->vals);
	free(rs->head);
	free(rs->next);
	memset(rs, 0, sizeof *rs);
}

/* False (nothing held) when memory ran out. */
static bool row_scratch_open(const struct colgen *cg, struct row_scratch *rs)
{
	rs->sum = calloc(cg->ng + 1, sizeof *rs->sum);
	rs->cols = malloc((cg->n_plans + 2) * sizeof *rs->cols);
	rs->vals = malloc((cg->n_plans + 2) * sizeof *rs->vals);
	rs->head = malloc((cg->na + 1) * sizeof *rs->head);
	rs->next = malloc((cg->n_lp_plans + 1) * sizeof *rs->next);
	if (rs->sum == NULL || rs->cols == NULL || rs->vals == NULL || rs->head == NULL ||
	    rs->next == NULL) {
		row_scratch_close(rs);
		return false;
	}
	plan_lists(cg, rs->head, rs->next);
	return true;
}

/* How many link rows one round may join: see LINK_ROUND_TICKS. */
static size_t link_rows_max(const struct colgen *cg)
{
	long long per_row = work_simplex(LINK_ROW_ITERATIONS, cg->n_lp_rows,
					 cg->n_base_cols + cg->n_lp_plans);
	long long n = LINK_ROUND_TICKS / (per_row > 0 ? per_row : 1);
	return n < LINK_ROWS_MIN ? LINK_ROWS_MIN : n > LINK_ROWS_MAX ? LINK_ROWS_MAX : (size_t)n;
}

/* The compact model's x <= y rows, which plans alone do not carry: "a's
 * plans holding g <= y(g)". Without them a group open a fraction gives a
 * patient all of itself, and where many groups should stay closed the
 * master's bound is far above the optimum. Those the last LP point breaks
 * join the master and the relaxation, the most broken first and at most
 * link_rows_max a round, so a large week's master grows by steps. Returns
 * how many joined, or -1 with *st saying why. */
static long add_link_cuts(struct colgen *cg, enum status *st, struct diag_list *diag)
{
	*st = STATUS_OK;
	size_t na = cg->na, ng = cg->ng;
	if (cg->n_primal == 0)
		return 0;
	struct row_scratch rs;
	struct link_cut *cut = NULL;
	size_t n_cut = 0, cap_cut = 0;
	long added = 0;
	if (!row_scratch_open(cg, &rs)) {
		*st = STATUS_NO_MEMORY;
		return -1;
	}
	for (size_t a = 0; a < na; a++) {
		memset(rs.sum, 0, ng * sizeof *rs.sum);
		held(cg, (int)a, rs.head, rs.next, rs.sum);
		for (size_t g = 0; g < ng; g++) {
			if (cg->row_link[a * ng + g] >= 0 || cg->y_of[g] < 0 || rs.sum[g] <= 1e-6 ||
			    rs.sum[g] <= cg->primal[cg->y_of[g]] + 1e-6)
				continue;
			if (!GROW(cut, n_cut + 1, cap_cut)) {
				*st = STATUS_NO_MEMORY;
				goto done;
			}
			cut[n_cut++] = (struct link_cut){ rs.sum[g] - cg->primal[cg->y_of[g]],
							  (int)a, (int)g };
		}
	}
	size_t most = link_rows_max(cg);
	if (n_cut > most)
		qsort(cut, n_cut, sizeof *cut, link_cut_cmp);
	for (size_t i = 0; i < n_cut && i < most; i++) {
		*st = add_link_row(cg, cut[i].a, cut[i].g, rs.head, rs.next, rs.cols, rs.vals,
				   diag);
		if (*st != STATUS_OK)
			goto done;
		added++;
	}
	cg->n_link += added;
done:
	row_scratch_close(&rs);
	free(cut);
	return *st == STATUS_OK ? added : -1;
}

/* With colgen_lazy_separations, the separation rows the last LP point
 * breaks join the relaxation (all of them: few are). Returns how many,
 * or -1 with *st saying why. */
static long add_sep_rows(struct colgen *cg, enum status *st, struct diag_list *diag)
{
	*st = STATUS_OK;
	const struct week *w = cg->w;
	size_t ng = cg->ng;
	if (!cg->sep_lazy || cg->n_primal == 0 || w->n_separations == 0)
		return 0;
	struct row_scratch rs;
	long added = 0;
	if (!row_scratch_open(cg, &rs)) {
		*st = STATUS_NO_MEMORY;
		return -1;
	}
	for (size_t s = 0; s < w->n_separations; s++) {
		const struct active_separation *sp = &w->separations[s];
		memset(rs.sum, 0, ng * sizeof *rs.sum);
		held(cg, sp->a, rs.head, rs.next, rs.sum);
		held(cg, sp->b, rs.head, rs.next, rs.sum);
		for (size_t g = 0; g < ng; g++) {
			int r = cg->row_sep[s * ng + g];
			if (r < 0 || cg->lp_row[r] >= 0 || rs.sum[g] <= cg->primal[cg->y_of[g]] + 1e-6)
				continue;
			size_t n = 0;
			rs.cols[n] = cg->y_of[g];
			rs.vals[n++] = -1;
			append_holding(cg, sp->a, (int)g, rs.head, rs.next, rs.cols, rs.vals, &n);
			append_holding(cg, sp->b, (int)g, rs.head, rs.next, rs.cols, rs.vals, &n);
			*st = glpkw_lp_add_row(cg->lp, 0, 0, n, rs.cols, rs.vals, diag);
			if (*st != STATUS_OK)
				goto done;
			cg->lp_row[r] = (int)cg->n_lp_rows++;
			added++;
		}
	}
done:
	row_scratch_close(&rs);
	return *st == STATUS_OK ? added : -1;
}

void colgen_lazy_separations(struct colgen *cg)
{
	if (cg->lp == NULL)
		cg->sep_lazy = true;
}

enum status colgen_run(struct colgen *cg, double deadline,
		       const volatile sig_atomic_t *stop, FILE *log,
		       double *bound, double *lp, struct diag_list *diag)
{
	struct model *ms = &cg->master;
	*bound = HUGE_VAL;
	*lp = HUGE_VAL;
	enum status st = STATUS_OK;
	double t0 = clock_seconds();
	size_t added;
	bool linked = false; /* a round of link rows joined in this run */
	cg->work_up = false;
	if (cg->best_L == HUGE_VAL) {
		/* every patient at their best plan, no group row priced: the
		 * first multipliers of an LP are often worse than none */
		memset(cg->cdual, 0, ms->n_rows * sizeof *cg->cdual);
		double L;
		st = lagrangian(cg, NULL, &L, &added);
		if (st != STATUS_OK)
			return st;
		*bound = fmin(*bound, L);
		if (log != NULL)
			fprintf(log, "colgen: unpriced bound %.6g, master %zu rows, %.2fs\n", L,
				ms->n_rows, clock_seconds() - t0);
	}
	if (cg->lp == NULL) {
		unsigned lazy = cg->sep_lazy ? 1u << ROW_SEP : 0;
		st = glpkw_lp_new_lazy(ms, lazy, &cg->lp, diag);
		if (st != STATUS_OK)
			return st;
		if (cg->sep_lazy)
			glpkw_lp_dual_after_rows(cg->lp);
		cg->n_lp_rows = 0;
		for (size_t r = 0; r < ms->n_rows; r++)
			cg->lp_row[r] = lazy >> ms->rows[r].kind & 1 ? -1 : (int)cg->n_lp_rows++;
	}
	for (int iter = 0;; iter++) {
		st = sync_lp(cg, diag);
		if (st != STATUS_OK)
			return st;
		if (cg->work != NULL && work_spent(cg->work)) {
			cg->work_up = true;
			break;
		}
		double left = deadline - clock_seconds();
		if (left <= 0 || (stop != NULL && *stop))
			break;
		double value;
		bool optimal, lp_work_up;
		long long ticks;
		size_t ncols = cg->n_base_cols + cg->n_plans;
		if (!reserve_primal(cg, ncols))
			return STATUS_NO_MEMORY;
		/* a solve cut short keeps the last optimal point */
		st = glpkw_lp_solve(cg->lp, left, cg->work != NULL ? work_left(cg->work) : 0, stop,
				    &value, &optimal, cg->solve_primal, cg->lp_dual, &ticks, &lp_work_up,
				    diag);
		if (st != STATUS_OK)
			return st;
		for (size_t r = 0; r < ms->n_rows; r++)
			cg->dual[r] = cg->lp_row[r] >= 0 ? cg->lp_dual[cg->lp_row[r]] : 0;
		if (cg->work != NULL)
			work_charge(cg->work, ticks);
		if (lp_work_up)
			cg->work_up = true;
		if (!optimal)
			break;
		double *swap = cg->primal;
		cg->primal = cg->solve_primal;
		cg->solve_primal = swap;
		cg->n_primal = ncols;
		*lp = value;
		for (size_t r = 0; r < ms->n_rows; r++)
			cg->cdual[r] = clamped(ms, cg->dual, (int)r);
		double L;
		st = lagrangian(cg, cg->dual, &L, &added);
		if (st != STATUS_OK)
			return st;
		*bound = fmin(*bound, L);
		if (log != NULL && cg->cutoff == -HUGE_VAL)
			fprintf(log, "colgen: %d lp %.6g bound %.6g plans %zu (+%zu) %.2fs\n",
				iter, value, *bound, cg->n_plans, added, clock_seconds() - t0);
		/* probing (cutoff set): below it the probe is decided; an LP
		 * point at or above it stands over these rows, so it only
		 * falls below with link rows yet to join: not worth the
		 * rounds */
		if (cg->cutoff > -HUGE_VAL && (*bound < cg->cutoff || value >= cg->cutoff))
			break;
		if (added == 0 || *bound - value <= 1e-7 * fmax(1.0, fabs(*bound))) {
			/* converged over these rows: the separations it
			 * breaks join first (they are rules, not cuts) */
			long seps = add_sep_rows(cg, &st, diag);
			if (seps < 0)
				return st;
			if (seps > 0) {
				if (log != NULL)
					fprintf(log, "colgen: %ld separation rows joined\n", seps);
				continue;
			}
			/* converged over these rows: strengthen them, or stop */
			if (!cg->link_on || cg->link_rounds >= LINK_ROUNDS ||
			    (cg->link_step && linked))
				break;
			cg->link_rounds++;
			long cuts = add_link_cuts(cg, &st, diag);
			if (cuts < 0)
				return st;
			if (log != NULL && cuts > 0)
				fprintf(log, "colgen: %ld link rows joined\n", cuts);
			if (cuts == 0)
				break;
			linked = true;
		}
	}
	if (cg->work_up && log != NULL)
		fprintf(log, "colgen: work budget used\n");
	*bound = fmin(*bound, cg->best_L);
	return STATUS_OK;
}

void colgen_set_work(struct colgen *cg, struct work *work)
{
	cg->work = work;
}

bool colgen_work_up(const struct colgen *cg)
{
	return cg->work_up;
}

void colgen_link_rows(struct colgen *cg, bool one_round_a_run)
{
	cg->link_on = true;
	cg->link_step = one_round_a_run;
}

long colgen_link_count(const struct colgen *cg)
{
	return cg->n_link;
}

bool colgen_lp_point(const struct colgen *cg, double *col)
{
	const struct model *cm = cg->cm;
	if (cg->n_primal == 0)
		return false;
	memset(col, 0, cm->n_cols * sizeof *col);
	for (size_t g = 0; g < cg->ng; g++)
		if (cg->y_of[g] >= 0 && cm->y_col[g] >= 0)
			col[cm->y_col[g]] = cg->primal[cg->y_of[g]];
	for (size_t k = 0; k + cg->n_base_cols < cg->n_primal; k++) {
		double z = cg->primal[cg->n_base_cols + k];
		if (z <= 0)
			continue;
		int a = cg->plan_a[k];
		for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1]; i++)
			col[cm->x_col[(size_t)a * cg->ng + (size_t)cg->plan_groups[i]]] += z;
	}
	return true;
}

long colgen_fixings(struct colgen *cg, double threshold, double *col)
{
	const struct model *cm = cg->cm;
	const struct model *ms = &cg->master;
	size_t ng = cg->ng;
	for (size_t j = 0; j < cm->n_cols; j++)
		col[j] = NAN;
	if (cg->best_L == HUGE_VAL)
		return -1;
	const double *d = cg->best_dual;
	long fixed = 0;
	bool *allowed = malloc((ng + 1) * sizeof *allowed);
	bool *forced = calloc(ng + 1, sizeof *forced);
	bool *in_best = calloc(ng + 1, sizeof *in_best);
	if (allowed == NULL || forced == NULL || in_best == NULL) {
		free(allowed);
		free(forced);
		free(in_best);
		return 0;
	}
	memcpy(allowed, cg->allowed, ng * sizeof *allowed);
	/* groups: y at the bound its reduced cost prefers; the other bound
	 * costs |rc| */
	for (size_t j = 0; j < cg->n_base_cols; j++)
		cg->rc[j] = ms->cols[j].obj;
	for (size_t r = 0; r < ms->n_rows; r++) {
		const struct model_row *row = &ms->rows[r];
		for (size_t e = row->start; e < row->start + row->len; e++)
			cg->rc[ms->ind[e]] -= d[r] * ms->val[e];
	}
	for (size_t g = 0; g < ng; g++) {
		int y = cg->y_of[g];
		if (y < 0)
			continue;
		if (ms->cols[y].lb == ms->cols[y].ub) {
			/* probing fixed it where the compact model did not */
			const struct model_col *c = &cm->cols[cm->y_col[g]];
			if (c->lb != c->ub) {
				col[cm->y_col[g]] = ms->cols[y].lb;
				fixed++;
			}
			continue;
		}
		double rc = cg->rc[y];
		if (cg->best_L - fabs(rc) < threshold) {
			col[cm->y_col[g]] = rc > 0 ? 1 : 0;
			fixed++;
		}
	}
	for (size_t a = 0; a < cg->na; a++) {
		priced_values(cg, d, a);
		size_t n;
		double best = priced_best(cg, (int)a, cg->value, allowed, NULL, cg->groups, &n);
		if (best == -HUGE_VAL)
			continue;
		double rest = cg->best_L - best;
		memset(in_best, 0, ng * sizeof *in_best);
		for (size_t i = 0; i < n; i++)
			in_best[cg->groups[i]] = true;
		for (size_t g = 0; g < ng; g++) {
			int x = cm->x_col[a * ng + g];
			if (x < 0 || cm->cols[x].lb == cm->cols[x].ub)
				continue;
			int y = cm->y_col[g];
			if (y >= 0 && col[y] == 0) {
				col[x] = 0; /* the group cannot run */
				fixed++;
				continue;
			}
			double other;
			size_t k;
			if (in_best[g]) {
				allowed[g] = false;
				other = priced_best(cg, (int)a, cg->value, allowed, NULL, cg->groups, &k);
				allowed[g] = true;
			} else {
				forced[g] = true;
				other = priced_best(cg, (int)a, cg->value, allowed, forced, cg->groups, &k);
				forced[g] = false;
			}
			if (rest + other < threshold) {
				col[x] = in_best[g] ? 1 : 0;
				fixed++;
			}
		}
	}
	free(allowed);
	free(forced);
	free(in_best);
	return fixed;
}

/* Adds the plan in cg->groups (k groups) of patient a when new; false out
 * of memory. */
static bool add_new_plan(struct colgen *cg, int a, size_t k, long *added)
{
	if (plan_exists(cg, a, cg->groups, k))
		return true;
	if (!add_plan(cg, a, cg->groups, k))
		return false;
	(*added)++;
	return true;
}

long colgen_enrich(struct colgen *cg)
{
	if (cg->best_L == HUGE_VAL)
		return 0;
	const struct model *cm = cg->cm;
	size_t ng = cg->ng;
	bool *allowed = malloc((ng + 1) * sizeof *allowed);
	bool *forced = calloc(ng + 1, sizeof *forced);
	bool *in_best = calloc(ng + 1, sizeof *in_best);
	int *best = malloc((cg->nt + 2) * sizeof *best);
	long added = 0;
	if (allowed == NULL || forced == NULL || in_best == NULL || best == NULL) {
		added = -1;
		goto done;
	}
	for (size_t g = 0; g < ng; g++)
		allowed[g] = true;
	for (size_t a = 0; a < cg->na && added >= 0; a++) {
		priced_values(cg, cg->best_dual, a);
		size_t n, k;
		if (priced_best(cg, (int)a, cg->value, NULL, NULL, best, &n) == -HUGE_VAL)
			continue;
		for (size_t i = 0; i < n; i++)
			in_best[best[i]] = true;
		/* each group of the best plan left out, each other group put in */
		for (size_t g = 0; g < ng && added >= 0; g++) {
			if (cm->x_col[a * ng + g] < 0)
				continue;
			bool *flip = in_best[g] ? &allowed[g] : &forced[g];
			*flip = !*flip;
			double v = priced_best(cg, (int)a, cg->value, allowed, forced, cg->groups, &k);
			*flip = !*flip;
			if (v != -HUGE_VAL && !add_new_plan(cg, (int)a, k, &added))
				added = -1;
		}
		for (size_t i = 0; i < n; i++)
			in_best[best[i]] = false;
	}
done:
	free(allowed);
	free(forced);
	free(in_best);
	free(best);
	return added;
}

/* The restricted master as a model: the base columns and rows, then one
 * integer column per plan in keep[] (NULL: every plan), coefficients
 * filled row by row; col_of[k] gets plan k's column, or -1. */
static bool master_model(const struct colgen *cg, const bool *keep, int *col_of,
			 struct model *out)
{
	const struct model *ms = &cg->master;
	memset(out, 0, sizeof *out);
	out->w = cg->w;
	for (size_t j = 0; j < ms->n_cols; j++) {
		const struct model_col *c = &ms->cols[j];
		if (model_add_col(out, c->kind, c->a, c->g, c->k, c->obj, c->lb, c->ub,
				  c->integer) < 0)
			return false;
	}
	for (size_t k = 0; k < cg->n_plans; k++) {
		col_of[k] = -1;
		if (keep != NULL && !keep[k])
			continue;
		col_of[k] = model_add_col(out, COL_PLAN, cg->plan_a[k], -1, (int)k,
					  cg->plan_val[k], 0, 1, true);
		if (col_of[k] < 0)
			return false;
	}
	/* plan coefficients grouped by row: count, then fill */
	size_t nr = ms->n_rows;
	size_t *cnt = calloc(nr + 1, sizeof *cnt);
	int *rows = malloc((1 + 5 * (cg->nt + 1) + 2 * (cg->nt + 1) * (cg->w->n_separations + 1)) *
			   sizeof *rows);
	double *vals = malloc((1 + 5 * (cg->nt + 1) + 2 * (cg->nt + 1) * (cg->w->n_separations + 1)) *
			      sizeof *vals);
	size_t *pos = NULL;
	int *pk = NULL;
	double *pv = NULL;
	bool ok = false;
	if (cnt == NULL || rows == NULL || vals == NULL)
		goto done;
	for (size_t k = 0; k < cg->n_plans; k++) {
		if (col_of[k] < 0)
			continue;
		size_t n = plan_column(cg, k, rows, vals);
		for (size_t i = 0; i < n; i++)
			cnt[rows[i]]++;
	}
	pos = malloc((nr + 1) * sizeof *pos);
	size_t total = 0;
	for (size_t r = 0; r < nr; r++)
		total += cnt[r];
	pk = malloc((total + 1) * sizeof *pk);
	pv = malloc((total + 1) * sizeof *pv);
	if (pos == NULL || pk == NULL || pv == NULL)
		goto done;
	size_t acc = 0;
	for (size_t r = 0; r < nr; r++) {
		pos[r] = acc;
		acc += cnt[r];
	}
	for (size_t k = 0; k < cg->n_plans; k++) {
		if (col_of[k] < 0)
			continue;
		size_t n = plan_column(cg, k, rows, vals);
		for (size_t i = 0; i < n; i++) {
			pk[pos[rows[i]]] = col_of[k];
			pv[pos[rows[i]]++] = vals[i];
		}
	}
	acc = 0;
	for (size_t r = 0; r < nr; r++) {
		const struct model_row *row = &ms->rows[r];
		if (!model_add_row(out, row->kind, row->a, row->g, row->k, row->sense, row->rhs))
			goto done;
		for (size_t e = row->start; e < row->start + row->len; e++)
			if (!model_add_coef(out, ms->ind[e], ms->val[e]))
				goto done;
		for (size_t i = 0; i < cnt[r]; i++)
			if (!model_add_coef(out, pk[acc + i], pv[acc + i]))
				goto done;
		acc += cnt[r];
	}
	out->obj_step = cg->cm->obj_step;
	ok = true;
done:
	free(cnt);
	free(rows);
	free(vals);
	free(pos);
	free(pk);
	free(pv);
	if (!ok)
		model_release(out);
	return ok;
}

/* The plan a holds in roster in[], or -1. */
static int plan_of(const struct colgen *cg, const bool *in, int a)
{
	size_t ng = cg->ng;
	for (size_t k = 0; k < cg->n_plans; k++) {
		if (cg->plan_a[k] != a)
			continue;
		size_t n = cg->plan_start[k + 1] - cg->plan_start[k], have = 0;
		bool same = true;
		for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1] && same; i++)
			same = in[(size_t)a * ng + (size_t)cg->plan_groups[i]];
		for (size_t g = 0; g < ng && same; g++)
			have += in[(size_t)a * ng + g];
		if (same && have == n)
			return (int)k;
	}
	return -1;
}

/* The master LP over the whole pool, solved for colgen_prove: its value,
 * duals and optimal basis, and which plans the MIP may leave out. */
struct pool_lp {
	bool optimal;      /* false: the budget, the clock or a stop ended it */
	double z;          /* the LP's value */
	int *row_stat;     /* master rows (enum glpkw_stat) */
	int *col_stat;     /* the base columns, then one per plan: its status
			    * in the LP (at lower when it never joined) */
	bool *keep;        /* per plan: may hold a roster reaching the cutoff */
	long kept;
	long long work;    /* ticks used */
	bool work_up;
};

static void pool_lp_release(struct pool_lp *pl)
{
	free(pl->row_stat);
	free(pl->col_stat);
	free(pl->keep);
}

/* Below this the pool's LP value proves nothing reaches need: a margin
 * for round-off, and for the plans left out pricing up to RC_EPS each,
 * one a patient. */
static double pool_floor(const struct colgen *cg, double need)
{
	return need - 1e-6 * fmax(1.0, fabs(need)) - (double)cg->na * RC_EPS;
}

/* A pass over the pool (each plan's column rebuilt, times the duals) in
 * simplex iterations of an LP over all of it: measured on Mb7. */
#define POOL_PASS_ITERATIONS 6

/* Plans priced into the pool's LP per round at least: with fewer, a
 * round's re-solve costs more than its pivots. */
#define POOL_BATCH_MIN 200

/* A plan that prices in: d its reduced cost. */
struct priced {
	double d;
	size_t k;
};

/* The best first; ties in plan order, so every run adds the same. */
static int priced_cmp(const void *pa, const void *pb)
{
	const struct priced *x = pa, *y = pb;
	if (x->d != y->d)
		return x->d > y->d ? -1 : 1;
	return (x->k > y->k) - (x->k < y->k);
}

/* Plan k's reduced cost under the LP duals `dual`. */
static double plan_rc(const struct colgen *cg, size_t k, const double *dual, int *rows,
		      double *vals)
{
	size_t n = plan_column(cg, k, rows, vals);
	double d = cg->plan_val[k];
	for (size_t i = 0; i < n; i++)
		d -= dual[rows[i]] * vals[i];
	return d;
}

/* The master LP over every plan of the pool, by partial pricing: from a
 * copy of the relaxation column generation left (optimal, or nearly, on
 * the plans before enumeration), the plans pricing out best join a batch
 * at a time and the copy is re-solved from its basis, until none prices
 * out. A pass over the pool is a dot product a plan, far cheaper than the
 * simplex over all of it GLPK would do cold. Then reduced-cost fixing:
 * any point with plan k at 1 scores at most z + d_k, so a plan with
 * z + d_k below `need` holds no roster reaching need and stays out. */
static enum status pool_relaxation(struct colgen *cg, double need, double seconds,
				   long long work_limit, const volatile sig_atomic_t *stop,
				   struct pool_lp *pl, struct diag_list *diag)
{
	memset(pl, 0, sizeof *pl);
	size_t nr = cg->master.n_rows, nb = cg->n_base_cols, np = cg->n_plans;
	if (cg->lp == NULL)
		return STATUS_OK;
	double deadline = clock_seconds() + seconds;
	struct glpkw_lp *lp = NULL;
	int *lp_plan = malloc((np + 1) * sizeof *lp_plan);   /* LP plan column -> plan */
	bool *in_lp = calloc(np + 1, sizeof *in_lp);
	double *dual = malloc((nr + 1) * sizeof *dual);
	struct priced *cand = malloc((np + 1) * sizeof *cand);
	int *lp_stat = malloc((nb + np + 1) * sizeof *lp_stat);
	pl->row_stat = malloc((nr + 1) * sizeof *pl->row_stat);
	pl->col_stat = malloc((nb + np + 1) * sizeof *pl->col_stat);
	pl->keep = malloc((np + 1) * sizeof *pl->keep);
	enum status st = STATUS_NO_MEMORY;
	if (lp_plan == NULL || in_lp == NULL || dual == NULL || cand == NULL || lp_stat == NULL ||
	    pl->row_stat == NULL || pl->col_stat == NULL || pl->keep == NULL)
		goto done;
	st = glpkw_lp_copy(cg->lp, &lp, diag);
	if (st != STATUS_OK)
		goto done;
	size_t n_lp = cg->n_lp_plans;
	for (size_t k = 0; k < n_lp; k++) {
		lp_plan[k] = (int)k;
		in_lp[k] = true;
	}
	for (;;) {
		double value;
		bool optimal, up;
		long long ticks;
		long long left = work_limit > 0 ? work_limit - pl->work : 0;
		if ((work_limit > 0 && left <= 0) || (stop != NULL && *stop) ||
		    clock_seconds() >= deadline) {
			pl->work_up = work_limit > 0 && left <= 0;
			goto done;
		}
		st = glpkw_lp_solve(lp, deadline - clock_seconds(), left, stop, &value, &optimal,
				    NULL, dual, &ticks, &up, diag);
		pl->work += ticks;
		pl->work_up = up;
		if (st != STATUS_OK || !optimal)
			goto done;
		pl->z = value;
		pl->work += work_simplex(POOL_PASS_ITERATIONS, nr, nb + np);
		size_t n_cand = 0;
		for (size_t k = 0; k < np; k++) {
			if (in_lp[k] || !plan_allowed(cg, k))
				continue;
			double d = plan_rc(cg, k, dual, cg->rows, cg->vals);
			if (d > RC_EPS * fmax(1.0, fabs(d)))
				cand[n_cand++] = (struct priced){ d, k };
		}
		if (n_cand == 0)
			break;
		qsort(cand, n_cand, sizeof *cand, priced_cmp);
		size_t batch = nr > POOL_BATCH_MIN ? nr : POOL_BATCH_MIN;
		for (size_t i = 0; i < n_cand && i < batch; i++) {
			size_t k = cand[i].k;
			size_t n = plan_column(cg, k, cg->rows, cg->vals);
			st = glpkw_lp_add_col(lp, cg->plan_val[k], 0, 1, n, cg->rows, cg->vals, diag);
			if (st != STATUS_OK)
				goto done;
			lp_plan[n_lp++] = (int)k;
			in_lp[k] = true;
		}
	}
	st = glpkw_lp_basis(lp, nr, nb + n_lp, pl->row_stat, lp_stat, diag);
	if (st != STATUS_OK)
		goto done;
	memcpy(pl->col_stat, lp_stat, nb * sizeof *lp_stat);
	for (size_t k = 0; k < np; k++)
		pl->col_stat[nb + k] = GLPKW_AT_LOWER;
	for (size_t i = 0; i < n_lp; i++)
		pl->col_stat[nb + (size_t)lp_plan[i]] = lp_stat[nb + i];
	/* reduced-cost fixing */
	double floor = pool_floor(cg, need);
	for (size_t k = 0; k < np; k++) {
		int stat = pl->col_stat[nb + k];
		pl->keep[k] = stat == GLPKW_BASIC || stat == GLPKW_AT_UPPER ||
			      (plan_allowed(cg, k) &&
			       pl->z + plan_rc(cg, k, dual, cg->rows, cg->vals) >= floor);
		pl->kept += pl->keep[k];
	}
	pl->work += work_simplex(POOL_PASS_ITERATIONS, nr, nb + np);
	pl->optimal = true;
done:
	glpkw_lp_free(lp);
	free(lp_plan);
	free(in_lp);
	free(dual);
	free(cand);
	free(lp_stat);
	return st;
}

/* colgen_mip, and with `cutoff` colgen_prove (*proven may be NULL); with
 * pl (colgen_prove) only the plans it keeps, from its basis. */
static enum status master_mip(struct colgen *cg, const bool *start, double start_value,
			      double seconds, long node_limit, long long work_limit,
			      double global_bound, bool cutoff, const struct pool_lp *pl,
			      const volatile sig_atomic_t *stop, FILE *log, bool *out,
			      double *value, bool *improved, bool *proven, long long *work,
			      bool *work_up, struct diag_list *diag)
{
	if (proven != NULL)
		*proven = false;
	*improved = false;
	*value = start_value;
	struct model mm;
	int *col_of = malloc((cg->n_plans + 1) * sizeof *col_of);
	if (col_of == NULL)
		return STATUS_NO_MEMORY;
	if (!master_model(cg, pl != NULL ? pl->keep : NULL, col_of, &mm)) {
		free(col_of);
		return STATUS_NO_MEMORY;
	}
	size_t ng = cg->ng, na = cg->na;
	double *x0 = calloc(mm.n_cols + 1, sizeof *x0);
	double *x = calloc(mm.n_cols + 1, sizeof *x);
	int *col_stat = pl != NULL ? malloc((mm.n_cols + 1) * sizeof *col_stat) : NULL;
	enum status st = STATUS_NO_MEMORY;
	if (x0 == NULL || x == NULL || (pl != NULL && col_stat == NULL))
		goto done;
	if (pl != NULL) {
		memcpy(col_stat, pl->col_stat, cg->n_base_cols * sizeof *col_stat);
		for (size_t k = 0; k < cg->n_plans; k++)
			if (col_of[k] >= 0)
				col_stat[col_of[k]] = pl->col_stat[cg->n_base_cols + k];
	}
	/* the start point: each patient's plan in `start`, groups that run,
	 * advanced members short */
	bool have_start = true;
	const struct settings *set = &cg->w->clinic->settings;
	for (size_t a = 0; a < na && have_start; a++) {
		int k = plan_of(cg, start, (int)a);
		if (k < 0 || col_of[k] < 0)
			have_start = false;
		else
			x0[col_of[k]] = 1;
	}
	for (size_t g = 0; g < ng && have_start; g++) {
		int size = 0, adv = 0;
		for (size_t a = 0; a < na; a++)
			if (start[a * ng + g]) {
				size++;
				adv += cg->w->advanced[a];
			}
		if (size > 0 && cg->y_of[g] < 0)
			have_start = false;
		else if (size > 0)
			x0[cg->y_of[g]] = 1;
		if (size > 0 && cg->m_of[g] >= 0 && adv < set->min_advanced)
			x0[cg->m_of[g]] = set->min_advanced - adv;
	}
	/* a start outside the fixings (colgen_dive) is no start */
	for (size_t j = 0; j < cg->n_base_cols && have_start; j++)
		have_start = x0[j] >= mm.cols[j].lb - 1e-9 && x0[j] <= mm.cols[j].ub + 1e-9;
	struct glpkw_params p;
	glpkw_params_init(&p);
	p.time_limit = seconds;
	p.node_limit = node_limit;
	p.branch_y_first = true;
	p.start = have_start ? x0 : NULL;
	p.stop = stop;
	p.log = log;
	p.obj_step = mm.obj_step;
	p.external_bound = global_bound;
	p.work_limit = work_limit;
	p.use_cutoff = cutoff;
	p.cutoff = start_value;
	if (pl != NULL) {
		p.basis_rows = pl->row_stat;
		p.basis_cols = col_stat;
	}
	struct glpkw_result r = { .x = x };
	st = glpkw_solve(&mm, &p, &r, diag);
	if (work != NULL)
		*work = r.work;
	if (work_up != NULL)
		*work_up = r.work_up;
	if (st != STATUS_OK)
		goto done;
	if (proven != NULL)
		*proven = r.outcome == GLPKW_OPTIMAL || (cutoff && r.beats_cutoff_none);
	if ((r.outcome == GLPKW_OPTIMAL || r.outcome == GLPKW_FEASIBLE) &&
	    r.obj > start_value + 1e-9) {
		memset(out, 0, na * ng * sizeof *out);
		for (size_t k = 0; k < cg->n_plans; k++) {
			if (col_of[k] < 0 || x[col_of[k]] < 0.5)
				continue;
			int a = cg->plan_a[k];
			for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1]; i++)
				out[(size_t)a * ng + (size_t)cg->plan_groups[i]] = true;
		}
		*value = r.obj;
		*improved = true;
	}
done:
	free(x0);
	free(x);
	free(col_of);
	free(col_stat);
	model_release(&mm);
	return st;
}

enum status colgen_mip(struct colgen *cg, const bool *start, double start_value,
		       double seconds, long node_limit, long long work_limit,
		       double global_bound, const volatile sig_atomic_t *stop, FILE *log,
		       bool *out, double *value, bool *improved, long long *work,
		       bool *work_up, struct diag_list *diag)
{
	return master_mip(cg, start, start_value, seconds, node_limit, work_limit, global_bound,
			  false, NULL, stop, log, out, value, improved, NULL, work, work_up, diag);
}

enum status colgen_prove(struct colgen *cg, const bool *start, double start_value,
			 double seconds, long long work_limit, double global_bound,
			 const volatile sig_atomic_t *stop, FILE *log, bool *out,
			 double *value, bool *improved, bool *proven, long long *work,
			 bool *work_up, struct diag_list *diag)
{
	if (!cg->warm_prove || cg->lp == NULL)
		return master_mip(cg, start, start_value, seconds, 0, work_limit, global_bound,
				  true, NULL, stop, log, out, value, improved, proven, work,
				  work_up, diag);
	/* only rosters a whole step better count (see the MIP's cutoff) */
	double need = model_better_than(cg->cm, start_value);
	double t0 = clock_seconds();
	long long work_scratch;
	bool up_scratch;
	if (work == NULL)
		work = &work_scratch;
	if (work_up == NULL)
		work_up = &up_scratch;
	struct pool_lp pl;
	enum status st = pool_relaxation(cg, need, seconds, work_limit, stop, &pl, diag);
	*proven = *improved = false;
	*value = start_value;
	*work = pl.work;
	*work_up = pl.work_up;
	if (log != NULL && st == STATUS_OK)
		fprintf(log, "pool lp: %s %.6g, %ld of %zu plans kept, %lld ticks %.2fs\n",
			pl.optimal ? "optimal" : "stopped", pl.z, pl.kept, cg->n_plans, pl.work,
			clock_seconds() - t0);
	if (st != STATUS_OK || !pl.optimal || (work_limit > 0 && pl.work >= work_limit)) {
		pool_lp_release(&pl);
		return st;
	}
	if (pl.z < pool_floor(cg, need)) {
		/* no point of the LP reaches it: nor any roster */
		*proven = true;
		pool_lp_release(&pl);
		return STATUS_OK;
	}
	long long ticks;
	double left = seconds - (clock_seconds() - t0);
	st = master_mip(cg, start, start_value, left, 0, work_limit > 0 ? work_limit - pl.work : 0,
			global_bound, true, &pl, stop, log, out, value, improved, proven, &ticks,
			work_up, diag);
	*work += ticks;
	pool_lp_release(&pl);
	return st;
}

/* Fixes y(g) to [lb, ub] in the master and its relaxation; a group fixed
 * closed leaves pricing, and its plans the relaxation. */
static enum status set_group(struct colgen *cg, size_t g, double lb, double ub,
			     struct diag_list *diag)
{
	struct model *ms = &cg->master;
	int y = cg->y_of[g];
	ms->cols[y].lb = lb;
	ms->cols[y].ub = ub;
	enum status st = glpkw_lp_set_bounds(cg->lp, y, lb, ub, diag);
	if (st != STATUS_OK)
		return st;
	bool was = cg->allowed[g];
	cg->allowed[g] = ub > 0;
	cg->any_closed = false;
	for (size_t h = 0; h < cg->ng; h++)
		cg->any_closed |= !cg->allowed[h];
	if (was == cg->allowed[g])
		return STATUS_OK;
	for (size_t k = 0; k < cg->n_lp_plans; k++) {
		bool holds = false;
		for (size_t i = cg->plan_start[k]; i < cg->plan_start[k + 1] && !holds; i++)
			holds = cg->plan_groups[i] == (int)g;
		if (!holds)
			continue;
		st = glpkw_lp_set_bounds(cg->lp, (int)(cg->n_base_cols + k), 0,
					 plan_allowed(cg, k) ? 1 : 0, diag);
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* The bound of the master with y(g) as set now: the Lagrangian of the
 * multipliers `start` first (one pricing round, often enough), then column
 * generation until the bound falls below cg->cutoff or converges. */
static enum status restricted_bound(struct colgen *cg, const double *start, double deadline,
				    const volatile sig_atomic_t *stop, double *bound,
				    struct diag_list *diag)
{
	size_t nr = cg->master.n_rows;
	memcpy(cg->cdual, start, nr * sizeof *cg->cdual);
	cg->best_L = HUGE_VAL;
	size_t added;
	double L;
	enum status st = lagrangian(cg, NULL, &L, &added);
	*bound = L;
	if (st != STATUS_OK || L < cg->cutoff)
		return st;
	double lp;
	st = colgen_run(cg, deadline, stop, NULL, bound, &lp, diag);
	*bound = fmin(*bound, L);
	return st;
}

/* Rows that joined during a probe hold everywhere: the root's multiplier
 * for them is 0. */
static bool grow_root(const struct colgen *cg, double **root, size_t *cap)
{
	if (cg->cap_rows <= *cap)
		return true;
	double *p = realloc(*root, cg->cap_rows * sizeof *p);
	if (p == NULL)
		return false;
	memset(p + *cap, 0, (cg->cap_rows - *cap) * sizeof *p);
	*root = p;
	*cap = cg->cap_rows;
	return true;
}

/* Fixes y(g) at v and prices the master again; *ok: its LP took it. */
static enum status dive_fix(struct colgen *cg, size_t g, double v, double deadline,
			    const volatile sig_atomic_t *stop, bool *ok, struct diag_list *diag)
{
	enum status st = set_group(cg, g, v, v, diag);
	if (st != STATUS_OK)
		return st;
	double bound, lp;
	st = colgen_run(cg, deadline, stop, NULL, &bound, &lp, diag);
	*ok = st == STATUS_OK && lp != HUGE_VAL;
	return st;
}

enum status colgen_dive(struct colgen *cg, const bool *start, double start_value,
			double deadline, long node_limit, const volatile sig_atomic_t *stop,
			FILE *log, bool *out, double *value, bool *improved,
			struct diag_list *diag)
{
	struct model *ms = &cg->master;
	size_t ng = cg->ng;
	*improved = false;
	*value = start_value;
	if (cg->best_L == HUGE_VAL || cg->lp == NULL || cg->n_primal == 0 || cg->sep_lazy)
		return STATUS_OK;
	double t0 = clock_seconds();
	/* The dive works on a copy of the relaxation and joins no row: the
	 * relaxation, its basis and its point come back as they were, so
	 * what follows (probing, the enumerated master's warm root) starts
	 * from the same vertex as without the dive (Mb7's proof: 7 nodes
	 * from that vertex, 71 and no proof from the dive's last one). */
	struct glpkw_lp *kept = cg->lp, *lp;
	enum status st = glpkw_lp_copy(kept, &lp, diag);
	if (st != STATUS_OK)
		return st;
	size_t cap = cg->cap_rows, kept_plans = cg->n_lp_plans, kept_n_primal = cg->n_primal;
	double *lb = malloc((ng + 1) * sizeof *lb), *ub = malloc((ng + 1) * sizeof *ub);
	double *root = malloc(cap * sizeof *root);
	double *point = malloc((kept_n_primal + 1) * sizeof *point);
	if (lb == NULL || ub == NULL || root == NULL || point == NULL) {
		glpkw_lp_free(lp);
		free(lb);
		free(ub);
		free(root);
		free(point);
		return STATUS_NO_MEMORY;
	}
	double root_L = cg->best_L;
	memcpy(root, cg->best_dual, cap * sizeof *root);
	memcpy(point, cg->primal, kept_n_primal * sizeof *point);
	for (size_t g = 0; g < ng; g++)
		if (cg->y_of[g] >= 0) {
			lb[g] = ms->cols[cg->y_of[g]].lb;
			ub[g] = ms->cols[cg->y_of[g]].ub;
		}
	bool link_on = cg->link_on;
	cg->link_on = false;
	cg->lp = lp;
	int fixed = 0;
	bool whole = false;
	while (st == STATUS_OK) {
		if (clock_seconds() >= deadline || (stop != NULL && *stop) ||
		    (cg->work != NULL && work_spent(cg->work)))
			break;
		/* the free group nearest a whole value (lowest index on ties) */
		size_t pick = ng;
		double near = 1;
		for (size_t g = 0; g < ng; g++) {
			int y = cg->y_of[g];
			if (y < 0 || ms->cols[y].lb == ms->cols[y].ub)
				continue;
			double v = cg->primal[y], d = fmin(v - floor(v), ceil(v) - v);
			if (d > 1e-6 && d < near - 1e-9) {
				near = d;
				pick = g;
			}
		}
		if (pick == ng) {
			whole = true;
			break;
		}
		double v = round(cg->primal[cg->y_of[pick]]);
		bool ok;
		st = dive_fix(cg, pick, v, deadline, stop, &ok, diag);
		if (st == STATUS_OK && !ok)
			st = dive_fix(cg, pick, 1 - v, deadline, stop, &ok, diag);
		fixed++;
		if (st == STATUS_OK && !ok)
			break;
	}
	/* the search over what the fixings leave: only better rosters */
	if (st == STATUS_OK && whole && (cg->work == NULL || !work_spent(cg->work))) {
		long long ticks;
		bool proven, work_up;
		st = master_mip(cg, start, start_value, deadline - clock_seconds(), node_limit,
				cg->work != NULL ? work_left(cg->work) : 0, HUGE_VAL, true, NULL,
				stop, log, out, value, improved, &proven, &ticks, &work_up, diag);
		if (cg->work != NULL)
			work_charge(cg->work, ticks);
	}
	if (log != NULL)
		fprintf(log, "dive: %d groups fixed%s, score %.6g %.2fs\n", fixed,
			whole ? "" : " (stopped)", *value, clock_seconds() - t0);
	/* undo: the groups as they were (in the master and its pricing), the
	 * relaxation and its point, the bound of the whole master; the plans
	 * priced on the way join the relaxation at the next solve */
	for (size_t g = 0; g < ng && st == STATUS_OK; g++)
		if (cg->y_of[g] >= 0 && (ms->cols[cg->y_of[g]].lb != lb[g] ||
					 ms->cols[cg->y_of[g]].ub != ub[g]))
			st = set_group(cg, g, lb[g], ub[g], diag);
	cg->lp = kept;
	cg->link_on = link_on;
	cg->n_lp_plans = kept_plans;
	cg->n_primal = kept_n_primal;
	memcpy(cg->primal, point, kept_n_primal * sizeof *point);
	if (st == STATUS_OK && !grow_root(cg, &root, &cap))
		st = STATUS_NO_MEMORY;
	if (st == STATUS_OK) {
		cg->best_L = root_L;
		memcpy(cg->best_dual, root, ms->n_rows * sizeof *root);
	}
	glpkw_lp_free(lp);
	free(lb);
	free(ub);
	free(root);
	free(point);
	return st;
}

/* Probing one group: y(g) on the side the roster `in` is not on, bounded
 * from the multipliers root (root_L their bound, rc_y the reduced cost of
 * y(g) under them); if nothing reaching
 * threshold lies there, y(g) stays on the roster's side (*pruned). */
static enum status probe_group(struct colgen *cg, size_t g, const bool *in, double threshold,
			       double **root, size_t *cap, double root_L, double rc_y,
			       double deadline,
			       const volatile sig_atomic_t *stop, bool *pruned,
			       struct diag_list *diag)
{
	struct model *ms = &cg->master;
	size_t ng = cg->ng;
	int y = cg->y_of[g];
	bool open = false;
	for (size_t a = 0; a < cg->na && !open; a++)
		open = in[a * ng + g];
	double lb = ms->cols[y].lb, ub = ms->cols[y].ub, side = open ? 0 : 1;
	/* the root's bound less what y(g) loses at `side` under the root's
	 * multipliers bounds the probe's first round from above: below
	 * threshold, the pricing is not needed */
	if (root_L - (fmax(rc_y * lb, rc_y * ub) - rc_y * side) < threshold) {
		*pruned = true;
		return set_group(cg, g, 1 - side, 1 - side, diag);
	}
	enum status st = set_group(cg, g, side, side, diag);
	if (st != STATUS_OK)
		return st;
	double b;
	cg->cutoff = threshold;
	st = restricted_bound(cg, *root, deadline, stop, &b, diag);
	cg->cutoff = -HUGE_VAL;
	if (st != STATUS_OK)
		return st;
	if (!grow_root(cg, root, cap))
		return STATUS_NO_MEMORY;
	*pruned = b < threshold;
	st = *pruned ? set_group(cg, g, 1 - side, 1 - side, diag) : set_group(cg, g, lb, ub, diag);
	/* a probe's bound holds only inside it */
	cg->best_L = root_L;
	memcpy(cg->best_dual, *root, ms->n_rows * sizeof **root);
	return st;
}

/* Passes over the groups at most: each pass after the first starts from
 * the tighter multipliers of the fixings so far, and stops when a pass
 * fixes nothing more. */
#define PROBE_PASSES 3

enum status colgen_probe(struct colgen *cg, const bool *in, double threshold, double deadline,
			 const volatile sig_atomic_t *stop, FILE *log, long *n_fixed,
			 double *bound, struct diag_list *diag)
{
	struct model *ms = &cg->master;
	size_t ng = cg->ng;
	*bound = HUGE_VAL;
	*n_fixed = 0;
	if (cg->best_L == HUGE_VAL || cg->lp == NULL)
		return STATUS_OK;
	double t0 = clock_seconds();
	/* the multipliers each probe starts from, restored after it */
	double root_L = cg->best_L;
	size_t cap = cg->cap_rows;
	double *root = malloc(cap * sizeof *root);
	double *rc = malloc((cg->n_base_cols + 1) * sizeof *rc);
	if (root == NULL || rc == NULL) {
		free(root);
		free(rc);
		return STATUS_NO_MEMORY;
	}
	memcpy(root, cg->best_dual, cap * sizeof *root);
	long fixed = 0;
	enum status st = STATUS_OK;
	bool out_of_budget = false;
	for (int pass = 0; pass < PROBE_PASSES && st == STATUS_OK && !out_of_budget; pass++) {
		long fixed_now = 0;
		/* reduced costs of the y columns under the pass's multipliers */
		for (size_t j = 0; j < cg->n_base_cols; j++)
			rc[j] = ms->cols[j].obj;
		for (size_t r = 0; r < ms->n_rows; r++) {
			const struct model_row *row = &ms->rows[r];
			for (size_t e = row->start; e < row->start + row->len; e++)
				if ((size_t)ms->ind[e] < cg->n_base_cols)
					rc[ms->ind[e]] -= root[r] * ms->val[e];
		}
		for (size_t g = 0; g < ng && st == STATUS_OK; g++) {
			int y = cg->y_of[g];
			if (y < 0 || ms->cols[y].lb == ms->cols[y].ub)
				continue;
			/* a probe prices every patient at least twice: not
			 * started without the budget for it (the fixings
			 * after it price more) */
			out_of_budget = clock_seconds() >= deadline || (stop != NULL && *stop) ||
					(cg->work != NULL &&
					 work_left(cg->work) < 4 * work_pricing((long long)cg->na, ng));
			if (out_of_budget)
				break;
			bool pruned;
			st = probe_group(cg, g, in, threshold, &root, &cap, root_L, rc[y], deadline,
					 stop, &pruned, diag);
			fixed_now += pruned;
		}
		if (st != STATUS_OK || fixed_now == 0)
			break;
		fixed += fixed_now;
		/* the bound over what the fixings leave: the next pass and
		 * colgen_fixings start from its multipliers */
		st = restricted_bound(cg, root, deadline, stop, bound, diag);
		if (st == STATUS_OK && !grow_root(cg, &root, &cap))
			st = STATUS_NO_MEMORY;
		if (st != STATUS_OK)
			break;
		root_L = cg->best_L;
		memcpy(root, cg->best_dual, ms->n_rows * sizeof *root);
		if (*bound < threshold)
			break;
	}
	free(root);
	free(rc);
	if (log != NULL)
		fprintf(log, "probing: %ld of %zu groups fixed, bound %.6g %.2fs\n", fixed, ng,
			*bound, clock_seconds() - t0);
	*n_fixed = fixed;
	return st;
}

/* A node of pplan_each costs this much less than pricing a patient:
 * Mb7's 86,000 nodes take 7.5 ms, and storing the 54,000 plans they
 * find as long again, where a tick is about a microsecond (work.h). */
#define ENUM_NODE_DIVISOR 32

/* Plans pplan_each finds, kept until their count is known to be within
 * the cap. */
struct enum_buf {
	int a;
	int *groups; size_t n_groups, cap_groups;
	size_t *start; size_t n, cap_start;
	int *who; size_t cap_who;
	long cap;
	bool over, no_memory;
};

static bool enum_visit(void *ctx, const int *groups, size_t n, double worth)
{
	(void)worth;
	struct enum_buf *b = ctx;
	if ((long)b->n >= b->cap) {
		b->over = true;
		return false;
	}
	if (!GROW(b->groups, b->n_groups + n + 1, b->cap_groups) ||
	    !GROW(b->start, b->n + 2, b->cap_start) || !GROW(b->who, b->n + 1, b->cap_who)) {
		b->no_memory = true;
		return false;
	}
	if (b->n == 0)
		b->start[0] = 0;
	memcpy(b->groups + b->n_groups, groups, n * sizeof *groups);
	b->n_groups += n;
	b->who[b->n++] = b->a;
	b->start[b->n] = b->n_groups;
	return true;
}

/* The enumerated plans into the pool, those it holds already left out
 * (each patient's plans listed by head/next). */
static enum status enum_add(struct colgen *cg, const struct enum_buf *b, long *added)
{
	size_t na = cg->na, before = cg->n_plans;
	long *head = malloc((na + 1) * sizeof *head);
	long *next = malloc((before + 1) * sizeof *next);
	enum status st = STATUS_OK;
	if (head == NULL || next == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t a = 0; a < na; a++)
		head[a] = -1;
	for (size_t k = before; k-- > 0;) {
		next[k] = head[cg->plan_a[k]];
		head[cg->plan_a[k]] = (long)k;
	}
	for (size_t i = 0; i < b->n; i++) {
		const int *gs = b->groups + b->start[i];
		size_t n = b->start[i + 1] - b->start[i];
		bool known = false;
		for (long k = head[b->who[i]]; k >= 0 && !known; k = next[k])
			known = cg->plan_start[k + 1] - cg->plan_start[k] == n &&
				(n == 0 || memcmp(cg->plan_groups + cg->plan_start[k], gs,
						  n * sizeof *gs) == 0);
		if (known)
			continue;
		if (!add_plan(cg, b->who[i], gs, n)) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		(*added)++;
	}
done:
	free(head);
	free(next);
	return st;
}

enum status colgen_enumerate(struct colgen *cg, double threshold, long cap, double *bound,
			     long *n_found, long *n_new, bool *complete)
{
	*complete = false;
	*n_found = *n_new = 0;
	*bound = HUGE_VAL;
	if (cg->best_L == HUGE_VAL)
		return STATUS_OK;
	/* the bound of the best multipliers under today's fixings: probing
	 * may have closed groups since they were found */
	memcpy(cg->cdual, cg->best_dual, cg->master.n_rows * sizeof *cg->cdual);
	size_t unused;
	double L;
	enum status st = lagrangian(cg, NULL, &L, &unused);
	if (st != STATUS_OK)
		return st;
	*bound = L;
	if (L == HUGE_VAL)
		return STATUS_OK;
	/* a roster reaching threshold gives up no more than L - threshold
	 * of the bound in all, so no more in any one patient's plan */
	double gap = fmax(0.0, L - threshold);
	const bool *allowed = cg->any_closed ? cg->allowed : NULL;
	struct enum_buf b = { .cap = cap };
	for (size_t a = 0; a < cg->na && st == STATUS_OK; a++) {
		if (cg->work != NULL && work_spent(cg->work))
			goto done; /* incomplete: no proof from it */
		priced_values(cg, cg->cdual, a);
		size_t n;
		double best = priced_best(cg, (int)a, cg->value, allowed, NULL, cg->groups, &n);
		if (best == -HUGE_VAL)
			goto done;
		b.a = (int)a;
		long nodes = pplan_each(cg->pp, (int)a, cg->value, allowed, NULL, best - gap,
					enum_visit, &b);
		if (b.no_memory)
			st = STATUS_NO_MEMORY;
		if (nodes < 0)
			goto done;
		if (cg->work != NULL)
			work_charge(cg->work, (work_pricing(nodes, cg->ng) + ENUM_NODE_DIVISOR - 1) /
						      ENUM_NODE_DIVISOR);
	}
	if (st == STATUS_OK)
		st = enum_add(cg, &b, n_new);
	*complete = st == STATUS_OK;
done:
	*n_found = (long)b.n;
	free(b.groups);
	free(b.start);
	free(b.who);
	return st;
}

void colgen_master_size(const struct colgen *cg, size_t *rows, size_t *cols)
{
	*rows = cg->master.n_rows;
	*cols = cg->n_base_cols + cg->n_plans;
}

void colgen_prove_cold(struct colgen *cg)
{
	cg->warm_prove = false;
}

/* model.h -- the week's integer program as plain arrays (GLPK-free).
 *
 * Columns (all 0-based here; the GLPK wrapper shifts to 1-based):
 *   x(a,g)  binary, a in g; only for eligible pairs that can ever hold
 *   y(g)    binary, g runs; only for groups that can reach min_size
 *   s(a)    >= 0, hours short of hours_min (only when w_short > 0)
 *   m(g)    >= 0, advanced members short of min_advanced (when w_mix > 0)
 * Rows (see model.c for why each is shaped as it is):
 *   type(a,t)   sum_{g of type t} x(a,g) <= 1
 *   clash(a,k)  sum over a maximal clique k of a's clashing groups <= 1
 *   hours(a)    sum hours(g) x(a,g) <= hours_max(a)
 *   short(a)    s(a) + sum hours(g) x(a,g) >= hours_min(a)
 *   min(g)      sum_a x(a,g) - min_size y(g) >= 0
 *   max(g)      sum_a x(a,g) - max_size y(g) <= 0 (always: it ties x to y)
 *   link(a,g)   x(a,g) - y(g) <= 0
 *   sep(i,g)    x(a,g) + x(b,g) - y(g) <= 0 for separation i
 *   fac(k)      sum over a clique k of one facilitator's clashing groups y <= 1
 *   mix(g)      m(g) + sum_{advanced a} x(a,g) - min_advanced y(g) >= 0
 * Billable days (contract v2; only while billable_days > 0 and w_billable
 * > 0, only for patients whose week may bill, see week_may_bill):
 *   d(a,d)  binary, day d reaches billable_day_hours (only days a has hours on)
 *   b(a)    binary, a's week is billable, objective w_billable
 *   day(a,d)    billable_day_hours d(a,d) - sum day_hours(g,d) x(a,g) <= 1e-6
 *   bill(a)     billable_days b(a) - sum_d d(a,d) <= 0
 * The objective (maximised) equals score_roster's total at any point whose
 * s and m sit at their lowest feasible values. */
#ifndef IOP_MODEL_H
#define IOP_MODEL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "data/week.h"

enum col_kind { COL_X, COL_Y, COL_S, COL_M, COL_PLAN, COL_DAY, COL_BILL };

enum row_kind {
	ROW_TYPE, ROW_CLASH, ROW_HOURS, ROW_SHORT, ROW_MIN, ROW_MAX, ROW_LINK,
	ROW_SEP, ROW_FAC, ROW_MIX,
	ROW_CONV, /* column generation: one plan per patient */
	ROW_DAY, ROW_BILL, /* billable days (contract v2) */
};

enum row_sense { SENSE_LE, SENSE_GE, SENSE_EQ };

struct model_col {
	enum col_kind kind;
	int a, g;          /* -1 when not applicable */
	int k;             /* COL_PLAN: the plan's number; else -1 */
	double obj, lb, ub;
	bool integer;
};

struct model_row {
	enum row_kind kind;
	int a, g, k;       /* k: type, clique number or separation index; -1 if none */
	enum row_sense sense;
	double rhs;
	size_t start, len; /* coefficients ind/val[start .. start+len) */
};

struct model {
	const struct week *w;
	struct model_col *cols; size_t n_cols, cap_cols;
	struct model_row *rows; size_t n_rows, cap_rows;
	int *ind; double *val; size_t nnz, cap_nnz;
	int *x_col;        /* [a * n_groups + g] column or -1 */
	int *y_col;        /* [g] column or -1 */
	int *s_col;        /* [a] column or -1 */
	int *m_col;        /* [g] column or -1 */
	int *day_col;      /* [a * WEEK_DAYS + d] column or -1 (NULL: no billing) */
	int *bill_col;     /* [a] column or -1 (NULL: no billing) */
	size_t n_x;        /* x columns come first: 0 .. n_x-1 */
	double obj_step;   /* every roster's score is a multiple of this; 0 = unknown */
};

/* Builds the model; STATUS_NO_MEMORY on allocation failure (m is then
 * released). */
enum status model_build(const struct week *w, struct model *m);
/* The same, giving up with STATUS_INTERRUPTED (m released) once *stop
 * (may be NULL) is nonzero: a large week takes seconds to build. */
enum status model_build_until(const struct week *w, struct model *m,
			      const volatile sig_atomic_t *stop);

/* Building blocks for other models over the same week (column generation's
 * master): append a column (returns its index, -1 on allocation failure),
 * start a row, add a coefficient to the last row. */
int model_add_col(struct model *m, enum col_kind kind, int a, int g, int k,
		  double obj, double lb, double ub, bool integer);
bool model_add_row(struct model *m, enum row_kind kind, int a, int g, int k,
		   enum row_sense sense, double rhs);
bool model_add_coef(struct model *m, int col, double v);

void model_release(struct model *m);

/* The model with some columns fixed: `fix[j]` is the value of column j,
 * or NAN to leave it free. `sub` gets the free columns (sub column i is
 * column map[i] of m; map has room for n_cols) and every row that still
 * holds a free column, its right-hand side moved by the fixed part. Rows
 * with no free column are dropped after a check: one the fixed values
 * break makes it STATUS_INFEASIBLE (sub then empty). The sub model shares
 * m's week; its x_col and similar maps are left NULL. */
enum status model_restrict(const struct model *m, const double *fix,
			   struct model *sub, int *map);

/* Readable names for the LP/MPS export, e.g. "x(p12,g3)", "clash(p12,2)".
 * Ids keep letters, digits, "_" and "."; every other byte is written as
 * "~XX" (hex), so distinct ids give distinct names. Names longer than
 * GLPK's 255 bytes fall back to indices: "x(#12,#3)". */
void model_col_name(const struct model *m, size_t j, char *buf, size_t size);
void model_row_name(const struct model *m, size_t i, char *buf, size_t size);
void model_obj_name(char *buf, size_t size);

/* Fills col[n_cols] with the point of the 0/1 membership matrix
 * in[a * n_groups + g] (pairs without a column must be false): y from
 * sizes, s and m at their lowest feasible values. */
void model_point(const struct model *m, const bool *in, double *col);

/* Objective value of a point. */
double model_objective(const struct model *m, const double *col);

/* Largest violation of any row or bound at col (0 when feasible). */
double model_violation(const struct model *m, const double *col);

/* The least score a roster must reach to beat `value`: a whole obj_step
 * more (less a tolerance far below one step) when scores are multiples of
 * it, else value plus round-off. Every cutoff and threshold of the search
 * (probing, enumeration, the master's proof) uses this one. */
double model_better_than(const struct model *m, double value);

#endif

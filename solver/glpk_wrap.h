/* glpk_wrap.h -- the one door to GLPK: solve or export a struct model.
 *
 * GLPK's terminal output never reaches the user (it goes to the log, when
 * one is given, only if verbose), and its fatal errors become
 * STATUS_INTERNAL instead of aborting the process. */
#ifndef IOP_GLPK_WRAP_H
#define IOP_GLPK_WRAP_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "data/diag.h"
#include "data/status.h"
#include "model.h"

/* Called when GLPK asks for a heuristic solution at a node: `lp` holds the
 * node's LP values (n_cols, 0-based). Write a feasible 0/1 point into `out`
 * and return true to offer it (GLPK keeps it if it beats the incumbent). */
typedef bool (*glpkw_heur_fn)(void *ctx, const double *lp, double incumbent,
			      bool have_incumbent, double *out);

struct glpkw_params {
	double time_limit;        /* seconds for the whole call; <= 0: none */
	double mip_gap;           /* relative gap at which to stop; 0 = prove */
	const double *start;      /* feasible point (n_cols) or NULL */
	const volatile sig_atomic_t *stop; /* NULL or nonzero = stop, keep best */
	FILE *log;                /* progress lines, NULL = silent */
	bool verbose;             /* also forward GLPK's own output to log */
	glpkw_heur_fn heur;       /* may be NULL */
	void *heur_ctx;
	bool branch_y_first;      /* branch on fractional group columns first */
	bool strong_cuts;         /* Gomory and MIR cuts besides cliques: they
	                           * close the last units of a proof, but cost
	                           * more than they give on a quick sub-MIP */
	unsigned lazy_rows;       /* bit (1 << enum row_kind): rows of these kinds
				   * start outside the LP and join as cuts when
				   * the LP point breaks them */
	double log_interval;      /* seconds between progress lines, 0 = 5 */
	long node_limit;          /* stop after this many nodes (0 = none): a
				   * limit that, unlike time, gives the same
				   * answer on every run */
	double external_bound;    /* a bound known from elsewhere (HUGE_VAL or 0 =
				   * none): the search ends once the incumbent
				   * provably reaches it */
	bool use_cutoff;          /* only points scoring more than cutoff are */
	double cutoff;            /* wanted (a roster known from elsewhere) */
	double obj_step;          /* every point worth keeping scores a multiple
				   * of this (0 = unknown): a bound below
				   * incumbent + step proves the incumbent */
	long long work_limit;     /* ticks (work.h) for the whole call, 0 = none:
				   * the deterministic limit; time_limit stays
				   * as the safety stop */
	const int *basis_rows;    /* an optimal basis of the relaxation (enum */
	const int *basis_cols;    /* glpkw_stat per row and column) or NULL: the
				   * root starts from it, presolve off, and
				   * pivots only if it is not optimal; its
				   * scaling and first factorisation are
				   * charged GLPKW_WARM_ROOT_ITERATIONS */
};

/* What a root started from a basis costs before any pivot, in simplex
 * iterations of its size (work.h): Mb7's enumerated master (666 rows,
 * 50,546 columns) takes 0.16 s to scale and factorise, some 200. */
#define GLPKW_WARM_ROOT_ITERATIONS 200

void glpkw_params_init(struct glpkw_params *p);

enum glpkw_outcome {
	GLPKW_OPTIMAL,    /* proven optimal (within mip_gap) */
	GLPKW_FEASIBLE,   /* a point, not proven: time limit or stop */
	GLPKW_INFEASIBLE, /* no point satisfies the rows */
	GLPKW_NONE,       /* stopped before any point was found */
};

struct glpkw_result {
	enum glpkw_outcome outcome;
	double *x;        /* caller-allocated n_cols; filled unless NONE/INFEASIBLE */
	double obj;       /* objective at x */
	double bound;     /* proven upper bound (maximisation); +inf if none */
	double lp_bound;  /* root LP relaxation value */
	bool stopped;     /* the stop flag ended the search */
	bool time_up;     /* the time limit ended the search */
	bool node_limit;  /* the node limit ended the search */
	bool beats_cutoff_none; /* use_cutoff: proven that no point scores a
			   * whole step (or, without a step, anything) more
			   * than the cutoff */
	long nodes;       /* branch-and-bound nodes processed (informative) */
	bool work_up;     /* the work limit ended the search */
	long long work;   /* ticks used: simplex iterations and nodes */
};

/* Solves the model (maximise). Returns STATUS_OK with the outcome in r,
 * STATUS_NO_MEMORY, or STATUS_INTERNAL (with a diag) on GLPK failure. */
enum status glpkw_solve(const struct model *m, const struct glpkw_params *p,
			struct glpkw_result *r, struct diag_list *diag);

/* Solves only the LP relaxation; *value is its optimum, *feasible false when
 * the relaxation has no point. `col` (may be NULL) receives the values. */
enum status glpkw_solve_lp(const struct model *m, double time_limit,
			   double *value, bool *feasible, double *col,
			   struct diag_list *diag);

/* Writes the model as CPLEX LP and/or free MPS (either path may be NULL). */
enum status glpkw_export(const struct model *m, const char *lp_path,
			 const char *mps_path, struct diag_list *diag);

/* A relaxation kept alive across calls, for column generation: built from
 * a model's columns and rows (integrality ignored), grown column by column,
 * re-solved from its last basis. While one exists GLPK's environment stays
 * up between calls; a fatal GLPK error ends every handle (later calls on
 * it return STATUS_INTERNAL). */
struct glpkw_lp;

/* The status of a row or column in a basis. */
enum glpkw_stat {
	GLPKW_BASIC = 1,
	GLPKW_AT_LOWER,
	GLPKW_AT_UPPER,
	GLPKW_FREE,
	GLPKW_FIXED,
};

enum status glpkw_lp_new(const struct model *m, struct glpkw_lp **out,
			 struct diag_list *diag);
/* The same without the model's rows of the kinds in the mask `lazy`
 * (bit 1 << kind): the relaxation's rows are the others, in order, then
 * those glpkw_lp_add_row appends. */
enum status glpkw_lp_new_lazy(const struct model *m, unsigned lazy, struct glpkw_lp **out,
			      struct diag_list *diag);

/* Appends a column with coefficients vals[i] in the relaxation's rows
 * rows[i] (0-based: the model's rows it was built with, then those
 * glpkw_lp_add_row appended). */
enum status glpkw_lp_add_col(struct glpkw_lp *lp, double obj, double lb, double ub,
			     size_t n, const int *rows, const double *vals,
			     struct diag_list *diag);

/* Solves (maximise). *optimal false when no optimum was reached (work or
 * time limit, *stop raised, infeasible). work_limit (ticks, work.h; 0 =
 * none) becomes an iteration limit; *work (may be NULL) receives the ticks
 * used and *work_up whether the work limit ended the solve. primal
 * (columns) and dual (rows) may be NULL; duals follow GLPK: >= 0 on an
 * active <= row of a maximisation, <= 0 on >=. stop (may be NULL) is looked
 * at between slices of LP_SLICE_ITERATIONS iterations: slices cut by a
 * count fall at the same pivots on every run, as 1-s slices did not. */
enum status glpkw_lp_solve(struct glpkw_lp *lp, double time_limit, long long work_limit,
			   const volatile sig_atomic_t *stop, double *value,
			   bool *optimal, double *primal, double *dual,
			   long long *work, bool *work_up, struct diag_list *diag);

/* Appends a row (sense: 0 <=, 1 >=, 2 =) with coefficients vals[i] in the
 * relaxation's columns cols[i] (0-based, in the order they were created:
 * the model's columns, then those glpkw_lp_add_col appended). The basis
 * stays valid: the new row's slack is basic. */
enum status glpkw_lp_add_row(struct glpkw_lp *lp, int sense, double rhs, size_t n,
			     const int *cols, const double *vals, struct diag_list *diag);

/* New bounds for column col (0-based, as in glpkw_lp_add_row); the basis
 * stays. */
enum status glpkw_lp_set_bounds(struct glpkw_lp *lp, int col, double lb, double ub,
				struct diag_list *diag);

/* A copy of the relaxation, its basis with it: re-solving the copy
 * starts where the original stands. */
enum status glpkw_lp_copy(const struct glpkw_lp *src, struct glpkw_lp **out,
			  struct diag_list *diag);

/* The basis the last solve left: a status (enum glpkw_stat) per row and
 * per column, in the order of glpkw_lp_add_row, into arrays of n_rows and
 * n_cols (STATUS_INTERNAL when the relaxation has another size). */
enum status glpkw_lp_basis(const struct glpkw_lp *lp, size_t n_rows, size_t n_cols,
			   int *row_stat, int *col_stat, struct diag_list *diag);
/* From now on, a solve after rows alone joined (no column) starts with
 * the dual simplex: the last basis stays dual feasible, where the primal
 * simplex must first find a feasible point again (30 s and more after a
 * few hundred rows joined a 5,000-patient master). */
void glpkw_lp_dual_after_rows(struct glpkw_lp *lp);

void glpkw_lp_free(struct glpkw_lp *lp);

#endif

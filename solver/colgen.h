/* colgen.h -- column generation over patient plans: a strong bound and
 * good rosters for large weeks.
 *
 * The master problem chooses one plan (patient_plan.h) per patient and
 * which groups run, under the group rows of model.h (min, max, mix,
 * separations, facilitators). Its LP is the Dantzig-Wolfe relaxation of the
 * compact model: every patient-side rule holds exactly inside a plan, so
 * its bound is much tighter than the compact LP's. Pricing is exact, so at
 * every iteration the duals give a valid Lagrangian bound; the best one is
 * kept. The restricted master (the plans found so far) solved as a MIP
 * gives rosters that keep every rule. */
#ifndef IOP_COLGEN_H
#define IOP_COLGEN_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "data/diag.h"
#include "model.h"

struct colgen;

/* m is the compact model of the week (its x columns say which pairs may
 * hold, its y/m columns which groups may run). NULL on allocation failure. */
struct colgen *colgen_new(const struct model *m);
void colgen_free(struct colgen *cg);

/* Adds each patient's plan in the roster in[a * n_groups + g] (which must
 * keep every rule), so the master can express it. */
enum status colgen_add_roster(struct colgen *cg, const bool *in);

/* Counts every LP iteration and every patient priced into *work (NULL:
 * nothing counted), and ends colgen_run once it is spent. */
struct work;
void colgen_set_work(struct colgen *cg, struct work *work);
/* Did the last colgen_run end because its work budget was spent? */
bool colgen_work_up(const struct colgen *cg);

/* Column generation until the master LP is optimal over all plans, the
 * work budget (colgen_set_work) is spent, the deadline (monotonic
 * seconds, see clock_seconds: the safety stop) or stop. *bound receives
 * the best Lagrangian bound (valid: no roster scores more), *lp the last
 * master LP value. Needs a roster added first (the master's first point). */
enum status colgen_run(struct colgen *cg, double deadline,
		       const volatile sig_atomic_t *stop, FILE *log,
		       double *bound, double *lp, struct diag_list *diag);

/* From the next colgen_run on, rows "a's plans holding g <= y(g)" that the
 * LP point breaks join the master once pricing converges (at most a fixed
 * number of rounds): a much tighter bound where many groups stay closed.
 * Off at first, so the first LP point is rounded as early as before. With
 * `one_round_a_run`, a colgen_run joins one round and returns once pricing
 * has converged over it, so the caller can round each point on the way.
 * A round joins the most broken rows, as many as the dual simplex can
 * take in about one round's work on an LP of this size. */
void colgen_link_rows(struct colgen *cg, bool one_round_a_run);
/* Link rows joined so far. */
long colgen_link_count(const struct colgen *cg);

/* Before the first colgen_run: separation rows join the relaxation only
 * once pricing has converged and its point breaks them (then before any
 * link row). A week with hundreds of separations has tens of thousands
 * of such rows, most of its master's, and the simplex slows with every
 * one; few ever bind. The bound stays valid (their multipliers are 0
 * until they join) and the master MIP keeps them all. After rows join
 * (separations or link rows) the LP is re-solved with the dual simplex. */
void colgen_lazy_separations(struct colgen *cg);

/* The last master LP point seen by colgen_run, in the compact model's
 * columns (x(a,g) = sum of a's plans holding g; y as is; s and m 0).
 * False when there is none. */
bool colgen_lp_point(const struct colgen *cg, double *col);

/* Lagrangian fixing with the duals of the best bound found: col[j] (the
 * compact model's columns) gets 0 or 1 for every x and y column that takes
 * that value in every roster scoring at least `threshold`, NAN for the
 * rest. Returns how many were fixed, or -1 without a bound yet. */
long colgen_fixings(struct colgen *cg, double threshold, double *col);

/* The restricted master as a MIP over the plans found so far, started from
 * `start` (a roster added before), for at most `seconds` (the safety
 * stop). When it finds a roster better than start_value, writes it to
 * out[] (may equal start) and sets *value; *improved says whether it did.
 * global_bound (HUGE_VAL if none) ends the search once no better roster
 * can exist; node_limit and work_limit (ticks, work.h; 0 = none) bound the
 * work the same way on every run. *work (may be NULL) gets the ticks used,
 * *work_up (may be NULL) whether work_limit ended it. */
enum status colgen_mip(struct colgen *cg, const bool *start, double start_value,
		       double seconds, long node_limit, long long work_limit,
		       double global_bound, const volatile sig_atomic_t *stop, FILE *log,
		       bool *out, double *value, bool *improved, long long *work,
		       bool *work_up, struct diag_list *diag);

/* A dive for a roster, after colgen_run: the group whose y is nearest a
 * whole value in the LP point is fixed there, the master priced again,
 * and so on until every y is whole (a side the LP cannot take is
 * flipped); then the master MIP over the plans, with the groups fixed,
 * searches at most node_limit nodes for a roster better than start_value
 * (out, *value, *improved as colgen_mip). The fixings and the bound are
 * undone after; the plans priced on the way stay. All of it is charged to
 * the work budget (colgen_set_work), which, with the deadline, ends it. */
enum status colgen_dive(struct colgen *cg, const bool *start, double start_value,
			double deadline, long node_limit, const volatile sig_atomic_t *stop,
			FILE *log, bool *out, double *value, bool *improved,
			struct diag_list *diag);

/* Near-best alternatives for colgen_mip: for each patient, by the duals of
 * the best bound, the best plan without each group of their best plan and
 * the best plan with each other group they may join. A master of only the
 * plans the LP needed rarely holds the best roster; with these it often
 * does. Returns how many plans joined, -1 out of memory. */
long colgen_enrich(struct colgen *cg);


/* Probing on the groups, after colgen_run: for each group whose y is free,
 * the master with y(g) on the side the roster `in` is not on (open when
 * it is closed there, closed when open) is bounded by column generation;
 * when no roster there reaches `threshold`, y(g) stays on the roster's
 * side from then on, in the master, its pricing and colgen_fixings. The
 * groups fall like this where column generation's bound is close but
 * branch-and-cut on the compact model is slow. Passes over the groups
 * until one fixes nothing more (at most a few), within the work budget
 * (colgen_set_work) and the deadline. *n_fixed gets how many were fixed;
 * with any, *bound the bound over the rosters the fixings leave (else
 * HUGE_VAL): below threshold, no roster reaches it. Not OK: out of memory
 * or GLPK failed, and the master is then unusable. */
enum status colgen_probe(struct colgen *cg, const bool *in, double threshold, double deadline,
			 const volatile sig_atomic_t *stop, FILE *log, long *n_fixed,
			 double *bound, struct diag_list *diag);

/* Column enumeration within the gap, after colgen_run (and probing):
 * with the multipliers of the best bound L, a roster reaching `threshold`
 * gives up at most L - threshold of it in any one patient's plan, so
 * every plan within that of its patient's best joins the master (the
 * groups probing closed left out). The master then holds every roster
 * reaching threshold, and colgen_prove searches it exactly. *bound gets
 * L under today's fixings (below threshold: no roster reaches it).
 * *n_found counts the plans found within the gap, *n_new those of them
 * new to the master. More than `cap` of them (the search stops at cap + 1),
 * or the work budget spent (colgen_set_work): *complete false and none
 * joins. Pricing and the search are charged to the budget. */
enum status colgen_enumerate(struct colgen *cg, double threshold, long cap, double *bound,
			     long *n_found, long *n_new, bool *complete);

/* The master MIP's size: its rows and its columns (plans and the group
 * columns), for a caller weighing a solve against its budget. */
void colgen_master_size(const struct colgen *cg, size_t *rows, size_t *cols);

/* colgen_mip seeking only rosters scoring more than start_value (a
 * cutoff), with no node limit: after colgen_enumerate the master holds
 * every such roster, so *proven (the search ended without running out
 * of work, time or nodes) proves the roster it leaves in out[] (or start,
 * when not *improved) optimal. Warm: the master's LP is first solved by
 * pricing the pool into a copy of column generation's relaxation, plans
 * whose reduced cost puts them below the cutoff stay out of the MIP, and
 * its root starts from that LP's basis. *work counts both. */
enum status colgen_prove(struct colgen *cg, const bool *start, double start_value,
			 double seconds, long long work_limit, double global_bound,
			 const volatile sig_atomic_t *stop, FILE *log, bool *out,
			 double *value, bool *improved, bool *proven, long long *work,
			 bool *work_up, struct diag_list *diag);

/* colgen_prove as before the warm start: every plan, the root LP cold
 * (for tests comparing the two). */
void colgen_prove_cold(struct colgen *cg);

#endif

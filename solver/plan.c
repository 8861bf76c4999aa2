/* plan.c -- the week's best roster: checks, heuristic, column generation,
 * branch-and-cut or neighbourhood search, reasons (see plan.h). */
#include "plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "colgen.h"
#include "glpk_wrap.h"
#include "heuristic.h"
#include "lns.h"
#include "model.h"
#include "pin_check.h"
#include "reasons.h"
#include "rules.h"
#include "data/base/clock.h"

void plan_options_init(struct plan_options *o)
{
	o->time_limit = 30;
	o->gap = 0;
	o->stop = NULL;
	o->log = NULL;
}

void plan_result_release(struct plan_result *r)
{
	if (r == NULL)
		return;
	roster_release(&r->roster);
	unmet_list_release(&r->unmet);
	memset(r, 0, sizeof *r);
}

/* ---- the solve --------------------------------------------------------- */

struct heur_cb {
	struct heur *h;
	const struct model *m;
	bool *in;
	long calls, effort;
	/* when GLPK solves a restricted model: its columns map[i] of m, the
	 * rest fixed at fix[]; full is scratch for m's columns */
	const int *map;
	const double *fix;
	double *full;
	size_t n_sub;
};

/* GLPK asks at every node; rounding the LP is cheap but not free, so only
 * the 1st, 2nd, 4th, 8th ... requests run it (deterministic, unlike a
 * clock-based schedule). */
static bool heur_callback(void *ctx, const double *lp, double incumbent,
			  bool have_incumbent, double *out)
{
	struct heur_cb *hc = ctx;
	hc->calls++;
	if ((hc->calls & (hc->calls - 1)) != 0)
		return false;
	const struct model *m = hc->m;
	const double *point = lp;
	double constant = 0;
	if (hc->map != NULL) {
		memcpy(hc->full, hc->fix, m->n_cols * sizeof *hc->full);
		for (size_t j = 0; j < m->n_cols; j++)
			if (!isnan(hc->fix[j]))
				constant += m->cols[j].obj * hc->fix[j];
			else
				hc->full[j] = 0;
		for (size_t i = 0; i < hc->n_sub; i++)
			hc->full[hc->map[i]] = lp[i];
		point = hc->full;
	}
	double v;
	if (!heur_from_lp(hc->h, point, hc->effort, hc->in, &v))
		return false;
	if (have_incumbent && v - constant <= incumbent + 1e-7)
		return false;
	if (hc->map == NULL) {
		model_point(m, hc->in, out);
		return true;
	}
	/* a better roster keeps every fixing; offer it in the sub columns */
	model_point(m, hc->in, hc->full);
	for (size_t j = 0; j < m->n_cols; j++)
		if (!isnan(hc->fix[j]) && fabs(hc->fix[j] - hc->full[j]) > 1e-9)
			return false;
	for (size_t i = 0; i < hc->n_sub; i++)
		out[i] = hc->full[hc->map[i]];
	return true;
}

static bool roster_from(const struct week *w, const bool *in, struct roster *r)
{
	size_t ng = w->n_groups;
	for (size_t a = 0; a < w->n_active; a++)
		for (size_t g = 0; g < ng; g++)
			if (in[a * ng + g] && !roster_add(r, w->active[a], (int)g, 0))
				return false;
	roster_sort(r, w->clinic);
	return true;
}

/* Every pair at its best and no shortfall, mix or cost: no roster scores
 * more. The last resort when nothing better was proven in time. */
static double trivial_bound(const struct model *m)
{
	const struct week *w = m->w;
	size_t ng = w->n_groups, nt = w->n_types;
	double *best = calloc(nt + 1, sizeof *best);
	if (best == NULL)
		return HUGE_VAL;
	double total = 0;
	for (size_t a = 0; a < w->n_active; a++) {
		memset(best, 0, nt * sizeof *best);
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			int t = w->clinic->groups[g].type;
			if (x >= 0 && m->cols[x].obj > best[t])
				best[t] = m->cols[x].obj;
		}
		for (size_t t = 0; t < nt; t++)
			total += best[t];
	}
	free(best);
	return total;
}

static long heur_effort(const struct model *m)
{
	return 200000 + 400 * (long)m->n_x;
}


/* Can no roster beat `value` by a whole score step under `bound`? */
static bool proves(const struct model *m, double value, double bound)
{
	if (bound == HUGE_VAL)
		return false;
	double tol = 1e-6 * fmax(1.0, fabs(value));
	if (m->obj_step > 0)
		return bound < value + m->obj_step - fmin(0.5 * m->obj_step, tol);
	return bound <= value + tol;
}

/* The least score a roster must reach to beat `value`. */
static double better_than(const struct model *m, double value)
{
	double tol = 1e-6 * fmax(1.0, fabs(value));
	if (m->obj_step > 0)
		return value + m->obj_step - fmin(0.5 * m->obj_step, tol);
	return value + tol;
}

static void take(const struct model *m, const bool *from, bool *in, double *value, double v)
{
	size_t n = m->w->n_active * m->w->n_groups;
	memcpy(in, from, n * sizeof *in);
	*value = v;
}

/* Beyond this many pairs GLPK's branch-and-cut on the compact model is too
 * slow to be worth starting: column generation's bound and rosters stand. */
#define COMPACT_PAIRS_MAX 30000
/* Nodes for the restricted master MIP: enough to polish a rounding, and a
 * count (not a time) so every run does the same. */
#define MASTER_NODES 200
/* The share of the time column generation gets on such weeks. */
#define CG_SHARE 0.5

/* After the heuristic: column generation for a bound and LP-guided
 * rosters, the restricted master, then branch-and-cut on the compact
 * model while it is small enough. in/value hold the best roster. */
static enum status improve_and_bound(const struct model *m, struct heur *h,
				     const struct plan_options *opt, double deadline,
				     bool *in, double *value, bool *have, double *bound,
				     bool *proven, bool *stopped, struct diag_list *diag)
{
	const struct week *w = m->w;
	FILE *log = opt->log;
	size_t cells = w->n_active * w->n_groups;
	enum status st = STATUS_OK;
	double *lpx = malloc((m->n_cols + 1) * sizeof *lpx);
	double *x = malloc((m->n_cols + 1) * sizeof *x);
	double *start = malloc((m->n_cols + 1) * sizeof *start);
	bool *alt = calloc(cells + 1, sizeof *alt);
	bool *cb_in = calloc(cells + 1, sizeof *cb_in);
	struct colgen *cg = NULL;
	if (lpx == NULL || x == NULL || start == NULL || alt == NULL || cb_in == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}

	if (*have && clock_seconds() < deadline) {
		cg = colgen_new(m);
		if (cg == NULL || colgen_add_roster(cg, in) != STATUS_OK) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		/* On weeks too big for branch-and-cut, column generation gets
		 * half the time left, the neighbourhoods the rest: its LP
		 * guides the rounding long before it is optimal. */
		double cg_deadline = deadline;
		if (m->n_x > COMPACT_PAIRS_MAX)
			cg_deadline = clock_seconds() + CG_SHARE * (deadline - clock_seconds());
		/* Price, round the LP, add what the rounding found, price again:
		 * each round can only tighten the bound and raise the roster. */
		for (int round = 0; round < 4; round++) {
			double b, lpv;
			st = colgen_run(cg, cg_deadline, opt->stop, log, &b, &lpv, diag);
			if (st != STATUS_OK)
				goto done;
			*bound = fmin(*bound, b);
			if (proves(m, *value, *bound))
				break;
			double v;
			if (!colgen_lp_point(cg, lpx) ||
			    !heur_from_lp(h, lpx, heur_effort(m), alt, &v) || v <= *value + 1e-9)
				break;
			take(m, alt, in, value, v);
			if (log != NULL)
				fprintf(log, "rounding: score %.6g\n", v);
			st = colgen_add_roster(cg, in);
			if (st != STATUS_OK)
				goto done;
			/* past its deadline column generation gives no new LP
			 * point: rounding the same one again would waste the time */
			if (clock_seconds() >= cg_deadline)
				break;
		}
		/* the restricted master is a MIP as big as the week on weeks
		 * that big: the neighbourhoods below do better with the time */
		if (!proves(m, *value, *bound) && m->n_x <= COMPACT_PAIRS_MAX &&
		    clock_seconds() < deadline && !(opt->stop != NULL && *opt->stop)) {
			double v;
			bool improved;
			long more = colgen_enrich(cg);
			if (more < 0) {
				st = STATUS_NO_MEMORY;
				goto done;
			}
			if (log != NULL)
				fprintf(log, "master: %ld near-best plans added\n", more);
			st = colgen_mip(cg, in, *value, deadline - clock_seconds(), MASTER_NODES,
					*bound, opt->stop, log, alt, &v, &improved, diag);
			if (st != STATUS_OK)
				goto done;
			if (improved) {
				take(m, alt, in, value, heur_improve(h, alt, heur_effort(m)));
				if (log != NULL)
					fprintf(log, "master: score %.6g\n", *value);
			}
		}
		*proven = proves(m, *value, *bound);
	}

	if (*have && !*proven && m->n_x > COMPACT_PAIRS_MAX && clock_seconds() < deadline) {
		/* too big for branch-and-cut: spend the time on neighbourhoods
		 * (on smaller weeks they did not make the proof any faster) */
		struct lns_options lo = { deadline, opt->stop, log, *bound, 1000000 };
		st = lns_run(m, h, &lo, in, value, diag);
		if (st != STATUS_OK)
			goto done;
		*proven = proves(m, *value, *bound);
	}
	/* without any roster the compact model is the only hope, however big */
	if (*proven || (*have && m->n_x > COMPACT_PAIRS_MAX) || clock_seconds() >= deadline ||
	    (opt->stop != NULL && *opt->stop)) {
		*stopped = opt->stop != NULL && *opt->stop;
		goto done;
	}

	/* Branch-and-cut on the compact model. With a roster and column
	 * generation's duals, pairs that no better roster can use are fixed
	 * first and only better rosters are sought (a cutoff): what is left is
	 * often a small fraction of the model. */
	double *fix = NULL;
	int *map = NULL;
	struct model sub;
	memset(&sub, 0, sizeof sub);
	const struct model *bm = m;
	double constant = 0;
	bool use_cutoff = false;
	if (*have && cg != NULL) {
		fix = malloc((m->n_cols + 1) * sizeof *fix);
		map = malloc((m->n_cols + 1) * sizeof *map);
		if (fix == NULL || map == NULL) {
			st = STATUS_NO_MEMORY;
			goto bb_done;
		}
		long fixed = colgen_fixings(cg, better_than(m, *value), fix);
		if (fixed > 0) {
			st = model_restrict(m, fix, &sub, map);
			if (st == STATUS_INFEASIBLE) {
				/* the fixings contradict: no roster beats this one */
				st = STATUS_OK;
				*proven = true;
				*bound = *value;
				goto bb_done;
			}
			if (st != STATUS_OK)
				goto bb_done;
			for (size_t j = 0; j < m->n_cols; j++)
				if (!isnan(fix[j]))
					constant += m->cols[j].obj * fix[j];
			bm = &sub;
			use_cutoff = true;
			if (log != NULL)
				fprintf(log, "fixing: %ld of %zu columns fixed, %zu rows left\n",
					fixed, m->n_cols, sub.n_rows);

		}
	}
	struct heur_cb hc = { h, m, cb_in, 0, heur_effort(m) / 4,
			      bm == m ? NULL : map, bm == m ? NULL : fix, lpx, bm->n_cols };
	struct glpkw_params p;
	glpkw_params_init(&p);
	p.time_limit = fmax(0.001, deadline - clock_seconds());
	p.mip_gap = opt->gap;
	if (*have) {
		model_point(m, in, start);
		/* the roster is a start only where it keeps the fixings */
		bool fits = true;
		for (size_t j = 0; bm != m && j < m->n_cols && fits; j++)
			fits = isnan(fix[j]) || fabs(fix[j] - start[j]) < 1e-9;
		if (fits && bm != m)
			for (size_t j = 0; j < bm->n_cols; j++)
				x[j] = start[map[j]];
		if (fits)
			p.start = bm == m ? start : x;
	}
	p.stop = opt->stop;
	p.log = log;
	p.heur = heur_callback;
	p.heur_ctx = &hc;
	p.branch_y_first = true;
	p.strong_cuts = true;
	p.obj_step = m->obj_step;
	p.external_bound = *bound == HUGE_VAL ? 0 : *bound - constant;
	p.use_cutoff = use_cutoff;
	p.cutoff = *value - constant;
	p.lazy_rows = 1u << ROW_LINK;
	double *sx = malloc((bm->n_cols + 1) * sizeof *sx);
	if (sx == NULL) {
		st = STATUS_NO_MEMORY;
		goto bb_done;
	}
	struct glpkw_result r = { .x = sx };
	st = glpkw_solve(bm, &p, &r, diag);
	if (st != STATUS_OK) {
		free(sx);
		goto bb_done;
	}
	*stopped = r.stopped;
	if (r.outcome == GLPKW_INFEASIBLE && !use_cutoff) {
		free(sx);
		st = STATUS_INFEASIBLE;
		goto bb_done;
	}
	if (r.outcome == GLPKW_OPTIMAL || r.outcome == GLPKW_FEASIBLE) {
		/* back to the full model's columns */
		if (bm != m) {
			memcpy(x, fix, m->n_cols * sizeof *x);
			for (size_t j = 0; j < bm->n_cols; j++)
				x[map[j]] = sx[j];
		} else {
			memcpy(x, sx, m->n_cols * sizeof *x);
		}
		double v = model_objective(m, x);
		if (model_violation(m, x) > 1e-6) {
			diag_error(diag, NULL, 0, 0, NULL, "the solver failed: its roster breaks a row");
			free(sx);
			st = STATUS_INTERNAL;
			goto bb_done;
		}
		if (!*have || v > *value + 1e-9) {
			for (size_t i = 0; i < cells; i++) {
				int xc = m->x_col[i];
				in[i] = xc >= 0 && x[xc] > 0.5;
			}
			*value = v;
			*have = true;
		}
		*proven = r.outcome == GLPKW_OPTIMAL;
	}
	if (use_cutoff && r.beats_cutoff_none)
		*proven = true;
	free(sx);
	/* rosters the fixings exclude score no more than the incumbent */
	if (r.bound != HUGE_VAL && r.bound + constant < *bound)
		*bound = fmax(r.bound + constant, *value);
	if (*proven)
		*bound = *value;
bb_done:
	free(fix);
	free(map);
	model_release(&sub);
done:
	colgen_free(cg);
	free(lpx);
	free(x);
	free(start);
	free(alt);
	free(cb_in);
	return st;
}

enum status plan_week(const struct week *w, const struct plan_options *opt,
		      struct plan_result *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	double t0 = clock_seconds();
	double limit = opt->time_limit > 0 ? opt->time_limit : 30;
	double deadline = t0 + limit;
	FILE *log = opt->log;
	size_t na = w->n_active, ng = w->n_groups;
	enum status st = STATUS_OK;

	struct model m;
	st = model_build_until(w, &m, opt->stop);
	if (st != STATUS_OK)
		return st;
	if (log != NULL)
		fprintf(log, "plan: %zu active patients, %zu groups; model %zu columns "
			"(%zu pairs), %zu rows, %zu nonzeros in %.2fs\n",
			na, ng, m.n_cols, m.n_x, m.n_rows, m.nnz, clock_seconds() - t0);
	if (pins_check(w, &m, diag) > 0) {
		model_release(&m);
		return STATUS_INFEASIBLE;
	}

	bool *in = calloc(na * ng + 1, sizeof *in);
	struct heur *h = heur_new(&m);
	if (in == NULL || h == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}

	/* the deadline and the flag cut the heuristic short only when they
	 * bind: a run well inside the limit is the same every time */
	heur_set_limits(h, deadline, opt->stop);
	double hval = 0;
	bool have_heur = heur_run(h, heur_effort(&m), in, &hval);
	if (log != NULL) {
		if (have_heur)
			fprintf(log, "heuristic: score %.6g in %.2fs\n", hval, clock_seconds() - t0);
		else
			fprintf(log, "heuristic: no roster honours the must pins (%.2fs)\n",
				clock_seconds() - t0);
	}
	bool proven = false, stopped = false;
	double bound = HUGE_VAL;
	if (m.n_x == 0) {
		/* nothing to decide: nobody can join anything */
		proven = true;
	} else if (opt->stop != NULL && *opt->stop) {
		stopped = true;
	} else if (have_heur && clock_seconds() >= deadline) {
		/* the heuristic used all the time: its roster stands */
	} else {
		st = improve_and_bound(&m, h, opt, deadline, in, &hval, &have_heur, &bound,
				       &proven, &stopped, diag);
		if (st == STATUS_INFEASIBLE) {
			if (log != NULL)
				fprintf(log, "plan: the must pins cannot all hold; naming them\n");
			pins_name_conflict(&m, fmax(deadline, clock_seconds() + 5), diag);
			goto done;
		}
		if (st != STATUS_OK)
			goto done;
	}
	if (!have_heur) {
		if (stopped) {
			st = STATUS_INTERRUPTED;
		} else {
			diag_error(diag, NULL, 0, 0, NULL,
				   "no roster found within the time limit of %g seconds", limit);
			st = STATUS_INTERNAL;
		}
		goto done;
	}

	if (!roster_from(w, in, &out->roster)) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	/* the roster this returns keeps every rule, whatever went before */
	struct diag_list broken = DIAG_LIST_INIT;
	if (rules_check(w, &out->roster, NULL, &broken) > 0) {
		char buf[512];
		diag_format(&broken.items[0], buf, sizeof buf);
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: its roster breaks %s", buf);
		diag_list_release(&broken);
		st = STATUS_INTERNAL;
		goto done;
	}
	diag_list_release(&broken);
	score_roster(w, &out->roster, &out->score);
	if (proven)
		bound = out->score.total;
	else if (bound == HUGE_VAL)
		bound = trivial_bound(&m);
	out->bound = fmax(bound, out->score.total);
	out->gap = fmax(0.0, (bound - out->score.total) / fmax(1.0, fabs(bound)));
	out->optimal = proven || out->gap <= opt->gap;
	out->stopped = stopped;
	st = reasons_compute(w, &out->roster, &out->unmet);
	out->seconds = clock_seconds() - t0;
	if (log != NULL && st == STATUS_OK)
		fprintf(log, "plan: score %.6g bound %.6g gap %.4g%%%s in %.2fs\n",
			out->score.total, out->bound, 100 * out->gap,
			out->optimal ? " (optimal)" : "", out->seconds);
done:
	if (st != STATUS_OK)
		plan_result_release(out);
	heur_free(h);
	free(in);
	model_release(&m);
	return st;
}

enum status plan_export(const struct week *w, const char *lp_path,
			const char *mps_path, struct diag_list *diag)
{
	struct model m;
	enum status st = model_build(w, &m);
	if (st != STATUS_OK)
		return st;
	st = glpkw_export(&m, lp_path, mps_path, diag);
	model_release(&m);
	return st;
}

/* plan.c -- the week's best roster: checks, heuristic, GLPK, reasons. */
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
#include "reasons.h"
#include "rules.h"

#define HOURS_EPS 1e-9
#define PINS_FILE "pins.csv"
#define SEPARATIONS_FILE "separations.csv"
#define GROUPS_FILE "groups.csv"
/* A diagnostic lists at most this many pin lines. */
#define LIST_LINES 10

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

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

static const char *pid(const struct week *w, int a)
{
	return w->clinic->patients[w->active[a]].id;
}

static const char *gid(const struct week *w, int g)
{
	return w->clinic->groups[g].id;
}

/* ---- cheap checks on must pins ------------------------------------------- */

/* Appends ", pins.csv:L" for up to LIST_LINES lines, then "and N more". */
static void list_lines(char *buf, size_t size, const long *lines, size_t n)
{
	size_t len = strlen(buf);
	for (size_t i = 0; i < n && i < LIST_LINES; i++) {
		snprintf(buf + len, size - len, "%s" PINS_FILE ":%ld", i ? ", " : "", lines[i]);
		len = strlen(buf);
	}
	if (n > LIST_LINES)
		snprintf(buf + len, size - len, " and %zu more", n - LIST_LINES);
}

/* Contradictions between must pins that need no search: each is reported
 * at the first pin's row, naming the other rows. Returns the count. */
static size_t check_pins(const struct week *w, const struct model *m, struct diag_list *diag)
{
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups, before = diag->n_errors;
	const struct active_pin *pins = w->pins;
	size_t n = w->n_pins;
	long *lines = malloc((n + 1) * sizeof *lines);
	if (lines == NULL) {
		diag_error(diag, NULL, 0, 0, NULL, "out of memory while checking pins");
		return 1;
	}

	/* one patient: same type, clashing slots, hours */
	for (size_t i = 0; i < n; i++) {
		const struct active_pin *p = &pins[i];
		if (p->rule != PIN_MUST)
			continue;
		bool first = true; /* the patient's first must pin reports hours */
		for (size_t j = 0; j < i; j++)
			if (pins[j].rule == PIN_MUST && pins[j].a == p->a)
				first = false;
		for (size_t j = i + 1; j < n; j++) {
			const struct active_pin *q = &pins[j];
			if (q->rule != PIN_MUST || q->a != p->a || q->g == p->g)
				continue;
			if (c->groups[p->g].type == c->groups[q->g].type)
				diag_error(diag, PINS_FILE, p->line, 0, NULL,
					   "must pin puts '%s' in '%s' and '%s' (" PINS_FILE
					   ":%ld), both of type '%s'",
					   pid(w, p->a), gid(w, p->g), gid(w, q->g), q->line,
					   c->type_names[c->groups[p->g].type]);
			else if (w->clash[(size_t)p->g * ng + (size_t)q->g])
				diag_error(diag, PINS_FILE, p->line, 0, NULL,
					   "must pin puts '%s' in '%s' which clashes with '%s' ("
					   PINS_FILE ":%ld)",
					   pid(w, p->a), gid(w, p->g), gid(w, q->g), q->line);
		}
		if (!first)
			continue;
		double hours = 0;
		size_t k = 0;
		for (size_t j = i; j < n; j++) {
			const struct active_pin *q = &pins[j];
			if (q->rule != PIN_MUST || q->a != p->a)
				continue;
			bool dup = false;
			for (size_t e = i; e < j; e++)
				dup = dup || (pins[e].rule == PIN_MUST && pins[e].a == p->a &&
					      pins[e].g == q->g);
			if (dup)
				continue;
			hours += c->groups[q->g].hours;
			lines[k++] = q->line;
		}
		double hmax = c->patients[w->active[p->a]].hours_max;
		if (hours > hmax + HOURS_EPS) {
			char buf[512] = "";
			list_lines(buf, sizeof buf, lines, k);
			diag_error(diag, PINS_FILE, p->line, 0, NULL,
				   "must pin%s give%s '%s' %g hours, above their maximum %g (%s)",
				   k > 1 ? "s" : "", k > 1 ? "" : "s", pid(w, p->a), hours, hmax, buf);
		}
	}

	/* separated patients pinned into one group */
	for (size_t s = 0; s < w->n_separations; s++) {
		const struct active_separation *sp = &w->separations[s];
		for (size_t i = 0; i < n; i++) {
			if (pins[i].rule != PIN_MUST || pins[i].a != sp->a)
				continue;
			for (size_t j = 0; j < n; j++) {
				if (pins[j].rule != PIN_MUST || pins[j].a != sp->b ||
				    pins[j].g != pins[i].g)
					continue;
				const struct active_pin *p = pins[i].line <= pins[j].line ? &pins[i] : &pins[j];
				const struct active_pin *q = p == &pins[i] ? &pins[j] : &pins[i];
				diag_error(diag, PINS_FILE, p->line, 0, NULL,
					   "must pin puts '%s' in '%s' with '%s' (" PINS_FILE
					   ":%ld), but they are separated (" SEPARATIONS_FILE ":%ld)",
					   pid(w, p->a), gid(w, p->g), pid(w, q->a), q->line, sp->line);
			}
		}
	}

	/* per group: too many pins, too few possible members */
	for (size_t g = 0; g < ng; g++) {
		size_t k = 0;
		long first = 0;
		for (size_t i = 0; i < n; i++) {
			if (pins[i].rule != PIN_MUST || (size_t)pins[i].g != g)
				continue;
			bool dup = false;
			for (size_t j = 0; j < i; j++)
				dup = dup || (pins[j].rule == PIN_MUST && pins[j].a == pins[i].a &&
					      pins[j].g == pins[i].g);
			if (dup)
				continue;
			if (k == 0)
				first = pins[i].line;
			lines[k++] = pins[i].line;
		}
		if (k == 0)
			continue;
		const struct group *gr = &c->groups[g];
		if ((int)k > gr->max_size) {
			char buf[512] = "";
			list_lines(buf, sizeof buf, lines, k);
			diag_error(diag, PINS_FILE, first, 0, NULL,
				   "%zu must pins put patients in '%s', above its maximum %d (%s)",
				   k, gr->id, gr->max_size, buf);
		}
		int can = 0;
		for (size_t a = 0; a < w->n_active; a++)
			can += m->x_col[a * ng + g] >= 0;
		if (can < gr->min_size)
			diag_error(diag, PINS_FILE, first, 0, NULL,
				   "must pin makes '%s' run, but only %d patient%s can join it, "
				   "below its minimum %d (" GROUPS_FILE ":%ld)",
				   gr->id, can, can == 1 ? "" : "s", gr->min_size, gr->line);
	}

	/* facilitators of two groups that pins force to run */
	for (size_t i = 0; i < n; i++) {
		if (pins[i].rule != PIN_MUST)
			continue;
		bool first_of_group = true;
		for (size_t e = 0; e < i; e++)
			first_of_group = first_of_group && !(pins[e].rule == PIN_MUST &&
							     pins[e].g == pins[i].g);
		if (!first_of_group)
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (pins[j].rule != PIN_MUST || pins[j].g == pins[i].g)
				continue;
			bool first_j = true;
			for (size_t e = 0; e < j; e++)
				first_j = first_j && !(pins[e].rule == PIN_MUST && pins[e].g == pins[j].g);
			if (!first_j ||
			    !w->facilitator_clash[(size_t)pins[i].g * ng + (size_t)pins[j].g])
				continue;
			diag_error(diag, PINS_FILE, pins[i].line, 0, NULL,
				   "must pin makes '%s' run and " PINS_FILE ":%ld makes '%s' run, "
				   "but facilitator '%s' cannot run both: their slots clash",
				   gid(w, pins[i].g), pins[j].line, gid(w, pins[j].g),
				   c->groups[pins[i].g].facilitator);
		}
	}
	free(lines);
	return diag->n_errors - before;
}

/* ---- naming the pins behind an infeasible model ---------------------------- */

/* Is the model feasible with only the must pins marked in keep[] fixed?
 * 1 yes, 0 no, -1 unknown (time or failure). */
static int feasible_with(const struct model *m, const bool *keep, const struct active_pin *pins,
			 size_t n, double seconds, struct diag_list *diag)
{
	const struct week *w = m->w;
	size_t ng = w->n_groups;
	struct model t = *m;
	t.cols = malloc((m->n_cols + 1) * sizeof *t.cols);
	double *x = malloc((m->n_cols + 1) * sizeof *x);
	if (t.cols == NULL || x == NULL) {
		free(t.cols);
		free(x);
		return -1;
	}
	memcpy(t.cols, m->cols, m->n_cols * sizeof *t.cols);
	for (size_t j = 0; j < t.n_cols; j++) {
		t.cols[j].obj = 0; /* any point will do */
		if (t.cols[j].kind == COL_X || t.cols[j].kind == COL_Y)
			t.cols[j].lb = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		int xc = m->x_col[(size_t)pins[i].a * ng + (size_t)pins[i].g];
		if (xc >= 0)
			t.cols[xc].lb = 1;
		if (m->y_col[pins[i].g] >= 0)
			t.cols[m->y_col[pins[i].g]].lb = 1;
	}
	struct glpkw_params p;
	glpkw_params_init(&p);
	p.time_limit = seconds;
	struct glpkw_result r = { .x = x };
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status st = glpkw_solve(&t, &p, &r, &scratch);
	(void)diag;
	diag_list_release(&scratch);
	free(t.cols);
	free(x);
	if (st != STATUS_OK)
		return -1;
	if (r.outcome == GLPKW_INFEASIBLE)
		return 0;
	if (r.outcome == GLPKW_OPTIMAL || r.outcome == GLPKW_FEASIBLE)
		return 1;
	return -1;
}

/* A deletion filter: drop each must pin whose removal keeps the model
 * infeasible; what stays is a set that cannot hold together (minimal when
 * every test was conclusive). */
static void name_conflict(const struct model *m, double deadline, struct diag_list *diag)
{
	const struct week *w = m->w;
	size_t n = w->n_pins;
	bool *keep = calloc(n + 1, sizeof *keep);
	long *lines = malloc((n + 1) * sizeof *lines);
	if (keep == NULL || lines == NULL) {
		free(keep);
		free(lines);
		diag_error(diag, PINS_FILE, 0, 0, NULL, "must pins cannot all hold");
		return;
	}
	size_t n_must = 0;
	for (size_t i = 0; i < n; i++)
		if (w->pins[i].rule == PIN_MUST) {
			keep[i] = true;
			n_must++;
		}
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		double left = deadline - now_seconds();
		if (left <= 0)
			break;
		keep[i] = false;
		double share = left / (double)(n_must > 0 ? n_must : 1);
		if (feasible_with(m, keep, w->pins, n, fmax(share, 0.5), diag) != 0)
			keep[i] = true;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			lines[k++] = w->pins[i].line;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		const struct active_pin *p = &w->pins[i];
		if (k == 1) {
			diag_error(diag, PINS_FILE, p->line, 0, NULL,
				   "must pin puts '%s' in '%s', which no roster can honour "
				   "together with the other rules", pid(w, p->a), gid(w, p->g));
			continue;
		}
		char buf[512] = "";
		long others[LIST_LINES + 1];
		size_t no = 0, more = 0;
		for (size_t j = 0; j < k; j++) {
			if (lines[j] == p->line)
				continue;
			if (no < LIST_LINES)
				others[no++] = lines[j];
			else
				more++;
		}
		list_lines(buf, sizeof buf, others, no);
		if (more > 0) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, " and %zu more", more);
		}
		diag_error(diag, PINS_FILE, p->line, 0, NULL,
			   "must pin puts '%s' in '%s', which cannot hold together with %s",
			   pid(w, p->a), gid(w, p->g), buf);
	}
	if (k == 0)
		diag_error(diag, PINS_FILE, 0, 0, NULL, "must pins cannot all hold");
	free(keep);
	free(lines);
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

	if (*have) {
		cg = colgen_new(m);
		if (cg == NULL || colgen_add_roster(cg, in) != STATUS_OK) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		/* Price, round the LP, add what the rounding found, price again:
		 * each round can only tighten the bound and raise the roster. */
		for (int round = 0; round < 4; round++) {
			double b, lpv;
			st = colgen_run(cg, deadline, opt->stop, log, &b, &lpv, diag);
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
		}
		if (!proves(m, *value, *bound) && now_seconds() < deadline &&
		    !(opt->stop != NULL && *opt->stop)) {
			double v;
			bool improved;
			st = colgen_mip(cg, in, *value, deadline - now_seconds(), MASTER_NODES,
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

	if (*have && !*proven && m->n_x > COMPACT_PAIRS_MAX && now_seconds() < deadline) {
		/* too big for branch-and-cut: spend the time on neighbourhoods */
		struct lns_options lo = { deadline, opt->stop, log, *bound, 1000000 };
		st = lns_run(m, h, &lo, in, value, diag);
		if (st != STATUS_OK)
			goto done;
		*proven = proves(m, *value, *bound);
	}
	if (*proven || m->n_x > COMPACT_PAIRS_MAX || now_seconds() >= deadline ||
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
	p.time_limit = fmax(0.001, deadline - now_seconds());
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
	double t0 = now_seconds();
	double limit = opt->time_limit > 0 ? opt->time_limit : 30;
	double deadline = t0 + limit;
	FILE *log = opt->log;
	size_t na = w->n_active, ng = w->n_groups;
	enum status st = STATUS_OK;

	struct model m;
	st = model_build(w, &m);
	if (st != STATUS_OK)
		return st;
	if (log != NULL)
		fprintf(log, "plan: %zu active patients, %zu groups; model %zu columns "
			"(%zu pairs), %zu rows, %zu nonzeros\n",
			na, ng, m.n_cols, m.n_x, m.n_rows, m.nnz);
	if (check_pins(w, &m, diag) > 0) {
		model_release(&m);
		return STATUS_INFEASIBLE;
	}

	bool *in = calloc(na * ng + 1, sizeof *in);
	struct heur *h = heur_new(&m);
	if (in == NULL || h == NULL) {
		st = STATUS_NO_MEMORY;
		goto done;
	}

	double hval = 0;
	bool have_heur = heur_run(h, heur_effort(&m), in, &hval);
	if (log != NULL) {
		if (have_heur)
			fprintf(log, "heuristic: score %.6g in %.2fs\n", hval, now_seconds() - t0);
		else
			fprintf(log, "heuristic: no roster honours the must pins (%.2fs)\n",
				now_seconds() - t0);
	}
	bool proven = false, stopped = false;
	double bound = HUGE_VAL;
	if (m.n_x == 0) {
		/* nothing to decide: nobody can join anything */
		proven = true;
	} else if (opt->stop != NULL && *opt->stop) {
		stopped = true;
	} else {
		st = improve_and_bound(&m, h, opt, deadline, in, &hval, &have_heur, &bound,
				       &proven, &stopped, diag);
		if (st == STATUS_INFEASIBLE) {
			if (log != NULL)
				fprintf(log, "plan: the must pins cannot all hold; naming them\n");
			name_conflict(&m, fmax(deadline, now_seconds() + 5), diag);
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
	out->seconds = now_seconds() - t0;
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

/* plan.c -- the week's best roster: checks, heuristic, column generation,
 * branch-and-cut or neighbourhood search, reasons (see plan.h). */
#include "plan.h"

#include <limits.h>
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
	o->work = 0;
	o->gap = 0;
	o->stop = NULL;
	o->log = NULL;
	o->enum_plans = 0;
}

struct plan_budget plan_budget_split(double time_limit, double spent, bool advise,
				     double advice_time)
{
	double reserve = 0.1 + spent;
	double advice = 0;
	if (advise && advice_time > 0) {
		advice = advice_time;
	} else if (advise) {
		advice = 0.1 * time_limit;
		if (advice > 3.0)
			advice = 3.0;
	}
	struct plan_budget b = { time_limit - reserve - advice, advice > 0.05 ? advice : 0.05 };
	if (b.solve < 0.05)
		b.solve = 0.05;
	return b;
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

/* Every pair at its best, no shortfall, mix or cost and every week that
 * may bill billed: no roster scores more. The last resort when nothing better was proven in time. */
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
		if (m->bill_col != NULL && m->bill_col[a] >= 0)
			total += m->cols[m->bill_col[a]].obj;
	}
	free(best);
	return total;
}

/* Steps for one heuristic run: grows with the week, but at most an
 * eighth of the budget's worth, so on a week too big for its budget the
 * heuristic alone does not use it all (a budget that does not bind leaves
 * the effort as it always was). */
static long heur_effort(const struct model *m, const struct work *budget)
{
	long long effort = 200000 + 400 * (long long)m->n_x;
	long long cap = work_heuristic_steps(budget->limit / 8);
	if (effort > cap)
		effort = cap > 20000 ? cap : 20000;
	return effort > LONG_MAX ? LONG_MAX : (long)effort;
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

/* What the solve knows once the heuristic has run, carried through every
 * later phase: the best roster, what is proven about it, and the scratch
 * the phases share. */
struct search {
	const struct model *m;
	struct heur *h;
	const struct plan_options *opt;
	double deadline;         /* monotonic seconds (clock_seconds): the safety stop */
	double t0;               /* when the search started, for the log */
	struct work work;        /* the budget every phase charges */
	long long heur_charged;  /* heuristic steps already charged to it */
	bool work_up;            /* some phase ended by its share of the budget */
	bool time_up;            /* the clock cut something short */
	struct diag_list *diag;
	bool *in;                /* the best roster: in[a * n_groups + g] */
	double value;            /* its score */
	bool have;               /* some roster keeps the must pins */
	double bound;            /* proven upper bound, HUGE_VAL = none yet */
	bool proven;             /* no roster beats value by a score step */
	bool stopped;            /* the stop flag ended the search */
	struct colgen *cg;       /* NULL until column generation starts */
	/* scratch: n_cols + 1 values each; n_active * n_groups + 1 cells each */
	double *lpx, *x, *start;
	bool *alt, *cb_in;
};

static bool stop_requested(const struct search *s)
{
	return s->opt->stop != NULL && *s->opt->stop;
}

/* The heuristic's steps since the last charge (rounding LP points, the
 * branch-and-cut callback, polishing) onto the budget. */
static void charge_heuristic(struct search *s)
{
	long long total = heur_work_total(s->h);
	work_charge(&s->work, work_heuristic(total - s->heur_charged));
	s->heur_charged = total;
}

/* A progress line: the ticks used so far, after a phase (how the budget
 * is sized: doc/determinism.md). */
static void log_work(struct search *s, const char *phase)
{
	charge_heuristic(s);
	if (s->opt->log != NULL)
		fprintf(s->opt->log, "work: %lld of %lld ticks after %s (%.2fs)\n", s->work.used,
			s->work.limit, phase, clock_seconds() - s->t0);
}

/* Is the budget used? Then the phase that asks is skipped, and says so. */
static bool budget_spent(struct search *s)
{
	charge_heuristic(s);
	if (!work_spent(&s->work))
		return false;
	s->work_up = true;
	return true;
}

static bool search_alloc(struct search *s)
{
	const struct model *m = s->m;
	size_t cells = m->w->n_active * m->w->n_groups;
	s->lpx = malloc((m->n_cols + 1) * sizeof *s->lpx);
	s->x = malloc((m->n_cols + 1) * sizeof *s->x);
	s->start = malloc((m->n_cols + 1) * sizeof *s->start);
	s->alt = calloc(cells + 1, sizeof *s->alt);
	s->cb_in = calloc(cells + 1, sizeof *s->cb_in);
	return s->lpx != NULL && s->x != NULL && s->start != NULL && s->alt != NULL &&
	       s->cb_in != NULL;
}

/* Frees the scratch and the column generation; the roster stays. */
static void search_release(struct search *s)
{
	colgen_free(s->cg);
	free(s->lpx);
	free(s->x);
	free(s->start);
	free(s->alt);
	free(s->cb_in);
	s->cg = NULL;
	s->lpx = s->x = s->start = NULL;
	s->alt = s->cb_in = NULL;
}

static void take(struct search *s, const bool *from, double v)
{
	size_t n = s->m->w->n_active * s->m->w->n_groups;
	memcpy(s->in, from, n * sizeof *s->in);
	s->value = v;
}

/* Beyond this many pairs GLPK's branch-and-cut on the compact model is too
 * slow to be worth starting: column generation's bound and rosters stand. */
#define COMPACT_PAIRS_MAX 30000
/* Nodes for the restricted master MIP: enough to polish a rounding, and a
 * count (not a time) so every run does the same. */
#define MASTER_NODES 200
/* Column generation's share of the time left on weeks over
 * COMPACT_PAIRS_MAX (see colgen_deadline). */
#define COLGEN_TIME_SHARE 0.7

/* Rounds of colgen_rounds on weeks up to COMPACT_PAIRS_MAX; on larger
 * ones, one more than the link rounds (colgen.c), each rounded. */
#define COLGEN_ROUNDS 4
#define COLGEN_STEP_ROUNDS 22

/* Price, round the LP, add what the rounding found, price again: each
 * round can only tighten the bound and raise the roster. On weeks too big
 * for branch-and-cut every round of link rows is rounded as it converges:
 * their LP takes tens of seconds a round, the rounding is what the week
 * gets from it, and a clock that cuts the rounds short still leaves the
 * roster of the last (XL with billing: 340,168 at the first point, 340,688,
 * 340,912, 341,164 after the first three rounds of ~290 rows). */
static enum status colgen_rounds(struct search *s, double deadline)
{
	const struct model *m = s->m;
	FILE *log = s->opt->log;
	bool step = m->n_x > COMPACT_PAIRS_MAX;
	for (int round = 0; round < (step ? COLGEN_STEP_ROUNDS : COLGEN_ROUNDS); round++) {
		long linked = colgen_link_count(s->cg);
		double b, lpv;
		enum status st = colgen_run(s->cg, deadline, s->opt->stop, log, &b, &lpv,
					    s->diag);
		if (st != STATUS_OK)
			return st;
		bool work_up = colgen_work_up(s->cg);
		bool clock_up = !work_up && clock_seconds() >= deadline;
		bool cut_short = work_up || clock_up;
		/* its clock share is a safety stop like the deadline: where
		 * it, not the budget, ended column generation, a re-run may
		 * differ, and the summary must say so */
		s->time_up |= clock_up;
		s->bound = fmin(s->bound, b);
		if (proves(m, s->value, s->bound))
			break;
		double v;
		bool better = colgen_lp_point(s->cg, s->lpx) &&
			      heur_from_lp(s->h, s->lpx, heur_effort(m, &s->work), s->alt, &v) &&
			      v > s->value + 1e-9;
		if (better) {
			take(s, s->alt, v);
			if (log != NULL)
				fprintf(log, "rounding: score %.6g\n", v);
			st = colgen_add_roster(s->cg, s->in);
			if (st != STATUS_OK)
				return st;
		}
		/* past its budget column generation gives no new LP
		 * point: rounding the same one again would waste the work */
		if (cut_short)
			break;
		/* the first LP point is rounded as early as ever; now the
		 * master gets the link rows and is priced again */
		if (round == 0) {
			colgen_link_rows(s->cg, step);
			continue;
		}
		if (step ? colgen_link_count(s->cg) == linked : !better)
			break;
	}
	return STATUS_OK;
}

/* Nothing left for the phases over the master (the dive, the restricted
 * master): the roster is proven, the week too big for them (the
 * neighbourhoods do better with the time there), or the clock, a stop or
 * the budget has ended the search. */
static bool master_phases_done(struct search *s)
{
	return proves(s->m, s->value, s->bound) || s->m->n_x > COMPACT_PAIRS_MAX ||
	       clock_seconds() >= s->deadline || stop_requested(s) || budget_spent(s);
}

/* The restricted master: a MIP over the plans found and their near-best
 * alternatives. */
static enum status restricted_master(struct search *s)
{
	const struct model *m = s->m;
	FILE *log = s->opt->log;
	if (master_phases_done(s))
		return STATUS_OK;
	double v;
	bool improved;
	long more = colgen_enrich(s->cg);
	if (more < 0)
		return STATUS_NO_MEMORY;
	if (log != NULL)
		fprintf(log, "master: %ld near-best plans added\n", more);
	long long ticks;
	bool work_up;
	enum status st = colgen_mip(s->cg, s->in, s->value, s->deadline - clock_seconds(),
				    MASTER_NODES, work_share(&s->work, WORK_MASTER), s->bound,
				    s->opt->stop, log, s->alt, &v, &improved, &ticks, &work_up,
				    s->diag);
	work_charge(&s->work, ticks);
	s->work_up |= work_up;
	log_work(s, "the master");
	if (st != STATUS_OK)
		return st;
	if (improved) {
		take(s, s->alt, heur_improve(s->h, s->alt, heur_effort(m, &s->work)));
		if (log != NULL)
			fprintf(log, "master: score %.6g\n", s->value);
	}
	return STATUS_OK;
}

/* A dive from column generation's point (colgen_dive), on half of what
 * is left of the budget, before the restricted master: with a few groups
 * fixed the master's LP is often whole, and the dive's roster is one the
 * master's search over every group reaches late (m107: the optimum 9,802
 * at 0.4 s, where the master alone had 9,798 after 147 nodes and 2.3 s;
 * the slowest proof of that family went from 6.2 to 4.3 s). */
static enum status dive(struct search *s)
{
	const struct model *m = s->m;
	FILE *log = s->opt->log;
	if (master_phases_done(s))
		return STATUS_OK;
	struct work share = work_sub(work_left(&s->work) / 2);
	colgen_set_work(s->cg, &share);
	double v;
	bool improved;
	enum status st = colgen_dive(s->cg, s->in, s->value, s->deadline, MASTER_NODES,
				     s->opt->stop, log, s->alt, &v, &improved, s->diag);
	colgen_set_work(s->cg, &s->work);
	work_charge(&s->work, share.used);
	log_work(s, "the dive");
	if (st != STATUS_OK)
		return st;
	if (improved) {
		take(s, s->alt, heur_improve(s->h, s->alt, heur_effort(m, &s->work)));
		if (log != NULL)
			fprintf(log, "dive: score %.6g\n", s->value);
		/* the master starts from the best roster: it must hold its plans */
		st = colgen_add_roster(s->cg, s->in);
	}
	return st;
}

/* The safety stop of column generation: on weeks too big for
 * branch-and-cut, the same share of the time left as of the budget, so a
 * run whose budget does not bind (--work 1e9) still leaves the
 * neighbourhoods their share; the whole time on smaller weeks. */
static double colgen_deadline(const struct search *s)
{
	if (s->m->n_x <= COMPACT_PAIRS_MAX)
		return s->deadline;
	double now = clock_seconds();
	return now + COLGEN_TIME_SHARE * fmax(0, s->deadline - now);
}

/* Column generation for a bound and LP-guided rosters, then the
 * restricted master. */
static enum status column_generation(struct search *s)
{
	const struct model *m = s->m;
	s->cg = colgen_new(m);
	if (s->cg == NULL || colgen_add_roster(s->cg, s->in) != STATUS_OK)
		return STATUS_NO_MEMORY;
	/* Column generation gets at most 70 % of the budget (work_share): on
	 * weeks too big for branch-and-cut its LP guides the rounding long
	 * before it is optimal, and the neighbourhoods need the rest; the
	 * rounding after the link rows joined is worth more than the same
	 * work given to the neighbourhoods (XL: 341,485 against 340,688). */
	struct work cg_work = work_sub(work_share(&s->work, WORK_COLGEN));
	colgen_set_work(s->cg, &cg_work);
	/* such weeks use only the LP's bound and point: its separation
	 * rows may wait until they bind (the smaller weeks' proofs keep
	 * the path they were tuned on) */
	if (m->n_x > COMPACT_PAIRS_MAX)
		colgen_lazy_separations(s->cg);
	enum status st = colgen_rounds(s, colgen_deadline(s));
	work_charge(&s->work, cg_work.used);
	s->work_up |= colgen_work_up(s->cg);
	log_work(s, "column generation");
	/* later pricing (fixings, near-best plans) is charged as it comes */
	colgen_set_work(s->cg, &s->work);
	if (st == STATUS_OK)
		st = dive(s);
	if (st == STATUS_OK)
		st = restricted_master(s);
	if (st == STATUS_OK)
		s->proven = proves(m, s->value, s->bound);
	return st;
}

/* Too big for branch-and-cut: the time left goes to neighbourhoods (on
 * smaller weeks they did not make the proof any faster). */
static enum status neighbourhoods(struct search *s)
{
	struct lns_options lo = {
		.deadline = s->deadline,
		.work = &s->work,
		.stop = s->opt->stop,
		.log = s->opt->log,
		.bound = s->bound,
		.rounds = 1000000,
	};
	enum status st = lns_run(s->m, s->h, &lo, s->in, &s->value, s->diag);
	(void)budget_spent(s); /* notes whether the budget ended the walk */
	log_work(s, "neighbourhoods");
	if (st == STATUS_OK)
		s->proven = proves(s->m, s->value, s->bound);
	return st;
}

/* The model branch-and-cut solves: the full one (bm == m), or after
 * Lagrangian fixing the free columns alone, column j of sub being column
 * map[j] of the full model, the rest fixed at fix[] (NaN = free) and
 * adding `constant` to every score. */
struct reduced {
	const struct model *bm;
	struct model sub;
	double *fix;
	int *map;
	double constant;
	bool use_cutoff;         /* only rosters better than the best are sought */
};

static void reduced_release(struct reduced *rd)
{
	free(rd->fix);
	free(rd->map);
	model_release(&rd->sub);
}

/* Probing the groups (colgen_probe) on half of what the fixings leave of
 * the budget, so branch-and-cut keeps the rest for the smaller model. With
 * groups fixed the master is searched again (smaller now, with the plans
 * the probes priced): a better roster there raises the threshold, and the
 * groups are probed once more. */
static enum status probe_groups(struct search *s)
{
	const struct model *m = s->m;
	long long fix_cost = work_pricing((long long)(m->n_x + m->w->n_active),
					  m->w->n_groups);
	for (int round = 0; round < 2; round++) {
		struct work probe_work = work_sub((work_left(&s->work) - fix_cost) / 2);
		if (probe_work.limit <= 0)
			return STATUS_OK;
		double threshold = model_better_than(m, s->value), bound;
		colgen_set_work(s->cg, &probe_work);
		long probed;
		enum status st = colgen_probe(s->cg, s->in, threshold, s->deadline, s->opt->stop,
					      s->opt->log, &probed, &bound, s->diag);
		colgen_set_work(s->cg, &s->work);
		work_charge(&s->work, probe_work.used);
		if (st != STATUS_OK || probed == 0)
			return st;
		if (bound < threshold) {
			s->proven = true;
			s->bound = s->value;
			return STATUS_OK;
		}
		/* every roster the fixings exclude scores below threshold */
		s->bound = fmin(s->bound, bound);
		double before = s->value;
		/* the master starts from the best roster: it must hold its plans */
		st = colgen_add_roster(s->cg, s->in);
		if (st == STATUS_OK)
			st = restricted_master(s);
		if (st != STATUS_OK)
			return st;
		s->proven = proves(m, s->value, s->bound);
		if (s->proven || s->value <= before)
			return STATUS_OK;
	}
	return STATUS_OK;
}

/* Plans column enumeration may add to the master at most: beyond, the
 * master MIP is too big to beat branch-and-cut on the compact model. */
#define ENUM_PLANS_MAX 100000
/* Nodes the enumerated master's search must have the budget for, or it
 * is not started: Mb7's proof takes 7. */
#define PROVE_NODES_MIN 8

/* Column enumeration within the gap (colgen_enumerate), on half of what
 * is left of the budget: when every plan a better roster could use fits
 * under ENUM_PLANS_MAX, the master over them finds that roster or proves
 * there is none, and its LP is column generation's bound, much tighter
 * than the compact model's. Otherwise, or when the master runs out of its
 * share, branch-and-cut on the compact model goes on with the rest. */
static enum status enumerate_plans(struct search *s)
{
	const struct model *m = s->m;
	FILE *log = s->opt->log;
	if (s->proven || clock_seconds() >= s->deadline || stop_requested(s) || budget_spent(s))
		return STATUS_OK;
	double threshold = model_better_than(m, s->value), bound;
	long found, added;
	bool complete;
	long cap = s->opt->enum_plans != 0 ? s->opt->enum_plans : ENUM_PLANS_MAX;
	if (cap < 0)
		return STATUS_OK;
	struct work share = work_sub(work_left(&s->work) / 2);
	/* it prices every patient twice before it searches: not started
	 * without the budget for that */
	if (share.limit < 4 * work_pricing((long long)m->w->n_active, m->w->n_groups))
		return STATUS_OK;
	colgen_set_work(s->cg, &share);
	enum status st = colgen_enumerate(s->cg, threshold, cap, &bound, &found, &added,
					  &complete);
	colgen_set_work(s->cg, &s->work);
	if (log != NULL && complete)
		fprintf(log, "enumeration: %ld plans within the gap, %ld new to the master, "
			"bound %.6g (%.2fs)\n", found, added, bound, clock_seconds() - s->t0);
	else if (log != NULL)
		fprintf(log, "enumeration: stopped after %ld plans (at most %ld), bound %.6g "
			"(%.2fs)\n", found, cap, bound, clock_seconds() - s->t0);
	if (st != STATUS_OK) {
		work_charge(&s->work, share.used);
		return st;
	}
	if (bound < threshold) {
		work_charge(&s->work, share.used);
		s->proven = true;
		s->bound = s->value;
		return STATUS_OK;
	}
	/* the master's root starts from an optimal basis (colgen_prove), but
	 * its search takes a few nodes at least: when they do not fit in
	 * what is left of the share, branch-and-cut gets it all instead. The
	 * same for the clock, the safety stop (a kilo-tick is about a
	 * CPU-millisecond). */
	size_t rows, cols;
	colgen_master_size(s->cg, &rows, &cols);
	long long root = work_simplex(GLPKW_WARM_ROOT_ITERATIONS, rows, cols) +
			 work_nodes(PROVE_NODES_MIN, rows, cols);
	if (!complete || work_left(&share) < root ||
	    s->deadline - clock_seconds() < (double)root / 1e6) {
		work_charge(&s->work, share.used);
		return STATUS_OK;
	}
	double v;
	bool improved, proven, work_up;
	long long ticks;
	st = colgen_prove(s->cg, s->in, s->value, s->deadline - clock_seconds(),
			  work_left(&share), s->bound, s->opt->stop, log, s->alt, &v, &improved,
			  &proven, &ticks, &work_up, s->diag);
	work_charge(&s->work, share.used + ticks);
	s->work_up |= work_up;
	log_work(s, "the enumerated master");
	if (st != STATUS_OK)
		return st;
	if (improved) {
		take(s, s->alt, heur_improve(s->h, s->alt, heur_effort(m, &s->work)));
		if (log != NULL)
			fprintf(log, "enumeration: score %.6g\n", s->value);
	}
	if (proven) {
		s->proven = true;
		s->bound = s->value;
	}
	return STATUS_OK;
}

/* With a roster and column generation's duals, pairs that no better
 * roster can use are fixed first and only better rosters are sought (a
 * cutoff): what is left is often a small fraction of the model. */
static enum status fix_pairs(struct search *s, struct reduced *rd)
{
	const struct model *m = s->m;
	if (!s->have || s->cg == NULL)
		return STATUS_OK;
	rd->fix = malloc((m->n_cols + 1) * sizeof *rd->fix);
	rd->map = malloc((m->n_cols + 1) * sizeof *rd->map);
	if (rd->fix == NULL || rd->map == NULL)
		return STATUS_NO_MEMORY;
	enum status pst = probe_groups(s);
	if (pst == STATUS_OK && !s->proven)
		pst = enumerate_plans(s);
	if (pst != STATUS_OK || s->proven)
		return pst;
	double threshold = model_better_than(m, s->value);
	long fixed = colgen_fixings(s->cg, threshold, rd->fix);
	if (fixed <= 0) {
		if (s->opt->log != NULL && fixed == 0)
			fprintf(s->opt->log, "fixing: 0 of %zu columns fixed\n", m->n_cols);
		return STATUS_OK;
	}
	enum status st = model_restrict(m, rd->fix, &rd->sub, rd->map);
	if (st == STATUS_INFEASIBLE) {
		/* the fixings contradict: no roster beats this one */
		s->proven = true;
		s->bound = s->value;
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	for (size_t j = 0; j < m->n_cols; j++)
		if (!isnan(rd->fix[j]))
			rd->constant += m->cols[j].obj * rd->fix[j];
	rd->bm = &rd->sub;
	rd->use_cutoff = true;
	if (s->opt->log != NULL)
		fprintf(s->opt->log, "fixing: %ld of %zu columns fixed, %zu rows left\n",
			fixed, m->n_cols, rd->sub.n_rows);
	return STATUS_OK;
}

/* The best roster in bm's columns, for GLPK to start from; NULL when it
 * breaks a fixing: the roster is a start only where it keeps them. */
static const double *bc_start(struct search *s, const struct reduced *rd)
{
	const struct model *m = s->m, *bm = rd->bm;
	model_point(m, s->in, s->start);
	bool fits = true;
	for (size_t j = 0; bm != m && j < m->n_cols && fits; j++)
		fits = isnan(rd->fix[j]) || fabs(rd->fix[j] - s->start[j]) < 1e-9;
	if (!fits)
		return NULL;
	if (bm == m)
		return s->start;
	for (size_t j = 0; j < bm->n_cols; j++)
		s->x[j] = s->start[rd->map[j]];
	return s->x;
}

/* GLPK's answer into the search: a better roster, a proof, a bound. */
static enum status bc_take(struct search *s, const struct reduced *rd,
			   const struct glpkw_result *r)
{
	const struct model *m = s->m, *bm = rd->bm;
	size_t cells = m->w->n_active * m->w->n_groups;
	s->stopped = r->stopped;
	if (r->outcome == GLPKW_INFEASIBLE && !rd->use_cutoff)
		return STATUS_INFEASIBLE;
	if (r->outcome == GLPKW_OPTIMAL || r->outcome == GLPKW_FEASIBLE) {
		/* back to the full model's columns */
		if (bm != m) {
			memcpy(s->x, rd->fix, m->n_cols * sizeof *s->x);
			for (size_t j = 0; j < bm->n_cols; j++)
				s->x[rd->map[j]] = r->x[j];
		} else {
			memcpy(s->x, r->x, m->n_cols * sizeof *s->x);
		}
		/* GLPK's continuous columns (hours short, billable days) are
		 * only within its own tolerance (5.99999 of 6 hours); the roster
		 * is the integer x, so score and check the point it defines. */
		bool *in = calloc(cells ? cells : 1, sizeof *in);
		if (!in)
			return STATUS_NO_MEMORY;
		for (size_t i = 0; i < cells; i++) {
			int xc = m->x_col[i];
			in[i] = xc >= 0 && s->x[xc] > 0.5;
		}
		model_point(m, in, s->x);
		free(in);
		double v = model_objective(m, s->x);
		if (model_violation(m, s->x) > 1e-6) {
			diag_error(s->diag, NULL, 0, 0, NULL,
				   "the solver failed: its roster breaks a row");
			return STATUS_INTERNAL;
		}
		if (!s->have || v > s->value + 1e-9) {
			for (size_t i = 0; i < cells; i++) {
				int xc = m->x_col[i];
				s->in[i] = xc >= 0 && s->x[xc] > 0.5;
			}
			s->value = v;
			s->have = true;
		}
		s->proven = r->outcome == GLPKW_OPTIMAL;
	}
	if (rd->use_cutoff && r->beats_cutoff_none)
		s->proven = true;
	/* rosters the fixings exclude score no more than the incumbent */
	if (r->bound != HUGE_VAL && r->bound + rd->constant < s->bound)
		s->bound = fmax(r->bound + rd->constant, s->value);
	if (s->proven)
		s->bound = s->value;
	return STATUS_OK;
}

static enum status bc_solve(struct search *s, const struct reduced *rd)
{
	const struct model *m = s->m, *bm = rd->bm;
	struct heur_cb hc = {
		.h = s->h,
		.m = m,
		.in = s->cb_in,
		.effort = heur_effort(m, &s->work) / 4,
		.map = bm == m ? NULL : rd->map,
		.fix = bm == m ? NULL : rd->fix,
		.full = s->lpx,
		.n_sub = bm->n_cols,
	};
	struct glpkw_params p;
	glpkw_params_init(&p);
	p.time_limit = fmax(0.001, s->deadline - clock_seconds());
	p.mip_gap = s->opt->gap;
	if (s->have)
		p.start = bc_start(s, rd);
	p.stop = s->opt->stop;
	p.log = s->opt->log;
	p.heur = heur_callback;
	p.heur_ctx = &hc;
	p.branch_y_first = true;
	p.strong_cuts = true;
	p.obj_step = m->obj_step;
	p.external_bound = s->bound == HUGE_VAL ? 0 : s->bound - rd->constant;
	p.use_cutoff = rd->use_cutoff;
	p.cutoff = s->value - rd->constant;
	p.lazy_rows = 1u << ROW_LINK;
	p.work_limit = work_share(&s->work, WORK_FINAL);
	/* without any roster this is the only hope (see improve_and_bound):
	 * it gets at least half the budget, whatever went before */
	if (!s->have && p.work_limit < s->work.limit / 2)
		p.work_limit = s->work.limit / 2;
	double *sx = malloc((bm->n_cols + 1) * sizeof *sx);
	if (sx == NULL)
		return STATUS_NO_MEMORY;
	struct glpkw_result r = { .x = sx };
	enum status st = glpkw_solve(bm, &p, &r, s->diag);
	work_charge(&s->work, r.work);
	s->work_up |= r.work_up;
	log_work(s, "branch-and-cut");
	if (st == STATUS_OK)
		st = bc_take(s, rd, &r);
	free(sx);
	return st;
}

/* Branch-and-cut on the compact model with the best roster as incumbent,
 * after fixing what column generation's duals allow. */
static enum status branch_and_cut(struct search *s)
{
	struct reduced rd = { .bm = s->m };
	/* fixing prices every pair: not worth it without budget to use it */
	if (s->have && budget_spent(s))
		return STATUS_OK;
	enum status st = fix_pairs(s, &rd);
	if (st == STATUS_OK && !s->proven && (!s->have || !budget_spent(s)))
		st = bc_solve(s, &rd);
	reduced_release(&rd);
	return st;
}

/* After the heuristic: column generation for a bound and LP-guided
 * rosters, the restricted master, then branch-and-cut on the compact
 * model while it is small enough, neighbourhoods when it is not. */
static enum status improve_and_bound(struct search *s)
{
	const struct model *m = s->m;
	enum status st = STATUS_NO_MEMORY;
	if (!search_alloc(s))
		goto done;
	st = STATUS_OK;
	if (s->have && clock_seconds() < s->deadline && !budget_spent(s))
		st = column_generation(s);
	if (st == STATUS_OK && s->have && !s->proven && m->n_x > COMPACT_PAIRS_MAX &&
	    clock_seconds() < s->deadline && !budget_spent(s)) {
		/* nothing later uses column generation on such weeks: its
		 * memory goes before the neighbourhoods take theirs */
		colgen_free(s->cg);
		s->cg = NULL;
		st = neighbourhoods(s);
	}
	if (st != STATUS_OK)
		goto done;
	/* without any roster the compact model is the only hope, however big */
	if (s->proven || (s->have && m->n_x > COMPACT_PAIRS_MAX) ||
	    clock_seconds() >= s->deadline || stop_requested(s) || (s->have && budget_spent(s))) {
		s->stopped = stop_requested(s);
		goto done;
	}
	st = branch_and_cut(s);
done:
	search_release(s);
	return st;
}

/* The search's roster as the plan: checked against every rule whatever
 * went before, scored, its bound and gap, a reason for every unmet need. */
static enum status finish(const struct search *s, double t0, struct plan_result *out)
{
	const struct model *m = s->m;
	const struct week *w = m->w;
	const struct plan_options *opt = s->opt;
	FILE *log = opt->log;
	if (!roster_from(w, s->in, &out->roster))
		return STATUS_NO_MEMORY;
	struct diag_list broken = DIAG_LIST_INIT;
	if (rules_check(w, &out->roster, NULL, &broken) > 0) {
		if (broken.n == 0) {
			/* every diag dropped: memory ran out, not the roster */
			diag_list_release(&broken);
			return STATUS_NO_MEMORY;
		}
		char buf[512];
		diag_format(&broken.items[0], buf, sizeof buf);
		diag_error(s->diag, NULL, 0, 0, NULL, "the solver failed: its roster breaks %s",
			   buf);
		diag_list_release(&broken);
		return STATUS_INTERNAL;
	}
	diag_list_release(&broken);
	score_roster(w, &out->roster, &out->score);
	/* Every phase prices billable weeks (contract v2), so the search's
	 * bound and proof cover the whole score. */
	bool proven = s->proven;
	double bound = s->bound;
	if (proven)
		bound = out->score.total;
	else if (bound == HUGE_VAL)
		bound = trivial_bound(m);
	out->bound = fmax(bound, out->score.total);
	out->gap = fmax(0.0, (bound - out->score.total) / fmax(1.0, fabs(bound)));
	out->optimal = proven || out->gap <= opt->gap;
	out->stopped = s->stopped;
	if (proven || out->gap <= 0)
		out->ended_by = PLAN_END_PROVEN;
	else if (out->optimal)
		out->ended_by = PLAN_END_GAP;
	else if (s->stopped)
		out->ended_by = PLAN_END_STOPPED;
	else if (s->time_up)
		out->ended_by = PLAN_END_TIME;
	else if (s->work_up)
		out->ended_by = PLAN_END_WORK;
	else
		out->ended_by = PLAN_END_SEARCHED;
	out->work_used = s->work.used;
	out->work_limit = s->work.limit;
	enum status st = reasons_compute(w, &out->roster, &out->unmet);
	out->seconds = clock_seconds() - t0;
	if (log != NULL && st == STATUS_OK)
		fprintf(log, "plan: score %.6g bound %.6g gap %.4g%%%s ended by %s, "
			"%lld of %lld ticks, in %.2fs\n",
			out->score.total, out->bound, 100 * out->gap,
			out->optimal ? " (optimal)" : "", plan_end_name(out->ended_by),
			out->work_used, out->work_limit, out->seconds);
	return st;
}

enum status plan_week(const struct week *w, const struct plan_options *opt,
		      struct plan_result *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	double t0 = clock_seconds();
	double limit = opt->time_limit > 0 ? opt->time_limit : 30;
	double deadline = t0 + limit;
	struct work budget;
	work_init(&budget, opt->work > 0 ? (long long)(opt->work * 1000.0)
					 : work_for_seconds(limit));
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
	st = pins_check(w, &m, diag);
	if (st != STATUS_OK) {
		model_release(&m);
		return st;
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
	bool have_heur = heur_run(h, heur_effort(&m, &budget), in, &hval);
	if (log != NULL) {
		if (have_heur)
			fprintf(log, "heuristic: score %.6g in %.2fs\n", hval, clock_seconds() - t0);
		else
			fprintf(log, "heuristic: no roster honours the must pins (%.2fs)\n",
				clock_seconds() - t0);
	}
	struct search s = {
		.m = &m, .h = h, .opt = opt, .deadline = deadline, .t0 = t0, .work = budget,
		.diag = diag,
		.in = in, .value = hval, .have = have_heur, .bound = HUGE_VAL,
	};
	charge_heuristic(&s);
	if (log != NULL)
		fprintf(log, "heuristic: %lld of %lld ticks\n", s.work.used, s.work.limit);
	if (m.n_x == 0) {
		/* nothing to decide: nobody can join anything */
		s.proven = true;
	} else if (stop_requested(&s)) {
		s.stopped = true;
	} else if (s.have && clock_seconds() >= deadline) {
		/* the heuristic used all the time: its roster stands */
	} else {
		st = improve_and_bound(&s);
		if (st == STATUS_INFEASIBLE) {
			if (log != NULL)
				fprintf(log, "plan: the must pins cannot all hold; naming them\n");
			pins_name_conflict(&m, fmax(deadline, clock_seconds() + 5), diag);
			goto done;
		}
		if (st != STATUS_OK)
			goto done;
	}
	/* the clock is looked at against the deadline (a search it cut short,
	 * or whose phases it skipped, ends past it) and, on large weeks,
	 * against column generation's share of it (colgen_rounds) */
	s.time_up |= clock_seconds() >= deadline || (heur_halted(h) && !stop_requested(&s));
	if (!s.have) {
		if (s.stopped) {
			st = STATUS_INTERRUPTED;
		} else {
			if (s.time_up)
				diag_error(diag, NULL, 0, 0, NULL,
					   "no roster found within the time limit of %g seconds",
					   limit);
			else
				diag_error(diag, NULL, 0, 0, NULL,
					   "no roster found within the work budget of %lld kticks",
					   (s.work.limit + 999) / 1000);
			st = STATUS_INTERNAL;
		}
		goto done;
	}

	st = finish(&s, t0, out);
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

/* heuristic.c -- fast rosters that keep every hard rule (see heuristic.h).
 *
 * The state is a membership matrix with per-patient and per-group sums, so
 * every move's effect on the score is computed in constant time. Compound
 * moves (close a group, open one, eject a member) are applied step by step
 * with an undo log and rolled back when they do not pay. */
#include "heuristic.h"
#include "patient_plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "data/base/clock.h"
#include "data/base/grow.h"

#define GAIN_EPS 1e-7

struct op {
	int a, g;
	bool add;
};

struct cand {
	int a, from; /* from: the group a leaves, or -1 */
	double gain;
};

struct heur {
	const struct model *m;
	const struct week *w;
	const struct clinic *c;
	const struct settings *settings;
	size_t na, ng, nt;
	/* the week, flattened */
	int *gtype, *gmin, *gmax;
	double *ghours, *hmin, *hmax;
	bool *gpinned, *grun; /* has a must pin; can run at all */
	double *val;          /* [ag] w_need need + w_keep previous */
	bool *must;           /* [ag] */
	size_t *el_start; int *el; /* per patient: groups with an x column */
	size_t *ca_start; int *ca; /* per group: patients with an x column */
	size_t *pa_start; int *pa; /* per patient: separated partners */
	size_t *fc_start; int *fc; /* per group: facilitator-clashing groups */
	/* the roster */
	bool *in;
	int *of_type;   /* [a * nt + t] group or -1 */
	int *size, *adv, *fac_block;
	double *hours;
	double *dh;     /* [a * WEEK_DAYS + d] day hours (contract v2 billing) */
	double *wb;     /* [a] w_billable when a's week may bill, else 0 */
	double total;
	/* undo log */
	struct op *log; size_t n_log, cap_log;
	/* counted work; the clock and the stop flag are looked at every
	 * CHECK_EVERY steps, so they only end a run that would be late */
	long work, budget, next_check;
	long long work_before; /* the steps of the runs before this one */
	double deadline;
	const volatile sig_atomic_t *stop;
	bool halted;
	/* scratch */
	struct cand *cands; size_t cap_cands;
	int *tmp; /* ng + na */
	struct pplan *pp;
	double *bval;          /* per group, for best responses */
	bool *ballow, *bforce; /* per group */
	int *bplan;            /* n_types + 1 */
};

/* ---- setup ------------------------------------------------------------- */

void heur_free(struct heur *h)
{
	if (h == NULL)
		return;
	free(h->gtype); free(h->gmin); free(h->gmax); free(h->ghours);
	free(h->hmin); free(h->hmax); free(h->gpinned); free(h->grun);
	free(h->val); free(h->must);
	free(h->el_start); free(h->el); free(h->ca_start); free(h->ca);
	free(h->pa_start); free(h->pa); free(h->fc_start); free(h->fc);
	free(h->in); free(h->of_type); free(h->size); free(h->adv);
	free(h->fac_block); free(h->hours); free(h->dh); free(h->wb); free(h->log); free(h->cands);
	free(h->tmp);
	pplan_free(h->pp);
	free(h->bval);
	free(h->ballow);
	free(h->bforce);
	free(h->bplan);
	free(h);
}

/* CSR from a predicate over (row, col): rows n, cols k. */
static bool csr_build(size_t n, size_t k, bool (*pred)(const struct heur *, size_t, size_t),
		      const struct heur *h, size_t **start, int **items)
{
	size_t cnt = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < k; j++)
			cnt += pred(h, i, j);
	*start = malloc((n + 1) * sizeof **start);
	*items = malloc((cnt + 1) * sizeof **items);
	if (*start == NULL || *items == NULL)
		return false;
	size_t p = 0;
	for (size_t i = 0; i < n; i++) {
		(*start)[i] = p;
		for (size_t j = 0; j < k; j++)
			if (pred(h, i, j))
				(*items)[p++] = (int)j;
	}
	(*start)[n] = p;
	return true;
}

static bool pred_el(const struct heur *h, size_t a, size_t g)
{
	return h->m->x_col[a * h->ng + g] >= 0;
}

static bool pred_ca(const struct heur *h, size_t g, size_t a)
{
	return h->m->x_col[a * h->ng + g] >= 0;
}

static bool pred_fc(const struct heur *h, size_t g, size_t k)
{
	return h->w->facilitator_clash[g * h->ng + k];
}

struct heur *heur_new(const struct model *m)
{
	struct heur *h = calloc(1, sizeof *h);
	if (h == NULL)
		return NULL;
	const struct week *w = m->w;
	const struct clinic *c = w->clinic;
	h->m = m;
	h->deadline = HUGE_VAL;
	h->w = w;
	h->c = c;
	h->settings = &c->settings;
	size_t na = h->na = w->n_active, ng = h->ng = w->n_groups, nt = h->nt = w->n_types;

	h->gtype = malloc((ng + 1) * sizeof *h->gtype);
	h->gmin = malloc((ng + 1) * sizeof *h->gmin);
	h->gmax = malloc((ng + 1) * sizeof *h->gmax);
	h->ghours = malloc((ng + 1) * sizeof *h->ghours);
	h->gpinned = calloc(ng + 1, sizeof *h->gpinned);
	h->grun = calloc(ng + 1, sizeof *h->grun);
	h->hmin = malloc((na + 1) * sizeof *h->hmin);
	h->hmax = malloc((na + 1) * sizeof *h->hmax);
	h->val = calloc(na * ng + 1, sizeof *h->val);
	h->must = calloc(na * ng + 1, sizeof *h->must);
	h->in = calloc(na * ng + 1, sizeof *h->in);
	h->of_type = malloc((na * nt + 1) * sizeof *h->of_type);
	h->size = calloc(ng + 1, sizeof *h->size);
	h->adv = calloc(ng + 1, sizeof *h->adv);
	h->fac_block = calloc(ng + 1, sizeof *h->fac_block);
	h->hours = calloc(na + 1, sizeof *h->hours);
	h->dh = calloc(na * WEEK_DAYS + 1, sizeof *h->dh);
	h->wb = calloc(na + 1, sizeof *h->wb);
	h->tmp = malloc((ng + na + 1) * sizeof *h->tmp);
	h->pp = pplan_new(m);
	h->bval = calloc(ng + 1, sizeof *h->bval);
	h->ballow = calloc(ng + 1, sizeof *h->ballow);
	h->bforce = calloc(ng + 1, sizeof *h->bforce);
	h->bplan = malloc((nt + 2) * sizeof *h->bplan);
	if (h->gtype == NULL || h->gmin == NULL || h->gmax == NULL || h->ghours == NULL ||
	    h->gpinned == NULL || h->grun == NULL || h->hmin == NULL || h->hmax == NULL ||
	    h->val == NULL || h->must == NULL || h->in == NULL || h->of_type == NULL ||
	    h->size == NULL || h->adv == NULL || h->fac_block == NULL ||
	    h->hours == NULL || h->dh == NULL || h->wb == NULL || h->tmp == NULL || h->pp == NULL || h->bval == NULL ||
	    h->ballow == NULL || h->bforce == NULL || h->bplan == NULL)
		goto fail;
	for (size_t g = 0; g < ng; g++) {
		const struct group *gr = &c->groups[g];
		h->gtype[g] = gr->type;
		h->gmin[g] = gr->min_size;
		h->gmax[g] = gr->max_size;
		h->ghours[g] = gr->hours;
		h->grun[g] = m->y_col[g] >= 0;
	}
	for (size_t a = 0; a < na; a++) {
		h->hmin[a] = c->patients[w->active[a]].hours_min;
		h->hmax[a] = c->patients[w->active[a]].hours_max;
		if (c->settings.billable_days > 0 && week_may_bill(w, (int)a))
			h->wb[a] = c->settings.w_billable;
		for (size_t g = 0; g < ng; g++) {
			int x = m->x_col[a * ng + g];
			if (x < 0)
				continue;
			h->val[a * ng + g] = m->cols[x].obj;
			h->must[a * ng + g] = m->cols[x].lb > 0.5;
			if (h->must[a * ng + g])
				h->gpinned[g] = true;
		}
	}
	if (!csr_build(na, ng, pred_el, h, &h->el_start, &h->el) ||
	    !csr_build(ng, na, pred_ca, h, &h->ca_start, &h->ca) ||
	    !csr_build(ng, ng, pred_fc, h, &h->fc_start, &h->fc))
		goto fail;
	/* separation partners, both ways */
	h->pa_start = calloc(na + 2, sizeof *h->pa_start);
	h->pa = malloc((2 * w->n_separations + 1) * sizeof *h->pa);
	if (h->pa_start == NULL || h->pa == NULL)
		goto fail;
	for (size_t i = 0; i < w->n_separations; i++) {
		h->pa_start[w->separations[i].a + 1]++;
		h->pa_start[w->separations[i].b + 1]++;
	}
	for (size_t a = 0; a < na; a++)
		h->pa_start[a + 1] += h->pa_start[a];
	size_t *fill = calloc(na + 1, sizeof *fill);
	if (fill == NULL)
		goto fail;
	for (size_t i = 0; i < w->n_separations; i++) {
		int x = w->separations[i].a, y = w->separations[i].b;
		h->pa[h->pa_start[x] + fill[x]++] = y;
		h->pa[h->pa_start[y] + fill[y]++] = x;
	}
	free(fill);
	return h;
fail:
	heur_free(h);
	return NULL;
}

/* ---- the roster and its score -------------------------------------------- */

static double pen(const struct heur *h, int a, double hours)
{
	double short_h = h->hmin[a] - hours;
	return short_h > HOURS_EPS ? -h->settings->w_short * short_h : 0;
}

/* The billing term of a patient with day hours dh[]: w_billable when
 * the week is billable (as week_billing_of_hours counts), else 0. */
static double bill(const struct heur *h, int a, const double *dh)
{
	if (h->wb[a] == 0)
		return 0;
	struct billing b;
	week_billing_of_hours(h->w, dh, &b);
	return b.billable ? h->wb[a] : 0;
}

/* The change in a's billing term when a joins g (-1: none) and leaves
 * `leave` (-1: none). */
static double bill_delta(const struct heur *h, int a, int g, int leave)
{
	if (h->wb[a] == 0)
		return 0;
	const double *cur = h->dh + (size_t)a * WEEK_DAYS;
	double dh[WEEK_DAYS];
	for (size_t d = 0; d < WEEK_DAYS; d++) {
		dh[d] = cur[d];
		if (g >= 0)
			dh[d] += h->w->day_hours[(size_t)g * WEEK_DAYS + d];
		if (leave >= 0)
			dh[d] -= h->w->day_hours[(size_t)leave * WEEK_DAYS + d];
	}
	return bill(h, a, dh) - bill(h, a, cur);
}

static double grp(const struct heur *h, int size, int adv)
{
	if (size == 0)
		return 0;
	int lack = h->settings->min_advanced - adv;
	return -h->settings->group_cost - (lack > 0 ? h->settings->w_mix * lack : 0);
}

static void reset(struct heur *h)
{
	size_t na = h->na, ng = h->ng, nt = h->nt;
	memset(h->in, 0, na * ng * sizeof *h->in);
	for (size_t i = 0; i < na * nt; i++)
		h->of_type[i] = -1;
	memset(h->size, 0, ng * sizeof *h->size);
	memset(h->adv, 0, ng * sizeof *h->adv);
	memset(h->fac_block, 0, ng * sizeof *h->fac_block);
	memset(h->hours, 0, na * sizeof *h->hours);
	memset(h->dh, 0, na * WEEK_DAYS * sizeof *h->dh);
	h->total = 0;
	for (size_t a = 0; a < na; a++)
		h->total += pen(h, (int)a, 0);
	h->n_log = 0;
}

static void log_op(struct heur *h, int a, int g, bool add)
{
	if (h->n_log == h->cap_log && !GROW(h->log, h->n_log + 1, h->cap_log)) {
		/* Without room to log, an undo is impossible: make every
		 * later rollback a no-op by forgetting history. The roster
		 * stays valid either way. */
		h->n_log = 0;
		return;
	}
	h->log[h->n_log++] = (struct op){ a, g, add };
}

static void apply(struct heur *h, int a, int g, bool add, bool logged)
{
	size_t ag = (size_t)a * h->ng + (size_t)g;
	int t = h->gtype[g];
	int d = add ? 1 : -1;
	bool advanced = h->w->advanced[a];
	double *dh = h->dh + (size_t)a * WEEK_DAYS;
	double before = pen(h, a, h->hours[a]) + grp(h, h->size[g], h->adv[g]) + bill(h, a, dh);
	h->in[ag] = add;
	h->of_type[(size_t)a * h->nt + (size_t)t] = add ? g : -1;
	h->size[g] += d;
	if (advanced)
		h->adv[g] += d;
	h->hours[a] += d * h->ghours[g];
	if (!add && fabs(h->hours[a]) < HOURS_EPS)
		h->hours[a] = 0;
	if (h->wb[a] != 0)
		for (size_t k = 0; k < WEEK_DAYS; k++) {
			dh[k] += d * h->w->day_hours[(size_t)g * WEEK_DAYS + k];
			if (!add && fabs(dh[k]) < HOURS_EPS)
				dh[k] = 0;
		}
	double after = pen(h, a, h->hours[a]) + grp(h, h->size[g], h->adv[g]) + bill(h, a, dh);
	h->total += (add ? h->val[ag] : -h->val[ag]) + after - before;
	if ((add && h->size[g] == 1) || (!add && h->size[g] == 0))
		for (size_t i = h->fc_start[g]; i < h->fc_start[g + 1]; i++)
			h->fac_block[h->fc[i]] += d;
	if (logged)
		log_op(h, a, g, add);
}

static void add(struct heur *h, int a, int g) { apply(h, a, g, true, true); }
static void rem(struct heur *h, int a, int g) { apply(h, a, g, false, true); }

static void rollback(struct heur *h, size_t mark)
{
	while (h->n_log > mark) {
		struct op o = h->log[--h->n_log];
		apply(h, o.a, o.g, !o.add, false);
	}
}

/* Patient-side rules for a joining g while leaving `leave` (-1: none):
 * eligibility, one group per type, clashes, hours, separations. */
static bool patient_ok(const struct heur *h, int a, int g, int leave)
{
	size_t ng = h->ng;
	size_t ag = (size_t)a * ng + (size_t)g;
	if (h->m->x_col[ag] < 0 || h->in[ag])
		return false;
	const int *ot = h->of_type + (size_t)a * h->nt;
	int cur = ot[h->gtype[g]];
	if (cur >= 0 && cur != leave)
		return false;
	for (size_t t = 0; t < h->nt; t++) {
		int k = ot[t];
		if (k >= 0 && k != leave && h->w->clash[(size_t)g * ng + (size_t)k])
			return false;
	}
	double hrs = h->hours[a] + h->ghours[g] - (leave >= 0 ? h->ghours[leave] : 0);
	if (hrs > h->hmax[a] + HOURS_EPS)
		return false;
	for (size_t i = h->pa_start[a]; i < h->pa_start[a + 1]; i++)
		if (h->in[(size_t)h->pa[i] * ng + (size_t)g])
			return false;
	return true;
}

/* The groups a must leave to join g: the one of g's type and any that
 * clash with g. Returns their count (written to out, room for n_types),
 * or -1 when a cannot join g at all: no column, a must pin in the way, a
 * separated partner in g, or too many hours even after leaving. */
static int evictions(const struct heur *h, int a, int g, int *out)
{
	size_t ng = h->ng;
	size_t ag = (size_t)a * ng + (size_t)g;
	if (h->m->x_col[ag] < 0 || h->in[ag])
		return -1;
	for (size_t i = h->pa_start[a]; i < h->pa_start[a + 1]; i++)
		if (h->in[(size_t)h->pa[i] * ng + (size_t)g])
			return -1;
	const int *ot = h->of_type + (size_t)a * h->nt;
	int n = 0;
	double hrs = h->hours[a] + h->ghours[g];
	for (size_t t = 0; t < h->nt; t++) {
		int k = ot[t];
		if (k < 0 || ((size_t)h->gtype[g] != t && !h->w->clash[(size_t)g * ng + (size_t)k]))
			continue;
		if (h->must[(size_t)a * ng + (size_t)k])
			return -1;
		out[n++] = k;
		hrs -= h->ghours[k];
	}
	return hrs > h->hmax[a] + HOURS_EPS ? -1 : n;
}

/* May one member leave g (it stays at its minimum or closes unpinned)? */
static bool leave_ok(const struct heur *h, int g)
{
	int left = h->size[g] - 1;
	return left == 0 ? !h->gpinned[g] : left >= h->gmin[g];
}

/* May g take one more member without opening or with a legal opening? */
static bool room(const struct heur *h, int g, bool allow_open)
{
	if (h->size[g] >= h->gmax[g])
		return false;
	if (h->size[g] > 0)
		return true;
	return allow_open && h->grun[g] && h->fac_block[g] == 0;
}

/* Score change of a joining g (leaving `leave`, -1 for none). */
static double gain_join(const struct heur *h, int a, int g, int leave)
{
	size_t ng = h->ng;
	int adv_a = h->w->advanced[a] ? 1 : 0;
	double d = h->val[(size_t)a * ng + (size_t)g];
	double hrs = h->hours[a] + h->ghours[g];
	if (leave >= 0) {
		d -= h->val[(size_t)a * ng + (size_t)leave];
		hrs -= h->ghours[leave];
		d += grp(h, h->size[leave] - 1, h->adv[leave] - adv_a) -
		     grp(h, h->size[leave], h->adv[leave]);
	}
	d += pen(h, a, hrs) - pen(h, a, h->hours[a]);
	d += bill_delta(h, a, g, leave);
	d += grp(h, h->size[g] + 1, h->adv[g] + adv_a) - grp(h, h->size[g], h->adv[g]);
	return d;
}

#define CHECK_EVERY 20000

/* Past the deadline or asked to stop? Looked at by counted work, so
 * cheap; once true it stays true for the run. */
static bool halted(struct heur *h)
{
	if (h->halted || h->work < h->next_check)
		return h->halted;
	h->next_check = h->work + CHECK_EVERY;
	if (h->stop != NULL && *h->stop) {
		h->halted = true;
	} else if (h->deadline < HUGE_VAL) {
		h->halted = clock_seconds() >= h->deadline;
	}
	return h->halted;
}

static bool budget_left(struct heur *h)
{
	return h->work < h->budget && !halted(h);
}

void heur_set_limits(struct heur *h, double deadline, const volatile sig_atomic_t *stop)
{
	h->deadline = deadline;
	h->stop = stop;
}

bool heur_halted(const struct heur *h)
{
	return h->halted;
}

long long heur_work_total(const struct heur *h)
{
	return h->work_before + h->work;
}

static void start_work(struct heur *h, long effort)
{
	h->work_before += h->work;
	h->work = 0;
	h->budget = effort;
	h->next_check = 0;
	h->halted = false;
}

static bool cands_reserve(struct heur *h, size_t n)
{
	return GROW(h->cands, n, h->cap_cands);
}

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;
	if (p->gain != q->gain)
		return p->gain > q->gain ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->from > q->from) - (p->from < q->from);
}

/* ---- construction -------------------------------------------------------- */

/* Places every must pin; false when they break a patient-side rule, push a
 * group past its maximum, or need two facilitator-clashing groups. */
static bool place_pins(struct heur *h)
{
	size_t ng = h->ng;
	for (size_t a = 0; a < h->na; a++) {
		for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++) {
			int g = h->el[i];
			if (!h->must[a * ng + (size_t)g])
				continue;
			if (!patient_ok(h, (int)a, g, -1))
				return false;
			add(h, (int)a, g);
		}
	}
	for (size_t g = 0; g < ng; g++) {
		if (h->size[g] > h->gmax[g])
			return false;
		if (h->size[g] > 0 && h->fac_block[g] > 0)
			return false;
	}
	return true;
}

/* The extra a greedy step sees in joining g when g already runs (twice
 * that while g is below its minimum), so members concentrate instead of
 * spreading over groups that will never fill. */
static double running_bonus(const struct heur *h, int g)
{
	double bonus = fmax(1.0, h->settings->w_need) * 0.5;
	if (h->size[g] == 0)
		return 0;
	return h->size[g] < h->gmin[g] ? 2 * bonus : bonus;
}

/* The best group of type t for a, preferring groups that already run
 * (above all those still below their minimum) so members concentrate
 * instead of spreading over groups that will never fill. */
static int best_group(struct heur *h, int a, int t, bool allow_open, double *gain)
{
	int best = -1;
	double best_key = -HUGE_VAL;
	for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++) {
		int g = h->el[i];
		h->work++;
		if (h->gtype[g] != t || !room(h, g, allow_open) || !patient_ok(h, a, g, -1))
			continue;
		double d = gain_join(h, a, g, -1);
		double key = d + running_bonus(h, g);
		if (key > best_key + GAIN_EPS) {
			best_key = key;
			best = g;
			*gain = d;
		}
	}
	return best;
}

struct item {
	int a, t, need, options;
	double lp;
};

static int cmp_item(const void *x, const void *y)
{
	const struct item *p = x, *q = y;
	if (p->lp != q->lp)
		return p->lp > q->lp ? -1 : 1;
	if (p->need != q->need)
		return p->need > q->need ? -1 : 1;
	if (p->options != q->options)
		return p->options < q->options ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->t > q->t) - (p->t < q->t);
}

/* Greedy: every (patient, type) still open, the most needed (or the most
 * LP-favoured) first, each to its best group. */
static bool construct(struct heur *h, const double *lp)
{
	size_t na = h->na, nt = h->nt, ng = h->ng;
	struct item *items = malloc((na * nt + 1) * sizeof *items);
	if (items == NULL)
		return false;
	size_t n = 0;
	for (size_t a = 0; a < na; a++) {
		for (size_t t = 0; t < nt; t++) {
			if (h->of_type[a * nt + t] >= 0)
				continue;
			int options = 0;
			double best_lp = 0;
			for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++) {
				int g = h->el[i];
				if ((size_t)h->gtype[g] != t)
					continue;
				options++;
				if (lp != NULL) {
					double v = lp[h->m->x_col[a * ng + (size_t)g]];
					if (v > best_lp)
						best_lp = v;
				}
			}
			if (options == 0)
				continue;
			items[n++] = (struct item){ (int)a, (int)t,
				h->w->need[a * nt + t], options,
				lp != NULL ? floor(best_lp * 4 + 1e-9) : 0 };
		}
	}
	qsort(items, n, sizeof *items, cmp_item);
	for (size_t i = 0; i < n && !halted(h); i++) {
		double d = 0;
		int g = best_group(h, items[i].a, items[i].t, true, &d);
		if (g >= 0 && d > GAIN_EPS)
			add(h, items[i].a, g);
	}
	free(items);
	return true;
}

/* Last week's roster first: every pair of it that still may hold, when it
 * keeps the rules. Continuity is worth w_keep a pair, and last week's
 * groups were filled together, so they tend to reach their minimum again. */
static void seed_previous(struct heur *h)
{
	if (!h->w->has_previous)
		return;
	size_t ng = h->ng;
	for (size_t a = 0; a < h->na && !halted(h); a++)
		for (size_t k = h->el_start[a]; k < h->el_start[a + 1]; k++) {
			int g = h->el[k];
			h->work++;
			if (h->w->previous[a * ng + (size_t)g] && room(h, g, true) &&
			    patient_ok(h, (int)a, g, -1))
				add(h, (int)a, g);
		}
}

struct pitem {
	int a, need, options;
};

static int cmp_pitem(const void *x, const void *y)
{
	const struct pitem *p = x, *q = y;
	if (p->need != q->need)
		return p->need > q->need ? -1 : 1;
	if (p->options != q->options)
		return p->options < q->options ? -1 : 1;
	return (p->a > q->a) - (p->a < q->a);
}

/* Greedy by whole plans: each patient, the most needy first, takes the
 * best set of groups that fit together (exact, by patient_plan), groups
 * that already run weighted up so members concentrate. Choosing a
 * patient's groups together keeps an early choice from clashing with
 * every group of a type still to come. */
static bool construct_plans(struct heur *h)
{
	size_t na = h->na, nt = h->nt, ng = h->ng;
	struct pitem *items = malloc((na + 1) * sizeof *items);
	if (items == NULL)
		return false;
	size_t n = 0;
	for (size_t a = 0; a < na; a++) {
		int need = 0;
		for (size_t t = 0; t < nt; t++)
			need += h->w->need[a * nt + t];
		items[n++] = (struct pitem){ (int)a, need,
			(int)(h->el_start[a + 1] - h->el_start[a]) };
	}
	qsort(items, n, sizeof *items, cmp_pitem);
	for (size_t i = 0; i < n && !halted(h); i++) {
		size_t a = (size_t)items[i].a;
		for (size_t k = h->el_start[a]; k < h->el_start[a + 1]; k++) {
			int g = h->el[k];
			size_t ag = a * ng + (size_t)g;
			bool in = h->in[ag];
			h->work += 4;
			h->bforce[g] = in;
			h->ballow[g] = in || room(h, g, true);
			if (h->ballow[g] && !in)
				for (size_t j = h->pa_start[a]; j < h->pa_start[a + 1]; j++)
					if (h->in[(size_t)h->pa[j] * ng + (size_t)g])
						h->ballow[g] = false;
			/* the group's own terms change as a joins; hours are
			 * the plan's to count */
			double v = h->val[ag];
			if (!in)
				v += grp(h, h->size[g] + 1, h->adv[g] + (h->w->advanced[a] ? 1 : 0)) -
				     grp(h, h->size[g], h->adv[g]);
			if (!in)
				v += running_bonus(h, g);
			h->bval[g] = v;
		}
		size_t np;
		pplan_best(h->pp, (int)a, h->bval, h->ballow, h->bforce, h->bplan, &np);
		for (size_t k = h->el_start[a]; k < h->el_start[a + 1]; k++)
			h->bforce[h->el[k]] = false;
		for (size_t k = 0; k < np; k++) {
			int g = h->bplan[k];
			if (!h->in[a * ng + (size_t)g])
				add(h, (int)a, g);
		}
	}
	free(items);
	return true;
}

/* Tries to bring g (running, below its minimum) to its minimum with
 * patients who join freely or leave what stands in the way (groups that
 * can spare them). Keeps the change only when it succeeds. */
static bool fill(struct heur *h, int g)
{
	size_t ng = h->ng, n = 0;
	int ev[64];
	if (h->nt > 64 || !cands_reserve(h, h->ca_start[g + 1] - h->ca_start[g] + 1))
		return false;
	for (size_t i = h->ca_start[g]; i < h->ca_start[g + 1]; i++) {
		int a = h->ca[i];
		h->work++;
		int k = evictions(h, a, g, ev);
		if (k < 0)
			continue;
		bool ok = true;
		double gain = h->val[(size_t)a * ng + (size_t)g];
		for (int e = 0; e < k && ok; e++) {
			ok = h->size[ev[e]] >= h->gmin[ev[e]] && leave_ok(h, ev[e]);
			gain -= h->val[(size_t)a * ng + (size_t)ev[e]];
		}
		if (ok)
			h->cands[n++] = (struct cand){ a, k > 0 ? ev[0] : -1, gain };
	}
	qsort(h->cands, n, sizeof *h->cands, cmp_cand);
	size_t mark = h->n_log;
	for (size_t i = 0; i < n && h->size[g] < h->gmin[g]; i++) {
		int a = h->cands[i].a;
		int k = evictions(h, a, g, ev);
		if (k < 0)
			continue;
		bool ok = true;
		for (int e = 0; e < k && ok; e++)
			ok = h->size[ev[e]] >= h->gmin[ev[e]] && leave_ok(h, ev[e]);
		if (!ok)
			continue;
		for (int e = 0; e < k; e++)
			rem(h, a, ev[e]);
		add(h, a, g);
	}
	if (h->size[g] >= h->gmin[g])
		return true;
	rollback(h, mark);
	return false;
}

/* Reinserts a patient who lost a group of type t into the best running
 * group of that type with room, when that gains. */
static void reinsert(struct heur *h, int a, int t)
{
	double d = 0;
	int g = best_group(h, a, t, false, &d);
	if (g >= 0 && d > GAIN_EPS && h->size[g] >= h->gmin[g])
		add(h, a, g);
}

/* Empties g and offers its members other groups of its type. */
static void close_group(struct heur *h, int g)
{
	size_t ng = h->ng, k = 0;
	int t = h->gtype[g];
	for (size_t i = h->ca_start[g]; i < h->ca_start[g + 1]; i++) {
		int a = h->ca[i];
		if (h->in[(size_t)a * ng + (size_t)g]) {
			rem(h, a, g);
			h->tmp[k++] = a;
		}
	}
	for (size_t i = 0; i < k; i++)
		reinsert(h, h->tmp[i], t);
}

/* Every running group must reach its minimum: fill the smallest first,
 * close it when it cannot be filled. False when a pinned group cannot. */
static bool repair(struct heur *h)
{
	for (;;) {
		int worst = -1;
		for (size_t g = 0; g < h->ng; g++) {
			if (h->size[g] == 0 || h->size[g] >= h->gmin[g])
				continue;
			if (worst < 0 || h->size[g] < h->size[worst])
				worst = (int)g;
		}
		if (worst < 0)
			return true;
		/* out of time: closing is quick, filling may not be */
		if ((!halted(h) || h->gpinned[worst]) && fill(h, worst))
			continue;
		if (h->gpinned[worst])
			return false;
		close_group(h, worst);
	}
}

/* ---- local search -------------------------------------------------------- */

static bool pass_insert(struct heur *h)
{
	bool improved = false;
	for (size_t a = 0; a < h->na && budget_left(h); a++) {
		for (size_t t = 0; t < h->nt; t++) {
			if (h->of_type[a * h->nt + t] >= 0)
				continue;
			double d = 0;
			int g = best_group(h, (int)a, (int)t, false, &d);
			if (g >= 0 && d > GAIN_EPS) {
				add(h, (int)a, g);
				improved = true;
			}
		}
	}
	return improved;
}

/* One patient leaves one group for another (any type), best first. */
static bool pass_move(struct heur *h)
{
	bool improved = false;
	size_t ng = h->ng;
	for (size_t a = 0; a < h->na && budget_left(h); a++) {
		for (size_t t = 0; t < h->nt; t++) {
			int from = h->of_type[a * h->nt + t];
			if (from < 0 || h->must[a * ng + (size_t)from] || !leave_ok(h, from))
				continue;
			int best = -1;
			double best_d = GAIN_EPS;
			for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++) {
				int g = h->el[i];
				h->work++;
				if (g == from || h->size[g] == 0 || h->size[g] >= h->gmax[g] ||
				    !patient_ok(h, (int)a, g, from))
					continue;
				double d = gain_join(h, (int)a, g, from);
				if (d > best_d) {
					best_d = d;
					best = g;
				}
			}
			/* Leaving alone may pay too (hours, mix). */
			double drop = -h->val[a * ng + (size_t)from] +
				pen(h, (int)a, h->hours[a] - h->ghours[from]) -
				pen(h, (int)a, h->hours[a]) +
				grp(h, h->size[from] - 1, h->adv[from] - (h->w->advanced[a] ? 1 : 0)) -
				grp(h, h->size[from], h->adv[from]) +
				bill_delta(h, (int)a, -1, from);
			if (drop > best_d && (h->size[from] - 1 >= h->gmin[from])) {
				rem(h, (int)a, from);
				improved = true;
				continue;
			}
			if (best >= 0) {
				rem(h, (int)a, from);
				add(h, (int)a, best);
				improved = true;
			}
		}
	}
	return improved;
}

/* One patient's whole set of groups replaced by the best set among the
 * running groups with room (exact, by patient_plan): a group they cannot
 * leave without breaking its minimum stays in. */
static bool pass_best_response(struct heur *h)
{
	bool improved = false;
	size_t ng = h->ng, nt = h->nt;
	const struct settings *settings = h->settings;
	for (size_t a = 0; a < h->na && budget_left(h); a++) {
		bool adv = h->w->advanced[a];
		double cur = 0;
		for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++) {
			int g = h->el[i];
			size_t ag = a * ng + (size_t)g;
			bool in = h->in[ag];
			h->work += 4;
			h->bforce[g] = in && (h->must[ag] || h->size[g] - 1 < h->gmin[g]);
			h->ballow[g] = in || (h->size[g] > 0 && h->size[g] < h->gmax[g]);
			if (h->ballow[g] && !in)
				for (size_t k = h->pa_start[a]; k < h->pa_start[a + 1]; k++)
					if (h->in[(size_t)h->pa[k] * ng + (size_t)g])
						h->ballow[g] = false;
			/* worth of g to a, counting the mix term a's presence moves */
			double v = h->val[ag];
			int others = h->adv[g] - (in && adv ? 1 : 0);
			if (adv && others < settings->min_advanced)
				v += settings->w_mix;
			h->bval[g] = v;
			if (in)
				cur += v;
		}
		cur += pen(h, (int)a, h->hours[a]) + bill(h, (int)a, h->dh + a * WEEK_DAYS);
		size_t n;
		double best = pplan_best(h->pp, (int)a, h->bval, h->ballow, h->bforce, h->bplan, &n);
		/* reset the force marks for the next patient */
		for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++)
			h->bforce[h->el[i]] = false;
		if (best <= cur + GAIN_EPS)
			continue;
		size_t mark = h->n_log;
		double before = h->total;
		for (size_t t = 0; t < nt; t++) {
			int g = h->of_type[a * nt + t];
			bool keep = false;
			for (size_t i = 0; i < n && !keep; i++)
				keep = h->bplan[i] == g;
			if (g >= 0 && !keep)
				rem(h, (int)a, g);
		}
		for (size_t i = 0; i < n; i++)
			if (!h->in[a * ng + (size_t)h->bplan[i]])
				add(h, (int)a, h->bplan[i]);
		if (h->total > before + GAIN_EPS)
			improved = true;
		else
			rollback(h, mark);
	}
	return improved;
}

/* Two members of groups of one type trade places. */
static bool pass_swap(struct heur *h)
{
	bool improved = false;
	size_t ng = h->ng;
	for (size_t g = 0; g < ng && budget_left(h); g++) {
		if (h->size[g] == 0)
			continue;
		for (size_t k = g + 1; k < ng && budget_left(h); k++) {
			if (h->size[k] == 0 || h->gtype[k] != h->gtype[g])
				continue;
			for (size_t i = h->ca_start[g]; i < h->ca_start[g + 1]; i++) {
				int a = h->ca[i];
				size_t ag = (size_t)a * ng + g;
				if (!h->in[ag] || h->must[ag] || h->m->x_col[(size_t)a * ng + k] < 0)
					continue;
				for (size_t j = h->ca_start[k]; j < h->ca_start[k + 1]; j++) {
					int b = h->ca[j];
					size_t bk = (size_t)b * ng + k;
					h->work++;
					if (!h->in[bk] || h->must[bk] ||
					    h->m->x_col[(size_t)b * ng + g] < 0)
						continue;
					/* gains as if each moved alone, corrected for the
					 * sizes staying put */
					size_t mark = h->n_log;
					double before = h->total;
					if (!patient_ok(h, a, (int)k, (int)g))
						continue;
					rem(h, a, (int)g);
					add(h, a, (int)k);
					if (!patient_ok(h, b, (int)g, (int)k)) {
						rollback(h, mark);
						continue;
					}
					rem(h, b, (int)k);
					add(h, b, (int)g);
					if (h->total > before + GAIN_EPS) {
						improved = true;
						break; /* a has moved: next a */
					}
					rollback(h, mark);
				}
			}
		}
	}
	return improved;
}

/* An unmet need takes a place in a full group; the member it displaces
 * moves to another group of the type, or goes without. */
static bool pass_eject(struct heur *h)
{
	bool improved = false;
	size_t ng = h->ng, nt = h->nt;
	for (size_t a = 0; a < h->na && budget_left(h); a++) {
		for (size_t t = 0; t < nt; t++) {
			if (h->of_type[a * nt + t] >= 0 || h->w->need[a * nt + t] <= 0)
				continue;
			bool done = false;
			for (size_t i = h->el_start[a]; i < h->el_start[a + 1] && !done; i++) {
				int g = h->el[i];
				if ((size_t)h->gtype[g] != t || h->size[g] < h->gmax[g] ||
				    !patient_ok(h, (int)a, g, -1))
					continue;
				for (size_t j = h->ca_start[g]; j < h->ca_start[g + 1] && !done; j++) {
					int b = h->ca[j];
					h->work++;
					if (b == (int)a || !h->in[(size_t)b * ng + (size_t)g] ||
					    h->must[(size_t)b * ng + (size_t)g])
						continue;
					size_t mark = h->n_log;
					double before = h->total;
					rem(h, b, g);
					if (!patient_ok(h, (int)a, g, -1)) {
						rollback(h, mark);
						continue;
					}
					add(h, (int)a, g);
					reinsert(h, b, (int)t);
					if (h->total > before + GAIN_EPS) {
						done = improved = true;
						break;
					}
					rollback(h, mark);
				}
			}
		}
	}
	return improved;
}

/* Close a running group and rehome its members; keep when it pays. */
static bool pass_close(struct heur *h)
{
	bool improved = false;
	for (size_t g = 0; g < h->ng && budget_left(h); g++) {
		if (h->size[g] == 0 || h->gpinned[g])
			continue;
		h->work += h->size[g] * 8;
		size_t mark = h->n_log;
		double before = h->total;
		close_group(h, (int)g);
		/* members now free may fill other needs */
		if (h->total > before + GAIN_EPS)
			improved = true;
		else
			rollback(h, mark);
	}
	return improved;
}

/* Open a group that does not run: take the best patients who can join
 * (moving from a group that can spare them), at least min_size; keep when
 * it pays. */
static bool open_group(struct heur *h, int g)
{
	int t = h->gtype[g];
	size_t ng = h->ng, n = 0;
	if (!cands_reserve(h, h->ca_start[g + 1] - h->ca_start[g] + 1))
		return false;
	for (size_t i = h->ca_start[g]; i < h->ca_start[g + 1]; i++) {
		int a = h->ca[i];
		h->work++;
		int from = h->of_type[(size_t)a * h->nt + (size_t)t];
		if (from >= 0 && (h->must[(size_t)a * ng + (size_t)from] || !leave_ok(h, from)))
			continue;
		if (!patient_ok(h, a, g, from))
			continue;
		double gain = gain_join(h, a, g, from);
		/* the group's fixed terms are paid once, not per member */
		gain -= grp(h, 1, h->w->advanced[a] ? 1 : 0);
		if (h->w->advanced[a] && h->settings->min_advanced > 0)
			gain += h->settings->w_mix;
		h->cands[n++] = (struct cand){ a, from, gain };
	}
	if ((int)n < h->gmin[g])
		return false;
	qsort(h->cands, n, sizeof *h->cands, cmp_cand);
	size_t mark = h->n_log;
	double before = h->total;
	for (size_t i = 0; i < n && h->size[g] < h->gmax[g]; i++) {
		struct cand cd = h->cands[i];
		if (h->size[g] >= h->gmin[g] && cd.gain <= GAIN_EPS)
			break;
		if (cd.from >= 0 && !leave_ok(h, cd.from))
			continue;
		if (!patient_ok(h, cd.a, g, cd.from))
			continue;
		if (cd.from >= 0)
			rem(h, cd.a, cd.from);
		add(h, cd.a, g);
	}
	if (h->size[g] >= h->gmin[g] && h->total > before + GAIN_EPS)
		return true;
	rollback(h, mark);
	return false;
}

static bool pass_open(struct heur *h)
{
	bool improved = false;
	for (size_t g = 0; g < h->ng && budget_left(h); g++) {
		if (h->size[g] > 0 || !h->grun[g] || h->fac_block[g] > 0)
			continue;
		if (open_group(h, (int)g)) {
			improved = true;
			pass_insert(h);
		}
	}
	return improved;
}

static void local_search(struct heur *h)
{
	for (int round = 0; budget_left(h); round++) {
		bool improved = false;
		improved |= pass_insert(h);
		improved |= pass_best_response(h);
		improved |= pass_move(h);
		improved |= pass_eject(h);
		improved |= pass_swap(h);
		improved |= pass_close(h);
		improved |= pass_open(h);
		if (!improved)
			break;
	}
}

/* ---- entry points ---------------------------------------------------------- */

static void export_in(const struct heur *h, bool *in)
{
	memcpy(in, h->in, h->na * h->ng * sizeof *in);
}

static bool run(struct heur *h, const double *lp, bool seeded, long effort, bool *in,
		double *value)
{
	reset(h);
	start_work(h, effort);
	if (!place_pins(h))
		return false;
	/* pinned groups must run: give them their minimum while everyone
	 * else is still free */
	for (size_t g = 0; g < h->ng; g++)
		if (h->size[g] > 0 && h->size[g] < h->gmin[g] && !fill(h, (int)g))
			return false;
	if (lp != NULL) {
		/* LP-favoured pairs first, in order of their LP value */
		size_t ng = h->ng, n = 0;
		if (!cands_reserve(h, h->m->n_x + 1))
			return false;
		for (size_t a = 0; a < h->na; a++)
			for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++) {
				int g = h->el[i];
				double v = lp[h->m->x_col[a * ng + (size_t)g]];
				if (v > 0.5 && !h->in[a * ng + (size_t)g])
					h->cands[n++] = (struct cand){ (int)a, g, v };
			}
		qsort(h->cands, n, sizeof *h->cands, cmp_cand);
		for (size_t i = 0; i < n; i++) {
			int a = h->cands[i].a, g = h->cands[i].from;
			if (room(h, g, true) && patient_ok(h, a, g, -1))
				add(h, a, g);
		}
	}
	if (lp == NULL && seeded)
		seed_previous(h);
	if (!(lp == NULL ? construct_plans(h) : construct(h, lp)))
		return false;
	if (!repair(h))
		return false;
	h->n_log = 0;
	local_search(h);
	h->n_log = 0;
	export_in(h, in);
	*value = h->total;
	return true;
}

/* Two starts, the better kept: from last week's roster (continuity pays
 * w_keep a pair, and on large weeks with many fitting groups a start from
 * scratch keeps little of it), then from scratch. Last week's goes first:
 * when the time limit cuts the second short, it is usually the better. */
bool heur_run(struct heur *h, long effort, bool *in, double *value)
{
	if (!h->w->has_previous)
		return run(h, NULL, false, effort, in, value);
	bool found = run(h, NULL, true, effort, in, value);
	if (h->halted)
		return found;
	size_t cells = h->na * h->ng;
	bool *other = malloc((cells + 1) * sizeof *other);
	double v;
	if (other == NULL)
		return found;
	if (run(h, NULL, false, effort, other, &v) && (!found || v > *value + GAIN_EPS)) {
		memcpy(in, other, cells * sizeof *in);
		*value = v;
		found = true;
	}
	free(other);
	return found;
}

bool heur_from_lp(struct heur *h, const double *lp, long effort, bool *in,
		  double *value)
{
	return run(h, lp, false, effort, in, value);
}

double heur_improve(struct heur *h, bool *in, long effort)
{
	reset(h);
	start_work(h, effort);
	size_t ng = h->ng;
	for (size_t a = 0; a < h->na; a++)
		for (size_t i = h->el_start[a]; i < h->el_start[a + 1]; i++)
			if (in[a * ng + (size_t)h->el[i]])
				apply(h, (int)a, h->el[i], true, false);
	local_search(h);
	h->n_log = 0;
	export_in(h, in);
	return h->total;
}

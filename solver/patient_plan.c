/* patient_plan.c -- one patient's best set of groups under given values. */
#include "patient_plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_EPS 1e-9

struct cand {
	int g;
	double v, h;
};

struct pplan {
	const struct model *m;
	const struct week *w;
	size_t na, ng, nt;
	const bool *clash;
	int *gtype;
	double *ghours;
	/* groups of one type, with the same hours, clashing with the same
	 * groups (the same slots) are interchangeable in a plan: a search
	 * needs only the most valuable of each such class */
	int *gclass;           /* the class's first group */
	unsigned *seen;        /* per class: stamp of the last search that kept one */
	unsigned stamp;
	double w_short;
	/* billable days (contract v2): a plan whose groups make the week
	 * billable is worth w_billable more; wb is that for the patient
	 * searched (0 when the rule is off or the week can never bill) */
	bool *may_bill;        /* [a] week_may_bill */
	double *gday;          /* [g * WEEK_DAYS + d] the week's day hours */
	double wb, bill_hours;
	int bill_days;
	double dh[WEEK_DAYS];  /* day hours of the groups chosen */
	double *rest_day;      /* [i * WEEK_DAYS + d]: most types order[i..] add on d */
	/* scratch, per search */
	struct cand *cands;    /* grouped by type */
	size_t *tstart, *tlen; /* per type slot in cands */
	int *order;            /* types to branch on */
	double *best_rest;     /* optimistic worth of types order[k..] */
	double *best_rest_h;   /* same, counting hours a group makes up */
	double *fit_rest, *fit_rest_h; /* per depth: best_rest among groups that fit */
	int *chosen, *best_set;
	size_t n_chosen, n_best;
	double best;
	double hmin, hmax;
	long nodes;
	/* pplan_each: every plan worth at least floor goes to visit */
	bool collect, quit;
	double floor;
	pplan_visit_fn visit;
	void *visit_ctx;
};

/* Row g of the clash matrix, counting g as clashing with itself. */
static bool clash_or_self(const struct pplan *pp, size_t g, size_t k)
{
	return g == k || pp->clash[g * pp->ng + k];
}

static bool same_class(const struct pplan *pp, size_t g, size_t k)
{
	if (pp->gtype[g] != pp->gtype[k] || pp->ghours[g] != pp->ghours[k])
		return false;
	/* with billing on, interchangeable groups put the same hours on each day */
	if (pp->may_bill != NULL)
		for (size_t d = 0; d < WEEK_DAYS; d++)
			if (pp->gday[g * WEEK_DAYS + d] != pp->gday[k * WEEK_DAYS + d])
				return false;
	for (size_t j = 0; j < pp->ng; j++)
		if (clash_or_self(pp, g, j) != clash_or_self(pp, k, j))
			return false;
	return true;
}

/* gclass by hashing clash rows; equal hashes are compared in full. */
static bool classes(struct pplan *pp)
{
	size_t ng = pp->ng;
	unsigned long long *hash = malloc((ng + 1) * sizeof *hash);
	if (hash == NULL)
		return false;
	for (size_t g = 0; g < ng; g++) {
		unsigned long long x = 1469598103934665603ull ^ (unsigned long long)pp->gtype[g];
		for (size_t j = 0; j < ng; j++)
			x = (x ^ (clash_or_self(pp, g, j) ? 1u : 0u)) * 1099511628211ull;
		hash[g] = x;
		pp->gclass[g] = (int)g;
		for (size_t k = 0; k < g; k++)
			if (pp->gclass[k] == (int)k && hash[k] == x && same_class(pp, g, k)) {
				pp->gclass[g] = (int)k;
				break;
			}
	}
	free(hash);
	return true;
}

void pplan_free(struct pplan *pp)
{
	if (pp == NULL)
		return;
	free(pp->gtype);
	free(pp->gclass);
	free(pp->seen);
	free(pp->ghours);
	free(pp->cands);
	free(pp->tstart);
	free(pp->tlen);
	free(pp->order);
	free(pp->best_rest);
	free(pp->best_rest_h);
	free(pp->fit_rest);
	free(pp->fit_rest_h);
	free(pp->chosen);
	free(pp->best_set);
	free(pp->may_bill);
	free(pp->rest_day);
	free(pp);
}

struct pplan *pplan_new(const struct model *m)
{
	struct pplan *pp = calloc(1, sizeof *pp);
	if (pp == NULL)
		return NULL;
	const struct week *w = m->w;
	pp->m = m;
	pp->w = w;
	pp->na = w->n_active;
	pp->ng = w->n_groups;
	pp->nt = w->n_types;
	pp->clash = w->clash;
	pp->w_short = w->clinic->settings.w_short;
	pp->gtype = malloc((pp->ng + 1) * sizeof *pp->gtype);
	pp->gclass = malloc((pp->ng + 1) * sizeof *pp->gclass);
	pp->seen = calloc(pp->ng + 1, sizeof *pp->seen);
	pp->ghours = malloc((pp->ng + 1) * sizeof *pp->ghours);
	pp->cands = malloc((pp->ng + 1) * sizeof *pp->cands);
	pp->tstart = malloc((pp->nt + 1) * sizeof *pp->tstart);
	pp->tlen = malloc((pp->nt + 1) * sizeof *pp->tlen);
	pp->order = malloc((pp->nt + 1) * sizeof *pp->order);
	pp->best_rest = malloc((pp->nt + 2) * sizeof *pp->best_rest);
	pp->best_rest_h = malloc((pp->nt + 2) * sizeof *pp->best_rest_h);
	pp->fit_rest = malloc((pp->nt + 1) * (pp->nt + 1) * sizeof *pp->fit_rest);
	pp->fit_rest_h = malloc((pp->nt + 1) * (pp->nt + 1) * sizeof *pp->fit_rest_h);
	pp->chosen = malloc((pp->nt + 2) * sizeof *pp->chosen);
	pp->best_set = malloc((pp->nt + 2) * sizeof *pp->best_set);
	const struct settings *settings = &w->clinic->settings;
	pp->gday = w->day_hours;
	pp->bill_days = settings->billable_days;
	pp->bill_hours = settings->billable_day_hours;
	if (settings->billable_days > 0 && settings->w_billable > 0) {
		pp->may_bill = calloc(pp->na + 1, sizeof *pp->may_bill);
		pp->rest_day = calloc((pp->nt + 1) * WEEK_DAYS, sizeof *pp->rest_day);
		if (pp->may_bill == NULL || pp->rest_day == NULL) {
			pplan_free(pp);
			return NULL;
		}
		for (size_t a = 0; a < pp->na; a++)
			pp->may_bill[a] = week_may_bill(w, (int)a);
	}
	if (pp->gtype == NULL || pp->gclass == NULL || pp->seen == NULL || pp->ghours == NULL || pp->cands == NULL ||
	    pp->tstart == NULL || pp->tlen == NULL || pp->order == NULL ||
	    pp->best_rest == NULL || pp->best_rest_h == NULL || 
	    pp->fit_rest == NULL || pp->fit_rest_h == NULL || pp->chosen == NULL ||
	    pp->best_set == NULL) {
		pplan_free(pp);
		return NULL;
	}
	for (size_t g = 0; g < pp->ng; g++) {
		pp->gtype[g] = w->clinic->groups[g].type;
		pp->ghours[g] = w->clinic->groups[g].hours;
	}
	if (!classes(pp)) {
		pplan_free(pp);
		return NULL;
	}
	return pp;
}

double pplan_penalty(const struct pplan *pp, int a, double hours)
{
	double hmin = pp->w->clinic->patients[pp->w->active[a]].hours_min;
	double s = hmin - hours;
	return s > HOURS_EPS ? -pp->w_short * s : 0;
}

double pplan_billing(const struct pplan *pp, int a, const int *groups, size_t n)
{
	if (pp->may_bill == NULL || !pp->may_bill[a])
		return 0;
	struct billing b;
	week_billing(pp->w, groups, n, &b);
	return b.billable ? pp->w->clinic->settings.w_billable : 0;
}

static void sort_ascending(int *v, size_t n);

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;
	if (p->v != q->v)
		return p->v > q->v ? -1 : 1;
	return (p->g > q->g) - (p->g < q->g);
}

static double pen(const struct pplan *pp, double hours)
{
	double s = pp->hmin - hours;
	return s > HOURS_EPS ? -pp->w_short * s : 0;
}

/* Days of dh[] (plus more[], may be NULL) that reach billable_day_hours,
 * as week_billing_of_hours counts them. */
static int bill_days_of(const struct pplan *pp, const double *more)
{
	int n = 0;
	for (size_t d = 0; d < WEEK_DAYS; d++) {
		double x = pp->dh[d] + (more != NULL ? more[d] : 0);
		if (x >= pp->bill_hours - DAY_HOURS_EPS && x > 0)
			n++;
	}
	return n;
}

/* The billing term of the groups chosen so far. */
static double bill_now(const struct pplan *pp)
{
	return pp->wb > 0 && bill_days_of(pp, NULL) >= pp->bill_days ? pp->wb : 0;
}

/* The most the billing term can still be from depth k on: w_billable
 * while the groups chosen plus the most each remaining type adds on each
 * day reach enough days, else 0. */
static double bill_room(const struct pplan *pp, size_t k)
{
	if (pp->wb <= 0)
		return 0;
	return bill_days_of(pp, pp->rest_day + k * WEEK_DAYS) >= pp->bill_days ? pp->wb : 0;
}

static void day_add(struct pplan *pp, int g, double sign)
{
	if (pp->wb > 0)
		for (size_t d = 0; d < WEEK_DAYS; d++)
			pp->dh[d] += sign * pp->gday[(size_t)g * WEEK_DAYS + d];
}

/* Can g join the groups chosen so far (hours and clashes)? */
static bool fits(const struct pplan *pp, const struct cand *c, double hours)
{
	if (hours + c->h > pp->hmax + HOURS_EPS)
		return false;
	for (size_t j = 0; j < pp->n_chosen; j++)
		if (pp->clash[(size_t)c->g * pp->ng + (size_t)pp->chosen[j]])
			return false;
	return true;
}

/* A plan found by pplan_each: to the visitor, its groups ascending. */
static void collect(struct pplan *pp, double worth)
{
	memcpy(pp->best_set, pp->chosen, pp->n_chosen * sizeof *pp->chosen);
	sort_ascending(pp->best_set, pp->n_chosen);
	if (!pp->visit(pp->visit_ctx, pp->best_set, pp->n_chosen, worth))
		pp->quit = true;
}

/* The worth a subtree must exceed to be searched: the best so far, or
 * pplan_each's floor (less a tolerance: a plan too many is harmless, one
 * too few is not). */
static double bar(const struct pplan *pp)
{
	return pp->collect ? pp->floor - VALUE_EPS * fmax(1.0, fabs(pp->floor))
			   : pp->best + VALUE_EPS;
}

/* `fresh`: the groups chosen are a set no earlier node saw (the root, or
 * a group just added; skipping a type keeps the set). */
static void dfs(struct pplan *pp, size_t k, double sum, double hours, bool fresh)
{
	pp->nodes++;
	if (pp->quit)
		return;
	double base = sum + pen(pp, hours);
	double here = base + bill_now(pp);
	if (pp->collect) {
		if (fresh && here > bar(pp))
			collect(pp, here);
	} else if (here > pp->best + VALUE_EPS) {
		pp->best = here;
		pp->n_best = pp->n_chosen;
		memcpy(pp->best_set, pp->chosen, pp->n_chosen * sizeof *pp->chosen);
	}
	if (k >= pp->nt || pp->tlen[pp->order[k]] == 0)
		return; /* types with candidates come first */
	/* what billing can still add (0 with the rule off) */
	double room = bill_room(pp, k);
	/* Nothing left can beat the best: either count every remaining type's
	 * best worth with no shortfall at all, or the current shortfall made
	 * up by the hours each type's group could add. */
	if (fmin(sum + pp->best_rest[k], base + pp->best_rest_h[k]) + room <= bar(pp))
		return;
	/* The same with only the groups that still fit beside those chosen:
	 * with many equal worths and much clashing, the plain bound above
	 * stays too high for the search to end early. */
	double *rest = pp->fit_rest + k * (pp->nt + 1), *rest_h = pp->fit_rest_h + k * (pp->nt + 1);
	rest[pp->nt] = 0;
	rest_h[pp->nt] = 0;
	for (size_t i = pp->nt; i-- > k;) {
		int t = pp->order[i];
		double b = 0, bh = 0;
		const struct cand *c = pp->cands + pp->tstart[t];
		bool found = false;
		for (size_t j = 0; j < pp->tlen[t]; j++) {
			/* sorted by worth: the first that fits has the most, and
			 * hours add at most w_short * hours_min to any later one */
			if (found && c[j].v + pp->w_short * pp->hmin <= bh)
				break;
			if (!fits(pp, &c[j], hours))
				continue;
			b = fmax(b, c[j].v);
			bh = fmax(bh, c[j].v + pp->w_short * fmin(c[j].h, pp->hmin));
			found = true;
		}
		rest[i] = rest[i + 1] + b;
		rest_h[i] = rest_h[i + 1] + bh;
	}
	if (fmin(sum + rest[k], base + rest_h[k]) + room <= bar(pp))
		return;
	int t = pp->order[k];
	const struct cand *c = pp->cands + pp->tstart[t];
	for (size_t i = 0; i < pp->tlen[t]; i++) {
		/* candidates are sorted by worth: when this one cannot beat
		 * the best even with no shortfall, no later one can */
		if (sum + c[i].v + rest[k + 1] + room <= bar(pp))
			break;
		if (!fits(pp, &c[i], hours))
			continue;
		int g = c[i].g;
		pp->chosen[pp->n_chosen++] = g;
		double saved[WEEK_DAYS];
		memcpy(saved, pp->dh, sizeof saved);
		day_add(pp, g, 1);
		dfs(pp, k + 1, sum + c[i].v, hours + c[i].h, true);
		memcpy(pp->dh, saved, sizeof saved);
		pp->n_chosen--;
	}
	dfs(pp, k + 1, sum, hours, false); /* nothing of type t */
}

/* Must pins and forced groups first: fixed members of every plan, their
 * worth and hours added to *sum and *hours. False when no plan can hold
 * them all (two clash or share a type, or they pass hours_max). */
static bool take_musts(struct pplan *pp, int a, const double *value, const bool *forced,
		       double *sum, double *hours, unsigned long long *must_types)
{
	const struct model *m = pp->m;
	size_t ng = pp->ng;
	for (size_t g = 0; g < ng; g++) {
		int x = m->x_col[(size_t)a * ng + g];
		if (x < 0 || (m->cols[x].lb < 0.5 && (forced == NULL || !forced[g])))
			continue;
		for (size_t j = 0; j < pp->n_chosen; j++)
			if (pp->clash[g * ng + (size_t)pp->chosen[j]] ||
			    pp->gtype[pp->chosen[j]] == pp->gtype[g])
				return false;
		pp->chosen[pp->n_chosen++] = (int)g;
		day_add(pp, (int)g, 1);
		*sum += value[g];
		*hours += pp->ghours[g];
		if (pp->gtype[g] < 64)
			*must_types |= 1ull << pp->gtype[g];
	}
	return !(*hours > pp->hmax + HOURS_EPS);
}

/* Type t's candidates for a from cands[k] on, best first, one per class;
 * a group that cannot pay even by making up hours is left out, and so is
 * every group of a type the must pins already hold. Returns the next free
 * index of cands. */
static size_t gather_type(struct pplan *pp, int a, size_t t, const double *value,
			  const bool *allowed, double hours, unsigned long long must_types,
			  size_t k)
{
	const struct model *m = pp->m;
	size_t ng = pp->ng;
	pp->tstart[t] = k;
	pp->tlen[t] = 0;
	bool taken = t < 64 ? (must_types >> t & 1) : false;
	for (size_t j = 0; j < pp->n_chosen && !taken; j++)
		taken = (size_t)pp->gtype[pp->chosen[j]] == t;
	if (taken)
		return k;
	for (size_t g = 0; g < ng; g++) {
		int x = m->x_col[(size_t)a * ng + g];
		if (x < 0 || (size_t)pp->gtype[g] != t || (allowed != NULL && !allowed[g]))
			continue;
		double v = value[g];
		/* billing may pay for a group only through its day hours */
		double bill = 0;
		if (pp->wb > 0)
			for (size_t d = 0; d < WEEK_DAYS && bill == 0; d++)
				if (pp->gday[g * WEEK_DAYS + d] > 0)
					bill = pp->wb;
		/* pplan_each needs every group: a plan within its floor may
		 * hold one that does not pay */
		if (!pp->collect && v + pp->w_short * fmin(pp->ghours[g], pp->hmin) + bill <= VALUE_EPS)
			continue;
		if (hours + pp->ghours[g] > pp->hmax + HOURS_EPS)
			continue;
		bool ok = true;
		for (size_t j = 0; j < pp->n_chosen && ok; j++)
			ok = !pp->clash[g * ng + (size_t)pp->chosen[j]];
		if (!ok)
			continue;
		pp->cands[k++] = (struct cand){ .g = (int)g, .v = v, .h = pp->ghours[g] };
		pp->tlen[t]++;
	}
	qsort(pp->cands + pp->tstart[t], pp->tlen[t], sizeof *pp->cands, cmp_cand);
	/* interchangeable groups differ in the master's rows: pplan_each
	 * keeps each */
	if (pp->collect)
		return pp->tstart[t] + pp->tlen[t];
	/* one per class, its most valuable (the first, so sorted) */
	if (++pp->stamp == 0) {
		memset(pp->seen, 0, ng * sizeof *pp->seen);
		pp->stamp = 1;
	}
	size_t kept = 0;
	for (size_t i = 0; i < pp->tlen[t]; i++) {
		struct cand cd = pp->cands[pp->tstart[t] + i];
		unsigned *mark = &pp->seen[pp->gclass[cd.g]];
		if (*mark == pp->stamp)
			continue;
		*mark = pp->stamp;
		pp->cands[pp->tstart[t] + kept++] = cd;
	}
	pp->tlen[t] = kept;
	return pp->tstart[t] + kept;
}

/* Branch on types with candidates, the fewest first (a stable insertion
 * sort: equal counts keep the type order). */
static void order_types(struct pplan *pp)
{
	size_t no = 0;
	for (size_t t = 0; t < pp->nt; t++)
		pp->order[no++] = (int)t;
	for (size_t i = 1; i < no; i++) {
		int x = pp->order[i];
		size_t j = i;
		while (j > 0) {
			size_t lx = pp->tlen[x], ly = pp->tlen[pp->order[j - 1]];
			bool before = (lx != 0 && ly == 0) || (lx != 0 && ly != 0 && lx < ly);
			if (!before)
				break;
			pp->order[j] = pp->order[j - 1];
			j--;
		}
		pp->order[j] = x;
	}
}

/* best_rest[i]: the most the types order[i..] could add, with no
 * shortfall; best_rest_h[i]: the same counting the hours a group makes up. */
static void rest_bounds(struct pplan *pp)
{
	size_t nt = pp->nt;
	pp->best_rest[nt] = 0;
	pp->best_rest_h[nt] = 0;
	for (size_t i = nt; i-- > 0;) {
		int t = pp->order[i];
		double b = 0, bh = 0;
		for (size_t j = 0; j < pp->tlen[t]; j++) {
			const struct cand *cd = &pp->cands[pp->tstart[t] + j];
			b = fmax(b, cd->v);
			bh = fmax(bh, cd->v + pp->w_short * fmin(cd->h, pp->hmin));
		}
		pp->best_rest[i] = pp->best_rest[i + 1] + b;
		pp->best_rest_h[i] = pp->best_rest_h[i + 1] + bh;
	}
	if (pp->wb <= 0)
		return;
	double *rd = pp->rest_day;
	for (size_t d = 0; d < WEEK_DAYS; d++)
		rd[nt * WEEK_DAYS + d] = 0;
	for (size_t i = nt; i-- > 0;) {
		int t = pp->order[i];
		for (size_t d = 0; d < WEEK_DAYS; d++) {
			double most = 0;
			for (size_t j = 0; j < pp->tlen[t]; j++)
				most = fmax(most, pp->gday[(size_t)pp->cands[pp->tstart[t] + j].g * WEEK_DAYS + d]);
			rd[i * WEEK_DAYS + d] = rd[(i + 1) * WEEK_DAYS + d] + most;
		}
	}
}

static void sort_ascending(int *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int x = v[i];
		size_t j = i;
		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/* Patient a's search from its root: must pins taken, candidates
 * gathered. False when no plan keeps the must pins. */
static bool search(struct pplan *pp, int a, const double *value, const bool *allowed,
		   const bool *forced)
{
	const struct clinic *c = pp->w->clinic;
	pp->hmin = c->patients[pp->w->active[a]].hours_min;
	pp->hmax = c->patients[pp->w->active[a]].hours_max;
	double sum = 0, hours = 0;
	pp->n_chosen = 0;
	pp->wb = pp->may_bill != NULL && pp->may_bill[a] ? c->settings.w_billable : 0;
	memset(pp->dh, 0, sizeof pp->dh);
	unsigned long long must_types = 0;
	pp->best = -HUGE_VAL;
	pp->n_best = 0;
	if (!take_musts(pp, a, value, forced, &sum, &hours, &must_types))
		return false;
	size_t k = 0;
	for (size_t t = 0; t < pp->nt; t++)
		k = gather_type(pp, a, t, value, allowed, hours, must_types, k);
	order_types(pp);
	rest_bounds(pp);
	dfs(pp, 0, sum, hours, true);
	return true;
}

long pplan_each(struct pplan *pp, int a, const double *value, const bool *allowed,
		const bool *forced, double floor, pplan_visit_fn visit, void *ctx)
{
	pp->collect = true;
	pp->quit = false;
	pp->floor = floor;
	pp->visit = visit;
	pp->visit_ctx = ctx;
	pp->nodes = 0;
	(void)search(pp, a, value, allowed, forced);
	bool quit = pp->quit;
	pp->collect = pp->quit = false;
	return quit ? -1 : pp->nodes;
}

double pplan_best(struct pplan *pp, int a, const double *value, const bool *allowed,
		  const bool *forced, int *out, size_t *n)
{
	if (!search(pp, a, value, allowed, forced)) {
		*n = 0;
		return -HUGE_VAL;
	}
	memcpy(out, pp->best_set, pp->n_best * sizeof *out);
	*n = pp->n_best;
	sort_ascending(out, *n);
	return pp->best;
}

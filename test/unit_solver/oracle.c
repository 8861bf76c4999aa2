/* oracle.c -- brute force over every roster of a tiny clinic, and the
 * random tiny clinics it is run on. Independent of the solver: its own
 * rule checks and its own score arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

/* ---- an independent oracle ------------------------------------------- */

struct oracle {
	const struct week *w;
	size_t na, ng;
	/* per patient: allowed subsets of groups as bit masks */
	unsigned *opt; size_t *opt_start;
	unsigned *pick;  /* chosen mask per patient */
	int *size;
	double best;
	bool found;
	long leaves;
	oracle_fn fn;
	void *ctx;
};

/* Adds group g's hours on each day to day[7], straight from the
 * contract's text (v2) rather than from week.day_hours: shares by slot
 * length when every slot is timed, else equal; a label's share on the
 * day its label begins with (slot_day), else on none. */
static void oracle_day_hours(const struct group *g, double day[7])
{
	bool all_timed = true;
	double length = 0;
	for (size_t i = 0; i < g->n_slots; i++) {
		all_timed = all_timed && g->slots[i].timed;
		if (g->slots[i].timed)
			length += (g->slots[i].end - g->slots[i].start) / 60.0;
	}
	for (size_t i = 0; i < g->n_slots; i++) {
		const struct slot *s = &g->slots[i];
		double share = all_timed ? g->hours * ((s->end - s->start) / 60.0) / length
					 : g->hours / (double)g->n_slots;
		int d = slot_day(s);
		if (d >= 0)
			day[d] += share;
	}
}

/* The contract's score of the masks in o->pick, computed from scratch. */
static double oracle_score(const struct oracle *o)
{
	const struct week *w = o->w;
	const struct clinic *c = w->clinic;
	const struct settings *st = &c->settings;
	double need = 0, short_h = 0;
	int kept = 0, mix = 0, running = 0, billable = 0;
	for (size_t a = 0; a < o->na; a++) {
		double hours = 0, day[7] = { 0 };
		for (size_t g = 0; g < o->ng; g++) {
			if (!(o->pick[a] >> g & 1))
				continue;
			need += w->need[a * w->n_types + (size_t)c->groups[g].type];
			kept += w->previous[a * o->ng + g] && w->eligible[a * o->ng + g];
			hours += c->groups[g].hours;
			oracle_day_hours(&c->groups[g], day);
		}
		double hmin = c->patients[w->active[a]].hours_min;
		if (hmin - hours > 1e-9)
			short_h += hmin - hours;
		int days = 0;
		for (int d = 0; d < 7; d++)
			days += day[d] > 0 && day[d] >= st->billable_day_hours - 1e-6;
		billable += st->billable_days > 0 && days >= st->billable_days;
	}
	for (size_t g = 0; g < o->ng; g++) {
		int n = 0, adv = 0;
		for (size_t a = 0; a < o->na; a++)
			if (o->pick[a] >> g & 1) {
				n++;
				adv += w->advanced[a];
			}
		if (n == 0)
			continue;
		running++;
		if (adv < st->min_advanced)
			mix += st->min_advanced - adv;
	}
	double v = st->w_need * need + st->w_keep * kept - st->w_short * short_h -
		   st->w_mix * mix - st->group_cost * running;
	return st->billable_days > 0 ? v + st->w_billable * billable : v;
}

static bool oracle_valid_groups(const struct oracle *o)
{
	const struct week *w = o->w;
	const struct clinic *c = w->clinic;
	for (size_t g = 0; g < o->ng; g++)
		if (o->size[g] > 0 && o->size[g] < c->groups[g].min_size)
			return false;
	for (size_t i = 0; i < w->n_separations; i++) {
		unsigned both = o->pick[w->separations[i].a] & o->pick[w->separations[i].b];
		if (both != 0)
			return false;
	}
	for (size_t g = 0; g < o->ng; g++)
		for (size_t h = g + 1; h < o->ng; h++)
			if (o->size[g] > 0 && o->size[h] > 0 && w->facilitator_clash[g * o->ng + h])
				return false;
	return true;
}

static void oracle_dfs(struct oracle *o, size_t a)
{
	const struct clinic *c = o->w->clinic;
	if (a == o->na) {
		o->leaves++;
		if (!oracle_valid_groups(o))
			return;
		double v = oracle_score(o);
		if (o->fn != NULL)
			o->fn(o->ctx, o->pick, v);
		if (!o->found || v > o->best) {
			o->best = v;
			o->found = true;
		}
		return;
	}
	for (size_t i = o->opt_start[a]; i < o->opt_start[a + 1]; i++) {
		unsigned m = o->opt[i];
		bool ok = true;
		for (size_t g = 0; g < o->ng && ok; g++)
			if ((m >> g & 1) && o->size[g] + 1 > c->groups[g].max_size)
				ok = false;
		if (!ok)
			continue;
		for (size_t g = 0; g < o->ng; g++)
			o->size[g] += m >> g & 1;
		o->pick[a] = m;
		oracle_dfs(o, a + 1);
		for (size_t g = 0; g < o->ng; g++)
			o->size[g] -= m >> g & 1;
	}
}

bool oracle_best(const struct week *w, double *best, bool *too_big)
{
	return oracle_each(w, NULL, NULL, best, too_big);
}

bool oracle_each(const struct week *w, oracle_fn fn, void *ctx, double *best,
		 bool *too_big)
{
	const struct clinic *c = w->clinic;
	struct oracle o = { .w = w, .na = w->n_active, .ng = w->n_groups, .fn = fn, .ctx = ctx };
	size_t full = (size_t)1 << o.ng;
	o.opt = malloc((o.na * full + 1) * sizeof *o.opt);
	o.opt_start = malloc((o.na + 1) * sizeof *o.opt_start);
	o.pick = calloc(o.na + 1, sizeof *o.pick);
	o.size = calloc(o.ng + 1, sizeof *o.size);
	assert_non_null(o.opt);
	assert_non_null(o.opt_start);
	assert_non_null(o.pick);
	assert_non_null(o.size);
	size_t k = 0;
	double product = 1;
	for (size_t a = 0; a < o.na; a++) {
		o.opt_start[a] = k;
		const struct patient *p = &c->patients[w->active[a]];
		for (unsigned m = 0; m < full; m++) {
			bool ok = true;
			double hours = 0;
			for (size_t g = 0; g < o.ng && ok; g++) {
				size_t ag = a * o.ng + g;
				bool in = m >> g & 1;
				if (in && !w->eligible[ag])
					ok = false;
				if (!in && w->pin[ag] == PIN_MARK_MUST)
					ok = false;
				if (!in)
					continue;
				hours += c->groups[g].hours;
				for (size_t h = g + 1; h < o.ng; h++) {
					if (!(m >> h & 1))
						continue;
					if (c->groups[g].type == c->groups[h].type ||
					    w->clash[g * o.ng + h])
						ok = false;
				}
			}
			if (ok && hours <= p->hours_max + 1e-9)
				o.opt[k++] = m;
		}
		product *= (double)(k - o.opt_start[a]);
	}
	o.opt_start[o.na] = k;
	*too_big = product > 400000;
	if (!*too_big)
		oracle_dfs(&o, 0);
	*best = o.best;
	bool found = o.found;
	free(o.opt);
	free(o.opt_start);
	free(o.pick);
	free(o.size);
	return found;
}

/* The oracle's score of a planned roster (through the same arithmetic). */
double oracle_score_roster(const struct week *w, const struct roster *r)
{
	struct oracle o = { .w = w, .na = w->n_active, .ng = w->n_groups };
	o.pick = calloc(o.na + 1, sizeof *o.pick);
	assert_non_null(o.pick);
	for (size_t i = 0; i < r->n; i++)
		o.pick[w->active_of[r->items[i].patient]] |= 1u << r->items[i].group;
	double v = oracle_score(&o);
	free(o.pick);
	return v;
}

/* ---- random tiny clinics ---------------------------------------------- */

static const char *const slot_pool[] = {
	"mon 10:00-12:00", "mon 11:00-13:00", "mon 12:00-14:00", "tue 10:00-12:00",
	"mon-eve", "tue-eve", "wed 09:00-10:30;thu 09:00-10:30",
};
static const char *const window_pool[] = {
	"mon 09:00-14:00;tue 09:00-13:00", "mon-eve;tue-eve",
	"mon 10:00-12:00;wed 08:00-12:00;thu 08:00-12:00",
};

/* v2 draws its extra numbers only when on, so v1 clinics stay the same. */
static void random_clinic_of(struct fx *f, uint64_t seed, bool v2)
{
	struct fx_rng r = { seed * 7919 + 17 };
	int nt = 2 + (int)fx_rand(&r, 2);
	fx_init(f, nt == 2 ? "a;b" : "a;b;c");
	struct settings *st = &f->c.settings;
	st->w_keep = fx_rand(&r, 2) ? 4 : 0;
	st->group_cost = fx_rand(&r, 3) == 0 ? 5 : 0;
	st->min_advanced = (int)fx_rand(&r, 3);
	st->w_mix = fx_rand(&r, 3) ? 3 : 0;
	st->w_short = fx_rand(&r, 4) ? 2 : 0;
	int ng = 2 + (int)fx_rand(&r, 3);
	int np = 3 + (int)fx_rand(&r, 5);
	static const char *const fac[] = { NULL, "ann", "bob" };
	for (int g = 0; g < ng; g++) {
		char id[16];
		snprintf(id, sizeof id, "g%d", g + 1);
		const char *slots = slot_pool[fx_rand(&r, 7)];
		bool label = strstr(slots, ":") == NULL;
		double hours = label ? (fx_rand(&r, 2) ? 1.5 : 3) : 0;
		int min = 1 + (int)fx_rand(&r, 3);
		int max = min + (int)fx_rand(&r, 3);
		int gi = fx_group(f, id, (int)fx_rand(&r, (uint32_t)nt), slots, hours, min, max,
				  fac[fx_rand(&r, 3)]);
		if (fx_rand(&r, 6) == 0)
			fx_requires(f, gi, "women");
		if (v2) {
			/* none, orientation (week 0), early (0-2), later (2 on) */
			struct group *gr = &f->c.groups[gi];
			switch (fx_rand(&r, 5)) {
			case 1: gr->has_weeks_to = true; gr->weeks_to = 0; break;
			case 2: gr->has_weeks_to = true; gr->weeks_to = 2; break;
			case 3: gr->weeks_from = 2; break;
			default: break;
			}
		}
	}
	if (v2) {
		static const double day_hours[] = { 1.5, 2, 3 };
		static const double weight[] = { 15, 5, 40 };
		st->billable_days = 1 + (int)fx_rand(&r, 3) / 2;
		st->billable_day_hours = day_hours[fx_rand(&r, 3)];
		st->w_billable = weight[fx_rand(&r, 3)];
	}
	static const int days[] = { 2, 20, 50, 100 };
	static const double hmins[] = { 0, 2, 3, 4, 6 };
	static const double hmaxs[] = { 2, 3, 4, 5, 8, 30 };
	for (int p = 0; p < np; p++) {
		char id[16], needs[4] = { 0 };
		snprintf(id, sizeof id, "p%d", p + 1);
		for (int t = 0; t < nt; t++)
			needs[t] = (char)('0' + (fx_rand(&r, 3) == 0 ? 0 : 1 + fx_rand(&r, 4)));
		const char *avail = fx_rand(&r, 3) == 0 ? window_pool[fx_rand(&r, 3)] : NULL;
		int pi = fx_patient(f, id, needs, avail);
		double hmin = hmins[fx_rand(&r, 5)], hmax = hmaxs[fx_rand(&r, 6)];
		fx_hours(f, pi, hmin, hmax < hmin ? hmin : hmax);
		fx_admitted(f, pi, days[fx_rand(&r, 4)]);
		if (fx_rand(&r, 3) == 0)
			fx_tags(f, pi, "women");
	}
	int ns = (int)fx_rand(&r, 3);
	for (int i = 0; i < ns; i++) {
		int a = (int)fx_rand(&r, (uint32_t)np), b = (int)fx_rand(&r, (uint32_t)np);
		if (a != b)
			fx_separation(f, a, b, i + 2);
	}
	for (int p = 0; p < np; p++)
		for (int g = 0; g < ng; g++)
			if (fx_rand(&r, 4) == 0)
				fx_previous(f, p, g);
	/* pins need the week's fit: must pins only where the group fits */
	struct week *w = fx_week(f);
	int npins = (int)fx_rand(&r, 3);
	bool *used = calloc((size_t)np * (size_t)ng, sizeof *used);
	assert_non_null(used);
	for (int i = 0; i < npins; i++) {
		int p = (int)fx_rand(&r, (uint32_t)np), g = (int)fx_rand(&r, (uint32_t)ng);
		enum pin_rule rule = fx_rand(&r, 2) ? PIN_MUST : PIN_NEVER;
		int a = w->active_of[p];
		if (used[p * ng + g] || a < 0)
			continue;
		if (rule == PIN_MUST && !w->fits[week_ag(w, a, g)])
			continue;
		used[p * ng + g] = true;
		fx_pin(f, p, g, rule, i + 2);
	}
	free(used);
	fx_week(f);
}

void random_clinic(struct fx *f, uint64_t seed)
{
	random_clinic_of(f, seed, false);
}

void random_clinic_v2(struct fx *f, uint64_t seed)
{
	random_clinic_of(f, seed, true);
}


/* score.c -- the contract's score of any roster, term by term. */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double total_of(const struct settings *settings, const struct score_terms *t)
{
	double total = settings->w_need * t->need_sum + settings->w_keep * t->kept
		- settings->w_short * t->short_hours - settings->w_mix * t->mix_short
		- settings->group_cost * t->running;
	/* its own term, added only while the rule is on, so a v1 clinic's
	 * total is the same double as before */
	if (settings->billable_days > 0)
		total += settings->w_billable * t->billable;
	return total;
}

void score_roster(const struct week *w, const struct roster *r,
		  struct score_terms *out)
{
	memset(out, 0, sizeof *out);
	if (w == NULL)
		return;
	const struct clinic *c = w->clinic;
	const struct settings *settings = &c->settings;
	size_t na = w->n_active, ng = w->n_groups;

	bool *in = calloc(na * ng + 1, sizeof *in);
	double *hours = calloc(na + 1, sizeof *hours);
	int *size = calloc(ng + 1, sizeof *size);
	int *adv = calloc(ng + 1, sizeof *adv);
	/* v2: each patient's hours by day, only while the billing rule is on */
	bool billing = settings->billable_days > 0;
	double *days = billing ? calloc(na * WEEK_DAYS + 1, sizeof *days) : NULL;
	if (in == NULL || hours == NULL || size == NULL || adv == NULL ||
	    (billing && days == NULL)) {
		/* No memory to score: report NaN so no caller trusts it. */
		out->total = NAN;
		goto done;
	}
	/* A pair placed twice counts once: a roster is a set of placements. */
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int a = w->active_of[p];
		if (a < 0 || in[week_ag(w, a, g)])
			continue;
		in[week_ag(w, a, g)] = true;
		const struct group *gr = &c->groups[g];
		out->need_sum += w->need[(size_t)a * w->n_types + (size_t)gr->type];
		if (w->previous[week_ag(w, a, g)] && w->eligible[week_ag(w, a, g)])
			out->kept++;
		hours[a] += gr->hours;
		if (billing)
			for (size_t d = 0; d < WEEK_DAYS; d++)
				days[(size_t)a * WEEK_DAYS + d] += w->day_hours[(size_t)g * WEEK_DAYS + d];
		size[g]++;
		if (w->advanced[a])
			adv[g]++;
	}
	for (size_t a = 0; a < na; a++) {
		double want = c->patients[w->active[a]].hours_min;
		if (want - hours[a] > HOURS_EPS)
			out->short_hours += want - hours[a];
	}
	for (size_t a = 0; billing && a < na; a++) {
		struct billing b;
		week_billing_of_hours(w, &days[a * WEEK_DAYS], &b);
		out->billable += b.billable;
	}
	for (size_t g = 0; g < ng; g++) {
		if (size[g] == 0)
			continue;
		out->running++;
		if (adv[g] < settings->min_advanced)
			out->mix_short += settings->min_advanced - adv[g];
	}
	out->total = total_of(settings, out);
done:
	free(in);
	free(hours);
	free(size);
	free(adv);
	free(days);
}

/* Active patient a's own terms over the groups it is in: mine[g], with
 * `drop` left out and `add` put in (-1: none). */
static void patient_terms(const struct week *w, int a, const bool *mine, int drop, int add,
			  struct score_terms *t)
{
	const struct clinic *c = w->clinic;
	bool billing = c->settings.billable_days > 0;
	double hours = 0, days[WEEK_DAYS] = { 0 };
	memset(t, 0, sizeof *t);
	for (size_t g = 0; g < w->n_groups; g++) {
		if ((int)g != add && (!mine[g] || (int)g == drop))
			continue;
		t->need_sum += w->need[(size_t)a * w->n_types + (size_t)c->groups[g].type];
		size_t k = week_ag(w, a, (int)g);
		t->kept += w->previous[k] && w->eligible[k];
		hours += c->groups[g].hours;
		for (size_t d = 0; billing && d < WEEK_DAYS; d++)
			days[d] += w->day_hours[g * WEEK_DAYS + d];
	}
	double want = c->patients[w->active[a]].hours_min;
	if (want - hours > HOURS_EPS)
		t->short_hours = want - hours;
	if (billing) {
		struct billing b;
		week_billing_of_hours(w, days, &b);
		t->billable = b.billable;
	}
}

/* What a group adds to the running and mix terms with `size` members,
 * `adv` of them advanced. */
static void group_terms(const struct settings *set, int size, int adv, struct score_terms *t)
{
	memset(t, 0, sizeof *t);
	if (size == 0)
		return;
	t->running = 1;
	if (adv < set->min_advanced)
		t->mix_short = set->min_advanced - adv;
}

void score_swap(const struct week *w, const struct roster *r, const struct score_terms *base,
		int p, int drop, int add, struct score_terms *out)
{
	*out = *base;
	const struct clinic *c = w->clinic;
	size_t na = w->n_active, ng = w->n_groups;
	int a = p >= 0 && (size_t)p < c->n_patients ? w->active_of[p] : -1;
	if (drop >= (int)ng)
		drop = -1;
	if (add >= (int)ng)
		add = -1;
	if (drop == add)
		drop = -1; /* out and back in: p is in it after, as when only put in */
	if (a < 0 || (add < 0 && drop < 0))
		return; /* placements of inactive patients are not scored */
	/* p's groups, and the members of the two groups, a pair counted once */
	bool *mine = calloc(ng + 1, sizeof *mine);
	bool *seen = calloc(2 * na + 1, sizeof *seen);
	if (mine == NULL || seen == NULL) {
		out->total = NAN;
		goto done;
	}
	int two[2] = { drop, add }, size[2] = { 0, 0 }, adv[2] = { 0, 0 };
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int q = r->items[i].patient, g = r->items[i].group;
		if (q < 0 || (size_t)q >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int b = w->active_of[q];
		if (b < 0)
			continue;
		if (q == p)
			mine[g] = true;
		for (int k = 0; k < 2; k++)
			if (g == two[k] && !seen[(size_t)k * na + (size_t)b]) {
				seen[(size_t)k * na + (size_t)b] = true;
				size[k]++;
				adv[k] += w->advanced[b];
			}
	}
	struct score_terms before, after;
	patient_terms(w, a, mine, -1, -1, &before);
	patient_terms(w, a, mine, drop, add, &after);
	out->need_sum += after.need_sum - before.need_sum;
	out->kept += after.kept - before.kept;
	out->short_hours += after.short_hours - before.short_hours;
	out->billable += after.billable - before.billable;
	for (int k = 0; k < 2; k++) {
		if (two[k] < 0)
			continue;
		bool was = mine[two[k]], is = k == 1;
		struct score_terms g0, g1;
		group_terms(&c->settings, size[k], adv[k], &g0);
		group_terms(&c->settings, size[k] - was + is,
			    adv[k] + (w->advanced[a] ? is - was : 0), &g1);
		out->running += g1.running - g0.running;
		out->mix_short += g1.mix_short - g0.mix_short;
	}
	out->total = total_of(&c->settings, out);
done:
	free(mine);
	free(seen);
}

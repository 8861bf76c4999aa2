/* score.c -- the contract's score of any roster, term by term. */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	out->total = settings->w_need * out->need_sum + settings->w_keep * out->kept
		- settings->w_short * out->short_hours - settings->w_mix * out->mix_short
		- settings->group_cost * out->running;
	/* its own term, added only while the rule is on, so a v1 clinic's
	 * total is the same double as before */
	if (billing)
		out->total += settings->w_billable * out->billable;
done:
	free(in);
	free(hours);
	free(size);
	free(adv);
	free(days);
}

/* summary.c -- tallies and the score line shared by plan and check. */
#include "summary.h"

#include <string.h>

void summary_tally_needs(const struct week *w, const struct roster *r,
			 struct type_tally *tally)
{
	const struct clinic *c = w->clinic;
	memset(tally, 0, sizeof *tally * w->n_types);
	for (size_t a = 0; a < w->n_active; a++)
		for (size_t t = 0; t < w->n_types; t++)
			if (w->need[a * w->n_types + t] > 0)
				tally[t].needs++;
	for (size_t i = 0; i < r->n; i++) {
		int a = w->active_of[r->items[i].patient];
		int g = r->items[i].group;
		if (a < 0)
			continue;
		int t = c->groups[g].type;
		if (w->need[(size_t)a * w->n_types + (size_t)t] > 0)
			tally[t].met++;
	}
}

void summary_group_sizes(const struct week *w, const struct roster *r, int *members)
{
	memset(members, 0, sizeof *members * w->n_groups);
	for (size_t i = 0; i < r->n; i++)
		if (w->active_of[r->items[i].patient] >= 0)
			members[r->items[i].group]++;
}

void summary_print_score(FILE *out, const struct week *w, const struct score_terms *s)
{
	const struct settings *settings = &w->clinic->settings;
	fprintf(out, "score %.2f = need %g×%g + keep %g×%d - short %g×%g h - mix %g×%d - groups %g×%d",
		s->total, settings->w_need, s->need_sum, settings->w_keep, s->kept,
		settings->w_short, s->short_hours, settings->w_mix, s->mix_short,
		settings->group_cost, s->running);
	/* v2's term only while the billing rule is on: a v1 line is as before */
	if (settings->billable_days > 0)
		fprintf(out, " + billable %g×%d", settings->w_billable, s->billable);
	fputc('\n', out);
}

void summary_print_billable(FILE *out, const struct week *w, const struct score_terms *s)
{
	if (w->clinic->settings.billable_days > 0)
		fprintf(out, "billable patient-weeks: %d of %zu\n", s->billable, w->n_active);
}

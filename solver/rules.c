/* rules.c -- the hard-rule checker: one error per violation, rule by rule. */
#include "rules.h"

#include <stdlib.h>

#include "../data/date.h"

#define HOURS_EPS 1e-9

/* The later of two roster lines (0 = not from a file): the placement that
 * completes a violation is the one a reader should look at. */
static long later_line(long x, long y)
{
	return x > y ? x : y;
}

static const char *type_name(const struct week *w, int g)
{
	return w->clinic->type_names[w->clinic->groups[g].type];
}

size_t rules_check(const struct week *w, const struct roster *r,
		   const char *roster_file, struct diag_list *out)
{
	const struct clinic *c = w->clinic;
	size_t na = w->n_active, ng = w->n_groups, nt = w->n_types;
	size_t before = out->n_errors;

	/* line[ag] = -1 when not placed, else the first line that places it. */
	long *line = malloc((na * ng + 1) * sizeof *line);
	int *size = calloc(ng + 1, sizeof *size);
	double *hours = calloc(na + 1, sizeof *hours);
	long *first_line = calloc(na + 1, sizeof *first_line);
	if (line == NULL || size == NULL || hours == NULL || first_line == NULL) {
		diag_error(out, NULL, 0, 0, NULL, "out of memory while checking the roster");
		goto done;
	}
	for (size_t i = 0; i < na * ng; i++)
		line[i] = -1;

	char monday[11];
	date_format(w->monday, monday);

	/* Rule 1: active patients and eligible pairs. */
	size_t n = r != NULL ? r->n : 0;
	for (size_t i = 0; i < n; i++) {
		const struct placement *pl = &r->items[i];
		int p = pl->patient, g = pl->group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int a = w->active_of[p];
		if (a < 0) {
			bool seen = false;
			for (size_t j = 0; j < i && !seen; j++)
				seen = r->items[j].patient == p && r->items[j].group == g;
			if (!seen)
				diag_error(out, roster_file, pl->line, 0, NULL,
					   "rule 1: '%s' is not active in the week of %s",
					   c->patients[p].id, monday);
			continue;
		}
		size_t ag = week_ag(w, a, g);
		if (line[ag] >= 0)
			continue; /* the same placement twice is one placement */
		line[ag] = pl->line;
		size[g]++;
		hours[a] += c->groups[g].hours;
		if (first_line[a] == 0)
			first_line[a] = pl->line;
		if (w->eligible[ag] || w->pin[ag] == PIN_MARK_NEVER)
			continue; /* a never pin is reported once, as rule 7 */
		int t = c->groups[g].type;
		const char *why;
		if (!w->fits[ag])
			why = "the group does not fit their windows or tags";
		else if (w->mastered[(size_t)a * nt + (size_t)t])
			why = "they have mastered";
		else
			why = "they have no need for";
		if (!w->fits[ag])
			diag_error(out, roster_file, pl->line, 0, NULL,
				   "rule 1: '%s' is not eligible for '%s': %s",
				   c->patients[p].id, c->groups[g].id, why);
		else
			diag_error(out, roster_file, pl->line, 0, NULL,
				   "rule 1: '%s' is not eligible for '%s': %s type '%s'",
				   c->patients[p].id, c->groups[g].id, why, type_name(w, g));
	}

	/* Rule 2: a running group has min..max members. */
	for (size_t g = 0; g < ng; g++) {
		const struct group *gr = &c->groups[g];
		if (size[g] == 0)
			continue;
		if (size[g] < gr->min_size)
			diag_error(out, roster_file, 0, 0, NULL,
				   "rule 2: group '%s' has %d member%s, below its minimum %d",
				   gr->id, size[g], size[g] == 1 ? "" : "s", gr->min_size);
		else if (size[g] > gr->max_size)
			diag_error(out, roster_file, 0, 0, NULL,
				   "rule 2: group '%s' has %d members, above its maximum %d",
				   gr->id, size[g], gr->max_size);
	}

	/* Rules 3 and 4, pair by pair within each patient's groups. */
	for (size_t a = 0; a < na; a++) {
		const char *pid = c->patients[w->active[a]].id;
		for (size_t g = 0; g < ng; g++) {
			long lg = line[week_ag(w, (int)a, (int)g)];
			if (lg < 0)
				continue;
			for (size_t h = g + 1; h < ng; h++) {
				long lh = line[week_ag(w, (int)a, (int)h)];
				if (lh < 0 || c->groups[g].type != c->groups[h].type)
					continue;
				diag_error(out, roster_file, later_line(lg, lh), 0, NULL,
					   "rule 3: '%s' is in '%s' and '%s', both of type '%s'",
					   pid, c->groups[g].id, c->groups[h].id,
					   type_name(w, (int)g));
			}
		}
	}
	for (size_t a = 0; a < na; a++) {
		const char *pid = c->patients[w->active[a]].id;
		for (size_t g = 0; g < ng; g++) {
			long lg = line[week_ag(w, (int)a, (int)g)];
			if (lg < 0)
				continue;
			for (size_t h = g + 1; h < ng; h++) {
				long lh = line[week_ag(w, (int)a, (int)h)];
				if (lh < 0 || !w->clash[g * ng + h])
					continue;
				diag_error(out, roster_file, later_line(lg, lh), 0, NULL,
					   "rule 4: '%s' is in '%s' and '%s', whose slots clash",
					   pid, c->groups[g].id, c->groups[h].id);
			}
		}
	}

	/* Rule 5: weekly hours. */
	for (size_t a = 0; a < na; a++) {
		const struct patient *pt = &c->patients[w->active[a]];
		if (hours[a] > pt->hours_max + HOURS_EPS)
			diag_error(out, roster_file, first_line[a], 0, NULL,
				   "rule 5: '%s' has %g hours, above their maximum %g",
				   pt->id, hours[a], pt->hours_max);
	}

	/* Rule 6: separations. */
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		for (size_t g = 0; g < ng; g++) {
			long la = line[week_ag(w, s->a, (int)g)];
			long lb = line[week_ag(w, s->b, (int)g)];
			if (la < 0 || lb < 0)
				continue;
			diag_error(out, roster_file, later_line(la, lb), 0, NULL,
				   "rule 6: '%s' and '%s' are separated but share '%s'",
				   c->patients[w->active[s->a]].id,
				   c->patients[w->active[s->b]].id, c->groups[g].id);
		}
	}

	/* Rule 7: pins, in pins.csv order. */
	for (size_t i = 0; i < w->n_pins; i++) {
		const struct active_pin *pn = &w->pins[i];
		long l = line[week_ag(w, pn->a, pn->g)];
		const char *pid = c->patients[w->active[pn->a]].id;
		const char *gid = c->groups[pn->g].id;
		if (pn->rule == PIN_MUST && l < 0)
			diag_error(out, "pins.csv", pn->line, 0, NULL,
				   "rule 7: '%s' is not in '%s' despite a must pin",
				   pid, gid);
		else if (pn->rule == PIN_NEVER && l >= 0)
			diag_error(out, roster_file, l, 0, NULL,
				   "rule 7: '%s' is in '%s' despite a never pin (pins.csv:%ld)",
				   pid, gid, pn->line);
	}

	/* Rule 8: facilitators. */
	for (size_t g = 0; g < ng; g++) {
		if (size[g] == 0)
			continue;
		for (size_t h = g + 1; h < ng; h++) {
			if (size[h] == 0 || !w->facilitator_clash[g * ng + h])
				continue;
			diag_error(out, roster_file, 0, 0, NULL,
				   "rule 8: facilitator '%s' runs '%s' and '%s', whose slots clash",
				   c->groups[g].facilitator, c->groups[g].id, c->groups[h].id);
		}
	}

done:
	free(line);
	free(size);
	free(hours);
	free(first_line);
	return out->n_errors - before;
}

/* rules.c -- the hard-rule checker: one function per rule of the contract,
 * one error per violation. */
#include "rules.h"

#include <stdlib.h>

#include "data/date.h"

/* The roster as the rules see it, tallied once. */
struct tally {
	const struct week *w;
	const struct roster *r;
	const char *file;        /* the roster's file name, may be NULL */
	struct diag_list *out;
	/* at[a * n_groups + g]: the index in r of the first placement of the
	 * pair, -1 when not placed; repeats of a placement are one placement */
	long *at;
	int *size;               /* members per group */
	double *hours;           /* per active patient */
	long *first_line;        /* per active patient: their first placement's line */
	/* per group: the line of its first member, and of the member that
	 * took it past max_size (0 when none) */
	long *group_line, *over_line;
};

/* The line that first places active patient a in g, -1 when not placed. */
static long placed(const struct tally *t, int a, int g)
{
	long i = t->at[week_ag(t->w, a, g)];
	return i < 0 ? -1 : t->r->items[i].line;
}

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

static const char *active_id(const struct week *w, int a)
{
	return w->clinic->patients[w->active[a]].id;
}

/* Placements naming no patient or group of the clinic are no one's
 * business here: the roster reader reports them. */
static bool in_clinic(const struct week *w, const struct placement *pl)
{
	return pl->patient >= 0 && (size_t)pl->patient < w->clinic->n_patients &&
	       pl->group >= 0 && (size_t)pl->group < w->n_groups;
}

static void tally_placements(struct tally *t)
{
	const struct week *w = t->w;
	size_t n = t->r != NULL ? t->r->n : 0;
	for (size_t i = 0; i < n; i++) {
		const struct placement *pl = &t->r->items[i];
		if (!in_clinic(w, pl))
			continue;
		int a = w->active_of[pl->patient], g = pl->group;
		if (a < 0)
			continue;
		size_t ag = week_ag(w, a, g);
		if (t->at[ag] >= 0)
			continue;
		t->at[ag] = (long)i;
		if (t->size[g]++ == 0)
			t->group_line[g] = pl->line;
		if (t->size[g] == w->clinic->groups[g].max_size + 1)
			t->over_line[g] = pl->line;
		t->hours[a] += w->clinic->groups[g].hours;
		if (t->first_line[a] == 0)
			t->first_line[a] = pl->line;
	}
}

/* Rule 1: only active patients, and only eligible pairs. */
static void rule_eligible(const struct tally *t)
{
	const struct week *w = t->w;
	const struct clinic *c = w->clinic;
	char monday[11];
	date_format(w->monday, monday);
	size_t n = t->r != NULL ? t->r->n : 0;
	for (size_t i = 0; i < n; i++) {
		const struct placement *pl = &t->r->items[i];
		if (!in_clinic(w, pl))
			continue;
		int p = pl->patient, g = pl->group;
		int a = w->active_of[p];
		if (a < 0) {
			bool seen = false;
			for (size_t j = 0; j < i && !seen; j++)
				seen = t->r->items[j].patient == p && t->r->items[j].group == g;
			if (!seen)
				diag_error(t->out, t->file, pl->line, 0, NULL,
					   "rule 1: '%s' is not active in the week of %s",
					   c->patients[p].id, monday);
			continue;
		}
		size_t ag = week_ag(w, a, g);
		if (t->at[ag] != (long)i)
			continue; /* the same placement twice is one placement */
		if (w->eligible[ag] || w->pin[ag] == PIN_MARK_NEVER)
			continue; /* a never pin is reported once, as rule 7 */
		int type = c->groups[g].type;
		const char *why;
		char phase[160];
		if (!w->fits[ag] && !group_admits_phase(&c->groups[g], week_phase(w, a))) {
			/* v2: name both weeks, so the director sees which to change */
			char weeks[48];
			group_phase_format(&c->groups[g], weeks, sizeof weeks);
			snprintf(phase, sizeof phase,
				 "the group takes %s and they are in week %d since admission",
				 weeks, week_phase(w, a));
			why = phase;
		} else if (!w->fits[ag])
			why = "the group does not fit their windows or tags";
		else if (w->mastered[(size_t)a * w->n_types + (size_t)type])
			why = "they have mastered";
		else
			why = "they have no need for";
		if (!w->fits[ag])
			diag_error(t->out, t->file, pl->line, 0, NULL,
				   "rule 1: '%s' is not eligible for '%s': %s",
				   c->patients[p].id, c->groups[g].id, why);
		else
			diag_error(t->out, t->file, pl->line, 0, NULL,
				   "rule 1: '%s' is not eligible for '%s': %s type '%s'",
				   c->patients[p].id, c->groups[g].id, why, type_name(w, g));
	}
}

/* Rule 2: a running group has min..max members. Too few: at the group's
 * first member; too many: at the member that took it past its maximum. */
static void rule_sizes(const struct tally *t)
{
	const struct clinic *c = t->w->clinic;
	for (size_t g = 0; g < t->w->n_groups; g++) {
		const struct group *gr = &c->groups[g];
		int size = t->size[g];
		if (size == 0)
			continue;
		if (size < gr->min_size)
			diag_error(t->out, t->file, t->group_line[g], 0, NULL,
				   "rule 2: group '%s' has %d member%s, below its minimum %d",
				   gr->id, size, size == 1 ? "" : "s", gr->min_size);
		else if (size > gr->max_size)
			diag_error(t->out, t->file, t->over_line[g], 0, NULL,
				   "rule 2: group '%s' has %d members, above its maximum %d",
				   gr->id, size, gr->max_size);
	}
}

/* Calls check(t, a, g, h, line) for every pair g < h of groups active
 * patient a is placed in, `line` being the later of the two placements. */
static void each_pair_of_groups(const struct tally *t,
				void (*check)(const struct tally *, size_t a, size_t g, size_t h,
					      long line))
{
	size_t ng = t->w->n_groups;
	for (size_t a = 0; a < t->w->n_active; a++) {
		for (size_t g = 0; g < ng; g++) {
			long lg = placed(t, (int)a, (int)g);
			if (lg < 0)
				continue;
			for (size_t h = g + 1; h < ng; h++) {
				long lh = placed(t, (int)a, (int)h);
				if (lh >= 0)
					check(t, a, g, h, later_line(lg, lh));
			}
		}
	}
}

static void same_type(const struct tally *t, size_t a, size_t g, size_t h, long line)
{
	const struct week *w = t->w;
	const struct group *groups = w->clinic->groups;
	if (groups[g].type == groups[h].type)
		diag_error(t->out, t->file, line, 0, NULL,
			   "rule 3: '%s' is in '%s' and '%s', both of type '%s'",
			   active_id(w, (int)a), groups[g].id, groups[h].id,
			   type_name(w, (int)g));
}

/* Rule 3: at most one group of each type per patient. */
static void rule_one_per_type(const struct tally *t)
{
	each_pair_of_groups(t, same_type);
}

static void clashing(const struct tally *t, size_t a, size_t g, size_t h, long line)
{
	const struct week *w = t->w;
	const struct group *groups = w->clinic->groups;
	if (w->clash[g * w->n_groups + h])
		diag_error(t->out, t->file, line, 0, NULL,
			   "rule 4: '%s' is in '%s' and '%s', whose slots clash",
			   active_id(w, (int)a), groups[g].id, groups[h].id);
}

/* Rule 4: no patient in two groups whose slots clash. */
static void rule_no_clash(const struct tally *t)
{
	each_pair_of_groups(t, clashing);
}

/* Rule 5: weekly hours never exceed hours_max. */
static void rule_hours(const struct tally *t)
{
	const struct week *w = t->w;
	for (size_t a = 0; a < w->n_active; a++) {
		const struct patient *pt = &w->clinic->patients[w->active[a]];
		if (t->hours[a] > pt->hours_max + HOURS_EPS)
			diag_error(t->out, t->file, t->first_line[a], 0, NULL,
				   "rule 5: '%s' has %g hours, above their maximum %g",
				   pt->id, t->hours[a], pt->hours_max);
	}
}

/* Rule 6: separated pairs never share a group. */
static void rule_separations(const struct tally *t)
{
	const struct week *w = t->w;
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		for (size_t g = 0; g < w->n_groups; g++) {
			long la = placed(t, s->a, (int)g);
			long lb = placed(t, s->b, (int)g);
			if (la < 0 || lb < 0)
				continue;
			diag_error(t->out, t->file, later_line(la, lb), 0, NULL,
				   "rule 6: '%s' and '%s' are separated but share '%s'",
				   active_id(w, s->a), active_id(w, s->b),
				   w->clinic->groups[g].id);
		}
	}
}

/* Rule 7: every must pin holds, no never pin is broken; in pins.csv order. */
static void rule_pins(const struct tally *t)
{
	const struct week *w = t->w;
	for (size_t i = 0; i < w->n_pins; i++) {
		const struct active_pin *pn = &w->pins[i];
		long l = placed(t, pn->a, pn->g);
		const char *pid = active_id(w, pn->a);
		const char *gid = w->clinic->groups[pn->g].id;
		if (pn->rule == PIN_MUST && l < 0)
			diag_error(t->out, "pins.csv", pn->line, 0, NULL,
				   "rule 7: '%s' is not in '%s' despite a must pin",
				   pid, gid);
		else if (pn->rule == PIN_NEVER && l >= 0)
			diag_error(t->out, t->file, l, 0, NULL,
				   "rule 7: '%s' is in '%s' despite a never pin (pins.csv:%ld)",
				   pid, gid, pn->line);
	}
}

/* Rule 8: no facilitator runs two groups with clashing slots; at the
 * first member of whichever group the file starts later. */
static void rule_facilitators(const struct tally *t)
{
	const struct week *w = t->w;
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups;
	for (size_t g = 0; g < ng; g++) {
		if (t->size[g] == 0)
			continue;
		for (size_t h = g + 1; h < ng; h++) {
			if (t->size[h] == 0 || !w->facilitator_clash[g * ng + h])
				continue;
			diag_error(t->out, t->file, later_line(t->group_line[g], t->group_line[h]),
				   0, NULL, "rule 8: facilitator '%s' runs '%s' and '%s', whose slots clash",
				   c->groups[g].facilitator, c->groups[g].id, c->groups[h].id);
		}
	}
}

/* The contract's order, which is the order of the messages. */
static void (*const rules[])(const struct tally *) = {
	rule_eligible, rule_sizes, rule_one_per_type, rule_no_clash,
	rule_hours, rule_separations, rule_pins, rule_facilitators,
};

size_t rules_check(const struct week *w, const struct roster *r,
		   const char *roster_file, struct diag_list *out)
{
	return rules_check_skip(w, r, roster_file, 0, out);
}

size_t rules_check_skip(const struct week *w, const struct roster *r,
			const char *roster_file, unsigned skip, struct diag_list *out)
{
	size_t na = w->n_active, ng = w->n_groups;
	size_t before = out->n_errors;
	struct tally t = {
		.w = w,
		.r = r,
		.file = roster_file,
		.out = out,
	};
	t.at = malloc((na * ng + 1) * sizeof *t.at);
	t.size = calloc(ng + 1, sizeof *t.size);
	t.hours = calloc(na + 1, sizeof *t.hours);
	t.first_line = calloc(na + 1, sizeof *t.first_line);
	t.group_line = calloc(ng + 1, sizeof *t.group_line);
	t.over_line = calloc(ng + 1, sizeof *t.over_line);
	if (t.at == NULL || t.size == NULL || t.hours == NULL || t.first_line == NULL ||
	    t.group_line == NULL || t.over_line == NULL) {
		diag_error(out, NULL, 0, 0, NULL, "out of memory while checking the roster");
		goto done;
	}
	for (size_t i = 0; i < na * ng; i++)
		t.at[i] = -1;
	tally_placements(&t);
	for (size_t k = 0; k < sizeof rules / sizeof *rules; k++)
		if (!(skip & (1u << (k + 1))))
			rules[k](&t);
done:
	free(t.at);
	free(t.size);
	free(t.hours);
	free(t.first_line);
	free(t.group_line);
	free(t.over_line);
	return out->n_errors - before;
}

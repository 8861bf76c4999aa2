/* explanation.c -- one patient's week explained type by type, group by group. */
#include "explanation.h"

#include <stdlib.h>
#include <string.h>

#include "data/billing_text.h"
#include "data/fit.h"

const char *inactive_why_name(enum inactive_why w)
{
	switch (w) {
	case INACTIVE_NONE: return "active";
	case INACTIVE_NOT_YET: return "not-yet-admitted";
	case INACTIVE_DISCHARGED: return "discharged";
	case INACTIVE_AWAY: return "away";
	}
	return "unknown";
}

static enum inactive_why why_inactive(const struct patient *p, day_t monday)
{
	if (p->admitted > monday + 6)
		return INACTIVE_NOT_YET;
	if (p->discharge != DAY_NONE && p->discharge < monday)
		return INACTIVE_DISCHARGED;
	return INACTIVE_AWAY;
}

/* Fills one group's line of a type: why the patient is not in it (or is),
 * and what its seats went to. `seen` marks the roster's placements once. */
static void explain_group(const struct week *w, const struct roster *r, int a, int g,
			  const bool *seen, const int *members, double hours,
			  const struct type_explanation *te, struct group_explanation *ge)
{
	const struct clinic *c = w->clinic;
	const struct group *gr = &c->groups[g];
	const struct patient *p = &c->patients[w->active[a]];
	size_t nt = w->n_types;
	int other = -1;
	ge->group = g;
	ge->cause = reasons_group_cause(w, r, a, g, &other);
	ge->other_group = -1;
	ge->other_patient = -1;
	ge->members = members[g];
	ge->min_size = gr->min_size;
	ge->max_size = gr->max_size;
	ge->hours_now = hours;
	ge->hours_with = hours + gr->hours;
	switch (ge->cause) {
	case CAUSE_TYPE_TAKEN:
		ge->left = w->previous[week_ag(w, a, g)];
		if (ge->left && members[g] == 0)
			reasons_not_running(w, r, g, &ge->not_running);
		/* fall through */
	case CAUSE_CLASH:
		ge->other_group = other;
		break;
	case CAUSE_NOT_RUNNING:
		reasons_not_running(w, r, g, &ge->not_running);
		break;
	case CAUSE_SEPARATION:
		ge->other_patient = other >= 0 ? w->active[other] : -1;
		break;
	case CAUSE_NO_FIT:
		ge->windows_misfit = !group_fits_windows(gr, p);
		ge->phase_misfit = !ge->windows_misfit &&
			!group_admits_phase(gr, week_phase(w, a));
		break;
	case CAUSE_TRADE_OFF:
		ge->add_gain = reasons_gain_of_adding(w, r, a, g);
		break;
	case CAUSE_PINNED_OUT:
		for (size_t i = 0; i < w->n_pins; i++)
			if (w->pins[i].a == a && w->pins[i].g == g && w->pins[i].rule == PIN_NEVER)
				ge->pin_line = w->pins[i].line;
		break;
	default:
		break;
	}
	/* What the seats went to, and who could have filled it. */
	for (size_t b = 0; b < w->n_active; b++) {
		size_t bg = week_ag(w, (int)b, g);
		if (seen[bg]) {
			if (w->need[b * nt + (size_t)gr->type] >= te->need)
				ge->members_need_at_least++;
			if (w->previous[bg])
				ge->members_kept++;
		}
		if (w->eligible[bg])
			ge->eligible++;
	}
}

static const char *gr_id(const struct clinic *c, int g)
{
	return c->groups[g].id;
}

/* One type's section: the need, the group given, and a line per group of
 * the type. False when memory ran out. */
static bool explain_type(const struct week *w, const struct roster *r, int a, int t,
			 const bool *seen, const int *members, const bool *in,
			 const struct move_context *mc, const struct explanation *out,
			 struct type_explanation *te)
{
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups, nt = w->n_types;
	te->type = t;
	te->rated = c->patients[out->patient].need[t];
	te->need = w->need[(size_t)a * nt + (size_t)t];
	te->mastered = w->mastered[(size_t)a * nt + (size_t)t];
	progress_latest(c, out->patient, t, w->monday, &te->mastery_score, &te->mastery_date);
	te->given = -1;
	te->previous = -1;
	for (size_t i = 0; i < out->unmet.n; i++)
		if (out->unmet.items[i].a == a && out->unmet.items[i].type == t)
			te->unmet = &out->unmet.items[i];
	size_t n_of_type = 0;
	for (size_t g = 0; g < ng; g++)
		n_of_type += c->groups[g].type == t;
	te->groups = calloc(n_of_type + 1, sizeof *te->groups);
	if (te->groups == NULL)
		return false;
	for (size_t g = 0; g < ng; g++) {
		if (c->groups[g].type != t)
			continue;
		size_t ag = week_ag(w, a, (int)g);
		if (in[g] && te->given < 0) {
			te->given = (int)g;
			te->given_kept = w->previous[ag];
			te->given_pinned = w->pin[ag] == PIN_MARK_MUST;
		}
		if (w->previous[ag] && (te->previous < 0 ||
					strcmp(gr_id(c, (int)g), gr_id(c, te->previous)) < 0))
			te->previous = (int)g;
		explain_group(w, r, a, (int)g, seen, members, out->hours, te,
			      &te->groups[te->n_groups++]);
	}
	/* Last week's group is the lowest id, as changes.c compares; the
	 * move's reason is the report's. */
	if (te->previous != te->given) {
		te->has_move = true;
		if (move_reason_of(mc, out->patient, t, te->previous, te->given, &te->move) !=
		    STATUS_OK)
			return false;
	}
	return true;
}

/* The roster as the week sees it: a placement counts once. Marks seen[ag],
 * counts members per group, and the patient's own groups and hours. */
static void tally_roster(const struct week *w, const struct roster *r, int a,
			 bool *seen, int *members, bool *in, double *hours)
{
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups;
	for (size_t i = 0; i < r->n; i++) {
		int q = r->items[i].patient, g = r->items[i].group;
		if (q < 0 || (size_t)q >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int b = w->active_of[q];
		if (b < 0 || seen[week_ag(w, b, g)])
			continue;
		seen[week_ag(w, b, g)] = true;
		members[g]++;
		if (b == a) {
			in[g] = true;
			*hours += c->groups[g].hours;
		}
	}
}

/* A patient not planned this week: why, and their ratings and scores. */
static void explain_inactive(const struct week *w, int patient, struct explanation *out)
{
	const struct clinic *c = w->clinic;
	const struct patient *p = &c->patients[patient];
	out->inactive = why_inactive(p, w->monday);
	for (size_t t = 0; t < w->n_types; t++) {
		out->types[t].type = (int)t;
		out->types[t].rated = p->need[t];
		out->types[t].given = -1;
		progress_latest(c, patient, (int)t, w->monday, &out->types[t].mastery_score,
			     &out->types[t].mastery_date);
	}
}

enum status explanation_build(const struct week *w, const struct roster *r,
			      int patient, struct explanation *out)
{
	memset(out, 0, sizeof *out);
	const struct patient *p = &w->clinic->patients[patient];
	size_t ng = w->n_groups, nt = w->n_types;
	out->patient = patient;
	out->a = w->active_of[patient];
	out->hours_min = p->hours_min;
	out->hours_max = p->hours_max;
	out->n_types = nt;
	out->types = calloc(nt + 1, sizeof *out->types);
	int *members = calloc(ng + 1, sizeof *members);
	bool *in = calloc(ng + 1, sizeof *in);
	bool *seen = NULL;
	if (out->types == NULL || members == NULL || in == NULL)
		goto no_memory;

	int a = out->a;
	if (a < 0) {
		explain_inactive(w, patient, out);
		free(members);
		free(in);
		return STATUS_OK;
	}
	out->weeks_in = w->weeks_in[a];
	out->is_new = w->is_new[a];
	out->advanced = w->advanced[a];

	seen = calloc(w->n_active * ng + 1, sizeof *seen);
	if (seen == NULL)
		goto no_memory;
	tally_roster(w, r, a, seen, members, in, &out->hours);
	billing_of_roster(w, r, a, &out->billing);
	if (reasons_compute(w, r, &out->unmet) != STATUS_OK)
		goto no_memory;
	struct move_context mc;
	bool ok = move_context_init(&mc, w, r) == STATUS_OK;
	for (size_t t = 0; ok && t < nt; t++)
		ok = explain_type(w, r, a, (int)t, seen, members, in, &mc, out, &out->types[t]);
	move_context_release(&mc);
	if (!ok)
		goto no_memory;
	free(seen);
	free(members);
	free(in);
	return STATUS_OK;

no_memory:
	free(seen);
	free(members);
	free(in);
	explanation_release(out);
	return STATUS_NO_MEMORY;
}

void explanation_release(struct explanation *e)
{
	if (e == NULL)
		return;
	for (size_t t = 0; e->types != NULL && t < e->n_types; t++)
		free(e->types[t].groups);
	free(e->types);
	unmet_list_release(&e->unmet);
	memset(e, 0, sizeof *e);
}

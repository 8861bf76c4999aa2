/* reasons.c -- why each unmet need is unmet, and group-by-group causes. */
#include "reasons.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

/* Details name at most this many groups, so a line stays readable. */
#define DETAIL_GROUPS 6

const char *group_cause_name(enum group_cause c)
{
	switch (c) {
	case CAUSE_GIVEN: return "given";
	case CAUSE_NO_FIT: return "no-fit";
	case CAUSE_PINNED_OUT: return "pinned-out";
	case CAUSE_NO_NEED: return "no-need";
	case CAUSE_CLASH: return "clash";
	case CAUSE_HOURS: return "hours";
	case CAUSE_SEPARATION: return "separation";
	case CAUSE_FULL: return "full";
	case CAUSE_NOT_RUNNING: return "not-running";
	case CAUSE_TRADE_OFF: return "trade-off";
	case CAUSE_TYPE_TAKEN: return "type-taken";
	}
	return "unknown";
}

/* The roster seen from the week: membership, sizes and hours. */
struct view {
	const struct week *w;
	const struct roster *r;
	bool *in;      /* [a * n_groups + g] */
	int *size;     /* [g] */
	double *hours; /* [a] */
	/* per patient, ascending: the groups it is in; its separated
	 * partners in the order of the separations (so causes are found
	 * without a pass over every group or separation) */
	size_t *in_start; int *in_g;
	size_t *sep_start; int *sep_p;
};

static void view_release(struct view *v)
{
	free(v->in);
	free(v->size);
	free(v->hours);
	free(v->in_start);
	free(v->in_g);
	free(v->sep_start);
	free(v->sep_p);
}

static bool view_init(struct view *v, const struct week *w, const struct roster *r)
{
	size_t na = w->n_active, ng = w->n_groups;
	const struct clinic *c = w->clinic;
	v->w = w;
	v->r = r;
	v->in = calloc(na * ng + 1, sizeof *v->in);
	v->size = calloc(ng + 1, sizeof *v->size);
	v->hours = calloc(na + 1, sizeof *v->hours);
	v->in_start = calloc(na + 2, sizeof *v->in_start);
	v->sep_start = calloc(na + 2, sizeof *v->sep_start);
	v->in_g = NULL;
	v->sep_p = malloc((2 * w->n_separations + 1) * sizeof *v->sep_p);
	if (v->in == NULL || v->size == NULL || v->hours == NULL || v->in_start == NULL ||
	    v->sep_start == NULL || v->sep_p == NULL) {
		view_release(v);
		return false;
	}
	for (size_t i = 0; r != NULL && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int a = w->active_of[p];
		if (a < 0 || v->in[week_ag(w, a, g)])
			continue;
		v->in[week_ag(w, a, g)] = true;
		v->size[g]++;
		v->hours[a] += c->groups[g].hours;
	}
	size_t n_in = 0;
	for (size_t a = 0; a < na; a++)
		for (size_t g = 0; g < ng; g++)
			n_in += v->in[a * ng + g];
	v->in_g = malloc((n_in + 1) * sizeof *v->in_g);
	if (v->in_g == NULL) {
		view_release(v);
		return false;
	}
	n_in = 0;
	for (size_t a = 0; a < na; a++) {
		v->in_start[a] = n_in;
		for (size_t g = 0; g < ng; g++)
			if (v->in[a * ng + g])
				v->in_g[n_in++] = (int)g;
	}
	v->in_start[na] = n_in;
	/* counting sort of the partners by patient, stable in separation order */
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		if (s->a >= 0 && (size_t)s->a < na)
			v->sep_start[s->a + 1]++;
		if (s->b >= 0 && (size_t)s->b < na && s->b != s->a)
			v->sep_start[s->b + 1]++;
	}
	for (size_t a = 0; a < na; a++)
		v->sep_start[a + 1] += v->sep_start[a];
	size_t *fill = v->sep_start + 0;
	size_t *pos = malloc((na + 1) * sizeof *pos);
	if (pos == NULL) {
		view_release(v);
		return false;
	}
	memcpy(pos, fill, (na + 1) * sizeof *pos);
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		if (s->a >= 0 && (size_t)s->a < na)
			v->sep_p[pos[s->a]++] = s->b;
		if (s->b >= 0 && (size_t)s->b < na && s->b != s->a)
			v->sep_p[pos[s->b]++] = s->a;
	}
	free(pos);
	return true;
}

static enum group_cause view_cause(const struct view *v, int a, int g, int *other)
{
	const struct week *w = v->w;
	const struct clinic *c = w->clinic;
	const struct group *gr = &c->groups[g];
	size_t ng = w->n_groups, ag = week_ag(w, a, g);
	*other = -1;
	if (v->in[ag])
		return CAUSE_GIVEN;
	if (!w->fits[ag])
		return CAUSE_NO_FIT;
	if (w->pin[ag] == PIN_MARK_NEVER)
		return CAUSE_PINNED_OUT;
	if (!w->eligible[ag])
		return CAUSE_NO_NEED;
	for (size_t i = v->in_start[a]; i < v->in_start[a + 1]; i++) {
		int h = v->in_g[i];
		if (c->groups[h].type == gr->type) {
			*other = h;
			return CAUSE_TYPE_TAKEN;
		}
	}
	for (size_t i = v->in_start[a]; i < v->in_start[a + 1]; i++) {
		int h = v->in_g[i];
		if (w->clash[(size_t)g * ng + (size_t)h]) {
			*other = h;
			return CAUSE_CLASH;
		}
	}
	if (v->hours[a] + gr->hours > c->patients[w->active[a]].hours_max + HOURS_EPS)
		return CAUSE_HOURS;
	for (size_t i = v->sep_start[a]; i < v->sep_start[a + 1]; i++) {
		int partner = v->sep_p[i];
		if (partner >= 0 && v->in[week_ag(w, partner, g)]) {
			*other = partner;
			return CAUSE_SEPARATION;
		}
	}
	if (v->size[g] >= gr->max_size)
		return CAUSE_FULL;
	if (v->size[g] == 0)
		return CAUSE_NOT_RUNNING;
	return CAUSE_TRADE_OFF;
}

enum group_cause reasons_group_cause(const struct week *w, const struct roster *r,
				     int a, int g, int *other)
{
	int dummy;
	if (other == NULL)
		other = &dummy;
	struct view v;
	if (!view_init(&v, w, r)) {
		*other = -1;
		return CAUSE_TRADE_OFF; /* no memory: claim nothing specific */
	}
	enum group_cause cause = view_cause(&v, a, g, other);
	view_release(&v);
	return cause;
}

static void view_not_running(const struct view *v, int g, struct not_running *out)
{
	const struct week *w = v->w;
	const struct clinic *c = w->clinic;
	const struct group *gr = &c->groups[g];
	size_t ng = w->n_groups;
	*out = (struct not_running){ .why = NOT_RUNNING_CLOSED, .min_size = gr->min_size,
				     .facilitator_group = -1 };
	for (size_t a = 0; a < w->n_active; a++) {
		if (!w->eligible[week_ag(w, (int)a, g)])
			continue;
		out->eligible++;
		for (size_t i = v->in_start[a]; i < v->in_start[a + 1]; i++)
			if (c->groups[v->in_g[i]].type == gr->type) {
				out->taken++;
				break;
			}
	}
	if (out->eligible < gr->min_size) {
		out->why = NOT_RUNNING_FEW_ELIGIBLE;
		return;
	}
	for (size_t h = 0; h < ng; h++) {
		if (v->size[h] > 0 && w->facilitator_clash[(size_t)g * ng + h]) {
			out->why = NOT_RUNNING_FACILITATOR;
			out->facilitator_group = (int)h;
			return;
		}
	}
}

void reasons_not_running(const struct week *w, const struct roster *r, int g,
			 struct not_running *out)
{
	struct view v;
	if (!view_init(&v, w, r)) {
		*out = (struct not_running){ .why = NOT_RUNNING_CLOSED,
					     .min_size = w->clinic->groups[g].min_size,
					     .facilitator_group = -1 };
		return;
	}
	view_not_running(&v, g, out);
	view_release(&v);
}

static const char *patients_word(int n)
{
	return n == 1 ? "patient" : "patients";
}

void reasons_not_running_text(const struct week *w, const struct not_running *nr,
			      int g, char *buf, size_t size)
{
	const struct clinic *c = w->clinic;
	const struct group *gr = &c->groups[g];
	switch (nr->why) {
	case NOT_RUNNING_FEW_ELIGIBLE:
		if (nr->eligible == 0)
			snprintf(buf, size, "no patient can join, it needs %d", nr->min_size);
		else
			snprintf(buf, size, "only %d %s can join, it needs %d", nr->eligible,
				 patients_word(nr->eligible), nr->min_size);
		break;
	case NOT_RUNNING_FACILITATOR:
		snprintf(buf, size, "its facilitator runs %s at the same time",
			 nr->facilitator_group >= 0 ? c->groups[nr->facilitator_group].id
						    : "another group");
		break;
	case NOT_RUNNING_CLOSED:
		if (nr->taken > 1 && nr->taken == nr->eligible)
			snprintf(buf, size,
				 "the optimiser closed it: %d patients can join, all are in "
				 "another %s group, it needs %d",
				 nr->eligible, c->type_names[gr->type], nr->min_size);
		else if (nr->taken > 0)
			snprintf(buf, size,
				 "the optimiser closed it: %d %s can join, %d of them %s in "
				 "another %s group, it needs %d",
				 nr->eligible, patients_word(nr->eligible), nr->taken,
				 nr->taken == 1 ? "is" : "are", c->type_names[gr->type],
				 nr->min_size);
		else
			snprintf(buf, size,
				 "the optimiser closed it: %d %s can join, it needs %d",
				 nr->eligible, patients_word(nr->eligible), nr->min_size);
		break;
	}
}

double reasons_gain_of_adding(const struct week *w, const struct roster *r, int a, int g)
{
	struct roster with = { 0 };
	bool ok = true;
	for (size_t i = 0; ok && r != NULL && i < r->n; i++)
		ok = roster_add(&with, r->items[i].patient, r->items[i].group, 0);
	ok = ok && roster_add(&with, w->active[a], g, 0);
	struct score_terms before, after;
	score_roster(w, r, &before);
	score_roster(w, &with, &after);
	roster_release(&with);
	/* No memory: claim no gain rather than a wrong one. */
	return ok ? after.total - before.total : 0;
}

/* "adding them scores 17 more": an open seat's worth, said plainly. */
static void gain_text(double gain, char *buf, size_t size)
{
	double g = round(gain * 100.0) / 100.0;
	if (g > 0)
		snprintf(buf, size, "adding them scores %g more", g);
	else if (g < 0)
		snprintf(buf, size, "adding them scores %g less", -g);
	else
		snprintf(buf, size, "adding them scores the same");
}

/* Appends "; " (when not first) and one group's cause to buf. */
static void detail_append(char *buf, size_t size, const struct view *v, int a,
			  int g, enum group_cause cause, int other)
{
	const struct clinic *c = v->w->clinic;
	const char *gid = c->groups[g].id;
	size_t len = strlen(buf);
	const char *sep = len > 0 ? "; " : "";
	switch (cause) {
	case CAUSE_CLASH:
		snprintf(buf + len, size - len, "%s%s: clash with %s", sep, gid,
			 c->groups[other].id);
		break;
	case CAUSE_HOURS:
		snprintf(buf + len, size - len, "%s%s: would pass %g hours", sep, gid,
			 c->patients[v->w->active[a]].hours_max);
		break;
	case CAUSE_SEPARATION:
		snprintf(buf + len, size - len, "%s%s: separated partner", sep, gid);
		break;
	case CAUSE_FULL:
		snprintf(buf + len, size - len, "%s%s: full", sep, gid);
		break;
	case CAUSE_NOT_RUNNING: {
		struct not_running nr;
		char why[256];
		view_not_running(v, g, &nr);
		reasons_not_running_text(v->w, &nr, g, why, sizeof why);
		snprintf(buf + len, size - len, "%s%s: not running, %s", sep, gid, why);
		break;
	}
	default: {
		char gain[64];
		gain_text(reasons_gain_of_adding(v->w, v->r, a, g), gain, sizeof gain);
		snprintf(buf + len, size - len, "%s%s: open, %s", sep, gid, gain);
		break;
	}
	}
}

static enum unmet_reason reason_of(enum group_cause c)
{
	switch (c) {
	case CAUSE_CLASH: return REASON_CLASH;
	case CAUSE_HOURS: return REASON_HOURS;
	case CAUSE_SEPARATION: return REASON_SEPARATION;
	case CAUSE_FULL: return REASON_FULL;
	case CAUSE_NOT_RUNNING: return REASON_NOT_RUNNING;
	default: return REASON_TRADE_OFF;
	}
}

enum status reasons_compute(const struct week *w, const struct roster *r,
			    struct unmet_list *out)
{
	const struct clinic *c = w->clinic;
	size_t na = w->n_active, ng = w->n_groups, nt = w->n_types;
	struct view v;
	if (!view_init(&v, w, r))
		return STATUS_NO_MEMORY;
	enum status st = STATUS_OK;
	char detail[2048];

	for (size_t a = 0; a < na && st == STATUS_OK; a++) {
		for (size_t t = 0; t < nt; t++) {
			int need = w->need[a * nt + t];
			if (need <= 0)
				continue;
			bool has = false, exists = false, fits = false, open_pin = false;
			for (size_t g = 0; g < ng; g++) {
				if ((size_t)c->groups[g].type != t)
					continue;
				exists = true;
				size_t ag = week_ag(w, (int)a, (int)g);
				has = has || v.in[ag];
				fits = fits || w->fits[ag];
				open_pin = open_pin || (w->fits[ag] && w->pin[ag] != PIN_MARK_NEVER);
			}
			if (has)
				continue;
			enum unmet_reason reason;
			bool with_detail = false;
			if (!exists) {
				reason = REASON_NO_GROUP;
			} else if (!fits) {
				reason = REASON_NO_FIT;
			} else if (!open_pin) {
				reason = REASON_PINNED_OUT;
			} else {
				/* One cause for every fitting group names the reason;
				 * mixed causes (or an open group) are a trade-off. */
				bool first = true, same = true;
				enum group_cause common = CAUSE_TRADE_OFF;
				size_t listed = 0, more = 0;
				detail[0] = '\0';
				for (size_t g = 0; g < ng; g++) {
					size_t ag = week_ag(w, (int)a, (int)g);
					if ((size_t)c->groups[g].type != t || !w->fits[ag] ||
					    w->pin[ag] == PIN_MARK_NEVER)
						continue;
					int other;
					enum group_cause cause = view_cause(&v, (int)a, (int)g, &other);
					if (first)
						common = cause;
					else if (cause != common)
						same = false;
					first = false;
					if (listed < DETAIL_GROUPS) {
						detail_append(detail, sizeof detail, &v, (int)a,
							      (int)g, cause, other);
						listed++;
					} else {
						more++;
					}
				}
				if (more > 0) {
					size_t len = strlen(detail);
					snprintf(detail + len, sizeof detail - len,
						 "; %zu more", more);
				}
				reason = same ? reason_of(common) : REASON_TRADE_OFF;
				with_detail = true;
			}
			if (!unmet_add(out, (int)a, (int)t, need, reason,
				       with_detail ? detail : NULL)) {
				st = STATUS_NO_MEMORY;
				break;
			}
		}
	}
	view_release(&v);
	return st;
}

/* attention.c -- what a director must act on this week, first in every view. */
#include "attention.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "plural.h"
#include "data/base/grow.h"
#include "data/base/strbuf.h"
#include "data/billing_text.h"
#include "data/date.h"
#include "solver/reasons.h"

static const char *const kind_names[] = {
	[ATTENTION_NO_GROUP] = "no-group",
	[ATTENTION_BELOW_HOURS] = "below-hours",
	[ATTENTION_NOT_BILLABLE] = "not-billable",
	[ATTENTION_STARTS] = "starts",
	[ATTENTION_LEAVES] = "leaves",
	[ATTENTION_MISSED_WEEKS] = "missed-two-weeks",
	[ATTENTION_AT_MINIMUM] = "at-minimum",
	[ATTENTION_NOT_RUNNING] = "not-running",
	[ATTENTION_WARNING] = "warning",
};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == ATTENTION_KIND_COUNT,
	       "every attention kind has a name");

static const char *const kind_titles[] = {
	[ATTENTION_NO_GROUP] = "In no group",
	[ATTENTION_BELOW_HOURS] = "Below their hours minimum",
	[ATTENTION_NOT_BILLABLE] = "Not billable",
	[ATTENTION_STARTS] = "Starting this week",
	[ATTENTION_LEAVES] = "Leaving this week",
	[ATTENTION_MISSED_WEEKS] = "Missed every session of the last two weeks",
	[ATTENTION_AT_MINIMUM] = "Groups at their minimum",
	[ATTENTION_NOT_RUNNING] = "Groups not running",
	[ATTENTION_WARNING] = "Data warnings",
};
_Static_assert(sizeof kind_titles / sizeof kind_titles[0] == ATTENTION_KIND_COUNT,
	       "every attention kind has a title");

const char *attention_kind_name(enum attention_kind k)
{
	return (int)k >= 0 && (int)k < ATTENTION_KIND_COUNT ? kind_names[k] : "unknown";
}

const char *attention_kind_title(enum attention_kind k)
{
	return (int)k >= 0 && (int)k < ATTENTION_KIND_COUNT ? kind_titles[k] : "Other";
}

bool attention_add(struct attention_list *l, enum attention_kind kind, int patient,
		   int group, const char *text, const char *fix)
{
	if (!GROW(l->items, l->n + 1, l->cap))
		return false;
	char *t = strdup(text ? text : "");
	char *f = fix ? strdup(fix) : NULL;
	if (t == NULL || (fix && f == NULL)) {
		free(t);
		free(f);
		return false;
	}
	l->items[l->n] = (struct attention_item){
		.kind = kind, .patient = patient, .group = group, .text = t, .fix = f, .seq = l->n,
	};
	l->n++;
	return true;
}

static int cmp_item(const void *p, const void *q)
{
	const struct attention_item *x = p, *y = q;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void attention_sort(struct attention_list *l)
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof *l->items, cmp_item);
	for (size_t i = 0; i < l->n; i++)
		l->items[i].seq = i;
}

size_t attention_count(const struct attention_list *l, enum attention_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->items[i].kind == k;
	return n;
}

/* What would help with an unmet need, by its reason; NULL when the
 * optimiser chose (explain then shows each group's cause). */
static const char *unmet_fix(enum unmet_reason r)
{
	switch (r) {
	case REASON_NO_GROUP: return "offer a group of the type in groups.csv";
	case REASON_NO_FIT: return "add a group at a time they can come, or review their availability and tags";
	case REASON_PINNED_OUT: return "review their never pins in pins.csv";
	case REASON_CLASH: return "move one of the clashing sessions";
	case REASON_HOURS: return "raise their hours_max, or shorten a group";
	case REASON_SEPARATION: return "review separations.csv";
	case REASON_FULL: return "raise max_size of a group that fits them, or add a group";
	case REASON_NOT_RUNNING: return "see the groups not running";
	case REASON_TRADE_OFF: return NULL;
	}
	return NULL;
}

/* The roster as each active patient sees it. */
struct patient_week {
	const struct week *w;
	const struct unmet_list *unmet; /* may be NULL */
	const double *hours;      /* [a] weekly hours of their groups */
	const int *groups;        /* [a] how many groups they are in */
};

/* A patient in no group or short of hours: what their week lacks and the
 * fix of their first unmet need, "in no group: 0 h, wants at least 12 h;
 * unmet skills (no-fit)". */
static bool add_patient_hours(struct attention_list *l, const struct patient_week *pw, int a,
			      struct strbuf *b)
{
	const struct week *w = pw->w;
	const struct clinic *c = w->clinic;
	const struct patient *p = &c->patients[w->active[a]];
	bool none = pw->groups[a] == 0;
	char have[32], want[32];
	billing_hours_format(pw->hours[a], have, sizeof have);
	billing_hours_format(p->hours_min, want, sizeof want);
	strbuf_reset(b);
	if (none)
		strbuf_puts(b, p->hours_min > 0 ? "in no group: 0 h" : "in no group");
	else
		strbuf_printf(b, "%s h of groups", have);
	if (p->hours_min > 0)
		strbuf_printf(b, ", wants at least %s h", want);
	const char *fix = NULL;
	bool any = false;
	for (size_t i = 0; pw->unmet && i < pw->unmet->n; i++) {
		const struct unmet *u = &pw->unmet->items[i];
		if (u->a != a)
			continue;
		strbuf_printf(b, "%s %s (%s)", any ? "," : "; unmet", c->type_names[u->type],
			      unmet_reason_name(u->reason));
		if (!any)
			fix = unmet_fix(u->reason);
		any = true;
	}
	/* without the unmet list nothing can be said about needs */
	if (!any && pw->unmet) {
		strbuf_puts(b, none ? "; no need left (each is 0 or mastered)" : "; every need is met");
		fix = none ? "review their needs, or their discharge date"
			   : "lower their hours_min, or add a need";
	}
	if (b->failed)
		return false;
	return attention_add(l, none ? ATTENTION_NO_GROUP : ATTENTION_BELOW_HOURS, w->active[a], -1,
			     b->data, fix);
}

static bool add_patients(struct attention_list *l, const struct attention_input *in,
			 struct strbuf *b)
{
	const struct week *w = in->week;
	const struct clinic *c = w->clinic;
	const struct roster *r = in->roster;
	size_t na = w->n_active;
	double *hours = calloc(na + 1, sizeof *hours);
	int *groups = calloc(na + 1, sizeof *groups);
	bool ok = hours && groups;
	for (size_t i = 0; ok && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= w->n_groups)
			continue;
		int a = w->active_of[p];
		if (a < 0)
			continue;
		hours[a] += c->groups[g].hours;
		groups[a]++;
	}
	struct patient_week pw = { w, in->unmet, hours, groups };
	/* a patient in no group or short of hours, once */
	for (size_t a = 0; ok && a < na; a++) {
		const struct patient *p = &c->patients[w->active[a]];
		if (groups[a] == 0 || hours[a] < p->hours_min - HOURS_EPS)
			ok = add_patient_hours(l, &pw, (int)a, b);
	}
	/* a patient in no group is plainly not billable: said once, above */
	struct billing *bills = NULL;
	if (ok && c->settings.billable_days > 0) {
		ok = (bills = calloc(na + 1, sizeof *bills)) != NULL;
		if (ok)
			billing_of_roster_all(w, r, bills);
	}
	/* what a director can do this week: the rule counts hours per day,
	 * so the fix is sessions on the same days, which a pin can force */
	char bill_fix[160];
	snprintf(bill_fix, sizeof bill_fix,
		 "pin them to groups that together make %g h a day on %d days (pins.csv)",
		 c->settings.billable_day_hours, c->settings.billable_days);
	for (size_t a = 0; ok && bills && a < na; a++) {
		if (bills[a].billable || groups[a] == 0)
			continue;
		char text[256];
		billing_text(w, &bills[a], text, sizeof text);
		ok = attention_add(l, ATTENTION_NOT_BILLABLE, w->active[a], -1, text, bill_fix);
	}
	free(bills);
	for (size_t a = 0; ok && a < na; a++) {
		const struct patient *p = &c->patients[w->active[a]];
		char day[11], text[64];
		if (w->is_new[a]) {
			date_format(p->admitted, day);
			snprintf(text, sizeof text, "new this week (admitted %s)", day);
			ok = attention_add(l, ATTENTION_STARTS, w->active[a], -1, text, NULL);
		}
		if (ok && p->discharge != DAY_NONE && p->discharge >= w->monday &&
		    p->discharge <= w->monday + 6) {
			date_format(p->discharge, day);
			snprintf(text, sizeof text, "leaves this week (discharge %s)", day);
			ok = attention_add(l, ATTENTION_LEAVES, w->active[a], -1, text, NULL);
		}
	}
	free(hours);
	free(groups);
	return ok;
}

static const char *not_running_fix(enum not_running_why why)
{
	switch (why) {
	case NOT_RUNNING_FEW_ELIGIBLE:
		return "lower its min_size, or move it to a time more patients can come";
	case NOT_RUNNING_FACILITATOR:
		return "give it another facilitator, or move one of the two sessions";
	case NOT_RUNNING_CLOSED:
		return NULL;
	}
	return NULL;
}

/* Running groups one absence takes below their minimum, and the groups
 * that do not run with why. */
static bool add_groups(struct attention_list *l, const struct attention_input *in,
		       struct strbuf *b)
{
	const struct week *w = in->week;
	const struct clinic *c = w->clinic;
	const struct roster *r = in->roster;
	int *members = calloc(w->n_groups + 1, sizeof *members);
	int *leaving = calloc(w->n_groups + 1, sizeof *leaving);
	bool ok = members && leaving;
	for (size_t i = 0; ok && i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= w->n_groups ||
		    w->active_of[p] < 0)
			continue;
		members[g]++;
		day_t out = c->patients[p].discharge;
		leaving[g] += out != DAY_NONE && out <= w->monday + 6;
	}
	for (size_t g = 0; ok && g < w->n_groups; g++) {
		const struct group *gr = &c->groups[g];
		if (members[g] == 0 || members[g] - leaving[g] > gr->min_size)
			continue;
		strbuf_reset(b);
		strbuf_printf(b, "%d %s, its minimum is %d", members[g],
			      plural(members[g], "member", "members"), gr->min_size);
		if (leaving[g] > 0)
			strbuf_printf(b, "; %d %s this week", leaving[g],
				      plural(leaving[g], "leaves", "leave"));
		strbuf_puts(b, members[g] - leaving[g] < gr->min_size
			    ? ": below its minimum once they leave"
			    : ": one absence and it cannot run");
		ok = !b->failed && attention_add(l, ATTENTION_AT_MINIMUM, -1, (int)g, b->data, NULL);
	}
	for (size_t g = 0; ok && g < w->n_groups; g++) {
		if (members[g] > 0)
			continue;
		struct not_running nr;
		char why[256], text[300];
		reasons_not_running(w, r, (int)g, &nr);
		reasons_not_running_text(w, &nr, (int)g, why, sizeof why);
		snprintf(text, sizeof text, "not running: %s", why);
		ok = attention_add(l, ATTENTION_NOT_RUNNING, -1, (int)g, text, not_running_fix(nr.why));
	}
	free(members);
	free(leaving);
	return ok;
}

enum status attention_build(const struct attention_input *in, struct attention_list *out)
{
	struct strbuf b = STRBUF_INIT;
	bool ok = add_patients(out, in, &b) && add_groups(out, in, &b);
	for (size_t i = 0; ok && in->warnings && i < in->warnings->n; i++) {
		const struct diag *d = &in->warnings->items[i];
		if (d->severity != DIAG_WARNING)
			continue;
		char text[1024];
		diag_format(d, text, sizeof text);
		ok = attention_add(out, ATTENTION_WARNING, -1, -1, text, NULL);
	}
	strbuf_release(&b);
	attention_sort(out);
	return ok ? STATUS_OK : STATUS_NO_MEMORY;
}

/* The id an item is about, for stdout and JSON; NULL for none. */
static const char *subject_id(const struct week *w, const struct attention_item *it)
{
	const struct clinic *c = w->clinic;
	if (it->patient >= 0 && (size_t)it->patient < c->n_patients)
		return c->patients[it->patient].id;
	if (it->group >= 0 && (size_t)it->group < c->n_groups)
		return c->groups[it->group].id;
	return NULL;
}

static bool same_fix(const struct attention_item *x, const struct attention_item *y)
{
	return x->fix == NULL ? y->fix == NULL : y->fix != NULL && strcmp(x->fix, y->fix) == 0;
}

void attention_print(FILE *out, const struct week *w, const struct attention_list *l,
		     size_t per_kind)
{
	if (l->n == 0) {
		fprintf(out, "nothing needs attention\n");
		return;
	}
	fprintf(out, "needs attention:\n");
	for (size_t i = 0; i < l->n;) {
		enum attention_kind k = l->items[i].kind;
		size_t end = i;
		while (end < l->n && l->items[end].kind == k)
			end++;
		size_t n = end - i;
		if (k == ATTENTION_WARNING) {
			fprintf(out, "  %zu data %s, on stderr above and in the report\n", n,
				plural((long)n, "warning", "warnings"));
			i = end;
			continue;
		}
		/* a run of items with the same fix gets it once, after the run */
		size_t shown = n < per_kind ? n : per_kind, run = 0;
		for (size_t s = 0; s < shown; s++) {
			const struct attention_item *it = &l->items[i + s];
			const char *id = subject_id(w, it);
			fprintf(out, "  %s%s%s\n", id ? id : "", id ? ": " : "", it->text);
			run++;
			if (s + 1 < shown && same_fix(it, it + 1))
				continue;
			if (it->fix && run == 1)
				fprintf(out, "    fix: %s\n", it->fix);
			else if (it->fix)
				fprintf(out, "    fix for these %zu: %s\n", run, it->fix);
			run = 0;
		}
		if (n > per_kind)
			fprintf(out, "  and %zu more, in the report\n", n - per_kind);
		i = end;
	}
}

void attention_json(struct json *j, const struct week *w, const struct attention_list *l)
{
	const struct clinic *c = w->clinic;
	json_begin_array(j);
	for (size_t i = 0; i < l->n; i++) {
		const struct attention_item *it = &l->items[i];
		json_begin_object(j);
		json_kv_string(j, "kind", attention_kind_name(it->kind));
		json_kv_string(j, "patient", it->patient >= 0 ? c->patients[it->patient].id : NULL);
		json_kv_string(j, "group", it->group >= 0 ? c->groups[it->group].id : NULL);
		json_kv_string(j, "text", it->text);
		json_kv_string(j, "fix", it->fix);
		json_end_object(j);
	}
	json_end_array(j);
}

void attention_release(struct attention_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].text);
		free(l->items[i].fix);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* test_explain_property.c -- explain agrees with plan: over generated
 * clinics, every claim explanation_build makes about a patient (given, does
 * not fit, pinned out, clash, hours, separation, full, trade-off, the unmet
 * reason, why they joined, moved or left) is checked against the roster by
 * code written independently of solver/reasons.c and move_reason.c, for
 * planned rosters, a stale one (last week's roster read against this
 * week), a hand-edited one and the week after a planned one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/explanation.h"
#include "data/date.h"
#include "data/synthetic/generate.h"
#include "solver/plan.h"
#include "solver/rules.h"
#include "solver/score.h"

#define EPS 1e-9

/* The roster as plain facts. */
struct facts {
	const struct week *w;
	const struct roster *r;
	bool *in;       /* [clinic patient * n_groups + g] */
	int *members;   /* [g], active patients only */
	double *hours;  /* [clinic patient] */
};

static void facts_init(struct facts *f, const struct week *w, const struct roster *r)
{
	const struct clinic *c = w->clinic;
	f->w = w;
	f->r = r;
	f->in = calloc(c->n_patients * c->n_groups + 1, sizeof *f->in);
	f->members = calloc(c->n_groups + 1, sizeof *f->members);
	f->hours = calloc(c->n_patients + 1, sizeof *f->hours);
	assert_non_null(f->in);
	assert_non_null(f->members);
	assert_non_null(f->hours);
	for (size_t i = 0; i < r->n; i++) {
		int p = r->items[i].patient, g = r->items[i].group;
		if (w->active_of[p] < 0 || f->in[(size_t)p * c->n_groups + (size_t)g])
			continue;
		f->in[(size_t)p * c->n_groups + (size_t)g] = true;
		f->members[g]++;
		f->hours[p] += c->groups[g].hours;
	}
}

static void facts_release(struct facts *f)
{
	free(f->in);
	free(f->members);
	free(f->hours);
}

static bool in(const struct facts *f, int p, int g)
{
	return f->in[(size_t)p * f->w->clinic->n_groups + (size_t)g];
}

static bool windows_fit(const struct patient *p, const struct group *g)
{
	if (p->n_available == 0)
		return true;
	for (size_t s = 0; s < g->n_slots; s++) {
		bool ok = false;
		for (size_t k = 0; k < p->n_available && !ok; k++)
			ok = slot_fits(&g->slots[s], &p->available[k]);
		if (!ok)
			return false;
	}
	return true;
}

static bool tags_fit(const struct patient *p, const struct group *g)
{
	for (size_t r = 0; r < g->n_requires; r++) {
		bool has = false;
		for (size_t t = 0; t < p->n_tags && !has; t++)
			has = strcmp(p->tags[t], g->requires[r]) == 0;
		if (!has)
			return false;
	}
	return true;
}

static bool groups_clash(const struct group *g, const struct group *h)
{
	for (size_t i = 0; i < g->n_slots; i++)
		for (size_t j = 0; j < h->n_slots; j++)
			if (slot_clash(&g->slots[i], &h->slots[j]))
				return true;
	return false;
}

/* The clinic's pin rule for (p, g): 'm', 'n' or 0. */
static int pin_of(const struct clinic *c, int p, int g, long *line)
{
	for (size_t i = 0; i < c->n_pins; i++)
		if (c->pins[i].patient == p && c->pins[i].group == g) {
			if (line)
				*line = c->pins[i].line;
			return c->pins[i].rule == PIN_MUST ? 'm' : 'n';
		}
	return 0;
}

static bool separated(const struct clinic *c, int p, int q)
{
	for (size_t i = 0; i < c->n_separations; i++)
		if ((c->separations[i].a == p && c->separations[i].b == q) ||
		    (c->separations[i].a == q && c->separations[i].b == p))
			return true;
	return false;
}

static size_t claims_checked;
static size_t cause_seen[CAUSE_TYPE_TAKEN + 1];

/* Every claim about one group holds in the roster. */
static void check_group(const struct facts *f, const struct explanation *e,
			const struct type_explanation *te, const struct group_explanation *ge)
{
	const struct week *w = f->w;
	const struct clinic *c = w->clinic;
	int p = e->patient, g = ge->group;
	const struct patient *pt = &c->patients[p];
	const struct group *gr = &c->groups[g];
	int t = te->type;
	assert_int_equal(gr->type, t);
	assert_int_equal(ge->members, f->members[g]);
	assert_int_equal(ge->max_size, gr->max_size);
	assert_int_equal(ge->min_size, gr->min_size);
	bool fits = windows_fit(pt, gr) && tags_fit(pt, gr);
	int need = w->need[(size_t)e->a * w->n_types + (size_t)t];
	claims_checked++;
	cause_seen[ge->cause]++;
	switch (ge->cause) {
	case CAUSE_GIVEN:
		assert_true(in(f, p, g));
		return;
	case CAUSE_NO_FIT:
		assert_false(fits);
		assert_int_equal(ge->windows_misfit, !windows_fit(pt, gr));
		break;
	case CAUSE_PINNED_OUT: {
		long line = 0;
		assert_true(fits);
		assert_int_equal(pin_of(c, p, g, &line), 'n');
		assert_int_equal(ge->pin_line, line);
		break;
	}
	case CAUSE_NO_NEED:
		assert_true(fits);
		assert_int_equal(need, 0);
		assert_int_not_equal(pin_of(c, p, g, NULL), 'm');
		break;
	case CAUSE_TYPE_TAKEN:
		assert_true(ge->other_group >= 0 && ge->other_group != g);
		assert_true(in(f, p, ge->other_group));
		assert_int_equal(c->groups[ge->other_group].type, t);
		break;
	case CAUSE_CLASH:
		assert_true(ge->other_group >= 0 && ge->other_group != g);
		assert_true(in(f, p, ge->other_group));
		assert_true(groups_clash(gr, &c->groups[ge->other_group]));
		break;
	case CAUSE_HOURS:
		assert_true(f->hours[p] + gr->hours > pt->hours_max + EPS);
		assert_true(ge->hours_with > ge->hours_now);
		assert_true(ge->hours_now > f->hours[p] - EPS && ge->hours_now < f->hours[p] + EPS);
		break;
	case CAUSE_SEPARATION:
		assert_true(ge->other_patient >= 0 && ge->other_patient != p);
		assert_true(separated(c, p, ge->other_patient));
		assert_true(in(f, ge->other_patient, g));
		break;
	case CAUSE_NOT_RUNNING: {
		assert_int_equal(f->members[g], 0);
		int eligible = 0;
		for (size_t b = 0; b < w->n_active; b++)
			eligible += w->eligible[week_ag(w, (int)b, g)];
		assert_int_equal(ge->eligible, eligible);
		assert_int_equal(ge->not_running.eligible, eligible);
		if (ge->not_running.why == NOT_RUNNING_FEW_ELIGIBLE)
			assert_true(eligible < gr->min_size);
		else
			assert_true(eligible >= gr->min_size);
		if (ge->not_running.why == NOT_RUNNING_FACILITATOR)
			assert_true(f->members[ge->not_running.facilitator_group] > 0);
		break;
	}
	case CAUSE_FULL:
		assert_true(f->members[g] >= gr->max_size);
		{
			/* What the seats went to. */
			int at_least = 0, kept = 0;
			for (size_t b = 0; b < w->n_active; b++) {
				if (!in(f, w->active[b], g))
					continue;
				at_least += w->need[b * w->n_types + (size_t)t] >= te->need;
				kept += w->previous[week_ag(w, (int)b, g)];
			}
			assert_int_equal(ge->members_need_at_least, at_least);
			assert_int_equal(ge->members_kept, kept);
		}
		break;
	case CAUSE_TRADE_OFF:
		/* A real open seat the patient could have taken. */
		assert_true(fits);
		assert_int_not_equal(pin_of(c, p, g, NULL), 'n');
		assert_true(need > 0 || pin_of(c, p, g, NULL) == 'm');
		assert_true(f->members[g] > 0 && f->members[g] < gr->max_size);
		assert_true(f->hours[p] + gr->hours <= pt->hours_max + EPS);
		for (size_t h = 0; h < c->n_groups; h++) {
			if (!in(f, p, (int)h))
				continue;
			assert_int_not_equal(c->groups[h].type, t);
			assert_false(groups_clash(gr, &c->groups[h]));
		}
		for (size_t q = 0; q < c->n_patients; q++)
			if (in(f, (int)q, g))
				assert_false(separated(c, p, (int)q));
		{
			/* What leaving the seat open cost, scored here. */
			struct roster with = { 0 };
			for (size_t i = 0; i < f->r->n; i++)
				assert_true(roster_add(&with, f->r->items[i].patient,
						       f->r->items[i].group, 0));
			assert_true(roster_add(&with, p, g, 0));
			struct score_terms x, y;
			score_roster(w, f->r, &x);
			score_roster(w, &with, &y);
			assert_true(fabs((y.total - x.total) - ge->add_gain) < 1e-6);
			roster_release(&with);
		}
		break;
	}
	assert_false(in(f, p, g));
}

/* The unmet reason follows the contract from the group causes. */
static void check_reason(const struct explanation *e, const struct type_explanation *te)
{
	(void)e;
	if (te->given >= 0 || te->need == 0) {
		assert_null(te->unmet);
		return;
	}
	assert_non_null(te->unmet);
	assert_int_equal(te->unmet->need, te->need);
	claims_checked++;
	if (te->n_groups == 0) {
		assert_int_equal(te->unmet->reason, REASON_NO_GROUP);
		return;
	}
	size_t fitting = 0, open = 0;
	bool first = true, same = true;
	enum group_cause common = CAUSE_TRADE_OFF;
	for (size_t i = 0; i < te->n_groups; i++) {
		enum group_cause cause = te->groups[i].cause;
		if (cause == CAUSE_NO_FIT)
			continue;
		fitting++;
		if (cause == CAUSE_PINNED_OUT)
			continue;
		open++;
		if (!first && cause != common)
			same = false;
		common = cause;
		first = false;
	}
	if (fitting == 0) {
		assert_int_equal(te->unmet->reason, REASON_NO_FIT);
	} else if (open == 0) {
		assert_int_equal(te->unmet->reason, REASON_PINNED_OUT);
	} else {
		enum unmet_reason expected = REASON_TRADE_OFF;
		if (same && common == CAUSE_CLASH)
			expected = REASON_CLASH;
		else if (same && common == CAUSE_HOURS)
			expected = REASON_HOURS;
		else if (same && common == CAUSE_SEPARATION)
			expected = REASON_SEPARATION;
		else if (same && common == CAUSE_FULL)
			expected = REASON_FULL;
		else if (same && common == CAUSE_NOT_RUNNING)
			expected = REASON_NOT_RUNNING;
		assert_int_equal(te->unmet->reason, expected);
	}
}

static size_t move_seen[MOVE_MISSED + 1];

/* The reason for a join, move or leave holds in the roster, and is never
 * circular: no cause names another group of the same type as the reason
 * the patient is not in their old one. */
static void check_move(const struct facts *f, const struct explanation *e,
		       const struct type_explanation *te)
{
	const struct week *w = f->w;
	const struct clinic *c = w->clinic;
	const struct move_reason *m = &te->move;
	int p = e->patient, t = te->type;
	assert_int_equal(m->from, te->previous);
	assert_int_equal(m->to, te->given);
	assert_int_equal(m->type, t);
	move_seen[m->cause]++;
	claims_checked++;
	const struct group *from = m->from >= 0 ? &c->groups[m->from] : NULL;
	double hours_to = m->to >= 0 ? c->groups[m->to].hours : 0;
	switch (m->cause) {
	case MOVE_MASTERED:
		assert_int_equal(m->kind, CHANGE_LEFT);
		assert_true(m->score >= c->settings.mastery && te->mastered);
		break;
	case MOVE_NO_NEED:
		assert_int_equal(te->need, 0);
		break;
	case MOVE_PIN_MUST:
		assert_int_equal(pin_of(c, p, m->to, NULL), 'm');
		break;
	case MOVE_PIN_NEVER:
		assert_int_equal(pin_of(c, p, m->from, NULL), 'n');
		break;
	case MOVE_NOT_RUNNING:
		assert_int_equal(f->members[m->from], 0);
		break;
	case MOVE_NO_FIT:
		assert_false(w->fits[week_ag(w, e->a, m->from)]);
		break;
	case MOVE_CLASH:
		assert_true(m->group >= 0 && in(f, p, m->group));
		assert_int_not_equal(c->groups[m->group].type, t);
		assert_true(groups_clash(from, &c->groups[m->group]));
		break;
	case MOVE_HOURS:
		assert_true(f->hours[p] - hours_to + from->hours >
			    c->patients[p].hours_max + EPS);
		break;
	case MOVE_SEPARATION:
		assert_true(separated(c, p, m->partner) && in(f, m->partner, m->from));
		break;
	case MOVE_FULL:
		assert_true(f->members[m->from] >= from->max_size);
		break;
	case MOVE_NEEDED:
		assert_true(f->members[m->to] - 1 > 0 &&
			    f->members[m->to] - 1 < c->groups[m->to].min_size);
		break;
	case MOVE_GAIN:
	case MOVE_TIE:
	case MOVE_MISSED: {
		/* The roster with the old placement kept, scored here. */
		struct roster kept = { 0 }, now = { 0 };
		for (size_t i = 0; i < f->r->n; i++) {
			const struct placement *pl = &f->r->items[i];
			assert_true(roster_add(&now, pl->patient, pl->group, 0));
			if (!(pl->patient == p && pl->group == m->to))
				assert_true(roster_add(&kept, pl->patient, pl->group, 0));
		}
		assert_true(roster_add(&kept, p, m->from, 0));
		/* Keeping breaks no rule the roster keeps. */
		struct diag_list d = DIAG_LIST_INIT;
		if (rules_check(w, &now, NULL, &d) == 0)
			assert_int_equal(rules_check(w, &kept, NULL, &d), 0);
		diag_list_release(&d);
		struct score_terms a, b;
		score_roster(w, &now, &a);
		score_roster(w, &kept, &b);
		assert_true(fabs((a.total - b.total) - m->gain.total) < 1e-6);
		if (m->cause == MOVE_GAIN)
			assert_true(a.total > b.total);
		else if (m->cause == MOVE_MISSED)
			assert_true(a.total < b.total);
		roster_release(&kept);
		roster_release(&now);
		break;
	}
	default:
		/* joined, discharged, away: about the patient, not a group */
		assert_true(m->kind == CHANGE_JOINED);
		break;
	}
}

static void check_patient(const struct facts *f, int p)
{
	const struct week *w = f->w;
	const struct clinic *c = w->clinic;
	struct explanation e;
	assert_int_equal(explanation_build(w, f->r, p, &e), STATUS_OK);
	assert_int_equal(e.patient, p);
	assert_int_equal(e.a, w->active_of[p]);
	assert_int_equal(e.n_types, w->n_types);
	if (e.a < 0) {
		const struct patient *pt = &c->patients[p];
		if (e.inactive == INACTIVE_NOT_YET)
			assert_true(pt->admitted > w->monday + 6);
		else if (e.inactive == INACTIVE_DISCHARGED)
			assert_true(pt->discharge != DAY_NONE && pt->discharge < w->monday);
		else
			assert_int_equal(e.inactive, INACTIVE_AWAY);
		explanation_release(&e);
		return;
	}
	assert_true(e.hours > f->hours[p] - EPS && e.hours < f->hours[p] + EPS);
	for (size_t t = 0; t < e.n_types; t++) {
		const struct type_explanation *te = &e.types[t];
		assert_int_equal(te->need, w->need[(size_t)e.a * w->n_types + t]);
		assert_int_equal(te->rated, c->patients[p].need[t]);
		assert_int_equal(te->mastered, te->mastery_score >= c->settings.mastery);
		/* Every group of the type, once. */
		size_t of_type = 0;
		for (size_t g = 0; g < c->n_groups; g++)
			of_type += c->groups[g].type == (int)t;
		assert_int_equal(te->n_groups, of_type);
		bool has = false;
		for (size_t i = 0; i < te->n_groups; i++) {
			has = has || in(f, p, te->groups[i].group);
			check_group(f, &e, te, &te->groups[i]);
		}
		assert_int_equal(te->given >= 0, has);
		if (te->given >= 0) {
			assert_true(in(f, p, te->given));
			assert_int_equal(te->given_kept, w->previous[week_ag(w, e.a, te->given)]);
		}
		check_reason(&e, te);
		assert_int_equal(te->has_move, te->previous != te->given);
		if (te->has_move)
			check_move(f, &e, te);
	}
	explanation_release(&e);
}

static void check_roster(const struct week *w, const struct roster *r)
{
	struct facts f;
	facts_init(&f, w, r);
	for (size_t p = 0; p < w->clinic->n_patients; p++)
		check_patient(&f, (int)p);
	facts_release(&f);
}

static void explain_agrees_with_plan(void **state)
{
	(void)state;
	static const int sizes[] = { 12, 24, 40 };
	day_t week;
	assert_true(date_parse("2026-11-30", &week));
	size_t rosters = 0;
	claims_checked = 0;
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		for (uint64_t seed = 1; seed <= 5; seed++) {
			struct generate_options go;
			generate_options_init(&go);
			go.patients = sizes[s];
			go.seed = seed;
			go.week = week;
			struct clinic c;
			struct roster previous;
			struct diag_list d = DIAG_LIST_INIT;
			assert_int_equal(generate_clinic(&go, &c, &previous, &d), STATUS_OK);
			struct week w;
			assert_int_equal(week_resolve(&c, week, &previous, NULL, &w, &d), STATUS_OK);

			struct plan_options po;
			plan_options_init(&po);
			po.time_limit = 2;
			struct plan_result res;
			assert_int_equal(plan_week(&w, &po, &res, &d), STATUS_OK);
			check_roster(&w, &res.roster);
			/* Last week's roster read against this week: stale pairs,
			 * half-empty groups, open seats (trade-off claims). */
			check_roster(&w, &previous);
			rosters += 2;
			/* A hand edit: every third placement moved to another
			 * running group of its type the patient may join. */
			struct roster edited = { 0 };
			for (size_t i = 0; i < res.roster.n; i++) {
				const struct placement *pl = &res.roster.items[i];
				int g = pl->group, a = w.active_of[pl->patient];
				for (size_t h = 0; i % 3 == 0 && a >= 0 && h < c.n_groups; h++) {
					if ((int)h != pl->group && c.groups[h].type == c.groups[g].type &&
					    w.eligible[week_ag(&w, a, (int)h)]) {
						g = (int)h;
						break;
					}
				}
				assert_true(roster_add(&edited, pl->patient, g, 0));
			}
			check_roster(&w, &edited);
			roster_release(&edited);
			rosters++;
			/* The week after, planned from this one: real moves. */
			struct week w2;
			assert_int_equal(week_resolve(&c, week + 7, &res.roster, NULL, &w2, &d),
					 STATUS_OK);
			struct plan_result res2;
			assert_int_equal(plan_week(&w2, &po, &res2, &d), STATUS_OK);
			check_roster(&w2, &res2.roster);
			rosters++;
			plan_result_release(&res2);
			week_release(&w2);

			plan_result_release(&res);
			week_release(&w);
			roster_release(&previous);
			clinic_release(&c);
			diag_list_release(&d);
		}
	}
	printf("explain property: %zu rosters, %zu claims checked:", rosters, claims_checked);
	for (int k = CAUSE_GIVEN; k <= CAUSE_TYPE_TAKEN; k++)
		printf(" %s %zu", group_cause_name((enum group_cause)k), cause_seen[k]);
	printf("\nmoves:");
	for (int k = MOVE_ADMITTED; k <= MOVE_MISSED; k++)
		printf(" %s %zu", move_cause_name((enum move_cause)k), move_seen[k]);
	printf("\n");
	assert_true(claims_checked > 1000);
	assert_true(move_seen[MOVE_GAIN] + move_seen[MOVE_TIE] + move_seen[MOVE_MISSED] > 0);
	/* The generated clinics exercise the common causes. */
	assert_true(cause_seen[CAUSE_GIVEN] > 0 && cause_seen[CAUSE_NO_FIT] > 0);
	assert_true(cause_seen[CAUSE_NOT_RUNNING] > 0 && cause_seen[CAUSE_CLASH] > 0);
	assert_true(cause_seen[CAUSE_TRADE_OFF] > 0 && cause_seen[CAUSE_TYPE_TAKEN] > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(explain_agrees_with_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

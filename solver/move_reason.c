/* move_reason.c -- why a patient joined, left or moved: one cause, one text. */
#include "move_reason.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/date.h"
#include "data/fit.h"
#include "solver/rules.h"

const char *move_cause_name(enum move_cause c)
{
	switch (c) {
	case MOVE_ADMITTED: return "admitted";
	case MOVE_RETURNED: return "returned";
	case MOVE_NEED_APPEARED: return "need-appeared";
	case MOVE_PLACED: return "placed";
	case MOVE_DISCHARGED: return "discharged";
	case MOVE_AWAY: return "away";
	case MOVE_MASTERED: return "mastered";
	case MOVE_NO_NEED: return "no-need";
	case MOVE_PIN_MUST: return "must-pin";
	case MOVE_PIN_NEVER: return "never-pin";
	case MOVE_NOT_RUNNING: return "not-running";
	case MOVE_NO_FIT: return "no-fit";
	case MOVE_CLASH: return "clash";
	case MOVE_HOURS: return "hours";
	case MOVE_SEPARATION: return "separation";
	case MOVE_FULL: return "full";
	case MOVE_NEEDED: return "needed";
	case MOVE_GAIN: return "gain";
	case MOVE_TIE: return "tie";
	case MOVE_MISSED: return "missed";
	}
	return "unknown";
}

void progress_latest(const struct clinic *c, int patient, int type, day_t monday,
		     int *score, day_t *date)
{
	long line = -1;
	*score = -1;
	*date = DAY_NONE;
	for (size_t i = 0; i < c->n_progress; i++) {
		const struct progress_record *r = &c->progress[i];
		if (r->patient != patient || r->type != type || r->date > monday)
			continue;
		if (*date == DAY_NONE || r->date > *date || (r->date == *date && r->line >= line)) {
			*date = r->date;
			*score = r->score;
			line = r->line;
		}
	}
}

enum status move_context_init(struct move_context *x, const struct week *w,
			      const struct roster *now)
{
	memset(x, 0, sizeof *x);
	x->w = w;
	x->now = now;
	size_t na = w->n_active, ng = w->n_groups;
	x->in = calloc(na * ng + 1, sizeof *x->in);
	x->members = calloc(ng + 1, sizeof *x->members);
	x->hours = calloc(na + 1, sizeof *x->hours);
	x->closed = malloc((ng + 1) * sizeof *x->closed);
	x->closed_known = calloc(ng + 1, sizeof *x->closed_known);
	if (x->in == NULL || x->members == NULL || x->hours == NULL || x->closed == NULL ||
	    x->closed_known == NULL)
		return STATUS_NO_MEMORY;
	const struct clinic *c = w->clinic;
	for (size_t i = 0; now != NULL && i < now->n; i++) {
		int p = now->items[i].patient, g = now->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int a = w->active_of[p];
		if (a < 0 || x->in[week_ag(w, a, g)])
			continue;
		x->in[week_ag(w, a, g)] = true;
		x->members[g]++;
		x->hours[a] += c->groups[g].hours;
	}
	score_roster(w, now, &x->score);
	/* Last week as the files describe it now: who was active and what they
	 * needed. When it cannot be resolved those causes are not claimed. */
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status st = week_resolve(c, w->monday - 7, NULL, NULL, &x->last, &scratch);
	diag_list_release(&scratch);
	if (st == STATUS_NO_MEMORY)
		return st;
	x->has_last = st == STATUS_OK;
	return STATUS_OK;
}

void move_context_release(struct move_context *x)
{
	if (x == NULL)
		return;
	free(x->in);
	free(x->members);
	free(x->hours);
	free(x->closed);
	free(x->closed_known);
	if (x->has_last)
		week_release(&x->last);
	memset(x, 0, sizeof *x);
}

static long pin_line(const struct week *w, int a, int g, enum pin_rule rule)
{
	for (size_t i = 0; i < w->n_pins; i++)
		if (w->pins[i].a == a && w->pins[i].g == g && w->pins[i].rule == rule)
			return w->pins[i].line;
	return 0;
}

/* The gain of `now` over `other`, term by term. */
static struct score_terms terms_minus(const struct score_terms *s, const struct score_terms *k)
{
	return (struct score_terms){
		.need_sum = s->need_sum - k->need_sum, .kept = s->kept - k->kept,
		.short_hours = s->short_hours - k->short_hours,
		.mix_short = s->mix_short - k->mix_short, .running = s->running - k->running,
		.billable = s->billable - k->billable, .total = s->total - k->total,
	};
}

/* Scores the roster with `from` kept instead of `to` and fills the gain. */
static enum status score_kept(const struct move_context *x, int a, struct move_reason *m)
{
	const struct week *w = x->w;
	struct score_terms k;
	score_swap(w, x->now, &x->score, w->active[a], m->to, m->from, &k);
	if (isnan(k.total))
		return STATUS_NO_MEMORY;
	m->gain = terms_minus(&x->score, &k);
	const struct clinic *c = w->clinic;
	m->hours_after = x->hours[a];
	m->hours_before = x->hours[a] + c->groups[m->from].hours -
			  (m->to >= 0 ? c->groups[m->to].hours : 0);
	/* Scores are sums of weights times needs and hours: below a
	 * hundredth of a point the difference is rounding, a tie. */
	if (m->gain.total > 0.005)
		m->cause = MOVE_GAIN;
	else if (m->gain.total < -0.005)
		m->cause = MOVE_MISSED;
	else
		m->cause = MOVE_TIE;
	return STATUS_OK;
}

/* Active patient b may join g in place of their group of g's type: the
 * pair is eligible, g clashes with none of their other groups, their hours
 * stay within hours_max, and no separated partner is among `joining`. */
static bool can_join(const struct move_context *x, int b, int g, const bool *joining)
{
	const struct week *w = x->w;
	const struct clinic *c = w->clinic;
	size_t ng = w->n_groups;
	if (!w->eligible[week_ag(w, b, g)])
		return false;
	double hours = x->hours[b] + c->groups[g].hours;
	for (size_t h = 0; h < ng; h++) {
		if (!x->in[week_ag(w, b, (int)h)])
			continue;
		if (c->groups[h].type == c->groups[g].type)
			hours -= c->groups[h].hours;
		else if (w->clash[(size_t)g * ng + h])
			return false;
	}
	if (hours > c->patients[w->active[b]].hours_max + HOURS_EPS)
		return false;
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		int partner = s->a == b ? s->b : s->b == b ? s->a : -1;
		if (partner >= 0 && joining[partner])
			return false;
	}
	return true;
}

/* The old group closed by the optimiser, reopened: its members of last
 * week who may still join it return, up to its maximum (leaving their
 * group of its type);
 * when they reach its minimum, the rules are checked and, if none breaks,
 * the roster is scored against this one. */
static enum status reopen(const struct move_context *x, struct move_reason *m)
{
	const struct week *w = x->w;
	const struct clinic *c = w->clinic;
	const struct group *g = &c->groups[m->from];
	bool *back = calloc(w->n_active + 1, sizeof *back);
	if (back == NULL)
		return STATUS_NO_MEMORY;
	for (size_t b = 0; b < w->n_active && m->returners < g->max_size; b++) {
		size_t k = week_ag(w, (int)b, m->from);
		back[b] = w->previous[k] && can_join(x, (int)b, m->from, back);
		m->returners += back[b];
	}
	/* Short of its minimum, the first others who may join fill it up
	 * (active order): the least that reopening takes. */
	for (size_t b = 0; b < w->n_active && m->returners + m->fillers < g->min_size; b++)
		if (!back[b] && can_join(x, (int)b, m->from, back)) {
			back[b] = true;
			m->fillers++;
		}
	if (m->returners + m->fillers < g->min_size) {
		free(back);
		return STATUS_OK;
	}
	struct roster r = { 0 };
	bool ok = true;
	for (size_t i = 0; ok && x->now != NULL && i < x->now->n; i++) {
		const struct placement *pl = &x->now->items[i];
		int b = w->active_of[pl->patient];
		if (b >= 0 && back[b] && c->groups[pl->group].type == g->type)
			continue;
		ok = roster_add(&r, pl->patient, pl->group, 0);
	}
	for (size_t b = 0; ok && b < w->n_active; b++)
		if (back[b])
			ok = roster_add(&r, w->active[b], m->from, 0);
	free(back);
	if (!ok) {
		roster_release(&r);
		return STATUS_NO_MEMORY;
	}
	struct diag_list broken = DIAG_LIST_INIT;
	size_t n = rules_check(w, &r, NULL, &broken);
	m->reopen_checked = true;
	if (n > 0 && broken.n > 0) {
		snprintf(m->reopen_broken, sizeof m->reopen_broken, "%s", broken.items[0].message);
	} else if (n == 0) {
		struct score_terms k;
		score_roster(w, &r, &k);
		m->gain = terms_minus(&x->score, &k);
	}
	diag_list_release(&broken);
	roster_release(&r);
	return STATUS_OK;
}

/* Why m's old group does not run and, when the optimiser closed it, what
 * reopening it gives: the same for every patient who left it, so worked
 * out once a group (a large week loses dozens of groups, each left by
 * most of its members, and each reopening checks the whole roster). */
static enum status not_running_of(const struct move_context *x, struct move_reason *m)
{
	struct move_reason *g = &x->closed[m->from];
	if (!x->closed_known[m->from]) {
		*g = (struct move_reason){ .from = m->from, .to = -1, .group = -1,
					   .partner = -1, .date = DAY_NONE };
		reasons_not_running(x->w, x->now, m->from, &g->not_running);
		if (g->not_running.why == NOT_RUNNING_CLOSED) {
			enum status st = reopen(x, g);
			if (st != STATUS_OK)
				return st;
		}
		x->closed_known[m->from] = true;
	}
	m->not_running = g->not_running;
	m->returners = g->returners;
	m->fillers = g->fillers;
	m->reopen_checked = g->reopen_checked;
	memcpy(m->reopen_broken, g->reopen_broken, sizeof m->reopen_broken);
	m->gain = g->gain;
	return STATUS_OK;
}

/* The old group `from` against the roster with the patient kept in it
 * (and out of `to`): the first rule that breaks, or the total. */
static enum status why_not_kept(const struct move_context *x, int a, struct move_reason *m)
{
	const struct week *w = x->w;
	const struct clinic *c = w->clinic;
	const struct group *from = &c->groups[m->from];
	size_t ng = w->n_groups;
	size_t af = week_ag(w, a, m->from);
	if (w->pin[af] == PIN_MARK_NEVER) {
		m->cause = MOVE_PIN_NEVER;
		m->line = pin_line(w, a, m->from, PIN_NEVER);
		return STATUS_OK;
	}
	if (x->members[m->from] == 0) {
		m->cause = MOVE_NOT_RUNNING;
		return not_running_of(x, m);
	}
	if (!w->fits[af]) {
		const struct patient *pt = &c->patients[m->patient];
		m->cause = MOVE_NO_FIT;
		m->misfit = !group_fits_windows(from, pt) ? MISFIT_WINDOWS
			    : !patient_has_tags(pt, from) ? MISFIT_TAGS : MISFIT_PHASE;
		m->phase_week = week_phase(w, a);
		return STATUS_OK;
	}
	for (size_t h = 0; h < ng; h++) {
		/* Another group of the type is never the cause: that is circular
		 * (only a hand-edited roster has two). */
		if (c->groups[h].type == from->type || !x->in[week_ag(w, a, (int)h)])
			continue;
		if (w->clash[(size_t)m->from * ng + h]) {
			m->cause = MOVE_CLASH;
			m->group = (int)h;
			return STATUS_OK;
		}
	}
	double with = x->hours[a] + from->hours - (m->to >= 0 ? c->groups[m->to].hours : 0);
	if (with > c->patients[m->patient].hours_max + HOURS_EPS) {
		m->cause = MOVE_HOURS;
		m->hours_with = with;
		m->hours_max = c->patients[m->patient].hours_max;
		return STATUS_OK;
	}
	for (size_t i = 0; i < w->n_separations; i++) {
		const struct active_separation *s = &w->separations[i];
		int partner = s->a == a ? s->b : s->b == a ? s->a : -1;
		if (partner >= 0 && x->in[week_ag(w, partner, m->from)]) {
			m->cause = MOVE_SEPARATION;
			m->partner = w->active[partner];
			return STATUS_OK;
		}
	}
	if (x->members[m->from] >= from->max_size) {
		m->cause = MOVE_FULL;
		m->members = x->members[m->from];
		m->limit = from->max_size;
		for (size_t b = 0; b < w->n_active; b++)
			m->newcomers += x->in[week_ag(w, (int)b, m->from)] &&
					!w->previous[week_ag(w, (int)b, m->from)];
		return STATUS_OK;
	}
	if (m->to >= 0) {
		const struct group *to = &c->groups[m->to];
		/* Down to zero the new group simply closes (rule 2 allows it). */
		if (x->members[m->to] - 1 > 0 && x->members[m->to] - 1 < to->min_size) {
			m->cause = MOVE_NEEDED;
			m->members = x->members[m->to];
			m->limit = to->min_size;
			return STATUS_OK;
		}
	}
	return score_kept(x, a, m);
}

enum status move_reason_of(const struct move_context *x, int patient, int type,
			   int from, int to, struct move_reason *out)
{
	const struct week *w = x->w;
	const struct clinic *c = w->clinic;
	*out = (struct move_reason){
		.kind = change_classify(from >= 0, to >= 0, from == to), .patient = patient,
		.type = type, .from = from, .to = to, .group = -1, .partner = -1,
		.date = DAY_NONE,
	};
	int a = w->active_of[patient];
	size_t nt = w->n_types;
	if (out->kind == CHANGE_JOINED) {
		int la = x->has_last ? x->last.active_of[patient] : -1;
		if (a >= 0 && w->is_new[a])
			out->cause = MOVE_ADMITTED;
		else if (x->has_last && la < 0)
			out->cause = MOVE_RETURNED;
		else if (a >= 0 && w->pin[week_ag(w, a, to)] == PIN_MARK_MUST) {
			out->cause = MOVE_PIN_MUST;
			out->line = pin_line(w, a, to, PIN_MUST);
		} else if (x->has_last && la >= 0 && x->last.need[(size_t)la * nt + (size_t)type] == 0) {
			out->cause = MOVE_NEED_APPEARED;
			out->need = a >= 0 ? w->need[(size_t)a * nt + (size_t)type] : 0;
			out->need_before = 0;
		} else {
			out->cause = MOVE_PLACED;
		}
		return STATUS_OK;
	}
	if (a < 0) {
		const struct patient *pt = &c->patients[patient];
		bool discharged = pt->discharge != DAY_NONE && pt->discharge < w->monday;
		out->cause = discharged ? MOVE_DISCHARGED : MOVE_AWAY;
		out->date = discharged ? pt->discharge : DAY_NONE;
		return STATUS_OK;
	}
	size_t at = (size_t)a * nt + (size_t)type;
	if (out->kind == CHANGE_LEFT && w->mastered[at]) {
		out->cause = MOVE_MASTERED;
		out->mastery = c->settings.mastery;
		progress_latest(c, patient, type, w->monday, &out->score, &out->date);
		return STATUS_OK;
	}
	if (out->kind == CHANGE_LEFT && w->need[at] == 0 &&
	    w->pin[week_ag(w, a, from)] != PIN_MARK_MUST) {
		out->cause = MOVE_NO_NEED;
		return STATUS_OK;
	}
	if (to >= 0 && w->pin[week_ag(w, a, to)] == PIN_MARK_MUST) {
		out->cause = MOVE_PIN_MUST;
		out->line = pin_line(w, a, to, PIN_MUST);
		return STATUS_OK;
	}
	return why_not_kept(x, a, out);
}

/* A score or hours difference as people read it: at most two decimals. */
static double tidy(double v)
{
	double r = round(v * 100.0) / 100.0;
	return r == 0 ? 0 : r; /* no "-0" */
}

/* "hours short -1.5 h: +3; continuity -1: -4": each term that differs,
 * the change in what it counts and the points it is worth. `sign` turns
 * the gain around (+1: the move's gain; -1: what keeping would gain). */
static void terms_text(const struct settings *s, const struct score_terms *g, double sign,
		       struct strbuf *out)
{
	const char *sep = "";
	if (fabs(g->need_sum) > 1e-9 && s->w_need != 0) {
		strbuf_printf(out, "%sneeds %+g: %+g", sep, tidy(sign * g->need_sum),
			      tidy(sign * s->w_need * g->need_sum));
		sep = "; ";
	}
	if (fabs(g->short_hours) > 1e-9 && s->w_short != 0) {
		strbuf_printf(out, "%shours short %+g h: %+g", sep, tidy(sign * g->short_hours),
			      tidy(-sign * s->w_short * g->short_hours));
		sep = "; ";
	}
	if (g->kept != 0 && s->w_keep != 0) {
		strbuf_printf(out, "%scontinuity %+d: %+g", sep, (int)sign * g->kept,
			      tidy(sign * s->w_keep * g->kept));
		sep = "; ";
	}
	if (g->mix_short != 0 && s->w_mix != 0) {
		strbuf_printf(out, "%sadvanced members missing %+d: %+g", sep,
			      (int)sign * g->mix_short, tidy(-sign * s->w_mix * g->mix_short));
		sep = "; ";
	}
	if (g->running != 0 && s->group_cost != 0) {
		strbuf_printf(out, "%sgroups running %+d: %+g", sep, (int)sign * g->running,
			      tidy(-sign * s->group_cost * g->running));
		sep = "; ";
	}
	if (g->billable != 0 && s->w_billable != 0)
		strbuf_printf(out, "%sbillable weeks %+d: %+g", sep, (int)sign * g->billable,
			      tidy(sign * s->w_billable * g->billable));
}

/* "; reopening it for its 4 members of last week who can return and 1
 * other" */
static void reopen_who(const struct move_reason *m, struct strbuf *out)
{
	strbuf_printf(out, "; reopening it for its %d %s of last week who can return",
		      m->returners, m->returners == 1 ? "member" : "members");
	if (m->fillers > 0)
		strbuf_printf(out, " and %d %s", m->fillers, m->fillers == 1 ? "other" : "others");
}

/* "; reopening it for ... scores 12 less (...)" */
static void reopen_text(const struct settings *s, const struct move_reason *m,
			struct strbuf *out)
{
	double gain = tidy(m->gain.total);
	reopen_who(m, out);
	strbuf_puts(out, " ");
	if (gain == 0) {
		strbuf_puts(out, "scores the same: a tie");
		return;
	}
	strbuf_printf(out, "scores %g %s (", fabs(gain), gain > 0 ? "less" : "more");
	terms_text(s, &m->gain, -1, out);
	strbuf_puts(out, gain > 0 ? ")" : "): a better roster than this one");
}

void move_reason_text(const struct week *w, const struct move_reason *m, struct strbuf *out)
{
	const struct clinic *c = w->clinic;
	const char *type = c->type_names[m->type];
	const char *from = m->from >= 0 ? c->groups[m->from].id : "";
	const char *to = m->to >= 0 ? c->groups[m->to].id : "";
	char day[11];
	switch (m->cause) {
	case MOVE_ADMITTED:
		strbuf_puts(out, "admitted this week");
		break;
	case MOVE_RETURNED:
		strbuf_puts(out, "back after an absence");
		break;
	case MOVE_NEED_APPEARED:
		strbuf_printf(out, "needs %s now (need %d, none last week)", type, m->need);
		break;
	case MOVE_PLACED:
		strbuf_printf(out, "placed: in no %s group last week", type);
		break;
	case MOVE_DISCHARGED:
		date_format(m->date, day);
		strbuf_printf(out, "discharged %s", day);
		break;
	case MOVE_AWAY:
		strbuf_puts(out, "away the whole week");
		break;
	case MOVE_MASTERED:
		if (m->date != DAY_NONE) {
			date_format(m->date, day);
			strbuf_printf(out, "mastered %s: score %d on %s (mastery %d)", type,
				      m->score, day, m->mastery);
		} else {
			strbuf_printf(out, "mastered %s", type);
		}
		break;
	case MOVE_NO_NEED:
		strbuf_printf(out, "no need for %s this week", type);
		break;
	case MOVE_PIN_MUST:
		strbuf_printf(out, "a must pin puts them in %s (pins.csv:%ld)", to, m->line);
		break;
	case MOVE_PIN_NEVER:
		strbuf_printf(out, "a never pin keeps them out of %s (pins.csv:%ld)", from, m->line);
		break;
	case MOVE_NOT_RUNNING: {
		char why[256];
		reasons_not_running_text(w, &m->not_running, m->from, why, sizeof why);
		strbuf_printf(out, "%s does not run this week: %s", from, why);
		if (m->not_running.why == NOT_RUNNING_CLOSED && !m->reopen_checked)
			strbuf_printf(out, "; only %d could join it without giving up a group that "
				      "clashes with it or passing their maximum hours",
				      m->returners + m->fillers);
		else if (m->reopen_checked && m->reopen_broken[0] != '\0') {
			reopen_who(m, out);
			strbuf_printf(out, " breaks %s", m->reopen_broken);
		} else if (m->reopen_checked) {
			reopen_text(&c->settings, m, out);
		}
		break;
	}
	case MOVE_NO_FIT:
		if (m->misfit == MISFIT_WINDOWS) {
			strbuf_printf(out, "%s no longer fits their times", from);
		} else if (m->misfit == MISFIT_TAGS) {
			strbuf_printf(out, "%s requires tags they no longer have", from);
		} else {
			char weeks[48];
			group_phase_format(&c->groups[m->from], weeks, sizeof weeks);
			strbuf_printf(out, "%s takes %s since admission, they are in week %d", from,
				      weeks, m->phase_week);
		}
		break;
	case MOVE_CLASH: {
		const struct group *g = &c->groups[m->group];
		int a = w->active_of[m->patient];
		strbuf_printf(out, "%s meets at the same time as %s (%s, need %d), which they got",
			      from, g->id, c->type_names[g->type],
			      a >= 0 ? w->need[(size_t)a * w->n_types + (size_t)g->type] : 0);
		break;
	}
	case MOVE_HOURS:
		strbuf_printf(out, "keeping %s makes %g h, over their maximum %g h", from,
			      tidy(m->hours_with), m->hours_max);
		break;
	case MOVE_SEPARATION:
		strbuf_printf(out, "separated partner %s is in %s", c->patients[m->partner].id, from);
		break;
	case MOVE_FULL:
		strbuf_printf(out, "%s is full (%d of %d), %d of them new to it", from, m->members,
			      m->limit, m->newcomers);
		break;
	case MOVE_NEEDED:
		strbuf_printf(out, "%s needs them to run: %d members, its minimum %d", to,
			      m->members, m->limit);
		break;
	case MOVE_GAIN:
		strbuf_printf(out, "for the total: the move gains %g over keeping %s (their hours "
			      "%g -> %g; ", tidy(m->gain.total), from, tidy(m->hours_before),
			      tidy(m->hours_after));
		terms_text(&c->settings, &m->gain, 1, out);
		strbuf_puts(out, ")");
		break;
	case MOVE_TIE:
		strbuf_printf(out, "a tie: keeping %s scores the same, the optimiser chose %s", from,
			      m->to >= 0 ? to : "neither");
		break;
	case MOVE_MISSED:
		strbuf_printf(out, "keeping %s would score %g more (", from, tidy(-m->gain.total));
		terms_text(&c->settings, &m->gain, -1, out);
		strbuf_puts(out, "): a better roster than this one");
		break;
	}
}

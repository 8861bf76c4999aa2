/* admit.c -- seat one new patient around everyone else's rows, or name the move that makes room. */
#include "admit.h"

#include <stdlib.h>
#include <string.h>

#include "data/date.h"
#include "reasons.h"
#include "rules.h"

#define SCORE_EPS 1e-9
/* The search over the patient's choices is exact; this only bounds a
 * pathological clinic (dozens of types, hundreds of groups each). The
 * count is of nodes, not time, so the result stays deterministic. */
#define MAX_NODES 4000000L

struct search {
	const struct week *w;
	const struct clinic *c;
	int a;                 /* the patient's active index */
	size_t nt, ng;
	int *size;             /* [g] active members other than the patient */
	int *adv;              /* [g] advanced members among them */
	bool *partner_in;      /* [g] a separated partner of the patient is in it */
	int *must;             /* [t] must-pinned group of the type, or -1 */
	int **cand;            /* [t] candidate groups, groups.csv order */
	size_t *n_cand;        /* [t] */
	double *gain;          /* [g] score gained by the patient joining g */
	double *rem_gain;      /* [t] best possible gain of types t.. */
	double *rem_hours;     /* [t] most hours types t.. can add */
	int *choice, *best;    /* [t] group or -1 */
	double best_value;
	bool found;
	long nodes;
};

static void search_release(struct search *s)
{
	free(s->size);
	free(s->adv);
	free(s->partner_in);
	free(s->must);
	for (size_t t = 0; s->cand && t < s->nt; t++)
		free(s->cand[t]);
	free(s->cand);
	free(s->n_cand);
	free(s->gain);
	free(s->rem_gain);
	free(s->rem_hours);
	free(s->choice);
	free(s->best);
}

static void *zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

/* The score change of the patient joining g, around the others' rows
 * (the shortfall term is the search's, over the whole choice). */
static double join_gain(const struct search *s, int g)
{
	const struct week *w = s->w;
	const struct settings *settings = &s->c->settings;
	const struct group *gr = &s->c->groups[g];
	size_t ag = week_ag(w, s->a, g);
	double v = settings->w_need * w->need[(size_t)s->a * s->nt + (size_t)gr->type];
	if (w->previous[ag] && w->eligible[ag])
		v += settings->w_keep;
	int adv_self = w->advanced[s->a] ? 1 : 0;
	if (s->size[g] == 0) {
		int short_mix = settings->min_advanced - adv_self;
		v -= settings->group_cost + settings->w_mix * (short_mix > 0 ? short_mix : 0);
	} else if (adv_self && s->adv[g] < settings->min_advanced) {
		v += settings->w_mix;
	}
	return v;
}

static double shortfall(const struct search *s, double hours)
{
	const struct patient *p = &s->c->patients[s->w->active[s->a]];
	double missing = p->hours_min - hours;
	return missing > HOURS_EPS ? s->c->settings.w_short * missing : 0;
}

/* Why the patient cannot join g at all, or NULL when g is a candidate. */
static const char *blocked(const struct search *s, int g, char *buf, size_t size)
{
	const struct group *gr = &s->c->groups[g];
	const struct week *w = s->w;
	size_t ag = week_ag(w, s->a, g);
	double hmax = s->c->patients[w->active[s->a]].hours_max;
	if (!w->eligible[ag])
		return "they are not eligible for it";
	if (s->size[g] + 1 > gr->max_size) {
		snprintf(buf, size, "it is full (%d of %d)", s->size[g], gr->max_size);
		return buf;
	}
	if (s->size[g] + 1 < gr->min_size) {
		if (s->size[g] == 0)
			return "it is not running";
		snprintf(buf, size, "it has %d members, below its minimum %d",
			 s->size[g], gr->min_size);
		return buf;
	}
	if (s->partner_in[g])
		return "a separated partner is in it";
	if (gr->hours > hmax + HOURS_EPS)
		return "its hours pass their maximum";
	if (s->size[g] == 0) {
		for (size_t h = 0; h < s->ng; h++)
			if (s->size[h] > 0 && w->facilitator_clash[(size_t)g * s->ng + h])
				return "its facilitator runs a clashing group";
	}
	return NULL;
}

static bool compatible(const struct search *s, size_t upto, int g, double hours)
{
	const struct week *w = s->w;
	double hmax = s->c->patients[w->active[s->a]].hours_max;
	if (hours + s->c->groups[g].hours > hmax + HOURS_EPS)
		return false;
	for (size_t t = 0; t < upto; t++) {
		int h = s->choice[t];
		if (h < 0)
			continue;
		if (w->clash[(size_t)g * s->ng + (size_t)h])
			return false;
		/* Two groups the patient alone would open must not share a
		 * facilitator at clashing times either. */
		if (s->size[g] == 0 && s->size[h] == 0 &&
		    w->facilitator_clash[(size_t)g * s->ng + (size_t)h])
			return false;
	}
	return true;
}

static void dfs(struct search *s, size_t t, double value, double hours)
{
	if (++s->nodes > MAX_NODES && s->found)
		return;
	if (t == s->nt) {
		double total = value - shortfall(s, hours);
		if (!s->found || total > s->best_value + SCORE_EPS) {
			s->found = true;
			s->best_value = total;
			memcpy(s->best, s->choice, s->nt * sizeof *s->best);
		}
		return;
	}
	if (s->found) {
		double bound = value + s->rem_gain[t] - shortfall(s, hours + s->rem_hours[t]);
		if (bound <= s->best_value + SCORE_EPS)
			return;
	}
	for (size_t i = 0; i < s->n_cand[t]; i++) {
		int g = s->cand[t][i];
		if (s->must[t] >= 0 && g != s->must[t])
			continue;
		if (!compatible(s, t, g, hours))
			continue;
		s->choice[t] = g;
		dfs(s, t + 1, value + s->gain[g], hours + s->c->groups[g].hours);
	}
	s->choice[t] = -1;
	if (s->must[t] < 0)
		dfs(s, t + 1, value, hours);
}

static bool separated(const struct week *w, int a, int b)
{
	for (size_t i = 0; i < w->n_separations; i++)
		if ((w->separations[i].a == a && w->separations[i].b == b) ||
		    (w->separations[i].a == b && w->separations[i].b == a))
			return true;
	return false;
}

static enum status search_init(struct search *s, const struct week *w, const struct roster *others,
			       int a, struct diag_list *diag)
{
	const struct clinic *c = w->clinic;
	memset(s, 0, sizeof *s);
	s->w = w;
	s->c = c;
	s->a = a;
	s->nt = w->n_types;
	s->ng = w->n_groups;
	size_t nt = s->nt, ng = s->ng;
	s->size = zalloc(ng, sizeof *s->size);
	s->adv = zalloc(ng, sizeof *s->adv);
	s->partner_in = zalloc(ng, sizeof *s->partner_in);
	s->must = zalloc(nt, sizeof *s->must);
	s->cand = zalloc(nt, sizeof *s->cand);
	s->n_cand = zalloc(nt, sizeof *s->n_cand);
	s->gain = zalloc(ng, sizeof *s->gain);
	s->rem_gain = zalloc(nt + 1, sizeof *s->rem_gain);
	s->rem_hours = zalloc(nt + 1, sizeof *s->rem_hours);
	s->choice = zalloc(nt, sizeof *s->choice);
	s->best = zalloc(nt, sizeof *s->best);
	if (!s->size || !s->adv || !s->partner_in || !s->must || !s->cand || !s->n_cand ||
	    !s->gain || !s->rem_gain || !s->rem_hours || !s->choice || !s->best)
		return STATUS_NO_MEMORY;
	for (size_t t = 0; t < nt; t++) {
		s->must[t] = -1;
		s->choice[t] = s->best[t] = -1;
		if (!(s->cand[t] = zalloc(ng, sizeof *s->cand[t])))
			return STATUS_NO_MEMORY;
	}

	/* The others as the rules see them: active members, each pair once. */
	bool *in = zalloc(w->n_active * ng, sizeof *in);
	if (!in)
		return STATUS_NO_MEMORY;
	for (size_t i = 0; i < others->n; i++) {
		int p = others->items[i].patient, g = others->items[i].group;
		if (p < 0 || (size_t)p >= c->n_patients || g < 0 || (size_t)g >= ng)
			continue;
		int b = w->active_of[p];
		if (b < 0 || in[week_ag(w, b, g)])
			continue;
		in[week_ag(w, b, g)] = true;
		s->size[g]++;
		if (w->advanced[b])
			s->adv[g]++;
		if (separated(w, a, b))
			s->partner_in[g] = true;
	}
	free(in);

	enum status st = STATUS_OK;
	const char *pid = c->patients[w->active[a]].id;
	char why[128];
	for (size_t i = 0; i < w->n_pins; i++) {
		const struct active_pin *pn = &w->pins[i];
		if (pn->a != a || pn->rule != PIN_MUST)
			continue;
		int g = pn->g, t = c->groups[g].type;
		const char *b = blocked(s, g, why, sizeof why);
		if (s->must[t] >= 0) {
			diag_error(diag, "pins.csv", pn->line, 0, NULL,
				   "must pins put '%s' in '%s' and '%s', both of type '%s'",
				   pid, c->groups[s->must[t]].id, c->groups[g].id,
				   c->type_names[t]);
			st = STATUS_INFEASIBLE;
		} else if (b) {
			diag_error(diag, "pins.csv", pn->line, 0, NULL,
				   "must pin puts '%s' in '%s', but %s", pid, c->groups[g].id, b);
			st = STATUS_INFEASIBLE;
		}
		s->must[t] = g;
	}
	if (st != STATUS_OK)
		return st;

	for (size_t g = 0; g < ng; g++) {
		if (blocked(s, (int)g, why, sizeof why))
			continue;
		int t = c->groups[g].type;
		s->cand[t][s->n_cand[t]++] = (int)g;
		s->gain[g] = join_gain(s, (int)g);
	}
	for (size_t t = nt; t-- > 0;) {
		double best_gain = 0, most_hours = 0;
		for (size_t i = 0; i < s->n_cand[t]; i++) {
			int g = s->cand[t][i];
			if (s->must[t] >= 0 && g != s->must[t])
				continue;
			if (s->gain[g] > best_gain)
				best_gain = s->gain[g];
			if (c->groups[g].hours > most_hours)
				most_hours = c->groups[g].hours;
		}
		/* A must pin is paid whatever it costs: its gain may be negative. */
		if (s->must[t] >= 0)
			best_gain = s->gain[s->must[t]];
		s->rem_gain[t] = s->rem_gain[t + 1] + best_gain;
		s->rem_hours[t] = s->rem_hours[t + 1] + most_hours;
	}
	return STATUS_OK;
}

static int cmp_move(const struct clinic *c, const struct admit_move *x, const struct admit_move *y)
{
	if (x->score > y->score + SCORE_EPS)
		return -1;
	if (y->score > x->score + SCORE_EPS)
		return 1;
	int d = strcmp(c->patients[x->patient].id, c->patients[y->patient].id);
	if (!d)
		d = strcmp(c->groups[x->from].id, c->groups[y->from].id);
	if (!d)
		d = strcmp(c->groups[x->to].id, c->groups[y->to].id);
	return d;
}

/* The best single move that opens a seat of type t in a full group for
 * the patient, checked by the rule checker itself; false when none. */
static enum status find_move(const struct week *w, const struct search *s,
			     const struct roster *placed, const struct admit_result *res,
			     int patient, int t, struct admit_move *out, bool *found)
{
	const struct clinic *c = w->clinic;
	size_t ng = s->ng;
	int a = s->a;
	double hours = 0;
	for (size_t i = 0; i < res->n_given; i++)
		hours += c->groups[res->given[i]].hours;
	const struct patient *pt = &c->patients[patient];
	*found = false;

	struct roster trial = { 0 };
	if (!roster_add(&trial, 0, 0, 0))
		return STATUS_NO_MEMORY;
	enum status st = STATUS_OK;
	for (size_t g = 0; g < ng && st == STATUS_OK; g++) {
		const struct group *gr = &c->groups[g];
		size_t ag = week_ag(w, a, (int)g);
		if (gr->type != t || !w->eligible[ag] || s->size[g] < gr->max_size || s->size[g] == 0)
			continue;
		if (hours + gr->hours > pt->hours_max + HOURS_EPS)
			continue;
		bool clash = false;
		for (size_t i = 0; i < res->n_given && !clash; i++)
			clash = w->clash[g * ng + (size_t)res->given[i]];
		if (clash)
			continue;
		for (size_t i = 0; i < placed->n && st == STATUS_OK; i++) {
			int m = placed->items[i].patient;
			if (placed->items[i].group != (int)g || m == patient)
				continue;
			int b = w->active_of[m];
			if (b < 0 || w->pin[week_ag(w, b, (int)g)] == PIN_MARK_MUST)
				continue;
			for (size_t h = 0; h < ng; h++) {
				const struct group *hr = &c->groups[h];
				if (h == g || hr->type != t || !w->eligible[week_ag(w, b, (int)h)] ||
				    s->size[h] == 0 || s->size[h] + 1 > hr->max_size)
					continue;
				/* The trial roster: m moved, the patient seated in g. */
				trial.n = 0;
				for (size_t j = 0; j < placed->n; j++) {
					struct placement pl = placed->items[j];
					if (pl.patient == m && pl.group == (int)g)
						pl.group = (int)h;
					if (!roster_add(&trial, pl.patient, pl.group, pl.line)) {
						st = STATUS_NO_MEMORY;
						break;
					}
				}
				if (st != STATUS_OK || !roster_add(&trial, patient, (int)g, 0)) {
					st = STATUS_NO_MEMORY;
					break;
				}
				struct diag_list quiet = DIAG_LIST_INIT;
				size_t broken = rules_check(w, &trial, NULL, &quiet);
				diag_list_release(&quiet);
				if (broken)
					continue;
				struct score_terms sc;
				score_roster(w, &trial, &sc);
				struct admit_move mv = {
					.type = t, .patient = m, .from = (int)g, .to = (int)h,
					.score = sc.total,
				};
				if (!*found || cmp_move(c, &mv, out) < 0) {
					*out = mv;
					*found = true;
				}
			}
		}
	}
	roster_release(&trial);
	return st;
}

enum status admit_patient(const struct week *w, const struct roster *current,
			  const char *roster_file, int patient,
			  struct admit_result *out, struct diag_list *diag)
{
	const struct clinic *c = w->clinic;
	memset(out, 0, sizeof *out);
	if (patient < 0 || (size_t)patient >= c->n_patients)
		return STATUS_INTERNAL;
	const char *pid = c->patients[patient].id;
	int a = w->active_of[patient];
	if (a < 0) {
		char day[11];
		date_format(w->monday, day);
		diag_error(diag, NULL, 0, 0, NULL,
			   "'%s' is not active in the week of %s (see admitted, discharge "
			   "and away in patients.csv)", pid, day);
		return STATUS_BAD_DATA;
	}

	/* Everyone else's rows, exactly as they are. */
	struct roster others = { 0 };
	for (size_t i = 0; i < current->n; i++) {
		const struct placement *pl = &current->items[i];
		if (pl->patient == patient) {
			out->n_replaced++;
			continue;
		}
		if (!roster_add(&others, pl->patient, pl->group, pl->line)) {
			roster_release(&others);
			return STATUS_NO_MEMORY;
		}
	}

	struct search s;
	enum status st = search_init(&s, w, &others, a, diag);
	if (st == STATUS_OK) {
		dfs(&s, 0, 0, 0);
		if (!s.found) {
			/* Only must pins remove the "no group" choice. */
			diag_error(diag, "pins.csv", 0, 0, NULL,
				   "the must pins of '%s' cannot all hold together "
				   "(clashing times or too many hours)", pid);
			st = STATUS_INFEASIBLE;
		}
	}
	if (st == STATUS_OK) {
		out->given = zalloc(s.nt, sizeof *out->given);
		if (!out->given)
			st = STATUS_NO_MEMORY;
	}
	if (st == STATUS_OK) {
		/* roster_add's line 0: the patient's rows come from no file. */
		for (size_t i = 0; i < others.n && st == STATUS_OK; i++)
			if (!roster_add(&out->roster, others.items[i].patient,
					others.items[i].group, others.items[i].line))
				st = STATUS_NO_MEMORY;
		for (size_t g = 0; g < s.ng && st == STATUS_OK; g++) {
			bool chosen = false;
			for (size_t t = 0; t < s.nt; t++)
				chosen = chosen || s.best[t] == (int)g;
			if (!chosen)
				continue;
			out->given[out->n_given++] = (int)g;
			if (!roster_add(&out->roster, patient, (int)g, 0))
				st = STATUS_NO_MEMORY;
		}
	}
	if (st == STATUS_OK) {
		roster_sort(&out->roster, c);
		struct diag_list broken = DIAG_LIST_INIT;
		size_t n = rules_check(w, &out->roster, roster_file, &broken);
		if (n > 0) {
			for (size_t i = 0; i < broken.n; i++) {
				const struct diag *d = &broken.items[i];
				diag_add(diag, d->severity, d->file, d->line, d->field, d->column,
					 "%s", d->message);
			}
			diag_error(diag, roster_file, 0, 0, NULL,
				   "the roster breaks %zu hard rule%s that admitting '%s' "
				   "cannot fix; check and re-plan it first",
				   n, n == 1 ? "" : "s", pid);
			st = STATUS_BAD_DATA;
		}
		diag_list_release(&broken);
	}
	if (st == STATUS_OK) {
		score_roster(w, &out->roster, &out->score);
		st = reasons_compute(w, &out->roster, &out->unmet);
	}
	if (st == STATUS_OK) {
		out->moves = zalloc(s.nt, sizeof *out->moves);
		if (!out->moves)
			st = STATUS_NO_MEMORY;
	}
	for (size_t t = 0; t < s.nt && st == STATUS_OK; t++) {
		if (w->need[(size_t)a * s.nt + t] <= 0 || s.best[t] >= 0)
			continue;
		bool found;
		struct admit_move mv;
		st = find_move(w, &s, &out->roster, out, patient, (int)t, &mv, &found);
		if (st == STATUS_OK && found)
			out->moves[out->n_moves++] = mv;
	}
	search_release(&s);
	roster_release(&others);
	return st;
}

void admit_result_release(struct admit_result *r)
{
	if (!r)
		return;
	roster_release(&r->roster);
	free(r->given);
	unmet_list_release(&r->unmet);
	free(r->moves);
	memset(r, 0, sizeof *r);
}

enum status admit_fit(const struct week *w, const struct roster *others, int patient,
		      int *given, size_t *n_given, int *full_types, struct diag_list *diag)
{
	*n_given = 0;
	*full_types = 0;
	int a = patient >= 0 && (size_t)patient < w->clinic->n_patients ? w->active_of[patient]
									 : -1;
	if (a < 0)
		return STATUS_INTERNAL;
	struct search s;
	enum status st = search_init(&s, w, others, a, diag);
	if (st == STATUS_OK) {
		dfs(&s, 0, 0, 0);
		if (!s.found)
			st = STATUS_INFEASIBLE;
	}
	for (size_t g = 0; g < s.ng && st == STATUS_OK; g++)
		for (size_t t = 0; t < s.nt; t++)
			if (s.best[t] == (int)g)
				given[(*n_given)++] = (int)g;
	for (size_t t = 0; t < s.nt && st == STATUS_OK; t++) {
		if (w->need[(size_t)a * s.nt + t] <= 0 || s.best[t] >= 0)
			continue;
		for (size_t g = 0; g < s.ng; g++)
			if (w->clinic->groups[g].type == (int)t && w->eligible[week_ag(w, a, (int)g)] &&
			    s.size[g] + 1 > w->clinic->groups[g].max_size) {
				(*full_types)++;
				break;
			}
	}
	search_release(&s);
	return st;
}

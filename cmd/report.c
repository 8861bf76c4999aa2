/* report.c -- what the weekly report shows: what needs attention, overview,
 * advice, changes, unmet needs, billing and one sign-in sheet per running
 * group. The tags are data/html.c's and the charts cmd/chart.c's. */
#include "report.h"
#include "waitlist_view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "plural.h"
#include "summary.h"
#include "data/attendance.h"
#include "data/billing_text.h"
#include "data/date.h"
#include "data/html.h"
#include "data/roster_csv.h"
#include "solver/reasons.h"

const char *report_base_name(const char *path, char *buf, size_t size)
{
	if (path == NULL || *path == '\0')
		return "";
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && path[start - 1] != '/')
		start--;
	size_t n = len - start;
	if (n + 1 > size)
		n = size - 1;
	memcpy(buf, path + start, n);
	buf[n] = '\0';
	return buf;
}

/* ---- small formatting helpers ---- */

/* "Mon 2 Mar" for a day number. */
static void day_text(day_t d, char *buf, size_t size)
{
	date_format_short(d, buf, size);
}

/* When a slot meets in the week: "Mon 2 Mar 18:00-20:00", or the label
 * with its day when it names one: "sat-am (Sat 7 Mar)". */
static void slot_when(const struct slot *s, day_t monday, struct strbuf *b)
{
	char day[32];
	int d = slot_day(s);
	if (d >= 0)
		day_text(monday + d, day, sizeof day);
	if (s->timed) {
		strbuf_printf(b, "%s %02d:%02d&#8211;%02d:%02d", day, s->start / 60, s->start % 60,
			      s->end / 60, s->end % 60);
	} else {
		html_escape(b, s->label);
		if (d >= 0)
			strbuf_printf(b, " (%s)", day);
	}
}

static void group_when(const struct group *g, day_t monday, struct strbuf *b)
{
	for (size_t s = 0; s < g->n_slots; s++) {
		if (s)
			strbuf_puts(b, "; ");
		slot_when(&g->slots[s], monday, b);
	}
}

/* A patient as the director knows them: the display name and the id, or
 * the id alone. */
void report_patient_text(struct strbuf *b, const struct patient *p)
{
	if (p->name != NULL && *p->name) {
		html_escape(b, p->name);
		strbuf_puts(b, " ");
		html_inline_open(b, "span", "muted");
		html_escapef(b, "(%s)", p->id);
		html_inline_close(b, "span");
	} else {
		html_escape(b, p->id);
	}
}

void report_patient_cell(struct strbuf *b, const struct patient *p)
{
	html_cell_open(b, NULL);
	report_patient_text(b, p);
	html_cell_close(b);
}

/* At most two decimals, trailing zeros dropped: 4.5, 1851, 0.25. */
static void number(struct strbuf *b, double v)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.2f", v);
	char *dot = strchr(buf, '.');
	if (dot != NULL) {
		char *end = buf + strlen(buf);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	strbuf_puts(b, strcmp(buf, "-0") == 0 ? "0" : buf);
}

/* ---- what every section shares ---- */

struct ctx {
	const struct report_input *in;
	const struct week *w;
	const struct clinic *c;
	const struct roster *r;
	struct strbuf *b;
	int *members;       /* [g] */
	int *order;         /* groups by type, then groups.csv order */
	struct type_tally *tally;
	bool *has_type;     /* [a * n_types + t]: a has a group of type t */
	size_t n_needs, n_met;
	int running;
	const struct attention_list *attention;
};

static int group_order_cmp_type(const struct clinic *c, int x, int y)
{
	if (c->groups[x].type != c->groups[y].type)
		return c->groups[x].type < c->groups[y].type ? -1 : 1;
	return (x > y) - (x < y);
}

/* Why a group with no members does not run, in a director's words: the
 * same words as unmet.csv's not-running detail and explain. */
static void why_not_running(struct ctx *x, int g, struct strbuf *b)
{
	struct not_running nr;
	char why[256];
	reasons_not_running(x->w, x->r, g, &nr);
	reasons_not_running_text(x->w, &nr, g, why, sizeof why);
	html_escape(b, why);
}

/* ---- charts ---- */

static void chart_needs(struct ctx *x)
{
	size_t nt = x->w->n_types;
	struct chart_split_row *rows = calloc(nt + 1, sizeof *rows);
	if (rows == NULL) {
		x->b->failed = true;
		return;
	}
	for (size_t t = 0; t < nt; t++)
		rows[t] = (struct chart_split_row){ x->c->type_names[t], x->tally[t].met, x->tally[t].needs };
	chart_split_bars(x->b, &(struct chart_split){
		.id = "chart-needs", .title = "Needs met by type", .part_name = "met",
		.rest_name = "unmet", .rows = rows, .n_rows = nt });
	free(rows);
}

static void chart_fill(struct ctx *x)
{
	size_t ng = x->w->n_groups;
	struct chart_range_row *rows = calloc(ng + 1, sizeof *rows);
	if (rows == NULL) {
		x->b->failed = true;
		return;
	}
	for (size_t i = 0; i < ng; i++) {
		const struct group *gr = &x->c->groups[x->order[i]];
		rows[i] = (struct chart_range_row){ gr->id, x->members[x->order[i]], gr->min_size,
						    gr->max_size };
	}
	chart_range_bars(x->b, &(struct chart_range){
		.id = "chart-fill", .title = "Members of each group against its size limits",
		.value_class = "fill", .zero_note = "not running", .rows = rows, .n_rows = ng });
	free(rows);
}

/* ---- sections ---- */

static void card_count(struct strbuf *b, long n, const char *label)
{
	char value[32];
	snprintf(value, sizeof value, "%ld", n);
	html_card(b, value, label);
}

static void card_of(struct strbuf *b, long n, long of, const char *label)
{
	char value[48];
	snprintf(value, sizeof value, "%ld of %ld", n, of);
	html_card(b, value, label);
}

static void overview_cards(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct change_list *ch = x->in->changes;
	long active = (long)x->w->n_active;
	html_cards_open(b);
	card_count(b, active, plural(active, "active patient", "active patients"));
	card_count(b, ch->admitted, "new this week");
	card_count(b, ch->discharged, "discharged since last week");
	card_of(b, x->running, (long)x->w->n_groups, "groups running");
	card_of(b, (long)x->n_met, (long)x->n_needs, "needs met");
	html_cards_close(b);
}

static void overview_types(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	static const struct html_col cols[] = {
		{ "Type", NULL }, { "Needs", "n" }, { "Met", "n" }, { "Unmet", "n" }, { "Running", "n" },
	};
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	for (size_t t = 0; t < w->n_types; t++) {
		int run = 0, offered = 0;
		for (size_t g = 0; g < w->n_groups; g++)
			if (c->groups[g].type == (int)t) {
				offered++;
				run += x->members[g] > 0;
			}
		html_row_open(b);
		html_cell(b, NULL, c->type_names[t]);
		html_cellf(b, "n", "%d", x->tally[t].needs);
		html_cellf(b, "n", "%d", x->tally[t].met);
		html_cellf(b, "n", "%d", x->tally[t].needs - x->tally[t].met);
		html_cellf(b, "n", "%d of %d", run, offered);
		html_row_close(b);
	}
	html_table_close(b);
}

static void overview_not_running(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	html_heading(b, 3, NULL, "Not running (%zu)", w->n_groups - (size_t)x->running);
	if ((size_t)x->running == w->n_groups) {
		html_para(b, NULL, "Every group runs this week.");
		return;
	}
	static const struct html_col cols[] = {
		{ "Group", NULL }, { "Type", NULL }, { "When", NULL }, { "Why", NULL },
	};
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < w->n_groups; i++) {
		int g = x->order[i];
		if (x->members[g] > 0)
			continue;
		html_row_open(b);
		html_cell(b, NULL, c->groups[g].id);
		html_cell(b, NULL, c->type_names[c->groups[g].type]);
		html_cell_open(b, NULL);
		group_when(&c->groups[g], w->monday, b);
		html_cell_close(b);
		html_cell_open(b, NULL);
		why_not_running(x, g, b);
		html_cell_close(b);
		html_row_close(b);
	}
	html_table_close(b);
}

static void number_cell(struct strbuf *b, const char *sign, double v)
{
	html_cell_open(b, "n");
	strbuf_puts(b, sign);
	number(b, v);
	html_cell_close(b);
}

static void overview_score(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct plan_result *res = x->in->plan;
	const struct settings *settings = &x->c->settings;
	const struct score_terms *s = &res->score;
	static const struct html_col cols[] = {
		{ "Term", NULL }, { "Value", "n" }, { "Weight", "n" }, { "Points", "n" },
	};
	html_heading(b, 3, NULL, "Details: the score, its bound and gap");
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	struct { const char *name; double value, weight, sign; } terms[] = {
		{ "need met (sum of need levels placed)", s->need_sum, settings->w_need, 1 },
		{ "kept from last week", s->kept, settings->w_keep, 1 },
		{ "hours short of hours_min", s->short_hours, settings->w_short, -1 },
		{ "advanced members missing", s->mix_short, settings->w_mix, -1 },
		{ "groups running", s->running, settings->group_cost, -1 },
		{ "billable patient-weeks", s->billable, settings->w_billable, 1 },
	};
	/* v2's term only while the billing rule is on */
	size_t n_terms = sizeof terms / sizeof terms[0] - (settings->billable_days > 0 ? 0 : 1);
	for (size_t i = 0; i < n_terms; i++) {
		double pts = terms[i].sign * terms[i].weight * terms[i].value;
		html_row_open(b);
		html_cell(b, NULL, terms[i].name);
		number_cell(b, "", terms[i].value);
		number_cell(b, "", terms[i].weight);
		number_cell(b, pts < 0 ? "&#8722;" : pts > 0 ? "+" : "", fabs(pts));
		html_row_close(b);
	}
	html_row_open(b);
	html_th(b, NULL, "score");
	html_cell(b, NULL, "");
	html_cell(b, NULL, "");
	html_inline_open(b, "th", "n");
	number(b, s->total);
	html_inline_close(b, "th");
	html_row_close(b);
	html_table_close(b);

	html_para_open(b, NULL);
	if (x->in->bound_note != NULL) {
		html_escape(b, x->in->bound_note);
	} else {
		strbuf_puts(b, "Upper bound ");
		number(b, res->bound);
		/* the summary's own words for what ended the run, so the
		 * report never says "time limit" for a run its budget ended */
		char ended[160];
		plan_end_describe(res, ended, sizeof ended);
		const char *why = strncmp(ended, "stopped: ", 9) == 0 ? ended + 9 : ended;
		if (res->optimal)
			strbuf_printf(b, ", gap %.2f%%: %s.", 100.0 * res->gap,
				      res->gap <= 0 ? "proven optimal" : "within the requested gap");
		else
			strbuf_printf(b, ", gap %.2f%%: %s; a better roster may exist.",
				      100.0 * res->gap, why);
	}
	html_para_close(b);
}

/* One kind's items: who or what, the plain words, what would help. */
static void attention_table(struct ctx *x, const struct attention_item *items, size_t n)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	bool warnings = items[0].kind == ATTENTION_WARNING;
	bool any_fix = false;
	for (size_t i = 0; i < n; i++)
		any_fix |= items[i].fix != NULL;
	html_table_head(b);
	if (!warnings)
		html_th(b, NULL, items[0].patient >= 0 ? "Patient" : "Group");
	html_th(b, NULL, warnings ? "Warning" : "What");
	if (any_fix)
		html_th(b, NULL, "What would help");
	html_table_body(b);
	for (size_t i = 0; i < n; i++) {
		const struct attention_item *it = &items[i];
		html_row_open(b);
		if (it->patient >= 0)
			report_patient_cell(b, &c->patients[it->patient]);
		else if (it->group >= 0)
			html_cell(b, NULL, c->groups[it->group].id);
		html_cell(b, NULL, it->text);
		if (any_fix)
			html_cell(b, NULL, it->fix ? it->fix : "");
		html_row_close(b);
	}
	html_table_close(b);
}

/* First of all: what the director must act on, kind by kind. */
static void section_attention(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct attention_list *l = x->attention;
	html_section_open(b, NULL, "attention", NULL);
	html_heading(b, 2, NULL, "Needs attention");
	if (l->n == 0) {
		html_para(b, NULL, "Nothing needs attention this week.");
		html_section_close(b);
		return;
	}
	for (size_t i = 0; i < l->n;) {
		enum attention_kind k = l->items[i].kind;
		size_t end = i;
		while (end < l->n && l->items[end].kind == k)
			end++;
		html_heading(b, 3, NULL, "%s (%zu)", attention_kind_title(k), end - i);
		attention_table(x, l->items + i, end - i);
		i = end;
	}
	html_section_close(b);
}

/* Contract v2, while the rule is on: each patient's week, billable or not
 * and why, the ones not billable first. */
static void section_billing(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct settings *s = &x->c->settings;
	if (s->billable_days <= 0)
		return;
	html_section_open(b, NULL, "billing", NULL);
	html_heading(b, 2, NULL, "Billing");
	char hours[32];
	billing_hours_format(s->billable_day_hours, hours, sizeof hours);
	html_para(b, NULL, "%d of %zu patient-weeks billable: a week bills with at least %d %s of "
		  "%s h of groups.", x->in->plan->score.billable, w->n_active, s->billable_days,
		  plural(s->billable_days, "day", "days"), hours);
	struct billing *bills = calloc(w->n_active + 1, sizeof *bills);
	if (bills == NULL) {
		b->failed = true;
		return;
	}
	billing_of_roster_all(w, x->r, bills);
	static const struct html_col cols[] = { { "Patient", NULL }, { "Billing", NULL } };
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	for (int billable = 0; billable <= 1; billable++)
		for (size_t a = 0; a < w->n_active; a++) {
			if (bills[a].billable != (bool)billable)
				continue;
			char text[256];
			billing_text(w, &bills[a], text, sizeof text);
			html_row_open(b);
			report_patient_cell(b, &x->c->patients[w->active[a]]);
			html_cell(b, NULL, text);
			html_row_close(b);
		}
	html_table_close(b);
	html_section_close(b);
	free(bills);
}

static void section_overview(struct ctx *x)
{
	struct strbuf *b = x->b;
	html_section_open(b, NULL, "overview", NULL);
	html_heading(b, 2, NULL, "Overview");
	overview_cards(x);
	html_heading(b, 3, NULL, "Needs met by type");
	chart_needs(x);
	overview_types(x);
	html_heading(b, 3, NULL, "Group fill");
	chart_fill(x);
	html_para(b, "hint", "Bars: members; grey band: the group's minimum to maximum size.");
	overview_not_running(x);
	overview_score(x);
	html_section_close(b);
}

/* The candidate's sessions, "Tuesday 18:00–20:00; Thursday 18:00–20:00". */
static void advice_when_html(const struct advice_candidate *k, day_t monday, struct strbuf *b)
{
	for (size_t i = 0; i < k->n_slots; i++) {
		if (i)
			strbuf_puts(b, "; ");
		slot_when(&k->slots[i], monday, b);
	}
}

/* "3 sessions a week like the support groups, " or "a second sup-01, " */
static void advice_shape(struct ctx *x, const struct advice_candidate *k)
{
	struct strbuf *b = x->b;
	if (k->like_group >= 0) {
		strbuf_puts(b, "a second ");
		html_escape(b, x->c->groups[k->like_group].id);
		strbuf_puts(b, ", ");
		return;
	}
	strbuf_printf(b, "%zu %s a week like the ", k->n_slots,
		      plural((long)k->n_slots, "session", "sessions"));
	html_escape(b, x->c->type_names[k->type]);
	strbuf_puts(b, " groups, ");
}

/* A group in the advice's move list: the candidate is "the new group". */
static void advice_group_cell(struct ctx *x, int g)
{
	if (g < 0)
		html_cell(x->b, NULL, "none");
	else if ((size_t)g >= x->c->n_groups)
		html_cell(x->b, NULL, "the new group");
	else
		html_cell(x->b, NULL, x->c->groups[g].id);
}

/* Every placement the advised group changes, so nothing it costs is hidden. */
static void advice_moves(struct ctx *x, const struct advice_candidate *k)
{
	struct strbuf *b = x->b;
	static const struct html_col cols[] = {
		{ "Patient", NULL }, { "Type", NULL }, { "From", NULL }, { "To", NULL },
	};
	html_heading(b, 3, NULL, "Placements it changes (%zu)", k->n_moves);
	if (k->n_moves == 0)
		return;
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < k->n_moves; i++) {
		const struct advice_move *m = &k->moves[i];
		html_row_open(b);
		report_patient_cell(b, &x->c->patients[x->w->active[m->a]]);
		html_cell(b, NULL, x->c->type_names[m->type]);
		advice_group_cell(x, m->from);
		advice_group_cell(x, m->to);
		html_row_close(b);
	}
	html_table_close(b);
}

/* The types no group could be proposed for, and why. */
static void advice_unshaped(struct ctx *x)
{
	const struct advice *adv = x->in->advice;
	for (size_t i = 0; i < adv->n_unshaped; i++) {
		const char *type = x->c->type_names[adv->unshaped[i].type];
		int n = adv->unshaped[i].sessions;
		html_para(x->b, NULL, "No extra %s group was proposed: %s groups meet %d %s a week, "
			  "and no unmet patient's windows give %d on different days or fit an "
			  "existing %s group's times.", type, type, n, plural(n, "time", "times"),
			  n, type);
	}
}

/* The extra group advice found best, and what it would bring. */
static void advice_best_group(struct ctx *x, const struct advice_candidate *best)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	int gained = best->met_after - best->met_before;
	html_box_open(b, "advice");
	html_para_open(b, NULL);
	html_inline_open(b, "b", NULL);
	strbuf_puts(b, "Add one ");
	html_escape(b, c->type_names[best->type]);
	strbuf_puts(b, " group on ");
	advice_when_html(best, w->monday, b);
	html_inline_close(b, "b");
	strbuf_puts(b, " (");
	advice_shape(x, best);
	number(b, best->hours);
	strbuf_printf(b, " h a week, %d&#8211;%d members). ", best->min_size, best->max_size);
	if (best->whole_week)
		strbuf_puts(b, "Re-solving the whole week with it meets ");
	else
		strbuf_puts(b, "Re-solving the week with it, where only its type's groups and the "
			    "patients with unmet needs are re-planned and everyone else keeps their "
			    "groups, meets at least ");
	html_inline_open(b, "b", NULL);
	strbuf_printf(b, "%d more %s", gained, plural(gained, "need", "needs"));
	html_inline_close(b, "b");
	strbuf_printf(b, " (%d of %zu instead of %d), with %d %s in the new group.", best->met_after,
		      x->n_needs, best->met_before, best->members,
		      plural(best->members, "member", "members"));
	if (best->whole_week)
		strbuf_puts(b, best->optimal ? " The re-solve proved its roster optimal."
			    : " The re-solve stopped at its time limit, so it may meet even more.");
	html_para_close(b);
	if (best->n_gained > 0) {
		html_para_open(b, NULL);
		strbuf_puts(b, "Newly met: ");
		for (size_t i = 0; i < best->n_gained; i++) {
			if (i)
				strbuf_puts(b, "; ");
			report_patient_text(b, &c->patients[w->active[best->gained_a[i]]]);
			strbuf_puts(b, " &#8211; ");
			html_escape(b, c->type_names[best->gained_t[i]]);
		}
		strbuf_puts(b, ".");
		html_para_close(b);
	}
	if (best->n_lost > 0) {
		html_para_open(b, NULL);
		strbuf_puts(b, "No longer met: ");
		for (int i = 0; i < best->n_lost; i++) {
			if (i)
				strbuf_puts(b, "; ");
			report_patient_text(b, &c->patients[w->active[best->lost_a[i]]]);
			strbuf_puts(b, " &#8211; ");
			html_escape(b, c->type_names[best->lost_t[i]]);
		}
		strbuf_puts(b, ".");
		html_para_close(b);
	}
	html_para_open(b, NULL);
	strbuf_printf(b, "Net change: %+d %s met (%zu newly met, %d no longer met); group hours "
		      "of all patients ", gained, plural(gained, "need", "needs"), best->n_gained,
		      best->n_lost);
	number(b, best->hours_before);
	strbuf_puts(b, " &#8594; ");
	number(b, best->hours_after);
	strbuf_printf(b, "; %zu %s change.", best->n_moves,
		      plural((long)best->n_moves, "placement", "placements"));
	html_para_close(b);
	html_box_close(b);
	advice_moves(x, best);
}

static void advice_considered(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct advice *adv = x->in->advice;
	static const struct html_col cols[] = {
		{ "Type", NULL }, { "When", NULL }, { "Unmet needs it fits", "n" }, { "Needs gained", "n" },
	};
	html_heading(b, 3, NULL, "Groups considered");
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < adv->n_candidates; i++) {
		const struct advice_candidate *k = &adv->candidates[i];
		if (!k->evaluated)
			continue;
		html_row_open(b);
		html_cell(b, NULL, x->c->type_names[k->type]);
		html_cell_open(b, NULL);
		advice_when_html(k, x->w->monday, b);
		html_cell_close(b);
		html_cellf(b, "n", "%d", k->fitting);
		html_cellf(b, "n", "%d", k->met_after - k->met_before);
		html_row_close(b);
	}
	html_table_close(b);
}

static void advice_risks(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	const struct advice *adv = x->in->advice;
	static const struct html_col cols[] = {
		{ "Group", NULL }, { "Type", NULL }, { "Members", "n" }, { "Minimum", "n" },
		{ "Leaving this week", "n" }, { "Outlook", NULL },
	};
	html_heading(b, 3, NULL, "Groups near their minimum");
	if (adv->n_risks == 0) {
		html_para(b, NULL, "No running group is within one member of its minimum.");
		return;
	}
	html_boxed_table_open(b, "risk", cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; i < adv->n_risks; i++) {
		const struct advice_risk *k = &adv->risks[i];
		html_row_open(b);
		html_cell(b, NULL, c->groups[k->group].id);
		html_cell(b, NULL, c->type_names[c->groups[k->group].type]);
		html_cellf(b, "n", "%d", k->members);
		html_cellf(b, "n", "%d", k->min_size);
		html_cellf(b, "n", "%d", k->leaving);
		html_cell(b, NULL, k->members - k->leaving < k->min_size
			  ? "below its minimum next week unless someone joins"
			  : "one more departure stops it");
		html_row_close(b);
	}
	html_boxed_table_close(b);
}

static void section_advice(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct advice *adv = x->in->advice;
	html_section_open(b, NULL, "advice", NULL);
	html_heading(b, 2, NULL, "Advice");
	if (adv == NULL) {
		html_para(b, NULL, "Advice was not computed for this run.");
		html_section_close(b);
		return;
	}
	const struct advice_candidate *best = advice_best(adv);
	if (adv->unmet == 0)
		html_para(b, NULL, "Every need is met: no extra group is needed.");
	else if (best != NULL)
		advice_best_group(x, best);
	else if (adv->n_evaluated > 0)
		html_para(b, NULL, "No single extra group at a time the unmet patients gave would meet "
			  "more needs (%zu %s re-solved).", adv->n_evaluated,
			  plural((long)adv->n_evaluated, "candidate", "candidates"));
	else if (adv->n_candidates > 0)
		html_para(b, NULL, "No candidate group could be re-solved within the time allowed for advice.");
	else
		html_para(b, NULL, "No extra group could help: the unmet patients' windows suggest no time "
			  "at which a new group could reach its minimum size.");
	if (adv->unmet > 0)
		advice_unshaped(x);
	if (adv->n_evaluated > 1 || (adv->n_evaluated == 1 && best == NULL))
		advice_considered(x);
	advice_risks(x);
	html_section_close(b);
}

static void change_table(struct ctx *x, enum change_kind kind, const char *title)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	const struct change_list *l = x->in->changes;
	int n = kind == CHANGE_JOINED ? l->joined : kind == CHANGE_MOVED ? l->moved : l->left;
	html_heading(b, 3, NULL, "%s (%d)", title, n);
	if (n == 0)
		return;
	html_table_head(b);
	html_th(b, NULL, "Patient");
	html_th(b, NULL, "Type");
	if (kind != CHANGE_JOINED)
		html_th(b, NULL, "From");
	if (kind != CHANGE_LEFT)
		html_th(b, NULL, "To");
	html_th(b, NULL, "Why");
	html_table_body(b);
	for (size_t i = 0; i < l->n; i++) {
		const struct change *ch = &l->items[i];
		if (ch->kind != kind)
			continue;
		html_row_open(b);
		report_patient_cell(b, &c->patients[ch->patient]);
		html_cell(b, NULL, c->type_names[ch->type]);
		if (kind != CHANGE_JOINED)
			html_cell(b, NULL, c->groups[ch->from].id);
		if (kind != CHANGE_LEFT)
			html_cell(b, NULL, c->groups[ch->to].id);
		struct strbuf why = STRBUF_INIT;
		move_reason_text(x->w, &ch->why, &why);
		if (ch->unmet)
			strbuf_printf(&why, "; need unmet: %s", unmet_reason_name(ch->reason));
		html_cell(b, NULL, why.data);
		strbuf_release(&why);
		html_row_close(b);
	}
	html_table_close(b);
}

static void section_changes(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct change_list *l = x->in->changes;
	html_section_open(b, NULL, "changes", NULL);
	html_heading(b, 2, NULL, "Changes since last week");
	if (!l->has_previous) {
		html_para(b, NULL, "There is no previous roster: every placement is new.");
		html_section_close(b);
		return;
	}
	html_para_open(b, NULL);
	strbuf_puts(b, "Compared with ");
	html_escape(b, x->in->previous_name ? x->in->previous_name : "the previous roster");
	strbuf_printf(b, ": %d joined, %d moved, %d left, %d kept their group.", l->joined,
		      l->moved, l->left, l->kept);
	html_para_close(b);
	change_table(x, CHANGE_JOINED, "Joined");
	change_table(x, CHANGE_MOVED, "Moved");
	change_table(x, CHANGE_LEFT, "Left");
	html_section_close(b);
}

static const char *reason_title(enum unmet_reason r)
{
	switch (r) {
	case REASON_NO_GROUP: return "No group of the type";
	case REASON_NO_FIT: return "No group fits their times or tags";
	case REASON_PINNED_OUT: return "Kept out by pins";
	case REASON_CLASH: return "Every fitting group clashes";
	case REASON_HOURS: return "Over their weekly hours";
	case REASON_SEPARATION: return "A separated partner is in every fitting group";
	case REASON_FULL: return "Every fitting group full";
	case REASON_NOT_RUNNING: return "No fitting group runs this week";
	case REASON_TRADE_OFF: return "Traded off";
	}
	return "Other";
}

static const char *reason_hint(enum unmet_reason r)
{
	switch (r) {
	case REASON_NO_GROUP: return "No group of this type is offered: add one to groups.csv.";
	case REASON_NO_FIT: return "No group meets when these patients can come or has the tags they have: "
			      "add a group at a time they gave, or review their availability.";
	case REASON_PINNED_OUT: return "Every group that fits has a never pin for the patient: review pins.csv.";
	case REASON_CLASH: return "Each group that fits meets at the same time as a group the patient got: "
			      "move a session.";
	case REASON_HOURS: return "Any more would pass the patient's hours_max: raise it or shorten a group.";
	case REASON_SEPARATION: return "A separated partner is in every group that fits: review separations.csv.";
	case REASON_FULL: return "Every group that fits is at its maximum: raise max_size, "
			     "or add a group (see Advice).";
	case REASON_NOT_RUNNING: return "No group that fits runs this week; the detail says why "
				    "(too few can join, its facilitator is busy, or the optimiser closed it).";
	case REASON_TRADE_OFF: return "The fitting groups are blocked for different reasons, or the optimiser "
				  "preferred another roster: 'iop-roster explain CLINIC PATIENT' shows each group.";
	}
	return "";
}

static const struct clinic *sort_clinic;

static int cmp_unmet(const void *p, const void *q)
{
	const struct unmet *x = *(const struct unmet *const *)p, *y = *(const struct unmet *const *)q;
	if (x->reason != y->reason)
		return x->reason < y->reason ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->need != y->need)
		return x->need > y->need ? -1 : 1;
	return x->a < y->a ? -1 : x->a > y->a;
}

static void unmet_table(struct ctx *x, const struct unmet *const *items, size_t n)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	static const struct html_col cols[] = {
		{ "Patient", NULL }, { "Type", NULL }, { "Need", "n" }, { "Detail", NULL },
	};
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	for (size_t k = 0; k < n; k++) {
		const struct unmet *m = items[k];
		html_row_open(b);
		report_patient_cell(b, &c->patients[x->w->active[m->a]]);
		html_cell(b, NULL, c->type_names[m->type]);
		html_cellf(b, "n", "%d", m->need);
		html_cell(b, NULL, m->detail);
		html_row_close(b);
	}
	html_table_close(b);
}

static void section_unmet(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct unmet_list *u = &x->in->plan->unmet;
	html_section_open(b, NULL, "unmet", NULL);
	html_heading(b, 2, NULL, "Unmet needs (%zu)", u->n);
	if (u->n == 0) {
		html_para(b, NULL, "Every need is met.");
		html_section_close(b);
		return;
	}
	const struct unmet **items = malloc(u->n * sizeof *items);
	if (items == NULL) {
		b->failed = true;
		return;
	}
	for (size_t i = 0; i < u->n; i++)
		items[i] = &u->items[i];
	qsort(items, u->n, sizeof *items, cmp_unmet);
	html_para(b, "hint", "Grouped by reason, which says what would help; highest need first.");
	for (size_t i = 0; i < u->n;) {
		enum unmet_reason r = items[i]->reason;
		size_t end = i;
		while (end < u->n && items[end]->reason == r)
			end++;
		html_heading(b, 3, NULL, "%s (%zu)", reason_title(r), end - i);
		html_para(b, "hint", "%s", reason_hint(r));
		unmet_table(x, items + i, end - i);
		i = end;
	}
	free(items);
	html_section_close(b);
}

/* Members on a sign-in sheet: by display name (ASCII case folded), then id. */
static int cmp_member(const void *p, const void *q)
{
	const struct patient *x = &sort_clinic->patients[*(const int *)p];
	const struct patient *y = &sort_clinic->patients[*(const int *)q];
	const char *nx = x->name && *x->name ? x->name : x->id;
	const char *ny = y->name && *y->name ? y->name : y->id;
	int d = strcasecmp(nx, ny);
	if (d == 0)
		d = strcmp(nx, ny);
	return d ? d : strcmp(x->id, y->id);
}

/* One "label value" item of a sheet's meta line: opens the item, whose
 * value the caller writes before html_inline_close(b, "span"). */
static void meta_item(struct strbuf *b, const char *label)
{
	html_inline_open(b, "span", NULL);
	html_inline_open(b, "b", NULL);
	strbuf_puts(b, label);
	html_inline_close(b, "b");
	strbuf_puts(b, " ");
}

/* What a sheet says about its group above the names. */
static void sheet_meta(struct ctx *x, int g)
{
	struct strbuf *b = x->b;
	const struct group *gr = &x->c->groups[g];
	html_para_open(b, "meta");
	meta_item(b, "When");
	group_when(gr, x->w->monday, b);
	html_inline_close(b, "span");
	strbuf_puts(b, " ");
	meta_item(b, "Facilitator");
	html_escape(b, gr->facilitator ? gr->facilitator : "not named");
	html_inline_close(b, "span");
	strbuf_puts(b, " ");
	meta_item(b, "Hours");
	number(b, gr->hours);
	html_inline_close(b, "span");
	strbuf_puts(b, " ");
	meta_item(b, "Members");
	strbuf_printf(b, "%d (limits %d&#8211;%d)", x->members[g], gr->min_size, gr->max_size);
	html_inline_close(b, "span");
	html_para_close(b);
}

/* The columns to sign in: one per session when they fit across a page,
 * each with its date and its start and end (payers ask for them); the
 * sessions are data/sessions.h's, the attendance sheet's. */
static size_t sheet_head(struct ctx *x, const struct group *gr, const struct session_list *ss)
{
	struct strbuf *b = x->b;
	html_table_head(b);
	html_th(b, "n", "#");
	html_th(b, NULL, "Patient");
	html_th(b, NULL, "Notes");
	if (ss->n > 5) {
		html_th(b, "sig", "Signature");
		html_table_body(b);
		return 1;
	}
	for (size_t i = 0; i < ss->n; i++) {
		const struct session *s = &ss->items[i];
		char day[32], start[8], end[8];
		strbuf_puts(b, "<th class=\"sig\">");
		if (s->dated) {
			day_text(s->date, day, sizeof day);
			strbuf_puts(b, day);
		} else {
			strbuf_puts(b, "day not given");
		}
		strbuf_puts(b, "<br>");
		if (s->timed) {
			session_time_format(s->start, start, sizeof start);
			session_time_format(s->end, end, sizeof end);
			strbuf_printf(b, "%s&#8211;%s", start, end);
		} else {
			html_escape(b, gr->slots[s->slot].label);
			strbuf_puts(b, ", no set time");
		}
		strbuf_puts(b, "</th>");
	}
	html_table_body(b);
	return ss->n;
}

/* A sign-in cell: blank to sign, or why the member cannot come that day. */
static void sheet_sign_cell(struct ctx *x, const struct patient *p, const struct session_list *ss,
			    size_t i, size_t sig_columns)
{
	enum known_absence k = KNOWN_NONE;
	if (sig_columns == ss->n && i < ss->n)
		k = patient_known_absence(p, ss->items[i].date);
	if (k == KNOWN_NONE || !ss->items[i].dated)
		html_cell(x->b, "sig", "");
	else
		html_cell(x->b, "sig known", known_absence_name(k));
}

/* Marks beside a member: new, advanced, how their place changed, pinned. */
static void sheet_marks(struct ctx *x, int a, int g)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	html_cell_open(b, NULL);
	if (w->is_new[a])
		html_span(b, "mark new", "new");
	if (w->advanced[a])
		html_span(b, "mark adv", "advanced");
	if (w->has_previous && !w->is_new[a]) {
		enum change_kind change = roster_change(w, a, g);
		if (change != CHANGE_KEPT)
			html_span(b, "mark", change_kind_name(change));
	}
	if (w->pin[week_ag(w, a, g)] == PIN_MARK_MUST)
		html_span(b, "mark", "pinned");
	html_cell_close(b);
}

static void sheet(struct ctx *x, int g, int *who)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	const struct roster *r = x->r;
	const struct group *gr = &c->groups[g];
	size_t n = 0;
	for (size_t k = 0; k < r->n; k++)
		if (r->items[k].group == g && w->active_of[r->items[k].patient] >= 0)
			who[n++] = r->items[k].patient;
	sort_clinic = c;
	qsort(who, n, sizeof *who, cmp_member);
	sort_clinic = NULL;

	html_section_open(b, "sheet", "group-", gr->id);
	html_heading_open(b, 2);
	html_escape(b, gr->id);
	strbuf_puts(b, HTML_DOT);
	html_escape(b, c->type_names[gr->type]);
	html_heading_close(b, 2);
	sheet_meta(x, g);
	struct session_list ss = { 0 };
	if (!sessions_of_group(w, g, &ss))
		b->failed = true;
	size_t sig_columns = sheet_head(x, gr, &ss);
	for (size_t k = 0; k < n; k++) {
		int p = who[k];
		html_row_open(b);
		html_cellf(b, "n", "%zu", k + 1);
		report_patient_cell(b, &c->patients[p]);
		sheet_marks(x, w->active_of[p], g);
		for (size_t s = 0; s < sig_columns; s++)
			sheet_sign_cell(x, &c->patients[p], &ss, s, sig_columns);
		html_row_close(b);
	}
	html_table_close(b);
	session_list_release(&ss);
	html_section_close(b);
}

static void section_sheets(struct ctx *x)
{
	struct strbuf *b = x->b;
	int *who = malloc((x->r->n + 1) * sizeof *who);
	if (who == NULL) {
		b->failed = true;
		return;
	}
	html_section_open(b, NULL, "groups", NULL);
	html_heading(b, 2, NULL, "Groups running (%d)", x->running);
	if (x->running == 0)
		html_para(b, NULL, "No group runs this week.");
	else
		html_para(b, "hint", "One sign-in sheet per group; each prints on a page of its own.");
	for (size_t i = 0; i < x->w->n_groups; i++)
		if (x->members[x->order[i]] > 0)
			sheet(x, x->order[i], who);
	html_section_close(b);
	free(who);
}

/* The page's head: the week, the clinic, the files it came from. */
static void report_header(const struct report_input *in, day_t monday, struct strbuf *b)
{
	struct html_link nav[7] = {
		{ "attention", "Needs attention" }, { "overview", "Overview" },
		{ "advice", "Advice" }, { "changes", "Changes" }, { "unmet", "Unmet needs" },
	};
	size_t n_nav = 5;
	if (in->week->clinic->settings.billable_days > 0)
		nav[n_nav++] = (struct html_link){ "billing", "Billing" };
	nav[n_nav++] = (struct html_link){ "groups", "Sign-in sheets" };
	char day[11], title[32], pretty[32];
	date_format(monday, day);
	snprintf(title, sizeof title, "Week of %s", day);
	html_page_open(b, title, in->clinic_name);
	day_text(monday, pretty, sizeof pretty);
	html_header_open(b, "Week of %s", pretty);
	html_escape(b, in->clinic_name);
	strbuf_puts(b, HTML_DOT "roster ");
	html_escape(b, in->roster_name);
	if (in->previous_name) {
		strbuf_puts(b, HTML_DOT "previous ");
		html_escape(b, in->previous_name);
	}
	strbuf_puts(b, HTML_DOT "confidential: patient health information");
	html_header_close(b);
	html_nav(b, nav, n_nav);
}

void report_html(const struct report_input *in, struct strbuf *b)
{
	const struct week *w = in->week;
	const struct clinic *c = w->clinic;
	struct ctx x = {
		.in = in, .w = w, .c = c, .r = &in->plan->roster, .b = b,
		.members = calloc(w->n_groups + 1, sizeof *x.members),
		.order = calloc(w->n_groups + 1, sizeof *x.order),
		.tally = calloc(w->n_types + 1, sizeof *x.tally),
		.has_type = calloc(w->n_active * w->n_types + 1, sizeof *x.has_type),
	};
	if (x.members == NULL || x.order == NULL || x.tally == NULL || x.has_type == NULL) {
		b->failed = true;
		goto done;
	}
	for (size_t i = 0; i < x.r->n; i++) {
		int a = w->active_of[x.r->items[i].patient];
		if (a >= 0)
			x.has_type[(size_t)a * w->n_types + (size_t)c->groups[x.r->items[i].group].type] = true;
	}
	summary_group_sizes(w, x.r, x.members);
	summary_tally_needs(w, x.r, x.tally);
	for (size_t t = 0; t < w->n_types; t++) {
		x.n_needs += (size_t)x.tally[t].needs;
		x.n_met += (size_t)x.tally[t].met;
	}
	for (size_t g = 0; g < w->n_groups; g++) {
		x.running += x.members[g] > 0;
		/* insertion by (type, file order): small n, stable */
		size_t k = g;
		while (k > 0 && group_order_cmp_type(c, x.order[k - 1], (int)g) > 0) {
			x.order[k] = x.order[k - 1];
			k--;
		}
		x.order[k] = (int)g;
	}

	struct attention_list own = { 0 };
	x.attention = in->attention;
	if (x.attention == NULL) {
		struct attention_input ain = { .week = w, .roster = x.r, .unmet = &in->plan->unmet };
		if (attention_build(&ain, &own) != STATUS_OK) {
			b->failed = true;
			attention_release(&own);
			goto done;
		}
		x.attention = &own;
	}

	report_header(in, w->monday, b);
	section_attention(&x);
	section_overview(&x);
	section_advice(&x);
	section_changes(&x);
	if (in->waitlist)
		waitlist_view_html(b, c, in->waitlist, w->monday);
	section_unmet(&x);
	if (in->last_weeks != NULL)
		last_weeks_report(in->last_weeks, w, x.r, b);
	section_billing(&x);
	section_sheets(&x);
	html_page_close(b);
	attention_release(&own);
done:
	free(x.members);
	free(x.order);
	free(x.tally);
	free(x.has_type);
}

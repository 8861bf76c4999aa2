/* report.c -- the weekly report's HTML layout: overview, advice, changes,
 * unmet needs and one sign-in sheet per running group. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "summary.h"
#include "data/date.h"
#include "data/html.h"
#include "data/roster_csv.h"

/* Colours are attributes, not CSS, so charts print without "background
 * graphics"; the browser test looks for the fill and met colours. */
#define COLOUR_FILL "#2b6cb0"
#define COLOUR_MET "#2f855a"
#define COLOUR_UNMET "#dd6b20"
#define COLOUR_BAND "#e2e8f0"
#define COLOUR_LIMIT "#4a5568"
#define COLOUR_TEXT "#1a202c"

static const char style[] =
	":root{color-scheme:light}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;"
	"color:#1a202c;background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"main{max-width:980px;margin:0 auto;padding:12px 16px 40px}\n"
	"h1{font-size:1.6em;margin:.3em 0 .1em}\n"
	"h2{font-size:1.3em;border-bottom:2px solid #2b6cb0;padding-bottom:2px;margin:1.6em 0 .5em}\n"
	"h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
	"p{margin:.4em 0}\n"
	".sub,.muted{color:#4a5568}\n"
	"nav{margin:.6em 0;font-size:.95em}\n"
	"nav a{margin-right:1em;white-space:nowrap}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:.6em 0}\n"
	".card{border:1px solid #cbd5e0;border-radius:6px;padding:8px 10px;background:#f7fafc}\n"
	".card b{display:block;font-size:1.6em;line-height:1.2}\n"
	".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
	"th,td{border-bottom:1px solid #e2e8f0;padding:4px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#edf2f7;font-weight:600}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"svg.chart{display:block;width:100%;max-width:620px;height:auto;margin:.4em 0}\n"
	".mark{display:inline-block;border:1px solid #4a5568;border-radius:3px;padding:0 4px;"
	"margin-right:3px;font-size:.78em;white-space:nowrap}\n"
	".mark.new{border-color:#2f855a;color:#22543d}\n"
	".mark.adv{border-color:#2b6cb0;color:#2a4365}\n"
	".advice{border-left:4px solid #2f855a;padding:6px 10px;background:#f0fff4}\n"
	".risk{border-left:4px solid #dd6b20;padding:6px 10px;background:#fffaf0}\n"
	".hint{color:#4a5568;font-size:.95em}\n"
	".sheet .meta{margin:.3em 0 .6em}\n"
	".sheet .meta span{margin-right:1.4em;white-space:nowrap}\n"
	".sheet td{height:2.4em;vertical-align:middle}\n"
	".sheet td.sig{min-width:6em;border-left:1px solid #cbd5e0}\n"
	"@media (max-width:600px){body{font-size:14px}main{padding:8px}th,td{padding:3px 4px}}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{font-size:10.5pt}main{max-width:none;padding:0}nav{display:none}"
	"a{color:inherit;text-decoration:none}"
	".sheet{break-before:page;page-break-before:always}"
	"tr,.card,svg.chart,.advice,.risk{break-inside:avoid;page-break-inside:avoid}"
	"h2,h3{break-after:avoid;page-break-after:avoid}"
	".scroll{overflow:visible}}\n";

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

static const char *const day_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "Mon 2 Mar" for a day number. */
static void day_text(day_t d, char *buf, size_t size)
{
	char iso[11];
	date_format(d, iso);
	int month = (iso[5] - '0') * 10 + (iso[6] - '0');
	int day = (iso[8] - '0') * 10 + (iso[9] - '0');
	snprintf(buf, size, "%s %d %s", day_names[date_weekday(d)], day,
		 month >= 1 && month <= 12 ? month_names[month - 1] : "?");
}

/* When a slot meets in the week: "Mon 2 Mar 18:00-20:00" or the label. */
static void slot_when(const struct slot *s, day_t monday, struct strbuf *b)
{
	if (s->timed) {
		char day[32];
		day_text(monday + s->day, day, sizeof day);
		strbuf_printf(b, "%s %02d:%02d&#8211;%02d:%02d", day, s->start / 60, s->start % 60,
			      s->end / 60, s->end % 60);
	} else {
		html_escape(b, s->label);
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
static void patient_cell(struct strbuf *b, const struct patient *p)
{
	if (p->name != NULL && *p->name) {
		html_escape(b, p->name);
		strbuf_puts(b, " <span class=\"muted\">(");
		html_escape(b, p->id);
		strbuf_puts(b, ")</span>");
	} else {
		html_escape(b, p->id);
	}
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

static const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
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
};

static int group_order_cmp_type(const struct clinic *c, int x, int y)
{
	if (c->groups[x].type != c->groups[y].type)
		return c->groups[x].type < c->groups[y].type ? -1 : 1;
	return (x > y) - (x < y);
}

/* Why a group with no members does not run, in a director's words. */
static void why_not_running(struct ctx *x, int g, struct strbuf *b)
{
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	const struct group *gr = &c->groups[g];
	int eligible = 0, free_ = 0;
	for (size_t a = 0; a < w->n_active; a++) {
		if (!w->eligible[week_ag(w, (int)a, g)])
			continue;
		eligible++;
		free_ += !x->has_type[a * w->n_types + (size_t)gr->type];
	}
	for (size_t h = 0; h < w->n_groups; h++) {
		if (x->members[h] > 0 && w->facilitator_clash[(size_t)g * w->n_groups + h]) {
			strbuf_puts(b, "its facilitator runs ");
			html_escape(b, c->groups[h].id);
			strbuf_puts(b, " at a clashing time");
			return;
		}
	}
	if (eligible < gr->min_size)
		strbuf_printf(b, "only %d %s eligible, minimum %d", eligible,
			      plural(eligible, "patient", "patients"), gr->min_size);
	else if (free_ < gr->min_size) {
		strbuf_printf(b, "%d eligible, but only %d without another ", eligible, free_);
		html_escape(b, c->type_names[gr->type]);
		strbuf_printf(b, " group; minimum %d", gr->min_size);
	} else
		strbuf_printf(b, "%d eligible; the optimiser placed them in other groups", eligible);
}

/* ---- charts ---- */

static void chart_needs(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	size_t nt = x->w->n_types;
	int most = 1;
	for (size_t t = 0; t < nt; t++)
		if (x->tally[t].needs > most)
			most = x->tally[t].needs;
	const int label_w = 120, bar_w = 340, row = 28, top = 8;
	int height = top + (int)nt * row + 30;
	strbuf_printf(b, "<svg class=\"chart\" id=\"chart-needs\" viewBox=\"0 0 560 %d\" "
		      "role=\"img\" aria-labelledby=\"chart-needs-title\" "
		      "font-family=\"sans-serif\" font-size=\"14\">\n"
		      "<title id=\"chart-needs-title\">Needs met by type</title>\n", height);
	for (size_t t = 0; t < nt; t++) {
		int y = top + (int)t * row;
		int met = x->tally[t].met, needs = x->tally[t].needs;
		int wm = (int)lround((double)bar_w * met / most);
		int wu = (int)lround((double)bar_w * (needs - met) / most);
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"" COLOUR_TEXT "\">",
			      label_w - 8, y + 15);
		html_escape(b, c->type_names[t]);
		strbuf_puts(b, "</text>");
		if (wm > 0)
			strbuf_printf(b, "<rect class=\"met\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\""
				      COLOUR_MET "\"/>", label_w, y + 2, wm);
		if (wu > 0)
			strbuf_printf(b, "<rect class=\"unmet\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\""
				      COLOUR_UNMET "\"/>", label_w + wm, y + 2, wu);
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">%d/%d</text>\n",
			      label_w + wm + wu + 6, y + 15, met, needs);
	}
	int ly = top + (int)nt * row + 12;
	strbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"" COLOUR_MET "\"/>"
		      "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">met</text>"
		      "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"" COLOUR_UNMET "\"/>"
		      "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">unmet</text>\n</svg>\n",
		      label_w, ly, label_w + 16, ly + 11, label_w + 70, ly, label_w + 86, ly + 11);
}

static void chart_fill(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	size_t ng = x->w->n_groups;
	int most = 1;
	for (size_t g = 0; g < ng; g++) {
		if (c->groups[g].max_size > most)
			most = c->groups[g].max_size;
		if (x->members[g] > most)
			most = x->members[g];
	}
	const int label_w = 120, bar_w = 340, row = 24, top = 20;
	int height = top + (int)ng * row + 8;
	strbuf_printf(b, "<svg class=\"chart\" id=\"chart-fill\" viewBox=\"0 0 560 %d\" "
		      "role=\"img\" aria-labelledby=\"chart-fill-title\" "
		      "font-family=\"sans-serif\" font-size=\"14\">\n"
		      "<title id=\"chart-fill-title\">Members of each group against its size limits</title>\n",
		      height);
	/* A scale along the top: 0, the largest limit. */
	strbuf_printf(b, "<text x=\"%d\" y=\"12\" fill=\"" COLOUR_LIMIT "\" font-size=\"11\">0</text>"
		      "<text x=\"%d\" y=\"12\" fill=\"" COLOUR_LIMIT "\" font-size=\"11\" "
		      "text-anchor=\"end\">%d</text>\n", label_w, label_w + bar_w, most);
	for (size_t i = 0; i < ng; i++) {
		int g = x->order[i];
		const struct group *gr = &c->groups[g];
		int y = top + (int)i * row;
		int x_min = label_w + (int)lround((double)bar_w * gr->min_size / most);
		int x_max = label_w + (int)lround((double)bar_w * gr->max_size / most);
		int wm = (int)lround((double)bar_w * x->members[g] / most);
		strbuf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"" COLOUR_TEXT "\">",
			      label_w - 8, y + 14);
		html_escape(b, gr->id);
		strbuf_puts(b, "</text>");
		strbuf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"" COLOUR_BAND "\"/>",
			      x_min, y + 1, x_max - x_min > 0 ? x_max - x_min : 1);
		if (wm > 0)
			strbuf_printf(b, "<rect class=\"fill\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" "
				      "fill=\"" COLOUR_FILL "\"/>", label_w, y + 4, wm);
		strbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COLOUR_LIMIT
			      "\" stroke-width=\"1.5\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\""
			      COLOUR_LIMIT "\" stroke-width=\"1.5\"/>",
			      x_min, y, x_min, y + 20, x_max, y, x_max, y + 20);
		if (x->members[g] > 0)
			strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_TEXT "\">%d</text>\n",
				      (x_max > label_w + wm ? x_max : label_w + wm) + 6, y + 14,
				      x->members[g]);
		else
			strbuf_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_LIMIT "\">not running</text>\n",
				      x_max + 6, y + 14);
	}
	strbuf_puts(b, "</svg>\n");
	strbuf_puts(b, "<p class=\"hint\">Bars: members; grey band: the group's minimum to maximum size.</p>\n");
}

/* ---- sections ---- */

static void section_overview(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	const struct change_list *ch = x->in->changes;
	const struct plan_result *res = x->in->plan;
	const struct settings *st = &c->settings;

	strbuf_puts(b, "<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"cards\">\n");
	strbuf_printf(b, "<div class=\"card\"><b>%zu</b>active %s</div>\n", w->n_active,
		      plural((long)w->n_active, "patient", "patients"));
	strbuf_printf(b, "<div class=\"card\"><b>%d</b>new this week</div>\n", ch->admitted);
	strbuf_printf(b, "<div class=\"card\"><b>%d</b>discharged since last week</div>\n",
		      ch->discharged);
	strbuf_printf(b, "<div class=\"card\"><b>%d of %zu</b>groups running</div>\n", x->running,
		      w->n_groups);
	strbuf_printf(b, "<div class=\"card\"><b>%zu of %zu</b>needs met</div>\n", x->n_met,
		      x->n_needs);
	strbuf_puts(b, "</div>\n");

	strbuf_puts(b, "<h3>Needs met by type</h3>\n");
	chart_needs(x);
	strbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th>Type</th><th class=\"n\">Needs</th>"
		    "<th class=\"n\">Met</th><th class=\"n\">Unmet</th><th class=\"n\">Running</th>"
		    "</tr></thead>\n<tbody>\n");
	for (size_t t = 0; t < w->n_types; t++) {
		int run = 0, offered = 0;
		for (size_t g = 0; g < w->n_groups; g++)
			if (c->groups[g].type == (int)t) {
				offered++;
				run += x->members[g] > 0;
			}
		strbuf_puts(b, "<tr><td>");
		html_escape(b, c->type_names[t]);
		strbuf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
			      "<td class=\"n\">%d of %d</td></tr>\n", x->tally[t].needs, x->tally[t].met,
			      x->tally[t].needs - x->tally[t].met, run, offered);
	}
	strbuf_puts(b, "</tbody></table></div>\n");

	strbuf_puts(b, "<h3>Group fill</h3>\n");
	chart_fill(x);

	strbuf_printf(b, "<h3>Not running (%zu)</h3>\n", w->n_groups - (size_t)x->running);
	if ((size_t)x->running == w->n_groups) {
		strbuf_puts(b, "<p>Every group runs this week.</p>\n");
	} else {
		strbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th>Group</th><th>Type</th>"
			    "<th>When</th><th>Why</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < w->n_groups; i++) {
			int g = x->order[i];
			if (x->members[g] > 0)
				continue;
			strbuf_puts(b, "<tr><td>");
			html_escape(b, c->groups[g].id);
			strbuf_puts(b, "</td><td>");
			html_escape(b, c->type_names[c->groups[g].type]);
			strbuf_puts(b, "</td><td>");
			group_when(&c->groups[g], w->monday, b);
			strbuf_puts(b, "</td><td>");
			why_not_running(x, g, b);
			strbuf_puts(b, "</td></tr>\n");
		}
		strbuf_puts(b, "</tbody></table></div>\n");
	}

	const struct score_terms *s = &res->score;
	strbuf_puts(b, "<h3>Score</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>Term</th>"
		    "<th class=\"n\">Value</th><th class=\"n\">Weight</th><th class=\"n\">Points</th>"
		    "</tr></thead>\n<tbody>\n");
	struct { const char *name; double value, weight, sign; } terms[] = {
		{ "need met (sum of need levels placed)", s->need_sum, st->w_need, 1 },
		{ "kept from last week", s->kept, st->w_keep, 1 },
		{ "hours short of hours_min", s->short_hours, st->w_short, -1 },
		{ "advanced members missing", s->mix_short, st->w_mix, -1 },
		{ "groups running", s->running, st->group_cost, -1 },
	};
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
		strbuf_printf(b, "<tr><td>%s</td><td class=\"n\">", terms[i].name);
		number(b, terms[i].value);
		strbuf_puts(b, "</td><td class=\"n\">");
		number(b, terms[i].weight);
		strbuf_puts(b, "</td><td class=\"n\">");
		double pts = terms[i].sign * terms[i].weight * terms[i].value;
		strbuf_puts(b, pts < 0 ? "&#8722;" : pts > 0 ? "+" : "");
		number(b, fabs(pts));
		strbuf_puts(b, "</td></tr>\n");
	}
	strbuf_puts(b, "<tr><th>score</th><td></td><td></td><th class=\"n\">");
	number(b, s->total);
	strbuf_puts(b, "</th></tr>\n</tbody></table></div>\n<p>");
	if (x->in->bound_note != NULL) {
		html_escape(b, x->in->bound_note);
	} else {
		strbuf_puts(b, "Upper bound ");
		number(b, res->bound);
		strbuf_printf(b, ", gap %.2f%%: %s.", 100.0 * res->gap,
			      res->optimal ? (res->gap <= 0 ? "proven optimal"
						: "within the requested gap")
			      : res->stopped ? "stopped early; a better roster may exist"
			      : "time limit reached; a better roster may exist");
	}
	strbuf_puts(b, "</p>\n");
	strbuf_puts(b, "</section>\n");
}

static void section_advice(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	const struct advice *adv = x->in->advice;
	strbuf_puts(b, "<section id=\"advice\">\n<h2>Advice</h2>\n");
	if (adv == NULL) {
		strbuf_puts(b, "<p>Advice was not computed for this run.</p>\n</section>\n");
		return;
	}
	const struct advice_candidate *best = advice_best(adv);
	if (adv->unmet == 0) {
		strbuf_puts(b, "<p>Every need is met: no extra group is needed.</p>\n");
	} else if (best != NULL) {
		int gained = best->met_after - best->met_before;
		strbuf_puts(b, "<div class=\"advice\"><p><b>Add one ");
		html_escape(b, c->type_names[best->type]);
		strbuf_puts(b, " group on ");
		slot_when(&best->slot, w->monday, b);
		strbuf_puts(b, "</b> (");
		number(b, best->hours);
		strbuf_printf(b, " h a week, %d&#8211;%d members). ", best->min_size, best->max_size);
		if (best->whole_week)
			strbuf_puts(b, "Re-solving the whole week with it meets ");
		else
			strbuf_puts(b, "Re-solving the week with it, where only its type's groups and the "
				    "patients with unmet needs are re-planned and everyone else keeps their "
				    "groups, meets at least ");
		strbuf_printf(b, "<b>%d more %s</b> (%d of %zu instead of %d), with %d %s in the new group.",
			      gained, plural(gained, "need", "needs"), best->met_after, x->n_needs,
			      best->met_before, best->members, plural(best->members, "member", "members"));
		if (best->whole_week)
			strbuf_puts(b, best->optimal ? " The re-solve proved its roster optimal."
				    : " The re-solve stopped at its time limit, so it may meet even more.");
		strbuf_puts(b, "</p>\n");
		if (best->n_gained > 0) {
			strbuf_puts(b, "<p>Newly met: ");
			for (size_t i = 0; i < best->n_gained; i++) {
				if (i)
					strbuf_puts(b, "; ");
				patient_cell(b, &c->patients[w->active[best->gained_a[i]]]);
				strbuf_puts(b, " &#8211; ");
				html_escape(b, c->type_names[best->gained_t[i]]);
			}
			strbuf_puts(b, ".");
			if (best->n_lost > 0)
				strbuf_printf(b, " In exchange, %d %s this roster meets would go unmet.",
					      best->n_lost, plural(best->n_lost, "need", "needs"));
			strbuf_puts(b, "</p>\n");
		}
		strbuf_puts(b, "</div>\n");
	} else if (adv->n_evaluated > 0) {
		strbuf_printf(b, "<p>No single extra group at a time the unmet patients gave would meet "
			      "more needs (%zu %s re-solved).</p>\n", adv->n_evaluated,
			      plural((long)adv->n_evaluated, "candidate", "candidates"));
	} else if (adv->n_candidates > 0) {
		strbuf_puts(b, "<p>No candidate group could be re-solved within the time allowed for advice.</p>\n");
	} else {
		strbuf_puts(b, "<p>No extra group could help: the unmet patients' windows suggest no time "
			    "at which a new group could reach its minimum size.</p>\n");
	}
	if (adv->n_evaluated > 1 || (adv->n_evaluated == 1 && best == NULL)) {
		strbuf_puts(b, "<h3>Groups considered</h3>\n<div class=\"scroll\"><table>\n<thead><tr>"
			    "<th>Type</th><th>When</th><th class=\"n\">Unmet needs it fits</th>"
			    "<th class=\"n\">Needs gained</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < adv->n_candidates; i++) {
			const struct advice_candidate *k = &adv->candidates[i];
			if (!k->evaluated)
				continue;
			strbuf_puts(b, "<tr><td>");
			html_escape(b, c->type_names[k->type]);
			strbuf_puts(b, "</td><td>");
			slot_when(&k->slot, w->monday, b);
			strbuf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
				      k->fitting, k->met_after - k->met_before);
		}
		strbuf_puts(b, "</tbody></table></div>\n");
	}

	strbuf_puts(b, "<h3>Groups near their minimum</h3>\n");
	if (adv->n_risks == 0) {
		strbuf_puts(b, "<p>No running group is within one member of its minimum.</p>\n");
	} else {
		strbuf_puts(b, "<div class=\"risk\"><div class=\"scroll\"><table>\n<thead><tr><th>Group</th>"
			    "<th>Type</th><th class=\"n\">Members</th><th class=\"n\">Minimum</th>"
			    "<th class=\"n\">Leaving this week</th><th>Outlook</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < adv->n_risks; i++) {
			const struct advice_risk *k = &adv->risks[i];
			strbuf_puts(b, "<tr><td>");
			html_escape(b, c->groups[k->group].id);
			strbuf_puts(b, "</td><td>");
			html_escape(b, c->type_names[c->groups[k->group].type]);
			strbuf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
				      "<td class=\"n\">%d</td><td>%s</td></tr>\n", k->members, k->min_size,
				      k->leaving, k->members - k->leaving < k->min_size
				      ? "below its minimum next week unless someone joins"
				      : "one more departure stops it");
		}
		strbuf_puts(b, "</tbody></table></div></div>\n");
	}
	strbuf_puts(b, "</section>\n");
}

static void change_table(struct ctx *x, enum change_kind kind, const char *title)
{
	struct strbuf *b = x->b;
	const struct clinic *c = x->c;
	const struct change_list *l = x->in->changes;
	int n = kind == CHANGE_JOINED ? l->joined : kind == CHANGE_MOVED ? l->moved : l->left;
	strbuf_printf(b, "<h3>%s (%d)</h3>\n", title, n);
	if (n == 0)
		return;
	strbuf_printf(b, "<div class=\"scroll\"><table>\n<thead><tr><th>Patient</th><th>Type</th>%s%s"
		      "<th>Why</th></tr></thead>\n<tbody>\n",
		      kind != CHANGE_JOINED ? "<th>From</th>" : "",
		      kind != CHANGE_LEFT ? "<th>To</th>" : "");
	for (size_t i = 0; i < l->n; i++) {
		const struct change *ch = &l->items[i];
		if (ch->kind != kind)
			continue;
		strbuf_puts(b, "<tr><td>");
		patient_cell(b, &c->patients[ch->patient]);
		strbuf_puts(b, "</td><td>");
		html_escape(b, c->type_names[ch->type]);
		strbuf_puts(b, "</td>");
		if (kind != CHANGE_JOINED) {
			strbuf_puts(b, "<td>");
			html_escape(b, c->groups[ch->from].id);
			strbuf_puts(b, "</td>");
		}
		if (kind != CHANGE_LEFT) {
			strbuf_puts(b, "<td>");
			html_escape(b, c->groups[ch->to].id);
			strbuf_puts(b, "</td>");
		}
		strbuf_printf(b, "<td>%s", change_why_text(ch->why));
		if (ch->why == WHY_UNMET)
			strbuf_printf(b, ": %s", unmet_reason_name(ch->reason));
		strbuf_puts(b, "</td></tr>\n");
	}
	strbuf_puts(b, "</tbody></table></div>\n");
}

static void section_changes(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct change_list *l = x->in->changes;
	strbuf_puts(b, "<section id=\"changes\">\n<h2>Changes since last week</h2>\n");
	if (!l->has_previous) {
		strbuf_puts(b, "<p>There is no previous roster: every placement is new.</p>\n</section>\n");
		return;
	}
	strbuf_puts(b, "<p>Compared with ");
	html_escape(b, x->in->previous_name ? x->in->previous_name : "the previous roster");
	strbuf_printf(b, ": %d joined, %d moved, %d left, %d kept their group.</p>\n", l->joined,
		      l->moved, l->left, l->kept);
	change_table(x, CHANGE_JOINED, "Joined");
	change_table(x, CHANGE_MOVED, "Moved");
	change_table(x, CHANGE_LEFT, "Left");
	strbuf_puts(b, "</section>\n");
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
	case REASON_FULL: return "Every fitting group full or not running";
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
	case REASON_FULL: return "Every group that fits is at its maximum or not running: raise max_size, "
			     "or add a group (see Advice).";
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

static void section_unmet(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	const struct unmet_list *u = &x->in->plan->unmet;
	strbuf_printf(b, "<section id=\"unmet\">\n<h2>Unmet needs (%zu)</h2>\n", u->n);
	if (u->n == 0) {
		strbuf_puts(b, "<p>Every need is met.</p>\n</section>\n");
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
	strbuf_puts(b, "<p class=\"hint\">Grouped by reason, which says what would help; "
		    "highest need first.</p>\n");
	for (size_t i = 0; i < u->n;) {
		enum unmet_reason r = items[i]->reason;
		size_t end = i;
		while (end < u->n && items[end]->reason == r)
			end++;
		strbuf_printf(b, "<h3>%s (%zu)</h3>\n<p class=\"hint\">%s</p>\n", reason_title(r),
			      end - i, reason_hint(r));
		strbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th>Patient</th><th>Type</th>"
			    "<th class=\"n\">Need</th><th>Detail</th></tr></thead>\n<tbody>\n");
		for (size_t k = i; k < end; k++) {
			const struct unmet *m = items[k];
			strbuf_puts(b, "<tr><td>");
			patient_cell(b, &c->patients[w->active[m->a]]);
			strbuf_puts(b, "</td><td>");
			html_escape(b, c->type_names[m->type]);
			strbuf_printf(b, "</td><td class=\"n\">%d</td><td>", m->need);
			html_escape(b, m->detail);
			strbuf_puts(b, "</td></tr>\n");
		}
		strbuf_puts(b, "</tbody></table></div>\n");
		i = end;
	}
	free(items);
	strbuf_puts(b, "</section>\n");
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

static void section_sheets(struct ctx *x)
{
	struct strbuf *b = x->b;
	const struct week *w = x->w;
	const struct clinic *c = x->c;
	const struct roster *r = x->r;
	int *who = malloc((r->n + 1) * sizeof *who);
	if (who == NULL) {
		b->failed = true;
		return;
	}
	strbuf_printf(b, "<section id=\"groups\">\n<h2>Groups running (%d)</h2>\n", x->running);
	if (x->running == 0)
		strbuf_puts(b, "<p>No group runs this week.</p>\n");
	else
		strbuf_puts(b, "<p class=\"hint\">One sign-in sheet per group; each prints on a page of its own.</p>\n");
	for (size_t i = 0; i < w->n_groups; i++) {
		int g = x->order[i];
		if (x->members[g] == 0)
			continue;
		const struct group *gr = &c->groups[g];
		size_t n = 0;
		for (size_t k = 0; k < r->n; k++)
			if (r->items[k].group == g && w->active_of[r->items[k].patient] >= 0)
				who[n++] = r->items[k].patient;
		sort_clinic = c;
		qsort(who, n, sizeof *who, cmp_member);
		sort_clinic = NULL;

		strbuf_puts(b, "<section class=\"sheet\" id=\"");
		html_anchor(b, "group-", gr->id);
		strbuf_puts(b, "\">\n<h2>");
		html_escape(b, gr->id);
		strbuf_puts(b, " &#183; ");
		html_escape(b, c->type_names[gr->type]);
		strbuf_puts(b, "</h2>\n<p class=\"meta\"><span><b>When</b> ");
		group_when(gr, w->monday, b);
		strbuf_puts(b, "</span> <span><b>Facilitator</b> ");
		html_escape(b, gr->facilitator ? gr->facilitator : "not named");
		strbuf_puts(b, "</span> <span><b>Hours</b> ");
		number(b, gr->hours);
		strbuf_printf(b, "</span> <span><b>Members</b> %d (limits %d&#8211;%d)</span></p>\n",
			      x->members[g], gr->min_size, gr->max_size);
		/* A signature column per session, when they fit across a page. */
		bool per_session = gr->n_slots <= 5;
		strbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr><th class=\"n\">#</th>"
			    "<th>Patient</th><th>Notes</th>");
		if (per_session) {
			for (size_t s = 0; s < gr->n_slots; s++) {
				strbuf_puts(b, "<th class=\"sig\">");
				if (gr->slots[s].timed) {
					char day[32];
					day_text(w->monday + gr->slots[s].day, day, sizeof day);
					strbuf_puts(b, day);
				} else {
					html_escape(b, gr->slots[s].label);
				}
				strbuf_puts(b, "</th>");
			}
		} else {
			strbuf_puts(b, "<th class=\"sig\">Signature</th>");
		}
		strbuf_puts(b, "</tr></thead>\n<tbody>\n");
		for (size_t k = 0; k < n; k++) {
			int p = who[k], a = w->active_of[p];
			strbuf_printf(b, "<tr><td class=\"n\">%zu</td><td>", k + 1);
			patient_cell(b, &c->patients[p]);
			strbuf_puts(b, "</td><td>");
			if (w->is_new[a])
				strbuf_puts(b, "<span class=\"mark new\">new</span>");
			if (w->advanced[a])
				strbuf_puts(b, "<span class=\"mark adv\">advanced</span>");
			if (w->has_previous && !w->is_new[a]) {
				const char *change = roster_change_name(w, a, g);
				if (strcmp(change, "kept") != 0)
					strbuf_printf(b, "<span class=\"mark\">%s</span>", change);
			}
			if (w->pin[week_ag(w, a, g)] == PIN_MARK_MUST)
				strbuf_puts(b, "<span class=\"mark\">pinned</span>");
			strbuf_puts(b, "</td>");
			for (size_t s = 0; s < (per_session ? gr->n_slots : 1); s++)
				strbuf_puts(b, "<td class=\"sig\"></td>");
			strbuf_puts(b, "</tr>\n");
		}
		strbuf_puts(b, "</tbody></table></div>\n</section>\n");
	}
	strbuf_puts(b, "</section>\n");
	free(who);
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

	char day[11];
	date_format(w->monday, day);
	strbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "style-src 'unsafe-inline'\">\n"
		    "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>Week of ");
	strbuf_puts(b, day);
	strbuf_puts(b, " &#183; ");
	html_escape(b, in->clinic_name);
	strbuf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<header>\n", style);
	char pretty[32];
	day_text(w->monday, pretty, sizeof pretty);
	strbuf_printf(b, "<h1>Week of %s</h1>\n<p class=\"sub\">", pretty);
	html_escape(b, in->clinic_name);
	strbuf_puts(b, " &#183; roster ");
	html_escape(b, in->roster_name);
	if (in->previous_name) {
		strbuf_puts(b, " &#183; previous ");
		html_escape(b, in->previous_name);
	}
	strbuf_puts(b, " &#183; confidential: patient health information</p>\n</header>\n"
		    "<nav>\n<a href=\"#overview\">Overview</a>\n<a href=\"#advice\">Advice</a>\n"
		    "<a href=\"#changes\">Changes</a>\n<a href=\"#unmet\">Unmet needs</a>\n"
		    "<a href=\"#groups\">Sign-in sheets</a>\n</nav>\n");
	section_overview(&x);
	section_advice(&x);
	section_changes(&x);
	section_unmet(&x);
	section_sheets(&x);
	strbuf_puts(b, "</main>\n</body>\n</html>\n");
done:
	free(x.members);
	free(x.order);
	free(x.tally);
	free(x.has_type);
}

/* sim_report.c -- the HTML page of a simulation run: lines over the weeks,
 * drawn as inline SVG so the page needs nothing but a browser (or a printer). */
#include "sim_report.h"

#include <stdlib.h>
#include <string.h>

#include "data/date.h"
#include "data/html.h"

/* Fixed colours: the same run always gives the same bytes. */
static const char *const palette[] = {
	"#2b6cb0", "#dd6b20", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", "#4a5568",
};
#define N_PALETTE (sizeof palette / sizeof palette[0])

static const char style[] =
	":root{color-scheme:light}\n"
	"body{margin:0;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;"
	"color:#1a202c;background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"main{max-width:980px;margin:0 auto;padding:12px 16px 40px}\n"
	"h1{font-size:1.6em;margin:.3em 0 .1em}\n"
	"h2{font-size:1.3em;border-bottom:2px solid #2b6cb0;padding-bottom:2px;margin:1.6em 0 .5em}\n"
	"p{margin:.4em 0}\n"
	".sub,.hint{color:#4a5568}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:.6em 0}\n"
	".card{border:1px solid #cbd5e0;border-radius:6px;padding:8px 10px;background:#f7fafc}\n"
	".card b{display:block;font-size:1.6em;line-height:1.2}\n"
	".scroll{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
	"th,td{border-bottom:1px solid #e2e8f0;padding:4px 6px;text-align:left}\n"
	"th{background:#edf2f7;font-weight:600}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"svg.chart{display:block;width:100%;max-width:760px;height:auto;margin:.4em 0}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{main{max-width:none;padding:0}h2{break-after:avoid}svg.chart{break-inside:avoid}}\n";

struct series {
	const char *label;   /* escaped when written */
	const char *colour;
	bool dashed;
	int *values;         /* [n_weeks] */
};

enum { CHART_W = 720, CHART_H = 250, LEFT = 50, RIGHT = 700, TOP = 16, BOTTOM = 200 };

/* The smallest 1, 2 or 5 times a power of ten at least max / 5, so the
 * axis has at most five steps. */
static int axis_step(int max)
{
	int step = 1;
	for (;;) {
		static const int mult[] = { 1, 2, 5 };
		for (int i = 0; i < 3; i++)
			if (step * mult[i] * 5 >= max)
				return step * mult[i];
		step *= 10;
	}
}

static double x_of(size_t k, size_t n)
{
	if (n <= 1)
		return (LEFT + RIGHT) / 2.0;
	return LEFT + (double)(RIGHT - LEFT) * (double)k / (double)(n - 1);
}

static void chart(struct strbuf *b, const struct simulation *s, const char *id,
		  const char *title, const struct series *ser, size_t n_ser)
{
	size_t n = s->n_weeks;
	int max = 1;
	for (size_t i = 0; i < n_ser; i++)
		for (size_t k = 0; k < n; k++)
			if (ser[i].values[k] > max)
				max = ser[i].values[k];
	int step = axis_step(max);
	int top = (max + step - 1) / step * step;
	size_t legend_rows = (n_ser + 3) / 4;
	int height = CHART_H + 18 * (int)(legend_rows > 1 ? legend_rows - 1 : 0);

	strbuf_printf(b, "<svg class=\"chart\" id=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" "
		      "aria-label=\"", id, CHART_W, height);
	html_escape(b, title);
	strbuf_puts(b, "\" font-size=\"11\" font-family=\"sans-serif\">\n");
	for (int v = 0; v <= top; v += step) {
		double y = BOTTOM - (double)(BOTTOM - TOP) * v / top;
		strbuf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
			      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#4a5568\">%d</text>\n",
			      LEFT, y, RIGHT, y, v ? "#e2e8f0" : "#4a5568", LEFT - 6, y + 4, v);
	}
	/* Every week labelled when they fit, else every few. */
	size_t every = n <= 13 ? 1 : (n + 12) / 13;
	for (size_t k = 0; k < n; k += every) {
		char day[11];
		date_format(s->weeks[k].monday, day);
		strbuf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#4a5568\">%s</text>\n",
			      x_of(k, n), BOTTOM + 16, day + 5);
	}
	for (size_t i = 0; i < n_ser; i++) {
		strbuf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"",
			      ser[i].colour, ser[i].dashed ? " stroke-dasharray=\"6 4\"" : "");
		for (size_t k = 0; k < n; k++)
			strbuf_printf(b, "%s%.1f,%.1f", k ? " " : "", x_of(k, n),
				      BOTTOM - (double)(BOTTOM - TOP) * ser[i].values[k] / top);
		strbuf_puts(b, "\"/>\n");
		for (size_t k = 0; k < n; k++) {
			strbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>",
				      x_of(k, n),
				      BOTTOM - (double)(BOTTOM - TOP) * ser[i].values[k] / top,
				      ser[i].colour);
			html_escape(b, ser[i].label);
			strbuf_printf(b, ": %d</title></circle>\n", ser[i].values[k]);
		}
	}
	for (size_t i = 0; i < n_ser; i++) {
		int lx = LEFT + (int)(i % 4) * 165, ly = BOTTOM + 36 + 18 * (int)(i / 4);
		strbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			      "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\" fill=\"#1a202c\">",
			      lx, ly - 4, lx + 22, ly - 4, ser[i].colour,
			      ser[i].dashed ? " stroke-dasharray=\"6 4\"" : "", lx + 28, ly);
		html_escape(b, ser[i].label);
		strbuf_puts(b, "</text>\n");
	}
	strbuf_puts(b, "</svg>\n");
}

static void card(struct strbuf *b, const char *value, const char *label)
{
	strbuf_puts(b, "<div class=\"card\"><b>");
	html_escape(b, value);
	strbuf_puts(b, "</b>");
	html_escape(b, label);
	strbuf_puts(b, "</div>\n");
}

void sim_report_html(const struct simulation *s, const char *title, struct strbuf *out)
{
	const struct clinic *c = &s->clinic;
	size_t n = s->n_weeks, nt = c->n_types;
	/* Columns of per-week values; each series points into one. */
	enum { V_ACTIVE, V_ADMITTED, V_DISCHARGED, V_NEEDS, V_MET, V_UNMET, V_JOINS,
	       V_LEAVES, V_MOVES, V_KEPT, V_FIXED };
	size_t n_cols = V_FIXED + 2 * nt;
	int *v = calloc((n ? n : 1) * (n_cols ? n_cols : 1), sizeof *v);
	struct series *ser = calloc(2 * nt + 4, sizeof *ser);
	char **labels = calloc(2 * nt + 1, sizeof *labels);
	if (!v || !ser || !labels) {
		out->failed = true;
		goto done;
	}
#define COL(j) (v + (size_t)(j) * (n ? n : 1))
	long sum_kept = 0, sum_moved = 0, sum_adm = 0, sum_dis = 0, sum_active = 0;
	int peak_groups = 0, peak_needed = 0;
	for (size_t k = 0; k < n; k++) {
		const struct sim_metrics *m = &s->weeks[k].m;
		COL(V_ACTIVE)[k] = m->active;
		COL(V_ADMITTED)[k] = m->admitted;
		COL(V_DISCHARGED)[k] = m->discharged;
		COL(V_NEEDS)[k] = m->needs;
		COL(V_MET)[k] = m->met;
		COL(V_UNMET)[k] = m->needs - m->met;
		COL(V_JOINS)[k] = m->joined;
		COL(V_LEAVES)[k] = m->left;
		COL(V_MOVES)[k] = m->moved;
		COL(V_KEPT)[k] = m->kept;
		int needed = 0;
		for (size_t t = 0; t < nt; t++) {
			COL(V_FIXED + t)[k] = m->running_by_type[t];
			COL(V_FIXED + nt + t)[k] = m->needed_by_type[t];
			needed += m->needed_by_type[t];
		}
		sum_kept += m->kept;
		sum_moved += m->moved;
		sum_adm += m->admitted;
		sum_dis += m->discharged;
		sum_active += m->active;
		if (m->running > peak_groups)
			peak_groups = m->running;
		if (needed > peak_needed)
			peak_needed = needed;
	}

	char first[11] = "", last[11] = "";
	if (n) {
		date_format(s->weeks[0].monday, first);
		date_format(s->weeks[n - 1].monday, last);
	}
	strbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "style-src 'unsafe-inline'\">\n"
		    "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>Simulation &#183; ");
	html_escape(out, title);
	strbuf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", style);
	strbuf_printf(out, "<h1>Membership over time: %zu week%s from %s</h1>\n<p class=\"sub\">",
		      n, n == 1 ? "" : "s", first);
	html_escape(out, title);
	strbuf_printf(out, " &#183; simulated weeks %s to %s &#183; each week's folder beside "
		      "this page holds its inputs and roster</p>\n", first, last);

	char text[64];
	strbuf_puts(out, "<div class=\"cards\">\n");
	snprintf(text, sizeof text, "%.1f", n ? (double)sum_active / (double)n : 0.0);
	card(out, text, "active patients a week, on average");
	snprintf(text, sizeof text, "%ld / %ld", sum_adm, sum_dis);
	card(out, text, "admitted / discharged");
	snprintf(text, sizeof text, "%d / %d", peak_groups, peak_needed);
	card(out, text, "most groups running / needed in a week");
	if (sum_kept + sum_moved > 0)
		snprintf(text, sizeof text, "%.0f%%",
			 100.0 * (double)sum_kept / (double)(sum_kept + sum_moved));
	else
		snprintf(text, sizeof text, "-");
	card(out, text, "kept their group, of those staying in a type");
	strbuf_puts(out, "</div>\n");

	strbuf_puts(out, "<h2 id=\"active\">Active patients</h2>\n");
	struct series a[] = {
		{ "active", palette[0], false, COL(V_ACTIVE) },
		{ "admitted", palette[2], false, COL(V_ADMITTED) },
		{ "discharged", palette[1], false, COL(V_DISCHARGED) },
	};
	chart(out, s, "chart-active", "active patients", a, 3);

	strbuf_puts(out, "<h2 id=\"needs\">Needs met</h2>\n");
	struct series nm[] = {
		{ "needs", palette[7], true, COL(V_NEEDS) },
		{ "met", palette[2], false, COL(V_MET) },
		{ "unmet", palette[1], false, COL(V_UNMET) },
	};
	chart(out, s, "chart-needs", "needs met", nm, 3);

	strbuf_puts(out, "<h2 id=\"groups\">Groups by type</h2>\n<p class=\"hint\">Solid: groups "
		    "running. Dashed: groups needed to seat every need of the type (needs divided "
		    "by the type's largest group size), whatever the times.</p>\n");
	size_t ns = 0;
	for (size_t t = 0; t < nt; t++) {
		const char *colour = palette[t % N_PALETTE];
		ser[ns++] = (struct series){ c->type_names[t], colour, false, COL(V_FIXED + t) };
		size_t len = strlen(c->type_names[t]) + 16;
		if (!(labels[t] = malloc(len))) {
			out->failed = true;
			goto done;
		}
		snprintf(labels[t], len, "%s needed", c->type_names[t]);
		ser[ns++] = (struct series){ labels[t], colour, true, COL(V_FIXED + nt + t) };
	}
	chart(out, s, "chart-groups", "groups by type", ser, ns);

	strbuf_puts(out, "<h2 id=\"churn\">Churn</h2>\n<p class=\"hint\">Rows of each week's roster "
		    "compared with the week before: joins (a type the patient had no group of), "
		    "moves (another group of the same type), leaves (a type the patient no longer "
		    "has a group of), kept (the same group).</p>\n");
	struct series ch[] = {
		{ "kept", palette[2], false, COL(V_KEPT) },
		{ "joins", palette[0], false, COL(V_JOINS) },
		{ "leaves", palette[1], false, COL(V_LEAVES) },
		{ "moves", palette[3], false, COL(V_MOVES) },
	};
	chart(out, s, "chart-churn", "churn", ch, 4);

	strbuf_puts(out, "<h2 id=\"weeks\">Week by week</h2>\n<div class=\"scroll\"><table>\n<tr>"
		    "<th>week</th><th class=\"n\">active</th><th class=\"n\">admitted</th>"
		    "<th class=\"n\">discharged</th><th class=\"n\">needs met</th>"
		    "<th class=\"n\">groups</th><th class=\"n\">joins</th><th class=\"n\">leaves</th>"
		    "<th class=\"n\">moves</th><th class=\"n\">kept</th><th class=\"n\">score</th></tr>\n");
	for (size_t k = 0; k < n; k++) {
		const struct sim_metrics *m = &s->weeks[k].m;
		char day[11];
		date_format(s->weeks[k].monday, day);
		strbuf_printf(out, "<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
			      "<td class=\"n\">%d</td><td class=\"n\">%d / %d</td><td class=\"n\">%d</td>"
			      "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
			      "<td class=\"n\">%d</td><td class=\"n\">%.2f</td></tr>\n",
			      day, m->active, m->admitted, m->discharged, m->met, m->needs,
			      m->running, m->joined, m->left, m->moved, m->kept, m->score.total);
	}
	strbuf_puts(out, "</table></div>\n<p class=\"hint\">Every number is in metrics.csv.</p>\n"
		    "</main>\n</body>\n</html>\n");
#undef COL
done:
	for (size_t t = 0; labels && t < nt; t++)
		free(labels[t]);
	free(labels);
	free(ser);
	free(v);
}

/* html.c -- HTML escaping and the page builder of both reports. */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_escape_n(struct strbuf *b, const char *s, size_t n)
{
	if (s == NULL)
		return;
	size_t run = 0; /* start of the bytes not yet copied */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				rep = "\xef\xbf\xbd"; /* U+FFFD */
			break;
		}
		if (rep == NULL)
			continue;
		strbuf_append(b, s + run, i - run);
		strbuf_puts(b, rep);
		run = i + 1;
	}
	strbuf_append(b, s + run, n - run);
}

void html_escape(struct strbuf *b, const char *s)
{
	if (s != NULL)
		html_escape_n(b, s, strlen(s));
}

void html_escapef(struct strbuf *b, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&text, fmt, ap);
	va_end(ap);
	if (text.failed)
		b->failed = true;
	else
		html_escape_n(b, text.data, text.len);
	strbuf_release(&text);
}

void html_anchor(struct strbuf *b, const char *prefix, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_puts(b, prefix);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			char one = (char)c;
			strbuf_append(b, &one, 1);
		} else {
			char esc[3] = { '-', hex[c >> 4], hex[c & 15] };
			strbuf_append(b, esc, 3);
		}
	}
}

/* ---- the page ---- */

/* The one stylesheet. Colours of charts are attributes, not CSS, so they
 * print without "background graphics". */
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
	".sheet td.known{color:#4a5568;font-style:italic;font-size:.85em}\n"
	"@media (max-width:600px){body{font-size:14px}main{padding:8px}th,td{padding:3px 4px}}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{font-size:10.5pt}main{max-width:none;padding:0}nav{display:none}"
	"a{color:inherit;text-decoration:none}"
	".sheet{break-before:page;page-break-before:always}"
	"tr,.card,svg.chart,.advice,.risk{break-inside:avoid;page-break-inside:avoid}"
	"h2,h3{break-after:avoid;page-break-after:avoid}"
	".scroll{overflow:visible}}\n"
	/* html_grid: a table too wide for a portrait page gets landscape pages
	 * of its own; one too wide for those prints in parts, not on screen */
	".grid th,.grid td{white-space:nowrap}\n"
	".print-only{display:none}\n"
	"@page landscape{size:A4 landscape;margin:14mm}\n"
	"@media print{.landscape{page:landscape}.screen-only{display:none}.print-only{display:block}"
	".part{break-after:avoid;page-break-after:avoid}}\n";

static void class_attr(struct strbuf *b, const char *cls)
{
	if (cls != NULL)
		strbuf_printf(b, " class=\"%s\"", cls);
}

void html_page_open(struct strbuf *b, const char *title, const char *name)
{
	strbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		    "style-src 'unsafe-inline'\">\n"
		    "<meta name=\"robots\" content=\"noindex, nofollow\">\n<title>");
	strbuf_puts(b, title);
	strbuf_puts(b, HTML_DOT);
	html_escape(b, name);
	strbuf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", style);
}

void html_page_close(struct strbuf *b)
{
	strbuf_puts(b, "</main>\n</body>\n</html>\n");
}

void html_header_open(struct strbuf *b, const char *fmt, ...)
{
	strbuf_puts(b, "<header>\n<h1>");
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
	strbuf_puts(b, "</h1>\n<p class=\"sub\">");
}

void html_header_close(struct strbuf *b)
{
	strbuf_puts(b, "</p>\n</header>\n");
}

void html_nav(struct strbuf *b, const struct html_link *links, size_t n)
{
	strbuf_puts(b, "<nav>\n");
	for (size_t i = 0; i < n; i++)
		strbuf_printf(b, "<a href=\"#%s\">%s</a>\n", links[i].fragment, links[i].label);
	strbuf_puts(b, "</nav>\n");
}

void html_section_open(struct strbuf *b, const char *cls, const char *prefix, const char *key)
{
	strbuf_puts(b, "<section");
	class_attr(b, cls);
	strbuf_puts(b, " id=\"");
	html_anchor(b, prefix, key);
	strbuf_puts(b, "\">\n");
}

void html_section_close(struct strbuf *b)
{
	strbuf_puts(b, "</section>\n");
}

void html_heading(struct strbuf *b, int level, const char *id, const char *fmt, ...)
{
	strbuf_printf(b, "<h%d", level);
	if (id != NULL)
		strbuf_printf(b, " id=\"%s\"", id);
	strbuf_puts(b, ">");
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
	html_heading_close(b, level);
}

void html_heading_open(struct strbuf *b, int level)
{
	strbuf_printf(b, "<h%d>", level);
}

void html_heading_close(struct strbuf *b, int level)
{
	strbuf_printf(b, "</h%d>\n", level);
}

void html_para(struct strbuf *b, const char *cls, const char *fmt, ...)
{
	html_para_open(b, cls);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
	html_para_close(b);
}

void html_para_open(struct strbuf *b, const char *cls)
{
	html_inline_open(b, "p", cls);
}

void html_para_close(struct strbuf *b)
{
	strbuf_puts(b, "</p>\n");
}

void html_box_open(struct strbuf *b, const char *cls)
{
	html_inline_open(b, "div", cls);
}

void html_box_close(struct strbuf *b)
{
	strbuf_puts(b, "</div>\n");
}

void html_inline_open(struct strbuf *b, const char *tag, const char *cls)
{
	strbuf_printf(b, "<%s", tag);
	class_attr(b, cls);
	strbuf_puts(b, ">");
}

void html_inline_close(struct strbuf *b, const char *tag)
{
	strbuf_printf(b, "</%s>", tag);
}

void html_span(struct strbuf *b, const char *cls, const char *text)
{
	html_inline_open(b, "span", cls);
	html_escape(b, text);
	html_inline_close(b, "span");
}

void html_cards_open(struct strbuf *b)
{
	strbuf_puts(b, "<div class=\"cards\">\n");
}

void html_card(struct strbuf *b, const char *value, const char *label)
{
	strbuf_puts(b, "<div class=\"card\"><b>");
	html_escape(b, value);
	strbuf_puts(b, "</b>");
	html_escape(b, label);
	strbuf_puts(b, "</div>\n");
}

void html_cards_close(struct strbuf *b)
{
	html_box_close(b);
}

/* ---- tables ---- */

void html_table_open(struct strbuf *b, const struct html_col *cols, size_t n)
{
	html_table_head(b);
	for (size_t i = 0; i < n; i++)
		html_th(b, cols[i].cls, cols[i].head);
	html_table_body(b);
}

void html_table_head(struct strbuf *b)
{
	strbuf_puts(b, "<div class=\"scroll\"><table>\n<thead><tr>");
}

void html_th(struct strbuf *b, const char *cls, const char *text)
{
	html_inline_open(b, "th", cls);
	html_escape(b, text);
	html_inline_close(b, "th");
}

void html_table_body(struct strbuf *b)
{
	strbuf_puts(b, "</tr></thead>\n<tbody>\n");
}

void html_table_close(struct strbuf *b)
{
	strbuf_puts(b, "</tbody></table></div>\n");
}

void html_boxed_table_open(struct strbuf *b, const char *box, const struct html_col *cols, size_t n)
{
	html_inline_open(b, "div", box);
	html_table_open(b, cols, n);
}

void html_boxed_table_close(struct strbuf *b)
{
	strbuf_puts(b, "</tbody></table></div></div>\n");
}

void html_row_open(struct strbuf *b)
{
	strbuf_puts(b, "<tr>");
}

void html_row_close(struct strbuf *b)
{
	strbuf_puts(b, "</tr>\n");
}

void html_cell(struct strbuf *b, const char *cls, const char *text)
{
	html_cell_open(b, cls);
	html_escape(b, text);
	html_cell_close(b);
}

void html_cellf(struct strbuf *b, const char *cls, const char *fmt, ...)
{
	html_cell_open(b, cls);
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(b, fmt, ap);
	va_end(ap);
	html_cell_close(b);
}

void html_cell_open(struct strbuf *b, const char *cls)
{
	html_inline_open(b, "td", cls);
}

void html_cell_close(struct strbuf *b)
{
	html_inline_close(b, "td");
}

/* html.h -- HTML text escaping and the small builder both reports are
 * written with: one page skeleton with the one stylesheet, sections,
 * headings, paragraphs, cards and tables, appended to a strbuf.
 *
 * Two kinds of string meet here. *Text* is anything that came from the
 * clinic's files (ids, names, types, slot labels, facilitators): people type
 * those, and a patient called "<script>" must show as text, not run, so a
 * parameter named `text` is always escaped. *Markup* is the program's own
 * literals and printf formats, written as they are so they may hold entities
 * (&#8211;) or inline tags (<b>); a `fmt`'s arguments must be numbers or
 * literals, never text — put text in with html_escape between an _open and
 * its _close instead. */
#ifndef IOP_HTML_H
#define IOP_HTML_H

#include <stddef.h>

#include "base/strbuf.h"

/* The separator of a page's title and subtitle parts: a spaced middle dot. */
#define HTML_DOT " &#183; "

/* ---- escaping ---- */

/* Appends `s` (NULL = nothing) with &, <, >, " and ' replaced by entities,
 * so the result is safe both as element text and inside a quoted attribute
 * value. Control characters other than tab and newline become U+FFFD,
 * which HTML forbids raw. */
void html_escape(struct strbuf *b, const char *s);

/* The same for the first n bytes of s. */
void html_escape_n(struct strbuf *b, const char *s, size_t n);

/* printf-style, with every argument already formatted into text and then
 * escaped as a whole: use it for messages built from ids ("moved from %s"). */
void html_escapef(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends an id usable as a fragment / id attribute: ASCII letters and
 * digits kept, every other byte written as "-XX" (hex), prefixed by
 * `prefix` (letters only, not escaped). Distinct inputs give distinct ids. */
void html_anchor(struct strbuf *b, const char *prefix, const char *s);

/* ---- the page ---- */

/* Everything up to the page's content: a self-contained document (a
 * Content-Security-Policy that allows nothing but the inline stylesheet, no
 * indexing), titled "`title` · `name`", then <body><main>. The stylesheet
 * is the same for every page, screen and print: A4 pages, and each
 * section of class "sheet" starting a page of its own. */
void html_page_open(struct strbuf *b, const char *title, const char *name);
void html_page_close(struct strbuf *b);

/* The page's header: its <h1> (markup) and the opening of the subtitle
 * line; parts of the subtitle are separated by HTML_DOT. */
void html_header_open(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void html_header_close(struct strbuf *b);

/* A table of contents: one link per (fragment, label) pair of markup. */
struct html_link {
	const char *fragment; /* an id on the page, without '#' */
	const char *label;
};
void html_nav(struct strbuf *b, const struct html_link *links, size_t n);

/* <section class="cls" id="prefix…">; cls NULL for none; the id is
 * html_anchor(prefix, key), so key NULL gives the prefix alone. */
void html_section_open(struct strbuf *b, const char *cls, const char *prefix, const char *key);
void html_section_close(struct strbuf *b);

/* A heading of `level` (1-6) on a line of its own, with an id unless NULL. */
void html_heading(struct strbuf *b, int level, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* For headings built from text: open, escape, close. */
void html_heading_open(struct strbuf *b, int level);
void html_heading_close(struct strbuf *b, int level);

/* A paragraph of class `cls` (NULL: none) on a line of its own. */
void html_para(struct strbuf *b, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void html_para_open(struct strbuf *b, const char *cls);
void html_para_close(struct strbuf *b);

/* A box of class `cls` around other blocks (an advice or a risk panel). */
void html_box_open(struct strbuf *b, const char *cls);
void html_box_close(struct strbuf *b);

/* Any inline element of class `cls` (NULL: none) around text. */
void html_inline_open(struct strbuf *b, const char *tag, const char *cls);
void html_inline_close(struct strbuf *b, const char *tag);
void html_span(struct strbuf *b, const char *cls, const char *text);

/* A row of cards: each a big value over a short label, both text. */
void html_cards_open(struct strbuf *b);
void html_card(struct strbuf *b, const char *value, const char *label);
void html_cards_close(struct strbuf *b);

/* ---- tables ----
 *
 * A table scrolls sideways on a narrow screen rather than squeezing its
 * columns. Column class "n" right-aligns numbers; cells of that column
 * should use the same class. Either html_table_open with every column, or
 * html_table_head, an html_th per column and html_table_body. */
struct html_col {
	const char *head; /* text */
	const char *cls;  /* NULL, or a class such as "n" */
};
void html_table_open(struct strbuf *b, const struct html_col *cols, size_t n);
void html_table_head(struct strbuf *b);
void html_th(struct strbuf *b, const char *cls, const char *text);
void html_table_body(struct strbuf *b);
void html_table_close(struct strbuf *b);
/* The same inside a box of class `box` (html_box_open), closed together. */
void html_boxed_table_open(struct strbuf *b, const char *box, const struct html_col *cols, size_t n);
void html_boxed_table_close(struct strbuf *b);

void html_row_open(struct strbuf *b);
void html_row_close(struct strbuf *b);
/* A cell of text. */
void html_cell(struct strbuf *b, const char *cls, const char *text);
/* A cell of markup: numbers and literals. */
void html_cellf(struct strbuf *b, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A cell built by the caller between the two. */
void html_cell_open(struct strbuf *b, const char *cls);
void html_cell_close(struct strbuf *b);

#endif

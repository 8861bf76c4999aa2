/* html.h -- text made safe for HTML documents, appended to a strbuf.
 *
 * Every id, name, type, slot label and facilitator that reaches the HTML
 * report goes through one of these: the clinic's files are typed by people,
 * and a patient called "<script>" must show as text, not run. */
#ifndef IOP_HTML_H
#define IOP_HTML_H

#include <stddef.h>

#include "csv_out.h"

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

#endif

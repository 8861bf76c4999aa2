/* html.c -- HTML escaping for the weekly report. */
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
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	char *text = malloc((size_t)n + 1);
	if (text == NULL) {
		b->failed = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	html_escape_n(b, text, (size_t)n);
	free(text);
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

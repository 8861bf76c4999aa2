/* strbuf.h -- a growing NUL-terminated byte buffer whose data is never NULL.
 *
 * Initialise with STRBUF_INIT (or strbuf_init): data then points at a
 * shared empty string, so a buffer can always be read as a C string without
 * a `data ? data : ""` guard. Appends that fail for want of memory set
 * `failed` and leave the contents as they were; callers check `failed` once,
 * after building the whole text, and treat it as out of memory. */
#ifndef IOP_BASE_STRBUF_H
#define IOP_BASE_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *data;  /* never NULL; NUL-terminated; owned when cap > 0 */
	size_t len, cap;
	bool failed; /* an allocation failed; contents incomplete */
};

extern char strbuf_empty[1];
#define STRBUF_INIT { .data = strbuf_empty, .len = 0, .cap = 0, .failed = false }

void strbuf_init(struct strbuf *b);
void strbuf_append(struct strbuf *b, const char *s, size_t n);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* strbuf_printf with a va_list; ap is consumed as by vsnprintf. */
void strbuf_vprintf(struct strbuf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Makes room for `extra` more bytes after len plus the terminating NUL;
 * false (and `failed` set) when memory ran out. For writers that fill
 * data + len themselves and then advance len. */
bool strbuf_reserve(struct strbuf *b, size_t extra);
/* Empties the buffer, keeping its memory. */
void strbuf_reset(struct strbuf *b);
/* Frees the memory and leaves b as STRBUF_INIT. NULL is a no-op. */
void strbuf_release(struct strbuf *b);

#endif

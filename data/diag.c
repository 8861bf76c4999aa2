/* diag.c -- collecting and formatting diagnostics that name their source. */
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

static char *dup_or_null(const char *s, bool *failed)
{
	if (s == NULL)
		return NULL;
	char *copy = strdup(s);
	if (copy == NULL)
		*failed = true;
	return copy;
}

void diag_add(struct diag_list *list, enum diag_severity severity,
	      const char *file, long line, int field, const char *column,
	      const char *fmt, ...)
{
	/* Count first: a dropped error must still make the run fail. */
	if (severity == DIAG_ERROR)
		list->n_errors++;
	else
		list->n_warnings++;

	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	char *message = malloc((size_t)len + 1);
	if (message == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(message, (size_t)len + 1, fmt, ap);
	va_end(ap);

	if (!GROW(list->items, list->n + 1, list->cap)) {
		free(message);
		return;
	}
	bool failed = false;
	struct diag d = {
		.severity = severity,
		.file = dup_or_null(file, &failed),
		.line = line,
		.field = field,
		.column = dup_or_null(column, &failed),
		.message = message,
	};
	if (failed) {
		free(d.file);
		free(d.column);
		free(message);
		return;
	}
	list->items[list->n++] = d;
}

void diag_format(const struct diag *d, char *buf, size_t size)
{
	if (size == 0)
		return;
	size_t used = 0;
	buf[0] = '\0';
#define APPEND(...)                                                         \
	do {                                                                \
		if (used < size) {                                          \
			int k_ = snprintf(buf + used, size - used, __VA_ARGS__); \
			if (k_ > 0)                                         \
				used += (size_t)k_;                         \
		}                                                           \
	} while (0)
	/* "FILE:LINE:FIELD: " -- each location part only when present, and a
	 * line or field number only after the part before it. */
	if (d->file != NULL) {
		APPEND("%s", d->file);
		if (d->line > 0) {
			APPEND(":%ld", d->line);
			if (d->field > 0)
				APPEND(":%d", d->field);
		}
		APPEND(": ");
	}
	if (d->column != NULL)
		APPEND("%s: ", d->column);
	APPEND("%s", d->message);
#undef APPEND
}

void diag_print(const struct diag_list *list, FILE *out, const char *prefix)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct diag *d = &list->items[i];
		/* Sized per item so a long message (a quoted cell) is never cut. */
		char small[512];
		diag_format(d, small, sizeof small);
		char *text = small;
		char *big = NULL;
		size_t need = strlen(d->message) + (d->file ? strlen(d->file) : 0) +
			      (d->column ? strlen(d->column) : 0) + 64;
		if (need > sizeof small && (big = malloc(need)) != NULL) {
			diag_format(d, big, need);
			text = big;
		}
		fprintf(out, "%s: %s%s\n", prefix ? prefix : "",
			d->severity == DIAG_WARNING ? "warning: " : "", text);
		free(big);
	}
}

void diag_limit(struct diag_list *list, size_t from, size_t max)
{
	if (list == NULL || list->n <= from || list->n - from <= max + 1)
		return; /* hiding one line behind a line saves nothing */
	size_t first_hidden = from + max;
	size_t hidden = list->n - first_hidden;
	bool any_error = false;
	char *file = list->items[first_hidden].file;
	list->items[first_hidden].file = NULL;
	for (size_t i = first_hidden; i < list->n; i++) {
		any_error |= list->items[i].severity == DIAG_ERROR;
		free(list->items[i].file);
		free(list->items[i].column);
		free(list->items[i].message);
	}
	list->n = first_hidden;
	size_t errors = list->n_errors, warnings = list->n_warnings;
	diag_add(list, any_error ? DIAG_ERROR : DIAG_WARNING, file, 0, 0, NULL,
		 "and %zu more like this (fix the ones above first)", hidden);
	list->n_errors = errors;
	list->n_warnings = warnings;
	free(file);
}

void diag_list_release(struct diag_list *list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].file);
		free(list->items[i].column);
		free(list->items[i].message);
	}
	free(list->items);
	*list = (struct diag_list)DIAG_LIST_INIT;
}

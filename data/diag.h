/* diag.h -- diagnostics: errors and warnings that name where they come from.
 *
 * Every input problem is reported as "FILE:LINE:FIELD: COLUMN: message", e.g.
 *   patients.csv:14:6: need_skills: '7' is not in 0..4
 * FILE is the path of the file as the user gave it, LINE the physical
 * line where the record starts (1 = header), FIELD the 1-based field number
 * (the spreadsheet column), COLUMN the header name as written in the file.
 * Parts that do not apply are left out ("groups.csv:3: duplicate id 'g1'",
 * "settings.csv: file is empty").
 *
 * Messages must never contain a patient's display name (health data): quote
 * ids and values, never the `name` column. */
#ifndef IOP_DIAG_H
#define IOP_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_severity severity;
	char *file;    /* may be NULL: a diagnostic about no file */
	long line;     /* 0 = no line */
	int field;     /* 0 = no field number */
	char *column;  /* may be NULL */
	char *message; /* never NULL */
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	size_t n_errors, n_warnings;
};

#define DIAG_LIST_INIT { 0 }

/* Appends one diagnostic; copies every string. On allocation failure the
 * diagnostic is dropped but n_errors still counts it, so a failed run is
 * never mistaken for a clean one. */
void diag_add(struct diag_list *list, enum diag_severity severity,
	      const char *file, long line, int field, const char *column,
	      const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Shorthands for the common cases. */
#define diag_error(list, file, line, field, column, ...) \
	diag_add((list), DIAG_ERROR, (file), (line), (field), (column), __VA_ARGS__)
#define diag_warning(list, file, line, field, column, ...) \
	diag_add((list), DIAG_WARNING, (file), (line), (field), (column), __VA_ARGS__)

/* Writes "FILE:LINE:FIELD: COLUMN: message" (no prefix, no newline). */
void diag_format(const struct diag *d, char *buf, size_t size);

/* Prints every item as "PREFIX: [warning: ]TEXT\n", in insertion order. */
void diag_print(const struct diag_list *list, FILE *out, const char *prefix);

/* At most this many lines per file: a screenful, so the first problem is
 * never scrolled away by the ones that follow from it. */
#define DIAG_PER_FILE 10

/* Keeps the first `max` items of items[from..] and replaces the rest with
 * one line "FILE: and N more like this (fix the ones above first)", FILE
 * taken from the first hidden item. n_errors and n_warnings are unchanged,
 * so hidden errors still fail the run; the summary line is an error when
 * it hides one, else a warning, and is not counted itself. */
void diag_limit(struct diag_list *list, size_t from, size_t max);

/* Releases the items; the list is empty and reusable afterwards. NULL ok. */
void diag_list_release(struct diag_list *list);

#endif

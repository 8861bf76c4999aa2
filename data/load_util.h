/* load_util.h -- private helpers shared by the clinic file loaders (not a public API).
 *
 * The loaders (load_patients.c, load_groups.c, load_links.c, load_settings.c,
 * roster_read.c) turn a csv_table into typed records. They share how a
 * message names its place ("FILE:LINE:FIELD: COLUMN: ..."), how values are
 * parsed and how duplicates are found. */
#ifndef IOP_LOAD_UTIL_H
#define IOP_LOAD_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "clinic.h"
#include "csv_table.h"
#include "diag.h"
#include "status.h"

/* The row index that stands for the header line in load_error(). */
#define LOAD_HEADER ((size_t)-1)

/* Longest id, in characters (the contract's "1-64 printable characters"). */
#define LOAD_ID_MAX 64

/* Everything clinic_load passes from one loader to the next. */
struct load_ctx {
	struct clinic *c;
	struct diag_list *diag;
	bool no_memory;      /* an allocation failed somewhere */
	bool patients_known; /* patients.csv was usable: ids and types can be checked */
	bool groups_known;   /* groups.csv was usable: group ids can be checked */
	/* Records of patients.csv / groups.csv were lost to a parse error: an
	 * id that is not found may be in them, so other files' references to
	 * unknown ids are not reported (that error is already the cause). */
	bool patients_partial;
	bool groups_partial;
	/* load_patients reads waitlist.csv: `requested` (required) is read
	 * into each patient's admitted, and admitted and discharge must be
	 * empty. */
	bool waiting;
};

/* Reports at `row` (LOAD_HEADER for the header) and column `col` (-1: no
 * field); the column's header name goes into the message prefix. */
void load_error(struct diag_list *d, const struct csv_table *t, size_t row,
		int col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void load_warning(struct diag_list *d, const struct csv_table *t, size_t row,
		  int col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Finds the named columns (out[i] = index or -1). Each missing required
 * one is an error "missing required column 'x'" on the header line; each
 * column not named and not accepted by `extra` (may be NULL) is, when
 * warn_unknown, either an error "unknown column: did you mean 'x'?" when
 * it is close to a known name (a typo, or a case or spacing variant: a
 * misread column would silently plan with defaults; then the missing
 * required column it stands for is not reported again), or a warning
 * "unknown column, ignored". Returns false when a required column is
 * missing (the rows mean nothing without it; rows without an optional
 * column can still be checked). */
bool load_columns(struct diag_list *d, const struct csv_table *t,
		  const char *const *names, const bool *required, size_t n,
		  int *out, bool (*extra)(const char *name), bool warn_unknown);

/* The column name as the contract spells names: lower-cased, runs of
 * spaces, '-' and '_' written as one '_' ("Need  Support" -> need_support).
 * False when it does not fit in buf. */
bool load_column_canonical(const char *name, char *buf, size_t size);

/* Reads a whole table for a loader: a missing file is STATUS_NO_INPUT
 * (reported only when `required`). Returns the csv_table_read status. */
enum status load_table(const char *path, bool required, struct csv_table *t,
		       struct diag_list *d);

/* The same for an optional file. An empty one stays an error (an empty
 * export is more likely a mistake than a choice), and its message shows
 * how to say "none": "file is empty: write the header line 'HEADER' for
 * NONE" (e.g. header "patient,group,rule", none "no pins"). */
enum status load_optional_table(const char *path, const char *header, const char *none,
				struct csv_table *t, struct diag_list *d);


/* Copies `s` for a message: at most ~60 bytes (cut on a character boundary,
 * "..." appended), control characters shown as '?'. Never NULL. */
const char *load_quote(const char *s, char *buf, size_t size);
#define LOAD_QUOTE_SIZE 72

/* Checks an id cell: non-empty, at most 64 characters, no control
 * characters. Reports the problem and returns false otherwise. */
bool load_check_id(struct diag_list *d, const struct csv_table *t, size_t row, int col);

/* For each row, the line of an earlier row with the same text in `col`
 * (exact byte comparison), or 0 when it is the first. NULL on allocation
 * failure. Caller frees. */
long *load_duplicates(const struct csv_table *t, int col);

/* The row's id when it is well formed and not a repeat (`dup` from
 * load_duplicates); otherwise reports why, at the id's cell, and returns
 * NULL so the caller skips the row. */
const char *load_unique_id(struct diag_list *d, const struct csv_table *t, size_t row,
			   int col, const long *dup);

/* Dates written another way in one column (11/30/2026, 30.11.2026, see
 * date_other_shape) are one cause, the spreadsheet's locale: one error at
 * the first such cell with its YYYY-MM-DD form, the order (day or month
 * first) taken from the whole column, and how many more there are:
 *   'X' is not a date (YYYY-MM-DD): write it as 'Y'[, and N more dates
 *   written MM/DD/YYYY in this column the same way]
 * Each such cell still counts as an error. Returns a flag per row, true
 * for those cells, so the row's own check stays quiet about them (caller
 * frees; NULL on allocation failure). col -1: none. */
bool *load_other_dates(struct diag_list *d, const struct csv_table *t, int col);

/* Integers: optional '-', digits only, within min..max. */
bool load_parse_int(const char *s, long min, long max, long *out);
/* Decimal numbers: optional '-', digits, optional '.' and digits. */
bool load_parse_number(const char *s, double *out);

/* Splits a ';' list of tags: trimmed, ASCII lower-cased, empty items
 * dropped, sorted (byte order), unique. Returns false on allocation failure
 * (then *out is NULL and *n is 0). */
bool load_parse_tags(const char *s, char ***out, size_t *n);
void load_free_strings(char **list, size_t n);

/* ASCII lower-cased copy; NULL on allocation failure. */
char *load_lower_dup(const char *s);
bool load_equal_nocase(const char *a, const char *b);
/* True when `s` starts with `prefix`, ignoring ASCII case. */
bool load_prefix_nocase(const char *s, const char *prefix);

/* Sorts d->items[from..] by (line, field), keeping the order of equal
 * keys, so each file's messages read top to bottom. */
void load_sort_diags(struct diag_list *d, size_t from);

/* The loaders, called by clinic_load in the contract's order. Each returns
 * STATUS_OK unless something beyond bad data happened (IO, NO_INPUT,
 * NO_MEMORY); data errors are counted in ctx->diag. */
enum status load_patients(struct load_ctx *ctx, const char *path);
enum status load_groups(struct load_ctx *ctx, const char *path);
enum status load_progress(struct load_ctx *ctx, const char *path);
enum status load_separations(struct load_ctx *ctx, const char *path);
enum status load_pins(struct load_ctx *ctx, const char *path);
/* Reads settings.csv (optional) into *settings; messages go to `d`. */
enum status load_settings(const char *path, struct settings *settings, struct diag_list *d);

#endif

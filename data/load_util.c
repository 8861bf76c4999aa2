/* load_util.c -- what every clinic file loader shares: message places, value parsing, duplicates. */
#include "load_util.h"

#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 6, 0)))
static void load_vadd(struct diag_list *d, enum diag_severity sev,
		      const struct csv_table *t, size_t row, int col,
		      const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	long line = row == LOAD_HEADER ? t->header_line
		: row < t->n_rows ? t->rows[row].line : 0;
	int field = 0;
	const char *column = NULL;
	if (col >= 0 && (size_t)col < t->n_columns) {
		field = col + 1;
		column = t->columns[col][0] ? t->columns[col] : NULL;
	}
	diag_add(d, sev, t->path, line, field, column, "%s", msg);
}

void load_error(struct diag_list *d, const struct csv_table *t, size_t row,
		int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	load_vadd(d, DIAG_ERROR, t, row, col, fmt, ap);
	va_end(ap);
}

void load_warning(struct diag_list *d, const struct csv_table *t, size_t row,
		  int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	load_vadd(d, DIAG_WARNING, t, row, col, fmt, ap);
	va_end(ap);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

bool load_equal_nocase(const char *a, const char *b)
{
	while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == *b;
}

bool load_prefix_nocase(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower((unsigned char)*s) != lower((unsigned char)*prefix))
			return false;
	return true;
}

char *load_lower_dup(const char *s)
{
	char *r = strdup(s);
	if (r)
		for (char *p = r; *p; p++)
			*p = (char)lower((unsigned char)*p);
	return r;
}

bool load_column_canonical(const char *name, char *buf, size_t size)
{
	if (strlen(name) >= size)
		return false;
	size_t o = 0;
	bool gap = false;
	for (const char *p = name; *p; p++) {
		if (*p == ' ' || *p == '-' || *p == '_' || *p == '\t') {
			gap = o > 0;
			continue;
		}
		if (gap)
			buf[o++] = '_';
		gap = false;
		buf[o++] = (char)lower((unsigned char)*p);
	}
	buf[o] = '\0';
	return true;
}

/* Longest column name compared for a suggestion; longer ones are not
 * near anything we know. */
#define SUGGEST_MAX 64

/* Lower-cased, without spaces, '_' and '-': "Need Support" and
 * "need_support" fold alike, as do "hours min" and "HOURS_MIN". */
static void fold_name(const char *s, char *out, size_t size)
{
	size_t o = 0;
	for (; *s && o + 1 < size; s++)
		if (*s != ' ' && *s != '_' && *s != '-' && *s != '\t')
			out[o++] = (char)lower((unsigned char)*s);
	out[o] = '\0';
}

/* Edits (insert, delete, replace, swap two neighbours) from a to b. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > SUGGEST_MAX || m > SUGGEST_MAX)
		return SIZE_MAX;
	size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
			    && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

/* The known column an unknown name was probably meant to be, into buf, or
 * false. Close means: equal after folding case, spaces, '_' and '-'; or
 * the name with spaces and '-' written as '_' is accepted by `extra`
 * ("Need Support" -> need_support); or at most one edit from a known
 * name of 4-7 letters, two from one of 8 or more ("availble"). Shorter
 * names and further ones stay plain unknown columns (a warning): a
 * column of notes must not stop a week. */
static bool suggest_column(const char *name, const char *const *names, size_t n,
			   bool (*extra)(const char *name), char *buf, size_t size)
{
	char folded[SUGGEST_MAX + 1], known[SUGGEST_MAX + 1];
	fold_name(name, folded, sizeof folded);
	for (size_t i = 0; i < n; i++) {
		fold_name(names[i], known, sizeof known);
		if (strcmp(folded, known) == 0) {
			snprintf(buf, size, "%s", names[i]);
			return true;
		}
	}
	if (extra && load_column_canonical(name, buf, size) && strcmp(buf, name) != 0 &&
	    extra(buf))
		return true;
	char lowered[SUGGEST_MAX + 1];
	if (strlen(name) > SUGGEST_MAX)
		return false;
	for (size_t i = 0; (lowered[i] = (char)lower((unsigned char)name[i])); i++)
		;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		size_t allowed = len >= 8 ? 2 : len >= 4 ? 1 : 0;
		if (allowed && edit_distance(lowered, names[i]) <= allowed) {
			snprintf(buf, size, "%s", names[i]);
			return true;
		}
	}
	return false;
}

bool load_columns(struct diag_list *d, const struct csv_table *t,
		  const char *const *names, const bool *required, size_t n,
		  int *out, bool (*extra)(const char *name), bool warn_unknown)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		out[i] = csv_table_column(t, names[i]);
	/* A required column that is only misspelt is one message, at the
	 * misspelt column ("did you mean"), not a second "missing" one. */
	bool *suggested = calloc(n ? n : 1, sizeof *suggested);
	char hint[SUGGEST_MAX + 8];
	for (size_t c = 0; warn_unknown && c < t->n_columns; c++) {
		const char *name = t->columns[c];
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			known = out[i] == (int)c;
		if (known || !name[0] || (extra && extra(name)) || csv_table_column(t, name) != (int)c)
			continue;
		if (!suggest_column(name, names, n, extra, hint, sizeof hint))
			continue;
		load_error(d, t, LOAD_HEADER, (int)c, "unknown column: did you mean '%s'?", hint);
		for (size_t i = 0; i < n && suggested; i++)
			suggested[i] |= strcmp(names[i], hint) == 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (out[i] < 0 && required[i]) {
			if (!suggested || !suggested[i])
				load_error(d, t, LOAD_HEADER, -1,
					   "missing required column '%s'", names[i]);
			ok = false;
		}
	}
	free(suggested);
	if (!warn_unknown)
		return ok;
	for (size_t c = 0; c < t->n_columns; c++) {
		const char *name = t->columns[c];
		bool known = false;
		for (size_t i = 0; i < n && !known; i++)
			known = out[i] == (int)c;
		if (known || (name[0] && extra && extra(name)))
			continue;
		/* A second column of a known name was already an error. */
		if (name[0] && csv_table_column(t, name) != (int)c)
			continue;
		if (name[0] && suggest_column(name, names, n, extra, hint, sizeof hint))
			continue; /* an error above */
		if (name[0])
			load_warning(d, t, LOAD_HEADER, (int)c, "unknown column, ignored");
		else
			load_warning(d, t, LOAD_HEADER, (int)c, "column without a name, ignored");
	}
	return ok;
}

enum status load_table(const char *path, bool required, struct csv_table *t,
		       struct diag_list *d)
{
	enum status s = csv_table_read(path, t, d);
	if (s == STATUS_NO_INPUT && required)
		diag_error(d, path, 0, 0, NULL, "required file not found");
	return s;
}

enum status load_optional_table(const char *path, const char *header, const char *none,
				struct csv_table *t, struct diag_list *d)
{
	size_t from = d->n;
	enum status s = csv_table_read(path, t, d);
	if (s != STATUS_BAD_DATA || t->n_columns != 0 || d->n != from + 1)
		return s;
	struct diag *last = &d->items[from];
	if (strcmp(last->message, "file is empty") != 0)
		return s;
	char *msg = NULL;
	size_t len = strlen(header) + strlen(none) + 64;
	if ((msg = malloc(len)) == NULL)
		return s; /* the plain message still stands */
	snprintf(msg, len, "file is empty: write the header line '%s' for %s", header, none);
	free(last->message);
	last->message = msg;
	return s;
}

const char *load_quote(const char *s, char *buf, size_t size)
{
	size_t limit = size > 12 ? size - 12 : 0;
	if (limit > 60)
		limit = 60;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		if (o + len > limit) {
			memcpy(buf + o, "...", 4);
			return buf;
		}
		/* C0, DEL and C1 (U+0080..U+009F) could drive a terminal */
		if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
			buf[o++] = '?';
		} else {
			for (size_t k = 0; k < len && p[k]; k++)
				buf[o++] = (char)p[k];
		}
		for (size_t k = 0; k < len && *p; k++)
			p++;
	}
	buf[o] = '\0';
	return buf;
}

bool load_check_id(struct diag_list *d, const struct csv_table *t, size_t row, int col)
{
	const char *id = csv_table_cell(t, row, col);
	if (!*id) {
		load_error(d, t, row, col, "missing value");
		return false;
	}
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
			load_error(d, t, row, col, "id contains a control character");
			return false;
		}
		if ((*p & 0xC0) != 0x80)
			chars++;
	}
	if (chars > LOAD_ID_MAX) {
		load_error(d, t, row, col, "id is longer than %d characters", LOAD_ID_MAX);
		return false;
	}
	return true;
}

struct keyed_row { const char *key; size_t row; };

static int keyed_row_cmp(const void *a, const void *b)
{
	const struct keyed_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

long *load_duplicates(const struct csv_table *t, int col)
{
	long *first = calloc(t->n_rows ? t->n_rows : 1, sizeof *first);
	struct keyed_row *k = malloc((t->n_rows ? t->n_rows : 1) * sizeof *k);
	if (!first || !k) {
		free(first);
		free(k);
		return NULL;
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		k[i].key = csv_table_cell(t, i, col);
		k[i].row = i;
	}
	qsort(k, t->n_rows, sizeof *k, keyed_row_cmp);
	size_t start = 0; /* the first row of the current run of equal keys */
	for (size_t i = 1; i < t->n_rows; i++) {
		if (strcmp(k[i - 1].key, k[i].key) != 0)
			start = i;
		else if (k[i].key[0])
			first[k[i].row] = t->rows[k[start].row].line;
	}
	free(k);
	return first;
}

/* "YYYY-MM-DD" for y, m, d into buf[11] when it is a calendar date. */
static bool iso_date(int y, int m, int d, char buf[static 11])
{
	day_t day;
	char text[32];
	snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
	if (!date_parse(text, &day))
		return false;
	date_format(day, buf);
	return true;
}

bool *load_other_dates(struct diag_list *d, const struct csv_table *t, int col)
{
	bool *other = calloc(t->n_rows ? t->n_rows : 1, sizeof *other);
	if (!other || col < 0)
		return other;
	size_t count = 0, first = 0;
	bool day_first = false, month_first = false, year_first = false;
	for (size_t row = 0; row < t->n_rows; row++) {
		const char *s = csv_table_cell(t, row, col);
		int a, b, y;
		bool yf;
		day_t unused;
		if (!*s || date_parse(s, &unused) || !date_other_shape(s, &a, &b, &y, &yf))
			continue;
		other[row] = true;
		if (count++ == 0)
			first = row;
		year_first |= yf;
		day_first |= !yf && a > 12;   /* 30/11: only a day can be 30 */
		month_first |= !yf && b > 12; /* 11/30 */
	}
	if (count == 0)
		return other;
	const char *s = csv_table_cell(t, first, col);
	char qbuf[LOAD_QUOTE_SIZE], fix1[11], fix2[11], tail[128] = "";
	char sep = strpbrk(s, "/.-") ? *strpbrk(s, "/.-") : '/';
	int a, b, y;
	bool yf;
	date_other_shape(s, &a, &b, &y, &yf);
	/* Dots and dashes with the year last are day-first everywhere they
	 * are used; slashes are month-first in the US and day-first elsewhere,
	 * so only the column's own values can tell. */
	if (!day_first && !month_first && sep != '/')
		day_first = true;
	const char *written = year_first ? "YYYY/MM/DD" : day_first && !month_first
		? (sep == '.' ? "DD.MM.YYYY" : sep == '-' ? "DD-MM-YYYY" : "DD/MM/YYYY")
		: month_first && !day_first ? "MM/DD/YYYY" : "MM/DD/YYYY or DD/MM/YYYY";
	if (count > 1)
		snprintf(tail, sizeof tail, ", and %zu more date%s written %s in this "
			 "column the same way", count - 1, count == 2 ? "" : "s", written);
	load_quote(s, qbuf, sizeof qbuf);
	bool mixed = (day_first && month_first) || (year_first && (day_first || month_first));
	if (!mixed && yf && iso_date(y, a, b, fix1))
		load_error(d, t, first, col, "'%s' is not a date (YYYY-MM-DD): write it as '%s'%s",
			   qbuf, fix1, tail);
	else if (!mixed && day_first && iso_date(y, b, a, fix1))
		load_error(d, t, first, col, "'%s' is not a date (YYYY-MM-DD): write it as '%s'%s",
			   qbuf, fix1, tail);
	else if (!mixed && month_first && iso_date(y, a, b, fix1))
		load_error(d, t, first, col, "'%s' is not a date (YYYY-MM-DD): write it as '%s'%s",
			   qbuf, fix1, tail);
	else if (!mixed && !day_first && !month_first && !yf && iso_date(y, a, b, fix1) &&
		 iso_date(y, b, a, fix2) && strcmp(fix1, fix2) == 0)
		load_error(d, t, first, col, "'%s' is not a date (YYYY-MM-DD): write it as '%s'%s",
			   qbuf, fix1, tail);
	else if (!mixed && !day_first && !month_first && !yf && iso_date(y, a, b, fix1) &&
		 iso_date(y, b, a, fix2))
		load_error(d, t, first, col, "'%s' is not a date (YYYY-MM-DD): write it as '%s' "
			   "if it is month/day, '%s' if day/month%s", qbuf, fix1, fix2, tail);
	else
		load_error(d, t, first, col, "'%s' is not a date (YYYY-MM-DD): write the dates "
			   "in this column as YYYY-MM-DD (%zu cell%s)", qbuf, count,
			   count == 1 ? "" : "s");
	d->n_errors += count - 1; /* one message, every cell an error */
	return other;
}

bool load_parse_int(const char *s, long min, long max, long *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (!*p || strlen(p) > 9)
		return false;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return false;
	long v = strtol(s, NULL, 10);
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool load_parse_number(const char *s, double *out)
{
	const char *p = s;
	if (*p == '-')
		p++;
	size_t digits = 0, dots = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && dots == 0)
			dots++;
		else
			return false;
	}
	if (digits == 0 || digits > 15)
		return false;
	double v = strtod(s, NULL);
	*out = v == 0 ? 0 : v; /* "-0" would print as -0 */
	return true;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void load_free_strings(char **list, size_t n)
{
	if (!list)
		return;
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

bool load_parse_tags(const char *s, char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 1;
	for (const char *p = s; *p; p++)
		cap += *p == ';';
	char **list = calloc(cap, sizeof *list);
	if (!list)
		return false;
	size_t count = 0;
	const char *p = s;
	for (;;) {
		const char *end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		const char *a = p, *b = end;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a) {
			char *tag = malloc((size_t)(b - a) + 1);
			if (!tag) {
				load_free_strings(list, count);
				return false;
			}
			for (size_t i = 0; i < (size_t)(b - a); i++)
				tag[i] = (char)lower((unsigned char)a[i]);
			tag[b - a] = '\0';
			list[count++] = tag;
		}
		if (!*end)
			break;
		p = end + 1;
	}
	qsort(list, count, sizeof *list, str_ptr_cmp);
	size_t u = 0;
	for (size_t i = 0; i < count; i++) {
		if (u > 0 && strcmp(list[u - 1], list[i]) == 0)
			free(list[i]);
		else
			list[u++] = list[i];
	}
	if (u == 0) {
		free(list);
		list = NULL;
	}
	*out = list;
	*n = u;
	return true;
}

static bool diag_before(const struct diag *a, const struct diag *b)
{
	return a->line < b->line || (a->line == b->line && a->field < b->field);
}

void load_sort_diags(struct diag_list *d, size_t from)
{
	if (!d || d->n <= from + 1)
		return;
	size_t n = d->n - from;
	struct diag *a = d->items + from;
	struct diag *tmp = malloc(n * sizeof *tmp);
	if (!tmp) {
		/* out of memory: fall back to an in-place insertion sort */
		for (size_t i = 1; i < n; i++) {
			struct diag x = a[i];
			size_t j = i;
			while (j > 0 && diag_before(&x, &a[j - 1])) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = x;
		}
		return;
	}
	/* bottom-up merge sort: stable */
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				tmp[k++] = diag_before(&a[j], &a[i]) ? a[j++] : a[i++];
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof *a);
	}
	free(tmp);
}

const char *load_unique_id(struct diag_list *d, const struct csv_table *t, size_t row,
			   int col, const long *dup)
{
	if (!load_check_id(d, t, row, col))
		return NULL;
	const char *id = csv_table_cell(t, row, col);
	if (dup[row]) {
		char qbuf[LOAD_QUOTE_SIZE];
		load_error(d, t, row, col, "duplicate id '%s' (first on line %ld)",
			   load_quote(id, qbuf, sizeof qbuf), dup[row]);
		return NULL;
	}
	return id;
}

/* csv_table.c -- reads a whole CSV file into a header and trimmed rows, over libcsv. */
#include "csv_table.h"

#include "csv_out.h"
#include "data/base/grow.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct span { size_t off, len; };

/* The state shared with libcsv's callbacks while one table is parsed. */
struct reader {
	struct csv_table *t;
	struct diag_list *diag;
	/* the record being collected: field bytes back to back, NUL after each */
	char *buf; size_t len, cap;
	struct span *fields; size_t n_fields, cap_fields;
	size_t rows_cap;
	long line;         /* physical line being fed to the parser */
	long record_line;  /* line where the current record started */
	bool between;      /* no record is open */
	bool header_done;
	bool stopped;      /* a parse error: ignore anything libcsv still emits */
	bool no_memory;
	bool bad;          /* at least one error reported */
	/* Cells that are not UTF-8 are one cause (the file's encoding), so
	 * they become one message at the first of them, with a count. */
	size_t utf8_bad;
	long utf8_line;
	int utf8_field;
	char *utf8_column;
};

/* What Excel calls the format we read, for every "save it as" fix. */
#define SAVE_AS_CSV "in Excel use Save As, \"CSV UTF-8 (Comma delimited)\""

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool ascii_equal_nocase(const char *a, const char *b)
{
	while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == *b;
}

bool csv_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t extra;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			extra = 1; cp = c & 0x1F; min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			extra = 2; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			extra = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return false;
		}
		if (n - i <= extra)
			return false;
		for (size_t k = 1; k <= extra; k++) {
			unsigned cc = p[i + k];
			if ((cc & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (cc & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += extra + 1;
	}
	return true;
}

static bool is_blank_char(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims a field in place inside the record buffer; returns its new start. */
static char *trim_span(char *s, size_t *len)
{
	size_t n = *len;
	while (n > 0 && is_blank_char(s[n - 1]))
		n--;
	size_t k = 0;
	while (k < n && is_blank_char(s[k]))
		k++;
	s[n] = '\0';
	*len = n - k;
	return s + k;
}

/* "'=x" -> "=x": undoes csv_out's neutralisation (exactly one apostrophe),
 * with csv_out's own test so writer and reader never disagree. */
static void unneutralise(char *s, size_t *len)
{
	if (s[0] == '\'' && csv_cell_needs_neutralising(s)) {
		memmove(s, s + 1, *len); /* includes the NUL */
		(*len)--;
	}
}

static const char *column_name(const struct reader *r, size_t field)
{
	if (r->header_done && field < r->t->n_columns && r->t->columns[field][0])
		return r->t->columns[field];
	return NULL;
}

static void note_bad_utf8(struct reader *r, size_t field)
{
	r->bad = true;
	if (r->utf8_bad++ > 0)
		return;
	r->utf8_line = r->record_line;
	r->utf8_field = (int)field + 1;
	const char *name = column_name(r, field);
	if (name && !(r->utf8_column = strdup(name)))
		r->no_memory = true;
}

static void report_bad_utf8(struct reader *r)
{
	if (r->utf8_bad == 0)
		return;
	if (r->utf8_bad == 1)
		diag_error(r->diag, r->t->path, r->utf8_line, r->utf8_field, r->utf8_column,
			   "invalid UTF-8 (the file is not saved as UTF-8): " SAVE_AS_CSV);
	else
		diag_error(r->diag, r->t->path, r->utf8_line, r->utf8_field, r->utf8_column,
			   "invalid UTF-8, here and in %zu more cell%s (the file is not "
			   "saved as UTF-8): " SAVE_AS_CSV, r->utf8_bad - 1,
			   r->utf8_bad == 2 ? "" : "s");
	/* one message, but every bad cell is an error the run must fail on */
	r->diag->n_errors += r->utf8_bad - 1;
}

/* A header that is one field holding ';' is a file written by an Excel
 * whose list separator is ';' (most of Europe): read as CSV, every row
 * would be one odd field, so it is named once and not read further. */
static bool semicolon_header(struct reader *r)
{
	if (r->n_fields != 1 || !memchr(r->buf + r->fields[0].off, ';', r->fields[0].len))
		return false;
	diag_error(r->diag, r->t->path, r->record_line, 0, NULL,
		   "columns are separated by ';', not ',': save the file with ',' "
		   "as the separator (" SAVE_AS_CSV " with ',' as the list separator)");
	r->bad = true;
	r->stopped = true;
	return true;
}

/* A row equal to the header (two sheets pasted together, or a header
 * copied down with the data) is named as such, not as a row of bad values. */
static bool repeated_header(struct reader *r)
{
	const struct csv_table *t = r->t;
	for (size_t i = 0; i < r->n_fields; i++)
		if (!ascii_equal_nocase(r->buf + r->fields[i].off, t->columns[i]))
			return false;
	diag_error(r->diag, t->path, r->record_line, 0, NULL,
		   "the header row is repeated here: delete this line");
	r->bad = true;
	return true;
}

static void take_header(struct reader *r)
{
	struct csv_table *t = r->t;
	if (semicolon_header(r))
		return;
	t->columns = calloc(r->n_fields ? r->n_fields : 1, sizeof *t->columns);
	if (!t->columns) {
		r->no_memory = true;
		return;
	}
	t->header_line = r->record_line;
	for (size_t i = 0; i < r->n_fields; i++) {
		char *s = r->buf + r->fields[i].off;
		size_t len = r->fields[i].len;
		if (!csv_utf8_valid(s, len)) {
			note_bad_utf8(r, i);
			s = (char *)"";
			len = 0;
		} else {
			s = trim_span(s, &len);
		}
		t->columns[i] = strdup(s);
		if (!t->columns[i]) {
			r->no_memory = true;
			return;
		}
		t->n_columns = i + 1;
		if (!*s)
			continue;
		for (size_t k = 0; k < i; k++) {
			if (ascii_equal_nocase(t->columns[k], s)) {
				diag_error(r->diag, t->path, r->record_line, (int)i + 1, s,
					   "duplicate column '%s' (first is field %zu)",
					   s, k + 1);
				r->bad = true;
				break;
			}
		}
	}
	r->header_done = true;
}

static void take_row(struct reader *r)
{
	struct csv_table *t = r->t;
	if (r->n_fields != t->n_columns) {
		diag_error(r->diag, t->path, r->record_line, 0, NULL,
			   "record has %zu field%s, header has %zu",
			   r->n_fields, r->n_fields == 1 ? "" : "s", t->n_columns);
		r->bad = true;
		t->n_dropped++;
		return;
	}
	bool ok = true;
	size_t bytes = t->n_columns * sizeof(char *);
	for (size_t i = 0; i < r->n_fields; i++) {
		char *s = r->buf + r->fields[i].off;
		if (!csv_utf8_valid(s, r->fields[i].len)) {
			note_bad_utf8(r, i);
			ok = false;
			continue;
		}
		size_t len = r->fields[i].len;
		char *start = trim_span(s, &len);
		unneutralise(start, &len);
		r->fields[i].off = (size_t)(start - r->buf);
		r->fields[i].len = len;
		bytes += len + 1;
	}
	if (!ok) {
		t->n_dropped++;
		return;
	}
	if (repeated_header(r))
		return;
	if (!GROW(t->rows, t->n_rows + 1, r->rows_cap)) {
		r->no_memory = true;
		return;
	}
	char **block = malloc(bytes ? bytes : 1);
	if (!block) {
		r->no_memory = true;
		return;
	}
	char *text = (char *)(block + t->n_columns);
	for (size_t i = 0; i < r->n_fields; i++) {
		block[i] = text;
		memcpy(text, r->buf + r->fields[i].off, r->fields[i].len + 1);
		text += r->fields[i].len + 1;
	}
	t->rows[t->n_rows].line = r->record_line;
	t->rows[t->n_rows].fields = block;
	t->n_rows++;
}

static void on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	if (r->stopped || r->no_memory)
		return;
	/* n + 1 cannot wrap: n counts bytes libcsv already holds in memory. */
	if (!GROW(r->fields, r->n_fields + 1, r->cap_fields) ||
	    !GROW(r->buf, r->len + n + 1, r->cap)) {
		r->no_memory = true;
		return;
	}
	if (n)
		memcpy(r->buf + r->len, s, n);
	r->buf[r->len + n] = '\0';
	r->fields[r->n_fields].off = r->len;
	r->fields[r->n_fields].len = n;
	r->n_fields++;
	r->len += n + 1;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	(void)c;
	if (r->stopped)
		return;
	if (!r->no_memory) {
		if (r->header_done)
			take_row(r);
		else
			take_header(r);
	}
	r->n_fields = 0;
	r->len = 0;
	r->between = true;
}

/* Length of the physical line starting at data[0]: up to and including LF,
 * CRLF or a lone CR (which libcsv also takes as the end of a record). */
static size_t line_length(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n')
			return i + 1;
		if (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'))
			return i + 1;
	}
	return len;
}

/* Files that are not text at all are named for what they are, before one
 * line of them is read as CSV. */
static const char *not_csv_reason(const char *data, size_t len)
{
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return "an Excel workbook (.xlsx), not a CSV file";
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "an Excel 97-2003 workbook (.xls), not a CSV file";
	if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
		return "saved as UTF-16 (\"Unicode Text\"), not UTF-8";
	return NULL;
}

static bool is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank_char(s[i]) && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

enum status csv_table_parse(const char *path, const char *data, size_t len,
			    struct csv_table *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	out->path = strdup(path ? path : "");
	if (!out->path)
		return STATUS_NO_MEMORY;

	struct reader r = { .t = out, .diag = diag, .line = 1, .between = true };
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return STATUS_NO_MEMORY;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	const char *not_csv = not_csv_reason(data, len);
	if (not_csv) {
		csv_free(&p);
		diag_error(diag, out->path, 0, 0, NULL, "%s: " SAVE_AS_CSV, not_csv);
		return STATUS_BAD_DATA;
	}
	size_t pos = 0, record_pos = 0;
	for (;;) {
		bool quote_error = false;
		while (pos < len && !r.stopped && !r.no_memory) {
			size_t n = line_length(data + pos, len - pos);
			if (r.between && !is_blank_line(data + pos, n)) {
				r.record_line = r.line;
				record_pos = pos;
				r.between = false;
			}
			size_t done = csv_parse(&p, data + pos, n, on_field, on_row, &r);
			if (done < n) {
				if (csv_error(&p) != CSV_EPARSE) {
					r.no_memory = true;
					break;
				}
				size_t f = r.n_fields;
				diag_error(diag, out->path, r.record_line, (int)f + 1,
					   column_name(&r, f),
					   "misplaced quote (quote the whole field)");
				quote_error = true;
				break;
			}
			pos += n;
			r.line++;
		}
		if (!quote_error && !r.stopped && !r.no_memory &&
		    csv_fini(&p, on_field, on_row, &r) != 0) {
			if (csv_error(&p) != CSV_EPARSE) {
				r.no_memory = true;
			} else {
				size_t f = r.n_fields;
				diag_error(diag, out->path, r.record_line, (int)f + 1,
					   column_name(&r, f), "unterminated quoted field");
				quote_error = true;
			}
		}
		if (!quote_error || r.stopped || r.no_memory)
			break;
		r.bad = true;
		/* Only this record is lost: reading on from the line after the one
		 * it started on keeps the rows after it (a quote that opened a
		 * field swallows them otherwise), so one stray quote in a name
		 * does not turn into an error for every row that refers to them.
		 * A broken header leaves nothing to read rows by. */
		size_t next = record_pos + line_length(data + record_pos, len - record_pos);
		if (r.header_done)
			out->n_dropped++;
		if (!r.header_done || next >= len)
			break;
		csv_free(&p);
		if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
			r.no_memory = true;
			break;
		}
		r.n_fields = 0;
		r.len = 0;
		r.between = true;
		r.line = r.record_line + 1;
		pos = next;
	}
	csv_free(&p);
	free(r.buf);
	free(r.fields);
	if (!r.no_memory)
		report_bad_utf8(&r);
	free(r.utf8_column);

	if (r.no_memory)
		return STATUS_NO_MEMORY;
	if (!r.header_done && !r.bad) {
		diag_error(diag, out->path, 0, 0, NULL, "file is empty");
		r.bad = true;
	}
	return r.bad ? STATUS_BAD_DATA : STATUS_OK;
}

enum status csv_table_read(const char *path, struct csv_table *out,
			   struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return STATUS_NO_INPUT;
		diag_error(diag, path, 0, 0, NULL, "open: %s", strerror(errno));
		return STATUS_IO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_error(diag, path, 0, 0, NULL, "stat: %s", strerror(errno));
		close(fd);
		return STATUS_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_error(diag, path, 0, 0, NULL, "read: %s", strerror(EISDIR));
		close(fd);
		return STATUS_IO;
	}
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	size_t len = 0;
	char *data = malloc(cap);
	if (!data) {
		close(fd);
		return STATUS_NO_MEMORY;
	}
	for (;;) {
		if (!GROW(data, len + 1, cap)) {
			free(data);
			close(fd);
			return STATUS_NO_MEMORY;
		}
		ssize_t got = read(fd, data + len, cap - len);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			diag_error(diag, path, 0, 0, NULL, "read: %s", strerror(errno));
			free(data);
			close(fd);
			return STATUS_IO;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	enum status s = csv_table_parse(path, data, len, out, diag);
	free(data);
	return s;
}

int csv_table_column(const struct csv_table *t, const char *name)
{
	for (size_t i = 0; i < t->n_columns; i++)
		if (t->columns[i][0] && ascii_equal_nocase(t->columns[i], name))
			return (int)i;
	return -1;
}

const char *csv_table_cell(const struct csv_table *t, size_t row, int column)
{
	if (column < 0 || (size_t)column >= t->n_columns || row >= t->n_rows)
		return "";
	return t->rows[row].fields[column];
}

void csv_table_release(struct csv_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_rows; i++)
		free(t->rows[i].fields);
	free(t->rows);
	for (size_t i = 0; i < t->n_columns; i++)
		free(t->columns[i]);
	free(t->columns);
	free(t->path);
	memset(t, 0, sizeof *t);
}

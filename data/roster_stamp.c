/* roster_stamp.c -- the fingerprint of a roster as written, and the small
 * CSV file that records it. */
#include "roster_stamp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_out.h"
#include "csv_table.h"

#define FNV_OFFSET UINT64_C(14695981039346656037)
#define FNV_PRIME UINT64_C(1099511628211)

static uint64_t fnv_bytes(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* qsort has no context argument: the table being sorted. */
static const struct csv_table *sorting;
static int sort_patient, sort_group;

static int cmp_rows(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int d = strcmp(csv_table_cell(sorting, a, sort_patient),
		       csv_table_cell(sorting, b, sort_patient));
	if (d == 0)
		d = strcmp(csv_table_cell(sorting, a, sort_group),
			   csv_table_cell(sorting, b, sort_group));
	return d;
}

enum status roster_fingerprint(const char *data, size_t len, uint64_t *fingerprint,
			       size_t *rows)
{
	struct csv_table t;
	struct diag_list ignored = DIAG_LIST_INIT;
	/* What the file says is wrong with it is the reader's business
	 * (check, plan); here only its content counts. */
	enum status st = csv_table_parse("roster", data, len, &t, &ignored);
	diag_list_release(&ignored);
	if (st == STATUS_NO_MEMORY) {
		csv_table_release(&t);
		return st;
	}
	size_t *order = malloc((t.n_rows + 1) * sizeof *order);
	if (order == NULL) {
		csv_table_release(&t);
		return STATUS_NO_MEMORY;
	}
	for (size_t i = 0; i < t.n_rows; i++)
		order[i] = i;
	sorting = &t;
	sort_patient = csv_table_column(&t, "patient");
	sort_group = csv_table_column(&t, "group");
	qsort(order, t.n_rows, sizeof *order, cmp_rows);
	/* The unit and record separators cannot be in a UTF-8 cell the
	 * reader accepts unnoticed, so ("ab","c") and ("a","bc") differ. */
	uint64_t h = FNV_OFFSET;
	for (size_t i = 0; i < t.n_rows; i++) {
		const char *p = csv_table_cell(&t, order[i], sort_patient);
		const char *g = csv_table_cell(&t, order[i], sort_group);
		h = fnv_bytes(h, p, strlen(p));
		h = fnv_bytes(h, "\x1f", 1);
		h = fnv_bytes(h, g, strlen(g));
		h = fnv_bytes(h, "\x1e", 1);
	}
	sorting = NULL;
	*fingerprint = h;
	*rows = t.n_rows;
	free(order);
	csv_table_release(&t);
	return STATUS_OK;
}

static const char *const columns[] = { "roster", "written_by", "rows", "fingerprint" };
enum { N_COLUMNS = sizeof columns / sizeof *columns };

enum status roster_stamp_format(const char *roster_path, const char *written_by,
				const char *data, size_t len, struct strbuf *out)
{
	uint64_t fp;
	size_t rows;
	enum status st = roster_fingerprint(data, len, &fp, &rows);
	if (st != STATUS_OK)
		return st;
	const char *slash = strrchr(roster_path, '/');
	char n_rows[24], hex[17];
	snprintf(n_rows, sizeof n_rows, "%zu", rows);
	snprintf(hex, sizeof hex, "%016" PRIx64, fp);
	const char *const cells[N_COLUMNS] = { slash ? slash + 1 : roster_path, written_by,
					       n_rows, hex };
	csv_out_row(out, columns, N_COLUMNS);
	csv_out_row(out, cells, N_COLUMNS);
	return out->failed ? STATUS_NO_MEMORY : STATUS_OK;
}

/* A hexadecimal fingerprint of exactly 16 digits. */
static bool parse_hex(const char *s, uint64_t *out)
{
	if (strlen(s) != 16)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10 : -1;
		if (d < 0)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return true;
}

bool roster_stamp_parse(const char *data, size_t len, struct roster_stamp *out)
{
	memset(out, 0, sizeof *out);
	struct csv_table t;
	struct diag_list ignored = DIAG_LIST_INIT;
	enum status st = csv_table_parse("stamp", data, len, &t, &ignored);
	diag_list_release(&ignored);
	bool ok = st == STATUS_OK && t.n_rows == 1;
	int col[N_COLUMNS];
	for (size_t i = 0; ok && i < N_COLUMNS; i++)
		ok = (col[i] = csv_table_column(&t, columns[i])) >= 0;
	if (ok) {
		const char *roster = csv_table_cell(&t, 0, col[0]);
		const char *by = csv_table_cell(&t, 0, col[1]);
		const char *rows = csv_table_cell(&t, 0, col[2]);
		char *end;
		unsigned long long n = strtoull(rows, &end, 10);
		ok = *roster && strlen(roster) < sizeof out->roster && *by &&
		     strlen(by) < sizeof out->written_by && *rows >= '0' && *rows <= '9' &&
		     *end == '\0' && parse_hex(csv_table_cell(&t, 0, col[3]), &out->fingerprint);
		if (ok) {
			strcpy(out->roster, roster);
			strcpy(out->written_by, by);
			out->rows = (size_t)n;
		}
	}
	csv_table_release(&t);
	if (!ok)
		memset(out, 0, sizeof *out);
	return ok;
}

/* load_links.c -- progress.csv, separations.csv and pins.csv: records that refer to patients and groups. */
#include "load_util.h"

#include <stdlib.h>
#include <string.h>

/* Reads the optional file at `path`. Returns false when there is nothing
 * to go on with (missing, unreadable, no header); *st says why. */
static bool open_links(struct load_ctx *ctx, const char *path, struct csv_table *t,
		       const char *const *names, size_t n, const char *header,
		       const char *none, int *col, enum status *st)
{
	static const bool all_required[8] = { true, true, true, true, true, true, true, true };
	*st = load_optional_table(path, header, none, t, ctx->diag);
	if (*st == STATUS_NO_INPUT) {
		*st = STATUS_OK; /* optional file */
		return false;
	}
	if (*st != STATUS_OK && *st != STATUS_BAD_DATA)
		return false;
	*st = STATUS_OK;
	if (t->n_columns == 0)
		return false;
	return load_columns(ctx->diag, t, names, all_required, n, col, NULL, true);
}

/* The patient named in a cell, or -1 (reported unless `unknown_is_warning`
 * says to warn instead, or patients.csv could not be read). */
static int ref_patient(struct load_ctx *ctx, const struct csv_table *t, size_t row,
		       int col, bool unknown_is_warning)
{
	const char *s = csv_table_cell(t, row, col);
	char qbuf[LOAD_QUOTE_SIZE];
	if (!*s) {
		load_error(ctx->diag, t, row, col, "missing value");
		return -1;
	}
	if (!ctx->patients_known)
		return -1;
	int p = clinic_find_patient(ctx->c, s);
	if (p < 0 && ctx->patients_partial)
		return -1; /* perhaps in a row patients.csv lost: that is the error */
	if (p < 0 && unknown_is_warning)
		load_warning(ctx->diag, t, row, col, "unknown patient '%s', row skipped",
			     load_quote(s, qbuf, sizeof qbuf));
	else if (p < 0)
		load_error(ctx->diag, t, row, col, "unknown patient '%s'",
			   load_quote(s, qbuf, sizeof qbuf));
	return p;
}

static int ref_group(struct load_ctx *ctx, const struct csv_table *t, size_t row, int col)
{
	const char *s = csv_table_cell(t, row, col);
	char qbuf[LOAD_QUOTE_SIZE];
	if (!*s) {
		load_error(ctx->diag, t, row, col, "missing value");
		return -1;
	}
	if (!ctx->groups_known)
		return -1;
	int g = clinic_find_group(ctx->c, s);
	if (g < 0 && !ctx->groups_partial)
		load_error(ctx->diag, t, row, col, "unknown group '%s'",
			   load_quote(s, qbuf, sizeof qbuf));
	return g;
}

/* A type progress.csv names that patients.csv has no need column for is
 * one cause (usually a deleted or renamed need_TYPE column), however many
 * rows carry it: for each row, *follows[row] says it repeats an earlier
 * row's unknown type, and repeats[row] how many later rows repeat it. */
static bool count_unknown_types(struct load_ctx *ctx, const struct csv_table *t,
				int patient_col, int col, size_t **repeats, bool **follows)
{
	*repeats = calloc(t->n_rows ? t->n_rows : 1, sizeof **repeats);
	*follows = calloc(t->n_rows ? t->n_rows : 1, sizeof **follows);
	size_t *firsts = malloc((t->n_rows ? t->n_rows : 1) * sizeof *firsts);
	if (!*repeats || !*follows || !firsts) {
		free(firsts);
		return false;
	}
	size_t n_firsts = 0;
	for (size_t row = 0; row < t->n_rows && ctx->patients_known; row++) {
		const char *s = csv_table_cell(t, row, col);
		const char *patient = csv_table_cell(t, row, patient_col);
		/* rows of patients who left are skipped before their type is read */
		if (*patient && clinic_find_patient(ctx->c, patient) < 0)
			continue;
		if (!*s || clinic_find_type(ctx->c, s) >= 0)
			continue;
		size_t k = 0;
		while (k < n_firsts && !load_equal_nocase(csv_table_cell(t, firsts[k], col), s))
			k++;
		if (k == n_firsts) {
			firsts[n_firsts++] = row;
		} else {
			(*repeats)[firsts[k]]++;
			(*follows)[row] = true;
		}
	}
	free(firsts);
	return true;
}

enum status load_progress(struct load_ctx *ctx, const char *path)
{
	static const char *const names[] = { "patient", "type", "date", "score" };
	struct clinic *c = ctx->c;
	struct csv_table t;
	int col[4];
	enum status st;
	size_t *repeats = NULL;
	bool *follows = NULL, *other_dates = NULL;
	if (!open_links(ctx, path, &t, names, 4, "patient,type,date,score",
			"no progress records", col, &st))
		goto done;
	c->progress = calloc(t.n_rows ? t.n_rows : 1, sizeof *c->progress);
	if (!c->progress || !count_unknown_types(ctx, &t, col[0], col[1], &repeats, &follows) ||
	    !(other_dates = load_other_dates(ctx->diag, &t, col[2]))) {
		ctx->no_memory = true;
		goto done;
	}
	for (size_t row = 0; row < t.n_rows; row++) {
		char qbuf[LOAD_QUOTE_SIZE];
		struct progress_record r = { .line = t.rows[row].line, .type = -1 };
		bool ok = true;
		const char *s = csv_table_cell(&t, row, col[0]);
		r.patient = ref_patient(ctx, &t, row, col[0], true);
		if (r.patient < 0) {
			/* history of a patient who left: skipped, not checked */
			if (*s && ctx->patients_known)
				continue;
			ok = false;
		}
		s = csv_table_cell(&t, row, col[1]);
		if (!*s) {
			load_error(ctx->diag, &t, row, col[1], "missing value");
			ok = false;
		} else if (ctx->patients_known) {
			r.type = clinic_find_type(c, s);
			if (r.type < 0 && follows[row]) {
				ctx->diag->n_errors++; /* named at its first row */
				continue;
			}
			if (r.type < 0 && repeats[row]) {
				char lower[LOAD_QUOTE_SIZE];
				load_quote(s, qbuf, sizeof qbuf);
				for (size_t i = 0; (lower[i] = qbuf[i]); i++)
					if (lower[i] >= 'A' && lower[i] <= 'Z')
						lower[i] = (char)(lower[i] - 'A' + 'a');
				load_error(ctx->diag, &t, row, col[1],
					   "unknown type '%s', here and in %zu more row%s: add a "
					   "need_%s column to patients.csv or correct the type",
					   qbuf, repeats[row], repeats[row] == 1 ? "" : "s", lower);
				ok = false;
			} else if (r.type < 0) {
				load_error(ctx->diag, &t, row, col[1], "unknown type '%s'",
					   load_quote(s, qbuf, sizeof qbuf));
				ok = false;
			}
		}
		s = csv_table_cell(&t, row, col[2]);
		if (!date_parse(s, &r.date)) {
			if (other_dates[row])
				; /* reported once for the column */
			else if (*s)
				load_error(ctx->diag, &t, row, col[2],
					   "'%s' is not a date (YYYY-MM-DD)",
					   load_quote(s, qbuf, sizeof qbuf));
			else
				load_error(ctx->diag, &t, row, col[2], "missing value");
			ok = false;
		}
		s = csv_table_cell(&t, row, col[3]);
		long score;
		if (!*s) {
			load_error(ctx->diag, &t, row, col[3], "missing value");
			ok = false;
		} else if (!load_parse_int(s, 0, 100, &score)) {
			load_error(ctx->diag, &t, row, col[3], "'%s' is not in 0..100",
				   load_quote(s, qbuf, sizeof qbuf));
			ok = false;
		} else {
			r.score = (int)score;
		}
		if (ok && r.type >= 0)
			c->progress[c->n_progress++] = r;
	}
done:
	free(repeats);
	free(follows);
	free(other_dates);
	csv_table_release(&t);
	return st;
}

enum status load_separations(struct load_ctx *ctx, const char *path)
{
	static const char *const names[] = { "patient_a", "patient_b" };
	struct clinic *c = ctx->c;
	struct csv_table t;
	int col[2];
	enum status st;
	if (!open_links(ctx, path, &t, names, 2, "patient_a,patient_b",
			"no separations", col, &st))
		goto done;
	c->separations = calloc(t.n_rows ? t.n_rows : 1, sizeof *c->separations);
	if (!c->separations) {
		ctx->no_memory = true;
		goto done;
	}
	for (size_t row = 0; row < t.n_rows; row++) {
		int a = ref_patient(ctx, &t, row, col[0], false);
		int b = ref_patient(ctx, &t, row, col[1], false);
		if (a < 0 || b < 0)
			continue;
		if (a == b) {
			char qbuf[LOAD_QUOTE_SIZE];
			load_error(ctx->diag, &t, row, col[1], "'%s' is separated from themself",
				   load_quote(c->patients[a].id, qbuf, sizeof qbuf));
			continue;
		}
		struct separation *s = &c->separations[c->n_separations++];
		s->a = a;
		s->b = b;
		s->line = t.rows[row].line;
	}
done:
	csv_table_release(&t);
	return st;
}

static int pin_order(const void *x, const void *y)
{
	const struct pin *a = x, *b = y;
	if (a->patient != b->patient)
		return a->patient < b->patient ? -1 : 1;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* "must" and "never" for the same pair cannot both hold: reported at the
 * later of the two first rows, naming the other. */
static void check_pin_conflicts(struct load_ctx *ctx, const struct csv_table *t,
				int rule_col, const size_t *row_of)
{
	struct clinic *c = ctx->c;
	size_t n = c->n_pins;
	if (n < 2)
		return;
	struct pin *sorted = malloc(n * sizeof *sorted);
	if (!sorted) {
		ctx->no_memory = true;
		return;
	}
	memcpy(sorted, c->pins, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, pin_order);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		long must = 0, never = 0;
		while (j < n && sorted[j].patient == sorted[i].patient
		       && sorted[j].group == sorted[i].group) {
			long *first = sorted[j].rule == PIN_MUST ? &must : &never;
			if (!*first)
				*first = sorted[j].line;
			j++;
		}
		if (must && never) {
			long later = must > never ? must : never;
			long other = must > never ? never : must;
			size_t row = 0;
			for (size_t k = 0; k < n; k++)
				if (c->pins[k].line == later)
					row = row_of[k];
			char qp[LOAD_QUOTE_SIZE], qg[LOAD_QUOTE_SIZE];
			load_error(ctx->diag, t, row, rule_col,
				   "both must and never for '%s' in '%s' (other on line %ld)",
				   load_quote(c->patients[sorted[i].patient].id, qp, sizeof qp),
				   load_quote(c->groups[sorted[i].group].id, qg, sizeof qg),
				   other);
		}
		i = j;
	}
	free(sorted);
}

enum status load_pins(struct load_ctx *ctx, const char *path)
{
	static const char *const names[] = { "patient", "group", "rule" };
	struct clinic *c = ctx->c;
	struct csv_table t;
	int col[3];
	size_t *row_of = NULL;
	enum status st;
	if (!open_links(ctx, path, &t, names, 3, "patient,group,rule", "no pins",
			col, &st))
		goto done;
	c->pins = calloc(t.n_rows ? t.n_rows : 1, sizeof *c->pins);
	row_of = calloc(t.n_rows ? t.n_rows : 1, sizeof *row_of);
	if (!c->pins || !row_of) {
		ctx->no_memory = true;
		goto done;
	}
	for (size_t row = 0; row < t.n_rows; row++) {
		int p = ref_patient(ctx, &t, row, col[0], false);
		int g = ref_group(ctx, &t, row, col[1]);
		const char *s = csv_table_cell(&t, row, col[2]);
		enum pin_rule rule;
		if (load_equal_nocase(s, "must")) {
			rule = PIN_MUST;
		} else if (load_equal_nocase(s, "never")) {
			rule = PIN_NEVER;
		} else {
			char qbuf[LOAD_QUOTE_SIZE];
			if (*s)
				load_error(ctx->diag, &t, row, col[2], "'%s' is not must or never",
					   load_quote(s, qbuf, sizeof qbuf));
			else
				load_error(ctx->diag, &t, row, col[2], "missing value");
			continue;
		}
		if (p < 0 || g < 0)
			continue;
		row_of[c->n_pins] = row;
		c->pins[c->n_pins++] = (struct pin){ p, g, rule, t.rows[row].line };
	}
	check_pin_conflicts(ctx, &t, col[2], row_of);
done:
	free(row_of);
	csv_table_release(&t);
	return st;
}

/* load_patients.c -- patients.csv into struct patient records and the clinic's type names. */
#include "load_util.h"

#include <stdlib.h>
#include <string.h>

/* patients.csv has the first P_N columns; waitlist.csv all P_ALL, with
 * requested in admitted's place among the required ones. */
enum { P_ID, P_ADMITTED, P_DISCHARGE, P_HOURS_MIN, P_HOURS_MAX, P_AVAILABLE,
       P_TAGS, P_NAME, P_AWAY, P_N, P_REQUESTED = P_N, P_ALL };

static const char *const patient_columns[P_ALL] = {
	"id", "admitted", "discharge", "hours_min", "hours_max", "available",
	"tags", "name", "away", "requested",
};
static const bool patient_required[P_ALL] = { true, true };
static const bool waiting_required[P_ALL] = { [P_ID] = true, [P_REQUESTED] = true };

static bool is_need_column(const char *name)
{
	return load_prefix_nocase(name, "need_");
}

/* Collects the need_TYPE columns as the clinic's types, in column order. */
static bool read_types(struct load_ctx *ctx, const struct csv_table *t, int **need_col)
{
	struct clinic *c = ctx->c;
	c->type_names = calloc(t->n_columns ? t->n_columns : 1, sizeof *c->type_names);
	*need_col = calloc(t->n_columns ? t->n_columns : 1, sizeof **need_col);
	if (!c->type_names || !*need_col)
		return false;
	bool any = false;
	for (size_t i = 0; i < t->n_columns; i++) {
		const char *name = t->columns[i];
		char canonical[LOAD_QUOTE_SIZE];
		if (name[0] && !is_need_column(name) &&
		    load_column_canonical(name, canonical, sizeof canonical) &&
		    is_need_column(canonical) && canonical[5]) {
			/* "Need Support" is already an error ("did you mean"); its
			 * type still exists, so groups and progress rows of that
			 * type do not each report it again. */
			char *type = load_lower_dup(canonical + 5);
			if (!type)
				return false;
			any = true;
			if (clinic_find_type(c, type) >= 0) {
				free(type);
				continue;
			}
			(*need_col)[c->n_types] = (int)i;
			c->type_names[c->n_types++] = type;
			continue;
		}
		if (!name[0] || !is_need_column(name))
			continue;
		if (csv_table_column(t, name) != (int)i)
			continue; /* a duplicate column, already an error */
		any = true;
		if (!name[5]) {
			load_error(ctx->diag, t, LOAD_HEADER, (int)i,
				   "no type name after 'need_'");
			continue;
		}
		char *type = load_lower_dup(name + 5);
		if (!type)
			return false;
		int known = clinic_find_type(c, type);
		if (known >= 0) { /* the real column wins over a misspelt one */
			(*need_col)[known] = (int)i;
			free(type);
			continue;
		}
		(*need_col)[c->n_types] = (int)i;
		c->type_names[c->n_types++] = type;
	}
	if (!any)
		load_error(ctx->diag, t, LOAD_HEADER, -1,
			   "missing need_TYPE column (at least one is required)");
	return true;
}

/* Parses "DATE" or "DATE..DATE" items. Reports the first bad item. */
static bool parse_away(struct load_ctx *ctx, const struct csv_table *t, size_t row,
		       int col, struct patient *p)
{
	const char *s = csv_table_cell(t, row, col);
	size_t cap = 1;
	for (const char *q = s; *q; q++)
		cap += *q == ';';
	p->away = calloc(cap, sizeof *p->away);
	if (!p->away) {
		ctx->no_memory = true;
		return false;
	}
	char qbuf[LOAD_QUOTE_SIZE];
	const char *q = s;
	for (;;) {
		const char *end = strchr(q, ';');
		if (!end)
			end = q + strlen(q);
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		size_t n = (size_t)(end - q);
		while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t'))
			n--;
		if (n > 0) {
			char item[128];
			if (n >= sizeof item) {
				load_error(ctx->diag, t, row, col,
					   "away item is too long (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)");
				return false;
			}
			memcpy(item, q, n);
			item[n] = '\0';
			char first[128], *dots = strstr(item, "..");
			const char *second = NULL;
			strcpy(first, item);
			if (dots) {
				first[dots - item] = '\0';
				second = dots + 2;
				while (*second == ' ')
					second++;
				size_t k = strlen(first);
				while (k > 0 && first[k - 1] == ' ')
					first[--k] = '\0';
			}
			day_t a, b;
			if (!date_parse(first, &a) || (second && !date_parse(second, &b))) {
				load_error(ctx->diag, t, row, col,
					   "'%s' is not a date or a range "
					   "(YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)",
					   load_quote(item, qbuf, sizeof qbuf));
				return false;
			}
			if (!second)
				b = a;
			if (b < a) {
				load_error(ctx->diag, t, row, col,
					   "range '%s' ends before it starts",
					   load_quote(item, qbuf, sizeof qbuf));
				return false;
			}
			p->away[p->n_away].first = a;
			p->away[p->n_away].last = b;
			p->n_away++;
		}
		if (!*end)
			break;
		q = end + 1;
	}
	return true;
}

/* An hours cell: empty = the default; else a number >= 0. */
static bool parse_hours(struct load_ctx *ctx, const struct csv_table *t, size_t row,
			int col, double def, double *out)
{
	const char *s = csv_table_cell(t, row, col);
	char qbuf[LOAD_QUOTE_SIZE];
	*out = def;
	if (!*s)
		return true;
	double v;
	if (!load_parse_number(s, &v) || v < 0) {
		load_error(ctx->diag, t, row, col, "'%s' is not a number >= 0",
			   load_quote(s, qbuf, sizeof qbuf));
		return false;
	}
	*out = v;
	return true;
}

/* Cells of the date columns written another way, already reported once
 * for their whole column (load_other_dates). */
struct other_dates { bool *admitted, *discharge; };

static void read_patient(struct load_ctx *ctx, const struct csv_table *t, size_t row,
			 const int *col, const int *need_col, const struct other_dates *od,
			 struct patient *p)
{
	struct clinic *c = ctx->c;
	const struct settings *settings = &c->settings;
	char qbuf[LOAD_QUOTE_SIZE], err[256];
	const char *s;

	p->line = t->rows[row].line;
	p->discharge = DAY_NONE;

	bool admitted_ok = false;
	if (ctx->waiting) {
		/* Someone waiting has asked, not started: the day they start is
		 * the day they are admitted, and their stay runs from there. */
		static const int not_yet[] = { P_ADMITTED, P_DISCHARGE };
		for (size_t i = 0; i < 2; i++)
			if (*csv_table_cell(t, row, col[not_yet[i]]))
				load_error(ctx->diag, t, row, col[not_yet[i]],
					   "a waiting patient is not admitted yet: leave it empty");
		s = csv_table_cell(t, row, col[P_REQUESTED]);
		if (!*s)
			load_error(ctx->diag, t, row, col[P_REQUESTED], "missing value");
		else if (od->admitted[row])
			; /* reported once for the whole column */
		else if (!date_parse(s, &p->admitted))
			load_error(ctx->diag, t, row, col[P_REQUESTED],
				   "'%s' is not a date (YYYY-MM-DD)", load_quote(s, qbuf, sizeof qbuf));
		goto hours;
	}

	s = csv_table_cell(t, row, col[P_ADMITTED]);
	if (!*s)
		load_error(ctx->diag, t, row, col[P_ADMITTED], "missing value");
	else if (od->admitted[row])
		; /* reported once for the whole column */
	else if (!date_parse(s, &p->admitted))
		load_error(ctx->diag, t, row, col[P_ADMITTED],
			   "'%s' is not a date (YYYY-MM-DD)", load_quote(s, qbuf, sizeof qbuf));
	else
		admitted_ok = true;

	s = csv_table_cell(t, row, col[P_DISCHARGE]);
	if (*s) {
		if (!date_parse(s, &p->discharge)) {
			if (!od->discharge[row])
				load_error(ctx->diag, t, row, col[P_DISCHARGE],
					   "'%s' is not a date (YYYY-MM-DD)",
					   load_quote(s, qbuf, sizeof qbuf));
			p->discharge = DAY_NONE;
		} else if (admitted_ok && p->discharge < p->admitted) {
			char a[11];
			date_format(p->admitted, a);
			load_error(ctx->diag, t, row, col[P_DISCHARGE],
				   "discharge '%s' is before admitted '%s'", s, a);
		}
	}

hours:;
	bool min_ok = parse_hours(ctx, t, row, col[P_HOURS_MIN], settings->hours_min, &p->hours_min);
	bool max_ok = parse_hours(ctx, t, row, col[P_HOURS_MAX], settings->hours_max, &p->hours_max);
	bool min_given = *csv_table_cell(t, row, col[P_HOURS_MIN]) != '\0';
	bool max_given = *csv_table_cell(t, row, col[P_HOURS_MAX]) != '\0';
	/* two defaults that disagree are settings.csv's error, not this row's */
	if (min_ok && max_ok && (min_given || max_given) && p->hours_min > p->hours_max) {
		load_error(ctx->diag, t, row, min_given ? col[P_HOURS_MIN] : col[P_HOURS_MAX],
			   "hours_min %g is more than hours_max %g",
			   p->hours_min, p->hours_max);
	}

	s = csv_table_cell(t, row, col[P_AVAILABLE]);
	if (*s && !slot_parse_list(s, &p->available, &p->n_available, err, sizeof err)) {
		if (strcmp(err, SLOT_ERR_NO_MEMORY) == 0)
			ctx->no_memory = true;
		else
			load_error(ctx->diag, t, row, col[P_AVAILABLE], "%s", err);
		p->available = NULL;
		p->n_available = 0;
	}

	if (!load_parse_tags(csv_table_cell(t, row, col[P_TAGS]), &p->tags, &p->n_tags))
		ctx->no_memory = true;

	p->need = calloc(c->n_types ? c->n_types : 1, sizeof *p->need);
	if (!p->need) {
		ctx->no_memory = true;
		return;
	}
	for (size_t k = 0; k < c->n_types; k++) {
		s = csv_table_cell(t, row, need_col[k]);
		long v = 0;
		if (*s && !load_parse_int(s, 0, NEED_MAX, &v))
			load_error(ctx->diag, t, row, need_col[k], "'%s' is not in 0..%d",
				   load_quote(s, qbuf, sizeof qbuf), NEED_MAX);
		p->need[k] = (int)v;
	}

	s = csv_table_cell(t, row, col[P_NAME]);
	if (*s && !(p->name = strdup(s)))
		ctx->no_memory = true;

	if (*csv_table_cell(t, row, col[P_AWAY]))
		parse_away(ctx, t, row, col[P_AWAY], p);
}

enum status load_patients(struct load_ctx *ctx, const char *path)
{
	struct clinic *c = ctx->c;
	struct csv_table t;
	enum status st = load_table(path, true, &t, ctx->diag);
	if (st != STATUS_OK && st != STATUS_BAD_DATA) {
		csv_table_release(&t);
		return st;
	}
	int col[P_ALL] = { [P_REQUESTED] = -1 };
	int *need_col = NULL;
	long *dup = NULL;
	struct other_dates od = { 0 };
	if (t.n_columns == 0)
		goto done;
	bool ok = load_columns(ctx->diag, &t, patient_columns,
			       ctx->waiting ? waiting_required : patient_required,
			       ctx->waiting ? P_ALL : P_N, col, is_need_column, true);
	if (!read_types(ctx, &t, &need_col)) {
		ctx->no_memory = true;
		goto done;
	}
	if (!ok)
		goto done; /* without id and admitted no row means anything */
	ctx->patients_known = true;
	ctx->patients_partial = t.n_dropped > 0;
	dup = load_duplicates(&t, col[P_ID]);
	c->patients = calloc(t.n_rows ? t.n_rows : 1, sizeof *c->patients);
	/* On the waiting list the date a row starts from is requested. */
	od.admitted = load_other_dates(ctx->diag, &t,
				       col[ctx->waiting ? P_REQUESTED : P_ADMITTED]);
	od.discharge = load_other_dates(ctx->diag, &t, col[P_DISCHARGE]);
	if (!dup || !c->patients || !od.admitted || !od.discharge) {
		ctx->no_memory = true;
		goto done;
	}
	for (size_t row = 0; row < t.n_rows && !ctx->no_memory; row++) {
		const char *id = load_unique_id(ctx->diag, &t, row, col[P_ID], dup);
		if (!id)
			continue;
		struct patient *p = &c->patients[c->n_patients++];
		if (!(p->id = strdup(id))) {
			ctx->no_memory = true;
			break;
		}
		read_patient(ctx, &t, row, col, need_col, &od, p);
	}
done:
	free(od.admitted);
	free(od.discharge);
	free(dup);
	free(need_col);
	csv_table_release(&t);
	return STATUS_OK;
}

/* load_groups.c -- groups.csv into struct group records. */
#include "load_util.h"

#include <stdlib.h>
#include <string.h>

enum { G_ID, G_TYPE, G_SLOTS, G_HOURS, G_MIN_SIZE, G_MAX_SIZE, G_REQUIRES,
       G_FACILITATOR, G_WEEKS_FROM, G_WEEKS_TO, G_N };

static const char *const group_columns[G_N] = {
	"id", "type", "slots", "hours", "min_size", "max_size", "requires",
	"facilitator", "weeks_from", "weeks_to",
};
static const bool group_required[G_N] = { true, true, true };

/* Largest group size accepted; far above any real therapy group. */
#define SIZE_LIMIT 100000

/* Largest program week accepted as a phase bound: about two centuries. */
#define WEEKS_LIMIT 10000

/* A phase bound cell: empty = no bound (false, nothing reported); else an
 * integer >= 0 in *out (true). *bad when the cell is not one. */
static bool parse_weeks(struct load_ctx *ctx, const struct csv_table *t, size_t row,
			int col, int *out, bool *bad)
{
	const char *s = csv_table_cell(t, row, col);
	char qbuf[LOAD_QUOTE_SIZE];
	long v;
	if (!*s)
		return false;
	if (!load_parse_int(s, 0, WEEKS_LIMIT, &v)) {
		load_error(ctx->diag, t, row, col, "'%s' is not a whole number >= 0",
			   load_quote(s, qbuf, sizeof qbuf));
		*bad = true;
		return false;
	}
	*out = (int)v;
	return true;
}

/* A size cell: empty = the default; else an integer >= 1. */
static bool parse_size(struct load_ctx *ctx, const struct csv_table *t, size_t row,
		       int col, int def, int *out)
{
	const char *s = csv_table_cell(t, row, col);
	char qbuf[LOAD_QUOTE_SIZE];
	long v;
	*out = def;
	if (!*s)
		return true;
	if (!load_parse_int(s, 1, SIZE_LIMIT, &v)) {
		load_error(ctx->diag, t, row, col, "'%s' is not a whole number >= 1",
			   load_quote(s, qbuf, sizeof qbuf));
		return false;
	}
	*out = (int)v;
	return true;
}

static void read_group(struct load_ctx *ctx, const struct csv_table *t, size_t row,
		       const int *col, struct group *g)
{
	struct clinic *c = ctx->c;
	char qbuf[LOAD_QUOTE_SIZE], err[256];
	const char *s;

	g->line = t->rows[row].line;
	g->type = -1;

	s = csv_table_cell(t, row, col[G_TYPE]);
	if (!*s) {
		load_error(ctx->diag, t, row, col[G_TYPE], "missing value");
	} else if (ctx->patients_known) {
		g->type = clinic_find_type(c, s);
		if (g->type < 0) {
			char lower[LOAD_QUOTE_SIZE];
			load_quote(s, qbuf, sizeof qbuf);
			for (size_t i = 0; (lower[i] = qbuf[i]); i++)
				if (lower[i] >= 'A' && lower[i] <= 'Z')
					lower[i] = (char)(lower[i] - 'A' + 'a');
			load_error(ctx->diag, t, row, col[G_TYPE],
				   "type '%s' has no need_%s column in patients.csv",
				   qbuf, lower);
		}
	}

	s = csv_table_cell(t, row, col[G_SLOTS]);
	bool slots_ok = false;
	if (!slot_parse_list(s, &g->slots, &g->n_slots, err, sizeof err)) {
		if (strcmp(err, SLOT_ERR_NO_MEMORY) == 0)
			ctx->no_memory = true;
		else
			load_error(ctx->diag, t, row, col[G_SLOTS], "%s", err);
		g->slots = NULL;
		g->n_slots = 0;
	} else if (g->n_slots == 0) {
		load_error(ctx->diag, t, row, col[G_SLOTS], "at least one slot is required");
	} else {
		slots_ok = true;
	}

	s = csv_table_cell(t, row, col[G_HOURS]);
	if (*s) {
		if (!load_parse_number(s, &g->hours) || g->hours <= 0)
			load_error(ctx->diag, t, row, col[G_HOURS], "'%s' is not a number > 0",
				   load_quote(s, qbuf, sizeof qbuf));
	} else if (slots_ok) {
		g->hours = 0;
		for (size_t i = 0; i < g->n_slots; i++)
			g->hours += slot_hours(&g->slots[i]);
		if (g->hours <= 0)
			load_error(ctx->diag, t, row, col[G_HOURS] >= 0 ? col[G_HOURS] : col[G_SLOTS],
				   "no hours given and no timed slot to count them from");
	}

	bool min_ok = parse_size(ctx, t, row, col[G_MIN_SIZE], c->settings.min_size, &g->min_size);
	bool max_ok = parse_size(ctx, t, row, col[G_MAX_SIZE], c->settings.max_size, &g->max_size);
	bool min_given = *csv_table_cell(t, row, col[G_MIN_SIZE]) != '\0';
	bool max_given = *csv_table_cell(t, row, col[G_MAX_SIZE]) != '\0';
	/* two defaults that disagree are settings.csv's error, not this row's */
	if (min_ok && max_ok && (min_given || max_given) && g->min_size > g->max_size) {
		load_error(ctx->diag, t, row, min_given ? col[G_MIN_SIZE] : col[G_MAX_SIZE],
			   "min_size %d is more than max_size %d", g->min_size, g->max_size);
	}

	if (!load_parse_tags(csv_table_cell(t, row, col[G_REQUIRES]), &g->requires,
			     &g->n_requires))
		ctx->no_memory = true;

	s = csv_table_cell(t, row, col[G_FACILITATOR]);
	if (*s && !(g->facilitator = strdup(s)))
		ctx->no_memory = true;

	bool bad = false;
	bool from_given = parse_weeks(ctx, t, row, col[G_WEEKS_FROM], &g->weeks_from, &bad);
	g->has_weeks_to = parse_weeks(ctx, t, row, col[G_WEEKS_TO], &g->weeks_to, &bad);
	if (!bad && from_given && g->has_weeks_to && g->weeks_from > g->weeks_to)
		load_error(ctx->diag, t, row, col[G_WEEKS_FROM],
			   "weeks_from %d is more than weeks_to %d", g->weeks_from, g->weeks_to);
}

enum status load_groups(struct load_ctx *ctx, const char *path)
{
	struct clinic *c = ctx->c;
	struct csv_table t;
	enum status st = load_table(path, true, &t, ctx->diag);
	ctx->groups_partial = t.n_dropped > 0; /* see load_ctx */
	if (st != STATUS_OK && st != STATUS_BAD_DATA) {
		csv_table_release(&t);
		return st;
	}
	int col[G_N];
	long *dup = NULL;
	if (t.n_columns == 0)
		goto done;
	if (!load_columns(ctx->diag, &t, group_columns, group_required, G_N, col, NULL, true))
		goto done; /* every row would repeat the missing column's error */
	ctx->groups_known = true;
	dup = load_duplicates(&t, col[G_ID]);
	c->groups = calloc(t.n_rows ? t.n_rows : 1, sizeof *c->groups);
	if (!dup || !c->groups) {
		ctx->no_memory = true;
		goto done;
	}
	for (size_t row = 0; row < t.n_rows && !ctx->no_memory; row++) {
		const char *id = load_unique_id(ctx->diag, &t, row, col[G_ID], dup);
		if (!id)
			continue;
		struct group *g = &c->groups[c->n_groups++];
		if (!(g->id = strdup(id))) {
			ctx->no_memory = true;
			break;
		}
		read_group(ctx, &t, row, col, g);
	}
done:
	free(dup);
	csv_table_release(&t);
	return STATUS_OK;
}

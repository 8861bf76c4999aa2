/* model_part.c -- a restriction built from the free columns' rows (see
 * model_part.h). */
#include "model_part.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

struct model_part {
	const struct model *m;
	size_t *col_start;       /* n_cols + 1: column j's rows are */
	int *col_row;            /* col_row[col_start[j] .. col_start[j+1]) */
	int *inv;                /* n_cols: the sub column, or -1 */
	unsigned *row_seen;      /* n_rows: == stamp once listed this call */
	unsigned stamp;
	int *cols, *rows;        /* this call's free columns and rows */
	size_t cap_cols, cap_rows;
};

void model_part_free(struct model_part *p)
{
	if (p == NULL)
		return;
	free(p->col_start);
	free(p->col_row);
	free(p->inv);
	free(p->row_seen);
	free(p->cols);
	free(p->rows);
	free(p);
}

struct model_part *model_part_new(const struct model *m)
{
	struct model_part *p = calloc(1, sizeof *p);
	if (p == NULL)
		return NULL;
	p->m = m;
	p->col_start = calloc(m->n_cols + 1, sizeof *p->col_start);
	p->col_row = malloc((m->nnz + 1) * sizeof *p->col_row);
	p->inv = malloc((m->n_cols + 1) * sizeof *p->inv);
	p->row_seen = calloc(m->n_rows + 1, sizeof *p->row_seen);
	if (p->col_start == NULL || p->col_row == NULL || p->inv == NULL ||
	    p->row_seen == NULL) {
		model_part_free(p);
		return NULL;
	}
	/* rows ascending within each column: a counting sort by column */
	for (size_t e = 0; e < m->nnz; e++)
		p->col_start[m->ind[e] + 1]++;
	for (size_t j = 0; j < m->n_cols; j++)
		p->col_start[j + 1] += p->col_start[j];
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct model_row *r = &m->rows[i];
		for (size_t e = r->start; e < r->start + r->len; e++)
			p->col_row[p->col_start[m->ind[e]]++] = (int)i;
	}
	for (size_t j = m->n_cols; j > 0; j--)
		p->col_start[j] = p->col_start[j - 1];
	p->col_start[0] = 0;
	for (size_t j = 0; j < m->n_cols; j++)
		p->inv[j] = -1;
	return p;
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

/* The free columns, ascending and each once, numbered in p->inv. */
static bool list_columns(struct model_part *p, const int *free_cols, size_t n_free,
			 size_t *n_cols)
{
	if (!GROW(p->cols, n_free + 1, p->cap_cols))
		return false;
	size_t n = 0;
	for (size_t i = 0; i < n_free; i++)
		if (p->inv[free_cols[i]] < 0) {
			p->inv[free_cols[i]] = 0;
			p->cols[n++] = free_cols[i];
		}
	qsort(p->cols, n, sizeof *p->cols, cmp_int);
	for (size_t i = 0; i < n; i++)
		p->inv[p->cols[i]] = (int)i;
	*n_cols = n;
	return true;
}

/* Every row holding a free column, ascending. */
static bool list_rows(struct model_part *p, size_t n_cols, size_t *n_rows)
{
	if (++p->stamp == 0) {
		/* after 2^32 calls the stamps wrap: start them over */
		memset(p->row_seen, 0, p->m->n_rows * sizeof *p->row_seen);
		p->stamp = 1;
	}
	size_t n = 0;
	for (size_t i = 0; i < n_cols; i++) {
		int j = p->cols[i];
		for (size_t e = p->col_start[j]; e < p->col_start[j + 1]; e++) {
			int r = p->col_row[e];
			if (p->row_seen[r] == p->stamp)
				continue;
			p->row_seen[r] = p->stamp;
			if (!GROW(p->rows, n + 1, p->cap_rows))
				return false;
			p->rows[n++] = r;
		}
	}
	qsort(p->rows, n, sizeof *p->rows, cmp_int);
	*n_rows = n;
	return true;
}

/* The same steps as model_restrict, over the listed columns and rows:
 * the same sub-model to the bit. */
static bool build(struct model_part *p, const double *point, size_t n_cols, size_t n_rows,
		  struct model *sub, int *map)
{
	const struct model *m = p->m;
	for (size_t i = 0; i < n_cols; i++) {
		const struct model_col *c = &m->cols[p->cols[i]];
		if (model_add_col(sub, c->kind, c->a, c->g, c->k, c->obj, c->lb, c->ub,
				  c->integer) != (int)i)
			return false;
		map[i] = p->cols[i];
	}
	for (size_t k = 0; k < n_rows; k++) {
		const struct model_row *r = &m->rows[p->rows[k]];
		double fixed = 0;
		for (size_t e = r->start; e < r->start + r->len; e++)
			if (p->inv[m->ind[e]] < 0)
				fixed += m->val[e] * point[m->ind[e]];
		if (!model_add_row(sub, r->kind, r->a, r->g, r->k, r->sense, r->rhs - fixed))
			return false;
		for (size_t e = r->start; e < r->start + r->len; e++)
			if (p->inv[m->ind[e]] >= 0 && !model_add_coef(sub, p->inv[m->ind[e]], m->val[e]))
				return false;
	}
	return true;
}

enum status model_part_restrict(struct model_part *p, const double *point,
				const int *free_cols, size_t n_free, struct model *sub,
				int *map)
{
	memset(sub, 0, sizeof *sub);
	sub->w = p->m->w;
	sub->obj_step = p->m->obj_step;
	size_t n_cols = 0, n_rows = 0;
	bool ok = list_columns(p, free_cols, n_free, &n_cols) &&
		  list_rows(p, n_cols, &n_rows) && build(p, point, n_cols, n_rows, sub, map);
	/* inv is all -1 between calls; list_columns may have stopped short */
	for (size_t i = 0; i < n_free; i++)
		p->inv[free_cols[i]] = -1;
	if (ok)
		return STATUS_OK;
	model_release(sub);
	return STATUS_NO_MEMORY;
}

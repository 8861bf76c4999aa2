/* clique.c -- maximal cliques of clashing groups (see clique.h). */
#include "clique.h"

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"

void cliques_release(struct cliques *q)
{
	free(q->items);
	free(q->start);
	memset(q, 0, sizeof *q);
}

size_t clique_len(const struct cliques *q, size_t i)
{
	return (i + 1 < q->n ? q->start[i + 1] : q->n_items) - q->start[i];
}

const int *clique_groups(const struct cliques *q, size_t i)
{
	return q->items + q->start[i];
}

/* Is sorted run x (nx) a subset of sorted run y (ny)? */
static bool subset(const int *x, size_t nx, const int *y, size_t ny)
{
	size_t j = 0;
	for (size_t i = 0; i < nx; i++) {
		while (j < ny && y[j] < x[i])
			j++;
		if (j == ny || y[j] != x[i])
			return false;
		j++;
	}
	return true;
}

/* Does slot s's start fall in slot t (same day and time, or same label)? */
static bool slot_hits(const struct slot *s, const struct slot *t)
{
	if (s->timed != t->timed)
		return false;
	if (s->timed)
		return t->day == s->day && t->start <= s->start && s->start < t->end;
	return strcmp(s->label, t->label) == 0;
}

void clique_cover_release(struct clique_cover *cv)
{
	free(cv->base);
	free(cv->start);
	free(cv->items);
	free(cv->mark);
	free(cv->order);
	free(cv->hash);
	memset(cv, 0, sizeof *cv);
}

/* Computed once, so each patient's cliques are a filter of these points
 * instead of a pass over all pairs of its groups. */
bool clique_cover_build(const struct clinic *c, struct clique_cover *cv)
{
	size_t ng = c->n_groups, np = 0, n_items = 0;
	memset(cv, 0, sizeof *cv);
	cv->base = malloc((ng + 1) * sizeof *cv->base);
	cv->mark = calloc(ng + 1, sizeof *cv->mark);
	if (cv->base == NULL || cv->mark == NULL)
		return false;
	for (size_t g = 0; g < ng; g++) {
		cv->base[g] = np;
		np += c->groups[g].n_slots;
	}
	cv->base[ng] = np;
	cv->start = malloc((np + 1) * sizeof *cv->start);
	if (cv->start == NULL)
		return false;
	size_t p = 0;
	for (size_t g = 0; g < ng; g++) {
		const struct group *gi = &c->groups[g];
		for (size_t si = 0; si < gi->n_slots; si++, p++) {
			cv->start[p] = n_items;
			for (size_t j = 0; j < ng; j++) {
				const struct group *gj = &c->groups[j];
				bool hit = false;
				for (size_t sj = 0; sj < gj->n_slots && !hit; sj++)
					hit = slot_hits(&gi->slots[si], &gj->slots[sj]);
				if (!hit)
					continue;
				if (!GROW(cv->items, n_items + 1, cv->cap_items))
					return false;
				cv->items[n_items++] = (int)j;
			}
		}
	}
	cv->start[np] = n_items;
	return true;
}

/* Every point of the listed groups' slots, filtered to the listed groups,
 * as a candidate clique (at least two groups) in out. */
static bool collect(const struct clinic *c, struct clique_cover *cv, const int *groups,
		    size_t n, struct cliques *out)
{
	out->n = out->n_items = 0;
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		cv->mark[groups[i]] = 1;
	for (size_t i = 0; i < n && ok; i++) {
		const struct group *gi = &c->groups[groups[i]];
		for (size_t si = 0; si < gi->n_slots && ok; si++) {
			size_t p = cv->base[groups[i]] + si;
			size_t len = cv->start[p + 1] - cv->start[p];
			if (!GROW(out->items, out->n_items + len, out->cap_items)) {
				ok = false;
				break;
			}
			size_t k = 0;
			int *dst = out->items + out->n_items;
			for (size_t e = cv->start[p]; e < cv->start[p + 1]; e++)
				if (cv->mark[cv->items[e]])
					dst[k++] = cv->items[e];
			if (k < 2)
				continue;
			if (!GROW(out->start, out->n + 1, out->cap)) {
				ok = false;
				break;
			}
			out->start[out->n++] = out->n_items;
			out->n_items += k;
		}
	}
	for (size_t i = 0; i < n; i++)
		cv->mark[groups[i]] = 0;
	return ok;
}

/* qsort has no context argument in C17. */
static const struct cliques *cmp_q;
static const unsigned long long *cmp_h;

/* Longest first, then by hash and content (equals together), then first
 * seen first. */
static int cmp_clique(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	size_t ni = clique_len(cmp_q, i), nj = clique_len(cmp_q, j);
	if (ni != nj)
		return ni > nj ? -1 : 1;
	if (cmp_h[i] != cmp_h[j])
		return cmp_h[i] < cmp_h[j] ? -1 : 1;
	const int *a = cmp_q->items + cmp_q->start[i], *b = cmp_q->items + cmp_q->start[j];
	for (size_t k = 0; k < ni; k++)
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	return (i > j) - (i < j);
}

/* Marks in drop[] every candidate that repeats or lies inside another,
 * keeping the first of equals: sorted longest first, equals are
 * neighbours and every superset of a clique comes before it; only the
 * distinct ones kept need comparing. */
static bool mark_dominated(struct clique_cover *cv, const struct cliques *out, bool *drop)
{
	if (!GROW(cv->order, 2 * out->n + 1, cv->cap_order))
		return false;
	if (!GROW(cv->hash, out->n + 1, cv->cap_hash))
		return false;
	size_t *order = cv->order, *kept = cv->order + out->n, n_kept = 0;
	for (size_t i = 0; i < out->n; i++) {
		order[i] = i;
		unsigned long long hv = 1469598103934665603ull; /* FNV-1a */
		const int *x = out->items + out->start[i];
		for (size_t k = 0, len = clique_len(out, i); k < len; k++)
			hv = (hv ^ (unsigned)x[k]) * 1099511628211ull;
		cv->hash[i] = hv;
	}
	cmp_q = out;
	cmp_h = cv->hash;
	qsort(order, out->n, sizeof *order, cmp_clique);
	for (size_t r = 0; r < out->n; r++) {
		size_t i = order[r];
		const int *x = out->items + out->start[i];
		size_t nx = clique_len(out, i);
		if (r > 0 && clique_len(out, order[r - 1]) == nx &&
		    memcmp(out->items + out->start[order[r - 1]], x, nx * sizeof *x) == 0) {
			drop[i] = true;
			continue;
		}
		for (size_t e = 0; e < n_kept && !drop[i]; e++) {
			size_t j = kept[e];
			size_t ny = clique_len(out, j);
			if (ny > nx)
				drop[i] = subset(x, nx, out->items + out->start[j], ny);
		}
		if (!drop[i])
			kept[n_kept++] = i;
	}
	return true;
}

/* One row per maximal clique is much tighter than one row per clashing
 * pair. */
bool cliques_find(const struct clinic *c, struct clique_cover *cv, const int *groups,
		  size_t n, struct cliques *out)
{
	if (!collect(c, cv, groups, n, out))
		return false;
	bool *drop = calloc(out->n + 1, sizeof *drop);
	if (drop == NULL)
		return false;
	if (!mark_dominated(cv, out, drop)) {
		free(drop);
		return false;
	}
	size_t w = 0, wi = 0;
	for (size_t i = 0; i < out->n; i++) {
		size_t len = clique_len(out, i), from = out->start[i];
		if (drop[i])
			continue;
		memmove(out->items + wi, out->items + from, len * sizeof *out->items);
		out->start[w++] = wi;
		wi += len;
	}
	out->n = w;
	out->n_items = wi;
	free(drop);
	return true;
}

/* clique.h -- maximal sets of groups whose slots clash, for the clash and
 * facilitator rows of the model.
 *
 * Two groups clash when a slot of one starts inside a slot of the other
 * (same day and time range, or the same untimed label). Slots are
 * intervals, so every maximal clique is the set of groups holding some
 * slot's start; a clique_cover precomputes those sets once per clinic and
 * cliques_find filters them to any list of groups. */
#ifndef IOP_CLIQUE_H
#define IOP_CLIQUE_H

#include <stdbool.h>
#include <stddef.h>

#include "data/clinic.h"

/* A list of cliques, each a sorted run of group indices. Start zeroed;
 * cliques_find reuses the storage. */
struct cliques {
	int *items; size_t n_items, cap_items;
	size_t *start; size_t n, cap; /* clique i is items[start[i] .. ) */
};

/* For every group's every slot, the sorted clinic groups that hold its
 * start, plus scratch for cliques_find. */
struct clique_cover {
	size_t *base;   /* [ng + 1]: group g's slots are points base[g] .. */
	size_t *start;  /* [points + 1]: point p is items[start[p] .. start[p+1]) */
	int *items; size_t cap_items;
	unsigned char *mark; /* [ng] scratch: the groups of the current list */
	size_t *order;       /* scratch for dropping duplicates and subsets */
	size_t cap_order;
	unsigned long long *hash; /* scratch: one per clique */
	size_t cap_hash;
};

/* False on allocation failure; cv must be released either way. */
bool clique_cover_build(const struct clinic *c, struct clique_cover *cv);
void clique_cover_release(struct clique_cover *cv);

/* The maximal cliques among the distinct groups[0..n), cliques of
 * one group left out, into out (its old content replaced). They come in
 * the order of the groups and their slots, the first of equals kept.
 * False on allocation failure. */
bool cliques_find(const struct clinic *c, struct clique_cover *cv, const int *groups,
		  size_t n, struct cliques *out);

/* Clique i: its length and its first group. */
size_t clique_len(const struct cliques *q, size_t i);
const int *clique_groups(const struct cliques *q, size_t i);

void cliques_release(struct cliques *q);

#endif

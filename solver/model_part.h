/* model_part.h -- model_restrict for a few free columns, in time that
 * grows with the rows they touch rather than with the whole model.
 *
 * A neighbourhood of the search frees a few thousand columns of a model
 * of millions; model_restrict reads every row to find the few hundred
 * that hold one, which on the largest weeks took most of each
 * neighbourhood's time. This keeps the model's columns-to-rows index and
 * builds the same sub-model from the free columns' rows alone. */
#ifndef IOP_MODEL_PART_H
#define IOP_MODEL_PART_H

#include <stddef.h>

#include "model.h"

struct model_part;

/* The index for m (which must outlive it); NULL out of memory. Takes
 * about one int per nonzero of m. */
struct model_part *model_part_new(const struct model *m);
void model_part_free(struct model_part *p);

/* Exactly the sub-model (columns, rows, their order and right-hand sides)
 * model_restrict(m, fix, sub, map) builds when fix[j] is point[j] for
 * every column but the n_free listed in free_cols (any order, repeats
 * allowed), which are NAN. Rows none of them hold are not looked at:
 * point must keep them (a roster's model_point does). map has room for
 * n_free entries. Not OK: out of memory (sub is then empty). */
enum status model_part_restrict(struct model_part *p, const double *point,
				const int *free_cols, size_t n_free, struct model *sub,
				int *map);

#endif

/* grow.h -- the one way an array grows: doubling, overflow-checked.
 *
 *   if (!GROW(list->items, list->n + 1, list->cap)) return STATUS_NO_MEMORY;
 *
 * makes room for at least `need` elements in `array` (capacity `cap`,
 * updated), keeping the contents; on failure the array and cap are as they
 * were and the result is false. Capacity starts at 8 and doubles. */
#ifndef IOP_BASE_GROW_H
#define IOP_BASE_GROW_H

#include <stdbool.h>
#include <stddef.h>

bool grow_array(void **array, size_t *cap, size_t need, size_t elem);

#define GROW(array, need, cap) \
	grow_array((void **)&(array), &(cap), (need), sizeof *(array))

#endif

/* grow.c -- doubling array growth for GROW(). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

bool grow_array(void **array, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return false;
		n *= 2;
	}
	if (elem != 0 && n > SIZE_MAX / elem)
		return false;
	void *p = realloc(*array, n * elem);
	if (p == NULL)
		return false;
	*array = p;
	*cap = n;
	return true;
}

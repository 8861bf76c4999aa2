/* plural.h -- "1 group", "2 groups": the word that agrees with a count. */
#ifndef IOP_PLURAL_H
#define IOP_PLURAL_H

static inline const char *plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

#endif

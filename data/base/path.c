/* path.c -- folder + name. */
#include "path.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

char *path_join(const char *folder, const char *name)
{
	size_t a = strlen(folder), b = strlen(name);
	bool slash = a > 0 && folder[a - 1] != '/';
	char *r = malloc(a + slash + b + 1);
	if (!r)
		return NULL;
	memcpy(r, folder, a);
	if (slash)
		r[a] = '/';
	memcpy(r + a + slash, name, b + 1);
	return r;
}

/* generate.h -- forwards to data/synthetic/generate.h, the generator's
 * contract since it moved out of the data-access modules. Kept only so
 * cmd/example.c and the tests, owned elsewhere during the restructuring,
 * build unchanged; delete it once they include the new path. */
#include "synthetic/generate.h"

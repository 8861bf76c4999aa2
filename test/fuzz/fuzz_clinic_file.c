/* fuzz_clinic_file.c -- one clinic file (FUZZ_FILE, set by meson) replaced by
 * the input, the rest of the clinic valid, loaded as `plan` loads it. Built
 * once per file kind: patients, groups, progress, separations, pins. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_write(FUZZ_FILE, data, size);
	fuzz_load_clinic();
	return 0;
}

/* fuzz_settings.c -- settings from both doors: each line "name,value" set
 * directly with settings_set (as --set does), and the whole input as the
 * clinic's settings.csv. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/settings.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct settings s;
	settings_init(&s);
	char err[256];
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *comma = strchr(line, ',');
		if (!comma)
			continue;
		*comma = '\0';
		err[0] = '\0';
		if (!settings_set(&s, line, comma + 1, err, sizeof err) && !err[0])
			abort(); /* a refusal always says why */
	}
	(void)settings_validate(&s, err, sizeof err);
	free(text);

	fuzz_write("settings.csv", data, size);
	fuzz_load_clinic();
	return 0;
}

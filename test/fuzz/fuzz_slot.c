/* fuzz_slot.c -- the slot parser: one slot, a ';' list, and the relations
 * between what it parsed. A slot printed canonically must parse back to the
 * same slot. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/slot.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const struct slot *s)
{
	/* Room for the whole canonical text: labels have no length limit, and a
	 * cut label would not (and should not) parse back to itself. */
	size_t size = (s->label ? strlen(s->label) : 0) + 80;
	char *text = malloc(size), err[256];
	if (!text)
		return;
	slot_format(s, text, size);
	struct slot again;
	if (!slot_parse(text, &again, err, sizeof err)) {
		fprintf(stderr, "fuzz: '%s' does not parse back: %s\n", text, err);
		abort();
	}
	if (again.timed != s->timed ||
	    (s->timed && (again.day != s->day || again.start != s->start || again.end != s->end)) ||
	    (!s->timed && strcmp(again.label, s->label) != 0)) {
		fprintf(stderr, "fuzz: '%s' parses back to another slot\n", text);
		abort();
	}
	if (!slot_fits(s, &again) || (s->timed && !slot_clash(s, &again)) || slot_hours(s) < 0)
		abort();
	slot_release(&again);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	char err[256];
	struct slot one;
	if (slot_parse(text, &one, err, sizeof err)) {
		check_round_trip(&one);
		slot_release(&one);
	}

	struct slot *list = NULL;
	size_t n = 0;
	if (slot_parse_list(text, &list, &n, err, sizeof err)) {
		for (size_t i = 0; i < n; i++) {
			check_round_trip(&list[i]);
			for (size_t j = 0; j < n; j++) {
				/* Clash is symmetric whatever the slots are. */
				if (slot_clash(&list[i], &list[j]) != slot_clash(&list[j], &list[i]))
					abort();
				(void)slot_fits(&list[i], &list[j]);
			}
		}
		slot_list_free(list, n);
	} else if (list != NULL) {
		abort(); /* the contract: *out is NULL on error */
	}
	free(text);
	return 0;
}

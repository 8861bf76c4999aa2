/* fit.c -- window fit, required tags and group clash (see fit.h). */
#include "fit.h"

#include <string.h>

bool slot_fits_patient(const struct slot *s, const struct patient *p)
{
	if (p->n_available == 0)
		return true;
	for (size_t w = 0; w < p->n_available; w++)
		if (slot_fits(s, &p->available[w]))
			return true;
	return false;
}

bool group_fits_windows(const struct group *g, const struct patient *p)
{
	for (size_t s = 0; s < g->n_slots; s++)
		if (!slot_fits_patient(&g->slots[s], p))
			return false;
	return true;
}

bool patient_has_tag(const struct patient *p, const char *tag)
{
	for (size_t t = 0; t < p->n_tags; t++)
		if (strcmp(p->tags[t], tag) == 0)
			return true;
	return false;
}

bool patient_has_tags(const struct patient *p, const struct group *g)
{
	for (size_t r = 0; r < g->n_requires; r++)
		if (!patient_has_tag(p, g->requires[r]))
			return false;
	return true;
}

bool group_fits_patient(const struct group *g, const struct patient *p)
{
	return group_fits_windows(g, p) && patient_has_tags(p, g);
}

bool groups_clash(const struct group *g, const struct group *h)
{
	for (size_t i = 0; i < g->n_slots; i++)
		for (size_t j = 0; j < h->n_slots; j++)
			if (slot_clash(&g->slots[i], &h->slots[j]))
				return true;
	return false;
}

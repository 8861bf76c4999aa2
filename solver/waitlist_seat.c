/* waitlist_seat.c -- seats for waiting people, around a week's roster. */
#include "waitlist_seat.h"

#include <stdlib.h>
#include <string.h>

#include "admit.h"
#include "data/admissions.h"
#include "data/week.h"

struct offer {
	size_t i;
	int need;
	day_t requested;
};

static int cmp_offer(const void *pa, const void *pb)
{
	const struct offer *x = pa, *y = pb;
	if (x->need != y->need)
		return x->need > y->need ? -1 : 1;
	if (x->requested != y->requested)
		return x->requested < y->requested ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void waitlist_order(const struct patient *const *people, size_t n, size_t n_types, bool by_need,
		    size_t *order)
{
	struct offer *offers = calloc(n ? n : 1, sizeof *offers);
	if (!offers) {
		/* list order: still an order, and one that needs no memory */
		for (size_t i = 0; i < n; i++)
			order[i] = i;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int sum = 0;
		for (size_t t = 0; by_need && t < n_types; t++)
			sum += people[i]->need[t];
		offers[i] = (struct offer){ i, sum, people[i]->admitted };
	}
	qsort(offers, n, sizeof *offers, cmp_offer);
	for (size_t i = 0; i < n; i++)
		order[i] = offers[i].i;
	free(offers);
}

void clinic_drop_patients(struct clinic *c, size_t keep)
{
	if (c->n_patients <= keep)
		return;
	while (c->n_patients > keep)
		patient_release(&c->patients[--c->n_patients]);
	clinic_index_patients(c); /* smaller: cannot fail for want of memory */
}

enum status waitlist_seat(struct clinic *c, day_t monday, const struct roster *previous,
			  struct roster *roster, const struct patient *const *people,
			  const size_t *order, size_t n, bool *seated, struct diag_list *diag)
{
	int *given = calloc(c->n_types ? c->n_types : 1, sizeof *given);
	if (!given)
		return STATUS_NO_MEMORY;
	enum status st = STATUS_OK;
	for (size_t o = 0; o < n && st == STATUS_OK; o++) {
		const struct patient *src = people[order[o]];
		seated[order[o]] = false;
		struct patient p;
		if (!patient_copy(&p, src, c->n_types)) {
			st = STATUS_NO_MEMORY;
			break;
		}
		/* The planned stay runs from the day they start. */
		if (p.discharge != DAY_NONE)
			p.discharge = monday + (p.discharge - src->admitted);
		p.admitted = monday;
		p.line = (long)c->n_patients + 2;
		size_t before = c->n_patients;
		if (!admissions_append(c, &p)) {
			patient_release(&p);
			st = STATUS_NO_MEMORY;
			break;
		}
		/* Each offer resolves the week again: its warnings were the
		 * caller's already; only a failure's errors are passed on. */
		struct week w;
		struct diag_list quiet = DIAG_LIST_INIT;
		st = week_resolve(c, monday, previous, NULL, &w, &quiet);
		size_t n_given = 0;
		int full = 0;
		/* Away the whole week: they cannot start it. */
		if (st == STATUS_OK && w.active_of[before] >= 0)
			st = admit_fit(&w, roster, (int)before, given, &n_given, &full, &quiet);
		for (size_t i = 0; st == STATUS_BAD_DATA && i < quiet.n; i++)
			diag_add(diag, quiet.items[i].severity, quiet.items[i].file,
				 quiet.items[i].line, quiet.items[i].field, quiet.items[i].column,
				 "%s", quiet.items[i].message);
		diag_list_release(&quiet);
		if (st == STATUS_INFEASIBLE) { /* their must pins: they cannot start */
			st = STATUS_OK;
			n_given = 0;
		}
		week_release(&w);
		if (st != STATUS_OK || n_given == 0 || full > 0) {
			clinic_drop_patients(c, before);
			continue;
		}
		for (size_t g = 0; g < n_given && st == STATUS_OK; g++)
			if (!roster_add(roster, (int)before, given[g], 0))
				st = STATUS_NO_MEMORY;
		seated[order[o]] = st == STATUS_OK;
	}
	free(given);
	return st;
}

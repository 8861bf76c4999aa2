/* admissions.c -- the expected-admissions file, and adding patients to a loaded clinic. */
#include "admissions.h"

#include <stdlib.h>
#include <string.h>

#include "csv_table.h"
#include "load_util.h"

void admission_list_release(struct admission_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		patient_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static char *dup_or_null(const char *s, bool *ok)
{
	if (!s)
		return NULL;
	char *r = strdup(s);
	if (!r)
		*ok = false;
	return r;
}

bool patient_copy(struct patient *dst, const struct patient *src, size_t n_types)
{
	bool ok = true;
	memset(dst, 0, sizeof *dst);
	dst->admitted = src->admitted;
	dst->discharge = src->discharge;
	dst->hours_min = src->hours_min;
	dst->hours_max = src->hours_max;
	dst->line = src->line;
	dst->id = dup_or_null(src->id, &ok);
	dst->name = dup_or_null(src->name, &ok);
	if (src->n_available) {
		dst->available = calloc(src->n_available, sizeof *dst->available);
		if (dst->available) {
			dst->n_available = src->n_available;
			for (size_t i = 0; i < src->n_available; i++) {
				dst->available[i] = src->available[i];
				dst->available[i].label =
					dup_or_null(src->available[i].label, &ok);
			}
		} else {
			ok = false;
		}
	}
	if (src->n_tags) {
		dst->tags = calloc(src->n_tags, sizeof *dst->tags);
		if (dst->tags) {
			dst->n_tags = src->n_tags;
			for (size_t i = 0; i < src->n_tags; i++)
				dst->tags[i] = dup_or_null(src->tags[i], &ok);
		} else {
			ok = false;
		}
	}
	dst->need = calloc(n_types ? n_types : 1, sizeof *dst->need);
	if (dst->need)
		memcpy(dst->need, src->need, n_types * sizeof *dst->need);
	else
		ok = false;
	if (src->n_away) {
		dst->away = malloc(src->n_away * sizeof *dst->away);
		if (dst->away) {
			memcpy(dst->away, src->away, src->n_away * sizeof *dst->away);
			dst->n_away = src->n_away;
		} else {
			ok = false;
		}
	}
	if (!ok)
		patient_release(dst);
	return ok;
}

bool admissions_append(struct clinic *c, struct patient *p)
{
	struct patient *grown = realloc(c->patients, (c->n_patients + 1) * sizeof *grown);
	if (!grown)
		return false;
	c->patients = grown;
	c->patients[c->n_patients++] = *p;
	if (!clinic_index_patients(c)) {
		/* Leave the clinic as it was: the caller still owns p. */
		c->n_patients--;
		clinic_index_patients(c);
		return false;
	}
	memset(p, 0, sizeof *p);
	return true;
}

/* The field (1-based) of a column named `name` in the file's header, and
 * the header's line, for messages about the header; 0 when unknown. */
static void header_place(const struct csv_table *t, const char *name, long *line, int *field)
{
	*line = t->header_line;
	*field = 0;
	int col = csv_table_column(t, name);
	if (col >= 0)
		*field = col + 1;
}

enum status admissions_load(const char *path, const struct clinic *c,
			    struct admission_list *out, struct diag_list *diag)
{
	return admissions_load_rows(path, c, false, out, diag);
}

enum status admissions_load_rows(const char *path, const struct clinic *c, bool waiting,
				 struct admission_list *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	/* patients.csv's own loader does every check of a patient row; a
	 * scratch clinic gives it the defaults and receives the rows. */
	struct clinic tmp;
	memset(&tmp, 0, sizeof tmp);
	tmp.settings = c->settings;
	struct load_ctx ctx = { .c = &tmp, .diag = diag, .waiting = waiting };
	size_t errors_before = diag->n_errors, from = diag->n;
	enum status st = load_patients(&ctx, path);
	if (st != STATUS_OK) {
		clinic_release(&tmp);
		return st;
	}
	if (ctx.no_memory) {
		clinic_release(&tmp);
		return STATUS_NO_MEMORY;
	}

	/* A second, quiet read of the table names the places of the checks
	 * that only make sense against the clinic. */
	struct csv_table t;
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status tst = csv_table_read(path, &t, &scratch);
	diag_list_release(&scratch);
	if (tst != STATUS_OK && tst != STATUS_BAD_DATA) {
		csv_table_release(&t);
		clinic_release(&tmp);
		return tst == STATUS_NO_INPUT ? STATUS_IO : tst; /* it vanished meanwhile */
	}

	int *type_map = calloc(tmp.n_types ? tmp.n_types : 1, sizeof *type_map);
	if (!type_map) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	for (size_t k = 0; k < tmp.n_types; k++) {
		type_map[k] = clinic_find_type(c, tmp.type_names[k]);
		if (type_map[k] >= 0)
			continue;
		char column[80];
		snprintf(column, sizeof column, "need_%s", tmp.type_names[k]);
		long line;
		int field;
		header_place(&t, column, &line, &field);
		char q[LOAD_QUOTE_SIZE];
		diag_error(diag, path, line, field, field ? t.columns[field - 1] : NULL,
			   "type '%s' is not in patients.csv (a new type is added to "
			   "patients.csv and groups.csv, not by an admission)",
			   load_quote(tmp.type_names[k], q, sizeof q));
	}
	int id_col = csv_table_column(&t, "id");
	for (size_t i = 0; i < tmp.n_patients; i++) {
		const struct patient *p = &tmp.patients[i];
		if (clinic_find_patient(c, p->id) < 0)
			continue;
		char q[LOAD_QUOTE_SIZE];
		diag_error(diag, path, p->line, id_col >= 0 ? id_col + 1 : 0,
			   id_col >= 0 ? t.columns[id_col] : NULL,
			   "'%s' is already a patient in patients.csv",
			   load_quote(p->id, q, sizeof q));
	}
	load_sort_diags(diag, from);
	if (diag->n_errors > errors_before) {
		st = STATUS_BAD_DATA;
		goto done;
	}

	/* Re-index each need by the clinic's types. */
	for (size_t i = 0; i < tmp.n_patients; i++) {
		struct patient *p = &tmp.patients[i];
		int *need = calloc(c->n_types ? c->n_types : 1, sizeof *need);
		if (!need) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		for (size_t k = 0; k < tmp.n_types; k++)
			need[type_map[k]] = p->need ? p->need[k] : 0;
		free(p->need);
		p->need = need;
	}
	out->items = tmp.patients;
	out->n = tmp.n_patients;
	tmp.patients = NULL;
	tmp.n_patients = 0;
done:
	free(type_map);
	csv_table_release(&t);
	clinic_release(&tmp);
	return st;
}

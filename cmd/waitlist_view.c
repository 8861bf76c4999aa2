/* waitlist_view.c -- who on the waiting list could start this week. */
#include "waitlist_view.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "data/date.h"
#include "data/html.h"
#include "solver/waitlist_seat.h"

static void *zalloc(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

enum status waitlist_view_compute(const char *folder, struct clinic *c, const struct week *w,
				  const struct roster *roster, struct waitlist_view *out,
				  struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	enum status st = waitlist_load(folder, c, &out->list, &out->present, diag);
	if (st != STATUS_OK || !out->present)
		return st;
	size_t n = out->list.people.n, nt = c->n_types, before = c->n_patients;
	const struct patient **people = zalloc(n, sizeof *people);
	size_t *row = zalloc(n, sizeof *row), *order = zalloc(n, sizeof *order);
	bool *seated = zalloc(n, sizeof *seated);
	struct roster scratch = { 0 };
	out->could = zalloc(n, sizeof *out->could);
	out->groups = zalloc(n * nt, sizeof *out->groups);
	out->by_group = zalloc(c->n_groups, sizeof *out->by_group);
	if (!people || !row || !order || !seated || !out->could || !out->groups || !out->by_group)
		st = STATUS_NO_MEMORY;
	for (size_t i = 0; i < roster->n && st == STATUS_OK; i++)
		if (!roster_add(&scratch, roster->items[i].patient, roster->items[i].group, 0))
			st = STATUS_NO_MEMORY;
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		if (out->list.people.items[i].admitted <= w->monday) {
			row[out->n_asked] = i;
			people[out->n_asked++] = &out->list.people.items[i];
		}
	if (st == STATUS_OK && out->n_asked > 0) {
		waitlist_order(people, out->n_asked, nt, c->settings.waitlist_by_need, order);
		/* no previous roster: it only scores keeping a group, and nobody waiting kept one */
		st = waitlist_seat(c, w->monday, NULL, &scratch, people,
				   order, out->n_asked, seated, diag);
	}
	/* Those seated were appended to c in offer order, so patient
	 * before + j is the j-th to start. */
	size_t j = 0;
	for (size_t o = 0; st == STATUS_OK && o < out->n_asked; o++) {
		if (!seated[order[o]])
			continue;
		int patient = (int)(before + j++);
		size_t k = out->n_could++;
		out->could[k] = row[order[o]];
		size_t m = 0;
		for (size_t i = 0; i < scratch.n; i++)
			if (scratch.items[i].patient == patient) {
				int g = scratch.items[i].group;
				out->groups[k * nt + m++] = g;
				out->by_group[g]++;
			}
		if (m < nt)
			out->groups[k * nt + m] = -1;
	}
	clinic_drop_patients(c, before);
	roster_release(&scratch);
	free(people);
	free(row);
	free(order);
	free(seated);
	return st;
}

void waitlist_view_print(FILE *out, const struct clinic *c, const struct waitlist_view *v)
{
	if (!v->present)
		return;
	fprintf(out, "%zu of %zu on the waiting list could start this week without moving anyone",
		v->n_could, v->n_asked);
	const char *sep = ": in ";
	for (size_t g = 0; g < c->n_groups; g++)
		if (v->by_group[g]) {
			fprintf(out, "%s%s (%d)", sep, c->groups[g].id, v->by_group[g]);
			sep = ", ";
		}
	fputc('\n', out);
}

void waitlist_view_json(struct json *j, const struct clinic *c, const struct waitlist_view *v)
{
	if (!v->present)
		return;
	size_t nt = c->n_types;
	json_key(j, "waitlist");
	json_begin_object(j);
	json_kv_int(j, "asked", (long long)v->n_asked);
	json_key(j, "could_start");
	json_begin_array(j);
	for (size_t k = 0; k < v->n_could; k++) {
		json_begin_object(j);
		json_kv_string(j, "patient", v->list.people.items[v->could[k]].id);
		json_key(j, "groups");
		json_begin_array(j);
		for (size_t m = 0; m < nt && v->groups[k * nt + m] >= 0; m++)
			json_string(j, c->groups[v->groups[k * nt + m]].id);
		json_end_array(j);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "by_group");
	json_begin_object(j);
	for (size_t g = 0; g < c->n_groups; g++)
		if (v->by_group[g])
			json_kv_int(j, c->groups[g].id, v->by_group[g]);
	json_end_object(j);
	json_end_object(j);
}

void waitlist_view_html(struct strbuf *b, const struct clinic *c, const struct waitlist_view *v,
			day_t monday)
{
	if (!v->present)
		return;
	html_heading(b, 2, "waitlist", "Waiting list");
	html_para(b, "hint", "%zu of the %zu people on the waiting list who asked by this Monday could "
		  "start this week without moving anyone (the groups admit would give them, around "
		  "this roster, offered %s). <code>iop-roster admit CLINIC ID</code> takes one.",
		  v->n_could, v->n_asked, c->settings.waitlist_by_need ? "the neediest first"
									: "first come, first served");
	if (v->n_could == 0)
		return;
	static const struct html_col cols[] = {
		{ "patient", NULL }, { "asked", NULL }, { "days waiting", "n" }, { "groups", NULL },
	};
	html_table_open(b, cols, sizeof cols / sizeof cols[0]);
	size_t nt = c->n_types;
	for (size_t k = 0; k < v->n_could; k++) {
		const struct patient *p = &v->list.people.items[v->could[k]];
		char day[11];
		date_format(p->admitted, day);
		html_row_open(b);
		html_cell(b, NULL, p->name ? p->name : p->id);
		html_cell(b, NULL, day);
		html_cellf(b, "n", "%ld", (long)(monday - p->admitted));
		struct strbuf groups = STRBUF_INIT;
		for (size_t m = 0; m < nt && v->groups[k * nt + m] >= 0; m++)
			strbuf_printf(&groups, "%s%s", m ? ", " : "", c->groups[v->groups[k * nt + m]].id);
		html_cell(b, NULL, groups.len ? groups.data : "");
		if (groups.failed)
			b->failed = true;
		strbuf_release(&groups);
		html_row_close(b);
	}
	html_table_close(b);
}

void waitlist_view_release(struct waitlist_view *v)
{
	if (!v)
		return;
	waitlist_release(&v->list);
	free(v->could);
	free(v->groups);
	free(v->by_group);
	memset(v, 0, sizeof *v);
}

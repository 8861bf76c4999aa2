/* roster_csv.c -- the bytes of rosters/WEEK.csv and rosters/WEEK.unmet.csv. */
#include "roster_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shortest "%.Ng" that reads back as the same double: 3 -> "3",
 * 1.5 -> "1.5", 1/3 -> "0.3333333333333333". */
static void format_number(double v, char buf[static 32])
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

enum change_kind roster_change(const struct week *w, int a, int g)
{
	if (a < 0 || (size_t)a >= w->n_active || !w->has_previous)
		return CHANGE_JOINED;
	bool same = w->previous[week_ag(w, a, g)];
	bool before = same;
	int type = w->clinic->groups[g].type;
	for (size_t h = 0; h < w->n_groups && !before; h++)
		before = w->clinic->groups[h].type == type && w->previous[week_ag(w, a, (int)h)];
	return change_classify(before, true, same);
}

static void format_slots(const struct group *g, struct strbuf *out)
{
	for (size_t i = 0; i < g->n_slots; i++) {
		if (i > 0)
			strbuf_append(out, ";", 1);
		if (g->slots[i].timed) {
			char buf[80];
			slot_format(&g->slots[i], buf, sizeof buf);
			strbuf_puts(out, buf);
		} else {
			/* labels can be longer than slot_format's buffer */
			strbuf_puts(out, g->slots[i].label ? g->slots[i].label : "");
		}
	}
}

void roster_csv_format(const struct week *w, const struct roster *r,
		       struct strbuf *out)
{
	const struct clinic *c = w->clinic;
	static const char *const header[] = {
		"week", "patient", "group", "type", "slots", "hours", "change",
	};
	csv_out_row(out, header, 7);
	char week[11];
	date_format(w->monday, week);
	for (size_t i = 0; i < r->n; i++) {
		const struct placement *pl = &r->items[i];
		const struct patient *p = &c->patients[pl->patient];
		const struct group *g = &c->groups[pl->group];
		struct strbuf slots = STRBUF_INIT;
		format_slots(g, &slots);
		if (slots.failed)
			out->failed = true;
		char hours[32];
		format_number(g->hours, hours);
		int a = w->active_of[pl->patient];
		const char *row[] = {
			week, p->id, g->id, c->type_names[g->type],
			slots.data, hours,
			change_kind_name(roster_change(w, a, pl->group)),
		};
		csv_out_row(out, row, 7);
		strbuf_release(&slots);
	}
}

/* qsort has no context argument in C17; the week is only read. */
static const struct week *sort_week;

static int cmp_unmet(const void *pa, const void *pb)
{
	const struct unmet *x = *(const struct unmet *const *)pa;
	const struct unmet *y = *(const struct unmet *const *)pb;
	const struct clinic *c = sort_week->clinic;
	int d = strcmp(c->patients[sort_week->active[x->a]].id,
		       c->patients[sort_week->active[y->a]].id);
	if (d == 0)
		d = strcmp(c->type_names[x->type], c->type_names[y->type]);
	if (d == 0 && x != y)
		d = x < y ? -1 : 1; /* stable: list order */
	return d;
}

void unmet_csv_format(const struct week *w, const struct unmet_list *u,
		      struct strbuf *out)
{
	const struct clinic *c = w->clinic;
	static const char *const header[] = {
		"week", "patient", "type", "need", "reason", "detail",
	};
	csv_out_row(out, header, 6);
	if (u->n == 0)
		return;
	const struct unmet **order = malloc(u->n * sizeof *order);
	if (order == NULL) {
		out->failed = true;
		return;
	}
	for (size_t i = 0; i < u->n; i++)
		order[i] = &u->items[i];
	sort_week = w;
	qsort(order, u->n, sizeof *order, cmp_unmet);
	sort_week = NULL;

	char week[11];
	date_format(w->monday, week);
	for (size_t i = 0; i < u->n; i++) {
		const struct unmet *m = order[i];
		char need[16];
		snprintf(need, sizeof need, "%d", m->need);
		const char *row[] = {
			week, c->patients[w->active[m->a]].id, c->type_names[m->type],
			need, unmet_reason_name(m->reason), m->detail ? m->detail : "",
		};
		csv_out_row(out, row, 6);
	}
	free(order);
}

/* model_names.c -- readable column and row names for the LP/MPS export. */
#include "model.h"

#include <stdio.h>

static void put_id(char *buf, size_t size, size_t *len, const char *id)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		char tmp[4];
		size_t k;
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.') {
			tmp[0] = (char)*p;
			k = 1;
		} else {
			tmp[0] = '~';
			tmp[1] = hex[*p >> 4];
			tmp[2] = hex[*p & 15];
			k = 3;
		}
		for (size_t i = 0; i < k; i++) {
			if (*len + 1 < size)
				buf[*len] = tmp[i];
			(*len)++;
		}
	}
	if (size > 0)
		buf[*len < size ? *len : size - 1] = '\0';
}

static void put_str(char *buf, size_t size, size_t *len, const char *s)
{
	for (; *s; s++) {
		if (*len + 1 < size)
			buf[*len] = *s;
		(*len)++;
	}
	if (size > 0)
		buf[*len < size ? *len : size - 1] = '\0';
}

/* GLPK names are at most 255 bytes. */
#define NAME_MAX_LEN 255

/* "kind(" parts ")" with ids escaped; parts: 'p' patient a, 'g' group,
 * 't' type, 'n' number. Falls back to "#index" parts when too long. */
static void make_name(const struct model *m, char *buf, size_t size,
		      const char *kind, const char *parts, const int *vals)
{
	const struct clinic *c = m->w->clinic;
	for (int pass = 0; pass < 2; pass++) {
		size_t len = 0;
		if (size > 0)
			buf[0] = '\0';
		put_str(buf, size, &len, kind);
		put_str(buf, size, &len, "(");
		for (size_t i = 0; parts[i]; i++) {
			char num[24];
			if (i > 0)
				put_str(buf, size, &len, ",");
			if (parts[i] == 'n' || pass == 1) {
				snprintf(num, sizeof num, "%s%d", parts[i] == 'n' ? "" : "#",
					 vals[i]);
				put_str(buf, size, &len, num);
			} else if (parts[i] == 'p') {
				put_id(buf, size, &len, c->patients[m->w->active[vals[i]]].id);
			} else if (parts[i] == 't') {
				put_id(buf, size, &len, c->type_names[vals[i]]);
			} else {
				put_id(buf, size, &len, c->groups[vals[i]].id);
			}
		}
		put_str(buf, size, &len, ")");
		if (len <= NAME_MAX_LEN && len < size)
			return;
	}
}

void model_col_name(const struct model *m, size_t j, char *buf, size_t size)
{
	const struct model_col *cl = &m->cols[j];
	int v[2];
	switch (cl->kind) {
	case COL_X: v[0] = cl->a; v[1] = cl->g; make_name(m, buf, size, "x", "pg", v); break;
	case COL_Y: v[0] = cl->g; make_name(m, buf, size, "y", "g", v); break;
	case COL_S: v[0] = cl->a; make_name(m, buf, size, "s", "p", v); break;
	case COL_M: v[0] = cl->g; make_name(m, buf, size, "m", "g", v); break;
	case COL_PLAN: v[0] = cl->a; v[1] = cl->k; make_name(m, buf, size, "z", "pn", v); break;
	case COL_DAY: v[0] = cl->a; v[1] = cl->k; make_name(m, buf, size, "d", "pn", v); break;
	case COL_BILL: v[0] = cl->a; make_name(m, buf, size, "b", "p", v); break;
	}
}

void model_row_name(const struct model *m, size_t i, char *buf, size_t size)
{
	const struct model_row *r = &m->rows[i];
	const struct week *w = m->w;
	int v[3];
	if (size > 0)
		buf[0] = '\0';
	switch (r->kind) {
	case ROW_TYPE: v[0] = r->a; v[1] = r->k; make_name(m, buf, size, "type", "pt", v); break;
	case ROW_CLASH: v[0] = r->a; v[1] = r->k; make_name(m, buf, size, "clash", "pn", v); break;
	case ROW_HOURS: v[0] = r->a; make_name(m, buf, size, "hours", "p", v); break;
	case ROW_SHORT: v[0] = r->a; make_name(m, buf, size, "short", "p", v); break;
	case ROW_MIN: v[0] = r->g; make_name(m, buf, size, "min", "g", v); break;
	case ROW_MAX: v[0] = r->g; make_name(m, buf, size, "max", "g", v); break;
	case ROW_LINK: v[0] = r->a; v[1] = r->g; make_name(m, buf, size, "link", "pg", v); break;
	case ROW_SEP:
		v[0] = w->separations[r->k].a;
		v[1] = w->separations[r->k].b;
		v[2] = r->g;
		make_name(m, buf, size, "sep", "ppg", v);
		break;
	case ROW_FAC: v[0] = r->k; make_name(m, buf, size, "fac", "n", v); break;
	case ROW_MIX: v[0] = r->g; make_name(m, buf, size, "mix", "g", v); break;
	case ROW_CONV: v[0] = r->a; make_name(m, buf, size, "conv", "p", v); break;
	case ROW_DAY: v[0] = r->a; v[1] = r->k; make_name(m, buf, size, "day", "pn", v); break;
	case ROW_BILL: v[0] = r->a; make_name(m, buf, size, "bill", "p", v); break;
	}
}

void model_obj_name(char *buf, size_t size)
{
	snprintf(buf, size, "score");
}

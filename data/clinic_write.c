/* clinic_write.c -- a clinic as a folder of CSV files that clinic_load reads back. */
#include "clinic_write.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "csv_out.h"
#include "roster_csv.h"
#include "week.h"
#include "data/base/path.h"

/* The shortest decimal text that reads back as exactly `v`. */
static void format_number(double v, char buf[static 32])
{
	snprintf(buf, 32, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, 32, "%.17g", v);
}

static void format_range(const struct day_range *r, char buf[static 24])
{
	char a[11], b[11];
	date_format(r->first, a);
	if (r->first == r->last) {
		memcpy(buf, a, 11);
		return;
	}
	date_format(r->last, b);
	snprintf(buf, 24, "%s..%s", a, b);
}

static void join_slots(struct strbuf *b, const struct slot *s, size_t n)
{
	char text[96];
	b->len = 0;
	for (size_t i = 0; i < n; i++) {
		slot_format(&s[i], text, sizeof text);
		if (i)
			strbuf_puts(b, ";");
		strbuf_puts(b, text);
	}
}

static void join_strings(struct strbuf *b, char *const *s, size_t n)
{
	b->len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(b, ";");
		strbuf_puts(b, s[i]);
	}
}

/* An empty strbuf may have no data at all; cells want a string. */
static const char *text_of(const struct strbuf *b)
{
	return b->len ? b->data : "";
}

/* patients.csv, or with `waiting` waitlist.csv: `requested` (each
 * patient's admitted) in place of admitted and discharge. */
static void format_patient_rows(const struct clinic *c, const struct patient *patients,
				size_t n_patients, bool waiting, struct strbuf *out)
{
	bool names = false;
	for (size_t i = 0; i < n_patients; i++)
		names |= patients[i].name != NULL;

	size_t nc = 8 + c->n_types + (names ? 1 : 0) - (waiting ? 1 : 0);
	const char **cells = calloc(nc, sizeof *cells);
	char **need_cols = calloc(c->n_types ? c->n_types : 1, sizeof *need_cols);
	char (*need_text)[4] = calloc(c->n_types ? c->n_types : 1, sizeof *need_text);
	if (!cells || !need_cols || !need_text) {
		out->failed = true;
		goto done;
	}
	for (size_t t = 0; t < c->n_types; t++) {
		size_t len = strlen(c->type_names[t]) + 6;
		need_cols[t] = malloc(len);
		if (!need_cols[t]) {
			out->failed = true;
			goto done;
		}
		snprintf(need_cols[t], len, "need_%s", c->type_names[t]);
	}

	size_t k = 0;
	cells[k++] = "id";
	if (names)
		cells[k++] = "name";
	if (waiting) {
		cells[k++] = "requested";
	} else {
		cells[k++] = "admitted";
		cells[k++] = "discharge";
	}
	cells[k++] = "hours_min";
	cells[k++] = "hours_max";
	cells[k++] = "available";
	cells[k++] = "tags";
	for (size_t t = 0; t < c->n_types; t++)
		cells[k++] = need_cols[t];
	cells[k++] = "away";
	csv_out_row(out, cells, nc);

	struct strbuf avail = STRBUF_INIT, tags = STRBUF_INIT, away = STRBUF_INIT;
	for (size_t i = 0; i < n_patients; i++) {
		const struct patient *p = &patients[i];
		char admitted[11], discharge[11] = "", hmin[32] = "", hmax[32] = "";
		date_format(p->admitted, admitted);
		if (p->discharge != DAY_NONE)
			date_format(p->discharge, discharge);
		/* A value equal to the clinic's default is left to the default,
		 * so a change in settings.csv reaches every such patient. */
		if (p->hours_min != c->settings.hours_min)
			format_number(p->hours_min, hmin);
		if (p->hours_max != c->settings.hours_max)
			format_number(p->hours_max, hmax);
		join_slots(&avail, p->available, p->n_available);
		join_strings(&tags, p->tags, p->n_tags);
		away.len = 0;
		for (size_t a = 0; a < p->n_away; a++) {
			char range[24];
			format_range(&p->away[a], range);
			if (a)
				strbuf_puts(&away, ";");
			strbuf_puts(&away, range);
		}
		for (size_t t = 0; t < c->n_types; t++)
			snprintf(need_text[t], sizeof need_text[t], "%d", p->need[t]);

		k = 0;
		cells[k++] = p->id;
		if (names)
			cells[k++] = p->name;
		cells[k++] = admitted;
		if (!waiting)
			cells[k++] = discharge;
		cells[k++] = hmin;
		cells[k++] = hmax;
		cells[k++] = text_of(&avail);
		cells[k++] = text_of(&tags);
		for (size_t t = 0; t < c->n_types; t++)
			cells[k++] = need_text[t];
		cells[k++] = text_of(&away);
		csv_out_row(out, cells, nc);
	}
	if (avail.failed || tags.failed || away.failed)
		out->failed = true;
	strbuf_release(&avail);
	strbuf_release(&tags);
	strbuf_release(&away);
done:
	if (need_cols)
		for (size_t t = 0; t < c->n_types; t++)
			free(need_cols[t]);
	free(need_cols);
	free(need_text);
	free(cells);
}

static void format_patients(const struct clinic *c, struct strbuf *out)
{
	format_patient_rows(c, c->patients, c->n_patients, false, out);
}

void clinic_format_waitlist(const struct clinic *c, const struct patient *people, size_t n,
			    struct strbuf *out)
{
	format_patient_rows(c, people, n, true, out);
}

static double timed_hours(const struct group *g, bool *any_timed)
{
	double h = 0;
	*any_timed = false;
	for (size_t i = 0; i < g->n_slots; i++)
		if (g->slots[i].timed) {
			*any_timed = true;
			h += slot_hours(&g->slots[i]);
		}
	return h;
}

static void format_groups(const struct clinic *c, struct strbuf *out)
{
	static const char *const header[] = {
		"id", "type", "slots", "hours", "min_size", "max_size", "requires", "facilitator",
		"weeks_from", "weeks_to",
	};
	/* The v2 phase columns only when some group has a phase, so a v1
	 * clinic is written byte for byte as before. */
	bool phases = false;
	for (size_t i = 0; i < c->n_groups; i++)
		phases |= c->groups[i].weeks_from > 0 || c->groups[i].has_weeks_to;
	size_t n_columns = phases ? 10 : 8;
	csv_out_row(out, header, n_columns);
	struct strbuf slots = STRBUF_INIT, req = STRBUF_INIT;
	for (size_t i = 0; i < c->n_groups; i++) {
		const struct group *g = &c->groups[i];
		char hours[32] = "", min[16] = "", max[16] = "";
		bool any_timed;
		/* Hours, like sizes, are written only where they differ from what
		 * the file would default to, so editing the slots stays enough. */
		if (!(timed_hours(g, &any_timed) == g->hours && any_timed))
			format_number(g->hours, hours);
		if (g->min_size != c->settings.min_size)
			snprintf(min, sizeof min, "%d", g->min_size);
		if (g->max_size != c->settings.max_size)
			snprintf(max, sizeof max, "%d", g->max_size);
		join_slots(&slots, g->slots, g->n_slots);
		join_strings(&req, g->requires, g->n_requires);
		char from[16] = "", to[16] = "";
		if (g->weeks_from > 0)
			snprintf(from, sizeof from, "%d", g->weeks_from);
		if (g->has_weeks_to)
			snprintf(to, sizeof to, "%d", g->weeks_to);
		const char *cells[] = {
			g->id, c->type_names[g->type], text_of(&slots), hours, min, max,
			text_of(&req), g->facilitator, from, to,
		};
		csv_out_row(out, cells, n_columns);
	}
	if (slots.failed || req.failed)
		out->failed = true;
	strbuf_release(&slots);
	strbuf_release(&req);
}

static void format_progress(const struct clinic *c, struct strbuf *out)
{
	static const char *const header[] = { "patient", "type", "date", "score" };
	csv_out_row(out, header, 4);
	for (size_t i = 0; i < c->n_progress; i++) {
		const struct progress_record *r = &c->progress[i];
		char date[11], score[16];
		date_format(r->date, date);
		snprintf(score, sizeof score, "%d", r->score);
		const char *cells[] = {
			c->patients[r->patient].id, c->type_names[r->type], date, score,
		};
		csv_out_row(out, cells, 4);
	}
}

static void format_separations(const struct clinic *c, struct strbuf *out)
{
	static const char *const header[] = { "patient_a", "patient_b" };
	csv_out_row(out, header, 2);
	for (size_t i = 0; i < c->n_separations; i++) {
		const char *cells[] = {
			c->patients[c->separations[i].a].id, c->patients[c->separations[i].b].id,
		};
		csv_out_row(out, cells, 2);
	}
}

static void format_pins(const struct clinic *c, struct strbuf *out)
{
	static const char *const header[] = { "patient", "group", "rule" };
	csv_out_row(out, header, 3);
	for (size_t i = 0; i < c->n_pins; i++) {
		const struct pin *p = &c->pins[i];
		const char *cells[] = {
			c->patients[p->patient].id, c->groups[p->group].id,
			p->rule == PIN_MUST ? "must" : "never",
		};
		csv_out_row(out, cells, 3);
	}
}

/* Appends the settings that differ from the defaults, walking the list
 * settings.c parses (so a new setting is written too); returns how many. */
static size_t format_settings(const struct settings *settings, struct strbuf *out)
{
	struct settings def;
	settings_init(&def);
	size_t rows = 0;
	for (size_t i = 0; i < settings_count(); i++) {
		double v = settings_value(settings, i);
		if (v == settings_value(&def, i))
			continue;
		char value[32];
		if (settings_is_whole(i))
			snprintf(value, sizeof value, "%d", (int)v);
		else
			format_number(v, value);
		if (rows++ == 0) {
			static const char *const header[] = { "setting", "value" };
			csv_out_row(out, header, 2);
		}
		const char *cells[] = { settings_names[i], value };
		csv_out_row(out, cells, 2);
	}
	return rows;
}

enum { F_PATIENTS, F_GROUPS, F_PROGRESS, F_SEPARATIONS, F_PINS, F_SETTINGS, F_ROSTER, N_FILES };

enum status clinic_write(const char *folder, const struct clinic *c,
			 const struct roster *previous, day_t previous_week,
			 mode_t mode, struct diag_list *diag)
{
	struct strbuf buf[N_FILES];
	for (int f = 0; f < N_FILES; f++)
		strbuf_init(&buf[f]);
	char *path[N_FILES] = { 0 };
	struct pending_file files[N_FILES];
	bool want[N_FILES] = { [F_PATIENTS] = true, [F_GROUPS] = true };
	size_t n_files = 0;
	enum status st = STATUS_OK;
	struct roster sorted = { 0 };
	struct week w = { 0 };

	format_patients(c, &buf[F_PATIENTS]);
	format_groups(c, &buf[F_GROUPS]);
	path[F_PATIENTS] = path_join(folder, "patients.csv");
	path[F_GROUPS] = path_join(folder, "groups.csv");
	if (c->n_progress) {
		format_progress(c, &buf[F_PROGRESS]);
		path[F_PROGRESS] = path_join(folder, "progress.csv");
		want[F_PROGRESS] = true;
	}
	if (c->n_separations) {
		format_separations(c, &buf[F_SEPARATIONS]);
		path[F_SEPARATIONS] = path_join(folder, "separations.csv");
		want[F_SEPARATIONS] = true;
	}
	if (c->n_pins) {
		format_pins(c, &buf[F_PINS]);
		path[F_PINS] = path_join(folder, "pins.csv");
		want[F_PINS] = true;
	}
	if (format_settings(&c->settings, &buf[F_SETTINGS])) {
		path[F_SETTINGS] = path_join(folder, "settings.csv");
		want[F_SETTINGS] = true;
	}

	if (previous && previous->n) {
		/* The roster file is the tool's own format, so it is written by
		 * the roster writer for the week it belongs to. */
		for (size_t i = 0; i < previous->n; i++)
			if (!roster_add(&sorted, previous->items[i].patient, previous->items[i].group, 0)) {
				st = STATUS_NO_MEMORY;
				goto out;
			}
		roster_sort(&sorted, c);
		st = week_resolve(c, previous_week, NULL, NULL, &w, diag);
		if (st != STATUS_OK)
			goto out;
		roster_csv_format(&w, &sorted, &buf[F_ROSTER]);
		char name[32], day[11];
		date_format(previous_week, day);
		snprintf(name, sizeof name, "rosters/%s.csv", day);
		path[F_ROSTER] = path_join(folder, name);
		want[F_ROSTER] = true;
	}

	for (int f = 0; f < N_FILES; f++) {
		if (!want[f])
			continue;
		if (!path[f] || buf[f].failed) {
			st = STATUS_NO_MEMORY;
			goto out;
		}
		files[n_files++] = (struct pending_file){ path[f], buf[f].data, buf[f].len };
	}
	st = atomic_write_files(files, n_files, mode, diag);
	goto done;

out:
	if (st == STATUS_NO_MEMORY)
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
done:
	week_release(&w);
	roster_release(&sorted);
	for (int f = 0; f < N_FILES; f++) {
		strbuf_release(&buf[f]);
		free(path[f]);
	}
	return st;
}

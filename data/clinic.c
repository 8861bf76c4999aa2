/* clinic.c -- loads a clinic folder file by file, keeps the id lookups, frees it all. */
#include "clinic.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_util.h"
#include "data/base/path.h"

struct id_entry { const char *id; int index; };

static int id_entry_cmp(const void *a, const void *b)
{
	const struct id_entry *x = a, *y = b;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* Fills *index with 0..n-1 ordered by id (byte order). */
static bool build_index(int **index, size_t n, const char *(*id_of)(const struct clinic *, size_t),
			const struct clinic *c)
{
	free(*index);
	*index = NULL;
	if (n == 0)
		return true;
	struct id_entry *e = malloc(n * sizeof *e);
	int *idx = malloc(n * sizeof *idx);
	if (!e || !idx) {
		free(e);
		free(idx);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		e[i].id = id_of(c, i);
		e[i].index = (int)i;
	}
	qsort(e, n, sizeof *e, id_entry_cmp);
	for (size_t i = 0; i < n; i++)
		idx[i] = e[i].index;
	free(e);
	*index = idx;
	return true;
}

static const char *patient_id(const struct clinic *c, size_t i)
{
	return c->patients[i].id;
}

static const char *group_id(const struct clinic *c, size_t i)
{
	return c->groups[i].id;
}

bool clinic_index_patients(struct clinic *c)
{
	return build_index(&c->patient_by_id, c->n_patients, patient_id, c);
}

bool clinic_index_groups(struct clinic *c)
{
	return build_index(&c->group_by_id, c->n_groups, group_id, c);
}

/* Binary search over an index; a clinic built in memory without one is
 * searched linearly, so tests and generators need not build it. */
static int find(const struct clinic *c, const int *index, size_t n,
		const char *(*id_of)(const struct clinic *, size_t), const char *id)
{
	if (!id)
		return -1;
	/* A record whose id could not be copied (out of memory mid-load) has a
	 * NULL id; it sorts as "" so lookups stay defined until the load fails. */
	if (!index) {
		for (size_t i = 0; i < n; i++) {
			const char *other = id_of(c, i);
			if (other && strcmp(other, id) == 0)
				return (int)i;
		}
		return -1;
	}
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *other = id_of(c, (size_t)index[mid]);
		int cmp = strcmp(other ? other : "", id);
		if (cmp == 0)
			return index[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int clinic_find_patient(const struct clinic *c, const char *id)
{
	return c ? find(c, c->patient_by_id, c->n_patients, patient_id, id) : -1;
}

int clinic_find_group(const struct clinic *c, const char *id)
{
	return c ? find(c, c->group_by_id, c->n_groups, group_id, id) : -1;
}

int clinic_find_type(const struct clinic *c, const char *name)
{
	if (!c || !name)
		return -1;
	for (size_t t = 0; t < c->n_types; t++)
		if (load_equal_nocase(c->type_names[t], name))
			return (int)t;
	return -1;
}

void patient_release(struct patient *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->name);
	slot_list_free(p->available, p->n_available);
	load_free_strings(p->tags, p->n_tags);
	free(p->need);
	free(p->away);
	memset(p, 0, sizeof *p);
}

static bool is_blank(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f';
}

/* The next byte of the folded name at *p (a run of blanks is one space,
 * none at the end), 0 at its end. */
static int fold_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	if (is_blank(*s)) {
		while (is_blank(*s))
			s++;
		*p = s;
		return *s ? ' ' : 0;
	}
	if (!*s)
		return 0;
	*p = s + 1;
	return *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s;
}

int facilitator_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (is_blank(*x))
		x++;
	while (is_blank(*y))
		y++;
	for (;;) {
		int cx = fold_next(&x), cy = fold_next(&y);
		if (cx != cy)
			return cx < cy ? -1 : 1;
		if (cx == 0)
			return 0;
	}
}

void group_phase_format(const struct group *g, char *buf, size_t size)
{
	if (!g->has_weeks_to)
		snprintf(buf, size, "weeks %d and later", g->weeks_from);
	else if (g->weeks_from == g->weeks_to)
		snprintf(buf, size, "week %d", g->weeks_to);
	else
		snprintf(buf, size, "weeks %d-%d", g->weeks_from, g->weeks_to);
}

void clinic_release(struct clinic *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_patients; i++)
		patient_release(&c->patients[i]);
	free(c->patients);
	for (size_t i = 0; i < c->n_groups; i++) {
		struct group *g = &c->groups[i];
		free(g->id);
		slot_list_free(g->slots, g->n_slots);
		load_free_strings(g->requires, g->n_requires);
		free(g->facilitator);
	}
	free(c->groups);
	load_free_strings(c->type_names, c->n_types);
	free(c->progress);
	free(c->separations);
	free(c->pins);
	free(c->patient_by_id);
	free(c->group_by_id);
	free(c->folder);
	memset(c, 0, sizeof *c);
}

/* The worse of two statuses, for a run that goes on after a problem. */
static enum status worse(enum status a, enum status b)
{
	static const enum status rank[] = {
		STATUS_OK, STATUS_BAD_DATA, STATUS_NO_INPUT, STATUS_IO, STATUS_NO_MEMORY,
	};
	int ra = 5, rb = 5;
	for (int i = 0; i < 5; i++) {
		if (rank[i] == a)
			ra = i;
		if (rank[i] == b)
			rb = i;
	}
	return rb > ra ? b : a;
}

/* Applies "name=value" options after settings.csv: the command line wins. */
static bool apply_overrides(struct settings *settings, const char *const *overrides,
			    struct diag_list *diag)
{
	char err[256];
	for (size_t i = 0; overrides && overrides[i]; i++) {
		const char *o = overrides[i];
		const char *eq = strchr(o, '=');
		char name[64];
		size_t n = eq ? (size_t)(eq - o) : 0;
		while (n > 0 && o[n - 1] == ' ')
			n--;
		size_t skip = 0;
		while (skip < n && o[skip] == ' ')
			skip++;
		if (!eq || n == skip || n - skip >= sizeof name) {
			diag_error(diag, NULL, 0, 0, NULL, "setting '%s' is not name=value", o);
			return false;
		}
		memcpy(name, o + skip, n - skip);
		name[n - skip] = '\0';
		const char *value = eq + 1;
		while (*value == ' ')
			value++;
		if (!settings_set(settings, name, value, err, sizeof err)) {
			diag_error(diag, NULL, 0, 0, NULL, "setting '%s': %s", o, err);
			return false;
		}
	}
	if (overrides && overrides[0] && !settings_validate(settings, err, sizeof err)) {
		diag_error(diag, NULL, 0, 0, NULL, "settings: %s", err);
		return false;
	}
	return true;
}

/* Moves every item of `from` to the end of `to`. */
static void diag_append_all(struct diag_list *to, struct diag_list *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct diag *d = &from->items[i];
		diag_add(to, d->severity, d->file, d->line, d->field, d->column, "%s", d->message);
	}
	/* errors dropped for want of memory still count */
	size_t kept = 0;
	for (size_t i = 0; i < from->n; i++)
		kept += from->items[i].severity == DIAG_ERROR;
	if (from->n_errors > kept)
		to->n_errors += from->n_errors - kept;
	diag_list_release(from);
}

enum { F_PATIENTS, F_GROUPS, F_PROGRESS, F_SEPARATIONS, F_PINS, F_SETTINGS, F_N };
static const char *const file_names[F_N] = {
	"patients.csv", "groups.csv", "progress.csv", "separations.csv", "pins.csv",
	"settings.csv",
};

enum status clinic_load(const char *folder, const char *const *overrides,
			struct clinic *out, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	struct stat sb;
	if (stat(folder, &sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			diag_error(diag, folder, 0, 0, NULL, "clinic folder not found");
			return STATUS_NO_INPUT;
		}
		diag_error(diag, folder, 0, 0, NULL, "stat: %s", strerror(errno));
		return STATUS_IO;
	}
	if (!S_ISDIR(sb.st_mode)) {
		diag_error(diag, folder, 0, 0, NULL, "not a folder");
		return STATUS_NO_INPUT;
	}

	char *path[F_N] = { 0 };
	enum status st = STATUS_OK;
	struct diag_list settings_diag = DIAG_LIST_INIT;
	for (int i = 0; i < F_N; i++) {
		if (!(path[i] = path_join(folder, file_names[i]))) {
			st = STATUS_NO_MEMORY;
			goto out;
		}
	}
	/* Both required files are named before anything else is judged. */
	for (int i = F_PATIENTS; i <= F_GROUPS; i++) {
		if (stat(path[i], &sb) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
			diag_error(diag, path[i], 0, 0, NULL, "required file not found");
			st = STATUS_NO_INPUT;
		}
	}
	if (st != STATUS_OK)
		goto out;

	struct clinic *c = out;
	if (!(c->folder = strdup(folder))) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	size_t errors_before = diag->n_errors;

	/* Settings come first because they give the defaults, but their
	 * messages come last, in the contract's order of files. */
	settings_init(&c->settings);
	st = load_settings(path[F_SETTINGS], &c->settings, &settings_diag);
	if (!apply_overrides(&c->settings, overrides, diag)) {
		st = STATUS_USAGE;
		goto out;
	}

	struct load_ctx ctx = { .c = c, .diag = diag };
	size_t from = diag->n;
	st = worse(st, load_patients(&ctx, path[F_PATIENTS]));
	if (!clinic_index_patients(c))
		ctx.no_memory = true;
	load_sort_diags(diag, from);
	diag_limit(diag, from, DIAG_PER_FILE);

	from = diag->n;
	st = worse(st, load_groups(&ctx, path[F_GROUPS]));
	if (!clinic_index_groups(c))
		ctx.no_memory = true;
	load_sort_diags(diag, from);
	diag_limit(diag, from, DIAG_PER_FILE);

	enum status (*const links[])(struct load_ctx *, const char *) = {
		load_progress, load_separations, load_pins,
	};
	for (int i = 0; i < 3; i++) {
		from = diag->n;
		st = worse(st, links[i](&ctx, path[F_PROGRESS + i]));
		load_sort_diags(diag, from);
		diag_limit(diag, from, DIAG_PER_FILE);
	}
	diag_limit(&settings_diag, 0, DIAG_PER_FILE);
	diag_append_all(diag, &settings_diag);

	if (ctx.no_memory)
		st = STATUS_NO_MEMORY;
	else if (st == STATUS_OK && diag->n_errors > errors_before)
		st = STATUS_BAD_DATA;
out:
	diag_list_release(&settings_diag);
	for (int i = 0; i < F_N; i++)
		free(path[i]);
	if (st != STATUS_OK)
		clinic_release(out);
	return st;
}

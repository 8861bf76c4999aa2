/* kept.c -- the line about the roster a re-plan replaced. */
#include "kept.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

bool kept_line(const struct week_kept *k, day_t monday, const char *kept_path, long moved,
	       char *buf, size_t size)
{
	if (size)
		buf[0] = '\0';
	if (!k->kept)
		return false;
	char day[11], otherwise[80] = "";
	date_format(monday, day);
	if (moved > 0)
		snprintf(otherwise, sizeof otherwise, " (the new roster places %ld patient%s otherwise)",
			 moved, moved == 1 ? "" : "s");
	bool by_plan = !strcmp(k->written_by, "plan");
	if (k->history == WEEK_EDITED && by_plan)
		snprintf(buf, size, "the roster of %s had been edited since it was planned; "
			 "kept as %s%s", day, kept_path, otherwise);
	else if (k->history == WEEK_EDITED)
		snprintf(buf, size, "the roster of %s had been edited since %s changed it; "
			 "kept as %s%s", day, k->written_by, kept_path, otherwise);
	else if (k->history == WEEK_AS_WRITTEN && !by_plan)
		snprintf(buf, size, "the roster of %s had been changed by %s since it was planned; "
			 "kept as %s%s", day, k->written_by, kept_path, otherwise);
	else
		snprintf(buf, size, "kept the roster it replaced as %s%s", kept_path, otherwise);
	return k->history == WEEK_EDITED || (k->history == WEEK_AS_WRITTEN && !by_plan);
}

static int cmp_placement(const void *x, const void *y)
{
	const struct placement *a = x, *b = y;
	if (a->patient != b->patient)
		return a->patient < b->patient ? -1 : 1;
	return (a->group > b->group) - (a->group < b->group);
}

/* A copy of r's placements sorted by clinic index, repeats dropped;
 * NULL when memory ran out. */
static struct placement *sorted_copy(const struct roster *r, size_t *n)
{
	struct placement *p = malloc((r->n + 1) * sizeof *p);
	if (p == NULL)
		return NULL;
	if (r->n)
		memcpy(p, r->items, r->n * sizeof *p);
	qsort(p, r->n, sizeof *p, cmp_placement);
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++)
		if (k == 0 || cmp_placement(&p[k - 1], &p[i]) != 0)
			p[k++] = p[i];
	*n = k;
	return p;
}

long kept_moved(const struct week *w, const char *kept_path, const struct roster *now)
{
	struct roster old = { 0 };
	struct diag_list ignored = DIAG_LIST_INIT;
	enum status st = roster_read(kept_path, w->clinic, ROSTER_READ_PREVIOUS, &old, &ignored);
	diag_list_release(&ignored);
	size_t na = 0, nb = 0;
	struct placement *a = st == STATUS_OK ? sorted_copy(&old, &na) : NULL;
	struct placement *b = a != NULL ? sorted_copy(now, &nb) : NULL;
	long moved = -1;
	if (b != NULL) {
		/* Walk both by patient: one whose groups differ counts once. */
		moved = 0;
		size_t i = 0, j = 0;
		while (i < na || j < nb) {
			int p = j == nb || (i < na && a[i].patient < b[j].patient) ? a[i].patient
										    : b[j].patient;
			size_t i_end = i, j_end = j;
			while (i_end < na && a[i_end].patient == p)
				i_end++;
			while (j_end < nb && b[j_end].patient == p)
				j_end++;
			bool same = i_end - i == j_end - j;
			for (size_t k = 0; same && k < i_end - i; k++)
				same = a[i + k].group == b[j + k].group;
			moved += !same;
			i = i_end;
			j = j_end;
		}
	}
	free(a);
	free(b);
	roster_release(&old);
	return moved;
}

void kept_print(const struct week_kept *k, day_t monday, const char *kept_path, long moved,
		bool summary)
{
	if (!k->kept)
		return;
	char line[4200];
	bool news = kept_line(k, monday, kept_path, moved, line, sizeof line);
	if (summary)
		printf("%s\n", line);
	else if (news)
		cli_warning("%s", line);
}

void kept_json(struct json *j, const struct week_kept *k, const char *kept_path, long moved)
{
	static const char *const history[] = {
		[WEEK_NO_STAMP] = "no-stamp", [WEEK_AS_WRITTEN] = "as-written", [WEEK_EDITED] = "edited",
	};
	json_key(j, "replaced");
	if (!k->kept) {
		json_null(j);
		return;
	}
	json_begin_object(j);
	json_kv_string(j, "kept_as", kept_path);
	json_kv_string(j, "history", history[k->history]);
	json_kv_string(j, "written_by", k->written_by[0] ? k->written_by : NULL);
	json_key(j, "placed_otherwise");
	if (moved >= 0)
		json_int(j, moved);
	else
		json_null(j);
	json_end_object(j);
}

/* pin_check.c -- must pins that cannot all hold, named by their rows. */
#include "pin_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "glpk_wrap.h"
#include "data/base/clock.h"

#define PINS_FILE "pins.csv"
#define SEPARATIONS_FILE "separations.csv"
#define GROUPS_FILE "groups.csv"
/* A diagnostic lists at most this many pin lines. */
#define LIST_LINES 10

static const char *pid(const struct week *w, int a)
{
	return w->clinic->patients[w->active[a]].id;
}

static const char *gid(const struct week *w, int g)
{
	return w->clinic->groups[g].id;
}

/* ---- cheap checks on must pins ------------------------------------------- */

/* Appends ", pins.csv:L" for up to LIST_LINES lines, then "and N more". */
static void list_lines(char *buf, size_t size, const long *lines, size_t n)
{
	size_t len = strlen(buf);
	for (size_t i = 0; i < n && i < LIST_LINES; i++) {
		snprintf(buf + len, size - len, "%s" PINS_FILE ":%ld", i ? ", " : "", lines[i]);
		len = strlen(buf);
	}
	if (n > LIST_LINES)
		snprintf(buf + len, size - len, " and %zu more", n - LIST_LINES);
}

/* Must pin i is the first of its patient's: that one reports their hours. */
static bool first_of_patient(const struct active_pin *pins, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (pins[j].rule == PIN_MUST && pins[j].a == pins[i].a)
			return false;
	return true;
}

/* Two must pins of one patient: same type, or clashing slots. */
static void pins_one_patient(const struct week *w, size_t i, struct diag_list *diag)
{
	const struct clinic *c = w->clinic;
	const struct active_pin *pins = w->pins, *p = &pins[i];
	for (size_t j = i + 1; j < w->n_pins; j++) {
		const struct active_pin *q = &pins[j];
		if (q->rule != PIN_MUST || q->a != p->a || q->g == p->g)
			continue;
		if (c->groups[p->g].type == c->groups[q->g].type)
			diag_error(diag, PINS_FILE, p->line, 0, NULL,
				   "must pin puts '%s' in '%s' and '%s' (" PINS_FILE
				   ":%ld), both of type '%s'",
				   pid(w, p->a), gid(w, p->g), gid(w, q->g), q->line,
				   c->type_names[c->groups[p->g].type]);
		else if (w->clash[(size_t)p->g * w->n_groups + (size_t)q->g])
			diag_error(diag, PINS_FILE, p->line, 0, NULL,
				   "must pin puts '%s' in '%s' which clashes with '%s' ("
				   PINS_FILE ":%ld)",
				   pid(w, p->a), gid(w, p->g), gid(w, q->g), q->line);
	}
}

/* The hours of every distinct must pin of pin i's patient, from pin i (their
 * first) on, past hours_max. lines[] is scratch for n_pins lines. */
static void pins_hours(const struct week *w, size_t i, long *lines, struct diag_list *diag)
{
	const struct clinic *c = w->clinic;
	const struct active_pin *pins = w->pins, *p = &pins[i];
	double hours = 0;
	size_t k = 0;
	for (size_t j = i; j < w->n_pins; j++) {
		const struct active_pin *q = &pins[j];
		if (q->rule != PIN_MUST || q->a != p->a)
			continue;
		bool dup = false;
		for (size_t e = i; e < j; e++)
			dup = dup || (pins[e].rule == PIN_MUST && pins[e].a == p->a &&
				      pins[e].g == q->g);
		if (dup)
			continue;
		hours += c->groups[q->g].hours;
		lines[k++] = q->line;
	}
	double hmax = c->patients[w->active[p->a]].hours_max;
	if (hours > hmax + HOURS_EPS) {
		char buf[512] = "";
		list_lines(buf, sizeof buf, lines, k);
		diag_error(diag, PINS_FILE, p->line, 0, NULL,
			   "must pin%s give%s '%s' %g hours, above their maximum %g (%s)",
			   k > 1 ? "s" : "", k > 1 ? "" : "s", pid(w, p->a), hours, hmax, buf);
	}
}

/* Separated patients pinned into one group. */
static void pins_separated(const struct week *w, struct diag_list *diag)
{
	const struct active_pin *pins = w->pins;
	size_t n = w->n_pins;
	for (size_t s = 0; s < w->n_separations; s++) {
		const struct active_separation *sp = &w->separations[s];
		for (size_t i = 0; i < n; i++) {
			if (pins[i].rule != PIN_MUST || pins[i].a != sp->a)
				continue;
			for (size_t j = 0; j < n; j++) {
				if (pins[j].rule != PIN_MUST || pins[j].a != sp->b ||
				    pins[j].g != pins[i].g)
					continue;
				const struct active_pin *p = pins[i].line <= pins[j].line ? &pins[i] : &pins[j];
				const struct active_pin *q = p == &pins[i] ? &pins[j] : &pins[i];
				diag_error(diag, PINS_FILE, p->line, 0, NULL,
					   "must pin puts '%s' in '%s' with '%s' (" PINS_FILE
					   ":%ld), but they are separated (" SEPARATIONS_FILE ":%ld)",
					   pid(w, p->a), gid(w, p->g), pid(w, q->a), q->line, sp->line);
			}
		}
	}
}

/* Group g: more distinct must pins than its maximum, or fewer patients
 * able to join than its minimum. lines[] is scratch for n_pins lines. */
static void pins_group(const struct week *w, const struct model *m, size_t g, long *lines,
		       struct diag_list *diag)
{
	const struct active_pin *pins = w->pins;
	size_t ng = w->n_groups, k = 0;
	long first = 0;
	for (size_t i = 0; i < w->n_pins; i++) {
		if (pins[i].rule != PIN_MUST || (size_t)pins[i].g != g)
			continue;
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			dup = dup || (pins[j].rule == PIN_MUST && pins[j].a == pins[i].a &&
				      pins[j].g == pins[i].g);
		if (dup)
			continue;
		if (k == 0)
			first = pins[i].line;
		lines[k++] = pins[i].line;
	}
	if (k == 0)
		return;
	const struct group *gr = &w->clinic->groups[g];
	if ((int)k > gr->max_size) {
		char buf[512] = "";
		list_lines(buf, sizeof buf, lines, k);
		diag_error(diag, PINS_FILE, first, 0, NULL,
			   "%zu must pins put patients in '%s', above its maximum %d (%s)",
			   k, gr->id, gr->max_size, buf);
	}
	int can = 0;
	for (size_t a = 0; a < w->n_active; a++)
		can += m->x_col[a * ng + g] >= 0;
	if (can < gr->min_size)
		diag_error(diag, PINS_FILE, first, 0, NULL,
			   "must pin makes '%s' run, but only %d patient%s can join it, "
			   "below its minimum %d (" GROUPS_FILE ":%ld)",
			   gr->id, can, can == 1 ? "" : "s", gr->min_size, gr->line);
}

/* Is must pin i the first that makes its group run? */
static bool first_of_group(const struct active_pin *pins, size_t i)
{
	for (size_t e = 0; e < i; e++)
		if (pins[e].rule == PIN_MUST && pins[e].g == pins[i].g)
			return false;
	return true;
}

/* Facilitators of two groups that pins force to run. */
static void pins_facilitators(const struct week *w, struct diag_list *diag)
{
	const struct active_pin *pins = w->pins;
	size_t n = w->n_pins, ng = w->n_groups;
	for (size_t i = 0; i < n; i++) {
		if (pins[i].rule != PIN_MUST || !first_of_group(pins, i))
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (pins[j].rule != PIN_MUST || pins[j].g == pins[i].g)
				continue;
			if (!first_of_group(pins, j) ||
			    !w->facilitator_clash[(size_t)pins[i].g * ng + (size_t)pins[j].g])
				continue;
			diag_error(diag, PINS_FILE, pins[i].line, 0, NULL,
				   "must pin makes '%s' run and " PINS_FILE ":%ld makes '%s' run, "
				   "but facilitator '%s' cannot run both: their slots clash",
				   gid(w, pins[i].g), pins[j].line, gid(w, pins[j].g),
				   w->clinic->groups[pins[i].g].facilitator);
		}
	}
}

/* Contradictions between must pins that need no search: each is reported
 * at the first pin's row, naming the other rows. */
enum status pins_check(const struct week *w, const struct model *m, struct diag_list *diag)
{
	size_t before = diag->n_errors;
	long *lines = malloc((w->n_pins + 1) * sizeof *lines);
	if (lines == NULL) {
		diag_error(diag, NULL, 0, 0, NULL, "out of memory while checking pins");
		return STATUS_NO_MEMORY;
	}
	for (size_t i = 0; i < w->n_pins; i++) {
		if (w->pins[i].rule != PIN_MUST)
			continue;
		pins_one_patient(w, i, diag);
		if (first_of_patient(w->pins, i))
			pins_hours(w, i, lines, diag);
	}
	pins_separated(w, diag);
	for (size_t g = 0; g < w->n_groups; g++)
		pins_group(w, m, g, lines, diag);
	pins_facilitators(w, diag);
	free(lines);
	return diag->n_errors > before ? STATUS_INFEASIBLE : STATUS_OK;
}

/* ---- naming the pins behind an infeasible model ---------------------------- */

/* Is the model feasible with only the must pins marked in keep[] fixed?
 * 1 yes, 0 no, -1 unknown (time or failure). */
static int feasible_with(const struct model *m, const bool *keep, const struct active_pin *pins,
			 size_t n, double seconds, struct diag_list *diag)
{
	const struct week *w = m->w;
	size_t ng = w->n_groups;
	struct model t = *m;
	t.cols = malloc((m->n_cols + 1) * sizeof *t.cols);
	double *x = malloc((m->n_cols + 1) * sizeof *x);
	if (t.cols == NULL || x == NULL) {
		free(t.cols);
		free(x);
		return -1;
	}
	memcpy(t.cols, m->cols, m->n_cols * sizeof *t.cols);
	for (size_t j = 0; j < t.n_cols; j++) {
		t.cols[j].obj = 0; /* any point will do */
		if (t.cols[j].kind == COL_X || t.cols[j].kind == COL_Y)
			t.cols[j].lb = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		int xc = m->x_col[(size_t)pins[i].a * ng + (size_t)pins[i].g];
		if (xc >= 0)
			t.cols[xc].lb = 1;
		if (m->y_col[pins[i].g] >= 0)
			t.cols[m->y_col[pins[i].g]].lb = 1;
	}
	struct glpkw_params p;
	glpkw_params_init(&p);
	p.time_limit = seconds;
	struct glpkw_result r = { .x = x };
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status st = glpkw_solve(&t, &p, &r, &scratch);
	(void)diag;
	diag_list_release(&scratch);
	free(t.cols);
	free(x);
	if (st != STATUS_OK)
		return -1;
	if (r.outcome == GLPKW_INFEASIBLE)
		return 0;
	if (r.outcome == GLPKW_OPTIMAL || r.outcome == GLPKW_FEASIBLE)
		return 1;
	return -1;
}

/* A deletion filter: drop each must pin whose removal keeps the model
 * infeasible; what stays is a set that cannot hold together (minimal when
 * every test was conclusive). */
void pins_name_conflict(const struct model *m, double deadline, struct diag_list *diag)
{
	const struct week *w = m->w;
	size_t n = w->n_pins;
	bool *keep = calloc(n + 1, sizeof *keep);
	long *lines = malloc((n + 1) * sizeof *lines);
	if (keep == NULL || lines == NULL) {
		free(keep);
		free(lines);
		diag_error(diag, PINS_FILE, 0, 0, NULL, "must pins cannot all hold");
		return;
	}
	size_t n_must = 0;
	for (size_t i = 0; i < n; i++)
		if (w->pins[i].rule == PIN_MUST) {
			keep[i] = true;
			n_must++;
		}
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		double left = deadline - clock_seconds();
		if (left <= 0)
			break;
		keep[i] = false;
		double share = left / (double)(n_must > 0 ? n_must : 1);
		if (feasible_with(m, keep, w->pins, n, fmax(share, 0.5), diag) != 0)
			keep[i] = true;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			lines[k++] = w->pins[i].line;
	for (size_t i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		const struct active_pin *p = &w->pins[i];
		if (k == 1) {
			diag_error(diag, PINS_FILE, p->line, 0, NULL,
				   "must pin puts '%s' in '%s', which no roster can honour "
				   "together with the other rules", pid(w, p->a), gid(w, p->g));
			continue;
		}
		char buf[512] = "";
		long others[LIST_LINES + 1];
		size_t no = 0, more = 0;
		for (size_t j = 0; j < k; j++) {
			if (lines[j] == p->line)
				continue;
			if (no < LIST_LINES)
				others[no++] = lines[j];
			else
				more++;
		}
		list_lines(buf, sizeof buf, others, no);
		if (more > 0) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof buf - len, " and %zu more", more);
		}
		diag_error(diag, PINS_FILE, p->line, 0, NULL,
			   "must pin puts '%s' in '%s', which cannot hold together with %s",
			   pid(w, p->a), gid(w, p->g), buf);
	}
	if (k == 0)
		diag_error(diag, PINS_FILE, 0, 0, NULL, "must pins cannot all hold");
	free(keep);
	free(lines);
}


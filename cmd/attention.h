/* attention.h -- what a director must act on this week, computed once and
 * shown first by the text summary, the HTML report and the JSON.
 *
 * Each item has a kind, the patient or group it is about, a text in plain
 * words and, where there is one, the fix. Texts never hold a display name
 * nor the subject's id (the renderer puts the subject in front: the id on
 * stdout, the name in the report), so they are safe for stdout and logs.
 *
 * Adding a kind: put it in enum attention_kind where it should be listed
 * (items are listed by kind, in enum order), give it a name and a title in
 * attention.c (a static assert catches a missing one), then either fill it
 * in attention_build or, from another module, attention_add the items after
 * attention_build and call attention_sort. */
#ifndef IOP_ATTENTION_H
#define IOP_ATTENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "data/diag.h"
#include "data/roster.h"
#include "data/status.h"
#include "data/unmet.h"
#include "data/week.h"

enum attention_kind {
	ATTENTION_NO_GROUP,      /* active, in no group at all */
	ATTENTION_BELOW_HOURS,   /* in groups, but below hours_min */
	ATTENTION_NOT_BILLABLE,  /* billing rule on, in groups, week not billable */
	ATTENTION_STARTS,        /* new this week */
	ATTENTION_LEAVES,        /* discharge falls in this week */
	ATTENTION_MISSED_WEEKS,  /* absent or excused at every session of the
				  * last two weeks (added by last_weeks.c) */
	ATTENTION_AT_MINIMUM,    /* running, and one absence takes it below min_size */
	ATTENTION_NOT_RUNNING,   /* no members, and why */
	ATTENTION_WARNING,       /* a data warning (also printed on stderr) */
};

/* How many kinds there are; follows the last. */
enum { ATTENTION_KIND_COUNT = ATTENTION_WARNING + 1 };

/* "no-group", "below-hours", ... for JSON. */
const char *attention_kind_name(enum attention_kind k);

/* "In no group", "Below their hours minimum", ... headings for the report. */
const char *attention_kind_title(enum attention_kind k);

struct attention_item {
	enum attention_kind kind;
	int patient;   /* clinic index, or -1 */
	int group;     /* clinic index, or -1 */
	char *text;    /* owned; plain words, no name, no subject id */
	char *fix;     /* owned; what would help, or NULL */
	size_t seq;    /* order of adding: ties within a kind keep it */
};

struct attention_list {
	struct attention_item *items;
	size_t n, cap;
};

struct attention_input {
	const struct week *week;
	const struct roster *roster;
	const struct unmet_list *unmet;   /* the roster's unmet needs; may be NULL */
	const struct diag_list *warnings; /* data warnings of the run; may be NULL */
};

/* Fills `out` (which must be empty) with every item of the built-in
 * kinds, sorted. Returns STATUS_OK or STATUS_NO_MEMORY; `out` is always
 * safe to release. */
enum status attention_build(const struct attention_input *in, struct attention_list *out);

/* Appends one item, copying text and fix (fix may be NULL). False when
 * memory ran out. Call attention_sort after adding. */
bool attention_add(struct attention_list *l, enum attention_kind kind, int patient,
		   int group, const char *text, const char *fix);

/* Orders items by kind, keeping the order they were added within a kind. */
void attention_sort(struct attention_list *l);

size_t attention_count(const struct attention_list *l, enum attention_kind k);

/* The text summary's block on stdout: "needs attention (N):" and one line
 * per item ("  p013: in no group: ..."), ids only, at most `per_kind`
 * lines of a kind (then "and N more, in the report"), the fix after each
 * run of items that share it ("    fix for these 3: ..."); data warnings as
 * one count line, since stderr already has them. "nothing needs attention"
 * when empty. */
void attention_print(FILE *out, const struct week *w, const struct attention_list *l,
		     size_t per_kind);

struct json;

/* The items as the value of the current JSON key: an array of objects
 * with kind, patient and group (ids or null), text and fix. */
void attention_json(struct json *j, const struct week *w, const struct attention_list *l);

void attention_release(struct attention_list *l);

#endif

/* report.h -- the weekly report for the clinical director: one
 * self-contained HTML file (no scripts, no outside assets, inline SVG charts)
 * that reads on a phone and prints with each group's sign-in sheet on a
 * page of its own.
 *
 * The bytes depend only on the inputs (no dates or times of the run), so
 * the same week gives the same report. Every id, name, type, label and
 * facilitator is HTML-escaped. Display names appear here and nowhere else:
 * the file is health data and is written with the roster's mode. */
#ifndef IOP_REPORT_H
#define IOP_REPORT_H

#include "attention.h"
#include "changes.h"
#include "last_weeks.h"
#include "data/base/strbuf.h"
#include "data/week.h"
#include "solver/advice.h"
#include "solver/plan.h"

struct waitlist_view;

struct report_input {
	const struct week *week;
	const struct plan_result *plan;
	const struct change_list *changes;
	const struct advice *advice;   /* NULL: advice was not computed */
	const char *clinic_name;       /* shown in the title (the folder's name) */
	const char *roster_name;       /* the roster file's name, shown under it */
	const char *previous_name;     /* last week's roster file name, or NULL */
	const char *bound_note;        /* shown instead of the bound and gap when
	                                * the roster was not planned (admit), or NULL */
	const struct last_weeks *last_weeks; /* attendance before the week, or NULL */
	const struct waitlist_view *waitlist; /* who could start, or NULL */
	const struct attention_list *attention; /* what needs attention, shown
	                                * first; NULL: the report builds it (without
	                                * data warnings) */
};

/* A patient as the director knows them, for every section of the report:
 * the display name and the id, or the id alone; as a table cell. */
void report_patient_text(struct strbuf *b, const struct patient *p);
void report_patient_cell(struct strbuf *b, const struct patient *p);

/* Appends the whole report to `out` (check out->failed for memory). */
void report_html(const struct report_input *in, struct strbuf *out);

/* The last path component of `path` ("a/b/c.csv" -> "c.csv"), ignoring
 * trailing slashes; a pointer into `path` or a static string. */
const char *report_base_name(const char *path, char *buf, size_t size);

#endif

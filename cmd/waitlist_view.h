/* waitlist_view.h -- plan's word on the waiting list (issue 14): of the
 * people in CLINIC/waitlist.csv who asked by the week's Monday, how many
 * could start this week without moving anyone, and in which groups, by
 * waitlist_seat's rule around the planned roster, offered in the order of
 * settings waitlist_by_need. Nobody is admitted: the clinic is left as it
 * was; `admit CLINIC ID` takes one of them.
 *
 * The summary's line (ids only on stdout):
 *   3 of 5 on the waiting list could start this week without moving anyone: in grp-01 (2), grp-04 (1)
 * and the report's section: one row per person who could start, their
 * groups, and how long they have waited. */
#ifndef IOP_WAITLIST_VIEW_H
#define IOP_WAITLIST_VIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "data/base/strbuf.h"
#include "data/waitlist.h"
#include "data/week.h"

struct waitlist_view {
	bool present;          /* the clinic has a waitlist.csv */
	struct waitlist list;  /* its rows */
	size_t n_asked;        /* of them, asked by the week's Monday */
	size_t n_could;        /* of those, could start */
	size_t *could;         /* [n_could] list rows, in offer order */
	int *groups;           /* [n_could * n_types] groups each would join, -1 after the last */
	int *by_group;         /* [n_groups] how many of them each group would take */
};

/* Reads FOLDER/waitlist.csv and seats its people around `roster` for week
 * w of clinic c (c is grown and shrunk back: w stays valid). Returns
 * STATUS_OK (also without the file), STATUS_BAD_DATA (the file's rows, in
 * diag), STATUS_IO or STATUS_NO_MEMORY. Release in every case. */
enum status waitlist_view_compute(const char *folder, struct clinic *c, const struct week *w,
				  const struct roster *roster, struct waitlist_view *out,
				  struct diag_list *diag);

/* The summary line; nothing without a waiting list. */
void waitlist_view_print(FILE *out, const struct clinic *c, const struct waitlist_view *v);

/* "waitlist": {"asked": N, "could_start": [{"patient": ID, "groups":
 * [ID, ...]}, ...], "by_group": {ID: N, ...}}; nothing (no key) without
 * a waiting list, so a clinic without one gets the JSON it always got. */
struct json;
void waitlist_view_json(struct json *j, const struct clinic *c, const struct waitlist_view *v);

/* The report's section; nothing without a waiting list. */
void waitlist_view_html(struct strbuf *b, const struct clinic *c, const struct waitlist_view *v,
			day_t monday);

void waitlist_view_release(struct waitlist_view *v);

#endif

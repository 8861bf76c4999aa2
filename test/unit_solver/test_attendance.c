/* test_attendance.c -- the attendance sheet round trip and make-ups, on the
 * small example clinic and its golden roster for 2026-11-30.
 *
 * Round trip: the sheet plan writes, filled in by rule and read back, gives
 * per patient the hours that this file computes on its own from the filled
 * rows (minutes when given, else the session's share of the group's hours,
 * worked out here from groups.csv's hours and the row's start and end).
 * Make-ups: every one offered passes the hard-rule checker on the roster
 * with the make-up added, but for rule 3 (one group per type), which a
 * make-up of the same type breaks by design; this week's and, with the
 * same roster standing for next week's, early next week's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "data/attendance.h"
#include "data/date.h"
#include "solver/makeup.h"
#include "solver/rules.h"
#include "fixture.h"

struct fixture {
	struct clinic c;
	struct roster r;
	struct week w, next_w;  /* next week: the same roster, a week later */
	struct attendance_week aw, next;
	char path[64];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct diag_list d = DIAG_LIST_INIT;
	day_t monday;
	if (f == NULL || !date_parse("2026-11-30", &monday) ||
	    clinic_load(SOURCE_ROOT "/examples/small-clinic", NULL, &f->c, &d) != STATUS_OK ||
	    roster_read(SOURCE_ROOT "/test/data/golden/small-clinic/2026-11-30.csv", &f->c,
			ROSTER_READ_STRICT, &f->r, &d) != STATUS_OK ||
	    week_resolve(&f->c, monday, NULL, NULL, &f->w, &d) != STATUS_OK ||
	    attendance_week_init(&f->aw, &f->w, &f->r) != STATUS_OK ||
	    week_resolve(&f->c, monday + 7, NULL, NULL, &f->next_w, &d) != STATUS_OK ||
	    attendance_week_init(&f->next, &f->next_w, &f->r) != STATUS_OK) {
		diag_print(&d, stderr, "setup");
		return -1;
	}
	diag_list_release(&d);
	strcpy(f->path, "/tmp/iop-attendance-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	unlink(f->path);
	attendance_week_release(&f->aw);
	attendance_week_release(&f->next);
	week_release(&f->w);
	week_release(&f->next_w);
	roster_release(&f->r);
	clinic_release(&f->c);
	free(f);
	return 0;
}

/* The status row i of the sheet gets: mostly present, some absent and
 * excused, a few left empty; every 5th present row has minutes. */
static const char *status_for(size_t i, char *minutes)
{
	minutes[0] = '\0';
	if (i % 7 == 3)
		return "absent";
	if (i % 11 == 4)
		return "Excused";
	if (i % 17 == 8)
		return "";
	if (i % 5 == 0)
		sprintf(minutes, "%zu", 30 + i % 60);
	return "present";
}

static int minutes_of(const char *hhmm)
{
	return atoi(hhmm) * 60 + atoi(hhmm + 3);
}

/* Splits one line of the sheet (no quoting in this clinic) into 7 cells. */
static void split(char *line, char **cells)
{
	for (int k = 0; k < 7; k++) {
		cells[k] = line;
		line += strcspn(line, ",\n");
		if (*line)
			*line++ = '\0';
	}
}

/* The hours a filled row delivers, from groups.csv's numbers alone. */
static double row_hours(const struct clinic *c, char **cells)
{
	if (strcmp(cells[5], "present") != 0)
		return 0;
	if (*cells[6])
		return atoi(cells[6]) / 60.0;
	const struct group *g = &c->groups[clinic_find_group(c, cells[2])];
	double length = 0;
	bool timed = true;
	for (size_t s = 0; s < g->n_slots; s++) {
		timed &= g->slots[s].timed;
		length += g->slots[s].timed ? (g->slots[s].end - g->slots[s].start) / 60.0 : 0;
	}
	if (!timed)
		return g->hours / (double)g->n_slots;
	return g->hours * ((minutes_of(cells[4]) - minutes_of(cells[3])) / 60.0) / length;
}

/* Fills the sheet by status_for into f->path; expected[p] gets each
 * clinic patient's hours, computed from the rows. */
static void fill_sheet(struct fixture *f, double *expected)
{
	struct strbuf sheet = STRBUF_INIT;
	attendance_sheet_csv(&f->aw, &sheet);
	assert_false(sheet.failed);
	FILE *out = fopen(f->path, "w");
	assert_non_null(out);
	char *text = strdup(sheet.data), *save = NULL;
	size_t i = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), i++) {
		if (i == 0) {
			assert_string_equal(line, "date,patient,group,start,end,status,minutes");
			fprintf(out, "%s\n", line);
			continue;
		}
		char *cells[7], minutes[16];
		split(line, cells);
		assert_string_equal(cells[5], ""); /* pre-filled: status empty */
		const char *status = status_for(i, minutes);
		fprintf(out, "%s,%s,%s,%s,%s,%s,%s\n", cells[0], cells[1], cells[2], cells[3],
			cells[4], status, minutes);
		cells[5] = (char *)(strcmp(status, "Excused") ? status : "excused");
		cells[6] = minutes;
		expected[clinic_find_patient(&f->c, cells[1])] += row_hours(&f->c, cells);
	}
	assert_int_equal(i, f->aw.n + 1);
	fclose(out);
	free(text);
	strbuf_release(&sheet);
}

static void read_back(struct fixture *f)
{
	struct attendance_file file;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(attendance_read(f->path, &file, &d), STATUS_OK);
	assert_int_equal(attendance_apply(&f->aw, &file, ATTENDANCE_ONE_WEEK,
					  "rosters/2026-11-30.csv", &d), STATUS_OK);
	assert_int_equal(d.n, 0);
	attendance_file_release(&file);
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	assert_true(f->aw.n > 100); /* the example has real weeks in it */
	double *expected = calloc(f->c.n_patients, sizeof *expected);
	fill_sheet(f, expected);
	read_back(f);
	struct attendance_totals t;
	assert_int_equal(attendance_totals(&f->aw, &t), STATUS_OK);
	int present = 0, absent = 0, excused = 0, unrecorded = 0;
	for (size_t k = 0; k < t.n_patients; k++) {
		const struct attendance_patient *p = &t.patients[k];
		assert_true(p->hours_attended > expected[p->patient] - 1e-9 &&
			    p->hours_attended < expected[p->patient] + 1e-9);
		expected[p->patient] = -1; /* seen */
		present += p->present;
		absent += p->absent;
		excused += p->excused;
		unrecorded += p->unrecorded;
		/* the billable days planned are the roster's, from week.c */
		int groups[16];
		size_t n = 0;
		for (size_t i = 0; i < f->r.n; i++)
			if (f->r.items[i].patient == p->patient)
				groups[n++] = f->r.items[i].group;
		struct billing b;
		week_billing(&f->w, groups, n, &b);
		assert_int_equal(p->planned.days, b.days);
		assert_true(p->delivered.days <= p->planned.days);
	}
	for (size_t p = 0; p < f->c.n_patients; p++)
		assert_true(expected[p] == 0 || expected[p] == -1);
	assert_int_equal(present + absent + excused + unrecorded, (int)f->aw.n);
	assert_true(absent > 0 && excused > 0 && unrecorded > 0);
	attendance_totals_release(&t);
	free(expected);
}

/* The roster of week w with one placement added breaks exactly one rule
 * more than without it, and that is rule 3 for the patient. */
static void assert_only_rule_3(const struct week *w, const struct roster *r, int patient,
			       int group)
{
	struct diag_list base = DIAG_LIST_INIT, d = DIAG_LIST_INIT;
	size_t before = rules_check(w, r, NULL, &base);
	struct roster with = { 0 };
	for (size_t k = 0; k < r->n; k++)
		assert_true(roster_add(&with, r->items[k].patient, r->items[k].group, 0));
	assert_true(roster_add(&with, patient, group, 0));
	assert_int_equal(rules_check(w, &with, NULL, &d), before + 1);
	char want[128];
	snprintf(want, sizeof want, "rule 3: '%s' is in ", w->clinic->patients[patient].id);
	bool found = false;
	for (size_t i = 0; i < d.n; i++)
		found |= strncmp(d.items[i].message, want, strlen(want)) == 0 &&
			 strstr(d.items[i].message, w->clinic->groups[group].id) != NULL;
	assert_true(found);
	roster_release(&with);
	diag_list_release(&d);
	diag_list_release(&base);
}

static void test_makeups_keep_the_rules(void **state)
{
	struct fixture *f = *state;
	double *expected = calloc(f->c.n_patients, sizeof *expected);
	fill_sheet(f, expected);
	read_back(f);
	struct makeup_list mu;
	assert_int_equal(makeups_find(&f->aw, &f->r, &f->next, &f->r, 0, &mu), STATUS_OK);
	assert_true(mu.n > 10);
	struct diag_list base = DIAG_LIST_INIT;
	assert_int_equal(rules_check(&f->w, &f->r, NULL, &base), 0);
	size_t n_next = 0;
	for (size_t i = 0; i < mu.n; i++) {
		const struct makeup *m = &mu.items[i];
		const struct attendance_mark *mk = &f->aw.marks[m->mark];
		const struct session *missed = &f->aw.sessions.items[mk->session];
		const struct session *at = makeup_session(m, &f->aw, &f->next);
		assert_true(mk->status == ATTEND_ABSENT || mk->status == ATTEND_EXCUSED);
		assert_int_equal(f->c.groups[at->group].type, f->c.groups[missed->group].type);
		assert_true(at->date > missed->date ||
			    (at->date == missed->date && at->start >= missed->end));
		assert_true(m->free_seats > 0);
		if (m->next_week) {
			n_next++;
			assert_true(at->date >= f->next_w.monday &&
				    at->date < f->next_w.monday + MAKEUP_NEXT_WEEK_DAYS);
		}
		assert_only_rule_3(m->next_week ? &f->next_w : &f->w, &f->r, mk->patient,
				   at->group);
		if (i > 0 && mu.items[i - 1].mark == m->mark) {
			assert_int_equal(m->rank, mu.items[i - 1].rank + 1);
			assert_true(makeup_session(&mu.items[i - 1], &f->aw, &f->next)->date <=
				    at->date);
		} else {
			assert_int_equal(m->rank, 1);
		}
	}
	assert_true(n_next > 0); /* Friday's absences have Monday's sessions */
	diag_list_release(&base);
	makeup_list_release(&mu);
	free(expected);
}

/* A make-up that would break a rule is not offered: with every seat of
 * every other group of the missed type taken (max_size lowered to the
 * members), nothing is left. */
static void test_full_groups_offer_nothing(void **state)
{
	struct fixture *f = *state;
	double *expected = calloc(f->c.n_patients, sizeof *expected);
	fill_sheet(f, expected);
	read_back(f);
	int *members = calloc(f->c.n_groups, sizeof *members);
	for (size_t i = 0; i < f->r.n; i++)
		members[f->r.items[i].group]++;
	for (size_t g = 0; g < f->c.n_groups; g++)
		if (members[g] > 0)
			f->c.groups[g].max_size = members[g];
	struct makeup_list mu;
	assert_int_equal(makeups_find(&f->aw, &f->r, NULL, NULL, 0, &mu), STATUS_OK);
	assert_int_equal(mu.n, 0);
	makeup_list_release(&mu);
	free(members);
	free(expected);
}

/* Sessions in sign-in order: by date, then start, a label after the
 * timed sessions of its day; a label with no day is filed under Monday,
 * undated; hours spread equally once a label is among the slots. */
static void test_session_order(void **state)
{
	(void)state;
	struct fx f;
	fx_init(&f, "skills;support");
	int p = fx_patient(&f, "p1", "33", NULL);
	int g = fx_group(&f, "g1", 0, "wed 18:00-19:00; mon 18:00-20:00; room b; sat-am; mon 09:00-10:00",
			 10, 1, 8, NULL);
	int h = fx_group(&f, "g2", 1, "tue 10:00-11:00", 0, 1, 8, NULL);
	int k = fx_group(&f, "g0", 0, "thu 10:00-12:00; tue 10:00-11:00", 0, 1, 8, NULL);
	struct week *w = fx_week(&f);
	struct roster r = { 0 };
	assert_true(roster_add(&r, p, h, 0));
	assert_true(roster_add(&r, p, g, 0));
	assert_true(roster_add(&r, p, k, 0));
	struct session_list l;
	assert_int_equal(sessions_of_roster(w, &r, &l), STATUS_OK);
	/* type skills first (g1 before g0: groups.csv order), then support */
	static const struct { int group, slot, day; bool dated; double hours; } want[] = {
		{ 0, 4, 0, true, 2 }, { 0, 1, 0, true, 2 }, { 0, 2, 0, false, 2 },
		{ 0, 0, 2, true, 2 }, { 0, 3, 5, true, 2 },
		{ 2, 1, 1, true, 1 }, { 2, 0, 3, true, 2 },
		{ 1, 0, 1, true, 1 },
	};
	assert_int_equal(l.n, sizeof want / sizeof *want);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.items[i].group, want[i].group);
		assert_int_equal(l.items[i].slot, want[i].slot);
		assert_int_equal(l.items[i].date, f.monday + want[i].day);
		assert_int_equal(l.items[i].dated, want[i].dated);
		assert_true(l.items[i].hours > want[i].hours - 1e-9 &&
			    l.items[i].hours < want[i].hours + 1e-9);
	}
	assert_false(l.items[2].timed);
	assert_int_equal(l.items[2].start, -1);
	session_list_release(&l);
	roster_release(&r);
	fx_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_makeups_keep_the_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_groups_offer_nothing, setup, teardown),
		cmocka_unit_test(test_session_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

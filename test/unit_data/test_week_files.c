/* test_week_files.c -- where a week's files go, and that the roster is
 * replaced last: a rename that fails before it leaves the old roster. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/week_files.h"

static char root[256];

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/iop-week-files-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(root) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static day_t monday(void)
{
	day_t d;
	assert_true(date_parse("2026-11-30", &d));
	return d;
}

static void expect_paths(const char *folder, const char *roster, const char *report,
			 const char *want_roster, const char *want_unmet, const char *want_report)
{
	struct week_files f;
	assert_int_equal(week_files_init(&f, folder, monday(), roster, report), STATUS_OK);
	assert_string_equal(f.roster, want_roster);
	assert_string_equal(f.unmet, want_unmet);
	assert_string_equal(f.report, want_report);
	week_files_release(&f);
	assert_null(f.roster);
	week_files_release(&f); /* twice is fine */
}

static void test_paths(void **state)
{
	(void)state;
	expect_paths("clinic", NULL, NULL, "clinic/rosters/2026-11-30.csv",
		     "clinic/rosters/2026-11-30.unmet.csv", "clinic/rosters/2026-11-30.html");
	/* The folder as the user typed it: the commands print these paths. */
	expect_paths("clinic/", NULL, NULL, "clinic//rosters/2026-11-30.csv",
		     "clinic//rosters/2026-11-30.unmet.csv", "clinic//rosters/2026-11-30.html");
	/* plan --out and --report */
	expect_paths("clinic", "out/next.csv", NULL, "out/next.csv", "out/next.unmet.csv",
		     "out/next.html");
	expect_paths("clinic", "out/next", NULL, "out/next", "out/next.unmet.csv", "out/next.html");
	expect_paths("clinic", NULL, "web/report.html", "clinic/rosters/2026-11-30.csv",
		     "clinic/rosters/2026-11-30.unmet.csv", "web/report.html");
	week_files_release(NULL);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	static char buf[4][256];
	static int next;
	char *b = buf[next++ % 4];
	size_t n = fread(b, 1, 255, fp);
	b[n] = '\0';
	fclose(fp);
	return b;
}

static void put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

struct bufs {
	struct strbuf roster, unmet, report, extra;
};

static void fill(struct bufs *b)
{
	*b = (struct bufs){ STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	strbuf_puts(&b->roster, "new roster\n");
	strbuf_puts(&b->unmet, "new unmet\n");
	strbuf_puts(&b->report, "new report\n");
	strbuf_puts(&b->extra, "new extra\n");
}

static void release(struct bufs *b)
{
	strbuf_release(&b->roster);
	strbuf_release(&b->unmet);
	strbuf_release(&b->report);
	strbuf_release(&b->extra);
}

/* The old set in ROOT/rosters, and the paths to replace it. */
static void old_set(struct week_files *f, char *extra_path, size_t size)
{
	assert_int_equal(week_files_init(f, root, monday(), NULL, NULL), STATUS_OK);
	char dir[300];
	snprintf(dir, sizeof dir, "%s/rosters", root);
	mkdir(dir, 0700);
	put(f->roster, "old roster\n");
	put(f->unmet, "old unmet\n");
	put(f->report, "old report\n");
	snprintf(extra_path, size, "%s/rosters/2026-11-23.csv", root);
	put(extra_path, "old extra\n");
}

static void test_write_all(void **state)
{
	(void)state;
	struct week_files f;
	char extra[300];
	old_set(&f, extra, sizeof extra);
	struct bufs b;
	fill(&b);
	struct pending_file more = { extra, b.extra.data, b.extra.len };
	struct week_output out = { &b.roster, &b.unmet, &b.report, &more, 1, NULL };
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_files_write(&f, &out, 0640, &diag), STATUS_OK);
	assert_int_equal(diag.n, 0);
	assert_string_equal(slurp(f.roster), "new roster\n");
	assert_string_equal(slurp(f.unmet), "new unmet\n");
	assert_string_equal(slurp(f.report), "new report\n");
	assert_string_equal(slurp(extra), "new extra\n");
	struct stat sb;
	assert_int_equal(stat(f.roster, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);

	/* Without a report, the one there is left as it was. */
	put(f.report, "old report\n");
	out = (struct week_output){ &b.roster, &b.unmet, NULL, NULL, 0, NULL };
	assert_int_equal(week_files_write(&f, &out, 0, &diag), STATUS_OK);
	assert_string_equal(slurp(f.report), "old report\n");
	assert_int_equal(stat(f.unmet, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(f.replaced, &sb), -1); /* not asked to keep it */
	release(&b);
	week_files_release(&f);
	diag_list_release(&diag);
}

/* A re-plan never loses an edited roster: the one replaced is kept beside
 * it, owner-only, when it differs from the new one; the same bytes keep
 * nothing. */
static void test_keep_replaced(void **state)
{
	(void)state;
	struct week_files f;
	char extra[300];
	old_set(&f, extra, sizeof extra);
	assert_non_null(strstr(f.replaced, "/rosters/2026-11-30.previous.csv"));
	assert_non_null(strstr(f.stamp, "/rosters/2026-11-30.written.csv"));
	unlink(f.replaced);
	struct bufs b;
	fill(&b);
	struct week_kept kept = { .writer = "plan", .kept = true };
	struct week_output out = { &b.roster, &b.unmet, &b.report, NULL, 0, &kept };
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_files_write(&f, &out, 0644, &diag), STATUS_OK);
	assert_true(kept.kept);
	assert_int_equal(kept.history, WEEK_NO_STAMP); /* old_set wrote no stamp */
	assert_string_equal(kept.written_by, "");
	assert_string_equal(slurp(f.replaced), "old roster\n");
	assert_string_equal(slurp(f.roster), "new roster\n");
	struct stat sb;
	assert_int_equal(stat(f.replaced, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* The same roster again: nothing replaced, the kept one stays. */
	assert_int_equal(week_files_write(&f, &out, 0644, &diag), STATUS_OK);
	assert_false(kept.kept);
	assert_string_equal(slurp(f.replaced), "old roster\n");
	/* No roster yet: nothing to keep. */
	unlink(f.roster);
	unlink(f.replaced);
	assert_int_equal(week_files_write(&f, &out, 0644, &diag), STATUS_OK);
	assert_false(kept.kept);
	assert_int_equal(stat(f.replaced, &sb), -1);
	release(&b);
	week_files_release(&f);
	diag_list_release(&diag);
}

/* Writes `text` as the roster through a protected write by `writer`. */
static void write_roster(const struct week_files *f, const char *writer, const char *text,
			 struct week_kept *kept)
{
	struct strbuf roster = STRBUF_INIT, unmet = STRBUF_INIT;
	strbuf_puts(&roster, text);
	strbuf_puts(&unmet, "week,patient,type,need,reason,detail\n");
	*kept = (struct week_kept){ .writer = writer };
	struct week_output out = { &roster, &unmet, NULL, NULL, 0, kept };
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(week_files_write(f, &out, 0, &diag), STATUS_OK);
	assert_int_equal(diag.n, 0);
	strbuf_release(&roster);
	strbuf_release(&unmet);
	diag_list_release(&diag);
}

#define HEADER "week,patient,group,type,slots,hours,change\n"
#define ROW_P1 "2026-11-30,p1,g1,skills,mon 10:00-12:00,2,joined\n"
#define ROW_P2 "2026-11-30,p2,g1,skills,mon 10:00-12:00,2,joined\n"

/* The stamp tells a roster as a command wrote it from one edited since:
 * a spreadsheet's reformatting is not an edit, a changed placement is. */
static void test_stamp_history(void **state)
{
	(void)state;
	struct week_files f;
	assert_int_equal(week_files_init(&f, root, monday(), NULL, NULL), STATUS_OK);
	struct week_kept kept;
	write_roster(&f, "plan", HEADER ROW_P1 ROW_P2, &kept);
	assert_false(kept.kept);
	/* b14e...: FNV-1a 64 of "p1\x1fg1\x1ep2\x1fg1\x1e", computed in Python */
	assert_string_equal(slurp(f.stamp), "roster,written_by,rows,fingerprint\n"
			    "2026-11-30.csv,plan,2,b14e888171e7e8a8\n");
	struct stat sb;
	assert_int_equal(stat(f.stamp, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* Re-planned to something else: the roster as plan wrote it. */
	write_roster(&f, "plan", HEADER ROW_P1, &kept);
	assert_true(kept.kept);
	assert_int_equal(kept.history, WEEK_AS_WRITTEN);
	assert_string_equal(kept.written_by, "plan");

	/* Saved again by a spreadsheet: CRLF, a BOM, the week as 11/30/2026,
	 * every cell quoted, columns and rows in another order. Not an edit. */
	put(f.roster, "\xEF\xBB\xBF\"group\",\"patient\",\"week\"\r\n"
		      "\"g1\",\"p1\",\"11/30/2026\"\r\n");
	write_roster(&f, "plan", HEADER ROW_P2, &kept);
	assert_true(kept.kept);
	assert_int_equal(kept.history, WEEK_AS_WRITTEN);

	/* A placement changed by hand: edited since plan wrote it. */
	put(f.roster, HEADER "2026-11-30,p2,g2,skills,mon 10:00-12:00,2,joined\n");
	write_roster(&f, "plan", HEADER ROW_P1, &kept);
	assert_true(kept.kept);
	assert_int_equal(kept.history, WEEK_EDITED);
	assert_string_equal(kept.written_by, "plan");
	assert_string_equal(slurp(f.replaced), HEADER "2026-11-30,p2,g2,skills,mon 10:00-12:00,2,joined\n");

	/* A row listed twice is an edit too. */
	put(f.roster, HEADER ROW_P1 ROW_P1);
	write_roster(&f, "plan", HEADER ROW_P2, &kept);
	assert_int_equal(kept.history, WEEK_EDITED);

	/* admit's write, then plan's: changed by admit, not by hand. */
	write_roster(&f, "admit", HEADER ROW_P1 ROW_P2, &kept);
	assert_int_equal(kept.history, WEEK_AS_WRITTEN);
	assert_string_equal(kept.written_by, "plan");
	write_roster(&f, "plan", HEADER ROW_P1, &kept);
	assert_int_equal(kept.history, WEEK_AS_WRITTEN);
	assert_string_equal(kept.written_by, "admit");

	/* A stamp that is broken, or about another roster, tells nothing. */
	put(f.stamp, "roster,written_by,rows,fingerprint\n2026-11-30.csv,plan,2,zz\n");
	write_roster(&f, "plan", HEADER ROW_P2, &kept);
	assert_true(kept.kept);
	assert_int_equal(kept.history, WEEK_NO_STAMP);
	assert_string_equal(kept.written_by, "");
	char *stamp = strdup(slurp(f.stamp));
	char *name = strstr(stamp, "2026-11-30.csv");
	assert_non_null(name);
	memcpy(name, "2026-11-23", 10);
	put(f.stamp, stamp);
	free(stamp);
	write_roster(&f, "plan", HEADER ROW_P1, &kept);
	assert_int_equal(kept.history, WEEK_NO_STAMP);
	week_files_release(&f);
}

/* Makes `path` a non-empty folder, so renaming a file over it fails. */
static void block(const char *path)
{
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0700), 0);
	char inside[400];
	snprintf(inside, sizeof inside, "%s/x", path);
	put(inside, "x");
}

/* Each of the other files failing to rename in turn: the roster, renamed
 * last, is always still the old one. */
static void test_roster_last(void **state)
{
	(void)state;
	for (int which = 0; which < 3; which++) {
		struct week_files f;
		char extra[300];
		old_set(&f, extra, sizeof extra);
		block(which == 0 ? extra : which == 1 ? f.unmet : f.report);
		struct bufs b;
		fill(&b);
		struct pending_file more = { extra, b.extra.data, b.extra.len };
		struct week_output out = { &b.roster, &b.unmet, &b.report, &more, 1, NULL };
		struct diag_list diag = DIAG_LIST_INIT;
		assert_int_equal(week_files_write(&f, &out, 0, &diag), STATUS_IO);
		assert_true(diag.n_errors > 0);
		assert_non_null(strstr(diag.items[0].message, "rename: "));
		assert_string_equal(slurp(f.roster), "old roster\n");
		/* and the files renamed before the failure are the ones listed first */
		if (which == 2)
			assert_string_equal(slurp(f.unmet), "new unmet\n");
		if (which >= 1)
			assert_string_equal(slurp(extra), "new extra\n");
		if (which == 0)
			assert_string_equal(slurp(f.unmet), "old unmet\n");
		char cmd[400];
		snprintf(cmd, sizeof cmd, "rm -rf '%s/rosters'", root);
		assert_int_equal(system(cmd), 0);
		release(&b);
		week_files_release(&f);
		diag_list_release(&diag);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test_setup_teardown(test_write_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamp_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roster_last, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

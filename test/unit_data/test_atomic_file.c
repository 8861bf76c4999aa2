/* test_atomic_file.c -- all-or-nothing replacement of output files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/atomic_file.h"

static char root[256];

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/iop-atomic-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(root) == NULL ? -1 : 0;
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		struct dirent *e;
		while (d != NULL && (e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char sub[512];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			remove_tree(sub);
		}
		if (d != NULL)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int teardown(void **state)
{
	(void)state;
	remove_tree(root);
	return 0;
}

static char *path_in(const char *name)
{
	static char buf[4][512];
	static int k;
	char *p = buf[k++ % 4];
	snprintf(p, 512, "%s/%s", root, name);
	return p;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void expect_content(const char *path, const char *want)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf, want);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void test_writes_new_folder(void **state)
{
	(void)state;
	char a[512], b[512];
	snprintf(a, sizeof a, "%s", path_in("rosters/2026-01-05.csv"));
	snprintf(b, sizeof b, "%s", path_in("rosters/2026-01-05.unmet.csv"));
	struct pending_file files[] = {
		{ a, "roster\n", 7 },
		{ b, "unmet\n", 6 },
	};
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(atomic_write_files(files, 2, 0600, &diag), STATUS_OK);
	assert_int_equal(diag.n, 0);
	expect_content(a, "roster\n");
	expect_content(b, "unmet\n");
	struct stat st;
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(stat(path_in("rosters"), &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0700);
	/* no temporaries left behind */
	assert_int_equal(count_entries(path_in("rosters")), 2);
}

static void test_replaces(void **state)
{
	(void)state;
	char *a = path_in("out.csv");
	put(a, "old\n");
	chmod(a, 0644);
	struct pending_file files[] = { { a, "new\n", 4 } };
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(atomic_write_files(files, 1, 0600, &diag), STATUS_OK);
	expect_content(a, "new\n");
	struct stat st;
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(count_entries(root), 1);

	/* an empty file is written too */
	struct pending_file empty[] = { { a, "", 0 } };
	assert_int_equal(atomic_write_files(empty, 1, 0640, &diag), STATUS_OK);
	expect_content(a, "");
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
}

static void test_parent_is_file(void **state)
{
	(void)state;
	char good[512], bad[512];
	snprintf(good, sizeof good, "%s", path_in("good.csv"));
	snprintf(bad, sizeof bad, "%s", path_in("plain/x.csv"));
	put(good, "old\n");
	put(path_in("plain"), "i am a file\n");
	struct pending_file files[] = {
		{ good, "new\n", 4 },
		{ bad, "new\n", 4 },
	};
	struct diag_list diag = DIAG_LIST_INIT;
	enum status st = atomic_write_files(files, 2, 0600, &diag);
	assert_int_equal(st, STATUS_CANT_CREATE);
	assert_true(diag.n_errors >= 1);
	/* the first file was not replaced and its temporary is gone */
	expect_content(good, "old\n");
	assert_int_equal(count_entries(root), 2);
	diag_list_release(&diag);
}

static void test_unwritable_folder(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip(); /* root writes anywhere */
	char first[512], locked[512];
	snprintf(first, sizeof first, "%s", path_in("first.csv"));
	assert_int_equal(mkdir(path_in("locked"), 0700), 0);
	snprintf(locked, sizeof locked, "%s", path_in("locked/x.csv"));
	put(first, "old\n");
	put(locked, "old x\n");
	chmod(path_in("locked"), 0500);
	struct pending_file files[] = {
		{ first, "new\n", 4 },
		{ locked, "new\n", 4 },
	};
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(atomic_write_files(files, 2, 0600, &diag), STATUS_CANT_CREATE);
	assert_int_equal(diag.n_errors, 1);
	assert_non_null(strstr(diag.items[0].message, "x.csv"));
	expect_content(first, "old\n");
	expect_content(locked, "old x\n");
	assert_int_equal(count_entries(root), 2);
	diag_list_release(&diag);
}

/* Works as root too: the temporary's name is too long to create. */
static void test_temp_cannot_be_created(void **state)
{
	(void)state;
	char first[512], longname[600], name[251];
	memset(name, 'n', 250);
	name[250] = '\0';
	snprintf(first, sizeof first, "%s", path_in("first.csv"));
	snprintf(longname, sizeof longname, "%s/%s", root, name);
	put(first, "old\n");
	struct pending_file files[] = {
		{ first, "new\n", 4 },
		{ longname, "new\n", 4 },
	};
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(atomic_write_files(files, 2, 0600, &diag), STATUS_CANT_CREATE);
	assert_int_equal(diag.n_errors, 1);
	expect_content(first, "old\n");
	assert_int_equal(count_entries(root), 1);
	diag_list_release(&diag);
}

/* A rename that fails (the target is a folder) leaves the later files old
 * and removes every temporary. */
static void test_rename_fails(void **state)
{
	(void)state;
	char dir[512], second[512];
	snprintf(dir, sizeof dir, "%s", path_in("taken"));
	snprintf(second, sizeof second, "%s", path_in("second.csv"));
	assert_int_equal(mkdir(dir, 0700), 0);
	put(path_in("taken/inside"), "x");
	put(second, "old\n");
	struct pending_file files[] = {
		{ dir, "new\n", 4 },
		{ second, "new\n", 4 },
	};
	struct diag_list diag = DIAG_LIST_INIT;
	assert_int_equal(atomic_write_files(files, 2, 0600, &diag), STATUS_IO);
	assert_int_equal(diag.n_errors, 1);
	assert_non_null(strstr(diag.items[0].message, "rename: "));
	expect_content(second, "old\n");
	assert_int_equal(count_entries(root), 2);
	diag_list_release(&diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_writes_new_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parent_is_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temp_cannot_be_created, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_fails, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

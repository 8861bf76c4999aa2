/* test_csv_table.c -- the CSV table reader: quoting, line numbers, header rules, errors. */
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

#include "data/csv_table.h"

/* Parses `text` as "t.csv"; the table and diags live in the fixture below. */
struct parsed {
	struct csv_table t;
	struct diag_list d;
	enum status st;
};

static void parse(struct parsed *p, const char *text, size_t len)
{
	memset(p, 0, sizeof *p);
	p->st = csv_table_parse("t.csv", text, len, &p->t, &p->d);
}

static void parse_str(struct parsed *p, const char *text)
{
	parse(p, text, strlen(text));
}

static void done(struct parsed *p)
{
	csv_table_release(&p->t);
	diag_list_release(&p->d);
}

static const char *diag_text(const struct parsed *p, size_t i)
{
	static char buf[512];
	assert_true(i < p->d.n);
	diag_format(&p->d.items[i], buf, sizeof buf);
	return buf;
}

static void test_basic(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,name\np1,Ann\np2,Bo\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.d.n, 0);
	assert_int_equal(p.t.n_columns, 2);
	assert_int_equal(p.t.header_line, 1);
	assert_int_equal(p.t.n_rows, 2);
	assert_string_equal(csv_table_cell(&p.t, 0, 0), "p1");
	assert_string_equal(csv_table_cell(&p.t, 1, 1), "Bo");
	assert_int_equal(p.t.rows[0].line, 2);
	assert_int_equal(p.t.rows[1].line, 3);
	assert_string_equal(p.t.path, "t.csv");
	done(&p);
}

static void test_bom_accepted(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "\xEF\xBB\xBFid,x\n1,2\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_string_equal(p.t.columns[0], "id");
	assert_int_equal(csv_table_column(&p.t, "id"), 0);
	assert_int_equal(p.t.rows[0].line, 2);
	done(&p);
}

static void test_crlf(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x\r\n1,2\r\n\r\n3,4\r\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.n_rows, 2);
	assert_string_equal(csv_table_cell(&p.t, 0, 1), "2");
	assert_string_equal(csv_table_cell(&p.t, 1, 1), "4");
	assert_int_equal(p.t.rows[1].line, 4);
	done(&p);

	parse_str(&p, "id,x\r\n1,\"a\r\nb\"\r\n2,y\r\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_string_equal(csv_table_cell(&p.t, 0, 1), "a\r\nb");
	assert_int_equal(p.t.rows[1].line, 4);
	done(&p);
}

static void test_lone_cr_counts_as_line(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x\r1,2\r3,4");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.n_rows, 2);
	assert_int_equal(p.t.rows[0].line, 2);
	assert_int_equal(p.t.rows[1].line, 3);
	assert_string_equal(csv_table_cell(&p.t, 1, 1), "4");
	done(&p);
}

static void test_quoted_newline_and_comma(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,note\np1,\"two\nlines, and \"\"quotes\"\"\"\np2,x\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.n_rows, 2);
	assert_string_equal(csv_table_cell(&p.t, 0, 1), "two\nlines, and \"quotes\"");
	assert_int_equal(p.t.rows[0].line, 2);
	assert_int_equal(p.t.rows[1].line, 4);
	done(&p);
}

static void test_record_starting_with_quoted_newline(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x\n\n\"a\nb\",1\nc,2\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.rows[0].line, 3);
	assert_int_equal(p.t.rows[1].line, 5);
	done(&p);
}

static void test_blank_lines_ignored(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "\n  \nid,x\n\n\t \n1,2\n\n\n3,4\n\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.header_line, 3);
	assert_int_equal(p.t.n_rows, 2);
	assert_int_equal(p.t.rows[0].line, 6);
	assert_int_equal(p.t.rows[1].line, 9);
	done(&p);
}

static void test_last_line_without_newline(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x\n1,2");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.n_rows, 1);
	assert_string_equal(csv_table_cell(&p.t, 0, 1), "2");
	done(&p);
}

static void test_fields_trimmed(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x,y\n  p1 ,\" a b \",\t\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_string_equal(csv_table_cell(&p.t, 0, 0), "p1");
	assert_string_equal(csv_table_cell(&p.t, 0, 1), "a b");
	assert_string_equal(csv_table_cell(&p.t, 0, 2), "");
	done(&p);
}

static void test_header_case_order_trim(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, " Name , ID ,Need_Skills\nAnn,p1,3\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_string_equal(p.t.columns[1], "ID");
	assert_int_equal(csv_table_column(&p.t, "id"), 1);
	assert_int_equal(csv_table_column(&p.t, "NAME"), 0);
	assert_int_equal(csv_table_column(&p.t, "need_skills"), 2);
	assert_int_equal(csv_table_column(&p.t, "admitted"), -1);
	assert_string_equal(csv_table_cell(&p.t, 0, csv_table_column(&p.t, "id")), "p1");
	assert_string_equal(csv_table_cell(&p.t, 0, -1), "");
	done(&p);
}

static void test_duplicate_column(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x,ID\n1,2,3\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n_errors, 1);
	assert_string_equal(diag_text(&p, 0), "t.csv:1:3: ID: duplicate column 'ID' (first is field 1)");
	assert_int_equal(csv_table_column(&p.t, "id"), 0);
	done(&p);
}

static void test_field_count(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "a,b,c\n1,2,3\n1,2\n1,2,3,4\n,\"\",\n5,6,7\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n_errors, 2);
	assert_string_equal(diag_text(&p, 0), "t.csv:3: record has 2 fields, header has 3");
	assert_string_equal(diag_text(&p, 1), "t.csv:4: record has 4 fields, header has 3");
	/* the good rows are kept so a loader can check them too */
	assert_int_equal(p.t.n_rows, 3);
	assert_int_equal(p.t.rows[1].line, 5);
	assert_string_equal(csv_table_cell(&p.t, 1, 1), "");
	assert_int_equal(p.t.rows[2].line, 6);
	done(&p);
}

static void test_one_field_singular(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "a,b\nx\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_string_equal(diag_text(&p, 0), "t.csv:2: record has 1 field, header has 2");
	done(&p);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,name\np1,Jos\xC3\xA9\np2,Bad\xC3(\np3,x\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n_errors, 1);
	const char *text = diag_text(&p, 0);
	assert_string_equal(text, "t.csv:3:2: name: invalid UTF-8"
			    " (the file is not saved as UTF-8): in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"");
	assert_null(strstr(p.d.items[0].message, "Bad"));
	assert_int_equal(p.t.n_rows, 2);
	assert_string_equal(csv_table_cell(&p.t, 0, 1), "Jos\xC3\xA9");
	assert_string_equal(csv_table_cell(&p.t, 1, 0), "p3");
	done(&p);
}

static void test_invalid_utf8_in_header(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,n\xFF\n1,2\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_string_equal(diag_text(&p, 0), "t.csv:1:2: invalid UTF-8"
			    " (the file is not saved as UTF-8): in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"");
	assert_int_equal(p.t.n_columns, 2);
	assert_int_equal(csv_table_column(&p.t, "id"), 0);
	done(&p);
}

static void test_nul_byte_rejected(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "id,x\n1,a\0b\n", 11);
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_string_equal(diag_text(&p, 0), "t.csv:2:2: x: invalid UTF-8"
			    " (the file is not saved as UTF-8): in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"");
	done(&p);
}

/* Excel on a Latin-1 system: every accented name is bad; one line says so. */
static void test_latin1_file_is_one_message(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,name\np1,Jos\xE9\np2,Ren\xE9" "e\np3,Zo\xEB\np4,Ann\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n, 1);
	assert_int_equal(p.d.n_errors, 3);
	assert_string_equal(diag_text(&p, 0), "t.csv:2:2: name: invalid UTF-8, here and in 2 more "
			    "cells (the file is not saved as UTF-8): in Excel use Save As, "
			    "\"CSV UTF-8 (Comma delimited)\"");
	assert_int_equal(p.t.n_rows, 1);
	assert_int_equal(p.t.n_dropped, 3);
	done(&p);
}

static void test_not_csv_files(void **state)
{
	(void)state;
	static const struct { const char *data; size_t len; const char *msg; } files[] = {
		{ "PK\x03\x04\x14\x00\x06\x00", 8, "t.csv: an Excel workbook (.xlsx), not a CSV file: "
		  "in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"" },
		{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "t.csv: an Excel 97-2003 workbook (.xls), "
		  "not a CSV file: in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"" },
		{ "\xFF\xFEi\0d\0\n\0", 8, "t.csv: saved as UTF-16 (\"Unicode Text\"), not UTF-8: "
		  "in Excel use Save As, \"CSV UTF-8 (Comma delimited)\"" },
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		struct parsed p;
		parse(&p, files[i].data, files[i].len);
		assert_int_equal(p.st, STATUS_BAD_DATA);
		assert_int_equal(p.d.n, 1);
		assert_string_equal(diag_text(&p, 0), files[i].msg);
		assert_int_equal(p.t.n_columns, 0);
		done(&p);
	}
}

static void test_semicolon_separated(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "\xEF\xBB\xBFid;admitted;need_skills\np1;2026-01-05;3\np2;2026-01-05;1\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n, 1);
	assert_string_equal(diag_text(&p, 0), "t.csv:1: columns are separated by ';', not ',': save "
			    "the file with ',' as the separator (in Excel use Save As, \"CSV UTF-8 "
			    "(Comma delimited)\" with ',' as the list separator)");
	assert_int_equal(p.t.n_columns, 0);
	assert_int_equal(p.t.n_rows, 0);
	done(&p);
}

static void test_repeated_header(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,Name\n1,a\nID, name \n2,b\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n, 1);
	assert_string_equal(diag_text(&p, 0), "t.csv:3: the header row is repeated here: delete this line");
	assert_int_equal(p.t.n_rows, 2);
	assert_int_equal(p.t.n_dropped, 0);
	done(&p);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	struct parsed p;
	/* a stray opening quote: its field is named, and the rows after
	 * it (which the open quote swallowed) are read again as rows */
	parse_str(&p, "id,x\n1,2\n3,\"never closed\n4,5\n\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n_errors, 1);
	assert_string_equal(diag_text(&p, 0), "t.csv:3:2: x: unterminated quoted field");
	assert_int_equal(p.t.n_rows, 2);
	assert_string_equal(csv_table_cell(&p.t, 1, 1), "5");
	assert_int_equal(p.t.n_dropped, 1);
	done(&p);
	/* in the header, nothing after it can be read */
	parse_str(&p, "id,\"x\n1,2\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_string_equal(diag_text(&p, 0), "t.csv:1:2: unterminated quoted field");
	assert_int_equal(p.t.n_rows, 0);
	done(&p);
}

static void test_misplaced_quote(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x\n1,2\n3,ab\"c\n4,5\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_int_equal(p.d.n_errors, 1);
	assert_string_equal(diag_text(&p, 0), "t.csv:3:2: x: misplaced quote (quote the whole field)");
	/* only that record is lost: the row after it is read */
	assert_int_equal(p.t.n_rows, 2);
	assert_string_equal(csv_table_cell(&p.t, 1, 0), "4");
	assert_int_equal(p.t.n_dropped, 1);
	done(&p);
}

static void test_text_after_closing_quote(void **state)
{
	(void)state;
	struct parsed p;
	/* the quote opened on line 2 closes on line 3; the error names line 2 */
	parse_str(&p, "id,x\n1,\"a\nb\"c\n");
	assert_int_equal(p.st, STATUS_BAD_DATA);
	assert_string_equal(diag_text(&p, 0), "t.csv:2:2: x: misplaced quote (quote the whole field)");
	done(&p);
}

static void test_neutralised_cells(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "v\n'=SUM(A1)\n''-1\n'abc\n'@x\n'+1\n=raw\n''\n\"'\t=x\"\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.n_rows, 8);
	assert_string_equal(csv_table_cell(&p.t, 0, 0), "=SUM(A1)");
	assert_string_equal(csv_table_cell(&p.t, 1, 0), "'-1");
	assert_string_equal(csv_table_cell(&p.t, 2, 0), "'abc");
	assert_string_equal(csv_table_cell(&p.t, 3, 0), "@x");
	assert_string_equal(csv_table_cell(&p.t, 4, 0), "+1");
	assert_string_equal(csv_table_cell(&p.t, 5, 0), "=raw");
	assert_string_equal(csv_table_cell(&p.t, 6, 0), "''");
	assert_string_equal(csv_table_cell(&p.t, 7, 0), "\t=x");
	done(&p);
}

static void test_empty_files(void **state)
{
	(void)state;
	static const char *const empties[] = { "", "\xEF\xBB\xBF", "\n\n", "  \r\n\t\n" };
	for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
		struct parsed p;
		parse_str(&p, empties[i]);
		assert_int_equal(p.st, STATUS_BAD_DATA);
		assert_int_equal(p.d.n_errors, 1);
		assert_string_equal(diag_text(&p, 0), "t.csv: file is empty");
		assert_int_equal(p.t.n_columns, 0);
		done(&p);
	}
}

static void test_header_only(void **state)
{
	(void)state;
	struct parsed p;
	parse_str(&p, "id,x\n");
	assert_int_equal(p.st, STATUS_OK);
	assert_int_equal(p.t.n_columns, 2);
	assert_int_equal(p.t.n_rows, 0);
	done(&p);
}

static void test_utf8_validator(void **state)
{
	(void)state;
	assert_true(csv_utf8_valid("plain", 5));
	assert_true(csv_utf8_valid("\xC3\xA9", 2));
	assert_true(csv_utf8_valid("\xE2\x82\xAC", 3));
	assert_true(csv_utf8_valid("\xF0\x9F\x98\x80", 4));
	assert_false(csv_utf8_valid("\xC0\xAF", 2));          /* overlong '/' */
	assert_false(csv_utf8_valid("\xE0\x80\xAF", 3));      /* overlong */
	assert_false(csv_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
	assert_false(csv_utf8_valid("\xF4\x90\x80\x80", 4));  /* > U+10FFFF */
	assert_false(csv_utf8_valid("\xE2\x82", 2));          /* truncated */
	assert_false(csv_utf8_valid("\x80", 1));              /* lone continuation */
	assert_false(csv_utf8_valid("a\0b", 3));
}

static void test_read_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/iop-csv-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/f.csv", dir);

	struct csv_table t;
	struct diag_list d = DIAG_LIST_INIT;
	assert_int_equal(csv_table_read(path, &t, &d), STATUS_NO_INPUT);
	assert_int_equal(d.n, 0); /* the caller decides whether it matters */
	csv_table_release(&t);

	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("a,b\r\n1,2\r\n", f);
	fclose(f);
	assert_int_equal(csv_table_read(path, &t, &d), STATUS_OK);
	assert_int_equal(t.n_rows, 1);
	assert_string_equal(t.path, path);
	csv_table_release(&t);

	char sub[256];
	snprintf(sub, sizeof sub, "%s/sub.csv", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(csv_table_read(sub, &t, &d), STATUS_IO);
	assert_int_equal(d.n_errors, 1);
	csv_table_release(&t);
	diag_list_release(&d);

	assert_int_equal(rmdir(sub), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_bom_accepted),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_lone_cr_counts_as_line),
		cmocka_unit_test(test_quoted_newline_and_comma),
		cmocka_unit_test(test_record_starting_with_quoted_newline),
		cmocka_unit_test(test_blank_lines_ignored),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_fields_trimmed),
		cmocka_unit_test(test_header_case_order_trim),
		cmocka_unit_test(test_duplicate_column),
		cmocka_unit_test(test_field_count),
		cmocka_unit_test(test_one_field_singular),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_invalid_utf8_in_header),
		cmocka_unit_test(test_nul_byte_rejected),
		cmocka_unit_test(test_latin1_file_is_one_message),
		cmocka_unit_test(test_not_csv_files),
		cmocka_unit_test(test_semicolon_separated),
		cmocka_unit_test(test_repeated_header),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_misplaced_quote),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_neutralised_cells),
		cmocka_unit_test(test_empty_files),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_utf8_validator),
		cmocka_unit_test(test_read_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_html.c -- HTML escaping and the page builder: every character that
 * could end text or an attribute becomes an entity; anchors are letters,
 * digits and '-' only; text given to the builder is escaped, markup is not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "data/html.h"

static void escapes_markup_and_quotes(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	html_escape(&b, "<script>a=\"1\" & b='2'</script>");
	assert_string_equal(b.data, "&lt;script&gt;a=&quot;1&quot; &amp; b=&#39;2&#39;&lt;/script&gt;");
	strbuf_release(&b);
}

static void keeps_utf8_and_plain_text(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	html_escape(&b, "Zo\xc3\xab M\xc3\xbcller, week 3");
	assert_string_equal(b.data, "Zo\xc3\xab M\xc3\xbcller, week 3");
	html_escape(&b, NULL); /* nothing */
	html_escape(&b, "");
	assert_int_equal(b.len, strlen("Zo\xc3\xab M\xc3\xbcller, week 3"));
	strbuf_release(&b);
}

static void replaces_control_characters(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	html_escape(&b, "a\x01" "b\x7f" "c\td\n");
	assert_string_equal(b.data, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\td\n");
	strbuf_release(&b);
}

static void escapes_a_prefix_and_formatted_text(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	html_escape_n(&b, "<a>&<b>", 4);
	assert_string_equal(b.data, "&lt;a&gt;&amp;");
	strbuf_release(&b);
	html_escapef(&b, "moved from %s to %d", "<g1>", 2);
	assert_string_equal(b.data, "moved from &lt;g1&gt; to 2");
	strbuf_release(&b);
}

static void anchors_are_safe_and_distinct(void **state)
{
	(void)state;
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT, z = STRBUF_INIT;
	html_anchor(&x, "group-", "g\"1 <x>");
	assert_string_equal(x.data, "group-g-221-20-3cx-3e");
	html_anchor(&y, "group-", "x-");
	html_anchor(&z, "group-", "x-2d");
	assert_string_equal(y.data, "group-x-2d");
	assert_string_equal(z.data, "group-x-2d2d");
	strbuf_release(&x);
	strbuf_release(&y);
	strbuf_release(&z);
}

static void page_is_self_contained_and_closed(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	html_page_open(&b, "Week of 2026-11-30", "<clinic>");
	html_page_close(&b);
	assert_non_null(strstr(b.data, "<title>Week of 2026-11-30 &#183; &lt;clinic&gt;</title>"));
	assert_non_null(strstr(b.data, "content=\"default-src 'none'; style-src 'unsafe-inline'\""));
	assert_non_null(strstr(b.data, "<style>\n:root{"));
	assert_null(strstr(b.data, "<script"));
	assert_int_equal(strncmp(b.data, "<!DOCTYPE html>\n", 16), 0);
	const char *end = "<main>\n</main>\n</body>\n</html>\n";
	assert_string_equal(b.data + b.len - strlen(end), end);
	strbuf_release(&b);
}

static void table_escapes_text_not_markup(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	const struct html_col cols[] = { { "Group", NULL }, { "Members", "n" } };
	html_table_open(&b, cols, 2);
	html_row_open(&b);
	html_cell(&b, NULL, "g<1>");
	html_cellf(&b, "n", "%d&#8211;%d", 4, 8);
	html_row_close(&b);
	html_table_close(&b);
	assert_string_equal(b.data, "<div class=\"scroll\"><table>\n<thead><tr><th>Group</th>"
			    "<th class=\"n\">Members</th></tr></thead>\n<tbody>\n"
			    "<tr><td>g&lt;1&gt;</td><td class=\"n\">4&#8211;8</td></tr>\n"
			    "</tbody></table></div>\n");
	strbuf_release(&b);
}

static void sections_headings_and_cards(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	html_section_open(&b, NULL, "overview", NULL);
	html_heading(&b, 2, NULL, "Unmet needs (%d)", 3);
	html_cards_open(&b);
	html_card(&b, "3 of 4", "needs <met>");
	html_cards_close(&b);
	html_section_close(&b);
	html_section_open(&b, "sheet", "group-", "g 1");
	html_heading(&b, 2, "active", "Active");
	html_para(&b, "hint", "one &#183; %s", "two");
	html_section_close(&b);
	assert_string_equal(b.data, "<section id=\"overview\">\n<h2>Unmet needs (3)</h2>\n"
			    "<div class=\"cards\">\n<div class=\"card\"><b>3 of 4</b>needs &lt;met&gt;</div>\n"
			    "</div>\n</section>\n<section class=\"sheet\" id=\"group-g-201\">\n"
			    "<h2 id=\"active\">Active</h2>\n<p class=\"hint\">one &#183; two</p>\n</section>\n");
	strbuf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_markup_and_quotes),
		cmocka_unit_test(keeps_utf8_and_plain_text),
		cmocka_unit_test(replaces_control_characters),
		cmocka_unit_test(escapes_a_prefix_and_formatted_text),
		cmocka_unit_test(anchors_are_safe_and_distinct),
		cmocka_unit_test(page_is_self_contained_and_closed),
		cmocka_unit_test(table_escapes_text_not_markup),
		cmocka_unit_test(sections_headings_and_cards),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

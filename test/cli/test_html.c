/* test_html.c -- HTML escaping: every character that could end text or an
 * attribute becomes an entity; anchors are letters, digits and '-' only. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_markup_and_quotes),
		cmocka_unit_test(keeps_utf8_and_plain_text),
		cmocka_unit_test(replaces_control_characters),
		cmocka_unit_test(escapes_a_prefix_and_formatted_text),
		cmocka_unit_test(anchors_are_safe_and_distinct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_change.c -- the change rule's whole truth table and its names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "data/change.h"

static void test_classify(void **state)
{
	(void)state;
	static const struct {
		bool before, now, same;
		enum change_kind want;
	} table[] = {
		{ true, true, true, CHANGE_KEPT },
		{ true, true, false, CHANGE_MOVED },
		{ false, true, false, CHANGE_JOINED },
		{ false, true, true, CHANGE_JOINED },  /* same_group means nothing alone */
		{ true, false, false, CHANGE_LEFT },
		{ true, false, true, CHANGE_LEFT },
		{ false, false, false, CHANGE_NONE },
		{ false, false, true, CHANGE_NONE },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		assert_int_equal(change_classify(table[i].before, table[i].now, table[i].same),
				 table[i].want);
}

static void test_names(void **state)
{
	(void)state;
	/* The roster file's change column and diff's output use these words. */
	assert_string_equal(change_kind_name(CHANGE_KEPT), "kept");
	assert_string_equal(change_kind_name(CHANGE_MOVED), "moved");
	assert_string_equal(change_kind_name(CHANGE_JOINED), "joined");
	assert_string_equal(change_kind_name(CHANGE_LEFT), "left");
	assert_string_equal(change_kind_name(CHANGE_NONE), "none");
	assert_string_equal(change_kind_name((enum change_kind)(CHANGE_NONE + 1)), "unknown");
	assert_string_equal(change_kind_name((enum change_kind)-1), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

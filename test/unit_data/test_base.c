/* test_base.c -- the base layer: text buffer, array growth, paths, rng. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/base/grow.h"
#include "data/base/path.h"
#include "data/base/rng.h"
#include "data/base/strbuf.h"

static void test_strbuf_never_null(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	strbuf_puts(&b, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0); /* nothing appended, nothing allocated */
	for (int i = 0; i < 1000; i++)
		strbuf_printf(&b, "%d,", i);
	assert_false(b.failed);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "0,1,2,", 6);
	assert_string_equal(b.data + b.len - 4, "999,");
	strbuf_append(&b, "xyz", 2);
	assert_string_equal(b.data + b.len - 3, ",xy");
	strbuf_reset(&b);
	assert_string_equal(b.data, "");
	assert_true(b.cap > 0);
	strbuf_release(&b);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	strbuf_release(NULL);
}

static void test_strbuf_zeroed_is_usable(void **state)
{
	/* A buffer inside a zeroed struct (calloc, memset) grows like STRBUF_INIT. */
	(void)state;
	struct strbuf b;
	memset(&b, 0, sizeof b);
	strbuf_puts(&b, "abc");
	assert_string_equal(b.data, "abc");
	strbuf_release(&b);
	assert_string_equal(b.data, "");
}

static void test_strbuf_reserve_overflow(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	strbuf_puts(&b, "x");
	assert_false(strbuf_reserve(&b, SIZE_MAX));
	assert_true(b.failed);
	strbuf_puts(&b, "y"); /* a failed buffer stays as it was */
	assert_string_equal(b.data, "x");
	strbuf_release(&b);
	assert_false(b.failed);
}

static void test_grow(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0;
	for (size_t n = 0; n < 100; n++) {
		assert_true(GROW(v, n + 1, cap));
		assert_true(cap >= n + 1);
		v[n] = (int)n;
	}
	for (size_t n = 0; n < 100; n++)
		assert_int_equal(v[n], (int)n);
	size_t before = cap;
	assert_false(GROW(v, SIZE_MAX / 2 + 2, cap)); /* overflow: unchanged */
	assert_int_equal(cap, before);
	assert_int_equal(v[99], 99);
	free(v);
}

static void test_path_join(void **state)
{
	(void)state;
	char *p = path_join("clinic", "patients.csv");
	assert_string_equal(p, "clinic/patients.csv");
	free(p);
	p = path_join("clinic/", "rosters");
	assert_string_equal(p, "clinic/rosters");
	free(p);
	p = path_join("", "x.csv");
	assert_string_equal(p, "x.csv");
	free(p);
}

static void test_rng_is_splitmix64(void **state)
{
	(void)state;
	/* splitmix64's published first output for seed 0. */
	struct rng r = { 0 };
	assert_true(rng_next(&r) == 0xE220A8397B1DCDAFull);
	struct rng a = { 42 }, b = { 42 };
	for (int i = 0; i < 1000; i++) {
		uint32_t x = rng_below(&a, 7);
		assert_true(x < 7);
		assert_true(rng_mod(&b, 7) < 7);
		double u = rng_unit(&a);
		assert_true(u >= 0 && u < 1);
	}
	assert_int_equal(rng_below(&a, 0), 0);
	assert_int_equal(rng_mod(&a, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf_never_null),
		cmocka_unit_test(test_strbuf_zeroed_is_usable),
		cmocka_unit_test(test_strbuf_reserve_overflow),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_path_join),
		cmocka_unit_test(test_rng_is_splitmix64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

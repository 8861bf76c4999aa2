/* failmalloc.c -- an LD_PRELOAD library that makes allocations fail, for the
 * out-of-memory tests: the tool must end with "out of memory" and exit 71,
 * whichever allocation fails, and never crash or leave a torn file.
 *
 *   FAILMALLOC_NTH=N     the Nth allocation (1-based) fails ...
 *   FAILMALLOC_ALL=1     ... and every one after it too (memory stays short)
 *   FAILMALLOC_COUNT=1   print "failmalloc: N allocations" at exit
 *
 * malloc, calloc, realloc (growing), aligned_alloc, posix_memalign and
 * memalign are counted; glibc routes its own allocations (strdup, stdio,
 * qsort buffers) through these too. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static unsigned long n_calls, nth;
static int fail_all, count, ready;

static void report(void)
{
	char buf[64] = "failmalloc: ";
	char digits[24];
	int i = 0;
	unsigned long n = n_calls;
	do {
		digits[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	size_t len = strlen(buf);
	while (i)
		buf[len++] = digits[--i];
	memcpy(buf + len, " allocations\n", 14);
	(void)!write(2, buf, strlen(buf));
}

static void setup(void)
{
	ready = 1;
	const char *s = getenv("FAILMALLOC_NTH");
	nth = s ? strtoul(s, NULL, 10) : 0;
	fail_all = getenv("FAILMALLOC_ALL") != NULL;
	count = getenv("FAILMALLOC_COUNT") != NULL;
	if (count)
		atexit(report);
}

static int should_fail(void)
{
	if (!ready)
		setup();
	n_calls++;
	if (nth && (n_calls == nth || (fail_all && n_calls > nth))) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	return should_fail() ? NULL : __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
	return should_fail() ? NULL : __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
	/* Freeing and shrinking cannot fail in practice; only count growth. */
	if (p && n == 0)
		return __libc_realloc(p, n);
	return should_fail() ? NULL : __libc_realloc(p, n);
}

void *memalign(size_t align, size_t n)
{
	return should_fail() ? NULL : __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
	return should_fail() ? NULL : __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (should_fail())
		return ENOMEM;
	void *p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

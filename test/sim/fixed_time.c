/* fixed_time.c -- an LD_PRELOAD library that fixes what time(2) says, so a
 * test can run the tool "on a Saturday" and check the week every command
 * takes without --week. Only the calendar clock is fixed: time limits run
 * on the monotonic clock and are unaffected.
 *
 *   FIXED_TIME=SECONDS   seconds since the epoch that time() returns
 *
 * Without FIXED_TIME the real time is returned. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

time_t time(time_t *out)
{
	const char *fixed = getenv("FIXED_TIME");
	time_t now;
	if (fixed) {
		now = (time_t)strtoll(fixed, NULL, 10);
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		now = ts.tv_sec;
	}
	if (out)
		*out = now;
	return now;
}

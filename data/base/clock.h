/* clock.h -- monotonic seconds, for time limits and logs (never for
 * anything written to an output file). */
#ifndef IOP_BASE_CLOCK_H
#define IOP_BASE_CLOCK_H

/* Seconds on CLOCK_MONOTONIC: differences are elapsed time. */
double clock_seconds(void);

#endif

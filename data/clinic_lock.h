/* clinic_lock.h -- one run per clinic folder at a time.
 *
 * An exclusive, non-blocking flock(2) on CLINIC/.iop-roster.lock. The lock
 * file holds "pid PID command COMMAND" of the holder so a second run can name
 * it. The kernel drops the lock when the process dies, so a crashed run
 * never leaves the clinic locked. */
#ifndef IOP_CLINIC_LOCK_H
#define IOP_CLINIC_LOCK_H

#include "diag.h"
#include "status.h"

struct clinic_lock { int fd; };

/* Returns STATUS_OK (lock held), STATUS_BUSY (diag names the holder),
 * STATUS_NO_INPUT (no such folder) or STATUS_CANT_CREATE. `command` is a
 * short word recorded for the next run's message ("plan"). */
enum status clinic_lock_acquire(struct clinic_lock *lock, const char *folder,
				const char *command, struct diag_list *diag);

/* Releases the lock; safe to call on a lock never acquired (fd = -1 or 0
 * after memset is treated as "not held" only when acquire did not succeed:
 * initialise with CLINIC_LOCK_INIT). */
void clinic_lock_release(struct clinic_lock *lock);

#define CLINIC_LOCK_INIT { -1 }

#endif

/* clinic_lock.h -- one run per clinic folder at a time.
 *
 * An exclusive, non-blocking flock(2) on CLINIC/.iop-roster.lock (created
 * 0644 less the umask: it holds no health data; opened read-only when it
 * belongs to another account; never followed if it is a symbolic link).
 * The lock file holds the holder's
 * line "pid PID on HOST, 'COMMAND' since YYYY-MM-DDTHH:MM:SSZ" so a second
 * run can name it. The kernel drops the lock when the process dies, so a
 * crashed or killed run never leaves the clinic locked. */
#ifndef IOP_CLINIC_LOCK_H
#define IOP_CLINIC_LOCK_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

struct clinic_lock { int fd; };

/* Returns STATUS_OK (lock held), STATUS_BUSY (diag names the holder:
 * "CLINIC/.iop-roster.lock: another run holds the clinic (pid 42 on host,
 * 'plan' since ...); try again later"), STATUS_NO_INPUT (no such folder),
 * STATUS_CANT_CREATE, STATUS_IO or STATUS_NO_MEMORY. `command` is a short
 * word recorded for the next run's message ("plan").
 *
 * Once the lock is held, stale temporaries of killed runs are swept from
 * CLINIC/rosters (see clinic_lock_sweep_temps). */
enum status clinic_lock_acquire(struct clinic_lock *lock, const char *folder,
				const char *command, struct diag_list *diag);

/* Removes CLINIC/rosters/.NAME.tmp.XXXXXX files (atomic_file.h's
 * temporaries) owned by this user. Only safe while holding the clinic's
 * lock: then no other run can be writing them. A run killed with SIGKILL
 * cannot clean up its own temporary; the next run does. Returns how many
 * were removed; errors are ignored (a leftover temporary is only clutter). */
size_t clinic_lock_sweep_temps(const char *folder);

/* Releases the lock; safe to call on a lock never acquired (fd = -1 or 0
 * after memset is treated as "not held" only when acquire did not succeed:
 * initialise with CLINIC_LOCK_INIT). */
void clinic_lock_release(struct clinic_lock *lock);

#define CLINIC_LOCK_INIT { -1 }

#endif

/* clinic_lock.c -- flock(2) on a hidden file in the clinic folder. */
#include "clinic_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOCK_NAME ".iop-roster.lock"

enum status clinic_lock_acquire(struct clinic_lock *lock, const char *folder,
				const char *command, struct diag_list *diag)
{
	lock->fd = -1;
	struct stat sb;
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_error(diag, folder, 0, 0, NULL, "not a clinic folder: %s",
			   errno ? strerror(errno) : "not a directory");
		return STATUS_NO_INPUT;
	}
	size_t len = strlen(folder) + sizeof LOCK_NAME + 2;
	char *path = malloc(len);
	if (!path)
		return STATUS_NO_MEMORY;
	snprintf(path, len, "%s/%s", folder, LOCK_NAME);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		diag_error(diag, path, 0, 0, NULL, "cannot create lock file: %s", strerror(errno));
		free(path);
		return STATUS_CANT_CREATE;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char holder[128] = "";
		ssize_t got = pread(fd, holder, sizeof holder - 1, 0);
		holder[got > 0 ? got : 0] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
		diag_error(diag, path, 0, 0, NULL, "another run holds the clinic (%s); try again later",
			   holder[0] ? holder : "holder unknown");
		close(fd);
		free(path);
		return STATUS_BUSY;
	}
	free(path);
	char info[128];
	int n = snprintf(info, sizeof info, "pid %ld command %s\n", (long)getpid(), command);
	/* The holder line is a courtesy for the next run's message; failing to
	 * write it does not make the lock any less held. */
	if (ftruncate(fd, 0) == 0 && n > 0)
		(void)!pwrite(fd, info, (size_t)n, 0);
	lock->fd = fd;
	return STATUS_OK;
}

void clinic_lock_release(struct clinic_lock *lock)
{
	if (!lock || lock->fd < 0)
		return;
	/* Truncate first so a stale holder line never outlives its run. */
	(void)!ftruncate(lock->fd, 0);
	flock(lock->fd, LOCK_UN);
	close(lock->fd);
	lock->fd = -1;
}

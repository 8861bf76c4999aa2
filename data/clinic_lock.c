/* clinic_lock.c -- flock(2) on a hidden file in the clinic folder. */
#include "clinic_lock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "data/base/path.h"

#define LOCK_NAME ".iop-roster.lock"
#define HOLDER_MAX 160

/* The holder line the running process left, without its newline. The
 * holder writes it just after taking the lock, so a run that arrives in
 * that instant may find the file still empty: look again briefly before
 * settling for "holder unknown". */
static void read_holder(int fd, char *buf, size_t size)
{
	for (int attempt = 0; attempt < 20; attempt++) {
		ssize_t got = pread(fd, buf, size - 1, 0);
		buf[got > 0 ? got : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		if (buf[0])
			break;
		struct timespec pause = { 0, 10 * 1000 * 1000 };
		nanosleep(&pause, NULL);
	}
	/* Written by us, but the file is in a folder others can write: show
	 * only printable ASCII. */
	for (char *p = buf; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			*p = '?';
}

enum status clinic_lock_acquire(struct clinic_lock *lock, const char *folder,
				const char *command, struct diag_list *diag)
{
	lock->fd = -1;
	struct stat sb;
	errno = 0;
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_error(diag, folder, 0, 0, NULL, "not a clinic folder: %s",
			   errno ? strerror(errno) : "not a directory");
		return STATUS_NO_INPUT;
	}
	char *path = path_join(folder, LOCK_NAME);
	if (!path) {
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
		return STATUS_NO_MEMORY;
	}
	/* O_NOFOLLOW: a symbolic link planted in the folder must not make us
	 * truncate some other file. The file holds no health data, only the
	 * holder line, so it may be readable by all: then a run under another
	 * account (staff by hand, the service's user at night) can still lock
	 * it through a read-only descriptor, flock(2) needs no more, and name
	 * the holder. */
	const int flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
	int fd = open(path, O_RDWR | O_CREAT | flags, 0644);
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_RDONLY | flags);
	if (fd < 0) {
		diag_error(diag, path, 0, 0, NULL, "cannot open lock file: %s", strerror(errno));
		free(path);
		return STATUS_CANT_CREATE;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		diag_error(diag, path, 0, 0, NULL, "lock file is not a regular file");
		close(fd);
		free(path);
		return STATUS_CANT_CREATE;
	}
	int rc;
	while ((rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
		;
	if (rc != 0) {
		int saved = errno;
		if (saved == EWOULDBLOCK) {
			char holder[HOLDER_MAX];
			read_holder(fd, holder, sizeof holder);
			diag_error(diag, path, 0, 0, NULL,
				   "another run holds the clinic (%s); try again later",
				   holder[0] ? holder : "holder unknown");
		} else {
			diag_error(diag, path, 0, 0, NULL, "flock: %s", strerror(saved));
		}
		close(fd);
		free(path);
		return saved == EWOULDBLOCK ? STATUS_BUSY : STATUS_IO;
	}
	free(path);

	char host[64] = "";
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	char since[32] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm))
		strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
	char info[HOLDER_MAX];
	int n = snprintf(info, sizeof info, "pid %ld%s%s, '%s' since %s\n", (long)getpid(),
			 host[0] ? " on " : "", host, command ? command : "?", since);
	/* The holder line is a courtesy for the next run's message; failing to
	 * write it does not make the lock any less held. */
	if (ftruncate(fd, 0) == 0 && n > 0)
		(void)!pwrite(fd, info, (size_t)n < sizeof info ? (size_t)n : sizeof info - 1, 0);
	lock->fd = fd;

	clinic_lock_sweep_temps(folder);
	return STATUS_OK;
}

/* NAME is ".TARGET.tmp.XXXXXX" as atomic_file.c makes them with mkstemp:
 * a dot, a non-empty target name, ".tmp.", six letters or digits. */
static int is_our_temp(const char *name)
{
	size_t len = strlen(name);
	const size_t tail = sizeof ".tmp.XXXXXX" - 1;
	if (name[0] != '.' || len < 1 + 1 + tail)
		return 0;
	const char *t = name + len - tail;
	if (strncmp(t, ".tmp.", 5) != 0)
		return 0;
	for (const char *p = t + 5; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

size_t clinic_lock_sweep_temps(const char *folder)
{
	char *rosters = path_join(folder, "rosters");
	if (!rosters)
		return 0;
	DIR *d = opendir(rosters);
	if (!d) {
		free(rosters);
		return 0;
	}
	uid_t me = geteuid();
	size_t removed = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_our_temp(e->d_name))
			continue;
		struct stat sb;
		/* Only regular files this user created: a temporary is never
		 * anything else, and another user's file is not ours to remove. */
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode) || sb.st_uid != me)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			removed++;
	}
	closedir(d);
	free(rosters);
	return removed;
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

/* atomic_file.c -- write a set of files so that a crash or a failure leaves
 * either every old file or every new one in place, never a half-written one. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder part of `path` ("." when there is none); caller frees. */
static char *parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* mkdir -p with mode 0700: the rosters folder holds health data. */
static bool make_dirs(const char *dir, struct diag_list *diag)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return true;
		diag_error(diag, NULL, 0, 0, NULL, "mkdir: %s: %s", dir, strerror(ENOTDIR));
		return false;
	}
	char *copy = strdup(dir);
	if (copy == NULL) {
		diag_error(diag, NULL, 0, 0, NULL, "mkdir: %s: %s", dir, strerror(ENOMEM));
		return false;
	}
	size_t len = strlen(copy);
	for (size_t i = 1; i <= len; i++) {
		if (copy[i] != '/' && copy[i] != '\0')
			continue;
		char saved = copy[i];
		copy[i] = '\0';
		if (mkdir(copy, 0700) == 0) {
			char *up = parent_of(copy);
			if (up != NULL)
				fsync_dir(up); /* make the new folder's entry durable */
			free(up);
		} else if (errno != EEXIST) {
			diag_error(diag, NULL, 0, 0, NULL, "mkdir: %s: %s", copy, strerror(errno));
			free(copy);
			return false;
		}
		copy[i] = saved;
	}
	free(copy);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(diag, NULL, 0, 0, NULL, "mkdir: %s: %s", dir, strerror(ENOTDIR));
		return false;
	}
	return true;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, data, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		data += k;
		len -= (size_t)k;
	}
	return true;
}

/* Writes one temporary beside `f->path`; on success *tmp_out names it. */
static enum status write_temp(const struct pending_file *f, mode_t mode, char **tmp_out,
			      struct diag_list *diag)
{
	*tmp_out = NULL;
	char *dir = parent_of(f->path);
	if (dir == NULL) {
		diag_error(diag, NULL, 0, 0, NULL, "%s: %s", f->path, strerror(ENOMEM));
		return STATUS_NO_MEMORY;
	}
	if (!make_dirs(dir, diag)) {
		free(dir);
		return STATUS_CANT_CREATE;
	}
	const char *slash = strrchr(f->path, '/');
	const char *base = slash ? slash + 1 : f->path;
	size_t size = strlen(dir) + strlen(base) + 16;
	char *tmp = malloc(size);
	if (tmp == NULL) {
		free(dir);
		diag_error(diag, NULL, 0, 0, NULL, "%s: %s", f->path, strerror(ENOMEM));
		return STATUS_NO_MEMORY;
	}
	snprintf(tmp, size, "%s/.%s.tmp.XXXXXX", dir, base);
	free(dir);

	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(diag, NULL, 0, 0, NULL, "cannot create '%s': %s", f->path,
			   strerror(errno));
		free(tmp);
		return STATUS_CANT_CREATE;
	}
	const char *failed = NULL;
	if (fchmod(fd, mode) != 0)
		failed = "fchmod";
	else if (!write_all(fd, f->data, f->len))
		failed = "write";
	else if (fsync(fd) != 0)
		failed = "fsync";
	int saved = errno;
	if (close(fd) != 0 && failed == NULL) {
		failed = "close";
		saved = errno;
	}
	if (failed != NULL) {
		diag_error(diag, NULL, 0, 0, NULL, "%s: %s: %s", failed, tmp, strerror(saved));
		unlink(tmp);
		free(tmp);
		return STATUS_IO;
	}
	*tmp_out = tmp;
	return STATUS_OK;
}

enum status atomic_write_files(const struct pending_file *files, size_t n,
			       mode_t mode, struct diag_list *diag)
{
	if (n == 0)
		return STATUS_OK;
	if (mode == 0)
		mode = 0600;
	char **tmps = calloc(n, sizeof *tmps);
	if (tmps == NULL) {
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
		return STATUS_NO_MEMORY;
	}
	enum status st = STATUS_OK;
	for (size_t i = 0; i < n && st == STATUS_OK; i++)
		st = write_temp(&files[i], mode, &tmps[i], diag);

	/* Only when every temporary is safely on disk do the renames start, so
	 * a failure up to here leaves every old file untouched. */
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		if (rename(tmps[i], files[i].path) != 0) {
			diag_error(diag, NULL, 0, 0, NULL, "rename: %s: %s", files[i].path,
				   strerror(errno));
			st = STATUS_IO;
			break;
		}
		free(tmps[i]);
		tmps[i] = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (tmps[i] != NULL) {
			unlink(tmps[i]);
			free(tmps[i]);
		}
	}
	free(tmps);
	if (st != STATUS_OK)
		return st;

	/* Make the renames durable: fsync each distinct folder once. */
	for (size_t i = 0; i < n; i++) {
		char *dir = parent_of(files[i].path);
		if (dir == NULL)
			return STATUS_NO_MEMORY;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++) {
			char *other = parent_of(files[j].path);
			seen = other != NULL && strcmp(other, dir) == 0;
			free(other);
		}
		if (!seen) {
			int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
			if (fd < 0 || fsync(fd) != 0) {
				diag_error(diag, NULL, 0, 0, NULL, "fsync: %s: %s", dir,
					   strerror(errno));
				st = STATUS_IO;
			}
			if (fd >= 0)
				close(fd);
		}
		free(dir);
	}
	return st;
}

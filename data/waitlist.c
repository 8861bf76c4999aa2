/* waitlist.c -- waitlist.csv, read by patients.csv's own loader. */
#include "waitlist.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/path.h"

enum status waitlist_load(const char *folder, const struct clinic *c, struct waitlist *out,
			  bool *present, struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	*present = false;
	char *path = path_join(folder, WAITLIST_FILE);
	if (!path)
		return STATUS_NO_MEMORY;
	enum status st = STATUS_OK;
	if (access(path, F_OK) == 0) {
		*present = true;
		st = admissions_load_rows(path, c, true, &out->people, diag);
	} else if (errno != ENOENT) {
		diag_error(diag, path, 0, 0, NULL, "%s", strerror(errno));
		st = STATUS_IO;
	}
	free(path);
	return st;
}

enum status waitlist_check(const char *folder, const struct clinic *c, struct diag_list *diag)
{
	struct waitlist w;
	bool present;
	enum status st = waitlist_load(folder, c, &w, &present, diag);
	waitlist_release(&w);
	return st;
}

void waitlist_release(struct waitlist *w)
{
	if (w)
		admission_list_release(&w->people);
}

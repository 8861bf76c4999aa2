/* atomic_file.h -- replace a set of output files so a crash leaves old or new.
 *
 * Each file is written to a hidden temporary in its own folder
 * (".NAME.tmp.XXXXXX"), fsync'd, then all are renamed over their targets and
 * the folders fsync'd. Renames happen in array order, so the file whose
 * presence marks a complete set goes last. Any failure before the renames removes every
 * temporary and leaves every existing file untouched. */
#ifndef IOP_ATOMIC_FILE_H
#define IOP_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "status.h"

struct pending_file {
	const char *path;  /* final path */
	const char *data;
	size_t len;
};

/* Creates missing parent folder of each path (mode 0700) first. Files are
 * created with `mode` (0600 by default for health data). Returns STATUS_OK,
 * STATUS_CANT_CREATE (temporary could not be created) or STATUS_IO, with
 * "rename: PATH: reason"-style detail in diag. */
enum status atomic_write_files(const struct pending_file *files, size_t n,
			       mode_t mode, struct diag_list *diag);

#endif

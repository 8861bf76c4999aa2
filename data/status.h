/* status.h -- the one result type that flows up from data/ and solver/ to cmd/.
 *
 * Library code never exits or prints; it returns one of these and puts the
 * detail in a caller-supplied struct diag_list. Only cmd/ maps a status to a
 * process exit code (cli_exit_code in cmd/cli.h). */
#ifndef IOP_STATUS_H
#define IOP_STATUS_H

enum status {
	STATUS_OK = 0,
	STATUS_USAGE,        /* the caller asked for something malformed */
	STATUS_BAD_DATA,     /* input parsed but is invalid (diag has file:line) */
	STATUS_INFEASIBLE,   /* hard rules contradict (diag names the rows) */
	STATUS_NO_INPUT,     /* a required file or folder does not exist */
	STATUS_CANT_CREATE,  /* an output file could not be created */
	STATUS_IO,           /* read/write/fsync/rename failed midway */
	STATUS_BUSY,         /* another run holds the clinic lock */
	STATUS_NO_MEMORY,    /* allocation failed */
	STATUS_INTERRUPTED,  /* a signal stopped the run before any roster */
	STATUS_INTERNAL,     /* a bug or an unexpected solver failure */
};

/* A short lowercase name for logs ("bad-data", "io", ...). Never NULL. */
const char *status_name(enum status s);

#endif

/* status.c -- names of the result codes, for logs and tests. */
#include "status.h"

const char *status_name(enum status s)
{
	switch (s) {
	case STATUS_OK: return "ok";
	case STATUS_USAGE: return "usage";
	case STATUS_BAD_DATA: return "bad-data";
	case STATUS_INFEASIBLE: return "infeasible";
	case STATUS_NO_INPUT: return "no-input";
	case STATUS_CANT_CREATE: return "cant-create";
	case STATUS_IO: return "io";
	case STATUS_BUSY: return "busy";
	case STATUS_NO_MEMORY: return "no-memory";
	case STATUS_INTERRUPTED: return "interrupted";
	case STATUS_INTERNAL: return "internal";
	}
	return "unknown";
}

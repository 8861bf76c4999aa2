/* clinic.h -- one program's data as loaded from a clinic folder.
 *
 * clinic_load reads patients.csv, groups.csv and the optional progress.csv,
 * separations.csv, pins.csv and settings.csv, validates everything the
 * contract says is an error (docs/FORMAT.md), and reports every problem it
 * finds, file by file in that order. Nothing here depends on the week; see
 * week.h for the week-resolved view. Indices between records are plain
 * array indices into the arrays below, in file order. */
#ifndef IOP_CLINIC_H
#define IOP_CLINIC_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "settings.h"
#include "slot.h"
#include "status.h"

/* Hours compare with a small tolerance: hours are sums of decimal fractions
 * such as 1.5, and 9.000000001 short of 9 is not a shortfall, nor is
 * 30.000000001 over a maximum of 30. */
#define HOURS_EPS 1e-9

#define NEED_MAX 4

struct day_range { day_t first, last; }; /* inclusive */

struct patient {
	char *id;            /* 1-64 printable characters, unique */
	char *name;          /* display name or NULL; never log it */
	day_t admitted;
	day_t discharge;     /* DAY_NONE = open-ended */
	double hours_min, hours_max;
	struct slot *available; size_t n_available; /* none = any time */
	char **tags; size_t n_tags;   /* lower-cased, sorted, unique */
	int *need;           /* [clinic.n_types], 0..4 as rated */
	struct day_range *away; size_t n_away;
	long line;           /* where the record starts in patients.csv */
};

struct group {
	char *id;
	int type;            /* index into clinic.type_names */
	struct slot *slots; size_t n_slots; /* at least one */
	double hours;        /* weekly hours, > 0 */
	int min_size, max_size;
	char **requires; size_t n_requires; /* lower-cased tags */
	char *facilitator;   /* NULL = none; as written (trimmed); compare with
			      * facilitator_cmp */
	/* Program phase (contract v2): only patients whose phase_week is in
	 * weeks_from..weeks_to may join. All zero means no bound, so a group
	 * built in code without a phase takes everyone, as in v1. */
	int weeks_from;      /* 0 = no lower bound (phase_week is never below 0) */
	int weeks_to;        /* the upper bound, when has_weeks_to */
	bool has_weeks_to;
	long line;
};

/* Whether a patient in week `phase_week` of the program may join g. */
static inline bool group_admits_phase(const struct group *g, int phase_week)
{
	return phase_week >= g->weeks_from && (!g->has_weeks_to || phase_week <= g->weeks_to);
}

/* Orders facilitator names as the contract compares them: after trimming,
 * folding runs of spaces to one and ASCII case ("Ann  Lee" = "ann lee");
 * 0 = the same person. Letters outside ASCII compare as written. */
int facilitator_cmp(const char *a, const char *b);

/* The group's phase for messages: "week 0", "weeks 2-5", "weeks 12 and
 * later" (size >= 48). */
void group_phase_format(const struct group *g, char *buf, size_t size);

struct progress_record {
	int patient, type;
	day_t date;
	int score;           /* 0..100 */
	long line;
};

struct separation { int a, b; long line; };

enum pin_rule { PIN_MUST, PIN_NEVER };
struct pin { int patient, group; enum pin_rule rule; long line; };

struct clinic {
	char *folder;        /* as given by the user */
	char **type_names;   /* lower-cased, from the need_TYPE columns, in column order */
	size_t n_types;
	struct patient *patients; size_t n_patients;
	struct group *groups; size_t n_groups;
	struct progress_record *progress; size_t n_progress;
	struct separation *separations; size_t n_separations;
	struct pin *pins; size_t n_pins;
	struct settings settings;
	/* private lookup indexes, sorted by id (byte order) */
	int *patient_by_id, *group_by_id;
};

/* Loads and validates a clinic folder. `overrides` (may be NULL) are applied
 * after settings.csv, as "name=value" strings; a bad override is
 * STATUS_USAGE. Returns STATUS_OK, STATUS_NO_INPUT (folder, patients.csv or
 * groups.csv missing), STATUS_BAD_DATA (diag holds every error, with
 * file:line:field), STATUS_NO_MEMORY or STATUS_IO. Warnings (unknown
 * columns, progress for unknown patients) go to diag with STATUS_OK. On
 * failure *out is left empty (safe to clinic_release). */
enum status clinic_load(const char *folder, const char *const *overrides,
			struct clinic *out, struct diag_list *diag);

/* Rebuild the id lookups below after patients or groups were added or
 * built in memory (admissions, the synthetic-clinic generator). False when
 * out of memory; the lookups then search linearly, so stay correct. */
bool clinic_index_patients(struct clinic *c);
bool clinic_index_groups(struct clinic *c);

/* Lookups by exact id; -1 when absent. O(log n) with the index. */
int clinic_find_patient(const struct clinic *c, const char *id);
int clinic_find_group(const struct clinic *c, const char *id);
/* By case-insensitive type name; -1 when absent. */
int clinic_find_type(const struct clinic *c, const char *name);

/* Frees what a patient owns (not the struct itself); *p is zeroed. NULL ok. */
void patient_release(struct patient *p);

/* Frees everything the clinic owns; the struct is zeroed. NULL ok. */
void clinic_release(struct clinic *c);

#endif

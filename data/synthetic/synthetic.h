/* synthetic.h -- what the generator's parts share (not a public API): the
 * build state, the seeded streams, draws shaped for clinics, the program's
 * types and session times, and each part's entry point.
 *
 * Every draw is part of the clinics generate.h promises byte for byte:
 * the order of draws within a part, the stream numbers and the mappings
 * of data/base/rng.h must not change, or every example clinic, golden
 * roster and benchmark clinic changes with them. */
#ifndef IOP_SYNTHETIC_H
#define IOP_SYNTHETIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "generate.h"
#include "data/base/rng.h"
#include "data/roster.h"
#include "data/week.h"

/* One clinic being built. An allocation failure only sets `oom`; each part
 * then stops early and generate_clinic gives the whole clinic up, so parts
 * need not unwind what they made. */
struct gen {
	const struct generate_options *opt;
	struct clinic *c;
	bool oom;
};

/* Each part draws from its own stream, so changing how one part of the
 * clinic is generated does not reshuffle every other part. */
enum stream {
	STREAM_GROUPS = 1,
	STREAM_PATIENTS = 2,
	STREAM_PROGRESS = 3,
	STREAM_PREVIOUS = 4,
	STREAM_PINS = 5,  /* separations and pins */
	STREAM_NAMES = 6, /* its own, so --names changes nothing else */
};

struct rng synth_stream(const struct generate_options *opt, enum stream part);

static inline int rng_range(struct rng *r, int lo, int hi) /* inclusive */
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static inline double rng_between(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * rng_unit(r);
}

static inline bool rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

void rng_shuffle(struct rng *r, int *a, size_t n);

/* The program's group types, in the need_TYPE column order. */
enum { T_EDUCATION, T_SKILLS, T_SUPPORT, T_COMMUNICATION, N_TYPES };

/* Weekday bits for schedule_slots, and clock times in minutes. */
#define MON (1u << 0)
#define TUE (1u << 1)
#define WED (1u << 2)
#define THU (1u << 3)
#define FRI (1u << 4)
#define HM(h, m) ((h) * 60 + (m))
#define LABEL_HOURS 3.0 /* a label slot ("sat-am") is a three-hour session */

char *gen_strdup(struct gen *g, const char *s);
void *gen_calloc(struct gen *g, size_t n, size_t size); /* a zero count is one */

/* Digits of the largest number of n, at least `least`: ids like p007 sort
 * in number order. */
int id_width(size_t n, int least);

static inline int clamp_int(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Writes the timed sessions of `days` (start..end each day), then `label`
 * if any, into out[] (room for 8); returns how many. */
size_t schedule_slots(struct gen *g, unsigned days, int start, int end,
		      const char *label, struct slot *out);

/* A heap copy of tmp[0..n-1], taking over its labels (freed on failure). */
struct slot *slots_copy(struct gen *g, const struct slot *tmp, size_t n);

/* shape.c: the types and the week's groups with sizes, specialty tags and
 * facilitators. */
void synth_types(struct gen *g);
void synth_groups(struct gen *g);

/* shape.c: group k's id (`prefix`, or the type's when NULL, then number
 * i + 1 in `width` digits), type t and line; and its sizes, drawn as every
 * generated group's are. */
void synth_group_id(struct gen *g, size_t k, int t, const char *prefix, int i, int width);
void synth_group_sizes(struct gen *g, struct rng *r, struct group *gr);

/* blocks.c: the groups of a program run in 3-hour blocks, with phases
 * (opt->billing); count[t] groups of type t, written in type order. */
void synth_block_groups(struct gen *g, struct rng *r, const int count[N_TYPES]);

/* patients.c: who is enrolled, when they can come, what they need; and
 * invented display names. */
void synth_patients(struct gen *g);
void synth_names(struct gen *g);

/* progress.c: weekly scores before the week. */
void synth_progress(struct gen *g);

/* previous.c: a roster being built, as per-patient group lists. */
struct draft {
	const struct week *w;
	int *size;      /* [group] members */
	double *hours;  /* [a] assigned hours */
	int *of;        /* [a * N_TYPES + t] group of type t, or -1 */
};

bool draft_init(struct gen *g, struct draft *d, const struct week *w);
void draft_release(struct draft *d);

/* Last week's roster for `last_week` (resolved without pins or
 * separations), sorted as rosters are written. */
void synth_previous_roster(struct gen *g, const struct week *last_week, struct roster *out);

/* Keeps from `prev` the pairs eligible in d's week and cancels groups
 * below their minimum: a roster that breaks no hard rule in that week. */
void draft_keep_valid(struct draft *d, const struct roster *prev);

/* pins.c: separations and pins for `week` that keep both `prev` (for the
 * week before) and its valid part in `week` feasible. */
void synth_separations_and_pins(struct gen *g, const struct week *week,
				const struct roster *prev);

#endif

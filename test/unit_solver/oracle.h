/* oracle.h -- brute force over every roster of a tiny clinic (tests only). */
#ifndef IOP_TEST_ORACLE_H
#define IOP_TEST_ORACLE_H

#include <stdbool.h>
#include <stdint.h>

#include "data/roster.h"
#include "data/week.h"
#include "fixture.h"

/* Called for every roster that keeps the rules: pick[a] is the bit mask of
 * the groups active patient a attends; score its contract score. */
typedef void (*oracle_fn)(void *ctx, const unsigned *pick, double score);

/* Enumerates every roster (calling fn when not NULL) and writes the best
 * score; false when no roster keeps the rules. *too_big (then nothing is
 * enumerated) when that would take too long for a unit test. */
bool oracle_each(const struct week *w, oracle_fn fn, void *ctx, double *best,
		 bool *too_big);
bool oracle_best(const struct week *w, double *best, bool *too_big);

/* The oracle's score of a roster. */
double oracle_score_roster(const struct week *w, const struct roster *r);

/* A random tiny clinic (<= 7 patients, <= 4 groups, 2-3 types) with
 * windows, tags, clashes, facilitators, separations, pins and a previous
 * roster, resolved into f->w. Same seed, same clinic. */
void random_clinic(struct fx *f, uint64_t seed);

/* The same with contract v2 on: program phases on some groups and the
 * billable-days rule with random thresholds and weight. */
void random_clinic_v2(struct fx *f, uint64_t seed);

#endif

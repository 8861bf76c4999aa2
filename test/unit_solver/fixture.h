/* fixture.h -- small clinics built in memory for the solver tests.
 *
 * Everything is heap-allocated the way clinic_load does it, so
 * clinic_release frees it. Patients are admitted long enough ago to be
 * advanced unless fx_admitted says otherwise. */
#ifndef IOP_TEST_FIXTURE_H
#define IOP_TEST_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "data/clinic.h"
#include "data/roster.h"
#include "data/week.h"

struct fx {
	struct clinic c;
	struct roster previous;
	bool has_previous;
	day_t monday;        /* 2026-03-02 */
	struct week w;
	bool resolved;
};

/* Types are named by a ';' list, e.g. "skills;support". Settings are the
 * contract's defaults. */
void fx_init(struct fx *f, const char *types);

/* needs: one digit per type ("30" = skills 3, support 0). available may be
 * NULL (any time). Returns the clinic patient index. */
int fx_patient(struct fx *f, const char *id, const char *needs, const char *available);
void fx_hours(struct fx *f, int p, double hours_min, double hours_max);
void fx_admitted(struct fx *f, int p, int days_before_monday);
void fx_tags(struct fx *f, int p, const char *tag);

/* slots: ';' list as in groups.csv; hours 0 = from the timed slots. */
int fx_group(struct fx *f, const char *id, int type, const char *slots, double hours,
	     int min_size, int max_size, const char *facilitator);
void fx_requires(struct fx *f, int g, const char *tag);

void fx_separation(struct fx *f, int p, int q, long line);
void fx_pin(struct fx *f, int p, int g, enum pin_rule rule, long line);
void fx_previous(struct fx *f, int p, int g);
/* A progress record for patient p and type t dated days before Monday. */
void fx_progress(struct fx *f, int p, int t, int days_before_monday, int score);

/* week_resolve for f->monday; asserts STATUS_OK. */
struct week *fx_week(struct fx *f);

/* A clinic from the generator (`patients`, `seed`, four weeks of
 * history, its previous roster, Monday 2026-03-02) with its week
 * resolved; billable_days > 0 turns the billing rule on at
 * billable_day_hours. fx_release frees it. */
struct week *fx_generated(struct fx *f, int patients, uint64_t seed, int billable_days,
			  double billable_day_hours);

void fx_release(struct fx *f);

/* The roster in[a * n_groups + g] of week w, appended to r (asserts memory). */
void fx_roster_of(const struct week *w, const bool *in, struct roster *r);

/* A deterministic pseudo-random stream for generated cases. */
struct fx_rng { uint64_t s; };
uint32_t fx_rand(struct fx_rng *r, uint32_t n); /* 0 .. n-1 */

#endif

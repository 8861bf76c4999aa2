/* work.h -- the search's budget in deterministic work ("ticks").
 *
 * A run cut short by the clock gives a roster that depends on the
 * machine and its load. Counted work does not: every phase charges what
 * it did (simplex iterations times the LP's size, branch-and-cut nodes,
 * heuristic steps, patients priced) to one budget, and a phase stops when
 * its share is used, at the same point on every machine. A tick is sized
 * to be roughly a microsecond of CPU, so `R` kilo-ticks per second
 * (WORK_KTICKS_PER_SECOND) turn a time limit into a budget that ends a
 * run before the clock does on the slowest machine we support; the clock
 * stays as the safety stop. See doc/determinism.md. */
#ifndef IOP_WORK_H
#define IOP_WORK_H

#include <stdbool.h>
#include <stddef.h>

/* The default budget per second of time limit, in kilo-ticks: a plan
 * does ~1,000 a CPU-second on the 2-core project machine, and this lets it
 * end by its budget with half a core (two plans per core) and 30 % to spare (doc/determinism.md,
 * "Sizing the budget" and "Measured"). */
#define WORK_KTICKS_PER_SECOND 350
/* The same as text, for help messages. */
#define WORK_KTICKS_PER_SECOND_TEXT WORK_QUOTE_(WORK_KTICKS_PER_SECOND)
#define WORK_QUOTE_(n) WORK_QUOTE__(n)
#define WORK_QUOTE__(n) #n

struct work {
	long long used;  /* ticks charged so far */
	long long limit; /* the budget in ticks, > 0 */
};

/* A budget of `limit` ticks (<= 0: practically none), nothing used. */
void work_init(struct work *w, long long limit);

/* The default budget for a time limit: WORK_KTICKS_PER_SECOND per second. */
long long work_for_seconds(double seconds);

void work_charge(struct work *w, long long ticks);
long long work_left(const struct work *w);   /* >= 0 */
bool work_spent(const struct work *w);

/* The phases of plan_week that get a share of the budget. */
enum work_phase {
	WORK_COLGEN, /* column generation incl. link rows: until converged */
	WORK_MASTER, /* the restricted master MIP */
	WORK_FINAL,  /* branch-and-cut on the compact model, or neighbourhoods */
};

/* The budget phase p may use, given what w has left: column generation at
 * most 70 % of the whole budget, the master a third of what is left, the last
 * phase all of it. A phase returns what it does not use, so a phase that
 * converges early leaves more for the next. Never below 1 tick. */
long long work_share(const struct work *w, enum work_phase p);

/* A phase's own budget: `limit` ticks, nothing used; charge its use back
 * to the parent with work_charge(parent, sub.used). */
struct work work_sub(long long limit);

/* What the pieces of work cost, in ticks. */
long long work_simplex(long long iterations, size_t rows, size_t cols);
long long work_nodes(long long nodes, size_t rows, size_t cols);
long long work_cut_round(size_t rows, size_t cols, bool strong);
long long work_heuristic(long long steps);
long long work_heuristic_steps(long long ticks); /* the inverse */
long long work_pricing(long long patients, size_t groups);

/* How many simplex iterations fit in `ticks` on an LP of rows x cols (at
 * least 1; INT_MAX-safe). */
int work_iterations(long long ticks, size_t rows, size_t cols);

#endif

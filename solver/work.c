/* work.c -- the search's budget in deterministic work (see work.h). */
#include "work.h"

#include <limits.h>

/* One simplex iteration costs about one pass over the basis' rows and the
 * priced columns: a tick per 64 of them (a 650 x 3,000 master: ~57 ticks
 * an iteration). */
#define SIMPLEX_DIVISOR 64
/* A node adds its LP's set-up and bookkeeping: about as much as this many
 * iterations. */
#define NODE_ITERATIONS 10
/* A round of cut generation, per row and column of the LP: Gomory and MIR
 * separation ("strong") costs about nine times the clique cuts' pass. */
#define CUT_ROUND_STRONG 9
#define CUT_ROUND_CLIQUE 1
/* Heuristic steps per tick, and patient x group cells priced per tick:
 * fitted so each phase's ticks per CPU-second come out alike on M and L
 * clinics (doc/determinism.md, "Measured"). */
#define HEUR_STEPS_PER_TICK 300
#define PRICE_CELLS_PER_TICK 8

/* A budget beyond any run, for "no limit" (a week of solving at R). */
#define WORK_NONE (1LL << 50)

void work_init(struct work *w, long long limit)
{
	w->used = 0;
	w->limit = limit > 0 ? limit : WORK_NONE;
}

long long work_for_seconds(double seconds)
{
	double t = seconds * WORK_KTICKS_PER_SECOND * 1000.0;
	if (!(t >= 1))
		return 1;
	return t >= (double)WORK_NONE ? WORK_NONE : (long long)t;
}

void work_charge(struct work *w, long long ticks)
{
	if (ticks > 0)
		w->used += ticks;
}

long long work_left(const struct work *w)
{
	return w->used < w->limit ? w->limit - w->used : 0;
}

bool work_spent(const struct work *w)
{
	return w->used >= w->limit;
}

long long work_share(const struct work *w, enum work_phase p)
{
	long long left = work_left(w), share = left;
	switch (p) {
	case WORK_COLGEN:
		if (share > w->limit / 10 * 7)
			share = w->limit / 10 * 7;
		break;
	case WORK_MASTER:
		/* a third, not a fifth: probing and the enumerated master
		 * prove far sooner from the better roster a longer master
		 * search finds (m101 proven at the 10 s default budget) */
		share = left / 3;
		break;
	case WORK_FINAL:
		break;
	}
	/* a phase with nothing left stops at once, but never reads 0 as
	 * "no limit" */
	return share > 0 ? share : 1;
}

struct work work_sub(long long limit)
{
	struct work w;
	work_init(&w, limit > 0 ? limit : 1);
	return w;
}

static long long per_iteration(size_t rows, size_t cols)
{
	long long t = (long long)((rows + cols) / SIMPLEX_DIVISOR);
	return t > 0 ? t : 1;
}

long long work_simplex(long long iterations, size_t rows, size_t cols)
{
	return iterations > 0 ? iterations * per_iteration(rows, cols) : 0;
}

long long work_nodes(long long nodes, size_t rows, size_t cols)
{
	return work_simplex(nodes * NODE_ITERATIONS, rows, cols);
}

long long work_cut_round(size_t rows, size_t cols, bool strong)
{
	long long t = (long long)(rows + cols);
	return strong ? CUT_ROUND_STRONG * t : CUT_ROUND_CLIQUE * t;
}

long long work_heuristic(long long steps)
{
	return steps > 0 ? steps / HEUR_STEPS_PER_TICK : 0;
}

long long work_heuristic_steps(long long ticks)
{
	if (ticks <= 0)
		return 0;
	return ticks > LLONG_MAX / HEUR_STEPS_PER_TICK ? LLONG_MAX : ticks * HEUR_STEPS_PER_TICK;
}

long long work_pricing(long long patients, size_t groups)
{
	return patients > 0 ? patients * (long long)(groups + 1) / PRICE_CELLS_PER_TICK : 0;
}

int work_iterations(long long ticks, size_t rows, size_t cols)
{
	long long it = ticks / per_iteration(rows, cols);
	if (it < 1)
		return 1;
	return it > INT_MAX / 2 ? INT_MAX / 2 : (int)it;
}

/* rng.h -- splitmix64: a tiny seedable generator that gives the same
 * sequence on every platform (rand() differs between C libraries, and the
 * same seed must give the same clinic and the same simulation everywhere). */
#ifndef IOP_BASE_RNG_H
#define IOP_BASE_RNG_H

#include <stdint.h>
#include <stddef.h>

struct rng {
	uint64_t state;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A draw in 0..n-1 from the high 32 bits (multiply-shift); 0 when n is 0.
 * The synthetic-clinic generator's clinics are defined by this mapping. */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

/* A draw in 0..n-1 as the remainder of a whole draw; 0 when n is 0. The
 * simulation's admissions and orders are defined by this mapping. */
static inline size_t rng_mod(struct rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

/* A draw in [0, 1) with 53 random bits. */
static inline double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1p-53;
}

#endif

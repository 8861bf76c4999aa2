/* blocks.c -- the groups of a program run in 3-hour blocks, with program
 * phases (generate_options.billing).
 *
 * Payers bill an IOP day when the patient attends about 3 hours of services
 * that day, so each track's day is one block: two 90-minute groups back to
 * back (a patient who takes both has a billable day) or one 3-hour group.
 * Some second halves skip one of the block's days, and the 3-hour groups
 * meet on two days only: a patient then needs a third billable day from
 * another block, which makes billing a choice the roster has to make and
 * not a given. */
#include "synthetic.h"

#include <stdlib.h>

enum { HALF = 90, BLOCK = 180 }; /* minutes */
enum { MORNING, AFTERNOON, EVENING };

static const int block_start[] = { [MORNING] = HM(9, 0), [AFTERNOON] = HM(13, 0),
				   [EVENING] = HM(18, 0) };

/* Blocks cycle through the tracks so that even a small program offers
 * mornings and evenings. */
static const int track_pattern[] = { MORNING, EVENING, MORNING, AFTERNOON, EVENING };
#define N_TRACK_PATTERN (sizeof track_pattern / sizeof track_pattern[0])

/* Three days a week; evenings Monday to Thursday, when people who work
 * days can come. */
static const unsigned day_days[] = {
	MON | WED | FRI, MON | WED | THU, TUE | THU | FRI, MON | TUE | THU, TUE | WED | THU,
};
static const unsigned evening_days[] = {
	MON | WED | THU, MON | TUE | THU, TUE | WED | THU, MON | TUE | WED,
};
#define N_DAY_DAYS (sizeof day_days / sizeof day_days[0])
#define N_EVENING_DAYS (sizeof evening_days / sizeof evening_days[0])

#define WHOLE_BLOCK_SHARE 0.2  /* blocks held by one 3-hour group */
#define SHORT_HALF_SHARE 0.3   /* second halves that skip one of the days */
#define EARLY_SHARE 0.15       /* groups for the first weeks of the program */
#define LATER_SHARE 0.12       /* groups for people further along */
#define LATER_FROM 8           /* weeks since admission */
#define ORIENTATION_MIN 3      /* a week's admissions are a handful */
#define ORIENTATION_MAX 12

/* Where and when one group meets. */
struct position {
	int start, end;  /* minutes */
	unsigned days;
	int partner;     /* the other half of its block, or -1 */
};

static unsigned drop_one_day(struct rng *r, unsigned days)
{
	int on[7], n = 0;
	for (int d = 0; d < 7; d++)
		if (days & (1u << d))
			on[n++] = d;
	return days & ~(1u << on[rng_below(r, (uint32_t)n)]);
}

/* n positions, block by block; a last single position is a whole block. */
static void lay_out_blocks(struct rng *r, struct position *pos, int n)
{
	for (int j = 0, b = 0; j < n; b++) {
		int track = track_pattern[(size_t)b % N_TRACK_PATTERN];
		int start = block_start[track];
		unsigned days = track == EVENING ? evening_days[rng_below(r, N_EVENING_DAYS)]
						 : day_days[rng_below(r, N_DAY_DAYS)];
		bool whole = rng_chance(r, WHOLE_BLOCK_SHARE) || j == n - 1;
		if (whole) {
			pos[j] = (struct position){ start, start + BLOCK, drop_one_day(r, days), -1 };
			j++;
			continue;
		}
		unsigned second = rng_chance(r, SHORT_HALF_SHARE) ? drop_one_day(r, days) : days;
		pos[j] = (struct position){ start, start + HALF, days, j + 1 };
		pos[j + 1] = (struct position){ start + HALF, start + BLOCK, second, j };
		j += 2;
	}
}

/* type_at[j]: count[t] positions of each type t, in a random order in
 * which the two halves of a block differ where a swap can make them:
 * one group of each type per patient (rule 3), so two halves of one type
 * could never make a billable day together. */
static void deal_types(struct rng *r, const struct position *pos, int n,
		       const int count[N_TYPES], int *type_at)
{
	int j = 0;
	for (int t = 0; t < N_TYPES; t++)
		for (int i = 0; i < count[t]; i++)
			type_at[j++] = t;
	rng_shuffle(r, type_at, (size_t)n);
	for (j = 0; j < n; j++) {
		int p = pos[j].partner;
		if (p < j || type_at[p] != type_at[j])
			continue;
		int dup = type_at[j];
		for (int m = 0; m < n; m++) {
			int q = pos[m].partner;
			if (m == j || m == p || type_at[m] == dup || (q >= 0 && q != p && type_at[q] == dup))
				continue;
			type_at[p] = type_at[m];
			type_at[m] = dup;
			break;
		}
	}
}

/* Which education groups are orientations: about one per hundred
 * patients (a week's admissions, ten or so, fill one), at least one, and
 * at most half the education groups, so people past week 0 keep some (a
 * tiny program has none). Halves first: orientation then meets 90
 * minutes and leaves the other half of its block to a group of another
 * type, so a patient's first week can bill. */
static void choose_orientations(struct gen *g, struct rng *r, const struct position *pos,
				int n, const int *type_at, bool *orientation)
{
	int *halves = gen_calloc(g, (size_t)n, sizeof *halves);
	int *wholes = gen_calloc(g, (size_t)n, sizeof *wholes);
	if (g->oom)
		goto done;
	int n_halves = 0, n_wholes = 0;
	for (int j = 0; j < n; j++) {
		if (type_at[j] != T_EDUCATION)
			continue;
		if (pos[j].partner >= 0)
			halves[n_halves++] = j;
		else
			wholes[n_wholes++] = j;
	}
	int want = (g->opt->patients + 50) / 100;
	if (want < 1)
		want = 1;
	if (want > (n_halves + n_wholes) / 2)
		want = (n_halves + n_wholes) / 2;
	rng_shuffle(r, halves, (size_t)n_halves);
	rng_shuffle(r, wholes, (size_t)n_wholes);
	for (int i = 0; i < want; i++)
		orientation[i < n_halves ? halves[i] : wholes[i - n_halves]] = true;
done:
	free(halves);
	free(wholes);
}

/* Early groups take the first weeks, up to two past advanced_weeks so an
 * early group can still meet its advanced-members minimum. Where there is
 * an orientation, the other education groups start after it: a new
 * patient's education that week is the orientation. */
static void draw_phase(struct rng *r, const struct settings *settings, bool after_orientation,
		       struct group *gr)
{
	double u = rng_unit(r);
	if (u < EARLY_SHARE) {
		gr->has_weeks_to = true;
		gr->weeks_to = settings->advanced_weeks + 1;
	} else if (u < EARLY_SHARE + LATER_SHARE) {
		gr->weeks_from = LATER_FROM;
	}
	if (after_orientation && gr->weeks_from < 1)
		gr->weeks_from = 1;
}

static void make_orientation(struct gen *g, struct group *gr)
{
	const struct settings *settings = &g->c->settings;
	gr->has_weeks_to = true;
	gr->weeks_to = 0;
	gr->max_size = settings->max_size < ORIENTATION_MAX ? settings->max_size : ORIENTATION_MAX;
	gr->min_size = gr->max_size < ORIENTATION_MIN ? gr->max_size : ORIENTATION_MIN;
}

void synth_block_groups(struct gen *g, struct rng *r, const int count[N_TYPES])
{
	struct clinic *c = g->c;
	int n = (int)c->n_groups;
	struct position *pos = gen_calloc(g, (size_t)n, sizeof *pos);
	int *type_at = gen_calloc(g, (size_t)n, sizeof *type_at);
	bool *orientation = gen_calloc(g, (size_t)n, sizeof *orientation);
	if (g->oom)
		goto done;
	lay_out_blocks(r, pos, n);
	deal_types(r, pos, n, count, type_at);
	choose_orientations(g, r, pos, n, type_at, orientation);
	if (g->oom)
		goto done;
	bool any_orientation = false;
	for (int j = 0; j < n; j++)
		any_orientation |= orientation[j];

	size_t k = 0;
	for (int t = 0; t < N_TYPES; t++) {
		int width = id_width((size_t)count[t], 2);
		int i = 0, i_orientation = 0;
		for (int j = 0; j < n && !g->oom; j++) {
			if (type_at[j] != t)
				continue;
			struct group *gr = &c->groups[k];
			if (orientation[j])
				synth_group_id(g, k, t, "ori", i_orientation++, width);
			else
				synth_group_id(g, k, t, NULL, i++, width);
			struct slot tmp[8];
			size_t ns = schedule_slots(g, pos[j].days, pos[j].start, pos[j].end, NULL, tmp);
			gr->slots = slots_copy(g, tmp, ns);
			gr->n_slots = gr->slots ? ns : 0;
			gr->hours = (double)ns * (pos[j].end - pos[j].start) / 60.0;
			synth_group_sizes(g, r, gr);
			if (orientation[j])
				make_orientation(g, gr);
			else
				draw_phase(r, &c->settings, any_orientation && t == T_EDUCATION, gr);
			k++;
		}
	}
done:
	free(pos);
	free(type_at);
	free(orientation);
}

/* progress.c -- the generator's progress history: weekly scores for every
 * rated need before the week. */
#include "synthetic.h"

#include "data/base/grow.h"

struct progress_buf {
	struct progress_record *items;
	size_t n, cap;
};

static void progress_push(struct gen *g, struct progress_buf *b, int patient, int type,
			  day_t date, int score)
{
	if (!GROW(b->items, b->n + 1, b->cap)) {
		g->oom = true;
		return;
	}
	b->items[b->n] = (struct progress_record){
		.patient = patient, .type = type, .date = date, .score = score,
		.line = (long)b->n + 2,
	};
	b->n++;
}

/* Scores on Fridays: low for severe needs, rising at each patient's own
 * pace, some past mastery. */
void synth_progress(struct gen *g)
{
	struct clinic *c = g->c;
	struct rng r = synth_stream(g->opt, STREAM_PROGRESS);
	struct progress_buf b = { 0 };
	int h = g->opt->history_weeks;
	for (size_t i = 0; i < c->n_patients && !g->oom; i++) {
		const struct patient *p = &c->patients[i];
		for (int t = 0; t < N_TYPES; t++) {
			if (p->need[t] == 0)
				continue;
			double start = 60 - 12 * p->need[t] + rng_between(&r, -8, 8);
			double gain = c->settings.progress_rate * rng_between(&r, 0.2, 0.7);
			int last = -1;
			for (int k = h; k >= 1; k--) {
				day_t date = g->opt->week - 7 * k + 4;
				double weeks = (date - p->admitted) / 7.0;
				if (weeks < 0.5 || rng_chance(&r, 0.15))
					continue;
				int score = clamp_int((int)(start + gain * weeks + rng_between(&r, -3, 3)), 0, 100);
				if (score < last)
					score = last;
				last = score;
				progress_push(g, &b, (int)i, t, date, score);
			}
		}
	}
	c->progress = b.items;
	c->n_progress = b.n;
}

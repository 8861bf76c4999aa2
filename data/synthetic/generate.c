/* generate.c -- the generator's entry points and the order of its parts
 * (see generate.h), plus the helpers every part uses. */
#include "synthetic.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct rng synth_stream(const struct generate_options *opt, enum stream part)
{
	struct rng r = { opt->seed };
	uint64_t a = rng_next(&r);
	r.state = a ^ ((uint64_t)opt->patients * 0x632be59bd9b4e019u) ^ ((uint64_t)part << 48);
	rng_next(&r);
	return r;
}

void rng_shuffle(struct rng *r, int *a, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, (uint32_t)i);
		int t = a[i - 1];
		a[i - 1] = a[j];
		a[j] = t;
	}
}

char *gen_strdup(struct gen *g, const char *s)
{
	char *d = strdup(s);
	if (!d)
		g->oom = true;
	return d;
}

void *gen_calloc(struct gen *g, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		g->oom = true;
	return p;
}

int id_width(size_t n, int least)
{
	int d = 1;
	while (n >= 10 && d < 12) {
		n /= 10;
		d++;
	}
	return d < least ? least : d;
}

size_t schedule_slots(struct gen *g, unsigned days, int start, int end,
		      const char *label, struct slot *out)
{
	size_t n = 0;
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		out[n] = (struct slot){ .timed = true, .day = d, .start = start, .end = end };
		n++;
	}
	if (label) {
		out[n] = (struct slot){ .timed = false, .label = gen_strdup(g, label) };
		n++;
	}
	return n;
}

struct slot *slots_copy(struct gen *g, const struct slot *tmp, size_t n)
{
	struct slot *s = gen_calloc(g, n, sizeof *s);
	if (s)
		memcpy(s, tmp, n * sizeof *s);
	else
		for (size_t i = 0; i < n; i++)
			free(tmp[i].label);
	return s;
}

void generate_options_init(struct generate_options *opt)
{
	*opt = (struct generate_options){
		.patients = 60, .seed = 1, .week = DAY_NONE, .history_weeks = 4,
		.with_names = false, .billing = false,
	};
}

bool generate_size_named(const char *name, int *patients)
{
	static const struct { const char *name; int patients; } sizes[] = {
		{ "tiny", 12 }, { "S", 60 }, { "M", 200 }, { "L", 1000 }, { "XL", 5000 },
	};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (name && !strcasecmp(name, sizes[i].name)) {
			*patients = sizes[i].patients;
			return true;
		}
	return false;
}

/* The clinic's own records, with the id lookups a loaded clinic has; the
 * previous roster, separations and pins follow from these. */
static void make_clinic(struct gen *g)
{
	struct clinic *c = g->c;
	settings_init(&c->settings);
	/* A dozen patients cannot fill groups of eight: a tiny clinic runs
	 * small groups (and shows settings.csv at work). */
	if (g->opt->patients < 30) {
		c->settings.min_size = 4;
		c->settings.max_size = 10;
	}
	/* The payers' rule as the contract's defaults read it: 3 days of at
	 * least billable_day_hours (3), each week worth w_billable (15). */
	if (g->opt->billing)
		c->settings.billable_days = 3;
	synth_types(g);
	if (!g->oom)
		synth_groups(g);
	if (!g->oom)
		synth_patients(g);
	if (!g->oom && g->opt->with_names)
		synth_names(g);
	if (!g->oom)
		synth_progress(g);
	if (!g->oom && (!clinic_index_patients(c) || !clinic_index_groups(c)))
		g->oom = true;
}

enum status generate_clinic(const struct generate_options *opt,
			    struct clinic *out, struct roster *previous,
			    struct diag_list *diag)
{
	memset(out, 0, sizeof *out);
	if (previous)
		memset(previous, 0, sizeof *previous);
	if (opt->patients < 1 || opt->patients > 1000000) {
		diag_error(diag, NULL, 0, 0, NULL, "patients '%d' is not in 1..1000000", opt->patients);
		return STATUS_USAGE;
	}
	if (opt->week == DAY_NONE || !date_is_monday(opt->week)) {
		diag_error(diag, NULL, 0, 0, NULL, "the week must be a monday");
		return STATUS_USAGE;
	}

	struct generate_options o = *opt;
	if (o.history_weeks < 0)
		o.history_weeks = 0;
	struct gen g = { .opt = &o, .c = out };
	struct roster prev = { 0 };
	struct week last_week = { 0 }, week = { 0 };
	enum status st = STATUS_OK;

	make_clinic(&g);
	if (g.oom)
		goto fail;
	/* Both weeks are resolved exactly as the rule checker will. */
	st = week_resolve(out, o.week - 7, NULL, NULL, &last_week, diag);
	if (st != STATUS_OK)
		goto fail;
	synth_previous_roster(&g, &last_week, &prev);
	if (g.oom)
		goto fail;
	st = week_resolve(out, o.week, NULL, NULL, &week, diag);
	if (st != STATUS_OK)
		goto fail;
	synth_separations_and_pins(&g, &week, &prev);
	if (g.oom)
		goto fail;

	week_release(&last_week);
	week_release(&week);
	if (previous)
		*previous = prev;
	else
		roster_release(&prev);
	return STATUS_OK;

fail:
	if (st == STATUS_OK) {
		st = STATUS_NO_MEMORY;
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
	}
	week_release(&last_week);
	week_release(&week);
	roster_release(&prev);
	clinic_release(out);
	return st;
}

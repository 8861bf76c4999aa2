/* simulate.c -- `iop-roster simulate`: plan the weeks ahead and write each
 * simulated week as a clinic folder, with metrics.csv and an HTML page. */
#include <errno.h>
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "context.h"
#include "metrics_csv.h"
#include "options.h"
#include "sim_rates.h"
#include "sim_report.h"
#include "sim_spread.h"
#include "data/admissions.h"
#include "data/atomic_file.h"
#include "data/clinic_write.h"
#include "data/csv_out.h"
#include "data/waitlist.h"
#include "data/base/strbuf.h"
#include "data/date.h"
#include "data/roster_csv.h"
#include "data/week_files.h"
#include "solver/rules.h"
#include "solver/simulate.h"
#include "solver/work.h"
#include "data/base/path.h"
#include "data/base/clock.h"

static const struct cli_command command = {
	.name = "simulate",
	.synopsis = "CLINIC [OPTIONS]",
	.about =
	"Plans week after week from --from. Each week: patients past their planned\n"
	"discharge leave, and open-ended patients who mastered every need the groups\n"
	"can treat complete once they have stayed --min-stay days; admissions arrive;\n"
	"each (patient, type) in a group gains settings progress_rate points, dated the\n"
	"next Monday; mastered types drop out; last week's roster is the continuity\n"
	"input, so the score's keep term holds churn down.\n"
	"\n"
	"Writes DIR/YYYY-MM-DD/ for each simulated Monday: the clinic folder as a\n"
	"director would have it that morning, with that week's roster in rosters/\n"
	"(and the week before's, so `check` and `plan` see the same continuity);\n"
	"DIR/metrics.csv, one row a week; and DIR/report.html. Nothing is written\n"
	"unless every week could be planned.\n"
	"\n"
	"Settings no_show_rate and dropout_rate (fractions, default 0) draw who\n"
	"misses each week (no progress, not billed) and who drops out, seeded by\n"
	"--seed; a rate neither settings.csv nor --set names is measured from the\n"
	"clinic's recorded attendance of the weeks before --from (see the README).\n"
	"With CLINIC/waitlist.csv, arrivals join the waiting list and start\n"
	"when a seat is free without moving anyone (first come, or by need with\n"
	"waitlist_by_need 1); metrics.csv then counts starts, waiting days and who\n"
	"is still waiting.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "written" }, { EXIT_USAGE, NULL },
		{ EXIT_DATA, "bad or contradictory data (some week's hard rules contradict)" },
		{ EXIT_NO_INPUT, NULL }, { EXIT_INTERNAL, NULL }, { EXIT_OS, NULL },
		{ EXIT_CANT_CREATE, NULL }, { EXIT_IO, NULL },
		{ EXIT_BUSY, "the clinic is locked by another run or the run was interrupted "
			     "(nothing written)" },
		{ -1, NULL },
	},
	.operands_min = 1,
	.operands_max = 1,
	.missing = { "missing CLINIC folder" },
	.too_many = "one CLINIC folder expected",
};

/* Who missed a simulated week, one row each: week,patient (ids only). */
#define NO_SHOWS_FILE "no-shows.csv"

static bool parse_count(const char *text, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (end == text || *end != '\0' || errno != 0 || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static int parse_weeks(const char *cmd, const char *arg, void *value)
{
	long v;
	if (!parse_count(arg, 1, 520, &v))
		return cli_usage_error(cmd, "--weeks '%s' is not a number of weeks 1..520", arg);
	*(int *)value = (int)v;
	return 0;
}

static int parse_seed(const char *cmd, const char *arg, void *value)
{
	long v;
	if (!parse_count(arg, 0, 2147483647L, &v))
		return cli_usage_error(cmd, "--seed '%s' is not a whole number >= 0", arg);
	*(uint64_t *)value = (uint64_t)v;
	return 0;
}

/* At most this many seeds in one run: a spread, not a sweep. */
#define MAX_SEEDS 100

struct seed_range { long first, last; bool given; };

static int parse_seeds(const char *cmd, const char *arg, void *value)
{
	struct seed_range *r = value;
	char first[32];
	const char *dash = strchr(arg, '-');
	size_t len = dash ? (size_t)(dash - arg) : strlen(arg);
	if (len >= sizeof first)
		len = sizeof first - 1;
	memcpy(first, arg, len);
	first[len] = '\0';
	if (!parse_count(first, 0, 2147483647L, &r->first) ||
	    !parse_count(dash ? dash + 1 : first, 0, 2147483647L, &r->last) ||
	    r->last < r->first || r->last - r->first >= MAX_SEEDS)
		return cli_usage_error(cmd, "--seeds '%s' is not a range of seeds like 1-10 "
				       "(at most %d)", arg, MAX_SEEDS);
	r->given = true;
	return 0;
}

static int parse_min_stay(const char *cmd, const char *arg, void *value)
{
	long v;
	if (!parse_count(arg, 0, 36500, &v))
		return cli_usage_error(cmd, "--min-stay '%s' is not a number of days", arg);
	*(int *)value = (int)v;
	return 0;
}

/* The whole file, for copying the clinic's own previous roster verbatim. */
static enum status read_bytes(const char *path, struct strbuf *out, struct diag_list *diag)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_error(diag, path, 0, 0, NULL, "open: %s", strerror(errno));
		return STATUS_IO;
	}
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_append(out, buf, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		diag_error(diag, path, 0, 0, NULL, "read failed");
		return STATUS_IO;
	}
	return out->failed ? STATUS_NO_MEMORY : STATUS_OK;
}

static enum status unlink_if_there(const char *folder, const char *name, struct diag_list *diag)
{
	char *p = path_join(folder, name);
	if (!p)
		return STATUS_NO_MEMORY;
	enum status st = STATUS_OK;
	if (unlink(p) != 0 && errno != ENOENT) {
		diag_error(diag, p, 0, 0, NULL, "unlink: %s", strerror(errno));
		st = STATUS_IO;
	}
	free(p);
	return st;
}

/* A re-run into the same folder must leave exactly this run's week: the
 * optional files clinic_write leaves out when empty, and roster files of
 * other weeks (which `check` would take as the previous roster), are
 * removed. Only names the tool itself writes are touched. keep_a is this
 * week's YYYY-MM-DD.csv, keep_b the week before's roster file or NULL. */
static enum status remove_stale(const char *folder, const struct clinic *view,
				bool with_waitlist, bool with_no_shows,
				const char *keep_a, const char *keep_b, struct diag_list *diag)
{
	struct settings defaults;
	settings_init(&defaults);
	static const char *const names[] = { "progress.csv", "separations.csv", "pins.csv",
					     "settings.csv", WAITLIST_FILE, NO_SHOWS_FILE };
	const bool present[] = { view->n_progress > 0, view->n_separations > 0, view->n_pins > 0,
				 !settings_equal(&view->settings, &defaults), with_waitlist,
				 with_no_shows };
	enum status st = STATUS_OK;
	for (size_t i = 0; i < sizeof names / sizeof names[0] && st == STATUS_OK; i++)
		if (!present[i])
			st = unlink_if_there(folder, names[i], diag);
	char *dir = path_join(folder, "rosters");
	if (!dir)
		return STATUS_NO_MEMORY;
	DIR *d = st == STATUS_OK ? opendir(dir) : NULL;
	for (struct dirent *e; d && st == STATUS_OK && (e = readdir(d));) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		char day[11];
		day_t date;
		if (len < 14)
			continue;
		memcpy(day, n, 10);
		day[10] = '\0';
		if (!date_parse(day, &date) ||
		    (strcmp(n + 10, ".csv") != 0 && strcmp(n + 10, ".unmet.csv") != 0))
			continue;
		/* This week's own files are replaced, not removed. */
		if (!strncmp(n, keep_a, 10) || (keep_b && !strcmp(n, keep_b)))
			continue;
		st = unlink_if_there(dir, n, diag);
	}
	if (d)
		closedir(d);
	free(dir);
	return st;
}

struct run {
	const char *out_dir;
	const char *previous_path;   /* copied into the first week's rosters/ */
	char previous_as[16];        /* its name there; "" = its own name */
	struct strbuf previous_bytes;
	mode_t mode;
	const char *rates_note;      /* where the rates came from, NULL: settings */
};

/* The week folder's own waitlist.csv (those waiting that Monday) and
 * no-shows.csv, each only while its feature is on. Written before the
 * roster, whose rename marks the week complete. */
static enum status write_week_extras(const struct simulation *s, size_t k, const char *folder,
				     const struct clinic *view, mode_t mode,
				     struct diag_list *diag)
{
	const struct sim_week *sw = &s->weeks[k];
	struct strbuf wl = STRBUF_INIT, ns = STRBUF_INIT;
	struct pending_file files[2];
	size_t n = 0;
	char *wl_path = NULL, *ns_path = NULL;
	struct patient *people = NULL;
	enum status st = STATUS_OK;
	if (s->opt.use_waitlist) {
		people = calloc(s->n_waiting ? s->n_waiting : 1, sizeof *people);
		size_t m = 0;
		for (size_t i = 0; people && i < s->n_waiting; i++)
			if (simulation_waiting_in(s, i, k))
				people[m++] = s->waiting[i].p; /* shallow: only read */
		if (people)
			clinic_format_waitlist(view, people, m, &wl);
		wl_path = path_join(folder, WAITLIST_FILE);
		files[n++] = (struct pending_file){ wl_path, wl.data, wl.len };
		if (!people || !wl_path || wl.failed)
			st = STATUS_NO_MEMORY;
	}
	if (st == STATUS_OK && s->clinic.settings.no_show_rate > 0) {
		static const char *const head[] = { "week", "patient" };
		char day[11];
		date_format(sw->monday, day);
		csv_out_row(&ns, head, 2);
		for (size_t i = 0; i < sw->n_absent; i++) {
			const char *row[] = { day, s->clinic.patients[sw->absent[i]].id };
			csv_out_row(&ns, row, 2);
		}
		ns_path = path_join(folder, NO_SHOWS_FILE);
		files[n++] = (struct pending_file){ ns_path, ns.data, ns.len };
		if (!ns_path || ns.failed)
			st = STATUS_NO_MEMORY;
	}
	if (st == STATUS_OK && n > 0)
		st = atomic_write_files(files, n, mode, diag);
	free(people);
	free(wl_path);
	free(ns_path);
	strbuf_release(&wl);
	strbuf_release(&ns);
	return st;
}

/* Writes week k's folder. *prev_bytes holds the roster file of the week
 * before (written again beside this week's) and receives this week's. */
static enum status write_week(const struct simulation *s, size_t k, const struct run *run,
			      struct strbuf *prev_bytes, char *prev_name, struct diag_list *diag)
{
	const struct sim_week *sw = &s->weeks[k];
	char day[11];
	date_format(sw->monday, day);
	struct clinic view;
	struct patient *pts = NULL;
	struct week w;
	memset(&w, 0, sizeof w);
	struct strbuf roster_bytes = STRBUF_INIT, unmet_bytes = STRBUF_INIT;
	char *folder = path_join(run->out_dir, day);
	struct week_files wf = { 0 };
	char *prev_path = NULL;
	enum status st = STATUS_OK;
	if (!folder || !simulation_week_clinic(s, k, &view, &pts)) {
		st = STATUS_NO_MEMORY;
		goto done;
	}
	char mine[32], theirs[32];
	snprintf(mine, sizeof mine, "%s.csv", day);
	snprintf(theirs, sizeof theirs, "%s", prev_name);
	st = remove_stale(folder, &view, s->opt.use_waitlist, s->clinic.settings.no_show_rate > 0,
			  mine, theirs[0] ? theirs : NULL, diag);
	if (st == STATUS_OK)
		st = clinic_write(folder, &view, NULL, 0, run->mode, diag);
	if (st == STATUS_OK)
		st = write_week_extras(s, k, folder, &view, run->mode, diag);
	if (st != STATUS_OK)
		goto done;

	/* Resolved from the written view exactly as `check` will resolve the
	 * folder: the roster is checked here before it is written. */
	st = week_resolve(&view, sw->monday, simulation_previous_roster(s, k), NULL, &w, diag);
	if (st != STATUS_OK)
		goto done;
	struct diag_list broken = DIAG_LIST_INIT;
	size_t n_broken = rules_check(&w, &sw->roster, NULL, &broken);
	if (n_broken) {
		for (size_t i = 0; i < broken.n; i++)
			diag_add(diag, DIAG_ERROR, broken.items[i].file, broken.items[i].line, 0,
				 NULL, "%s", broken.items[i].message);
		diag_error(diag, NULL, 0, 0, NULL,
			   "internal error: the simulated roster of %s breaks a hard rule", day);
		diag_list_release(&broken);
		st = STATUS_INTERNAL;
		goto done;
	}
	diag_list_release(&broken);
	roster_csv_format(&w, &sw->roster, &roster_bytes);
	unmet_csv_format(&w, &sw->unmet, &unmet_bytes);
	if (roster_bytes.failed || unmet_bytes.failed) {
		st = STATUS_NO_MEMORY;
		goto done;
	}

	if ((st = week_files_init(&wf, folder, sw->monday, NULL, NULL)) != STATUS_OK)
		goto done;
	struct pending_file previous = { 0 };
	size_t n_previous = 0;
	if (prev_name[0]) {
		char name[64];
		snprintf(name, sizeof name, "rosters/%s", prev_name);
		if (!(prev_path = path_join(folder, name))) {
			st = STATUS_NO_MEMORY;
			goto done;
		}
		previous = (struct pending_file){ prev_path, prev_bytes->data, prev_bytes->len };
		n_previous = 1;
	}
	/* The week before's roster is part of this week's set (check reads it
	 * for continuity), so it is written with it, and this week's roster,
	 * renamed last, still marks the set complete. */
	struct week_output wout = { &roster_bytes, &unmet_bytes, NULL, &previous, n_previous,
				    NULL };
	st = week_files_write(&wf, &wout, run->mode, diag);
	if (st == STATUS_OK) {
		/* Next week's previous roster is this one, byte for byte. */
		strbuf_release(prev_bytes);
		*prev_bytes = roster_bytes;
		strbuf_init(&roster_bytes);
		snprintf(prev_name, 32, "%s.csv", day);
	}
done:
	if (st == STATUS_NO_MEMORY)
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
	week_release(&w);
	free(pts);
	free(folder);
	week_files_release(&wf);
	free(prev_path);
	strbuf_release(&roster_bytes);
	strbuf_release(&unmet_bytes);
	return st;
}

static enum status write_all(const struct simulation *s, struct run *run, const char *title,
			     struct diag_list *diag)
{
	if (mkdir(run->out_dir, 0700) != 0 && errno != EEXIST) {
		diag_error(diag, run->out_dir, 0, 0, NULL, "mkdir: %s", strerror(errno));
		return errno == ENOENT || errno == EACCES || errno == EROFS ? STATUS_CANT_CREATE
									 : STATUS_IO;
	}
	struct strbuf prev = STRBUF_INIT;
	char prev_name[32] = "";
	if (run->previous_path) {
		const char *base = strrchr(run->previous_path, '/');
		base = base ? base + 1 : run->previous_path;
		snprintf(prev_name, sizeof prev_name, "%s", run->previous_as[0] ? run->previous_as : base);
		strbuf_append(&prev, run->previous_bytes.data,
			      run->previous_bytes.len);
	}
	enum status st = STATUS_OK;
	for (size_t k = 0; k < s->n_weeks && st == STATUS_OK; k++)
		st = write_week(s, k, run, &prev, prev_name, diag);
	strbuf_release(&prev);
	if (st != STATUS_OK)
		return st;

	struct strbuf metrics = STRBUF_INIT, html = STRBUF_INIT;
	metrics_csv_format(s, &metrics);
	sim_report_html(s, title, run->rates_note, &html);
	char *mpath = path_join(run->out_dir, "metrics.csv");
	char *hpath = path_join(run->out_dir, "report.html");
	if (metrics.failed || html.failed || !mpath || !hpath) {
		diag_error(diag, NULL, 0, 0, NULL, "out of memory");
		st = STATUS_NO_MEMORY;
	} else {
		struct pending_file files[] = {
			{ mpath, metrics.data, metrics.len },
			{ hpath, html.data, html.len },
		};
		st = atomic_write_files(files, 2, run->mode, diag);
	}
	free(mpath);
	free(hpath);
	strbuf_release(&metrics);
	strbuf_release(&html);
	return st;
}

static void print_week(const struct simulation *s, size_t k)
{
	const struct sim_metrics *m = &s->weeks[k].m;
	char day[11];
	date_format(s->weeks[k].monday, day);
	printf("%s %6d %5d %5d %6d/%-6d %6d %5d %6d %5d %5d %10.2f\n", day, m->active,
	       m->admitted, m->discharged, m->met, m->needs, m->running, m->joined, m->left,
	       m->moved, m->kept, m->score.total);
}

static void print_summary(const struct simulation *s, const char *out_dir, double seconds)
{
	long kept = 0, moved = 0;
	for (size_t k = 0; k < s->n_weeks; k++) {
		kept += s->weeks[k].m.kept;
		moved += s->weeks[k].m.moved;
	}
	if (kept + moved > 0)
		printf("continuity: %ld of %ld placements staying in a type kept their group (%.0f%%)\n",
		       kept, kept + moved, 100.0 * (double)kept / (double)(kept + moved));
	size_t proven = 0;
	for (size_t k = 0; k < s->n_weeks; k++)
		proven += s->weeks[k].optimal;
	printf("%zu week%s simulated in %.1f s (%zu proven within the gap)\n", s->n_weeks,
	       s->n_weeks == 1 ? "" : "s", seconds, proven);
	printf("wrote %s/metrics.csv, %s/report.html and %zu week folders\n", out_dir, out_dir,
	       s->n_weeks);
}

/* What the command line asked for. */
struct sim_request {
	struct cli_args args;
	struct sim_options sopt;     /* first, weeks, seed, gap, min_stay */
	const char *admissions, *out, *previous;
	bool no_admissions, no_previous;
	double per_week;
	struct seed_range seeds;
	struct strbuf rates;         /* what sim_rates_choose said (--seeds: the first run's) */
	bool rates_chosen;
};

/* Returns true to go on; false when the command is done with *ret. */
static bool parse_request(int argc, char **argv, struct sim_request *rq, int *ret)
{
	memset(rq, 0, sizeof *rq);
	rq->rates = (struct strbuf)STRBUF_INIT;
	sim_options_init(&rq->sopt);
	/* No --seed can give this (they stop at 2^31 - 1): tells "--seed 1"
	 * from no --seed at all. */
	rq->sopt.seed = UINT64_MAX;
	rq->per_week = 3;
	struct sim_options *sopt = &rq->sopt;
	const struct cli_option options[] = {
		{ 'f', "from", CLI_WEEK, NULL, "YYYY-MM-DD",
		  "first Monday (default: the Monday on or after today)", NULL },
		CLI_OPT_CALLBACK('n', "weeks", &sopt->weeks, "N",
				 "weeks to simulate, 1..520 (default 12)", parse_weeks),
		CLI_OPT_STRING('a', "admissions", &rq->admissions, "FILE",
			       "expected admissions: rows like patients.csv, each\n"
			       "arriving in the week of its admitted date\n"
			       "(default: a weekly count drawn from the admissions\n"
			       "per week in patients.csv, new patients copied from\n"
			       "random existing ones, ids sim-0001, ...)"),
		CLI_OPT_FLAG(0, "no-admissions", &rq->no_admissions,
			     "nobody arrives but those already in patients.csv"),
		CLI_OPT_CALLBACK(0, "seed", &sopt->seed, "N",
				 "seed of the drawn admissions, dropouts and no-shows\n"
				 "(default 1)", parse_seed),
		CLI_OPT_CALLBACK(0, "seeds", &rq->seeds, "A-B",
				 "run every seed from A to B (at most 100): each run\n"
				 "in DIR/seed-N/, the spread of their figures (median,\n"
				 "min, max) on stdout, in DIR/spread.csv and on\n"
				 "DIR/report.html",
				 parse_seeds),
		CLI_OPT_STRING('o', "out", &rq->out, "DIR",
			       "output folder (default: CLINIC/simulation)"),
		CLI_OPT_SECONDS('t', "time-limit-per-week", &rq->per_week,
				"solving time per week (default 3, never more than\n"
				"settings time_limit)"),
		CLI_OPT_WORK("each week's search budget in counted work, the same on\n"
			     "every machine (default: settings work, else "
			     WORK_KTICKS_PER_SECOND_TEXT " per\n"
			     "second of the per-week time)"),
		CLI_OPT_FRACTION('g', "gap", &sopt->gap,
				 "stop each week once proven within this gap (default 0)"),
		CLI_OPT_CALLBACK(0, "min-stay", &sopt->min_stay, "DAYS",
				 "days before an open-ended patient may complete (default 90)",
				 parse_min_stay),
		CLI_OPT_STRING('p', "previous", &rq->previous, "FILE",
			       "the roster before the first week (default: the\n"
			       "clinic's newest rosters/YYYY-MM-DD.csv before it)"),
		CLI_OPT_FLAG(0, "no-previous", &rq->no_previous, "start without a previous roster"),
		CLI_OPT_SET("override one setting of settings.csv (repeatable)"),
		CLI_OPT_VERBOSE,
		CLI_OPT_QUIET("print nothing on success"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args *a = &rq->args;
	if (!cli_parse(&command, options, argc, argv, a)) {
		*ret = a->exit_code;
		return false;
	}
	if (rq->previous && rq->no_previous)
		*ret = cli_usage_error("simulate", "--previous and --no-previous exclude each other");
	else if (rq->seeds.given && sopt->seed != UINT64_MAX)
		*ret = cli_usage_error("simulate", "--seed and --seeds exclude each other");
	else if (rq->admissions && rq->no_admissions)
		*ret = cli_usage_error("simulate", "--admissions and --no-admissions exclude each other");
	else
		*ret = 0;
	if (*ret != 0) {
		cli_args_release(a);
		return false;
	}
	if (sopt->seed == UINT64_MAX)
		sopt->seed = 1;
	sopt->first = a->have_week ? a->week : context_default_week();
	return true;
}

/* What the simulation reads besides the clinic and its previous roster:
 * that roster's bytes, copied into the first week's folder, and the
 * admissions file. Then each week's share of the time. */
static enum status load_inputs(struct sim_request *rq, struct context *ctx, struct run *run,
			       struct admission_list *admissions, struct waitlist *waitlist)
{
	struct sim_options *sopt = &rq->sopt;
	enum status st = waitlist_load(rq->args.operands[0], &ctx->clinic, waitlist,
				       &sopt->use_waitlist, &ctx->diag);
	sopt->waitlist = waitlist->people.items;
	sopt->n_waitlist = waitlist->people.n;
	if (rq->previous) {
		/* a file of any name: the first week's folder holds it under the
		 * name plan looks for, the Monday before */
		date_format(sopt->first - 7, run->previous_as);
		strcat(run->previous_as, ".csv");
	}
	if (st == STATUS_OK) {
		st = sim_rates_choose(ctx, rq->args.operands[0], rq->args.overrides, sopt->first,
				      rq->rates_chosen ? NULL : &rq->rates);
		if (!rq->rates_chosen && !ctx->quiet && rq->rates.len)
			fputs(rq->rates.data, stdout);
		rq->rates_chosen = true;
		if (rq->rates.failed)
			st = STATUS_NO_MEMORY;
	}
	if (st == STATUS_OK && ctx->previous_path)
		st = read_bytes(ctx->previous_path, &run->previous_bytes, &ctx->diag);
	if (st == STATUS_OK && rq->admissions) {
		st = admissions_load(rq->admissions, &ctx->clinic, admissions, &ctx->diag);
		sopt->source = SIM_ADMIT_LIST;
		sopt->admissions = admissions->items;
		sopt->n_admissions = admissions->n;
	} else if (!rq->no_admissions) {
		sopt->source = SIM_ADMIT_HISTORY;
	}
	context_report(ctx);
	/* A week's share of the run's time, never more than the clinic's own
	 * limit for a whole plan. */
	double limit = ctx->clinic.settings.time_limit;
	sopt->time_limit = rq->per_week < limit ? rq->per_week : limit;
	if (sopt->time_limit < 0.05)
		sopt->time_limit = 0.05;
	sopt->work = ctx->clinic.settings.work;
	return st;
}

/* The report's title: the clinic folder's last name. */
static void folder_title(const char *folder, char *title, size_t size)
{
	const char *base = folder;
	size_t len = strlen(folder);
	while (len > 1 && folder[len - 1] == '/')
		len--;
	for (size_t i = 0; i < len; i++)
		if (folder[i] == '/' && i + 1 < len)
			base = folder + i + 1;
	snprintf(title, size, "%.*s", (int)(len - (size_t)(base - folder)), base);
}

/* Plans the weeks one by one, a line for each unless quiet. Says why when
 * one fails. */
static enum status run_weeks(struct simulation *sim, struct context *ctx,
			     const struct sim_options *sopt, bool lines)
{
	enum status st = simulation_init(sim, &ctx->clinic,
					 ctx->previous_path ? &ctx->previous : NULL, sopt, &ctx->diag);
	context_report(ctx);
	if (st != STATUS_OK)
		return st;
	if (lines)
		printf("week       active   adm   dis      met/needs groups joins leaves moves  kept      score\n");
	while (sim->n_weeks < (size_t)sopt->weeks) {
		st = simulation_step(sim, &ctx->diag);
		context_report(ctx);
		if (st != STATUS_OK)
			break;
		if (lines)
			print_week(sim, sim->n_weeks - 1);
		fflush(stdout);
	}
	if (st == STATUS_INTERRUPTED)
		cli_error("interrupted; nothing was written");
	else if (st != STATUS_OK)
		cli_error("the simulation stopped; nothing was written");
	return st;
}

/* --seeds: the same simulation under each seed; every run is planned
 * before anything is written. Seeds after the first read the clinic again
 * (read-only: the first context holds the lock). */
static enum status run_seeds(struct sim_request *rq, struct context *ctx,
			     const struct context_options *copt, struct run *run,
			     const char *title)
{
	size_t n = (size_t)(rq->seeds.last - rq->seeds.first + 1);
	struct simulation *sims = calloc(n, sizeof *sims);
	struct sim_figures *figs = calloc(n, sizeof *figs);
	char *out_dir = rq->out ? strdup(rq->out) : path_join(copt->folder, "simulation");
	enum status st = sims && figs && out_dir ? STATUS_OK : STATUS_NO_MEMORY;
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		struct context again;
		struct context_options ro = *copt;
		ro.lock_for = NULL;
		struct context *c = ctx;
		struct admission_list admissions = { 0 };
		struct waitlist waitlist = { 0 };
		struct run scratch = { .previous_bytes = STRBUF_INIT };
		if (i > 0) {
			c = &again;
			st = context_open(c, &ro);
			if (st == STATUS_OK)
				st = load_inputs(rq, c, &scratch, &admissions, &waitlist);
		}
		rq->sopt.seed = (uint64_t)rq->seeds.first + i;
		if (st == STATUS_OK)
			st = run_weeks(&sims[i], c, &rq->sopt, false);
		if (st == STATUS_OK)
			sim_figures_of(&sims[i], &figs[i]);
		if (i > 0)
			context_release(c);
		admission_list_release(&admissions);
		waitlist_release(&waitlist);
		strbuf_release(&scratch.previous_bytes);
	}
	if (st == STATUS_OK && mkdir(out_dir, 0700) != 0 && errno != EEXIST) {
		diag_error(&ctx->diag, out_dir, 0, 0, NULL, "mkdir: %s", strerror(errno));
		st = errno == ENOENT || errno == EACCES || errno == EROFS ? STATUS_CANT_CREATE
									 : STATUS_IO;
	}
	run->previous_path = ctx->previous_path;
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		char name[32];
		snprintf(name, sizeof name, "seed-%ld", rq->seeds.first + (long)i);
		char *dir = path_join(out_dir, name);
		run->out_dir = dir;
		st = dir ? write_all(&sims[i], run, title, &ctx->diag) : STATUS_NO_MEMORY;
		free(dir);
	}
	bool shown[FIG_COUNT];
	if (n)
		sim_figures_shown(&sims[0], shown);
	if (st == STATUS_OK) {
		struct strbuf csv = STRBUF_INIT, html = STRBUF_INIT;
		sim_spread_csv(figs, n, shown, &csv);
		sim_spread_html(figs, n, shown, title, rq->sopt.weeks, &html);
		char *path = path_join(out_dir, "spread.csv");
		char *page = path_join(out_dir, "report.html");
		if (csv.failed || html.failed || !path || !page) {
			st = STATUS_NO_MEMORY;
		} else {
			struct pending_file files[] = {
				{ path, csv.data, csv.len }, { page, html.data, html.len },
			};
			st = atomic_write_files(files, 2, run->mode, &ctx->diag);
		}
		free(path);
		free(page);
		strbuf_release(&csv);
		strbuf_release(&html);
	}
	cli_print_diags(&ctx->diag, false);
	diag_list_release(&ctx->diag);
	if (st == STATUS_OK && !ctx->quiet) {
		sim_spread_print(stdout, figs, n, shown);
		printf("wrote %s/spread.csv, %s/report.html and %zu runs in %s/seed-%ld .. "
		       "seed-%ld\n", out_dir, out_dir, n, out_dir, rq->seeds.first, rq->seeds.last);
	}
	for (size_t i = 0; sims && i < n; i++)
		simulation_release(&sims[i]);
	free(sims);
	free(figs);
	free(out_dir);
	return st;
}

int cmd_simulate(int argc, char **argv)
{
	double started = clock_seconds();
	struct sim_request rq;
	int ret;
	if (!parse_request(argc, argv, &rq, &ret))
		return ret;
	const char *folder = rq.args.operands[0];
	struct context_options copt = {
		.folder = folder, .week = rq.sopt.first, .previous_file = rq.previous,
		.no_previous = rq.no_previous, .overrides = rq.args.overrides,
		.lock_for = "simulate", .quiet = rq.args.quiet, .clinic_only = true,
	};
	struct context ctx;
	struct admission_list admissions = { 0 };
	struct waitlist waitlist = { 0 };
	struct simulation sim;
	memset(&sim, 0, sizeof sim);
	struct run run = { .mode = 0600, .previous_bytes = STRBUF_INIT };
	char *default_out = NULL;
	enum status st = context_open(&ctx, &copt);
	if (st == STATUS_OK)
		st = load_inputs(&rq, &ctx, &run, &admissions, &waitlist);
	if (st != STATUS_OK)
		goto release;
	rq.sopt.stop = cli_catch_stop_signals();
	rq.sopt.log = rq.args.verbose ? stderr : NULL;
	char title[256];
	folder_title(folder, title, sizeof title);
	run.rates_note = rq.rates.len ? rq.rates.data : NULL;
	if (rq.seeds.given) {
		st = run_seeds(&rq, &ctx, &copt, &run, title);
		goto release;
	}
	if ((st = run_weeks(&sim, &ctx, &rq.sopt, !ctx.quiet)) != STATUS_OK)
		goto release;

	if (!rq.out && !(default_out = path_join(folder, "simulation"))) {
		cli_error("out of memory");
		st = STATUS_NO_MEMORY;
		goto release;
	}
	run.out_dir = rq.out ? rq.out : default_out;
	run.previous_path = ctx.previous_path;
	st = write_all(&sim, &run, title, &ctx.diag);
	cli_print_diags(&ctx.diag, false);
	diag_list_release(&ctx.diag);
	if (st == STATUS_OK && !rq.args.quiet)
		print_summary(&sim, run.out_dir, clock_seconds() - started);

release:
	ret = cli_exit_code(st);
	simulation_release(&sim);
	admission_list_release(&admissions);
	waitlist_release(&waitlist);
	strbuf_release(&run.previous_bytes);
	free(default_out);
	context_release(&ctx);
	cli_args_release(&rq.args);
	strbuf_release(&rq.rates);
	return ret;
}

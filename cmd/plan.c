/* plan.c -- `iop-roster plan`: this week's best roster for a clinic folder. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "attention.h"
#include "changes.h"
#include "cli.h"
#include "context.h"
#include "kept.h"
#include "json.h"
#include "options.h"
#include "plural.h"
#include "report.h"
#include "summary.h"
#include "waitlist_view.h"
#include "data/base/strbuf.h"
#include "data/billing_text.h"
#include "data/date.h"
#include "data/roster_csv.h"
#include "data/attendance.h"
#include "data/week_files.h"
#include "solver/advice.h"
#include "solver/plan.h"
#include "data/base/clock.h"

static const struct cli_command command = {
	.name = "plan",
	.synopsis = "CLINIC [OPTIONS]",
	.about =
	"Builds the roster for one week and writes CLINIC/rosters/WEEK.csv,\n"
	"WEEK.unmet.csv (the reason for every need left unmet) and WEEK.html (the\n"
	"director's report: what needs attention, overview, advice, changes, unmet\n"
	"needs, sign-in sheets).\n"
	"All three are replaced together or not at all.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "written" }, { EXIT_USAGE, NULL },
		{ EXIT_DATA, "bad or contradictory data" }, { EXIT_NO_INPUT, NULL },
		{ EXIT_INTERNAL, NULL }, { EXIT_OS, NULL }, { EXIT_CANT_CREATE, NULL },
		{ EXIT_IO, NULL },
		{ EXIT_BUSY, "the clinic is locked by another run (or interrupted before any roster)" },
		{ -1, NULL },
	},
	.operands_min = 1,
	.operands_max = 1,
	.missing = { "missing CLINIC folder" },
	.too_many = "one CLINIC folder expected",
};

static int parse_mode(const char *cmd, const char *arg, void *value)
{
	char *end;
	long m = strtol(arg, &end, 8);
	if (*arg == '\0' || *end != '\0' || m < 0 || m > 0777)
		return cli_usage_error(cmd, "--mode '%s' is not an octal file mode like 0600", arg);
	*(mode_t *)value = (mode_t)m;
	return 0;
}

/* The exit code of a failed step; running out of memory is said here, as
 * the step may have had no memory left to describe it. */
static int exit_for(enum status st)
{
	if (st == STATUS_NO_MEMORY)
		cli_error("out of memory; nothing was written");
	return cli_exit_code(st);
}

/* What plan wrote and found, for the summary on stdout. */
struct outcome {
	const struct context *ctx;
	const struct plan_result *res;
	const struct advice *advice;      /* NULL with --no-advice */
	const struct change_list *changes;
	const struct attention_list *attention;
	const char *roster_path, *unmet_path, *report_path;
	const struct week_kept *kept; /* the roster this run replaced (kept.h) */
	const char *kept_path;
	long moved;
	const struct waitlist_view *waitlist;
	bool verbose;           /* the details block too */
};

static void print_advice_line(const struct outcome *o)
{
	const struct advice_candidate *best = advice_best(o->advice);
	if (best == NULL)
		return;
	char when[256];
	advice_when(best, when, sizeof when);
	int gained = best->met_after - best->met_before;
	printf("advice: one more %s group at %s would meet %d more need%s net "
	       "(%zu newly met, %d no longer met; %zu placement%s change)\n",
	       o->ctx->clinic.type_names[best->type], when, gained, gained == 1 ? "" : "s",
	       best->n_gained, best->n_lost, best->n_moves, best->n_moves == 1 ? "" : "s");
}

/* At most this many lines of one kind of attention on stdout: a screenful
 * for the lot; the report has every one. */
#define ATTENTION_LINES_PER_KIND 10

/* "changes: 5 joined, 3 moved, 2 left, 60 kept" since last week's roster. */
static void print_changes_line(const struct change_list *ch)
{
	if (!ch->has_previous) {
		printf("changes: no previous roster, every placement is new\n");
		return;
	}
	printf("changes: %d joined, %d moved, %d left, %d kept\n", ch->joined, ch->moved,
	       ch->left, ch->kept);
}

/* Needs met by type, the groups that run, billable weeks, unmet needs. */
static void print_week_lines(const struct outcome *o)
{
	const struct week *w = &o->ctx->week;
	const struct clinic *c = &o->ctx->clinic;
	const struct plan_result *res = o->res;
	struct type_tally *tally = calloc(w->n_types ? w->n_types : 1, sizeof *tally);
	int *members = calloc(w->n_groups ? w->n_groups : 1, sizeof *members);
	if (tally && members) {
		summary_tally_needs(w, &res->roster, tally);
		printf("needs met:");
		for (size_t t = 0; t < w->n_types; t++)
			printf("%s %s %d/%d", t ? "," : "", c->type_names[t], tally[t].met, tally[t].needs);
		printf("\n");
		summary_group_sizes(w, &res->roster, members);
		int running = 0, cancelled = 0;
		for (size_t g = 0; g < w->n_groups; g++)
			members[g] ? running++ : cancelled++;
		printf("groups: %d running, %d not running\n", running, cancelled);
	}
	free(tally);
	free(members);
	summary_print_billable(stdout, w, &res->score);
	printf("unmet needs: %zu\n", res->unmet.n);
}

/* The solver's side of the run, for --verbose: the score formula, the
 * proven bound and the gap, and how the search ended. */
static void print_details(const struct outcome *o)
{
	const struct plan_result *res = o->res;
	printf("details:\n  ");
	summary_print_score(stdout, &o->ctx->week, &res->score);
	printf("  bound %.2f, gap %.2f%%%s, %.2f s\n", res->bound, 100.0 * res->gap,
	       res->optimal ? " (optimal)" : res->stopped ? " (stopped early)" : " (not proven)",
	       res->seconds);
	char ended[160];
	plan_end_describe(res, ended, sizeof ended);
	printf("  %s\n", ended);
}

/* What a director reads first: what needs attention, what changed, what
 * was written; the score and its bound only with --verbose. */
static void print_summary(const struct outcome *o)
{
	const struct week *w = &o->ctx->week;
	const struct clinic *c = &o->ctx->clinic;
	char day[11];
	date_format(w->monday, day);
	printf("week %s: %zu active %s (%d new), %zu %s offered\n", day, w->n_active,
	       plural((long)w->n_active, "patient", "patients"), o->changes->admitted,
	       c->n_groups, plural((long)c->n_groups, "group", "groups"));
	attention_print(stdout, w, o->attention, ATTENTION_LINES_PER_KIND);
	print_changes_line(o->changes);
	print_week_lines(o);
	print_advice_line(o);
	waitlist_view_print(stdout, c, o->waitlist);
	printf("wrote %s\n", o->roster_path);
	printf("report %s\n", o->report_path);
	if (o->verbose)
		print_details(o);
}

/* "needs" and "groups": each type's needs met, each group's members. */
static void json_needs_and_groups(struct json *j, const struct week *w,
				  const struct type_tally *tally, const int *members)
{
	const struct clinic *c = w->clinic;
	json_key(j, "needs");
	json_begin_array(j);
	for (size_t t = 0; t < w->n_types; t++) {
		json_begin_object(j);
		json_kv_string(j, "type", c->type_names[t]);
		json_kv_int(j, "needs", tally[t].needs);
		json_kv_int(j, "met", tally[t].met);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "groups");
	json_begin_array(j);
	for (size_t g = 0; g < w->n_groups; g++) {
		json_begin_object(j);
		json_kv_string(j, "group", c->groups[g].id);
		json_kv_string(j, "type", c->type_names[c->groups[g].type]);
		json_kv_int(j, "members", members[g]);
		json_kv_int(j, "min_size", c->groups[g].min_size);
		json_kv_int(j, "max_size", c->groups[g].max_size);
		json_kv_bool(j, "running", members[g] > 0);
		json_end_object(j);
	}
	json_end_array(j);
}

/* "score": its terms and the weights that made it. */
static void json_score(struct json *j, const struct score_terms *score,
		       const struct settings *settings)
{
	json_key(j, "score");
	json_begin_object(j);
	json_kv_number(j, "total", score->total);
	json_kv_number(j, "need_sum", score->need_sum);
	json_kv_int(j, "kept", score->kept);
	json_kv_number(j, "short_hours", score->short_hours);
	json_kv_int(j, "mix_short", score->mix_short);
	json_kv_int(j, "running", score->running);
	if (settings->billable_days > 0)
		json_kv_int(j, "billable", score->billable);
	json_key(j, "weights");
	json_begin_object(j);
	json_kv_number(j, "w_need", settings->w_need);
	json_kv_number(j, "w_keep", settings->w_keep);
	json_kv_number(j, "w_short", settings->w_short);
	json_kv_number(j, "w_mix", settings->w_mix);
	json_kv_number(j, "group_cost", settings->group_cost);
	if (settings->billable_days > 0)
		json_kv_number(j, "w_billable", settings->w_billable);
	json_end_object(j);
	json_end_object(j);
}

/* "advice": the best extra group and the groups near their minimum; null
 * with --no-advice. */
static void json_advice(struct json *j, const struct clinic *c, const struct advice *advice)
{
	json_key(j, "advice");
	if (!advice) {
		json_null(j);
		return;
	}
	const struct advice_candidate *best = advice_best(advice);
	json_begin_object(j);
	json_key(j, "extra_group");
	if (best) {
		char when[256];
		advice_when(best, when, sizeof when);
		json_begin_object(j);
		json_kv_string(j, "type", c->type_names[best->type]);
		json_kv_string(j, "slot", when);
		json_kv_int(j, "sessions", (long long)best->n_slots);
		json_kv_number(j, "hours", best->hours);
		json_kv_int(j, "min_size", best->min_size);
		json_kv_int(j, "max_size", best->max_size);
		json_kv_int(j, "needs_gained", best->met_after - best->met_before);
		json_kv_int(j, "needs_lost", best->n_lost);
		json_kv_int(j, "placements_changed", (long long)best->n_moves);
		json_kv_number(j, "hours_before", best->hours_before);
		json_kv_number(j, "hours_after", best->hours_after);
		json_kv_int(j, "members", best->members);
		json_kv_bool(j, "whole_week", best->whole_week);
		json_kv_bool(j, "proven", best->optimal);
		json_end_object(j);
	} else {
		json_null(j);
	}
	json_kv_int(j, "candidates_evaluated", (long long)advice->n_evaluated);
	json_key(j, "near_minimum");
	json_begin_array(j);
	for (size_t i = 0; i < advice->n_risks; i++) {
		const struct advice_risk *k = &advice->risks[i];
		json_begin_object(j);
		json_kv_string(j, "group", c->groups[k->group].id);
		json_kv_int(j, "members", k->members);
		json_kv_int(j, "min_size", k->min_size);
		json_kv_int(j, "leaving", k->leaving);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

/* "billing" (contract v2): the count and each active patient's week,
 * billable or not and why; null while the rule is off. */
static void json_billing(struct json *j, const struct week *w, const struct plan_result *res)
{
	json_key(j, "billing");
	if (w->clinic->settings.billable_days <= 0) {
		json_null(j);
		return;
	}
	struct billing *bills = calloc(w->n_active + 1, sizeof *bills);
	if (bills == NULL) {
		json_null(j);
		cli_error("out of memory");
		return;
	}
	billing_of_roster_all(w, &res->roster, bills);
	json_begin_object(j);
	json_kv_int(j, "billable", res->score.billable);
	json_kv_int(j, "of", (long long)w->n_active);
	json_key(j, "patients");
	json_begin_array(j);
	for (size_t a = 0; a < w->n_active; a++) {
		char text[256];
		billing_text(w, &bills[a], text, sizeof text);
		json_begin_object(j);
		json_kv_string(j, "patient", w->clinic->patients[w->active[a]].id);
		json_kv_bool(j, "billable", bills[a].billable);
		json_kv_int(j, "days", bills[a].days);
		json_kv_string(j, "why", text);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
	free(bills);
}

/* The same facts as JSON, for scripts and EHR integration (ids only). */
static void print_summary_json(const struct outcome *o)
{
	const struct week *w = &o->ctx->week;
	const struct plan_result *res = o->res;
	struct type_tally *tally = calloc(w->n_types + 1, sizeof *tally);
	int *members = calloc(w->n_groups + 1, sizeof *members);
	if (tally == NULL || members == NULL) {
		free(tally);
		free(members);
		cli_error("out of memory");
		return;
	}
	summary_tally_needs(w, &res->roster, tally);
	summary_group_sizes(w, &res->roster, members);
	char day[11];
	date_format(w->monday, day);

	struct json j;
	json_init(&j, stdout);
	json_begin_object(&j);
	json_kv_string(&j, "week", day);
	json_key(&j, "attention");
	attention_json(&j, w, o->attention);
	json_kv_int(&j, "active", (long long)w->n_active);
	json_kv_int(&j, "new", o->changes->admitted);
	json_kv_int(&j, "discharged", o->changes->discharged);
	json_needs_and_groups(&j, w, tally, members);
	json_score(&j, &res->score, &o->ctx->clinic.settings);
	json_billing(&j, w, res);
	json_kv_number(&j, "bound", res->bound);
	json_kv_number(&j, "gap", res->gap);
	json_kv_bool(&j, "optimal", res->optimal);
	json_kv_bool(&j, "stopped", res->stopped);
	json_kv_string(&j, "ended_by", plan_end_name(res->ended_by));
	json_kv_int(&j, "work_ticks", res->work_used);
	json_kv_int(&j, "work_budget_ticks", res->work_limit);
	json_kv_number(&j, "seconds", res->seconds);
	json_kv_int(&j, "unmet", (long long)res->unmet.n);
	json_key(&j, "unmet_by_reason");
	json_begin_object(&j);
	for (int r = 0; r < UNMET_REASON_COUNT; r++) {
		long long n = 0;
		for (size_t i = 0; i < res->unmet.n; i++)
			n += res->unmet.items[i].reason == (enum unmet_reason)r;
		if (n > 0)
			json_kv_int(&j, unmet_reason_name((enum unmet_reason)r), n);
	}
	json_end_object(&j);
	json_key(&j, "changes");
	if (o->changes->has_previous) {
		json_begin_object(&j);
		json_kv_int(&j, "joined", o->changes->joined);
		json_kv_int(&j, "moved", o->changes->moved);
		json_kv_int(&j, "left", o->changes->left);
		json_kv_int(&j, "kept", o->changes->kept);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_advice(&j, &o->ctx->clinic, o->advice);
	kept_json(&j, o->kept, o->kept_path, o->moved);
	waitlist_view_json(&j, &o->ctx->clinic, o->waitlist);
	json_key(&j, "files");
	json_begin_object(&j);
	json_kv_string(&j, "roster", o->roster_path);
	json_kv_string(&j, "unmet", o->unmet_path);
	json_kv_string(&j, "report", o->report_path);
	json_end_object(&j);
	json_end_object(&j);
	json_finish(&j);
	free(tally);
	free(members);
}

/* What the command line asked for. */
struct plan_request {
	struct cli_args args;
	struct context_options copt;
	const char *out, *report, *export_lp, *export_mps;
	bool no_advice;
	double gap, advice_time;  /* advice_time <= 0: plan_budget_split's default */
	mode_t mode;
};

/* Returns true to go on; false when the command is done with *ret. */
static bool parse_request(int argc, char **argv, struct plan_request *rq, int *ret)
{
	memset(rq, 0, sizeof *rq);
	rq->advice_time = -1;
	rq->mode = 0600;
	const struct cli_option options[] = {
		CLI_OPT_WEEK("the Monday to plan (default: the Monday on or after today)"),
		CLI_OPT_STRING('p', "previous", &rq->copt.previous_file, "FILE",
			       "last week's roster (default: newest rosters/YYYY-MM-DD.csv before WEEK)"),
		CLI_OPT_FLAG(0, "no-previous", &rq->copt.no_previous,
			     "plan as if there were no previous roster"),
		CLI_OPT_STRING('o', "out", &rq->out, "FILE",
			       "roster file to write (default: CLINIC/rosters/WEEK.csv);\n"
			       "the unmet needs go beside it as NAME.unmet.csv"),
		CLI_OPT_STRING('r', "report", &rq->report, "FILE",
			       "the HTML report to write (default: beside the roster\n"
			       "as NAME.html)"),
		CLI_OPT_FLAG(0, "no-advice", &rq->no_advice,
			     "skip re-solving for advice (the report says so)"),
		CLI_OPT_SECONDS(0, "advice-time", &rq->advice_time,
				"time for advice's re-solves, taken from the time\n"
				"limit (default: a tenth of it, at most 3)"),
		CLI_OPT_FORMAT("the summary on stdout: text (default) or json"),
		CLI_OPT_TIME_LIMIT("stop searching after this long, keep the best roster\n"
				   "(default: settings time_limit, 30); the safety stop\n"
				   "behind --work"),
		CLI_OPT_WORK("the search's budget in counted work, the same on\n"
			     "every machine (default: settings work, else "
			     WORK_KTICKS_PER_SECOND_TEXT "\n"
			     "per second of the time limit)"),
		CLI_OPT_FRACTION('g', "gap", &rq->gap,
				 "stop once proven within this relative gap (default 0: optimum)"),
		CLI_OPT_SET("override one setting of settings.csv (repeatable)"),
		CLI_OPT_CALLBACK(0, "mode", &rq->mode, "OCTAL",
				 "file mode of the outputs (default 0600: health data)", parse_mode),
		CLI_OPT_STRING(0, "export-lp", &rq->export_lp, "FILE",
			       "also write the integer program in CPLEX LP format"),
		CLI_OPT_STRING(0, "export-mps", &rq->export_mps, "FILE",
			       "also write the integer program in free MPS format"),
		{ 'v', "verbose", CLI_VERBOSE, NULL, NULL,
		  "solver progress on stderr (never names), and the\n"
		  "summary's details: the score, its bound and gap", NULL },
		CLI_OPT_QUIET("print nothing on success (for cron)"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args *a = &rq->args;
	if (!cli_parse(&command, options, argc, argv, a)) {
		*ret = a->exit_code;
		return false;
	}
	if (rq->copt.previous_file && rq->copt.no_previous)
		*ret = cli_usage_error("plan", "--previous and --no-previous exclude each other");
	else
		*ret = 0;
	if (*ret != 0) {
		cli_args_release(a);
		return false;
	}
	rq->copt.folder = a->operands[0];
	rq->copt.overrides = a->overrides;
	rq->copt.week = a->have_week ? a->week : context_default_week();
	rq->copt.lock_for = "plan";
	rq->copt.catch_stop = true;
	rq->copt.quiet = a->quiet;
	return true;
}

/* The search's work budget in kilo-ticks: settings work, else the share
 * of the time limit the search gets, at the default rate. The time spent
 * reading the clinic is left out on purpose: it varies from run to run,
 * and the budget must not. */
static double plan_work(const struct settings *set, bool advise, double advice_time)
{
	if (set->work > 0)
		return set->work;
	struct plan_budget b = plan_budget_split(set->time_limit, 0, advise, advice_time);
	return (double)work_for_seconds(b.solve) / 1000.0;
}

/* What plan does after the search, in seconds per active patient: the
 * changes and their reasons, the last weeks' attendance, the report and
 * the files (a 4,717-patient week: 0.7 s on the project machine, a
 * 200-patient one a few hundredths). Taken from the search's time so a
 * run keeps to its limit. */
#define FINISH_SECONDS_PER_PATIENT 0.00015

/* Plans the week within its share of the time limit, then advice and the
 * changes since last week. Says why when a step fails and returns its exit
 * code; 0 when all three are there. */
static int solve(const struct plan_request *rq, struct context *ctx, double started,
		 struct plan_result *res, struct advice *advice, struct change_list *changes)
{
	bool advise = !rq->no_advice;
	double finishing = FINISH_SECONDS_PER_PATIENT * (double)ctx->week.n_active;
	struct plan_budget budget = plan_budget_split(ctx->clinic.settings.time_limit,
						      clock_seconds() - started + finishing,
						      advise, rq->advice_time);
	struct plan_options popt;
	plan_options_init(&popt);
	popt.time_limit = budget.solve;
	popt.work = plan_work(&ctx->clinic.settings, advise, rq->advice_time);
	popt.gap = rq->gap;
	popt.stop = ctx->stop;
	popt.log = rq->args.verbose ? stderr : NULL;
	enum status st = plan_week(&ctx->week, &popt, res, &ctx->diag);
	context_report(ctx);
	if (st != STATUS_OK) {
		if (st == STATUS_INFEASIBLE)
			cli_error("the hard rules contradict each other; nothing was written");
		else if (st == STATUS_INTERRUPTED)
			cli_error("interrupted before any roster was found; nothing was written");
		return exit_for(st);
	}

	if (advise) {
		struct advice_options aopt;
		advice_options_init(&aopt);
		aopt.time_limit = budget.advice;
		aopt.stop = ctx->stop;
		aopt.plan_seconds = res->seconds;
		aopt.plan_work = res->work_used;
		st = advice_compute(&ctx->week, &res->roster, &res->unmet, &aopt, advice);
		if (st != STATUS_OK) {
			cli_error(st == STATUS_NO_MEMORY ? "out of memory" : "advice failed; nothing was written");
			return cli_exit_code(st);
		}
	}
	st = changes_compute(&ctx->week, ctx->previous_path ? &ctx->previous : NULL, &res->roster,
			     &res->unmet, changes);
	if (st != STATUS_OK) {
		cli_error("out of memory");
		return cli_exit_code(st);
	}
	return 0;
}

int cmd_plan(int argc, char **argv)
{
	double started = clock_seconds();
	struct plan_request rq;
	int ret;
	if (!parse_request(argc, argv, &rq, &ret))
		return ret;
	const char *folder = rq.copt.folder;
	const bool advise = !rq.no_advice;
	struct context ctx;
	enum status st = context_open(&ctx, &rq.copt);
	if (st == STATUS_OK && (rq.export_lp || rq.export_mps)) {
		st = plan_export(&ctx.week, rq.export_lp, rq.export_mps, &ctx.diag);
		context_report(&ctx);
	}
	if (st != STATUS_OK) {
		ret = exit_for(st);
		context_release(&ctx);
		goto done;
	}

	struct plan_result res;
	struct advice advice;
	struct change_list changes;
	memset(&res, 0, sizeof res);
	memset(&advice, 0, sizeof advice);
	memset(&changes, 0, sizeof changes);
	struct waitlist_view waiting = { 0 };
	if ((ret = solve(&rq, &ctx, started, &res, &advice, &changes)) != 0)
		goto release;
	st = waitlist_view_compute(folder, &ctx.clinic, &ctx.week, &res.roster, &waiting, &ctx.diag);
	context_report(&ctx);
	if (st != STATUS_OK) {
		ret = exit_for(st);
		goto release;
	}

	struct attention_list attention = { 0 };
	struct attention_input ain = { .week = &ctx.week, .roster = &res.roster,
				       .unmet = &res.unmet, .warnings = &ctx.warnings };
	struct week_files wf = { 0 };
	struct strbuf roster_bytes = STRBUF_INIT, unmet_bytes = STRBUF_INIT, report_bytes = STRBUF_INIT;
	struct strbuf sheet_bytes = STRBUF_INIT;
	struct last_weeks last = { 0 };
	if (attention_build(&ain, &attention) != STATUS_OK ||
	    week_files_init(&wf, folder, ctx.week.monday, rq.out, rq.report) != STATUS_OK) {
		ret = EXIT_OS;
		cli_error("out of memory");
	} else {
		char clinic_name[256], roster_name[256], previous_name[256];
		/* What the last two weeks delivered, for the report, and who
		 * missed all of them, for what needs attention (issue 14). */
		if (last_weeks_load(&ctx.clinic, folder, ctx.week.monday, &last) != STATUS_OK ||
		    !last_weeks_attention(&last, &ctx.week, &attention))
			report_bytes.failed = true;
		struct report_input rin = {
			.last_weeks = &last,
			.week = &ctx.week, .plan = &res, .changes = &changes,
			.advice = advise ? &advice : NULL, .waitlist = &waiting,
			.attention = &attention,
			.clinic_name = report_base_name(folder, clinic_name, sizeof clinic_name),
			.roster_name = report_base_name(wf.roster, roster_name, sizeof roster_name),
			.previous_name = ctx.previous_path ? report_base_name(ctx.previous_path,
						previous_name, sizeof previous_name) : NULL,
		};
		roster_csv_format(&ctx.week, &res.roster, &roster_bytes);
		unmet_csv_format(&ctx.week, &res.unmet, &unmet_bytes);
		report_html(&rin, &report_bytes);
		bool sheet_kept = false;
		struct pending_file sheet = { wf.attendance, NULL, 0 };
		if (attendance_sheet_prepare(wf.attendance, &ctx.week, &res.roster, &sheet_bytes,
					     &sheet_kept) != STATUS_OK)
			sheet_bytes.failed = true;
		sheet.data = sheet_bytes.data;
		sheet.len = sheet_bytes.len;
		if (roster_bytes.failed || unmet_bytes.failed || report_bytes.failed ||
		    sheet_bytes.failed) {
			cli_error("out of memory");
			ret = EXIT_OS;
		} else {
			if (sheet_kept)
				cli_warning("kept '%s': it holds recorded attendance", wf.attendance);
			/* All together or none, the roster renamed last. */
			struct week_kept kept = { .writer = "plan" };
			struct week_output wout = { &roster_bytes, &unmet_bytes, &report_bytes,
						    sheet_kept ? NULL : &sheet, sheet_kept ? 0 : 1,
						    &kept };
			struct diag_list wdiag = DIAG_LIST_INIT;
			st = week_files_write(&wf, &wout, rq.mode, &wdiag);
			cli_print_diags(&wdiag, false);
			/* Before the summary: the one line that says where the
			 * roster this run replaced went (after admit, a hand edit,
			 * or a change in the clinic's files). */
			long moved = st == STATUS_OK && kept.kept
					     ? kept_moved(&ctx.week, wf.replaced, &res.roster) : -1;
			if (st == STATUS_OK)
				kept_print(&kept, ctx.week.monday, wf.replaced, moved,
					   !rq.args.quiet && !rq.args.json);
			if (st == STATUS_NO_MEMORY && wdiag.n == 0)
				cli_error("out of memory while writing '%s'", wf.roster);
			diag_list_release(&wdiag);
			ret = cli_exit_code(st);
			if (st == STATUS_OK && !rq.args.quiet) {
				struct outcome o = {
					.ctx = &ctx, .res = &res, .advice = advise ? &advice : NULL,
					.changes = &changes, .attention = &attention,
					.roster_path = wf.roster, .unmet_path = wf.unmet,
					.report_path = wf.report, .verbose = rq.args.verbose,
					.kept = &kept, .kept_path = wf.replaced, .moved = moved,
					.waitlist = &waiting,
				};
				if (rq.args.json)
					print_summary_json(&o);
				else
					print_summary(&o);
			}
		}
	}
	strbuf_release(&roster_bytes);
	strbuf_release(&unmet_bytes);
	strbuf_release(&report_bytes);
	strbuf_release(&sheet_bytes);
	last_weeks_release(&last);
	week_files_release(&wf);
	attention_release(&attention);
release:
	waitlist_view_release(&waiting);
	advice_release(&advice);
	changes_release(&changes);
	plan_result_release(&res);
	context_release(&ctx);
done:
	cli_args_release(&rq.args);
	return ret;
}

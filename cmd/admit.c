/* admit.c -- `iop-roster admit`: seat a patient just added to patients.csv in
 * this week's roster without moving anyone else. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "admit_waiting.h"
#include "changes.h"
#include "cli.h"
#include "context.h"
#include "options.h"
#include "report.h"
#include "summary.h"
#include "data/base/strbuf.h"
#include "data/date.h"
#include "data/roster_csv.h"
#include "data/attendance.h"
#include "data/week_files.h"
#include "solver/admit.h"

static const struct cli_command command = {
	.name = "admit",
	.synopsis = "CLINIC PATIENT [OPTIONS]",
	.about =
	"Seats PATIENT, just added to patients.csv or waiting in waitlist.csv,\n"
	"in the week's roster\n"
	"CLINIC/rosters/WEEK.csv without moving anyone else: groups are open and\n"
	"the others keep their seats. The patient gets the best groups the rules\n"
	"allow around everyone's rows; when a need is left unmet because every\n"
	"fitting group is full, admit names the single move (another member to\n"
	"another group of the same type with room) that would free a seat, and\n"
	"makes no move itself. Every other row is left as it was; the roster,\n"
	"WEEK.unmet.csv and the report WEEK.html (when plan wrote one) are replaced\n"
	"together, atomically, keeping the roster's file mode. Run it again after a\n"
	"move to seat the patient. Someone from the waiting list is admitted on the\n"
	"week's Monday: their row moves from waitlist.csv to patients.csv in the\n"
	"same set of files.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "written (even when the patient got no group: their needs are "
				"in WEEK.unmet.csv)" },
		{ EXIT_USAGE, NULL },
		{ EXIT_DATA, "bad data (unknown or inactive patient, a roster that breaks a "
			     "hard rule, must pins that cannot hold)" },
		{ EXIT_NO_INPUT, "missing input (no roster for the week: plan it first)" },
		{ EXIT_OS, NULL }, { EXIT_CANT_CREATE, NULL }, { EXIT_IO, NULL }, { EXIT_BUSY, NULL },
		{ -1, NULL },
	},
	.operands_min = 2,
	.operands_max = 2,
	.missing = { "missing CLINIC folder", "missing PATIENT id" },
	.too_many = "too many arguments",
};

static void print_result(const struct context *ctx, const struct admit_result *res,
			 int patient, const char *day)
{
	const struct week *w = &ctx->week;
	const struct clinic *c = &ctx->clinic;
	const char *pid = c->patients[patient].id;
	int a = w->active_of[patient];
	if (res->n_replaced)
		printf("'%s' already had %zu row%s in the roster: chosen again\n", pid,
		       res->n_replaced, res->n_replaced == 1 ? "" : "s");
	if (res->n_given == 0) {
		printf("'%s' got no group in the week of %s without moving someone\n", pid, day);
	} else {
		printf("admitted '%s' to the week of %s:", pid, day);
		for (size_t i = 0; i < res->n_given; i++) {
			const struct group *g = &c->groups[res->given[i]];
			printf("%s %s (%s)", i ? "," : "", g->id, c->type_names[g->type]);
		}
		printf("\n");
	}
	for (size_t i = 0; i < res->unmet.n; i++) {
		const struct unmet *u = &res->unmet.items[i];
		if (u->a != a)
			continue;
		printf("not met: %s (need %d): %s%s%s\n", c->type_names[u->type], u->need,
		       unmet_reason_name(u->reason), u->detail ? ": " : "",
		       u->detail ? u->detail : "");
	}
	for (size_t i = 0; i < res->n_moves; i++) {
		const struct admit_move *m = &res->moves[i];
		printf("one move would make room in '%s' (%s): '%s' from '%s' to '%s'; "
		       "make it by hand, then run admit again\n",
		       c->groups[m->from].id, c->type_names[m->type],
		       c->patients[m->patient].id, c->groups[m->from].id, c->groups[m->to].id);
	}
	summary_print_score(stdout, w, &res->score);
}

/* What the command line asked for. */
struct admit_request {
	struct cli_args args;
	struct context_options copt;
	const char *patient_id;
	bool dry_run;
};

/* Returns true to go on; false when the command is done with *ret. */
static bool parse_request(int argc, char **argv, struct admit_request *rq, int *ret)
{
	memset(rq, 0, sizeof *rq);
	const struct cli_option options[] = {
		CLI_OPT_WEEK("the week's Monday (default: the Monday on or after\n"
			     "today, the week plan writes); its roster must exist"),
		CLI_OPT_SET("override one setting of settings.csv (repeatable)"),
		CLI_OPT_FLAG('n', "dry-run", &rq->dry_run, "print what would change, write nothing"),
		CLI_OPT_QUIET("print nothing on success"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args *a = &rq->args;
	if (!cli_parse(&command, options, argc, argv, a)) {
		*ret = a->exit_code;
		return false;
	}
	rq->copt.folder = a->operands[0];
	rq->patient_id = a->operands[1];
	rq->copt.overrides = a->overrides;
	rq->copt.week = a->have_week ? a->week : context_default_week();
	rq->copt.lock_for = "admit";
	rq->copt.quiet = a->quiet;
	return true;
}

/* The week's roster as plan wrote it. Strict: a row naming someone no
 * longer in patients.csv would be dropped silently otherwise, and admit
 * promises to keep every row. Returns 0 or the exit code, said. */
static int read_current(struct context *ctx, const char *roster_path, const char *day,
			struct roster *current)
{
	struct stat sb;
	if (stat(roster_path, &sb) != 0 && errno == ENOENT) {
		cli_error("%s: no roster for the week of %s: plan the week first", roster_path, day);
		return EXIT_NO_INPUT;
	}
	enum status st = roster_read_week(roster_path, &ctx->clinic, ctx->week.monday, current,
					  &ctx->diag);
	context_report(ctx);
	return st == STATUS_OK ? 0 : cli_exit_code(st);
}

/* The report's sign-in sheets must show the new member, so when plan
 * wrote one it is rewritten with the rest. admit does not re-optimise, so
 * the report says a better roster may exist and shows no advice. */
static enum status admit_report(const struct context *ctx, const struct admit_result *res,
				const char *folder, const char *roster_path,
				struct change_list *changes, struct strbuf *report_bytes)
{
	enum status st = changes_compute(&ctx->week, ctx->previous_path ? &ctx->previous : NULL,
					 &res->roster, &res->unmet, changes);
	if (st != STATUS_OK)
		return st;
	struct plan_result shown;
	memset(&shown, 0, sizeof shown);
	shown.roster = res->roster;
	shown.unmet = res->unmet;
	shown.score = res->score;
	shown.bound = res->score.total;
	struct last_weeks last;
	if ((st = last_weeks_load(&ctx->clinic, folder, ctx->week.monday, &last)) != STATUS_OK) {
		last_weeks_release(&last);
		return st;
	}
	char clinic_name[256], roster_name[256], previous_name[256];
	struct report_input rin = {
		.week = &ctx->week, .plan = &shown, .changes = changes, .advice = NULL,
		.last_weeks = &last,
		.clinic_name = report_base_name(folder, clinic_name, sizeof clinic_name),
		.roster_name = report_base_name(roster_path, roster_name, sizeof roster_name),
		.previous_name = ctx->previous_path ? report_base_name(ctx->previous_path,
					previous_name, sizeof previous_name) : NULL,
		.bound_note = "Changed by admit, which seats a patient without moving "
			      "anyone else: no bound was computed, and a new plan may "
			      "score more.",
	};
	/* the data warnings stand at the report's top, as after plan */
	struct attention_list attention = { 0 };
	struct attention_input ain = { .week = &ctx->week, .roster = &res->roster,
				       .unmet = &res->unmet, .warnings = &ctx->warnings };
	st = attention_build(&ain, &attention);
	if (st == STATUS_OK && !last_weeks_attention(&last, &ctx->week, &attention))
		st = STATUS_NO_MEMORY;
	if (st == STATUS_OK) {
		rin.attention = &attention;
		report_html(&rin, report_bytes);
	}
	attention_release(&attention);
	last_weeks_release(&last);
	return st;
}

int cmd_admit(int argc, char **argv)
{
	struct admit_request rq;
	int ret = EXIT_INTERNAL;
	if (!parse_request(argc, argv, &rq, &ret))
		return ret;
	const char *folder = rq.copt.folder, *patient_id = rq.patient_id;
	const bool quiet = rq.args.quiet;
	struct context ctx;
	enum status st = context_open(&ctx, &rq.copt);
	struct roster current = { 0 };
	struct admit_result res;
	memset(&res, 0, sizeof res);
	struct week_files wf = { 0 };
	struct strbuf roster_bytes = STRBUF_INIT, unmet_bytes = STRBUF_INIT, report_bytes = STRBUF_INIT;
	struct strbuf sheet_bytes = STRBUF_INIT;
	struct change_list changes;
	memset(&changes, 0, sizeof changes);
	struct admit_waiting from_list = { 0 };
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		goto release;
	}

	char day[11];
	date_format(ctx.week.monday, day);
	if (week_files_init(&wf, folder, ctx.week.monday, NULL, NULL) != STATUS_OK) {
		cli_error("out of memory");
		ret = EXIT_OS;
		goto release;
	}
	if ((ret = read_current(&ctx, wf.roster, day, &current)) != 0)
		goto release;
	if (clinic_find_patient(&ctx.clinic, patient_id) < 0) {
		st = admit_waiting_prepare(&ctx, folder, patient_id, &from_list);
		context_report(&ctx);
		if (st != STATUS_OK) {
			ret = cli_exit_code(st);
			goto release;
		}
	}
	int patient = clinic_find_patient(&ctx.clinic, patient_id);
	if (patient < 0) {
		cli_error("no patient '%s' in patients.csv or waitlist.csv (add their row first)",
			  patient_id);
		ret = EXIT_DATA;
		goto release;
	}

	st = admit_patient(&ctx.week, &current, wf.roster, patient, &res, &ctx.diag);
	context_report(&ctx);
	if (st != STATUS_OK) {
		if (st == STATUS_INFEASIBLE)
			cli_error("'%s' cannot be admitted without moving someone; nothing was written",
				  patient_id);
		else if (st == STATUS_BAD_DATA)
			cli_error("nothing was written");
		ret = cli_exit_code(st);
		goto release;
	}

	if (!quiet)
		print_result(&ctx, &res, patient, day);
	if (rq.dry_run) {
		if (!quiet)
			printf("dry run: nothing written\n");
		ret = EXIT_WRITTEN;
		goto release;
	}
	roster_csv_format(&ctx.week, &res.roster, &roster_bytes);
	unmet_csv_format(&ctx.week, &res.unmet, &unmet_bytes);
	struct stat sb;
	bool with_report = stat(wf.report, &sb) == 0;
	if (with_report && (st = admit_report(&ctx, &res, folder, wf.roster, &changes,
					      &report_bytes)) != STATUS_OK) {
		cli_error("out of memory");
		ret = cli_exit_code(st);
		goto release;
	}
	/* The attendance sheet gains the new member's sessions, unless staff
	 * already record in it. */
	bool sheet_kept = false;
	if (attendance_sheet_prepare(wf.attendance, &ctx.week, &res.roster, &sheet_bytes,
				     &sheet_kept) != STATUS_OK)
		sheet_bytes.failed = true;
	struct pending_file sheet = { wf.attendance, sheet_bytes.data, sheet_bytes.len };
	if (roster_bytes.failed || unmet_bytes.failed || report_bytes.failed || sheet_bytes.failed) {
		cli_error("out of memory");
		ret = EXIT_OS;
		goto release;
	}
	if (sheet_kept)
		cli_warning("kept '%s': it holds recorded attendance; add the rows of '%s' by hand",
			    wf.attendance, patient_id);
	/* Keep the mode the roster was given (plan --mode), 0600 at most open
	 * by default. */
	mode_t mode = stat(wf.roster, &sb) == 0 ? (sb.st_mode & 0777) : 0600;
	/* The sheet (unless kept) and, for someone from the waiting list,
	 * patients.csv and waitlist.csv: one set with the roster. */
	struct pending_file extra[3];
	size_t n_extra = 0;
	if (!sheet_kept)
		extra[n_extra++] = sheet;
	for (size_t i = 0; from_list.found && i < 2; i++)
		extra[n_extra++] = from_list.files[i];
	/* As plan does: together or none, the roster renamed last. */
	struct week_kept kept = { .writer = "admit" };
	struct week_output wout = { &roster_bytes, &unmet_bytes, with_report ? &report_bytes : NULL,
				    extra, n_extra, &kept };
	struct diag_list wdiag = DIAG_LIST_INIT;
	st = week_files_write(&wf, &wout, mode, &wdiag);
	cli_print_diags(&wdiag, false);
	diag_list_release(&wdiag);
	ret = cli_exit_code(st);
	if (st == STATUS_OK && kept.kept && !quiet)
		printf("kept the roster before admission as %s\n", wf.replaced);
	if (st == STATUS_OK && !quiet && from_list.found)
		printf("moved '%s' from waitlist.csv to patients.csv, admitted %s\n", patient_id, day);
	if (st == STATUS_OK && !quiet)
		printf("wrote %s\n", wf.roster);

release:
	strbuf_release(&roster_bytes);
	strbuf_release(&unmet_bytes);
	strbuf_release(&report_bytes);
	strbuf_release(&sheet_bytes);
	changes_release(&changes);
	week_files_release(&wf);
	admit_result_release(&res);
	admit_waiting_release(&from_list);
	roster_release(&current);
	context_release(&ctx);
	cli_args_release(&rq.args);
	return ret;
}

/* check.c -- `iop-roster check`: validate a clinic folder, or a roster against it. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "context.h"
#include "data/attendance_history.h"
#include "data/waitlist.h"
#include "options.h"
#include "plural.h"
#include "summary.h"
#include "data/date.h"
#include "solver/rules.h"
#include "solver/score.h"

static const struct cli_command command = {
	.name = "check",
	.synopsis = "CLINIC [OPTIONS] [ROSTER]",
	.about =
	"Validates every file of the clinic folder, the attendance of every planned\n"
	"week included, and reports every problem with file:line:field. With ROSTER\n"
	"(say, one a director edited by hand), also lists every hard rule the roster\n"
	"breaks and prints its score.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "valid" }, { EXIT_RULES_BROKEN, NULL }, { EXIT_USAGE, NULL },
		{ EXIT_DATA, NULL }, { EXIT_NO_INPUT, NULL }, { EXIT_IO, "read error" }, { -1, NULL },
	},
	.operands_min = 1,
	.operands_max = 2,
	.missing = { "missing CLINIC folder" },
	.too_many = "too many arguments",
};

int cmd_check(int argc, char **argv)
{
	struct context_options copt = { 0 };
	struct cli_args args;
	const struct cli_option options[] = {
		CLI_OPT_WEEK("the Monday to check against (default: the Monday on or\n"
			     "after today; with ROSTER, the week its name YYYY-MM-DD.csv\n"
			     "or else its week column says)"),
		CLI_OPT_STRING('p', "previous", &copt.previous_file, "FILE",
			       "last week's roster, for the score's keep term"),
		CLI_OPT_SET("override one setting (repeatable)"),
		CLI_OPT_QUIET("print only problems"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	if (!cli_parse(&command, options, argc, argv, &args))
		return args.exit_code;
	bool quiet = args.quiet;
	int ret;
	int n_args = args.n_operands;
	copt.folder = args.operands[0];
	copt.overrides = args.overrides;
	copt.week = args.week;
	const char *roster_path = n_args == 2 ? args.operands[1] : NULL;
	if (!args.have_week && !(roster_path && cli_week_of_roster(roster_path, &copt.week)))
		copt.week = context_default_week();

	copt.quiet = quiet;
	struct context ctx;
	enum status st = context_open(&ctx, &copt);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		context_release(&ctx);
		goto done;
	}
	char day[11];
	date_format(ctx.week.monday, day);
	if (!roster_path && (st = waitlist_check(copt.folder, &ctx.clinic, &ctx.diag)) == STATUS_OK)
		st = attendance_history_check(&ctx.clinic, copt.folder, &ctx.diag);
	if (!roster_path && st != STATUS_OK) {
		context_report(&ctx);
		ret = cli_exit_code(st);
		context_release(&ctx);
		goto done;
	}
	if (!roster_path) {
		if (!quiet)
			printf("%s: valid; %zu %s, %zu %s; week %s: %zu active\n", copt.folder,
			       ctx.clinic.n_patients, plural((long)ctx.clinic.n_patients, "patient", "patients"),
			       ctx.clinic.n_groups, plural((long)ctx.clinic.n_groups, "group", "groups"),
			       day, ctx.week.n_active);
		ret = EXIT_WRITTEN;
		context_release(&ctx);
		goto done;
	}

	struct roster roster = { 0 };
	st = roster_read_week(roster_path, &ctx.clinic, ctx.week.monday, &roster, &ctx.diag);
	context_report(&ctx);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
	} else {
		struct diag_list violations = DIAG_LIST_INIT;
		size_t broken = rules_check(&ctx.week, &roster, roster_path, &violations);
		cli_print_diags(&violations, false);
		diag_list_release(&violations);
		struct score_terms score;
		score_roster(&ctx.week, &roster, &score);
		if (!quiet || broken) {
			printf("%s: %zu %s, week %s: %zu broken %s\n", roster_path, roster.n,
			       plural((long)roster.n, "placement", "placements"), day, broken,
			       plural((long)broken, "rule", "rules"));
			summary_print_score(stdout, &ctx.week, &score);
			summary_print_billable(stdout, &ctx.week, &score);
		}
		ret = broken ? EXIT_RULES_BROKEN : EXIT_WRITTEN;
	}
	roster_release(&roster);
	context_release(&ctx);
done:
	cli_args_release(&args);
	return ret;
}

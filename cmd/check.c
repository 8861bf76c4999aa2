/* check.c -- `iop-roster check`: validate a clinic folder, or a roster against it. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "context.h"
#include "summary.h"
#include "data/date.h"
#include "solver/rules.h"
#include "solver/score.h"

static const char usage_text[] =
	"usage: iop-roster check CLINIC [OPTIONS] [ROSTER]\n"
	"\n"
	"Validates every file of the clinic folder and reports every problem with\n"
	"file:line:field. With ROSTER (say, one a director edited by hand), also lists\n"
	"every hard rule the roster breaks and prints its score.\n"
	"\n"
	"options:\n"
	"  -w, --week YYYY-MM-DD   the Monday to check against (default: the Monday on or\n"
	"                          after today; with ROSTER named YYYY-MM-DD.csv, that week)\n"
	"  -p, --previous FILE     last week's roster, for the score's keep term\n"
	"  -s, --set NAME=VALUE    override one setting (repeatable)\n"
	"  -q, --quiet             print only problems\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit codes: 0 valid, 1 the roster breaks a hard rule, 64 usage, 65 bad data,\n"
	"66 missing input, 74 read error.\n";

static const struct option long_options[] = {
	{ "week", required_argument, NULL, 'w' },
	{ "previous", required_argument, NULL, 'p' },
	{ "set", required_argument, NULL, 's' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int cmd_check(int argc, char **argv)
{
	struct context_options copt = { 0 };
	bool quiet = false, have_week = false;
	const char **overrides = calloc((size_t)argc + 1, sizeof *overrides);
	size_t n_overrides = 0;
	int ret;
	if (!overrides) {
		cli_error("out of memory");
		return EXIT_OS;
	}

	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, "w:p:s:qh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'w':
			if ((ret = cli_week_arg("check", "week", optarg, &copt.week)))
				goto done;
			have_week = true;
			break;
		case 'p': copt.previous_file = optarg; break;
		case 's':
			if ((ret = cli_set_arg("check", optarg, overrides, &n_overrides)))
				goto done;
			break;
		case 'q': quiet = true; break;
		case 'h':
			fputs(usage_text, stdout);
			ret = EXIT_WRITTEN;
			goto done;
		default:
			ret = cli_usage_error("check", "unknown or incomplete option");
			goto done;
		}
	}
	int n_args = argc - optind;
	if (n_args < 1 || n_args > 2) {
		ret = cli_usage_error("check", n_args < 1 ? "missing CLINIC folder"
							  : "too many arguments");
		goto done;
	}
	copt.folder = argv[optind];
	copt.overrides = overrides;
	const char *roster_path = n_args == 2 ? argv[optind + 1] : NULL;
	if (!have_week && !(roster_path && cli_week_from_roster_name(roster_path, &copt.week)))
		copt.week = context_default_week();

	struct context ctx;
	enum status st = context_open(&ctx, &copt);
	cli_print_diags(&ctx.diag, quiet);
	diag_list_release(&ctx.diag);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		context_release(&ctx);
		goto done;
	}
	char day[11];
	date_format(ctx.week.monday, day);
	if (!roster_path) {
		if (!quiet)
			printf("%s: valid; %zu patients, %zu groups; week %s: %zu active\n",
			       copt.folder, ctx.clinic.n_patients, ctx.clinic.n_groups, day,
			       ctx.week.n_active);
		ret = EXIT_WRITTEN;
		context_release(&ctx);
		goto done;
	}

	struct roster roster = { 0 };
	st = roster_read(roster_path, &ctx.clinic, ROSTER_READ_STRICT, &roster, &ctx.diag);
	cli_print_diags(&ctx.diag, quiet);
	diag_list_release(&ctx.diag);
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
			printf("%s: %zu placements, week %s: %zu broken rule%s\n", roster_path,
			       roster.n, day, broken, broken == 1 ? "" : "s");
			summary_print_score(stdout, &ctx.week, &score);
		}
		ret = broken ? EXIT_RULES_BROKEN : EXIT_WRITTEN;
	}
	roster_release(&roster);
	context_release(&ctx);
done:
	free(overrides);
	return ret;
}

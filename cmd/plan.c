/* plan.c -- `iop-roster plan`: this week's best roster for a clinic folder. */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "context.h"
#include "summary.h"
#include "data/atomic_file.h"
#include "data/clinic_lock.h"
#include "data/csv_out.h"
#include "data/date.h"
#include "data/roster_csv.h"
#include "solver/plan.h"

static const char usage_text[] =
	"usage: iop-roster plan CLINIC [OPTIONS]\n"
	"\n"
	"Builds the roster for one week and writes CLINIC/rosters/WEEK.csv and\n"
	"WEEK.unmet.csv (the reason for every need left unmet).\n"
	"\n"
	"options:\n"
	"  -w, --week YYYY-MM-DD   the Monday to plan (default: the Monday on or after today)\n"
	"  -p, --previous FILE     last week's roster (default: newest rosters/YYYY-MM-DD.csv before WEEK)\n"
	"      --no-previous       plan as if there were no previous roster\n"
	"  -o, --out FILE          roster file to write (default: CLINIC/rosters/WEEK.csv);\n"
	"                          the unmet needs go beside it as NAME.unmet.csv\n"
	"  -t, --time-limit SECONDS  stop searching after this long, keep the best roster\n"
	"                          (default: settings time_limit, 30)\n"
	"  -g, --gap FRACTION      stop once proven within this relative gap (default 0: optimum)\n"
	"  -s, --set NAME=VALUE    override one setting of settings.csv (repeatable)\n"
	"      --mode OCTAL        file mode of the outputs (default 0600: health data)\n"
	"      --export-lp FILE    also write the integer program in CPLEX LP format\n"
	"      --export-mps FILE   also write the integer program in free MPS format\n"
	"  -v, --verbose           solver progress on stderr (never names)\n"
	"  -q, --quiet             print nothing on success (for cron)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit codes: 0 written, 64 usage, 65 bad or contradictory data, 66 missing\n"
	"input, 70 internal error, 71 out of memory, 73 cannot create output, 74 I/O\n"
	"error, 75 the clinic is locked by another run (or interrupted before any roster).\n";

enum { OPT_NO_PREVIOUS = 256, OPT_MODE, OPT_EXPORT_LP, OPT_EXPORT_MPS };

static const struct option long_options[] = {
	{ "week", required_argument, NULL, 'w' },
	{ "previous", required_argument, NULL, 'p' },
	{ "no-previous", no_argument, NULL, OPT_NO_PREVIOUS },
	{ "out", required_argument, NULL, 'o' },
	{ "time-limit", required_argument, NULL, 't' },
	{ "gap", required_argument, NULL, 'g' },
	{ "set", required_argument, NULL, 's' },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "export-lp", required_argument, NULL, OPT_EXPORT_LP },
	{ "export-mps", required_argument, NULL, OPT_EXPORT_MPS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void install_stop_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "x/rosters/2026-11-30.csv" -> "x/rosters/2026-11-30.unmet.csv". */
static char *sibling_path(const char *out, const char *suffix)
{
	size_t len = strlen(out);
	size_t stem = len;
	if (len >= 4 && !strcmp(out + len - 4, ".csv"))
		stem = len - 4;
	char *p = malloc(stem + strlen(suffix) + 1);
	if (!p)
		return NULL;
	memcpy(p, out, stem);
	strcpy(p + stem, suffix);
	return p;
}

static void print_summary(const struct context *ctx, const struct plan_result *res,
			  const char *out_path)
{
	const struct week *w = &ctx->week;
	const struct clinic *c = &ctx->clinic;
	char day[11];
	date_format(w->monday, day);
	int new_patients = 0;
	for (size_t a = 0; a < w->n_active; a++)
		new_patients += w->is_new[a];
	printf("week %s: %zu active patients (%d new), %zu groups offered\n",
	       day, w->n_active, new_patients, c->n_groups);

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
		printf("groups: %d running, %d not running", running, cancelled);
		if (cancelled) {
			int shown = 0;
			printf(" (");
			for (size_t g = 0; g < w->n_groups && shown < 8; g++)
				if (!members[g])
					printf("%s%s", shown++ ? ", " : "", c->groups[g].id);
			printf("%s)", cancelled > shown ? ", ..." : "");
		}
		printf("\n");
	}
	free(tally);
	free(members);
	summary_print_score(stdout, w, &res->score);
	printf("bound %.2f, gap %.2f%%%s, %.2f s\n", res->bound, 100.0 * res->gap,
	       res->optimal ? " (optimal)" : res->stopped ? " (stopped early)" : " (time limit)",
	       res->seconds);
	printf("unmet needs: %zu\n", res->unmet.n);
	printf("wrote %s\n", out_path);
}

int cmd_plan(int argc, char **argv)
{
	double started = now_seconds();
	struct context_options copt = { 0 };
	const char *out_opt = NULL, *export_lp = NULL, *export_mps = NULL;
	bool quiet = false, verbose = false, have_week = false;
	double gap = 0;
	mode_t mode = 0600;
	/* overrides: --time-limit and every --set, as "name=value" */
	const char **overrides = calloc((size_t)argc + 1, sizeof *overrides);
	char *time_limit_override = NULL;
	int ret = EXIT_INTERNAL;
	if (!overrides) {
		cli_error("out of memory");
		return EXIT_OS;
	}
	size_t n_overrides = 0;

	optind = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, "w:p:o:t:g:s:vqh", long_options, NULL)) != -1) {
		switch (opt) {
		case 'w':
			if (!cli_parse_week(optarg, &copt.week)) {
				ret = cli_usage_error("plan", "--week '%s' is not a Monday (YYYY-MM-DD)", optarg);
				goto done;
			}
			have_week = true;
			break;
		case 'p': copt.previous_file = optarg; break;
		case OPT_NO_PREVIOUS: copt.no_previous = true; break;
		case 'o': out_opt = optarg; break;
		case 't': {
			double v;
			if (!cli_parse_number(optarg, &v) || v <= 0) {
				ret = cli_usage_error("plan", "--time-limit '%s' is not a positive number of seconds", optarg);
				goto done;
			}
			free(time_limit_override);
			time_limit_override = malloc(strlen(optarg) + sizeof "time_limit=");
			if (!time_limit_override) {
				ret = EXIT_OS;
				goto done;
			}
			sprintf(time_limit_override, "time_limit=%s", optarg);
			break;
		}
		case 'g':
			if (!cli_parse_number(optarg, &gap) || gap >= 1) {
				ret = cli_usage_error("plan", "--gap '%s' is not a fraction in [0, 1)", optarg);
				goto done;
			}
			break;
		case 's':
			if (!strchr(optarg, '=')) {
				ret = cli_usage_error("plan", "--set '%s' is not NAME=VALUE", optarg);
				goto done;
			}
			overrides[n_overrides++] = optarg;
			break;
		case OPT_MODE: {
			char *end;
			long m = strtol(optarg, &end, 8);
			if (*optarg == '\0' || *end != '\0' || m < 0 || m > 0777) {
				ret = cli_usage_error("plan", "--mode '%s' is not an octal file mode like 0600", optarg);
				goto done;
			}
			mode = (mode_t)m;
			break;
		}
		case OPT_EXPORT_LP: export_lp = optarg; break;
		case OPT_EXPORT_MPS: export_mps = optarg; break;
		case 'v': verbose = true; break;
		case 'q': quiet = true; break;
		case 'h':
			fputs(usage_text, stdout);
			ret = EXIT_WRITTEN;
			goto done;
		default:
			ret = cli_usage_error("plan", "unknown or incomplete option");
			goto done;
		}
	}
	if (optind != argc - 1) {
		ret = cli_usage_error("plan", optind >= argc ? "missing CLINIC folder"
							      : "one CLINIC folder expected");
		goto done;
	}
	if (copt.previous_file && copt.no_previous) {
		ret = cli_usage_error("plan", "--previous and --no-previous exclude each other");
		goto done;
	}
	if (time_limit_override)
		overrides[n_overrides++] = time_limit_override;
	copt.folder = argv[optind];
	copt.overrides = overrides;
	if (!have_week)
		copt.week = context_default_week();

	struct clinic_lock lock = CLINIC_LOCK_INIT;
	struct diag_list lock_diag = DIAG_LIST_INIT;
	enum status st = clinic_lock_acquire(&lock, copt.folder, "plan", &lock_diag);
	cli_print_diags(&lock_diag, quiet);
	diag_list_release(&lock_diag);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		goto done;
	}
	install_stop_handlers();

	struct context ctx;
	st = context_open(&ctx, &copt);
	cli_print_diags(&ctx.diag, quiet);
	diag_list_release(&ctx.diag);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		context_release(&ctx);
		clinic_lock_release(&lock);
		goto done;
	}

	if (export_lp || export_mps) {
		st = plan_export(&ctx.week, export_lp, export_mps, &ctx.diag);
		cli_print_diags(&ctx.diag, quiet);
		diag_list_release(&ctx.diag);
		if (st != STATUS_OK) {
			ret = cli_exit_code(st);
			context_release(&ctx);
			clinic_lock_release(&lock);
			goto done;
		}
	}

	struct plan_options popt;
	plan_options_init(&popt);
	/* The limit covers the whole run, reading and writing included. */
	double reserve = 0.1 + (now_seconds() - started);
	popt.time_limit = ctx.clinic.settings.time_limit - reserve;
	if (popt.time_limit < 0.05)
		popt.time_limit = 0.05;
	popt.gap = gap;
	popt.stop = &stop_requested;
	popt.log = verbose ? stderr : NULL;

	struct plan_result res;
	memset(&res, 0, sizeof res);
	st = plan_week(&ctx.week, &popt, &res, &ctx.diag);
	cli_print_diags(&ctx.diag, quiet);
	if (st != STATUS_OK) {
		if (st == STATUS_INFEASIBLE)
			cli_error("the hard rules contradict each other; nothing was written");
		else if (st == STATUS_INTERRUPTED)
			cli_error("interrupted before any roster was found; nothing was written");
		ret = cli_exit_code(st);
		goto release;
	}

	char day[11];
	date_format(ctx.week.monday, day);
	char *out_path = NULL;
	if (out_opt) {
		out_path = strdup(out_opt);
	} else {
		size_t len = strlen(copt.folder) + 32;
		out_path = malloc(len);
		if (out_path)
			snprintf(out_path, len, "%s/rosters/%s.csv", copt.folder, day);
	}
	char *unmet_path = out_path ? sibling_path(out_path, ".unmet.csv") : NULL;
	struct strbuf roster_bytes = { 0 }, unmet_bytes = { 0 };
	if (!out_path || !unmet_path) {
		ret = EXIT_OS;
		cli_error("out of memory");
	} else {
		roster_csv_format(&ctx.week, &res.roster, &roster_bytes);
		unmet_csv_format(&ctx.week, &res.unmet, &unmet_bytes);
		if (roster_bytes.failed || unmet_bytes.failed) {
			cli_error("out of memory");
			ret = EXIT_OS;
		} else {
			struct pending_file files[] = {
				{ out_path, roster_bytes.data ? roster_bytes.data : "", roster_bytes.len },
				{ unmet_path, unmet_bytes.data ? unmet_bytes.data : "", unmet_bytes.len },
			};
			struct diag_list wdiag = DIAG_LIST_INIT;
			st = atomic_write_files(files, 2, mode, &wdiag);
			cli_print_diags(&wdiag, false);
			diag_list_release(&wdiag);
			ret = cli_exit_code(st);
			if (st == STATUS_OK && !quiet)
				print_summary(&ctx, &res, out_path);
		}
	}
	strbuf_release(&roster_bytes);
	strbuf_release(&unmet_bytes);
	free(out_path);
	free(unmet_path);
release:
	plan_result_release(&res);
	context_release(&ctx);
	clinic_lock_release(&lock);
done:
	free(time_limit_override);
	free(overrides);
	return ret;
}

/* example.c -- `iop-roster example`: write a generated, realistic clinic folder. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "context.h"
#include "options.h"
#include "plural.h"
#include "data/clinic_write.h"
#include "data/date.h"
#include "data/synthetic/generate.h"

static const struct cli_command command = {
	.name = "example",
	.synopsis = "FOLDER [OPTIONS]",
	.about =
	"Writes a generated clinic to try the tool on: patients.csv, groups.csv,\n"
	"progress.csv, separations.csv, pins.csv (settings.csv for tiny clinics and\n"
	"--billing) and last week's roster in rosters/. FOLDER must not exist or be\n"
	"empty. The same size, seed, week and --billing always give the same files.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "written" }, { EXIT_USAGE, NULL }, { EXIT_OS, NULL },
		{ EXIT_CANT_CREATE, "cannot create the folder (or it is not empty)" },
		{ EXIT_IO, NULL }, { -1, NULL },
	},
	.names_bad_option = true,
};

#define MAX_PATIENTS 100000

static int parse_size(const char *cmd, const char *text, void *value)
{
	int *patients = value;
	if (generate_size_named(text, patients))
		return 0;
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (end == text || *end || errno || v < 1 || v > MAX_PATIENTS)
		return cli_usage_error(cmd, "size '%s' is not tiny, S, M, L, XL or a number in 1..%d",
				       text, MAX_PATIENTS);
	*patients = (int)v;
	return 0;
}

static int parse_seed(const char *cmd, const char *text, void *value)
{
	char *end;
	errno = 0;
	/* strtoull would take "-1" as a huge seed */
	if (text[0] == '-' || text[0] == '+')
		return cli_usage_error(cmd, "seed '%s' is not a whole number", text);
	unsigned long long v = strtoull(text, &end, 10);
	if (end == text || *end || errno)
		return cli_usage_error(cmd, "seed '%s' is not a whole number", text);
	*(uint64_t *)value = (uint64_t)v;
	return 0;
}

/* Worded unlike --week elsewhere ("week", "monday"): kept as it was. */
static int parse_week(const char *cmd, const char *text, void *value)
{
	if (!cli_parse_week(text, value))
		return cli_usage_error(cmd, "week '%s' is not a monday (YYYY-MM-DD)", text);
	return 0;
}

/* 1 = exists and holds something, 0 = missing or an empty folder,
 * -1 = exists but cannot be used (errno set, or ENOTDIR). */
static int folder_state(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	DIR *d = opendir(path);
	if (!d)
		return -1;
	int state = 0;
	struct dirent *e;
	while (state == 0 && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			state = 1;
	closedir(d);
	return state;
}

/* After a failed write, leave no trace of a folder this run created. */
static void remove_created(const char *folder)
{
	size_t n = strlen(folder) + sizeof "/rosters";
	char *rosters = malloc(n);
	if (rosters) {
		snprintf(rosters, n, "%s/rosters", folder);
		rmdir(rosters);
		free(rosters);
	}
	rmdir(folder);
}

int cmd_example(int argc, char **argv)
{
	struct generate_options opt;
	generate_options_init(&opt);
	int week = 0; /* day 0 is a Thursday: no Monday given */
	const struct cli_option options[] = {
		CLI_OPT_CALLBACK('s', "size", &opt.patients, "SIZE",
				 "tiny (12 patients), S (60), M (200), L (1000), XL (5000),\n"
				 "or a number of patients (default S)", parse_size),
		CLI_OPT_CALLBACK(0, "seed", &opt.seed, "N",
				 "random seed, a whole number (default 1)", parse_seed),
		CLI_OPT_CALLBACK('w', "week", &week, "YYYY-MM-DD",
				 "the Monday the clinic is built around; last week's\n"
				 "roster is the week before (default: the Monday on or\n"
				 "after today)", parse_week),
		CLI_OPT_FLAG(0, "names", &opt.with_names,
			     "fill the name column with invented display names"),
		CLI_OPT_FLAG(0, "billing", &opt.billing,
			     "a program run in 3-hour blocks (morning, afternoon,\n"
			     "evening), with orientation (week 0), early and later\n"
			     "groups, and billable days on (3 days of 3 hours)"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args args;
	if (!cli_parse(&command, options, argc, argv, &args))
		return args.exit_code;
	if (args.n_operands < 1)
		return cli_usage_error("example", "missing FOLDER");
	if (args.n_operands > 1)
		return cli_usage_error("example", "unexpected argument '%s'", args.operands[1]);
	const char *folder = args.operands[0];
	opt.week = week ? week : context_default_week();

	int state = folder_state(folder);
	if (state < 0) {
		cli_error("cannot use '%s': %s", folder, strerror(errno));
		return EXIT_CANT_CREATE;
	}
	if (state > 0) {
		cli_error("'%s' is not empty; not overwriting it", folder);
		return EXIT_CANT_CREATE;
	}

	struct diag_list diag = DIAG_LIST_INIT;
	struct clinic clinic;
	struct roster previous;
	enum status st = generate_clinic(&opt, &clinic, &previous, &diag);
	if (st != STATUS_OK) {
		cli_print_diags(&diag, false);
		diag_list_release(&diag);
		return cli_exit_code(st);
	}

	bool created = false;
	if (access(folder, F_OK) != 0) {
		if (mkdir(folder, 0700) != 0) {
			cli_error("mkdir: %s: %s", folder, strerror(errno));
			st = STATUS_CANT_CREATE;
			goto out;
		}
		created = true;
	}
	st = clinic_write(folder, &clinic, &previous, opt.week - 7, 0600, &diag);
	if (st != STATUS_OK) {
		cli_print_diags(&diag, false);
		if (created)
			remove_created(folder);
		goto out;
	}

	char day[11], prev_day[11];
	date_format(opt.week, day);
	date_format(opt.week - 7, prev_day);
	printf("wrote '%s': %zu %s, %zu %s", folder, clinic.n_patients,
	       plural((long)clinic.n_patients, "patient", "patients"), clinic.n_groups,
	       plural((long)clinic.n_groups, "group", "groups"));
	if (previous.n)
		printf(", last week's roster rosters/%s.csv", prev_day);
	printf("\n");
	printf("next: iop-roster plan %s --week %s\n", folder, day);

out:
	roster_release(&previous);
	clinic_release(&clinic);
	diag_list_release(&diag);
	return cli_exit_code(st);
}

/* example.c -- `iop-roster example`: write a generated, realistic clinic folder. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "context.h"
#include "data/clinic_write.h"
#include "data/date.h"
#include "data/generate.h"

static const char usage_text[] =
	"usage: iop-roster example FOLDER [OPTIONS]\n"
	"\n"
	"Writes a generated clinic to try the tool on: patients.csv, groups.csv,\n"
	"progress.csv, separations.csv, pins.csv (settings.csv for tiny clinics) and\n"
	"last week's roster in rosters/. FOLDER must not exist or be empty.\n"
	"The same size, seed and week always give the same files.\n"
	"\n"
	"options:\n"
	"  -s, --size SIZE         tiny (12 patients), S (60), M (200), L (1000), XL (5000),\n"
	"                          or a number of patients (default S)\n"
	"      --seed N            random seed, a whole number (default 1)\n"
	"  -w, --week YYYY-MM-DD   the Monday the clinic is built around; last week's\n"
	"                          roster is the week before (default: the Monday on or\n"
	"                          after today)\n"
	"      --names             fill the name column with invented display names\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit codes: 0 written, 64 usage, 71 out of memory, 73 cannot create the\n"
	"folder (or it is not empty), 74 I/O error.\n";

enum { OPT_SEED = 256, OPT_NAMES };

static const struct option long_options[] = {
	{ "size", required_argument, NULL, 's' },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "week", required_argument, NULL, 'w' },
	{ "names", no_argument, NULL, OPT_NAMES },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

#define MAX_PATIENTS 100000

static bool parse_size(const char *text, int *patients)
{
	if (generate_size_named(text, patients))
		return true;
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (end == text || *end || errno || v < 1 || v > MAX_PATIENTS)
		return false;
	*patients = (int)v;
	return true;
}

static bool parse_seed(const char *text, uint64_t *seed)
{
	char *end;
	errno = 0;
	if (text[0] == '-' || text[0] == '+')
		return false;
	unsigned long long v = strtoull(text, &end, 10);
	if (end == text || *end || errno)
		return false;
	*seed = (uint64_t)v;
	return true;
}

/* 1 = exists and holds something, 0 = missing or an empty folder,
 * -1 = exists but cannot be used (errno set, or ENOTDIR). */
static int folder_state(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode)) {
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
	int week = 0;
	bool week_given = false;

	int ch;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":s:w:h", long_options, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (!parse_size(optarg, &opt.patients))
				return cli_usage_error("example",
						       "size '%s' is not tiny, S, M, L, XL or a number in 1..%d",
						       optarg, MAX_PATIENTS);
			break;
		case OPT_SEED:
			if (!parse_seed(optarg, &opt.seed))
				return cli_usage_error("example", "seed '%s' is not a whole number", optarg);
			break;
		case 'w':
			if (!cli_parse_week(optarg, &week))
				return cli_usage_error("example", "week '%s' is not a monday (YYYY-MM-DD)", optarg);
			week_given = true;
			break;
		case OPT_NAMES:
			opt.with_names = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_WRITTEN;
		case ':':
			return cli_usage_error("example", "option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return cli_usage_error("example", "unknown option '-%c'", optopt);
			return cli_usage_error("example", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("example", "missing FOLDER");
	if (argc - optind > 1)
		return cli_usage_error("example", "unexpected argument '%s'", argv[optind + 1]);
	const char *folder = argv[optind];
	opt.week = week_given ? week : context_default_week();

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
	printf("wrote '%s': %zu patients, %zu groups", folder, clinic.n_patients, clinic.n_groups);
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

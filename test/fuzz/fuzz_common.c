/* fuzz_common.c -- the scratch clinic folder shared by the harnesses. */
#include "fuzz_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/date.h"
#include "data/diag.h"
#include "data/week.h"
#include "solver/rules.h"
#include "solver/score.h"

/* A small clinic that exercises every file: label and timed slots, tags and
 * `requires`, a facilitator on two groups, progress, a separation, a pin,
 * a setting and a previous roster. */
static const struct { const char *name, *text; } valid_files[] = {
	{ "patients.csv",
	  "id,admitted,discharge,hours_min,hours_max,available,tags,need_skills,need_support,name,away\n"
	  "p1,2026-09-07,,2,20,mon 09:00-12:00;tue-eve,women,3,2,Ann Example,2026-12-01\n"
	  "p2,2026-11-02,2027-01-29,,,,,2,0,,\n"
	  "p3,2026-10-05,,,,Monday 08:00-13:00;Tue-Eve,women;spanish,1,4,,\n" },
	{ "groups.csv",
	  "id,type,slots,hours,min_size,max_size,requires,facilitator\n"
	  "g1,skills,mon 09:00-11:00,,1,10,,f1\n"
	  "g2,support,tue-eve,3,1,10,women,f1\n"
	  "g3,skills,tue-eve,2,1,2,,\n" },
	{ "progress.csv",
	  "patient,type,date,score\n"
	  "p1,skills,2026-11-01,50\n"
	  "p3,support,2026-11-20,85\n" },
	{ "separations.csv", "patient_a,patient_b\np1,p2\n" },
	{ "pins.csv", "patient,group,rule\np2,g1,must\np3,g3,never\n" },
	{ "settings.csv", "setting,value\nmastery,80\nmin_size,1\n" },
	{ "rosters/2026-11-23.csv",
	  "week,patient,group,type,slots,hours,change\n"
	  "2026-11-23,p1,g1,skills,mon 09:00-11:00,2,joined\n"
	  "2026-11-23,p3,g2,support,tue-eve,3,joined\n" },
};

static char folder[256];

static void remove_folder(void)
{
	char path[512];
	for (size_t i = 0; i < sizeof valid_files / sizeof valid_files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", folder, valid_files[i].name);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/rosters", folder);
	rmdir(path);
	snprintf(path, sizeof path, "%s/input.csv", folder);
	unlink(path);
	rmdir(folder);
}

static void write_text(const char *name, const void *data, size_t size)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", folder, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "fuzz: cannot write %s: %s\n", path, strerror(errno));
		abort();
	}
	const char *p = data;
	while (size > 0) {
		ssize_t k = write(fd, p, size);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "fuzz: write %s: %s\n", path, strerror(errno));
			abort();
		}
		p += k;
		size -= (size_t)k;
	}
	close(fd);
}

const char *fuzz_folder(void)
{
	if (folder[0])
		return folder;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	snprintf(folder, sizeof folder, "%s/iop-fuzz.XXXXXX", base);
	if (!mkdtemp(folder)) {
		fprintf(stderr, "fuzz: mkdtemp %s: %s\n", folder, strerror(errno));
		abort();
	}
	char path[512];
	snprintf(path, sizeof path, "%s/rosters", folder);
	if (mkdir(path, 0700) != 0) {
		fprintf(stderr, "fuzz: mkdir %s: %s\n", path, strerror(errno));
		abort();
	}
	for (size_t i = 0; i < sizeof valid_files / sizeof valid_files[0]; i++)
		write_text(valid_files[i].name, valid_files[i].text, strlen(valid_files[i].text));
	atexit(remove_folder);
	return folder;
}

void fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	fuzz_folder();
	write_text(name, data, size);
}

void fuzz_restore(const char *name)
{
	fuzz_folder();
	for (size_t i = 0; i < sizeof valid_files / sizeof valid_files[0]; i++) {
		if (!strcmp(valid_files[i].name, name)) {
			write_text(name, valid_files[i].text, strlen(valid_files[i].text));
			return;
		}
	}
	char path[512];
	snprintf(path, sizeof path, "%s/%s", folder, name);
	unlink(path);
}

void fuzz_load_clinic(void)
{
	struct clinic c;
	struct diag_list diag = DIAG_LIST_INIT;
	char buf[2048];
	enum status st = clinic_load(fuzz_folder(), NULL, &c, &diag);
	/* Formatting every message is part of what a run does with them.
	 * FUZZ_VERBOSE=1 shows them: how to see what a seed reaches. */
	bool verbose = getenv("FUZZ_VERBOSE") != NULL;
	for (size_t i = 0; i < diag.n; i++) {
		diag_format(&diag.items[i], buf, sizeof buf);
		if (verbose)
			fprintf(stderr, "  %s\n", buf);
	}
	if (verbose)
		fprintf(stderr, "clinic_load: %s\n", status_name(st));
	if (st == STATUS_OK && diag.n_errors) {
		fprintf(stderr, "fuzz: clinic_load returned OK with %zu errors\n", diag.n_errors);
		abort();
	}
	if (st != STATUS_OK && st != STATUS_NO_MEMORY && diag.n_errors == 0) {
		fprintf(stderr, "fuzz: clinic_load failed (%s) without an error message\n",
			status_name(st));
		abort();
	}
	diag_list_release(&diag);
	if (st == STATUS_OK) {
		day_t monday;
		if (!date_parse(FUZZ_WEEK, &monday))
			abort();
		struct week w;
		memset(&w, 0, sizeof w);
		if (week_resolve(&c, monday, NULL, NULL, &w, &diag) == STATUS_OK) {
			struct roster empty = { 0 };
			struct diag_list broken = DIAG_LIST_INIT;
			rules_check(&w, &empty, "roster.csv", &broken);
			struct score_terms score;
			score_roster(&w, &empty, &score);
			diag_list_release(&broken);
		}
		week_release(&w);
		diag_list_release(&diag);
	}
	clinic_release(&c);
}

char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

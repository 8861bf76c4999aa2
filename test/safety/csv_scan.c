/* csv_scan.c -- looks at CSV files the way a spreadsheet would, for the
 * safety tests: raw cells, with no un-neutralising.
 *
 *   csv_scan formula FILE...      exit 1 and name every cell that starts with
 *                                 '=', '+', '-' or '@' (a spreadsheet formula)
 *   csv_scan column FILE NAME...  print the raw cells of the named columns of
 *                                 every data row, tab-separated */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct scan {
	const char *file;
	int mode;                /* 0 formula, 1 column */
	long row, field;
	int bad;
	char **want; int n_want; /* column names */
	int *pick;               /* header index of each wanted column */
	char **cells; long n_cells, cap_cells;
};

static char *copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (!c) {
		perror("csv_scan");
		exit(2);
	}
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

static void on_field(void *s, size_t n, void *data)
{
	struct scan *sc = data;
	const char *cell = s;
	if (sc->mode == 0) {
		if (n > 0 && strchr("=+-@", cell[0])) {
			printf("%s:%ld:%ld: cell starts with '%c'\n", sc->file, sc->row + 1,
			       sc->field + 1, cell[0]);
			sc->bad = 1;
		}
	} else {
		if (sc->n_cells == sc->cap_cells) {
			sc->cap_cells = sc->cap_cells ? 2 * sc->cap_cells : 16;
			sc->cells = realloc(sc->cells, (size_t)sc->cap_cells * sizeof *sc->cells);
			if (!sc->cells) {
				perror("csv_scan");
				exit(2);
			}
		}
		sc->cells[sc->n_cells++] = copy(cell ? cell : "", n);
	}
	sc->field++;
}

static void on_row(int c, void *data)
{
	struct scan *sc = data;
	(void)c;
	if (sc->mode == 1) {
		if (sc->row == 0) {
			for (int w = 0; w < sc->n_want; w++) {
				sc->pick[w] = -1;
				for (long i = 0; i < sc->n_cells; i++)
					if (!strcasecmp(sc->cells[i], sc->want[w]))
						sc->pick[w] = (int)i;
				if (sc->pick[w] < 0) {
					fprintf(stderr, "csv_scan: %s: no column '%s'\n", sc->file,
						sc->want[w]);
					exit(2);
				}
			}
		} else {
			for (int w = 0; w < sc->n_want; w++)
				printf("%s%s", w ? "\t" : "",
				       sc->pick[w] < sc->n_cells ? sc->cells[sc->pick[w]] : "");
			printf("\n");
		}
		for (long i = 0; i < sc->n_cells; i++)
			free(sc->cells[i]);
		sc->n_cells = 0;
	}
	sc->row++;
	sc->field = 0;
}

static int scan_file(struct scan *sc)
{
	FILE *f = fopen(sc->file, "rb");
	if (!f) {
		perror(sc->file);
		return 2;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return 2;
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (csv_parse(&p, buf, n, on_field, on_row, sc) != n) {
			fprintf(stderr, "csv_scan: %s: %s\n", sc->file,
				csv_strerror(csv_error(&p)));
			rc = 2;
			break;
		}
	}
	if (rc == 0 && csv_fini(&p, on_field, on_row, sc) != 0) {
		fprintf(stderr, "csv_scan: %s: %s\n", sc->file, csv_strerror(csv_error(&p)));
		rc = 2;
	}
	csv_free(&p);
	fclose(f);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "formula")) {
		int rc = 0;
		for (int i = 2; i < argc; i++) {
			struct scan sc = { .file = argv[i], .mode = 0 };
			int r = scan_file(&sc);
			if (r)
				rc = r;
			else if (sc.bad && rc == 0)
				rc = 1;
		}
		return rc;
	}
	if (argc >= 4 && !strcmp(argv[1], "column")) {
		int pick[64];
		if (argc - 3 > 64)
			return 2;
		struct scan sc = { .file = argv[2], .mode = 1, .want = argv + 3,
				   .n_want = argc - 3, .pick = pick };
		int rc = scan_file(&sc);
		for (long i = 0; i < sc.n_cells; i++)
			free(sc.cells[i]);
		free(sc.cells);
		return rc;
	}
	fprintf(stderr, "usage: csv_scan formula FILE... | csv_scan column FILE NAME...\n");
	return 2;
}

/* ppm_colour.c -- counts the pixels of a binary PPM (P6) image within a
 * tolerance of one colour, so the browser test can tell a drawn chart from
 * a blank page without an image library. Usage: ppm_colour FILE RRGGBB [TOL] */
#include <stdio.h>
#include <stdlib.h>

/* Skips whitespace and '#' comments in the header. */
static int header_int(FILE *f)
{
	int c;
	do {
		c = fgetc(f);
		if (c == '#')
			while (c != '\n' && c != EOF)
				c = fgetc(f);
	} while (c == ' ' || c == '\t' || c == '\n' || c == '\r');
	int v = 0;
	if (c < '0' || c > '9')
		return -1;
	while (c >= '0' && c <= '9') {
		v = v * 10 + (c - '0');
		c = fgetc(f);
	}
	return v; /* the single whitespace after the value is consumed */
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: ppm_colour FILE RRGGBB [TOLERANCE]\n");
		return 2;
	}
	unsigned long rgb = strtoul(argv[2], NULL, 16);
	int want[3] = { (int)(rgb >> 16) & 255, (int)(rgb >> 8) & 255, (int)rgb & 255 };
	int tol = argc > 3 ? atoi(argv[3]) : 24;
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL) {
		perror(argv[1]);
		return 2;
	}
	if (fgetc(f) != 'P' || fgetc(f) != '6') {
		fprintf(stderr, "%s: not a binary PPM\n", argv[1]);
		return 2;
	}
	int w = header_int(f), h = header_int(f), max = header_int(f);
	if (w <= 0 || h <= 0 || max != 255) {
		fprintf(stderr, "%s: unsupported PPM header\n", argv[1]);
		return 2;
	}
	long count = 0;
	for (long i = 0; i < (long)w * h; i++) {
		int px[3];
		for (int k = 0; k < 3; k++)
			px[k] = fgetc(f);
		if (px[2] == EOF)
			break;
		int ok = 1;
		for (int k = 0; k < 3; k++)
			if (abs(px[k] - want[k]) > tol)
				ok = 0;
		count += ok;
	}
	fclose(f);
	printf("%ld\n", count);
	return 0;
}

/* options.c -- reading a command line by its table, and its help text. */
#include "options.h"

#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "data/date.h"

/* Long-only options get getopt values above every short option's char. */
#define LONG_ONLY 256
#define MAX_OPTIONS 32

/* The column where every option's help starts; an option too long for it
 * keeps two spaces, or its help starts on the next line when even that
 * would push the text past the terminal's edge. */
#define HELP_COLUMN 26
#define HELP_TWO_SPACES_MAX 29
#define WRAP_WIDTH 79

static void print_option_help(const struct cli_option *o, FILE *out)
{
	char left[128];
	int n;
	if (o->short_name)
		n = snprintf(left, sizeof left, "  -%c, --%s", o->short_name, o->long_name);
	else
		n = snprintf(left, sizeof left, "      --%s", o->long_name);
	if (o->arg_name && n >= 0 && (size_t)n < sizeof left)
		n += snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg_name);
	fputs(left, out);
	if (n + 2 <= HELP_COLUMN)
		fprintf(out, "%*s", HELP_COLUMN - n, "");
	else if (n <= HELP_TWO_SPACES_MAX)
		fputs("  ", out);
	else
		fprintf(out, "\n%*s", HELP_COLUMN, "");
	for (const char *p = o->help; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fprintf(out, "%*s", HELP_COLUMN, "");
	}
	fputc('\n', out);
}

static void print_help(const struct cli_command *cmd, const struct cli_option *options)
{
	printf("usage: iop-roster %s %s\n\n%s\noptions:\n", cmd->name, cmd->synopsis, cmd->about);
	for (const struct cli_option *o = options; o->kind != CLI_END; o++)
		print_option_help(o, stdout);
	fputc('\n', stdout);
	cli_print_exit_codes(cmd->exits, stdout);
}

const char *cli_exit_meaning(int code)
{
	switch (code) {
	case EXIT_WRITTEN: return "done";
	case EXIT_RULES_BROKEN: return "the roster breaks a hard rule";
	case EXIT_USAGE: return "usage";
	case EXIT_DATA: return "bad data";
	case EXIT_NO_INPUT: return "missing input";
	case EXIT_INTERNAL: return "internal error";
	case EXIT_OS: return "out of memory";
	case EXIT_CANT_CREATE: return "cannot create output";
	case EXIT_IO: return "I/O error";
	case EXIT_BUSY: return "the clinic is locked by another run";
	}
	return "?";
}

/* The length of the word at p, and of the word after it when p is a code:
 * a code never ends a line apart from its meaning. */
static size_t unbreakable(const char *p)
{
	size_t word = strcspn(p, " ");
	if (word > 0 && strspn(p, "0123456789") == word && p[word] == ' ')
		word += 1 + strcspn(p + word + 1, " ");
	return word;
}

/* Placed greedily; a meaning's own words may wrap too. */
void cli_print_exit_codes(const struct cli_exit *exits, FILE *out)
{
	char text[1024];
	size_t len = (size_t)snprintf(text, sizeof text, "Exit codes:");
	for (const struct cli_exit *e = exits; e->code >= 0 && len < sizeof text; e++)
		len += (size_t)snprintf(text + len, sizeof text - len, " %d %s%s", e->code,
					e->meaning ? e->meaning : cli_exit_meaning(e->code),
					e[1].code >= 0 ? "," : ".");
	size_t column = 0;
	for (const char *p = text; *p;) {
		size_t word = unbreakable(p);
		if (column > 0 && column + 1 + word > WRAP_WIDTH) {
			fputc('\n', out);
			column = 0;
		} else if (column > 0) {
			fputc(' ', out);
			column++;
		}
		fwrite(p, 1, word, out);
		column += word;
		p += word;
		p += strspn(p, " ");
	}
	fputc('\n', out);
}

/* A non-negative number (seconds, fractions). */
static bool parse_number(const char *text, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (end == text || *end != '\0' || errno != 0 || !isfinite(v) || v < 0)
		return false;
	*out = v;
	return true;
}

static const struct cli_option *find_option(const struct cli_option *options, int val)
{
	if (val >= LONG_ONLY)
		return &options[val - LONG_ONLY];
	for (const struct cli_option *o = options; o->kind != CLI_END; o++)
		if (o->short_name == val)
			return o;
	return NULL;
}

static bool takes_set(const struct cli_option *options)
{
	for (const struct cli_option *o = options; o->kind != CLI_END; o++)
		if (o->kind == CLI_SET)
			return true;
	return false;
}

/* Stores one option's argument. Returns 0, or the exit code of a usage
 * mistake already printed; *help is set when the help was asked for. */
static int take(const struct cli_command *cmd, const struct cli_option *o, const char *arg,
		struct cli_args *a, bool *help)
{
	const char *name = cmd->name;
	double v;
	switch (o->kind) {
	case CLI_END:
		break;
	case CLI_HELP:
		*help = true;
		break;
	case CLI_FLAG:
		*(bool *)o->value = true;
		break;
	case CLI_STRING:
		*(const char **)o->value = arg;
		break;
	case CLI_SECONDS:
		if (!parse_number(arg, o->value) || *(double *)o->value <= 0)
			return cli_usage_error(name, "--%s '%s' is not a positive number of seconds",
					       o->long_name, arg);
		break;
	case CLI_FRACTION:
		if (!parse_number(arg, o->value) || *(double *)o->value >= 1)
			return cli_usage_error(name, "--%s '%s' is not a fraction in [0, 1)",
					       o->long_name, arg);
		break;
	case CLI_CALLBACK:
		return o->callback(name, arg, o->value);
	case CLI_WEEK:
		if (!cli_parse_week(arg, &a->week)) {
			day_t d;
			if (!date_parse(arg, &d))
				return cli_usage_error(name, "--%s '%s' is not a date (YYYY-MM-DD)",
						       o->long_name, arg);
			return cli_usage_error(name, "--%s '%s' is not a Monday (YYYY-MM-DD)",
					       o->long_name, arg);
		}
		a->have_week = true;
		break;
	case CLI_SET:
		/* overrides has room for every argument */
		if (!strchr(arg, '='))
			return cli_usage_error(name, "--set '%s' is not NAME=VALUE", arg);
		a->overrides[a->n_overrides++] = arg;
		break;
	case CLI_FORMAT:
		if (!strcmp(arg, "json"))
			a->json = true;
		else if (!strcmp(arg, "text"))
			a->json = false;
		else
			return cli_usage_error(name, "--%s '%s' is not text or json", o->long_name, arg);
		break;
	case CLI_QUIET:
		a->quiet = true;
		break;
	case CLI_VERBOSE:
		a->verbose = true;
		break;
	case CLI_TIME_LIMIT:
		if (!parse_number(arg, &v) || v <= 0)
			return cli_usage_error(name, "--%s '%s' is not a positive number of seconds",
					       o->long_name, arg);
		a->time_limit = arg;
		break;
	case CLI_WORK:
		if (!parse_number(arg, &v) || v <= 0)
			return cli_usage_error(name, "--%s '%s' is not a positive number of kilo-ticks",
					       o->long_name, arg);
		a->work = arg;
		break;
	}
	return 0;
}

static int bad_option(const struct cli_command *cmd, int ch, char **argv)
{
	if (!cmd->names_bad_option)
		return cli_usage_error(cmd->name, "unknown or incomplete option");
	if (ch == ':')
		return cli_usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
	if (optopt && optopt < LONG_ONLY)
		return cli_usage_error(cmd->name, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
}

/* "name=text" appended to the overrides, into *owned; true when text is
 * NULL (not given). */
static bool add_override(struct cli_args *a, const char *name, const char *text, char **owned)
{
	if (!text)
		return true;
	*owned = malloc(strlen(name) + strlen(text) + 2);
	if (!*owned)
		return false;
	sprintf(*owned, "%s=%s", name, text);
	a->overrides[a->n_overrides++] = *owned;
	return true;
}

/* --time-limit and --work are settings like any other, given last so
 * they win. */
static bool add_time_limit(struct cli_args *a)
{
	return add_override(a, "time_limit", a->time_limit, &a->time_limit_override) &&
	       add_override(a, "work", a->work, &a->work_override);
}

bool cli_parse(const struct cli_command *cmd, const struct cli_option *options,
	       int argc, char **argv, struct cli_args *a)
{
	memset(a, 0, sizeof *a);
	/* Sized for every argument being a --set, so appending never fails. */
	if (takes_set(options) && !(a->overrides = calloc((size_t)argc + 1, sizeof *a->overrides))) {
		cli_error("out of memory");
		a->exit_code = EXIT_OS;
		return false;
	}

	struct option longs[MAX_OPTIONS + 1];
	char shorts[2 * MAX_OPTIONS + 2];
	size_t n = 0, ns = 0;
	if (cmd->names_bad_option)
		shorts[ns++] = ':';
	for (const struct cli_option *o = options; o->kind != CLI_END && n < MAX_OPTIONS; o++, n++) {
		bool has_arg = o->arg_name != NULL;
		longs[n] = (struct option){ o->long_name, has_arg ? required_argument : no_argument,
					    NULL, o->short_name ? o->short_name : LONG_ONLY + (int)n };
		if (o->short_name) {
			shorts[ns++] = (char)o->short_name;
			if (has_arg)
				shorts[ns++] = ':';
		}
	}
	assert(options[n].kind == CLI_END); /* a longer table needs a larger MAX_OPTIONS */
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
	shorts[ns] = '\0';

	opterr = !cmd->names_bad_option;
	optind = 1;
	int ch;
	bool help = false;
	while (!help && (ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		const struct cli_option *o = ch == '?' || ch == ':' ? NULL : find_option(options, ch);
		a->exit_code = o ? take(cmd, o, optarg, a, &help) : bad_option(cmd, ch, argv);
		if (a->exit_code != 0)
			goto stop;
	}
	if (help) {
		print_help(cmd, options);
		a->exit_code = EXIT_WRITTEN;
		goto stop;
	}
	if (a->overrides && !add_time_limit(a)) {
		cli_error("out of memory");
		a->exit_code = EXIT_OS;
		goto stop;
	}
	a->operands = argv + optind;
	a->n_operands = argc - optind;
	if (cmd->operands_max > 0 && a->n_operands < cmd->operands_min) {
		a->exit_code = cli_usage_error(cmd->name, "%s", cmd->missing[a->n_operands]);
		goto stop;
	}
	if (cmd->operands_max > 0 && a->n_operands > cmd->operands_max) {
		a->exit_code = cli_usage_error(cmd->name, "%s", cmd->too_many);
		goto stop;
	}
	return true;
stop:
	cli_args_release(a);
	return false;
}

void cli_args_release(struct cli_args *a)
{
	free(a->overrides);
	free(a->time_limit_override);
	free(a->work_override);
	a->overrides = NULL;
	a->time_limit_override = NULL;
	a->work_override = NULL;
}

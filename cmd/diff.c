/* diff.c -- `iop-roster diff`: who joined, left and moved between two rosters. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "context.h"
#include "json.h"
#include "options.h"
#include "data/change.h"
#include "data/clinic.h"
#include "data/roster.h"
#include "solver/move_reason.h"

static const struct cli_command command = {
	.name = "diff",
	.synopsis = "[OPTIONS] OLD.csv NEW.csv",
	.about =
	"Compares two roster files (the patient, group and type columns) and lists\n"
	"each patient who joined a group, left one, or moved to another group of the\n"
	"same type, sorted by patient id then type. Needs no clinic folder: a roster\n"
	"file names the type of each group. With --clinic and a week (--week, or NEW\n"
	"named YYYY-MM-DD.csv) each change also says why, in the words of the report\n"
	"and explain, with OLD as last week's roster. Prints ids, never display names.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "compared (whether or not they differ)" }, { EXIT_USAGE, NULL },
		{ EXIT_DATA, "bad roster file" }, { EXIT_NO_INPUT, "missing file" },
		{ EXIT_IO, "read error" }, { -1, NULL },
	},
	.operands_min = 2,
	.operands_max = 2,
	.missing = { "two roster files expected", "two roster files expected" },
	.too_many = "too many arguments",
};

struct change_row {
	enum change_kind kind;       /* joined, moved or left */
	const struct roster_row *from, *to; /* from: old row (moved, left); to: new row */
};

struct counts { int joined, moved, left, kept, patients_new, patients_gone; };

/* Classifies one old/new pairing (either side may be NULL), counts it and,
 * unless it was kept, lists it at out[*k]. */
static void record(const struct roster_row *from, const struct roster_row *to,
		   struct change_row *out, size_t *k, struct counts *n)
{
	enum change_kind kind = change_classify(from != NULL, to != NULL,
						from && to && !strcmp(from->group, to->group));
	switch (kind) {
	case CHANGE_KEPT: n->kept++; return;
	case CHANGE_NONE: return;
	case CHANGE_JOINED: n->joined++; break;
	case CHANGE_MOVED: n->moved++; break;
	case CHANGE_LEFT: n->left++; break;
	}
	out[(*k)++] = (struct change_row){ kind, from, to };
}

/* Walks both sorted lists key (patient, type) by key. */
static size_t compare(const struct roster_rows *old, const struct roster_rows *new_,
		      struct change_row *out, const struct roster_row **gone,
		      const struct roster_row **came, struct counts *n)
{
	size_t i = 0, j = 0, k = 0;
	while (i < old->n || j < new_->n) {
		const struct roster_row *key;
		if (j >= new_->n)
			key = &old->items[i];
		else if (i >= old->n)
			key = &new_->items[j];
		else {
			int d = strcmp(old->items[i].patient, new_->items[j].patient);
			if (d == 0)
				d = strcmp(old->items[i].type, new_->items[j].type);
			key = d <= 0 ? &old->items[i] : &new_->items[j];
		}
		size_t i_end = i, j_end = j;
		while (i_end < old->n && !strcmp(old->items[i_end].patient, key->patient) &&
		       !strcmp(old->items[i_end].type, key->type))
			i_end++;
		while (j_end < new_->n && !strcmp(new_->items[j_end].patient, key->patient) &&
		       !strcmp(new_->items[j_end].type, key->type))
			j_end++;
		/* Same group on both sides is kept; the rest pair up as moves in
		 * group order, and what is left over joined or left. */
		size_t n_gone = 0, n_came = 0, a = i, b = j;
		while (a < i_end || b < j_end) {
			int d = a >= i_end ? 1 : b >= j_end ? -1
				: strcmp(old->items[a].group, new_->items[b].group);
			if (d == 0) {
				record(&old->items[a], &new_->items[b], out, &k, n);
				a++;
				b++;
			} else if (d < 0) {
				gone[n_gone++] = &old->items[a];
				a++;
			} else {
				came[n_came++] = &new_->items[b];
				b++;
			}
		}
		size_t pairs = n_gone < n_came ? n_gone : n_came;
		for (size_t p = 0; p < pairs; p++)
			record(gone[p], came[p], out, &k, n);
		for (size_t p = pairs; p < n_came; p++)
			record(NULL, came[p], out, &k, n);
		for (size_t p = pairs; p < n_gone; p++)
			record(gone[p], NULL, out, &k, n);
		i = i_end;
		j = j_end;
	}
	return k;
}

/* Why each change happened, when a clinic and a week are known: the week
 * resolved with OLD as its previous roster, NEW as its roster. */
struct diff_why {
	bool on;
	struct roster old, now;
	struct week w;
	bool have_week;
	struct move_context mc;
	bool have_mc;
};

/* Leaves d->on false when the week cannot be resolved (a pin that no
 * longer fits, ...): the changes are still listed, without reasons, and
 * a warning says why. False only when memory ran out. */
static bool diff_why_init(struct diff_why *d, const struct clinic *c, int week,
			  const char *old_path, const char *new_path)
{
	memset(d, 0, sizeof *d);
	struct diag_list scratch = DIAG_LIST_INIT;
	enum status st = roster_read(old_path, c, ROSTER_READ_PREVIOUS, &d->old, &scratch);
	if (st == STATUS_OK)
		st = roster_read(new_path, c, ROSTER_READ_PREVIOUS, &d->now, &scratch);
	if (st == STATUS_OK) {
		st = week_resolve(c, week, &d->old, old_path, &d->w, &scratch);
		d->have_week = st == STATUS_OK;
	}
	if (st == STATUS_OK) {
		st = move_context_init(&d->mc, &d->w, &d->now);
		d->have_mc = true;
	}
	if (st != STATUS_OK && st != STATUS_NO_MEMORY) {
		const char *msg = "the week could not be resolved";
		for (size_t i = scratch.n; i > 0; i--)
			if (scratch.items[i - 1].severity == DIAG_ERROR)
				msg = scratch.items[i - 1].message;
		cli_warning("no reasons for the changes: %s", msg);
	}
	diag_list_release(&scratch);
	d->on = st == STATUS_OK;
	return st != STATUS_NO_MEMORY;
}

static void diff_why_release(struct diff_why *d)
{
	if (d->have_mc)
		move_context_release(&d->mc);
	if (d->have_week)
		week_release(&d->w);
	roster_release(&d->old);
	roster_release(&d->now);
}

/* The reason for one listed change into `out`; false when the clinic does
 * not know its patient or groups (then nothing is said). */
static bool diff_why_of(const struct diff_why *d, const struct change_row *ch,
			struct move_reason *m, struct strbuf *out)
{
	const struct clinic *c = d->w.clinic;
	const struct roster_row *r = ch->to ? ch->to : ch->from;
	int p = clinic_find_patient(c, r->patient);
	int from = ch->from ? clinic_find_group(c, ch->from->group) : -1;
	int to = ch->to ? clinic_find_group(c, ch->to->group) : -1;
	if (!d->on || p < 0 || (ch->from && from < 0) || (ch->to && to < 0))
		return false;
	int type = c->groups[from >= 0 ? from : to].type;
	/* A patient gone from the clinic's week keeps no new group. */
	if (to >= 0 && d->w.active_of[p] < 0)
		return false;
	if (move_reason_of(&d->mc, p, type, from, to, m) != STATUS_OK)
		return false;
	move_reason_text(&d->w, m, out);
	return true;
}

/* Patients on one side only (both lists sorted by patient first). */
static int only_in(const struct roster_rows *x, const struct roster_rows *y)
{
	int n = 0;
	size_t j = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (i > 0 && !strcmp(x->items[i - 1].patient, x->items[i].patient))
			continue;
		while (j < y->n && strcmp(y->items[j].patient, x->items[i].patient) < 0)
			j++;
		if (j >= y->n || strcmp(y->items[j].patient, x->items[i].patient) != 0)
			n++;
	}
	return n;
}

/* What the command line asked for. */
struct diff_request {
	struct cli_args args;
	const char *clinic_folder, *old_path, *new_path;
	int week;
	bool have_week;       /* given, or taken from NEW's name */
};

/* Returns true to go on; false when the command is done with *ret. */
static bool parse_request(int argc, char **argv, struct diff_request *rq, int *ret)
{
	memset(rq, 0, sizeof *rq);
	const struct cli_option options[] = {
		CLI_OPT_STRING('c', "clinic", &rq->clinic_folder, "CLINIC",
			       "take each group's type from CLINIC/groups.csv (for\n"
			       "rosters without a type column); without it and without\n"
			       "a type column, changes of group show as leave + join"),
		CLI_OPT_WEEK("with --clinic: the week NEW is for, to say why each\n"
			     "change happened (default: from NEW's name YYYY-MM-DD.csv)"),
		CLI_OPT_FORMAT("text (default) or json"),
		CLI_OPT_QUIET("print only the counts line"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args *a = &rq->args;
	if (!cli_parse(&command, options, argc, argv, a)) {
		*ret = a->exit_code;
		return false;
	}
	rq->old_path = a->operands[0];
	rq->new_path = a->operands[1];
	rq->week = a->week;
	rq->have_week = a->have_week || cli_week_from_roster_name(rq->new_path, &rq->week);
	return true;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_request rq;
	int ret;
	if (!parse_request(argc, argv, &rq, &ret))
		return ret;
	const char *clinic_folder = rq.clinic_folder;
	const char *old_path = rq.old_path, *new_path = rq.new_path;
	bool json = rq.args.json, quiet = rq.args.quiet;

	/* The clinic only names each group's type: no lock, week or previous. */
	struct context_options copt = {
		.folder = clinic_folder, .no_previous = true, .clinic_only = true, .quiet = quiet,
	};
	struct context ctx;
	struct diag_list *diag = &ctx.diag;
	const struct clinic *clinic = clinic_folder ? &ctx.clinic : NULL;
	struct roster_rows old, new_;
	memset(&old, 0, sizeof old);
	memset(&new_, 0, sizeof new_);
	struct change_row *changes = NULL;
	struct diff_why why;
	memset(&why, 0, sizeof why);
	const struct roster_row **gone = NULL, **came = NULL; /* scratch for compare */
	enum status st = context_open(&ctx, &copt);
	if (st != STATUS_OK)
		goto fail;
	/* Read both before failing, so every problem is reported at once. */
	enum status st_old = roster_rows_read(old_path, clinic, &old, diag);
	enum status st_new = roster_rows_read(new_path, clinic, &new_, diag);
	st = st_old != STATUS_OK ? st_old : st_new;
	if (st != STATUS_OK)
		goto fail;
	context_report(&ctx);

	changes = calloc(old.n + new_.n + 1, sizeof *changes);
	gone = calloc(old.n + 1, sizeof *gone);
	came = calloc(new_.n + 1, sizeof *came);
	if (changes == NULL || gone == NULL || came == NULL) {
		st = STATUS_NO_MEMORY;
		goto fail;
	}
	if (clinic != NULL && rq.have_week &&
	    !diff_why_init(&why, clinic, rq.week, old_path, new_path)) {
		st = STATUS_NO_MEMORY;
		goto fail;
	}
	struct counts n = { 0 };
	size_t n_changes = compare(&old, &new_, changes, gone, came, &n);
	n.patients_new = only_in(&new_, &old);
	n.patients_gone = only_in(&old, &new_);

	if (json) {
		struct json j;
		json_init(&j, stdout);
		json_begin_object(&j);
		json_kv_string(&j, "old", old_path);
		json_kv_string(&j, "new", new_path);
		json_key(&j, "changes");
		json_begin_array(&j);
		for (size_t i = 0; i < n_changes; i++) {
			const struct change_row *c = &changes[i];
			const struct roster_row *r = c->to ? c->to : c->from;
			json_begin_object(&j);
			json_kv_string(&j, "change", change_kind_name(c->kind));
			json_kv_string(&j, "patient", r->patient);
			json_kv_string(&j, "type", r->typed ? r->type : NULL);
			json_kv_string(&j, "from", c->from ? c->from->group : NULL);
			json_kv_string(&j, "to", c->to ? c->to->group : NULL);
			struct strbuf text = STRBUF_INIT;
			struct move_reason m;
			if (diff_why_of(&why, c, &m, &text)) {
				json_kv_string(&j, "cause", move_cause_name(m.cause));
				json_kv_string(&j, "why", text.data);
			}
			strbuf_release(&text);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_kv_int(&j, "joined", n.joined);
		json_kv_int(&j, "moved", n.moved);
		json_kv_int(&j, "left", n.left);
		json_kv_int(&j, "kept", n.kept);
		json_kv_int(&j, "patients_new", n.patients_new);
		json_kv_int(&j, "patients_gone", n.patients_gone);
		json_end_object(&j);
		json_finish(&j);
	} else {
		for (size_t i = 0; !quiet && i < n_changes; i++) {
			const struct change_row *c = &changes[i];
			const struct roster_row *r = c->to ? c->to : c->from;
			printf("%-7s %-12s %-14s ", change_kind_name(c->kind), r->patient,
			       r->typed ? r->type : "-");
			if (c->kind == CHANGE_MOVED)
				printf("%s -> %s", c->from->group, c->to->group);
			else
				printf("%s", r->group);
			struct strbuf text = STRBUF_INIT;
			struct move_reason m;
			if (diff_why_of(&why, c, &m, &text))
				printf(": %s", text.data);
			strbuf_release(&text);
			printf("\n");
		}
		printf("%d joined, %d moved, %d left, %d kept; %d patient%s new, %d gone\n",
		       n.joined, n.moved, n.left, n.kept, n.patients_new,
		       n.patients_new == 1 ? "" : "s", n.patients_gone);
	}
	ret = EXIT_WRITTEN;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output");
		ret = EXIT_IO;
	}
	goto out;
fail:
	context_report(&ctx);
	ret = cli_exit_code(st);
out:
	diff_why_release(&why);
	free(changes);
	free(gone);
	free(came);
	roster_rows_release(&old);
	roster_rows_release(&new_);
	context_release(&ctx);
	cli_args_release(&rq.args);
	return ret;
}

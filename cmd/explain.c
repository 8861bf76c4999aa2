/* explain.c -- `iop-roster explain`: why a patient got, or did not get, each
 * group in a week's roster. It reads the roster plan wrote; it never plans. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "context.h"
#include "explanation.h"
#include "json.h"
#include "options.h"
#include "plural.h"
#include "data/billing_text.h"
#include "data/date.h"
#include "data/fit.h"
#include "data/week_files.h"

static const struct cli_command command = {
	.name = "explain",
	.synopsis = "CLINIC [OPTIONS] PATIENT",
	.about =
	"For each group type: the patient's need, whether it is mastered, the group\n"
	"given or the reason none was, and for every group of the type why it was or\n"
	"was not chosen (does not fit, full, clash, hours, separation, pin, trade-off\n"
	"and what the seats went to). Reads the week's roster CLINIC/rosters/WEEK.csv\n"
	"written by plan; prints patient ids, never display names.\n",
	.exits = (const struct cli_exit[]){
		{ EXIT_WRITTEN, "explained" }, { EXIT_USAGE, "usage or unknown patient" },
		{ EXIT_DATA, NULL }, { EXIT_NO_INPUT, "missing input (no roster for the week: run plan first)" },
		{ EXIT_IO, "read error" }, { -1, NULL },
	},
	.operands_min = 2,
	.operands_max = 2,
	.missing = { "missing CLINIC folder", "missing PATIENT id" },
	.too_many = "too many arguments",
};

/* The group's required tags that the patient lacks, "a;b". */
static void missing_tags(const struct patient *p, const struct group *g, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t r = 0; r < g->n_requires; r++) {
		if (!patient_has_tag(p, g->requires[r]) && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ";" : "",
						g->requires[r]);
	}
}

/* One line of text per group; the same facts the JSON carries. */
static void print_group_line(const struct week *w, const struct explanation *e,
			     const struct type_explanation *te,
			     const struct group_explanation *ge)
{
	const struct clinic *c = w->clinic;
	const struct group *g = &c->groups[ge->group];
	printf("  %-12s %s: ", g->id, group_cause_name(ge->cause));
	switch (ge->cause) {
	case CAUSE_GIVEN:
		printf("%d/%d members%s", ge->members, ge->max_size,
		       te->given_pinned ? ", by a must pin" : "");
		break;
	case CAUSE_NO_FIT:
		if (ge->windows_misfit) {
			printf("its times are outside the patient's windows");
		} else if (ge->phase_misfit) {
			char weeks[48];
			group_phase_format(g, weeks, sizeof weeks);
			printf("it takes %s since admission, the patient is in week %d",
			       weeks, week_phase(w, e->a));
		} else {
			char tags[512];
			missing_tags(&c->patients[e->patient], g, tags, sizeof tags);
			printf("requires tags the patient lacks (%s)", tags);
		}
		break;
	case CAUSE_PINNED_OUT:
		printf("a never pin keeps the patient out (pins.csv:%ld)", ge->pin_line);
		break;
	case CAUSE_NO_NEED:
		printf("no need for %s", c->type_names[te->type]);
		break;
	case CAUSE_TYPE_TAKEN: {
		const char *to = ge->other_group >= 0 ? c->groups[ge->other_group].id
						      : "another group";
		if (ge->left && te->has_move && te->move.from == ge->group) {
			struct strbuf why = STRBUF_INIT;
			move_reason_text(w, &te->move, &why);
			printf("the patient left it for %s: %s", to, why.data);
			strbuf_release(&why);
		} else if (ge->left) {
			printf("the patient was in it last week too; one group per type, and "
			       "they are in %s", to);
		} else {
			printf("one group per type, and the patient is in %s", to);
		}
		break;
	}
	case CAUSE_CLASH:
		if (ge->other_group >= 0) {
			const struct group *o = &c->groups[ge->other_group];
			printf("meets at the same time as %s (%s, need %d), which the patient got",
			       o->id, c->type_names[o->type],
			       w->need[(size_t)e->a * w->n_types + (size_t)o->type]);
		} else {
			printf("meets at the same time as a group the patient got");
		}
		break;
	case CAUSE_HOURS:
		printf("%g h with it, over the maximum %g h (has %g h)", ge->hours_with,
		       e->hours_max, ge->hours_now);
		break;
	case CAUSE_SEPARATION:
		printf("separated partner %s is in it",
		       ge->other_patient >= 0 ? c->patients[ge->other_patient].id : "?");
		break;
	case CAUSE_FULL:
		printf("its %d %s went to members, %d with need >= %d, %d kept from last week",
		       ge->members, plural(ge->members, "seat", "seats"),
		       ge->members_need_at_least, te->need, ge->members_kept);
		break;
	case CAUSE_NOT_RUNNING: {
		char why[256];
		reasons_not_running_text(w, &ge->not_running, ge->group, why, sizeof why);
		printf("%s", why);
		break;
	}
	case CAUSE_TRADE_OFF:
		printf("open (%d/%d members) and allowed: adding the patient scores ", ge->members,
		       ge->max_size);
		if (ge->add_gain > 0.005)
			printf("%g more, a better roster than this one", round(ge->add_gain * 100) / 100);
		else if (ge->add_gain < -0.005)
			printf("%g less", round(-ge->add_gain * 100) / 100);
		else
			printf("the same, a tie");
		break;
	}
	printf("\n");
}

static void print_text(const struct week *w, const struct explanation *e,
		       const char *roster_path)
{
	const struct clinic *c = w->clinic;
	const struct patient *p = &c->patients[e->patient];
	char day[11], other[11];
	date_format(w->monday, day);
	if (e->a < 0) {
		printf("%s, week %s: not active", p->id, day);
		switch (e->inactive) {
		case INACTIVE_NOT_YET:
			date_format(p->admitted, other);
			printf(" (admitted %s, after the week)\n", other);
			break;
		case INACTIVE_DISCHARGED:
			date_format(p->discharge, other);
			printf(" (discharged %s)\n", other);
			break;
		default:
			printf(" (away the whole week)\n");
			break;
		}
		return;
	}
	/* counted from 0 like the groups' weeks_from/weeks_to, so the two can
	 * be compared at a glance */
	printf("%s, week %s: active, week %d since admission%s%s; %g h of groups (wants %g-%g)\n",
	       p->id, day, e->weeks_in > 0 ? e->weeks_in : 0, e->is_new ? ", new" : "",
	       e->advanced ? ", advanced" : "", e->hours, e->hours_min, e->hours_max);
	printf("roster: %s\n", roster_path);
	if (c->settings.billable_days > 0) {
		char bill[256];
		billing_text(w, &e->billing, bill, sizeof bill);
		printf("billing: %s\n", bill);
	}
	for (size_t t = 0; t < e->n_types; t++) {
		const struct type_explanation *te = &e->types[t];
		printf("%s: ", c->type_names[t]);
		if (te->mastered) {
			date_format(te->mastery_date, other);
			printf("mastered (score %d on %s), no need", te->mastery_score, other);
		} else if (te->need == 0) {
			printf("no need");
		} else {
			printf("need %d", te->need);
		}
		if (te->given >= 0)
			printf(", given %s%s%s", c->groups[te->given].id,
			       te->given_kept ? " (kept from last week)" : "",
			       te->given_pinned ? " (must pin)" : "");
		else if (te->unmet)
			printf(", unmet: %s", unmet_reason_name(te->unmet->reason));
		printf("\n");
		/* A move is told on the old group's line below. */
		if (te->has_move && te->move.kind != CHANGE_MOVED) {
			struct strbuf why = STRBUF_INIT;
			move_reason_text(w, &te->move, &why);
			bool left = te->move.kind == CHANGE_LEFT;
			printf("  %s %s: %s\n", left ? "left" : "joined",
			       c->groups[left ? te->move.from : te->move.to].id, why.data);
			strbuf_release(&why);
		}
		if (te->need == 0 && te->given < 0)
			continue;
		if (te->n_groups == 0)
			printf("  (no group of this type)\n");
		for (size_t i = 0; i < te->n_groups; i++)
			print_group_line(w, e, te, &te->groups[i]);
	}
}

static void print_json(const struct week *w, const struct explanation *e,
		       const char *roster_path)
{
	const struct clinic *c = w->clinic;
	const struct patient *p = &c->patients[e->patient];
	char day[11];
	struct json j;
	json_init(&j, stdout);
	json_begin_object(&j);
	date_format(w->monday, day);
	json_kv_string(&j, "week", day);
	json_kv_string(&j, "patient", p->id);
	json_kv_string(&j, "roster", roster_path);
	json_kv_bool(&j, "active", e->a >= 0);
	json_kv_string(&j, "status", inactive_why_name(e->inactive));
	if (e->a >= 0) {
		json_kv_int(&j, "weeks_in", e->weeks_in);
		json_kv_bool(&j, "new", e->is_new);
		json_kv_bool(&j, "advanced", e->advanced);
		json_kv_number(&j, "hours", e->hours);
		json_key(&j, "billing");
		if (c->settings.billable_days > 0) {
			char bill[256];
			billing_text(w, &e->billing, bill, sizeof bill);
			json_begin_object(&j);
			json_kv_bool(&j, "billable", e->billing.billable);
			json_kv_int(&j, "days", e->billing.days);
			json_kv_string(&j, "why", bill);
			json_end_object(&j);
		} else {
			json_null(&j);
		}
	}
	json_kv_number(&j, "hours_min", e->hours_min);
	json_kv_number(&j, "hours_max", e->hours_max);
	json_key(&j, "types");
	json_begin_array(&j);
	for (size_t t = 0; e->a >= 0 && t < e->n_types; t++) {
		const struct type_explanation *te = &e->types[t];
		json_begin_object(&j);
		json_kv_string(&j, "type", c->type_names[t]);
		json_kv_int(&j, "rated_need", te->rated);
		json_kv_int(&j, "need", te->need);
		json_kv_bool(&j, "mastered", te->mastered);
		json_key(&j, "score");
		if (te->mastery_score >= 0)
			json_int(&j, te->mastery_score);
		else
			json_null(&j);
		json_kv_string(&j, "group", te->given >= 0 ? c->groups[te->given].id : NULL);
		json_kv_bool(&j, "kept", te->given_kept);
		json_kv_string(&j, "reason", te->unmet ? unmet_reason_name(te->unmet->reason) : NULL);
		json_kv_string(&j, "detail", te->unmet ? te->unmet->detail : NULL);
		json_kv_string(&j, "last_week", te->previous >= 0 ? c->groups[te->previous].id : NULL);
		if (te->has_move) {
			struct strbuf why = STRBUF_INIT;
			move_reason_text(w, &te->move, &why);
			json_kv_string(&j, "change", change_kind_name(te->move.kind));
			json_kv_string(&j, "change_cause", move_cause_name(te->move.cause));
			json_kv_string(&j, "change_why", why.data);
			strbuf_release(&why);
		}
		json_key(&j, "groups");
		json_begin_array(&j);
		for (size_t i = 0; i < te->n_groups; i++) {
			const struct group_explanation *ge = &te->groups[i];
			json_begin_object(&j);
			json_kv_string(&j, "group", c->groups[ge->group].id);
			json_kv_string(&j, "cause", group_cause_name(ge->cause));
			json_kv_int(&j, "members", ge->members);
			json_kv_int(&j, "min_size", ge->min_size);
			json_kv_int(&j, "max_size", ge->max_size);
			switch (ge->cause) {
			case CAUSE_CLASH:
			case CAUSE_TYPE_TAKEN:
				json_kv_string(&j, "with_group", ge->other_group >= 0
					       ? c->groups[ge->other_group].id : NULL);
				if (ge->cause == CAUSE_TYPE_TAKEN)
					json_kv_bool(&j, "left", ge->left);
				break;
			case CAUSE_SEPARATION:
				json_kv_string(&j, "with_patient", ge->other_patient >= 0
					       ? c->patients[ge->other_patient].id : NULL);
				break;
			case CAUSE_HOURS:
				json_kv_number(&j, "hours_with", ge->hours_with);
				break;
			case CAUSE_NO_FIT:
				json_kv_string(&j, "misfit", ge->windows_misfit ? "windows"
					       : ge->phase_misfit ? "phase" : "tags");
				break;
			case CAUSE_PINNED_OUT:
				json_kv_int(&j, "pin_line", ge->pin_line);
				break;
			case CAUSE_TRADE_OFF:
				json_kv_number(&j, "gain_of_adding", ge->add_gain);
				break;
			case CAUSE_FULL:
				json_kv_int(&j, "members_need_at_least", ge->members_need_at_least);
				json_kv_int(&j, "members_kept", ge->members_kept);
				break;
			case CAUSE_NOT_RUNNING: {
				static const char *const whys[] = {
					[NOT_RUNNING_FEW_ELIGIBLE] = "few-eligible",
					[NOT_RUNNING_FACILITATOR] = "facilitator",
					[NOT_RUNNING_CLOSED] = "closed",
				};
				char why[256];
				reasons_not_running_text(w, &ge->not_running, ge->group, why,
							 sizeof why);
				json_kv_int(&j, "eligible", ge->eligible);
				json_kv_string(&j, "not_running", whys[ge->not_running.why]);
				json_kv_string(&j, "why", why);
				break;
			}
			default:
				break;
			}
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

/* What the command line asked for. */
struct explain_request {
	struct cli_args args;
	struct context_options copt;
	const char *roster, *patient_id;
};

/* Returns true to go on; false when the command is done with *ret. */
static bool parse_request(int argc, char **argv, struct explain_request *rq, int *ret)
{
	memset(rq, 0, sizeof *rq);
	const struct cli_option options[] = {
		CLI_OPT_WEEK("the Monday of the roster (default: the Monday on or\n"
			     "after today; with --roster, the week its name YYYY-MM-DD.csv\n"
			     "or else its week column says)"),
		CLI_OPT_STRING('r', "roster", &rq->roster, "FILE",
			       "the roster to explain (default: CLINIC/rosters/WEEK.csv)"),
		CLI_OPT_STRING('p', "previous", &rq->copt.previous_file, "FILE",
			       "last week's roster (default: newest before WEEK)"),
		CLI_OPT_SET("override one setting (repeatable), as given to plan"),
		CLI_OPT_FORMAT("text (default) or json"),
		CLI_OPT_HELP,
		CLI_OPT_END,
	};
	struct cli_args *a = &rq->args;
	if (!cli_parse(&command, options, argc, argv, a)) {
		*ret = a->exit_code;
		return false;
	}
	rq->copt.folder = a->operands[0];
	rq->copt.overrides = a->overrides;
	rq->copt.week = a->week;
	rq->patient_id = a->operands[1];
	if (!a->have_week && !(rq->roster && cli_week_of_roster(rq->roster, &rq->copt.week)))
		rq->copt.week = context_default_week();
	return true;
}

int cmd_explain(int argc, char **argv)
{
	struct explain_request rq;
	int ret;
	if (!parse_request(argc, argv, &rq, &ret))
		return ret;
	const struct context_options copt = rq.copt;
	const char *roster_opt = rq.roster, *patient_id = rq.patient_id;
	bool json = rq.args.json;

	struct context ctx;
	enum status st = context_open(&ctx, &copt);
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		context_release(&ctx);
		goto done;
	}

	char day[11];
	date_format(ctx.week.monday, day);
	/* The roster plan wrote for the week, unless --roster names another. */
	struct week_files wf;
	bool have_path = week_files_init(&wf, copt.folder, ctx.week.monday, roster_opt, NULL) ==
			 STATUS_OK;
	const char *roster_path = wf.roster;
	int patient = clinic_find_patient(&ctx.clinic, patient_id);
	struct roster roster = { 0 };
	struct explanation e;
	memset(&e, 0, sizeof e);
	if (!have_path) {
		cli_error("out of memory");
		ret = EXIT_OS;
		goto release;
	}
	if (patient < 0) {
		cli_error("no patient '%s' in patients.csv", patient_id);
		ret = EXIT_USAGE;
		goto release;
	}
	st = roster_read_week(roster_path, &ctx.clinic, ctx.week.monday, &roster, &ctx.diag);
	/* A missing roster gets one message, the one that says what to do. */
	if (st != STATUS_NO_INPUT)
		cli_print_diags(&ctx.diag, false);
	if (st == STATUS_NO_INPUT) {
		cli_error("no roster '%s' for week %s; run 'iop-roster plan' first or give --roster",
			  roster_path, day);
		ret = EXIT_NO_INPUT;
		goto release;
	}
	if (st != STATUS_OK) {
		ret = cli_exit_code(st);
		goto release;
	}
	st = explanation_build(&ctx.week, &roster, patient, &e);
	if (st != STATUS_OK) {
		cli_error("out of memory");
		ret = cli_exit_code(st);
		goto release;
	}
	if (json)
		print_json(&ctx.week, &e, roster_path);
	else
		print_text(&ctx.week, &e, roster_path);
	ret = EXIT_WRITTEN;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output");
		ret = EXIT_IO;
	}
release:
	explanation_release(&e);
	roster_release(&roster);
	week_files_release(&wf);
	context_release(&ctx);
done:
	cli_args_release(&rq.args);
	return ret;
}

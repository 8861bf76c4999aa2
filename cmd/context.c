/* context.c -- lock, load, find the previous roster, resolve the week. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "data/date.h"

int context_default_week(void)
{
	return date_monday_on_or_after(date_today());
}

void context_report(struct context *ctx)
{
	/* Warnings even with --quiet: it silences the summary, and cron
	 * (which runs with --quiet) must still hear about misread data. */
	cli_print_diags(&ctx->diag, false);
	/* and the report repeats them at its top, where a director looks */
	for (size_t i = 0; i < ctx->diag.n; i++) {
		const struct diag *d = &ctx->diag.items[i];
		if (d->severity == DIAG_WARNING)
			diag_add(&ctx->warnings, DIAG_WARNING, d->file, d->line, d->field, d->column,
				 "%s", d->message);
	}
	diag_list_release(&ctx->diag);
}

static enum status load(struct context *ctx, const struct context_options *o)
{
	enum status st = clinic_load(o->folder, o->overrides, &ctx->clinic, &ctx->diag);
	if (st != STATUS_OK)
		return st;

	if (!o->no_previous) {
		if (o->previous_file) {
			ctx->previous_path = strdup(o->previous_file);
			if (!ctx->previous_path)
				return STATUS_NO_MEMORY;
		} else {
			st = roster_find_previous(o->folder, o->week, &ctx->previous_path, &ctx->diag);
			if (st != STATUS_OK)
				return st;
		}
	}
	if (ctx->previous_path) {
		/* An unreadable previous roster is an error: continuity must not
		 * be lost silently. */
		st = roster_read(ctx->previous_path, &ctx->clinic, ROSTER_READ_PREVIOUS,
				 &ctx->previous, &ctx->diag);
		if (st != STATUS_OK)
			return st;
	}
	if (o->clinic_only)
		return STATUS_OK;
	return week_resolve(&ctx->clinic, o->week, ctx->previous_path ? &ctx->previous : NULL,
			    ctx->previous_path, &ctx->week, &ctx->diag);
}

enum status context_open(struct context *ctx, const struct context_options *o)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->lock = (struct clinic_lock)CLINIC_LOCK_INIT;
	ctx->quiet = o->quiet;
	if (!o->folder)
		return STATUS_OK;
	if (o->lock_for) {
		enum status st = clinic_lock_acquire(&ctx->lock, o->folder, o->lock_for, &ctx->diag);
		context_report(ctx);
		if (st != STATUS_OK)
			return st;
	}
	if (o->catch_stop)
		ctx->stop = cli_catch_stop_signals();
	enum status st = load(ctx, o);
	context_report(ctx);
	return st;
}

void context_release(struct context *ctx)
{
	if (!ctx)
		return;
	week_release(&ctx->week);
	roster_release(&ctx->previous);
	free(ctx->previous_path);
	clinic_release(&ctx->clinic);
	diag_list_release(&ctx->diag);
	diag_list_release(&ctx->warnings);
	clinic_lock_release(&ctx->lock);
	memset(ctx, 0, sizeof *ctx);
	ctx->lock = (struct clinic_lock)CLINIC_LOCK_INIT;
}

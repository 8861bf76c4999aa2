/* context.c -- load, find the previous roster, resolve the week. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include "data/date.h"

int context_default_week(void)
{
	return date_monday_on_or_after(date_today());
}

enum status context_open(struct context *ctx, const struct context_options *o)
{
	memset(ctx, 0, sizeof *ctx);
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
	return week_resolve(&ctx->clinic, o->week, ctx->previous_path ? &ctx->previous : NULL,
			    ctx->previous_path, &ctx->week, &ctx->diag);
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
	memset(ctx, 0, sizeof *ctx);
}

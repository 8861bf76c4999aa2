/* plan_end.c -- what ended a plan's search, in words (see plan.h). */
#include "plan.h"

#include <stdio.h>

const char *plan_end_name(enum plan_end e)
{
	switch (e) {
	case PLAN_END_PROVEN:
		return "proven";
	case PLAN_END_GAP:
		return "gap";
	case PLAN_END_STOPPED:
		return "stopped";
	case PLAN_END_TIME:
		return "time";
	case PLAN_END_WORK:
		return "work";
	case PLAN_END_SEARCHED:
		break;
	}
	return "searched";
}

/* Kilo-ticks, rounded up so a budget used in full reads "N of N". */
static long long kticks(long long ticks)
{
	return (ticks + 999) / 1000;
}

void plan_end_describe(const struct plan_result *r, char *buf, size_t size)
{
	switch (r->ended_by) {
	case PLAN_END_PROVEN:
		snprintf(buf, size, "stopped: proven best");
		return;
	case PLAN_END_GAP:
		snprintf(buf, size, "stopped: proven within the gap asked for");
		return;
	case PLAN_END_STOPPED:
		snprintf(buf, size, "stopped: asked to stop; a re-run may differ");
		return;
	case PLAN_END_TIME:
		snprintf(buf, size, "stopped: time limit, the safety stop; a re-run may differ");
		return;
	case PLAN_END_WORK:
		snprintf(buf, size, "stopped: work budget used (%lld of %lld kticks)",
			 kticks(r->work_used), kticks(r->work_limit));
		return;
	case PLAN_END_SEARCHED:
		break;
	}
	snprintf(buf, size, "stopped: every phase ran to its end, not proven");
}

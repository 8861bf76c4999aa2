/* kept.c -- the line about the roster a re-plan replaced. */
#include "kept.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"

bool kept_line(const struct week_kept *k, day_t monday, const char *kept_path, char *buf,
	       size_t size)
{
	if (size)
		buf[0] = '\0';
	if (!k->kept)
		return false;
	char day[11];
	date_format(monday, day);
	bool by_plan = !strcmp(k->written_by, "plan");
	if (k->history == WEEK_EDITED && by_plan)
		snprintf(buf, size, "the roster of %s had been edited since it was planned; kept as %s",
			 day, kept_path);
	else if (k->history == WEEK_EDITED)
		snprintf(buf, size, "the roster of %s had been edited since %s changed it; kept as %s",
			 day, k->written_by, kept_path);
	else if (k->history == WEEK_AS_WRITTEN && !by_plan)
		snprintf(buf, size, "the roster of %s had been changed by %s since it was planned; "
			 "kept as %s", day, k->written_by, kept_path);
	else
		snprintf(buf, size, "kept the roster it replaced as %s", kept_path);
	return k->history == WEEK_EDITED || (k->history == WEEK_AS_WRITTEN && !by_plan);
}

void kept_print(const struct week_kept *k, day_t monday, const char *kept_path, bool summary)
{
	char line[4200];
	bool news = kept_line(k, monday, kept_path, line, sizeof line);
	if (!line[0])
		return;
	if (summary)
		printf("%s\n", line);
	else if (news)
		cli_warning("%s", line);
}

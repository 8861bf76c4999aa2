/* week.c -- not yet written */

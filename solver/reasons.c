/* reasons.c -- not yet written */

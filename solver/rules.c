/* rules.c -- not yet written */

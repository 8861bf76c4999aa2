/* generate.c -- not yet written */

/* score.c -- not yet written */

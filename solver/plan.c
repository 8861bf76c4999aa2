/* plan.c -- not yet written */

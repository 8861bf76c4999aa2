/* heuristic.c -- not yet written */

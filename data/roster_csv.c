/* roster_csv.c -- not yet written */

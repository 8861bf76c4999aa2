/* clinic.c -- not yet written */

/* atomic_file.c -- not yet written */

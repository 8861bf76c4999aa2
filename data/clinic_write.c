/* clinic_write.c -- not yet written */

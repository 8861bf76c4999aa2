/* csv_out.c -- not yet written */

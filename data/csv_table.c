/* csv_table.c -- not yet written */

/* glpk_wrap.c -- not yet written */

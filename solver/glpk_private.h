/* glpk_private.h -- what the GLPK wrapper's files share: the guard around
 * every GLPK call, the environment's lifetime, and a struct model loaded
 * as a GLPK problem. Included by the glpk_*.c files only, which with it
 * are the only ones to include glpk.h. */
#ifndef IOP_GLPK_PRIVATE_H
#define IOP_GLPK_PRIVATE_H

#include <glpk.h>
#include <stdbool.h>
#include <stdio.h>

#include "glpk_wrap.h"

/* GLPK's terminal output during one call: forwarded to log when verbose,
 * the last two lines kept to explain a failure. */
struct glpkw_term {
	FILE *log;
	bool verbose;
	char line[240];  /* the line being printed */
	size_t len;
	char prev[240], last[240]; /* the last two complete lines */
};

typedef enum status (*glpkw_body_fn)(void *arg, struct diag_list *diag);

/* Runs body(arg, diag) with GLPK's terminal output captured in *term and
 * its fatal errors caught. On a fatal error the environment is freed
 * (every kept relaxation with it), the captured lines become the diag and
 * *fatal (fatal may be NULL) is set. Otherwise GLPK is left silent until
 * the next call. */
enum status glpkw_guarded(glpkw_body_fn body, void *arg, struct glpkw_term *term,
			  struct diag_list *diag, bool *fatal);

/* The same for a call that leaves nothing of GLPK behind: the environment
 * is freed afterwards unless a kept relaxation still needs it. */
enum status glpkw_guarded_once(glpkw_body_fn body, void *arg, struct glpkw_term *term,
			       struct diag_list *diag);

/* GLPK keeps one environment for all its objects. Each call frees it when
 * done (idle), so nothing of GLPK outlives a plan, except while a kept
 * relaxation holds it. The generation changes whenever it is freed, so a
 * handle built in an older one knows its problem is gone. */
void glpkw_env_idle(void);
void glpkw_env_hold(void);
void glpkw_env_unhold(void);  /* and idle */
unsigned glpkw_env_generation(void);

/* A new maximisation problem with the model's columns and the rows not in
 * `lazy` (bit 1 << enum row_kind), 1-based in model order, named for
 * export when `names`; NULL when memory for the matrix cannot be had. */
glp_prob *glpkw_prob_new(const struct model *m, bool names, unsigned lazy);

/* Milliseconds until a clock_seconds() deadline for GLPK's tm_lim (at
 * least 1; INT_MAX when deadline <= 0). */
int glpkw_ms_left(double deadline);

#endif

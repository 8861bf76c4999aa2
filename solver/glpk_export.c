/* glpk_export.c -- the model written as CPLEX LP and free MPS, with
 * readable names. */
#include "glpk_private.h"

struct export_args {
	const struct model *m;
	const char *lp_path, *mps_path;
	const struct glpkw_term *term; /* its last line says why a write failed */
};

static enum status export_body(void *arg, struct diag_list *diag)
{
	struct export_args *a = arg;
	const struct model *m = a->m;
	const char *lp_path = a->lp_path, *mps_path = a->mps_path;
	const struct glpkw_term *term = a->term;
	enum status st = STATUS_OK;
	glp_prob *P = glpkw_prob_new(m, true, 0);
	if (P == NULL)
		return STATUS_NO_MEMORY;
	if (lp_path != NULL && glp_write_lp(P, NULL, lp_path) != 0) {
		diag_error(diag, lp_path, 0, 0, NULL, "cannot write the model: %s",
			   term->last[0] ? term->last : "write failed");
		st = STATUS_CANT_CREATE;
	} else if (mps_path != NULL && glp_write_mps(P, GLP_MPS_FILE, NULL, mps_path) != 0) {
		diag_error(diag, mps_path, 0, 0, NULL, "cannot write the model: %s",
			   term->last[0] ? term->last : "write failed");
		st = STATUS_CANT_CREATE;
	}
	glp_delete_prob(P);
	return st;
}

enum status glpkw_export(const struct model *m, const char *lp_path,
			 const char *mps_path, struct diag_list *diag)
{
	struct glpkw_term term = { .log = NULL };
	struct export_args args = { m, lp_path, mps_path, &term };
	return glpkw_guarded_once(export_body, &args, &term, diag);
}

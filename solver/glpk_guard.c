/* glpk_guard.c -- the guard around every GLPK call: GLPK prints to the
 * terminal and calls abort() on fatal errors. Terminal output goes through
 * a hook (kept from the user, forwarded to the log when verbose), and a
 * fatal error long-jumps back to the guard, frees the GLPK environment and
 * becomes STATUS_INTERNAL (or STATUS_NO_MEMORY). */
#include "glpk_private.h"

#include <setjmp.h>
#include <string.h>

/* Kept relaxations alive; the environment's generation (see
 * glpk_private.h). */
static int live_lps;
static unsigned env_generation;

static void env_free(void)
{
	glp_free_env();
	env_generation++;
}

void glpkw_env_idle(void)
{
	if (live_lps == 0)
		env_free();
}

void glpkw_env_hold(void)
{
	live_lps++;
}

void glpkw_env_unhold(void)
{
	live_lps--;
	glpkw_env_idle();
}

unsigned glpkw_env_generation(void)
{
	return env_generation;
}

static int term_hook(void *info, const char *s)
{
	struct glpkw_term *t = info;
	if (t->log != NULL && t->verbose)
		fprintf(t->log, "glpk: %s", s);
	/* A fatal error arrives as a reason line, then "Error detected in
	 * file ... at line ...": keep both. */
	for (; *s; s++) {
		if (*s != '\n') {
			if (t->len + 1 < sizeof t->line)
				t->line[t->len++] = *s;
			continue;
		}
		if (t->len == 0)
			continue;
		t->line[t->len] = '\0';
		memcpy(t->prev, t->last, sizeof t->prev);
		memcpy(t->last, t->line, t->len + 1);
		t->len = 0;
	}
	return 1; /* nonzero: GLPK prints nothing itself */
}

/* "the solver failed: REASON | WHERE" from the captured lines; GLPK's own
 * allocator failing is out of memory, not a solver bug. */
static enum status diag_failure(struct diag_list *diag, const struct glpkw_term *t)
{
	bool memory = strstr(t->prev, "no memory") != NULL || strstr(t->last, "no memory") != NULL ||
		      strstr(t->prev, "out of memory") != NULL ||
		      strstr(t->last, "out of memory") != NULL;
	if (memory)
		diag_error(diag, NULL, 0, 0, NULL, "out of memory in the solver");
	else if (t->last[0] == '\0')
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: glpk error");
	else if (t->prev[0] == '\0')
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: %s", t->last);
	else
		diag_error(diag, NULL, 0, 0, NULL, "the solver failed: %s | %s", t->prev, t->last);
	return memory ? STATUS_NO_MEMORY : STATUS_INTERNAL;
}

/* Between calls GLPK must not print, nor reach into a finished call. */
static int silent_hook(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1;
}

static void error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

enum status glpkw_guarded(glpkw_body_fn body, void *arg, struct glpkw_term *term,
			  struct diag_list *diag, bool *fatal)
{
	jmp_buf jb;
	if (fatal != NULL)
		*fatal = false;
	/* GLPK sets its environment up on first use and calls abort() when
	 * that allocation fails; set up here, a failure is an answer */
	if (glp_init_env() >= 2) {
		diag_error(diag, NULL, 0, 0, NULL, "out of memory in the solver");
		return STATUS_NO_MEMORY;
	}
	glp_term_hook(term_hook, term);
	glp_error_hook(error_hook, &jb);
	if (setjmp(jb) != 0) {
		enum status st = diag_failure(diag, term);
		if (fatal != NULL)
			*fatal = true;
		env_free();
		return st;
	}
	enum status st = body(arg, diag);
	glp_term_hook(silent_hook, NULL);
	glp_error_hook(NULL, NULL);
	return st;
}

enum status glpkw_guarded_once(glpkw_body_fn body, void *arg, struct glpkw_term *term,
			       struct diag_list *diag)
{
	bool fatal;
	enum status st = glpkw_guarded(body, arg, term, diag, &fatal);
	if (!fatal)
		glpkw_env_idle();
	return st;
}

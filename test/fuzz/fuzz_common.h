/* fuzz_common.h -- what the libFuzzer harnesses share: a scratch clinic
 * folder with a small valid clinic, where one file at a time is replaced by
 * the fuzzer's input and read through the same code `plan` and `check` use. */
#ifndef IOP_FUZZ_COMMON_H
#define IOP_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "data/clinic.h"

/* The Monday every harness resolves the clinic for. */
#define FUZZ_WEEK "2026-11-30"

/* The scratch folder, created with the valid clinic on first use (in
 * /dev/shm when there is one: the harnesses write a file per input).
 * Aborts when it cannot be made: a harness without it tests nothing. */
const char *fuzz_folder(void);

/* Writes `data` as FOLDER/NAME, replacing the file. */
void fuzz_write(const char *name, const uint8_t *data, size_t size);

/* Restores FOLDER/NAME to its valid content (or removes it when the valid
 * clinic has no such file). */
void fuzz_restore(const char *name);

/* Loads the folder; when that succeeds, resolves FUZZ_WEEK and checks an
 * empty roster against it, as `check` would. Everything is released. */
void fuzz_load_clinic(void);

/* NUL-terminated copy of the input (abort on no memory). */
char *fuzz_strndup(const uint8_t *data, size_t size);

#endif

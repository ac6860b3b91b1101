/* fuzz_frontend.h - the fuzz target, shared by libFuzzer and the replay driver. */
#ifndef GT_FUZZ_FRONTEND_H
#define GT_FUZZ_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's start-up hook: caps inputs at 4096 bytes unless -max_len is given. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* Compiles one input; always returns 0 (libFuzzer's convention). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Compiles the emitted C of inputs that pass the checker with `cc`
 * -fsyntax-only; an input whose C is rejected aborts, or with `count_only`
 * is counted (a replay reports them all). */
void fuzz_check_c(const char *cc, bool count_only);
/* Inputs whose C was rejected so far. */
int fuzz_invalid_c_count(void);

#endif

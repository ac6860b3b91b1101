/* driver.h - the pipeline from a .gtp file to C, to an executable, to a run. */
#ifndef GT_DRIVER_H
#define GT_DRIVER_H

#include <stdbool.h>

typedef enum Command { CMD_BUILD, CMD_RUN, CMD_EMIT_C, CMD_CHECK } Command;

typedef struct Options {
  Command cmd;
  const char *input;     /* prog.gtp */
  const char *output;    /* -o */
  int opt_level;         /* -O0..3 */
  bool debug;            /* -g */
  bool keep_c;           /* --keep-c */
  const char *cc;        /* --cc, else $CC, else cc; for a target, TRIPLE-gcc */
  const char *target;    /* --target TRIPLE: cross-compile (build only), or NULL */
  const char *sysroot;   /* --sysroot DIR: the target's libraries, libtorch included */
  char **run_args;       /* after the input, for `run` */
  int nrun_args;
} Options;

/* Runs one command; returns the process exit status. */
int driver_run(const Options *o, const char *argv0);

#endif

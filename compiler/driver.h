/* driver.h - the pipeline from a .gtp file to C, to an executable, to a run. */
#ifndef GT_DRIVER_H
#define GT_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* One compilation of one program, from a file or from memory. */
typedef struct CompileJob {
  const char *path;        /* names the source in diagnostics; its imports are looked for beside it */
  const char *text;        /* the source in memory (`len` bytes, NUL bytes allowed), or NULL: read `path` */
  size_t len;
  const char *stdlib_dir;  /* where imports not beside `path` are found, or NULL */
  bool emit;               /* go on to reach and emit; false stops after the checker (gtorchc check) */
  bool line_directives;    /* -g */
  const char *c_path;      /* -g: where the C will be written, or NULL */
  FILE *diagnostics;       /* where errors go */
} CompileJob;

typedef struct Compiled {
  bool ok;                 /* no error was reported */
  char *c_text;            /* with `emit` and ok: the C, malloc'd (the caller frees it); else NULL */
  size_t c_len;
  char *libraries;         /* with `emit` and ok: the runtime libraries its modules declare with
                              `extern link`, space-separated, each once ("" for none); malloc'd */
} Compiled;

/* The front, middle and back end over one program: lexer -> layout -> parser
 * -> resolve -> check, then reach -> emit into memory when `emit` is set.
 * Nothing is written to the file system; only imports read from it. */
Compiled compile_to_c(const CompileJob *job);

#endif

/* main.c - gtorchc's command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "driver.h"

static const char usage[] =
    "usage: gtorchc build PROG.gtp [-o OUT] [-O0|-O1|-O2|-O3] [-g] [--keep-c] [--cc CC]\n"
    "                     [--target TRIPLE --sysroot DIR]   cross-compile, e.g. for aarch64-linux-gnu\n"
    "       gtorchc run PROG.gtp [ARGS...]     build into a cache and run\n"
    "       gtorchc emit-c PROG.gtp [-o OUT.c]  write the C\n"
    "       gtorchc check PROG.gtp              diagnostics only\n"
    "       gtorchc --version | --help\n";

static int bad_usage(const char *what) {
  fprintf(stderr, "gtorchc: error: %s\n%s", what, usage);
  return 1;
}

static bool parse_command(const char *s, Command *cmd) {
  static const struct { const char *name; Command cmd; } cmds[] = {
      {"build", CMD_BUILD}, {"run", CMD_RUN}, {"emit-c", CMD_EMIT_C}, {"check", CMD_CHECK}};
  for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
    if (strcmp(s, cmds[i].name) == 0) {
      *cmd = cmds[i].cmd;
      return true;
    }
  return false;
}

/* The triple names a directory (PREFIX/lib/TRIPLE) and a compiler
 * (TRIPLE-gcc), so it is one plain word. */
static bool is_triple(const char *s) {
  if (!*s || *s == '-' || *s == '.') return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.')) return false;
  return true;
}

/* A cross-compiled program runs elsewhere, so `run` cannot take a target;
 * emit-c and check accept one, as the C is the same for every target. */
static int check_target(const Options *o) {
  if (o->sysroot && !o->target) return bad_usage("--sysroot needs --target");
  if (!o->target) return 0;
  if (!is_triple(o->target)) return bad_usage("--target needs a triple such as aarch64-linux-gnu");
  if (o->cmd == CMD_RUN) return bad_usage("run executes on this machine; cross-compile with build --target");
  return 0;
}

/* Options may come before or after the input; for `run`, everything after
 * the input belongs to the program. */
static int parse_options(Options *o, int argc, char **argv) {
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (o->input && o->cmd == CMD_RUN) {
      o->run_args = argv + i;
      o->nrun_args = argc - i;
      break;
    }
    if (strcmp(a, "-o") == 0) {
      if (++i == argc) return bad_usage("-o needs a file name");
      o->output = argv[i];
    } else if (strncmp(a, "-O", 2) == 0 && strlen(a) == 3 && a[2] >= '0' && a[2] <= '3') {
      o->opt_level = a[2] - '0';
    } else if (strcmp(a, "-g") == 0) {
      o->debug = true;
    } else if (strcmp(a, "--keep-c") == 0) {
      o->keep_c = true;
    } else if (strcmp(a, "--cc") == 0) {
      if (++i == argc) return bad_usage("--cc needs a compiler");
      o->cc = argv[i];
    } else if (strcmp(a, "--target") == 0) {
      if (++i == argc) return bad_usage("--target needs a target triple");
      o->target = argv[i];
    } else if (strcmp(a, "--sysroot") == 0) {
      if (++i == argc) return bad_usage("--sysroot needs a directory");
      o->sysroot = argv[i];
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "gtorchc: error: unknown option '%s'\n%s", a, usage);
      return 1;
    } else if (!o->input) {
      o->input = a;
    } else {
      return bad_usage("more than one input file");
    }
  }
  if (!o->input) return bad_usage("no input file");
  return check_target(o);
}

int main(int argc, char **argv) {
  if (argc < 2) return bad_usage("no command");
  if (strcmp(argv[1], "--version") == 0) {
    printf("gtorchc %s\n", GT_VERSION);
    return 0;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(usage, stdout);
    return 0;
  }
  Options o = {.opt_level = -1};
  if (!parse_command(argv[1], &o.cmd)) {
    fprintf(stderr, "gtorchc: error: unknown command '%s'\n%s", argv[1], usage);
    return 1;
  }
  int rc = parse_options(&o, argc, argv);
  if (rc) return rc;
  /* -g debugs what was written: no optimisation unless one is asked for,
   * and the C kept beside the executable for the lines of no .gtp statement. */
  if (o.opt_level < 0) o.opt_level = o.debug ? 0 : 1;
  if (o.debug) o.keep_c = true;
  return driver_run(&o, argv[0]);
}

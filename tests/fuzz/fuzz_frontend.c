/* fuzz_frontend.c - one input, one program, through the whole compiler.
 *
 * LLVMFuzzerTestOneInput runs lexer -> layout -> parser -> resolve -> check
 * -> reach -> emit on the input in memory, as `gtorchc emit-c` would on a
 * file; inputs of odd length are compiled as with -g, so that the #line
 * paths of the emitter are fuzzed too. Any crash, sanitizer report or leak
 * is a finding. The input is named FUZZ_INPUT_PATH, in a directory that does
 * not exist, so its imports come from the stdlib alone.
 *
 * The braces of every input's C must pair up (braces_pair). With
 * GTORCHC_FUZZ_CHECK_C=1 in the environment (or fuzz_check_c() called),
 * the C of every input that passes the checker is handed to
 * `$CC -fsyntax-only` (cc when CC is unset): C that the C compiler rejects
 * is a gtorchc bug, reported as a crash with the compiler's messages.
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_frontend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "driver.h"

#define FUZZ_INPUT_PATH "<fuzz>/input.gtp"

static const char *c_compiler;  /* NULL: the emitted C is not compiled */
static bool keep_going;         /* count invalid C instead of aborting */
static int invalid_c;

void fuzz_check_c(const char *cc, bool count_only) {
  c_compiler = cc;
  keep_going = count_only;
}

int fuzz_invalid_c_count(void) {
  return invalid_c;
}

/* The C compiler for the second mode, from the environment. */
static void check_c_from_env(void) {
  static bool read_env;
  if (read_env) return;
  read_env = true;
  const char *on = getenv("GTORCHC_FUZZ_CHECK_C");
  if (!on || !*on || strcmp(on, "0") == 0) return;
  const char *cc = getenv("CC");
  if (!c_compiler) c_compiler = cc && *cc ? cc : "cc";
}

/* Does the C compiler accept the C? Its messages go to stderr. */
static bool c_compiles(const char *c_text, size_t len) {
  char *cmd = NULL;
  size_t cmd_len = 0;
  FILE *m = open_memstream(&cmd, &cmd_len);
  if (!m) return true;
  fprintf(m, "%s -std=c11 -fsyntax-only -Werror=implicit-function-declaration -I'%s' -x c - 1>&2", c_compiler,
          GT_FUZZ_INCLUDE_DIR);
  fclose(m);
  FILE *cc = popen(cmd, "w");
  free(cmd);
  if (!cc) {
    perror("fuzz_frontend: cannot start the C compiler");
    abort();
  }
  fwrite(c_text, 1, len, cc);
  int status = pclose(cc);
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Programs that find bugs are short; long inputs only slow a campaign down.
 * libFuzzer reads its flags after this hook, so a -max_len given on the
 * command line still wins. */
enum { FUZZ_MAX_LEN = 4096 };

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  for (int i = 1; i < *argc; i++)
    if (strncmp((*argv)[i], "-max_len=", 9) == 0) return 0;
  static char max_len[32];
  snprintf(max_len, sizeof max_len, "-max_len=%d", FUZZ_MAX_LEN);
  char **args = malloc((size_t)(*argc + 2) * sizeof *args);
  if (!args) return 0;
  memcpy(args, *argv, (size_t)*argc * sizeof *args);
  args[(*argc)++] = max_len;
  args[*argc] = NULL;
  *argv = args;  /* kept for the life of the process, as argv is */
  return 0;
}

/* Do the braces of C text pair up (strings, characters and comments left
 * out)? A cheap check of every input's C, which the C compiler's check
 * above makes only where asked: a clause that closes a block it never
 * opened (a bare `except:`) shows here. */
static bool braces_pair(const char *c, size_t len) {
  long depth = 0;
  for (size_t i = 0; i < len; i++) {
    if (c[i] == '"' || c[i] == '\'') {
      char q = c[i];
      for (i++; i < len && c[i] != q; i++)
        if (c[i] == '\\') i++;
    } else if (c[i] == '/' && i + 1 < len && c[i + 1] == '*') {
      for (i += 2; i + 1 < len && !(c[i] == '*' && c[i + 1] == '/'); i++) {}
      i++;
    } else if (c[i] == '/' && i + 1 < len && c[i + 1] == '/') {
      while (i < len && c[i] != '\n') i++;
    } else if (c[i] == '{') {
      depth++;
    } else if (c[i] == '}' && --depth < 0) {
      return false;
    }
  }
  return depth == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  check_c_from_env();
  char *diagnostics = NULL;
  size_t diagnostics_len = 0;
  FILE *diag_out = open_memstream(&diagnostics, &diagnostics_len);
  if (!diag_out) return 0;
  CompileJob job = {.path = FUZZ_INPUT_PATH,
                    .text = (const char *)data,
                    .len = size,
                    .stdlib_dir = GT_FUZZ_STDLIB_DIR,
                    .emit = true,
                    .line_directives = size % 2 == 1,
                    .diagnostics = diag_out};
  Compiled c = compile_to_c(&job);
  fclose(diag_out);
  free(diagnostics);
  if (c.ok && !braces_pair(c.c_text, c.c_len)) {
    fprintf(stderr, "fuzz_frontend: the braces of the C emitted for this input do not pair up: a gtorchc bug\n");
    abort();
  }
  if (c.ok && c_compiler && !c_compiles(c.c_text, c.c_len)) {
    fprintf(stderr, "fuzz_frontend: the C compiler rejects the C emitted for this input: a gtorchc bug\n");
    invalid_c++;
    if (!keep_going) abort();
  }
  free(c.c_text);
  free(c.libraries);
  return 0;
}

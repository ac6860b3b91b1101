/* driver_steps.c - compile_to_c runs only the steps a job asks for.
 *
 * `gtorchc check` must never run the emitter (nor reach, which only serves
 * it), and the fuzz target relies on compile_to_c running every step on a
 * source in memory. The linker routes the driver's calls to reach_program
 * and emit_program through the wrappers below (-Wl,--wrap), which count
 * them.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "sema.h"

static int reached, emitted;

void __real_reach_program(Program *p);
void __real_emit_program(Program *p, FILE *out, const EmitOptions *opt);

void __wrap_reach_program(Program *p) {
  reached++;
  __real_reach_program(p);
}

void __wrap_emit_program(Program *p, FILE *out, const EmitOptions *opt) {
  emitted++;
  __real_emit_program(p, out, opt);
}

static int failures;

static void expect(int ok, const char *what) {
  if (ok) return;
  fprintf(stderr, "driver_steps: FAIL: %s\n", what);
  failures++;
}

static Compiled compile(const char *source, bool emit, char **diagnostics) {
  size_t len = 0;
  FILE *out = open_memstream(diagnostics, &len);
  CompileJob job = {.path = "<test>/prog.gtp", .text = source, .len = strlen(source),
                    .stdlib_dir = GT_TEST_STDLIB_DIR, .emit = emit, .diagnostics = out};
  reached = emitted = 0;
  Compiled c = compile_to_c(&job);
  fclose(out);
  return c;
}

int main(void) {
  const char *good = "def double(n: int) -> int:\n    return 2 * n\nprint(double(21))\n";
  char *diagnostics = NULL;

  Compiled c = compile(good, false, &diagnostics);
  expect(c.ok && !c.c_text, "a check job succeeds without C");
  expect(reached == 0 && emitted == 0, "a check job runs neither reach nor emit");
  free(diagnostics);

  c = compile(good, true, &diagnostics);
  expect(c.ok && c.c_text && strstr(c.c_text, "double"), "an emit job gives the C");
  expect(reached == 1 && emitted == 1, "an emit job runs reach, then emit, once each");
  expect(c.c_text && strlen(c.c_text) == c.c_len, "the C's length is its text's");
  expect(c.libraries && strcmp(c.libraries, "") == 0, "a program importing nothing links no library");
  free(c.c_text);
  free(c.libraries);
  free(diagnostics);

  /* The libraries to link come from the stdlib's `extern link`, each once. */
  c = compile("import torch\nimport torch.nn as nn\nimport math\nprint(torch.zeros(2), math.pi)\n", true,
              &diagnostics);
  expect(c.ok && c.libraries && strcmp(c.libraries, "gtorch") == 0, "torch and torch.nn link libgtorch once");
  free(c.c_text);
  free(c.libraries);
  free(diagnostics);

  c = compile("print(double(\"21\"))\n", true, &diagnostics);
  expect(!c.ok && !c.c_text, "a program with an error gives no C");
  expect(reached == 0 && emitted == 0, "nothing is emitted after an error");
  expect(diagnostics && strstr(diagnostics, "<test>/prog.gtp:1:7: error: "), "the error is located in the source");
  free(diagnostics);

  const char nul_source[] = "x = 1\n\0y = 2\n";
  size_t len = 0;
  FILE *out = open_memstream(&diagnostics, &len);
  CompileJob job = {.path = "nul.gtp", .text = nul_source, .len = sizeof nul_source - 1, .emit = true,
                    .diagnostics = out};
  c = compile_to_c(&job);
  fclose(out);
  expect(!c.ok && strstr(diagnostics, "nul.gtp:2:1: error: source code cannot contain null bytes"),
         "a NUL byte in memory is located, not the end of the source");
  free(diagnostics);

  if (failures) return 1;
  puts("driver_steps: all passed");
  return 0;
}

/* frames.c - where the program is, for logging's records and the
 * warnings module's messages: the .gtp frames, of which the stdlib's
 * functions keep none, so the innermost is the user's call of the
 * library (CPython's findCaller and stacklevel walk Python's frames). */
#include "core_internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The module a frame's file is: "__main__" for the program's own (the
 * outermost frame's file), else the file's name without ".gtp". */
static gt_str *frame_module(const gt_frame *f) {
  const gt_frame *main = f;
  while (main->up) main = main->up;
  if (strcmp(f->file, main->file) == 0) return gt_str_from_cstr("__main__");
  const char *base = strrchr(f->file, '/');
  base = base ? base + 1 : f->file;
  size_t n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".gtp") == 0) n -= 4;
  return gt_str_new(base, (int64_t)n);
}

/* The frame's file as a path from the root, as CPython's co_filename of
 * a script (its abspath at start-up; here the working directory's now). */
static gt_str *frame_path(const gt_frame *f) {
  char *cwd = f->file[0] == '/' ? NULL : getcwd(NULL, 0);
  if (!cwd) return gt_str_from_cstr(f->file);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "%s/%s", cwd, f->file);
  free(cwd);
  return gt_sbuf_finish(&b);
}

static void append_str(gt_list *l, gt_str *s) {
  gt_list_append(l, (gt_val){.p = s});
  gt_release(s);
}

/* [file, function, line, module] of the frame `depth` calls out from the
 * innermost (1: the innermost), the file a path from the root; past the
 * outermost, CPython's "sys"/"(unknown file)" place. */
gt_list *gt_frame_place(int64_t depth) {
  gt_frame *f = gt_top_frame;
  for (int64_t i = 1; f && i < depth; i++) f = f->up;
  char line[24];
  snprintf(line, sizeof line, "%d", f ? (int)f->line : 0);
  gt_list *l = gt_list_new(&gt_t_list_str, 4);
  append_str(l, f ? frame_path(f) : gt_str_from_cstr("(unknown file)"));
  append_str(l, gt_str_from_cstr(f ? f->func : "(unknown function)"));
  append_str(l, gt_str_from_cstr(line));
  append_str(l, f ? frame_module(f) : gt_str_from_cstr("sys"));
  return l;
}

/* threading.get_ident(): the thread's pthread_t, as CPython's. */
int64_t gt_thread_ident(void) { return (int64_t)(uintptr_t)pthread_self(); }

/* warnings' "error" action: raises category(message). */
void gt_warnings_raise(const gt_classobj *category, const gt_str *message) {
  gt_raise(gt_exc_new(category->of, (gt_str *)message));
}

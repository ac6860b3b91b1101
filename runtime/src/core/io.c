/* io.c - print() and input(). stdout is buffered (see gt_init); gt_fail and
 * gt_exit flush it, and input() flushes it before reading, as Python does. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <stdio.h>
#include <stdlib.h>

void gt_stdout_write(const char *p, size_t n) {
  if (n && fwrite(p, 1, n, stdout) != n) {
    /* A closed pipe (`prog | head`) is not the program's error. */
    if (ferror(stdout)) gt_exit(1);
  }
}

void gt_print(int64_t n, gt_str *const *args, const gt_str *sep, const gt_str *end) {
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) {
      if (sep) gt_stdout_write(sep->data, (size_t)sep->len);
      else gt_stdout_write(" ", 1);
    }
    gt_stdout_write(args[i]->data, (size_t)args[i]->len);
  }
  if (end) gt_stdout_write(end->data, (size_t)end->len);
  else gt_stdout_write("\n", 1);
}

void gt_print_flush(bool flush) {
  if (flush && fflush(stdout) != 0 && ferror(stdout)) gt_exit(1);
}

static void gt_print_append(gt_list *strs, gt_val v, const gt_type *t) {
  gt_str *s = gt_val_str(v, t);
  gt_list_append(strs, (gt_val){.p = s});
  gt_release(s);
}

void gt_print_add(gt_list *strs, gt_val seq, const gt_type *t) {
  if (t->kind == GT_K_LIST) {
    const gt_list *l = seq.p;
    for (int64_t i = 0; i < l->len; i++) gt_print_append(strs, l->items[i], t->args[0]);
    return;
  }
  const gt_tuple *tu = seq.p;
  for (int64_t i = 0; i < tu->len; i++) gt_print_append(strs, tu->items[i], tu->type->args[i]);
}

void gt_print_list(const gt_list *strs, const gt_str *sep, const gt_str *end) {
  gt_str **parts = gt_xmalloc(sizeof *parts * (size_t)(strs->len ? strs->len : 1));
  for (int64_t i = 0; i < strs->len; i++) parts[i] = strs->items[i].p;
  gt_print(strs->len, parts, sep, end);
  free(parts);
}

gt_str *gt_input(const gt_str *prompt) {
  if (prompt) gt_stdout_write(prompt->data, (size_t)prompt->len);
  fflush(stdout);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, stdin);
  if (n < 0) {
    free(line);
    gt_fail("EOFError: EOF when reading a line");
  }
  if (n > 0 && line[n - 1] == '\n') n--;
  gt_str *s = gt_str_new(line, n);
  free(line);
  return s;
}

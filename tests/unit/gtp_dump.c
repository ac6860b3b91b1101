/* gtp_dump.c - prints the syntax tree of each .gtp file given, one line
 * each, for the comparison with CPython's parser (cpython_ast.py). */
#include <stdio.h>

#include "parse.h"

int main(int argc, char **argv) {
  int status = 0;
  for (int i = 1; i < argc; i++) {
    Arena a = {0};
    Diag d;
    diag_init(&d, stdout);
    SrcFile *f = src_load(&a, &d, argv[i]);
    Node *m = f ? parse_module(&a, &d, f) : NULL;
    if (m) {
      ast_dump(stdout, m);
      putchar('\n');
    } else {
      status = 1;
    }
    arena_free(&a);
  }
  return status;
}

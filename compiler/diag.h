/* diag.h - diagnostics: `file:line:col: error: message`, the source line and a caret. */
#ifndef GT_DIAG_H
#define GT_DIAG_H

#include <stdint.h>
#include <stdio.h>

#include "ast.h"

enum { DIAG_MAX_ERRORS = 20 };

typedef struct Diag {
  FILE *out;           /* stderr, or a memstream in tests */
  int errors;          /* reported so far */
  int suppressed;      /* past DIAG_MAX_ERRORS */
  /* the last error, whose repetition (a node checked twice) is not shown again */
  const SrcFile *last_file;
  uint32_t last_pos;
  char *last_msg;
} Diag;

void diag_init(Diag *d, FILE *out);
/* Drops the record of the last error (at the end of a run of the front end). */
void diag_forget_last(Diag *d);
/* Reports an error spanning [pos, pos+len) of `file`; printf-style message. */
void diag_error(Diag *d, const SrcFile *file, uint32_t pos, uint32_t len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_note(Diag *d, const SrcFile *file, uint32_t pos, uint32_t len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* An error at a node. */
void diag_at(Diag *d, const Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Error with no source position (`gtorchc: error: ...`). */
void diag_plain(Diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1-based line and column of byte offset `pos` (columns count UTF-8 code
 * points). O(log n) between diag_index_begin() and diag_index_end(), which
 * must bracket a time when no source file is freed; a scan otherwise. */
void diag_linecol(const SrcFile *file, uint32_t pos, int *line, int *col);
void diag_index_begin(void);
/* Frees the line indexes; look-ups scan again. */
void diag_index_end(void);
/* Prints the final "N errors generated" line when errors were suppressed. */
void diag_finish(Diag *d);

#endif

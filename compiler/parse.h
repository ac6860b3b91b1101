/* parse.h - source text to syntax tree: lexer.re, layout.c, grammar/gtp.y. */
#ifndef GT_PARSE_H
#define GT_PARSE_H

#include "ast.h"
#include "diag.h"

/* Reads `path` whole into the arena. On failure reports
 * `gtorchc: error: cannot read PATH: REASON` and returns NULL. */
SrcFile *src_load(Arena *a, Diag *d, const char *path);
/* A source file from memory (tests, -c strings). */
SrcFile *src_from_string(Arena *a, const char *path, const char *text);
/* `len` bytes from memory, which may hold NUL bytes (parse_module rejects
 * them with a located error): a fuzzer's input, an editor's buffer. */
SrcFile *src_from_buffer(Arena *a, const char *path, const char *text, size_t len);

/* Expressions nest at most this deep (Node.depth), so that later passes
 * may walk them recursively without running out of C stack. */
enum { PARSE_MAX_DEPTH = 1000 };

/* An if statement has at most this many elif branches: every pass walks the
 * chain as nested ifs. CPython itself stops compiling near 3,000. */
enum { PARSE_MAX_ELIFS = 3000 };

/* Parses a whole file into an ND_MODULE. Stops at the first syntax error,
 * reports it through `d` and returns NULL. */
Node *parse_module(Arena *a, Diag *d, const SrcFile *file);

#endif

/* lex.h - the token stream between lexer.re, layout.c and parse.c.
 *
 * A token is a kind and a span of the source; it never owns memory. Token
 * kinds are the grammar's (grammar/gtp.y, TK_ in the generated gtp.h),
 * plus a few the parser never sees.
 */
#ifndef GT_LEX_H
#define GT_LEX_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "gtp.h"

typedef struct Token {
  int kind;
  uint32_t pos, len;   /* byte span in the file */
} Token;

/* Kinds outside the grammar: 0 ends the input, as Lemon expects. */
enum {
  TK_EOF = 0,
  TK_NL = 1000,        /* a physical line break; layout.c makes NEWLINEs */
  TK_ERROR,            /* the message is in Lexer.msg / Layout.msg */
};

enum { LEX_MSG_MAX = 160 };

typedef struct Lexer {
  const SrcFile *file;
  const char *buf;     /* text being scanned, NUL-terminated */
  const char *cur;
  const char *lim;     /* buf + its length: the NUL here is the end */
  uint32_t base;       /* file offset of buf[0] */
  char msg[LEX_MSG_MAX];
} Lexer;

/* Scans the whole file. */
void lex_init(Lexer *lx, const SrcFile *file);
/* Scans `text` (NUL-terminated, `len` bytes), a copy of the file's bytes
 * from offset `base` on: an f-string's replacement field. */
void lex_init_at(Lexer *lx, const SrcFile *file, const char *text, uint32_t len, uint32_t base);
Token lex_next(Lexer *lx);
/* The spelling of a token kind for messages: "')'", "'if'", "name", ... */
const char *lex_kind_text(int kind);
/* Whether `text` is valid UTF-8 without NUL bytes; *bad is the offset of
 * the first byte that is not. */
bool lex_check_encoding(const char *text, uint32_t len, uint32_t *bad);

enum { LAYOUT_MAX_INDENT = 100, LAYOUT_MAX_NEST = 200 };

typedef struct Layout {
  Lexer *lx;
  bool fexpr;          /* an f-string field: no lines, no indentation */
  bool atbol;          /* the next token starts a logical line */
  bool line_has_tokens;
  uint32_t line_start; /* offset of the current physical line */
  int pending;         /* DEDENTs still to hand out */
  Token unread[2];     /* tokens read ahead and put back, last first */
  int nunread;
  int nindent;
  int indent[LAYOUT_MAX_INDENT + 1];    /* columns, tabs to multiples of 8 */
  int altindent[LAYOUT_MAX_INDENT + 1]; /* columns, tabs as 1: the ambiguity check */
  int depth;
  Token open[LAYOUT_MAX_NEST];          /* the unclosed brackets */
  bool done;
  bool unclosed;       /* the error: the input ended inside brackets */
  Token last;          /* the last token handed out */
  char msg[LEX_MSG_MAX];
} Layout;

void layout_init(Layout *ly, Lexer *lx, bool fexpr);
/* The next token for the parser: NEWLINE, INDENT and DEDENT included,
 * TK_NL never; TK_ERROR with ly->msg set on an error; TK_EOF at the end. */
Token layout_next(Layout *ly);

#endif

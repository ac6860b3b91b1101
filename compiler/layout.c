/* layout.c - from physical lines to logical ones: NEWLINE, INDENT, DEDENT.
 *
 * Sits between the lexer and the parser and does what CPython's tokenizer
 * does: line breaks inside brackets and after a backslash join lines, blank
 * and comment-only lines vanish, and the indentation of each logical line
 * is compared with a stack of enclosing ones. Tabs advance to the next
 * multiple of 8; the same comparison with tabs counted as 1 must agree, or
 * the meaning would depend on the tab width.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "lex.h"

void layout_init(Layout *ly, Lexer *lx, bool fexpr) {
  memset(ly, 0, sizeof *ly);
  ly->lx = lx;
  ly->fexpr = fexpr;
  ly->atbol = !fexpr;
  ly->line_start = lx->base + (uint32_t)(lx->cur - lx->buf);
  ly->last.kind = TK_NEWLINE;
}

static Token make(int kind, uint32_t pos, uint32_t len) {
  Token t = {kind, pos, len};
  return t;
}

static Token error(Layout *ly, Token at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static Token error(Layout *ly, Token at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ly->msg, sizeof ly->msg, fmt, ap);
  va_end(ap);
  ly->done = true;
  return make(TK_ERROR, at.pos, at.len ? at.len : 1);
}

static Token read(Layout *ly) {
  if (ly->nunread > 0)
    return ly->unread[--ly->nunread];
  Token t = lex_next(ly->lx);
  if (t.kind == TK_ERROR)
    memcpy(ly->msg, ly->lx->msg, sizeof ly->msg);
  return t;
}

static void unread(Layout *ly, Token t) {
  ly->unread[ly->nunread++] = t;
}

static const char *text_at(Layout *ly, uint32_t pos) {
  return ly->lx->buf + (pos - ly->lx->base);
}

static int line_of(Layout *ly, uint32_t pos) {
  int line, col;
  diag_linecol(ly->lx->file, pos, &line, &col);
  return line;
}

/* indentation: the columns of `t`, the first token of a logical line,
 * against the stack. Returns t itself, INDENT or DEDENT (t is put back). */
static Token indentation(Layout *ly, Token t) {
  int col = 0, altcol = 0;
  for (const char *s = text_at(ly, ly->line_start), *e = text_at(ly, t.pos); s < e; s++) {
    if (*s == ' ')
      col++, altcol++;
    else if (*s == '\t')
      col = (col / 8 + 1) * 8, altcol++;
    else if (*s == '\f')
      col = altcol = 0;
  }
  int n = ly->nindent;
  if (col == ly->indent[n]) {
    if (altcol != ly->altindent[n])
      return error(ly, t, "inconsistent use of tabs and spaces in indentation");
    return t;
  }
  if (col > ly->indent[n]) {
    if (n == LAYOUT_MAX_INDENT)
      return error(ly, t, "too many levels of indentation");
    if (altcol <= ly->altindent[n])
      return error(ly, t, "inconsistent use of tabs and spaces in indentation");
    ly->nindent++;
    ly->indent[n + 1] = col;
    ly->altindent[n + 1] = altcol;
    unread(ly, t);
    return make(TK_INDENT, t.pos, t.len);
  }
  while (n > 0 && col < ly->indent[n])
    n--;
  if (col != ly->indent[n])
    return error(ly, t, "unindent does not match any outer indentation level");
  if (altcol != ly->altindent[n])
    return error(ly, t, "inconsistent use of tabs and spaces in indentation");
  ly->pending = ly->nindent - n - 1;
  ly->nindent = n;
  unread(ly, t);
  return make(TK_DEDENT, t.pos, 0);
}

static const char *bracket_text(int kind) {
  switch (kind) {
  case TK_LPAREN: return "(";
  case TK_RPAREN: return ")";
  case TK_LBRACKET: return "[";
  case TK_RBRACKET: return "]";
  case TK_LBRACE: return "{";
  default: return "}";
  }
}

/* An opening bracket: remember it, up to a limit like CPython's. */
static Token open_bracket(Layout *ly, Token t) {
  if (ly->depth == LAYOUT_MAX_NEST)
    return error(ly, t, "too many nested parentheses");
  ly->open[ly->depth++] = t;
  return t;
}

/* A closing bracket must match the innermost open one. */
static Token close_bracket(Layout *ly, Token t) {
  if (ly->depth == 0)
    return error(ly, t, "unmatched '%s'", bracket_text(t.kind));
  Token o = ly->open[ly->depth - 1];
  if (t.kind != o.kind + 1) {
    int ol = line_of(ly, o.pos);
    if (ol != line_of(ly, t.pos))
      return error(ly, t, "closing parenthesis '%s' does not match opening parenthesis '%s' on line %d",
                   bracket_text(t.kind), bracket_text(o.kind), ol);
    return error(ly, t, "closing parenthesis '%s' does not match opening parenthesis '%s'",
                 bracket_text(t.kind), bracket_text(o.kind));
  }
  ly->depth--;
  return t;
}

/* Past a string literal that starts at s (a quote): where it ends, or end. */
static const char *past_string(const char *s, const char *end) {
  char q = *s;
  bool triple = end - s >= 3 && s[1] == q && s[2] == q;
  for (s += triple ? 3 : 1; s < end; s++) {
    if (*s == '\\') {
      s++;
      continue;
    }
    if (*s == '\n' && !triple)
      return s;
    if (*s == q && (!triple || (end - s >= 3 && s[1] == q && s[2] == q)))
      return s + (triple ? 3 : 1);
  }
  return end;
}

/* Does the logical line whose first token is t go on, after t, with
 * neither ':', '=' nor '.', and hold a ':' outside brackets (before any
 * comment)? So `match x:` and `case 1 | 2: return 1` begin compound
 * statements, where `match = 1`, `match(x)` and `case: int` do not. */
static bool heads_block(Layout *ly, Token t) {
  const char *s = text_at(ly, t.pos + t.len), *end = ly->lx->lim;
  while (s < end && (*s == ' ' || *s == '\t'))
    s++;
  if (s >= end || *s == ':' || *s == '=' || *s == '.')
    return false;
  int depth = 0;
  while (s < end && *s != '#' && !(depth <= 0 && (*s == '\n' || *s == '\r'))) {
    if (*s == '\\' && s + 1 < end) {
      s += 2;
      continue;
    }
    if (*s == '"' || *s == '\'') {
      s = past_string(s, end);
      continue;
    }
    if (*s == ':' && depth <= 0)
      return true;
    depth += (*s == '(' || *s == '[' || *s == '{') - (*s == ')' || *s == ']' || *s == '}');
    s++;
  }
  return false;
}

/* `extern` is a keyword only where a statement starts and a name, `def` or
 * `class` follows; `match` and `case` only where a statement starts and
 * heads a block (heads_block); elsewhere each stays a name. */
static Token soft_keyword(Layout *ly, Token t) {
  int k = ly->last.kind;
  if (!(k == TK_NEWLINE || k == TK_INDENT || k == TK_DEDENT || k == TK_SEMI))
    return t;
  const char *text = text_at(ly, t.pos);
  if ((t.len == 5 && memcmp(text, "match", 5) == 0) || (t.len == 4 && memcmp(text, "case", 4) == 0)) {
    if (heads_block(ly, t))
      t.kind = t.len == 5 ? TK_MATCH : TK_CASE;
    return t;
  }
  if (t.len != 6 || memcmp(text, "extern", 6) != 0)
    return t;
  Token next = read(ly);
  unread(ly, next);
  if (next.kind == TK_DEF || next.kind == TK_NAME || next.kind == TK_CLASS)
    t.kind = TK_EXTERN;
  return t;
}

/* The end of the input: close the last line and every open block. */
static Token end_of_input(Layout *ly, Token t) {
  if (ly->depth > 0) {
    Token o = ly->open[ly->depth - 1];
    ly->unclosed = true;
    return error(ly, o, "'%s' was never closed", bracket_text(o.kind));
  }
  if (ly->line_has_tokens && !ly->fexpr) {
    ly->line_has_tokens = false;
    unread(ly, t);
    return make(TK_NEWLINE, t.pos, 0);
  }
  ly->done = true;
  ly->pending = ly->nindent;
  ly->nindent = 0;
  if (ly->pending > 0) {
    ly->pending--;
    return make(TK_DEDENT, t.pos, 0);
  }
  return t;
}

/* A line break: the end of a logical line unless inside brackets, on a
 * blank line, or in an f-string's field. */
static bool ends_line(Layout *ly, Token t) {
  ly->line_start = t.pos + t.len;
  if (ly->depth > 0 || ly->fexpr || !ly->line_has_tokens)
    return false;
  ly->line_has_tokens = false;
  ly->atbol = true;
  return true;
}

static Token next(Layout *ly) {
  if (ly->pending > 0) {
    ly->pending--;
    return make(TK_DEDENT, ly->last.pos, 0);
  }
  if (ly->done)
    return make(TK_EOF, ly->last.pos + ly->last.len, 0);
  for (;;) {
    Token t = read(ly);
    switch (t.kind) {
    case TK_ERROR:
      ly->done = true;
      return t;
    case TK_NL:
      if (ends_line(ly, t))
        return make(TK_NEWLINE, t.pos, t.len);
      continue;
    case TK_EOF:
      return end_of_input(ly, t);
    }
    if (ly->atbol) {
      ly->atbol = false;
      Token i = indentation(ly, t);
      if (i.kind != t.kind)
        return i;
    }
    ly->line_has_tokens = true;
    switch (t.kind) {
    case TK_LPAREN: case TK_LBRACKET: case TK_LBRACE:
      return open_bracket(ly, t);
    case TK_RPAREN: case TK_RBRACKET: case TK_RBRACE:
      return close_bracket(ly, t);
    case TK_NAME:
      return soft_keyword(ly, t);
    }
    return t;
  }
}

Token layout_next(Layout *ly) {
  Token t = next(ly);
  ly->last = t;
  return t;
}

/* lexer.re - source text to raw tokens, for re2c.
 *
 * A token is a kind and a byte span; nothing is copied or decoded here
 * (parse.c decodes literals). Physical line breaks come out as TK_NL and
 * layout.c turns them into NEWLINE, INDENT and DEDENT. The text ends at a
 * NUL byte at `lim`; a NUL before it is an error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "lex.h"

/*!include:re2c "unicode_categories.re" */

void lex_init_at(Lexer *lx, const SrcFile *file, const char *text, uint32_t len, uint32_t base) {
  lx->file = file;
  lx->buf = text;
  lx->cur = text;
  lx->lim = text + len;
  lx->base = base;
  lx->msg[0] = '\0';
}

void lex_init(Lexer *lx, const SrcFile *file) {
  lex_init_at(lx, file, file->text, (uint32_t)file->len, 0);
  /* A UTF-8 byte order mark is not part of the program. */
  if (file->len >= 3 && memcmp(file->text, "\xEF\xBB\xBF", 3) == 0)
    lx->cur += 3;
}

/* Decodes the UTF-8 sequence at s (s < end): its length, or 0 when it is
 * not valid UTF-8 (overlong forms and surrogates included). */
static int utf8_decode(const char *s, const char *end, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  int len = u[0] < 0x80 ? 1 : u[0] < 0xC2 ? 0 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : u[0] < 0xF5 ? 4 : 0;
  if (len == 0 || len > end - s)
    return 0;
  uint32_t c = len == 1 ? u[0] : u[0] & (0x3F >> (len - 1));
  for (int i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80)
      return 0;
    c = c << 6 | (u[i] & 0x3F);
  }
  static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return len;
}

bool lex_check_encoding(const char *text, uint32_t len, uint32_t *bad) {
  const char *s = text, *end = text + len;
  uint32_t cp;
  while (s < end) {
    if ((unsigned char)*s < 0x80) {
      if (*s == '\0')
        break;
      s++;
      continue;
    }
    int n = utf8_decode(s, end, &cp);
    if (n == 0)
      break;
    s += n;
  }
  *bad = (uint32_t)(s - text);
  return s == end;
}

static Token token(Lexer *lx, int kind, const char *start) {
  Token t = {kind, lx->base + (uint32_t)(start - lx->buf), (uint32_t)(lx->cur - start)};
  return t;
}

/* A TK_ERROR token over [start, start+len) with the message in lx->msg. */
static Token error(Lexer *lx, const char *start, uint32_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static Token error(Lexer *lx, const char *start, uint32_t len, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(lx->msg, sizeof lx->msg, fmt, ap);
  va_end(ap);
  Token t = {TK_ERROR, lx->base + (uint32_t)(start - lx->buf), len ? len : 1};
  return t;
}

static int line_of(Lexer *lx, const char *p) {
  int line, col;
  diag_linecol(lx->file, lx->base + (uint32_t)(p - lx->buf), &line, &col);
  return line;
}

/* string: prefix? quote ... quote, with the prefix and the opening quote
 * already consumed. Finds the end only; parse.c decodes. A backslash
 * hides the next character from the search, raw or not, as in Python. */
static Token scan_string(Lexer *lx, const char *start) {
  for (const char *p = start; p < lx->cur - 1; p++)
    if (*p == 'b' || *p == 'B')
      return error(lx, start, (uint32_t)(lx->cur - start), "bytes literals are not supported");
  char q = lx->cur[-1];
  bool triple = lx->cur[0] == q && lx->cur[1] == q;
  if (triple)
    lx->cur += 2;
  for (;;) {
    char c = *lx->cur;
    if (c == '\0' && lx->cur >= lx->lim)
      break;
    if (c == '\0')
      return error(lx, lx->cur, 1, "source code cannot contain null bytes");
    if (c == '\n' && !triple)
      break;
    if (c == '\\') {
      lx->cur++;
      if (*lx->cur == '\r' && lx->cur[1] == '\n')
        lx->cur++;
      if (lx->cur < lx->lim)
        lx->cur++;
      continue;
    }
    if (c == q && (!triple || (lx->cur[1] == q && lx->cur[2] == q))) {
      lx->cur += triple ? 3 : 1;
      return token(lx, TK_STRING, start);
    }
    lx->cur++;
  }
  if (triple)
    return error(lx, start, 1, "unterminated triple-quoted string literal (started at line %d)",
                 line_of(lx, start));
  return error(lx, start, 1, "unterminated string literal");
}

/* A character no token starts with. */
static Token bad_char(Lexer *lx, const char *start) {
  uint32_t cp;
  int n = utf8_decode(start, lx->lim, &cp);
  if (n == 0)
    return error(lx, start, 1, "invalid UTF-8 byte 0x%02X", (unsigned char)*start);
  lx->cur = start + n;
  if (cp < 0x80 && cp >= 0x20)
    return error(lx, start, 1, "invalid character '%c'", (int)cp);
  if (cp < 0x80 || cp <= 0xA0 || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF)
    return error(lx, start, (uint32_t)n, "invalid non-printable character U+%04X", (unsigned)cp);
  return error(lx, start, (uint32_t)n, "invalid character '%.*s' (U+%04X)", n, start, (unsigned)cp);
}

/* A run of digits and letters that is no valid number. */
static Token bad_number(Lexer *lx, const char *start) {
  uint32_t len = (uint32_t)(lx->cur - start);
  if (start[0] == '0' && strspn(start, "0123456789_") >= len)
    return error(lx, start, len,
                 "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
  if (start[0] == '0' && len > 1 && strchr("xXoObB", start[1])) {
    const char *base = strchr("xX", start[1]) ? "hexadecimal" : strchr("oO", start[1]) ? "octal" : "binary";
    return error(lx, start, len, "invalid %s literal", base);
  }
  return error(lx, start, len, "invalid decimal literal");
}

Token lex_next(Lexer *lx) {
  const char *YYMARKER;
  for (;;) {
    const char *start = lx->cur;
    /*!re2c
      re2c:define:YYCTYPE = "unsigned char";
      re2c:define:YYCURSOR = lx->cur;
      re2c:yyfill:enable = 0;
      re2c:flags:utf-8 = 1;
      re2c:flags:case-ranges = 1;

      id_start    = L | Nl | [_];
      id_continue = id_start | Mn | Mc | Nd | Pc;

      digits  = [0-9] ("_"? [0-9])*;
      decimal = [1-9] ("_"? [0-9])* | "0" ("_"? "0")*;
      hex     = "0" [xX] ("_"? [0-9a-fA-F])+;
      octal   = "0" [oO] ("_"? [0-7])+;
      binary  = "0" [bB] ("_"? [01])+;
      exp     = [eE] [+-]? digits;
      float   = digits? "." digits exp? | digits "." exp? | digits exp;
      prefix  = [rRuUfFbB] | [fF][rR] | [rR][fF] | [bB][rR] | [rR][bB];

      "\x00" {
        if (start < lx->lim)
          return error(lx, start, 1, "source code cannot contain null bytes");
        lx->cur = start;  /* stay at the end: every later call is EOF too */
        return token(lx, TK_EOF, start);
      }

      [ \t\f\r]+             { continue; }
      "#" [^\n\x00]*         { continue; }
      "\\" "\r"? "\n"        { continue; }
      "\\" {
        if (*lx->cur == '\0' && lx->cur >= lx->lim)
          return error(lx, start, 1, "unexpected end of file after line continuation character");
        return error(lx, start, 1, "unexpected character after line continuation character");
      }
      "\r"? "\n"             { return token(lx, TK_NL, start); }

      "False"    { return token(lx, TK_FALSE, start); }
      "None"     { return token(lx, TK_NONE, start); }
      "True"     { return token(lx, TK_TRUE, start); }
      "and"      { return token(lx, TK_AND, start); }
      "as"       { return token(lx, TK_AS, start); }
      "assert"   { return token(lx, TK_ASSERT, start); }
      "break"    { return token(lx, TK_BREAK, start); }
      "class"    { return token(lx, TK_CLASS, start); }
      "continue" { return token(lx, TK_CONTINUE, start); }
      "def"      { return token(lx, TK_DEF, start); }
      "del"      { return token(lx, TK_DEL, start); }
      "elif"     { return token(lx, TK_ELIF, start); }
      "else"     { return token(lx, TK_ELSE, start); }
      "for"      { return token(lx, TK_FOR, start); }
      "from"     { return token(lx, TK_FROM, start); }
      "global"   { return token(lx, TK_GLOBAL, start); }
      "if"       { return token(lx, TK_IF, start); }
      "import"   { return token(lx, TK_IMPORT, start); }
      "in"       { return token(lx, TK_IN, start); }
      "is"       { return token(lx, TK_IS, start); }
      "lambda"   { return token(lx, TK_LAMBDA, start); }
      "not"      { return token(lx, TK_NOT, start); }
      "or"       { return token(lx, TK_OR, start); }
      "pass"     { return token(lx, TK_PASS, start); }
      "return"   { return token(lx, TK_RETURN, start); }
      "while"    { return token(lx, TK_WHILE, start); }
      "with"     { return token(lx, TK_WITH, start); }
      "try"      { return token(lx, TK_TRY, start); }
      "except"   { return token(lx, TK_EXCEPT, start); }
      "finally"  { return token(lx, TK_FINALLY, start); }
      "raise"    { return token(lx, TK_RAISE, start); }
      "nonlocal" { return token(lx, TK_NONLOCAL, start); }
      "yield"    { return token(lx, TK_YIELD, start); }
      "async" | "await"
                 { return token(lx, TK_UNSUPPORTED, start); }

      id_start id_continue*  { return token(lx, TK_NAME, start); }

      decimal | hex | octal | binary { return token(lx, TK_INT, start); }
      float                          { return token(lx, TK_FLOAT, start); }
      (digits | float) [jJ] {
        return error(lx, start, (uint32_t)(lx->cur - start), "complex literals are not supported");
      }
      [0-9] [0-9a-zA-Z_]* | float [0-9a-zA-Z_.]+ { return bad_number(lx, start); }

      prefix? ["']           { return scan_string(lx, start); }

      "+"   { return token(lx, TK_PLUS, start); }
      "-"   { return token(lx, TK_MINUS, start); }
      "*"   { return token(lx, TK_STAR, start); }
      "/"   { return token(lx, TK_SLASH, start); }
      "//"  { return token(lx, TK_DSLASH, start); }
      "%"   { return token(lx, TK_PERCENT, start); }
      "**"  { return token(lx, TK_POW, start); }
      "@"   { return token(lx, TK_AT, start); }
      "<<"  { return token(lx, TK_LSHIFT, start); }
      ">>"  { return token(lx, TK_RSHIFT, start); }
      "&"   { return token(lx, TK_AMPER, start); }
      "|"   { return token(lx, TK_BAR, start); }
      "^"   { return token(lx, TK_CIRCUMFLEX, start); }
      "~"   { return token(lx, TK_TILDE, start); }
      "<"   { return token(lx, TK_LT, start); }
      ">"   { return token(lx, TK_GT, start); }
      "<="  { return token(lx, TK_LE, start); }
      ">="  { return token(lx, TK_GE, start); }
      "=="  { return token(lx, TK_EQ, start); }
      "!="  { return token(lx, TK_NE, start); }
      "="   { return token(lx, TK_ASSIGN, start); }
      "+="  { return token(lx, TK_PLUSEQ, start); }
      "-="  { return token(lx, TK_MINUSEQ, start); }
      "*="  { return token(lx, TK_STAREQ, start); }
      "/="  { return token(lx, TK_SLASHEQ, start); }
      "//=" { return token(lx, TK_DSLASHEQ, start); }
      "%="  { return token(lx, TK_PERCENTEQ, start); }
      "**=" { return token(lx, TK_POWEQ, start); }
      "@="  { return token(lx, TK_ATEQ, start); }
      "&="  { return token(lx, TK_AMPEREQ, start); }
      "|="  { return token(lx, TK_BAREQ, start); }
      "^="  { return token(lx, TK_CIRCUMFLEXEQ, start); }
      "<<=" { return token(lx, TK_LSHIFTEQ, start); }
      ">>=" { return token(lx, TK_RSHIFTEQ, start); }
      ":="  { return token(lx, TK_COLONEQ, start); }
      "->"  { return token(lx, TK_ARROW, start); }
      "."   { return token(lx, TK_DOT, start); }
      ","   { return token(lx, TK_COMMA, start); }
      ":"   { return token(lx, TK_COLON, start); }
      ";"   { return token(lx, TK_SEMI, start); }
      "("   { return token(lx, TK_LPAREN, start); }
      ")"   { return token(lx, TK_RPAREN, start); }
      "["   { return token(lx, TK_LBRACKET, start); }
      "]"   { return token(lx, TK_RBRACKET, start); }
      "{"   { return token(lx, TK_LBRACE, start); }
      "}"   { return token(lx, TK_RBRACE, start); }
      "..." { return token(lx, TK_ELLIPSIS, start); }

      *     { return bad_char(lx, start); }
    */
  }
}

/* How messages spell each token kind. */
const char *lex_kind_text(int kind) {
  switch (kind) {
  case TK_EOF: return "end of file";
  case TK_NL: case TK_NEWLINE: return "NEWLINE";
  case TK_INDENT: return "indent";
  case TK_DEDENT: return "unindent";
  case TK_FEXPR: return "f-string";
  case TK_NAME: return "name";
  case TK_INT: return "integer";
  case TK_FLOAT: return "float";
  case TK_STRING: return "string";
  case TK_FALSE: return "'False'";
  case TK_NONE: return "'None'";
  case TK_TRUE: return "'True'";
  case TK_AND: return "'and'";
  case TK_AS: return "'as'";
  case TK_ASSERT: return "'assert'";
  case TK_BREAK: return "'break'";
  case TK_CLASS: return "'class'";
  case TK_CONTINUE: return "'continue'";
  case TK_DEF: return "'def'";
  case TK_DEL: return "'del'";
  case TK_ELIF: return "'elif'";
  case TK_ELSE: return "'else'";
  case TK_FOR: return "'for'";
  case TK_FROM: return "'from'";
  case TK_GLOBAL: return "'global'";
  case TK_NONLOCAL: return "'nonlocal'";
  case TK_IF: return "'if'";
  case TK_IMPORT: return "'import'";
  case TK_IN: return "'in'";
  case TK_IS: return "'is'";
  case TK_LAMBDA: return "'lambda'";
  case TK_NOT: return "'not'";
  case TK_OR: return "'or'";
  case TK_PASS: return "'pass'";
  case TK_RETURN: return "'return'";
  case TK_WHILE: return "'while'";
  case TK_WITH: return "'with'";
  case TK_TRY: return "'try'";
  case TK_EXCEPT: return "'except'";
  case TK_FINALLY: return "'finally'";
  case TK_RAISE: return "'raise'";
  case TK_YIELD: return "'yield'";
  case TK_EXTERN: return "'extern'";
  case TK_MATCH: return "'match'";
  case TK_CASE: return "'case'";
  case TK_UNSUPPORTED: return "keyword";
  case TK_PLUS: return "'+'";
  case TK_MINUS: return "'-'";
  case TK_STAR: return "'*'";
  case TK_SLASH: return "'/'";
  case TK_DSLASH: return "'//'";
  case TK_PERCENT: return "'%'";
  case TK_POW: return "'**'";
  case TK_AT: return "'@'";
  case TK_LSHIFT: return "'<<'";
  case TK_RSHIFT: return "'>>'";
  case TK_AMPER: return "'&'";
  case TK_BAR: return "'|'";
  case TK_CIRCUMFLEX: return "'^'";
  case TK_TILDE: return "'~'";
  case TK_LT: return "'<'";
  case TK_GT: return "'>'";
  case TK_LE: return "'<='";
  case TK_GE: return "'>='";
  case TK_EQ: return "'=='";
  case TK_NE: return "'!='";
  case TK_ASSIGN: return "'='";
  case TK_PLUSEQ: return "'+='";
  case TK_MINUSEQ: return "'-='";
  case TK_STAREQ: return "'*='";
  case TK_SLASHEQ: return "'/='";
  case TK_DSLASHEQ: return "'//='";
  case TK_PERCENTEQ: return "'%='";
  case TK_POWEQ: return "'**='";
  case TK_ATEQ: return "'@='";
  case TK_AMPEREQ: return "'&='";
  case TK_BAREQ: return "'|='";
  case TK_CIRCUMFLEXEQ: return "'^='";
  case TK_LSHIFTEQ: return "'<<='";
  case TK_RSHIFTEQ: return "'>>='";
  case TK_COLONEQ: return "':='";
  case TK_ARROW: return "'->'";
  case TK_DOT: return "'.'";
  case TK_COMMA: return "','";
  case TK_COLON: return "':'";
  case TK_SEMI: return "';'";
  case TK_LPAREN: return "'('";
  case TK_RPAREN: return "')'";
  case TK_LBRACKET: return "'['";
  case TK_RBRACKET: return "']'";
  case TK_LBRACE: return "'{'";
  case TK_RBRACE: return "'}'";
  case TK_ELLIPSIS: return "'...'";
  }
  return "token";
}

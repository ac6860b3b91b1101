/* test_lexer.c - raw tokens from compiler/lexer.re. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"
#include "parse.h"

enum { MAX_TOKENS = 64 };

typedef struct Lexed {
  Arena arena;
  SrcFile *file;
  Lexer lx;
  Token tok[MAX_TOKENS];
  int n;               /* tokens before TK_EOF or TK_ERROR (which is tok[n]) */
} Lexed;

/* Lexes the n bytes at src up to the end or the first error. */
static Lexed *lex_n(const char *src, size_t n) {
  Lexed *l = calloc(1, sizeof *l);
  SrcFile *f = arena_alloc(&l->arena, sizeof *f);
  f->path = "t.gtp";
  f->text = arena_strndup(&l->arena, src, n);
  f->len = n;
  l->file = f;
  lex_init(&l->lx, l->file);
  for (l->n = 0; l->n < MAX_TOKENS; l->n++) {
    Token t = lex_next(&l->lx);
    l->tok[l->n] = t;
    if (t.kind == TK_EOF || t.kind == TK_ERROR)
      break;
  }
  return l;
}

static Lexed *lex(const char *src) {
  return lex_n(src, strlen(src));
}

static void done(Lexed *l) {
  arena_free(&l->arena);
  free(l);
}

/* The kinds of all tokens of src, then TK_EOF. */
static void expect_kinds(const char *src, const int *kinds, int n) {
  Lexed *l = lex(src);
  for (int i = 0; i < n; i++) {
    if (l->tok[i].kind != kinds[i])
      print_error("token %d of '%s': got %s, want %s\n", i, src, lex_kind_text(l->tok[i].kind),
                  lex_kind_text(kinds[i]));
    assert_int_equal(l->tok[i].kind, kinds[i]);
  }
  assert_int_equal(l->tok[n].kind, TK_EOF);
  done(l);
}

#define KINDS(src, ...)                                              \
  do {                                                               \
    static const int k_[] = {__VA_ARGS__};                           \
    expect_kinds(src, k_, (int)(sizeof k_ / sizeof k_[0]));          \
  } while (0)

/* The first error of the n bytes at src: its message and offset. */
static void expect_error_n(const char *src, size_t n, const char *msg, uint32_t pos) {
  Lexed *l = lex_n(src, n);
  assert_int_equal(l->tok[l->n].kind, TK_ERROR);
  assert_string_equal(l->lx.msg, msg);
  assert_int_equal(l->tok[l->n].pos, pos);
  done(l);
}

static void expect_error(const char *src, const char *msg, uint32_t pos) {
  expect_error_n(src, strlen(src), msg, pos);
}

/* The text of token i of src. */
static void expect_text(const char *src, int i, int kind, const char *text) {
  Lexed *l = lex(src);
  assert_true(i < l->n);
  assert_int_equal(l->tok[i].kind, kind);
  assert_int_equal(l->tok[i].len, strlen(text));
  assert_memory_equal(l->file->text + l->tok[i].pos, text, strlen(text));
  done(l);
}

static void test_empty(void **state) {
  (void)state;
  Lexed *l = lex("");
  assert_int_equal(l->tok[0].kind, TK_EOF);
  /* The end stays the end. */
  assert_int_equal(lex_next(&l->lx).kind, TK_EOF);
  assert_int_equal(lex_next(&l->lx).kind, TK_EOF);
  done(l);
}

static void test_operators(void **state) {
  (void)state;
  KINDS("+ - * / // % ** @ << >> & | ^ ~",
        TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_DSLASH, TK_PERCENT, TK_POW, TK_AT, TK_LSHIFT,
        TK_RSHIFT, TK_AMPER, TK_BAR, TK_CIRCUMFLEX, TK_TILDE);
  KINDS("< > <= >= == != =", TK_LT, TK_GT, TK_LE, TK_GE, TK_EQ, TK_NE, TK_ASSIGN);
  KINDS("+= -= *= /= //= %= **= @= &= |= ^= >>= <<=",
        TK_PLUSEQ, TK_MINUSEQ, TK_STAREQ, TK_SLASHEQ, TK_DSLASHEQ, TK_PERCENTEQ, TK_POWEQ,
        TK_ATEQ, TK_AMPEREQ, TK_BAREQ, TK_CIRCUMFLEXEQ, TK_RSHIFTEQ, TK_LSHIFTEQ);
  KINDS("-> . , : ; ( ) [ ] { } ... :=",
        TK_ARROW, TK_DOT, TK_COMMA, TK_COLON, TK_SEMI, TK_LPAREN, TK_RPAREN, TK_LBRACKET,
        TK_RBRACKET, TK_LBRACE, TK_RBRACE, TK_ELLIPSIS, TK_COLONEQ);
  /* Longest match, no blanks needed. */
  KINDS("a**=-b", TK_NAME, TK_POWEQ, TK_MINUS, TK_NAME);
  KINDS("x[...]", TK_NAME, TK_LBRACKET, TK_ELLIPSIS, TK_RBRACKET);
}

static void test_keywords(void **state) {
  (void)state;
  KINDS("False None True and as assert break class continue def del elif else",
        TK_FALSE, TK_NONE, TK_TRUE, TK_AND, TK_AS, TK_ASSERT, TK_BREAK, TK_CLASS, TK_CONTINUE,
        TK_DEF, TK_DEL, TK_ELIF, TK_ELSE);
  KINDS("for from global if import in is lambda not or pass return while with",
        TK_FOR, TK_FROM, TK_GLOBAL, TK_IF, TK_IMPORT, TK_IN, TK_IS, TK_LAMBDA, TK_NOT, TK_OR,
        TK_PASS, TK_RETURN, TK_WHILE, TK_WITH);
  KINDS("try except finally raise", TK_TRY, TK_EXCEPT, TK_FINALLY, TK_RAISE);
  /* Python keywords gtorchc lacks are not names. */
  KINDS("async await", TK_UNSUPPORTED, TK_UNSUPPORTED);
  KINDS("yield", TK_YIELD);
  /* `extern` is a keyword only where layout.c says so. */
  KINDS("extern iffy format In", TK_NAME, TK_NAME, TK_NAME, TK_NAME);
}

static void test_identifiers(void **state) {
  (void)state;
  expect_text("_x1 = 2", 0, TK_NAME, "_x1");
  expect_text("café = 1", 0, TK_NAME, "café");
  expect_text("x = 变量 + 1", 2, TK_NAME, "变量");
  expect_text("Δt", 0, TK_NAME, "Δt");
  expect_error("x = a → b", "invalid character '→' (U+2192)", 6);
  expect_error("x = $", "invalid character '$'", 4);
  expect_error("x = ?", "invalid character '?'", 4);
  expect_error("a\x01", "invalid non-printable character U+0001", 1);
  expect_error("a\xc2\xa0= 1", "invalid non-printable character U+00A0", 1);
}

static void test_numbers(void **state) {
  (void)state;
  KINDS("0 7 1_000 0x1F 0XdEaD_bEeF 0o17 0b1010 0b_1 00",
        TK_INT, TK_INT, TK_INT, TK_INT, TK_INT, TK_INT, TK_INT, TK_INT, TK_INT);
  KINDS("1.5 1e-3 .5 1. 1_000.5 1E+10 0.0 3.14e2", TK_FLOAT, TK_FLOAT, TK_FLOAT, TK_FLOAT,
        TK_FLOAT, TK_FLOAT, TK_FLOAT, TK_FLOAT);
  expect_text("x = 1_000.5e-3", 2, TK_FLOAT, "1_000.5e-3");
  expect_text("a[1:2]", 2, TK_INT, "1");
  expect_text("x.y", 1, TK_DOT, ".");
  expect_error("x = 012", "leading zeros in decimal integer literals are not permitted; "
               "use an 0o prefix for octal integers", 4);
  expect_error("x = 1abc", "invalid decimal literal", 4);
  expect_error("x = 1__0", "invalid decimal literal", 4);
  expect_error("x = 0x", "invalid hexadecimal literal", 4);
  expect_error("x = 0b102", "invalid binary literal", 4);
  expect_error("x = 1j", "complex literals are not supported", 4);
  expect_error("x = 1.5J", "complex literals are not supported", 4);
}

static void test_strings(void **state) {
  (void)state;
  expect_text("x = 'a\"b'", 2, TK_STRING, "'a\"b'");
  expect_text("x = \"it's\"", 2, TK_STRING, "\"it's\"");
  expect_text("x = 'a\\'b' + c", 2, TK_STRING, "'a\\'b'");
  expect_text("x = \"\"\"a\n\"b\"\n'c'\"\"\"", 2, TK_STRING, "\"\"\"a\n\"b\"\n'c'\"\"\"");
  expect_text("x = '''it's'''", 2, TK_STRING, "'''it's'''");
  expect_text("x = r'\\d+\\''", 2, TK_STRING, "r'\\d+\\''");
  expect_text("x = f'{a}' 'b'", 2, TK_STRING, "f'{a}'");
  expect_text("x = Rf\"{a}\"", 2, TK_STRING, "Rf\"{a}\"");
  expect_text("x = fr'{a}'", 2, TK_STRING, "fr'{a}'");
  expect_text("x = u'a'", 2, TK_STRING, "u'a'");
  expect_text("x = ''", 2, TK_STRING, "''");
  expect_text("x = '' ''", 3, TK_STRING, "''");
  expect_text("x = 'a\\\nb'", 2, TK_STRING, "'a\\\nb'");
  /* A name that is a string prefix stays a name before anything else. */
  KINDS("f r rb", TK_NAME, TK_NAME, TK_NAME);
  KINDS("'a' 'b'", TK_STRING, TK_STRING);
}

static void test_string_errors(void **state) {
  (void)state;
  expect_error("x = 'abc", "unterminated string literal", 4);
  expect_error("x = 'abc\ny = 1'", "unterminated string literal", 4);
  expect_error("x = f\"abc {x", "unterminated string literal", 4);
  expect_error("x = 'abc\\", "unterminated string literal", 4);
  expect_error("\n\nx = \"\"\"abc\n\n", "unterminated triple-quoted string literal (started at line 3)", 6);
  expect_error("x = b'abc'", "bytes literals are not supported", 4);
  expect_error("x = Rb'abc'", "bytes literals are not supported", 4);
}

static void test_lines_and_comments(void **state) {
  (void)state;
  KINDS("a # comment\nb", TK_NAME, TK_NL, TK_NAME);
  Lexed *l = lex("# only a comment");
  assert_int_equal(l->tok[0].kind, TK_EOF);
  done(l);
  KINDS("a\r\nb\r\n", TK_NAME, TK_NL, TK_NAME, TK_NL);
  /* A backslash joins lines, with LF or CRLF. */
  KINDS("a = \\\n  1", TK_NAME, TK_ASSIGN, TK_INT);
  KINDS("a = \\\r\n  1", TK_NAME, TK_ASSIGN, TK_INT);
  KINDS("\t a \f b", TK_NAME, TK_NAME);
  expect_error("a = \\ 1", "unexpected character after line continuation character", 4);
  expect_error("a = \\", "unexpected end of file after line continuation character", 4);
  expect_text("a\r\nb", 1, TK_NL, "\r\n");
}

static void test_bytes(void **state) {
  (void)state;
  /* The lexer copes with bytes parse.c would have refused up front. */
  expect_error_n("x = 1\0 + 2", 10, "source code cannot contain null bytes", 5);
  expect_error_n("x = '\0'", 7, "source code cannot contain null bytes", 5);
  expect_error("x = \xff", "invalid UTF-8 byte 0xFF", 4);
  expect_error("x = \xc3", "invalid UTF-8 byte 0xC3", 4);
  /* A byte order mark is skipped. */
  KINDS("\xEF\xBB\xBFx", TK_NAME);
}

static void test_check_encoding(void **state) {
  (void)state;
  uint32_t bad;
  assert_true(lex_check_encoding("abc é 变 😀", 15, &bad));
  assert_false(lex_check_encoding("ab\xffz", 4, &bad));
  assert_int_equal(bad, 2);
  assert_false(lex_check_encoding("ab\0z", 4, &bad));
  assert_int_equal(bad, 2);
  assert_false(lex_check_encoding("a\xed\xa0\x80", 4, &bad)); /* a surrogate */
  assert_int_equal(bad, 1);
  assert_false(lex_check_encoding("a\xc0\xaf", 3, &bad));     /* overlong */
  assert_false(lex_check_encoding("a\xe2\x82", 3, &bad));     /* cut short */
  assert_int_equal(bad, 1);
}

static void test_offsets(void **state) {
  (void)state;
  /* Scanning a copy of part of a file keeps file offsets. */
  Arena a = {0};
  SrcFile *f = src_from_string(&a, "t.gtp", "x = f'{a + bc}'");
  Lexer lx;
  lex_init_at(&lx, f, "a + bc", 6, 7);
  Token t = lex_next(&lx);
  assert_int_equal(t.pos, 7);
  t = lex_next(&lx);
  assert_int_equal(t.kind, TK_PLUS);
  assert_int_equal(t.pos, 9);
  t = lex_next(&lx);
  assert_int_equal(t.pos, 11);
  assert_int_equal(t.len, 2);
  assert_int_equal(lex_next(&lx).kind, TK_EOF);
  arena_free(&a);
}

static void test_kind_text(void **state) {
  (void)state;
  assert_string_equal(lex_kind_text(TK_RPAREN), "')'");
  assert_string_equal(lex_kind_text(TK_IF), "'if'");
  assert_string_equal(lex_kind_text(TK_NEWLINE), "NEWLINE");
  assert_string_equal(lex_kind_text(TK_NAME), "name");
  assert_string_equal(lex_kind_text(TK_EOF), "end of file");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_empty),
    cmocka_unit_test(test_operators),
    cmocka_unit_test(test_keywords),
    cmocka_unit_test(test_identifiers),
    cmocka_unit_test(test_numbers),
    cmocka_unit_test(test_strings),
    cmocka_unit_test(test_string_errors),
    cmocka_unit_test(test_lines_and_comments),
    cmocka_unit_test(test_bytes),
    cmocka_unit_test(test_check_encoding),
    cmocka_unit_test(test_offsets),
    cmocka_unit_test(test_kind_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

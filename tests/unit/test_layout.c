/* test_layout.c - NEWLINE, INDENT and DEDENT from compiler/layout.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"
#include "parse.h"

/* A short name per kind, so a token stream reads as one line. */
static const char *short_name(int kind) {
  switch (kind) {
  case TK_NEWLINE: return "NL";
  case TK_INDENT: return "IN";
  case TK_DEDENT: return "DE";
  case TK_NAME: return "n";
  case TK_INT: return "1";
  case TK_STRING: return "s";
  case TK_EXTERN: return "extern";
  case TK_EOF: return "$";
  }
  const char *t = lex_kind_text(kind);
  static char buf[16];
  /* "'if'" -> "if" */
  snprintf(buf, sizeof buf, "%.*s", (int)strlen(t) - 2, t + 1);
  return buf;
}

/* The layout's tokens for src, up to the end, as "n = 1 NL $"; or, after
 * an error, what came before and "error: MESSAGE @OFFSET". */
static char *layout(const char *src, bool fexpr) {
  Arena a = {0};
  SrcFile *f = src_from_string(&a, "t.gtp", src);
  Lexer lx;
  lex_init(&lx, f);
  Layout ly;
  layout_init(&ly, &lx, fexpr);
  static char out[1 << 16];
  out[0] = '\0';
  for (;;) {
    Token t = layout_next(&ly);
    size_t used = strlen(out);
    if (t.kind == TK_ERROR) {
      snprintf(out + used, sizeof out - used, "%serror: %s @%u", used ? " " : "", ly.msg, (unsigned)t.pos);
      break;
    }
    snprintf(out + used, sizeof out - used, "%s%s", used ? " " : "", short_name(t.kind));
    if (t.kind == TK_EOF)
      break;
  }
  arena_free(&a);
  return out;
}

#define LAYOUT(src, want) assert_string_equal(layout(src, false), want)

static void test_simple_lines(void **state) {
  (void)state;
  LAYOUT("", "$");
  LAYOUT("x = 1\n", "n = 1 NL $");
  LAYOUT("x = 1", "n = 1 NL $");          /* no final newline */
  LAYOUT("x = 1\ny = 2\n", "n = 1 NL n = 1 NL $");
  LAYOUT("a; b\n", "n ; n NL $");
}

static void test_blank_and_comment_lines(void **state) {
  (void)state;
  LAYOUT("# a comment\n", "$");
  LAYOUT("\n\n   \n\t\n", "$");
  LAYOUT("x\n\n# c\n   # indented comment\n\ny\n", "n NL n NL $");
  LAYOUT("if x:\n    a\n\n        # deeper comment\n    b\n", "if n : NL IN n NL n NL DE $");
  LAYOUT("x  # trailing comment\n", "n NL $");
}

static void test_indent_dedent(void **state) {
  (void)state;
  LAYOUT("if x:\n    y\nz\n", "if n : NL IN n NL DE n NL $");
  LAYOUT("if a:\n  if b:\n    c\nd\n", "if n : NL IN if n : NL IN n NL DE DE n NL $");
  /* DEDENTs close every block at the end, with or without a newline. */
  LAYOUT("if a:\n  if b:\n    c\n", "if n : NL IN if n : NL IN n NL DE DE $");
  LAYOUT("if a:\n  if b:\n    c", "if n : NL IN if n : NL IN n NL DE DE $");
  LAYOUT("if a:\n    b\n  # comment at another column\n    c\n", "if n : NL IN n NL n NL DE $");
  LAYOUT("  x\n", "IN n NL DE $");  /* the parser calls this an unexpected indent */
}

static void test_implicit_joining(void **state) {
  (void)state;
  LAYOUT("x = (1,\n  2)\n", "n = ( 1 , 1 ) NL $");
  LAYOUT("f(a,\n# comment\n\n        b)\n", "n ( n , n ) NL $");
  LAYOUT("x = [\n1,\n]\ny\n", "n = [ 1 , ] NL n NL $");
  LAYOUT("d = {\n  'a': 1}\n", "n = { s : 1 } NL $");
  LAYOUT("x = 1 + \\\n    2\n", "n = 1 + 1 NL $");
  LAYOUT("if a and \\\n        b:\n    c\n", "if n and n : NL IN n NL DE $");
}

static void test_crlf(void **state) {
  (void)state;
  LAYOUT("if x:\r\n    y\r\n\r\nz\r\n", "if n : NL IN n NL DE n NL $");
  LAYOUT("x = (1,\r\n 2)\r\n", "n = ( 1 , 1 ) NL $");
}

static void test_tabs(void **state) {
  (void)state;
  /* Tabs alone, consistently: fine. */
  LAYOUT("if a:\n\tb\n\tif c:\n\t\td\n", "if n : NL IN n NL if n : NL IN n NL DE DE $");
  /* A tab and eight spaces are the same column only for tab size 8. */
  assert_string_equal(layout("if a:\n\tb\n        c\n", false),
                      "if n : NL IN n NL error: inconsistent use of tabs and spaces in indentation @17");
  assert_string_equal(layout("if a:\n        b\n\tc\n", false),
                      "if n : NL IN n NL error: inconsistent use of tabs and spaces in indentation @17");
  /* Deeper with spaces, not deeper with tabs counted as one. */
  assert_string_equal(layout("if a:\n    if b:\n\tc\n", false),
                      "if n : NL IN if n : NL error: inconsistent use of tabs and spaces in indentation @17");
  /* The same tab-and-space prefix on each line is consistent. */
  LAYOUT("if a:\n  \tb\n  \tc\n", "if n : NL IN n NL n NL DE $");
  /* A form feed resets the column. */
  LAYOUT("if a:\n    b\n\f    c\n", "if n : NL IN n NL n NL DE $");
}

static void test_indent_errors(void **state) {
  (void)state;
  assert_string_equal(layout("if a:\n    b\n  c\n", false),
                      "if n : NL IN n NL error: unindent does not match any outer indentation level @14");
  static char src[16384];
  for (int i = 0; i <= LAYOUT_MAX_INDENT + 1; i++) {
    size_t used = strlen(src);
    snprintf(src + used, sizeof src - used, "%*sif x:\n", i, "");
  }
  assert_non_null(strstr(layout(src, false), "error: too many levels of indentation"));
}

static void test_brackets(void **state) {
  (void)state;
  assert_string_equal(layout("x = 1)\n", false), "n = 1 error: unmatched ')' @5");
  assert_string_equal(layout("x = }", false), "n = error: unmatched '}' @4");
  assert_string_equal(layout("x = (]\n", false),
                      "n = ( error: closing parenthesis ']' does not match opening parenthesis '(' @5");
  assert_string_equal(layout("x = [\n1,\n)\n", false),
                      "n = [ 1 , error: closing parenthesis ')' does not match opening parenthesis '[' on line 1 @9");
  assert_string_equal(layout("x = (1,\n2\n", false), "n = ( 1 , 1 error: '(' was never closed @4");
  assert_string_equal(layout("f(a[1,\n", false), "n ( n [ 1 , error: '[' was never closed @3");
}

static void test_nesting_limit(void **state) {
  (void)state;
  char *src = malloc(10 * 1000 + 8);
  strcpy(src, "x = ");
  memset(src + 4, '(', 10000);
  src[10004] = '\0';
  char *out = layout(src, false);
  assert_non_null(strstr(out, "error: too many nested parentheses @204"));
  free(src);
  /* Just under the limit is fine. */
  char ok[2 * LAYOUT_MAX_NEST + 8];
  memset(ok, '[', LAYOUT_MAX_NEST);
  memset(ok + LAYOUT_MAX_NEST, ']', LAYOUT_MAX_NEST);
  ok[2 * LAYOUT_MAX_NEST] = '\0';
  assert_null(strstr(layout(ok, false), "error"));
}

static void test_extern(void **state) {
  (void)state;
  LAYOUT("extern def f() = \"c\"\n", "extern def n ( ) = s NL $");
  LAYOUT("extern x: int = \"c\"\n", "extern n : n = s NL $");
  /* Elsewhere, and as an ordinary variable, it is a name. */
  LAYOUT("extern = 5\n", "n = 1 NL $");
  LAYOUT("x = extern\n", "n = n NL $");
  LAYOUT("f(extern)\n", "n ( n ) NL $");
  LAYOUT("if a:\n    extern def f() = \"c\"\n", "if n : NL IN extern def n ( ) = s NL DE $");
  LAYOUT("a; extern x: int = \"c\"\n", "n ; extern n : n = s NL $");
}

static void test_fexpr_mode(void **state) {
  (void)state;
  /* An f-string field: no NEWLINE, no indentation, line breaks ignored. */
  assert_string_equal(layout("a +\n   b", true), "n + n $");
  assert_string_equal(layout("  a", true), "n $");
  assert_string_equal(layout("(a", true), "( n error: '(' was never closed @0");
}

static void test_lexer_errors_pass_through(void **state) {
  (void)state;
  assert_string_equal(layout("x = 'abc\n", false), "n = error: unterminated string literal @4");
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_simple_lines),
    cmocka_unit_test(test_blank_and_comment_lines),
    cmocka_unit_test(test_indent_dedent),
    cmocka_unit_test(test_implicit_joining),
    cmocka_unit_test(test_crlf),
    cmocka_unit_test(test_tabs),
    cmocka_unit_test(test_indent_errors),
    cmocka_unit_test(test_brackets),
    cmocka_unit_test(test_nesting_limit),
    cmocka_unit_test(test_extern),
    cmocka_unit_test(test_fexpr_mode),
    cmocka_unit_test(test_lexer_errors_pass_through),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_check.c - the type checker on small programs. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sema.h"

typedef struct Checked {
  Arena arena;
  Program *prog;
  bool ok;
  char *diags;
  size_t len;
} Checked;

/* Writes `src` to a temporary .gtp file and runs resolve + check on it. */
static Checked *run_check(const char *src) {
  Checked *c = calloc(1, sizeof *c);
  char path[] = "/tmp/gtp_check_XXXXXX.gtp";
  int fd = mkstemps(path, 4);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, src, strlen(src)), (ssize_t)strlen(src));
  close(fd);
  FILE *out = open_memstream(&c->diags, &c->len);
  Diag d;
  diag_init(&d, out);
  c->prog = resolve_program(&c->arena, &d, path, NULL);
  c->ok = c->prog && check_program(c->prog);
  diag_finish(&d);
  fclose(out);
  unlink(path);
  return c;
}

static void free_checked(Checked *c) {
  arena_free(&c->arena);
  free(c->diags);
  free(c);
}

static int count_errors(const char *diags) {
  int n = 0;
  for (const char *s = diags; (s = strstr(s, ": error: ")); s++) n++;
  return n;
}

static void expect_error(const char *src, const char *message, const char *where) {
  Checked *c = run_check(src);
  assert_false(c->ok);
  if (!strstr(c->diags, message) || !strstr(c->diags, where)) {
    fprintf(stderr, "wanted '%s' at '%s', got:\n%s", message, where, c->diags);
    fail();
  }
  free_checked(c);
}

static void test_valid_program(void **state) {
  (void)state;
  Checked *c = run_check(
      "def fib(n: int) -> int:\n"
      "    if n < 2:\n"
      "        return n\n"
      "    return fib(n - 1) + fib(n - 2)\n"
      "xs: list[int] = []\n"
      "for i in range(10):\n"
      "    xs.append(fib(i))\n"
      "print(xs, f'{sum(xs):>5}')\n");
  assert_true(c->ok);
  assert_int_equal(c->len, 0);
  free_checked(c);
}

static void test_types_of_expressions(void **state) {
  (void)state;
  Checked *c = run_check("a = 1 / 2\nb = 7 // 2\nc = [1, 2.5]\nd = {'k': (1, 'x')}\ne = 'ab' * 2\n");
  assert_true(c->ok);
  Node *st = c->prog->main->ast->body;
  assert_int_equal(st->rhs->ty->kind, TY_FLOAT);
  assert_int_equal(st->next->rhs->ty->kind, TY_INT);
  Type *list = st->next->next->rhs->ty;
  assert_int_equal(list->kind, TY_LIST);
  assert_int_equal(list->elem->kind, TY_FLOAT);
  assert_string_equal(type_name(c->prog, st->next->next->next->rhs->ty), "dict[str, tuple[int, str]]");
  assert_int_equal(st->next->next->next->next->rhs->ty->kind, TY_STR);
  free_checked(c);
}

static void test_interned_types(void **state) {
  (void)state;
  Checked *c = run_check("xs: list[list[int]] = [[1], [2, 3]]\nys = [[4]]\n");
  assert_true(c->ok);
  Node *st = c->prog->main->ast->body;
  assert_ptr_equal(st->rhs->ty, st->next->rhs->ty);
  free_checked(c);
}

static void test_undefined_name(void **state) {
  (void)state;
  expect_error("x = 1\nprint(y)\n", "name 'y' is not defined", ":2:7:");
}

static void test_variable_changes_type(void **state) {
  (void)state;
  expect_error("x = 1\nx = 'a'\n", "variable 'x' changes type from int to str", ":2:1:");
}

static void test_argument_type(void **state) {
  (void)state;
  expect_error("def f(n: int) -> int:\n    return n\nf('2')\n", "argument 'n' of f expects int, got str", ":3:3:");
}

static void test_unknown_keyword(void **state) {
  (void)state;
  expect_error("def f(n: int) -> int:\n    return n\nf(m=2)\n", "f() got an unexpected keyword argument 'm'", ":3:3:");
}

static void test_missing_argument(void **state) {
  (void)state;
  expect_error("def f(n: int, k: int = 2) -> int:\n    return n\nf(k=3)\n", "f() missing required argument 'n'", ":3:1:");
}

static void test_missing_return(void **state) {
  (void)state;
  expect_error("def f(n: int) -> int:\n    if n > 0:\n        return 1\n", "missing return at the end of f()", ":1:5:");
}

static void test_return_type(void **state) {
  (void)state;
  expect_error("def f() -> int:\n    return 'no'\n", "f() must return int, not str", ":2:12:");
}

static void test_not_callable(void **state) {
  (void)state;
  expect_error("x = 3\nx(1)\n", "a value of type int is not callable", ":2:1:");
}

static void test_empty_list_needs_annotation(void **state) {
  (void)state;
  expect_error("xs = []\n", "cannot infer the type of an empty list", ":1:6:");
}

static void test_unknown_field(void **state) {
  (void)state;
  expect_error("class P:\n    def __init__(self, x: int):\n        self.x = x\np = P(1)\nprint(p.y)\n",
               "'P' has no field 'y'", ":5:7:");
}

static void test_errors_are_collected_up_to_the_cap(void **state) {
  (void)state;
  char src[4096] = "";
  for (int i = 0; i < 30; i++) strcat(src, "print(nope)\n");
  Checked *c = run_check(src);
  assert_false(c->ok);
  assert_int_equal(count_errors(c->diags), DIAG_MAX_ERRORS);
  free_checked(c);
}

static void test_several_errors_in_one_file(void **state) {
  (void)state;
  Checked *c = run_check("print(a)\nx: int = 'no'\nprint(1 + 'b')\n");
  assert_int_equal(count_errors(c->diags), 3);
  free_checked(c);
}

#define POOL "extern def pool(k: ints, stride: ints = None, mean: floats = 0.5) -> int = \"c_pool\"\n"

static void test_ints_and_floats_parameters(void **state) {
  (void)state;
  Checked *c = run_check(POOL "t = (2, 3)\npool(3)\npool((3, 4), stride=t, mean=(0.1, 2))\npool(k=t, mean=1)\n");
  assert_true(c->ok);
  free_checked(c);
  expect_error(POOL "pool('3')\n", "argument 'k' of pool expects int or tuple of ints, got str", ":2:6:");
  expect_error(POOL "pool((1.5, 2))\n", "expects int or tuple of ints, got tuple[float, int]", ":2:6:");
  expect_error(POOL "pool(1, mean=('a',))\n", "argument 'mean' of pool expects float or tuple of floats", ":2:14:");
}

#define POST "extern def post(n: int, **values: float) -> int = \"c_post\"\n"

static void test_keyword_arguments_parameter(void **state) {
  (void)state;
  Checked *c = run_check(POST "post(1, loss=0.5, acc=2)\npost(2)\npost(n=3, x=1.5)\n");
  assert_true(c->ok);
  free_checked(c);
  expect_error(POST "post(1, 2)\n", "post() takes 1 positional argument but 2 were given", ":2:9:");
  expect_error(POST "post(1, loss='a')\n", "argument 'loss' of post expects float, got str", ":2:14:");
  expect_error(POST "post(loss=1.0)\n", "post() missing required argument 'n'", ":2:1:");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_program),
      cmocka_unit_test(test_types_of_expressions),
      cmocka_unit_test(test_interned_types),
      cmocka_unit_test(test_undefined_name),
      cmocka_unit_test(test_variable_changes_type),
      cmocka_unit_test(test_argument_type),
      cmocka_unit_test(test_unknown_keyword),
      cmocka_unit_test(test_missing_argument),
      cmocka_unit_test(test_missing_return),
      cmocka_unit_test(test_return_type),
      cmocka_unit_test(test_not_callable),
      cmocka_unit_test(test_empty_list_needs_annotation),
      cmocka_unit_test(test_unknown_field),
      cmocka_unit_test(test_errors_are_collected_up_to_the_cap),
      cmocka_unit_test(test_several_errors_in_one_file),
      cmocka_unit_test(test_ints_and_floats_parameters),
      cmocka_unit_test(test_keyword_arguments_parameter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

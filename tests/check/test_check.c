/* test_check.c - the type checker on small programs. */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

static void test_declared_type_is_kept(void **state) {
  (void)state;
  expect_error("x: int = 1\nx = 'a'\n", "'x' is declared int: it cannot take a str", ":2:1:");
}

/* A name may be rebound to another type; read where two types meet, it is an error. */
static void test_rebound_types_meet(void **state) {
  (void)state;
  Checked *c = run_check("x = 1\nprint(x)\nx = 'a'\nprint(x)\n");
  assert_true(c->ok);
  free_checked(c);
  expect_error("def f(b: bool) -> None:\n    if b:\n        x = 1\n    else:\n        x = 'a'\n    print(x)\n",
               "'x' is an int (assigned at line 3) or a str (line 5) here", ":6:11:");
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
  expect_error("def f(n: int, k: int = 2) -> int:\n    return n\nf(k=3)\n", "f() missing 1 required positional argument: 'n'", ":3:1:");
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
  Checked *c = run_check(POOL "t = (2, 3)\npool(3)\npool((3, 4), stride=t, mean=(0.1, 2))\npool(k=t, mean=1)\npool([3, 4])\n");
  assert_true(c->ok);
  free_checked(c);
  expect_error(POOL "pool('3')\n", "argument 'k' of pool expects int, tuple or list of ints, got str", ":2:6:");
  expect_error(POOL "pool((1.5, 2))\n", "expects int, tuple or list of ints, got tuple[float, int]", ":2:6:");
  expect_error(POOL "pool(1, mean=('a',))\n", "argument 'mean' of pool expects float or tuple of floats", ":2:14:");
  expect_error(POOL "pool(['3'])\n", "expects int, tuple or list of ints, got list[str]", ":2:6:");
}

/* An object whose __iter__ returns a list is that list where Python
 * iterates it: unpacked, summed, searched, passed for an extern's list of
 * numbers (and a class with a plain and a `*index` __getitem__ gets a
 * plain index in the first). */
#define DIMS \
  "extern class Dims = \"c_dims\":\n" \
  "    extern def __iter__(self) -> list[int] = \"c_list\"\n" \
  "    extern def __getitem__(self, i: int) -> int = \"c_get\"\n" \
  "    extern def __getitem__(self, *index: slice) -> Dims = \"c_slice\"\n" \
  "extern def dims() -> Dims = \"c_make\"\n" \
  "extern def take(sizes: list[int], k: ints = 1) -> int = \"c_take\"\n" \
  "def mine(sizes: list[int]) -> int:\n    return 0\n"

static void test_objects_iterated_as_lists(void **state) {
  (void)state;
  Checked *c = run_check(DIMS "d = dims()\na, b = d\nn: int = sum(d) + max(d) + take(d, d) + a + d[0]\n"
                              "e: Dims = d[1:]\nok: bool = 3 in d\nxs: list[int] = list(d)\n");
  if (!c->ok) fprintf(stderr, "%s", c->diags);
  assert_true(c->ok);
  free_checked(c);
  expect_error(DIMS "mine(dims())\n", "argument 'sizes' of mine expects list[int], got Dims", ":9:6:");
  expect_error(DIMS "for a, b in [dims()]:\n    pass\n", "a Dims unpacks only where it is assigned", ":9:5:");
  expect_error(DIMS "s: str = dims()[0]\n", "cannot assign int to 's' of type str", ":9:10:");
}

#define POST "extern def post(n: int, **values: float) -> int = \"c_post\"\n"

static void test_keyword_arguments_parameter(void **state) {
  (void)state;
  Checked *c = run_check(POST "post(1, loss=0.5, acc=2)\npost(2)\npost(n=3, x=1.5)\n");
  assert_true(c->ok);
  free_checked(c);
  expect_error(POST "post(1, 2)\n", "post() takes 1 positional argument but 2 were given", ":2:9:");
  expect_error(POST "post(1, loss='a')\n", "argument 'loss' of post expects float, got str", ":2:14:");
  expect_error(POST "post(loss=1.0)\n", "post() missing 1 required positional argument: 'n'", ":2:1:");
}

/* ---- names: look-up cost, C names, paths in the C ---------------------- */

/* Scope look-up is a hash table: 100,000 globals resolve and check in well
 * under a second of CPU (a list walked for each look-up took some 700 s). */
static void test_many_globals_check_in_linear_time(void **state) {
  (void)state;
  enum { N = 100000 };
  size_t cap = (size_t)N * 24 + 256, len = 0;
  char *src = malloc(cap);
  for (int i = 0; i < N; i++) len += (size_t)snprintf(src + len, cap - len, "v%d = %d\n", i, i);
  snprintf(src + len, cap - len, "def f(a: int) -> int:\n    return a + v%d\nprint(f(v0) + v%d)\n", N - 1, N / 2);
  clock_t t0 = clock();
  Checked *c = run_check(src);
  double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
  assert_true(c->ok);
  if (cpu > 10) {
    fprintf(stderr, "%d globals took %.1f s of CPU to check\n", N, cpu);
    fail();
  }
  free_checked(c);
  free(src);
}

static char *read_all(const char *path) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  rewind(f);
  char *text = calloc(1, (size_t)n + 1);
  assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  return text;
}

/* The repository's root, from this file's path (tests/check/test_check.c). */
static char *repo_root(void) {
  char *root = strdup(__FILE__);
  char *cut = strstr(root, "tests/check/test_check.c");
  assert_non_null(cut);
  *cut = 0;
  return root;
}

/* A source path with a newline, a quote, a backslash, a star-slash and a
 * trigraph (??/) in it: the C's first comment and its #line directives
 * quote it so that the C compiles and names the file exactly. */
static void test_odd_source_path_in_the_c(void **state) {
  (void)state;
  char dir[] = "/tmp/gtp_path_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char sub[256], src[512], cfile[512], cmd[2048];
  snprintf(sub, sizeof sub, "%s/a*", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  snprintf(sub, sizeof sub, "%s/a*/e?\?", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  snprintf(src, sizeof src, "%s/b\n\"c\\d.gtp", sub);
  FILE *f = fopen(src, "w");
  assert_non_null(f);
  fputs("def twice(x: int) -> int:\n    return 2 * x\nprint(twice(21))\n", f);
  fclose(f);
  Arena arena = {0};
  Diag d;
  diag_init(&d, stderr);
  Program *p = resolve_program(&arena, &d, src, NULL);
  assert_true(p && check_program(p));
  snprintf(cfile, sizeof cfile, "%s/out*/.c", dir);   /* a star-slash in the C's own path too */
  snprintf(cmd, sizeof cmd, "%s/out*", dir);
  assert_int_equal(mkdir(cmd, 0700), 0);
  FILE *out = fopen(cfile, "w");
  assert_non_null(out);
  EmitOptions opt = {.line_directives = true, .c_path = cfile};
  reach_program(p);
  emit_program(p, out, &opt);
  fclose(out);
  diag_finish(&d);
  char *c = read_all(cfile);
  const char *quoted = "a*/e\\?\\?/b\\012\\\"c\\\\d.gtp\"";
  /* The first star-slash in the text is the end of the first comment. */
  char *first_end = strstr(c, "*/");
  assert_non_null(first_end);
  assert_true(strncmp(first_end - strlen(", compiled by gtorchc. "), ", compiled by gtorchc. */",
                      strlen(", compiled by gtorchc. */")) == 0);
  assert_non_null(strstr(c, quoted));
  char *root = repo_root();
  snprintf(cmd, sizeof cmd, "cc -std=c11 -fsyntax-only -Wall -Werror -I'%sruntime/include' '%s'", root, cfile);
  assert_int_equal(system(cmd), 0);
  free(root);
  free(c);
  arena_free(&arena);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_program),
      cmocka_unit_test(test_types_of_expressions),
      cmocka_unit_test(test_interned_types),
      cmocka_unit_test(test_undefined_name),
      cmocka_unit_test(test_declared_type_is_kept),
      cmocka_unit_test(test_rebound_types_meet),
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
      cmocka_unit_test(test_objects_iterated_as_lists),
      cmocka_unit_test(test_keyword_arguments_parameter),
      cmocka_unit_test(test_many_globals_check_in_linear_time),
      cmocka_unit_test(test_odd_source_path_in_the_c),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

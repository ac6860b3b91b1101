/* str: methods, indexing, slicing, repr, int() and float() against CPython. */
#include "test_util.h"

#include "core_expected.h"

static gt_str *S(const char *s) { return gt_str_from_cstr(s); }

static gt_str *repr_list(gt_list *l) {
  gt_str *r = gt_val_repr((gt_val){.p = l}, l->type);
  gt_release(l);
  return r;
}

static gt_str *repr_int(int64_t v) { return gt_val_repr((gt_val){.i = v}, &gt_t_int); }
static gt_str *repr_bool(bool v) { return gt_str_of_bool(v); }

static gt_str *repr_str(gt_str *s) {
  gt_str *r = gt_str_repr(s);
  gt_release(s);
  return r;
}

/* Runs one case; returns repr of the result as Python printed it. */
static gt_str *run_str_case(const str_case *c) {
  gt_str *s = S(c->s);
  gt_str *a = c->a ? S(c->a) : NULL, *b = c->b ? S(c->b) : NULL;
  gt_str *r = NULL;
  const char *op = c->op;
  if (!strcmp(op, "repr")) r = gt_str_repr(s);
  else if (!strcmp(op, "len")) r = repr_int(gt_str_len(s));
  else if (!strcmp(op, "split")) r = repr_list(gt_str_split(s, a, c->n));
  else if (!strcmp(op, "strip")) r = repr_str(gt_str_strip(s, a));
  else if (!strcmp(op, "lstrip")) r = repr_str(gt_str_lstrip(s, a));
  else if (!strcmp(op, "rstrip")) r = repr_str(gt_str_rstrip(s, a));
  else if (!strcmp(op, "find")) r = repr_int(gt_str_find(s, a));
  else if (!strcmp(op, "count")) r = repr_int(gt_str_count(s, a));
  else if (!strcmp(op, "in")) r = repr_bool(gt_str_contains(s, a));
  else if (!strcmp(op, "startswith")) r = repr_bool(gt_str_startswith(s, a));
  else if (!strcmp(op, "endswith")) r = repr_bool(gt_str_endswith(s, a));
  else if (!strcmp(op, "replace")) r = repr_str(gt_str_replace(s, a, b, c->n));
  else if (!strcmp(op, "zfill")) r = repr_str(gt_str_zfill(s, c->n));
  else if (!strcmp(op, "isspace")) r = repr_bool(gt_str_isspace(s));
  else if (!strcmp(op, "isdigit")) r = repr_bool(gt_str_isdigit(s));
  else if (!strcmp(op, "isalpha")) r = repr_bool(gt_str_isalpha(s));
  else if (!strcmp(op, "upper")) r = repr_str(gt_str_upper(s));
  else if (!strcmp(op, "lower")) r = repr_str(gt_str_lower(s));
  else if (!strcmp(op, "list")) r = repr_list(gt_list_of_str(s));
  else if (!strcmp(op, "repeat")) r = repr_str(gt_str_repeat(s, c->n));
  else if (!strcmp(op, "concat")) r = repr_str(gt_str_concat(s, a));
  else if (!strcmp(op, "cmp")) r = repr_int(gt_str_cmp(s, a));
  else if (!strcmp(op, "getitem")) r = repr_str(gt_str_getitem(s, c->n));
  else if (!strcmp(op, "slice"))
    r = repr_str(gt_str_slice(s, c->has_lo ? c->lo : GT_NOIDX, c->has_hi ? c->hi : GT_NOIDX,
                              c->has_step ? c->n : GT_NOIDX));
  else if (!strcmp(op, "join")) {
    gt_list *parts = gt_list_new(&gt_t_list_str, 0);
    for (int i = 0; i < c->nparts; i++) {
      gt_str *p = S(c->parts[i]);
      gt_list_append(parts, (gt_val){.p = p});
      gt_release(p);
    }
    r = repr_str(gt_str_join(s, parts));
    gt_release(parts);
  } else if (!strcmp(op, "int")) r = repr_int(gt_int_of_str(s));
  else if (!strcmp(op, "float")) r = gt_str_of_float(gt_float_of_str(s));
  gt_release(s);
  gt_release(a);
  gt_release(b);
  return r;
}

static void run_failing(const void *arg) { run_str_case(arg); }

static bool is_error_text(const char *s) {
  return !strncmp(s, "ValueError: ", 12) || !strncmp(s, "OverflowError: ", 15);
}

static void test_str_cases(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(STR_CASES); i++) {
    const str_case *c = &STR_CASES[i];
    char what[256];
    snprintf(what, sizeof what, "%s(%s, %s, %s, %lld)", c->op, c->s, c->a ? c->a : "None",
             c->b ? c->b : "None", (long long)c->n);
    if (is_error_text(c->expect) && (!strcmp(c->op, "int") || !strcmp(c->op, "float")))
      bad += !expect_failure(run_failing, c, c->expect, what);
    else
      bad += !check_str(run_str_case(c), c->expect, what);
  }
  assert_int_equal(bad, 0);
}

static void run_getitem(const void *arg) {
  (void)arg;
  gt_str_getitem(S("abc"), 3);
}
static void run_empty_sep(const void *arg) {
  (void)arg;
  gt_str_split(S("abc"), S(""), -1);
}
static void run_slice_step0(const void *arg) {
  (void)arg;
  gt_str_slice(S("abc"), 0, 1, 0);
}
static void run_ord2(const void *arg) {
  (void)arg;
  gt_ord(S("ab"));
}
static void run_chr_big(const void *arg) {
  (void)arg;
  gt_chr(0x110000);
}

static void test_str_errors(void **state) {
  (void)state;
  assert_true(expect_failure(run_getitem, NULL, "IndexError: string index out of range", "getitem"));
  assert_true(expect_failure(run_empty_sep, NULL, "ValueError: empty separator", "split"));
  assert_true(expect_failure(run_slice_step0, NULL, "ValueError: slice step cannot be zero", "slice"));
  assert_true(expect_failure(run_ord2, NULL, "TypeError: ord() expected a character, but string of length 2 found", "ord"));
  assert_true(expect_failure(run_chr_big, NULL, "ValueError: chr() arg not in range(0x110000)", "chr"));
}

static void test_str_misc(void **state) {
  (void)state;
  static gt_str lit = {{GT_IMMORTAL, &gt_str_class}, 6, "h\xc3\xa9llo"};
  assert_int_equal(gt_str_len(&lit), 5);
  gt_str *e = gt_str_getitem(&lit, 1);
  assert_true(check_str(e, "\xc3\xa9", "getitem"));
  assert_true(check_str(gt_chr(0xe9), "\xc3\xa9", "chr"));
  e = gt_str_getitem(&lit, -4);
  assert_int_equal(gt_ord(e), 0xe9);
  gt_release(e);
  /* bytes after a NUL are part of the string */
  gt_str *z = gt_str_new("a\0b", 3);
  assert_int_equal(gt_str_len(z), 3);
  assert_true(check_str(gt_str_repr(z), "'a\\x00b'", "nul"));
  gt_release(z);
  gt_str *parts[] = {&lit, &lit, &lit};
  assert_true(check_str(gt_str_build(3, parts), "h\xc3\xa9llo" "h\xc3\xa9llo" "h\xc3\xa9llo", "build"));
  assert_true(check_str(gt_str_of_int(INT64_MIN), "-9223372036854775808", "int"));
  assert_true(check_str(gt_str_of_bool(false), "False", "bool"));
  gt_str *a = S("same"), *b = S("same");
  assert_true(gt_str_eq(a, b));
  assert_int_equal(gt_str_hash(a), gt_str_hash(b));
  gt_release(a);
  gt_release(b);
  /* invalid UTF-8 neither crashes nor loops */
  gt_str *bad = gt_str_new("\xff\xc3", 2);
  assert_int_equal(gt_str_len(bad), 2);
  assert_true(check_str(gt_str_repr(bad), "'\\xff\\xc3'", "bad utf-8"));
  gt_release(bad);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_str_cases),
      cmocka_unit_test(test_str_errors),
      cmocka_unit_test(test_str_misc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

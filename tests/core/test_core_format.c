/* format(v, spec) for int, bool, float and str against CPython, successes
 * and error messages. */
#include "test_util.h"

#include "core_expected.h"

static const gt_type *type_of(gt_kind k) {
  switch (k) {
    case GT_K_INT: return &gt_t_int;
    case GT_K_BOOL: return &gt_t_bool;
    case GT_K_FLOAT: return &gt_t_float;
    default: return &gt_t_str;
  }
}

/* Formats a case; the returned str is new. */
static gt_str *do_format(const format_case *c) {
  gt_val v;
  gt_str *s = NULL;
  switch (c->kind) {
    case GT_K_INT: v.i = c->i; break;
    case GT_K_BOOL: v.b = c->i != 0; break;
    case GT_K_FLOAT: v.f = from_bits(c->f); break;
    default: v.p = s = gt_str_from_cstr(c->s); break;
  }
  gt_str *spec = gt_str_from_cstr(c->spec);
  gt_str *r = gt_format(v, type_of(c->kind), spec);
  gt_release(spec);
  gt_release(s);
  return r;
}

static void describe(const format_case *c, char *buf, size_t n) {
  if (c->kind == GT_K_FLOAT) snprintf(buf, n, "format(%.17g, '%s')", from_bits(c->f), c->spec);
  else if (c->kind == GT_K_STR) snprintf(buf, n, "format('%s', '%s')", c->s, c->spec);
  else snprintf(buf, n, "format(%lld, '%s')", (long long)c->i, c->spec);
}

static void test_format_ok(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(FORMAT_OK); i++) {
    char what[256];
    describe(&FORMAT_OK[i], what, sizeof what);
    bad += !check_str(do_format(&FORMAT_OK[i]), FORMAT_OK[i].expect, what);
  }
  assert_int_equal(bad, 0);
}

static void run_format(const void *arg) { do_format(arg); }

static void test_format_errors(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(FORMAT_ERR); i++) {
    char what[256];
    describe(&FORMAT_ERR[i], what, sizeof what);
    bad += !expect_failure(run_format, &FORMAT_ERR[i], FORMAT_ERR[i].expect, what);
  }
  assert_int_equal(bad, 0);
}

static void test_format_null_spec(void **state) {
  (void)state;
  assert_true(check_str(gt_format((gt_val){.f = 0.5}, &gt_t_float, NULL), "0.5", "null spec"));
  assert_true(check_str(gt_format((gt_val){.b = true}, &gt_t_bool, NULL), "True", "bool"));
  gt_list *l = gt_list_of(&gt_t_list_int, 1, (gt_val){.i = 1});
  assert_true(check_str(gt_format((gt_val){.p = l}, &gt_t_list_int, NULL), "[1]", "list"));
  gt_release(l);
  gt_str *c = gt_str_from_cstr("c");
  gt_str *nul = gt_format((gt_val){.i = 0}, &gt_t_int, c);   /* chr(0) */
  assert_int_equal(nul->len, 1);
  assert_int_equal(nul->data[0], 0);
  gt_release(nul);
  gt_release(c);
}

static void run_list_spec(const void *arg) {
  (void)arg;
  gt_list *l = gt_list_new(&gt_t_list_int, 0);
  gt_str *spec = gt_str_from_cstr(">5");
  gt_format((gt_val){.p = l}, &gt_t_list_int, spec);
}

static void test_format_other_types(void **state) {
  (void)state;
  assert_true(expect_failure(run_list_spec, NULL, "TypeError: unsupported format string passed to list.__format__",
                             "list spec"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_format_ok),
      cmocka_unit_test(test_format_errors),
      cmocka_unit_test(test_format_null_spec),
      cmocka_unit_test(test_format_other_types),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

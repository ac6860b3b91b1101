/* Printing: str(tensor) must be PyTorch's text, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"
#include "ref_print.h"

/* The tensor of one case, after its op (see ref_print.py). */
static gt_tensor *make_case(const struct print_case *c) {
  if (strcmp(c->op, "arange7") == 0) {
    int64_t n = 1;
    for (int64_t i = 0; i < c->ndim; i++) n *= c->shape[i];
    gt_tensor *a = gt_arange_i(0, n, 1, (gt_dtype)c->dtype, NULL, false);
    gt_tensor *r = gt_reshape(a, c->shape, c->ndim);
    gt_tensor *d = gt_div_i(r, 7);
    gt_release(a);
    gt_release(r);
    return d;
  }
  gt_tensor *t = gt_tensor_from_data(c->data, (gt_dtype)c->dtype, c->shape, c->ndim);
  assert_non_null(t);
  if (strcmp(c->op, "none") == 0) return t;
  gt_tensor *p = gt_nn_Parameter(t, true);
  gt_release(t);
  assert_non_null(p);
  if (strcmp(c->op, "param") == 0) return p;
  gt_tensor *r = strcmp(c->op, "relu") == 0 ? gt_F_relu(p, false) : gt_F_linear(p, p, NULL);
  gt_release(p);
  assert_non_null(r);
  return r;
}

static void all_cases(void **state) {
  (void)state;
  int failed = 0;
  for (size_t i = 0; i < sizeof print_cases / sizeof print_cases[0]; i++) {
    const struct print_case *c = &print_cases[i];
    gt_tensor *t = make_case(c);
    assert_int_equal(gt_set_printoptions(c->precision, c->threshold, c->edgeitems, c->linewidth, c->profile,
                                         c->sci_mode), 0);
    gt_str *s = gt_tensor_str(t);
    assert_int_equal(gt_set_printoptions(-1, -1, -1, -1, "default", -1), 0);
    assert_non_null(s);
    if (strcmp(s->data, c->expected) != 0) {
      printf("case %s:\n--- PyTorch\n%s\n--- gtorch\n%s\n", c->name, c->expected, s->data);
      failed++;
    }
    gt_release(s);
    gt_release(t);
  }
  assert_int_equal(failed, 0);
}

static void bad_printoptions(void **state) {
  (void)state;
  assert_int_equal(gt_set_printoptions(-1, -1, -1, -1, "bogus", -1), -1);
  assert_string_equal(gt_last_error(), "set_printoptions: unknown profile 'bogus'");
  assert_int_equal(gt_set_printoptions(-1, -1, 0, -1, NULL, -1), -1);
}

/* No tensor (a .grad never computed) prints as Python's None. */
static void null_tensor(void **state) {
  (void)state;
  gt_str *s = gt_tensor_str(NULL);
  assert_non_null(s);
  assert_string_equal(s->data, "None");
  gt_release(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(all_cases),
      cmocka_unit_test(bad_printoptions),
      cmocka_unit_test(null_tensor),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

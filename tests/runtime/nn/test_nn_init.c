/* torch.nn.init: same seed, same numbers as PyTorch (ref_init.py). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"
#include "nn_check.h"
#include "ref_init.h"

static void init_functions(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof icases / sizeof icases[0]; i++) {
    const struct icase *c = &icases[i];
    gt_manual_seed(c->seed);
    gt_tensor *t = gt_empty(c->shape, c->ndim, GT_DTYPE_DEFAULT, NULL, false);
    int rc = c->call(t);
    if (c->error) {
      if (rc != -1 || strcmp(gt_last_error(), c->error) != 0) {
        printf("%s: expected '%s', got rc %d '%s'\n", c->name, c->error, rc, gt_last_error());
        bad++;
      }
    } else if (rc != 0) {
      printf("%s: failed: %s\n", c->name, gt_last_error());
      bad++;
    } else {
      bad += nn_mismatch_tol(c->name, "values", t, c->want, gt_tensor_numel(t), 1e-7, 0);
    }
    gt_release(t);
  }
  assert_int_equal(bad, 0);
}

static void gains_(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof gains / sizeof gains[0]; i++)
    assert_true(gt_nn_init_calculate_gain(gains[i].nonlinearity, gains[i].param) == gains[i].want);
  assert_true(isnan(gt_nn_init_calculate_gain("swish", GT_NONE_FLOAT)));
  assert_string_equal(gt_last_error(), "Unsupported nonlinearity swish");
}

/* Init runs without recording grad, so parameters stay leaves. */
static void on_parameters(void **state) {
  (void)state;
  gt_module *lin = gt_nn_Linear(3, 2, true);
  gt_tensor *w = gt_module_attr(lin, "weight");
  assert_int_equal(gt_nn_init_ones_(w), 0);
  assert_true(gt_tensor_is_leaf(w));
  assert_true(gt_tensor_requires_grad(w));
  assert_int_equal(gt_nn_init_zeros_(NULL), -1);
  gt_release(lin);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(init_functions),
      cmocka_unit_test(gains_),
      cmocka_unit_test(on_parameters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

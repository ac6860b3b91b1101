/* torch.nn.functional: outputs and input gradients as PyTorch's
 * (ref_functional.py), and PyTorch's message for each mistake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"
#include "nn_check.h"
#include "ref_functional.h"

#define MAX_IN 8

static int run_case(const struct fcase *c) {
  gt_tensor *in[MAX_IN] = {0};
  for (int i = 0; i < c->nin; i++) {
    const struct fin *f = &c->in[i];
    in[i] = gt_tensor_from_data(f->data, (gt_dtype)f->dtype, f->shape, f->ndim);
    assert_non_null(in[i]);
    if (f->grad) assert_int_equal(gt_requires_grad_(in[i], true), 0);
  }
  gt_manual_seed(c->seed);
  gt_tensor *y = c->call(in);
  int bad = 0;
  if (c->error) {
    if (y || strcmp(gt_last_error(), c->error) != 0) {
      printf("%s: expected the error '%s', got %s '%s'\n", c->name, c->error, y ? "a tensor" : "NULL",
             gt_last_error());
      bad++;
    }
  } else if (!y) {
    printf("%s: failed: %s\n", c->name, gt_last_error());
    bad++;
  } else {
    int64_t shape[8], numel = 1;
    int64_t nd = gt_tensor_shape(y, shape, 8);
    bad += nd != c->out_ndim;
    for (int64_t i = 0; i < nd && i < c->out_ndim; i++) {
      if (shape[i] != c->out_shape[i]) bad++;
      numel *= c->out_shape[i];
    }
    if (bad) printf("%s: output shape differs from PyTorch's\n", c->name);
    bad += nn_mismatch(c->name, "output", y, c->out, numel);
    if (gt_tensor_requires_grad(y)) {
      gt_tensor *sq = gt_mul(y, y);
      gt_tensor *loss = gt_sum(sq, GT_DTYPE_DEFAULT);
      assert_int_equal(gt_backward(loss, NULL, -1, false), 0);
      gt_release(loss);
      gt_release(sq);
    }
    for (int i = 0; i < c->nin; i++) {
      if (!c->in[i].g) continue;
      gt_tensor *g = gt_grad(in[i]);
      bad += nn_mismatch(c->name, "input grad", g, c->in[i].g, gt_tensor_numel(in[i]));
      gt_release(g);
    }
  }
  gt_release(y);
  for (int i = 0; i < c->nin; i++) gt_release(in[i]);
  return bad;
}

static void all_cases(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof fcases / sizeof fcases[0]; i++) bad += run_case(&fcases[i]);
  assert_int_equal(bad, 0);
}

static void none_arguments(void **state) {
  (void)state;
  assert_null(gt_F_relu(NULL, false));
  assert_string_equal(gt_last_error(), "expected a Tensor, got None");
  int64_t shape[2] = {2, 3};
  gt_tensor *x = gt_randn(shape, 2, GT_DTYPE_DEFAULT, NULL, false);
  assert_null(gt_F_interpolate(x, NULL, 0, NULL, 0, "cubic", -1, -1, false));
  assert_null(gt_F_dropout(x, 1.5, true, false));
  assert_null(gt_F_gelu(x, "fast"));
  gt_release(x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(all_cases),
      cmocka_unit_test(none_arguments),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

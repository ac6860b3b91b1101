/* Autograd against PyTorch (ref_autograd.py). */
#include "ref_autograd.h"

static void backward(void **state) {
  (void)state;
  gt_tensor *w = T(w), *x = T(x);
  OK(gt_requires_grad_(w, true));
  assert_true(gt_tensor_requires_grad(w));
  assert_true(gt_tensor_is_leaf(w));
  assert_null(gt_grad(w));
  assert_string_equal(gt_last_error(), "");  /* None is not an error */
  gt_tensor *loss = keep(gt_mean(keep(gt_pow_i(keep(gt_tanh(keep(gt_matmul(x, w)))), 2)), GT_DTYPE_DEFAULT));
  assert_false(gt_tensor_is_leaf(loss));
  CHECK(gt_detach(loss), loss);
  OK(gt_backward(loss, NULL, 1, false));
  CHECK(gt_grad(w), wgrad);
  OK(gt_backward(loss, NULL, -1, false));
  CHECK(gt_grad(w), wgrad2);
  /* The graph is freed now: a third backward fails cleanly. */
  CHECK_FAILS(gt_backward(loss, NULL, -1, false), "backward through the graph a second time");
  OK(gt_zero_grad(w, false));
  gt_tensor *zg = keep(gt_grad(w));
  gt_tensor *zero = keep(gt_zeros_like(w, GT_DTYPE_DEFAULT, NULL, false));
  assert_int_equal(gt_equal(zg, zero), 1);
  OK(gt_zero_grad(w, true));
  assert_null(gt_grad(w));
  gt_tensor *y = keep(gt_sigmoid(keep(gt_matmul(x, w))));
  CHECK_FAILS(gt_backward(y, NULL, -1, false), "grad can be implicitly created only for scalar outputs");
  OK(gt_backward(y, T(g), -1, false));
  CHECK(gt_grad(w), wgrad3);
  OK(gt_set_grad(w, NULL));
  assert_null(gt_grad(w));
}

static void grad_mode(void **state) {
  (void)state;
  gt_tensor *w = T(w), *x = T(x);
  OK(gt_requires_grad_(w, true));
  assert_true(gt_is_grad_enabled());
  bool prev = gt_set_grad_enabled(false); /* with torch.no_grad(): */
  assert_true(prev);
  assert_false(gt_is_grad_enabled());
  gt_tensor *y = keep(gt_matmul(x, w));
  assert_false(gt_tensor_requires_grad(y));
  bool inner = gt_set_grad_enabled(true); /* with torch.enable_grad(): */
  gt_tensor *z = keep(gt_matmul(x, w));
  assert_true(gt_tensor_requires_grad(z));
  gt_set_grad_enabled(inner);
  gt_set_grad_enabled(prev);
  assert_true(gt_is_grad_enabled());
  /* requires_grad_ on a non-leaf or an int tensor is an error */
  gt_tensor *i = keep(gt_arange_i(0, 3, 1, GT_DTYPE_DEFAULT, NULL, false));
  CHECK_FAILS(gt_requires_grad_(i, true), "floating point");
  CHECK_FAILS(gt_requires_grad_(z, false), "only change requires_grad flags of leaf variables");
  /* in-place on a leaf that requires grad */
  CHECK_FAILS(gt_add_f_(w, 1.0), "leaf Variable that requires grad");
}

int main(void) {
  const struct CMUnitTest tests[] = {TEST(backward), TEST(grad_mode)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}

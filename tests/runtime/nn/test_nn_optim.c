/* torch.optim: a few training steps match PyTorch's parameters within 1e-6
 * relative (ref_optim.py); param groups, lr, zero_grad, clip_grad_norm_,
 * and PyTorch's messages for bad arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"
#include "nn_check.h"
#include "ref_optim.h"

#define RTOL 1e-6
#define ATOL 1e-8

static gt_tensor *tensor2(const double *v, int64_t a, int64_t b) {
  int64_t shape[2] = {a, b};
  gt_tensor *d = gt_tensor_from_data(v, GT_FLOAT64, shape, 2);
  gt_tensor *f = gt_to(d, NULL, GT_FLOAT32);
  gt_release(d);
  return f;
}

static int run_case(const struct ocase *c) {
  int bad = 0;
  gt_manual_seed(c->seed);
  gt_module *model = gt_nn_Linear(4, 3, true);
  gt_tensor *w = gt_module_parameter(model, 0), *b = gt_module_parameter(model, 1);
  gt_tensor *both[2] = {w, b};
  gt_list *ps = nn_tensor_list(2, both), *ps1 = nn_tensor_list(1, both);
  gt_list *ps2 = nn_tensor_list(1, both + 1);
  gt_optim *opt = c->make(ps, ps1);
  assert_non_null(opt);
  if (strcmp(c->flags, "groups") == 0) {
    assert_int_equal(gt_optim_add_param_group(opt, ps2, 0.01), 0);
    assert_int_equal(gt_optim_num_param_groups(opt), 2);
  }
  gt_tensor *x = tensor2(c->x, 8, 4), *y = tensor2(c->y, 8, 3);
  for (int step = 0; step < OPT_STEPS; step++) {
    assert_int_equal(gt_optim_zero_grad(opt, false), 0);
    gt_tensor *out = gt_module_forward(model, x);
    gt_tensor *loss = gt_F_mse_loss(out, y, "mean");
    assert_int_equal(gt_backward(loss, NULL, -1, false), 0);
    if (c->norms) {
      int inf = strcmp(c->flags, "clip_inf") == 0;
      gt_tensor *norm = gt_clip_grad_norm_(ps, inf ? 0.05 : 0.1, inf ? INFINITY : 2.0, false);
      bad += nn_mismatch_tol(c->name, "total norm", norm, &c->norms[step], 1, RTOL, ATOL);
      gt_release(norm);
    }
    assert_int_equal(gt_optim_step(opt), 0);
    if (step == 1)
      for (int64_t g = 0; g < gt_optim_num_param_groups(opt); g++)
        assert_int_equal(gt_optim_set_lr(opt, g, gt_optim_get_lr(opt, g) * 0.5), 0);
    bad += nn_mismatch_tol(c->name, "weight", w, c->w[step], 12, RTOL, ATOL);
    bad += nn_mismatch_tol(c->name, "bias", b, c->b[step], 3, RTOL, ATOL);
    gt_release(loss);
    gt_release(out);
  }
  gt_release(x);
  gt_release(y);
  gt_release(opt);
  gt_release(ps);
  gt_release(ps1);
  gt_release(ps2);
  gt_release(model);
  return bad;
}

static void training_steps(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof ocases / sizeof ocases[0]; i++) bad += run_case(&ocases[i]);
  assert_int_equal(bad, 0);
}

static void bad_arguments(void **state) {
  (void)state;
  gt_module *model = gt_nn_Linear(4, 3, true);
  gt_tensor *w = gt_module_parameter(model, 0);
  gt_tensor *both[2] = {w, gt_module_parameter(model, 1)};
  gt_tensor *w2 = gt_mul_i(w, 2);
  gt_list *ps = nn_tensor_list(2, both), *empty = nn_tensor_list(0, NULL), *nonleaf = nn_tensor_list(1, &w2);
  int bad = 0;
  for (size_t i = 0; i < sizeof oerrors / sizeof oerrors[0]; i++) {
    gt_optim *o = oerrors[i].make(ps, empty, nonleaf);
    if (o || strcmp(gt_last_error(), oerrors[i].message) != 0) {
      printf("%s: expected '%s', got '%s'\n", oerrors[i].name, oerrors[i].message, o ? "an optimizer" : gt_last_error());
      bad++;
    }
    gt_release(o);
  }
  assert_int_equal(bad, 0);
  /* a parameter may be in one group only */
  gt_optim *o = gt_optim_SGD(ps, 0.1, 0, 0, 0, false);
  assert_int_equal(gt_optim_add_param_group(o, ps, 0.5), -1);
  assert_string_equal(gt_last_error(), "ValueError: some parameters appear in more than one parameter group");
  assert_true(isnan(gt_optim_get_lr(o, 3)));
  assert_int_equal(gt_optim_set_lr(o, -1, 0.1), -1);
  assert_int_equal(gt_optim_step(NULL), -1);
  gt_release(o);
  gt_release(ps);
  gt_release(empty);
  gt_release(nonleaf);
  gt_release(w2);
  gt_release(model);
}

/* zero_grad(set_to_none=True) leaves grad None; the default zeroes it. */
static void zero_grad_modes(void **state) {
  (void)state;
  gt_module *model = gt_nn_Linear(2, 1, true);
  gt_tensor *w = gt_module_parameter(model, 0);
  gt_tensor *both[2] = {w, gt_module_parameter(model, 1)};
  gt_list *ps = nn_tensor_list(2, both);
  gt_optim *o = gt_optim_Adam(ps, 1e-3, 0.9, 0.999, 1e-8, 0, false);
  assert_int_equal(gt_optim_zero_grad(o, true), 0); /* no grads yet: nothing to do */
  int64_t shape[2] = {3, 2};
  gt_tensor *x = gt_ones(shape, 2, GT_DTYPE_DEFAULT, NULL, false);
  gt_tensor *out = gt_module_forward(model, x);
  gt_tensor *s = gt_sum(out, GT_DTYPE_DEFAULT);
  assert_int_equal(gt_backward(s, NULL, -1, false), 0);
  assert_int_equal(gt_optim_zero_grad(o, false), 0);
  gt_tensor *g = gt_grad(w);
  assert_non_null(g);
  double zeros[2] = {0, 0};
  assert_int_equal(nn_mismatch("zero_grad", "grad", g, zeros, 2), 0);
  gt_release(g);
  assert_int_equal(gt_optim_zero_grad(o, true), 0);
  assert_null(gt_grad(w));
  gt_tensor *none = gt_clip_grad_norm_(ps, 1.0, 2.0, false); /* no grads: tensor(0.) */
  assert_int_equal(nn_mismatch("clip", "norm", none, zeros, 1), 0);
  gt_release(none);
  gt_release(s);
  gt_release(out);
  gt_release(x);
  gt_release(o);
  gt_release(ps);
  gt_release(model);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(training_steps),
      cmocka_unit_test(bad_arguments),
      cmocka_unit_test(zero_grad_modes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

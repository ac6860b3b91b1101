/* nn modules: same seed -> the same initial parameters, outputs, gradients
 * and buffers as PyTorch (ref_modules.py); reprs; errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"
#include "nn_check.h"
#include "ref_modules.h"

static gt_tensor *square_sum(gt_tensor *y) {
  gt_tensor *sq = gt_mul(y, y);
  gt_tensor *s = gt_sum(sq, GT_DTYPE_DEFAULT);
  gt_release(sq);
  return s;
}

static gt_tensor *add_into(gt_tensor *acc, gt_tensor *y) {
  gt_tensor *s = square_sum(y);
  gt_tensor *r = gt_add(acc, s);
  gt_release(acc);
  gt_release(s);
  return r;
}

static int check_named(const struct mod_case *c, const char *what, int64_t n, const struct named *want,
                       gt_module *m, int buffers, int grads) {
  int bad = 0;
  for (int64_t i = 0; i < n; i++) {
    const char *name = buffers ? gt_module_buffer_name(m, i) : gt_module_parameter_name(m, i);
    gt_tensor *t = buffers ? gt_module_buffer(m, i) : gt_module_parameter(m, i);
    if (!name || strcmp(name, want[i].name) != 0) {
      printf("%s: %s %lld is '%s', PyTorch '%s'\n", c->name, what, (long long)i, name ? name : "(null)",
             want[i].name);
      bad++;
      continue;
    }
    if (grads) {
      gt_tensor *g = gt_grad(t);
      if (!want[i].v) bad += g != NULL;
      else bad += nn_mismatch(c->name, want[i].name, g, want[i].v, want[i].numel);
      gt_release(g);
    } else {
      bad += nn_mismatch(c->name, want[i].name, t, want[i].v, want[i].numel);
    }
  }
  return bad;
}

static int run_case(const struct mod_case *c) {
  int bad = 0;
  gt_manual_seed(c->seed);
  gt_module *m = c->make();
  if (!m) {
    printf("%s: constructor failed: %s\n", c->name, gt_last_error());
    return 1;
  }
  if (strstr(c->flags, "double")) assert_int_equal(gt_module_to(m, NULL, GT_FLOAT64), 0);
  if (strstr(c->flags, "eval")) assert_int_equal(gt_module_eval(m), 0);
  gt_str *r = gt_module_repr(m);
  if (strcmp(r->data, c->repr) != 0) {
    printf("%s: repr '%s', PyTorch '%s'\n", c->name, r->data, c->repr);
    bad++;
  }
  gt_release(r);
  if (gt_module_num_parameters(m) != c->nparams || gt_module_num_buffers(m) != c->nbuffers) {
    printf("%s: %lld parameters and %lld buffers, PyTorch %lld and %lld\n", c->name,
           (long long)gt_module_num_parameters(m), (long long)gt_module_num_buffers(m),
           (long long)c->nparams, (long long)c->nbuffers);
    gt_release(m);
    return bad + 1;
  }
  bad += check_named(c, "parameter", c->nparams, c->params, m, 0, 0);

  gt_tensor *x = gt_tensor_from_data(c->in_data, (gt_dtype)c->in_dtype, c->in_shape, c->in_ndim);
  if (c->in_grad) assert_int_equal(gt_requires_grad_(x, true), 0);
  gt_tensor *h = NULL, *cn = NULL, *y;
  if (strstr(c->flags, "lstm")) y = gt_lstm_forward(m, x, NULL, NULL, &h, &cn);
  else if (strstr(c->flags, "gru")) y = gt_gru_forward(m, x, NULL, &h);
  else y = gt_module_forward(m, x);
  if (!y) {
    printf("%s: forward failed: %s\n", c->name, gt_last_error());
    gt_release(x);
    gt_release(m);
    return bad + 1;
  }
  int64_t shape[8];
  int64_t nd = gt_tensor_shape(y, shape, 8);
  int64_t numel = 1;
  bad += nd != c->out_ndim;
  for (int64_t i = 0; i < nd && i < c->out_ndim; i++) {
    bad += shape[i] != c->out_shape[i];
    numel *= c->out_shape[i];
  }
  bad += nn_mismatch(c->name, "output", y, c->out, numel);
  if (c->h_n) bad += nn_mismatch(c->name, "h_n", h, c->h_n, gt_tensor_numel(h));
  if (c->c_n) bad += nn_mismatch(c->name, "c_n", cn, c->c_n, gt_tensor_numel(cn));

  gt_tensor *loss = square_sum(y);
  if (h) loss = add_into(loss, h);
  if (cn) loss = add_into(loss, cn);
  assert_int_equal(gt_backward(loss, NULL, -1, false), 0);
  bad += check_named(c, "grad of parameter", c->nparams, c->grads, m, 0, 1);
  bad += check_named(c, "buffer", c->nbuffers, c->buffers, m, 1, 0);
  if (c->in_grad) {
    gt_tensor *g = gt_grad(x);
    bad += nn_mismatch(c->name, "input grad", g, c->in_grad, gt_tensor_numel(x));
    gt_release(g);
  }
  gt_release(loss);
  gt_release(y);
  gt_release(h);
  gt_release(cn);
  gt_release(x);
  gt_release(m);
  return bad;
}

static void all_cases(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof mod_cases / sizeof mod_cases[0]; i++) bad += run_case(&mod_cases[i]);
  assert_int_equal(bad, 0);
}

static gt_tensor *randn2(int64_t a, int64_t b) {
  int64_t shape[2] = {a, b};
  return gt_randn(shape, 2, GT_DTYPE_DEFAULT, NULL, false);
}

/* A wrong input shape is an error with libtorch's message, never an abort. */
static void errors(void **state) {
  (void)state;
  gt_module *lin = gt_nn_Linear(4, 3, true);
  gt_tensor *x = randn2(2, 5);
  assert_null(gt_module_forward(lin, x));
  assert_non_null(strstr(gt_last_error(), "mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)"));
  gt_module *bn = gt_nn_BatchNorm1d(3, 1e-5, 0.1, true, true);
  assert_null(gt_module_forward(bn, x));
  assert_non_null(strstr(gt_last_error(), "running_mean should contain 5 elements not 3"));
  assert_null(gt_lstm_forward(lin, x, NULL, NULL, NULL, NULL));
  assert_non_null(strstr(gt_last_error(), "expected an LSTM module, got Linear"));
  gt_module *lstm = gt_nn_LSTM(3, 4, 1, true, false, 0.0, false);
  gt_tensor *h = NULL, *c = NULL;
  int64_t shape3[3] = {2, 2, 5};
  gt_tensor *x3 = gt_randn(shape3, 3, GT_DTYPE_DEFAULT, NULL, false);
  assert_null(gt_lstm_forward(lstm, x3, NULL, NULL, &h, &c));
  assert_non_null(strstr(gt_last_error(), "input.size(-1) must be equal to input_size. Expected 3, got 5"));
  assert_null(gt_module_forward(lstm, x));
  assert_null(gt_module_parameter(lin, 2));
  assert_null(gt_module_attr(lin, "running_mean"));
  assert_string_equal(gt_last_error(), "'Linear' object has no attribute 'running_mean'");
  assert_null(gt_nn_Dropout(1.5, false));
  assert_string_equal(gt_last_error(), "dropout probability has to be between 0 and 1, but got 1.5");
  assert_null(gt_nn_Conv2d(1, 1, 3, 3, 1, 1, 0, 0, 1, 1, 1, true, "mirror"));
  assert_null(gt_module_forward(NULL, x));
  gt_tensor *x1 = gt_randn(shape3, 1, GT_DTYPE_DEFAULT, NULL, false);
  assert_null(gt_lstm_forward(lstm, x1, NULL, NULL, &h, &c));
  assert_string_equal(gt_last_error(), "input must have 3 dimensions, got 2");  /* Python's words */
  gt_release(x1);
  gt_release(x3);
  gt_release(lstm);
  gt_release(bn);
  gt_release(x);
  gt_release(lin);
}

/* Parameters are borrowed handles that follow the module through to(). */
static void attrs_and_modes(void **state) {
  (void)state;
  gt_module *bn = gt_nn_BatchNorm2d(2, 1e-5, 0.1, true, true);
  assert_true(gt_module_is_training(bn));
  assert_int_equal(gt_module_eval(bn), 0);
  assert_false(gt_module_is_training(bn));
  assert_int_equal(gt_module_train(bn, true), 0);
  assert_true(gt_module_is_training(bn));
  gt_tensor *w = gt_module_attr(bn, "weight");
  assert_ptr_equal(w, gt_module_parameter(bn, 0));
  assert_string_equal(gt_module_type(bn), "BatchNorm2d");
  assert_true(gt_tensor_requires_grad(w));
  assert_int_equal(gt_module_to(bn, NULL, GT_FLOAT64), 0);
  assert_int_equal(gt_tensor_dtype(w), GT_FLOAT64);
  /* integer buffers keep their dtype, as in Python */
  assert_int_equal(gt_tensor_dtype(gt_module_attr(bn, "num_batches_tracked")), GT_INT64);
  assert_int_equal(gt_module_to(bn, NULL, GT_INT32), -1);
  gt_str *s = gt_tensor_str(gt_module_attr(bn, "bias"));
  assert_string_equal(s->data, "Parameter containing:\ntensor([0., 0.], dtype=torch.float64, requires_grad=True)");
  gt_release(s);
  gt_release(bn);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(all_cases),
      cmocka_unit_test(errors),
      cmocka_unit_test(attrs_and_modes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Arithmetic, comparison and reductions against PyTorch (ref_ops.py). */
#include "ref_ops.h"

static void binary(void **state) {
  (void)state;
  gt_tensor *x = T(x), *y = T(y), *p = T(p), *i = T(i), *j = T(j), *i32 = T(i32);
  CHECK(gt_add(x, y), add);
  CHECK(gt_sub(x, y), sub);
  CHECK(gt_mul(x, y), mul);
  CHECK(gt_div(x, y), div);
  CHECK(gt_floor_divide(x, y), floordiv);
  CHECK(gt_remainder(x, y), rem);
  CHECK(gt_pow(p, y), pow);
  CHECK(gt_add_f(x, 1.5), add_f);
  CHECK(gt_add_i(x, 2), add_i);
  CHECK(gt_mul_f(x, 2.5), mul_f);
  /* Python scalars promote as in PyTorch: int stays int, float makes float. */
  CHECK(gt_add_i(i, 3), i_add_i);
  CHECK(gt_add_f(i, 0.5), i_add_f);
  CHECK(gt_div_i(i, 3), i_div_i);
  CHECK(gt_floor_divide_i(i, 3), i_floordiv_i);
  CHECK(gt_remainder_i(i, 3), i_rem_i);
  CHECK(gt_mul_i(i, 2), i_mul_i);
  CHECK(gt_pow_i(j, 2), i_pow_i);
  CHECK(gt_add_i(i32, 7), i32_add_i);
  CHECK(gt_mul_f(i32, 1.5), i32_mul_f);
  CHECK(gt_floor_divide(i, j), i_floordiv_j);
  CHECK(gt_remainder(i, j), i_rem_j);
  CHECK(gt_rsub_f(x, 2.0), rsub_f);
  CHECK(gt_rsub_i(i, 2), rsub_i);
  CHECK(gt_rdiv_f(x, 1.0), rdiv_f);
  CHECK(gt_rdiv_i(j, 3), rdiv_i);
  CHECK(gt_rfloor_divide_i(j, 7), rfloordiv_i);
  CHECK(gt_rremainder_i(j, 7), rrem_i);
  CHECK(gt_rfloor_divide_f(p, 7.5), rfloordiv_f);
  CHECK(gt_rremainder_f(p, 7.5), rrem_f);
  CHECK(gt_rpow_f(x, 2.0), rpow_f);
  CHECK(gt_rpow_i(j, 2), rpow_i);
  gt_tensor *i32a = keep(gt_abs(i32));
  CHECK(gt_rfloor_divide_i(keep(gt_add_i(i32a, 1)), 100), i32_rfloordiv);
  CHECK(gt_add_alpha(x, y, 2.0), add_alpha);

  gt_tensor *c = keep(gt_clone(x));
  OK(gt_add_(c, y));
  CHECK(gt_retain(c), iadd);
  c = keep(gt_clone(x));
  OK(gt_mul_f_(c, 3.0));
  CHECK(gt_retain(c), imul_f);
  c = keep(gt_clone(i));
  OK(gt_sub_i_(c, 4));
  CHECK(gt_retain(c), isub_i);
  c = keep(gt_clone(i));
  OK(gt_floor_divide_i_(c, 3));
  CHECK(gt_retain(c), ifloordiv_i);
}

static void unary(void **state) {
  (void)state;
  gt_tensor *x = T(x), *p = T(p), *i = T(i), *y = T(y);
  CHECK(gt_neg(x), u_neg);
  CHECK(gt_abs(x), u_abs);
  CHECK(gt_exp(x), u_exp);
  CHECK(gt_sin(x), u_sin);
  CHECK(gt_cos(x), u_cos);
  CHECK(gt_tan(x), u_tan);
  CHECK(gt_tanh(x), u_tanh);
  CHECK(gt_sigmoid(x), u_sigmoid);
  CHECK(gt_relu(x), u_relu);
  CHECK(gt_floor(x), u_floor);
  CHECK(gt_ceil(x), u_ceil);
  CHECK(gt_round(x), u_round);
  CHECK(gt_trunc(x), u_trunc);
  CHECK(gt_sign(x), u_sign);
  CHECK(gt_square(x), u_square);
  CHECK(gt_log(p), u_log);
  CHECK(gt_log2(p), u_log2);
  CHECK(gt_log1p(p), u_log1p);
  CHECK(gt_sqrt(p), u_sqrt);
  CHECK(gt_rsqrt(p), u_rsqrt);
  CHECK(gt_reciprocal(p), u_reciprocal);
  CHECK(gt_abs(i), i_abs);
  CHECK(gt_neg(i), i_neg);
  gt_tensor *c = keep(gt_clone(x));
  OK(gt_relu_(c));
  CHECK(gt_retain(c), relu_);
  c = keep(gt_clone(x));
  OK(gt_exp_(c));
  CHECK(gt_retain(c), exp_);

  CHECK(gt_clamp_f(x, -0.5, 0.5), clamp_ff);
  CHECK(gt_clamp_f(x, 0.0, GT_NONE_FLOAT), clamp_min);
  CHECK(gt_clamp_f(x, GT_NONE_FLOAT, 0.1), clamp_max);
  CHECK(gt_clamp_i(i, -3, 3), clamp_ii);
  CHECK(gt_maximum(x, y), maximum);
  CHECK(gt_minimum(x, y), minimum);
  gt_tensor *pos = keep(gt_gt_f(x, 0.0));
  CHECK(gt_where(pos, x, y), where);
  CHECK(gt_where_ff(pos, 1.0, -1.0), where_ff);
  CHECK(gt_where_tf(pos, x, 0.0), where_tf);
}

static void products(void **state) {
  (void)state;
  gt_tensor *x = T(x), *m = T(m), *v = T(v), *a = T(a), *b = T(b), *y = T(y);
  CHECK(gt_matmul(x, m), matmul);
  CHECK(gt_matmul(x, v), matmul_v);
  CHECK(gt_mm(x, m), mm);
  CHECK(gt_bmm(a, b), bmm);
  CHECK(gt_matmul(a, b), matmul_b);
  CHECK(gt_dot(v, y), dot);
  CHECK(gt_outer(v, y), outer);
}

static void compare(void **state) {
  (void)state;
  gt_tensor *x = T(x), *y = T(y), *i = T(i), *nanx = T(nanx);
  CHECK(gt_eq(x, y), eq);
  CHECK(gt_lt(x, y), lt);
  CHECK(gt_gt(x, y), gt);
  CHECK(gt_ge_f(x, 0.0), ge_f);
  CHECK(gt_ne_i(i, 2), ne_i);
  CHECK(gt_le_i(i, 0), le_i);
  CHECK(gt_isnan(nanx), isnan);
  CHECK(gt_isinf(nanx), isinf);
  CHECK(gt_isfinite(nanx), isfinite);
  gt_tensor *bx = keep(gt_gt_f(x, 0.0)), *by = keep(gt_gt_f(y, 0.0));
  CHECK(gt_bitwise_and(bx, by), band);
  CHECK(gt_bitwise_or(bx, by), bor);
  CHECK(gt_bitwise_not(bx), bnot);
  gt_tensor *xc = keep(gt_clone(x)), *x1 = keep(gt_add_f(x, 1.0));
  assert_int_equal(gt_equal(x, xc), REFV_equal_xx);
  assert_int_equal(gt_equal(x, x1), REFV_equal_xy);
  gt_tensor *xe = keep(gt_add_f(x, 1e-9)), *xf = keep(gt_add_f(x, 1e-3));
  assert_int_equal(gt_allclose(x, xe, 1e-5, 1e-8, false), REFV_allclose);
  assert_int_equal(gt_allclose(x, xf, 1e-5, 1e-8, false), REFV_allclose_no);
}

static void reductions(void **state) {
  (void)state;
  gt_tensor *x = T(x), *p = T(p), *i = T(i), *a = T(a);
  CHECK(gt_sum(x, GT_DTYPE_DEFAULT), sum);
  CHECK(gt_mean(x, GT_DTYPE_DEFAULT), mean);
  CHECK(gt_prod(p, GT_DTYPE_DEFAULT), prod);
  CHECK(gt_max_all(x), max);
  CHECK(gt_min_all(x), min);
  CHECK(gt_argmax(x), argmax);
  CHECK(gt_argmin(x), argmin);
  CHECK(gt_std(x, true), std);
  CHECK(gt_var(x, false), var_b);
  CHECK(gt_norm(x, 2.0), norm);
  CHECK(gt_norm(x, 1.0), norm1);
  CHECK(gt_all(keep(gt_gt_f(p, 0.0))), all);
  CHECK(gt_any(keep(gt_gt_f(x, 10.0))), any);
  CHECK(gt_sum(i, GT_DTYPE_DEFAULT), i_sum);
  CHECK(gt_mean(i, GT_FLOAT64), i_mean_f64);
  int64_t d0 = 0, d1 = 1, dm1 = -1, d02[2] = {0, 2};
  CHECK(gt_sum_dim(x, &d1, 1, false, GT_DTYPE_DEFAULT), sum_d1);
  CHECK(gt_sum_dim(x, &d0, 1, true, GT_DTYPE_DEFAULT), sum_d0k);
  CHECK(gt_sum_dim(a, d02, 2, false, GT_DTYPE_DEFAULT), sum_d01);
  CHECK(gt_mean_dim(x, &d1, 1, false, GT_DTYPE_DEFAULT), mean_d1);
  CHECK(gt_mean_dim(a, &dm1, 1, true, GT_DTYPE_DEFAULT), mean_dm1k);
  CHECK(gt_prod_dim(p, 1, false, GT_DTYPE_DEFAULT), prod_d1);
  CHECK(gt_std_dim(x, &d0, 1, true, false), std_d0);
  CHECK(gt_var_dim(x, &d1, 1, true, true), var_d1k);
  CHECK(gt_norm_dim(x, 2.0, &d1, 1, false), norm_d1);
  CHECK(gt_argmax_dim(x, 1, false), argmax_d1);
  CHECK(gt_argmin_dim(x, 0, true), argmin_d0k);
  CHECK(gt_all_dim(keep(gt_gt_f(x, -1.0)), 1, false), all_d1);
  CHECK(gt_any_dim(keep(gt_gt_f(x, 1.0)), 0, false), any_d0);
  CHECK(gt_cumsum(x, 1, GT_DTYPE_DEFAULT), cumsum);
  CHECK(gt_logsumexp(x, &d1, 1, false), logsumexp);
  CHECK(gt_sum_dim(i, &d1, 1, false, GT_DTYPE_DEFAULT), i_sum_d1);
  CHECK_PAIR(gt_max_dim(x, 1, false), max_d1_v, max_d1_i);
  CHECK_PAIR(gt_min_dim(x, 0, true), min_d0_v, min_d0_i);
  CHECK_PAIR(gt_topk(x, 2, 1, true, true), topk_v, topk_i);
  CHECK_PAIR(gt_topk(x, 2, 0, false, true), topk_s_v, topk_s_i);
  CHECK_PAIR(gt_sort(x, 1, false), sort_v, sort_i);
  CHECK_PAIR(gt_sort(x, 0, true), sortd_v, sortd_i);
  CHECK(gt_argsort(x, 1, false), argsort);
}

static void errors(void **state) {
  (void)state;
  gt_tensor *x = T(x), *m = T(m), *i = T(i);
  CHECK_NULL(gt_add(x, m), "must match the size");  /* (3,4) + (4,5) */
  CHECK_NULL(gt_mm(x, x), "cannot be multiplied");
  CHECK_NULL(gt_matmul(m, x), "cannot be multiplied");
  CHECK_NULL(gt_sum_dim(x, (int64_t[]){5}, 1, false, GT_DTYPE_DEFAULT), "Dimension out of range");
  CHECK_NULL(gt_sum(x, (gt_dtype)99), "invalid dtype");
  CHECK_NULL(gt_add(x, NULL), "got None");
  CHECK_FAILS(gt_add_f_(i, 0.5), "can't be cast");  /* float result into an int tensor */
  CHECK_NULL(gt_topk(x, 9, 1, true, true), "out of range");
  double v;
  CHECK_FAILS(gt_item_f(x, &v), "cannot be converted to Scalar");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(binary), TEST(unary), TEST(products), TEST(compare), TEST(reductions), TEST(errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

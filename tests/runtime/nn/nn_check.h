/* nn_check.h - helpers shared by the nn tests: compare a tensor with
 * PyTorch's numbers, build list[Tensor] values. */
#ifndef NN_CHECK_H
#define NN_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "gtorch.h"

/* Tolerances: the same libtorch computes both sides, so differences come
 * only from threading and summation order (float32 convolutions
 * differ in the last bits). */
#define NN_RTOL 1e-5
#define NN_ATOL 1e-6

/* Non-zero (and a message on stdout) unless t holds `n` values within
 * atol + rtol * |want| of `want`. */
static inline int nn_mismatch_tol(const char *where, const char *what, gt_tensor *t, const double *want,
                                  int64_t n, double rtol, double atol) {
  if (!t) {
    printf("%s: %s: no tensor (%s)\n", where, what, gt_last_error());
    return 1;
  }
  int64_t got_n = gt_tensor_numel(t);
  if (got_n != n) {
    printf("%s: %s: %lld elements, PyTorch has %lld\n", where, what, (long long)got_n, (long long)n);
    return 1;
  }
  double *buf = malloc(sizeof(double) * (size_t)(n ? n : 1));
  if (gt_tensor_copy_to(t, buf, GT_FLOAT64, n) != 0) {
    printf("%s: %s: copy failed: %s\n", where, what, gt_last_error());
    free(buf);
    return 1;
  }
  int bad = 0;
  for (int64_t i = 0; i < n && !bad; i++) {
    double a = buf[i], b = want[i];
    if (isnan(a) && isnan(b)) continue;
    if (!(fabs(a - b) <= atol + rtol * fabs(b))) {
      printf("%s: %s[%lld] = %.17g, PyTorch %.17g\n", where, what, (long long)i, a, b);
      bad = 1;
    }
  }
  free(buf);
  return bad;
}

static inline int nn_mismatch(const char *where, const char *what, gt_tensor *t, const double *want,
                              int64_t n) {
  return nn_mismatch_tol(where, what, t, want, n, NN_RTOL, NN_ATOL);
}

/* A list[Tensor] type and a list of n tensors (retained by the list). */
static const gt_type *const nn_tensor_arg[] = {&gt_t_obj};
static const gt_type nn_t_list_tensor = {GT_K_LIST, 1, nn_tensor_arg, NULL};

static inline gt_list *nn_tensor_list(int64_t n, gt_tensor *const *ts) {
  gt_list *l = gt_list_new(&nn_t_list_tensor, n);
  for (int64_t i = 0; i < n; i++) {
    gt_val v;
    v.p = ts[i];
    gt_list_append(l, v);
  }
  return l;
}

#endif

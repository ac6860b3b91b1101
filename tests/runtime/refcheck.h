/* refcheck.h - comparing libgtorch's tensors with PyTorch's (refgen.py). */
#ifndef REFCHECK_H
#define REFCHECK_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"

typedef struct gt_ref {
  const char *name;
  int dtype;
  int ndim;
  int64_t shape[8];
  int64_t n;
  const double *v;
} gt_ref;

/* Tensors a test makes are kept here and released after it (keeps tests short). */
static gt_tensor *ref_pool[4096];
static int ref_npool;

static inline gt_tensor *keep(gt_tensor *t) {
  if (!t) fail_msg("unexpected error: %s", gt_last_error());
  if (ref_npool < 4096) ref_pool[ref_npool++] = t;
  return t;
}

static inline int release_pool(void **state) {
  (void)state;
  while (ref_npool > 0) gt_release(ref_pool[--ref_npool]);
  return 0;
}

/* A tensor holding a reference's values with its dtype and shape. */
static inline gt_tensor *ref_tensor(const gt_ref *r) {
  gt_tensor *d = gt_tensor_from_data(r->n ? r->v : NULL, GT_FLOAT64, r->shape, r->ndim);
  if (!d) fail_msg("%s: %s", r->name, gt_last_error());
  gt_tensor *t = gt_to(d, NULL, (gt_dtype)r->dtype);
  gt_release(d);
  return keep(t);
}

/* Fails unless t has r's dtype, shape and values (floats within a small
 * tolerance, NaN equal to NaN; everything else exact). */
static inline void ref_check(gt_tensor *t, const gt_ref *r, const char *what) {
  if (!t) fail_msg("%s (%s): error: %s", what, r->name, gt_last_error());
  keep(t);
  int dtype = gt_tensor_dtype(t);
  if (dtype != r->dtype) fail_msg("%s (%s): dtype %s, PyTorch has %s", what, r->name, gt_dtype_name(dtype), gt_dtype_name(r->dtype));
  int64_t shape[8];
  int64_t nd = gt_tensor_shape(t, shape, 8);
  if (nd != r->ndim) fail_msg("%s (%s): %lld dims, PyTorch has %d", what, r->name, (long long)nd, r->ndim);
  for (int i = 0; i < r->ndim; i++)
    if (shape[i] != r->shape[i]) fail_msg("%s (%s): size %lld of dim %d, PyTorch has %lld", what, r->name, (long long)shape[i], i, (long long)r->shape[i]);
  double *buf = malloc(sizeof(double) * (r->n ? r->n : 1));
  if (gt_tensor_copy_to(t, buf, GT_FLOAT64, r->n) != 0) fail_msg("%s: %s", what, gt_last_error());
  bool floating = gt_dtype_is_floating_point(dtype);
  double rtol = dtype == GT_FLOAT64 ? 1e-12 : dtype == GT_FLOAT32 ? 1e-5 : 1e-2;
  for (int64_t i = 0; i < r->n; i++) {
    double a = buf[i], b = r->v[i];
    bool ok = floating ? ((isnan(a) && isnan(b)) || a == b || fabs(a - b) <= rtol * fabs(b) + rtol * 1e-2) : a == b;
    if (!ok) {
      free(buf);
      fail_msg("%s (%s): element %lld is %.17g, PyTorch has %.17g", what, r->name, (long long)i, a, b);
    }
  }
  free(buf);
}

#define T(name) ref_tensor(&REF_##name)
#define CHECK(expr, name) ref_check((expr), &REF_##name, #expr)
/* The call fails (NULL or -1) with a message containing `needle`. */
#define CHECK_ERR_MSG(needle)                                                         \
  do {                                                                                \
    if (!strstr(gt_last_error(), (needle)))                                           \
      fail_msg("message '%s' lacks '%s'", gt_last_error(), (needle));                 \
  } while (0)
#define CHECK_NULL(expr, needle)                                                      \
  do {                                                                                \
    gt_clear_error();                                                                 \
    void *p_ = (expr);                                                                \
    if (p_) fail_msg("%s: expected an error", #expr);                                 \
    CHECK_ERR_MSG(needle);                                                            \
  } while (0)
#define CHECK_FAILS(expr, needle)                                                     \
  do {                                                                                \
    gt_clear_error();                                                                 \
    if ((expr) != -1) fail_msg("%s: expected -1", #expr);                             \
    CHECK_ERR_MSG(needle);                                                            \
  } while (0)
#define OK(expr)                                                                      \
  do {                                                                                \
    if ((expr) != 0) fail_msg("%s: %s", #expr, gt_last_error());                      \
  } while (0)
/* The tuple's two tensors against two references. */
#define CHECK_PAIR(expr, n0, n1)                                        \
  do {                                                                  \
    gt_tuple *tp_ = (expr);                                             \
    if (!tp_) fail_msg("%s: error: %s", #expr, gt_last_error());        \
    ref_check(gt_retain(tp_->items[0].p), &REF_##n0, #expr "[0]");      \
    ref_check(gt_retain(tp_->items[1].p), &REF_##n1, #expr "[1]");      \
    gt_release(tp_);                                                    \
  } while (0)

#define TEST(fn) cmocka_unit_test_teardown(fn, release_pool)

#endif

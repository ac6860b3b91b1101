// bind.cpp - gtorch_bind.h: Python's defaults and fatal errors over the C API.
// Only the C API is used here (no libtorch headers), so this compiles fast.
#include "gtorch_bind.h"

namespace {

// A list[int] size as the (shape, ndim) pair the creation functions take.
struct Shape {
  int64_t dims[16];
  int64_t n;
};

Shape shape_of(const gt_list *size) {
  Shape s;
  s.n = gt_list_len(size);
  if (s.n > 16) gt_fail("RuntimeError: a size has at most 16 dimensions, got %lld", (long long)s.n);
  for (int64_t i = 0; i < s.n; i++) s.dims[i] = size->items[i].i;
  return s;
}

// The tensor API's error, as a run-time error at the current .gtp location.
[[noreturn]] void fail_last() { gt_fail("%s", gt_last_error()); }

}  // namespace

extern "C" gt_tensor *gt_bind_tensor(const gt_list *data, bool requires_grad) {
  return gt_tensor_from_list(data, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_zeros(const gt_list *size, bool requires_grad) {
  Shape s = shape_of(size);
  return gt_zeros(s.dims, s.n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_ones(const gt_list *size, bool requires_grad) {
  Shape s = shape_of(size);
  return gt_ones(s.dims, s.n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_randn(const gt_list *size, bool requires_grad) {
  Shape s = shape_of(size);
  return gt_randn(s.dims, s.n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_rand(const gt_list *size, bool requires_grad) {
  Shape s = shape_of(size);
  return gt_rand(s.dims, s.n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_zeros_n(const int64_t *size, int64_t n, bool requires_grad) {
  return gt_zeros(size, n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_ones_n(const int64_t *size, int64_t n, bool requires_grad) {
  return gt_ones(size, n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_randn_n(const int64_t *size, int64_t n, bool requires_grad) {
  return gt_randn(size, n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_rand_n(const int64_t *size, int64_t n, bool requires_grad) {
  return gt_rand(size, n, GT_DTYPE_DEFAULT, nullptr, requires_grad);
}

extern "C" gt_tensor *gt_bind_sum(gt_tensor *x) { return gt_sum(x, GT_DTYPE_DEFAULT); }

extern "C" gt_tensor *gt_bind_mean(gt_tensor *x) { return gt_mean(x, GT_DTYPE_DEFAULT); }

extern "C" double gt_bind_item(gt_tensor *x) {
  double v;
  if (gt_item_f(x, &v) < 0) fail_last();
  return v;
}

extern "C" int64_t gt_bind_dim(gt_tensor *x) {
  int64_t d = gt_tensor_dim(x);
  if (d < 0) fail_last();
  return d;
}

extern "C" int64_t gt_bind_numel(gt_tensor *x) {
  int64_t n = gt_tensor_numel(x);
  if (n < 0) fail_last();
  return n;
}

extern "C" int gt_bind_backward(gt_tensor *x) { return gt_backward(x, nullptr, -1, false); }

extern "C" gt_tensor *gt_bind_grad(gt_tensor *x) {
  gt_tensor *g = gt_grad(x);
  if (!g && !*gt_last_error())
    gt_fail("RuntimeError: the tensor has no gradient (its .grad is None): it does not require grad, "
            "or backward() has not reached it");
  return g;
}

// tensor.cpp - creation of tensors.
#include "internal.h"

extern "C" gt_tensor *gt_tensor_from_data(const void *data, gt_dtype dtype, const int64_t *shape, int64_t ndim) {
  return GT_TENSOR([&] {
    auto sizes = gt_shape(shape, ndim);
    auto st = gt_scalar_type(dtype);
    at::Tensor t = at::empty(sizes, at::TensorOptions().dtype(st));
    if (t.numel() > 0) {
      if (!data) gt_throw("tensor data is NULL");
      std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
    }
    return t;
  }());
}

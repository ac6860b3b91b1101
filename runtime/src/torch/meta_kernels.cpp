// meta_kernels.cpp - shape functions for the meta device that libtorch 1.13's
// C++ lacks and PyTorch's Python registers (torch/_meta_registrations.py), so
// that `conv(torch.rand(2, 3, 10, 10, device="meta"))` gives the output's
// shape, allocating nothing, as in Python.
#include <ATen/ATen.h>
#include <torch/library.h>

#include <vector>

#include "internal.h"

namespace {

// aten::convolution on meta tensors: the output shape of
// _meta_registrations.meta_conv, an empty meta tensor of it. Every conv1d,
// conv2d, conv3d and conv_transpose call (a layer's, F's, "same" padding's)
// comes here batched, with an int per spatial dimension.
at::Tensor meta_convolution(const at::Tensor &input, const at::Tensor &weight, const c10::optional<at::Tensor> &bias,
                            at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef dilation, bool transposed,
                            at::IntArrayRef output_padding, int64_t groups) {
  (void)bias;
  int64_t spatial = input.dim() - 2;
  TORCH_CHECK(spatial >= 1 && weight.dim() == input.dim(), "Expected ", weight.dim(), "-dimensional input for ",
              weight.dim(), "-dimensional weight ", weight.sizes(), ", but got ", input.dim(),
              "-dimensional input of size ", input.sizes(), " instead");
  auto at = [](at::IntArrayRef a, int64_t i) { return a.size() == 1 ? a[0] : a[i]; };
  std::vector<int64_t> shape{input.size(0), transposed ? weight.size(1) * groups : weight.size(0)};
  for (int64_t i = 0; i < spatial; i++) {
    int64_t in = input.size(i + 2), k = weight.size(i + 2);
    int64_t s = at(stride, i), p = at(padding, i), d = at(dilation, i);
    int64_t out = transposed ? (in - 1) * s - 2 * p + d * (k - 1) + at(output_padding, i) + 1
                             : (in + 2 * p - d * (k - 1) - 1) / s + 1;
    TORCH_CHECK(out > 0, "Calculated output size is too small for input ", input.sizes(), " and weight ",
                weight.sizes());
    shape.push_back(out);
  }
  return at::empty(shape, input.options());
}

}  // namespace

TORCH_LIBRARY_IMPL(aten, Meta, m) { m.impl("convolution", TORCH_FN(meta_convolution)); }

// core.cpp, which every program using a tensor links, refers to this, so the
// static library's object (and its registration above) is linked too.
extern "C" const int gt_meta_kernels = 1;

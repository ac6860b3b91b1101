// nn_functional_extra.cpp - the torch.nn.functional forms of the layers
// nn_layers.cpp adds last (pixel_unshuffle, instance_norm, prelu,
// adaptive_max_pool1d, conv3d), and torch.nn.init's eye_, dirac_,
// orthogonal_, sparse_ and fan helpers, each as PyTorch 1.13's Python
// computes it (the same draws in the same order, so the same seed gives
// the same numbers).
#include <cmath>
#include <vector>

#include "internal.h"
#include "nn_internal.h"

namespace {

at::Tensor opt_tensor(gt_tensor *t) { return t ? U(t) : at::Tensor(); }

bool cudnn_enabled() { return at::globalContext().userEnabledCuDNN(); }

}  // namespace

extern "C" gt_tensor *gt_F_pixel_unshuffle(gt_tensor *input, int64_t downscale_factor) {
  return GT_TENSOR(at::pixel_unshuffle(U(input), downscale_factor));
}

// F.instance_norm: F._verify_spatial_size where it uses the input's statistics.
extern "C" gt_tensor *gt_F_instance_norm(gt_tensor *input, gt_tensor *running_mean, gt_tensor *running_var,
                                         gt_tensor *weight, gt_tensor *bias, bool use_input_stats, double momentum,
                                         double eps) {
  return GT_TENSOR(([&] {
    const at::Tensor &x = U(input);
    if (use_input_stats) {
      int64_t prod = 1;
      for (int64_t i = 2; i < x.dim(); i++) prod *= x.size(i);
      if (prod == 1)
        gt_throw("ValueError: Expected more than 1 spatial element when training, got input size %s",
                 gt_size_text(x.sizes()).c_str());
    }
    return at::instance_norm(x, opt_tensor(weight), opt_tensor(bias), opt_tensor(running_mean),
                             opt_tensor(running_var), use_input_stats, momentum, eps, cudnn_enabled());
  }()));
}

extern "C" gt_tensor *gt_F_prelu(gt_tensor *input, gt_tensor *weight) {
  return GT_TENSOR(at::prelu(U(input), U(weight)));
}

extern "C" gt_tensor *gt_F_adaptive_max_pool1d(gt_tensor *input, gt_ints output_size) {
  return GT_TENSOR(std::get<0>(at::adaptive_max_pool1d(U(input), gt_ints_list(output_size, 1))));
}

extern "C" gt_tensor *gt_F_conv3d_ints(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, gt_ints stride,
                                       gt_ints padding, gt_ints dilation, int64_t groups) {
  return GT_TENSOR(at::conv3d(U(input), U(weight), opt_tensor(bias), gt_ints_list(stride, 3),
                              gt_ints_list(padding, 3), gt_ints_list(dilation, 3), groups));
}

extern "C" gt_tensor *gt_F_conv3d_str(gt_tensor *input, gt_tensor *weight, gt_tensor *bias, gt_ints stride,
                                      const char *padding, gt_ints dilation, int64_t groups) {
  return GT_TENSOR(at::conv3d(U(input), U(weight), opt_tensor(bias), gt_ints_list(stride, 3),
                              padding ? padding : "valid", gt_ints_list(dilation, 3), groups));
}

// ---- torch.nn.init ------------------------------------------------------------------

namespace {

template <class F>
int no_grad(gt_tensor *t, F &&f) {
  return GT_STATUS(([&] {
    at::NoGradGuard guard;
    f(U(t));
  }()));
}

// init._calculate_fan_in_and_fan_out
std::pair<int64_t, int64_t> fans(const at::Tensor &t) {
  if (t.dim() < 2)
    gt_throw("ValueError: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t receptive = 1;
  for (int64_t i = 2; i < t.dim(); i++) receptive *= t.size(i);
  return {t.size(1) * receptive, t.size(0) * receptive};
}

const gt_type *const two_ints[] = {&gt_t_int, &gt_t_int};
const gt_type int_pair = {GT_K_TUPLE, 2, two_ints, nullptr};

}  // namespace

extern "C" gt_tuple *gt_nn_init_fan_in_and_fan_out(gt_tensor *t) {
  gt_tuple *r = GT_VALUE(gt_tuple *, nullptr, ([&] {
                           auto f = fans(U(t));
                           return gt_tuple_of(&int_pair, gt_vi(f.first), gt_vi(f.second));
                         }()));
  if (!r) gt_fail("%s", gt_last_error());
  return r;
}

extern "C" int64_t gt_nn_init_correct_fan(gt_tensor *t, const char *mode) {
  int64_t fan = 0;
  bool ok = GT_VALUE(bool, false, ([&] {
                       std::string m = mode ? mode : "fan_in";
                       if (m != "fan_in" && m != "fan_out")
                         gt_throw("ValueError: Mode %s not supported, please use one of fan_in, fan_out", m.c_str());
                       auto f = fans(U(t));
                       fan = m == "fan_in" ? f.first : f.second;
                       return true;
                     }()));
  if (!ok) gt_fail("%s", gt_last_error());
  return fan;
}

extern "C" int gt_nn_init_eye_(gt_tensor *t) {
  return no_grad(t, [](at::Tensor &x) {
    if (x.dim() != 2) gt_throw("ValueError: Only tensors with 2 dimensions are supported");
    at::eye_out(x, x.size(0), x.size(1));
  });
}

extern "C" int gt_nn_init_dirac_(gt_tensor *t, int64_t groups) {
  return no_grad(t, [groups](at::Tensor &x) {
    int64_t dims = x.dim();
    if (dims < 3 || dims > 5) gt_throw("ValueError: Only tensors with 3, 4, or 5 dimensions are supported");
    if (groups == 0) gt_throw("ZeroDivisionError: integer division or modulo by zero");
    if (x.size(0) % groups != 0) gt_throw("ValueError: dim 0 must be divisible by groups");
    int64_t per_group = x.size(0) / groups;
    int64_t min_dim = std::min(per_group, x.size(1));
    x.zero_();
    for (int64_t g = 0; g < groups; g++)
      for (int64_t d = 0; d < min_dim; d++) {
        at::Tensor centre = x.select(0, g * per_group + d).select(0, d);
        for (int64_t k = 2; k < dims; k++) centre = centre.select(0, x.size(k) / 2);
        centre.fill_(1);
      }
  });
}

// init.orthogonal_: the Q of a QR of normal draws, its signs those of R's
// diagonal, transposed where the tensor has fewer rows than columns.
extern "C" int gt_nn_init_orthogonal_(gt_tensor *t, double gain) {
  return no_grad(t, [gain](at::Tensor &x) {
    if (x.dim() < 2) gt_throw("ValueError: Only tensors with 2 or more dimensions are supported");
    if (x.numel() == 0) return;
    int64_t rows = x.size(0), cols = x.numel() / rows;
    at::Tensor flat = at::empty({rows, cols}, x.options()).normal_(0, 1);
    if (rows < cols) flat.t_();
    auto qr = at::linalg_qr(flat);
    at::Tensor q = std::get<0>(qr), r = std::get<1>(qr);
    at::Tensor ph = at::diag(r, 0).sign();
    q.mul_(ph);
    if (rows < cols) q.t_();
    x.view_as(q).copy_(q);
    x.mul_(gain);
  });
}

// init.sparse_: normal draws, then per column ceil(sparsity * rows) rows of
// a random permutation zeroed.
extern "C" int gt_nn_init_sparse_(gt_tensor *t, double sparsity, double std) {
  return no_grad(t, [sparsity, std](at::Tensor &x) {
    if (x.dim() != 2) gt_throw("ValueError: Only tensors with 2 dimensions are supported");
    int64_t rows = x.size(0), cols = x.size(1);
    int64_t num_zeros = (int64_t)std::ceil(sparsity * rows);
    x.normal_(0, std);
    for (int64_t c = 0; c < cols; c++) {
      at::Tensor idx = at::randperm(rows).slice(0, 0, num_zeros);
      x.select(1, c).index_fill_(0, idx, 0);
    }
  });
}

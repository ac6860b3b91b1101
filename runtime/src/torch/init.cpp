// init.cpp - torch.nn.init, as Python's torch/nn/init.py (1.13) computes it:
// the same fans, gains and bounds, then the same in-place ATen draw, so the
// same seed gives the same numbers.
#include <cmath>
#include <string>

#include "internal.h"
#include "nn_internal.h"

namespace {

// init._calculate_fan_in_and_fan_out
std::pair<double, double> fans(const at::Tensor &t) {
  if (t.dim() < 2)
    gt_throw("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  int64_t receptive = 1;
  for (int64_t i = 2; i < t.dim(); i++) receptive *= t.size(i);
  return {(double)(t.size(1) * receptive), (double)(t.size(0) * receptive)};
}

// init._calculate_correct_fan
double correct_fan(const at::Tensor &t, const char *mode) {
  std::string m = mode ? mode : "fan_in";
  if (m != "fan_in" && m != "fan_out")
    gt_throw("Mode %s not supported, please use one of ['fan_in', 'fan_out']", m.c_str());
  auto f = fans(t);
  return m == "fan_in" ? f.first : f.second;
}

double gain(const char *nonlinearity, double param) {
  std::string n = nonlinearity ? nonlinearity : "leaky_relu";
  static const char *linear[] = {"linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                                 "conv_transpose2d", "conv_transpose3d", "sigmoid"};
  for (const char *l : linear)
    if (n == l) return 1;
  if (n == "tanh") return 5.0 / 3;
  if (n == "relu") return std::sqrt(2.0);
  if (n == "leaky_relu") {
    double slope = std::isnan(param) ? 0.01 : param;
    return std::sqrt(2.0 / (1 + slope * slope));
  }
  if (n == "selu") return 3.0 / 4;
  gt_throw("Unsupported nonlinearity %s", n.c_str());
}

// Python's 0 in tensor.shape: kaiming's no-op on empty tensors.
bool has_zero_dim(const at::Tensor &t) {
  for (int64_t s : t.sizes())
    if (s == 0) return true;
  return false;
}

template <class F>
int in_place(gt_tensor *t, F &&f) {
  return GT_STATUS(([&] {
    at::NoGradGuard no_grad;
    f(U(t));
  }()));
}

}  // namespace

extern "C" double gt_nn_init_calculate_gain(const char *nonlinearity, double param) {
  return GT_VALUE(double, NAN, gain(nonlinearity, param));
}

extern "C" int gt_nn_init_uniform_(gt_tensor *t, double a, double b) {
  return in_place(t, [&](at::Tensor &x) { x.uniform_(a, b); });
}

extern "C" int gt_nn_init_normal_(gt_tensor *t, double mean, double std) {
  return in_place(t, [&](at::Tensor &x) { x.normal_(mean, std); });
}

// init.trunc_normal_: the normal's inverse CDF of uniform draws between
// the CDF's values at a and b, as PyTorch's _no_grad_trunc_normal_ draws
// them (the same uniform_ call, so the same numbers for a seed).
static double norm_cdf(double x) { return (1.0 + std::erf(x / std::sqrt(2.0))) / 2.0; }

extern "C" int gt_nn_init_trunc_normal_(gt_tensor *t, double mean, double std, double a, double b) {
  return in_place(t, [&](at::Tensor &x) {
    double l = norm_cdf((a - mean) / std), u = norm_cdf((b - mean) / std);
    x.uniform_(2 * l - 1, 2 * u - 1);
    x.erfinv_();
    x.mul_(std * std::sqrt(2.0));
    x.add_(mean);
    x.clamp_(a, b);
  });
}

extern "C" int gt_nn_init_constant_(gt_tensor *t, double val) {
  return in_place(t, [&](at::Tensor &x) { x.fill_(val); });
}

extern "C" int gt_nn_init_zeros_(gt_tensor *t) {
  return in_place(t, [&](at::Tensor &x) { x.zero_(); });
}

extern "C" int gt_nn_init_ones_(gt_tensor *t) {
  return in_place(t, [&](at::Tensor &x) { x.fill_(1); });
}

extern "C" int gt_nn_init_xavier_uniform_(gt_tensor *t, double g) {
  return in_place(t, [&](at::Tensor &x) {
    auto f = fans(x);
    double std = g * std::sqrt(2.0 / (f.first + f.second));
    double a = std::sqrt(3.0) * std;
    x.uniform_(-a, a);
  });
}

extern "C" int gt_nn_init_xavier_normal_(gt_tensor *t, double g) {
  return in_place(t, [&](at::Tensor &x) {
    auto f = fans(x);
    x.normal_(0, g * std::sqrt(2.0 / (f.first + f.second)));
  });
}

extern "C" int gt_nn_init_kaiming_uniform_(gt_tensor *t, double a, const char *mode,
                                           const char *nonlinearity) {
  return in_place(t, [&](at::Tensor &x) {
    if (has_zero_dim(x)) return;
    double std = gain(nonlinearity, a) / std::sqrt(correct_fan(x, mode));
    double bound = std::sqrt(3.0) * std;
    x.uniform_(-bound, bound);
  });
}

extern "C" int gt_nn_init_kaiming_normal_(gt_tensor *t, double a, const char *mode,
                                          const char *nonlinearity) {
  return in_place(t, [&](at::Tensor &x) {
    if (has_zero_dim(x)) return;
    x.normal_(0, gain(nonlinearity, a) / std::sqrt(correct_fan(x, mode)));
  });
}

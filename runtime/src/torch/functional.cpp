// functional.cpp - torch.nn.functional: layers, activations and losses.
//
// Each function is what Python's torch/nn/functional.py (1.13) does before it
// calls into ATen: the same checks, the same defaults, the same ATen op.

#include <algorithm>
#include <cmath>
#include <vector>

#include "gtorch_bind.h"
#include "internal.h"
#include "nn_internal.h"

namespace {

using OptTensor = c10::optional<at::Tensor>;

OptTensor opt(gt_tensor *x) {
  if (!x) return c10::nullopt;
  return U(x);
}

// F._verify_batch_size
void verify_batch_size(at::IntArrayRef size) {
  int64_t values = size[0];
  for (size_t i = 2; i < size.size(); i++) values *= size[i];
  if (values == 1)
    gt_throw("ValueError: Expected more than 1 value per channel when training, got input size %s",
             gt_size_text(size).c_str());
}

// F._get_softmax_dim: the implicit dim of softmax(input) without dim.
int64_t softmax_dim(const at::Tensor &x, int64_t dim) {
  if (dim != GT_NONE_INT) return dim;
  int64_t nd = x.dim();
  return (nd == 0 || nd == 1 || nd == 3) ? 0 : 1;
}

bool cudnn() { return at::globalContext().userEnabledCuDNN(); }

// The losses that broadcast input and target (mse, l1, smooth_l1).
std::vector<at::Tensor> broadcast(gt_tensor *input, gt_tensor *target) {
  return at::broadcast_tensors({U(input), U(target)});
}

}  // namespace

std::string gt_py_float(double x) {
  gt_str *s = gt_str_of_float(x);
  if (!s) gt_throw("cannot format a float");
  std::string r(s->data, s->len);
  gt_release(s);
  return r;
}

int64_t gt_reduction(const char *reduction) {
  std::string r = reduction ? reduction : "mean";
  if (r == "none") return at::Reduction::None;
  if (r == "mean") return at::Reduction::Mean;
  if (r == "sum") return at::Reduction::Sum;
  gt_throw("ValueError: %s is not a valid value for reduction", r.c_str());
}

namespace {

const char *count_word(size_t n) {
  static const char *const words[] = {"zero", "one", "two", "three"};
  return n < 4 ? words[n] : "N";
}

}  // namespace

std::vector<int64_t> gt_ints_list(const gt_ints &v, size_t n) {
  if (v.n == 1) return std::vector<int64_t>(n, v.v[0]);
  return std::vector<int64_t>(v.v, v.v + std::min<int64_t>(std::max<int64_t>(v.n, 0), GT_INTS_MAX));
}

std::vector<int64_t> gt_ints_expand(const gt_ints &v, size_t n, const char *op, const char *what) {
  if (v.n != 1 && v.n != (int64_t)n)
    gt_throw("%s: %s must either be a single int, or a tuple of %s ints, but got %s", op, what,
             count_word(n), gt_ints_str(v).c_str());
  return gt_ints_list(v, n);
}

std::string gt_ints_str(const gt_ints &v) {
  if (v.n <= 0) return "None";
  if (v.n == 1) return std::to_string(v.v[0]);
  std::string s = "(";
  for (int64_t i = 0; i < v.n && i < GT_INTS_MAX; i++) s += (i ? ", " : "") + std::to_string(v.v[i]);
  return s + ")";
}

// ---- layers -------------------------------------------------------------------

extern "C" gt_tensor *gt_F_linear(gt_tensor *input, gt_tensor *weight, gt_tensor *bias) {
  return GT_TENSOR(at::linear(U(input), U(weight), opt(bias)));
}

extern "C" gt_tensor *gt_F_conv1d(gt_tensor *input, gt_tensor *weight, gt_tensor *bias,
                                  int64_t stride, int64_t padding, int64_t dilation,
                                  int64_t groups) {
  return GT_TENSOR(padding == GT_PADDING_SAME
                       ? at::conv1d(U(input), U(weight), opt(bias), {stride}, "same", {dilation}, groups)
                       : at::conv1d(U(input), U(weight), opt(bias), {stride}, {padding}, {dilation}, groups));
}

extern "C" gt_tensor *gt_F_conv2d(gt_tensor *input, gt_tensor *weight, gt_tensor *bias,
                                  int64_t sh, int64_t sw, int64_t ph, int64_t pw, int64_t dh,
                                  int64_t dw, int64_t groups) {
  return GT_TENSOR(ph == GT_PADDING_SAME
                       ? at::conv2d(U(input), U(weight), opt(bias), {sh, sw}, "same", {dh, dw}, groups)
                       : at::conv2d(U(input), U(weight), opt(bias), {sh, sw}, {ph, pw}, {dh, dw}, groups));
}

extern "C" gt_tensor *gt_F_conv_transpose2d(gt_tensor *input, gt_tensor *weight,
                                            gt_tensor *bias, int64_t sh, int64_t sw, int64_t ph,
                                            int64_t pw, int64_t oph, int64_t opw, int64_t groups,
                                            int64_t dh, int64_t dw) {
  return GT_TENSOR(at::conv_transpose2d(U(input), U(weight), opt(bias), {sh, sw}, {ph, pw},
                                        {oph, opw}, groups, {dh, dw}));
}

extern "C" gt_tensor *gt_F_max_pool2d(gt_tensor *input, int64_t kh, int64_t kw, int64_t sh,
                                      int64_t sw, int64_t ph, int64_t pw, int64_t dh, int64_t dw,
                                      bool ceil_mode) {
  return GT_TENSOR(([&] {
    // stride=None is an empty list, which ATen reads as "the kernel size".
    std::vector<int64_t> stride;
    if (sh != GT_NONE_INT) stride = {sh, sw};
    return at::max_pool2d(U(input), {kh, kw}, stride, {ph, pw}, {dh, dw}, ceil_mode);
  }()));
}

extern "C" gt_tensor *gt_F_avg_pool2d(gt_tensor *input, int64_t kh, int64_t kw, int64_t sh,
                                      int64_t sw, int64_t ph, int64_t pw, bool ceil_mode,
                                      bool count_include_pad, int64_t divisor_override) {
  return GT_TENSOR(([&] {
    std::vector<int64_t> stride;
    if (sh != GT_NONE_INT) stride = {sh, sw};
    c10::optional<int64_t> div;
    if (divisor_override != GT_NONE_INT) div = divisor_override;
    return at::avg_pool2d(U(input), {kh, kw}, stride, {ph, pw}, ceil_mode, count_include_pad, div);
  }()));
}

extern "C" gt_tensor *gt_F_adaptive_avg_pool2d(gt_tensor *input, int64_t oh, int64_t ow) {
  return GT_TENSOR(at::adaptive_avg_pool2d(U(input), {oh, ow}));
}

extern "C" gt_tensor *gt_F_batch_norm(gt_tensor *input, gt_tensor *running_mean,
                                      gt_tensor *running_var, gt_tensor *weight, gt_tensor *bias,
                                      bool training, double momentum, double eps) {
  return GT_TENSOR(([&] {
    if (training) verify_batch_size(U(input).sizes());
    return at::batch_norm(U(input), opt(weight), opt(bias), opt(running_mean), opt(running_var),
                          training, momentum, eps, cudnn());
  }()));
}

extern "C" gt_tensor *gt_F_layer_norm(gt_tensor *input, const int64_t *normalized_shape,
                                      int64_t ndim, gt_tensor *weight, gt_tensor *bias,
                                      double eps) {
  return GT_TENSOR(at::layer_norm(U(input), gt_shape(normalized_shape, ndim), opt(weight),
                                  opt(bias), eps, cudnn()));
}

extern "C" gt_tensor *gt_F_group_norm(gt_tensor *input, int64_t num_groups, gt_tensor *weight,
                                      gt_tensor *bias, double eps) {
  return GT_TENSOR(([&] {
    at::Tensor &x = U(input);
    if (x.dim() < 2)
      gt_throw("Expected at least 2 dimensions for input tensor but received %lld",
               (long long)x.dim());
    if (num_groups <= 0) gt_throw("num_groups must be positive, got %lld", (long long)num_groups);
    std::vector<int64_t> size = {x.size(0) * x.size(1) / num_groups, num_groups};
    for (int64_t i = 2; i < x.dim(); i++) size.push_back(x.size(i));
    verify_batch_size(size);
    return at::group_norm(x, num_groups, opt(weight), opt(bias), eps, cudnn());
  }()));
}

extern "C" gt_tensor *gt_F_dropout(gt_tensor *input, double p, bool training, bool inplace) {
  return GT_TENSOR(([&] {
    if (!(p >= 0.0 && p <= 1.0))
      gt_throw("dropout probability has to be between 0 and 1, but got %s", gt_py_float(p).c_str());
    return inplace ? at::dropout_(U(input), p, training) : at::dropout(U(input), p, training);
  }()));
}

extern "C" gt_tensor *gt_F_embedding(gt_tensor *input, gt_tensor *weight, int64_t padding_idx,
                                     double max_norm, double norm_type, bool scale_grad_by_freq,
                                     bool sparse) {
  return GT_TENSOR(([&] {
    at::Tensor x = U(input), &w = U(weight);
    if (padding_idx == GT_NONE_INT) {
      padding_idx = -1;
    } else if (padding_idx > 0) {
      if (padding_idx >= w.size(0)) gt_throw("Padding_idx must be within num_embeddings");
    } else if (padding_idx < 0) {
      if (padding_idx < -w.size(0)) gt_throw("Padding_idx must be within num_embeddings");
      padding_idx += w.size(0);
    }
    if (!std::isnan(max_norm)) {
      x = x.contiguous();
      at::NoGradGuard no_grad;
      at::embedding_renorm_(w, x, max_norm, norm_type);
    }
    return at::embedding(w, x, padding_idx, scale_grad_by_freq, sparse);
  }()));
}

extern "C" gt_tensor *gt_F_pad(gt_tensor *input, const int64_t *pad, int64_t npad,
                               const char *mode, double value) {
  return GT_TENSOR(([&] {
    c10::optional<double> v;
    if (!std::isnan(value)) v = value;
    return at::pad(U(input), gt_shape(pad, npad), mode ? mode : "constant", v);
  }()));
}

// ---- Python's int-or-tuple forms (`ints` parameters) -----------------------------
// Sizes go to ATen as Python's argument parser hands them over: an int fills
// every dim, a tuple is passed as given, so a tuple of the wrong length gets
// ATen's own message, as in PyTorch.

namespace {

using Ints = std::vector<int64_t>;

Ints L2(const gt_ints &v) { return gt_ints_list(v, 2); }

void check_p(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    gt_throw("dropout probability has to be between 0 and 1, but got %s", gt_py_float(p).c_str());
}

}  // namespace

extern "C" gt_tensor *gt_F_conv2d_ints(gt_tensor *input, gt_tensor *weight, gt_tensor *bias,
                                       gt_ints stride, gt_ints padding, gt_ints dilation,
                                       int64_t groups) {
  return GT_TENSOR(at::conv2d(U(input), U(weight), opt(bias), L2(stride), L2(padding), L2(dilation), groups));
}

extern "C" gt_tensor *gt_F_conv2d_str(gt_tensor *input, gt_tensor *weight, gt_tensor *bias,
                                      gt_ints stride, const char *padding, gt_ints dilation,
                                      int64_t groups) {
  return GT_TENSOR(at::conv2d(U(input), U(weight), opt(bias), L2(stride), padding ? padding : "valid",
                              L2(dilation), groups));
}

extern "C" gt_tensor *gt_F_conv_transpose2d_ints(gt_tensor *input, gt_tensor *weight,
                                                 gt_tensor *bias, gt_ints stride, gt_ints padding,
                                                 gt_ints output_padding, int64_t groups,
                                                 gt_ints dilation) {
  return GT_TENSOR(at::conv_transpose2d(U(input), U(weight), opt(bias), L2(stride), L2(padding),
                                        L2(output_padding), groups, L2(dilation)));
}

extern "C" gt_tensor *gt_F_max_pool2d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride,
                                           gt_ints padding, gt_ints dilation, bool ceil_mode,
                                           bool return_indices) {
  return GT_TENSOR(([&] {
    // With indices, Python returns a tuple; a Tensor-typed function cannot.
    if (return_indices) gt_throw("max_pool2d: return_indices=True is not supported");
    return at::max_pool2d(U(input), L2(kernel_size), L2(stride), L2(padding), L2(dilation), ceil_mode);
  }()));
}

extern "C" gt_tensor *gt_F_avg_pool2d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride,
                                           gt_ints padding, bool ceil_mode, bool count_include_pad,
                                           int64_t divisor_override) {
  return GT_TENSOR(at::avg_pool2d(U(input), L2(kernel_size), L2(stride), L2(padding), ceil_mode,
                                  count_include_pad, gt_opt_int(divisor_override)));
}

extern "C" gt_tensor *gt_F_max_pool1d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride,
                                           gt_ints padding, gt_ints dilation, bool ceil_mode,
                                           bool return_indices) {
  return GT_TENSOR(([&] {
    if (return_indices) gt_throw("max_pool1d: return_indices=True is not supported");
    return at::max_pool1d(U(input), gt_ints_list(kernel_size, 1), gt_ints_list(stride, 1),
                          gt_ints_list(padding, 1), gt_ints_list(dilation, 1), ceil_mode);
  }()));
}

extern "C" gt_tensor *gt_F_avg_pool1d_ints(gt_tensor *input, gt_ints kernel_size, gt_ints stride,
                                           gt_ints padding, bool ceil_mode, bool count_include_pad) {
  return GT_TENSOR(at::avg_pool1d(U(input), gt_ints_list(kernel_size, 1), gt_ints_list(stride, 1),
                                  gt_ints_list(padding, 1), ceil_mode, count_include_pad));
}

extern "C" gt_tensor *gt_F_adaptive_avg_pool2d_ints(gt_tensor *input, gt_ints output_size) {
  return GT_TENSOR(at::adaptive_avg_pool2d(U(input), L2(output_size)));
}

// Python 1.13's F.dropout2d: whole channels of (N, C, H, W) input; 3-D input
// is taken as (N, C, L) (Python warns about both that and other ranks).
extern "C" gt_tensor *gt_F_dropout2d(gt_tensor *input, double p, bool training, bool inplace) {
  return GT_TENSOR(([&] {
    check_p(p);
    return inplace ? at::feature_dropout_(U(input), p, training) : at::feature_dropout(U(input), p, training);
  }()));
}

extern "C" gt_tensor *gt_F_pad_ints(gt_tensor *input, gt_ints pad, const char *mode, double value) {
  // The sizes as given: an int is a one-element pad, which ATen refuses as Python's does.
  int64_t n = std::min<int64_t>(std::max<int64_t>(pad.n, 0), GT_INTS_MAX);
  return GT_TENSOR(at::pad(U(input), Ints(pad.v, pad.v + n), mode ? mode : "constant", gt_opt_float(value)));
}

namespace {

std::string ints_str(const std::vector<int64_t> &v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); i++) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// The upsampling op for (mode, input dim), as Python's interpolate picks it.
at::Tensor upsample(const at::Tensor &x, const std::string &mode, at::OptionalIntArrayRef size,
                    c10::optional<at::ArrayRef<double>> scales, bool align, bool antialias) {
  int64_t d = x.dim();
  if (mode == "nearest" && d == 3) return at::upsample_nearest1d(x, size, scales);
  if (mode == "nearest" && d == 4) return at::upsample_nearest2d(x, size, scales);
  if (mode == "nearest" && d == 5) return at::upsample_nearest3d(x, size, scales);
  if (mode == "nearest-exact" && d == 3) return at::_upsample_nearest_exact1d(x, size, scales);
  if (mode == "nearest-exact" && d == 4) return at::_upsample_nearest_exact2d(x, size, scales);
  if (mode == "nearest-exact" && d == 5) return at::_upsample_nearest_exact3d(x, size, scales);
  if (mode == "area" && d == 3) return at::adaptive_avg_pool1d(x, *size);
  if (mode == "area" && d == 4) return at::adaptive_avg_pool2d(x, *size);
  if (mode == "area" && d == 5) return at::adaptive_avg_pool3d(x, *size);
  if (mode == "linear" && d == 3) return at::upsample_linear1d(x, size, align, scales);
  if (mode == "bilinear" && d == 4)
    return antialias ? at::_upsample_bilinear2d_aa(x, size, align, scales)
                     : at::upsample_bilinear2d(x, size, align, scales);
  if (mode == "trilinear" && d == 5) return at::upsample_trilinear3d(x, size, align, scales);
  if (mode == "bicubic" && d == 4)
    return antialias ? at::_upsample_bicubic2d_aa(x, size, align, scales)
                     : at::upsample_bicubic2d(x, size, align, scales);
  static const char *needs[][2] = {{"linear", "3"}, {"bilinear", "4"}, {"trilinear", "5"}};
  for (auto &n : needs)
    if (mode == n[0] && d >= 3 && d <= 5)
      gt_throw("NotImplementedError: Got %lldD input, but %s mode needs %sD input", (long long)d, n[0], n[1]);
  gt_throw("Input Error: Only 3D, 4D and 5D input Tensors supported (got %lldD) for the modes: "
           "nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got %s)",
           (long long)d, mode.c_str());
}

}  // namespace

// Python 1.13's F.interpolate, step for step; a size or scale_factor of one
// element stands for Python's single int/float (repeated per spatial dim).
extern "C" gt_tensor *gt_F_interpolate(gt_tensor *input, const int64_t *size, int64_t nsize,
                                       const double *scale_factor, int64_t nscale,
                                       const char *mode, int align_corners,
                                       int recompute_scale_factor, bool antialias) {
  return GT_TENSOR(([&] {
    at::Tensor &x = U(input);
    std::string m = mode ? mode : "nearest";
    bool align = false;
    if (m == "nearest" || m == "area" || m == "nearest-exact") {
      if (align_corners >= 0)
        gt_throw("ValueError: align_corners option can only be set with the interpolating modes: linear | "
                 "bilinear | bicubic | trilinear");
    } else {
      align = align_corners > 0;
    }
    int64_t dim = x.dim() - 2;
    if (dim < 0) dim = 0;
    bool has_size = size && nsize > 0, has_scale = scale_factor && nscale > 0;
    std::vector<int64_t> spatial(x.sizes().begin() + std::min<int64_t>(2, x.dim()), x.sizes().end());
    c10::optional<std::vector<int64_t>> out_size;
    c10::optional<std::vector<double>> scales;
    if (has_size && has_scale) gt_throw("ValueError: only one of size or scale_factor should be defined");
    if (has_size) {
      std::vector<int64_t> v(size, size + nsize);
      if (nsize == 1) v.assign(dim, size[0]);
      if ((int64_t)v.size() != dim)
        gt_throw("ValueError: Input and output must have the same number of spatial dimensions, but got input "
                 "with spatial dimensions of %s and output size of %s. Please provide input tensor "
                 "in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.",
                 ints_str(spatial).c_str(), ints_str(v).c_str());
      out_size = v;
    } else if (has_scale) {
      std::vector<double> v(scale_factor, scale_factor + nscale);
      if (nscale == 1) v.assign(dim, scale_factor[0]);
      if ((int64_t)v.size() != dim)
        gt_throw("ValueError: Input and scale_factor must have the same number of spatial dimensions, but got "
                 "input with spatial dimensions of %s and scale_factor of shape %lld. Please provide "
                 "input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) "
                 "format.", ints_str(spatial).c_str(), (long long)nscale);
      scales = v;
    } else {
      gt_throw("either size or scale_factor should be defined");
    }
    if (recompute_scale_factor > 0 && has_size)
      gt_throw("recompute_scale_factor is not meaningful with an explicit size.");
    bool recompute = recompute_scale_factor > 0 || (m == "area" && !out_size);
    if (recompute) {
      std::vector<int64_t> v;
      for (int64_t i = 0; i < dim; i++) v.push_back((int64_t)std::floor((double)x.size(i + 2) * (*scales)[i]));
      out_size = v;
      scales = c10::nullopt;
    }
    if (antialias && !((m == "bilinear" || m == "bicubic") && x.dim() == 4))
      gt_throw("ValueError: Anti-alias option is only supported for bilinear and bicubic modes");
    at::OptionalIntArrayRef os;
    if (out_size) os = *out_size;
    c10::optional<at::ArrayRef<double>> sf;
    if (scales) sf = at::ArrayRef<double>(*scales);
    return upsample(x, m, os, sf, align, antialias);
  }()));
}

// F.interpolate as the program calls it: size and scale_factor an int (a
// float) or a tuple of them, none where n is 0; align_corners and
// recompute_scale_factor None (GT_NONE_INT), False or True.
extern "C" gt_tensor *gt_bind_F_interpolate(gt_tensor *input, gt_ints size, gt_floats scale_factor, const char *mode,
                                            int64_t align_corners, int64_t recompute_scale_factor, bool antialias) {
  auto flag = [](int64_t v) { return v == GT_NONE_INT ? -1 : v != 0; };
  return gt_F_interpolate(input, size.v, std::min<int64_t>(size.n, GT_INTS_MAX), scale_factor.v,
                          std::min<int64_t>(scale_factor.n, GT_INTS_MAX), mode, flag(align_corners),
                          flag(recompute_scale_factor), antialias);
}

// ---- spatial transformers --------------------------------------------------------

namespace {

std::string size_str(const std::vector<int64_t> &v) { return "torch.Size(" + ints_str(v) + ")"; }

// F.affine_grid(theta, size, align_corners=None): PyTorch 1.13's checks,
// then its affine_grid_generator (None is False; PyTorch's warning of the
// changed default is not printed). Messages show size as the program gave
// it, a torch.Size (x.size()) or a list.
gt_tensor *affine_grid(gt_tensor *theta, const std::vector<int64_t> &sz, int64_t align_corners, bool torch_size) {
  return GT_TENSOR(([&] {
    const at::Tensor &t = U(theta);
    std::string given = torch_size ? size_str(sz) : ints_str(sz);
    bool align = align_corners != GT_NONE_INT && align_corners != 0;
    if (!t.is_floating_point())
      gt_throw("ValueError: Expected theta to have floating point type, but got %s",
               gt_dtype_name(static_cast<gt_dtype>(gt_dtype_of(t.scalar_type()))));
    int64_t rows = sz.size() == 4 ? 2 : 3;
    if (sz.size() != 4 && sz.size() != 5)
      gt_throw("NotImplementedError: affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, "
               "respectively. Got size %s.", given.c_str());
    if (t.dim() != 3 || t.size(-2) != rows || t.size(-1) != rows + 1)
      gt_throw("ValueError: Expected a batch of %lldD affine matrices of shape Nx%lldx%lld for size %s. Got %s.",
               (long long)rows, (long long)rows, (long long)rows + 1, given.c_str(),
               size_str(t.sizes().vec()).c_str());
    bool unit = *std::min_element(sz.end() - rows, sz.end()) == 1;  /* the spatial sizes */
    if (!(align && unit) && *std::min_element(sz.begin(), sz.end()) <= 0)
      gt_throw("ValueError: Expected non-zero, positive output size. Got %s", given.c_str());
    return at::affine_grid_generator(t, sz, align);
  }()));
}

}  // namespace

extern "C" gt_tensor *gt_F_affine_grid(gt_tensor *theta, const gt_list *size, int64_t align_corners) {
  std::vector<int64_t> sz;
  for (int64_t i = 0; i < size->len; i++) sz.push_back(size->items[i].i);
  return affine_grid(theta, sz, align_corners, false);
}

extern "C" gt_tensor *gt_F_affine_grid_size(gt_tensor *theta, const gt_size *size, int64_t align_corners) {
  std::vector<int64_t> sz;
  for (int64_t i = 0; i < gt_size_len(size); i++) sz.push_back(gt_size_getitem(size, i));
  return affine_grid(theta, sz, align_corners, true);
}

// F.grid_sample(input, grid, mode, padding_mode, align_corners): PyTorch
// 1.13's mode names, as the enums of its grid_sampler.
extern "C" gt_tensor *gt_F_grid_sample(gt_tensor *input, gt_tensor *grid, const char *mode, const char *padding_mode,
                                       int64_t align_corners) {
  return GT_TENSOR(([&] {
    static const char *const modes[] = {"bilinear", "nearest", "bicubic"};
    static const char *const paddings[] = {"zeros", "border", "reflection"};
    std::string m = mode ? mode : "bilinear", p = padding_mode ? padding_mode : "zeros";
    int64_t mode_enum = std::find(modes, modes + 3, m) - modes, padding_enum = std::find(paddings, paddings + 3, p) - paddings;
    if (mode_enum == 3)
      gt_throw("ValueError: nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', "
               "but got: '%s'", m.c_str());
    if (padding_enum == 3)
      gt_throw("ValueError: nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or "
               "'reflection', but got: '%s'", p.c_str());
    bool align = align_corners != GT_NONE_INT && align_corners != 0;
    return at::grid_sampler(U(input), U(grid), mode_enum, padding_enum, align);
  }()));
}

// ---- activations --------------------------------------------------------------

extern "C" gt_tensor *gt_F_relu(gt_tensor *input, bool inplace) {
  return GT_TENSOR(inplace ? at::relu_(U(input)) : at::relu(U(input)));
}

extern "C" gt_tensor *gt_F_leaky_relu(gt_tensor *input, double negative_slope, bool inplace) {
  return GT_TENSOR(inplace ? at::leaky_relu_(U(input), negative_slope)
                           : at::leaky_relu(U(input), negative_slope));
}

extern "C" gt_tensor *gt_F_elu(gt_tensor *input, double alpha, bool inplace) {
  return GT_TENSOR(inplace ? at::elu_(U(input), alpha) : at::elu(U(input), alpha));
}

extern "C" gt_tensor *gt_F_gelu(gt_tensor *input, const char *approximate) {
  return GT_TENSOR(at::gelu(U(input), approximate ? approximate : "none"));
}

extern "C" gt_tensor *gt_F_silu(gt_tensor *input, bool inplace) {
  return GT_TENSOR(inplace ? at::silu_(U(input)) : at::silu(U(input)));
}

extern "C" gt_tensor *gt_F_tanh(gt_tensor *input) { return GT_TENSOR(at::tanh(U(input))); }

extern "C" gt_tensor *gt_F_sigmoid(gt_tensor *input) { return GT_TENSOR(at::sigmoid(U(input))); }

extern "C" gt_tensor *gt_bind_F_one_hot(gt_tensor *tensor, int64_t num_classes) {
  return GT_TENSOR(at::one_hot(U(tensor), num_classes));
}

extern "C" gt_tensor *gt_F_softmax(gt_tensor *input, int64_t dim, int dtype) {
  return GT_TENSOR(at::softmax(U(input), softmax_dim(U(input), dim), gt_scalar_type_opt(dtype)));
}

extern "C" gt_tensor *gt_F_log_softmax(gt_tensor *input, int64_t dim, int dtype) {
  return GT_TENSOR(
      at::log_softmax(U(input), softmax_dim(U(input), dim), gt_scalar_type_opt(dtype)));
}

// ---- losses -------------------------------------------------------------------

extern "C" gt_tensor *gt_F_nll_loss(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                    int64_t ignore_index, const char *reduction) {
  return GT_TENSOR(
      at::nll_loss_nd(U(input), U(target), opt(weight), gt_reduction(reduction), ignore_index));
}

extern "C" gt_tensor *gt_F_cross_entropy(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                         int64_t ignore_index, const char *reduction,
                                         double label_smoothing) {
  return GT_TENSOR(at::cross_entropy_loss(U(input), U(target), opt(weight),
                                          gt_reduction(reduction), ignore_index,
                                          label_smoothing));
}

extern "C" gt_tensor *gt_F_mse_loss(gt_tensor *input, gt_tensor *target, const char *reduction) {
  return GT_TENSOR(([&] {
    auto b = broadcast(input, target);
    return at::mse_loss(b[0], b[1], gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_l1_loss(gt_tensor *input, gt_tensor *target, const char *reduction) {
  return GT_TENSOR(([&] {
    auto b = broadcast(input, target);
    return at::l1_loss(b[0], b[1], gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_smooth_l1_loss(gt_tensor *input, gt_tensor *target,
                                          const char *reduction, double beta) {
  return GT_TENSOR(([&] {
    auto b = broadcast(input, target);
    if (beta == 0.0) return at::l1_loss(b[0], b[1], gt_reduction(reduction));
    return at::smooth_l1_loss(b[0], b[1], gt_reduction(reduction), beta);
  }()));
}

extern "C" gt_tensor *gt_F_binary_cross_entropy(gt_tensor *input, gt_tensor *target,
                                                gt_tensor *weight, const char *reduction) {
  return GT_TENSOR(([&] {
    at::Tensor &x = U(input), &y = U(target);
    if (x.sizes() != y.sizes())
      gt_throw("ValueError: Using a target size (%s) that is different to the input size (%s) is deprecated. "
               "Please ensure they have the same size.",
               gt_size_text(y.sizes()).c_str(), gt_size_text(x.sizes()).c_str());
    OptTensor w = opt(weight);
    if (w) w = w->expand(at::infer_size(y.sizes(), w->sizes()));
    return at::binary_cross_entropy(x, y, w, gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_binary_cross_entropy_with_logits(gt_tensor *input, gt_tensor *target,
                                                            gt_tensor *weight,
                                                            const char *reduction,
                                                            gt_tensor *pos_weight) {
  return GT_TENSOR(([&] {
    at::Tensor &x = U(input), &y = U(target);
    if (x.sizes() != y.sizes())
      gt_throw("ValueError: Target size (%s) must be the same as input size (%s)", gt_size_text(y.sizes()).c_str(),
               gt_size_text(x.sizes()).c_str());
    return at::binary_cross_entropy_with_logits(x, y, opt(weight), opt(pos_weight),
                                                gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_kl_div(gt_tensor *input, gt_tensor *target, const char *reduction,
                                  bool log_target) {
  return GT_TENSOR(([&] {
    std::string r = reduction ? reduction : "mean";
    // 'batchmean' is Python's: the sum divided by the batch size.
    if (r != "batchmean") return at::kl_div(U(input), U(target), gt_reduction(r.c_str()), log_target);
    at::Tensor s = at::kl_div(U(input), U(target), at::Reduction::Sum, log_target);
    return U(input).dim() != 0 ? s / U(input).size(0) : s;
  }()));
}

// The losses of torch.nn that are one ATen op after Python's checks.

extern "C" gt_tensor *gt_F_cosine_embedding_loss(gt_tensor *input1, gt_tensor *input2, gt_tensor *target,
                                                 double margin, const char *reduction) {
  return GT_TENSOR(at::cosine_embedding_loss(U(input1), U(input2), U(target), margin, gt_reduction(reduction)));
}

extern "C" gt_tensor *gt_F_hinge_embedding_loss(gt_tensor *input, gt_tensor *target, double margin,
                                                const char *reduction) {
  return GT_TENSOR(at::hinge_embedding_loss(U(input), U(target), margin, gt_reduction(reduction)));
}

extern "C" gt_tensor *gt_F_margin_ranking_loss(gt_tensor *input1, gt_tensor *input2, gt_tensor *target,
                                               double margin, const char *reduction) {
  return GT_TENSOR(([&] {
    at::Tensor &a = U(input1), &b = U(input2), &y = U(target);
    if (a.dim() != b.dim() || a.dim() != y.dim())
      gt_throw("margin_ranking_loss : All input tensors should have same dimension but got sizes: "
               "input1: %s, input2: %s, target: %s ",
               gt_size_text(a.sizes()).c_str(), gt_size_text(b.sizes()).c_str(), gt_size_text(y.sizes()).c_str());
    return at::margin_ranking_loss(a, b, y, margin, gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_soft_margin_loss(gt_tensor *input, gt_tensor *target, const char *reduction) {
  return GT_TENSOR(at::soft_margin_loss(U(input), U(target), gt_reduction(reduction)));
}

extern "C" gt_tensor *gt_F_huber_loss(gt_tensor *input, gt_tensor *target, const char *reduction,
                                      double delta) {
  return GT_TENSOR(([&] {
    auto b = broadcast(input, target);
    return at::huber_loss(b[0], b[1], gt_reduction(reduction), delta);
  }()));
}

extern "C" gt_tensor *gt_F_poisson_nll_loss(gt_tensor *input, gt_tensor *target, bool log_input, bool full,
                                            double eps, const char *reduction) {
  return GT_TENSOR(at::poisson_nll_loss(U(input), U(target), log_input, full, eps, gt_reduction(reduction)));
}

extern "C" gt_tensor *gt_F_triplet_margin_loss(gt_tensor *anchor, gt_tensor *positive, gt_tensor *negative,
                                               double margin, double p, double eps, bool swap,
                                               const char *reduction) {
  return GT_TENSOR(([&] {
    at::Tensor &a = U(anchor), &pos = U(positive), &neg = U(negative);
    if (a.dim() != pos.dim() || a.dim() != neg.dim())
      gt_throw("The anchor, positive, and negative tensors are expected to have the same number of "
               "dimensions, but got: anchor %lldD, positive %lldD, and negative %lldD inputs]",
               (long long)a.dim(), (long long)pos.dim(), (long long)neg.dim());
    return at::triplet_margin_loss(a, pos, neg, margin, p, eps, swap, gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_multi_margin_loss(gt_tensor *input, gt_tensor *target, int64_t p, double margin,
                                             gt_tensor *weight, const char *reduction) {
  return GT_TENSOR(([&] {
    if (p != 1 && p != 2) gt_throw("ValueError: only p == 1 and p == 2 supported");
    OptTensor w = opt(weight);
    if (w && w->dim() != 1) gt_throw("ValueError: weight must be one-dimensional");
    return at::multi_margin_loss(U(input), U(target), p, margin, w, gt_reduction(reduction));
  }()));
}

extern "C" gt_tensor *gt_F_multilabel_margin_loss(gt_tensor *input, gt_tensor *target, const char *reduction) {
  return GT_TENSOR(at::multilabel_margin_loss(U(input), U(target), gt_reduction(reduction)));
}

// Python's F.multilabel_soft_margin_loss, op for op.
extern "C" gt_tensor *gt_F_multilabel_soft_margin_loss(gt_tensor *input, gt_tensor *target, gt_tensor *weight,
                                                       const char *reduction) {
  return GT_TENSOR(([&] {
    at::Tensor &x = U(input), &y = U(target);
    at::Tensor loss = -(y * at::log_sigmoid(x) + (1 - y) * at::log_sigmoid(-x));
    if (weight) loss = loss * U(weight);
    int64_t class_dim = x.dim() - 1;
    loss = loss.sum(class_dim) / x.size(class_dim);
    std::string r = reduction ? reduction : "mean";
    if (r == "none") return loss;
    if (r == "mean") return loss.mean();
    if (r == "sum") return loss.sum();
    gt_throw("ValueError: %s is not a valid value for reduction", r.c_str());
  }()));
}

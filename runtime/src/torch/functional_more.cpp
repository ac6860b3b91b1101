// functional_more.cpp - torch.nn.functional's activations, similarities and
// small layers' functions beyond functional.cpp's, and the tensor ops
// isclose, roll, nan_to_num, meshgrid and norm over a dim given by name.
// Each is the ATen function PyTorch 1.13's Python calls, or its formula
// where the Python function computes one (normalize, softsign).
#include <cmath>
#include <vector>

#include "internal.h"
#include "nn_internal.h"

// F.normalize: torch/nn/functional.py's input / norm(keepdim).clamp_min(eps).
extern "C" gt_tensor *gt_F_normalize(gt_tensor *input, double p, int64_t dim, double eps) {
  return GT_TENSOR(([&] {
    const at::Tensor &x = U(input);
    int64_t dims[] = {dim};  // Tensor.norm is linalg.vector_norm in PyTorch 1.13
    return x / at::linalg_vector_norm(x, p, dims, true, c10::nullopt).clamp_min(eps).expand_as(x);
  }()));
}

extern "C" gt_tensor *gt_F_cosine_similarity(gt_tensor *x1, gt_tensor *x2, int64_t dim, double eps) {
  return GT_TENSOR(at::cosine_similarity(U(x1), U(x2), dim, eps));
}

extern "C" gt_tensor *gt_F_pairwise_distance(gt_tensor *x1, gt_tensor *x2, double p, double eps, bool keepdim) {
  return GT_TENSOR(at::pairwise_distance(U(x1), U(x2), p, eps, keepdim));
}

extern "C" gt_tensor *gt_F_softplus(gt_tensor *input, double beta, double threshold) {
  return GT_TENSOR(at::softplus(U(input), beta, threshold));
}

extern "C" gt_tensor *gt_F_hardtanh(gt_tensor *input, double min_val, double max_val, bool inplace) {
  return GT_TENSOR(inplace ? at::hardtanh_(U(input), min_val, max_val) : at::hardtanh(U(input), min_val, max_val));
}

// F.relu6 is hardtanh(0, 6), as PyTorch's
extern "C" gt_tensor *gt_F_relu6(gt_tensor *input, bool inplace) { return gt_F_hardtanh(input, 0.0, 6.0, inplace); }
extern "C" gt_tensor *gt_F_logsigmoid(gt_tensor *input) { return GT_TENSOR(at::log_sigmoid(U(input))); }
extern "C" gt_tensor *gt_F_softmin(gt_tensor *input, int64_t dim) { return GT_TENSOR(at::softmax(-U(input), dim)); }
extern "C" gt_tensor *gt_F_glu(gt_tensor *input, int64_t dim) { return GT_TENSOR(at::glu(U(input), dim)); }
extern "C" gt_tensor *gt_F_mish(gt_tensor *input) { return GT_TENSOR(at::mish(U(input))); }
extern "C" gt_tensor *gt_F_hardswish(gt_tensor *input) { return GT_TENSOR(at::hardswish(U(input))); }
extern "C" gt_tensor *gt_F_hardsigmoid(gt_tensor *input) { return GT_TENSOR(at::hardsigmoid(U(input))); }
extern "C" gt_tensor *gt_F_selu(gt_tensor *input) { return GT_TENSOR(at::selu(U(input))); }
extern "C" gt_tensor *gt_F_celu(gt_tensor *input, double alpha) { return GT_TENSOR(at::celu(U(input), alpha)); }
// torch/nn/functional.py's formulas
extern "C" gt_tensor *gt_F_softsign(gt_tensor *input) { return GT_TENSOR(U(input) / (U(input).abs() + 1)); }
extern "C" gt_tensor *gt_F_tanhshrink(gt_tensor *input) { return GT_TENSOR(U(input) - U(input).tanh()); }
extern "C" gt_tensor *gt_F_threshold(gt_tensor *input, double threshold, double value) {
  return GT_TENSOR(at::threshold(U(input), threshold, value));
}

extern "C" gt_tensor *gt_F_adaptive_avg_pool1d(gt_tensor *input, int64_t output_size) {
  return GT_TENSOR(at::adaptive_avg_pool1d(U(input), {output_size}));
}

extern "C" gt_tensor *gt_F_adaptive_max_pool2d(gt_tensor *input, gt_ints output_size) {
  return GT_TENSOR(std::get<0>(at::adaptive_max_pool2d(U(input), gt_ints_list(output_size, 2))));
}

extern "C" gt_tensor *gt_F_pixel_shuffle(gt_tensor *input, int64_t upscale_factor) {
  return GT_TENSOR(at::pixel_shuffle(U(input), upscale_factor));
}

// ---- tensor ops ---------------------------------------------------------------------

extern "C" gt_tensor *gt_isclose(gt_tensor *a, gt_tensor *b, double rtol, double atol, bool equal_nan) {
  return GT_TENSOR(at::isclose(U(a), U(b), rtol, atol, equal_nan));
}

// roll(x, shifts, dims=None): None flattens, rolls, and restores the shape.
extern "C" gt_tensor *gt_roll(gt_tensor *x, int64_t shifts, int64_t dims) {
  return GT_TENSOR(dims == GT_NONE_INT ? at::roll(U(x), {shifts}) : at::roll(U(x), {shifts}, {dims}));
}

extern "C" gt_tensor *gt_roll_list(gt_tensor *x, const gt_list *shifts, const gt_list *dims) {
  return GT_TENSOR(([&] {
    std::vector<int64_t> s, d;
    for (int64_t i = 0; shifts && i < shifts->len; i++) s.push_back(shifts->items[i].i);
    for (int64_t i = 0; dims && i < dims->len; i++) d.push_back(dims->items[i].i);
    return at::roll(U(x), s, d);
  }()));
}

extern "C" gt_tensor *gt_nan_to_num(gt_tensor *x, double nan, double posinf, double neginf) {
  return GT_TENSOR(at::nan_to_num(U(x), nan, gt_opt_float(posinf), gt_opt_float(neginf)));
}

// torch.meshgrid(*tensors, indexing="ij"): PyTorch 1.13's default is "ij"
// (with a warning, which this leaves out).
extern "C" gt_list *gt_meshgrid(gt_tensor *const *tensors, int64_t n, const char *indexing) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    std::vector<at::Tensor> ts;
                    for (int64_t i = 0; i < n; i++) ts.push_back(U(tensors[i]));
                    std::string how = indexing ? indexing : "ij";
                    if (how != "ij" && how != "xy")
                      gt_throw("RuntimeError: torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: %s",
                               how.c_str());
                    return gt_wrap_list(at::meshgrid(ts, how));
                  }()));
}

// torch.broadcast_tensors(*tensors): each expanded to their common shape.
extern "C" gt_list *gt_broadcast_tensors(gt_tensor *const *tensors, int64_t n) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    std::vector<at::Tensor> ts;
                    for (int64_t i = 0; i < n; i++) ts.push_back(U(tensors[i]));
                    return gt_wrap_list(at::broadcast_tensors(ts));
                  }()));
}

// x.norm(p=2, dim=None, keepdim=False): Tensor.norm's dim given by name.
extern "C" gt_tensor *gt_norm_opt(gt_tensor *x, double p, int64_t dim, bool keepdim) {
  if (dim == GT_NONE_INT) return GT_TENSOR(at::linalg_vector_norm(U(x), p, c10::nullopt, keepdim, c10::nullopt));
  return gt_norm_dim(x, p, &dim, 1, keepdim);
}

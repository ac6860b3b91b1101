// ops.cpp - arithmetic, comparison and reductions: one ATen call each.
#include "internal.h"

// A Python scalar as an operand on the left: internal.h's wrapped number.
static at::Tensor wrapped(const at::Scalar &s, const at::Tensor &like) { return gt_wrapped_number(s, like); }

// ---- binary arithmetic ----------------------------------------------------------

// SCALAR(b) is how Python passes the scalar operand: `x * 3` reaches
// mul(Tensor, Tensor) with 3 as a wrapped number (grad_fn MulBackward0, as
// Python prints it), while `x ** 2` has a Scalar overload (PowBackward0).
#define BINARY(op, fn, method_, SCALAR)                                                                  \
  extern "C" gt_tensor *gt_##op(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(fn(U(a), U(b))); }     \
  extern "C" gt_tensor *gt_##op##_f(gt_tensor *a, double b) { return GT_TENSOR(fn(U(a), SCALAR(b))); } \
  extern "C" gt_tensor *gt_##op##_i(gt_tensor *a, int64_t b) { return GT_TENSOR(fn(U(a), SCALAR(b))); } \
  extern "C" int gt_##op##_(gt_tensor *a, gt_tensor *b) { return GT_STATUS(U(a).method_(U(b))); }     \
  extern "C" int gt_##op##_f_(gt_tensor *a, double b) { return GT_STATUS(U(a).method_(b)); }          \
  extern "C" int gt_##op##_i_(gt_tensor *a, int64_t b) { return GT_STATUS(U(a).method_(b)); }
#define AS_WRAPPED(b) wrapped(b, U(a))
#define AS_SCALAR(b) (b)

BINARY(add, at::add, add_, AS_WRAPPED)
BINARY(sub, at::sub, sub_, AS_WRAPPED)
BINARY(mul, at::mul, mul_, AS_WRAPPED)
BINARY(div, at::div, div_, AS_WRAPPED)
BINARY(floor_divide, at::floor_divide, floor_divide_, AS_SCALAR)
BINARY(remainder, at::remainder, remainder_, AS_SCALAR)
BINARY(pow, at::pow, pow_, AS_SCALAR)

// Python's Tensor.__rsub__, __rtruediv__, __rfloordiv__, __rmod__, __rpow__.
extern "C" gt_tensor *gt_rsub_f(gt_tensor *a, double b) { return GT_TENSOR(at::rsub(U(a), b)); }
extern "C" gt_tensor *gt_rsub_i(gt_tensor *a, int64_t b) { return GT_TENSOR(at::rsub(U(a), b)); }
extern "C" gt_tensor *gt_rdiv_f(gt_tensor *a, double b) { return GT_TENSOR(U(a).reciprocal() * wrapped(b, U(a))); }
extern "C" gt_tensor *gt_rdiv_i(gt_tensor *a, int64_t b) { return GT_TENSOR(U(a).reciprocal() * wrapped(b, U(a))); }
extern "C" gt_tensor *gt_rfloor_divide_f(gt_tensor *a, double b) { return GT_TENSOR(at::floor_divide(wrapped(b, U(a)), U(a))); }
extern "C" gt_tensor *gt_rfloor_divide_i(gt_tensor *a, int64_t b) { return GT_TENSOR(at::floor_divide(wrapped(b, U(a)), U(a))); }
extern "C" gt_tensor *gt_rremainder_f(gt_tensor *a, double b) { return GT_TENSOR(at::remainder(wrapped(b, U(a)), U(a))); }
extern "C" gt_tensor *gt_rremainder_i(gt_tensor *a, int64_t b) { return GT_TENSOR(at::remainder(wrapped(b, U(a)), U(a))); }
extern "C" gt_tensor *gt_rpow_f(gt_tensor *a, double b) { return GT_TENSOR(at::pow(b, U(a))); }
extern "C" gt_tensor *gt_rpow_i(gt_tensor *a, int64_t b) { return GT_TENSOR(at::pow(b, U(a))); }

extern "C" gt_tensor *gt_add_alpha(gt_tensor *a, gt_tensor *b, double alpha) { return GT_TENSOR(at::add(U(a), U(b), alpha)); }
extern "C" gt_tensor *gt_sub_alpha(gt_tensor *a, gt_tensor *b, double alpha) { return GT_TENSOR(at::sub(U(a), U(b), alpha)); }

// ---- unary ------------------------------------------------------------------------

#define UNARY(op)                                                                      \
  extern "C" gt_tensor *gt_##op(gt_tensor *x) { return GT_TENSOR(at::op(U(x))); }     \
  extern "C" int gt_##op##_(gt_tensor *x) { return GT_STATUS(U(x).op##_()); }

UNARY(neg)
UNARY(abs)
UNARY(exp)
UNARY(log)
UNARY(log2)
UNARY(log1p)
UNARY(sqrt)
UNARY(rsqrt)
UNARY(sin)
UNARY(cos)
UNARY(tan)
UNARY(tanh)
UNARY(sigmoid)
UNARY(relu)
UNARY(floor)
UNARY(ceil)
UNARY(round)
UNARY(trunc)
UNARY(sign)
UNARY(reciprocal)
UNARY(square)
UNARY(logical_not)
UNARY(bitwise_not)
UNARY(asin)
UNARY(acos)
UNARY(atan)
UNARY(sinh)
UNARY(cosh)
UNARY(asinh)
UNARY(acosh)
UNARY(atanh)
UNARY(erf)
UNARY(erfc)
UNARY(erfinv)
UNARY(expm1)
UNARY(log10)
UNARY(exp2)
UNARY(frac)

// clamp: a NaN / INT64_MIN bound is Python's None.
static c10::optional<at::Scalar> bound_f(double v) { return std::isnan(v) ? c10::nullopt : c10::optional<at::Scalar>(v); }
static c10::optional<at::Scalar> bound_i(int64_t v) {
  return v == GT_NONE_INT ? c10::nullopt : c10::optional<at::Scalar>(v);
}
extern "C" gt_tensor *gt_clamp_f(gt_tensor *x, double min, double max) { return GT_TENSOR(at::clamp(U(x), bound_f(min), bound_f(max))); }
extern "C" gt_tensor *gt_clamp_i(gt_tensor *x, int64_t min, int64_t max) { return GT_TENSOR(at::clamp(U(x), bound_i(min), bound_i(max))); }
extern "C" gt_tensor *gt_clamp_t(gt_tensor *x, gt_tensor *min, gt_tensor *max) {
  return GT_TENSOR(at::clamp(U(x), c10::optional<at::Tensor>(gt_unwrap_opt(min)), c10::optional<at::Tensor>(gt_unwrap_opt(max))));
}
extern "C" int gt_clamp_f_(gt_tensor *x, double min, double max) { return GT_STATUS(U(x).clamp_(bound_f(min), bound_f(max))); }
extern "C" int gt_clamp_i_(gt_tensor *x, int64_t min, int64_t max) { return GT_STATUS(U(x).clamp_(bound_i(min), bound_i(max))); }

extern "C" gt_tensor *gt_maximum(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::maximum(U(a), U(b))); }

// torch.unique(x, sorted, return_inverse, return_counts, dim), as
// torch/functional.py's _unique_impl: _unique2 over the elements, or
// unique_dim over slices along dim; each form gives the results its flags ask.
namespace {
std::tuple<at::Tensor, at::Tensor, at::Tensor> unique3(gt_tensor *x, bool sorted, bool inverse, bool counts,
                                                       int64_t dim) {
  if (dim == GT_NONE_INT) return at::_unique2(U(x), sorted, inverse, counts);
  return at::unique_dim(U(x), dim, sorted, inverse, counts);
}
}  // namespace

extern "C" gt_tensor *gt_unique(gt_tensor *x, bool sorted, bool inverse, bool counts, int64_t dim) {
  return GT_TENSOR(std::get<0>(unique3(x, sorted, inverse, counts, dim)));
}
extern "C" gt_tuple *gt_unique_inverse(gt_tensor *x, bool sorted, bool inverse, bool counts, int64_t dim) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    auto r = unique3(x, sorted, inverse, counts, dim);
                    return gt_wrap_pair({std::get<0>(r), std::get<1>(r)});
                  }()));
}
extern "C" gt_tuple *gt_unique_counts(gt_tensor *x, bool sorted, bool inverse, bool counts, int64_t dim) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    auto r = unique3(x, sorted, inverse, counts, dim);
                    return gt_wrap_pair({std::get<0>(r), std::get<2>(r)});
                  }()));
}
extern "C" gt_tuple *gt_unique_all(gt_tensor *x, bool sorted, bool inverse, bool counts, int64_t dim) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_triple(unique3(x, sorted, inverse, counts, dim)));
}

// torch.cross(a, b, dim=None): None is PyTorch 1.13's first dimension of size 3.
extern "C" gt_tensor *gt_cross(gt_tensor *a, gt_tensor *b, int64_t dim) {
  return GT_TENSOR(at::cross(U(a), U(b), dim == GT_NONE_INT ? c10::nullopt : c10::optional<int64_t>(dim)));
}

// torch.svd(A, some, compute_uv): (U, S, V), A = U diag(S) V^T.
extern "C" gt_tuple *gt_svd(gt_tensor *a, bool some, bool compute_uv) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    auto usv = at::svd(U(a), some, compute_uv);
                    gt_val u = gt_vp(gt_wrap(std::get<0>(usv))), s = gt_vp(gt_wrap(std::get<1>(usv))),
                           v = gt_vp(gt_wrap(std::get<2>(usv)));
                    gt_tuple *t = gt_tuple_of(&gt_t_tensor_triple, u, s, v);  // the tuple retains
                    gt_release(u.p);
                    gt_release(s.p);
                    gt_release(v.p);
                    return t;
                  }()));
}
extern "C" gt_tensor *gt_minimum(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::minimum(U(a), U(b))); }

extern "C" gt_tensor *gt_where(gt_tensor *c, gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::where(U(c), U(a), U(b))); }
extern "C" gt_tensor *gt_where_ff(gt_tensor *c, double a, double b) { return GT_TENSOR(at::where(U(c), a, b)); }
extern "C" gt_tensor *gt_where_tf(gt_tensor *c, gt_tensor *a, double b) { return GT_TENSOR(at::where(U(c), U(a), b)); }
extern "C" gt_tensor *gt_where_ft(gt_tensor *c, double a, gt_tensor *b) { return GT_TENSOR(at::where(U(c), a, U(b))); }

extern "C" gt_tensor *gt_matmul(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::matmul(U(a), U(b))); }
extern "C" gt_tensor *gt_mm(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::mm(U(a), U(b))); }
extern "C" gt_tensor *gt_bmm(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::bmm(U(a), U(b))); }
extern "C" gt_tensor *gt_dot(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::dot(U(a), U(b))); }
extern "C" gt_tensor *gt_outer(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::outer(U(a), U(b))); }

extern "C" gt_tensor *gt_einsum(const char *equation, gt_tensor *const *operands, int64_t n) {
  return GT_TENSOR(([&] {
    std::vector<at::Tensor> ts;
    for (int64_t i = 0; i < n; i++) ts.push_back(U(operands[i]));
    return at::einsum(equation, ts);
  }()));
}

extern "C" gt_tensor *gt_einsum_list(const char *equation, const gt_list *operands) {
  return GT_TENSOR(at::einsum(equation, gt_unwrap_list(operands)));
}

// torch/functional.py's cdist: its compute_mode names are ATen's None, 1 and 2.
extern "C" gt_tensor *gt_cdist(gt_tensor *x1, gt_tensor *x2, double p, const char *compute_mode) {
  return GT_TENSOR(([&] {
    std::string mode = compute_mode;
    c10::optional<int64_t> m;
    if (mode == "use_mm_for_euclid_dist") m = 1;
    else if (mode == "donot_use_mm_for_euclid_dist") m = 2;
    else if (mode != "use_mm_for_euclid_dist_if_necessary")
      gt_throw("ValueError: %s is not a valid value for compute_mode", compute_mode);
    return at::cdist(U(x1), U(x2), p, m);
  }()));
}

extern "C" gt_tensor *gt_bucketize(gt_tensor *input, gt_tensor *boundaries, bool out_int32, bool right) {
  return GT_TENSOR(at::bucketize(U(input), U(boundaries), out_int32, right));
}
extern "C" gt_tensor *gt_bitwise_and(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::bitwise_and(U(a), U(b))); }
extern "C" gt_tensor *gt_bitwise_or(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::bitwise_or(U(a), U(b))); }
extern "C" gt_tensor *gt_bitwise_xor(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::bitwise_xor(U(a), U(b))); }

// ---- comparison -----------------------------------------------------------------

#define COMPARE(op)                                                                                  \
  extern "C" gt_tensor *gt_##op(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::op(U(a), U(b))); } \
  extern "C" gt_tensor *gt_##op##_f(gt_tensor *a, double b) { return GT_TENSOR(at::op(U(a), b)); }    \
  extern "C" gt_tensor *gt_##op##_i(gt_tensor *a, int64_t b) { return GT_TENSOR(at::op(U(a), b)); }
COMPARE(eq)
COMPARE(ne)
COMPARE(lt)
COMPARE(le)
COMPARE(gt)
COMPARE(ge)
extern "C" gt_tensor *gt_isnan(gt_tensor *x) { return GT_TENSOR(at::isnan(U(x))); }
extern "C" gt_tensor *gt_isinf(gt_tensor *x) { return GT_TENSOR(at::isinf(U(x))); }
extern "C" gt_tensor *gt_isfinite(gt_tensor *x) { return GT_TENSOR(at::isfinite(U(x))); }
extern "C" int gt_equal(gt_tensor *a, gt_tensor *b) { return GT_VALUE(int, -1, at::equal(U(a), U(b)) ? 1 : 0); }
extern "C" int gt_allclose(gt_tensor *a, gt_tensor *b, double rtol, double atol, bool equal_nan) {
  return GT_VALUE(int, -1, at::allclose(U(a), U(b), rtol, atol, equal_nan) ? 1 : 0);
}

// ---- reductions -------------------------------------------------------------------

static at::IntArrayRef dims_of(const int64_t *dims, int64_t n) { return gt_shape(dims, n); }

extern "C" gt_tensor *gt_sum(gt_tensor *x, gt_dtype dtype) { return GT_TENSOR(at::sum(U(x), gt_scalar_type_opt(dtype))); }
extern "C" gt_tensor *gt_mean(gt_tensor *x, gt_dtype dtype) { return GT_TENSOR(at::mean(U(x), gt_scalar_type_opt(dtype))); }
extern "C" gt_tensor *gt_prod(gt_tensor *x, gt_dtype dtype) { return GT_TENSOR(at::prod(U(x), gt_scalar_type_opt(dtype))); }
extern "C" gt_tensor *gt_max_all(gt_tensor *x) { return GT_TENSOR(at::max(U(x))); }
extern "C" gt_tensor *gt_min_all(gt_tensor *x) { return GT_TENSOR(at::min(U(x))); }
extern "C" gt_tensor *gt_argmax(gt_tensor *x) { return GT_TENSOR(at::argmax(U(x))); }
extern "C" gt_tensor *gt_argmin(gt_tensor *x) { return GT_TENSOR(at::argmin(U(x))); }
extern "C" gt_tensor *gt_std(gt_tensor *x, bool unbiased) { return GT_TENSOR(at::std(U(x), unbiased)); }
extern "C" gt_tensor *gt_var(gt_tensor *x, bool unbiased) { return GT_TENSOR(at::var(U(x), unbiased)); }
// torch.norm goes through torch.linalg.vector_norm in Python 1.13; so here.
extern "C" gt_tensor *gt_norm(gt_tensor *x, double p) {
  return GT_TENSOR(at::linalg_vector_norm(U(x), p, c10::nullopt, false, c10::nullopt));
}
extern "C" gt_tensor *gt_all(gt_tensor *x) { return GT_TENSOR(at::all(U(x))); }
extern "C" gt_tensor *gt_any(gt_tensor *x) { return GT_TENSOR(at::any(U(x))); }

extern "C" gt_tensor *gt_sum_dim(gt_tensor *x, const int64_t *dims, int64_t n, bool keepdim, gt_dtype dtype) {
  return GT_TENSOR(at::sum(U(x), dims_of(dims, n), keepdim, gt_scalar_type_opt(dtype)));
}
extern "C" gt_tensor *gt_mean_dim(gt_tensor *x, const int64_t *dims, int64_t n, bool keepdim, gt_dtype dtype) {
  return GT_TENSOR(at::mean(U(x), dims_of(dims, n), keepdim, gt_scalar_type_opt(dtype)));
}
extern "C" gt_tensor *gt_prod_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype dtype) {
  return GT_TENSOR(at::prod(U(x), dim, keepdim, gt_scalar_type_opt(dtype)));
}
extern "C" gt_tensor *gt_std_dim(gt_tensor *x, const int64_t *dims, int64_t n, bool unbiased, bool keepdim) {
  return GT_TENSOR(at::std(U(x), at::OptionalIntArrayRef(dims_of(dims, n)), unbiased, keepdim));
}
extern "C" gt_tensor *gt_var_dim(gt_tensor *x, const int64_t *dims, int64_t n, bool unbiased, bool keepdim) {
  return GT_TENSOR(at::var(U(x), at::OptionalIntArrayRef(dims_of(dims, n)), unbiased, keepdim));
}
extern "C" gt_tensor *gt_norm_dim(gt_tensor *x, double p, const int64_t *dims, int64_t n, bool keepdim) {
  return GT_TENSOR(at::linalg_vector_norm(U(x), p, at::OptionalIntArrayRef(dims_of(dims, n)), keepdim, c10::nullopt));
}
extern "C" gt_tensor *gt_argmax_dim(gt_tensor *x, int64_t dim, bool keepdim) { return GT_TENSOR(at::argmax(U(x), dim, keepdim)); }
extern "C" gt_tensor *gt_argmin_dim(gt_tensor *x, int64_t dim, bool keepdim) { return GT_TENSOR(at::argmin(U(x), dim, keepdim)); }
extern "C" gt_tensor *gt_all_dim(gt_tensor *x, int64_t dim, bool keepdim) { return GT_TENSOR(at::all(U(x), dim, keepdim)); }
extern "C" gt_tensor *gt_any_dim(gt_tensor *x, int64_t dim, bool keepdim) { return GT_TENSOR(at::any(U(x), dim, keepdim)); }
extern "C" gt_tensor *gt_cumsum(gt_tensor *x, int64_t dim, gt_dtype dtype) { return GT_TENSOR(at::cumsum(U(x), dim, gt_scalar_type_opt(dtype))); }
extern "C" gt_tensor *gt_logsumexp(gt_tensor *x, const int64_t *dims, int64_t n, bool keepdim) {
  return GT_TENSOR(at::logsumexp(U(x), dims_of(dims, n), keepdim));
}

extern "C" gt_tuple *gt_max_dim(gt_tensor *x, int64_t dim, bool keepdim) { return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::max(U(x), dim, keepdim))); }
extern "C" gt_tuple *gt_min_dim(gt_tensor *x, int64_t dim, bool keepdim) { return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::min(U(x), dim, keepdim))); }
extern "C" gt_tuple *gt_topk(gt_tensor *x, int64_t k, int64_t dim, bool largest, bool sorted) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::topk(U(x), k, dim, largest, sorted)));
}
extern "C" gt_tuple *gt_sort(gt_tensor *x, int64_t dim, bool descending) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::sort(U(x), dim, descending)));
}
extern "C" gt_tensor *gt_argsort(gt_tensor *x, int64_t dim, bool descending) { return GT_TENSOR(at::argsort(U(x), dim, descending)); }

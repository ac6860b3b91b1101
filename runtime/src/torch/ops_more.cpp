// ops_more.cpp - the tensor ops beyond ops.cpp's that published programs
// call: reductions (amax, median, quantile, nansum, bincount), the
// (values, indices) pairs of median/mode/kthvalue/cummax, element-wise
// math (lerp, fmod, xlogy, logaddexp, addcmul), shape ops (tile, diagonal,
// unflatten, rot90, the stacks), index ops (index_add_, take), linear
// algebra (inverse, det, tensordot, kron) and constructors (tril_indices,
// logspace, as_tensor, new_tensor). Each is the ATen function PyTorch
// 1.13's Python calls, with its defaults in the stdlib declaration.
#include <cmath>
#include <vector>

#include "internal.h"
#include "gtorch_bind.h"

namespace {

std::vector<at::Tensor> tuple_tensors(const gt_tuple *t) {
  std::vector<at::Tensor> ts;
  for (int64_t i = 0; t && i < t->len; i++) ts.push_back(U(static_cast<gt_tensor *>(t->items[i].p)));
  return ts;
}

std::vector<at::Tensor> array_tensors(gt_tensor *const *tensors, int64_t n) {
  std::vector<at::Tensor> ts;
  for (int64_t i = 0; i < n; i++) ts.push_back(U(tensors[i]));
  return ts;
}

// An in-place op: x itself, retained, as PyTorch's `return self`.
template <class F>
gt_tensor *in_place(gt_tensor *x, F &&f) {
  return GT_VALUE(gt_tensor *, nullptr, (f(), static_cast<gt_tensor *>(gt_retain(x))));
}

gt_tuple *pair(const std::tuple<at::Tensor, at::Tensor> &p) { return gt_wrap_pair(p); }

}  // namespace

// ---- reductions ----------------------------------------------------------------------

extern "C" gt_tensor *gt_amax(gt_tensor *x, gt_ints dim, bool keepdim) {
  return GT_TENSOR(at::amax(U(x), gt_int_vector(dim), keepdim));
}
extern "C" gt_tensor *gt_amin(gt_tensor *x, gt_ints dim, bool keepdim) {
  return GT_TENSOR(at::amin(U(x), gt_int_vector(dim), keepdim));
}
extern "C" gt_tensor *gt_nansum(gt_tensor *x) { return GT_TENSOR(at::nansum(U(x))); }
extern "C" gt_tensor *gt_nansum_dim(gt_tensor *x, gt_ints dim, bool keepdim) {
  return GT_TENSOR(at::nansum(U(x), gt_int_vector(dim), keepdim));
}
extern "C" gt_tensor *gt_nanmean(gt_tensor *x) { return GT_TENSOR(at::nanmean(U(x))); }
extern "C" gt_tensor *gt_nanmean_dim(gt_tensor *x, gt_ints dim, bool keepdim) {
  return GT_TENSOR(at::nanmean(U(x), gt_int_vector(dim), keepdim));
}
// count_nonzero(dim=None): n is 0 for None, every dim.
extern "C" gt_tensor *gt_count_nonzero(gt_tensor *x, gt_ints dim) {
  return GT_TENSOR(dim.n ? at::count_nonzero(U(x), gt_int_vector(dim)) : at::count_nonzero(U(x)));
}
extern "C" gt_tensor *gt_bincount(gt_tensor *x, gt_tensor *weights, int64_t minlength) {
  return GT_TENSOR(weights ? at::bincount(U(x), U(weights), minlength) : at::bincount(U(x), c10::nullopt, minlength));
}
extern "C" gt_tensor *gt_histc(gt_tensor *x, int64_t bins, double min, double max) {
  return GT_TENSOR(at::histc(U(x), bins, min, max));
}
extern "C" gt_tensor *gt_cumprod(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype) {
  return GT_TENSOR(at::cumprod(U(x), dim, gt_scalar_type_opt(gt_bind_dtype_value(dtype))));
}
extern "C" gt_tensor *gt_trace(gt_tensor *x) { return GT_TENSOR(at::trace(U(x))); }
extern "C" gt_tensor *gt_median_all(gt_tensor *x) { return GT_TENSOR(at::median(U(x))); }
extern "C" gt_tensor *gt_nanmedian_all(gt_tensor *x) { return GT_TENSOR(at::nanmedian(U(x))); }
// quantile(q, dim=None, keepdim=False, interpolation="linear")
extern "C" gt_tensor *gt_quantile_f(gt_tensor *x, double q, int64_t dim, bool keepdim, const char *interpolation) {
  return GT_TENSOR(at::quantile(U(x), q, gt_opt_int(dim), keepdim, interpolation ? interpolation : "linear"));
}
extern "C" gt_tensor *gt_quantile_t(gt_tensor *x, gt_tensor *q, int64_t dim, bool keepdim, const char *interpolation) {
  return GT_TENSOR(at::quantile(U(x), U(q), gt_opt_int(dim), keepdim, interpolation ? interpolation : "linear"));
}
extern "C" gt_tensor *gt_dist(gt_tensor *a, gt_tensor *b, double p) { return GT_TENSOR(at::dist(U(a), U(b), p)); }

// (values, indices): torch.return_types' named tuples
extern "C" gt_tuple *gt_median_dim(gt_tensor *x, int64_t dim, bool keepdim) {
  return GT_VALUE(gt_tuple *, nullptr, pair(at::median(U(x), dim, keepdim)));
}
extern "C" gt_tuple *gt_mode(gt_tensor *x, int64_t dim, bool keepdim) {
  return GT_VALUE(gt_tuple *, nullptr, pair(at::mode(U(x), dim, keepdim)));
}
extern "C" gt_tuple *gt_kthvalue(gt_tensor *x, int64_t k, int64_t dim, bool keepdim) {
  return GT_VALUE(gt_tuple *, nullptr, pair(at::kthvalue(U(x), k, dim, keepdim)));
}
extern "C" gt_tuple *gt_cummax(gt_tensor *x, int64_t dim) { return GT_VALUE(gt_tuple *, nullptr, pair(at::cummax(U(x), dim))); }
extern "C" gt_tuple *gt_cummin(gt_tensor *x, int64_t dim) { return GT_VALUE(gt_tuple *, nullptr, pair(at::cummin(U(x), dim))); }
// std_mean / var_mean(input, dim=None, unbiased=True, keepdim=False): a plain (std, mean) tuple
extern "C" gt_tuple *gt_std_mean(gt_tensor *x, gt_ints dim, bool unbiased, bool keepdim) {
  return GT_VALUE(gt_tuple *, nullptr,
                  pair(dim.n ? at::std_mean(U(x), at::OptionalIntArrayRef(gt_int_vector(dim)), unbiased, keepdim)
                             : at::std_mean(U(x), unbiased)));
}
extern "C" gt_tuple *gt_var_mean(gt_tensor *x, gt_ints dim, bool unbiased, bool keepdim) {
  return GT_VALUE(gt_tuple *, nullptr,
                  pair(dim.n ? at::var_mean(U(x), at::OptionalIntArrayRef(gt_int_vector(dim)), unbiased, keepdim)
                             : at::var_mean(U(x), unbiased)));
}

// ---- element-wise ------------------------------------------------------------------------

extern "C" gt_tensor *gt_lerp_f(gt_tensor *x, gt_tensor *end, double weight) { return GT_TENSOR(at::lerp(U(x), U(end), weight)); }
extern "C" gt_tensor *gt_lerp_t(gt_tensor *x, gt_tensor *end, gt_tensor *weight) {
  return GT_TENSOR(at::lerp(U(x), U(end), U(weight)));
}
extern "C" gt_tensor *gt_lerp_f_(gt_tensor *x, gt_tensor *end, double weight) {
  return in_place(x, [&] { U(x).lerp_(U(end), weight); });
}
extern "C" gt_tensor *gt_fmod_t(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(at::fmod(U(x), U(other))); }
extern "C" gt_tensor *gt_fmod_f(gt_tensor *x, double other) { return GT_TENSOR(at::fmod(U(x), other)); }
extern "C" gt_tensor *gt_fmod_i(gt_tensor *x, int64_t other) { return GT_TENSOR(at::fmod(U(x), other)); }
extern "C" gt_tensor *gt_xlogy_t(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(at::xlogy(U(x), U(other))); }
extern "C" gt_tensor *gt_xlogy_f(gt_tensor *x, double other) { return GT_TENSOR(at::xlogy(U(x), other)); }
extern "C" gt_tensor *gt_logaddexp(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(at::logaddexp(U(x), U(other))); }
extern "C" gt_tensor *gt_atan2(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(at::atan2(U(x), U(other))); }
extern "C" gt_tensor *gt_hypot(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(at::hypot(U(x), U(other))); }
extern "C" gt_tensor *gt_heaviside(gt_tensor *x, gt_tensor *values) { return GT_TENSOR(at::heaviside(U(x), U(values))); }
extern "C" gt_tensor *gt_logical_xor(gt_tensor *x, gt_tensor *other) { return GT_TENSOR(at::logical_xor(U(x), U(other))); }
extern "C" gt_tensor *gt_signbit(gt_tensor *x) { return GT_TENSOR(at::signbit(U(x))); }
extern "C" gt_tensor *gt_sgn(gt_tensor *x) { return GT_TENSOR(at::sgn(U(x))); }
extern "C" gt_tensor *gt_lgamma(gt_tensor *x) { return GT_TENSOR(at::lgamma(U(x))); }
extern "C" gt_tensor *gt_digamma(gt_tensor *x) { return GT_TENSOR(at::digamma(U(x))); }
extern "C" gt_tensor *gt_sinc(gt_tensor *x) { return GT_TENSOR(at::sinc(U(x))); }
extern "C" gt_tensor *gt_deg2rad(gt_tensor *x) { return GT_TENSOR(at::deg2rad(U(x))); }
extern "C" gt_tensor *gt_rad2deg(gt_tensor *x) { return GT_TENSOR(at::rad2deg(U(x))); }
extern "C" gt_tensor *gt_logit(gt_tensor *x, double eps) { return GT_TENSOR(at::logit(U(x), gt_opt_float(eps))); }
// round(x, decimals=d): half to even at the d-th decimal (negative: left of the point)
extern "C" gt_tensor *gt_round_decimals(gt_tensor *x, int64_t decimals) { return GT_TENSOR(at::round(U(x), decimals)); }
extern "C" gt_tensor *gt_round_decimals_(gt_tensor *x, int64_t decimals) {
  return in_place(x, [&] { U(x).round_(decimals); });
}
// div(x, other, rounding_mode="floor" / "trunc"; NULL: None, true division).
// A number divisor is a wrapped number, as Python's binding makes it, so
// `div(int_tensor, 2, rounding_mode="floor")` stays an int tensor.
namespace {
c10::optional<c10::string_view> rounding(const char *mode) {
  return mode ? c10::optional<c10::string_view>(mode) : c10::nullopt;
}
at::Tensor number(const at::Scalar &s, const at::Tensor &like) { return gt_wrapped_number(s, like); }
}  // namespace
extern "C" gt_tensor *gt_div_mode(gt_tensor *a, gt_tensor *b, const char *mode) {
  return GT_TENSOR(at::div(U(a), U(b), rounding(mode)));
}
extern "C" gt_tensor *gt_div_mode_i(gt_tensor *a, int64_t b, const char *mode) {
  return GT_TENSOR(at::div(U(a), number(b, U(a)), rounding(mode)));
}
extern "C" gt_tensor *gt_div_mode_f(gt_tensor *a, double b, const char *mode) {
  return GT_TENSOR(at::div(U(a), number(b, U(a)), rounding(mode)));
}
extern "C" gt_tensor *gt_div_mode_(gt_tensor *a, gt_tensor *b, const char *mode) {
  return in_place(a, [&] { U(a).div_(U(b), rounding(mode)); });
}
extern "C" gt_tensor *gt_div_mode_i_(gt_tensor *a, int64_t b, const char *mode) {
  return in_place(a, [&] { U(a).div_(number(b, U(a)), rounding(mode)); });
}
extern "C" gt_tensor *gt_div_mode_f_(gt_tensor *a, double b, const char *mode) {
  return in_place(a, [&] { U(a).div_(number(b, U(a)), rounding(mode)); });
}
// addcmul(input, tensor1, tensor2, value=1): input + value * tensor1 * tensor2
extern "C" gt_tensor *gt_addcmul(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value) {
  return GT_TENSOR(at::addcmul(U(x), U(t1), U(t2), value));
}
extern "C" gt_tensor *gt_addcdiv(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value) {
  return GT_TENSOR(at::addcdiv(U(x), U(t1), U(t2), value));
}
extern "C" gt_tensor *gt_addcmul_(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value) {
  return in_place(x, [&] { U(x).addcmul_(U(t1), U(t2), value); });
}
extern "C" gt_tensor *gt_addcdiv_(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value) {
  return in_place(x, [&] { U(x).addcdiv_(U(t1), U(t2), value); });
}
// addmm(input, mat1, mat2, beta=1, alpha=1): beta * input + alpha * mat1 @ mat2
extern "C" gt_tensor *gt_addmm(gt_tensor *x, gt_tensor *m1, gt_tensor *m2, double beta, double alpha) {
  return GT_TENSOR(at::addmm(U(x), U(m1), U(m2), beta, alpha));
}
extern "C" gt_tensor *gt_baddbmm(gt_tensor *x, gt_tensor *b1, gt_tensor *b2, double beta, double alpha) {
  return GT_TENSOR(at::baddbmm(U(x), U(b1), U(b2), beta, alpha));
}
extern "C" gt_tensor *gt_mv(gt_tensor *m, gt_tensor *v) { return GT_TENSOR(at::mv(U(m), U(v))); }
extern "C" gt_tensor *gt_inner(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::inner(U(a), U(b))); }

// ---- shape -------------------------------------------------------------------------------

extern "C" gt_tensor *gt_tile(gt_tensor *x, gt_ints dims) { return GT_TENSOR(at::tile(U(x), gt_int_vector(dims))); }
extern "C" gt_tensor *gt_tile_n(gt_tensor *x, const int64_t *dims, int64_t n) {
  return GT_TENSOR(at::tile(U(x), at::IntArrayRef(dims, static_cast<size_t>(n))));
}
extern "C" gt_tensor *gt_diagonal(gt_tensor *x, int64_t offset, int64_t dim1, int64_t dim2) {
  return GT_TENSOR(at::diagonal(U(x), offset, dim1, dim2));
}
extern "C" gt_tensor *gt_diag_embed(gt_tensor *x, int64_t offset, int64_t dim1, int64_t dim2) {
  return GT_TENSOR(at::diag_embed(U(x), offset, dim1, dim2));
}
extern "C" gt_tensor *gt_diagflat(gt_tensor *x, int64_t offset) { return GT_TENSOR(at::diagflat(U(x), offset)); }
// diff(n=1, dim=-1), without prepend/append
extern "C" gt_tensor *gt_diff(gt_tensor *x, int64_t n, int64_t dim) { return GT_TENSOR(at::diff(U(x), n, dim)); }
extern "C" gt_tensor *gt_unflatten(gt_tensor *x, int64_t dim, gt_ints sizes) {
  return GT_TENSOR(U(x).unflatten(dim, gt_int_vector(sizes)));
}
extern "C" gt_tensor *gt_rot90(gt_tensor *x, int64_t k, gt_ints dims) { return GT_TENSOR(at::rot90(U(x), k, gt_int_vector(dims))); }
extern "C" gt_tensor *gt_repeat_interleave_i(gt_tensor *x, int64_t repeats, int64_t dim) {
  return GT_TENSOR(at::repeat_interleave(U(x), repeats, gt_opt_int(dim)));
}
extern "C" gt_tensor *gt_repeat_interleave_t(gt_tensor *x, gt_tensor *repeats, int64_t dim) {
  return GT_TENSOR(at::repeat_interleave(U(x), U(repeats), gt_opt_int(dim)));
}
extern "C" gt_tensor *gt_unique_consecutive(gt_tensor *x) {
  return GT_TENSOR(std::get<0>(at::unique_consecutive(U(x), false, false, c10::nullopt)));
}
extern "C" gt_tensor *gt_atleast_1d(gt_tensor *x) { return GT_TENSOR(at::atleast_1d(U(x))); }
extern "C" gt_tensor *gt_atleast_2d(gt_tensor *x) { return GT_TENSOR(at::atleast_2d(U(x))); }
extern "C" gt_tensor *gt_atleast_3d(gt_tensor *x) { return GT_TENSOR(at::atleast_3d(U(x))); }

// vstack, hstack, column_stack, dstack of a list or a tuple of tensors
extern "C" gt_tensor *gt_vstack(const gt_list *ts) { return GT_TENSOR(at::vstack(gt_unwrap_list(ts))); }
extern "C" gt_tensor *gt_vstack_t(const gt_tuple *ts) { return GT_TENSOR(at::vstack(tuple_tensors(ts))); }
extern "C" gt_tensor *gt_hstack(const gt_list *ts) { return GT_TENSOR(at::hstack(gt_unwrap_list(ts))); }
extern "C" gt_tensor *gt_hstack_t(const gt_tuple *ts) { return GT_TENSOR(at::hstack(tuple_tensors(ts))); }
extern "C" gt_tensor *gt_column_stack(const gt_list *ts) { return GT_TENSOR(at::column_stack(gt_unwrap_list(ts))); }
extern "C" gt_tensor *gt_column_stack_t(const gt_tuple *ts) { return GT_TENSOR(at::column_stack(tuple_tensors(ts))); }
extern "C" gt_tensor *gt_dstack(const gt_list *ts) { return GT_TENSOR(at::dstack(gt_unwrap_list(ts))); }
extern "C" gt_tensor *gt_dstack_t(const gt_tuple *ts) { return GT_TENSOR(at::dstack(tuple_tensors(ts))); }
extern "C" gt_tensor *gt_block_diag(gt_tensor *const *tensors, int64_t n) {
  return GT_TENSOR(at::block_diag(array_tensors(tensors, n)));
}
extern "C" gt_tensor *gt_cartesian_prod(gt_tensor *const *tensors, int64_t n) {
  return GT_TENSOR(at::cartesian_prod(array_tensors(tensors, n)));
}
extern "C" gt_tensor *gt_combinations(gt_tensor *x, int64_t r, bool with_replacement) {
  return GT_TENSOR(at::combinations(U(x), r, with_replacement));
}

// ---- indexing ----------------------------------------------------------------------------

extern "C" gt_tensor *gt_take(gt_tensor *x, gt_tensor *index) { return GT_TENSOR(at::take(U(x), U(index))); }
extern "C" gt_tensor *gt_index_add_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *source, double alpha) {
  return in_place(x, [&] { U(x).index_add_(dim, U(index), U(source), alpha); });
}
extern "C" gt_tensor *gt_index_add(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *source, double alpha) {
  return GT_TENSOR(at::index_add(U(x), dim, U(index), U(source), alpha));
}
extern "C" gt_tensor *gt_index_fill_(gt_tensor *x, int64_t dim, gt_tensor *index, double value) {
  return in_place(x, [&] { U(x).index_fill_(dim, U(index), value); });
}
extern "C" gt_tensor *gt_index_copy_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *source) {
  return in_place(x, [&] { U(x).index_copy_(dim, U(index), U(source)); });
}
extern "C" gt_tensor *gt_searchsorted(gt_tensor *sorted, gt_tensor *values, bool right) {
  return GT_TENSOR(at::searchsorted(U(sorted), U(values), false, right));
}
extern "C" gt_tensor *gt_searchsorted_f(gt_tensor *sorted, double value, bool right) {
  return GT_TENSOR(at::searchsorted(U(sorted), at::Scalar(value), false, right));
}

// ---- linear algebra ----------------------------------------------------------------------

extern "C" gt_tensor *gt_inverse(gt_tensor *x) { return GT_TENSOR(at::inverse(U(x))); }
extern "C" gt_tensor *gt_det(gt_tensor *x) { return GT_TENSOR(at::det(U(x))); }
extern "C" gt_tensor *gt_logdet(gt_tensor *x) { return GT_TENSOR(at::logdet(U(x))); }
extern "C" gt_tuple *gt_slogdet(gt_tensor *x) { return GT_VALUE(gt_tuple *, nullptr, pair(at::slogdet(U(x)))); }
extern "C" gt_tensor *gt_pinverse(gt_tensor *x, double rcond) { return GT_TENSOR(at::pinverse(U(x), rcond)); }
extern "C" gt_tensor *gt_matrix_power(gt_tensor *x, int64_t n) { return GT_TENSOR(at::matrix_power(U(x), n)); }
extern "C" gt_tensor *gt_matrix_exp(gt_tensor *x) { return GT_TENSOR(at::matrix_exp(U(x))); }
extern "C" gt_tensor *gt_kron(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::kron(U(a), U(b))); }
// tensordot(a, b, dims=2): the last `dims` of a with the first of b
extern "C" gt_tensor *gt_tensordot(gt_tensor *a, gt_tensor *b, int64_t dims) {
  return GT_TENSOR(([&] {
    if (dims < 0) gt_throw("RuntimeError: tensordot expects dims >= 0, but got dims=%lld", static_cast<long long>(dims));
    std::vector<int64_t> da, db;
    for (int64_t i = 0; i < dims; i++) {
      da.push_back(U(a).dim() - dims + i);
      db.push_back(i);
    }
    return at::tensordot(U(a), U(b), da, db);
  }()));
}
extern "C" gt_tensor *gt_tensordot_dims(gt_tensor *a, gt_tensor *b, const gt_list *dims) {
  return GT_TENSOR(([&] {
    if (!dims || dims->len != 2) gt_throw("RuntimeError: tensordot expects dims to be a pair of lists");
    std::vector<int64_t> d[2];
    for (int k = 0; k < 2; k++) {
      const gt_list *l = static_cast<const gt_list *>(dims->items[k].p);
      for (int64_t i = 0; l && i < l->len; i++) d[k].push_back(l->items[i].i);
    }
    return at::tensordot(U(a), U(b), d[0], d[1]);
  }()));
}
extern "C" gt_tensor *gt_cov(gt_tensor *x, int64_t correction) { return GT_TENSOR(at::cov(U(x), correction)); }
extern "C" gt_tensor *gt_corrcoef(gt_tensor *x) { return GT_TENSOR(at::corrcoef(U(x))); }
extern "C" gt_tensor *gt_trapz(gt_tensor *y, gt_tensor *x, int64_t dim) {
  return GT_TENSOR(x ? at::trapz(U(y), U(x), dim) : at::trapz(U(y), 1.0, dim));
}

// ---- creation ----------------------------------------------------------------------------

extern "C" gt_tensor *gt_tril_indices(int64_t row, int64_t col, int64_t offset) {
  return GT_TENSOR(at::tril_indices(row, col, offset, at::kLong));
}
extern "C" gt_tensor *gt_triu_indices(int64_t row, int64_t col, int64_t offset) {
  return GT_TENSOR(at::triu_indices(row, col, offset, at::kLong));
}
extern "C" gt_tensor *gt_logspace(double start, double end, int64_t steps, double base) {
  return GT_TENSOR(at::logspace(start, end, steps, base));
}
// as_tensor(t, dtype=None): t itself where its dtype is the one asked, as PyTorch shares the data
extern "C" gt_tensor *gt_as_tensor(gt_tensor *x, gt_dtype_obj *dtype) {
  gt_dtype d = gt_bind_dtype_value(dtype);
  if (d == GT_DTYPE_DEFAULT) return static_cast<gt_tensor *>(gt_retain(x));
  return GT_TENSOR(U(x).to(gt_scalar_type(d)));
}
// x.new_tensor(data): a new tensor of data with x's dtype and device
// unless given
extern "C" gt_tensor *gt_new_tensor(gt_tensor *x, const gt_list *data, gt_dtype_obj *dtype, gt_device *device,
                                    bool requires_grad) {
  gt_tensor *t = gt_tensor_from_list(data, GT_DTYPE_DEFAULT, nullptr, false);
  if (!t) return nullptr;
  gt_tensor *r = GT_TENSOR(([&] {
    at::TensorOptions o = U(x).options();
    gt_dtype d = gt_bind_dtype_value(dtype);
    if (d != GT_DTYPE_DEFAULT) o = o.dtype(gt_scalar_type(d));
    if (device) o = o.device(device->d);
    return gt_finish(U(t).to(o), requires_grad);
  }()));
  gt_release(t);
  return r;
}
extern "C" int64_t gt_get_device(gt_tensor *x) {
  return U(x).is_cuda() ? static_cast<int64_t>(U(x).get_device()) : -1;
}

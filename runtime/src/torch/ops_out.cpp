// ops_out.cpp - the out= forms of common ops (torch.add(a, b, out=c)):
// ATen's own *_out kernels, which PyTorch's Python runs too, so the result
// is written into out as there (out resized where its shape differs, with
// libtorch's warning when it had elements; PyTorch's RuntimeError where the
// result's dtype cannot be cast to out's). The call returns out itself, a
// new reference to the same handle, as PyTorch returns the same object.
#include "internal.h"

namespace {

// Runs write(out's tensor); returns out retained, or NULL with the error.
// out=None (NULL) is the plain op: write into a fresh tensor of the
// result's own dtype, made by make().
template <class F, class M>
gt_tensor *into(gt_tensor *out, F &&write, M &&make) {
  return gt_guard<gt_tensor *>(nullptr, [&]() -> gt_tensor * {
    if (!out) return gt_wrap(make());
    write(U(out));
    return static_cast<gt_tensor *>(gt_retain(out));
  });
}

// Python's alpha=1 is an int, which an integer tensor needs; a fraction
// stays a float (PyTorch's error for an integer tensor).
c10::Scalar alpha_scalar(double alpha) {
  if (alpha == static_cast<double>(static_cast<int64_t>(alpha))) return c10::Scalar(static_cast<int64_t>(alpha));
  return c10::Scalar(alpha);
}

c10::optional<c10::ScalarType> dtype_opt(gt_dtype_obj *dtype) {
  return gt_scalar_type_opt(static_cast<int>(gt_bind_dtype_value(dtype)));
}

gt_tensor *out_item(const gt_tuple *out, int64_t i) {
  if (!out || out->len != 2) gt_throw("TypeError: out= takes a tuple of two tensors (values, indices)");
  return static_cast<gt_tensor *>(out->items[i].p);
}

// (values, indices) written into out's two tensors; a new tuple of them.
template <class F>
gt_tuple *into_pair(const gt_tuple *out, F &&write) {
  return gt_guard<gt_tuple *>(nullptr, [&]() -> gt_tuple * {
    gt_tensor *values = out_item(out, 0), *indices = out_item(out, 1);
    write(U(values), U(indices));
    return gt_tuple_of(&gt_t_tensor_pair, gt_vp(values), gt_vp(indices));  // the tuple retains
  });
}

}  // namespace

extern "C" gt_tensor *gt_bind_add_out(gt_tensor *input, gt_tensor *other, double alpha, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::add_out(o, U(input), U(other), alpha_scalar(alpha)); },
              [&] { return at::add(U(input), U(other), alpha_scalar(alpha)); });
}
extern "C" gt_tensor *gt_bind_add_i_out(gt_tensor *input, int64_t other, double alpha, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::add_out(o, U(input), gt_wrapped_number(other, U(input)), alpha_scalar(alpha)); },
              [&] { return at::add(U(input), other, alpha_scalar(alpha)); });
}
extern "C" gt_tensor *gt_bind_add_f_out(gt_tensor *input, double other, double alpha, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::add_out(o, U(input), gt_wrapped_number(other, U(input)), alpha_scalar(alpha)); },
              [&] { return at::add(U(input), other, alpha_scalar(alpha)); });
}
extern "C" gt_tensor *gt_bind_sub_out(gt_tensor *input, gt_tensor *other, double alpha, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::sub_out(o, U(input), U(other), alpha_scalar(alpha)); },
              [&] { return at::sub(U(input), U(other), alpha_scalar(alpha)); });
}
extern "C" gt_tensor *gt_bind_mul_out(gt_tensor *input, gt_tensor *other, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::mul_out(o, U(input), U(other)); },
              [&] { return at::mul(U(input), U(other)); });
}
extern "C" gt_tensor *gt_bind_div_out(gt_tensor *input, gt_tensor *other, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::div_out(o, U(input), U(other)); },
              [&] { return at::div(U(input), U(other)); });
}
extern "C" gt_tensor *gt_bind_matmul_out(gt_tensor *input, gt_tensor *other, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::matmul_out(o, U(input), U(other)); },
              [&] { return at::matmul(U(input), U(other)); });
}
extern "C" gt_tensor *gt_bind_mm_out(gt_tensor *input, gt_tensor *mat2, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::mm_out(o, U(input), U(mat2)); },
              [&] { return at::mm(U(input), U(mat2)); });
}
extern "C" gt_tensor *gt_bind_bmm_out(gt_tensor *input, gt_tensor *mat2, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::bmm_out(o, U(input), U(mat2)); },
              [&] { return at::bmm(U(input), U(mat2)); });
}
extern "C" gt_tensor *gt_bind_cat_out(const gt_list *tensors, int64_t dim, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::cat_out(o, gt_unwrap_list(tensors), dim); },
              [&] { return at::cat(gt_unwrap_list(tensors), dim); });
}
extern "C" gt_tensor *gt_bind_stack_out(const gt_list *tensors, int64_t dim, gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::stack_out(o, gt_unwrap_list(tensors), dim); },
              [&] { return at::stack(gt_unwrap_list(tensors), dim); });
}
extern "C" gt_tensor *gt_bind_sum_dim_out(gt_tensor *input, int64_t dim, bool keepdim, gt_dtype_obj *dtype,
                                          gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::sum_out(o, U(input), at::IntArrayRef(dim), keepdim, dtype_opt(dtype)); },
              [&] { return at::sum(U(input), at::IntArrayRef(dim), keepdim, dtype_opt(dtype)); });
}
extern "C" gt_tensor *gt_bind_mean_dim_out(gt_tensor *input, int64_t dim, bool keepdim, gt_dtype_obj *dtype,
                                           gt_tensor *out) {
  return into(out, [&](at::Tensor &o) { at::mean_out(o, U(input), at::IntArrayRef(dim), keepdim, dtype_opt(dtype)); },
              [&] { return at::mean(U(input), at::IntArrayRef(dim), keepdim, dtype_opt(dtype)); });
}
extern "C" gt_tuple *gt_bind_max_dim_out(gt_tensor *input, int64_t dim, bool keepdim, const gt_tuple *out) {
  if (!out) return gt_bind_max_dim(input, dim, keepdim);  // out=None
  gt_tuple *r = into_pair(out, [&](at::Tensor &v, at::Tensor &i) { at::max_out(v, i, U(input), dim, keepdim); });
  if (!r) gt_fail("%s", gt_last_error());
  return r;
}
extern "C" gt_tuple *gt_bind_min_dim_out(gt_tensor *input, int64_t dim, bool keepdim, const gt_tuple *out) {
  if (!out) return gt_bind_min_dim(input, dim, keepdim);
  gt_tuple *r = into_pair(out, [&](at::Tensor &v, at::Tensor &i) { at::min_out(v, i, U(input), dim, keepdim); });
  if (!r) gt_fail("%s", gt_last_error());
  return r;
}

// torch.zeros(2, 3, out=c) and the other creation functions of a size:
// ATen's *_out, which resizes out (the random ones draw from the default
// generator, as PyTorch's).
#define CREATE_OUT(name)                                                                     \
  extern "C" gt_tensor *gt_bind_##name##_n_out(const int64_t *size, int64_t n, gt_tensor *out) { \
    return into(out, [&](at::Tensor &o) { at::name##_out(o, at::IntArrayRef(size, (size_t)n)); },  \
                [&] { return at::name(at::IntArrayRef(size, (size_t)n)); });                  \
  }
CREATE_OUT(zeros)
CREATE_OUT(ones)
CREATE_OUT(rand)
CREATE_OUT(randn)

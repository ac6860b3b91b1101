// internal.h - private C++ glue shared by libgtorch's sources.
//
// Every exported function is `extern "C"` (declared in gtorch_torch.h or
// gtorch_nn.h) and is written as one guarded expression:
//
//   gt_tensor *gt_relu(gt_tensor *x) { return GT_TENSOR(at::relu(U(x))); }
//   int gt_zero_(gt_tensor *x) { return GT_STATUS(U(x).zero_()); }
//
// The guards catch every C++ exception, store its text in the thread-local
// message read by gt_last_error(), and return NULL / -1 / a fallback value.
#pragma once

#include <ATen/ATen.h>

#include <cmath>
#include <cstring>
#include <tuple>
#include <vector>
#include <stdexcept>
#include <string>
#include <utility>

#include "gtorch.h"

// ---- handles ---------------------------------------------------------------

// A tensor handle: the gt_obj header, then the at::Tensor constructed in
// place (gt_alloc zeroes the block; the class's drop runs the destructor).
struct gt_tensor {
  gt_obj h;
  at::Tensor t;
};

// A device handle: a value object, immutable once made.
struct gt_device {
  gt_obj h;
  c10::Device d;
};

extern "C" const gt_class gt_tensor_class;
extern "C" const gt_class gt_device_class;

// Wraps a tensor into a new handle (rc = 1). An undefined tensor becomes
// NULL, which is how "None" tensors (a missing .grad) travel.
gt_tensor *gt_wrap(at::Tensor t);
// The tensor inside a handle; throws (caught by the guards) on NULL so that
// passing a None tensor is an error, not a crash.
at::Tensor &gt_unwrap(gt_tensor *x);
// Same, but NULL is an undefined tensor (an optional argument left out).
at::Tensor gt_unwrap_opt(gt_tensor *x);
inline at::Tensor &U(gt_tensor *x) { return gt_unwrap(x); }

gt_device *gt_wrap_device(c10::Device d);
// The device of a handle; NULL means the CPU.
c10::Device gt_unwrap_device(const gt_device *d);

// ---- dtypes ------------------------------------------------------------------

// gt_dtype mirrors c10::ScalarType's numbering; GT_DTYPE_DEFAULT (-1) is
// "not given". Both throw on a value libgtorch does not know.
c10::ScalarType gt_scalar_type(int dtype);
c10::optional<c10::ScalarType> gt_scalar_type_opt(int dtype);  // nullopt for default
int gt_dtype_of(c10::ScalarType s);

// Tensor options from the generated code's (dtype, device): GT_DTYPE_DEFAULT
// leaves the dtype unset (ATen then infers or uses the default), NULL is the
// CPU. ATen's factories refuse requires_grad in options, hence gt_finish.
at::TensorOptions gt_options(int dtype, const gt_device *device);
// Sets requires_grad on a freshly made tensor (an error on non-float dtypes).
at::Tensor gt_finish(at::Tensor t, bool requires_grad);
// A subscript (x[a:b, None, idx]) as ATen's indexing items (shape.cpp).
std::vector<at::indexing::TensorIndex> gt_subscript(const gt_index *idx, int64_t n);

// Python's None for ints and floats (gtorch_torch.h: GT_NONE_INT/FLOAT).
inline c10::optional<int64_t> gt_opt_int(int64_t v) {
  return v == GT_NONE_INT ? c10::nullopt : c10::optional<int64_t>(v);
}
inline c10::optional<double> gt_opt_float(double v) {
  return std::isnan(v) ? c10::nullopt : c10::optional<double>(v);
}
// A tuple[int, ...] argument (dims=) as the vector ATen's IntArrayRef views.
inline std::vector<int64_t> gt_int_vector(gt_ints v) { return std::vector<int64_t>(v.v, v.v + v.n); }

// A Python scalar as a tensor operand: a 0-dim "wrapped number" tensor on
// like's device, which is what Python's argument parser makes and what
// keeps type promotion as in PyTorch (`2 // x` with x int32 stays int32).
inline at::Tensor gt_wrapped_number(const at::Scalar &s, const at::Tensor &like) {
  at::Tensor t = c10::scalar_to_tensor(s, like.device());
  t.unsafeGetTensorImpl()->set_wrapped_number(true);
  return t;
}

// A list[Tensor] (gt_list of gt_tensor *) as tensors; a None element throws.
std::vector<at::Tensor> gt_unwrap_list(const gt_list *l);
// Tensors into a new list[Tensor] / tuple[Tensor, Tensor] / tuple[Tensor, Tensor, Tensor]
// (new references).
gt_list *gt_wrap_list(const std::vector<at::Tensor> &ts);
gt_tuple *gt_wrap_pair(const std::tuple<at::Tensor, at::Tensor> &p);
gt_tuple *gt_wrap_triple(const std::tuple<at::Tensor, at::Tensor, at::Tensor> &t);

// generator=g of torch.Generator g (gtorch_generator.h): nullopt for NULL,
// Python's None, which draws from the default generator. The copy shares
// g's state.
c10::optional<at::Generator> gt_generator_opt(gt_generator *g);
// PyTorch's repr of a shape, "torch.Size([2, 3])", for messages.
std::string gt_size_text(at::IntArrayRef sizes);

// Shapes arrive as (pointer, count); count < 0 or a NULL pointer with a
// positive count is an error.
at::IntArrayRef gt_shape(const int64_t *shape, int64_t n);

// ---- errors ------------------------------------------------------------------

// Stores the message returned by gt_last_error() (printf-style).
void gt_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void gt_clear_error(void);
// Stores the text of the exception being handled (call inside a catch).
void gt_set_error_from_current(void);

// Runs f; on any exception stores its message and returns `fail`.
template <class R, class F>
inline R gt_guard(R fail, F &&f) noexcept {
  try {
    return f();
  } catch (...) {
    gt_set_error_from_current();
    return fail;
  }
}

// The three common shapes of an entry point.
#define GT_TENSOR(expr) gt_guard<gt_tensor *>(nullptr, [&]() -> gt_tensor * { return gt_wrap(expr); })
#define GT_STATUS(expr) gt_guard<int>(-1, [&]() -> int { (void)(expr); return 0; })
#define GT_VALUE(type, fail, expr) gt_guard<type>(fail, [&]() -> type { return (expr); })

// Has the runtime a CUDA device (a CUDA build, and a GPU it sees)?
bool gt_has_cuda_device();

// torch.load's map_location, checked: a CUDA device without one throws
// PyTorch's message (serialize.cpp).
c10::Device gt_map_location(c10::Device device);

// Throws a std::runtime_error with a formatted message (caught by the guards).
[[noreturn]] void gt_throw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

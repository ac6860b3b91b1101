// tensor.cpp - creating tensors, their properties and conversions.
#include "internal.h"
#include <ATen/ScalarOps.h>

#define DEVICE_ARGS gt_dtype dtype, const gt_device *device, bool requires_grad
#define OPTS gt_options(dtype, device)

// ---- creation ------------------------------------------------------------------

extern "C" gt_tensor *gt_tensor_from_data(const void *data, gt_dtype dtype, const int64_t *shape, int64_t ndim) {
  return GT_TENSOR(([&] {
    at::Tensor t = at::empty(gt_shape(shape, ndim), at::TensorOptions().dtype(gt_scalar_type(dtype)));
    if (t.numel() > 0) {
      if (!data) gt_throw("tensor data is NULL");
      std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
    }
    return t;
  }()));
}

namespace {
// torch.tensor(nested list): the shape from the first element at each level
// (every other must match), the dtype from the leaves as PyTorch infers it.
struct ListReader {
  std::vector<int64_t> shape;
  std::vector<double> floats;
  std::vector<int64_t> ints;
  bool any_float = false, all_bool = true;

  // a list, or a tuple (of a fixed type, its items' own; tuple[T, ...]: T)
  void read(const gt_val *items, int64_t len, const gt_type *type, size_t depth) {
    bool list = type && type->kind == GT_K_LIST && type->nargs >= 1;
    if (!list && !(type && type->kind == GT_K_TUPLE && type->nargs >= 1))
      gt_throw("torch.tensor() expects a list or a tuple");
    if (depth == shape.size()) shape.push_back(len);
    else if (shape[depth] != len)
      gt_throw("ValueError: expected sequence of length %lld at dim %zu (got %lld)", (long long)shape[depth], depth,
               (long long)len);
    for (int64_t i = 0; i < len; i++) {
      gt_val v = items[i];
      const gt_type *el = list || type->nargs != len ? type->args[0] : type->args[i];
      switch (el->kind) {
        case GT_K_LIST: {
          auto *l = static_cast<const gt_list *>(v.p);
          read(l->items, l->len, el, depth + 1);
          break;
        }
        case GT_K_TUPLE: {
          auto *t = static_cast<const gt_tuple *>(v.p);
          read(t->items, t->len, t->type, depth + 1);
          break;
        }
        case GT_K_FLOAT: leaf(depth, v.f, 0, true, false); break;
        case GT_K_INT: leaf(depth, static_cast<double>(v.i), v.i, false, false); break;
        case GT_K_BOOL: leaf(depth, v.b, v.b, false, true); break;
        default: gt_throw("Could not infer dtype of a list element");
      }
    }
  }
  void leaf(size_t depth, double f, int64_t i, bool is_float, bool is_bool) {
    if (depth + 1 != shape.size()) gt_throw("ragged nested list");
    floats.push_back(f);
    ints.push_back(i);
    any_float |= is_float;
    all_bool &= is_bool;
  }
};
}  // namespace

namespace {
// torch.tensor(data) of a list's or a tuple's items, nested lists and tuples.
at::Tensor tensor_of_items(const gt_val *items, int64_t len, const gt_type *type, gt_dtype dtype,
                           const gt_device *device) {
  ListReader r;
  r.read(items, len, type, 0);
  // Floats travel as double and ints as int64 so no value is rounded twice.
  bool floating = r.floats.empty() || r.any_float;
  at::Tensor t = floating ? at::tensor(r.floats, at::kDouble) : at::tensor(r.ints, at::kLong);
  at::ScalarType st = dtype != GT_DTYPE_DEFAULT ? gt_scalar_type(dtype)
                      : floating                ? c10::typeMetaToScalarType(at::get_default_dtype())
                      : r.all_bool              ? at::kBool
                                                : at::kLong;
  return t.reshape(r.shape).to(gt_unwrap_device(device), st);
}
}  // namespace

extern "C" gt_tensor *gt_tensor_from_list(const gt_list *list, gt_dtype dtype, const gt_device *device,
                                          bool requires_grad) {
  return GT_TENSOR(([&] {
    if (!list) gt_throw("torch.tensor() expects a list, got None");
    return gt_finish(tensor_of_items(list->items, list->len, list->type, dtype, device), requires_grad);
  }()));
}

extern "C" gt_tensor *gt_tensor_from_tuple(const gt_tuple *tuple, gt_dtype dtype, const gt_device *device,
                                           bool requires_grad) {
  return GT_TENSOR(([&] {
    if (!tuple) gt_throw("torch.tensor() expects a tuple, got None");
    return gt_finish(tensor_of_items(tuple->items, tuple->len, tuple->type, dtype, device), requires_grad);
  }()));
}

// torch.tensor([t0, t1, ...]) of one-element tensors: PyTorch reads each as
// a Python scalar of its tensor's dtype, so the result has their promoted
// dtype (stack promotes as that reading does), shape [n] and no graph.
extern "C" gt_tensor *gt_tensor_from_tensors(const gt_list *list, gt_dtype dtype, const gt_device *device,
                                             bool requires_grad) {
  return GT_TENSOR(([&] {
    std::vector<at::Tensor> scalars;
    for (const at::Tensor &item : gt_unwrap_list(list)) {
      if (item.numel() != 1) gt_throw("ValueError: only one element tensors can be converted to Python scalars");
      scalars.push_back(item.detach().reshape({}));
    }
    at::Tensor t = scalars.empty() ? at::empty({0}, c10::typeMetaToScalarType(at::get_default_dtype()))
                                   : at::stack(scalars);
    if (dtype != GT_DTYPE_DEFAULT) t = t.to(gt_scalar_type(dtype));
    return gt_finish(t.to(gt_unwrap_device(device)), requires_grad);
  }()));
}

// torch.tensor(t) of a tensor: a copy of its values, detached (a leaf), of
// dtype or t's own, on device or t's own, as PyTorch's
// internal_new_from_data copies a tensor (it also warns, on stderr, that
// t.clone().detach() is the way to say it).
extern "C" gt_tensor *gt_tensor_copy_of(const gt_tensor *src, gt_dtype dtype, const gt_device *device,
                                        bool requires_grad) {
  return GT_TENSOR(([&] {
    at::Tensor t = src->t.detach();
    at::ScalarType st = dtype != GT_DTYPE_DEFAULT ? gt_scalar_type(dtype) : t.scalar_type();
    at::Device dev = device ? gt_unwrap_device(device) : t.device();
    return gt_finish(t.to(dev, st, /*non_blocking=*/false, /*copy=*/true), requires_grad);
  }()));
}

extern "C" gt_tensor *gt_scalar_tensor_f(double v, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::scalar_tensor(v, OPTS.dtype(gt_scalar_type(dtype))), requires_grad));
}
extern "C" gt_tensor *gt_scalar_tensor_i(int64_t v, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::scalar_tensor(v, OPTS.dtype(dtype == GT_DTYPE_DEFAULT ? at::kLong : gt_scalar_type(dtype))), requires_grad));
}
extern "C" gt_tensor *gt_scalar_tensor_b(bool v, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::scalar_tensor(v, OPTS.dtype(dtype == GT_DTYPE_DEFAULT ? at::kBool : gt_scalar_type(dtype))), requires_grad));
}

extern "C" gt_tensor *gt_tensor_of_number(gt_num n) {
  return GT_TENSOR(([&] {
    at::Scalar s = gt_num_is_bool(n)  ? at::Scalar(gt_num_int_value(n) != 0)
                   : gt_num_is_int(n) ? at::Scalar(gt_num_int_value(n))
                                      : at::Scalar(gt_num_as_float(n));
    return at::native::wrapped_scalar_tensor(s);
  }()));
}

extern "C" bool gt_tensor_is_number(const gt_tensor *x) {
  return x && x->t.defined() && x->t.unsafeGetTensorImpl()->is_wrapped_number();
}

#define SHAPE_FACTORY(name, call)                                                                  \
  extern "C" gt_tensor *gt_##name(const int64_t *shape, int64_t ndim, DEVICE_ARGS) {              \
    return GT_TENSOR(gt_finish(call(gt_shape(shape, ndim), OPTS), requires_grad));                 \
  }
SHAPE_FACTORY(zeros, at::zeros)
SHAPE_FACTORY(ones, at::ones)
SHAPE_FACTORY(empty, at::empty)
SHAPE_FACTORY(rand, at::rand)
SHAPE_FACTORY(randn, at::randn)

extern "C" gt_tensor *gt_full_f(const int64_t *shape, int64_t ndim, double value, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::full(gt_shape(shape, ndim), value, OPTS), requires_grad));
}
extern "C" gt_tensor *gt_full_i(const int64_t *shape, int64_t ndim, int64_t value, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::full(gt_shape(shape, ndim), value, OPTS), requires_grad));
}
extern "C" gt_tensor *gt_full_b(const int64_t *shape, int64_t ndim, bool value, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::full(gt_shape(shape, ndim), value, OPTS), requires_grad));
}
extern "C" gt_tensor *gt_arange_i(int64_t start, int64_t end, int64_t step, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::arange(start, end, step, OPTS), requires_grad));
}
extern "C" gt_tensor *gt_arange_f(double start, double end, double step, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::arange(start, end, step, OPTS), requires_grad));
}
extern "C" gt_tensor *gt_linspace(double start, double end, int64_t steps, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::linspace(start, end, steps, OPTS), requires_grad));
}
extern "C" gt_tensor *gt_eye(int64_t n, int64_t m, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::eye(n, m == GT_NONE_INT ? n : m, OPTS), requires_grad));
}
// Python's torch.randint / randperm default to int64; ATen's C++ factories
// would use the default float dtype.
extern "C" gt_tensor *gt_randint(int64_t low, int64_t high, const int64_t *shape, int64_t ndim, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::randint(low, high, gt_shape(shape, ndim),
                                         gt_options(dtype == GT_DTYPE_DEFAULT ? GT_INT64 : dtype, device)),
                             requires_grad));
}
extern "C" gt_tensor *gt_randperm(int64_t n, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::randperm(n, gt_options(dtype == GT_DTYPE_DEFAULT ? GT_INT64 : dtype, device)),
                             requires_grad));
}

// The values decide what the options leave out, as PyTorch's binding does;
// as it does, the indices become int64 and the values take the dtype given.
extern "C" gt_tensor *gt_sparse_coo_tensor(gt_tensor *indices, gt_tensor *values, const int64_t *shape,
                                           int64_t ndim, DEVICE_ARGS) {
  return GT_TENSOR(([&] {
    at::Tensor v = U(values);
    if (dtype != GT_DTYPE_DEFAULT) v = v.to(gt_scalar_type(dtype));
    at::TensorOptions o = v.options().layout(at::kSparse);
    if (device) {
      o = o.device(gt_unwrap_device(device));
      v = v.to(o.device());
    }
    at::Tensor i = U(indices).to(v.device(), at::kLong);
    return gt_finish(at::sparse_coo_tensor(i, v, gt_shape(shape, ndim), o), requires_grad);
  }()));
}
extern "C" gt_tensor *gt_to_sparse(gt_tensor *x) { return GT_TENSOR(U(x).to_sparse()); }
extern "C" gt_tensor *gt_to_dense(gt_tensor *x) { return GT_TENSOR(U(x).to_dense()); }
extern "C" bool gt_is_sparse(gt_tensor *x) { return GT_VALUE(bool, false, U(x).is_sparse()); }
extern "C" gt_tensor *gt_coalesce(gt_tensor *x) { return GT_TENSOR(U(x).coalesce()); }
// x.is_coalesced(): of a dense tensor, libtorch's RuntimeError raised (a
// bool result has no failure value for the caller to test).
extern "C" bool gt_is_coalesced(gt_tensor *x) {
  bool coalesced = false;
  if (!GT_VALUE(bool, false, (coalesced = U(x).is_coalesced(), true))) gt_fail("%s", gt_last_error());
  return coalesced;
}
extern "C" gt_tensor *gt_sparse_indices(gt_tensor *x) { return GT_TENSOR(U(x).indices()); }
extern "C" gt_tensor *gt_sparse_values(gt_tensor *x) { return GT_TENSOR(U(x).values()); }

// Draws from a given distribution, as torch.multinomial, torch.normal and
// torch.bernoulli draw (the same generator calls, so the same numbers).
extern "C" gt_tensor *gt_multinomial(gt_tensor *probs, int64_t num_samples, bool replacement) {
  return GT_TENSOR(at::multinomial(U(probs), num_samples, replacement));
}
extern "C" gt_tensor *gt_normal_tt(gt_tensor *mean, gt_tensor *std) { return GT_TENSOR(at::normal(U(mean), U(std))); }
extern "C" gt_tensor *gt_bernoulli(gt_tensor *probs) { return GT_TENSOR(at::bernoulli(U(probs))); }
extern "C" gt_tensor *gt_normal_(gt_tensor *x, double mean, double std) {
  return GT_TENSOR(U(x).normal_(mean, std));
}
extern "C" gt_tensor *gt_uniform_(gt_tensor *x, double from, double to) { return GT_TENSOR(U(x).uniform_(from, to)); }
extern "C" gt_tensor *gt_exponential_(gt_tensor *x, double lambd) { return GT_TENSOR(U(x).exponential_(lambd)); }
extern "C" gt_tensor *gt_bernoulli_(gt_tensor *x, double p) { return GT_TENSOR(U(x).bernoulli_(p)); }
extern "C" gt_tensor *gt_log_normal_(gt_tensor *x, double mean, double std) {
  return GT_TENSOR(U(x).log_normal_(mean, std));
}
extern "C" gt_tensor *gt_cauchy_(gt_tensor *x, double median, double sigma) {
  return GT_TENSOR(U(x).cauchy_(median, sigma));
}

// *_like: only what is given overrides x's dtype and device.
static at::TensorOptions like_options(gt_dtype dtype, const gt_device *device) {
  at::TensorOptions o;
  if (dtype != GT_DTYPE_DEFAULT) o = o.dtype(gt_scalar_type(dtype));
  if (device) o = o.device(device->d);
  return o;
}
#define LIKE_FACTORY(name, call)                                                            \
  extern "C" gt_tensor *gt_##name(gt_tensor *x, DEVICE_ARGS) {                              \
    return GT_TENSOR(gt_finish(call(U(x), like_options(dtype, device)), requires_grad));    \
  }
LIKE_FACTORY(zeros_like, at::zeros_like)
LIKE_FACTORY(ones_like, at::ones_like)
LIKE_FACTORY(empty_like, at::empty_like)
LIKE_FACTORY(rand_like, at::rand_like)
LIKE_FACTORY(randn_like, at::randn_like)
// x.new_zeros(size) and the like: x's dtype and device unless given.
extern "C" gt_tensor *gt_new_full(gt_tensor *x, const int64_t *shape, int64_t ndim, double fill_value,
                                  DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(U(x).new_full(at::IntArrayRef(shape, ndim), fill_value, like_options(dtype, device)),
                             requires_grad));
}
extern "C" gt_tensor *gt_new_empty(gt_tensor *x, gt_ints size, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(U(x).new_empty(gt_int_vector(size), like_options(dtype, device)), requires_grad));
}
extern "C" gt_tensor *gt_full_like_f(gt_tensor *x, double value, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::full_like(U(x), value, like_options(dtype, device)), requires_grad));
}
extern "C" gt_tensor *gt_full_like_i(gt_tensor *x, int64_t value, DEVICE_ARGS) {
  return GT_TENSOR(gt_finish(at::full_like(U(x), value, like_options(dtype, device)), requires_grad));
}

// ---- properties --------------------------------------------------------------

extern "C" int64_t gt_tensor_dim(gt_tensor *x) { return GT_VALUE(int64_t, -1, U(x).dim()); }
extern "C" int64_t gt_tensor_numel(gt_tensor *x) { return GT_VALUE(int64_t, -1, U(x).numel()); }
extern "C" int64_t gt_tensor_size(gt_tensor *x, int64_t dim) { return GT_VALUE(int64_t, -1, U(x).size(dim)); }
// x.data_ptr(): the address of its first element (0 for an empty tensor).
extern "C" int64_t gt_bind_data_ptr(gt_tensor *x) { return (int64_t)(intptr_t)U(x).data_ptr(); }

extern "C" int64_t gt_tensor_shape(gt_tensor *x, int64_t *out, int64_t cap) {
  return GT_VALUE(int64_t, -1, ([&] {
    auto s = U(x).sizes();
    for (int64_t i = 0; i < cap && i < static_cast<int64_t>(s.size()); i++) out[i] = s[i];
    return static_cast<int64_t>(s.size());
  }()));
}

static const gt_type *const int_arg[] = {&gt_t_int};
static const gt_type int_list = {GT_K_LIST, 1, int_arg, NULL};
static const gt_type *const float_arg[] = {&gt_t_float};
static const gt_type float_list = {GT_K_LIST, 1, float_arg, NULL};
static const gt_type *const bool_arg[] = {&gt_t_bool};
static const gt_type bool_list = {GT_K_LIST, 1, bool_arg, NULL};

extern "C" gt_list *gt_tensor_shape_list(gt_tensor *x) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
    auto s = U(x).sizes();
    gt_list *l = gt_list_new(&int_list, static_cast<int64_t>(s.size()));
    for (int64_t v : s) {
      gt_val g;
      g.i = v;
      gt_list_append(l, g);
    }
    return l;
  }()));
}

extern "C" gt_dtype gt_tensor_dtype(gt_tensor *x) {
  return GT_VALUE(gt_dtype, GT_DTYPE_DEFAULT, static_cast<gt_dtype>(gt_dtype_of(U(x).scalar_type())));
}
extern "C" gt_device *gt_tensor_device(gt_tensor *x) { return GT_VALUE(gt_device *, nullptr, gt_wrap_device(U(x).device())); }
extern "C" bool gt_tensor_requires_grad(gt_tensor *x) { return x && x->t.requires_grad(); }
extern "C" bool gt_tensor_is_leaf(gt_tensor *x) { return !x || x->t.is_leaf(); }
extern "C" bool gt_tensor_is_contiguous(gt_tensor *x) { return x && x->t.is_contiguous(); }

extern "C" int gt_item_f(gt_tensor *x, double *out) { return GT_STATUS(*out = U(x).item<double>()); }
extern "C" int gt_item_i(gt_tensor *x, int64_t *out) { return GT_STATUS(*out = U(x).item<int64_t>()); }
extern "C" int gt_item_b(gt_tensor *x, bool *out) { return GT_STATUS(*out = U(x).item<bool>()); }

extern "C" int gt_tensor_copy_to(gt_tensor *x, void *buf, gt_dtype dtype, int64_t cap) {
  return GT_STATUS(([&] {
    at::Tensor t = U(x).detach().to(at::kCPU, gt_scalar_type(dtype)).contiguous();
    if (t.numel() > cap) gt_throw("tensor has %lld elements, the buffer holds %lld", (long long)t.numel(), (long long)cap);
    if (t.numel() > 0) std::memcpy(buf, t.data_ptr(), t.numel() * t.element_size());
    return 0;
  }()));
}

// x.tolist() of a 0-D or 1-D tensor.
template <class T>
static gt_list *tolist(gt_tensor *x, at::ScalarType st, const gt_type *type) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
    if (U(x).dim() > 1) gt_throw("tolist() here takes a 0-D or 1-D tensor, got %lld-D", (long long)U(x).dim());
    at::Tensor t = U(x).detach().to(at::kCPU, st).contiguous();
    gt_list *l = gt_list_new(type, t.numel());
    const T *p = t.data_ptr<T>();
    for (int64_t i = 0; i < t.numel(); i++) {
      gt_val g;
      if constexpr (std::is_same_v<T, double>) g.f = p[i];
      else if constexpr (std::is_same_v<T, bool>) g.b = p[i];
      else g.i = p[i];
      gt_list_append(l, g);
    }
    return l;
  }()));
}
extern "C" gt_list *gt_tolist_f(gt_tensor *x) { return tolist<double>(x, at::kDouble, &float_list); }
extern "C" gt_list *gt_tolist_i(gt_tensor *x) { return tolist<int64_t>(x, at::kLong, &int_list); }
extern "C" gt_list *gt_tolist_b(gt_tensor *x) { return tolist<bool>(x, at::kBool, &bool_list); }

// ---- conversion ----------------------------------------------------------------

extern "C" gt_tensor *gt_to(gt_tensor *x, const gt_device *device, gt_dtype dtype) {
  return GT_TENSOR(([&] {
    at::Tensor &t = U(x);
    return t.to(device ? device->d : t.device(), dtype == GT_DTYPE_DEFAULT ? t.scalar_type() : gt_scalar_type(dtype));
  }()));
}
extern "C" gt_tensor *gt_contiguous(gt_tensor *x) { return GT_TENSOR(U(x).contiguous()); }
extern "C" gt_tensor *gt_clone(gt_tensor *x) { return GT_TENSOR(U(x).clone()); }
extern "C" gt_tensor *gt_detach(gt_tensor *x) { return GT_TENSOR(U(x).detach()); }
extern "C" int gt_requires_grad_(gt_tensor *x, bool requires_grad) { return GT_STATUS(U(x).requires_grad_(requires_grad)); }
extern "C" int gt_copy_(gt_tensor *x, gt_tensor *src) { return GT_STATUS(U(x).copy_(U(src))); }
extern "C" int gt_zero_(gt_tensor *x) { return GT_STATUS(U(x).zero_()); }
extern "C" int gt_fill_f_(gt_tensor *x, double value) { return GT_STATUS(U(x).fill_(value)); }
extern "C" int gt_fill_i_(gt_tensor *x, int64_t value) { return GT_STATUS(U(x).fill_(value)); }

// bind.cpp - gtorch_bind.h: torch.dtype objects, Python's defaults and
// fatal errors over the C API. Only the C API is used here (no libtorch
// headers), so this compiles fast and nothing in it can throw.
#include "gtorch_bind.h"
#include "bind_results.h"

#include <cstdio>
#include <cstring>

// ---- torch.dtype -----------------------------------------------------------------

struct gt_dtype_obj {
  gt_obj h;
  gt_dtype dtype;
};

namespace {

gt_str *dtype_str(gt_obj *self) {
  const char *name = gt_dtype_name(reinterpret_cast<gt_dtype_obj *>(self)->dtype);
  return gt_str_from_cstr(name ? name : "torch.<unknown>");
}

// Every dtype value is one of the objects below: identity is equality.
bool dtype_eq(gt_obj *a, gt_obj *b) { return a == b; }

}  // namespace

extern "C" const gt_class gt_dtype_class = {"dtype", nullptr, dtype_str, dtype_str, dtype_eq, nullptr, nullptr, nullptr,
                                           &gt_layout_atomic};

namespace {

// Immortal and never const: generated code retains and releases them like
// any other object (the count never reaches zero).
#define DTYPE_OBJ(name, value) gt_dtype_obj name##_obj = {{GT_IMMORTAL, &gt_dtype_class}, value};
DTYPE_OBJ(uint8, GT_UINT8)
DTYPE_OBJ(int8, GT_INT8)
DTYPE_OBJ(int16, GT_INT16)
DTYPE_OBJ(int32, GT_INT32)
DTYPE_OBJ(int64, GT_INT64)
DTYPE_OBJ(float16, GT_FLOAT16)
DTYPE_OBJ(float32, GT_FLOAT32)
DTYPE_OBJ(float64, GT_FLOAT64)
DTYPE_OBJ(complex64, GT_COMPLEX64)
DTYPE_OBJ(complex128, GT_COMPLEX128)
DTYPE_OBJ(bool, GT_BOOL)
DTYPE_OBJ(bfloat16, GT_BFLOAT16)

}  // namespace

extern "C" {
gt_dtype_obj *const gt_torch_uint8 = &uint8_obj;
gt_dtype_obj *const gt_torch_int8 = &int8_obj;
gt_dtype_obj *const gt_torch_int16 = &int16_obj;
gt_dtype_obj *const gt_torch_int32 = &int32_obj;
gt_dtype_obj *const gt_torch_int64 = &int64_obj;
gt_dtype_obj *const gt_torch_float16 = &float16_obj;
gt_dtype_obj *const gt_torch_float32 = &float32_obj;
gt_dtype_obj *const gt_torch_float64 = &float64_obj;
gt_dtype_obj *const gt_torch_complex64 = &complex64_obj;
gt_dtype_obj *const gt_torch_complex128 = &complex128_obj;
gt_dtype_obj *const gt_torch_bool = &bool_obj;
gt_dtype_obj *const gt_torch_bfloat16 = &bfloat16_obj;
}

extern "C" gt_dtype_obj *gt_bind_dtype(gt_dtype dtype) {
  switch (dtype) {
    case GT_UINT8: return &uint8_obj;
    case GT_INT8: return &int8_obj;
    case GT_INT16: return &int16_obj;
    case GT_INT32: return &int32_obj;
    case GT_INT64: return &int64_obj;
    case GT_FLOAT16: return &float16_obj;
    case GT_FLOAT32: return &float32_obj;
    case GT_FLOAT64: return &float64_obj;
    case GT_COMPLEX64: return &complex64_obj;
    case GT_COMPLEX128: return &complex128_obj;
    case GT_BOOL: return &bool_obj;
    case GT_BFLOAT16: return &bfloat16_obj;
    default: return nullptr;
  }
}

extern "C" gt_dtype gt_bind_dtype_value(const gt_dtype_obj *dtype) {
  return dtype ? dtype->dtype : GT_DTYPE_DEFAULT;
}

extern "C" gt_str *gt_bind_dtype_str(gt_dtype_obj *dtype) { return dtype_str(&dtype->h); }

extern "C" bool gt_bind_dtype_eq(gt_dtype_obj *a, gt_dtype_obj *b) { return a == b; }

extern "C" bool gt_bind_dtype_is_floating_point(gt_dtype_obj *dtype) {
  return gt_dtype_is_floating_point(dtype->dtype);
}

namespace {

// Short names for the conversions every wrapper below makes.
gt_dtype D(const gt_dtype_obj *dtype) { return gt_bind_dtype_value(dtype); }

// A list[int] or tuple of ints as the (shape, ndim) pair the C API takes.
struct Shape {
  int64_t dims[16];
  int64_t n;
};

Shape shape_of(const gt_val *items, int64_t n) {
  Shape s;
  s.n = n;
  if (s.n > 16) gt_fail("RuntimeError: a size has at most 16 dimensions, got %lld", (long long)s.n);
  for (int64_t i = 0; i < s.n; i++) s.dims[i] = items[i].i;
  return s;
}
Shape shape_of(const gt_list *size) { return shape_of(size->items, gt_list_len(size)); }
Shape shape_of(const gt_tuple *size) { return shape_of(size->items, size->len); }

}  // namespace

// ---- torch.device ------------------------------------------------------------------

extern "C" gt_str *gt_bind_device_repr(gt_device *d) {
  char buf[96];
  int64_t index = gt_device_index(d);
  if (index < 0) std::snprintf(buf, sizeof buf, "device(type='%s')", gt_device_type(d));
  else std::snprintf(buf, sizeof buf, "device(type='%s', index=%lld)", gt_device_type(d), (long long)index);
  return gt_str_from_cstr(buf);
}

extern "C" gt_str *gt_bind_device_type(gt_device *d) { return gt_str_from_cstr(gt_device_type(d)); }

// ---- creation ------------------------------------------------------------------------

#define OPTS gt_dtype_obj *dtype, gt_device *device, bool requires_grad
#define PASS D(dtype), device, requires_grad

extern "C" gt_tensor *gt_bind_tensor(const gt_list *data, OPTS) { return gt_tensor_from_list(data, PASS); }
extern "C" gt_tensor *gt_bind_tensor_tuple(const gt_tuple *data, OPTS) { return gt_tensor_from_tuple(data, PASS); }
extern "C" gt_tensor *gt_bind_tensor_of_tensors(const gt_list *data, OPTS) { return gt_tensor_from_tensors(data, PASS); }
extern "C" gt_tensor *gt_bind_tensor_copy(gt_tensor *data, OPTS) { return gt_tensor_copy_of(data, PASS); }
extern "C" gt_tensor *gt_bind_scalar_tensor_f(double v, OPTS) { return gt_scalar_tensor_f(v, PASS); }
extern "C" gt_tensor *gt_bind_scalar_tensor_i(int64_t v, OPTS) { return gt_scalar_tensor_i(v, PASS); }
extern "C" gt_tensor *gt_bind_scalar_tensor_b(bool v, OPTS) { return gt_scalar_tensor_b(v, PASS); }

#define FACTORY(name)                                                                    \
  extern "C" gt_tensor *gt_bind_##name##_n(const int64_t *size, int64_t n, OPTS) {       \
    return gt_##name(size, n, PASS);                                                     \
  }                                                                                      \
  extern "C" gt_tensor *gt_bind_##name(const gt_list *size, OPTS) {                      \
    Shape s = shape_of(size);                                                            \
    return gt_##name(s.dims, s.n, PASS);                                                 \
  }                                                                                      \
  extern "C" gt_tensor *gt_bind_##name##_t(const gt_tuple *size, OPTS) {                 \
    Shape s = shape_of(size);                                                            \
    return gt_##name(s.dims, s.n, PASS);                                                 \
  }
FACTORY(zeros)
FACTORY(ones)
FACTORY(empty)
FACTORY(rand)
FACTORY(randn)

#define FULL(suffix, ctype)                                                                       \
  extern "C" gt_tensor *gt_bind_full_##suffix(const gt_list *size, ctype value, OPTS) {           \
    Shape s = shape_of(size);                                                                     \
    return gt_full_##suffix(s.dims, s.n, value, PASS);                                            \
  }                                                                                               \
  extern "C" gt_tensor *gt_bind_full_t_##suffix(const gt_tuple *size, ctype value, OPTS) {        \
    Shape s = shape_of(size);                                                                     \
    return gt_full_##suffix(s.dims, s.n, value, PASS);                                            \
  }
FULL(f, double)
FULL(i, int64_t)
FULL(b, bool)

extern "C" gt_tensor *gt_bind_arange_end_i(int64_t end, OPTS) { return gt_arange_i(0, end, 1, PASS); }
extern "C" gt_tensor *gt_bind_arange_end_f(double end, OPTS) { return gt_arange_f(0, end, 1, PASS); }
extern "C" gt_tensor *gt_bind_arange_i(int64_t start, int64_t end, int64_t step, OPTS) {
  return gt_arange_i(start, end, step, PASS);
}
extern "C" gt_tensor *gt_bind_arange_f(double start, double end, double step, OPTS) {
  return gt_arange_f(start, end, step, PASS);
}
extern "C" gt_tensor *gt_bind_linspace(double start, double end, int64_t steps, OPTS) {
  return gt_linspace(start, end, steps, PASS);
}
extern "C" gt_tensor *gt_bind_eye(int64_t n, OPTS) { return gt_eye(n, GT_NONE_INT, PASS); }
extern "C" gt_tensor *gt_bind_eye_m(int64_t n, int64_t m, OPTS) { return gt_eye(n, m, PASS); }

extern "C" gt_tensor *gt_bind_randint(int64_t low, int64_t high, const gt_list *size, OPTS) {
  Shape s = shape_of(size);
  return gt_randint(low, high, s.dims, s.n, PASS);
}
extern "C" gt_tensor *gt_bind_randint_t(int64_t low, int64_t high, const gt_tuple *size, OPTS) {
  Shape s = shape_of(size);
  return gt_randint(low, high, s.dims, s.n, PASS);
}
extern "C" gt_tensor *gt_bind_randint_high(int64_t high, const gt_list *size, OPTS) {
  return gt_bind_randint(0, high, size, dtype, device, requires_grad);
}
extern "C" gt_tensor *gt_bind_randint_high_t(int64_t high, const gt_tuple *size, OPTS) {
  return gt_bind_randint_t(0, high, size, dtype, device, requires_grad);
}
extern "C" gt_tensor *gt_bind_randperm(int64_t n, OPTS) { return gt_randperm(n, PASS); }
extern "C" gt_tensor *gt_bind_sparse_coo_tensor(gt_tensor *indices, gt_tensor *values, const gt_list *size, OPTS) {
  Shape s = shape_of(size);
  return gt_sparse_coo_tensor(indices, values, s.dims, s.n, PASS);
}
extern "C" gt_tensor *gt_bind_sparse_coo_tensor_t(gt_tensor *indices, gt_tensor *values, const gt_tuple *size,
                                                  OPTS) {
  Shape s = shape_of(size);
  return gt_sparse_coo_tensor(indices, values, s.dims, s.n, PASS);
}

#define LIKE(name) \
  extern "C" gt_tensor *gt_bind_##name(gt_tensor *x, OPTS) { return gt_##name(x, PASS); }
LIKE(zeros_like)
LIKE(ones_like)
LIKE(empty_like)
LIKE(rand_like)
LIKE(randn_like)
extern "C" gt_tensor *gt_bind_full_like_f(gt_tensor *x, double value, OPTS) { return gt_full_like_f(x, value, PASS); }
extern "C" gt_tensor *gt_bind_full_like_i(gt_tensor *x, int64_t value, OPTS) { return gt_full_like_i(x, value, PASS); }

// ---- properties and plain results ----------------------------------------------------

extern "C" double gt_bind_item(gt_tensor *x) {
  double v;
  if (gt_item_f(x, &v) < 0) fail_last();
  return v;
}

// x.item() where the compiler knows the dtype's kind ('b', 'i' or 'f'):
// PyTorch's Python number of that kind. A tensor of another kind means the
// compiler's inference was wrong: said loudly, never a misread union.
extern "C" gt_val gt_bind_item_as(gt_tensor *x, char kind) {
  gt_val v;
  v.i = 0;
  if (!x) gt_fail("AttributeError: 'NoneType' object has no attribute 'item'");
  gt_dtype d = gt_tensor_dtype(x);
  char actual = d == GT_BOOL ? 'b' : gt_dtype_is_floating_point(d) ? 'f' : 'i';
  if (kind == 'n') {  // a number of the tensor's kind, as Python's item()
    gt_val n = gt_bind_item_as(x, actual);
    v.i = actual == 'b' ? gt_num_bool(n.b) : actual == 'f' ? gt_num_float(n.f) : gt_num_int(n.i);
    return v;
  }
  // An upper-case kind is the type the call's place expects (the compiler
  // knew no dtype): a tensor of another kind is the program's error.
  if (kind >= 'A' && kind <= 'Z') {
    auto name = [](char k) { return k == 'b' ? "a bool" : k == 'f' ? "a float" : "an int"; };
    kind = (char)(kind - 'A' + 'a');
    if (actual != kind)
      gt_fail("TypeError: item() of a tensor of dtype %s is %s, where %s is expected", gt_dtype_name(d),
              name(actual), name(kind));
  }
  if (actual != kind) gt_fail("SystemError: gtorchc inferred the wrong dtype kind for .item() (please report)");
  int status = kind == 'b' ? gt_item_b(x, &v.b) : kind == 'f' ? gt_item_f(x, &v.f) : gt_item_i(x, &v.i);
  if (status < 0) fail_last();
  return v;
}

extern "C" int64_t gt_bind_dim(gt_tensor *x) {
  int64_t d = gt_tensor_dim(x);
  if (d < 0) fail_last();
  return d;
}

extern "C" int64_t gt_bind_numel(gt_tensor *x) {
  int64_t n = gt_tensor_numel(x);
  if (n < 0) fail_last();
  return n;
}

extern "C" int64_t gt_bind_size(gt_tensor *x, int64_t dim) {
  int64_t n = gt_tensor_size(x, dim);
  if (n < 0) fail_last();
  return n;
}

extern "C" gt_size *gt_bind_shape(gt_tensor *x) {
  gt_list *dims = checked(gt_tensor_shape_list(x));
  gt_size *s = gt_size_new(dims);
  gt_release(dims);
  return s;
}

extern "C" int64_t gt_bind_len(gt_tensor *x) {
  if (gt_bind_dim(x) == 0) gt_fail("TypeError: len() of a 0-d tensor");
  return gt_bind_size(x, 0);
}

// `if m.bias:` of a layer made without one: its Tensor attribute is None,
// which is false, as in Python.
extern "C" bool gt_bind_truth(gt_tensor *x) {
  if (!x) return false;
  if (gt_bind_numel(x) != 1)
    gt_fail("RuntimeError: Boolean value of Tensor with more than one value is ambiguous");
  bool b;
  if (gt_item_b(x, &b) < 0) fail_last();
  return b;
}

// float(x) and `"%f" % x`: Python's __float__, whose error for more than
// one element is a ValueError (.item()'s is a RuntimeError).
extern "C" double gt_bind_float_value(gt_tensor *x) {
  if (gt_bind_numel(x) != 1) gt_fail("ValueError: only one element tensors can be converted to Python scalars");
  return gt_bind_item(x);
}

extern "C" int64_t gt_bind_int_value(gt_tensor *x) {
  if (gt_bind_numel(x) != 1) gt_fail("ValueError: only one element tensors can be converted to Python scalars");
  int64_t v;
  if (gt_item_i(x, &v) < 0) fail_last();
  return v;
}

// A one-element integer tensor where an index is expected (a slice's
// bound: data[i:i + 8] of an i from a tensor), as Python's __index__.
extern "C" int64_t gt_bind_index_value(gt_tensor *x) {
  gt_dtype d = gt_tensor_dtype(x);
  bool integral = d == GT_UINT8 || d == GT_INT8 || d == GT_INT16 || d == GT_INT32 || d == GT_INT64 || d == GT_BOOL;
  if (!integral || gt_bind_numel(x) != 1)
    gt_fail("TypeError: only integer tensors of a single element can be converted to an index");
  int64_t v;
  if (gt_item_i(x, &v) < 0) fail_last();
  return v;
}

extern "C" gt_str *gt_bind_format(gt_tensor *x, const gt_str *spec) {
  if (!x) return gt_format(gt_vp(nullptr), &gt_t_none, spec);  // format(None, spec): a missing .grad
  if (gt_bind_dim(x) == 0) {
    gt_dtype d = gt_tensor_dtype(x);
    gt_val v;
    const gt_type *type;
    int status;
    if (d == GT_BOOL) {
      v.i = 0;
      status = gt_item_b(x, &v.b);
      type = &gt_t_bool;
    } else if (gt_dtype_is_floating_point(d)) {
      status = gt_item_f(x, &v.f);
      type = &gt_t_float;
    } else {
      status = gt_item_i(x, &v.i);
      type = &gt_t_int;
    }
    if (status < 0) fail_last();
    return gt_format(v, type, spec);
  }
  if (spec && spec->len) gt_fail("TypeError: unsupported format string passed to Tensor.__format__");
  return checked(gt_tensor_str(x));
}

extern "C" gt_list *gt_bind_iter(gt_tensor *x) {
  if (gt_bind_dim(x) == 0) gt_fail("TypeError: iteration over a 0-d tensor");
  return checked(gt_unbind(x, 0));
}

extern "C" gt_dtype_obj *gt_bind_tensor_dtype(gt_tensor *x) {
  gt_dtype_obj *d = gt_bind_dtype(gt_tensor_dtype(x));
  if (!d && !*gt_last_error()) gt_fail("RuntimeError: the tensor's dtype has no torch.dtype here");
  return static_cast<gt_dtype_obj *>(gt_retain(d));
}

extern "C" bool gt_bind_is_cuda(gt_tensor *x) {
  gt_device *d = gt_tensor_device(x);
  if (!d) fail_last();
  bool cuda = std::strcmp(gt_device_type(d), "cuda") == 0;
  gt_release(d);
  return cuda;
}

// x.is_xpu, x.is_mps, x.is_meta: whether x's device is of that type.
static bool device_is(gt_tensor *x, const char *type) {
  gt_device *d = gt_tensor_device(x);
  if (!d) fail_last();
  bool is = std::strcmp(gt_device_type(d), type) == 0;
  gt_release(d);
  return is;
}
extern "C" bool gt_bind_is_xpu(gt_tensor *x) { return device_is(x, "xpu"); }
extern "C" bool gt_bind_is_mps(gt_tensor *x) { return device_is(x, "mps"); }
extern "C" bool gt_bind_is_meta(gt_tensor *x) { return device_is(x, "meta"); }

extern "C" bool gt_bind_is_tensor(gt_val v, const gt_type *t) {
  if (t == &gt_t_dyn && !gt_dyn_unwrap(&v, &t)) return false;
  return gt_type_is_ref(t) && v.p && static_cast<gt_obj *>(v.p)->cls == &gt_tensor_class;
}
extern "C" bool gt_bind_is_floating_point(gt_tensor *x) {
  gt_dtype d = gt_tensor_dtype(x);
  if (d == GT_DTYPE_DEFAULT) fail_last();
  return gt_dtype_is_floating_point(d);
}

extern "C" int64_t gt_bind_element_size(gt_tensor *x) {
  gt_dtype d = gt_tensor_dtype(x);
  if (d == GT_DTYPE_DEFAULT) fail_last();
  return gt_dtype_itemsize(d);
}

extern "C" bool gt_bind_equal(gt_tensor *a, gt_tensor *b) {
  int r = gt_equal(a, b);
  if (r < 0) fail_last();
  return r == 1;
}

extern "C" bool gt_bind_allclose(gt_tensor *a, gt_tensor *b, double rtol, double atol, bool equal_nan) {
  int r = gt_allclose(a, b, rtol, atol, equal_nan);
  if (r < 0) fail_last();
  return r == 1;
}

// ---- conversion ------------------------------------------------------------------------

extern "C" gt_tensor *gt_bind_to_dtype(gt_tensor *x, gt_dtype_obj *dtype) { return gt_to(x, nullptr, D(dtype)); }

extern "C" gt_tensor *gt_bind_to_device(gt_tensor *x, gt_device *device, gt_dtype_obj *dtype, bool) {
  return gt_to(x, device, D(dtype));
}

extern "C" gt_tensor *gt_bind_to_name(gt_tensor *x, const char *device, gt_dtype_obj *dtype, bool) {
  gt_device *d = gt_device_new(device);
  if (!d) return nullptr;
  gt_tensor *r = gt_to(x, d, D(dtype));
  gt_release(d);
  return r;
}

extern "C" gt_tensor *gt_bind_to_other(gt_tensor *x, gt_tensor *other) {
  gt_device *d = gt_tensor_device(other);
  if (!d) return nullptr;
  gt_tensor *r = gt_to(x, d, gt_tensor_dtype(other));
  gt_release(d);
  return r;
}

#define CAST(name, dtype) \
  extern "C" gt_tensor *gt_bind_##name(gt_tensor *x) { return gt_to(x, nullptr, dtype); }
CAST(float, GT_FLOAT32)
CAST(double, GT_FLOAT64)
CAST(half, GT_FLOAT16)
CAST(bfloat16, GT_BFLOAT16)
CAST(long, GT_INT64)
CAST(int, GT_INT32)
CAST(short, GT_INT16)
CAST(bool, GT_BOOL)
CAST(byte, GT_UINT8)

namespace {
gt_tensor *to_named(gt_tensor *x, const char *name) {
  gt_device *d = gt_device_new(name);
  if (!d) return nullptr;
  gt_tensor *r = gt_to(x, d, GT_DTYPE_DEFAULT);
  gt_release(d);
  return r;
}
}  // namespace

extern "C" gt_tensor *gt_bind_cpu(gt_tensor *x) { return to_named(x, "cpu"); }
extern "C" gt_tensor *gt_bind_cuda(gt_tensor *x) { return to_named(x, "cuda"); }

// torch.device(0), and 0 wherever a device is taken (model.to(rank)): CUDA's
// device of that index, as PyTorch reads an int
extern "C" gt_device *gt_device_new_ordinal(int64_t index) { return gt_device_new_index("cuda", index); }

// x.cuda(device, non_blocking=): the device of that index (GT_NONE_INT: the current one); a host copy is
// made in order here, which non_blocking only allows PyTorch to overlap
extern "C" gt_tensor *gt_bind_cuda_index(gt_tensor *x, int64_t index, bool non_blocking) {
  (void)non_blocking;
  if (index == GT_NONE_INT) return to_named(x, "cuda");
  gt_device *d = gt_device_new_index("cuda", index);
  if (!d) return nullptr;
  gt_tensor *r = gt_to(x, d, GT_DTYPE_DEFAULT);
  gt_release(d);
  return r;
}

// ---- in place, returning the receiver --------------------------------------------------

// A number made a tensor (gt_tensor_of_number) computes out of place, as
// Python's `total += loss` does while total still is a number.
#define INPLACE_BINARY(op)                                                                 \
  extern "C" gt_tensor *gt_bind_##op##_(gt_tensor *x, gt_tensor *y) {                      \
    if (gt_tensor_is_number(x)) return gt_##op(x, y);                                      \
    return self_or_null(x, gt_##op##_(x, y));                                              \
  }                                                                                        \
  extern "C" gt_tensor *gt_bind_##op##_f_(gt_tensor *x, double y) {                        \
    if (gt_tensor_is_number(x)) return gt_##op##_f(x, y);                                  \
    return self_or_null(x, gt_##op##_f_(x, y));                                            \
  }                                                                                        \
  extern "C" gt_tensor *gt_bind_##op##_i_(gt_tensor *x, int64_t y) {                       \
    if (gt_tensor_is_number(x)) return gt_##op##_i(x, y);                                  \
    return self_or_null(x, gt_##op##_i_(x, y));                                            \
  }
INPLACE_BINARY(add)
INPLACE_BINARY(sub)
INPLACE_BINARY(mul)
INPLACE_BINARY(div)
INPLACE_BINARY(pow)
INPLACE_BINARY(floor_divide)
INPLACE_BINARY(remainder)

#define INPLACE_UNARY(op) \
  extern "C" gt_tensor *gt_bind_##op##_(gt_tensor *x) { return self_or_null(x, gt_##op##_(x)); }
INPLACE_UNARY(neg)
INPLACE_UNARY(abs)
INPLACE_UNARY(exp)
INPLACE_UNARY(log)
INPLACE_UNARY(sqrt)
INPLACE_UNARY(sin)
INPLACE_UNARY(cos)
INPLACE_UNARY(tanh)
INPLACE_UNARY(sigmoid)
INPLACE_UNARY(relu)
INPLACE_UNARY(floor)
INPLACE_UNARY(ceil)
INPLACE_UNARY(round)
INPLACE_UNARY(trunc)
INPLACE_UNARY(reciprocal)
INPLACE_UNARY(square)
INPLACE_UNARY(zero)
INPLACE_UNARY(tan)
INPLACE_UNARY(log2)
INPLACE_UNARY(log1p)
INPLACE_UNARY(rsqrt)
INPLACE_UNARY(sign)
INPLACE_UNARY(asin)
INPLACE_UNARY(acos)
INPLACE_UNARY(atan)
INPLACE_UNARY(sinh)
INPLACE_UNARY(cosh)
INPLACE_UNARY(asinh)
INPLACE_UNARY(acosh)
INPLACE_UNARY(atanh)
INPLACE_UNARY(erf)
INPLACE_UNARY(erfc)
INPLACE_UNARY(erfinv)
INPLACE_UNARY(expm1)
INPLACE_UNARY(log10)
INPLACE_UNARY(exp2)
INPLACE_UNARY(frac)

extern "C" gt_tensor *gt_bind_fill_f_(gt_tensor *x, double value) { return self_or_null(x, gt_fill_f_(x, value)); }
extern "C" gt_tensor *gt_bind_fill_i_(gt_tensor *x, int64_t value) { return self_or_null(x, gt_fill_i_(x, value)); }
extern "C" gt_tensor *gt_bind_copy_(gt_tensor *x, gt_tensor *src) { return self_or_null(x, gt_copy_(x, src)); }
extern "C" gt_tensor *gt_bind_squeeze_(gt_tensor *x) { return self_or_null(x, gt_squeeze_(x)); }
extern "C" gt_tensor *gt_bind_squeeze_dim_(gt_tensor *x, int64_t dim) { return self_or_null(x, gt_squeeze_dim_(x, dim)); }
extern "C" gt_tensor *gt_bind_unsqueeze_(gt_tensor *x, int64_t dim) { return self_or_null(x, gt_unsqueeze_(x, dim)); }
extern "C" gt_tensor *gt_bind_transpose_(gt_tensor *x, int64_t d0, int64_t d1) {
  return self_or_null(x, gt_transpose_(x, d0, d1));
}
extern "C" gt_tensor *gt_bind_t_(gt_tensor *x) { return self_or_null(x, gt_t_(x)); }
extern "C" gt_tensor *gt_bind_clamp_f_(gt_tensor *x, double min, double max) {
  return self_or_null(x, gt_clamp_f_(x, min, max));
}
extern "C" gt_tensor *gt_bind_clamp_i_(gt_tensor *x, int64_t min, int64_t max) {
  return self_or_null(x, gt_clamp_i_(x, min, max));
}
extern "C" gt_tensor *gt_bind_clamp_min_f_(gt_tensor *x, double min) {
  return self_or_null(x, gt_clamp_f_(x, min, GT_NONE_FLOAT));
}
extern "C" gt_tensor *gt_bind_clamp_max_f_(gt_tensor *x, double max) {
  return self_or_null(x, gt_clamp_f_(x, GT_NONE_FLOAT, max));
}
extern "C" gt_tensor *gt_bind_clamp_min_i_(gt_tensor *x, int64_t min) {
  return self_or_null(x, gt_clamp_i_(x, min, GT_NONE_INT));
}
extern "C" gt_tensor *gt_bind_clamp_max_i_(gt_tensor *x, int64_t max) {
  return self_or_null(x, gt_clamp_i_(x, GT_NONE_INT, max));
}
extern "C" gt_tensor *gt_bind_masked_fill_f_(gt_tensor *x, gt_tensor *mask, double value) {
  return self_or_null(x, gt_masked_fill_f_(x, mask, value));
}
extern "C" gt_tensor *gt_bind_masked_fill_i_(gt_tensor *x, gt_tensor *mask, int64_t value) {
  return self_or_null(x, gt_masked_fill_i_(x, mask, value));
}
extern "C" gt_tensor *gt_bind_requires_grad_(gt_tensor *x, bool requires_grad) {
  return self_or_null(x, gt_requires_grad_(x, requires_grad));
}

// x.add_(y, alpha=a): the API has no in-place form with alpha, so ATen's
// add with alpha, copied back (autograd records a copy, not an AddBackward:
// the gradients are the same, the grad_fn's name is not).
extern "C" gt_tensor *gt_bind_add_alpha_(gt_tensor *x, gt_tensor *y, double alpha) {
  gt_tensor *r = gt_add_alpha(x, y, alpha);
  if (!r) return nullptr;
  int status = gt_copy_(x, r);
  gt_release(r);
  return self_or_null(x, status);
}
extern "C" gt_tensor *gt_bind_add_alpha_first_(gt_tensor *x, double alpha, gt_tensor *y) {
  return gt_bind_add_alpha_(x, y, alpha);
}
extern "C" gt_tensor *gt_bind_sub_alpha_(gt_tensor *x, gt_tensor *y, double alpha) {
  gt_tensor *r = gt_sub_alpha(x, y, alpha);
  if (!r) return nullptr;
  int status = gt_copy_(x, r);
  gt_release(r);
  return self_or_null(x, status);
}

// ---- elementwise with Python's defaults -------------------------------------------------

extern "C" gt_tensor *gt_bind_clamp_min_f(gt_tensor *x, double min) { return gt_clamp_f(x, min, GT_NONE_FLOAT); }
extern "C" gt_tensor *gt_bind_clamp_max_f(gt_tensor *x, double max) { return gt_clamp_f(x, GT_NONE_FLOAT, max); }
extern "C" gt_tensor *gt_bind_clamp_min_i(gt_tensor *x, int64_t min) { return gt_clamp_i(x, min, GT_NONE_INT); }
extern "C" gt_tensor *gt_bind_clamp_max_i(gt_tensor *x, int64_t max) { return gt_clamp_i(x, GT_NONE_INT, max); }
extern "C" gt_tensor *gt_bind_clamp_min_t(gt_tensor *x, gt_tensor *min) { return gt_clamp_t(x, min, nullptr); }
extern "C" gt_tensor *gt_bind_clamp_max_t(gt_tensor *x, gt_tensor *max) { return gt_clamp_t(x, nullptr, max); }

extern "C" gt_tensor *gt_bind_where_method(gt_tensor *x, gt_tensor *condition, gt_tensor *other) {
  return gt_where(condition, x, other);
}

namespace {
// A Python int or bool as a 0-dim tensor: against a tensor with dims it
// promotes as PyTorch's Python scalar does (`int32 & 1` stays int32).
gt_tensor *int_scalar(int64_t v) { return gt_scalar_tensor_i(v, GT_DTYPE_DEFAULT, nullptr, false); }
gt_tensor *bool_scalar(bool v) { return gt_scalar_tensor_b(v, GT_DTYPE_DEFAULT, nullptr, false); }

// x OP s, releasing the scalar tensor s.
gt_tensor *with_scalar(gt_tensor *x, gt_tensor *s, gt_tensor *(*op)(gt_tensor *, gt_tensor *)) {
  if (!s) return nullptr;
  gt_tensor *r = op(x, s);
  gt_release(s);
  return r;
}
}  // namespace

#define BITWISE(op)                                                                          \
  extern "C" gt_tensor *gt_bind_##op##_i(gt_tensor *x, int64_t v) {                          \
    return with_scalar(x, int_scalar(v), gt_##op);                                           \
  }                                                                                          \
  extern "C" gt_tensor *gt_bind_##op##_b(gt_tensor *x, bool v) {                             \
    return with_scalar(x, bool_scalar(v), gt_##op);                                          \
  }
BITWISE(bitwise_and)
BITWISE(bitwise_or)
BITWISE(bitwise_xor)

extern "C" gt_tensor *gt_bind_where_ti(gt_tensor *cond, gt_tensor *a, int64_t b) {
  gt_tensor *tb = int_scalar(b);
  gt_tensor *r = tb ? gt_where(cond, a, tb) : nullptr;
  gt_release(tb);
  return r;
}
extern "C" gt_tensor *gt_bind_where_it(gt_tensor *cond, int64_t a, gt_tensor *b) {
  gt_tensor *ta = int_scalar(a);
  gt_tensor *r = ta ? gt_where(cond, ta, b) : nullptr;
  gt_release(ta);
  return r;
}
extern "C" gt_tensor *gt_bind_where_ii(gt_tensor *cond, int64_t a, int64_t b) {
  gt_tensor *ta = int_scalar(a);
  gt_tensor *r = ta ? gt_bind_where_ti(cond, ta, b) : nullptr;
  gt_release(ta);
  return r;
}

namespace {
// a OP b of the truth values (x != 0) of two tensors.
gt_tensor *logical(gt_tensor *a, gt_tensor *b, gt_tensor *(*op)(gt_tensor *, gt_tensor *)) {
  gt_tensor *ta = gt_ne_i(a, 0);
  gt_tensor *tb = ta ? gt_ne_i(b, 0) : nullptr;
  gt_tensor *r = tb ? op(ta, tb) : nullptr;
  gt_release(ta);
  gt_release(tb);
  return r;
}
}  // namespace

extern "C" gt_tensor *gt_bind_logical_and(gt_tensor *a, gt_tensor *b) { return logical(a, b, gt_bitwise_and); }
extern "C" gt_tensor *gt_bind_logical_or(gt_tensor *a, gt_tensor *b) { return logical(a, b, gt_bitwise_or); }

extern "C" gt_tensor *gt_bind_softmax(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype) {
  return gt_F_softmax(x, dim, D(dtype));
}
extern "C" gt_tensor *gt_bind_log_softmax(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype) {
  return gt_F_log_softmax(x, dim, D(dtype));
}

// ---- reductions --------------------------------------------------------------------------

extern "C" gt_tensor *gt_bind_sum(gt_tensor *x, gt_dtype_obj *dtype) { return gt_sum(x, D(dtype)); }
extern "C" gt_tensor *gt_bind_sum_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype_obj *dtype) {
  return gt_sum_dim(x, &dim, 1, keepdim, D(dtype));
}
extern "C" gt_tensor *gt_bind_sum_dims(gt_tensor *x, const gt_list *dims, bool keepdim, gt_dtype_obj *dtype) {
  Shape s = shape_of(dims);
  return gt_sum_dim(x, s.dims, s.n, keepdim, D(dtype));
}
extern "C" gt_tensor *gt_bind_mean(gt_tensor *x, gt_dtype_obj *dtype) { return gt_mean(x, D(dtype)); }
extern "C" gt_tensor *gt_bind_mean_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype_obj *dtype) {
  return gt_mean_dim(x, &dim, 1, keepdim, D(dtype));
}
extern "C" gt_tensor *gt_bind_mean_dims(gt_tensor *x, const gt_list *dims, bool keepdim, gt_dtype_obj *dtype) {
  Shape s = shape_of(dims);
  return gt_mean_dim(x, s.dims, s.n, keepdim, D(dtype));
}
extern "C" gt_tensor *gt_bind_prod(gt_tensor *x, gt_dtype_obj *dtype) { return gt_prod(x, D(dtype)); }
extern "C" gt_tensor *gt_bind_prod_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype_obj *dtype) {
  return gt_prod_dim(x, dim, keepdim, D(dtype));
}
extern "C" gt_tensor *gt_bind_cumsum(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype) {
  return gt_cumsum(x, dim, D(dtype));
}

extern "C" gt_tensor *gt_bind_std_dim(gt_tensor *x, int64_t dim, bool unbiased, bool keepdim) {
  return gt_std_dim(x, &dim, 1, unbiased, keepdim);
}
extern "C" gt_tensor *gt_bind_std_dims(gt_tensor *x, const gt_list *dims, bool unbiased, bool keepdim) {
  Shape s = shape_of(dims);
  return gt_std_dim(x, s.dims, s.n, unbiased, keepdim);
}
extern "C" gt_tensor *gt_bind_var_dim(gt_tensor *x, int64_t dim, bool unbiased, bool keepdim) {
  return gt_var_dim(x, &dim, 1, unbiased, keepdim);
}
extern "C" gt_tensor *gt_bind_var_dims(gt_tensor *x, const gt_list *dims, bool unbiased, bool keepdim) {
  Shape s = shape_of(dims);
  return gt_var_dim(x, s.dims, s.n, unbiased, keepdim);
}
extern "C" gt_tensor *gt_bind_norm_dim(gt_tensor *x, double p, int64_t dim, bool keepdim) {
  return gt_norm_dim(x, p, &dim, 1, keepdim);
}
extern "C" gt_tensor *gt_bind_logsumexp(gt_tensor *x, int64_t dim, bool keepdim) {
  return gt_logsumexp(x, &dim, 1, keepdim);
}

extern "C" gt_tuple *gt_bind_max_dim(gt_tensor *x, int64_t dim, bool keepdim) {
  return checked(gt_max_dim(x, dim, keepdim));
}
extern "C" gt_tuple *gt_bind_min_dim(gt_tensor *x, int64_t dim, bool keepdim) {
  return checked(gt_min_dim(x, dim, keepdim));
}
extern "C" gt_tuple *gt_bind_svd(gt_tensor *x, bool some, bool compute_uv) { return checked(gt_svd(x, some, compute_uv)); }

extern "C" gt_tuple *gt_bind_autograd_grad(const gt_list *outputs, const gt_list *inputs, const gt_list *grad_outputs,
                                           int64_t retain_graph, bool create_graph, bool allow_unused) {
  return checked(gt_autograd_grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused));
}

extern "C" gt_tuple *gt_bind_topk(gt_tensor *x, int64_t k, int64_t dim, bool largest, bool sorted) {
  return checked(gt_topk(x, k, dim, largest, sorted));
}
extern "C" gt_tuple *gt_bind_sort(gt_tensor *x, int64_t dim, bool descending) {
  return checked(gt_sort(x, dim, descending));
}

// ---- shape ----------------------------------------------------------------------------------

extern "C" gt_tensor *gt_bind_view_list(gt_tensor *x, const gt_list *shape) {
  Shape s = shape_of(shape);
  return gt_view(x, s.dims, s.n);
}
// x.new_zeros(2, 3), x.new_ones([2, 3]), x.new_full([2], 7.0): x's dtype and device.
extern "C" gt_tensor *gt_bind_new_zeros(gt_tensor *x, const gt_list *size, OPTS) {
  Shape s = shape_of(size);
  return gt_new_full(x, s.dims, s.n, 0, PASS);
}
extern "C" gt_tensor *gt_bind_new_zeros_n(gt_tensor *x, const int64_t *size, int64_t n, OPTS) {
  return gt_new_full(x, size, n, 0, PASS);
}
extern "C" gt_tensor *gt_bind_new_ones(gt_tensor *x, const gt_list *size, OPTS) {
  Shape s = shape_of(size);
  return gt_new_full(x, s.dims, s.n, 1, PASS);
}
extern "C" gt_tensor *gt_bind_new_ones_n(gt_tensor *x, const int64_t *size, int64_t n, OPTS) {
  return gt_new_full(x, size, n, 1, PASS);
}
extern "C" gt_tensor *gt_bind_new_full(gt_tensor *x, const gt_list *size, double fill_value, OPTS) {
  Shape s = shape_of(size);
  return gt_new_full(x, s.dims, s.n, fill_value, PASS);
}
extern "C" gt_tensor *gt_bind_new_empty(gt_tensor *x, gt_ints size, OPTS) { return gt_new_empty(x, size, PASS); }
extern "C" gt_tensor *gt_bind_reshape_list(gt_tensor *x, const gt_list *shape) {
  Shape s = shape_of(shape);
  return gt_reshape(x, s.dims, s.n);
}
extern "C" gt_tensor *gt_bind_expand_list(gt_tensor *x, const gt_list *sizes) {
  Shape s = shape_of(sizes);
  return gt_expand(x, s.dims, s.n);
}
extern "C" gt_tensor *gt_bind_repeat_list(gt_tensor *x, const gt_list *sizes) {
  Shape s = shape_of(sizes);
  return gt_repeat(x, s.dims, s.n);
}
extern "C" gt_tensor *gt_bind_permute_list(gt_tensor *x, const gt_list *dims) {
  Shape s = shape_of(dims);
  return gt_permute(x, s.dims, s.n);
}

extern "C" gt_tensor *gt_bind_flip_list(gt_tensor *x, const gt_list *dims) {
  Shape s = shape_of(dims);
  return gt_flip(x, s.dims, s.n);
}

extern "C" gt_tensor *gt_bind_reshape_as(gt_tensor *x, gt_tensor *other) {
  int64_t dims[16];
  int64_t n = gt_tensor_shape(other, dims, 16);
  if (n < 0) return nullptr;
  if (n > 16) gt_fail("RuntimeError: reshape_as() here takes at most 16 dimensions, got %lld", (long long)n);
  return gt_reshape(x, dims, n);
}

extern "C" gt_tensor *gt_bind_T(gt_tensor *x) {
  int64_t n = gt_tensor_dim(x);
  if (n < 0) return nullptr;
  if (n > 16) gt_fail("RuntimeError: .T here takes at most 16 dimensions, got %lld", (long long)n);
  int64_t dims[16];
  for (int64_t i = 0; i < n; i++) dims[i] = n - 1 - i;
  return gt_permute(x, dims, n);
}

namespace {
// A tuple of tensors as the list[Tensor] that cat and stack take.
gt_list *tensor_list(const gt_tuple *tensors) {
  gt_list *l = gt_list_new(&gt_t_tensor_list, tensors->len);
  for (int64_t i = 0; i < tensors->len; i++) gt_list_append(l, tensors->items[i]);
  return l;
}
}  // namespace

extern "C" gt_tensor *gt_bind_cat_t(const gt_tuple *tensors, int64_t dim) {
  gt_list *l = tensor_list(tensors);
  gt_tensor *r = gt_cat(l, dim);
  gt_release(l);
  return r;
}
extern "C" gt_tensor *gt_bind_stack_t(const gt_tuple *tensors, int64_t dim) {
  gt_list *l = tensor_list(tensors);
  gt_tensor *r = gt_stack(l, dim);
  gt_release(l);
  return r;
}

extern "C" gt_list *gt_bind_split(gt_tensor *x, int64_t split_size, int64_t dim) {
  return checked(gt_split(x, split_size, dim));
}
extern "C" gt_list *gt_bind_split_sizes(gt_tensor *x, const gt_list *sizes, int64_t dim) {
  Shape s = shape_of(sizes);
  return checked(gt_split_sizes(x, s.dims, s.n, dim));
}
extern "C" gt_list *gt_bind_chunk(gt_tensor *x, int64_t chunks, int64_t dim) { return checked(gt_chunk(x, chunks, dim)); }
extern "C" gt_list *gt_bind_unbind(gt_tensor *x, int64_t dim) { return checked(gt_unbind(x, dim)); }

// ---- autograd -------------------------------------------------------------------------------

extern "C" int gt_bind_backward(gt_tensor *x, gt_tensor *gradient, bool retain_graph, bool create_graph) {
  return gt_backward(x, gradient, retain_graph || create_graph, create_graph);
}

// x.grad: None (NULL, with gt_last_error() empty, which gt_ok lets through)
// when x has no gradient, as in PyTorch.
extern "C" gt_tensor *gt_bind_grad(gt_tensor *x) { return gt_grad(x); }

// ---- process ----------------------------------------------------------------------------------

extern "C" int gt_bind_set_printoptions(int64_t precision, double threshold, int64_t edgeitems, int64_t linewidth) {
  return gt_set_printoptions(precision, threshold, edgeitems, linewidth, nullptr, -1);
}
extern "C" int gt_bind_set_printoptions_sci(int64_t precision, double threshold, int64_t edgeitems,
                                            int64_t linewidth, bool sci_mode) {
  return gt_set_printoptions(precision, threshold, edgeitems, linewidth, nullptr, sci_mode ? 1 : 0);
}
extern "C" int gt_bind_set_printoptions_profile(int64_t precision, double threshold, int64_t edgeitems,
                                                int64_t linewidth, const char *profile) {
  return gt_set_printoptions(precision, threshold, edgeitems, linewidth, profile, -1);
}

// torch.load's weights_only= changes nothing: the loader reads only
// tensors, numbers, strs and their containers, what weights_only=True
// allows (an object of a class is an error either way).
extern "C" gt_tensor *gt_bind_load(const char *path, bool weights_only) { return gt_load(path); }
extern "C" gt_dict *gt_bind_load_dict(const char *path, bool weights_only) { return checked(gt_load_dict(path)); }


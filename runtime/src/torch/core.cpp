// core.cpp - handles, errors, dtypes and devices: what every other source uses.
#include <cstdarg>
#include <cstdio>

#include "internal.h"

// ---- errors ------------------------------------------------------------------

static thread_local std::string gt_error;

extern "C" const char *gt_last_error(void) { return gt_error.c_str(); }
extern "C" void gt_clear_error(void) { gt_error.clear(); }

static std::string vformat(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = std::vsnprintf(nullptr, 0, fmt, ap2);
  va_end(ap2);
  std::string s(n > 0 ? n : 0, '\0');
  if (n > 0) std::vsnprintf(&s[0], s.size() + 1, fmt, ap);
  return s;
}

void gt_set_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gt_error = vformat(fmt, ap);
  va_end(ap);
}

void gt_throw(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::string s = vformat(fmt, ap);
  va_end(ap);
  throw std::runtime_error(s);
}

void gt_set_error_from_current(void) {
  try {
    throw;
  } catch (const c10::Error &e) {
    // what() carries a C++ backtrace; the message alone is what a user reads.
    gt_error = e.what_without_backtrace();
  } catch (const std::exception &e) {
    gt_error = e.what();
  } catch (...) {
    gt_error = "unknown C++ exception";
  }
}

// ---- tensor handles ---------------------------------------------------------

static void tensor_drop(gt_obj *o) { reinterpret_cast<gt_tensor *>(o)->t.~Tensor(); }

extern "C" const gt_class gt_tensor_class = {"Tensor", tensor_drop, nullptr, nullptr};

gt_tensor *gt_wrap(at::Tensor t) {
  if (!t.defined()) return nullptr;
  auto *x = static_cast<gt_tensor *>(gt_alloc(sizeof(gt_tensor), &gt_tensor_class));
  if (!x) throw std::bad_alloc();
  new (&x->t) at::Tensor(std::move(t));
  return x;
}

at::Tensor &gt_unwrap(gt_tensor *x) {
  if (!x) throw std::invalid_argument("expected a Tensor, got None");
  return x->t;
}

at::Tensor gt_unwrap_opt(gt_tensor *x) { return x ? x->t : at::Tensor(); }

// ---- device handles ---------------------------------------------------------

static void device_drop(gt_obj *o) { reinterpret_cast<gt_device *>(o)->d.~Device(); }

extern "C" const gt_class gt_device_class = {"device", device_drop, nullptr, nullptr};

gt_device *gt_wrap_device(c10::Device d) {
  auto *x = static_cast<gt_device *>(gt_alloc(sizeof(gt_device), &gt_device_class));
  if (!x) throw std::bad_alloc();
  new (&x->d) c10::Device(d);
  return x;
}

c10::Device gt_unwrap_device(const gt_device *d) { return d ? d->d : c10::Device(c10::kCPU); }

// ---- dtypes ------------------------------------------------------------------

c10::ScalarType gt_scalar_type(int dtype) {
  switch (dtype) {
    case GT_DTYPE_DEFAULT: return c10::typeMetaToScalarType(at::get_default_dtype());
    case GT_UINT8: case GT_INT8: case GT_INT16: case GT_INT32: case GT_INT64:
    case GT_FLOAT16: case GT_FLOAT32: case GT_FLOAT64: case GT_COMPLEX64:
    case GT_COMPLEX128: case GT_BOOL: case GT_BFLOAT16:
      return static_cast<c10::ScalarType>(dtype);
    default: gt_throw("invalid dtype %d", dtype);
  }
}

c10::optional<c10::ScalarType> gt_scalar_type_opt(int dtype) {
  if (dtype == GT_DTYPE_DEFAULT) return c10::nullopt;
  return gt_scalar_type(dtype);
}

int gt_dtype_of(c10::ScalarType s) { return static_cast<int>(s); }

at::TensorOptions gt_options(int dtype, const gt_device *device, bool requires_grad) {
  at::TensorOptions o = at::TensorOptions().device(gt_unwrap_device(device)).requires_grad(requires_grad);
  if (dtype != GT_DTYPE_DEFAULT) o = o.dtype(gt_scalar_type(dtype));
  return o;
}

at::IntArrayRef gt_shape(const int64_t *shape, int64_t n) {
  if (n < 0 || (n > 0 && !shape)) gt_throw("invalid shape (%lld dimensions)", (long long)n);
  return at::IntArrayRef(shape, static_cast<size_t>(n));
}

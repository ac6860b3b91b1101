// core.cpp - handles, errors, dtypes and devices: what every other source uses.
#include <ATen/Parallel.h>

#include <cstdarg>
#include <cstdio>

#include "internal.h"

// ---- errors ------------------------------------------------------------------

static thread_local std::string gt_error;

// Python's `import torch` sets the intra-op thread count first thing
// (at::init_num_threads: OMP_NUM_THREADS, else one thread per physical core).
// Without that, oneDNN's convolutions run on OpenMP's default (every logical
// CPU) until some ATen op happens to set the count, and sum their weight
// gradients in another order than PyTorch does: the last digits differ.
// Every program that uses a tensor links this file, so it runs at start-up.
static const bool gt_threads_initialised = (at::init_num_threads(), true);

// The meta device's kernels that PyTorch registers from Python
// (meta_kernels.cpp): referred to here so that they are linked.
extern "C" const int gt_meta_kernels;
__attribute__((used)) static const int *const gt_meta_kernels_linked = &gt_meta_kernels;

// A child that fork made (multiprocessing's Process, torch.multiprocessing's
// spawn) runs its tensor code on one thread. Debian's libtorch parallelises
// with GNU OpenMP, whose thread pool does not survive fork: the child
// inherits a pool whose threads exist only in the parent, and its first
// parallel region (a matmul, a conv2d, an elementwise op over 32768 or more
// elements) waits for them forever once the parent has run one with two or
// more threads (measured: PyTorch 1.13's Python itself hangs so). One thread
// makes ATen run every region inline without touching the pool, which is
// what PyTorch's DataLoader workers do (torch.set_num_threads(1)).
static void gt_torch_after_fork(void) { at::set_num_threads(1); }
static const bool gt_fork_hook_set = (gt_after_fork_child = gt_torch_after_fork, true);

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

// libtorch's words where PyTorch's Python layer stops first with its own:
// a CUDA tensor of a build without CUDA fails in torch.cuda._lazy_init.
static std::string python_words(const std::string &msg) {
  bool cuda_missing = msg.rfind("PyTorch is not linked with support for cuda devices", 0) == 0 ||
                      (!at::hasCUDA() && msg.find("with arguments from the 'CUDA' backend") != std::string::npos);
  return cuda_missing ? "AssertionError: Torch not compiled with CUDA enabled" : msg;
}

void gt_set_error_from_current(void) {
  try {
    throw;
  } catch (const c10::IndexError &e) {
    // PyTorch raises these subclasses as Python's own classes (torch/csrc/Exceptions.h)
    gt_error = std::string("IndexError: ") + e.what_without_backtrace();
  } catch (const c10::ValueError &e) {
    gt_error = std::string("ValueError: ") + e.what_without_backtrace();
  } catch (const c10::TypeError &e) {
    gt_error = std::string("TypeError: ") + e.what_without_backtrace();
  } catch (const c10::NotImplementedError &e) {
    std::string words = python_words(e.what_without_backtrace());
    gt_error = words == e.what_without_backtrace() ? "NotImplementedError: " + words : words;
  } catch (const c10::Error &e) {
    // what() carries a C++ backtrace; the message alone is what a user reads.
    gt_error = python_words(e.what_without_backtrace());
  } catch (const std::exception &e) {
    gt_error = e.what();
  } catch (...) {
    gt_error = "unknown C++ exception";
  }
}

// ---- tensor handles ---------------------------------------------------------

static void tensor_drop(gt_obj *o) { reinterpret_cast<gt_tensor *>(o)->t.~Tensor(); }
// str(t) and repr(t) are the same text in PyTorch (print.cpp makes it).
static gt_str *tensor_str(gt_obj *o) { return gt_tensor_str(reinterpret_cast<gt_tensor *>(o)); }

extern "C" const gt_class gt_tensor_class = {"Tensor", tensor_drop, tensor_str, tensor_str, nullptr, nullptr, nullptr};
// type(x) of a tensor prints <class 'torch.Tensor'>: its class object names
// the module, made where this file is linked (every program with tensors).
static const gt_classobj *const tensor_classobj = gt_classobj_in(&gt_tensor_class, "torch");

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

// ---- containers of tensors ---------------------------------------------------

static const gt_type *const obj_arg[] = {&gt_t_obj};
static const gt_type *const obj_pair[] = {&gt_t_obj, &gt_t_obj};
static const gt_type *const str_obj[] = {&gt_t_str, &gt_t_obj};
extern "C" const gt_type gt_t_tensor_list = {GT_K_LIST, 1, obj_arg, NULL};
extern "C" const gt_type gt_t_tensor_pair = {GT_K_TUPLE, 2, obj_pair, NULL};
static const gt_type *const obj_triple[] = {&gt_t_obj, &gt_t_obj, &gt_t_obj};
extern "C" const gt_type gt_t_tensor_triple = {GT_K_TUPLE, 3, obj_triple, NULL};
extern "C" const gt_type gt_t_tensor_dict = {GT_K_DICT, 2, str_obj, NULL};

std::vector<at::Tensor> gt_unwrap_list(const gt_list *l) {
  if (!l) throw std::invalid_argument("expected a list of tensors, got None");
  std::vector<at::Tensor> ts;
  ts.reserve(l->len);
  for (int64_t i = 0; i < l->len; i++) {
    auto *x = static_cast<gt_tensor *>(l->items[i].p);
    // a list[Optional[Tensor]] (a named tuple's field, torch.cat(batch.state)): PyTorch's message, which
    // numbers the argument too; the list is the first argument of cat and stack, which take one
    if (!x) gt_throw("TypeError: expected Tensor as element %lld in argument 0, but got NoneType", (long long)i);
    ts.push_back(x->t);
  }
  return ts;
}

gt_list *gt_wrap_list(const std::vector<at::Tensor> &ts) {
  // Wrap first so that a failure leaks nothing into a half-built list.
  std::vector<gt_tensor *> hs;
  for (auto &t : ts) hs.push_back(gt_wrap(t));
  gt_list *l = gt_list_new(&gt_t_tensor_list, static_cast<int64_t>(hs.size()));
  for (gt_tensor *h : hs) {
    gt_val v;
    v.p = h;
    gt_list_append(l, v);  // the list retains
    gt_release(h);
  }
  return l;
}

gt_tuple *gt_wrap_pair(const std::tuple<at::Tensor, at::Tensor> &p) {
  gt_val a, b;
  a.p = gt_wrap(std::get<0>(p));
  b.p = gt_wrap(std::get<1>(p));
  gt_tuple *t = gt_tuple_of(&gt_t_tensor_pair, a, b);  // the tuple retains
  gt_release(a.p);
  gt_release(b.p);
  return t;
}

gt_tuple *gt_wrap_triple(const std::tuple<at::Tensor, at::Tensor, at::Tensor> &t) {
  gt_val a = gt_vp(gt_wrap(std::get<0>(t))), b = gt_vp(gt_wrap(std::get<1>(t))), c = gt_vp(gt_wrap(std::get<2>(t)));
  gt_tuple *r = gt_tuple_of(&gt_t_tensor_triple, a, b, c);  // the tuple retains
  gt_release(a.p);
  gt_release(b.p);
  gt_release(c.p);
  return r;
}

// ---- device handles ---------------------------------------------------------

static void device_drop(gt_obj *o) { reinterpret_cast<gt_device *>(o)->d.~Device(); }
static gt_str *device_str(gt_obj *o) { return gt_device_str(reinterpret_cast<gt_device *>(o)); }
static gt_str *device_repr(gt_obj *o) {
  const c10::Device &d = reinterpret_cast<gt_device *>(o)->d;
  std::string s = "device(type='" + c10::DeviceTypeName(d.type(), true) + "'";
  if (d.has_index()) s += ", index=" + std::to_string(d.index());
  return gt_str_from_cstr((s + ")").c_str());
}

extern "C" const gt_class gt_device_class = {"device", device_drop, device_str, device_repr, nullptr, nullptr,
                                            nullptr,  nullptr,     &gt_layout_atomic};

gt_device *gt_wrap_device(c10::Device d) {
  auto *x = static_cast<gt_device *>(gt_alloc(sizeof(gt_device), &gt_device_class));
  if (!x) throw std::bad_alloc();
  new (&x->d) c10::Device(d);
  return x;
}

c10::Device gt_unwrap_device(const gt_device *d) { return d ? d->d : c10::Device(c10::kCPU); }

extern "C" gt_device *gt_device_new(const char *name) {
  return GT_VALUE(gt_device *, nullptr, gt_wrap_device(c10::Device(std::string(name ? name : ""))));
}

extern "C" gt_device *gt_device_new_index(const char *type, int64_t index) {
  return GT_VALUE(gt_device *, nullptr, ([&] {
    c10::Device d{std::string(type ? type : "")};
    if (d.has_index()) gt_throw("type (string) must not include an index because index was passed explicitly: %s", type);
    if (index < 0) gt_throw("Device index must not be negative");
    return gt_wrap_device(c10::Device(d.type(), static_cast<c10::DeviceIndex>(index)));
  }()));
}

extern "C" const char *gt_device_type(const gt_device *d) {
  switch (gt_unwrap_device(d).type()) {
    case c10::kCPU: return "cpu";
    case c10::kCUDA: return "cuda";
    case c10::kMPS: return "mps";
    case c10::kMeta: return "meta";
    default: return "other";
  }
}

extern "C" int64_t gt_device_index(const gt_device *d) { return gt_unwrap_device(d).index(); }

extern "C" gt_str *gt_device_str(const gt_device *d) { return gt_str_from_cstr(gt_unwrap_device(d).str().c_str()); }

extern "C" bool gt_device_eq(const gt_device *a, const gt_device *b) { return gt_unwrap_device(a) == gt_unwrap_device(b); }

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

extern "C" const char *gt_dtype_name(gt_dtype dtype) {
  switch (dtype) {
    case GT_UINT8: return "torch.uint8";
    case GT_INT8: return "torch.int8";
    case GT_INT16: return "torch.int16";
    case GT_INT32: return "torch.int32";
    case GT_INT64: return "torch.int64";
    case GT_FLOAT16: return "torch.float16";
    case GT_FLOAT32: return "torch.float32";
    case GT_FLOAT64: return "torch.float64";
    case GT_COMPLEX64: return "torch.complex64";
    case GT_COMPLEX128: return "torch.complex128";
    case GT_BOOL: return "torch.bool";
    case GT_BFLOAT16: return "torch.bfloat16";
    default: return nullptr;
  }
}

extern "C" int64_t gt_dtype_itemsize(gt_dtype dtype) {
  return GT_VALUE(int64_t, -1, static_cast<int64_t>(c10::elementSize(gt_scalar_type(dtype))));
}

extern "C" bool gt_dtype_is_floating_point(gt_dtype dtype) {
  return GT_VALUE(bool, false, c10::isFloatingType(gt_scalar_type(dtype)));
}

extern "C" gt_dtype gt_swap_default_dtype(gt_dtype dtype) {
  auto before = static_cast<gt_dtype>(gt_dtype_of(c10::typeMetaToScalarType(at::get_default_dtype())));
  if (gt_dtype_is_floating_point(dtype)) at::set_default_dtype(c10::scalarTypeToTypeMeta(gt_scalar_type(dtype)));
  return before;
}

at::TensorOptions gt_options(int dtype, const gt_device *device) {
  at::TensorOptions o = at::TensorOptions().device(gt_unwrap_device(device));
  if (dtype != GT_DTYPE_DEFAULT) o = o.dtype(gt_scalar_type(dtype));
  return o;
}

at::Tensor gt_finish(at::Tensor t, bool requires_grad) {
  if (requires_grad) t.requires_grad_(true);
  return t;
}

at::IntArrayRef gt_shape(const int64_t *shape, int64_t n) {
  if (n < 0 || (n > 0 && !shape)) gt_throw("invalid shape (%lld dimensions)", (long long)n);
  return at::IntArrayRef(shape, static_cast<size_t>(n));
}

std::string gt_size_text(at::IntArrayRef sizes) {
  std::string s = "torch.Size([";
  for (size_t i = 0; i < sizes.size(); i++) s += (i ? ", " : "") + std::to_string(sizes[i]);
  return s + "])";
}

// autograd.cpp - backward, gradients, grad mode; process-wide settings.
#include <ATen/Parallel.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/cuda.h>

#include "internal.h"
#include "gtorch_state.h"

extern "C" int gt_backward(gt_tensor *x, gt_tensor *gradient, int retain_graph, bool create_graph) {
  return GT_STATUS(U(x).backward(gt_unwrap_opt(gradient),
                                 retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0),
                                 create_graph));
}

// torch.autograd.grad: the gradients of outputs with respect to inputs,
// a tuple[Tensor, ...] (an input unused, with allow_unused, None: NULL).
// retain_graph GT_NONE_INT is None (create_graph decides); grad_outputs
// empty is None (ones for scalar outputs, libtorch's error otherwise).
extern "C" gt_tuple *gt_autograd_grad(const gt_list *outputs, const gt_list *inputs, const gt_list *grad_outputs,
                                      int64_t retain_graph, bool create_graph, bool allow_unused) {
  return GT_VALUE(gt_tuple *, nullptr, ([&] {
                    std::vector<at::Tensor> gouts = grad_outputs ? gt_unwrap_list(grad_outputs) : std::vector<at::Tensor>{};
                    c10::optional<bool> retain;
                    if (retain_graph != GT_NONE_INT) retain = retain_graph != 0;
                    std::vector<at::Tensor> gs = torch::autograd::grad(gt_unwrap_list(outputs), gt_unwrap_list(inputs),
                                                                       gouts, retain, create_graph, allow_unused);
                    std::vector<gt_val> vals;
                    for (at::Tensor &g : gs) vals.push_back(gt_vp(g.defined() ? gt_wrap(g) : nullptr));
                    gt_tuple *t = gt_tuple_of_elems(&gt_t_tensor, (int64_t)vals.size(), vals.data());
                    for (gt_val &v : vals) gt_release(v.p);
                    return t;
                  }()));
}

// x.grad: an undefined gradient is Python's None, which is not an error.
extern "C" gt_tensor *gt_grad(gt_tensor *x) {
  gt_clear_error();
  return GT_TENSOR(U(x).grad());
}

extern "C" int gt_zero_grad(gt_tensor *x, bool set_to_none) {
  return GT_STATUS(([&] {
    at::Tensor &g = U(x).mutable_grad();
    if (!g.defined()) return 0;
    if (set_to_none) g.reset();
    else {
      // As torch.optim's zero_grad: detach from any graph, then zero.
      if (g.grad_fn()) g = g.detach();
      else g.requires_grad_(false);
      g.zero_();
    }
    return 0;
  }()));
}

extern "C" int gt_set_grad(gt_tensor *x, gt_tensor *g) { return GT_STATUS(U(x).mutable_grad() = gt_unwrap_opt(g)); }
extern "C" int gt_retain_grad(gt_tensor *x) { return GT_STATUS(U(x).retain_grad()); }

extern "C" bool gt_set_grad_enabled(bool enabled) {
  bool prev = at::GradMode::is_enabled();
  at::GradMode::set_enabled(enabled);
  return prev;
}
extern "C" bool gt_is_grad_enabled(void) { return at::GradMode::is_enabled(); }

// ---- process ------------------------------------------------------------------------

extern "C" int gt_manual_seed(int64_t seed) { return GT_STATUS(at::manual_seed(static_cast<uint64_t>(seed))); }
extern "C" int gt_set_num_threads(int64_t n) {
  return GT_STATUS(([&] {
    if (n <= 0) gt_throw("set_num_threads expects a positive integer");
    at::set_num_threads(static_cast<int>(n));
    return 0;
  }()));
}
extern "C" int64_t gt_get_num_threads(void) { return at::get_num_threads(); }
extern "C" bool gt_cuda_is_available(void) { return GT_VALUE(bool, false, torch::cuda::is_available()); }
extern "C" int64_t gt_cuda_device_count(void) { return GT_VALUE(int64_t, 0, static_cast<int64_t>(torch::cuda::device_count())); }
// torch.cuda.manual_seed(seed) seeds the current CUDA device's generator,
// manual_seed_all every device's; without a device there is nothing to
// seed (PyTorch queues the call for a CUDA start that never comes).
static void seed_cuda(int64_t seed, bool all) {
  const at::CUDAHooksInterface &hooks = at::detail::getCUDAHooks();
  int64_t n = at::hasCUDA() ? hooks.getNumGPUs() : 0;
  if (n <= 0) return;
  int64_t first = all ? 0 : hooks.current_device(), last = all ? n : first + 1;
  for (int64_t i = first; i < last; i++) {
    at::Generator gen = at::globalContext().defaultGenerator(at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(i)));
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(static_cast<uint64_t>(seed));
  }
}
extern "C" int gt_cuda_manual_seed(int64_t seed) { return GT_STATUS(seed_cuda(seed, false)); }
extern "C" int gt_cuda_manual_seed_all(int64_t seed) { return GT_STATUS(seed_cuda(seed, true)); }
// ---- torch.cuda's device and memory queries -------------------------------------
//
// Without CUDA (this CPU libtorch, or no device) each answers as PyTorch's
// CPU build does: memory counts 0 (CUDA never initialised), empty_cache does
// nothing, the device queries fail with its errors. The CUDA runtime's
// memory statistics and device names are behind headers a CPU libtorch does
// not ship: with a device they are a NotImplementedError here. cuda_query.c
// raises the errors of those that return values.

bool gt_has_cuda_device() { return at::hasCUDA() && at::detail::getCUDAHooks().getNumGPUs() > 0; }

static void no_cuda_query(const char *name) {
  if (gt_has_cuda_device())
    gt_throw("NotImplementedError: torch.cuda.%s: the CUDA runtime's statistics are not in this build", name);
}

static void need_cuda() {
  if (!gt_has_cuda_device()) gt_throw("AssertionError: Torch not compiled with CUDA enabled");
}

extern "C" int gt_cuda_memory_stat(const char *name, int64_t, int64_t *count) {
  *count = 0;
  return GT_STATUS(no_cuda_query(name));
}

extern "C" int gt_cuda_empty_cache(void) { return GT_STATUS(no_cuda_query("empty_cache")); }

extern "C" int gt_cuda_reset_peak_memory_stats(int64_t) {
  return GT_STATUS(([&] {
    if (!gt_has_cuda_device()) gt_throw("AttributeError: module 'torch._C' has no attribute '_cuda_resetPeakMemoryStats'");
    no_cuda_query("reset_peak_memory_stats");
  }()));
}

extern "C" int gt_cuda_current_device(int64_t *device) {
  return GT_STATUS(([&] {
    need_cuda();
    *device = at::detail::getCUDAHooks().current_device();
  }()));
}

extern "C" gt_str *gt_cuda_get_device_name(int64_t) {
  return GT_VALUE(gt_str *, nullptr, ([&]() -> gt_str * {
                    need_cuda();
                    no_cuda_query("get_device_name");
                    return nullptr;
                  }()));
}

extern "C" int gt_cuda_set_device(int64_t device) {
  return GT_STATUS(([&] {
    if (!gt_has_cuda_device()) gt_throw("AttributeError: module 'torch._C' has no attribute '_cuda_setDevice'");
    c10::impl::getDeviceGuardImpl(c10::kCUDA)->setDevice(c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(device)));
  }()));
}

extern "C" bool gt_cuda_is_initialized(void) {
  return GT_VALUE(bool, false, gt_has_cuda_device() && at::detail::getCUDAHooks().hasPrimaryContext(
                                                  at::detail::getCUDAHooks().current_device()));
}

// torch.get_default_dtype(): what a float literal's tensor is made of.
extern "C" gt_dtype_obj *gt_get_default_dtype(void) {
  return gt_bind_dtype(static_cast<gt_dtype>(gt_dtype_of(c10::typeMetaToScalarType(c10::get_default_dtype()))));
}

extern "C" int gt_cuda_synchronize(void) {
  return GT_STATUS(([&] {
    need_cuda();  /* PyTorch's _lazy_init: an AssertionError */
    torch::cuda::synchronize();
    return 0;
  }()));
}

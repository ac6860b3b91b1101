// amp.cpp - mixed precision: libtorch's autocast state, GradScaler's
// kernels and the float32 matmul precision, under the names torch gives
// them (torch.set_autocast_enabled, torch._amp_update_scale_). Which ops autocast runs in a lower precision
// is libtorch's dispatcher's decision; the .gtp classes (torch.autocast,
// torch.cuda.amp.GradScaler) only set the state as PyTorch's do.
#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include "internal.h"

namespace ac = at::autocast;

extern "C" bool gt_amp_is_enabled(void) { return ac::is_enabled(); }
extern "C" void gt_amp_set_enabled(bool enabled) { ac::set_enabled(enabled); }
extern "C" bool gt_amp_is_cpu_enabled(void) { return ac::is_cpu_enabled(); }
extern "C" void gt_amp_set_cpu_enabled(bool enabled) { ac::set_cpu_enabled(enabled); }

extern "C" gt_dtype_obj *gt_amp_gpu_dtype(void) {
  return gt_bind_dtype((gt_dtype)gt_dtype_of(ac::get_autocast_gpu_dtype()));
}
extern "C" void gt_amp_set_gpu_dtype(gt_dtype_obj *dtype) {
  ac::set_autocast_gpu_dtype(gt_scalar_type(gt_bind_dtype_value(dtype)));
}
extern "C" gt_dtype_obj *gt_amp_cpu_dtype(void) {
  return gt_bind_dtype((gt_dtype)gt_dtype_of(ac::get_autocast_cpu_dtype()));
}
// torch.set_autocast_cpu_dtype refuses what libtorch 1.13's CPU autocast
// cannot run, with torch's message.
extern "C" int gt_amp_set_cpu_dtype(gt_dtype_obj *dtype) {
  return GT_STATUS(([&] {
    at::ScalarType t = gt_scalar_type(gt_bind_dtype_value(dtype));
    TORCH_CHECK(t == at::kBFloat16, "Currently, AutocastCPU only support Bfloat16 as the autocast_cpu_dtype");
    ac::set_autocast_cpu_dtype(t);
  }()));
}

extern "C" int64_t gt_amp_increment_nesting(void) { return ac::increment_nesting(); }
extern "C" int64_t gt_amp_decrement_nesting(void) { return ac::decrement_nesting(); }
extern "C" void gt_amp_clear_cache(void) { ac::clear_cache(); }
extern "C" bool gt_amp_is_cache_enabled(void) { return ac::is_autocast_cache_enabled(); }
extern "C" void gt_amp_set_cache_enabled(bool enabled) { ac::set_autocast_cache_enabled(enabled); }

extern "C" int gt_amp_unscale_grads(const gt_list *grads, gt_tensor *found_inf, gt_tensor *inv_scale) {
  return GT_STATUS(([&] {
    std::vector<at::Tensor> gs = gt_unwrap_list(grads);
    at::_amp_foreach_non_finite_check_and_unscale_(gs, U(found_inf), U(inv_scale));
  }()));
}

extern "C" int gt_amp_update_scale(gt_tensor *scale, gt_tensor *growth_tracker, gt_tensor *found_inf,
                                   double growth_factor, double backoff_factor, int64_t growth_interval) {
  return GT_STATUS(at::_amp_update_scale_(U(scale), U(growth_tracker), U(found_inf), growth_factor, backoff_factor,
                                          growth_interval));
}

extern "C" void gt_set_float32_matmul_precision(const char *precision) {
  at::globalContext().setFloat32MatmulPrecision(std::string(precision));
}

extern "C" void gt_use_deterministic_algorithms(bool mode, bool warn_only) {
  at::globalContext().setDeterministicAlgorithms(mode, warn_only);
}

extern "C" bool gt_are_deterministic_algorithms_enabled(void) { return at::globalContext().deterministicAlgorithms(); }

extern "C" bool gt_is_deterministic_algorithms_warn_only_enabled(void) {
  return at::globalContext().deterministicAlgorithmsWarnOnly();
}

static gt_str torch_version = {{GT_IMMORTAL, &gt_str_class}, sizeof TORCH_VERSION - 1, TORCH_VERSION};
extern "C" {
gt_str *gt_torch_version = &torch_version;
}

extern "C" gt_str *gt_get_float32_matmul_precision(void) {
  switch (at::globalContext().float32MatmulPrecision()) {
    case at::Float32MatmulPrecision::HIGH: return gt_str_from_cstr("high");
    case at::Float32MatmulPrecision::MEDIUM: return gt_str_from_cstr("medium");
    default: return gt_str_from_cstr("highest");
  }
}

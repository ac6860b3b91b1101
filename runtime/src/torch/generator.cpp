// generator.cpp - gtorch_generator.h: torch.Generator over ATen's CPU
// generator, and the factories that draw from one.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include "internal.h"

struct gt_generator {
  gt_obj h;
  at::Generator *g;
};

namespace {

void generator_drop(gt_obj *o) { delete reinterpret_cast<gt_generator *>(o)->g; }

at::Generator &gen_of(gt_generator *g) {
  if (!g) gt_throw("TypeError: generator must be a torch.Generator, not None");
  return *g->g;
}

std::vector<int64_t> dims_of(const gt_val *items, int64_t n) {
  std::vector<int64_t> d;
  for (int64_t i = 0; i < n; i++) d.push_back(items[i].i);
  return d;
}

at::TensorOptions options(gt_dtype_obj *dtype, gt_device *device, gt_dtype fallback) {
  gt_dtype t = gt_bind_dtype_value(dtype);
  return gt_options(t == GT_DTYPE_DEFAULT ? fallback : t, device);
}

}  // namespace

c10::optional<at::Generator> gt_generator_opt(gt_generator *g) {
  return g ? c10::optional<at::Generator>(*g->g) : c10::nullopt;
}

extern "C" const gt_class gt_generator_class = {"Generator", generator_drop, nullptr, nullptr, nullptr, nullptr, nullptr};

extern "C" gt_generator *gt_generator_new(const gt_device *device) {
  return GT_VALUE(gt_generator *, nullptr, ([&] {
    if (device && !gt_unwrap_device(device).is_cpu()) gt_throw("RuntimeError: torch.Generator here is a CPU generator");
    auto *g = static_cast<gt_generator *>(gt_alloc(sizeof(gt_generator), &gt_generator_class));
    g->g = new at::Generator(at::make_generator<at::CPUGeneratorImpl>());
    return g;
  }()));
}

extern "C" gt_generator *gt_generator_manual_seed(gt_generator *g, int64_t seed) {
  return GT_VALUE(gt_generator *, nullptr, ([&] {
    at::Generator &gen = gen_of(g);
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(static_cast<uint64_t>(seed));
    return static_cast<gt_generator *>(gt_retain(g));
  }()));
}

// torch.manual_seed(seed): seeds every default generator (at::manual_seed)
// and returns the default CPU one as a torch.Generator, as PyTorch's
// torch.manual_seed returns torch.default_generator.
extern "C" gt_generator *gt_bind_manual_seed(int64_t seed) {
  return GT_VALUE(gt_generator *, nullptr, ([&] {
    at::manual_seed(static_cast<uint64_t>(seed));
    auto *g = static_cast<gt_generator *>(gt_alloc(sizeof(gt_generator), &gt_generator_class));
    g->g = new at::Generator(at::detail::getDefaultCPUGenerator());
    return g;
  }()));
}

extern "C" int64_t gt_generator_initial_seed(gt_generator *g) {
  return GT_VALUE(int64_t, 0, static_cast<int64_t>(gen_of(g).current_seed()));
}

extern "C" int64_t gt_generator_seed(gt_generator *g) {
  return GT_VALUE(int64_t, 0, ([&] {
    at::Generator &gen = gen_of(g);
    std::lock_guard<std::mutex> lock(gen.mutex());
    return static_cast<int64_t>(gen.seed());
  }()));
}

extern "C" gt_tensor *gt_bind_randperm_gen(int64_t n, gt_generator *g, GT_BIND_OPTS) {
  return GT_TENSOR(gt_finish(at::randperm(n, gt_generator_opt(g), options(dtype, device, GT_INT64)), requires_grad));
}

extern "C" gt_tensor *gt_bind_rand_gen_n(const int64_t *size, int64_t n, gt_generator *g, GT_BIND_OPTS) {
  return GT_TENSOR(gt_finish(at::rand(at::IntArrayRef(size, n), gt_generator_opt(g), options(dtype, device, GT_DTYPE_DEFAULT)),
                             requires_grad));
}

extern "C" gt_tensor *gt_bind_rand_gen(const gt_list *size, gt_generator *g, GT_BIND_OPTS) {
  std::vector<int64_t> d = dims_of(size->items, gt_list_len(size));
  return gt_bind_rand_gen_n(d.data(), (int64_t)d.size(), g, dtype, device, requires_grad);
}

extern "C" gt_tensor *gt_bind_randn_gen_n(const int64_t *size, int64_t n, gt_generator *g, GT_BIND_OPTS) {
  return GT_TENSOR(gt_finish(at::randn(at::IntArrayRef(size, n), gt_generator_opt(g), options(dtype, device, GT_DTYPE_DEFAULT)),
                             requires_grad));
}

extern "C" gt_tensor *gt_bind_randn_gen(const gt_list *size, gt_generator *g, GT_BIND_OPTS) {
  std::vector<int64_t> d = dims_of(size->items, gt_list_len(size));
  return gt_bind_randn_gen_n(d.data(), (int64_t)d.size(), g, dtype, device, requires_grad);
}

extern "C" gt_tensor *gt_bind_randint_gen(int64_t low, int64_t high, const gt_list *size, gt_generator *g,
                                          GT_BIND_OPTS) {
  std::vector<int64_t> d = dims_of(size->items, gt_list_len(size));
  return GT_TENSOR(gt_finish(at::randint(low, high, d, gt_generator_opt(g), options(dtype, device, GT_INT64)), requires_grad));
}

extern "C" gt_tensor *gt_bind_randint_gen_t(int64_t low, int64_t high, const gt_tuple *size, gt_generator *g,
                                            GT_BIND_OPTS) {
  std::vector<int64_t> d = dims_of(size->items, size->len);
  return GT_TENSOR(gt_finish(at::randint(low, high, d, gt_generator_opt(g), options(dtype, device, GT_INT64)), requires_grad));
}

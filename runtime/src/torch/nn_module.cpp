// nn_module.cpp - the handle of a built-in layer: its named parameters and
// buffers, its training flag; and nn.Parameter. What works on every kind of
// module (forward, repr, train, to, the tree methods) is in nn_tree.cpp.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/module.h>

#include <mutex>
#include <typeinfo>

#include "nn_tree.h"

namespace {

void module_drop(gt_obj *o) {
  gt_module *m = (gt_module *)o;
  if (!m->s) return;
  for (gt_tensor *t : m->s->params) gt_release(t);
  for (gt_tensor *t : m->s->buffers) gt_release(t);
  gt_release_hooks(m->s->hooks);
  delete m->s;
  m->s = nullptr;
}

void check_index(int64_t i, size_t n, const char *what) {
  if (i < 0 || (size_t)i >= n)
    gt_throw("%s index %lld out of range (the module has %zu)", what, (long long)i, n);
}

}  // namespace

// str(m) and repr(m) are the same text in PyTorch.
extern "C" const gt_class gt_module_class = {"Module", module_drop, gt_module_repr_obj, gt_module_repr_obj,
                                             nullptr, nullptr, nullptr};

gt_module *gt_module_make(std::string type, std::string repr,
                          std::shared_ptr<torch::nn::Module> module,
                          gt_forward_fn forward) {
  auto s = std::make_unique<gt_module_state>();
  s->type = std::move(type);
  s->repr = std::move(repr);
  s->forward = std::move(forward);
  s->module = std::move(module);
  if (s->module) {
    for (const auto &p : s->module->named_parameters(/*recurse=*/true)) {
      if (!p.value().defined()) continue;  // bias=False registers an undefined tensor
      gt_param_mark(p.value());
      s->param_names.push_back(p.key());
      s->params.push_back(gt_wrap(p.value()));
    }
    for (const auto &b : s->module->named_buffers(/*recurse=*/true)) {
      if (!b.value().defined()) continue;
      s->buffer_names.push_back(b.key());
      s->buffers.push_back(gt_wrap(b.value()));
    }
  }
  gt_module *m = (gt_module *)gt_alloc(sizeof(gt_module), &gt_module_class);
  m->s = s.release();
  return m;
}

namespace {

// A copy of a libtorch module with new tensors of the same values.
// clone() makes the module anew (reset(), which draws initial weights from
// the default generator) and then overwrites its tensors; the draws are
// undone, so that the random stream goes on as after Python's deepcopy,
// which draws nothing.
std::shared_ptr<torch::nn::Module> clone_module(const torch::nn::Module &m) {
  if (typeid(m) == typeid(torch::nn::Module)) {  // a parameter-free layer's training flag
    auto copy = std::make_shared<torch::nn::Module>(m.name());
    copy->train(m.is_training());
    return copy;
  }
  at::Generator gen = at::detail::getDefaultCPUGenerator();
  at::Tensor state;
  {
    std::lock_guard<std::mutex> lock(gen.mutex());
    state = gen.get_state();
  }
  std::shared_ptr<torch::nn::Module> copy = m.clone();
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
  return copy;
}

}  // namespace

gt_module *gt_module_deepcopy(gt_module *m, gt_copier *c) {
  gt_module_state &s = gt_module_unwrap(m);
  auto module = s.module ? clone_module(*s.module) : nullptr;
  gt_owned<gt_module> copy(gt_module_make(s.type, s.repr, module, s.forward));
  gt_copier_add(c, m, copy.get());
  gt_module_state &t = *copy->s;
  t.attrs = s.attrs;
  if (t.param_names != s.param_names || t.buffer_names != s.buffer_names)
    gt_throw("copy.deepcopy: the copy of a %s has other tensors than the layer", s.type.c_str());
  for (size_t i = 0; i < s.params.size(); i++) {
    const at::Tensor &from = U(s.params[i]);
    if (auto *tied = static_cast<gt_tensor *>(gt_copier_find(c, gt_tensor_key(from)))) {
      if (s.param_names[i] != "weight")
        gt_throw("copy.deepcopy: a %s's '%s' is shared with another module", s.type.c_str(), s.param_names[i].c_str());
      gt_module_tie_weight(t, tied);  // shared with a layer copied before, as in the original
      continue;
    }
    U(t.params[i]).requires_grad_(from.requires_grad());  // a frozen layer's is false; no grad, as Python's
    gt_copier_add(c, gt_tensor_key(from), t.params[i]);
  }
  for (size_t i = 0; i < s.buffers.size(); i++) gt_copier_add(c, gt_tensor_key(U(s.buffers[i])), t.buffers[i]);
  return copy.release();
}

bool gt_module_is_builtin(const gt_module *m) { return m && m->h.cls == &gt_module_class; }

gt_module_state &gt_module_unwrap(gt_module *m) {
  if (!m) gt_throw("module is None");
  // A .gtp class deriving a layer (nn.Linear) does the layer's work with
  // the layer it made: its weight, its sizes.
  if (gt_module *layer = gt_module_layer_of(m)) m = layer;
  // Containers and other .gtp modules have no flat list of their own
  // tensors: their callers use the tree methods (named_parameters() ...).
  if (!gt_module_is_builtin(m)) gt_throw("expected a built-in layer, got %s", gt_module_type(m));
  if (!m->s) gt_throw("module is None");  // already dropped
  return *m->s;
}

void gt_builtin_train(gt_module_state &s, bool mode) {
  if (s.module) s.module->train(mode);
}

bool gt_builtin_is_training(const gt_module_state &s) { return s.module ? s.module->is_training() : true; }

// ---- parameters and buffers ------------------------------------------------------

extern "C" int64_t gt_module_num_parameters(gt_module *m) {
  return GT_VALUE(int64_t, -1, (int64_t)gt_module_unwrap(m).params.size());
}

extern "C" const char *gt_module_parameter_name(gt_module *m, int64_t i) {
  return GT_VALUE(const char *, nullptr, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    check_index(i, s.params.size(), "parameter");
                    return s.param_names[i].c_str();
                  }()));
}

extern "C" gt_tensor *gt_module_parameter(gt_module *m, int64_t i) {
  return GT_VALUE(gt_tensor *, nullptr, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    check_index(i, s.params.size(), "parameter");
                    return s.params[i];
                  }()));
}

extern "C" int64_t gt_module_num_buffers(gt_module *m) {
  return GT_VALUE(int64_t, -1, (int64_t)gt_module_unwrap(m).buffers.size());
}

extern "C" const char *gt_module_buffer_name(gt_module *m, int64_t i) {
  return GT_VALUE(const char *, nullptr, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    check_index(i, s.buffers.size(), "buffer");
                    return s.buffer_names[i].c_str();
                  }()));
}

extern "C" gt_tensor *gt_module_buffer(gt_module *m, int64_t i) {
  return GT_VALUE(gt_tensor *, nullptr, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    check_index(i, s.buffers.size(), "buffer");
                    return s.buffers[i];
                  }()));
}

extern "C" gt_tensor *gt_module_attr(gt_module *m, const char *name) {
  return GT_VALUE(gt_tensor *, nullptr, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    std::string n = name ? name : "";
                    for (size_t i = 0; i < s.params.size(); i++)
                      if (s.param_names[i] == n) return s.params[i];
                    for (size_t i = 0; i < s.buffers.size(); i++)
                      if (s.buffer_names[i] == n) return s.buffers[i];
                    gt_throw("'%s' object has no attribute '%s'", s.type.c_str(), n.c_str());
                  }()));
}

// ---- nn.Parameter ------------------------------------------------------------------

extern "C" gt_tensor *gt_nn_Parameter(gt_tensor *data, bool requires_grad) {
  return GT_TENSOR(([&] {
    // Python's Parameter(data) is data.detach() made a leaf with requires_grad.
    at::Tensor p = U(data).detach();
    p.requires_grad_(requires_grad);
    gt_param_mark(p);
    return p;
  }()));
}

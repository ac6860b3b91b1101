// nn_module.cpp - the gt_module handle: forward, named parameters and
// buffers, train/eval, to(); and nn.Parameter.
#include "nn_module.h"

#include <c10/core/DeviceType.h>

namespace {

void module_drop(gt_obj *o) {
  gt_module *m = (gt_module *)o;
  if (!m->s) return;
  for (gt_tensor *t : m->s->params) gt_release(t);
  for (gt_tensor *t : m->s->buffers) gt_release(t);
  delete m->s;
  m->s = nullptr;
}

gt_str *module_repr(gt_obj *o) { return gt_module_repr((gt_module *)o); }

void check_index(int64_t i, size_t n, const char *what) {
  if (i < 0 || (size_t)i >= n)
    gt_throw("%s index %lld out of range (the module has %zu)", what, (long long)i, n);
}

}  // namespace

extern "C" const gt_class gt_module_class = {"Module", module_drop, module_repr, module_repr, nullptr, nullptr};

gt_module *gt_module_make(std::string type, std::string repr,
                          std::shared_ptr<torch::nn::Module> module,
                          std::function<at::Tensor(const at::Tensor &)> forward) {
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

gt_module_state &gt_module_unwrap(gt_module *m) {
  if (!m || !m->s) gt_throw("module is None");
  return *m->s;
}

extern "C" gt_tensor *gt_module_forward(gt_module *m, gt_tensor *input) {
  return GT_TENSOR(([&] {
    gt_module_state &s = gt_module_unwrap(m);
    if (!s.forward) gt_throw("%s's forward takes more than one tensor", s.type.c_str());
    return s.forward(U(input));
  }()));
}

extern "C" const char *gt_module_type(const gt_module *m) {
  return m && m->s ? m->s->type.c_str() : "None";
}

extern "C" gt_str *gt_module_repr(gt_module *m) {
  return GT_VALUE(gt_str *, nullptr, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    return gt_str_new(s.repr.data(), (int64_t)s.repr.size());
                  }()));
}

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

// ---- modes and devices ---------------------------------------------------------

extern "C" int gt_module_train(gt_module *m, bool mode) {
  return GT_STATUS(([&] {
    gt_module_state &s = gt_module_unwrap(m);
    if (s.module) s.module->train(mode);
  }()));
}

extern "C" int gt_module_eval(gt_module *m) { return gt_module_train(m, false); }

extern "C" bool gt_module_is_training(gt_module *m) {
  return GT_VALUE(bool, false, ([&] {
                    gt_module_state &s = gt_module_unwrap(m);
                    return s.module ? s.module->is_training() : true;
                  }()));
}

extern "C" int gt_module_to(gt_module *m, const gt_device *device, int dtype) {
  return GT_STATUS(([&] {
    gt_module_state &s = gt_module_unwrap(m);
    auto st = gt_scalar_type_opt(dtype);
    if (st && !at::isFloatingType(*st) && !at::isComplexType(*st))
      gt_throw("nn.Module.to only accepts floating point or complex dtypes, but got desired "
               "dtype=%s", c10::toString(*st));
    // As Python's Module._apply: integer buffers (num_batches_tracked) keep
    // their dtype, grads move along, and set_data keeps every tensor's
    // identity, so the handles in s.params and s.buffers stay valid.
    auto move = [&](const at::Tensor &t) {
      auto o = t.options();
      if (device) o = o.device(gt_unwrap_device(device));
      if (st && (t.is_floating_point() || t.is_complex())) o = o.dtype(*st);
      return t.to(o);
    };
    at::NoGradGuard no_grad;
    for (gt_tensor *h : s.params) {
      at::Tensor &t = h->t;
      t.set_data(move(t));
      if (t.grad().defined()) t.mutable_grad() = move(t.grad());
    }
    for (gt_tensor *h : s.buffers) h->t.set_data(move(h->t));
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

// optim.cpp - torch.optim optimizers over libtorch's torch::optim, whose
// update rules are the same as Python's (1.13, single-tensor path), plus
// Python's argument checks, zero_grad and clip_grad_norm_.
#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/rmsprop.h>
#include <torch/optim/sgd.h>

#include <cmath>
#include <map>
#include <memory>
#include <unordered_set>

#include "internal.h"
#include "nn_internal.h"

namespace optim = torch::optim;

// Python's param groups are dicts: besides 'lr' (libtorch's options) a
// program or an lr scheduler may keep its own floats there ('initial_lr').
using GroupKeys = std::vector<std::map<std::string, double>>;

struct gt_optim {
  gt_obj h;
  optim::Optimizer *o;
  GroupKeys *keys;  // per group, the keys other than 'lr'
};

// optimizer.param_groups[i]: the optimizer and the index (groups are only
// ever added, so an index stays valid).
struct gt_param_group {
  gt_obj h;
  gt_optim *o;  // a reference
  int64_t index;
};

namespace {

void optim_drop(gt_obj *o) {
  delete ((gt_optim *)o)->o;
  ((gt_optim *)o)->o = nullptr;
  delete ((gt_optim *)o)->keys;
  ((gt_optim *)o)->keys = nullptr;
}

void param_group_drop(gt_obj *g) { gt_release(((gt_param_group *)g)->o); }

// Python's str(float) for messages.
std::string py(double x) { return gt_py_float(x); }

void check(bool ok, const char *what, double value) {
  if (!ok) gt_throw("Invalid %s: %s", what, py(value).c_str());
}

// The parameters of a new optimizer or param group, checked as Python does.
std::vector<at::Tensor> params_of(const gt_list *params) {
  std::vector<at::Tensor> ps = gt_tensor_list(params);
  if (ps.empty()) gt_throw("optimizer got an empty parameter list");
  for (const at::Tensor &p : ps)
    if (!p.is_leaf()) gt_throw("can't optimize a non-leaf Tensor");
  return ps;
}

void check_adam(double lr, double beta1, double beta2, double eps, double weight_decay) {
  check(lr >= 0, "learning rate", lr);
  check(eps >= 0, "epsilon value", eps);
  check(beta1 >= 0 && beta1 < 1, "beta parameter at index 0", beta1);
  check(beta2 >= 0 && beta2 < 1, "beta parameter at index 1", beta2);
  check(weight_decay >= 0, "weight_decay value", weight_decay);
}

gt_optim *make(optim::Optimizer *o) {
  gt_optim *h = (gt_optim *)gt_alloc(sizeof(gt_optim), &gt_optim_class);
  h->o = o;
  h->keys = new GroupKeys();
  return h;
}

optim::Optimizer &unwrap(gt_optim *o) {
  if (!o || !o->o) gt_throw("optimizer is None");
  return *o->o;
}

optim::OptimizerParamGroup &group(gt_optim *o, int64_t i) {
  auto &groups = unwrap(o).param_groups();
  if (i < 0 || (size_t)i >= groups.size()) gt_throw("list index out of range");
  return groups[i];
}

// torch.norm(t, p) as Python 1.13 runs it: _VF.norm over every dim.
at::Tensor norm(const at::Tensor &t, double p) {
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < t.dim(); i++) dims.push_back(i);
  return at::norm(t, p, dims, false);
}

}  // namespace

extern "C" const gt_class gt_optim_class = {"Optimizer", optim_drop, nullptr, nullptr, nullptr, nullptr, nullptr};
extern "C" const gt_class gt_param_group_class = {"ParamGroup", param_group_drop, nullptr, nullptr, nullptr,
                                                  nullptr, nullptr};

std::vector<at::Tensor> gt_tensor_list(const gt_list *params) {
  if (!params) gt_throw("expected a list of tensors, got None");
  std::vector<at::Tensor> out;
  for (int64_t i = 0; i < params->len; i++) out.push_back(U((gt_tensor *)params->items[i].p));
  return out;
}

// ---- constructors ----------------------------------------------------------------

extern "C" gt_optim *gt_optim_SGD(const gt_list *params, double lr, double momentum,
                                  double dampening, double weight_decay, bool nesterov) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check(lr >= 0, "learning rate", lr);
                    check(momentum >= 0, "momentum value", momentum);
                    check(weight_decay >= 0, "weight_decay value", weight_decay);
                    if (nesterov && (momentum <= 0 || dampening != 0))
                      gt_throw("Nesterov momentum requires a momentum and zero dampening");
                    auto o = optim::SGDOptions(lr).momentum(momentum).dampening(dampening);
                    o.weight_decay(weight_decay).nesterov(nesterov);
                    return make(new optim::SGD(params_of(params), o));
                  }()));
}

// Adam and AdamW take the same arguments and checks.
template <class Optimizer, class Options>
static gt_optim *adam_like(const gt_list *params, double lr, double beta1, double beta2, double eps,
                           double weight_decay, bool amsgrad) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    auto o = Options(lr).betas({beta1, beta2}).eps(eps);
                    o.weight_decay(weight_decay).amsgrad(amsgrad);
                    return make(new Optimizer(params_of(params), o));
                  }()));
}

extern "C" gt_optim *gt_optim_Adam(const gt_list *params, double lr, double beta1, double beta2,
                                   double eps, double weight_decay, bool amsgrad) {
  return adam_like<optim::Adam, optim::AdamOptions>(params, lr, beta1, beta2, eps, weight_decay, amsgrad);
}

extern "C" gt_optim *gt_optim_AdamW(const gt_list *params, double lr, double beta1, double beta2,
                                    double eps, double weight_decay, bool amsgrad) {
  return adam_like<optim::AdamW, optim::AdamWOptions>(params, lr, beta1, beta2, eps, weight_decay, amsgrad);
}

extern "C" gt_optim *gt_optim_RMSprop(const gt_list *params, double lr, double alpha, double eps,
                                      double weight_decay, double momentum, bool centered) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check(lr >= 0, "learning rate", lr);
                    check(eps >= 0, "epsilon value", eps);
                    check(momentum >= 0, "momentum value", momentum);
                    check(weight_decay >= 0, "weight_decay value", weight_decay);
                    check(alpha >= 0, "alpha value", alpha);
                    auto o = optim::RMSpropOptions(lr).alpha(alpha).eps(eps);
                    o.weight_decay(weight_decay).momentum(momentum).centered(centered);
                    return make(new optim::RMSprop(params_of(params), o));
                  }()));
}

extern "C" gt_optim *gt_optim_Adagrad(const gt_list *params, double lr, double lr_decay,
                                      double weight_decay, double initial_accumulator_value,
                                      double eps) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check(lr >= 0, "learning rate", lr);
                    check(lr_decay >= 0, "lr_decay value", lr_decay);
                    check(weight_decay >= 0, "weight_decay value", weight_decay);
                    check(initial_accumulator_value >= 0, "initial_accumulator_value value",
                          initial_accumulator_value);
                    check(eps >= 0, "epsilon value", eps);
                    auto o = optim::AdagradOptions(lr).lr_decay(lr_decay).weight_decay(weight_decay);
                    o.initial_accumulator_value(initial_accumulator_value).eps(eps);
                    return make(new optim::Adagrad(params_of(params), o));
                  }()));
}

// ---- use -------------------------------------------------------------------------

extern "C" int gt_optim_step(gt_optim *o) { return GT_STATUS(unwrap(o).step()); }

extern "C" int gt_optim_zero_grad(gt_optim *o, bool set_to_none) {
  return GT_STATUS(([&] {
    // Python 1.13's Optimizer.zero_grad.
    for (auto &g : unwrap(o).param_groups())
      for (auto &p : g.params()) {
        if (!p.grad().defined()) continue;
        if (set_to_none) {
          p.mutable_grad().reset();
          continue;
        }
        at::Tensor &grad = p.mutable_grad();
        if (grad.grad_fn()) grad.detach_();
        else grad.requires_grad_(false);
        grad.zero_();
      }
  }()));
}

extern "C" int gt_optim_add_param_group(gt_optim *o, const gt_list *params, double lr) {
  return GT_STATUS(([&] {
    optim::Optimizer &opt = unwrap(o);
    std::vector<at::Tensor> ps = params_of(params);
    std::unordered_set<c10::TensorImpl *> seen;
    for (auto &g : opt.param_groups())
      for (auto &p : g.params()) seen.insert(p.unsafeGetTensorImpl());
    for (auto &p : ps)
      if (seen.count(p.unsafeGetTensorImpl()))
        gt_throw("some parameters appear in more than one parameter group");
    std::unique_ptr<optim::OptimizerOptions> options = opt.defaults().clone();
    if (!std::isnan(lr)) {
      check(lr >= 0, "learning rate", lr);
      options->set_lr(lr);
    }
    opt.add_param_group(optim::OptimizerParamGroup(ps, std::move(options)));
  }()));
}

extern "C" int64_t gt_optim_num_param_groups(gt_optim *o) {
  return GT_VALUE(int64_t, -1, (int64_t)unwrap(o).param_groups().size());
}

extern "C" double gt_optim_get_lr(gt_optim *o, int64_t i) {
  return GT_VALUE(double, NAN, group(o, i).options().get_lr());
}

extern "C" int gt_optim_set_lr(gt_optim *o, int64_t i, double lr) {
  return GT_STATUS(group(o, i).options().set_lr(lr));
}

// ---- param groups as dicts ----------------------------------------------------------

namespace {

optim::OptimizerParamGroup &group_of(gt_param_group *g) {
  if (!g) gt_throw("param group is None");
  return group(g->o, g->index);
}

std::map<std::string, double> &keys_of(gt_param_group *g) {
  group_of(g);  // checks the index
  GroupKeys &k = *g->o->keys;
  if (k.size() <= (size_t)g->index) k.resize(g->index + 1);
  return k[g->index];
}

}  // namespace

extern "C" gt_list *gt_optim_param_groups(gt_optim *o) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    size_t n = unwrap(o).param_groups().size();
                    gt_list *l = gt_list_new(gt_type_list_of(&gt_t_obj), (int64_t)n);
                    for (size_t i = 0; i < n; i++) {
                      auto *g = (gt_param_group *)gt_alloc(sizeof(gt_param_group), &gt_param_group_class);
                      g->o = (gt_optim *)gt_retain(o);
                      g->index = (int64_t)i;
                      gt_list_append(l, gt_vp(g));  // retains
                      gt_release(g);
                    }
                    return l;
                  }()));
}

extern "C" double gt_param_group_get(gt_param_group *g, const char *key) {
  return GT_VALUE(double, NAN, ([&] {
                    std::string k = key ? key : "";
                    if (k == "lr") return group_of(g).options().get_lr();
                    auto &keys = keys_of(g);
                    auto it = keys.find(k);
                    if (it == keys.end()) gt_throw("KeyError: '%s'", k.c_str());
                    return it->second;
                  }()));
}

extern "C" int gt_param_group_set(gt_param_group *g, const char *key, double value) {
  return GT_STATUS(([&] {
    std::string k = key ? key : "";
    if (k == "lr") group_of(g).options().set_lr(value);
    else keys_of(g)[k] = value;
  }()));
}

extern "C" int gt_param_group_contains(gt_param_group *g, const char *key) {
  return GT_VALUE(int, -1, ([&] {
                    std::string k = key ? key : "";
                    return int(k == "lr" || keys_of(g).count(k));
                  }()));
}

// ---- torch.nn.utils.clip_grad_norm_ ------------------------------------------------

extern "C" gt_tensor *gt_clip_grad_norm_(const gt_list *params, double max_norm,
                                         double norm_type, bool error_if_nonfinite) {
  return GT_TENSOR(([&] {
    // Python 1.13's clip_grad_norm_, step for step.
    std::vector<at::Tensor> grads;
    for (const at::Tensor &p : gt_tensor_list(params))
      if (p.grad().defined()) grads.push_back(p.grad().detach());
    if (grads.empty()) return at::scalar_tensor(0.0);
    at::NoGradGuard no_grad;
    at::Device device = grads[0].device();
    std::vector<at::Tensor> norms;
    at::Tensor total;
    if (std::isinf(norm_type) && norm_type > 0) {
      for (auto &g : grads) norms.push_back(g.abs().max().to(device));
      total = norms.size() == 1 ? norms[0] : at::stack(norms).max();
    } else {
      for (auto &g : grads) norms.push_back(norm(g, norm_type).to(device));
      total = norm(at::stack(norms), norm_type);
    }
    if (error_if_nonfinite && at::logical_or(total.isnan(), total.isinf()).item<bool>())
      gt_throw("The total norm of order %s for gradients from `parameters` is non-finite, so it "
               "cannot be clipped. To disable this error and scale the gradients by the "
               "non-finite norm anyway, set `error_if_nonfinite=False`",
               py(norm_type).c_str());
    at::Tensor coef = at::clamp(max_norm / (total + 1e-6), c10::nullopt, 1.0);
    for (auto &g : grads) g.mul_(coef.to(g.device()));
    return total;
  }()));
}

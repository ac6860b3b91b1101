// optim.cpp - torch.optim optimizers over libtorch's torch::optim, whose
// update rules are the same as Python's (1.13, single-tensor path), those
// libtorch lacks written after Python's, plus Python's argument checks,
// zero_grad and clip_grad_norm_.
#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/lbfgs.h>
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

// Python's ValueError for an out-of-range setting.
void check(bool ok, const char *what, double value) {
  if (!ok) gt_throw("ValueError: Invalid %s: %s", what, py(value).c_str());
}

// The parameters of a new optimizer or param group, checked as Python does.
std::vector<at::Tensor> params_of(const gt_list *params) {
  std::vector<at::Tensor> ps = gt_tensor_list(params);
  if (ps.empty()) gt_throw("ValueError: optimizer got an empty parameter list");
  for (const at::Tensor &p : ps)
    if (!p.is_leaf()) gt_throw("ValueError: can't optimize a non-leaf Tensor");
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
                      gt_throw("ValueError: Nesterov momentum requires a momentum and zero dampening");
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

extern "C" gt_optim *gt_optim_LBFGS(const gt_list *params, double lr, int64_t max_iter, int64_t max_eval,
                                    double tolerance_grad, double tolerance_change, int64_t history_size,
                                    const char *line_search_fn) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    auto o = optim::LBFGSOptions(lr).max_iter(max_iter).tolerance_grad(tolerance_grad);
                    o.tolerance_change(tolerance_change).history_size(history_size);
                    // Python's max_eval=None is max_iter * 5 // 4.
                    o.max_eval(max_eval == GT_NONE_INT ? max_iter * 5 / 4 : max_eval);
                    if (line_search_fn) {
                      if (std::string(line_search_fn) != "strong_wolfe")
                        gt_throw("only 'strong_wolfe' is supported");
                      o.line_search_fn(std::string(line_search_fn));
                    }
                    return make(new optim::LBFGS(params_of(params), o));
                  }()));
}

// ---- the optimizers libtorch lacks ---------------------------------------------------
//
// Adadelta, Adamax, NAdam and RAdam: PyTorch 1.13's single-tensor update
// rules (torch/optim/*.py), op for op, over an optimizer that only keeps
// the groups and each parameter's state. The step count and NAdam's
// mu_product are float32 tensors as in Python, so that their roundings
// are Python's too.

namespace {

// A group's lr and the algorithm's other settings, in the rule's order.
struct RuleOptions : optim::OptimizerCloneableOptions<RuleOptions> {
  double lr = 0;
  std::vector<double> hyper;
  double get_lr() const override { return lr; }
  void set_lr(const double v) override { lr = v; }
};

struct RuleState {
  at::Tensor step, mu_product;       // float32 scalars, as Python keeps them
  std::vector<at::Tensor> bufs;      // exp_avg, exp_avg_sq, ... zeros_like(p)
};

using Rule = void (*)(const RuleOptions &o, at::Tensor &p, at::Tensor grad, RuleState &s);

class RuleOptimizer : public optim::Optimizer {
 public:
  RuleOptimizer(std::vector<at::Tensor> params, const RuleOptions &o, Rule rule, int nbufs)
      : Optimizer({optim::OptimizerParamGroup(std::move(params))}, std::make_unique<RuleOptions>(o)),
        rule_(rule), nbufs_(nbufs) {}

  at::Tensor step(LossClosure closure = nullptr) override {
    at::NoGradGuard no_grad;
    at::Tensor loss;
    if (closure) {
      at::AutoGradMode enable_grad(true);
      loss = closure();
    }
    for (auto &g : param_groups_) {
      const auto &o = static_cast<const RuleOptions &>(g.options());
      for (auto &p : g.params()) {
        if (!p.grad().defined()) continue;
        if (p.grad().is_sparse()) gt_throw("This optimizer does not support sparse gradients");
        rule_(o, p, p.grad(), state_of(p));
      }
    }
    return loss;
  }

 private:
  RuleState &state_of(const at::Tensor &p) {
    auto it = states_.find(p.unsafeGetTensorImpl());
    if (it != states_.end()) return it->second;
    RuleState s;
    s.step = at::zeros({}, at::kFloat);
    s.mu_product = at::ones({}, at::kFloat);
    for (int i = 0; i < nbufs_; i++) s.bufs.push_back(at::zeros_like(p, at::MemoryFormat::Preserve));
    return states_.emplace(p.unsafeGetTensorImpl(), std::move(s)).first->second;
  }

  Rule rule_;
  int nbufs_;
  std::map<c10::TensorImpl *, RuleState> states_;
};

// step_t += 1; step = step_t.item()
double next_step(RuleState &s) {
  s.step.add_(1);
  return s.step.item<double>();
}

// hyper: rho, eps, weight_decay, maximize
void adadelta_rule(const RuleOptions &o, at::Tensor &param, at::Tensor grad, RuleState &s) {
  double rho = o.hyper[0], eps = o.hyper[1], weight_decay = o.hyper[2];
  if (o.hyper[3] != 0) grad = -grad;
  if (weight_decay != 0) grad = grad.add(param, weight_decay);
  at::Tensor &square_avg = s.bufs[0], &acc_delta = s.bufs[1];
  square_avg.mul_(rho).addcmul_(grad, grad, 1 - rho);
  at::Tensor std = square_avg.add(eps).sqrt_();
  at::Tensor delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad);
  acc_delta.mul_(rho).addcmul_(delta, delta, 1 - rho);
  param.add_(delta, -o.lr);
}

// hyper: beta1, beta2, eps, weight_decay, maximize
void adamax_rule(const RuleOptions &o, at::Tensor &param, at::Tensor grad, RuleState &s) {
  double beta1 = o.hyper[0], beta2 = o.hyper[1], eps = o.hyper[2], weight_decay = o.hyper[3];
  if (o.hyper[4] != 0) grad = -grad;
  at::Tensor &exp_avg = s.bufs[0], &exp_inf = s.bufs[1];
  double step = next_step(s);
  if (weight_decay != 0) grad = grad.add(param, weight_decay);
  exp_avg.mul_(beta1).add_(grad, 1 - beta1);
  at::Tensor norm_buf = at::cat({exp_inf.mul_(beta2).unsqueeze(0), grad.abs().add_(eps).unsqueeze_(0)}, 0);
  at::amax_out(exp_inf, norm_buf, {0}, false);
  double bias_correction = 1 - std::pow(beta1, step);
  double clr = o.lr / bias_correction;
  param.addcdiv_(exp_avg, exp_inf, -clr);
}

// hyper: beta1, beta2, eps, weight_decay, momentum_decay
void nadam_rule(const RuleOptions &o, at::Tensor &param, at::Tensor grad, RuleState &s) {
  double beta1 = o.hyper[0], beta2 = o.hyper[1], eps = o.hyper[2], weight_decay = o.hyper[3];
  double momentum_decay = o.hyper[4];
  at::Tensor &exp_avg = s.bufs[0], &exp_avg_sq = s.bufs[1];
  double step = next_step(s);
  double bias_correction2 = 1 - std::pow(beta2, step);
  if (weight_decay != 0) grad = grad.add(param, weight_decay);
  double mu = beta1 * (1. - 0.5 * std::pow(0.96, step * momentum_decay));
  double mu_next = beta1 * (1. - 0.5 * std::pow(0.96, (step + 1) * momentum_decay));
  s.mu_product.mul_(mu);
  at::Tensor mu_product_next = s.mu_product * mu * mu_next;
  exp_avg.mul_(beta1).add_(grad, 1 - beta1);
  exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
  at::Tensor denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps);
  param.addcdiv_(grad, denom, -o.lr * (1. - mu) / (1. - s.mu_product.item<double>()));
  param.addcdiv_(exp_avg, denom, -o.lr * mu_next / (1. - mu_product_next.item<double>()));
}

// hyper: beta1, beta2, eps, weight_decay
void radam_rule(const RuleOptions &o, at::Tensor &param, at::Tensor grad, RuleState &s) {
  double beta1 = o.hyper[0], beta2 = o.hyper[1], eps = o.hyper[2], weight_decay = o.hyper[3];
  at::Tensor &exp_avg = s.bufs[0], &exp_avg_sq = s.bufs[1];
  double step = next_step(s);
  double bias_correction1 = 1 - std::pow(beta1, step);
  double bias_correction2 = 1 - std::pow(beta2, step);
  if (weight_decay != 0) grad = grad.add(param, weight_decay);
  exp_avg.mul_(beta1).add_(grad, 1 - beta1);
  exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
  at::Tensor bias_corrected_exp_avg = exp_avg / bias_correction1;
  double rho_inf = 2 / (1 - beta2) - 1;
  double rho_t = rho_inf - 2 * step * std::pow(beta2, step) / bias_correction2;
  if (rho_t > 5.) {
    double rect = std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
    at::Tensor adaptive_lr = std::sqrt(bias_correction2) / exp_avg_sq.sqrt().add_(eps);
    param.add_(bias_corrected_exp_avg * o.lr * adaptive_lr * rect, -1.0);
  } else {
    param.add_(bias_corrected_exp_avg * o.lr, -1.0);
  }
}

gt_optim *make_rule(const gt_list *params, double lr, std::vector<double> hyper, Rule rule) {
  RuleOptions o;
  o.lr = lr;
  o.hyper = std::move(hyper);
  return make(new RuleOptimizer(params_of(params), o, rule, 2));
}

}  // namespace

extern "C" gt_optim *gt_optim_Adadelta(const gt_list *params, double lr, double rho, double eps,
                                       double weight_decay, bool maximize) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check(lr >= 0, "learning rate", lr);
                    check(rho >= 0 && rho <= 1, "rho value", rho);
                    check(eps >= 0, "epsilon value", eps);
                    check(weight_decay >= 0, "weight_decay value", weight_decay);
                    return make_rule(params, lr, {rho, eps, weight_decay, maximize ? 1.0 : 0.0}, adadelta_rule);
                  }()));
}

extern "C" gt_optim *gt_optim_Adamax(const gt_list *params, double lr, double beta1, double beta2,
                                     double eps, double weight_decay, bool maximize) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    return make_rule(params, lr, {beta1, beta2, eps, weight_decay, maximize ? 1.0 : 0.0},
                                     adamax_rule);
                  }()));
}

extern "C" gt_optim *gt_optim_NAdam(const gt_list *params, double lr, double beta1, double beta2,
                                    double eps, double weight_decay, double momentum_decay) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    check(momentum_decay >= 0, "momentum_decay value", momentum_decay);
                    return make_rule(params, lr, {beta1, beta2, eps, weight_decay, momentum_decay}, nadam_rule);
                  }()));
}

extern "C" gt_optim *gt_optim_RAdam(const gt_list *params, double lr, double beta1, double beta2,
                                    double eps, double weight_decay) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    return make_rule(params, lr, {beta1, beta2, eps, weight_decay}, radam_rule);
                  }()));
}

// ---- use -------------------------------------------------------------------------

extern "C" int gt_optim_step(gt_optim *o) { return GT_STATUS(unwrap(o).step()); }

namespace {

// The program's closure, called from inside libtorch's step: an exception
// it raises must not unwind the C++ frames (gt_call_guarded); it fails the
// step, which raises it on where the step returns.
struct ClosureCall {
  gt_tensor *(*fn)(void);
  gt_tensor *loss;
};

void call_closure(void *c) {
  auto *k = static_cast<ClosureCall *>(c);
  k->loss = k->fn();
}

at::Tensor run_closure(gt_tensor *(*fn)(void)) {
  ClosureCall k{fn, nullptr};
  if (!gt_call_guarded(call_closure, &k)) gt_throw("the closure raised an exception");
  if (!k.loss) gt_throw("TypeError: the closure returned None, not a Tensor");
  at::Tensor loss = U(k.loss);
  gt_release(k.loss);
  return loss;
}

}  // namespace

extern "C" gt_tensor *gt_optim_step_closure(gt_optim *o, gt_tensor *(*closure)(void)) {
  return GT_TENSOR(([&] {
    if (!closure) gt_throw("TypeError: the closure is None");
    at::Tensor loss = unwrap(o).step([closure]() { return run_closure(closure); });
    return loss;
  }()));
}

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
        gt_throw("ValueError: some parameters appear in more than one parameter group");
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

// The hyper-parameters OneCycleLR cycles, which live in libtorch's options:
// 'momentum' (SGD, RMSprop) and 'beta1', the first of Adam's and AdamW's
// betas (Python's group['betas'][0]). NULL where the group has no such key.
double *option_slot(gt_param_group *g, const std::string &key) {
  auto &opts = group_of(g).options();
  if (key == "momentum") {
    if (auto *sgd = dynamic_cast<optim::SGDOptions *>(&opts)) return &sgd->momentum();
    if (auto *rms = dynamic_cast<optim::RMSpropOptions *>(&opts)) return &rms->momentum();
  } else if (key == "beta1") {
    if (auto *adam = dynamic_cast<optim::AdamOptions *>(&opts)) return &std::get<0>(adam->betas());
    if (auto *adamw = dynamic_cast<optim::AdamWOptions *>(&opts)) return &std::get<0>(adamw->betas());
  }
  return nullptr;
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
                    if (double *slot = option_slot(g, k)) return *slot;
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
    else if (double *slot = option_slot(g, k)) *slot = value;
    else keys_of(g)[k] = value;
  }()));
}

extern "C" int gt_param_group_contains(gt_param_group *g, const char *key) {
  return GT_VALUE(int, -1, ([&] {
                    std::string k = key ? key : "";
                    return int(k == "lr" || option_slot(g, k) || keys_of(g).count(k));
                  }()));
}

// ---- torch.nn.utils.clip_grad_norm_ ------------------------------------------------

// torch.nn.utils.clip_grad_value_: each grad clamped in place.
extern "C" int gt_clip_grad_value_(const gt_list *params, double clip_value) {
  return GT_STATUS(([&] {
    at::NoGradGuard no_grad;
    for (const at::Tensor &p : gt_tensor_list(params))
      if (p.grad().defined()) p.grad().clamp_(-clip_value, clip_value);
  }()));
}

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

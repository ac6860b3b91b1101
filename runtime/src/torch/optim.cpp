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
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include "internal.h"
#include "optim_lbfgs.h"
#include "nn_internal.h"
#include "state_internal.h"

namespace optim = torch::optim;

// Python's param groups are dicts: besides 'lr' (libtorch's options) a
// program or an lr scheduler may keep its own floats there ('initial_lr'),
// in the order they were set, as a dict keeps them.
using GroupKeys = std::vector<std::vector<std::pair<std::string, double>>>;

struct gt_optim {
  gt_obj h;
  optim::Optimizer *o;
  GroupKeys *keys;  // per group, the keys other than 'lr'
  // The parameters a step has seen with a gradient: Python gives each a
  // state (SGD's {'momentum_buffer': None} without momentum, which libtorch
  // keeps no state for).
  std::unordered_set<c10::TensorImpl *> *stepped;
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
  delete ((gt_optim *)o)->stepped;
  ((gt_optim *)o)->stepped = nullptr;
}

void param_group_drop(gt_obj *g) { gt_release(((gt_param_group *)g)->o); }

// Python's str(float) for messages.
std::string py(double x) { return gt_py_float(x); }

// Python's ValueError for an out-of-range setting.
void check(bool ok, const char *what, double value) {
  if (!ok) gt_throw("ValueError: Invalid %s: %s", what, py(value).c_str());
}

// The parameters of a new optimizer or param group, checked as Python does.
// Is params a list of param group dicts ([{"params": [...], "lr": 1e-3}, ...])?
bool grouped(const gt_list *params) {
  return params && params->len > 0 && params->items[0].p &&
         static_cast<gt_obj *>(params->items[0].p)->cls == &gt_state_class;
}

// A param group dict's "params": a list of tensors, or one tensor (PyTorch's
// add_param_group takes either; KeyError where it has none).
std::vector<at::Tensor> group_params(const GenericDict &g) {
  const c10::IValue &v = gt_state_item(g, "params");
  if (v.isTensor()) return {v.toTensor()};
  if (!v.isList()) gt_throw("TypeError: a param group's 'params' is a %s, not a list of tensors", gt_state_kind(v));
  std::vector<at::Tensor> ps;
  for (const c10::IValue &p : v.toListRef()) {
    if (!p.isTensor()) gt_throw("TypeError: optimizer can only optimize Tensors, but one of the params is %s", gt_state_kind(p));
    ps.push_back(p.toTensor());
  }
  return ps;
}

// The parameters of a new optimizer: the list's tensors, or all the tensors
// of its param group dicts (make() splits them into the groups).
std::vector<at::Tensor> all_params(const gt_list *params) {
  if (!grouped(params)) return gt_tensor_list(params);
  std::vector<at::Tensor> ps;
  for (int64_t i = 0; i < params->len; i++) {
    auto *o = static_cast<gt_obj *>(params->items[i].p);
    if (!o || o->cls != &gt_state_class) gt_throw("TypeError: param groups must be dicts, and all of them");
    for (at::Tensor &p : group_params(gt_state_of(reinterpret_cast<gt_state *>(o)))) ps.push_back(p);
  }
  return ps;
}

std::vector<at::Tensor> params_of(const gt_list *params) {
  std::vector<at::Tensor> ps = all_params(params);
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

void set_groups(gt_optim *h, const gt_list *params);

// A new handle on o, which was made with all of params' tensors in one
// group: where params are param group dicts, its groups become theirs.
gt_optim *make(optim::Optimizer *o, const gt_list *params) {
  gt_optim *h = (gt_optim *)gt_alloc(sizeof(gt_optim), &gt_optim_class);
  h->o = o;
  h->keys = new GroupKeys();
  h->stepped = new std::unordered_set<c10::TensorImpl *>();
  if (!grouped(params)) return h;
  try {
    set_groups(h, params);
  } catch (...) {
    gt_release(h);
    throw;
  }
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

namespace {
gt_str *optim_repr(gt_obj *self);  // with the state dicts, below
}

extern "C" const gt_class gt_optim_class = {"Optimizer", optim_drop, optim_repr, optim_repr, nullptr, nullptr, nullptr};
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
                    return make(new optim::SGD(params_of(params), o), params);
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
                    return make(new Optimizer(params_of(params), o), params);
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
                    return make(new optim::RMSprop(params_of(params), o), params);
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
                    return make(new optim::Adagrad(params_of(params), o), params);
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
                    return make(gt_lbfgs_new(params_of(params), o), params);
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

enum RuleKind { ADADELTA, ADAMAX, NADAM, RADAM };

// A group's lr and the algorithm's other settings, in the rule's order.
struct RuleOptions : optim::OptimizerCloneableOptions<RuleOptions> {
  double lr = 0;
  std::vector<double> hyper;
  RuleKind kind = ADADELTA;
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

  // Each parameter's state (state_dict, load_state_dict).
  std::map<c10::TensorImpl *, RuleState> &states() { return states_; }

  // The state a parameter starts with, as Python's first step makes it.
  RuleState fresh_state(const at::Tensor &p) const {
    RuleState s;
    s.step = at::zeros({}, at::kFloat);
    s.mu_product = at::ones({}, at::kFloat);
    for (int i = 0; i < nbufs_; i++) s.bufs.push_back(at::zeros_like(p, at::MemoryFormat::Preserve));
    return s;
  }

 private:
  RuleState &state_of(const at::Tensor &p) {
    auto it = states_.find(p.unsafeGetTensorImpl());
    if (it != states_.end()) return it->second;
    return states_.emplace(p.unsafeGetTensorImpl(), fresh_state(p)).first->second;
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
  next_step(s);  // Python counts Adadelta's steps (its state_dict has them) though the rule needs none
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

gt_optim *make_rule(const gt_list *params, double lr, std::vector<double> hyper, Rule rule, RuleKind kind) {
  RuleOptions o;
  o.lr = lr;
  o.hyper = std::move(hyper);
  o.kind = kind;
  return make(new RuleOptimizer(params_of(params), o, rule, 2), params);
}

}  // namespace

extern "C" gt_optim *gt_optim_Adadelta(const gt_list *params, double lr, double rho, double eps,
                                       double weight_decay, bool maximize) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check(lr >= 0, "learning rate", lr);
                    check(rho >= 0 && rho <= 1, "rho value", rho);
                    check(eps >= 0, "epsilon value", eps);
                    check(weight_decay >= 0, "weight_decay value", weight_decay);
                    return make_rule(params, lr, {rho, eps, weight_decay, maximize ? 1.0 : 0.0}, adadelta_rule, ADADELTA);
                  }()));
}

extern "C" gt_optim *gt_optim_Adamax(const gt_list *params, double lr, double beta1, double beta2,
                                     double eps, double weight_decay, bool maximize) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    return make_rule(params, lr, {beta1, beta2, eps, weight_decay, maximize ? 1.0 : 0.0},
                                     adamax_rule, ADAMAX);
                  }()));
}

extern "C" gt_optim *gt_optim_NAdam(const gt_list *params, double lr, double beta1, double beta2,
                                    double eps, double weight_decay, double momentum_decay) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    check(momentum_decay >= 0, "momentum_decay value", momentum_decay);
                    return make_rule(params, lr, {beta1, beta2, eps, weight_decay, momentum_decay}, nadam_rule, NADAM);
                  }()));
}

extern "C" gt_optim *gt_optim_RAdam(const gt_list *params, double lr, double beta1, double beta2,
                                    double eps, double weight_decay) {
  return GT_VALUE(gt_optim *, nullptr, ([&] {
                    check_adam(lr, beta1, beta2, eps, weight_decay);
                    return make_rule(params, lr, {beta1, beta2, eps, weight_decay}, radam_rule, RADAM);
                  }()));
}

// ---- use -------------------------------------------------------------------------

namespace {

// Notes the parameters this step updates (gt_optim.stepped).
optim::Optimizer &stepping(gt_optim *o) {
  optim::Optimizer &opt = unwrap(o);
  for (auto &g : opt.param_groups())
    for (auto &p : g.params())
      if (p.grad().defined()) o->stepped->insert(p.unsafeGetTensorImpl());
  return opt;
}

}  // namespace

extern "C" int gt_optim_step(gt_optim *o) { return GT_STATUS(stepping(o).step()); }

namespace {

// The program's closure, called from inside libtorch's step: an exception
// it raises must not unwind the C++ frames (gt_call_guarded); it fails the
// step, which raises it on where the step returns.
struct ClosureCall {
  gt_tensor *(*fn)(void);  // a C caller's closure, or
  gt_fn *value;            // the program's Callable[[], Tensor]
  gt_tensor *loss;
};

void call_closure(void *c) {
  auto *k = static_cast<ClosureCall *>(c);
  k->loss = k->value ? reinterpret_cast<gt_tensor *(*)(gt_fn *)>(k->value->code)(k->value) : k->fn();
}

at::Tensor run_closure(gt_tensor *(*fn)(void), gt_fn *value) {
  ClosureCall k{fn, value, nullptr};
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
    at::Tensor loss = stepping(o).step([closure]() { return run_closure(closure, nullptr); });
    return loss;
  }()));
}

extern "C" gt_tensor *gt_optim_step_callable(gt_optim *o, gt_fn *closure) {
  return GT_TENSOR(([&] {
    if (!closure) gt_throw("TypeError: the closure is None");
    at::Tensor loss = stepping(o).step([closure]() { return run_closure(nullptr, closure); });
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

std::vector<std::pair<std::string, double>> &keys_of(gt_optim *o, int64_t index) {
  group(o, index);  // checks the index
  GroupKeys &k = *o->keys;
  if (k.size() <= (size_t)index) k.resize(index + 1);
  return k[index];
}

std::vector<std::pair<std::string, double>> &keys_of(gt_param_group *g) {
  if (!g) gt_throw("param group is None");
  return keys_of(g->o, g->index);
}

// A number setting of the optimizer's in a group's options by its key in
// PyTorch's dict ('weight_decay', 'eps', 'nesterov'): false where it has
// none of that name (defined with the state dicts, below).
bool setting_get(optim::OptimizerOptions &o, const std::string &key, double *value);
bool setting_set(optim::OptimizerOptions &o, const std::string &key, double value);

// The value of a program's key in a group, or NULL.
double *find_key(std::vector<std::pair<std::string, double>> &keys, const std::string &k) {
  for (auto &kv : keys)
    if (kv.first == k) return &kv.second;
  return nullptr;
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
                    double setting;
                    if (setting_get(group_of(g).options(), k, &setting)) return setting;
                    double *v = find_key(keys_of(g), k);
                    if (!v) gt_throw("KeyError: '%s'", k.c_str());
                    return *v;
                  }()));
}

extern "C" int gt_param_group_set(gt_param_group *g, const char *key, double value) {
  return GT_STATUS(([&] {
    std::string k = key ? key : "";
    if (k == "lr") group_of(g).options().set_lr(value);
    else if (double *slot = option_slot(g, k)) *slot = value;
    else if (setting_set(group_of(g).options(), k, value)) return;
    else if (double *slot = find_key(keys_of(g), k)) *slot = value;
    else keys_of(g).emplace_back(k, value);
  }()));
}

extern "C" int gt_param_group_contains(gt_param_group *g, const char *key) {
  return GT_VALUE(int, -1, ([&] {
                    std::string k = key ? key : "";
                    double setting;
                    return int(k == "lr" || option_slot(g, k) || setting_get(group_of(g).options(), k, &setting) ||
                               find_key(keys_of(g), k));
                  }()));
}

// group["params"]: a list of the group's tensors (the same tensors, so a
// grad set through one is the parameter's).
extern "C" gt_list *gt_bind_param_group_params(gt_param_group *g, const gt_str *) {
  gt_list *l = GT_VALUE(gt_list *, nullptr, gt_wrap_list(group_of(g).params()));
  if (!l) gt_fail("%s", gt_last_error());
  return l;
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

// ---- state_dict() and load_state_dict() ------------------------------------------
//
// PyTorch 1.13's form: {'state': {index: {name: value}}, 'param_groups':
// [{key: value, ..., 'params': [index, ...]}]}, the parameters numbered
// across the groups in order, each group's keys in the order Python's
// optimizer sets them. Loading checks what Python checks (the number of
// groups and of each group's parameters), reads every key this optimizer
// needs (a dict of another optimizer's is PyTorch's KeyError of its first
// step, given here at once) and changes nothing unless all of it fits.

namespace {

using ParamStates = ska::flat_hash_map<std::string, std::unique_ptr<optim::OptimizerParamState>>;

double number(const c10::IValue &v, const char *key) {
  if (v.isDouble()) return v.toDouble();
  if (v.isInt()) return (double)v.toInt();
  if (v.isBool()) return v.toBool();
  gt_throw("TypeError: '%s' of the loaded param group is a %s, not a number", key, v.tagKind().c_str());
}

int64_t integer(const c10::IValue &v, const char *key) {
  if (v.isInt()) return v.toInt();
  if (v.isBool()) return v.toBool();
  if (v.isTensor() && v.toTensor().numel() == 1) return (int64_t)v.toTensor().item<double>();
  gt_throw("TypeError: '%s' of the loaded state is a %s, not an int", key, v.tagKind().c_str());
}

// A group's hyper-parameters, each under PyTorch's key: written into a dict
// (out) or read from one (in) into a copy of the group's options.
struct GroupIO {
  GenericDict *out = nullptr;
  const GenericDict *in = nullptr;
  bool partial = false;  // in: a param group dict of the program's, whose missing keys keep the defaults

  bool skips(const char *key) const { return !out && partial && !in->contains(std::string(key)); }

  // A float; written as an int where it equals PyTorch's default and that
  // default is an int (SGD's momentum=0), as Python's dict would hold it.
  void num(const char *key, double &slot, double int_default = NAN) {
    if (skips(key)) return;
    if (out) {
      if (slot == int_default) out->insert(key, (int64_t)slot);
      else out->insert(key, slot);
    } else {
      slot = number(gt_state_item(*in, key), key);
    }
  }
  void whole(const char *key, int64_t &slot) {
    if (skips(key)) return;
    if (out) out->insert(key, slot);
    else slot = integer(gt_state_item(*in, key), key);
  }
  void flag(const char *key, bool &slot) {
    if (skips(key)) return;
    if (out) out->insert(key, slot);
    else slot = number(gt_state_item(*in, key), key) != 0;
  }
  // A bool the rule optimizers keep as 0.0 or 1.0.
  void flag(const char *key, double &slot) {
    bool b = slot != 0;
    flag(key, b);
    slot = b ? 1.0 : 0.0;
  }
  void betas(double &beta1, double &beta2) {
    if (skips("betas")) return;
    if (out) {
      out->insert("betas", c10::ivalue::Tuple::create({beta1, beta2}));
      return;
    }
    const c10::IValue &v = gt_state_item(*in, "betas");
    if (!v.isTuple() && !v.isList()) gt_throw("TypeError: 'betas' of the loaded param group is not a pair");
    std::vector<c10::IValue> items =
        v.isTuple() ? v.toTupleRef().elements().vec() : std::vector<c10::IValue>(v.toListRef().begin(), v.toListRef().end());
    if (items.size() != 2) gt_throw("ValueError: not enough values to unpack (expected 2, got %d)", (int)items.size());
    beta1 = number(items[0], "betas");
    beta2 = number(items[1], "betas");
  }
  void betas(std::tuple<double, double> &slot) { betas(std::get<0>(slot), std::get<1>(slot)); }
  // A key libtorch has no setting for, written as PyTorch's default; only
  // maximize changes the steps, and this optimizer cannot maximize.
  void fixed(const char *key, c10::IValue v) {
    if (out) {
      out->insert(key, std::move(v));
      return;
    }
    auto it = in->find(key);
    if (std::string(key) == "maximize" && it != in->end() && number(it->value(), key) != 0)
      gt_throw("ValueError: this optimizer cannot maximize (the loaded param group has maximize=True)");
  }
};

const c10::IValue none;

void sgd_fields(optim::SGDOptions &o, GroupIO &io) {
  io.num("lr", o.lr());
  io.num("momentum", o.momentum(), 0);
  io.num("dampening", o.dampening(), 0);
  io.num("weight_decay", o.weight_decay(), 0);
  io.flag("nesterov", o.nesterov());
  io.fixed("maximize", false);
  io.fixed("foreach", none);
  io.fixed("differentiable", false);
}

void adam_fields(optim::AdamOptions &o, GroupIO &io) {
  io.num("lr", o.lr());
  io.betas(o.betas());
  io.num("eps", o.eps());
  io.num("weight_decay", o.weight_decay(), 0);
  io.flag("amsgrad", o.amsgrad());
  io.fixed("maximize", false);
  io.fixed("foreach", none);
  io.fixed("capturable", false);
  io.fixed("differentiable", false);
  io.fixed("fused", false);
}

void adamw_fields(optim::AdamWOptions &o, GroupIO &io) {
  io.num("lr", o.lr());
  io.betas(o.betas());
  io.num("eps", o.eps());
  io.num("weight_decay", o.weight_decay());
  io.flag("amsgrad", o.amsgrad());
  io.fixed("foreach", none);
  io.fixed("maximize", false);
  io.fixed("capturable", false);
}

void rmsprop_fields(optim::RMSpropOptions &o, GroupIO &io) {
  io.num("lr", o.lr());
  io.num("momentum", o.momentum(), 0);
  io.num("alpha", o.alpha());
  io.num("eps", o.eps());
  io.flag("centered", o.centered());
  io.num("weight_decay", o.weight_decay(), 0);
  io.fixed("foreach", none);
  io.fixed("maximize", false);
  io.fixed("differentiable", false);
}

void adagrad_fields(optim::AdagradOptions &o, GroupIO &io) {
  io.num("lr", o.lr());
  io.num("lr_decay", o.lr_decay(), 0);
  io.num("eps", o.eps());
  io.num("weight_decay", o.weight_decay(), 0);
  io.num("initial_accumulator_value", o.initial_accumulator_value(), 0);
  io.fixed("foreach", none);
  io.fixed("maximize", false);
}

void lbfgs_fields(optim::LBFGSOptions &o, GroupIO &io) {
  io.num("lr", o.lr(), 1);
  io.whole("max_iter", o.max_iter());
  int64_t max_eval = o.max_eval().value_or(o.max_iter() * 5 / 4);
  io.whole("max_eval", max_eval);
  o.max_eval(max_eval);
  io.num("tolerance_grad", o.tolerance_grad());
  io.num("tolerance_change", o.tolerance_change());
  io.whole("history_size", o.history_size());
  if (io.out) {
    io.out->insert("line_search_fn", o.line_search_fn() ? c10::IValue(*o.line_search_fn()) : none);
    return;
  }
  const c10::IValue &fn = gt_state_item(*io.in, "line_search_fn");
  if (!fn.isNone() && !(fn.isString() && fn.toStringRef() == "strong_wolfe"))
    gt_throw("ValueError: only 'strong_wolfe' is supported");
  o.line_search_fn(fn.isNone() ? c10::optional<std::string>() : fn.toStringRef());
}

void rule_fields(RuleOptions &o, GroupIO &io) {
  std::vector<double> &h = o.hyper;
  io.num("lr", o.lr);
  switch (o.kind) {
    case ADADELTA:
      io.num("rho", h[0]);
      io.num("eps", h[1]);
      io.num("weight_decay", h[2], 0);
      io.flag("maximize", h[3]);
      io.fixed("foreach", none);
      break;
    case ADAMAX:
      io.betas(h[0], h[1]);
      io.num("eps", h[2]);
      io.num("weight_decay", h[3], 0);
      io.fixed("foreach", none);
      io.flag("maximize", h[4]);
      break;
    case NADAM:
      io.betas(h[0], h[1]);
      io.num("eps", h[2]);
      io.num("weight_decay", h[3], 0);
      io.num("momentum_decay", h[4]);
      io.fixed("foreach", none);
      break;
    case RADAM:
      io.betas(h[0], h[1]);
      io.num("eps", h[2]);
      io.num("weight_decay", h[3], 0);
      io.fixed("foreach", none);
      break;
  }
}

void group_fields(optim::OptimizerOptions &opts, GroupIO &io) {
  if (auto *o = dynamic_cast<optim::SGDOptions *>(&opts)) return sgd_fields(*o, io);
  if (auto *o = dynamic_cast<optim::AdamOptions *>(&opts)) return adam_fields(*o, io);
  if (auto *o = dynamic_cast<optim::AdamWOptions *>(&opts)) return adamw_fields(*o, io);
  if (auto *o = dynamic_cast<optim::RMSpropOptions *>(&opts)) return rmsprop_fields(*o, io);
  if (auto *o = dynamic_cast<optim::AdagradOptions *>(&opts)) return adagrad_fields(*o, io);
  if (auto *o = dynamic_cast<optim::LBFGSOptions *>(&opts)) return lbfgs_fields(*o, io);
  if (auto *o = dynamic_cast<RuleOptions *>(&opts)) return rule_fields(*o, io);
  gt_throw("this optimizer has no state_dict()");
}

bool setting_get(optim::OptimizerOptions &o, const std::string &key, double *value) {
  GenericDict d = gt_generic_dict();
  GroupIO io;
  io.out = &d;
  group_fields(o, io);
  auto it = d.find(key);
  if (it == d.end() || !(it->value().isDouble() || it->value().isInt() || it->value().isBool())) return false;
  *value = number(it->value(), key.c_str());
  return true;
}

bool setting_set(optim::OptimizerOptions &o, const std::string &key, double value) {
  double old;
  if (!setting_get(o, key, &old)) return false;
  GenericDict d = gt_generic_dict();
  d.insert(key, value);
  GroupIO io;
  io.in = &d;
  io.partial = true;
  group_fields(o, io);
  return true;
}

// A group dict's keys that are the program's, not the optimizer's settings
// ('initial_lr'), with number values (ParamGroup's values are floats).
std::vector<std::pair<std::string, double>> program_keys(optim::OptimizerOptions &o, const GenericDict &g) {
  GenericDict names = gt_generic_dict();
  GroupIO lister;
  lister.out = &names;
  group_fields(o, lister);  // which keys are the optimizer's own
  std::vector<std::pair<std::string, double>> keys;
  for (const auto &kv : g)
    if (kv.key().isString() && !names.contains(kv.key()) && kv.key().toStringRef() != "params" &&
        (kv.value().isDouble() || kv.value().isInt()))
      keys.emplace_back(kv.key().toStringRef(), number(kv.value(), kv.key().toStringRef().c_str()));
  return keys;
}

// The optimizer's class name, by its options' kind.
const char *optimizer_name(optim::OptimizerOptions &o) {
  if (dynamic_cast<optim::SGDOptions *>(&o)) return "SGD";
  if (dynamic_cast<optim::AdamOptions *>(&o)) return "Adam";
  if (dynamic_cast<optim::AdamWOptions *>(&o)) return "AdamW";
  if (dynamic_cast<optim::RMSpropOptions *>(&o)) return "RMSprop";
  if (dynamic_cast<optim::AdagradOptions *>(&o)) return "Adagrad";
  if (dynamic_cast<optim::LBFGSOptions *>(&o)) return "LBFGS";
  static const char *const rules[] = {"Adadelta", "Adamax", "NAdam", "RAdam"};
  if (auto *r = dynamic_cast<RuleOptions *>(&o)) return rules[r->kind];
  return "Optimizer";
}

// print(optimizer): PyTorch's Optimizer.__repr__, each group's keys but
// 'params' in sorted order, each value as str() gives it.
std::string repr_of(gt_optim *h) {
  optim::Optimizer &opt = unwrap(h);
  std::string out = std::string(optimizer_name(opt.defaults())) + " (";
  for (size_t gi = 0; gi < opt.param_groups().size(); gi++) {
    GenericDict d = gt_generic_dict();
    GroupIO io;
    io.out = &d;
    group_fields(opt.param_groups()[gi].options(), io);
    for (auto &kv : keys_of(h, (int64_t)gi)) d.insert(kv.first, kv.second);
    std::map<std::string, c10::IValue> sorted;
    for (const auto &kv : d) sorted.emplace(kv.key().toStringRef(), kv.value());
    out += "\nParameter Group " + std::to_string(gi) + "\n";
    for (auto &kv : sorted)
      out += "    " + kv.first + ": " + (kv.second.isString() ? kv.second.toStringRef() : gt_state_repr(kv.second)) + "\n";
  }
  return out + ")";
}

gt_str *optim_repr(gt_obj *self) {
  return GT_VALUE(gt_str *, nullptr, ([&] {
                    std::string r = repr_of(reinterpret_cast<gt_optim *>(self));
                    return gt_str_new(r.data(), (int64_t)r.size());
                  }()));
}

// isinstance(o, torch.optim.Adam) of an Optimizer: its class by its
// options' kind, as print names it.
extern "C" bool gt_optim_is(gt_optim *o, const char *name) {
  return strcmp(name, "Optimizer") == 0 || strcmp(optimizer_name(unwrap(o).defaults()), name) == 0;
}

// optim.SGD([{"params": base}, {"params": head, "lr": 1e-3}], lr=1e-2): a
// group per dict, with the optimizer's defaults but the settings the dict
// names, as PyTorch's add_param_group fills it.
void set_groups(gt_optim *h, const gt_list *params) {
  optim::Optimizer &opt = unwrap(h);
  if (dynamic_cast<optim::LBFGSOptions *>(&opt.defaults()))
    gt_throw("ValueError: LBFGS doesn't support per-parameter options (parameter groups)");
  std::vector<optim::OptimizerParamGroup> groups;
  GroupKeys keys;
  std::unordered_set<c10::TensorImpl *> seen;
  for (int64_t i = 0; i < params->len; i++) {
    const GenericDict &g = gt_state_of(static_cast<gt_state *>(params->items[i].p));
    std::vector<at::Tensor> ps = group_params(g);
    for (const at::Tensor &p : ps)
      if (!seen.insert(p.unsafeGetTensorImpl()).second)
        gt_throw("ValueError: some parameters appear in more than one parameter group");
    std::unique_ptr<optim::OptimizerOptions> o = opt.defaults().clone();
    GroupIO io;
    io.in = &g;
    io.partial = true;
    group_fields(*o, io);
    check(o->get_lr() >= 0, "learning rate", o->get_lr());
    keys.push_back(program_keys(*o, g));
    groups.emplace_back(ps, std::move(o));
  }
  opt.param_groups().clear();
  for (auto &g : groups) opt.add_param_group(g);
  *h->keys = std::move(keys);
}

// ---- one parameter's state -------------------------------------------------------

std::string state_key(const at::Tensor &p) { return c10::guts::to_string(p.unsafeGetTensorImpl()); }

// Python's float32 step count, a 0-dim tensor.
c10::IValue step_tensor(double step) { return at::scalar_tensor(step, at::kFloat); }

c10::IValue buffer(const at::Tensor &t) { return t.defined() ? c10::IValue(t.detach().clone()) : none; }

// A tensor of the loaded state, a copy cast to the parameter's dtype (a
// floating one) and device as Python's load_state_dict casts it; an
// undefined tensor for None.
at::Tensor loaded_tensor(const GenericDict &d, const char *key, const at::Tensor &param) {
  const c10::IValue &v = gt_state_item(d, key);
  if (v.isNone()) return at::Tensor();
  if (!v.isTensor()) gt_throw("TypeError: '%s' of the loaded state is a %s, not a Tensor", key, v.tagKind().c_str());
  at::Tensor t = v.toTensor().detach().clone();
  if (param.is_floating_point()) t = t.to(param.scalar_type());
  return t.to(param.device());
}

// A buffer Python keeps only under some settings (amsgrad's max_exp_avg_sq).
at::Tensor optional_tensor(const GenericDict &d, const char *key, const at::Tensor &param) {
  return d.contains(key) ? loaded_tensor(d, key, param) : at::Tensor();
}

// Tensors (None for an undefined one) as a list.
template <class Tensors>
c10::IValue buffers(const Tensors &ts) {
  GenericList l = gt_generic_list();
  for (const at::Tensor &t : ts) l.push_back(buffer(t));
  return l;
}

// LBFGS's state (its first parameter's), in the order Python's step sets
// its keys; the search's history only once a step got that far.
void lbfgs_state(const optim::LBFGSParamState &s, GenericDict &d) {
  d.insert("func_evals", s.func_evals());
  d.insert("n_iter", s.n_iter());
  if (s.al()) d.insert("al", buffers(*s.al()));
  if (!s.d().defined()) return;
  d.insert("d", buffer(s.d()));
  d.insert("t", s.t());
  d.insert("old_dirs", buffers(s.old_dirs()));
  d.insert("old_stps", buffers(s.old_stps()));
  d.insert("ro", buffers(s.ro()));
  d.insert("H_diag", buffer(s.H_diag()));
  d.insert("prev_flat_grad", buffer(s.prev_flat_grad()));
  d.insert("prev_loss", s.prev_loss());
}

// Written: the state of p as Python's dict, or None where Python has none.
c10::optional<GenericDict> param_state(gt_optim *h, const at::Tensor &p) {
  optim::Optimizer &opt = *h->o;
  GenericDict d = gt_generic_dict();
  if (auto *rule = dynamic_cast<RuleOptimizer *>(&opt)) {
    auto it = rule->states().find(p.unsafeGetTensorImpl());
    if (it == rule->states().end()) return c10::nullopt;
    const RuleState &s = it->second;
    const auto &kind = static_cast<const RuleOptions &>(opt.defaults()).kind;
    static const char *const names[][2] = {
        {"square_avg", "acc_delta"}, {"exp_avg", "exp_inf"}, {"exp_avg", "exp_avg_sq"}, {"exp_avg", "exp_avg_sq"}};
    if (kind == ADADELTA) d.insert("step", (int64_t)s.step.item<double>());
    else d.insert("step", s.step.clone());
    if (kind == NADAM) d.insert("mu_product", s.mu_product.clone());
    d.insert(names[kind][0], buffer(s.bufs[0]));
    d.insert(names[kind][1], buffer(s.bufs[1]));
    return d;
  }
  auto it = opt.state().find(state_key(p));
  if (it == opt.state().end()) {
    if (!dynamic_cast<optim::SGD *>(&opt) || !h->stepped->count(p.unsafeGetTensorImpl())) return c10::nullopt;
    d.insert("momentum_buffer", none);  // SGD without momentum
    return d;
  }
  optim::OptimizerParamState *st = it->second.get();
  if (auto *s = dynamic_cast<optim::SGDParamState *>(st)) {
    d.insert("momentum_buffer", buffer(s->momentum_buffer()));
  } else if (auto *s = dynamic_cast<optim::AdamParamState *>(st)) {
    d.insert("step", step_tensor((double)s->step()));
    d.insert("exp_avg", buffer(s->exp_avg()));
    d.insert("exp_avg_sq", buffer(s->exp_avg_sq()));
    if (s->max_exp_avg_sq().defined()) d.insert("max_exp_avg_sq", buffer(s->max_exp_avg_sq()));
  } else if (auto *s = dynamic_cast<optim::AdamWParamState *>(st)) {
    d.insert("step", step_tensor((double)s->step()));
    d.insert("exp_avg", buffer(s->exp_avg()));
    d.insert("exp_avg_sq", buffer(s->exp_avg_sq()));
    if (s->max_exp_avg_sq().defined()) d.insert("max_exp_avg_sq", buffer(s->max_exp_avg_sq()));
  } else if (auto *s = dynamic_cast<optim::RMSpropParamState *>(st)) {
    d.insert("step", s->step());
    d.insert("square_avg", buffer(s->square_avg()));
    if (s->momentum_buffer().defined()) d.insert("momentum_buffer", buffer(s->momentum_buffer()));
    if (s->grad_avg().defined()) d.insert("grad_avg", buffer(s->grad_avg()));
  } else if (auto *s = dynamic_cast<optim::AdagradParamState *>(st)) {
    d.insert("step", step_tensor((double)s->step()));
    d.insert("sum", buffer(s->sum()));
  } else if (auto *s = dynamic_cast<optim::LBFGSParamState *>(st)) {
    lbfgs_state(*s, d);
  } else {
    gt_throw("this optimizer's state cannot be saved");
  }
  return d;
}

// A float of the loaded state: a number, or a one-element tensor (Python's
// LBFGS keeps its first step length `t` as a tensor).
double scalar(const GenericDict &d, const char *key) {
  const c10::IValue &v = gt_state_item(d, key);
  if (v.isTensor() && v.toTensor().numel() == 1) return v.toTensor().item<double>();
  return number(v, key);
}

// A list of tensors (None for an undefined one), each cast as loaded_tensor casts.
std::vector<at::Tensor> loaded_tensors(const GenericDict &d, const char *key, const at::Tensor &param) {
  const c10::IValue &v = gt_state_item(d, key);
  if (!v.isList()) gt_throw("TypeError: '%s' of the loaded state is a %s, not a list", key, v.tagKind().c_str());
  std::vector<at::Tensor> out;
  for (const c10::IValue &item : v.toListRef()) {
    GenericDict one = gt_generic_dict();
    one.insert(key, item);
    out.push_back(loaded_tensor(one, key, param));
  }
  return out;
}

std::unique_ptr<optim::OptimizerParamState> lbfgs_loaded(const at::Tensor &p, const GenericDict &saved) {
  auto s = std::make_unique<optim::LBFGSParamState>();
  s->func_evals(integer(gt_state_item(saved, "func_evals"), "func_evals"));
  s->n_iter(integer(gt_state_item(saved, "n_iter"), "n_iter"));
  if (saved.contains("al")) s->al(loaded_tensors(saved, "al", p));
  if (!saved.contains("d")) return s;
  s->d(loaded_tensor(saved, "d", p));
  s->t(scalar(saved, "t"));
  auto deque = [&](const char *key) {
    std::vector<at::Tensor> ts = loaded_tensors(saved, key, p);
    return std::deque<at::Tensor>(ts.begin(), ts.end());
  };
  s->old_dirs(deque("old_dirs"));
  s->old_stps(deque("old_stps"));
  s->ro(deque("ro"));
  s->H_diag(loaded_tensor(saved, "H_diag", p));
  s->prev_flat_grad(loaded_tensor(saved, "prev_flat_grad", p));
  s->prev_loss(scalar(saved, "prev_loss"));
  return s;
}

// Read: the loaded state of p (saved) into a new libtorch state.
std::unique_ptr<optim::OptimizerParamState> libtorch_state(optim::Optimizer &opt, const at::Tensor &p,
                                                           const GenericDict &saved) {
  if (dynamic_cast<optim::SGD *>(&opt)) {
    auto s = std::make_unique<optim::SGDParamState>();
    s->momentum_buffer(loaded_tensor(saved, "momentum_buffer", p));
    if (!s->momentum_buffer().defined()) return nullptr;  // Python's None: no buffer yet
    return s;
  }
  if (dynamic_cast<optim::Adam *>(&opt) || dynamic_cast<optim::AdamW *>(&opt)) {
    auto fill = [&](auto s) {
      s->step(integer(gt_state_item(saved, "step"), "step"));
      s->exp_avg(loaded_tensor(saved, "exp_avg", p));
      s->exp_avg_sq(loaded_tensor(saved, "exp_avg_sq", p));
      s->max_exp_avg_sq(optional_tensor(saved, "max_exp_avg_sq", p));
      return std::unique_ptr<optim::OptimizerParamState>(std::move(s));
    };
    if (dynamic_cast<optim::Adam *>(&opt)) return fill(std::make_unique<optim::AdamParamState>());
    return fill(std::make_unique<optim::AdamWParamState>());
  }
  if (dynamic_cast<optim::RMSprop *>(&opt)) {
    auto s = std::make_unique<optim::RMSpropParamState>();
    s->square_avg(loaded_tensor(saved, "square_avg", p));  // what Python's step reads first
    s->step(integer(gt_state_item(saved, "step"), "step"));
    s->momentum_buffer(optional_tensor(saved, "momentum_buffer", p));
    s->grad_avg(optional_tensor(saved, "grad_avg", p));
    return s;
  }
  if (dynamic_cast<optim::Adagrad *>(&opt)) {
    auto s = std::make_unique<optim::AdagradParamState>();
    s->step(integer(gt_state_item(saved, "step"), "step"));
    s->sum(loaded_tensor(saved, "sum", p));
    return s;
  }
  if (dynamic_cast<optim::LBFGS *>(&opt)) return lbfgs_loaded(p, saved);
  gt_throw("this optimizer's state cannot be loaded");
}

RuleState rule_state(const RuleOptimizer &opt, RuleKind kind, const at::Tensor &p, const GenericDict &saved) {
  static const char *const names[][2] = {
      {"square_avg", "acc_delta"}, {"exp_avg", "exp_inf"}, {"exp_avg", "exp_avg_sq"}, {"exp_avg", "exp_avg_sq"}};
  RuleState s = opt.fresh_state(p);
  s.step.fill_((double)integer(gt_state_item(saved, "step"), "step"));
  if (kind == NADAM) s.mu_product = loaded_tensor(saved, "mu_product", p).to(at::kFloat);
  s.bufs[0] = loaded_tensor(saved, names[kind][0], p);
  s.bufs[1] = loaded_tensor(saved, names[kind][1], p);
  return s;
}

GenericDict dict_value(const c10::IValue &v, const char *what) {
  if (!v.isGenericDict()) gt_throw("TypeError: %s of the loaded state dict is a %s, not a dict", what, v.tagKind().c_str());
  return v.toGenericDict();
}

std::vector<c10::IValue> list_value(const c10::IValue &v, const char *what) {
  if (!v.isList()) gt_throw("TypeError: %s of the loaded state dict is a %s, not a list", what, v.tagKind().c_str());
  auto l = v.toListRef();
  return std::vector<c10::IValue>(l.begin(), l.end());
}

GenericDict state_dict_of(gt_optim *h) {
  optim::Optimizer &opt = unwrap(h);
  GenericDict state = gt_generic_dict();
  GenericList groups = gt_generic_list();
  int64_t index = 0;
  for (size_t gi = 0; gi < opt.param_groups().size(); gi++) {
    auto &g = opt.param_groups()[gi];
    GenericDict packed = gt_generic_dict();
    GroupIO io;
    io.out = &packed;
    group_fields(g.options(), io);
    for (auto &kv : keys_of(h, (int64_t)gi)) packed.insert(kv.first, kv.second);
    GenericList params = gt_generic_list();
    for (auto &p : g.params()) {
      if (auto s = param_state(h, p)) state.insert(index, *s);
      params.push_back(index++);
    }
    packed.insert("params", params);
    groups.push_back(packed);
  }
  GenericDict d = gt_generic_dict();
  d.insert("state", state);
  d.insert("param_groups", groups);
  return d;
}

// Everything a load changes, made before any of it is.
struct Loaded {
  std::vector<std::unique_ptr<optim::OptimizerOptions>> options;
  GroupKeys keys;
  ParamStates states;
  std::map<c10::TensorImpl *, RuleState> rule_states;
};

// PyTorch's own checks: as many groups, each with as many parameters.
// Returns the optimizer's parameters in order.
std::vector<at::Tensor> check_groups(optim::Optimizer &opt, const GenericDict &sd) {
  std::vector<c10::IValue> saved = list_value(gt_state_item(sd, "param_groups"), "'param_groups'");
  auto &groups = opt.param_groups();
  if (saved.size() != groups.size()) gt_throw("ValueError: loaded state dict has a different number of parameter groups");
  std::vector<at::Tensor> params;
  for (size_t i = 0; i < saved.size(); i++) {
    const GenericDict &g = dict_value(saved[i], "a param group");
    if (list_value(gt_state_item(g, "params"), "'params'").size() != groups[i].params().size())
      gt_throw("ValueError: loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    for (auto &p : groups[i].params()) params.push_back(p);
  }
  return params;
}

// Each group's settings and the program's keys ('initial_lr').
void load_groups(optim::Optimizer &opt, const GenericDict &sd, Loaded &into) {
  std::vector<c10::IValue> saved = list_value(gt_state_item(sd, "param_groups"), "'param_groups'");
  auto &groups = opt.param_groups();
  for (size_t i = 0; i < saved.size(); i++) {
    const GenericDict &g = saved[i].toGenericDict();
    std::unique_ptr<optim::OptimizerOptions> o = groups[i].options().clone();
    GroupIO io;
    io.in = &g;
    group_fields(*o, io);
    into.keys.push_back(program_keys(*o, g));
    into.options.push_back(std::move(o));
  }
}

// Each saved state whose index names one of the optimizer's parameters (in
// the saved groups' order), as Python's id_map pairs them.
void load_states(optim::Optimizer &opt, const GenericDict &sd, const std::vector<at::Tensor> &params, Loaded &into) {
  const GenericDict &state = dict_value(gt_state_item(sd, "state"), "'state'");
  std::vector<c10::IValue> saved_groups = list_value(gt_state_item(sd, "param_groups"), "'param_groups'");
  std::vector<c10::IValue> ids;
  for (auto &g : saved_groups)
    for (auto &id : list_value(g.toGenericDict().at("params"), "'params'")) ids.push_back(id);
  auto *rule = dynamic_cast<RuleOptimizer *>(&opt);
  for (const auto &kv : state) {
    size_t i = 0;
    while (i < ids.size() && !(ids[i].isInt() && kv.key().isInt() && ids[i].toInt() == kv.key().toInt())) i++;
    if (i == ids.size()) continue;  // Python keeps it under its key; no step reads it
    const GenericDict &saved = dict_value(kv.value(), "a parameter's state");
    const at::Tensor &p = params[i];
    if (rule) {
      auto kind = static_cast<const RuleOptions &>(opt.defaults()).kind;
      into.rule_states.emplace(p.unsafeGetTensorImpl(), rule_state(*rule, kind, p, saved));
    } else if (auto s = libtorch_state(opt, p, saved)) {
      into.states[state_key(p)] = std::move(s);
    }
  }
}

void load_state_dict(gt_optim *h, gt_state *s) {
  optim::Optimizer &opt = unwrap(h);
  const GenericDict &sd = gt_state_of(s);
  Loaded loaded;
  // Python reads the states' 'step' as it loads (Adam's __setstate__), the
  // groups' settings only at the next step: a dict of another optimizer's
  // fails on a state first.
  std::vector<at::Tensor> params = check_groups(opt, sd);
  load_states(opt, sd, params, loaded);
  load_groups(opt, sd, loaded);
  for (size_t i = 0; i < loaded.options.size(); i++) opt.param_groups()[i].set_options(std::move(loaded.options[i]));
  *h->keys = std::move(loaded.keys);
  if (auto *rule = dynamic_cast<RuleOptimizer *>(&opt)) {
    rule->states() = std::move(loaded.rule_states);
  } else {
    opt.state().clear();
    for (auto &kv : loaded.states) opt.state()[kv.first] = std::move(kv.second);
  }
}

}  // namespace

extern "C" gt_state *gt_optim_state_dict(gt_optim *o) {
  return GT_VALUE(gt_state *, nullptr, gt_state_wrap(state_dict_of(o)));
}

extern "C" int gt_optim_load_state_dict(gt_optim *o, gt_state *s) { return GT_STATUS(load_state_dict(o, s)); }

// optim_lbfgs.cpp - LBFGS's step with the strong-Wolfe line search, as
// torch/optim/lbfgs.py (PyTorch 1.13) computes it.
//
// Python's search mixes floats and 0-dim float32 tensors: the losses are
// floats, the directional derivatives (g.dot(d)) tensors, and so are the
// interpolated steps made from them, whose further arithmetic rounds to
// float32 where it meets a tensor. libtorch's C++ search does it all in
// double, which lands on other steps: a few iterations on, the weights
// differ in their fourth digit. Here each operation is Python's, on a
// `Num` that is a double or a tensor as Python's value would be, through
// the same ATen calls Python's operators make (a float with a tensor is the
// tensor's op with a scalar, `float / tensor` the tensor's reciprocal times
// the float, as Tensor.__rdiv__). Without a line search, libtorch's step
// is Python's already and is kept.
#include "optim_lbfgs.h"

#include <c10/util/string_utils.h>

#include <cmath>
#include <deque>
#include <memory>
#include <utility>

namespace optim = torch::optim;

namespace {

// A number of lbfgs.py: a Python float, or a 0-dim tensor.
struct Num {
  bool is_tensor = false;
  double v = 0;
  at::Tensor t;
  Num(double x) : v(x) {}  // NOLINT: a float converts, as in Python
  Num(at::Tensor x) : is_tensor(true), t(std::move(x)) {}  // NOLINT
  // Where Python passes it as a Scalar (alpha=t): the tensor's value.
  double item() const { return is_tensor ? t.item<double>() : v; }
};

Num operator+(const Num &a, const Num &b) {
  if (a.is_tensor && b.is_tensor) return a.t + b.t;
  if (a.is_tensor) return a.t + b.v;
  if (b.is_tensor) return b.t + a.v;
  return a.v + b.v;
}

Num operator-(const Num &a, const Num &b) {
  if (a.is_tensor && b.is_tensor) return a.t - b.t;
  if (a.is_tensor) return a.t - b.v;
  if (b.is_tensor) return at::rsub(b.t, a.v);  // Tensor.__rsub__
  return a.v - b.v;
}

Num operator*(const Num &a, const Num &b) {
  if (a.is_tensor && b.is_tensor) return a.t * b.t;
  if (a.is_tensor) return a.t * b.v;
  if (b.is_tensor) return b.t * a.v;
  return a.v * b.v;
}

Num operator/(const Num &a, const Num &b) {
  if (a.is_tensor && b.is_tensor) return a.t / b.t;
  if (a.is_tensor) return a.t / b.v;
  if (b.is_tensor) return b.t.reciprocal() * a.v;  // Tensor.__rdiv__
  return a.v / b.v;
}

// a < b (and the others) as Python compares: a tensor's own comparison,
// reflected where the float stands first.
bool operator<(const Num &a, const Num &b) {
  if (a.is_tensor && b.is_tensor) return at::lt(a.t, b.t).item<bool>();
  if (a.is_tensor) return at::lt(a.t, b.v).item<bool>();
  if (b.is_tensor) return at::gt(b.t, a.v).item<bool>();
  return a.v < b.v;
}
bool operator>(const Num &a, const Num &b) { return b < a; }

bool operator<=(const Num &a, const Num &b) {
  if (a.is_tensor && b.is_tensor) return at::le(a.t, b.t).item<bool>();
  if (a.is_tensor) return at::le(a.t, b.v).item<bool>();
  if (b.is_tensor) return at::ge(b.t, a.v).item<bool>();
  return a.v <= b.v;
}
bool operator>=(const Num &a, const Num &b) { return b <= a; }

Num num_abs(const Num &a) { return a.is_tensor ? Num(a.t.abs()) : Num(std::fabs(a.v)); }

// Python's max(a, b) and min(a, b): the first unless the second beats it.
Num num_max(const Num &a, const Num &b) { return b > a ? b : a; }
Num num_min(const Num &a, const Num &b) { return b < a ? b : a; }

// lbfgs.py's _cubic_interpolate: the minimiser of the cubic through two
// points with their derivatives, within the bounds (the points' own by
// default).
Num cubic_interpolate(const Num &x1, const Num &f1, const Num &g1, const Num &x2, const Num &f2, const Num &g2,
                      const Num *bounds) {
  Num lo = bounds ? bounds[0] : x1 <= x2 ? x1 : x2;
  Num hi = bounds ? bounds[1] : x1 <= x2 ? x2 : x1;
  Num d1 = g1 + g2 - Num(3.0) * (f1 - f2) / (x1 - x2);
  Num d1_sq = d1.is_tensor ? Num(d1.t.pow(2)) : Num(std::pow(d1.v, 2.0));
  Num d2_square = d1_sq - g1 * g2;
  if (!(d2_square >= Num(0.0))) return (lo + hi) / Num(2.0);
  Num d2 = d2_square.is_tensor ? Num(d2_square.t.sqrt()) : Num(std::sqrt(d2_square.v));
  Num min_pos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + Num(2.0) * d2))
                         : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + Num(2.0) * d2));
  return num_min(num_max(min_pos, lo), hi);
}

class PyLBFGS : public optim::LBFGS {
 public:
  PyLBFGS(std::vector<at::Tensor> params, optim::LBFGSOptions o) : optim::LBFGS(std::move(params), std::move(o)) {}

  at::Tensor step(LossClosure closure) override {
    if (!options().line_search_fn()) return optim::LBFGS::step(std::move(closure));
    TORCH_CHECK(closure != nullptr, "LBFGS requires a closure function");
    at::NoGradGuard no_grad;
    return strong_wolfe_step(closure);
  }

 private:
  const optim::LBFGSOptions &options() { return static_cast<const optim::LBFGSOptions &>(param_groups_[0].options()); }
  std::vector<at::Tensor> &params() { return param_groups_[0].params(); }

  double evaluate(const LossClosure &closure, at::Tensor *orig = nullptr) {
    at::AutoGradMode enable_grad(true);
    at::Tensor loss = closure();
    if (orig) *orig = loss;
    return loss.item<double>();
  }

  // _gather_flat_grad: every gradient in one vector, zeros for none.
  at::Tensor flat_grad() {
    std::vector<at::Tensor> views;
    for (const at::Tensor &p : params())
      views.push_back(p.grad().defined() ? p.grad().view(-1) : at::zeros({p.numel()}, p.options()));
    return at::cat(views, 0);
  }

  // _add_grad: each parameter moved by its slice of update times step.
  void add_grad(const Num &step, const at::Tensor &update) {
    int64_t offset = 0;
    double alpha = step.item();
    for (at::Tensor &p : params()) {
      p.add_(update.slice(0, offset, offset + p.numel()).view_as(p), alpha);
      offset += p.numel();
    }
  }

  // _directional_evaluate: the loss and gradient at x + t * d, x kept.
  std::pair<double, at::Tensor> directional(const LossClosure &closure, const std::vector<at::Tensor> &x,
                                            const Num &t, const at::Tensor &d) {
    add_grad(t, d);
    double loss = evaluate(closure);
    at::Tensor g = flat_grad();
    for (size_t i = 0; i < x.size(); i++) params()[i].copy_(x[i]);
    return {loss, g};
  }

  struct Search {
    double f;
    at::Tensor g;
    Num t;
    int64_t evals;
  };

  Search strong_wolfe(const LossClosure &closure, Num t, const at::Tensor &d, double f, at::Tensor g,
                      const at::Tensor &gtd);
  at::Tensor strong_wolfe_step(const LossClosure &closure);
};

constexpr double c1 = 1e-4, c2 = 0.9;
constexpr int64_t max_ls = 25;

// lbfgs.py's _strong_wolfe: a step length t along d meeting the strong
// Wolfe conditions, bracketed, then zoomed in by cubic interpolation.
PyLBFGS::Search PyLBFGS::strong_wolfe(const LossClosure &closure, Num t, const at::Tensor &d, double f, at::Tensor g,
                                      const at::Tensor &gtd_t) {
  double tolerance_change = options().tolerance_change();
  std::vector<at::Tensor> x;
  for (const at::Tensor &p : params()) x.push_back(p.clone(at::MemoryFormat::Contiguous));
  Num gtd = gtd_t;
  Num d_norm = d.abs().max();
  g = g.clone(at::MemoryFormat::Contiguous);
  auto [f_new, g_new] = directional(closure, x, t, d);
  int64_t evals = 1;
  Num gtd_new = g_new.dot(d);
  Num t_prev = 0.0, f_prev = f, gtd_prev = gtd;
  at::Tensor g_prev = g;
  bool done = false;
  int64_t ls_iter = 0;
  std::vector<Num> bracket, bracket_f, bracket_gtd;
  std::vector<at::Tensor> bracket_g;
  while (ls_iter < max_ls) {
    if (Num(f_new) > Num(f) + Num(c1) * t * gtd || (ls_iter > 1 && Num(f_new) >= f_prev)) {
      bracket = {t_prev, t}, bracket_f = {f_prev, f_new}, bracket_gtd = {gtd_prev, gtd_new};
      bracket_g = {g_prev, g_new.clone(at::MemoryFormat::Contiguous)};
      break;
    }
    if (num_abs(gtd_new) <= Num(-c2) * gtd) {
      bracket = {t}, bracket_f = {f_new}, bracket_g = {g_new};
      done = true;
      break;
    }
    if (gtd_new >= Num(0.0)) {
      bracket = {t_prev, t}, bracket_f = {f_prev, f_new}, bracket_gtd = {gtd_prev, gtd_new};
      bracket_g = {g_prev, g_new.clone(at::MemoryFormat::Contiguous)};
      break;
    }
    Num bounds[2] = {t + Num(0.01) * (t - t_prev), t * Num(10.0)};
    Num tmp = t;
    t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds);
    t_prev = tmp, f_prev = f_new, gtd_prev = gtd_new;
    g_prev = g_new.clone(at::MemoryFormat::Contiguous);
    std::tie(f_new, g_new) = directional(closure, x, t, d);
    evals++;
    gtd_new = g_new.dot(d);
    ls_iter++;
  }
  if (ls_iter == max_ls) bracket = {0.0, t}, bracket_f = {f, f_new}, bracket_g = {g, g_new};

  // zoom: shrink the bracket until the point meets the conditions
  bool insuf_progress = false;
  size_t low = bracket_f.front() <= bracket_f.back() ? 0 : 1, high = 1 - low;
  while (!done && ls_iter < max_ls) {
    if (num_abs(bracket[1] - bracket[0]) * d_norm < Num(tolerance_change)) break;
    t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1], nullptr);
    Num top = num_max(bracket[0], bracket[1]), bottom = num_min(bracket[0], bracket[1]);
    Num eps = Num(0.1) * (top - bottom);
    if (num_min(top - t, t - bottom) < eps) {
      if (insuf_progress || t >= top || t <= bottom) {
        t = num_abs(t - top) < num_abs(t - bottom) ? top - eps : bottom + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    std::tie(f_new, g_new) = directional(closure, x, t, d);
    evals++;
    gtd_new = g_new.dot(d);
    ls_iter++;
    if (Num(f_new) > Num(f) + Num(c1) * t * gtd || Num(f_new) >= bracket_f[low]) {
      bracket[high] = t, bracket_f[high] = f_new, bracket_gtd[high] = gtd_new;
      bracket_g[high] = g_new.clone(at::MemoryFormat::Contiguous);
      low = bracket_f[0] <= bracket_f[1] ? 0 : 1, high = 1 - low;
    } else {
      if (num_abs(gtd_new) <= Num(-c2) * gtd) {
        done = true;
      } else if (gtd_new * (bracket[high] - bracket[low]) >= Num(0.0)) {
        bracket[high] = bracket[low], bracket_f[high] = bracket_f[low];
        bracket_g[high] = bracket_g[low], bracket_gtd[high] = bracket_gtd[low];
      }
      bracket[low] = t, bracket_f[low] = f_new, bracket_gtd[low] = gtd_new;
      bracket_g[low] = g_new.clone(at::MemoryFormat::Contiguous);
    }
  }
  return {bracket_f[low].v, bracket_g[low], bracket[low], evals};
}

// lbfgs.py's step with line_search_fn="strong_wolfe": up to max_iter
// iterations of the two-loop recursion, each step length searched.
at::Tensor PyLBFGS::strong_wolfe_step(const LossClosure &closure) {
  const optim::LBFGSOptions &o = options();
  at::Tensor &first = params()[0];
  auto &slot = state_[c10::guts::to_string(first.unsafeGetTensorImpl())];
  if (!slot) slot = std::make_unique<optim::LBFGSParamState>();
  auto &s = static_cast<optim::LBFGSParamState &>(*slot);
  at::Tensor orig_loss;
  double loss = evaluate(closure, &orig_loss);
  int64_t current_evals = 1;
  s.func_evals(s.func_evals() + 1);
  at::Tensor g = flat_grad();
  if ((g.abs().max() <= o.tolerance_grad()).item<bool>()) return orig_loss;

  // the state of the steps before, if any (a fresh state's t and prev_loss are unset)
  bool resumed = s.n_iter() > 0;
  at::Tensor d = s.d(), prev_flat_grad = s.prev_flat_grad();
  Num t = resumed ? s.t() : 0.0, H_diag = s.H_diag().defined() ? Num(s.H_diag()) : Num(1.0);
  std::deque<at::Tensor> old_dirs = s.old_dirs(), old_stps = s.old_stps(), ro = s.ro();
  double prev_loss = resumed ? s.prev_loss() : 0.0;
  int64_t n_iter = 0;
  while (n_iter < o.max_iter()) {
    n_iter++;
    s.n_iter(s.n_iter() + 1);
    if (s.n_iter() == 1) {
      d = g.neg();
      old_dirs.clear(), old_stps.clear(), ro.clear();
      H_diag = 1.0;
    } else {
      at::Tensor y = g.sub(prev_flat_grad);
      at::Tensor step = t.is_tensor ? d.mul(t.t) : d.mul(t.v);
      at::Tensor ys = y.dot(step);
      if ((ys > 1e-10).item<bool>()) {
        if ((int64_t)old_dirs.size() == o.history_size()) {
          old_dirs.pop_front(), old_stps.pop_front(), ro.pop_front();
        }
        old_dirs.push_back(y), old_stps.push_back(step), ro.push_back(ys.reciprocal() * 1.0);
        H_diag = ys / y.dot(y);
      }
      if (!s.al()) s.al(std::vector<at::Tensor>(o.history_size()));
      std::vector<at::Tensor> &al = *s.al();
      int64_t num_old = (int64_t)old_dirs.size();
      at::Tensor q = g.neg();
      for (int64_t i = num_old - 1; i >= 0; i--) {
        al[i] = old_stps[i].dot(q) * ro[i];
        q.add_(old_dirs[i], -al[i].item<double>());
      }
      d = H_diag.is_tensor ? at::mul(q, H_diag.t) : at::mul(q, H_diag.v);
      for (int64_t i = 0; i < num_old; i++) {
        at::Tensor be_i = old_dirs[i].dot(d) * ro[i];
        d.add_(old_stps[i], (al[i] - be_i).item<double>());
      }
    }
    if (!prev_flat_grad.defined()) prev_flat_grad = g.clone(at::MemoryFormat::Contiguous);
    else prev_flat_grad.copy_(g);
    prev_loss = loss;
    t = s.n_iter() == 1 ? num_min(Num(1.0), Num(1.0) / Num(g.abs().sum())) * Num(o.lr()) : Num(o.lr());
    at::Tensor gtd = g.dot(d);
    if ((gtd > -o.tolerance_change()).item<bool>()) break;

    Search r = strong_wolfe(closure, t, d, loss, g, gtd);
    loss = r.f, g = r.g, t = r.t;
    add_grad(t, d);
    bool opt_cond = (g.abs().max() <= o.tolerance_grad()).item<bool>();
    current_evals += r.evals;
    s.func_evals(s.func_evals() + r.evals);
    if (n_iter == o.max_iter() || current_evals >= *o.max_eval() || opt_cond) break;
    at::Tensor moved = t.is_tensor ? d.mul(t.t) : d.mul(t.v);
    if ((moved.abs().max() <= o.tolerance_change()).item<bool>()) break;
    if (std::fabs(loss - prev_loss) < o.tolerance_change()) break;
  }
  s.d(d), s.t(t.item()), s.old_dirs(old_dirs), s.old_stps(old_stps), s.ro(ro);
  s.H_diag(H_diag.is_tensor ? H_diag.t : at::scalar_tensor(H_diag.v, g.options()));
  s.prev_flat_grad(prev_flat_grad), s.prev_loss(prev_loss);
  return orig_loss;
}

}  // namespace

optim::LBFGS *gt_lbfgs_new(std::vector<at::Tensor> params, optim::LBFGSOptions options) {
  return new PyLBFGS(std::move(params), std::move(options));
}

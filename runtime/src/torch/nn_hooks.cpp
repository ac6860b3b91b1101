// nn_hooks.cpp - a module's hooks and the handle whose remove() takes one
// out again, as PyTorch 1.13's Module._call_impl calls them:
// register_forward_hook's hook(module, input, output) after a built-in
// layer's, a Sequential's or a .gtp module's forward (input the tuple of
// the forward's tensors); register_forward_pre_hook's hook(module, input)
// before a layer's or a Sequential's, which may give the forward another
// input; register_full_backward_hook's hook(module, grad_input,
// grad_output) in backward(), which may give other gradients of the input;
// register_backward_hook's (deprecated) hook(module, grad_input,
// grad_output) with the gradients of the operation that made the output.
#include <torch/csrc/autograd/function.h>

#include <atomic>
#include <unordered_map>

#include "nn_tree.h"

struct gt_hook_handle {
  gt_obj h;
  gt_module *m;  // a reference: PyTorch's handle keeps the hooks dict alive
  int64_t id;
};
extern "C" const gt_class gt_hook_handle_class;

namespace {

std::atomic<int64_t> next_hook_id{0};

void handle_drop(gt_obj *o) { gt_release(reinterpret_cast<gt_hook_handle *>(o)->m); }

// The hooks of .gtp modules, by module: the compiled program calls such a
// forward itself and asks for them after it (gt_module_hooked). A module
// is held while it has hooks, so that no other takes its address.
std::unordered_map<gt_module *, gt_module_hooks> &user_hooks() {
  static std::unordered_map<gt_module *, gt_module_hooks> hooks;
  return hooks;
}

// A .gtp module's hooks run after a forward of tensors that gives a tensor,
// the forwards the runtime can call (gt_module_def's forward and forward_n).
// The program calls its forward itself, and asks for the hooks only once
// that has run: nothing could run before it, or take its input's gradient.
gt_module_hooks &user_hooks_of(gt_module *m, const char *method) {
  const gt_module_def &def = gt_user_def(m);
  if (strcmp(method, "register_forward_hook") != 0)
    gt_throw("NotImplementedError: %s of a %s: the program calls a .gtp module's forward itself, so no hook runs "
             "before it or takes its gradients; hook the built-in layers or the nn.Sequential its forward calls",
             method, def.cls.name);
  if (!def.forward && !def.forward_n)
    gt_throw("NotImplementedError: register_forward_hook of a %s: a hook here runs after a forward of tensors that "
             "gives one tensor; hook the modules that forward calls",
             def.cls.name);
  return user_hooks()[m];
}

// Where m keeps its hooks; `method` (register_forward_hook, ...) names
// the call in an error.
gt_module_hooks &hooks_of(gt_module *m, const char *method) {
  if (!m) gt_throw("AttributeError: 'NoneType' object has no attribute '%s'", method);
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: {
      gt_module_state &s = gt_module_unwrap(m);
      if (!s.forward)  // LSTM, GRU, MultiheadAttention: their forwards give several tensors
        gt_throw("NotImplementedError: %s of a %s: a hook here hooks a forward of one tensor and one result; "
                 "hook the module that calls it",
                 method, s.type.c_str());
      return s.hooks;
    }
    case gt_module_kind::sequential: return reinterpret_cast<gt_container *>(m)->hooks;
    case gt_module_kind::module_list:
    case gt_module_kind::module_dict:
    case gt_module_kind::parameter_list:
      gt_throw("NotImplementedError: %s of a %s: it has no forward to hook (hook its children)", method,
               gt_module_type(m));
    case gt_module_kind::user: return user_hooks_of(m, method);
  }
  gt_throw("unknown module kind");
}

// The hooks m holds (NULL: a .gtp module without any), for a handle's remove().
gt_module_hooks *hooks_held_by(gt_module *m) {
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: return &gt_module_unwrap(m).hooks;
    case gt_module_kind::sequential: return &reinterpret_cast<gt_container *>(m)->hooks;
    case gt_module_kind::user: {
      auto found = user_hooks().find(m);
      return found == user_hooks().end() ? nullptr : &found->second;
    }
    default: return nullptr;
  }
}

// A .gtp module's hooks have changed from `had` hooks: it is held while it has any.
void user_hooks_changed(gt_module *m, size_t had) {
  if (gt_module_kind_of(m) != gt_module_kind::user) return;
  size_t now = user_hooks()[m].size();
  if (!had && now) gt_retain(m);
  if (had && !now) {
    user_hooks().erase(m);
    gt_release(m);
  }
}

// The hooks of one kind, their functions held while they run: a hook may
// remove itself, or add one, while they run.
struct held_hooks {
  std::vector<gt_module_hook> list;
  held_hooks(const gt_module_hooks &hooks, gt_hook_kind kind) {
    for (const gt_module_hook &h : hooks)
      if (h.kind == kind) list.push_back(h), gt_retain(h.fn);
  }
  held_hooks(const held_hooks &other) : list(other.list) {
    for (gt_module_hook &h : list) gt_retain(h.fn);
  }
  held_hooks &operator=(const held_hooks &) = delete;
  ~held_hooks() {
    for (gt_module_hook &h : list) gt_release(h.fn);
  }
};

// The tuple of n tensors (NULL items are None), a new reference.
gt_tuple *tensor_tuple(gt_tensor *const *items, int64_t n) {
  std::vector<gt_val> vals((size_t)n);
  for (int64_t i = 0; i < n; i++) vals[(size_t)i].p = items[i];
  return gt_tuple_of_elems(&gt_t_tensor, n, vals.data());
}

// ---- forward hooks ----------------------------------------------------------------

struct ForwardHookCall {
  gt_fn *fn;
  gt_module *m;
  gt_tuple *input;
  gt_tensor *output;
};

void call_forward_hook(void *p) {
  auto *k = static_cast<ForwardHookCall *>(p);
  reinterpret_cast<void (*)(gt_fn *, gt_module *, gt_tuple *, gt_tensor *)>(k->fn->code)(k->fn, k->m, k->input,
                                                                                        k->output);
}

// ---- forward pre-hooks ------------------------------------------------------------

// A pre-hook's call: what it returns, a new reference or NULL (None).
struct PreHookCall {
  const gt_module_hook *hook;
  gt_module *m;
  gt_tuple *input;
  gt_obj *result;
};

void call_pre_hook(void *p) {
  auto *k = static_cast<PreHookCall *>(p);
  gt_fn *fn = k->hook->fn;
  if (k->hook->gives == gt_hook_gives::nothing)
    reinterpret_cast<void (*)(gt_fn *, gt_module *, gt_tuple *)>(fn->code)(fn, k->m, k->input);
  else
    k->result = reinterpret_cast<gt_obj *(*)(gt_fn *, gt_module *, gt_tuple *)>(fn->code)(fn, k->m, k->input);
}

// Runs m's pre-hooks on the input tuple; a result that is not None is the
// input from then on, a tensor one being the tuple of it (PyTorch's).
gt_owned<gt_tuple> run_pre_hooks(gt_module *m, const gt_module_hooks &hooks, gt_owned<gt_tuple> input) {
  held_hooks now(hooks, gt_hook_kind::forward_pre);
  for (const gt_module_hook &h : now.list) {
    PreHookCall k{&h, m, input.get(), nullptr};
    if (!gt_call_guarded(call_pre_hook, &k)) gt_throw("a forward pre-hook raised an exception");
    if (!k.result) continue;
    if (h.gives == gt_hook_gives::tensor) {
      gt_tensor *x = reinterpret_cast<gt_tensor *>(k.result);
      input.reset(tensor_tuple(&x, 1));
      gt_release(x);
    } else {
      input.reset(reinterpret_cast<gt_tuple *>(k.result));
    }
  }
  return input;
}

// The one tensor a layer's or a Sequential's forward takes, of the input
// tuple the pre-hooks left.
gt_tensor *single_input(gt_module *m, const gt_tuple *input) {
  if (input->len != 1)
    gt_throw("TypeError: %s.forward() takes 2 positional arguments but %lld were given", gt_module_type(m),
             (long long)input->len + 1);
  auto *x = static_cast<gt_tensor *>(input->items[0].p);
  if (!x) gt_throw("TypeError: %s.forward() was given None, not a Tensor", gt_module_type(m));
  return x;
}

// ---- full backward hooks ----------------------------------------------------------
// PyTorch's BackwardHook: the forward's input and output pass through an
// identity (a copy here, PyTorch's BackwardHookFunction), whose gradients
// are the module's grad_input and grad_output. The output's arrives first
// and is kept; the input's then calls the hooks. Where no input requires
// grad, the output's calls them, grad_input (None,).

// One forward's hold on its gradients, shared by the two tensor hooks.
struct BackwardCall {
  gt_module *m;        // a reference, as PyTorch's BackwardHook holds the module
  held_hooks hooks;    // those registered at the forward, as PyTorch's
  bool input_hooked;   // the input required grad
  at::Tensor grad_output;
  bool has_grad_output = false;

  BackwardCall(gt_module *m, const gt_module_hooks &all, bool input_hooked)
      : m(static_cast<gt_module *>(gt_retain(m))), hooks(all, gt_hook_kind::full_backward),
        input_hooked(input_hooked) {}
  BackwardCall(const BackwardCall &) = delete;
  ~BackwardCall() { gt_release(m); }
};

struct BackwardHookCall {
  const gt_module_hook *hook;
  gt_module *m;
  gt_tuple *grad_input, *grad_output;
  gt_tuple *result;
};

void call_backward_hook(void *p) {
  auto *k = static_cast<BackwardHookCall *>(p);
  gt_fn *fn = k->hook->fn;
  using gives_tuple = gt_tuple *(*)(gt_fn *, gt_module *, gt_tuple *, gt_tuple *);
  if (k->hook->gives == gt_hook_gives::nothing)
    reinterpret_cast<void (*)(gt_fn *, gt_module *, gt_tuple *, gt_tuple *)>(fn->code)(fn, k->m, k->grad_input,
                                                                                      k->grad_output);
  else
    k->result = reinterpret_cast<gives_tuple>(fn->code)(fn, k->m, k->grad_input, k->grad_output);
}

bool has_none(const gt_tuple *t) {
  for (int64_t i = 0; i < t->len; i++)
    if (!t->items[i].p) return true;
  return false;
}

// A hook whose grads are typed tuple[Tensor, ...] cannot be given a None one.
void check_takes(const gt_module_hook &h, gt_module *m, const gt_tuple *grad_input, const gt_tuple *grad_output) {
  if (h.takes_none || (!has_none(grad_input) && !has_none(grad_output))) return;
  gt_throw("TypeError: a %s of a %s is given a gradient that is None (of an input or output that "
           "requires none), but takes tuple[Tensor, ...]: annotate grad_input and grad_output "
           "tuple[Optional[Tensor], ...]",
           h.kind == gt_hook_kind::backward ? "backward hook" : "full backward hook", gt_module_type(m));
}

// Runs the hooks on (grad_input, grad_output); each tuple one returns is
// grad_input from then on. Returns the last grad_input, a new reference.
gt_owned<gt_tuple> run_backward_hooks(BackwardCall &call, gt_owned<gt_tuple> grad_input, gt_tuple *grad_output) {
  for (const gt_module_hook &h : call.hooks.list) {
    check_takes(h, call.m, grad_input.get(), grad_output);
    BackwardHookCall k{&h, call.m, grad_input.get(), grad_output, nullptr};
    if (!gt_call_guarded(call_backward_hook, &k)) throw std::runtime_error("a full backward hook raised an exception");
    if (!k.result) continue;
    gt_owned<gt_tuple> out(k.result);
    if (out->len != grad_input->len)
      gt_throw("RuntimeError: Backward hook returned an invalid number of grad_input, got %lld, but expected %lld",
               (long long)out->len, (long long)grad_input->len);
    grad_input = std::move(out);
  }
  return grad_input;
}

gt_tuple *grad_tuple(const at::Tensor &grad) {
  gt_owned<gt_tensor> g(grad.defined() ? gt_wrap(grad) : nullptr);
  gt_tensor *item = g.get();
  return tensor_tuple(&item, 1);
}

// The gradient of the input has come: the hooks run, and what they leave
// is the input's gradient (an undefined tensor keeps the one given).
at::Tensor input_grad_hook(BackwardCall &call, const at::Tensor &grad) {
  if (!call.has_grad_output) return at::Tensor();  // not through the output (a double backward): PyTorch's skip
  call.has_grad_output = false;
  gt_owned<gt_tuple> grad_output(grad_tuple(call.grad_output));
  call.grad_output = at::Tensor();
  gt_owned<gt_tuple> grad_input = run_backward_hooks(call, gt_owned<gt_tuple>(grad_tuple(grad)), grad_output.get());
  auto *out = static_cast<gt_tensor *>(grad_input->items[0].p);
  return out ? U(out) : at::Tensor();
}

bool all_none(const gt_tuple *t) {
  for (int64_t i = 0; i < t->len; i++)
    if (t->items[i].p) return false;
  return true;
}

// The gradient of the output has come: kept for the input's hook, or,
// where the input requires none, given to the hooks now.
void output_grad_hook(BackwardCall &call, const at::Tensor &grad) {
  if (call.input_hooked) {
    call.grad_output = grad;
    call.has_grad_output = true;
    return;
  }
  gt_owned<gt_tuple> grad_output(grad_tuple(grad));
  gt_owned<gt_tuple> none(grad_tuple(at::Tensor()));
  gt_owned<gt_tuple> grad_input = run_backward_hooks(call, std::move(none), grad_output.get());
  if (!all_none(grad_input.get()))
    gt_throw("RuntimeError: Backward hook for Modules where no input requires gradient should always return None "
             "or None for all gradients.");
}

bool grad_recorded(const at::Tensor &t) { return t.requires_grad() && at::GradMode::is_enabled(); }

// The identity the gradient of t passes through, with `hook` on it: a
// copy, not a view, whose node stays in the graph where the module or the
// next one writes its result in place (ReLU(inplace=True)), so that the
// hook still runs (PyTorch refuses that write).
gt_tensor *through_hook(const at::Tensor &t, std::function<at::Tensor(const at::Tensor &)> hook) {
  at::Tensor copy = t.clone();
  copy.register_hook(std::move(hook));
  return gt_wrap(copy);
}

// ---- backward hooks (register_backward_hook) -------------------------------------
// PyTorch 1.13's deprecated module backward hooks: each forward hands them
// to the autograd node that made its output (Module._call_impl's
// grad_fn.register_hook), so that they see that one operation's gradients:
// grad_input one per input of it (a Linear's addmm: bias, input,
// weight.t(); None where one needs none), grad_output its output's. A
// tuple a hook returns is the node's gradients from then on, checked as
// PyTorch's PyFunctionPostHook checks it. PyTorch warns where these are
// not the module's gradients; its warnings go to stderr, which no
// differential test compares, and none is printed here.

using torch::autograd::variable_list;

// The tuple of the gradients (None for an undefined one), a new reference.
gt_tuple *grads_tuple(const variable_list &grads) {
  std::vector<gt_owned<gt_tensor>> held;
  std::vector<gt_tensor *> items;
  for (const at::Tensor &g : grads) {
    held.emplace_back(g.defined() ? gt_wrap(g) : nullptr);
    items.push_back(held.back().get());
  }
  return tensor_tuple(items.data(), (int64_t)items.size());
}

variable_list grads_of(const gt_tuple *t) {
  variable_list grads;
  for (int64_t i = 0; i < t->len; i++) {
    auto *g = static_cast<gt_tensor *>(t->items[i].p);
    grads.push_back(g ? U(g) : at::Tensor());
  }
  return grads;
}

std::string legacy_type(const at::Tensor &t) {
  return std::string("torch.") + (t.is_cuda() ? "cuda." : "") + at::toString(t.scalar_type()) + "Tensor";
}

// PyTorch's check of one gradient a hook gives. Where PyTorch names the
// hook's function ("hook 'scale' has changed ..."), which a compiled
// function value does not carry, the message names the module's hook.
void check_grad(gt_module *m, gt_tensor *was, gt_tensor *now) {
  if (!now) return;  // None drops the gradient
  if (!was) gt_throw("RuntimeError: can't replace a None gradient with a non-None value");
  const at::Tensor &a = U(was), &b = U(now);
  if (!a.options().type_equal(b.options()))
    gt_throw("RuntimeError: a backward hook of a %s has changed the type of value (was %s got %s)",
             gt_module_type(m), legacy_type(a).c_str(), legacy_type(b).c_str());
  if (a.is_cuda() != b.is_cuda())
    gt_throw("RuntimeError: a backward hook of a %s has changed the type of value (was %s tensor got %s tensor)",
             gt_module_type(m), a.is_cuda() ? "CUDA" : "CPU", b.is_cuda() ? "CUDA" : "CPU");
  if (a.sizes() != b.sizes())
    gt_throw("RuntimeError: a backward hook of a %s has changed the size of value", gt_module_type(m));
}

void check_grads(gt_module *m, const gt_tuple *was, const gt_tuple *now) {
  if (now->len != was->len)
    gt_throw("RuntimeError: a backward hook of a %s has returned an incorrect number of values (got %lld, but "
             "expected %lld)",
             gt_module_type(m), (long long)now->len, (long long)was->len);
  for (int64_t i = 0; i < now->len; i++)
    check_grad(m, static_cast<gt_tensor *>(was->items[i].p), static_cast<gt_tensor *>(now->items[i].p));
}

// A node's post hook: the module's hooks registered at its forward.
struct NodeHooks final : torch::autograd::FunctionPostHook {
  gt_module *m;  // a reference (PyTorch's _WrappedHook holds a weak one)
  held_hooks hooks;

  NodeHooks(gt_module *m, const gt_module_hooks &all)
      : m(static_cast<gt_module *>(gt_retain(m))), hooks(all, gt_hook_kind::backward) {}
  NodeHooks(const NodeHooks &) = delete;
  ~NodeHooks() override { gt_release(m); }

  // grad_input: the node's results (its inputs' gradients); grad_output: what it was given.
  variable_list operator()(const variable_list &grad_input, const variable_list &grad_output) override {
    gt_owned<gt_tuple> input(grads_tuple(grad_input)), output(grads_tuple(grad_output));
    for (const gt_module_hook &h : hooks.list) {
      check_takes(h, m, input.get(), output.get());
      BackwardHookCall k{&h, m, input.get(), output.get(), nullptr};
      if (!gt_call_guarded(call_backward_hook, &k)) throw std::runtime_error("a backward hook raised an exception");
      if (!k.result) continue;
      gt_owned<gt_tuple> given(k.result);
      check_grads(m, input.get(), given.get());
      input = std::move(given);
    }
    return grads_of(input.get());
  }
};

// y, the output of m's forward: its node takes m's backward hooks (none
// where y has no node: a leaf, or made without grad).
void hook_output_node(gt_module *m, const gt_module_hooks &hooks, const at::Tensor &y) {
  const std::shared_ptr<torch::autograd::Node> &node = y.grad_fn();
  if (node) node->add_post_hook(std::make_unique<NodeHooks>(m, hooks));
}

// ---- registration -------------------------------------------------------------------

// A module takes one kind of backward hook (full or not) for good, as
// PyTorch's _is_full_backward_hook, its hooks removed or not.
void take_backward_kind(gt_module_hooks &hooks, gt_hook_kind kind) {
  if (kind != gt_hook_kind::full_backward && kind != gt_hook_kind::backward) return;
  if (hooks.backward_kind && *hooks.backward_kind != kind)
    gt_throw("RuntimeError: Cannot use both regular backward hooks and full backward hooks on a single Module. "
             "Please use only one of them.");
  hooks.backward_kind = kind;
}

gt_hook_handle *register_hook(gt_module *m, gt_fn *fn, const char *method, gt_hook_kind kind, gt_hook_gives gives,
                              bool takes_none) {
  return GT_VALUE(gt_hook_handle *, nullptr, ([&] {
                    gt_module_hooks &hooks = hooks_of(m, method);
                    take_backward_kind(hooks, kind);
                    if (!fn) gt_throw("TypeError: 'NoneType' object is not callable");
                    auto *h = static_cast<gt_hook_handle *>(gt_alloc(sizeof(gt_hook_handle), &gt_hook_handle_class));
                    h->m = static_cast<gt_module *>(gt_retain(m));
                    h->id = next_hook_id++;
                    hooks.push_back({h->id, static_cast<gt_fn *>(gt_retain(fn)), kind, gives, takes_none});
                    user_hooks_changed(m, hooks.size() - 1);
                    return h;
                  }()));
}

bool has_kind(const gt_module_hooks &hooks, gt_hook_kind kind) {
  for (const gt_module_hook &h : hooks)
    if (h.kind == kind) return true;
  return false;
}

}  // namespace

extern "C" const gt_class gt_hook_handle_class = {"RemovableHandle", handle_drop, nullptr, nullptr,
                                                  nullptr, nullptr, nullptr};

void gt_release_hooks(gt_module_hooks &hooks) {
  for (gt_module_hook &h : hooks) gt_release(h.fn);
  hooks.clear();
}

const gt_module_hooks *gt_user_hooks(gt_module *m) {
  if (user_hooks().empty()) return nullptr;
  auto found = user_hooks().find(m);
  return found == user_hooks().end() ? nullptr : &found->second;
}

void gt_run_forward_hooks(gt_module *m, const gt_module_hooks &hooks, gt_tensor *const *inputs, int64_t n,
                          gt_tensor *y) {
  held_hooks now(hooks, gt_hook_kind::forward);
  if (now.list.empty()) return;
  gt_owned<gt_tuple> input(tensor_tuple(inputs, n));
  for (const gt_module_hook &h : now.list) {
    ForwardHookCall k{h.fn, m, input.get(), y};
    if (!gt_call_guarded(call_forward_hook, &k)) gt_throw("a forward hook raised an exception");
  }
}

gt_tensor *gt_hooked_forward(gt_module *m, const gt_module_hooks &hooks, gt_tensor *x,
                             const std::function<gt_tensor *(gt_tensor *)> &forward) {
  gt_owned<gt_tuple> input(tensor_tuple(&x, 1));
  if (has_kind(hooks, gt_hook_kind::forward_pre)) input = run_pre_hooks(m, hooks, std::move(input));
  gt_owned<gt_tensor> in(static_cast<gt_tensor *>(gt_retain(single_input(m, input.get()))));
  std::shared_ptr<BackwardCall> call;
  if (has_kind(hooks, gt_hook_kind::full_backward) && grad_recorded(U(in.get()))) {
    call = std::make_shared<BackwardCall>(m, hooks, true);
    in.reset(through_hook(U(in.get()), [call](const at::Tensor &g) { return input_grad_hook(*call, g); }));
  } else if (has_kind(hooks, gt_hook_kind::full_backward)) {
    call = std::make_shared<BackwardCall>(m, hooks, false);
  }
  gt_owned<gt_tensor> y(forward(in.get()));
  gt_tensor *given = in.get();
  gt_run_forward_hooks(m, hooks, &given, 1, y.get());
  if (call && grad_recorded(U(y.get())))
    y.reset(through_hook(U(y.get()), [call](const at::Tensor &g) {
      output_grad_hook(*call, g);
      return at::Tensor();
    }));
  if (has_kind(hooks, gt_hook_kind::backward)) hook_output_node(m, hooks, U(y.get()));
  return y.release();
}

extern "C" gt_hook_handle *gt_module_register_forward_hook(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_forward_hook", gt_hook_kind::forward, gt_hook_gives::nothing, false);
}

extern "C" gt_hook_handle *gt_module_register_forward_pre_hook(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_forward_pre_hook", gt_hook_kind::forward_pre, gt_hook_gives::nothing,
                       false);
}

extern "C" gt_hook_handle *gt_module_register_forward_pre_hook_tensor(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_forward_pre_hook", gt_hook_kind::forward_pre, gt_hook_gives::tensor, false);
}

extern "C" gt_hook_handle *gt_module_register_forward_pre_hook_tuple(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_forward_pre_hook", gt_hook_kind::forward_pre, gt_hook_gives::tuple, false);
}

extern "C" gt_hook_handle *gt_module_register_full_backward_hook(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_full_backward_hook", gt_hook_kind::full_backward, gt_hook_gives::nothing,
                       true);
}

extern "C" gt_hook_handle *gt_module_register_full_backward_hook_tuple(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_full_backward_hook", gt_hook_kind::full_backward, gt_hook_gives::tuple,
                       true);
}

extern "C" gt_hook_handle *gt_module_register_full_backward_hook_tensors(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_full_backward_hook", gt_hook_kind::full_backward, gt_hook_gives::nothing,
                       false);
}

extern "C" gt_hook_handle *gt_module_register_full_backward_hook_tensors_tuple(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_full_backward_hook", gt_hook_kind::full_backward, gt_hook_gives::tuple,
                       false);
}

extern "C" gt_hook_handle *gt_module_register_backward_hook(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_backward_hook", gt_hook_kind::backward, gt_hook_gives::nothing, true);
}

extern "C" gt_hook_handle *gt_module_register_backward_hook_tuple(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_backward_hook", gt_hook_kind::backward, gt_hook_gives::tuple, true);
}

extern "C" gt_hook_handle *gt_module_register_backward_hook_tensors(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_backward_hook", gt_hook_kind::backward, gt_hook_gives::nothing, false);
}

extern "C" gt_hook_handle *gt_module_register_backward_hook_tensors_tuple(gt_module *m, gt_fn *hook) {
  return register_hook(m, hook, "register_backward_hook", gt_hook_kind::backward, gt_hook_gives::tuple, false);
}

extern "C" int gt_hook_handle_remove(gt_hook_handle *h) {
  return GT_STATUS(([&] {
    if (!h) gt_throw("AttributeError: 'NoneType' object has no attribute 'remove'");
    gt_module_hooks *held = hooks_held_by(h->m);
    if (!held) return;  // a .gtp module whose hooks are all out
    gt_module_hooks &hooks = *held;
    for (size_t i = 0; i < hooks.size(); i++)
      if (hooks[i].id == h->id) {
        gt_release(hooks[i].fn);
        hooks.erase(hooks.begin() + (std::ptrdiff_t)i);
        user_hooks_changed(h->m, hooks.size() + 1);
        return;
      }
  }()));
}

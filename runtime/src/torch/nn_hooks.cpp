// nn_hooks.cpp - module.register_forward_hook(hook) and the handle whose
// remove() takes the hook out again: hook(module, input, output) runs
// after a built-in layer's, a Sequential's or a .gtp module's forward,
// input the tuple of the forward's tensors, as PyTorch's Module._call_impl
// calls it.
#include <atomic>
#include <unordered_map>

#include "nn_tree.h"

struct gt_hook_handle {
  gt_obj h;
  gt_module *m;  // a reference: PyTorch's handle keeps the hooks dict alive
  int64_t id;
};

namespace {

std::atomic<int64_t> next_hook_id{0};

void handle_drop(gt_obj *o) { gt_release(reinterpret_cast<gt_hook_handle *>(o)->m); }

// The hooks of .gtp modules, by module: the compiled program calls such a
// forward itself and asks for them after it (gt_module_hooked). A module
// is held while it has hooks, so that no other takes its address.
std::unordered_map<gt_module *, gt_forward_hooks> &user_hooks() {
  static std::unordered_map<gt_module *, gt_forward_hooks> hooks;
  return hooks;
}

// A .gtp module's hooks run after a forward of tensors that gives a tensor,
// the forwards the runtime can call (gt_module_def's forward and forward_n).
gt_forward_hooks &user_hooks_of(gt_module *m) {
  const gt_module_def &def = gt_user_def(m);
  if (!def.forward && !def.forward_n)
    gt_throw("NotImplementedError: register_forward_hook of a %s: a hook here runs after a forward of tensors that "
             "gives one tensor; hook the modules that forward calls",
             def.cls.name);
  return user_hooks()[m];
}

// Where m keeps its hooks.
gt_forward_hooks &hooks_of(gt_module *m) {
  if (!m) gt_throw("AttributeError: 'NoneType' object has no attribute 'register_forward_hook'");
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: {
      gt_module_state &s = gt_module_unwrap(m);
      if (!s.forward)  // LSTM, GRU, MultiheadAttention: their forwards give several tensors
        gt_throw("NotImplementedError: register_forward_hook of a %s: a hook here runs after a forward of one tensor and one result; "
                 "hook the module that calls it",
                 s.type.c_str());
      return s.hooks;
    }
    case gt_module_kind::sequential: return reinterpret_cast<gt_container *>(m)->hooks;
    case gt_module_kind::module_list:
    case gt_module_kind::module_dict:
    case gt_module_kind::parameter_list:
      gt_throw("NotImplementedError: register_forward_hook of a %s: it has no forward to hook (hook its children)", gt_module_type(m));
    case gt_module_kind::user: return user_hooks_of(m);
  }
  gt_throw("unknown module kind");
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

struct HookCall {
  gt_fn *fn;
  gt_module *m;
  gt_tuple *input;
  gt_tensor *output;
};

void call_hook(void *p) {
  auto *k = static_cast<HookCall *>(p);
  reinterpret_cast<void (*)(gt_fn *, gt_module *, gt_tuple *, gt_tensor *)>(k->fn->code)(k->fn, k->m, k->input,
                                                                                        k->output);
}

}  // namespace

extern "C" const gt_class gt_hook_handle_class = {"RemovableHandle", handle_drop, nullptr, nullptr,
                                                  nullptr, nullptr, nullptr};

void gt_release_hooks(gt_forward_hooks &hooks) {
  for (gt_forward_hook &h : hooks) gt_release(h.fn);
  hooks.clear();
}

const gt_forward_hooks *gt_user_hooks(gt_module *m) {
  if (user_hooks().empty()) return nullptr;
  auto found = user_hooks().find(m);
  return found == user_hooks().end() ? nullptr : &found->second;
}

void gt_run_forward_hooks(gt_module *m, const gt_forward_hooks &hooks, gt_tensor *const *inputs, int64_t n,
                          gt_tensor *y) {
  std::vector<gt_val> items((size_t)n);
  for (int64_t i = 0; i < n; i++) items[(size_t)i].p = inputs[i];
  gt_tuple *input = gt_tuple_of_elems(&gt_t_tensor, n, items.data());
  gt_forward_hooks now = hooks;  // a hook may remove itself, or add one, while they run
  for (gt_forward_hook &h : now) gt_retain(h.fn);
  bool ok = true;
  for (size_t i = 0; i < now.size() && ok; i++) {
    HookCall k{now[i].fn, m, input, y};
    ok = gt_call_guarded(call_hook, &k);
  }
  for (gt_forward_hook &h : now) gt_release(h.fn);
  gt_release(input);
  if (!ok) gt_throw("a forward hook raised an exception");
}

extern "C" gt_hook_handle *gt_module_register_forward_hook(gt_module *m, gt_fn *hook) {
  return GT_VALUE(gt_hook_handle *, nullptr, ([&] {
                    gt_forward_hooks &hooks = hooks_of(m);
                    if (!hook) gt_throw("TypeError: 'NoneType' object is not callable");
                    auto *h = static_cast<gt_hook_handle *>(gt_alloc(sizeof(gt_hook_handle), &gt_hook_handle_class));
                    h->m = static_cast<gt_module *>(gt_retain(m));
                    h->id = next_hook_id++;
                    hooks.push_back({h->id, static_cast<gt_fn *>(gt_retain(hook))});
                    user_hooks_changed(m, hooks.size() - 1);
                    return h;
                  }()));
}

extern "C" int gt_hook_handle_remove(gt_hook_handle *h) {
  return GT_STATUS(([&] {
    if (!h) gt_throw("AttributeError: 'NoneType' object has no attribute 'remove'");
    gt_forward_hooks &hooks = hooks_of(h->m);
    for (size_t i = 0; i < hooks.size(); i++)
      if (hooks[i].id == h->id) {
        gt_release(hooks[i].fn);
        hooks.erase(hooks.begin() + (std::ptrdiff_t)i);
        user_hooks_changed(h->m, hooks.size() + 1);
        return;
      }
  }()));
}

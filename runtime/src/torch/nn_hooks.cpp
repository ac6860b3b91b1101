// nn_hooks.cpp - module.register_forward_hook(hook) and the handle whose
// remove() takes the hook out again: hook(module, input, output) runs
// after a built-in layer's or a Sequential's forward, input the tuple of
// the forward's tensors, as PyTorch's Module._call_impl calls it.
#include <atomic>

#include "nn_tree.h"

struct gt_hook_handle {
  gt_obj h;
  gt_module *m;  // a reference: PyTorch's handle keeps the hooks dict alive
  int64_t id;
};

namespace {

std::atomic<int64_t> next_hook_id{0};

void handle_drop(gt_obj *o) { gt_release(reinterpret_cast<gt_hook_handle *>(o)->m); }

// Where m keeps its hooks. A .gtp module's forward is called by the
// compiled program itself, past the runtime, so a hook there would not run.
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
      gt_throw("NotImplementedError: register_forward_hook of a %s: it has no forward to hook (hook its children)", gt_module_type(m));
    case gt_module_kind::user: break;
  }
  gt_throw("NotImplementedError: register_forward_hook of a .gtp module (%s): the compiled program calls its forward directly, so a "
           "hook would not run; hook a layer or an nn.Sequential inside it",
           gt_module_type(m));
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

void gt_run_forward_hooks(gt_module *m, const gt_forward_hooks &hooks, gt_tensor *x, gt_tensor *y) {
  gt_val item;
  item.p = x;
  gt_tuple *input = gt_tuple_of_elems(&gt_t_tensor, 1, &item);
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
        return;
      }
  }()));
}

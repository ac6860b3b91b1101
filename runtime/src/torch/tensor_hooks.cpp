// tensor_hooks.cpp - x.register_hook(hook): the program's function runs
// when the gradient of x is computed during backward(), given it, and
// where it returns a tensor that tensor is the gradient from there on
// (PyTorch's Tensor.register_hook); the handle's remove() takes it out.
// The hook is program code called from inside libtorch's autograd engine:
// an exception it raises is held (gt_call_guarded) and libtorch's frames
// unwind by a C++ exception, after which backward() raises it on.
#include "internal.h"

struct gt_tensor_hook_handle {
  gt_obj h;
  gt_tensor *t;  // a reference: removing the hook needs the tensor
  unsigned id;
  bool removed;
};

namespace {

void handle_drop(gt_obj *o) { gt_release(reinterpret_cast<gt_tensor_hook_handle *>(o)->t); }

// The hook's call: grad (borrowed) in, a new reference or NULL out.
struct HookCall {
  gt_fn *fn;
  bool gives_tensor;
  gt_tensor *grad;
  gt_tensor *result;
};

void call_hook(void *p) {
  auto *k = static_cast<HookCall *>(p);
  if (k->gives_tensor)
    k->result = reinterpret_cast<gt_tensor *(*)(gt_fn *, gt_tensor *)>(k->fn->code)(k->fn, k->grad);
  else
    reinterpret_cast<void (*)(gt_fn *, gt_tensor *)>(k->fn->code)(k->fn, k->grad);
}

// A hook as libtorch calls it: the gradient it gives, or an undefined
// tensor to keep the one it was given. The function is held as long as
// the hook is.
std::function<at::Tensor(const at::Tensor &)> program_hook(gt_fn *fn, bool gives_tensor) {
  gt_retain(fn);
  std::shared_ptr<gt_fn> held(fn, [](gt_fn *f) { gt_release(f); });
  return [held, gives_tensor](const at::Tensor &grad) -> at::Tensor {
    gt_tensor *g = gt_wrap(grad);
    HookCall k{held.get(), gives_tensor, g, nullptr};
    bool ok = gt_call_guarded(call_hook, &k);
    gt_release(g);
    if (!ok) throw std::runtime_error("a tensor hook raised an exception");
    if (!k.result) return at::Tensor();
    at::Tensor out = U(k.result);
    gt_release(k.result);
    return out;
  };
}

gt_tensor_hook_handle *register_hook(gt_tensor *x, gt_fn *hook, bool gives_tensor) {
  return GT_VALUE(gt_tensor_hook_handle *, nullptr, ([&] {
                    if (!hook) gt_throw("TypeError: 'NoneType' object is not callable");
                    if (!U(x).requires_grad())
                      gt_throw("RuntimeError: cannot register a hook on a tensor that doesn't require gradient");
                    unsigned id = U(x).register_hook(program_hook(hook, gives_tensor));
                    auto *h = static_cast<gt_tensor_hook_handle *>(
                        gt_alloc(sizeof(gt_tensor_hook_handle), &gt_tensor_hook_handle_class));
                    h->t = static_cast<gt_tensor *>(gt_retain(x));
                    h->id = id;
                    return h;
                  }()));
}

}  // namespace

extern "C" const gt_class gt_tensor_hook_handle_class = {"RemovableHandle", handle_drop, nullptr, nullptr,
                                                         nullptr, nullptr, nullptr};

extern "C" gt_tensor_hook_handle *gt_tensor_register_hook(gt_tensor *x, gt_fn *hook) {
  return register_hook(x, hook, true);
}

extern "C" gt_tensor_hook_handle *gt_tensor_register_hook_none(gt_tensor *x, gt_fn *hook) {
  return register_hook(x, hook, false);
}

extern "C" int gt_tensor_hook_handle_remove(gt_tensor_hook_handle *h) {
  return GT_STATUS(([&] {
    if (h->removed) return;  // PyTorch's second remove() does nothing
    U(h->t).remove_hook(h->id);
    h->removed = true;
  }()));
}

// nn_module.h - the handle of a built-in layer, shared by nn_module.cpp,
// nn_layers.cpp and the module-tree sources (nn_tree.h).
//
// It names torch::nn::Module without including its header, so that the
// sources that only walk module trees compile against ATen alone.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "nn_internal.h"

namespace torch {
namespace nn {
class Module;
}  // namespace nn
}  // namespace torch

// module.register_forward_hook(hook), register_forward_pre_hook(hook),
// register_full_backward_hook(hook) and register_backward_hook(hook): a
// program's function that a layer's or a container's forward calls before
// it runs, once it has run, or that backward() calls with the gradients of
// its input and output, or of the operation that made its output
// (nn_hooks.cpp).
enum class gt_hook_kind { forward, forward_pre, full_backward, backward };
// What the hook's function returns: nothing, an Optional[Tensor] (a
// pre-hook's new input) or an Optional[tuple[...]] (a new input, or new
// gradients of the input).
enum class gt_hook_gives { nothing, tensor, tuple };
struct gt_module_hook {
  int64_t id;  // the handle's
  gt_fn *fn;   // a reference
  gt_hook_kind kind;
  gt_hook_gives gives;
  bool takes_none;  // a backward hook whose grads are typed Optional[Tensor]
};
struct gt_module_hooks : std::vector<gt_module_hook> {
  // full_backward or backward: the kind of backward hook registered first,
  // PyTorch's _is_full_backward_hook, which refuses the other kind for good
  std::optional<gt_hook_kind> backward_kind;
};
// Releases the hooks' functions (a module's drop).
void gt_release_hooks(gt_module_hooks &hooks);
// Calls each forward hook as hook(m, inputs, y), inputs the tuple of the n
// tensors the forward was given, PyTorch's _call_impl order; an exception
// a hook raises throws here, to come out where forward returns.
void gt_run_forward_hooks(gt_module *m, const gt_module_hooks &hooks, gt_tensor *const *inputs, int64_t n,
                          gt_tensor *y);
// The forward of one tensor of a layer or a Sequential m that has hooks,
// PyTorch's _call_impl: the pre-hooks (which may replace x), the backward
// hooks' hold on the input, forward(x), the forward hooks, the backward
// hooks' hold on the output. A new reference.
gt_tensor *gt_hooked_forward(gt_module *m, const gt_module_hooks &hooks, gt_tensor *x,
                             const std::function<gt_tensor *(gt_tensor *)> &forward);
// The hooks of .gtp module m, or NULL where it has none.
const gt_module_hooks *gt_user_hooks(gt_module *m);

// A layer's forward, given the layer's libtorch module: a copy of the layer
// (copy.deepcopy) runs the same function on a module of its own.
using gt_forward_fn = std::function<at::Tensor(torch::nn::Module &, const at::Tensor &)>;

// The forward of a layer whose libtorch module is an Impl (a virtual base
// of it, hence the dynamic_cast).
template <class Impl>
gt_forward_fn gt_forward_of() {
  return [](torch::nn::Module &m, const at::Tensor &x) { return dynamic_cast<Impl &>(m).forward(x); };
}

// One of PyTorch's plain attributes of a layer (Dropout's p, MaxPool2d's
// kernel_size as given): None, an int, a float, a bool, a tuple of ints or
// a str; read off a .gtp module's field, also another object (borrowed).
// A layer with parameters has its own in its libtorch module's options; a
// parameter-free one keeps those it was made with, by name (nn_attrs.cpp
// reads both).
using gt_layer_attr =
    std::variant<std::monostate, int64_t, double, bool, std::vector<int64_t>, std::string, const gt_obj *>;
using gt_layer_attrs = std::vector<std::pair<std::string, gt_layer_attr>>;

// What a gt_module holds. The handle itself is a C block (gt_alloc), so the
// C++ state lives behind one pointer and is deleted by the class's drop.
struct gt_module_state {
  std::string type;                                  // "Linear"
  std::string repr;                                  // Python's repr
  std::shared_ptr<torch::nn::Module> module;         // the libtorch module
  gt_forward_fn forward;                             // empty for LSTM/GRU
  std::vector<std::string> param_names, buffer_names;
  std::vector<gt_tensor *> params, buffers;          // owned handles
  gt_module_hooks hooks;
  gt_layer_attrs attrs;                              // a parameter-free layer's
};

// A built-in layer: class gt_module_class. Containers and .gtp modules are
// other structs behind the same gt_module * (nn_tree.h).
struct gt_module {
  gt_obj h;
  gt_module_state *s;
};

// A new handle (rc 1) over a constructed libtorch module: collects its named
// parameters and buffers (PyTorch's order and names) and marks the
// parameters as nn.Parameters for printing.
gt_module *gt_module_make(std::string type, std::string repr,
                          std::shared_ptr<torch::nn::Module> module,
                          gt_forward_fn forward);

// copy.deepcopy of a built-in layer: a new handle over a copy of its
// libtorch module, its tensors new ones of the same values and
// requires_grad (without grads, as Parameter.__deepcopy__), recorded in c; a parameter c has copied already (a tied
// weight) is shared as it is in m.
gt_module *gt_module_deepcopy(gt_module *m, gt_copier *c);

// layer.weight = value (an nn.Parameter): the layer's forward, parameters
// and state dict use value from then on. Throws for a layer without a
// weight member that can be set (nn_layers.cpp).
void gt_module_tie_weight(gt_module_state &s, gt_tensor *value);

// Whether m is a built-in layer (not NULL, not a container, not a .gtp module).
bool gt_module_is_builtin(const gt_module *m);
// The state of a built-in layer; throws on NULL and on the other kinds.
gt_module_state &gt_module_unwrap(gt_module *m);

// The training flag of a built-in layer's libtorch module (recursive there).
void gt_builtin_train(gt_module_state &s, bool mode);
bool gt_builtin_is_training(const gt_module_state &s);

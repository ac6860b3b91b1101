// nn_tree.h - the kinds of gt_module and what a module tree is made of,
// shared by nn_tree.cpp (dispatch and the tree methods), nn_container.cpp
// (nn.Sequential, nn.ModuleList, nn.ModuleDict, nn.ParameterList) and
// nn_state_dict.cpp.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nn_module.h"

// What a gt_module * points at. Only the class pointer tells them apart:
// a .gtp module's class is the `cls` of its gt_module_def, which the
// runtime cannot list, so "user" is whatever is none of the others.
enum class gt_module_kind { builtin, sequential, module_list, module_dict, parameter_list, user };

// The kind of m; throws on NULL ("module is None").
gt_module_kind gt_module_kind_of(const gt_module *m);

// nn.Sequential and nn.ModuleList: their own training flag and references
// to their children, named "0", "1", ... by position; nn.ModuleDict's are
// named by their keys (keys[i] names children[i]), in insertion order. A
// library's subclass of Sequential (torchvision's Conv2dNormActivation) is
// a Sequential with its class name in type_name (empty for the
// container's own). An nn.ParameterList is one without children whose
// params are its parameters, named "0", "1", ... by position.
struct gt_container {
  gt_obj h;
  bool training;
  std::vector<gt_module *> children;  // owned references
  std::string type_name;
  std::vector<std::string> keys;      // a ModuleDict's; empty for the others
  gt_module_hooks hooks;              // a Sequential's
  std::vector<gt_tensor *> params;    // a ParameterList's (owned references)
};

extern const gt_class gt_sequential_class;
extern const gt_class gt_module_list_class;
extern const gt_class gt_module_dict_class;
extern const gt_class gt_parameter_list_class;

// A new list[tuple[str, Module]] of the pairs (named_children()'s).
gt_list *gt_named_module_pairs(const std::vector<std::pair<std::string, gt_module *>> &ms);

// copy.deepcopy of a Sequential, ModuleList, ModuleDict or ParameterList: a
// new one of the same names and deep copies of the children (parameters),
// recorded in c.
gt_module *gt_container_deepcopy(gt_module *m, gt_copier *c);

// The container behind m. For other kinds it throws Python's message,
// `error` with the class name for its %s ("'%s' object is not iterable").
gt_container &gt_container_of(gt_module *m, const char *error);

// A .gtp module: its head and the definition its class belongs to.
inline gt_module_head &gt_user_head(gt_module *m) { return *reinterpret_cast<gt_module_head *>(m); }
inline const gt_module_def &gt_user_def(const gt_module *m) {
  return *reinterpret_cast<const gt_module_def *>(m->h.cls);
}

// One module's own members, as PyTorch's _modules, _parameters and
// _buffers: names and borrowed handles, in registration order, NULLs left
// out. A .gtp module's parameters are its Tensor fields that are
// nn.Parameters, its buffers those register_buffer declared. A .gtp class deriving a
// built-in layer (class Layer(nn.Linear)) keeps the layer it made in
// super().__init__ (its fields visitor names it NULL): the layer's
// parameters and buffers are the module's own, under their own names
// ("weight", not "layer.weight"), as in PyTorch, where they are
// attributes of the same object.
struct gt_module_parts {
  std::vector<std::pair<std::string, gt_module *>> children;
  std::vector<std::pair<std::string, gt_tensor *>> params, buffers;
  std::vector<std::string> transient;  // buffers registered with persistent=False: in no state dict
  gt_module *layer = nullptr;

  bool is_transient(const std::string &buffer) const {
    for (auto &t : transient)
      if (t == buffer) return true;
    return false;
  }
};
gt_module_parts gt_module_parts_of(gt_module *m);

// The built-in layer that does m's layer work: m itself, or the layer a
// .gtp module derives (borrowed); NULL for containers and other .gtp
// modules.
gt_module *gt_module_layer_of(gt_module *m);

// PyTorch's children(): each child once, in order (a module registered
// under two names is visited once).
std::vector<gt_module *> gt_module_unique_children(gt_module *m);

// Walks recurse once per level of nesting; a module that contains itself
// would recurse forever, so deep walks stop as Python's recursion limit
// stops them.
void gt_module_check_depth(int depth);

// "prefix.name", or "name" at the root.
std::string gt_module_join(const std::string &prefix, const std::string &name);

// Owns one reference to a runtime object until it is released or handed
// over (release()), so that an exception drops what was built so far.
struct gt_releaser {
  void operator()(void *p) const { gt_release(p); }
};
template <class T>
using gt_owned = std::unique_ptr<T, gt_releaser>;

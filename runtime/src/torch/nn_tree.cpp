// nn_tree.cpp - what every kind of module does (built-in layer, container,
// .gtp module): forward, type and repr, train/eval, to(), and the tree
// methods parameters(), named_parameters(), buffers(), named_buffers(),
// zero_grad() and apply(), in PyTorch's order and with its names.
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>

#include "nn_tree.h"

// ---- kinds and parts -----------------------------------------------------------

gt_module_kind gt_module_kind_of(const gt_module *m) {
  if (!m) gt_throw("module is None");
  if (m->h.cls == &gt_module_class) return gt_module_kind::builtin;
  if (m->h.cls == &gt_sequential_class) return gt_module_kind::sequential;
  if (m->h.cls == &gt_module_list_class) return gt_module_kind::module_list;
  if (m->h.cls == &gt_module_dict_class) return gt_module_kind::module_dict;
  if (m->h.cls == &gt_parameter_list_class) return gt_module_kind::parameter_list;
  return gt_module_kind::user;
}

namespace {

gt_module_parts builtin_parts(gt_module *m) {
  gt_module_state &s = gt_module_unwrap(m);
  gt_module_parts p;
  for (size_t i = 0; i < s.params.size(); i++) p.params.emplace_back(s.param_names[i], s.params[i]);
  for (size_t i = 0; i < s.buffers.size(); i++) p.buffers.emplace_back(s.buffer_names[i], s.buffers[i]);
  return p;
}

// The fields visitor is called from generated C code, which an exception
// must not cross: failures are kept here and thrown once it returns.
struct field_collector {
  gt_module_parts parts;
  std::string error;
};

// The layer a .gtp module derives: its tensors become the module's own.
void collect_layer(field_collector *c, gt_module *layer) {
  if (gt_module_kind_of(layer) != gt_module_kind::builtin) {
    c->error = "its base layer is not a built-in layer";
    return;
  }
  gt_module_parts p = builtin_parts(layer);
  c->parts.params.insert(c->parts.params.end(), p.params.begin(), p.params.end());
  c->parts.buffers.insert(c->parts.buffers.end(), p.buffers.begin(), p.buffers.end());
  c->parts.layer = layer;
}

void collect_field(void *ctx, const char *name, gt_obj *value, int kind) noexcept {
  auto *c = static_cast<field_collector *>(ctx);
  if (!value || !c->error.empty()) return;
  try {
    std::string n = name ? name : "";
    bool module = kind == 1, buffer = kind == GT_VISIT_BUFFER || kind == GT_VISIT_TRANSIENT_BUFFER;
    if (module && !name) {
      collect_layer(c, reinterpret_cast<gt_module *>(value));
    } else if (module) {
      c->parts.children.emplace_back(n, reinterpret_cast<gt_module *>(value));
    } else if (value->cls != &gt_tensor_class) {
      c->error = "field '" + n + "' is neither a Tensor nor a module";
    } else if (buffer) {
      c->parts.buffers.emplace_back(n, reinterpret_cast<gt_tensor *>(value));
      if (kind == GT_VISIT_TRANSIENT_BUFFER) c->parts.transient.push_back(n);
    } else {
      auto *t = reinterpret_cast<gt_tensor *>(value);
      // Plain tensor attributes are in no state dict, as in PyTorch.
      if (gt_param_is(t->t)) c->parts.params.emplace_back(n, t);
    }
  } catch (const std::exception &e) {
    c->error = e.what();
  } catch (...) {
    c->error = "out of memory";
  }
}

gt_module_parts user_parts(gt_module *m) {
  const gt_module_def &def = gt_user_def(m);
  field_collector c;
  if (def.fields) def.fields(&m->h, collect_field, &c);
  if (!c.error.empty()) gt_throw("%s: %s", def.cls.name, c.error.c_str());
  return std::move(c.parts);
}

gt_module_parts container_parts(gt_module *m) {
  const gt_container &c = *reinterpret_cast<gt_container *>(m);
  gt_module_parts p;
  for (size_t i = 0; i < c.children.size(); i++)
    p.children.emplace_back(c.keys.empty() ? std::to_string(i) : c.keys[i], c.children[i]);
  for (size_t i = 0; i < c.params.size(); i++) p.params.emplace_back(std::to_string(i), c.params[i]);
  return p;
}

}  // namespace

gt_module_parts gt_module_parts_of(gt_module *m) {
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: return builtin_parts(m);
    case gt_module_kind::user: return user_parts(m);
    default: return container_parts(m);
  }
}

gt_module *gt_module_layer_of(gt_module *m) {
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: return m;
    case gt_module_kind::user: return user_parts(m).layer;
    default: return nullptr;
  }
}

// For bind_nn.cpp, which uses the C API only: the type of the layer
// behind m ("Linear" for a .gtp class deriving nn.Linear), else m's.
const char *gt_module_layer_type(gt_module *m) noexcept {
  try {
    if (gt_module *layer = gt_module_layer_of(m)) return gt_module_type(layer);
  } catch (...) {
  }
  return gt_module_type(m);
}

std::vector<gt_module *> gt_module_unique_children(gt_module *m) {
  std::vector<gt_module *> out;
  std::unordered_set<gt_module *> seen;
  for (auto &c : gt_module_parts_of(m).children)
    if (seen.insert(c.second).second) out.push_back(c.second);
  return out;
}

void gt_module_check_depth(int depth) {
  if (depth > 1000) gt_throw("maximum recursion depth exceeded (does a module contain itself?)");
}

std::string gt_module_join(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : prefix + "." + name;
}

extern "C" void gt_module_head_init(gt_module_head *head) {
  if (head) head->training = true;
}

// ---- forward -------------------------------------------------------------------

namespace {

// m(x) as a new reference; throws on error.
gt_tensor *forward(gt_module *m, gt_tensor *x, int depth);

gt_tensor *user_hooked(gt_module *m, gt_tensor *const *inputs, int64_t n, gt_tensor *y);

gt_tensor *user_forward(gt_module *m, gt_tensor *x, int depth) {
  const gt_module_def &def = gt_user_def(m);
  if (!def.forward) {  // a class deriving a layer without a forward of its own runs the layer's
    if (gt_module *layer = user_parts(m).layer) return forward(layer, x, depth + 1);
    gt_throw("%s's forward is no forward(self, x: Tensor) -> Tensor, which a call through an "
             "nn.Module runs (it takes other arguments or returns another type): give the variable the type %s",
             def.cls.name, def.cls.name);
  }
  gt_clear_error();
  gt_tensor *y = def.forward(&m->h, x);
  if (!y) gt_throw("%s", *gt_last_error() ? gt_last_error() : "forward returned None");
  return user_hooked(m, &x, 1, y);
}

// Runs m's hooks on its forward's result y, which is released if one raises.
void hooked(gt_module *m, const gt_module_hooks &hooks, gt_tensor *const *inputs, int64_t n, gt_tensor *y) {
  try {
    gt_run_forward_hooks(m, hooks, inputs, n, y);
  } catch (...) {
    gt_release(y);
    throw;
  }
}

// A .gtp module's forward of n inputs has given y: its hooks run, if any.
gt_tensor *user_hooked(gt_module *m, gt_tensor *const *inputs, int64_t n, gt_tensor *y) {
  if (const gt_module_hooks *hooks = gt_user_hooks(m)) hooked(m, *hooks, inputs, n, y);
  return y;
}

// Each child's output is the next one's input; no children: the input itself.
gt_tensor *sequential_forward(gt_module *m, gt_tensor *x, int depth) {
  gt_owned<gt_tensor> cur(static_cast<gt_tensor *>(gt_retain(x)));
  for (gt_module *child : reinterpret_cast<gt_container *>(m)->children)
    cur.reset(forward(child, cur.get(), depth + 1));
  return cur.release();
}

gt_tensor *forward(gt_module *m, gt_tensor *x, int depth) {
  gt_module_check_depth(depth);
  U(x);  // None is an error for every kind (an empty Sequential would return it)
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: {
      gt_module_state &s = gt_module_unwrap(m);
      if (!s.forward) gt_throw("%s's forward takes more than one tensor", s.type.c_str());
      if (s.hooks.empty()) return gt_wrap(s.forward(*s.module, U(x)));
      return gt_hooked_forward(m, s.hooks, x, [&](gt_tensor *in) { return gt_wrap(s.forward(*s.module, U(in))); });
    }
    case gt_module_kind::sequential: {
      auto &hooks = reinterpret_cast<gt_container *>(m)->hooks;
      if (hooks.empty()) return sequential_forward(m, x, depth);
      return gt_hooked_forward(m, hooks, x, [&](gt_tensor *in) { return sequential_forward(m, in, depth); });
    }
    case gt_module_kind::module_list:
      gt_throw("NotImplementedError: Module [ModuleList] is missing the required \"forward\" function");
    case gt_module_kind::module_dict:
      gt_throw("NotImplementedError: Module [ModuleDict] is missing the required \"forward\" function");
    case gt_module_kind::parameter_list: gt_throw("RuntimeError: ParameterList should not be called.");
    case gt_module_kind::user: return user_forward(m, x, depth);
  }
  gt_throw("unknown module kind");
}

}  // namespace

extern "C" gt_tensor *gt_module_forward(gt_module *m, gt_tensor *input) {
  return GT_VALUE(gt_tensor *, nullptr, forward(m, input, 0));
}

namespace {

// A .gtp forward of several tensors is the program's code, which must not
// unwind these C++ frames (gt_call_guarded): an exception it raises fails
// the call and comes out where it returns.
struct ForwardN {
  gt_module *m;
  gt_tensor *const *inputs;
  int64_t n;
  gt_tensor *y;
};
void call_forward_n(void *p) {
  auto *k = static_cast<ForwardN *>(p);
  k->y = gt_user_def(k->m).forward_n(&k->m->h, k->inputs, k->n);
}

}  // namespace

extern "C" gt_tensor *gt_module_forward_n(gt_module *m, gt_tensor *const *inputs, int64_t n) {
  return GT_VALUE(gt_tensor *, nullptr, ([&]() -> gt_tensor * {
    if (n == 1) return forward(m, inputs[0], 0);
    if (!m) gt_throw("TypeError: 'NoneType' object is not callable");
    if (gt_module_kind_of(m) != gt_module_kind::user)
      gt_throw("TypeError: %s.forward() takes 2 positional arguments but %lld were given", gt_module_type(m),
               (long long)n + 1);
    if (!gt_user_def(m).forward_n)
      gt_throw("TypeError: %s.forward is called with %lld tensors through a value typed nn.Module, which takes a "
               "forward of tensors only (annotate the value with its class)", gt_user_def(m).cls.name, (long long)n);
    for (int64_t i = 0; i < n; i++) U(inputs[i]);
    ForwardN k{m, inputs, n, nullptr};
    if (!gt_call_guarded(call_forward_n, &k)) gt_throw("%s.forward raised an exception", gt_user_def(m).cls.name);
    if (!k.y) gt_throw("TypeError: forward returned None");
    return user_hooked(m, inputs, n, k.y);
  }()));
}

extern "C" gt_tensor *gt_module_hooked(gt_module *m, gt_tensor *const *inputs, int64_t n, gt_tensor *y) {
  return GT_VALUE(gt_tensor *, nullptr, user_hooked(m, inputs, n, y));
}

// ---- type and repr ---------------------------------------------------------------

// The module PyTorch 1.13 defines a layer's class in (what repr(type(m))
// names), read off python3's torch.nn: Linear's is torch.nn.modules.linear.
static const char *layer_module(const std::string &type) {
  static const std::map<std::string, const char *> modules = {
      {"Sequential", "container"}, {"ModuleList", "container"}, {"ModuleDict", "container"},
      {"Linear", "linear"}, {"Identity", "linear"}, {"NonDynamicallyQuantizableLinear", "linear"},
      {"Conv1d", "conv"}, {"Conv2d", "conv"}, {"ConvTranspose2d", "conv"}, {"ConvTranspose1d", "conv"},
      {"ConvTranspose3d", "conv"},
      {"BatchNorm1d", "batchnorm"}, {"BatchNorm2d", "batchnorm"}, {"LayerNorm", "normalization"},
      {"Dropout", "dropout"}, {"Dropout2d", "dropout"}, {"Embedding", "sparse"},
      {"RNN", "rnn"}, {"LSTM", "rnn"}, {"GRU", "rnn"}, {"RNNCell", "rnn"}, {"LSTMCell", "rnn"}, {"GRUCell", "rnn"},
      {"ReLU", "activation"}, {"ReLU6", "activation"}, {"LeakyReLU", "activation"}, {"ELU", "activation"},
      {"GELU", "activation"}, {"SiLU", "activation"}, {"Tanh", "activation"}, {"Sigmoid", "activation"},
      {"Softmax", "activation"}, {"LogSoftmax", "activation"}, {"Flatten", "flatten"},
      {"MaxPool2d", "pooling"}, {"AvgPool2d", "pooling"}, {"AdaptiveAvgPool2d", "pooling"},
      {"Conv3d", "conv"}, {"GroupNorm", "normalization"}, {"InstanceNorm1d", "instancenorm"},
      {"InstanceNorm2d", "instancenorm"}, {"PReLU", "activation"}, {"Softplus", "activation"},
      {"Hardswish", "activation"}, {"Hardsigmoid", "activation"}, {"Mish", "activation"},
      {"PixelShuffle", "pixelshuffle"}, {"PixelUnshuffle", "pixelshuffle"}, {"Unflatten", "flatten"},
      {"ReflectionPad1d", "padding"}, {"ReflectionPad2d", "padding"}, {"ReflectionPad3d", "padding"},
      {"ReplicationPad1d", "padding"}, {"ReplicationPad2d", "padding"}, {"ReplicationPad3d", "padding"},
      {"ZeroPad2d", "padding"}, {"ConstantPad1d", "padding"}, {"ConstantPad2d", "padding"},
      {"ConstantPad3d", "padding"}, {"MaxPool1d", "pooling"}, {"AvgPool1d", "pooling"},
      {"AdaptiveMaxPool1d", "pooling"}, {"AdaptiveMaxPool2d", "pooling"}, {"BatchNorm3d", "batchnorm"},
      {"InstanceNorm3d", "instancenorm"}, {"ParameterList", "container"},
  };
  static std::map<std::string, std::string> full;  // "torch.nn.modules.linear", kept for the classes
  auto it = modules.find(type);
  if (it == modules.end()) return "torch.nn.modules";
  std::string &m = full[type];
  if (m.empty()) m = std::string("torch.nn.modules.") + it->second;
  return m.c_str();
}

extern "C" gt_classobj *gt_module_classobj(gt_module *m) {
  if (!m) gt_fail("TypeError: type() of None: a module was expected");
  if (gt_module_kind_of(m) == gt_module_kind::user) return gt_classobj_of(&gt_user_def(m).cls);
  // One immortal class per layer type, as gt_classobj_of keeps one object per class.
  static std::mutex mu;
  static std::map<std::string, gt_class *> classes;
  gt_classobj *obj;
  {
    std::lock_guard<std::mutex> lock(mu);
    gt_class *&cls = classes[gt_module_type(m)];
    if (!cls) {
      auto it = classes.find(gt_module_type(m));
      cls = new gt_class{};
      cls->name = it->first.c_str();
    }
    obj = gt_classobj_in(cls, layer_module(cls->name));
  }
  return obj;
}

extern "C" const char *gt_module_type(const gt_module *m) {
  if (!m) return "None";
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: return m->s ? m->s->type.c_str() : "None";
    case gt_module_kind::user: return gt_user_def(m).cls.name;
    default: {
      const std::string &name = reinterpret_cast<const gt_container *>(m)->type_name;
      return name.empty() ? m->h.cls->name : name.c_str();
    }
  }
}

namespace {

// Python's _addindent: every line but the first indented.
std::string add_indent(const std::string &s, int spaces) {
  std::string out;
  for (char ch : s) {
    out += ch;
    if (ch == '\n') out.append(spaces, ' ');
  }
  return out;
}

// A layer's extra_repr: what its one-line repr has between the parentheses
// ("in_features=784, out_features=500, bias=True").
std::string extra_repr(gt_module *layer) {
  const std::string &r = gt_module_unwrap(layer).repr;
  size_t open = r.find('('), close = r.rfind(')');
  return open == std::string::npos || close == std::string::npos || close < open ? "" : r.substr(open + 1, close - open - 1);
}

// ParameterList.extra_repr: a line per parameter, "  (0): Parameter
// containing: [torch.float32 of size 3x4]".
std::string parameter_list_extra_repr(gt_module *m) {
  std::string s;
  const std::vector<gt_tensor *> &params = reinterpret_cast<gt_container *>(m)->params;
  for (size_t i = 0; i < params.size(); i++) {
    const at::Tensor &t = params[i]->t;
    std::string size;
    for (int64_t d = 0; d < t.dim(); d++) size += (d ? "x" : "") + std::to_string(t.size(d));
    if (i) s += "\n";
    s += "  (" + std::to_string(i) + "): " + (gt_param_is(t) ? "Parameter" : "Tensor") + " containing: [" +
         gt_dtype_name((gt_dtype)t.scalar_type()) + " of size " + size +
         (t.is_cuda() ? " (GPU " + std::to_string(t.get_device()) + ")" : "") + "]";
  }
  return s;
}

// Python's Module.__repr__: the extra_repr's lines (a derived layer's),
// then the children's; one extra line and no children stay on one line.
// Built-in layers have no children here, so their one-line repr is all
// there is.
std::string repr(gt_module *m, int depth) {
  gt_module_check_depth(depth);
  if (gt_module_kind_of(m) == gt_module_kind::builtin) return gt_module_unwrap(m).repr;
  std::string s = std::string(gt_module_type(m)) + "(";
  gt_module_parts parts = gt_module_parts_of(m);
  std::string extra = parts.layer ? extra_repr(parts.layer) : "";
  if (gt_module_kind_of(m) == gt_module_kind::user && gt_user_def(m).extra_repr) {
    gt_owned<gt_str> own(gt_user_def(m).extra_repr(reinterpret_cast<gt_obj *>(m)));
    extra.assign(own.get()->data, (size_t)own.get()->len);
  }
  if (gt_module_kind_of(m) == gt_module_kind::parameter_list) extra = parameter_list_extra_repr(m);
  if (!extra.empty() && extra.find('\n') == std::string::npos && parts.children.empty()) return s + extra + ")";
  if (!extra.empty()) s += "\n  " + add_indent(extra, 2);
  for (auto &c : parts.children) s += "\n  (" + c.first + "): " + add_indent(repr(c.second, depth + 1), 2);
  return s + (parts.children.empty() && extra.empty() ? ")" : "\n)");
}

}  // namespace

extern "C" gt_str *gt_module_repr(gt_module *m) {
  return GT_VALUE(gt_str *, nullptr, ([&] {
                    std::string s = repr(m, 0);
                    return gt_str_new(s.data(), (int64_t)s.size());
                  }()));
}

// The class slot is called by the core language (print, str(), f-strings),
// which has no error result: a failure there is fatal, as the core's are.
extern "C" gt_str *gt_module_repr_obj(gt_obj *self) {
  gt_str *s = gt_module_repr(reinterpret_cast<gt_module *>(self));
  if (!s) gt_fail("%s", gt_last_error());
  return s;
}

// ---- modes -------------------------------------------------------------------------

namespace {

// Python's train(mode): the module's flag, then each child's, recursively.
void train(gt_module *m, bool mode, int depth) {
  gt_module_check_depth(depth);
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: gt_builtin_train(gt_module_unwrap(m), mode); return;
    case gt_module_kind::user:
      gt_user_head(m).training = mode;
      if (gt_module *layer = gt_module_parts_of(m).layer) gt_builtin_train(gt_module_unwrap(layer), mode);
      break;
    default: reinterpret_cast<gt_container *>(m)->training = mode; break;
  }
  for (gt_module *c : gt_module_unique_children(m)) train(c, mode, depth + 1);
}

}  // namespace

extern "C" int gt_module_train(gt_module *m, bool mode) { return GT_STATUS(train(m, mode, 0)); }

extern "C" int gt_module_eval(gt_module *m) { return gt_module_train(m, false); }

extern "C" bool gt_module_is_training(gt_module *m) {
  return GT_VALUE(bool, false, ([&] {
                    switch (gt_module_kind_of(m)) {
                      case gt_module_kind::builtin: return gt_builtin_is_training(gt_module_unwrap(m));
                      case gt_module_kind::user: return gt_user_head(m).training;
                      default: return reinterpret_cast<gt_container *>(m)->training;
                    }
                  }()));
}

// ---- to() ----------------------------------------------------------------------------

namespace {

// Python's Module.to conversion: floating and complex tensors take the
// dtype, integer ones (num_batches_tracked) keep theirs.
struct tensor_mover {
  const gt_device *device;
  c10::optional<c10::ScalarType> dtype;

  at::Tensor operator()(const at::Tensor &t) const {
    auto o = t.options();
    if (device) o = o.device(gt_unwrap_device(device));
    if (dtype && (t.is_floating_point() || t.is_complex())) o = o.dtype(*dtype);
    return t.to(o);
  }

  // set_data keeps the tensor's identity, so handles, optimizers and the
  // nn.Parameter mark all stay valid, as Python's `param.data = ...` does.
  // A tensor of another kind (a CPU one moved to "meta") cannot take the
  // new data: the handle gets a new tensor, as Python's _apply makes a
  // new Parameter then.
  void in_place(at::Tensor &t, bool with_grad) const {
    at::Tensor moved = (*this)(t);
    at::Tensor grad = with_grad && t.grad().defined() ? (*this)(t.grad()) : at::Tensor();
    if (at::_has_compatible_shallow_copy_type(t, moved)) {
      t.set_data(moved);
    } else {
      bool param = gt_param_is(t);
      t = moved.detach().requires_grad_(t.requires_grad());
      if (param) gt_param_mark(t);
    }
    if (grad.defined()) t.mutable_grad() = grad;
  }
};

// Python's _apply: the children first, then the module's own tensors.
void move(gt_module *m, const tensor_mover &mover, int depth) {
  gt_module_check_depth(depth);
  gt_module_parts parts = gt_module_parts_of(m);
  for (gt_module *c : gt_module_unique_children(m)) move(c, mover, depth + 1);
  for (auto &p : parts.params) mover.in_place(p.second->t, true);
  for (auto &b : parts.buffers) mover.in_place(b.second->t, false);
}

}  // namespace

extern "C" int gt_module_to(gt_module *m, const gt_device *device, int dtype) {
  return GT_STATUS(([&] {
    auto st = gt_scalar_type_opt(dtype);
    if (st && !at::isFloatingType(*st) && !at::isComplexType(*st))
      gt_throw("nn.Module.to only accepts floating point or complex dtypes, but got desired "
               "dtype=%s", c10::toString(*st));
    at::NoGradGuard no_grad;
    move(m, tensor_mover{device, st}, 0);
  }()));
}

// ---- parameters and buffers ------------------------------------------------------------

namespace {

using named_tensors = std::vector<std::pair<std::string, gt_tensor *>>;

// Python's _named_members over named_modules(): each module once, in
// pre-order; each tensor once (the first name it is reached by).
struct member_walk {
  bool buffers;
  std::unordered_set<gt_module *> modules_seen;
  std::unordered_set<const c10::TensorImpl *> tensors_seen;
  named_tensors out;

  void visit(gt_module *m, const std::string &prefix, int depth) {
    gt_module_check_depth(depth);
    if (!modules_seen.insert(m).second) return;
    gt_module_parts parts = gt_module_parts_of(m);
    for (auto &t : buffers ? parts.buffers : parts.params)
      if (tensors_seen.insert(t.second->t.unsafeGetTensorImpl()).second)
        out.emplace_back(gt_module_join(prefix, t.first), t.second);
    for (auto &c : parts.children) visit(c.second, gt_module_join(prefix, c.first), depth + 1);
  }
};

named_tensors named_members(gt_module *m, bool buffers) {
  member_walk w{buffers, {}, {}, {}};
  w.visit(m, "", 0);
  return std::move(w.out);
}

gt_list *tensor_list(const named_tensors &ts) {
  gt_list *l = gt_list_new(&gt_t_tensor_list, (int64_t)ts.size());
  for (auto &t : ts) gt_list_append(l, gt_vp(t.second));  // retains: the module's own handles
  return l;
}

// list[tuple[str, Tensor]]
const gt_type *const str_tensor_args[] = {&gt_t_str, &gt_t_obj};
const gt_type str_tensor_tuple = {GT_K_TUPLE, 2, str_tensor_args, NULL};
const gt_type *const named_list_args[] = {&str_tensor_tuple};
const gt_type named_tensor_list = {GT_K_LIST, 1, named_list_args, NULL};

template <class T>
gt_list *named_pairs(const std::vector<std::pair<std::string, T *>> &ts) {
  gt_owned<gt_list> l(gt_list_new(&named_tensor_list, (int64_t)ts.size()));
  for (auto &t : ts) {
    gt_owned<gt_str> name(gt_str_new(t.first.data(), (int64_t)t.first.size()));
    gt_owned<gt_tuple> pair(gt_tuple_of(&str_tensor_tuple, gt_vp(name.get()), gt_vp(t.second)));
    gt_list_append(l.get(), gt_vp(pair.get()));
  }
  return l.release();
}

gt_list *named_tensor_pairs(const named_tensors &ts) { return named_pairs(ts); }

}  // namespace

gt_list *gt_named_module_pairs(const std::vector<std::pair<std::string, gt_module *>> &ms) { return named_pairs(ms); }

extern "C" gt_list *gt_module_parameters(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, tensor_list(named_members(m, false)));
}

extern "C" gt_list *gt_module_named_parameters(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, named_tensor_pairs(named_members(m, false)));
}

extern "C" gt_list *gt_module_buffers(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, tensor_list(named_members(m, true)));
}

extern "C" gt_list *gt_module_named_buffers(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, named_tensor_pairs(named_members(m, true)));
}

// ---- zero_grad() and apply() -------------------------------------------------------

namespace {

// Python's Module.zero_grad for one parameter.
void zero_grad(at::Tensor &p, bool set_to_none) {
  at::Tensor &g = p.mutable_grad();
  if (!g.defined()) return;
  if (set_to_none) {
    g = at::Tensor();
    return;
  }
  if (g.grad_fn()) g.detach_();
  else g.requires_grad_(false);
  g.zero_();
}

// fn on each module of the tree, children first; false where fn stopped it.
bool apply(gt_module *m, bool (*fn)(gt_module *, void *), void *ctx, int depth) {
  gt_module_check_depth(depth);
  for (gt_module *c : gt_module_unique_children(m))
    if (!apply(c, fn, ctx, depth + 1)) return false;
  return fn(m, ctx);
}

bool call_plain(gt_module *m, void *fn) {
  reinterpret_cast<void (*)(gt_module *)>(fn)(m);
  return true;
}

}  // namespace

extern "C" int gt_module_zero_grad(gt_module *m, bool set_to_none) {
  return GT_STATUS(([&] {
    for (auto &p : named_members(m, false)) zero_grad(p.second->t, set_to_none);
  }()));
}

extern "C" int gt_module_apply(gt_module *m, void (*fn)(gt_module *m)) {
  return GT_STATUS(([&] {
    if (!fn) gt_throw("apply: fn is None");
    apply(m, call_plain, reinterpret_cast<void *>(fn), 0);
  }()));
}

extern "C" int gt_module_apply_ctx(gt_module *m, bool (*fn)(gt_module *m, void *ctx), void *ctx) {
  return GT_STATUS(([&] {
    if (!fn) gt_throw("apply: fn is None");
    if (!apply(m, fn, ctx, 0)) gt_throw("apply: fn raised an exception");
  }()));
}

// ---- children(), modules() and their named forms -------------------------------------

namespace {

using named_modules = std::vector<std::pair<std::string, gt_module *>>;

// Python's named_children(): each child once, by the first name it has.
named_modules children_of(gt_module *m) {
  named_modules out;
  std::unordered_set<gt_module *> seen;
  for (auto &c : gt_module_parts_of(m).children)
    if (seen.insert(c.second).second) out.push_back(c);
  return out;
}

// Python's named_modules(): the module ("" names it), then each child's
// tree in pre-order, each module once.
void modules_walk(gt_module *m, const std::string &prefix, std::unordered_set<gt_module *> &seen,
                  named_modules &out, int depth) {
  gt_module_check_depth(depth);
  if (!seen.insert(m).second) return;
  out.emplace_back(prefix, m);
  for (auto &c : gt_module_parts_of(m).children)
    modules_walk(c.second, gt_module_join(prefix, c.first), seen, out, depth + 1);
}

named_modules modules_of(gt_module *m) {
  named_modules out;
  std::unordered_set<gt_module *> seen;
  modules_walk(m, "", seen, out, 0);
  return out;
}

gt_list *module_list(const named_modules &ms) {
  gt_list *l = gt_list_new(gt_type_list_of(&gt_t_obj), (int64_t)ms.size());
  for (auto &m : ms) gt_list_append(l, gt_vp(m.second));  // retains
  return l;
}

}  // namespace

extern "C" gt_list *gt_module_children(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, module_list(children_of(m)));
}

extern "C" gt_list *gt_module_named_children(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, named_pairs(children_of(m)));
}

extern "C" gt_list *gt_module_modules(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, module_list(modules_of(m)));
}

extern "C" gt_list *gt_module_named_modules(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, named_pairs(modules_of(m)));
}

// Python's Module.requires_grad_: every parameter of the tree.
extern "C" int gt_module_requires_grad_(gt_module *m, bool requires_grad) {
  return GT_STATUS(([&] {
    for (auto &p : named_members(m, false)) p.second->t.requires_grad_(requires_grad);
  }()));
}

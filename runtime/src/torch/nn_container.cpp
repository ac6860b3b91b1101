// nn_container.cpp - nn.Sequential, nn.ModuleList, nn.ModuleDict and
// nn.ParameterList: construction, len(), [i] ([key], a ParameterList's
// [a:b:c]), append and iteration. Their forward, repr, modes and tree
// methods are those of every module (nn_tree.cpp).
#include "nn_tree.h"

namespace {

void container_drop(gt_obj *o) {
  gt_container *c = reinterpret_cast<gt_container *>(o);
  for (gt_module *m : c->children) gt_release(m);
  c->children.~vector();
  for (gt_tensor *t : c->params) gt_release(t);
  c->params.~vector();
  gt_release_hooks(c->hooks);
  c->hooks.~gt_module_hooks();
  c->type_name.~basic_string();
  c->keys.~vector();
}

// A new, empty container (rc 1) in training mode, as a new Python module is.
gt_container *container_new(const gt_class *cls) {
  auto *c = static_cast<gt_container *>(gt_alloc(sizeof(gt_container), cls));
  if (!c) throw std::bad_alloc();
  new (&c->children) std::vector<gt_module *>();
  new (&c->type_name) std::string();
  new (&c->keys) std::vector<std::string>();
  new (&c->hooks) gt_module_hooks();
  new (&c->params) std::vector<gt_tensor *>();
  c->training = true;
  return c;
}

void container_add(gt_container &c, gt_module *child) {
  if (!child) gt_throw("%s: a child module is None", c.h.cls->name);
  if (!c.keys.empty()) c.keys.push_back(std::to_string(c.children.size()));  // named by add_module: str(len(self))
  c.children.push_back(child);
  gt_retain(child);
}

// Python's _get_abs_string_index: negative counts from the end.
size_t absolute_index(const gt_container &c, int64_t i) {
  int64_t n = (int64_t)c.children.size();
  if (i < -n || i >= n) gt_throw("index %lld is out of range", (long long)i);
  return (size_t)(i < 0 ? i + n : i);
}

}  // namespace

const gt_class gt_sequential_class = {"Sequential", container_drop, gt_module_repr_obj, gt_module_repr_obj,
                                      nullptr, nullptr, nullptr};
const gt_class gt_module_list_class = {"ModuleList", container_drop, gt_module_repr_obj, gt_module_repr_obj,
                                       nullptr, nullptr, nullptr};
const gt_class gt_module_dict_class = {"ModuleDict", container_drop, gt_module_repr_obj, gt_module_repr_obj,
                                       nullptr, nullptr, nullptr};
const gt_class gt_parameter_list_class = {"ParameterList", container_drop, gt_module_repr_obj, gt_module_repr_obj,
                                          nullptr, nullptr, nullptr};

gt_module *gt_container_deepcopy(gt_module *m, gt_copier *c) {
  const gt_container &from = *reinterpret_cast<gt_container *>(m);
  gt_owned<gt_container> to(container_new(m->h.cls));
  gt_copier_add(c, m, to.get());  // before the children, as Python's memo
  to->training = from.training;
  to->type_name = from.type_name;
  to->keys = from.keys;
  for (gt_module *child : from.children) {
    gt_val v;
    v.p = child;
    to->children.push_back(static_cast<gt_module *>(gt_copy_deep(c, v, &gt_t_obj).p));  // takes the new reference
  }
  for (gt_tensor *param : from.params) {
    gt_val v;
    v.p = param;
    to->params.push_back(static_cast<gt_tensor *>(gt_copy_deep(c, v, &gt_t_obj).p));  // a tied one shared
  }
  return reinterpret_cast<gt_module *>(to.release());
}

gt_container &gt_container_of(gt_module *m, const char *error) {
  gt_module_kind k = gt_module_kind_of(m);
  if (k != gt_module_kind::sequential && k != gt_module_kind::module_list) gt_throw(error, gt_module_type(m));
  return *reinterpret_cast<gt_container *>(m);
}

// ---- nn.ModuleDict ----------------------------------------------------------------

namespace {

gt_container &module_dict_of(gt_module *m) {
  if (gt_module_kind_of(m) != gt_module_kind::module_dict) gt_throw("'%s' is not a ModuleDict", gt_module_type(m));
  return *reinterpret_cast<gt_container *>(m);
}

std::string key_text(const gt_str *key) {
  if (!key) gt_throw("TypeError: module name should be a string. Got NoneType");
  return std::string(key->data, (size_t)key->len);
}

// The position of key, or -1.
int64_t key_index(const gt_container &c, const std::string &key) {
  for (size_t i = 0; i < c.keys.size(); i++)
    if (c.keys[i] == key) return (int64_t)i;
  return -1;
}

// The position of key, which must be there (Python's KeyError).
size_t existing_key(const gt_container &c, const gt_str *key) {
  std::string k = key_text(key);
  int64_t i = key_index(c, k);
  if (i < 0) gt_throw("KeyError: '%s'", k.c_str());
  return (size_t)i;
}

// md[key] = child: in place where the key is there, else at the end.
void dict_set(gt_container &c, const std::string &key, gt_module *child) {
  if (!child) gt_throw("TypeError: ModuleDict['%s'] = None: not a Module", key.c_str());
  if (key.empty()) gt_throw("KeyError: 'module name can\\'t be empty string \"\"'");
  if (key.find('.') != std::string::npos)
    gt_throw("KeyError: 'module name can\\'t contain \".\", got: %s'", key.c_str());
  int64_t i = key_index(c, key);
  gt_retain(child);
  if (i < 0) {
    c.keys.push_back(key);
    c.children.push_back(child);
    return;
  }
  gt_release(c.children[(size_t)i]);
  c.children[(size_t)i] = child;
}

gt_list *key_list(const gt_container &c) {
  gt_list *l = gt_list_new(gt_type_list_of(&gt_t_str), (int64_t)c.keys.size());
  for (const std::string &k : c.keys) {
    gt_str *s = gt_str_new(k.data(), (int64_t)k.size());
    gt_list_append(l, gt_vp(s));
    gt_release(s);
  }
  return l;
}

}  // namespace

extern "C" gt_module *gt_nn_ModuleDict(const gt_dict *modules) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_owned<gt_container> c(container_new(&gt_module_dict_class));
                    int64_t pos = 0;
                    gt_val k, v;
                    while (modules && gt_dict_next(modules, &pos, &k, &v))
                      dict_set(*c, key_text(static_cast<gt_str *>(k.p)), static_cast<gt_module *>(v.p));
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

extern "C" gt_module *gt_module_dict_get(gt_module *m, const gt_str *key) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_container &c = module_dict_of(m);
                    return c.children[existing_key(c, key)];
                  }()));
}

extern "C" int gt_module_dict_set(gt_module *m, const gt_str *key, gt_module *child) {
  return GT_STATUS(dict_set(module_dict_of(m), key_text(key), child));
}

extern "C" int gt_module_dict_contains(gt_module *m, const gt_str *key) {
  return GT_VALUE(int, -1, (int)(key_index(module_dict_of(m), key_text(key)) >= 0));
}

extern "C" gt_module *gt_module_dict_pop(gt_module *m, const gt_str *key) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_container &c = module_dict_of(m);
                    size_t i = existing_key(c, key);
                    gt_module *child = c.children[i];  // the container's reference, handed on
                    c.children.erase(c.children.begin() + (std::ptrdiff_t)i);
                    c.keys.erase(c.keys.begin() + (std::ptrdiff_t)i);
                    return child;
                  }()));
}

extern "C" gt_list *gt_module_dict_keys(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, key_list(module_dict_of(m)));
}

extern "C" gt_list *gt_module_dict_values(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    gt_container &c = module_dict_of(m);
                    gt_list *l = gt_list_new(gt_type_list_of(&gt_t_obj), (int64_t)c.children.size());
                    for (gt_module *child : c.children) gt_list_append(l, gt_vp(child));  // retains
                    return l;
                  }()));
}

extern "C" gt_list *gt_module_dict_items(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    gt_container &c = module_dict_of(m);
                    std::vector<std::pair<std::string, gt_module *>> pairs;
                    for (size_t i = 0; i < c.children.size(); i++) pairs.emplace_back(c.keys[i], c.children[i]);
                    return gt_named_module_pairs(pairs);
                  }()));
}

extern "C" gt_module *gt_nn_Sequential(gt_module *const *modules, int64_t n) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    if (n < 0 || (n > 0 && !modules)) gt_throw("Sequential: invalid module array");
                    gt_owned<gt_container> c(container_new(&gt_sequential_class));
                    for (int64_t i = 0; i < n; i++) container_add(*c, modules[i]);
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

extern "C" gt_module *gt_nn_Sequential_as(const char *type_name, const gt_list *modules) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_owned<gt_container> c(container_new(&gt_sequential_class));
                    c->type_name = type_name ? type_name : "";
                    for (int64_t i = 0; modules && i < modules->len; i++)
                      container_add(*c, static_cast<gt_module *>(modules->items[i].p));
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

// nn.Sequential(OrderedDict([("fc1", layer), ...])): the children under the
// dict's keys, in its order. The OrderedDict is collections.gtp's class,
// whose items are in its field `_d`.
extern "C" gt_module *gt_nn_Sequential_named(void *ordered) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_dict **items = static_cast<gt_dict **>(gt_obj_field(static_cast<gt_obj *>(ordered), "_d"));
                    if (!items) gt_throw("TypeError: Sequential: not an OrderedDict of modules");
                    gt_owned<gt_container> c(container_new(&gt_sequential_class));
                    int64_t pos = 0;
                    gt_val k, v;
                    while (*items && gt_dict_next(*items, &pos, &k, &v))
                      dict_set(*c, key_text(static_cast<gt_str *>(k.p)), static_cast<gt_module *>(v.p));
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

// seq.fc1: the child of a Sequential or ModuleList under that name ("0"
// where none was named), as Module.__getattr__ finds it in _modules.
extern "C" gt_module *gt_container_getattr(gt_module *m, const gt_str *name) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_container &c = gt_container_of(m, "'%s' object has no children");
                    std::string key = key_text(name);
                    for (size_t i = 0; i < c.children.size(); i++)
                      if (c.keys.empty() ? key == std::to_string(i) : c.keys[i] == key)
                        return static_cast<gt_module *>(gt_retain(c.children[i]));
                    gt_throw("AttributeError: '%s' object has no attribute '%s'", gt_module_type(m), key.c_str());
                  }()));
}

extern "C" gt_module *gt_nn_ModuleList(const gt_list *modules) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_owned<gt_container> c(container_new(&gt_module_list_class));
                    for (int64_t i = 0; modules && i < modules->len; i++)
                      container_add(*c, static_cast<gt_module *>(modules->items[i].p));
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

extern "C" int64_t gt_module_len(gt_module *m) {
  return GT_VALUE(int64_t, -1, ([&] {
                    if (gt_module_kind_of(m) == gt_module_kind::module_dict)
                      return (int64_t)module_dict_of(m).children.size();
                    if (gt_module_kind_of(m) == gt_module_kind::parameter_list)
                      return (int64_t)reinterpret_cast<gt_container *>(m)->params.size();
                    return (int64_t)gt_container_of(m, "object of type '%s' has no len()").children.size();
                  }()));
}

extern "C" gt_module *gt_module_getitem(gt_module *m, int64_t i) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_container &c = gt_container_of(m, "'%s' object is not subscriptable");
                    return c.children[absolute_index(c, i)];
                  }()));
}

// seq[i] = child of a Sequential or ModuleList (model.classifier[1] =
// nn.Linear(...), a fine-tuned head): the child at i replaced under its
// name, as PyTorch's setattr of that key.
extern "C" int gt_module_setitem(gt_module *m, int64_t i, gt_module *child) {
  return GT_STATUS(([&] {
    gt_container &c = gt_container_of(m, "TypeError: '%s' object does not support item assignment");
    size_t at = absolute_index(c, i);
    if (!child) gt_throw("%s: a child module is None", c.h.cls->name);
    gt_retain(child);
    gt_release(c.children[at]);
    c.children[at] = child;
  }()));
}

// m.add_module(name, child) of a Sequential, ModuleList or ModuleDict:
// PyTorch's _modules[name] = child (a child of that name replaced in
// place; a container's children named by position until then). A .gtp
// module's children are its fields, which no name made where it runs adds.
extern "C" int gt_module_add_module(gt_module *m, const gt_str *name, gt_module *child) {
  return GT_STATUS(([&] {
    gt_module_kind k = gt_module_kind_of(m);
    if (k != gt_module_kind::sequential && k != gt_module_kind::module_list && k != gt_module_kind::module_dict)
      gt_throw("AttributeError: add_module of a %s: its children are its fields here (assign self.name = module in "
               "__init__, or keep them in an nn.Sequential or nn.ModuleDict)", gt_module_type(m));
    gt_container &c = *reinterpret_cast<gt_container *>(m);
    if (c.keys.empty())
      for (size_t i = 0; i < c.children.size(); i++) c.keys.push_back(std::to_string(i));
    dict_set(c, key_text(name), child);
  }()));
}

// Python has append on both containers (Sequential's since 1.11).
extern "C" int gt_module_append(gt_module *m, gt_module *child) {
  return GT_STATUS(container_add(gt_container_of(m, "'%s' object has no attribute 'append'"), child));
}

extern "C" gt_list *gt_module_children_list(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    gt_container &c = gt_container_of(m, "'%s' object is not iterable");
                    gt_list *l = gt_list_new(gt_type_list_of(&gt_t_obj), (int64_t)c.children.size());
                    for (gt_module *child : c.children) gt_list_append(l, gt_vp(child));  // retains
                    return l;
                  }()));
}

// ---- nn.ParameterList ----------------------------------------------------------------

namespace {

gt_container &parameter_list_of(gt_module *m) {
  if (gt_module_kind_of(m) != gt_module_kind::parameter_list)
    gt_throw("TypeError: '%s' is not a ParameterList", gt_module_type(m));
  return *reinterpret_cast<gt_container *>(m);
}

// Python's _get_abs_string_index: negative counts from the end.
size_t parameter_index(const gt_container &c, int64_t i) {
  int64_t n = (int64_t)c.params.size();
  if (i < -n || i >= n) gt_throw("IndexError: index %lld is out of range", (long long)i);
  return (size_t)(i < 0 ? i + n : i);
}

// What ParameterList.__setitem__ stores for value: an nn.Parameter as it
// is (the same object), any other tensor made one, Parameter(value) (a new
// reference either way).
gt_tensor *as_parameter(gt_tensor *value) {
  if (!value)
    gt_throw("TypeError: cannot assign 'NoneType' as a ParameterList item (torch.nn.Parameter or None expected)");
  if (gt_param_is(value->t)) return static_cast<gt_tensor *>(gt_retain(value));
  gt_tensor *p = gt_nn_Parameter(value, true);
  if (!p) gt_throw("%s", gt_last_error());
  return p;
}

void parameter_list_append(gt_container &c, gt_tensor *value) {
  gt_owned<gt_tensor> p(as_parameter(value));
  c.params.push_back(p.release());
}

void parameter_list_extend(gt_container &c, const gt_list *values) {
  if (!values) gt_throw("TypeError: ParameterList.extend should be called with an iterable, but got NoneType");
  // A list that is the ParameterList's own (pl.extend(list(pl))) is read before it grows.
  std::vector<gt_tensor *> items;
  for (int64_t i = 0; i < values->len; i++) items.push_back(static_cast<gt_tensor *>(values->items[i].p));
  for (gt_tensor *t : items) parameter_list_append(c, t);
}

const char not_iterable[] = "TypeError: ParameterList.extend should be called with an iterable, but got Tensor";

// One bound of a slice as Python's slice.indices(len) makes it.
int64_t slice_bound(int64_t at, int64_t omitted, int64_t len, int64_t step) {
  if (at == GT_NOIDX) return omitted;
  if (at < 0) at += len;
  if (at < 0) return step < 0 ? -1 : 0;
  if (at >= len) return step < 0 ? len - 1 : len;
  return at;
}

// The positions pl[start:stop:step] takes, as range(*slice.indices(len(pl))).
std::vector<size_t> slice_positions(const gt_index &s, int64_t len) {
  int64_t step = s.step == GT_NOIDX ? 1 : s.step;
  if (step == 0) gt_throw("ValueError: slice step cannot be zero");
  int64_t start = slice_bound(s.start, step < 0 ? len - 1 : 0, len, step);
  int64_t stop = slice_bound(s.stop, step < 0 ? -1 : len, len, step);
  std::vector<size_t> at;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) at.push_back((size_t)i);
  return at;
}

// The Python type of a subscript that is not one slice, which PyTorch's
// __getitem__ gives operator.index (an int takes the other overload).
const char *subscript_type(const gt_index *idx, int64_t n) {
  if (n != 1) return "tuple";
  switch (idx[0].kind) {
    case GT_IDX_NONE: return "NoneType";
    case GT_IDX_ELLIPSIS: return "ellipsis";
    case GT_IDX_RANGE: return "range";
    case GT_IDX_LIST: return "list";
    default: return nullptr;  // a tensor or a bool: an index to Python, but not a slice
  }
}

}  // namespace

extern "C" gt_module *gt_nn_ParameterList(const gt_list *values) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_owned<gt_container> c(container_new(&gt_parameter_list_class));
                    if (values) parameter_list_extend(*c, values);
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

extern "C" gt_module *gt_nn_ParameterList_tensor(gt_tensor *values) {
  (void)values;
  return GT_VALUE(gt_module *, nullptr, ([]() -> gt_module * { gt_throw("%s", not_iterable); }()));
}

extern "C" gt_tensor *gt_parameter_list_getitem(gt_module *m, int64_t i) {
  return GT_VALUE(gt_tensor *, nullptr, ([&] {
                    gt_container &c = parameter_list_of(m);
                    return static_cast<gt_tensor *>(gt_retain(c.params[parameter_index(c, i)]));
                  }()));
}

extern "C" int gt_parameter_list_setitem(gt_module *m, int64_t i, gt_tensor *value) {
  return GT_STATUS(([&] {
    gt_container &c = parameter_list_of(m);
    size_t at = parameter_index(c, i);
    gt_tensor *p = as_parameter(value);
    gt_release(c.params[at]);
    c.params[at] = p;
  }()));
}

extern "C" gt_module *gt_parameter_list_append(gt_module *m, gt_tensor *value) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    parameter_list_append(parameter_list_of(m), value);
                    return static_cast<gt_module *>(gt_retain(m));
                  }()));
}

extern "C" gt_module *gt_parameter_list_extend(gt_module *m, const gt_list *values) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    parameter_list_extend(parameter_list_of(m), values);
                    return static_cast<gt_module *>(gt_retain(m));
                  }()));
}

extern "C" gt_module *gt_parameter_list_extend_tensor(gt_module *m, gt_tensor *values) {
  (void)values;
  return GT_VALUE(gt_module *, nullptr, ([&]() -> gt_module * {
                    parameter_list_of(m);
                    gt_throw("%s", not_iterable);
                  }()));
}

extern "C" gt_module *gt_parameter_list_slice(gt_module *m, const gt_index *idx, int64_t n) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_container &c = parameter_list_of(m);
                    if (n != 1 || idx[0].kind != GT_IDX_SLICE) {
                      if (const char *type = subscript_type(idx, n))
                        gt_throw("TypeError: '%s' object cannot be interpreted as an integer", type);
                      gt_throw("TypeError: a ParameterList subscript here is an int or a slice (int(t) of a tensor)");
                    }
                    // PyTorch appends each to a new list: the same nn.Parameters
                    gt_owned<gt_container> out(container_new(&gt_parameter_list_class));
                    for (size_t i : slice_positions(idx[0], (int64_t)c.params.size()))
                      out->params.push_back(static_cast<gt_tensor *>(gt_retain(c.params[i])));
                    return reinterpret_cast<gt_module *>(out.release());
                  }()));
}

extern "C" gt_list *gt_parameter_list_values(gt_module *m) {
  return GT_VALUE(gt_list *, nullptr, ([&] {
                    gt_container &c = parameter_list_of(m);
                    gt_list *l = gt_list_new(&gt_t_tensor_list, (int64_t)c.params.size());
                    for (gt_tensor *t : c.params) gt_list_append(l, gt_vp(t));  // retains
                    return l;
                  }()));
}

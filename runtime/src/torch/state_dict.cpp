// state_dict.cpp - state dicts of mixed values (gtorch_state.h): the
// handle, Python's repr of it, and the conversions between the program's
// values (a gt_val and its descriptor) and IValues, the tree libtorch's
// pickler writes. Optimizers build theirs in optim.cpp; the lr schedulers,
// written in .gtp, set and read entries one by one through these.
#include <ATen/core/ivalue.h>

#include <mutex>
#include <unordered_map>

#include "nn_internal.h"
#include "nn_tree.h"
#include "state_internal.h"

namespace {

void state_drop(gt_obj *o) {
  delete ((gt_state *)o)->d;
  ((gt_state *)o)->d = nullptr;
}

std::string from_gt_str(gt_str *s) {
  if (!s) gt_throw("cannot format a value");
  std::string r(s->data, s->len);
  gt_release(s);
  return r;
}

std::string str_repr(const std::string &s) {
  gt_str *raw = gt_str_new(s.data(), (int64_t)s.size());
  std::string r = from_gt_str(gt_str_repr(raw));
  gt_release(raw);
  return r;
}

// Python's repr of each item, between open and close.
template <class Items, class Each>
std::string seq_repr(const Items &items, const char *open, const char *close, Each each) {
  std::string out = open;
  bool first = true;
  for (const auto &item : items) {
    if (!first) out += ", ";
    first = false;
    out += each(item);
  }
  return out + close;
}

gt_str *state_str(gt_obj *o) {
  return GT_VALUE(gt_str *, nullptr, ([&] {
                    std::string s = gt_state_repr(*((gt_state *)o)->d);
                    return gt_str_new(s.data(), (int64_t)s.size());
                  }()));
}

// ---- program values to IValues ---------------------------------------------

c10::IValue to_ivalue(gt_val v, const gt_type *t);

c10::IValue list_to_ivalue(const gt_list *l) {
  GenericList out = gt_generic_list();
  for (int64_t i = 0; i < l->len; i++) out.push_back(to_ivalue(l->items[i], l->type->args[0]));
  return out;
}

c10::IValue tuple_to_ivalue(const gt_tuple *tu) {
  std::vector<c10::IValue> items;
  for (int64_t i = 0; i < tu->len; i++) {
    // tuple[T, ...] has one item type; tuple[A, B] one for each item
    const gt_type *it = tu->type->nargs == 1 && tu->len != 1 ? tu->type->args[0] : tu->type->args[i];
    items.push_back(to_ivalue(tu->items[i], it));
  }
  return c10::ivalue::Tuple::create(std::move(items));
}

// A new reference, released when it goes out of scope.
struct Held {
  gt_list *l;
  ~Held() { gt_release(l); }
};

c10::IValue dict_to_ivalue(const gt_dict *d, const gt_type *t) {
  GenericDict out = gt_generic_dict();
  Held keys{gt_dict_keys(d)}, values{gt_dict_values(d)};
  for (int64_t i = 0; i < keys.l->len; i++)
    out.insert_or_assign(to_ivalue(keys.l->items[i], t->args[0]), to_ivalue(values.l->items[i], t->args[1]));
  c10::IValue r(out);
  if (gt_dict_is_ordered(d)) gt_state_set_ordered(r, true);  // a state_dict() stays an OrderedDict
  return r;
}

c10::IValue object_to_ivalue(gt_obj *o) {
  if (!o) return c10::IValue();
  // the tensor itself, as a Python dict holds it (torch.save detaches what it writes)
  if (o->cls == &gt_tensor_class) return ((gt_tensor *)o)->t;
  if (o->cls == &gt_state_class) return *((gt_state *)o)->d;
  gt_throw("TypeError: a state dict holds no %s", o->cls->name);
}

c10::IValue to_ivalue(gt_val v, const gt_type *t) {
  switch (t->kind) {
    case GT_K_INT: return v.i;
    case GT_K_FLOAT: return v.f;
    case GT_K_BOOL: return v.b;
    case GT_K_NONE: return c10::IValue();
    case GT_K_NUM:
      if (gt_num_is_int(v.i)) return gt_num_int_value(v.i);
      return gt_num_as_float(v.i);
    case GT_K_STR: return std::string(((gt_str *)v.p)->data, ((gt_str *)v.p)->len);
    case GT_K_LIST: return list_to_ivalue((const gt_list *)v.p);
    case GT_K_TUPLE: return tuple_to_ivalue((const gt_tuple *)v.p);
    case GT_K_DICT: return dict_to_ivalue((const gt_dict *)v.p, t);
    case GT_K_OBJ: return object_to_ivalue((gt_obj *)v.p);
    default: gt_throw("TypeError: a state dict holds no set");
  }
}

// ---- IValues to program values ------------------------------------------------


[[noreturn]] void mismatch(const c10::IValue &v, const char *want) {
  gt_throw("TypeError: expected %s in the state dict, got %s", want, gt_state_kind(v));
}

// A new reference's slot of the program's value (a ref to release once stored).
struct Owned {
  gt_val v;
  bool ref;
  ~Owned() {
    if (ref && v.p) gt_release(v.p);
  }
};

gt_val from_ivalue(const c10::IValue &v, const gt_type *t);

gt_val ref_val(void *p) {
  gt_val r;
  r.p = p;
  return r;
}

gt_val list_from_ivalue(const c10::IValue &v, const gt_type *t) {
  if (!v.isList()) mismatch(v, "a list");
  auto items = v.toListRef();
  gt_list *l = gt_list_new(t, (int64_t)items.size());
  try {
    for (const auto &item : items) {
      Owned o{from_ivalue(item, t->args[0]), gt_type_is_ref(t->args[0])};
      gt_list_append(l, o.v);  // retains
    }
  } catch (...) {
    gt_release(l);
    throw;
  }
  return ref_val(l);
}

gt_val tuple_from_ivalue(const c10::IValue &v, const gt_type *t) {
  if (!v.isTuple()) mismatch(v, "a tuple");
  const auto &elems = v.toTupleRef().elements();
  bool homogeneous = t->nargs == 1;  // tuple[T, ...]
  if (!homogeneous && (int64_t)elems.size() != t->nargs)
    gt_throw("TypeError: expected a tuple of %d items in the state dict, got %d", t->nargs, (int)elems.size());
  std::vector<gt_val> items;
  std::vector<const gt_type *> types;
  try {
    for (size_t i = 0; i < elems.size(); i++) {
      types.push_back(homogeneous ? t->args[0] : t->args[i]);
      items.push_back(from_ivalue(elems[i], types.back()));
    }
  } catch (...) {
    for (size_t i = 0; i < items.size(); i++)
      if (gt_type_is_ref(types[i]) && items[i].p) gt_release(items[i].p);
    throw;
  }
  auto *tu = (gt_tuple *)gt_alloc(sizeof(gt_tuple) + items.size() * sizeof(gt_val), &gt_tuple_class);
  tu->type = t;
  tu->len = (int64_t)items.size();
  for (size_t i = 0; i < items.size(); i++) tu->items[i] = items[i];  // the new references move in
  return ref_val(tu);
}

gt_val dict_from_ivalue(const c10::IValue &v, const gt_type *t) {
  if (!v.isGenericDict()) mismatch(v, "a dict");
  gt_dict *d = gt_dict_new(t);
  try {
    for (const auto &kv : v.toGenericDict()) {
      Owned k{from_ivalue(kv.key(), t->args[0]), gt_type_is_ref(t->args[0])};
      Owned val{from_ivalue(kv.value(), t->args[1]), gt_type_is_ref(t->args[1])};
      gt_dict_set(d, k.v, val.v);  // retains both
    }
  } catch (...) {
    gt_release(d);
    throw;
  }
  gt_dict_set_ordered(d, gt_state_is_ordered(v));
  return ref_val(d);
}

// The type a state dict's value has where the program gives none
// (gt_t_dyn, `print(ckpt["epoch"])`): a list's items boxed again.
const gt_type *natural_type(const c10::IValue &v) {
  if (v.isNone()) return &gt_t_none;
  if (v.isBool()) return &gt_t_bool;
  if (v.isInt()) return &gt_t_int;
  if (v.isDouble()) return &gt_t_float;
  if (v.isString()) return &gt_t_str;
  if (v.isTensor()) return &gt_t_tensor;
  if (v.isGenericDict()) return &gt_t_state;
  if (v.isList()) return &gt_t_list_dyn;
  gt_throw("TypeError: a state dict's %s item has the type expected where it stands: annotate the variable "
           "it is assigned to", gt_state_kind(v));
}

gt_val from_ivalue(const c10::IValue &v, const gt_type *t) {
  gt_val r;
  r.i = 0;
  if (t == &gt_t_dyn) {
    const gt_type *natural = natural_type(v);
    return gt_dyn_new(from_ivalue(v, natural), natural);
  }
  switch (t->kind) {
    case GT_K_INT:
      if (!v.isInt() && !v.isBool()) mismatch(v, "an int");
      r.i = v.isBool() ? v.toBool() : v.toInt();
      return r;
    case GT_K_FLOAT:
      if (!v.isDouble() && !v.isInt() && !v.isBool()) mismatch(v, "a float");
      r.f = v.isDouble() ? v.toDouble() : v.isInt() ? (double)v.toInt() : v.toBool();
      return r;
    case GT_K_BOOL:
      if (!v.isBool()) mismatch(v, "a bool");
      r.b = v.toBool();
      return r;
    case GT_K_NONE:
      if (!v.isNone()) mismatch(v, "None");
      return r;
    case GT_K_NUM:
      if (v.isInt()) r.i = gt_num_int(v.toInt());
      else if (v.isDouble()) r.i = gt_num_float(v.toDouble());
      else mismatch(v, "a number");
      return r;
    case GT_K_STR: {
      if (!v.isString()) mismatch(v, "a str");
      const std::string &s = v.toStringRef();
      r.p = gt_str_new(s.data(), (int64_t)s.size());
      return r;
    }
    case GT_K_LIST: return list_from_ivalue(v, t);
    case GT_K_TUPLE: return tuple_from_ivalue(v, t);
    case GT_K_DICT: return dict_from_ivalue(v, t);
    default:
      // Objects: a tensor or a state dict where the descriptor says which
      // (gt_t_obj says no class, so none is handed out as the wrong one).
      if (t == &gt_t_tensor) {
        if (!v.isTensor()) mismatch(v, "a Tensor");
        r.p = gt_wrap(v.toTensor());
        return r;
      }
      if (t == &gt_t_state) {
        if (!v.isGenericDict()) mismatch(v, "a dict");
        r.p = gt_state_wrap(v.toGenericDict());  // the same dict, as Python's item is
        return r;
      }
      gt_throw("TypeError: a state dict's value is a number, bool, str, Tensor, dict or a container of them, "
               "not another object");
  }
}

// The guarded value of f, or Python's exception raised where no C++ frame is live.
template <class R, class F>
R raising(F &&f) {
  bool ok = false;
  R r = gt_guard<R>(R(), [&] {
    R v = f();
    ok = true;
    return v;
  });
  if (!ok) gt_fail("%s", gt_last_error());
  return r;
}

}  // namespace

// copy.deepcopy of a tensor (PyTorch's Tensor.__deepcopy__: a graph
// leaf's clone, made without autograd, with its requires_grad and a copy
// of its grad; an nn.Parameter's, Parameter.__deepcopy__: a Parameter of
// the same requires_grad, without the grad), once per tensor in a copy; of a
// state dict (its values deep-copied, tensors cloned); of a module (a
// .gtp module's fields are copied by its class's layout, in copy.c); NULL
// for another object, whose class has no copier.
namespace {
gt_tensor *tensor_deepcopy(gt_tensor *from, gt_copier *c) {
  const at::Tensor &t = U(from);
  if (auto *done = static_cast<gt_tensor *>(gt_copier_find(c, gt_tensor_key(t))))
    return static_cast<gt_tensor *>(gt_retain(done));
  if (!t.is_leaf())
    gt_throw("RuntimeError: Only Tensors created explicitly by the user (graph leaves) support the deepcopy "
             "protocol at the moment");
  at::Tensor copy;
  {
    at::NoGradGuard no_grad;
    copy = t.clone();
  }
  copy.requires_grad_(t.requires_grad());
  if (gt_param_is(t)) gt_param_mark(copy);  // Parameter.__deepcopy__: no grad
  else if (t.grad().defined()) copy.mutable_grad() = t.grad().clone();
  gt_tensor *to = gt_wrap(copy);
  gt_copier_add(c, gt_tensor_key(t), to);
  return to;
}

gt_obj *module_deepcopy(gt_module *m, gt_copier *c) {
  switch (gt_module_kind_of(m)) {
    case gt_module_kind::builtin: return (gt_obj *)gt_module_deepcopy(m, c);
    case gt_module_kind::user: return nullptr;  // copied by its layout before it gets here
    default: return (gt_obj *)gt_container_deepcopy(m, c);
  }
}

bool is_module_class(const gt_class *cls) {
  return cls == &gt_module_class || cls == &gt_sequential_class || cls == &gt_module_list_class ||
         cls == &gt_module_dict_class || cls == &gt_parameter_list_class;
}

// A failure raises the Python error where the copy was called.
gt_obj *object_deepcopy(gt_obj *o, gt_copier *c) {
  if (o->cls != &gt_tensor_class && o->cls != &gt_state_class && !is_module_class(o->cls)) return nullptr;
  return raising<gt_obj *>([&]() -> gt_obj * {
    if (o->cls == &gt_tensor_class) return (gt_obj *)tensor_deepcopy((gt_tensor *)o, c);
    if (o->cls == &gt_state_class)
      return (gt_obj *)gt_state_wrap(c10::IValue(gt_state_of((gt_state *)o)).deepcopy().toGenericDict());
    return module_deepcopy((gt_module *)o, c);
  });
}

// Set where this file is linked: every program whose values hold tensors.
const bool deepcopy_registered = (gt_object_deepcopy = object_deepcopy, true);

// json.dumps(config) of a dict[str, Any] (gt_object_plain): its items as
// the plain values Python's json module walks, each boxed with its own
// type (gt_dyn): lists and tuples as list[dyn], dicts as dict[str, dyn]
// keyed by the strs json writes for their keys ("0" for 0, "true" for True).
gt_val plain_item(const c10::IValue &v);

gt_str *json_key(const c10::IValue &k) {
  std::string s;
  if (k.isString()) s = k.toStringRef();
  else if (k.isBool()) s = k.toBool() ? "true" : "false";
  else if (k.isInt()) s = std::to_string(k.toInt());
  else if (k.isDouble()) s = gt_py_float(k.toDouble());
  else if (k.isNone()) s = "null";
  else gt_throw("TypeError: keys must be str, int, float, bool or None, not %s", gt_state_kind(k));
  return gt_str_new(s.data(), (int64_t)s.size());
}

gt_dict *plain_dict(const GenericDict &d) {
  gt_dict *out = gt_dict_new(&gt_t_dict_str_dyn);
  for (const auto &item : d) {
    gt_val k = ref_val(json_key(item.key())), v = plain_item(item.value());
    gt_dict_set(out, k, v);  // retains both
    gt_release(k.p);
    gt_release(v.p);
  }
  return out;
}

template <class Items>
gt_val plain_list(const Items &items) {
  gt_list *l = gt_list_new(&gt_t_list_dyn, (int64_t)items.size());
  for (const c10::IValue &x : items) {
    gt_val v = plain_item(x);
    gt_list_append(l, v);  // retains
    gt_release(v.p);
  }
  return gt_dyn_new(ref_val(l), &gt_t_list_dyn);
}

gt_val plain_item(const c10::IValue &v) {
  if (v.isList()) return plain_list(v.toListRef());
  if (v.isTuple()) return plain_list(v.toTupleRef().elements());
  if (v.isGenericDict()) return gt_dyn_new(ref_val(plain_dict(v.toGenericDict())), &gt_t_dict_str_dyn);
  if (!v.isNone() && !v.isBool() && !v.isInt() && !v.isDouble() && !v.isString() && !v.isTensor())
    gt_throw("TypeError: Object of type %s is not JSON serializable", gt_state_kind(v));
  const gt_type *t = natural_type(v);
  return gt_dyn_new(from_ivalue(v, t), t);
}

gt_val object_plain(gt_obj *o, const gt_type **t) {
  gt_val r;
  r.p = nullptr;
  *t = nullptr;
  if (o->cls != &gt_state_class) return r;
  r.p = raising<gt_dict *>([&] { return plain_dict(gt_state_of((gt_state *)o)); });
  *t = &gt_t_dict_str_dyn;
  return r;
}

const bool plain_registered = (gt_object_plain = object_plain, true);
}  // namespace

extern "C" const gt_type gt_t_tensor = {GT_K_OBJ, 0, nullptr, nullptr};
extern "C" const gt_type gt_t_state = {GT_K_OBJ, 0, nullptr, nullptr};

extern "C" const gt_class gt_state_class = {"StateDict", state_drop, state_str, state_str, nullptr, nullptr, nullptr};

GenericDict gt_generic_dict() { return GenericDict(c10::AnyType::get(), c10::AnyType::get()); }
GenericList gt_generic_list() { return GenericList(c10::AnyType::get()); }

gt_state *gt_state_wrap(GenericDict d) {
  auto *s = (gt_state *)gt_alloc(sizeof(gt_state), &gt_state_class);
  s->d = new GenericDict(std::move(d));
  return s;
}

GenericDict &gt_state_of(gt_state *s) {
  if (!s || !s->d) gt_throw("TypeError: the state dict is None");
  return *s->d;
}

const c10::IValue &gt_state_item(const GenericDict &d, const std::string &key) {
  auto it = d.find(key);
  if (it == d.end()) gt_throw("KeyError: '%s'", key.c_str());
  return it->value();
}

namespace {
std::mutex ordered_mutex;
// dict -> a weak reference to it, which keeps its address from being reused
std::unordered_map<const void *, c10::WeakIValue> ordered_dicts;
size_t ordered_sweep_at = 64;
}  // namespace

void gt_state_set_ordered(const c10::IValue &dict, bool ordered) {
  if (!dict.isGenericDict()) return;
  std::lock_guard<std::mutex> lock(ordered_mutex);
  const void *p = dict.internalToPointer();
  if (!ordered) {
    ordered_dicts.erase(p);
    return;
  }
  if (ordered_dicts.size() >= ordered_sweep_at) {  // forget the dicts that are gone
    for (auto it = ordered_dicts.begin(); it != ordered_dicts.end();)
      it = it->second.use_count() == 0 ? ordered_dicts.erase(it) : std::next(it);
    ordered_sweep_at = std::max<size_t>(64, 2 * ordered_dicts.size());
  }
  ordered_dicts.insert_or_assign(p, c10::WeakIValue(dict));
}

bool gt_state_is_ordered(const c10::IValue &dict) {
  if (!dict.isGenericDict()) return false;
  std::lock_guard<std::mutex> lock(ordered_mutex);
  auto it = ordered_dicts.find(dict.internalToPointer());
  return it != ordered_dicts.end() && it->second.use_count() > 0;
}

std::string gt_state_repr(const c10::IValue &v) {
  if (v.isNone()) return "None";
  if (v.isBool()) return v.toBool() ? "True" : "False";
  if (v.isInt()) return std::to_string(v.toInt());
  if (v.isDouble()) return gt_py_float(v.toDouble());
  if (v.isString()) return str_repr(v.toStringRef());
  if (v.isTensor()) return gt_tensor_repr(v.toTensor());
  if (v.isList()) return seq_repr(v.toListRef(), "[", "]", gt_state_repr);
  if (v.isTuple()) {
    const auto &elems = v.toTupleRef().elements();
    return seq_repr(elems, "(", elems.size() == 1 ? ",)" : ")", gt_state_repr);
  }
  if (v.isGenericDict() && gt_state_is_ordered(v)) {  // OrderedDict([('a', 1)]), OrderedDict()
    if (v.toGenericDict().empty()) return "OrderedDict()";
    return seq_repr(v.toGenericDict(), "OrderedDict([", "])", [](const GenericDict::iterator::value_type &kv) {
      return "(" + gt_state_repr(kv.key()) + ", " + gt_state_repr(kv.value()) + ")";
    });
  }
  if (v.isGenericDict())
    return seq_repr(v.toGenericDict(), "{", "}", [](const GenericDict::iterator::value_type &kv) {
      return gt_state_repr(kv.key()) + ": " + gt_state_repr(kv.value());
    });
  return "<" + v.tagKind() + " object>";
}

extern "C" gt_state *gt_state_new(void) { return GT_VALUE(gt_state *, nullptr, gt_state_wrap(gt_generic_dict())); }

extern "C" int gt_state_set(gt_state *s, const char *key, gt_val v, const gt_type *t) {
  return GT_STATUS(gt_state_of(s).insert_or_assign(std::string(key ? key : ""), to_ivalue(v, t)));
}

extern "C" gt_state *gt_state_with(gt_state *s, const char *key, gt_val v, const gt_type *t) {
  if (gt_state_set(s, key, v, t) != 0) return nullptr;
  return static_cast<gt_state *>(gt_retain(s));
}

extern "C" int gt_state_set_nones(gt_state *s, const char *key, int64_t n) {
  return GT_STATUS(([&] {
    GenericList nones = gt_generic_list();
    for (int64_t i = 0; i < n; i++) nones.push_back(c10::IValue());
    gt_state_of(s).insert_or_assign(std::string(key ? key : ""), nones);
  }()));
}

extern "C" gt_val gt_state_get(gt_state *s, const char *key, const gt_type *t) {
  return raising<gt_val>([&] { return from_ivalue(gt_state_item(gt_state_of(s), key ? key : ""), t); });
}

extern "C" bool gt_state_contains(gt_state *s, const char *key) {
  return raising<bool>([&] { return gt_state_of(s).contains(std::string(key ? key : "")); });
}

extern "C" gt_list *gt_state_keys(gt_state *s) {
  gt_list *keys = gt_list_new(&gt_t_list_str, gt_state_len(s));
  gt_list *done = raising<gt_list *>([&] {
    for (const auto &item : gt_state_of(s)) {
      if (!item.key().isString()) {
        gt_release(keys);
        gt_throw("TypeError: a state dict's key is a %s, not a str", gt_state_kind(item.key()));
      }
      const std::string &k = item.key().toStringRef();
      gt_val v;
      v.p = gt_str_new(k.data(), (int64_t)k.size());
      gt_list_append(keys, v);  // retains
      gt_release(v.p);
    }
    return keys;
  });
  return done;
}

// (key, value) pairs and values, each value boxed with its own type
// (`for k, v in vars(args).items(): print(k, v)`).
namespace {
const gt_type *const str_dyn_items[] = {&gt_t_str, &gt_t_dyn};
const gt_type str_dyn_pair = {GT_K_TUPLE, 2, str_dyn_items, nullptr};
const gt_type *const str_dyn_pair_arg[] = {&str_dyn_pair};
const gt_type list_of_str_dyn_pairs = {GT_K_LIST, 1, str_dyn_pair_arg, nullptr};
}  // namespace

extern "C" gt_list *gt_state_items(gt_state *s) {
  gt_list *keys = gt_state_keys(s);
  gt_list *items = gt_list_new(&list_of_str_dyn_pairs, keys->len);
  for (int64_t i = 0; i < keys->len; i++) {
    gt_val v = gt_state_get(s, ((gt_str *)keys->items[i].p)->data, &gt_t_dyn);
    gt_val pair = ref_val(gt_tuple_of(&str_dyn_pair, keys->items[i], v));
    gt_list_append(items, pair);  // retains
    gt_release(pair.p);
    gt_release(v.p);
  }
  gt_release(keys);
  return items;
}

extern "C" gt_list *gt_state_values(gt_state *s) {
  gt_list *keys = gt_state_keys(s);
  gt_list *values = gt_list_new(&gt_t_list_dyn, keys->len);
  for (int64_t i = 0; i < keys->len; i++) {
    gt_val v = gt_state_get(s, ((gt_str *)keys->items[i].p)->data, &gt_t_dyn);
    gt_list_append(values, v);  // retains
    gt_release(v.p);
  }
  gt_release(keys);
  return values;
}

extern "C" int64_t gt_state_len(gt_state *s) {
  return raising<int64_t>([&] { return (int64_t)gt_state_of(s).size(); });
}

const char *gt_state_kind(const c10::IValue &v) {
  if (v.isNone()) return "NoneType";
  if (v.isBool()) return "bool";
  if (v.isInt()) return "int";
  if (v.isDouble()) return "float";
  if (v.isString()) return "str";
  if (v.isList()) return "list";
  if (v.isTuple()) return "tuple";
  if (v.isGenericDict()) return "dict";
  if (v.isTensor()) return "Tensor";
  return "object";
}

// nn_state_dict.cpp - state_dict() and load_state_dict() of any module, as
// PyTorch 1.13's Module does them: the same keys in the same order, the
// same checks, and the same error texts.
#include <unordered_map>
#include <unordered_set>

#include "nn_tree.h"

namespace {

// ---- state_dict() -----------------------------------------------------------------

// Python's state_dict: each module's parameters, then its buffers, then its
// children's; no deduplication (a shared module appears under each name).
void save(gt_module *m, const std::string &prefix, gt_dict *out, int depth) {
  gt_module_check_depth(depth);
  gt_module_parts parts = gt_module_parts_of(m);
  for (auto *group : {&parts.params, &parts.buffers}) {
    for (auto &t : *group) {
      if (group == &parts.buffers && parts.is_transient(t.first)) continue;  // persistent=False
      std::string key = prefix + t.first;
      gt_owned<gt_str> k(gt_str_new(key.data(), (int64_t)key.size()));
      gt_owned<gt_tensor> v(gt_wrap(t.second->t.detach()));  // shares storage, as Python's
      gt_dict_set(out, gt_vp(k.get()), gt_vp(v.get()));     // retains both
    }
  }
  for (auto &c : parts.children) save(c.second, prefix + c.first + ".", out, depth + 1);
}

// ---- load_state_dict() ----------------------------------------------------------------

// The dict given, with its keys in order; values are borrowed objects
// (NULL for None).
struct state_view {
  std::vector<std::string> keys;
  std::unordered_map<std::string, gt_obj *> values;
};

state_view view_of(const gt_dict *d) {
  if (!d) gt_throw("Expected state_dict to be dict-like, got <class 'NoneType'>.");
  state_view v;
  int64_t pos = 0;
  gt_val key, value;
  while (gt_dict_next(d, &pos, &key, &value)) {
    auto *k = static_cast<const gt_str *>(key.p);
    std::string name(k->data, (size_t)k->len);
    v.keys.push_back(name);
    v.values[name] = static_cast<gt_obj *>(value.p);
  }
  return v;
}

bool starts_with(const std::string &s, const std::string &prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// Python's repr of a str (the quotes it picks; escapes of \ and the quote).
std::string py_repr(const std::string &s) {
  char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, q);
  for (char ch : s) {
    if (ch == '\\' || ch == q) out += '\\';
    if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out + q;
}

// The lists Python's load() fills while it walks the tree.
struct load_result {
  std::vector<std::string> missing, unexpected, errors;
};

// Python's _load_from_state_dict for one tensor of the module.
void load_tensor(const std::string &key, at::Tensor &param, gt_obj *input, load_result &r) {
  if (!input || input->cls != &gt_tensor_class) {
    std::string type = input ? input->cls->name : "NoneType";
    r.errors.push_back("While copying the parameter named \"" + key +
                       "\", expected torch.Tensor or Tensor-like object from checkpoint but received <class '" +
                       type + "'>");
    return;
  }
  at::Tensor in = reinterpret_cast<gt_tensor *>(input)->t;
  // Backward compatibility of Python's: a 1-element 1-D tensor for a 0-D parameter.
  if (param.dim() == 0 && in.dim() == 1) in = in[0];
  if (in.sizes() != param.sizes()) {
    r.errors.push_back("size mismatch for " + key + ": copying a param with shape " + gt_size_text(in.sizes()) +
                       " from checkpoint, the shape in current model is " + gt_size_text(param.sizes()) + ".");
    return;
  }
  try {
    at::NoGradGuard no_grad;
    param.copy_(in);
  } catch (const std::exception &) {
    gt_set_error_from_current();
    r.errors.push_back("While copying the parameter named \"" + key + "\", whose dimensions in the model are " +
                       gt_size_text(param.sizes()) + " and whose dimensions in the checkpoint are " +
                       gt_size_text(in.sizes()) + ", an exception occurred : (" + py_repr(gt_last_error()) + ",).");
  }
}

// A batch norm's num_batches_tracked that the dict lacks: PyTorch's
// _BatchNorm sets it to 0 for a dict without its version metadata (as
// none here has), where it is no missing key.
void zero_count(at::Tensor &count) {
  at::NoGradGuard no_grad;
  count.zero_();
}

// Python's strict check: keys under the prefix that name no tensor or child
// of the module. No module here has extra state, so "_extra_state" is
// always unexpected (and Python lists it first).
void unexpected_keys(const std::string &prefix, const std::unordered_set<std::string> &local,
                     const state_view &state, load_result &r) {
  const std::string extra_state = prefix + "_extra_state";
  if (state.values.count(extra_state)) r.unexpected.push_back(extra_state);
  for (const std::string &key : state.keys) {
    if (!starts_with(key, prefix) || key == extra_state) continue;
    std::string name = key.substr(prefix.size());
    if (!local.count(name.substr(0, name.find('.')))) r.unexpected.push_back(key);
  }
}

// Python's load(): the module's own tensors, the keys under its prefix that
// name nothing it has, then its children (no deduplication, as Python's).
void load(gt_module *m, const std::string &prefix, const state_view &state, bool strict, load_result &r,
          int depth) {
  gt_module_check_depth(depth);
  gt_module_parts parts = gt_module_parts_of(m);
  std::unordered_set<std::string> local;  // names of its tensors and children
  for (auto *group : {&parts.params, &parts.buffers}) {
    for (auto &t : *group) {
      if (group == &parts.buffers && parts.is_transient(t.first)) continue;  // neither loaded nor expected
      local.insert(t.first);
      std::string key = prefix + t.first;
      auto it = state.values.find(key);
      if (it != state.values.end()) load_tensor(key, t.second->t, it->second, r);
      else if (t.first == "num_batches_tracked") zero_count(t.second->t);
      else if (strict) r.missing.push_back(key);
    }
  }
  for (auto &c : parts.children) local.insert(c.first);
  if (strict) unexpected_keys(prefix, local, state, r);
  for (auto &c : parts.children) load(c.second, prefix + c.first + ".", state, strict, r, depth + 1);
}

std::string quoted_list(const std::vector<std::string> &keys) {
  std::string s;
  for (size_t i = 0; i < keys.size(); i++) s += (i ? ", \"" : "\"") + keys[i] + "\"";
  return s;
}

// Python's RuntimeError text: missing keys, then unexpected ones, then the rest.
std::string load_error(const char *type, const load_result &r) {
  std::vector<std::string> msgs;
  if (!r.missing.empty()) msgs.push_back("Missing key(s) in state_dict: " + quoted_list(r.missing) + ". ");
  if (!r.unexpected.empty()) msgs.push_back("Unexpected key(s) in state_dict: " + quoted_list(r.unexpected) + ". ");
  msgs.insert(msgs.end(), r.errors.begin(), r.errors.end());
  std::string s = std::string("Error(s) in loading state_dict for ") + type + ":";
  for (const std::string &msg : msgs) s += "\n\t" + msg;
  return s;
}

}  // namespace

extern "C" gt_dict *gt_module_state_dict(gt_module *m) {
  return GT_VALUE(gt_dict *, nullptr, ([&] {
                    gt_owned<gt_dict> d(gt_dict_new(&gt_t_tensor_dict));
                    gt_dict_set_ordered(d.get(), true);  // Python's is an OrderedDict
                    save(m, "", d.get(), 0);
                    return d.release();
                  }()));
}

namespace {

// Python's Module.load_state_dict: every missing and unexpected key is
// found whatever `strict` says, which decides whether they are an error
// (a tensor of another shape always is).
load_result load_checked(gt_module *m, const gt_dict *state, bool strict) {
  gt_module_kind_of(m);  // None is an error before the dict is looked at
  state_view v = view_of(state);
  load_result r;
  load(m, "", v, true, r, 0);
  if (!r.errors.empty() || (strict && (!r.missing.empty() || !r.unexpected.empty()))) {
    if (!strict) r.missing.clear(), r.unexpected.clear();
    throw std::runtime_error(load_error(gt_module_type(m), r));
  }
  return r;
}

gt_list *str_list(const std::vector<std::string> &keys) {
  gt_owned<gt_list> l(gt_list_new(&gt_t_list_str, (int64_t)keys.size()));
  for (const std::string &k : keys) {
    gt_owned<gt_str> s(gt_str_new(k.data(), (int64_t)k.size()));
    gt_list_append(l.get(), gt_vp(s.get()));
  }
  return l.release();
}

}  // namespace

extern "C" int gt_module_load_state_dict(gt_module *m, const gt_dict *state, bool strict) {
  return GT_STATUS(load_checked(m, state, strict));
}

// ---- load_state_dict's result ---------------------------------------------------------
// PyTorch's _IncompatibleKeys, a named tuple of the two lists whose repr
// is "<All keys matched successfully>" where both are empty.

struct gt_incompatible_keys {
  gt_obj h;
  gt_list *missing, *unexpected;
};

namespace {

void keys_drop(gt_obj *o) {
  auto *k = reinterpret_cast<gt_incompatible_keys *>(o);
  gt_release(k->missing);
  gt_release(k->unexpected);
}

gt_str *keys_repr(gt_obj *o) {
  auto *k = reinterpret_cast<gt_incompatible_keys *>(o);
  if (!k->missing->len && !k->unexpected->len) return gt_str_new("<All keys matched successfully>", 31);
  gt_owned<gt_str> missing(gt_val_repr(gt_vp(k->missing), &gt_t_list_str));
  gt_owned<gt_str> unexpected(gt_val_repr(gt_vp(k->unexpected), &gt_t_list_str));
  std::string s = "_IncompatibleKeys(missing_keys=" + std::string(missing.get()->data, missing.get()->len) +
                  ", unexpected_keys=" + std::string(unexpected.get()->data, unexpected.get()->len) + ")";
  return gt_str_new(s.data(), (int64_t)s.size());
}

}  // namespace

extern "C" const gt_class gt_incompatible_keys_class = {"_IncompatibleKeys", keys_drop, keys_repr, keys_repr,
                                                         NULL, NULL, NULL};

namespace {

gt_incompatible_keys *incompatible_keys(const load_result &r) {
  auto *k = static_cast<gt_incompatible_keys *>(gt_alloc(sizeof(gt_incompatible_keys), &gt_incompatible_keys_class));
  k->missing = str_list(r.missing);
  k->unexpected = str_list(r.unexpected);
  return k;
}

// The items of an OrderedDict, collections.gtp's class, which keeps them,
// in their order, in a dict in its field `_d` (borrowed; NULL for None).
const gt_dict *ordered_items(void *ordered) {
  if (!ordered) return nullptr;
  auto *items = static_cast<gt_dict *const *>(gt_obj_field(static_cast<gt_obj *>(ordered), "_d"));
  if (!items) gt_throw("TypeError: load_state_dict: not an OrderedDict of tensors");
  return *items;
}

}  // namespace

extern "C" gt_incompatible_keys *gt_bind_module_load_state_dict(gt_module *m, const gt_dict *state, bool strict) {
  return GT_VALUE(gt_incompatible_keys *, nullptr, incompatible_keys(load_checked(m, state, strict)));
}

// model.load_state_dict(new_sd) of an OrderedDict (`new_sd[k.replace("module.", "")] = v`).
extern "C" gt_incompatible_keys *gt_bind_module_load_state_dict_ordered(gt_module *m, void *ordered, bool strict) {
  return GT_VALUE(gt_incompatible_keys *, nullptr, incompatible_keys(load_checked(m, ordered_items(ordered), strict)));
}

extern "C" gt_list *gt_incompatible_keys_missing(gt_incompatible_keys *k) {
  return static_cast<gt_list *>(gt_retain(k->missing));
}

extern "C" gt_list *gt_incompatible_keys_unexpected(gt_incompatible_keys *k) {
  return static_cast<gt_list *>(gt_retain(k->unexpected));
}

// `missing, unexpected = model.load_state_dict(d, strict=False)`
extern "C" gt_list *gt_incompatible_keys_list(gt_incompatible_keys *k) {
  gt_list *l = gt_list_new(gt_type_list_of(&gt_t_list_str), 2);
  gt_list_append(l, gt_vp(k->missing));
  gt_list_append(l, gt_vp(k->unexpected));
  return l;
}

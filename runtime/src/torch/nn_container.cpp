// nn_container.cpp - nn.Sequential and nn.ModuleList: construction, len(),
// [i], append and iteration. Their forward, repr, modes and tree methods are
// those of every module (nn_tree.cpp).
#include "nn_tree.h"

namespace {

void container_drop(gt_obj *o) {
  gt_container *c = reinterpret_cast<gt_container *>(o);
  for (gt_module *m : c->children) gt_release(m);
  c->children.~vector();
  c->type_name.~basic_string();
}

// A new, empty container (rc 1) in training mode, as a new Python module is.
gt_container *container_new(const gt_class *cls) {
  auto *c = static_cast<gt_container *>(gt_alloc(sizeof(gt_container), cls));
  if (!c) throw std::bad_alloc();
  new (&c->children) std::vector<gt_module *>();
  new (&c->type_name) std::string();
  c->training = true;
  return c;
}

void container_add(gt_container &c, gt_module *child) {
  if (!child) gt_throw("%s: a child module is None", c.h.cls->name);
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

gt_container &gt_container_of(gt_module *m, const char *error) {
  gt_module_kind k = gt_module_kind_of(m);
  if (k != gt_module_kind::sequential && k != gt_module_kind::module_list) gt_throw(error, gt_module_type(m));
  return *reinterpret_cast<gt_container *>(m);
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

extern "C" gt_module *gt_nn_ModuleList(const gt_list *modules) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_owned<gt_container> c(container_new(&gt_module_list_class));
                    for (int64_t i = 0; modules && i < modules->len; i++)
                      container_add(*c, static_cast<gt_module *>(modules->items[i].p));
                    return reinterpret_cast<gt_module *>(c.release());
                  }()));
}

extern "C" int64_t gt_module_len(gt_module *m) {
  return GT_VALUE(int64_t, -1,
                  (int64_t)gt_container_of(m, "object of type '%s' has no len()").children.size());
}

extern "C" gt_module *gt_module_getitem(gt_module *m, int64_t i) {
  return GT_VALUE(gt_module *, nullptr, ([&] {
                    gt_container &c = gt_container_of(m, "'%s' object is not subscriptable");
                    return c.children[absolute_index(c, i)];
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

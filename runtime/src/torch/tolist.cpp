// tolist.cpp - x.tolist(): a tensor as nested Python lists. The stdlib
// declares it `-> Any`, so C receives the descriptor of the type the
// program expects where the call stands (rows: list[list[float]] =
// x.tolist()), and builds a value of that type; PyTorch's result has x's
// rank and a number kind from x's dtype, which the type must match.
#include <cstdio>
#include <string>

#include "internal.h"

// The name Python's typing gives a descriptor ("list[list[float]]"), from
// the core runtime (core_internal.h).
extern "C" const char *gt_type_name(const gt_type *t);

namespace {

// The Python number PyTorch's tolist gives for a dtype: 'b', 'i' or 'f';
// 0 for a complex one, which has no such number here.
char number_kind(gt_dtype d) {
  if (d == GT_BOOL) return 'b';
  if (d == GT_COMPLEX64 || d == GT_COMPLEX128) return 0;
  return gt_dtype_is_floating_point(d) ? 'f' : 'i';
}

gt_kind kind_of(char kind) { return kind == 'b' ? GT_K_BOOL : kind == 'i' ? GT_K_INT : GT_K_FLOAT; }

// Does t describe `depth` lists, one inside the other, of such numbers?
bool fits(const gt_type *t, int64_t depth, char kind) {
  for (; depth > 0; depth--) {
    if (t->kind != GT_K_LIST) return false;
    t = t->args[0];
  }
  return t->kind == kind_of(kind);
}

// The program's type as Python's typing writes it, its lists in full.
std::string type_name(const gt_type *t) {
  return t->kind == GT_K_LIST ? "list[" + type_name(t->args[0]) + "]" : std::string(gt_type_name(t));
}

// "list[list[float]]": the type of tolist() of a tensor of that rank and kind.
std::string given_type(int64_t depth, char kind) {
  std::string s = kind == 'b' ? "bool" : kind == 'i' ? "int" : "float";
  for (int64_t i = 0; i < depth; i++) s = "list[" + s + "]";
  return s;
}

// The values of a contiguous tensor of int64, float64 or bool, from `at`
// on, as t (a number, or lists nested as deep as the sizes from dim on).
struct Builder {
  const void *data;
  char kind;
  std::vector<int64_t> sizes, strides;

  gt_val number(int64_t at) const {
    gt_val v;
    if (kind == 'b') v.b = static_cast<const bool *>(data)[at];
    else if (kind == 'i') v.i = static_cast<const int64_t *>(data)[at];
    else v.f = static_cast<const double *>(data)[at];
    return v;
  }

  gt_val build(const gt_type *t, size_t dim, int64_t at) const {
    if (dim == sizes.size()) return number(at);
    gt_list *l = gt_list_new(t, sizes[dim]);
    for (int64_t i = 0; i < sizes[dim]; i++) {
      gt_val item = build(t->args[0], dim + 1, at + i * strides[dim]);
      gt_list_append(l, item);  // which holds an inner list of its own: ours is released
      if (dim + 1 < sizes.size()) gt_release(item.p);
    }
    gt_val v;
    v.p = l;
    return v;
  }
};

// The type tolist() gives a tensor of `depth` dims of numbers of `kind`:
// nested lists of ints, floats or bools.
const gt_type *natural_type(int64_t depth, char kind) {
  const gt_type *t = kind == 'b' ? &gt_t_bool : kind == 'i' ? &gt_t_int : &gt_t_float;
  for (int64_t i = 0; i < depth; i++) t = gt_type_list_of(t);
  return t;
}

gt_val tolist(const at::Tensor &x, const gt_type *t, char kind) {
  at::ScalarType as = kind == 'b' ? at::kBool : kind == 'i' ? at::kLong : at::kDouble;
  at::Tensor c = x.detach().to(at::kCPU, as).contiguous();
  Builder b{c.data_ptr(), kind, c.sizes().vec(), c.strides().vec()};
  return b.build(t, 0, 0);
}

}  // namespace

extern "C" gt_val gt_bind_tolist(gt_tensor *x, const gt_type *t) {
  if (!x) gt_fail("AttributeError: 'NoneType' object has no attribute 'tolist'");
  int64_t depth = gt_tensor_dim(x);
  char kind = number_kind(gt_tensor_dtype(x));
  if (!kind) gt_fail("TypeError: tolist() of a %s tensor gives complex numbers, which are not supported",
                     gt_dtype_name(gt_tensor_dtype(x)));
  const gt_type *want = t;
  if (t == &gt_t_dyn) t = natural_type(depth, kind);  // print(x.tolist()): the type the tensor gives
  if (!fits(t, depth, kind)) {
    char msg[640];  // the strings die before gt_fail leaves this frame
    std::string given = given_type(depth, kind);
    snprintf(msg, sizeof msg,
             "TypeError: tolist() of a %lld-dim %s tensor gives %s, where the program expects %s (annotate the "
             "variable it is assigned to: rows: %s = x.tolist())",
             (long long)depth, gt_dtype_name(gt_tensor_dtype(x)), given.c_str(), type_name(t).c_str(), given.c_str());
    gt_fail("%s", msg);
  }
  gt_val v;
  v.p = nullptr;
  if (!GT_VALUE(bool, false, (v = tolist(U(x), t, kind), true))) gt_fail("%s", gt_last_error());
  return want == &gt_t_dyn ? gt_dyn_new(v, t) : v;
}

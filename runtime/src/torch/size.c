/* size.c - torch.Size: a tensor's shape, an immutable tuple of ints that
 * prints as PyTorch prints it. Pure C: it holds ints, not tensors. */
#include "gtorch.h"
#include "gtorch_bind.h"

struct gt_size {
  gt_obj h;
  gt_list *dims;   /* list[int], never shared: a Size cannot change */
};

static void size_drop(gt_obj *o) { gt_release(((gt_size *)o)->dims); }

static gt_str *size_str_slot(gt_obj *o) { return gt_size_str((gt_size *)o); }

static bool size_eq_slot(gt_obj *a, gt_obj *b) { return gt_size_eq((gt_size *)a, (gt_size *)b); }

/* Python's name of the type, for messages; str and repr are the same. */
const gt_class gt_size_class = {"Size", size_drop, size_str_slot, size_str_slot, size_eq_slot, NULL, NULL};

/* A Size that takes the reference to `dims`. */
static gt_size *size_taking(gt_list *dims) {
  gt_size *s = gt_alloc(sizeof *s, &gt_size_class);
  s->dims = dims;
  return s;
}

gt_size *gt_size_new(const gt_list *dims) { return size_taking(gt_list_copy(dims)); }

int64_t gt_size_len(const gt_size *s) { return gt_list_len(s->dims); }

int64_t gt_size_getitem(const gt_size *s, int64_t i) {
  int64_t n = gt_list_len(s->dims);
  if (i < 0) i += n;
  if (i < 0 || i >= n) gt_fail("IndexError: tuple index out of range");
  return s->dims->items[i].i;
}

/* The Python type name of what a subscript that is not one slice holds
 * (an int item takes the plain __getitem__, which the compiler chooses). */
static const char *item_type(const gt_index *idx, int64_t n) {
  if (n != 1) return "tuple";
  static const char *const names[] = {[GT_IDX_INT] = "int", [GT_IDX_SLICE] = "slice", [GT_IDX_NONE] = "NoneType",
                                      [GT_IDX_ELLIPSIS] = "ellipsis", [GT_IDX_TENSOR] = "Tensor", [GT_IDX_BOOL] = "bool",
                                      [GT_IDX_RANGE] = "range"};
  return names[idx[0].kind];
}

gt_size *gt_size_slice(const gt_size *s, const gt_index *idx, int64_t n) {
  if (n != 1 || idx[0].kind != GT_IDX_SLICE)
    gt_fail("TypeError: tuple indices must be integers or slices, not %s", item_type(idx, n));
  /* an omitted part is GT_NONE_INT, as gt_list_slice takes it */
  return size_taking(gt_list_slice(s->dims, idx[0].start, idx[0].stop, idx[0].step));
}

gt_list *gt_size_list(const gt_size *s) { return gt_list_copy(s->dims); }

int64_t gt_size_numel(const gt_size *s) {
  int64_t r = 1;
  for (int64_t i = 0; i < gt_list_len(s->dims); i++) r = gt_int_mul(r, s->dims->items[i].i);
  return r;
}

gt_size *gt_size_concat(const gt_size *s, const gt_size *other) {
  return size_taking(gt_list_concat(s->dims, other->dims));
}

gt_str *gt_size_str(const gt_size *s) {
  gt_str *parts[3] = {gt_str_from_cstr("torch.Size("), gt_val_repr(gt_vp(s->dims), &gt_t_list_int),
                      gt_str_from_cstr(")")};
  gt_str *r = gt_str_build(3, parts);
  for (int i = 0; i < 3; i++) gt_release(parts[i]);
  return r;
}

bool gt_size_eq(const gt_size *s, const gt_size *other) {
  return gt_val_eq(gt_vp(s->dims), gt_vp(other->dims), &gt_t_list_int);
}

bool gt_size_eq_ints(const gt_size *s, gt_ints other) {
  if (gt_list_len(s->dims) != other.n) return false;
  for (int64_t i = 0; i < other.n; i++)
    if (s->dims->items[i].i != other.v[i]) return false;
  return true;
}

bool gt_size_eq_list(const gt_size *s, const gt_list *other) {
  (void)s, (void)other;
  return false;
}

bool gt_size_eq_int(const gt_size *s, int64_t other) {
  (void)s, (void)other;
  return false;
}

/* tuple.c - tuple[...]: a fixed number of gt_val slots, each with its own
 * static type (type->args[i]). */
#include "core_internal.h"

#include <stdarg.h>
#include <stdlib.h>

static void gt_tuple_drop(gt_obj *o) {
  gt_tuple *t = (gt_tuple *)o;
  for (int64_t i = 0; i < t->len; i++) gt_val_release(t->items[i], t->type->args[i]);
}

const gt_class gt_tuple_class = {"tuple", gt_tuple_drop, NULL, NULL, NULL, NULL, NULL};

/* A tuple whose slots the caller fills with references it owns. */
gt_tuple *gt_tuple_new(const gt_type *type) {
  gt_tuple *t = gt_alloc(sizeof(gt_tuple) + sizeof(gt_val) * (size_t)type->nargs, &gt_tuple_class);
  t->type = type;
  t->len = type->nargs;
  return t;
}

gt_tuple *gt_tuple_of(const gt_type *type, ...) {
  gt_tuple *t = gt_tuple_new(type);
  va_list ap;
  va_start(ap, type);
  for (int64_t i = 0; i < t->len; i++) t->items[i] = gt_val_retain(va_arg(ap, gt_val), type->args[i]);
  va_end(ap);
  return t;
}

/* A tuple[T, ...]: its descriptor (n items of type elem) lives in the same
 * block, after the items, and goes with the tuple. */
gt_tuple *gt_tuple_of_elems(const gt_type *elem, int64_t n, const gt_val *items) {
  size_t head = sizeof(gt_tuple) + sizeof(gt_val) * (size_t)n;
  gt_tuple *t = gt_alloc(head + sizeof(gt_type) + sizeof(gt_type *) * (size_t)n, &gt_tuple_class);
  gt_type *type = (gt_type *)((char *)t + head);
  const gt_type **args = (const gt_type **)(type + 1);
  for (int64_t i = 0; i < n; i++) args[i] = elem;
  *type = (gt_type){GT_K_TUPLE, (int32_t)n, args, NULL};
  t->type = type;
  t->len = n;
  for (int64_t i = 0; i < n; i++) t->items[i] = gt_val_retain(items[i], elem);
  return t;
}

gt_tuple *gt_tuple_concat(const gt_type *type, const gt_type *elem, const gt_tuple *a, const gt_tuple *b) {
  int64_t n = a->len + b->len;
  if (!type) {  /* tuple[T, ...]: its descriptor goes with it */
    gt_val *items = malloc(sizeof *items * (size_t)(n ? n : 1));
    if (!items) gt_fail("MemoryError: out of memory");
    memcpy(items, a->items, sizeof *items * (size_t)a->len);
    memcpy(items + a->len, b->items, sizeof *items * (size_t)b->len);
    gt_tuple *t = gt_tuple_of_elems(elem, n, items);
    free(items);
    return t;
  }
  gt_tuple *t = gt_tuple_new(type);
  for (int64_t i = 0; i < n; i++) {
    gt_val v = i < a->len ? a->items[i] : b->items[i - a->len];
    t->items[i] = gt_val_retain(v, type->args[i]);
  }
  return t;
}

gt_tuple *gt_tuple_slice(const gt_type *type, const gt_type *elem, const gt_tuple *t, int64_t lo, int64_t hi,
                         int64_t step) {
  int64_t n = gt_slice_adjust(t->len, &lo, &hi, &step);
  if (!type) {  /* tuple[T, ...]: its descriptor goes with it */
    gt_val *items = malloc(sizeof *items * (size_t)(n ? n : 1));
    if (!items) gt_fail("MemoryError: out of memory");
    for (int64_t k = 0; k < n; k++) items[k] = t->items[lo + k * step];
    gt_tuple *r = gt_tuple_of_elems(elem, n, items);
    free(items);
    return r;
  }
  gt_tuple *r = gt_tuple_new(type);
  for (int64_t k = 0; k < n; k++) r->items[k] = gt_val_retain(t->items[lo + k * step], type->args[k]);
  return r;
}

gt_tuple *gt_tuple_repeat(const gt_type *type, const gt_type *elem, const gt_tuple *t, int64_t k) {
  int64_t n = k > 0 ? t->len * k : 0;
  if (type) {
    gt_tuple *r = gt_tuple_new(type);
    for (int64_t i = 0; i < n; i++) r->items[i] = gt_val_retain(t->items[i % t->len], type->args[i]);
    return r;
  }
  gt_val *items = malloc(sizeof *items * (size_t)(n ? n : 1));
  if (!items) gt_fail("MemoryError: out of memory");
  for (int64_t i = 0; i < n; i++) items[i] = t->items[i % t->len];
  gt_tuple *r = gt_tuple_of_elems(elem, n, items);
  free(items);
  return r;
}

int64_t gt_tuple_index(const gt_tuple *t, gt_val v) {
  for (int64_t i = 0; i < t->len; i++)
    if (gt_val_eq(t->items[i], v, t->type->args[i])) return i;
  gt_fail("ValueError: tuple.index(x): x not in tuple");
}

int64_t gt_tuple_count(const gt_tuple *t, gt_val v) {
  int64_t n = 0;
  for (int64_t i = 0; i < t->len; i++) n += gt_val_eq(t->items[i], v, t->type->args[i]);
  return n;
}

bool gt_tuple_contains(const gt_tuple *t, gt_val v) {
  for (int64_t i = 0; i < t->len; i++)
    if (gt_val_eq(t->items[i], v, t->type->args[i])) return true;
  return false;
}

gt_val gt_tuple_get(const gt_tuple *t, int64_t i) {
  if (i < 0) i += t->len;
  if (i < 0 || i >= t->len) gt_fail("IndexError: tuple index out of range");
  return gt_val_retain(t->items[i], t->type->args[i]);
}

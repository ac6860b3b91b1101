/* tuple.c - tuple[...]: a fixed number of gt_val slots, each with its own
 * static type (type->args[i]). */
#include "core_internal.h"

#include <stdarg.h>

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

gt_val gt_tuple_get(const gt_tuple *t, int64_t i) {
  if (i < 0) i += t->len;
  if (i < 0 || i >= t->len) gt_fail("IndexError: tuple index out of range");
  return gt_val_retain(t->items[i], t->type->args[i]);
}

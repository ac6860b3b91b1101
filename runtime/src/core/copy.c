/* copy.c - copy.deepcopy and copy.copy of a value of any static type,
 * walked by its descriptor as CPython's copy module walks it: numbers, strs
 * and None are their own copies; a deep copy makes new lists, tuples, dicts
 * and sets of deep copies, once per object (a memo keeps aliasing: a list
 * that holds one inner list twice holds one copy of it twice); an object
 * is copied by its class's copier (gt_object_deepcopy: the tensor
 * layer's, which clones tensors and state dicts), else it is a TypeError. */
#include "core_internal.h"

#include <stdlib.h>

gt_obj *(*gt_object_deepcopy)(gt_obj *self);

/* Objects already copied in this deepcopy: from[i]'s copy is to[i]. */
typedef struct Memo {
  const void **from;
  void **to;
  int64_t n, cap;
} Memo;

static void *memo_find(const Memo *m, const void *p) {
  for (int64_t i = 0; i < m->n; i++)
    if (m->from[i] == p) return m->to[i];
  return NULL;
}

static void memo_add(Memo *m, const void *from, void *to) {
  if (m->n == m->cap) {
    m->cap = m->cap ? 2 * m->cap : 16;
    m->from = gt_xrealloc(m->from, sizeof *m->from * (size_t)m->cap);
    m->to = gt_xrealloc(m->to, sizeof *m->to * (size_t)m->cap);
  }
  m->from[m->n] = from;
  m->to[m->n++] = to;
}

static gt_val deep(gt_val v, const gt_type *t, Memo *m);

/* Stores the deep copy of each item of `from` into `to` (a new list). */
static gt_val deep_list(const gt_list *from, Memo *m) {
  gt_list *to = gt_list_new(from->type, from->len);
  memo_add(m, from, to);
  const gt_type *et = from->type->args[0];
  for (int64_t i = 0; i < from->len; i++) {
    gt_val x = deep(from->items[i], et, m);
    gt_list_append(to, x);  /* retains */
    gt_val_release(x, et);
  }
  return (gt_val){.p = to};
}

static gt_val deep_tuple(const gt_tuple *from, Memo *m) {
  gt_tuple *to = gt_tuple_new(from->type);
  for (int64_t i = 0; i < from->len; i++) to->items[i] = deep(from->items[i], from->type->args[i], m);
  memo_add(m, from, to);
  return (gt_val){.p = to};
}

static gt_val deep_dict(const gt_dict *from, const gt_type *t, Memo *m) {
  gt_dict *to = gt_dict_new(t);
  memo_add(m, from, to);
  int64_t pos = 0;
  gt_val key, value;
  while (gt_dict_next(from, &pos, &key, &value)) {
    gt_val x = deep(value, t->args[1], m);  /* keys are immutable: the same */
    gt_dict_set(to, key, x);
    gt_val_release(x, t->args[1]);
  }
  return (gt_val){.p = to};
}

static gt_val deep_object(gt_obj *o, Memo *m) {
  gt_obj *to = gt_object_deepcopy ? gt_object_deepcopy(o) : NULL;
  if (!to)
    gt_fail("TypeError: copy.deepcopy of a %s object is not supported (of numbers, strs, lists, tuples, dicts, sets, "
            "tensors and state dicts it is)", o->cls->name);
  memo_add(m, o, to);
  return (gt_val){.p = to};
}

static gt_val deep(gt_val v, const gt_type *t, Memo *m) {
  if (!gt_type_is_ref(t) || !v.p || t->kind == GT_K_STR) return gt_val_retain(v, t);
  void *done = memo_find(m, v.p);
  if (done) return (gt_val){.p = gt_retain(done)};
  switch (t->kind) {
    case GT_K_LIST: return deep_list(v.p, m);
    case GT_K_TUPLE: return deep_tuple(v.p, m);
    case GT_K_DICT: return deep_dict(v.p, t, m);
    case GT_K_SET: {  /* of ints, floats, bools or strs: a new set of the same items */
      gt_set *s = gt_set_copy(v.p);
      memo_add(m, v.p, s);
      return (gt_val){.p = s};
    }
    default: return deep_object(v.p, m);
  }
}

gt_val gt_copy_deepcopy(gt_val v, const gt_type *t, const gt_type *result) {
  (void)result;  /* the type of v: deepcopy(x: T) -> T */
  Memo m = {0};
  gt_val r = deep(v, t, &m);
  free(m.from);
  free(m.to);
  return r;
}

/* copy.copy: a new list, dict or set of the same items; a tuple, str,
 * number or None itself; an object as deepcopy copies it where its class
 * has no parts to share (a tensor's copy shares no storage here, where
 * CPython's shares it). */
gt_val gt_copy_copy(gt_val v, const gt_type *t, const gt_type *result) {
  (void)result;
  if (!gt_type_is_ref(t) || !v.p) return gt_val_retain(v, t);
  switch (t->kind) {
    case GT_K_LIST: {
      const gt_list *l = v.p;
      return (gt_val){.p = gt_list_from_array(l->type, l->len, l->items)};
    }
    case GT_K_DICT: {
      gt_dict *d = gt_dict_new(t);
      int64_t pos = 0;
      gt_val key, value;
      while (gt_dict_next(v.p, &pos, &key, &value)) gt_dict_set(d, key, value);
      return (gt_val){.p = d};
    }
    case GT_K_SET: return (gt_val){.p = gt_set_copy(v.p)};
    case GT_K_STR: case GT_K_TUPLE: return gt_val_retain(v, t);
    default: {  /* an object: its class's copy (a tensor's clone) */
      gt_obj *o = gt_object_deepcopy ? gt_object_deepcopy(v.p) : NULL;
      if (!o) gt_fail("TypeError: copy.copy of a %s object is not supported", ((gt_obj *)v.p)->cls->name);
      return (gt_val){.p = o};
    }
  }
}

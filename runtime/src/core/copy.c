/* copy.c - copy.deepcopy and copy.copy of a value of any static type,
 * walked by its descriptor as CPython's copy module walks it: numbers, strs
 * and None are their own copies; a deep copy makes new lists, tuples, dicts
 * and sets of deep copies, once per object (a memo keeps aliasing: a list
 * that holds one inner list twice holds one copy of it twice); an object
 * of the program's classes is copied field by field, by its class's
 * layout; another by its class's copier (gt_object_deepcopy: the tensor
 * layer's, which clones tensors, state dicts and modules), else it is a
 * TypeError. */
#include "core_internal.h"

#include <stdlib.h>
#include <string.h>

gt_obj *(*gt_object_deepcopy)(gt_obj *self, gt_copier *c);

const gt_layout gt_layout_atomic = {0, 0, NULL};

/* The memo: an open-addressing table from key to copy, so that a copy of
 * many objects is not quadratic. */
struct gt_copier {
  const void **keys;
  void **copies;
  size_t n, cap;   /* cap: 0 or a power of two */
};

static size_t slot_of(const gt_copier *c, const void *key) {
  size_t h = (size_t)(uintptr_t)key * (size_t)0x9E3779B97F4A7C15u;
  for (size_t i = (h >> 7) & (c->cap - 1);; i = (i + 1) & (c->cap - 1))
    if (!c->keys[i] || c->keys[i] == key) return i;
}

void *gt_copier_find(const gt_copier *c, const void *key) {
  if (!c->cap) return NULL;
  size_t i = slot_of(c, key);
  return c->keys[i] ? c->copies[i] : NULL;
}

static void grow(gt_copier *c) {
  gt_copier old = *c;
  c->cap = old.cap ? 2 * old.cap : 64;
  c->n = 0;
  c->keys = gt_xmalloc(c->cap * sizeof *c->keys);
  c->copies = gt_xmalloc(c->cap * sizeof *c->copies);
  memset(c->keys, 0, c->cap * sizeof *c->keys);
  for (size_t i = 0; i < old.cap; i++)
    if (old.keys[i]) gt_copier_add(c, old.keys[i], old.copies[i]);
  free(old.keys);
  free(old.copies);
}

void gt_copier_add(gt_copier *c, const void *key, void *copy) {
  if (2 * (c->n + 1) > c->cap) grow(c);
  size_t i = slot_of(c, key);
  if (!c->keys[i]) c->n++;
  c->keys[i] = key;
  c->copies[i] = copy;
}

/* Stores the deep copy of each item of `from` into `to` (a new list). */
static gt_val deep_list(gt_copier *c, const gt_list *from) {
  gt_list *to = gt_list_new(from->type, from->len);
  gt_copier_add(c, from, to);
  const gt_type *et = from->type->args[0];
  for (int64_t i = 0; i < from->len; i++) {
    gt_val x = gt_copy_deep(c, from->items[i], et);
    gt_list_append(to, x);  /* retains */
    gt_val_release(x, et);
  }
  return (gt_val){.p = to};
}

static gt_val deep_tuple(gt_copier *c, const gt_tuple *from) {
  gt_tuple *to = gt_tuple_new(from->type);
  for (int64_t i = 0; i < from->len; i++) to->items[i] = gt_copy_deep(c, from->items[i], from->type->args[i]);
  gt_copier_add(c, from, to);
  return (gt_val){.p = to};
}

static gt_val deep_dict(gt_copier *c, const gt_dict *from, const gt_type *t) {
  gt_dict *to = gt_dict_new(t);
  gt_dict_set_ordered(to, gt_dict_is_ordered(from));  /* an OrderedDict's copy is one */
  gt_copier_add(c, from, to);
  int64_t pos = 0;
  gt_val key, value;
  while (gt_dict_next(from, &pos, &key, &value)) {
    gt_val x = gt_copy_deep(c, value, t->args[1]);  /* keys are immutable: the same */
    gt_dict_set(to, key, x);
    gt_val_release(x, t->args[1]);
  }
  return (gt_val){.p = to};
}

static gt_val *field_at(gt_obj *o, const gt_field *f) { return (gt_val *)((char *)o + f->offset); }

/* A new object of o's class with o's bytes (its numbers, a module's
 * training flag) and none of its references, which the caller fills in
 * (the object stays one that its class's drop can release). */
static gt_obj *clone_bytes(const gt_obj *o) {
  const gt_layout *l = o->cls->layout;
  gt_obj *to = gt_alloc(l->size, o->cls);
  memcpy((char *)to + sizeof(gt_obj), (const char *)o + sizeof(gt_obj), l->size - sizeof(gt_obj));
  for (int32_t i = 0; i < l->nfields; i++)
    if (gt_type_is_ref(l->fields[i].type)) field_at(to, &l->fields[i])->p = NULL;
  return to;
}

/* Python's deepcopy of an instance: a new one whose attributes are deep
 * copies, recorded in the memo before them (an object that holds itself). */
static gt_obj *deep_fields(gt_copier *c, gt_obj *o) {
  gt_obj *to = clone_bytes(o);
  gt_copier_add(c, o, to);
  const gt_layout *l = o->cls->layout;
  for (int32_t i = 0; i < l->nfields; i++) {
    const gt_field *f = &l->fields[i];
    if (gt_type_is_ref(f->type)) *field_at(to, f) = gt_copy_deep(c, *field_at(o, f), f->type);
  }
  return to;
}

static gt_val deep_object(gt_copier *c, gt_obj *o) {
  if (o->cls->layout == &gt_layout_atomic) return (gt_val){.p = gt_retain(o)};
  if (o->cls->layout) return (gt_val){.p = deep_fields(c, o)};
  gt_val inner = {.p = o};
  const gt_type *t = &gt_t_obj;
  if (gt_dyn_unwrap(&inner, &t)) {  /* an item of a list of several types: a copy of the value inside */
    gt_val to = gt_dyn_new(gt_copy_deep(c, inner, t), t);
    gt_copier_add(c, o, to.p);
    return to;
  }
  gt_obj *to = gt_object_deepcopy ? gt_object_deepcopy(o, c) : NULL;
  if (!to)
    gt_fail("TypeError: copy.deepcopy of a %s object is not supported (of numbers, strs, lists, tuples, dicts, sets, "
            "tensors, modules, state dicts and objects of the program's classes it is)", o->cls->name);
  gt_copier_add(c, o, to);
  return (gt_val){.p = to};
}

gt_val gt_copy_deep(gt_copier *c, gt_val v, const gt_type *t) {
  if (!gt_type_is_ref(t) || !v.p || t->kind == GT_K_STR) return gt_val_retain(v, t);
  void *done = gt_copier_find(c, v.p);
  if (done) return (gt_val){.p = gt_retain(done)};
  switch (t->kind) {
    case GT_K_LIST: return deep_list(c, v.p);
    case GT_K_TUPLE: return deep_tuple(c, v.p);
    case GT_K_DICT: return deep_dict(c, v.p, t);
    case GT_K_SET: {  /* of ints, floats, bools or strs: a new set of the same items */
      gt_set *s = gt_set_copy(v.p);
      gt_copier_add(c, v.p, s);
      return (gt_val){.p = s};
    }
    default: return deep_object(c, v.p);
  }
}

gt_val gt_copy_deepcopy(gt_val v, const gt_type *t, const gt_type *result) {
  (void)result;  /* the type of v: deepcopy(x: T) -> T */
  gt_copier c = {0};
  gt_val r = gt_copy_deep(&c, v, t);
  free(c.keys);
  free(c.copies);
  return r;
}

/* Python's copy.copy of an instance: a new one holding the same values. */
static gt_obj *shallow_fields(gt_obj *o) {
  gt_obj *to = clone_bytes(o);
  const gt_layout *l = o->cls->layout;
  for (int32_t i = 0; i < l->nfields; i++) {
    const gt_field *f = &l->fields[i];
    if (gt_type_is_ref(f->type)) *field_at(to, f) = gt_val_retain(*field_at(o, f), f->type);
  }
  return to;
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
      return (gt_val){.p = gt_dict_copy(v.p)};
    }
    case GT_K_SET: return (gt_val){.p = gt_set_copy(v.p)};
    case GT_K_STR: case GT_K_TUPLE: return gt_val_retain(v, t);
    default: {  /* an object: a new one of the same fields, itself, or its class's copy (a tensor's clone) */
      gt_obj *from = v.p;
      if (from->cls->layout == &gt_layout_atomic) return gt_val_retain(v, t);
      if (from->cls->layout) return (gt_val){.p = shallow_fields(from)};
      gt_copier c = {0};
      gt_obj *o = gt_object_deepcopy ? gt_object_deepcopy(from, &c) : NULL;
      free(c.keys);
      free(c.copies);
      if (!o) gt_fail("TypeError: copy.copy of a %s object is not supported", ((gt_obj *)v.p)->cls->name);
      return (gt_val){.p = o};
    }
  }
}

/* val.c - values of any static type: type descriptors, equality, ordering,
 * hashing, str() and repr() (nested containers print exactly as Python's),
 * and the builtins sum, min and max.
 *
 * Types are compared by structure, never by address: the compiler emits its
 * own descriptors and the runtime has some of its own. */
#include "core_internal.h"

#include <string.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

const gt_type gt_t_int = {GT_K_INT, 0, NULL, NULL};
const gt_type gt_t_float = {GT_K_FLOAT, 0, NULL, NULL};
const gt_type gt_t_bool = {GT_K_BOOL, 0, NULL, NULL};
const gt_type gt_t_none = {GT_K_NONE, 0, NULL, NULL};
const gt_type gt_t_str = {GT_K_STR, 0, NULL, NULL};
const gt_type gt_t_obj = {GT_K_OBJ, 0, NULL, NULL};

static const gt_type *const gt_args_int[] = {&gt_t_int};
static const gt_type *const gt_args_str[] = {&gt_t_str};
static const gt_type *const gt_args_float[] = {&gt_t_float};
static const gt_type *const gt_args_bool[] = {&gt_t_bool};
const gt_type gt_t_list_int = {GT_K_LIST, 1, gt_args_int, NULL};
const gt_type gt_t_list_str = {GT_K_LIST, 1, gt_args_str, NULL};
const gt_type gt_t_list_float = {GT_K_LIST, 1, gt_args_float, NULL};
const gt_type gt_t_list_bool = {GT_K_LIST, 1, gt_args_bool, NULL};

/* list[T] for an element type known only at run time (dict.keys() and
 * dict.values()): interned, one descriptor per element descriptor, kept
 * for the life of the program. */
typedef struct gt_list_type_node {
  struct gt_list_type_node *next;
  const gt_type *elem;
  gt_type type;
} gt_list_type_node;

static gt_list_type_node *gt_list_types;
static atomic_flag gt_list_types_lock = ATOMIC_FLAG_INIT;   /* a spinlock: no libpthread */

const gt_type *gt_type_list_of(const gt_type *elem) {
  switch (elem->kind) {
    case GT_K_INT: return &gt_t_list_int;
    case GT_K_STR: return &gt_t_list_str;
    case GT_K_FLOAT: return &gt_t_list_float;
    case GT_K_BOOL: return &gt_t_list_bool;
    default: break;
  }
  while (atomic_flag_test_and_set_explicit(&gt_list_types_lock, memory_order_acquire)) {
  }
  gt_list_type_node *n = gt_list_types;
  while (n && n->elem != elem) n = n->next;
  if (!n) {
    n = gt_xmalloc(sizeof *n);
    n->next = gt_list_types;
    n->elem = elem;
    n->type = (gt_type){GT_K_LIST, 1, &n->elem, NULL};
    gt_list_types = n;
  }
  atomic_flag_clear_explicit(&gt_list_types_lock, memory_order_release);
  return &n->type;
}

const char *gt_type_name(const gt_type *t) {
  switch (t->kind) {
    case GT_K_INT: return "int";
    case GT_K_FLOAT: return "float";
    case GT_K_BOOL: return "bool";
    case GT_K_NONE: return "NoneType";
    case GT_K_NUM: return "int | float";
    case GT_K_STR: return "str";
    case GT_K_LIST: return "list";
    case GT_K_TUPLE: return "tuple";
    case GT_K_DICT: return "dict";
    case GT_K_SET: return "set";
    default: return "object";
  }
}

const char *gt_val_type_name(gt_val v, const gt_type *t) {
  if (t->kind == GT_K_OBJ && gt_dyn_unwrap(&v, &t)) return gt_val_type_name(v, t);  /* the value inside */
  if (gt_val_is_none(v, t)) return "NoneType";
  if (t->kind == GT_K_OBJ && v.p) return ((gt_obj *)v.p)->cls->name;
  if (t->kind == GT_K_NUM) return gt_num_type_name(v.i);
  return gt_type_name(t);
}

/* ---- equality and order ------------------------------------------------------ */

bool gt_val_eq(gt_val a, gt_val b, const gt_type *t) {
  if (gt_val_is_none(a, t) || gt_val_is_none(b, t)) return a.p == b.p;
  switch (t->kind) {
    case GT_K_INT: return a.i == b.i;
    case GT_K_FLOAT: return a.f == b.f;
    case GT_K_BOOL: return a.b == b.b;
    case GT_K_NONE: return true;
    case GT_K_NUM: return gt_num_cmp(a.i, b.i) == 0.0;
    case GT_K_STR: return gt_str_eq(a.p, b.p);
    case GT_K_LIST: {
      const gt_list *x = a.p, *y = b.p;
      if (x == y) return true;
      if (x->len != y->len) return false;
      for (int64_t i = 0; i < x->len; i++)
        if (!gt_val_eq(x->items[i], y->items[i], t->args[0])) return false;
      return true;
    }
    case GT_K_TUPLE: {
      const gt_tuple *x = a.p, *y = b.p;
      if (x == y) return true;
      if (x->len != y->len) return false;  /* tuple[T, ...] of two lengths */
      for (int64_t i = 0; i < x->len; i++)
        if (!gt_val_eq(x->items[i], y->items[i], x->type->args[i])) return false;
      return true;
    }
    case GT_K_DICT: return gt_dict_eq(a.p, b.p);
    case GT_K_SET: return gt_set_eq(a.p, b.p);
    default: {
      /* objects: the class's __eq__, a derived class's first as Python's
       * reflected operand, else identity as object.__eq__ (the slots check
       * that the other object is of their parameter's class) */
      const gt_obj *x = a.p, *y = b.p;
      if (x == y) return true;
      if (x && y && x->cls != y->cls && gt_is_subclass(y->cls, x->cls) && y->cls->eq) return y->cls->eq(b.p, a.p);
      if (x && y && x->cls->eq) return x->cls->eq(a.p, b.p);
      return false;
    }
  }
}

static _Noreturn void gt_fail_unordered(gt_val a, gt_val b, const gt_type *t) {
  gt_fail("TypeError: '<' not supported between instances of '%s' and '%s'",
          gt_val_type_name(a, t), gt_val_type_name(b, t));
}

/* Sequences compare at their first differing item, then by length. */
static int gt_seq_cmp(const gt_val *x, int64_t nx, const gt_val *y, int64_t ny,
                      const gt_type *const *types, bool homogeneous) {
  int64_t n = nx < ny ? nx : ny;
  for (int64_t i = 0; i < n; i++) {
    const gt_type *et = homogeneous ? types[0] : types[i];
    if (!gt_val_eq(x[i], y[i], et)) return gt_val_cmp(x[i], y[i], et);
  }
  return nx < ny ? -1 : nx > ny;
}

int gt_val_cmp(gt_val a, gt_val b, const gt_type *t) {
  if (t->kind == GT_K_OBJ) {  /* items of [1, "a"]: the values inside */
    const gt_type *ta = t, *tb = t;
    bool dyn_a = gt_dyn_unwrap(&a, &ta), dyn_b = gt_dyn_unwrap(&b, &tb);
    if (dyn_a || dyn_b) return gt_dyn_cmp(a, ta, b, tb);
  }
  if (gt_val_is_none(a, t) || gt_val_is_none(b, t)) gt_fail_unordered(a, b, t);
  switch (t->kind) {
    case GT_K_INT: return (a.i > b.i) - (a.i < b.i);
    case GT_K_FLOAT: return (a.f > b.f) - (a.f < b.f);
    case GT_K_BOOL: return (int)a.b - (int)b.b;
    case GT_K_NUM: {
      double c = gt_num_cmp(a.i, b.i);
      return (c > 0) - (c < 0);
    }
    case GT_K_STR: return gt_str_cmp(a.p, b.p);
    case GT_K_LIST: {
      const gt_list *x = a.p, *y = b.p;
      return gt_seq_cmp(x->items, x->len, y->items, y->len, t->args, true);
    }
    case GT_K_TUPLE: {
      const gt_tuple *x = a.p, *y = b.p;
      return gt_seq_cmp(x->items, x->len, y->items, y->len, x->type->args, false);
    }
    default: {
      const gt_obj *x = a.p, *y = b.p;
      /* each object's own __lt__ (of a base's class, or a derived one) */
      if (t->kind == GT_K_OBJ && x && y && x->cls->lt && y->cls->lt) {
        if (x->cls->lt(a.p, b.p)) return -1;
        return y->cls->lt(b.p, a.p) ? 1 : 0;
      }
      gt_fail_unordered(a, b, t);
    }
  }
}

/* splitmix64's finalizer: spreads consecutive ints over the table. */
static uint64_t gt_mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

/* The value inside an item of [1, "a", 2.5]: equal numbers of the three
 * types hash alike (1, 1.0, True), as Python's do. */
static uint64_t dyn_hash(gt_val v, const gt_type *t) {
  if (t->kind == GT_K_INT) return gt_mix64((uint64_t)v.i);
  if (t->kind == GT_K_BOOL) return gt_mix64(v.b);
  if (t->kind != GT_K_FLOAT) return gt_val_hash(v, t);
  bool integral = v.f >= -9.2e18 && v.f <= 9.2e18 && v.f == (double)(int64_t)v.f;  /* no NaN, no overflow */
  if (integral) return gt_mix64((uint64_t)(int64_t)v.f);
  uint64_t bits;
  memcpy(&bits, &v.f, sizeof bits);
  return gt_mix64(bits);
}

uint64_t gt_val_hash(gt_val v, const gt_type *t) {
  if (t->kind == GT_K_OBJ && gt_dyn_unwrap(&v, &t)) return dyn_hash(v, t);
  if (gt_val_is_none(v, t)) return gt_mix64(0x4e6f6e65);  /* None's, one for every None */
  switch (t->kind) {
    case GT_K_STR: return gt_str_hash(v.p);
    case GT_K_BOOL: return gt_mix64(v.b);
    case GT_K_INT: return gt_mix64((uint64_t)v.i);
    case GT_K_NUM: {  /* 3 and 3.0 are one key, as in Python */
      double f = gt_num_as_float(v.i);
      if (gt_num_is_int(v.i) || f == (double)(int64_t)f) return gt_mix64((uint64_t)(int64_t)f);
      return gt_mix64((uint64_t)v.i);
    }
    case GT_K_OBJ:  /* an object without __eq__: its identity */
      return t->nargs == -1 ? (uint64_t)gt_hash(v, t) : gt_mix64((uint64_t)(uintptr_t)v.p);
    case GT_K_TUPLE: return (uint64_t)gt_hash(v, t);
    default: gt_fail("TypeError: unhashable type: '%s'", gt_type_name(t));
  }
}

/* ---- str() and repr() -------------------------------------------------------- */

static void gt_obj_text_to(gt_sbuf *b, gt_obj *o, bool use_str) {
  if (!o) {
    gt_sbuf_puts(b, "None");
    return;
  }
  gt_str *(*fn)(gt_obj *) = o->cls->repr;
  if (use_str && o->cls->str) fn = o->cls->str;
  if (fn) {
    gt_str *s = fn(o);
    gt_sbuf_put_str(b, s);
    gt_release(s);
  } else {
    /* CPython adds the module and the address; we have neither. */
    gt_sbuf_printf(b, "<%s object>", o->cls->name);
  }
}

void gt_val_repr_to(gt_sbuf *b, gt_val v, const gt_type *t) {
  if (gt_val_is_none(v, t)) {
    gt_sbuf_puts(b, "None");
    return;
  }
  switch (t->kind) {
    case GT_K_INT: gt_sbuf_printf(b, "%lld", (long long)v.i); break;
    case GT_K_FLOAT: gt_double_to_string(b, v.f, 'r', 0, GT_DTS_ADD_DOT_0, false); break;
    case GT_K_BOOL: gt_sbuf_puts(b, v.b ? "True" : "False"); break;
    case GT_K_NONE: gt_sbuf_puts(b, "None"); break;
    case GT_K_NUM: {
      const gt_type *own;
      gt_val x = gt_num_val(v.i, &own);
      gt_val_repr_to(b, x, own);
      break;
    }
    case GT_K_STR: gt_str_repr_to(b, v.p); break;
    case GT_K_LIST: {
      const gt_list *l = v.p;
      gt_sbuf_putc(b, '[');
      for (int64_t i = 0; i < l->len; i++) {
        if (i) gt_sbuf_puts(b, ", ");
        gt_val_repr_to(b, l->items[i], t->args[0]);
      }
      gt_sbuf_putc(b, ']');
      break;
    }
    case GT_K_TUPLE: {
      const gt_tuple *tu = v.p;
      /* a named tuple's: Point(x=1, y=2); the static type's names where the
         library made the tuple (torch.max(x, 1), a return_types.max) */
      const gt_tuple_names *names = t->names ? t->names : tu->type->names;
      /* PyTorch's structseq (torch.return_types.max) puts a field a line; sys.version_info one line */
      bool lines = names && strncmp(names->name, "torch.", 6) == 0;
      if (names) gt_sbuf_puts(b, names->name);
      gt_sbuf_putc(b, '(');
      for (int64_t i = 0; i < tu->len; i++) {
        if (lines) gt_sbuf_puts(b, i ? ",\n" : "\n");
        else if (i) gt_sbuf_puts(b, ", ");
        if (names) gt_sbuf_puts(b, names->fields[i]);
        if (names) gt_sbuf_putc(b, '=');
        gt_val_repr_to(b, tu->items[i], tu->type->args[i]);  /* its own: a tuple[T, ...] has any length */
      }
      if (tu->len == 1 && !names) gt_sbuf_putc(b, ',');
      gt_sbuf_putc(b, ')');
      break;
    }
    case GT_K_DICT: gt_dict_repr_to(b, v.p); break;
    case GT_K_SET: gt_set_repr_to(b, v.p); break;
    default: gt_obj_text_to(b, v.p, false); break;
  }
}

gt_str *gt_val_repr(gt_val v, const gt_type *t) {
  if (t->kind == GT_K_BOOL) return gt_str_of_bool(v.b);
  if (t->kind == GT_K_INT) return gt_str_of_int(v.i);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_val_repr_to(&b, v, t);
  return gt_sbuf_finish(&b);
}

gt_str *gt_val_str(gt_val v, const gt_type *t) {
  if (t->kind == GT_K_STR && v.p) return gt_retain(v.p);
  if (t->kind == GT_K_OBJ) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_obj_text_to(&b, v.p, true);
    return gt_sbuf_finish(&b);
  }
  return gt_val_repr(v, t);
}

char *gt_val_repr_cstr(gt_val v, const gt_type *t) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_val_repr_to(&b, v, t);
  return gt_sbuf_finish_cstr(&b);
}

/* ---- sum, min, max ------------------------------------------------------------ */

int64_t gt_sum_int(const gt_list *l) {
  int64_t s = 0;
  for (int64_t i = 0; i < l->len; i++) s = gt_int_add(s, l->items[i].i);
  return s;
}

/* Left to right, as CPython 3.11 (3.12 compensates; 3.11 does not). */
double gt_sum_float(const gt_list *l) {
  double s = 0.0;
  for (int64_t i = 0; i < l->len; i++) s += l->items[i].f;
  return s;
}

/* 0 + n0 + n1 + ...: an int while every item is, as Python's sum. */
gt_num gt_sum_num(const gt_list *l) {
  gt_num s = gt_num_int(0);
  for (int64_t i = 0; i < l->len; i++) s = gt_num_arith('+', s, l->items[i].i);
  return s;
}

/* The first extreme item wins ties, as Python's min and max. */
static gt_val gt_extreme(const gt_list *l, int sign, const char *name) {
  if (l->len == 0) gt_fail("ValueError: %s() arg is an empty sequence", name);
  const gt_type *et = l->type->args[0];
  gt_val best = l->items[0];
  for (int64_t i = 1; i < l->len; i++)
    if (gt_val_cmp(l->items[i], best, et) * sign < 0) best = l->items[i];
  return gt_val_retain(best, et);
}

gt_val gt_min(const gt_list *l) { return gt_extreme(l, 1, "min"); }
gt_val gt_max(const gt_list *l) { return gt_extreme(l, -1, "max"); }

/* ---- any() and all() ------------------------------------------------------- */

/* bool(v) of a value of a built-in type (an object is true). */
static bool gt_val_truth(gt_val v, const gt_type *t) {
  switch (t->kind) {
    case GT_K_INT: return v.i != 0;
    case GT_K_FLOAT: return v.f != 0.0;
    case GT_K_BOOL: return v.b;
    case GT_K_NONE: return false;
    case GT_K_NUM: return gt_num_truth(v.i);
    case GT_K_STR: return ((const gt_str *)v.p)->len != 0;
    case GT_K_LIST: return ((const gt_list *)v.p)->len != 0;
    case GT_K_TUPLE: return ((const gt_tuple *)v.p)->len != 0;
    case GT_K_DICT: return gt_dict_len(v.p) != 0;
    case GT_K_SET: return gt_set_len(v.p) != 0;
    default: return v.p != NULL;
  }
}

bool gt_union_truth(const gt_dyn *u) {
  gt_val v = {.p = (void *)u};
  const gt_type *t = &gt_t_dyn;
  gt_dyn_unwrap(&v, &t);
  return gt_val_truth(v, t);
}

bool gt_list_any(const gt_list *l) {
  for (int64_t i = 0; i < l->len; i++)
    if (gt_val_truth(l->items[i], l->type->args[0])) return true;
  return false;
}

bool gt_list_all(const gt_list *l) {
  for (int64_t i = 0; i < l->len; i++)
    if (!gt_val_truth(l->items[i], l->type->args[0])) return false;
  return true;
}

/* any(g), all(g) of a generator: they take no item after the one that
 * decides, as Python's. */
static bool gt_gen_find(gt_gen *g, const gt_type *t, bool truth) {
  gt_val v;
  while (gt_gen_next(g, &v)) {
    bool k = gt_val_truth(v, t);
    gt_val_release(v, t);
    if (k == truth) return true;
  }
  return false;
}

bool gt_gen_any(gt_gen *g, const gt_type *t) { return gt_gen_find(g, t, true); }
bool gt_gen_all(gt_gen *g, const gt_type *t) { return !gt_gen_find(g, t, false); }

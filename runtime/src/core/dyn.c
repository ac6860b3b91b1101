/* dyn.c - values whose type is known only where they are made: what an
 * extern declared `-> Any` (json.loads, Tensor.tolist, a state dict's
 * item) gives where the program only prints it (`print(x.tolist())`).
 * The value keeps its own descriptor; printing, formatting, comparing
 * and hashing go to the value inside, so containers of them (a JSON
 * object's dict[str, dyn]) print as Python prints the plain values. */
#include "core_internal.h"

typedef struct gt_dyn {
  gt_obj head;
  gt_val v;
  const gt_type *t;
} gt_dyn;

static void dyn_drop(gt_obj *o) {
  gt_dyn *d = (gt_dyn *)o;
  gt_val_release(d->v, d->t);
}

static gt_str *dyn_str(gt_obj *o) { return gt_val_str(((gt_dyn *)o)->v, ((gt_dyn *)o)->t); }
static gt_str *dyn_repr(gt_obj *o) { return gt_val_repr(((gt_dyn *)o)->v, ((gt_dyn *)o)->t); }

static bool same_type(const gt_type *a, const gt_type *b) {
  if (a->kind != b->kind || a->nargs != b->nargs) return false;
  for (int32_t i = 0; i < a->nargs; i++)
    if (!same_type(a->args[i], b->args[i])) return false;
  return true;
}

static bool is_number(const gt_type *t) { return t->kind == GT_K_INT || t->kind == GT_K_FLOAT || t->kind == GT_K_BOOL; }

static double as_double(gt_val v, const gt_type *t) {
  return t->kind == GT_K_FLOAT ? v.f : t->kind == GT_K_INT ? (double)v.i : (double)v.b;
}

/* An `int | float` (gt_num) as the int, float or bool it holds. */
static const gt_type *plain_number(gt_val *v, const gt_type *t) {
  if (t->kind != GT_K_NUM) return t;
  gt_num n = v->i;
  if (gt_num_is_bool(n)) {
    v->b = gt_num_int_value(n) != 0;
    return &gt_t_bool;
  }
  if (gt_num_is_int(n)) {
    v->i = gt_num_int_value(n);
    return &gt_t_int;
  }
  v->f = gt_num_as_float(n);
  return &gt_t_float;
}

/* Python's ==: numbers by value (1 == 1.0), other values of one type as
 * that type compares them, values of two types unequal. */
static bool dyn_eq(gt_obj *a, gt_obj *b) {
  const gt_dyn *x = (const gt_dyn *)a, *y = (const gt_dyn *)b;
  gt_val xv = x->v, yv = y->v;
  const gt_type *xt = plain_number(&xv, x->t), *yt = plain_number(&yv, y->t);
  if (is_number(xt) && is_number(yt)) {
    if (xt->kind == GT_K_INT && yt->kind == GT_K_INT) return xv.i == yv.i;
    return as_double(xv, xt) == as_double(yv, yt);
  }
  return same_type(x->t, y->t) && gt_val_eq(x->v, y->v, x->t);
}

/* Python's <, for sorted() of [1, "a"]: numbers by value (an `int |
 * float` as the number it holds), other values of one type as that type
 * orders them, values of two types a TypeError. */
int gt_dyn_cmp(gt_val a, const gt_type *ta, gt_val b, const gt_type *tb) {
  ta = plain_number(&a, ta);
  tb = plain_number(&b, tb);
  if (is_number(ta) && is_number(tb)) {
    if (ta->kind == GT_K_INT && tb->kind == GT_K_INT) return (a.i > b.i) - (a.i < b.i);
    double x = as_double(a, ta), y = as_double(b, tb);
    return (x > y) - (x < y);
  }
  if (same_type(ta, tb)) return gt_val_cmp(a, b, ta);
  gt_fail("TypeError: '<' not supported between instances of '%s' and '%s'", gt_val_type_name(a, ta),
          gt_val_type_name(b, tb));
}

const gt_class gt_dyn_class = {"object", dyn_drop, dyn_str, dyn_repr, dyn_eq, NULL, NULL};
const gt_type gt_t_dyn = {GT_K_OBJ, 0, NULL, NULL};

static const gt_type *const dyn_args[] = {&gt_t_dyn};
static const gt_type *const str_dyn_args[] = {&gt_t_str, &gt_t_dyn};
const gt_type gt_t_list_dyn = {GT_K_LIST, 1, dyn_args, NULL};
const gt_type gt_t_dict_str_dyn = {GT_K_DICT, 2, str_dyn_args, NULL};

gt_val gt_dyn_new(gt_val v, const gt_type *t) {
  gt_dyn *d = gt_alloc(sizeof *d, &gt_dyn_class);
  d->v = v;
  d->t = t;
  return (gt_val){.p = d};
}

bool gt_dyn_isinstance(const gt_dyn *d, uint32_t kinds) {
  gt_val v = d->v;
  const gt_type *t = plain_number(&v, d->t);
  if (t->kind == GT_K_BOOL && (kinds & 1u << GT_K_INT)) return true;
  return t->kind < 32 && (kinds & 1u << t->kind) != 0;
}

bool gt_dyn_unwrap(gt_val *v, const gt_type **t) {
  if ((*t)->kind != GT_K_OBJ || !v->p || ((const gt_obj *)v->p)->cls != &gt_dyn_class) return false;
  const gt_dyn *d = v->p;
  *v = d->v;
  *t = d->t;
  return true;
}

const gt_type gt_t_bool_as_int = {GT_K_BOOL, 0, NULL, NULL};
const gt_type gt_t_bool_as_float = {GT_K_BOOL, 0, NULL, NULL};
const gt_type gt_t_int_as_float = {GT_K_INT, 0, NULL, NULL};

/* The member a value of descriptor t is stored as. */
static const gt_type *member_of(const gt_type *t) {
  if (t == &gt_t_bool_as_int) return &gt_t_int;
  if (t == &gt_t_bool_as_float || t == &gt_t_int_as_float) return &gt_t_float;
  return t;
}

const gt_type *gt_union_type(const gt_dyn *u) { return member_of(u->t); }

gt_val gt_union_get(const gt_dyn *u, const gt_type *member) {
  if ((member == &gt_t_bool && (u->t == &gt_t_bool_as_int || u->t == &gt_t_bool_as_float)) ||
      (member == &gt_t_int && u->t == &gt_t_int_as_float))
    return u->v;  /* True of an int | str, narrowed as the bool assigned */
  if (u->t == &gt_t_bool_as_int && member == &gt_t_int) return gt_vi(u->v.b);
  if (u->t == &gt_t_bool_as_float && member == &gt_t_float) return gt_vf(u->v.b);
  if (u->t == &gt_t_int_as_float && member == &gt_t_float) return gt_vf((double)u->v.i);
  if (u->t != member) gt_fail("TypeError: a union value holds a %s where another member was tested", gt_val_type_name(u->v, u->t));
  return u->v;
}

void *gt_union_object(const gt_dyn *u) { return u->v.p; }

gt_num gt_union_num(const gt_dyn *u) {
  switch (u->t->kind) {
  case GT_K_INT: return gt_num_int(u->v.i);
  case GT_K_BOOL: return gt_num_bool(u->v.b);
  case GT_K_FLOAT: return gt_num_float(u->v.f);
  default: gt_fail("TypeError: a union value holds a %s where a number was tested", gt_val_type_name(u->v, u->t));
  }
}

gt_dyn *gt_union_recast(gt_dyn *u, int32_t n, const gt_type *const *from, const gt_type *const *to) {
  if (!u) return NULL;
  for (int32_t i = 0; i < n; i++)
    if (u->t == from[i]) return gt_dyn_new(gt_val_retain(u->v, u->t), to[i]).p;
  return gt_retain(u);
}

/* check_iter.c - how each `for` loop and comprehension walks its
 * iterable: the Iter plan (sema.h) that reach.c and emit.c follow, and the
 * element type the targets are bound to.
 */
#include "check.h"

/* ---- iteration ------------------------------------------------------------ */

/* The element type of iterating over a value of type t, or NULL. */
Type *iter_elem(Ctx *c, Type *t) {
  switch (t->kind) {
  case TY_LIST: return t->elem;
  case TY_STR: return T(TY_STR);
  case TY_DICT: return t->key;
  case TY_SET: return t->elem;
  case TY_RANGE: return T(TY_INT);
  case TY_GENERATOR: return t->elem;
  case TY_ERROR: return t;
  case TY_ENUMERATE: {
    Type *items[2] = {T(TY_INT), iter_elem(c, t->elem)};
    return type_tuple(c->p, items, 2);
  }
  case TY_MAP: return t->elem;
  case TY_ZIP: {
    Type **items = arena_alloc(c->p->arena, t->nitems * sizeof *items);
    for (int i = 0; i < t->nitems; i++) items[i] = iter_elem(c, t->items[i]);
    return type_tuple(c->p, items, t->nitems);
  }
  case TY_VARTUPLE: return t->elem;
  case TY_TUPLE: {
    /* Only tuples of one element type can be iterated. */
    for (int i = 1; i < t->nitems; i++)
      if (t->items[i] != t->items[0]) return NULL;
    return t->nitems ? t->items[0] : NULL;
  }
  case TY_CLASS: {
    /* __iter__ gives a list, or an extern iterator whose __next__ gives the items */
    Func *it = class_method(t->cls, "__iter__");
    if (!it || it->nparams != 1) return NULL;
    if (it->ret->kind == TY_LIST || it->ret->kind == TY_GENERATOR) return it->ret->elem;
    Func *next = it->ret->kind == TY_CLASS ? class_method(it->ret->cls, "__next__") : NULL;
    return next && next->nparams == 1 && next->ret->kind != TY_NONE ? next->ret : NULL;
  }
  default: return NULL;
  }
}

/* The list[T] an instance of t iterates as (its __iter__ returns one), or NULL. */
Type *iter_as_list(const Type *t) {
  Func *it = t->kind == TY_CLASS ? class_method(t->cls, "__iter__") : NULL;
  return it && it->nparams == 1 && it->ret->kind == TY_LIST ? it->ret : NULL;
}

/* Where Python iterates an object into the values it takes (unpacking,
 * sum(), list(), `in`, a library function's list of sizes), an instance
 * of a class whose __iter__ returns a list is that list: the checked node
 * e becomes the call e.__iter__() in place, so that its parent takes a
 * list, and reach and emit see an ordinary method call. */
Type *iterate_into_list(Ctx *c, Node *e) {
  Node *obj = ast_new(c->p->arena, e->kind, e->file, e->pos, e->len);
  *obj = *e;
  obj->next = NULL;
  Node *callee = ast_new(c->p->arena, EX_ATTR, e->file, e->pos, e->len);
  callee->lhs = obj;
  callee->name = "__iter__";
  *e = (Node){.kind = EX_CALL, .pos = obj->pos, .len = obj->len, .file = obj->file, .next = e->next,
              .depth = obj->depth, .lhs = callee};
  Func *f = class_method(obj->ty->cls, "__iter__");
  CallInfo *ci = new_call(c, e, CALL_METHOD, f->nparams);
  ci->fn = f;
  ci->recv = obj;
  return set_type(e, f->ret);
}

/* The __next__ of a class of the program whose __iter__ returns an
 * iterator object (itself, usually) of a class with a .gtp __next__, which
 * raises StopIteration at the end; else NULL. */
Func *object_next(const Type *t) {
  Func *it = t->kind == TY_CLASS ? class_method(t->cls, "__iter__") : NULL;
  Func *next = it && it->nparams == 1 && it->ret->kind == TY_CLASS ? class_method(it->ret->cls, "__next__") : NULL;
  return next && !next->is_extern && next->nparams == 1 && next->ret->kind != TY_NONE ? next : NULL;
}

/* Where Python iterates an object of such a class (for, list(), sum(),
 * iter(), ...), it is the generator of its __next__'s values: the checked
 * node e becomes that generator (CALL_ITER_NEXT of the call e.__iter__())
 * in place, so that its parent takes a generator. */
Type *iterate_by_next(Ctx *c, Node *e) {
  Func *next = object_next(e->ty);
  iterate_into_list(c, e);  /* e.__iter__() */
  Node *obj = ast_new(c->p->arena, e->kind, e->file, e->pos, e->len);
  *obj = *e;
  obj->next = NULL;
  *e = (Node){.kind = EX_CALL, .pos = obj->pos, .len = obj->len, .file = obj->file, .next = e->next,
              .depth = obj->depth, .lhs = obj};
  CallInfo *ci = new_call(c, e, CALL_ITER_NEXT, 0);
  ci->fn = next;
  ci->cls = next->cls;
  ci->recv = obj;
  next->cls->next_items = true;
  /* The runtime catches the StopIteration that ends it: the frames that
   * exception leaves must release what they hold. */
  c->p->has_try = true;
  return set_type(e, type_generator(c->p, next->ret));
}

static Iter *iter_new(Ctx *c, IterKind kind, Node *x, Type *elem) {
  Iter *it = arena_alloc(c->p->arena, sizeof *it);
  it->kind = kind;
  it->expr = x;
  it->elem = elem;
  return it;
}

static int builtin_of(const Node *x) {
  const CallInfo *ci = x->kind == EX_CALL ? x->info : NULL;
  return ci && ci->kind == CALL_BUILTIN ? ci->builtin : BI_NONE;
}

/* range(stop), range(start, stop), range(start, stop, step) */
static Iter *range_plan(Ctx *c, Node *x) {
  Iter *it = iter_new(c, ITER_RANGE, x, T(TY_INT));
  Node *a[3] = {0};
  int n = 0;
  for (Node *y = x->args; y && n < 3; y = y->next) a[n++] = y;
  it->start = n >= 2 ? a[0] : NULL;
  it->stop = n >= 2 ? a[1] : a[0];
  it->step = n == 3 ? a[2] : NULL;
  return it;
}

static Iter *iter_plan(Ctx *c, Node *x);

/* enumerate(xs, start) and zip(a, b, ...): one sub-plan per iterable. */
static Iter *nested_plan(Ctx *c, Node *x, IterKind kind) {
  Iter *it = iter_new(c, kind, x, iter_elem(c, x->ty));
  int n = 0;
  for (Node *y = x->args; y; y = y->next) n += y->kind != ND_KEYWORD;
  it->subs = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *it->subs);
  for (Node *y = x->args; y; y = y->next) {
    if (y->kind == ND_KEYWORD && kind == ITER_ZIP) it->strict = y->rhs; /* zip(xs, ys, strict=True) */
    else if (y->kind == ND_KEYWORD) it->start = y->rhs;              /* enumerate(xs, start=1) */
    else if (kind == ITER_ENUMERATE && it->nsubs == 1) it->start = y; /* enumerate(xs, 1) */
    else it->subs[it->nsubs++] = iter_plan(c, y);
  }
  for (int i = 0; i < it->nsubs; i++) {
    if (!it->subs[i]) return NULL;
    if (kind == ITER_ZIP && i && builtin_of(it->subs[i]->expr) == BI_FILTER) {
      error_at(c, it->subs[i]->expr, "filter() is walked beside other iterables only as zip()'s first: "
               "put it first, or wrap it in list()");
      return NULL;
    }
  }
  return it;
}

/* A class's iteration: __iter__ gives a list, a generator (a generator
 * method: `def __iter__(self) -> Iterator[T]: yield ...`), or an extern
 * iterator. */
static Iter *class_plan(Ctx *c, Node *x, Type *elem) {
  if (object_next(x->ty)) {  /* an iterator class: the generator of its __next__ */
    iterate_by_next(c, x);
    return iter_new(c, ITER_GENERATOR, x, elem);
  }
  Func *f = class_method(x->ty->cls, "__iter__");
  if (f->ret->kind == TY_GENERATOR) {
    Iter *it = iter_new(c, ITER_GENERATOR, x, elem);
    it->iter_fn = f;
    return it;
  }
  bool list = f->ret->kind == TY_LIST;
  Iter *it = iter_new(c, list ? ITER_CLASS_LIST : ITER_NEXT, x, elem);
  it->iter_fn = f;
  if (!list) it->next_fn = class_method(f->ret->cls, "__next__");
  return it;
}

/* map(f, xs) / filter(f, xs) (checked): f applied to each item of xs,
 * walked by a plan of its own. A filter drops items as it goes, so it can
 * be walked beside other iterables only in first place. */
Iter *map_plan(Ctx *c, Node *x) {
  CallInfo *ci = x->info;
  Iter *sub = iter_plan(c, ci->args[1]);
  if (!sub) return NULL;
  Iter *it = iter_new(c, ITER_MAP, x, x->ty->elem);
  it->subs = arena_alloc(c->p->arena, sizeof *it->subs);
  it->subs[it->nsubs++] = sub;
  return it;
}

/* How to walk x (already checked), or NULL when it is not iterable. */
static Iter *iter_plan(Ctx *c, Node *x) {
  Type *elem = iter_elem(c, x->ty);
  if (!elem || is_err(x->ty)) return NULL;
  switch (x->ty->kind) {
  case TY_RANGE: return builtin_of(x) == BI_RANGE ? range_plan(c, x) : NULL;
  case TY_ENUMERATE: return builtin_of(x) == BI_ENUMERATE ? nested_plan(c, x, ITER_ENUMERATE) : NULL;
  case TY_ZIP: return builtin_of(x) == BI_ZIP ? nested_plan(c, x, ITER_ZIP) : NULL;
  case TY_MAP: return builtin_of(x) == BI_MAP || builtin_of(x) == BI_FILTER ? ((CallInfo *)x->info)->plan : NULL;
  case TY_LIST: return iter_new(c, ITER_LIST, x, elem);
  case TY_STR: return iter_new(c, ITER_STR, x, elem);
  case TY_DICT: return iter_new(c, ITER_DICT, x, elem);
  case TY_SET: return iter_new(c, ITER_SET, x, elem);
  case TY_TUPLE: case TY_VARTUPLE: return iter_new(c, ITER_TUPLE, x, elem);
  case TY_GENERATOR: return x->kind == EX_GENEXP ? NULL : iter_new(c, ITER_GENERATOR, x, elem);
  case TY_CLASS: return class_plan(c, x, elem);
  default: return NULL;
  }
}

/* f(arg), a call of a builtin's name. */
static Node *call_at(Ctx *c, const Node *at, const char *f, Node *arg) {
  Node *call = ast_new(c->p->arena, EX_CALL, at->file, at->pos, at->len);
  call->lhs = ast_name(c->p->arena, at, f);
  call->args = arg;
  call->depth = at->depth;
  return call;
}

/* `for x, y in val_set`: an object of a class with __len__ and
 * __getitem__(i) but no __iter__ (a Subset, a TensorDataset, a Dataset of
 * the program's) is walked by index, as Python's sequence protocol walks
 * it to the IndexError at its length: the checked node x becomes, in
 * place, `(seq[i] for seq in [x] for i in range(len(seq)))`, x evaluated
 * once. */
static bool walked_by_index(Ctx *c, Node *x) {
  Type *t = x->ty;
  if (t->kind != TY_CLASS || class_method(t->cls, "__iter__")) return false;
  Func *get = class_method(t->cls, "__getitem__"), *len = class_method(t->cls, "__len__");
  if (!get || get->nparams != 2 || get->params[1].ty->kind != TY_INT || !len || len->nparams != 1) return false;
  Arena *a = c->p->arena;
  Node *outer = comp_over_one(c, ast_copy(a, x), "seq");
  Node *inner = ast_new(a, ND_COMP, x->file, x->pos, x->len);
  inner->lhs = ast_name(a, x, "i");
  inner->rhs = call_at(c, x, "range", call_at(c, x, "len", ast_name(a, x, "seq")));
  outer->next = inner;
  Node *item = ast_new(a, EX_INDEX, x->file, x->pos, x->len);
  item->lhs = ast_name(a, x, "seq");
  item->rhs = ast_name(a, x, "i");
  item->depth = x->depth;
  Node *after = x->next;
  *x = (Node){.kind = EX_GENEXP, .file = x->file, .pos = x->pos, .len = x->len, .depth = x->depth, .next = after,
              .lhs = item, .comps = outer};
  return true;
}

/* The plan of a loop's or comprehension's iterable, with the error when
 * there is none; the element type to bind (TY_ERROR after an error).
 * expect: the list type the loop's target wants of a call (`for r in
 * x.tolist():` after `r: list[float]`), which a `-> Any` result takes;
 * else NULL. */
Type *plan_loop(Ctx *c, Node *owner, Node *iterable, Type *expect) {
  Type *it = not_none(c, iterable, check_expr(c, iterable, iterable->kind == EX_CALL ? expect : NULL));
  if (walked_by_index(c, iterable)) it = check_expr(c, iterable, NULL);
  it = enum_members(c, iterable, it);
  Iter *plan = iter_plan(c, iterable);
  owner->info = plan;
  if (plan) return plan->elem;
  if (is_err(it)) return it;
  if (has_error(it)) return T(TY_ERROR);  /* enumerate(loader) of an unannotated parameter: reported */
  if (iter_elem(c, it))  /* range, enumerate or zip kept in a variable */
    return error_at(c, iterable, "iterate over %s() where it is called (or wrap it in list())", tn(c, it));
  return error_at(c, iterable, "cannot iterate over a value of type %s", tn(c, it));
}

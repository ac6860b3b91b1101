/* check_stmt.c - statements: assignment (and the targets it binds),
 * augmented assignment, field declarations, conditions, loops, return,
 * with, and blocks.
 */
#include "check.h"

/* ---- assignment targets ---------------------------------------------------- */

/* Binding v of a name takes a value of type ty: its first value gives it
 * its type (None until a T comes, for a name that is also assigned None:
 * Sym.none_assigned); a tensor of another dtype kind makes its dtype kind
 * unknown from here on. (A read above that runs again after this, in a
 * loop, keeps the kind it was checked with; the runtime's check of .item()
 * stops such a program loudly.) */
static void take_type(Ctx *c, Node *t, Sym *v, Type *ty) {
  if (!v->ty || v->ty->kind == TY_NONE) {
    if (ty->kind == TY_NONE && !v->none_assigned) {
      error_at(c, t, "'%s' cannot be a None variable; give it a type", t->name);
      ty = T(TY_ERROR);
    } else if (ty->kind == TY_BUILTIN || ty->kind == TY_FUNC) {  /* kept: a call through the name types it in the next run */
      const char *proposed = ty->kind == TY_FUNC ? tn(c, required_callable(c, ty->fn)) : "Callable[[int, int], int] = max";
      error_at(c, t, "a %s function stored in a variable takes the type its first call gives it; nothing calls "
               "'%s' with positional arguments: annotate it (%s: %s)", ty->kind == TY_BUILTIN ? "builtin" : "library",
               t->name, t->name, proposed);
    } else if (!truthy(ty) && !is_err(ty)) {
      error_at(c, t, "a %s cannot be stored in a variable", tn(c, ty));
      ty = T(TY_ERROR);
    }
    bool optional = v->none_assigned || (v == flow_base(v) && flow_optional(c, v));
    Type *learnt = ty->kind == TY_NONE && v == flow_base(v) ? flow_none_type(c, v) : NULL;
    v->ty = learnt ? learnt : optional && !is_err(ty) ? type_optional(c->p, ty) : ty;
  } else if (v->ty->kind == TY_CLASS && ty->kind == TY_CLASS && v->ty->cls == ty->cls && v->ty->dtype != ty->dtype) {
    v->ty = type_plain(c->p, v->ty);  /* x = x.long() */
  }
}

static bool is_variable(const Sym *y) {
  return y->kind == SYM_LOCAL || y->kind == SYM_PARAM || y->kind == SYM_GLOBAL;
}

/* A name assigned a value: the binding that takes it (another version of
 * the name where the value's type is another, check_flow.c) holds it from
 * here on. */
static void bind_name(Ctx *c, Node *t, Type *ty) {
  Sym *y = find_name(c, t->name);
  if (!y) {
    error_at(c, t, "cannot assign to '%s' here", t->name);
    return;
  }
  if (y->kind != SYM_GLOBAL && captured_write(c, t, y, ty)) return;  /* nonlocal x: the function around's */
  t->sym = y;
  if (!is_variable(y)) {
    error_at(c, t, "cannot assign to '%s': it is not a variable", t->name);
    return;
  }
  Type *vt = ty;
  Sym *v = flow_binding(c, t, y, &vt);
  if (!v) {
    Sym *cur = flow_current(c, y);
    if (y->annotated)
      error_at(c, t, "'%s' is declared %s: it cannot take %s", t->name, tn(c, (cur ? cur : y)->ty), a_type(c, ty));
    else
      error_at(c, t, "variable '%s' changes type from %s to %s", t->name, tn(c, (cur ? cur : y)->ty), tn(c, ty));
    t->ty = T(TY_ERROR);
    return;
  }
  t->sym = v;
  take_type(c, t, v, vt);
  t->ty = v->ty;
  flow_assigned(c, y, v, vt);
}

/* The starred target of tuple target t (`first, *rest = xs`), or NULL;
 * a second one is CPython's SyntaxError, here a compile error. */
static Node *starred_target(Ctx *c, Node *t) {
  Node *star = NULL;
  for (Node *x = t->elts; x; x = x->next)
    if (x->kind == EX_STARRED) {
      if (star) error_at(c, x, "multiple starred expressions in assignment");
      else star = x;
    }
  return star;
}

/* The list a starred target takes from a tuple of type ty: the items
 * between those the targets before it and after it take, of their common
 * type (a pending list where there are none). */
static Type *starred_items(Ctx *c, Node *star, Type *ty, int before, int after) {
  Type *elem = NULL;
  for (int i = before; i < ty->nitems - after; i++) {
    Type *u = elem ? unify(elem, ty->items[i]) : ty->items[i];
    if (!u)
      return error_at(c, star, "the items a starred target takes must have one type: %s and %s", tn(c, elem),
                      tn(c, ty->items[i]));
    elem = u;
  }
  return elem ? type_list(c->p, elem) : pending(c, star, TY_LIST);
}

/* first, *rest = xs: the targets before and after the starred one take
 * one item each, the starred one a list of the items between (CPython's
 * unpack_iterable); a list's or tuple[T, ...]'s length is checked where it
 * runs, a fixed tuple's here. */
static void bind_starred(Ctx *c, Node *t, Node *star, Type *ty) {
  int n = ast_count(t->elts), before = 0;
  for (Node *x = t->elts; x != star; x = x->next) before++;
  int after = n - before - 1;
  Type *rest = T(TY_ERROR);
  if (ty->kind == TY_TUPLE && ty->nitems < n - 1) {
    error_at(c, t, "not enough values to unpack (expected at least %d, got %d)", n - 1, ty->nitems);
    ty = T(TY_ERROR);
  } else if (ty->kind == TY_TUPLE) {
    rest = starred_items(c, star, ty, before, after);
  } else if (ty->kind == TY_LIST || ty->kind == TY_VARTUPLE) {
    rest = type_list(c->p, ty->elem);
  } else if (!is_err(ty)) {
    error_at(c, t, "cannot unpack a value of type %s into a starred target; only tuples and lists unpack", tn(c, ty));
    ty = T(TY_ERROR);
  }
  int i = 0;
  for (Node *x = t->elts; x; x = x->next, i++) {
    if (x == star) bind_target(c, x->lhs, rest);
    else if (x->kind == EX_STARRED) bind_target(c, x->lhs, T(TY_ERROR));  /* a second one: reported */
    else if (ty->kind == TY_TUPLE) bind_target(c, x, tuple_item(c->p, ty, i < before ? i : ty->nitems - (n - i)));
    else bind_target(c, x, is_err(ty) ? ty : ty->elem);
  }
  star->ty = star->lhs->ty;
  t->ty = ty;
}

static void bind_tuple(Ctx *c, Node *t, Type *ty) {
  int n = ast_count(t->elts);
  Node *star = starred_target(c, t);
  if (star) {
    bind_starred(c, t, star, ty);
    return;
  }
  if (is_err(ty)) {
    for (Node *x = t->elts; x; x = x->next) bind_target(c, x, ty);
    return;
  }
  if (ty->kind == TY_TUPLE) {
    if (ty->nitems != n) {
      error_at(c, t, "cannot unpack a tuple of %d values into %d targets", ty->nitems, n);
      bind_tuple(c, t, T(TY_ERROR));  /* the targets stay usable: no cascade */
      return;
    }
    int i = 0;
    for (Node *x = t->elts; x; x = x->next, i++) bind_target(c, x, tuple_item(c->p, ty, i));
  } else if (ty->kind == TY_LIST || ty->kind == TY_VARTUPLE) {  /* a, b = x.chunk(2): its length is checked where it runs */
    for (Node *x = t->elts; x; x = x->next) bind_target(c, x, ty->elem);
  } else if (iter_as_list(ty)) {  /* check_assign's case, n, c = x.shape, is a list by now */
    error_at(c, t, "a %s unpacks only where it is assigned ('a, b = value'), not here", tn(c, ty));
    bind_tuple(c, t, T(TY_ERROR));
    return;
  } else {
    error_at(c, t, "cannot unpack a value of type %s; only tuples and lists unpack", tn(c, ty));
    bind_tuple(c, t, T(TY_ERROR));
    return;
  }
  t->ty = ty;
}

/* A field of a frozen class (a class transform's frozen=True) is set by
 * the __init__ the transform wrote alone: assigning it elsewhere is
 * CPython's FrozenInstanceError, found here before the program runs. */
static void check_not_frozen(Ctx *c, Node *t) {
  ClassInfo *k = t->lhs->ty && t->lhs->ty->kind == TY_CLASS ? t->lhs->ty->cls : NULL;
  if (k && k->frozen && !(c->fn && c->fn->written && c->fn == k->init) && k->protocol == PROTO_ENUM)
    error_at(c, t, "cannot assign to '%s' of an Enum member: %s's members are constants", t->name, k->name);
  else if (k && k->frozen && !(c->fn && c->fn->written && c->fn == k->init))
    error_at(c, t, "cannot assign to field '%s': %s is frozen (frozen=True), its fields are set by its __init__ "
             "alone", t->name, k->name);
}

/* A settable property of an extern class type takes None too, which its
 * setter receives as NULL: its getter gives None where C returns NULL, so
 * `w.grad = None` then `w.grad is None`, as in PyTorch. */
static bool property_takes(const Type *ft, const Type *ty) {
  return assignable(ft, ty) || (ty->kind == TY_NONE && ft->kind == TY_CLASS && ft->cls->is_extern);
}

/* Is class attribute t (obj.attr, Class.attr) assigned where Python would
 * make another attribute: one of the object, or of a derived class it is
 * assigned through? Either would hide the one this program reads. */
static bool class_attr_store_refused(Ctx *c, Node *t) {
  Type *ot = t->sym ? t->lhs->ty : NULL;
  if (ot && ot->kind == TY_CLASS) {  /* Python would make an instance attribute */
    error_at(c, t, "'%s' is a class attribute: assign it through the class (%s.%s = ...), or make it a field in "
             "__init__", t->name, t->sym->cls->name, t->name);
    return true;
  }
  ClassInfo *via = ot && ot->kind == TY_CLASSREF ? ot->cls : NULL;
  if (via && t->sym->cls && via != t->sym->cls) {  /* Python would give `via` an attribute of its own */
    error_at(c, t, "'%s' is a class attribute of %s, which %s derives: assigning it through %s would give %s one "
             "of its own, which is not in the language yet (assign %s.%s, or define '%s = ...' in %s)", t->name,
             t->sym->cls->name, via->name, via->name, via->name, t->sym->cls->name, t->name, t->name, via->name);
    return true;
  }
  return false;
}

/* The union a parameter of the union __init__ being checked is declared
 * (`int | tuple[int, int]`, or an Optional of one), where the instance's
 * parameter is of type t; else NULL. (A container of a union, `list[A |
 * B]`, is not: the instance a method's check makes before any call,
 * check_generic.c default_union_init, holds a list of one member.) */
static Type *union_param_declared(Ctx *c, Type *t) {
  Func *f = c->fn, *g = f->generic_of;
  for (int i = 0; i < f->nparams && i < g->nparams; i++) {
    const Type *d = g->params[i].ty;
    if (d->kind == TY_OPTIONAL) d = d->elem;
    if (f->params[i].ty == t && d->kind == TY_TYPEVAR && d->nitems) return type_union_values(c->p, g->params[i].ty);
  }
  return NULL;
}

/* Assignment targets: names, tuples of targets, fields, items. */
void bind_target(Ctx *c, Node *t, Type *ty) {
  switch (t->kind) {
  case EX_NAME: bind_name(c, t, ty); return;
  case EX_TUPLE:
  case EX_LIST: bind_tuple(c, t, ty); return;
  case EX_ATTR: {
    Type *ft = t->ty ? t->ty : check_attr(c, t);
    if (class_attr_store_refused(c, t)) return;
    if (t->flags & ATTR_CLASS) {  /* Python changes the object's class: no static type would hold */
      error_at(c, t, "cannot assign to __class__: an object's class is the one it was made of");
      return;
    }
    if (t->flags & ATTR_TUPLE_FIELD) {  /* CPython's AttributeError: a tuple's items are fixed */
      error_at(c, t, "cannot assign to field '%s': a named tuple's fields are set where it is made", t->name);
      return;
    }
    if ((t->flags & ATTR_PROPERTY) && !((Func *)t->info)->setter) {
      error_at(c, t, "'%s' of %s can be read but not set", t->name, tn(c, t->lhs->ty));
      return;
    }
    bool field = !(t->flags & (ATTR_PROPERTY | ATTR_BOUND)) && t->info && t->lhs->ty && t->lhs->ty->kind == TY_CLASS;
    if (field) ft = t->ty = type_settled(((Field *)t->info)->ty);  /* the field's own type, not its narrowing */
    if (field && ((Field *)t->info)->annotated) field_first_stored(c, t->info);
    if (t->flags & ATTR_PROPERTY) {
      if (!property_takes(ft, ty)) error_at(c, t, "'%s' has type %s, cannot assign %s", t->name, tn(c, ft), tn(c, ty));
    } else if (!assignable(ft, ty)) {
      const ClassInfo *both = common_base(ft, ty);
      /* an instance of a union __init__ storing a parameter of its own member */
      bool instance = !both && c->fn && c->fn->generic_of && in_init_of(c, c->fn->cls);
      Type *declared = instance && field ? union_param_declared(c, ty) : NULL;
      if (declared && field_union_learn(c, c->fn->cls, t->name, declared)) return;  /* the next run's */
      Field *fd = field ? t->info : NULL;
      bool to_float = fd && !fd->annotated && ft->kind == TY_INT && ty->kind == TY_FLOAT;
      if (to_float && field_float_learn(c, t->lhs->ty->cls, t->name)) return;  /* the next run's */
      error_at(c, t, "field '%s' has type %s, cannot assign %s%s%s%s%s%s", t->name, tn(c, ft), tn(c, ty),
               both ? ": to hold both, annotate the field where __init__ first assigns it (self." : "",
               both ? t->name : "", both ? ": " : "", both ? arena_printf(c->p->arena, "%s = ...)", both->name) : "",
               instance ? " (a field has one type whichever member of a union parameter a call gives: convert it "
                          "first)" : "");
    }
    if (!(t->flags & ATTR_PROPERTY) && t->info) {
      check_not_frozen(c, t);
      field_stored(c, t, t->info, ty);
    }
    return;
  }
  case EX_INDEX: {
    Type *ot = t->lhs->ty ? t->lhs->ty : check_expr(c, t->lhs, NULL);
    if (refuse_vars_store(c, t->lhs, "a store into")) return;  /* vars(args)["lr"] = 0.1 */
    if (is_err(ot)) flow_instance_index(c, t, ty);  /* od["a"] = 1 of `od = OrderedDict()`: K and V */
    if (ot->kind == TY_CLASS) {   /* x[i] = v: x.__setitem__(i, v) */
      t->info = class_subscript(c, t, ot, "__setitem__", ty);
      if (ot->cls->protocol == PROTO_ANY_DICT) state_key_stored(c, t->rhs, ty);  /* ckpt["epoch"] = epoch */
      t->ty = T(TY_NONE);
      return;
    }
    Type *it = t->ty ? t->ty : check_index(c, t, true);
    Type *dict = type_settled(t->lhs->ty);
    Type *key = t->rhs->ty ? type_settled(t->rhs->ty) : NULL;
    if (dict->kind == TY_DICT && dict->pending && key && key->kind == TY_CLASS && !class_hashable(key->cls) &&
        !key->cls->is_extern)
      key = unhashable_class(c, t->rhs, key->cls, "a dict's key");
    if (dict->kind == TY_DICT && dict->pending && key)  /* seen = {} then seen[k] = v */
      settle(dict, type_dict(c->p, key, ty));
    if (it->kind == TY_UNKNOWN && dict->kind == TY_DICT)  /* settled since the target was typed */
      it = t->ty = type_settled(dict)->elem;
    /* `d = {"a": 1}` then `d["b"] = 0.5` (`xs[0] = 0.5`): Python's holds both kinds, as after
       d.update(...): the name holds int | float numbers (flow_widen; this error goes with the next run) */
    if (flow_widens(dict) && type_is_number(ty) && !assignable(dict->elem, ty)) flow_widen(c, t->lhs, dict);
    if (!assignable(it, ty))
      error_at(c, t, "cannot store %s into an item of type %s", tn(c, ty), tn(c, it));
    return;
  }
  default: error_at(c, t, "cannot assign to this expression");
  }
}

/* ---- statements ------------------------------------------------------------ */

static Type *expr_for_target(Ctx *c, Node *target, Node *value) {
  /* An already-typed target guides the value: xs = [] after xs: list[int]. */
  Type *expect = NULL;
  if (target->kind == EX_NAME) {  /* a name that may be rebound takes the value's own type */
    Sym *y = find_name(c, target->name);
    Sym *cur = y && !flow_may_rebind(c, y) ? flow_current(c, y) : NULL;
    if (cur) expect = cur->ty;
    else if (y) expect = flow_widened(c, y);  /* `d = {"n": 1}` later given numbers: of numbers */
    if (y && !cur && !expect) expect = flow_builtin_learnt(c, y);  /* `f = max` that `f(2, 5)` types */
    if (y && !cur && !expect && value->kind == EX_LAMBDA && !y->annotated) {  /* that `f(2)` types */
      expect = flow_lambda_learnt(c, y);
      if (!expect) c->untyped_lambda = value;
    }
    if (y && !cur && !expect && !y->annotated) {  /* `q = deque()` that `q.append(x)` types */
      expect = flow_instance_learnt(c, y);
      c->assigned = value;
      c->assigned_to = y;
    }
  } else if (target->kind == EX_ATTR) {
    Type *declared = assigned_field(c, target, value);  /* args.cuda = ... */
    if (declared) return declared;
    declared = late_field_store(c, target, value);  /* self.start = ... in __enter__ */
    if (declared) return declared;
    expect = check_attr(c, target);
  } else if (target->kind == EX_INDEX) {
    Type *ot = check_expr(c, target->lhs, NULL);
    if (ot->kind != TY_CLASS) expect = check_index(c, target, true);
  }
  Type *t = check_expr(c, value, expect);
  c->assigned = NULL;
  c->assigned_to = NULL;
  c->untyped_lambda = NULL;
  return t;
}

static bool is_unpacking(const Node *target) { return target->kind == EX_TUPLE || target->kind == EX_LIST; }

/* `correct = 0` where the name holds tensors (a loop's `correct += (p ==
 * y).sum()` made its number meet a tensor; check_flow.c): the value is made
 * a tensor by the tensor class's from_number function, a 0-dim tensor that
 * arithmetic and printing treat as the number it was, so `0 + t` keeps t's
 * dtype and `print(correct)` shows 0 before the loop adds to it. */
static Type *number_as_tensor(Ctx *c, Node *st, Type *t) {
  Node *v = st->rhs;
  if (st->lhs->kind != EX_NAME || st->lhs->next || !type_is_number(t)) return t;
  Sym *y = find_name(c, st->lhs->name);
  if (!y || !is_variable(y) || !flow_holds_tensors(c, flow_base(y))) return t;
  ClassInfo *k = protocol_class(c->p, PROTO_TENSOR);
  Sym *f = k && k->from_number ? scope_find(&k->mod->globals, k->from_number) : NULL;
  if (!f || f->kind != SYM_FUNC || f->fn->nparams != 1) return t;
  Node *call = made_call(c, v, CALL_FUNC, f->fn, f->fn->ret);
  call->args = v;
  ((CallInfo *)call->info)->args[0] = v;
  st->rhs = call;
  return call->ty;
}

static bool is_value_return(const Node *st) { return st->kind == ST_RETURN && st->rhs; }

/* out = model(x) where the def called has no `-> T` but returns a value
 * (a forward() written without annotations): the def's missing result
 * type is the cause, not the variable. */
static Type *unannotated_result(Ctx *c, Node *rhs, Type *t) {
  const CallInfo *ci = rhs->kind == EX_CALL ? rhs->info : NULL;
  const Func *f = ci && t->kind == TY_NONE ? ci->fn : NULL;
  Node *ret = f && !f->is_extern && f->decl && f->ret->kind == TY_NONE ? ast_find_stmt(f->decl->body, is_value_return) : NULL;
  if (!ret) return t;
  return error_at(c, rhs, "%s() returns a value (line %d) but its def declares no return type: add '-> T' to "
                  "the def (and types to its parameters)", f->qname, line_of(ret));
}

/* A callee evaluated again gives the same function: a name or a.b.c. */
static bool plain_callee(const Node *f) {
  return f->kind == EX_NAME || (f->kind == EX_ATTR && plain_callee(f->lhs));
}

/* a, b = map(f, (x, y)): unpacking pulls every item of the map, so the
 * value is the tuple display (f(x), f(y)), each call its own form
 * (nn_tutorial's `x_train, y_train = map(torch.tensor, (x_train,
 * y_train))`, a float list and an int list). */
static void map_unrolled(Ctx *c, Node *st) {
  Node *call = st->rhs, *f = call->kind == EX_CALL ? call->args : NULL;
  if (!is_unpacking(st->lhs) || st->lhs->next || !f || call->lhs->kind != EX_NAME || f->kind == ND_KEYWORD ||
      !plain_callee(f) || !f->next || f->next->next || f->next->kind != EX_TUPLE)
    return;
  if (find_name(c, call->lhs->name) || builtin_lookup(call->lhs->name) != BI_MAP) return;  /* the builtin map */
  const Node *base = f;
  while (base->kind == EX_ATTR) base = base->lhs;
  if (base != f && !find_name(c, base->name) && builtin_lookup(base->name) != BI_NONE) return;  /* str.upper: no call */
  for (Node *x = f->next->elts; x; x = x->next)
    if (x->kind == EX_STARRED) return;
  Node *tuple = ast_new(c->p->arena, EX_TUPLE, call->file, call->pos, call->len), **tail = &tuple->elts;
  for (Node *x = f->next->elts, *next; x; x = next) {
    next = x->next;
    Node *one = ast_new(c->p->arena, EX_CALL, x->file, x->pos, x->len);
    one->lhs = ast_copy(c->p->arena, f);
    one->args = x;
    x->next = NULL;
    *tail = one;
    tail = &one->next;
  }
  st->rhs = tuple;
}

static void check_assign(Ctx *c, Node *st) {
  map_unrolled(c, st);
  Type *t = number_as_tensor(c, st, expr_for_target(c, st->lhs, st->rhs));
  t = unannotated_result(c, st->rhs, t);
  /* n, c, h, w = x.shape: an object unpacks as the list its class iterates as */
  if (is_unpacking(st->lhs) && !st->lhs->next && iter_as_list(t)) t = iterate_into_list(c, st->rhs);
  /* a, b = map(torch.tensor, (xs, ys)): unpacking pulls every item, as list() does */
  if (is_unpacking(st->lhs) && !st->lhs->next) t = taken_whole(c, st->rhs, t);
  bind_target(c, st->lhs, t);
  for (Node *x = st->lhs->next; x; x = x->next) bind_target(c, x, t);
}

/* self.x: T = v in __init__ declares a field; x: T = v declares a variable. */
static void check_annassign(Ctx *c, Node *st) {
  /* a global's annotation was resolved (and its errors reported) before the top-level code */
  Type *want = st->ann->ty ? st->ann->ty : body_annotation(c, st->ann);
  Node *t = st->lhs;
  if (t->kind == EX_ATTR && t->lhs->kind == EX_NAME && c->fn && c->fn->cls &&
      in_init_of(c, c->fn->cls) && strcmp(t->lhs->name, c->fn->params[0].name) == 0 &&
      !find_field(c->fn->cls, t->name))
    add_field(c, c->fn->cls, t, want);
  else if (t->kind == EX_NAME) {
    Sym *y = find_name(c, t->name);
    Sym *cur = y ? flow_current(c, y) : NULL;
    bool declares = y && (y->kind == SYM_LOCAL || y->kind == SYM_GLOBAL);
    if (declares) y->annotated = true;  /* its one type from here on */
    if (declares && !y->ty) y->ty = want;
    else if (cur && cur->ty && cur->ty != want)
      error_at(c, t, "variable '%s' changes type from %s to %s", t->name, tn(c, cur->ty), tn(c, want));
  }
  if (!st->rhs) {
    if (t->kind == EX_NAME) error_at(c, st, "'%s' needs a value: '%s: T = value'", t->name, t->name);
    return;
  }
  Type *v = check_expr(c, st->rhs, want);
  if (!assignable(want, v)) error_at(c, st->rhs, "cannot assign %s to '%s' of type %s", tn(c, v), t->kind == EX_NAME ? t->name : t->kind == EX_ATTR ? t->name : "item", tn(c, want));
  /* `self.net: nn.Module = resnet18()`: the field reads as the ResNet until it changes */
  bool derived = t->kind == EX_ATTR && want->kind == TY_CLASS && v->kind == TY_CLASS && assignable(want, v);
  /* `x: int | str = 3`: x holds an int until it is assigned again (check_flow.c flow_assigned) */
  Type *u = want->kind == TY_OPTIONAL ? want->elem : want;
  bool member = t->kind == EX_NAME && u->kind == TY_UNION && v->kind != TY_UNION && v->kind != TY_NONE &&
                v->kind != TY_OPTIONAL && assignable(want, v);
  bind_target(c, t, derived || member ? v : want);
}

/* In __init__, `self.x = v` with a new name declares a field of v's type. */
static bool declares_field(Ctx *c, Node *t) {
  return t->kind == EX_ATTR && t->lhs->kind == EX_NAME && c->fn && c->fn->cls &&
         in_init_of(c, c->fn->cls) && strcmp(t->lhs->name, c->fn->params[0].name) == 0 &&
         !find_field(c->fn->cls, t->name);
}

/* Is value a call of a def that returns a value but declares no return
 * type (`self.layer1 = self._make_layer(64)`)? Its None is that def's
 * fault: the field needs no Optional. */
static bool call_of_unannotated(const Node *value) {
  const CallInfo *ci = value->kind == EX_CALL ? value->info : NULL;
  const Func *f = ci ? ci->fn : NULL;
  return f && !f->is_extern && f->decl && f->decl->kind == ST_FUNCDEF && !f->decl->ann && holds_return(f->decl->body, true);
}

/* Declares field `target` (self.name) of the type t of value. */
static void declare_field(Ctx *c, Node *target, Node *value, Type *t) {
  bool none = t->kind == TY_NONE;
  const CallInfo *ci = none && call_of_unannotated(value) ? value->info : NULL;
  if (ci) {
    error_at(c, target, "field '%s' would be None: %s() returns a value but declares no return type (its "
             "'return' says which)", target->name, ci->fn->qname);
    t = T(TY_ERROR);
    none = false;
  } else if (none) {  /* a later store of a T types it in the next run, where this error is not */
    error_at(c, target, "field '%s' is only ever None; annotate it: 'self.%s: Optional[T] = None'", target->name,
             target->name);
    t = T(TY_ERROR);
  } else if (!truthy(t) && !is_err(t)) {
    error_at(c, value, "a %s cannot be stored in a field", tn(c, t));
    t = T(TY_ERROR);
  }
  add_field(c, c->fn->cls, target, t)->none_only = none;
}

/* Is t a union, an int | float or an Optional of one: what a field of a
 * union __init__ learns to hold (check_flow.c field_union_learn)? */
static bool holds_members(const Type *t) {
  if (t && t->kind == TY_OPTIONAL) t = t->elem;
  return t && (t->kind == TY_UNION || t->kind == TY_NUMBER);
}

/* Is a value of type t one of union u's (an int | float one of int |
 * float | str's)? */
static bool adds_no_member(Ctx *c, Type *u, Type *t) {
  Type *both[] = {u, t};
  return !is_err(t) && type_union(c->p, both, 2) == u;
}

static void check_field_decl(Ctx *c, Node *st) {
  /* `self.counts = Counter()`: the instance its uses told an earlier run */
  Type *expect = field_instance_learnt(c, c->fn->cls, st->lhs->name);
  c->assigned = st->rhs;
  c->assigned_field = st->lhs;
  Type *t = check_expr(c, st->rhs, expect);
  c->assigned = NULL;
  c->assigned_field = NULL;
  if (t->kind == TY_NONE && expect && expect->kind == TY_OPTIONAL) t = expect;  /* `self.best = None`, stored later */
  if (holds_members(expect) && adds_no_member(c, expect, t)) t = expect;  /* a union __init__'s parameter */
  if (expect && expect->kind == TY_FLOAT && t->kind == TY_INT) t = expect;  /* `self.avg = 0`, later a float */
  declare_field(c, st->lhs, st->rhs, t);
  Field *f = find_field(c->fn->cls, st->lhs->name);
  if (f && t->pending && !type_known(t)) f->empty = true;  /* its type learnt for the next run, where needed */
  check_expr(c, st->lhs, NULL);
}

/* `self.w, self.h = w, h` in __init__: fields none of which exists yet
 * (so the values cannot read them), of a tuple display's items. */
static bool declares_fields(Ctx *c, Node *st) {
  Node *t = st->lhs;
  if (t->next || (t->kind != EX_TUPLE && t->kind != EX_LIST) || st->rhs->kind != EX_TUPLE ||
      ast_count(t->elts) != ast_count(st->rhs->elts))
    return false;
  for (Node *x = t->elts; x; x = x->next)
    if (!declares_field(c, x)) return false;
  return true;
}

/* Each field declared by its value's type, then the tuple stored as any. */
static void check_fields_decl(Ctx *c, Node *st) {
  Type *t = check_expr(c, st->rhs, NULL);
  Node *v = st->rhs->elts;
  for (Node *x = st->lhs->elts; x && v; x = x->next, v = v->next)
    declare_field(c, x, v, is_err(t) ? t : v->ty);
  bind_target(c, st->lhs, t);
}

/* x op= v with a class operand: x.__iop__(v) where the class has it (a
 * tensor is updated in place, as in PyTorch), else x op v; the EX_BINOP
 * that computes the new value goes in st->cond. */
static Type *class_augassign(Ctx *c, Node *st, Type *tt, Type *vt) {
  Node *bin = ast_new(c->p->arena, EX_BINOP, st->file, st->pos, st->len);
  bin->op = st->op;
  bin->lhs = st->lhs;
  bin->rhs = st->rhs;
  st->cond = bin;
  const char *plain = operator_dunder(st->op, false);
  Func *inplace = NULL;
  if (is_class(tt) && plain) {
    const char *name = arena_printf(c->p->arena, "__i%s", plain + 2);
    Func *head = class_method(tt->cls, name);
    if (head && head->ntvars) inplace = operator_instance(c, st, head, vt);  /* __iadd__(self, o: Vec | float) */
    else inplace = head ? pick_by_types(head, 1, &vt, 1, NULL) : NULL;
  }
  if (inplace) {
    CallInfo *ci = new_call(c, bin, CALL_METHOD, inplace->nparams);
    ci->fn = inplace;
    ci->recv = st->lhs;
    ci->args[1] = st->rhs;
    return set_type(bin, inplace->returns_self ? tt : inplace->ret);
  }
  Type *r = operator_call(c, bin, st->op, st->lhs, st->rhs);
  if (r) return r;
  return error_at(c, st, "unsupported operand types for %s=: %s and %s", ast_op_text(st->op), tn(c, tt), tn(c, vt));
}

/* x op= v whose result is of another type than x (an int total that
 * `total += loss.item()` makes a float): the result binds the name's
 * version of that type, st->sym (the read is st->lhs->sym). */
static bool rebind_augassign(Ctx *c, Node *st, Type *r) {
  Node *t = st->lhs;
  if (t->kind != EX_NAME || !t->sym || is_err(r) || !is_variable(t->sym)) return false;
  Sym *y = flow_base(t->sym);
  Type *vt = r;
  Sym *v = flow_binding(c, t, y, &vt);
  if (!v || v == t->sym) return false;
  take_type(c, t, v, vt);
  st->sym = v;
  flow_assigned(c, y, v, vt);
  return true;
}

static void check_augassign(Ctx *c, Node *st) {
  Type *tt = check_expr(c, st->lhs, NULL);
  /* `layers += [nn.MaxPool2d(2)]` of a list[nn.Module]: the display is one of the target's items */
  Type *vt = check_expr(c, st->rhs, st->op == OP_ADD && tt->kind == TY_LIST && type_known(tt) ? tt : NULL);
  if (st->lhs->kind == EX_NAME && st->lhs->sym && st->lhs->sym->kind != SYM_LOCAL &&
      st->lhs->sym->kind != SYM_PARAM && st->lhs->sym->kind != SYM_GLOBAL)
    error_at(c, st->lhs, "cannot assign to '%s'", st->lhs->name);
  if (st->lhs->kind != EX_NAME && st->lhs->kind != EX_ATTR && st->lhs->kind != EX_INDEX) {
    error_at(c, st->lhs, "illegal target for augmented assignment");
    return;
  }
  Type *whole = st->lhs->kind == EX_INDEX ? st->lhs->lhs->ty : NULL;
  if (whole && (whole->kind == TY_STR || whole->kind == TY_TUPLE || whole->kind == TY_VARTUPLE)) {
    error_at(c, st->lhs, "%s is immutable: its items cannot be assigned", whole->kind == TY_STR ? "str" : "tuple");
    return;
  }
  if (st->lhs->flags & ATTR_TUPLE_FIELD) {  /* CPython's AttributeError */
    error_at(c, st->lhs, "cannot assign to field '%s': a named tuple's fields are set where it is made",
             st->lhs->name);
    return;
  }
  if (st->lhs->kind == EX_ATTR && class_attr_store_refused(c, st->lhs)) return;
  Type *r;
  if (is_class(tt) || is_class(vt)) {
    r = class_augassign(c, st, tt, vt);
  } else if (st->op == OP_MOD && tt->kind == TY_STR) {  /* s %= args */
    r = printable(vt) ? tt : error_at(c, st->rhs, "cannot format a value of type %s", tn(c, vt));
  } else {
    Node fake = *st;
    fake.kind = EX_BINOP;
    r = arith_result(c, &fake, tt, vt);
  }
  if (st->lhs->kind == EX_INDEX && is_class(st->lhs->lhs->ty) && !is_err(tt))  /* x[i] += v: then x.__setitem__ */
    st->info = class_subscript(c, st->lhs, st->lhs->lhs->ty, "__setitem__", r);
  if (st->lhs->kind == EX_ATTR && !(st->lhs->flags & ATTR_PROPERTY) && !st->lhs->sym && st->lhs->info) {
    check_not_frozen(c, st->lhs);
    field_stored(c, st->lhs, st->lhs->info, r);
  }
  bool same_class = tt->kind == TY_CLASS && r->kind == TY_CLASS && tt->cls == r->cls;
  if (same_class && tt->dtype != r->dtype && st->lhs->kind == EX_NAME && st->lhs->sym)  /* w -= lr * w.grad */
    st->lhs->sym->ty = type_plain(c->p, st->lhs->sym->ty);
  bool changes = type_is_numeric(tt) && type_is_numeric(r) ? tt->kind != r->kind : !same_class && !assignable(tt, r);
  if (changes && rebind_augassign(c, st, r)) {
    st->ty = r;
    return;
  }
  Field *fd = st->lhs->kind == EX_ATTR && !st->lhs->sym && !(st->lhs->flags & ATTR_PROPERTY) ? st->lhs->info : NULL;
  bool to_float = changes && fd && !fd->annotated && tt->kind == TY_INT && r->kind == TY_FLOAT && is_class(st->lhs->lhs->ty);
  if (to_float && field_float_learn(c, st->lhs->lhs->ty->cls, st->lhs->name)) {  /* self.sum += val * n */
    st->ty = r;
    return;
  }
  if (changes) {
    /* counting with a tensor's .item(), which is a float whatever the dtype */
    Node *v = st->rhs;
    bool item = v->kind == EX_CALL && v->lhs->kind == EX_ATTR && strcmp(v->lhs->name, "item") == 0;
    error_at(c, st, "'%s %s= ...' would change the type of the target from %s to %s%s",
             st->lhs->kind == EX_NAME ? st->lhs->name : "x", ast_op_text(st->op), tn(c, tt), tn(c, r),
             item ? " (.item() is a float: wrap it in int() to count)" : "");
  }
  st->ty = r;
}

static void check_cond(Ctx *c, Node *cond) {
  Type *t = check_truth(c, cond);
  if (!truthy(t)) error_at(c, cond, "a %s has no truth value", tn(c, t));
}

/* class Config: lr = 0.01 - the class attributes take their values where
 * the class statement runs, in order, as globals of the module. */
static void check_class_attrs(Ctx *c, Node *def) {
  Sym *k = scope_find(&c->m->globals, def->name);
  if (!k || k->kind != SYM_CLASS || !k->cls) return;
  for (Node *st = def->body; st; st = st->next) {
    bool assigns = (st->kind == ST_ASSIGN || (st->kind == ST_ANNASSIGN && st->rhs)) && st->lhs->kind == EX_NAME;
    Sym *y = assigns ? class_attr(k->cls, st->lhs->name) : NULL;
    if (!y || y->cls != k->cls) continue;
    Type *want = st->kind == ST_ANNASSIGN ? (st->ann->ty ? st->ann->ty : body_annotation(c, st->ann)) : NULL;
    if (want && !y->ty) y->ty = want;  /* `count: int = 0`: the annotation's type */
    Type *t = check_expr(c, st->rhs, want);
    if (want && !assignable(want, t))
      error_at(c, st->rhs, "cannot assign %s to class attribute '%s' of type %s", tn(c, t), st->lhs->name, tn(c, want));
    if (!y->ty && (t->kind == TY_NONE || !truthy(t)) && !is_err(t))
      error_at(c, st->rhs, "a class attribute cannot be a %s", tn(c, t));
    else if (!y->ty)
      y->ty = type_plain(c->p, t);
    st->lhs->sym = y;
    st->lhs->ty = y->ty ? y->ty : T(TY_ERROR);
  }
}

/* The name that `isinstance(x, T)` or `issubclass(x, T)` tests, under
 * any number of `not`s (negated: an odd number); else NULL. */
static Node *tested_name(Node *cond, bool *negated) {
  *negated = false;
  for (; cond->kind == EX_UNARY && cond->op == OP_NOT; cond = cond->lhs) *negated = !*negated;
  Node *x = cond->kind == EX_CALL ? cond->args : NULL;
  Node *root = x;
  while (root && root->kind == EX_ATTR) root = root->lhs;  /* torch.backends: decided_branch takes modules only */
  return root && root->kind == EX_NAME ? x : NULL;
}

/* IF_ALWAYS or IF_NEVER where cond is a TypeIs test for class T
 * (`torch.is_tensor(idx)`, check_flow.c guard_tested) that the type of
 * name x decides: an object of a class deriving T, or a value that is no
 * object of a class (`idx: int`); else 0. */
static int guard_decided(const Node *cond, const Node *x) {
  const Type *g = guard_tested(cond);
  const Type *t = g && x->ty ? type_settled(x->ty) : NULL;
  if (!t || type_is_dynamic(t)) return 0;  /* an item of a list[object] may be a T */
  if (t->kind == TY_CLASS) return class_derives(t->cls, g->cls) ? IF_ALWAYS : class_derives(g->cls, t->cls) ? 0 : IF_NEVER;
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_NUMBER: case TY_STR: case TY_NONE: case TY_LIST: case TY_TUPLE:
  case TY_VARTUPLE: case TY_DICT: case TY_SET: return IF_NEVER;
  default: return 0;
  }
}

/* IF_ALWAYS or IF_NEVER where cond is `x is None` (`is not`) of a name
 * that a test narrowed to None (`isinstance(d, int)` false of an
 * Optional[int] instance's d); else 0. */
static int none_decided(const Node *cond) {
  bool if_none;
  const Node *x = none_test((Node *)cond, &if_none);
  bool known_none = x && x->kind == EX_NAME && x->ty && x->ty->kind == TY_NONE &&
                    !(x->flags & (EXPR_MAYBE_UNBOUND | NAME_NARROW_CHECKED));
  return !known_none ? 0 : if_none ? IF_ALWAYS : IF_NEVER;
}

/* IF_ALWAYS or IF_NEVER where cond is isinstance(), issubclass() or
 * hasattr() that the static types decide, of a name, a variable's field
 * or a module x (so that leaving the test out loses no effect; a name
 * that may be unbound is tested where it runs); else 0. So `if
 * hasattr(torch, "compile"):` of a torch without it is not checked, as it
 * never runs, nor the tuple branch of `isinstance(self.size, int)` of an
 * int field. */
static int decided_branch(const Node *cond, const Node *x, bool negated) {
  while (cond->kind == EX_UNARY && cond->op == OP_NOT) cond = cond->lhs;
  int none = none_decided(cond);
  if (none) return negated ? (none == IF_ALWAYS ? IF_NEVER : IF_ALWAYS) : none;
  const CallInfo *ci = cond->kind == EX_CALL ? cond->info : NULL;
  /* isinstance(other, Point) of a Point (`other: object` of __eq__): always */
  bool is_class = x && ci && ci->kind == CALL_BUILTIN && ci->builtin == BI_ISINSTANCE && ci->cls && x->ty &&
                  x->ty->kind == TY_CLASS && class_derives(x->ty->cls, ci->cls) &&
                  !(x->flags & (EXPR_MAYBE_UNBOUND | NAME_NARROW_CHECKED));  /* a call may have set it None */
  if (is_class) return negated ? IF_NEVER : IF_ALWAYS;
  int guarded = x && x->kind == EX_NAME && !(x->flags & EXPR_MAYBE_UNBOUND) ? guard_decided(cond, x) : 0;
  if (guarded) return negated ? (guarded == IF_ALWAYS ? IF_NEVER : IF_ALWAYS) : guarded;
  if (!x || !ci || ci->kind != CALL_BUILTIN || ci->cls || (ci->isa != ISA_TRUE && ci->isa != ISA_FALSE)) return 0;
  if (ci->builtin != BI_ISINSTANCE && ci->builtin != BI_ISSUBCLASS && ci->builtin != BI_HASATTR) return 0;
  if (x->kind != EX_NAME && !variable_field_read((Node *)x) && (!x->ty || x->ty->kind != TY_MODULE)) return 0;
  if (x->flags & EXPR_MAYBE_UNBOUND) return 0;
  return (ci->isa == ISA_TRUE) != negated ? IF_ALWAYS : IF_NEVER;
}

/* The condition of an if statement or a conditional expression n, with
 * decided_branch's flag on n where the types decide it. Then the test is
 * not in the C, so it reads its name no more (an unused parameter is the
 * C's `(void)x;`). */
void check_decided_cond(Ctx *c, Node *n) {
  bool negated;
  Node *x = tested_name(n->cond, &negated);
  Sym *y = x && x->kind == EX_NAME ? find_name(c, x->name) : NULL;
  bool variable = y && (y->kind == SYM_LOCAL || y->kind == SYM_PARAM || y->kind == SYM_GLOBAL);
  Sym *cur = variable ? flow_current(c, y) : NULL;
  bool was_read = cur && cur->read;
  check_cond(c, n->cond);
  n->flags &= ~(IF_ALWAYS | IF_NEVER);  /* decided anew each run: a later run may know more types */
  n->flags |= decided_branch(n->cond, x, negated);
  if ((n->flags & (IF_ALWAYS | IF_NEVER)) && cur && x->sym == cur) cur->read = was_read;
}

/* if: each branch sees what its condition says of Optional variables;
 * after it, what the branches that fall through and may be taken leave
 * (`if isinstance(mean, list): mean = torch.tensor(mean)` of a list
 * parameter leaves a Tensor: the test is always true). A branch the types
 * rule out is not checked, as type checkers leave unreachable code: a
 * generic function's `isinstance(x, int)` branch holds what only an int
 * can do, and its str instance never runs it (reach and emit skip it). */
static void check_if(Ctx *c, Node *st) {
  check_decided_cond(c, st);
  bool body_dead = st->flags & IF_NEVER, orelse_dead = st->flags & IF_ALWAYS;
  Flow *base = c->flow;
  c->flow = narrow_by(c, st->cond, true, base);
  if (!body_dead) check_block(c, st->body);
  Flow *body = c->flow;
  c->flow = narrow_by(c, st->cond, false, base);
  if (!orelse_dead) check_block(c, st->orelse);
  c->flow = flow_join_if(c, base, body, body_dead || block_exits(st->body), c->flow,
                         orelse_dead || block_exits(st->orelse));
  st->flags &= ~IF_ENDS_BLOCK;
  if ((orelse_dead && block_exits(st->body)) || (body_dead && block_exits(st->orelse))) st->flags |= IF_ENDS_BLOCK;
}

/* A loop's body, with the flow state of this loop's jumps. */
static void check_loop_body(Ctx *c, LoopFlow *lf, Node *body) {
  LoopFlow *outer = c->loop;
  c->loop = lf;
  c->loops++;
  check_block(c, body);
  c->loops--;
  c->loop = outer;
}

/* while: the condition is read at the head, before each iteration; the
 * else block runs where it is false. */
static void check_while(Ctx *c, Node *st) {
  LoopFlow lf;
  flow_loop_enter(c, &lf, NULL, st, st->body);
  check_cond(c, st->cond);
  lf.tested = c->flow;  /* with what the condition binds (`while (w := next_word()):`) */
  c->flow = narrow_by(c, st->cond, true, lf.tested);
  check_loop_body(c, &lf, st->body);
  Flow *head = flow_loop_head(c, &lf, c->flow, !block_exits(st->body));
  c->flow = narrow_by(c, st->cond, false, head);
  check_block(c, st->orelse);
  bool forever = st->cond->kind == EX_TRUE;  /* left by break only */
  c->flow = flow_loop_after(c, &lf, c->flow, !forever && !block_exits(st->orelse));
}

/* for: the iterable is evaluated once, before the loop; the target is
 * bound at the head of each iteration. */
/* What a for loop's target, a name declared before (`r: list[float]`),
 * wants of its iterable: a list of its type; else NULL. */
static Type *loop_expect(Ctx *c, Node *target) {
  Sym *y = target->kind == EX_NAME ? find_name(c, target->name) : NULL;
  Sym *cur = y && y->annotated && !flow_may_rebind(c, y) ? flow_current(c, y) : NULL;
  return cur && cur->ty ? type_list(c->p, cur->ty) : NULL;
}

static void check_for(Ctx *c, Node *st) {
  Type *el = plan_loop(c, st, st->rhs, loop_expect(c, st->lhs));
  LoopFlow lf;
  flow_loop_enter(c, &lf, st->lhs, NULL, st->body);
  bind_target(c, st->lhs, el);
  check_loop_body(c, &lf, st->body);
  c->flow = flow_loop_head(c, &lf, c->flow, !block_exits(st->body));
  check_block(c, st->orelse);
  c->flow = flow_loop_after(c, &lf, c->flow, !block_exits(st->orelse));
}

/* `return NotImplemented` outside the branch `if not isinstance(other,
 * Point):` of `__eq__(self, other: object)`, which the types rule out
 * (other is a Point here) and so is not checked: there is no
 * NotImplemented to return. */
static bool returns_not_implemented(Ctx *c, Node *st) {
  Node *v = st->rhs;
  if (v->kind != EX_NAME || strcmp(v->name, "NotImplemented") != 0 || find_name(c, v->name)) return false;
  error_at(c, v, "NotImplemented is returned only in a branch the types rule out (`if not isinstance(other, %s): "
           "return NotImplemented` of `other: object`): an operator's operands have static types here",
           c->fn->cls ? c->fn->cls->name : "C");
  return true;
}

static void check_return(Ctx *c, Node *st) {
  if (!c->fn || c->fn == c->m->init) {
    error_at(c, st, "'return' outside a function");
    return;
  }
  if (c->finally_loops >= 0) error_at(c, st, "'return' in a finally block is not supported");
  Type *want = c->fn->ret;
  if (c->fn->generator) {  /* ends the generator: Python's StopIteration */
    if (st->rhs) error_at(c, st->rhs, "a generator's return takes no value here: write 'return'");
    return;
  }
  if (!st->rhs) {
    if (want->kind != TY_NONE) error_at(c, st, "%s() must return %s; 'return' without a value", c->fn->qname, tn(c, want));
    return;
  }
  if (returns_not_implemented(c, st)) return;
  if (want->kind == TY_UNKNOWN) {  /* a lambda that nothing gives a result type (key=): its body's */
    c->fn->ret = type_plain(c->p, check_expr(c, st->rhs, NULL));
    return;
  }
  Type *t = check_expr(c, st->rhs, want);
  if (want->kind == TY_NONE && t->kind != TY_NONE && !has_error(t))
    error_at(c, st->rhs, "%s() returns a value but declares no return type; add '-> %s'", c->fn->qname,
             spelled_type(c, c->fn->mod ? c->fn->mod : c->m, t));
  else if (want->kind == TY_NONE && t->kind != TY_NONE && !is_err(t))  /* -> list[<error>]: no type to propose */
    error_at(c, st->rhs, "%s() returns a value but declares no return type; add '-> T'", c->fn->qname);
  else if (!assignable(want, t))
    error_at(c, st->rhs, "%s() must return %s, not %s", c->fn->qname, tn(c, want), tn(c, t));
}

/* yield v: the next element of the generator function being checked.
 * yield from xs: each element of xs in turn, bound to a variable of the
 * statement's own (st->lhs, made here) as a for loop binds its target. */
static void check_yield(Ctx *c, Node *st) {
  Func *f = c->fn;
  if (!f || f == c->m->init) {
    error_at(c, st, "'yield' outside a function");
    return;
  }
  if (c->withs || c->raising || c->handlers || c->finally_loops >= 0) {
    /* resuming re-enters the try statements and with blocks around it, and a generator closed or thrown into
       there raises in them (emit_stmt.c yield_value): its handlers are written */
    f->yields_in_try = true;
    f->has_try = true;
    c->p->has_try = true;
  }
  Type *want = f->ret->kind == TY_GENERATOR ? f->ret->elem : T(TY_ERROR);  /* else reported by check_func */
  if (!st->rhs && want->kind == TY_NONE) {  /* `yield` of an Iterator[None] (a @contextmanager's): yield None */
    st->rhs = ast_new(c->p->arena, EX_NONE, st->file, st->pos, st->len);
  } else if (!st->rhs) {
    error_at(c, st, "'yield' needs a value here: a generator's elements are of one type, %s", tn(c, want));
    return;
  }
  Type *t;
  if (st->flags & YIELD_FROM) {
    t = plan_loop(c, st, st->rhs, type_list(c->p, want));
    Scope *s = arena_alloc(c->p->arena, sizeof *s);
    s->up = c->scope;
    st->lhs = ast_new(c->p->arena, EX_NAME, st->file, st->rhs->pos, st->rhs->len);
    st->lhs->name = "yielded";
    Sym *y = scope_add(c->p->arena, s, SYM_LOCAL, st->lhs->name, st->lhs);
    y->cname = c_local(c->p, f, st->lhs->name, false);
    Scope *saved = c->scope;
    c->scope = s;
    bind_target(c, st->lhs, t);
    check_expr(c, st->lhs, NULL);  /* read where it is yielded */
    c->scope = saved;
  } else if (want->kind == TY_UNKNOWN) {  /* a generator expression's function: its element's type */
    f->ret = type_generator(c->p, type_plain(c->p, check_expr(c, st->rhs, NULL)));
    return;
  } else {
    t = check_expr(c, st->rhs, want);
  }
  if (!assignable(want, t))
    error_at(c, st->rhs, "%s() yields %s, not %s%s", f->qname, tn(c, want), tn(c, t),
             st->flags & YIELD_FROM ? " elements" : "");
}

/* with ctx [as x], ...: ctx is an instance of a class with __enter__ and
 * __exit__ (torch.no_grad() is one, written in .gtp); `x` gets what
 * __enter__ returns. __exit__ takes only self, or has defaults for the rest. */
static void check_with(Ctx *c, Node *st) {
  for (Node *it = st->items; it; it = it->next) {
    Type *t = check_expr(c, it->lhs, NULL);
    Func *enter = is_class(t) ? class_method(t->cls, "__enter__") : NULL;
    Func *exit = is_class(t) ? class_method(t->cls, "__exit__") : NULL;
    if (!enter || !exit) {
      if (!is_err(t))
        error_at(c, it->lhs, "a %s cannot be used in 'with': it needs __enter__ and __exit__ methods", tn(c, t));
      if (it->rhs) bind_target(c, it->rhs, T(TY_ERROR));  /* `as x` stays usable: no cascade */
      continue;
    }
    WithInfo *w = arena_alloc(c->p->arena, sizeof *w);
    w->enter = enter;
    w->exit = exit;
    check_exit_params(c, w);
    it->info = w;
    if (it->rhs) bind_target(c, it->rhs, enter->returns_self ? t : enter->ret);  /* `-> Self`: the object's type */
  }
  c->withs++;
  check_block(c, st->body);
  if (block_exits(st->body)) st->flags |= BLOCK_EXITS;
  c->fn->has_with = true;
  c->withs--;
}

/* `self.reset()` among the statements of __init__ (or of a method it so
 * calls), of a method of the class's own not checked yet: that method is
 * checked first, its assignments to self declaring fields as __init__'s
 * do (PyTorch's AverageMeter sets its fields in reset()). */
static void check_initializer(Ctx *c, Node *st) {
  ClassInfo *k = c->fn ? c->fn->cls : NULL;
  Node *call = st->lhs, *callee = call->kind == EX_CALL ? call->lhs : NULL;
  if (!k || !in_init_of(c, k) || !callee || callee->kind != EX_ATTR || callee->lhs->kind != EX_NAME ||
      strcmp(callee->lhs->name, c->fn->params[0].name) != 0)
    return;
  bool top = false;  /* Python's object has the fields only where the call surely runs */
  for (Node *s = c->fn->decl->body; s && !top; s = s->next) top = s == st;
  Func *m = top ? class_method(k, callee->name) : NULL;
  if (!m || m->checked || m->is_extern || m->is_static || m->is_property || m->cls != k || m == k->init) return;
  Func *outer = k->initializing;
  k->initializing = m;
  Ctx sub = *c;
  sub.fn = c->m->init;
  sub.scope = NULL;
  sub.flow = NULL;
  check_func(&sub, m);
  k->initializing = outer;
}

static void check_stmt_kind(Ctx *c, Node *st);

static void check_stmt(Ctx *c, Node *st) {
  Node *outer = c->stmt;
  c->stmt = st;
  check_stmt_kind(c, st);
  c->stmt = outer;
}

static void check_stmt_kind(Ctx *c, Node *st) {
  switch (st->kind) {
  case ST_EXPR: {
    if (st->lhs->kind == EX_ELLIPSIS) break;  /* `...` as a body: nothing */
    check_initializer(c, st);
    Type *t = check_expr(c, st->lhs, NULL);
    if (!truthy(t) && !is_err(t))
      error_at(c, st->lhs, "a %s on its own does nothing; call it with ()", tn(c, t));
    break;
  }
  case ST_ASSIGN:
    if (!st->lhs->next && declares_field(c, st->lhs)) check_field_decl(c, st);
    else if (declares_fields(c, st)) check_fields_decl(c, st);
    else check_assign(c, st);
    break;
  case ST_ANNASSIGN: check_annassign(c, st); break;
  case ST_AUGASSIGN: check_augassign(c, st); break;
  case ST_IF: check_if(c, st); break;
  case ST_WHILE:
  case ST_FOR: {
    Node *outer = c->outer_loop, *inner = c->inner_loop;
    if (!outer) c->outer_loop = st;
    c->inner_loop = st;
    if (st->kind == ST_WHILE) check_while(c, st);
    else check_for(c, st);
    c->outer_loop = outer;
    c->inner_loop = inner;
    break;
  }
  case ST_BREAK:
  case ST_CONTINUE:
    if (!c->loops) error_at(c, st, "'%s' outside a loop", st->kind == ST_BREAK ? "break" : "continue");
    else if (c->loops == c->finally_loops)
      error_at(c, st, "'%s' out of a finally block is not supported", st->kind == ST_BREAK ? "break" : "continue");
    flow_jump(c, st->kind == ST_BREAK);
    break;
  case ST_RETURN: check_return(c, st); break;
  case ST_YIELD: check_yield(c, st); break;
  case ST_PASS: break;
  case ST_ASSERT:
    check_cond(c, st->cond);
    c->flow = narrow_by(c, st->cond, true, c->flow);  /* assert x is not None */
    if (st->rhs) {
      Type *t = check_expr(c, st->rhs, NULL);
      if (!printable(t)) error_at(c, st->rhs, "assert message cannot be a %s", tn(c, t));
    }
    break;
  case ST_GLOBAL: case ST_NONLOCAL: break;  /* handled when locals are collected */
  case ST_DEL:
    for (Node *t = st->targets ? st->targets : st->lhs; t; t = t->next) {
      if (t->kind == EX_NAME) {  /* del x: x unbound from here, as before its first assignment */
        check_expr(c, t, NULL);
        if (!t->sym) continue;
        Sym *base = flow_base(t->sym);
        if (base->captured)
          error_at(c, t, "'%s' is read by a nested function or lambda, so it cannot be deleted here", t->name);
        if (!base->deleted_at) base->deleted_at = t;
        flow_deleted(c, t->sym);
        continue;
      }
      if (t->kind != EX_INDEX) {
        error_at(c, t, "only 'del x', 'del xs[i]' and 'del d[key]' are supported");
        continue;
      }
      Type *ot = check_expr(c, t->lhs, NULL);
      if (refuse_vars_store(c, t->lhs, "del of an item of")) continue;
      if (ot->kind == TY_LIST || ot->kind == TY_DICT) check_index(c, t, true);
      else if (!is_err(ot)) error_at(c, t, "cannot delete items of a %s", tn(c, ot));
    }
    break;
  case ST_IMPORT:
  case ST_FROMIMPORT:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "imports belong at the top level of a module");
    break;
  case ST_FUNCDEF:
    if (c->fn && c->fn != c->m->init) check_nested_def(c, st);
    else if (st->decorators) check_toplevel_decorated(c, st);
    break;
  case ST_EXTERNDEF:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "extern defs belong at the top level of a module");
    break;
  case ST_CLASSDEF:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "classes belong at the top level of a module");
    else check_class_attrs(c, st);
    break;
  case ST_EXTERNVAR: break;
  case ST_EXTERNLINK:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "'extern link' belongs at the top level of a module");
    break;
  case ST_TYPEALIAS:  /* resolve.c typed it where it is used */
    if (c->fn && c->fn != c->m->init) error_at(c, st, "a type alias belongs at the top level of a module");
    break;
  case ST_WITH: check_with(c, st); break;
  case ST_TRY: check_try(c, st); break;
  case ST_RAISE: check_raise(c, st); break;
  case ND_BLOCK: check_block(c, st->body); break;
  default: error_at(c, st, "unsupported statement");
  }
}

void check_block(Ctx *c, Node *body) {
  for (Node *st = body; st; st = st->next) {
    flow_may_raise(c);  /* in a try body: a handler may begin here */
    check_stmt(c, st);
    if (if_ends_block(st)) break;  /* what follows is unreachable, as type checkers leave it */
  }
}

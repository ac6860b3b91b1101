/* check_builtin.c - the builtin functions (print, len, range, min, max,
 * int, float, str, sorted, ...): their arguments and result types, and the
 * class methods some of them call (__len__, __int__, ...).
 */
#include "check.h"

/* ---- builtin functions ---------------------------------------------------- */

static int positional(Node *call, Node **out, int max) {
  int n = 0;
  for (Node *a = call->args; a; a = a->next)
    if (a->kind != ND_KEYWORD) {
      if (n < max) out[n] = a;
      n++;
    }
  return n;
}

static Type *want_args(Ctx *c, Node *e, int n, int lo, int hi) {
  if (n < lo || n > hi) {
    const char *name = builtin_name(((CallInfo *)e->info)->builtin);
    if (lo == hi) return error_at(c, e, "%s() takes exactly %d argument%s (%d given)", name, lo, lo == 1 ? "" : "s", n);
    return error_at(c, e, "%s() takes from %d to %d arguments (%d given)", name, lo, hi, n);
  }
  return NULL;
}

static void no_keywords(Ctx *c, Node *e, const char *allowed1, const char *allowed2) {
  const char *name = builtin_name(((CallInfo *)e->info)->builtin);
  for (Node *a = e->args; a; a = a->next) {
    if (a->kind != ND_KEYWORD) continue;
    if ((allowed1 && strcmp(a->name, allowed1) == 0) || (allowed2 && strcmp(a->name, allowed2) == 0)) continue;
    error_at(c, a, "%s() got an unexpected keyword argument '%s'", name, a->name);
  }
}

/* The value of the call's keyword argument `name` (of its first one for NULL), or NULL. */
static Node *keyword(Node *call, const char *name) {
  for (Node *a = call->args; a; a = a->next)
    if (a->kind == ND_KEYWORD && (!name || strcmp(a->name, name) == 0)) return a->rhs;
  return NULL;
}

/* print(..., file=f): f is an object with a write(s: str) method, which
 * print calls with the text (Python's file protocol). */
static void print_file(Ctx *c, Node *f, CallInfo *ci) {
  Type *t = check_expr(c, f, NULL);
  Func *w = is_class(t) ? class_method(t->cls, "write") : NULL;
  if (w && w->nparams == 2 && w->params[1].ty->kind == TY_STR) {
    ci->fn = w;
    ci->recv = f;
    Func *fl = class_method(t->cls, "flush");
    ci->flush_fn = fl && fl->nparams == 1 ? fl : NULL;  /* flush=True calls it */
  } else if (!is_err(t)) {
    error_at(c, f, "print()'s file must have a write(s: str) method; %s has none", a_type(c, t));
  }
}

static Type *bi_print(Ctx *c, Node *e, CallInfo *ci) {
  for (Node *a = e->args; a; a = a->next)
    if (a->kind == ND_KEYWORD && strcmp(a->name, "sep") != 0 && strcmp(a->name, "end") != 0 &&
        strcmp(a->name, "file") != 0 && strcmp(a->name, "flush") != 0)
      error_at(c, a, "print() got an unexpected keyword argument '%s'", a->name);
  for (Node *a = e->args; a; a = a->next) {
    Node *v = a->kind == ND_KEYWORD ? a->rhs : a;
    if (a->kind == ND_KEYWORD && strcmp(a->name, "file") == 0) {
      print_file(c, v, ci);
      continue;
    }
    if (a->kind == ND_KEYWORD && strcmp(a->name, "flush") == 0) {  /* any value: its truth */
      Type *t = check_truth(c, v);
      if (!truthy(t)) error_at(c, v, "a %s has no truth value", tn(c, t));
      continue;
    }
    if (a->kind == EX_STARRED) {  /* print(*xs): each item of a list or a tuple */
      Type *t = set_type(a, check_expr(c, a->lhs, NULL));
      bool seq = t->kind == TY_LIST || t->kind == TY_TUPLE || t->kind == TY_VARTUPLE;
      if (a->op == OP_POW || (!seq && !is_err(t)))
        error_at(c, a, "print() takes '*' of a list or a tuple, not %s%s", a->op == OP_POW ? "'**' of " : "", tn(c, t));
      else if (keyword(e, "file"))
        error_at(c, a, "print(*xs, file=...) is not supported: print the items one by one");
      continue;
    }
    Type *t = a->kind == ND_KEYWORD ? check_expr(c, v, NULL) : check_displayed(c, v);
    if (a->kind == ND_KEYWORD) {
      if (t->kind != TY_STR && !is_err(t)) error_at(c, v, "argument '%s' of print expects str, got %s", a->name, tn(c, t));
    } else if (!printable(t)) {
      error_at(c, v, "cannot print a value of type %s", tn(c, t));
    }
  }
  ci->sep = keyword(e, "sep");
  ci->end = keyword(e, "end");
  ci->flush = keyword(e, "flush");
  return T(TY_NONE);
}

/* sum(x), min(x), sorted(x), list(x) of an object whose class iterates
 * as a list (its __iter__ returns one) of elements that the builtin takes
 * (numbers, where `numbers`; numbers or strs, where `ordered`): that list,
 * as Python iterates x; of one whose __iter__ is a generator method, the
 * generator it makes. Anything else is left as it is. */
static Type *iterated(Ctx *c, Node *a, Type *t, bool numbers, bool ordered) {
  if (t->kind == TY_VARTUPLE) return type_list(c->p, t->elem);  /* emit's as_list makes it one */
  Func *it = is_class(t) ? class_method(t->cls, "__iter__") : NULL;
  if (it && it->nparams == 1 && it->ret->kind == TY_GENERATOR) return iterate_into_list(c, a);  /* the generator it makes */
  if (object_next(t)) return iterate_by_next(c, a);
  /* list(bar) of a tqdm bar: an extern iterator's items, walked as a `for` walks them */
  if (it && it->nparams == 1 && it->ret->kind == TY_CLASS && iter_elem(c, t)) return comprehended_in_place(c, a, EX_LISTCOMP);
  Type *list = iter_as_list(t);
  if (!list) return t;
  bool number = type_is_numeric(list->elem);
  if ((numbers && !number) || (ordered && !number && list->elem->kind != TY_STR)) return t;
  return iterate_into_list(c, a);
}

/* ---- isinstance of built-in types ------------------------------------------ */

static bool is_builtin_type(int bi) {
  return bi == BI_INT || bi == BI_FLOAT || bi == BI_BOOL || bi == BI_STR || bi == BI_LIST || bi == BI_DICT ||
         bi == BI_SET || bi == BI_TUPLE;
}

/* The builtin a name reads (int, str, ...), or BI_NONE. */
static int builtin_named(Ctx *c, Node *x) {
  return x->kind == EX_NAME && !find_name(c, x->name) ? builtin_lookup(x->name) : BI_NONE;
}

/* Is T of isinstance(x, T) a built-in type, or a tuple of them? */
static bool builtin_types(Ctx *c, Node *t) {
  if (t->kind != EX_TUPLE) return is_builtin_type(builtin_named(c, t));
  for (Node *x = t->elts; x; x = x->next)
    if (!is_builtin_type(builtin_named(c, x))) return false;
  return t->elts != NULL;
}

/* Is every item of tuple display t a class or a built-in type? */
static bool all_classes(Ctx *c, Node *t) {
  for (Node *k = t->elts; k; k = k->next)
    if (!is_builtin_type(builtin_named(c, k)) && check_expr(c, k, NULL)->kind != TY_CLASSREF) return false;
  return true;
}

/* isinstance(x, (A, B)) of classes (`isinstance(m, (nn.Conv2d,
 * nn.Linear))` in an init_weights): `isinstance(x, A) or isinstance(x, B)`
 * in place of call e, each test of its own (x names_a_value: read again, it is the same). */
static Type *isinstance_each(Ctx *c, Node *e, Node *x, Node *classes) {
  Arena *a = c->p->arena;
  Node *test = NULL;
  for (Node *k = classes->elts; k; k = k->next) {
    Node *call = ast_new(a, EX_CALL, e->file, e->pos, e->len);
    call->depth = e->depth;
    call->lhs = ast_copy(a, e->lhs);
    call->args = ast_copy(a, x);
    call->args->next = ast_copy(a, k);
    if (!test) {
      test = call;
      continue;
    }
    Node *either = ast_new(a, EX_BOOLOP, e->file, e->pos, e->len);
    *either = (Node){.kind = EX_BOOLOP, .file = e->file, .pos = e->pos, .len = e->len, .depth = e->depth, .op = OP_OR,
                     .lhs = test, .rhs = call};
    test = either;
  }
  test->next = e->next;
  *e = *test;
  return check_expr(c, e, NULL);
}

/* isinstance(v, T) of a value of static type t and the built-in type bi:
 * bool is a subclass of int, as in Python; -1 where no one test says it. */
static int isa_one(const Type *t, int bi) {
  if (t->kind == TY_OPTIONAL) {
    int r = isa_one(t->elem, bi);
    return r == ISA_TRUE ? ISA_NOT_NONE : r == ISA_FALSE ? ISA_FALSE : -1;
  }
  switch (bi) {
  case BI_INT: return t->kind == TY_INT || t->kind == TY_BOOL ? ISA_TRUE : t->kind == TY_NUMBER ? ISA_NUM_INT : ISA_FALSE;
  case BI_FLOAT: return t->kind == TY_FLOAT ? ISA_TRUE : t->kind == TY_NUMBER ? ISA_NUM_FLOAT : ISA_FALSE;
  case BI_BOOL: return t->kind == TY_BOOL ? ISA_TRUE : t->kind == TY_NUMBER ? ISA_NUM_BOOL : ISA_FALSE;
  case BI_STR: return t->kind == TY_STR;
  case BI_LIST: return t->kind == TY_LIST;
  case BI_DICT: return t->kind == TY_DICT;
  case BI_SET: return t->kind == TY_SET;
  default: return t->kind == TY_TUPLE || t->kind == TY_VARTUPLE;  /* BI_TUPLE */
  }
}

/* issubclass(A, B) / issubclass(A, (B, C)) of classes: a class is a
 * name, known where the program is compiled, so the chain of bases
 * decides (ci->isa true or false). */
static Type *issubclass_classes(Ctx *c, Node *e, CallInfo *ci, Node *a, Node *b) {
  Type *ta = check_expr(c, a, NULL);
  if (class_object_class(ta) && ta->kind != TY_OPTIONAL) return issubclass_value(c, ci, b);
  bool yes = false, classes = ta->kind == TY_CLASSREF, errs = is_err(ta);
  for (Node *x = b->kind == EX_TUPLE ? b->elts : b; x; x = b->kind == EX_TUPLE ? x->next : NULL) {
    Type *tx = check_expr(c, x, NULL);
    errs |= is_err(tx);
    classes &= tx->kind == TY_CLASSREF;
    yes |= classes && class_is_a(ta->cls, tx->cls);
  }
  if (b->kind == EX_TUPLE) set_type(b, T(TY_NONE));
  if (errs) return T(TY_ERROR);
  if (!classes)
    return error_at(c, e, "issubclass() takes a class and a class, or a tuple of classes (of the program, or of "
                          "the stdlib such as the exceptions)");
  ci->isa = yes ? ISA_TRUE : ISA_FALSE;
  return T(TY_BOOL);
}

/* isinstance(v, T) of an item of a list of values of several types
 * (`for v in [1, "a"]`): the type inside decides where it runs, T's
 * built-in types given as the mask of the runtime's kinds. */
static Type *isinstance_dynamic(Ctx *c, CallInfo *ci, Node *types) {
  static const char *const kinds[] = {[BI_INT] = "GT_K_INT", [BI_FLOAT] = "GT_K_FLOAT", [BI_BOOL] = "GT_K_BOOL",
                                      [BI_STR] = "GT_K_STR", [BI_LIST] = "GT_K_LIST", [BI_DICT] = "GT_K_DICT",
                                      [BI_SET] = "GT_K_SET", [BI_TUPLE] = "GT_K_TUPLE"};
  const char *mask = "";
  for (Node *x = types->kind == EX_TUPLE ? types->elts : types; x; x = types->kind == EX_TUPLE ? x->next : NULL) {
    set_type(x, check_expr(c, x, NULL));
    mask = arena_printf(c->p->arena, "%s%s1u << %s", mask, *mask ? " | " : "", kinds[builtin_named(c, x)]);
  }
  if (types->kind == EX_TUPLE) set_type(types, T(TY_NONE));
  ci->isa = ISA_DYNAMIC;
  ci->isa_kinds = mask;
  return T(TY_BOOL);
}

/* Is member m of a union of built-in type bi (a bool an int, as in Python)? */
static bool member_is(const Type *m, int bi) {
  int r = isa_one(m, bi);
  return r == ISA_TRUE;
}

/* Adds member m (within class k, or NULL) to the members isinstance of a
 * union is true of. */
static void isa_add(Ctx *c, CallInfo *ci, Type *m, ClassInfo *k) {
  Type **ms = arena_alloc(c->p->arena, (ci->nisa_members + 1) * sizeof *ms);
  ClassInfo **ks = arena_alloc(c->p->arena, (ci->nisa_members + 1) * sizeof *ks);
  if (ci->nisa_members) {
    memcpy(ms, ci->isa_members, ci->nisa_members * sizeof *ms);
    memcpy(ks, ci->isa_within, ci->nisa_members * sizeof *ks);
  }
  ms[ci->nisa_members] = m;
  ks[ci->nisa_members++] = k;
  ci->isa_members = ms;
  ci->isa_within = ks;
}

/* isinstance(x, T) of x a union value t (`Tensor | tuple[Tensor, Tensor]`,
 * or an Optional of one), T a built-in type, a class, or a tuple of them:
 * a test of the member x holds where it runs (ISA_UNION). Where it is
 * true, x is of the members T takes (a class T derives from a member:
 * T); where false, of the others, and None. */
static Type *isinstance_union(Ctx *c, CallInfo *ci, Type *t, Node *types) {
  Type *u = t->kind == TY_OPTIONAL ? t->elem : t;
  int ntypes = types->kind == EX_TUPLE ? ast_count(types->elts) : 1;  /* a member may be within each class */
  Type **yes = arena_alloc(c->p->arena, (u->nitems * ntypes + 1) * sizeof *yes);
  Type **no = arena_alloc(c->p->arena, (u->nitems + 1) * sizeof *no);
  int nyes = 0, nno = 0;
  bool *taken = arena_alloc(c->p->arena, u->nitems * sizeof *taken);
  memset(taken, 0, u->nitems * sizeof *taken);
  ci->nisa_members = 0;
  for (Node *x = types->kind == EX_TUPLE ? types->elts : types; x; x = types->kind == EX_TUPLE ? x->next : NULL) {
    int bi = builtin_named(c, x);
    Type *k = is_builtin_type(bi) ? NULL : check_expr(c, x, NULL);
    if (k && is_err(k)) return k;
    if (k && k->kind != TY_CLASSREF)
      return error_at(c, x, "isinstance() takes a class, a built-in type or a tuple of them, not %s", tn(c, k));
    if (!k) set_type(x, check_expr(c, x, NULL));
    for (int i = 0; i < u->nitems; i++) {
      Type *m = u->items[i];
      bool whole = k ? m->kind == TY_CLASS && class_derives(m->cls, k->cls) : member_is(m, bi);
      bool part = k && !whole && m->kind == TY_CLASS && class_derives(k->cls, m->cls);
      if (taken[i] || (!whole && !part)) continue;
      taken[i] = whole;
      isa_add(c, ci, m, whole ? NULL : k->cls);
      yes[nyes++] = whole ? m : k->cls->ty;
    }
  }
  if (types->kind == EX_TUPLE) set_type(types, T(TY_NONE));
  for (int i = 0; i < u->nitems; i++)
    if (!taken[i]) no[nno++] = u->items[i];
  if (t->kind == TY_OPTIONAL) no[nno++] = T(TY_NONE);
  ci->isa = ISA_UNION;
  ci->isa_yes = nyes ? type_union(c->p, yes, nyes) : NULL;  /* NULL: never true */
  ci->isa_no = nno ? type_union(c->p, no, nno) : NULL;
  return T(TY_BOOL);
}

/* isinstance(x, int) / isinstance(x, (int, float)): decided by x's static
 * type, or a run-time test of an Optional or an int | float (ci->isa). */
static Type *isinstance_builtin(Ctx *c, Node *e, CallInfo *ci, Type *t, Node *types) {
  if (type_is_dynamic(t)) return isinstance_dynamic(c, ci, types);
  bool is_int = false, is_float = false, is_bool = false, yes = false, some = false;
  for (Node *x = types->kind == EX_TUPLE ? types->elts : types; x; x = types->kind == EX_TUPLE ? x->next : NULL) {
    set_type(x, check_expr(c, x, NULL));
    int r = is_err(t) ? ISA_FALSE : isa_one(t, builtin_named(c, x));
    if (r < 0) return error_at(c, e, "isinstance() of a %s is not supported", tn(c, t));
    yes |= r == ISA_TRUE;
    some |= r == ISA_NOT_NONE;
    is_int |= r == ISA_NUM_INT;
    is_float |= r == ISA_NUM_FLOAT;
    is_bool |= r == ISA_NUM_BOOL;
  }
  if (types->kind == EX_TUPLE) set_type(types, T(TY_NONE));
  /* a number: int takes bools too, as in Python */
  ci->isa = yes || (is_int && is_float) ? ISA_TRUE : some ? ISA_NOT_NONE : is_int ? ISA_NUM_INT
            : is_float && is_bool ? ISA_NUM_NOT_INT : is_float ? ISA_NUM_FLOAT : is_bool ? ISA_NUM_BOOL : ISA_FALSE;
  return T(TY_BOOL);
}

/* Elements whose truth the runtime knows (any(), all()): not objects. */
static bool builtin_truth(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_NUMBER: case TY_STR: case TY_LIST: case TY_TUPLE: case TY_DICT: case TY_VARTUPLE:
    return true;
  default:
    return false;
  }
}

/* map(f, xs) and filter(f, xs) of one iterable: f a function of its
 * items (a lambda's parameter types are theirs), filter(None, xs) tests
 * the items themselves. Lazy as Python's: a loop where it is called walks
 * it (ci->plan), and what takes it whole gets a list (taken_whole). */
static Type *bi_map(Ctx *c, Node *e, int n, Node **a, int bi) {
  CallInfo *ci = e->info;
  const char *name = builtin_name(bi);
  if (n != 2) return error_at(c, e, "%s() takes a function and one iterable here, not %d arguments", name, n);
  Type *xs = not_none(c, a[1], check_expr(c, a[1], NULL));
  Type *el = iter_elem(c, xs);
  if (!el) return error_at(c, a[1], "%s() cannot iterate over a value of type %s", name, tn(c, xs));
  Type *got = el;
  if (bi == BI_FILTER && a[0]->kind == EX_NONE) {
    check_expr(c, a[0], NULL);
    if (!truthy(el)) return error_at(c, a[1], "a %s has no truth value", tn(c, el));
  } else {
    Type *ft = check_expr(c, a[0], type_callable(c->p, &el, 1, T(TY_UNKNOWN)));
    if (is_err(ft) || is_err(el)) return T(TY_ERROR);
    if (ft->kind != TY_CALLABLE || ft->nitems != 1 || !assignable(ft->items[0], el))
      return error_at(c, a[0], "%s() takes a function of one %s here, not %s", name, tn(c, el), tn(c, ft));
    if (bi == BI_FILTER && !truthy(ft->elem)) return error_at(c, a[0], "a %s has no truth value", tn(c, ft->elem));
    if (bi == BI_MAP) got = ft->elem;
  }
  ci->nargs = 2;
  ci->args = arena_alloc(c->p->arena, 2 * sizeof *ci->args);
  ci->args[0] = a[0]->kind == EX_NONE ? NULL : a[0];
  ci->args[1] = a[1];
  Type *t = type_new(c->p, TY_MAP);
  t->elem = got;
  set_type(e, t);
  ci->plan = map_plan(c, e);
  return ci->plan ? t : error_at(c, a[1], "%s() cannot iterate over a value of type %s", name, tn(c, xs));
}

static Node *node_like(Ctx *c, Node *at, NodeKind kind) { return ast_new(c->p->arena, kind, at->file, at->pos, at->len); }

static Node *name_like(Ctx *c, Node *at, const char *name) {
  Node *n = node_like(c, at, EX_NAME);
  n->name = name;
  return n;
}

/* x, in place (its parent's list of arguments keeps it), as
 * `[item for item in <x>]` (kind EX_LISTCOMP) or `(item for item in <x>)`
 * (EX_GENEXP): a zip(), range() or enumerate() made a list or a generator,
 * whose loop is the one a `for` over x runs. */
Type *comprehended_in_place(Ctx *c, Node *x, NodeKind kind) {
  Node *inner = node_like(c, x, x->kind), *comp = node_like(c, x, ND_COMP);
  Node *next = x->next;
  *inner = *x;
  inner->next = NULL;
  comp->lhs = name_like(c, x, "item");
  comp->rhs = inner;
  *x = *node_like(c, x, kind);
  x->next = next;
  x->lhs = name_like(c, x, "item");
  x->comps = comp;
  return check_expr(c, x, NULL);
}

/* Values Python iterates where they are, which no variable holds, where
 * a generic function's Iterable[T] takes them: a range(), zip(),
 * enumerate() or map() made a generator of its items, walked as the
 * function steps it. */
Type *walked_as_generator(Ctx *c, Node *x, Type *t) {
  if (t->kind == TY_RANGE || t->kind == TY_ZIP || t->kind == TY_ENUMERATE || t->kind == TY_MAP)
    return comprehended_in_place(c, x, EX_GENEXP);
  return t;
}

/* Where a list is taken whole (list(), sorted(), sum(), min(), set(),
 * str.join...), a map() or filter() is made into one at once: nothing runs
 * between its items there, as when Python's consumer pulls them; so is a
 * zip() or enumerate(). */
Type *taken_whole(Ctx *c, Node *x, Type *t) {
  if (t->kind == TY_ZIP || t->kind == TY_ENUMERATE) return comprehended_in_place(c, x, EX_LISTCOMP);
  if (t->kind != TY_MAP) return t;
  return set_type(x, type_list(c->p, t->elem));
}

/* Can the runtime order values of t (gt_val_cmp), as sorting keys? */
static bool orderable(const Type *t) {
  if (t->kind == TY_LIST) return orderable(t->elem);
  if (t->kind == TY_TUPLE) {
    for (int i = 0; i < t->nitems; i++)
      if (!orderable(t->items[i])) return false;
    return true;
  }
  return type_is_number(t) || t->kind == TY_STR || (t->kind == TY_CLASS && t->cls->lt) || is_err(t);
}

/* key=f of sorted, min, max and list.sort: a function of one element
 * whose results order the elements (ci->key); key=None is no key. A
 * lambda's result type is its body's. */
/* key=counts.get (`max(counts, key=counts.get)`, the key of the largest
 * value): a dict's get gives an Optional, which does not order; the key
 * node becomes, in place, `lambda key: counts[key]`, of the value type (a
 * key missing from the dict is a KeyError, where Python's comparison of
 * its None is a TypeError), and so for a class with get and __getitem__
 * (a Counter). counts is a name or its attribute. */
static void key_by_dict_get(Ctx *c, Node *key) {
  if (key->kind != EX_ATTR || strcmp(key->name, "get") != 0 || !plain_path(key->lhs)) return;
  const Node *root = key->lhs;
  while (root->kind == EX_ATTR) root = root->lhs;
  Node *dict = ast_copy(c->p->arena, key->lhs);
  Type *t = check_expr(c, key->lhs, NULL);
  bool mapping = t->kind == TY_CLASS && class_method(t->cls, "__getitem__") && class_method(t->cls, "get");
  if (t->kind != TY_DICT && !mapping) return;
  Arena *a = c->p->arena;
  const char *name = strcmp(root->name, "key") == 0 ? "k" : "key";
  Node *param = ast_new(a, ND_PARAM, key->file, key->pos, key->len);
  param->name = name;
  Node *item = ast_new(a, EX_INDEX, key->file, key->pos, key->len);
  item->lhs = dict;
  item->rhs = ast_name(a, key, name);
  item->depth = key->depth;
  Node *after = key->next;
  *key = (Node){.kind = EX_LAMBDA, .file = key->file, .pos = key->pos, .len = key->len, .depth = key->depth,
                .next = after, .params = param, .lhs = item};
}

void check_key(Ctx *c, Node *key, Type *elem, CallInfo *ci) {
  if (!key || key->kind == EX_NONE) return;
  key_by_dict_get(c, key);
  Type *t = check_expr(c, key, type_callable(c->p, &elem, 1, T(TY_UNKNOWN)));
  if (is_err(t)) return;
  if (t->kind != TY_CALLABLE || t->nitems != 1 || !assignable(t->items[0], elem))
    error_at(c, key, "key= takes a function of one %s, not %s", tn(c, elem), tn(c, t));
  else if (!orderable(t->elem))
    error_at(c, key, "key= gives %s, which cannot be ordered: return a number, a str, or a tuple or list of them",
             tn(c, t->elem));
  else ci->key = key;
}

/* min(xs, default=d): d where xs is empty. The call's args are xs and d;
 * its type is the items' where d's is theirs, an Optional of them for
 * None, int | float numbers for an int and floats (Python keeps d as it
 * is). */
static Type *minmax_default(Ctx *c, Node *e, Node *xs, Type *el) {
  CallInfo *ci = e->info;
  Node *d = keyword(e, "default");
  Type *t = check_expr(c, d, el);
  if (is_err(t) || is_err(el)) return T(TY_ERROR);
  ci->args = arena_alloc(c->p->arena, 2 * sizeof *ci->args);
  ci->args[0] = xs;
  ci->args[1] = d;
  ci->nargs = 2;
  if (t == el) return el;
  if (t->kind == TY_NONE) return el->kind == TY_OPTIONAL ? el : type_optional(c->p, el);
  if (type_is_number(t) && type_is_number(el) && t->kind != TY_BOOL && el->kind != TY_BOOL) return T(TY_NUMBER);
  return error_at(c, d, "%s()'s default= is %s, its items %s: give a default of their type or None",
                  builtin_name(ci->builtin), tn(c, t), tn(c, el));
}

static Type *bi_minmax(Ctx *c, Node *e, int n, Node **a) {
  if (n == 0) return error_at(c, e, "%s expected at least 1 argument, got 0", builtin_name(((CallInfo *)e->info)->builtin));
  if (n > 1 && keyword(e, "default"))
    return error_at(c, keyword(e, "default"), "Cannot specify a default for %s() with multiple positional arguments",
                    builtin_name(((CallInfo *)e->info)->builtin));
  if (n == 1 && keyword(e, "key")) {  /* min(xs, key=f): any list or set, ordered by f */
    Type *t = taken_whole(c, a[0], check_expr(c, a[0], NULL));
    if (t->kind == TY_CLASS && iter_elem(c, t))  /* max(freq, key=freq.get) of a Counter: its keys, listed */
      t = comprehended_in_place(c, a[0], EX_LISTCOMP);
    Type *el = iter_elem(c, t);
    if (is_err(t)) return t;
    bool range = t->kind == TY_RANGE && a[0]->kind == EX_CALL;  /* min(range(n), key=f): an argmin */
    if ((t->kind != TY_LIST && t->kind != TY_SET && t->kind != TY_DICT && t->kind != TY_STR &&
         t->kind != TY_GENERATOR && !range) || !el)
      return error_at(c, a[0], "%s() with key= needs a list, set, dict, str, range() or generator, not %s",
                      builtin_name(((CallInfo *)e->info)->builtin), tn(c, t));
    check_key(c, keyword(e, "key"), el, e->info);
    return keyword(e, "default") ? minmax_default(c, e, a[0], el) : el;
  }
  if (keyword(e, "key") && keyword(e, "key")->kind != EX_NONE)
    return error_at(c, keyword(e, "key"), "key= is taken with one list or set argument here, not several values");
  if (n == 1) {
    Type *t = iterated(c, a[0], taken_whole(c, a[0], check_expr(c, a[0], NULL)), false, true);
    if (t->kind == TY_STR) t = comprehended_in_place(c, a[0], EX_LISTCOMP);  /* max("hello"): of its characters */
    Type *el = iter_elem(c, t);
    if ((t->kind != TY_LIST && t->kind != TY_SET && t->kind != TY_GENERATOR) || !el) return is_err(t) ? t : error_at(c, a[0], "%s() of one argument needs a list or set, not %s", builtin_name(((CallInfo *)e->info)->builtin), tn(c, t));
    return keyword(e, "default") ? minmax_default(c, e, a[0], el) : el;
  }
  bool numbers = true, number = false;  /* max(0, True, d["a"]): numbers of either type, in any order */
  for (Node *x = e->args; x; x = x->next) {
    if (x->kind == ND_KEYWORD) continue;
    Type *t = check_expr(c, x, NULL);
    numbers &= type_is_number(t);
    number |= t->kind == TY_NUMBER;
  }
  if (numbers && number) return T(TY_NUMBER);
  Type *r = NULL;
  for (Node *x = e->args; x; x = x->next) {
    if (x->kind == ND_KEYWORD) continue;
    Type *t = x->ty;
    Type *u = r ? unify(r, t) : t;
    if (!u || !(type_is_number(u) || u->kind == TY_STR || is_err(u)))
      return error_at(c, x, "%s() arguments must be numbers or strs of one type", builtin_name(((CallInfo *)e->info)->builtin));
    r = u;
  }
  return r;
}

/* set() (empty: its first use types it, as `[]`) and set(xs) of a list,
 * str, range, dict (its keys), set, or an object that iterates (a Counter). */
static Type *bi_set(Ctx *c, Node *e, int n, Node *arg) {
  Type *bad = want_args(c, e, n, 0, 1);
  if (bad) return bad;
  if (n == 0) return pending(c, e, TY_SET);
  Type *t = taken_whole(c, arg, check_expr(c, arg, NULL));
  if (is_class(t)) t = iterated(c, arg, t, false, false);  /* set(counts): the list its __iter__ gives */
  if (is_err(t)) return t;
  bool takes = t->kind == TY_LIST || t->kind == TY_STR || t->kind == TY_RANGE || t->kind == TY_DICT || t->kind == TY_SET ||
               t->kind == TY_GENERATOR || ((t->kind == TY_TUPLE || t->kind == TY_VARTUPLE) && iter_elem(c, t));
  if (!takes) return error_at(c, arg, "set() needs a list, str, range, dict, set or tuple, not %s", tn(c, t));
  if (t->pending) return error_at(c, arg, "set() of an empty list or dict whose type is not known yet: annotate it");
  Type *el = set_element(c, arg, iter_elem(c, t));
  return is_err(el) ? el : type_set(c->p, el);
}

/* sum(), any() or all() of a generator expression: the checker's
 * generator type, which only these calls take (emit_expr.c folds the
 * elements in one loop). sum() of objects (tensors: `sum(l.sum() for l in
 * losses)`) adds them with their own +, as sum() of a list of them does:
 * the list comprehension, given to builtins.gtp's _sum_objects. */
static Type *bi_fold(Ctx *c, Node *e, int bi, Node *g) {
  Type *el = check_genexp(c, g, bi != BI_SUM)->elem;
  if (is_err(el) || !type_known(el)) return T(TY_ERROR);  /* `[]` that nothing types: reported at the end */
  if (bi != BI_SUM) return truthy(el) ? T(TY_BOOL) : error_at(c, g->lhs, "a %s has no truth value", tn(c, el));
  if (is_int_like(el)) return T(TY_INT);
  if (el->kind == TY_FLOAT || el->kind == TY_NUMBER) return el;
  if (el->kind == TY_CLASS) {
    genexp_as_comp(g, EX_LISTCOMP);
    return call_builtins_def(c, e, "_sum_objects");
  }
  return error_at(c, g->lhs, "sum() needs int or float elements, or objects, not %s", tn(c, el));
}

/* sum(items, start): builtins.gtp's loop from start (_sum_from),
 * _sum_float_from where float items follow an int start (Python's total
 * turns float), _sum_numbers_from of `int | float` items (an int until
 * a float comes), _sum_lists_from of lists (`sum(rows, [])`); a
 * generator's items are taken as a list's. A str start is Python's
 * TypeError. */
static Type *sum_from(Ctx *c, Node *e, Node *arg, Node *start) {
  if (arg->kind == EX_GENEXP) genexp_as_comp(arg, EX_LISTCOMP);
  Type *items = check_expr(c, arg, NULL);
  Type *el = is_err(items) ? NULL : iter_elem(c, items);
  Type *st = check_expr(c, start, el && el->kind == TY_LIST ? el : NULL);  /* sum(rows, []) */
  if (is_err(items) || is_err(st)) return T(TY_ERROR);
  if (st->kind == TY_STR) return error_at(c, start, "sum() can't sum strings [use ''.join(seq) instead]");
  bool to_float = el && el->kind == TY_FLOAT && is_int_like(st);
  bool numbers = el && el->kind == TY_NUMBER && type_is_numeric(st);
  bool lists = el && el->kind == TY_LIST && st->kind == TY_LIST;
  return call_builtins_def(c, e, to_float ? "_sum_float_from" : numbers ? "_sum_numbers_from"
                                 : lists ? "_sum_lists_from" : "_sum_from");
}

/* What a call that consumes a generator expression g at once makes of it:
 * sum(), any() and all() a loop of their own (bi_fold); list(), sorted(),
 * min(), max() and set(), which take every element anyway, the list or
 * set comprehension; dict() of (key, value) displays the dict
 * comprehension. NULL: the call goes on as for any argument. */
static Type *genexp_arg(Ctx *c, Node *e, int bi, Node *g) {
  switch (bi) {
  case BI_SUM: case BI_ANY: case BI_ALL: return bi_fold(c, e, bi, g);
  case BI_LIST: case BI_TUPLE: case BI_SORTED: case BI_MIN: case BI_MAX: genexp_as_comp(g, EX_LISTCOMP); return NULL;
  case BI_SET: genexp_as_comp(g, EX_SETCOMP); return NULL;
  case BI_LEN: return error_at(c, g, "object of type 'generator' has no len(); take len() of a list comprehension [...]");
  case BI_DICT:
    if (g->lhs->kind != EX_TUPLE || ast_count(g->lhs->elts) != 2)
      return error_at(c, g->lhs, "dict() of a generator expression needs (key, value) tuple displays: "
                                 "dict((k, v) for k, v in pairs)");
    g->rhs = g->lhs->elts->next;
    g->lhs = g->lhs->elts;
    genexp_as_comp(g, EX_DICTCOMP);
    return check_expr(c, g, NULL);
  default: return NULL;
  }
}

/* What dict(x) iterates: x where it gives (key, value) pairs (a list of
 * them, zip(keys, values)), else x.items() of a dict or of an object
 * with items() (Counter, defaultdict); NULL for anything else. */
static Node *dict_pairs(Ctx *c, Node *x, Type *t) {
  Type *el = t->kind == TY_DICT ? NULL : iter_elem(c, t);
  if (el && el->kind == TY_TUPLE && el->nitems == 2) return x;
  if (t->kind != TY_DICT && (t->kind != TY_CLASS || !class_method(t->cls, "items"))) return NULL;
  Node *items = node_like(c, x, EX_ATTR), *call = node_like(c, x, EX_CALL);
  items->lhs = x;
  items->name = "items";
  call->lhs = items;
  return call;
}

/* dict(x): {key: value for key, value in x}, of x's pairs (dict_pairs):
 * the comprehension, in place of the argument, is what emit writes. */
/* The dict comprehension {key: value for key, value in <pairs of x>}
 * that dict(x) is, unchecked; NULL after an error. */
static Node *dict_comp_of(Ctx *c, Node *e, Node *x) {
  if (x->kind == ND_KEYWORD) {
    error_at(c, x, "dict() of keywords is not supported: write a dict display");
    return NULL;
  }
  Type *t = check_expr(c, x, NULL);
  if (is_err(t)) return NULL;
  Node *it = dict_pairs(c, x, t);
  if (!it) {
    error_at(c, x, "dict() takes a dict, an object with items() or (key, value) pairs, not %s", tn(c, t));
    return NULL;
  }
  Node *pair = node_like(c, x, EX_TUPLE), *comp = node_like(c, x, ND_COMP), *d = node_like(c, e, EX_DICTCOMP);
  pair->elts = name_like(c, x, "key");
  pair->elts->next = name_like(c, x, "value");
  comp->lhs = pair;
  comp->rhs = it;
  d->lhs = name_like(c, x, "key");
  d->rhs = name_like(c, x, "value");
  d->comps = comp;
  return d;
}

static Type *dict_of(Ctx *c, Node *e, Node *x) {
  Node *d = dict_comp_of(c, e, x);
  if (!d) return T(TY_ERROR);
  e->args = d;
  return check_expr(c, d, NULL);
}

/* dict(d, b=2): builtins.gtp's _dict_with of the copy dict(d) makes and
 * the keywords' display, which sets them in it, as Python's dict() does. */
static Type *dict_with_keywords(Ctx *c, Node *e, Node *x) {
  Node *d = dict_comp_of(c, e, x);
  if (!d) return T(TY_ERROR);
  Type *el = x->ty->kind == TY_DICT ? NULL : iter_elem(c, x->ty);
  Type *key = x->ty->kind == TY_DICT ? x->ty->key : el && el->kind == TY_TUPLE ? el->items[0] : NULL;
  if (key && key->kind != TY_STR && !is_err(key))
    return error_at(c, x, "dict() of %s and keywords: the keywords are str keys, which a dict of %s keys does not "
                    "hold here", tn(c, x->ty), tn(c, key));
  d->next = keywords_display(c, e);
  e->args = d;
  return call_builtins_def(c, e, "_dict_with");
}

/* int(s, base), int(s, base=b): s a str (CPython's TypeError for a
 * number: "can't convert non-string with explicit base"); the call's
 * args are s and the base, in that order. */
static Type *int_of_base(Ctx *c, Node *e, Node **a) {
  CallInfo *ci = e->info;
  Node *base = a[1] ? a[1] : keyword(e, "base");
  Type *ts = check_expr(c, a[0], NULL), *tb = check_expr(c, base, NULL);
  if (ts->kind != TY_STR && !is_err(ts))
    return error_at(c, a[0], "int() can't convert non-string with explicit base: %s given", tn(c, ts));
  if (!is_int_like(tb) && !is_err(tb)) return error_at(c, base, "int() base must be an int, not %s", tn(c, tb));
  ci->args = arena_alloc(c->p->arena, 2 * sizeof *ci->args);
  ci->args[0] = a[0];
  ci->args[1] = base;
  ci->nargs = 2;
  return T(TY_INT);
}

/* zip(*rows): the columns (builtins.gtp's _zip_star) of rows of one item
 * type; `a, b = zip(*pairs)` of rows of tuple[A, B] (two to four types),
 * the tuple of each position (_unzip2 ...), which unpacking takes. */
static Type *zip_star(Ctx *c, Node *e, Node *rows) {
  Type *t = check_expr(c, rows, NULL);
  if (is_err(t)) return t;
  Type *row = iter_elem(c, t);
  const char *def = "_zip_star";
  if (row && row->kind == TY_TUPLE && !iter_elem(c, row)) {
    if (row->nitems > 4)
      return error_at(c, rows, "zip(*rows) of rows of %d items of different types: at most 4 are unzipped", row->nitems);
    def = arena_printf(c->p->arena, "_unzip%d", row->nitems);
  } else if (!row || !iter_elem(c, row)) {
    return error_at(c, rows, "zip(*rows) needs rows that are iterated (a list of lists or tuples), not %s", tn(c, t));
  }
  e->args = rows;
  rows->next = NULL;
  return call_builtins_def(c, e, def);
}

/* len(x), int(x), float(x) of a class: x.__len__(), x.__int__(), x.__float__(). */
static Type *dunder_call(Ctx *c, Node *e, Type *t, const char *name, Node *recv) {
  Func *f = class_method(t->cls, name);
  CallInfo *ci = new_call(c, e, CALL_METHOD, f->nparams);
  ci->fn = f;
  ci->recv = recv;
  return set_type(e, f->ret);
}

/* The extern __next__ of an extern iterator's class (a DataLoader's), or NULL. */
static Func *extern_next(const Type *t) {
  Func *f = is_class(t) ? class_method(t->cls, "__next__") : NULL;
  return f && f->is_extern && f->nparams == 1 ? f : NULL;
}

/* next(g), next(g, default) of a generator: its next element, or the
 * default at its end (an Optional where the default is None). */
static Type *bi_next(Ctx *c, Node *e, int n, Node **a) {
  Type *bad = want_args(c, e, n, 1, 2);
  if (bad) return bad;
  Type *g = check_expr(c, a[0], NULL);
  if (is_err(g)) return g;
  Func *next = extern_next(g);
  if (next && n == 1) {  /* next(iter(loader)): the extern iterator's __next__ */
    ((CallInfo *)e->info)->fn = next;
    return next->ret;
  }
  Func *own = is_class(g) ? class_method(g->cls, "__next__") : NULL;
  if (own && !own->is_extern && own->nparams == 1 && n == 1) {  /* next(it) of an iterator class: it.__next__() */
    CallInfo *ci = e->info;
    ci->kind = CALL_METHOD;
    ci->fn = own;
    ci->recv = a[0];
    ci->nargs = 0;
    return own->ret;
  }
  if (g->kind != TY_GENERATOR)
    return error_at(c, a[0], "next() takes a generator (a call of a function with yield, or iter(x)), not %s", tn(c, g));
  if (n == 1) return g->elem;
  Type *d = check_expr(c, a[1], g->elem);
  if (d->kind == TY_NONE) return type_optional(c->p, g->elem);
  if (assignable(g->elem, d)) return g->elem;
  return is_err(d) ? d : error_at(c, a[1], "next()'s default must be %s or None, not %s", tn(c, g->elem), tn(c, d));
}

/* iter(x): a generator itself; a list, str, dict or set as a generator
 * of its elements; an object whose __iter__ is a generator method, what
 * that makes. */
static Type *bi_iter(Ctx *c, Node *e, Node *x) {
  Type *t = check_expr(c, x, NULL);
  if (is_err(t) || t->kind == TY_GENERATOR) return t;
  Func *f = is_class(t) ? class_method(t->cls, "__iter__") : NULL;
  if (f && f->nparams == 1 && (f->ret->kind == TY_GENERATOR || extern_next(f->ret))) return dunder_call(c, e, t, "__iter__", x);
  if (object_next(t)) return iterate_by_next(c, x);
  bool seq = t->kind == TY_LIST || t->kind == TY_STR || t->kind == TY_DICT || t->kind == TY_SET;
  if (seq && !t->pending) return type_generator(c->p, iter_elem(c, t));
  return error_at(c, x, "iter() takes a list, str, dict, set, generator or an object whose __iter__ yields, not %s",
                  tn(c, t));
}

/* ---- hasattr and getattr of a literal name --------------------------------- */

/* k's own method `name` (not a base's), or NULL. */
static Func *own_method(const ClassInfo *k, const char *name) {
  for (Func *f = k->methods; f; f = f->next)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

/* isinstance(x, K) of an x of extern class own, K an extern class
 * deriving it: which K it is shows where it runs only for modules,
 * exceptions, and classes that declare `__isinstance__` (an Optimizer:
 * one C type for every optimizer). Else nothing tells, and the test may
 * not be taken for false. */
static bool undecided_isinstance(const ClassInfo *own, const ClassInfo *k) {
  if (!own->is_extern || !k->is_extern || own == k || !class_derives(k, own)) return false;
  if (own->protocol == PROTO_MODULE || own->protocol == PROTO_EXCEPTION) return false;
  return !class_method(own, "__isinstance__");
}

/* Where k's objects have `name` from an extern class that declares
 * `__hasattr__` itself (nn.Module: its weight and its containers' methods,
 * declared for every layer, are some layers' only): that method, which
 * answers where the program runs; else NULL. */
static Func *asks_runtime(const ClassInfo *k, const char *name) {
  Func *m = class_method(k, name);
  return m && m->cls && m->cls->is_extern ? own_method(m->cls, "__hasattr__") : NULL;
}

/* Has every object of class k the attribute `name` (a field set in
 * __init__, a method, a property, a class attribute)? */
static bool class_has(Ctx *c, ClassInfo *k, const char *name) {
  need_fields(c, k);
  Field *f = find_field(k, name);
  if (f) return !f->late && k->protocol != PROTO_NAMESPACE;
  if (asks_runtime(k, name)) return false;
  return class_method(k, name) || class_method_alias(k, name) || class_attr(k, name);
}

/* Has an object of class k the attribute, or may it have (a late field)? */
static bool class_may_have(Ctx *c, ClassInfo *k, const char *name) {
  return class_has(c, k, name) || find_field(k, name);
}

/* The classes deriving k whose objects have `name` where k's do not (each
 * the first on its chain below k), into ci: a test where it runs. */
static void deriving_classes_with(Ctx *c, ClassInfo *k, const char *name, CallInfo *ci) {
  int cap = 0;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next) {
      if (d == k || !class_derives(d, k) || !class_may_have(c, d, name) || class_may_have(c, d->base, name))
        continue;
      if (ci->nhas_classes == cap) {
        cap = cap ? 2 * cap : 4;
        ClassInfo **l = arena_alloc(c->p->arena, cap * sizeof *l);
        Field **late = arena_alloc(c->p->arena, cap * sizeof *late);
        if (ci->nhas_classes) memcpy(l, ci->has_classes, ci->nhas_classes * sizeof *l);
        if (ci->nhas_classes) memcpy(late, ci->has_late, ci->nhas_classes * sizeof *late);
        ci->has_classes = l;
        ci->has_late = late;
      }
      Field *f = find_field(d, name);
      ci->has_late[ci->nhas_classes] = f && f->late ? f : NULL;
      ci->has_classes[ci->nhas_classes++] = d;
    }
}

/* Does a value of type t have the attribute `name`: ISA_TRUE, ISA_FALSE,
 * or ISA_DYNAMIC with what to test in ci. The program's classes are all
 * known, so an object whose class does not have it has it only where it
 * is of a deriving class that does; a late field or a namespace's slot has
 * it once set; an extern class's `__hasattr__` answers for what it
 * declares. -1 where t's attributes are not known here. */
static int attr_presence(Ctx *c, Type *t, const char *name, CallInfo *ci) {
  if (t->kind == TY_OPTIONAL) t = t->elem;  /* None has none: emit tests it first */
  if (t->kind == TY_MODULE) return scope_find(&t->mod->globals, name) ? ISA_TRUE : ISA_FALSE;
  if (t->kind == TY_CLASSREF) return class_method(t->cls, name) || class_attr(t->cls, name) ? ISA_TRUE : ISA_FALSE;
  if (t->kind != TY_CLASS) {
    if (t->kind == TY_STR || t->kind == TY_LIST || t->kind == TY_DICT || t->kind == TY_SET)
      return bmethod_lookup(t->kind, name) ? ISA_TRUE : ISA_FALSE;
    return -1;
  }
  ClassInfo *k = t->cls;
  if (class_has(c, k, name)) return ISA_TRUE;
  Field *f = find_field(k, name);
  if (f || asks_runtime(k, name)) {  /* set where some method or parse ran; the layer's */
    ci->has_field = f;
    ci->has_method = f ? NULL : asks_runtime(k, name);
    return ISA_DYNAMIC;
  }
  if (class_method(k, "__getattr__")) return -1;  /* a container's children by name: its run decides */
  deriving_classes_with(c, k, name, ci);
  return ci->nhas_classes ? ISA_DYNAMIC : ISA_FALSE;
}

static const char *literal_name(Ctx *c, Node *call, Node *a) {
  if (a->kind == EX_STR) return a->str;
  check_expr(c, a, NULL);
  error_at(c, a, "%s() takes the attribute's name as a str literal: the checker decides it from the classes",
           builtin_name(((CallInfo *)call->info)->builtin));
  return NULL;
}

/* hasattr(x, "name"): decided by x's type and the classes deriving its
 * class, or tested where it runs (attr_presence). */
static Type *bi_hasattr(Ctx *c, Node *e, CallInfo *ci, Node **a) {
  Type *t = check_expr(c, a[0], NULL);
  const char *name = literal_name(c, e, a[1]);
  if (!name || is_err(t)) return T(TY_ERROR);
  check_expr(c, a[1], NULL);
  int isa = attr_presence(c, t, name, ci);
  if (isa < 0)
    return error_at(c, e, "hasattr() of %s is not supported (only of objects of classes without __getattr__, modules, "
                    "classes, str, list, dict and set)", a_type(c, t));
  if (t->kind == TY_OPTIONAL && isa == ISA_TRUE) isa = ISA_DYNAMIC;  /* None has no attribute: tested */
  ci->isa = isa;
  return T(TY_BOOL);
}

/* Is x a name or a name's attribute chain: read again, the same object? */
bool rereadable(const Node *x) {
  while (x->kind == EX_ATTR) x = x->lhs;
  return x->kind == EX_NAME;
}

/* getattr(x, "name") is x.name, and so is getattr(x, "name", default)
 * where x's objects have it; where none does, it is the default; where
 * the run decides, `x.name if hasattr(x, "name") else default` (of x that
 * reading again reads the same: a name, its attributes). e becomes that
 * expression in place. */
static Type *bi_getattr(Ctx *c, Node *e, CallInfo *ci, Node **a, int n, Type *expect) {
  Type *t = n == 2 ? NULL : check_expr(c, a[0], NULL);  /* of two, x.name tells */
  const char *name = literal_name(c, e, a[1]);
  if (!name || (t && is_err(t))) return T(TY_ERROR);
  int isa = n == 2 ? ISA_TRUE : attr_presence(c, t, name, ci);
  Node *next = e->next;
  if (isa == ISA_FALSE) {
    *e = *a[2];
    e->next = next;
    return check_expr(c, e, expect);
  }
  if (isa != ISA_TRUE && (isa < 0 || !rereadable(a[0])))
    return error_at(c, e, "getattr() with a default where only some objects of %s have '%s' is supported of a name "
                    "(or its attribute) only: assign the object to a name first", a_type(c, t), name);
  Node *attr = ast_new(c->p->arena, EX_ATTR, e->file, e->pos, e->len);
  attr->lhs = isa == ISA_TRUE ? a[0] : ast_copy(c->p->arena, a[0]);
  attr->lhs->next = NULL;
  attr->name = name;
  if (isa == ISA_TRUE) {
    *e = *attr;
  } else {  /* the call, a hasattr() now, is the test */
    Node *test = ast_new(c->p->arena, EX_CALL, e->file, e->pos, e->len);
    *test = *e;
    test->lhs = ast_name(c->p->arena, e->lhs, "hasattr");
    test->args = a[0];
    a[0]->next = a[1];
    a[1]->next = NULL;
    test->info = NULL;
    test->ty = NULL;
    *e = (Node){.kind = EX_IFEXP, .pos = e->pos, .len = e->len, .file = e->file, .depth = e->depth + 1,
                .cond = test, .lhs = attr, .rhs = a[2]};
  }
  e->next = next;
  e->ty = NULL;
  return check_expr(c, e, expect);
}

Type *check_builtin_call(Ctx *c, Node *e, int bi) {
  CallInfo *ci = new_call(c, e, CALL_BUILTIN, 0);
  ci->builtin = bi;
  Node *a[4] = {0};
  int n = positional(e, a, 4);
  if (bi == BI_PRINT) return set_type(e, bi_print(c, e, ci));
  if (bi == BI_DICT && n == 1 && keyword(e, NULL)) return set_type(e, dict_with_keywords(c, e, a[0]));
  if (bi == BI_SORTED) no_keywords(c, e, "reverse", "key");
  else if (bi == BI_MIN || bi == BI_MAX) no_keywords(c, e, "key", "default");
  else if (bi == BI_ENUMERATE) no_keywords(c, e, "start", NULL);
  else if (bi == BI_INT) no_keywords(c, e, "base", NULL);
  else if (bi == BI_SUM) no_keywords(c, e, "start", NULL);
  else if (bi == BI_ZIP) no_keywords(c, e, "strict", NULL);
  else no_keywords(c, e, NULL, NULL);
  bool walks = bi == BI_LEN || bi == BI_LIST || bi == BI_TUPLE || bi == BI_SORTED || bi == BI_SET ||
               bi == BI_ENUMERATE || bi == BI_REVERSED;
  Sym *named = walks && n >= 1 && a[0]->kind == EX_NAME ? find_name(c, a[0]->name) : NULL;
  if (named && named->kind == SYM_CLASS && named->cls->protocol == PROTO_ENUM)  /* len(Color): its members */
    enum_members(c, a[0], check_expr(c, a[0], NULL));
  if (n == 1 && a[0]->kind == EX_GENEXP && !(bi == BI_SUM && keyword(e, "start"))) {
    Type *t = genexp_arg(c, e, bi, a[0]);
    if (t) return set_type(e, t);
  }
  Type *bad = NULL;
  Type *t0 = NULL, *t1 = NULL;
  switch (bi) {
  case BI_LEN:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (t0->kind == TY_STR || t0->kind == TY_LIST || t0->kind == TY_DICT || t0->kind == TY_SET || t0->kind == TY_TUPLE ||
        t0->kind == TY_VARTUPLE || is_err(t0))
      return set_type(e, T(TY_INT));
    if (t0->kind == TY_CLASS && class_method(t0->cls, "__len__")) return dunder_call(c, e, t0, "__len__", a[0]);
    bad = error_at(c, a[0], "object of type %s has no len()", tn(c, t0));
    break;
  case BI_RANGE:
    if ((bad = want_args(c, e, n, 1, 3))) break;
    for (int i = 0; i < n; i++) {
      Type *t = check_expr(c, a[i], NULL);
      if (!is_int_like(t)) bad = error_at(c, a[i], "range() arguments must be int, not %s", tn(c, t));
    }
    if (!bad) return set_type(e, type_new(c->p, TY_RANGE));
    break;
  case BI_STR:
  case BI_REPR:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_displayed(c, a[0]);
    if (!printable(t0)) bad = error_at(c, a[0], "cannot convert a %s to str", tn(c, t0));
    else return set_type(e, T(TY_STR));
    break;
  case BI_INT:
    if ((n == 2 || keyword(e, "base")) && !(bad = want_args(c, e, n, 1, 2))) return set_type(e, int_of_base(c, e, a));
    /* fall through */
  case BI_FLOAT:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (type_is_numeric(t0) || t0->kind == TY_NUMBER || t0->kind == TY_STR || is_err(t0))
      return set_type(e, T(bi == BI_INT ? TY_INT : TY_FLOAT));
    if (t0->kind == TY_CLASS && class_method(t0->cls, bi == BI_INT ? "__int__" : "__float__"))
      return dunder_call(c, e, t0, bi == BI_INT ? "__int__" : "__float__", a[0]);
    bad = error_at(c, a[0], "%s() argument must be a str or a number, not %s", builtin_name(bi), tn(c, t0));
    break;
  case BI_BOOL:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_truth(c, a[0]);
    if (!truthy(t0)) bad = error_at(c, a[0], "a %s has no truth value", tn(c, t0));
    else return set_type(e, T(TY_BOOL));
    break;
  case BI_ABS:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (t0->kind == TY_FLOAT || t0->kind == TY_NUMBER || is_err(t0)) return set_type(e, t0);
    if (is_int_like(t0)) return set_type(e, T(TY_INT));
    if (t0->kind == TY_CLASS && class_method(t0->cls, "__abs__")) return dunder_call(c, e, t0, "__abs__", a[0]);
    bad = error_at(c, a[0], "bad operand type for abs(): %s", tn(c, t0));
    break;
  case BI_MIN:
  case BI_MAX:
    return set_type(e, bi_minmax(c, e, n, a));
  case BI_SUM:
    if (n == 2 || (n == 1 && keyword(e, "start")))  /* sum(items, start), sum(items, start=x) */
      return set_type(e, sum_from(c, e, a[0], n == 2 ? a[1] : keyword(e, "start")));
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = iterated(c, a[0], taken_whole(c, a[0], check_expr(c, a[0], NULL)), true, false);
    if (is_err(t0)) return set_type(e, t0);
    bool seq = t0->kind == TY_LIST || t0->kind == TY_SET || t0->kind == TY_GENERATOR;
    if (t0->kind == TY_RANGE || (seq && is_int_like(t0->elem))) return set_type(e, T(TY_INT));
    if (seq && (t0->elem->kind == TY_FLOAT || t0->elem->kind == TY_NUMBER)) return set_type(e, t0->elem);
    if (t0->kind == TY_LIST && t0->elem->kind == TY_CLASS) return call_builtins_def(c, e, "_sum_objects");
    bad = error_at(c, a[0], "sum() needs a list or set of int or float, or a list of objects, not %s", tn(c, t0));
    break;
  case BI_ROUND:
    if ((bad = want_args(c, e, n, 1, 2))) break;
    t0 = check_expr(c, a[0], NULL);
    if (n == 2) {
      t1 = check_expr(c, a[1], NULL);
      if (!is_int_like(t1)) bad = error_at(c, a[1], "round() ndigits must be int, not %s", tn(c, t1));
    }
    if (!type_is_numeric(t0) && t0->kind != TY_NUMBER && !is_err(t0))
      bad = error_at(c, a[0], "round() needs a number, not %s", tn(c, t0));
    /* round(x, n) keeps x's type (an int stays an int); round(x) is an int */
    bool keeps = n == 2 && (t0->kind == TY_FLOAT || t0->kind == TY_NUMBER);
    if (!bad) return set_type(e, keeps ? t0 : T(TY_INT));
    break;
  case BI_SORTED:
  case BI_REVERSED:
  case BI_TUPLE:
  case BI_LIST:
    if ((bad = want_args(c, e, n, bi == BI_LIST || bi == BI_TUPLE ? 0 : 1, 1))) break;
    if (n == 0)
      return set_type(e, error_at(c, e, "%s() needs an argument; write an annotated %s instead", builtin_name(bi),
                                  bi == BI_LIST ? "[]" : "()"));
    bool keyed = bi == BI_SORTED && keyword(e, "key") && keyword(e, "key")->kind != EX_NONE;
    t0 = check_expr(c, a[0], NULL);
    if (bi != BI_REVERSED) t0 = taken_whole(c, a[0], t0);
    t0 = iterated(c, a[0], t0, false, bi == BI_SORTED && !keyed);
    if (is_err(t0)) return set_type(e, t0);
    /* a set or a generator has no order to reverse: CPython's TypeError */
    bool of_set = (t0->kind == TY_SET || t0->kind == TY_GENERATOR) && bi != BI_REVERSED;
    bool of_tuple = (t0->kind == TY_TUPLE || t0->kind == TY_VARTUPLE) && iter_elem(c, t0);  /* of one item type */
    if (t0->kind == TY_LIST || t0->kind == TY_STR || t0->kind == TY_DICT || of_set || of_tuple ||
        (bi != BI_SORTED && t0->kind == TY_RANGE)) {
      ci->reverse_kw = keyword(e, "reverse") != NULL;
      if (keyed) check_key(c, keyword(e, "key"), iter_elem(c, t0), ci);
      if (ci->reverse_kw) {
        Type *rt = check_expr(c, keyword(e, "reverse"), NULL);
        if (!is_int_like(rt)) error_at(c, keyword(e, "reverse"), "argument 'reverse' of sorted expects bool, got %s", tn(c, rt));
      }
      if (bi == BI_TUPLE) return set_type(e, type_vartuple(c->p, iter_elem(c, t0)));  /* a tuple[T, ...] */
      return set_type(e, type_list(c->p, iter_elem(c, t0)));
    }
    bad = error_at(c, a[0], "%s() needs a list, str, dict%s, not %s", builtin_name(bi),
                   bi == BI_REVERSED ? " or other sequence" : " or set", tn(c, t0));
    break;
  case BI_SET:
    return set_type(e, bi_set(c, e, n, a[0]));
  case BI_DICT:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    return set_type(e, dict_of(c, e, a[0]));
  case BI_MAP:
  case BI_FILTER:
    return set_type(e, bi_map(c, e, n, a, bi));
  case BI_ENUMERATE:
    if ((bad = want_args(c, e, n, 1, 2))) break;
    t0 = check_expr(c, a[0], NULL);
    if (n == 2 || keyword(e, "start")) {
      Node *s = n == 2 ? a[1] : keyword(e, "start");
      t1 = check_expr(c, s, NULL);
      if (!is_int_like(t1)) error_at(c, s, "enumerate() start must be int, not %s", tn(c, t1));
    }
    if (!iter_elem(c, t0)) bad = error_at(c, a[0], "cannot iterate over a value of type %s", tn(c, t0));
    else {
      Type *t = type_new(c->p, TY_ENUMERATE);
      t->elem = t0;
      return set_type(e, t);
    }
    break;
  case BI_ZIP: {
    if (n < 1) return set_type(e, error_at(c, e, "zip() needs at least one argument"));
    Node *strict = keyword(e, "strict");
    if (strict && n == 1 && a[0]->kind == EX_STARRED)
      return set_type(e, error_at(c, strict, "zip(*rows, strict=...) is not supported yet: zip(*rows) stops at the "
                                             "shortest row"));
    if (n == 1 && a[0]->kind == EX_STARRED && a[0]->op != OP_POW) return set_type(e, zip_star(c, e, a[0]->lhs));
    Type *t = type_new(c->p, TY_ZIP);
    t->items = arena_alloc(c->p->arena, n * sizeof *t->items);
    t->nitems = n;
    int i = 0;
    for (Node *x = e->args; x; x = x->next) {
      if (x->kind == ND_KEYWORD) continue;
      t->items[i] = check_expr(c, x, NULL);
      if (is_err(t->items[i])) bad = t->items[i];  /* reported where it was found */
      else if (!iter_elem(c, t->items[i]))
        bad = error_at(c, x, "zip() argument %d is not iterable: %s", i + 1, tn(c, t->items[i]));
      i++;
    }
    Type *ts = strict ? check_expr(c, strict, NULL) : NULL;
    if (ts && ts->kind != TY_BOOL && !is_err(ts))
      bad = error_at(c, strict, "zip()'s strict= takes a bool (True or False), not %s", tn(c, ts));
    if (!bad) return set_type(e, t);
    break;
  }
  case BI_INPUT:
    if ((bad = want_args(c, e, n, 0, 1))) break;
    if (n == 1) {
      t0 = check_expr(c, a[0], NULL);
      if (t0->kind != TY_STR && !is_err(t0)) bad = error_at(c, a[0], "input() prompt must be str");
    }
    if (!bad) return set_type(e, T(TY_STR));
    break;
  case BI_ANY:
  case BI_ALL:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = iterated(c, a[0], check_expr(c, a[0], NULL), false, false);
    if (is_err(t0)) return set_type(e, t0);
    if ((t0->kind == TY_LIST || t0->kind == TY_GENERATOR) && builtin_truth(t0->elem)) return set_type(e, T(TY_BOOL));
    bad = error_at(c, a[0], "%s() takes a list of numbers, strs, lists, tuples or dicts, not %s", builtin_name(bi),
                   tn(c, t0));
    break;
  case BI_DIVMOD:
    if ((bad = want_args(c, e, n, 2, 2))) break;
    t0 = check_expr(c, a[0], NULL);
    t1 = check_expr(c, a[1], NULL);
    if (!type_is_numeric(t0) || !type_is_numeric(t1)) {
      bad = is_err(t0) || is_err(t1) ? T(TY_ERROR)
                                     : error_at(c, e, "unsupported operand types for divmod(): %s and %s", tn(c, t0), tn(c, t1));
      break;
    }
    Type *q = T(is_int_like(t0) && is_int_like(t1) ? TY_INT : TY_FLOAT), *pair[] = {q, q};
    return set_type(e, type_tuple(c->p, pair, 2));
  case BI_NEXT:
    return set_type(e, bi_next(c, e, n, a));
  case BI_ITER:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    return set_type(e, bi_iter(c, e, a[0]));
  case BI_ISINSTANCE:
    if ((bad = want_args(c, e, n, 2, 2))) break;
    t0 = check_expr(c, a[0], NULL);
    if (a[0]->flags & NAME_NARROW_CHECKED) {  /* a call may have set it None since its test: tested as it is */
      a[0]->flags &= ~NAME_NARROW_CHECKED;
      t0 = set_type(a[0], a[0]->sym->ty);
    }
    if (t0->kind == TY_UNION || (t0->kind == TY_OPTIONAL && t0->elem->kind == TY_UNION))
      return set_type(e, isinstance_union(c, ci, t0, a[1]));
    if (builtin_types(c, a[1])) return set_type(e, isinstance_builtin(c, e, ci, t0, a[1]));
    if (a[1]->kind == EX_TUPLE && a[1]->elts && names_a_value(a[0]) && all_classes(c, a[1]))
      return isinstance_each(c, e, a[0], a[1]);
    if (a[1]->kind == EX_TUPLE) {
      bad = set_type(a[1], error_at(c, a[1], "isinstance() takes a tuple of classes and built-in types (int, float, "
                                             "bool, str, list, dict, tuple, set), of a name or a field (`m`, "
                                             "`self.m`); test other values one class at a time"));
      break;
    }
    t1 = check_expr(c, a[1], NULL);
    if (t0->kind == TY_OPTIONAL && t0->elem->kind == TY_CLASS) t0 = t0->elem;  /* None is no C: tested first */
    bool plain = t0->kind != TY_CLASS && (t0->kind != TY_OPTIONAL || t0->elem->kind != TY_CLASS);
    if (t1->kind == TY_CLASSREF && plain && !is_err(t0) && type_known(t0)) {
      ci->isa = ISA_FALSE;  /* a list, a str, a number is no object of a class: a union's instance decides */
      return set_type(e, T(TY_BOOL));
    }
    if (t0->kind != TY_CLASS || t1->kind != TY_CLASSREF) {
      bad = error_at(c, e, "isinstance() takes an object and a class, or a built-in type (int, float, bool, str, "
                           "list, dict, tuple, set) or a tuple of them");
      break;
    }
    ci->cls = t1->cls;  /* emit.c: true, false, or a run-time test of a module's class */
    if (!is_err(t0) && undecided_isinstance(t0->cls, t1->cls))
      return set_type(e, error_at(c, e, "isinstance() of %s with its subclass %s is not decided where it runs: the "
                                  "library declares no test of its objects' classes (__isinstance__)",
                                  a_type(c, t0), t1->cls->name));
    return set_type(e, T(TY_BOOL));
  case BI_HASH:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (t0->kind == TY_CLASS && !t0->cls->is_extern && !class_hashable(t0->cls))
      bad = unhashable_class(c, a[0], t0->cls, "hashed");
    else if (!type_hashable(t0))
      bad = error_at(c, a[0], "unhashable type: %s (hash() takes an int, float, bool, str, a tuple of them or an "
                              "object)", tn(c, t0));
    else
      return set_type(e, T(TY_INT));
    break;
  case BI_ISSUBCLASS:
    if ((bad = want_args(c, e, n, 2, 2))) break;
    return set_type(e, issubclass_classes(c, e, ci, a[0], a[1]));
  case BI_HASATTR:
    if ((bad = want_args(c, e, n, 2, 2))) break;
    return set_type(e, bi_hasattr(c, e, ci, a));
  case BI_GETATTR:
    if ((bad = want_args(c, e, n, 2, 3))) break;
    return bi_getattr(c, e, ci, a, n, NULL);
  default:
    bad = error_at(c, e, "%s() is not supported", builtin_name(bi));
  }
  for (int i = 0; i < n && i < 4; i++)
    if (!a[i]->ty) check_expr(c, a[i], NULL);
  (void)bad;
  return set_type(e, T(TY_ERROR));
}

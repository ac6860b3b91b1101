/* check_expr.c - the type of every expression: names, literals, fields and
 * attributes, subscripts, operators, truth tests, comparisons,
 * comprehensions, and check_expr, which dispatches on the node's kind.
 * Calls are check_call.c's.
 */
#include "check.h"

/* ---- names --------------------------------------------------------------- */

Sym *find_name(Ctx *c, const char *name) {
  Sym *y = scope_find(c->scope, name);
  if (y) return y;
  return scope_find(&c->m->globals, name);
}

/* Is `name` a variable of the code around a lambda (a local of the
 * function it stands in, or a comprehension's variable), not its own? Its
 * scope is linked to theirs (check_lambda), so that such a name is never
 * taken for a global of the same name. */
static bool captured(Ctx *c, const char *name) {
  if (!c->fn || !c->fn->outer) return false;
  Scope *up = c->fn->locals.up;
  c->fn->locals.up = NULL;
  Sym *own = scope_find(c->scope, name);
  c->fn->locals.up = up;
  return !own && scope_find(up, name);
}

/* An empty `[]`, `{}` or `set()` with nothing to say its element types: a
 * pending type that its first use settles (settle); check_program reports
 * one that nothing settles. */
Type *pending(Ctx *c, Node *display, TypeKind kind) {
  Program *p = c->p;
  if (p->npendings == p->cappendings) {
    p->cappendings = p->cappendings ? 2 * p->cappendings : 16;
    Type **ts = arena_alloc(p->arena, p->cappendings * sizeof *ts);
    Node **at = arena_alloc(p->arena, p->cappendings * sizeof *at);
    if (p->npendings) {
      memcpy(ts, p->pendings, p->npendings * sizeof *ts);
      memcpy(at, p->pending_at, p->npendings * sizeof *at);
    }
    p->pendings = ts;
    p->pending_at = at;
  }
  Type *t = type_pending(p, kind);
  p->pendings[p->npendings] = t;
  p->pending_at[p->npendings++] = display;
  return t;
}

/* A pending empty list or dict used where a `to` is expected takes `to`'s
 * type (one of its own kind whose types are known, or another pending one). */
int settle_paused;

bool settle(Type *pending_type, Type *to) {
  Type *t = type_settled(pending_type), *u = type_settled(to);
  if (!t || !u || t == u || !t->pending || t->kind != u->kind) return false;
  if (!u->pending && !type_known(u)) return false;
  if (!settle_paused) t->settled = u;
  return true;  /* it would take u */
}

/* The def that a read of a name defined more than once in the module's
 * body finds (resolve.c declare_version): in the top-level code, the last
 * def above the read (the statements between two defs run after the
 * first); from another module, the last def. A function's read finds the
 * def bound when the function runs, which no compile-time rule can tell:
 * refused. NULL after an error. */
static Sym *def_version(Ctx *c, Sym *y, Node *use) {
  Sym *v = y;
  if (c->m != y->mod) {
    while (v->next_version) v = v->next_version;
    return v;
  }
  if (c->fn != y->mod->init) {
    error_at(c, use, "'%s' is defined more than once at the top level (lines %d and %d): a function calls the "
             "def bound when it runs, which is not known here; give the defs different names",
             y->name, line_of(y->decl), line_of(y->next_version->decl));
    return NULL;
  }
  for (Sym *w = y->next_version; w && w->decl->pos < use->pos; w = w->next_version) v = w;
  return v;
}

static Type *sym_type(Ctx *c, Sym *y, Node *use) {
  if (y->kind == SYM_FUNC && y->next_version) {
    y = def_version(c, y, use);
    if (!y) return T(TY_ERROR);
    use->sym = y;
  }
  switch (y->kind) {
  case SYM_LOCAL: case SYM_PARAM: case SYM_GLOBAL: case SYM_EXTERNVAR: {
    if (y->kind == SYM_GLOBAL && y->next_version && y->mod && c->fn != y->mod->init)
      return error_at(c, use, "'%s' is rebound to another type at the top level (line %d): a function can read "
                      "only a global of one type; give the other binding another name", y->name,
                      line_of(y->next_version->decl));
    Sym *v;
    Type *t = flow_read(c, use, y, &v);  /* the binding that holds it here; an Optional tested here is its T */
    if (y->kind == SYM_GLOBAL && c->p->ran_early && t && !type_known(t)) run_early_calls(c);  /* log() typed it */
    use->sym = v;
    if (v->ty && v->ty->kind == TY_OPTIONAL && t && t->kind != TY_OPTIONAL && t->kind != TY_NONE && !is_err(t) &&
        rebound_elsewhere(c, flow_base(v)))
      use->flags |= NAME_NARROW_CHECKED;  /* reset() may have set it None since the test */
    v->read = true;
    return type_settled(t);
  }
  case SYM_FUNC: {
    if (y->fn->transform == TRANSFORM_CLASS)  /* transform.c's, never run */
      return error_at(c, use, "'%s' writes a class's methods: it stands above a class (@%s), not in an expression",
                      y->name, y->name);
    if (y->fn->transform == TRANSFORM_AUTO)
      return error_at(c, use, "'%s()' gives an Enum member's value in its class's body ('RED = %s()'), not elsewhere",
                      y->name, y->name);
    if (y->fn->transform == TRANSFORM_FIELD)
      return error_at(c, use, "'%s(...)' gives a field's default in the body of a class that a class transform "
                      "decorates ('xs: list[int] = %s(default_factory=list)'), not elsewhere", y->name, y->name);
    Type *t = type_new(c->p, TY_FUNC);
    t->fn = y->fn;
    return t;
  }
  case SYM_CLASS: {
    Type *t = type_new(c->p, TY_CLASSREF);
    t->cls = y->cls;
    return t;
  }
  case SYM_MODULE: {
    Type *t = type_new(c->p, TY_MODULE);
    t->mod = y->mod;
    return t;
  }
  case SYM_MODNAME: return T(TY_STR);
  case SYM_TYPEALIAS:
    return error_at(c, use, "'%s' is a type alias: it names a type in annotations, not a value", y->name);
  case SYM_BUILTIN: break;
  }
  return T(TY_ERROR);
}

/* The function around c->fn (or further out) whose variable base is, or
 * NULL; *inner: the function just inside it, defined in its body. */
static Func *owner_of(Ctx *c, Sym *base, Func **inner) {
  *inner = c->fn;
  for (Func *o = c->fn->outer; o && o != o->mod->init; *inner = o, o = o->outer)
    for (Sym *v = o->locals.syms; v; v = v->next)
      if (v == base) return o;
  return NULL;
}

/* A nested function's read of a variable of a function around it (a
 * closure): the variable, which lives in that function's environment,
 * read where the call runs (no narrowing applies). Each function between
 * them is a closure too, whose environment links to the one around it
 * (env_link). Not a variable of a dict or set comprehension yet (a list
 * comprehension's is a generator function's: comp_through_generator). */
static Type *read_captured(Ctx *c, Node *e, Sym *y) {
  Sym *base = flow_base(y);
  Func *inner;
  Func *outer = owner_of(c, base, &inner);
  if (!outer)
    return error_at(c, e, "a nested function or lambda cannot read '%s' here yet: only a variable of a function "
                    "around it or of a list comprehension (not of a dict or set comprehension, nor of a generator "
                    "expression a call takes at once)", e->name);
  if (base->deleted_at)  /* the nested function would read a released value */
    return error_at(c, e, "a nested function or lambda cannot read '%s', which a `del` deletes", e->name);
  if (!base->ty || !flow_bound(inner == c->fn ? c->outer_flow : inner->def_flow, base))  /* Python's NameError */
    return error_at(c, e, inner->deferred ? "'%s' is read by a nested function, so it must be assigned before the "
                    "function's first use, on every path" : "'%s' is read by a nested function, so it must be "
                    "assigned before the def or lambda, on every path", e->name);
  base->captured = true;
  base->owner = outer;
  base->read = true;
  for (Func *f = c->fn; f != outer; f = f->outer) {
    f->closure = true;
    if (f != c->fn) f->env_link = true;
  }
  e->sym = base;
  Type *t = type_settled(base->ty);
  return t->kind == TY_NONE ? error_at(c, e, "'%s' is only None here", e->name) : t;
}

/* An assignment of a variable `nonlocal` declares: the variable of the
 * function around, which keeps its type. False where t is not one. */
bool captured_write(Ctx *c, Node *t, Sym *y, Type *ty) {
  if (!captured(c, t->name)) return false;
  Type *vt = read_captured(c, t, y);
  if (!is_err(vt) && !assignable(vt, ty))
    error_at(c, t, "'%s' of the function around has type %s, cannot assign %s", t->name, tn(c, vt), tn(c, ty));
  t->ty = vt;
  return true;
}

static Type *check_name(Ctx *c, Node *e) {
  if (e->flags & NAME_TYPE_GIVEN) return e->ty;
  Sym *y = find_name(c, e->name);
  if (!y) {
    int bi = builtin_lookup(e->name);
    if (bi) {
      Type *t = type_new(c->p, TY_BUILTIN);
      t->builtin = bi;
      return set_type(e, t);
    }
    return set_type(e, error_at(c, e, "name '%s' is not defined", e->name));
  }
  if (captured(c, e->name)) return set_type(e, read_captured(c, e, y));
  e->sym = y;
  y->read = true;
  if (y->nested_def) check_deferred_def(c, y->nested_def);
  if (y->kind == SYM_GLOBAL && c->fn && c->fn != c->m->init && !y->read_by) y->read_by = c->fn;
  return set_type(e, sym_type(c, y, e));  /* a variable: e->sym is the binding read */
}

/* A name holding a lambda nothing typed yet (check_lambda's untyped_lambda)
 * where a Callable of known parameters is expected (`key=keyf`): that
 * Callable types it for the next run; this run, no error of its own. */
static Type *lambda_passed(Ctx *c, Node *e, Type *t, Type *expect) {
  bool untyped = t->kind == TY_CALLABLE && t->any_args && t->elem->kind == TY_UNKNOWN;
  if (!untyped || !expect || expect->kind != TY_CALLABLE || expect->any_args) return t;
  flow_lambda_expected(c, e, expect);
  return set_type(e, T(TY_ERROR));
}

/* ---- literals ---------------------------------------------------------- */

/* Does t contain a type that was an error (list[<error>])? */
bool has_error(const Type *t) {
  if (!t) return false;
  if (is_err(t)) return true;
  if (has_error(t->elem) || has_error(t->key)) return true;
  for (int i = 0; i < t->nitems; i++)
    if (has_error(t->items[i])) return true;
  return false;
}

/* The common type of two element types: equal, or int/float -> float; an
 * empty list or dict meeting a known one (or another) takes its type. */
Type *unify(const Type *a, const Type *b) {
  a = type_settled((Type *)a);
  b = type_settled((Type *)b);
  if (a == b) return (Type *)a;
  if (settle((Type *)a, (Type *)b)) return (Type *)b;
  if (settle((Type *)b, (Type *)a)) return (Type *)a;
  if (a->kind == TY_CLASS && b->kind == TY_CLASS && a->cls == b->cls) return a->cls->ty;  /* dtypes differ */
  if (a->kind == TY_CLASS && b->kind == TY_CLASS)  /* [Circle(1.0), Square(2.0)]: Shapes; */
    for (ClassInfo *k = a->cls; k; k = k->base)       /* [nn.Linear(2, 3), nn.ReLU()]: Modules */
      if (class_derives(b->cls, k)) return k->ty;
  if (has_error(a)) return (Type *)b;
  if (has_error(b)) return (Type *)a;
  if (type_is_numeric(a) && type_is_numeric(b) && (a->kind == TY_FLOAT || b->kind == TY_FLOAT))
    return T(TY_FLOAT);
  if (number_pair(a, b)) return T(TY_NUMBER);  /* [t.item(), 0.5]: numbers of either type, as Python's */
  return NULL;
}

/* Where two branches' values meet (x if c else y, x or y): their common
 * type, or Optional[T] where one is None. */
Type *join_types(Ctx *c, Type *a, Type *b) {
  Type *u = unify(a, b);
  if (u) return u;
  if (a->kind == TY_NONE) return type_optional(c->p, b->kind == TY_OPTIONAL ? b->elem : b);
  if (b->kind == TY_NONE) return type_optional(c->p, a->kind == TY_OPTIONAL ? a->elem : a);
  /* an Optional and what it takes (`p if flag else None` of an Optional p): the Optional */
  if (a->kind == TY_OPTIONAL && assignable(a, b)) return a;
  if (b->kind == TY_OPTIONAL && assignable(b, a)) return b;
  return NULL;
}

/* An element of a list, tuple, dict or set display must be a value: a module, a
 * class, a builtin function or a range() is only something to call,
 * iterate or look into. */
static Type *element(Ctx *c, Node *x, Type *want) {
  Type *t = check_expr(c, x, want);
  /* an Optional of a reference type: an item of a container of them (`return logits, loss` of a
     `-> tuple[Tensor, Optional[Tensor]]`); None where one is expected */
  if ((t->kind == TY_NONE || t->kind == TY_OPTIONAL) && want && want->kind == TY_OPTIONAL && type_is_ref(want) &&
      assignable(want, t))
    return want;
  if (t->kind == TY_OPTIONAL && type_is_ref(t)) return t;
  if (t->kind == TY_NONE && want && want->kind == TY_NONE) return t;  /* an item of a tuple[Tensor, None] */
  if (t->kind == TY_OPTIONAL || t->kind == TY_NONE)
    return error_at(c, x, "an element of a list, tuple, dict or set cannot be %s (test it is not None first%s)",
                    t->kind == TY_NONE ? "None" : a_type(c, t),
                    t->kind == TY_NONE ? ", or annotate the container: list[Optional[str]]" : "");
  if (truthy(t) || is_err(t)) return t;
  return error_at(c, x, "a %s cannot be an element of a list, tuple, dict or set", tn(c, t));
}

/* An object of a class with __eq__ and without __hash__, which CPython
 * makes unhashable (its __hash__ is None). */
Type *unhashable_class(Ctx *c, Node *at, const ClassInfo *k, const char *what) {
  return error_at(c, at, "unhashable type: '%s' defines __eq__ without __hash__, so it cannot be %s "
                         "(define 'def __hash__(self) -> int:')", k->name, what);
}

/* A set's element: CPython hashes it, so a list, dict or set is its
 * TypeError, here a compile error at the element. */
Type *set_element(Ctx *c, Node *x, Type *t) {
  if (type_hashable(t)) return t;
  if (t->kind == TY_CLASS && !t->cls->is_extern) return unhashable_class(c, x, t->cls, "a set's element");
  return error_at(c, x, "unhashable type: a set's elements must be int, float, bool, str, tuples of them or "
                        "objects, not %s", tn(c, t));
}

/* {a, b, c}: never empty (`{}` is a dict). */
/* A list or set display's element type so far (elem), after one more
 * element x of type t: the expected type (want), else the common type. */
static Type *display_elem(Ctx *c, Node *x, Type *t, Type *want, Type *elem, const char *what) {
  if (want) {
    if (!assignable(want, t)) error_at(c, x, "%s element of type %s where %s is expected", what, tn(c, t), tn(c, want));
    return elem;
  }
  Type *u = elem ? unify(elem, t) : t;
  if (u) return u;
  /* [node, node.parent] of an Optional of a reference type: the Optional */
  if (elem->kind == TY_OPTIONAL && type_is_ref(elem) && unify(elem->elem, t) == elem->elem) return elem;
  if (t->kind == TY_OPTIONAL && type_is_ref(t) && unify(t->elem, elem) == t->elem) return t;
  error_at(c, x, "%s elements must have one type: %s and %s", what, tn(c, elem), tn(c, t));
  return T(TY_ERROR);
}

/* Are the types of the nodes xs numbers, an int | float among them (`[1,
 * True, d["a"]]`: numbers of either type, in any order), or a bool
 * among ints or floats (`[False, 0, 2.5]`, whose bool Python keeps, as a
 * dict display of them does)? */
static bool numbers_with_number(const Node *xs) {
  bool number = false, bools = false, others = false;
  for (const Node *x = xs; x; x = x->next) {
    if (!type_is_number(x->ty)) return false;
    number |= x->ty->kind == TY_NUMBER;
    bools |= x->ty->kind == TY_BOOL;
    others |= x->ty->kind != TY_BOOL;
  }
  return number || (bools && others);
}

/* The element type of a list or set display whose elements are checked
 * (their types in x->ty). */
static Type *display_type(Ctx *c, Node *e, Type *want, const char *what) {
  if (!want && numbers_with_number(e->elts)) return T(TY_NUMBER);
  Type *elem = want;
  for (Node *x = e->elts; x; x = x->next) elem = display_elem(c, x, x->ty, want, elem, what);
  return elem;
}

static Type *check_set(Ctx *c, Node *e, Type *expect) {
  Type *want = expect && expect->kind == TY_SET ? expect->elem : NULL;
  for (Node *x = e->elts; x; x = x->next) x->ty = set_element(c, x, element(c, x, want));
  return set_type(e, type_set(c->p, display_type(c, e, want, "set")));
}

/* *xs in a list or tuple display ([*xs, y]): a list's or a tuple's items,
 * each an element (x->ty their type; a fixed tuple's of several types:
 * TY_ERROR, which a tuple display takes item by item). */
static Type *starred_element(Ctx *c, Node *x, bool in_tuple) {
  Type *t = not_none(c, x->lhs, check_expr(c, x->lhs, NULL));
  Type *el = t->kind == TY_LIST || t->kind == TY_VARTUPLE || t->kind == TY_TUPLE ? iter_elem(c, t) : NULL;
  if (is_err(t) || el) return el ? el : t;
  if (t->kind == TY_TUPLE && in_tuple) return T(TY_ERROR);
  return error_at(c, x, "a starred item of a %s display must be a list or a tuple%s, not %s", in_tuple ? "tuple" : "list",
                  in_tuple ? "" : " of one item type", tn(c, t));
}

/* The items of a starred element are added as they are: they must be of
 * the display's element type (an int list's items in a float list are not). */
static void check_starred_elements(Ctx *c, Node *e, Type *elem, const char *what) {
  for (Node *x = e->elts; x; x = x->next)
    if (x->kind == EX_STARRED && !is_err(x->ty) && type_settled(x->ty) != elem)
      error_at(c, x, "the items of this starred item are %s, the %s's elements %s: convert them first",
               tn(c, x->ty), what, tn(c, elem));
}

/* Lists of ints and of floats, to any depth, meet as lists of floats. */
static Type *widen_rows(Ctx *c, Type *a, Type *b) {
  if (a == b) return a;
  if (a->kind == TY_LIST && b->kind == TY_LIST && !a->pending && !b->pending) {
    Type *el = widen_rows(c, a->elem, b->elem);
    return el ? type_list(c->p, el) : NULL;
  }
  bool numbers = (a->kind == TY_INT || a->kind == TY_FLOAT) && (b->kind == TY_INT || b->kind == TY_FLOAT);
  return numbers ? T(TY_FLOAT) : NULL;
}

/* [[3.0, 1, 2], [0, 5, 1]]: rows of ints among rows of floats are rows
 * of floats, as a row's own ints among floats are floats; the type the
 * rows (list displays, all) are checked again for, or NULL. */
static Type *widened_rows(Ctx *c, Node *e) {
  Type *w = NULL;
  bool mixed = false;
  for (Node *x = e->elts; x; x = x->next) {
    if (x->kind != EX_LIST || x->ty->kind != TY_LIST) return NULL;
    mixed |= w && w != x->ty;
    if (!(w = w ? widen_rows(c, w, x->ty) : x->ty)) return NULL;
  }
  return mixed ? w : NULL;
}

/* The element type a list display takes from the type expected where it
 * stands: a list's, or an iterator's (`deque([], maxlen=n)` of a
 * deque[Transition], whose `iterable` is an Iterator[Transition]). */
static Type *list_want(const Type *expect) {
  if (expect && expect->kind == TY_LIST) return expect->elem;
  if (expect && expect->kind == TY_OPTIONAL) expect = expect->elem;
  bool iterator = expect && expect->kind == TY_GENERATOR && expect->elem && type_known(expect->elem);
  return iterator && !type_has_typevar(expect->elem) ? expect->elem : NULL;
}

static bool program_object(const Type *t) {
  return t->kind == TY_CLASS && !t->cls->is_extern;
}

/* Are the values xs all objects of the program's classes? */
static bool objects_of_program(const Node *xs) {
  for (const Node *x = xs; x; x = x->next)
    if (!program_object(x->ty)) return false;
  return true;
}

/* The union of the classes of objects xs, each once. */
static Type *objects_union(Ctx *c, const Node *xs) {
  int n = ast_count(xs), k = 0;
  Type **members = arena_alloc(c->p->arena, n * sizeof *members);
  for (const Node *x = xs; x; x = x->next) members[k++] = x->ty;
  return type_union(c->p, members, k);
}

/* `[value, all_categories[i]]` (the char-RNN tutorial's predictions): a
 * list display of values of several types, where nothing expects one,
 * is a list of builtins' _Dynamic, each item keeping its own type (emit
 * boxes it), printed and compared as Python's; of objects of the
 * program's classes alone (`[Rescale(256), RandomCrop(128)]`), a list of
 * their union, whose methods a call runs for the object's class. NULL
 * where the items have one type, or one is not such a value. */
static Type *mixed_elements(Ctx *c, Node *e) {
  if (numbers_with_number(e->elts)) return NULL;  /* an int | float list (display_type) */
  Type *common = NULL;
  bool mixed = false;
  for (Node *x = e->elts; x; x = x->next) {
    if (x->kind == EX_STARRED || x->ty->kind == TY_NONE || !takes_any(x->ty)) return NULL;
    Type *u = common ? unify(common, x->ty) : x->ty;
    mixed |= !u;
    common = u ? u : common;
  }
  if (mixed && objects_of_program(e->elts)) return objects_union(c, e->elts);
  ClassInfo *k = mixed ? dynamic_class(c->p) : NULL;
  return k ? k->ty : NULL;
}

/* [None, "", "\n"]: a list display of None and values of one reference
 * type, where nothing expects a type, is a list of Optionals of it, as
 * mypy types it: the Optional, or NULL. (Its elements are checked here and
 * again as elements of it.) */
static Type *optional_display(Ctx *c, Node *e) {
  bool none = false;
  for (Node *x = e->elts; x; x = x->next) none |= x->kind == EX_NONE;
  Type *common = NULL;
  for (Node *x = e->elts; none && x; x = x->next) {
    if (x->kind == EX_STARRED) return NULL;
    Type *t = check_expr(c, x, NULL);
    if (t->kind == TY_NONE) continue;
    if (t->kind == TY_OPTIONAL) t = t->elem;
    common = common ? unify(common, t) : t;
    if (!common) return NULL;
  }
  return common && type_is_ref(common) ? type_optional(c->p, common) : NULL;
}

/* [("fc1", nn.Linear(2, 3)), ("act", nn.ReLU())]: tuple displays of one
 * length whose items differ only in classes of a common base, where
 * nothing expects a type, are tuples of that base there (the displays are
 * checked again as such): that tuple type, or NULL. (Numbers that differ
 * keep their own types, in a list of several types.) */
static Type *joined_class_rows(Ctx *c, Node *e) {
  const Node *first = e->elts;
  if (!first || first->kind != EX_TUPLE || first->ty->kind != TY_TUPLE || !first->ty->nitems) return NULL;
  int n = first->ty->nitems;
  Type **items = arena_alloc(c->p->arena, n * sizeof *items);
  memcpy(items, first->ty->items, n * sizeof *items);
  bool differ = false;
  for (Node *x = first->next; x; x = x->next) {
    if (x->kind != EX_TUPLE || x->ty->kind != TY_TUPLE || x->ty->nitems != n) return NULL;
    for (int i = 0; i < n; i++) {
      Type *t = x->ty->items[i];
      if (t == items[i]) continue;
      if (items[i]->kind != TY_CLASS || t->kind != TY_CLASS || !(items[i] = unify(items[i], t))) return NULL;
      differ = true;
    }
  }
  return differ ? type_tuple(c->p, items, n) : NULL;
}

static Type *check_list(Ctx *c, Node *e, Type *expect) {
  Type *want = list_want(expect);
  if (!want) want = optional_display(c, e);
  bool starred = false;
  for (Node *x = e->elts; x; x = x->next) {
    starred |= x->kind == EX_STARRED;
    x->ty = x->kind == EX_STARRED ? starred_element(c, x, false) : element(c, x, want);
  }
  Type *rows = want ? NULL : widened_rows(c, e);
  if (!want && !rows) rows = joined_class_rows(c, e);
  for (Node *x = e->elts; rows && x; x = x->next) x->ty = element(c, x, rows);
  Type *mixed = want ? NULL : mixed_elements(c, e);
  if (mixed) return set_type(e, type_list(c->p, mixed));
  Type *elem = display_type(c, e, want, "list");
  if (!elem) return set_type(e, pending(c, e, TY_LIST));  /* its first use decides */
  if (starred) check_starred_elements(c, e, elem, "list");
  return set_type(e, type_list(c->p, elem));
}

/* Values of one dict that are ints, floats and bools (or numbers already). */
static bool numbers_mix(const Type *a, const Type *b) {
  bool na = type_is_number(a);
  bool nb = type_is_number(b);
  return na && nb && a != b;
}

/* Can a dict[str, Any] hold a value of type t (what a state dict holds:
 * numbers, bools, strs, None, tensors, such dicts, and lists, tuples and
 * dicts of them)? */
static bool any_dict_holds(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_NUMBER: case TY_STR: case TY_NONE: case TY_ERROR: return true;
  case TY_LIST: case TY_VARTUPLE: return any_dict_holds(t->elem);
  case TY_DICT: return any_dict_holds(t->key) && any_dict_holds(t->elem);
  case TY_TUPLE:
    for (int i = 0; i < t->nitems; i++)
      if (!any_dict_holds(t->items[i])) return false;
    return true;
  case TY_CLASS: return t->cls->protocol == PROTO_TENSOR || t->cls->protocol == PROTO_ANY_DICT;
  default: return false;
  }
}

/* A call without a callee (CALL_CONVERTED: a second check keeps it) of
 * kind `kind` to f, at `at`, typed t. */
Node *made_call(Ctx *c, Node *at, CallKind kind, Func *f, Type *t) {
  Node *call = ast_new(c->p->arena, EX_CALL, at->file, at->pos, at->len);
  call->flags = CALL_CONVERTED;
  call->depth = at->depth;
  CallInfo *ci = new_call(c, call, kind, f->nparams);
  ci->fn = f;
  set_type(call, t);
  return call;
}

/* {"epoch": 3, "model": net.state_dict()}: a dict display of values of
 * several types, or one where a dict[str, Any] is expected, is k's
 * instance (torch's StateDict) made item by item, in place:
 * `StateDict()._with("epoch", 3)._with("model", ...)`, keys and values
 * evaluated in order. Each call's receiver is its args, the pair after it
 * (so reach walks them). Its pairs are checked already where `checked`. */
static Type *any_dict_display(Ctx *c, Node *e, ClassInfo *k, bool checked) {
  Func *with = class_method(k, "_with");
  if (!k->init || !with || with->nparams != 3)
    return set_type(e, error_at(c, e, "%s (protocol=\"any_dict\") needs an __init__() and a _with(key, value) "
                                "-> Self", k->name));
  Node *made = made_call(c, e, CALL_CTOR, k->init, k->ty);
  ((CallInfo *)made->info)->cls = k;
  bool ok = true;
  for (Node *pr = e->elts, *next; pr; pr = next) {
    next = pr->next;
    Type *tk = checked ? pr->lhs->ty : element(c, pr->lhs, T(TY_STR));
    Type *tv = checked ? pr->rhs->ty : check_expr(c, pr->rhs, NULL);  /* None too: a state dict holds it */
    /* {"params": net.parameters()}: the items, as a list (a state dict holds no iterator) */
    if ((tv->kind == TY_GENERATOR || tv->kind == TY_MAP) && tv->elem && any_dict_holds(tv->elem))
      tv = iter_as_list(tv) ? iterate_into_list(c, pr->rhs) : comprehended_in_place(c, pr->rhs, EX_LISTCOMP);
    state_key_stored(c, pr->lhs, tv);
    if (tk->kind != TY_STR && !is_err(tk)) {
      error_at(c, pr->lhs, "a dict of values of several types has str keys, not %s", tn(c, tk));
      ok = false;
    }
    if (!any_dict_holds(tv)) {
      error_at(c, pr->rhs, "a dict of values of several types (a %s) holds numbers, bools, strs, None, tensors "
               "and containers of them, not %s", k->name, tn(c, tv));
      ok = false;
    }
    Node *call = made_call(c, pr, CALL_METHOD, with, k->ty);
    CallInfo *ci = call->info;
    ci->recv = made;
    ci->args[1] = pr->lhs;
    ci->args[2] = pr->rhs;
    call->args = made;
    made->next = pr;
    pr->next = NULL;
    made = call;
  }
  Node *after = e->next;
  *e = *made;
  e->next = after;
  return ok ? e->ty : set_type(e, T(TY_ERROR));
}

/* Are the values of pairs prs all objects of the program's classes? */
static bool values_of_program(const Node *prs) {
  for (const Node *pr = prs; pr; pr = pr->next)
    if (!program_object(pr->rhs->ty)) return false;
  return true;
}

/* {"scale": Rescale(3), "shift": Shift(2)}: the union of the classes of
 * the values, each once, as a list display of them takes. */
static Type *values_union(Ctx *c, const Node *prs) {
  int n = ast_count(prs), k = 0;
  Type **members = arena_alloc(c->p->arena, n * sizeof *members);
  for (const Node *pr = prs; pr; pr = pr->next) members[k++] = pr->rhs->ty;
  return type_union(c->p, members, k);
}

static Type *check_dict(Ctx *c, Node *e, Type *expect) {
  if (!e->elts && expect && is_err(expect)) return set_type(e, expect);  /* `d: <error> = {}`: reported */
  if (expect && expect->kind == TY_CLASS && expect->cls->protocol == PROTO_ANY_DICT)
    return any_dict_display(c, e, expect->cls, false);  /* `ckpt: dict[str, Any] = {...}` */
  Type *wk = expect && expect->kind == TY_DICT ? expect->key : NULL;
  Type *wv = expect && expect->kind == TY_DICT ? expect->elem : NULL;
  Type *k = wk, *v = wv;
  Node *mixed = NULL;  /* the first value of another type than those before it */
  for (Node *pr = e->elts; pr; pr = pr->next) {
    Type *tk = element(c, pr->lhs, wk);
    /* {"lr": 0.1, "scheduler": None}: a dict[str, Any] holds None */
    bool any_none = pr->rhs->kind == EX_NONE && pr->lhs->kind == EX_STR && !wv && e->elts->next && any_dict_class(c->p);
    Type *tv = any_none ? check_expr(c, pr->rhs, NULL) : element(c, pr->rhs, wv);
    if (!k) k = tk;
    else if (!assignable(k, tk)) error_at(c, pr->lhs, "dict key of type %s where %s is expected", tn(c, tk), tn(c, k));
    if (!v) v = tv;
    else if (!wv && numbers_mix(v, tv)) v = T(TY_NUMBER);  /* {"epoch": 3, "loss": 0.25, "ok": True} as Python */
    else if (!wv && !unify(v, tv) && !mixed) mixed = pr;
    else if (wv && !assignable(wv, tv))
      error_at(c, pr->rhs, "dict value of type %s where %s is expected", tn(c, tv), tn(c, v));
    else if (!wv && !mixed) v = unify(v, tv);
  }
  if (mixed && values_of_program(e->elts)) v = values_union(c, e->elts);
  else if (mixed && k->kind == TY_STR && any_dict_class(c->p))
    return any_dict_display(c, e, any_dict_class(c->p), true);
  else if (mixed)
    return set_type(e, error_at(c, mixed->rhs, "dict value of type %s where %s is expected%s", tn(c, mixed->rhs->ty),
                                tn(c, v), k->kind == TY_STR ? " (a dict of values of several types, a dict[str, Any], "
                                "needs `import torch`)" : ""));
  if (!k) return set_type(e, pending(c, e, TY_DICT));
  if (v->kind == TY_NONE) return set_type(e, element(c, e->elts->rhs, NULL));  /* {"a": None, "b": None}: its error */
  if (k->kind == TY_CLASS && !class_hashable(k->cls) && !k->cls->is_extern)
    return set_type(e, unhashable_class(c, e, k->cls, "a dict's key"));
  if (!type_dict_key(k))
    return set_type(e, error_at(c, e, "dict keys must be str, int, bool, tuples or hashable objects, not %s",
                                tn(c, k)));
  return set_type(e, type_dict(c->p, k, v));
}

/* (*a, x, *b) of a starred item: where each starred item is a fixed
 * tuple, the tuple of their items and the others in order; else (a list
 * or a tuple[T, ...] among them) a tuple[T, ...] of their one item type. */
static Type *check_starred_tuple(Ctx *c, Node *e) {
  int n = 0;
  bool fixed = true;
  for (Node *x = e->elts; x; x = x->next) {
    x->ty = x->kind == EX_STARRED ? starred_element(c, x, true) : element(c, x, NULL);
    Type *whole = x->kind == EX_STARRED ? x->lhs->ty : NULL;
    fixed &= !whole || whole->kind == TY_TUPLE || is_err(whole);
    n += whole && whole->kind == TY_TUPLE ? whole->nitems : 1;
  }
  if (!fixed) {  /* its length known where it runs: items of one type */
    for (Node *x = e->elts; x; x = x->next)
      if (x->kind == EX_STARRED && is_err(x->ty) && x->lhs->ty->kind == TY_TUPLE)
        return set_type(e, error_at(c, x, "a starred %s among lists makes a tuple of one item type: its items are "
                                    "of several", tn(c, x->lhs->ty)));
    Type *elem = display_type(c, e, NULL, "tuple");
    if (elem && !is_err(elem)) check_starred_elements(c, e, elem, "tuple");
    return set_type(e, elem && !is_err(elem) ? type_vartuple(c->p, elem) : T(TY_ERROR));
  }
  Type **items = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *items);
  int i = 0;
  for (Node *x = e->elts; x; x = x->next) {
    Type *whole = x->kind == EX_STARRED ? x->lhs->ty : NULL;
    if (whole && whole->kind == TY_TUPLE)
      for (int k = 0; k < whole->nitems; k++) items[i++] = whole->items[k];
    else
      items[i++] = x->ty;
  }
  return set_type(e, type_tuple(c->p, items, n));
}

static Type *check_tuple(Ctx *c, Node *e, Type *expect) {
  for (Node *x = e->elts; x; x = x->next)
    if (x->kind == EX_STARRED) return check_starred_tuple(c, e);
  int n = ast_count(e->elts);
  Type **items = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *items);
  int i = 0;
  bool fits = expect && expect->kind == TY_TUPLE && expect->nitems == n;
  for (Node *x = e->elts; x; x = x->next, i++) {
    Type *want = fits ? expect->items[i] : expect && expect->kind == TY_VARTUPLE ? expect->elem : NULL;
    items[i] = element(c, x, want);
    if (want && assignable(want, items[i])) items[i] = want;
  }
  return set_type(e, type_tuple(c->p, items, n));
}

/* A value print(), str(), repr() or an f-string shows: there a call of an
 * extern `-> Any` (x.tolist(), json.loads(s)) or a state dict's item,
 * where nothing expects a type, is a value of the type its run gives
 * (dynamic_value), which prints as Python prints it. */
/* print(d.keys()): a dict's keys(), values() or items() where it is
 * shown, which Python shows as a view (`dict_keys(['a'])`): e, checked,
 * becomes in place the call `_dict_view_of("keys", d)` of builtins.gtp
 * (its result shows that text; `_dict_view("dict_keys", e)` of a class
 * over a dict); t, or the call's type. */
static Type *shown_as_view(Ctx *c, Node *e, Type *t) {
  const CallInfo *ci = e->kind == EX_CALL ? e->info : NULL;
  const BMethod *bm = ci && ci->kind == CALL_BMETHOD ? ci->bmethod : NULL;
  if (!bm || bm->recv != TY_DICT || e->args ||
      (strcmp(bm->name, "keys") != 0 && strcmp(bm->name, "values") != 0 && strcmp(bm->name, "items") != 0))
    return t;
  /* Of a dict itself, the dict (an OrderedDict's views are odict_keys);
   * of a class over one (a Counter), the list, its views dict_keys. */
  bool of_dict = !ci->recv_ty;
  const char *fn = of_dict ? "_dict_view_of" : "_dict_view";
  Node *kind = ast_new(c->p->arena, EX_STR, e->file, e->pos, e->len);
  kind->str = of_dict ? bm->name : arena_printf(c->p->arena, "dict_%s", bm->name);
  kind->slen = strlen(kind->str);
  kind->depth = e->depth;
  Node *arg = called_in_place(c, of_dict ? ci->recv : e);
  arg->flags |= CALL_CONVERTED;  /* checked again as the argument: it keeps its record */
  kind->next = arg;
  e->args = kind;
  e->lhs = ast_name(c->p->arena, e, fn);
  return call_builtins_def(c, e, fn);
}

Type *check_displayed(Ctx *c, Node *e) {
  Node *was = c->displayed;
  c->displayed = e;
  Type *t = shown_as_view(c, e, check_expr(c, e, NULL));
  c->displayed = was;
  /* print(Point): the class value, <class '__main__.Point'> */
  Sym *y = t->kind == TY_CLASSREF && c->p->builtins ? scope_find(&c->p->builtins->globals, "type") : NULL;
  if (y && y->kind == SYM_CLASS && class_object_class(y->cls->ty)) return class_value(c, e, y->cls);
  return t;
}

/* e's type where check_displayed shows it and no type is expected, or an
 * extern's `Any` parameter takes it (json.dumps(x.tolist())): the class
 * of protocol="dynamic" (C passes its descriptor, gt_t_dyn, for the type,
 * and the runtime boxes the value with its own); else NULL. */
Type *dynamic_value(Ctx *c, Node *e, Type *expect) {
  bool open = expect ? expect->kind == TY_ANY : c->displayed == e;
  ClassInfo *k = open ? dynamic_class(c->p) : NULL;
  return k ? set_type(e, k->ty) : NULL;
}

static Type *check_fstring(Ctx *c, Node *e) {
  for (Node *part = e->parts; part; part = part->next) {
    if (part->kind != ND_FMTVALUE) continue;
    check_fmt_value(c, part, check_displayed(c, part->lhs));
    if (part->spec) check_fstring(c, part->spec);
  }
  return set_type(e, T(TY_STR));
}

/* ---- attributes, fields, indexing --------------------------------------- */

/* `head: nn.Linear` in the body of a class no transform writes methods
 * for (a dataclass's are its __init__'s parameters): a field of that
 * type, which a method (a derived class's __init__ too) may set first; a
 * read before any store is Python's AttributeError (a late field's flag). */
static void annotated_fields(Ctx *c, ClassInfo *k) {
  if (k->transformed_by) return;
  for (Node *st = k->decl->body; st; st = st->next) {
    if (st->kind != ST_ANNASSIGN || st->rhs || st->lhs->kind != EX_NAME || find_field(k, st->lhs->name)) continue;
    Type *t = resolve_annotation(c->p, k->mod, st->ann);
    if (k->generic_of) t = type_subst(c->p, t, k->generic_of->tvars, k->targs, k->generic_of->ntvars);  /* Box[int]'s */
    t = type_union_values(c->p, t);
    if (is_err(t) || type_has_typevar(t)) continue;
    Field *f = add_field(c, k, st->lhs, t);
    f->late = f->annotated = true;
  }
}

/* The first store of annotated field f: a model registers it here. */
void field_first_stored(Ctx *c, Field *f) {
  if (f->annotated_stored) return;
  f->annotated_stored = true;
  f->order = ++c->p->nfields_declared;
}

/* A class's fields are what its __init__ assigns, so its body is checked
 * where they are first needed: at the first construction or field use, as
 * Python runs it then, after the globals it reads are assigned. */
static void need_class_fields(Ctx *c, ClassInfo *k) {
  if (k->is_extern) return;
  if (k->base) need_class_fields(c, k->base);  /* a base's fields come first: self.x of Shape in Circle */
  if (!k->annotations_declared) {
    k->annotations_declared = true;
    annotated_fields(c, k);
  }
  if (k->init && k->init->ntvars) {  /* a union __init__: its first instance declares the fields */
    Ctx sub = *c;
    sub.m = k->init->mod;
    default_union_init(&sub, k);
  } else if (k->init && !k->init->checked) {
    Ctx sub = *c;
    sub.m = k->init->mod;
    check_func(&sub, k->init);
    late_init_fields(k);
  }
  declare_late_fields(c, k);  /* after __init__'s: self.start of __enter__ */
}

void need_fields(Ctx *c, ClassInfo *k) {
  if (k->is_extern) return;
  Ctx own = *c;
  own.muted = NULL;  /* a class's errors are its own, whatever trial check needs its fields first */
  need_class_fields(&own, k);
}

/* A field of k: its own, or a base's (a derived struct begins with them). */
Field *find_field(ClassInfo *k, const char *name) {
  for (; k; k = k->base)
    for (int i = 0; i < k->nfields; i++)
      if (strcmp(k->fields[i].name, name) == 0) return &k->fields[i];
  return NULL;
}

Field *add_field(Ctx *c, ClassInfo *k, Node *decl, Type *ty) {
  if (k->nfields == k->capfields) {
    int cap = k->capfields ? 2 * k->capfields : 8;
    Field *f = arena_alloc(c->p->arena, cap * sizeof *f);
    if (k->nfields) memcpy(f, k->fields, k->nfields * sizeof *f);
    k->fields = f;
    k->capfields = cap;
  }
  Field *f = &k->fields[k->nfields++];
  f->name = decl->name;
  f->cname = c_ident(c->p, &k->field_cnames, decl->name);
  f->ty = ty;
  f->decl = decl;
  f->order = ++c->p->nfields_declared;
  return f;
}

bool in_init_of(Ctx *c, ClassInfo *k) {
  return c->fn && (c->fn == k->init || c->fn == k->initializing || (c->fn->generic_of && c->fn->generic_of == k->init));
}

/* mod.name where module mod has no `name`: a submodule not imported
 * (torch.nn after `import torch` alone), or nothing. */
static Type *missing_in_module(Ctx *c, Node *e, Module *mod) {
  const char *sub = arena_printf(c->p->arena, "%s.%s", mod->name, e->name);
  if (module_exists(c->p, c->m, sub)) return error_at(c, e, "module '%s' is not imported: add 'import %s'", sub, sub);
  return error_at(c, e, "module '%s' has no name '%s'", mod->name, e->name);
}

/* The function a bound method's value calls (Func.binds_self): its
 * object `self` and the method's first n - 1 other parameters (the rest
 * take their defaults), its body `return self.method(_a0, ...)`, checked
 * as a def. */
static Func *bound_thunk(Ctx *c, Node *e, Func *m, int n) {
  Program *p = c->p;
  Arena *a = p->arena;
  const char *sep = m->cname[strlen(m->cname) - 1] == '_' ? "" : "_";
  Func *f = made_func(c, m->name, m->qname, arena_printf(a, "%s%sbound", m->cname, sep), false);
  f->ret = m->ret;
  f->binds_self = true;
  f->nparams = n;
  f->params = arena_alloc(a, n * sizeof *f->params);
  Node *def = ast_new(a, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = m->name;
  Node *callee = ast_new(a, EX_ATTR, e->file, e->pos, e->len);
  callee->name = m->name;
  Node *call = ast_new(a, EX_CALL, e->file, e->pos, e->len);
  call->lhs = callee;
  for (int i = 0; i < n; i++) {
    Node *pa = ast_new(a, ND_PARAM, e->file, e->pos, e->len);
    pa->name = i ? arena_printf(a, "_a%d", i - 1) : "self";
    def->params = ast_append(def->params, pa);
    f->params[i] = (Param){.name = pa->name, .cname = c_local(p, f, pa->name, false),
                           .ty = i ? m->params[i].ty : m->cls->ty, .decl = pa};
    Node *arg = ast_new(a, EX_NAME, e->file, e->pos, e->len);
    arg->name = pa->name;
    if (i) call->args = ast_append(call->args, arg);
    else callee->lhs = arg;
  }
  def->body = ast_new(a, f->ret->kind == TY_NONE ? ST_EXPR : ST_RETURN, e->file, e->pos, e->len);
  if (f->ret->kind == TY_NONE) def->body->lhs = call;
  else def->body->rhs = call;
  f->decl = def;
  add_func(c, f);
  check_top_func(c, f);
  return f;
}

/* obj.method as a value (`f = obj.method`, `[self.step, self.other]`): a
 * Callable of its parameters after self (where a Callable of fewer is
 * expected, and the others have defaults, of those), whose gt_fn holds the
 * object (ATTR_BOUND; info: the thunk that calls the method on it). */
static Type *bound_method(Ctx *c, Node *e, Func *m, Type *expect) {
  if (m->overload)
    return set_type(e, error_at(c, e, "'%s' has overloads: as a value, write a lambda that calls it", m->qname));
  if (m->ntvars)  /* an instance per call's types: no one function to take */
    return set_type(e, error_at(c, e, "'%s' takes a union (%s), so each call's types make a method of their own: as a "
                                "value, write a lambda that calls it", m->qname, m->tvars[0]->name));
  for (int i = 1; i < m->nparams; i++)
    if (m->params[i].varargs || m->params[i].kwargs || m->params[i].cstring || (m->params[i].decl && m->params[i].decl->flags))
      return set_type(e, error_at(c, e, "'%s' takes '*' or '**' parameters: as a value, write a lambda that calls it",
                                  m->qname));
  int n = m->nparams;
  if (expect && expect->kind == TY_CALLABLE && expect->nitems + 1 < n && m->params[expect->nitems + 1].dflt)
    n = expect->nitems + 1;  /* opt.zero_grad as a Callable[[], None]: set_to_none's default */
  for (int i = n; i < m->nparams; i++)
    if (!m->params[i].dflt) n = m->nparams;
  if (n == m->nparams && !m->bound) m->bound = bound_thunk(c, e, m, n);
  e->info = n == m->nparams ? m->bound : bound_thunk(c, e, m, n);
  e->flags |= ATTR_BOUND;
  Type **params = arena_alloc(c->p->arena, n * sizeof *params);
  for (int i = 1; i < n; i++) params[i - 1] = m->params[i].ty;
  return set_type(e, type_callable(c->p, params, n - 1, m->ret));
}

static Type *attr_of(Ctx *c, Node *e, Type *expect, bool read);
static Type *called_by_lambda(Ctx *c, Node *e, Type *expect);
static Type *method_by_lambda(Ctx *c, Node *e, Type *expect);

/* Is e a name or a field of one (`d`, `self.counts`): read again where a
 * lambda standing for its bound method is called, it is the same value. */
bool names_a_value(const Node *e) {
  while (e->kind == EX_ATTR) e = e->lhs;
  return e->kind == EX_NAME;
}

/* p.x of a named tuple p (of type t): its item of field x. */
static Type *named_field_read(Ctx *c, Node *e, Type *t) {
  for (int i = 0; i < t->nitems; i++)
    if (strcmp(t->named->fields[i], e->name) == 0) {
      e->ival = i;
      e->flags |= ATTR_TUPLE_FIELD;
      return set_type(e, tuple_item(c->p, t, i));
    }
  return set_type(e, error_at(c, e, "'%s' has no field '%s'", t->named->name, e->name));
}

Type *check_attr(Ctx *c, Node *e) { return attr_of(c, e, NULL, false); }

/* obj.name where obj's class has no field, property or method `name` but
 * has __getattr__ (a ModuleDict's children by key: self.transformer.wte):
 * Python calls obj.__getattr__("name"), which e becomes in place, checked
 * as that call once (CALL_CONVERTED). */
static Type *getattr_call(Ctx *c, Node *e, Func *f) {
  if (f->nparams != 2 || f->params[1].ty->kind != TY_STR || f->overload)
    return set_type(e, error_at(c, e, "'%s' must take one str (the attribute's name)", f->qname));
  Node *key = ast_new(c->p->arena, EX_STR, e->file, e->pos, e->len);
  key->str = e->name;
  key->slen = strlen(e->name);
  check_expr(c, key, NULL);
  Node *recv = e->lhs, *next = e->next;
  Node *call = made_call(c, e, CALL_METHOD, f, f->ret);
  CallInfo *ci = call->info;
  ci->recv = recv;
  ci->args[1] = key;
  recv->next = key;
  call->args = recv;  /* the receiver, then the name: what reach walks */
  call->next = next;
  *e = *call;
  return e->ty;
}

/* C.__name__ of a class the types name (`cls.__name__` in a classmethod,
 * whose cls is the class it is called through): its name, a str constant
 * in place of e. */
static Type *class_name_str(Ctx *c, Node *e, const ClassInfo *k) {
  const char *name = (k->generic_of ? k->generic_of : k)->name;
  *e = (Node){.kind = EX_STR, .file = e->file, .pos = e->pos, .len = e->len, .next = e->next, .depth = e->depth,
              .str = name, .slen = strlen(name)};
  return check_expr(c, e, NULL);
}

/* Does a class deriving the class of class attribute y assign `name`
 * again (Bottleneck's `expansion = 4` below ResNet's block)? Then a read
 * through an object takes the object's class's (Python's look-up). */
static bool attr_assigned_below(Program *p, Sym *y, const char *name) {
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next)
      if (d != y->cls && class_derives(d, y->cls) && class_attr(d, name) != y) return true;
  return false;
}

/* obj.name: a field, a property, a method as a value (of the Callable
 * expected), a class attribute, a module's name; where it is read (not
 * a store's target), `u.k` of a union of classes that share no attribute
 * k reads the member's (check_call.c union_use). */
static Type *attr_of(Ctx *c, Node *e, Type *expect, bool read) {
  Type *lt = check_expr(c, e->lhs, NULL);
  Type *member = read && lt->kind == TY_UNION ? union_use(c, e, e->lhs, e->name, lt, expect) : NULL;
  if (member) return member;
  Type *ot = union_receiver(e->lhs, not_none(c, e->lhs, lt));
  if (is_err(ot)) {
    note_attr(c, e->lhs, e->name);
    return set_type(e, ot);
  }
  if (ot->kind == TY_CLASS && strcmp(e->name, "__class__") == 0) return check_class_attr(c, e, ot);
  if (read && class_object_class(ot) && ot->kind == TY_CLASS && !class_method(ot->cls, e->name))
    return class_value_attr(c, e, expect);  /* block.expansion of a class value */
  if (ot->kind == TY_CLASS) {
    need_fields(c, ot->cls);
    Field *f = find_field(ot->cls, e->name);
    if (f) {
      e->info = f;
      return set_type(e, field_read(c, e, f));  /* an Optional field tested here is its T */
    }
    Func *prop = class_method(ot->cls, e->name);  /* also a base's: self.training */
    if (prop && prop->is_property) {
      e->info = prop;
      e->flags |= ATTR_PROPERTY;
      return set_type(e, prop->ret);
    }
    if (prop && !prop->is_static && !prop->cls_param) return bound_method(c, e, prop, expect);
    if (prop)
      return set_type(e, error_at(c, e, "'%s' is a @staticmethod or @classmethod: as a value, write a lambda that calls "
                                  "it", prop->qname));
    Sym *attr = class_attr(ot->cls, e->name);  /* self.lr of `lr = 0.01` in the class body */
    if (attr) {
      e->sym = attr;
      if (attr_assigned_below(c->p, attr, e->name)) {
        if (!attr->dispatch_cname) attr->dispatch_cname = c_internal(c->p, arena_printf(c->p->arena, "%sdispatch", attr->cname));
        e->flags |= ATTR_CLASS_DISPATCH;
      }
      return set_type(e, sym_type(c, attr, e));
    }
    Func *getattr = class_method(ot->cls, "__getattr__");
    if (getattr) return getattr_call(c, e, getattr);
    if (ot->cls->declared_by)
      return set_type(e, error_at(c, e, "'%s' has no field '%s': no call of %s declares it", ot->cls->name, e->name,
                                  ot->cls->declared_by->name));
    return set_type(e, error_at(c, e, "'%s' has no field '%s'%s", ot->cls->name, e->name,
                                in_init_of(c, ot->cls) || ot->cls->is_extern ? ""  /* the library's: no self of the program's */
                                                                             : " (fields are what its methods assign to self)"));
  }
  Func *apply = NULL;
  Type *at = ot->kind == TY_CLASSREF ? autograd_apply(c, ot->cls, e->name, &apply) : NULL;
  if (apply) {  /* P3 = LegendrePolynomial3.apply: the value of K's function */
    *e = (Node){.kind = EX_LAMBDA, .pos = e->pos, .len = e->len, .file = e->file, .next = e->next,
                .depth = e->depth, .info = apply};
    return set_type(e, at);
  }
  if (at) return set_type(e, at);
  if (ot->kind == TY_CLASSREF && strcmp(e->name, "__name__") == 0) return class_name_str(c, e, ot->cls);
  if (ot->kind == TY_CLASSREF && class_attr(ot->cls, e->name)) {  /* Config.lr */
    e->sym = class_attr(ot->cls, e->name);
    return set_type(e, sym_type(c, e->sym, e));
  }
  if (ot->kind == TY_MODULE) {
    Sym *y = scope_find(&ot->mod->globals, e->name);
    if (!y) return set_type(e, missing_in_module(c, e, ot->mod));
    e->sym = y;
    return set_type(e, sym_type(c, y, e));
  }
  if (ot->kind == TY_TUPLE && ot->named) return named_field_read(c, e, ot);
  if (expect && expect->kind == TY_CALLABLE && names_a_value(e->lhs) && bmethod_lookup(ot->kind, e->name))
    return called_by_lambda(c, e, expect);  /* sorted(xs, key=order.index): lambda x: order.index(x) */
  TypeKind of = ot->kind == TY_BUILTIN ? builtin_type_kind(ot->builtin) : TY_ERROR;
  if (expect && expect->kind == TY_CALLABLE && expect->nitems && bmethod_lookup(of, e->name))
    return method_by_lambda(c, e, expect);  /* map(str.upper, words): lambda s: s.upper() */
  return set_type(e, error_at(c, e, "a value of type %s has no attribute '%s'", tn(c, ot), e->name));
}

bool is_int_like(const Type *t) { return t->kind == TY_INT || t->kind == TY_BOOL || is_err(t); }

static void check_slice(Ctx *c, Node *s, bool tensor) {
  Node *parts[3] = {s->lo, s->hi, s->step};
  for (int i = 0; i < 3; i++) {
    if (!parts[i]) continue;
    Type *t = check_expr(c, parts[i], NULL);
    /* x[i:i + 8] of a tensor x, i a one-element tensor: its __index__ where it runs (emit) */
    if (tensor && t->kind == TY_CLASS && t->cls->protocol == PROTO_TENSOR) continue;
    if (!is_int_like(t)) error_at(c, parts[i], "slice indices must be int, not %s", tn(c, t));
  }
}

/* The items of x[a, b:c] checked one by one, slices as slices: where x
 * is not a tensor (or is unknown after an error), for their own errors. */
static int check_items_only(Ctx *c, Node *ix) {
  int n = 0;
  Node *single = ix->kind == EX_TUPLE ? NULL : ix;
  for (Node *x = single ? single : ix->elts; x; x = single ? NULL : x->next) {
    if (x->kind == EX_SLICE) check_slice(c, x, false);
    else if (x->kind != EX_ELLIPSIS) check_expr(c, x, NULL);
    n++;
  }
  return n;
}

static bool has_slice(const Node *ix) {
  for (const Node *x = ix->kind == EX_TUPLE ? ix->elts : NULL; x; x = x->next)
    if (x->kind == EX_SLICE || x->kind == EX_ELLIPSIS) return true;
  return false;
}

/* The constant value of an int literal, possibly negated. */
static bool const_int(Node *e, int64_t *v) {
  if (e->kind == EX_INT) {
    *v = e->ival;
    return true;
  }
  if (e->kind == EX_UNARY && e->op == OP_NEG && e->lhs->kind == EX_INT) {
    *v = -e->lhs->ival;
    return true;
  }
  return false;
}

/* One item of a tensor subscript: an int, a slice, None, ..., a tensor, a
 * bool, or range(...) (x_[range(n), y], which PyTorch reads as the tensor
 * of its numbers). */
static void check_index_item(Ctx *c, Node *x, bool tensor) {
  if (x->kind == EX_SLICE) {
    check_slice(c, x, tensor);
    return;
  }
  if (x->kind == EX_ELLIPSIS) return;
  Type *t = check_expr(c, x, NULL);
  if (is_int_like(t) || t->kind == TY_NONE || (t->kind == TY_CLASS && t->cls->is_extern)) return;
  if (t->kind == TY_RANGE && x->kind == EX_CALL) return;
  /* x[:, [-1]]: a list of ints (or of bools, a mask) is PyTorch's index tensor */
  if (tensor && t->kind == TY_LIST && (t->elem->kind == TY_INT || t->elem->kind == TY_BOOL)) return;
  error_at(c, x, "a subscript item must be an int, a slice, None, ..., a bool, a tensor%s or range(...), not %s",
           tensor ? ", a list of ints" : "", tn(c, t));
}

/* The items of a subscript: x[a, b:c] has two, x[a] one. */
/* The items of a subscript `x[a, b:c]` (one unless it is a tuple), in an
 * array from the arena. */
static Node **subscript_items(Ctx *c, Node *ix, int *n) {
  *n = ix->kind == EX_TUPLE ? ast_count(ix->elts) : 1;
  Node **out = arena_alloc(c->p->arena, (*n ? *n : 1) * sizeof *out);
  if (ix->kind != EX_TUPLE) out[0] = ix;
  else {
    int i = 0;
    for (Node *x = ix->elts; x; x = x->next) out[i++] = x;
  }
  return out;
}

/* Does g take the items of a subscript (`*index: slice`)? */
static bool takes_items(const Func *g) { return g->nparams > 1 && g->params[1].varargs; }

/* The overload of `head` whose trailing parameters (after self and a
 * `*index` parameter, if `items`) take `args`: exact types first. A
 * `Literal["params"]` key takes only that constant (key: the subscript). */
static Func *pick_trailing(Func *head, bool items, Type **args, int n, const Node *key) {
  for (int exact = 1; exact >= 0; exact--)
    for (Func *g = head; g; g = g->overload) {
      if (g->nparams != 1 + (items ? 1 : 0) + n || takes_items(g) != items) continue;
      if (!items && !literal_given(&g->params[1], key)) continue;
      bool ok = true;
      for (int i = 0; i < n && ok; i++) {
        Type *want = g->params[g->nparams - n + i].ty;
        ok = exact ? want == args[i] || is_err(args[i]) : assignable(want, args[i]);
      }
      if (ok) return g;
    }
  return NULL;
}

/* Do the items of a subscript go to a `*index: slice` form of head? Where
 * it has one: always, unless the subscript is one plain index and another
 * form takes that (a torch.Size's s[0] is an int, s[1:] a Size). */
static bool subscript_by_items(Func *head, Node *ix) {
  bool items = false, plain = false;
  for (Func *g = head; g; g = g->overload) {
    items |= takes_items(g);
    plain |= g->nparams > 1 && !takes_items(g);
  }
  bool one_index = ix->kind != EX_SLICE && ix->kind != EX_TUPLE && ix->kind != EX_ELLIPSIS;
  return items && !(plain && one_index);
}

/* No form of x's subscript method takes args (the key, then a stored
 * value; NULL: items): of a method of one form, the argument it takes
 * not (an argument already in error was reported). */
static void subscript_mismatch(Ctx *c, Node *e, Type *ot, Func *head, Type **args, int n, const char *method) {
  if (!args || head->overload || head->nparams != 1 + n) {
    error_at(c, e, "%s.%s() takes no %s", ot->cls->name, method, args ? tn(c, args[n - 1]) : "items of these types");
    return;
  }
  for (int i = 0; i < n; i++) {
    const Param *q = &head->params[1 + i];
    if (is_err(args[i]) || assignable(q->ty, args[i])) continue;
    error_at(c, i == 0 ? e->rhs : e, "argument '%s' of %s.%s() expects %s, got %s", q->name, tn(c, ot), method,
             tn(c, q->ty), tn(c, args[i]));
    return;
  }
}

/* x[...] of a class: its __getitem__ (or __setitem__ with `value`, whose
 * type chooses among the overloads). A `*index: slice` parameter takes
 * every item of the subscript; otherwise the subscript is one argument. */
CallInfo *class_subscript(Ctx *c, Node *e, Type *ot, const char *method, Type *value) {
  Func *head = class_method(ot->cls, method);
  if (!head) {
    error_at(c, e, "'%s' object is not %s", ot->cls->name, value ? "subscriptable for assignment" : "subscriptable");
    return NULL;
  }
  bool items = subscript_by_items(head, e->rhs);
  int nitems = 0;
  Node **item = items ? subscript_items(c, e->rhs, &nitems) : NULL;
  for (int i = 0; i < nitems; i++) check_index_item(c, item[i], ot->cls->protocol == PROTO_TENSOR);
  if (!items && (e->rhs->kind == EX_SLICE || has_slice(e->rhs))) {
    check_items_only(c, e->rhs);
    error_at(c, e->rhs, "%s.%s() takes no slice", ot->cls->name, method);
    return NULL;
  }
  Type *args[2];
  int n = 0;
  if (!items) args[n++] = check_expr(c, e->rhs, NULL);
  if (value) args[n++] = value;
  Func *f = pick_trailing(head, items, args, n, e->rhs);
  if (!f) {
    subscript_mismatch(c, e, ot, head, items ? NULL : args, n, method);
    return NULL;
  }
  CallInfo *ci = arena_alloc(c->p->arena, sizeof *ci);
  ci->kind = CALL_METHOD;
  ci->fn = f;
  ci->recv = e->lhs;
  ci->nargs = f->nparams;
  ci->args = arena_alloc(c->p->arena, (f->nparams + 1) * sizeof *ci->args);
  if (!items) ci->args[1] = e->rhs;
  ci->vargs = arena_alloc(c->p->arena, (nitems ? nitems : 1) * sizeof *ci->vargs);
  for (int i = 0; i < nitems; i++) ci->vargs[ci->nvargs++] = item[i];
  return ci;
}

/* x[key] of a class whose __getitem__ is an extern declared `-> Any` (a
 * state dict's): the type expected where it stands, as a call of such an
 * extern has (emit passes its descriptor). */
static Type *subscript_any(Ctx *c, Node *e, Type *t, Type *expect) {
  if (t->kind != TY_ANY) return t;
  Type *shown = dynamic_value(c, e, expect);  /* print(ckpt["epoch"]) */
  if (shown) return shown;
  if (expect && assignable(T(TY_ANY), expect) && expect->kind != TY_NONE) return set_type(e, expect);
  Type *learnt = e->rhs->kind == EX_STR ? state_key_read(c, e) : NULL;  /* the type the program's stores give */
  if (learnt) return set_type(e, learnt);  /* TY_ERROR: reported at the end, unless learnt there */
  return set_type(e, error_at(c, e, "this item has the type expected where it stands: annotate the variable it is "
                              "assigned to (n: int = state[\"epoch\"])"));
}

/* What the object of subscript e expects: in `checkpoint["model"]["weight"]`,
 * an item of a state dict that is subscripted by a str again is a dict[str,
 * Any] (only an item typed where it stands, subscript_any, takes it); so
 * is a call's result subscripted by a str where other than a tensor is
 * expected (`net.load_state_dict(torch.load(path)["model"])`): the form
 * of the call that gives a checkpoint, where it has one. A call's result
 * indexed where a number, bool or str is expected is a list of them
 * (`return x.view(-1).tolist()[0]` in a `-> int` function). */
static Type *subscript_object_expect(Ctx *c, const Node *e, const Type *expect) {
  bool typed = (expect && !is_tensor_type(expect) && !is_err(expect)) || c->displayed == e;  /* print(...["epoch"]) */
  bool item = e->lhs->kind == EX_INDEX || (e->lhs->kind == EX_CALL && typed);
  ClassInfo *k = item && e->rhs->kind == EX_STR ? any_dict_class(c->p) : NULL;
  if (k) return k->ty;
  bool scalar = expect && (type_is_number(expect) || expect->kind == TY_STR);
  if (e->lhs->kind == EX_CALL && scalar && e->rhs->kind != EX_SLICE && e->rhs->kind != EX_STR)
    return type_list(c->p, (Type *)expect);
  return NULL;
}

/* The items lo:hi:step of n, as CPython's PySlice_AdjustIndices picks
 * them (no bound: NOIDX): their count; lo is the first. */
#define NOIDX INT64_MIN
static int64_t slice_adjust(int64_t n, int64_t *lo, int64_t *hi, int64_t step) {
  int64_t *b[2] = {lo, hi};
  for (int i = 0; i < 2; i++) {
    int64_t v = *b[i];
    if (v == NOIDX) v = (i == 0) == (step < 0) ? (step < 0 ? n - 1 : n) : (step < 0 ? -1 : 0);
    else if (v < 0) v = v + n < 0 ? (step < 0 ? -1 : 0) : v + n;
    else if (v >= n) v = step < 0 ? n - 1 : n;
    *b[i] = v;
  }
  if (step < 0) return *hi < *lo ? (*lo - *hi - 1) / -step + 1 : 0;
  return *lo < *hi ? (*hi - *lo - 1) / step + 1 : 0;
}

/* t[lo:hi:step] of a tuple: a tuple[T, ...] stays one; a fixed tuple
 * sliced by constants is the tuple of the items taken, by other bounds a
 * tuple[T, ...] of its one item type (emit passes which). */
static Type *tuple_slice(Ctx *c, Node *s, Type *ot) {
  if (ot->kind == TY_VARTUPLE) return ot;
  Node *parts[3] = {s->lo, s->hi, s->step};
  int64_t b[3] = {NOIDX, NOIDX, 1};
  bool constant = true;
  for (int i = 0; i < 3; i++) constant &= !parts[i] || const_int(parts[i], &b[i]);
  if (constant && b[2] == 0) return error_at(c, s->step, "slice step cannot be zero");
  if (!constant) {
    Type *el = iter_elem(c, ot);
    if (el) return type_vartuple(c->p, el);
    return error_at(c, s, "a slice of a %s (items of several types) must have constant bounds", tn(c, ot));
  }
  int64_t n = slice_adjust(ot->nitems, &b[0], &b[1], b[2]);
  Type **items = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *items);
  for (int64_t k = 0; k < n; k++) items[k] = ot->items[b[0] + k * b[2]];
  return type_tuple(c->p, items, (int)n);
}

/* xs[t] of a list, tuple or str, t an object whose class has __index__
 * (a one-element integer tensor: classes[labels[j]]): Python indexes with
 * t.__index__(), which the index becomes in place. */
static Type *index_call(Ctx *c, Node *e, Type *it) {
  Func *f = class_method(it->cls, "__index__");
  Node *ix = e->rhs;
  if (f->nparams != 1 || f->ret->kind != TY_INT) return it;
  Node *call = made_call(c, ix, CALL_METHOD, f, f->ret);
  call->args = ix;
  ((CallInfo *)call->info)->recv = ix;
  call->next = ix->next;
  ix->next = NULL;
  e->rhs = call;
  return call->ty;
}

/* e = x[i], read (expecting expect: NULL where nothing is) or stored. */
static Type *index_of(Ctx *c, Node *e, bool store, const Type *expect) {
  Type *ot = type_settled(not_none(c, e->lhs, check_expr(c, e->lhs, subscript_object_expect(c, e, expect))));
  Node *ix = e->rhs;
  if (is_err(ot)) {
    Type *item = flow_instance_index(c, e, NULL);  /* counts[w] of `counts = defaultdict(int)` */
    if (item) return set_type(e, item);
    check_items_only(c, ix);
    return set_type(e, ot);
  }
  if (is_enum_class(ot) && !store && ix->kind != EX_SLICE && ix->kind != EX_TUPLE) {  /* Color["RED"] */
    enum_class_call(c, e, e->lhs, "_member_named", ix);
    return check_expr(c, e, NULL);
  }
  if (ot->kind == TY_CLASS && !store) {
    CallInfo *ci = class_subscript(c, e, ot, "__getitem__", NULL);
    e->info = ci;
    if (ci && ci->fn->dtype_rule == DR_SELF)  /* a tensor's items are of its dtype */
      return set_type(e, type_dtyped(c->p, ci->fn->ret, ot->dtype));
    return set_type(e, ci ? ci->fn->ret : T(TY_ERROR));
  }
  if (ix->kind == EX_SLICE) {
    check_slice(c, ix, false);
    if (store && ot->kind != TY_LIST)  /* xs[a:b] = ys, del xs[a:b] */
      return set_type(e, error_at(c, e, "a value of type %s has no slices to assign or delete", tn(c, ot)));
    if (ot->kind == TY_LIST || ot->kind == TY_STR) return set_type(e, ot);
    if (ot->kind == TY_TUPLE || ot->kind == TY_VARTUPLE) return set_type(e, tuple_slice(c, ix, ot));
    return set_type(e, error_at(c, e, "a value of type %s cannot be sliced", tn(c, ot)));
  }
  if (ot->kind == TY_DICT) {
    if (!ot->pending && ot->key->kind == TY_STR && ot->elem->kind == TY_CLASS && ot->elem->cls->protocol == PROTO_TENSOR)
      tensor_dict_read(c, e);  /* a checkpoint's "epoch" may make it a dict[str, Any] */
    Type *kt = check_expr(c, ix, ot->pending ? NULL : ot->key);
    if (!ot->pending && !assignable(ot->key, kt))  /* a pending dict: its first store settles it */
      error_at(c, ix, "dict key must be %s, not %s", tn(c, ot->key), tn(c, kt));
    return set_type(e, ot->elem);
  }
  if (has_slice(ix)) {   /* x[:, 0] of a list: several items are for tensors */
    int n = check_items_only(c, ix);
    return set_type(e, error_at(c, ix, "%s indices must be an int or one slice, not %d items", tn(c, ot), n));
  }
  Type *it = check_expr(c, ix, NULL);
  if (is_class(it) && class_method(it->cls, "__index__")) it = index_call(c, e, it);
  if (!is_int_like(it)) {
    error_at(c, ix, "%s indices must be int, not %s", tn(c, ot), tn(c, it));
    return set_type(e, T(TY_ERROR));
  }
  switch (ot->kind) {
  case TY_LIST: return set_type(e, ot->elem);
  case TY_VARTUPLE:
    if (store) return set_type(e, error_at(c, e, "tuple is immutable: its items cannot be assigned"));
    return set_type(e, ot->elem);
  case TY_STR:
    if (store) return set_type(e, error_at(c, e, "str is immutable: its items cannot be assigned"));
    return set_type(e, T(TY_STR));
  case TY_TUPLE: {
    int64_t k;
    if (store) return set_type(e, error_at(c, e, "tuple is immutable: its items cannot be assigned"));
    if (!const_int(ix, &k) && iter_elem(c, ot))  /* t[i] of a tuple of one item type: checked where it runs */
      return set_type(e, iter_elem(c, ot));
    if (!const_int(ix, &k))
      return set_type(e, error_at(c, ix, "a tuple index must be an integer constant, or its items of one type"));
    if (k < 0) k += ot->nitems;
    if (k < 0 || k >= ot->nitems)
      return set_type(e, error_at(c, ix, "tuple index out of range (tuple has %d items)", ot->nitems));
    return set_type(e, tuple_item(c->p, ot, (int)k));
  }
  default:
    return set_type(e, error_at(c, e, "a value of type %s cannot be indexed", tn(c, ot)));
  }
}

Type *check_index(Ctx *c, Node *e, bool store) { return index_of(c, e, store, NULL); }

/* ---- operators ------------------------------------------------------------ */

static bool is_tuple(const Type *t) { return t->kind == TY_TUPLE || t->kind == TY_VARTUPLE; }

/* a + b of tuples: a fixed tuple of both one's items (a named tuple's
 * too: Python's sum is a plain tuple), else a tuple[T, ...] of their one
 * item type; NULL where they have none. */
static Type *tuple_concat(Ctx *c, Type *a, Type *b) {
  if (a->kind == TY_TUPLE && b->kind == TY_TUPLE) {
    Type **items = arena_alloc(c->p->arena, (a->nitems + b->nitems + 1) * sizeof *items);
    for (int i = 0; i < a->nitems; i++) items[i] = a->items[i];
    for (int i = 0; i < b->nitems; i++) items[a->nitems + i] = b->items[i];
    return type_tuple(c->p, items, a->nitems + b->nitems);
  }
  Type *ea = a->kind == TY_TUPLE && !a->nitems ? NULL : iter_elem(c, a);
  Type *eb = b->kind == TY_TUPLE && !b->nitems ? NULL : iter_elem(c, b);
  Type *el = ea && eb ? (ea == eb ? ea : NULL) : ea ? ea : eb;
  return el ? type_vartuple(c->p, el) : NULL;
}

/* t * n of a tuple: a tuple[T, ...] stays one; a fixed tuple repeated a
 * constant number of times is the tuple of its items that many times,
 * else a tuple[T, ...] of its one item type; NULL where it has none. */
static Type *tuple_repeat(Ctx *c, Type *t, Node *count) {
  int64_t k;
  if (t->kind == TY_VARTUPLE) return t;
  bool constant = count && const_int(count, &k);
  if (!constant || (t->nitems && k > 4096 / t->nitems)) {  /* a type per item: a long one is a tuple[T, ...] */
    Type *el = iter_elem(c, t);
    return el ? type_vartuple(c->p, el) : NULL;
  }
  if (k < 0) k = 0;
  int n = (int)k * t->nitems;
  Type **items = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *items);
  for (int i = 0; i < n; i++) items[i] = t->items[i % t->nitems];
  return type_tuple(c->p, items, n);
}

/* `2 ** -1`: an int to a negative literal power, a float in Python (a
 * negative exponent only known where it runs is a ValueError there). */
static bool negative_power(Node *e) {
  int64_t v;
  return e->kind == EX_BINOP && e->op == OP_POW && const_int(e->rhs, &v) && v < 0;
}

Type *arith_result(Ctx *c, Node *e, Type *a, Type *b) {
  Op op = e->op;
  if (is_err(a) || is_err(b)) return T(TY_ERROR);
  bool ai = is_int_like(a), bi = is_int_like(b);
  bool numbers = number_pair(a, b);
  if (numbers) {  /* an int or a float, known where it runs: so is the result */
    bool arith = op == OP_ADD || op == OP_SUB || op == OP_MUL || op == OP_DIV || op == OP_FLOORDIV || op == OP_MOD ||
                 op == OP_POW;
    if (!arith) goto bad;
    return T(op == OP_DIV ? TY_FLOAT : a->kind == TY_FLOAT || b->kind == TY_FLOAT ? TY_FLOAT : TY_NUMBER);
  }
  if (type_is_numeric(a) && type_is_numeric(b)) {
    if (op == OP_MATMUL) goto bad;
    bool bits = op == OP_LSHIFT || op == OP_RSHIFT || op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR;
    if (bits) {
      if (ai && bi) return a->kind == TY_BOOL && b->kind == TY_BOOL && op != OP_LSHIFT && op != OP_RSHIFT ? T(TY_BOOL) : T(TY_INT);
      goto bad;
    }
    if (op == OP_DIV) return T(TY_FLOAT);
    if (ai && bi) return negative_power(e) ? T(TY_FLOAT) : T(TY_INT);
    return T(TY_FLOAT);
  }
  if (a->kind == TY_SET && b->kind == TY_SET) {  /* | & - ^ of two sets of one type */
    Type *u = unify(a, b);
    bool setop = op == OP_BITOR || op == OP_BITAND || op == OP_SUB || op == OP_BITXOR;
    if (u && setop) return u;
    goto bad;
  }
  if (op == OP_BITOR && a->kind == TY_DICT && b->kind == TY_DICT) {  /* defaults | overrides, {**a, **b} */
    Type *u = unify(a, b);
    if (u) return u;
  }
  if (op == OP_ADD && a == b && a->kind == TY_STR) return a;
  if (op == OP_ADD && a->kind == TY_LIST && b->kind == TY_LIST) {  /* `outputs += [y]` types an empty `outputs` */
    Type *u = unify(a, b);
    if (u) return u;
  }
  if (op == OP_ADD && is_tuple(a) && is_tuple(b)) {  /* (batch,) + shape */
    Type *u = tuple_concat(c, a, b);
    if (u) return u;
  }
  if (op == OP_MUL && ((is_tuple(a) && bi) || (is_tuple(b) && ai))) {  /* (0,) * n */
    Type *u = tuple_repeat(c, is_tuple(a) ? a : b, is_tuple(a) ? e->rhs : e->lhs);
    if (u) return u;
  }
  if (op == OP_MUL && (a->kind == TY_STR || a->kind == TY_LIST) && bi) return a;
  if (op == OP_MUL && (b->kind == TY_STR || b->kind == TY_LIST) && ai) return b;
bad:
  if (e->kind == EX_BINOP && (e->flags & BINOP_DICT_SPREAD))
    return error_at(c, e, "a dict display's ** merges dicts of one key and one value type: %s and %s", tn(c, a),
                    tn(c, b));
  return error_at(c, e, "unsupported operand types for %s: %s and %s", ast_op_text(op), tn(c, a), tn(c, b));
}

static Type *check_binop(Ctx *c, Node *e) {
  Type *a = not_none(c, e->lhs, check_expr(c, e->lhs, NULL));
  if (e->op == OP_MOD && a->kind == TY_STR) return check_str_percent(c, e);  /* 'loss %.3f' % x */
  /* `layers + [nn.ReLU()]` of a list[nn.Module]: the display is one of its items */
  bool items = e->op == OP_ADD && a->kind == TY_LIST && type_known(a) && a->elem->kind == TY_CLASS &&
               e->rhs->kind == EX_LIST;
  Type *b = not_none(c, e->rhs, check_expr(c, e->rhs, items ? a : NULL));
  if (is_class(a) || is_class(b)) {
    Type *r = operator_call(c, e, e->op, e->lhs, e->rhs);
    if (r) return r;
  }
  return set_type(e, arith_result(c, e, a, b));
}

static Type *check_boolop_types(Ctx *c, Node *e, Type *a, Type *b);

static Type *check_unary(Ctx *c, Node *e) {
  Type *t = e->op == OP_NOT ? check_truth(c, e->lhs) : check_expr(c, e->lhs, NULL);
  if (is_err(t)) return set_type(e, t);
  if (is_class(t) && e->op != OP_NOT) {
    Type *r = operator_call(c, e, e->op, e->lhs, NULL);
    if (r) return r;
  }
  switch (e->op) {
  case OP_NOT:
    if (!truthy(t)) return set_type(e, error_at(c, e, "a %s has no truth value", tn(c, t)));
    return set_type(e, T(TY_BOOL));
  case OP_NEG:
  case OP_POS:
    if (t->kind == TY_FLOAT || t->kind == TY_NUMBER) return set_type(e, t);
    if (is_int_like(t)) return set_type(e, T(TY_INT));
    break;
  case OP_INVERT:
    if (is_int_like(t)) return set_type(e, T(TY_INT));
    break;
  default: break;
  }
  return set_type(e, error_at(c, e, "bad operand type for unary %s: %s", ast_op_text(e->op), tn(c, t)));
}

/* An expression used only for its truth (a condition, the operand of
 * `not`): `a and b` of different types is then a bool, as nothing sees
 * which operand it was. Elsewhere its value is an operand, of one type. */
/* e, of type t, in a place that tests its truth value: a class's `truth`
 * method is then called (emit), so reach marks it used. */
static Type *truth_tested(Ctx *c, Node *e, Type *t) {
  e->flags |= EXPR_TRUTH_TESTED;
  Type *u = t->kind == TY_OPTIONAL ? t->elem : t;
  for (int i = 0; u->kind == TY_UNION && i < u->nitems; i++)
    if (u->items[i]->kind == TY_CLASS)  /* a tensor's truth, an object's __bool__ */
      return union_unnarrowed(c, e, t);
  if (!is_class(t) || t->cls->truth) return t;
  const char *why = class_method(t->cls, "__bool__") ? "__bool__, which must take only self and return bool"
                    : class_method(t->cls, "__len__") ? "__len__, which must take only self and return int"
                                                     : NULL;
  if (why) error_at(c, e, "the truth value of a %s calls %s.%s", tn(c, t), tn(c, t), why);
  return t;
}

Type *check_truth(Ctx *c, Node *e) {
  if (e->kind != EX_BOOLOP) return truth_tested(c, e, check_expr(c, e, NULL));
  Type *a = check_truth(c, e->lhs);
  Flow *saved = c->flow;  /* `x is not None and x.f()`: the right operand sees x narrowed */
  c->flow = narrow_by(c, e->lhs, e->op == OP_AND, saved);
  Type *b = check_truth(c, e->rhs);
  flow_restore(c, saved, NULL);
  if (a != b && truthy(a) && truthy(b) && !is_err(a) && !is_err(b)) return truth_tested(c, e, set_type(e, T(TY_BOOL)));
  return truth_tested(c, e, check_boolop_types(c, e, a, b));
}

/* x or y as a value: x's truth value picks the result. */
static Type *check_boolop(Ctx *c, Node *e) {
  Type *a = truth_tested(c, e->lhs, check_expr(c, e->lhs, NULL));
  Flow *saved = c->flow;
  c->flow = narrow_by(c, e->lhs, e->op == OP_AND, saved);
  Type *b = check_expr(c, e->rhs, NULL);
  flow_restore(c, saved, NULL);
  return check_boolop_types(c, e, a, b);
}

static Type *check_boolop_types(Ctx *c, Node *e, Type *a, Type *b) {
  if (!truthy(a)) return set_type(e, error_at(c, e->lhs, "a %s has no truth value", tn(c, a)));
  if (!truthy(b)) return set_type(e, error_at(c, e->rhs, "a %s has no truth value", tn(c, b)));
  if (a == b) return set_type(e, a);
  Type *u = unify(a, b);
  if (u && !(a->kind == TY_BOOL || b->kind == TY_BOOL)) return set_type(e, u);
  /* `x or default` of an Optional x: the default where x is None */
  if (e->op == OP_OR && a->kind == TY_OPTIONAL && b->kind != TY_OPTIONAL && b->kind != TY_NONE && assignable(a->elem, b))
    return set_type(e, a->elem);
  u = join_types(c, a, b);  /* `x or None` */
  if (u && u->kind == TY_OPTIONAL) return set_type(e, u);
  return set_type(e, error_at(c, e, "operands of '%s' must have one type, not %s and %s",
                              ast_op_text(e->op), tn(c, a), tn(c, b)));
}

/* Can a and b be compared with op? */
static bool eq_runs_no_code(const Type *t);

/* Objects of classes a and b, one deriving the other, neither with an
 * __eq__: == compares them by identity (`P(1) in qs` of a list[Q], Q a P). */
static bool related_by_identity(const Type *a, const Type *b) {
  bool related = a->kind == TY_CLASS && b->kind == TY_CLASS && !a->cls->is_extern && !b->cls->is_extern &&
                 (class_derives(a->cls, b->cls) || class_derives(b->cls, a->cls));
  return related && eq_runs_no_code(a) && eq_runs_no_code(b);
}

/* `sys.version_info >= (3, 8)`: tuples of other lengths whose items where
 * both have one are of one type are ordered as CPython orders them, item
 * by item, then the shorter first (== of them is never_equal's). */
static bool ordered_tuples(Op op, const Type *a, const Type *b) {
  if (op == OP_EQ || op == OP_NE || a->kind != TY_TUPLE || b->kind != TY_TUPLE || a->nitems == b->nitems) return false;
  for (int i = 0; i < a->nitems && i < b->nitems; i++)
    if (a->items[i] != b->items[i]) return false;
  return true;
}

/* A union value of no class member (whose == would run code or, of a
 * tensor, give a tensor): `int | str`, `list[int] | str`. */
static bool plain_union(const Type *t) {
  if (t->kind != TY_UNION) return false;
  for (int i = 0; i < t->nitems; i++)
    if (t->items[i]->kind == TY_CLASS) return false;
  return true;
}

static bool comparable(Op op, const Type *a, const Type *b) {
  if (is_err(a) || is_err(b)) return true;
  if (op == OP_IN || op == OP_NOTIN) {
    if (b->kind == TY_STR) return a->kind == TY_STR;
    if (b->kind == TY_LIST) return assignable(b->elem, a) || a == b->elem || related_by_identity(a, b->elem);
    if (b->kind == TY_DICT) return assignable(b->key, a);
    if (b->kind == TY_SET) return assignable(b->elem, a);
    if (b->kind == TY_TUPLE) return true;
    if (b->kind == TY_VARTUPLE) return assignable(b->elem, a) || a == b->elem;
    return false;
  }
  if (op == OP_IS || op == OP_ISNOT) return true;
  /* an item of [0.5, "s"] and a value such a list holds: the value inside compares (emit boxes the other) */
  if ((type_is_dynamic(a) && takes_any(b) && b->kind != TY_NONE) || (type_is_dynamic(b) && takes_any(a) && a->kind != TY_NONE))
    return true;
  /* a union of built-in types and a value: the value inside compares, as a dynamic one's */
  if ((op == OP_EQ || op == OP_NE) && ((plain_union(a) && takes_any(b) && b->kind != TY_NONE) ||
                                       (plain_union(b) && takes_any(a) && a->kind != TY_NONE)))
    return true;
  /* an Optional[T] and a T: None equals no T (emit's optional_eq); not of a class whose __eq__ would run;
     `x == None` of an Optional x is `x is None` there (emit's compare_c) */
  bool eq = (op == OP_EQ || op == OP_NE) && (a->kind == TY_OPTIONAL || b->kind == TY_OPTIONAL);
  if (eq) {
    const Type *t = a->kind == TY_OPTIONAL ? a->elem : b->elem;
    bool none = a->kind == TY_NONE || b->kind == TY_NONE;
    bool fits = none || (a->kind == TY_OPTIONAL ? (b == a || b == a->elem) : a == b->elem);
    return fits && eq_runs_no_code(t);
  }
  if (type_is_numeric(a) && type_is_numeric(b)) return true;
  bool numbers = type_is_number(a) && type_is_number(b);
  if (numbers && op != OP_IN && op != OP_NOTIN) return true;
  if (a->kind == TY_SET && b->kind == TY_SET) return unify(a, b) != NULL;  /* ordering: subset tests */
  if ((a->kind == TY_VARTUPLE && assignable(a, b)) || (b->kind == TY_VARTUPLE && assignable(b, a)))
    return true;  /* args == (1, 2): tuples of one item type */
  if (ordered_tuples(op, a, b)) return true;
  if (a != b && !same_items(a, b)) return false;  /* Point(1, 2) == (1, 2) */
  if (op == OP_EQ || op == OP_NE) return true;
  /* Ordering */
  return a->kind == TY_STR || a->kind == TY_LIST || a->kind == TY_TUPLE || a->kind == TY_VARTUPLE;
}

/* The kinds of values that can be equal: an int, a float, a bool and an
 * int | float are one family, a tuple of any shape another. */
static int eq_family(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_NUMBER: return TY_NUMBER;
  case TY_VARTUPLE: return TY_TUPLE;
  default: return t->kind;
  }
}

/* Would Python's == of a t and an other (unrelated, so not comparable
 * here) compare their identities? It does where no __eq__ of a program's
 * class would run, or where that __eq__ takes `other: object` (whose
 * isinstance test returns NotImplemented for another type): a C type's
 * (an extern class's) __eq__ of another type returns NotImplemented, as
 * torch.device's does for a str. */
static bool by_identity(const Type *t, const Type *other) {
  if (t->kind != TY_CLASS) return true;
  bool related = other->kind == TY_CLASS && (class_derives(t->cls, other->cls) || class_derives(other->cls, t->cls));
  Func *eq = t->cls->is_extern ? NULL : class_method(t->cls, "__eq__");
  /* `__eq__(self, other: object)` returns NotImplemented for a value it is not given the class of */
  if (eq) return !related && eq->nparams == 2 && eq->params[1].any_object && !eq->overload;
  return !related;
}

/* Does == of values of type t run no code of the program (no __eq__ of
 * its classes, in t or in what t holds)? */
static bool eq_runs_no_code(const Type *t) {
  if (!t) return true;
  if (t->kind == TY_CLASS) return t->cls->is_extern || !class_method(t->cls, "__eq__");
  if (!eq_runs_no_code(t->elem) || !eq_runs_no_code(t->key)) return false;
  for (int i = 0; i < t->nitems; i++)
    if (!eq_runs_no_code(t->items[i])) return false;
  return true;
}

static bool never_equal(Op op, const Type *a, const Type *b);

/* Two tuples Python never finds equal: of other lengths, or with a pair
 * of items at one place that are never equal. CPython compares the items
 * in order before the lengths, so only where no __eq__ of the program's
 * would run on the way. */
static bool tuples_never_equal(const Type *a, const Type *b) {
  if (!eq_runs_no_code(a) || !eq_runs_no_code(b)) return false;
  if (a->nitems != b->nitems) return true;
  for (int i = 0; i < a->nitems; i++)
    if (never_equal(OP_EQ, a->items[i], b->items[i])) return true;
  return false;
}

/* `a == b` that Python answers False whatever the values (and != True): a
 * device and a str, a list and a tuple, a str and an int, `(1, "a")` and
 * `(1, 2)`; both still evaluated. Not where values of the two types may
 * be equal ([1] == [1.0], and [1] == ["a"], both of which may be empty). */
static bool never_equal(Op op, const Type *a, const Type *b) {
  if (op != OP_EQ && op != OP_NE) return false;
  if (!type_known(a) || !type_known(b) || a->kind == TY_OPTIONAL || b->kind == TY_OPTIONAL) return false;
  if (a->kind == TY_ANY || b->kind == TY_ANY) return false;
  if (type_is_dynamic(a) || type_is_dynamic(b)) return false;  /* an item of [0.5, "s"]: the value inside decides */
  if (a->kind == TY_UNION || b->kind == TY_UNION) return false;
  if (a->kind == TY_TUPLE && b->kind == TY_TUPLE) return tuples_never_equal(a, b);
  bool classes = a->kind == TY_CLASS || b->kind == TY_CLASS;
  if (eq_family(a) == eq_family(b) && !classes) return false;
  return by_identity(a, b) && by_identity(b, a);
}

/* a OP b where a and b cannot be compared: an error, or one Python
 * answers by identity, recorded on the comparison for emit. */
static void incomparable(Ctx *c, Node *cmp, const Type *a, const Type *b) {
  if (never_equal(cmp->op, a, b)) cmp->flags |= CMP_NEVER_EQUAL;
  else error_at(c, cmp, "'%s' is not supported between %s and %s", ast_op_text(cmp->op), tn(c, a), tn(c, b));
}

/* `x in (p, q)` of a tuple[...]: == with each item, where it compares
 * them (type_eq_compares: emit tests those items alone), or where Python
 * never finds them equal. */
static void tuple_items_compared(Ctx *c, Node *cmp, const Type *a, const Type *b) {
  for (int i = 0; i < b->nitems; i++)
    if (!is_err(a) && !is_err(b->items[i]) && !type_eq_compares(a, b->items[i]) && !never_equal(OP_EQ, a, b->items[i]))
      error_at(c, cmp, "'in' compares with ==, which is not supported between %s and %s (item %d of the tuple)",
               tn(c, a), tn(c, b->items[i]), i);
}

/* `v in x` of an object x whose class iterates as this list: searched as
 * Python searches an object without __contains__, by iterating it, where
 * its elements compare by value (numbers, strs), not where they are
 * objects (a tensor's `in` is PyTorch's own, element-wise). */
static bool searchable(const Type *list) {
  return list && (type_is_numeric(list->elem) || list->elem->kind == TY_STR);
}

/* `v in x` of an object whose class has __contains__: x.__contains__(v)
 * (`not in` negated), recorded as an operator's call; NULL without one. */
static Type *contains_call(Ctx *c, Node *e, Node *cmp, Type *b) {
  Func *head = class_method(b->cls, "__contains__");
  Type *a = e->lhs->ty;
  Func *f = head ? pick_by_types(head, 1, &a, 1, NULL) : NULL;
  if (!f) return NULL;
  if (f->ret->kind != TY_BOOL)
    return set_type(e, error_at(c, cmp, "'in' calls %s, which must return bool", f->qname));
  CallInfo *ci = new_call(c, e, CALL_METHOD, f->nparams);
  ci->fn = f;
  ci->recv = cmp->rhs;
  ci->args[1] = e->lhs;
  ci->negate = cmp->op == OP_NOTIN;
  return set_type(e, T(TY_BOOL));
}

/* `(1, "x") in d` of a d keyed by tuple[int | float, str]: a tuple display
 * searched for is checked again as the container's item (its ints become
 * numbers), where as it is it would not compare; its type. */
static Type *searched_display(Ctx *c, Node *x, Type *a, Op op, Type *b) {
  Type *item = b->kind == TY_DICT ? b->key : b->kind == TY_SET || b->kind == TY_LIST ? b->elem : NULL;
  if (x->kind != EX_TUPLE || !item || comparable(op, a, b)) return a;
  return check_expr(c, x, item);
}

/* `a == b` (`!=`) where a class of an operand defines __eq__ and the
 * comparison is no method call of its own: an Optional's (`device ==
 * torch.device("cpu")` of an Optional[torch.device]), or a link of a chain
 * (`a == b == c`). An extern class's __eq__ of the other's type that gives
 * a bool compares the values (cmp->info: its Func, which emit calls),
 * not the pointers; a program class's is an error in a chain yet (an
 * Optional of one is not comparable). */
static void extern_eq(Ctx *c, Node *cmp, Type *a, Type *b) {
  if (cmp->op != OP_EQ && cmp->op != OP_NE) return;
  Type *ta = a->kind == TY_OPTIONAL ? a->elem : a, *tb = b->kind == TY_OPTIONAL ? b->elem : b;
  bool left = ta->kind == TY_CLASS && class_method(ta->cls, "__eq__");
  Type *t = left ? ta : tb, *other = left ? tb : ta;
  Func *eq = t->kind == TY_CLASS ? class_method(t->cls, "__eq__") : NULL;
  if (!eq) return;
  if (!t->cls->is_extern) {
    error_at(c, cmp, "a chain of comparisons cannot call %s.__eq__ yet: write `a == b and b == c`", t->cls->name);
    return;
  }
  Func *f = pick_by_types(eq, 1, &other, 1, NULL);
  if (!f || f->ret->kind != TY_BOOL) return;
  cmp->info = f;
  if (!left) cmp->flags |= CMP_EQ_REFLECTED;
}

static Type *check_compare(Ctx *c, Node *e) {
  Type *a = check_expr(c, e->lhs, NULL);
  if (!e->cmps->next && e->cmps->op <= OP_GE && e->cmps->op >= OP_EQ) {
    /* x == y, x < 2 where a class defines the comparison (a tensor gives a tensor) */
    Type *b = check_expr(c, e->cmps->rhs, is_class(a) && !class_object_class(a) ? NULL : a);  /* t == ValueError */
    if (e->cmps->op >= OP_LT) {  /* ordering needs values: None has none */
      a = not_none(c, e->lhs, a);
      b = not_none(c, e->cmps->rhs, b);
    }
    if (is_class(a) || is_class(b)) {
      Type *r = operator_call(c, e, e->cmps->op, e->lhs, e->cmps->rhs);
      if (r) return r;
    }
    if (!comparable(e->cmps->op, a, b)) incomparable(c, e->cmps, a, b);
    else if (a->kind == TY_OPTIONAL || b->kind == TY_OPTIONAL) extern_eq(c, e->cmps, a, b);
    e->cmps->ty = a;
    return set_type(e, T(TY_BOOL));
  }
  for (Node *cmp = e->cmps; cmp; cmp = cmp->next) {
    /* The left operand's type guides an empty literal on the right: xs == [] */
    bool in = cmp->op == OP_IN || cmp->op == OP_NOTIN;
    Type *b = check_expr(c, cmp->rhs, in ? NULL : a);
    Type *r = in && e->cmps == cmp && !cmp->next && is_class(b) ? contains_call(c, e, cmp, b) : NULL;
    if (r) return r;
    if (in && cmp == e->cmps) a = searched_display(c, e->lhs, a, cmp->op, b);
    if (in && searchable(iter_as_list(b)) && comparable(cmp->op, a, iter_as_list(b)))  /* 3 in x.shape */
      b = iterate_into_list(c, cmp->rhs);
    if (in && b->kind == TY_TUPLE) tuple_items_compared(c, cmp, a, b);
    else if (in && b->pending && !type_known(b)) cmp->flags |= CMP_IN_PENDING;  /* its first store types it */
    else if (!comparable(cmp->op, a, b)) incomparable(c, cmp, a, b);
    else extern_eq(c, cmp, a, b);
    cmp->ty = a;   /* the left operand's type, for emit */
    a = b;
  }
  return set_type(e, T(TY_BOOL));
}

/* `x in d` of a d that a later store typed (CMP_IN_PENDING): the check
 * check_compare left, once d's type is known; cmp->ty is x's. */
void check_settled_in(Ctx *c, Node *cmp) {
  Type *b = type_resolved(c->p, cmp->rhs->ty);
  if (type_known(b) && !comparable(cmp->op, cmp->ty, b)) incomparable(c, cmp, cmp->ty, b);
}

/* (n := value): binds n as an assignment does, and is n's new value. */
static Type *check_namedexpr(Ctx *c, Node *e) {
  Sym *y = find_name(c, e->lhs->name);
  bool comp_var = y && y->kind == SYM_LOCAL && c->fn && scope_find(&c->fn->locals, y->name) != y;
  if (comp_var)  /* CPython's SyntaxError */
    return set_type(e, error_at(c, e->lhs, "assignment expression cannot rebind comprehension iteration variable '%s'",
                                e->lhs->name));
  Type *t = check_expr(c, e->rhs, NULL);
  bind_target(c, e->lhs, t);
  Type *held = e->lhs->ty ? e->lhs->ty : t;  /* what the name holds: a float for an int where it must */
  return set_type(e, held->kind == TY_OPTIONAL && t->kind != TY_OPTIONAL && t->kind != TY_NONE ? t : held);
}

/* Can t be a member of a union value (a value the runtime describes)? */
static bool union_memberable(const Type *t) {
  if (t->kind == TY_OPTIONAL) t = t->elem;
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_STR: case TY_LIST: case TY_TUPLE: case TY_DICT: case TY_SET:
  case TY_VARTUPLE: case TY_UNION: case TY_NONE:
    return type_known(t);
  case TY_CLASS: return !type_is_dynamic(t);
  default: return false;
  }
}

static Type *union_join(Ctx *c, Type *a, Type *b, Type *expect);

/* Tuples of as many items joined item by item (an LSTM's `(output, (h,
 * c))` and a GRU's `(output, h)`: a tuple[Tensor, Tensor | tuple[Tensor,
 * Tensor]]), which unpacks as either does; NULL where they are not such
 * tuples or an item pair has no join. */
static Type *tuple_join(Ctx *c, Type *a, Type *b) {
  if (a->kind != TY_TUPLE || b->kind != TY_TUPLE || a->nitems != b->nitems || !a->nitems) return NULL;
  Type **items = arena_alloc(c->p->arena, a->nitems * sizeof *items);
  for (int i = 0; i < a->nitems; i++) {
    items[i] = join_types(c, a->items[i], b->items[i]);
    if (!items[i]) items[i] = union_join(c, a->items[i], b->items[i], NULL);
    if (!items[i]) return NULL;
  }
  return type_tuple(c->p, items, a->nitems);
}

/* The union (or an Optional of one) expected where both a and b fit it, or NULL. */
static Type *expected_union(Type *expect, Type *a, Type *b) {
  Type *want = expect ? type_settled(expect) : NULL;
  Type *u = want && want->kind == TY_OPTIONAL ? want->elem : want;
  return u && u->kind == TY_UNION && assignable(want, a) && assignable(want, b) ? want : NULL;
}

/* The type of `a if c else b` whose branches have no one type: the union
 * expected where both fit it, tuples joined item by item, else the union
 * of the two (`p if isinstance(p, Dog) else 0`: a Dog | int), or NULL. */
static Type *union_join(Ctx *c, Type *a, Type *b, Type *expect) {
  Type *want = expected_union(expect, a, b);
  if (want) return want;
  Type *items = tuple_join(c, a, b);
  if (items) return items;
  if (!union_memberable(a) || !union_memberable(b)) return NULL;
  Type *pair[] = {a, b};
  return type_union(c->p, pair, 2);
}

/* An int, a float, a bool, or an `int | float` of either. */
static bool numeric_scalar(const Type *t) {
  return t->kind == TY_INT || t->kind == TY_FLOAT || t->kind == TY_BOOL || t->kind == TY_NUMBER;
}

static Type *check_ifexp(Ctx *c, Node *e, Type *expect) {
  check_decided_cond(c, e);
  Flow *saved = c->flow;
  if (e->flags & (IF_ALWAYS | IF_NEVER)) {  /* the types rule a branch out: it is not checked, as an if's */
    c->flow = narrow_by(c, e->cond, (e->flags & IF_ALWAYS) != 0, saved);
    Type *t = check_expr(c, e->flags & IF_ALWAYS ? e->lhs : e->rhs, expect);
    flow_restore(c, saved, NULL);
    return set_type(e, t);
  }
  c->flow = narrow_by(c, e->cond, true, saved);
  Type *a = check_expr(c, e->lhs, expect);
  Flow *a_end = c->flow;
  c->flow = narrow_by(c, e->cond, false, saved);
  Type *b = check_expr(c, e->rhs, expect);
  flow_restore(c, saved, a_end);
  /* `pick = min if c else max`: the name's call types it for the next run, which expects that Callable here */
  bool library = a->kind == TY_FUNC && needs_lambda_value(a->fn) && b->kind == TY_FUNC && needs_lambda_value(b->fn);
  if (((a->kind == TY_BUILTIN && b->kind == TY_BUILTIN) || library) && e == c->assigned) return set_type(e, a);
  /* `k if k > 0 else sys.exit(1)`, a union call's member that raises: the other branch's value */
  if (never_returns(e->rhs)) return set_type(e, a);
  if (never_returns(e->lhs)) return set_type(e, b);
  Type *u = expected_union(expect, a, b);  /* `Two() if k else One()` for a `Two | One`, not their base */
  /* `s.size` of a `Circle | Square` whose sizes are a float and an int: the member's own, as Python's */
  if (!u && !expect && (e->flags & CALL_UNION_MEMBER) && a->kind != b->kind && numeric_scalar(a) && numeric_scalar(b))
    u = T(TY_NUMBER);
  if (!u) u = join_types(c, a, b);
  if (!u) u = union_join(c, a, b, expect);
  if (!u) return set_type(e, error_at(c, e, "both branches must have one type, not %s and %s", tn(c, a), tn(c, b)));
  return set_type(e, u);
}

/* ---- comprehensions ------------------------------------------------------- */

static void declare_comp_target(Ctx *c, Scope *s, Node *t) {
  if (t->kind == EX_NAME) {
    Sym *y = scope_add(c->p->arena, s, SYM_LOCAL, t->name, t);
    y->cname = c_local(c->p, c->fn ? c->fn : c->m->init, t->name, false);  /* x_, or x_2_ beside a local x */
    return;
  }
  if (t->kind == EX_TUPLE || t->kind == EX_LIST)
    for (Node *x = t->elts; x; x = x->next) declare_comp_target(c, s, x);
  if (t->kind == EX_STARRED) declare_comp_target(c, s, t->lhs);  /* [h for h, *rest in rows] */
}

/* A comprehension's clauses and element, in a scope of their own. A
 * generator expression's element is truth-tested where `truth` (any(),
 * all() take its truth values); its type is a generator of its elements. */
static Type *check_comp(Ctx *c, Node *e, Type *expect, bool truth) {
  Scope *s = arena_alloc(c->p->arena, sizeof *s);
  s->up = c->scope;
  Scope *saved = c->scope;
  for (Node *g = e->comps; g; g = g->next) {
    Type *el = plan_loop(c, g, g->rhs, NULL);   /* in the outer scope, as Python */
    declare_comp_target(c, s, g->lhs);
    c->scope = s;
    bind_target(c, g->lhs, el);
    for (Node *k = g->conds; k; k = k->next) {
      Type *kt = check_truth(c, k);
      if (!truthy(kt)) error_at(c, k, "a %s has no truth value", tn(c, kt));
      c->flow = narrow_targets(c, k, s, c->flow);  /* [r.diagonal for r in shapes if isinstance(r, Rect)] */
    }
  }
  c->scope = s;
  Type *r;
  if (e->kind == EX_LISTCOMP) {
    Type *want = expect && expect->kind == TY_LIST ? expect->elem : NULL;
    Type *el = element(c, e->lhs, want);
    if (want && assignable(want, el)) el = want;
    r = type_list(c->p, el);
  } else if (e->kind == EX_GENEXP) {
    Type *el = truth ? check_truth(c, e->lhs) : element(c, e->lhs, NULL);
    r = type_generator(c->p, el);
  } else if (e->kind == EX_SETCOMP) {
    Type *want = expect && expect->kind == TY_SET ? expect->elem : NULL;
    Type *el = set_element(c, e->lhs, element(c, e->lhs, want));
    if (want && assignable(want, el)) el = want;
    r = type_set(c->p, el);
  } else {
    Type *k = element(c, e->lhs, NULL);
    Type *v = element(c, e->rhs, expect && expect->kind == TY_DICT ? expect->elem : NULL);
    r = type_dict(c->p, k, v);
  }
  c->scope = saved;
  e->info = s;
  return set_type(e, r);
}

/* A generator expression that a call consumes at once (sum(), any(),
 * all()): a loop where the call runs, which any() and all() leave at the
 * first element that decides, as Python's. */
Type *check_genexp(Ctx *c, Node *e, bool truth) { return check_comp(c, e, NULL, truth); }

/* A generator expression whose consumer takes every element anyway (list(),
 * sorted(), min(), str.join(), list.extend()...) is that comprehension: the
 * node becomes, in place, the list (or set) comprehension. */
void genexp_as_comp(Node *e, NodeKind kind) {
  if (e && e->kind == EX_GENEXP) e->kind = kind;
}

/* ---- expressions ---------------------------------------------------------- */

static bool has_star_params(const Func *f) {
  for (int i = 0; i < f->nparams; i++)
    if (f->params[i].varargs || f->params[i].kwargs) return true;
  return false;
}

/* A function whose value is a lambda that calls it, of the Callable type
 * that is expected or that its first call through a variable gives: an
 * extern, an overloaded one, or one with a '*' or '**' parameter (no
 * one Callable type says how each is called). */
bool needs_lambda_value(const Func *f) { return f->is_extern || f->overload || has_star_params(f); }

/* The Callable of f's required positional parameters: what a library
 * function is as a value where nothing expects a type (Callable[[float],
 * float] of math.sqrt), and the annotation an error proposes. */
Type *required_callable(Ctx *c, const Func *f) {
  int n = 0;
  while (n < f->nparams && !f->params[n].dflt && !f->params[n].varargs && !f->params[n].kwargs) n++;
  Type **params = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *params);
  for (int i = 0; i < n; i++) params[i] = f->params[i].ty;
  return type_callable(c->p, params, n, f->ret);
}

/* Is e the value a name is assigned, whose first call through the name
 * types it (check_stmt.c), or a branch of that value (`f = a if c else b`)? */
static bool stored_whole(Ctx *c, const Node *e) {
  const Node *v = c->assigned;
  return v && (e == v || (v->kind == EX_IFEXP && (e == v->lhs || e == v->rhs)));
}

/* A function's name used as a value (`f = double`, `apply(double, 3)`):
 * a Callable of its signature (reach.c marks it Func.as_value). */
static Type *function_value(Ctx *c, Node *e, Type *t) {
  Func *f = t->fn;
  if (f->cls) return set_type(e, error_at(c, e, "a method is not a value yet: write a lambda that calls it"));
  if (needs_lambda_value(f) && stored_whole(c, e)) return set_type(e, t);  /* `loss_fn = F.cross_entropy`: its call types it */
  if (f->is_extern && !f->overload && !f->cls && !has_star_params(f))  /* [torch.asin, torch.acos] */
    return called_by_lambda(c, e, required_callable(c, f));
  if (needs_lambda_value(f))
    return set_type(e, error_at(c, e, "'%s' %s: as a value, write a lambda that calls it", f->qname,
                                f->is_extern ? "is a library function" : "takes '*' or '**' parameters"));
  if (f->ntvars)
    return set_type(e, error_at(c, e, "%s() is generic (each call's arguments decide its types): as a value, write "
                                "a lambda that calls it", f->qname));
  Type **params = arena_alloc(c->p->arena, (f->nparams ? f->nparams : 1) * sizeof *params);
  for (int i = 0; i < f->nparams; i++) params[i] = f->params[i].ty;
  return set_type(e, type_callable(c->p, params, f->nparams, f->ret));
}

/* e becomes, in place, the call of f (a function the checker made where
 * e stands) with args, through f's value (an EX_LAMBDA node of it). */
static Type *call_in_place(Ctx *c, Node *e, Func *f, Node *args) {
  Type **params = arena_alloc(c->p->arena, (f->nparams ? f->nparams : 1) * sizeof *params);
  for (int i = 0; i < f->nparams; i++) params[i] = f->params[i].ty;
  Node *callee = ast_new(c->p->arena, EX_LAMBDA, e->file, e->pos, e->len);
  callee->info = f;
  callee->ty = type_callable(c->p, params, f->nparams, f->ret);
  *e = (Node){.kind = EX_CALL, .pos = e->pos, .len = e->len, .file = e->file, .next = e->next, .depth = e->depth,
              .lhs = callee, .args = args};
  return check_expr(c, e, NULL);
}

static Node *copy_param(Arena *a, const Node *pa) {
  Node *q = ast_new(a, ND_PARAM, pa->file, pa->pos, pa->len);
  q->name = pa->name;
  return q;
}

/* lambda x, i=i: body where a Callable[[X], R] is expected: its defaults
 * are computed where it stands, as in Python. In place, the call of a
 * function nested there, `def <lambda>(i: I) -> Callable[[X], R]: return
 * lambda x: body`, given them: each lambda made holds its own values. */
static Type *lambda_with_defaults(Ctx *c, Node *e, Type *expect) {
  Program *p = c->p;
  Arena *a = p->arena;
  int n = ast_count(e->params), k = expect->nitems;
  if (n < k)
    return set_type(e, error_at(c, e, "this lambda takes %d parameters where %s is expected", n, tn(c, expect)));
  if (expect->elem->kind == TY_UNKNOWN)  /* key=, map(): its body would give it */
    return set_type(e, error_at(c, e, "a lambda with defaults needs its result type given where it stands: "
                                "define a function with def"));
  Func *f = made_func(c, "<lambda>", arena_printf(a, "%s.<locals>.<lambda>", c->fn->qname),
                      arena_printf(a, "%s_lambda", c->fn->cname), true);
  f->ret = expect;
  f->nparams = n - k;
  f->params = arena_alloc(a, (n - k ? n - k : 1) * sizeof *f->params);
  Node *def = ast_new(a, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = f->name;
  Node *inner = ast_new(a, EX_LAMBDA, e->file, e->pos, e->len);
  inner->lhs = e->lhs;
  Node *args = NULL;
  int i = 0;
  for (Node *pa = e->params; pa; pa = pa->next, i++) {
    if (i < k) {  /* passed by the caller: its default never applies */
      inner->params = ast_append(inner->params, copy_param(a, pa));
      continue;
    }
    if (!pa->rhs)
      return set_type(e, error_at(c, pa, "'%s' is a parameter beyond the %d that a %s passes: give it a default",
                                  pa->name, k, tn(c, expect)));
    Type *t = type_plain(p, check_expr(c, pa->rhs, NULL));
    if (!truthy(t) && !is_err(t)) return set_type(e, error_at(c, pa->rhs, "a default cannot be a %s", tn(c, t)));
    Node *q = copy_param(a, pa);
    def->params = ast_append(def->params, q);
    f->params[i - k] = (Param){.name = pa->name, .cname = c_local(p, f, pa->name, false), .ty = t, .decl = q};
    args = ast_append(args, pa->rhs);
  }
  def->body = ast_new(a, ST_RETURN, e->file, e->pos, e->len);
  def->body->rhs = inner;
  f->decl = def;
  add_func(c, f);
  check_func(c, f);
  return call_in_place(c, e, f, args);
}

/* `f = lambda x: ...` where nothing types f yet: its value is a Callable
 * of unknown parameters, which a call through f types for the next run
 * (flow_lambda_called); this run, the error that stands where none does. */
static Type *untyped_lambda(Ctx *c, Node *e) {
  error_at(c, e, "a lambda stored in a variable takes its parameters' types from the variable's first call or the "
           "function parameter it is first passed to; here there is neither: annotate the variable (f: "
           "Callable[[int], int] = lambda ...)");
  return set_type(e, type_callable_any(c->p, T(TY_UNKNOWN)));
}

/* lambda x, y: body where a Callable[[A, B], R] is expected: a function of
 * that signature whose body is `return body` (for R None, `body`), checked
 * as a def is and emitted beside the module's functions (e->info). */
static Type *check_lambda(Ctx *c, Node *e, Type *expect) {
  if (e->info) return e->ty;  /* checked already (an argument is checked again once its overload is known) */
  if (!expect && !e->params) expect = type_callable(c->p, NULL, 0, T(TY_UNKNOWN));  /* lambda: x: its body types it */
  if (!expect && e == c->untyped_lambda) return untyped_lambda(c, e);
  if (!expect || expect->kind != TY_CALLABLE)
    return set_type(e, error_at(c, e, "a lambda needs a Callable[[...], R] where it stands (a parameter or an annotated "
                                "variable of that type, or key=): give it one, or define a function with def"));
  for (Node *pa = e->params; pa; pa = pa->next)
    if (pa->rhs && !pa->flags) return lambda_with_defaults(c, e, expect);
  int n = ast_count(e->params);
  if (n != expect->nitems)
    return set_type(e, error_at(c, e, "this lambda takes %d parameter%s where %s is expected", n, n == 1 ? "" : "s",
                                tn(c, expect)));
  for (Node *pa = e->params; pa; pa = pa->next)
    if (pa->rhs || pa->flags)
      return set_type(e, error_at(c, pa, "a lambda's parameters cannot have defaults or '*' here"));
  Program *p = c->p;
  /* nested: the names around it, captured() */
  Func *f = made_func(c, "<lambda>", "<lambda>", arena_printf(p->arena, "%s_lambda", c->fn->cname), true);
  f->ret = expect->elem;
  f->nparams = n;
  f->params = arena_alloc(p->arena, (n ? n : 1) * sizeof *f->params);
  int i = 0;
  for (Node *pa = e->params; pa; pa = pa->next, i++)
    f->params[i] = (Param){.name = pa->name, .cname = c_local(p, f, pa->name, false), .ty = expect->items[i], .decl = pa};
  Node *def = ast_new(p->arena, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = f->name;
  def->params = e->params;
  def->body = ast_new(p->arena, f->ret->kind == TY_NONE ? ST_EXPR : ST_RETURN, e->file, e->lhs->pos, e->lhs->len);
  if (f->ret->kind == TY_NONE) def->body->lhs = e->lhs;
  else def->body->rhs = e->lhs;
  f->decl = def;
  add_func(c, f);
  check_func(c, f);
  e->info = f;
  if (f->ret->kind == TY_UNKNOWN) f->ret = T(TY_ERROR);  /* its body had an error */
  return set_type(e, type_callable(p, expect->items, n, f->ret));
}

/* `lambda _a0, ...: call` in place of e, call given the parameters as
 * its arguments (the first as its receiver, where `receiver`), checked as
 * the Callable expected. */
static Type *lambda_calling(Ctx *c, Node *e, Type *expect, Node *call, bool receiver) {
  Arena *a = c->p->arena;
  Node *params = NULL;
  for (int i = 0; i < expect->nitems; i++) {
    Node *pa = ast_new(a, ND_PARAM, e->file, e->pos, e->len);
    pa->name = arena_printf(a, "_a%d", i);
    params = ast_append(params, pa);
    Node *arg = ast_new(a, EX_NAME, e->file, e->pos, e->len);
    arg->name = pa->name;
    if (receiver && i == 0) call->lhs->lhs = arg;
    else call->args = ast_append(call->args, arg);
  }
  *e = (Node){.kind = EX_LAMBDA, .pos = e->pos, .len = e->len, .file = e->file, .next = e->next, .depth = e->depth,
              .params = params, .lhs = call};
  return check_lambda(c, e, expect);
}

/* str.upper where a Callable is expected: `lambda _a0: _a0.upper()`, the
 * first argument the receiver, as Python's unbound method takes it. */
static Type *method_by_lambda(Ctx *c, Node *e, Type *expect) {
  Node *call = ast_new(c->p->arena, EX_CALL, e->file, e->pos, e->len);
  call->lhs = ast_new(c->p->arena, EX_ATTR, e->file, e->pos, e->len);
  call->lhs->name = e->name;
  return lambda_calling(c, e, expect, call, true);
}

/* A builtin or a library function where a Callable is expected (`key=len`,
 * `map(str, xs)`, `map(math.sqrt, xs)`), or a container's method
 * (`key=order.index`): the lambda that calls it, made in place of the
 * name (`lambda _a0: len(_a0)`), as these are no values. */
static Type *called_by_lambda(Ctx *c, Node *e, Type *expect) {
  Node *fn = ast_new(c->p->arena, e->kind, e->file, e->pos, e->len);
  *fn = *e;
  fn->next = NULL;
  fn->ty = NULL;
  fn->sym = NULL;
  fn->info = NULL;
  Node *call = ast_new(c->p->arena, EX_CALL, e->file, e->pos, e->len);
  call->lhs = fn;
  return lambda_calling(c, e, expect, call, false);
}

/* The statements of a generator expression's generator function: its
 * `for` clauses nested, each `if` inside its own, `yield element` inside
 * all; the first loop walks `first` (what the function is given). */
static Node *genexp_body(Arena *a, Node *e, Node *comp, Node *first) {
  if (!comp) {
    Node *y = ast_new(a, ST_YIELD, e->lhs->file, e->lhs->pos, e->lhs->len);
    y->rhs = e->lhs;
    return y;
  }
  Node *loop = ast_new(a, ST_FOR, comp->file, comp->pos, comp->len);
  loop->lhs = comp->lhs;
  loop->rhs = first ? first : comp->rhs;
  Node *inner = genexp_body(a, e, comp->next, NULL);
  for (Node *cond = comp->conds; cond; cond = cond->next) {  /* innermost last */
    Node *test = ast_new(a, ST_IF, cond->file, cond->pos, cond->len);
    test->cond = cond;
    test->body = inner;
    inner = test;
  }
  loop->body = inner;
  return loop;
}

/* A generator expression kept as a value (`g = (x * x for x in xs)`, a
 * loop's iterable, an Iterator[T] argument, next(g)): in place, the call
 * of a generator function nested in the function it stands in,
 * `def <genexpr>(it) -> Iterator[T]: for x in it: yield x * x`, given the
 * first iterable, evaluated where the expression stands as in Python (a
 * range() its bounds); its element type T is its yield's. */
/* range(...), enumerate(...), zip(...), map(...) or filter(...) of no
 * starred argument: a generator expression kept as a value makes the call again
 * inside its generator function, given the call's arguments. */
static bool rebuilt_iterable(const Node *x) {
  const CallInfo *ci = x->kind == EX_CALL ? x->info : NULL;
  if (!ci || ci->kind != CALL_BUILTIN) return false;
  if (ci->builtin != BI_RANGE && ci->builtin != BI_ENUMERATE && ci->builtin != BI_ZIP && ci->builtin != BI_MAP &&
      ci->builtin != BI_FILTER)
    return false;
  for (const Node *a = x->args; a; a = a->next)
    if (a->kind == EX_STARRED) return false;
  return true;
}

/* The values of call x's arguments (a keyword's value for a keyword), a
 * list of their own: the generator function's arguments. */
static Node *argument_values(Node *x) {
  Node *head = NULL, **tail = &head;
  for (Node *arg = x->args, *next; arg; arg = next) {
    next = arg->next;
    Node *v = arg->kind == ND_KEYWORD ? arg->rhs : arg;
    v->next = NULL;
    *tail = v;
    tail = &v->next;
  }
  return head;
}

/* The name of the generator function's parameter i (of n) for argument
 * `given` of call x (NULL: x itself is the argument): a keyword's name, a
 * range's bound, the iterable. */
static const char *param_name_for(Arena *a, const Node *x, const Node *given, int i, int n) {
  const CallInfo *ci = x->kind == EX_CALL ? x->info : NULL;
  if (!given) return "iterable";  /* the first iterable itself */
  if (given->kind == ND_KEYWORD) return given->name;
  if (ci->builtin == BI_RANGE) return arena_printf(a, "bound%d", i);
  bool function_first = ci->builtin == BI_MAP || ci->builtin == BI_FILTER;
  if (function_first && i == 0) return "function";
  return n == 1 || (n == 2 && function_first) ? "iterable" : arena_printf(a, "iterable%d", i);
}

/* The argument of the call made inside: `use`, by keyword where `given` was one. */
static Node *keyword_again(Arena *a, const Node *given, Node *use) {
  if (given->kind != ND_KEYWORD) return use;
  Node *k = ast_new(a, ND_KEYWORD, given->file, given->pos, given->len);
  k->name = given->name;
  k->rhs = use;
  return k;
}

static Type *genexp_value(Ctx *c, Node *e, Type *elem) {
  Program *p = c->p;
  Arena *a = p->arena;
  Node *iterable = e->comps->rhs;
  /* an empty list display typed where it stood (deque([], maxlen=n) of a deque[T]: the Iterator[T]
     argument fit_arg made a generator of) keeps its type */
  bool typed = iterable->kind == EX_LIST && !iterable->elts && iterable->ty && type_known(iterable->ty);
  Type *it = check_expr(c, iterable, typed ? iterable->ty : NULL);
  if (is_err(it)) return set_type(e, it);
  if (!type_known(it))
    return set_type(e, error_at(c, iterable, "the element type of this empty list or dict is not known here: "
                                "annotate it where it is made, e.g. 'xs: list[int] = []'"));
  bool rebuilt = rebuilt_iterable(iterable);
  if (!rebuilt && (!truthy(it) || it->kind == TY_RANGE || it->kind == TY_ENUMERATE || it->kind == TY_ZIP || it->kind == TY_MAP))
    return set_type(e, error_at(c, iterable, "a generator expression kept as a value walks a list, str, dict, set, "
                                "range, generator, enumerate(), zip() or map() first, not %s: write a generator "
                                "function", tn(c, it)));
  Func *f = made_func(c, "<genexpr>", arena_printf(a, "%s.<locals>.<genexpr>", c->fn->qname),
                      arena_printf(a, "%s_genexpr", c->fn->cname), true);
  f->ret = type_generator(p, elem);
  /* range(a, b), enumerate(xs), zip(xs, ys): their arguments are evaluated here, the call made inside */
  Node *args = rebuilt ? argument_values(iterable) : iterable;
  f->nparams = ast_count(args);
  f->params = arena_alloc(a, f->nparams * sizeof *f->params);
  Node *def = ast_new(a, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = f->name;
  Node *first = rebuilt ? ast_new(a, EX_CALL, iterable->file, iterable->pos, iterable->len) : NULL;
  if (rebuilt) first->lhs = iterable->lhs;
  Node *given = rebuilt ? iterable->args : NULL;  /* the call's own arguments, keywords among them */
  int i = 0;
  for (Node *x = args; x; x = rebuilt ? x->next : NULL, i++, given = given ? given->next : NULL) {
    Node *pa = ast_new(a, ND_PARAM, x->file, x->pos, x->len);
    pa->name = param_name_for(a, iterable, given, i, f->nparams);
    def->params = ast_append(def->params, pa);
    f->params[i] = (Param){.name = pa->name, .cname = c_local(p, f, pa->name, false), .ty = x->ty, .decl = pa};
    Node *use = ast_new(a, EX_NAME, x->file, x->pos, x->len);
    use->name = pa->name;
    if (rebuilt) first->args = ast_append(first->args, keyword_again(a, given, use));
    else first = use;
  }
  def->body = genexp_body(a, e, e->comps, first);
  f->decl = def;
  add_func(c, f);
  check_func(c, f);
  if (f->ret->elem->kind == TY_UNKNOWN) f->ret = type_generator(p, T(TY_ERROR));  /* its element had an error */
  return call_in_place(c, e, f, args);
}

static bool has_param(const Node *params, const char *name) {
  for (; params; params = params->next)
    if (strcmp(params->name, name) == 0) return true;
  return false;
}

/* Does the expression list n read `name` (in a lambda of its own that
 * has no parameter of that name, too)? */
static bool mentions(const Node *n, const char *name) {
  for (; n; n = n->next) {
    if (n->kind == EX_NAME && strcmp(n->name, name) == 0) return true;
    if (n->kind == EX_LAMBDA && has_param(n->params, name) && !mentions(n->params, name)) continue;
    const Node *kids[] = {n->params, n->lhs, n->rhs, n->cond, n->args, n->elts, n->cmps, n->comps, n->conds,
                          n->parts, n->lo, n->hi, n->step, n->spec};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
      if (mentions(kids[i], name)) return true;
  }
  return false;
}

/* Does a lambda in n read `name`? */
static bool lambda_reads(const Node *n, const char *name) {
  for (; n; n = n->next) {
    if (n->kind == EX_LAMBDA) {  /* its defaults are read where it stands */
      if (!has_param(n->params, name) && mentions(n->lhs, name)) return true;
      continue;
    }
    const Node *kids[] = {n->lhs, n->rhs, n->cond, n->args, n->elts, n->cmps, n->comps, n->conds,
                          n->parts, n->lo, n->hi, n->step, n->spec};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
      if (lambda_reads(kids[i], name)) return true;
  }
  return false;
}

/* Does a lambda in comprehension e read a variable that target t (of one
 * of its clauses, from `comp` on) binds? */
static bool lambda_reads_target(const Node *e, const Node *t) {
  if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
    for (const Node *x = t->elts; x; x = x->next)
      if (lambda_reads_target(e, x->kind == EX_STARRED ? x->lhs : x)) return true;
    return false;
  }
  if (t->kind != EX_NAME) return false;
  if (lambda_reads(e->lhs, t->name)) return true;
  for (const Node *g = e->comps; g; g = g->next)
    if (lambda_reads(g->conds, t->name) || (g != e->comps && lambda_reads(g->rhs, t->name))) return true;
  return false;
}

static bool lambda_reads_targets(const Node *e, const Node *comps) {
  for (const Node *g = comps; g; g = g->next)
    if (lambda_reads_target(e, g->lhs)) return true;
  return false;
}

/* [lambda: i for i in xs]: a lambda reads the comprehension's variable as
 * it is when the lambda runs, its last value, as in Python, where each run
 * of the comprehension is a scope of its own. In place, `[element for
 * element in <genexpr>(xs)]` of the generator function whose locals its
 * variables are (genexp_value), yielding elements of the type expected. */
static Type *comp_through_generator(Ctx *c, Node *e, Type *expect) {
  Arena *a = c->p->arena;
  Node *gen = ast_new(a, EX_GENEXP, e->file, e->pos, e->len);
  gen->lhs = e->lhs;
  gen->comps = e->comps;
  Type *t = genexp_value(c, gen, expect && expect->kind == TY_LIST ? expect->elem : T(TY_UNKNOWN));
  if (is_err(t)) return set_type(e, t);
  Node *comp = ast_new(a, ND_COMP, e->file, e->pos, e->len);
  comp->lhs = ast_new(a, EX_NAME, e->file, e->pos, e->len);
  comp->lhs->name = "element";
  comp->rhs = gen;
  e->lhs = ast_new(a, EX_NAME, e->file, e->pos, e->len);
  e->lhs->name = "element";
  e->comps = comp;
  return check_comp(c, e, expect, false);
}

static Type *check_expr_kind(Ctx *c, Node *e, Type *expect);

/* An object of a class defining __call__ where a function is expected
 * (`Compose([Scale(2.0), ...])`): its bound __call__, as Python calls
 * the object. Else t, for the caller's type check. */
static Type *called_object(Ctx *c, Node *e, Type *t, Type *expect) {
  Func *call = class_method(t->cls, "__call__");
  if (!call || call->is_static || call->cls_param || call->is_property) return t;
  Node *obj = ast_new(c->p->arena, e->kind, e->file, e->pos, e->len);
  *obj = *e;
  obj->next = NULL;
  *e = (Node){.kind = EX_ATTR, .file = e->file, .pos = e->pos, .len = e->len, .next = e->next, .depth = e->depth,
              .lhs = obj, .name = "__call__"};
  return bound_method(c, e, call, expect);
}

Type *check_expr(Ctx *c, Node *e, Type *expect) {
  bool callee = c->callee;
  c->callee = false;
  Type *t = check_expr_kind(c, e, expect);
  if (callee) return t;
  /* where a Callable (or an Optional of one: `transform=None`) is taken */
  Type *callable = expect && expect->kind == TY_OPTIONAL ? expect->elem : expect;
  bool library = t->kind == TY_BUILTIN || (t->kind == TY_FUNC && needs_lambda_value(t->fn));
  if (library && callable && callable->kind == TY_CALLABLE && (e->kind == EX_NAME || e->kind == EX_ATTR))
    return called_by_lambda(c, e, callable);
  if (t->kind == TY_FUNC && t->fn->transform)  /* vars: the compiler's, never run */
    return set_type(e, error_at(c, e, "'%s' is called here, not taken as a value: %s(obj)", t->fn->name, t->fn->name));
  if (t->kind == TY_FUNC && t->fn->result_in && t->fn->is_extern)
    return set_type(e, error_at(c, e, "'%s' is a decorator: write it above a top-level def", t->fn->name));
  if (t->kind == TY_FUNC && t->fn->result_in)  /* its calls' values are wrapped where they are made */
    return set_type(e, error_at(c, e, "'%s' is called here, not taken as a value: its calls give %s objects "
                                "(%s(...))", t->fn->name, t->fn->result_in->name, t->fn->name));
  if (t->kind == TY_FUNC) {
    note_callable_value(t->fn, callable);
    return function_value(c, e, t);
  }
  if (t->kind == TY_CLASSREF && class_object_class(expect)) return class_value(c, e, class_object_class(expect));
  bool makes = t->kind == TY_CLASSREF && callable && callable->kind == TY_CALLABLE && !callable->any_args;
  if (makes && (e->kind == EX_NAME || e->kind == EX_ATTR))  /* map(Value, xs): lambda _a0: Value(_a0) */
    return called_by_lambda(c, e, callable);
  if (t->kind == TY_CLASS && callable && callable->kind == TY_CALLABLE) return called_object(c, e, t, callable);
  return t;
}

static Type *check_expr_kind(Ctx *c, Node *e, Type *expect) {
  if (expect && expect->kind == TY_OPTIONAL) expect = expect->elem;  /* a display for an Optional[list[T]] */
  switch (e->kind) {
  case EX_INT: return set_type(e, T(TY_INT));
  case EX_FLOAT: return set_type(e, T(TY_FLOAT));
  case EX_STR: return set_type(e, T(TY_STR));
  case EX_FSTRING: return check_fstring(c, e);
  case EX_TRUE: case EX_FALSE: return set_type(e, T(TY_BOOL));
  case EX_NONE: return set_type(e, T(TY_NONE));
  case EX_NAME: return lambda_passed(c, e, check_name(c, e), expect);
  case EX_ATTR: return attr_of(c, e, expect, true);
  case EX_CALL:
    c->call_expect = expect;
    return check_call(c, e);
  case EX_INDEX: return subscript_any(c, e, index_of(c, e, false, expect), expect);
  case EX_BINOP: return check_binop(c, e);
  case EX_UNARY: return check_unary(c, e);
  case EX_BOOLOP: return check_boolop(c, e);
  case EX_COMPARE: return check_compare(c, e);
  case EX_IFEXP: return check_ifexp(c, e, expect);
  case EX_NAMEDEXPR: return check_namedexpr(c, e);
  case EX_LIST: return check_list(c, e, expect);
  case EX_TUPLE: return check_tuple(c, e, expect);
  case EX_DICT: return check_dict(c, e, expect);
  case EX_SET: return check_set(c, e, expect);
  case EX_LISTCOMP:
    if (lambda_reads_targets(e, e->comps)) return comp_through_generator(c, e, expect);
    return check_comp(c, e, expect, false);
  case EX_DICTCOMP: case EX_SETCOMP: return check_comp(c, e, expect, false);
  case EX_GENEXP: return genexp_value(c, e, T(TY_UNKNOWN));
  case EX_LAMBDA: return check_lambda(c, e, expect);
  case EX_ELLIPSIS: return set_type(e, error_at(c, e, "'...' is not a value here"));
  case EX_SLICE: return set_type(e, error_at(c, e, "a slice is only allowed inside [ ]"));
  case EX_STARRED:  /* [*xs] is check_list's, f(*xs) the call's, first, *rest = xs bind_tuple's */
    return set_type(e, error_at(c, e, "a starred item is allowed in a call's arguments, a list or tuple display and an "
                                   "assignment's targets, not here"));
  default: return set_type(e, error_at(c, e, "unexpected %s in an expression", ast_kind_name(e->kind)));
  }
}

/* check_generic.c - generic functions: a def whose signature names type
 * variables (`T = TypeVar("T")`, resolve.c) is a template. Each call
 * binds its type variables from the arguments' types and calls the
 * instance of the def for those types: a Func of its own whose body is a
 * copy of the def's, checked with the types bound, then reached and
 * emitted as any def (one C function per instance, as C++ templates are).
 *
 *     def first(xs: list[T]) -> T: ...     first([1, 2]) calls first_int
 *
 * A parameter `Iterable[T]` (or `Iterator[T]`) takes any value a for loop
 * walks: the instance's parameter has the argument's own type (a list, a
 * str, a dict, a set, a tuple, a generator, an object with __iter__).
 */
#include "check.h"

/* Instances of one def beyond which a program is taken to recurse with
 * ever larger types (`def f(x: T) -> ...: f([x])`), which never ends. */
enum { MAX_INSTANCES = 256 };

static int tvar_index(const Func *g, const Type *v) {
  for (int i = 0; i < g->ntvars; i++)
    if (g->tvars[i] == v) return i;
  return -1;
}

/* Kinds of value a type variable may stand for: what a variable may hold. */
static bool bindable(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_STR: case TY_NUMBER: case TY_LIST: case TY_TUPLE:
  case TY_DICT: case TY_SET: case TY_CLASS: case TY_CALLABLE: case TY_GENERATOR: case TY_VARTUPLE: case TY_UNION:
    return type_known(t);
  case TY_OPTIONAL: return type_is_ref(t) && type_known(t->elem);  /* a value or None, as a container's item */
  default: return false;
  }
}

/* A value a parameter Iterable[T] takes as itself: its element type, or NULL. */
static Type *walkable_elem(Ctx *c, Type *t) {
  switch (t->kind) {
  case TY_LIST: case TY_STR: case TY_DICT: case TY_SET: case TY_TUPLE: case TY_VARTUPLE: case TY_GENERATOR:
  case TY_CLASS:
    return type_known(t) ? iter_elem(c, t) : NULL;
  default: return NULL;
  }
}

/* Does t fit a member of union type variable v (a bool an int, as
 * Python's bool is one)? */
static bool fits_member(const Type *v, const Type *t) {
  if (t->kind == TY_UNION) {  /* a union value: each of its members (the instance takes it whole) */
    for (int i = 0; i < t->nitems; i++)
      if (!fits_member(v, t->items[i])) return false;
    return true;
  }
  for (int i = 0; i < v->nitems; i++)
    if (assignable(v->items[i], t) || (v->items[i]->kind == TY_INT && t->kind == TY_BOOL)) return true;
  return false;
}

typedef struct Binder {
  Ctx *c;
  Func *g;
  Type **targs;   /* per g->tvars; NULL until an argument binds it */
  Node *at;       /* the argument being bound */
  Type **pendings; /* or NULL: per g->tvars, the pending empty list an argument gave it (defaultdict(list)) */
  bool reported;
} Binder;

/* Type variable v takes t, or a type both it and t fit (a base class of
 * both, an Optional); never by converting a number, which Python keeps as
 * it is: pair(1, 2.5) is (1, 2.5), so T is not float there. */
static bool bind_var(Binder *b, Type *v, Type *t) {
  Ctx *c = b->c;
  int i = tvar_index(b->g, v);
  t = type_plain(c->p, t);
  if (i < 0 || t->kind == TY_UNKNOWN) return true;  /* `[]`: its uses decide, the instance's fit reports */
  if (t->pending && b->pendings) {  /* `list` of defaultdict(list): a later append tells (check_flow.c) */
    if (!b->pendings[i]) b->pendings[i] = t;
    return true;
  }
  if (!bindable(t)) {
    error_at(c, b->at, "type variable '%s' of %s() cannot be %s", v->name, b->g->qname, tn(c, t));
    return b->reported = true, false;
  }
  if (v->nitems && !fits_member(v, t)) {  /* a parameter's union */
    const char *name = "";
    for (int k = 0; k < b->g->nparams; k++)
      if (b->g->params[k].ty == v) name = arena_printf(c->p->arena, " '%s'", b->g->params[k].name);
    error_at(c, b->at, "argument%s of %s() expects %s, got %s", name, b->g->qname, v->name, tn(c, t));
    return b->reported = true, false;
  }
  Type *old = b->targs[i];
  bool numbers = old && type_is_numeric(old) && type_is_numeric(t);
  if (!old || old == t || (!numbers && assignable(old, t))) {
    if (!old) b->targs[i] = t;
    return true;
  }
  if (!numbers && assignable(t, old)) {
    b->targs[i] = t;
    return true;
  }
  error_at(c, b->at, "type variable '%s' of %s() is %s by an argument before this one, and %s here%s", v->name,
           b->g->qname, tn(c, old), tn(c, t), numbers ? " (Python keeps each number's type: make them one, as 2.0 for 2)" : "");
  return b->reported = true, false;
}

/* Binds the type variables of pattern (a parameter's type) so that it
 * takes a value of type t; false where their shapes differ. */
static bool bind_pattern(Binder *b, Type *pattern, Type *t) {
  t = type_settled(t);
  if (!type_has_typevar(pattern) || is_err(t)) return true;
  if (pattern->kind == TY_TYPEVAR) return bind_var(b, pattern, t);
  switch (pattern->kind) {
  case TY_OPTIONAL:
    if (t->kind == TY_NONE) return true;
    return bind_pattern(b, pattern->elem, t->kind == TY_OPTIONAL ? t->elem : t);
  case TY_GENERATOR: {
    if (t->kind == TY_LIST && !type_known(t)) return true;  /* deque([], maxlen=n): binds nothing, a later use may */
    Type *el = walkable_elem(b->c, t);
    return el && bind_pattern(b, pattern->elem, el);
  }
  case TY_LIST: case TY_SET: case TY_VARTUPLE:
    return t->kind == pattern->kind && bind_pattern(b, pattern->elem, t->elem);
  case TY_DICT:
    return t->kind == TY_DICT && bind_pattern(b, pattern->key, t->key) && bind_pattern(b, pattern->elem, t->elem);
  case TY_CLASS: {  /* Stack[T] of a Stack[int] */
    ClassInfo *g = pattern->cls->generic_of;
    if (t->kind != TY_CLASS || t->cls->generic_of != g) return false;
    for (int i = 0; i < g->ntvars; i++)
      if (!bind_pattern(b, pattern->cls->targs[i], t->cls->targs[i])) return false;
    return true;
  }
  case TY_TUPLE: case TY_CALLABLE:
    if (pattern->any_args) return t->kind == TY_CALLABLE && bind_pattern(b, pattern->elem, t->elem);
    if (t->kind != pattern->kind || t->nitems != pattern->nitems) return false;
    for (int i = 0; i < t->nitems; i++)
      if (!bind_pattern(b, pattern->items[i], t->items[i])) return false;
    return pattern->kind == TY_TUPLE || bind_pattern(b, pattern->elem, t->elem);
  default: return false;
  }
}

/* The type of parameter q in the instance: its own with the types bound,
 * or for Iterable[T] the argument's (t, NULL where it takes its default):
 * a generator of lists stays one for Iterable[Iterable[T]]. */
static Type *instance_param(Binder *b, const Param *q, Type *t) {
  Ctx *c = b->c;
  if (t && q->ty->kind == TY_GENERATOR && type_has_typevar(q->ty)) return type_plain(c->p, t);
  return type_subst(c->p, q->ty, b->g->tvars, b->targs, b->g->ntvars);
}

static bool same_instance(const Func *f, Type **targs, Type **ptypes) {
  for (int i = 0; i < f->generic_of->ntvars; i++)
    if (f->targs[i] != targs[i]) return false;
  for (int i = 0; i < f->nparams; i++)
    if (f->params[i].ty != ptypes[i]) return false;
  return true;
}

/* The instance's parameters: the def's, typed ptypes, named by the copy
 * of the def (decl) that its body checks. */
static void instance_params(Ctx *c, Func *f, Func *g, Type **ptypes) {
  f->params = arena_alloc(c->p->arena, (g->nparams ? g->nparams : 1) * sizeof *f->params);
  Node *pa = f->decl->params;
  for (int i = 0; i < g->nparams; i++, pa = pa->next) {
    f->params[i] = (Param){.name = g->params[i].name, .ty = ptypes[i], .decl = pa, .dflt = pa->rhs,
                           .varargs = g->params[i].varargs, .kwargs = g->params[i].kwargs,
                           .kwonly = g->params[i].kwonly};
    f->params[i].cname = c_local(c->p, f, f->params[i].name, true);
  }
}

/* "population: Iterator[int], k: int": the parameters of g's instance. */
static const char *instance_args_text(Ctx *c, Func *g, Type **ptypes) {
  const char *text = "";
  for (int i = 0; i < g->nparams; i++)
    text = arena_printf(c->p->arena, "%s%s%s: %s", text, i ? ", " : "", g->params[i].name, tn(c, ptypes[i]));
  return text;
}

/* A new instance of g for targs, its parameters typed ptypes, checked at
 * the top level of g's module (it is one of its functions). Errors in its
 * body are reported there, and noted at the call e that made it (the
 * user's line, for a library's generic def). */
static Func *new_instance(Ctx *c, Node *e, Func *g, Type **targs, Type **ptypes) {
  Arena *a = c->p->arena;
  Func *f = def_copy(c, g, instance_cname_stem(c->p, g->cname, targs, g->ntvars));
  f->generic_of = g;
  f->cls = g->cls;  /* a union __init__'s: a method of its class */
  f->targs = arena_alloc(a, g->ntvars * sizeof *targs);
  memcpy(f->targs, targs, g->ntvars * sizeof *targs);
  f->nparams = g->nparams;
  instance_params(c, f, g, ptypes);
  f->ret = type_subst(c->p, g->ret, g->tvars, targs, g->ntvars);
  f->next_instance = g->instances;
  g->instances = f;
  Ctx top = {.p = c->p, .m = g->mod, .fn = g->mod->init, .finally_loops = -1};
  add_func(&top, f);
  int errors = c->p->diag->errors;
  check_func(&top, f);
  if (c->p->diag->errors > errors)
    diag_note(c->p->diag, e->file, e->pos, e->len, "in %s() as this call makes it, for %s", g->qname,
              instance_args_text(c, g, ptypes));
  return f;
}

static Func *instance_of(Ctx *c, Node *e, Func *g, Type **targs, Type **ptypes);

/* Instance f of a method g that derived classes override (its
 * dispatch_cname, check.c): each override's instance for the same
 * members, which f's dispatcher calls for an object of that class
 * (resolve.c method_run_for). */
static void override_instances(Ctx *c, Node *e, Func *f, Func *g, Type **ptypes) {
  f->dispatch_cname = c_internal(c->p, arena_printf(c->p->arena, "%sdispatch", f->cname));
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next) {
      Func *h = d != g->cls && class_derives(d, g->cls) ? class_method(d, g->name) : NULL;
      if (!h || h == g || !h->ntvars || h->cls != d) continue;
      Type **own = arena_alloc(c->p->arena, g->nparams * sizeof *own);
      memcpy(own, ptypes, g->nparams * sizeof *own);
      own[0] = h->params[0].ty;  /* self: d's */
      instance_of(c, e, h, f->targs, own);
    }
}

static Func *instance_of(Ctx *c, Node *e, Func *g, Type **targs, Type **ptypes) {
  int n = 0;
  for (Func *f = g->instances; f; f = f->next_instance, n++)
    if (same_instance(f, targs, ptypes)) return f;
  if (n < MAX_INSTANCES) {
    Func *f = new_instance(c, e, g, targs, ptypes);
    if (g->dispatch_cname) override_instances(c, e, f, g, ptypes);
    return f;
  }
  error_at(c, e, "%s() has %d instances already: a generic function calls itself with ever new types here",
           g->qname, n);
  return NULL;
}

/* What an argument is checked against: its parameter's type where the
 * variables in it are bound by then; for a function (a lambda after the
 * list it takes elements of) whose parameters' are, its result's unknown,
 * as map() has it: the body's type decides it. */
static Type *expected_arg(Binder *b, Type *pattern) {
  Func *g = b->g;
  Type *want = type_subst(b->c->p, pattern, g->tvars, b->targs, g->ntvars);
  if (!type_has_typevar(want)) return want;
  if (want->kind == TY_OPTIONAL) want = want->elem;  /* a lambda for `key: Optional[Callable[[T], K]] = None` */
  if (want->kind != TY_CALLABLE || want->any_args) return NULL;
  for (int i = 0; i < want->nitems; i++)
    if (type_has_typevar(want->items[i])) return NULL;
  return type_callable(b->c->p, want->items, want->nitems, T(TY_UNKNOWN));
}

/* Is q annotated `Sequence[T]` (typing's), which a body may index and
 * take len() of, where `Iterable[T]` is only walked? */
static bool sequence_param(const Param *q) {
  const Node *ann = q->decl ? q->decl->ann : NULL;
  const Node *g = ann && ann->kind == EX_INDEX ? ann->lhs : NULL;
  const char *name = !g ? NULL : g->kind == EX_NAME ? g->name : g->kind == EX_ATTR ? g->name : NULL;
  return name && strcmp(name, "Sequence") == 0;
}

/* Argument a of parameter q: checked, its type (*t) binding q's variables.
 * A range() given to a Sequence[T] is the list of its numbers, made at the
 * call (random.choice(range(n)) indexes it, as CPython indexes the range). */
static bool bind_arg(Binder *b, const Param *q, Node *a, Type **t) {
  *t = check_expr(b->c, a, expected_arg(b, q->ty));
  Type *want = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  if (want->kind == TY_GENERATOR && (*t)->kind == TY_RANGE && sequence_param(q))
    *t = comprehended_in_place(b->c, a, EX_LISTCOMP);
  else if (want->kind == TY_GENERATOR) *t = walked_as_generator(b->c, a, *t);
  b->at = a;
  /* an extern's Iterable[X] (its list) of a range, a zip(), ...: X is their items' type */
  if (q->iterable && ((*t)->kind == TY_ZIP || (*t)->kind == TY_ENUMERATE))
    *t = comprehended_in_place(b->c, a, EX_LISTCOMP);
  Type *items = q->iterable && (*t)->kind != TY_LIST ? iterable_items(*t) : NULL;
  if (items && bind_pattern(b, want->elem, items)) return true;
  if (!bind_pattern(b, q->ty, *t) && !b->reported)
    error_at(b->c, a, "argument '%s' of %s() expects %s, got %s", q->name, b->g->qname, tn(b->c, q->ty), tn(b->c, *t));
  return !(b->c->p->diag->errors && (b->reported || is_err(*t)));
}

/* A function argument whose parameters' types are still unbound: a lambda
 * is checked once other arguments bound them (takewhile(f, xs)). */
static bool waits(Binder *b, Type *pattern) {
  Type *p = pattern->kind == TY_OPTIONAL ? pattern->elem : pattern;
  return p->kind == TY_CALLABLE && !expected_arg(b, p);
}

/* The arguments' types bind g's type variables, in parameter order, the
 * functions whose parameters' types others bind last. */
static bool bind_args_types(Binder *b, CallInfo *ci, Type **types) {
  Func *g = b->g;
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < g->nparams; i++) {
      Node *a = ci->args[i];
      if (!a || g->params[i].varargs || g->params[i].kwargs || types[i]) continue;
      if (round == 0 && waits(b, g->params[i].ty)) continue;
      if (!bind_arg(b, &g->params[i], a, &types[i])) return false;
    }
  return true;
}

/* The values a call gives `*args: Iterable[T]` (index v), checked; where
 * they are not of one type (chain(xs, range(3)), a list and a generator)
 * each one is made a generator of its items. NULL after an error. */
static Node **varargs_values(Binder *b, Node *call, int v, int *n) {
  Ctx *c = b->c;
  int k = 0, all = 1;
  for (Node *a = call->args; a; a = a->next) all++;
  Node **vals = arena_alloc(c->p->arena, all * sizeof *vals);
  bool mixed = false;
  *n = 0;
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD || k++ < v) continue;
    if (a->kind == EX_STARRED) {
      error_at(c, a, "'*' of a value goes into %s()'s '*%s' where that takes no type variable", b->g->qname,
               b->g->params[v].name);
      return NULL;
    }
    Type *t = walked_as_generator(c, a, check_expr(c, a, NULL));
    mixed = mixed || (*n && type_plain(c->p, t) != type_plain(c->p, vals[0]->ty));
    vals[(*n)++] = a;
  }
  if (mixed && b->g->params[v].ty->elem->kind == TY_GENERATOR)
    for (int i = 0; i < *n; i++)
      if (vals[i]->ty->kind != TY_GENERATOR) comprehended_in_place(c, vals[i], EX_GENEXP);
  return vals;
}

/* `*args: Any` (index v, its pack variable `pack`): the tuple of the
 * types of the values the call gathers, a `*t` of a tuple giving its
 * items' (place_args splices them in), which binds the variable. */
static Type *bind_pack(Binder *b, Node *call, int v, Type *pack) {
  Ctx *c = b->c;
  int k = 0, n = 0, cap = 4;
  Type **items = arena_alloc(c->p->arena, cap * sizeof *items);
  for (Node *a = call->args; a; a = a->next) {
    bool star = a->kind == EX_STARRED;
    if (a->kind == ND_KEYWORD || (star && a->op == OP_POW) || k++ < v) continue;
    Type *t = type_plain(c->p, check_expr(c, star ? a->lhs : a, NULL));
    if (is_err(t)) return NULL;
    if (star && t->kind != TY_TUPLE) {
      error_at(c, a, "'*' of a %s goes into '*%s' of %s() only as a tuple, whose items' types are known where the "
                     "call is checked", tn(c, t), b->g->params[v].name, b->g->qname);
      return NULL;
    }
    int add = star ? t->nitems : 1;
    if (n + add > cap) {
      Type **more = arena_alloc(c->p->arena, (cap = 2 * (n + add)) * sizeof *more);
      memcpy(more, items, n * sizeof *items);
      items = more;
    }
    for (int i = 0; i < add; i++) items[n++] = star ? t->items[i] : t;
  }
  Type *tuple = type_tuple(c->p, items, n);
  b->at = call;
  return bind_var(b, pack, tuple) ? tuple : NULL;
}

/* `*args: Iterable[T]` (index v): the values the call gives it bind T,
 * checked first (the gathered values are checked again against the type
 * this gives); the instance's tuple[A, ...], A the values' one type where
 * the pattern takes them as they are (chain(xs, ys) of two lists). */
static Type *bind_varargs_types(Binder *b, Node *call, int v) {
  Ctx *c = b->c;
  Type *pattern = b->g->params[v].ty->elem, *same = NULL;
  if (pattern->kind == TY_TYPEVAR && pattern->pack) return bind_pack(b, call, v, pattern);
  int n;
  Node **vals = varargs_values(b, call, v, &n);
  if (!vals) return NULL;
  for (int i = 0; i < n; i++) {
    Type *t = vals[i]->ty;
    b->at = vals[i];
    if (!bind_pattern(b, pattern, t)) {
      if (!b->reported) error_at(c, vals[i], "argument '%s' of %s() expects %s, got %s", b->g->params[v].name,
                                 b->g->qname, tn(c, pattern), tn(c, t));
      return NULL;
    }
    if (same && same != type_plain(c->p, t) && pattern->kind == TY_GENERATOR) {
      error_at(c, vals[i], "the values for '*%s' of %s() are of one type in a call: %s before, %s here",
               b->g->params[v].name, b->g->qname, tn(c, same), tn(c, t));
      return NULL;
    }
    same = type_plain(c->p, t);
  }
  Param q = {.ty = pattern};
  return type_vartuple(c->p, instance_param(b, &q, same));
}

/* g's parameters, its '*' one (index v) typed as this call's instance's. */
static Param *with_varargs(Ctx *c, Func *g, int v, Type *t) {
  Param *params = arena_alloc(c->p->arena, g->nparams * sizeof *params);
  memcpy(params, g->params, g->nparams * sizeof *params);
  params[v].ty = t;
  return params;
}

static int varargs_index(const Func *g) {
  for (int i = 0; i < g->nparams; i++)
    if (g->params[i].varargs && type_has_typevar(g->params[i].ty)) return i;
  return -1;
}

/* The member of union u (a parameter's type variable) where a call
 * leaves the parameter out: the member its default is of (`k: int |
 * tuple[int, int] = 3`: int), else the first (`u: A | B | None = None`). */
static Type *default_member(Ctx *c, Func *g, Type *u) {
  for (int i = 0; i < g->nparams; i++) {
    if (g->params[i].ty != u || !g->params[i].dflt) continue;
    Ctx top = {.p = c->p, .m = g->mod, .fn = g->mod->init, .finally_loops = -1};
    Type *t = check_expr(&top, ast_copy(c->p->arena, g->params[i].dflt), NULL);
    for (int j = 0; j < u->nitems; j++) {
      Param q = {.ty = u->items[j]};
      if (arg_fits(&q, t)) return u->items[j];
    }
  }
  return u->items[0];
}

/* The instance of generic def g that call e (its CallInfo ci) makes, its
 * arguments placed from parameter `first` on (1: a constructor's, after
 * self) and fitted to the instance's parameters; NULL after an error. */
static Func *bind_instance(Ctx *c, Node *e, Func *g, CallInfo *ci, int first) {
  int errors = c->p->diag->errors;
  Binder b = {.c = c, .g = g, .targs = arena_alloc(c->p->arena, g->ntvars * sizeof(Type *))};
  Param *params = g->params;
  int v = varargs_index(g);
  Type *vt = v < 0 ? NULL : bind_varargs_types(&b, e, v);
  if (v >= 0 && !vt) return NULL;
  if (vt) params = with_varargs(c, g, v, vt);
  bool unknown = place_args(c, e, g->name, params, g->nparams, first, ci);
  if (!unknown) missing_args(c, e, g->name, params, g->nparams, first, ci);
  Type **types = arena_alloc(c->p->arena, (g->nparams ? g->nparams : 1) * sizeof *types);
  if (first) types[0] = g->params[0].ty;  /* self binds nothing */
  if (!bind_args_types(&b, ci, types) || c->p->diag->errors > errors) return NULL;
  for (int i = 0; i < g->ntvars; i++) {
    if (!b.targs[i] && g->tvars[i]->nitems) b.targs[i] = default_member(c, g, g->tvars[i]);
    if (!b.targs[i]) b.targs[i] = typevar_default(c->p, g->tvars[i]);  /* K of `key=None` left out (PEP 696) */
    if (!b.targs[i]) {
      error_at(c, e, "the arguments of %s() do not tell what type variable '%s' is", g->qname, g->tvars[i]->name);
      return NULL;
    }
  }
  Type **ptypes = arena_alloc(c->p->arena, (g->nparams ? g->nparams : 1) * sizeof *ptypes);
  for (int i = 0; i < g->nparams; i++)
    ptypes[i] = i < first ? g->params[i].ty : instance_param(&b, &g->params[i], ci->args[i] ? types[i] : NULL);
  if (vt) ptypes[v] = type_subst(c->p, vt, g->tvars, b.targs, g->ntvars);
  Func *f = instance_of(c, e, g, b.targs, ptypes);
  if (!f) return NULL;
  for (int i = first; i < f->nparams; i++)
    if (ci->args[i] && !f->params[i].varargs && !f->params[i].kwargs)
      fit_arg(c, ci, &f->params[i], ci->args[i], types[i], g->name);
  return f;
}

/* A call of generic function g: its instance for the arguments' types. */
Type *call_generic(Ctx *c, Node *e, Func *g) {
  CallInfo *ci = new_call(c, e, CALL_FUNC, g->nparams);
  ci->fn = g;
  Func *f = bind_instance(c, e, g, ci, 0);
  if (!f) return set_type(e, T(TY_ERROR));
  ci->fn = f;
  return set_type(e, f->ret);
}

/* obj.m(args) of a method taking unions (resolve.c union_method), and
 * K(args) of a class whose __init__ takes them: the method's instance for
 * the arguments' types, in ci->fn (NULL after an error). */
void call_union_method(Ctx *c, Node *e, CallInfo *ci) {
  ci->fn = bind_instance(c, e, ci->fn, ci, 1);
}

/* `x OP y` of an operator method g taking unions (`__add__(self, other:
 * Vec | float)`): its instance for y's type argt (the member it fits;
 * other unions, of defaulted parameters, their default's member), or
 * NULL where argt fits no member. */
Func *operator_instance(Ctx *c, Node *e, Func *g, Type *argt) {
  Type **targs = arena_alloc(c->p->arena, g->ntvars * sizeof *targs);
  Type *u = g->nparams > 1 && argt ? g->params[1].ty : NULL;
  for (int i = 0; i < g->ntvars; i++) {
    targs[i] = NULL;
    for (int j = 0; u && g->tvars[i] == u && j < u->nitems && !targs[i]; j++) {
      Param q = {.ty = u->items[j]};
      if (arg_fits(&q, argt)) targs[i] = u->items[j];
    }
    if (u && g->tvars[i] == u && !targs[i]) return NULL;
    if (!targs[i]) targs[i] = default_member(c, g, g->tvars[i]);
  }
  Type **ptypes = arena_alloc(c->p->arena, g->nparams * sizeof *ptypes);
  for (int i = 0; i < g->nparams; i++) ptypes[i] = type_subst(c->p, g->params[i].ty, g->tvars, targs, g->ntvars);
  return instance_of(c, e, g, targs, ptypes);
}

/* The instance of k's union __init__ that types k's fields where nothing
 * constructed k yet: the members a call leaving the parameters out
 * takes (`Tensor | float`: a Tensor). */
Func *default_union_init(Ctx *c, ClassInfo *k) {
  Func *g = k->init;
  if (g->instances) return g->instances;
  Type **targs = arena_alloc(c->p->arena, g->ntvars * sizeof *targs);
  for (int i = 0; i < g->ntvars; i++) targs[i] = default_member(c, g, g->tvars[i]);
  Type **ptypes = arena_alloc(c->p->arena, g->nparams * sizeof *ptypes);
  for (int i = 0; i < g->nparams; i++) ptypes[i] = type_subst(c->p, g->params[i].ty, g->tvars, targs, g->ntvars);
  return instance_of(c, g->decl, g, targs, ptypes);
}

/* An annotation in a function's body: a type variable in it is the type
 * the instance around binds it to; elsewhere it is an error. */
Type *body_annotation(Ctx *c, Node *ann) {
  Type *t = resolve_annotation(c->p, c->m, ann);
  if (type_has_any(t)) return error_at(c, ann, "Any is a type of extern defs' parameters and results only");
  if (!type_has_typevar(t)) return t;
  for (Func *f = c->fn; f; f = f->outer) {
    if (f->generic_of) {
      t = type_subst(c->p, t, f->generic_of->tvars, f->targs, f->generic_of->ntvars);
      break;
    }
    ClassInfo *k = f->cls;
    if (k && k->generic_of) {  /* a method of a generic class's instance */
      t = type_subst(c->p, t, k->generic_of->tvars, k->targs, k->generic_of->ntvars);
      break;
    }
  }
  t = type_union_values(c->p, t);  /* `x: int | str`: a value of either, known where it runs */
  if (!type_has_typevar(t)) return t;
  return error_at(c, ann, "a type variable stands for a type only in the signature and body of a generic def "
                  "at the top level of a module");
}

/* The instance of generic class g that a call of its method m binds all
 * the type variables of (q.appendleft(x) of a deque: T is x's type), with
 * those its constructor bound (seed, per g's tvars: counts.get(w, 0) of
 * `counts = defaultdict(int)`), or NULL. */
ClassInfo *method_instance(Ctx *c, Node *call, ClassInfo *g, Func *m, Type **seed) {
  Func fake = {.name = m->name, .qname = m->qname, .tvars = g->tvars, .ntvars = g->ntvars, .params = m->params,
               .nparams = m->nparams};
  Binder b = {.c = c, .g = &fake, .targs = arena_alloc(c->p->arena, g->ntvars * sizeof(Type *))};
  for (int i = 0; seed && i < g->ntvars; i++)
    if (seed[i] && type_known(type_resolved(c->p, seed[i]))) b.targs[i] = type_resolved(c->p, seed[i]);
  CallInfo *ci = new_call(c, call, CALL_METHOD, m->nparams);
  int errors = c->p->diag->errors;
  place_args(c, call, m->name, m->params, m->nparams, 1, ci);
  Type **types = arena_alloc(c->p->arena, (m->nparams ? m->nparams : 1) * sizeof *types);
  types[0] = g->ty;  /* self binds nothing */
  if (!bind_args_types(&b, ci, types) || c->p->diag->errors > errors) return NULL;
  for (int i = 0; i < g->ntvars; i++)
    if (!b.targs[i]) return NULL;
  return class_instance(c->p, g, b.targs);
}

/* x[k] (x[k] = value, value not NULL) of a name assigned an instance of
 * generic class g whose constructor bound only some of its type variables
 * (targs, per g's tvars): k's type (and value's) binds those of
 * __getitem__'s key (__setitem__'s key and value), kept in targs. The
 * item's type where targs tell it (the pending list that
 * `defaultdict(list)` gives, which the item's append then settles), else
 * NULL. */
Type *subscript_binds(Ctx *c, Node *e, ClassInfo *g, Type **targs, Type *value) {
  Func *m = class_method(g, value ? "__setitem__" : "__getitem__");
  if (!m || m->nparams != (value ? 3 : 2)) return NULL;
  Func fake = {.name = m->name, .qname = m->qname, .tvars = g->tvars, .ntvars = g->ntvars, .params = m->params,
               .nparams = m->nparams};
  Binder b = {.c = c, .g = &fake, .targs = arena_alloc(c->p->arena, g->ntvars * sizeof(Type *)), .at = e->rhs};
  int errors = c->p->diag->errors;
  Type *kt = e->rhs->ty ? e->rhs->ty : check_expr(c, e->rhs, NULL);
  if (is_err(kt) || !bind_pattern(&b, m->params[1].ty, kt) || c->p->diag->errors > errors) return NULL;
  if (value && (is_err(value) || !bind_pattern(&b, m->params[2].ty, value) || c->p->diag->errors > errors))
    return NULL;
  for (int i = 0; i < g->ntvars; i++)
    if (!targs[i]) targs[i] = b.targs[i];
  if (value) return T(TY_NONE);
  int v = tvar_index(&fake, m->ret);
  if (v >= 0) return targs[v];  /* V itself: pending or not */
  Type *item = type_subst(c->p, m->ret, g->tvars, targs, g->ntvars);
  return type_has_typevar(item) || !type_known(item) ? NULL : item;
}

/* The class's __init__ overload whose first parameter takes the call's
 * first positional argument (tqdm(loader) and tqdm(range(n)) of an extern
 * generic class): of its class, or an extern's Iterable[X] of an iterable
 * value; the first overload where none does or the call has none. */
static Func *generic_init(Ctx *c, Node *e, ClassInfo *g) {
  Func *init = g->init;
  if (!init || !init->overload || !e->args || e->args->kind == ND_KEYWORD || e->args->kind == EX_STARRED) return init;
  Type *t = check_expr(c, e->args, NULL);
  const ClassInfo *tk = t->kind == TY_CLASS ? (t->cls->generic_of ? t->cls->generic_of : t->cls) : NULL;
  for (Func *f = init; f; f = f->overload) {
    if (f->nparams < 2) continue;
    const Param *q = &f->params[1];
    const Type *want = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
    const ClassInfo *wk = want->kind == TY_CLASS ? (want->cls->generic_of ? want->cls->generic_of : want->cls) : NULL;
    bool iterable = t->kind == TY_LIST || t->kind == TY_ZIP || t->kind == TY_ENUMERATE || iterable_items(t);
    /* an extern's Generator[X, None, None]: what has no len() (a generator, enumerate(), zip(), map()), walked */
    bool lazy = t->kind == TY_GENERATOR || t->kind == TY_ENUMERATE || t->kind == TY_ZIP || t->kind == TY_MAP;
    if ((tk && tk == wk) || (want->kind == TY_GENERATOR && !q->iterable && lazy) || (q->iterable && iterable))
      return f;
  }
  return init;
}

/* Stack(xs) of generic class g: the instance its __init__'s arguments
 * bind the variables of, or where they bind none of them (Stack()), the
 * instance the call's expected type is (`s: Stack[int] = Stack()`). The
 * arguments are checked here and again by the instance's constructor
 * call, as an overload's are. */
ClassInfo *ctor_instance(Ctx *c, Node *e, ClassInfo *g, Type *expect) {
  if (expect && expect->kind == TY_CLASS && expect->cls->generic_of == g && !class_template(expect->cls))
    return expect->cls;
  if (expect && (expect->kind == TY_DICT || expect->kind == TY_LIST || expect->kind == TY_SET)) {
    /* `counts: dict[str, int] = defaultdict(int)`: the class is no dict here, say so before its arguments */
    error_at(c, e, "%s() makes %s %s, not a %s: annotate the variable with the class (x: %s[...] = %s(...))", g->name,
             strchr("AEIOU", g->name[0]) ? "an" : "a", g->name, tn(c, expect), g->name, g->name);
    return NULL;
  }
  Func *init = generic_init(c, e, g);
  /* the binder's function: __init__'s parameters, the class's variables */
  Func fake = {.name = g->name, .qname = g->name, .tvars = g->tvars, .ntvars = g->ntvars,
               .params = init ? init->params : NULL, .nparams = init ? init->nparams : 0};
  Type **pendings = arena_alloc(c->p->arena, g->ntvars * sizeof(Type *));
  Binder b = {.c = c, .g = &fake, .targs = arena_alloc(c->p->arena, g->ntvars * sizeof(Type *)),
              .pendings = pendings};
  if (init) {
    CallInfo *ci = new_call(c, e, CALL_CTOR, init->nparams);
    int errors = c->p->diag->errors;
    place_args(c, e, g->name, init->params, init->nparams, 1, ci);
    Type **types = arena_alloc(c->p->arena, init->nparams * sizeof *types);
    types[0] = g->ty;  /* self binds nothing */
    if (!bind_args_types(&b, ci, types) || c->p->diag->errors > errors) return NULL;
  }
  for (int i = 0; i < g->ntvars; i++)  /* TypeVar("B", default=...): what binds nothing else */
    if (!b.targs[i] && !pendings[i]) b.targs[i] = typevar_default(c->p, g->tvars[i]);
  int unbound = -1, open = -1;  /* the first variable nothing bound, the first a pending list gave */
  for (int i = g->ntvars - 1; i >= 0; i--) {
    if (!b.targs[i] && !pendings[i]) unbound = i;
    if (!b.targs[i] && pendings[i]) open = i;
  }
  if (unbound < 0 && open < 0) return class_instance(c->p, g, b.targs);
  for (int i = 0; i < g->ntvars; i++)
    if (!b.targs[i]) b.targs[i] = pendings[i];
  if (flow_unbound_instance(c, e, g, b.targs)) return NULL;  /* its later uses may tell (or it is reported) */
  if (unbound >= 0)
    error_at(c, e, "the arguments of %s() do not tell what type variable '%s' is: annotate the variable it is "
             "assigned to (x: %s[...] = %s(...))", g->name, g->tvars[unbound]->name, g->name, g->name);
  else
    error_at(c, e, "type variable '%s' of %s() cannot be %s: annotate the variable it is assigned to "
             "(x: %s[...] = %s(...))", g->tvars[open]->name, g->name, tn(c, pendings[open]), g->name, g->name);
  return NULL;
}

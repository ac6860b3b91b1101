/* check.c - gives every expression a static type and resolves every name and call.
 *
 * Order: each module's top-level code (it defines the globals), a class's
 * __init__ (it defines the fields) where the fields are first needed, then
 * the remaining __init__ bodies, then all other bodies.
 * Errors are collected through diag (up to its cap); an expression whose
 * type could not be found gets TY_ERROR, which is accepted everywhere so that
 * one mistake is reported once.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

typedef struct Ctx {
  Program *p;
  Module *m;
  Func *fn;            /* the function being checked (a module's init for top-level code) */
  Scope *scope;        /* innermost scope: comprehensions, then fn->locals */
  int loops;
} Ctx;

static Type *check_expr(Ctx *c, Node *e, Type *expect);
static void check_block(Ctx *c, Node *body);
static void check_func(Ctx *c, Func *f);

#define T(k) type_prim(k)

static const char *tn(Ctx *c, const Type *t) { return type_name(c->p, t); }

static bool is_err(const Type *t) { return t->kind == TY_ERROR; }

/* Can a value of type `from` be stored where `to` is expected? int widens to float. */
static bool has_error(const Type *t);

/* A function passed for a Callable[[...], R] parameter: the same signature. */
static bool same_signature(const Func *want, const Func *f) {
  if (want->nparams != f->nparams || want->ret != f->ret || f->is_extern || f->cls) return false;
  for (int i = 0; i < f->nparams; i++)
    if (want->params[i].ty != f->params[i].ty) return false;
  return true;
}

static bool assignable(const Type *to, const Type *from) {
  if (to == from || has_error(to) || has_error(from)) return true;
  if (to->kind == TY_FUNC && from->kind == TY_FUNC) return same_signature(to->fn, from->fn);
  if (to->kind == TY_CLASS && from->kind == TY_CLASS) return class_derives(from->cls, to->cls);
  return to->kind == TY_FLOAT && (from->kind == TY_INT || from->kind == TY_BOOL);
}

/* An `ints` parameter takes an int or a tuple of up to GT_INTS_MAX (8) ints;
 * a `floats` one ints and floats alike. */
static bool fits_numbers(const Type *want, const Type *t) {
  if (want->kind != TY_INTS && want->kind != TY_FLOATS) return false;
  bool floats = want->kind == TY_FLOATS;
  if (t->kind != TY_TUPLE) return t->kind == TY_INT || (floats && t->kind == TY_FLOAT);
  if (t->nitems > 8) return false;
  for (int i = 0; i < t->nitems; i++)
    if (t->items[i]->kind != TY_INT && !(floats && t->items[i]->kind == TY_FLOAT)) return false;
  return true;
}

/* An argument for parameter q: also None where a class, str, list, int or
 * float parameter defaults to None (C receives NULL, GT_NONE_INT or GT_NONE_FLOAT). */
static bool arg_fits(const Param *q, const Type *t) {
  if (assignable(q->ty, t) || fits_numbers(q->ty, t)) return true;
  bool optional = q->ty->kind == TY_CLASS || q->ty->kind == TY_INT || q->ty->kind == TY_FLOAT ||
                  q->ty->kind == TY_STR || q->ty->kind == TY_LIST || q->ty->kind == TY_INTS ||
                  q->ty->kind == TY_FLOATS || q->ty->kind == TY_TUPLE;
  return t->kind == TY_NONE && optional && q->dflt && q->dflt->kind == EX_NONE;
}

static bool truthy(const Type *t) {
  switch (t->kind) {
  case TY_FUNC: case TY_MODULE: case TY_CLASSREF: case TY_BUILTIN:
  case TY_RANGE: case TY_ENUMERATE: case TY_ZIP:
    return false;
  default:
    return true;
  }
}

static bool printable(const Type *t) { return truthy(t); }

static Type *error_at(Ctx *c, Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static Type *error_at(Ctx *c, Node *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *msg = arena_vprintf(c->p->arena, fmt, ap);
  va_end(ap);
  diag_at(c->p->diag, n, "%s", msg);
  return T(TY_ERROR);
}

static Type *set_type(Node *e, Type *t) {
  e->ty = t;
  return t;
}

/* ---- parameters written without a type ---------------------------------- */

/* A parameter of a .gtp def without an annotation: resolve.c leaves it an
 * error type, and check_program reports it at the end, proposing the type
 * that the evidence gathered here shows (Param.need, Param.offer). */
static bool unannotated(const Param *q) {
  return q->decl && !q->decl->ann && is_err(q->ty) &&
         !(q->decl->flags & (PARAM_STAR | PARAM_STARARGS | PARAM_KWARGS));
}

/* A type worth proposing as an annotation (an `ints` parameter wants an int). */
static Type *proposable(Type *t) {
  if (!t || has_error(t)) return NULL;
  if (t->kind == TY_INTS) return T(TY_INT);
  if (t->kind == TY_FLOATS) return T(TY_FLOAT);
  return truthy(t) && t->kind != TY_NONE && t->kind != TY_INDEX ? t : NULL;
}

/* The unannotated parameter of the function being checked that x names. */
static Param *bare_param(Ctx *c, const Node *x) {
  if (x->kind != EX_NAME || !x->sym || x->sym->kind != SYM_PARAM || !c->fn) return NULL;
  for (int i = 0; i < c->fn->nparams; i++)
    if (c->fn->params[i].sym == x->sym && unannotated(&c->fn->params[i])) return &c->fn->params[i];
  return NULL;
}

/* Argument a, of type t, for parameter q: a call passes t to q, and if a
 * is itself an unannotated parameter, its use needs q's type. */
static void note_arg(Ctx *c, Node *a, Param *q, Type *t) {
  if (unannotated(q) && !q->offer) q->offer = proposable(t);
  Param *bare = bare_param(c, a);
  if (bare && !bare->need) bare->need = proposable(q->ty);
}

/* The one class that declares a method or property `name` (a base rather
 * than the classes that override it), or NULL. */
static ClassInfo *only_class_with(Ctx *c, const char *name) {
  ClassInfo *found = NULL;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next) {
        if (strcmp(f->name, name) != 0 || k == found) continue;
        if (found && class_derives(k, found)) break;
        if (found && !class_derives(found, k)) return NULL;
        found = k;
        break;
      }
  return found;
}

/* x.name where x is an unannotated parameter: x is what has `name`. */
static void note_attr(Ctx *c, const Node *x, const char *name) {
  Param *bare = bare_param(c, x);
  if (!bare || bare->need) return;
  ClassInfo *k = only_class_with(c, name);
  if (k) bare->need = k->ty;
}

/* How code of `globals`' module names class k within `depth` module hops
 * (`Tensor`, `torch.Tensor`, `torch.utils.data.DataLoader`), or NULL. */
static const char *class_path(Ctx *c, Scope *globals, const ClassInfo *k, int depth) {
  for (Sym *y = globals->syms; y; y = y->next) {
    Sym *t = y->target ? y->target : y;
    if (t->kind == SYM_CLASS && t->cls == k) return y->name;
  }
  for (Sym *y = depth > 0 ? globals->syms : NULL; y; y = y->next) {
    Sym *t = y->target ? y->target : y;
    const char *rest = t->kind == SYM_MODULE && t->mod ? class_path(c, &t->mod->globals, k, depth - 1) : NULL;
    if (rest) return arena_printf(c->p->arena, "%s.%s", y->name, rest);
  }
  return NULL;
}

/* An annotation for type t as module m can write it, and how to import
 * it when m cannot yet. */
static const char *spell_type(Ctx *c, Module *m, const Type *t) {
  if (t->kind != TY_CLASS) return tn(c, t);
  for (int depth = 0; depth <= 3; depth++) {
    const char *path = class_path(c, &m->globals, t->cls, depth);
    if (path) return path;
  }
  return arena_printf(c->p->arena, "%s' after 'from %s import %s", t->cls->name, t->cls->mod->name, t->cls->name);
}

/* The type to propose for parameter i of f, and where it comes from. */
static Type *proposal(Ctx *c, Func *f, int i, const char **from) {
  Param *q = &f->params[i];
  Type *t = q->need;
  *from = "its use in the body";
  Func *base = f->cls && f->cls->base ? class_method(f->cls->base, f->name) : NULL;
  if (!t && base && i < base->nparams && (t = proposable(base->params[i].ty)))   /* forward(self, x) */
    *from = arena_printf(c->p->arena, "%s.%s, which it overrides", base->cls->name, base->name);
  /* What a call passes, unless the body needs a wider type: a subclass
   * passed where the body needs its base keeps its own fields. */
  bool narrower = t && q->offer && t->kind == TY_CLASS && q->offer->kind == TY_CLASS &&
                  class_derives(q->offer->cls, t->cls);
  if (q->offer && (!t || narrower)) {
    t = q->offer;
    *from = q->dflt && t == q->dflt->ty ? "its default" : "a call of it";
  }
  return t;
}

static void report_unannotated(Ctx *c, Func *f, int i) {
  Param *q = &f->params[i];
  const char *from;
  Type *t = proposal(c, f, i, &from);
  if (!t)
    diag_at(c->p->diag, q->decl, "parameter '%s' of %s needs a type annotation, '%s: T' with T the type of its values",
            q->name, f->qname, q->name);
  else
    diag_at(c->p->diag, q->decl, "parameter '%s' of %s needs a type annotation: '%s: %s' (from %s)", q->name,
            f->qname, q->name, spell_type(c, f->mod, t), from);
}

typedef struct BareParam {
  Func *f;
  int i;
} BareParam;

/* Parameters of one module, so of one file: by their offset in it. */
static int by_position(const void *a, const void *b) {
  const BareParam *x = a, *y = b;
  uint32_t px = x->f->params[x->i].decl->pos, py = y->f->params[y->i].decl->pos;
  return (px > py) - (px < py);
}

/* Gathers f's unannotated parameters into out (when not NULL); their number. */
static int bare_params_of(Func *f, BareParam *out) {
  int n = 0;
  for (int i = 0; i < f->nparams && !f->is_extern; i++)
    if (unannotated(&f->params[i])) {
      if (out) out[n] = (BareParam){f, i};
      n++;
    }
  return n;
}

/* A module's unannotated parameters, or how many (out NULL). */
static int bare_params(Module *m, BareParam *out) {
  int n = 0;
  for (Func *f = m->funcs; f; f = f->next) n += bare_params_of(f, out ? out + n : NULL);
  for (ClassInfo *k = m->classes; k; k = k->next)
    for (Func *f = k->methods; f; f = f->next) n += bare_params_of(f, out ? out + n : NULL);
  return n;
}

/* Every unannotated parameter, now that all calls and bodies are seen, in
 * source order. */
static void report_unannotated_params(Ctx *c) {
  for (Module *m = c->p->modules; m; m = m->next) {
    int n = bare_params(m, NULL);
    if (!n) continue;
    BareParam *all = arena_alloc(c->p->arena, n * sizeof *all);
    bare_params(m, all);
    qsort(all, n, sizeof *all, by_position);
    for (int i = 0; i < n; i++) report_unannotated(c, all[i].f, all[i].i);
  }
}

/* ---- names --------------------------------------------------------------- */

static Sym *find_name(Ctx *c, const char *name) {
  Sym *y = scope_find(c->scope, name);
  if (y) return y;
  return scope_find(&c->m->globals, name);
}

static Type *sym_type(Ctx *c, Sym *y, Node *use) {
  switch (y->kind) {
  case SYM_LOCAL: case SYM_PARAM: case SYM_GLOBAL: case SYM_EXTERNVAR:
    if (!y->ty)
      return error_at(c, use, "'%s' is used before it is assigned", y->name);
    return y->ty;
  case SYM_FUNC: {
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
  case SYM_BUILTIN: break;
  }
  return T(TY_ERROR);
}

static Type *check_name(Ctx *c, Node *e) {
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
  e->sym = y;
  y->read = true;
  return set_type(e, sym_type(c, y, e));
}

/* ---- literals ---------------------------------------------------------- */

/* Does t contain a type that was an error (list[<error>])? */
static bool has_error(const Type *t) {
  if (!t) return false;
  if (is_err(t)) return true;
  if (has_error(t->elem) || has_error(t->key)) return true;
  for (int i = 0; i < t->nitems; i++)
    if (has_error(t->items[i])) return true;
  return false;
}

/* The common type of two element types: equal, or int/float -> float. */
static Type *unify(const Type *a, const Type *b) {
  if (a == b) return (Type *)a;
  if (has_error(a)) return (Type *)b;
  if (has_error(b)) return (Type *)a;
  if (type_is_numeric(a) && type_is_numeric(b) && (a->kind == TY_FLOAT || b->kind == TY_FLOAT))
    return T(TY_FLOAT);
  return NULL;
}

/* An element of a list, tuple or dict display must be a value: a module, a
 * class, a builtin function or a range() is only something to call,
 * iterate or look into. */
static Type *element(Ctx *c, Node *x, Type *want) {
  Type *t = check_expr(c, x, want);
  if (truthy(t) || is_err(t)) return t;
  return error_at(c, x, "a %s cannot be an element of a list, tuple or dict", tn(c, t));
}

static Type *check_list(Ctx *c, Node *e, Type *expect) {
  Type *want = expect && expect->kind == TY_LIST ? expect->elem : NULL;
  Type *elem = want;
  for (Node *x = e->elts; x; x = x->next) {
    Type *t = element(c, x, want);
    if (want) {
      if (!assignable(want, t))
        error_at(c, x, "list element of type %s where %s is expected", tn(c, t), tn(c, want));
      continue;
    }
    Type *u = elem ? unify(elem, t) : t;
    if (!u) {
      error_at(c, x, "list elements must have one type: %s and %s", tn(c, elem), tn(c, t));
      u = T(TY_ERROR);
    }
    elem = u;
  }
  if (!elem)
    return set_type(e, error_at(c, e, "cannot infer the type of an empty list; annotate it, e.g. 'xs: list[int] = []'"));
  return set_type(e, type_list(c->p, elem));
}

static Type *check_dict(Ctx *c, Node *e, Type *expect) {
  Type *wk = expect && expect->kind == TY_DICT ? expect->key : NULL;
  Type *wv = expect && expect->kind == TY_DICT ? expect->elem : NULL;
  Type *k = wk, *v = wv;
  for (Node *pr = e->elts; pr; pr = pr->next) {
    Type *tk = element(c, pr->lhs, wk);
    Type *tv = element(c, pr->rhs, wv);
    if (!k) k = tk;
    else if (!assignable(k, tk)) error_at(c, pr->lhs, "dict key of type %s where %s is expected", tn(c, tk), tn(c, k));
    if (!v) v = tv;
    else if (!unify(v, tv) || (wv && !assignable(wv, tv)))
      error_at(c, pr->rhs, "dict value of type %s where %s is expected", tn(c, tv), tn(c, v));
    else if (!wv) v = unify(v, tv);
  }
  if (!k)
    return set_type(e, error_at(c, e, "cannot infer the type of an empty dict; annotate it, e.g. 'd: dict[str, int] = {}'"));
  if (k->kind != TY_STR && k->kind != TY_INT && k->kind != TY_BOOL && !is_err(k))
    return set_type(e, error_at(c, e, "dict keys must be str, int or bool, not %s", tn(c, k)));
  return set_type(e, type_dict(c->p, k, v));
}

static Type *check_tuple(Ctx *c, Node *e, Type *expect) {
  int n = ast_count(e->elts);
  Type **items = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *items);
  int i = 0;
  bool fits = expect && expect->kind == TY_TUPLE && expect->nitems == n;
  for (Node *x = e->elts; x; x = x->next, i++) {
    Type *want = fits ? expect->items[i] : NULL;
    items[i] = element(c, x, want);
    if (want && assignable(want, items[i])) items[i] = want;
  }
  return set_type(e, type_tuple(c->p, items, n));
}

static Type *check_fstring(Ctx *c, Node *e) {
  for (Node *part = e->parts; part; part = part->next) {
    if (part->kind != ND_FMTVALUE) continue;
    Type *t = check_expr(c, part->lhs, NULL);
    if (!printable(t)) error_at(c, part->lhs, "cannot format a value of type %s", tn(c, t));
    if (!part->conv && t->kind == TY_CLASS && !t->cls->format && class_method(t->cls, "__format__"))
      error_at(c, part->lhs, "formatting a %s calls %s.__format__, which must take self and a str, and return str",
               tn(c, t), tn(c, t));
    if (part->spec) check_fstring(c, part->spec);
  }
  return set_type(e, T(TY_STR));
}

/* ---- iteration ------------------------------------------------------------ */

/* The element type of iterating over a value of type t, or NULL. */
static Type *iter_elem(Ctx *c, Type *t) {
  switch (t->kind) {
  case TY_LIST: return t->elem;
  case TY_STR: return T(TY_STR);
  case TY_DICT: return t->key;
  case TY_RANGE: return T(TY_INT);
  case TY_ERROR: return t;
  case TY_ENUMERATE: {
    Type *items[2] = {T(TY_INT), iter_elem(c, t->elem)};
    return type_tuple(c->p, items, 2);
  }
  case TY_ZIP: {
    Type **items = arena_alloc(c->p->arena, t->nitems * sizeof *items);
    for (int i = 0; i < t->nitems; i++) items[i] = iter_elem(c, t->items[i]);
    return type_tuple(c->p, items, t->nitems);
  }
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
    if (it->ret->kind == TY_LIST) return it->ret->elem;
    Func *next = it->ret->kind == TY_CLASS ? class_method(it->ret->cls, "__next__") : NULL;
    return next && next->is_extern && next->nparams == 1 ? next->ret : NULL;
  }
  default: return NULL;
  }
}

static void bind_target(Ctx *c, Node *t, Type *ty);

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
    if (y->kind == ND_KEYWORD) it->start = y->rhs;                   /* enumerate(xs, start=1) */
    else if (kind == ITER_ENUMERATE && it->nsubs == 1) it->start = y; /* enumerate(xs, 1) */
    else it->subs[it->nsubs++] = iter_plan(c, y);
  }
  for (int i = 0; i < it->nsubs; i++)
    if (!it->subs[i]) return NULL;
  return it;
}

/* A class's iteration: __iter__ gives a list, or an extern iterator. */
static Iter *class_plan(Ctx *c, Node *x, Type *elem) {
  Func *f = class_method(x->ty->cls, "__iter__");
  bool list = f->ret->kind == TY_LIST;
  Iter *it = iter_new(c, list ? ITER_CLASS_LIST : ITER_NEXT, x, elem);
  it->iter_fn = f;
  if (!list) it->next_fn = class_method(f->ret->cls, "__next__");
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
  case TY_LIST: return iter_new(c, ITER_LIST, x, elem);
  case TY_STR: return iter_new(c, ITER_STR, x, elem);
  case TY_DICT: return iter_new(c, ITER_DICT, x, elem);
  case TY_TUPLE: return iter_new(c, ITER_TUPLE, x, elem);
  case TY_CLASS: return class_plan(c, x, elem);
  default: return NULL;
  }
}

/* The plan of a loop's or comprehension's iterable, with the error when
 * there is none; the element type to bind (TY_ERROR after an error). */
static Type *plan_loop(Ctx *c, Node *owner, Node *iterable) {
  Type *it = check_expr(c, iterable, NULL);
  Iter *plan = iter_plan(c, iterable);
  owner->info = plan;
  if (plan) return plan->elem;
  if (is_err(it)) return it;
  if (iter_elem(c, it))  /* range, enumerate or zip kept in a variable */
    return error_at(c, iterable, "iterate over %s() where it is called (or wrap it in list())", tn(c, it));
  return error_at(c, iterable, "cannot iterate over a value of type %s", tn(c, it));
}

/* A name assigned for the first time takes the value's type; later
 * assignments must keep it. */
static void bind_name(Ctx *c, Node *t, Type *ty) {
  Sym *y = find_name(c, t->name);
  if (!y) {
    error_at(c, t, "cannot assign to '%s' here", t->name);
    return;
  }
  t->sym = y;
  if (y->kind != SYM_LOCAL && y->kind != SYM_PARAM && y->kind != SYM_GLOBAL) {
    error_at(c, t, "cannot assign to '%s': it is not a variable", t->name);
    return;
  }
  if (!y->ty) {
    if (ty->kind == TY_NONE) {
      error_at(c, t, "'%s' cannot be a None variable; give it a type", t->name);
      ty = T(TY_ERROR);
    } else if (!truthy(ty) && !is_err(ty)) {
      error_at(c, t, "a %s cannot be stored in a variable", tn(c, ty));
      ty = T(TY_ERROR);
    }
    y->ty = ty;
  } else if (!assignable(y->ty, ty)) {
    error_at(c, t, "variable '%s' changes type from %s to %s", t->name, tn(c, y->ty), tn(c, ty));
  }
  t->ty = y->ty;
}

static void bind_tuple(Ctx *c, Node *t, Type *ty) {
  int n = ast_count(t->elts);
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
    for (Node *x = t->elts; x; x = x->next) bind_target(c, x, ty->items[i++]);
  } else {
    error_at(c, t, "cannot unpack a value of type %s; only tuples unpack", tn(c, ty));
    bind_tuple(c, t, T(TY_ERROR));
    return;
  }
  t->ty = ty;
}

static Type *check_attr(Ctx *c, Node *e);
static Type *check_index(Ctx *c, Node *e, bool store);
static CallInfo *class_subscript(Ctx *c, Node *e, Type *ot, const char *method, Type *value);

/* Assignment targets: names, tuples of targets, fields, items. */
static void bind_target(Ctx *c, Node *t, Type *ty) {
  switch (t->kind) {
  case EX_NAME: bind_name(c, t, ty); return;
  case EX_TUPLE:
  case EX_LIST: bind_tuple(c, t, ty); return;
  case EX_ATTR: {
    Type *ft = t->ty ? t->ty : check_attr(c, t);
    if ((t->flags & ATTR_PROPERTY) && !((Func *)t->info)->setter) {
      error_at(c, t, "'%s' of %s can be read but not set", t->name, tn(c, t->lhs->ty));
      return;
    }
    if ((t->flags & ATTR_PROPERTY) && !assignable(ft, ty))
      error_at(c, t, "'%s' has type %s, cannot assign %s", t->name, tn(c, ft), tn(c, ty));
    else if (!assignable(ft, ty))
      error_at(c, t, "field '%s' has type %s, cannot assign %s", t->name, tn(c, ft), tn(c, ty));
    return;
  }
  case EX_INDEX: {
    Type *ot = t->lhs->ty ? t->lhs->ty : check_expr(c, t->lhs, NULL);
    if (ot->kind == TY_CLASS) {   /* x[i] = v: x.__setitem__(i, v) */
      t->info = class_subscript(c, t, ot, "__setitem__", ty);
      t->ty = T(TY_NONE);
      return;
    }
    Type *it = t->ty ? t->ty : check_index(c, t, true);
    if (!assignable(it, ty))
      error_at(c, t, "cannot store %s into an item of type %s", tn(c, ty), tn(c, it));
    return;
  }
  default: error_at(c, t, "cannot assign to this expression");
  }
}

/* ---- attributes, fields, indexing --------------------------------------- */

/* A class's fields are what its __init__ assigns, so its body is checked
 * where they are first needed: at the first construction or field use, as
 * Python runs it then, after the globals it reads are assigned. */
static void need_fields(Ctx *c, ClassInfo *k) {
  if (k->is_extern || !k->init || k->init->checked) return;
  Ctx sub = *c;
  sub.m = k->init->mod;
  check_func(&sub, k->init);
}

static Field *find_field(ClassInfo *k, const char *name) {
  for (int i = 0; i < k->nfields; i++)
    if (strcmp(k->fields[i].name, name) == 0) return &k->fields[i];
  return NULL;
}

static Field *add_field(Ctx *c, ClassInfo *k, Node *decl, Type *ty) {
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
  return f;
}

static bool in_init_of(Ctx *c, ClassInfo *k) { return c->fn && c->fn == k->init; }

/* ---- methods, overloads and operators ----------------------------------- */


static bool keywords_fit(Func *f, Node *call, int given, bool types);

/* Rounds of overload resolution: positional types equal, then int widened
 * to float, with keyword arguments of fitting types (x.sum(dim=[0, 1]));
 * last, keywords that only name parameters, so that the error of a call no
 * overload takes names its wrong argument. */
enum { ROUND_EXACT, ROUND_WIDEN, ROUND_NAMES };

/* Parameters that take positional arguments: all but a last `**name`. */
static int positional_params(const Param *params, int np) {
  return np && params[np - 1].kwargs ? np - 1 : np;
}

/* Do positional argument types fit f's parameters after `skip` (a `*name`
 * parameter taking every position from its own on), and the call's keyword
 * arguments (call may be NULL) the rest, in this round? */
static bool fits(Func *f, int skip, Type **args, int n, Node *call, int round) {
  int np = positional_params(f->params, f->nparams);
  int v = skip;
  while (v < np && !f->params[v].varargs) v++;
  if (v == np && n > np - skip) return false;
  for (int i = 0; i < n; i++) {
    Type *want = f->params[skip + i < v ? skip + i : v].ty;
    const Param *q = &f->params[skip + i < v ? skip + i : v];
    if (round == ROUND_EXACT ? !(want == args[i] || is_err(args[i])) : !arg_fits(q, args[i])) return false;
  }
  return keywords_fit(f, call, skip + n < v ? skip + n : v, round != ROUND_NAMES);
}

/* The overload of `first` that takes these arguments, or NULL. */
static Func *pick_by_types(Func *first, int skip, Type **args, int n, Node *call) {
  for (int round = ROUND_EXACT; round <= ROUND_NAMES; round++)
    for (Func *f = first; f; f = f->overload)
      if (fits(f, skip, args, n, call, round)) return f;
  return NULL;
}

static const char *dunder(Op op, bool reflected) {
  static const char *const names[][2] = {
      [OP_ADD] = {"__add__", "__radd__"}, [OP_SUB] = {"__sub__", "__rsub__"},
      [OP_MUL] = {"__mul__", "__rmul__"}, [OP_DIV] = {"__truediv__", "__rtruediv__"},
      [OP_FLOORDIV] = {"__floordiv__", "__rfloordiv__"}, [OP_MOD] = {"__mod__", "__rmod__"},
      [OP_POW] = {"__pow__", "__rpow__"}, [OP_MATMUL] = {"__matmul__", "__rmatmul__"},
      [OP_LSHIFT] = {"__lshift__", "__rlshift__"}, [OP_RSHIFT] = {"__rshift__", "__rrshift__"},
      [OP_BITAND] = {"__and__", "__rand__"}, [OP_BITOR] = {"__or__", "__ror__"},
      [OP_BITXOR] = {"__xor__", "__rxor__"}, [OP_NEG] = {"__neg__", NULL},
      [OP_POS] = {"__pos__", NULL}, [OP_INVERT] = {"__invert__", NULL},
      [OP_EQ] = {"__eq__", "__eq__"}, [OP_NE] = {"__ne__", "__ne__"},
      [OP_LT] = {"__lt__", "__gt__"}, [OP_LE] = {"__le__", "__ge__"},
      [OP_GT] = {"__gt__", "__lt__"}, [OP_GE] = {"__ge__", "__le__"},
  };
  if ((size_t)op >= sizeof names / sizeof *names) return NULL;
  return names[op][reflected];
}

/* `a OP b` where a class defines the operator: a.__op__(b), else
 * b.__rop__(a). Records the call in e->info; NULL when neither exists. */
static Type *operator_call(Ctx *c, Node *e, Op op, Node *lhs, Node *rhs) {
  for (int reflected = 0; reflected <= (rhs ? 1 : 0); reflected++) {
    Node *recv = reflected ? rhs : lhs, *arg = reflected ? lhs : rhs;
    Type *rt = recv->ty;
    const char *name = dunder(op, reflected);
    if (rt->kind != TY_CLASS || !name) continue;
    Func *first = class_method(rt->cls, name);
    bool negate = false;
    if (!first && op == OP_NE) {   /* as Python: != is the negation of __eq__ */
      first = class_method(rt->cls, "__eq__");
      negate = true;
    }
    if (!first) continue;
    Type *argt = arg ? arg->ty : NULL;
    Func *f = pick_by_types(first, 1, &argt, arg ? 1 : 0, NULL);
    if (!f) continue;
    CallInfo *ci = arena_alloc(c->p->arena, sizeof *ci);
    ci->kind = CALL_METHOD;
    ci->fn = f;
    ci->recv = recv;
    ci->nargs = f->nparams;
    ci->args = arena_alloc(c->p->arena, (f->nparams + 1) * sizeof *ci->args);
    if (arg) ci->args[1] = arg;
    ci->negate = negate;
    e->info = ci;
    return set_type(e, f->ret);
  }
  return NULL;
}

static bool is_class(const Type *t) { return t->kind == TY_CLASS; }

/* mod.name where module mod has no `name`: a submodule not imported
 * (torch.nn after `import torch` alone), or nothing. */
static Type *missing_in_module(Ctx *c, Node *e, Module *mod) {
  const char *sub = arena_printf(c->p->arena, "%s.%s", mod->name, e->name);
  if (module_exists(c->p, c->m, sub)) return error_at(c, e, "module '%s' is not imported: add 'import %s'", sub, sub);
  return error_at(c, e, "module '%s' has no name '%s'", mod->name, e->name);
}

static Type *check_attr(Ctx *c, Node *e) {
  Type *ot = check_expr(c, e->lhs, NULL);
  if (is_err(ot)) {
    note_attr(c, e->lhs, e->name);
    return set_type(e, ot);
  }
  if (ot->kind == TY_CLASS) {
    need_fields(c, ot->cls);
    Field *f = find_field(ot->cls, e->name);
    if (f) {
      e->info = f;
      return set_type(e, f->ty);
    }
    Func *prop = class_method(ot->cls, e->name);  /* also a base's: self.training */
    if (prop && prop->is_property) {
      e->info = prop;
      e->flags |= ATTR_PROPERTY;
      return set_type(e, prop->ret);
    }
    return set_type(e, error_at(c, e, "'%s' has no field '%s'%s", ot->cls->name, e->name,
                                in_init_of(c, ot->cls) ? "" : " (fields are what __init__ assigns to self)"));
  }
  if (ot->kind == TY_MODULE) {
    Sym *y = scope_find(&ot->mod->globals, e->name);
    if (!y) return set_type(e, missing_in_module(c, e, ot->mod));
    e->sym = y;
    return set_type(e, sym_type(c, y, e));
  }
  return set_type(e, error_at(c, e, "a value of type %s has no attribute '%s'", tn(c, ot), e->name));
}

static bool is_int_like(const Type *t) { return t->kind == TY_INT || t->kind == TY_BOOL || is_err(t); }

static void check_slice(Ctx *c, Node *s) {
  Node *parts[3] = {s->lo, s->hi, s->step};
  for (int i = 0; i < 3; i++) {
    if (!parts[i]) continue;
    Type *t = check_expr(c, parts[i], NULL);
    if (!is_int_like(t)) error_at(c, parts[i], "slice indices must be int, not %s", tn(c, t));
  }
}

/* The items of x[a, b:c] checked one by one, slices as slices: where x
 * is not a tensor (or is unknown after an error), for their own errors. */
static int check_items_only(Ctx *c, Node *ix) {
  int n = 0;
  Node *single = ix->kind == EX_TUPLE ? NULL : ix;
  for (Node *x = single ? single : ix->elts; x; x = single ? NULL : x->next) {
    if (x->kind == EX_SLICE) check_slice(c, x);
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

/* One item of a tensor subscript: an int, a slice, None, ..., a tensor or a bool. */
static void check_index_item(Ctx *c, Node *x) {
  if (x->kind == EX_SLICE) {
    check_slice(c, x);
    return;
  }
  if (x->kind == EX_ELLIPSIS) return;
  Type *t = check_expr(c, x, NULL);
  if (is_int_like(t) || t->kind == TY_NONE || (t->kind == TY_CLASS && t->cls->is_extern)) return;
  error_at(c, x, "a subscript item must be an int, a slice, None, ..., a bool or a tensor, not %s", tn(c, t));
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

/* The overload of `head` whose trailing parameters (after self and a
 * `*index` parameter, if `items`) take `args`: exact types first. */
static Func *pick_trailing(Func *head, bool items, Type **args, int n) {
  for (int exact = 1; exact >= 0; exact--)
    for (Func *g = head; g; g = g->overload) {
      if (g->nparams != 1 + (items ? 1 : 0) + n) continue;
      bool ok = true;
      for (int i = 0; i < n && ok; i++) {
        Type *want = g->params[g->nparams - n + i].ty;
        ok = exact ? want == args[i] || is_err(args[i]) : assignable(want, args[i]);
      }
      if (ok) return g;
    }
  return NULL;
}

/* x[...] of a class: its __getitem__ (or __setitem__ with `value`, whose
 * type chooses among the overloads). A `*index: slice` parameter takes
 * every item of the subscript; otherwise the subscript is one argument. */
static CallInfo *class_subscript(Ctx *c, Node *e, Type *ot, const char *method, Type *value) {
  Func *head = class_method(ot->cls, method);
  if (!head) {
    error_at(c, e, "'%s' object is not %s", ot->cls->name, value ? "subscriptable for assignment" : "subscriptable");
    return NULL;
  }
  bool items = head->nparams > 1 && head->params[1].varargs;
  int nitems = 0;
  Node **item = items ? subscript_items(c, e->rhs, &nitems) : NULL;
  for (int i = 0; i < nitems; i++) check_index_item(c, item[i]);
  if (!items && (e->rhs->kind == EX_SLICE || has_slice(e->rhs))) {
    check_items_only(c, e->rhs);
    error_at(c, e->rhs, "%s.%s() takes no slice", ot->cls->name, method);
    return NULL;
  }
  Type *args[2];
  int n = 0;
  if (!items) args[n++] = check_expr(c, e->rhs, NULL);
  if (value) args[n++] = value;
  Func *f = pick_trailing(head, items, args, n);
  if (!f) {
    error_at(c, e, "%s.%s() takes no %s", ot->cls->name, method, tn(c, value ? value : args[0]));
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

static Type *check_index(Ctx *c, Node *e, bool store) {
  Type *ot = check_expr(c, e->lhs, NULL);
  Node *ix = e->rhs;
  if (is_err(ot)) {
    check_items_only(c, ix);
    return set_type(e, ot);
  }
  if (ot->kind == TY_CLASS && !store) {
    CallInfo *ci = class_subscript(c, e, ot, "__getitem__", NULL);
    e->info = ci;
    return set_type(e, ci ? ci->fn->ret : T(TY_ERROR));
  }
  if (ix->kind == EX_SLICE) {
    check_slice(c, ix);
    if (store) return set_type(e, error_at(c, e, "assigning to a slice is not supported"));
    if (ot->kind == TY_LIST || ot->kind == TY_STR) return set_type(e, ot);
    return set_type(e, error_at(c, e, "a value of type %s cannot be sliced", tn(c, ot)));
  }
  if (ot->kind == TY_DICT) {
    Type *kt = check_expr(c, ix, ot->key);
    if (!assignable(ot->key, kt))
      error_at(c, ix, "dict key must be %s, not %s", tn(c, ot->key), tn(c, kt));
    return set_type(e, ot->elem);
  }
  if (has_slice(ix)) {   /* x[:, 0] of a list: several items are for tensors */
    int n = check_items_only(c, ix);
    return set_type(e, error_at(c, ix, "%s indices must be an int or one slice, not %d items", tn(c, ot), n));
  }
  Type *it = check_expr(c, ix, NULL);
  if (!is_int_like(it)) {
    error_at(c, ix, "%s indices must be int, not %s", tn(c, ot), tn(c, it));
    return set_type(e, T(TY_ERROR));
  }
  switch (ot->kind) {
  case TY_LIST: return set_type(e, ot->elem);
  case TY_STR:
    if (store) return set_type(e, error_at(c, e, "str is immutable: its items cannot be assigned"));
    return set_type(e, T(TY_STR));
  case TY_TUPLE: {
    int64_t k;
    if (store) return set_type(e, error_at(c, e, "tuple is immutable: its items cannot be assigned"));
    if (!const_int(ix, &k))
      return set_type(e, error_at(c, ix, "a tuple index must be an integer constant"));
    if (k < 0) k += ot->nitems;
    if (k < 0 || k >= ot->nitems)
      return set_type(e, error_at(c, ix, "tuple index out of range (tuple has %d items)", ot->nitems));
    return set_type(e, ot->items[k]);
  }
  default:
    return set_type(e, error_at(c, e, "a value of type %s cannot be indexed", tn(c, ot)));
  }
}

/* ---- operators ------------------------------------------------------------ */

static Type *arith_result(Ctx *c, Node *e, Type *a, Type *b) {
  Op op = e->op;
  if (is_err(a) || is_err(b)) return T(TY_ERROR);
  bool ai = is_int_like(a), bi = is_int_like(b);
  if (type_is_numeric(a) && type_is_numeric(b)) {
    if (op == OP_MATMUL) goto bad;
    bool bits = op == OP_LSHIFT || op == OP_RSHIFT || op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR;
    if (bits) {
      if (ai && bi) return a->kind == TY_BOOL && b->kind == TY_BOOL && op != OP_LSHIFT && op != OP_RSHIFT ? T(TY_BOOL) : T(TY_INT);
      goto bad;
    }
    if (op == OP_DIV) return T(TY_FLOAT);
    if (ai && bi) return T(TY_INT);
    return T(TY_FLOAT);
  }
  if (op == OP_ADD && a == b && (a->kind == TY_STR || a->kind == TY_LIST || a->kind == TY_TUPLE)) {
    if (a->kind == TY_TUPLE) goto bad;
    return a;
  }
  if (op == OP_MUL && (a->kind == TY_STR || a->kind == TY_LIST) && bi) return a;
  if (op == OP_MUL && (b->kind == TY_STR || b->kind == TY_LIST) && ai) return b;
bad:
  return error_at(c, e, "unsupported operand types for %s: %s and %s", ast_op_text(op), tn(c, a), tn(c, b));
}

static Type *check_binop(Ctx *c, Node *e) {
  Type *a = check_expr(c, e->lhs, NULL);
  Type *b = check_expr(c, e->rhs, NULL);
  if (is_class(a) || is_class(b)) {
    Type *r = operator_call(c, e, e->op, e->lhs, e->rhs);
    if (r) return r;
  }
  return set_type(e, arith_result(c, e, a, b));
}

static Type *check_truth(Ctx *c, Node *e);
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
    if (t->kind == TY_FLOAT) return set_type(e, t);
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
  if (!is_class(t) || t->cls->truth) return t;
  const char *why = class_method(t->cls, "__bool__") ? "__bool__, which must take only self and return bool"
                    : class_method(t->cls, "__len__") ? "__len__, which must take only self and return int"
                                                     : NULL;
  if (why) error_at(c, e, "the truth value of a %s calls %s.%s", tn(c, t), tn(c, t), why);
  return t;
}

static Type *check_truth(Ctx *c, Node *e) {
  if (e->kind != EX_BOOLOP) return truth_tested(c, e, check_expr(c, e, NULL));
  Type *a = check_truth(c, e->lhs);
  Type *b = check_truth(c, e->rhs);
  if (a != b && truthy(a) && truthy(b) && !is_err(a) && !is_err(b)) return truth_tested(c, e, set_type(e, T(TY_BOOL)));
  return truth_tested(c, e, check_boolop_types(c, e, a, b));
}

/* x or y as a value: x's truth value picks the result. */
static Type *check_boolop(Ctx *c, Node *e) {
  Type *a = truth_tested(c, e->lhs, check_expr(c, e->lhs, NULL));
  Type *b = check_expr(c, e->rhs, NULL);
  return check_boolop_types(c, e, a, b);
}

static Type *check_boolop_types(Ctx *c, Node *e, Type *a, Type *b) {
  if (!truthy(a)) return set_type(e, error_at(c, e->lhs, "a %s has no truth value", tn(c, a)));
  if (!truthy(b)) return set_type(e, error_at(c, e->rhs, "a %s has no truth value", tn(c, b)));
  if (a == b) return set_type(e, a);
  Type *u = unify(a, b);
  if (u && !(a->kind == TY_BOOL || b->kind == TY_BOOL)) return set_type(e, u);
  return set_type(e, error_at(c, e, "operands of '%s' must have one type, not %s and %s",
                              ast_op_text(e->op), tn(c, a), tn(c, b)));
}

/* Can a and b be compared with op? */
static bool comparable(Op op, const Type *a, const Type *b) {
  if (is_err(a) || is_err(b)) return true;
  if (op == OP_IN || op == OP_NOTIN) {
    if (b->kind == TY_STR) return a->kind == TY_STR;
    if (b->kind == TY_LIST) return assignable(b->elem, a) || a == b->elem;
    if (b->kind == TY_DICT) return assignable(b->key, a);
    if (b->kind == TY_TUPLE) return true;
    return false;
  }
  if (op == OP_IS || op == OP_ISNOT) return true;
  if (type_is_numeric(a) && type_is_numeric(b)) return true;
  if (a != b) return false;
  if (op == OP_EQ || op == OP_NE) return true;
  /* Ordering */
  return a->kind == TY_STR || a->kind == TY_LIST || a->kind == TY_TUPLE;
}

static Type *check_compare(Ctx *c, Node *e) {
  Type *a = check_expr(c, e->lhs, NULL);
  if (!e->cmps->next && e->cmps->op <= OP_GE && e->cmps->op >= OP_EQ) {
    /* x == y, x < 2 where a class defines the comparison (a tensor gives a tensor) */
    Type *b = check_expr(c, e->cmps->rhs, is_class(a) ? NULL : a);
    if (is_class(a) || is_class(b)) {
      Type *r = operator_call(c, e, e->cmps->op, e->lhs, e->cmps->rhs);
      if (r) return r;
    }
    if (!comparable(e->cmps->op, a, b))
      error_at(c, e->cmps, "'%s' is not supported between %s and %s", ast_op_text(e->cmps->op), tn(c, a), tn(c, b));
    e->cmps->ty = a;
    return set_type(e, T(TY_BOOL));
  }
  for (Node *cmp = e->cmps; cmp; cmp = cmp->next) {
    /* The left operand's type guides an empty literal on the right: xs == [] */
    Type *b = check_expr(c, cmp->rhs, cmp->op == OP_IN || cmp->op == OP_NOTIN ? NULL : a);
    if (!comparable(cmp->op, a, b))
      error_at(c, cmp, "'%s' is not supported between %s and %s", ast_op_text(cmp->op), tn(c, a), tn(c, b));
    cmp->ty = a;   /* the left operand's type, for emit */
    a = b;
  }
  return set_type(e, T(TY_BOOL));
}

static Type *check_ifexp(Ctx *c, Node *e, Type *expect) {
  Type *k = check_truth(c, e->cond);
  if (!truthy(k)) error_at(c, e->cond, "a %s has no truth value", tn(c, k));
  Type *a = check_expr(c, e->lhs, expect);
  Type *b = check_expr(c, e->rhs, expect);
  Type *u = unify(a, b);
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
}

static Type *check_comp(Ctx *c, Node *e, Type *expect) {
  Scope *s = arena_alloc(c->p->arena, sizeof *s);
  s->up = c->scope;
  Scope *saved = c->scope;
  for (Node *g = e->comps; g; g = g->next) {
    Type *el = plan_loop(c, g, g->rhs);   /* in the outer scope, as Python */
    declare_comp_target(c, s, g->lhs);
    c->scope = s;
    bind_target(c, g->lhs, el);
    for (Node *k = g->conds; k; k = k->next) {
      Type *kt = check_truth(c, k);
      if (!truthy(kt)) error_at(c, k, "a %s has no truth value", tn(c, kt));
    }
  }
  c->scope = s;
  Type *r;
  if (e->kind == EX_LISTCOMP) {
    Type *want = expect && expect->kind == TY_LIST ? expect->elem : NULL;
    Type *el = check_expr(c, e->lhs, want);
    if (want && assignable(want, el)) el = want;
    r = type_list(c->p, el);
  } else {
    Type *k = check_expr(c, e->lhs, NULL);
    Type *v = check_expr(c, e->rhs, expect && expect->kind == TY_DICT ? expect->elem : NULL);
    r = type_dict(c->p, k, v);
  }
  c->scope = saved;
  e->info = s;
  return set_type(e, r);
}

/* ---- calls ---------------------------------------------------------------- */

static CallInfo *new_call(Ctx *c, Node *e, CallKind kind, int nargs) {
  CallInfo *ci = arena_alloc(c->p->arena, sizeof *ci);
  ci->kind = kind;
  ci->nargs = nargs;
  ci->args = arena_alloc(c->p->arena, (nargs ? nargs : 1) * sizeof *ci->args);
  e->info = ci;
  return ci;
}

/* Matches a call's arguments to parameters (names, defaults) and checks
 * their types. `skip` parameters (self) are not in the call. */
/* The positional arguments from a `*name` parameter on: its values. */
static void bind_varargs(Ctx *c, Node *first, Param *q, const char *fname, CallInfo *ci) {
  int n = 0;
  for (Node *a = first; a; a = a->next)
    if (a->kind != ND_KEYWORD) n++;
  ci->vargs = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *ci->vargs);
  for (Node *a = first; a; a = a->next) {
    if (a->kind == ND_KEYWORD) continue;
    Type *t = check_expr(c, a, q->ty);
    note_arg(c, a, q, t);
    if (!arg_fits(q, t))
      error_at(c, a, "argument '%s' of %s expects %s, got %s", q->name, fname, tn(c, q->ty), tn(c, t));
    ci->vargs[ci->nvargs++] = a;
  }
}

/* A keyword argument no parameter names, for a `**name` parameter q. */
static void bind_kwarg(Ctx *c, Node *a, Param *q, const char *fname, CallInfo *ci) {
  if (!ci->kwargs) ci->kwargs = arena_alloc(c->p->arena, ast_count(a) * sizeof *ci->kwargs);
  Type *t = check_expr(c, a->rhs, q->ty);
  if (!arg_fits(q, t))
    error_at(c, a->rhs, "argument '%s' of %s expects %s, got %s", a->name, fname, tn(c, q->ty), tn(c, t));
  ci->kwargs[ci->nkwargs++] = a;
}

static void bind_args(Ctx *c, Node *call, const char *fname, Param *params, int np_all, int skip, CallInfo *ci) {
  int np = positional_params(params, np_all);
  Param *kwargs = np < np_all ? &params[np] : NULL;
  int npos = 0;
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD) continue;
    if (a->kind == EX_STARRED) {
      error_at(c, a, "'*' arguments are not supported in calls to %s", fname);
      continue;
    }
    if (skip + npos < np && params[skip + npos].varargs) {
      bind_varargs(c, a, &params[skip + npos], fname, ci);
      break;
    }
    if (skip + npos >= np) {
      error_at(c, a, "%s() takes %d positional argument%s but %d were given", fname, np - skip,
               np - skip == 1 ? "" : "s", ast_count(call->args));
      return;
    }
    ci->args[skip + npos++] = a;
  }
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind != ND_KEYWORD) continue;
    int k = -1;
    for (int i = skip; i < np; i++)
      if (strcmp(params[i].name, a->name) == 0 && !params[i].varargs) k = i;
    if (k < 0 && kwargs) {
      bind_kwarg(c, a, kwargs, fname, ci);
      continue;
    }
    if (k < 0) {
      error_at(c, a, "%s() got an unexpected keyword argument '%s'", fname, a->name);
      continue;
    }
    if (ci->args[k]) {
      error_at(c, a, "%s() got multiple values for argument '%s'", fname, a->name);
      continue;
    }
    ci->args[k] = a->rhs;
  }
  for (int i = skip; i < np; i++) {
    Node *a = ci->args[i];
    if (params[i].varargs) continue;
    if (!a) {
      if (!params[i].dflt) error_at(c, call, "%s() missing required argument '%s'", fname, params[i].name);
      continue;
    }
    Type *t = check_expr(c, a, params[i].ty);
    note_arg(c, a, &params[i], t);
    if (!arg_fits(&params[i], t))
      error_at(c, a, "argument '%s' of %s expects %s, got %s", params[i].name, fname,
               tn(c, params[i].ty), tn(c, t));
  }
}

/* Does every keyword argument name a parameter of f after the positional
 * ones (with a value that fits it, if `types`), and is every required
 * parameter given? */
static bool keywords_fit(Func *f, Node *call, int given, bool types) {
  bool any_keyword = f->nparams && f->params[f->nparams - 1].kwargs;
  for (Node *a = call ? call->args : NULL; a; a = a->next) {
    if (a->kind != ND_KEYWORD) continue;
    const Param *q = NULL;
    for (int i = given; i < f->nparams && !q; i++)
      if (!f->params[i].varargs && !f->params[i].kwargs && strcmp(f->params[i].name, a->name) == 0) q = &f->params[i];
    if (!q && !any_keyword) return false;
    if (types && q && a->rhs->ty && !arg_fits(q, a->rhs->ty)) return false;
  }
  for (int i = given; i < f->nparams; i++) {
    if (f->params[i].dflt || f->params[i].varargs || f->params[i].kwargs) continue;
    bool named = false;
    for (Node *a = call ? call->args : NULL; a && !named; a = a->next)
      named = a->kind == ND_KEYWORD && strcmp(a->name, f->params[i].name) == 0;
    if (!named) return false;
  }
  return true;
}

/* Chooses among extern defs of one name by the types of the arguments
 * (checked once here): exact matches of the positional ones first, and
 * keyword arguments that fit their parameters. */
static Func *pick_overload(Ctx *c, Node *e, Func *first, int skip) {
  if (!first->overload) return first;
  Type **args = arena_alloc(c->p->arena, (ast_count(e->args) + 1) * sizeof *args);
  int n = 0;
  for (Node *a = e->args; a; a = a->next) {
    Type *t = check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a, NULL);
    if (a->kind != ND_KEYWORD) args[n++] = t;
    if (is_err(t)) return NULL;
  }
  Func *f = pick_by_types(first, skip, args, n, e);
  if (f) return f;
  const char *list = "";
  for (int i = 0; i < n; i++) list = arena_printf(c->p->arena, "%s%s%s", list, i ? ", " : "", tn(c, args[i]));
  error_at(c, e, "no form of %s() takes (%s)", first->qname, list);
  return NULL;
}

static Type *call_func(Ctx *c, Node *e, Func *f) {
  f = pick_overload(c, e, f, 0);
  if (!f) return set_type(e, T(TY_ERROR));
  CallInfo *ci = new_call(c, e, CALL_FUNC, f->nparams);
  ci->fn = f;
  bind_args(c, e, f->name, f->params, f->nparams, 0, ci);
  return set_type(e, f->ret);
}

static Type *call_method(Ctx *c, Node *e, Func *f, Node *recv) {
  f = pick_overload(c, e, f, 1);
  if (!f) return set_type(e, T(TY_ERROR));
  if (f->is_property) return set_type(e, error_at(c, e, "'%s' is a property, not a method: write it without ()", f->name));
  CallInfo *ci = new_call(c, e, CALL_METHOD, f->nparams);
  ci->fn = f;
  ci->recv = recv;
  bind_args(c, e, f->qname, f->params, f->nparams, 1, ci);
  return set_type(e, f->returns_self ? recv->ty : f->ret);
}

static Type *call_ctor(Ctx *c, Node *e, ClassInfo *k) {
  need_fields(c, k);
  Func *init = k->init;
  if (k->is_extern) {
    /* an extern class's __init__ binds a C function returning the new object */
    if (!init) return set_type(e, error_at(c, e, "%s cannot be constructed directly", k->name));
    init = pick_overload(c, e, init, 1);
    if (!init) return set_type(e, T(TY_ERROR));
  }
  CallInfo *ci = new_call(c, e, CALL_CTOR, init ? init->nparams : 0);
  ci->cls = k;
  ci->fn = init;
  if (init) bind_args(c, e, k->name, init->params, init->nparams, 1, ci);
  else if (e->args) error_at(c, e, "%s() takes no arguments", k->name);
  return set_type(e, k->ty);
}

static Type *bmethod_type(Ctx *c, const Type *recv, char letter) {
  Type *items[2];
  switch (letter) {
  case 'i': return T(TY_INT);
  case 'f': return T(TY_FLOAT);
  case 'b': return T(TY_BOOL);
  case 's': case 'S': return T(TY_STR);
  case 'n': return T(TY_NONE);
  case 'E': return recv->elem;
  case 'K': return recv->key;
  case 'V': return recv->elem;
  case 'L': return (Type *)recv;
  case 'l': return type_list(c->p, T(TY_STR));
  case 'k': return type_list(c->p, recv->key);
  case 'v': return type_list(c->p, recv->elem);
  case 'T':
    items[0] = recv->key;
    items[1] = recv->elem;
    return type_list(c->p, type_tuple(c->p, items, 2));
  }
  return T(TY_ERROR);
}

static Type *call_bmethod(Ctx *c, Node *e, const BMethod *bm, Node *recv, Type *rt) {
  int np = (int)strlen(bm->params);
  CallInfo *ci = new_call(c, e, CALL_BMETHOD, np + 1);
  ci->bmethod = bm;
  ci->recv = recv;
  Param params[4];
  memset(params, 0, sizeof params);
  params[0].name = "self";
  for (int i = 0; i < np; i++) {
    params[i + 1].name = bm->pnames[i];
    params[i + 1].ty = bmethod_type(c, rt, bm->params[i]);
    params[i + 1].dflt = bm->defaults[i] ? e : NULL;   /* non-NULL marks "has a default" */
  }
  const char *qn = arena_printf(c->p->arena, "%s.%s", rt->kind == TY_STR ? "str" : rt->kind == TY_LIST ? "list" : "dict", bm->name);
  bind_args(c, e, qn, params, np + 1, 1, ci);
  return set_type(e, bmethod_type(c, rt, bm->ret));
}

static Type *check_builtin_call(Ctx *c, Node *e, int bi);

/* super().__init__() in the __init__ of a class deriving nn.Module: the
 * module part of the object is set up by the constructor itself. */
static bool is_super_init(Ctx *c, Node *e) {
  Node *callee = e->lhs;
  if (callee->kind != EX_ATTR || strcmp(callee->name, "__init__") != 0 || e->args) return false;
  Node *sup = callee->lhs;
  if (sup->kind != EX_CALL || sup->args || sup->lhs->kind != EX_NAME || strcmp(sup->lhs->name, "super") != 0)
    return false;
  return c->fn && c->fn->cls && c->fn->cls->base && c->fn == c->fn->cls->init;
}

/* net(x): a module's forward, or the class's __call__. */
static Type *call_instance(Ctx *c, Node *e, Type *ft) {
  Func *f = ft->cls->is_module ? class_method(ft->cls, "forward") : NULL;
  if (!f) f = class_method(ft->cls, "__call__");
  if (!f) return set_type(e, error_at(c, e->lhs, "a value of type %s is not callable", tn(c, ft)));
  return call_method(c, e, f, e->lhs);
}

static Type *check_call(Ctx *c, Node *e) {
  Node *callee = e->lhs;
  if (is_super_init(c, e)) {
    new_call(c, e, CALL_NOTHING, 0);
    return set_type(e, T(TY_NONE));
  }
  if (callee->kind == EX_ATTR) {
    Type *rt = check_expr(c, callee->lhs, NULL);
    if (is_err(rt)) {
      note_attr(c, callee->lhs, callee->name);
      goto args_only;
    }
    if (rt->kind == TY_CLASS) need_fields(c, rt->cls);
    if (rt->kind == TY_CLASS && !find_field(rt->cls, callee->name)) {  /* a field is called below: self.fc1(x) */
      Func *f = class_method(rt->cls, callee->name);
      if (f && !f->is_property) return call_method(c, e, f, callee->lhs);
      if (!f) return set_type(e, error_at(c, callee, "'%s' has no method '%s'", rt->cls->name, callee->name));
    }
    if (rt->kind == TY_STR || rt->kind == TY_LIST || rt->kind == TY_DICT) {
      const BMethod *bm = bmethod_lookup(rt->kind, callee->name);
      if (bm) return call_bmethod(c, e, bm, callee->lhs, rt);
      return set_type(e, error_at(c, callee, "%s has no method '%s'", tn(c, rt), callee->name));
    }
    if (rt->kind != TY_MODULE && rt->kind != TY_CLASS)
      return set_type(e, error_at(c, callee, "a value of type %s has no method '%s'", tn(c, rt), callee->name));
  }
  Type *ft = check_expr(c, callee, NULL);
  switch (ft->kind) {
  case TY_FUNC: return call_func(c, e, ft->fn);
  case TY_CLASSREF: return call_ctor(c, e, ft->cls);
  case TY_BUILTIN: return check_builtin_call(c, e, ft->builtin);
  case TY_CLASS: return call_instance(c, e, ft);
  case TY_ERROR: goto args_only;
  default: return set_type(e, error_at(c, callee, "a value of type %s is not callable", tn(c, ft)));
  }
args_only:
  for (Node *a = e->args; a; a = a->next) check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a, NULL);
  return set_type(e, T(TY_ERROR));
}

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

static Node *keyword(Node *call, const char *name) {
  for (Node *a = call->args; a; a = a->next)
    if (a->kind == ND_KEYWORD && strcmp(a->name, name) == 0) return a->rhs;
  return NULL;
}

static Type *bi_print(Ctx *c, Node *e, CallInfo *ci) {
  no_keywords(c, e, "sep", "end");
  for (Node *a = e->args; a; a = a->next) {
    Node *v = a->kind == ND_KEYWORD ? a->rhs : a;
    Type *t = check_expr(c, v, NULL);
    if (a->kind == ND_KEYWORD) {
      if (t->kind != TY_STR && !is_err(t)) error_at(c, v, "argument '%s' of print expects str, got %s", a->name, tn(c, t));
    } else if (!printable(t)) {
      error_at(c, v, "cannot print a value of type %s", tn(c, t));
    }
  }
  ci->sep = keyword(e, "sep");
  ci->end = keyword(e, "end");
  return T(TY_NONE);
}

static Type *bi_minmax(Ctx *c, Node *e, int n, Node **a) {
  if (n == 0) return error_at(c, e, "%s expected at least 1 argument, got 0", builtin_name(((CallInfo *)e->info)->builtin));
  if (n == 1) {
    Type *t = check_expr(c, a[0], NULL);
    Type *el = iter_elem(c, t);
    if (t->kind != TY_LIST || !el) return is_err(t) ? t : error_at(c, a[0], "%s() of one argument needs a list, not %s", builtin_name(((CallInfo *)e->info)->builtin), tn(c, t));
    return el;
  }
  Type *r = NULL;
  for (Node *x = e->args; x; x = x->next) {
    if (x->kind == ND_KEYWORD) continue;
    Type *t = check_expr(c, x, NULL);
    Type *u = r ? unify(r, t) : t;
    if (!u || !(type_is_numeric(u) || u->kind == TY_STR || is_err(u)))
      return error_at(c, x, "%s() arguments must be numbers or strs of one type", builtin_name(((CallInfo *)e->info)->builtin));
    r = u;
  }
  return r;
}

/* len(x), int(x), float(x) of a class: x.__len__(), x.__int__(), x.__float__(). */
static Type *dunder_call(Ctx *c, Node *e, Type *t, const char *name, Node *recv) {
  Func *f = class_method(t->cls, name);
  CallInfo *ci = new_call(c, e, CALL_METHOD, f->nparams);
  ci->fn = f;
  ci->recv = recv;
  return set_type(e, f->ret);
}

static Type *check_builtin_call(Ctx *c, Node *e, int bi) {
  CallInfo *ci = new_call(c, e, CALL_BUILTIN, 0);
  ci->builtin = bi;
  Node *a[4] = {0};
  int n = positional(e, a, 4);
  if (bi == BI_PRINT) return set_type(e, bi_print(c, e, ci));
  if (bi == BI_SORTED) no_keywords(c, e, "reverse", NULL);
  else if (bi == BI_ENUMERATE) no_keywords(c, e, "start", NULL);
  else no_keywords(c, e, NULL, NULL);
  Type *bad = NULL;
  Type *t0 = NULL, *t1 = NULL;
  switch (bi) {
  case BI_LEN:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (t0->kind == TY_STR || t0->kind == TY_LIST || t0->kind == TY_DICT || t0->kind == TY_TUPLE || is_err(t0))
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
    t0 = check_expr(c, a[0], NULL);
    if (!printable(t0)) bad = error_at(c, a[0], "cannot convert a %s to str", tn(c, t0));
    else return set_type(e, T(TY_STR));
    break;
  case BI_INT:
  case BI_FLOAT:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (type_is_numeric(t0) || t0->kind == TY_STR || is_err(t0))
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
    if (t0->kind == TY_FLOAT || is_err(t0)) return set_type(e, t0);
    if (is_int_like(t0)) return set_type(e, T(TY_INT));
    bad = error_at(c, a[0], "bad operand type for abs(): %s", tn(c, t0));
    break;
  case BI_MIN:
  case BI_MAX:
    return set_type(e, bi_minmax(c, e, n, a));
  case BI_SUM:
    if ((bad = want_args(c, e, n, 1, 1))) break;
    t0 = check_expr(c, a[0], NULL);
    if (is_err(t0)) return set_type(e, t0);
    if (t0->kind == TY_RANGE || (t0->kind == TY_LIST && is_int_like(t0->elem))) return set_type(e, T(TY_INT));
    if (t0->kind == TY_LIST && t0->elem->kind == TY_FLOAT) return set_type(e, T(TY_FLOAT));
    bad = error_at(c, a[0], "sum() needs a list of int or float, not %s", tn(c, t0));
    break;
  case BI_ROUND:
    if ((bad = want_args(c, e, n, 1, 2))) break;
    t0 = check_expr(c, a[0], NULL);
    if (n == 2) {
      t1 = check_expr(c, a[1], NULL);
      if (!is_int_like(t1)) bad = error_at(c, a[1], "round() ndigits must be int, not %s", tn(c, t1));
    }
    if (!type_is_numeric(t0) && !is_err(t0)) bad = error_at(c, a[0], "round() needs a number, not %s", tn(c, t0));
    if (!bad) return set_type(e, n == 2 && t0->kind == TY_FLOAT ? T(TY_FLOAT) : T(TY_INT));
    break;
  case BI_SORTED:
  case BI_REVERSED:
  case BI_LIST:
    if ((bad = want_args(c, e, n, bi == BI_LIST ? 0 : 1, 1))) break;
    if (n == 0) return set_type(e, error_at(c, e, "list() needs an argument; write an annotated [] instead"));
    t0 = check_expr(c, a[0], NULL);
    if (is_err(t0)) return set_type(e, t0);
    if (t0->kind == TY_LIST || t0->kind == TY_STR || t0->kind == TY_DICT || (bi == BI_LIST && t0->kind == TY_RANGE)) {
      ci->reverse_kw = keyword(e, "reverse") != NULL;
      if (ci->reverse_kw) {
        Type *rt = check_expr(c, keyword(e, "reverse"), NULL);
        if (!is_int_like(rt)) error_at(c, keyword(e, "reverse"), "argument 'reverse' of sorted expects bool, got %s", tn(c, rt));
      }
      return set_type(e, type_list(c->p, iter_elem(c, t0)));
    }
    bad = error_at(c, a[0], "%s() needs a list, str or dict, not %s", builtin_name(bi), tn(c, t0));
    break;
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
    Type *t = type_new(c->p, TY_ZIP);
    t->items = arena_alloc(c->p->arena, n * sizeof *t->items);
    t->nitems = n;
    int i = 0;
    for (Node *x = e->args; x; x = x->next) {
      if (x->kind == ND_KEYWORD) continue;
      t->items[i] = check_expr(c, x, NULL);
      if (!iter_elem(c, t->items[i]) && !is_err(t->items[i]))
        bad = error_at(c, x, "zip() argument %d is not iterable: %s", i + 1, tn(c, t->items[i]));
      i++;
    }
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
  case BI_ISINSTANCE:
    if ((bad = want_args(c, e, n, 2, 2))) break;
    t0 = check_expr(c, a[0], NULL);
    t1 = check_expr(c, a[1], NULL);
    if (t0->kind != TY_CLASS || t1->kind != TY_CLASSREF) {
      bad = error_at(c, e, "isinstance() takes an object and a class");
      break;
    }
    ci->cls = t1->cls;  /* emit.c: true, false, or a run-time test of a module's class */
    return set_type(e, T(TY_BOOL));
  default:
    bad = error_at(c, e, "%s() is not supported", builtin_name(bi));
  }
  for (int i = 0; i < n && i < 4; i++)
    if (!a[i]->ty) check_expr(c, a[i], NULL);
  (void)bad;
  return set_type(e, T(TY_ERROR));
}

/* ---- expressions ---------------------------------------------------------- */

static Type *check_expr(Ctx *c, Node *e, Type *expect) {
  switch (e->kind) {
  case EX_INT: return set_type(e, T(TY_INT));
  case EX_FLOAT: return set_type(e, T(TY_FLOAT));
  case EX_STR: return set_type(e, T(TY_STR));
  case EX_FSTRING: return check_fstring(c, e);
  case EX_TRUE: case EX_FALSE: return set_type(e, T(TY_BOOL));
  case EX_NONE: return set_type(e, T(TY_NONE));
  case EX_NAME: return check_name(c, e);
  case EX_ATTR: return check_attr(c, e);
  case EX_CALL: return check_call(c, e);
  case EX_INDEX: return check_index(c, e, false);
  case EX_BINOP: return check_binop(c, e);
  case EX_UNARY: return check_unary(c, e);
  case EX_BOOLOP: return check_boolop(c, e);
  case EX_COMPARE: return check_compare(c, e);
  case EX_IFEXP: return check_ifexp(c, e, expect);
  case EX_LIST: return check_list(c, e, expect);
  case EX_TUPLE: return check_tuple(c, e, expect);
  case EX_DICT: return check_dict(c, e, expect);
  case EX_LISTCOMP: case EX_DICTCOMP: return check_comp(c, e, expect);
  case EX_LAMBDA: return set_type(e, error_at(c, e, "lambda is not supported; define a function with def"));
  case EX_ELLIPSIS: return set_type(e, error_at(c, e, "'...' is not a value here"));
  case EX_SLICE: return set_type(e, error_at(c, e, "a slice is only allowed inside [ ]"));
  case EX_STARRED: return set_type(e, error_at(c, e, "'*' is not supported here"));
  default: return set_type(e, error_at(c, e, "unexpected %s in an expression", ast_kind_name(e->kind)));
  }
}

/* ---- statements ------------------------------------------------------------ */

static Type *expr_for_target(Ctx *c, Node *target, Node *value) {
  /* An already-typed target guides the value: xs = [] after xs: list[int]. */
  Type *expect = NULL;
  if (target->kind == EX_NAME) {
    Sym *y = find_name(c, target->name);
    if (y) expect = y->ty;
  } else if (target->kind == EX_ATTR) {
    expect = check_attr(c, target);
  } else if (target->kind == EX_INDEX) {
    Type *ot = check_expr(c, target->lhs, NULL);
    if (ot->kind != TY_CLASS) expect = check_index(c, target, true);
  }
  return check_expr(c, value, expect);
}

static void check_assign(Ctx *c, Node *st) {
  Type *t = expr_for_target(c, st->lhs, st->rhs);
  bind_target(c, st->lhs, t);
  for (Node *x = st->lhs->next; x; x = x->next) bind_target(c, x, t);
}

/* self.x: T = v in __init__ declares a field; x: T = v declares a variable. */
static void check_annassign(Ctx *c, Node *st) {
  Type *want = resolve_annotation(c->p, c->m, st->ann);
  Node *t = st->lhs;
  if (t->kind == EX_ATTR && t->lhs->kind == EX_NAME && c->fn && c->fn->cls &&
      in_init_of(c, c->fn->cls) && strcmp(t->lhs->name, c->fn->params[0].name) == 0 &&
      !find_field(c->fn->cls, t->name))
    add_field(c, c->fn->cls, t, want);
  else if (t->kind == EX_NAME) {
    Sym *y = find_name(c, t->name);
    if (y && !y->ty && (y->kind == SYM_LOCAL || y->kind == SYM_GLOBAL)) y->ty = want;
    else if (y && y->ty && y->ty != want)
      error_at(c, t, "variable '%s' changes type from %s to %s", t->name, tn(c, y->ty), tn(c, want));
  }
  if (!st->rhs) {
    if (t->kind == EX_NAME) error_at(c, st, "'%s' needs a value: '%s: T = value'", t->name, t->name);
    return;
  }
  Type *v = check_expr(c, st->rhs, want);
  if (!assignable(want, v)) error_at(c, st->rhs, "cannot assign %s to '%s' of type %s", tn(c, v), t->kind == EX_NAME ? t->name : t->kind == EX_ATTR ? t->name : "item", tn(c, want));
  bind_target(c, t, want);
}

/* In __init__, `self.x = v` with a new name declares a field of v's type. */
static bool declares_field(Ctx *c, Node *t) {
  return t->kind == EX_ATTR && t->lhs->kind == EX_NAME && c->fn && c->fn->cls &&
         in_init_of(c, c->fn->cls) && strcmp(t->lhs->name, c->fn->params[0].name) == 0 &&
         !find_field(c->fn->cls, t->name);
}

static void check_field_decl(Ctx *c, Node *st) {
  Type *t = check_expr(c, st->rhs, NULL);
  if (t->kind == TY_NONE) {
    error_at(c, st->lhs, "field '%s' cannot be None; annotate it: 'self.%s: T = ...'", st->lhs->name, st->lhs->name);
    t = T(TY_ERROR);
  } else if (!truthy(t) && !is_err(t)) {
    error_at(c, st->rhs, "a %s cannot be stored in a field", tn(c, t));
    t = T(TY_ERROR);
  }
  add_field(c, c->fn->cls, st->lhs, t);
  check_expr(c, st->lhs, NULL);
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
  const char *plain = dunder(st->op, false);
  Func *inplace = NULL;
  if (is_class(tt) && plain) {
    const char *name = arena_printf(c->p->arena, "__i%s", plain + 2);
    Func *head = class_method(tt->cls, name);
    inplace = head ? pick_by_types(head, 1, &vt, 1, NULL) : NULL;
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

static void check_augassign(Ctx *c, Node *st) {
  Type *tt = check_expr(c, st->lhs, NULL);
  Type *vt = check_expr(c, st->rhs, NULL);
  if (st->lhs->kind == EX_NAME && st->lhs->sym && st->lhs->sym->kind != SYM_LOCAL &&
      st->lhs->sym->kind != SYM_PARAM && st->lhs->sym->kind != SYM_GLOBAL)
    error_at(c, st->lhs, "cannot assign to '%s'", st->lhs->name);
  if (st->lhs->kind != EX_NAME && st->lhs->kind != EX_ATTR && st->lhs->kind != EX_INDEX) {
    error_at(c, st->lhs, "illegal target for augmented assignment");
    return;
  }
  if (st->lhs->kind == EX_INDEX && st->lhs->lhs->ty && st->lhs->lhs->ty->kind == TY_STR) {
    error_at(c, st->lhs, "str is immutable: its items cannot be assigned");
    return;
  }
  Type *r;
  if (is_class(tt) || is_class(vt)) {
    r = class_augassign(c, st, tt, vt);
  } else {
    Node fake = *st;
    fake.kind = EX_BINOP;
    r = arith_result(c, &fake, tt, vt);
  }
  if (st->lhs->kind == EX_INDEX && is_class(st->lhs->lhs->ty))  /* x[i] += v: then x.__setitem__ */
    st->info = class_subscript(c, st->lhs, st->lhs->lhs->ty, "__setitem__", r);
  if (!assignable(tt, r)) {
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

static void check_for(Ctx *c, Node *st) {
  Type *el = plan_loop(c, st, st->rhs);
  bind_target(c, st->lhs, el);
  c->loops++;
  check_block(c, st->body);
  c->loops--;
  check_block(c, st->orelse);
}

static void check_return(Ctx *c, Node *st) {
  if (!c->fn || c->fn == c->m->init) {
    error_at(c, st, "'return' outside a function");
    return;
  }
  Type *want = c->fn->ret;
  if (!st->rhs) {
    if (want->kind != TY_NONE) error_at(c, st, "%s() must return %s; 'return' without a value", c->fn->qname, tn(c, want));
    return;
  }
  Type *t = check_expr(c, st->rhs, want);
  if (want->kind == TY_NONE && t->kind != TY_NONE && !is_err(t))
    error_at(c, st->rhs, "%s() returns a value but declares no return type; add '-> %s'", c->fn->qname, tn(c, t));
  else if (!assignable(want, t))
    error_at(c, st->rhs, "%s() must return %s, not %s", c->fn->qname, tn(c, want), tn(c, t));
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
    for (int i = 1; i < exit->nparams; i++)
      if (!exit->params[i].dflt) error_at(c, exit->decl, "__exit__ is called with self only: give '%s' a default", exit->params[i].name);
    WithInfo *w = arena_alloc(c->p->arena, sizeof *w);
    w->enter = enter;
    w->exit = exit;
    it->info = w;
    if (it->rhs) bind_target(c, it->rhs, enter->ret);
  }
  check_block(c, st->body);
}

static void check_stmt(Ctx *c, Node *st) {
  switch (st->kind) {
  case ST_EXPR: {
    Type *t = check_expr(c, st->lhs, NULL);
    if (!truthy(t) && !is_err(t))
      error_at(c, st->lhs, "a %s on its own does nothing; call it with ()", tn(c, t));
    break;
  }
  case ST_ASSIGN:
    if (!st->lhs->next && declares_field(c, st->lhs)) check_field_decl(c, st);
    else check_assign(c, st);
    break;
  case ST_ANNASSIGN: check_annassign(c, st); break;
  case ST_AUGASSIGN: check_augassign(c, st); break;
  case ST_IF:
    check_cond(c, st->cond);
    check_block(c, st->body);
    check_block(c, st->orelse);
    break;
  case ST_WHILE:
    check_cond(c, st->cond);
    c->loops++;
    check_block(c, st->body);
    c->loops--;
    check_block(c, st->orelse);
    break;
  case ST_FOR: check_for(c, st); break;
  case ST_BREAK:
  case ST_CONTINUE:
    if (!c->loops) error_at(c, st, "'%s' outside a loop", st->kind == ST_BREAK ? "break" : "continue");
    break;
  case ST_RETURN: check_return(c, st); break;
  case ST_PASS: break;
  case ST_ASSERT:
    check_cond(c, st->cond);
    if (st->rhs) {
      Type *t = check_expr(c, st->rhs, NULL);
      if (!printable(t)) error_at(c, st->rhs, "assert message cannot be a %s", tn(c, t));
    }
    break;
  case ST_GLOBAL: break;  /* handled when locals are collected */
  case ST_DEL:
    for (Node *t = st->targets ? st->targets : st->lhs; t; t = t->next) {
      if (t->kind != EX_INDEX) {
        error_at(c, t, "only 'del xs[i]' and 'del d[key]' are supported");
        continue;
      }
      Type *ot = check_expr(c, t->lhs, NULL);
      if (ot->kind == TY_LIST || ot->kind == TY_DICT) check_index(c, t, true);
      else if (!is_err(ot)) error_at(c, t, "cannot delete items of a %s", tn(c, ot));
    }
    break;
  case ST_IMPORT:
  case ST_FROMIMPORT:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "imports belong at the top level of a module");
    break;
  case ST_FUNCDEF:
  case ST_EXTERNDEF:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "nested functions are not supported");
    break;
  case ST_CLASSDEF:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "classes belong at the top level of a module");
    break;
  case ST_EXTERNVAR: break;
  case ST_EXTERNLINK:
    if (c->fn && c->fn != c->m->init) error_at(c, st, "'extern link' belongs at the top level of a module");
    break;
  case ST_WITH: check_with(c, st); break;
  case ND_BLOCK: check_block(c, st->body); break;
  default: error_at(c, st, "unsupported statement");
  }
}

static void check_block(Ctx *c, Node *body) {
  for (Node *st = body; st; st = st->next) check_stmt(c, st);
}

/* ---- functions ----------------------------------------------------------- */

static void collect_locals(Ctx *c, Func *f, Node *body);

static void collect_target(Ctx *c, Func *f, Node *t) {
  if (t->kind == EX_NAME) {
    for (Sym *g = f->globals_declared; g; g = g->next)
      if (strcmp(g->name, t->name) == 0) return;
    Sym *known = scope_find(&f->locals, t->name);
    if (known) {
      if (known->kind == SYM_PARAM) known->rebound = true;
      return;
    }
    Sym *y = scope_add(c->p->arena, &f->locals, SYM_LOCAL, t->name, t);
    y->cname = c_local(c->p, f, t->name, true);
  } else if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
    for (Node *x = t->elts; x; x = x->next) collect_target(c, f, x);
  }
}

/* Python's rule: a name assigned anywhere in a function is local to it
 * unless declared `global`. */
static void collect_locals(Ctx *c, Func *f, Node *body) {
  for (Node *st = body; st; st = st->next) {
    switch (st->kind) {
    case ST_GLOBAL:
      for (Node *n = st->names; n; n = n->next) {
        Sym *g = arena_alloc(c->p->arena, sizeof *g);
        g->name = n->name;
        g->next = f->globals_declared;
        f->globals_declared = g;
        if (!scope_find(&c->m->globals, n->name)) error_at(c, n, "global '%s' is not defined at the top level of the module", n->name);
      }
      break;
    case ST_ASSIGN:
      collect_target(c, f, st->lhs);
      for (Node *t = st->lhs->next; t; t = t->next) collect_target(c, f, t);
      break;
    case ST_ANNASSIGN:
    case ST_AUGASSIGN: collect_target(c, f, st->lhs); break;
    case ST_FOR: collect_target(c, f, st->lhs); /* fallthrough */
    case ST_WHILE:
    case ST_IF:
      collect_locals(c, f, st->body);
      collect_locals(c, f, st->orelse);
      break;
    case ND_BLOCK: collect_locals(c, f, st->body); break;
    case ST_WITH:
      for (Node *it = st->items; it; it = it->next)
        if (it->rhs) collect_target(c, f, it->rhs);
      collect_locals(c, f, st->body);
      break;
    default: break;
    }
  }
}

/* Does this loop body break out of its own loop? */
static bool breaks(Node *body) {
  for (Node *st = body; st; st = st->next) {
    if (st->kind == ST_BREAK) return true;
    if (st->kind == ST_IF && (breaks(st->body) || breaks(st->orelse))) return true;
  }
  return false;
}

/* A call of a function declared `-> NoReturn` (sys.exit, by any name). */
static bool never_returns(const Node *e) {
  const CallInfo *ci = e->kind == EX_CALL ? e->info : NULL;
  return ci && (ci->kind == CALL_FUNC || ci->kind == CALL_METHOD) && ci->fn && ci->fn->noreturn;
}

/* Does control never fall off the end of this statement list? */
static bool always_returns(Node *body) {
  for (Node *st = body; st; st = st->next) {
    if (st->kind == ST_RETURN) return true;
    /* for ... else: return -- the else runs unless the loop breaks */
    if ((st->kind == ST_FOR || st->kind == ST_WHILE) && st->orelse && !breaks(st->body) &&
        always_returns(st->orelse))
      return true;
    if (st->kind == ST_IF && st->orelse && always_returns(st->body) && always_returns(st->orelse)) return true;
    if (st->kind == ST_WHILE && st->cond->kind == EX_TRUE) return true;  /* left by return only */
    if (st->kind == ST_ASSERT && st->cond->kind == EX_FALSE) return true;
    if (st->kind == ST_WITH && always_returns(st->body)) return true;
    if (st->kind == ST_EXPR && never_returns(st->lhs)) return true;
  }
  return false;
}

static void check_defaults(Ctx *c, Func *f) {
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (!q->dflt) continue;
    Type *t = check_expr(c, q->dflt, q->ty);
    if (unannotated(q) && proposable(t)) q->offer = proposable(t);   /* def f(x=3): before what calls pass */
    if (!arg_fits(q, t))
      error_at(c, q->dflt, "default of '%s' has type %s, expected %s", q->name, tn(c, t), tn(c, q->ty));
  }
}

static void check_func(Ctx *c, Func *f) {
  if (f->checked) return;   /* an __init__ checked on demand (need_fields) */
  f->checked = true;
  if (f->is_extern) {
    Ctx outer = *c;
    outer.fn = c->m->init;
    outer.scope = NULL;
    check_defaults(&outer, f);
    return;
  }
  Ctx outer = *c;
  outer.fn = c->m->init;
  outer.scope = NULL;
  check_defaults(&outer, f);
  Ctx fc = *c;
  fc.fn = f;
  fc.scope = &f->locals;
  fc.loops = 0;
  for (int i = 0; i < f->nparams; i++) {
    Sym *y = scope_add(c->p->arena, &f->locals, SYM_PARAM, f->params[i].name, f->params[i].decl);
    y->cname = f->params[i].cname;
    y->ty = f->params[i].ty;
    f->params[i].sym = y;
  }
  collect_locals(&fc, f, f->decl->body);
  check_block(&fc, f->decl->body);
  if (f->ret->kind != TY_NONE && !is_err(f->ret) && !always_returns(f->decl->body))
    error_at(c, f->decl, "missing return at the end of %s(), which must return %s", f->qname, tn(c, f->ret));
}

static Func *module_init_func(Ctx *c, Module *m) {
  Func *f = arena_alloc(c->p->arena, sizeof *f);
  f->name = m->is_main ? "<main>" : m->name;
  f->qname = m->is_main ? "<main>" : arena_printf(c->p->arena, "<module %s>", m->name);
  f->cname = m->is_main ? "main" : arena_printf(c->p->arena, "%s_init", m->prefix);  /* helpers__init */
  f->mod = m;
  f->ret = T(TY_NONE);
  m->init = f;
  return f;
}

/* Module top-level statements, minus definitions. */
static void check_toplevel(Ctx *c, Module *m) {
  c->m = m;
  c->fn = m->init;
  c->scope = NULL;
  c->loops = 0;
  check_block(c, m->ast->body);
}

/* A value made of literals and constants only (`WIDTH * 2`, `(0.5,)`):
 * checking it twice is harmless, and it needs nothing assigned at run time
 * before it except the constants it names. */
static bool is_constant(Ctx *c, Node *e) {
  switch (e->kind) {
  case EX_INT: case EX_FLOAT: case EX_STR: case EX_TRUE: case EX_FALSE:
    return true;
  case EX_UNARY:
    return is_constant(c, e->lhs);
  case EX_BINOP:
    return is_constant(c, e->lhs) && is_constant(c, e->rhs);
  case EX_TUPLE:
    for (Node *x = e->elts; x; x = x->next)
      if (!is_constant(c, x)) return false;
    return true;
  case EX_NAME: {
    Sym *y = scope_find(&c->m->globals, e->name);
    return y && y->kind == SYM_GLOBAL && y->ty;
  }
  default:
    return false;
  }
}

/* Module constants (`NOISE = 100`) typed before the __init__ bodies that
 * read them, which are checked before the top-level statements. */
static void type_constants(Ctx *c, Module *m) {
  c->m = m;
  c->fn = m->init;
  c->scope = NULL;
  for (Node *st = m->ast->body; st; st = st->next) {
    if (st->kind != ST_ASSIGN || st->lhs->kind != EX_NAME || st->lhs->next || !is_constant(c, st->rhs))
      continue;
    Sym *y = scope_find(&m->globals, st->lhs->name);
    if (y && y->kind == SYM_GLOBAL && !y->ty) y->ty = check_expr(c, st->rhs, NULL);
  }
}

/* ---- special methods ------------------------------------------------------ */

/* Does f take self and parameters of these kinds, and return `ret`? */
static bool method_fits(const Func *f, int nparams, TypeKind param, TypeKind ret) {
  return f && f->nparams == nparams && (nparams < 2 || f->params[1].ty->kind == param) && f->ret->kind == ret;
}

/* A special method that the generated code calls where the source has no
 * call (`if x:`, f"{x}") if it has the signature Python gives it; one that
 * does not is an error where it would be called (truth_tested, check_fstring),
 * as CPython's TypeError is. */
static Func *special(ClassInfo *k, const char *name, int nparams, TypeKind param, TypeKind ret) {
  Func *f = class_method(k, name);
  return method_fits(f, nparams, param, ret) ? f : NULL;
}

/* __eq__ / __lt__ against its own class: the runtime's slot for ==, `in`
 * and sorting of lists of instances (other overloads stay operators). */
static Func *comparison_slot(ClassInfo *k, const char *name) {
  Func *f = class_method(k, name);
  return f && f->nparams == 2 && f->params[1].ty == k->ty && f->ret->kind == TY_BOOL ? f : NULL;
}

/* forward(self, x: Tensor) -> Tensor of a model: what the runtime's module
 * calls (nn.Sequential of user modules, net.apply). */
static Func *forward_slot(ClassInfo *k) {
  Func *f = k->is_module ? class_method(k, "forward") : NULL;
  bool tensor = f && f->nparams == 2 && f->params[1].ty->kind == TY_CLASS &&
                f->params[1].ty->cls->protocol == PROTO_TENSOR;
  return tensor && !f->is_extern && f->ret == f->params[1].ty ? f : NULL;
}

/* Records on the class each special method that emit calls implicitly. */
static void class_slots(Ctx *c, ClassInfo *k) {
  if (k->str && !method_fits(k->str, 1, TY_NONE, TY_STR))
    diag_at(c->p->diag, k->str->decl, "__str__ must take only self and return str");
  if (k->repr && !method_fits(k->repr, 1, TY_NONE, TY_STR))
    diag_at(c->p->diag, k->repr->decl, "__repr__ must take only self and return str");
  if (k->init && k->init->ret->kind != TY_NONE) diag_at(c->p->diag, k->init->decl, "__init__ must not return a value");
  if (class_method(k, "__bool__")) {
    k->truth = special(k, "__bool__", 1, TY_NONE, TY_BOOL);
  } else {
    k->truth = special(k, "__len__", 1, TY_NONE, TY_INT);
    k->truth_by_len = k->truth != NULL;
  }
  k->format = special(k, "__format__", 2, TY_STR, TY_STR);
  k->eq = comparison_slot(k, "__eq__");
  k->lt = comparison_slot(k, "__lt__");
  k->forward = forward_slot(k);
}

bool check_program(Program *p) {
  Ctx c = {.p = p};
  for (Module *m = p->modules; m; m = m->next) module_init_func(&c, m);
  for (Module *m = p->modules; m; m = m->next) type_constants(&c, m);
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) class_slots(&c, k);
  /* Top-level code first (it types the globals), each class's __init__
   * where it is needed (need_fields); then the other __init__ bodies, which
   * define the fields that functions use. */
  for (Module *m = p->modules; m; m = m->next) check_toplevel(&c, m);
  for (Module *m = p->modules; m; m = m->next) {
    c.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next)
      if (k->init) check_func(&c, k->init);
  }
  for (Module *m = p->modules; m; m = m->next) {
    c.m = m;
    for (Func *f = m->funcs; f; f = f->next) check_func(&c, f);
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next)
        if (f != k->init) check_func(&c, f);
  }
  report_unannotated_params(&c);
  return p->diag->errors == 0;
}

/* check.c - gives every expression a static type and resolves every name
 * and call: the entry point, check_program, and what holds for the whole
 * checker (which types fit where, errors), functions and modules, and the
 * special methods of each class.
 *
 * Order: each module's top-level code (it defines the globals), a class's
 * __init__ (it defines the fields) where the fields are first needed, then
 * the remaining __init__ bodies, then all other bodies.
 * Errors are collected through diag (up to its cap); an expression whose
 * type could not be found gets TY_ERROR, which is accepted everywhere so that
 * one mistake is reported once.
 *
 * The checker's files, each with one job: check_expr.c (expressions),
 * check_call.c (calls: overloads and arguments bound in parameter order),
 * check_builtin.c (print, len, range and the other builtins),
 * check_iter.c (the plan of every loop), check_stmt.c (statements and
 * assignment targets), check_params.c (proposing types for parameters
 * written without one). check.h is their shared header.
 */
#include "check.h"
#include "parse.h"

/* ---- which types fit where ------------------------------------------------ */

/* A function passed for a Callable[[...], R] parameter: the same signature. */
static bool same_signature(const Func *want, const Func *f) {
  if (want->nparams != f->nparams || want->ret != f->ret || f->is_extern || f->cls) return false;
  for (int i = 0; i < f->nparams; i++)
    if (want->params[i].ty != f->params[i].ty) return false;
  return true;
}

/* A value an extern's Any parameter takes: one with a run-time descriptor. */
bool takes_any(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_STR: case TY_NONE: case TY_NUMBER: case TY_LIST: case TY_TUPLE:
  case TY_DICT: case TY_SET: case TY_CLASS: case TY_VARTUPLE:
    return type_known(t);
  default: return false;
  }
}

/* Can a value of type `from` be stored where `to` is expected? int widens to float. */
/* Are a and b one type once their settled pending lists are what they
 * settled to (`{"acc": []}` after an append is a dict[str, list[float]])? */
static bool same_settled(const Type *a, const Type *b) {
  a = type_settled((Type *)a);
  b = type_settled((Type *)b);
  if (a == b) return true;
  if (a->kind != b->kind || a->pending || b->pending || a->named || b->named) return false;
  switch (a->kind) {
  case TY_LIST: case TY_SET: case TY_VARTUPLE: case TY_OPTIONAL: return same_settled(a->elem, b->elem);
  case TY_DICT: return same_settled(a->key, b->key) && same_settled(a->elem, b->elem);
  case TY_TUPLE:
    if (a->nitems != b->nitems) return false;
    for (int i = 0; i < a->nitems; i++)
      if (!same_settled(a->items[i], b->items[i])) return false;
    return true;
  default: return false;
  }
}

/* Does union `to` take a value of type from: one of its members, or a
 * union of some of them; an empty `[]` the one list member settles. */
static bool union_takes(const Type *to, const Type *from) {
  if (from->pending) {
    int n = 0, at = 0;
    for (int i = 0; i < to->nitems; i++)
      if (to->items[i]->kind == from->kind) n++, at = i;
    return n == 1 && settle((Type *)from, to->items[at]);
  }
  return from->kind != TY_NUMBER && union_covers(to, from);
}

bool assignable(const Type *to, const Type *from) {
  to = type_settled((Type *)to);
  from = type_settled((Type *)from);
  if (to == from || has_error(to) || has_error(from) || same_settled(to, from)) return true;
  /* `xs = []` then xs passed, stored or returned where a list[int] goes */
  if (settle((Type *)from, (Type *)to) || settle((Type *)to, (Type *)from)) return true;
  if (to->kind == TY_OPTIONAL)  /* None, a T, or an Optional of what T takes */
    return from->kind == TY_NONE || assignable(to->elem, from->kind == TY_OPTIONAL ? from->elem : from);
  if (to->kind == TY_FUNC && from->kind == TY_FUNC) return same_signature(to->fn, from->fn);
  if (to->kind == TY_CLASS && from->kind == TY_CLASS)  /* a dtype kind asked for must be known the same */
    return class_derives(from->cls, to->cls) && (!to->dtype || to->dtype == from->dtype);
  if (to->kind == TY_CLASS && from->kind == TY_UNION && !to->dtype)  /* a `Wide | Deep` model as an nn.Module */
    return union_base(from) && class_derives(union_base(from), to->cls);
  if (to->kind == TY_NUMBER) return type_is_numeric(from);  /* d["epoch"] = 4 */
  if (to->kind == TY_TUPLE && !to->named && from->named) return same_items(to, from);  /* a Point is a tuple */
  if (to->kind == TY_UNION) return union_takes(to, from);
  /* an extern's Any takes a union's value too: its descriptor (gt_t_dyn) has the member's inside */
  if (to->kind == TY_ANY) return takes_any(from) || (from->kind == TY_UNION && type_known(from));
  /* an item of a list of values of several types (check_expr.c `mixed_elements`): emit boxes it */
  if (type_is_dynamic(to)) return takes_any(from) && from->kind != TY_NONE;
  if (to->kind == TY_CALLABLE && to->any_args)  /* an extern's Callable[..., R]: its protocol checked the rest */
    return from->kind == TY_CALLABLE && from->elem == to->elem;
  if (to->kind == TY_VARTUPLE && from->kind == TY_TUPLE) {  /* (1, 2) is a tuple[int, ...]: the same gt_tuple */
    for (int i = 0; i < from->nitems; i++)
      if (from->items[i] != to->elem) return false;
    return true;
  }
  return to->kind == TY_FLOAT && (from->kind == TY_INT || from->kind == TY_BOOL || from->kind == TY_NUMBER);
}

/* An `ints` parameter takes an int, a tuple of up to GT_INTS_MAX (8) ints
 * or a list[int] (its length checked at run time); a `floats` one an int,
 * a float or a tuple of them. */
static bool fits_numbers(const Type *want, const Type *t) {
  if (want->kind != TY_INTS && want->kind != TY_FLOATS) return false;
  bool floats = want->kind == TY_FLOATS;
  if (t->kind == TY_LIST) return !floats && t->elem->kind == TY_INT;
  if (t->kind != TY_TUPLE) return t->kind == TY_INT || (floats && t->kind == TY_FLOAT);
  if (t->nitems > 8) return false;
  for (int i = 0; i < t->nitems; i++)
    if (t->items[i]->kind != TY_INT && !(floats && t->items[i]->kind == TY_FLOAT)) return false;
  return true;
}

/* An argument for parameter q: also None where a class, str, list, int or
 * float parameter defaults to None (C receives NULL, GT_NONE_INT or GT_NONE_FLOAT). */
/* Tuple types of the same items, one of them, or both, named tuples. */
bool same_items(const Type *a, const Type *b) {
  return a->kind == TY_TUPLE && b->kind == TY_TUPLE && a->nitems == b->nitems &&
         (!a->nitems || memcmp(a->items, b->items, a->nitems * sizeof *a->items) == 0);
}

/* Does a library function that only reads its argument take t where it
 * declares `want`: containers alike whose class items derive from the
 * declared ones (nn.ModuleList(layers) of a list[Linear], Sequential of an
 * OrderedDict[str, ReLU]). The items are the same pointers either way;
 * a .gtp function could store a Module into the caller's list[Linear],
 * so its parameters stay exact. */
bool reads_covariantly(const Type *want, const Type *t) {
  want = type_settled((Type *)want);
  t = type_settled((Type *)t);
  if (want->kind == TY_OPTIONAL) want = want->elem;
  if (want->kind == TY_CLASS && t->kind == TY_CLASS && !want->cls->generic_of) return assignable(want, t);
  if (want->kind != t->kind) return false;
  switch (want->kind) {
  case TY_LIST: case TY_VARTUPLE: case TY_GENERATOR: return reads_covariantly(want->elem, t->elem);
  case TY_DICT: return assignable(want->key, t->key) && reads_covariantly(want->elem, t->elem);
  case TY_TUPLE:
    if (want->nitems != t->nitems) return false;
    for (int i = 0; i < t->nitems; i++)
      if (!reads_covariantly(want->items[i], t->items[i])) return false;
    return true;
  case TY_CLASS:  /* instances of one generic class */
    if (want->cls->generic_of != t->cls->generic_of) return false;
    for (int i = 0; i < want->cls->generic_of->ntvars; i++)
      if (!reads_covariantly(want->cls->targs[i], t->cls->targs[i])) return false;
    return true;
  default: return assignable(want, t);
  }
}

/* Does f's parameter q take t as a subtype: where f is a library's, by
 * reads_covariantly; and for any function, an Iterator's items, which
 * are only read (Python's Iterator[T_co]): the iterator OrderedDict's
 * __init__ gets of [("fc", nn.Linear(...))] for an OrderedDict[str, Module]. */
bool fits_covariantly(const Func *f, const Param *q, const Type *t) {
  const Type *want = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  if (want->kind == TY_GENERATOR && t->kind == TY_GENERATOR) return reads_covariantly(want, t);
  return f && f->is_extern && reads_covariantly(want, t);
}

bool arg_fits(const Param *q, const Type *t) {
  if (assignable(q->ty, t) || fits_numbers(q->ty, t)) return true;
  bool optional = q->ty->kind == TY_CLASS || q->ty->kind == TY_INT || q->ty->kind == TY_FLOAT ||
                  q->ty->kind == TY_STR || q->ty->kind == TY_LIST || q->ty->kind == TY_INTS ||
                  q->ty->kind == TY_FLOATS || q->ty->kind == TY_TUPLE;
  /* None, or an Optional of its type (`open(path, newline=nl)`), where None is its default */
  bool none = t->kind == TY_NONE || (t->kind == TY_OPTIONAL && assignable(q->ty, t->elem));
  return none && optional && q->dflt && q->dflt->kind == EX_NONE;
}

/* The member of union value t that fits q, or NULL (an argument of a
 * union call's member call: `self.rnn(emb, hidden)` passes an LSTM's
 * hidden pair or a GRU's tensor, as Python passes whichever it holds). */
Type *member_arg(const Param *q, const Type *t) {
  if (t->kind != TY_UNION) return NULL;
  for (int i = 0; i < t->nitems; i++)
    if (arg_fits(q, t->items[i])) return t->items[i];
  return NULL;
}

bool truthy(const Type *t) {
  switch (t->kind) {
  case TY_FUNC: case TY_MODULE: case TY_CLASSREF: case TY_BUILTIN:
  case TY_RANGE: case TY_ENUMERATE: case TY_ZIP: case TY_MAP:
    return false;
  default:
    return true;
  }
}

/* A function prints as its address in Python: no program's output to
 * match. (A generator prints as CPython's, its class's repr: emit.c.) */
bool printable(const Type *t) { return truthy(t) && t->kind != TY_CALLABLE; }

Type *error_at(Ctx *c, Node *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *msg = arena_vprintf(c->p->arena, fmt, ap);
  va_end(ap);
  if (c->muted) {
    if (!c->muted->errors++) c->muted->first = msg;
    return T(TY_ERROR);
  }
  diag_at(c->p->diag, n, "%s", msg);
  return T(TY_ERROR);
}

Type *set_type(Node *e, Type *t) {
  e->ty = type_settled(t);  /* `history["acc"]` of a dict of `[]`s that an append settled: the list it is now */
  return e->ty;
}
/* A variable that is only ever None has no type to store: say so. */
static void only_none(Ctx *c, Scope *s) {
  for (Sym *y = s->syms; y; y = y->next)
    if ((y->kind == SYM_LOCAL || y->kind == SYM_GLOBAL) && y->ty && y->ty->kind == TY_NONE)
      error_at(c, y->decl, "'%s' is only ever None: declare the type it is for ('%s: Optional[T] = None')", y->name,
               y->name);
}

/* ---- functions ----------------------------------------------------------- */

static void collect_locals(Ctx *c, Func *f, Node *body);
static void check_super_init(Ctx *c, Func *f);
static void check_unused_defs(Ctx *c);

/* A local of f for each name t assigns (`value`: what is assigned to
 * it, where known: a None makes the variable Optional). */
static void collect_target(Ctx *c, Func *f, Node *t, Node *value) {
  if (t->kind == EX_NAME || t->kind == ST_FUNCDEF) {
    for (Sym *g = f->globals_declared; g; g = g->next)
      if (strcmp(g->name, t->name) == 0) {
        Sym *global = scope_find(&c->m->globals, t->name);
        if (global && value && value->kind == EX_NONE) global->none_assigned = true;
        return;
      }
    for (Sym *g = f->nonlocals_declared; g; g = g->next)
      if (strcmp(g->name, t->name) == 0) return;  /* the variable of the function around it */
    Sym *y = scope_find(&f->locals, t->name);
    if (y && y->kind == SYM_PARAM) y->rebound = true;
    if (!y) {
      y = scope_add(c->p->arena, &f->locals, SYM_LOCAL, t->name, t);
      y->cname = c_local(c->p, f, t->name, true);
    }
    if (value && value->kind == EX_NONE) y->none_assigned = true;
  } else if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
    for (Node *x = t->elts; x; x = x->next) collect_target(c, f, x, NULL);
  } else if (t->kind == EX_STARRED) {  /* first, *rest = xs */
    collect_target(c, f, t->lhs, NULL);
  }
}

typedef struct Collecting {
  Ctx *c;
  Func *f;
} Collecting;

static void collect_named(Node *target, Node *value, void *ctx) {
  Collecting *k = ctx;
  collect_target(k->c, k->f, target, value);
}

/* A name a `global` or `nonlocal` statement lists, onto *list. */
static void declare_name(Ctx *c, Sym **list, Node *n) {
  Sym *g = arena_alloc(c->p->arena, sizeof *g);
  g->name = n->name;
  g->next = *list;
  *list = g;
}

/* Python's rule: a name assigned anywhere in a function is local to it
 * unless declared `global`; so is one an assignment expression binds. */
static void collect_locals(Ctx *c, Func *f, Node *body) {
  Collecting k = {c, f};
  for (Node *st = body; st; st = st->next) {
    ast_named_targets(st, collect_named, &k);
    switch (st->kind) {
    case ST_GLOBAL:
      for (Node *n = st->names; n; n = n->next) {
        declare_name(c, &f->globals_declared, n);
        if (!scope_find(&c->m->globals, n->name)) error_at(c, n, "global '%s' is not defined at the top level of the module", n->name);
      }
      break;
    case ST_NONLOCAL:
      for (Node *n = st->names; n; n = n->next) {
        declare_name(c, &f->nonlocals_declared, n);
        if (!f->outer || f->outer == f->outer->mod->init)
          error_at(c, n, "nonlocal '%s' names a variable of the function around a nested function", n->name);
        else if (!scope_find(&f->outer->locals, n->name))
          error_at(c, n, "no binding for nonlocal '%s' found", n->name);
      }
      break;
    case ST_ASSIGN:
      for (Node *t = st->lhs; t; t = t->next) collect_target(c, f, t, st->rhs);
      break;
    case ST_ANNASSIGN:
    case ST_AUGASSIGN: collect_target(c, f, st->lhs, NULL); break;
    case ST_FUNCDEF:  /* a nested def binds its name */
      if (f != c->m->init) collect_target(c, f, st, NULL);
      break;
    case ST_FOR: collect_target(c, f, st->lhs, NULL); /* fallthrough */
    case ST_WHILE:
    case ST_IF:
      collect_locals(c, f, st->body);
      collect_locals(c, f, st->orelse);
      break;
    case ND_BLOCK: collect_locals(c, f, st->body); break;
    case ST_YIELD: f->generator = true; break;
    case ST_WITH:
      for (Node *it = st->items; it; it = it->next)
        if (it->rhs) collect_target(c, f, it->rhs, NULL);
      collect_locals(c, f, st->body);
      break;
    case ST_TRY:
      collect_locals(c, f, st->body);
      for (Node *h = st->handlers; h; h = h->next) {
        if (h->rhs) collect_target(c, f, h->rhs, NULL);
        collect_locals(c, f, h->body);
      }
      collect_locals(c, f, st->orelse);
      collect_locals(c, f, st->finalbody);
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
    if (st->kind == ST_TRY && (breaks(st->body) || breaks(st->orelse) || breaks(st->finalbody))) return true;
    for (Node *h = st->kind == ST_TRY ? st->handlers : NULL; h; h = h->next)
      if (breaks(h->body)) return true;
  }
  return false;
}

bool never_returns(const Node *e) {
  const CallInfo *ci = e->kind == EX_CALL ? e->info : NULL;
  if (ci && ci->kind == CALL_MISFIT) return true;
  return ci && (ci->kind == CALL_FUNC || ci->kind == CALL_METHOD) && ci->fn && ci->fn->noreturn;
}

static bool always_returns(Node *body);

/* A try whose body (or else block) and every handler return. */
static bool try_always_returns(Node *st) {
  if (!always_returns(st->body) && !always_returns(st->orelse)) return false;
  for (Node *h = st->handlers; h; h = h->next)
    if (!always_returns(h->body)) return false;
  return true;
}

/* Does control never fall off the end of this statement list? */
static bool always_returns(Node *body) {
  for (Node *st = body; st; st = st->next) {
    if (st->kind == ST_RETURN) return true;
    /* for ... else: return -- the else runs unless the loop breaks */
    if ((st->kind == ST_FOR || st->kind == ST_WHILE) && st->orelse && !breaks(st->body) &&
        always_returns(st->orelse))
      return true;
    if (st->kind == ST_IF && (st->flags & IF_ALWAYS) && always_returns(st->body)) return true;
    if (st->kind == ST_IF && (st->flags & IF_NEVER) && always_returns(st->orelse)) return true;
    if (st->kind == ST_IF && st->orelse && always_returns(st->body) && always_returns(st->orelse)) return true;
    if (st->kind == ST_WHILE && st->cond->kind == EX_TRUE) return true;  /* left by return only */
    if (st->kind == ST_ASSERT && st->cond->kind == EX_FALSE) return true;
    if (st->kind == ST_WITH && always_returns(st->body)) return true;
    if (st->kind == ST_RAISE) return true;
    if (st->kind == ST_TRY && (always_returns(st->finalbody) || try_always_returns(st))) return true;
    if (st->kind == ST_EXPR && never_returns(st->lhs)) return true;
  }
  return false;
}

/* A default that is the same value however often it is made: a number,
 * str, bool or None (negated too), or a tuple of them. */
static bool fixed_default(const Node *d) {
  switch (d->kind) {
  case EX_INT: case EX_FLOAT: case EX_STR: case EX_TRUE: case EX_FALSE: case EX_NONE: return true;
  case EX_UNARY: return (d->op == OP_NEG || d->op == OP_POS) && (d->lhs->kind == EX_INT || d->lhs->kind == EX_FLOAT);
  case EX_TUPLE:
    for (const Node *x = d->elts; x; x = x->next)
      if (!fixed_default(x)) return false;
    return true;
  default: return false;
  }
}

/* Python evaluates a default once, where the def runs, and every call that
 * omits the argument gets that one value (a list the calls append to, a
 * global's value at the def). A default of a top-level def or of a method
 * of a class that is not generic, other than a constant, is kept in a
 * global of its own (Param.kept) that emit sets where the def statement
 * is; a nested def's (and a generic's) is evaluated at each call. */
static void keep_default(Ctx *c, Func *f, Param *q, Type *t) {
  bool generic = f->ntvars || f->generic_of || (f->cls && (f->cls->generic_of || f->cls->ntvars));
  bool fresh = q->decl && (q->decl->flags & PARAM_FRESH_DEFAULT);  /* a dataclass's default_factory */
  if (f->is_extern || f->outer || generic || fresh || fixed_default(q->dflt) || is_err(t) || !type_known(q->ty) ||
      type_has_typevar(q->ty))
    return;
  char *name = arena_printf(c->p->arena, "%s_default_%s", f->qname, q->name);  /* Buffer.add: Buffer_add_default_sep */
  for (char *s = name; *s; s++)
    if (*s == '.') *s = '_';
  q->kept = c_global(c->p, f->mod, name);
}

/* Is parameter i of generic instance f one of a union (`k: int |
 * tuple[int, int] = 3`) whose default is of another member than f's? A
 * call leaving it out makes the default's instance: here it is unused. */
static bool other_members_default(Ctx *c, Func *f, int i) {
  const Type *u = f->generic_of ? f->generic_of->params[i].ty : NULL;
  if (!u || u->kind != TY_TYPEVAR || !u->nitems) return false;
  return !arg_fits(&f->params[i], check_expr(c, f->params[i].dflt, NULL));
}

static void check_defaults(Ctx *c, Func *f) {
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (!q->dflt || other_members_default(c, f, i)) continue;
    Type *t = check_expr(c, q->dflt, q->ty);
    if (unannotated(q) && proposable(t)) q->offer = proposable(t);   /* def f(x=3): before what calls pass */
    if (!arg_fits(q, t))
      error_at(c, q->dflt, "default of '%s' has type %s, expected %s", q->name, tn(c, t), tn(c, q->ty));
    else keep_default(c, f, q, t);
  }
}

/* A function the checker made (a lambda, a nested def, a bound method's
 * thunk...): one of its module's, emitted with the others. */
void add_func(Ctx *c, Func *f) {
  Func **tail = &c->m->funcs;
  while (*tail) tail = &(*tail)->next;
  *tail = f;
}

/* Checks a function the checker made at the top level of its module. */
void check_top_func(Ctx *c, Func *f) {
  Ctx top = *c;
  top.fn = c->m->init;
  top.scope = NULL;
  top.flow = NULL;
  top.muted = NULL;
  check_func(&top, f);
}

static void check_method_decorators(Ctx *c, Func *f);

void check_func(Ctx *c, Func *f) {
  /* an __init__ checked on demand (need_fields); a generic's instances are, and a generic class's */
  if (f->checked || f->ntvars || (f->cls && class_template(f->cls))) return;
  f->checked = true;
  if (f->is_extern) {
    Ctx outer = *c;
    outer.fn = c->m->init;
    outer.scope = NULL;
    outer.muted = NULL;
    check_defaults(&outer, f);
    return;
  }
  /* checked on demand within a trial check, f's errors are its own, reported */
  Ctx outer = *c;
  outer.fn = c->m->init;
  outer.scope = NULL;
  outer.muted = NULL;
  check_defaults(&outer, f);
  if (f->decorated) check_method_decorators(&outer, f);
  Ctx fc = *c;
  fc.fn = f;
  fc.scope = &f->locals;
  fc.loops = 0;
  fc.withs = 0;
  fc.flow = NULL;
  fc.loop = NULL;
  fc.outer_loop = NULL;
  fc.inner_loop = NULL;
  fc.stmt = NULL;
  /* a def (a generator expression's too) inside a try or a handler is no part of it */
  fc.raising = NULL;
  fc.handlers = 0;
  fc.finally_loops = -1;
  fc.assigned = NULL;
  fc.assigned_to = NULL;
  fc.muted = NULL;
  fc.assigned_field = NULL;
  fc.outer_flow = f->outer ? c->flow : NULL;
  f->def_flow = fc.outer_flow;
  for (int i = 0; i < f->nparams; i++) {
    Sym *y = scope_add(c->p->arena, &f->locals, SYM_PARAM, f->params[i].name, f->params[i].decl);
    y->cname = f->params[i].cname;
    y->ty = f->params[i].ty;
    f->params[i].sym = y;
  }
  if (f->cls_param && f->decl->params) {  /* @classmethod: cls() makes an instance, cls.lr reads a class attribute */
    Sym *y = scope_add(c->p->arena, &f->locals, SYM_CLASS, f->decl->params->name, f->decl->params);
    y->cls = f->cls_param;
    y->cname = f->cls_param->cname;  /* as the class's own name: cls.count += 1 */
  }
  Scope *around = f->locals.up;  /* a nested function's own names first: its scope is linked later */
  f->locals.up = NULL;
  collect_locals(&fc, f, f->decl->body);
  f->locals.up = around;
  flow_begin(&fc, &f->locals);
  check_block(&fc, f->decl->body);
  check_unused_defs(&fc);
  flow_end(&fc, &f->locals);
  check_super_init(&fc, f);
  check_exit_varargs(&fc, f);
  only_none(c, &f->locals);
  for (Sym *y = f->locals.syms; y; y = y->next)
    if (y->captured && y->next_version)  /* a nested function reads one C variable */
      error_at(c, y->next_version->decl, "'%s' is read by a nested function, so it keeps one type: give this "
               "value another name", y->name);
  if (f->generator && f->ret->kind != TY_GENERATOR && (!is_err(f->ret) || !f->decl->ann))
    error_at(c, f->decl->ann ? f->decl->ann : f->decl, "%s() yields, so calling it makes a generator: declare it '-> Iterator[T]'",
             f->qname);
  else if (f->generator)
    ;  /* its end ends the generator */
  else if (f->ret->kind != TY_NONE && !is_err(f->ret) && !always_returns(f->decl->body))
    error_at(c, f->decl, "missing return at the end of %s(), which must return %s", f->qname, tn(c, f->ret));
}

/* `def name(params) -> R: body` inside a function: a function of its
 * own (outer the one around it, its scope linked to theirs, a closure
 * where it reads their variables), checked here, whose value the local
 * `name` takes (st->info: its Func). */
static Type *check_decorated(Ctx *c, Node *st, Func *f);

/* A function the checker makes (a nested def, a lambda, a generator
 * expression kept as a value, the thunk of a partial or a bound method),
 * in the module being checked, its C name made from cname_stem; `nested`:
 * inside the function being checked, whose names around it it reads. */
Func *made_func(Ctx *c, const char *name, const char *qname, const char *cname_stem, bool nested) {
  Func *f = arena_alloc(c->p->arena, sizeof *f);
  f->name = name;
  f->qname = qname;
  f->cname = c_internal(c->p, cname_stem);
  f->mod = c->m;
  if (nested) {
    f->outer = c->fn;
    f->locals.up = c->scope;
  }
  return f;
}

/* Is `name` a variable of c->fn that is unbound where c->flow is? */
static bool unbound_here(Ctx *c, const char *name) {
  Scope *up = c->fn->locals.up;
  c->fn->locals.up = NULL;
  Sym *y = scope_find(&c->fn->locals, name);
  c->fn->locals.up = up;
  if (!y || y->kind != SYM_LOCAL) return false;
  Sym *base = flow_base(y);
  return !base->ty || !flow_bound(c->flow, base);
}

/* Does a name in n (and the nodes after it, where `siblings`) read a
 * variable of c->fn unbound where c->flow is? (A name the nested def
 * binds itself counts too: a superset is safe, see check_nested_def.) */
static bool reads_unbound(Ctx *c, const Node *n, bool siblings) {
  for (; n; n = siblings ? n->next : NULL) {
    if (n->kind == EX_NAME && unbound_here(c, n->name)) return true;
    const Node *one[] = {n->lhs, n->rhs, n->cond, n->lo, n->hi, n->step, n->spec};
    const Node *lists[] = {n->args,   n->elts,   n->cmps,     n->comps,      n->conds,     n->parts, n->items,
                           n->targets, n->body, n->orelse, n->handlers, n->finalbody, n->params, n->decorators};
    for (size_t i = 0; i < sizeof one / sizeof *one; i++)
      if (reads_unbound(c, one[i], false)) return true;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
      if (reads_unbound(c, lists[i], true)) return true;
  }
  return false;
}

/* The first use of a deferred nested def's name (a call, or the function
 * as a value): its body is checked here, with what the names around it
 * hold where it runs. */
void check_deferred_def(Ctx *c, Func *f) {
  if (!f->deferred || f->checked) return;
  Ctx at = *c;
  at.callee = false;
  check_func(&at, f);
}

/* The deferred nested defs of c->fn that nothing used: checked where its
 * body ends, as they would run from there. */
static void check_unused_defs(Ctx *c) {
  for (Func *g = c->m->funcs; g; g = g->next)
    if (g->outer == c->fn) check_deferred_def(c, g);
}

void check_nested_def(Ctx *c, Node *st) {
  Program *p = c->p;
  /* `fit_` + `closure_`: the trailing `_` of a name of the source, never
     that of the names emit derives from fit's (`fit__closure`, `fit__env`) */
  Func *f = made_func(c, st->name, arena_printf(p->arena, "%s.<locals>.%s", c->fn->qname, st->name),
                      arena_printf(p->arena, "%s_%s_", c->fn->cname, st->name), true);
  f->decl = st;
  f->ret = body_annotation(c, st->ann);
  f->nparams = ast_count(st->params);
  f->params = arena_alloc(p->arena, (f->nparams ? f->nparams : 1) * sizeof *f->params);
  int i = 0;
  for (Node *pa = st->params; pa; pa = pa->next, i++) {
    f->params[i] = (Param){.name = pa->name, .cname = c_local(p, f, pa->name, false), .decl = pa};
    f->params[i].dflt = pa->rhs;
    if (pa->flags) error_at(c, pa, "a nested function's parameters take no '*' yet");
    if (pa->rhs && !fixed_default(pa->rhs))  /* made where the def runs, which a call does not see */
      error_at(c, pa->rhs, "a nested function's default is a constant here (a number, str, bool, None or a tuple "
               "of them): give the value in the call, or define the function at the top level");
    if (!pa->ann) {  /* reported with a proposed type (check_params.c) */
      f->params[i].ty = T(TY_ERROR);
    } else {
      f->params[i].ty = body_annotation(c, pa->ann);
    }
  }
  add_func(c, f);
  st->info = f;
  Type **params = arena_alloc(p->arena, (f->nparams ? f->nparams : 1) * sizeof *params);
  for (i = 0; i < f->nparams; i++) params[i] = f->params[i].ty;
  Node *target = ast_new(p->arena, EX_NAME, st->file, st->pos, st->len);
  target->name = st->name;
  st->lhs = target;  /* the local it binds, as an assignment's target: before its body, which may call it */
  bind_target(c, target, st->decorators ? check_decorated(c, st, f) : type_callable(p, params, f->nparams, f->ret));
  if (!st->decorators && target->sym) target->sym->nested_def = f;
  /* `def run_validate(loader): ... losses.update(...)` above `losses =
     AverageMeter(...)` (imagenet's validate): Python reads the name where
     the call runs, so the body is checked where the name is first used */
  f->deferred = !st->decorators && target->sym && reads_unbound(c, st->body, true);
  if (!f->deferred) check_func(c, f);
}

/* ---- decorators ------------------------------------------------------------ */

/* A decorator whose value is a context manager (`@torch.no_grad()`, a
 * class with __enter__ and __exit__) wraps the function's body in `with`
 * it, as Python's ContextDecorator does. */
static bool context_manager(const Type *t) {
  return is_class(t) && class_method(t->cls, "__enter__") && class_method(t->cls, "__exit__");
}

static Node *copy_of(Arena *a, const Node *n) {
  Node *d = ast_new(a, n->kind, n->file, n->pos, n->len);
  *d = *n;
  d->next = NULL;
  return d;
}

/* def's body becomes `with d: body`, d checked again where the body runs. */
static void body_in_with(Ctx *c, Node *def, const Node *d) {
  Arena *a = c->p->arena;
  Node *item = ast_new(a, ND_WITHITEM, d->file, d->pos, d->len);
  item->lhs = copy_of(a, d);
  Node *w = ast_new(a, ST_WITH, d->file, d->pos, d->len);
  w->items = item;
  w->body = def->body;
  def->body = w;
}

/* `@functools.wraps(f)`: a decorator whose value is the function it
 * decorates (Python's copies f's name and docstring, which a .gtp
 * function does not show): its arguments are checked, nothing is called. */
static bool keeps_function(Ctx *c, Node *d) {
  if (d->kind != EX_CALL) return false;
  c->callee = true;
  Type *t = check_expr(c, d->lhs, NULL);
  if (t->kind != TY_FUNC || !t->fn->keeps_function) return false;
  for (Node *a = d->args; a; a = a->next) check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a, NULL);
  return true;
}

/* `@d(key=v)` of a .gtp function d whose first parameter is an Optional
 * Callable, None by default (`def lru_cache(user_function:
 * Optional[Callable[[A], R]] = None, maxsize: ...)`), called with keywords
 * only: Python's d returns a decorator that calls d(f, key=v), which a
 * static type cannot hold; the call is that one. */
static bool takes_function_first(Ctx *c, Node *d) {
  if (d->kind != EX_CALL) return false;
  for (Node *a = d->args; a; a = a->next)
    if (a->kind != ND_KEYWORD) return false;
  Func *g = resolve_callee(c->p, c->m, d->lhs);
  const Param *q = g && !g->is_extern && g->nparams ? &g->params[0] : NULL;
  return q && q->dflt && q->dflt->kind == EX_NONE && q->ty->kind == TY_OPTIONAL && q->ty->elem->kind == TY_CALLABLE;
}

/* `@d1 @d2(3) def f(...)`: the value its name takes, d1(d2(3)(f)), the
 * decorators called bottom-up as in Python, f itself an EX_LAMBDA node of
 * its Func (st->rhs: the expression emit evaluates where the def runs);
 * the context managers below every other decorator wrap its body. */
static Type *check_decorated(Ctx *c, Node *st, Func *f) {
  Arena *a = c->p->arena;
  int n = ast_count(st->decorators);
  if (n > PARSE_MAX_DEPTH) return error_at(c, st->decorators, "more than %d decorators on one def", PARSE_MAX_DEPTH);
  Node **ds = arena_alloc(a, n * sizeof *ds);
  int i = 0;
  for (Node *d = st->decorators; d; d = d->next) ds[i++] = d;
  Type **params = arena_alloc(a, (f->nparams ? f->nparams : 1) * sizeof *params);
  for (i = 0; i < f->nparams; i++) params[i] = f->params[i].ty;
  Node *value = ast_new(a, EX_LAMBDA, st->file, st->pos, st->len);
  value->info = f;
  value->ty = type_callable(c->p, params, f->nparams, f->ret);
  for (i = n - 1; i >= 0; i--) {
    if (keeps_function(c, ds[i])) continue;
    if (takes_function_first(c, ds[i])) {  /* @lru_cache(maxsize=None): lru_cache(f, maxsize=None) */
      Node *call = copy_of(a, ds[i]);
      value->next = call->args;
      call->args = value;
      value = call;
      continue;
    }
    Node *d = copy_of(a, ds[i]);
    c->callee = true;  /* a function's name stays one: the call below checks it */
    Type *t = check_expr(c, d, NULL);
    if (is_err(t)) return t;
    if (context_manager(t) && value->kind == EX_LAMBDA) {
      body_in_with(c, st, ds[i]);
      continue;
    }
    if (context_manager(t))
      return error_at(c, ds[i], "a context manager as a decorator runs the function's body in 'with': put it "
                      "below the other decorators");
    Node *call = ast_new(a, EX_CALL, d->file, d->pos, d->len);
    call->lhs = d;
    call->args = value;
    value = call;
  }
  st->rhs = value;
  return check_expr(c, value, NULL);
}

/* Is f a method whose one decorator is @abstractmethod (an extern def
 * declared `-> Callable[abstractmethod]`)? Its class, and those that
 * do not override it, are not made (check_call.c call_ctor). */
bool method_is_abstract(Program *p, const Func *f) {
  Node *d = f->decorated && f->cls && f->decl ? f->decl->decorators : NULL;
  Func *g = d && !d->next ? resolve_callee(p, f->mod, d) : NULL;
  return g && g->marks_abstract;
}

/* An abstract method whose body (`...`, `pass`, a docstring) falls off
 * its end where it must return a value: a call of it (super().area())
 * raises NotImplementedError there, where Python's would give None,
 * which no value of the method's type is. */
static void abstract_body_end(Ctx *c, Func *f) {
  Node *def = f->decl;
  if (f->ret->kind == TY_NONE || always_returns(def->body)) return;
  Arena *a = c->p->arena;
  Node *msg = ast_new(a, EX_STR, def->file, def->pos, def->len);
  msg->str = arena_printf(a, "%s() is abstract", f->qname);
  msg->slen = strlen(msg->str);
  Node *cls = ast_new(a, EX_NAME, def->file, def->pos, def->len);
  cls->name = "NotImplementedError";
  Node *call = ast_new(a, EX_CALL, def->file, def->pos, def->len);
  call->lhs = cls;
  call->args = msg;
  Node *raise = ast_new(a, ST_RAISE, def->file, def->pos, def->len);
  raise->lhs = call;
  def->body = ast_append(def->body, raise);
}

/* A method's decorators other than @staticmethod, @classmethod and
 * @property: @abstractmethod, or context managers, checked where the class
 * is defined, whose `with` wraps its body. */
static void check_method_decorators(Ctx *c, Func *f) {
  Node *d = f->decl->decorators;
  c->callee = true;  /* @abstractmethod names a function: it stays one */
  Type *t = check_expr(c, copy_of(c->p->arena, d), NULL);
  if (is_err(t)) return;
  if (method_is_abstract(c->p, f)) {
    abstract_body_end(c, f);
    return;
  }
  if (context_manager(t) && !d->next) {
    body_in_with(c, f->decl, d);
    return;
  }
  error_at(c, d, "a method takes @staticmethod, @classmethod, @property, @%s.setter below a @property '%s', "
           "@abstractmethod, or one context manager (@torch.no_grad())", f->name, f->name);
}

/* A decorated def at the top level binds the global of its name
 * (resolve.c made it, and the def's Func in st->info). */
void check_toplevel_decorated(Ctx *c, Node *st) {
  Node *target = ast_new(c->p->arena, EX_NAME, st->file, st->pos, st->len);
  target->name = st->name;
  st->lhs = target;
  Func *f = st->info;
  bind_target(c, target, check_decorated(c, st, f));
  /* `@torch.no_grad()` alone (a context manager, @wraps): the value is the
     def itself, whose calls take keywords and its constant defaults */
  bool itself = st->rhs && st->rhs->kind == EX_LAMBDA && st->rhs->info == f && target->sym;
  for (int i = 0; itself && i < f->nparams; i++)
    itself = !f->params[i].varargs && !f->params[i].kwargs && (!f->params[i].dflt || fixed_default(f->params[i].dflt));
  if (itself) target->sym->nested_def = f;
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

/* A function that top-level code calls has run by the statements after
 * the call, as Python runs them, and so have the functions it calls. Its
 * body is checked when such a statement reads a global that only a
 * function's body types (`history = []` that log() appends to, then
 * `sum(history)` after the calls); check_program checks the rest after
 * the top-level code, as before. */
void note_early_call(Ctx *c, Func *f) {
  Program *p = c->p;
  if (!p->in_toplevel || f->checked || f->ran_queued || f->is_extern || f->ntvars) return;
  if (f->cls && class_template(f->cls)) return;
  f->ran_queued = true;
  Func **tail = &p->ran_early;  /* in the order called: the first use of a global types it */
  while (*tail) tail = &(*tail)->ran_next;
  *tail = f;
}

void run_early_calls(Ctx *c) {
  Program *p = c->p;
  while (p->ran_early) {
    Func *f = p->ran_early;
    p->ran_early = f->ran_next;
    Ctx sub = {.p = p, .m = f->mod, .fn = f->mod->init, .finally_loops = -1};  /* outside any try or loop */
    check_func(&sub, f);  /* its calls queue theirs, run by this loop */
  }
}

/* Module top-level statements, minus definitions. */
static void check_toplevel(Ctx *c, Module *m) {
  c->m = m;
  c->fn = m->init;
  c->scope = NULL;
  c->loops = 0;
  c->flow = NULL;
  c->loop = NULL;
  c->outer_loop = NULL;
  c->inner_loop = NULL;
  c->stmt = NULL;
  flow_begin(c, &m->globals);
  check_block(c, m->ast->body);
  flow_end(c, &m->globals);
}

/* A global that top-level code assigns None to is an Optional. */
static void note_global_store(Module *m, Node *t, Node *value) {
  Sym *y = t->kind == EX_NAME ? scope_find(&m->globals, t->name) : NULL;
  if (y && y->kind == SYM_GLOBAL && value && value->kind == EX_NONE) y->none_assigned = true;
}

static void note_global_stores(Module *m, Node *body) {
  for (Node *st = body; st; st = st->next) {
    if (st->kind == ST_ASSIGN)
      for (Node *t = st->lhs; t; t = t->next) note_global_store(m, t, st->rhs);
    if (st->kind != ST_FUNCDEF && st->kind != ST_CLASSDEF) {
      note_global_stores(m, st->body);
      note_global_stores(m, st->orelse);
    }
  }
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
  note_global_stores(m, m->ast->body);
  for (Node *st = m->ast->body; st; st = st->next) {  /* `flag: Optional[bool] = None`: the annotation decides */
    Sym *y = st->kind == ST_ANNASSIGN && st->lhs->kind == EX_NAME ? scope_find(&m->globals, st->lhs->name) : NULL;
    if (y && y->kind == SYM_GLOBAL && !y->ty) y->ty = st->ann->ty = body_annotation(c, st->ann);
  }
  for (Node *st = m->ast->body; st; st = st->next) {
    if (st->kind != ST_ASSIGN || st->lhs->kind != EX_NAME || st->lhs->next || !is_constant(c, st->rhs))
      continue;
    Sym *y = scope_find(&m->globals, st->lhs->name);
    if (y && flow_holds_tensors(c, y)) continue;  /* `correct = 0`, a tensor where it runs (check_stmt.c) */
    if (y && y->kind == SYM_GLOBAL && !y->ty) y->ty = flow_value_type(c, y, check_expr(c, st->rhs, NULL), st);
  }
}

/* ---- empty lists and dicts ------------------------------------------------ */

/* After checking, every type that held a pending empty list or dict holds
 * the type its first use gave it: nodes, variables, fields and loop plans
 * (reach and emit see no pending type). A display nothing settled, or an
 * expression typed before its list was, is an error. */
static void resolve_plan(Ctx *c, Iter *it) {
  it->elem = type_resolved(c->p, it->elem);
  for (int i = 0; i < it->nsubs; i++) resolve_plan(c, it->subs[i]);
}

static void resolve_syms(Ctx *c, Scope *s) {
  for (Sym *y = s->syms; y; y = y->next)
    if (y->ty) y->ty = type_resolved(c->p, y->ty);
}

static void resolve_node_types(Ctx *c, Node *n, bool *reported) {
  for (; n; n = n->next) {
    if (n->ty) {
      n->ty = type_resolved(c->p, n->ty);
      if (!type_known(n->ty) && !*reported && n->kind != EX_LIST && n->kind != EX_DICT) {
        error_at(c, n, "the element type of an empty list or dict is not known yet here (its first append or "
                       "store comes later): annotate it where it is made, e.g. 'xs: list[int] = []'");
        *reported = true;
      }
    }
    if ((n->kind == ST_FOR || n->kind == ND_COMP) && n->info) resolve_plan(c, n->info);
    if (n->flags & CMP_IN_PENDING) check_settled_in(c, n);
    Node *kids[] = {n->lhs, n->rhs, n->cond, n->body, n->orelse, n->args, n->elts, n->cmps, n->comps,
                    n->conds, n->parts, n->items, n->targets, n->lo, n->hi, n->step, n->spec};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++) resolve_node_types(c, kids[i], reported);
  }
}

static void settle_everywhere(Ctx *c) {
  Program *p = c->p;
  bool reported = false;
  for (int i = 0; i < p->npendings; i++) {
    Type *t = type_settled(p->pendings[i]);
    if (!t->pending) continue;
    static const char *const what[] = {[TY_LIST] = "list", [TY_DICT] = "dict", [TY_SET] = "set"};
    static const char *const eg[] = {[TY_LIST] = "'xs: list[int] = []'", [TY_DICT] = "'d: dict[str, int] = {}'",
                                     [TY_SET] = "'s: set[int] = set()'"};
    error_at(c, p->pending_at[i], "cannot infer the type of an empty %s: nothing adds to it; annotate it, e.g. %s",
             what[t->kind], eg[t->kind]);
    reported = true;  /* its uses would only repeat it */
  }
  if (!p->npendings) return;
  for (Module *m = p->modules; m; m = m->next) {
    resolve_node_types(c, m->ast->body, &reported);
    resolve_syms(c, &m->globals);
    for (Func *f = m->funcs; f; f = f->next) {
      resolve_syms(c, &f->locals);
      if (f->generic_of) resolve_node_types(c, f->decl, &reported);  /* a copy of the def, in no module's tree */
    }
    if (m->init) resolve_syms(c, &m->init->locals);
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (k->generic_of && !class_template(k)) resolve_node_types(c, k->decl, &reported);  /* a copy, in no tree */
      for (int i = 0; i < k->nfields; i++) k->fields[i].ty = type_resolved(p, k->fields[i].ty);
      for (Func *f = k->methods; f; f = f->next) resolve_syms(c, &f->locals);
    }
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
  return f && f->nparams == 2 && class_derives(k, f->params[1].ty->kind == TY_CLASS ? f->params[1].ty->cls : NULL) &&
                 f->ret->kind == TY_BOOL ? f : NULL;
}

/* forward(self, x: Tensor) -> Tensor of a model: what the runtime's module
 * calls (nn.Sequential of user modules, net.apply). */
static Func *forward_slot(ClassInfo *k) {
  Func *f = k->is_module ? class_method(k, "forward") : NULL;
  bool tensor = f && f->nparams == 2 && is_tensor_type(f->params[1].ty);
  return tensor && !f->is_extern && f->ret == f->params[1].ty ? f : NULL;
}

/* forward(self, a: Tensor, b: Tensor, ...) -> Tensor of a model, each
 * parameter required: what model(a, b) calls where model is typed
 * nn.Module (nn.Module's __call__ of several tensors). */
static Func *forward_n_slot(ClassInfo *k) {
  Func *f = k->is_module ? class_method(k, "forward") : NULL;
  if (!f || f->is_extern || f->nparams < 3 || !is_tensor_type(f->ret)) return NULL;
  for (int i = 1; i < f->nparams; i++)
    if (!is_tensor_type(f->params[i].ty) || f->params[i].dflt || f->params[i].varargs || f->params[i].kwargs)
      return NULL;
  return f;
}

/* Is f the @name.setter of a property of k? */
static bool is_setter(const ClassInfo *k, const Func *f) {
  for (const Func *g = k->methods; g; g = g->next)
    if (g->setter == f) return true;
  return false;
}

/* A .gtp @property takes only self and returns a value; its setter takes
 * self and a value of that type, and returns nothing. */
static void check_properties(Ctx *c, ClassInfo *k) {
  for (Func *f = k->methods; f; f = f->next) {
    if (!f->is_property || f->is_extern) continue;
    if (f->nparams != 1 || f->ret->kind == TY_NONE)
      diag_at(c->p->diag, f->decl, "a @property takes only self and returns a value: 'def %s(self) -> T:'", f->name);
    Func *s = f->setter;
    if (s && (s->nparams != 2 || s->params[1].ty != f->ret || s->ret->kind != TY_NONE))
      diag_at(c->p->diag, s->decl, "the setter of '%s' takes self and %s, and returns nothing: "
              "'def %s(self, value: %s) -> None:'", f->name, a_type(c, f->ret), f->name, tn(c, f->ret));
  }
}

static bool is_collated(const Type *t) {
  return is_tensor_type(t) || t->kind == TY_INT || t->kind == TY_FLOAT || t->kind == TY_BOOL;
}

/* An item a DataLoader collates: a tuple of Tensors, ints, floats and
 * bools (or a tuple[T, ...] of one of them), whose fields PyTorch's
 * default_collate stacks one by one, or a dict of str keys to one of
 * them, whose values it stacks key by key. */
static bool is_dataset_item(const Type *r) {
  if (r && r->kind == TY_VARTUPLE) return is_collated(r->elem);
  if (r && r->kind == TY_DICT) return r->key->kind == TY_STR && is_collated(r->elem);
  if (!r || r->kind != TY_TUPLE || r->nitems == 0) return false;
  for (int i = 0; i < r->nitems; i++)
    if (!is_collated(r->items[i])) return false;
  return true;
}

/* A .gtp class deriving IterableDataset: the __iter__ a DataLoader calls, a
 * generator of items or an iterator object whose __next__ gives them (its
 * class's next_items, as a for loop over it), and its __len__ if any. */
static void iterable_dataset_slots(Ctx *c, ClassInfo *k) {
  Func *len = class_method(k, "__len__");
  bool own_len = len && !len->is_extern;  /* not Dataset's, the library's */
  k->dataset_len = own_len ? special(k, "__len__", 1, TY_NONE, TY_INT) : NULL;
  Func *f = class_method(k, "__iter__");
  Type *r = f && !f->is_extern && f->nparams == 1 ? f->ret : NULL;
  Func *next = r && r->kind == TY_CLASS ? object_next(r) : NULL;
  if (next && is_dataset_item(next->ret)) {
    next->cls->next_items = true;
    c->p->has_try = true;  /* the StopIteration that ends it is caught */
    k->dataset_next = next;
  }
  k->dataset_iter = (r && r->kind == TY_GENERATOR && is_dataset_item(r->elem)) || k->dataset_next ? f : NULL;
  if (!k->dataset_iter || (own_len && !k->dataset_len))
    diag_at(c->p->diag, k->decl, "IterableDataset subclass '%s' defines __iter__(self) -> Iterator[tuple[...]] "
            "(a tuple of Tensors, ints, floats and bools, or a dict of str keys to one of them; a generator, or an "
            "iterator object), and __len__(self) -> int if any, which a DataLoader calls", k->name);
}

/* A .gtp class deriving Dataset: the __len__ and __getitem__ a DataLoader
 * calls, __getitem__ giving an item it collates. */
static void dataset_slots(Ctx *c, ClassInfo *k) {
  if (!k->is_extern && k->protocol == PROTO_ITERABLE_DATASET) iterable_dataset_slots(c, k);
  if (k->is_extern || k->protocol != PROTO_DATASET) return;
  k->dataset_len = special(k, "__len__", 1, TY_NONE, TY_INT);
  Func *g = class_method(k, "__getitem__");
  Type *r = g && !g->is_extern && g->nparams == 2 && g->params[1].ty->kind == TY_INT ? g->ret : NULL;
  k->dataset_item = is_dataset_item(r) ? g : NULL;
  if (!k->dataset_len || k->dataset_len->is_extern || !k->dataset_item)
    diag_at(c->p->diag, k->decl, "Dataset subclass '%s' defines __len__(self) -> int and __getitem__(self, index: "
            "int) -> tuple[...] (a tuple of Tensors, ints, floats and bools, or a dict of str keys to one of them), "
            "which a DataLoader calls", k->name);
}

/* The items a data set of type t hands a DataLoader's collate_fn, as its
 * class says them: a .gtp Dataset's __getitem__ result, a .gtp
 * IterableDataset's iterator's, or a library data set's __getitem__ (a
 * TensorDataset's tuple[Tensor, ...], an image data set's pair). NULL
 * where t does not say (Dataset itself: any data set's object). */
static Type *dataset_items(const Type *t) {
  if (t->kind != TY_CLASS) return NULL;
  ClassInfo *k = t->cls;
  if (k->dataset_item) return k->dataset_item->ret;
  if (k->dataset_next) return k->dataset_next->ret;
  if (k->dataset_iter) return k->dataset_iter->ret->elem;
  Func *g = class_method(k, "__getitem__");
  /* made by the library, never derived (Dataset itself is only the base, or a list's converts=) */
  bool library = k->is_extern && k->init && k->base && (k->protocol == PROTO_DATASET);
  return library && g ? g->ret : NULL;
}

/* Can a list of t be a DataLoader's data set (PyTorch's any sequence):
 * tuples or dicts (fields), or ints, floats, bools, strs or tensors? */
static bool list_items_load(Ctx *c, const Type *t) {
  ClassInfo *tensor = protocol_class(c->p, PROTO_TENSOR);
  switch (t->kind) {
  case TY_TUPLE: case TY_DICT: case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_STR: return true;
  case TY_CLASS: return tensor && t->cls == tensor;
  default: return false;
  }
}

/* default_collate's batch of items of type t: a dict's the dict[str,
 * Tensor] of its keys' stacked values, numbers' and tensors' one tensor,
 * strs' the list of them, a tuple's the list of its fields' (the type
 * variable's default). */
static Type *default_batch(Ctx *c, ClassInfo *g, const Type *t) {
  ClassInfo *tensor = protocol_class(c->p, PROTO_TENSOR);
  if (!t || !tensor) return typevar_default(c->p, g->tvars[0]);
  switch (t->kind) {
  case TY_DICT: return type_dict(c->p, T(TY_STR), tensor->ty);
  case TY_INT: case TY_FLOAT: case TY_BOOL: return tensor->ty;
  case TY_STR: return type_list(c->p, T(TY_STR));
  case TY_CLASS: return t->cls == tensor ? tensor->ty : typevar_default(c->p, g->tvars[0]);
  default: return typevar_default(c->p, g->tvars[0]);
  }
}

/* The batches of DataLoader(dataset, ..., collate_fn=f): f's result, f
 * taking the list of the data set's items; without f, default_collate's
 * of the items (default_batch). */
static Type *loader_batch(Ctx *c, ClassInfo *g, CallInfo *ci) {
  Node *ds = arg_named(g->init, ci, "dataset"), *fn = arg_named(g->init, ci, "collate_fn");
  Type *dt = ds ? check_expr(c, ds, NULL) : T(TY_ERROR);
  if (is_err(dt)) return dt;
  Type *items = dataset_items(dt);
  /* DataLoader(pairs), DataLoader(texts): a list is the data set of its items (Dataset's converts=list) */
  if (!items && dt->kind == TY_LIST && list_items_load(c, dt->elem)) items = dt->elem;
  else if (dt->kind == TY_LIST && !dt->pending)
    return error_at(c, ds, "a list is a DataLoader's data set where its items are tuples, dicts, numbers, strs or "
                    "tensors, not %s", a_type(c, dt->elem));
  if (!fn || fn->kind == EX_NONE) return default_batch(c, g, items);
  if (!items)
    return error_at(c, ds, "a DataLoader with collate_fn= takes a data set whose class says its items (a Dataset "
                    "subclass's __getitem__, TensorDataset...): %s does not", tn(c, dt));
  Type *list = type_list(c->p, items);
  Type *ft = check_expr(c, fn, type_callable(c->p, &list, 1, T(TY_UNKNOWN)));
  if (is_err(ft)) return ft;
  if (ft->kind != TY_CALLABLE || ft->any_args || ft->nitems != 1 || ft->items[0] != list)
    return error_at(c, fn, "collate_fn= takes a function of one parameter, the batch's items as a %s, not %s",
                    tn(c, list), tn(c, ft));
  if (!type_is_ref(ft->elem) || ft->elem->kind == TY_OPTIONAL)
    return error_at(c, fn, "collate_fn='s batch is a tensor, a tuple, a list, a dict or an object, not %s",
                    tn(c, ft->elem));
  return ft->elem;
}

/* DataLoader(...) of a protocol="loader" class g: its instance for the
 * batches' type (loader_batch). Its constructor's call checks the
 * arguments again, as an overload's. */
ClassInfo *loader_instance(Ctx *c, Node *e, ClassInfo *g) {
  if (!g->init || g->ntvars != 1) {
    error_at(c, e, "a protocol=\"loader\" class has one type variable and an __init__");
    return NULL;
  }
  CallInfo *ci = new_call(c, e, CALL_CTOR, g->init->nparams);
  ci->cls = g;  /* a `**kwargs` argument may give the others, never collate_fn (spread_fits) */
  int errors = c->p->diag->errors;
  place_args(c, e, g->name, g->init->params, g->init->nparams, 1, ci);
  if (c->p->diag->errors > errors) return NULL;
  Type *batch = loader_batch(c, g, ci);
  return is_err(batch) ? NULL : class_instance(c->p, g, &batch);
}

/* Records on the class each special method that emit calls implicitly. */
static void class_slots(Ctx *c, ClassInfo *k) {
  check_properties(c, k);
  if (k->str && k->str->cls == k && !method_fits(k->str, 1, TY_NONE, TY_STR))
    diag_at(c->p->diag, k->str->decl, "__str__ must take only self and return str");
  if (k->repr && k->repr->cls == k && !method_fits(k->repr, 1, TY_NONE, TY_STR))
    diag_at(c->p->diag, k->repr->decl, "__repr__ must take only self and return str");
  if (k->init && k->init->cls == k && k->init->ret->kind != TY_NONE) diag_at(c->p->diag, k->init->decl, "__init__ must not return a value");
  if (class_method(k, "__bool__")) {
    k->truth = special(k, "__bool__", 1, TY_NONE, TY_BOOL);
  } else {
    k->truth = special(k, "__len__", 1, TY_NONE, TY_INT);
    k->truth_by_len = k->truth != NULL;
  }
  k->format = special(k, "__format__", 2, TY_STR, TY_STR);
  k->eq = comparison_slot(k, "__eq__");
  k->lt = comparison_slot(k, "__lt__");
  k->hash = special(k, "__hash__", 1, TY_NONE, TY_INT);
  if (class_method(k, "__hash__") && !k->hash)
    diag_at(c->p->diag, class_method(k, "__hash__")->decl, "__hash__ takes only self and returns int");
  k->forward = forward_slot(k);
  k->forward_n = forward_n_slot(k);
  k->extra_repr = k->is_module ? special(k, "extra_repr", 1, TY_NONE, TY_STR) : NULL;
  if (k->is_module && class_method(k, "extra_repr") && !k->extra_repr && class_method(k, "extra_repr")->cls == k)
    diag_at(c->p->diag, class_method(k, "extra_repr")->decl, "extra_repr must take only self and return str");
  dataset_slots(c, k);
}

/* A program with a try statement runs __exit__ when an exception passes a
 * with block: each function with one has a handler too. */
static void handlers_in_withs(Program *p) {
  for (Module *m = p->modules; m; m = m->next) {
    m->init->has_try |= m->init->has_with;
    for (Func *f = m->funcs; f; f = f->next) f->has_try |= f->has_with;
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next) f->has_try |= f->has_with;
  }
}

/* ---- overriding ------------------------------------------------------------ */

/* Two defaults written alike (a call through the base binds the base's). */
static bool same_default(const Node *a, const Node *b) {
  if (!a || !b) return a == b;
  return a->len == b->len && memcmp(a->file->text + a->pos, b->file->text + b->pos, a->len) == 0;
}

/* Parameter types alike: the same type, or unions of the same members
 * (each method taking `x: int | str` has a type variable of its own). */
static bool same_param_type(const Type *a, const Type *b) {
  if (a == b) return true;
  if (a->kind != TY_TYPEVAR || b->kind != TY_TYPEVAR || !a->nitems || a->nitems != b->nitems) return false;
  for (int i = 0; i < a->nitems; i++)
    if (a->items[i] != b->items[i]) return false;
  return true;
}

/* Can f override g where a call through g's class binds the arguments by
 * g's parameters: the same names, types and defaults, and a result that g's
 * result type takes (the same, or a derived class of g's)? */
static bool overrides_fit(const Func *f, const Func *g) {
  if (f->nparams != g->nparams || f->is_property != g->is_property) return false;
  for (int i = f->is_static ? 0 : 1; i < f->nparams; i++) {  /* a @staticmethod's first is no object */
    const Param *a = &f->params[i], *b = &g->params[i];
    if (strcmp(a->name, b->name) != 0 || !same_param_type(a->ty, b->ty) || !same_default(a->dflt, b->dflt))
      return false;
  }
  return f->ret == g->ret || (f->ret->kind == TY_CLASS && g->ret->kind == TY_CLASS && class_derives(f->ret->cls, g->ret->cls));
}

/* A Func of def g's name and module whose body is a copy of g's def (a
 * generic function's instance, a classmethod's copy), its C name made
 * from cname_stem; the caller gives it its parameters and result. */
Func *def_copy(Ctx *c, Func *g, const char *cname_stem) {
  Func *f = arena_alloc(c->p->arena, sizeof *f);
  f->name = g->name;
  f->qname = g->qname;  /* tracebacks name the def, as Python's */
  f->mod = g->mod;
  f->decl = ast_copy(c->p->arena, g->decl);
  f->cname = c_internal(c->p, cname_stem);
  f->cnames.up = g->cnames.up;
  return f;
}

/* k's copy of classmethod g of a base: g's parameters, named by a copy
 * of its def, whose `cls` names k. */
static Func *classmethod_copy(Ctx *c, ClassInfo *k, Func *g) {
  Arena *a = c->p->arena;
  Func *f = def_copy(c, g, arena_printf(a, "%s%s", k->cname, g->name));
  f->is_static = true;
  f->cls_param = k;
  f->static_of = k;
  f->ret = g->ret;
  f->nparams = g->nparams;
  f->params = arena_alloc(a, (g->nparams ? g->nparams : 1) * sizeof *f->params);
  Node *pa = f->decl->params->next;  /* after cls */
  for (int i = 0; i < g->nparams; i++, pa = pa->next) {
    f->params[i] = (Param){.name = g->params[i].name, .ty = g->params[i].ty, .decl = pa, .dflt = pa->rhs,
                           .kwonly = g->params[i].kwonly};
    f->params[i].cname = c_local(c->p, f, f->params[i].name, true);
  }
  return f;
}

/* A @classmethod k inherits: Python's cls is the class it is called
 * through (Child.make() makes a Child), so k gets a copy of its own, as if
 * it defined the method, whose body is checked with `cls` naming k. */
static void inherit_classmethods(Ctx *c, ClassInfo *k) {
  for (ClassInfo *b = k->base; b && !b->is_extern; b = b->base)
    for (Func *g = b->methods; g; g = g->next) {
      if (!g->cls_param || class_method(k, g->name) != g) continue;
      Func **tail = &k->methods;
      while (*tail) tail = &(*tail)->next;
      *tail = classmethod_copy(c, k, g);
    }
}

/* @staticmethod f defined again in a class deriving g's (a classmethod's
 * copy is g itself): `self.f()` in a base calls either, so both take the
 * same arguments. */
static void static_override_fits(Ctx *c, Func *f, Func *g) {
  if (!g || g->is_extern || strcmp(f->name, "__init__") == 0) return;
  if (f->is_static != g->is_static)
    diag_at(c->p->diag, f->decl, "%s overrides %s, which is %sa @staticmethod or @classmethod: give both the same "
            "decorator", f->qname, g->qname, g->is_static ? "" : "not ");
  else if (!overrides_fit(f, g))
    diag_at(c->p->diag, f->decl, "%s overrides %s: give it the same parameters (names, types and defaults) and return "
            "%s, as a call through an object of %s binds them so", f->qname, g->qname, tn(c, g->ret),
            g->static_of->name);
}

/* A method of k that a base of the program's defines too overrides it: a
 * call through the base's type then runs the override of the object's
 * class (the base's method gets a dispatch_cname). */
static void class_overrides(Ctx *c, ClassInfo *k) {
  if (!k->base || k->base->is_extern) return;
  inherit_classmethods(c, k);
  for (Func *f = k->methods; f; f = f->next) {
    bool plain = strcmp(f->name, "__init__") != 0 && !f->is_static && !is_setter(k, f);
    Func *g = plain ? class_method(k->base, f->name) : NULL;
    if (f->is_static || (g && g->is_static)) {
      static_override_fits(c, f, class_method(k->base, f->name));
      continue;
    }
    if (!g || g->is_extern) continue;
    if (!overrides_fit(f, g)) {
      diag_at(c->p->diag, f->decl, "%s overrides %s: give it the same parameters (names, types and defaults) and "
              "return %s, as a call through %s binds them so", f->qname, g->qname, tn(c, g->ret), g->cls->name);
      continue;
    }
    if (!g->dispatch_cname) g->dispatch_cname = c_internal(c->p, arena_printf(c->p->arena, "%sdispatch", g->cname));
  }
}

/* The __init__ of a class deriving a layer (nn.Linear) makes the layer, as
 * super().__init__(...) among its statements: its weight and the rest are
 * the layer's, which nothing else makes. */
static void check_layer_init(Ctx *c, Func *f) {
  for (Node *st = f->decl->body; st; st = st->next) {
    CallInfo *ci = st->kind == ST_EXPR && st->lhs->kind == EX_CALL ? st->lhs->info : NULL;
    if (ci && ci->kind == CALL_LAYER_INIT) return;
  }
  error_at(c, f->decl, "%s must call super().__init__(...) in its body: %s's constructor makes its parameters there",
           f->qname, f->cls->layer->name);
}

/* __init__ of a class deriving a .gtp class with an __init__ calls it, as
 * super().__init__(...), among its statements: the base's fields are set
 * there, and a field never set would be read as nothing. */
static void check_super_init(Ctx *c, Func *f) {
  ClassInfo *k = f->cls;
  bool exc = k && f == k->init && k->protocol == PROTO_EXCEPTION && !k->is_extern;
  if (exc && (!k->base->init || k->base->init->is_extern)) check_exc_super_init(c, f);
  if (k && f == k->init && k->layer && (k->base == k->layer || !k->base->init)) {
    check_layer_init(c, f);
    return;
  }
  bool init = k && (f == k->init || (f->generic_of && f->generic_of == k->init));  /* a union __init__'s instance too */
  if (!init || !k->base || k->base->is_extern || !k->base->init) return;
  if (f->written && k->base->init->written) return;  /* a dataclass's __init__ sets its bases' fields itself */
  for (Node *st = f->decl->body; st; st = st->next) {
    CallInfo *ci = st->kind == ST_EXPR && st->lhs->kind == EX_CALL ? st->lhs->info : NULL;
    if (ci && ci->direct && ci->fn && (ci->fn == k->base->init || ci->fn->generic_of == k->base->init)) return;
  }
  error_at(c, f->decl, "%s must call super().__init__(...) in its body: %s sets %s's fields", f->qname,
           k->base->init->qname, k->base->name);
}

static void dispatched_attr_fits(Ctx *c, Sym *y) {
  const char *name = strchr(y->name, '.') + 1;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next) {
      Sym *own = d != y->cls && class_derives(d, y->cls) ? class_attr(d, name) : NULL;
      if (own && own != y && own->cls == d && own->ty && !is_err(own->ty) && !assignable(y->ty, own->ty))
        error_at(c, own->decl, "class attribute '%s' of %s has type %s where %s's has type %s: a read through an object of "
                 "%s takes either, so give them one type", name, d->name, tn(c, own->ty), y->cls->name, tn(c, y->ty),
                 y->cls->name);
    }
}

/* A class attribute read through objects (Sym.dispatch_cname) takes the
 * value of the object's class: each deriving class's must be of its type. */
static void dispatched_attrs_fit(Ctx *c) {
  for (Module *m = c->p->modules; m; m = m->next)
    for (Sym *y = m->globals.syms; y; y = y->next)
      if (y->kind == SYM_GLOBAL && y->dispatch_cname && y->ty) dispatched_attr_fits(c, y);
}

/* `del xs` of a global that a function reads: the function could run
 * after the del and read the released value (Python's NameError there).
 * Known once every function is checked, after the top-level code. */
static void deleted_globals_read(Ctx *c) {
  for (Module *m = c->p->modules; m; m = m->next)
    for (Sym *y = m->globals.syms; y; y = y->next)
      if (y->deleted_at && y->read_by)
        error_at(c, y->deleted_at, "'%s' is read by a function, so it cannot be deleted here (the function could "
                 "run after the del)", y->name);
}

/* A generic class's instance made while the program is checked: readied
 * as check_program readies the classes there before (slots, overrides,
 * fields), and its methods checked. */
static void class_made(Program *p, ClassInfo *k) {
  Ctx c = {.p = p, .m = k->mod, .fn = k->mod->init, .finally_loops = -1};
  k->readied = true;
  class_slots(&c, k);
  class_overrides(&c, k);
  need_fields(&c, k);
  for (Func *f = k->methods; f; f = f->next) check_func(&c, f);
}

bool check_program(Program *p) {
  Ctx c = {.p = p, .finally_loops = -1};
  p->class_made = class_made;
  for (Module *m = p->modules; m; m = m->next) module_init_func(&c, m);
  for (Module *m = p->modules; m; m = m->next) type_constants(&c, m);
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (class_template(k) || k->readied) continue;
      class_slots(&c, k);
      class_overrides(&c, k);
    }
  /* Top-level code first (it types the globals), each class's __init__
   * where it is needed (need_fields); then the other __init__ bodies, which
   * define the fields that functions use. */
  declare_fields(&c);  /* the fields of a namespace, before any body reads one */
  p->in_toplevel = true;
  for (Module *m = p->modules; m; m = m->next) check_toplevel(&c, m);
  p->in_toplevel = false;
  p->ran_early = NULL;
  for (Module *m = p->modules; m; m = m->next) {
    c.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (class_template(k) || k->readied) continue;
      need_fields(&c, k);  /* a base's __init__ first */
      if (k->init) check_func(&c, k->init);  /* an extern's: its defaults */
    }
  }
  for (Module *m = p->modules; m; m = m->next) {
    c.m = m;
    for (Func *f = m->funcs; f; f = f->next) check_func(&c, f);
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next)
        if (f != k->init) check_func(&c, f);
  }
  p->class_made = NULL;
  report_unannotated_params(&c);
  declared_calls_confirmed(&c);
  settle_everywhere(&c);
  state_keys_settle(&c);
  flow_instances_settle(&c);
  flow_empty_fields_settle(&c);
  late_fields_settle(&c);
  if (p->has_try) handlers_in_withs(p);
  deleted_globals_read(&c);
  dispatched_attrs_fit(&c);
  for (Module *m = p->modules; m; m = m->next) only_none(&c, &m->globals);  /* a function's `global` may type one */
  return p->diag->errors == 0;
}

/* reach.c - which functions and classes the program uses, so that emit.c
 * writes only those: the stdlib declares far more than a program calls, and
 * unused static functions would be C compiler warnings.
 *
 * Everything reachable from the modules' top-level code is used: functions
 * called or passed as values (Func.as_value: emit writes their gt_fn),
 * lambdas, methods called (also through operators,
 * subscripts, len, with, for, truth tests and f-strings), and the slots of
 * every class that is constructed (the runtime calls them through the
 * class object). Reach reads check.c's records only: calls, loop plans,
 * with items, truth tests and ClassInfo's special methods.
 */
#include <string.h>

#include "sema.h"

static void walk(Node *n);
static void walk_list(Node *list);

static void use_func(Func *f) {
  if (!f || f->used || f->ntvars) return;  /* a generic def: calls use its instances */
  f->used = true;
  if (f->applies) {  /* K.apply: the runtime calls K's forward and backward */
    use_func(f->applies->autograd_forward);
    use_func(f->applies->autograd_backward);
  }
  for (Node *p = f->decl ? f->decl->params : NULL; p; p = p->next) walk(p->rhs);
  if (!f->is_extern && f->decl) walk_list(f->decl->body);
}

/* A constructed class: its __init__, and the slots the runtime calls
 * through its class object (check.c chose them). */
static void use_class(ClassInfo *k) {
  if (!k || k->constructed || k->is_extern) return;
  k->constructed = true;
  Func *slots[] = {k->init, k->str, k->repr, k->eq, k->lt, k->forward, k->forward_n, k->extra_repr};
  for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) use_func(slots[i]);
  for (ClassInfo *b = k; b && !b->is_extern; b = b->base) use_func(b->hash);  /* a set of a base's type hashes it */
  use_func(k->dataset_len);  /* a DataLoader's calls */
  use_func(k->dataset_item);
  use_func(k->dataset_iter);
  use_func(k->dataset_next);
}

static Arena *reach_arena;  /* the program's, for ClassInfo.ctors */

/* K(args) by an instance of K's union __init__: a constructor emit writes. */
static void use_ctor(ClassInfo *k, Func *init) {
  CtorUse **tail = &k->ctors;  /* in the order reach meets them */
  for (; *tail; tail = &(*tail)->next)
    if ((*tail)->init == init) return;
  *tail = arena_alloc(reach_arena, sizeof **tail);
  **tail = (CtorUse){.init = init};
}

static void use_call(CallInfo *ci) {
  if (!ci) return;
  use_func(ci->fn);
  use_func(ci->flush_fn);  /* print(..., file=f, flush=True) */
  if (ci->kind == CALL_CTOR) use_class(ci->cls);
  if (ci->kind == CALL_CTOR && ci->fn && ci->fn->generic_of) use_ctor(ci->cls, ci->fn);
}

/* The protocol methods a loop's plan calls, through enumerate and zip too. */
static void use_iter(const Iter *it) {
  if (!it) return;
  use_func(it->iter_fn);
  use_func(it->next_fn);
  for (int i = 0; i < it->nsubs; i++) use_iter(it->subs[i]);
}

static bool is_class_value(const Node *n) { return n && n->ty && n->ty->kind == TY_CLASS; }

/* What a node resolved to in check.c, where it is a call of something. */
static void use_resolved(Node *n) {
  if ((n->flags & EXPR_TRUTH_TESTED) && is_class_value(n)) use_func(n->ty->cls->truth);
  switch (n->kind) {
  case EX_CALL: case EX_BINOP: case EX_UNARY: case EX_COMPARE:
    use_call(n->info);
    if (n->kind == EX_CALL && n->info && ((CallInfo *)n->info)->kind == CALL_FORMAT)
      walk(((CallInfo *)n->info)->format);  /* its fields' __format__ methods */
    break;
  case EX_INDEX:  /* x[i] and x[i] = v of a class */
    if (is_class_value(n->lhs)) use_call(n->info);
    break;
  case ST_AUGASSIGN:  /* x[i] += v: the __setitem__ */
    if (n->lhs->kind == EX_INDEX && is_class_value(n->lhs->lhs)) use_call(n->info);
    break;
  case EX_NAME: case EX_ATTR:  /* a function called, or a value (`f = double`, `key=helpers.score`) */
    if (n->sym && n->sym->kind == SYM_FUNC) use_func(n->sym->fn);
    if (n->sym && n->sym->kind == SYM_FUNC && n->ty && n->ty->kind == TY_CALLABLE) n->sym->fn->as_value = true;
    if (n->kind == EX_ATTR && (n->flags & ATTR_BOUND)) {  /* obj.method as a value: the function it calls */
      use_func(n->info);
      ((Func *)n->info)->as_value = true;
    }
    if (n->kind == EX_ATTR && (n->flags & ATTR_CLASS_DISPATCH)) n->sym->dispatch_used = true;
    if (n->kind == EX_ATTR && (n->flags & ATTR_PROPERTY)) {  /* a property: its getter, or its setter where assigned */
      use_func(n->info);
      use_func(((Func *)n->info)->setter);
    }
    break;
  case EX_LAMBDA:  /* a value */
    use_func(n->info);
    if (n->info) ((Func *)n->info)->as_value = true;
    break;
  case ND_WITHITEM:
    if (n->info) {
      use_func(((WithInfo *)n->info)->enter);
      use_func(((WithInfo *)n->info)->exit);
    }
    break;
  case ND_FMTVALUE:  /* f"{x:spec}": x.__format__(spec) */
    if (!n->conv && is_class_value(n->lhs)) use_func(n->lhs->ty->cls->format);
    break;
  case ST_FOR: case ND_COMP:
    use_iter(n->info);
    break;
  case ST_YIELD:  /* yield from xs: a for loop over xs */
    if (n->flags & YIELD_FROM) use_iter(n->info);
    break;
  default:
    break;
  }
}

/* The last statement of an else branch is walked by the loop, not by
 * recursion: an elif chain is as long as the program makes it. */
static void walk(Node *n) {
  if (n && n->kind == ST_FUNCDEF && n->rhs) walk(n->rhs);  /* a decorated def: its decorators' calls */
  else if (n && n->kind == ST_FUNCDEF && n->info) {  /* a nested def: its value is made where it stands */
    use_func(n->info);
    ((Func *)n->info)->as_value = true;
  }
  while (n && n->kind != ST_FUNCDEF && n->kind != ST_CLASSDEF && n->kind != ST_EXTERNDEF && n->kind != ST_TYPEALIAS) {
    if (n->kind == ST_IF && (n->flags & (IF_ALWAYS | IF_NEVER))) {  /* the types decide it: the branch taken alone */
      walk_list(n->flags & IF_ALWAYS ? n->body : n->orelse);
      return;
    }
    if (n->kind == EX_IFEXP && (n->flags & (IF_ALWAYS | IF_NEVER))) {
      walk(n->flags & IF_ALWAYS ? n->lhs : n->rhs);
      return;
    }
    use_resolved(n);
    if (n->kind == ST_ASSIGN) walk_list(n->lhs->next);  /* a = b[f()] = v: every target */
    Node *kids[] = {n->lhs, n->rhs, n->cond, n->lo, n->hi, n->step, n->spec};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++) walk(kids[i]);
    Node *lists[] = {n->body, n->args, n->elts, n->cmps, n->comps, n->conds, n->parts, n->items, n->targets,
                     n->handlers, n->finalbody};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) walk_list(lists[i]);
    Node *last = n->orelse;
    for (; last && last->next && !if_ends_block(last); last = last->next) walk(last);
    n = last;
  }
}

static void walk_list(Node *list) {
  for (Node *n = list; n; n = n->next) {
    if (n->kind == ST_CLASSDEF)  /* its class attributes' values run where it stands */
      for (Node *a = n->body; a; a = a->next)
        if (a->kind == ST_ASSIGN || class_attr_stmt(a)) walk(a);
    walk(n);
    if (if_ends_block(n)) break;
  }
}

/* The method of class k that runs for f where f's dispatcher is used;
 * true if it was not used before. */
static bool use_override(ClassInfo *k, Func *f) {
  Func *impl = f->used && f->dispatch_cname ? method_run_for(k, f) : NULL;
  if (!impl || impl->used) return false;
  use_func(impl);
  return true;
}

/* The overrides a dispatcher calls (check.c's Func.dispatch_cname): in
 * each constructed class, the method that runs for each used method of
 * its bases (and each used instance of one taking unions). Marks what is
 * new; true if anything was. */
static bool use_overrides(Program *p) {
  bool more = false;
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (!k->constructed) continue;
      for (ClassInfo *b = k->base; b && !b->is_extern; b = b->base)
        for (Func *f = b->methods; f; f = f->next) {
          more |= use_override(k, f);
          for (Func *i = f->instances; i; i = i->next_instance) more |= use_override(k, i);
        }
    }
  return more;
}

/* ---- modules whose import runs nothing ------------------------------------ */

static Module *module_named(Program *p, const char *name, size_t len) {
  for (Module *m = p->all; m; m = m->all_next)
    if (strlen(m->name) == len && strncmp(m->name, name, len) == 0) return m;
  return NULL;
}

/* Are the modules `import a.b.c` initialises (a, a.b, a.b.c) all quiet? */
static bool quiet_dotted(Program *p, const char *name) {
  for (const char *dot = name;; dot++) {
    if (*dot == '.' || !*dot) {
      Module *m = module_named(p, name, dot - name);
      if (m && !m->quiet) return false;
      if (!*dot) return true;
    }
  }
}

/* Does a used f keep a default that its def evaluates (Param.kept)? */
static bool keeps_defaults(const Func *f) {
  for (int i = 0; f && f->used && i < f->nparams; i++)
    if (f->params[i].kept) return true;
  return false;
}

/* Does the top-level statement st of m run nothing: a definition without
 * decorators or kept defaults, a class without class attributes, a
 * docstring, an import of quiet modules (emit_stmt.c skips the same
 * statements)? */
static bool quiet_stmt(Program *p, Module *m, Node *st) {
  bool def = st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF;
  Sym *y = !def ? NULL : st->sym ? st->sym : scope_find(&m->globals, st->name);  /* st->sym: a def's own version */
  switch (st->kind) {
  case ST_FUNCDEF:  /* a decorated def's name takes a value */
    return !st->info && !(y && y->kind == SYM_FUNC && keeps_defaults(y->fn));
  case ST_CLASSDEF:
    for (Node *a = st->body; a; a = a->next)
      if (class_attr_stmt(a)) return false;
    for (Func *f = y && y->kind == SYM_CLASS ? y->cls->methods : NULL; f; f = f->next)
      if (keeps_defaults(f)) return false;
    return true;
  case ST_EXTERNDEF: case ST_EXTERNVAR: case ST_EXTERNLINK: case ST_TYPEALIAS: case ST_GLOBAL: case ST_PASS:
    return true;
  case ST_EXPR: return st->lhs->kind == EX_STR;
  case ST_IMPORT:
    for (Node *al = st->names; al; al = al->next)
      if (!quiet_dotted(p, al->name)) return false;
    return true;
  case ST_FROMIMPORT:
    if (!quiet_dotted(p, st->name)) return false;
    for (Node *al = st->names; al; al = al->next) {
      const char *sub = arena_printf(p->arena, "%s.%s", st->name, al->name);
      Module *m = module_named(p, sub, strlen(sub));
      if (m && !m->quiet) return false;
    }
    return true;
  default: return false;
  }
}

/* Modules come in dependency order, so a module's imports are decided
 * before it; one not decided yet (an import cycle) counts as running. */
static void find_quiet_modules(Program *p) {
  for (Module *m = p->modules; m; m = m->next) {
    bool quiet = !m->is_main;
    for (Node *st = m->ast->body; st && quiet; st = st->next) quiet = quiet_stmt(p, m, st);
    m->quiet = quiet;
  }
}

void reach_program(Program *p) {
  reach_arena = p->arena;
  for (Module *m = p->modules; m; m = m->next) walk_list(m->ast->body);
  while (use_overrides(p)) {}  /* an override's body may make instances of more classes */
  find_quiet_modules(p);
}

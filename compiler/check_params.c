/* check_params.c - parameters written without a type: what their uses
 * suggest, reported once per parameter at the end of checking with a
 * proposed annotation.
 */
#include "check.h"

/* ---- parameters written without a type ---------------------------------- */

/* A parameter of a .gtp def without an annotation: resolve.c leaves it an
 * error type, and check_program reports it at the end, proposing the type
 * that the evidence gathered here shows (Param.need, Param.offer). */
bool unannotated(const Param *q) {
  return q->decl && !q->decl->ann && is_err(q->ty) &&
         !(q->decl->flags & (PARAM_STAR | PARAM_STARARGS | PARAM_KWARGS));
}

/* A type worth proposing as an annotation (an `ints` parameter wants an int). */
Type *proposable(Type *t) {
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
void note_arg(Ctx *c, Node *a, Param *q, Type *t) {
  if (unannotated(q) && !q->offer) q->offer = proposable(t);
  Param *bare = bare_param(c, a);
  if (bare && !bare->need) bare->need = proposable(q->ty);
}

/* A def f taken as a value where `callable` is expected (a hook given to
 * register_forward_hook): its unannotated parameters take the Callable's
 * parameter types as what a call passes them. */
void note_callable_value(Func *f, const Type *callable) {
  if (!callable || callable->kind != TY_CALLABLE || callable->any_args) return;
  int first = f->cls && !f->is_static ? 1 : 0;  /* a bound method's self is not the Callable's */
  for (int i = 0; i + first < f->nparams && i < callable->nitems; i++) {
    Param *q = &f->params[i + first];
    if (unannotated(q) && !q->offer) {
      q->offer = proposable(callable->items[i]);
      q->offer_callable = q->offer != NULL;
    }
  }
}

/* The one class that declares a method or property `name` (a base rather
 * than the classes that override it), or NULL. */
static ClassInfo *only_class_with(Ctx *c, const char *name) {
  ClassInfo *found = NULL;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f && !k->generic_of; f = f->next) {  /* a template stands for its instances */
        if (strcmp(f->name, name) != 0 || k == found) continue;
        if (found && class_derives(k, found)) break;
        if (found && !class_derives(found, k)) return NULL;
        found = k;
        break;
      }
  return found;
}

/* x.name where x is an unannotated parameter: x is what has `name`. */
void note_attr(Ctx *c, const Node *x, const char *name) {
  Param *bare = bare_param(c, x);
  if (!bare || bare->need) return;
  ClassInfo *k = only_class_with(c, name);
  if (k) bare->need = class_default_instance(c->p, k);
  bare->need_guessed = k != NULL;
}

/* Is module m `in` or a submodule of it (torch.autograd.function of
 * torch.autograd)? */
static bool within(const Module *m, const Module *in) {
  size_t n = strlen(in->name);
  return strncmp(m->name, in->name, n) == 0 && (m->name[n] == '\0' || m->name[n] == '.');
}

/* How code of `globals`' module names class k within `depth` module hops
 * (`Tensor`, `torch.Tensor`, `torch.utils.data.DataLoader`), or NULL. In
 * a module hopped into (`in`), only its own classes (defined there or in
 * a submodule: torch.autograd.Function) and submodules are a path, as
 * Python's attributes of it: the stdlib's nn imports Tensor and torch,
 * which PyTorch's torch.nn has not (`nn.Tensor` would not run). */
static const char *class_path(Ctx *c, Scope *globals, const Module *in, const ClassInfo *k, int depth) {
  for (Sym *y = globals->syms; y; y = y->next) {
    Sym *t = y->target ? y->target : y;
    if (t->kind == SYM_CLASS && t->cls == k && (!in || !y->target || within(k->mod, in))) return y->name;
  }
  for (Sym *y = depth > 0 ? globals->syms : NULL; y; y = y->next) {
    Sym *t = y->target ? y->target : y;
    if (t->kind != SYM_MODULE || !t->mod) continue;
    size_t n = in ? strlen(in->name) : 0;
    bool sub = !in || (strncmp(t->mod->name, in->name, n) == 0 && t->mod->name[n] == '.' &&
                       strcmp(t->mod->name + n + 1, y->name) == 0);
    const char *rest = sub ? class_path(c, &t->mod->globals, t->mod, k, depth - 1) : NULL;
    if (rest) return arena_printf(c->p->arena, "%s.%s", y->name, rest);
  }
  return NULL;
}

/* An annotation for type t as module m can write it, and how to import
 * it when m cannot yet. */
static const char *spell_type(Ctx *c, Module *m, const Type *t);

/* The items of a tuple, a union or a dict as the program spells them, joined by sep. */
static const char *spell_items(Ctx *c, Module *m, Type *const *items, int n, const char *sep) {
  const char *text = "";
  for (int i = 0; i < n; i++) text = arena_printf(c->p->arena, "%s%s%s", text, i ? sep : "", spell_type(c, m, items[i]));
  return text;
}

/* t as the program's module m spells it: its classes by the names m
 * reaches them by (`torch.nn.Module`), inside containers too
 * (`tuple[torch.Tensor, ...]`). */
const char *spelled_type(Ctx *c, Module *m, const Type *t) { return spell_type(c, m, t); }

static const char *spell_type(Ctx *c, Module *m, const Type *t) {
  Arena *a = c->p->arena;
  switch (t->kind) {
  case TY_LIST: return arena_printf(a, "list[%s]", spell_type(c, m, t->elem));
  case TY_SET: return arena_printf(a, "set[%s]", spell_type(c, m, t->elem));
  case TY_VARTUPLE: return arena_printf(a, "tuple[%s, ...]", spell_type(c, m, t->elem));
  case TY_OPTIONAL: return arena_printf(a, "Optional[%s]", spell_type(c, m, t->elem));
  case TY_DICT: return arena_printf(a, "dict[%s, %s]", spell_type(c, m, t->key), spell_type(c, m, t->elem));
  case TY_TUPLE: return t->named ? tn(c, t) : arena_printf(a, "tuple[%s]", spell_items(c, m, t->items, t->nitems, ", "));
  case TY_UNION: return spell_items(c, m, t->items, t->nitems, " | ");
  default: break;
  }
  if (t->kind != TY_CLASS) return tn(c, t);
  if (t->cls->protocol == PROTO_ANY_DICT)  /* torch's StateDict, which Python names no type */
    return scope_find(&m->globals, "Any") ? "dict[str, Any]" : "dict[str, Any]' after 'from typing import Any";
  const ClassInfo *k = t->cls->generic_of ? t->cls->generic_of : t->cls;
  const char *args = strchr(tn(c, t), '[');  /* DataLoader[dict[str, Tensor]]; none for the defaults */
  for (int depth = 0; depth <= 3; depth++) {
    const char *path = class_path(c, &m->globals, NULL, k, depth);
    if (path) return arena_printf(c->p->arena, "%s%s", path, args ? args : "");
  }
  return arena_printf(c->p->arena, "%s%s' after 'from %s import %s", k->name, args ? args : "", k->mod->name, k->name);
}

/* The type to propose for parameter i of f, and where it comes from. */
static Type *proposal(Ctx *c, Func *f, int i, ClassInfo *k, const char **from) {
  Param *q = &f->params[i];
  Type *t = q->need;
  *from = "its use in the body";
  Func *base = f->cls && f->cls->base ? class_method(f->cls->base, f->name) : NULL;
  if (!t && base && i < base->nparams && (t = proposable(base->params[i].ty)))   /* forward(self, x) */
    *from = arena_printf(c->p->arena, "%s.%s, which it overrides", base->cls->name, base->name);
  if (!t && i == 0 && f->is_static && k && (t = autograd_ctx_type(k)))  /* forward(ctx, x) */
    *from = arena_printf(c->p->arena, "%s's %s", spell_type(c, f->mod, autograd_base(k)->ty), f->name);
  /* What a call passes, unless the body needs a wider type: a subclass
   * passed where the body needs its base keeps its own fields. */
  bool narrower = t && q->offer && t->kind == TY_CLASS && q->offer->kind == TY_CLASS &&
                  class_derives(q->offer->cls, t->cls);
  /* a class guessed by an attribute's name (torch.Generator for args.seed) gives way to what a call passes */
  if (q->offer && (!t || narrower || (q->need_guessed && t == q->need))) {
    t = q->offer;
    *from = q->dflt && t == q->dflt->ty ? "its default" : q->offer_callable ? "the Callable it is passed as" : "a call of it";
  }
  return t;
}

static void report_unannotated(Ctx *c, Func *f, int i, ClassInfo *k) {
  Param *q = &f->params[i];
  const char *from;
  Type *t = proposal(c, f, i, k, &from);
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
  ClassInfo *k;  /* the class whose method f is (a @staticmethod's f->cls is NULL) */
} BareParam;

/* Parameters of one module, so of one file: by their offset in it. */
static int by_position(const void *a, const void *b) {
  const BareParam *x = a, *y = b;
  uint32_t px = x->f->params[x->i].decl->pos, py = y->f->params[y->i].decl->pos;
  return (px > py) - (px < py);
}

/* Gathers f's unannotated parameters into out (when not NULL); their number. */
static int bare_params_of(Func *f, ClassInfo *k, BareParam *out) {
  int n = 0;
  for (int i = 0; i < f->nparams && !f->is_extern; i++)
    if (unannotated(&f->params[i])) {
      if (out) out[n] = (BareParam){f, i, k};
      n++;
    }
  return n;
}

/* A module's unannotated parameters, or how many (out NULL). */
static int bare_params(Module *m, BareParam *out) {
  int n = 0;
  for (Func *f = m->funcs; f; f = f->next) n += bare_params_of(f, NULL, out ? out + n : NULL);
  for (ClassInfo *k = m->classes; k; k = k->next)
    for (Func *f = k->methods; f; f = f->next) n += bare_params_of(f, k, out ? out + n : NULL);
  return n;
}

/* Every unannotated parameter, now that all calls and bodies are seen, in
 * source order. */
void report_unannotated_params(Ctx *c) {
  for (Module *m = c->p->modules; m; m = m->next) {
    int n = bare_params(m, NULL);
    if (!n) continue;
    BareParam *all = arena_alloc(c->p->arena, n * sizeof *all);
    bare_params(m, all);
    qsort(all, n, sizeof *all, by_position);
    for (int i = 0; i < n; i++) report_unannotated(c, all[i].f, all[i].i, all[i].k);
  }
}

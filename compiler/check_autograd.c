/* check_autograd.c - a program's differentiable operation: a class K
 * deriving an extern class of protocol="autograd_function"
 * (torch.autograd.Function) defines forward and backward as
 * @staticmethods taking a ctx first, an instance of that class's base
 * (FunctionCtx). K.apply(...), the class's own method, becomes K's function of
 * forward's parameters (Func.applies), whose body emit writes: the
 * runtime's apply given thunks of K's forward and backward. */
#include "check.h"

/* The extern autograd Function class k derives, or NULL. */
ClassInfo *autograd_base(ClassInfo *k) {
  if (k->is_extern) return NULL;
  for (ClassInfo *b = k->base; b; b = b->base)
    if (b->is_extern) return b->protocol == PROTO_AUTOGRAD_FUNCTION ? b : NULL;
  return NULL;
}

static bool is_tensor_or_none(const Type *t) {
  if (t->kind == TY_OPTIONAL) t = t->elem;
  return t->kind == TY_NONE || is_tensor_type(t);
}

/* The ctx of k's forward and backward: the base of its autograd Function
 * (FunctionCtx, whose methods those take), or NULL. */
Type *autograd_ctx_type(ClassInfo *k) {
  ClassInfo *base = autograd_base(k);
  return base && base->base ? base->base->ty : NULL;
}

/* k's `name`: a @staticmethod taking the ctx first, and no '*' or '**'
 * parameter (the runtime passes each value). */
static Func *ctx_method(Ctx *c, ClassInfo *k, ClassInfo *base, const char *name) {
  Func *f = class_method(k, name);
  const char *ctx = base->base ? base->base->name : base->name;
  if (!f || f->is_extern) {
    error_at(c, k->decl, "%s derives %s: define @staticmethod %s(ctx: %s, ...)", k->name, base->name, name, ctx);
    return NULL;
  }
  if (!f->is_static || !f->nparams || f->params[0].ty != autograd_ctx_type(k)) {
    error_at(c, f->decl, "%s.%s must be a @staticmethod whose first parameter is its ctx: '%s(ctx: %s, ...)'", k->name,
             name, name, ctx);
    return NULL;
  }
  for (int i = 1; i < f->nparams; i++)
    if (f->params[i].varargs || f->params[i].kwargs) {
      error_at(c, f->decl, "%s.%s takes '*' or '**' parameters: give each input its own", k->name, name);
      return NULL;
    }
  return f;
}

/* forward's outputs: 1 for a tensor, n for a tuple of n tensors; 0 for other values. */
static int output_count(const Type *t) {
  if (is_tensor_type(t)) return 1;
  if (t->kind != TY_TUPLE || !t->nitems) return 0;
  for (int i = 0; i < t->nitems; i++)
    if (!is_tensor_type(t->items[i])) return 0;
  return t->nitems;
}

/* backward's gradients: one per input of forward, each a tensor or None. */
static int gradient_count(const Type *t) {
  if (is_tensor_or_none(t)) return 1;
  if (t->kind != TY_TUPLE) return 0;
  for (int i = 0; i < t->nitems; i++)
    if (!is_tensor_or_none(t->items[i])) return 0;
  return t->nitems;
}

/* Does tuple t give a gradient per input and Nones after them? PyTorch
 * drops such Nones (a backward written for optional inputs). */
static bool extra_nones(const Type *t, int inputs) {
  if (t->kind != TY_TUPLE || t->nitems <= inputs || !gradient_count(t)) return false;
  for (int i = inputs; i < t->nitems; i++)
    if (t->items[i]->kind != TY_NONE) return false;
  return true;
}

/* forward returns tensors; backward takes a gradient per output and gives one per input. */
static bool pair_fits(Ctx *c, ClassInfo *k, Func *fwd, Func *bwd) {
  int outputs = output_count(fwd->ret), inputs = fwd->nparams - 1;
  if (!outputs) {
    error_at(c, fwd->decl, "%s.forward must return a Tensor or a tuple of them, not %s", k->name, tn(c, fwd->ret));
    return false;
  }
  bool grads_in = bwd->nparams - 1 == outputs;
  for (int i = 1; i < bwd->nparams; i++) grads_in &= is_tensor_type(bwd->params[i].ty);
  if (!grads_in) {
    error_at(c, bwd->decl, "%s.backward takes the ctx and one Tensor per output of forward (%d)", k->name, outputs);
    return false;
  }
  if (gradient_count(bwd->ret) != inputs && !extra_nones(bwd->ret, inputs)) {
    error_at(c, bwd->decl, "%s.backward must return one gradient (a Tensor or None) per input of forward (%d), not %s",
             k->name, inputs, tn(c, bwd->ret));
    return false;
  }
  return true;
}

/* K.apply: a function of K's module, of forward's parameters after the
 * ctx (with their defaults: forward takes what apply leaves out) and its
 * result. */
static Func *made_apply(Ctx *c, ClassInfo *k, Func *entry, Func *fwd) {
  Program *p = c->p;
  Func *f = made_func(c, entry->name, arena_printf(p->arena, "%s.%s", k->name, entry->name),
                      arena_printf(p->arena, "%s_%s", k->cname, entry->name), false);
  f->mod = k->mod;
  f->ret = fwd->ret;
  f->nparams = fwd->nparams - 1;
  f->params = arena_alloc(p->arena, (f->nparams ? f->nparams : 1) * sizeof *f->params);
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &fwd->params[i + 1];
    f->params[i] = (Param){.name = q->name, .cname = c_local(p, f, q->name, false), .ty = q->ty, .decl = q->decl,
                           .dflt = q->dflt, .kept = q->kept};
  }
  f->applies = k;
  f->apply_entry = entry;
  f->checked = true;
  Func **tail = &k->mod->funcs;
  while (*tail) tail = &(*tail)->next;
  *tail = f;
  return f;
}

/* K's forward and backward: the protocol's two methods (as a module's
 * forward is the module protocol's). */
static bool find_pair(Ctx *c, ClassInfo *k, ClassInfo *base) {
  k->autograd_forward = ctx_method(c, k, base, "forward");
  k->autograd_backward = ctx_method(c, k, base, "backward");
  return k->autograd_forward && k->autograd_backward && pair_fits(c, k, k->autograd_forward, k->autograd_backward);
}

/* K.name where K derives an autograd Function and name is its apply:
 * sets *apply to K's (made once) and returns its type; NULL where K.name
 * is something else, an error type where K's definition is not one. */
Type *autograd_apply(Ctx *c, ClassInfo *k, const char *name, Func **apply) {
  ClassInfo *base = autograd_base(k);
  Func *entry = base ? class_method(k, name) : NULL;
  if (!entry || entry->cls != base) return NULL;  /* FunctionCtx's methods are the ctx's */
  if (!k->autograd_apply && !k->autograd_bad) {  /* checked at the first use, reported there once */
    k->autograd_bad = !find_pair(c, k, base);
    if (!k->autograd_bad) k->autograd_apply = made_apply(c, k, entry, k->autograd_forward);
  }
  if (k->autograd_bad) return T(TY_ERROR);
  *apply = k->autograd_apply;
  Func *f = *apply;
  Type **params = arena_alloc(c->p->arena, (f->nparams ? f->nparams : 1) * sizeof *params);
  for (int i = 0; i < f->nparams; i++) params[i] = f->params[i].ty;
  return type_callable(c->p, params, f->nparams, f->ret);
}

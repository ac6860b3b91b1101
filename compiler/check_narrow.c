/* check_narrow.c - where an Optional[T] is known not to be None: the
 * narrowing of a variable by the conditions that test it, as type checkers
 * do it. `if x is not None:` makes x a T in its body, `if x is None:
 * return` makes it a T after the `if`, `assert x is not None` after the
 * assert, `x and f(x)` in the right operand; assigning a T makes it a T
 * until the next assignment. An Optional used where a T is needed without
 * such a test is a compile error (not_none).
 *
 * A narrowing is an entry of Ctx.narrowed, a list whose head is the most
 * recent: entering a branch pushes entries, leaving it restores the head.
 * Only names (locals, parameters, globals) are narrowed.
 */
#include "check.h"

/* The type y has in `list`: its narrowed type, else its declared one. */
static Type *lookup(Narrowed *list, Sym *y) {
  for (Narrowed *n = list; n; n = n->next)
    if (n->sym == y) return n->ty;
  return y->ty;
}

/* The type a name has here. */
Type *narrowed_type(Ctx *c, Sym *y) { return lookup(c->narrowed, y); }

static Narrowed *push(Ctx *c, Narrowed *on, Sym *y, Type *ty) {
  Narrowed *n = arena_alloc(c->p->arena, sizeof *n);
  n->sym = y;
  n->ty = ty;
  n->next = on;
  return n;
}

/* An assignment of a value of type t to y: y is a T after `y = t_value`,
 * None after `y = None`, and back to its declared type otherwise. */
void narrow_assigned(Ctx *c, Sym *y, Type *t) {
  if (!y->ty || y->ty->kind != TY_OPTIONAL) return;
  bool exact = t->kind == TY_NONE || (t->kind != TY_OPTIONAL && !is_err(t) && assignable(y->ty->elem, t));
  c->narrowed = push(c, c->narrowed, y, exact && t->kind != TY_NONE ? y->ty->elem : exact ? t : y->ty);
}

/* The optional variable that e names, or NULL. */
static Sym *optional_name(Node *e) {
  if (e->kind != EX_NAME || !e->sym || !e->sym->ty || e->sym->ty->kind != TY_OPTIONAL) return NULL;
  Sym *y = e->sym;
  return y->kind == SYM_LOCAL || y->kind == SYM_PARAM || y->kind == SYM_GLOBAL ? y : NULL;
}

/* `x is None` / `x is not None` (either way round): x, and whether the
 * test is true when x is None. */
static Sym *none_test(Node *cond, bool *true_if_none) {
  if (cond->kind != EX_COMPARE || cond->cmps->next) return NULL;
  Node *cmp = cond->cmps;
  if (cmp->op != OP_IS && cmp->op != OP_ISNOT) return NULL;
  Node *other = cond->lhs->kind == EX_NONE ? cmp->rhs : cmp->rhs->kind == EX_NONE ? cond->lhs : NULL;
  *true_if_none = cmp->op == OP_IS;
  return other ? optional_name(other) : NULL;
}

/* The narrowings that hold where cond (already checked) is `truth`, on top of `on`. */
Narrowed *narrow_by(Ctx *c, Node *cond, bool truth, Narrowed *on) {
  bool if_none;
  Sym *y = none_test(cond, &if_none);
  if (y) return push(c, on, y, if_none == truth ? T(TY_NONE) : y->ty->elem);
  y = optional_name(cond);
  if (y && truth) return push(c, on, y, y->ty->elem);  /* `if x:` - None is false */
  if (cond->kind == EX_UNARY && cond->op == OP_NOT) return narrow_by(c, cond->lhs, !truth, on);
  bool both = cond->kind == EX_BOOLOP && (cond->op == OP_AND) == truth;
  if (both) return narrow_by(c, cond->rhs, truth, narrow_by(c, cond->lhs, truth, on));
  return on;
}

/* Where a statement list never falls through its end: it returns,
 * breaks, continues, or calls a function that never returns. */
bool block_exits(Node *body) {
  Node *last = body;
  while (last && last->next) last = last->next;
  if (!last) return false;
  switch (last->kind) {
  case ST_RETURN: case ST_BREAK: case ST_CONTINUE: return true;
  case ST_EXPR: return never_returns(last->lhs);
  case ST_ASSERT: return last->cond->kind == EX_FALSE;
  case ST_IF: return last->orelse && block_exits(last->body) && block_exits(last->orelse);
  default: return false;
  }
}

/* After `if`: what both branches leave, `body` and `orelse` being the
 * lists each ended with, both grown from `base` (a branch that never falls
 * through leaves nothing to merge). A name both leave with one type keeps
 * it; otherwise it has its declared type again. */
Narrowed *narrow_join(Ctx *c, Narrowed *base, Narrowed *body, bool body_exits, Narrowed *orelse, bool else_exits) {
  if (body_exits && else_exits) return base;
  if (body_exits) return orelse;
  if (else_exits) return body;
  Narrowed *out = base;
  Narrowed *ends[2] = {body, orelse};
  for (int i = 0; i < 2; i++)
    for (Narrowed *n = ends[i]; n && n != base; n = n->next) {
      Type *tb = lookup(body, n->sym), *te = lookup(orelse, n->sym);
      out = push(c, out, n->sym, tb == te ? tb : n->sym->ty);
    }
  return out;
}

/* The names a statement list assigns (not in nested definitions). */
static void forget_targets(Ctx *c, Node *t) {
  if (!t) return;
  if (t->kind == EX_TUPLE || t->kind == EX_LIST)
    for (Node *x = t->elts; x; x = x->next) forget_targets(c, x);
  if (t->kind != EX_NAME) return;
  Sym *y = find_name(c, t->name);
  if (y && y->ty && y->ty->kind == TY_OPTIONAL && narrowed_type(c, y) != y->ty)
    c->narrowed = push(c, c->narrowed, y, y->ty);
}

/* A loop may run its body again after any assignment in it: on entry,
 * the names the body assigns lose their narrowing. */
void narrow_forget(Ctx *c, Node *body) {
  for (Node *st = body; st; st = st->next) {
    switch (st->kind) {
    case ST_ASSIGN:
      for (Node *t = st->lhs; t; t = t->next) forget_targets(c, t);
      break;
    case ST_ANNASSIGN: case ST_AUGASSIGN: forget_targets(c, st->lhs); break;
    case ST_FOR: forget_targets(c, st->lhs); break;
    case ST_WITH:
      for (Node *it = st->items; it; it = it->next) forget_targets(c, it->rhs);
      break;
    default: break;
    }
    if (st->kind != ST_FUNCDEF && st->kind != ST_CLASSDEF) {
      narrow_forget(c, st->body);
      narrow_forget(c, st->orelse);
    }
  }
}

/* e, of type t, where a value that is not None is needed: an Optional
 * there is an error that says how to narrow it. */
Type *not_none(Ctx *c, Node *e, Type *t) {
  if (t->kind == TY_NONE && e->kind == EX_NAME && e->sym && e->sym->none_assigned)
    return error_at(c, e, "'%s' is None here, and is given another type only further on: declare it with its type "
                    "where it is first assigned ('%s: Optional[T] = None')", e->name, e->name);
  if (t->kind != TY_OPTIONAL) return t;
  const char *what = e->kind == EX_NAME ? arena_printf(c->p->arena, "'%s'", e->name) : "this value";
  return error_at(c, e, "%s may be None here (it is an %s): test '%s is not None' before using it", what, tn(c, t),
                  e->kind == EX_NAME ? e->name : "x");
}

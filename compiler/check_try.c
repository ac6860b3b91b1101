/* check_try.c - try statements and raise: the classes an except clause
 * catches, what raise takes, and the flow of control an exception takes
 * (from any statement of a try body to its handlers, and through finally).
 *
 * An exception is an instance of a class of the exception protocol (the
 * stdlib's builtins declare BaseException with protocol="exception", and
 * ValueError and the rest deriving it). */
#include "check.h"

static bool is_exception_class(const ClassInfo *k) { return k && k->protocol == PROTO_EXCEPTION; }

/* The class a name in an except clause or a raise denotes, or NULL. */
static ClassInfo *exception_classref(const Type *t) {
  return t->kind == TY_CLASSREF && is_exception_class(t->cls) ? t->cls : NULL;
}

/* except E / except (E1, E2): the classes, each an exception class;
 * the common base of them is what `as e` holds. */
static Caught *check_caught(Ctx *c, Node *e, ClassInfo **as_class) {
  Caught *caught = arena_alloc(c->p->arena, sizeof *caught);
  int n = 0;
  for (Node *x = e->kind == EX_TUPLE ? e->elts : e; x; x = e->kind == EX_TUPLE ? x->next : NULL) n++;
  caught->classes = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *caught->classes);
  for (Node *x = e->kind == EX_TUPLE ? e->elts : e; x; x = e->kind == EX_TUPLE ? x->next : NULL) {
    Type *t = check_expr(c, x, NULL);
    ClassInfo *k = exception_classref(t);
    if (!k) {
      if (!is_err(t))
        error_at(c, x, "an except clause names exception classes (ValueError, or a tuple of classes), not %s",
                 a_type(c, t));
      continue;
    }
    caught->classes[caught->n++] = k;
    *as_class = *as_class ? common_base_class(*as_class, k) : k;
  }
  return caught;
}

/* except [E [as e]]: body. `e` holds the exception in the body and is
 * deleted after it, as in Python. */
static void check_handler(Ctx *c, Node *h) {
  ClassInfo *as_class = NULL;
  h->info = h->lhs ? check_caught(c, h->lhs, &as_class) : NULL;
  if (h->rhs) {
    Type *t = as_class ? type_class(c->p, as_class) : T(TY_ERROR);
    bind_target(c, h->rhs, t);
  }
  c->handlers++;
  check_block(c, h->body);
  c->handlers--;
  if (h->rhs && h->rhs->sym) flow_deleted(c, h->rhs->sym);
}

/* Checks `body` with every state at its statements recorded as where an
 * exception may leave it (to the handlers), into `raising`. */
static void check_raising(Ctx *c, Node *body, FlowList *raising) {
  FlowList *outer = c->raising;
  c->raising = raising;
  check_block(c, body);
  flow_may_raise(c);
  c->raising = outer;
  /* An exception the handlers do not catch leaves from the same states. */
  if (outer)
    for (int i = 0; i < raising->n; i++) flow_add_state(c, outer, raising->items[i]);
}

/* try: body / except...: handlers / else: orelse / finally: finalbody.
 * A handler begins where any statement of the body may have raised; after
 * the statement comes the end of the else block (or of the body) and of
 * each handler; finally runs after all of them, and on the way out of
 * return, break and continue. */
void check_try(Ctx *c, Node *st) {
  c->fn->has_try = true;
  c->p->has_try = true;
  Flow *pre = c->flow;
  FlowList raising = {0}, ends = {0}, finals = {0};
  check_raising(c, st->body, &raising);
  if (block_exits(st->body)) st->flags |= BLOCK_EXITS;
  else {
    check_raising(c, st->orelse, &finals);  /* else's exceptions are not the handlers' */
    if (!block_exits(st->orelse)) flow_add_state(c, &ends, c->flow);
  }
  Flow *caught = flow_join_states(c, pre, &raising);
  for (Node *h = st->handlers; h; h = h->next) {
    c->flow = caught;
    FlowList *outer = c->raising;
    int from = finals.n;
    c->raising = &finals;  /* a handler's exceptions go on to finally and outwards */
    check_handler(c, h);
    flow_may_raise(c);
    c->raising = outer;
    if (outer)
      for (int i = from; i < finals.n; i++) flow_add_state(c, outer, finals.items[i]);
    if (block_exits(h->body)) h->flags |= BLOCK_EXITS;
    else flow_add_state(c, &ends, c->flow);
  }
  if (!st->finalbody) {
    c->flow = flow_join_states(c, pre, &ends);
    return;
  }
  /* finally: checked once, from every state that reaches it. */
  for (int i = 0; i < raising.n; i++) flow_add_state(c, &finals, raising.items[i]);
  for (int i = 0; i < ends.n; i++) flow_add_state(c, &finals, ends.items[i]);
  c->flow = flow_join_states(c, pre, &finals);
  int outer_loops = c->finally_loops;
  c->finally_loops = c->loops;
  check_block(c, st->finalbody);
  c->finally_loops = outer_loops;
}

/* `raise MyError`, a class of the program: raises MyError(), as Python does. */
static Node *called(Ctx *c, Node *cls) {
  Node *call = ast_new(c->p->arena, EX_CALL, cls->file, cls->pos, cls->len);
  call->lhs = cls;
  return call;
}

/* raise [E [from C]]: E is an exception instance or class (raised with
 * no message); a bare raise re-raises the exception being handled. */
void check_raise(Ctx *c, Node *st) {
  if (!st->lhs) {
    if (!c->handlers) error_at(c, st, "a bare 'raise' re-raises the exception being handled: use it in an except clause");
    return;
  }
  Node **parts[] = {&st->lhs, &st->rhs};
  for (int i = 0; i < 2; i++) {
    Node *x = *parts[i];
    if (!x || (i == 1 && x->kind == EX_NONE)) continue;
    Type *t = check_expr(c, x, NULL);
    ClassInfo *own = exception_classref(t);
    if (own && !own->is_extern) t = check_expr(c, *parts[i] = called(c, x), NULL);
    if (is_err(t) || exception_classref(t) || (is_class(t) && is_exception_class(t->cls))) continue;
    error_at(c, x, "exceptions must derive from BaseException: %s is %s", i ? "the cause" : "what is raised",
             a_type(c, t));
  }
}

/* The one argument of an exception's constructor or of its
 * super().__init__(...): a str, or any value that has a str and a repr
 * (ValueError(3): str(e) "3", repr(e) `ValueError(3)`), which the
 * exception keeps as those two (ci->exc_arg). CPython's several
 * arguments, a tuple in e.args, are not in the language. */
static void check_exc_argument(Ctx *c, Node *e, const char *name, CallInfo *ci) {
  Node *a = e->args;
  if (!a) return;
  for (Node *x = a; x; x = x->next)
    if (x->kind == ND_KEYWORD || x->kind == EX_STARRED) {
      error_at(c, x, "%s() takes no keyword or starred arguments", name);
      return;
    }
  if (a->next) {
    error_at(c, a->next, "%s() takes at most one argument: several (CPython's e.args tuple) are not in the language",
             name);
    return;
  }
  Type *t = check_expr(c, a, NULL);
  if (!is_err(t) && !printable(t)) {
    error_at(c, a, "the argument of %s() is %s, which has no str to show", name, a_type(c, t));
    return;
  }
  ci->args[1] = a;
  ci->exc_arg = !is_err(t) && t->kind != TY_STR;
}

/* E(arg) of a built-in exception class, or of a class of the program
 * deriving one without an __init__ of its own (it takes the base's). */
Type *check_exc_ctor(Ctx *c, Node *e, ClassInfo *k) {
  CallInfo *ci = new_call(c, e, CALL_CTOR, 2);
  ci->cls = k;
  ci->fn = k->is_extern ? k->init : NULL;
  check_exc_argument(c, e, k->name, ci);
  return set_type(e, k->ty);
}

/* super().__init__(arg) in the __init__ of a class deriving a built-in
 * exception class: the argument goes to the exception's header. */
Type *check_exc_init(Ctx *c, Node *e, Node *self) {
  CallInfo *ci = new_call(c, e, CALL_EXC_INIT, 2);
  ci->recv = self;
  check_exc_argument(c, e, "super().__init__", ci);
  return set_type(e, T(TY_NONE));
}

/* The __init__ of an exception class whose base's is a built-in one, with
 * parameters: it calls super().__init__(...) among its statements. (Without
 * that call CPython's exception keeps the constructor's arguments, a tuple
 * of them, which is not in the language.) */
void check_exc_super_init(Ctx *c, Func *f) {
  if (f->nparams <= 1) return;
  for (Node *st = f->decl->body; st; st = st->next) {
    CallInfo *ci = st->kind == ST_EXPR && st->lhs->kind == EX_CALL ? st->lhs->info : NULL;
    if (ci && ci->kind == CALL_EXC_INIT) return;
  }
  error_at(c, f->decl, "%s must call super().__init__(message) in its body: the exception keeps that message",
           f->qname);
}

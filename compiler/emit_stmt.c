/* emit_stmt.c - statements: assignment, if, with, return, assert, del,
 * import, and the statement around all of them.
 *
 * Each statement is written under a comment quoting its source line, with
 * the location a failure in it reports, and its temporaries released at its
 * end. Loops are emit_loop.c's; the expressions, emit_expr.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ---- assignment ------------------------------------------------------------ */

/* x[i] = v of a class: x.__setitem__(i, v), the value last. */
static void emit_setitem(E *e, Node *t, CallInfo *ci, Val v) {
  Func *f = ci->fn;
  Val vs = stable(e, v);
  Val o = stable(e, ex(e, t->lhs));
  Buf b = {0};
  buf_printf(&b, "%s(%s", method_cname(f), coerce(e, o.c, o.ty, f->params[0].ty));
  Param *vp = &f->params[f->nparams - 1];
  CallInfo only_index = *ci;
  only_index.nargs = f->nparams - 1;
  call_args(e, &only_index, f->params, 1, &b, false);
  if (vp->ty->kind == TY_ANY)  /* the value and its descriptor, as call_args passes an Any */
    buf_printf(&b, ", %s, %s)", box(e, borrow(e, vs), vs.ty), desc(e, vs.ty));
  else
    buf_printf(&b, ", %s)", coerce(e, vs.c, vs.ty, vp->ty));
  set_at(e, t);
  Val r = extern_result(e, f, b.data, type_prim(TY_NONE));
  line(e, "%s;", r.c);
  buf_free(&b);
}

/* Stores v (any ownership) into the target. */
/* obj.name = v of a property: its setter, which may fail (a RuntimeError
 * of libtorch's: requires_grad of an integer tensor). */
static void set_property(E *e, Node *t, Val v) {
  Func *set = ((Func *)t->info)->setter;
  const char *value = borrow(e, stable(e, v));
  Val o = ex(e, t->lhs);
  const char *obj = coerce(e, borrow(e, o), o.ty, set->params[0].ty);
  set_at(e, t);
  line(e, "%s;", extern_result(e, set, fmt(e, "%s(%s, %s)", set->cname, obj, coerce(e, value, v.ty, set->params[1].ty)),
                                type_prim(TY_NONE)).c);
}

/* obj.field = v, or a property's setter. */
static void slice_bounds(E *e, Node *s, const char *out[3]);

static void store_attr(E *e, Node *t, Val v) {
  if (t->flags & ATTR_PROPERTY) {
    set_property(e, t, v);
    return;
  }
  Field *f = t->info;
  if (t->lhs->ty->kind == TY_CLASS && t->lhs->ty->cls->protocol == PROTO_NAMESPACE) {  /* args.lr = 0.1 */
    const char *obj = borrow(e, ex(e, t->lhs));
    bool optional = f->ty->kind == TY_OPTIONAL;
    set_at(e, t);
    line(e, "gt_namespace_set(%s, %d, %s, %s, %s, %s);", obj, (int)(f - t->lhs->ty->cls->fields),
         c_quote(e, f->name), desc(e, optional ? f->ty->elem : f->ty), optional ? "true" : "false",
         slot_box(e, coerce(e, borrow(e, v), v.ty, f->ty), f->ty));
    return;
  }
  const char *obj = arrow(e, borrow(e, ex(e, t->lhs)));
  if (type_is_ref(f->ty)) line(e, "%s->%s = gt_replace(%s->%s, %s);", obj, f->cname, obj, f->cname, owned_as(e, v, f->ty).c);
  else line(e, "%s->%s = %s;", obj, f->cname, coerce(e, v.c, v.ty, f->ty));
  if (f->late) line(e, "%s->%s = true;", obj, late_flag(e, f));
}

/* a, b = some_list (or a `*args` tuple): Python's ValueError unless it has as many items. */
static void store_list_items(E *e, Node *t, Val v) {
  const char *list = stable(e, v).c;
  bool tuple = v.ty->kind == TY_VARTUPLE;
  const char *len = fmt(e, tuple ? "%s->len" : "gt_list_len(%s)", list);
  int n = ast_count(t->elts);
  set_at(e, t);
  line(e, "if (%s > %d) gt_fail(\"ValueError: too many values to unpack (expected %d)\");", len, n, n);
  line(e, "if (%s < %d)", len, n);
  line(e, "  gt_fail(\"ValueError: not enough values to unpack (expected %d, got %%lld)\", (long long)%s);", n, len);
  int i = 0;
  for (Node *x = t->elts; x; x = x->next, i++) {  /* borrowed: the length is checked (gt_list_get's is a new one) */
    const char *item = fmt(e, "%s->items[%d]", list, i);
    store(e, x, val(unbox(e, item, v.ty->elem), v.ty->elem, false));
  }
}

/* The starred item of tuple target t, at position *before; NULL if none. */
static Node *starred_item(Node *t, int *before) {
  *before = 0;
  for (Node *x = t->elts; x; x = x->next, ++*before)
    if (x->kind == EX_STARRED) return x;
  return NULL;
}

/* first, *rest = (1, 2.5, 3): the starred target's list is made of the
 * fixed tuple's items between the other targets'. */
static void store_starred_tuple(E *e, Node *t, Node *star, int before, const char *tup, Type *ty) {
  int n = ast_count(t->elts), count = ty->nitems - (n - 1);
  Type *rest = type_settled(star->ty);
  Buf b = {0};
  buf_printf(&b, "gt_list_of(%s, %d", desc(e, rest), count);
  for (int k = before; k < before + count; k++) {
    const char *item = unbox(e, fmt(e, "%s->items[%d]", tup, k), ty->items[k]);
    buf_printf(&b, ", %s", box(e, coerce(e, item, ty->items[k], rest->elem), rest->elem));
  }
  buf_printf(&b, ")");
  const char *list = fmt(e, "%s", b.data);
  buf_free(&b);
  int i = 0;
  for (Node *x = t->elts; x; x = x->next, i++) {
    if (x == star) {
      store(e, x->lhs, val(list, rest, true));
      continue;
    }
    int k = i < before ? i : ty->nitems - (n - i);
    store(e, x, val(unbox(e, fmt(e, "%s->items[%d]", tup, k), ty->items[k]), ty->items[k], false));
  }
}

/* first, *rest = xs of a list or a tuple[T, ...]: CPython's ValueError
 * unless it has an item for each other target; the starred target takes
 * a new list of the items between theirs. */
static void store_starred(E *e, Node *t, Node *star, int before, Val v) {
  const char *src = stable(e, v).c;
  if (v.ty->kind == TY_TUPLE) {
    store_starred_tuple(e, t, star, before, src, v.ty);
    return;
  }
  int n = ast_count(t->elts);
  const char *len = fmt(e, "%s->len", src);
  set_at(e, t);
  line(e, "if (%s < %d)", len, n - 1);
  line(e, "  gt_fail(\"ValueError: not enough values to unpack (expected at least %d, got %%lld)\", (long long)%s);",
       n - 1, len);
  Type *elem = v.ty->elem;
  int i = 0;
  for (Node *x = t->elts; x; x = x->next, i++) {
    if (x == star) {
      const char *rest = fmt(e, "gt_list_from_array(%s, %s - %d, %s->items + %d)", desc(e, star->ty), len, n - 1, src,
                             before);
      store(e, x->lhs, val(rest, star->ty, true));
      continue;
    }
    const char *item = i < before ? fmt(e, "%s->items[%d]", src, i) : fmt(e, "%s->items[%s - %d]", src, len, n - i);
    store(e, x, val(unbox(e, item, elem), elem, false));
  }
}

void store(E *e, Node *t, Val v) {
  switch (t->kind) {
  case EX_ATTR:
    if (!t->sym) {
      store_attr(e, t, v);
      return;
    }
    /* Config.lr = v: a class attribute is a global */
    /* fallthrough */
  case EX_NAME: {
    const char *dst = var_c(e, t->sym);
    Type *ty = t->sym->ty;
    if (t->sym->bound_cname) line(e, "%s = true;", t->sym->bound_cname);
    if (unread_number(t->sym)) {
      if (!is_simple(v.c)) line(e, "%s;", v.c);  /* only its effects */
      return;
    }
    if (type_is_ref(ty)) line(e, "%s = gt_replace(%s, %s);", dst, dst, owned_as(e, v, ty).c);
    else line(e, "%s = %s;", dst, coerce(e, v.c, v.ty, ty));
    return;
  }

  case EX_INDEX: {
    if (t->lhs->ty->kind == TY_CLASS) {
      emit_setitem(e, t, t->info, v);
      return;
    }
    const char *vb = stable(e, v).c;
    Type *ot = t->lhs->ty;
    const char *o = stable(e, ex(e, t->lhs)).c;
    if (t->rhs->kind == EX_SLICE) {  /* xs[a:b] = ys */
      const char *b[3];
      slice_bounds(e, t->rhs, b);
      set_at(e, t);
      line(e, "gt_list_set_slice(%s, %s, %s, %s, %s);", o, b[0], b[1], b[2], vb);
      return;
    }
    Val k = ex(e, t->rhs);
    set_at(e, t);
    if (ot->kind == TY_DICT) {
      const char *kb = borrow(e, k);
      line(e, "gt_dict_set(%s, %s, %s);", o, box(e, kb, ot->key), box(e, coerce(e, vb, v.ty, ot->elem), ot->elem));
    } else {
      line(e, "gt_list_set(%s, %s, %s);", o, k.c, box(e, coerce(e, vb, v.ty, ot->elem), ot->elem));
    }
    return;
  }
  case EX_TUPLE:
  case EX_LIST: {
    int before;
    Node *star = starred_item(t, &before);
    if (star) {
      store_starred(e, t, star, before, v);
      return;
    }
    if (v.ty->kind == TY_LIST || v.ty->kind == TY_VARTUPLE) {
      store_list_items(e, t, v);
      return;
    }
    const char *tup = stable(e, v).c;
    int i = 0;
    for (Node *x = t->elts; x; x = x->next, i++) {
      Type *it = v.ty->items[i];
      if (x->kind == EX_NAME && unread_number(x->sym)) {
        /* `_, y = pair`: loading an item nothing reads has no effect */
        if (x->sym->bound_cname) line(e, "%s = true;", x->sym->bound_cname);
        continue;
      }
      store(e, x, val(unbox(e, fmt(e, "%s->items[%d]", tup, i), it), it, false));
    }
    return;
  }
  default: return;
  }
}

static void emit_assign(E *e, Node *st) {
  /* a, b = b, a: evaluate every value first, then store, without a tuple. */
  int before;
  if (!st->lhs->next && (st->lhs->kind == EX_TUPLE || st->lhs->kind == EX_LIST) && st->rhs->kind == EX_TUPLE &&
      ast_count(st->lhs->elts) == ast_count(st->rhs->elts) && !starred_item(st->lhs, &before)) {
    Val *vals = arena_alloc(e->p->arena, ast_count(st->rhs->elts) * sizeof *vals);
    int n = 0;
    for (Node *x = st->rhs->elts; x; x = x->next) {
      /* Each value is owned by its temporary, then moved into its target. */
      Val v = ex(e, x);
      const char *t = new_temp(e, v.ty);
      line(e, "%s = %s;", t, own(e, v));
      vals[n++] = temp_result(e, t, v.ty);
    }
    n = 0;
    for (Node *t = st->lhs->elts; t; t = t->next) store(e, t, vals[n++]);
    return;
  }
  Val v = ex(e, st->rhs);
  if (st->lhs->next) v = stable(e, v);
  store(e, st->lhs, v);
  for (Node *t = st->lhs->next; t; t = t->next) store(e, t, v);
}

static void emit_augassign(E *e, Node *st) {
  Node *t = st->lhs;
  Type *tt = t->ty;
  Node rebound = *t;  /* total += loss.item() of an int total: a float version of it takes the result */
  if (st->sym) rebound.sym = st->sym;
  if (st->cond) {  /* a class operand: x.__iadd__(v) or x + v, computed by check.c's EX_BINOP */
    Val r = ex(e, st->cond);
    if (t->kind == EX_INDEX && t->lhs->ty->kind == TY_CLASS) emit_setitem(e, t, st->info, r);
    else store(e, &rebound, r);
    return;
  }
  if (tt->kind == TY_LIST && st->op == OP_ADD) {  /* xs += ys extends in place */
    const char *l = stable(e, ex(e, t)).c;
    line(e, "gt_list_extend(%s, %s);", l, borrow(e, ex(e, st->rhs)));
    return;
  }
  if (tt->kind == TY_DICT) {  /* d |= e updates d in place, as d.update(e) */
    const char *d = stable(e, ex(e, t)).c;
    line(e, "gt_dict_update(%s, %s);", d, borrow(e, ex(e, st->rhs)));
    return;
  }
  if (tt->kind == TY_SET) {  /* s |= t and the others change s in place: every name for it sees the change */
    static const char *const fns[] = {[OP_BITOR] = "gt_set_update", [OP_BITAND] = "gt_set_intersection_update",
                                      [OP_SUB] = "gt_set_difference_update",
                                      [OP_BITXOR] = "gt_set_symmetric_difference_update"};
    const char *s = stable(e, ex(e, t)).c;
    line(e, "%s(%s, %s);", fns[st->op], s, borrow(e, ex(e, st->rhs)));
    return;
  }
  if (t->kind == EX_NAME) {
    Val cur = val(var_c(e, t->sym), tt, false);
    Val r = ex_arith(e, st, st->op, cur, ex(e, st->rhs));
    r.ty = st->ty;
    store(e, &rebound, r);
    return;
  }
  /* obj.f op= v, xs[i] op= v: the object and index are evaluated once. */
  Node fake_target = *t;
  Node obj_holder = *t->lhs;
  Val o = stable(e, ex(e, t->lhs));
  obj_holder.kind = EX_NAME;
  Sym tmp = {.kind = SYM_LOCAL, .cname = o.c, .ty = t->lhs->ty};
  obj_holder.sym = &tmp;
  fake_target.lhs = &obj_holder;
  if (t->kind == EX_INDEX) {
    Node idx_holder = *t->rhs;
    Val k = stable(e, ex(e, t->rhs));
    Sym ktmp = {.kind = SYM_LOCAL, .cname = k.c, .ty = t->rhs->ty};
    idx_holder.kind = EX_NAME;
    idx_holder.sym = &ktmp;
    fake_target.rhs = &idx_holder;
    Val cur = stable(e, ex(e, &fake_target));
    Val r = ex_arith(e, st, st->op, cur, ex(e, st->rhs));
    r.ty = st->ty;
    /* g["lr"] *= 0.5 of a class: __getitem__, the number, then __setitem__ */
    if (t->lhs->ty->kind == TY_CLASS) emit_setitem(e, &fake_target, st->info, r);
    else store(e, &fake_target, r);
    return;
  }
  Val cur = stable(e, ex(e, &fake_target));
  Val r = ex_arith(e, st, st->op, cur, ex(e, st->rhs));
  r.ty = st->ty;
  store(e, &fake_target, r);
}

/* ---- statements ----------------------------------------------------------- */


/* The truth of an if's condition, its temporaries released first. */
static const char *if_condition(E *e, Node *st) {
  int mark = e->f->npending;
  pend_at(e, st);
  const char *k = truth(e, ex(e, st->cond));
  if (e->f->npending > mark) {
    const char *kt = new_temp(e, type_prim(TY_BOOL));
    line(e, "%s = %s;", kt, k);
    flush(e, mark);
    settle_cond_at(e, "");
    return cond_text(e, kt);
  }
  settle_cond_at(e, k);
  return cond_text(e, k);
}

static void emit_branch(E *e, Node *body) {
  e->f->indent++;
  forget_at(e);
  emit_block(e, body);
  e->f->indent--;
}

/* if/elif/else. An elif chain is walked in a loop, not by recursion, and
 * stays at one indentation: `} else if (c) {` where the condition is one C
 * expression, else an `else` block holding the statements it needs (so a
 * chain of thousands of elifs gives C of linear size). */
static void emit_if(E *e, Node *st) {
  if (st->flags & (IF_ALWAYS | IF_NEVER)) {  /* the test is a constant of a name: the branch taken alone */
    emit_block(e, st->flags & IF_ALWAYS ? st->body : st->orelse);
    return;
  }
  const Node *outer = e->f->stmt;
  line(e, "if (%s) {", if_condition(e, st));
  int blocks = 0;  /* `else {` blocks opened for conditions that need statements */
  for (;;) {
    emit_branch(e, st->body);
    Node *el = st->orelse;
    if (!el) break;
    if (el->kind != ST_IF || el->next || (el->flags & (IF_ALWAYS | IF_NEVER))) {
      line(e, "} else {");
      emit_branch(e, el);
      break;
    }
    e->f->stmt = el;
    Capture cap;
    capture_begin(e, &cap);
    const char *k = if_condition(e, el);
    Buf pre = capture_end(e, &cap);
    comment(e, el);
    if (!pre.len) {
      line(e, "} else if (%s) {", k);
    } else {
      line(e, "} else {");
      e->f->indent++;
      blocks++;
      splice(e, &pre);
      line(e, "if (%s) {", k);
    }
    buf_free(&pre);
    forget_at(e);
    st = el;
  }
  line(e, "}");
  while (blocks--) {
    e->f->indent--;
    line(e, "}");
  }
  e->f->stmt = outer;
  forget_at(e);
}

/* __exit__'s exc_type, exc and tb: of the exception the with block's
 * handler h holds, None for each where it holds none or where the block is
 * left by a jump (h NULL). The traceback is a temporary of the statement. */
static void exit_exception_args(E *e, Buf *b, Func *f, const char *h) {
  if (!h) {
    buf_printf(b, ", NULL, NULL, NULL");
    return;
  }
  Type *tb = f->params[3].ty->elem;
  const char *t = new_temp(e, tb);
  line(e, "%s = gt_traceback_of(%s.exc);", t, h);
  buf_printf(b, ", gt_classobj_of_obj(%s.exc), %s.exc, %s", h, h, borrow(e, temp_result(e, t, tb)));
}

/* ctx.__exit__(): with the exception passing (exit_exception_args), or its
 * other parameters at their defaults. Where it returns True, the exception
 * is suppressed: the handler lets it go. */
static void emit_exit(E *e, int w, const char *h) {
  struct With *with = &e->f->withs[w];
  Func *f = with->exit;
  int mark = e->f->npending;
  Buf b = {0};
  buf_printf(&b, "%s(%s", method_cname(f), coerce(e, with->ctx, with->ty, f->params[0].ty));
  if (with->info->takes_exc) exit_exception_args(e, &b, f, h);
  for (int i = 1; !with->info->takes_exc && i < f->nparams; i++) {
    if (f->params[i].varargs) {  /* __exit__(self, *exc): given nothing */
      Val none = val(fmt(e, "gt_tuple_of_elems(%s, 0, NULL)", desc(e, f->params[i].ty->elem)), f->params[i].ty, true);
      buf_printf(&b, ", %s", borrow(e, none));
      continue;
    }
    Val v = stable(e, default_value(e, &f->params[i]));
    buf_printf(&b, ", %s", coerce(e, v.c, v.ty, f->params[i].ty));
  }
  buf_printf(&b, ")");
  Val r = extern_result(e, f, fmt(e, "%s", b.data), f->ret);
  buf_free(&b);
  if (with->info->may_suppress && h) line(e, "if (%s && %s.exc) %s.exc = gt_replace(%s.exc, NULL);", r.c, h, h, h);
  else if (r.owned && is_ref(r)) line(e, "gt_release(%s);", r.c);
  else line(e, "%s;", r.c);
  flush(e, mark);
}

/* Leaving `with` blocks and try statements early: every one entered inside
 * the innermost loop (break, continue), or all of them (return). */
void exit_withs(E *e, bool all) {
  for (int w = e->f->nwiths - 1; w >= 0; w--) {
    if (!all && e->f->withs[w].loops < e->f->loops) break;
    if (e->f->withs[w].exit) emit_exit(e, w, NULL);
    else emit_try_exit(e, w);
  }
}

/* A new entry on the stack of what jumps must undo. */
struct With *push_exit(E *e) {
  FnState *f = e->f;
  if (f->nwiths == f->capwiths) {
    f->capwiths = f->capwiths ? 2 * f->capwiths : 8;
    f->withs = realloc(f->withs, f->capwiths * sizeof *f->withs);
  }
  struct With *w = &f->withs[f->nwiths++];
  memset(w, 0, sizeof *w);
  w->loops = f->loops;
  return w;
}

/* with ctx as x: body -> x = ctx.__enter__(); body; ctx.__exit__() */
static void emit_with(E *e, Node *st) {
  int entered = 0;
  for (Node *it = st->items; it; it = it->next) {
    const WithInfo *with = it->info;
    Func *enter = with->enter;
    int mark = e->f->npending;
    Val v = ex(e, it->lhs);
    const char *ctx = hold(e, it->lhs->ty, own(e, v));
    Buf b = {0};
    buf_printf(&b, "%s(%s)", method_cname(enter), coerce(e, ctx, it->lhs->ty, enter->params[0].ty));
    Val r = extern_result(e, enter, fmt(e, "%s", b.data), enter->returns_self ? it->lhs->ty : enter->ret);
    buf_free(&b);
    if (it->rhs) store(e, it->rhs, r);
    else if (r.owned && is_ref(r)) line(e, "gt_release(%s);", r.c);
    else line(e, "%s;", r.c);
    flush(e, mark);
    struct With *w = push_exit(e);
    w->ctx = ctx;
    w->ty = it->lhs->ty;
    w->exit = with->exit;
    w->info = with;
    entered++;
  }
  /* In a program that catches exceptions, one passing through the block
   * calls __exit__ on its way out: a handler around the body. */
  const char *h = e->p->has_try ? emit_try_open(e) : NULL;
  int w = e->f->nwiths - 1;
  emit_block(e, st->body);
  if (h) emit_try_close(e, h, (st->flags & BLOCK_EXITS) != 0, e->f->withs[w].resumed);
  forget_at(e);
  while (entered--) {
    emit_exit(e, e->f->nwiths - 1, h);
    unhold(e, e->f->withs[--e->f->nwiths].ctx);
  }
  if (h) line(e, "if (%s.exc) gt_reraise(&%s);", h, h);
}

static void emit_return(E *e, Node *st) {
  if (st->rhs) {
    Val v = ex(e, st->rhs);
    Type *rt = e->f->fn->ret;
    if (rt->kind == TY_NONE) {
      discard_none(e, v);
    } else {
      Val o = owned_as(e, v, rt);
      line(e, "_ret = %s;", coerce(e, o.c, o.ty, rt));
    }
  }
  for (int i = 0; i < e->f->npending; i++) release_line(e, e->f->pending[i]);
  exit_withs(e, true);
  line(e, "goto _out;");
  e->f->uses_out = true;
}

/* Is with-stack entry w a try statement's or with block's handler that
 * is active where a yield inside it stops (not an except clause's)? */
static bool handler_active(const struct With *w) { return w->handler && !w->caught; }

/* A yield inside try statements and with blocks (Func.yields_in_try):
 * their handlers leave the chain while the generator is stopped, since
 * the setjmp of each belongs to this call of next, and are entered again,
 * outermost first, where it resumes, each setjmp going to its handler's
 * code (`_hN_caught`); an exception thrown in (gen.throw, gen.close) is
 * raised there, at the yield (st). */
static void untry_at_yield(E *e) {
  for (int w = e->f->nwiths - 1; w >= 0; w--)
    if (handler_active(&e->f->withs[w])) line(e, "gt_untry(&%s);", e->f->withs[w].handler);
}

static void retry_at_resume(E *e, Node *st) {
  for (int w = 0; w < e->f->nwiths; w++) {
    struct With *x = &e->f->withs[w];
    if (!handler_active(x)) continue;
    line(e, "gt_try(&%s);", x->handler);
    line(e, "if (setjmp(%s.jump) != 0) goto %s_caught;", x->handler, x->handler);
    x->resumed = true;
  }
  if (!e->f->fn->yields_in_try) return;
  set_at(e, st);
  line(e, "gt_gen_raise_thrown(_gen);");
}

/* yield v: v goes to the caller of next (a new reference), and the body
 * stops until the next call, which the switch at the top of next (emit.c)
 * sends to the label after it. */
static void yield_value(E *e, Node *st, Val v, int mark) {
  Type *el = e->f->fn->ret->elem;
  Val o = owned_as(e, v, el);
  line(e, "*_item = %s;", box(e, coerce(e, o.c, o.ty, el), el));
  flush(e, mark);
  int k = ++e->f->nyields;
  line(e, "_gen->state = %d;", k);
  untry_at_yield(e);
  if (e->f->unwinds) line(e, "gt_leave_holdings(&_holdings);");  /* a generator's: emit.c's enter_frame */
  if (!e->f->frameless) line(e, "gt_leave(&_fr);");
  line(e, "return true;");
  line(e, "_yield%d:;", k);
  forget_at(e);  /* a new _fr: the next failure writes its location */
  retry_at_resume(e, st);
}

static void yield_from_body(E *e, void *ctx) {
  Node *st = ctx;
  yield_value(e, st, ex(e, st->lhs), e->f->npending);
}

/* yield v; yield from xs: a for loop over xs (st->info) that yields each element. */
static void emit_yield(E *e, Node *st) {
  if (!(st->flags & YIELD_FROM)) {
    yield_value(e, st, ex(e, st->rhs), e->f->npending);
    return;
  }
  Sym *y = st->lhs->sym;
  if (type_is_ref(y->ty)) {
    buf_printf(&e->f->decls, "  %s%s = NULL;\n", ctype(e, y->ty), y->cname);
    held_to_end(e, y->cname);
  } else {
    buf_printf(&e->f->decls, "  %s %s = 0;\n", ctype(e, y->ty), y->cname);
  }
  emit_for_loop(e, st->lhs, st->info, yield_from_body, st);
}

static void emit_assert(E *e, Node *st) {
  int mark = e->f->npending;
  const char *k = truth(e, ex(e, st->cond));
  const char *kt = new_temp(e, type_prim(TY_BOOL));
  line(e, "%s = %s;", kt, k);
  flush(e, mark);
  line(e, "if (!%s) {", kt);
  e->f->indent++;
  if (st->rhs) {
    Val m = stable(e, to_str(e, ex(e, st->rhs)));
    set_at(e, st);
    line(e, "gt_fail(\"AssertionError: %%s\", %s->data);", arrow(e, m.c));
  } else {
    set_at(e, st);
    line(e, "gt_fail(\"AssertionError\");");
  }
  e->f->indent--;
  line(e, "}");
  forget_at(e);
}

/* The C of a slice's lo, hi and step, GT_NOIDX where omitted. */
static void slice_bounds(E *e, Node *s, const char *out[3]) {
  Node *n[3] = {s->lo, s->hi, s->step};
  for (int i = 0; i < 3; i++) out[i] = n[i] ? stable(e, ex(e, n[i])).c : "GT_NOIDX";
}

static void emit_del(E *e, Node *st) {
  for (Node *t = st->targets ? st->targets : st->lhs; t; t = t->next) {
    if (t->kind == EX_NAME) {  /* del x: its value released; a read the checker let through tests the flag */
      const char *x = var_c(e, t->sym);
      if (type_is_ref(t->ty)) line(e, "%s = gt_replace(%s, NULL);", x, x);
      if (t->sym->bound_cname) line(e, "%s = false;", t->sym->bound_cname);
      continue;
    }
    Type *ot = t->lhs->ty;
    const char *o = stable(e, ex(e, t->lhs)).c;
    if (t->rhs->kind == EX_SLICE) {
      const char *b[3];
      slice_bounds(e, t->rhs, b);
      set_at(e, t);
      line(e, "gt_list_del_slice(%s, %s, %s, %s);", o, b[0], b[1], b[2]);
      continue;
    }
    Val k = ex(e, t->rhs);
    set_at(e, t);
    if (ot->kind == TY_DICT) line(e, "gt_dict_del(%s, %s);", o, box(e, borrow(e, k), ot->key));
    else line(e, "gt_val_release(gt_list_pop(%s, %s), %s);", o, k.c, desc(e, ot->elem));
  }
}

static Module *module_named(E *e, const char *name) {
  for (Module *m = e->p->all; m; m = m->all_next)
    if (strcmp(m->name, name) == 0) return m;
  return NULL;
}

/* The call of m's init, where its import runs code (reach.c: Module.quiet);
 * counted, and written only where `write`. */
static int init_call(E *e, Module *m, bool write) {
  if (!m || m->quiet) return 0;
  if (write) line(e, "%s();", m->init->cname);
  return 1;
}

/* `a.b.c` runs a's, a.b's and a.b.c's top-level code, as Python imports parents first. */
static int init_dotted(E *e, const char *name, bool write) {
  int n = 0;
  for (const char *dot = name;; dot++) {
    if (*dot == '.' || !*dot) {
      n += init_call(e, module_named(e, arena_strndup(e->p->arena, name, dot - name)), write);
      if (!*dot) return n;
    }
  }
}

/* Imports run the imported modules' top-level code once, where they stand;
 * the number of init calls (none: the statement has no C). */
static int emit_import(E *e, Node *st, bool write) {
  int n = 0;
  if (st->kind == ST_FROMIMPORT) {
    n += init_dotted(e, st->name, write);
    for (Node *al = st->names; al; al = al->next)  /* from torchvision import transforms */
      n += init_call(e, module_named(e, arena_printf(e->p->arena, "%s.%s", st->name, al->name)), write);
    return n;
  }
  for (Node *al = st->names; al; al = al->next) n += init_dotted(e, al->name, write);
  return n;
}

/* The source line of a statement, as a C comment; once for statements a
 * line made together, written one after the other (a match's case: the
 * if of the subject's kind, whose types decide it, then its tests' if). */
void comment(E *e, Node *st) {
  if (e->f->comment_end && e->f->comment_end == e->f->body.len && e->f->comment_pos == st->pos) return;
  const char *s = st->file->text + st->pos;
  const char *end = strchr(s, '\n');
  size_t len = end ? (size_t)(end - s) : strlen(s);
  if (len > 100) len = 100;
  Buf b = {0};
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\r') continue;
    if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
      buf_printf(&b, "* /");
      i++;
      continue;
    }
    buf_printf(&b, "%c", s[i]);
  }
  line(e, "/* %s */", b.data ? b.data : "");
  e->f->comment_end = e->f->body.len;
  e->f->comment_pos = st->pos;
  buf_free(&b);
}

static bool is_definition(Node *st) {
  return (st->kind == ST_FUNCDEF && !st->info) || st->kind == ST_CLASSDEF || st->kind == ST_EXTERNDEF || st->kind == ST_EXTERNVAR ||
         st->kind == ST_EXTERNLINK || st->kind == ST_TYPEALIAS || st->kind == ST_GLOBAL || st->kind == ST_PASS ||
         st->kind == ST_NONLOCAL;
}

/* f's defaults that are no constants (Param.kept), where its def runs:
 * into the globals the calls read. */
static void set_kept_defaults(E *e, Func *f) {
  bool commented = false;
  for (int i = 0; f && f->used && i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (!q->kept) continue;
    if (!commented) line(e, "/* def %s: its defaults, made once */", f->qname);
    commented = true;
    int mark = e->f->npending;
    set_at(e, q->dflt);
    Val v = ex(e, q->dflt);
    if (type_is_ref(q->ty)) line(e, "%s = gt_replace(%s, %s);", q->kept, q->kept, owned_as(e, v, q->ty).c);
    else line(e, "%s = %s;", q->kept, coerce(e, v.c, v.ty, q->ty));
    flush(e, mark);
  }
}

/* A top-level def's (a class's methods') kept defaults. */
static void def_defaults(E *e, Node *st) {
  Sym *y = st->sym ? st->sym : scope_find(&e->m->globals, st->name);  /* a def's own version (resolve.c) */
  const Node *outer = e->f->stmt;
  e->f->stmt = st;
  if (st->kind == ST_FUNCDEF) set_kept_defaults(e, st->info ? st->info : y && y->kind == SYM_FUNC ? y->fn : NULL);
  for (Func *f = st->kind == ST_CLASSDEF && y && y->kind == SYM_CLASS ? y->cls->methods : NULL; f; f = f->next)
    set_kept_defaults(e, f);
  e->f->stmt = outer;
}

static void emit_stmt(E *e, Node *st) {
  if ((st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF) && e->f->fn == e->m->init) def_defaults(e, st);
  if (st->kind == ST_CLASSDEF) {  /* its class attributes, where the class statement runs */
    for (Node *a = st->body; a; a = a->next)
      if (class_attr_stmt(a)) emit_stmt(e, a);
    return;
  }
  if (is_definition(st)) return;
  if ((st->kind == ST_IMPORT || st->kind == ST_FROMIMPORT) && !emit_import(e, st, false)) return;
  int l, c;
  diag_linecol(st->file, st->pos, &l, &c);
  const Node *outer = e->f->stmt;
  e->f->stmt = st;
  comment(e, st);
  if (st->kind != ST_BREAK && st->kind != ST_CONTINUE && st->kind != ST_IF && st->kind != ST_WHILE &&
      st->kind != ST_TRY) {
    pend_at(e, st);
  }
  int mark = e->f->npending;
  switch (st->kind) {
  case ST_EXPR: {
    if (st->lhs->kind == EX_STR || st->lhs->kind == EX_ELLIPSIS) break;  /* a docstring, a `...` body */
    e->f->discarded = st->lhs;
    Val v = ex(e, st->lhs);
    e->f->discarded = NULL;
    if (v.owned && is_ref(v)) line(e, "gt_release(%s);", v.c);
    else if (!is_simple(v.c)) line(e, v.ty->kind == TY_NONE ? "%s;" : "(void)%s;", tight(e, v.c));
    break;
  }
  case ST_ASSIGN: emit_assign(e, st); break;
  case ST_ANNASSIGN:
    if (st->rhs) store(e, st->lhs, ex(e, st->rhs));
    break;
  case ST_AUGASSIGN: emit_augassign(e, st); break;
  case ST_IF: emit_if(e, st); break;
  case ST_WHILE: emit_while(e, st); break;
  case ST_FOR: emit_for(e, st); break;
  case ST_WITH: emit_with(e, st); break;
  case ST_TRY: emit_try(e, st); break;
  case ST_RAISE: emit_raise(e, st); break;
  case ST_BREAK:
    exit_withs(e, false);
    if (e->f->loop_exit) line(e, "goto %s;", e->f->loop_exit);
    else line(e, "break;");
    break;
  case ST_CONTINUE:
    exit_withs(e, false);
    line(e, "continue;");
    break;
  case ST_RETURN:
    emit_return(e, st);
    e->f->npending = mark;  /* released before its goto: nothing after it runs */
    break;
  case ST_YIELD: emit_yield(e, st); break;
  case ST_ASSERT: emit_assert(e, st); break;
  case ST_DEL: emit_del(e, st); break;
  case ST_IMPORT:
  case ST_FROMIMPORT: emit_import(e, st, true); break;
  case ND_BLOCK: emit_block(e, st->body); break;
  case ST_FUNCDEF:  /* a nested def, or a decorated one: the value its name takes */
    store(e, st->lhs, st->rhs ? ex(e, st->rhs) : fn_value(e, st->info, st->lhs->sym->ty));
    break;
  default: break;
  }
  settle_at(e);
  flush(e, mark);
  e->f->stmt = outer;
}

void emit_block(E *e, Node *body) {
  settle_at(e);
  for (Node *st = body; st; st = st->next) {
    emit_stmt(e, st);
    if (if_ends_block(st)) break;  /* the rest never runs (check_if) */
  }
}

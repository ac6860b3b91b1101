/* emit_try.c - try statements and raise (gtorch_exc.h).
 *
 *   try: body                 gt_handler _h1;
 *   except E as e: handler    gt_try(&_h1);
 *   else: orelse              if (setjmp(_h1.jump) == 0) {
 *                               body; gt_untry(&_h1); orelse;
 *                             } else if (gt_exc_is(_h1.exc, &E_class)) {
 *                               e_ = ...(_h1.exc); handler;
 *                             } else gt_reraise(&_h1);
 *
 * A finally block is a second handler around all of that, whose block runs
 * after it, then raises on what it caught. A return, break or continue
 * inside undoes each on its way out (struct With in emit.h): gt_untry,
 * the caught exception released, a finally block run.
 *
 * In a program with a try statement, an exception leaving a function
 * releases the slots its holdings list (emit_value.c's add_slot); the
 * handler's own function releases, where a handler starts, the slots that
 * the try body made: the temporaries of the statement that raised. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* The C descriptor of a class: `gt_ValueError_class`, `MyError_class`. */
static const char *class_desc(E *e, const ClassInfo *k) { return fmt(e, "&%s_class", k->cname); }

/* A jump leaves entry w: what it must undo there. */
void emit_try_exit(E *e, int w) {
  struct With *x = &e->f->withs[w];
  if (x->caught) {
    release_line(e, fmt(e, "%s.exc", x->handler));
    return;
  }
  line(e, "gt_untry(&%s);", x->handler);
  if (!x->finalbody) return;
  /* The finally block, with the entries above it (those it may push) kept. */
  int n = e->f->nwiths;
  struct With *saved = malloc((size_t)(n - w) * sizeof *saved);
  memcpy(saved, x, (size_t)(n - w) * sizeof *saved);
  e->f->nwiths = w;
  emit_block(e, x->finalbody);
  memcpy(&e->f->withs[w], saved, (size_t)(n - w) * sizeof *saved);
  e->f->nwiths = n;
  free(saved);
  forget_at(e);
}

/* A handler variable `_hN` of the function; the exception it catches is a
 * slot until its clause ends. */
static const char *new_handler(E *e) {
  const char *h = fmt(e, "_h%d", ++e->f->nlabels);
  buf_printf(&e->f->decls, "  gt_handler %s = {.exc = NULL};\n", h);  /* a slot before its try runs too */
  add_slot(e, fmt(e, "%s.exc", h));
  return h;
}

/* Where a handler starts: the references the try body's statement held
 * when it raised (its slots from `first` on), released. */
static void release_body_slots(E *e, int first) {
  if (first < e->f->nslots) line(e, "/* what the statement that raised held */");
  for (int i = first; i < e->f->nslots; i++) line(e, "%s = gt_replace(%s, NULL);", e->f->slots[i], e->f->slots[i]);
}

/* `gt_try(&h); if (setjmp(h.jump) == 0) {`: the protected block follows. */
static void open_try(E *e, const char *h) {
  line(e, "gt_try(&%s);", h);
  line(e, "if (setjmp(%s.jump) == 0) {", h);
  e->f->indent++;
}

/* The test of an except clause's classes; a class of the program that
 * nothing makes an instance of (nor of a class deriving it) has no class
 * object, and catches nothing. */
static const char *caught_test(E *e, const char *h, const Caught *k) {
  Buf b = {0};
  for (int i = 0; i < k->n; i++)
    if (k->classes[i]->is_extern || has_instances(e->p, k->classes[i]))
      buf_printf(&b, "%sgt_exc_is(%s.exc, %s)", b.data ? " || " : "", h, class_desc(e, k->classes[i]));
  const char *r = fmt(e, "%s", b.data ? b.data : "false");
  buf_free(&b);
  return r;
}

/* except [E [as e]]: its block, owning the exception until it ends. */
static void emit_handler(E *e, const char *h, Node *x, bool first) {
  comment(e, x);
  const char *test = x->info ? caught_test(e, h, x->info) : NULL;
  if (test) line(e, "%sif (%s) {", first ? "" : "} else ", test);
  else if (!first) line(e, "} else {");
  e->f->indent += test || !first;
  forget_at(e);  /* the frame's location is the raise's */
  const char *name = x->rhs && x->rhs->sym ? var_c(e, x->rhs->sym) : NULL;
  if (name) line(e, "%s = gt_replace(%s, gt_retain(%s.exc));", name, name, h);
  struct With *w = push_exit(e);
  w->handler = h;
  w->caught = true;
  const char *outer = e->f->caught;
  e->f->caught = h;
  emit_block(e, x->body);
  e->f->caught = outer;
  e->f->nwiths--;
  if (!(x->flags & BLOCK_EXITS)) {
    if (name) line(e, "%s = gt_replace(%s, NULL);", name, name);
    release_line(e, fmt(e, "%s.exc", h));
  }
  e->f->indent -= test || !first;
}

/* try/except/else without finally. */
static void emit_try_except(E *e, Node *st) {
  const char *h = new_handler(e);
  int body_slots = e->f->nslots;
  open_try(e, h);
  push_exit(e)->handler = h;
  emit_block(e, st->body);
  bool resumed = e->f->withs[--e->f->nwiths].resumed;
  if (!(st->flags & BLOCK_EXITS)) {
    line(e, "gt_untry(&%s);", h);
    emit_block(e, st->orelse);
  }
  e->f->indent--;
  line(e, "} else {");
  e->f->indent++;
  if (resumed) line(e, "%s_caught:;", h);  /* where a yield in the body resumes, its setjmp's */
  release_body_slots(e, body_slots);
  bool all = false;
  for (Node *x = st->handlers; x; x = x->next) {
    emit_handler(e, h, x, x == st->handlers);
    all |= !x->info;
  }
  if (!all) {
    line(e, "} else {");
    line(e, "  gt_reraise(&%s);", h);
  }
  if (st->handlers->info) line(e, "}");  /* the first handler's `if (...) {`; a bare `except:` opens none */
  e->f->indent--;
  line(e, "}");
  forget_at(e);
}

/* try: ... finally: block -> the rest inside a handler of its own; the
 * block runs after, then an exception caught goes on. */
static void emit_try_finally(E *e, Node *st) {
  const char *h = new_handler(e);
  open_try(e, h);
  struct With *w = push_exit(e);
  w->handler = h;
  w->finalbody = st->finalbody;
  if (st->handlers) emit_try_except(e, st);
  else emit_block(e, st->body);
  bool resumed = e->f->withs[--e->f->nwiths].resumed;
  if (st->handlers || !(st->flags & BLOCK_EXITS)) line(e, "gt_untry(&%s);", h);
  e->f->indent--;
  line(e, "}");
  if (resumed) line(e, "%s_caught:;", h);  /* where a yield inside resumes, its setjmp's */
  forget_at(e);
  line(e, "/* finally: */");
  emit_block(e, st->finalbody);
  line(e, "if (%s.exc) gt_reraise(&%s);", h, h);
}

/* A handler around the statements to come (a with block's body): jumps
 * out of them untry it. */
const char *emit_try_open(E *e) {
  const char *h = new_handler(e);
  open_try(e, h);
  push_exit(e)->handler = h;
  return h;
}

void emit_try_close(E *e, const char *h, bool exits, bool resumed) {
  e->f->nwiths--;
  if (!exits) line(e, "gt_untry(&%s);", h);
  e->f->indent--;
  line(e, "}");
  if (resumed) line(e, "%s_caught:;", h);  /* where a yield inside resumes, its setjmp's */
}

void emit_try(E *e, Node *st) {
  if (st->finalbody) emit_try_finally(e, st);
  else emit_try_except(e, st);
}

/* raise E(...) / raise E / raise E from C / raise. */
void emit_raise(E *e, Node *st) {
  if (!st->lhs) {
    line(e, "gt_reraise(&%s);", e->f->caught);
    return;
  }
  mark_op(e, st);  /* the raise's location, before what it evaluates */
  int mark = e->f->npending;
  const char *parts[2] = {NULL, NULL};
  Node *nodes[2] = {st->lhs, st->rhs};
  for (int i = 0; i < 2; i++) {
    Node *x = nodes[i];
    if (!x) continue;
    if (x->kind == EX_NONE) {
      parts[i] = "NULL";
    } else if (x->ty->kind == TY_CLASSREF) {
      parts[i] = fmt(e, "gt_exc_new(%s, NULL)", class_desc(e, x->ty->cls));
    } else {
      /* Made before the temporaries it was made from are released. */
      parts[i] = new_temp(e, x->ty);
      line(e, "%s = %s;", parts[i], own(e, ex(e, x)));
      parts[i] = fmt(e, "(gt_exc *)%s", parts[i]);
    }
  }
  /* Its own temporaries only: a handler in this function may go on with
   * the enclosing statement's (a loop's iterable). */
  flush(e, mark);  /* before the raise, after which nothing runs */
  if (st->rhs) line(e, "gt_raise_from(%s, %s);", parts[0], parts[1]);
  else line(e, "gt_raise(%s);", parts[0]);
}

/* The message and argument repr of an exception's one argument
 * (check_exc_argument): "NULL" where it has none; a str argument is both. */
static void exc_argument(E *e, CallInfo *ci, const char **msg, const char **arg_repr) {
  Node *a = ci->args[1];
  *msg = *arg_repr = "NULL";
  if (!a) return;
  Val v = stable(e, ex(e, a));
  *msg = borrow(e, to_str(e, v));
  if (ci->exc_arg) *arg_repr = borrow(e, to_repr(e, v));
}

/* ValueError(3), or MyError("m") of a class without an __init__ of its own. */
Val emit_exc_new(E *e, Node *n, CallInfo *ci) {
  const char *msg, *arg_repr;
  exc_argument(e, ci, &msg, &arg_repr);
  set_line(e, n);
  if (ci->cls->is_extern)
    return val(fmt(e, "gt_exc_new_arg(%s, %s, %s)", class_desc(e, ci->cls), msg, arg_repr), n->ty, true);
  return val(fmt(e, "%s_new(%s, %s)", ci->cls->cname, msg, arg_repr), n->ty, true);
}

/* super().__init__(message) of an exception class: self's header. */
Val emit_exc_init(E *e, Node *n, CallInfo *ci) {
  const char *msg, *arg_repr;
  exc_argument(e, ci, &msg, &arg_repr);
  line(e, "gt_exc_set_arg((gt_exc *)%s, %s, %s);", ex(e, ci->recv).c, msg, arg_repr);
  return val("NULL", n->ty, false);
}

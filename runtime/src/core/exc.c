/* exc.c - exceptions: the built-in classes, raising, and what happens to
 * an exception no handler catches (gtorch_exc.h). */
#include "core_internal.h"

#include <stdio.h>
#include <stdlib.h>

GT_THREAD_LOCAL gt_handler *gt_top_handler;
/* An exception gt_call_guarded caught, to raise where the library returns. */
static GT_THREAD_LOCAL gt_exc *gt_held_exc;

void gt_exc_drop(gt_obj *o) {
  gt_exc *e = (gt_exc *)o;
  gt_release(e->msg);
  gt_release(e->arg_repr);
  gt_release(e->cause);
  free(e->report);
}

void gt_exc_init(gt_exc *e, gt_str *msg) {
  gt_release(e->msg);
  e->msg = gt_retain(msg);
}

void gt_exc_set_arg(gt_exc *e, gt_str *str, gt_str *repr) {
  gt_exc_init(e, str);
  gt_release(e->arg_repr);
  e->arg_repr = gt_retain(repr);
}

gt_exc *gt_exc_new_arg(const gt_class *cls, gt_str *str, gt_str *repr) {
  gt_exc *e = gt_alloc(sizeof *e, cls);
  gt_exc_set_arg(e, str, repr);
  return e;
}

gt_exc *gt_exc_new(const gt_class *cls, gt_str *msg) {
  gt_exc *e = gt_alloc(sizeof *e, cls);
  e->msg = gt_retain(msg);
  return e;
}

/* The repr of e's argument (e has one). */
static gt_str *gt_exc_arg_repr(gt_exc *e) { return e->arg_repr ? gt_retain(e->arg_repr) : gt_str_repr(e->msg); }

gt_str *gt_exc_str(gt_obj *o) {
  gt_exc *e = (gt_exc *)o;
  if (!e->msg) return gt_str_empty();
  /* KeyError: 'k', the key as a dict's repr shows it */
  return gt_exc_is(e, &gt_KeyError_class) ? gt_exc_arg_repr(e) : gt_retain(e->msg);
}

/* ValueError('bad value'); ValueError() without a message. */
gt_str *gt_exc_repr(gt_obj *o) {
  gt_exc *e = (gt_exc *)o;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "%s(", o->cls->name);
  if (e->msg) {
    gt_str *r = gt_exc_arg_repr(e);
    gt_sbuf_put_str(&b, r);
    gt_release(r);
  }
  gt_sbuf_putc(&b, ')');
  return gt_sbuf_finish(&b);
}

#define GT_DEFINE_EXCEPTION(NAME, BASE)                                                          \
  const gt_class gt_##NAME##_class = {#NAME, gt_exc_drop, gt_exc_str, gt_exc_repr, NULL, NULL, BASE}; \
  gt_exc *gt_##NAME##_new(gt_str *msg) { return gt_exc_new(&gt_##NAME##_class, msg); }
GT_EXCEPTIONS(GT_DEFINE_EXCEPTION)
#undef GT_DEFINE_EXCEPTION

static const gt_class *const gt_builtin_exceptions[] = {
#define GT_LIST_EXCEPTION(NAME, BASE) &gt_##NAME##_class,
    GT_EXCEPTIONS(GT_LIST_EXCEPTION)
#undef GT_LIST_EXCEPTION
};

bool gt_is_builtin_exception(const gt_class *cls) {
  for (size_t i = 0; i < sizeof gt_builtin_exceptions / sizeof *gt_builtin_exceptions; i++)
    if (gt_builtin_exceptions[i] == cls) return true;
  return false;
}

/* The built-in class a message starts with (`IndexError: ...`,
 * `StopIteration`), and where the message after it starts; else NULL. */
static const gt_class *gt_class_named(const char *msg, const char **rest) {
  size_t n = strcspn(msg, ":");
  for (size_t i = 0; i < sizeof gt_builtin_exceptions / sizeof *gt_builtin_exceptions; i++) {
    const char *name = gt_builtin_exceptions[i]->name;
    if (strlen(name) != n || strncmp(name, msg, n) != 0) continue;
    if (msg[n] == '\0') *rest = NULL;
    else if (msg[n + 1] == ' ') *rest = msg + n + 2;
    else continue;
    return gt_builtin_exceptions[i];
  }
  return NULL;
}

/* `ValueError: bad value`, or `ValueError` where str(e) is empty: the last
 * line CPython prints of an exception. */
char *gt_exc_message(gt_exc *e) {
  gt_str *s = e->head.cls->str ? e->head.cls->str(&e->head) : gt_exc_str(&e->head);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, e->head.cls->name);
  if (s->len) {
    gt_sbuf_puts(&b, ": ");
    gt_sbuf_put_str(&b, s);
  }
  gt_release(s);
  return gt_sbuf_finish_cstr(&b);
}

GT_THREAD_LOCAL gt_holdings *gt_top_holdings;

/* What an exception leaving a function releases: the references its slots
 * hold; and a generator's body it leaves has ended, as in Python. */
static void gt_release_holdings(gt_holdings *k) {
  for (int32_t i = 0; i < k->nslots; i++) {
    gt_obj *volatile *slot = (gt_obj *volatile *)k->slots[i];
    gt_obj *o = *slot;
    *slot = NULL;
    gt_release(o);
  }
  if (k->gen) k->gen->state = -1;
}

/* Hands `e` to the innermost handler, whose frame becomes the current one,
 * after releasing what the functions between hold. */
static _Noreturn void gt_unwind(gt_exc *e) {
  gt_handler *h = gt_top_handler;
  for (gt_holdings *k = gt_top_holdings; k && k != h->holdings; k = k->up) gt_release_holdings(k);
  gt_top_holdings = h->holdings;
  gt_top_handler = h->up;
  gt_top_frame = h->frame;
  h->exc = e;
  gt_note_caught(h, e);
  longjmp(h->jump, 1);
}

/* A SystemExit that nothing catches ends the program as CPython's does:
 * no argument or None, status 0; an int, that status; anything else is
 * printed on stderr, status 1. */
static _Noreturn void gt_exit_system(gt_exc *e) {
  if (!e->msg || (e->arg_repr && strcmp(e->msg->data, "None") == 0)) gt_exit(0);
  char *end;
  long long status = e->arg_repr ? strtoll(e->msg->data, &end, 10) : 0;
  if (e->arg_repr && e->msg->len && *end == '\0') gt_exit(status);
  fflush(stdout);
  fprintf(stderr, "%.*s\n", (int)e->msg->len, e->msg->data);
  gt_exit(1);
}

void gt_sys_exit(int64_t status) {
  if (!gt_top_handler) gt_exit(status);
  gt_str *s = gt_str_of_int(status);
  gt_exc *e = gt_exc_new_arg(&gt_SystemExit_class, s, s);
  gt_release(s);
  gt_raise(e);
}

void gt_sys_exit_msg(gt_str *msg) { gt_raise(gt_exc_new(&gt_SystemExit_class, msg)); }

gt_dyn *gt_SystemExit_code(gt_exc *e) {
  if (!e->msg || (e->arg_repr && strcmp(e->msg->data, "None") == 0)) return gt_dyn_new(gt_vp(NULL), &gt_t_none).p;
  char *end;
  long long status = e->arg_repr ? strtoll(e->msg->data, &end, 10) : 0;
  if (e->arg_repr && e->msg->len && *end == '\0') return gt_dyn_new(gt_vi(status), &gt_t_int).p;
  return gt_dyn_new(gt_vp(gt_retain(e->msg)), &gt_t_str).p;
}

/* An exception raised where no handler is: the report, as with gt_fail. */
static _Noreturn void gt_uncaught(gt_exc *e, char *report) {
  if (gt_exc_is(e, &gt_SystemExit_class)) gt_exit_system(e);
  if (!report) {
    char *msg = gt_exc_message(e);
    report = gt_error_report(msg);
  }
  gt_exit_uncaught(report);
}

void gt_raise(gt_exc *e) {
  if (!gt_top_handler) gt_uncaught(e, NULL);
  char *msg = gt_exc_message(e);
  free(e->report);
  e->report = gt_error_report(msg);
  free(msg);
  gt_unwind(e);
}

void gt_raise_from(gt_exc *e, gt_exc *cause) {
  gt_release(e->cause);
  e->cause = cause;
  gt_raise(e);
}

void gt_reraise(gt_handler *caught) {
  gt_exc *e = caught->exc;
  caught->exc = NULL;
  if (!gt_top_handler) gt_uncaught(e, e->report);
  gt_unwind(e);
}

bool gt_call_guarded(void (*fn)(void *ctx), void *ctx) {
  gt_handler h = {.exc = NULL};
  gt_try(&h);
  if (setjmp(h.jump) == 0) {
    fn(ctx);
    gt_untry(&h);
    return true;
  }
  gt_release(gt_held_exc);
  gt_held_exc = h.exc;
  return false;
}

/* The failure of the library call that a held exception made fail: that
 * exception, raised on. */
static _Noreturn void gt_raise_held(char *msg) {
  gt_exc *e = gt_held_exc;
  gt_held_exc = NULL;
  free(msg);
  if (!gt_top_handler) gt_uncaught(e, e->report);
  gt_unwind(e);
}

/* A message without its class's name (libtorch's own: "mat1 and mat2
 * shapes cannot be multiplied") is a RuntimeError's, reported so, as
 * Python reports it. */
static char *with_class_name(char *msg) {
  const char *rest = msg;
  if (gt_class_named(msg, &rest)) return msg;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "RuntimeError: ");
  gt_sbuf_puts(&b, msg);
  free(msg);
  return gt_sbuf_finish_cstr(&b);
}

void gt_raise_message(char *msg) {
  if (gt_held_exc) gt_raise_held(msg);
  msg = with_class_name(msg);
  if (!gt_top_handler) gt_exit_uncaught(gt_error_report(msg));
  const char *rest = msg;
  const gt_class *cls = gt_class_named(msg, &rest);
  gt_str *text = rest ? gt_str_from_cstr(rest) : NULL;
  gt_exc *e = gt_exc_new(cls ? cls : &gt_RuntimeError_class, text);
  /* the runtime's KeyError message is the key's repr already */
  if (cls == &gt_KeyError_class) e->arg_repr = gt_retain(text);
  gt_release(text);
  /* Uncaught after all, it prints what gt_fail always printed. */
  e->report = gt_error_report(msg);
  free(msg);
  gt_unwind(e);
}

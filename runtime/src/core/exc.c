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
  gt_origin_free(e->origin);
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

/* The repr of an argument whose str is msg (not NULL). */
static gt_str *gt_arg_repr(gt_str *msg, gt_str *arg_repr) { return arg_repr ? gt_retain(arg_repr) : gt_str_repr(msg); }

/* The repr of e's argument (e has one). */
static gt_str *gt_exc_arg_repr(gt_exc *e) { return gt_arg_repr(e->msg, e->arg_repr); }

/* str(e) of an exception of class cls with that argument (msg NULL: none),
 * where its class keeps the built-in str. */
static gt_str *gt_exc_str_of(const gt_class *cls, gt_str *msg, gt_str *arg_repr) {
  if (!msg) return gt_str_empty();
  /* KeyError: 'k', the key as a dict's repr shows it */
  return gt_is_subclass(cls, &gt_KeyError_class) ? gt_arg_repr(msg, arg_repr) : gt_retain(msg);
}

gt_str *gt_exc_str(gt_obj *o) {
  gt_exc *e = (gt_exc *)o;
  return gt_exc_str_of(o->cls, e->msg, e->arg_repr);
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
    if (strncmp(name, msg, n) != 0 || name[n] != '\0') continue;
    if (msg[n] == '\0') *rest = NULL;
    else if (msg[n + 1] == ' ') *rest = msg + n + 2;
    else continue;
    return gt_builtin_exceptions[i];
  }
  return NULL;
}

/* `ValueError: bad value`, or `ValueError` where str (taken) is empty. */
static char *gt_message_line(const gt_class *cls, gt_str *str) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, cls->name);
  if (str->len) {
    gt_sbuf_puts(&b, ": ");
    gt_sbuf_put_str(&b, str);
  }
  gt_release(str);
  return gt_sbuf_finish_cstr(&b);
}

/* The last line CPython prints of an exception. */
char *gt_exc_message(gt_exc *e) {
  return gt_message_line(e->head.cls, e->head.cls->str ? e->head.cls->str(&e->head) : gt_exc_str(&e->head));
}

/* ---- where an exception was raised --------------------------------------- */

/* Whether str(e) is the built-in one: a function of the class and the
 * argument alone, which the report may make after the raise. */
static bool gt_has_builtin_str(const gt_exc *e) { return !e->head.cls->str || e->head.cls->str == gt_exc_str; }

/* Records where e is raised, at the frames now running, in place of where
 * it was raised before; `message` (malloc'd, taken) is its report's
 * message where the raise has it as text, else NULL. */
static void gt_record_origin(gt_exc *e, char *message) {
  /* a class's __str__ runs at the raise, before anything is recorded, as it
   * always did: its report shows str(e) as it was then */
  if (!message && !gt_has_builtin_str(e)) message = gt_exc_message(e);
  gt_exc_origin *o = gt_origin_record();
  o->message = message;
  if (!message) {
    o->msg = gt_retain(e->msg);
    o->arg_repr = gt_retain(e->arg_repr);
  }
  gt_origin_free(e->origin);
  e->origin = o;
}

/* The uncaught report of e where it was raised (it was), with its message
 * as it was then. */
static char *gt_origin_report_of(const gt_exc *e) {
  const gt_exc_origin *o = e->origin;
  if (o->message) return gt_origin_report(o, o->message);
  char *message = gt_message_line(e->head.cls, gt_exc_str_of(e->head.cls, o->msg, o->arg_repr));
  char *report = gt_origin_report(o, message);
  free(message);
  return report;
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

/* An exception raised where no handler is: the report, as with gt_fail,
 * of here (`here`) or of where it was raised before (where it was). */
static _Noreturn void gt_uncaught(gt_exc *e, bool here) {
  if (gt_exc_is(e, &gt_SystemExit_class)) gt_exit_system(e);
  if (here || !e->origin) gt_exit_uncaught(gt_error_report(gt_exc_message(e)));
  gt_exit_uncaught(gt_origin_report_of(e));
}

void gt_raise(gt_exc *e) {
  if (!gt_top_handler) gt_uncaught(e, true);
  gt_record_origin(e, NULL);
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
  if (!gt_top_handler) gt_uncaught(e, false);
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
  if (!gt_top_handler) gt_uncaught(e, false);
  gt_unwind(e);
}

/* The class *msg names and its text after the name (*rest; NULL: none).
 * A message without its class's name (libtorch's own: "mat1 and mat2
 * shapes cannot be multiplied") is a RuntimeError's, reported so, as
 * Python reports it: *msg (taken) is then replaced by one that names it. */
static const gt_class *gt_message_class(char **msg, const char **rest) {
  const gt_class *cls = gt_class_named(*msg, rest);
  if (cls) return cls;
  static const char named[] = "RuntimeError: ";
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, named);
  gt_sbuf_puts(&b, *msg);
  free(*msg);
  *msg = gt_sbuf_finish_cstr(&b);
  *rest = *msg + strlen(named);
  return &gt_RuntimeError_class;
}

void gt_raise_message(char *msg) {
  if (gt_held_exc) gt_raise_held(msg);
  const char *rest;
  const gt_class *cls = gt_message_class(&msg, &rest);
  if (!gt_top_handler) gt_exit_uncaught(gt_error_report(msg));
  gt_str *text = rest ? gt_str_from_cstr(rest) : NULL;
  gt_exc *e = gt_exc_new(cls, text);
  /* the runtime's KeyError message is the key's repr already */
  if (cls == &gt_KeyError_class) e->arg_repr = gt_retain(text);
  gt_release(text);
  /* Uncaught after all, it prints what gt_fail always printed. */
  gt_record_origin(e, msg);
  gt_unwind(e);
}

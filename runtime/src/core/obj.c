/* obj.c - objects, reference counting, frames, run-time errors, start-up
 * and shutdown, and the byte buffer the rest of the runtime builds text in. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <execinfo.h>
#endif
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define GT_HAVE_VALGRIND_H 1
#endif
#endif

_Thread_local gt_frame *gt_top_frame;
gt_list *gt_sys_argv;

/* ---- memory ------------------------------------------------------------ */

/* Out of memory cannot be reported through gt_fail's formatting path
 * safely, so it writes a fixed message. */
static _Noreturn void gt_out_of_memory(void) {
  fflush(stdout);
  fputs("runtime error: MemoryError\n", stderr);
  _exit(1);
}

void *gt_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) gt_out_of_memory();
  return p;
}

void *gt_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) gt_out_of_memory();
  return q;
}

void *gt_alloc(size_t size, const gt_class *cls) {
  gt_obj *o = calloc(1, size);
  if (!o) gt_out_of_memory();
  o->rc = 1;
  o->cls = cls;
  return o;
}

void gt_dealloc(gt_obj *o) {
  if (o->cls && o->cls->drop) o->cls->drop(o);
  free(o);
}

int64_t gt_id(gt_val v, const gt_type *t) {
  static const char none;  /* None's identity */
  if (!gt_type_is_ref(t)) return v.i;
  return (int64_t)(intptr_t)(v.p ? v.p : &none);
}

const gt_field *gt_class_field(const gt_class *cls, const char *name) {
  const gt_layout *l = cls ? cls->layout : NULL;
  for (int32_t i = 0; l && i < l->nfields; i++)
    if (l->fields[i].name && strcmp(l->fields[i].name, name) == 0) return &l->fields[i];
  return NULL;
}

void *gt_obj_field(gt_obj *o, const char *name) {
  const gt_field *f = o ? gt_class_field(o->cls, name) : NULL;
  return f ? (char *)o + f->offset : NULL;
}

/* A top-level function's value: static, so nothing to drop. */
const gt_class gt_fn_class = {.name = "function", .layout = &gt_layout_atomic};  /* copies: itself, as Python's */

static void gt_bound_drop(gt_obj *o) { gt_release(((gt_bound *)o)->self); }

static const gt_class gt_bound_class = {.name = "method", .drop = gt_bound_drop, .layout = &gt_layout_atomic};

gt_fn *gt_fn_bind(void (*code)(void), void *self) {
  gt_bound *b = gt_alloc(sizeof *b, &gt_bound_class);
  b->fn.code = code;
  b->self = gt_retain(self);
  return &b->fn;
}

void *gt_fn_bound_self(const gt_fn *fn) { return fn && fn->h.cls == &gt_bound_class ? ((const gt_bound *)fn)->self : NULL; }

/* ---- byte buffer --------------------------------------------------------- */

void gt_sbuf_init(gt_sbuf *b) {
  b->data = b->small;
  b->len = 0;
  b->cap = sizeof b->small;
}

static void gt_sbuf_reserve(gt_sbuf *b, size_t extra) {
  size_t need = b->len + extra + 1;   /* room for a NUL */
  if (need <= b->cap) return;
  size_t cap = b->cap * 2;
  while (cap < need) cap *= 2;
  if (b->data == b->small) {
    char *d = gt_xmalloc(cap);
    memcpy(d, b->small, b->len);
    b->data = d;
  } else {
    b->data = gt_xrealloc(b->data, cap);
  }
  b->cap = cap;
}

void gt_sbuf_put(gt_sbuf *b, const char *s, size_t n) {
  gt_sbuf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

void gt_sbuf_puts(gt_sbuf *b, const char *s) { gt_sbuf_put(b, s, strlen(s)); }

void gt_sbuf_putc(gt_sbuf *b, char c) {
  gt_sbuf_reserve(b, 1);
  b->data[b->len++] = c;
}

void gt_sbuf_put_str(gt_sbuf *b, const gt_str *s) { gt_sbuf_put(b, s->data, (size_t)s->len); }

void gt_sbuf_vprintf(gt_sbuf *b, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  if (n > 0) {
    gt_sbuf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
    b->len += (size_t)n;
  }
  va_end(again);
}

void gt_sbuf_printf(gt_sbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gt_sbuf_vprintf(b, fmt, ap);
  va_end(ap);
}

void gt_sbuf_fill(gt_sbuf *b, const char *ch, size_t chlen, int64_t count) {
  if (count <= 0) return;
  gt_sbuf_reserve(b, chlen * (size_t)count);
  for (int64_t i = 0; i < count; i++) {
    memcpy(b->data + b->len, ch, chlen);
    b->len += chlen;
  }
}

const char *gt_sbuf_cstr(gt_sbuf *b) {
  gt_sbuf_reserve(b, 0);
  b->data[b->len] = '\0';
  return b->data;
}

void gt_sbuf_free(gt_sbuf *b) {
  if (b->data != b->small) free(b->data);
  gt_sbuf_init(b);
}

char *gt_sbuf_finish_cstr(gt_sbuf *b) {
  char *r = gt_xmalloc(b->len + 1);
  memcpy(r, b->data, b->len);
  r[b->len] = '\0';
  gt_sbuf_free(b);
  return r;
}

gt_str *gt_sbuf_finish(gt_sbuf *b) {
  gt_str *s = gt_str_new(b->data, (int64_t)b->len);
  gt_sbuf_free(b);
  return s;
}

/* ---- run-time errors ------------------------------------------------------ */

static void gt_print_c_backtrace(void) {
#ifdef __GLIBC__
  void *pcs[128];
  int n = backtrace(pcs, 128);
  fputs("C backtrace (most recent call first):\n", stderr);
  backtrace_symbols_fd(pcs, n, STDERR_FILENO);
#else
  fputs("C backtrace: not available on this platform\n", stderr);
#endif
}

gt_exc_origin *gt_origin_record(void) {
  /* gt_enter counts the chain in each frame's depth, so no walk sizes the
   * copy: one that chased the pointers took most of the recording's time */
  size_t n = gt_top_frame ? (size_t)gt_top_frame->depth : 0;
  gt_exc_origin *o = gt_xmalloc(sizeof *o + n * sizeof *o->frames);
  o->message = NULL;
  o->msg = o->arg_repr = NULL;
  o->col = gt_top_frame ? gt_top_frame->col : 0;
  size_t i = n;
  for (gt_frame *f = gt_top_frame; f && i; f = f->up) o->frames[--i] = (gt_origin_frame){f->func, f->file, f->line};
  /* a chain shorter than its count (gt_enter makes none): the frames it had */
  if (i) memmove(o->frames, o->frames + i, (n - i) * sizeof *o->frames);
  o->nframes = n - i;
  return o;
}

void gt_origin_free(gt_exc_origin *o) {
  if (!o) return;
  free(o->message);
  gt_release(o->msg);
  gt_release(o->arg_repr);
  free(o);
}

/* The traceback of o's frames, outermost first, as
 * `Traceback (most recent call last):` and one `  in FUNC (FILE:LINE)` per
 * frame. */
static void gt_put_traceback(gt_sbuf *b, const gt_exc_origin *o) {
  gt_sbuf_puts(b, "Traceback (most recent call last):\n");
  /* As Python: a line repeated more than three times (deep recursion) is
   * printed three times, then counted. */
  size_t repeats = 0;
  for (size_t i = 0; i < o->nframes; i++) {
    const gt_origin_frame *f = &o->frames[i];
    repeats = i > 0 && gt_origin_repeats(f - 1, f) ? repeats + 1 : 0;
    if (repeats < 3) gt_sbuf_printf(b, "  in %s (%s:%d)\n", f->func, f->file, (int)f->line);
    bool run_ends = i + 1 == o->nframes || !gt_origin_repeats(f, f + 1);
    if (run_ends && repeats >= 3) gt_sbuf_printf(b, "  [Previous line repeated %zu more times]\n", repeats - 2);
  }
}

char *gt_origin_report(const gt_exc_origin *o, const char *message) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  const gt_origin_frame *top = o->nframes ? &o->frames[o->nframes - 1] : NULL;
  if (top) gt_sbuf_printf(&b, "%s:%d:%d: ", top->file, (int)top->line, (int)o->col);
  gt_sbuf_printf(&b, "runtime error: %s\n", message);
  if (top) gt_put_traceback(&b, o);
  return gt_sbuf_finish_cstr(&b);
}

char *gt_error_report(const char *msg) {
  gt_exc_origin *o = gt_origin_record();
  char *report = gt_origin_report(o, msg);
  gt_origin_free(o);
  return report;
}

void gt_exit_uncaught(const char *report) {
  /* What the program printed so far comes before the error, as in Python. */
  fflush(stdout);
  fputs(report, stderr);
  const char *bt = getenv("GTORCH_BACKTRACE");
  if (bt && strcmp(bt, "c") == 0) gt_print_c_backtrace();
  fflush(stderr);
  if (gt_exit_hook) gt_exit_hook();
  /* _exit, not exit: a failing program still holds live values, and a
   * leak checker reporting them would bury the error message. */
  _exit(1);
}

/* The message of a failure, formatted. */
static char *gt_vformat(const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *msg = gt_xmalloc(n > 0 ? (size_t)n + 1 : 1);
  vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, again);
  va_end(again);
  return msg;
}

void gt_fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = gt_vformat(fmt, ap);
  va_end(ap);
  gt_raise_message(msg);
}

void gt_fail_repr(const char *fmt, char *repr) {
  int n = snprintf(NULL, 0, fmt, repr);
  char *msg = gt_xmalloc(n > 0 ? (size_t)n + 1 : 1);
  snprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, repr);
  free(repr);
  gt_raise_message(msg);
}

/* A fatal signal is no exception a program may catch: it always ends it. */
static _Noreturn void gt_fail_fatal(const char *msg) { gt_exit_uncaught(gt_error_report(msg)); }

/* ---- start-up and shutdown ------------------------------------------------ */

/* A big buffer for stdout: print() in a loop must not make a system call
 * per line. On a terminal, lines appear as they are printed, as in Python. */
static char gt_stdout_buffer[1 << 16];

void gt_fail_recursion(void) {
  /* The frame just entered has run nothing yet: report at its call. */
  gt_top_frame = gt_top_frame->up;
  gt_fail("RecursionError: maximum recursion depth exceeded");
}

/* A fatal signal (a stack overflow the depth limit did not catch, or a bug
 * in the runtime) still reports where the program was, and exits with 1. */
static void gt_on_fatal_signal(int sig) {
  const char *name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE" : "SIGILL";
  char msg[96];
  snprintf(msg, sizeof msg, "fatal signal %s (an invalid memory access or a stack overflow)", name);
  gt_fail_fatal(msg);
}

static void gt_catch_fatal_signals(void) {
  static char alt_stack[64 * 1024];
  stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = gt_on_fatal_signal;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) sigaction(sigs[i], &sa, NULL);
}

void gt_init(int argc, char **argv) {
  gt_catch_fatal_signals();
  setvbuf(stdout, gt_stdout_buffer, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, sizeof gt_stdout_buffer);
  gt_std_streams_init();
  gt_release(gt_sys_argv);
  gt_sys_argv = gt_list_new(&gt_t_list_str, argc);
  for (int i = 0; i < argc; i++) {
    gt_str *s = gt_str_from_cstr(argv[i]);
    gt_list_append(gt_sys_argv, (gt_val){.p = s});
    gt_release(s);
  }
}

/* Whether the process's exit handlers must run: under a leak checker they
 * free what libraries allocated at start-up, which it would otherwise
 * report. */
static bool gt_exit_handlers_needed(void) {
#if defined(__SANITIZE_ADDRESS__)
  return true; /* LeakSanitizer checks from an exit handler */
#elif GT_HAVE_VALGRIND_H
  return RUNNING_ON_VALGRIND;
#else
  return true;
#endif
}

void (*gt_exit_hook)(void);

void gt_exit(int64_t status) {
  fflush(NULL);
  if (gt_exit_hook) gt_exit_hook();
  gt_release(gt_sys_argv);
  gt_sys_argv = NULL;
  /* Otherwise _exit: with every stream flushed, what exit would still do is
   * run libtorch's static destructors, which unregister its thousands of
   * operators one by one: a seventh of a small tensor program's run time, for
   * memory the system takes back anyway. */
  if (gt_exit_handlers_needed()) exit((int)status);
  _exit((int)status);
}


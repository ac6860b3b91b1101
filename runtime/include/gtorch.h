/* gtorch.h - libgtorch, the runtime of programs compiled by gtorchc.
 *
 * Pure C11: this header and the ones it includes compile with
 * `-std=c11 -pedantic` and include no C++ header. Every public name starts
 * with `gt_` (or `GT_` for constants).
 *
 * Conventions (docs/runtime.md says more):
 * - Every heap value (str, list, dict, tuple, object, tensor, module, ...)
 *   starts with a `gt_obj` header and is reference counted; gt_retain and
 *   gt_release work on all of them.
 * - Ownership: unless a declaration says otherwise, functions BORROW their
 *   arguments and RETURN A NEW REFERENCE. Containers retain what they store.
 * - Errors raise Python's exception (gtorch_exc.h): gt_fail raises the class
 *   its message names; uncaught, it prints the .gtp location of the
 *   innermost frame and a traceback, and exits with status 1. The
 *   tensor layer (gtorch_torch.h) returns a status or NULL plus a
 *   thread-local message (gt_last_error) so C callers can recover.
 */
#ifndef GTORCH_H
#define GTORCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* C11's spellings, and C++'s where the runtime's C++ sources include this. */
#ifdef __cplusplus
#define GT_NORETURN [[noreturn]]
#define GT_THREAD_LOCAL thread_local
#else
#define GT_NORETURN _Noreturn
#define GT_THREAD_LOCAL _Thread_local
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- objects and reference counting ---------------------------------- */

typedef struct gt_obj gt_obj;
typedef struct gt_class gt_class;
typedef struct gt_str gt_str;

/* What every heap value starts with. */
struct gt_obj {
  intptr_t rc;
  const gt_class *cls;
};

/* A class: the runtime's own (str, list, ...) and each class a program defines. */
struct gt_class {
  const char *name;                 /* "str", "Point", "MLP" */
  void (*drop)(gt_obj *self);       /* releases what the object holds; NULL if nothing */
  gt_str *(*str)(gt_obj *self);     /* __str__, or NULL; returns a new reference */
  gt_str *(*repr)(gt_obj *self);    /* __repr__, or NULL; returns a new reference */
  bool (*eq)(gt_obj *self, gt_obj *other);  /* __eq__ with an object of the same class, or NULL (identity) */
  bool (*lt)(gt_obj *self, gt_obj *other);  /* __lt__, or NULL (unordered) */
  const gt_class *base;             /* the class it derives from, or NULL */
  const gt_class *generic_of;       /* a generic class's instance class (Box[int]): the generic class
                                       (Box), which type(x) is; else NULL */
  const struct gt_layout *layout;   /* a .gtp class's struct, which copy.copy and copy.deepcopy walk
                                       (&gt_layout_atomic: an object that is its own copy); else NULL */
};

/* Whether `cls` is `of` or derives from it (Python's issubclass); a
 * generic class's instance classes are the generic class. */
static inline bool gt_is_subclass(const gt_class *cls, const gt_class *of) {
  for (; cls; cls = cls->base)
    if (cls == of || (cls->generic_of && cls->generic_of == of)) return true;
  return false;
}

/* Reference count of statically allocated values (string literals): never freed. */
#define GT_IMMORTAL ((intptr_t)1 << 60)

/* Allocates `size` zeroed bytes with rc = 1 and class `cls`. */
void *gt_alloc(size_t size, const gt_class *cls);
/* Frees an object whose count reached zero: calls cls->drop, then frees. */
void gt_dealloc(gt_obj *o);

static inline void *gt_retain(void *p) {
  if (p) ((gt_obj *)p)->rc++;
  return p;
}
static inline void gt_release(void *p) {
  if (p && --((gt_obj *)p)->rc == 0) gt_dealloc((gt_obj *)p);
}

/* ---- frames, locations and run-time errors --------------------------- */

/* One activation of a .gtp function; generated code keeps `line` and `col`
 * at the statement or operation being run. */
typedef struct gt_frame {
  struct gt_frame *up;
  const char *func;   /* "fib", "MLP.forward", "<main>" */
  const char *file;   /* "prog.gtp" as given to the compiler */
  int32_t line, col;
  int32_t depth;      /* frames below this one, itself included */
} gt_frame;

extern GT_THREAD_LOCAL gt_frame *gt_top_frame;

/* Deeper recursion is `RecursionError: maximum recursion depth exceeded`,
 * before the C stack can overflow. */
#define GT_MAX_DEPTH 10000
GT_NORETURN void gt_fail_recursion(void);

static inline void gt_enter(gt_frame *f) {
  f->up = gt_top_frame;
  f->depth = f->up ? f->up->depth + 1 : 1;
  gt_top_frame = f;
  if (f->depth > GT_MAX_DEPTH) gt_fail_recursion();
}
static inline void gt_leave(gt_frame *f) { gt_top_frame = f->up; }

/* Raises the exception MESSAGE names (`IndexError: list index out of
 * range` an IndexError; a message that names no built-in class, as
 * libtorch's, a RuntimeError). Uncaught, it prints `FILE:LINE:COL: runtime
 * error: MESSAGE` for the innermost frame, then `Traceback (most recent call
 * last):` and one `  in FUNC (FILE:LINE)` line per frame from the outermost
 * to the innermost; flushes stdout first; exits with status 1. Setting
 * GTORCH_BACKTRACE=c adds the C frames. */
GT_NORETURN void gt_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Start-up and shutdown of a compiled program. gt_init keeps argv for
 * sys.argv; gt_exit flushes stdout and exits with `status`. */
void gt_init(int argc, char **argv);
GT_NORETURN void gt_exit(int64_t status);

#ifdef __cplusplus
}
#endif

#include "gtorch_core.h"
#include "gtorch_random.h"
#include "gtorch_exc.h"
#include "gtorch_tqdm.h"
#include "gtorch_argparse.h"
#include "gtorch_re.h"
#include "gtorch_statistics.h"
#include "gtorch_pickle.h"
#include "gtorch_operator.h"
#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where generated code is: the line and column of the statement or
 * operation about to run, for run-time errors and tracebacks. */
static inline void gt_at(gt_frame *f, int32_t line, int32_t col) {
  f->line = line;
  f->col = col;
}

/* Boxing into a container slot. */
static inline gt_val gt_vi(int64_t x) { gt_val v; v.i = x; return v; }
static inline gt_val gt_vf(double x) { gt_val v; v.f = x; return v; }
static inline gt_val gt_vb(bool x) { gt_val v; v.i = 0; v.b = x; return v; }
static inline gt_val gt_vp(const void *x) { gt_val v; v.p = (void *)x; return v; }

/* The message of the last failed extern call on this thread (the tensor
 * runtime's; gtorch_torch.h says more). Borrowed. */
const char *gt_last_error(void);

/* Results of the tensor layer's functions: a NULL handle or a -1 status
 * becomes a run-time error with libtorch's message, at the current location.
 * A NULL handle with no message is Python's None (x.grad of a tensor
 * without a gradient: gt_grad clears the message), not an error. */
static inline void *gt_ok(void *handle) {
  if (!handle && *gt_last_error()) gt_fail("%s", gt_last_error());
  return handle;
}
static inline void gt_ok_status(int status) {
  if (status < 0) gt_fail("%s", gt_last_error());
}

/* `x = value` for a reference: takes `value` (a new reference), releases the
 * old one after the new one is computed, returns `value`. */
static inline void *gt_replace(void *old, void *value) {
  gt_release(old);
  return value;
}

#ifdef __cplusplus
}
#endif

#endif

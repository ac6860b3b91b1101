/* gtorch_exc.h - exceptions: Python's built-in exception classes, raise,
 * and the handlers that try statements install.
 *
 * An exception is a gt_exc. `try:` pushes a gt_handler and calls setjmp on
 * it; gt_raise (and gt_fail, which raises the class its message names)
 * longjmps to the innermost handler, or, when there is none, prints the
 * error as an uncaught one (location, message, traceback) and exits with
 * status 1. Programs without a try statement never push a handler, so a
 * failure costs and prints what it always did.
 *
 * On its way to the handler, an exception releases what each function it
 * leaves holds (gt_holdings), and ends the generators whose bodies it
 * leaves; the function of the handler releases the temporaries of its try
 * body itself. */
#ifndef GTORCH_EXC_H
#define GTORCH_EXC_H

#include <setjmp.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where an exception was raised: the .gtp frames then running and its
 * message then, recorded by each raise; the runtime's own (exc.c). */
typedef struct gt_exc_origin gt_exc_origin;

/* An exception object. A .gtp class deriving an exception class begins
 * with one. */
typedef struct gt_exc {
  gt_obj head;
  gt_str *msg;             /* str(e) of its one argument; NULL when made without one */
  gt_str *arg_repr;        /* repr of that argument where it is not a str (ValueError(3)), else NULL */
  struct gt_exc *cause;    /* raise ... from cause, or NULL */
  gt_exc_origin *origin;   /* where it was last raised, for the uncaught report and its traceback; NULL before */
} gt_exc;

/* The built-in classes, each with its base (Python's hierarchy, the part
 * programs catch). For each NAME: `gt_NAME` (the C type of its instances,
 * a gt_exc), `gt_NAME_class` and `gt_NAME_new(msg)` (msg NULL: none). */
#define GT_EXCEPTIONS(X)                      \
  X(BaseException, NULL)                      \
  X(Exception, &gt_BaseException_class)      \
  X(KeyboardInterrupt, &gt_BaseException_class) \
  X(SystemExit, &gt_BaseException_class)     \
  X(GeneratorExit, &gt_BaseException_class)  \
  X(ArithmeticError, &gt_Exception_class)    \
  X(ZeroDivisionError, &gt_ArithmeticError_class) \
  X(OverflowError, &gt_ArithmeticError_class) \
  X(LookupError, &gt_Exception_class)        \
  X(IndexError, &gt_LookupError_class)       \
  X(KeyError, &gt_LookupError_class)         \
  X(ValueError, &gt_Exception_class)         \
  X(UnicodeError, &gt_ValueError_class)      \
  X(TypeError, &gt_Exception_class)          \
  X(AttributeError, &gt_Exception_class)     \
  X(NameError, &gt_Exception_class)          \
  X(UnboundLocalError, &gt_NameError_class)  \
  X(RuntimeError, &gt_Exception_class)       \
  X(NotImplementedError, &gt_RuntimeError_class) \
  X(RecursionError, &gt_RuntimeError_class)  \
  X(AssertionError, &gt_Exception_class)     \
  X(StopIteration, &gt_Exception_class)      \
  X(EOFError, &gt_Exception_class)           \
  X(MemoryError, &gt_Exception_class)        \
  X(OSError, &gt_Exception_class)            \
  X(FileNotFoundError, &gt_OSError_class)    \
  X(FileExistsError, &gt_OSError_class)      \
  X(PermissionError, &gt_OSError_class)      \
  X(IsADirectoryError, &gt_OSError_class)    \
  X(NotADirectoryError, &gt_OSError_class)   \
  X(Warning, &gt_Exception_class)            \
  X(UserWarning, &gt_Warning_class)          \
  X(DeprecationWarning, &gt_Warning_class)   \
  X(PendingDeprecationWarning, &gt_Warning_class) \
  X(SyntaxWarning, &gt_Warning_class)        \
  X(RuntimeWarning, &gt_Warning_class)       \
  X(FutureWarning, &gt_Warning_class)        \
  X(ImportWarning, &gt_Warning_class)        \
  X(UnicodeWarning, &gt_Warning_class)       \
  X(BytesWarning, &gt_Warning_class)         \
  X(ResourceWarning, &gt_Warning_class)

#define GT_DECLARE_EXCEPTION(NAME, BASE)      \
  typedef gt_exc gt_##NAME;                   \
  extern const gt_class gt_##NAME##_class;    \
  gt_exc *gt_##NAME##_new(gt_str *msg);
GT_EXCEPTIONS(GT_DECLARE_EXCEPTION)
#undef GT_DECLARE_EXCEPTION

/* json.JSONDecodeError, a ValueError the JSON loader raises for text that
 * is no JSON: CPython's message (str(e): "MSG: line L column C (char P)")
 * and its parts. A program's JSONDecodeError(msg) keeps msg alone. */
typedef struct gt_JSONDecodeError {
  gt_exc exc;
  gt_str *msg;  /* "Expecting value" */
  gt_str *doc;  /* the text */
  int64_t pos, lineno, colno;  /* pos and colno in code points, colno and lineno from 1 */
} gt_JSONDecodeError;
extern const gt_class gt_JSONDecodeError_class;
gt_JSONDecodeError *gt_JSONDecodeError_new(gt_str *msg);
gt_str *gt_json_error_msg(gt_JSONDecodeError *e);
gt_str *gt_json_error_doc(gt_JSONDecodeError *e);
int64_t gt_json_error_pos(gt_JSONDecodeError *e);
int64_t gt_json_error_lineno(gt_JSONDecodeError *e);
int64_t gt_json_error_colno(gt_JSONDecodeError *e);

/* A new exception of class `cls` (a built-in one or a .gtp class deriving
 * one) with message `msg` (borrowed; NULL: none). */
gt_exc *gt_exc_new(const gt_class *cls, gt_str *msg);
/* Fills the gt_exc at the start of a .gtp exception object (its
 * super().__init__(msg)). */
void gt_exc_init(gt_exc *e, gt_str *msg);
/* The exception's one argument, of any type: its str and repr (both
 * borrowed; repr NULL where the argument is the str itself). */
void gt_exc_set_arg(gt_exc *e, gt_str *str, gt_str *repr);
/* E(arg) of a built-in class with an argument that is not a str. */
gt_exc *gt_exc_new_arg(const gt_class *cls, gt_str *str, gt_str *repr);
/* The gt_class drop slot of an exception class. */
void gt_exc_drop(gt_obj *o);
/* str(e) and repr(e) as CPython's: `bad value`, `ValueError('bad value')`;
 * a KeyError's str is its argument's repr. */
gt_str *gt_exc_str(gt_obj *e);
gt_str *gt_exc_repr(gt_obj *e);

/* A class as a value: type(x), a `type[C]` variable, the exc_type that
 * __exit__ receives. One immortal object per class (classobj.c), so `is`
 * compares classes. */
typedef struct gt_classobj {
  gt_obj head;
  const gt_class *of;
} gt_classobj;
extern const gt_class gt_classobj_class;
gt_classobj *gt_classobj_of(const gt_class *cls);    /* borrowed: immortal */
/* The same, made naming the module its repr shows (`torch.nn.modules.linear`
 * for a Linear layer's class); a class whose object exists keeps its own. */
gt_classobj *gt_classobj_in(const gt_class *cls, const char *module);
/* type(v) of a value of static type t: int, float, bool, NoneType, str,
 * list, tuple, dict, set (builtins'), or an object's class. */
gt_classobj *gt_classobj_of_val(gt_val v, const gt_type *t);
/* Is cls one of Python's built-in exception classes (module builtins)? */
bool gt_is_builtin_exception(const gt_class *cls);
gt_classobj *gt_classobj_of_obj(const void *o);      /* type(o); NULL of NULL */
gt_str *gt_classobj_name(const gt_classobj *t);      /* __name__ */
bool gt_classobj_derives(const gt_classobj *t, const gt_class *of);  /* issubclass(t, of) */

/* Where the program is (frames.c): [file, function, line, module] of the
 * .gtp frame `depth` calls out from the innermost (1), for logging and
 * warnings; the thread's pthread_t; warnings' raise of category(message). */
gt_list *gt_frame_place(int64_t depth);
int64_t gt_thread_ident(void);
void gt_warnings_raise(const gt_classobj *category, const gt_str *message);


/* The traceback __exit__ receives with an exception (types.TracebackType):
 * a new reference, NULL of NULL. */
typedef struct gt_traceback {
  gt_obj head;
  gt_exc *exc;
} gt_traceback;
gt_traceback *gt_traceback_of(gt_exc *e);

/* The exception being handled (traceback.c): that of the innermost except
 * clause, or with block's __exit__, still running on this thread, in the
 * function calling this or one that called it (Python's
 * sys.exc_info()[1]); a new reference, NULL where there is none. */
gt_exc *gt_exc_handled(void);
/* What Python's traceback.format_exception(e) prints, less the last
 * newline (logging's formatException): the causes first, then
 * `Traceback (most recent call last):`, the .gtp frames from the one that
 * caught e (the uncaught report's lines) and `Class: message`; an exception
 * never raised is its last line alone, NULL `NoneType: None`. */
gt_str *gt_exc_format(gt_exc *e);

/* In a program that catches exceptions, what a function holds, on a
 * thread-local chain of its own (a gt_frame stays as small as it was): the
 * addresses of its variables and temporaries that hold references, each
 * NULL or owning one wherever something may raise, and the generator whose
 * body it runs. An exception releases and clears the slots of every
 * function it leaves, and ends such a generator (state -1). */
typedef struct gt_holdings {
  struct gt_holdings *up;
  volatile void *const *slots;
  int32_t nslots;
  struct gt_gen *gen;
} gt_holdings;

extern GT_THREAD_LOCAL gt_holdings *gt_top_holdings;

static inline void gt_enter_holdings(gt_holdings *k) {
  k->up = gt_top_holdings;
  gt_top_holdings = k;
}
static inline void gt_leave_holdings(gt_holdings *k) { gt_top_holdings = k->up; }

/* What a try statement pushes. */
typedef struct gt_handler {
  struct gt_handler *up;
  gt_frame *frame;     /* the frame of the try statement: a raise returns to it */
  gt_holdings *holdings;  /* the holdings there: those above are released */
  gt_exc *exc;         /* the exception caught (a reference the handler owns) */
  jmp_buf jump;
} gt_handler;

extern GT_THREAD_LOCAL gt_handler *gt_top_handler;

/* `try:` is `gt_try(&h); if (setjmp(h.jump) == 0) { body; gt_untry(&h); }
 * else { handlers, with h.exc }`: setjmp has to be called where it returns. */
static inline void gt_try(gt_handler *h) {
  h->up = gt_top_handler;
  h->frame = gt_top_frame;
  h->holdings = gt_top_holdings;
  h->exc = NULL;
  gt_top_handler = h;
}
static inline void gt_untry(gt_handler *h) { gt_top_handler = h->up; }

/* raise e: takes the reference. The location is the current frame's. */
GT_NORETURN void gt_raise(gt_exc *e);
/* raise e from cause: takes both references (cause may be NULL: `from None`). */
GT_NORETURN void gt_raise_from(gt_exc *e, gt_exc *cause);
/* Bare `raise` in an except clause, an exception no clause matched, and
 * one a finally block or a with block let through: h's exception raised on,
 * with the location it was first raised at. h no longer holds it. */
GT_NORETURN void gt_reraise(gt_handler *h);
/* Calls fn(ctx), code of the program, from library code that an exception
 * must not unwind (C++ frames with destructors): true if it returned; false
 * if it raised, the exception then held until the library, having failed
 * in its turn, returns to generated code, whose gt_ok or gt_ok_status
 * raises it on (with the location and traceback of its raise). */
bool gt_call_guarded(void (*fn)(void *ctx), void *ctx);

/* gen.throw(e): e raised where g's body stopped (e borrowed), which its try
 * statements and with blocks see; the next item it yields (a new
 * reference), or StopIteration where it ends. A generator not started,
 * ended, or not yielding inside such blocks ends, and e goes on from here. */
gt_val gt_gen_throw(struct gt_gen *g, gt_exc *e);
/* gen.close(): GeneratorExit thrown in where g stopped, so that its
 * finally blocks and __exit__ methods run; a RuntimeError where it yields
 * again, as CPython's; another exception goes on. */
void gt_gen_close(struct gt_gen *g);
/* What a generator's destructor calls before it releases the frame:
 * gt_gen_close, an exception it raises printed as CPython prints one it
 * ignores ("Exception ignored in: <generator object ...>"). */
void gt_gen_close_dropped(struct gt_gen *g);
/* Where a generator's body resumes inside a try or with block: the
 * exception gt_gen_throw gave, raised there. */
void gt_gen_raise_thrown(struct gt_gen *g);

/* Whether `e` is an instance of `cls` or of a class deriving it. */
static inline bool gt_exc_is(const gt_exc *e, const gt_class *cls) { return gt_is_subclass(e->head.cls, cls); }

#ifdef __cplusplus
}
#endif

#endif

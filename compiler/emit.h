/* emit.h - what the emitter's files share, and nothing else reads.
 *
 * The growable text, the emitter's state (the program's, and the function
 * being written), a Val, and the functions one emit_*.c file offers the
 * others. Other passes see only emit_program, declared in sema.h.
 */
#ifndef GT_EMIT_H
#define GT_EMIT_H

#include <stddef.h>

#include "sema.h"

/* ---- growable text --------------------------------------------------------- */

typedef struct Buf {
  char *data;
  size_t len, cap;
} Buf;

/* ---- emitter state ---------------------------------------------------------- */

typedef struct Val {
  const char *c;   /* C expression */
  Type *ty;
  bool owned;      /* a new reference the consumer must take or release */
} Val;

typedef struct FnState {
  Func *fn;
  Buf decls;       /* locals and temporaries */
  Buf body;
  int indent;
  int ntemps;
  const char **pending;   /* temporaries to release at the end of the statement */
  int npending, cappending;
  const char **generators; /* the temporaries holding generators (emit_call.c release_generators) */
  int ngenerators, capgenerators;
  const char **held;      /* loop-long references, also released on return */
  int nheld, capheld;
  int at_line, at_col;    /* the location last recorded with gt_at, 0 if unknown */
  bool frameless;         /* a stdlib function: its errors belong to the caller's line */
  const Node *discarded;  /* the expression of an expression statement: its value is not kept */
  const Node *stmt;       /* -g: the statement whose C is being written, for its #line */
  size_t comment_end;     /* where the body's last statement comment ends, */
  uint32_t comment_pos;   /* and the source position it shows */
  bool at_pending;        /* the statement's gt_at is not written yet... */
  size_t at_slot;         /* ...and goes here in body, */
  int at_indent;          /* at this indentation, */
  const Node *at_stmt;    /* with this statement's location unless an operation's comes first */
  bool uses_out;          /* a `goto _out` was emitted */
  int nlabels;
  const char *loop_exit;  /* label of the innermost loop with an else, or NULL */
  int loops;              /* loops around the statement being emitted */
  struct With {           /* what a jump out of it must undo, innermost last: */
    const char *ctx;      /* a `with` block's context (calls exit), */
    const Type *ty;       /* ctx's type */
    Func *exit;
    const WithInfo *info; /* whether exit takes the exception and may suppress it */
    const char *handler;  /* or a try's handler (gt_untry; with `caught`, the exception it holds), */
    bool caught;
    Node *finalbody;      /* or a finally block (gt_untry of handler, then the block) */
    bool resumed;         /* a yield inside re-enters handler where it resumes: its setjmp goes to the
                             label `<handler>_caught` (emit_stmt.c yield_value) */
    int loops;            /* loops around the statement itself */
  } *withs;
  int nwiths, capwiths;
  const char *caught;     /* in an except clause: its handler, whose exception a bare raise raises */
  bool generator;         /* a generator function's body: its variables are the frame's fields */
  bool unwinds;           /* the program catches exceptions: an exception may leave the frame... */
  const char **slots;     /* ...and releases these, its variables and temporaries holding references */
  int nslots, capslots;
  int nyields;            /* the yields written so far: yield k resumes at label _yieldk */
} FnState;

typedef struct E {
  Program *p;
  const EmitOptions *opt;
  Buf types;       /* gt_type descriptors */
  Buf strs;        /* string literals */
  Buf protos;
  Buf defs;
  FnState *f;
  int nstrs;
  Module *m;       /* module being emitted */
} E;

/* The body of a loop as emit_loop.c calls it each round: a for statement's
 * block, or what a comprehension adds. */
typedef void (*LoopBody)(E *e, void *ctx);

/* The body a capture (emit_expr.c) set aside while it writes a
 * sub-expression's statements into a buffer of their own. */
typedef struct Capture {
  Buf saved;
  int saved_indent;
  int mark;
} Capture;

/* ---- emit_value.c: text, C types, temporaries, locations, literals, truth -- */

void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_append(Buf *b, const Buf *more);
void buf_free(Buf *b);
const char *fmt(E *e, const char *f, ...) __attribute__((format(printf, 2, 3)));
const char *ctor_cname(E *e, ClassInfo *k, Func *init);
const char *path_literal(Arena *a, const char *path);
void line(E *e, const char *f, ...) __attribute__((format(printf, 2, 3)));
Val val(const char *c, Type *ty, bool owned);
const char *ctype(E *e, const Type *t);
Val class_of(E *e, Node *x, Type *ty);  /* type(x), x.__class__ */
const char *desc(E *e, Type *t);
const char *union_desc(E *e, Type *t);
const char *union_value(E *e, const char *u, Type *m);
Val owned_as(E *e, Val v, const Type *to);
const char *fn_caller(E *e, Type *t);
const char *var_c(E *e, const Sym *y);
const char *new_temp(E *e, Type *t);
const char *new_out_temp(E *e, Type *t);
int extern_outs(const Func *f);
Type *out_type(const Func *f, int j);  /* the C type of out parameter j of extern f */
void declare_c(E *e, const char *ct, const char *name, const char *init);
void push_name(const char ***list, int *n, int *cap, const char *name);
void release_later(E *e, const char *name);
void add_slot(E *e, const char *name);
void release_line(E *e, const char *c);
Val temp_result(E *e, const char *t, Type *ty);
void flush(E *e, int mark);
bool is_ref(const Val v);
bool unread_number(const Sym *y);
const char *borrow(E *e, Val v);
const char *own(E *e, Val v);
bool is_simple(const char *c);
Val stable(E *e, Val v);
bool has_call(const Node *n);
bool is_literal_text(const char *c);
Val snapshot(E *e, Val v);
Val operand(E *e, Node *n);
const char *cond_text(E *e, const char *c);
const char *arrow(E *e, const char *c);
const char *late_flag(E *e, const Field *f);  /* start_set: self.start is assigned */
const char *present(E *e, const char *x, const Type *t);
const char *coerce(E *e, const char *c, const Type *from, const Type *to);
const char *box(E *e, const char *c, const Type *t);
const char *unbox(E *e, const char *c, const Type *t);
void set_at(E *e, const Node *n);
void settle_at(E *e);
void pend_at(E *e, const Node *n);  /* a statement's or a condition's location, written where code calls */
void settle_cond_at(E *e, const char *k);
void mark_op(E *e, const Node *n);
void forget_at(E *e);
void set_line(E *e, const Node *n);
Val failing(E *e, const Node *n, Val v);
const char *c_quote(E *e, const char *s);
const char *str_literal(E *e, const char *s, size_t len);
const char *float_literal(E *e, double v);
const char *int_literal(E *e, int64_t v);
void discard_none(E *e, Val v);
Val to_str(E *e, Val v);
Val to_repr(E *e, Val v);
const char *truth(E *e, Val v);

/* ---- emit_expr.c: expressions, f-strings, comprehensions ------------------- */

Val ex(E *e, Node *n);
const char *tight(E *e, const char *c);
Val ex_arith(E *e, Node *n, Op op, Val a, Val b);
void capture_begin(E *e, Capture *cap);
Buf capture_end(E *e, Capture *cap);
void splice(E *e, Buf *stmts);
Val ex_str_format(E *e, Node *n, CallInfo *ci);
void discard(E *e, Val v);
Val ex_genexp_fold(E *e, Node *call, int builtin);

/* ---- emit_call.c: calls ---------------------------------------------------- */

void call_args(E *e, CallInfo *ci, Param *params, int from, Buf *out, bool first);
Val extern_result(E *e, Func *f, const char *call, Type *ty);
Val ex_call_func(E *e, Node *n, CallInfo *ci);
/* A namespace's slot (gt_namespace_get): an Optional int or float as its
 * T, with its None value. */
const char *slot_box(E *e, const char *c, const Type *t);
const char *slot_unbox(E *e, const char *c, const Type *t);
Val as_list(E *e, Val v, Type *elem);
Val ex_call(E *e, Node *n);

/* ---- emit_loop.c: loops ---------------------------------------------------- */

void held_to_end(E *e, const char *name);
const char *hold(E *e, Type *t, const char *expr);
void unhold(E *e, const char *name);
void emit_for_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx);
Val map_list(E *e, Iter *it, Type *lt);
void emit_for(E *e, Node *st);
Val ex_iter_next(E *e, Node *n, CallInfo *ci);
void emit_while(E *e, Node *st);

/* ---- emit_stmt.c: assignment and statements -------------------------------- */

void store(E *e, Node *t, Val v);
Val default_value(E *e, Param *q);  /* emit_call.c: q's default where a call omits it */
void emit_block(E *e, Node *body);
void comment(E *e, Node *st);
struct With *push_exit(E *e);
void exit_withs(E *e, bool all);

/* ---- emit_try.c: try, raise ---- */
void emit_try(E *e, Node *st);
void emit_raise(E *e, Node *st);
void emit_try_exit(E *e, int w);
const char *emit_try_open(E *e);
void emit_try_close(E *e, const char *h, bool exits, bool resumed);
Val emit_exc_new(E *e, Node *n, CallInfo *ci);
Val ex_named_tuple(E *e, Node *n, CallInfo *ci);  /* emit_expr.c: P(...) of a named tuple P */
Val emit_exc_init(E *e, Node *n, CallInfo *ci);

/* ---- emit.c: functions, classes, modules and the program ------------------- */

bool is_module_type(const Type *t);
const char *class_object(E *e, const ClassInfo *k);
const char *module_is(E *e, const char *v, const ClassInfo *k);
const char *method_cname(const Func *f);
bool is_derived(Program *p, const ClassInfo *k);
bool has_instances(Program *p, const ClassInfo *k);
Val fn_value(E *e, Func *f, Type *ty);

#endif

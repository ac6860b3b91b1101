/* check.h - the checker's own declarations, shared by its files (check.c,
 * check_expr.c, check_call.c, check_builtin.c, check_iter.c, check_stmt.c,
 * check_params.c) and by no other pass: what the checker records for the
 * later passes is in sema.h.
 */
#ifndef GT_CHECK_H
#define GT_CHECK_H

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

/* An Optional variable known here to be None or not (check_narrow.c). */
typedef struct Narrowed {
  Sym *sym;
  Type *ty;                /* its type here: the Optional's T, None, or the declared type again */
  struct Narrowed *next;   /* older entries */
} Narrowed;

/* Where the checker is: the program, the module and function being
 * checked, the innermost scope, how many loops enclose the statement, and
 * which Optional variables are narrowed. */
typedef struct Ctx {
  Program *p;
  Module *m;
  Func *fn;            /* the function being checked (a module's init for top-level code) */
  Scope *scope;        /* innermost scope: comprehensions, then fn->locals */
  int loops;
  Narrowed *narrowed;
} Ctx;

#define T(k) type_prim(k)

static inline const char *tn(Ctx *c, const Type *t) { return type_name(c->p, t); }

static inline bool is_err(const Type *t) { return t->kind == TY_ERROR; }

static inline bool is_class(const Type *t) { return t->kind == TY_CLASS; }

/* A located error; returns the error type, for `return error_at(...)`. */
Type *error_at(Ctx *c, Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* check.c */
bool never_returns(const Node *e);
Type *set_type(Node *e, Type *t);
bool arg_fits(const Param *q, const Type *t);
bool assignable(const Type *to, const Type *from);
bool printable(const Type *t);
bool truthy(const Type *t);
void check_func(Ctx *c, Func *f);

/* check_expr.c */
CallInfo *class_subscript(Ctx *c, Node *e, Type *ot, const char *method, Type *value);
Field *add_field(Ctx *c, ClassInfo *k, Node *decl, Type *ty);
Field *find_field(ClassInfo *k, const char *name);
Sym *find_name(Ctx *c, const char *name);
Type *arith_result(Ctx *c, Node *e, Type *a, Type *b);
Type *check_attr(Ctx *c, Node *e);
Type *check_expr(Ctx *c, Node *e, Type *expect);
Type *check_index(Ctx *c, Node *e, bool store);
Type *check_truth(Ctx *c, Node *e);
Type *unify(const Type *a, const Type *b);
Type *join_types(Ctx *c, Type *a, Type *b);
bool settle(Type *pending_type, Type *to);
extern int settle_paused;  /* > 0 while overloads are tried: settle answers without settling */
bool has_error(const Type *t);
bool in_init_of(Ctx *c, ClassInfo *k);
bool is_int_like(const Type *t);
void need_fields(Ctx *c, ClassInfo *k);

/* check_call.c */
CallInfo *new_call(Ctx *c, Node *e, CallKind kind, int nargs);
Func *pick_by_types(Func *first, int skip, Type **args, int n, Node *call);
Type *check_call(Ctx *c, Node *e);
Type *operator_call(Ctx *c, Node *e, Op op, Node *lhs, Node *rhs);
const char *operator_dunder(Op op, bool reflected);

/* check_builtin.c */
Type *check_builtin_call(Ctx *c, Node *e, int bi);

/* check_iter.c */
Type *iter_elem(Ctx *c, Type *t);
Type *plan_loop(Ctx *c, Node *owner, Node *iterable);

/* check_stmt.c */
void bind_target(Ctx *c, Node *t, Type *ty);
void check_block(Ctx *c, Node *body);

/* check_narrow.c */
Type *narrowed_type(Ctx *c, Sym *y);
void narrow_assigned(Ctx *c, Sym *y, Type *t);
Narrowed *narrow_by(Ctx *c, Node *cond, bool truth, Narrowed *on);
bool block_exits(Node *body);
Narrowed *narrow_join(Ctx *c, Narrowed *base, Narrowed *body, bool body_exits, Narrowed *orelse, bool else_exits);
void narrow_forget(Ctx *c, Node *body);
Type *not_none(Ctx *c, Node *e, Type *t);

/* check_params.c */
Type *proposable(Type *t);
bool unannotated(const Param *q);
void note_arg(Ctx *c, Node *a, Param *q, Type *t);
void note_attr(Ctx *c, const Node *x, const char *name);
void report_unannotated_params(Ctx *c);

#endif

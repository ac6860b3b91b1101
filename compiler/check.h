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

/* What a name holds at one point of the flow of control (check_flow.c):
 * the version (binding) holding its value, and its type there. */
typedef struct Flow {
  Sym *sym;            /* the name: its first binding; of a field: the binding holding the object */
  Field *field;        /* an Optional field narrowed (`self.h is not None`): sym.field has type ty */
  Sym *version;        /* the binding that holds its value here (sym or one of its versions) */
  Type *ty;            /* an Optional narrowed here: its T or None; NULL: the version's own type */
  Sym *other;          /* paths that meet here leave it in two versions (version and other) */
  bool unbound;        /* not assigned yet on this path */
  bool maybe_unbound;  /* not assigned on some path that comes here */
  bool at_head;        /* at a loop's head, whose body assigns it */
  Node *head_read;     /* at_head: the first read of it before the body assigns it */
  bool forget_fields;  /* older narrowings of fields are forgotten here: all, or field's only */
  struct Flow *next;   /* older entries */
} Flow;

/* A growing list of flow states, in the arena. */
typedef struct FlowList {
  Flow **items;
  int n, cap;
} FlowList;

/* The loop being checked: the states at its head and where it jumps. */
typedef struct LoopFlow {
  Flow *pre;           /* before the loop */
  Flow *head;          /* at its head: pre and the entries of the names its body assigns */
  Flow *tested;        /* a while's: after its condition, where the loop ends (its names bound) */
  FlowList again;      /* states that go round again: the body's end and each `continue` */
  FlowList breaks;     /* states at each `break` */
} LoopFlow;

/* Where the checker is: the program, the module and function being
 * checked, the innermost scope, how many loops enclose the statement, and
 * what each name holds here. */
typedef struct Ctx {
  Program *p;
  Module *m;
  Func *fn;            /* the function being checked (a module's init for top-level code) */
  Scope *scope;        /* innermost scope: comprehensions, then fn->locals */
  int loops;
  int withs;           /* `with` blocks around the statement */
  Flow *flow;
  LoopFlow *loop;      /* the innermost loop, or NULL */
  Node *outer_loop;    /* the outermost for or while statement around the one checked, or NULL */
  Node *inner_loop;    /* the innermost one, or NULL */
  Node *stmt;          /* the innermost statement being checked, or NULL */
  FlowList *raising;   /* in a try body: the states an exception may leave it from (check_try.c) */
  int handlers;        /* except clauses around the statement: a bare raise is one's */
  int finally_loops;   /* in a finally block: the loops around it, which no jump may leave; else -1 */
  bool callee;         /* the expression checked is a call's callee: a function's name stays one */
  bool member_args;    /* the call checked is one of a union call's (check_call.c union_call): a variable or
                          field holding a union value fits a parameter taking one of its members, read as it
                          (tested where it runs) */
  Flow *outer_flow;    /* a nested function's: what the names around it hold where it is defined */
  Type *call_expect;   /* the type expected of the call being checked (check_call_kind takes it): what a
                          generic class's constructor makes where its arguments bind nothing */
  Type *result_expect; /* the same for the whole of the call's checking (check_call keeps it around its
                          arguments' own): the number .item() of a tensor of unknown dtype gives */
  Node *assigned;      /* the value of the `name = value` being checked, whose name is assigned_to */
  Sym *assigned_to;    /* (an unannotated name's first binding): a generic class's instance learns */
  Node *assigned_field; /* or the `self.x` of the field __init__ declares with it */
  Node *untyped_lambda; /* `f = lambda x: ...` with nothing typing f yet: its first call will (check_flow.c) */
  Node *displayed;     /* the value print(), str(), repr() or an f-string field is checking (check_displayed) */
  struct Muted *muted; /* a trial check's (check_call.c trial_misfit): its errors are counted, not reported */
} Ctx;

/* The errors of a trial check: how many, and the first one's message. */
typedef struct Muted {
  int errors;
  const char *first;
} Muted;

#define T(k) type_prim(k)

static inline const char *tn(Ctx *c, const Type *t) { return type_name(c->p, t); }

static inline bool is_err(const Type *t) { return t->kind == TY_ERROR; }

static inline bool is_class(const Type *t) { return t->kind == TY_CLASS; }

/* A located error; returns the error type, for `return error_at(...)`. */
Type *error_at(Ctx *c, Node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* check.c */
Type *set_type(Node *e, Type *t);
bool same_items(const Type *a, const Type *b);  /* tuple types of one item list (named or not) */
bool arg_fits(const Param *q, const Type *t);
Type *member_arg(const Param *q, const Type *t);
bool assignable(const Type *to, const Type *from);
bool reads_covariantly(const Type *want, const Type *t);
bool fits_covariantly(const Func *f, const Param *q, const Type *t);
bool takes_any(const Type *t);  /* a value with a run-time descriptor: what an `Any` parameter takes */
bool printable(const Type *t);
bool truthy(const Type *t);
Func *made_func(Ctx *c, const char *name, const char *qname, const char *cname_stem, bool nested);
bool method_is_abstract(Program *p, const Func *f);  /* @abstractmethod */
void add_func(Ctx *c, Func *f);
void check_top_func(Ctx *c, Func *f);
void check_func(Ctx *c, Func *f);
void check_nested_def(Ctx *c, Node *st);
void check_deferred_def(Ctx *c, Func *f);
void check_toplevel_decorated(Ctx *c, Node *st);

/* check_call.c */
Type *union_use(Ctx *c, Node *e, Node *recv, const char *name, Type *u, Type *expect);

/* check_builtin.c */
bool rereadable(const Node *x);  /* a name or its attribute: reading it again reads the same */

/* check_expr.c */
void check_settled_in(Ctx *c, Node *cmp);  /* `x in d` of a d typed after it */
CallInfo *class_subscript(Ctx *c, Node *e, Type *ot, const char *method, Type *value);
Field *add_field(Ctx *c, ClassInfo *k, Node *decl, Type *ty);
Field *find_field(ClassInfo *k, const char *name);
void field_first_stored(Ctx *c, Field *f);
Sym *find_name(Ctx *c, const char *name);
bool captured_write(Ctx *c, Node *t, Sym *y, Type *ty);
Type *arith_result(Ctx *c, Node *e, Type *a, Type *b);
Type *check_attr(Ctx *c, Node *e);
Type *check_expr(Ctx *c, Node *e, Type *expect);
Type *check_displayed(Ctx *c, Node *e);
Type *dynamic_value(Ctx *c, Node *e, Type *expect);
Type *check_index(Ctx *c, Node *e, bool store);
Type *check_truth(Ctx *c, Node *e);
void check_decided_cond(Ctx *c, Node *n);
Type *check_genexp(Ctx *c, Node *e, bool truth);
void genexp_as_comp(Node *e, NodeKind kind);
Type *unify(const Type *a, const Type *b);
Type *pending(Ctx *c, Node *display, TypeKind kind);  /* an empty [], {} or set() its first use types */
Type *set_element(Ctx *c, Node *x, Type *t);          /* t, or the error of an unhashable element */
Type *unhashable_class(Ctx *c, Node *at, const ClassInfo *k, const char *what);  /* its error: __eq__ without __hash__ */
Type *join_types(Ctx *c, Type *a, Type *b);
bool settle(Type *pending_type, Type *to);
extern int settle_paused;  /* > 0 while overloads are tried: settle answers without settling */
bool has_error(const Type *t);
bool in_init_of(Ctx *c, ClassInfo *k);
bool is_int_like(const Type *t);
void need_fields(Ctx *c, ClassInfo *k);
void note_early_call(Ctx *c, Func *f);
void run_early_calls(Ctx *c);

/* check_call.c */
CallInfo *new_call(Ctx *c, Node *e, CallKind kind, int nargs);
bool place_args(Ctx *c, Node *call, const char *fname, Param *params, int np_all, int skip, CallInfo *ci);
void missing_args(Ctx *c, Node *call, const char *fname, Param *params, int np_all, int skip, CallInfo *ci);
void fit_arg(Ctx *c, CallInfo *ci, Param *q, Node *a, Type *t, const char *fname);

/* check_generic.c */
Type *call_generic(Ctx *c, Node *e, Func *g);
void call_union_method(Ctx *c, Node *e, CallInfo *ci);
Func *default_union_init(Ctx *c, ClassInfo *k);
Func *operator_instance(Ctx *c, Node *e, Func *g, Type *argt);
ClassInfo *ctor_instance(Ctx *c, Node *e, ClassInfo *g, Type *expect);
ClassInfo *loader_instance(Ctx *c, Node *e, ClassInfo *g);
Node *arg_named(const Func *f, const CallInfo *ci, const char *name);  /* the argument bound to `name`, or NULL */
bool is_tensor_type(const Type *t);  /* a value of the protocol="tensor" class */
ClassInfo *method_instance(Ctx *c, Node *call, ClassInfo *g, Func *m, Type **seed);
Type *subscript_binds(Ctx *c, Node *e, ClassInfo *g, Type **targs, Type *value);  /* counts[w] of counts = defaultdict(int) */
Type *body_annotation(Ctx *c, Node *ann);

/* check_autograd.c */
Type *autograd_apply(Ctx *c, ClassInfo *k, const char *name, Func **apply);
ClassInfo *autograd_base(ClassInfo *k);
Type *autograd_ctx_type(ClassInfo *k);

/* check_classobj.c */
ClassInfo *class_object_class(const Type *t);
Type *class_value(Ctx *c, Node *e, ClassInfo *type);
Type *class_value_attr(Ctx *c, Node *e, Type *expect);  /* block.expansion of a class value */
/* t as module m's code can write it (`nn.Sequential`), or with the import it needs */
const char *spelled_type(Ctx *c, Module *m, const Type *t);
Type *check_type_of(Ctx *c, Node *e, ClassInfo *type);
Type *check_class_attr(Ctx *c, Node *e, Type *t);  /* x.__class__ */
Func *def_copy(Ctx *c, Func *g, const char *cname_stem);  /* check.c: a def's copy (generic instances) */
bool is_enum_class(const Type *t);
void enum_class_call(Ctx *c, Node *x, Node *ref, const char *method, Node *args);
Type *enum_members(Ctx *c, Node *x, Type *t);      /* for m in Color: Color._members() */
Type *issubclass_value(Ctx *c, CallInfo *ci, Node *b);
void check_exit_params(Ctx *c, WithInfo *w);
void check_exit_varargs(Ctx *c, Func *f);  /* def __exit__(self, *exc): exc not read */
Func *pick_by_types(Func *first, int skip, Type **args, int n, Node *call);
Type *check_call(Ctx *c, Node *e);
Type *operator_call(Ctx *c, Node *e, Op op, Node *lhs, Node *rhs);
const char *operator_dunder(Op op, bool reflected);

/* check_builtin.c */
Type *check_builtin_call(Ctx *c, Node *e, int bi);
Node *keywords_display(Ctx *c, Node *call);  /* check_call.c: {"k": v} of dict(k=v)'s keywords */
/* check_call.c: an error where `container` is vars(obj)'s dict, or a name
 * bound to it, into which a store (`how`) would not reach obj as Python's does. */
bool refuse_vars_store(Ctx *c, Node *container, const char *how);
/* check_call.c, for rewrites in place: the checked node e made a call of
 * no callee (CALL_CONVERTED) whose one argument, returned, is what e was;
 * the clause `var in [x]` that evaluates x once; is x a name or an
 * attribute of one (read again, no effect)? (A name node at `at` is
 * ast.c's ast_name.) */
Node *called_in_place(Ctx *c, Node *e);
/* Is arg the constant of q's `Literal[v]` annotation (or q none)? check_call.c */
bool literal_given(const Param *q, const Node *arg);
Node *comp_over_one(Ctx *c, Node *x, const char *var);
bool plain_path(const Node *x);
bool needs_lambda_value(const Func *f);  /* check_expr.c: an extern's, an overload's, a '*' def's value */
Type *required_callable(Ctx *c, const Func *f);  /* check_expr.c: Callable of f's required parameters */
Type *call_builtins_def(Ctx *c, Node *e, const char *name);  /* check_call.c: sum() of objects, zip(*rows) */
void check_key(Ctx *c, Node *key, Type *elem, CallInfo *ci);

/* check_format.c */
void check_fmt_value(Ctx *c, Node *part, Type *t);
Type *check_str_format(Ctx *c, Node *e, Node *recv);
Type *check_str_percent(Ctx *c, Node *e);

/* check_iter.c */
Type *iter_elem(Ctx *c, Type *t);
Type *iter_as_list(const Type *t);
/* The items an extern's `Iterable[X]` parameter takes of a value of type
 * t as their list (check_call.c), or NULL. */
Type *iterable_items(const Type *t);
Type *iterate_into_list(Ctx *c, Node *e);
Func *object_next(const Type *t);
Type *iterate_by_next(Ctx *c, Node *e);
Type *plan_loop(Ctx *c, Node *owner, Node *iterable, Type *expect);
Iter *map_plan(Ctx *c, Node *x);
Type *taken_whole(Ctx *c, Node *x, Type *t);
Type *comprehended_in_place(Ctx *c, Node *x, NodeKind kind);
Type *walked_as_generator(Ctx *c, Node *x, Type *t);

/* check_stmt.c */
void bind_target(Ctx *c, Node *t, Type *ty);
void check_block(Ctx *c, Node *body);

/* check_flow.c */
int line_of(const Node *n);
const char *a_type(Ctx *c, const Type *t);
void flow_begin(Ctx *c, Scope *s);
Sym *flow_base(Sym *v);
Type *flow_read(Ctx *c, Node *use, Sym *y, Sym **version);
void state_key_stored(Ctx *c, const Node *key, Type *t);  /* check_flow.c: ckpt["epoch"] = 3 */
Type *state_key_read(Ctx *c, Node *e);                     /* print(ckpt["epoch"]) */
void state_keys_settle(Ctx *c);
void tensor_dict_read(Ctx *c, Node *e);  /* ckpt["epoch"] of ckpt = torch.load(path): of another type? */
Type *assigned_field_learnt(Program *p, const ClassInfo *k, const char *name);  /* check_flow.c: hints of */
bool late_field_learn(Program *p, const ClassInfo *k, const char *name, const Type *t);
void late_fields_learnt(Ctx *c, ClassInfo *k, void (*fn)(Ctx *, ClassInfo *, const char *, Type *));
void declare_late_fields(Ctx *c, ClassInfo *k);  /* self.start = ... in __enter__: a field of k */
void late_init_fields(ClassInfo *k);
bool holds_return(const Node *st, bool valued);  /* statement list st returns (a value), not a nested def */  /* `if s != 1: self.shortcut = ...` in __init__: late */
Type *late_field_store(Ctx *c, Node *target, Node *value);
void late_fields_settle(Ctx *c);
bool assigned_field_learn(Program *p, const ClassInfo *k, const char *name, const Type *t);  /* args.x = v */
Type *assigned_field(Ctx *c, Node *target, Node *value);  /* check_declared.c: args.cuda = ... */
void flow_widen(Ctx *c, Node *recv, Type *t);  /* xs = [1]; xs.append(0.5): a list of numbers */
void flow_widen_to(Ctx *c, Node *recv, Type *wide);  /* layers.append(nn.ReLU()): a list of a common base */
bool flow_widens(const Type *t);                 /* a list or dict of ints (floats, bools) */
void flow_builtin_called(Ctx *c, Node *call);  /* f = max; f(2, 5): f's Callable, for the next run */
Type *flow_builtin_learnt(Ctx *c, Sym *y);
void flow_lambda_called(Ctx *c, Node *call);  /* f = lambda x: ...; f(2): f's parameters, for the next run */
void flow_lambda_expected(Ctx *c, Node *name, Type *callable);  /* sorted(xs, key=f): f's parameters too */
Type *flow_lambda_learnt(Ctx *c, Sym *y);
Type *flow_widened(Ctx *c, Sym *y);
bool flow_unbound_instance(Ctx *c, Node *value, ClassInfo *g, Type **targs);  /* q = deque(): its types unknown yet */
Type *flow_instance_index(Ctx *c, Node *e, Type *value);  /* counts[w] (= value) of such a counts: w's type is its key's */
void flow_instances_settle(Ctx *c);  /* end of a run: what the uses told, for the next */
void flow_instance_call(Ctx *c, Node *call);  /* q.appendleft(x) of such a q: they are x's */
Type *flow_instance_learnt(Ctx *c, Sym *y);
void flow_empty_fields_settle(Ctx *c);  /* check_flow.c: fields `self.x = {}` typed later, for the next run */
Type *field_instance_learnt(Ctx *c, ClassInfo *k, const char *field);  /* self.counts = Counter() */
bool field_union_learn(Ctx *c, ClassInfo *k, const char *field, Type *declared);  /* union __init__ */
bool field_float_learn(Ctx *c, ClassInfo *k, const char *field);
Sym *flow_current(Ctx *c, Sym *y);
bool flow_bound(Flow *at, Sym *y);
bool flow_may_rebind(Ctx *c, const Sym *y);
Type *flow_value_type(Ctx *c, Sym *y, Type *ty, const Node *at);
bool flow_optional(Ctx *c, Sym *y);
bool flow_holds_tensors(Ctx *c, Sym *y);
/* Does e name a value, a name or its fields (`m`, `self.head`), which reading again reads the same? */
bool names_a_value(const Node *e);
Node *made_call(Ctx *c, Node *at, CallKind kind, Func *f, Type *t);
Type *flow_none_type(Ctx *c, Sym *y);
void flow_end(Ctx *c, Scope *s);
Sym *flow_binding(Ctx *c, Node *t, Sym *y, Type **value);
void flow_assigned(Ctx *c, Sym *y, Sym *v, Type *t);
Flow *narrow_by(Ctx *c, Node *cond, bool truth, Flow *on);
Node *none_test(Node *cond, bool *true_if_none);  /* `x is None`: x; NULL if cond is none */
Type *union_receiver(Node *x, Type *t);
bool union_narrowable(Ctx *c, Node *x);
bool variable_field_read(Node *x);  /* self.size: no effect, decided_branch may leave it out */
const Type *guard_tested(const Node *cond);  /* torch.is_tensor(x): Tensor */
bool union_read_node(const Node *x);
Type *union_unnarrowed(Ctx *c, Node *e, Type *t);
bool rebound_elsewhere(Ctx *c, const Sym *v);  /* a `global v`/`nonlocal v` in a function */
Flow *narrow_targets(Ctx *c, Node *cond, const Scope *s, Flow *on);  /* a comprehension's `if`: its variables' */
Type *field_read(Ctx *c, Node *e, Field *f);
void field_stored(Ctx *c, Node *t, Field *f, Type *value);
void flow_called(Ctx *c, Node *call);
void flow_restore(Ctx *c, Flow *saved, Flow *other_end);
bool block_exits(Node *body);
Flow *flow_join_if(Ctx *c, Flow *base, Flow *body, bool body_exits, Flow *orelse, bool else_exits);
void flow_loop_enter(Ctx *c, LoopFlow *lf, Node *target, Node *loop, Node *body);
void flow_jump(Ctx *c, bool is_break);
Flow *flow_loop_head(Ctx *c, LoopFlow *lf, Flow *end, bool end_falls_through);
Flow *flow_loop_after(Ctx *c, LoopFlow *lf, Flow *last, bool falls_through);
void flow_add_state(Ctx *c, FlowList *l, Flow *f);
Flow *flow_join_states(Ctx *c, Flow *base, FlowList *l);
void flow_may_raise(Ctx *c);
void flow_deleted(Ctx *c, Sym *y);

/* check_try.c */
void check_try(Ctx *c, Node *st);
void check_raise(Ctx *c, Node *st);
Type *check_exc_ctor(Ctx *c, Node *e, ClassInfo *k);
Type *check_exc_init(Ctx *c, Node *e, Node *self);
void check_exc_super_init(Ctx *c, Func *f);
Type *not_none(Ctx *c, Node *e, Type *t);

/* check_declared.c */
void declare_fields(Ctx *c);
Type *check_declared_call(Ctx *c, Node *e, Func *f, Node *recv);
Type *command_called(Node *e, Type *t);
void declared_calls_confirmed(Ctx *c);
/* check_params.c */
Type *proposable(Type *t);
bool unannotated(const Param *q);
void note_arg(Ctx *c, Node *a, Param *q, Type *t);
void note_callable_value(Func *f, const Type *callable);  /* a def passed where a Callable is taken */
void note_attr(Ctx *c, const Node *x, const char *name);
void report_unannotated_params(Ctx *c);

#endif

/* check_call.c - calls: which function, method, constructor or builtin a
 * call names, which overload fits its arguments, and the arguments bound
 * in parameter order into the call's CallInfo (defaults, *args, **kwargs);
 * also the class methods that implement operators and subscripts.
 */
#include <ctype.h>

#include "check.h"

/* ---- methods, overloads and operators ----------------------------------- */

static bool keywords_fit(Func *f, Node *call, int given, int round);

/* Rounds of overload resolution: positional types equal, then int widened
 * to float, with keyword arguments of fitting types (x.sum(dim=[0, 1]));
 * then a tuple or a deque of numbers made the list a library function
 * takes (fits_iterated), after any form that takes it as it is
 * (Normalize((0.5,), (0.2,)) the `floats` one); last, keywords that only
 * name parameters, so that the error of a call no overload takes names
 * its wrong argument. */
enum { ROUND_EXACT, ROUND_WIDEN, ROUND_ITERATED, ROUND_NAMES };

/* Parameters that take positional arguments: all but a last `**name`. */
static int positional_params(const Param *params, int np) {
  return np && params[np - 1].kwargs ? np - 1 : np;
}

/* The numbers an object of class type t yields from a generator
 * __iter__ (a deque of floats), or a tuple of one number type holds;
 * else NULL. */
static Type *yielded_numbers(const Type *t) {
  if (t->kind == TY_VARTUPLE) return type_is_numeric(t->elem) ? t->elem : NULL;
  if (t->kind == TY_TUPLE) {
    for (int i = 1; i < t->nitems; i++)
      if (t->items[i] != t->items[0]) return NULL;
    return t->nitems && type_is_numeric(t->items[0]) ? t->items[0] : NULL;
  }
  Func *it = t->kind == TY_CLASS ? class_method(t->cls, "__iter__") : NULL;
  bool gen = it && it->nparams == 1 && it->ret->kind == TY_GENERATOR;
  return gen && type_is_numeric(it->ret->elem) ? it->ret->elem : NULL;
}

/* A library function's list of numbers (a `list[T]` or `ints` parameter
 * of an extern) takes any object that iterates as such a list, as
 * PyTorch's sequence arguments do: x.view(y.shape), torch.zeros(x.size()),
 * torch.tensor(returns) of a deque. (Not a list of objects: a tensor
 * iterates as its rows, yet PyTorch takes none for a list of tensors.) */
static bool fits_iterated(const Func *f, const Param *q, const Type *t, bool call, int round) {
  if (!f || !f->is_extern || (q->ty->kind != TY_LIST && q->ty->kind != TY_INTS)) return false;
  /* the yielded ones only in a call, whose argument becomes their list (fit_arg): an operator's operand
     stays what it is (`x.shape == (2,)` is Size.__eq__'s tuple form) */
  Type *list = iter_as_list(t), *yielded = list || !call || round < ROUND_ITERATED ? NULL : yielded_numbers(t);
  if (yielded) return q->ty->kind == TY_LIST ? q->ty->elem == yielded : yielded->kind == TY_INT;
  return list && type_is_numeric(list->elem) && arg_fits(q, list);
}

/* The items of t where an extern's `Iterable[X]` parameter (q->iterable)
 * takes it as their list: a generator, a map(), a set, a tuple of one
 * item type, a range, a str, a dict's keys, or an object that iterates as
 * a list. NULL where t is no such iterable. */
Type *iterable_items(const Type *t) {
  switch (t->kind) {
  case TY_GENERATOR: case TY_MAP: case TY_SET: case TY_VARTUPLE: return t->elem;
  case TY_DICT: return t->key;
  case TY_STR: return T(TY_STR);
  case TY_RANGE: return T(TY_INT);
  case TY_TUPLE:
    for (int i = 1; i < t->nitems; i++)
      if (t->items[i] != t->items[0]) return NULL;
    return t->nitems ? t->items[0] : NULL;
  default: return iter_as_list(t) ? iter_as_list(t)->elem : NULL;
  }
}

static bool iterable_fits(const Param *q, const Type *t) {
  bool unordered = t->kind == TY_SET || t->kind == TY_DICT || t->kind == TY_GENERATOR || t->kind == TY_MAP;
  if (q->sequence && unordered) return false;  /* torch.tensor({1, 2}): PyTorch cannot infer a set's dtype */
  Type *items = q->iterable ? iterable_items(t) : NULL;
  return items && assignable(q->ty->elem, items);
}

/* What a `*name` or `**name` parameter takes of each value it gathers: an
 * extern's, its own type; a .gtp def's, the item type of its tuple[T, ...]
 * or dict[str, T]. */
static Param gathering(const Param *q) {
  Param g = *q;
  if ((q->varargs && q->ty->kind == TY_VARTUPLE) || (q->kwargs && q->ty->kind == TY_DICT)) g.ty = q->ty->elem;
  return g;
}

/* Does converts= (a type, or a union of them: `converts=str | int`) name
 * a value of type t's kind? */
static bool converts_from(const Type *converts, const Type *t) {
  if (converts->kind != TY_UNION) return t->kind == converts->kind;
  for (int i = 0; i < converts->nitems; i++)
    if (t->kind == converts->items[i]->kind) return true;
  return false;
}

/* The class of an extern's parameter q (`device: device = None`) where
 * it is declared to convert a value of type t (converts=str), else NULL. */
static ClassInfo *converting_class(const Func *f, const Param *q, const Type *t) {
  const Type *want = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  ClassInfo *k = f && f->is_extern && want->kind == TY_CLASS ? want->cls : NULL;
  return k && k->converts && converts_from(k->converts, t) ? k : NULL;
}

/* The __fspath__ method of t's class where q is a `pathlike` parameter
 * (a Path for open's file), else NULL. */
static Func *fspath_method(const Param *q, const Type *t) {
  Func *m = q->fspath && t->kind == TY_CLASS ? class_method(t->cls, "__fspath__") : NULL;
  return m && m->nparams == 1 && m->ret->kind == TY_STR ? m : NULL;
}

/* Does an argument of type t fit f's parameter q? An operand of an
 * operator (no call) is never converted: torch.device("cpu") == "cpu" is
 * False in Python, not a comparison of devices. */
static bool fits_param(const Func *f, const Param *q, const Type *t, const Node *call, int round) {
  if (q->varargs || q->kwargs) {
    Param g = gathering(q);
    return arg_fits(&g, t) || fits_iterated(f, &g, t, call != NULL, round) || (call && fspath_method(&g, t));
  }
  return arg_fits(q, t) || fits_iterated(f, q, t, call != NULL, round) || (call && converting_class(f, q, t)) ||
         (call && fspath_method(q, t)) ||
         (call && iterable_fits(q, t)) || fits_covariantly(f, q, t) ||
         (call && (call->flags & CALL_UNION_MEMBER) && member_arg(q, t));
}

/* The checked node e becomes a call of no callee (CALL_CONVERTED: a second
 * check keeps its record) whose one argument is what e was, returned; the
 * caller gives the call its CallInfo. */
Node *called_in_place(Ctx *c, Node *e) {
  Node *arg = ast_new(c->p->arena, e->kind, e->file, e->pos, e->len);
  *arg = *e;
  arg->next = NULL;
  *e = (Node){.kind = EX_CALL, .pos = arg->pos, .len = arg->len, .file = arg->file, .next = e->next,
              .depth = arg->depth, .args = arg, .flags = CALL_CONVERTED};
  return arg;
}

/* An argument of a class's converts= type (device="cpu"): the checked node
 * e becomes the constructor call K(e) in place, by the __init__ that takes
 * it alone, so that reach and emit see an ordinary construction (the
 * class's C constructor raises PyTorch's error for a bad string). The call
 * has no callee (CALL_CONVERTED): a second check of it keeps its record. */
static Type *convert_arg(Ctx *c, Node *e, ClassInfo *k) {
  Type *t = e->ty;
  Func *init = k->init ? pick_by_types(k->init, 1, &t, 1, NULL) : NULL;
  if (!init) return error_at(c, e, "%s is declared converts=%s, but no __init__ of it takes a %s alone", k->name,
                             tn(c, k->converts), tn(c, t));
  Node *arg = called_in_place(c, e);
  CallInfo *ci = new_call(c, e, CALL_CTOR, init->nparams);
  ci->cls = k;
  ci->fn = init;
  ci->args[1] = arg;
  return set_type(e, k->ty);
}

/* An object for a `pathlike` parameter: the checked node e becomes the
 * method call e.__fspath__() in place (os.fspath, PEP 519), made as
 * convert_arg makes its constructor call. */
static Type *fspath_arg(Ctx *c, Node *e, Func *m) {
  Node *arg = called_in_place(c, e);
  CallInfo *ci = new_call(c, e, CALL_METHOD, m->nparams);
  ci->fn = m;
  ci->recv = arg;
  return set_type(e, m->ret);
}

/* The same constant: True, False, an int, a str. */
static bool same_constant(const Node *a, const Node *b) {
  if (a->kind != b->kind) return false;
  if (a->kind == EX_INT) return a->ival == b->ival;
  if (a->kind == EX_STR) return a->slen == b->slen && memcmp(a->str, b->str, a->slen) == 0;
  return a->kind == EX_TRUE || a->kind == EX_FALSE;
}

/* Does arg fit q where q is a `Literal[v]` parameter: is it the constant v? */
bool literal_given(const Param *q, const Node *arg) { return !q->literal || same_constant(arg, q->literal); }

/* Does the call give each `Literal[v]` parameter of f that it gives the
 * constant v (positional arguments from parameter `skip` on)? One it does
 * not give fits: the overloads are tried in order, the first taking the
 * flags' defaults. */
static bool literals_fit(const Func *f, int skip, const Node *call) {
  int pos = skip;
  for (const Node *a = call ? call->args : NULL; a; a = a->next) {
    const Param *q = NULL;
    if (a->kind == ND_KEYWORD) {
      for (int i = skip; i < f->nparams && !q; i++)
        if (strcmp(f->params[i].name, a->name) == 0) q = &f->params[i];
    } else if (a->kind != EX_STARRED && pos < f->nparams && !f->params[pos].varargs) {
      q = &f->params[pos++];
    }
    if (q && !literal_given(q, a->kind == ND_KEYWORD ? a->rhs : a)) return false;
  }
  return true;
}

/* The depth of a display of numbers, lists and tuples (`((2, 4, 6), [3,
 * 6, 9])` is 2), every number as deep, and *leaf the widest number kind
 * in it (bool, then int, then float, as torch.tensor infers its dtype);
 * -1 for anything else. */
static int display_depth(const Node *a, TypeKind *leaf) {
  if (a->kind != EX_TUPLE && a->kind != EX_LIST) {
    TypeKind k = a->ty ? type_settled(a->ty)->kind : TY_ERROR;
    if (k != TY_BOOL && k != TY_INT && k != TY_FLOAT) return -1;
    if (k == TY_FLOAT || (k == TY_INT && *leaf == TY_BOOL)) *leaf = k;
    return 0;
  }
  int depth = -1;
  for (const Node *x = a->elts; x; x = x->next) {
    int d = x->kind == EX_STARRED ? -1 : display_depth(x, leaf);
    if (d < 0 || (depth >= 0 && d != depth)) return -1;
    depth = d;
  }
  return depth < 0 ? -1 : depth + 1;
}

/* Does display a fit an extern's parameter q of nested lists of numbers
 * (`list[list[int]]`) as the lists it would iterate into, the numbers of
 * q's kind being the widest of a's? torch.tensor(((2, 4, 6), [3, 6, 9])). */
static bool display_fits(const Func *f, const Param *q, const Node *a) {
  if (!f || !f->is_extern || !a) return false;
  TypeKind leaf = TY_BOOL;
  int depth = display_depth(a, &leaf);
  const Type *want = q->ty;
  for (; depth > 0 && want->kind == TY_LIST; depth--) want = want->elem;
  return depth == 0 && want->kind == leaf;
}

/* Display a, as display_fits takes it for q: lists of lists, each of its
 * type (a tuple display made a list display), the numbers converted where
 * the list takes them. */
static Type *display_as_lists(Node *a, Type *want) {
  if (a->kind != EX_TUPLE && a->kind != EX_LIST) return a->ty;
  a->kind = EX_LIST;
  a->ty = want;
  for (Node *x = a->elts; x; x = x->next) display_as_lists(x, want->elem);
  return want;
}

/* The call's i-th positional argument, where no `*x` comes before it;
 * else NULL. */
static const Node *positional_arg(const Node *call, int i) {
  for (const Node *a = call ? call->args : NULL; a; a = a->next) {
    if (a->kind == EX_STARRED) return NULL;
    if (a->kind != ND_KEYWORD && i-- == 0) return a;
  }
  return NULL;
}

/* Do positional argument types fit f's parameters after `skip` (a `*name`
 * parameter taking every position from its own on), and the call's keyword
 * arguments (call may be NULL) the rest, in this round? */
static bool fits(Func *f, int skip, Type **args, int n, Node *call, int round) {
  int np = positional_params(f->params, f->nparams);
  int v = skip;
  while (v < np && !f->params[v].varargs) v++;
  if (v == np && n > np - skip) return false;
  for (int i = 0; i < n; i++) {
    const Param *q = &f->params[skip + i < v ? skip + i : v];
    Type *want = gathering(q).ty;
    if (round >= ROUND_ITERATED && display_fits(f, q, positional_arg(call, i))) continue;
    if (round == ROUND_EXACT ? !(want == args[i] || is_err(args[i])) : !fits_param(f, q, args[i], call, round))
      return false;
  }
  return keywords_fit(f, call, skip + n < v ? skip + n : v, round) && literals_fit(f, skip, call);
}

/* The overload of `first` that takes these arguments, or NULL. */
/* Trying an overload settles no pending empty list: only the call's
 * binding of the chosen one does (settle_paused). */
Func *pick_by_types(Func *first, int skip, Type **args, int n, Node *call) {
  settle_paused++;
  Func *found = NULL;
  for (int round = ROUND_EXACT; round <= ROUND_NAMES && !found; round++)
    for (Func *f = first; f && !found; f = f->overload)
      if (fits(f, skip, args, n, call, round)) found = f;
  settle_paused--;
  return found;
}

const char *operator_dunder(Op op, bool reflected) {
  static const char *const names[][2] = {
      [OP_ADD] = {"__add__", "__radd__"}, [OP_SUB] = {"__sub__", "__rsub__"},
      [OP_MUL] = {"__mul__", "__rmul__"}, [OP_DIV] = {"__truediv__", "__rtruediv__"},
      [OP_FLOORDIV] = {"__floordiv__", "__rfloordiv__"}, [OP_MOD] = {"__mod__", "__rmod__"},
      [OP_POW] = {"__pow__", "__rpow__"}, [OP_MATMUL] = {"__matmul__", "__rmatmul__"},
      [OP_LSHIFT] = {"__lshift__", "__rlshift__"}, [OP_RSHIFT] = {"__rshift__", "__rrshift__"},
      [OP_BITAND] = {"__and__", "__rand__"}, [OP_BITOR] = {"__or__", "__ror__"},
      [OP_BITXOR] = {"__xor__", "__rxor__"}, [OP_NEG] = {"__neg__", NULL},
      [OP_POS] = {"__pos__", NULL}, [OP_INVERT] = {"__invert__", NULL},
      [OP_EQ] = {"__eq__", "__eq__"}, [OP_NE] = {"__ne__", "__ne__"},
      [OP_LT] = {"__lt__", "__gt__"}, [OP_LE] = {"__le__", "__ge__"},
      [OP_GT] = {"__gt__", "__lt__"}, [OP_GE] = {"__ge__", "__le__"},
  };
  if ((size_t)op >= sizeof names / sizeof *names) return NULL;
  return names[op][reflected];
}

/* ---- result dtypes -------------------------------------------------------- */

/* The dtype kind of an operand: a tensor's, or a Python number's. */
static DtypeKind dtype_of(const Type *t) {
  if (!t) return DT_UNKNOWN;
  switch (t->kind) {
  case TY_CLASS: return t->dtype;
  case TY_BOOL: return DT_BOOL;
  case TY_INT: return DT_INT;
  case TY_FLOAT: return DT_FLOAT;
  default: return DT_UNKNOWN;
  }
}

/* The argument bound to f's parameter `name`, or NULL (its default). */
Node *arg_named(const Func *f, const CallInfo *ci, const char *name) {
  for (int i = 0; i < f->nparams && i < ci->nargs; i++)
    if (strcmp(f->params[i].name, name) == 0) return ci->args[i];
  return NULL;
}

/* PyTorch's promotion between kinds: bool < int < float; not known stays so. */
static DtypeKind promote(DtypeKind a, DtypeKind b) {
  if (!a || !b) return DT_UNKNOWN;
  return a > b ? a : b;
}

/* The dtype kind of a call of f by its `-> Tensor[rule]` (sema.h): a
 * `dtype=` argument decides, else the rule, whose "other" operand is the
 * second parameter's (`other`, `exponent`, `mat2`). */
static DtypeKind result_dtype(const Func *f, const CallInfo *ci) {
  const Node *self = ci->recv ? ci->recv : ci->nargs ? ci->args[0] : NULL;
  DtypeKind s = dtype_of(self ? self->ty : NULL);
  const Node *other = ci->nargs > 1 ? ci->args[1] : NULL, *dtype = arg_named(f, ci, "dtype");
  if (dtype && dtype->kind != EX_NONE) return dtype_of(dtype->ty);
  switch (f->dtype_rule) {
  case DR_FIXED: return f->dtype_fixed;
  case DR_SELF: return s;
  case DR_PROMOTE: {  /* a number goes to C as the parameter's type: x + True as x + 1.0 where no bool form is */
    const Type *pt = f->nparams > 1 ? f->params[1].ty : NULL;
    bool number = pt && (pt->kind == TY_INT || pt->kind == TY_FLOAT || pt->kind == TY_BOOL);
    return other ? promote(s, dtype_of(number ? pt : other->ty)) : s;
  }
  case DR_SUM: return s == DT_BOOL ? DT_INT : s;
  default: return DT_UNKNOWN;
  }
}

/* The type of a call of f: its return type, with the dtype kind its rule
 * gives; .item() (`-> scalar`) is the Python number of the receiver's
 * kind, or where that kind is not known the number its place expects
 * (`xs.remove(y.item())` of a list[int]: the run time checks the tensor's),
 * else a number whose type the tensor's dtype decides where it runs. */
static Type *call_result(Ctx *c, const Func *f, const CallInfo *ci) {
  if (f->ret_scalar) {
    static const TypeKind scalar[] = {[DT_BOOL] = TY_BOOL, [DT_INT] = TY_INT, [DT_FLOAT] = TY_FLOAT};
    DtypeKind k = dtype_of(ci->recv->ty);
    if (k) return T(scalar[k]);
    Type *x = c->result_expect;
    if (x && (x->kind == TY_INT || x->kind == TY_FLOAT || x->kind == TY_BOOL)) return x;
    return T(TY_NUMBER);  /* loss.item() of a tensor a function returned: an int, a float or a bool, as Python's */
  }
  if (!f->dtype_rule && !arg_named(f, ci, "dtype")) return f->ret;
  return type_dtyped(c->p, f->ret, result_dtype(f, ci));
}

/* `a OP b` where a class defines the operator: a.__op__(b), else
 * b.__rop__(a). Records the call in e->info; NULL when neither exists. */
Type *operator_call(Ctx *c, Node *e, Op op, Node *lhs, Node *rhs) {
  for (int reflected = 0; reflected <= (rhs ? 1 : 0); reflected++) {
    Node *recv = reflected ? rhs : lhs, *arg = reflected ? lhs : rhs;
    Type *rt = recv->ty;
    const char *name = operator_dunder(op, reflected);
    if (rt->kind != TY_CLASS || !name) continue;
    Func *first = class_method(rt->cls, name);
    bool negate = false;
    if (!first && op == OP_NE) {   /* as Python: != is the negation of __eq__ */
      first = class_method(rt->cls, "__eq__");
      negate = true;
    }
    if (!first) continue;
    Type *argt = arg ? arg->ty : NULL;
    Func *f = first->ntvars ? operator_instance(c, e, first, argt) : pick_by_types(first, 1, &argt, arg ? 1 : 0, NULL);
    Func *fspath = !f && arg && first->nparams == 2 ? fspath_method(&first->params[1], argt) : NULL;
    if (fspath) {  /* root / Path("x"): PurePath.__truediv__ takes an os.PathLike */
      argt = fspath_arg(c, arg, fspath);
      f = pick_by_types(first, 1, &argt, 1, NULL);
    }
    if (!f) continue;
    CallInfo *ci = arena_alloc(c->p->arena, sizeof *ci);
    ci->kind = CALL_METHOD;
    ci->fn = f;
    ci->recv = recv;
    ci->nargs = f->nparams;
    ci->args = arena_alloc(c->p->arena, (f->nparams + 1) * sizeof *ci->args);
    if (arg) ci->args[1] = arg;
    ci->negate = negate;
    e->info = ci;
    return set_type(e, call_result(c, f, ci));
  }
  return NULL;
}
/* ---- calls ---------------------------------------------------------------- */

CallInfo *new_call(Ctx *c, Node *e, CallKind kind, int nargs) {
  CallInfo *ci = arena_alloc(c->p->arena, sizeof *ci);
  ci->kind = kind;
  ci->nargs = nargs;
  ci->args = arena_alloc(c->p->arena, (nargs ? nargs : 1) * sizeof *ci->args);
  e->info = ci;
  return ci;
}

/* Matches a call's arguments to parameters (names, defaults) and checks
 * their types. `skip` parameters (self) are not in the call. */
/* ci->vargs grown to hold n values. */
static Node **realloc_vargs(Ctx *c, CallInfo *ci, int n) {
  Node **v = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *v);
  if (ci->nvargs) memcpy(v, ci->vargs, ci->nvargs * sizeof *v);
  return v;
}

static bool is_double_star(const Node *a) { return a->kind == EX_STARRED && a->op == OP_POW; }

/* The arguments of a call that are not keywords (`*x` counted as one). */
static int positional_count(const Node *args) {
  int n = 0;
  for (; args; args = args->next) n += args->kind != ND_KEYWORD && !is_double_star(args);
  return n;
}

/* A local of the compiler's for a value used more than once where the
 * program evaluates it once, at node a: mark and a's position, a name no
 * program spells ("*12" of `*x`), in the function (a module's top level:
 * its globals) where a is; stem in C ("starred"). */
static const char *compiler_local(Ctx *c, Node *a, char mark, const char *stem) {
  const char *name = arena_printf(c->p->arena, "%c%d:%d", mark, a->pos, a->len);
  bool global = !c->fn || c->fn == c->m->init;
  Scope *s = global ? &c->m->globals : &c->fn->locals;
  if (scope_find(s, name)) return name;  /* the call checked again */
  Sym *y = scope_add(c->p->arena, s, global ? SYM_GLOBAL : SYM_LOCAL, name, a);
  y->cname = global ? c_global(c->p, c->m, stem) : c_local(c->p, c->fn, stem, false);
  y->mod = c->m;
  return name;
}

/* What the i-th argument made of `*x` reads: x where it is a name; else x
 * held in a local of the compiler's, `(starred := x)` for the first and
 * `starred` after, so that x is evaluated once, where Python evaluates it. */
static Node *star_operand(Ctx *c, Node *a, int i) {
  Node *name = ast_new(c->p->arena, EX_NAME, a->file, a->lhs->pos, a->lhs->len);
  name->depth = a->depth;
  if (a->lhs->kind == EX_NAME) {
    name->name = a->lhs->name;
    return name;
  }
  name->name = compiler_local(c, a, '*', "starred");
  if (i > 0) return name;
  Node *held = ast_new(c->p->arena, EX_NAMEDEXPR, a->file, a->lhs->pos, a->lhs->len);
  held->depth = a->depth;
  held->lhs = name;
  held->rhs = a->lhs;
  return held;
}

/* The items of a tuple `t` as the arguments t[0], t[1], ... of `f(*t)`
 * (its length known here); NULL after an error. */
static Node **star_items(Ctx *c, Node *a, int *n) {
  Type *t = check_expr(c, a->lhs, NULL);
  if (is_err(t)) return NULL;
  if (t->kind != TY_TUPLE) {
    error_at(c, a, "'*' of a %s goes only into a '*' parameter: its length is not known where the call is "
                   "checked (a tuple's is)", tn(c, t));
    return NULL;
  }
  Node **items = arena_alloc(c->p->arena, (t->nitems ? t->nitems : 1) * sizeof *items);
  for (int i = 0; i < t->nitems; i++) {
    items[i] = ast_new(c->p->arena, EX_INDEX, a->file, a->pos, a->len);
    items[i]->lhs = star_operand(c, a, i);
    items[i]->rhs = ast_new(c->p->arena, EX_INT, a->file, a->pos, a->len);
    items[i]->rhs->ival = i;
  }
  *n = t->nitems;
  return items;
}

/* The node of a str or int constant, at `at`. */
static Node *constant_like(Ctx *c, const Node *at, const char *str, int64_t ival) {
  Node *n = ast_new(c->p->arena, str ? EX_STR : EX_INT, at->file, at->pos, at->len);
  n->depth = at->depth;
  n->str = str;
  n->slen = str ? strlen(str) : 0;
  n->ival = ival;
  return n;
}

/* Can `*a` (a list or tuple[T, ...] of a length known where the call runs)
 * fill the parameters from `from` to np: the last argument, no keyword,
 * and each parameter left required and positional (no default, no '*')? */
static bool star_fills(Ctx *c, Node *call, Node *a, const Param *params, int np, int from) {
  const char *why = NULL;
  for (Node *b = call->args; b && !why; b = b->next)
    if (b->kind == ND_KEYWORD || is_double_star(b)) why = "fills parameters in a call without keyword arguments";
  if (!why && (a->next || from >= np)) why = "is the last argument here and fills the parameters after the others'";
  for (int i = from; i < np && !why; i++)
    if (params[i].varargs || params[i].dflt) why = "fills only required parameters, none with a default or '*'";
  if (why) error_at(c, a, "'*' of a %s (a length known where the call runs) %s", tn(c, a->lhs->ty), why);
  return !why;
}

/* The call `name(args)` of builtins.gtp's def name, where a stands, checked. */
static Node *builtins_call(Ctx *c, Node *a, const char *name, Node *args) {
  Node *call = ast_new(c->p->arena, EX_CALL, a->file, a->pos, a->len);
  call->lhs = ast_new(c->p->arena, EX_NAME, a->file, a->pos, a->len);
  call->lhs->name = name;
  call->args = args;
  call_builtins_def(c, call, name);
  return call;
}

/* The arguments `*xs` gives parameters from..np-1 (star_fills): each
 * builtins.gtp's _star_item(xs, i, names, from, fname), item i where xs
 * has as many items as they are, Python's TypeError where it has not.
 * Checked here (CALL_CONVERTED: the argument's own check keeps them). */
static Node **star_list_items(Ctx *c, Node *a, const Param *params, int np, int from, const char *fname, int *n) {
  *n = np - from;
  Node **items = arena_alloc(c->p->arena, *n * sizeof *items);
  for (int i = 0; i < *n; i++) {
    Node *names = ast_new(c->p->arena, EX_LIST, a->file, a->pos, a->len), **tail = &names->elts;
    for (int j = from; j < np; j++, tail = &(*tail)->next) *tail = constant_like(c, a, params[j].name, 0);
    Node *xs = star_operand(c, a, i);
    xs->next = constant_like(c, a, NULL, i);
    xs->next->next = names;
    names->next = constant_like(c, a, NULL, from);
    names->next->next = constant_like(c, a, fname, 0);
    items[i] = builtins_call(c, a, "_star_item", xs);
  }
  return items;
}

/* The call's argument `a` replaced, in its list, by the k items, so
 * that reach and emit find them where the call's arguments are. */
static void splice_args(Node *call, Node *a, Node **items, int k) {
  Node **link = &call->args, *after = a->next;
  while (*link != a) link = &(*link)->next;
  for (int i = 0; i < k; i++, link = &(*link)->next) *link = items[i];
  *link = after;
}

/* One value for a `*name` parameter q. */
static void bind_vararg(Ctx *c, Node *a, Param *q, const char *fname, CallInfo *ci) {
  Param g = gathering(q);
  if (q->ty->kind == TY_TUPLE) g.ty = q->ty->items[ci->nvargs];  /* `*args: Any`'s instance: each its own type */
  Type *t = check_expr(c, a, g.ty);
  note_arg(c, a, &g, t);
  if (!arg_fits(&g, t) && fspath_method(&g, t)) t = fspath_arg(c, a, fspath_method(&g, t));  /* Path(root, "x") */
  if (!arg_fits(&g, t))
    error_at(c, a, "argument '%s' of %s expects %s, got %s", q->name, fname,
             g.fspath ? "str or an os.PathLike object (a Path)" : tn(c, g.ty), tn(c, t));
  ci->vargs[ci->nvargs++] = a;
}

/* A list of objects of a class deriving `to`'s, whose pointers an extern's
 * `*modules: Module` array takes as they are (nn.Sequential(*blocks)). */
static bool items_derive(const Type *from, const Type *to) {
  return from->kind == TY_CLASS && to->kind == TY_CLASS && class_derives(from->cls, to->cls);
}

/* The positional arguments from a `*name` parameter on: its values. `*xs`
 * of a list or a tuple[T, ...] is all of them, the list's items gathered
 * where the call runs (an EX_STARRED in vargs); of a named tuple, its items. */
static void bind_varargs(Ctx *c, Node *first, Param *q, const char *fname, CallInfo *ci) {
  int n = 0;
  for (Node *a = first; a; a = a->next)
    if (a->kind != ND_KEYWORD && !is_double_star(a)) n++;
  ci->vargs = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *ci->vargs);
  for (Node *a = first; a; a = a->next) {
    if (a->kind == ND_KEYWORD || is_double_star(a)) continue;
    if (a->kind != EX_STARRED) {
      bind_vararg(c, a, q, fname, ci);
      continue;
    }
    Type *t = check_expr(c, a->lhs, NULL);
    if (iter_as_list(t)) t = iterate_into_list(c, a->lhs);  /* x.view(*x.shape[:-1], n, -1): Size's ints */
    if (t->kind == TY_LIST || t->kind == TY_VARTUPLE) {
      Param g = gathering(q);
      bool extern_array = q->ty->kind == TY_INT || q->ty->kind == TY_FLOAT || q->ty->kind == TY_CLASS;
      /* an extern's array, or a def's tuple of a list's items and others, takes several (emit joins them):
         nn.Sequential(*block(1, 2), nn.Tanh()), volume(*x.shape, 10) */
      bool joined = extern_array || (q->ty->kind == TY_VARTUPLE && t->kind == TY_LIST);
      if (!joined && (n > 1 || q->ty->kind != TY_VARTUPLE))
        error_at(c, a, "'*' of a %s must be the only value for the parameter '*%s' of %s", tn(c, t), q->name, fname);
      else if (t->elem != g.ty && !items_derive(t->elem, g.ty))
        error_at(c, a, "argument '%s' of %s expects %s items, got %s", q->name, fname, tn(c, g.ty), tn(c, t));
      set_type(a, t);
      ci->vargs[ci->nvargs++] = a;
      continue;
    }
    int k;
    Node **items = star_items(c, a, &k);
    if (!items) continue;
    ci->vargs = realloc_vargs(c, ci, n += k - 1);
    for (int i = 0; i < k; i++) bind_vararg(c, items[i], q, fname, ci);
  }
}

/* A keyword argument no parameter names, for a `**name` parameter q; or a
 * `**d` of a dict[str, T], all of whose items go to it. */
static void bind_kwarg(Ctx *c, Node *a, Param *q, const char *fname, CallInfo *ci) {
  if (!ci->kwargs) ci->kwargs = arena_alloc(c->p->arena, ast_count(a) * sizeof *ci->kwargs);
  Param g = gathering(q);
  if (is_double_star(a)) {
    Type *t = check_expr(c, a->lhs, NULL);
    set_type(a, t);
    if (q->ty->kind != TY_DICT)
      error_at(c, a, "'**' arguments of %s are not supported: pass the values by name", fname);
    else if (t->kind != TY_DICT || t->key->kind != TY_STR || !assignable(g.ty, t->elem))
      error_at(c, a, "'**%s' of %s takes a dict[str, %s], got %s", q->name, fname, tn(c, g.ty), tn(c, t));
    ci->kwargs[ci->nkwargs++] = a;
    return;
  }
  Type *t = check_expr(c, a->rhs, g.ty);
  if (!arg_fits(&g, t))
    error_at(c, a->rhs, "argument '%s' of %s expects %s, got %s", a->name, fname, tn(c, g.ty), tn(c, t));
  ci->kwargs[ci->nkwargs++] = a;
}

/* `**d` where the function has no `**` parameter: d's keys name the
 * parameters they give, decided where the program runs (spread_params). */
static bool bind_spread(Ctx *c, Node *a, const char *fname, CallInfo *ci) {
  Type *t = check_expr(c, a->lhs, NULL);
  set_type(a, t);
  /* the calls whose C arguments are the parameters' (emit_call.c call_args) */
  bool plain = ci->kind == CALL_FUNC || ci->kind == CALL_METHOD || ci->kind == CALL_LAYER_INIT ||
               (ci->kind == CALL_CTOR && ci->cls && ci->cls->protocol != PROTO_EXCEPTION);
  if (!plain)
    error_at(c, a, "'**' arguments of %s are not supported: pass the values by name", fname);
  else if (ci->spread)
    error_at(c, a, "%s() takes one '**' argument here: merge the dicts first", fname);
  else if (!is_err(t) && (t->kind != TY_DICT || t->key->kind != TY_STR))
    error_at(c, a, "'**' of %s takes a dict[str, ...], got %s", fname, tn(c, t));
  else
    ci->spread = a;
  return plain;  /* else which parameters it gives is not known: no "missing argument" */
}

/* Can a value of a dict[str, v] be passed for q (a number converted where
 * the program runs, by its own type)? */
static bool spread_fits(const Param *q, const Type *v) {
  const Type *p = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  if (q->varargs || q->kwargs || p->kind == TY_ANY || p->kind == TY_CALLABLE || p->kind == TY_INDEX) return false;
  if (v->kind == TY_NUMBER)
    return p->kind == TY_INT || p->kind == TY_FLOAT || p->kind == TY_BOOL || p->kind == TY_NUMBER;
  return arg_fits(q, v);
}

static bool named_by_keyword(const Node *call, const char *name) {
  for (const Node *a = call->args; a; a = a->next)
    if (a->kind == ND_KEYWORD && strcmp(a->name, name) == 0) return true;
  return false;
}

/* What the call's `**d` may do for each parameter (SpreadHow). */
static void spread_params(Ctx *c, Node *call, Param *params, int np, int skip, CallInfo *ci) {
  Type *v = ci->spread->ty;
  ci->spread_how = arena_alloc(c->p->arena, (np ? np : 1) * sizeof *ci->spread_how);
  for (int i = 0; i < np; i++) {
    Param *q = &params[i];
    SpreadHow how = i < skip || q->varargs || q->kwargs ? SPREAD_NONE
                    : ci->args[i]        ? (named_by_keyword(call, q->name) ? SPREAD_KEYWORD : SPREAD_POSITIONAL)
                    : is_err(v) || !spread_fits(q, v->elem) ? SPREAD_UNFIT
                    : q->dflt                               ? SPREAD_MAY
                                                            : SPREAD_MUST;
    ci->spread_how[i] = (signed char)how;
  }
}

/* CPython's TypeError for `given` positional arguments to the nbypos
 * parameters that take them, the first skip a receiver's: counted for a
 * def of the program, as a bound method counts self ("A.f() takes from 2
 * to 3 positional arguments but 4 were given"), not for the library's. */
static void too_many_positional(Ctx *c, Node *at, const char *fname, Param *params, int nbypos, int skip, int given,
                                const CallInfo *ci) {
  int from = ci->fn && ci->fn->is_extern ? skip : 0, required = 0, n = nbypos - from;
  for (int i = from; i < nbypos; i++) required += !params[i].dflt;
  given += skip - from;
  const char *takes = required == n ? arena_printf(c->p->arena, "%d", n)
                                    : arena_printf(c->p->arena, "from %d to %d", required, n);
  error_at(c, at, "%s() takes %s positional argument%s but %d %s given", fname, takes, n == 1 ? "" : "s", given,
           given == 1 ? "was" : "were");
}

/* The parameters that positional arguments fill: those before the
 * keyword-only ones (after a bare `*`) and a `**` one. */
static int by_position(const Param *params, int np_all) {
  int np = positional_params(params, np_all);
  for (int i = 0; i < np; i++)
    if (params[i].kwonly) return i;
  return np;
}

/* The arguments of call in ci->args, in parameter order (gathered ones in
 * vargs and kwargs, checked there); true where a `*` argument of unknown
 * length leaves which parameters it fills unknown. */
bool place_args(Ctx *c, Node *call, const char *fname, Param *params, int np_all, int skip, CallInfo *ci) {
  int np = positional_params(params, np_all), nbypos = by_position(params, np_all);
  Param *kwargs = np < np_all ? &params[np] : NULL;
  int npos = 0;
  bool unknown = false;
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD || is_double_star(a)) continue;
    if (skip + npos < nbypos && params[skip + npos].varargs) {
      bind_varargs(c, a, &params[skip + npos], fname, ci);
      break;
    }
    int k = 1;
    Node **items = &a;
    Type *st = a->kind == EX_STARRED ? check_expr(c, a->lhs, NULL) : NULL;
    if (st && iter_as_list(st)) st = iterate_into_list(c, a->lhs);  /* area(*x.shape[1:]) */
    if (st && (st->kind == TY_LIST || st->kind == TY_VARTUPLE)) {
      if (!star_fills(c, call, a, params, nbypos, skip + npos)) return true;
      items = star_list_items(c, a, params, nbypos, skip + npos, ci->fn ? ci->fn->qname : fname, &k);
      splice_args(call, a, items, k);
    } else if (st && !(items = star_items(c, a, &k))) {
      unknown = true;  /* which parameters it fills is not known: no "missing argument" */
      continue;
    }
    for (int i = 0; i < k; i++) {
      if (skip + npos < nbypos && params[skip + npos].varargs) {  /* f(*t) of f(x, *rest): t[1:] gathered */
        ci->vargs = arena_alloc(c->p->arena, (k - i) * sizeof *ci->vargs);
        Param *q = &params[skip + npos];
        for (; i < k; i++) bind_vararg(c, items[i], q, fname, ci);
        break;
      }
      if (skip + npos >= nbypos) {
        too_many_positional(c, a, fname, params, nbypos, skip, positional_count(call->args) + k - 1, ci);
        return true;  /* reported: no "missing argument" after it */
      }
      ci->args[skip + npos++] = items[i];
    }
  }
  for (Node *a = call->args; a; a = a->next) {
    if (is_double_star(a)) {
      if (kwargs) bind_kwarg(c, a, kwargs, fname, ci);
      else if (!bind_spread(c, a, fname, ci)) unknown = true;
      continue;
    }
    if (a->kind != ND_KEYWORD) continue;
    int k = -1;
    for (int i = skip; i < np; i++)
      if (strcmp(params[i].name, a->name) == 0 && !params[i].varargs) k = i;
    if (k < 0 && kwargs) {
      bind_kwarg(c, a, kwargs, fname, ci);
      continue;
    }
    if (k < 0) {
      error_at(c, a, "%s() got an unexpected keyword argument '%s'", fname, a->name);
      continue;
    }
    if (ci->args[k]) {
      error_at(c, a, "%s() got multiple values for argument '%s'", fname, a->name);
      continue;
    }
    ci->args[k] = a->rhs;
  }
  if (ci->spread) spread_params(c, call, params, np_all, skip, ci);
  return unknown;
}

/* An int | float number for an int or bool parameter (f(t.item()) of a
 * tensor of unknown dtype): converted, and checked, where the program runs
 * (emit_call.c, call_args), as `**d` gives one. */
static bool number_checked(const Param *q, const Type *t) {
  return t->kind == TY_NUMBER && (q->ty->kind == TY_INT || q->ty->kind == TY_BOOL) && !q->varargs && !q->kwargs;
}

/* An Iterable[X] (Optional[Iterable[X]]) parameter that is no type
 * variable's (a generic class's method's: Counter[str].update) and an
 * argument of another iterable kind whose items X takes (a list, a str, a
 * range): the argument is walked as a generator of its items. */
static bool walks_into(Ctx *c, Type *want, Type *t) {
  if (want->kind == TY_OPTIONAL) want = want->elem;
  if (want->kind != TY_GENERATOR || t->kind == TY_GENERATOR || t->kind == TY_NONE) return false;
  Type *el = type_known(t) ? iter_elem(c, t) : NULL;
  return el && assignable(want->elem, el);
}

/* A hint where t is another instance of the generic class q is
 * annotated with (`dl: DataLoader` names its default instance): the
 * annotation that takes t; else "". */
static const char *other_instance(Ctx *c, const Param *q, const Type *t) {
  const Type *want = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  bool same = want->kind == TY_CLASS && t->kind == TY_CLASS && want->cls->generic_of &&
              want->cls->generic_of == t->cls->generic_of;
  return same ? arena_printf(c->p->arena, " (a generic class named without its types is its default instance: "
                             "annotate '%s: %s')", q->name, tn(c, t)) : "";
}

/* `betas=[0.5, 0.999]` for a library's tuple[float, float]: PyTorch
 * takes any sequence there, so a list display of as many items is made
 * the tuple display in place (NULL where a is no such display). */
static Type *list_display_as_tuple(Ctx *c, const Func *f, const Param *q, Node *a) {
  const Type *want = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  if (!f || !f->is_extern || a->kind != EX_LIST || want->kind != TY_TUPLE || ast_count(a->elts) != want->nitems)
    return NULL;
  for (const Node *x = a->elts; x; x = x->next)
    if (x->kind == EX_STARRED) return NULL;
  a->kind = EX_TUPLE;
  return check_expr(c, a, (Type *)want);
}

/* Argument a, of type t, for parameter q: made what q takes where Python
 * iterates it or takes a map whole, and reported where it does not fit. */
void fit_arg(Ctx *c, CallInfo *ci, Param *q, Node *a, Type *t, const char *fname) {
  note_arg(c, a, q, t);
  if (number_checked(q, t)) return;
  if (!arg_fits(q, t) && display_fits(ci->fn, q, a)) t = display_as_lists(a, q->ty);
  Type *tuple = !arg_fits(q, t) ? list_display_as_tuple(c, ci->fn, q, a) : NULL;
  if (tuple) t = tuple;
  if (!arg_fits(q, t) && fits_iterated(ci->fn, q, t, true, ROUND_ITERATED))
    t = iter_as_list(t) ? iterate_into_list(c, a) : comprehended_in_place(c, a, EX_LISTCOMP);
  if (!arg_fits(q, t) && converting_class(ci->fn, q, t)) t = convert_arg(c, a, converting_class(ci->fn, q, t));
  if (!arg_fits(q, t) && fspath_method(q, t)) t = fspath_arg(c, a, fspath_method(q, t));
  if (!arg_fits(q, t) && t->kind != TY_MAP && iterable_fits(q, t))  /* SGD(itertools.chain(...)): Python's list(params) */
    t = iter_as_list(t) ? iterate_into_list(c, a) : comprehended_in_place(c, a, EX_LISTCOMP);
  if (!arg_fits(q, t) && walks_into(c, q->ty, t)) t = walked_as_generator(c, a, t);
  if (!arg_fits(q, t) && walks_into(c, q->ty, t)) t = comprehended_in_place(c, a, EX_GENEXP);
  /* "".join(map(str, xs)); SGD(filter(lambda p: p.requires_grad, net.parameters())): a library function's list */
  bool library = ci->kind == CALL_BMETHOD || (ci->fn && ci->fn->is_extern && q->ty->kind == TY_LIST);
  if (t->kind == TY_MAP && library) t = taken_whole(c, a, t);
  Type *m = !arg_fits(q, t) && c->member_args && union_read_node(a) ? member_arg(q, t) : NULL;
  if (m) t = set_type(a, m);  /* a union call's argument, read as the member q takes (tested where it runs) */
  if (!arg_fits(q, t) && !fits_covariantly(ci->fn, q, t))
    error_at(c, a, "argument '%s' of %s expects %s, got %s%s", q->name, fname,
             q->fspath ? "str or an os.PathLike object (a Path)" : tn(c, q->ty), tn(c, t), other_instance(c, q, t));
}

/* Is required parameter i (kwonly or not) one that call gives no argument? */
static bool missing(const Param *q, const CallInfo *ci, int i, bool kwonly) {
  return !ci->args[i] && !q->varargs && !q->dflt && q->kwonly == kwonly &&
         !(ci->spread_how && ci->spread_how[i] == SPREAD_MUST);
}

/* names, a list of k names of total, and name, as CPython lists the
 * arguments a call lacks: 'x', 'x' and 'y', 'x', 'y', and 'z'. */
static const char *name_listed(Ctx *c, const char *names, const char *name, int k, int total) {
  const char *sep = !k ? "" : total == 2 ? " and " : k == total - 1 ? ", and " : ", ";
  return arena_printf(c->p->arena, "%s%s'%s'", names ? names : "", sep, name);
}

/* The required parameters (of those after skip, kwonly or not) that call
 * gives no argument, as CPython names them ("'x', 'y', and 'z'"); NULL
 * where there are none. */
static const char *missing_names(Ctx *c, Param *params, int np, int skip, CallInfo *ci, bool kwonly, int *n) {
  int total = 0, k = 0;
  for (int i = skip; i < np; i++) total += missing(&params[i], ci, i, kwonly);
  const char *names = NULL;
  for (int i = skip; i < np; i++)
    if (missing(&params[i], ci, i, kwonly)) names = name_listed(c, names, params[i].name, k++, total);
  *n = total;
  return names;
}

/* The required parameters (of those after skip) that call gives no
 * argument: CPython's TypeError, the positional ones first. */
void missing_args(Ctx *c, Node *call, const char *fname, Param *params, int np_all, int skip, CallInfo *ci) {
  int np = positional_params(params, np_all), n;
  bool kwonly = false;
  const char *names = missing_names(c, params, np, skip, ci, false, &n);
  if (!names) {
    kwonly = true;
    names = missing_names(c, params, np, skip, ci, true, &n);
  }
  if (names)
    error_at(c, call, "%s() missing %d required %s argument%s: %s%s", fname, n, kwonly ? "keyword-only" : "positional",
             n == 1 ? "" : "s", names, ci->spread ? " (the '**' dict's values are of another type)" : "");
}

static bool bind_callable_args(Ctx *c, Node *call, const char *fname, Param *params, int np, int skip);

static void bind_args(Ctx *c, Node *call, const char *fname, Param *params, int np_all, int skip, CallInfo *ci) {
  if (!bind_callable_args(c, call, fname, params, np_all, skip)) return;  /* reported, the rest left unchecked */
  bool unknown = place_args(c, call, fname, params, np_all, skip, ci);
  if (!unknown) missing_args(c, call, fname, params, np_all, skip, ci);
  int np = positional_params(params, np_all);
  for (int i = skip; i < np; i++) {
    Node *a = ci->args[i];
    if (!a || params[i].varargs) continue;
    /* `[[1, 2], (3, 4)]` checked against list[list[int]] would fail at its tuple: display_as_lists makes it one */
    Type *want = a->ty && !arg_fits(&params[i], a->ty) && display_fits(ci->fn, &params[i], a) ? NULL : params[i].ty;
    fit_arg(c, ci, &params[i], a, check_expr(c, a, want), fname);
  }
}

/* Does every keyword argument name a parameter of f after the positional
 * ones (with a value that fits it, but in ROUND_NAMES; as it is, without
 * a conversion, in ROUND_EXACT: Normalize(mean=(0.5,)) takes the tuple
 * overload before the list one), and is every required parameter given? */
static bool keywords_fit(Func *f, Node *call, int given, int round) {
  bool types = round != ROUND_NAMES;
  bool any_keyword = f->nparams && f->params[f->nparams - 1].kwargs;
  for (Node *a = call ? call->args : NULL; a; a = a->next) {
    if (a->kind != ND_KEYWORD) continue;
    const Param *q = NULL;
    for (int i = given; i < f->nparams && !q; i++)
      if (!f->params[i].varargs && !f->params[i].kwargs && strcmp(f->params[i].name, a->name) == 0) q = &f->params[i];
    if (!q && !any_keyword) return false;
    if (!types || !q || !a->rhs->ty) continue;
    if (round == ROUND_EXACT ? !arg_fits(q, a->rhs->ty) : !fits_param(f, q, a->rhs->ty, call, round)) return false;
  }
  for (int i = given; i < f->nparams; i++) {
    if (f->params[i].dflt || f->params[i].varargs || f->params[i].kwargs) continue;
    bool named = false;
    for (Node *a = call ? call->args : NULL; a && !named; a = a->next)
      named = a->kind == ND_KEYWORD && strcmp(a->name, f->params[i].name) == 0;
    if (!named) return false;
  }
  return true;
}

/* A lambda takes its parameters' types from the Callable that receives it,
 * so before an overload is chosen it stands for the Callable of its arity
 * that the first overload taking one at its position declares (re.sub's
 * repl: a str or a function of the Match); NULL where none does. */
static Type *lambda_standin(Func *first, int skip, int pos, const Node *lambda) {
  int arity = ast_count(lambda->params);
  for (Func *f = first; f; f = f->overload) {
    int i = skip + pos;
    if (i >= positional_params(f->params, f->nparams) || f->params[i].varargs) continue;
    Type *t = f->params[i].ty->kind == TY_OPTIONAL ? f->params[i].ty->elem : f->params[i].ty;
    if (t->kind == TY_CALLABLE && t->nitems == arity) return f->params[i].ty;
  }
  return NULL;
}

/* The name a call of overloads goes by: a constructor's class
 * (nn.Sequential's forms are its __init__'s). */
static const char *overloaded_name(const Node *call, const Func *first) {
  const Node *callee = call->lhs;
  bool ctor = strcmp(first->name, "__init__") == 0 && (callee->kind == EX_NAME || callee->kind == EX_ATTR);
  return ctor ? callee->name : first->qname;
}

/* Each overload's parameters after skip, "(x: int) or (*xs: float)". */
static const char *form_text(Ctx *c, const Func *f, int skip) {
  const char *params = "";
  for (int i = skip; i < f->nparams; i++) {
    const Param *q = &f->params[i];
    const char *ty = q->literal ? arena_printf(c->p->arena, "Literal[%.*s]", (int)q->literal->len,
                                               q->literal->file->text + q->literal->pos) : tn(c, q->ty);
    params = arena_printf(c->p->arena, "%s%s%s%s: %s", params, i > skip ? ", " : "",
                          q->varargs ? "*" : q->kwargs ? "**" : "", q->name, ty);
  }
  return arena_printf(c->p->arena, "(%s)", params);
}

/* The forms an overloaded extern takes, each once (forms that differ only
 * in their results read the same). */
static const char *forms_text(Ctx *c, const Func *first, int skip) {
  int n = 0;
  for (const Func *f = first; f; f = f->overload) n++;
  const char **forms = arena_alloc(c->p->arena, n * sizeof *forms);
  int k = 0;
  for (const Func *f = first; f; f = f->overload) {
    const char *form = form_text(c, f, skip);
    bool seen = false;
    for (int i = 0; i < k && !seen; i++) seen = strcmp(forms[i], form) == 0;
    if (!seen) forms[k++] = form;
  }
  const char *text = "";
  for (int i = 0; i < k; i++) text = arena_printf(c->p->arena, "%s%s%s", text, !i ? "" : i < k - 1 ? ", " : " or ", forms[i]);
  return text;
}

/* A list display of dict displays is checked as the list of dicts that
 * an overload declares at its position (optim.SGD([{"params": ...}, {...,
 * "lr": 1e-3}]): a list[StateDict], not the Tensor list of the first
 * form), since alone its dicts may be of different types; NULL where none
 * declares one. */
static Type *dicts_standin(Func *first, int skip, int pos, const Node *list) {
  if (list->kind != EX_LIST || !list->elts || list->elts->kind != EX_DICT) return NULL;
  for (Func *f = first; f; f = f->overload) {
    int i = skip + pos;
    if (i >= positional_params(f->params, f->nparams) || f->params[i].varargs) continue;
    Type *t = f->params[i].ty->kind == TY_OPTIONAL ? f->params[i].ty->elem : f->params[i].ty;
    Type *item = t->kind == TY_LIST ? t->elem : NULL;
    if (item && (item->kind == TY_DICT || (item->kind == TY_CLASS && item->cls->protocol == PROTO_ANY_DICT)))
      return f->params[i].ty;
  }
  return NULL;
}

/* A list display of values of no one library class (`[transforms.Normalize(
 * ...), AddNoise(0.1)]`, `[AddNoise(0.1)]`) is checked as the list of
 * Callables that an overload declares at its position (transforms.Compose's
 * second form), since alone its items are of no type that form's list
 * holds; NULL where they are one library class's (or its subclasses'), or
 * no overload declares such a list. */
static Type *callables_standin(Ctx *c, Func *first, int skip, int pos, Node *list) {
  if (list->kind != EX_LIST || !list->elts) return NULL;
  Type *want = NULL;
  for (Func *f = first; f && !want; f = f->overload) {
    int i = skip + pos;
    if (i >= positional_params(f->params, f->nparams) || f->params[i].varargs) continue;
    Type *t = f->params[i].ty;
    if (t->kind == TY_LIST && t->elem->kind == TY_CALLABLE) want = t;
  }
  Type *common = NULL;
  for (Node *x = want ? list->elts : NULL; x; x = x->next)
    if (x->kind == EX_LAMBDA) return want;  /* no library object: and alone, untyped */
  for (Node *x = want ? list->elts : NULL; x; x = x->next) {
    Type *t = check_expr(c, x, NULL);
    if (is_err(t)) return NULL;
    common = common ? unify(common, t) : t;
    if (!common) return want;
  }
  return common && common->kind == TY_CLASS && common->cls->is_extern ? NULL : want;
}

/* The dict an argument typed by its use (`{}`, a torch.load) is checked
 * as where every overload takes it as a mapping, a dict or an object of
 * a class, and one as that dict (load_state_dict of a dict or an
 * OrderedDict): as with one form. NULL elsewhere. */
static Type *mapping_standin(Func *first, int skip, int pos) {
  Type *dict = NULL;
  for (Func *f = first; f; f = f->overload) {
    int i = skip + pos;
    if (i >= positional_params(f->params, f->nparams) || f->params[i].varargs) return NULL;
    Type *t = f->params[i].ty;
    if (t->kind != TY_DICT && t->kind != TY_CLASS) return NULL;
    if (t->kind == TY_DICT && !dict) dict = t;
  }
  return dict;
}

/* Does every overload take positional argument i by one parameter (the
 * same name, type and kind), which the argument t does not fit? */
static const Param *shared_param(const Func *first, int skip, int i, const Type *t) {
  const Param *q0 = NULL;
  for (const Func *f = first; f; f = f->overload) {
    int k = skip + i;
    if (k >= positional_params(f->params, f->nparams) || f->params[k].varargs) return NULL;
    const Param *q = &f->params[k];
    if (q0 && (strcmp(q->name, q0->name) != 0 || q->ty != q0->ty || q->fspath != q0->fspath || q->literal))
      return NULL;
    if (!q0) q0 = q;
  }
  return q0 && !q0->literal && !arg_fits(q0, t) && !fspath_method(q0, t) ? q0 : NULL;
}

/* No overload takes the arguments because of one that every overload
 * takes by the same parameter (open(Box()): its `file`): that argument's
 * error, as one def's call reports it. False where there is none. */
static bool shared_misfit(Ctx *c, Node *e, const Func *first, int skip, Type **args, int n) {
  int i = 0;
  for (Node *a = e->args; a && i < n; a = a->next) {
    if (a->kind == EX_STARRED) return false;  /* its items' places are not the nodes' */
    if (a->kind == ND_KEYWORD) continue;
    Type *t = args[i];
    const Param *q = shared_param(first, skip, i++, t);
    if (!q) continue;
    error_at(c, a, "argument '%s' of %s expects %s, got %s", q->name, overloaded_name(e, first),
             q->fspath ? "str or an os.PathLike object (a Path)" : tn(c, q->ty), tn(c, t));
    return true;
  }
  return false;
}

/* The type positional argument a (at pos) is checked as before an
 * overload is chosen, or NULL: its own. */
static Type *arg_standin(Func *first, int skip, int pos, const Node *a) {
  Type *t = dicts_standin(first, skip, pos, a);
  /* `{}`, torch.load(path)["model"]: not a display, which its items type, nor `dict(model=..., epoch=3)` */
  bool dict_of_items = a->kind == EX_CALL && a->lhs && a->lhs->kind == EX_NAME && strcmp(a->lhs->name, "dict") == 0 && a->args;
  bool typed_by_use = (a->kind == EX_DICT && !a->elts) || (a->kind == EX_CALL && !dict_of_items) ||
                      a->kind == EX_INDEX || a->kind == EX_NAME || a->kind == EX_ATTR;
  return t ? t : typed_by_use ? mapping_standin(first, skip, pos) : NULL;
}

/* Chooses among extern defs of one name by the types of the arguments
 * (checked once here): exact matches of the positional ones first, and
 * keyword arguments that fit their parameters. */
static Func *pick_overload(Ctx *c, Node *e, Func *first, int skip) {
  if (!first->overload) return first;
  int cap = 1;
  for (Node *a = e->args; a; a = a->next) {
    Type *t = a->kind == EX_STARRED ? check_expr(c, a->lhs, NULL) : NULL;
    cap += t && t->kind == TY_TUPLE ? t->nitems : 1;
  }
  Type **args = arena_alloc(c->p->arena, cap * sizeof *args);
  int n = 0;
  const char *keywords = "";  /* ", dtype=dtype": the keywords given, for the error */
  for (Node *a = e->args; a; a = a->next) {
    Type *standin = a->kind == EX_LAMBDA && !a->info ? lambda_standin(first, skip, n, a) : NULL;
    if (standin) {
      args[n++] = standin;
      continue;
    }
    /* torch.rand(64, *shape): a tuple's items, or a list's item type once, where a `*name` takes them */
    Type *want = a->kind == ND_KEYWORD ? NULL : arg_standin(first, skip, n, a);
    if (!want && a->kind == EX_LIST) want = callables_standin(c, first, skip, n, a);
    Type *t = check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a->kind == EX_STARRED ? a->lhs : a, want);
    if (is_err(t)) return NULL;
    if (a->kind == ND_KEYWORD) {
      keywords = arena_printf(c->p->arena, "%s, %s=%s", keywords, a->name, tn(c, t));
      continue;
    }
    if (a->kind == EX_STARRED && t->kind == TY_TUPLE)
      for (int i = 0; i < t->nitems; i++) args[n++] = t->items[i];
    else args[n++] = a->kind == EX_STARRED && iter_elem(c, t) ? iter_elem(c, t) : t;
  }
  Func *f = pick_by_types(first, skip, args, n, e);
  if (f) return f;
  if (shared_misfit(c, e, first, skip, args, n)) return NULL;
  const char *list = "";
  for (int i = 0; i < n; i++) list = arena_printf(c->p->arena, "%s%s%s", list, i ? ", " : "", tn(c, args[i]));
  list = arena_printf(c->p->arena, "%s%s", list, n ? keywords : keywords + (*keywords ? 2 : 0));
  bool literal = false;
  for (int i = skip; i < first->nparams; i++) literal |= first->params[i].literal != NULL;
  error_at(c, e, "no form of %s() takes (%s): it takes %s%s", overloaded_name(e, first), list,
           forms_text(c, first, skip),
           literal ? " (a Literal parameter takes that constant, written in the call: the form follows it)" : "");
  return NULL;
}

/* Do f and g take the same parameters (names, types, defaults given)? */
static bool same_params(const Func *f, const Func *g) {
  if (f->nparams != g->nparams) return false;
  for (int i = 0; i < f->nparams; i++) {
    const Param *a = &f->params[i], *b = &g->params[i];
    if (strcmp(a->name, b->name) != 0 || a->ty != b->ty || !a->dflt != !b->dflt) return false;
  }
  return true;
}

/* Overloads alike but in their results (torch.load of a module's and of an
 * optimizer's state dict): the one whose result the call's place expects,
 * else the one the arguments chose. */
static Func *by_result(Func *first, Func *picked, Type *expect) {
  if (!expect || !picked || assignable(expect, picked->ret)) return picked;
  for (Func *g = first; g; g = g->overload)
    if (g != picked && same_params(g, picked) && assignable(expect, g->ret)) return g;
  return picked;
}

/* The call e of a def decorated @contextmanager (Func.result_in, a generic
 * class C of one type variable taking the call's Iterator[T]): e becomes,
 * in place, C[T](the call), made as convert_arg makes its constructor
 * call. */
static Type *result_in_class(Ctx *c, Node *e, Func *f, Type *t) {
  ClassInfo *g = f->result_in;
  if (is_err(t) || t->kind != TY_GENERATOR) return t;  /* resolve.c result_decorated reported a def of another */
  if (g->ntvars != 1 || !g->init)
    return set_type(e, error_at(c, e, "result_in[%s]: the class is generic in the type of what the generator yields, "
                                "taking it in __init__", g->name));
  ClassInfo *k = class_instance(c->p, g, &t->elem);
  need_fields(c, k);
  Node *call = called_in_place(c, e);
  CallInfo *ci = new_call(c, e, CALL_CTOR, k->init->nparams);
  ci->cls = k;
  ci->fn = k->init;
  ci->args[1] = call;
  return set_type(e, k->ty);
}

/* A call of a function, expect the type its place expects (or NULL). */
static Type *call_def(Ctx *c, Node *e, Func *f, Type *expect) {
  if (f->ntvars) return call_generic(c, e, f);
  f = by_result(f, pick_overload(c, e, f, 0), expect);
  if (!f) return set_type(e, T(TY_ERROR));
  CallInfo *ci = new_call(c, e, CALL_FUNC, f->nparams);
  ci->fn = f;
  bind_args(c, e, f->name, f->params, f->nparams, 0, ci);
  note_early_call(c, f);
  return set_type(e, call_result(c, f, ci));
}

/* A call of f, a def or an extern; of a @contextmanager def, its value
 * given to the class the decorator names. */
static Type *call_func_expecting(Ctx *c, Node *e, Func *f, Type *expect) {
  if (!f->result_in) return call_def(c, e, f, expect);
  if (f->is_extern) return set_type(e, error_at(c, e, "%s is a decorator: write it above a top-level def", f->name));
  return result_in_class(c, e, f, call_def(c, e, f, NULL));
}

static Type *call_func(Ctx *c, Node *e, Func *f) { return call_func_expecting(c, e, f, NULL); }

/* Does a class deriving k define @staticmethod or @classmethod f again,
 * or have its own copy of classmethod f (check.c inherit_classmethods)? */
static bool static_overridden(Program *p, const ClassInfo *k, const Func *f) {
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next) {
      Func *g = d != k && class_derives(d, k) ? class_method(d, f->name) : NULL;
      if (g && g != f && g->is_static) return true;
    }
  return false;
}

/* obj.f() of a @staticmethod or @classmethod f: the class's function, obj
 * not passed; where a class deriving obj's has f of its own, the one of
 * obj's class, which f's dispatcher picks by the object it is given
 * first (ci->recv; emit.c emit_dispatcher). */
static Type *static_called(Ctx *c, Node *e, Func *f, ClassInfo *k, Node *recv) {
  Type *t = call_func(c, e, f);
  CallInfo *ci = e->info;
  if (is_err(t) || !ci || ci->kind != CALL_FUNC || !static_overridden(c->p, k, f)) return t;
  if (ci->fn != f)  /* an instance of one taking unions: the overrides' instances are not made for it */
    return set_type(e, error_at(c, e, "%s takes a union and a class deriving %s defines it again: call it through "
                                "the class, as the object's class's would not be picked", f->qname, k->name));
  ci->recv = recv;
  if (!f->dispatch_cname) f->dispatch_cname = c_internal(c->p, arena_printf(c->p->arena, "%sdispatch", f->cname));
  return t;
}

/* A builtin call that builtins.gtp's def `name` (generic) computes with
 * e's arguments: sum(ts) of a list of objects (_sum_objects, adding them
 * with their own + as Python's sum does), zip(*rows) (_zip_star). */
Type *call_builtins_def(Ctx *c, Node *e, const char *name) {
  Sym *y = c->p->builtins ? scope_find(&c->p->builtins->globals, name) : NULL;
  if (!y || y->kind != SYM_FUNC) return set_type(e, error_at(c, e, "this call needs builtins.gtp's %s", name));
  e->flags |= CALL_CONVERTED;  /* the call made in place: checked again (an argument's), it keeps this record */
  return call_func(c, e, y->fn);
}

/* `-> scalars` where no type is expected (`for i in x.tolist()`): the
 * list of the Python numbers of the receiver's dtype kind, which a 1-D
 * tensor gives (the run checks the rank: another is a TypeError that names
 * the type); NULL where the kind is not known. */
static Type *scalars_result(Ctx *c, const Node *e, const Func *f) {
  static const TypeKind scalar[] = {[DT_BOOL] = TY_BOOL, [DT_INT] = TY_INT, [DT_FLOAT] = TY_FLOAT};
  const CallInfo *ci = e->info;
  DtypeKind k = f->ret_scalars && ci && ci->recv ? dtype_of(ci->recv->ty) : DT_UNKNOWN;
  return k ? type_list(c->p, T(scalar[k])) : NULL;
}

/* A call of an extern declared `-> Any` (json.loads): its value has the
 * type expected where it stands, whose descriptor emit passes to C. */
static Type *any_result(Ctx *c, Node *e, Func *f, Type *t, Type *expect) {
  if (is_err(t)) return t;
  Type *shown = dynamic_value(c, e, expect);  /* print(x.tolist()) */
  if (shown) return shown;
  if (expect && assignable(T(TY_ANY), expect) && expect->kind != TY_NONE) return set_type(e, expect);
  Type *rows = scalars_result(c, e, f);
  if (rows) return set_type(e, rows);
  const char *example = f->cls && !f->is_static ? arena_printf(c->p->arena, "rows: list[float] = x.%s()", f->name)
                                                : arena_printf(c->p->arena, "data: dict[str, int] = %s(...)", f->qname);
  const char *why = f->ret_scalars ? " (the tensor's dtype is not known here)" : "";
  return set_type(e, error_at(c, e, "%s() gives a value of the type expected where it stands%s: annotate the "
                              "variable it is assigned to (%s)", f->qname, why, example));
}

static Type *call_any_result(Ctx *c, Node *e, Func *f, Type *expect) {
  return any_result(c, e, f, call_func(c, e, f), expect);
}

/* `var in [x]`: a comprehension's clause whose variable holds x, so that
 * x is evaluated once where the comprehension runs, and read again as var. */
Node *comp_over_one(Ctx *c, Node *x, const char *var) {
  Arena *a = c->p->arena;
  Node *list = ast_new(a, EX_LIST, x->file, x->pos, x->len);
  list->elts = x;
  list->depth = x->depth;
  Node *comp = ast_new(a, ND_COMP, x->file, x->pos, x->len);
  comp->lhs = ast_name(a, x, var);
  comp->rhs = list;
  return comp;
}

static Node *param_node(Arena *a, const Node *at, const char *name) {
  Node *n = ast_new(a, ND_PARAM, at->file, at->pos, at->len);
  n->name = name;
  return n;
}

/* Does g take `*args` or `**kwargs`? */
static bool gathers(const Func *g) {
  for (int i = 0; i < g->nparams; i++)
    if (g->params[i].varargs || g->params[i].kwargs) return true;
  return false;
}

/* `name=name` at node `at`: a keyword a made function passes on. */
static Node *keyword_passed(Arena *a, const Node *at, const char *name) {
  Node *kw = ast_new(a, ND_KEYWORD, at->file, at->pos, at->len);
  kw->name = name;
  kw->rhs = ast_name(a, at, name);
  return kw;
}

/* A made function f whose def (at e) returns lambda: added to the
 * program and checked as a def. */
static Func *made_returning(Ctx *c, Func *f, Node *def, Node *lambda, const Node *e) {
  def->body = ast_new(c->p->arena, ST_RETURN, e->file, e->pos, e->len);
  def->body->rhs = lambda;
  f->decl = def;
  add_func(c, f);
  check_top_func(c, f);
  return f;
}

/* The function a partial() call calls (a function of the program's own,
 * checked as a def): `def partial(func: F, arg2: A) -> Callable[[B], R]:
 * return lambda _b0: func(arg2, _b0)`, F the function's type and k the
 * arguments it binds. */
static Func *partial_maker(Ctx *c, Node *e, Func *decl, Type *ft, int k) {
  Program *p = c->p;
  Arena *a = p->arena;
  Func *f = made_func(c, decl->name, decl->name, decl->name, false);
  f->ret = type_callable(p, ft->items + k, ft->nitems - k, ft->elem);
  f->nparams = k + 1;
  f->params = arena_alloc(a, (k + 1) * sizeof *f->params);
  Node *def = ast_new(a, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = decl->name;
  Node *lambda = ast_new(a, EX_LAMBDA, e->file, e->pos, e->len);
  Node *call = ast_new(a, EX_CALL, e->file, e->pos, e->len);
  call->lhs = ast_name(a, e, "func");
  lambda->lhs = call;
  for (int i = 0; i <= k; i++) {
    const char *name = i ? arena_printf(a, "arg%d", i + 1) : "func";  /* counted as partial()'s arguments */
    def->params = ast_append(def->params, param_node(a, e, name));
    f->params[i] = (Param){.name = name, .cname = c_local(p, f, name, false), .ty = i ? ft->items[i - 1] : ft,
                           .decl = param_node(a, e, name)};
    if (i) call->args = ast_append(call->args, ast_name(a, e, name));
  }
  for (int i = k; i < ft->nitems; i++) {
    const char *name = arena_printf(a, "_b%d", i - k);
    lambda->params = ast_append(lambda->params, param_node(a, e, name));
    call->args = ast_append(call->args, ast_name(a, e, name));
  }
  return made_returning(c, f, def, lambda, e);
}

/* partial(f, a, ...) of a function declared `-> Callable[partial]`
 * (functools.partial): f with its first parameters bound to the arguments,
 * evaluated where partial() is called; a Callable of the parameters after
 * them. The call calls the function partial_maker makes. */
/* The index of g's parameter `name`, or -1. */
static int param_index(const Func *g, const char *name) {
  for (int i = 0; i < g->nparams; i++)
    if (strcmp(g->params[i].name, name) == 0) return i;
  return -1;
}

/* The function partial(f, a, b=v) calls, f a def given by its name: `def
 * partial(arg2, b) -> Callable[[X], R]: return lambda _b0: f(arg2, _b0,
 * b=b)`, its value taking g's parameters after the k bound by position and
 * before the first bound by keyword (`first`); those after it keep their
 * defaults, as Python's can then be given by keyword only. */
static Func *partial_kw_maker(Ctx *c, Node *e, Func *decl, Func *g, int k, int first) {
  Program *p = c->p;
  Arena *a = p->arena;
  Func *f = made_func(c, decl->name, decl->name, decl->name, false);
  Type **rest = arena_alloc(a, (first - k ? first - k : 1) * sizeof *rest);
  for (int i = k; i < first; i++) rest[i - k] = g->params[i].ty;
  f->ret = type_callable(p, rest, first - k, g->ret);
  int nkw = 0;
  for (Node *x = e->args->next; x; x = x->next) nkw += x->kind == ND_KEYWORD;
  f->nparams = k + nkw;
  f->params = arena_alloc(a, (f->nparams ? f->nparams : 1) * sizeof *f->params);
  Node *def = ast_new(a, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = decl->name;
  Node *lambda = ast_new(a, EX_LAMBDA, e->file, e->pos, e->len);
  Node *call = ast_new(a, EX_CALL, e->file, e->pos, e->len);
  call->lhs = ast_new(a, e->args->kind, e->args->file, e->args->pos, e->args->len);
  *call->lhs = *e->args;
  call->lhs->next = NULL;
  lambda->lhs = call;
  int i = 0;
  for (Node *x = e->args->next; x; x = x->next, i++) {
    const char *name = x->kind == ND_KEYWORD ? x->name : arena_printf(a, "arg%d", i + 2);
    def->params = ast_append(def->params, param_node(a, x, name));
    Type *t = g->params[x->kind == ND_KEYWORD ? param_index(g, x->name) : i].ty;
    f->params[i] = (Param){.name = name, .cname = c_local(p, f, name, false), .ty = t, .decl = param_node(a, x, name)};
    if (x->kind != ND_KEYWORD) call->args = ast_append(call->args, ast_name(a, x, name));
  }
  for (int j = k; j < first; j++) {
    const char *name = arena_printf(a, "_b%d", j - k);
    lambda->params = ast_append(lambda->params, param_node(a, e, name));
    call->args = ast_append(call->args, ast_name(a, e, name));
  }
  for (Node *x = e->args->next; x; x = x->next)
    if (x->kind == ND_KEYWORD) call->args = ast_append(call->args, keyword_passed(a, x, x->name));
  return made_returning(c, f, def, lambda, e);
}

/* partial(f, a, b=v): keywords bind the parameters of those names of a
 * def given by its name (partial_kw_maker), which the call then calls
 * with the values, f itself no argument of it. */
static Type *call_partial_kw(Ctx *c, Node *e, Func *decl) {
  c->callee = true;  /* the def's name stays one */
  Type *t = check_expr(c, e->args, NULL);
  if (is_err(t)) return set_type(e, t);
  Func *g = t->kind == TY_FUNC ? t->fn : NULL;
  if (!g || g->cls || g->overload || g->is_extern)
    return set_type(e, error_at(c, e->args, "%s() binds keywords of a def given by its name only", decl->name));
  int k = 0, first = g->nparams;
  for (Node *x = e->args->next; x; x = x->next) {
    if (x->kind != ND_KEYWORD) {
      k++;
      continue;
    }
    int j = param_index(g, x->name);
    if (j < 0 || j < k || g->params[j].varargs || g->params[j].kwargs)
      return set_type(e, error_at(c, x, j < 0 ? "%s() has no parameter '%s' to bind" : "%s() binds '%s' twice",
                                  g->qname, x->name));
    if (j < first) first = j;
  }
  if (gathers(g))
    return set_type(e, error_at(c, e->args, "%s() binds keywords of a def without '*' parameters only", decl->name));
  if (k > first) return set_type(e, error_at(c, e, "%s() binds more positional arguments than %s() takes", decl->name, g->qname));
  Func *maker = partial_kw_maker(c, e, decl, g, k, first);
  e->args = e->args->next;
  return call_func(c, e, maker);
}

static Type *call_partial(Ctx *c, Node *e, Func *decl) {
  bool keywords = false;
  for (Node *a = e->args; a; a = a->next) {
    if (a->kind == EX_STARRED) return set_type(e, error_at(c, a, "%s() takes no '*' arguments", decl->name));
    keywords |= a->kind == ND_KEYWORD;
  }
  if (!e->args || e->args->kind == ND_KEYWORD)
    return set_type(e, error_at(c, e, "%s() takes a function and the arguments to bind", decl->name));
  if (keywords) return call_partial_kw(c, e, decl);
  Type *ft = check_expr(c, e->args, NULL);
  if (is_err(ft)) return set_type(e, ft);
  if (ft->kind != TY_CALLABLE)
    return set_type(e, error_at(c, e->args, "the first argument of %s() is a function, not %s", decl->name, tn(c, ft)));
  int k = ast_count(e->args->next);
  if (k > ft->nitems)
    return set_type(e, error_at(c, e, "a %s takes %d argument%s: %s() cannot bind %d", tn(c, ft), ft->nitems,
                                ft->nitems == 1 ? "" : "s", decl->name, k));
  return call_func(c, e, partial_maker(c, e, decl, ft, k));
}

/* ---- args=(...) and kwargs={...} of a Callable parameter ----------------
 * multiprocessing.Process(target=f, args=(a, b), kwargs={"k": v}) and
 * torch.multiprocessing.spawn(f, args=(a,)): the library calls f later,
 * with the arguments the call gave (evaluated where it runs, as Python
 * packs them), after those it gives itself (spawn's process index). The
 * declaration marks the parameters (`args: args_of[target] = None`); the
 * call becomes `Process(target=f_bound(a, b, v))`, f_bound a function made
 * here, `def f_bound(arg1, arg2, k) -> Callable[[L], R]: return lambda _b0:
 * f(_b0, arg1, arg2, k=k)`, L the parameters the declared Callable takes. */

/* The link holding the argument of parameter i, by keyword or by position
 * (none after a `*` argument); NULL where the call gives none. */
static Node **given_link(Node *call, const Param *params, int i, int skip) {
  int pos = skip;
  bool starred = false;
  for (Node **l = &call->args; *l; l = &(*l)->next) {
    Node *a = *l;
    if (a->kind == ND_KEYWORD && strcmp(a->name, params[i].name) == 0) return l;
    starred |= a->kind == EX_STARRED;
    if (a->kind != ND_KEYWORD && !starred && pos++ == i && !params[i].kwonly) return l;
  }
  return NULL;
}

static Node *given_value(Node **l) { return !l ? NULL : (*l)->kind == ND_KEYWORD ? (*l)->rhs : *l; }

/* Takes args= or kwargs= out of the call: a keyword goes, a positional
 * argument becomes None (the declared default), so the others keep their
 * places. */
static void take_out(Ctx *c, Node *call, Node *a) {
  for (Node **l = &call->args; *l; l = &(*l)->next) {
    if (*l != a) continue;
    if (a->kind == ND_KEYWORD) {
      *l = a->next;
    } else {
      Node *none = ast_new(c->p->arena, EX_NONE, a->file, a->pos, a->len);
      none->next = a->next;
      *l = none;
    }
    return;
  }
}

/* The target a binder parameter names: a def given by its name (called by
 * it, so keywords bind), a builtin or a library function by its name
 * (print, torch.save: called by it, each value of its own type), else a
 * Callable value (called as one). */
typedef struct Bound {
  Node *target;     /* the argument: the def's name, or the value */
  Func *def;        /* the def by name, or NULL */
  bool by_values;   /* the builtin or library function by name */
  Type *value;      /* the Callable value's type, or NULL */
  Type *want;       /* the declared Callable[[L], R] */
  Node *items;      /* args=(...): its items, in order */
  Node *keywords;   /* kwargs={...}: ND_KEYWORD nodes, in order */
} Bound;

static bool plain_def(const Func *g) { return g && !g->cls && !g->overload && !g->is_extern && !g->outer; }

/* The type of the bound argument x at position i (after the L the
 * library gives), or of the keyword kw; NULL with the error reported. */
static Type *bound_param_type(Ctx *c, const Bound *b, int i, Node *x, Node *kw) {
  int lead = b->want->nitems;
  if (b->by_values) {
    Type *t = check_expr(c, kw ? kw->rhs : x, NULL);
    return is_err(t) ? NULL : t;
  }
  if (b->def) {
    int j = kw ? param_index(b->def, kw->name) : lead + i;
    if (kw && j < 0) error_at(c, kw, "%s() got an unexpected keyword argument '%s'", b->def->qname, kw->name);
    else if (kw && j < lead + ast_count(b->items))
      error_at(c, kw, "%s() got multiple values for argument '%s'", b->def->qname, kw->name);
    else if (j < b->def->nparams) return b->def->params[j].ty;
    else error_at(c, b->target, "%s() takes %d positional argument%s but %d were given", b->def->qname,
                  b->def->nparams, b->def->nparams == 1 ? "" : "s", lead + ast_count(b->items));
    return NULL;
  }
  if (lead + i < b->value->nitems) return b->value->items[lead + i];
  error_at(c, b->target, "a %s takes %d argument%s: it cannot be given %d more", tn(c, b->value),
           b->value->nitems, b->value->nitems == 1 ? "" : "s", ast_count(b->items));
  return NULL;
}

/* The made function's parameter for bound value `at` named `name`. */
static void bound_param(Ctx *c, Func *f, Node *def, int i, const char *name, Type *t, const Node *at) {
  def->params = ast_append(def->params, param_node(c->p->arena, at, name));
  f->params[i] = (Param){.name = name, .cname = c_local(c->p, f, name, false), .ty = t,
                         .decl = param_node(c->p->arena, at, name)};
}

/* The function `f_bound` of the call at e (see above), or NULL where a bound
 * argument fits no parameter (reported). */
static Func *bind_maker(Ctx *c, Node *e, const Bound *b) {
  Program *p = c->p;
  Arena *a = p->arena;
  bool by_name = b->def || b->by_values;
  int lead = b->want->nitems, npos = ast_count(b->items), own = by_name ? 0 : 1;
  /* named as the def, for its messages (argument 'b' of work): C's work_bound */
  const char *name = b->def ? b->def->name : b->target->kind == EX_NAME ? b->target->name : "bound";
  const char *stem = b->target->kind == EX_NAME ? arena_printf(a, "%s_bound", b->target->name) : "bound";
  Func *f = made_func(c, name, stem, stem, false);
  f->nparams = own + npos + ast_count(b->keywords);
  f->params = arena_alloc(a, (f->nparams ? f->nparams : 1) * sizeof *f->params);
  /* a target whose value the library drops (-> None declared) may return one, as in Python */
  Type *ret = b->def ? b->def->ret : b->value ? b->value->elem : b->want->elem;
  if (b->want->elem->kind == TY_NONE) ret = b->want->elem;
  f->ret = type_callable(p, b->want->items, lead, ret);
  Node *def = ast_new(a, ST_FUNCDEF, e->file, e->pos, e->len);
  def->name = f->name;
  Node *lambda = ast_new(a, EX_LAMBDA, e->file, e->pos, e->len);
  Node *call = ast_new(a, EX_CALL, e->file, e->pos, e->len);
  call->lhs = by_name ? ast_copy(a, b->target) : ast_name(a, e, "func");
  call->lhs->next = NULL;
  lambda->lhs = call;
  if (!by_name) bound_param(c, f, def, 0, "func", b->value, e);
  for (int j = 0; j < lead; j++) {
    const char *name = arena_printf(a, "_b%d", j);
    lambda->params = ast_append(lambda->params, param_node(a, e, name));
    call->args = ast_append(call->args, ast_name(a, e, name));
  }
  int i = 0;
  for (Node *x = b->items; x; x = x->next, i++) {
    Type *t = bound_param_type(c, b, i, x, NULL);
    if (!t) return NULL;
    const char *name = b->def ? b->def->params[b->want->nitems + i].name : arena_printf(a, "arg%d", i + 1);
    bound_param(c, f, def, own + i, name, t, x);
    call->args = ast_append(call->args, ast_name(a, x, name));
  }
  for (Node *kw = b->keywords; kw; kw = kw->next, i++) {
    Type *t = bound_param_type(c, b, 0, NULL, kw);
    if (!t) return NULL;
    bound_param(c, f, def, own + i, kw->name, t, kw);
    call->args = ast_append(call->args, keyword_passed(a, kw, kw->name));
  }
  return made_returning(c, f, def, lambda, e);
}

/* args=(a, b): its items; an error where it is no tuple written out. */
static bool bound_items(Ctx *c, Node *v, const char *fname, Bound *b) {
  if (v->kind != EX_TUPLE)
    return !error_at(c, v, "%s()'s args= binds the arguments of the function it calls: write them as a tuple "
                     "(`args=(a, b)`)", fname);
  b->items = v->elts;
  return true;
}

/* kwargs={"k": v}: its pairs as keywords; an error where it is no dict
 * written out with str keys. */
static bool bound_keywords(Ctx *c, Node *v, const char *fname, Bound *b) {
  bool display = v->kind == EX_DICT;
  for (Node *x = display ? v->elts : NULL; x && display; x = x->next)
    display = x->kind == ND_PAIR && x->lhs->kind == EX_STR;
  if (!display)
    return !error_at(c, v, "%s()'s kwargs= binds keywords of the function it calls: write them as a dict of str "
                     "keys (`kwargs={\"k\": v}`)", fname);
  Node **tail = &b->keywords;
  for (Node *x = v->elts; x; x = x->next) {
    Node *k = ast_new(c->p->arena, ND_KEYWORD, x->file, x->pos, x->len);
    k->name = x->lhs->str;
    k->rhs = x->rhs;
    *tail = k;
    tail = &k->next;
  }
  return true;
}

/* The target's meaning: a function by its name, else a Callable value. */
static bool bound_target(Ctx *c, Node *v, const char *fname, Bound *b) {
  b->target = v;
  if (v->kind == EX_NAME || v->kind == EX_ATTR) {
    c->callee = true;  /* a def's name stays one */
    Type *t = check_expr(c, v, NULL);
    if (is_err(t)) return false;
    if (t->kind == TY_FUNC && plain_def(t->fn) && !gathers(t->fn)) b->def = t->fn;
    /* print, torch.save, a def of *args: called by name with the values as they are */
    b->by_values = t->kind == TY_BUILTIN || (t->kind == TY_FUNC && !t->fn->cls && !t->fn->outer && !b->def);
    if (b->def || b->by_values) return true;
  }
  Type *t = check_expr(c, v, NULL);
  if (is_err(t)) return false;
  if (t->kind != TY_CALLABLE) return !error_at(c, v, "%s() calls a function here, not %s", fname, tn(c, t));
  if (b->keywords) return !error_at(c, v, "%s()'s kwargs= binds keywords of a def given by its name only", fname);
  b->value = t;
  return true;
}

/* Process(target=f, args=(a,), kwargs={...}) of the parameters marked
 * args_of[target] and kwargs_of[target]: the binding call in target's
 * place, args= and kwargs= taken out (see above). */
static bool bind_one_target(Ctx *c, Node *call, const char *fname, Param *params, int np, int skip, int t) {
  Node **al = NULL, **kl = NULL;
  for (int i = skip; i < np; i++)
    if (params[i].binds && strcmp(params[i].binds, params[t].name) == 0) {
      if (params[i].bind_kind == 'a') al = given_link(call, params, i, skip);
      else kl = given_link(call, params, i, skip);
    }
  Node *args = given_value(al), *kwargs = given_value(kl);
  if ((!args || args->kind == EX_NONE) && (!kwargs || kwargs->kind == EX_NONE)) return true;
  Node **tl = given_link(call, params, t, skip);
  Type *want = params[t].ty->kind == TY_OPTIONAL ? params[t].ty->elem : params[t].ty;
  if (want->kind != TY_CALLABLE) {
    return !error_at(c, call, "%s()'s %s= binds the arguments of a Callable parameter", fname, params[t].name);
  }
  if (!tl) {
    return !error_at(c, args ? args : kwargs, "%s() binds these arguments of %s=, which the call does not give", fname,
                     params[t].name);
  }
  Bound b = {.want = want};
  if (args && args->kind != EX_NONE && !bound_items(c, args, fname, &b)) return false;
  if (kwargs && kwargs->kind != EX_NONE && !bound_keywords(c, kwargs, fname, &b)) return false;
  if (!bound_target(c, given_value(tl), fname, &b)) return false;
  Func *maker = bind_maker(c, call, &b);
  if (!maker) return false;
  Node *slot = *tl, *after = slot->next;
  Node *m = ast_new(c->p->arena, EX_CALL, call->file, call->pos, call->len);
  m->args = b.items;
  if (!b.def && !b.by_values) {  /* the Callable value: the first argument */
    Node *v = b.target;
    v->next = m->args;
    m->args = v;
  }
  for (Node *kw = b.keywords; kw; kw = kw->next) {
    Node *v = kw->rhs;
    v->next = NULL;
    m->args = ast_append(m->args, v);
  }
  call_func(c, m, maker);
  m->flags |= CALL_CONVERTED;  /* checked again as the argument: it keeps this record */
  if (slot->kind == ND_KEYWORD) slot->rhs = m;
  else {
    m->next = after;
    *tl = m;
  }
  if (al) take_out(c, call, *al);
  if (kl) take_out(c, call, *kl);
  return true;
}

/* false where a binding is wrong (reported). */
static bool bind_callable_args(Ctx *c, Node *call, const char *fname, Param *params, int np, int skip) {
  for (int t = skip; t < np; t++) {
    bool marked = false;
    for (int i = skip; i < np; i++) marked |= params[i].binds && strcmp(params[i].binds, params[t].name) == 0;
    if (marked && !bind_one_target(c, call, fname, params, np, skip, t)) return false;
  }
  return true;
}

/* `_item[k]` of an itemgetter's key, or `_item.a.b` of an attrgetter's
 * dotted name, at the key's node. */
static Node *getter_of(Ctx *c, Node *key, bool attr) {
  Arena *a = c->p->arena;
  Node *get = ast_name(a, key, "_item");
  if (!attr) {
    Node *index = ast_new(a, EX_INDEX, key->file, key->pos, key->len);
    index->lhs = get;
    index->rhs = key;
    return index;
  }
  const char *s = key->str;
  while (*s) {
    const char *dot = strchr(s, '.');
    size_t n = dot ? (size_t)(dot - s) : strlen(s);
    Node *next = ast_new(a, EX_ATTR, key->file, key->pos, key->len);
    next->lhs = get;
    next->name = arena_strndup(a, s, n);
    get = next;
    s += n + (dot != NULL);
  }
  return get;
}

static bool getter_key(const Node *k, bool attr) {
  if (attr) return k->kind == EX_STR && k->slen && k->str[0] != '.' && k->str[k->slen - 1] != '.';
  return k->kind == EX_INT || k->kind == EX_STR || (k->kind == EX_UNARY && k->op == OP_NEG && k->lhs->kind == EX_INT);
}

/* operator.itemgetter(1) and attrgetter("name") (`-> Callable[itemgetter]`,
 * `Callable[attrgetter]`): e becomes `lambda _item: _item[1]` in place (a
 * tuple of them of several keys), typed where it is used as a lambda is
 * (`sorted(pairs, key=itemgetter(1))`). The keys are constants, as
 * Python evaluates them once, where the getter is made. */
static Type *getter_lambda(Ctx *c, Node *e, Func *decl, Type *expect) {
  bool attr = decl->getter == 'a';
  if (!e->args) return set_type(e, error_at(c, e, "%s() takes at least one %s", decl->name, attr ? "name" : "key"));
  for (Node *k = e->args; k; k = k->next)
    if (k->kind == ND_KEYWORD || !getter_key(k, attr))
      return set_type(e, error_at(c, k, attr ? "%s() takes attribute names as str literals (\"name\", \"a.b\")"
                                             : "%s() takes keys as int or str literals",
                                  decl->name));
  Node *gets = NULL;
  for (Node *k = e->args, *next; k; k = next) {
    next = k->next;
    k->next = NULL;
    gets = ast_append(gets, getter_of(c, k, attr));
  }
  Node *body = gets;
  if (gets->next) {
    body = ast_new(c->p->arena, EX_TUPLE, e->file, e->pos, e->len);
    body->elts = gets;
  }
  *e = (Node){.kind = EX_LAMBDA, .pos = e->pos, .len = e->len, .file = e->file, .next = e->next, .depth = e->depth,
              .params = param_node(c->p->arena, e, "_item"), .lhs = body};
  if (!expect && c->assigned == e && !c->assigned_to->annotated) {  /* `get = itemgetter(1)`: as a lambda so stored */
    expect = flow_lambda_learnt(c, c->assigned_to);
    if (!expect) c->untyped_lambda = e;
  }
  return check_expr(c, e, expect);
}

/* Is n the name of the method's self? */
static bool is_self(Ctx *c, const Node *n) {
  return c->fn && c->fn->cls && c->fn->nparams && n->kind == EX_NAME && strcmp(n->name, c->fn->params[0].name) == 0;
}

/* self.register_buffer("pe", pe, persistent=False) in a model's __init__ (a
 * method declared `-> buffer_declaration`): declares the field its str
 * literal names, a buffer, and stores the value there. The name and
 * persistent= are literals: they decide the class's fields and state dict. */
static Type *call_buffer(Ctx *c, Node *e, Func *f, Node *recv) {
  CallInfo *ci = new_call(c, e, CALL_BUFFER, f->nparams);
  ci->fn = f;
  ci->recv = recv;
  bind_args(c, e, f->qname, f->params, f->nparams, 1, ci);
  ClassInfo *k = c->fn ? c->fn->cls : NULL;
  Node *name = ci->args[1], *value = ci->args[2], *persistent = f->nparams > 3 ? ci->args[3] : NULL;
  if (!k || !k->is_module || !in_init_of(c, k) || !is_self(c, recv))
    return set_type(e, error_at(c, e, "%s() is called on self in a model's __init__, where the fields are declared",
                                f->name));
  if (!name || !value) return set_type(e, T(TY_ERROR));
  if (name->kind != EX_STR)
    return set_type(e, error_at(c, name, "a buffer's name is a str literal (it names a field)"));
  if (persistent && persistent->kind != EX_TRUE && persistent->kind != EX_FALSE)
    return set_type(e, error_at(c, persistent, "persistent= is True or False, written as such"));
  if (find_field(k, name->str))
    return set_type(e, error_at(c, name, "attribute '%s' already exists", name->str));
  Node *decl = ast_new(c->p->arena, EX_NAME, name->file, name->pos, name->len);
  decl->name = name->str;
  Type *ty = value->ty && value->ty->kind == TY_NONE ? f->params[2].ty : value->ty;
  ci->field = add_field(c, k, decl, type_plain(c->p, ty));
  ci->field->buffer = persistent && persistent->kind == EX_FALSE ? 2 : 1;
  return set_type(e, T(TY_NONE));
}

/* A call of a `-> forward_hooked` method on a value of type t: the .gtp
 * module classes its object may be of (t's class and those deriving it)
 * may be hooked, so their calls run hooks. */
static void hook_receivers(Ctx *c, const Type *t) {
  if (!is_class(t)) return;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      if (k->is_module && !k->is_extern && class_derives(k, t->cls)) k->forward_hooked = true;
}

static Type *call_method(Ctx *c, Node *e, Func *f, Node *recv) {
  f = pick_overload(c, e, f, 1);
  if (!f) return set_type(e, T(TY_ERROR));
  if (f->hooks_forward) hook_receivers(c, recv->ty);
  if (f->declares_buffer) return call_buffer(c, e, f, recv);
  if (f->is_property) return set_type(e, error_at(c, e, "'%s' is a property, not a method: write it without ()", f->name));
  CallInfo *ci = new_call(c, e, CALL_METHOD, f->nparams);
  ci->fn = f;
  ci->recv = recv;
  if (f->ntvars) {  /* obj.m(x) of a method taking unions (resolve.c union_method): its instance */
    call_union_method(c, e, ci);
    return set_type(e, ci->fn ? ci->fn->ret : T(TY_ERROR));
  }
  bind_args(c, e, f->qname, f->params, f->nparams, 1, ci);
  note_early_call(c, f);
  return set_type(e, f->returns_self ? recv->ty : call_result(c, f, ci));
}

static int by_name(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The names of k's abstract methods (those whose nearest definition up its
 * chain is an @abstractmethod), sorted and joined with ", " as CPython
 * lists them; NULL where it has none. */
static const char *abstract_methods(Ctx *c, ClassInfo *k, int *count) {
  int n = 0;
  for (ClassInfo *b = k; b; b = b->base)
    for (Func *f = b->methods; f; f = f->next) n += method_is_abstract(c->p, f) && class_method(k, f->name) == f;
  *count = n;
  if (!n) return NULL;
  const char **names = arena_alloc(c->p->arena, n * sizeof *names);
  int i = 0;
  for (ClassInfo *b = k; b; b = b->base)
    for (Func *f = b->methods; f; f = f->next)
      if (method_is_abstract(c->p, f) && class_method(k, f->name) == f) names[i++] = f->name;
  qsort(names, n, sizeof *names, by_name);
  const char *text = names[0];
  for (i = 1; i < n; i++) text = arena_printf(c->p->arena, "%s, %s", text, names[i]);
  return text;
}

/* Does the statement or expression list n call `name` (a classmethod's
 * `cls(...)`)? */
static bool calls_name(const Node *n, const char *name) {
  for (; n; n = n->next) {
    if (n->kind == EX_CALL && n->lhs && n->lhs->kind == EX_NAME && strcmp(n->lhs->name, name) == 0) return true;
    const Node *kids[] = {n->lhs, n->rhs, n->cond, n->body, n->orelse, n->args, n->elts, n->cmps, n->comps,
                          n->conds, n->parts, n->items, n->handlers, n->finalbody, n->lo, n->hi, n->step};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
      if (calls_name(kids[i], name)) return true;
  }
  return false;
}

/* Is e `cls(...)` in a @classmethod of k, whose cls may be a class
 * deriving k where it runs (an abstract base's `from_config`)? */
static bool constructs_cls(Ctx *c, Node *e, ClassInfo *k) {
  Func *f = c->fn;
  Node *cls = f && f->cls_param == k && f->decl->params ? f->decl->params : NULL;
  return cls && e->lhs && e->lhs->kind == EX_NAME && strcmp(e->lhs->name, cls->name) == 0;
}

/* A call of f, a @classmethod of an abstract class k that makes `cls(...)`
 * (Base.from_config() on the base itself): Python's TypeError there. */
static void abstract_factory_call(Ctx *c, Node *e, Func *f) {
  ClassInfo *k = f->cls_param;
  int nabstract;
  const char *abstract = k && f->decl->params ? abstract_methods(c, k, &nabstract) : NULL;
  if (abstract && calls_name(f->decl->body, f->decl->params->name))
    error_at(c, e, "Can't instantiate abstract class %s with abstract method%s %s (%s() makes a %s)", k->name,
             nabstract > 1 ? "s" : "", abstract, f->qname, k->name);
}

static Type *call_ctor(Ctx *c, Node *e, ClassInfo *k) {
  need_fields(c, k);
  int nabstract;
  const char *abstract = abstract_methods(c, k, &nabstract);
  if (abstract && !constructs_cls(c, e, k))  /* cls(): its calls through k itself are the error */
    error_at(c, e, "Can't instantiate abstract class %s with abstract method%s %s", k->name, nabstract > 1 ? "s" : "",
             abstract);
  Func *init = k->init;
  if (k->protocol == PROTO_ENUM && !(e->flags & CALL_ENUM_MEMBER))  /* Color(1): the member of that value */
    return call_func(c, e, class_method(k, "_value_of"));
  if (k->protocol == PROTO_EXCEPTION && (!init || init->is_extern)) return check_exc_ctor(c, e, k);
  if (k->protocol == PROTO_TYPE) return check_type_of(c, e, k);
  if (k->is_extern || (!init && k->layer)) {
    /* an extern class's __init__ binds a C function returning the new
       object; a class deriving a layer without an __init__ takes the layer's */
    if (!init) init = k->layer ? k->layer->init : NULL;
    if (!init) return set_type(e, error_at(c, e, "%s cannot be constructed directly", k->name));
    init = pick_overload(c, e, init, 1);
    if (!init) return set_type(e, T(TY_ERROR));
  }
  CallInfo *ci = new_call(c, e, CALL_CTOR, init ? init->nparams : 0);
  ci->cls = k;
  ci->fn = init;
  if (init && init->ntvars) {  /* `def __init__(self, loc: Tensor | float)`: its instance for the arguments */
    call_union_method(c, e, ci);
    return set_type(e, ci->fn ? k->ty : T(TY_ERROR));
  }
  if (init) bind_args(c, e, k->name, init->params, init->nparams, 1, ci);
  else if (e->args) error_at(c, e, "%s() takes no arguments", k->name);
  return set_type(e, k->ty);
}

static Type *bmethod_type(Ctx *c, const Type *recv, char letter) {
  Type *items[2];
  switch (letter) {
  case 'O': return type_optional(c->p, recv->elem);  /* d.get(k) */
  case 'i': return T(TY_INT);
  case 'f': return T(TY_FLOAT);
  case 'b': return T(TY_BOOL);
  case 's': return T(TY_STR);
  case 'S': return type_optional(c->p, T(TY_STR));  /* split(None, 2) */
  case 'n': return T(TY_NONE);
  case 'E': return recv->elem;
  case 'K': return recv->key;
  case 'V': return recv->elem;
  case 'L': case 'I': return (Type *)recv;
  case 'l': return type_list(c->p, T(TY_STR));
  case 'k': return type_list(c->p, recv->key);
  case 'v': return type_list(c->p, recv->elem);
  case 'x': {  /* gen.throw(e): an exception, of the root of the protocol="exception" classes */
    ClassInfo *exc = protocol_class(c->p, PROTO_EXCEPTION);
    while (exc && exc->base) exc = exc->base;
    return exc ? exc->ty : T(TY_ERROR);
  }
  case 'p': {  /* str.partition's (head, sep, tail) */
    Type *strs[3] = {T(TY_STR), T(TY_STR), T(TY_STR)};
    return type_tuple(c->p, strs, 3);
  }
  case 'T':
    items[0] = recv->key;
    items[1] = recv->elem;
    return type_list(c->p, type_tuple(c->p, items, 2));
  }
  return T(TY_ERROR);
}

/* xs.append(v) / xs.extend(ys) / d.setdefault(k, v) / s.add(v) of a
 * pending empty list, dict or set: the arguments' types settle it. */
static void settle_by_args(Ctx *c, Type *rt, const BMethod *bm, CallInfo *ci) {
  Type *elem = NULL, *list = NULL, *key = NULL, *other = NULL;
  for (int i = 0; bm->params[i]; i++) {
    Node *a = ci->args[i + 1];
    Type *t = a && a->ty ? type_settled(a->ty) : NULL;
    if (!t) continue;
    if (bm->params[i] == 'E' || bm->params[i] == 'V') elem = t;
    if (bm->params[i] == 'L') list = t;
    if (bm->params[i] == 'K') key = t;
    if (bm->params[i] == 'I' && !t->pending) other = t;
  }
  if (rt->kind == TY_SET && other && other->kind == TY_LIST && type_hashable(other->elem))
    settle(rt, type_set(c->p, other->elem));
  if (rt->kind == TY_SET && other && other->kind == TY_SET) settle(rt, other);
  if (rt->kind == TY_LIST && elem) settle(rt, type_list(c->p, elem));
  if (rt->kind == TY_SET && elem && type_hashable(elem)) settle(rt, type_set(c->p, elem));
  if ((rt->kind == TY_LIST || rt->kind == TY_SET) && list) settle(rt, list);
  if (rt->kind == TY_DICT && key && elem) settle(rt, type_dict(c->p, key, elem));
}

/* A set method's `other` (I): a set of the receiver's type, or a list of
 * its elements, as CPython takes any iterable; an empty one takes the type. */
static void check_other(Ctx *c, Node *a, Type *rt, const char *qn) {
  Type *t = type_settled(a->ty);
  if (!t || is_err(t) || rt->pending) return;
  Type *list = type_list(c->p, rt->elem);
  if (t->pending && (t->kind == TY_SET || t->kind == TY_LIST)) {
    settle(t, t->kind == TY_SET ? rt : list);
    return;
  }
  if (t == rt || t == list) return;
  error_at(c, a, "argument 'other' of %s expects %s or %s, got %s", qn, tn(c, rt), tn(c, list), tn(c, t));
}

/* startswith's prefix (X): a str, or a tuple of strs; join's iterable
 * (J): a list of strs (an empty display takes the type), or a tuple of
 * strs; as CPython's. */
static void check_strs(Ctx *c, Node *a, char letter, const char *name, const char *qn) {
  Type *t = type_settled(a->ty), *strs = type_list(c->p, T(TY_STR));
  if (letter == 'J' && t->pending && t->kind == TY_LIST) settle(t, strs);
  bool tuple = (t->kind == TY_TUPLE || t->kind == TY_VARTUPLE) && iter_elem(c, t) && iter_elem(c, t)->kind == TY_STR;
  bool one = letter == 'X' ? t->kind == TY_STR : type_settled(t) == strs;
  if (!one && !tuple && !is_err(t))
    error_at(c, a, "argument '%s' of %s expects %s or a tuple of strs, got %s", name, qn, letter == 'X' ? "a str" :
             "list[str]", tn(c, t));
}

/* Does display a (a list's, or a dict's values), checked against rt's
 * element type, hold numbers only, one of another kind than rt's? */
static bool displays_other_numbers(const Node *a, const Type *rt) {
  if (a->kind != (rt->kind == TY_LIST ? EX_LIST : EX_DICT)) return false;
  bool other = false;
  for (const Node *x = a->elts; x; x = x->next) {
    const Node *v = a->kind == EX_DICT ? x->rhs : x;
    if (!v->ty || !type_is_number(v->ty)) return false;
    other |= !assignable(rt->elem, v->ty);
  }
  return other;
}

/* A list or dict of ints, floats or bools given another kind of number
 * (`xs.append(0.5)` of a list of ints; `d.update(flags)`, flags a dict
 * of int | float numbers): Python's holds both, so the name it is read
 * from is to hold int | float numbers (flow_widen). */
/* `layers.append(nn.ReLU())` (insert too) of a list of another class
 * (`layers = [nn.Linear(2, 3)]`): Python's holds both, so the name is to
 * hold a list of their common base (flow_widen_to). */
static void widen_to_base(Ctx *c, Node *recv, Type *rt, const BMethod *bm, CallInfo *ci) {
  if (rt->pending || rt->kind != TY_LIST || !is_class(rt->elem)) return;
  for (int i = 0; bm->params[i]; i++) {
    Node *a = ci->args[i + 1];
    Type *t = a && a->ty && bm->params[i] == 'E' ? type_settled(a->ty) : NULL;
    Type *base = t && is_class(t) && !assignable(rt->elem, t) ? unify(rt->elem, t) : NULL;
    if (base && is_class(base)) flow_widen_to(c, recv, type_list(c->p, base));
  }
}

static void widen_by_args(Ctx *c, Node *recv, Type *rt, const BMethod *bm, CallInfo *ci) {
  widen_to_base(c, recv, rt, bm, ci);
  if (!flow_widens(rt)) return;
  for (int i = 0; bm->params[i]; i++) {
    Node *a = ci->args[i + 1];
    Type *t = a && a->ty ? type_settled(a->ty) : NULL;
    bool elem = bm->params[i] == 'E' || bm->params[i] == 'V', whole = bm->params[i] == 'L';
    if (!t || (!elem && !whole)) continue;
    bool same_kind = whole && t->kind == rt->kind && (rt->kind == TY_LIST || t->key == rt->key);
    Type *got = elem ? t : same_kind ? t->elem : NULL;
    bool other = got && type_is_number(got) && !assignable(elem ? rt->elem : rt, t);
    if (other || (whole && displays_other_numbers(a, rt)))  /* `xs.extend([2, 0.5])`: typed as xs's */
      flow_widen(c, recv, rt);
  }
}

/* The methods of dict that store into it. */
static bool dict_store_method(const BMethod *bm) {
  static const char *const stores[] = {"update", "pop", "popitem", "setdefault", "clear"};
  for (size_t i = 0; i < sizeof stores / sizeof *stores; i++)
    if (strcmp(bm->name, stores[i]) == 0) return true;
  return false;
}

static Type *call_bmethod(Ctx *c, Node *e, const BMethod *bm, Node *recv, Type *rt) {
  if (rt->kind == TY_DICT && dict_store_method(bm) &&
      refuse_vars_store(c, recv, arena_printf(c->p->arena, "%s() of", bm->name)))
    return set_type(e, T(TY_ERROR));
  int np = (int)strlen(bm->params);
  CallInfo *ci = new_call(c, e, CALL_BMETHOD, np + 1);
  ci->bmethod = bm;
  ci->recv = recv;
  ci->recv_ty = recv->ty != rt ? rt : NULL;
  Param params[4];
  memset(params, 0, sizeof params);
  params[0].name = "self";
  bool open = rt->pending;  /* the arguments decide its element types: take any */
  for (int i = 0; i < np; i++) {
    params[i + 1].name = bm->pnames[i];
    bool elem = strchr("EKVL", bm->params[i]) != NULL;
    bool other = bm->params[i] == 'I';  /* a set or a list: check_other */
    bool key = bm->params[i] == 'F';    /* key=: check_key, here */
    bool strs = bm->params[i] == 'X' || bm->params[i] == 'J';  /* strs, tuples of them: check_strs */
    params[i + 1].ty = (open && elem) || other || key || strs ? T(TY_ERROR) : bmethod_type(c, rt, bm->params[i]);
    for (Node *a = key && !open ? e->args : NULL; a; a = a->next)
      if (a->kind == ND_KEYWORD && strcmp(a->name, bm->pnames[i]) == 0) check_key(c, a->rhs, rt->elem, ci);
    params[i + 1].dflt = bm->defaults[i] ? e : NULL;   /* non-NULL marks "has a default" */
  }
  static const char *const kinds[] = {[TY_STR] = "str", [TY_LIST] = "list", [TY_DICT] = "dict", [TY_SET] = "set",
                                      [TY_VARTUPLE] = "tuple", [TY_GENERATOR] = "generator"};
  const char *qn = arena_printf(c->p->arena, "%s.%s", kinds[rt->kind], bm->name);
  /* "".join(s for s in xs), xs.extend(f(x) for x in ys), s.update(...):
   * CPython's join takes every element before it starts; the others get
   * the list comprehension too (a dict's update needs pairs: not this) */
  if (np && strchr("lLIJ", bm->params[0]) && rt->kind != TY_DICT && e->args && !e->args->next)
    genexp_as_comp(e->args, EX_LISTCOMP);
  bind_args(c, e, qn, params, np + 1, 1, ci);
  widen_by_args(c, recv, rt, bm, ci);
  for (int i = 0; i < np; i++) {
    if (bm->params[i] == 'I' && ci->args[i + 1]) check_other(c, ci->args[i + 1], rt, qn);
    if (strchr("XJ", bm->params[i]) && ci->args[i + 1]) check_strs(c, ci->args[i + 1], bm->params[i], bm->pnames[i], qn);
  }
  if (open) {
    settle_by_args(c, rt, bm, ci);
    rt = type_settled(rt);
  }
  if (bm->ret == 'O' && (rt->elem->kind == TY_BOOL || rt->elem->kind == TY_NUMBER ||
                         (rt->elem->kind == TY_OPTIONAL && !type_is_ref(rt->elem))))
    return set_type(e, error_at(c, e, "%s(key) of a %s: give the default its missing key reads (d.get(key, False))",
                                qn, tn(c, rt)));  /* an Optional of these has no None to spare */
  return set_type(e, bmethod_type(c, rt, bm->ret));
}

/* t.index(x), t.count(x) of a tuple of one item type (a fixed one's as a
 * tuple[T, ...]): the methods' value is of that type. */
static Type *call_tuple_method(Ctx *c, Node *e, Node *callee, Type *rt) {
  const BMethod *bm = bmethod_lookup(TY_VARTUPLE, callee->name);
  if (!bm && has_error(rt)) return set_type(e, T(TY_ERROR));  /* reported where its item was made */
  if (!bm) return set_type(e, error_at(c, callee, "%s has no method '%s'", tn(c, rt), callee->name));
  Type *el = iter_elem(c, rt);
  if (!el) {
    for (Node *a = e->args; a; a = a->next) check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a, NULL);
    return set_type(e, error_at(c, callee, "tuple.%s() of a %s: its items are of several types", bm->name,
                                tn(c, rt)));
  }
  return call_bmethod(c, e, bm, callee->lhs, rt->kind == TY_VARTUPLE ? rt : type_vartuple(c->p, el));
}

/* super(Net, self): the old spelling of super() in a method of Net. */
static bool names_class_and_self(Ctx *c, Node *args) {
  Node *k = args, *self = args ? args->next : NULL;
  if (!self || self->next || k->kind != EX_NAME || self->kind != EX_NAME) return false;
  return strcmp(k->name, c->fn->cls->name) == 0 && strcmp(self->name, c->fn->params[0].name) == 0;
}

/* super().__init__() (or super(Net, self).__init__()) in the __init__ of a
 * class deriving nn.Module: the module part of the object is set up by the
 * constructor itself. */
static bool is_super_init(Ctx *c, Node *e) {
  Node *callee = e->lhs;
  if (callee->kind != EX_ATTR || strcmp(callee->name, "__init__") != 0 || e->args) return false;
  Node *sup = callee->lhs;
  /* a call made in place (obj.__getattr__("fc1")) has no callee node */
  if (sup->kind != EX_CALL || !sup->lhs || sup->lhs->kind != EX_NAME || strcmp(sup->lhs->name, "super") != 0)
    return false;
  bool init = c->fn && c->fn->cls && c->fn->cls->base && c->fn->cls->base->is_extern && c->fn == c->fn->cls->init &&
              c->fn->cls->protocol != PROTO_EXCEPTION &&  /* an exception's takes its message */
              !c->fn->cls->layer;                         /* a layer's makes the layer */
  return init && (!sup->args || names_class_and_self(c, sup->args));
}

/* super() or super(Cls, self) as the receiver of a call: the `super()` node, or NULL. */
static Node *super_receiver(Node *callee) {
  Node *sup = callee->kind == EX_ATTR ? callee->lhs : NULL;
  bool is = sup && sup->kind == EX_CALL && sup->lhs && sup->lhs->kind == EX_NAME && strcmp(sup->lhs->name, "super") == 0;
  return is ? sup : NULL;
}

/* `self` at super(): the receiver of the base's method. */
static Node *self_name(Ctx *c, Node *sup) {
  Node *self = ast_new(c->p->arena, EX_NAME, sup->file, sup->pos, sup->len);
  self->name = c->fn->params[0].name;
  check_expr(c, self, NULL);
  return self;
}

/* super().__init__(784, 500) in the __init__ of a class deriving a layer
 * (nn.Linear): the layer's constructor, whose module the object keeps. */
static Type *call_layer_init(Ctx *c, Node *e, Node *sup) {
  ClassInfo *k = c->fn->cls;
  if (c->fn != k->init)
    return set_type(e, error_at(c, e, "super().__init__(...) of a class deriving %s is called in its __init__",
                                k->layer->name));
  Func *init = pick_overload(c, e, k->layer->init, 1);
  if (!init) return set_type(e, T(TY_ERROR));
  CallInfo *ci = new_call(c, e, CALL_LAYER_INIT, init->nparams);
  ci->cls = k->layer;
  ci->fn = init;
  ci->recv = self_name(c, sup);
  bind_args(c, e, k->layer->name, init->params, init->nparams, 1, ci);
  return set_type(e, T(TY_NONE));
}

/* super().area() / super().__init__(r) (or super(Circle, self)...) in a
 * method of a class deriving a .gtp class: the base's method on self,
 * called as it is (not dispatched by self's class); the __init__ of a base
 * that has none is object's, which does nothing. */
static Type *call_super(Ctx *c, Node *e, Node *sup) {
  Func *fn = c->fn;
  ClassInfo *k = fn && fn->cls && fn->nparams ? fn->cls : NULL;
  if (!k || !k->base || (sup->args && !names_class_and_self(c, sup->args)))
    return set_type(e, error_at(c, sup, "super() is written in a method of a class that derives another, as "
                                        "super() or super(%s, self)", k ? k->name : "Cls"));
  const char *name = e->lhs->name;
  Func *f = class_method(k->base, name);
  bool base_init = (!f || f->is_extern) && strcmp(name, "__init__") == 0;
  if (base_init && k->protocol == PROTO_EXCEPTION) return check_exc_init(c, e, self_name(c, sup));
  if (base_init && k->layer) return call_layer_init(c, e, sup);
  if (base_init) {  /* object's, or nn.Module's: the constructor's work */
    if (e->args) return set_type(e, error_at(c, e->args, "%s.__init__() takes no arguments", k->base->name));
    new_call(c, e, CALL_NOTHING, 0);
    return set_type(e, T(TY_NONE));
  }
  if (!f || f->is_property)
    return set_type(e, error_at(c, e->lhs, "'%s' has no method '%s'", k->base->name, name));
  Type *t = call_method(c, e, f, self_name(c, sup));
  CallInfo *ci = e->info;
  if (ci) ci->direct = true;
  /* the layer's own forward: self's forward is the class's, which would call itself */
  if (ci && k->layer && f->is_extern && strcmp(name, "forward") == 0) ci->on_layer = true;
  return t;
}

/* net(x): a module's forward, or the class's __call__. */
static Type *call_instance(Ctx *c, Node *e, Type *ft) {
  Func *f = ft->cls->is_module ? class_method(ft->cls, "forward") : NULL;
  if (!f) f = class_method(ft->cls, "__call__");
  if (!f && type_is_dynamic(ft))  /* an item of `[scale, crop, composed]`, of classes of the program's and the library's */
    return set_type(e, error_at(c, e->lhs, "cannot call a value whose type only the run knows (an item of a list of "
                                "values of several types): give the list one type, e.g. 'list[Callable[[A], B]]'"));
  if (!f) return set_type(e, error_at(c, e->lhs, "'%s' object is not callable", ft->cls->name));
  Type *t = call_method(c, e, f, e->lhs);
  /* a forward of tensors giving a tensor, which a hook may follow */
  if (e->info && (f == ft->cls->forward || f == ft->cls->forward_n)) ((CallInfo *)e->info)->module_call = true;
  return t;
}

/* f(a, b) of a Callable value f: positional arguments of its parameter
 * types, called through its gt_fn (CALL_VALUE, recv the callee). */
/* block(16, 32, normalize=False) of a nested def `block`: its value is
 * called with every argument, bound by name and filled with the def's
 * defaults (constants) as a direct call's are. */
static Type *call_nested_def(Ctx *c, Node *e, Type *ft, Func *f) {
  CallInfo *ci = new_call(c, e, CALL_VALUE, f->nparams);
  ci->recv = e->lhs;
  if (place_args(c, e, f->name, f->params, f->nparams, 0, ci) || ci->spread)
    return set_type(e, error_at(c, e, "%s() is called with its arguments one by one here: no '*' of unknown length, "
                                "no '**'", f->name));
  missing_args(c, e, f->name, f->params, f->nparams, 0, ci);
  for (int i = 0; i < f->nparams; i++) {
    if (!ci->args[i]) ci->args[i] = f->params[i].dflt;
    if (!ci->args[i]) continue;
    Type *t = check_expr(c, ci->args[i], ft->items[i]);
    if (!assignable(ft->items[i], t))
      error_at(c, ci->args[i], "argument '%s' of %s() is %s, not %s", f->params[i].name, f->name,
               tn(c, ft->items[i]), tn(c, t));
  }
  return set_type(e, ft->elem);
}

/* The k items of `*xs` (a list or tuple[T, ...]) as the last k
 * arguments of a function value: builtins.gtp's _star_value_item(xs, i,
 * k), item i where xs has k items, a TypeError where it has not. */
static Node **star_value_items(Ctx *c, Node *a, int k) {
  Node **items = arena_alloc(c->p->arena, (k ? k : 1) * sizeof *items);
  for (int i = 0; i < k; i++) {
    Node *xs = star_operand(c, a, i);
    xs->next = constant_like(c, a, NULL, i);
    xs->next->next = constant_like(c, a, NULL, k);
    items[i] = builtins_call(c, a, "_star_value_item", xs);
  }
  return items;
}

/* `f(*t)` of a function value ft: t's items in the call's list of
 * arguments, t[0], t[1], ... of a tuple (star_items); of a list, those of
 * the parameters after the others' (the last argument). False after an
 * error. */
static bool spread_into_value(Ctx *c, Node *e, Type *ft) {
  int given = 0;
  for (Node *a = e->args; a; a = a->next, given++) {
    if (a->kind != EX_STARRED || is_double_star(a)) continue;
    Type *t = check_expr(c, a->lhs, NULL);
    bool sized = t->kind != TY_LIST && t->kind != TY_VARTUPLE;
    int k = 0;
    Node **items = NULL;
    if (!sized && !a->next && given <= ft->nitems)
      items = star_value_items(c, a, k = ft->nitems - given);
    else if (!sized)
      error_at(c, a, "'*' of a %s (a length known where the call runs) fills the last parameters of a function "
               "value: make it the last argument", tn(c, t));
    else
      items = star_items(c, a, &k);
    if (!items) return false;
    splice_args(e, a, items, k);
    if (!k) return true;  /* f(*()) */
    a = items[k - 1];
    given += k - 1;
  }
  return true;
}

static Type *call_value(Ctx *c, Node *e, Type *ft) {
  if (ft->any_args && ft->elem->kind == TY_UNKNOWN) {  /* a lambda nothing typed yet: this call does */
    flow_lambda_called(c, e);
    return set_type(e, T(TY_ERROR));
  }
  if (ft->any_args)  /* its arguments are a library's to decide */
    return set_type(e, error_at(c, e, "a %s is called by the library it is given to: annotate the parameters "
                                "(Callable[[A, B], R]) to call it", tn(c, ft)));
  if (!spread_into_value(c, e, ft)) return set_type(e, T(TY_ERROR));
  Func *def = e->lhs->kind == EX_NAME && e->lhs->sym ? e->lhs->sym->nested_def : NULL;
  if (def && def->nparams == ft->nitems) return call_nested_def(c, e, ft, def);
  CallInfo *ci = new_call(c, e, CALL_VALUE, ft->nitems);
  ci->recv = e->lhs;
  int n = 0, given = 0;
  bool keywords = false;
  for (Node *a = e->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD || a->kind == EX_STARRED) {
      error_at(c, a, "a function value takes positional arguments only");
      keywords = true;
      continue;
    }
    given++;
    if (n == ft->nitems) continue;
    Type *t = check_expr(c, a, ft->items[n]);
    if (!assignable(ft->items[n], t))
      error_at(c, a, "argument %d of a %s is %s, not %s", n + 1, tn(c, ft), tn(c, ft->items[n]), tn(c, t));
    ci->args[n++] = a;
  }
  if (given != ft->nitems && !keywords)
    error_at(c, e, "a %s takes %d argument%s, %d given", tn(c, ft), ft->nitems, ft->nitems == 1 ? "" : "s", given);
  return set_type(e, ft->elem);
}

/* list(), dict(), int(), float(), str(), bool(): e becomes, in place,
 * the display or literal of the empty value (`[]`, `{}`, 0, 0.0, "",
 * False), which the type expected there types as `[]` is typed (a
 * defaultdict's factory `list` is a Callable[[], list[int]]). */
static bool empty_value(Node *e, int bi) {
  static const struct { int bi; NodeKind kind; } empty[] = {
      {BI_LIST, EX_LIST}, {BI_DICT, EX_DICT}, {BI_INT, EX_INT}, {BI_FLOAT, EX_FLOAT}, {BI_STR, EX_STR}, {BI_BOOL, EX_FALSE}};
  for (size_t i = 0; i < sizeof empty / sizeof *empty; i++)
    if (empty[i].bi == bi) {
      *e = (Node){.kind = empty[i].kind, .pos = e->pos, .len = e->len, .file = e->file, .next = e->next,
                  .depth = e->depth, .str = ""};
      return true;
    }
  return false;
}

/* The display {"lr": 0.1, ...} of a call's keyword arguments (its keys
 * the keywords' names), unchecked. A keyword given twice is CPython's
 * SyntaxError. */
Node *keywords_display(Ctx *c, Node *call) {
  Node head = {0}, *tail = &head;
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind != ND_KEYWORD) continue;
    for (Node *b = call->args; b != a; b = b->next)
      if (b->kind == ND_KEYWORD && strcmp(b->name, a->name) == 0) error_at(c, a, "keyword argument repeated: %s", a->name);
    Node *key = ast_new(c->p->arena, EX_STR, a->file, a->pos, (uint32_t)strlen(a->name));
    key->str = a->name;
    key->slen = strlen(a->name);
    key->depth = a->depth;
    Node *pair = ast_new(c->p->arena, ND_PAIR, a->file, a->pos, a->len);
    pair->lhs = key;
    pair->rhs = a->rhs;
    pair->depth = a->depth;
    tail = tail->next = pair;
  }
  Node *d = ast_new(c->p->arena, EX_DICT, call->file, call->pos, call->len);
  d->depth = call->depth;
  d->elts = head.next;
  return d;
}

/* dict(lr=0.1, momentum=0.9): e becomes, in place, the display {"lr": 0.1,
 * "momentum": 0.9}, which the display's own check types as `{...}` is
 * typed. */
static bool keyword_dict(Ctx *c, Node *e, int bi) {
  if (bi != BI_DICT || !e->args) return false;
  for (Node *a = e->args; a; a = a->next)
    if (a->kind != ND_KEYWORD) return false;
  e->elts = keywords_display(c, e)->elts;
  e->kind = EX_DICT;
  e->args = NULL;
  e->lhs = NULL;
  return true;
}

/* ---- vars(obj), dataclasses.asdict(obj) ---------------------------------- */

/* x, self.cfg: an expression read again with no effect. */
bool plain_path(const Node *x) {
  while (x->kind == EX_ATTR) x = x->lhs;
  return x->kind == EX_NAME;
}

/* A class whose instances' fields are all they hold: the program's,
 * deriving no extern class, or a namespace (argparse's). */
static bool has_fields_dict(const ClassInfo *k) {
  if (k->protocol == PROTO_NAMESPACE) return true;
  for (; k; k = k->base)
    if (k->is_extern) return false;
  return true;
}

/* The classes whose displays enclose the one being made (asdict's
 * nesting): a field of one of them is not nested again, so that a class
 * holding its own kind ends the compiler's walk. */
typedef struct Enclosing {
  const ClassInfo *cls;
  const struct Enclosing *up;
} Enclosing;

static Node *fields_display(Ctx *c, Func *f, Node *obj, ClassInfo *k, const Enclosing *up);

static bool encloses(const Enclosing *e, const ClassInfo *k) {
  for (; e; e = e->up)
    if (e->cls == k) return true;
  return false;
}

/* obj.name, the value of a field in the display; under asdict a display
 * of its own where the field holds an object of a transformed class. */
static Node *field_value(Ctx *c, Func *f, Node *obj, const Field *fd, const Enclosing *up) {
  Node *v = ast_new(c->p->arena, EX_ATTR, obj->file, obj->pos, obj->len);
  v->lhs = ast_copy(c->p->arena, obj);
  v->name = fd->name;
  v->depth = obj->depth;
  bool nested = f->transform == TRANSFORM_ASDICT && fd->ty && fd->ty->kind == TY_CLASS &&
                fd->ty->cls->transformed_by && !encloses(up, fd->ty->cls);
  return nested ? fields_display(c, f, v, fd->ty->cls, up) : v;
}

/* Appends k's fields, its bases' first (the order its __init__s set them
 * in), as "name": obj.name pairs after *tail. A field first set outside
 * __init__ (Field.late) may be unset: it is left out. */
static Node *append_fields(Ctx *c, Func *f, Node *obj, ClassInfo *k, Node *tail, const Enclosing *up) {
  if (k->base && !k->base->is_extern) tail = append_fields(c, f, obj, k->base, tail, up);
  for (int i = 0; i < k->nfields; i++) {
    const Field *fd = &k->fields[i];
    if (!fd->name || fd->late) continue;
    Node *key = ast_new(c->p->arena, EX_STR, obj->file, obj->pos, obj->len);
    key->str = fd->name;
    key->slen = strlen(fd->name);
    key->depth = obj->depth;
    Node *pair = ast_new(c->p->arena, ND_PAIR, obj->file, obj->pos, obj->len);
    pair->lhs = key;
    pair->rhs = field_value(c, f, obj, fd, up);
    pair->depth = obj->depth;
    tail = tail->next = pair;
  }
  return tail;
}

/* {"lr": args.lr, "name": args.name}: the display of obj's fields. */
static Node *fields_display(Ctx *c, Func *f, Node *obj, ClassInfo *k, const Enclosing *up) {
  need_fields(c, k);
  Enclosing here = {k, up};
  Node head = {0};
  append_fields(c, f, obj, k, &head, &here);
  Node *d = ast_new(c->p->arena, EX_DICT, obj->file, obj->pos, obj->len);
  d->depth = obj->depth;
  d->elts = head.next;
  return d;
}

/* [{"lr": obj.lr, ...} for obj in [make()]][0]: the display of the
 * fields of an object that an expression with effects makes, which is
 * evaluated once, into the comprehension's own variable (named as f's
 * parameter), as a call's argument is. */
static Node *display_of_made(Ctx *c, Func *f, Node *made, ClassInfo *k) {
  Arena *a = c->p->arena;
  const char *var = f->params[0].name;
  Node *lc = ast_new(a, EX_LISTCOMP, made->file, made->pos, made->len);
  lc->lhs = fields_display(c, f, ast_name(a, made, var), k, NULL);
  lc->comps = comp_over_one(c, made, var);
  lc->depth = made->depth;
  Node *first = ast_new(a, EX_INT, made->file, made->pos, made->len);
  first->ival = 0;
  Node *at = ast_new(a, EX_INDEX, made->file, made->pos, made->len);
  at->lhs = lc;
  at->rhs = first;
  at->depth = made->depth;
  return at;
}

/* vars(args), dataclasses.asdict(cfg): extern defs declared `->
 * instance_dict` / `-> fields_dict`, whose call becomes in place the dict
 * display of the object's fields, typed as that display is (a
 * dict[str, float] of float fields, a dict[str, Any] of several types).
 * A new dict: a store into it is not one into the object (refused where
 * it is vars()'s, refuse_vars_store). A name or its attribute is read
 * once per field; another object is made once (display_of_made). */
static Type *fields_dict_call(Ctx *c, Node *e, Func *f, Type *expect) {
  Node *obj = e->args;
  if (!obj || obj->next || obj->kind == ND_KEYWORD || obj->kind == EX_STARRED)
    return set_type(e, error_at(c, e, "%s() takes one argument, an object", f->name));
  Node *unchecked = ast_copy(c->p->arena, obj);
  Type *t = check_expr(c, obj, NULL);
  if (is_err(t)) return set_type(e, t);
  if (t->kind != TY_CLASS || !has_fields_dict(t->cls))
    return set_type(e, error_at(c, obj, "%s() takes an object of a class of the program or an argparse "
                                "Namespace, not %s", f->name, tn(c, t)));
  if (f->transform == TRANSFORM_ASDICT && !t->cls->transformed_by)
    return set_type(e, error_at(c, obj, "%s() should be called on dataclass instances, not %s", f->name, tn(c, t)));
  Node *d = plain_path(obj) ? fields_display(c, f, obj, t->cls, NULL) : display_of_made(c, f, unchecked, t->cls);
  Node *dict = d->kind == EX_DICT ? d : d->lhs->lhs;
  if (f->transform == TRANSFORM_VARS) {
    dict->flags = DICT_VARS_COPY;
    if (c->assigned == e && c->assigned_to) c->assigned_to->vars_copy = e;  /* d = vars(p) */
  }
  Node *after = e->next;
  uint32_t pos = e->pos, len = e->len;
  *e = *d;
  e->next = after;
  e->pos = pos, e->len = len;  /* an error about the dict points at the call */
  return check_expr(c, e, expect);
}

bool refuse_vars_store(Ctx *c, Node *container, const char *how) {
  Sym *y = container->kind == EX_NAME ? container->sym : NULL;
  Node *copy = y ? (y->vars_copy ? y->vars_copy : flow_base(y)->vars_copy) : NULL;
  if (container->kind == EX_DICT && (container->flags & DICT_VARS_COPY)) copy = container;
  if (!copy) return false;
  error_at(c, container, "%s vars(...)'s dict would not reach the object: here vars() gives a copy of its "
           "fields (line %d); set the attribute instead", how, line_of(copy));
  return true;
}

/* P of a call P(...) that names a named tuple: its Sym, else NULL. */
static Sym *named_tuple_callee(Ctx *c, Node *callee) {
  Sym *y = callee->kind == EX_NAME ? find_name(c, callee->name) : NULL;
  while (y && y->target) y = y->target;
  return y && y->kind == SYM_TYPEALIAS && y->named ? y : NULL;
}

/* `*x` among P(...)'s arguments, `pos` fields given before it: the
 * arguments it stands for, spliced into the call's (*n of them); NULL
 * after an error. x a tuple: its items; a list or tuple[T, ...]: an item
 * for each field left (P.__new__'s TypeError where the count differs,
 * where it runs), which the star must be the last argument to fill. */
static Node **star_fields(Ctx *c, Node *e, Node *a, NamedTuple *nt, int pos, int *n) {
  Type *t = check_expr(c, a->lhs, NULL);
  if (is_err(t)) return NULL;
  Node **items;
  if (t->kind == TY_LIST || t->kind == TY_VARTUPLE) {
    Param *params = arena_alloc(c->p->arena, (nt->nfields + 1) * sizeof *params);  /* [0]: __new__'s cls */
    for (int i = 0; i < nt->nfields; i++) {
      params[i + 1].name = nt->fields[i];
      params[i + 1].dflt = nt->defaults[i];
    }
    if (!star_fills(c, e, a, params, nt->nfields + 1, pos + 1)) return NULL;
    const char *fname = arena_printf(c->p->arena, "%s.__new__", nt->name);
    items = star_list_items(c, a, params, nt->nfields + 1, pos + 1, fname, n);
  } else if (!(items = star_items(c, a, n))) {
    return NULL;
  }
  splice_args(e, a, items, *n);
  return items;
}

/* One argument x of P(...) (a keyword, or the next positional one) bound
 * to its field; false after an error. */
static bool bind_field(Ctx *c, NamedTuple *nt, Node *x, int *pos, CallInfo *ci) {
  int k = x->kind == ND_KEYWORD ? -1 : (*pos)++;
  for (int i = 0; x->kind == ND_KEYWORD && i < nt->nfields; i++)
    if (strcmp(nt->fields[i], x->name) == 0) k = i;
  const char *bad = is_double_star(x)     ? "takes no '**' arguments yet"
                    : k >= nt->nfields  ? "takes more positional arguments than it has fields"
                    : k < 0             ? arena_printf(c->p->arena, "got an unexpected keyword argument '%s'", x->name)
                    : ci->args[k]       ? arena_printf(c->p->arena, "got multiple values for argument '%s'", nt->fields[k])
                                        : NULL;
  if (bad) {
    error_at(c, x, "%s() %s", nt->name, bad);
    return false;
  }
  ci->args[k] = x->kind == ND_KEYWORD ? x->rhs : x;
  return true;
}

/* Binds the arguments of P(...) to nt's fields as P.__new__ binds them:
 * by position (a `*x`'s items among them), then by name, then the
 * defaults. False after an error. */
static bool bind_fields(Ctx *c, Node *e, NamedTuple *nt, CallInfo *ci) {
  int pos = 0;
  bool ok = true;
  for (Node *a = e->args, *next; a; a = next) {
    next = a->next;
    int nstar = 1;
    Node **items = a->kind == EX_STARRED && !is_double_star(a) ? star_fields(c, e, a, nt, pos, &nstar) : &a;
    for (int j = 0; items && j < nstar; j++) ok &= bind_field(c, nt, items[j], &pos, ci);
    ok &= items != NULL;
  }
  if (!ok) return false;
  const char *names = NULL;
  int n = 0, lacking = 0;
  for (int i = 0; i < nt->nfields; i++) lacking += !ci->args[i] && !nt->defaults[i];
  for (int i = 0; i < nt->nfields; i++) {
    if (!ci->args[i]) ci->args[i] = nt->defaults[i];
    if (!ci->args[i]) names = name_listed(c, names, nt->fields[i], n++, lacking);
  }
  if (names)
    error_at(c, e, "%s.__new__() missing %d required positional argument%s: %s", nt->name, n, n == 1 ? "" : "s", names);
  return !names;
}

/* Does each field of named tuple t get the tuple of values of its type
 * (got[i] a tuple[T, ...] of T the field's): the columns of rows of t. */
static bool are_columns(const Type *t, Type **got) {
  for (int i = 0; i < t->nitems; i++)
    if (got[i]->kind != TY_VARTUPLE || !assignable(t->items[i], got[i]->elem)) return false;
  return true;
}

/* The errors of the fields of class-form named tuple t not given their
 * declared types (got). */
static Type *field_errors(Ctx *c, NamedTuple *nt, const Type *t, CallInfo *ci, Type **got) {
  for (int i = 0; i < nt->nfields; i++)
    if (!assignable(t->items[i], got[i]) && !is_err(got[i]))
      error_at(c, ci->args[i], "field '%s' of %s is %s, not %s", nt->fields[i], nt->name, a_type(c, t->items[i]),
               tn(c, got[i]));
  return T(TY_ERROR);
}

/* P(x, y=...) of named tuple P: a tuple of P's type. A call of the
 * functional form (namedtuple("P", ...)) whose field types no call gave
 * yet gives them its arguments' types, for the next run (check_flow.c). */
static Type *call_named_tuple(Ctx *c, Node *e, Sym *y) {
  NamedTuple *nt = y->named;
  Type *t = resolve_annotation(c->p, c->m, e->lhs);
  Node *a = e->args;
  bool columns = a && a->kind == EX_STARRED && !is_double_star(a) && !a->next;  /* P(*cols), before bind splices */
  CallInfo *ci = new_call(c, e, CALL_NAMED_TUPLE, nt->nfields);
  if (is_err(t) || !bind_fields(c, e, nt, ci)) {
    for (Node *a = e->args; a; a = a->next)
      check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a->kind == EX_STARRED ? a->lhs : a, NULL);
    return set_type(e, T(TY_ERROR));
  }
  bool unknown = false, other = false;
  for (int i = 0; i < nt->nfields; i++) unknown |= t->items[i]->kind == TY_UNKNOWN;
  Type **got = arena_alloc(c->p->arena, (nt->nfields ? nt->nfields : 1) * sizeof *got);
  for (int i = 0; i < nt->nfields; i++) {
    got[i] = check_expr(c, ci->args[i], unknown ? NULL : t->items[i]);
    if (unknown || assignable(t->items[i], got[i]) || is_err(got[i])) continue;
    other = true;
  }
  /* The functional form's fields take any types, as Python's; the class form's the declared ones, or
     each the tuple of its column (`Transition(*zip(*transitions))`): a tuple of fields of other types
     than the name's (its first call's) is another instance of the named tuple, which its name does not
     stand for. */
  if (other && nt->anns && !(columns && are_columns(t, got)))
    return set_type(e, field_errors(c, nt, t, ci, got));
  if (other) return set_type(e, type_named_tuple(c->p, nt, got));
  if (unknown && !named_tuple_learn(c->p, nt, type_tuple(c->p, got, nt->nfields)))
    return set_type(e, error_at(c, e, "the types of %s's fields are not known from this call: declare it as a "
                                      "class %s(NamedTuple) with annotated fields", nt->name, nt->name));
  return set_type(e, t);
}

/* g of a call f.name(...) where f names a def (or m.f a module's) with
 * attribute `name` (Func.attrs), else NULL. */
static Func *func_attr_callee(Ctx *c, Node *callee) {
  if (callee->kind != EX_ATTR) return NULL;
  Node *fx = callee->lhs;
  Sym *y = NULL;
  if (fx->kind == EX_NAME) y = find_name(c, fx->name);
  if (fx->kind == EX_ATTR && fx->lhs->kind == EX_NAME) {
    Sym *m = find_name(c, fx->lhs->name);
    while (m && m->target) m = m->target;
    y = m && m->kind == SYM_MODULE ? scope_find(&m->mod->globals, fx->name) : NULL;
  }
  while (y && y->target) y = y->target;
  for (FuncAttr *a = y && y->kind == SYM_FUNC ? y->fn->attrs : NULL; a; a = a->next)
    if (strcmp(a->name, callee->name) == 0) return a->fn;
  return NULL;
}

/* `**obj.__dict__` among a call's arguments (obj a name of an object of a
 * class of the program): a keyword argument per field, `name=obj.name`,
 * in the fields' order, as Python's instance dict gives them
 * (`fmtstr.format(**self.__dict__)`). */
static void spread_fields(Ctx *c, Node *e) {
  Node **link = &e->args;
  while (*link) {
    Node *a = *link, *d = a->kind == EX_STARRED && a->op == OP_POW ? a->lhs : NULL;
    bool fields = d && d->kind == EX_ATTR && strcmp(d->name, "__dict__") == 0 && d->lhs->kind == EX_NAME;
    Type *t = fields ? check_expr(c, d->lhs, NULL) : NULL;
    if (!t || t->kind != TY_CLASS || t->cls->is_extern) {
      link = &a->next;
      continue;
    }
    need_fields(c, t->cls);
    Node *after = a->next;
    for (int i = 0; i < t->cls->nfields; i++) {
      Node *obj = ast_new(c->p->arena, EX_NAME, d->file, d->lhs->pos, d->lhs->len);
      Node *field = ast_new(c->p->arena, EX_ATTR, d->file, d->pos, d->len);
      Node *kw = ast_new(c->p->arena, ND_KEYWORD, a->file, a->pos, a->len);
      obj->name = d->lhs->name;
      field->lhs = obj;
      field->name = kw->name = t->cls->fields[i].name;
      kw->rhs = field;
      *link = kw;
      link = &kw->next;
    }
    *link = after;
  }
}

/* K.apply(x, 2.0) of an autograd Function K: PyTorch's apply takes its
 * inputs by position only. */
static Type *call_apply(Ctx *c, Node *e, Func *apply) {
  for (Node *a = e->args; a; a = a->next)
    if (a->kind == ND_KEYWORD) {
      error_at(c, a, "TypeError: %s() takes no keyword arguments (%s passes its inputs by position)", apply->name,
               apply->qname);
      for (a = e->args; a; a = a->next) check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a, NULL);
      return set_type(e, T(TY_ERROR));
    }
  return call_func(c, e, apply);
}

/* obj.name(args) where obj's class says `name = f` (f a def of its
 * module): Python's bound method, the call f(obj, args), which e becomes
 * in place (no callee: CALL_CONVERTED, a second check keeps it). */
static Type *call_alias_method(Ctx *c, Node *e, Func *f, Type *expect) {
  Node *recv = e->lhs->lhs;
  recv->next = e->args;
  e->args = recv;
  e->lhs = NULL;
  e->flags |= CALL_CONVERTED;
  return call_func_expecting(c, e, f, expect);
}

/* ---- uses of a union of classes ------------------------------------------ */

/* Has k, the class a union's members derive (NULL: none), the method or
 * field `name`, which runs for each member as its own? */
static bool union_shares(Ctx *c, ClassInfo *k, const char *name) {
  if (!k) return false;
  need_fields(c, k);
  return find_field(k, name) || class_method(k, name) || class_method_alias(k, name);
}

/* A name of the given type, whatever the program's names say. */
static Node *given_name(Ctx *c, const Node *at, const char *name, Type *t) {
  Node *n = ast_name(c->p->arena, at, name);
  n->flags |= NAME_TYPE_GIVEN;
  n->ty = t;
  return n;
}

/* `isinstance(recv, M)` of member m (a class), at the use. */
static Node *member_test(Ctx *c, const Node *call, const Node *recv, Type *m) {
  Type *fn = type_new(c->p, TY_BUILTIN), *k = type_new(c->p, TY_CLASSREF);
  fn->builtin = BI_ISINSTANCE;
  k->cls = m->cls;
  Node *test = ast_new(c->p->arena, EX_CALL, call->file, call->pos, call->len);
  test->lhs = given_name(c, call, "isinstance", fn);
  test->args = ast_copy(c->p->arena, recv);
  test->args->next = given_name(c, call, m->cls->name, k);
  return test;
}

/* What a union call's member raises where it runs in place of a call
 * that does not check (CALL_MISFIT): the error as Python's exception. */
static Node *misfit_call(Ctx *c, const Node *call, const char *why) {
  Node *n = ast_new(c->p->arena, EX_CALL, call->file, call->pos, call->len);
  n->flags |= CALL_CONVERTED | CALL_UNION_MEMBER;
  CallInfo *ci = new_call(c, n, CALL_MISFIT, 0);
  ci->misfit = why;
  set_type(n, T(TY_NONE));
  return n;
}

/* Does an error's message name its exception class ("TypeError: ...")? */
static bool names_exception(const char *msg) {
  const char *colon = strstr(msg, ": ");
  if (!colon || colon - msg < 5 || strncmp(colon - 5, "Error", 5) != 0) return false;
  for (const char *s = msg; s < colon; s++)
    if (!isalnum((unsigned char)*s)) return false;
  return true;
}

/* What Python raises where use runs, which the checker rejects: use
 * checked on a copy, its errors counted, not reported (Ctx.muted), the
 * first one's message, a TypeError unless it names its class; NULL
 * where it checks. */
static const char *trial_misfit(Ctx *c, Node *use, Type *expect) {
  Muted muted = {0}, *outer = c->muted;
  c->muted = &muted;
  check_expr(c, ast_copy(c->p->arena, use), expect);
  c->muted = outer;
  if (!muted.errors) return NULL;
  return names_exception(muted.first) ? muted.first : arena_printf(c->p->arena, "TypeError: %s", muted.first);
}

/* The member m's use e (a copy; name the attribute's, NULL where the
 * receiver is called), checked where the test of m, of first (the
 * receiver, or `(held := recv)`), narrows the receiver to it, its errors
 * counted, not reported: NULL where it checks, else what Python raises
 * where it runs. `model(data)` of an RNN model that takes the hidden
 * state too is a TypeError there, as a method or field the member lacks
 * is an AttributeError. */
static const char *member_misfit(Ctx *c, Node *e, Node *first, const char *name, Type *m, Type *expect) {
  need_fields(c, m->cls);
  if (name && !union_shares(c, m->cls, name))
    return arena_printf(c->p->arena, "AttributeError: '%s' object has no attribute '%s'", m->cls->name, name);
  Flow *saved = c->flow;
  Node *test = member_test(c, e, first, m);
  check_expr(c, test, NULL);
  c->flow = narrow_by(c, test, true, saved);
  const char *why = trial_misfit(c, e, expect);
  flow_restore(c, saved, NULL);
  return why;
}

/* The uses of members i.. of union u: `use if isinstance(recv, M_i)
 * else ...` (the first test's operand first: recv, or `(held := recv)`),
 * the last member's use alone; a member's whose use does not check
 * (misfits[i]) raises. */
static Node *member_uses(Ctx *c, const Node *use, const Node *first, const Node *recv, Type *u,
                         const char **misfits, int i) {
  Node *one = misfits && misfits[i] ? misfit_call(c, use, misfits[i]) : ast_copy(c->p->arena, use);
  if (i == u->nitems - 1) return one;
  Node *x = ast_new(c->p->arena, EX_IFEXP, use->file, use->pos, use->len);
  x->flags |= CALL_UNION_MEMBER;  /* numbers of either type joined keep it (check_ifexp) */
  x->cond = member_test(c, use, i == 0 ? first : recv, u->items[i]);
  x->lhs = one;
  x->rhs = member_uses(c, use, first, recv, u, misfits, i + 1);
  return x;
}

/* recv, which no test narrows (`make(k).size`, `blocks[i](x)`), held in
 * a local of the compiler's, which e reads instead: the first member
 * test assigns it, `isinstance((held := recv), A)`, so that recv is
 * evaluated once, where Python evaluates it. The assignment. */
static Node *hold_receiver(Ctx *c, Node *e, Node *recv) {
  const char *local = compiler_local(c, recv, '|', "held");
  Node *held = ast_new(c->p->arena, EX_NAMEDEXPR, recv->file, recv->pos, recv->len);
  held->depth = recv->depth;
  held->lhs = ast_name(c->p->arena, recv, local);
  Node *read = ast_name(c->p->arena, recv, local);
  if (e->lhs == recv) e->lhs = read;
  else e->lhs->lhs = read;
  held->rhs = recv;
  return held;
}

/* Which members' uses do not check, each what it raises where it runs;
 * NULL where all do, or none (whose errors the uses report). */
static const char **union_misfits(Ctx *c, Node *use, Node *first, const char *name, Type *u, Type *expect) {
  const char **misfits = arena_alloc(c->p->arena, u->nitems * sizeof *misfits);
  int n = 0;
  for (int i = 0; i < u->nitems; i++) {
    misfits[i] = member_misfit(c, use, first, name, u->items[i], expect);
    n += misfits[i] != NULL;
  }
  return n == 0 || n == u->nitems ? NULL : misfits;
}

/* A use of attribute `name` of recv, a union of classes u, that the
 * classes do not share (e a call of recv.name or recv itself, name NULL,
 * or a read of recv.name): one per member, each where an isinstance test
 * narrows recv to it, as a program writes it by hand (`r(x) if
 * isinstance(r, LSTM) else r(x)`). e becomes that conditional
 * expression, whose value joins the members' values. A member whose use
 * does not check raises where it runs, as in Python, where some other
 * member's does (`model(data)` of a Transformer or an RNN model, the
 * program calling it so where it holds the Transformer). NULL where u is
 * no union of classes. */
Type *union_use(Ctx *c, Node *e, Node *recv, const char *name, Type *u, Type *expect) {
  if ((e->flags & CALL_UNION_MEMBER) || u->kind != TY_UNION) return NULL;
  for (int i = 0; i < u->nitems; i++)
    if (u->items[i]->kind != TY_CLASS) return NULL;
  if (name && union_shares(c, union_base(u), name)) return NULL;  /* their base's, which runs each member's own */
  Node *first = recv;
  if (!union_narrowable(c, recv)) {
    first = hold_receiver(c, e, recv);
    recv = first->lhs;
  }
  Node *use = ast_copy(c->p->arena, e);  /* its arguments not checked yet: each member's use checks its own */
  use->flags |= CALL_UNION_MEMBER;
  const char **misfits = union_misfits(c, use, first, name, u, expect);
  Node *next = e->next, *uses = member_uses(c, use, first, recv, u, misfits, 0);
  *e = *uses;
  e->next = next;
  return check_expr(c, e, expect);
}

/* `self.rnn(emb, hidden)` of a field holding an LSTM or a GRU,
 * `net.step(x)` of an `SGDNet | AdamNet` whose classes share no such
 * method: union_use. */
static Type *union_call(Ctx *c, Node *e, Node *recv, Type *u, Type *expect) {
  return union_use(c, e, recv, e->lhs == recv ? NULL : e->lhs->name, u, expect);
}

/* ---- calls of a class a module's attribute of a str names --------------- */

/* The classes of module m whose objects go where `expect` is taken (an
 * `nn.LSTM | nn.GRU`, a base class), by their names in m; n the count. */
static Sym **named_classes(Ctx *c, Module *m, Type *expect, int *n) {
  int cap = 0;
  for (Sym *y = m->globals.syms; y; y = y->next) cap++;
  Sym **found = arena_alloc(c->p->arena, (cap ? cap : 1) * sizeof *found);
  *n = 0;
  for (Sym *y = m->globals.syms; y; y = y->next) {
    Sym *k = y;
    while (k->target) k = k->target;
    if (k->kind == SYM_CLASS && !k->cls->ntvars && y->name[0] != '_' && assignable(expect, k->cls->ty))
      found[(*n)++] = y;
  }
  return found;
}

/* The call of class y of module mod (`nn.LSTM(args)`, a copy of the
 * getattr call e's); *why what it raises where its arguments do not fit
 * (else NULL). */
static Node *named_class_call(Ctx *c, Node *e, Node *mod, Sym *y, Type *expect, const char **why) {
  Node *call = ast_copy(c->p->arena, e);
  Node *callee = ast_new(c->p->arena, EX_ATTR, e->lhs->file, e->lhs->pos, e->lhs->len);
  callee->lhs = ast_copy(c->p->arena, mod);
  callee->lhs->next = NULL;
  callee->name = y->name;
  call->lhs = callee;
  *why = trial_misfit(c, call, expect);
  return *why ? misfit_call(c, e, *why) : call;
}

/* `name == "LSTM"`. */
static Node *names_test(Ctx *c, Node *name, const char *s) {
  Node *test = ast_new(c->p->arena, EX_COMPARE, name->file, name->pos, name->len);
  Node *cmp = ast_new(c->p->arena, ND_CMP, name->file, name->pos, name->len);
  Node *lit = ast_new(c->p->arena, EX_STR, name->file, name->pos, name->len);
  lit->str = s;
  lit->slen = strlen(s);
  cmp->op = OP_EQ;
  cmp->rhs = lit;
  test->lhs = ast_copy(c->p->arena, name);
  test->lhs->next = NULL;
  test->cmps = cmp;
  return test;
}

/* `getattr(nn, rnn_type)(ninp, nhid)` where the place expects a class of
 * nn or a union of them (`self.rnn: nn.LSTM | nn.GRU = ...`), a base
 * (`opt: optim.Optimizer = getattr(optim, name)(params)`): the call of
 * the class the str names where it runs, of the module's classes whose
 * objects the place takes. e becomes `nn.LSTM(...) if rnn_type ==
 * "LSTM" else nn.GRU(...) if ...`, the last branch an AttributeError for
 * a name of none of them; NULL where e is no call of getattr(module, x)
 * of an x other than a literal (x.name's). */
static Type *named_class_call_of(Ctx *c, Node *e, Type *expect) {
  Node *g = e->lhs, *mod = g->args, *name = mod ? mod->next : NULL;
  /* g->lhs is NULL where g was made in place (`self.transformer.wte` of a ModuleDict: its __getattr__) */
  if (!g->lhs || g->lhs->kind != EX_NAME || strcmp(g->lhs->name, builtin_name(BI_GETATTR)) != 0 || !name ||
      name->next || mod->kind == ND_KEYWORD || name->kind == ND_KEYWORD || name->kind == EX_STR)
    return NULL;
  Type *ft = check_expr(c, g->lhs, NULL);
  Type *mt = ft->kind == TY_BUILTIN && ft->builtin == BI_GETATTR ? check_expr(c, mod, NULL) : NULL;
  if (!mt || mt->kind != TY_MODULE) return NULL;
  Type *nt = check_expr(c, name, NULL);
  if (is_err(nt)) return set_type(e, nt);
  if (nt->kind != TY_STR)
    return set_type(e, error_at(c, name, "getattr() takes the attribute's name as a str, not %s", tn(c, nt)));
  if (!rereadable(name))
    return set_type(e, error_at(c, name, "getattr(%s, name)(...) compares the name with each class's: assign it to a "
                                "variable first", mt->mod->name));
  int n = 0;
  bool classes_taken = expect && (expect->kind == TY_CLASS || expect->kind == TY_UNION);
  Sym **classes = classes_taken ? named_classes(c, mt->mod, expect, &n) : NULL;
  if (!n)
    return set_type(e, error_at(c, g, "getattr(%s, name)(...) makes an object of the class of %s that the str names "
                                "where it runs: annotate what the place takes, a class of %s or a union of them "
                                "(`rnn: nn.LSTM | nn.GRU = ...`)", mt->mod->name, mt->mod->name, mt->mod->name));
  Node *next = e->next, *chain = NULL, **tail = &chain;
  const char *why = NULL, *first_why = NULL;
  bool first_base = false;
  int fits = 0;
  for (int i = 0; i < n; i++) {
    Node *x = ast_new(c->p->arena, EX_IFEXP, e->file, e->pos, e->len);
    x->cond = names_test(c, name, classes[i]->name);
    x->lhs = named_class_call(c, e, mod, classes[i], expect, &why);
    fits += !why;
    Sym *k = classes[i];
    while (k->target) k = k->target;
    /* the first class's error, but a base's, which is often not made itself, last */
    bool base = k->cls->ty == expect;
    if (why && (!first_why || (first_base && !base))) {
      const char *plain = strncmp(why, "TypeError: ", 11) == 0 ? why + 11 : why;
      first_why = arena_printf(c->p->arena, "%s: %s", classes[i]->name, plain);
      first_base = base;
    }
    *tail = x;
    tail = &x->rhs;
  }
  if (!fits)
    return set_type(e, error_at(c, e, "no class of %s that the place takes (%s) takes these arguments: %s",
                                mt->mod->name, a_type(c, expect), first_why));
  /* the name, in the message where it runs */
  Node *none = misfit_call(c, e, arena_printf(c->p->arena, "AttributeError: module '%s' has no class '%%.*s' that is %s",
                                              mt->mod->name, a_type(c, expect)));
  CallInfo *ci = none->info;
  ci->args = arena_alloc(c->p->arena, sizeof *ci->args);
  ci->args[0] = ast_copy(c->p->arena, name);
  ci->args[0]->next = NULL;
  ci->nargs = 1;
  check_expr(c, ci->args[0], NULL);
  *tail = none;
  *e = *chain;
  e->next = next;
  return check_expr(c, e, expect);
}

/* ---- calls and class attributes of a class value ------------------------ */

/* The name of class k, at `at`, whatever the program's names say. */
static Node *class_name_at(Ctx *c, const Node *at, ClassInfo *k) {
  Type *ref = type_new(c->p, TY_CLASSREF);
  ref->cls = k;
  return given_name(c, at, k->name, ref);
}

/* How many classes the program's modules have. */
static int class_count(const Program *p) {
  int n = 0;
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) n++;
  return n ? n : 1;
}

/* `value is K`, of K given by its class. */
static Node *is_class_test(Ctx *c, Node *value, ClassInfo *k) {
  Node *test = ast_new(c->p->arena, EX_COMPARE, value->file, value->pos, value->len);
  Node *cmp = ast_new(c->p->arena, ND_CMP, value->file, value->pos, value->len);
  cmp->op = OP_IS;
  cmp->rhs = class_name_at(c, value, k);
  test->lhs = ast_copy(c->p->arena, value);
  test->lhs->next = NULL;
  test->cmps = cmp;
  return test;
}

/* Could a class value be k: a class of the program's own modules (no
 * template, no instance of one), or of the stdlib's that the program
 * takes as a value, whose objects `expect` takes? */
static bool value_class(const Module *m, const ClassInfo *k, const Type *expect) {
  return !k->is_extern && !k->ntvars && !k->generic_of && (!m->is_stdlib || k->as_value) &&
         (!expect || assignable((Type *)expect, k->ty));
}

/* The nearest class every class of ks (n of them) derives; NULL where none. */
static ClassInfo *classes_base(ClassInfo **ks, int n) {
  ClassInfo *base = n ? ks[0] : NULL;
  for (int i = 1; i < n && base; i++) base = common_base_class(base, ks[i]);
  return base;
}

/* The chain `x1 if value is K1 else x2 if value is K2 else raised` of
 * the n classes ks and their uses xs, in place of e; checked. */
static Type *class_chain(Ctx *c, Node *e, Node *value, ClassInfo **ks, Node **xs, int n, const char *raised,
                         Type *expect) {
  Node *next = e->next, *chain = NULL, **tail = &chain;
  for (int i = 0; i < n; i++) {
    Node *x = ast_new(c->p->arena, EX_IFEXP, e->file, e->pos, e->len);
    x->cond = is_class_test(c, value, ks[i]);
    x->lhs = xs[i];
    *tail = x;
    tail = &x->rhs;
  }
  *tail = misfit_call(c, e, raised);
  *e = *chain;
  e->next = next;
  if (!expect && n > 1 && classes_base(ks, n)) expect = classes_base(ks, n)->ty;  /* BasicBlock or Bottleneck: a Module */
  return check_expr(c, e, expect);
}

/* Of the n classes ks (and their uses xs), those the program takes as
 * values (`ResNet(BasicBlock, ...)`), where it takes some: another
 * (a dataclass whose fields take the same arguments) is no block. */
static int taken_as_values(ClassInfo **ks, Node **xs, int n) {
  int kept = 0;
  for (int i = 0; i < n; i++)
    if (ks[i]->as_value) {
      ks[kept] = ks[i];
      xs[kept++] = xs[i];
    }
  return kept ? kept : n;
}

/* `block(in_planes, planes, stride)` of a class value (`block:
 * type[nn.Module]`, torchvision's and pytorch-cifar's `ResNet(BasicBlock,
 * [2, 2, 2, 2])`): the construction of the class it is where it runs,
 * of the program's classes whose objects the place takes and whose
 * construction takes these arguments; another class is a TypeError. */
static Type *class_value_call(Ctx *c, Node *e, Type *expect) {
  if (!rereadable(e->lhs))
    return set_type(e, error_at(c, e->lhs, "a class value is called by testing which class it is: assign it to a "
                                "name first"));
  int n = 0;
  ClassInfo **ks = arena_alloc(c->p->arena, class_count(c->p) * sizeof *ks);
  Node **calls = arena_alloc(c->p->arena, class_count(c->p) * sizeof *calls);
  const char *first_why = NULL;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (!value_class(m, k, expect)) continue;
      Node *call = ast_copy(c->p->arena, e);
      call->next = NULL;
      call->lhs = class_name_at(c, e->lhs, k);
      const char *why = trial_misfit(c, call, expect);
      if (why && !first_why) first_why = arena_printf(c->p->arena, "%s: %s", k->name, why);
      if (why) continue;
      ks[n] = k;
      calls[n++] = call;
    }
  n = taken_as_values(ks, calls, n);
  if (!n)
    return set_type(e, error_at(c, e, "no class of the program %stakes these arguments%s%s",
                                expect ? arena_printf(c->p->arena, "whose objects go here (%s) ", a_type(c, expect)) : "",
                                first_why ? ": " : "", first_why ? first_why : ""));
  Node *value = e->lhs;
  return class_chain(c, e, value, ks, calls, n, "TypeError: the class value names a class these arguments do not make",
                     expect);
}

/* `block.expansion` of a class value: the class attribute of the class
 * it is where it runs, of the program's classes that have one of that
 * name (one type); another class is an AttributeError. */
Type *class_value_attr(Ctx *c, Node *e, Type *expect) {
  if (!rereadable(e->lhs))
    return set_type(e, error_at(c, e, "a class value's attribute is read by testing which class it is: assign the "
                                "class to a name first"));
  int n = 0;
  ClassInfo **ks = arena_alloc(c->p->arena, class_count(c->p) * sizeof *ks);
  Node **reads = arena_alloc(c->p->arena, class_count(c->p) * sizeof *reads);
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (!value_class(m, k, NULL) || !class_attr(k, e->name)) continue;
      Node *read = ast_new(c->p->arena, EX_ATTR, e->file, e->pos, e->len);
      read->lhs = class_name_at(c, e->lhs, k);
      read->name = e->name;
      ks[n] = k;
      reads[n++] = read;
    }
  n = taken_as_values(ks, reads, n);
  if (!n) return set_type(e, error_at(c, e, "no class of the program has a class attribute '%s'", e->name));
  Node *value = e->lhs;
  const char *raised = arena_printf(c->p->arena, "AttributeError: the class value has no attribute '%s'", e->name);
  return class_chain(c, e, value, ks, reads, n, raised, expect);
}

static Type *check_call_kind(Ctx *c, Node *e) {
  Node *callee = e->lhs;
  Type *expect = c->call_expect;
  c->call_expect = NULL;
  if (e->flags & CALL_CONVERTED) return e->ty;  /* made in place: convert_arg, call_builtins_def */
  Type *by_name = callee->kind == EX_CALL ? named_class_call_of(c, e, expect) : NULL;
  if (by_name) return by_name;
  spread_fields(c, e);
  if (is_super_init(c, e)) {
    new_call(c, e, CALL_NOTHING, 0);
    return set_type(e, T(TY_NONE));
  }
  Node *sup = super_receiver(callee);
  if (sup) return call_super(c, e, sup);
  Func *attr = func_attr_callee(c, callee);
  if (attr) return call_func_expecting(c, e, attr, expect);
  if (callee->kind == EX_ATTR) {
    Type *own = check_expr(c, callee->lhs, NULL);
    if (own->kind == TY_UNION) {
      Type *r = union_call(c, e, callee->lhs, own, expect);
      if (r) return r;
    }
    Type *rt = union_receiver(callee->lhs, not_none(c, callee->lhs, own));
    if (is_err(rt)) {
      note_attr(c, callee->lhs, callee->name);
      flow_instance_call(c, e);
      goto args_only;
    }
    if (rt->kind == TY_CLASS) need_fields(c, rt->cls);
    if (rt->kind == TY_CLASS && !find_field(rt->cls, callee->name)) {  /* a field is called below: self.fc1(x) */
      Func *f = class_method(rt->cls, callee->name);
      if (f && f->is_static) return static_called(c, e, f, rt->cls, callee->lhs);
      if (f && f->declares_command) return command_called(e, call_method(c, e, f, callee->lhs));
      if (f && f->declares) return check_declared_call(c, e, f, callee->lhs);
      if (f && !f->is_property && f->ret->kind == TY_ANY)  /* x.tolist() */
        return any_result(c, e, f, call_method(c, e, f, callee->lhs), expect);
      if (f && !f->is_property) return call_method(c, e, f, callee->lhs);
      Func *alias = f ? NULL : class_method_alias(rt->cls, callee->name);
      if (alias) return call_alias_method(c, e, alias, expect);
      if (!f && !class_method(rt->cls, "__getattr__"))  /* with it, the attribute is called below */
        return set_type(e, error_at(c, callee, "'%s' has no method '%s'", rt->cls->name, callee->name));
    }
    if (rt->kind == TY_STR && strcmp(callee->name, "format") == 0) return check_str_format(c, e, callee->lhs);
    if (rt->kind == TY_TUPLE || rt->kind == TY_VARTUPLE) return call_tuple_method(c, e, callee, rt);
    if (rt->kind == TY_STR || rt->kind == TY_LIST || rt->kind == TY_DICT || rt->kind == TY_SET ||
        rt->kind == TY_GENERATOR) {
      const BMethod *bm = bmethod_for_args(rt->kind, callee->name, positional_count(e->args));
      if (bm) return call_bmethod(c, e, bm, callee->lhs, rt);
      return set_type(e, error_at(c, callee, "%s has no method '%s'", tn(c, rt), callee->name));
    }
    Func *apply = NULL;
    Type *at = rt->kind == TY_CLASSREF ? autograd_apply(c, rt->cls, callee->name, &apply) : NULL;
    if (at && is_err(at)) goto args_only;
    if (apply) return call_apply(c, e, apply);
    Func *sf = rt->kind == TY_CLASSREF ? class_method(rt->cls, callee->name) : NULL;
    if (sf && sf->is_static && sf->cls_param) abstract_factory_call(c, e, sf);
    if (sf && sf->is_static) return call_func(c, e, sf);  /* Point.origin() of a @staticmethod */
    if (rt->kind != TY_MODULE && rt->kind != TY_CLASS)
      return set_type(e, error_at(c, callee, "a value of type %s has no method '%s'", tn(c, rt), callee->name));
  }
  Sym *named = named_tuple_callee(c, callee);
  if (named) return call_named_tuple(c, e, named);
  c->callee = true;  /* a function's name stays one: called directly, with keywords and defaults */
  Type *ft = check_expr(c, callee, NULL);
  switch (ft->kind) {
  case TY_FUNC:
    if (ft->fn->transform == TRANSFORM_VARS || ft->fn->transform == TRANSFORM_ASDICT)
      return fields_dict_call(c, e, ft->fn, expect);
    if (ft->fn->keeps_function)
      return set_type(e, error_at(c, e, "%s() is a decorator: write '@%s(f)' above a def", ft->fn->qname, ft->fn->qname));
    if (ft->fn->ret->kind == TY_ANY) return call_any_result(c, e, ft->fn, expect);
    if (ft->fn->binds_args) return call_partial(c, e, ft->fn);
    if (ft->fn->getter) return getter_lambda(c, e, ft->fn, expect);
    Type *r = call_func_expecting(c, e, ft->fn, expect);
    if (needs_lambda_value(ft->fn)) flow_builtin_called(c, e);  /* through a name a library function is stored in */
    return r;
  case TY_CALLABLE: return call_value(c, e, ft);
  case TY_CLASSREF:
    if (ft->cls->ntvars) {  /* Stack(): the instance its arguments, or the type expected, name */
      ClassInfo *k = ft->cls->protocol == PROTO_LOADER ? loader_instance(c, e, ft->cls) : ctor_instance(c, e, ft->cls, expect);
      return k ? call_ctor(c, e, k) : set_type(e, T(TY_ERROR));
    }
    return call_ctor(c, e, ft->cls);
  case TY_BUILTIN:
    if (!e->args && empty_value(e, ft->builtin)) return check_expr(c, e, expect);
    if (keyword_dict(c, e, ft->builtin)) return check_expr(c, e, expect);
    Type *t = check_builtin_call(c, e, ft->builtin);
    flow_builtin_called(c, e);  /* through a name the builtin is stored in */
    return t;
  case TY_CLASS:
    if (class_object_class(ft)) return class_value_call(c, e, expect);  /* block(in_planes, planes) */
    return call_instance(c, e, ft);
  case TY_ERROR: goto args_only;
  case TY_UNION: {
    Type *r = union_call(c, e, callee, ft, expect);
    if (r) return r;
  }
  /* fall through */
  default: return set_type(e, error_at(c, callee, "a value of type %s is not callable", tn(c, ft)));
  }
args_only:  /* `f(*args)` of an f not typed yet: what a star spreads is checked, no place of it */
  for (Node *a = e->args; a; a = a->next)
    check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a->kind == EX_STARRED ? a->lhs : a, NULL);
  return set_type(e, T(TY_ERROR));
}

Type *check_call(Ctx *c, Node *e) {
  Type *outer = c->result_expect;
  c->result_expect = c->call_expect;
  bool member_args = c->member_args;
  c->member_args = (e->flags & CALL_UNION_MEMBER) != 0;
  Type *t = check_call_kind(c, e);
  c->member_args = member_args;
  c->result_expect = outer;
  flow_called(c, e);  /* a .gtp function may assign fields narrowed before */
  return t;
}

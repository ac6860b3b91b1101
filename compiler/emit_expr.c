/* emit_expr.c - expressions as C expressions: operators, comparisons,
 * displays, f-strings and comprehensions.
 *
 * ex() turns one expression node into a Val; it moves a sub-expression into
 * a statement only where emit_value.c's rules ask (order of calls, release
 * of a new reference, the location of a failure). Calls have a file of
 * their own, emit_call.c; a comprehension's loops are emit_loop.c's.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ---- expressions ------------------------------------------------------------ */

static const char *some_named(E *e, Node *n, const char *read, const char *what);

/* Is t, the type a read of variable y has, a class y's own type (or
 * its Optional's) derives: an isinstance test narrowed it (check_flow.c)? */
static bool narrowed_class(const Sym *y, const Type *t) {
  const Type *own = y->ty ? type_settled((Type *)y->ty) : NULL;
  if (own && own->kind == TY_OPTIONAL) own = own->elem;
  return own && own->kind == TY_CLASS && t->kind == TY_CLASS && own->cls != t->cls;
}

/* The union that variable y holds (or an Optional of), or NULL. */
static Type *union_of_var(const Sym *y) {
  Type *own = y->ty ? type_settled((Type *)y->ty) : NULL;
  if (own && own->kind == TY_OPTIONAL) own = own->elem;
  return own && own->kind == TY_UNION ? own : NULL;
}

/* A read of a union variable (C `v`) that a test or an assignment
 * narrowed to one member, t (or a class deriving the member's). */
static Val union_read(E *e, const char *v, Type *u, Type *t) {
  if (t->kind == TY_NUMBER) return val(fmt(e, "gt_union_num(%s)", v), t, false);  /* an int | float of an int | float | str */
  Type *m = union_member(u, t);
  if (!m) return val(fmt(e, "((%s)gt_union_object(%s))", ctype(e, t), v), t, false);  /* p.speak() of a Dog | Cat */
  if (m != t && (t->kind == TY_BOOL || t->kind == TY_INT)) m = t;  /* True of an int | str: kept as a bool */
  const char *c = union_value(e, v, m);
  return val(m == t ? c : fmt(e, "((%s)%s)", ctype(e, t), c), t, false);
}

/* A variable's C name, cast where an isinstance test narrowed its class;
 * a module's __name__ is a constant. */
static Val ex_name(E *e, Node *n) {
  const Sym *y = n->sym;
  if ((n->flags & EXPR_MAYBE_UNBOUND) && y->bound_cname)  /* UnboundLocalError where no path assigned it */
    return failing(e, n, val(fmt(e, "(gt_check_bound(%s, %s, %s), %s)", y->bound_cname, c_quote(e, y->name),
                                 y->kind == SYM_GLOBAL ? "false" : "true", var_c(e, y)), n->ty, false));
  if (y->kind == SYM_FUNC && n->ty->kind == TY_CALLABLE) return val(fmt(e, "&%s_value", y->cname), n->ty, false);
  if (n->flags & NAME_NARROW_CHECKED)  /* tested not None, but a call may have set it None since */
    return val(some_named(e, n, var_c(e, y), y->name), n->ty, false);
  Type *u = y->kind != SYM_MODNAME ? union_of_var(y) : NULL;
  if (u && n->ty->kind != TY_UNION && n->ty->kind != TY_OPTIONAL && n->ty->kind != TY_NONE && n->ty->kind != TY_ERROR)
    return union_read(e, var_c(e, y), u, n->ty);  /* h of `if isinstance(h, Tensor):` */
  if (y->kind != SYM_MODNAME && narrowed_class(y, n->ty))  /* m of `if isinstance(m, nn.Linear):` */
    return val(fmt(e, "((%s)%s)", ctype(e, n->ty), var_c(e, y)), n->ty, false);
  if (y->kind != SYM_MODNAME) return val(var_c(e, y), n->ty, false);
  const char *name = y->mod->is_main ? "__main__" : y->mod->name;
  return val(str_literal(e, name, strlen(name)), n->ty, false);
}

static Val ex_fstring(E *e, Node *n);
static Val ex_percent(E *e, Node *n);
static void format_operand(E *e, Val v, const char **boxed, const char **d);

/* (n := v): v stored into n, as `n = v` does, then n's new value (a
 * number through a temporary: a store nothing reads is left out). */
static Val ex_namedexpr(E *e, Node *n) {
  Val v = ex(e, n->rhs);
  Node *t = n->lhs;
  if (type_is_ref(t->sym->ty)) {
    store(e, t, v);
    return val(var_c(e, t->sym), n->ty, false);
  }
  const char *tmp = new_temp(e, t->sym->ty);
  line(e, "%s = %s;", tmp, coerce(e, v.c, v.ty, t->sym->ty));
  store(e, t, val(tmp, t->sym->ty, false));
  return val(tmp, n->ty, false);
}

static const char *some_named(E *e, Node *n, const char *read, const char *what);

/* An Optional field that check narrowed to its T (`self.h` after `if
 * self.h is not None`), read with a check that it still is not None. */
static const char *some(E *e, Node *n, const char *read) {
  return some_named(e, n, read, n->lhs->kind == EX_NAME ? fmt(e, "%s.%s", n->lhs->name, n->name) : n->name);
}

/* The same for `what` (a field, or a variable a call may set None). */
static const char *some_named(E *e, Node *n, const char *read, const char *what) {
  what = c_quote(e, what);
  switch (n->ty->kind) {
  case TY_INT: return fmt(e, "gt_some_int(%s, %s)", read, what);
  case TY_BOOL: return fmt(e, "(bool)gt_some_int(%s, %s)", read, what);
  case TY_FLOAT: return fmt(e, "gt_some_float(%s, %s)", read, what);
  case TY_NUMBER: return fmt(e, "gt_some_num(%s, %s)", read, what);
  default: return fmt(e, "((%s)gt_some(%s, %s))", ctype(e, n->ty), read, what);
  }
}

/* A read of a field that an assignment narrowed to n->ty, a class deriving
 * the field's: checked to hold one still (gt_narrowed), as `some` checks an
 * Optional's. A module's class shows in its type name; a .gtp class's in
 * its class object's chain (none where the program makes no instance). */
static Val narrowed_read(E *e, Node *n, const char *read) {
  ClassInfo *k = n->ty->cls;
  const char *v = stable(e, val(read, ((Field *)n->info)->ty, false)).c;
  const char *is = k->is_extern ? module_is(e, v, k)
                   : has_instances(e->p, k) ? fmt(e, "gt_is_subclass(((gt_obj *)%s)->cls, %s)", v, class_object(e, k))
                                            : "false";
  const char *what = c_quote(e, n->lhs->kind == EX_NAME ? fmt(e, "%s.%s", n->lhs->name, n->name) : n->name);
  return val(fmt(e, "((%s)gt_narrowed(%s, %s, %s, %s))", ctype(e, n->ty), v, is, what, c_quote(e, k->name)), n->ty, false);
}

static Val ex_attr(E *e, Node *n) {
  if (n->flags & ATTR_CLASS) return class_of(e, n->lhs, n->ty);  /* x.__class__ */
  if (n->flags & ATTR_TUPLE_FIELD) {  /* p.x of a named tuple: its item */
    Val o = stable(e, ex(e, n->lhs));
    return val(unbox(e, fmt(e, "%s->items[%" PRId64 "]", o.c, n->ival), n->ty), n->ty, false);
  }
  if (n->flags & ATTR_PROPERTY) {
    Func *f = n->info;
    Val o = ex(e, n->lhs);
    const char *obj = coerce(e, borrow(e, o), o.ty, f->params[0].ty);
    return extern_result(e, f, fmt(e, "%s(%s)", method_cname(f), obj), n->ty);
  }
  if (n->flags & ATTR_CLASS_DISPATCH) {  /* self.expansion: the object's class's (emit.c emit_attr_dispatcher) */
    Val o = ex(e, n->lhs);
    return val(fmt(e, "%s((gt_obj *)%s)", n->sym->dispatch_cname, borrow(e, o)), n->ty, false);
  }
  if (n->flags & ATTR_BOUND) {  /* obj.method as a value: a gt_fn holding obj */
    Func *f = n->info;
    return val(fmt(e, "gt_fn_bind((void (*)(void))%s_code, %s)", f->cname, borrow(e, ex(e, n->lhs))), n->ty, true);
  }
  if (n->info && n->lhs->ty->kind == TY_CLASS && n->lhs->ty->cls->protocol == PROTO_NAMESPACE) {
    Field *f = n->info;  /* args.lr: the namespace's slot of the field */
    const char *obj = borrow(e, ex(e, n->lhs));
    const char *get = fmt(e, "gt_namespace_get(%s, %d, %s)", obj, (int)(f - n->lhs->ty->cls->fields),
                          c_quote(e, f->name));
    Val v = failing(e, n, val(slot_unbox(e, get, f->ty), f->ty, type_is_ref(f->ty)));
    if (f->ty->kind == TY_OPTIONAL && n->ty->kind != TY_OPTIONAL) return val(some(e, n, v.c), n->ty, v.owned);
    return v;
  }
  if (n->info) {  /* a field */
    Field *f = n->info;
    Val o = ex(e, n->lhs);
    const char *obj = arrow(e, borrow(e, f->late ? stable(e, o) : o));
    const char *read = fmt(e, "%s->%s", obj, f->cname);
    if (f->late)  /* AttributeError before the method that assigns it ran */
      read = fmt(e, "(gt_check_attr(%s->%s, %s, %s), %s)", obj, late_flag(e, f), obj, c_quote(e, f->name), read);
    Type *u = f->ty->kind == TY_OPTIONAL ? f->ty->elem : f->ty;
    if (u->kind == TY_UNION && n->ty->kind != TY_UNION && n->ty->kind != TY_OPTIONAL && n->ty->kind != TY_NONE) {
      if (f->ty->kind == TY_OPTIONAL) read = fmt(e, "((gt_dyn *)gt_some(%s, %s))", read, c_quote(e, n->name));
      return union_read(e, stable(e, val(read, u, false)).c, u, n->ty);  /* self.h of `isinstance(self.h, tuple)` */
    }
    if (f->ty->kind == TY_OPTIONAL && n->ty->kind != TY_OPTIONAL) read = some(e, n, read);
    if (f->ty->kind == TY_CLASS && n->ty != f->ty) return narrowed_read(e, n, read);
    return val(read, n->ty, false);
  }
  if (n->lhs->ty->kind == TY_CLASS) borrow(e, ex(e, n->lhs));  /* Config().lr: the object is made all the same */
  return ex_name(e, n);  /* a module's global, or a class attribute */
}

static const char *slice_bound(E *e, Node *b) {
  if (!b) return "GT_NOIDX";
  Val v = stable(e, ex(e, b));
  return v.c;
}

static Val ex_index(E *e, Node *n) {
  Type *ot = n->lhs->ty;
  if (ot->kind == TY_CLASS) return ex_call_func(e, n, n->info);  /* x.__getitem__(...) */
  Val o = stable(e, ex(e, n->lhs));
  Node *ix = n->rhs;
  if (ix->kind == EX_SLICE) {
    const char *lo = slice_bound(e, ix->lo), *hi = slice_bound(e, ix->hi);
    const char *st = ix->step ? slice_bound(e, ix->step) : "1";
    if (ot->kind == TY_TUPLE || ot->kind == TY_VARTUPLE) {  /* the result's type, or its item type */
      bool fixed = n->ty->kind == TY_TUPLE;
      const char *type = fixed ? desc(e, n->ty) : "NULL", *elem = fixed ? "NULL" : desc(e, n->ty->elem);
      return failing(e, n, val(fmt(e, "gt_tuple_slice(%s, %s, %s, %s, %s, %s)", type, elem, o.c, lo, hi, st), n->ty,
                               true));
    }
    const char *fn = ot->kind == TY_STR ? "gt_str_slice" : "gt_list_slice";
    return failing(e, n, val(fmt(e, "%s(%s, %s, %s, %s)", fn, o.c, lo, hi, st), n->ty, true));
  }
  bool constant = ix->kind == EX_INT || (ix->kind == EX_UNARY && ix->op == OP_NEG && ix->lhs->kind == EX_INT);
  if (ot->kind == TY_TUPLE && constant) {  /* else a tuple of one item type, indexed where it runs */
    int64_t k = ix->kind == EX_INT ? ix->ival : -ix->lhs->ival;
    if (k < 0) k += ot->nitems;
    return val(unbox(e, fmt(e, "%s->items[%" PRId64 "]", o.c, k), n->ty), n->ty, false);
  }
  Val i = ex(e, ix);
  if (ot->kind == TY_DICT) {
    const char *k = borrow(e, i);
    return failing(e, n, val(unbox(e, fmt(e, "gt_dict_get(%s, %s)", o.c, box(e, k, ot->key)), n->ty), n->ty, type_is_ref(n->ty)));
  }
  if (ot->kind == TY_STR) return failing(e, n, val(fmt(e, "gt_str_getitem(%s, %s)", o.c, i.c), n->ty, true));
  if (ot->kind == TY_VARTUPLE || ot->kind == TY_TUPLE)
    return failing(e, n, val(unbox(e, fmt(e, "gt_tuple_get(%s, %s)", o.c, i.c), n->ty), n->ty, type_is_ref(n->ty)));
  return failing(e, n, val(unbox(e, fmt(e, "gt_list_get(%s, %s)", o.c, i.c), n->ty), n->ty, type_is_ref(n->ty)));
}

static const char *num(E *e, Val v, const Type *want) { return coerce(e, v.c, v.ty, want); }

/* An operand of a C operator: `a * (b - c)` keeps its parentheses. A text
 * with a space outside brackets and string literals is itself an operation
 * and gets them; so does one starting with `-`, lest `-` `-x` make `--x`. */
const char *tight(E *e, const char *c) {
  int depth = 0;
  bool quoted = false;
  for (const char *s = c; *s; s++) {
    if (quoted) {
      if (*s == '\\' && s[1]) s++;
      else if (*s == '"') quoted = false;
      continue;
    }
    if (*s == '"') quoted = true;
    else if (*s == '(' || *s == '[' || *s == '{') depth++;
    else if (*s == ')' || *s == ']' || *s == '}') depth--;
    else if (*s == ' ' && depth == 0) return fmt(e, "(%s)", c);
  }
  return c[0] == '-' ? fmt(e, "(%s)", c) : c;
}

/* a | b, a & b, a - b, a ^ b of two sets: a new set. */
static Val set_arith(E *e, Op op, Val a, Val b, Type *t) {
  static const char *const fns[] = {[OP_BITOR] = "gt_set_union", [OP_BITAND] = "gt_set_intersection",
                                    [OP_SUB] = "gt_set_difference", [OP_BITXOR] = "gt_set_symmetric_difference"};
  const char *x = borrow(e, a), *y = borrow(e, b);
  return val(fmt(e, "%s(%s, %s)", fns[op], x, y), t, true);
}

/* a | b of dicts: a copy of a, updated by b (Python's dict.__or__: b's
 * value wins, a's key keeps its place) */
static Val dict_union(E *e, Val a, Val b, Type *t) {
  const char *x = borrow(e, stable(e, a)), *y = borrow(e, stable(e, b));
  const char *r = new_temp(e, t);
  line(e, "%s = gt_dict_copy(%s);", r, x);
  line(e, "gt_dict_update(%s, %s);", r, y);
  return temp_result(e, r, t);
}

Val ex_arith(E *e, Node *n, Op op, Val a, Val b) {
  Type *t = n->ty;
  Node *at = n;
  if (t->kind == TY_SET) return set_arith(e, op, a, b, t);
  if (t->kind == TY_DICT) return dict_union(e, a, b, t);
  if (op == OP_MOD && a.ty->kind == TY_STR) {  /* s %= args */
    const char *boxed, *d;
    format_operand(e, stable(e, b), &boxed, &d);
    return failing(e, n, val(fmt(e, "gt_str_percent(%s, %s, %s)", a.c, boxed, d), t, true));
  }
  if (op == OP_ADD && (t->kind == TY_TUPLE || t->kind == TY_VARTUPLE)) {  /* (batch,) + shape */
    const char *x = borrow(e, stable(e, a)), *y = borrow(e, b);
    const char *type = t->kind == TY_TUPLE ? desc(e, t) : "NULL", *elem = t->kind == TY_TUPLE ? "NULL" : desc(e, t->elem);
    return val(fmt(e, "gt_tuple_concat(%s, %s, %s, %s)", type, elem, x, y), t, true);
  }
  if (op == OP_MUL && (t->kind == TY_TUPLE || t->kind == TY_VARTUPLE)) {  /* (0,) * n */
    bool first = a.ty->kind == TY_TUPLE || a.ty->kind == TY_VARTUPLE;
    const char *x = borrow(e, stable(e, first ? a : b)), *k = first ? b.c : a.c;
    const char *type = t->kind == TY_TUPLE ? desc(e, t) : "NULL", *elem = t->kind == TY_TUPLE ? "NULL" : desc(e, t->elem);
    return val(fmt(e, "gt_tuple_repeat(%s, %s, %s, %s)", type, elem, x, k), t, true);
  }
  if (t->kind == TY_STR || t->kind == TY_LIST) {
    const char *k = t->kind == TY_STR ? "str" : "list";
    const char *x = borrow(e, a), *y = borrow(e, b);
    if (op == OP_ADD) return val(fmt(e, "gt_%s_concat(%s, %s)", k, x, y), t, true);
    if (a.ty->kind == t->kind) return failing(e, at, val(fmt(e, "gt_%s_repeat(%s, %s)", k, x, y), t, true));
    return failing(e, at, val(fmt(e, "gt_%s_repeat(%s, %s)", k, y, x), t, true));
  }
  if (a.ty->kind == TY_NUMBER || b.ty->kind == TY_NUMBER) {  /* an int or a float: computed as Python does */
    static const char ops[] = {[OP_ADD] = '+', [OP_SUB] = '-', [OP_MUL] = '*', [OP_DIV] = '/',
                               [OP_FLOORDIV] = 'f', [OP_MOD] = '%', [OP_POW] = 'p'};
    Type *nt = type_prim(TY_NUMBER);
    const char *r = fmt(e, "gt_num_arith('%c', %s, %s)", ops[op], num(e, a, nt), num(e, b, nt));
    return failing(e, at, val(t->kind == TY_FLOAT ? fmt(e, "gt_num_as_float(%s)", r) : r, t, false));
  }
  if (t->kind == TY_FLOAT) {
    const char *x = num(e, a, t), *y = num(e, b, t);
    const char *tx = tight(e, x), *ty = tight(e, y);
    switch (op) {
    case OP_ADD: return val(fmt(e, "%s + %s", tx, ty), t, false);
    case OP_SUB: return val(fmt(e, "%s - %s", tx, ty), t, false);
    case OP_MUL: return val(fmt(e, "%s * %s", tx, ty), t, false);
    case OP_DIV:
      if (a.ty->kind != TY_FLOAT && b.ty->kind != TY_FLOAT)
        return failing(e, at, val(fmt(e, "gt_int_truediv(%s, %s)", a.c, b.c), t, false));
      return failing(e, at, val(fmt(e, "gt_float_div(%s, %s)", x, y), t, false));
    case OP_FLOORDIV: return failing(e, at, val(fmt(e, "gt_float_floordiv(%s, %s)", x, y), t, false));
    case OP_MOD: return failing(e, at, val(fmt(e, "gt_float_mod(%s, %s)", x, y), t, false));
    case OP_POW: return failing(e, at, val(fmt(e, "gt_float_pow(%s, %s)", x, y), t, false));
    default: break;
    }
  }
  const char *x = a.c, *y = b.c;
  if (op == OP_ADD || op == OP_SUB || op == OP_MUL) mark_op(e, at);
  switch (op) {
  case OP_ADD: return val(fmt(e, "gt_int_add(%s, %s)", x, y), t, false);
  case OP_SUB: return val(fmt(e, "gt_int_sub(%s, %s)", x, y), t, false);
  case OP_MUL: return val(fmt(e, "gt_int_mul(%s, %s)", x, y), t, false);
  case OP_FLOORDIV: return failing(e, at, val(fmt(e, "gt_int_floordiv(%s, %s)", x, y), t, false));
  case OP_MOD: return failing(e, at, val(fmt(e, "gt_int_mod(%s, %s)", x, y), t, false));
  case OP_POW: return failing(e, at, val(fmt(e, "gt_int_pow(%s, %s)", x, y), t, false));
  case OP_LSHIFT: return failing(e, at, val(fmt(e, "gt_int_lshift(%s, %s)", x, y), t, false));
  case OP_RSHIFT: return failing(e, at, val(fmt(e, "gt_int_rshift(%s, %s)", x, y), t, false));
  case OP_BITAND: return val(fmt(e, "(%s & %s)", x, y), t, false);
  case OP_BITOR: return val(fmt(e, "(%s | %s)", x, y), t, false);
  case OP_BITXOR: return val(fmt(e, "(%s ^ %s)", x, y), t, false);
  default: break;
  }
  return val("0", t, false);
}

static Val ex_binop(E *e, Node *n) {
  if (n->info) return ex_call_func(e, n, n->info);  /* a class's operator method */
  if (n->op == OP_MOD && n->lhs->ty->kind == TY_STR) return ex_percent(e, n);
  Val a = stable(e, ex(e, n->lhs));
  if (has_call(n->rhs)) a = snapshot(e, a);
  Val b = ex(e, n->rhs);
  return ex_arith(e, n, n->op, a, b);
}

static Val ex_unary(E *e, Node *n) {
  if (n->info) return ex_call_func(e, n, n->info);
  if (n->op == OP_NEG && n->lhs->kind == EX_INT) return val(int_literal(e, -n->lhs->ival), n->ty, false);
  Val v = ex(e, n->lhs);
  switch (n->op) {
  case OP_NOT: return val(fmt(e, "!%s", tight(e, truth(e, v))), n->ty, false);
  case OP_NEG:
    if (n->ty->kind == TY_FLOAT) return val(fmt(e, "-%s", tight(e, v.c)), n->ty, false);
    if (n->ty->kind == TY_NUMBER) return failing(e, n, val(fmt(e, "gt_num_neg(%s)", v.c), n->ty, false));
    mark_op(e, n);
    return val(fmt(e, "gt_int_neg(%s)", v.c), n->ty, false);
  case OP_POS: return val(fmt(e, "(%s)%s", ctype(e, n->ty), v.c), n->ty, false);
  case OP_INVERT: return val(fmt(e, "~(int64_t)%s", v.c), n->ty, false);
  default: return v;
  }
}

/* Emitting a sub-expression into a buffer of its own, to learn whether it
 * needs statements (then it goes inside an `if` of its own). */
void capture_begin(E *e, Capture *cap) {
  settle_at(e);
  cap->saved = e->f->body;
  cap->saved_indent = e->f->indent;
  cap->mark = e->f->npending;
  e->f->body = (Buf){0};
  e->f->indent = 1;
}

/* Ends the capture; returns the captured statements (caller frees). */
Buf capture_end(E *e, Capture *cap) {
  Buf got = e->f->body;
  e->f->body = cap->saved;
  e->f->indent = cap->saved_indent;
  return got;
}

/* Emits captured statements inside a block at the current indentation. */
void splice(E *e, Buf *stmts) {
  if (!stmts->len) return;
  char *s = stmts->data;
  while (*s) {
    char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    /* captured lines were indented for depth 1 */
    const char *text = s;
    if (len >= 2 && text[0] == ' ' && text[1] == ' ') text += 2, len -= 2;
    buf_printf(&e->f->body, "%*s%.*s\n", 2 * e->f->indent, "", (int)len, text);
    s = nl ? nl + 1 : s + strlen(s);
  }
}

/* `a and b` / `a or b`. */
/* res = x's value, computed inside the branch that needs it (its
 * temporaries released there); `replace`: res holds a reference already. */
static void branch_value(E *e, const char *res, Node *x, Type *ty, bool replace) {
  int mark = e->f->npending;
  Val v = ex(e, x);
  if (never_returns(x)) {  /* sys.exit(1), a union call's member that raises: no value */
    discard_none(e, v);
    flush(e, mark);
    return;
  }
  bool ref = type_is_ref(ty);
  /* coerced: `B() if c else A()` of two classes goes in their base's variable */
  Val o = ref ? owned_as(e, v, ty) : v;
  if (ref && replace) line(e, "%s = gt_replace(%s, %s);", res, res, coerce(e, o.c, o.ty, ty));
  else line(e, "%s = %s;", res, coerce(e, o.c, o.ty, ty));
  flush(e, mark);
}

static Val ex_boolop(E *e, Node *n) {
  Val a = ex(e, n->lhs);
  bool is_and = n->op == OP_AND;
  if (n->ty->kind == TY_BOOL) {
    const char *ta = truth(e, a);
    Capture cap;
    capture_begin(e, &cap);
    Val b = ex(e, n->rhs);
    const char *tb = truth(e, b);
    int mark = cap.mark;
    bool needs_stmts = e->f->body.len || e->f->npending > mark;
    /* `true and b` is b: a test the checker decided (isinstance of a static
     * type, a match statement's sequence test). */
    bool a_decides_nothing = strcmp(ta, is_and ? "true" : "false") == 0;
    if (!needs_stmts) {
      Buf none = capture_end(e, &cap);
      buf_free(&none);
      if (a_decides_nothing) return val(tb, n->ty, false);
      return val(fmt(e, "(%s %s %s)", ta, is_and ? "&&" : "||", tb), n->ty, false);
    }
    const char *r = new_temp(e, n->ty);
    line(e, "%s = %s;", r, tb);
    flush(e, mark);
    Buf stmts = capture_end(e, &cap);
    if (a_decides_nothing) {
      splice(e, &stmts);
      buf_free(&stmts);
      return val(r, n->ty, false);
    }
    const char *res = new_temp(e, n->ty);
    line(e, "%s = %s;", res, ta);
    line(e, "if (%s%s) {", is_and ? "" : "!", res);
    e->f->indent++;
    splice(e, &stmts);
    line(e, "%s = %s;", res, r);
    e->f->indent--;
    line(e, "}");
    buf_free(&stmts);
    forget_at(e);
    return val(res, n->ty, false);
  }
  if (n->ty->kind == TY_NONE) {  /* None and x is None; None or x is x, a None */
    discard_none(e, a);
    if (!is_and) {
      int mark = e->f->npending;
      discard_none(e, ex(e, n->rhs));
      flush(e, mark);
    }
    return val("NULL", n->ty, false);
  }
  /* Other types: the result is one of the operands, as in Python. */
  const char *res = new_temp(e, n->ty);
  bool ref = type_is_ref(n->ty);
  line(e, "%s = %s;", res, ref ? owned_as(e, a, n->ty).c : coerce(e, a.c, a.ty, n->ty));
  /* the left operand's truth, of its own type: `x or default` of an Optional x */
  line(e, "if (%s%s) {", is_and ? "" : "!", truth(e, val(res, a.ty, false)));
  e->f->indent++;
  branch_value(e, res, n->rhs, n->ty, true);
  e->f->indent--;
  line(e, "}");
  forget_at(e);
  if (ref) release_later(e, res);
  return val(res, n->ty, false);
}

/* `v is None`: an Optional's None (emit_value.c's present), or a NULL
 * reference (a tensor's .grad before backward); a number, a bool or
 * anything else is never None. */
static const char *none_test(E *e, bool is, Val v) {
  const char *x = borrow(e, v);
  if (v.ty->kind == TY_OPTIONAL) {
    x = stable(e, val(x, v.ty, false)).c;
    return fmt(e, "%s%s", is ? "!" : "", present(e, x, v.ty));
  }
  if (type_is_ref(v.ty)) return fmt(e, "(%s %s NULL)", x, is ? "==" : "!=");
  line(e, "(void)%s;", tight(e, x));
  return is ? "false" : "true";
}

/* `a is b`: None is only itself; references are the same object when they
 * are the same pointer; values of different types are never the same
 * object; numbers of one type compare by value. */
static const char *identity_c(E *e, bool is, Val a, Val b) {
  bool an = a.ty->kind == TY_NONE, bn = b.ty->kind == TY_NONE;
  if (an && bn) return is ? "true" : "false";
  if (an || bn) return none_test(e, is, an ? b : a);
  const char *x = borrow(e, a), *y = borrow(e, b);
  if (type_is_ref(a.ty) && type_is_ref(b.ty)) return fmt(e, "((void *)%s %s (void *)%s)", x, is ? "==" : "!=", y);
  if (a.ty->kind == b.ty->kind) return fmt(e, "(%s %s %s)", x, is ? "==" : "!=", y);
  line(e, "(void)%s;", tight(e, x));
  line(e, "(void)%s;", tight(e, y));
  return is ? "false" : "true";
}

/* An int (or bool) against a float, exactly: 10**17 + 3 != 1e17. */
static const char *int_float_compare(E *e, Op op, Val a, Val b) {
  static const Op flipped[] = {[OP_EQ] = OP_EQ, [OP_NE] = OP_NE, [OP_LT] = OP_GT,
                               [OP_LE] = OP_GE, [OP_GT] = OP_LT, [OP_GE] = OP_LE};
  static const char *cops[] = {[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">="};
  if (a.ty->kind == TY_FLOAT) {  /* f op i  is  i flipped(op) f */
    Val t = a;
    a = b;
    b = t;
    op = flipped[op];
  }
  return fmt(e, "(gt_int_float_cmp(%s, %s) %s 0.0)", a.c, b.c, cops[op]);
}

/* Sets compare by inclusion: `a <= b` is a.issubset(b), `a < b` a proper
 * subset; `>` and `>=` are those with the operands swapped. */
static const char *set_compare(E *e, Op op, const char *x, const char *y) {
  switch (op) {
  case OP_EQ: return fmt(e, "gt_set_eq(%s, %s)", x, y);
  case OP_NE: return fmt(e, "!gt_set_eq(%s, %s)", x, y);
  case OP_LE: return fmt(e, "gt_set_issubset(%s, %s)", x, y);
  case OP_LT: return fmt(e, "gt_set_lt(%s, %s)", x, y);
  case OP_GE: return fmt(e, "gt_set_issubset(%s, %s)", y, x);
  default: return fmt(e, "gt_set_lt(%s, %s)", y, x);
  }
}

static const char *compare_c(E *e, Op op, Val a, Val b);

/* `x in (p, q)` of a tuple[...] y, a the borrowed x: x == each item that
 * == compares with it (type_eq_compares; the others Python never finds
 * equal), in order, stopping at the first equal one. */
static const char *in_tuple(E *e, Val a, const char *y, const Type *t) {
  a = stable(e, a);
  Buf b = {0};
  for (int i = 0; i < t->nitems; i++) {
    Type *it = t->items[i];
    if (!type_eq_compares(a.ty, it)) continue;
    Val item = val(unbox(e, fmt(e, "%s->items[%d]", y, i), it), it, false);
    bool objects = a.ty->kind == TY_CLASS && it->kind == TY_CLASS;  /* __eq__ where the class has one */
    const char *eq = objects ? fmt(e, "gt_val_eq(gt_vp(%s), gt_vp(%s), %s)", a.c, item.c, desc(e, a.ty))
                             : compare_c(e, OP_EQ, a, item);
    buf_printf(&b, "%s%s", b.data ? " || " : "", eq);
  }
  const char *r = b.data ? fmt(e, "(%s)", b.data) : "false";
  buf_free(&b);
  return r;
}

/* a == b where either is an Optional[T], the other a T or the same
 * Optional: equal where both are None, or both hold equal T's, as Python;
 * `eq_fn`: the C function of an extern class's __eq__ (check_expr.c
 * extern_eq; `reflected`: it takes b first), else T's ==. */
static const char *optional_eq(E *e, Op op, Val a, Val b, const Func *eq_fn, bool reflected) {
  a = stable(e, a);
  b = stable(e, b);
  bool oa = a.ty->kind == TY_OPTIONAL, ob = b.ty->kind == TY_OPTIONAL;
  const char *pa = oa ? present(e, a.c, a.ty) : "true", *pb = ob ? present(e, b.c, b.ty) : "true";
  const char *eq = eq_fn ? fmt(e, "%s(%s, %s)", eq_fn->cname, reflected ? b.c : a.c, reflected ? a.c : b.c)
                         : compare_c(e, OP_EQ, val(a.c, oa ? a.ty->elem : a.ty, false),
                                     val(b.c, ob ? b.ty->elem : b.ty, false));
  if (!oa && !ob) return op == OP_EQ ? eq : fmt(e, "!%s", eq);
  const char *r = fmt(e, "((%s && %s) ? %s : %s == %s)", pa, pb, eq, pa, pb);
  return op == OP_EQ ? r : fmt(e, "!%s", r);
}

static const char *compare_c(E *e, Op op, Val a, Val b) {
  static const char *cops[] = {[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">="};
  Type *t = a.ty;
  bool none = a.ty->kind == TY_NONE || b.ty->kind == TY_NONE;  /* `x == None` of an Optional x: `x is None` */
  if ((op == OP_EQ || op == OP_NE) && none && (a.ty->kind == TY_OPTIONAL || b.ty->kind == TY_OPTIONAL))
    return identity_c(e, op == OP_EQ, a, b);
  if ((op == OP_EQ || op == OP_NE) && (a.ty->kind == TY_OPTIONAL || b.ty->kind == TY_OPTIONAL))
    return optional_eq(e, op, a, b, NULL, false);
  if (op == OP_IN || op == OP_NOTIN) {
    const char *neg = op == OP_NOTIN ? "!" : "";
    const char *x = borrow(e, a), *y = borrow(e, b);
    switch (b.ty->kind) {
    case TY_STR: return fmt(e, "%sgt_str_contains(%s, %s)", neg, y, x);
    case TY_LIST: return fmt(e, "%sgt_list_contains(%s, %s)", neg, y, box(e, coerce(e, x, a.ty, b.ty->elem), b.ty->elem));
    case TY_DICT: return fmt(e, "%sgt_dict_contains(%s, %s)", neg, y, box(e, x, b.ty->key));
    case TY_SET: return fmt(e, "%sgt_set_contains(%s, %s)", neg, y, box(e, coerce(e, x, a.ty, b.ty->elem), b.ty->elem));
    case TY_VARTUPLE:
      return fmt(e, "%sgt_tuple_contains(%s, %s)", neg, y, box(e, coerce(e, x, a.ty, b.ty->elem), b.ty->elem));
    case TY_TUPLE: return fmt(e, "%s%s", neg, in_tuple(e, val(x, a.ty, false), y, b.ty));
    default: return "false";
    }
  }
  if (op == OP_IS || op == OP_ISNOT) return identity_c(e, op == OP_IS, a, b);
  bool unions = (a.ty->kind == TY_UNION || b.ty->kind == TY_UNION) && (op == OP_EQ || op == OP_NE);
  if (type_is_dynamic(a.ty) || type_is_dynamic(b.ty) || unions) {  /* an item of [0.5, "s"]: the values inside, as Python's */
    Type *d = type_is_dynamic(a.ty) ? a.ty : type_is_dynamic(b.ty) ? b.ty : dynamic_class(e->p)->ty;
    const char *x = coerce(e, borrow(e, a), a.ty, d), *y = coerce(e, borrow(e, b), b.ty, d);
    if (op == OP_EQ || op == OP_NE)
      return fmt(e, "%sgt_val_eq(gt_vp(%s), gt_vp(%s), &gt_t_obj)", op == OP_NE ? "!" : "", x, y);
    return fmt(e, "(gt_val_cmp(gt_vp(%s), gt_vp(%s), &gt_t_obj) %s 0)", x, y, cops[op]);
  }
  if (a.ty->kind == TY_NUMBER || b.ty->kind == TY_NUMBER) {  /* exactly, as Python: 3 == 3.0, 2**53 + 1 > 2.0**53 */
    Type *n = type_prim(TY_NUMBER);
    return fmt(e, "(gt_num_cmp(%s, %s) %s 0.0)", num(e, a, n), num(e, b, n), cops[op]);
  }
  if (type_is_numeric(a.ty) && type_is_numeric(b.ty)) {
    bool fl = a.ty->kind == TY_FLOAT || b.ty->kind == TY_FLOAT;
    if (fl && a.ty->kind != b.ty->kind) return int_float_compare(e, op, a, b);
    Type *f = type_prim(TY_FLOAT);
    const char *x = fl ? num(e, a, f) : a.c, *y = fl ? num(e, b, f) : b.c;
    return fmt(e, "(%s %s %s)", x, cops[op], y);
  }
  const char *x = borrow(e, a), *y = borrow(e, b);
  switch (t->kind) {
  case TY_STR:
    if (op == OP_EQ) return fmt(e, "gt_str_eq(%s, %s)", x, y);
    if (op == OP_NE) return fmt(e, "!gt_str_eq(%s, %s)", x, y);
    return fmt(e, "(gt_str_cmp(%s, %s) %s 0)", x, y, cops[op]);
  case TY_CLASS:
  case TY_NONE:
    return fmt(e, "(%s %s %s)", x, cops[op], y);
  case TY_SET: return set_compare(e, op, x, y);
  default:
    if (op == OP_EQ) return fmt(e, "gt_val_eq(gt_vp(%s), gt_vp(%s), %s)", x, y, desc(e, t));
    if (op == OP_NE) return fmt(e, "!gt_val_eq(gt_vp(%s), gt_vp(%s), %s)", x, y, desc(e, t));
    return fmt(e, "(gt_val_cmp(gt_vp(%s), gt_vp(%s), %s) %s 0)", x, y, desc(e, t), cops[op]);
  }
}

/* One comparison of a chain, `cmp` its node: of values Python never
 * finds equal (a device and a str), their effects and a constant. */
static const char *compared(E *e, const Node *cmp, Val a, Val b) {
  bool nones = a.ty->kind == TY_NONE && b.ty->kind == TY_NONE;  /* None == f() of a `-> None` f: no C value */
  if (nones && (cmp->op == OP_EQ || cmp->op == OP_NE || cmp->op == OP_IS || cmp->op == OP_ISNOT)) {
    discard(e, a);
    discard(e, b);
    return cmp->op == OP_EQ || cmp->op == OP_IS ? "true" : "false";
  }
  if (cmp->info) return optional_eq(e, cmp->op, a, b, cmp->info, cmp->flags & CMP_EQ_REFLECTED);  /* extern_eq */
  if (!(cmp->flags & CMP_NEVER_EQUAL)) return compare_c(e, cmp->op, a, b);
  discard(e, a);
  discard(e, b);
  return cmp->op == OP_NE ? "true" : "false";
}

static Val ex_compare(E *e, Node *n) {
  if (n->info) return ex_call_func(e, n, n->info);
  Val a = ex(e, n->lhs);
  if (!n->cmps->next) {
    a = stable(e, a);
    if (has_call(n->cmps->rhs)) a = snapshot(e, a);
    Val b = ex(e, n->cmps->rhs);
    return val(compared(e, n->cmps, a, b), n->ty, false);
  }
  /* a < b < c: each operand evaluated once, left to right, stopping early;
   * one flat `if (res)` per further comparison, however long the chain. The
   * temporaries of an operand evaluated inside such a block are released
   * and cleared after the chain (a later round may skip the block). */
  const char *res = new_temp(e, n->ty);
  a = stable(e, a);
  const char **later = NULL;
  int nlater = 0, cap = 0;
  for (Node *k = n->cmps; k; k = k->next) {
    bool first = k == n->cmps;
    int mark = e->f->npending;
    if (!first) {
      line(e, "if (%s) {", res);
      e->f->indent++;
    }
    Val b = stable(e, ex(e, k->rhs));
    line(e, "%s = %s;", res, cond_text(e, compared(e, k, a, b)));
    if (!first) {
      e->f->indent--;
      line(e, "}");
      for (int i = mark; i < e->f->npending; i++) push_name(&later, &nlater, &cap, e->f->pending[i]);
      e->f->npending = mark;
    }
    a = b;
  }
  for (int i = 0; i < nlater; i++) line(e, "%s = gt_replace(%s, NULL);", later[i], later[i]);
  free(later);
  forget_at(e);
  return val(res, n->ty, false);
}

/* `None if c else None`: only the effects of the branch taken. */
static Val ex_ifexp_none(E *e, Node *n, const char *k) {
  line(e, "if (%s) {", cond_text(e, k));
  e->f->indent++;
  int mark = e->f->npending;
  discard_none(e, ex(e, n->lhs));
  flush(e, mark);
  e->f->indent--;
  line(e, "} else {");
  e->f->indent++;
  discard_none(e, ex(e, n->rhs));
  flush(e, mark);
  e->f->indent--;
  line(e, "}");
  forget_at(e);
  return val("NULL", n->ty, false);
}

static Val ex_ifexp(E *e, Node *n) {
  if (n->flags & (IF_ALWAYS | IF_NEVER)) return ex(e, n->flags & IF_ALWAYS ? n->lhs : n->rhs);  /* the types decide */
  const char *k = truth(e, ex(e, n->cond));
  if (n->ty->kind == TY_NONE) return ex_ifexp_none(e, n, k);
  const char *res = new_temp(e, n->ty);
  bool ref = type_is_ref(n->ty);
  line(e, "if (%s) {", cond_text(e, k));
  e->f->indent++;
  branch_value(e, res, n->lhs, n->ty, false);
  e->f->indent--;
  line(e, "} else {");
  e->f->indent++;
  branch_value(e, res, n->rhs, n->ty, false);
  e->f->indent--;
  line(e, "}");
  forget_at(e);
  if (ref) release_later(e, res);
  return val(res, n->ty, false);
}

/* `, gt_vi(x)`: one element of a list or tuple display, as a slot. */
static void add_boxed(E *e, Buf *b, Node *x, Type *want) {
  Val v = operand(e, x);
  buf_printf(b, ", %s", box(e, coerce(e, v.c, v.ty, want), want));
}

/* Closes `gt_list_of(...` / `gt_tuple_of(...`: a new reference. */
static Val close_display(E *e, Buf *b, Type *ty) {
  buf_printf(b, ")");
  Val r = val(fmt(e, "%s", b->data), ty, true);
  buf_free(b);
  return r;
}

static bool is_constant(const Node *x) {
  if (x->kind == EX_UNARY && x->op == OP_NEG) x = x->lhs;
  return x->kind == EX_INT || x->kind == EX_FLOAT || x->kind == EX_STR || x->kind == EX_TRUE || x->kind == EX_FALSE;
}

/* An expression CPython's compiler folds into a constant: literals and
 * operators on them (`2**62`, `-1.5`, `"a" + "b"`), but for a division by
 * zero, which it leaves to run time. */
static bool folds(const Node *x) {
  if (is_constant(x)) return true;
  if (x->kind == EX_UNARY && x->op != OP_NOT) return folds(x->lhs);
  if (x->kind != EX_BINOP || x->op == OP_MATMUL) return false;
  bool by_zero = (x->op == OP_DIV || x->op == OP_FLOORDIV || x->op == OP_MOD) &&
                 ((x->rhs->kind == EX_INT && x->rhs->ival == 0) || (x->rhs->kind == EX_FLOAT && x->rhs->fval == 0));
  return !by_zero && folds(x->lhs) && folds(x->rhs);
}

/* A long literal of constants becomes a static array: C compilers are slow
 * on calls with thousands of arguments. */
static Val ex_const_list(E *e, Node *n, int count) {
  Type *el = n->ty->elem;
  const char *arr = fmt(e, "lit%d", ++e->nstrs);
  Buf b = {0};
  buf_printf(&b, "static const gt_val %s[] = {", arr);
  int i = 0;
  for (Node *x = n->elts; x; x = x->next, i++) {
    Val v = ex(e, x);
    const char *field = el->kind == TY_FLOAT ? ".f" : el->kind == TY_BOOL ? ".b" : el->kind == TY_INT ? ".i" : ".p";
    buf_printf(&b, "%s%s{%s = %s}", i ? "," : "", i % 8 ? " " : "\n  ", field, coerce(e, v.c, v.ty, el));
  }
  buf_printf(&b, "};\n");
  buf_append(&e->strs, &b);
  buf_free(&b);
  return val(fmt(e, "gt_list_from_array(%s, %d, %s)", desc(e, n->ty), count, arr), n->ty, true);
}

/* [*xs, y, *ys]: a new list, each item appended and each starred list's
 * or tuple's items added in turn. */
static Val ex_starred_list(E *e, Node *n) {
  Val l = temp_result(e, new_temp(e, n->ty), n->ty);
  line(e, "%s = gt_list_new(%s, 0);", l.c, desc(e, n->ty));
  for (Node *x = n->elts; x; x = x->next) {
    if (x->kind == EX_STARRED) {
      const char *src = stable(e, ex(e, x->lhs)).c;
      line(e, "gt_list_extend_array(%s, %s->items, %s->len);", l.c, src, src);
      continue;
    }
    Buf b = {0};
    add_boxed(e, &b, x, n->ty->elem);
    line(e, "gt_list_append(%s%s);", l.c, b.data);
    buf_free(&b);
  }
  return l;
}

static Val ex_list(E *e, Node *n) {
  Type *el = n->ty->elem;
  int count = ast_count(n->elts);
  if (!count) return val(fmt(e, "gt_list_new(%s, 0)", desc(e, n->ty)), n->ty, true);
  for (Node *x = n->elts; x; x = x->next)
    if (x->kind == EX_STARRED) return ex_starred_list(e, n);
  /* items held as they are, not boxed (a list[int | str] boxes each) */
  bool plain = el->kind == TY_INT || el->kind == TY_FLOAT || el->kind == TY_BOOL || el->kind == TY_STR;
  bool constant = count > 16 && plain;
  for (Node *x = n->elts; x && constant; x = x->next) constant = is_constant(x);
  if (constant) return ex_const_list(e, n, count);
  Buf b = {0};
  buf_printf(&b, "gt_list_of(%s, %d", desc(e, n->ty), count);
  for (Node *x = n->elts; x; x = x->next) add_boxed(e, &b, x, el);
  return close_display(e, &b, n->ty);
}

/* {a, b, c}: added in order; three or more constants as CPython builds
 * them (through a frozenset), which can place them otherwise. */
static Val ex_set(E *e, Node *n) {
  int count = ast_count(n->elts);
  bool consts = count > 2;
  for (Node *x = n->elts; x && consts; x = x->next) consts = folds(x);
  Buf b = {0};
  buf_printf(&b, "%s(%s, %d", consts ? "gt_set_of_consts" : "gt_set_of", desc(e, n->ty), count);
  for (Node *x = n->elts; x; x = x->next) add_boxed(e, &b, x, n->ty->elem);
  return close_display(e, &b, n->ty);
}

/* (*a, x, *b) of a fixed type: each starred tuple's items as they are
 * (boxed already); of a tuple[T, ...] type: made as a list first. */
static Val ex_starred_tuple(E *e, Node *n) {
  if (n->ty->kind == TY_VARTUPLE) {
    Node list = *n;
    list.kind = EX_LIST;
    list.ty = type_list(e->p, n->ty->elem);
    Val l = stable(e, ex_starred_list(e, &list));
    return val(fmt(e, "gt_tuple_of_elems(%s, %s->len, %s->items)", desc(e, n->ty->elem), l.c, l.c), n->ty, true);
  }
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, n->ty));
  int i = 0;
  for (Node *x = n->elts; x; x = x->next) {
    if (x->kind != EX_STARRED) {
      add_boxed(e, &b, x, n->ty->items[i++]);
      continue;
    }
    const char *src = stable(e, ex(e, x->lhs)).c;
    for (int k = 0; k < x->lhs->ty->nitems; k++, i++) buf_printf(&b, ", %s->items[%d]", src, k);
  }
  return close_display(e, &b, n->ty);
}

static Val ex_tuple(E *e, Node *n) {
  for (Node *x = n->elts; x; x = x->next)
    if (x->kind == EX_STARRED) return ex_starred_tuple(e, n);
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, n->ty));
  int i = 0;
  for (Node *x = n->elts; x; x = x->next) add_boxed(e, &b, x, n->ty->items[i++]);
  return close_display(e, &b, n->ty);
}

/* Has an argument after a (of a call's list) a call, which could change
 * what a read before it gave? */
static bool later_arg_calls(const Node *a) {
  for (a = a->next; a; a = a->next)
    if (has_call(a->kind == ND_KEYWORD ? a->rhs : a)) return true;
  return false;
}

/* P(...) of a named tuple P: the tuple of its fields' values, the
 * arguments evaluated in the call's order (P(y=f(), x=g()) calls f
 * first), the defaults (literals) where none is given. */
Val ex_named_tuple(E *e, Node *n, CallInfo *ci) {
  Val *vals = arena_alloc(e->p->arena, (ci->nargs ? ci->nargs : 1) * sizeof *vals);
  bool *given = arena_alloc(e->p->arena, (ci->nargs ? ci->nargs : 1) * sizeof *given);
  for (Node *a = n->args; a; a = a->next) {
    Node *x = a->kind == ND_KEYWORD ? a->rhs : a;
    for (int i = 0; i < ci->nargs; i++) {
      if (ci->args[i] != x) continue;
      vals[i] = stable(e, ex(e, x));
      if (later_arg_calls(a)) vals[i] = snapshot(e, vals[i]);
      given[i] = true;
    }
  }
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, n->ty));
  for (int i = 0; i < ci->nargs; i++) {
    Val v = given[i] ? vals[i] : ex(e, ci->args[i]);
    buf_printf(&b, ", %s", box(e, coerce(e, v.c, v.ty, n->ty->items[i]), n->ty->items[i]));
  }
  return close_display(e, &b, n->ty);
}

static Val ex_dict(E *e, Node *n) {
  const char *d = new_temp(e, n->ty);
  line(e, "%s = gt_dict_new(%s);", d, desc(e, n->ty));
  for (Node *pr = n->elts; pr; pr = pr->next) {
    Val k = stable(e, ex(e, pr->lhs));
    Val v = ex(e, pr->rhs);
    const char *vb = borrow(e, v);
    line(e, "gt_dict_set(%s, %s, %s);", d, box(e, k.c, n->ty->key), box(e, coerce(e, vb, v.ty, n->ty->elem), n->ty->elem));
  }
  return temp_result(e, d, n->ty);
}

/* ---- f-strings -------------------------------------------------------------- */

/* An f-string, or the fields of a constant str.format (given: the call's
 * arguments, evaluated first, which a field with ival >= 0 reads). */
static Val fstring_of(E *e, Node *n, const Val *given) {
  const char **parts = arena_alloc(e->p->arena, (ast_count(n->parts) + 1) * sizeof *parts);
  int count = 0;
  Type *s = type_prim(TY_STR);
  for (Node *p = n->parts; p; p = p->next) {
    if (p->kind == EX_STR) {
      parts[count++] = str_literal(e, p->str, p->slen);
      continue;
    }
    Val v = given && p->ival >= 0 ? given[p->ival] : ex(e, p->lhs);
    Val r;
    Func *format = !p->conv && v.ty->kind == TY_CLASS ? v.ty->cls->format : NULL;
    if (format) {
      /* Python's format(v, spec) is v.__format__(spec), "" without a spec: a
       * 0-dim Tensor formats its item. */
      const char *b = coerce(e, borrow(e, v), v.ty, format->params[0].ty);
      const char *spec = p->spec ? stable(e, fstring_of(e, p->spec, given)).c : str_literal(e, "", 0);
      r = val(fmt(e, "%s(%s, %s)", method_cname(format), b, spec), s, true);
      if (format->is_extern) r = failing(e, p, r);
      parts[count++] = stable(e, r).c;
      continue;
    }
    if (p->conv == 'r' || p->conv == 'a') r = to_repr(e, v);
    else if (p->conv == 's' || !p->spec) r = to_str(e, v);
    else r = v;
    if (p->conv == 'a') r = val(fmt(e, "gt_str_ascii(%s)", borrow(e, r)), s, true);
    if (p->spec) {
      Val spec = stable(e, fstring_of(e, p->spec, given));
      const char *b = borrow(e, r);
      r = failing(e, p, val(fmt(e, "gt_format(%s, %s, %s)", box(e, b, r.ty), desc(e, r.ty), spec.c), s, true));
    }
    parts[count++] = stable(e, r).c;
  }
  if (count == 0) return val(str_literal(e, "", 0), s, false);
  if (count == 1 && n->parts->kind == EX_STR) return val(parts[0], s, false);
  Buf b = {0};
  buf_printf(&b, "gt_str_build(%d, (gt_str *[]){", count);
  for (int i = 0; i < count; i++) buf_printf(&b, "%s%s", i ? ", " : "", parts[i]);
  buf_printf(&b, "})");
  Val r = val(fmt(e, "%s", b.data), s, true);
  buf_free(&b);
  return r;
}

static Val ex_fstring(E *e, Node *n) { return fstring_of(e, n, NULL); }

/* v as the runtime's formatters take a value: a gt_val and its descriptor
 * (None's where an Optional holds None). */
static void format_operand(E *e, Val v, const char **boxed, const char **d) {
  if (v.ty->kind == TY_NONE) {
    discard_none(e, v);
    *boxed = "gt_vp(NULL)";
    *d = "&gt_t_none";
    return;
  }
  const char *c = borrow(e, v);
  if (v.ty->kind == TY_OPTIONAL) {
    *boxed = box(e, c, v.ty->elem);
    *d = fmt(e, "(%s ? %s : &gt_t_none)", present(e, c, v.ty), desc(e, v.ty->elem));
    return;
  }
  *boxed = box(e, c, v.ty);
  *d = desc(e, v.ty);
}

/* fmt % args of a str fmt: the runtime's printf-style formatter. */
static Val ex_percent(E *e, Node *n) {
  Val f = stable(e, ex(e, n->lhs));
  if (has_call(n->rhs)) f = snapshot(e, f);
  const char *boxed, *d;
  if (n->rhs->kind != EX_TUPLE) {
    format_operand(e, stable(e, ex(e, n->rhs)), &boxed, &d);
    return failing(e, n, val(fmt(e, "gt_str_percent(%s, %s, %s)", f.c, boxed, d), n->ty, true));
  }
  /* (a, b, c): the values, without a tuple */
  int count = ast_count(n->rhs->elts);
  if (!count) return failing(e, n, val(fmt(e, "gt_str_percent_n(%s, 0, NULL, NULL)", f.c), n->ty, true));
  Buf v = {0}, t = {0};
  for (Node *x = n->rhs->elts; x; x = x->next) {
    format_operand(e, operand(e, x), &boxed, &d);
    buf_printf(&v, "%s%s", x == n->rhs->elts ? "" : ", ", boxed);
    buf_printf(&t, "%s%s", x == n->rhs->elts ? "" : ", ", d);
  }
  const char *c = fmt(e, "gt_str_percent_n(%s, %d, (gt_val[]){%s}, (const gt_type *[]){%s})", f.c, count, v.data, t.data);
  buf_free(&v);
  buf_free(&t);
  return failing(e, n, val(c, n->ty, true));
}

/* A value evaluated for its effects only. */
void discard(E *e, Val v) {
  if (v.owned && is_ref(v)) borrow(e, v);
  else if (v.ty->kind == TY_NONE) discard_none(e, v);
  else if (!is_simple(v.c)) line(e, "(void)%s;", v.c);
}

/* The arguments some field of a parsed format reads. */
static void mark_used(const Node *f, bool *used) {
  for (const Node *p = f ? f->parts : NULL; p; p = p->next) {
    if (p->kind != ND_FMTVALUE) continue;
    if (p->ival >= 0) used[p->ival] = true;
    mark_used(p->spec, used);
  }
}

/* "...".format(...): every argument evaluated first, in order, then the
 * fields of a constant format as an f-string's, or the runtime's formatter. */
Val ex_str_format(E *e, Node *n, CallInfo *ci) {
  int nall = ci->nargs + ci->nkwargs;
  Val *vals = arena_alloc(e->p->arena, (nall ? nall : 1) * sizeof *vals);
  Val f = {0};
  if (!ci->format) {
    f = stable(e, ex(e, ci->recv));
    if (has_call(n)) f = snapshot(e, f);
  }
  bool *used = arena_alloc(e->p->arena, (nall ? nall : 1) * sizeof *used);
  mark_used(ci->format, used);
  for (int i = 0; i < nall; i++) {
    Node *a = ci->args[i]->kind == ND_KEYWORD ? ci->args[i]->rhs : ci->args[i];
    if (!ci->format || used[i]) {
      vals[i] = operand(e, a);
      continue;
    }
    discard(e, ex(e, a));  /* "{}".format(a, b): b is evaluated, and dropped */
  }
  if (ci->format) return fstring_of(e, ci->format, vals);
  Buf v = {0}, t = {0}, k = {0};
  for (int i = 0; i < nall; i++) {
    const char *boxed, *d;
    format_operand(e, vals[i], &boxed, &d);
    buf_printf(&v, "%s%s", i ? ", " : "", boxed);
    buf_printf(&t, "%s%s", i ? ", " : "", d);
    if (i >= ci->nargs) buf_printf(&k, "%s\"%s\"", i > ci->nargs ? ", " : "", ci->args[i]->name);
  }
  const char *c = nall ? fmt(e, "gt_str_format(%s, %d, %d, (gt_val[]){%s}, (const gt_type *[]){%s}, %s)", f.c,
                             ci->nargs, ci->nkwargs, v.data, t.data,
                             ci->nkwargs ? fmt(e, "(const char *[]){%s}", k.data) : "NULL")
                       : fmt(e, "gt_str_format(%s, 0, 0, NULL, NULL, NULL)", f.c);
  buf_free(&v);
  buf_free(&t);
  buf_free(&k);
  return failing(e, n, val(c, n->ty, true));
}

/* ---- comprehensions ----------------------------------------------------- */

static void declare_comp_vars(E *e, Scope *s) {
  for (Sym *y = s->syms; y; y = y->next) {
    if (!y->ty || unread_number(y)) continue;
    declare_c(e, ctype(e, y->ty), y->cname, type_is_ref(y->ty) ? "NULL" : "0");
    if (type_is_ref(y->ty)) held_to_end(e, y->cname);
  }
}

typedef struct CompCtx CompCtx;
struct CompCtx {
  Node *comp;      /* current ND_COMP */
  Node *n;         /* the comprehension */
  const char *res;
  void (*add)(E *e, CompCtx *cc);  /* what the innermost loop does with each element */
  int mark;        /* the pending temporaries before the element's */
  int builtin;     /* a generator expression's consumer: BI_SUM, BI_ANY, BI_ALL */
  const char *done;/* the label any() and all() jump to once decided */
};

static void comp_body(E *e, void *vctx) {
  CompCtx *cc = vctx;
  Node *g = cc->comp;
  int mark = e->f->npending;
  for (Node *k = g->conds; k; k = k->next) {
    const char *t = truth(e, ex(e, k));
    if (e->f->npending > mark) {
      const char *kt = new_temp(e, type_prim(TY_BOOL));
      line(e, "%s = %s;", kt, t);
      flush(e, mark);
      t = kt;
    }
    line(e, "if (!%s) continue;", t);
  }
  if (g->next) {
    CompCtx inner = *cc;
    inner.comp = g->next;
    emit_for_loop(e, g->next->lhs, g->next->info, comp_body, &inner);
    flush(e, mark);
    return;
  }
  cc->mark = mark;
  cc->add(e, cc);
  flush(e, mark);
}

/* The innermost loop of a list, set or dict comprehension: one item more. */
static void comp_add(E *e, CompCtx *cc) {
  Node *n = cc->n;
  if (n->kind == EX_LISTCOMP || n->kind == EX_SETCOMP) {
    Val v = ex(e, n->lhs);
    const char *c = borrow(e, v);
    line(e, "%s(%s, %s);", n->kind == EX_LISTCOMP ? "gt_list_append" : "gt_set_add", cc->res,
         box(e, coerce(e, c, v.ty, n->ty->elem), n->ty->elem));
  } else {
    Val k = stable(e, ex(e, n->lhs));
    Val v = ex(e, n->rhs);
    const char *c = borrow(e, v);
    line(e, "gt_dict_set(%s, %s, %s);", cc->res, box(e, k.c, n->ty->key), box(e, coerce(e, c, v.ty, n->ty->elem), n->ty->elem));
  }
}

static Val ex_comp(E *e, Node *n) {
  declare_comp_vars(e, n->info);
  const char *res = new_temp(e, n->ty);
  if (n->kind == EX_LISTCOMP) line(e, "%s = gt_list_new(%s, 0);", res, desc(e, n->ty));
  else if (n->kind == EX_SETCOMP) line(e, "%s = gt_set_new(%s);", res, desc(e, n->ty));
  else line(e, "%s = gt_dict_new(%s);", res, desc(e, n->ty));
  CompCtx cc = {.comp = n->comps, .n = n, .res = res, .add = comp_add};
  emit_for_loop(e, n->comps->lhs, n->comps->info, comp_body, &cc);
  forget_at(e);
  return temp_result(e, res, n->ty);
}

/* The innermost loop of sum(), any() or all() of a generator expression:
 * the element added, or tested (any() and all() jump out once decided). */
static void fold_add(E *e, CompCtx *cc) {
  int mark = cc->mark;
  Node *x = cc->n->lhs;
  if (cc->builtin != BI_SUM) {
    const char *t = truth(e, ex(e, x));
    if (e->f->npending > mark) {  /* the element's temporaries go before the jump */
      const char *kt = new_temp(e, type_prim(TY_BOOL));
      line(e, "%s = %s;", kt, t);
      flush(e, mark);
      t = kt;
    }
    bool any = cc->builtin == BI_ANY;
    line(e, "if (%s) {", any ? cond_text(e, t) : fmt(e, "!%s", tight(e, t)));
    line(e, "  %s = %s;", cc->res, any ? "true" : "false");
    line(e, "  goto %s;", cc->done);
    line(e, "}");
    return;
  }
  Val v = ex(e, x);
  if (cc->n->ty->elem->kind == TY_FLOAT) {
    line(e, "%s += %s;", cc->res, v.c);
    return;
  }
  Val s = stable(e, v);
  set_at(e, cc->n);  /* OverflowError: an int of Python's has no end */
  if (cc->n->ty->elem->kind == TY_NUMBER) line(e, "%s = gt_num_arith('+', %s, %s);", cc->res, cc->res, s.c);
  else line(e, "%s = gt_int_add(%s, %s);", cc->res, cc->res, s.c);
}

/* sum(), any() or all() of a generator expression (call's sole argument):
 * one loop where the call is, as lazy as Python's: any() stops at the
 * first true element, all() at the first false one. */
Val ex_genexp_fold(E *e, Node *call, int builtin) {
  Node *n = call->args;
  declare_comp_vars(e, n->info);
  const char *res = new_temp(e, call->ty);
  const char *zero = call->ty->kind == TY_FLOAT ? "0.0" : call->ty->kind == TY_NUMBER ? "gt_num_int(0)" : "0";
  const char *start = builtin == BI_SUM ? zero : builtin == BI_ANY ? "false" : "true";
  line(e, "%s = %s;", res, start);
  const char *done = builtin == BI_SUM ? NULL : fmt(e, "_%s%d_done", builtin == BI_ANY ? "any" : "all", ++e->f->nlabels);
  CompCtx cc = {.comp = n->comps, .n = n, .res = res, .add = fold_add, .builtin = builtin, .done = done};
  int generators = e->f->ngenerators;
  emit_for_loop(e, n->comps->lhs, n->comps->info, comp_body, &cc);
  if (done) line(e, "%s:;", done);
  /* a generator the loop walks is closed where any() stops it, as CPython's */
  for (int i = generators; done && i < e->f->ngenerators; i++) unhold(e, e->f->generators[i]);
  forget_at(e);
  return val(res, call->ty, false);
}

/* A class name taken as a value (check_classobj.c): its class object. */
static Val class_value(E *e, Node *n) {
  return val(fmt(e, "gt_classobj_of(%s)", class_object(e, n->info)), n->ty, false);
}

Val ex(E *e, Node *n) {
  if ((n->kind == EX_NAME || n->kind == EX_ATTR) && n->flags & CLASS_VALUE) return class_value(e, n);
  switch (n->kind) {
  case EX_INT: return val(int_literal(e, n->ival), n->ty, false);
  case EX_FLOAT: return val(float_literal(e, n->fval), n->ty, false);
  case EX_STR: return val(str_literal(e, n->str, n->slen), n->ty, false);
  case EX_FSTRING: return ex_fstring(e, n);
  case EX_TRUE: return val("true", n->ty, false);
  case EX_FALSE: return val("false", n->ty, false);
  case EX_NONE: return val("NULL", n->ty, false);
  case EX_NAME: return ex_name(e, n);
  case EX_ATTR: return ex_attr(e, n);
  case EX_CALL: return ex_call(e, n);
  case EX_INDEX: return ex_index(e, n);
  case EX_BINOP: return ex_binop(e, n);
  case EX_UNARY: return ex_unary(e, n);
  case EX_BOOLOP: return ex_boolop(e, n);
  case EX_COMPARE: return ex_compare(e, n);
  case EX_IFEXP: return ex_ifexp(e, n);
  case EX_NAMEDEXPR: return ex_namedexpr(e, n);
  case EX_LIST: return ex_list(e, n);
  case EX_TUPLE: return ex_tuple(e, n);
  case EX_DICT: return ex_dict(e, n);
  case EX_SET: return ex_set(e, n);
  case EX_LISTCOMP:
  case EX_DICTCOMP:
  case EX_SETCOMP: return ex_comp(e, n);
  case EX_LAMBDA: return fn_value(e, n->info, n->ty);
  default: return val("0", n->ty, false);
  }
}

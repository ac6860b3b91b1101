/* emit_call.c - calls: functions and methods, constructors, built-ins,
 * the built-in types' methods and externs.
 *
 * A call's C arguments come in parameter order with the defaults filled in
 * and Python's left-to-right evaluation kept; an extern's failure becomes a
 * run-time error at the call's location. The many shapes of a call are kept
 * here, apart from the operators and displays of emit_expr.c.
 */
#include <string.h>

#include "emit.h"

static bool is_range_call(Node *n);
static void range_args(E *e, Node *call, const char **start, const char **stop, const char **step);

/* ---- calls ---------------------------------------------------------------- */

/* `*size: int` arguments as C receives them: `(int64_t[]){2, 3}, 2`; a
 * list's items where it is `*xs` (a list of objects: their pointers). */
static const char *index_item(E *e, Node *x);

/* The values for a `*name` parameter that stars lists among others (an
 * extern's array, nn.Sequential(*block(1, 2), *block(2, 3), nn.Tanh());
 * a def's tuple, volume(*x.shape, 10)): one list of them, in order, of
 * element type el. */
static const char *joined_varargs(E *e, CallInfo *ci, Type *el) {
  Type *lt = type_list(e->p, el);
  const char *l = stable(e, val(fmt(e, "gt_list_new(%s, 0)", desc(e, lt)), lt, true)).c;
  for (int i = 0; i < ci->nvargs; i++) {
    Node *a = ci->vargs[i];
    Val v = stable(e, ex(e, a->kind == EX_STARRED ? a->lhs : a));
    if (a->kind == EX_STARRED) line(e, "gt_list_extend(%s, %s);", l, borrow(e, v));
    else line(e, "gt_list_append(%s, %s);", l, box(e, coerce(e, borrow(e, v), v.ty, el), el));
  }
  return l;
}

static const char *varargs_array(E *e, CallInfo *ci, Param *q) {
  if (!ci->nvargs) return "NULL, 0";
  bool stars = false;
  for (int i = 0; i < ci->nvargs; i++) stars |= ci->vargs[i]->kind == EX_STARRED;
  if (stars) {  /* x.permute(*dims): a list's items are that array */
    const char *l = ci->nvargs == 1 ? borrow(e, stable(e, ex(e, ci->vargs[0]->lhs))) : joined_varargs(e, ci, q->ty);
    if (q->ty->kind == TY_CLASS) return fmt(e, "(%s const *)&%s->items->p, %s->len", ctype(e, q->ty), l, l);
    return fmt(e, "&%s->items->%s, %s->len", l, q->ty->kind == TY_FLOAT ? "f" : "i", l);
  }
  Buf b = {0};
  buf_printf(&b, "(%s[]){", q->ty->kind == TY_INDEX ? "gt_index" : ctype(e, q->ty));
  for (int i = 0; i < ci->nvargs; i++) {
    if (q->ty->kind == TY_INDEX) {
      buf_printf(&b, "%s%s", i ? ", " : "", index_item(e, ci->vargs[i]));
      continue;
    }
    Val v = stable(e, ex(e, ci->vargs[i]));
    buf_printf(&b, "%s%s", i ? ", " : "", coerce(e, borrow(e, v), v.ty, q->ty));
  }
  buf_printf(&b, "}, %d", ci->nvargs);
  const char *r = fmt(e, "%s", b.data);
  buf_free(&b);
  return r;
}

/* One item of a tensor subscript as a gt_index: x[i, 1:3, None, ..., mask]. */
static const char *index_item(E *e, Node *x) {
  if (x->kind == EX_SLICE) {
    const char *part[3];
    Node *n[3] = {x->lo, x->hi, x->step};
    for (int i = 0; i < 3; i++) {
      Val v = n[i] ? stable(e, ex(e, n[i])) : val("GT_NONE_INT", type_prim(TY_INT), false);
      part[i] = v.ty->kind == TY_CLASS ? fmt(e, "gt_bind_index_value(%s)", v.c) : v.c;  /* a tensor's __index__ */
    }
    return fmt(e, "gt_idx_slice(%s, %s, %s)", part[0], part[1], part[2]);
  }
  if (x->kind == EX_ELLIPSIS) return "gt_idx_ellipsis()";
  if (is_range_call(x)) {
    const char *start, *stop, *step;
    range_args(e, x, &start, &stop, &step);
    return fmt(e, "gt_idx_range(%s, %s, %s)", start, stop, step);
  }
  Val v = stable(e, ex(e, x));
  switch (v.ty->kind) {
  case TY_NONE: return "gt_idx_none()";
  case TY_BOOL: return fmt(e, "gt_idx_bool(%s)", v.c);
  case TY_CLASS: return fmt(e, "gt_idx_tensor(%s)", borrow(e, v));
  case TY_LIST: return fmt(e, "gt_idx_list(%s)", borrow(e, v));
  default: return fmt(e, "gt_idx_int(%s)", v.c);
  }
}

/* The tuple a `*args: T` parameter of a .gtp def receives: the values, or
 * `*xs`'s items (a tuple[T, ...] passed on as it is), or the values and
 * lists' items joined. */
static const char *varargs_tuple(E *e, CallInfo *ci, Param *q) {
  Type *el = q->ty->elem;
  if (ci->nvargs == 1 && ci->vargs[0]->kind == EX_STARRED) {
    Val v = stable(e, ex(e, ci->vargs[0]->lhs));
    const char *l = borrow(e, v);
    if (v.ty->kind == TY_VARTUPLE) return l;
    return borrow(e, val(fmt(e, "gt_tuple_of_elems(%s, %s->len, %s->items)", desc(e, el), l, l), q->ty, true));
  }
  if (!ci->nvargs) return borrow(e, val(fmt(e, "gt_tuple_of_elems(%s, 0, NULL)", desc(e, el)), q->ty, true));
  bool stars = false;
  for (int i = 0; i < ci->nvargs; i++) stars |= ci->vargs[i]->kind == EX_STARRED;
  if (stars) {
    const char *l = joined_varargs(e, ci, el);
    return borrow(e, val(fmt(e, "gt_tuple_of_elems(%s, %s->len, %s->items)", desc(e, el), l, l), q->ty, true));
  }
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of_elems(%s, %d, (gt_val[]){", desc(e, el), ci->nvargs);
  for (int i = 0; i < ci->nvargs; i++) {
    Val v = stable(e, ex(e, ci->vargs[i]));
    buf_printf(&b, "%s%s", i ? ", " : "", box(e, coerce(e, borrow(e, v), v.ty, el), el));
  }
  buf_printf(&b, "})");
  const char *r = borrow(e, val(fmt(e, "%s", b.data), q->ty, true));
  buf_free(&b);
  return r;
}

/* The tuple a `*args: Any` parameter's instance receives: the values,
 * each of its own type (a `*t` among them spliced into t's items). */
static const char *varargs_pack(E *e, CallInfo *ci, Param *q) {
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, q->ty));
  for (int i = 0; i < ci->nvargs; i++) {
    Type *want = q->ty->items[i];
    Val v = stable(e, ex(e, ci->vargs[i]));
    buf_printf(&b, ", %s", box(e, coerce(e, borrow(e, v), v.ty, want), want));
  }
  buf_printf(&b, ")");
  const char *r = borrow(e, val(fmt(e, "%s", b.data), q->ty, true));
  buf_free(&b);
  return r;
}

/* The dict a `**kwargs: T` parameter of a .gtp def receives: the keyword
 * arguments no other parameter takes, and the items of each `**d`. */
static const char *kwargs_dict(E *e, CallInfo *ci, Param *q) {
  const char *d = new_temp(e, q->ty);
  line(e, "%s = gt_dict_new(%s);", d, desc(e, q->ty));
  release_later(e, d);
  for (int i = 0; i < ci->nkwargs; i++) {
    Node *a = ci->kwargs[i];
    if (a->kind == EX_STARRED) {
      line(e, "gt_dict_update(%s, %s);", d, borrow(e, ex(e, a->lhs)));
      continue;
    }
    Val v = stable(e, ex(e, a->rhs));
    const char *k = box(e, str_literal(e, a->name, strlen(a->name)), type_prim(TY_STR));
    line(e, "gt_dict_set(%s, %s, %s);", d, k, box(e, coerce(e, borrow(e, v), v.ty, q->ty->elem), q->ty->elem));
  }
  return d;
}

/* set_postfix(loss=l, acc=a) for `**kwargs: float`: the names, the values, their number. */
static const char *kwargs_arrays(E *e, CallInfo *ci, Param *q) {
  if (!ci->nkwargs) return "NULL, NULL, 0";
  Buf names = {0}, values = {0};
  for (int i = 0; i < ci->nkwargs; i++) {
    Val v = stable(e, ex(e, ci->kwargs[i]->rhs));
    buf_printf(&names, "%s\"%s\"", i ? ", " : "", ci->kwargs[i]->name);
    buf_printf(&values, "%s%s", i ? ", " : "", coerce(e, v.c, v.ty, q->ty));
  }
  const char *r = fmt(e, "(const char *[]){%s}, (%s[]){%s}, %d", names.data, ctype(e, q->ty), values.data, ci->nkwargs);
  buf_free(&names);
  buf_free(&values);
  return r;
}

/* kernel_size=(3, 5) for an `ints` parameter: (gt_ints){2, {3, 5}}, no tuple object. */
static const char *numbers_literal(E *e, Node *tuple, const Type *to) {
  Buf b = {0};
  buf_printf(&b, "(%s){%d, {", to->kind == TY_INTS ? "gt_ints" : "gt_floats", ast_count(tuple->elts));
  for (Node *x = tuple->elts; x; x = x->next) {
    Val v = stable(e, ex(e, x));
    buf_printf(&b, "%s%s", x == tuple->elts ? "" : ", ", v.c);
  }
  buf_printf(&b, "}}");
  const char *r = fmt(e, "%s", b.data);
  buf_free(&b);
  return r;
}

/* The name CPython's messages give the function: "f", "Point.__init__". */
static const char *called_name(E *e, CallInfo *ci) {
  Func *f = ci->fn;
  if (f && f->cls && !strchr(f->qname, '.')) return c_quote(e, fmt(e, "%s.%s", f->cls->name, f->qname));  /* an extern's */
  return c_quote(e, f ? f->qname : ci->cls ? ci->cls->name : "function");
}

/* `**d` into named parameters: d, held for the call, after the runtime's
 * check of its keys against the parameters (gt_kwargs_check). */
static const char *spread_dict(E *e, CallInfo *ci, Param *params) {
  static const char *const how_names[] = {"GT_KW_MAY", "GT_KW_MUST", "GT_KW_POSITIONAL", "GT_KW_KEYWORD", "GT_KW_UNFIT"};
  const char *d = borrow(e, stable(e, ex(e, ci->spread->lhs)));
  Buf list = {0};
  int n = 0;
  for (int i = 0; i < ci->nargs; i++) {
    if (ci->spread_how[i] == SPREAD_NONE) continue;
    const char *takes = ci->spread_how[i] == SPREAD_UNFIT ? c_quote(e, type_name(e->p, params[i].ty)) : "NULL";
    buf_printf(&list, "%s{%s, %s, %s}", n++ ? ", " : "", c_quote(e, params[i].name), how_names[ci->spread_how[i]],
               takes);
  }
  set_at(e, ci->spread);
  line(e, "gt_kwargs_check(%s, %s, %s, (const gt_kwparam[]){%s}, %d);", d, desc(e, ci->spread->ty->elem),
       called_name(e, ci), n ? list.data : "{NULL, GT_KW_UNFIT, NULL}", n);
  buf_free(&list);
  return d;
}

/* An int | float number x for parameter q: an int or a bool parameter
 * (or an Optional of one) checks its type where the program runs, as for
 * `f(**d)` of a dict of numbers and f(t.item()) of unknown dtype. */
static const char *number_arg(E *e, CallInfo *ci, Param *q, const char *x) {
  Type *p = q->ty->kind == TY_OPTIONAL ? q->ty->elem : q->ty;
  if (p->kind != TY_INT && p->kind != TY_BOOL) return coerce(e, x, type_prim(TY_NUMBER), q->ty);
  const char *conv = p->kind == TY_INT ? "gt_num_arg_int" : "gt_num_arg_bool";
  return coerce(e, fmt(e, "%s(%s, %s, %s)", conv, x, called_name(e, ci), c_quote(e, q->name)), p, q->ty);
}

/* d's value for parameter q, as q's type: a number by the type it holds. */
static const char *spread_convert(E *e, CallInfo *ci, Param *q, const char *x) {
  Type *v = ci->spread->ty->elem;
  return v->kind == TY_NUMBER ? number_arg(e, ci, q, x) : coerce(e, x, v, q->ty);
}

/* The value of q's default where a call gives no argument: the global
 * that keeps it (Param.kept), or the default evaluated here. */
Val default_value(E *e, Param *q) {
  if (q->kept) return val(q->kept, q->ty, false);
  return ex(e, q->dflt);
}

/* The argument `**d` gives q: d's value where d has the key, else q's
 * default (evaluated only then), in a temporary as an if expression's. */
static Val spread_arg(E *e, CallInfo *ci, Param *q, const char *d) {
  bool ref = type_is_ref(q->ty);
  const char *res = new_temp(e, q->ty);
  const char *slot = fmt(e, "_v%d", ++e->f->ntemps);
  buf_printf(&e->f->decls, "  gt_val %s;\n", slot);  /* read right after it is filled: never volatile */
  line(e, "if (gt_kwargs_get(%s, %s, &%s)) {", d, str_literal(e, q->name, strlen(q->name)), slot);
  const char *x = spread_convert(e, ci, q, unbox(e, slot, ci->spread->ty->elem));
  line(e, "  %s = %s;", res, ref ? fmt(e, "gt_retain(%s)", x) : x);
  if (q->dflt) {
    line(e, "} else {");
    e->f->indent++;
    int mark = e->f->npending;
    Val v = default_value(e, q);
    line(e, "%s = %s;", res, ref ? owned_as(e, v, q->ty).c : coerce(e, v.c, v.ty, q->ty));
    flush(e, mark);
    e->f->indent--;
  }
  line(e, "}");
  if (ref) release_later(e, res);
  return val(res, q->ty, false);
}

/* The C arguments of a call, in parameter order, defaults filled in. */
void call_args(E *e, CallInfo *ci, Param *params, int from, Buf *out, bool first) {
  const char *spread = ci->spread ? spread_dict(e, ci, params) : NULL;
  for (int i = from; i < ci->nargs; i++) {
    if (params[i].varargs || params[i].kwargs) {
      const char *arrays = params[i].ty->kind == TY_VARTUPLE                       ? varargs_tuple(e, ci, &params[i])
                           : params[i].varargs && params[i].ty->kind == TY_TUPLE ? varargs_pack(e, ci, &params[i])
                           : params[i].kwargs && params[i].ty->kind == TY_DICT ? kwargs_dict(e, ci, &params[i])
                           : params[i].varargs                                 ? varargs_array(e, ci, &params[i])
                                                                               : kwargs_arrays(e, ci, &params[i]);
      buf_printf(out, "%s%s", first && i == from ? "" : ", ", arrays);
      continue;
    }
    if (spread && (ci->spread_how[i] == SPREAD_MAY || ci->spread_how[i] == SPREAD_MUST)) {
      buf_printf(out, "%s%s", first && i == from ? "" : ", ", spread_arg(e, ci, &params[i], spread).c);
      continue;
    }
    Node *a = ci->args[i] ? ci->args[i] : params[i].dflt;
    if ((params[i].ty->kind == TY_INTS || params[i].ty->kind == TY_FLOATS) && a->kind == EX_TUPLE) {
      buf_printf(out, "%s%s", first && i == from ? "" : ", ", numbers_literal(e, a, params[i].ty));
      continue;
    }
    Val v = stable(e, ci->args[i] ? ex(e, a) : default_value(e, &params[i]));
    for (int j = i + 1; j < ci->nargs; j++)
      if (ci->args[j] && has_call(ci->args[j])) {
        v = snapshot(e, v);
        break;
      }
    if (params[i].ty->kind == TY_ANY) {  /* the value and its descriptor */
      buf_printf(out, "%s%s, %s", first && i == from ? "" : ", ", box(e, borrow(e, v), v.ty), desc(e, v.ty));
      continue;
    }
    const char *c = v.ty->kind == TY_NUMBER ? number_arg(e, ci, &params[i], v.c) : coerce(e, v.c, v.ty, params[i].ty);
    /* a `cstr` parameter of an extern is a C string (NUL-terminated UTF-8); None is NULL */
    if (params[i].cstring && v.ty->kind == TY_STR) c = fmt(e, "%s->data", arrow(e, c));
    else if (params[i].cstring && v.ty->kind == TY_OPTIONAL) c = fmt(e, "(%s ? %s->data : NULL)", c, arrow(e, c));
    buf_printf(out, "%s%s", first && i == from ? "" : ", ", c);
  }
}

/* Is an extern's result of type ty a handle, NULL on failure: an object
 * of a library class, a list, tuple (a named one too), dict or set? */
static bool handle_result(const Type *ty) {
  switch (ty->kind) {
  case TY_CLASS: return ty->cls->is_extern;
  case TY_LIST: case TY_TUPLE: case TY_VARTUPLE: case TY_DICT: case TY_SET: return true;
  default: return false;
  }
}

/* An extern's errors: a handle is NULL and a status -1 on failure, with the
 * message in gt_last_error(); gt_ok and gt_ok_status turn them into a
 * run-time error at the current location. */
Val extern_result(E *e, Func *f, const char *call, Type *ty) {
  if (f->is_extern && f->ret_scalar) return val(unbox(e, call, ty), ty, false);  /* .item(): a gt_val */
  if (f->is_extern && f->ret->kind == TY_ANY) return val(unbox(e, call, ty), ty, type_is_ref(ty));  /* a new gt_val */
  if (f->is_extern && f->returns_status) return val(fmt(e, "gt_ok_status(%s)", call), ty, false);
  if (f->is_extern && handle_result(ty)) return val(fmt(e, "gt_ok(%s)", call), ty, true);
  return val(call, ty, type_is_ref(ty));
}

/* net(a, b) of a .gtp module the program may hook: its forward, then the
 * hooks the module holds, given the same inputs (gt_module_hooked); the
 * arguments are stable, so read twice. */
static Val hooked_forward(E *e, Node *n, CallInfo *ci) {
  Func *f = ci->fn;
  Val r = stable(e, ex(e, ci->recv));
  const char *self = coerce(e, r.c, r.ty, f->params[0].ty);
  Buf args = {0};
  call_args(e, ci, f->params, 1, &args, true);
  const char *call = fmt(e, "gt_ok(gt_module_hooked((gt_module *)%s, (gt_tensor *[]){%s}, %d, %s(%s, %s)))", self,
                         args.data, f->nparams - 1, ci->direct ? f->cname : method_cname(f), self, args.data);
  buf_free(&args);
  set_at(e, n);
  return val(call, n->ty, true);
}

Val ex_call_func(E *e, Node *n, CallInfo *ci) {
  Func *f = ci->fn;
  if (ci->module_call && module_may_be_hooked(e->p, ci->recv->ty->cls)) return hooked_forward(e, n, ci);
  Buf b = {0};
  bool picked = ci->kind == CALL_FUNC && ci->recv;  /* self.helper() of a static method a class has again */
  buf_printf(&b, "%s(", picked ? f->dispatch_cname : ci->kind == CALL_METHOD && !ci->direct ? method_cname(f) : f->cname);
  if (picked) {  /* its dispatcher, given the object first */
    buf_printf(&b, "(gt_obj *)%s", borrow(e, stable(e, ex(e, ci->recv))));
    call_args(e, ci, f->params, 0, &b, false);
  } else if (ci->kind == CALL_METHOD) {
    Val r = stable(e, ex(e, ci->recv));
    if (ci->on_layer) buf_printf(&b, "%s->_layer", arrow(e, r.c));
    else buf_printf(&b, "%s", coerce(e, r.c, r.ty, f->params[0].ty));
    if (ci->declared)  /* a command declaration: the field of its dest (-1: none), and whether None is a value */
      buf_printf(&b, ", %d, %s", ci->declared->field, ci->declared->optional ? "true" : "false");
    call_args(e, ci, f->params, 1, &b, false);
  } else {
    call_args(e, ci, f->params, 0, &b, true);
  }
  if (f->ret_scalar) {  /* .item(): the kind the checker inferred, or (upper case) the one expected where it knew
                          no dtype, the runtime checking either; 'n' a number of the tensor's kind */
    char kind = n->ty->kind == TY_BOOL ? 'b' : n->ty->kind == TY_INT ? 'i' : n->ty->kind == TY_NUMBER ? 'n' : 'f';
    buf_printf(&b, ", '%c'", ci->recv->ty->dtype || kind == 'n' ? kind : kind - 'a' + 'A');
  }
  if (f->is_extern && f->ret->kind == TY_ANY)  /* -> Any: the descriptor of the type expected */
    buf_printf(&b, "%s%s", f->nparams ? ", " : "", desc(e, n->ty));
  buf_printf(&b, ")");
  const char *call = fmt(e, "%s", b.data);
  buf_free(&b);
  /* an extern that can fail is located at its own column: F.nll_loss(F.log_softmax(x), y) */
  bool can_fail = f->is_extern && (f->returns_status || (f->ret->kind == TY_CLASS && f->ret->cls->is_extern));
  if (can_fail) set_at(e, n);
  else set_line(e, n);
  if (ci->negate) return val(fmt(e, "!%s", call), n->ty, false);
  if (f->returns_self && n->ty != f->ret) {  /* net.to(device) keeps net's class */
    Val r = extern_result(e, f, call, f->ret);
    return val(fmt(e, "(%s)%s", ctype(e, n->ty), r.c), n->ty, r.owned);
  }
  return extern_result(e, f, call, n->ty);
}

static Val ex_call_ctor(E *e, Node *n, CallInfo *ci) {
  if (ci->exc_arg || (ci->cls->protocol == PROTO_EXCEPTION && !ci->cls->is_extern && !ci->fn))
    return emit_exc_new(e, n, ci);  /* the argument of a built-in exception class's constructor */
  if (ci->cls->is_extern) {  /* torch.device("cpu"): the C constructor of __init__ */
    Buf b = {0};
    buf_printf(&b, "%s(", ci->fn->cname);
    call_args(e, ci, ci->fn->params, 1, &b, true);
    buf_printf(&b, ")");
    const char *call = fmt(e, "%s", b.data);
    buf_free(&b);
    set_line(e, n);
    return extern_result(e, ci->fn, call, n->ty);
  }
  Buf b = {0};
  buf_printf(&b, "%s(", ctor_cname(e, ci->cls, ci->fn));
  if (ci->fn && ci->fn->is_extern) {  /* no __init__ of its own: the layer it derives, made first */
    buf_printf(&b, "gt_ok(%s(", ci->fn->cname);
    call_args(e, ci, ci->fn->params, 1, &b, true);
    buf_printf(&b, "))");
  } else if (ci->fn) {
    call_args(e, ci, ci->fn->params, 1, &b, true);
  }
  buf_printf(&b, ")");
  Val r = val(fmt(e, "%s", b.data), n->ty, true);
  buf_free(&b);
  set_line(e, n);
  return r;
}

/* super().__init__(784, 500) of a class deriving a layer: the layer's
 * constructor; the object keeps its module (a second call replaces it). */
static Val ex_layer_init(E *e, Node *n, CallInfo *ci) {
  const char *self = arrow(e, borrow(e, ex(e, ci->recv)));
  Buf b = {0};
  buf_printf(&b, "%s(", ci->fn->cname);
  call_args(e, ci, ci->fn->params, 1, &b, true);
  buf_printf(&b, ")");
  Val layer = extern_result(e, ci->fn, fmt(e, "%s", b.data), ci->cls->ty);
  buf_free(&b);
  set_line(e, n);
  line(e, "%s->_layer = gt_replace(%s->_layer, %s);", self, self, own(e, layer));
  return val("NULL", n->ty, false);
}

/* self.register_buffer("pe", pe): the store of the field it declared. */
static Val ex_buffer(E *e, Node *n, CallInfo *ci) {
  const char *self = arrow(e, borrow(e, ex(e, ci->recv)));
  Val v = ex(e, ci->args[2]);
  const char *value = v.ty->kind == TY_NONE ? "NULL" : own(e, v);
  set_line(e, n);
  line(e, "%s->%s = gt_replace(%s->%s, %s);", self, ci->field->cname, self, ci->field->cname, value);
  return val("NULL", n->ty, false);
}

/* key=f: the list of f(x) for each item x of list l, in order, as CPython
 * calls a key once per item before it compares any. */
static const char *key_list(E *e, Node *key, const char *l, Type *elem) {
  Type *ft = key->ty;
  Val f = stable(e, ex(e, key));
  Type *lt = type_list(e->p, ft->elem);
  const char *keys = new_temp(e, lt), *i = new_temp(e, type_prim(TY_INT));
  release_later(e, keys);
  line(e, "%s = gt_list_new(%s, %s->len);", keys, desc(e, lt), l);
  line(e, "for (%s = 0; %s < %s->len; %s++) {", i, i, l, i);
  e->f->indent++;
  const char *x = coerce(e, unbox(e, fmt(e, "%s->items[%s]", l, i), elem), elem, ft->items[0]);
  const char *call = fmt(e, "%s(%s, %s)", fn_caller(e, ft), f.c, x);
  if (type_is_ref(ft->elem)) {
    const char *k = new_temp(e, ft->elem);
    line(e, "%s = %s;", k, call);
    line(e, "gt_list_append(%s, gt_vp(%s));", keys, k);
    line(e, "gt_release(%s);", k);
  } else {
    line(e, "gt_list_append(%s, %s);", keys, box(e, call, ft->elem));
  }
  e->f->indent--;
  line(e, "}");
  return keys;
}

/* xs.sort(key=f, reverse=r): by the keys (bm->cfunc + "_by"). */
static Val ex_sort_by(E *e, Node *n, CallInfo *ci, Val recv) {
  const BMethod *bm = ci->bmethod;
  const char *rev = "false";
  for (int i = 0; bm->params[i]; i++)
    if (bm->params[i] == 'b' && ci->args[i + 1]) rev = truth(e, stable(e, ex(e, ci->args[i + 1])));
  const char *keys = key_list(e, ci->key, recv.c, ci->recv->ty->elem);
  return failing(e, n, val(fmt(e, "%s_by(%s, %s, %s)", bm->cfunc, recv.c, keys, rev), n->ty, false));
}

static const char *slot_none(const Type *t);

static Val ex_bmethod(E *e, Node *n, CallInfo *ci) {
  const BMethod *bm = ci->bmethod;
  Type *rt = type_settled(ci->recv_ty ? ci->recv_ty : ci->recv->ty);
  Val recv = stable(e, ex(e, ci->recv));
  if (ci->key) return ex_sort_by(e, n, ci, recv);
  const char *fn = bm->cfunc;
  for (int i = 0; bm->params[i]; i++) {
    Type *at = ci->args[i + 1] ? ci->args[i + 1]->ty : NULL;
    if (bm->params[i] == 'I' && at && at->kind == TY_LIST) fn = fmt(e, "%s_list", fn);  /* a set's `other` as a list */
    bool tuple = at && (at->kind == TY_TUPLE || at->kind == TY_VARTUPLE);
    if (strchr("XJ", bm->params[i]) && tuple) fn = fmt(e, "%s_tuple", fn);  /* endswith((".a", ".b")), join(t) */
  }
  Buf b = {0};
  buf_printf(&b, "%s(%s", fn, recv.c);
  for (int i = 0; bm->params[i]; i++) {
    char letter = bm->params[i];
    Node *a = ci->args[i + 1];
    if (letter == 'F') continue;  /* key=None */
    if (!a) {
      buf_printf(&b, ", %s", bm->defaults[i]);
      continue;
    }
    Val v = stable(e, ex(e, a));
    Type *want = letter == 'E' || letter == 'V' ? rt->elem : letter == 'K' ? rt->key : v.ty;
    const char *c = coerce(e, v.c, v.ty, want);
    if (letter == 'E' || letter == 'K' || letter == 'V') c = box(e, c, want);
    buf_printf(&b, ", %s", c);
  }
  if (bm->ret == 'T' || bm->ret == 'p') buf_printf(&b, ", %s", desc(e, n->ty));  /* the result's descriptor */
  if (bm->ret == 'O') buf_printf(&b, ", %s", slot_none(n->ty));  /* d.get(k): None where it has no k */
  buf_printf(&b, ")");
  const char *c = fmt(e, "%s", b.data);
  buf_free(&b);
  if (bm->ret == 'E' || bm->ret == 'V') c = unbox(e, c, n->ty);
  if (bm->ret == 'O') c = unbox(e, c, n->ty->elem);
  return failing(e, n, val(c, n->ty, type_is_ref(n->ty)));
}

/* print(..., file=f): f.write() of each piece in turn, as Python's print
 * does (the values, sep between them, end), results dropped. */
static Val print_to_file(E *e, Node *n, CallInfo *ci, const char **parts, int count, const char *sep, const char *end) {
  const char *file = coerce(e, stable(e, ex(e, ci->recv)).c, ci->recv->ty, ci->fn->params[0].ty);
  if (strcmp(sep, "NULL") == 0) sep = str_literal(e, " ", 1);
  if (strcmp(end, "NULL") == 0) end = str_literal(e, "\n", 1);
  for (int i = 0; i < count; i++) {
    if (i) line(e, "(void)%s(%s, %s);", method_cname(ci->fn), file, sep);
    line(e, "(void)%s(%s, %s);", method_cname(ci->fn), file, parts[i]);
  }
  line(e, "(void)%s(%s, %s);", method_cname(ci->fn), file, end);
  return val("NULL", n->ty, false);
}

/* print(a, *xs, b): the strs gathered in a list where the program runs. */
static Val print_starred(E *e, Node *n, CallInfo *ci) {
  Type *strs = type_list(e->p, type_prim(TY_STR));
  const char *l = new_temp(e, strs);
  line(e, "%s = gt_list_new(%s, 0);", l, desc(e, strs));
  release_later(e, l);
  for (Node *a = n->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD) continue;
    if (a->kind == EX_STARRED) {
      Val v = ex(e, a->lhs);
      line(e, "gt_print_add(%s, gt_vp(%s), %s);", l, borrow(e, v), desc(e, v.ty));
      continue;
    }
    Val s = to_str(e, ex(e, a));
    line(e, "gt_list_append(%s, gt_vp(%s));", l, borrow(e, s));
  }
  const char *sep = ci->sep ? stable(e, ex(e, ci->sep)).c : "NULL";
  const char *end = ci->end ? stable(e, ex(e, ci->end)).c : "NULL";
  return val(fmt(e, "gt_print_list(%s, %s, %s)", l, sep, end), n->ty, false);
}

static Val ex_print(E *e, Node *n, CallInfo *ci) {
  for (Node *a = n->args; a; a = a->next)
    if (a->kind == EX_STARRED) return print_starred(e, n, ci);
  int count = 0;
  for (Node *a = n->args; a; a = a->next) count += a->kind != ND_KEYWORD;
  const char **parts = arena_alloc(e->p->arena, (count ? count : 1) * sizeof *parts);
  /* Every argument is evaluated before any is converted, as in Python. */
  Val *vals = arena_alloc(e->p->arena, (count ? count : 1) * sizeof *vals);
  count = 0;
  for (Node *a = n->args; a; a = a->next)
    if (a->kind != ND_KEYWORD) vals[count++] = operand(e, a);
  for (int i = 0; i < count; i++) parts[i] = stable(e, to_str(e, vals[i])).c;
  const char *sep = ci->sep ? stable(e, ex(e, ci->sep)).c : "NULL";
  const char *end = ci->end ? stable(e, ex(e, ci->end)).c : "NULL";
  if (ci->fn) return print_to_file(e, n, ci, parts, count, sep, end);
  Buf b = {0};
  buf_printf(&b, "gt_print(%d, ", count);
  if (!count) buf_printf(&b, "NULL");
  else buf_printf(&b, "(gt_str *[]){");
  for (int i = 0; i < count; i++) buf_printf(&b, "%s%s", i ? ", " : "", parts[i]);
  buf_printf(&b, "%s, %s, %s)", count ? "}" : "", sep, end);
  Val r = val(fmt(e, "%s", b.data), n->ty, false);
  buf_free(&b);
  return r;
}

/* print(..., flush=f): the print, then stdout (the file: its flush
 * method) written out where f is true. */
static Val ex_print_flushed(E *e, Node *n, CallInfo *ci) {
  Val r = ex_print(e, n, ci);
  if (strcmp(r.c, "NULL") != 0) line(e, "%s;", r.c);
  const char *f = truth(e, stable(e, ex(e, ci->flush)));
  if (!ci->fn) {
    line(e, "gt_print_flush(%s);", f);
  } else if (ci->flush_fn) {
    const char *file = coerce(e, stable(e, ex(e, ci->recv)).c, ci->recv->ty, ci->flush_fn->params[0].ty);
    line(e, "if (%s) %s(%s);", f, method_cname(ci->flush_fn), file);
  }
  return val("NULL", n->ty, false);
}

/* min(a, b, ...) / max(a, b, ...) of numbers or strs. */
static Val ex_minmax_args(E *e, Node *n, bool is_min) {
  const char *res = new_temp(e, n->ty);
  bool first = true;
  for (Node *a = n->args; a; a = a->next) {
    Val v = stable(e, ex(e, a));
    const char *c = coerce(e, v.c, v.ty, n->ty);
    if (first) {
      line(e, "%s = %s;", res, c);
      first = false;
      continue;
    }
    const char *cmp = n->ty->kind == TY_STR      ? fmt(e, "gt_str_cmp(%s, %s) %s 0", c, res, is_min ? "<" : ">")
                      : n->ty->kind == TY_NUMBER ? fmt(e, "gt_num_cmp(%s, %s) %s 0", c, res, is_min ? "<" : ">")
                                                 : fmt(e, "%s %s %s", c, is_min ? "<" : ">", res);
    line(e, "if (%s) %s = %s;", cmp, res, c);
  }
  return val(res, n->ty, false);
}

/* next(it) of an extern iterator: its __next__, `int next(it, T1 *out1,
 * ...)`, which gives 1 and new references in the outs, 0 at the end
 * (StopIteration), -1 on an error. */
static Val next_extern(E *e, Node *n, Func *next, Node *a0) {
  const char *it = stable(e, ex(e, a0)).c;
  Type *rt = next->ret;
  int nouts = extern_outs(next);
  const char **outs = arena_alloc(e->p->arena, nouts * sizeof *outs);
  Buf b = {0};
  buf_printf(&b, "%s(%s", next->cname, it);
  for (int j = 0; j < nouts; j++) {
    outs[j] = new_out_temp(e, nouts > 1 ? rt->items[j] : rt);
    buf_printf(&b, ", &%s", outs[j]);
  }
  buf_printf(&b, ")");
  const char *status = new_temp(e, type_prim(TY_INT));
  set_at(e, n);
  line(e, "%s = %s;", status, b.data);
  buf_free(&b);
  line(e, "if (%s <= 0) {", status);
  line(e, "  gt_ok_status(%s);", status);
  line(e, "  gt_fail(\"StopIteration\");");
  line(e, "}");
  if (nouts == 1) return temp_result(e, outs[0], rt);
  Buf t = {0};
  buf_printf(&t, "gt_tuple_of(%s", desc(e, rt));
  for (int j = 0; j < nouts; j++) {
    buf_printf(&t, ", %s", box(e, outs[j], rt->items[j]));
    if (type_is_ref(rt->items[j])) release_later(e, outs[j]);  /* the tuple holds its own */
  }
  buf_printf(&t, ")");
  Val r = val(fmt(e, "%s", t.data), rt, true);
  buf_free(&t);
  return r;
}

/* next(g): its next element, `StopIteration` at its end; next(g, d): d
 * there (None for an Optional result: the element type's None). */
static Val ex_next(E *e, Node *n, Node *a0, Node *a1) {
  CallInfo *ci = n->info;
  if (ci->fn) return next_extern(e, n, ci->fn, a0);
  Type *el = a0->ty->elem, *t = n->ty;
  if (!a1) {
    Val g = ex(e, a0);
    return failing(e, n, val(unbox(e, fmt(e, "gt_next(%s)", borrow(e, g)), el), t, type_is_ref(t)));
  }
  Val g = stable(e, ex(e, a0));
  Val d = ex(e, a1);
  const char *dc = coerce(e, borrow(e, d), d.ty, t);
  const char *c = fmt(e, "gt_next_or(%s, %s, %s)", g.c, box(e, dc, el), desc(e, el));
  return failing(e, n, val(unbox(e, c, el), t, type_is_ref(t)));
}

/* A list from any iterable value (list, str, dict, set), borrowed or owned. */
Val as_list(E *e, Val v, Type *elem) {
  switch (v.ty->kind) {
  case TY_STR: return val(fmt(e, "gt_list_of_str(%s)", borrow(e, v)), type_list(e->p, elem), true);
  case TY_DICT: return val(fmt(e, "gt_dict_keys(%s)", borrow(e, v)), type_list(e->p, elem), true);
  case TY_SET: return val(fmt(e, "gt_set_list(%s)", borrow(e, v)), type_list(e->p, elem), true);
  case TY_TUPLE:
  case TY_VARTUPLE: {  /* a `*args` tuple's items, or a tuple's of one item type */
    const char *t = borrow(e, v);
    Type *l = type_list(e->p, elem);
    return val(fmt(e, "gt_list_from_array(%s, %s->len, %s->items)", desc(e, l), t, t), l, true);
  }
  case TY_GENERATOR: {  /* the rest of its elements */
    Type *lt = type_list(e->p, elem);
    return val(fmt(e, "gt_gen_list(%s, %s)", borrow(e, v), desc(e, lt)), lt, true);
  }
  default: return v;
  }
}

/* list(range(...)) of a range() call: its numbers */
static Val range_list(E *e, Node *call, Type *elem) {
  const char *x, *y, *z;
  range_args(e, call, &x, &y, &z);
  return failing(e, call, val(fmt(e, "gt_range_list(%s, %s, %s)", x, y, z), type_list(e->p, elem), true));
}

/* min(xs, default=d) (key= too): d, evaluated after xs, where xs has no
 * items, else the least (greatest), each made the call's type. */
static Val minmax_default(E *e, Node *n, CallInfo *ci, Type *t) {
  Node *xs = ci->args[0];
  Type *xt = xs->ty;  /* a list, set, generator, dict, str or range() */
  Type *el = xt->kind == TY_RANGE ? type_prim(TY_INT) : xt->kind == TY_DICT ? xt->key : xt->kind == TY_STR ? xt : xt->elem;
  Val v = stable(e, is_range_call(xs) ? range_list(e, xs, el) : ex(e, xs));
  Val d = stable(e, ex(e, ci->args[1]));
  const char *l = borrow(e, stable(e, as_list(e, v, el)));
  bool max = ci->builtin == BI_MAX;
  const char *best = ci->key ? fmt(e, "%s->items[gt_keys_best(%s, %s, %s)]", l, key_list(e, ci->key, l, el),
                                   max ? "true" : "false", c_quote(e, max ? "max" : "min"))
                             : fmt(e, "%s(%s)", max ? "gt_max" : "gt_min", l);
  Val found = val(unbox(e, best, el), el, type_is_ref(el) && !ci->key);
  const char *res = new_temp(e, t);
  bool ref = type_is_ref(t);
  line(e, "if (%s->len == 0) {", l);
  line(e, "  %s = %s;", res, ref ? owned_as(e, d, t).c : coerce(e, d.c, d.ty, t));
  line(e, "} else {");
  e->f->indent++;
  int mark = e->f->npending;
  line(e, "%s = %s;", res, ref ? owned_as(e, found, t).c : coerce(e, found.c, el, t));
  flush(e, mark);
  e->f->indent--;
  line(e, "}");
  if (ref) release_later(e, res);
  return failing(e, n, val(res, t, false));
}

/* set() and set(xs): a new set of xs's elements (a range's numbers, a
 * dict's keys), added in order. */
static Val ex_set_call(E *e, Node *arg, Type *t) {
  if (!arg) return val(fmt(e, "gt_set_new(%s)", desc(e, t)), t, true);
  if (is_range_call(arg))
    return val(fmt(e, "gt_set_of_list(%s, %s)", desc(e, t), borrow(e, range_list(e, arg, t->elem))), t, true);
  Val v = ex(e, arg);
  if (v.ty->kind == TY_SET) return val(fmt(e, "gt_set_copy(%s)", borrow(e, v)), t, true);
  if (v.ty->kind == TY_DICT) return val(fmt(e, "gt_set_of_dict(%s, %s)", desc(e, t), borrow(e, v)), t, true);
  Val l = as_list(e, v, t->elem);
  return val(fmt(e, "gt_set_of_list(%s, %s)", desc(e, t), borrow(e, l)), t, true);
}

/* issubclass(t, C) / issubclass(t, (C, D)) of a class value t: its chain. */
static Val issubclass_value(E *e, Node *a, Node *b, Type *t) {
  const char *v = stable(e, ex(e, a)).c;
  Buf test = {0};
  for (Node *x = b->kind == EX_TUPLE ? b->elts : b; x; x = b->kind == EX_TUPLE ? x->next : NULL) {
    const char *of = x->ty->kind == TY_CLASSREF ? class_object(e, x->ty->cls) : fmt(e, "%s->of", stable(e, ex(e, x)).c);
    buf_printf(&test, "%sgt_classobj_derives(%s, %s)", test.data ? " || " : "", v, of);
  }
  const char *r = fmt(e, b->kind == EX_TUPLE ? "(%s)" : "%s", test.data);
  buf_free(&test);
  return val(r, t, false);
}

/* Is module v (a stable C value) of layer class k where it runs: its type
 * name is k's, or that of a library class deriving k (MultiheadAttention's
 * out_proj, a NonDynamicallyQuantizableLinear, is a Linear)? */
const char *module_is(E *e, const char *v, const ClassInfo *k) {
  const char *test = fmt(e, "gt_module_is((gt_module *)%s, %s)", v, c_quote(e, k->name));
  for (Module *m = e->p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next)
      if (d != k && d->is_extern && class_derives(d, k))
        test = fmt(e, "(%s || gt_module_is((gt_module *)%s, %s))", test, v, c_quote(e, d->name));
  return test;
}

/* isinstance(v, k) of an object v of static class own: static but for
 * modules, a .gtp class's derived classes and exceptions (which layer an
 * nn.Module value is shows at run time). */
static const char *isinstance_class(E *e, const char *v, ClassInfo *own, ClassInfo *k) {
  if (class_is_a(own, k)) return "true";
  if (!k->is_extern && class_derives(k, own))  /* a Shape that may be a Circle: its class's chain */
    return has_instances(e->p, k) ? fmt(e, "gt_is_subclass(((gt_obj *)%s)->cls, %s)", v, class_object(e, k)) : "false";
  if (is_module_type(own->ty) && is_module_type(k->ty)) return module_is(e, v, k);
  if (k->is_extern && k->protocol == PROTO_EXCEPTION && class_derives(k, own))  /* an Exception that may be a KeyError */
    return fmt(e, "gt_exc_is((gt_exc *)%s, &%s_class)", v, k->cname);
  Func *asks = k->is_extern && class_derives(k, own) ? class_method(own, "__isinstance__") : NULL;
  if (asks)  /* an Optimizer that may be an Adam: the object's own answer */
    return fmt(e, "%s((%s)%s, %s)", asks->cname, ctype(e, asks->params[0].ty), v, c_quote(e, k->name));
  return "false";
}

/* isinstance(u, T) of a union value u (stable): its member is one the
 * checker lists (an object of a class within it, of that class), and for
 * an Optional, u holds one. */
static const char *isinstance_union(E *e, Val u, CallInfo *ci) {
  Buf test = {0};
  for (int i = 0; i < ci->nisa_members; i++) {
    Type *m = ci->isa_members[i];
    const char *is = fmt(e, "gt_union_type(%s) == %s", u.c, union_desc(e, m));
    if (ci->isa_within[i])
      is = fmt(e, "(%s && %s)", is, isinstance_class(e, union_value(e, u.c, m), m->cls, ci->isa_within[i]));
    buf_printf(&test, "%s%s", i ? " || " : "", is);
  }
  const char *c = test.data ? fmt(e, "(%s)", test.data) : "false";
  buf_free(&test);
  if (u.ty->kind == TY_OPTIONAL && ci->nisa_members) c = fmt(e, "(%s && %s)", present(e, u.c, u.ty), c);
  return c;
}

/* hasattr(x, "name") where it runs: x's late field or namespace slot is
 * set, or x is of a class that has it (check_builtin.c attr_presence). */
static Val ex_hasattr(E *e, Node *x, const char *name, CallInfo *ci, Type *t) {
  if (ci->isa != ISA_DYNAMIC) {
    if (x->ty->kind != TY_MODULE && x->ty->kind != TY_CLASSREF) discard(e, ex(e, x));  /* names are no values */
    return val(ci->isa == ISA_TRUE ? "true" : "false", t, false);
  }
  Val v = stable(e, ex(e, x));
  Type *vt = v.ty->kind == TY_OPTIONAL ? v.ty->elem : v.ty;
  Buf test = {0};
  Field *f = ci->has_field;
  if (ci->has_method)  /* the extern class's own answer: `__hasattr__(x, "name")` */
    buf_printf(&test, "%s((%s)%s, %s)", ci->has_method->cname, ctype(e, ci->has_method->params[0].ty), v.c,
               c_quote(e, name));
  else if (f && f->late) buf_printf(&test, "%s->%s", arrow(e, v.c), late_flag(e, f));
  else if (f) buf_printf(&test, "gt_namespace_has((gt_namespace *)%s, %d)", v.c, (int)(f - vt->cls->fields));
  for (int i = 0; i < ci->nhas_classes; i++) {
    ClassInfo *k = ci->has_classes[i];
    const Field *late = ci->has_late[i];
    const char *isa = isinstance_class(e, v.c, vt->cls, k);
    if (late) isa = fmt(e, "(%s && ((%s)%s)->%s)", isa, ctype(e, k->ty), v.c, late_flag(e, late));
    buf_printf(&test, "%s%s", i ? " || " : "", isa);
  }
  if (!test.data)  /* an Optional of a class that has it: its value's presence alone */
    return val(present(e, v.c, v.ty), t, false);
  const char *r = v.ty->kind == TY_OPTIONAL ? fmt(e, "(%s && (%s))", present(e, v.c, v.ty), test.data)
                                            : fmt(e, ci->nhas_classes > 1 ? "(%s)" : "%s", test.data);
  buf_free(&test);
  return val(r, t, false);
}

static Val ex_builtin(E *e, Node *n, CallInfo *ci) {
  Node *a0 = NULL, *a1 = NULL;
  int np = 0;
  for (Node *a = n->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD) continue;
    if (np == 0) a0 = a;
    else if (np == 1) a1 = a;
    np++;
  }
  Type *t = n->ty;
  if (a0 && a0->kind == EX_GENEXP) return ex_genexp_fold(e, n, ci->builtin);
  switch (ci->builtin) {
  case BI_PRINT: return ci->flush ? ex_print_flushed(e, n, ci) : ex_print(e, n, ci);
  case BI_DICT: return ex(e, a0);  /* dict() of a generator expression, or dict(x): its dict comprehension */
  case BI_ANY:
  case BI_ALL: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_GENERATOR)  /* lazily: it stops at the element that decides */
      return val(fmt(e, "%s(%s, %s)", ci->builtin == BI_ANY ? "gt_gen_any" : "gt_gen_all", borrow(e, v), desc(e, v.ty->elem)), t,
                 false);
    const char *l = borrow(e, as_list(e, v, v.ty->elem));
    return val(fmt(e, "%s(%s)", ci->builtin == BI_ANY ? "gt_list_any" : "gt_list_all", l), t, false);
  }
  case BI_DIVMOD: {
    bool floats = t->items[0]->kind == TY_FLOAT;
    Type *q = t->items[0];
    Val x = stable(e, ex(e, a0)), y = ex(e, a1);
    const char *c = fmt(e, "gt_divmod_%s(%s, %s, %s)", floats ? "float" : "int", desc(e, t), coerce(e, x.c, x.ty, q),
                        coerce(e, y.c, y.ty, q));
    return failing(e, n, val(c, t, true));
  }
  case BI_ISINSTANCE: {
    if (!ci->cls) {  /* built-in types: as check.c decided */
      Val v = ex(e, a0);
      if (ci->isa == ISA_TRUE || ci->isa == ISA_FALSE) {
        discard(e, v);
        return val(ci->isa == ISA_TRUE ? "true" : "false", t, false);
      }
      v = stable(e, v);
      if (ci->isa == ISA_NOT_NONE) return val(present(e, v.c, v.ty), t, false);
      if (ci->isa == ISA_DYNAMIC) return val(fmt(e, "gt_dyn_isinstance(%s, %s)", v.c, ci->isa_kinds), t, false);
      if (ci->isa == ISA_UNION) return val(isinstance_union(e, v, ci), t, false);
      const char *test = ci->isa == ISA_NUM_INT     ? "gt_num_is_int(%s)"
                         : ci->isa == ISA_NUM_FLOAT ? "!gt_num_is_int(%s)"
                         : ci->isa == ISA_NUM_BOOL  ? "gt_num_is_bool(%s)"
                                                    : "(!gt_num_is_int(%s) || gt_num_is_bool(%s))";
      return val(fmt(e, test, v.c, v.c), t, false);
    }
    Val v = stable(e, ex(e, a0));
    if (v.ty->kind != TY_OPTIONAL) return val(isinstance_class(e, v.c, v.ty->cls, ci->cls), t, false);
    /* an Optional[Shape]: None is no Circle */
    return val(fmt(e, "(%s && %s)", present(e, v.c, v.ty), isinstance_class(e, v.c, v.ty->elem->cls, ci->cls)), t, false);
  }
  case BI_HASATTR: return ex_hasattr(e, a0, a1->str, ci, t);
  case BI_HASH: {  /* CPython's hash: a set's order follows it */
    Val v = ex(e, a0);
    return val(fmt(e, "gt_hash(%s, %s)", box(e, borrow(e, v), v.ty), desc(e, v.ty)), t, false);
  }
  case BI_ISSUBCLASS:  /* classes are names: check.c decided; a class value's chain tells */
    if (ci->isa == ISA_CLASS_VALUE) return issubclass_value(e, a0, a1, t);
    return val(ci->isa == ISA_TRUE ? "true" : "false", t, false);
  case BI_LEN: {
    Val v = ex(e, a0);
    const char *c = borrow(e, v);
    switch (v.ty->kind) {
    case TY_STR: return val(fmt(e, "gt_str_len(%s)", c), t, false);
    case TY_LIST: return val(fmt(e, "gt_list_len(%s)", c), t, false);
    case TY_DICT: return val(fmt(e, "gt_dict_len(%s)", c), t, false);
    case TY_SET: return val(fmt(e, "gt_set_len(%s)", c), t, false);
    default: return val(fmt(e, "%s->len", c), t, false);
    }
  }
  case BI_STR: return to_str(e, ex(e, a0));
  case BI_REPR: return to_repr(e, ex(e, a0));
  case BI_INT: {
    if (ci->nargs == 2) {  /* int(s, base) */
      Val s = stable(e, ex(e, ci->args[0])), base = ex(e, ci->args[1]);
      return failing(e, n, val(fmt(e, "gt_int_of_str_base(%s, %s)", borrow(e, s), base.c), t, false));
    }
    Val v = ex(e, a0);
    if (v.ty->kind == TY_INT) return v;
    if (v.ty->kind == TY_BOOL) return val(fmt(e, "(int64_t)%s", v.c), t, false);
    if (v.ty->kind == TY_FLOAT) return failing(e, n, val(fmt(e, "gt_float_to_int(%s)", v.c), t, false));
    if (v.ty->kind == TY_NUMBER) return failing(e, n, val(fmt(e, "gt_num_to_int(%s)", v.c), t, false));
    return failing(e, n, val(fmt(e, "gt_int_of_str(%s)", borrow(e, v)), t, false));
  }
  case BI_FLOAT: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_FLOAT) return v;
    if (v.ty->kind == TY_STR) return failing(e, n, val(fmt(e, "gt_float_of_str(%s)", borrow(e, v)), t, false));
    if (v.ty->kind == TY_NUMBER) return val(fmt(e, "gt_num_as_float(%s)", v.c), t, false);
    return val(fmt(e, "(double)%s", v.c), t, false);
  }
  case BI_BOOL: return val(truth(e, ex(e, a0)), t, false);
  case BI_ABS: {
    Val v = ex(e, a0);
    if (t->kind == TY_FLOAT) return val(fmt(e, "gt_math_fabs(%s)", v.c), t, false);
    if (t->kind == TY_NUMBER) return failing(e, n, val(fmt(e, "gt_num_abs(%s)", v.c), t, false));
    return val(fmt(e, "gt_int_abs(%s)", v.c), t, false);
  }
  case BI_MIN:
  case BI_MAX:
    if (np == 1 && ci->nargs == 2) return minmax_default(e, n, ci, t);
    if (np == 1) {
      Val v = is_range_call(a0) ? range_list(e, a0, t) : ex(e, a0);
      if (ci->key) {  /* the item of the first least (greatest) key */
        const char *l = borrow(e, as_list(e, v, t)), *keys = key_list(e, ci->key, l, t);
        const char *best = fmt(e, "gt_keys_best(%s, %s, %s)", keys, ci->builtin == BI_MAX ? "true" : "false",
                               c_quote(e, ci->builtin == BI_MAX ? "max" : "min"));
        return failing(e, n, val(unbox(e, fmt(e, "%s->items[%s]", l, best), t), t, false));
      }
      v = as_list(e, v, v.ty->elem);  /* a set's elements */
      const char *c = fmt(e, "%s(%s)", ci->builtin == BI_MIN ? "gt_min" : "gt_max", borrow(e, v));
      return failing(e, n, val(unbox(e, c, t), t, type_is_ref(t)));
    }
    return ex_minmax_args(e, n, ci->builtin == BI_MIN);
  case BI_SUM: {
    if (is_range_call(a0)) return val(fmt(e, "gt_sum_int(%s)", borrow(e, range_list(e, a0, t))), t, false);
    Val v = ex(e, a0);
    v = as_list(e, v, v.ty->elem);  /* a set's elements */
    const char *sum = t->kind == TY_FLOAT ? "gt_sum_float" : t->kind == TY_NUMBER ? "gt_sum_num" : "gt_sum_int";
    return failing(e, n, val(fmt(e, "%s(%s)", sum, borrow(e, v)), t, false));
  }
  case BI_ROUND: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_NUMBER && !a1) return failing(e, n, val(fmt(e, "gt_num_round(%s)", v.c), t, false));
    if (v.ty->kind == TY_NUMBER) {
      Val d = stable(e, ex(e, a1));
      return failing(e, n, val(fmt(e, "gt_num_round_digits(%s, %s)", v.c, d.c), t, false));
    }
    if (!a1) {
      if (v.ty->kind == TY_FLOAT) return failing(e, n, val(fmt(e, "gt_round_int(%s)", v.c), t, false));
      return val(fmt(e, "(int64_t)%s", v.c), t, false);
    }
    Val d = stable(e, ex(e, a1));
    if (v.ty->kind != TY_FLOAT) return val(fmt(e, "gt_int_round(%s, %s)", v.c, d.c), t, false);
    return val(fmt(e, "gt_round_float(%s, %s)", v.c, d.c), t, false);
  }
  case BI_TUPLE: {  /* tuple(xs): a tuple[T, ...] of the items of the list xs is, or is made into */
    Val l = a0->kind == EX_LISTCOMP ? ex(e, a0) : as_list(e, ex(e, a0), t->elem);
    const char *c = borrow(e, stable(e, l));
    return val(fmt(e, "gt_tuple_of_elems(%s, %s->len, %s->items)", desc(e, t->elem), c, c), t, true);
  }
  case BI_SORTED:
  case BI_REVERSED:
  case BI_LIST: {
    if (a0->kind == EX_LISTCOMP && ci->builtin == BI_LIST) return ex(e, a0);  /* list(x for x in xs): a new list already */
    Val v = ex(e, a0);
    if (v.ty->kind == TY_RANGE) return val("NULL", t, false);  /* handled by ex_list_range */
    Val l = as_list(e, v, t->elem);
    bool fresh = l.owned && v.ty->kind != TY_LIST;
    const char *c = borrow(e, l);
    if (ci->builtin == BI_SORTED) {
      Node *rk = NULL;
      for (Node *a = n->args; a; a = a->next)
        if (a->kind == ND_KEYWORD && strcmp(a->name, "reverse") == 0) rk = a->rhs;
      const char *rev = rk ? truth(e, stable(e, ex(e, rk))) : "false";
      if (ci->key) return failing(e, n, val(fmt(e, "gt_sorted_by(%s, %s, %s)", c, key_list(e, ci->key, c, t->elem), rev), t, true));
      return failing(e, n, val(fmt(e, "gt_sorted(%s, %s)", c, rev), t, true));
    }
    if (ci->builtin == BI_REVERSED) return val(fmt(e, "gt_reversed(%s)", c), t, true);
    if (fresh) return val(fmt(e, "gt_retain(%s)", c), t, true);
    return val(fmt(e, "gt_list_copy(%s)", c), t, true);
  }
  case BI_SET: return a0 && a0->kind == EX_SETCOMP ? ex(e, a0) : ex_set_call(e, a0, t);
  case BI_MAP:
  case BI_FILTER: return map_list(e, ci->plan, t);  /* taken whole: a loop where it is called walks it lazily */
  case BI_NEXT: return ex_next(e, n, a0, a1);
  case BI_ITER: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_GENERATOR) return v;  /* iter(g) is g */
    Val l = as_list(e, v, t->elem);          /* a str's characters, a dict's keys, a set's elements: now */
    return val(fmt(e, "gt_iter_list(%s)", borrow(e, l)), t, true);
  }
  case BI_INPUT: {
    const char *pr = a0 ? borrow(e, ex(e, a0)) : "NULL";
    return failing(e, n, val(fmt(e, "gt_input(%s)", pr), t, true));
  }
  default: break;
  }
  return val("0", t, false);
}

/* list(range(a, b, c)) */
static bool is_range_call(Node *n) {
  return n->kind == EX_CALL && n->info && ((CallInfo *)n->info)->kind == CALL_BUILTIN &&
         ((CallInfo *)n->info)->builtin == BI_RANGE;
}

static void range_args(E *e, Node *call, const char **start, const char **stop, const char **step) {
  Node *a[3] = {0};
  int n = 0;
  for (Node *x = call->args; x && n < 3; x = x->next) a[n++] = x;
  Val v[3];
  for (int i = 0; i < n; i++) v[i] = stable(e, ex(e, a[i]));
  *start = n >= 2 ? v[0].c : "0";
  *stop = n >= 2 ? v[1].c : v[0].c;
  *step = n == 3 ? v[2].c : "1";
}

/* f(a, b) of a Callable value: through its gt_fn, with fn_caller's C
 * function. A value that is not a local is held for the call, which may
 * rebind where it came from. */
static Val ex_call_value(E *e, Node *n, CallInfo *ci) {
  Type *ft = ci->recv->ty;
  Val f = ex(e, ci->recv);
  const Sym *y = ci->recv->kind == EX_NAME ? ci->recv->sym : NULL;
  f = y && (y->kind == SYM_LOCAL || y->kind == SYM_PARAM) ? stable(e, f) : snapshot(e, stable(e, f));
  Param *params = arena_alloc(e->p->arena, (ft->nitems ? ft->nitems : 1) * sizeof *params);
  for (int i = 0; i < ft->nitems; i++) params[i].ty = ft->items[i];
  Buf b = {0};
  buf_printf(&b, "%s(%s", fn_caller(e, ft), f.c);
  call_args(e, ci, params, 0, &b, false);
  buf_printf(&b, ")");
  const char *call = fmt(e, "%s", b.data);
  buf_free(&b);
  set_line(e, n);
  return val(call, n->ty, type_is_ref(n->ty));
}

const char *slot_box(E *e, const char *c, const Type *t) {
  return box(e, c, t->kind == TY_OPTIONAL && !type_is_ref(t->elem) ? t->elem : t);
}

const char *slot_unbox(E *e, const char *c, const Type *t) {
  return unbox(e, c, t->kind == TY_OPTIONAL && !type_is_ref(t->elem) ? t->elem : t);
}

/* None, or nothing yet, in a slot of type t */
static const char *slot_none(const Type *t) {
  switch (t->kind == TY_OPTIONAL ? t->elem->kind : t->kind) {
  case TY_INT: return "gt_vi(GT_NONE_INT)";
  case TY_FLOAT: return "gt_vf(GT_NONE_FLOAT)";
  case TY_BOOL: return "gt_vb(false)";
  default: return "gt_vp(NULL)";
  }
}

/* A value of the declaration (check_declared.c) as the slot of type t. */
static const char *declared_value(E *e, Node *v, Type *t) {
  if (!v) return slot_none(t);
  Val x = ex(e, v);
  Type *want = t->kind == TY_OPTIONAL ? t->elem : t;
  return slot_box(e, coerce(e, borrow(e, x), x.ty, want), want);
}

/* type(x), x.__class__: the class object of x's class (a module's, one
 * per layer type where the class is the library's). */
Val class_of(E *e, Node *x, Type *ty) {
  Val v = ex(e, x);
  if (is_module_type(v.ty)) return val(fmt(e, "gt_module_classobj((gt_module *)%s)", borrow(e, v)), ty, false);
  if (v.ty->kind != TY_CLASS || type_is_dynamic(v.ty))  /* type(3.5), of a union: by the value's descriptor */
    return val(fmt(e, "gt_classobj_of_val(%s, %s)", box(e, borrow(e, v), v.ty), desc(e, v.ty)), ty, false);
  return val(fmt(e, "gt_classobj_of_obj(%s)", borrow(e, v)), ty, false);
}

/* parser.add_argument("--lr", type=float, ...): the runtime's add of the
 * declaration's record: the field's slot and type, the option strings,
 * then each keyword's value in the order gtorch_argparse.h takes them. */
/* parser.set_defaults(k=v, ...): the runtime's set of each field's
 * default, in the order given. */
static Val ex_defaults(E *e, Node *n, CallInfo *ci) {
  Val r = stable(e, ex(e, ci->recv));
  Buf b = {0};
  for (DeclaredField *d = ci->declared; d; d = d->next_default) {
    Type *ft = d->cls->fields[d->field].ty;
    Type *row = ft->kind == TY_OPTIONAL ? ft->elem : ft;
    buf_printf(&b, "%s%s(%s, %d, %s, %s, %s, %s)", b.data ? ", " : "", ci->fn->cname, r.c, d->field, desc(e, row),
               d->optional ? "true" : "false", declared_value(e, d->dflt->kind == EX_NONE ? NULL : d->dflt, ft),
               c_quote(e, d->dest));
  }
  const char *call = fmt(e, ci->declared->next_default ? "(%s)" : "%s", b.data);
  buf_free(&b);
  set_line(e, n);
  return val(call, n->ty, false);
}

static Val ex_declared(E *e, Node *n, CallInfo *ci) {
  if (ci->fn->declares_defaults) return ex_defaults(e, n, ci);
  DeclaredField *d = ci->declared;
  Type *ft = d->cls->fields[d->field].ty;
  Type *row = ft->kind == TY_OPTIONAL ? ft->elem : ft;  /* the slot's descriptor: T of Optional[T] */
  Val r = stable(e, ex(e, ci->recv));
  Buf b = {0};
  buf_printf(&b, "%s(%s, %d, %s, %s, ", ci->fn->cname, r.c, d->field, desc(e, row), d->optional ? "true" : "false");
  if (d->nflags) buf_printf(&b, "(const char *const[]){");
  for (int i = 0; i < d->nflags; i++) buf_printf(&b, "%s%s", i ? ", " : "", c_quote(e, d->flags[i]->str));
  buf_printf(&b, "%s, %d, %s, %s, %s, ", d->nflags ? "}" : "NULL", d->nflags, c_quote(e, d->action), d->nargs ? c_quote(e, d->nargs) : "NULL",
             desc(e, d->conv));
  buf_printf(&b, "%s, ", declared_value(e, d->dflt, ft));
  buf_printf(&b, "%s, ", declared_value(e, d->cnst, d->conv));
  buf_printf(&b, "%s, ", d->choices ? borrow(e, ex(e, d->choices)) : "NULL");
  buf_printf(&b, "%s, %s, ", d->required ? "true" : "false", d->help ? borrow(e, ex(e, d->help)) : "NULL");
  buf_printf(&b, "%s, %s)", d->metavar ? c_quote(e, d->metavar) : "NULL", c_quote(e, d->dest));
  const char *call = fmt(e, "%s", b.data);
  buf_free(&b);
  set_line(e, n);
  return val(call, n->ty, false);
}

static Val ex_call_kind(E *e, Node *n, CallInfo *ci);

/* Does the call take its arguments whole, keeping none but by a reference
 * of its own (a function of the program, next(), sum()): not one that
 * gives a lazy object over its argument (enumerate(), zip(), iter()). */
static bool consumes_args(const CallInfo *ci) {
  if (ci->kind == CALL_FUNC || ci->kind == CALL_METHOD) return true;
  if (ci->kind != CALL_BUILTIN) return false;
  switch (ci->builtin) {
  case BI_NEXT: case BI_ANY: case BI_ALL: case BI_SUM: case BI_MIN: case BI_MAX: case BI_SORTED: case BI_LIST:
  case BI_TUPLE: case BI_SET: case BI_LEN:
    return true;
  default:
    return false;
  }
}

/* A generator the call's arguments made (`print(next(values()))`) is
 * released when the call returns, as CPython's: a generator left
 * unfinished is closed there, its finally blocks running before the rest
 * of the statement, not at its end. The result goes to a temporary first. */
static Val release_generators(E *e, Val r, int pending_mark, int generators_mark) {
  FnState *f = e->f;
  bool any = false;
  for (int i = generators_mark; i < f->ngenerators && !any; i++)
    for (int j = pending_mark; j < f->npending && !any; j++) any = strcmp(f->generators[i], f->pending[j]) == 0;
  if (!any) return r;
  int end = f->ngenerators;  /* not the result's own temporary, which stable may make */
  r = stable(e, r);
  for (int i = generators_mark; i < end; i++)
    for (int j = pending_mark; j < f->npending; j++)
      if (strcmp(f->generators[i], f->pending[j]) == 0) line(e, "%s = gt_replace(%s, NULL);", f->pending[j], f->pending[j]);
  return r;
}

Val ex_call(E *e, Node *n) {
  CallInfo *ci = n->info;
  if (!consumes_args(ci) || !e->f) return ex_call_kind(e, n, ci);
  int pending_mark = e->f->npending, generators_mark = e->f->ngenerators;
  return release_generators(e, ex_call_kind(e, n, ci), pending_mark, generators_mark);
}

/* A union call's member whose call does not check, a getattr call's
 * name of no class it may make: the error, where it runs. */
static Val ex_misfit(E *e, Node *n, CallInfo *ci) {
  const char *name = ci->nargs ? stable(e, ex(e, ci->args[0])).c : NULL;
  set_at(e, n);
  if (name) line(e, "gt_fail(%s, (int)%s->len, %s->data);", c_quote(e, ci->misfit), name, name);
  else line(e, "gt_fail(\"%%s\", %s);", c_quote(e, ci->misfit));
  return val("NULL", n->ty, false);
}

static Val ex_call_kind(E *e, Node *n, CallInfo *ci) {
  switch (ci->kind) {
  case CALL_DECLARE: return ex_declared(e, n, ci);
  case CALL_NAMED_TUPLE: return ex_named_tuple(e, n, ci);
  case CALL_VALUE: return ex_call_value(e, n, ci);
  case CALL_FUNC:
  case CALL_METHOD: return ex_call_func(e, n, ci);
  case CALL_CTOR: return ex_call_ctor(e, n, ci);
  case CALL_TYPE_OF: return class_of(e, ci->args[0], n->ty);
  case CALL_BMETHOD: return ex_bmethod(e, n, ci);
  case CALL_NOTHING: return val("NULL", n->ty, false);
  case CALL_MISFIT: return ex_misfit(e, n, ci);
  case CALL_LAYER_INIT: return ex_layer_init(e, n, ci);
  case CALL_BUFFER: return ex_buffer(e, n, ci);
  case CALL_EXC_INIT: return emit_exc_init(e, n, ci);
  case CALL_ITER_NEXT: return ex_iter_next(e, n, ci);
  case CALL_FORMAT: return ex_str_format(e, n, ci);
  case CALL_BUILTIN:
    if ((ci->builtin == BI_LIST || ci->builtin == BI_REVERSED || ci->builtin == BI_TUPLE) && is_range_call(n->args)) {
      if (ci->builtin == BI_LIST) return range_list(e, n->args, n->ty->elem);
      if (ci->builtin == BI_TUPLE) {
        const char *l = borrow(e, stable(e, range_list(e, n->args, n->ty->elem)));
        return val(fmt(e, "gt_tuple_of_elems(&gt_t_int, %s->len, %s->items)", l, l), n->ty, true);
      }
      const char *a, *b, *c;
      range_args(e, n->args, &a, &b, &c);
      set_at(e, n);
      const char *r = new_temp(e, n->ty);  /* reversed(range(...)): its numbers, last first */
      line(e, "%s = gt_range_list(%s, %s, %s);", r, a, b, c);
      line(e, "gt_list_reverse(%s);", r);
      return temp_result(e, r, n->ty);
    }
    return ex_builtin(e, n, ci);
  }
  return val("0", n->ty, false);
}

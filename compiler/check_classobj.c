/* check_classobj.c - classes as values: type(x), a `type[C]` value (the
 * stdlib's class `type`, protocol="type"), a class name where one is
 * expected, issubclass() and `is` of them, and what __exit__ receives. */
#include "check.h"

/* The class `type`, where t (or the T of an Optional t) is it. */
ClassInfo *class_object_class(const Type *t) {
  if (t && t->kind == TY_OPTIONAL) t = t->elem;
  return t && t->kind == TY_CLASS && t->cls->protocol == PROTO_TYPE ? t->cls : NULL;
}

/* Does k have a run-time class object? The program's classes do, and the
 * built-in exceptions; the other extern classes (Tensor, ...) are no gt_obj. */
static bool has_class_object(const ClassInfo *k) { return !k->is_extern || k->protocol == PROTO_EXCEPTION; }

/* k as a value: emit writes the class objects of k and of its bases. */
static void take_as_value(ClassInfo *k) {
  for (; k && !k->is_extern; k = k->base) k->as_value = true;
}

/* The name of class k (e, a TY_CLASSREF) where a `type` value goes: the
 * class object. */
Type *class_value(Ctx *c, Node *e, ClassInfo *type) {
  ClassInfo *k = e->ty->cls;
  if (!has_class_object(k))
    return set_type(e, error_at(c, e, "%s is a class of the runtime with no class object: it cannot be a value",
                                k->name));
  take_as_value(k);
  e->flags |= CLASS_VALUE;
  e->info = k;
  return set_type(e, type->ty);
}

/* Has an object of type t a class that type(x) gives? Objects of a class
 * with a class object do, modules (a layer's class is one per type name,
 * made where the program runs: gt_module_classobj) and tensors (their
 * runtime class, torch.Tensor). */
static bool typed_object(const Type *t) {
  Protocol p = is_class(t) ? t->cls->protocol : PROTO_NONE;
  return is_class(t) && (has_class_object(t->cls) || p == PROTO_MODULE || p == PROTO_TENSOR);
}

/* A value of the language's own types, whose class type(x) gives by its
 * descriptor (int, float, bool, NoneType, str, list, tuple, dict, set). */
static bool builtin_value(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_NONE: case TY_NUMBER: case TY_STR: case TY_LIST: case TY_TUPLE:
  case TY_VARTUPLE: case TY_DICT: case TY_SET:
    return type_known(t);
  default: return false;
  }
}

/* A union whose every member type(x) gives the class of (`Scale |
 * Shift`, `int | str`), or a value only the run knows the type of: the
 * value inside tells it. */
static bool typed_members(const Type *t) {
  if (type_is_dynamic(t)) return true;
  if (t->kind != TY_UNION) return false;
  for (int i = 0; i < t->nitems; i++) {
    const Type *m = t->items[i];
    bool plain = is_class(m) && (has_class_object(m->cls) || m->cls->protocol == PROTO_TENSOR) &&
                 m->cls->protocol != PROTO_MODULE;
    if (!plain && !builtin_value(m)) return false;
  }
  return true;
}

/* type(x): the class of x, an object of a class with a class object or a
 * value of a builtin type (`print(type(x))`), or a union of them. */
Type *check_type_of(Ctx *c, Node *e, ClassInfo *type) {
  Node *a = e->args;
  if (!a || a->next || a->kind == ND_KEYWORD)
    return set_type(e, error_at(c, e, "type() takes one object"));
  Type *t = union_receiver(a, check_expr(c, a, NULL));  /* of a `Wide | Deep`: the object's own class */
  if (is_err(t)) return set_type(e, t);
  if (!typed_object(t) && !builtin_value(t) && !typed_members(t))
    return set_type(e, error_at(c, a, "type() takes an object of a class (the program's, an exception or a "
                                "module) or a number, str, None, list, tuple, dict or set, not %s", tn(c, t)));
  CallInfo *ci = new_call(c, e, CALL_TYPE_OF, 1);
  c->p->reads_classes = true;
  ci->args[0] = a;
  ci->cls = type;
  return set_type(e, type->ty);
}

/* x.__class__ of an object x (e->lhs, checked: type t): type(x), where
 * the builtins' class `type` is there. */
Type *check_class_attr(Ctx *c, Node *e, Type *t) {
  Sym *y = c->p->builtins ? scope_find(&c->p->builtins->globals, "type") : NULL;
  ClassInfo *type = y && y->kind == SYM_CLASS ? y->cls : NULL;
  if (!type || !typed_object(t))
    return set_type(e, error_at(c, e, "__class__ of an object of a class (the program's, an exception or a module), "
                                "not of %s", tn(c, t)));
  e->flags |= ATTR_CLASS;
  c->p->reads_classes = true;
  return set_type(e, type->ty);
}

/* issubclass(t, C) / issubclass(t, (C, D)) of a class value t: a test
 * where it runs (ci->isa ISA_CLASS_VALUE). */
Type *issubclass_value(Ctx *c, CallInfo *ci, Node *b) {
  for (Node *x = b->kind == EX_TUPLE ? b->elts : b; x; x = b->kind == EX_TUPLE ? x->next : NULL) {
    Type *tx = check_expr(c, x, NULL);
    if (is_err(tx)) return T(TY_ERROR);
    if (class_object_class(tx) && tx->kind != TY_OPTIONAL) continue;  /* issubclass(t, self.kind) */
    if (tx->kind != TY_CLASSREF || !has_class_object(tx->cls))
      return error_at(c, x, "issubclass() of a class value takes a class (the program's, or an exception), a "
                            "class value or a tuple of them, not %s", tn(c, tx));
    take_as_value(tx->cls);
  }
  if (b->kind == EX_TUPLE) set_type(b, T(TY_NONE));
  ci->isa = ISA_CLASS_VALUE;
  return T(TY_BOOL);
}

/* Does parameter q take None and a value of a class of protocol `proto`
 * (and, for exceptions, BaseException itself, the root)? */
static bool takes_optional(const Param *q, Protocol proto) {
  const Type *t = q->ty;
  if (t->kind != TY_OPTIONAL || t->elem->kind != TY_CLASS || t->elem->cls->protocol != proto) return false;
  return proto != PROTO_EXCEPTION || !t->elem->cls->base;
}

/* __exit__(self) with defaults for the rest: called with self only; or
 * __exit__(self, exc_type, exc, tb) annotated as Python's typing does
 * (`type[BaseException] | None`, `BaseException | None`,
 * `TracebackType | None`): it receives the exception passing through the
 * block, None for each where none does, and returning True suppresses it. */
void check_exit_params(Ctx *c, WithInfo *w) {
  Func *f = w->exit;
  bool defaults = true;
  for (int i = 1; i < f->nparams; i++) defaults &= f->params[i].dflt != NULL || f->params[i].varargs;
  if (defaults) return;
  bool typed = f->nparams == 4 && takes_optional(&f->params[1], PROTO_TYPE) &&
               takes_optional(&f->params[2], PROTO_EXCEPTION) && takes_optional(&f->params[3], PROTO_TRACEBACK);
  if (!typed) {
    error_at(c, f->decl, "__exit__ takes self only (the rest with defaults), or (self, exc_type: type[BaseException] "
                         "| None, exc: BaseException | None, tb: TracebackType | None), TracebackType from types");
    return;
  }
  const Type *r = f->ret;
  if (r->kind != TY_NONE && r->kind != TY_BOOL) {
    error_at(c, f->decl, "__exit__ returns bool (True suppresses the exception) or None, not %s", tn(c, f->ret));
    return;
  }
  w->takes_exc = true;
  w->may_suppress = r->kind == TY_BOOL;
  c->p->has_try = true;  /* an exception passing the block reaches __exit__ */
}

/* `def __exit__(self, *exc)`, unannotated, as scripts write a context
 * manager that ignores the exception: called with self only, its *exc
 * gathers nothing, so a read of it is an error (checked after the body). */
void check_exit_varargs(Ctx *c, Func *f) {
  if (!f->cls || strcmp(f->name, "__exit__") != 0) return;
  for (int i = 1; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (q->varargs && q->decl && !q->decl->ann && q->sym && q->sym->read)
      error_at(c, q->decl, "__exit__'s '*%s' is given nothing here: to read the exception, take (self, exc_type: "
               "type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None)", q->name);
  }
}

/* ---- Enum classes ---------------------------------------------------------- */

bool is_enum_class(const Type *t) { return t && t->kind == TY_CLASSREF && t->cls->protocol == PROTO_ENUM; }

/* An Enum class where its members are taken (`for m in Color`, len(Color))
 * or one is looked up by name (Color["RED"]): x, in place, becomes the
 * call of a method transform_enum wrote, `Color._members()` or
 * `Color._member_named("RED")`, to be checked; ref names the class. */
void enum_class_call(Ctx *c, Node *x, Node *ref, const char *method, Node *args) {
  Node *attr = ast_new(c->p->arena, EX_ATTR, x->file, x->pos, x->len);
  attr->lhs = ref;
  attr->name = method;
  Node *next = x->next;
  *x = (Node){.kind = EX_CALL, .file = x->file, .pos = x->pos, .len = x->len, .depth = x->depth, .next = next,
              .lhs = attr, .args = args};
}

/* x (an argument, or an iterable, checked: type t): where it names an Enum
 * class, the list of its members, as `x._members()`, checked. */
Type *enum_members(Ctx *c, Node *x, Type *t) {
  if (!is_enum_class(t)) return t;
  Node *ref = arena_alloc(c->p->arena, sizeof *ref);
  *ref = *x;
  ref->next = NULL;
  enum_class_call(c, x, ref, "_members", NULL);
  return check_expr(c, x, NULL);
}

/* types.c - interned types and their names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

static Type prims[TY_UNKNOWN + 1];

void types_init(Program *p) {
  (void)p;
  for (int k = 0; k <= TY_UNKNOWN; k++) prims[k].kind = (TypeKind)k;
}

Type *type_prim(TypeKind k) { return &prims[k]; }

Type *type_new(Program *p, TypeKind k) {
  Type *t = arena_alloc(p->arena, sizeof *t);
  t->kind = k;
  return t;
}

static void remember(Program *p, Type *t) {
  if (p->ntypes == p->captypes) {
    int cap = p->captypes ? 2 * p->captypes : 32;
    Type **items = arena_alloc(p->arena, cap * sizeof *items);
    if (p->ntypes) memcpy(items, p->types, p->ntypes * sizeof *items);
    p->types = items;
    p->captypes = cap;
  }
  p->types[p->ntypes++] = t;
}

/* Finds an interned compound type equal to `want`, or interns a copy. */
static Type *intern(Program *p, const Type *want) {
  for (int i = 0; i < p->ntypes; i++) {
    Type *t = p->types[i];
    if (t->kind != want->kind || t->elem != want->elem || t->key != want->key ||
        t->cls != want->cls || t->nitems != want->nitems || t->dtype != want->dtype || t->named != want->named ||
        t->any_args != want->any_args)
      continue;
    if (t->nitems && memcmp(t->items, want->items, t->nitems * sizeof *t->items) != 0) continue;
    return t;
  }
  Type *t = type_new(p, want->kind);
  *t = *want;
  if (want->nitems) {
    t->items = arena_alloc(p->arena, want->nitems * sizeof *t->items);
    memcpy(t->items, want->items, want->nitems * sizeof *t->items);
  }
  remember(p, t);
  return t;
}

Type *type_list(Program *p, Type *elem) {
  Type t = {.kind = TY_LIST, .elem = type_plain(p, elem)};
  return intern(p, &t);
}

Type *type_dict(Program *p, Type *key, Type *val) {
  Type t = {.kind = TY_DICT, .key = key, .elem = type_plain(p, val)};
  return intern(p, &t);
}

Type *type_set(Program *p, Type *elem) {
  Type t = {.kind = TY_SET, .elem = elem};
  return intern(p, &t);
}

bool class_hashable(const ClassInfo *k) {
  return !k->is_extern && (!class_method(k, "__eq__") || class_method(k, "__hash__"));
}

static bool tuple_hashable(const Type *t) {
  for (int i = 0; i < t->nitems; i++)
    if (!type_hashable(t->items[i])) return false;
  return true;
}

/* A dict's key: a str, an int or a bool, a tuple of hashable items, or
 * an object of a .gtp class that CPython hashes (class_hashable). */
bool type_dict_key(const Type *t) {
  if (t->kind == TY_OPTIONAL) return type_is_ref(t->elem) && type_dict_key(t->elem);  /* None is a key */
  if (t->kind == TY_CLASS) return class_hashable(t->cls);
  if (t->kind == TY_TUPLE) return tuple_hashable(t);
  /* a type variable: its instances check the types bound */
  return t->kind == TY_STR || t->kind == TY_INT || t->kind == TY_BOOL || t->kind == TY_ERROR || t->kind == TY_TYPEVAR;
}

/* What CPython hashes among the language's types: numbers, strs, tuples
 * of them and objects of hashable classes (lists, dicts and sets are
 * mutable, so unhashable). */
bool type_hashable(const Type *t) {
  if (t->kind == TY_OPTIONAL) return type_hashable(t->elem);  /* None is hashable */
  if (t->kind == TY_CLASS) return class_hashable(t->cls);
  if (t->kind == TY_TUPLE) return tuple_hashable(t);
  return t->kind == TY_INT || t->kind == TY_FLOAT || t->kind == TY_BOOL || t->kind == TY_NUMBER || t->kind == TY_STR || t->kind == TY_ERROR ||
         t->kind == TY_TYPEVAR;
}

Type *type_tuple(Program *p, Type **items, int n) {
  Type **plain = items;
  for (int i = 0; i < n; i++)
    if (items[i] && items[i]->dtype) {  /* a copy: the caller's array stays as it is */
      plain = arena_alloc(p->arena, n * sizeof *plain);
      for (int j = 0; j < n; j++) plain[j] = type_plain(p, items[j]);
      break;
    }
  Type t = {.kind = TY_TUPLE, .items = plain, .nitems = n};
  return intern(p, &t);
}

/* The tuple type of named tuple nt, its fields of types items. */
Type *type_named_tuple(Program *p, NamedTuple *nt, Type **items) {
  Type *plain = type_tuple(p, items, nt->nfields);
  Type t = {.kind = TY_TUPLE, .items = plain->items, .nitems = nt->nfields, .named = nt};
  return intern(p, &t);
}

/* Item i of tuple t, with the dtype kind its named tuple's field declares. */
Type *tuple_item(Program *p, const Type *t, int i) {
  DtypeKind k = t->named && t->named->dtypes ? t->named->dtypes[i] : DT_UNKNOWN;
  return k ? type_dtyped(p, t->items[i], k) : t->items[i];
}

Type *type_vartuple(Program *p, Type *elem) {
  Type t = {.kind = TY_VARTUPLE, .elem = type_plain(p, elem)};
  return intern(p, &t);
}

/* Optional[T]: T itself when T is None or already optional. */
Type *type_optional(Program *p, Type *elem) {
  if (elem->kind == TY_NONE || elem->kind == TY_OPTIONAL || elem->kind == TY_ERROR) return elem;
  Type t = {.kind = TY_OPTIONAL, .elem = type_plain(p, elem)};
  return intern(p, &t);
}

Type *type_generator(Program *p, Type *elem) {
  Type t = {.kind = TY_GENERATOR, .elem = type_plain(p, elem)};
  return intern(p, &t);
}

Type *type_pending(Program *p, TypeKind kind) {
  Type *t = type_new(p, kind);
  t->elem = type_prim(TY_UNKNOWN);
  if (kind == TY_DICT) t->key = type_prim(TY_UNKNOWN);
  t->pending = true;
  return t;
}

Type *type_settled(Type *t) {
  while (t && t->settled) t = t->settled;
  return t;
}

bool type_known(const Type *t) {
  t = type_settled((Type *)t);
  if (!t) return true;
  if (t->kind == TY_UNKNOWN || t->pending) return false;
  if (!type_known(t->elem) || !type_known(t->key)) return false;
  for (int i = 0; i < t->nitems; i++)
    if (!type_known(t->items[i])) return false;
  return true;
}

/* t rebuilt from each of its parts as step(p, part, ctx) gives it (step
 * sees every type, compound ones first; a pending one is not entered). */
static Type *rebuild(Program *p, Type *t, Type *(*step)(Program *, Type *, void *), void *ctx) {
  t = step(p, t, ctx);
  if (!t || t->pending) return t;
  switch (t->kind) {
  case TY_LIST: {
    Type *e = rebuild(p, t->elem, step, ctx);
    return e == t->elem ? t : type_list(p, e);
  }
  case TY_DICT: {
    Type *k = rebuild(p, t->key, step, ctx), *v = rebuild(p, t->elem, step, ctx);
    return k == t->key && v == t->elem ? t : type_dict(p, k, v);
  }
  case TY_SET: {
    Type *e = rebuild(p, t->elem, step, ctx);
    return e == t->elem ? t : type_set(p, e);
  }
  case TY_OPTIONAL: {
    Type *e = rebuild(p, t->elem, step, ctx);
    return e == t->elem ? t : type_optional(p, e);
  }
  case TY_VARTUPLE: {
    Type *e = rebuild(p, t->elem, step, ctx);
    return e == t->elem ? t : type_vartuple(p, e);
  }
  case TY_GENERATOR: {
    Type *e = rebuild(p, t->elem, step, ctx);
    return e == t->elem ? t : type_generator(p, e);
  }
  case TY_TUPLE: case TY_CALLABLE: case TY_UNION: {
    Type **items = arena_alloc(p->arena, (t->nitems ? t->nitems : 1) * sizeof *items);
    bool same = true;
    for (int i = 0; i < t->nitems; i++) {
      items[i] = rebuild(p, t->items[i], step, ctx);
      same = same && items[i] == t->items[i];
    }
    if (t->kind == TY_TUPLE) return same ? t : type_tuple(p, items, t->nitems);
    if (t->kind == TY_UNION) return same ? t : type_union(p, items, t->nitems);
    Type *r = rebuild(p, t->elem, step, ctx);
    if (same && r == t->elem) return t;
    return t->any_args ? type_callable_any(p, r) : type_callable(p, items, t->nitems, r);
  }
  default: return t;
  }
}

static Type *settled_step(Program *p, Type *t, void *ctx) {
  (void)p, (void)ctx;
  return type_settled(t);
}

Type *type_resolved(Program *p, Type *t) { return rebuild(p, t, settled_step, NULL); }

Type *type_typevar(Program *p, const char *name) {
  Type *t = type_new(p, TY_TYPEVAR);
  t->name = name;
  return t;
}

bool class_template(const ClassInfo *k) {
  if (k->ntvars) return true;
  if (!k->generic_of) return false;
  for (int i = 0; i < k->generic_of->ntvars; i++)
    if (type_has_typevar(k->targs[i])) return true;
  return false;
}

/* Does t hold Any, at its top or inside (Optional[Any], Callable[[Any], R])? */
bool type_has_any(const Type *t) {
  if (!t || t->pending) return false;
  if (t->kind == TY_ANY) return true;
  if (type_has_any(t->elem) || type_has_any(t->key)) return true;
  for (int i = 0; i < t->nitems; i++)
    if (type_has_any(t->items[i])) return true;
  return false;
}

bool type_has_typevar(const Type *t) {
  if (!t) return false;
  if (t->kind == TY_TYPEVAR) return true;
  if (t->pending) return false;
  if (t->kind == TY_CLASS && t->cls->generic_of) return class_template(t->cls);
  if (type_has_typevar(t->elem) || type_has_typevar(t->key)) return true;
  for (int i = 0; i < t->nitems; i++)
    if (type_has_typevar(t->items[i])) return true;
  return false;
}

/* The first union type variable in t (a def parameter's `int | str`,
 * resolve.c union_typevar), or NULL: what messages name as a union. */
const Type *type_union_in(const Type *t) {
  if (!t || t->pending) return NULL;
  if (t->kind == TY_TYPEVAR) return t->nitems ? t : NULL;
  const Type *u = type_union_in(t->elem);
  if (!u) u = type_union_in(t->key);
  for (int i = 0; !u && i < t->nitems; i++) u = type_union_in(t->items[i]);
  return u;
}

/* ---- unions of values ------------------------------------------------------ */

/* Adds t to the n members at ms (a union's members one by one; an int |
 * float as its int and its float), once each; the new count. */
static int add_member(Type **ms, int n, Type *t) {
  if (t->kind == TY_UNION) {
    for (int i = 0; i < t->nitems; i++) n = add_member(ms, n, t->items[i]);
    return n;
  }
  if (t->kind == TY_NUMBER) return add_member(ms, add_member(ms, n, type_prim(TY_INT)), type_prim(TY_FLOAT));
  for (int i = 0; i < n; i++)
    if (ms[i] == t) return n;
  ms[n++] = t;
  return n;
}

/* The union of a value of members[0..n): None makes it an Optional of the
 * rest, numbers alone an int | float, one member that member; else a
 * TY_UNION of the members in the order written, each once. */
Type *type_union(Program *p, Type **members, int n) {
  int cap = 2;
  for (int i = 0; i < n; i++) cap += members[i]->kind == TY_UNION ? members[i]->nitems : 2;
  Type **ms = arena_alloc(p->arena, cap * sizeof *ms);
  bool none = false, numbers = true;
  int k = 0;
  for (int i = 0; i < n; i++) {
    Type *m = type_plain(p, members[i]);
    if (m->kind == TY_ERROR) return m;
    if (m->kind == TY_OPTIONAL) m = m->elem, none = true;
    if (m->kind == TY_NONE) {
      none = true;
      continue;
    }
    numbers = numbers && type_is_number(m);
    k = add_member(ms, k, m);
  }
  Type *u = k == 0 ? type_prim(TY_NONE) : k == 1 ? ms[0] : numbers ? type_prim(TY_NUMBER) : NULL;
  if (!u) {
    Type want = {.kind = TY_UNION, .items = ms, .nitems = k};
    u = intern(p, &want);
  }
  return none ? type_optional(p, u) : u;
}

static Type *union_value_step(Program *p, Type *t, void *ctx) {
  if (t && t->kind == TY_CLASS && t->cls->generic_of && class_template(t->cls)) {  /* Box[int | str] */
    ClassInfo *g = t->cls->generic_of;
    Type **args = arena_alloc(p->arena, g->ntvars * sizeof *args);
    for (int i = 0; i < g->ntvars; i++) args[i] = rebuild(p, t->cls->targs[i], union_value_step, ctx);
    return class_instance(p, g, args)->ty;
  }
  if (!t || t->kind != TY_TYPEVAR || !t->nitems) return t;
  Type **ms = arena_alloc(p->arena, t->nitems * sizeof *ms);
  for (int i = 0; i < t->nitems; i++) ms[i] = rebuild(p, t->items[i], union_value_step, ctx);
  return type_union(p, ms, t->nitems);
}

/* t with each union type variable (a `A | B` annotation, resolve.c) made
 * the union of values of its members: what a result, a variable, a field
 * or an item of that annotation holds. */
Type *type_union_values(Program *p, Type *t) { return rebuild(p, t, union_value_step, NULL); }

/* The member of union u that a value of type t is stored as: t itself, a
 * base class of t's, a float for an int (an int for a bool), a tuple of
 * any length for a tuple of its items; NULL where none is. */
Type *union_member(const Type *u, const Type *t) {
  for (int i = 0; i < u->nitems; i++)
    if (u->items[i] == t) return u->items[i];
  for (int i = 0; i < u->nitems; i++) {
    Type *m = u->items[i];
    bool base = m->kind == TY_CLASS && t->kind == TY_CLASS && class_derives(t->cls, m->cls);
    bool number = type_is_numeric(t) && (m->kind == TY_FLOAT || (m->kind == TY_INT && t->kind == TY_BOOL));
    if (base || number) return m;
  }
  for (int i = 0; i < u->nitems; i++) {  /* (1, 2) as a tuple[int, ...] */
    Type *m = u->items[i];
    bool same = m->kind == TY_VARTUPLE && t->kind == TY_TUPLE;
    for (int j = 0; same && j < t->nitems; j++) same = t->items[j] == m->elem;
    if (same) return m;
  }
  return NULL;
}

/* Does union u hold the values of t as they are: t one of its members, or
 * a union of some of them (no value of t is converted to be one of u's)? */
bool union_covers(const Type *u, const Type *t) {
  if (t->kind != TY_UNION) return union_member(u, t) != NULL;
  for (int i = 0; i < t->nitems; i++) {  /* each member as it is, or as a base class's (emit recasts it) */
    const Type *m = union_member(u, t->items[i]);
    if (!m || (m->kind == TY_FLOAT && t->items[i]->kind != TY_FLOAT)) return false;
  }
  return true;
}

/* The nearest class that every member of union u derives (`Dog | Cat`:
 * Animal), or NULL where a member is no class or none is common. */
ClassInfo *union_base(const Type *u) {
  if (u->kind != TY_UNION || u->items[0]->kind != TY_CLASS) return NULL;
  for (ClassInfo *k = u->items[0]->cls; k; k = k->base) {
    bool all = true;
    for (int i = 1; i < u->nitems && all; i++) all = u->items[i]->kind == TY_CLASS && class_derives(u->items[i]->cls, k);
    if (all) return k;
  }
  return NULL;
}

typedef struct Binding {
  Type **tvars, **targs;
  int n;
} Binding;

static Type *bound_step(Program *p, Type *t, void *ctx) {
  const Binding *b = ctx;
  if (t && t->kind == TY_TYPEVAR)
    for (int i = 0; i < b->n; i++)
      if (b->tvars[i] == t && b->targs[i]) return b->targs[i];
  if (t && t->kind == TY_CLASS && t->cls->generic_of && class_template(t->cls)) {  /* Stack[T]: Stack[int] */
    ClassInfo *g = t->cls->generic_of;
    Type **args = arena_alloc(p->arena, g->ntvars * sizeof *args);
    for (int i = 0; i < g->ntvars; i++) args[i] = type_subst(p, t->cls->targs[i], b->tvars, b->targs, b->n);
    return class_instance(p, g, args)->ty;
  }
  return t;
}

const char *type_mangled(Program *p, const Type *t) {
  char *s = (char *)type_name(p, t);
  char *w = s;
  for (const char *r = s; *r; r++) {
    bool ident = (*r >= 'a' && *r <= 'z') || (*r >= 'A' && *r <= 'Z') || (*r >= '0' && *r <= '9');
    if (ident) *w++ = *r;
    else if (w > s && w[-1] != '_') *w++ = '_';
  }
  while (w > s && w[-1] == '_') w--;
  *w = '\0';
  return s;
}

const char *instance_cname_stem(Program *p, const char *cname, Type **targs, int n) {
  size_t len = strlen(cname);
  bool closed = len && cname[len - 1] == '_';
  const char *stem = arena_printf(p->arena, "%.*s", (int)(closed ? len - 1 : len), cname);
  for (int i = 0; i < n; i++) stem = arena_printf(p->arena, "%s_%s", stem, type_mangled(p, targs[i]));
  return closed ? arena_printf(p->arena, "%s_", stem) : stem;
}

Type *type_subst(Program *p, Type *t, Type **tvars, Type **targs, int n) {
  Binding b = {tvars, targs, n};
  return rebuild(p, t, bound_step, &b);
}

Type *type_class(Program *p, ClassInfo *c) {
  Type t = {.kind = TY_CLASS, .cls = c};
  return intern(p, &t);
}

/* Callable[[A, B], R]: the parameter types in items, R in elem, each plain. */
Type *type_callable(Program *p, Type **params, int n, Type *ret) {
  Type **plain = arena_alloc(p->arena, (n ? n : 1) * sizeof *plain);
  for (int i = 0; i < n; i++) plain[i] = type_plain(p, params[i]);
  Type t = {.kind = TY_CALLABLE, .items = plain, .nitems = n, .elem = type_plain(p, ret)};
  return intern(p, &t);
}

/* Callable[..., R]: a function of any parameters giving R. */
Type *type_callable_any(Program *p, Type *ret) {
  Type t = {.kind = TY_CALLABLE, .any_args = true, .elem = type_plain(p, ret)};
  return intern(p, &t);
}

Type *type_dtyped(Program *p, Type *t, DtypeKind dtype) {
  if (t->kind != TY_CLASS || t->dtype == dtype) return t;
  Type want = {.kind = TY_CLASS, .cls = t->cls, .dtype = dtype};
  return intern(p, &want);
}

Type *type_plain(Program *p, Type *t) { return t && t->dtype ? type_dtyped(p, t, DT_UNKNOWN) : t; }

bool type_is_ref(const Type *t) {
  if (t->kind == TY_OPTIONAL) t = t->elem;
  switch (t->kind) {
  case TY_STR: case TY_LIST: case TY_TUPLE: case TY_DICT: case TY_SET: case TY_CLASS: case TY_VARTUPLE: case TY_CALLABLE: case TY_GENERATOR:
  case TY_UNION:
    return true;
  default:
    return false;
  }
}

bool type_is_numeric(const Type *t) {
  return t->kind == TY_INT || t->kind == TY_FLOAT || t->kind == TY_BOOL;
}

/* An int, a float, a bool or an int | float: a value of a number's type. */
bool type_is_number(const Type *t) { return type_is_numeric(t) || t->kind == TY_NUMBER; }

/* A value whose type only the run knows (builtins' _Dynamic, protocol="dynamic"):
 * an item of a list of values of several types, or an extern's `-> Any`. */
bool type_is_dynamic(const Type *t) { return t->kind == TY_CLASS && t->cls->protocol == PROTO_DYNAMIC; }

bool type_eq_compares(const Type *a, const Type *b) {
  if (a == b || (type_is_number(a) && type_is_number(b))) return true;
  /* an item of a list of values of several types compares as the value inside */
  if (type_is_dynamic(a) || type_is_dynamic(b)) return true;
  if (a->kind == TY_CLASS && b->kind == TY_CLASS) return class_derives(a->cls, b->cls) || class_derives(b->cls, a->cls);
  return false;
}

/* Numbers that meet as an int | float: one is, the other a number. */
bool number_pair(const Type *a, const Type *b) {
  return type_is_number(a) && type_is_number(b) && (a->kind == TY_NUMBER || b->kind == TY_NUMBER);
}

/* A type's name as it grows: as long as the type makes it. */
typedef struct NameBuf {
  char *s;
  size_t len, cap;
} NameBuf;

static void put_name(Program *p, const Type *t, NameBuf *b);

/* Is k its generic class's instance of the type variables' defaults
 * (DataLoader's list[Tensor]), which the bare name means? */
static bool default_instance(Program *p, const ClassInfo *k) {
  const ClassInfo *g = k->generic_of;
  for (int i = 0; i < g->ntvars; i++)
    if (typevar_default(p, g->tvars[i]) != k->targs[i]) return false;
  return true;
}

static void put(NameBuf *b, const char *s) {
  size_t n = strlen(s);
  if (b->len + n + 1 > b->cap) {
    b->cap = 2 * (b->len + n + 1);
    b->s = realloc(b->s, b->cap);
    if (!b->s) abort();
  }
  memcpy(b->s + b->len, s, n + 1);
  b->len += n;
}

static void put_name(Program *p, const Type *t, NameBuf *b) {
  t = type_settled((Type *)t);
  static const char *simple[] = {
      [TY_ERROR] = "<error>", [TY_INT] = "int", [TY_FLOAT] = "float", [TY_BOOL] = "bool",
      [TY_STR] = "str", [TY_NONE] = "None", [TY_NUMBER] = "int | float", [TY_FUNC] = "function", [TY_MODULE] = "module",
      [TY_BUILTIN] = "builtin function", [TY_RANGE] = "range", [TY_ENUMERATE] = "enumerate",
      [TY_ZIP] = "zip", [TY_MAP] = "map or filter object", [TY_INDEX] = "index",
      [TY_INTS] = "int, tuple or list of ints", [TY_FLOATS] = "float or tuple of floats",
      [TY_ANY] = "Any", [TY_UNKNOWN] = "unknown (an empty list, dict or set that a later use types)"};
  switch (t->kind) {
  case TY_LIST:
    put(b, "list[");
    put_name(p, t->elem, b);
    put(b, "]");
    break;
  case TY_SET:
    put(b, "set[");
    put_name(p, t->elem, b);
    put(b, "]");
    break;
  case TY_DICT:
    put(b, "dict[");
    put_name(p, t->key, b);
    put(b, ", ");
    put_name(p, t->elem, b);
    put(b, "]");
    break;
  case TY_TUPLE:
    if (t->named) {
      put(b, t->named->name);
      for (int i = 0; t->named->ty && t != t->named->ty && i < t->nitems; i++) {  /* another instance */
        put(b, i ? ", " : "(");
        put(b, t->named->fields[i]);
        put(b, ": ");
        put_name(p, t->items[i], b);
      }
      if (t->named->ty && t != t->named->ty) put(b, ")");
      break;
    }
    put(b, "tuple[");
    for (int i = 0; i < t->nitems; i++) {
      if (i) put(b, ", ");
      put_name(p, t->items[i], b);
    }
    put(b, "]");
    break;
  case TY_VARTUPLE:
    put(b, "tuple[");
    put_name(p, t->elem, b);
    put(b, ", ...]");
    break;
  case TY_CLASS:
    /* a value whose type the run knows (an item of `[1, "a"]`): what Python's checkers call it */
    put(b, type_is_dynamic(t) ? "object" : t->cls->name);
    if (t->cls->generic_of && !default_instance(p, t->cls)) {  /* Stack[int]; DataLoader of its defaults */
      put(b, "[");
      for (int i = 0; i < t->cls->generic_of->ntvars; i++) {
        if (i) put(b, ", ");
        put_name(p, t->cls->targs[i], b);
      }
      put(b, "]");
    }
    break;
  case TY_GENERATOR:
    put(b, "Iterator[");
    put_name(p, t->elem, b);
    put(b, "]");
    break;
  case TY_OPTIONAL:
    put(b, "Optional[");
    put_name(p, t->elem, b);
    put(b, "]");
    break;
  case TY_CALLABLE:
    put(b, t->any_args ? "Callable[..." : "Callable[[");
    for (int i = 0; i < t->nitems; i++) {
      if (i) put(b, ", ");
      put_name(p, t->items[i], b);
    }
    put(b, t->any_args ? ", " : "], ");
    put_name(p, t->elem, b);
    put(b, "]");
    break;
  case TY_TYPEVAR:
    put(b, t->name);
    break;
  case TY_UNION:
    for (int i = 0; i < t->nitems; i++) {
      if (i) put(b, " | ");
      put_name(p, t->items[i], b);
    }
    break;
  case TY_CLASSREF:
    put(b, "type[");
    put(b, t->cls->name);
    put(b, "]");
    break;
  default:
    put(b, simple[t->kind]);
  }
}

const char *type_name(Program *p, const Type *t) {
  NameBuf b = {0};
  put_name(p, t, &b);
  const char *name = arena_strdup(p->arena, b.s ? b.s : "");
  free(b.s);
  return name;
}

/* ---- types as text that outlives a run of the checker ------------------- */

/* A text naming t that type_of_key reads back in another run over the same
 * program (a hint, check_flow.c): i f b s N (int | float), L elem, V elem (tuple[elem, ...]), U n members (a union), S elem, D key
 * value, O elem, T n items, P module:name; (a named tuple; Q module:name; and its items: another instance
 * of it), C module:class; G module:class; and its
 * types (an instance of a generic class); a tensor's dtype kind is not kept. NULL where t is none of these. */
static bool key_to(Program *p, const Type *t, NameBuf *b) {
  switch (t->kind) {
  case TY_INT: put(b, "i"); return true;
  case TY_FLOAT: put(b, "f"); return true;
  case TY_BOOL: put(b, "b"); return true;
  case TY_STR: put(b, "s"); return true;
  case TY_NUMBER: put(b, "N"); return true;
  case TY_LIST: put(b, "L"); return key_to(p, t->elem, b);
  case TY_OPTIONAL: put(b, "O"); return key_to(p, t->elem, b);
  case TY_VARTUPLE: put(b, "V"); return key_to(p, t->elem, b);
  case TY_SET: put(b, "S"); return key_to(p, t->elem, b);
  case TY_DICT: put(b, "D"); return key_to(p, t->key, b) && key_to(p, t->elem, b);
  case TY_UNION: {
    char n[24];
    snprintf(n, sizeof n, "U%d,", t->nitems);
    put(b, n);
    for (int i = 0; i < t->nitems; i++)
      if (!key_to(p, t->items[i], b)) return false;
    return true;
  }
  case TY_TUPLE: {
    if (t->named) {  /* by its name: its fields' types are the name's own (a hint of their own) */
      bool other = t->named->ty && t != t->named->ty;  /* another instance: Q, the name, its items */
      put(b, other ? "Q" : "P");
      put(b, t->named->mod->name);
      put(b, ":");
      put(b, t->named->name);
      put(b, ";");
      for (int i = 0; other && i < t->nitems; i++)
        if (!key_to(p, t->items[i], b)) return false;
      return true;
    }
    char n[24];
    snprintf(n, sizeof n, "T%d,", t->nitems);
    put(b, n);
    for (int i = 0; i < t->nitems; i++)
      if (!key_to(p, t->items[i], b)) return false;
    return true;
  }
  case TY_CLASS: {  /* an instance of a generic class: its template's name and its types */
    const ClassInfo *k = t->cls->generic_of ? t->cls->generic_of : t->cls;
    put(b, t->cls->generic_of ? "G" : "C");
    put(b, k->mod->name);
    put(b, ":");
    put(b, k->name);
    put(b, ";");
    for (int i = 0; t->cls->generic_of && i < k->ntvars; i++)
      if (!key_to(p, t->cls->targs[i], b)) return false;
    return true;
  }
  default: return false;
  }
}

const char *type_key(Program *p, const Type *t) {
  NameBuf b = {0};
  bool ok = key_to(p, type_settled((Type *)t), &b);
  const char *s = ok && b.s ? arena_strdup(p->arena, b.s) : NULL;
  free(b.s);
  return s;
}

static ClassInfo *class_named(Program *p, const char *mod, size_t mlen, const char *name, size_t nlen) {
  for (Module *m = p->all; m; m = m->all_next)
    if (strlen(m->name) == mlen && strncmp(m->name, mod, mlen) == 0)
      for (ClassInfo *k = m->classes; k; k = k->next)
        if (strlen(k->name) == nlen && strncmp(k->name, name, nlen) == 0) return k;
  return NULL;
}

/* The type a type_key names, read from *s on; NULL where it names none. */
Type *type_of_key(Program *p, const char **s) {
  switch (*(*s)++) {
  case 'i': return type_prim(TY_INT);
  case 'f': return type_prim(TY_FLOAT);
  case 'b': return type_prim(TY_BOOL);
  case 's': return type_prim(TY_STR);
  case 'N': return type_prim(TY_NUMBER);
  case 'L': { Type *e = type_of_key(p, s); return e ? type_list(p, e) : NULL; }
  case 'O': { Type *e = type_of_key(p, s); return e ? type_optional(p, e) : NULL; }
  case 'V': { Type *e = type_of_key(p, s); return e ? type_vartuple(p, e) : NULL; }
  case 'S': { Type *e = type_of_key(p, s); return e ? type_set(p, e) : NULL; }
  case 'D': {
    Type *k = type_of_key(p, s), *v = k ? type_of_key(p, s) : NULL;
    return v ? type_dict(p, k, v) : NULL;
  }
  case 'T':
  case 'U': {
    bool is_union = (*s)[-1] == 'U';
    char *end;
    long n = strtol(*s, &end, 10);
    if (*end != ',' || n < 0 || n > 1000000) return NULL;
    *s = end + 1;
    Type **items = arena_alloc(p->arena, (n ? n : 1) * sizeof *items);
    for (long i = 0; i < n; i++)
      if (!(items[i] = type_of_key(p, s))) return NULL;
    return is_union ? type_union(p, items, (int)n) : type_tuple(p, items, (int)n);
  }
  case 'P':
  case 'Q': {  /* a named tuple of a module's globals; Q: another instance of it, its items after */
    bool other = (*s)[-1] == 'Q';
    const char *colon = strchr(*s, ':'), *semi = colon ? strchr(colon, ';') : NULL;
    if (!semi) return NULL;
    Module *m = p->all;
    while (m && (strlen(m->name) != (size_t)(colon - *s) || strncmp(m->name, *s, (size_t)(colon - *s)) != 0))
      m = m->all_next;
    char *name = arena_strndup(p->arena, colon + 1, (size_t)(semi - colon - 1));
    *s = semi + 1;
    Sym *y = m ? scope_find(&m->globals, name) : NULL;
    if (!y || !y->named) return NULL;
    if (!other) return named_tuple_sym_type(p, y);
    Type **items = arena_alloc(p->arena, (y->named->nfields ? y->named->nfields : 1) * sizeof *items);
    for (int i = 0; i < y->named->nfields; i++)
      if (!(items[i] = type_of_key(p, s))) return NULL;
    return type_named_tuple(p, y->named, items);
  }
  case 'C':
  case 'G': {
    bool generic = (*s)[-1] == 'G';
    const char *colon = strchr(*s, ':'), *semi = colon ? strchr(colon, ';') : NULL;
    if (!semi) return NULL;
    ClassInfo *k = class_named(p, *s, (size_t)(colon - *s), colon + 1, (size_t)(semi - colon - 1));
    *s = semi + 1;
    if (!k || !generic) return k ? k->ty : NULL;
    Type **targs = arena_alloc(p->arena, (k->ntvars ? k->ntvars : 1) * sizeof *targs);
    for (int i = 0; i < k->ntvars; i++)
      if (!(targs[i] = type_of_key(p, s))) return NULL;
    return k->ntvars ? class_instance(p, k, targs)->ty : NULL;
  }
  default: return NULL;
  }
}

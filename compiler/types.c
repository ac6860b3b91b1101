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
        t->cls != want->cls || t->nitems != want->nitems || t->dtype != want->dtype)
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

/* Optional[T]: T itself when T is None or already optional. */
Type *type_optional(Program *p, Type *elem) {
  if (elem->kind == TY_NONE || elem->kind == TY_OPTIONAL || elem->kind == TY_ERROR) return elem;
  Type t = {.kind = TY_OPTIONAL, .elem = type_plain(p, elem)};
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

Type *type_resolved(Program *p, Type *t) {
  t = type_settled(t);
  if (!t || t->pending) return t;
  switch (t->kind) {
  case TY_LIST: {
    Type *e = type_resolved(p, t->elem);
    return e == t->elem ? t : type_list(p, e);
  }
  case TY_DICT: {
    Type *k = type_resolved(p, t->key), *v = type_resolved(p, t->elem);
    return k == t->key && v == t->elem ? t : type_dict(p, k, v);
  }
  case TY_OPTIONAL: {
    Type *e = type_resolved(p, t->elem);
    return e == t->elem ? t : type_optional(p, e);
  }
  case TY_TUPLE: {
    Type **items = arena_alloc(p->arena, (t->nitems ? t->nitems : 1) * sizeof *items);
    bool same = true;
    for (int i = 0; i < t->nitems; i++) {
      items[i] = type_resolved(p, t->items[i]);
      same = same && items[i] == t->items[i];
    }
    return same ? t : type_tuple(p, items, t->nitems);
  }
  default: return t;
  }
}

Type *type_class(Program *p, ClassInfo *c) {
  Type t = {.kind = TY_CLASS, .cls = c};
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
  case TY_STR: case TY_LIST: case TY_TUPLE: case TY_DICT: case TY_CLASS:
    return true;
  default:
    return false;
  }
}

bool type_is_numeric(const Type *t) {
  return t->kind == TY_INT || t->kind == TY_FLOAT || t->kind == TY_BOOL;
}

/* A type's name as it grows: as long as the type makes it. */
typedef struct NameBuf {
  char *s;
  size_t len, cap;
} NameBuf;

static void put_name(Program *p, const Type *t, NameBuf *b);

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
      [TY_ZIP] = "zip", [TY_INDEX] = "index",
      [TY_INTS] = "int, tuple or list of ints", [TY_FLOATS] = "float or tuple of floats",
      [TY_UNKNOWN] = "unknown (an empty list or dict that a later use types)"};
  switch (t->kind) {
  case TY_LIST:
    put(b, "list[");
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
    put(b, "tuple[");
    for (int i = 0; i < t->nitems; i++) {
      if (i) put(b, ", ");
      put_name(p, t->items[i], b);
    }
    put(b, "]");
    break;
  case TY_CLASS:
    put(b, t->cls->name);
    break;
  case TY_OPTIONAL:
    put(b, "Optional[");
    put_name(p, t->elem, b);
    put(b, "]");
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

/* emit_value.c - the emitter's value layer: how any C is written.
 *
 * Growable text and the current function's lines; C types and run-time type
 * descriptors; temporaries and who owns a reference; the location a failure
 * reports; literals; str(), repr() and truth. Every other emit file writes
 * its C through these, and none of them knows a kind of statement or
 * expression, so they are kept apart from the files that do.
 */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ---- growable text --------------------------------------------------------- */

static void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  int n = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (b->len + n + 1 > cap) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
      fprintf(stderr, "gtorchc: out of memory\n");
      exit(1);
    }
    b->data = d;
    b->cap = cap;
  }
  vsnprintf(b->data + b->len, n + 1, fmt, ap);
  b->len += n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void buf_append(Buf *b, const Buf *more) {
  if (more->len) buf_printf(b, "%.*s", (int)more->len, more->data);
}

void buf_free(Buf *b) {
  free(b->data);
  *b = (Buf){0};
}

/* ---- formatted text and the current function's lines ---------------------- */

const char *fmt(E *e, const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  char buf[2048];
  int n = vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  if (n < (int)sizeof buf) return arena_strdup(e->p->arena, buf);
  char *big = arena_alloc(e->p->arena, n + 1);
  va_start(ap, f);
  vsnprintf(big, n + 1, f, ap);
  va_end(ap);
  return big;
}

/* A path as the body of a C string literal (C reads #line's file name with
 * its escapes): no quote, backslash, newline or trigraph (??/) in it may end
 * the literal or the line early. Most paths need nothing. */
const char *path_literal(Arena *a, const char *path) {
  const char *c = path;
  while (*c && *c != '"' && *c != '\\' && *c != '?' && (unsigned char)*c >= 32 && *c != 127) c++;
  if (!*c) return path;
  Buf b = {0};
  for (c = path; *c; c++) {
    unsigned char ch = (unsigned char)*c;
    if (ch == '"' || ch == '\\' || ch == '?') buf_printf(&b, "\\%c", ch);
    else if (ch < 32 || ch == 127) buf_printf(&b, "\\%03o", ch);
    else buf_printf(&b, "%c", ch);
  }
  const char *r = arena_strdup(a, b.data);
  buf_free(&b);
  return r;
}

/* -g: each C line of a statement carries the statement's .gtp line, so a
 * debugger stops there whatever the statement's C spans; lines of no
 * statement are mapped back to the C file by map_to_c(). */
static void line_directive(E *e, Buf *b) {
  const Node *st = e->f->stmt;
  if (!e->opt->line_directives || !st) return;
  int l, c;
  diag_linecol(st->file, st->pos, &l, &c);
  buf_printf(b, "#line %d \"%s\"\n", l, path_literal(e->p->arena, st->file->path));
}

/* One line of the current function's body. */
void line(E *e, const char *f, ...) {
  line_directive(e, &e->f->body);
  buf_printf(&e->f->body, "%*s", 2 * e->f->indent, "");
  va_list ap;
  va_start(ap, f);
  buf_vprintf(&e->f->body, f, ap);
  va_end(ap);
  buf_printf(&e->f->body, "\n");
}

Val val(const char *c, Type *ty, bool owned) { return (Val){c, ty, owned}; }

/* ---- C types and run-time type descriptors -------------------------------- */

const char *ctype(E *e, const Type *t) {
  /* Optional[T]: T's C type, None a NULL or the runtime's GT_NONE_INT /
   * GT_NONE_FLOAT; an Optional[bool] is an int64_t for room for None. */
  if (t->kind == TY_OPTIONAL) return t->elem->kind == TY_BOOL ? "int64_t" : ctype(e, t->elem);
  switch (t->kind) {
  case TY_INT: return "int64_t";
  case TY_FLOAT: return "double";
  case TY_BOOL: return "bool";
  case TY_STR: return "gt_str *";
  case TY_LIST: return "gt_list *";
  case TY_TUPLE: case TY_VARTUPLE: return "gt_tuple *";
  case TY_DICT: return "gt_dict *";
  case TY_SET: return "gt_set *";
  case TY_CLASS: return fmt(e, "%s *", t->cls->cname);
  case TY_NONE: return "void";
  case TY_NUMBER: return "gt_num";
  case TY_CALLABLE: return "gt_fn *";
  case TY_GENERATOR: return "gt_gen *";
  case TY_UNION: return "gt_dyn *";
  default: return "int64_t";
  }
}

static const char *internal_name(E *e, const char *text);

/* A variable's C lvalue: its C name, or, where a nested function reads
 * it (Sym.captured), its field in its function's environment: `_env->x_`
 * in that function, `_up->x_` in the nested one. */
const char *var_c(E *e, const Sym *y) {
  if (!y->captured) return y->cname;
  if (!e->f) return fmt(e, "_up->%s", y->cname);
  if (e->f->fn == y->owner) return fmt(e, "_env->%s", y->cname);
  const char *path = "_up";  /* through the environments of the functions between */
  for (const Func *f = e->f->fn->outer; f && f != y->owner; f = f->outer) path = fmt(e, "%s->_up", path);
  return fmt(e, "%s->%s", path, y->cname);
}

/* `R (gt_fn *, A, B)`-shaped text of a Callable's C function: its result,
 * then, after `open`, its parameters, the gt_fn first. */
static const char *fn_signature(E *e, const Type *t, const char *open, bool names) {
  Buf b = {0};
  buf_printf(&b, "%s%s%s(gt_fn *%s", ctype(e, t->elem), type_is_ref(t->elem) ? "" : " ", open, names ? "f" : "");
  for (int i = 0; i < t->nitems; i++) {
    const char *ct = ctype(e, t->items[i]);
    buf_printf(&b, ", %s", ct);
    if (names) buf_printf(&b, "%s_a%d", ct[strlen(ct) - 1] == '*' ? "" : " ", i);
  }
  buf_printf(&b, ")");
  const char *r = fmt(e, "%s", b.data);
  buf_free(&b);
  return r;
}

/* The C function that calls a value of Callable type t through its gt_fn
 * (`call_Callable_int_int(f_, 3)`), written on first use. */
const char *fn_caller(E *e, Type *t) {
  if (t->caller) return t->caller;
  Buf name = {0};
  buf_printf(&name, "call %s", type_name(e->p, t));
  t->caller = c_internal(e->p, internal_name(e, name.data));
  buf_free(&name);
  buf_printf(&e->protos, "static inline %s {\n  %s((%s)f->code)(f", fn_signature(e, t, t->caller, true),
             t->elem->kind == TY_NONE ? "" : "return ", fn_signature(e, t, "(*)", false));
  for (int i = 0; i < t->nitems; i++) buf_printf(&e->protos, ", _a%d", i);
  buf_printf(&e->protos, ");\n}\n");
  return t->caller;
}

/* A name the compiler makes at file scope, from `text`: each run of other
 * characters than ASCII letters and digits becomes one '_', and none ends
 * it, so that it is neither the C name of a .gtp name (those end with '_')
 * nor a class's helper (Point__new has two). */
static const char *internal_name(E *e, const char *text) {
  char *s = arena_strdup(e->p->arena, text);
  size_t k = 0;
  for (const char *c = text; *c; c++) {
    if (isalnum((unsigned char)*c)) s[k++] = *c;
    else if (k && s[k - 1] != '_') s[k++] = '_';
  }
  while (k && s[k - 1] == '_') k--;
  s[k] = 0;
  return s;
}

static void desc_suffix(E *e, const Type *t, Buf *b) {
  switch (t->kind) {
  case TY_LIST: buf_printf(b, "list_"); desc_suffix(e, t->elem, b); break;
  case TY_DICT: buf_printf(b, "dict_"); desc_suffix(e, t->key, b); buf_printf(b, "_"); desc_suffix(e, t->elem, b); break;
  case TY_SET: buf_printf(b, "set_"); desc_suffix(e, t->elem, b); break;
  case TY_TUPLE:
    if (t->named) {
      buf_printf(b, "%s", t->named->name);
      break;
    }
    buf_printf(b, "tuple%d", t->nitems);
    for (int i = 0; i < t->nitems; i++) {
      buf_printf(b, "_");
      desc_suffix(e, t->items[i], b);
    }
    break;
  case TY_VARTUPLE: buf_printf(b, "tuple_"); desc_suffix(e, t->elem, b); buf_printf(b, "_etc"); break;
  case TY_CLASS: buf_printf(b, "%s", t->cls->cname); break;
  case TY_NUMBER: buf_printf(b, "num"); break;
  case TY_OPTIONAL: buf_printf(b, "opt_"); desc_suffix(e, t->elem, b); break;
  default: buf_printf(b, "%s", type_name(e->p, t));
  }
}

/* The descriptor of a class with __hash__: gt_t_obj's kind, and a
 * function calling the __hash__ of the object's class (its dispatcher). */
static const char *hashed_desc(E *e, Type *t) {
  if (t->desc) return t->desc;
  ClassInfo *k = t->cls;
  const char *name = c_internal(e->p, fmt(e, "T_%s", k->cname));
  const char *thunk = c_internal(e->p, fmt(e, "%s_hash", k->cname));
  buf_printf(&e->types, "static int64_t %s(gt_obj *o);\n", thunk);
  buf_printf(&e->types, "static const gt_hashed_type %s = {{GT_K_OBJ, -1, NULL, NULL}, %s};\n", name, thunk);
  buf_printf(&e->defs, "static int64_t %s(gt_obj *o) { return %s((%s)o); }\n\n", thunk, method_cname(k->hash),
             ctype(e, k->hash->params[0].ty));
  return t->desc = fmt(e, "&%s.type", name);
}

/* The names of a named tuple's descriptor `cname`: its class's, its fields'. */
static const char *tuple_names(E *e, const NamedTuple *nt, const char *cname) {
  const char *names = c_internal(e->p, fmt(e, "%s_names", cname));
  buf_printf(&e->types, "static const char *const %s_fields[] = {", names);
  for (int i = 0; i < nt->nfields; i++) buf_printf(&e->types, "%s%s", i ? ", " : "", c_quote(e, nt->fields[i]));
  buf_printf(&e->types, "};\n");
  buf_printf(&e->types, "static const gt_tuple_names %s = {%s, %s_fields};\n", names,
             c_quote(e, nt->shown ? nt->shown : nt->name), names);
  return fmt(e, "&%s", names);
}

/* The address of the gt_type describing t, emitting it on first use. */
const char *desc(E *e, Type *t) {
  switch (t->kind) {
  case TY_INT: return "&gt_t_int";
  case TY_FLOAT: return "&gt_t_float";
  case TY_BOOL: return "&gt_t_bool";
  case TY_STR: return "&gt_t_str";
  case TY_NONE: return "&gt_t_none";
  case TY_NUMBER: return "&gt_t_num";
  case TY_CLASS:
    if (t->cls->descriptor) return fmt(e, "&%s", t->cls->descriptor);
    return t->cls->hash && t->cls->hash->used ? hashed_desc(e, t) : "&gt_t_obj";
  case TY_CALLABLE: case TY_GENERATOR: return "&gt_t_obj";
  case TY_OPTIONAL: return desc(e, t->elem);  /* of a reference (resolve.c): its None a NULL the runtime knows */
  case TY_UNION: return "&gt_t_dyn";  /* its member's descriptor is inside */
  default: break;
  }
  if (t->desc) return t->desc;
  int n = t->kind == TY_TUPLE ? t->nitems : t->kind == TY_DICT ? 2 : 1;
  Type **args = arena_alloc(e->p->arena, (n ? n : 1) * sizeof *args);
  const char *kind = "GT_K_LIST";
  if (t->kind == TY_LIST) args[0] = t->elem;
  else if (t->kind == TY_VARTUPLE) {  /* tuple[T, ...]: each tuple's own descriptor types its items */
    kind = "GT_K_TUPLE";
    args[0] = t->elem;
  } else if (t->kind == TY_SET) {
    kind = "GT_K_SET";
    args[0] = t->elem;
  } else if (t->kind == TY_DICT) {
    kind = "GT_K_DICT";
    args[0] = t->key;
    args[1] = t->elem;
  } else if (t->kind == TY_TUPLE) {
    kind = "GT_K_TUPLE";
    for (int i = 0; i < n; i++) args[i] = t->items[i];
  }
  const char **argd = arena_alloc(e->p->arena, (n ? n : 1) * sizeof *argd);
  for (int i = 0; i < n; i++) argd[i] = desc(e, args[i]);
  Buf name = {0};
  buf_printf(&name, "T_");
  desc_suffix(e, t, &name);
  const char *cname = c_internal(e->p, internal_name(e, name.data));  /* T_list_int */
  buf_free(&name);
  if (n) {
    /* claimed too: a class int_args makes list[int_args] T_list_int_args */
    const char *args = c_internal(e->p, fmt(e, "%s_args", cname));
    buf_printf(&e->types, "static const gt_type *const %s[] = {", args);
    for (int i = 0; i < n; i++) buf_printf(&e->types, "%s%s", i ? ", " : "", argd[i]);
    buf_printf(&e->types, "};\n");
    buf_printf(&e->types, "static const gt_type %s = {%s, %d, %s, %s};\n", cname, kind, n, args,
               t->named ? tuple_names(e, t->named, cname) : "NULL");
  } else {
    buf_printf(&e->types, "static const gt_type %s = {%s, 0, NULL, %s};\n", cname, kind,
               t->named ? tuple_names(e, t->named, cname) : "NULL");
  }
  t->desc = fmt(e, "&%s", cname);
  return t->desc;
}

/* ---- temporaries and ownership ------------------------------------------ */

/* `CTYPE NAME[ = INIT];` among the function's declarations. In a function
 * with a try statement every variable is volatile: a raise comes back to
 * the try by longjmp, after which C promises only volatile variables the
 * values last stored. */
void declare_c(E *e, const char *ct, const char *name, const char *init) {
  bool ptr = ct[strlen(ct) - 1] == '*';
  const char *v = e->f->fn->has_try ? "volatile " : "";
  buf_printf(&e->f->decls, ptr ? "  %3$s%2$s%1$s" : "  %2$s%3$s %1$s", name, v, ct);
  if (init) buf_printf(&e->f->decls, " = %s", init);
  buf_printf(&e->f->decls, ";\n");
}

const char *new_temp(E *e, Type *t) {
  const char *name = fmt(e, "_t%d", ++e->f->ntemps);
  declare_c(e, ctype(e, t), name, type_is_ref(t) ? "NULL" : NULL);
  if (t->kind == TY_GENERATOR) push_name(&e->f->generators, &e->f->ngenerators, &e->f->capgenerators, name);
  return name;
}

/* A temporary that a call fills through a pointer (an iterator's next
 * element), read right after the call: never volatile, which the pointer
 * would not take, and never read after a longjmp. */
/* An extern's result crosses in out parameters: one an item of a tuple,
 * or one for the whole value (a generic class's `-> B`: Func.ret_whole). */
int extern_outs(const Func *f) { return f->ret->kind == TY_TUPLE && !f->ret_whole ? f->ret->nitems : 1; }

Type *out_type(const Func *f, int j) { return f->ret->kind == TY_TUPLE && !f->ret_whole ? f->ret->items[j] : f->ret; }

const char *new_out_temp(E *e, Type *t) {
  const char *name = fmt(e, "_t%d", ++e->f->ntemps);
  const char *ct = ctype(e, t);
  buf_printf(&e->f->decls, "  %s%s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", name,
             type_is_ref(t) ? " = NULL" : "");
  return name;
}

void push_name(const char ***list, int *n, int *cap, const char *name) {
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 16;
    *list = realloc(*list, *cap * sizeof **list);
  }
  (*list)[(*n)++] = name;
}

void release_later(E *e, const char *name) {
  push_name(&e->f->pending, &e->f->npending, &e->f->cappending, name);
  add_slot(e, name);
}

/* In a program that catches exceptions, name (a variable or temporary that
 * is NULL or owns a reference wherever something may raise) is one of the
 * slots of the function's holdings, which an exception leaving it releases. */
void add_slot(E *e, const char *name) {
  FnState *fs = e->f;
  if (!fs->unwinds) return;
  for (int i = 0; i < fs->nslots; i++)
    if (strcmp(fs->slots[i], name) == 0) return;
  push_name(&fs->slots, &fs->nslots, &fs->capslots, name);
}

/* `x_`, `_t3`, `_h1.exc`, `_env->x_`: C that can be assigned to. */
static bool is_lvalue_name(const char *c) {
  if (!isalpha((unsigned char)*c) && *c != '_') return false;
  for (const char *s = c; *s; s++) {
    bool arrow = (s[0] == '-' && s[1] == '>') || (s[-1] == '-' && s[0] == '>');
    if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && !arrow) return false;
  }
  return true;
}

/* Releases c. Where an exception may leave the frame, a variable is also
 * cleared, so that an exception raised after does not release it again. */
void release_line(E *e, const char *c) {
  if (e->f->unwinds && is_lvalue_name(c)) line(e, "%s = gt_replace(%s, NULL);", c, c);
  else line(e, "gt_release(%s);", c);
}

/* The value of a temporary t that holds a new reference. Where an
 * exception may leave the frame, the temporary keeps it to the end of the
 * statement (a slot) and the value is borrowed: an exception raised before
 * a consumer takes the reference finds it there. */
Val temp_result(E *e, const char *t, Type *ty) {
  if (!e->f->unwinds || !type_is_ref(ty)) return val(t, ty, true);
  release_later(e, t);
  return val(t, ty, false);
}

/* Releases the statement's temporaries made since `mark`. */
void flush(E *e, int mark) {
  for (int i = mark; i < e->f->npending; i++) release_line(e, e->f->pending[i]);
  e->f->npending = mark;
}

bool is_ref(const Val v) { return type_is_ref(v.ty); }

/* A number nothing reads (`for step in range(n)` where the body ignores
 * step) is neither declared nor stored: C compilers warn about those. */
bool unread_number(const Sym *y) {
  return y && y->kind == SYM_LOCAL && !y->read && y->ty && !type_is_ref(y->ty);
}


/* Moves a value into a temporary, keeping evaluation order. */
static Val hoist(E *e, Val v) {
  if (v.ty->kind == TY_NONE) {
    line(e, "%s;", v.c);
    return val("NULL", v.ty, false);
  }
  const char *t = new_temp(e, v.ty);
  line(e, "%s = %s;", t, v.c);
  if (v.owned && is_ref(v)) release_later(e, t);
  return val(t, v.ty, false);
}

/* A C expression that borrows the value: new references go to a temporary
 * released at the end of the statement. */
const char *borrow(E *e, Val v) {
  if (v.owned && is_ref(v)) return hoist(e, v).c;
  return v.c;
}

/* A C expression that yields a new reference (for storing). */
const char *own(E *e, Val v) {
  if (!is_ref(v) || v.owned) return v.c;
  return fmt(e, "gt_retain(%s)", v.c);
}

bool is_simple(const char *c) {
  for (const char *s = c; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '>' && *s != '-' && *s != '&')
      return false;
  return true;
}

/* Functions whose calls may stay inside a larger expression: they have no
 * effect but a possible failure, so evaluating them a little later is safe. */
static const char *const pure_funcs[] = {
    "gt_int_add", "gt_int_sub", "gt_int_mul", "gt_int_neg", "gt_int_abs", "gt_list_len",
    "gt_str_len", "gt_dict_len", "gt_set_len", "gt_vi", "gt_vf", "gt_vb", "gt_vp", NULL};

static bool is_pure(const char *c) {
  for (const char *s = c; *s; s++) {
    if (!(isalpha((unsigned char)*s) || *s == '_') || (s > c && (isalnum((unsigned char)s[-1]) || s[-1] == '_')))
      continue;
    const char *end = s;
    while (isalnum((unsigned char)*end) || *end == '_') end++;
    if (*end == '(') {
      bool known = false;
      for (int i = 0; pure_funcs[i] && !known; i++)
        known = strlen(pure_funcs[i]) == (size_t)(end - s) && strncmp(pure_funcs[i], s, end - s) == 0;
      if (!known) return false;
    }
    s = end - 1;
  }
  return true;
}

/* A value that is safe to read later in the statement, after other calls. */
Val stable(E *e, Val v) {
  if ((v.owned && is_ref(v)) || !is_pure(v.c)) return hoist(e, v);
  return v;
}

/* Does evaluating n call anything (which might change a variable)? */
bool has_call(const Node *n) {
  if (!n) return false;
  if (n->kind == EX_CALL || n->kind == EX_LISTCOMP || n->kind == EX_DICTCOMP || n->kind == EX_SETCOMP ||
      n->kind == EX_NAMEDEXPR)
    return true;
  if ((n->kind == EX_BINOP || n->kind == EX_UNARY || n->kind == EX_COMPARE) && n->info) return true;
  const Node *kids[] = {n->lhs, n->rhs, n->cond, n->lo, n->hi, n->step};
  for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
    if (has_call(kids[i])) return true;
  const Node *lists[] = {n->args, n->elts, n->cmps, n->parts};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
    for (const Node *x = lists[i]; x; x = x->next)
      if (has_call(x)) return true;
  return false;
}

static bool later_has_call(const Node *n) {
  for (n = n->next; n; n = n->next)
    if (has_call(n->kind == ND_KEYWORD ? n->rhs : n)) return true;
  return false;
}

bool is_literal_text(const char *c) {
  return isdigit((unsigned char)c[0]) || c[0] == '&' || c[0] == '"' || strcmp(c, "true") == 0 ||
         strcmp(c, "false") == 0 || strcmp(c, "NULL") == 0 || (c[0] == '-' && isdigit((unsigned char)c[1]));
}

/* The value as it is now, for an operand evaluated before a later call
 * that might change the variables it reads (Python evaluates left to right). */
Val snapshot(E *e, Val v) {
  if (is_literal_text(v.c) || v.c[0] == '_') return v;
  if (v.owned || !is_ref(v)) return hoist(e, v);
  return hoist(e, val(fmt(e, "gt_retain(%s)", v.c), v.ty, true));
}

/* An argument of a call or display: stable, and a snapshot when a later
 * argument calls something. */
Val operand(E *e, Node *n) {
  Val v = stable(e, ex(e, n));
  return later_has_call(n) ? snapshot(e, v) : v;
}

/* A condition for `if (...)`, without doubled parentheses. */
const char *cond_text(E *e, const char *c) {
  size_t n = strlen(c);
  if (n >= 2 && c[0] == '(' && c[n - 1] == ')') {
    int depth = 0;
    size_t i;
    for (i = 0; i < n; i++) {
      depth += c[i] == '(' ? 1 : c[i] == ')' ? -1 : 0;
      if (depth == 0) break;
    }
    if (i == n - 1) return fmt(e, "%.*s", (int)(n - 2), c + 1);
  }
  return c;
}

/* The struct member that says late field f is set: its name with `set`,
 * which no name of the source gives (theirs end in `_`). */
const char *late_flag(E *e, const Field *f) { return fmt(e, "%sset", f->cname); }

/* `c` ready for `->`: a literal's address needs parentheses. */
const char *arrow(E *e, const char *c) {
  if (c[0] == '&') return fmt(e, "(%s)", c);
  return c;
}

static const char *coerce_numbers(E *e, const char *c, const Type *from, const Type *to);

/* C for "the Optional value x is not None" (x a stable C expression). */
const char *present(E *e, const char *x, const Type *t) {
  switch (t->elem->kind) {
  case TY_INT: case TY_BOOL: return fmt(e, "(%s != GT_NONE_INT)", x);
  case TY_FLOAT: return fmt(e, "!gt_float_is_none(%s)", x);  /* a NaN of its own: float("nan") is no None */
  case TY_NUMBER: return fmt(e, "(%s != GT_NONE_NUM)", x);
  default: return fmt(e, "(%s != NULL)", x);
  }
}

/* The None of an Optional[T] (t is T): a NULL, or the number T keeps for it. */
static const char *none_of(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_BOOL: return "GT_NONE_INT";
  case TY_FLOAT: return "GT_NONE_FLOAT";
  case TY_NUMBER: return "GT_NONE_NUM";
  default: return "NULL";
  }
}

/* Does an Optional[T] (t is T) keep its None as a number of T's? */
static bool none_is_number(const Type *t) {
  return t->kind == TY_INT || t->kind == TY_BOOL || t->kind == TY_FLOAT || t->kind == TY_NUMBER;
}

/* Do Optional `from` and `to` keep None or their values in other C: an
 * Optional[int] (None a GT_NONE_INT) as an Optional[float], an int |
 * float or an Optional[int | str] (None a NULL, a value boxed)? */
static bool optional_recast_needed(const Type *from, const Type *to) {
  if (from->kind != TY_OPTIONAL || to->kind != TY_OPTIONAL || from->elem == to->elem) return false;
  return none_is_number(from->elem) || none_is_number(to->elem) || to->elem->kind == TY_UNION;
}

/* Optional c of type `from` as a `to` (optional_recast_needed): None as
 * to's None, a value converted. A new reference where `owned` and to's
 * values are references, else one held for the statement. */
static const char *optional_recast(E *e, const char *c, const Type *from, const Type *to, bool owned) {
  const char *x = new_temp(e, (Type *)from);
  line(e, "%s = %s;", x, c);
  const char *r = new_temp(e, (Type *)to);
  line(e, "%s = %s;", r, none_of(to->elem));
  line(e, "if (%s) {", present(e, x, from));
  e->f->indent++;
  /* a new reference made in the branch: a temporary released after the statement would be set on one path */
  if (type_is_ref(to)) line(e, "%s = %s;", r, owned_as(e, val(x, from->elem, false), to->elem).c);
  else line(e, "%s = %s;", r, coerce(e, x, from->elem, to->elem));
  e->f->indent--;
  line(e, "}");
  if (type_is_ref(to) && !owned) release_later(e, r);
  return r;
}

/* None, or a value of T, as an Optional[T]. */
static const char *coerce_optional(E *e, const char *c, const Type *from, const Type *to) {
  if (from->kind == TY_OPTIONAL) return optional_recast_needed(from, to) ? optional_recast(e, c, from, to, false) : c;
  if (from->kind != TY_NONE) return coerce(e, c, from, to->elem);
  return none_of(to->elem);
}

static const char *dynamic_item(E *e, const char *c, const Type *from);
static const char *union_item(E *e, const char *c, const Type *from, const Type *to);
static const char *union_recast(E *e, const char *c, const Type *from, const Type *to, bool owned);
static const char *member_box(E *e, const char *c, const Type *from, Type *m, const char **d);

/* The None of a `-> None` call as a value (`f() if k else 3`, `x = f()`
 * of an Optional x): the call runs as a statement, its value NULL. */
static const char *none_ran(E *e, const char *c) {
  if (is_simple(c)) return c;
  line(e, "%s;", c);
  return "NULL";
}

const char *coerce(E *e, const char *c, const Type *from, const Type *to) {
  if (from->kind == TY_NONE && to->kind != TY_NONE) c = none_ran(e, c);
  if (to->kind == TY_OPTIONAL) return coerce_optional(e, c, from, to);
  if (to->kind == TY_INTS || to->kind == TY_FLOATS) return coerce_numbers(e, c, from, to);
  if (to->kind == TY_FLOAT && (from->kind == TY_INT || from->kind == TY_BOOL)) return fmt(e, "(double)%s", c);
  if (to->kind == TY_FLOAT && from->kind == TY_NUMBER) return fmt(e, "gt_num_as_float(%s)", c);
  if (to->kind == TY_NUMBER && from->kind != TY_NUMBER)
    return fmt(e, from->kind == TY_FLOAT ? "gt_num_float(%s)" : from->kind == TY_BOOL ? "gt_num_bool(%s)" : "gt_num_int(%s)", c);
  if (from->kind == TY_NONE && to->kind == TY_INT) return "GT_NONE_INT";    /* an optional argument's None */
  if (from->kind == TY_NONE && to->kind == TY_FLOAT) return "GT_NONE_FLOAT";
  if (to->kind == TY_UNION) return from->kind == TY_UNION ? union_recast(e, c, from, to, false) : union_item(e, c, from, to);
  if (from->kind == TY_UNION && to->kind == TY_CLASS && !type_is_dynamic(to)) return fmt(e, "((%s)gt_union_object(%s))", ctype(e, to), c);
  if (type_is_dynamic(to) && from->kind == TY_UNION) return fmt(e, "(%s)%s", ctype(e, to), c);  /* a gt_dyn already */
  if (type_is_dynamic(to) && from != to) return dynamic_item(e, c, from);
  /* an nn.Module subclass passed as a module: its struct starts as every module does */
  if (to->kind == TY_CLASS && from->kind == TY_CLASS && strcmp(to->cls->cname, from->cls->cname) != 0)
    return fmt(e, "(%s)%s", ctype(e, to), c);
  return c;
}

/* A value as an item of a list of values of several types: a gt_dyn of
 * it with its own descriptor, held for the statement (a borrowed one, as
 * the value coerced was). */
static const char *dynamic_item(E *e, const char *c, const Type *from) {
  const char *d = desc(e, (Type *)from);
  const char *t = new_temp(e, dynamic_class(e->p)->ty);
  line(e, "%s = (gt_dyn *)gt_dyn_new(gt_val_retain(%s, %s), %s).p;", t, box(e, c, from), d, d);
  release_later(e, t);
  return t;
}

/* The descriptor that tells member t of a union where it runs: a type's
 * own, or for a class whose objects share gt_t_obj, one of its own. */
const char *union_desc(E *e, Type *t) {
  const char *d = desc(e, t);
  if (strcmp(d, "&gt_t_obj") != 0) return d;
  if (t->member_desc) return t->member_desc;
  Buf name = {0};
  buf_printf(&name, "T_");
  if (t->kind == TY_CLASS) buf_printf(&name, "%s", t->cls->name);
  else desc_suffix(e, t, &name);
  const char *cname = c_internal(e->p, internal_name(e, name.data));
  buf_free(&name);
  buf_printf(&e->types, "static const gt_type %s = {GT_K_OBJ, 0, NULL, NULL};\n", cname);
  return t->member_desc = fmt(e, "&%s", cname);
}

/* A value of type from as a union's (`return (h, c)` of a `-> Tensor |
 * tuple[Tensor, Tensor]`): a gt_dyn of it as its member, held for the
 * statement (a borrowed one, as the value coerced was). */
static const char *union_item(E *e, const char *c, const Type *from, const Type *to) {
  Type *m = union_member(to, from);
  const char *d;
  const char *v = member_box(e, c, from, m, &d);
  const char *t = new_temp(e, (Type *)to);
  line(e, "%s = (gt_dyn *)gt_dyn_new(gt_val_retain(%s, %s), %s).p;", t, v, d, d);
  release_later(e, t);
  return t;
}

/* Value c of type `from` boxed as union member m, with the descriptor it
 * keeps (*d): a bool or an int stored as a wider number member (True as
 * an `int | str`'s int) keeps its own, so it prints as Python prints it
 * (True, not 1) while it reads as the member (gtorch_core.h). */
static const char *member_box(E *e, const char *c, const Type *from, Type *m, const char **d) {
  if (from->kind == TY_BOOL && (m->kind == TY_INT || m->kind == TY_FLOAT)) {
    *d = m->kind == TY_INT ? "&gt_t_bool_as_int" : "&gt_t_bool_as_float";
    return box(e, c, from);
  }
  if (from->kind == TY_INT && m->kind == TY_FLOAT) {
    *d = "&gt_t_int_as_float";
    return box(e, c, from);
  }
  *d = union_desc(e, m);
  return box(e, coerce(e, c, from, m), m);
}

/* Is a tuple of type `from` another tuple where one of type `to` goes:
 * some item a union value there (the tuple an LSTM's call gives where an
 * LSTM's or a GRU's is held, check_expr.c tuple_join)? */
static bool needs_retuple(const Type *from, const Type *to) {
  if (from == to || from->kind != TY_TUPLE || to->kind != TY_TUPLE || from->nitems != to->nitems) return false;
  for (int i = 0; i < to->nitems; i++) {
    bool into_union = to->items[i]->kind == TY_UNION && from->items[i]->kind != TY_UNION;
    if (into_union || needs_retuple(from->items[i], to->items[i])) return true;
  }
  return false;
}

/* Tuple c (stable, borrowed) of type `from` as a new one of type `to`
 * (needs_retuple): its items, each as a union's member where `to` has a
 * union; a new reference. */
static const char *retuple(E *e, const char *c, const Type *from, const Type *to) {
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, (Type *)to));
  for (int i = 0; i < to->nitems; i++) {
    const char *item = unbox(e, fmt(e, "%s->items[%d]", c, i), from->items[i]);  /* borrowed */
    if (needs_retuple(from->items[i], to->items[i])) {
      const char *t = new_temp(e, to->items[i]);
      line(e, "%s = %s;", t, retuple(e, item, from->items[i], to->items[i]));
      release_later(e, t);
      item = t;
    } else {
      item = coerce(e, item, from->items[i], to->items[i]);
    }
    buf_printf(&b, ", %s", box(e, item, to->items[i]));
  }
  const char *r = fmt(e, "%s)", b.data);
  buf_free(&b);
  return r;
}

/* v as a new reference (for storing) where a value of type `to` goes: a
 * value stored where a union (or an Optional of one) goes is a new gt_dyn
 * of it, which takes over v's reference; else v itself, owned. */
Val owned_as(E *e, Val v, const Type *to) {
  if (v.ty->kind == TY_NONE) v.c = none_ran(e, v.c);
  const Type *tc = to->kind == TY_OPTIONAL ? to->elem : to;
  if (tc->kind == TY_CLASS && v.ty->kind == TY_UNION)  /* a `Wide | Deep` stored as an nn.Module: the object inside */
    return val(fmt(e, "((%s)gt_retain(gt_union_object(%s)))", ctype(e, (Type *)tc), borrow(e, v)), (Type *)tc, true);
  if (needs_retuple(v.ty, to)) return val(retuple(e, borrow(e, v), v.ty, to), (Type *)to, true);
  const Type *u = to->kind == TY_OPTIONAL ? to->elem : to;
  const Type *vu = v.ty->kind == TY_OPTIONAL ? v.ty->elem : v.ty;
  if (u->kind == TY_UNION && vu->kind == TY_UNION)  /* a Dog | int stored as an Animal | int */
    return val(union_recast(e, borrow(e, v), v.ty, to, true), (Type *)to, true);
  if (optional_recast_needed(v.ty, to)) return val(optional_recast(e, borrow(e, v), v.ty, to, true), (Type *)to, true);
  if (u->kind != TY_UNION || v.ty->kind == TY_NONE || v.ty->kind == TY_OPTIONAL || v.ty->kind == TY_ERROR)
    return val(own(e, v), v.ty, true);
  const char *d;
  const char *b = member_box(e, own(e, v), v.ty, union_member(u, v.ty), &d);
  return val(fmt(e, "(gt_dyn *)gt_dyn_new(%s, %s).p", b, d), (Type *)u, true);
}

/* Union value c of union `from` as one of union `to`: itself where each
 * member of from is one of to's, else gt_union_recast of those that are
 * another (a class's base's): a new reference where `owned`, else one
 * held for the statement. */
static const char *union_recast(E *e, const char *c, const Type *from, const Type *to, bool owned) {
  if (to->kind == TY_OPTIONAL) to = to->elem;
  if (from->kind == TY_OPTIONAL) from = from->elem;
  Buf a = {0}, b = {0};
  int n = 0;
  for (int i = 0; i < from->nitems; i++) {
    Type *m = union_member(to, from->items[i]);
    if (m == from->items[i]) continue;
    buf_printf(&a, "%s%s", n ? ", " : "", union_desc(e, from->items[i]));
    buf_printf(&b, "%s%s", n++ ? ", " : "", union_desc(e, m));
  }
  const char *r = n ? fmt(e, "gt_union_recast(%s, %d, (const gt_type *const[]){%s}, (const gt_type *const[]){%s})", c, n,
                          a.data, b.data)
                    : owned ? fmt(e, "gt_retain(%s)", c) : c;
  buf_free(&a);
  buf_free(&b);
  if (!n || owned) return r;
  const char *t = new_temp(e, (Type *)to);
  line(e, "%s = %s;", t, r);
  release_later(e, t);
  return t;
}

/* The value inside union value u (C, stable) as member m. */
const char *union_value(E *e, const char *u, Type *m) {
  return unbox(e, fmt(e, "gt_union_get(%s, %s)", u, union_desc(e, m)), m);
}

/* An `ints` / `floats` parameter: C gets a gt_ints / gt_floats by value. */
static const char *coerce_numbers(E *e, const char *c, const Type *from, const Type *to) {
  const char *kind = to->kind == TY_INTS ? "ints" : "floats";
  switch (from->kind) {
  case TY_NONE: return fmt(e, "gt_%s_none()", kind);
  case TY_TUPLE: return fmt(e, "gt_%s_tuple(%s)", kind, c);
  case TY_LIST: return fmt(e, "gt_ints_list(%s)", c);   /* a list[int]: check.c takes no other list */
  default: return fmt(e, "gt_%s_%s(%s)", kind, to->kind == TY_INTS ? "int" : "float", c);
  }
}

const char *box(E *e, const char *c, const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_NUMBER: return fmt(e, "gt_vi(%s)", c);
  case TY_FLOAT: return fmt(e, "gt_vf(%s)", c);
  case TY_BOOL: return fmt(e, "gt_vb(%s)", c);
  default: return fmt(e, "gt_vp(%s)", c);
  }
}

const char *unbox(E *e, const char *c, const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_NUMBER: return fmt(e, "%s.i", c);
  case TY_FLOAT: return fmt(e, "%s.f", c);
  case TY_BOOL: return fmt(e, "%s.b", c);
  default: return fmt(e, "((%s)%s.p)", ctype(e, t), c);
  }
}

/* ---- locations ------------------------------------------------------------ */

/* Writes `gt_at(&_fr, l, c);` where the statement's pending one belongs. */
static void fill_at_slot(E *e, int l, int c) {
  FnState *f = e->f;
  Buf text = {0};
  const Node *saved = f->stmt;
  f->stmt = f->at_stmt;
  line_directive(e, &text);
  f->stmt = saved;
  buf_printf(&text, "%*sgt_at(&_fr, %d, %d);\n", 2 * f->at_indent, "", l, c);
  size_t n = text.len;
  Buf *b = &f->body;
  buf_append(b, &text);  /* grows the buffer; then moves the text into place */
  memmove(b->data + f->at_slot + n, b->data + f->at_slot, b->len - n - f->at_slot);
  memcpy(b->data + f->at_slot, text.data, n);
  buf_free(&text);
  f->at_pending = false;
}

void set_at(E *e, const Node *n) {
  if (e->f->frameless) return;
  int l, c;
  diag_linecol(n->file, n->pos, &l, &c);
  if (e->f->at_pending) {
    fill_at_slot(e, l, c);
  } else {
    if (l == e->f->at_line && c == e->f->at_col) return;
    line(e, "gt_at(&_fr, %d, %d);", l, c);
  }
  e->f->at_line = l;
  e->f->at_col = c;
}

/* The statement's location, before its code, if the code calls anything
 * (a call may fail, or show this line in a traceback). */
void settle_at(E *e) {
  FnState *f = e->f;
  if (!f->at_pending) return;
  if (f->frameless) {
    f->at_pending = false;
    return;
  }
  bool emitted = f->body.len > f->at_slot;  /* an elif's condition is emitted into a buffer that may be empty */
  if (!emitted || !memchr(f->body.data + f->at_slot, '(', f->body.len - f->at_slot)) {
    f->at_pending = false;
    return;
  }
  int l, c;
  diag_linecol(f->at_stmt->file, f->at_stmt->pos, &l, &c);
  fill_at_slot(e, l, c);
  f->at_line = l;
  f->at_col = c;
}

/* Does C expression s call a function (a name followed by '(')? */
static bool calls_in(const char *s) {
  for (const char *p = strchr(s, '('); p; p = strchr(p + 1, '('))
    if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) return true;
  return false;
}

/* Node n's location is pending: written where the code that follows
 * calls anything (settle_at), before it. */
void pend_at(E *e, const Node *n) {
  FnState *f = e->f;
  f->at_pending = true;
  f->at_slot = f->body.len;
  f->at_indent = f->indent;
  f->at_stmt = n;
  f->at_line = f->at_col = 0;
}

/* The pending location of a condition (an if's, an elif's),
 * where the code computing it or its C expression k calls anything (`if
 * m.bias:` fails on its own line). */
void settle_cond_at(E *e, const char *k) {
  if (e->f->at_pending && !e->f->frameless && calls_in(k)) {
    int l, c;
    diag_linecol(e->f->at_stmt->file, e->f->at_stmt->pos, &l, &c);
    fill_at_slot(e, l, c);
    e->f->at_line = l;
    e->f->at_col = c;
  }
  settle_at(e);
}

/* An integer operation that may overflow: it gives the statement its
 * location if nothing has yet, without moving it into a temporary. */
void mark_op(E *e, const Node *n) {
  if (e->f->at_pending) set_at(e, n);
}

void forget_at(E *e) { e->f->at_line = e->f->at_col = 0; }

/* A call records its line for the traceback when it is not the statement's. */
void set_line(E *e, const Node *n) {
  int l, c;
  diag_linecol(n->file, n->pos, &l, &c);
  if (l != e->f->at_line) set_at(e, n);
}

/* An operation that may fail at node n: record n's location, then compute
 * it into a temporary so a later location cannot overwrite it first. */
Val failing(E *e, const Node *n, Val v) {
  if (e->f->frameless) return v;
  int l, c;
  diag_linecol(n->file, n->pos, &l, &c);
  if (l == e->f->at_line && c == e->f->at_col) return v;
  set_at(e, n);
  if (n == e->f->discarded && !is_ref(v)) return v;  /* xs.pop() as a statement: no temporary */
  return hoist(e, v);
}

/* ---- literals ------------------------------------------------------------- */

static const char *c_string(E *e, const char *s, size_t len) {
  Buf b = {0};
  buf_printf(&b, "\"");
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"' || ch == '\\') buf_printf(&b, "\\%c", ch);
    else if (ch == '\n') buf_printf(&b, "\\n");
    else if (ch == '\t') buf_printf(&b, "\\t");
    else if (ch == '?' && i + 1 < len && s[i + 1] == '?') buf_printf(&b, "?\"\"");   /* no trigraphs */
    else if (ch < 32 || ch == 127 || ch >= 128) {
      buf_printf(&b, "\\%03o", ch);
    } else buf_printf(&b, "%c", ch);
  }
  buf_printf(&b, "\"");
  const char *r = arena_strdup(e->p->arena, b.data);
  buf_free(&b);
  return r;
}

const char *c_quote(E *e, const char *s) { return c_string(e, s, strlen(s)); }

/* A static immortal gt_str; named after its text where it is short. */
const char *str_literal(E *e, const char *s, size_t len) {
  const char *name = fmt(e, "s%d", ++e->nstrs);
  if (len && len < 16) name = internal_name(e, fmt(e, "%s_%.*s", name, (int)len, s));
  buf_printf(&e->strs, "static gt_str %s = {{GT_IMMORTAL, &gt_str_class}, %zu, %s};\n", name, len,
             c_string(e, s, len));
  return fmt(e, "&%s", name);
}

const char *float_literal(E *e, double v) {
  if (isinf(v)) return v > 0 ? "__builtin_inf()" : "(-__builtin_inf())";  /* 1e999 in the source */
  char buf[64];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) break;
  }
  if (!strpbrk(buf, ".eEn")) strcat(buf, ".0");
  return arena_strdup(e->p->arena, buf);
}

const char *int_literal(E *e, int64_t v) {
  if (v > INT32_MAX || v < INT32_MIN) return fmt(e, "INT64_C(%" PRId64 ")", v);
  return fmt(e, "%" PRId64, v);
}

/* ---- conversions to str ---------------------------------------------------- */

/* A value of type None is NULL; a call giving it is a C statement. */
void discard_none(E *e, Val v) {
  /* a call's effects stay; a variable holding None (`group is None` of a
     `group: None` parameter) is read as C reads an unused one: a bare
     `group_;` is a C warning */
  if (strcmp(v.c, "NULL") != 0) line(e, is_simple(v.c) ? "(void)%s;" : "%s;", v.c);
}

/* str(v) or repr(v) of an Optional: "None", or its value's. */
static Val optional_str(E *e, Val v, Val (*conv)(E *, Val)) {
  Type *s = type_prim(TY_STR);
  const char *x = stable(e, v).c;
  const char *none = own(e, val(str_literal(e, "None", 4), s, false));
  const char *some = own(e, conv(e, val(x, v.ty->elem, false)));
  return val(fmt(e, "(%s ? %s : %s)", present(e, x, v.ty), some, none), s, true);
}

/* v as the self of method f (of v's class or a base's). */
static const char *self_arg(E *e, Val v, const Func *f) { return coerce(e, borrow(e, v), v.ty, f->params[0].ty); }

/* str(v) as a Val of type str. */
Val to_str(E *e, Val v) {
  Type *s = type_prim(TY_STR);
  switch (v.ty->kind) {
  case TY_OPTIONAL: return optional_str(e, v, to_str);
  case TY_STR: return v;
  case TY_INT: return val(fmt(e, "gt_str_of_int(%s)", v.c), s, true);
  case TY_FLOAT: return val(fmt(e, "gt_str_of_float(%s)", v.c), s, true);
  case TY_BOOL: return val(fmt(e, "gt_str_of_bool(%s)", v.c), s, true);
  case TY_NUMBER: return val(fmt(e, "gt_num_str(%s)", v.c), s, true);
  case TY_NONE:
    discard_none(e, v);
    return val(str_literal(e, "None", 4), s, false);
  case TY_CLASS: {  /* a class with derived classes: the slots of the object's own class */
    bool exc = v.ty->cls->protocol == PROTO_EXCEPTION;  /* an exception's str is its message, not its __repr__ */
    Func *f = v.ty->cls->str ? v.ty->cls->str : exc ? NULL : v.ty->cls->repr;
    /* a .gtp f unused: no object of the class is made (a field a state dict would fill), the slots' path */
    if (f && (f->used || f->is_extern) && !is_derived(e->p, v.ty->cls))
      return val(fmt(e, "%s(%s)", f->cname, self_arg(e, v, f)), s, true);
  }
    /* fallthrough */
  default: {
    const char *b = borrow(e, v);
    return val(fmt(e, "gt_val_str(%s, %s)", box(e, b, v.ty), desc(e, v.ty)), s, true);
  }
  }
}

Val to_repr(E *e, Val v) {
  Type *s = type_prim(TY_STR);
  if (v.ty->kind == TY_OPTIONAL) return optional_str(e, v, to_repr);
  if (v.ty->kind == TY_STR) return val(fmt(e, "gt_str_repr(%s)", borrow(e, v)), s, true);
  Func *repr = v.ty->kind == TY_CLASS ? v.ty->cls->repr : NULL;
  if (repr && (repr->used || repr->is_extern) && !is_derived(e->p, v.ty->cls))
    return val(fmt(e, "%s(%s)", repr->cname, self_arg(e, v, repr)), s, true);
  if (v.ty->kind == TY_NONE || v.ty->kind == TY_INT || v.ty->kind == TY_FLOAT || v.ty->kind == TY_BOOL ||
      v.ty->kind == TY_NUMBER)
    return to_str(e, v);
  const char *b = borrow(e, v);
  return val(fmt(e, "gt_val_repr(%s, %s)", box(e, b, v.ty), desc(e, v.ty)), s, true);
}

/* C for the truth value of v, as Python's bool(v). */
/* `if x:` of an object: x.__bool__(), else len(x) != 0, else true, as
 * Python (the method check.c chose: ClassInfo.truth). */
static const char *class_truth(E *e, Val v) {
  const ClassInfo *k = v.ty->cls;
  if (!k->truth) {
    borrow(e, v);
    return "true";
  }
  const char *test = k->truth_by_len ? "(%s(%s) != 0)" : "%s(%s)";
  return fmt(e, test, method_cname(k->truth), coerce(e, borrow(e, v), v.ty, k->truth->params[0].ty));
}

const char *truth(E *e, Val v) {
  switch (v.ty->kind) {
  case TY_BOOL: return v.c;
  case TY_INT: return fmt(e, "(%s != 0)", v.c);
  case TY_FLOAT: return fmt(e, "(%s != 0.0)", v.c);
  case TY_NUMBER: return fmt(e, "gt_num_truth(%s)", v.c);
  case TY_STR: return fmt(e, "(%s->len != 0)", arrow(e, borrow(e, v)));
  case TY_LIST: return fmt(e, "(gt_list_len(%s) != 0)", borrow(e, v));
  case TY_TUPLE: case TY_VARTUPLE: return fmt(e, "(%s->len != 0)", arrow(e, borrow(e, v)));
  case TY_DICT: return fmt(e, "(gt_dict_len(%s) != 0)", borrow(e, v));
  case TY_SET: return fmt(e, "(gt_set_len(%s) != 0)", borrow(e, v));
  case TY_NONE:
    discard_none(e, v);
    return "false";
  case TY_CLASS: return class_truth(e, v);
  case TY_UNION: return fmt(e, "gt_union_truth(%s)", borrow(e, v));  /* of built-in members (check.c) */
  case TY_OPTIONAL: {  /* None is false; else the value's truth */
    const char *x = stable(e, v).c;
    return fmt(e, "(%s && %s)", present(e, x, v.ty), truth(e, val(x, v.ty->elem, false)));
  }
  default: borrow(e, v); return "true";
  }
}

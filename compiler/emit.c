/* emit.c - the checked program as one readable C11 file.
 *
 * Each .gtp statement becomes a few C statements under a comment quoting
 * it. Expressions are emitted as C expressions; a sub-expression is moved
 * into a temporary (`_t3 = ...;`) only where C needs a statement: to release
 * a new reference after its last use, to keep Python's left-to-right order
 * of calls, or to record the location of an operation that may fail.
 *
 * Ownership: locals, globals, fields and containers own their references;
 * parameters are borrowed; calls return new references. A Val says whether
 * its C expression is a new reference (owned) that someone must release.
 */
#include <assert.h>
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

/* ---- growable text --------------------------------------------------------- */

typedef struct Buf {
  char *data;
  size_t len, cap;
} Buf;

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

static void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(Buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

static void buf_append(Buf *b, const Buf *more) {
  if (more->len) buf_printf(b, "%.*s", (int)more->len, more->data);
}

static void buf_free(Buf *b) {
  free(b->data);
  *b = (Buf){0};
}

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
  const char **held;      /* loop-long references, also released on return */
  int nheld, capheld;
  int at_line, at_col;    /* the location last recorded with gt_at, 0 if unknown */
  bool frameless;         /* a stdlib function: its errors belong to the caller's line */
  const Node *discarded;  /* the expression of an expression statement: its value is not kept */
  const Node *stmt;       /* -g: the statement whose C is being written, for its #line */
  bool at_pending;        /* the statement's gt_at is not written yet... */
  size_t at_slot;         /* ...and goes here in body, */
  int at_indent;          /* at this indentation, */
  const Node *at_stmt;    /* with this statement's location unless an operation's comes first */
  bool uses_out;          /* a `goto _out` was emitted */
  int nlabels;
  const char *loop_exit;  /* label of the innermost loop with an else, or NULL */
  int loops;              /* loops around the statement being emitted */
  struct With {           /* `with` blocks around it, innermost last */
    const char *ctx;
    Func *exit;
    int loops;            /* loops around the `with` itself */
  } *withs;
  int nwiths, capwiths;
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

static Val ex(E *e, Node *n);
static bool is_module_type(const Type *t);
static const char *c_quote(E *e, const char *s);
static Val ex_call_func(E *e, Node *n, CallInfo *ci);
static Val extern_result(E *e, Func *f, const char *call, Type *ty);
static bool is_range_call(Node *n);
static void range_args(E *e, Node *call, const char **start, const char **stop, const char **step);
static void emit_block(E *e, Node *body);
static void emit_stmt(E *e, Node *st);

static const char *fmt(E *e, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(E *e, const char *f, ...) {
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
static const char *path_literal(Arena *a, const char *path) {
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

/* The path in the C file's first comment, which a star and a slash in it
 * would end (and a slash and a star make -Wcomment warn about). */
static const char *path_comment(Arena *a, const char *path) {
  Buf b = {0};
  for (const char *c = path_literal(a, path); *c; c++) {
    buf_printf(&b, "%c", *c);
    if ((c[0] == '*' && c[1] == '/') || (c[0] == '/' && c[1] == '*')) buf_printf(&b, "\\");
  }
  const char *r = arena_strdup(a, b.data ? b.data : "");
  buf_free(&b);
  return r;
}

/* One line of the current function's body. */
static void line(E *e, const char *f, ...) __attribute__((format(printf, 2, 3)));
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

static void line(E *e, const char *f, ...) {
  line_directive(e, &e->f->body);
  buf_printf(&e->f->body, "%*s", 2 * e->f->indent, "");
  va_list ap;
  va_start(ap, f);
  buf_vprintf(&e->f->body, f, ap);
  va_end(ap);
  buf_printf(&e->f->body, "\n");
}

static Val val(const char *c, Type *ty, bool owned) { return (Val){c, ty, owned}; }

/* ---- C types and run-time type descriptors -------------------------------- */

static const char *ctype(E *e, const Type *t) {
  switch (t->kind) {
  case TY_INT: return "int64_t";
  case TY_FLOAT: return "double";
  case TY_BOOL: return "bool";
  case TY_STR: return "gt_str *";
  case TY_LIST: return "gt_list *";
  case TY_TUPLE: return "gt_tuple *";
  case TY_DICT: return "gt_dict *";
  case TY_CLASS: return fmt(e, "%s *", t->cls->cname);
  case TY_NONE: return "void";
  default: return "int64_t";
  }
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
  case TY_TUPLE:
    buf_printf(b, "tuple%d", t->nitems);
    for (int i = 0; i < t->nitems; i++) {
      buf_printf(b, "_");
      desc_suffix(e, t->items[i], b);
    }
    break;
  case TY_CLASS: buf_printf(b, "%s", t->cls->cname); break;
  default: buf_printf(b, "%s", type_name(e->p, t));
  }
}

/* The address of the gt_type describing t, emitting it on first use. */
static const char *desc(E *e, Type *t) {
  switch (t->kind) {
  case TY_INT: return "&gt_t_int";
  case TY_FLOAT: return "&gt_t_float";
  case TY_BOOL: return "&gt_t_bool";
  case TY_STR: return "&gt_t_str";
  case TY_NONE: return "&gt_t_none";
  case TY_CLASS: return "&gt_t_obj";
  default: break;
  }
  if (t->desc) return t->desc;
  int n = t->kind == TY_TUPLE ? t->nitems : t->kind == TY_DICT ? 2 : 1;
  Type **args = arena_alloc(e->p->arena, (n ? n : 1) * sizeof *args);
  const char *kind = "GT_K_LIST";
  if (t->kind == TY_LIST) args[0] = t->elem;
  else if (t->kind == TY_DICT) {
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
    buf_printf(&e->types, "static const gt_type %s = {%s, %d, %s};\n", cname, kind, n, args);
  } else {
    buf_printf(&e->types, "static const gt_type %s = {%s, 0, NULL};\n", cname, kind);
  }
  t->desc = fmt(e, "&%s", cname);
  return t->desc;
}

/* ---- temporaries and ownership ------------------------------------------ */

static const char *new_temp(E *e, Type *t) {
  const char *name = fmt(e, "_t%d", ++e->f->ntemps);
  if (type_is_ref(t)) buf_printf(&e->f->decls, "  %s%s = NULL;\n", ctype(e, t), name);
  else buf_printf(&e->f->decls, "  %s %s;\n", ctype(e, t), name);
  return name;
}

static void push_name(const char ***list, int *n, int *cap, const char *name) {
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 16;
    *list = realloc(*list, *cap * sizeof **list);
  }
  (*list)[(*n)++] = name;
}

static void release_later(E *e, const char *name) {
  push_name(&e->f->pending, &e->f->npending, &e->f->cappending, name);
}

/* Releases the statement's temporaries made since `mark`. */
static void flush(E *e, int mark) {
  for (int i = mark; i < e->f->npending; i++) line(e, "gt_release(%s);", e->f->pending[i]);
  e->f->npending = mark;
}

static bool is_ref(const Val v) { return type_is_ref(v.ty); }

/* A number nothing reads (`for step in range(n)` where the body ignores
 * step) is neither declared nor stored: C compilers warn about those. */
static bool unread_number(const Sym *y) {
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
static const char *borrow(E *e, Val v) {
  if (v.owned && is_ref(v)) return hoist(e, v).c;
  return v.c;
}

/* A C expression that yields a new reference (for storing). */
static const char *own(E *e, Val v) {
  if (!is_ref(v) || v.owned) return v.c;
  return fmt(e, "gt_retain(%s)", v.c);
}

static bool is_simple(const char *c) {
  for (const char *s = c; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '>' && *s != '-' && *s != '&')
      return false;
  return true;
}

/* Functions whose calls may stay inside a larger expression: they have no
 * effect but a possible failure, so evaluating them a little later is safe. */
static const char *const pure_funcs[] = {
    "gt_int_add", "gt_int_sub", "gt_int_mul", "gt_int_neg", "gt_int_abs", "gt_list_len",
    "gt_str_len", "gt_dict_len", "gt_vi", "gt_vf", "gt_vb", "gt_vp", NULL};

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
static Val stable(E *e, Val v) {
  if ((v.owned && is_ref(v)) || !is_pure(v.c)) return hoist(e, v);
  return v;
}

/* Does evaluating n call anything (which might change a variable)? */
static bool has_call(const Node *n) {
  if (!n) return false;
  if (n->kind == EX_CALL || n->kind == EX_LISTCOMP || n->kind == EX_DICTCOMP) return true;
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

static bool is_literal_text(const char *c) {
  return isdigit((unsigned char)c[0]) || c[0] == '&' || c[0] == '"' || strcmp(c, "true") == 0 ||
         strcmp(c, "false") == 0 || strcmp(c, "NULL") == 0 || (c[0] == '-' && isdigit((unsigned char)c[1]));
}

/* The value as it is now, for an operand evaluated before a later call
 * that might change the variables it reads (Python evaluates left to right). */
static Val snapshot(E *e, Val v) {
  if (is_literal_text(v.c) || v.c[0] == '_') return v;
  if (v.owned || !is_ref(v)) return hoist(e, v);
  return hoist(e, val(fmt(e, "gt_retain(%s)", v.c), v.ty, true));
}

/* An argument of a call or display: stable, and a snapshot when a later
 * argument calls something. */
static Val operand(E *e, Node *n) {
  Val v = stable(e, ex(e, n));
  return later_has_call(n) ? snapshot(e, v) : v;
}

/* A condition for `if (...)`, without doubled parentheses. */
static const char *cond_text(E *e, const char *c) {
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

/* `c` ready for `->`: a literal's address needs parentheses. */
static const char *arrow(E *e, const char *c) {
  if (c[0] == '&') return fmt(e, "(%s)", c);
  return c;
}

static const char *coerce_numbers(E *e, const char *c, const Type *from, const Type *to);

static const char *coerce(E *e, const char *c, const Type *from, const Type *to) {
  if (to->kind == TY_INTS || to->kind == TY_FLOATS) return coerce_numbers(e, c, from, to);
  if (to->kind == TY_FLOAT && (from->kind == TY_INT || from->kind == TY_BOOL)) return fmt(e, "(double)%s", c);
  if (from->kind == TY_NONE && to->kind == TY_INT) return "GT_NONE_INT";    /* an optional argument's None */
  if (from->kind == TY_NONE && to->kind == TY_FLOAT) return "GT_NONE_FLOAT";
  /* an nn.Module subclass passed as a module: its struct starts as every module does */
  if (to->kind == TY_CLASS && from->kind == TY_CLASS && strcmp(to->cls->cname, from->cls->cname) != 0)
    return fmt(e, "(%s)%s", ctype(e, to), c);
  return c;
}

/* An `ints` / `floats` parameter: C gets a gt_ints / gt_floats by value. */
static const char *coerce_numbers(E *e, const char *c, const Type *from, const Type *to) {
  const char *kind = to->kind == TY_INTS ? "ints" : "floats";
  switch (from->kind) {
  case TY_NONE: return fmt(e, "gt_%s_none()", kind);
  case TY_TUPLE: return fmt(e, "gt_%s_tuple(%s)", kind, c);
  default: return fmt(e, "gt_%s_%s(%s)", kind, to->kind == TY_INTS ? "int" : "float", c);
  }
}

static const char *box(E *e, const char *c, const Type *t) {
  switch (t->kind) {
  case TY_INT: return fmt(e, "gt_vi(%s)", c);
  case TY_FLOAT: return fmt(e, "gt_vf(%s)", c);
  case TY_BOOL: return fmt(e, "gt_vb(%s)", c);
  default: return fmt(e, "gt_vp(%s)", c);
  }
}

static const char *unbox(E *e, const char *c, const Type *t) {
  switch (t->kind) {
  case TY_INT: return fmt(e, "%s.i", c);
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

static void set_at(E *e, const Node *n) {
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
static void settle_at(E *e) {
  FnState *f = e->f;
  if (!f->at_pending) return;
  if (f->frameless) {
    f->at_pending = false;
    return;
  }
  if (!memchr(f->body.data + f->at_slot, '(', f->body.len - f->at_slot)) {
    f->at_pending = false;
    return;
  }
  int l, c;
  diag_linecol(f->at_stmt->file, f->at_stmt->pos, &l, &c);
  fill_at_slot(e, l, c);
  f->at_line = l;
  f->at_col = c;
}

/* An integer operation that may overflow: it gives the statement its
 * location if nothing has yet, without moving it into a temporary. */
static void mark_op(E *e, const Node *n) {
  if (e->f->at_pending) set_at(e, n);
}

static void forget_at(E *e) { e->f->at_line = e->f->at_col = 0; }

/* A call records its line for the traceback when it is not the statement's. */
static void set_line(E *e, const Node *n) {
  int l, c;
  diag_linecol(n->file, n->pos, &l, &c);
  if (l != e->f->at_line) set_at(e, n);
}

/* An operation that may fail at node n: record n's location, then compute
 * it into a temporary so a later location cannot overwrite it first. */
static Val failing(E *e, const Node *n, Val v) {
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

/* A static immortal gt_str; named after its text where it is short. */
static const char *str_literal(E *e, const char *s, size_t len) {
  const char *name = fmt(e, "s%d", ++e->nstrs);
  if (len && len < 16) name = internal_name(e, fmt(e, "%s_%.*s", name, (int)len, s));
  buf_printf(&e->strs, "static gt_str %s = {{GT_IMMORTAL, &gt_str_class}, %zu, %s};\n", name, len,
             c_string(e, s, len));
  return fmt(e, "&%s", name);
}

static const char *float_literal(E *e, double v) {
  if (isinf(v)) return v > 0 ? "__builtin_inf()" : "(-__builtin_inf())";  /* 1e999 in the source */
  char buf[64];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) break;
  }
  if (!strpbrk(buf, ".eEn")) strcat(buf, ".0");
  return arena_strdup(e->p->arena, buf);
}

static const char *int_literal(E *e, int64_t v) {
  if (v > INT32_MAX || v < INT32_MIN) return fmt(e, "INT64_C(%" PRId64 ")", v);
  return fmt(e, "%" PRId64, v);
}

/* ---- conversions to str ---------------------------------------------------- */

/* A value of type None is NULL; a call giving it is a C statement. */
static void discard_none(E *e, Val v) {
  if (strcmp(v.c, "NULL") != 0) line(e, "%s;", v.c);
}

/* str(v) as a Val of type str. */
static Val to_str(E *e, Val v) {
  Type *s = type_prim(TY_STR);
  switch (v.ty->kind) {
  case TY_STR: return v;
  case TY_INT: return val(fmt(e, "gt_str_of_int(%s)", v.c), s, true);
  case TY_FLOAT: return val(fmt(e, "gt_str_of_float(%s)", v.c), s, true);
  case TY_BOOL: return val(fmt(e, "gt_str_of_bool(%s)", v.c), s, true);
  case TY_NONE:
    discard_none(e, v);
    return val(str_literal(e, "None", 4), s, false);
  case TY_CLASS:
    if (v.ty->cls->str) return val(fmt(e, "%s(%s)", v.ty->cls->str->cname, borrow(e, v)), s, true);
    if (v.ty->cls->repr) return val(fmt(e, "%s(%s)", v.ty->cls->repr->cname, borrow(e, v)), s, true);
    /* fallthrough */
  default: {
    const char *b = borrow(e, v);
    return val(fmt(e, "gt_val_str(%s, %s)", box(e, b, v.ty), desc(e, v.ty)), s, true);
  }
  }
}

static Val to_repr(E *e, Val v) {
  Type *s = type_prim(TY_STR);
  if (v.ty->kind == TY_STR) return val(fmt(e, "gt_str_repr(%s)", borrow(e, v)), s, true);
  if (v.ty->kind == TY_CLASS && v.ty->cls->repr)
    return val(fmt(e, "%s(%s)", v.ty->cls->repr->cname, borrow(e, v)), s, true);
  if (v.ty->kind == TY_NONE || v.ty->kind == TY_INT || v.ty->kind == TY_FLOAT || v.ty->kind == TY_BOOL)
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
  return fmt(e, test, k->truth->cname, coerce(e, borrow(e, v), v.ty, k->truth->params[0].ty));
}

static const char *truth(E *e, Val v) {
  switch (v.ty->kind) {
  case TY_BOOL: return v.c;
  case TY_INT: return fmt(e, "(%s != 0)", v.c);
  case TY_FLOAT: return fmt(e, "(%s != 0.0)", v.c);
  case TY_STR: return fmt(e, "(%s->len != 0)", arrow(e, borrow(e, v)));
  case TY_LIST: return fmt(e, "(gt_list_len(%s) != 0)", borrow(e, v));
  case TY_TUPLE: return fmt(e, "(%s->len != 0)", arrow(e, borrow(e, v)));
  case TY_DICT: return fmt(e, "(gt_dict_len(%s) != 0)", borrow(e, v));
  case TY_NONE:
    discard_none(e, v);
    return "false";
  case TY_CLASS: return class_truth(e, v);
  default: borrow(e, v); return "true";
  }
}

/* ---- expressions ------------------------------------------------------------ */

static Val ex_name(Node *n) {
  return val(n->sym->cname, n->ty, false);
}

static Val ex_fstring(E *e, Node *n);

static Val ex_attr(E *e, Node *n) {
  if (n->flags & ATTR_PROPERTY) {
    Func *f = n->info;
    Val o = ex(e, n->lhs);
    const char *obj = coerce(e, borrow(e, o), o.ty, f->params[0].ty);
    return extern_result(e, f, fmt(e, "%s(%s)", f->cname, obj), n->ty);
  }
  if (n->info) {  /* a field */
    Field *f = n->info;
    const char *obj = arrow(e, borrow(e, ex(e, n->lhs)));
    return val(fmt(e, "%s->%s", obj, f->cname), n->ty, false);
  }
  return val(n->sym->cname, n->ty, false);  /* a module's global */
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
    const char *fn = ot->kind == TY_STR ? "gt_str_slice" : "gt_list_slice";
    return failing(e, n, val(fmt(e, "%s(%s, %s, %s, %s)", fn, o.c, lo, hi, st), n->ty, true));
  }
  if (ot->kind == TY_TUPLE) {
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
  return failing(e, n, val(unbox(e, fmt(e, "gt_list_get(%s, %s)", o.c, i.c), n->ty), n->ty, type_is_ref(n->ty)));
}

static const char *num(E *e, Val v, const Type *want) { return coerce(e, v.c, v.ty, want); }

/* An operand of a C operator: `a * (b - c)` keeps its parentheses. A text
 * with a space outside brackets and string literals is itself an operation
 * and gets them; so does one starting with `-`, lest `-` `-x` make `--x`. */
static const char *tight(E *e, const char *c) {
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

static Val ex_arith(E *e, Node *n, Op op, Val a, Val b) {
  Type *t = n->ty;
  Node *at = n;
  if (t->kind == TY_STR || t->kind == TY_LIST) {
    const char *k = t->kind == TY_STR ? "str" : "list";
    const char *x = borrow(e, a), *y = borrow(e, b);
    if (op == OP_ADD) return val(fmt(e, "gt_%s_concat(%s, %s)", k, x, y), t, true);
    if (a.ty->kind == t->kind) return failing(e, at, val(fmt(e, "gt_%s_repeat(%s, %s)", k, x, y), t, true));
    return failing(e, at, val(fmt(e, "gt_%s_repeat(%s, %s)", k, y, x), t, true));
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

static Val ex_call_func(E *e, Node *n, CallInfo *ci);

static Val ex_binop(E *e, Node *n) {
  if (n->info) return ex_call_func(e, n, n->info);  /* a class's operator method */
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
    mark_op(e, n);
    return val(fmt(e, "gt_int_neg(%s)", v.c), n->ty, false);
  case OP_POS: return val(fmt(e, "(%s)%s", ctype(e, n->ty), v.c), n->ty, false);
  case OP_INVERT: return val(fmt(e, "~(int64_t)%s", v.c), n->ty, false);
  default: return v;
  }
}

/* Emitting a sub-expression into a buffer of its own, to learn whether it
 * needs statements (then it goes inside an `if` of its own). */
typedef struct Capture {
  Buf saved;
  int saved_indent;
  int mark;
} Capture;

static void capture_begin(E *e, Capture *cap) {
  settle_at(e);
  cap->saved = e->f->body;
  cap->saved_indent = e->f->indent;
  cap->mark = e->f->npending;
  e->f->body = (Buf){0};
  e->f->indent = 1;
}

/* Ends the capture; returns the captured statements (caller frees). */
static Buf capture_end(E *e, Capture *cap) {
  Buf got = e->f->body;
  e->f->body = cap->saved;
  e->f->indent = cap->saved_indent;
  return got;
}

/* Emits captured statements inside a block at the current indentation. */
static void splice(E *e, Buf *stmts) {
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
    if (!needs_stmts) {
      Buf none = capture_end(e, &cap);
      buf_free(&none);
      return val(fmt(e, "(%s %s %s)", ta, is_and ? "&&" : "||", tb), n->ty, false);
    }
    const char *r = new_temp(e, n->ty);
    line(e, "%s = %s;", r, tb);
    flush(e, mark);
    Buf stmts = capture_end(e, &cap);
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
  line(e, "%s = %s;", res, ref ? own(e, a) : coerce(e, a.c, a.ty, n->ty));
  line(e, "if (%s%s) {", is_and ? "" : "!", truth(e, val(res, n->ty, false)));
  e->f->indent++;
  int mark = e->f->npending;
  Val b = ex(e, n->rhs);
  if (ref) line(e, "%s = gt_replace(%s, %s);", res, res, own(e, b));
  else line(e, "%s = %s;", res, coerce(e, b.c, b.ty, n->ty));
  flush(e, mark);
  e->f->indent--;
  line(e, "}");
  forget_at(e);
  if (ref) release_later(e, res);
  return val(res, n->ty, false);
}

/* A value that may be None at run time: a NULL reference, or for an int or
 * float parameter that defaults to None the runtime's GT_NONE_INT or
 * GT_NONE_FLOAT (a NaN); a bool is never None. */
static const char *none_test(E *e, bool is, Val v) {
  const char *x = borrow(e, v);
  switch (v.ty->kind) {
  case TY_INT: return fmt(e, "(%s %s GT_NONE_INT)", x, is ? "==" : "!=");
  case TY_FLOAT: return fmt(e, "(%s %s %s)", x, is ? "!=" : "==", x);
  default: break;
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

static const char *compare_c(E *e, Op op, Val a, Val b) {
  static const char *cops[] = {[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">="};
  Type *t = a.ty;
  if (op == OP_IN || op == OP_NOTIN) {
    const char *neg = op == OP_NOTIN ? "!" : "";
    const char *x = borrow(e, a), *y = borrow(e, b);
    switch (b.ty->kind) {
    case TY_STR: return fmt(e, "%sgt_str_contains(%s, %s)", neg, y, x);
    case TY_LIST: return fmt(e, "%sgt_list_contains(%s, %s)", neg, y, box(e, coerce(e, x, a.ty, b.ty->elem), b.ty->elem));
    case TY_DICT: return fmt(e, "%sgt_dict_contains(%s, %s)", neg, y, box(e, x, b.ty->key));
    default: return "false";
    }
  }
  if (op == OP_IS || op == OP_ISNOT) return identity_c(e, op == OP_IS, a, b);
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
  default:
    if (op == OP_EQ) return fmt(e, "gt_val_eq(gt_vp(%s), gt_vp(%s), %s)", x, y, desc(e, t));
    if (op == OP_NE) return fmt(e, "!gt_val_eq(gt_vp(%s), gt_vp(%s), %s)", x, y, desc(e, t));
    return fmt(e, "(gt_val_cmp(gt_vp(%s), gt_vp(%s), %s) %s 0)", x, y, desc(e, t), cops[op]);
  }
}

static Val ex_compare(E *e, Node *n) {
  if (n->info) return ex_call_func(e, n, n->info);
  Val a = ex(e, n->lhs);
  if (!n->cmps->next) {
    a = stable(e, a);
    if (has_call(n->cmps->rhs)) a = snapshot(e, a);
    Val b = ex(e, n->cmps->rhs);
    return val(compare_c(e, n->cmps->op, a, b), n->ty, false);
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
    line(e, "%s = %s;", res, cond_text(e, compare_c(e, k->op, a, b)));
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
  const char *k = truth(e, ex(e, n->cond));
  if (n->ty->kind == TY_NONE) return ex_ifexp_none(e, n, k);
  const char *res = new_temp(e, n->ty);
  bool ref = type_is_ref(n->ty);
  line(e, "if (%s) {", cond_text(e, k));
  e->f->indent++;
  int mark = e->f->npending;
  Val a = ex(e, n->lhs);
  line(e, "%s = %s;", res, ref ? own(e, a) : coerce(e, a.c, a.ty, n->ty));
  flush(e, mark);
  e->f->indent--;
  line(e, "} else {");
  e->f->indent++;
  Val b = ex(e, n->rhs);
  line(e, "%s = %s;", res, ref ? own(e, b) : coerce(e, b.c, b.ty, n->ty));
  flush(e, mark);
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

static Val ex_list(E *e, Node *n) {
  Type *el = n->ty->elem;
  int count = ast_count(n->elts);
  if (!count) return val(fmt(e, "gt_list_new(%s, 0)", desc(e, n->ty)), n->ty, true);
  bool constant = count > 16;
  for (Node *x = n->elts; x && constant; x = x->next) constant = is_constant(x);
  if (constant) return ex_const_list(e, n, count);
  Buf b = {0};
  buf_printf(&b, "gt_list_of(%s, %d", desc(e, n->ty), count);
  for (Node *x = n->elts; x; x = x->next) add_boxed(e, &b, x, el);
  return close_display(e, &b, n->ty);
}

static Val ex_tuple(E *e, Node *n) {
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, n->ty));
  int i = 0;
  for (Node *x = n->elts; x; x = x->next) add_boxed(e, &b, x, n->ty->items[i++]);
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
  return val(d, n->ty, true);
}

/* ---- calls ---------------------------------------------------------------- */

/* `*size: int` arguments as C receives them: `(int64_t[]){2, 3}, 2`. */
static const char *index_item(E *e, Node *x);

static const char *varargs_array(E *e, CallInfo *ci, Param *q) {
  if (!ci->nvargs) return "NULL, 0";
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
    for (int i = 0; i < 3; i++) part[i] = n[i] ? stable(e, ex(e, n[i])).c : "GT_NONE_INT";
    return fmt(e, "gt_idx_slice(%s, %s, %s)", part[0], part[1], part[2]);
  }
  if (x->kind == EX_ELLIPSIS) return "gt_idx_ellipsis()";
  Val v = stable(e, ex(e, x));
  switch (v.ty->kind) {
  case TY_NONE: return "gt_idx_none()";
  case TY_BOOL: return fmt(e, "gt_idx_bool(%s)", v.c);
  case TY_CLASS: return fmt(e, "gt_idx_tensor(%s)", borrow(e, v));
  default: return fmt(e, "gt_idx_int(%s)", v.c);
  }
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

/* The C arguments of a call, in parameter order, defaults filled in. */
static void call_args(E *e, CallInfo *ci, Param *params, int from, Buf *out, bool first) {
  for (int i = from; i < ci->nargs; i++) {
    if (params[i].varargs || params[i].kwargs) {
      const char *arrays = params[i].varargs ? varargs_array(e, ci, &params[i]) : kwargs_arrays(e, ci, &params[i]);
      buf_printf(out, "%s%s", first && i == from ? "" : ", ", arrays);
      continue;
    }
    Node *a = ci->args[i] ? ci->args[i] : params[i].dflt;
    if ((params[i].ty->kind == TY_INTS || params[i].ty->kind == TY_FLOATS) && a->kind == EX_TUPLE) {
      buf_printf(out, "%s%s", first && i == from ? "" : ", ", numbers_literal(e, a, params[i].ty));
      continue;
    }
    Val v = stable(e, ex(e, a));
    for (int j = i + 1; j < ci->nargs; j++)
      if (ci->args[j] && has_call(ci->args[j])) {
        v = snapshot(e, v);
        break;
      }
    const char *c = coerce(e, v.c, v.ty, params[i].ty);
    /* a `cstr` parameter of an extern is a C string (NUL-terminated UTF-8); None is NULL */
    if (params[i].cstring && v.ty->kind == TY_STR) c = fmt(e, "%s->data", arrow(e, c));
    buf_printf(out, "%s%s", first && i == from ? "" : ", ", c);
  }
}

/* An extern's errors: a handle is NULL and a status -1 on failure, with the
 * message in gt_last_error(); gt_ok and gt_ok_status turn them into a
 * run-time error at the current location. */
static Val extern_result(E *e, Func *f, const char *call, Type *ty) {
  if (f->is_extern && f->returns_status) return val(fmt(e, "gt_ok_status(%s)", call), ty, false);
  if (f->is_extern && ty->kind == TY_CLASS && ty->cls->is_extern) return val(fmt(e, "gt_ok(%s)", call), ty, true);
  return val(call, ty, type_is_ref(ty));
}

static Val ex_call_func(E *e, Node *n, CallInfo *ci) {
  Func *f = ci->fn;
  Buf b = {0};
  buf_printf(&b, "%s(", f->cname);
  if (ci->kind == CALL_METHOD) {
    Val r = stable(e, ex(e, ci->recv));
    buf_printf(&b, "%s", coerce(e, r.c, r.ty, f->params[0].ty));
    call_args(e, ci, f->params, 1, &b, false);
  } else {
    call_args(e, ci, f->params, 0, &b, true);
  }
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
  buf_printf(&b, "%s_new(", ci->cls->cname);
  if (ci->fn) call_args(e, ci, ci->fn->params, 1, &b, true);
  buf_printf(&b, ")");
  Val r = val(fmt(e, "%s", b.data), n->ty, true);
  buf_free(&b);
  set_line(e, n);
  return r;
}

static Val ex_bmethod(E *e, Node *n, CallInfo *ci) {
  const BMethod *bm = ci->bmethod;
  Type *rt = ci->recv->ty;
  Val recv = stable(e, ex(e, ci->recv));
  Buf b = {0};
  buf_printf(&b, "%s(%s", bm->cfunc, recv.c);
  for (int i = 0; bm->params[i]; i++) {
    char letter = bm->params[i];
    Node *a = ci->args[i + 1];
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
  if (bm->ret == 'T') buf_printf(&b, ", %s", desc(e, n->ty));
  buf_printf(&b, ")");
  const char *c = fmt(e, "%s", b.data);
  buf_free(&b);
  if (bm->ret == 'E' || bm->ret == 'V') c = unbox(e, c, n->ty);
  return failing(e, n, val(c, n->ty, type_is_ref(n->ty)));
}

static Val ex_print(E *e, Node *n, CallInfo *ci) {
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
  Buf b = {0};
  if (!count) buf_printf(&b, "gt_print(0, NULL, %s, %s)", sep, end);
  else {
    buf_printf(&b, "gt_print(%d, (gt_str *[]){", count);
    for (int i = 0; i < count; i++) buf_printf(&b, "%s%s", i ? ", " : "", parts[i]);
    buf_printf(&b, "}, %s, %s)", sep, end);
  }
  Val r = val(fmt(e, "%s", b.data), n->ty, false);
  buf_free(&b);
  return r;
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
    const char *cmp = n->ty->kind == TY_STR ? fmt(e, "gt_str_cmp(%s, %s) %s 0", c, res, is_min ? "<" : ">")
                                            : fmt(e, "%s %s %s", c, is_min ? "<" : ">", res);
    line(e, "if (%s) %s = %s;", cmp, res, c);
  }
  return val(res, n->ty, false);
}

/* A list from any iterable value (list, str, dict), borrowed or owned. */
static Val as_list(E *e, Val v, Type *elem) {
  switch (v.ty->kind) {
  case TY_STR: return val(fmt(e, "gt_list_of_str(%s)", borrow(e, v)), type_list(e->p, elem), true);
  case TY_DICT: return val(fmt(e, "gt_dict_keys(%s)", borrow(e, v)), type_list(e->p, elem), true);
  default: return v;
  }
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
  switch (ci->builtin) {
  case BI_PRINT: return ex_print(e, n, ci);
  case BI_ISINSTANCE: {
    /* Static but for modules: which layer an nn.Module value is shows at run time. */
    Val v = stable(e, ex(e, a0));
    ClassInfo *k = ci->cls;
    if (class_derives(v.ty->cls, k)) return val("true", t, false);
    if (is_module_type(v.ty) && is_module_type(k->ty))
      return val(fmt(e, "gt_module_is((gt_module *)%s, %s)", v.c, c_quote(e, k->name)), t, false);
    return val("false", t, false);
  }
  case BI_LEN: {
    Val v = ex(e, a0);
    const char *c = borrow(e, v);
    switch (v.ty->kind) {
    case TY_STR: return val(fmt(e, "gt_str_len(%s)", c), t, false);
    case TY_LIST: return val(fmt(e, "gt_list_len(%s)", c), t, false);
    case TY_DICT: return val(fmt(e, "gt_dict_len(%s)", c), t, false);
    default: return val(fmt(e, "%s->len", c), t, false);
    }
  }
  case BI_STR: return to_str(e, ex(e, a0));
  case BI_REPR: return to_repr(e, ex(e, a0));
  case BI_INT: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_INT) return v;
    if (v.ty->kind == TY_BOOL) return val(fmt(e, "(int64_t)%s", v.c), t, false);
    if (v.ty->kind == TY_FLOAT) return failing(e, n, val(fmt(e, "gt_float_to_int(%s)", v.c), t, false));
    return failing(e, n, val(fmt(e, "gt_int_of_str(%s)", borrow(e, v)), t, false));
  }
  case BI_FLOAT: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_FLOAT) return v;
    if (v.ty->kind == TY_STR) return failing(e, n, val(fmt(e, "gt_float_of_str(%s)", borrow(e, v)), t, false));
    return val(fmt(e, "(double)%s", v.c), t, false);
  }
  case BI_BOOL: return val(truth(e, ex(e, a0)), t, false);
  case BI_ABS: {
    Val v = ex(e, a0);
    if (t->kind == TY_FLOAT) return val(fmt(e, "gt_math_fabs(%s)", v.c), t, false);
    return val(fmt(e, "gt_int_abs(%s)", v.c), t, false);
  }
  case BI_MIN:
  case BI_MAX:
    if (np == 1) {
      Val v = ex(e, a0);
      const char *c = fmt(e, "%s(%s)", ci->builtin == BI_MIN ? "gt_min" : "gt_max", borrow(e, v));
      return failing(e, n, val(unbox(e, c, t), t, type_is_ref(t)));
    }
    return ex_minmax_args(e, n, ci->builtin == BI_MIN);
  case BI_SUM: {
    if (is_range_call(a0)) {
      const char *x, *y, *z;
      range_args(e, a0, &x, &y, &z);
      Val l = val(fmt(e, "gt_range_list(%s, %s, %s)", x, y, z), type_list(e->p, t), true);
      return failing(e, n, val(fmt(e, "gt_sum_int(%s)", borrow(e, l)), t, false));
    }
    Val v = ex(e, a0);
    return failing(e, n, val(fmt(e, "%s(%s)", t->kind == TY_FLOAT ? "gt_sum_float" : "gt_sum_int", borrow(e, v)), t, false));
  }
  case BI_ROUND: {
    Val v = ex(e, a0);
    if (!a1) {
      if (v.ty->kind == TY_FLOAT) return failing(e, n, val(fmt(e, "gt_round_int(%s)", v.c), t, false));
      return val(fmt(e, "(int64_t)%s", v.c), t, false);
    }
    Val d = stable(e, ex(e, a1));
    if (v.ty->kind != TY_FLOAT) return val(fmt(e, "gt_int_round(%s, %s)", v.c, d.c), t, false);
    return val(fmt(e, "gt_round_float(%s, %s)", v.c, d.c), t, false);
  }
  case BI_SORTED:
  case BI_REVERSED:
  case BI_LIST: {
    Val v = ex(e, a0);
    if (v.ty->kind == TY_RANGE) return val("NULL", t, false);  /* handled by ex_list_range */
    Val l = as_list(e, v, t->elem);
    bool fresh = l.owned && v.ty->kind != TY_LIST;
    const char *c = borrow(e, l);
    if (ci->builtin == BI_SORTED) {
      Node *rk = NULL;
      for (Node *a = n->args; a; a = a->next)
        if (a->kind == ND_KEYWORD) rk = a->rhs;
      const char *rev = rk ? truth(e, stable(e, ex(e, rk))) : "false";
      return failing(e, n, val(fmt(e, "gt_sorted(%s, %s)", c, rev), t, true));
    }
    if (ci->builtin == BI_REVERSED) return val(fmt(e, "gt_reversed(%s)", c), t, true);
    if (fresh) return val(fmt(e, "gt_retain(%s)", c), t, true);
    return val(fmt(e, "gt_list_copy(%s)", c), t, true);
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

static Val ex_call(E *e, Node *n) {
  CallInfo *ci = n->info;
  switch (ci->kind) {
  case CALL_FUNC:
  case CALL_METHOD: return ex_call_func(e, n, ci);
  case CALL_CTOR: return ex_call_ctor(e, n, ci);
  case CALL_BMETHOD: return ex_bmethod(e, n, ci);
  case CALL_NOTHING: return val("NULL", n->ty, false);
  case CALL_BUILTIN:
    if (ci->builtin == BI_LIST && is_range_call(n->args)) {
      const char *a, *b, *c;
      range_args(e, n->args, &a, &b, &c);
      return failing(e, n, val(fmt(e, "gt_range_list(%s, %s, %s)", a, b, c), n->ty, true));
    }
    return ex_builtin(e, n, ci);
  }
  return val("0", n->ty, false);
}

/* ---- f-strings -------------------------------------------------------------- */

static Val ex_fstring(E *e, Node *n) {
  const char **parts = arena_alloc(e->p->arena, (ast_count(n->parts) + 1) * sizeof *parts);
  int count = 0;
  Type *s = type_prim(TY_STR);
  for (Node *p = n->parts; p; p = p->next) {
    if (p->kind == EX_STR) {
      parts[count++] = str_literal(e, p->str, p->slen);
      continue;
    }
    Val v = ex(e, p->lhs);
    Val r;
    Func *format = !p->conv && v.ty->kind == TY_CLASS ? v.ty->cls->format : NULL;
    if (format) {
      /* Python's format(v, spec) is v.__format__(spec), "" without a spec: a
       * 0-dim Tensor formats its item. */
      const char *b = coerce(e, borrow(e, v), v.ty, format->params[0].ty);
      const char *spec = p->spec ? stable(e, ex_fstring(e, p->spec)).c : str_literal(e, "", 0);
      r = val(fmt(e, "%s(%s, %s)", format->cname, b, spec), s, true);
      if (format->is_extern) r = failing(e, p, r);
      parts[count++] = stable(e, r).c;
      continue;
    }
    if (p->conv == 'r' || p->conv == 'a') r = to_repr(e, v);
    else if (p->conv == 's' || !p->spec) r = to_str(e, v);
    else r = v;
    if (p->spec) {
      Val spec = stable(e, ex_fstring(e, p->spec));
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

/* ---- comprehensions ----------------------------------------------------- */

static void declare_comp_vars(E *e, Scope *s) {
  for (Sym *y = s->syms; y; y = y->next) {
    if (!y->ty || unread_number(y)) continue;
    if (type_is_ref(y->ty)) buf_printf(&e->f->decls, "  %s%s = NULL;\n", ctype(e, y->ty), y->cname);
    else buf_printf(&e->f->decls, "  %s %s = 0;\n", ctype(e, y->ty), y->cname);
    if (type_is_ref(y->ty)) push_name(&e->f->held, &e->f->nheld, &e->f->capheld, y->cname);
  }
}

typedef void (*LoopBody)(E *e, void *ctx);
static void emit_for_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx);

typedef struct CompCtx {
  Node *comp;      /* current ND_COMP */
  Node *n;         /* the comprehension */
  const char *res;
} CompCtx;

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
  Node *n = cc->n;
  if (n->kind == EX_LISTCOMP) {
    Val v = ex(e, n->lhs);
    const char *c = borrow(e, v);
    line(e, "gt_list_append(%s, %s);", cc->res, box(e, coerce(e, c, v.ty, n->ty->elem), n->ty->elem));
  } else {
    Val k = stable(e, ex(e, n->lhs));
    Val v = ex(e, n->rhs);
    const char *c = borrow(e, v);
    line(e, "gt_dict_set(%s, %s, %s);", cc->res, box(e, k.c, n->ty->key), box(e, coerce(e, c, v.ty, n->ty->elem), n->ty->elem));
  }
  flush(e, mark);
}

static Val ex_comp(E *e, Node *n) {
  declare_comp_vars(e, n->info);
  const char *res = new_temp(e, n->ty);
  if (n->kind == EX_LISTCOMP) line(e, "%s = gt_list_new(%s, 0);", res, desc(e, n->ty));
  else line(e, "%s = gt_dict_new(%s);", res, desc(e, n->ty));
  CompCtx cc = {n->comps, n, res};
  emit_for_loop(e, n->comps->lhs, n->comps->info, comp_body, &cc);
  forget_at(e);
  return val(res, n->ty, true);
}

static Val ex(E *e, Node *n) {
  switch (n->kind) {
  case EX_INT: return val(int_literal(e, n->ival), n->ty, false);
  case EX_FLOAT: return val(float_literal(e, n->fval), n->ty, false);
  case EX_STR: return val(str_literal(e, n->str, n->slen), n->ty, false);
  case EX_FSTRING: return ex_fstring(e, n);
  case EX_TRUE: return val("true", n->ty, false);
  case EX_FALSE: return val("false", n->ty, false);
  case EX_NONE: return val("NULL", n->ty, false);
  case EX_NAME: return ex_name(n);
  case EX_ATTR: return ex_attr(e, n);
  case EX_CALL: return ex_call(e, n);
  case EX_INDEX: return ex_index(e, n);
  case EX_BINOP: return ex_binop(e, n);
  case EX_UNARY: return ex_unary(e, n);
  case EX_BOOLOP: return ex_boolop(e, n);
  case EX_COMPARE: return ex_compare(e, n);
  case EX_IFEXP: return ex_ifexp(e, n);
  case EX_LIST: return ex_list(e, n);
  case EX_TUPLE: return ex_tuple(e, n);
  case EX_DICT: return ex_dict(e, n);
  case EX_LISTCOMP:
  case EX_DICTCOMP: return ex_comp(e, n);
  default: return val("0", n->ty, false);
  }
}

/* ---- assignment ------------------------------------------------------------ */

/* x[i] = v of a class: x.__setitem__(i, v), the value last. */
static void emit_setitem(E *e, Node *t, CallInfo *ci, Val v) {
  Func *f = ci->fn;
  Val vs = stable(e, v);
  Val o = stable(e, ex(e, t->lhs));
  Buf b = {0};
  buf_printf(&b, "%s(%s", f->cname, coerce(e, o.c, o.ty, f->params[0].ty));
  Param *vp = &f->params[f->nparams - 1];
  CallInfo only_index = *ci;
  only_index.nargs = f->nparams - 1;
  call_args(e, &only_index, f->params, 1, &b, false);
  buf_printf(&b, ", %s)", coerce(e, vs.c, vs.ty, vp->ty));
  set_at(e, t);
  Val r = extern_result(e, f, b.data, type_prim(TY_NONE));
  line(e, "%s;", r.c);
  buf_free(&b);
}

/* Stores v (any ownership) into the target. */
/* obj.name = v of a property: its setter, which may fail (a RuntimeError
 * of libtorch's: requires_grad of an integer tensor). */
static void set_property(E *e, Node *t, Val v) {
  Func *set = ((Func *)t->info)->setter;
  const char *value = borrow(e, stable(e, v));
  Val o = ex(e, t->lhs);
  const char *obj = coerce(e, borrow(e, o), o.ty, set->params[0].ty);
  set_at(e, t);
  line(e, "%s;", extern_result(e, set, fmt(e, "%s(%s, %s)", set->cname, obj, coerce(e, value, v.ty, set->params[1].ty)),
                                type_prim(TY_NONE)).c);
}

static void store(E *e, Node *t, Val v) {
  switch (t->kind) {
  case EX_NAME: {
    const char *dst = t->sym->cname;
    Type *ty = t->sym->ty;
    if (unread_number(t->sym)) {
      if (!is_simple(v.c)) line(e, "%s;", v.c);  /* only its effects */
      return;
    }
    if (type_is_ref(ty)) line(e, "%s = gt_replace(%s, %s);", dst, dst, own(e, v));
    else line(e, "%s = %s;", dst, coerce(e, v.c, v.ty, ty));
    return;
  }
  case EX_ATTR: {
    if (t->flags & ATTR_PROPERTY) {
      set_property(e, t, v);
      return;
    }
    Field *f = t->info;
    const char *obj = arrow(e, borrow(e, ex(e, t->lhs)));
    if (type_is_ref(f->ty)) line(e, "%s->%s = gt_replace(%s->%s, %s);", obj, f->cname, obj, f->cname, own(e, v));
    else line(e, "%s->%s = %s;", obj, f->cname, coerce(e, v.c, v.ty, f->ty));
    return;
  }
  case EX_INDEX: {
    if (t->lhs->ty->kind == TY_CLASS) {
      emit_setitem(e, t, t->info, v);
      return;
    }
    const char *vb = stable(e, v).c;
    Type *ot = t->lhs->ty;
    const char *o = stable(e, ex(e, t->lhs)).c;
    Val k = ex(e, t->rhs);
    set_at(e, t);
    if (ot->kind == TY_DICT) {
      const char *kb = borrow(e, k);
      line(e, "gt_dict_set(%s, %s, %s);", o, box(e, kb, ot->key), box(e, coerce(e, vb, v.ty, ot->elem), ot->elem));
    } else {
      line(e, "gt_list_set(%s, %s, %s);", o, k.c, box(e, coerce(e, vb, v.ty, ot->elem), ot->elem));
    }
    return;
  }
  case EX_TUPLE:
  case EX_LIST: {
    const char *tup = stable(e, v).c;
    int i = 0;
    for (Node *x = t->elts; x; x = x->next, i++) {
      Type *it = v.ty->items[i];
      store(e, x, val(unbox(e, fmt(e, "%s->items[%d]", tup, i), it), it, false));
    }
    return;
  }
  default: return;
  }
}

static void emit_assign(E *e, Node *st) {
  /* a, b = b, a: evaluate every value first, then store, without a tuple. */
  if (!st->lhs->next && (st->lhs->kind == EX_TUPLE || st->lhs->kind == EX_LIST) && st->rhs->kind == EX_TUPLE &&
      ast_count(st->lhs->elts) == ast_count(st->rhs->elts)) {
    Val *vals = arena_alloc(e->p->arena, ast_count(st->rhs->elts) * sizeof *vals);
    int n = 0;
    for (Node *x = st->rhs->elts; x; x = x->next) {
      /* Each value is owned by its temporary, then moved into its target. */
      Val v = ex(e, x);
      const char *t = new_temp(e, v.ty);
      line(e, "%s = %s;", t, own(e, v));
      vals[n++] = val(t, v.ty, true);
    }
    n = 0;
    for (Node *t = st->lhs->elts; t; t = t->next) store(e, t, vals[n++]);
    return;
  }
  Val v = ex(e, st->rhs);
  if (st->lhs->next) v = stable(e, v);
  store(e, st->lhs, v);
  for (Node *t = st->lhs->next; t; t = t->next) store(e, t, v);
}

static void emit_augassign(E *e, Node *st) {
  Node *t = st->lhs;
  Type *tt = t->ty;
  if (st->cond) {  /* a class operand: x.__iadd__(v) or x + v, computed by check.c's EX_BINOP */
    Val r = ex(e, st->cond);
    if (t->kind == EX_INDEX && t->lhs->ty->kind == TY_CLASS) emit_setitem(e, t, st->info, r);
    else store(e, t, r);
    return;
  }
  if (tt->kind == TY_LIST && st->op == OP_ADD) {  /* xs += ys extends in place */
    const char *l = stable(e, ex(e, t)).c;
    line(e, "gt_list_extend(%s, %s);", l, borrow(e, ex(e, st->rhs)));
    return;
  }
  if (t->kind == EX_NAME) {
    Val cur = val(t->sym->cname, tt, false);
    Val r = ex_arith(e, st, st->op, cur, ex(e, st->rhs));
    r.ty = st->ty;
    store(e, t, r);
    return;
  }
  /* obj.f op= v, xs[i] op= v: the object and index are evaluated once. */
  Node fake_target = *t;
  Node obj_holder = *t->lhs;
  Val o = stable(e, ex(e, t->lhs));
  obj_holder.kind = EX_NAME;
  Sym tmp = {.kind = SYM_LOCAL, .cname = o.c, .ty = t->lhs->ty};
  obj_holder.sym = &tmp;
  fake_target.lhs = &obj_holder;
  if (t->kind == EX_INDEX) {
    Node idx_holder = *t->rhs;
    Val k = stable(e, ex(e, t->rhs));
    Sym ktmp = {.kind = SYM_LOCAL, .cname = k.c, .ty = t->rhs->ty};
    idx_holder.kind = EX_NAME;
    idx_holder.sym = &ktmp;
    fake_target.rhs = &idx_holder;
    Val cur = stable(e, ex(e, &fake_target));
    Val r = ex_arith(e, st, st->op, cur, ex(e, st->rhs));
    r.ty = st->ty;
    /* g["lr"] *= 0.5 of a class: __getitem__, the number, then __setitem__ */
    if (t->lhs->ty->kind == TY_CLASS) emit_setitem(e, &fake_target, st->info, r);
    else store(e, &fake_target, r);
    return;
  }
  Val cur = stable(e, ex(e, &fake_target));
  Val r = ex_arith(e, st, st->op, cur, ex(e, st->rhs));
  r.ty = st->ty;
  store(e, &fake_target, r);
}

/* ---- loops ------------------------------------------------------------------ */

/* A reference kept for a whole loop or `with` block. gt_replace drops one
 * left by a block that was left early (break, continue) the last time round. */
static const char *hold(E *e, Type *t, const char *expr) {
  const char *name = new_temp(e, t);
  line(e, "%s = gt_replace(%s, %s);", name, name, expr);
  push_name(&e->f->held, &e->f->nheld, &e->f->capheld, name);
  return name;
}

static void unhold(E *e, const char *name) { line(e, "%s = gt_replace(%s, NULL);", name, name); }

/* Binds one element of the iteration to the target, releasing the
 * statement's temporaries made for it. */
static void bind_elem(E *e, Node *target, Val v) {
  int mark = e->f->npending;
  store(e, target, v);
  flush(e, mark);
}

static void loop_body(E *e, LoopBody body, void *ctx) {
  e->f->indent++;
  e->f->loops++;
  forget_at(e);
  body(e, ctx);
  e->f->loops--;
  e->f->indent--;
  line(e, "}");
  forget_at(e);
}

/* iter.__iter__() as a call node, for a class's iteration. */
static Node *iter_call(E *e, Iter *it) {
  Node *iter = it->expr;
  Node *call = ast_new(e->p->arena, EX_CALL, iter->file, iter->pos, iter->len);
  CallInfo *ci = arena_alloc(e->p->arena, sizeof *ci);
  ci->kind = CALL_METHOD;
  ci->fn = it->iter_fn;
  ci->recv = iter;
  ci->nargs = 1;
  ci->args = arena_alloc(e->p->arena, sizeof *ci->args);
  call->info = ci;
  call->ty = it->iter_fn->ret;
  return call;
}

/* A name that nothing reads: binding it needs no code. */
static bool binds_nothing(const Node *t) {
  return t && t->kind == EX_NAME && unread_number(t->sym);
}

/* ---- cursors: enumerate, zip and iterators, walked lazily ---------------------
 *
 * Each iterable of such a loop gets a cursor, opened before the loop. At the
 * top of every round each cursor in turn breaks out of the loop when it is
 * exhausted (zip stops at its shortest iterable, as Python's, without taking
 * an element from the later ones); then the elements are bound to the
 * targets; then every cursor steps. */

typedef struct Cursor {
  Iter *it;
  const char *src;     /* the held list, tuple or iterator */
  const char *pos;     /* the index, or the next value of a range */
  const char *stop, *step;
  const char *count;   /* enumerate's counter, or NULL when nothing reads it */
  const char *status;  /* __next__'s result */
  const char **outs;   /* __next__'s out parameters (new references) */
  int nouts;
  struct Cursor *subs;
} Cursor;

/* One element: a C expression, or (enumerate, zip, a tuple from __next__)
 * one element per item, so that `for i, (x, y) in ...` binds each directly. */
typedef struct Elem {
  Val v;
  Type *ty;
  struct Elem *items;
  int nitems;
} Elem;

static const char *int_var(E *e, const char *prefix) {
  const char *name = fmt(e, "_%s%d", prefix, ++e->f->ntemps);
  buf_printf(&e->f->decls, "  int64_t %s;\n", name);
  return name;
}

/* The value of an int expression, fixed before the loop starts. */
static const char *int_before(E *e, Node *x, const char *dflt) {
  if (!x) return dflt;
  Val v = ex(e, x);
  if (is_literal_text(v.c)) return v.c;
  const char *name = int_var(e, "v");
  line(e, "%s = %s;", name, v.c);
  return name;
}

static void cursor_open(E *e, Cursor *k, Iter *it, Node *target);

static void open_range(E *e, Cursor *k) {
  Iter *it = k->it;
  const char *start = int_before(e, it->start, "0");
  k->stop = int_before(e, it->stop, "0");
  k->step = int_before(e, it->step, "1");
  if (it->step && !is_literal_text(k->step)) {
    set_at(e, it->step);
    line(e, "if (%s == 0) gt_fail(\"ValueError: range() arg 3 must not be zero\");", k->step);
  }
  k->pos = int_var(e, "p");
  line(e, "%s = %s;", k->pos, start);
}

/* A list (or a str's characters, a dict's keys, a tuple) and an index. */
static void open_sequence(E *e, Cursor *k) {
  Iter *it = k->it;
  Val v = it->kind == ITER_CLASS_LIST ? ex(e, iter_call(e, it)) : ex(e, it->expr);
  if (it->kind != ITER_TUPLE) v = as_list(e, v, it->elem);
  k->src = hold(e, v.ty, own(e, v));
  k->pos = int_var(e, "i");
  line(e, "%s = 0;", k->pos);
}

/* An extern iterator: int next(it, T1 *out1, ..., Tn *outn) gives 1 and
 * new references in the outs, 0 at the end, -1 on an error. */
static void open_iterator(E *e, Cursor *k) {
  Iter *it = k->it;
  Val v = ex(e, iter_call(e, it));
  k->src = hold(e, v.ty, own(e, v));
  Type *rt = it->next_fn->ret;
  k->nouts = rt->kind == TY_TUPLE ? rt->nitems : 1;
  k->outs = arena_alloc(e->p->arena, k->nouts * sizeof *k->outs);
  for (int j = 0; j < k->nouts; j++) k->outs[j] = new_temp(e, rt->kind == TY_TUPLE ? rt->items[j] : rt);
  k->status = new_temp(e, type_prim(TY_INT));
}

/* The part of a tuple target that binds item i of an element, or NULL. */
static Node *target_item(Node *target, int i, int n) {
  if (!target || (target->kind != EX_TUPLE && target->kind != EX_LIST) || ast_count(target->elts) != n) return NULL;
  Node *t = target->elts;
  while (i-- > 0) t = t->next;
  return t;
}

static void open_nested(E *e, Cursor *k, Node *target) {
  Iter *it = k->it;
  int n = it->nsubs + (it->kind == ITER_ENUMERATE);
  int first = it->kind == ITER_ENUMERATE;
  k->subs = arena_alloc(e->p->arena, it->nsubs * sizeof *k->subs);
  for (int j = 0; j < it->nsubs; j++) cursor_open(e, &k->subs[j], it->subs[j], target_item(target, first + j, n));
  /* enumerate(xs, start): start is evaluated after xs, as in Python */
  if (first && !binds_nothing(target_item(target, 0, n))) {
    k->count = int_var(e, "c");
    line(e, "%s = %s;", k->count, it->start ? ex(e, it->start).c : "0");
  } else if (it->start && has_call(it->start)) {
    line(e, "(void)%s;", tight(e, ex(e, it->start).c));  /* evaluated for its effects */
  }
}

static void cursor_open(E *e, Cursor *k, Iter *it, Node *target) {
  *k = (Cursor){.it = it};
  switch (it->kind) {
  case ITER_RANGE: open_range(e, k); break;
  case ITER_NEXT: open_iterator(e, k); break;
  case ITER_ENUMERATE:
  case ITER_ZIP: open_nested(e, k, target); break;
  default: open_sequence(e, k); break;
  }
}

/* Is i still inside range(..., stop, step)? A literal step's sign is known. */
static const char *range_test(E *e, const char *i, const char *stop, const char *step) {
  if (!step || (is_literal_text(step) && step[0] != '-')) return fmt(e, "%s < %s", i, stop);
  if (is_literal_text(step)) return fmt(e, "%s > %s", i, stop);
  return fmt(e, "%s > 0 ? %s < %s : %s > %s", step, i, stop, i, stop);
}

static void cursor_check(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap);

static void check_iterator(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap) {
  Buf b = {0};
  buf_printf(&b, "%s(%s", k->it->next_fn->cname, k->src);
  for (int j = 0; j < k->nouts; j++) buf_printf(&b, ", &%s", k->outs[j]);
  buf_printf(&b, ")");
  set_at(e, k->it->expr);
  line(e, "%s = %s;", k->status, b.data);
  buf_free(&b);
  line(e, "if (%s <= 0) {", k->status);
  for (int j = 0; j < *ntaken; j++) line(e, "  gt_release(%s);", (*taken)[j]);
  line(e, "  gt_ok_status(%s);", k->status);
  line(e, "  break;");
  line(e, "}");
  Type *rt = k->it->next_fn->ret;
  for (int j = 0; j < k->nouts; j++)
    if (type_is_ref(rt->kind == TY_TUPLE ? rt->items[j] : rt)) push_name(taken, ntaken, cap, k->outs[j]);
}

/* Breaks out of the loop when the cursor is exhausted. */
static void cursor_check(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap) {
  Iter *it = k->it;
  const char *cond = NULL;
  switch (it->kind) {
  case ITER_RANGE: cond = fmt(e, "!(%s)", range_test(e, k->pos, k->stop, it->step ? k->step : NULL)); break;
  case ITER_TUPLE: cond = fmt(e, "%s >= %s->len", k->pos, k->src); break;
  case ITER_NEXT: check_iterator(e, k, taken, ntaken, cap); return;
  case ITER_ENUMERATE:
  case ITER_ZIP:
    for (int j = 0; j < it->nsubs; j++) cursor_check(e, &k->subs[j], taken, ntaken, cap);
    return;
  default: cond = fmt(e, "%s >= gt_list_len(%s)", k->pos, k->src); break;
  }
  if (!*ntaken) {
    line(e, "if (%s) break;", cond);
    return;
  }
  line(e, "if (%s) {", cond);
  for (int j = 0; j < *ntaken; j++) line(e, "  gt_release(%s);", (*taken)[j]);
  line(e, "  break;");
  line(e, "}");
}

/* The element the cursor is at (after cursor_check). */
static Elem cursor_elem(E *e, Cursor *k) {
  Iter *it = k->it;
  Type *el = it->elem;
  Elem r = {.ty = el};
  switch (it->kind) {
  case ITER_RANGE: r.v = val(k->pos, el, false); break;
  case ITER_TUPLE: r.v = val(unbox(e, fmt(e, "%s->items[%s]", k->src, k->pos), el), el, false); break;
  case ITER_NEXT:
    if (el->kind != TY_TUPLE) {
      r.v = val(k->outs[0], el, type_is_ref(el));
      break;
    }
    r.nitems = k->nouts;
    r.items = arena_alloc(e->p->arena, r.nitems * sizeof *r.items);
    for (int j = 0; j < r.nitems; j++)
      r.items[j] = (Elem){.v = val(k->outs[j], el->items[j], type_is_ref(el->items[j])), .ty = el->items[j]};
    break;
  case ITER_ENUMERATE:
  case ITER_ZIP: {
    int first = it->kind == ITER_ENUMERATE;
    r.nitems = it->nsubs + first;
    r.items = arena_alloc(e->p->arena, r.nitems * sizeof *r.items);
    if (first) r.items[0] = (Elem){.v = val(k->count ? k->count : "0", type_prim(TY_INT), false), .ty = type_prim(TY_INT)};
    for (int j = 0; j < it->nsubs; j++) r.items[first + j] = cursor_elem(e, &k->subs[j]);
    break;
  }
  default:
    r.v = val(unbox(e, fmt(e, "gt_list_get(%s, %s)", k->src, k->pos), el), el, type_is_ref(el));
    break;
  }
  return r;
}

/* The element as one value (a tuple made of its items). */
static Val elem_value(E *e, Elem *el) {
  if (!el->items) return el->v;
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, el->ty));
  for (int j = 0; j < el->nitems; j++) {
    Val v = elem_value(e, &el->items[j]);
    buf_printf(&b, ", %s", box(e, borrow(e, v), el->items[j].ty));
  }
  buf_printf(&b, ")");
  Val r = val(fmt(e, "%s", b.data), el->ty, true);
  buf_free(&b);
  return r;
}

static void bind_cursor_elem(E *e, Node *target, Elem *el) {
  if (el->items && target_item(target, 0, el->nitems)) {
    for (int j = 0; j < el->nitems; j++) bind_cursor_elem(e, target_item(target, j, el->nitems), &el->items[j]);
    return;
  }
  if (binds_nothing(target)) {
    if (el->v.owned && is_ref(el->v)) line(e, "gt_release(%s);", el->v.c);
    return;
  }
  int mark = e->f->npending;  /* the items' temporaries too, each round */
  bind_elem(e, target, elem_value(e, el));
  flush(e, mark);
}

static void cursor_step(E *e, Cursor *k) {
  Iter *it = k->it;
  switch (it->kind) {
  case ITER_RANGE:
    if (!it->step) line(e, "%s++;", k->pos);
    else line(e, "%s = gt_range_after(%s, %s, %s);", k->pos, k->pos, k->stop, k->step);
    break;
  case ITER_NEXT: break;
  case ITER_ENUMERATE:
  case ITER_ZIP:
    if (k->count) line(e, "%s = gt_int_add(%s, 1);", k->count, k->count);
    for (int j = 0; j < it->nsubs; j++) cursor_step(e, &k->subs[j]);
    break;
  default: line(e, "%s++;", k->pos); break;
  }
}

static void cursor_close(E *e, Cursor *k) {
  if (k->src) unhold(e, k->src);
  if (k->it->kind == ITER_ENUMERATE || k->it->kind == ITER_ZIP)
    for (int j = 0; j < k->it->nsubs; j++) cursor_close(e, &k->subs[j]);
}

static void emit_cursor_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  Cursor k;
  cursor_open(e, &k, it, target);
  line(e, "while (true) {");
  e->f->indent++;
  const char **taken = NULL;
  int ntaken = 0, cap = 0;
  cursor_check(e, &k, &taken, &ntaken, &cap);
  free(taken);
  Elem el = cursor_elem(e, &k);
  bind_cursor_elem(e, target, &el);
  cursor_step(e, &k);
  e->f->indent--;
  loop_body(e, body, ctx);
  cursor_close(e, &k);
}

/* ---- loops over one range or sequence: plain C for loops ------------------- */

static void emit_range_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  const char *i = int_var(e, "i");
  const char *start = int_before(e, it->start, "0");
  /* range() reads its arguments once: a variable changed by the body must not move the end. */
  const char *stop = int_before(e, it->stop, "0");
  if (!it->step) {
    line(e, "for (%s = %s; %s < %s; %s++) {", i, start, i, stop, i);
  } else {
    const char *step = int_before(e, it->step, "1");
    if (!is_literal_text(step)) {
      set_at(e, it->step);
      line(e, "if (%s == 0) gt_fail(\"ValueError: range() arg 3 must not be zero\");", step);
    }
    line(e, "for (%s = %s; %s; %s = gt_range_after(%s, %s, %s)) {", i, start, range_test(e, i, stop, step), i, i, stop,
         step);
  }
  e->f->indent++;
  bind_elem(e, target, val(i, type_prim(TY_INT), false));
  e->f->indent--;
  loop_body(e, body, ctx);
}

static void emit_sequence_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  Val v = it->kind == ITER_CLASS_LIST ? ex(e, iter_call(e, it)) : ex(e, it->expr);
  Type *el = it->elem;
  const char *i = int_var(e, "i");
  if (it->kind == ITER_TUPLE) {
    const char *tup = hold(e, v.ty, own(e, v));
    line(e, "for (%s = 0; %s < %s->len; %s++) {", i, i, tup, i);
    e->f->indent++;
    bind_elem(e, target, val(unbox(e, fmt(e, "%s->items[%s]", tup, i), el), el, false));
    e->f->indent--;
    loop_body(e, body, ctx);
    unhold(e, tup);
    return;
  }
  Val l = as_list(e, v, el);
  const char *lst = hold(e, type_list(e->p, el), own(e, l));
  line(e, "for (%s = 0; %s < gt_list_len(%s); %s++) {", i, i, lst, i);
  e->f->indent++;
  bind_elem(e, target, val(unbox(e, fmt(e, "gt_list_get(%s, %s)", lst, i), el), el, type_is_ref(el)));
  e->f->indent--;
  loop_body(e, body, ctx);
  unhold(e, lst);
}

/* A for loop or one `for` of a comprehension, as check.c planned it. */
static void emit_for_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  switch (it->kind) {
  case ITER_RANGE: emit_range_loop(e, target, it, body, ctx); break;
  case ITER_NEXT:
  case ITER_ENUMERATE:
  case ITER_ZIP: emit_cursor_loop(e, target, it, body, ctx); break;
  default: emit_sequence_loop(e, target, it, body, ctx); break;
  }
}

typedef struct StmtLoop {
  Node *st;
} StmtLoop;

static void for_stmt_body(E *e, void *ctx) {
  StmtLoop *sl = ctx;
  emit_block(e, sl->st->body);
}

static void emit_for(E *e, Node *st) {
  const char *saved = e->f->loop_exit;
  const char *exit_label = st->orelse ? fmt(e, "_for%d_break", ++e->f->nlabels) : NULL;
  e->f->loop_exit = exit_label;
  StmtLoop sl = {st};
  emit_for_loop(e, st->lhs, st->info, for_stmt_body, &sl);
  e->f->loop_exit = saved;
  if (exit_label) {
    emit_block(e, st->orelse);
    line(e, "%s:;", exit_label);
  }
}

static void emit_while(E *e, Node *st) {
  const char *saved = e->f->loop_exit;
  const char *exit_label = st->orelse ? fmt(e, "_while%d_break", ++e->f->nlabels) : NULL;
  e->f->loop_exit = exit_label;
  /* The condition may need statements, so it is tested inside the loop. */
  Capture cap;
  capture_begin(e, &cap);
  forget_at(e);
  const char *k = truth(e, ex(e, st->cond));
  bool stmts = e->f->body.len || e->f->npending > cap.mark;
  const char *kt = NULL;
  if (stmts) {
    kt = new_temp(e, type_prim(TY_BOOL));
    line(e, "%s = %s;", kt, k);
    flush(e, cap.mark);
  }
  Buf pre = capture_end(e, &cap);
  if (!stmts) {
    line(e, "while (%s) {", cond_text(e, k));
  } else {
    line(e, "while (true) {");
    e->f->indent++;
    splice(e, &pre);
    line(e, "if (!%s) break;", kt);
    e->f->indent--;
  }
  buf_free(&pre);
  e->f->indent++;
  e->f->loops++;
  forget_at(e);
  emit_block(e, st->body);
  e->f->loops--;
  e->f->indent--;
  line(e, "}");
  forget_at(e);
  e->f->loop_exit = saved;
  if (exit_label) {
    emit_block(e, st->orelse);
    line(e, "%s:;", exit_label);
  }
}

/* ---- statements ----------------------------------------------------------- */

static void comment(E *e, Node *st);

/* The truth of an if's condition, its temporaries released first. */
static const char *if_condition(E *e, Node *st) {
  int mark = e->f->npending;
  const char *k = truth(e, ex(e, st->cond));
  if (e->f->npending > mark) {
    const char *kt = new_temp(e, type_prim(TY_BOOL));
    line(e, "%s = %s;", kt, k);
    flush(e, mark);
    k = kt;
  }
  return cond_text(e, k);
}

static void emit_branch(E *e, Node *body) {
  e->f->indent++;
  forget_at(e);
  emit_block(e, body);
  e->f->indent--;
}

/* if/elif/else. An elif chain is walked in a loop, not by recursion, and
 * stays at one indentation: `} else if (c) {` where the condition is one C
 * expression, else an `else` block holding the statements it needs (so a
 * chain of thousands of elifs gives C of linear size). */
static void emit_if(E *e, Node *st) {
  const Node *outer = e->f->stmt;
  line(e, "if (%s) {", if_condition(e, st));
  int blocks = 0;  /* `else {` blocks opened for conditions that need statements */
  for (;;) {
    emit_branch(e, st->body);
    Node *el = st->orelse;
    if (!el) break;
    if (el->kind != ST_IF || el->next) {
      line(e, "} else {");
      emit_branch(e, el);
      break;
    }
    e->f->stmt = el;
    Capture cap;
    capture_begin(e, &cap);
    const char *k = if_condition(e, el);
    Buf pre = capture_end(e, &cap);
    comment(e, el);
    if (!pre.len) {
      line(e, "} else if (%s) {", k);
    } else {
      line(e, "} else {");
      e->f->indent++;
      blocks++;
      splice(e, &pre);
      line(e, "if (%s) {", k);
    }
    buf_free(&pre);
    forget_at(e);
    st = el;
  }
  line(e, "}");
  while (blocks--) {
    e->f->indent--;
    line(e, "}");
  }
  e->f->stmt = outer;
  forget_at(e);
}

/* ctx.__exit__(), its other parameters at their defaults. */
static void emit_exit(E *e, int w) {
  Func *f = e->f->withs[w].exit;
  Buf b = {0};
  buf_printf(&b, "%s(%s", f->cname, e->f->withs[w].ctx);
  for (int i = 1; i < f->nparams; i++) {
    Val v = stable(e, ex(e, f->params[i].dflt));
    buf_printf(&b, ", %s", coerce(e, v.c, v.ty, f->params[i].ty));
  }
  buf_printf(&b, ")");
  Val r = extern_result(e, f, fmt(e, "%s", b.data), f->ret);
  buf_free(&b);
  if (r.owned && is_ref(r)) line(e, "gt_release(%s);", r.c);
  else line(e, "%s;", r.c);
}

/* Leaving `with` blocks early: every one entered inside the innermost loop
 * (break, continue), or all of them (return). */
static void exit_withs(E *e, bool all) {
  for (int w = e->f->nwiths - 1; w >= 0; w--) {
    if (!all && e->f->withs[w].loops < e->f->loops) break;
    emit_exit(e, w);
  }
}

/* with ctx as x: body -> x = ctx.__enter__(); body; ctx.__exit__() */
static void emit_with(E *e, Node *st) {
  int entered = 0;
  for (Node *it = st->items; it; it = it->next) {
    const WithInfo *with = it->info;
    Func *enter = with->enter;
    int mark = e->f->npending;
    Val v = ex(e, it->lhs);
    const char *ctx = hold(e, it->lhs->ty, own(e, v));
    Buf b = {0};
    buf_printf(&b, "%s(%s)", enter->cname, ctx);
    Val r = extern_result(e, enter, fmt(e, "%s", b.data), enter->ret);
    buf_free(&b);
    if (it->rhs) store(e, it->rhs, r);
    else if (r.owned && is_ref(r)) line(e, "gt_release(%s);", r.c);
    else line(e, "%s;", r.c);
    flush(e, mark);
    if (e->f->nwiths == e->f->capwiths) {
      e->f->capwiths = e->f->capwiths ? 2 * e->f->capwiths : 8;
      e->f->withs = realloc(e->f->withs, e->f->capwiths * sizeof *e->f->withs);
    }
    int w = e->f->nwiths++;
    e->f->withs[w].ctx = ctx;
    e->f->withs[w].exit = with->exit;
    e->f->withs[w].loops = e->f->loops;
    entered++;
  }
  emit_block(e, st->body);
  forget_at(e);
  while (entered--) {
    emit_exit(e, e->f->nwiths - 1);
    unhold(e, e->f->withs[--e->f->nwiths].ctx);
  }
}

static void emit_return(E *e, Node *st) {
  if (st->rhs) {
    Val v = ex(e, st->rhs);
    Type *rt = e->f->fn->ret;
    if (rt->kind == TY_NONE) {
      discard_none(e, v);
    } else {
      const char *c = own(e, v);
      line(e, "_ret = %s;", coerce(e, c, v.ty, rt));
    }
  }
  for (int i = 0; i < e->f->npending; i++) line(e, "gt_release(%s);", e->f->pending[i]);
  exit_withs(e, true);
  line(e, "goto _out;");
  e->f->uses_out = true;
}

static void emit_assert(E *e, Node *st) {
  int mark = e->f->npending;
  const char *k = truth(e, ex(e, st->cond));
  const char *kt = new_temp(e, type_prim(TY_BOOL));
  line(e, "%s = %s;", kt, k);
  flush(e, mark);
  line(e, "if (!%s) {", kt);
  e->f->indent++;
  if (st->rhs) {
    Val m = stable(e, to_str(e, ex(e, st->rhs)));
    set_at(e, st);
    line(e, "gt_fail(\"AssertionError: %%s\", %s->data);", arrow(e, m.c));
  } else {
    set_at(e, st);
    line(e, "gt_fail(\"AssertionError\");");
  }
  e->f->indent--;
  line(e, "}");
  forget_at(e);
}

static void emit_del(E *e, Node *st) {
  for (Node *t = st->targets ? st->targets : st->lhs; t; t = t->next) {
    Type *ot = t->lhs->ty;
    const char *o = stable(e, ex(e, t->lhs)).c;
    Val k = ex(e, t->rhs);
    set_at(e, t);
    if (ot->kind == TY_DICT) line(e, "gt_dict_del(%s, %s);", o, box(e, borrow(e, k), ot->key));
    else line(e, "gt_val_release(gt_list_pop(%s, %s), %s);", o, k.c, desc(e, ot->elem));
  }
}

static Module *module_named(E *e, const char *name) {
  for (Module *m = e->p->all; m; m = m->all_next)
    if (strcmp(m->name, name) == 0) return m;
  return NULL;
}

/* `a.b.c` runs a's, a.b's and a.b.c's top-level code, as Python imports parents first. */
static void init_dotted(E *e, const char *name) {
  for (const char *dot = name;; dot++) {
    if (*dot == '.' || !*dot) {
      Module *m = module_named(e, arena_strndup(e->p->arena, name, dot - name));
      if (m) line(e, "%s();", m->init->cname);
      if (!*dot) break;
    }
  }
}

/* Imports run the imported modules' top-level code once, where they stand. */
static void emit_import(E *e, Node *st) {
  if (st->kind == ST_FROMIMPORT) {
    init_dotted(e, st->name);
    for (Node *al = st->names; al; al = al->next) {  /* from torchvision import transforms */
      Module *sub = module_named(e, arena_printf(e->p->arena, "%s.%s", st->name, al->name));
      if (sub) line(e, "%s();", sub->init->cname);
    }
    return;
  }
  for (Node *al = st->names; al; al = al->next) init_dotted(e, al->name);
}

/* The source line of a statement, as a C comment. */
static void comment(E *e, Node *st) {
  const char *s = st->file->text + st->pos;
  const char *end = strchr(s, '\n');
  size_t len = end ? (size_t)(end - s) : strlen(s);
  if (len > 100) len = 100;
  Buf b = {0};
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\r') continue;
    if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
      buf_printf(&b, "* /");
      i++;
      continue;
    }
    buf_printf(&b, "%c", s[i]);
  }
  line(e, "/* %s */", b.data ? b.data : "");
  buf_free(&b);
}

static bool is_definition(Node *st) {
  return st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF || st->kind == ST_EXTERNDEF ||
         st->kind == ST_EXTERNVAR || st->kind == ST_EXTERNLINK || st->kind == ST_GLOBAL || st->kind == ST_PASS;
}

static void emit_stmt(E *e, Node *st) {
  if (is_definition(st)) return;
  int l, c;
  diag_linecol(st->file, st->pos, &l, &c);
  const Node *outer = e->f->stmt;
  e->f->stmt = st;
  comment(e, st);
  if (st->kind != ST_BREAK && st->kind != ST_CONTINUE && st->kind != ST_IF && st->kind != ST_WHILE) {
    e->f->at_pending = true;
    e->f->at_slot = e->f->body.len;
    e->f->at_indent = e->f->indent;
    e->f->at_stmt = st;
    e->f->at_line = e->f->at_col = 0;
  }
  int mark = e->f->npending;
  switch (st->kind) {
  case ST_EXPR: {
    if (st->lhs->kind == EX_STR) break;  /* a docstring */
    e->f->discarded = st->lhs;
    Val v = ex(e, st->lhs);
    e->f->discarded = NULL;
    if (v.owned && is_ref(v)) line(e, "gt_release(%s);", v.c);
    else if (!is_simple(v.c)) line(e, v.ty->kind == TY_NONE ? "%s;" : "(void)%s;", tight(e, v.c));
    break;
  }
  case ST_ASSIGN: emit_assign(e, st); break;
  case ST_ANNASSIGN:
    if (st->rhs) store(e, st->lhs, ex(e, st->rhs));
    break;
  case ST_AUGASSIGN: emit_augassign(e, st); break;
  case ST_IF: emit_if(e, st); break;
  case ST_WHILE: emit_while(e, st); break;
  case ST_FOR: emit_for(e, st); break;
  case ST_WITH: emit_with(e, st); break;
  case ST_BREAK:
    exit_withs(e, false);
    if (e->f->loop_exit) line(e, "goto %s;", e->f->loop_exit);
    else line(e, "break;");
    break;
  case ST_CONTINUE:
    exit_withs(e, false);
    line(e, "continue;");
    break;
  case ST_RETURN: emit_return(e, st); break;
  case ST_ASSERT: emit_assert(e, st); break;
  case ST_DEL: emit_del(e, st); break;
  case ST_IMPORT:
  case ST_FROMIMPORT: emit_import(e, st); break;
  case ND_BLOCK: emit_block(e, st->body); break;
  default: break;
  }
  settle_at(e);
  flush(e, mark);
  e->f->stmt = outer;
}

static void emit_block(E *e, Node *body) {
  settle_at(e);
  for (Node *st = body; st; st = st->next) emit_stmt(e, st);
}

/* ---- functions -------------------------------------------------------------- */

static const char *c_quote(E *e, const char *s) { return c_string(e, s, strlen(s)); }

static const char *signature(E *e, Func *f) {
  Buf b = {0};
  buf_printf(&b, "static %s%s%s(", ctype(e, f->ret), f->ret->kind == TY_CLASS || type_is_ref(f->ret) ? "" : " ", f->cname);
  for (int i = 0; i < f->nparams; i++) {
    /* A parameter typed None can only be None: a pointer that is NULL. */
    const char *ct = f->params[i].ty->kind == TY_NONE ? "void *" : ctype(e, f->params[i].ty);
    buf_printf(&b, "%s%s%s%s", i ? ", " : "", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", f->params[i].cname);
  }
  if (!f->nparams) buf_printf(&b, "void");
  buf_printf(&b, ")");
  const char *r = arena_strdup(e->p->arena, b.data);
  buf_free(&b);
  return r;
}

static void declare_local(E *e, Sym *y) {
  if (!y->ty || unread_number(y)) return;
  if (type_is_ref(y->ty)) buf_printf(&e->f->decls, "  %s%s = NULL;\n", ctype(e, y->ty), y->cname);
  else buf_printf(&e->f->decls, "  %s %s = 0;\n", ctype(e, y->ty), y->cname);
}

static void begin_fn(E *e, FnState *fs, Func *f) {
  memset(fs, 0, sizeof *fs);
  fs->fn = f;
  fs->frameless = f->mod->is_stdlib;
  fs->indent = 1;
  e->f = fs;
}

static void end_fn(E *e, FnState *fs) {
  free(fs->pending);
  free(fs->held);
  free(fs->withs);
  buf_free(&fs->decls);
  buf_free(&fs->body);
  e->f = NULL;
}

/* Writes `decls body _out: epilogue` of the current function to defs. */
static void finish_body(E *e, Func *f, Buf *epilogue, const char *closing) {
  FnState *fs = e->f;
  bool has_ret = f->ret->kind != TY_NONE;
  if (has_ret) {
    if (type_is_ref(f->ret)) buf_printf(&e->defs, "  %s_ret = NULL;\n", ctype(e, f->ret));
    else buf_printf(&e->defs, "  %s _ret = 0;\n", ctype(e, f->ret));
  }
  buf_append(&e->defs, &fs->decls);
  if (!fs->frameless) {
    buf_printf(&e->defs, "  gt_frame _fr = {.func = %s, .file = %s};\n", c_quote(e, f->qname), c_quote(e, f->mod->file->path));
    buf_printf(&e->defs, "  gt_enter(&_fr);\n");
  }
  buf_append(&e->defs, &fs->body);
  if (fs->uses_out) buf_printf(&e->defs, "_out:\n");
  for (int i = 0; i < fs->nheld; i++) buf_printf(&e->defs, "  gt_release(%s);\n", fs->held[i]);
  buf_append(&e->defs, epilogue);
  if (!fs->frameless) buf_printf(&e->defs, "  gt_leave(&_fr);\n");
  if (has_ret) buf_printf(&e->defs, "  return _ret;\n");
  buf_printf(&e->defs, "%s", closing);
}

static void emit_func(E *e, Func *f) {
  FnState fs;
  begin_fn(e, &fs, f);
  Buf epi = {0};
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (q->sym && !q->sym->read) line(e, "(void)%s;", q->cname);  /* __exit__(self, exc_type, exc, tb) */
    if (type_is_ref(q->ty) && q->sym && q->sym->rebound) {
      /* A parameter that is reassigned must own its value. */
      line(e, "gt_retain(%s);", q->cname);
      buf_printf(&epi, "  gt_release(%s);\n", q->cname);
    }
  }
  for (Sym *y = f->locals.syms; y; y = y->next) {
    if (y->kind != SYM_LOCAL) continue;
    declare_local(e, y);
    if (y->ty && type_is_ref(y->ty)) buf_printf(&epi, "  gt_release(%s);\n", y->cname);
  }
  emit_block(e, f->decl->body);
  buf_printf(&e->defs, "%s {\n", signature(e, f));
  finish_body(e, f, &epi, "}\n\n");
  buf_free(&epi);
  end_fn(e, &fs);
}

/* ---- classes ---------------------------------------------------------------- */

static void emit_class_struct(E *e, ClassInfo *k) {
  /* the header's name starts with '_', which no field's C name does */
  if (k->is_module) buf_printf(&e->defs, "struct %s {\n  gt_module_head _module;\n", k->cname);
  else buf_printf(&e->defs, "struct %s {\n  gt_obj _obj;\n", k->cname);
  for (int i = 0; i < k->nfields; i++) {
    const char *ct = ctype(e, k->fields[i].ty);
    buf_printf(&e->defs, "  %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", k->fields[i].cname);
  }
  buf_printf(&e->defs, "};\n\n");
}

/* __eq__ / __lt__ taking an instance of the class itself, for containers:
 * `x in xs`, `xs == ys`, sorted(xs) (ClassInfo.eq and lt). */
static const char *comparison_thunk(E *e, ClassInfo *k, Func *f, const char *slot) {
  if (!f) return "NULL";
  buf_printf(&e->defs, "static bool %s_%s(gt_obj *a, gt_obj *b) { return %s((%s *)a, (%s *)b); }\n\n",
             k->cname, slot, f->cname, k->cname, k->cname);
  return fmt(e, "%s_%s", k->cname, slot);
}

/* Is t a module: an nn.Module subclass, or a built-in module? */
static bool is_module_type(const Type *t) {
  return t->kind == TY_CLASS && t->cls->protocol == PROTO_MODULE;
}

static bool is_tensor_type(const Type *t) {
  return t->kind == TY_CLASS && t->cls->protocol == PROTO_TENSOR;
}

/* What the runtime needs to treat an nn.Module subclass as a module: its
 * forward as a (Tensor) -> Tensor function, and its tensor and module
 * fields in order, from which it derives parameters() and state_dict(). */
static void emit_module_thunks(E *e, ClassInfo *k, const char **forward) {
  Func *f = k->forward;
  *forward = "NULL";
  if (f) {
    buf_printf(&e->defs, "static gt_tensor *%s_forward_thunk(gt_obj *self, gt_tensor *input) {\n", k->cname);
    buf_printf(&e->defs, "  return %s((%s *)self, input);\n}\n\n", f->cname, k->cname);
    *forward = fmt(e, "%s_forward_thunk", k->cname);
  }
  buf_printf(&e->defs, "static void %s_fields(gt_obj *o, gt_module_visit visit, void *ctx) {\n", k->cname);
  buf_printf(&e->defs, "  %s *self = (%s *)o;\n", k->cname, k->cname);
  for (int i = 0; i < k->nfields; i++) {
    Type *t = k->fields[i].ty;
    bool module = is_module_type(t);
    if (!module && !is_tensor_type(t)) continue;
    buf_printf(&e->defs, "  visit(ctx, %s, (gt_obj *)self->%s, %s);\n", c_quote(e, k->fields[i].name),
               k->fields[i].cname, module ? "true" : "false");
  }
  buf_printf(&e->defs, "}\n\n");
}

static void emit_class_runtime(E *e, ClassInfo *k) {
  buf_printf(&e->defs, "static void %s_drop(gt_obj *o) {\n", k->cname);
  buf_printf(&e->defs, "  %s *self = (%s *)o;\n", k->cname, k->cname);
  bool any = false;
  for (int i = 0; i < k->nfields; i++)
    if (type_is_ref(k->fields[i].ty)) {
      buf_printf(&e->defs, "  gt_release(self->%s);\n", k->fields[i].cname);
      any = true;
    }
  if (!any) buf_printf(&e->defs, "  (void)self;\n");
  buf_printf(&e->defs, "}\n\n");
  const char *str = "NULL", *repr = "NULL";
  if (k->str) {
    buf_printf(&e->defs, "static gt_str *%s_str(gt_obj *o) { return %s((%s *)o); }\n\n", k->cname, k->str->cname, k->cname);
    str = fmt(e, "%s_str", k->cname);
  }
  if (k->repr) {
    buf_printf(&e->defs, "static gt_str *%s_repr(gt_obj *o) { return %s((%s *)o); }\n\n", k->cname, k->repr->cname, k->cname);
    repr = fmt(e, "%s_repr", k->cname);
  }
  const char *eq = comparison_thunk(e, k, k->eq, "eq");
  const char *lt = comparison_thunk(e, k, k->lt, "lt");
  const char *cls = fmt(e, "%s_class", k->cname);
  if (k->is_module) {
    const char *forward;
    emit_module_thunks(e, k, &forward);
    if (!k->str && !k->repr) repr = "gt_module_repr_obj";  /* print(net) as PyTorch */
    buf_printf(&e->defs, "static const gt_module_def %s_def = {{%s, %s_drop, %s, %s, %s, %s}, %s, %s_fields};\n\n",
               k->cname, c_quote(e, k->name), k->cname, str, repr, eq, lt, forward, k->cname);
    cls = fmt(e, "%s_def.cls", k->cname);
  } else {
    buf_printf(&e->defs, "static const gt_class %s_class = {%s, %s_drop, %s, %s, %s, %s};\n\n", k->cname,
               c_quote(e, k->name), k->cname, str, repr, eq, lt);
  }
  /* The constructor: allocate, then __init__. */
  Buf sig = {0};
  buf_printf(&sig, "static %s *%s_new(", k->cname, k->cname);
  Func *init = k->init;
  int np = init ? init->nparams : 1;
  for (int i = 1; i < np; i++) {
    const char *ct = init->params[i].ty->kind == TY_NONE ? "void *" : ctype(e, init->params[i].ty);
    buf_printf(&sig, "%s%s%s%s", i > 1 ? ", " : "", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", init->params[i].cname);
  }
  if (np <= 1) buf_printf(&sig, "void");
  buf_printf(&sig, ")");
  buf_printf(&e->protos, "%s;\n", sig.data);
  buf_printf(&e->defs, "%s {\n  %s *self = gt_alloc(sizeof(%s), &%s);\n", sig.data, k->cname, k->cname, cls);
  if (k->is_module) buf_printf(&e->defs, "  gt_module_head_init(&self->_module);\n");
  if (init) {
    buf_printf(&e->defs, "  %s(self", init->cname);
    for (int i = 1; i < np; i++) buf_printf(&e->defs, ", %s", init->params[i].cname);
    buf_printf(&e->defs, ");\n");
  }
  buf_printf(&e->defs, "  return self;\n}\n\n");
  buf_free(&sig);
}

/* ---- modules and the program ---------------------------------------------- */

static void emit_globals(E *e, Module *m, Buf *out) {
  for (Sym *y = m->globals.syms; y; y = y->next) {
    if (y->kind != SYM_GLOBAL || y->target || !y->ty) continue;
    const char *ct = ctype(e, y->ty);
    buf_printf(out, "static %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", y->cname);
  }
}

static void release_globals(Module *m, Buf *out) {
  for (Sym *y = m->globals.syms; y; y = y->next)
    if (y->kind == SYM_GLOBAL && !y->target && y->ty && type_is_ref(y->ty))
      buf_printf(out, "  gt_release(%s);\n", y->cname);
}

static void emit_module_init(E *e, Module *m, Buf *cleanup) {
  Func *f = m->init;
  FnState fs;
  begin_fn(e, &fs, f);
  emit_block(e, m->ast->body);
  if (m->is_main) {
    buf_printf(&e->defs, "int main(int argc, char **argv) {\n  gt_init(argc, argv);\n");
    finish_body(e, f, cleanup, "  gt_exit(0);\n}\n");
  } else {
    buf_printf(&e->protos, "static void %s(void);\n", f->cname);
    buf_printf(&e->defs, "static void %s(void) {\n  static bool done;\n  if (done) return;\n  done = true;\n", f->cname);
    Buf none = {0};
    finish_body(e, f, &none, "}\n\n");
  }
  end_fn(e, &fs);
}

/* -g: writes `text`, mapping every line that no `#line N "prog.gtp"`
 * directly precedes back to its own place in the C file, so that stepping
 * through code of no .gtp statement shows C, never a wrong .gtp line. */
static void map_to_c(const char *text, const char *c_path, FILE *out) {
  int n = 0;               /* lines written so far */
  bool after_directive = false, in_gtp = false;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
    bool directive = strncmp(p, "#line ", 6) == 0;
    if (!directive && !after_directive && in_gtp) {
      fprintf(out, "#line %d \"%s\"\n", n + 2, c_path);
      n++;
      in_gtp = false;
    }
    if (directive) in_gtp = true;
    after_directive = directive;
    fwrite(p, 1, len, out);
    n++;
    p += len;
  }
}

void emit_program(Program *p, FILE *out, const EmitOptions *opt) {
  E e = {.p = p, .opt = opt};
  Buf structs = {0}, globals = {0}, cleanup = {0};
  for (Module *m = p->modules; m; m = m->next) {
    for (ClassInfo *k = m->classes; k; k = k->next)
      if (!k->is_extern) buf_printf(&structs, "typedef struct %s %s;\n", k->cname, k->cname);
    emit_globals(&e, m, &globals);
    release_globals(m, &cleanup);
  }
  for (Module *m = p->modules; m; m = m->next) {
    e.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (k->is_extern) continue;
      Buf saved = e.defs;
      e.defs = (Buf){0};
      emit_class_struct(&e, k);
      buf_append(&structs, &e.defs);
      buf_free(&e.defs);
      e.defs = saved;
    }
  }
  for (Module *m = p->modules; m; m = m->next) {
    e.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next) {
      for (Func *f = k->methods; f; f = f->next)
        if (!f->is_extern && f->used) buf_printf(&e.protos, "%s;\n", signature(&e, f));
      if (!k->is_extern && k->constructed) emit_class_runtime(&e, k);
    }
    for (Func *f = m->funcs; f; f = f->next)
      if (!f->is_extern && f->used) buf_printf(&e.protos, "%s;\n", signature(&e, f));
  }
  for (Module *m = p->modules; m; m = m->next) {
    e.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next)
        if (!f->is_extern && f->used) emit_func(&e, f);
    for (Func *f = m->funcs; f; f = f->next)
      if (!f->is_extern && f->used) emit_func(&e, f);
    emit_module_init(&e, m, m->is_main ? &cleanup : NULL);
  }
  Buf all = {0};
  buf_printf(&all, "/* %s, compiled by gtorchc. */\n#include \"gtorch.h\"\n\n", path_comment(p->arena, p->main->file->path));
  const Buf *parts[] = {&e.types, &e.strs, &structs, &globals, &e.protos, &e.defs};
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    buf_append(&all, parts[i]);
    if (parts[i]->len && parts[i] != &structs && parts[i] != &e.defs) buf_printf(&all, "\n");
  }
  if (opt->line_directives)
    map_to_c(all.data ? all.data : "", path_literal(p->arena, opt->c_path ? opt->c_path : "gtorchc-output.c"), out);
  else fwrite(all.data ? all.data : "", 1, all.len, out);
  buf_free(&all);
  buf_free(&structs);
  buf_free(&globals);
  buf_free(&cleanup);
  buf_free(&e.types);
  buf_free(&e.strs);
  buf_free(&e.protos);
  buf_free(&e.defs);
}

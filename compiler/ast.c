/* ast.c - syntax tree nodes, their names, and a dump for tests. */
#include "ast.h"

#include <stdlib.h>
#include <string.h>

Node *ast_new(Arena *a, NodeKind kind, const SrcFile *file, uint32_t pos, uint32_t len) {
  Node *n = arena_alloc(a, sizeof(Node));
  n->kind = kind;
  n->file = file;
  n->pos = pos;
  n->len = len ? len : 1;
  return n;
}

/* The name `name` standing at node `at` (a node a pass makes in place of
 * source text: its errors point at `at`). */
Node *ast_name(Arena *a, const Node *at, const char *name) {
  Node *n = ast_new(a, EX_NAME, at->file, at->pos, at->len);
  n->name = name;
  n->depth = at->depth;
  return n;
}

Node *ast_append(Node *head, Node *item) {
  if (!head)
    return item;
  Node *n = head;
  while (n->next)
    n = n->next;
  n->next = item;
  return head;
}

/* A copy of n and of everything below it (each list whole), with nothing
 * the checker records: a generic function's instance checks its own. */
static Node *copy_list(Arena *a, const Node *list) {
  Node *head = NULL, **tail = &head;
  for (const Node *n = list; n; n = n->next) {
    *tail = ast_copy(a, n);
    tail = &(*tail)->next;
  }
  return head;
}

Node *ast_copy(Arena *a, const Node *n) {
  Node *d = ast_new(a, n->kind, n->file, n->pos, n->len);
  *d = *n;
  d->next = NULL;
  if (!(n->kind == EX_NAME && (n->flags & NAME_TYPE_GIVEN))) d->ty = NULL;
  d->sym = NULL;
  d->info = NULL;
  Node **kids[] = {&d->lhs, &d->rhs, &d->cond, &d->body, &d->orelse, &d->args, &d->params, &d->elts, &d->cmps,
                   &d->comps, &d->conds, &d->parts, &d->names, &d->bases, &d->items, &d->handlers, &d->finalbody,
                   &d->targets, &d->decorators, &d->ann, &d->lo, &d->hi, &d->step, &d->spec};
  for (size_t i = 0; i < sizeof kids / sizeof *kids; i++) *kids[i] = copy_list(a, *kids[i]);
  return d;
}

Node *ast_find_stmt(Node *body, bool (*match)(const Node *st)) {
  for (Node *st = body; st; st = st->next) {
    if (match(st)) return st;
    if (st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF) continue;
    Node *found = ast_find_stmt(st->body, match);
    if (!found) found = ast_find_stmt(st->orelse, match);
    if (!found) found = ast_find_stmt(st->finalbody, match);
    for (Node *h = st->kind == ST_TRY ? st->handlers : NULL; h && !found; h = h->next)
      found = ast_find_stmt(h->body, match);
    if (found) return found;
  }
  return NULL;
}

int ast_count(const Node *list) {
  int n = 0;
  for (; list; list = list->next)
    n++;
  return n;
}

static const char *const kind_names[] = {
  [ST_EXPR] = "ST_EXPR", [ST_ASSIGN] = "ST_ASSIGN", [ST_ANNASSIGN] = "ST_ANNASSIGN", [ST_TYPEALIAS] = "ST_TYPEALIAS",
  [ST_AUGASSIGN] = "ST_AUGASSIGN", [ST_IF] = "ST_IF", [ST_WHILE] = "ST_WHILE", [ST_FOR] = "ST_FOR",
  [ST_BREAK] = "ST_BREAK", [ST_CONTINUE] = "ST_CONTINUE", [ST_RETURN] = "ST_RETURN",
  [ST_PASS] = "ST_PASS", [ST_ASSERT] = "ST_ASSERT", [ST_GLOBAL] = "ST_GLOBAL",
  [ST_IMPORT] = "ST_IMPORT", [ST_FROMIMPORT] = "ST_FROMIMPORT", [ST_FUNCDEF] = "ST_FUNCDEF",
  [ST_EXTERNDEF] = "ST_EXTERNDEF", [ST_EXTERNVAR] = "ST_EXTERNVAR", [ST_EXTERNLINK] = "ST_EXTERNLINK", [ST_CLASSDEF] = "ST_CLASSDEF",
  [ST_WITH] = "ST_WITH", [ST_DEL] = "ST_DEL", [ST_TRY] = "ST_TRY", [ST_RAISE] = "ST_RAISE",
  [ST_NONLOCAL] = "ST_NONLOCAL", [ST_YIELD] = "ST_YIELD",
  [EX_INT] = "EX_INT", [EX_FLOAT] = "EX_FLOAT", [EX_STR] = "EX_STR", [EX_FSTRING] = "EX_FSTRING",
  [EX_TRUE] = "EX_TRUE", [EX_FALSE] = "EX_FALSE", [EX_NONE] = "EX_NONE",
  [EX_ELLIPSIS] = "EX_ELLIPSIS", [EX_NAME] = "EX_NAME", [EX_ATTR] = "EX_ATTR",
  [EX_CALL] = "EX_CALL", [EX_INDEX] = "EX_INDEX", [EX_SLICE] = "EX_SLICE", [EX_BINOP] = "EX_BINOP",
  [EX_UNARY] = "EX_UNARY", [EX_BOOLOP] = "EX_BOOLOP", [EX_COMPARE] = "EX_COMPARE",
  [EX_IFEXP] = "EX_IFEXP", [EX_NAMEDEXPR] = "EX_NAMEDEXPR", [EX_LIST] = "EX_LIST", [EX_TUPLE] = "EX_TUPLE", [EX_DICT] = "EX_DICT",
  [EX_LISTCOMP] = "EX_LISTCOMP", [EX_DICTCOMP] = "EX_DICTCOMP", [EX_SET] = "EX_SET", [EX_SETCOMP] = "EX_SETCOMP", [EX_STARRED] = "EX_STARRED",
  [EX_LAMBDA] = "EX_LAMBDA", [EX_GENEXP] = "EX_GENEXP",
  [ND_PARAM] = "ND_PARAM", [ND_KEYWORD] = "ND_KEYWORD", [ND_ALIAS] = "ND_ALIAS",
  [ND_WITHITEM] = "ND_WITHITEM", [ND_EXCEPT] = "ND_EXCEPT", [ND_CMP] = "ND_CMP", [ND_PAIR] = "ND_PAIR", [ND_COMP] = "ND_COMP",
  [ND_FMTVALUE] = "ND_FMTVALUE", [ND_BLOCK] = "ND_BLOCK", [ND_MODULE] = "ND_MODULE",
};

const char *ast_kind_name(NodeKind kind) {
  if ((unsigned)kind < sizeof kind_names / sizeof kind_names[0] && kind_names[kind])
    return kind_names[kind];
  return "?";
}

const char *ast_op_text(Op op) {
  static const char *const text[] = {
    [OP_NONE] = "?", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
    [OP_FLOORDIV] = "//", [OP_MOD] = "%", [OP_POW] = "**", [OP_MATMUL] = "@",
    [OP_LSHIFT] = "<<", [OP_RSHIFT] = ">>", [OP_BITAND] = "&", [OP_BITOR] = "|",
    [OP_BITXOR] = "^", [OP_NEG] = "-", [OP_POS] = "+", [OP_NOT] = "not", [OP_INVERT] = "~",
    [OP_AND] = "and", [OP_OR] = "or", [OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<",
    [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=", [OP_IN] = "in", [OP_NOTIN] = "not in",
    [OP_IS] = "is", [OP_ISNOT] = "is not",
  };
  if ((unsigned)op < sizeof text / sizeof text[0])
    return text[op];
  return "?";
}

/* ---- ast_dump: an S-expression, one construct per form ---- */

static void dump(FILE *out, const Node *n);

/* The nodes of a list, each preceded by a space. */
static void dump_each(FILE *out, const Node *list) {
  for (; list; list = list->next) {
    fputc(' ', out);
    dump(out, list);
  }
}

/* A statement list: [s1 s2 ...] */
static void dump_block(FILE *out, const Node *list) {
  fputc('[', out);
  for (const Node *s = list; s; s = s->next) {
    dump(out, s);
    if (s->next)
      fputc(' ', out);
  }
  fputc(']', out);
}

static void dump_str(FILE *out, const char *s, size_t n) {
  fputc('"', out);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      fprintf(out, "\\%c", c);
    else if (c == '\n')
      fputs("\\n", out);
    else if (c == '\t')
      fputs("\\t", out);
    else if (c < 0x20 || c == 0x7F)
      fprintf(out, "\\x%02x", c);
    else
      fputc(c, out);
  }
  fputc('"', out);
}

/* The shortest %g form that reads back as the same double. */
static void dump_float(FILE *out, double v) {
  char buf[40];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (strtod(buf, NULL) == v)
      break;
  }
  fputs(buf, out);
  if (!strpbrk(buf, ".eEn"))
    fputs(".0", out);
}

/* A list of parameters: a `*` before the first keyword-only one, where the source had it. */
static void dump_params(FILE *out, const Node *params) {
  bool starred = false;
  for (const Node *n = params; n; n = n->next) {
    if (n->flags & PARAM_STARARGS) starred = true;
    if (n->flags & PARAM_KWONLY && !starred) fputs(" *", out);
    starred |= (n->flags & PARAM_KWONLY) != 0;
    fputc(' ', out);
    dump(out, n);
  }
}

static void dump_param(FILE *out, const Node *n) {
  const char *star = n->flags & PARAM_STARARGS ? "*" : n->flags & PARAM_KWARGS ? "**" : "";
  if (n->flags & PARAM_STAR) {
    fputc('*', out);
    return;
  }
  if (!n->ann && !n->rhs) {
    fprintf(out, "%s%s", star, n->name);
    return;
  }
  fprintf(out, "(%s%s ", star, n->name);
  dump(out, n->ann);
  fputc(' ', out);
  dump(out, n->rhs);
  fputc(')', out);
}

static void dump_alias(FILE *out, const Node *n) {
  if (n->alias)
    fprintf(out, "(as %s %s)", n->name, n->alias);
  else
    fputs(n->name, out);
}

/* (tag child...) for the nodes that are just a tag and children. */
static void form(FILE *out, const char *tag, const Node *a, const Node *b, const Node *c) {
  fprintf(out, "(%s", tag);
  const Node *kids[] = {a, b, c};
  for (int i = 0; i < 3 && kids[i]; i++) {
    fputc(' ', out);
    dump(out, kids[i]);
  }
  fputc(')', out);
}

static void dump_stmt(FILE *out, const Node *n) {
  switch (n->kind) {
  case ST_EXPR: form(out, "expr", n->lhs, NULL, NULL); return;
  case ST_ASSIGN:
    fputs("(=", out);
    dump_each(out, n->lhs);
    fputc(' ', out);
    dump(out, n->rhs);
    fputc(')', out);
    return;
  case ST_ANNASSIGN: form(out, "ann", n->lhs, n->ann, n->rhs); return;
  case ST_TYPEALIAS: form(out, "ann", n->lhs, n->ann, n->rhs); return;  /* as CPython: an AnnAssign */
  case ST_AUGASSIGN:
    fprintf(out, "(%s=", ast_op_text(n->op));
    dump_each(out, n->lhs);
    fputc(' ', out);
    dump(out, n->rhs);
    fputc(')', out);
    return;
  case ST_IF: case ST_WHILE:
    fprintf(out, "(%s ", n->kind == ST_IF ? "if" : "while");
    dump(out, n->cond);
    break;
  case ST_FOR:
    fputs("(for ", out);
    dump(out, n->lhs);
    fputc(' ', out);
    dump(out, n->rhs);
    break;
  case ST_BREAK: fputs("(break)", out); return;
  case ST_CONTINUE: fputs("(continue)", out); return;
  case ST_PASS: fputs("(pass)", out); return;
  case ST_RETURN: form(out, "return", n->rhs, NULL, NULL); return;
  case ST_YIELD: form(out, n->flags & YIELD_FROM ? "yield-from" : "yield", n->rhs, NULL, NULL); return;
  case ST_ASSERT: form(out, "assert", n->cond, n->rhs, NULL); return;
  case ST_GLOBAL: fputs("(global", out); dump_each(out, n->names); fputc(')', out); return;
  case ST_NONLOCAL: fputs("(nonlocal", out); dump_each(out, n->names); fputc(')', out); return;
  case ST_DEL: fputs("(del", out); dump_each(out, n->targets); fputc(')', out); return;
  case ST_IMPORT: case ST_FROMIMPORT:
    fputs(n->kind == ST_IMPORT ? "(import" : "(from ", out);
    if (n->kind == ST_FROMIMPORT)
      fputs(n->name, out);
    dump_each(out, n->names);
    fputc(')', out);
    return;
  case ST_FUNCDEF: case ST_EXTERNDEF:
    fprintf(out, "(%s %s (params", n->kind == ST_FUNCDEF ? "def" : "extern-def", n->name);
    dump_params(out, n->params);
    fputs(") ", out);
    dump(out, n->ann);
    if (n->kind == ST_EXTERNDEF) {
      fputc(' ', out);
      dump_str(out, n->cname, strlen(n->cname));
      fputc(')', out);
      return;
    }
    fputc(' ', out);
    dump_block(out, n->body);
    fputc(')', out);
    return;
  case ST_EXTERNVAR:
    fprintf(out, "(extern %s ", n->name);
    dump(out, n->ann);
    fputc(' ', out);
    dump_str(out, n->cname, strlen(n->cname));
    fputc(')', out);
    return;
  case ST_EXTERNLINK:
    fprintf(out, "(extern-link ");
    dump_str(out, n->name, strlen(n->name));
    fputc(')', out);
    return;
  case ST_CLASSDEF:
    fprintf(out, "(class %s (bases", n->name);
    dump_each(out, n->bases);
    fputs(") ", out);
    dump_block(out, n->body);
    fputc(')', out);
    return;
  case ST_WITH:
    fputs("(with", out);
    dump_each(out, n->items);
    break;
  case ST_RAISE: form(out, "raise", n->lhs, n->rhs, NULL); return;
  case ST_TRY:
    fputs("(try ", out);
    dump_block(out, n->body);
    dump_each(out, n->handlers);
    fputs(" (else ", out);
    dump_block(out, n->orelse);
    fputs(") (finally ", out);
    dump_block(out, n->finalbody);
    fputs("))", out);
    return;
  default: return;
  }
  /* The compound statements end with their body and else-part. */
  fputc(' ', out);
  dump_block(out, n->body);
  if (n->orelse) {
    fputc(' ', out);
    dump_block(out, n->orelse);
  }
  fputc(')', out);
}

static void dump_expr(FILE *out, const Node *n) {
  switch (n->kind) {
  case EX_INT: fprintf(out, "%lld", (long long)n->ival); return;
  case EX_FLOAT: dump_float(out, n->fval); return;
  case EX_STR: dump_str(out, n->str, n->slen); return;
  case EX_FSTRING: fputs("(f", out); dump_each(out, n->parts); fputc(')', out); return;
  case EX_TRUE: fputs("True", out); return;
  case EX_FALSE: fputs("False", out); return;
  case EX_NONE: fputs("None", out); return;
  case EX_ELLIPSIS: fputs("...", out); return;
  case EX_NAME: fputs(n->name, out); return;
  case EX_ATTR: fputs("(. ", out); dump(out, n->lhs); fprintf(out, " %s)", n->name); return;
  case EX_CALL: fputs("(call ", out); dump(out, n->lhs); dump_each(out, n->args); fputc(')', out); return;
  case EX_INDEX: form(out, "index", n->lhs, n->rhs, NULL); return;
  case EX_SLICE:
    fputs("(slice ", out);
    dump(out, n->lo);
    fputc(' ', out);
    dump(out, n->hi);
    fputc(' ', out);
    dump(out, n->step);
    fputc(')', out);
    return;
  case EX_BINOP: case EX_BOOLOP: form(out, ast_op_text(n->op), n->lhs, n->rhs, NULL); return;
  case EX_UNARY: form(out, ast_op_text(n->op), n->lhs, NULL, NULL); return;
  case EX_COMPARE:
    fputs("(cmp ", out);
    dump(out, n->lhs);
    for (const Node *c = n->cmps; c; c = c->next) {
      fprintf(out, " %s ", ast_op_text(c->op));
      dump(out, c->rhs);
    }
    fputc(')', out);
    return;
  case EX_IFEXP: form(out, "ifexp", n->cond, n->lhs, n->rhs); return;
  case EX_NAMEDEXPR: form(out, ":=", n->lhs, n->rhs, NULL); return;
  case EX_LIST: fputs("(list", out); dump_each(out, n->elts); fputc(')', out); return;
  case EX_TUPLE: fputs("(tuple", out); dump_each(out, n->elts); fputc(')', out); return;
  case EX_DICT: fputs("(dict", out); dump_each(out, n->elts); fputc(')', out); return;
  case EX_LISTCOMP: fputs("(listcomp ", out); dump(out, n->lhs); dump_each(out, n->comps); fputc(')', out); return;
  case EX_SET: fputs("(set", out); dump_each(out, n->elts); fputc(')', out); return;
  case EX_SETCOMP: fputs("(setcomp ", out); dump(out, n->lhs); dump_each(out, n->comps); fputc(')', out); return;
  case EX_GENEXP: fputs("(genexp ", out); dump(out, n->lhs); dump_each(out, n->comps); fputc(')', out); return;
  case EX_DICTCOMP:
    fputs("(dictcomp ", out);
    dump(out, n->lhs);
    fputc(' ', out);
    dump(out, n->rhs);
    dump_each(out, n->comps);
    fputc(')', out);
    return;
  case EX_STARRED: form(out, "*", n->lhs, NULL, NULL); return;
  case EX_LAMBDA:
    fputs("(lambda (params", out);
    dump_params(out, n->params);
    fputs(") ", out);
    dump(out, n->lhs);
    fputc(')', out);
    return;
  default: return;
  }
}

static void dump(FILE *out, const Node *n) {
  if (!n) {
    fputc('_', out);
    return;
  }
  if (n->kind < EX_INT) {
    dump_stmt(out, n);
    return;
  }
  if (n->kind < ND_PARAM) {
    dump_expr(out, n);
    return;
  }
  switch (n->kind) {
  case ND_PARAM: dump_param(out, n); return;
  case ND_KEYWORD: fprintf(out, "(kw %s ", n->name); dump(out, n->rhs); fputc(')', out); return;
  case ND_ALIAS: dump_alias(out, n); return;
  case ND_WITHITEM: form(out, "item", n->lhs, n->rhs, NULL); return;
  case ND_EXCEPT:
    fputs("(except ", out);
    dump(out, n->lhs);
    fputc(' ', out);
    dump(out, n->rhs);
    fputc(' ', out);
    dump_block(out, n->body);
    fputc(')', out);
    return;
  case ND_CMP: fprintf(out, "(%s ", ast_op_text(n->op)); dump(out, n->rhs); fputc(')', out); return;
  case ND_PAIR: form(out, ":", n->lhs, n->rhs, NULL); return;
  case ND_COMP:
    fputs("(for ", out);
    dump(out, n->lhs);
    fputc(' ', out);
    dump(out, n->rhs);
    for (const Node *c = n->conds; c; c = c->next) {
      fputs(" (if ", out);
      dump(out, c);
      fputc(')', out);
    }
    fputc(')', out);
    return;
  case ND_FMTVALUE:
    fputs("(fmt ", out);
    dump(out, n->lhs);
    if (n->conv)
      fprintf(out, " !%c", n->conv);
    if (n->spec) {
      fputc(' ', out);
      dump(out, n->spec);
    }
    fputc(')', out);
    return;
  case ND_BLOCK: dump_block(out, n->body); return;
  case ND_MODULE: fputs("(module", out); dump_each(out, n->body); fputc(')', out); return;
  default: fputs("?", out); return;
  }
}

void ast_dump(FILE *out, const Node *n) {
  dump(out, n);
}

/* ---- assignment expressions -------------------------------------------- */

static void named_in(const Node *e, bool siblings, void (*fn)(Node *, Node *, void *), void *ctx) {
  for (; e; e = siblings ? e->next : NULL) {
    if (e->kind == EX_LAMBDA) continue;
    if (e->kind == EX_NAMEDEXPR) fn(e->lhs, e->rhs, ctx);
    const Node *one[] = {e->lhs, e->rhs, e->cond, e->lo, e->hi, e->step, e->spec};
    const Node *lists[] = {e->args, e->elts, e->cmps, e->comps, e->conds, e->parts, e->items, e->targets};
    for (size_t i = 0; i < sizeof one / sizeof *one; i++) named_in(one[i], false, fn, ctx);
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) named_in(lists[i], true, fn, ctx);
  }
}

void ast_named_targets(const Node *st, void (*fn)(Node *target, Node *value, void *ctx), void *ctx) {
  if (st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF || st->kind == ST_EXTERNDEF) return;
  named_in(st->lhs, st->kind == ST_ASSIGN, fn, ctx);  /* an assignment's targets are a list */
  named_in(st->rhs, false, fn, ctx);
  named_in(st->cond, false, fn, ctx);
  named_in(st->items, true, fn, ctx);
  named_in(st->targets, true, fn, ctx);
}

/* parse.c - the parser driver and the node builders.
 *
 * parse_module runs the pipeline lexer -> layout -> Lemon parser
 * (grammar/gtp.y). Each grammar rule calls one builder below, which makes
 * the node, works out its span and checks what the grammar cannot say
 * (assignment targets, parameter order). String literals are decoded here,
 * and an f-string's fields are parsed by a nested parser over the same
 * file, so positions in them are true file offsets.
 */
#include "parse.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

/* What Lemon generates (gtp.c). */
void *gtpAlloc(void *(*malloc_fn)(size_t), Parser *p);
void gtp(void *parser, int kind, Token t);
void gtpFree(void *parser, void (*free_fn)(void *));

/* ---- Source files ---- */

SrcFile *src_from_string(Arena *a, const char *path, const char *text) {
  return src_from_buffer(a, path, text, strlen(text));
}

SrcFile *src_from_buffer(Arena *a, const char *path, const char *text, size_t len) {
  SrcFile *f = arena_alloc(a, sizeof *f);
  f->path = arena_strdup(a, path);
  f->len = len;
  f->text = arena_strndup(a, text, len);
  return f;
}

SrcFile *src_load(Arena *a, Diag *d, const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    diag_plain(d, "cannot read %s: %s", path, strerror(errno));
    return NULL;
  }
  /* Read in chunks: works for pipes too, and needs no file size. */
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len, fp)) > 0) {
    len += n;
    if (len == cap) {
      char *bigger = cap < UINT32_MAX ? realloc(buf, cap * 2) : NULL;
      if (!bigger)
        free(buf);
      buf = bigger;
      cap *= 2;
    }
  }
  int failed = ferror(fp);
  fclose(fp);
  if (!buf || failed || len >= UINT32_MAX) {
    diag_plain(d, "cannot read %s: %s", path, !buf || len >= UINT32_MAX ? "file too large" : "read error");
    free(buf);
    return NULL;
  }
  SrcFile *f = arena_alloc(a, sizeof *f);
  f->path = arena_strdup(a, path);
  f->text = arena_strndup(a, buf, len);
  f->len = len;
  free(buf);
  return f;
}

/* ---- Errors ---- */

void parse_error(Parser *p, uint32_t pos, uint32_t len, const char *fmt, ...) {
  if (p->failed)
    return;
  p->failed = true;
  va_list ap;
  va_start(ap, fmt);
  const char *msg = arena_vprintf(p->arena, fmt, ap);
  va_end(ap);
  diag_error(p->diag, p->file, pos, len, "%s", msg);
}

static void error_at(Parser *p, const Node *n, const char *msg) {
  parse_error(p, n->pos, n->len, "%s", msg);
}

/* How a message names the token `t`: "name 'x'", "')'", "NEWLINE". */
static const char *describe(Parser *p, Token t, char *buf, size_t size) {
  const char *text = p->file->text + t.pos;
  int n = t.len > 40 ? 40 : (int)t.len;
  const char *more = t.len > 40 ? "..." : "";
  switch (t.kind) {
  case TK_NAME: snprintf(buf, size, "name '%.*s%s'", n, text, more); break;
  case TK_INT: case TK_FLOAT: snprintf(buf, size, "number '%.*s%s'", n, text, more); break;
  case TK_STRING: snprintf(buf, size, "string %.*s%s", n, text, more); break;
  case TK_UNSUPPORTED: snprintf(buf, size, "'%.*s'", n, text); break;
  default: snprintf(buf, size, "%s", lex_kind_text(t.kind)); break;
  }
  return buf;
}

/* After a syntax error inside brackets, a bracket never closed is the
 * likelier cause (`print("a"` and more lines after it): if the innermost
 * open bracket stays open to the end of the file, report that instead. */
static bool report_unclosed(Parser *p) {
  Layout *ly = p->ly;
  int depth = ly ? ly->depth : 0;
  if (depth == 0)
    return false;
  Token open = ly->open[depth - 1];
  for (;;) {
    Token t = layout_next(ly);
    if (ly->depth < depth || t.kind == TK_EOF)
      return false;
    if (t.kind == TK_ERROR) {
      if (ly->unclosed)
        parse_error(p, open.pos, open.len, "'%.*s' was never closed", (int)open.len, p->file->text + open.pos);
      return ly->unclosed;
    }
  }
}

/* What an indented block follows, for "expected an indented block". */
static const char *block_owner(int kind) {
  switch (kind) {
  case TK_IF: return "'if' statement";
  case TK_ELIF: return "'elif' statement";
  case TK_ELSE: return "'else' statement";
  case TK_WHILE: return "'while' statement";
  case TK_FOR: return "'for' statement";
  case TK_WITH: return "'with' statement";
  case TK_TRY: return "'try' statement";
  case TK_EXCEPT: return "'except' statement";
  case TK_FINALLY: return "'finally' statement";
  case TK_DEF: return "function definition";
  case TK_CLASS: return "class definition";
  }
  return NULL;
}

/* What a ':' follows, for "expected ':' after ...". */
static const char *colon_owner(int kind) {
  switch (kind) {
  case TK_IF: return "'if' condition";
  case TK_ELIF: return "'elif' condition";
  case TK_ELSE: return "'else'";
  case TK_WHILE: return "'while' condition";
  case TK_FOR: return "'for' clause";
  case TK_WITH: return "'with' item";
  case TK_TRY: return "'try'";
  case TK_EXCEPT: return "'except' clause";
  case TK_FINALLY: return "'finally'";
  case TK_DEF: return "function signature";
  case TK_CLASS: return "class name";
  case TK_LAMBDA: return "lambda parameters";
  }
  return NULL;
}

/* Tokens that end or separate a construct: worth naming when expected.
 * `in` continues any comparison, so it is named only after `for`, and
 * `=` only in a def, where it can only be an extern's. */
static bool is_closer(int kind, int opener) {
  switch (kind) {
  case TK_RPAREN: case TK_RBRACKET: case TK_RBRACE: case TK_COLON: case TK_COMMA:
  case TK_ELSE: case TK_IMPORT:
    return true;
  case TK_IN:
    return opener == TK_FOR;
  case TK_ASSIGN:
    return opener == TK_DEF;  /* extern def ... = "c_name" */
  }
  return false;
}

/* "',', ')' or ':'": the closers among the expected tokens, or "" when
 * there are none or too many to be a useful hint. */
static const char *closer_list(const bool *expected, int nkinds, int opener, char *buf, size_t size) {
  int count = 0;
  for (int k = 1; k < nkinds; k++)
    count += expected[k] && is_closer(k, opener);
  buf[0] = '\0';
  if (count > 4)
    return buf;
  for (int k = 1, i = 0; k < nkinds; k++) {
    if (!expected[k] || !is_closer(k, opener))
      continue;
    i++;
    size_t used = strlen(buf);
    snprintf(buf + used, size - used, "%s%s", i == 1 ? "" : i == count ? " or " : ", ", lex_kind_text(k));
  }
  return buf;
}

/* Lemon's %syntax_error: a message from what was found, what the parser
 * would have taken there, and the statement being parsed. */
void parse_syntax_error(Parser *p, Token found, const bool *expected, int nkinds, Token opener) {
  if (p->failed || report_unclosed(p))
    return;
  char what[96], closers[160], msg[300];
  describe(p, found, what, sizeof what);
  closer_list(expected, nkinds, opener.kind, closers, sizeof closers);
  int line, col;
  diag_linecol(p->file, opener.pos, &line, &col);
  const char *text = p->file->text + found.pos;
  const char *block = block_owner(opener.kind), *colon = colon_owner(opener.kind);

  if (found.kind == TK_INDENT)
    snprintf(msg, sizeof msg, "unexpected indent");
  else if (found.kind == TK_UNSUPPORTED)
    snprintf(msg, sizeof msg, "'%.*s' is not supported", (int)found.len, text);
  else if (found.kind == TK_YIELD)
    snprintf(msg, sizeof msg, "'yield' is a statement here ('yield x', 'yield from xs'), not a value");
  else if (found.kind == TK_COLONEQ)
    snprintf(msg, sizeof msg, "an assignment expression here stands in parentheses: (name := value)");
  else if (expected[TK_INDENT] && block)
    snprintf(msg, sizeof msg, "expected an indented block after %s on line %d", block, line);
  else if (p->prev.kind == TK_FROM && (found.kind == TK_DOT || found.kind == TK_ELLIPSIS))
    snprintf(msg, sizeof msg, "relative imports are not supported");
  else if (expected[TK_DEF] && expected[TK_CLASS] && !expected[TK_NAME])  /* after `@name` */
    snprintf(msg, sizeof msg, "a decorator stands above a def or a class, not %s", what);
  else if (expected[TK_PASS] || (expected[TK_NEWLINE] && !expected[TK_NAME]))
    snprintf(msg, sizeof msg, "unexpected %s", what);
  else if (expected[TK_COLON] && colon && found.kind != TK_COMMA)
    snprintf(msg, sizeof msg, "expected ':' after %s, found %s", colon, what);
  else if (expected[TK_NAME] && expected[TK_INT])
    snprintf(msg, sizeof msg, "expected an expression, found %s", what);
  else if (expected[TK_NAME])
    snprintf(msg, sizeof msg, "expected a name, found %s", what);
  else if (closers[0])
    snprintf(msg, sizeof msg, "expected %s, found %s", closers, what);
  else
    snprintf(msg, sizeof msg, "unexpected %s", what);
  parse_error(p, found.pos, found.len, "%s", msg);
}

/* ---- Nodes and lists ---- */

static Node *new_node(Parser *p, NodeKind kind, uint32_t pos, uint32_t len) {
  return ast_new(p->arena, kind, p->file, pos, len);
}

static Node *at_token(Parser *p, NodeKind kind, Token t) {
  return new_node(p, kind, t.pos, t.len);
}

static uint32_t end_of(const Node *n) {
  return n->pos + n->len;
}

/* Widens n's span to end at `end`. */
static void extend(Node *n, uint32_t end) {
  if (end > n->pos + n->len)
    n->len = end - n->pos;
}

/* Records that `child` hangs below `n`; too deep a tree is an error. */
static void nest(Parser *p, Node *n, const Node *child) {
  if (!child || child->depth < n->depth)
    return;
  n->depth = child->depth + 1;
  if (n->depth > PARSE_MAX_DEPTH)
    parse_error(p, n->pos, n->len, "expression nested too deeply (more than %d levels)", PARSE_MAX_DEPTH);
}

static char *token_text(Parser *p, Token t) {
  return arena_strndup(p->arena, p->file->text + t.pos, t.len);
}

NodeList parse_list0(void) {
  NodeList l = {NULL, NULL};
  return l;
}

NodeList parse_list1(Node *n) {
  NodeList l = {n, n};
  return l;
}

NodeList parse_list_add(NodeList l, Node *n) {
  if (!l.head)
    return parse_list1(n);
  l.tail->next = n;
  l.tail = n;
  return l;
}

NodeList parse_list_cat(NodeList a, NodeList b) {
  if (!a.head)
    return b;
  if (b.head) {
    a.tail->next = b.head;
    a.tail = b.tail;
  }
  return a;
}

OpTok parse_optok(Op op, Token first, Token last) {
  OpTok o = {op, first.pos, last.pos + last.len - first.pos};
  return o;
}

/* ---- Targets and parameters: what the grammar lets through ---- */

static const char *expr_desc(const Node *n) {
  switch (n->kind) {
  case EX_CALL: return "function call";
  case EX_INT: case EX_FLOAT: case EX_STR: case EX_FSTRING: return "literal";
  case EX_TRUE: return "True";
  case EX_FALSE: return "False";
  case EX_NONE: return "None";
  case EX_ELLIPSIS: return "ellipsis";
  case EX_COMPARE: return "comparison";
  case EX_BOOLOP: case EX_BINOP: case EX_UNARY: return "expression";
  case EX_IFEXP: return "conditional expression";
  case EX_NAMEDEXPR: return "assignment expression";
  case EX_LAMBDA: return "lambda";
  case EX_DICT: return "dict literal";
  case EX_LISTCOMP: return "list comprehension";
  case EX_DICTCOMP: return "dict comprehension";
  case EX_SET: return "set display";
  case EX_SETCOMP: return "set comprehension";
  case EX_GENEXP: return "generator expression";
  case EX_STARRED: return "starred";
  case EX_TUPLE: return "tuple";
  case EX_LIST: return "list";
  default: return "expression";
  }
}

/* target: NAME | primary '.' NAME | primary '[' ... ']' | '(' targets ')' | '[' targets ']'
 * (a tuple's or list's item may be starred: '*' target) */
static void check_target(Parser *p, const Node *t, const char *verb) {
  switch (t->kind) {
  case EX_NAME: case EX_ATTR: case EX_INDEX:
    return;
  case EX_TUPLE: case EX_LIST:
    for (const Node *e = t->elts; e; e = e->next)
      check_target(p, e->kind == EX_STARRED ? e->lhs : e, verb);  /* first, *rest = xs */
    return;
  case EX_STARRED:
    parse_error(p, t->pos, t->len, "starred assignment target must be in a list or tuple");
    return;
  default:
    parse_error(p, t->pos, t->len, "cannot %s %s", verb, expr_desc(t));
  }
}

/* A single target: a name, attribute or subscript. */
static bool single_target(const Node *t) {
  return t->kind == EX_NAME || t->kind == EX_ATTR || t->kind == EX_INDEX;
}

/* Parameters: no duplicates, no default-less parameter after a default
 * one before the `*`, and something named after a bare `*`. */
static void check_params(Parser *p, const Node *params) {
  bool seen_default = false, keyword_only = false;
  for (const Node *a = params; a; a = a->next) {
    if (a->flags & PARAM_STAR) {
      if (!a->next || (a->next->flags & PARAM_KWARGS)) {
        error_at(p, a, "named arguments must follow bare *");
        return;
      }
    }
    if (a->flags & (PARAM_STAR | PARAM_STARARGS))
      keyword_only = true;
    else if (a->rhs)
      seen_default = true;
    else if (seen_default && !keyword_only && !(a->flags & PARAM_KWARGS)) {
      error_at(p, a, "non-default argument follows default argument");
      return;
    }
    if (a->flags & PARAM_STAR)
      continue;
    for (const Node *b = params; b != a; b = b->next)
      if (!(b->flags & PARAM_STAR) && strcmp(a->name, b->name) == 0) {
        parse_error(p, a->pos, a->len, "duplicate argument '%s' in function definition", a->name);
        return;
      }
  }
}

/* The parameters without a bare `*`, those after it or after `*args`
 * marked keyword-only (PARAM_KWONLY), so that every pass walks a def's
 * parameters as its function's, one for one. */
static Node *keyword_only(Node *params) {
  Node *head = params, **link = &head;
  bool after = false;
  for (Node *a = params; a; a = a->next) {
    if (a->flags & PARAM_STAR) {
      *link = a->next;
      after = true;
      continue;
    }
    if (after && !(a->flags & PARAM_KWARGS)) a->flags |= PARAM_KWONLY;
    after |= (a->flags & PARAM_STARARGS) != 0;  /* def f(*args, key=None): key too */
    link = &a->next;
  }
  return head;
}

/* Arguments: positional ones before keywords; no keyword twice. */
static void check_args(Parser *p, const Node *args) {
  bool seen_keyword = false;
  for (const Node *a = args; a; a = a->next) {
    if (a->kind != ND_KEYWORD) {
      if (seen_keyword && a->kind != EX_STARRED) {
        error_at(p, a, "positional argument follows keyword argument");
        return;
      }
      continue;
    }
    seen_keyword = true;
    for (const Node *b = args; b != a; b = b->next)
      if (b->kind == ND_KEYWORD && strcmp(a->name, b->name) == 0) {
        parse_error(p, a->pos, a->len, "keyword argument repeated: %s", a->name);
        return;
      }
  }
}

/* ---- Statements ---- */

Node *parse_module_node(Parser *p, NodeList body) {
  Node *n = new_node(p, ND_MODULE, 0, 0);
  n->body = body.head;
  return n;
}

Node *parse_simple(Parser *p, NodeKind kind, Token kw) {
  return at_token(p, kind, kw);
}

Node *parse_expr_stmt(Parser *p, Node *e) {
  Node *n = new_node(p, ST_EXPR, e->pos, e->len);
  n->lhs = e;
  return n;
}

NodeList parse_assign_chain(Parser *p, NodeList chain, Node *value) {
  (void)p;
  return parse_list_add(chain, value);
}

/* assignment: the chain's last element is the value, the rest targets. */
Node *parse_assign(Parser *p, NodeList chain) {
  Node *value = chain.tail, *last = chain.head;
  while (last->next != value)
    last = last->next;
  last->next = NULL;
  Node *n = new_node(p, ST_ASSIGN, chain.head->pos, 0);
  extend(n, end_of(value));
  n->lhs = chain.head;
  n->rhs = value;
  for (Node *t = n->lhs; t; t = t->next)
    check_target(p, t, "assign to");
  return n;
}

Node *parse_augassign(Parser *p, Node *target, OpTok op, Node *value) {
  Node *n = new_node(p, ST_AUGASSIGN, target->pos, 0);
  extend(n, end_of(value));
  n->op = op.op;
  n->lhs = target;
  n->rhs = value;
  if (!single_target(target))
    parse_error(p, target->pos, target->len, "illegal target for augmented assignment: %s",
                expr_desc(target));
  return n;
}

Node *parse_annassign(Parser *p, Node *target, Node *ann, Node *value) {
  Node *n = new_node(p, ST_ANNASSIGN, target->pos, 0);
  extend(n, end_of(value ? value : ann));
  n->lhs = target;
  n->ann = ann;
  n->rhs = value;
  /* Vector: TypeAlias = list[float] (PEP 613) declares a name for a type. */
  bool alias = (ann->kind == EX_NAME || ann->kind == EX_ATTR) && strcmp(ann->name, "TypeAlias") == 0;
  if (alias && target->kind == EX_NAME && value) n->kind = ST_TYPEALIAS;
  else if (alias) error_at(p, n, "a type alias is 'Name: TypeAlias = type'");
  if (target->kind == EX_TUPLE)
    error_at(p, target, "only single target (not tuple) can be annotated");
  else if (!single_target(target))
    parse_error(p, target->pos, target->len, "illegal target for annotation: %s", expr_desc(target));
  return n;
}

Node *parse_return(Parser *p, Token kw, Node *value) {
  Node *n = at_token(p, ST_RETURN, kw);
  if (value)
    extend(n, end_of(value));
  n->rhs = value;
  return n;
}

/* yield [value] / yield from iterable (flags YIELD_FROM) */
Node *parse_yield(Parser *p, Token kw, Node *value, bool from) {
  Node *n = parse_return(p, kw, value);
  n->kind = ST_YIELD;
  n->flags = from ? YIELD_FROM : 0;
  return n;
}

Node *parse_del(Parser *p, Token kw, NodeList targets) {
  Node *n = at_token(p, ST_DEL, kw);
  extend(n, end_of(targets.tail));
  n->targets = targets.head;
  for (Node *t = targets.head; t; t = t->next)
    check_target(p, t, "delete");
  return n;
}

Node *parse_global(Parser *p, Token kw, NodeList names) {
  Node *n = at_token(p, ST_GLOBAL, kw);
  extend(n, end_of(names.tail));
  n->names = names.head;
  return n;
}

Node *parse_nonlocal(Parser *p, Token kw, NodeList names) {
  Node *n = parse_global(p, kw, names);
  n->kind = ST_NONLOCAL;
  return n;
}

/* A dotted name's text, from its span: the parts without the blanks and
 * line continuations that may sit around the dots. Built once, at the end,
 * so that a long name costs linear time. */
static void finish_dotted(Parser *p, Node *d) {
  if (d->name)
    return;
  char *s = arena_alloc(p->arena, d->len + 1), *o = s;
  for (const char *c = p->file->text + d->pos, *e = c + d->len; c < e; c++)
    if (!strchr(" \t\f\r\n\\", *c))
      *o++ = *c;
  *o = '\0';
  d->name = s;
}

Node *parse_dotted(Parser *p, Node *prefix, Token name) {
  if (!prefix) {
    Node *n = at_token(p, ND_ALIAS, name);
    n->name = token_text(p, name);
    return n;
  }
  prefix->name = NULL;
  extend(prefix, name.pos + name.len);
  return prefix;
}

Node *parse_alias(Parser *p, Node *alias, Token as) {
  finish_dotted(p, alias);
  alias->alias = token_text(p, as);
  return alias;
}

Node *parse_import(Parser *p, Token kw, NodeList aliases) {
  Node *n = at_token(p, ST_IMPORT, kw);
  extend(n, end_of(aliases.tail));
  n->names = aliases.head;
  for (Node *a = aliases.head; a; a = a->next)
    finish_dotted(p, a);
  return n;
}

Node *parse_fromimport(Parser *p, Token kw, Node *module, NodeList aliases) {
  Node *n = at_token(p, ST_FROMIMPORT, kw);
  extend(n, end_of(aliases.tail));
  finish_dotted(p, module);
  n->name = module->name;
  n->names = aliases.head;
  return n;
}

Node *parse_assert(Parser *p, Token kw, Node *cond, Node *msg) {
  Node *n = at_token(p, ST_ASSERT, kw);
  extend(n, end_of(msg ? msg : cond));
  n->cond = cond;
  n->rhs = msg;
  return n;
}

/* if/elif: the chain's tail is the innermost if; an elif is its else. */
NodeList parse_if(Parser *p, NodeList chain, Token kw, Node *cond, NodeList body) {
  Node *n = at_token(p, ST_IF, kw);
  n->cond = cond;
  n->body = body.head;
  if (!chain.head)
    return parse_list1(n);
  n->depth = chain.tail->depth + 1;  /* the elifs before this one */
  if (n->depth > PARSE_MAX_ELIFS)
    parse_error(p, n->pos, n->len, "too deeply nested: more than %d elif branches in one if statement", PARSE_MAX_ELIFS);
  chain.tail->orelse = n;
  chain.tail = n;
  return chain;
}

Node *parse_else(Parser *p, NodeList chain, NodeList orelse) {
  (void)p;
  chain.tail->orelse = orelse.head;
  return chain.head;
}

/* ---- match (PEP 634) ------------------------------------------------------
 * A match statement is the if statement that tests its cases in turn
 * against the subject S: `case 1 | 2:` is `if S == 1 or S == 2:`, `case
 * None:` `S is None`, `case Color.RED:` `S == Color.RED`, `case Point():`
 * `isinstance(S, Point)`, `case Point(x=0, y=y):` that and `S.x == 0`,
 * binding `y = S.y`; `case [a, *rest]:` (or a tuple) `isinstance(S, (list,
 * tuple)) and len(S) >= 1`, binding `a = S[0]` and `rest = list(S[1:])`;
 * `case {"k": v}:` `isinstance(S, dict) and "k" in S`, binding `v =
 * S["k"]`; `case P as name:` binds `name = S` too. Sub-patterns test and
 * bind paths into S the same way. A guard is `and`-ed on; a case that
 * tests S's kind, or binds names its guard reads, nests its body in its
 * tests (case_nested). S is the subject itself where it is a name, else
 * the local `_match_subject_<line>` assigned first (the match's line: its
 * type is the subject's). */

/* A case until parse_match reads it: an ST_IF of the pattern in lhs, its
 * `as` name in rhs (or NULL), the guard in cond (or NULL) and the body. */
Node *parse_case(Parser *p, Token kw, Node *pattern, Node *as, Node *guard, NodeList body) {
  Node *n = at_token(p, ST_IF, kw);
  extend(n, end_of(pattern));
  n->lhs = pattern;
  n->rhs = as;
  n->cond = guard;
  n->body = body.head;
  return n;
}

static Node *binary(Parser *p, NodeKind kind, Op op, Node *a, Node *b);

static bool is_plain_path(const Node *x) {
  while (x->kind == EX_ATTR)
    x = x->lhs;
  return x->kind == EX_NAME;
}

/* What a pattern asks of its subject: the isinstance test of the whole
 * pattern's kind (a sequence's, a mapping's, a class's; NULL: none), the
 * other tests, and-ed (NULL: none), and the names it binds, assignments to
 * run once the tests passed. `nested` counts the sub-patterns entered. */
typedef struct Match {
  Node *isa;
  Node *test;
  NodeList binds;
  int nested;
} Match;

static void match_test(Parser *p, Match *m, Node *test) {
  m->test = m->test ? parse_boolop(p, OP_AND, m->test, test) : test;
}

/* The test that the subject is of the pattern's kind: the whole pattern's
 * stands alone, its if's own (a subject whose type rules it out leaves the
 * rest unchecked, as an if the types decide does); a sub-pattern's is one
 * test more. */
static void match_kind(Parser *p, Match *m, Node *isinstance) {
  if (m->nested == 0 && !m->isa && !m->test)
    m->isa = isinstance;
  else
    match_test(p, m, isinstance);
}

/* What sub-pattern pat asks of the path s, into m. */
static void pattern(Parser *p, const Node *s, Node *pat, Match *m);
static void sub_pattern(Parser *p, const Node *s, Node *pat, Match *m) {
  m->nested++;
  pattern(p, s, pat, m);
  m->nested--;
}

static void match_bind(Parser *p, Match *m, Node *name, Node *value) {
  Node *bind = new_node(p, ST_ASSIGN, name->pos, name->len);
  bind->lhs = name;
  bind->rhs = value;
  m->binds = parse_list_add(m->binds, bind);
}

static Node *int_at(Parser *p, const Node *at, int64_t v) {
  Node *n = new_node(p, EX_INT, at->pos, at->len);
  n->ival = v < 0 ? -v : v;
  return v < 0 ? parse_unary(p, OP_NEG, (Token){.pos = at->pos, .len = at->len}, n) : n;
}

/* fn(args...) at the pattern `at`. */
static Node *call_at(Parser *p, const Node *at, const char *fn, Node *arg, Node *arg2) {
  Node *n = new_node(p, EX_CALL, at->pos, at->len);
  n->lhs = ast_name(p->arena, at, fn);
  n->args = arg;
  arg->next = arg2;
  nest(p, n, arg);
  nest(p, n, arg2);
  return n;
}

/* a OP b */
static Node *cmp_at(Parser *p, Node *a, Op op, Node *b) {
  Node *cmp = new_node(p, ND_CMP, b->pos, b->len);
  cmp->op = op;
  cmp->rhs = b;
  nest(p, cmp, b);
  return parse_compare(p, a, parse_list1(cmp));
}

/* S[i], S[lo:hi] and S.name of a path S, each a new copy, standing at
 * the sub-pattern `at` (where an error there points). */
static Node *index_at(Parser *p, const Node *s, const Node *at, Node *index) {
  Node *n = binary(p, EX_INDEX, OP_NONE, ast_copy(p->arena, s), index);
  n->pos = at->pos;
  n->len = at->len;
  return n;
}

static Node *item_of(Parser *p, const Node *s, const Node *at, int64_t i) {
  return index_at(p, s, at, int_at(p, at, i));
}

static Node *slice_of(Parser *p, const Node *s, const Node *at, int64_t lo, int64_t hi) {
  Node *sl = new_node(p, EX_SLICE, at->pos, at->len);
  sl->lo = int_at(p, at, lo);
  sl->hi = hi ? int_at(p, at, hi) : NULL;
  return index_at(p, s, at, sl);
}

static Node *attr_of(Parser *p, const Node *s, const Node *at, const char *name) {
  Node *n = new_node(p, EX_ATTR, at->pos, at->len);
  n->lhs = ast_copy(p->arena, s);
  n->name = (char *)name;
  nest(p, n, n->lhs);
  return n;
}

/* [a, b, *rest] or (a, b): a list or tuple of the length, each item
 * matching (those after a star counted from the end). */
static void sequence_pattern(Parser *p, const Node *s, Node *pat, Match *m) {
  int n = 0, star = -1;
  for (Node *e = pat->elts; e; e = e->next, n++)
    if (e->kind == EX_STARRED) {
      if (star >= 0) {
        parse_error(p, e->pos, e->len, "multiple starred names in sequence pattern");
        return;
      }
      star = n;
    }
  Node *kinds = new_node(p, EX_TUPLE, pat->pos, pat->len);
  kinds->elts = ast_name(p->arena, pat, "list");
  kinds->elts->next = ast_name(p->arena, pat, "tuple");
  match_kind(p, m, call_at(p, pat, "isinstance", ast_copy(p->arena, s), kinds));
  Node *len = call_at(p, pat, "len", ast_copy(p->arena, s), NULL);
  match_test(p, m, cmp_at(p, len, star < 0 ? OP_EQ : OP_GE, int_at(p, pat, star < 0 ? n : n - 1)));
  int i = 0;
  for (Node *e = pat->elts, *next; e; e = next, i++) {
    next = e->next;
    e->next = NULL;
    if (i == star) {
      if (e->lhs->kind != EX_NAME) parse_error(p, e->pos, e->len, "a starred pattern takes a name");
      else if (strcmp(e->lhs->name, "_") != 0)
        match_bind(p, m, e->lhs, call_at(p, e, "list", slice_of(p, s, e, i, i + 1 - n), NULL));
      continue;
    }
    sub_pattern(p, item_of(p, s, e, star >= 0 && i > star ? i - n : i), e, m);
  }
}

/* {"key": P, ...}: a dict holding each key, its value matching P. */
static void mapping_pattern(Parser *p, const Node *s, Node *pat, Match *m) {
  match_kind(p, m, call_at(p, pat, "isinstance", ast_copy(p->arena, s), ast_name(p->arena, pat, "dict")));
  for (Node *e = pat->elts, *next; e; e = next) {
    next = e->next;
    e->next = NULL;
    if (e->kind != ND_PAIR) {
      parse_error(p, e->pos, e->len, "a mapping pattern's '**rest' is not supported yet");
      return;
    }
    Node *key = e->lhs;
    bool literal = key->kind == EX_STR || key->kind == EX_INT || (key->kind == EX_ATTR && is_plain_path(key));
    if (!literal) {
      parse_error(p, key->pos, key->len, "a mapping pattern's key is a literal or a dotted name");
      return;
    }
    match_test(p, m, cmp_at(p, ast_copy(p->arena, key), OP_IN, ast_copy(p->arena, s)));
    sub_pattern(p, index_at(p, s, e->rhs, ast_copy(p->arena, key)), e->rhs, m);
  }
}

/* A class PEP 634 lets match its own value by one positional pattern. */
static bool self_matching(const Node *cls) {
  static const char *const names[] = {"bool", "bytearray", "bytes", "dict", "float", "frozenset",
                                      "int", "list", "set", "str", "tuple"};
  for (size_t i = 0; cls->kind == EX_NAME && i < sizeof names / sizeof *names; i++)
    if (strcmp(cls->name, names[i]) == 0) return true;
  return false;
}

/* Point(x=P, ...) or int(P): an instance, each keyword's attribute matching
 * its pattern (int(P): the value itself). */
static void class_pattern(Parser *p, const Node *s, Node *pat, Match *m) {
  Node *cls = pat->lhs;
  match_kind(p, m, call_at(p, pat, "isinstance", ast_copy(p->arena, s), cls));
  int positional = 0;
  for (Node *a = pat->args, *next; a; a = next) {
    next = a->next;
    a->next = NULL;
    if (a->kind == ND_KEYWORD) {
      sub_pattern(p, attr_of(p, s, a, a->name), a->rhs, m);
    } else if (positional++ == 0 && self_matching(cls)) {
      sub_pattern(p, s, a, m);
    } else {
      parse_error(p, a->pos, a->len, "a class pattern's positional sub-pattern needs __match_args__, "
                  "which is not supported yet: name the attribute (Point(x=0, y=y))");
      return;
    }
  }
}

/* Adds what pat asks of the subject path s to m. */
static void pattern(Parser *p, const Node *s, Node *pat, Match *m) {
  switch (pat->kind) {
  case EX_NAME:
    if (strcmp(pat->name, "_") != 0)
      match_bind(p, m, pat, ast_copy(p->arena, s));
    return;
  case EX_INT: case EX_FLOAT: case EX_STR: case EX_UNARY: case EX_ATTR:
    if (pat->kind == EX_UNARY && (pat->op != OP_NEG || (pat->lhs->kind != EX_INT && pat->lhs->kind != EX_FLOAT)))
      break;
    if (pat->kind == EX_ATTR && !is_plain_path(pat))
      break;
    match_test(p, m, cmp_at(p, ast_copy(p->arena, s), OP_EQ, pat));
    return;
  case EX_NONE: case EX_TRUE: case EX_FALSE:
    match_test(p, m, cmp_at(p, ast_copy(p->arena, s), OP_IS, pat));
    return;
  case EX_LIST: case EX_TUPLE: sequence_pattern(p, s, pat, m); return;
  case EX_DICT: mapping_pattern(p, s, pat, m); return;
  case EX_CALL:
    if (!is_plain_path(pat->lhs))
      break;
    class_pattern(p, s, pat, m);
    return;
  case EX_BINOP: {
    if (pat->op != OP_BITOR)
      break;
    Match a = {NULL, NULL, parse_list0(), m->nested + 1}, b = {NULL, NULL, parse_list0(), m->nested + 1};
    pattern(p, s, pat->lhs, &a);
    pattern(p, s, pat->rhs, &b);
    if (!a.test || !b.test || a.binds.head || b.binds.head) {
      parse_error(p, pat->pos, pat->len, "an alternative of '|' binds no name and is no wildcard here");
      return;
    }
    match_test(p, m, parse_boolop(p, OP_OR, a.test, b.test));
    return;
  }
  default: break;
  }
  parse_error(p, pat->pos, pat->len, "this pattern is not supported: a case takes literals, dotted names, "
              "'|' of them, sequences, mappings, class patterns, '_' or a name");
}

static Node *if_at(Parser *p, const Node *at, Node *cond, Node *body, Node *orelse) {
  Node *n = new_node(p, ST_IF, at->pos, at->len);
  n->cond = cond;
  n->body = body;
  n->orelse = orelse;
  return n;
}

/* A statement a case makes stands at the case: its C is commented with
 * the case's line. */
static void at_case(Node *st, const Node *c) {
  st->pos = c->pos;
  st->len = c->len;
}

static Node *flag_set(Parser *p, const Node *at, const char *flag, NodeKind value) {
  Node *n = new_node(p, ST_ASSIGN, at->pos, at->len);
  n->lhs = ast_name(p->arena, at, flag);
  n->rhs = new_node(p, value, at->pos, at->len);
  return n;
}

/* Does the block end in a jump (return, raise, break, continue), on each
 * branch of a closing if? */
static bool ends_in_jump(const Node *body) {
  const Node *last = body;
  while (last && last->next)
    last = last->next;
  if (!last)
    return false;
  if (last->kind == ST_IF)
    return last->orelse && ends_in_jump(last->body) && ends_in_jump(last->orelse);
  return last->kind == ST_RETURN || last->kind == ST_RAISE || last->kind == ST_BREAK || last->kind == ST_CONTINUE;
}

/* A case whose pattern tests the subject's kind, or binds names that a
 * guard reads, nests its body in its tests (where an isinstance narrows;
 * where the subject's type rules the kind out, none of it is checked):
 *   flag = False
 *   if isinstance(S, kind): if tests: binds; if guard: flag = True; body
 *   if not flag: rest
 * `flag` is the match's own, `_match_case_<line>`. A body that ends in a
 * jump needs no flag: the rest follows, reached only where it did not run. */
static Node *case_nested(Parser *p, const Match *m, const char *flag, Node *c, Node *rest) {
  bool jumps = ends_in_jump(c->body);
  Node *set = jumps ? c->body : flag_set(p, c, flag, EX_TRUE);
  if (!jumps)
    set->next = c->body;
  Node *inner = c->cond ? if_at(p, c, c->cond, set, NULL) : set;
  if (m->binds.head) {
    m->binds.tail->next = inner;
    inner = m->binds.head;
  }
  if (m->test)
    inner = if_at(p, c, m->test, inner, NULL);
  if (m->isa)
    inner = if_at(p, c, m->isa, inner, NULL);
  if (jumps) {
    inner->next = rest;
    return inner;
  }
  if (rest) {
    Node *not = new_node(p, EX_UNARY, c->pos, c->len);
    not->op = OP_NOT;
    not->lhs = ast_name(p->arena, c, flag);
    inner->next = if_at(p, c, not, rest, NULL);
  }
  Node *start = flag_set(p, c, flag, EX_FALSE);
  start->next = inner;
  return start;
}

/* One case before the statements `rest` that test the cases after it:
 * the statements testing it first. */
static Node *case_before(Parser *p, const Node *s, const char *flag, Node *c, Node *rest) {
  Match m = {NULL, NULL, parse_list0(), 0};
  pattern(p, s, c->lhs, &m);
  if (c->rhs)
    match_bind(p, &m, c->rhs, ast_copy(p->arena, s));
  for (Node *b = m.binds.head; b; b = b->next)
    at_case(b, c);
  Node *guard = c->cond, *body = c->body;
  if (m.isa && !m.test && !m.binds.head) {  /* case Circle(): the isinstance is the test */
    m.test = m.isa;
    m.isa = NULL;
  }
  if (m.isa || (m.test && m.binds.head && guard))
    return case_nested(p, &m, flag, c, rest);
  if (m.test && m.binds.head) {  /* if tests: binds; body else: rest */
    m.binds.tail->next = body;
    return if_at(p, c, m.test, m.binds.head, rest);
  }
  /* binds (a capture, always matching), then if tests and guard: body else: rest */
  Node *cond = m.test && guard ? parse_boolop(p, OP_AND, m.test, guard) : m.test ? m.test : guard;
  Node *tail = cond ? if_at(p, c, cond, body, rest) : body;
  if (!m.binds.head)
    return tail;
  m.binds.tail->next = tail;
  return m.binds.head;
}

NodeList parse_match(Parser *p, Token kw, Node *subject, NodeList cases) {
  NodeList out = parse_list0();
  Node *s = subject;
  int line, col;
  diag_linecol(p->file, kw.pos, &line, &col);
  const char *flag = arena_printf(p->arena, "_match_case_%d", line);
  if (subject->kind != EX_NAME) {  /* a local of its own, which isinstance narrows */
    s = new_node(p, EX_NAME, subject->pos, subject->len);
    s->name = arena_printf(p->arena, "_match_subject_%d", line);
    Node *hold = at_token(p, ST_ASSIGN, kw);
    extend(hold, end_of(subject));
    hold->lhs = ast_copy(p->arena, s);
    hold->rhs = subject;
    out = parse_list1(hold);
  }
  int n = 0;
  for (Node *c = cases.head; c; c = c->next)
    n++;
  if (n > PARSE_MAX_ELIFS) {  /* each case is an elif: the passes recurse over the chain */
    parse_error(p, kw.pos, kw.len, "too many cases: more than %d in one match statement", PARSE_MAX_ELIFS);
    return out;
  }
  Node **all = arena_alloc(p->arena, n * sizeof *all), *rest = NULL;
  int i = 0;
  for (Node *c = cases.head; c; c = c->next)
    all[i++] = c;
  for (i = n - 1; i >= 0; i--) {
    Node *c = all[i];
    c->next = NULL;
    bool irrefutable = !c->cond && (c->lhs->kind == EX_NAME);
    if (irrefutable && i < n - 1 && strcmp(c->lhs->name, "_") == 0)
      parse_error(p, c->lhs->pos, c->lhs->len, "wildcard makes remaining patterns unreachable");
    else if (irrefutable && i < n - 1)
      parse_error(p, c->lhs->pos, c->lhs->len, "name capture '%s' makes remaining patterns unreachable", c->lhs->name);
    rest = case_before(p, s, flag, c, rest);
  }
  Node *last = rest;
  while (last && last->next)
    last = last->next;
  if (rest)
    out = parse_list_cat(out, (NodeList){rest, last});
  return out;
}

Node *parse_while(Parser *p, Token kw, Node *cond, NodeList body, NodeList orelse) {
  Node *n = at_token(p, ST_WHILE, kw);
  n->cond = cond;
  n->body = body.head;
  n->orelse = orelse.head;
  return n;
}

Node *parse_for(Parser *p, Token kw, Node *target, Node *iter, NodeList body, NodeList orelse) {
  Node *n = at_token(p, ST_FOR, kw);
  n->lhs = target;
  n->rhs = iter;
  n->body = body.head;
  n->orelse = orelse.head;
  check_target(p, target, "assign to");
  return n;
}

Node *parse_with(Parser *p, Token kw, NodeList items, NodeList body) {
  Node *n = at_token(p, ST_WITH, kw);
  n->items = items.head;
  n->body = body.head;
  return n;
}

Node *parse_try(Parser *p, Token kw, NodeList body, NodeList handlers, NodeList orelse, NodeList finalbody) {
  Node *n = at_token(p, ST_TRY, kw);
  n->body = body.head;
  n->handlers = handlers.head;
  n->orelse = orelse.head;
  n->finalbody = finalbody.head;
  /* As CPython: only the last clause may catch everything. */
  for (Node *h = handlers.head; h && h->next; h = h->next)
    if (!h->lhs) error_at(p, h, "default 'except:' must be last");
  return n;
}

Node *parse_handler(Parser *p, Token kw, Node *type, Node *name, NodeList body) {
  Node *n = at_token(p, ND_EXCEPT, kw);
  n->lhs = type;
  n->rhs = name;
  n->body = body.head;
  return n;
}

Node *parse_raise(Parser *p, Token kw, Node *exc, Node *cause) {
  Node *n = at_token(p, ST_RAISE, kw);
  if (exc) extend(n, end_of(cause ? cause : exc));
  n->lhs = exc;
  n->rhs = cause;
  return n;
}

Node *parse_withitem(Parser *p, Node *e, Node *target) {
  Node *n = new_node(p, ND_WITHITEM, e->pos, e->len);
  if (target) {
    extend(n, end_of(target));
    check_target(p, target, "assign to");
  }
  n->lhs = e;
  n->rhs = target;
  return n;
}

Node *parse_funcdef(Parser *p, Token name, NodeList params, Node *ret, NodeList body) {
  Node *n = at_token(p, ST_FUNCDEF, name);
  n->name = token_text(p, name);
  n->params = params.head;
  n->ann = ret;
  n->body = body.head;
  check_params(p, n->params);
  n->params = keyword_only(n->params);
  return n;
}

/* The C name of an extern: a plain string literal. */
static const char *c_name(Parser *p, Token t) {
  NodeList l = parse_string(p, parse_list0(), t);
  Node *s = l.head;
  if (s->kind != EX_STR || strlen(s->str) != s->slen || s->slen == 0) {
    error_at(p, s, "the C name of an extern must be a plain, non-empty string");
    return "";
  }
  return s->str;
}

Node *parse_externdef(Parser *p, Token kw, Token name, NodeList params, Node *ret, Token cname) {
  Node *n = at_token(p, ST_EXTERNDEF, name);
  (void)kw;
  n->name = token_text(p, name);
  n->params = params.head;
  n->ann = ret;
  n->cname = c_name(p, cname);
  check_params(p, n->params);
  n->params = keyword_only(n->params);
  return n;
}

Node *parse_externvar(Parser *p, Token kw, Token name, Node *ann, Token cname) {
  Node *n = at_token(p, ST_EXTERNVAR, name);
  (void)kw;
  n->name = token_text(p, name);
  n->ann = ann;
  n->cname = c_name(p, cname);
  return n;
}

/* extern name: T = "getter", "setter" in an extern class: a property that
 * can be assigned; the setter's C name goes in `alias`. */
Node *parse_externprop(Parser *p, Token kw, Token name, Node *ann, Token getter, Token setter) {
  Node *n = parse_externvar(p, kw, name, ann, getter);
  n->alias = c_name(p, setter);
  return n;
}

/* extern link "gtorch": only `link` may follow `extern` without ':' or 'def'. */
Node *parse_externlink(Parser *p, Token kw, Token name, Token lib) {
  Node *n = at_token(p, ST_EXTERNLINK, kw);
  if (strcmp(token_text(p, name), "link") != 0) error_at(p, at_token(p, ST_EXTERNLINK, name), "expected 'extern def', 'extern class', 'extern NAME: type' or 'extern link'");
  n->name = c_name(p, lib);
  return n;
}

Node *parse_classdef(Parser *p, Token name, NodeList bases, NodeList body) {
  Node *n = at_token(p, ST_CLASSDEF, name);
  n->name = token_text(p, name);
  n->bases = bases.head;
  n->body = body.head;
  return n;
}

/* @staticmethod, @property, ... above a def or a class (or above more
 * decorators of it): its decorators, outermost first. */
Node *parse_decorated(Parser *p, Node *decorator, Node *def) {
  if (def->kind != ST_FUNCDEF && def->kind != ST_CLASSDEF && def->kind != ST_EXTERNDEF) {
    error_at(p, decorator, "a decorator stands above a def or a class");
    return def;
  }
  decorator->next = def->decorators;
  def->decorators = decorator;
  return def;
}

Node *parse_externclass(Parser *p, Token name, NodeList bases, Token cname, NodeList body) {
  Node *n = parse_classdef(p, name, bases, body);
  n->cname = c_name(p, cname);
  return n;
}

Node *parse_param(Parser *p, Token name, Node *ann, Node *dflt, int flags) {
  Node *n = at_token(p, ND_PARAM, name);
  n->name = token_text(p, name);
  n->ann = ann;
  n->rhs = dflt;
  n->flags = flags;
  return n;
}

Node *parse_star(Parser *p, Token star) {
  Node *n = at_token(p, ND_PARAM, star);
  n->name = "*";
  n->flags = PARAM_STAR;
  return n;
}

Node *parse_reject(Parser *p, Token first, Token last, const char *what) {
  parse_error(p, first.pos, last.pos + last.len - first.pos, "%s", what);
  return at_token(p, EX_NONE, first);
}

/* ---- Expressions ---- */

Node *parse_name(Parser *p, Token t) {
  Node *n = at_token(p, EX_NAME, t);
  n->name = token_text(p, t);
  return n;
}

static int digit_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return c - 'A' + 10;
}

/* integer: decimal, 0x, 0o or 0b, with `_` between digits; 64 bits. */
Node *parse_int(Parser *p, Token t) {
  Node *n = at_token(p, EX_INT, t);
  const char *s = p->file->text + t.pos, *e = s + t.len;
  int base = 10;
  if (t.len > 2 && s[0] == '0' && strchr("xXoObB", s[1])) {
    base = strchr("xX", s[1]) ? 16 : strchr("oO", s[1]) ? 8 : 2;
    s += 2;
  }
  uint64_t v = 0;
  for (; s < e; s++) {
    if (*s == '_')
      continue;
    uint64_t d = (uint64_t)digit_value(*s);
    if (v > ((uint64_t)INT64_MAX - d) / (uint64_t)base) {
      parse_error(p, t.pos, t.len, "integer literal too large");
      return n;
    }
    v = v * (uint64_t)base + d;
  }
  n->ival = (int64_t)v;
  return n;
}

Node *parse_float(Parser *p, Token t) {
  Node *n = at_token(p, EX_FLOAT, t);
  char *s = arena_alloc(p->arena, t.len + 1), *o = s;
  for (const char *c = p->file->text + t.pos, *e = c + t.len; c < e; c++)
    if (*c != '_')
      *o++ = *c;
  n->fval = strtod(s, NULL);
  return n;
}

Node *parse_const(Parser *p, NodeKind kind, Token t) {
  return at_token(p, kind, t);
}

/* ---- String literals ---- */

/* Appends code point c to o as UTF-8; returns the new end. */
static char *put_utf8(char *o, uint32_t c) {
  if (c < 0x80) {
    *o++ = (char)c;
  } else if (c < 0x800) {
    *o++ = (char)(0xC0 | c >> 6);
    *o++ = (char)(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *o++ = (char)(0xE0 | c >> 12);
    *o++ = (char)(0x80 | (c >> 6 & 0x3F));
    *o++ = (char)(0x80 | (c & 0x3F));
  } else {
    *o++ = (char)(0xF0 | c >> 18);
    *o++ = (char)(0x80 | (c >> 12 & 0x3F));
    *o++ = (char)(0x80 | (c >> 6 & 0x3F));
    *o++ = (char)(0x80 | (c & 0x3F));
  }
  return o;
}

/* The n hex digits at s, or -1 if they are not all there. */
static long hex_digits(const char *s, const char *e, int n) {
  long v = 0;
  for (int i = 0; i < n; i++) {
    if (s + i >= e || !s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
      return -1;
    v = v * 16 + digit_value(s[i]);
  }
  return v;
}

/* One escape sequence, s just after the backslash at file offset `pos`:
 * writes its bytes at *o and returns how many bytes after the backslash it
 * used. An unknown escape stays as written, as in Python. */
static size_t escape(Parser *p, const char *s, const char *e, uint32_t pos, char **o) {
  static const char simple[] = "\\'\"abfnrtv";
  static const char value[] = "\\'\"\a\b\f\n\r\t\v";
  char c = s < e ? *s : '\0';
  const char *k = c ? strchr(simple, c) : NULL;
  int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (c == '\n')
    return 1;  /* a backslash-newline joins the lines */
  if (c == '\r' && s + 1 < e && s[1] == '\n')
    return 2;
  if (k) {
    *(*o)++ = value[k - simple];
    return 1;
  }
  if (c >= '0' && c <= '7') {
    uint32_t v = 0;
    size_t i = 0;
    for (; i < 3 && s + i < e && s[i] >= '0' && s[i] <= '7'; i++)
      v = v * 8 + (uint32_t)(s[i] - '0');
    *o = put_utf8(*o, v);
    return i;
  }
  if (digits) {
    long v = hex_digits(s + 1, e, digits);
    if (v < 0)
      parse_error(p, pos, 2, "truncated \\%c escape: expected %d hex digits", c, digits);
    else if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      parse_error(p, pos, (uint32_t)digits + 2, "illegal Unicode character in \\%c escape", c);
    else
      *o = put_utf8(*o, (uint32_t)v);
    return (size_t)digits + 1;
  }
  if (c == 'N')
    parse_error(p, pos, 2, "\\N{...} escapes are not supported");
  *(*o)++ = '\\';
  return 0;
}

/* Decodes [s, e) of a literal at file offset `pos` into an EX_STR.
 * Decoding never lengthens the text, so the arena copy is sized by it. */
static Node *str_piece(Parser *p, const char *s, const char *e, uint32_t pos, bool raw) {
  Node *n = new_node(p, EX_STR, pos, (uint32_t)(e - s));
  char *buf = arena_alloc(p->arena, (size_t)(e - s) + 1), *o = buf;
  const char *start = s;
  while (s < e && !p->failed) {
    if (*s == '\r' && s + 1 < e && s[1] == '\n')
      s++;  /* a CRLF file's line break inside a triple-quoted string is \n */
    else if (*s != '\\' || raw)
      *o++ = *s++;
    else
      s += 1 + escape(p, s + 1, e, pos + (uint32_t)(s - start), &o);
  }
  *o = '\0';
  n->str = buf;
  n->slen = (size_t)(o - buf);
  return n;
}

static Node *parse_field(Parser *p, uint32_t pos, uint32_t len);

/* An f-string's text: the literal parts, the fields, and where it is. */
typedef struct FText {
  const char *s;       /* the text between the quotes */
  size_t n;
  uint32_t pos;        /* its file offset */
  bool raw;
} FText;

/* The end of a field's expression: the first '}', '!', ':' or '=' (the
 * self-documenting `{x=}`) outside brackets and strings (but not the '='
 * of '==', '!=', '<=', '>='). */
static size_t field_end(Parser *p, const FText *f, size_t i) {
  int depth = 0;
  for (; i < f->n && !p->failed; i++) {
    char c = f->s[i], next = i + 1 < f->n ? f->s[i + 1] : '\0';
    if (c == '(' || c == '[' || c == '{') {
      depth++;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0 && c == '}')
        return i;
      if (depth > 0)
        depth--;
    } else if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < f->n && f->s[j] != c)
        j++;
      if (j >= f->n)
        parse_error(p, f->pos + (uint32_t)i, 1, "f-string: unterminated string");
      i = j;
    } else if (c == '\\') {
      parse_error(p, f->pos + (uint32_t)i, 1, "f-string expression part cannot include a backslash");
    } else if (c == '#') {
      parse_error(p, f->pos + (uint32_t)i, 1, "f-string expression part cannot include '#'");
    } else if (depth == 0 && (c == ':' || (c == '!' && next != '='))) {
      return i;
    } else if (c == '=' && next == '=') {
      i++;
    } else if (depth == 0 && c == '=' && (i == 0 || !strchr("=!<>", f->s[i - 1]))) {
      return i;
    }
  }
  return i;
}

static size_t fstring_parts(Parser *p, const FText *f, size_t i, int nesting, NodeList *parts);

/* conversion: '!' ('r' | 's' | 'a'), with s[i] the '!' */
static size_t field_conversion(Parser *p, const FText *f, size_t i, Node *field) {
  char c = i + 1 < f->n ? f->s[i + 1] : '\0';
  if (c != 'r' && c != 's' && c != 'a') {
    parse_error(p, f->pos + (uint32_t)i, 1, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
    return f->n;
  }
  field->conv = c;
  return i + 2;
}

/* spec: ':' f-string text up to the field's '}', with s[i] the ':' */
static size_t field_spec(Parser *p, const FText *f, size_t i, int nesting, Node *field) {
  NodeList parts = parse_list0();
  Node *spec = new_node(p, EX_FSTRING, f->pos + (uint32_t)i + 1, 0);
  i = fstring_parts(p, f, i + 1, nesting + 1, &parts);
  spec->parts = parts.head;
  extend(spec, f->pos + (uint32_t)i);
  field->spec = spec;
  return i;
}

static void fstring_literal(Parser *p, const FText *f, size_t from, size_t to, NodeList *parts);
static size_t field_rest(Parser *p, const FText *f, size_t start, size_t i, size_t end, int nesting, NodeList *parts,
                         bool documenting);

/* `{expr=}` (Python 3.8): the expression's text, the '=' and the blanks
 * after it, then the field, its value's repr unless a conversion or a
 * format spec follows; s[start] is the '{', s[eq] the '='. */
static size_t self_documenting(Parser *p, const FText *f, size_t start, size_t eq, int nesting, NodeList *parts) {
  size_t after = eq + 1 + strspn(f->s + eq + 1, " \t\r\n\f");
  if (after > f->n) after = f->n;
  fstring_literal(p, f, start + 1, after, parts);
  return field_rest(p, f, start, start + 1, eq, nesting, parts, true);
}

/* field: '{' expr ['=']['!' conv] [':' spec] '}' with s[i] the '{' */
static size_t fstring_field(Parser *p, const FText *f, size_t i, int nesting, NodeList *parts) {
  size_t start = i++;
  if (nesting >= 2) {
    parse_error(p, f->pos + (uint32_t)start, 1, "f-string: expressions nested too deeply");
    return f->n;
  }
  size_t end = field_end(p, f, i);
  if (end < f->n && f->s[end] == '=') return self_documenting(p, f, start, end, nesting, parts);
  return field_rest(p, f, start, i, end, nesting, parts, false);
}

/* The field whose expression is s[i, end) on, with s[start] its '{' (and
 * s[end] a '=' where documenting). */
static size_t field_rest(Parser *p, const FText *f, size_t start, size_t i, size_t end, int nesting, NodeList *parts,
                         bool documenting) {
  if (end >= f->n)
    parse_error(p, f->pos + (uint32_t)f->n, 1, "f-string: expecting '}'");
  else if (strspn(f->s + i, " \t\r\n\f") >= end - i)
    parse_error(p, f->pos + (uint32_t)start, (uint32_t)(end - start + 1), "f-string: empty expression not allowed");
  if (p->failed)
    return f->n;
  Node *n = new_node(p, ND_FMTVALUE, f->pos + (uint32_t)start, 0);
  n->lhs = parse_field(p, f->pos + (uint32_t)i, (uint32_t)(end - i));
  if (!n->lhs)
    return f->n;
  nest(p, n, n->lhs);
  i = end;
  if (documenting) i = end + 1 + strspn(f->s + end + 1, " \t\r\n\f");
  if (i > f->n) i = f->n;
  if (i < f->n && f->s[i] == '!')
    i = field_conversion(p, f, i, n);
  if (i < f->n && f->s[i] == ':')
    i = field_spec(p, f, i, nesting, n);
  if (documenting && !n->conv && !n->spec)
    n->conv = 'r';  /* {x=} is {x!r} after the text */
  if (i >= f->n || f->s[i] != '}') {
    parse_error(p, f->pos + (uint32_t)(i < f->n ? i : f->n), 1, "f-string: expecting '}'");
    return f->n;
  }
  extend(n, f->pos + (uint32_t)i + 1);
  *parts = parse_list_add(*parts, n);
  return i + 1;
}

/* Literal text [from, to) as an EX_STR part, unless empty. */
static void fstring_literal(Parser *p, const FText *f, size_t from, size_t to, NodeList *parts) {
  if (to > from)
    *parts = parse_list_add(*parts, str_piece(p, f->s + from, f->s + to, f->pos + (uint32_t)from, f->raw));
}

/* f-string text from s[i]: literal parts and fields, up to the end or, in
 * a format spec (nesting > 0), up to the '}' that closes the field. */
static size_t fstring_parts(Parser *p, const FText *f, size_t i, int nesting, NodeList *parts) {
  size_t lit = i;
  while (i < f->n && !p->failed) {
    char c = f->s[i], next = i + 1 < f->n ? f->s[i + 1] : '\0';
    if ((c == '{' && next == '{') || (c == '}' && next == '}' && nesting == 0)) {
      fstring_literal(p, f, lit, i + 1, parts);
      lit = i += 2;
    } else if (c == '{') {
      fstring_literal(p, f, lit, i, parts);
      lit = i = fstring_field(p, f, i, nesting, parts);
    } else if (c == '}') {
      if (nesting > 0)
        break;
      parse_error(p, f->pos + (uint32_t)i, 1, "f-string: single '}' is not allowed");
      return f->n;
    } else {
      i++;
    }
  }
  if (!p->failed)
    fstring_literal(p, f, lit, i < f->n ? i : f->n, parts);
  return i;
}

/* One string token: its prefix, its quotes, and the text between them. */
NodeList parse_string(Parser *p, NodeList pieces, Token t) {
  const char *s = p->file->text + t.pos;
  size_t plen = strcspn(s, "'\"");
  bool raw = memchr(s, 'r', plen) || memchr(s, 'R', plen);
  bool fmt = memchr(s, 'f', plen) || memchr(s, 'F', plen);
  size_t q = t.len >= plen + 6 && s[plen + 1] == s[plen] && s[plen + 2] == s[plen] ? 3 : 1;
  FText f = {s + plen + q, t.len - plen - 2 * q, t.pos + (uint32_t)(plen + q), raw};
  if (!fmt) {
    Node *n = str_piece(p, f.s, f.s + f.n, f.pos, raw);
    n->pos = t.pos;
    n->len = t.len;
    return parse_list_add(pieces, n);
  }
  Node *n = at_token(p, EX_FSTRING, t);
  NodeList parts = parse_list0();
  fstring_parts(p, &f, 0, 0, &parts);
  n->parts = parts.head;
  for (Node *part = parts.head; part; part = part->next)
    nest(p, n, part);
  return parse_list_add(pieces, n);
}

/* Joins a run of EX_STR nodes [first, stop) into the first one. */
static void join_strs(Parser *p, Node *first, Node *stop) {
  size_t len = 0;
  for (Node *s = first; s != stop; s = s->next)
    len += s->slen;
  char *buf = arena_alloc(p->arena, len + 1), *o = buf;
  Node *last = first;
  for (Node *s = first; s != stop; s = s->next) {
    memcpy(o, s->str, s->slen);
    o += s->slen;
    last = s;
  }
  extend(first, end_of(last));
  first->str = buf;
  first->slen = len;
  first->next = stop;
}

/* Adjacent literals: one EX_STR, or one EX_FSTRING if any is an f-string
 * (with neighbouring literal parts joined). */
Node *parse_strings(Parser *p, NodeList pieces) {
  bool any_f = false;
  for (Node *s = pieces.head; s; s = s->next)
    any_f |= s->kind == EX_FSTRING;
  if (!any_f) {
    join_strs(p, pieces.head, NULL);
    return pieces.head;
  }
  NodeList parts = parse_list0();
  int depth = 0;
  for (Node *s = pieces.head, *next; s; s = next) {
    next = s->next;
    s->next = NULL;
    if (s->depth > depth)
      depth = s->depth;
    if (s->kind == EX_STR)
      parts = parse_list_add(parts, s);
    for (Node *q = s->kind == EX_FSTRING ? s->parts : NULL, *qn; q; q = qn) {
      qn = q->next;
      q->next = NULL;
      parts = parse_list_add(parts, q);
    }
  }
  for (Node *s = parts.head; s; s = s->next) {
    if (s->kind != EX_STR)
      continue;
    Node *stop = s->next;
    while (stop && stop->kind == EX_STR)
      stop = stop->next;
    join_strs(p, s, stop);
  }
  Node *n = new_node(p, EX_FSTRING, pieces.head->pos, 0);
  extend(n, end_of(pieces.tail));
  n->parts = parts.head;
  n->depth = depth;
  return n;
}

/* ---- Brackets, displays and comprehensions ---- */


static Node *sequence(Parser *p, NodeKind kind, uint32_t pos, uint32_t end, NodeList elts) {
  Node *n = new_node(p, kind, pos, end - pos);
  n->elts = elts.head;
  for (Node *e = elts.head; e; e = e->next)
    nest(p, n, e);
  return n;
}

Node *parse_tuple(Parser *p, NodeList elts) {
  return sequence(p, EX_TUPLE, elts.head->pos, end_of(elts.tail), elts);
}

Node *parse_tuple_in(Parser *p, Token l, NodeList elts, Token r) {
  return sequence(p, EX_TUPLE, l.pos, r.pos + r.len, elts);
}

/* '(' test ')' is the test itself; '(' test ',' test ... ')' a tuple. */
Node *parse_group(Parser *p, Token l, NodeList elts, Token r) {
  if (elts.head == elts.tail)
    return elts.head;
  return parse_tuple_in(p, l, elts, r);
}

Node *parse_list(Parser *p, Token l, NodeList elts, Token r) {
  return sequence(p, EX_LIST, l.pos, r.pos + r.len, elts);
}

/* The pairs from `first` up to the next `**d` (or the end) as a display. */
static Node *dict_run(Parser *p, Node *first, Node **after) {
  NodeList run = parse_list0();
  Node *x = first;
  while (x && x->kind == ND_PAIR) {
    Node *next = x->next;
    x->next = NULL;
    run = parse_list_add(run, x);
    x = next;
  }
  *after = x;
  return sequence(p, EX_DICT, first->pos, end_of(run.tail), run);
}

/* {**a, "k": v, **b}: the dict `a | {"k": v} | b`, as Python merges them
 * left to right (a later key's value wins, the first one's place stays);
 * {**a} alone is `dict(a)`, a copy. The `|` of dicts checks each part. */
static Node *dict_merged(Parser *p, Token l, NodeList pairs, Token r) {
  Node *whole = NULL;
  for (Node *x = pairs.head; x;) {
    Node *part;
    if (x->kind == EX_STARRED) {
      part = x->lhs;
      x = x->next;
    } else {
      part = dict_run(p, x, &x);
    }
    if (whole) {
      whole = parse_binop(p, OP_BITOR, whole, part);
      whole->flags |= BINOP_DICT_SPREAD;
    } else {
      whole = part;
    }
  }
  if (pairs.head == pairs.tail) whole = call_at(p, pairs.head, "dict", whole, NULL);
  whole->pos = l.pos;
  whole->len = r.pos + r.len - l.pos;
  return whole;
}

Node *parse_dict(Parser *p, Token l, NodeList pairs, Token r) {
  for (Node *x = pairs.head; x; x = x->next)
    if (x->kind == EX_STARRED) return dict_merged(p, l, pairs, r);
  return sequence(p, EX_DICT, l.pos, r.pos + r.len, pairs);
}

Node *parse_pair(Parser *p, Node *key, Node *value) {
  Node *n = new_node(p, ND_PAIR, key->pos, 0);
  extend(n, end_of(value));
  n->lhs = key;
  n->rhs = value;
  nest(p, n, key);
  nest(p, n, value);
  return n;
}

static void nest_comps(Parser *p, Node *n, NodeList comps) {
  for (Node *c = comps.head; c; c = c->next)
    nest(p, n, c);
}

Node *parse_set(Parser *p, Token l, NodeList elts, Token r) {
  return sequence(p, EX_SET, l.pos, r.pos + r.len, elts);
}

/* [elt for ...] and {elt for ...}: one element expression, then the clauses. */
static Node *parse_elemcomp(Parser *p, NodeKind kind, Token l, Node *elt, NodeList comps, Token r) {
  Node *n = new_node(p, kind, l.pos, r.pos + r.len - l.pos);
  n->lhs = elt;
  n->comps = comps.head;
  nest(p, n, elt);
  nest_comps(p, n, comps);
  return n;
}

Node *parse_listcomp(Parser *p, Token l, Node *elt, NodeList comps, Token r) {
  return parse_elemcomp(p, EX_LISTCOMP, l, elt, comps, r);
}

Node *parse_setcomp(Parser *p, Token l, Node *elt, NodeList comps, Token r) {
  return parse_elemcomp(p, EX_SETCOMP, l, elt, comps, r);
}

/* (elt for ...), or a call's sole argument `f(elt for ...)`, whose
 * parentheses are the call's: l and r are those. */
Node *parse_genexp(Parser *p, Token l, Node *elt, NodeList comps, Token r) {
  return parse_elemcomp(p, EX_GENEXP, l, elt, comps, r);
}

Node *parse_dictcomp(Parser *p, Token l, Node *key, Node *value, NodeList comps, Token r) {
  Node *n = new_node(p, EX_DICTCOMP, l.pos, r.pos + r.len - l.pos);
  n->lhs = key;
  n->rhs = value;
  n->comps = comps.head;
  nest(p, n, key);
  nest(p, n, value);
  nest_comps(p, n, comps);
  return n;
}

Node *parse_comp(Parser *p, Token kw, Node *target, Node *iter) {
  Node *n = at_token(p, ND_COMP, kw);
  extend(n, end_of(iter));
  n->lhs = target;
  n->rhs = iter;
  nest(p, n, target);
  nest(p, n, iter);
  check_target(p, target, "assign to");
  return n;
}

NodeList parse_comp_if(Parser *p, NodeList comps, Node *cond) {
  Node *c = comps.tail;
  c->conds = ast_append(c->conds, cond);
  extend(c, end_of(cond));
  nest(p, c, cond);
  return comps;
}

/* ---- Primaries and operators ---- */

/* A node of `kind` spanning a..b, with both below it. */
static Node *binary(Parser *p, NodeKind kind, Op op, Node *a, Node *b) {
  Node *n = new_node(p, kind, a->pos, 0);
  extend(n, end_of(b));
  n->op = op;
  n->lhs = a;
  n->rhs = b;
  nest(p, n, a);
  nest(p, n, b);
  return n;
}

Node *parse_attr(Parser *p, Node *obj, Token name) {
  Node *n = new_node(p, EX_ATTR, obj->pos, 0);
  extend(n, name.pos + name.len);
  n->lhs = obj;
  n->name = token_text(p, name);
  nest(p, n, obj);
  return n;
}

Node *parse_call(Parser *p, Node *callee, NodeList args, Token r) {
  Node *n = new_node(p, EX_CALL, callee->pos, 0);
  extend(n, r.pos + r.len);
  n->lhs = callee;
  n->args = args.head;
  nest(p, n, callee);
  for (Node *a = args.head; a; a = a->next)
    nest(p, n, a);
  check_args(p, n->args);
  return n;
}

Node *parse_keyword(Parser *p, Token name, Node *value) {
  Node *n = at_token(p, ND_KEYWORD, name);
  extend(n, end_of(value));
  n->name = token_text(p, name);
  n->rhs = value;
  nest(p, n, value);
  return n;
}

Node *parse_starred(Parser *p, Token star, Node *e) {
  Node *n = at_token(p, EX_STARRED, star);
  extend(n, end_of(e));
  n->lhs = e;
  nest(p, n, e);
  return n;
}

Node *parse_index(Parser *p, Node *obj, Node *index, Token r) {
  Node *n = binary(p, EX_INDEX, OP_NONE, obj, index);
  extend(n, r.pos + r.len);
  return n;
}

/* slice: [lo] ':' [hi] [':' [step]] */
Node *parse_slice(Parser *p, Node *lo, Token colon, Node *hi, Node *step, Token last) {
  Node *n = new_node(p, EX_SLICE, lo ? lo->pos : colon.pos, 0);
  extend(n, last.pos + last.len);
  n->lo = lo;
  n->hi = hi;
  n->step = step;
  Node *parts[] = {lo, hi, step};
  for (int i = 0; i < 3; i++)
    if (parts[i]) {
      extend(n, end_of(parts[i]));
      nest(p, n, parts[i]);
    }
  return n;
}

Node *parse_binop(Parser *p, Op op, Node *a, Node *b) {
  return binary(p, EX_BINOP, op, a, b);
}

Node *parse_unary(Parser *p, Op op, Token t, Node *e) {
  Node *n = at_token(p, EX_UNARY, t);
  extend(n, end_of(e));
  n->op = op;
  n->lhs = e;
  nest(p, n, e);
  return n;
}

Node *parse_boolop(Parser *p, Op op, Node *a, Node *b) {
  return binary(p, EX_BOOLOP, op, a, b);
}

Node *parse_compare(Parser *p, Node *first, NodeList cmps) {
  Node *n = new_node(p, EX_COMPARE, first->pos, 0);
  extend(n, end_of(cmps.tail));
  n->lhs = first;
  n->cmps = cmps.head;
  nest(p, n, first);
  for (Node *c = cmps.head; c; c = c->next)
    nest(p, n, c);
  return n;
}

Node *parse_cmp(Parser *p, OpTok op, Node *e) {
  Node *n = new_node(p, ND_CMP, op.pos, op.len);
  extend(n, end_of(e));
  n->op = op.op;
  n->rhs = e;
  nest(p, n, e);
  return n;
}

Node *parse_ifexp(Parser *p, Node *then, Node *cond, Node *orelse) {
  Node *n = binary(p, EX_IFEXP, OP_NONE, then, orelse);
  n->cond = cond;
  nest(p, n, cond);
  return n;
}

Node *parse_namedexpr(Parser *p, Token name, Node *value) {
  Node *n = at_token(p, EX_NAMEDEXPR, name);
  extend(n, end_of(value));
  n->lhs = parse_name(p, name);
  n->rhs = value;
  nest(p, n, value);
  return n;
}

Node *parse_lambda(Parser *p, Token kw, NodeList params, Node *body) {
  Node *n = at_token(p, EX_LAMBDA, kw);
  extend(n, end_of(body));
  n->params = params.head;
  n->lhs = body;
  nest(p, n, body);
  check_params(p, n->params);
  n->params = keyword_only(n->params);
  return n;
}

/* ---- The driver ---- */

/* Feeds the layout's tokens to a Lemon parser until the end or an error.
 * `start` is TK_FEXPR for an f-string field, or 0 for a file. */
static Node *run(Parser *p, int start) {
  void *lemon = gtpAlloc(malloc, p);
  if (!lemon) {
    fputs("gtorchc: error: out of memory\n", stderr);
    exit(1);
  }
  if (start) {
    Token t = {start, p->ly->last.pos, 0};
    gtp(lemon, start, t);
  }
  for (;;) {
    Token t = layout_next(p->ly);
    if (t.kind == TK_ERROR) {
      parse_error(p, t.pos, t.len, "%s", p->ly->msg);
      break;
    }
    p->prev = p->cur;
    p->cur = t;
    if (!gtp_accepts(lemon, t.kind)) {
      bool expected[GTP_MAX_TOKENS];
      gtp_expected(lemon, expected);
      parse_syntax_error(p, t, expected, gtp_token_kinds(), gtp_opener(lemon));
      break;
    }
    gtp(lemon, t.kind, t);
    if (p->failed || t.kind == TK_EOF)
      break;
  }
  gtpFree(lemon, free);
  return p->failed ? NULL : p->result;
}

/* An f-string field's expression: the same grammar over a copy of its
 * bytes, with positions kept as offsets in the file. */
static Node *parse_field(Parser *p, uint32_t pos, uint32_t len) {
  if (p->fdepth >= 4) {
    parse_error(p, pos, len, "f-string: expressions nested too deeply");
    return NULL;
  }
  char *text = arena_strndup(p->arena, p->file->text + pos, len);
  Lexer lx;
  lex_init_at(&lx, p->file, text, len, pos);
  Layout ly;
  layout_init(&ly, &lx, true);
  ly.last.pos = pos;
  Parser sub = {.arena = p->arena, .diag = p->diag, .file = p->file, .ly = &ly, .fdepth = p->fdepth + 1};
  Node *e = run(&sub, TK_FEXPR);
  if (!e)
    p->failed = true;
  return e;
}

Node *parse_module(Arena *a, Diag *d, const SrcFile *file) {
  if (file->len >= UINT32_MAX) {
    diag_plain(d, "%s: file too large", file->path);
    return NULL;
  }
  uint32_t bad;
  if (!lex_check_encoding(file->text, (uint32_t)file->len, &bad)) {
    unsigned char c = (unsigned char)file->text[bad];
    if (c == 0)
      diag_error(d, file, bad, 1, "source code cannot contain null bytes");
    else
      diag_error(d, file, bad, 1, "invalid UTF-8 byte 0x%02X", c);
    return NULL;
  }
  Lexer lx;
  lex_init(&lx, file);
  Layout ly;
  layout_init(&ly, &lx, false);
  Parser p = {.arena = a, .diag = d, .file = file, .ly = &ly};
  return run(&p, 0);
}

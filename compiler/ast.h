/* ast.h - the syntax tree shared by every pass.
 *
 * Nodes come from an arena and are never freed one by one. Positions are
 * byte offsets into the file's source text; diag.c turns them into
 * line:col only when something is reported. Sibling lists (statements of a
 * block, arguments of a call, parameters, ...) are linked through `next`.
 */
#ifndef GT_AST_H
#define GT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

typedef struct SrcFile SrcFile;
typedef struct Node Node;
typedef struct Type Type; /* check.c */
typedef struct Sym Sym;   /* check.c */

/* One source file, loaded whole. `text` is NUL-terminated. */
struct SrcFile {
  const char *path;    /* as given on the command line or found by import */
  const char *text;
  size_t len;
};

typedef enum NodeKind {
  /* statements */
  ST_EXPR,        /* lhs */
  ST_ASSIGN,      /* lhs: the targets, left to right, a list through next (two for `a = b = v`); rhs: value */
  ST_ANNASSIGN,   /* lhs: target, ann: annotation, rhs: value (may be NULL) */
  ST_TYPEALIAS,   /* lhs: the EX_NAME declared, ann: TypeAlias, rhs: the type it names (`V: TypeAlias = list[float]`) */
  ST_AUGASSIGN,   /* op, lhs: target, rhs: value; cond: the EX_BINOP check.c makes for class operands */
  ST_IF,          /* cond, body, orelse: statement lists (an elif is an orelse holding one ST_IF) */
  ST_WHILE,       /* cond, body, orelse (while-else; NULL when absent) */
  ST_FOR,         /* lhs: target (EX_NAME or EX_TUPLE), rhs: iterable, body, orelse */
  ST_BREAK,
  ST_CONTINUE,
  ST_RETURN,      /* rhs: value or NULL */
  ST_PASS,
  ST_ASSERT,      /* cond, rhs: message or NULL */
  ST_GLOBAL,      /* names: EX_NAME list */
  ST_IMPORT,      /* names: ND_ALIAS list (`import a.b as c, d`) */
  ST_FROMIMPORT,  /* name: module path "a.b", names: ND_ALIAS list */
  ST_FUNCDEF,     /* name, params: ND_PARAM list, ann: return annotation or NULL, body */
  ST_EXTERNDEF,   /* like ST_FUNCDEF without body; cname: the C function */
  ST_EXTERNVAR,   /* name, ann: type, cname: the C global (`extern argv: list[str] = "gt_argv"`);
                     in an extern class a property: cname its getter, alias its setter or NULL */
  ST_EXTERNLINK,  /* name: a runtime library the module's externs live in (`extern link "gtorch"`) */
  ST_CLASSDEF,    /* name, bases: expression list, body; cname: the C struct of an `extern class`,
                     whose bases may end with ND_KEYWORD `protocol="module"` */
  ST_WITH,        /* items: ND_WITHITEM list, body */
  ST_DEL,         /* targets: lhs list */
  ST_TRY,         /* body, handlers: ND_EXCEPT list, orelse, finalbody (each list may be empty) */
  ST_RAISE,       /* lhs: the exception or NULL (a bare raise), rhs: the `from` cause or NULL */
  ST_NONLOCAL,    /* names: EX_NAME list (a nested function's: the variables of the one around it it assigns) */
  ST_YIELD,       /* rhs: value or NULL; flags YIELD_FROM: `yield from rhs` (then info: its Iter, lhs: the
                     EX_NAME check.c binds each element to) */

  /* expressions */
  EX_INT,         /* ival */
  EX_FLOAT,       /* fval */
  EX_STR,         /* str, slen: decoded bytes (adjacent literals already joined) */
  EX_FSTRING,     /* parts: EX_STR and ND_FMTVALUE list */
  EX_TRUE,
  EX_FALSE,
  EX_NONE,
  EX_ELLIPSIS,    /* `...` */
  EX_NAME,        /* name */
  EX_ATTR,        /* lhs: object, name: attribute */
  EX_CALL,        /* lhs: callee, args: positional and ND_KEYWORD list, in source order */
  EX_INDEX,       /* lhs: object, rhs: index (an EX_SLICE, or an EX_TUPLE for `x[a, b:c]`) */
  EX_SLICE,       /* lo, hi, step: each may be NULL */
  EX_BINOP,       /* op, lhs, rhs */
  EX_UNARY,       /* op (OP_NEG, OP_POS, OP_NOT, OP_INVERT), lhs */
  EX_BOOLOP,      /* op (OP_AND, OP_OR), lhs, rhs (left-nested for a or b or c) */
  EX_COMPARE,     /* lhs: first operand, cmps: ND_CMP list (`a < b <= c`) */
  EX_IFEXP,       /* cond, lhs: value if true, rhs: value if false */
  EX_NAMEDEXPR,   /* lhs: the EX_NAME target, rhs: value (`(n := len(xs))`: an assignment expression) */
  EX_LIST,        /* elts */
  EX_TUPLE,       /* elts (parenthesised or bare `a, b`) */
  EX_DICT,        /* elts: ND_PAIR list */
  EX_LISTCOMP,    /* lhs: element, comps: ND_COMP list */
  EX_DICTCOMP,    /* lhs: key, rhs: value, comps */
  EX_SET,         /* elts (at least one: `{}` is a dict) */
  EX_SETCOMP,     /* lhs: element, comps */
  EX_STARRED,     /* lhs (`*args` in a call; op OP_POW for `**kwargs`) */
  EX_LAMBDA,      /* params, lhs: body (parsed so it can be rejected with a message) */
  EX_GENEXP,      /* lhs: element, comps (`(f(x) for x in xs)`, or a call's sole argument `sum(x for x in xs)`) */

  /* helpers */
  ND_PARAM,       /* name, ann, rhs: default or NULL; flags: PARAM_STAR for `*`, PARAM_STARARGS for `*args`,
                     PARAM_FRESH_DEFAULT for a default made at each call (a dataclass's default_factory) */
  ND_KEYWORD,     /* name, rhs: value (`f(x, dim=1)`) */
  ND_ALIAS,       /* name: dotted name, alias (may be NULL) */
  ND_WITHITEM,    /* lhs: context expression, rhs: `as` target or NULL */
  ND_EXCEPT,      /* lhs: the class or tuple of classes caught, NULL for all; rhs: the `as` EX_NAME or NULL; body */
  ND_CMP,         /* op, rhs: right operand */
  ND_PAIR,        /* lhs: key, rhs: value */
  ND_COMP,        /* lhs: target, rhs: iterable, conds: `if` list (through next) */
  ND_FMTVALUE,    /* lhs: value, conv: 0 / 'r' / 's' / 'a', spec: EX_FSTRING or NULL */
  ND_BLOCK,       /* body: statement list (a suite) */
  ND_MODULE,      /* body: top-level statements */
} NodeKind;

typedef enum Op {
  OP_NONE,
  OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW, OP_MATMUL,
  OP_LSHIFT, OP_RSHIFT, OP_BITAND, OP_BITOR, OP_BITXOR,
  OP_NEG, OP_POS, OP_NOT, OP_INVERT,
  OP_AND, OP_OR,
  OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_NOTIN, OP_IS, OP_ISNOT,
} Op;

/* PARAM_KWONLY: a parameter after a bare `*`, which the parser drops from the
 * list (parse.c keyword_only): given by keyword only. */
enum { PARAM_STAR = 1, PARAM_STARARGS = 2, PARAM_KWARGS = 4, PARAM_FRESH_DEFAULT = 8, PARAM_KWONLY = 16 };
enum { YIELD_FROM = 1 };
/* an EX_BINOP `|` that a dict display's `**d` made (parse.c dict_merged): its errors say so */
enum { BINOP_DICT_SPREAD = 65536 };
/* an EX_NAME made with its type given, whatever the program's names say
 * (a union call's isinstance test: check_call.c union_call): a copy keeps it */
enum { NAME_TYPE_GIVEN = 262144 };

struct Node {
  NodeKind kind;
  Op op;
  uint32_t pos;        /* byte offset of the node's first character */
  uint32_t len;        /* bytes covered, for the ~~~ under a caret; at least 1 */
  const SrcFile *file;
  Node *next;          /* next sibling in a list */

  Node *lhs, *rhs;
  Node *cond;
  Node *body, *orelse; /* statement lists */
  Node *args;          /* EX_CALL arguments */
  Node *params;        /* ND_PARAM list */
  Node *elts;          /* EX_LIST, EX_TUPLE, EX_DICT, EX_SET */
  Node *cmps;          /* ND_CMP list */
  Node *comps;         /* ND_COMP list */
  Node *conds;         /* ND_COMP `if` clauses */
  Node *parts;         /* EX_FSTRING */
  Node *names;         /* ST_GLOBAL, ST_IMPORT, ST_FROMIMPORT */
  Node *bases;         /* ST_CLASSDEF */
  Node *items;         /* ST_WITH */
  Node *handlers;      /* ST_TRY */
  Node *finalbody;     /* ST_TRY */
  Node *targets;       /* ST_DEL */
  Node *decorators;    /* ST_FUNCDEF, ST_CLASSDEF: `@name` expressions, outermost first */
  Node *ann;           /* annotation */
  Node *lo, *hi, *step;
  Node *spec;          /* ND_FMTVALUE format spec */

  const char *name;    /* identifier or dotted name, NUL-terminated, in the arena */
  const char *alias;
  const char *cname;   /* ST_EXTERNDEF, ST_EXTERNVAR */
  const char *str;     /* EX_STR bytes (NUL-terminated; may contain NULs) */
  size_t slen;
  int64_t ival;
  double fval;
  int conv;
  int flags;
  int depth;           /* expression nesting (under PARSE_MAX_DEPTH); an elif's ST_IF: the elifs before it */

  /* filled in by check.c */
  Type *ty;
  Sym *sym;
  void *info;          /* pass-specific annotation (call resolution, ...) */
};

Node *ast_new(Arena *a, NodeKind kind, const SrcFile *file, uint32_t pos, uint32_t len);
/* Append `item` to the list whose head is *head; returns the new head. */
Node *ast_name(Arena *a, const Node *at, const char *name);  /* a name at node `at` */
Node *ast_append(Node *head, Node *item);
int ast_count(const Node *list);
/* A deep copy of node n (not of its siblings) and of its subtrees, without check.c's records. */
Node *ast_copy(Arena *a, const Node *n);
const char *ast_kind_name(NodeKind kind);
const char *ast_op_text(Op op);  /* "+", "//", "not in", ... */
/* Calls fn(target, value, ctx) for each assignment expression `(target :=
 * value)` in the expressions of statement st (not in its blocks, and not in
 * a lambda): the names it binds, which Python binds in the function around. */
void ast_named_targets(const Node *st, void (*fn)(Node *target, Node *value, void *ctx), void *ctx);
/* The first statement among `body` and the blocks in it (if, loops, with,
 * try and its handlers; not a nested def or class) that `match` accepts,
 * or NULL: a def's own yield or `return value`. */
Node *ast_find_stmt(Node *body, bool (*match)(const Node *st));
/* Writes an S-expression of the tree, for the parser's unit tests. */
void ast_dump(FILE *out, const Node *n);

#endif

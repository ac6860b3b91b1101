/* parser.h - between the grammar's actions (grammar/gtp.y) and parse.c.
 *
 * Lemon's %extra_context is a Parser. Every rule action is one call to a
 * node builder here; the builders make AST nodes in the arena, work out
 * their spans and decode literals.
 */
#ifndef GT_PARSER_H
#define GT_PARSER_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"
#include "lex.h"

/* A list being built: appending at the tail keeps long lists linear. */
typedef struct NodeList {
  Node *head, *tail;
} NodeList;

/* An operator and where it is written (`not in` is two tokens). */
typedef struct OpTok {
  Op op;
  uint32_t pos, len;
} OpTok;

typedef struct Parser {
  Arena *arena;
  Diag *diag;
  const SrcFile *file;
  Layout *ly;
  Node *result;
  bool failed;         /* an error was reported: stop feeding tokens */
  Token cur;           /* the token being fed */
  Token prev;          /* the one before it */
  int fdepth;          /* f-strings inside f-strings */
} Parser;

/* Reports a syntax error (only the first counts) and stops the parse. */
void parse_error(Parser *p, uint32_t pos, uint32_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A syntax error at `found`: `expected` flags the acceptable token kinds;
 * `opener` is the keyword or bracket of the construct being parsed (kind 0
 * if none). */
void parse_syntax_error(Parser *p, Token found, const bool *expected, int nkinds, Token opener);

/* Read from Lemon's tables (the end of grammar/gtp.y). */
enum { GTP_MAX_TOKENS = 256 };
int gtp_token_kinds(void);                        /* at most GTP_MAX_TOKENS */
bool gtp_accepts(void *parser, int token);
void gtp_expected(void *parser, bool *expected);  /* one flag per token kind */
Token gtp_opener(void *parser);

/* lists */
NodeList parse_list0(void);
NodeList parse_list1(Node *n);
NodeList parse_list_add(NodeList l, Node *n);
NodeList parse_list_cat(NodeList a, NodeList b);
OpTok parse_optok(Op op, Token first, Token last);

/* statements */
Node *parse_module_node(Parser *p, NodeList body);
Node *parse_simple(Parser *p, NodeKind kind, Token kw);
Node *parse_expr_stmt(Parser *p, Node *e);
NodeList parse_assign_chain(Parser *p, NodeList chain, Node *value);
Node *parse_assign(Parser *p, NodeList chain);
Node *parse_augassign(Parser *p, Node *target, OpTok op, Node *value);
Node *parse_annassign(Parser *p, Node *target, Node *ann, Node *value);
Node *parse_return(Parser *p, Token kw, Node *value);
Node *parse_del(Parser *p, Token kw, NodeList targets);
Node *parse_global(Parser *p, Token kw, NodeList names);
Node *parse_nonlocal(Parser *p, Token kw, NodeList names);
Node *parse_import(Parser *p, Token kw, NodeList aliases);
Node *parse_fromimport(Parser *p, Token kw, Node *module, NodeList aliases);
Node *parse_dotted(Parser *p, Node *prefix, Token name);
Node *parse_alias(Parser *p, Node *alias, Token as);
Node *parse_assert(Parser *p, Token kw, Node *cond, Node *msg);
NodeList parse_if(Parser *p, NodeList chain, Token kw, Node *cond, NodeList body);
Node *parse_else(Parser *p, NodeList chain, NodeList orelse);
Node *parse_while(Parser *p, Token kw, Node *cond, NodeList body, NodeList orelse);
Node *parse_for(Parser *p, Token kw, Node *target, Node *iter, NodeList body, NodeList orelse);
Node *parse_with(Parser *p, Token kw, NodeList items, NodeList body);
Node *parse_withitem(Parser *p, Node *e, Node *target);
Node *parse_try(Parser *p, Token kw, NodeList body, NodeList handlers, NodeList orelse, NodeList finalbody);
Node *parse_handler(Parser *p, Token kw, Node *type, Node *name, NodeList body);
NodeList parse_match(Parser *p, Token kw, Node *subject, NodeList cases);
Node *parse_case(Parser *p, Token kw, Node *pattern, Node *as, Node *guard, NodeList body);
Node *parse_raise(Parser *p, Token kw, Node *exc, Node *cause);
Node *parse_funcdef(Parser *p, Token name, NodeList params, Node *ret, NodeList body);
Node *parse_externdef(Parser *p, Token kw, Token name, NodeList params, Node *ret, Token cname);
Node *parse_externvar(Parser *p, Token kw, Token name, Node *ann, Token cname);
Node *parse_externprop(Parser *p, Token kw, Token name, Node *ann, Token getter, Token setter);
Node *parse_classdef(Parser *p, Token name, NodeList bases, NodeList body);
Node *parse_decorated(Parser *p, Node *decorator, Node *def);
Node *parse_externlink(Parser *p, Token kw, Token name, Token lib);
Node *parse_externclass(Parser *p, Token name, NodeList bases, Token cname, NodeList body);
Node *parse_param(Parser *p, Token name, Node *ann, Node *dflt, int flags);
Node *parse_star(Parser *p, Token star);
/* A construct the grammar knows but gtorchc does not take, [first, last]. */
Node *parse_reject(Parser *p, Token first, Token last, const char *what);

/* expressions */
Node *parse_name(Parser *p, Token t);
Node *parse_int(Parser *p, Token t);
Node *parse_float(Parser *p, Token t);
Node *parse_const(Parser *p, NodeKind kind, Token t);
NodeList parse_string(Parser *p, NodeList pieces, Token t);
Node *parse_strings(Parser *p, NodeList pieces);
Node *parse_group(Parser *p, Token l, NodeList elts, Token r);
Node *parse_tuple(Parser *p, NodeList elts);
Node *parse_tuple_in(Parser *p, Token l, NodeList elts, Token r);
Node *parse_list(Parser *p, Token l, NodeList elts, Token r);
Node *parse_dict(Parser *p, Token l, NodeList pairs, Token r);
Node *parse_set(Parser *p, Token l, NodeList elts, Token r);
Node *parse_setcomp(Parser *p, Token l, Node *elt, NodeList comps, Token r);
Node *parse_pair(Parser *p, Node *key, Node *value);
Node *parse_listcomp(Parser *p, Token l, Node *elt, NodeList comps, Token r);
Node *parse_genexp(Parser *p, Token l, Node *elt, NodeList comps, Token r);
Node *parse_yield(Parser *p, Token kw, Node *value, bool from);
Node *parse_dictcomp(Parser *p, Token l, Node *key, Node *value, NodeList comps, Token r);
Node *parse_comp(Parser *p, Token kw, Node *target, Node *iter);
NodeList parse_comp_if(Parser *p, NodeList comps, Node *cond);
Node *parse_attr(Parser *p, Node *obj, Token name);
Node *parse_call(Parser *p, Node *callee, NodeList args, Token r);
Node *parse_keyword(Parser *p, Token name, Node *value);
Node *parse_starred(Parser *p, Token star, Node *e);
Node *parse_index(Parser *p, Node *obj, Node *index, Token r);
Node *parse_slice(Parser *p, Node *lo, Token colon, Node *hi, Node *step, Token last);
Node *parse_binop(Parser *p, Op op, Node *a, Node *b);
Node *parse_unary(Parser *p, Op op, Token t, Node *e);
Node *parse_boolop(Parser *p, Op op, Node *a, Node *b);
Node *parse_compare(Parser *p, Node *first, NodeList cmps);
Node *parse_cmp(Parser *p, OpTok op, Node *e);
Node *parse_ifexp(Parser *p, Node *then, Node *cond, Node *orelse);
Node *parse_lambda(Parser *p, Token kw, NodeList params, Node *body);
Node *parse_namedexpr(Parser *p, Token name, Node *value);

#endif

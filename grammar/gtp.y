/*
** gtp.y - the grammar of .gtp, for the Lemon parser generator.
**
** Python 3's grammar, the subset gtorchc compiles, in LALR(1) form. The
** layout pass (compiler/layout.c) has already turned indentation into
** NEWLINE, INDENT and DEDENT tokens. Every action is one call to a node
** builder in compiler/parse.c; the builders own spans and decoding.
**
** The token list below is the one list of token kinds: the lexer
** (compiler/lexer.re) returns these codes, as TK_ names from gtp.h.
*/

/************** Parser settings *********************************************/

%name gtp
%token_prefix TK_
%token_type {Token}
%default_type {Node *}
%extra_context {Parser *p}
%start_symbol start

/* A bounded stack: deep nesting is an error, never a crash. Brackets nest
** at most LAYOUT_MAX_NEST deep and blocks LAYOUT_MAX_INDENT, which fits. */
%stack_size 4000
%stack_overflow {
  parse_error(p, p->cur.pos, p->cur.len, "too many nested expressions and blocks");
}

/* parse.c checks each token with gtp_accepts before feeding it, so that
** the expected set is the one before Lemon's default reductions; this is
** the fallback. */
%syntax_error {
  bool expected[YYNTOKEN];
  gtp_expected(yypParser, expected);
  parse_syntax_error(p, TOKEN, expected, YYNTOKEN, gtp_opener(yypParser));
}

%include {
#include <stdbool.h>
#include "parser.h"

/* The driver stops at the first error; Lemon need not recover. */
#define YYNOERRORRECOVERY 1
/* Lemon's tracing and asserts are for debugging the parser generator. */
#ifndef NDEBUG
#define NDEBUG 1
#endif
}

/************** Tokens ******************************************************/

/* Layout and the start of an f-string replacement field. */
%token NEWLINE INDENT DEDENT FEXPR.

/* Literals and names. STRING is any string literal, f-strings included. */
%token NAME INT FLOAT STRING.

/* Keywords. EXTERN only at the start of a statement (see layout.c). */
%token FALSE NONE TRUE AND AS ASSERT BREAK CLASS CONTINUE DEF DEL ELIF ELSE
       FOR FROM GLOBAL IF IMPORT IN IS LAMBDA NOT OR PASS RETURN WHILE WITH
       EXTERN.
%token TRY EXCEPT FINALLY RAISE.
%token NONLOCAL.
%token YIELD.
/* Soft keywords: MATCH and CASE only where a statement starts and its
** line ends with ':' (see layout.c). */
%token MATCH CASE.
/* Python keywords gtorchc does not support: a clear error, not a name. */
%token UNSUPPORTED.

/* Operators and delimiters. */
%token PLUS MINUS STAR SLASH DSLASH PERCENT POW AT LSHIFT RSHIFT AMPER BAR
       CIRCUMFLEX TILDE LT GT LE GE EQ NE ASSIGN
       PLUSEQ MINUSEQ STAREQ SLASHEQ DSLASHEQ PERCENTEQ POWEQ ATEQ AMPEREQ
       BAREQ CIRCUMFLEXEQ LSHIFTEQ RSHIFTEQ COLONEQ
       ARROW DOT COMMA COLON SEMI LPAREN RPAREN LBRACKET RBRACKET LBRACE RBRACE
       ELLIPSIS.

/* Binary operators from `|` up, as in Python; comparisons and the boolean
** operators are spelled out as rules below because they do not nest the
** same way. `-x ** y` is `-(x ** y)`: unary binds looser than `**`. */
%left BAR.
%left CIRCUMFLEX.
%left AMPER.
%left LSHIFT RSHIFT.
%left PLUS MINUS.
%left STAR SLASH DSLASH PERCENT AT.
%right TILDE.
%right POW.

/************** Files and statements ****************************************/

start ::= module(M).                         { p->result = M; }
/* An f-string's `{expr}`, parsed by the same grammar. */
start ::= FEXPR testlist(E).                 { p->result = E; }

module(M) ::= stmts(L).                      { M = parse_module_node(p, L); }

%type stmts {NodeList}
stmts(L) ::= .                               { L = parse_list0(); }
stmts(L) ::= stmts(A) stmt(S).               { L = parse_list_cat(A, S); }

%type stmt {NodeList}
stmt(L) ::= simple_stmt(A).                  { L = A; }
stmt(L) ::= compound_stmt(S).                { L = parse_list1(S); }
/* match: 'match' subject ':' NEWLINE INDENT case+ DEDENT (PEP 634), made
** the if statement that tests its cases in turn (parse.c parse_match) */
stmt(L) ::= MATCH(K) testlist(E) COLON NEWLINE INDENT cases(C) DEDENT. { L = parse_match(p, K, E, C); }
%type cases {NodeList}
cases(L) ::= case(C).                        { L = parse_list1(C); }
cases(L) ::= cases(A) case(C).               { L = parse_list_add(A, C); }
/* case: 'case' pattern ['as' NAME] ['if' namedexpr] ':' suite; the pattern
** is read as an expression (`1 | 2`, `Color.RED`, `Point(x=0)`, `[a, *rest]`),
** which parse_match tests */
case(C) ::= CASE(K) targets(P) COLON suite(B).                 { C = parse_case(p, K, P, NULL, NULL, B); }
case(C) ::= CASE(K) targets(P) IF namedexpr(G) COLON suite(B). { C = parse_case(p, K, P, NULL, G, B); }
case(C) ::= CASE(K) targets(P) AS NAME(N) COLON suite(B).      { C = parse_case(p, K, P, parse_name(p, N), NULL, B); }
case(C) ::= CASE(K) targets(P) AS NAME(N) IF namedexpr(G) COLON suite(B).
                                                               { C = parse_case(p, K, P, parse_name(p, N), G, B); }

/* simple_stmt: small_stmt (';' small_stmt)* [';'] NEWLINE */
%type simple_stmt {NodeList}
simple_stmt(L) ::= small_stmts(A) NEWLINE.      { L = A; }
simple_stmt(L) ::= small_stmts(A) SEMI NEWLINE. { L = A; }

%type small_stmts {NodeList}
small_stmts(L) ::= small_stmt(S).                       { L = parse_list1(S); }
small_stmts(L) ::= small_stmts(A) SEMI small_stmt(S).   { L = parse_list_add(A, S); }

/* suite: simple_stmt | NEWLINE INDENT stmt+ DEDENT */
%type suite {NodeList}
suite(L) ::= simple_stmt(A).                 { L = A; }
suite(L) ::= NEWLINE INDENT stmts(A) DEDENT. { L = A; }

/************** Simple statements *******************************************/

/* expression statement: testlist */
small_stmt(S) ::= testlist(E).               { S = parse_expr_stmt(p, E); }

/* assignment: (testlist '=')+ testlist */
small_stmt(S) ::= assign_chain(C).           { S = parse_assign(p, C); }
%type assign_chain {NodeList}
assign_chain(C) ::= testlist(T) ASSIGN testlist(V).  { C = parse_assign_chain(p, parse_list1(T), V); }
assign_chain(C) ::= assign_chain(A) ASSIGN testlist(V). { C = parse_assign_chain(p, A, V); }

/* augmented assignment: target augop testlist */
small_stmt(S) ::= testlist(T) augop(O) testlist(V). { S = parse_augassign(p, T, O, V); }
%type augop {OpTok}
augop(O) ::= PLUSEQ(T).       { O = parse_optok(OP_ADD, T, T); }
augop(O) ::= MINUSEQ(T).      { O = parse_optok(OP_SUB, T, T); }
augop(O) ::= STAREQ(T).       { O = parse_optok(OP_MUL, T, T); }
augop(O) ::= SLASHEQ(T).      { O = parse_optok(OP_DIV, T, T); }
augop(O) ::= DSLASHEQ(T).     { O = parse_optok(OP_FLOORDIV, T, T); }
augop(O) ::= PERCENTEQ(T).    { O = parse_optok(OP_MOD, T, T); }
augop(O) ::= POWEQ(T).        { O = parse_optok(OP_POW, T, T); }
augop(O) ::= ATEQ(T).         { O = parse_optok(OP_MATMUL, T, T); }
augop(O) ::= AMPEREQ(T).      { O = parse_optok(OP_BITAND, T, T); }
augop(O) ::= BAREQ(T).        { O = parse_optok(OP_BITOR, T, T); }
augop(O) ::= CIRCUMFLEXEQ(T). { O = parse_optok(OP_BITXOR, T, T); }
augop(O) ::= LSHIFTEQ(T).     { O = parse_optok(OP_LSHIFT, T, T); }
augop(O) ::= RSHIFTEQ(T).     { O = parse_optok(OP_RSHIFT, T, T); }

/* annotated assignment: target ':' type ['=' testlist] */
small_stmt(S) ::= test(T) COLON test(A).     { S = parse_annassign(p, T, A, NULL); }
small_stmt(S) ::= test(T) COLON test(A) ASSIGN testlist(V). { S = parse_annassign(p, T, A, V); }

small_stmt(S) ::= PASS(K).                   { S = parse_simple(p, ST_PASS, K); }
small_stmt(S) ::= BREAK(K).                  { S = parse_simple(p, ST_BREAK, K); }
small_stmt(S) ::= CONTINUE(K).               { S = parse_simple(p, ST_CONTINUE, K); }
small_stmt(S) ::= RETURN(K).                 { S = parse_return(p, K, NULL); }
small_stmt(S) ::= RETURN(K) testlist(E).     { S = parse_return(p, K, E); }

/* yield as a statement: 'yield' [testlist] | 'yield' 'from' test */
small_stmt(S) ::= YIELD(K).                  { S = parse_yield(p, K, NULL, false); }
small_stmt(S) ::= YIELD(K) testlist(E).      { S = parse_yield(p, K, E, false); }
small_stmt(S) ::= YIELD(K) FROM test(E).     { S = parse_yield(p, K, E, true); }

/* del: 'del' expr (',' expr)* [','] */
small_stmt(S) ::= DEL(K) exprs(L).           { S = parse_del(p, K, L); }
small_stmt(S) ::= DEL(K) exprs(L) COMMA.     { S = parse_del(p, K, L); }
%type exprs {NodeList}
exprs(L) ::= expr(E).                        { L = parse_list1(E); }
exprs(L) ::= exprs(A) COMMA expr(E).         { L = parse_list_add(A, E); }

/* global: 'global' NAME (',' NAME)* */
small_stmt(S) ::= GLOBAL(K) names(L).        { S = parse_global(p, K, L); }
/* nonlocal a, b */
small_stmt(S) ::= NONLOCAL(K) names(L).      { S = parse_nonlocal(p, K, L); }
%type names {NodeList}
names(L) ::= NAME(N).                        { L = parse_list1(parse_name(p, N)); }
names(L) ::= names(A) COMMA NAME(N).         { L = parse_list_add(A, parse_name(p, N)); }

/* raise: 'raise' [test ['from' test]] */
small_stmt(S) ::= RAISE(K).                         { S = parse_raise(p, K, NULL, NULL); }
small_stmt(S) ::= RAISE(K) test(E).                 { S = parse_raise(p, K, E, NULL); }
small_stmt(S) ::= RAISE(K) test(E) FROM test(C).    { S = parse_raise(p, K, E, C); }

small_stmt(S) ::= ASSERT(K) test(C).                { S = parse_assert(p, K, C, NULL); }
small_stmt(S) ::= ASSERT(K) test(C) COMMA test(M).  { S = parse_assert(p, K, C, M); }

/* import: 'import' dotted ['as' NAME] (',' dotted ['as' NAME])* */
small_stmt(S) ::= IMPORT(K) dotted_as_list(L).      { S = parse_import(p, K, L); }
%type dotted_as_list {NodeList}
dotted_as_list(L) ::= dotted_as(A).                      { L = parse_list1(A); }
dotted_as_list(L) ::= dotted_as_list(B) COMMA dotted_as(A). { L = parse_list_add(B, A); }
dotted_as(A) ::= dotted(D).                  { A = D; }
dotted_as(A) ::= dotted(D) AS NAME(N).       { A = parse_alias(p, D, N); }
dotted(D) ::= NAME(N).                       { D = parse_dotted(p, NULL, N); }
dotted(D) ::= dotted(A) DOT NAME(N).         { D = parse_dotted(p, A, N); }

/* from: 'from' dotted 'import' (names | '(' names [','] ')') */
small_stmt(S) ::= FROM(K) dotted(M) IMPORT import_names(L). { S = parse_fromimport(p, K, M, L); }
small_stmt(S) ::= FROM dotted IMPORT STAR(T). { S = parse_reject(p, T, T, "'from ... import *' is not supported"); }
%type import_names {NodeList}
import_names(L) ::= as_names(A).                       { L = A; }
import_names(L) ::= LPAREN as_names(A) RPAREN.         { L = A; }
import_names(L) ::= LPAREN as_names(A) COMMA RPAREN.   { L = A; }
%type as_names {NodeList}
as_names(L) ::= as_name(A).                  { L = parse_list1(A); }
as_names(L) ::= as_names(B) COMMA as_name(A). { L = parse_list_add(B, A); }
as_name(A) ::= NAME(N).                      { A = parse_dotted(p, NULL, N); }
as_name(A) ::= NAME(N) AS NAME(M).           { A = parse_alias(p, parse_dotted(p, NULL, N), M); }

/* extern def NAME(params) [-> type] = "c_name"
** extern NAME: type = "c_name"
** extern NAME: type = "getter", "setter"   (a property that can be set) */
small_stmt(S) ::= EXTERN(K) DEF NAME(N) LPAREN params(P) RPAREN ret(R) ASSIGN STRING(C).
                                             { S = parse_externdef(p, K, N, P, R, C); }
small_stmt(S) ::= EXTERN(K) NAME(N) COLON test(A) ASSIGN STRING(C).
                                             { S = parse_externvar(p, K, N, A, C); }
small_stmt(S) ::= EXTERN(K) NAME(N) COLON test(A) ASSIGN STRING(C) COMMA STRING(D).
                                             { S = parse_externprop(p, K, N, A, C, D); }

/* extern link "lib": a program that imports this module links the runtime
** library lib (libLIB.a, and the flags in libLIB.link beside it) */
small_stmt(S) ::= EXTERN(K) NAME(N) STRING(L).  { S = parse_externlink(p, K, N, L); }

/************** Compound statements *****************************************/

/* if: 'if' test ':' suite ('elif' test ':' suite)* ['else' ':' suite] */
compound_stmt(S) ::= if_chain(C).                        { S = parse_else(p, C, parse_list0()); }
compound_stmt(S) ::= if_chain(C) ELSE COLON suite(B).    { S = parse_else(p, C, B); }
%type if_chain {NodeList}
if_chain(C) ::= IF(K) namedexpr(E) COLON suite(B).       { C = parse_if(p, parse_list0(), K, E, B); }
if_chain(C) ::= if_chain(A) ELIF(K) namedexpr(E) COLON suite(B). { C = parse_if(p, A, K, E, B); }

/* while: 'while' test ':' suite ['else' ':' suite] */
compound_stmt(S) ::= WHILE(K) namedexpr(E) COLON suite(B). { S = parse_while(p, K, E, B, parse_list0()); }
compound_stmt(S) ::= WHILE(K) namedexpr(E) COLON suite(B) ELSE COLON suite(O).
                                                         { S = parse_while(p, K, E, B, O); }

/* namedexpr: NAME ':=' test | test -- a condition may bind a name (PEP 572) */
namedexpr(E) ::= test(A).                                 { E = A; }
namedexpr(E) ::= NAME(N) COLONEQ test(V).                 { E = parse_namedexpr(p, N, V); }

/* for: 'for' targets 'in' testlist ':' suite ['else' ':' suite] */
compound_stmt(S) ::= FOR(K) targets(T) IN testlist(E) COLON suite(B).
                                                         { S = parse_for(p, K, T, E, B, parse_list0()); }
compound_stmt(S) ::= FOR(K) targets(T) IN testlist(E) COLON suite(B) ELSE COLON suite(O).
                                                         { S = parse_for(p, K, T, E, B, O); }

/* targets: expr (',' expr)* [','] - not test, so `in` is not a comparison */
targets(T) ::= expr(E).                      { T = E; }
targets(T) ::= STAR(S) expr(E).              { T = parse_starred(p, S, E); }  /* an error: check_target's */
targets(T) ::= target_items(L) COMMA.        { T = parse_tuple(p, L); }
targets(T) ::= target_items(L) COMMA target_item(E). { T = parse_tuple(p, parse_list_add(L, E)); }
/* target_item: expr | '*' expr (for first, *rest in rows) */
%type target_items {NodeList}
target_items(L) ::= target_item(E).          { L = parse_list1(E); }
target_items(L) ::= target_items(A) COMMA target_item(E). { L = parse_list_add(A, E); }
target_item(E) ::= expr(A).                  { E = A; }
target_item(E) ::= STAR(S) expr(A).          { E = parse_starred(p, S, A); }

/* try: 'try' ':' suite ((handler)+ ['else' ':' suite] ['finally' ':' suite] | 'finally' ':' suite) */
compound_stmt(S) ::= TRY(K) COLON suite(B) handlers(H).
                            { S = parse_try(p, K, B, H, parse_list0(), parse_list0()); }
compound_stmt(S) ::= TRY(K) COLON suite(B) handlers(H) ELSE COLON suite(O).
                            { S = parse_try(p, K, B, H, O, parse_list0()); }
compound_stmt(S) ::= TRY(K) COLON suite(B) handlers(H) FINALLY COLON suite(F).
                            { S = parse_try(p, K, B, H, parse_list0(), F); }
compound_stmt(S) ::= TRY(K) COLON suite(B) handlers(H) ELSE COLON suite(O) FINALLY COLON suite(F).
                            { S = parse_try(p, K, B, H, O, F); }
compound_stmt(S) ::= TRY(K) COLON suite(B) FINALLY COLON suite(F).
                            { S = parse_try(p, K, B, parse_list0(), parse_list0(), F); }
%type handlers {NodeList}
handlers(L) ::= handler(H).                              { L = parse_list1(H); }
handlers(L) ::= handlers(A) handler(H).                  { L = parse_list_add(A, H); }
/* handler: 'except' [test ['as' NAME]] ':' suite */
handler(H) ::= EXCEPT(K) COLON suite(B).                 { H = parse_handler(p, K, NULL, NULL, B); }
handler(H) ::= EXCEPT(K) test(T) COLON suite(B).         { H = parse_handler(p, K, T, NULL, B); }
handler(H) ::= EXCEPT(K) test(T) AS NAME(N) COLON suite(B).
                                                         { H = parse_handler(p, K, T, parse_name(p, N), B); }

/* with: 'with' item (',' item)* ':' suite */
compound_stmt(S) ::= WITH(K) with_items(L) COLON suite(B). { S = parse_with(p, K, L, B); }
%type with_items {NodeList}
with_items(L) ::= with_item(I).                          { L = parse_list1(I); }
with_items(L) ::= with_items(A) COMMA with_item(I).      { L = parse_list_add(A, I); }
with_item(I) ::= test(E).                                { I = parse_withitem(p, E, NULL); }
with_item(I) ::= test(E) AS expr(T).                     { I = parse_withitem(p, E, T); }

/* def: 'def' NAME '(' params ')' ['->' test] ':' suite */
compound_stmt(S) ::= DEF NAME(N) LPAREN params(P) RPAREN ret(R) COLON suite(B).
                                             { S = parse_funcdef(p, N, P, R, B); }
ret(R) ::= .                                 { R = NULL; }
ret(R) ::= ARROW test(E).                    { R = E; }

%type params {NodeList}
params(L) ::= .                              { L = parse_list0(); }
params(L) ::= param_list(A).                 { L = A; }
params(L) ::= param_list(A) COMMA.           { L = A; }
%type param_list {NodeList}
param_list(L) ::= param(P).                  { L = parse_list1(P); }
param_list(L) ::= param_list(A) COMMA param(P). { L = parse_list_add(A, P); }

/* param: NAME [':' test] ['=' test] | '*' | '*' NAME [':' test] | '**' NAME [':' test] */
param(P) ::= NAME(N) ann(A).                 { P = parse_param(p, N, A, NULL, 0); }
param(P) ::= NAME(N) ann(A) ASSIGN test(D).  { P = parse_param(p, N, A, D, 0); }
param(P) ::= STAR(S).                        { P = parse_star(p, S); }
param(P) ::= STAR NAME(N) ann(A).            { P = parse_param(p, N, A, NULL, PARAM_STARARGS); }
param(P) ::= POW NAME(N) ann(A).             { P = parse_param(p, N, A, NULL, PARAM_KWARGS); }
ann(A) ::= .                                 { A = NULL; }
ann(A) ::= COLON test(E).                    { A = E; }

/* class: 'class' NAME ['(' [bases] ')'] ':' suite */
compound_stmt(S) ::= CLASS NAME(N) COLON suite(B).       { S = parse_classdef(p, N, parse_list0(), B); }
compound_stmt(S) ::= CLASS NAME(N) LPAREN RPAREN COLON suite(B).
                                                         { S = parse_classdef(p, N, parse_list0(), B); }
compound_stmt(S) ::= CLASS NAME(N) LPAREN elts(L) RPAREN COLON suite(B).
                                                         { S = parse_classdef(p, N, L, B); }
compound_stmt(S) ::= CLASS NAME(N) LPAREN elts(L) COMMA RPAREN COLON suite(B).
                                                         { S = parse_classdef(p, N, L, B); }

/* decorated: decorator+ (funcdef | classdef); decorator: '@' expr NEWLINE
** (parse_decorated takes a def or a class only) */
compound_stmt(S) ::= AT expr(E) NEWLINE compound_stmt(C). { S = parse_decorated(p, E, C); }
/* @staticmethod above an extern def of an extern class (Embedding.from_pretrained) */
compound_stmt(S) ::= AT expr(E) NEWLINE EXTERN(K) DEF NAME(N) LPAREN params(P) RPAREN ret(R) ASSIGN STRING(C) NEWLINE.
                                             { S = parse_decorated(p, E, parse_externdef(p, K, N, P, R, C)); }

/* extern class: 'extern' 'class' NAME ['(' bases [',' 'protocol' '=' STRING] ')'] '=' STRING ':' suite
** An opaque run-time type (the C struct named by STRING) whose suite
** declares its methods with `extern def` and its properties with `extern`;
** protocol= names the runtime protocol its instances follow (resolve.c). */
compound_stmt(S) ::= EXTERN CLASS NAME(N) ASSIGN STRING(C) COLON suite(B).
                                                         { S = parse_externclass(p, N, parse_list0(), C, B); }
compound_stmt(S) ::= EXTERN CLASS NAME(N) LPAREN args(L) RPAREN ASSIGN STRING(C) COLON suite(B).
                                                         { S = parse_externclass(p, N, L, C, B); }

/************** Expressions *************************************************/

/* testlist: test | test ',' ... [','] - a bare tuple */
testlist(E) ::= test(A).                     { E = A; }
testlist(E) ::= elts(L) COMMA.               { E = parse_tuple(p, L); }
testlist(E) ::= elts(L) COMMA elt(A).        { E = parse_tuple(p, parse_list_add(L, A)); }
/* a bare starred item: an error where it stands (check_target, the checker) */
testlist(E) ::= STAR(S) expr(A).             { E = parse_starred(p, S, A); }

/* elts: elt (',' elt)*; elt: test | '*' expr - a starred item, of a
 * display ([*xs, y]) or a target (first, *rest = xs) */
%type elts {NodeList}
elts(L) ::= elt(A).                          { L = parse_list1(A); }
elts(L) ::= elts(B) COMMA elt(A).            { L = parse_list_add(B, A); }
elt(E) ::= test(A).                          { E = A; }
elt(E) ::= STAR(S) expr(A).                  { E = parse_starred(p, S, A); }

/* test: or_test ['if' or_test 'else' test] | lambda */
test(E) ::= or_test(A).                      { E = A; }
test(E) ::= or_test(A) IF or_test(C) ELSE test(B). { E = parse_ifexp(p, A, C, B); }
test(E) ::= LAMBDA(K) COLON test(B).         { E = parse_lambda(p, K, parse_list0(), B); }
test(E) ::= LAMBDA(K) lambda_params(P) COLON test(B). { E = parse_lambda(p, K, P, B); }
%type lambda_params {NodeList}
lambda_params(L) ::= lambda_param(A).        { L = parse_list1(A); }
lambda_params(L) ::= lambda_params(B) COMMA lambda_param(A). { L = parse_list_add(B, A); }
lambda_param(P) ::= NAME(N).                 { P = parse_param(p, N, NULL, NULL, 0); }
lambda_param(P) ::= NAME(N) ASSIGN test(D).  { P = parse_param(p, N, NULL, D, 0); }

or_test(E) ::= and_test(A).                  { E = A; }
or_test(E) ::= or_test(A) OR and_test(B).    { E = parse_boolop(p, OP_OR, A, B); }
and_test(E) ::= not_test(A).                 { E = A; }
and_test(E) ::= and_test(A) AND not_test(B). { E = parse_boolop(p, OP_AND, A, B); }
not_test(E) ::= comparison(A).               { E = A; }
not_test(E) ::= NOT(T) not_test(A).          { E = parse_unary(p, OP_NOT, T, A); }

/* comparison: expr (cmpop expr)* - one node for a chain `a < b <= c` */
comparison(E) ::= expr(A).                   { E = A; }
comparison(E) ::= expr(A) cmps(L).           { E = parse_compare(p, A, L); }
%type cmps {NodeList}
cmps(L) ::= cmpop(O) expr(B).                { L = parse_list1(parse_cmp(p, O, B)); }
cmps(L) ::= cmps(A) cmpop(O) expr(B).        { L = parse_list_add(A, parse_cmp(p, O, B)); }
%type cmpop {OpTok}
cmpop(O) ::= LT(T).                          { O = parse_optok(OP_LT, T, T); }
cmpop(O) ::= GT(T).                          { O = parse_optok(OP_GT, T, T); }
cmpop(O) ::= LE(T).                          { O = parse_optok(OP_LE, T, T); }
cmpop(O) ::= GE(T).                          { O = parse_optok(OP_GE, T, T); }
cmpop(O) ::= EQ(T).                          { O = parse_optok(OP_EQ, T, T); }
cmpop(O) ::= NE(T).                          { O = parse_optok(OP_NE, T, T); }
cmpop(O) ::= IN(T).                          { O = parse_optok(OP_IN, T, T); }
cmpop(O) ::= NOT(T) IN(U).                   { O = parse_optok(OP_NOTIN, T, U); }
cmpop(O) ::= IS(T).                          { O = parse_optok(OP_IS, T, T); }
cmpop(O) ::= IS(T) NOT(U).                   { O = parse_optok(OP_ISNOT, T, U); }

/* expr: the binary and unary operators, by the precedence table above */
expr(E) ::= primary(A).                      { E = A; }
expr(E) ::= expr(A) BAR expr(B).             { E = parse_binop(p, OP_BITOR, A, B); }
expr(E) ::= expr(A) CIRCUMFLEX expr(B).      { E = parse_binop(p, OP_BITXOR, A, B); }
expr(E) ::= expr(A) AMPER expr(B).           { E = parse_binop(p, OP_BITAND, A, B); }
expr(E) ::= expr(A) LSHIFT expr(B).          { E = parse_binop(p, OP_LSHIFT, A, B); }
expr(E) ::= expr(A) RSHIFT expr(B).          { E = parse_binop(p, OP_RSHIFT, A, B); }
expr(E) ::= expr(A) PLUS expr(B).            { E = parse_binop(p, OP_ADD, A, B); }
expr(E) ::= expr(A) MINUS expr(B).           { E = parse_binop(p, OP_SUB, A, B); }
expr(E) ::= expr(A) STAR expr(B).            { E = parse_binop(p, OP_MUL, A, B); }
expr(E) ::= expr(A) SLASH expr(B).           { E = parse_binop(p, OP_DIV, A, B); }
expr(E) ::= expr(A) DSLASH expr(B).          { E = parse_binop(p, OP_FLOORDIV, A, B); }
expr(E) ::= expr(A) PERCENT expr(B).         { E = parse_binop(p, OP_MOD, A, B); }
expr(E) ::= expr(A) AT expr(B).              { E = parse_binop(p, OP_MATMUL, A, B); }
expr(E) ::= expr(A) POW expr(B).             { E = parse_binop(p, OP_POW, A, B); }
expr(E) ::= MINUS(T) expr(A). [TILDE]        { E = parse_unary(p, OP_NEG, T, A); }
expr(E) ::= PLUS(T) expr(A). [TILDE]         { E = parse_unary(p, OP_POS, T, A); }
expr(E) ::= TILDE(T) expr(A).                { E = parse_unary(p, OP_INVERT, T, A); }

/* primary: atom trailer* */
primary(E) ::= atom(A).                      { E = A; }
primary(E) ::= primary(A) DOT NAME(N).       { E = parse_attr(p, A, N); }
primary(E) ::= primary(A) LPAREN RPAREN(R).  { E = parse_call(p, A, parse_list0(), R); }
primary(E) ::= primary(A) LPAREN args(L) RPAREN(R).       { E = parse_call(p, A, L, R); }
primary(E) ::= primary(A) LPAREN args(L) COMMA RPAREN(R). { E = parse_call(p, A, L, R); }
/* a generator expression as the sole argument: primary '(' test comp_for ')' */
primary(E) ::= primary(A) LPAREN(L) test(X) comps(C) RPAREN(R).
                        { E = parse_call(p, A, parse_list1(parse_genexp(p, L, X, C, R)), R); }
primary(E) ::= primary(A) LBRACKET subscripts(I) RBRACKET(R). { E = parse_index(p, A, I, R); }

/* args: arg (',' arg)*; arg: test | NAME '=' test | '*' test | '**' test */
%type args {NodeList}
args(L) ::= arg(A).                          { L = parse_list1(A); }
args(L) ::= args(B) COMMA arg(A).            { L = parse_list_add(B, A); }
arg(A) ::= test(E).                          { A = E; }
arg(A) ::= NAME(N) ASSIGN test(E).           { A = parse_keyword(p, N, E); }
arg(A) ::= NAME(N) COLONEQ test(V).          { A = parse_namedexpr(p, N, V); }  /* f(x := 1) */
arg(A) ::= STAR(S) test(E).                  { A = parse_starred(p, S, E); }
arg(A) ::= POW(S) test(E).                   { A = parse_starred(p, S, E); A->op = OP_POW; }

/* subscripts: subscript (',' subscript)* [','] - a tuple when there is a comma */
subscripts(E) ::= subscript(A).              { E = A; }
subscripts(E) ::= sub_list(L) COMMA.         { E = parse_tuple(p, L); }
subscripts(E) ::= sub_list(L) COMMA subscript(A). { E = parse_tuple(p, parse_list_add(L, A)); }
%type sub_list {NodeList}
sub_list(L) ::= subscript(A).                { L = parse_list1(A); }
sub_list(L) ::= sub_list(B) COMMA subscript(A). { L = parse_list_add(B, A); }

/* subscript: test | [test] ':' [test] [':' [test]] */
subscript(E) ::= test(A).                    { E = A; }
subscript(E) ::= opt_test(L) COLON(C) opt_test(H).   { E = parse_slice(p, L, C, H, NULL, C); }
subscript(E) ::= opt_test(L) COLON(C) opt_test(H) COLON(D) opt_test(S).
                                             { E = parse_slice(p, L, C, H, S, D); }
opt_test(E) ::= .                            { E = NULL; }
opt_test(E) ::= test(A).                     { E = A; }

/************** Atoms *******************************************************/

atom(E) ::= NAME(T).                         { E = parse_name(p, T); }
atom(E) ::= INT(T).                          { E = parse_int(p, T); }
atom(E) ::= FLOAT(T).                        { E = parse_float(p, T); }
atom(E) ::= TRUE(T).                         { E = parse_const(p, EX_TRUE, T); }
atom(E) ::= FALSE(T).                        { E = parse_const(p, EX_FALSE, T); }
atom(E) ::= NONE(T).                         { E = parse_const(p, EX_NONE, T); }
atom(E) ::= ELLIPSIS(T).                     { E = parse_const(p, EX_ELLIPSIS, T); }

/* strings: adjacent literals are one value */
atom(E) ::= strings(L).                      { E = parse_strings(p, L); }
%type strings {NodeList}
strings(L) ::= STRING(T).                    { L = parse_string(p, parse_list0(), T); }
strings(L) ::= strings(A) STRING(T).         { L = parse_string(p, A, T); }

/* '(' ')' | '(' test ')' | '(' test ',' ... [','] ')' */
atom(E) ::= LPAREN(L) RPAREN(R).             { E = parse_tuple_in(p, L, parse_list0(), R); }
atom(E) ::= LPAREN(L) elts(A) RPAREN(R).     { E = parse_group(p, L, A, R); }
atom(E) ::= LPAREN(L) elts(A) COMMA RPAREN(R). { E = parse_tuple_in(p, L, A, R); }
atom(E) ::= LPAREN NAME(N) COLONEQ test(V) RPAREN. { E = parse_namedexpr(p, N, V); }
/* '(' test comp_for ')': a generator expression */
atom(E) ::= LPAREN(L) test(A) comps(C) RPAREN(R). { E = parse_genexp(p, L, A, C, R); }

/* '[' [elts [',']] ']' | '[' test comp_for ']' */
atom(E) ::= LBRACKET(L) RBRACKET(R).         { E = parse_list(p, L, parse_list0(), R); }
atom(E) ::= LBRACKET(L) elts(A) RBRACKET(R). { E = parse_list(p, L, A, R); }
atom(E) ::= LBRACKET(L) elts(A) COMMA RBRACKET(R). { E = parse_list(p, L, A, R); }
atom(E) ::= LBRACKET(L) test(A) comps(C) RBRACKET(R). { E = parse_listcomp(p, L, A, C, R); }

/* '{' [pairs [',']] '}' | '{' test ':' test comp_for '}'; a pair may be '**' expr */
atom(E) ::= LBRACE(L) RBRACE(R).             { E = parse_dict(p, L, parse_list0(), R); }
atom(E) ::= LBRACE(L) pairs(A) RBRACE(R).    { E = parse_dict(p, L, A, R); }
atom(E) ::= LBRACE(L) pairs(A) COMMA RBRACE(R). { E = parse_dict(p, L, A, R); }
atom(E) ::= LBRACE(L) test(K) COLON test(V) comps(C) RBRACE(R). { E = parse_dictcomp(p, L, K, V, C, R); }
/* '{' elts [','] '}' | '{' test comp_for '}': a set */
atom(E) ::= LBRACE(L) elts(A) RBRACE(R).     { E = parse_set(p, L, A, R); }
atom(E) ::= LBRACE(L) elts(A) COMMA RBRACE(R). { E = parse_set(p, L, A, R); }
atom(E) ::= LBRACE(L) test(A) comps(C) RBRACE(R). { E = parse_setcomp(p, L, A, C, R); }
%type pairs {NodeList}
pairs(L) ::= test(K) COLON test(V).          { L = parse_list1(parse_pair(p, K, V)); }
pairs(L) ::= pairs(A) COMMA test(K) COLON test(V). { L = parse_list_add(A, parse_pair(p, K, V)); }
pairs(L) ::= POW(S) expr(E).                  { L = parse_list1(parse_starred(p, S, E)); }
pairs(L) ::= pairs(A) COMMA POW(S) expr(E).   { L = parse_list_add(A, parse_starred(p, S, E)); }

/* comprehension clauses: ('for' targets 'in' or_test ('if' or_test)*)+ */
%type comps {NodeList}
comps(L) ::= comp_for(C).                    { L = parse_list1(C); }
comps(L) ::= comps(A) comp_for(C).           { L = parse_list_add(A, C); }
comps(L) ::= comps(A) IF or_test(E).         { L = parse_comp_if(p, A, E); }
comp_for(C) ::= FOR(K) targets(T) IN or_test(E). { C = parse_comp(p, K, T, E); }

/************** Helpers that read Lemon's tables *****************************/

%code {
/* Whether the parser would take `token` now. Replays the reductions the
** token would cause, without touching the parser: popped entries come off
** the real stack by index, pushed ones go on a small overlay. */
bool gtp_accepts(void *parser, int token) {
  yyParser *yyp = parser;
  int real = (int)(yyp->yytos - yyp->yystack);
  YYACTIONTYPE over[256];
  int nover = 0;
  for (;;) {
    YYACTIONTYPE state = nover ? over[nover - 1] : yyp->yystack[real].stateno;
    YYACTIONTYPE act = yy_find_shift_action((YYCODETYPE)token, state);
    if (act < YY_MIN_REDUCE || act > YY_MAX_REDUCE)
      return act <= YY_MAX_SHIFTREDUCE || act == YY_ACCEPT_ACTION;
    unsigned rule = act - YY_MIN_REDUCE;
    for (int n = -yyRuleInfoNRhs[rule]; n > 0; n--) {
      if (nover > 0)
        nover--;
      else if (--real < 0)
        return false;
    }
    if (nover == (int)(sizeof over / sizeof over[0]))
      return true;  /* too deep to tell; let the parser decide */
    state = nover ? over[nover - 1] : yyp->yystack[real].stateno;
    over[nover++] = yy_find_reduce_action(state, yyRuleInfoLhs[rule]);
  }
}

int gtp_token_kinds(void) {
  return YYNTOKEN;
}

void gtp_expected(void *parser, bool *expected) {
  for (int t = 0; t < YYNTOKEN; t++)
    expected[t] = gtp_accepts(parser, t);
}

/* The keyword that opened the compound statement (or the bracket) being
** parsed: the innermost one on the stack since the last statement
** boundary, skipping bracket pairs already closed. */
Token gtp_opener(void *parser) {
  yyParser *yyp = parser;
  Token none = {0, 0, 0};
  int closed = 0;
  yyStackEntry *e = yyp->yytos;
  if (e > yyp->yystack && e->major == TK_NEWLINE)
    e--;  /* the NEWLINE before an expected indented block */
  for (; e > yyp->yystack; e--) {
    switch (e->major) {
    case TK_RPAREN: case TK_RBRACKET: case TK_RBRACE:
      closed++;
      break;
    case TK_LPAREN: case TK_LBRACKET: case TK_LBRACE:
      if (closed == 0)
        return e->minor.yy0;
      closed--;
      break;
    case TK_IF: case TK_ELIF: case TK_ELSE: case TK_WHILE: case TK_FOR:
    case TK_WITH: case TK_DEF: case TK_CLASS: case TK_LAMBDA:
    case TK_TRY: case TK_EXCEPT: case TK_FINALLY:
      if (closed == 0)
        return e->minor.yy0;
      break;
    case TK_NEWLINE: case TK_INDENT: case TK_DEDENT: case TK_SEMI:
      return none;
    }
  }
  return none;
}
}

/* check_declared.c - fields that calls declare: argparse's add_argument.
 *
 * A method declared `-> field_declaration[C]` (stdlib/argparse.gtp's
 * add_argument, C its Namespace, a class of protocol="namespace") declares
 * a field of C at each of its calls. Before any body is checked,
 * `declare_fields` finds those calls in the program's tree by the method's
 * name and reads each one's literals: the option strings give the field's
 * name (its dest), the keywords its type as argparse gives the value
 * (type=, default=, action=, nargs=, const=, required=). So every function
 * sees every field, wherever the namespace is passed. Where the call itself
 * is checked (`check_declared_call`), its CallInfo (CALL_DECLARE) gets the
 * record that emit passes to the runtime, and help=, default=, const= and
 * choices= are typed as expressions. docs/internals.md, "Namespace fields".
 */
#include "check.h"

static bool is_keyword(const Func *f, const char *name) {
  for (int i = 1; i < f->nparams; i++)
    if (!(f->params[i].decl->flags & PARAM_STARARGS) && strcmp(f->params[i].name, name) == 0) return true;
  return false;
}

/* The type of a literal value: a number (with its sign), str, bool, None,
 * or a list display of one such type; NULL for anything else. */
static Type *literal_type(Ctx *c, Node *v) {
  switch (v->kind) {
  case EX_INT: return T(TY_INT);
  case EX_FLOAT: return T(TY_FLOAT);
  case EX_STR: return T(TY_STR);
  case EX_TRUE: case EX_FALSE: return T(TY_BOOL);
  case EX_NONE: return T(TY_NONE);
  case EX_UNARY:
    if ((v->op == OP_NEG || v->op == OP_POS) && (v->lhs->kind == EX_INT || v->lhs->kind == EX_FLOAT))
      return literal_type(c, v->lhs);
    return NULL;
  case EX_LIST: case EX_TUPLE: {
    Type *elem = T(TY_UNKNOWN);
    for (Node *x = v->elts; x; x = x->next) {
      Type *t = literal_type(c, x);
      if (!t || t->kind == TY_LIST || t->kind == TY_NONE || (elem->kind != TY_UNKNOWN && t != elem)) return NULL;
      elem = t;
    }
    return type_list(c->p, elem);
  }
  default: return NULL;
  }
}

/* The str a module's global is bound to at its top level, where its one
 * binding is a str literal (argparse.BooleanOptionalAction); else NULL. */
static const char *module_str_constant(Ctx *c, Node *v) {
  Sym *y = NULL;
  if (v->kind == EX_NAME) y = scope_find(&c->m->globals, v->name);
  if (v->kind == EX_ATTR && v->lhs->kind == EX_NAME) {
    Sym *m = scope_find(&c->m->globals, v->lhs->name);
    if (m && m->kind == SYM_MODULE && m->mod) y = scope_find(&m->mod->globals, v->name);
  }
  if (y && y->target) y = y->target;  /* from argparse import BooleanOptionalAction */
  if (!y || y->kind != SYM_GLOBAL || !y->mod) return NULL;
  const char *s = NULL;
  for (Node *st = y->mod->ast ? y->mod->ast->body : NULL; st; st = st->next)
    if (st->kind == ST_ASSIGN && st->lhs == y->decl) s = st->rhs->kind == EX_STR && !s ? st->rhs->str : NULL;
    else if (st->kind == ST_ASSIGN && st->lhs->kind == EX_NAME && !strcmp(st->lhs->name, y->name)) return NULL;
  return s;
}

static const char *str_literal_of(Ctx *c, Node *kw, const char *what) {
  if (!kw) return NULL;
  if (kw->rhs->kind == EX_STR) return kw->rhs->str;
  const char *constant = strcmp(what, "action") == 0 ? module_str_constant(c, kw->rhs) : NULL;
  if (constant) return constant;  /* action=argparse.BooleanOptionalAction, a class in Python */
  error_at(c, kw->rhs, "%s= of add_argument is a str literal (the checker reads it to type the field)", what);
  return NULL;
}

static Node *keyword(Node *call, const char *name) {
  for (Node *a = call->args; a; a = a->next)
    if (a->kind == ND_KEYWORD && strcmp(a->name, name) == 0) return a;
  return NULL;
}

/* The call's arguments: option strings (str literals) and known keywords. */
static bool read_arguments(Ctx *c, Func *f, Node *call, DeclaredField *d) {
  bool ok = true;
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind == ND_KEYWORD && !is_keyword(f, a->name))
      ok = !error_at(c, a, "%s() takes no keyword '%s'", f->name, a->name);
    else if (a->kind != ND_KEYWORD && (a->kind != EX_STR || a->slen == 0))
      ok = !error_at(c, a, "an option string of %s() is a str literal ('--lr', '-b' or a positional's name)", f->name);
    else if (a->kind != ND_KEYWORD)
      d->nflags++;
  }
  if (!ok) return false;
  if (!d->nflags) return !error_at(c, call, "%s() needs an option string or a positional's name", f->name);
  d->flags = arena_alloc(c->p->arena, d->nflags * sizeof *d->flags);
  int i = 0;
  for (Node *a = call->args; a; a = a->next)
    if (a->kind != ND_KEYWORD) d->flags[i++] = a;
  bool positional = d->flags[0]->str[0] != '-';
  for (i = 0; i < d->nflags; i++)
    if ((d->flags[i]->str[0] != '-') != positional || (positional && i > 0))
      return !error_at(c, d->flags[i], "a positional takes one name; an option, strings that start with '-'");
  return true;
}

/* dest: the positional's name, or the first long option's (else the
 * first option's) without its dashes, each other '-' made '_'. */
static const char *dest_of(Ctx *c, DeclaredField *d) {
  if (d->dest) return d->dest;
  if (d->flags[0]->str[0] != '-') return d->flags[0]->str;
  const char *s = d->flags[0]->str;
  for (int i = 0; i < d->nflags; i++)
    if (d->flags[i]->str[1] == '-') {
      s = d->flags[i]->str;
      break;
    }
  while (*s == '-') s++;
  char *dest = arena_printf(c->p->arena, "%s", s);
  for (char *q = dest; *q; q++)
    if (*q == '-') *q = '_';
  return dest;
}

static bool valid_nargs(Ctx *c, Node *kw, DeclaredField *d) {
  if (!kw) return true;
  Node *v = kw->rhs;
  if (v->kind == EX_INT && v->ival > 0 && v->ival <= 64) {
    d->nargs = arena_printf(c->p->arena, "%lld", (long long)v->ival);
    return true;
  }
  if (v->kind == EX_STR && (!strcmp(v->str, "?") || !strcmp(v->str, "*") || !strcmp(v->str, "+"))) {
    d->nargs = v->str;
    return true;
  }
  return !error_at(c, v, "nargs= is '?', '*', '+' or a count from 1 to 64");
}

/* Which keywords each action takes, as argparse's Action classes. */
static bool keywords_fit_action(Ctx *c, Node *call, DeclaredField *d) {
  static const struct { const char *action, *takes; } actions[] = {
      {"store", "nargs const default type choices required help metavar dest"},
      {"append", "nargs const default type choices required help metavar dest"},
      {"store_const", "const default required help metavar dest"},
      {"store_true", "default required help dest"},
      {"store_false", "default required help dest"},
      {"count", "default required help dest"},
      {"boolean_optional", "default required help metavar dest"},
  };
  Node *named = keyword(call, "action");
  bool by_class = named && named->rhs->kind != EX_STR;  /* BooleanOptionalAction is a class, no str */
  for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
    if (strcmp(actions[i].action, d->action) != 0 || by_class != !strcmp(d->action, "boolean_optional")) continue;
    for (Node *a = call->args; a; a = a->next) {
      if (a->kind != ND_KEYWORD || !strcmp(a->name, "action")) continue;
      const char *w = strstr(actions[i].takes, a->name);
      size_t n = strlen(a->name);
      while (w && ((w != actions[i].takes && w[-1] != ' ') || (w[n] && w[n] != ' '))) w = strstr(w + 1, a->name);
      if (!w) return !error_at(c, a, "action='%s' takes no %s=", d->action, a->name);
    }
    return true;
  }
  Node *kw = keyword(call, "action");
  return !error_at(c, kw->rhs, "action= is 'store', 'store_const', 'store_true', 'store_false', 'append', 'count' or "
                   "argparse.BooleanOptionalAction");
}

/* type=: int, float or str, the element type of what the command line gives. */
static Type *conv_type(Ctx *c, Node *kw) {
  Node *v = kw->rhs;
  if (v->kind == EX_NAME && !strcmp(v->name, "int")) return T(TY_INT);
  if (v->kind == EX_NAME && !strcmp(v->name, "float")) return T(TY_FLOAT);
  if (v->kind == EX_NAME && !strcmp(v->name, "str")) return T(TY_STR);
  return error_at(c, v, "type= of add_argument is int, float or str");
}

static Type *literal_of(Ctx *c, Node *kw, const char *what) {
  if (!kw) return T(TY_NONE);
  Type *t = literal_type(c, kw->rhs);
  if (!t) return error_at(c, kw->rhs, "%s= of add_argument is a literal (a number, str, bool, None or a list of them): "
                          "the checker reads it to type the field", what);
  return t;
}

/* default= of an expression other than a literal (`default=os.path.join(
 * "runs", "exp")`, `default="./" + name`): typed where the call runs
 * (check_declared_call), after the fields are declared, so the field
 * takes the type the action gives it, and the value must be of that
 * type: type='s, else a str (what the command line gives); a list of
 * them for nargs= of several or append; a flag's bool, a count's int. */
static Type *default_type(Ctx *c, Node *kw, DeclaredField *d) {
  if (!kw || literal_type(c, kw->rhs)) return literal_of(c, kw, "default");
  const char *a = d->action;
  if (!strcmp(a, "store_true") || !strcmp(a, "store_false") || !strcmp(a, "boolean_optional")) return T(TY_BOOL);
  if (!strcmp(a, "count")) return T(TY_INT);
  if (!strcmp(a, "store_const"))
    return error_at(c, kw->rhs, "default= of a store_const is a literal (the checker reads it to type the field)");
  Type *e = d->conv && !is_err(d->conv) ? d->conv : T(TY_STR);
  bool listed = (d->nargs && strcmp(d->nargs, "?") != 0) || !strcmp(a, "append");
  return listed ? type_list(c->p, e) : e;
}

/* The element type without type=: a str from the command line, so a
 * default of another type would change type there (argparse gives '7'
 * where the default was 5). */
static Type *untyped_element(Ctx *c, Node *dflt, Type *dt) {
  Type *e = dt->kind == TY_LIST ? dt->elem : dt;
  if (e->kind == TY_NONE || e->kind == TY_STR || e->kind == TY_UNKNOWN || e->kind == TY_ERROR) return T(TY_STR);
  return error_at(c, dflt->rhs, "default= is %s, but without type= the command line gives a str: add type=%s",
                  a_type(c, e), tn(c, e));
}

/* `type=float, default=2` (word_language_model's --lr): argparse keeps
 * the int default and converts what the command line gives, so the field
 * holds an int or a float (an int | float, printed as each is). Only for a
 * plain store: a list or a const would hold numbers of both kinds. */
static bool other_number(const DeclaredField *d, const Type *dt) {
  if (strcmp(d->action, "store") != 0 || d->nargs) return false;
  return (d->conv->kind == TY_INT && dt->kind == TY_FLOAT) || (d->conv->kind == TY_FLOAT && dt->kind == TY_INT);
}

/* The field's type from the action, nargs, type and default. */
static Type *field_type(Ctx *c, Node *call, DeclaredField *d, Type *dt, Type *ct) {
  Node *dflt = keyword(call, "default");
  bool positional = d->flags[0]->str[0] != '-';
  bool listed = d->nargs && strcmp(d->nargs, "?") != 0;
  if (!strcmp(d->action, "store_true") || !strcmp(d->action, "store_false")) return d->conv = T(TY_BOOL);
  if (!strcmp(d->action, "boolean_optional")) {  /* --x / --no-x: None where neither is given, without default= */
    d->conv = T(TY_BOOL);
    d->optional = dt->kind == TY_NONE && !d->required;
    return d->optional ? type_optional(c->p, d->conv) : d->conv;
  }
  if (!strcmp(d->action, "count")) d->conv = T(TY_INT);
  else if (!strcmp(d->action, "store_const")) d->conv = ct;
  else if (!d->conv) d->conv = untyped_element(c, dflt, dt);
  if (is_err(d->conv)) return d->conv;
  if (d->conv->kind == TY_NONE) return error_at(c, call, "store_const needs const= (a value that is not None)");
  if (!strcmp(d->action, "append") && d->nargs)
    return error_at(c, keyword(call, "nargs"), "append with nargs= (a list of lists) is not supported");
  Type *t = listed || !strcmp(d->action, "append") ? type_list(c->p, d->conv) : d->conv;
  if (other_number(d, dt)) t = T(TY_NUMBER);
  bool none_default = dt->kind == TY_NONE && (!positional || (d->nargs && !strcmp(d->nargs, "?")));
  bool none_const = !positional && d->nargs && !strcmp(d->nargs, "?") && ct->kind == TY_NONE;
  d->optional = (none_default && !d->required) || none_const;
  return d->optional ? type_optional(c->p, t) : t;
}

static bool ints_for_floats(const Type *dt, const Type *want) {
  return dt->kind == TY_LIST && want->kind == TY_LIST && dt->elem->kind == TY_INT && want->elem->kind == TY_FLOAT;
}

/* default= and const= fit the field: no int in a list of floats (argparse
 * keeps the int, which prints as one). */
static bool values_fit(Ctx *c, Node *call, DeclaredField *d, Type *ft, Type *dt, Type *ct) {
  Type *want = ft->kind == TY_OPTIONAL ? ft->elem : ft;
  Node *dflt = keyword(call, "default"), *cnst = keyword(call, "const");
  bool list_default = dt->kind == TY_LIST && want->kind == TY_LIST && dt->elem->kind == TY_UNKNOWN;
  if (dflt && dt->kind != TY_NONE && dt != want && !list_default && want->kind != TY_NUMBER)
    return !error_at(c, dflt->rhs, "default= is %s, but the field '%s' is %s%s", a_type(c, dt), dest_of(c, d),
                     a_type(c, want), ints_for_floats(dt, want) ? ": write them as floats (1.0)" : "");
  if (cnst && ct->kind != TY_NONE && ct != d->conv && strcmp(d->action, "store_const") != 0)
    return !error_at(c, cnst->rhs, "const= is %s, but the values of '%s' are %s", a_type(c, ct), dest_of(c, d),
                     a_type(c, d->conv));
  if (cnst && strcmp(d->action, "store_const") && (!d->nargs || strcmp(d->nargs, "?")))
    return !error_at(c, cnst, "const= goes with nargs='?' (or action='store_const')");
  return true;
}

static bool choices_fit(Ctx *c, Node *kw, DeclaredField *d) {
  if (!kw) return true;
  bool display = kw->rhs->kind == EX_LIST || kw->rhs->kind == EX_TUPLE;
  if (!display && kw->rhs->kind != EX_UNARY && !literal_type(c, kw->rhs)) {
    d->choices = kw->rhs;  /* `choices=model_names`: a list typed where the call is checked */
    return true;
  }
  Type *t = literal_type(c, kw->rhs);
  if (!t || kw->rhs->kind == EX_UNARY || t->kind != TY_LIST || !kw->rhs->elts)
    return !error_at(c, kw->rhs, "choices= of add_argument is a list or tuple of literals, or a list");
  if (t->elem != d->conv)
    return !error_at(c, kw->rhs, "choices are %s, but the values are %s%s", tn(c, t->elem), a_type(c, d->conv),
                     d->conv->kind == TY_STR ? ": add type=" : "");
  d->choices = kw->rhs;
  return true;
}

/* The field named dest, of type t: new, or the one an earlier call declared. */
static int field_of(Ctx *c, ClassInfo *k, Node *call, const char *dest, Type *t) {
  for (int i = 0; i < k->nfields; i++) {
    if (strcmp(k->fields[i].name, dest) != 0) continue;
    if (k->fields[i].ty != t)
      error_at(c, call, "this makes '%s' %s, but line %d made it %s", dest, tn(c, t), line_of(k->fields[i].decl),
               tn(c, k->fields[i].ty));
    return i;
  }
  Node *name = ast_new(c->p->arena, EX_NAME, call->file, call->pos, call->len);
  name->name = dest;
  add_field(c, k, name, t);
  return k->nfields - 1;
}

static DeclaredField *new_declared(Ctx *c, Func *f, Node *call) {
  DeclaredField *d = arena_alloc(c->p->arena, sizeof *d);
  memset(d, 0, sizeof *d);
  d->call = call;
  d->fn = f;
  d->cls = f->declares;
  d->field = -1;
  return d;
}

static void keep_declared(Ctx *c, DeclaredField *d) {
  ClassInfo *k = d->cls;
  if (k->ndeclared == k->capdeclared) {
    int cap = k->capdeclared ? 2 * k->capdeclared : 8;
    DeclaredField **l = arena_alloc(c->p->arena, cap * sizeof *l);
    if (k->ndeclared) memcpy(l, k->declared, k->ndeclared * sizeof *l);
    k->declared = l;
    k->capdeclared = cap;
  }
  k->declared[k->ndeclared++] = d;
}

/* One call: its record, and its field declared. */
static void declare_call(Ctx *c, Func *f, Node *call) {
  DeclaredField *d = new_declared(c, f, call);
  if (!read_arguments(c, f, call, d)) return;
  Node *req = keyword(call, "required"), *type = keyword(call, "type");
  bool positional = d->flags[0]->str[0] != '-';
  d->action = keyword(call, "action") ? str_literal_of(c, keyword(call, "action"), "action") : "store";
  d->metavar = str_literal_of(c, keyword(call, "metavar"), "metavar");
  d->dest = str_literal_of(c, keyword(call, "dest"), "dest");
  if (!d->action || !keywords_fit_action(c, call, d) || !valid_nargs(c, keyword(call, "nargs"), d)) return;
  if (positional && (req || d->dest))
    error_at(c, req ? req : keyword(call, "dest"), "a positional takes no %s= (its name is its dest; it is required)",
             req ? "required" : "dest");
  if (positional && strcmp(d->action, "store") && strcmp(d->action, "append"))
    error_at(c, call, "a positional takes action='store' or 'append'");
  if (req && req->rhs->kind != EX_TRUE && req->rhs->kind != EX_FALSE)
    error_at(c, req->rhs, "required= of add_argument is True or False");
  d->required = req ? req->rhs->kind == EX_TRUE : positional && (!d->nargs || strcmp(d->nargs, "?"));
  if (type) d->conv = conv_type(c, type);
  Type *dt = default_type(c, keyword(call, "default"), d), *ct = literal_of(c, keyword(call, "const"), "const");
  if (is_err(dt) || is_err(ct) || (d->conv && is_err(d->conv))) return;
  Type *ft = field_type(c, call, d, dt, ct);
  if (is_err(ft) || !values_fit(c, call, d, ft, dt, ct) || !choices_fit(c, keyword(call, "choices"), d)) return;
  if (ft->kind == TY_OPTIONAL && ft->elem->kind == TY_BOOL)
    error_at(c, call, "'%s' would be an Optional[bool]: give default=", dest_of(c, d));
  d->dest = dest_of(c, d);
  if (positional) d->nflags = 0;  /* its name is its dest */
  d->field = field_of(c, d->cls, call, d->dest, ft);
  Node *dflt = keyword(call, "default"), *cnst = keyword(call, "const"), *help = keyword(call, "help");
  d->dflt = dflt && dflt->rhs->kind != EX_NONE ? dflt->rhs : NULL;
  bool flag = !strcmp(d->action, "store_true") || !strcmp(d->action, "store_false");
  if (flag && !dflt) {  /* store_true's default is False, store_false's True */
    d->dflt = ast_new(c->p->arena, d->action[6] == 't' ? EX_FALSE : EX_TRUE, call->file, call->pos, call->len);
  }
  d->cnst = cnst && cnst->rhs->kind != EX_NONE ? cnst->rhs : NULL;
  d->help = help && help->rhs->kind != EX_NONE ? help->rhs : NULL;
  keep_declared(c, d);
}

/* add_subparsers(dest="command", required=True): the field dest= names
 * holds the name of the command chosen, a str, None where the command
 * line gives none (unless required=True, which makes that an error);
 * without dest= the name is not kept and no field is declared. */
static void declare_command(Ctx *c, Func *f, Node *call) {
  DeclaredField *d = new_declared(c, f, call);
  Node *dest = keyword(call, "dest"), *req = keyword(call, "required");
  if (dest && dest->rhs->kind != EX_STR)
    return (void)error_at(c, dest->rhs, "dest= of %s() is a str literal (the checker reads it to name the field)",
                          f->name);
  if (req && req->rhs->kind != EX_TRUE && req->rhs->kind != EX_FALSE)
    return (void)error_at(c, req->rhs, "required= of %s() is True or False (the checker reads it to type the field)",
                          f->name);
  d->required = req && req->rhs->kind == EX_TRUE;
  d->optional = !d->required;
  if (dest) {
    d->dest = dest->rhs->str;
    Type *t = d->optional ? type_optional(c->p, T(TY_STR)) : T(TY_STR);
    d->field = field_of(c, d->cls, call, d->dest, t);
  }
  keep_declared(c, d);
}

/* A set_defaults value's type: a literal's, or the Callable of a def of
 * the module given by its name (`func=train`); NULL for anything else. */
static Type *default_value_type(Ctx *c, Node *v) {
  Type *t = literal_type(c, v);
  if (t || v->kind != EX_NAME) return t;
  Sym *y = scope_find(&c->m->globals, v->name);
  Func *f = y && y->kind == SYM_FUNC ? y->fn : NULL;
  if (!f || f->cls || f->ntvars || f->is_extern) return NULL;
  Type **params = arena_alloc(c->p->arena, (f->nparams ? f->nparams : 1) * sizeof *params);
  for (int i = 0; i < f->nparams; i++) params[i] = f->params[i].ty;
  return type_callable(c->p, params, f->nparams, f->ret);
}

/* Does a default of type t fit a field of type ft (None an Optional's,
 * [] a list's)? */
static bool default_fits(const Type *t, const Type *ft) {
  const Type *want = ft->kind == TY_OPTIONAL ? ft->elem : ft;
  if (t->kind == TY_NONE) return ft->kind == TY_OPTIONAL;
  if (t->kind == TY_LIST && want->kind == TY_LIST && t->elem->kind == TY_UNKNOWN) return true;
  return t == want || (want->kind == TY_NUMBER && (t->kind == TY_INT || t->kind == TY_FLOAT));
}

/* One keyword of set_defaults: the default of the field of its name, an
 * add_argument's, or declared here of the value's type. */
static DeclaredField *declare_default(Ctx *c, Func *f, Node *call, Node *kw) {
  Type *t = default_value_type(c, kw->rhs);
  if (!t) {
    error_at(c, kw->rhs, "a value of %s() is a literal or the name of a def (the checker reads it to type the "
             "field)", f->name);
    return NULL;
  }
  DeclaredField *d = new_declared(c, f, call);
  d->dest = kw->name;
  d->dflt = kw->rhs;
  Field *field = find_field(d->cls, kw->name);
  if (!field && t->kind == TY_NONE) {
    error_at(c, kw->rhs, "None gives '%s' no type: declare it with add_argument first", kw->name);
    return NULL;
  }
  if (field && !default_fits(t, field->ty)) {
    error_at(c, kw->rhs, "this default is %s, but the field '%s' is %s", a_type(c, t), kw->name, a_type(c, field->ty));
    return NULL;
  }
  d->field = field ? (int)(field - d->cls->fields) : field_of(c, d->cls, call, kw->name, t);
  d->optional = d->cls->fields[d->field].ty->kind == TY_OPTIONAL;
  return d;
}

/* parser.set_defaults(feature=True, func=train): each keyword is the
 * default of the field of its name, checked after the add_argument calls
 * declared theirs (walk's second pass). */
static void declare_defaults(Ctx *c, Func *f, Node *call) {
  DeclaredField *first = NULL, **link = &first;
  for (Node *a = call->args; a; a = a->next) {
    if (a->kind != ND_KEYWORD) {
      error_at(c, a, "%s() takes keywords (dest=value)", f->name);
      return;
    }
    DeclaredField *d = declare_default(c, f, call, a);
    if (!d) return;
    *link = d;
    link = &d->next_default;
  }
  if (first) keep_declared(c, first);
}

/* The declaring method a call `x.NAME(...)` may be, by its name. */
static Func *declaring(Program *p, const Node *e) {
  if (e->kind != EX_CALL || e->lhs->kind != EX_ATTR) return NULL;
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (int i = 0; i < 3; i++) {
        Func *f = i == 0 ? k->declared_by : i == 1 ? k->command_declared_by : k->defaults_declared_by;
        if (f && strcmp(f->name, e->lhs->name) == 0) return f;
      }
  return NULL;
}

/* Objects of a protocol="namespace" class take the attributes a program
 * assigns: argparse's Namespace (whose calls declare fields too) and
 * torch.autograd's FunctionCtx (`ctx.constant = constant` in forward). */
static bool takes_attributes(const ClassInfo *k) { return k->protocol == PROTO_NAMESPACE; }

/* `x.name = v`, x of no known type yet: where an earlier run found it an
 * assignment to a namespace's attribute that no call declares, the field
 * it declared (assigned_field), so that every body reads it. */
static void declare_assigned(Ctx *c, Node *target) {
  if (target->kind != EX_ATTR) return;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) {
      Type *t = takes_attributes(k) ? assigned_field_learnt(c->p, k, target->name) : NULL;
      if (t && !find_field(k, target->name)) add_field(c, k, target, t);
    }
}

/* Every node of the tree under n, in source order, calls found declared:
 * set_defaults calls alone where `defaults`, a second pass, so that the
 * fields add_argument declares are there. */
static void walk(Ctx *c, Node *n, bool defaults) {
  for (; n; n = n->next) {
    Func *f = declaring(c->p, n);
    if (f && f->declares_defaults != defaults) f = NULL;
    if (f && f->declares_defaults) declare_defaults(c, f, n);
    else if (f && f->declares_command) declare_command(c, f, n);
    else if (f) declare_call(c, f, n);
    if (n->kind == ST_ASSIGN && !defaults)
      for (Node *t = n->lhs; t; t = t->next) declare_assigned(c, t);
    Node *kids[] = {n->lhs, n->rhs, n->cond, n->body, n->orelse, n->args, n->params, n->elts, n->cmps,
                    n->comps, n->conds, n->parts, n->items, n->handlers, n->finalbody, n->targets,
                    n->decorators, n->lo, n->hi, n->step, n->spec};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++) walk(c, kids[i], defaults);
  }
}

void declare_fields(Ctx *c) {
  bool any = false;
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) any |= takes_attributes(k);
  if (!any) return;
  for (int pass = 0; pass < 2; pass++)
    for (Module *m = c->p->modules; m; m = m->next)
      if (!m->is_stdlib) {
        c->m = m;
        walk(c, m->ast, pass == 1);
      }
}

/* Can a namespace's slot hold a value of type t? */
static bool slot_holds(const Type *t) {
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_STR: case TY_LIST: case TY_DICT: case TY_SET: case TY_TUPLE:
  case TY_CLASS: return true;
  default: return false;
  }
}

/* `args.cuda = not args.no_cuda and torch.cuda.is_available()`, args a
 * namespace (of a protocol="namespace" class) that no call gives that
 * field: Python sets the attribute, so the assignment declares a field of
 * the value's type, for the code checked after it; a hint makes the next
 * run of the front end declare it before any body (declare_assigned), so
 * that a function above the assignment reads it too (before the
 * assignment runs, a read is Python's AttributeError). The value's type;
 * NULL where target is no such assignment. */
Type *assigned_field(Ctx *c, Node *target, Node *value) {
  if (target->lhs->kind != EX_NAME) return NULL;
  Type *ot = check_expr(c, target->lhs, NULL);
  ClassInfo *k = ot->kind == TY_CLASS ? ot->cls : NULL;
  if (!k || !takes_attributes(k) || find_field(k, target->name) || class_method(k, target->name)) return NULL;
  Type *t = check_expr(c, value, NULL);
  if (!is_err(t) && !slot_holds(t))
    t = error_at(c, value, "'%s' would be a new attribute of the %s, but it holds an int, float, bool, str, "
                 "container or object, not %s", target->name, k->name, tn(c, t));
  if (is_err(t)) return target->ty = t;  /* the target too: reported once */
  add_field(c, k, target, t);
  assigned_field_learn(c->p, k, target->name, t);
  return t;
}

static DeclaredField *declared_of(Func *f, Node *call) {
  for (int i = 0; i < f->declares->ndeclared; i++)
    if (f->declares->declared[i]->call == call) return f->declares->declared[i];
  return NULL;
}

/* parser.add_subparsers(...), checked as a method call of type t: emit
 * passes its field first. */
Type *command_called(Node *e, Type *t) {
  CallInfo *ci = e->info;
  if (!ci || ci->kind != CALL_METHOD) return t;
  DeclaredField *d = declared_of(ci->fn, e);
  if (!d) return set_type(e, T(TY_ERROR));  /* its error was reported where the fields were declared */
  d->confirmed = true;  /* the declaring method's call, whatever its arguments' errors */
  if (!is_err(t)) ci->declared = d;
  return t;
}

/* parser.set_defaults(...) where it runs: each value typed as its field. */
static void check_defaults(Ctx *c, DeclaredField *d) {
  for (; d; d = d->next_default) {
    Type *ft = d->cls->fields[d->field].ty;
    check_expr(c, d->dflt, d->dflt->kind == EX_NONE || ft->kind != TY_OPTIONAL ? ft : ft->elem);
  }
}

/* choices= where the call is checked: a display of the values' type, or
 * any list of them (`choices=model_names`, checked where it runs). */
static void choices_checked(Ctx *c, DeclaredField *d) {
  Type *want = type_list(c->p, d->conv);
  Type *t = check_expr(c, d->choices, want);
  if (!is_err(t) && !assignable(want, t))
    error_at(c, d->choices, "choices= is %s, but the values are %s: give a %s%s", tn(c, t), a_type(c, d->conv),
             tn(c, want), t->kind == TY_LIST && d->conv->kind == TY_STR ? " (or add type=)" : "");
}

/* parser.add_argument(...) where it runs: the record for emit, and the
 * values typed (help= any str). */
Type *check_declared_call(Ctx *c, Node *e, Func *f, Node *recv) {
  DeclaredField *d = declared_of(f, e);
  if (!d) {  /* its error was reported where the fields were declared */
    for (Node *a = e->args; a; a = a->next) check_expr(c, a->kind == ND_KEYWORD ? a->rhs : a, NULL);
    return set_type(e, T(TY_ERROR));
  }
  d->confirmed = true;
  CallInfo *ci = new_call(c, e, CALL_DECLARE, 0);
  ci->fn = f;
  ci->recv = recv;
  ci->declared = d;
  if (f->declares_defaults) {
    check_defaults(c, d);
    return set_type(e, T(TY_NONE));
  }
  Type *ft = d->cls->fields[d->field].ty, *want = ft->kind == TY_OPTIONAL ? ft->elem : ft;
  if (d->help && !assignable(T(TY_STR), check_expr(c, d->help, T(TY_STR))))
    error_at(c, d->help, "help= is a str, not %s", tn(c, d->help->ty));
  Type *dflt = d->dflt ? check_expr(c, d->dflt, want) : NULL;
  if (dflt && !is_err(dflt) && !literal_type(c, d->dflt) && !assignable(want, dflt))  /* default_type's promise */
    error_at(c, d->dflt, "default= is %s, but the field '%s' is %s", a_type(c, dflt), d->dest, a_type(c, want));
  if (d->cnst) check_expr(c, d->cnst, strcmp(d->action, "store_const") ? d->conv : want);
  if (d->choices) choices_checked(c, d);
  for (Node *a = e->args; a; a = a->next)
    if (a->kind != ND_KEYWORD) check_expr(c, a, NULL);
  return set_type(e, T(TY_NONE));
}

/* A call found by its name whose object was not the declaring class's:
 * it declared a field all the same, so it is an error. */
void declared_calls_confirmed(Ctx *c) {
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (int i = 0; i < k->ndeclared; i++)
        if (!k->declared[i]->confirmed && k->declared[i]->call->info) {
          Func *f = k->declared[i]->fn;
          error_at(c, k->declared[i]->call->lhs, "a call of '%s' declares a field of %s (by the method's name), but "
                   "this is not %s's method: rename it", f->name, k->name, f->cls->name);
        }
}

/* ---- fields that a method other than __init__ first assigns -------------- */

/* `self.start = time.perf_counter()` in `__enter__`: Python makes the
 * attribute there. The first run learns the field's type from the value
 * (late_field_store, a hint), and the next declares it with the fields
 * __init__ assigns (need_fields), so that every method reads it; emit
 * gives it a flag its stores set, and a read before the first store is
 * Python's AttributeError. */
static void declare_late(Ctx *c, ClassInfo *k, const char *name, Type *t) {
  if (find_field(k, name)) return;
  Node *decl = ast_new(c->p->arena, EX_NAME, k->decl->file, k->decl->pos, k->decl->len);
  decl->name = name;
  add_field(c, k, decl, t)->late = true;
}

void declare_late_fields(Ctx *c, ClassInfo *k) {
  if (k->late_declared || k->is_extern) return;
  k->late_declared = true;
  late_fields_learnt(c, k, declare_late);
}

/* ---- fields that __init__ assigns on some paths only --------------------- */

/* Does target (of an assignment) store `self.name`, or is it a tuple
 * holding such a store? */
static bool stores_field(const Node *target, const char *self, const char *name) {
  if (target->kind == EX_TUPLE || target->kind == EX_LIST) {
    for (const Node *x = target->elts; x; x = x->next)
      if (stores_field(x->kind == EX_STARRED ? x->lhs : x, self, name)) return true;
    return false;
  }
  return target->kind == EX_ATTR && target->lhs->kind == EX_NAME && strcmp(target->lhs->name, self) == 0 &&
         strcmp(target->name, name) == 0;
}

static bool stores_surely(const Node *st, const char *self, const char *name);

/* Is statement st a return (of a value, where `valued`), or does it hold
 * one (not a nested def's)? */
static bool returns_within(const Node *st, bool valued) {
  if (st->kind == ST_RETURN) return !valued || st->rhs;
  if (st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF) return false;
  if (holds_return(st->body, valued) || holds_return(st->orelse, valued) || holds_return(st->finalbody, valued))
    return true;
  for (const Node *h = st->handlers; h; h = h->next)
    if (holds_return(h->body, valued)) return true;
  return false;
}

bool holds_return(const Node *st, bool valued) {
  for (; st; st = st->next)
    if (returns_within(st, valued)) return true;
  return false;
}

/* Does every path through statement list st that ends __init__ (falls
 * off the list or returns) store self.name? A path that raises makes no
 * object. Conservative: a loop may not run, a return may come first. */
static bool list_stores_surely(const Node *st, const char *self, const char *name) {
  for (; st; st = st->next) {
    if (stores_surely(st, self, name)) return true;
    if (returns_within(st, false)) return false;
  }
  return false;
}

/* A branch of an if or a handler: it stores self.name, or it raises. */
static bool branch_stores(const Node *body, const char *self, const char *name) {
  const Node *last = body;
  while (last && last->next) last = last->next;
  return list_stores_surely(body, self, name) || (last && last->kind == ST_RAISE);
}

static bool stores_surely(const Node *st, const char *self, const char *name) {
  switch (st->kind) {
  case ST_ASSIGN:
    for (const Node *t = st->lhs; t; t = t->next)
      if (stores_field(t, self, name)) return true;
    return false;
  case ST_ANNASSIGN: return st->rhs && stores_field(st->lhs, self, name);
  case ST_IF:
    if (st->flags & IF_ALWAYS) return branch_stores(st->body, self, name);
    if (st->flags & IF_NEVER) return branch_stores(st->orelse, self, name);
    return branch_stores(st->body, self, name) && branch_stores(st->orelse, self, name);
  case ST_WITH: return list_stores_surely(st->body, self, name);
  case ST_TRY: {
    if (list_stores_surely(st->finalbody, self, name)) return true;
    bool all = list_stores_surely(st->body, self, name);
    for (const Node *h = st->handlers; h && all; h = h->next) all = branch_stores(h->body, self, name);
    return all;
  }
  default: return false;
  }
}

/* Is decl a target that statement list st (not a nested def's) holds? */
static bool holds_target(const Node *st, const Node *decl) {
  for (; st; st = st->next) {
    if (st->kind == ST_FUNCDEF || st->kind == ST_CLASSDEF) continue;
    if ((st->kind == ST_ASSIGN || st->kind == ST_ANNASSIGN) && st->lhs == decl) return true;
    for (const Node *t = st->kind == ST_ASSIGN ? st->lhs : NULL; t; t = t->next)
      if (t == decl) return true;
    if (holds_target(st->body, decl) || holds_target(st->orelse, decl) || holds_target(st->finalbody, decl))
      return true;
    for (const Node *h = st->handlers; h; h = h->next)
      if (holds_target(h->body, decl)) return true;
  }
  return false;
}

/* `if stride != 1: self.shortcut = nn.Sequential(...)` in __init__: an
 * object has the field only where a store ran, as in Python, so it is a
 * late field (hasattr tests its flag, a read before a store is Python's
 * AttributeError), where __init__ does not store it on every path. */
void late_init_fields(ClassInfo *k) {
  const Func *init = k->init;
  const Node *body = init && init->decl && !init->ntvars && init->nparams ? init->decl->body : NULL;
  if (!body || k->transformed_by) return;
  const char *self = init->params[0].name;
  for (int i = 0; i < k->nfields; i++) {
    Field *f = &k->fields[i];
    if (f->late || f->annotated || f->decl->kind != EX_ATTR || class_method(k, f->name) ||  /* a property's store */
        !holds_target(body, f->decl))
      continue;
    if (!list_stores_surely(body, self, f->name)) f->late = f->late_in_init = true;
  }
}

/* Is t a tensor or a layer, which a model's __init__ must register? */
static bool registered_value(const Type *t) {
  return t->kind == TY_CLASS && (t->cls->protocol == PROTO_TENSOR || t->cls->protocol == PROTO_MODULE);
}

/* A library base's read-only attribute (`extern p: float` of nn.Module,
 * Dropout's p): an instance attribute in PyTorch, which a .gtp module's
 * own field of that name shadows, as __init__'s do. */
static bool library_attribute(const Func *f) {
  return f->is_property && !f->setter && f->cls && f->cls->is_extern;
}

/* target = value, target `self.name` in a method of self's class other
 * than __init__, of no field, class attribute or method of that name: a
 * late field of the value's type for the code checked after it, learnt
 * for the next run, which declares it before any body (`self.laps = []`:
 * at the end of the run, once its appends typed it). The value's type;
 * NULL where target is no such assignment. */
Type *late_field_store(Ctx *c, Node *target, Node *value) {
  Func *fn = c->fn;
  ClassInfo *k = fn && fn->cls && !fn->is_static && !fn->cls_param && fn->nparams ? fn->cls : NULL;
  if (!k || k->is_extern || k->declared_by || !c->p->hints || target->lhs->kind != EX_NAME || in_init_of(c, k) ||
      strcmp(target->lhs->name, fn->params[0].name) != 0)
    return NULL;
  need_fields(c, k);
  Func *named = class_method(k, target->name);
  if (find_field(k, target->name) || class_attr(k, target->name) || (named && !library_attribute(named))) return NULL;
  Type *t = check_expr(c, value, NULL);
  if (is_err(t)) return target->ty = t;
  if (!slot_holds(t) || (k->protocol == PROTO_MODULE && registered_value(t)))
    return target->ty = error_at(c, value, "'%s' would be a field of %s set outside __init__, which holds an int, float, "
                                 "bool, str, container or object%s, not %s: assign it in __init__ first", target->name,
                                 k->name, k->protocol == PROTO_MODULE ? " (a model's tensors and layers are registered "
                                 "there)" : "", tn(c, t));
  add_field(c, k, target, t)->late = true;
  late_field_learn(c->p, k, target->name, t);  /* or at the end of the run, once an empty list is typed */
  return t;
}

/* At the end of a run: the late fields whose type was an empty list
 * there, now typed, for the next run. */
void late_fields_settle(Ctx *c) {
  for (Module *m = c->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (int i = 0; i < k->nfields; i++)
        if (k->fields[i].late && !k->fields[i].late_in_init)
          late_field_learn(c->p, k, k->fields[i].name, type_resolved(c->p, k->fields[i].ty));
}

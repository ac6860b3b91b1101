/* transform.c - class transforms: the methods a class decorator writes.
 *
 * A function the stdlib declares `-> class_transform` (dataclasses'
 * `dataclass`) is no function where the program runs: above a class, it
 * has the compiler write the class's __init__, __repr__ and __eq__ (with
 * order=True, __lt__ __le__ __gt__ __ge__; with frozen=True, __hash__) from the annotations of
 * its body, in their order, as Python's does; a call of a function
 * declared `-> field_specifier` (`field(default_factory=list)`) gives a
 * field's default. The decorator's keywords are the declaration's
 * parameters, and those it does not give take the declaration's defaults.
 *
 * The methods are written as source text and parsed; then each node is
 * placed where it comes from in the program (a field's statements at its
 * annotation, the rest at the decorator) and the annotations and defaults
 * are the program's own nodes, so that errors, run-time locations and the
 * comments of the emitted C point at the source. resolve.c adds them to
 * the class as methods the program wrote (Func.written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "sema.h"

/* What the decorator asks for: each a bool keyword of the declaration. */
typedef struct Options {
  bool init, repr, eq, order, frozen;
} Options;

/* A field as the class body declares it: `name: ann` or `name: ann = v`. */
typedef struct Spec {
  Node *st;     /* the ST_ANNASSIGN */
  Node *dflt;   /* the default the generated __init__'s parameter takes, or NULL */
  bool fresh;   /* dflt is made at each call (default_factory=) */
} Spec;

/* ---- the decorator's keywords --------------------------------------------- */

static const Param *declared_option(const Func *t, const char *name) {
  for (int i = 0; i < t->nparams; i++)
    if (strcmp(t->params[i].name, name) == 0) return &t->params[i];
  return NULL;
}

/* The bool `name` of @t(name=...), or the declaration's default. */
static bool option(const Func *t, const Node *dec, const char *name) {
  for (const Node *k = dec->kind == EX_CALL ? dec->args : NULL; k; k = k->next)
    if (k->kind == ND_KEYWORD && strcmp(k->name, name) == 0) return k->rhs->kind == EX_TRUE;
  const Param *q = declared_option(t, name);
  return q && q->dflt && q->dflt->kind == EX_TRUE;
}

/* Every keyword is one the declaration has, and True or False. */
static bool options_valid(Program *p, const Func *t, const Node *dec) {
  bool ok = true;
  for (const Node *k = dec->kind == EX_CALL ? dec->args : NULL; k; k = k->next) {
    if (k->kind != ND_KEYWORD) {
      diag_at(p->diag, k, "@%s takes keywords only (%s(eq=False))", t->name, t->name);
      ok = false;
    } else if (!declared_option(t, k->name)) {
      diag_at(p->diag, k, "@%s has no option '%s'", t->name, k->name);
      ok = false;
    } else if (k->rhs->kind != EX_TRUE && k->rhs->kind != EX_FALSE) {
      diag_at(p->diag, k->rhs, "%s= of @%s is True or False, written so (the compiler writes the class's methods)",
              k->name, t->name);
      ok = false;
    }
  }
  return ok;
}

/* ---- fields ----------------------------------------------------------------- */

static Node *node_at(Program *p, NodeKind kind, const Node *at) {
  return ast_new(p->arena, kind, at->file, at->pos, at->len);
}

/* default_factory=f: what the generated __init__ evaluates at each call
 * where the argument is left out (PARAM_FRESH_DEFAULT: not once, as other
 * defaults are, check.c keep_default): an empty display for list and dict (typed by the field, as `xs: list[int] =
 * []` is), a lambda's body, else f() (set() among them). */
static Node *factory_default(Program *p, Node *f) {
  bool list = f->kind == EX_NAME && strcmp(f->name, "list") == 0;
  if (list || (f->kind == EX_NAME && strcmp(f->name, "dict") == 0)) return node_at(p, list ? EX_LIST : EX_DICT, f);
  if (f->kind == EX_LAMBDA && !f->params) return f->lhs;
  Node *call = node_at(p, EX_CALL, f);
  call->lhs = f;
  return call;
}

/* The default of a field: its value, or what field(default=...) or
 * field(default_factory=...) gives (*fresh: the latter). */
static Node *field_default(Program *p, Module *m, Node *v, bool *fresh) {
  if (!v) return NULL;
  bool display = v->kind == EX_LIST || v->kind == EX_DICT || v->kind == EX_SET || v->kind == EX_LISTCOMP ||
                 v->kind == EX_DICTCOMP || v->kind == EX_SETCOMP;
  if (display) {  /* Python's ValueError: one object would be every instance's */
    diag_at(p->diag, v, "a mutable default would be shared by every instance: use field(default_factory=...)");
    return NULL;
  }
  Func *spec = v->kind == EX_CALL ? resolve_callee(p, m, v->lhs) : NULL;
  if (!spec || spec->transform != TRANSFORM_FIELD) return v;
  Node *dflt = NULL;
  for (Node *k = v->args; k; k = k->next) {
    bool factory = k->kind == ND_KEYWORD && strcmp(k->name, "default_factory") == 0;
    if (k->kind != ND_KEYWORD || (!factory && strcmp(k->name, "default") != 0) || dflt) {
      diag_at(p->diag, k, "%s() takes one of default= and default_factory=", spec->name);
      return NULL;
    }
    dflt = factory ? factory_default(p, k->rhs) : k->rhs;
    *fresh = factory;
  }
  return dflt;
}

/* The fields of the class body's annotations, in order; a field without a
 * default after one with a default is Python's TypeError. */
static Spec *collect_specs(Program *p, ClassInfo *c, int *n) {
  int cap = 0;
  for (Node *st = c->decl->body; st; st = st->next) cap += st->kind == ST_ANNASSIGN;
  Spec *specs = arena_alloc(p->arena, (cap ? cap : 1) * sizeof *specs);
  *n = 0;
  const Node *defaulted = NULL;
  for (Node *st = c->decl->body; st; st = st->next) {
    if (st->kind != ST_ANNASSIGN || st->lhs->kind != EX_NAME) continue;
    if (strcmp(st->lhs->name, "self") == 0) {  /* the written methods' first parameter */
      diag_at(p->diag, st->lhs, "a field named 'self' is not in the language: rename it");
      continue;
    }
    Spec *s = &specs[(*n)++];
    s->st = st;
    s->dflt = field_default(p, c->mod, st->rhs, &s->fresh);
    if (s->dflt) defaulted = st;
    else if (defaulted)
      diag_at(p->diag, st, "field '%s' without a default follows '%s', which has one", st->lhs->name,
              defaulted->lhs->name);
  }
  return specs;
}

/* ---- the methods, as text ---------------------------------------------------- */

static const char *field_name(const Spec *s) { return s->st->lhs->name; }

/* `(self.x, self.y)` of the fields, or `()`. */
static const char *field_tuple(Program *p, const Spec *specs, int n, const char *obj) {
  const char *t = "(";
  for (int i = 0; i < n; i++) t = arena_printf(p->arena, "%s%s.%s, ", t, obj, field_name(&specs[i]));
  return arena_printf(p->arena, "%s)", t);
}

/* def __init__(self, x: None, y: None = None) -> None: with `self.x = x` for
 * each field (the Nones stand for the field's annotation and default). */
static const char *init_text(Program *p, ClassInfo *c, const Spec *specs, int n) {
  const char *params = "", *body = "";
  for (int i = 0; i < n; i++) {
    params = arena_printf(p->arena, "%s, %s: None%s", params, field_name(&specs[i]), specs[i].dflt ? " = None" : "");
    body = arena_printf(p->arena, "%s    self.%s = %s\n", body, field_name(&specs[i]), field_name(&specs[i]));
  }
  if (class_method(c, "__post_init__")) body = arena_printf(p->arena, "%s    self.__post_init__()\n", body);
  return arena_printf(p->arena, "def __init__(self%s) -> None:\n%s%s", params, body, n ? "" : "    pass\n");
}

/* __repr__ as Python's: `Point(x=1, y=2.5)`, each field's repr. */
static const char *repr_text(Program *p, ClassInfo *c, const Spec *specs, int n) {
  const char *fields = "";
  for (int i = 0; i < n; i++)
    fields = arena_printf(p->arena, "%s%s%s={self.%s!r}", fields, i ? ", " : "", field_name(&specs[i]),
                          field_name(&specs[i]));
  return arena_printf(p->arena, "def __repr__(self) -> str:\n    return f\"%s(%s)\"\n", c->name, fields);
}

/* __eq__ and the orderings compare the fields as tuples, as Python's. */
static const char *compare_text(Program *p, ClassInfo *c, const Spec *specs, int n, const char *name,
                                const char *op) {
  return arena_printf(p->arena, "def %s(self, other: \"%s\") -> bool:\n    return %s %s %s\n", name, c->name,
                      field_tuple(p, specs, n, "self"), op, field_tuple(p, specs, n, "other"));
}

/* ---- placing the parsed methods ------------------------------------------------ */

/* Every node of the tree n at `at`'s place in the program. */
static void place(Node *n, const Node *at) {
  for (; n; n = n->next) {
    n->file = at->file;
    n->pos = at->pos;
    n->len = at->len;
    Node *kids[] = {n->lhs, n->rhs, n->cond, n->body, n->args, n->params, n->elts, n->cmps, n->parts, n->ann,
                    n->spec};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++) place(kids[i], at);
  }
}

/* The generated __init__ takes each field's annotation and default, and
 * its statements stand at the field's line. */
static void graft_fields(Node *init, const Spec *specs, int n) {
  Node *q = init->params->next, *st = init->body;
  for (int i = 0; i < n; i++, q = q->next, st = st->next) {
    place(q, specs[i].st);
    q->ann = specs[i].st->ann;
    q->rhs = specs[i].dflt;
    if (specs[i].fresh) q->flags |= PARAM_FRESH_DEFAULT;
    Node *next = st->next;
    st->next = NULL;
    place(st, specs[i].st);
    st->next = next;
  }
}

/* Is a field annotated as a list, dict or set? CPython's frozen dataclass
 * then still gets a __hash__, which raises TypeError where it is called;
 * here the class gets none, so that hashing it is a compile error naming
 * the class, and a program that never hashes it compiles. */
static bool mutable_field(const Spec *specs, int n) {
  for (int i = 0; i < n; i++) {
    const Node *a = specs[i].st->ann;
    if (a && a->kind == EX_INDEX) a = a->lhs;
    if (a && a->kind == EX_NAME &&
        (strcmp(a->name, "list") == 0 || strcmp(a->name, "dict") == 0 || strcmp(a->name, "set") == 0))
      return true;
  }
  return false;
}

/* The class's methods that a transform writes where the class has none of
 * its own (Python's leave a method the class defines): ST_FUNCDEFs. */
static const char *wanted(Program *p, ClassInfo *c, const Options *o, const Spec *specs, int n) {
  const char *text = "";
  struct { bool on; const char *name, *op; } compare[] = {
      {o->eq, "__eq__", "=="}, {o->order, "__lt__", "<"}, {o->order, "__le__", "<="},
      {o->order, "__gt__", ">"}, {o->order, "__ge__", ">="}};
  bool own_init = false, own_repr = false, own_hash = false;
  for (Func *f = c->methods; f; f = f->next) {
    own_init |= strcmp(f->name, "__init__") == 0;
    own_repr |= strcmp(f->name, "__repr__") == 0;
    own_hash |= strcmp(f->name, "__hash__") == 0;
  }
  if (o->init && !own_init) text = init_text(p, c, specs, n);
  if (o->repr && !own_repr) text = arena_printf(p->arena, "%s%s", text, repr_text(p, c, specs, n));
  /* Python's: equal objects hash alike; a mutable one has none */
  if (o->eq && o->frozen && !own_hash && !mutable_field(specs, n))
    text = arena_printf(p->arena, "%sdef __hash__(self) -> int:\n    return hash(%s)\n", text,
                        field_tuple(p, specs, n, "self"));
  for (size_t i = 0; i < sizeof compare / sizeof *compare; i++) {
    if (!compare[i].on) continue;
    Func *own = NULL;
    for (Func *f = c->methods; f; f = f->next)
      if (strcmp(f->name, compare[i].name) == 0) own = f;
    if (own && compare[i].op[0] != '=')  /* Python's TypeError */
      diag_at(p->diag, own->decl, "%s defines %s, which order=True would write", c->name, compare[i].name);
    else if (!own)
      text = arena_printf(p->arena, "%s%s", text, compare_text(p, c, specs, n, compare[i].name, compare[i].op));
  }
  return text;
}

Node *transform_class(Program *p, ClassInfo *c, const Func *t, const Node *dec) {
  if (!options_valid(p, t, dec)) return NULL;
  Options o = {option(t, dec, "init"), option(t, dec, "repr"), option(t, dec, "eq"), option(t, dec, "order"),
               option(t, dec, "frozen")};
  if (o.order && !o.eq) {
    diag_at(p->diag, dec, "order=True needs eq=True: the orderings compare as __eq__ does");
    return NULL;
  }
  c->frozen = o.frozen;
  int n, errors = p->diag->errors;
  Spec *specs = collect_specs(p, c, &n);
  if (p->diag->errors > errors) return NULL;  /* an __init__ of those fields would be a wrong one */
  const char *text = wanted(p, c, &o, specs, n);
  if (!*text) return NULL;
  SrcFile *file = src_from_string(p->arena, c->decl->file->path, text);
  Node *mod = parse_module(p->arena, p->diag, file);
  if (!mod) return NULL;
  place(mod->body, dec);
  for (Node *def = mod->body; def; def = def->next)
    if (strcmp(def->name, "__init__") == 0) graft_fields(def, specs, n);
  return mod->body;
}

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
  bool init, repr, eq, order, frozen, kw_only;
} Options;

/* A field as the class body declares it: `name: ann` or `name: ann = v`,
 * with what field(...) says of it. */
typedef struct Spec {
  Node *st;     /* the ST_ANNASSIGN */
  Node *dflt;   /* the default the generated __init__'s parameter takes, or NULL */
  bool fresh;   /* dflt is made at each call (default_factory=) */
  bool init, repr, compare, kw_only;  /* field(init=, repr=, compare=, kw_only=) */
  bool hashed;  /* in __hash__: field(hash=True), or compare with hash=None */
  bool inherited; /* a field of a dataclass base: its nodes are copied into this class's __init__ */
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

/* field(name=True/False) of a bool option, written so; `none` where None
 * is one too (hash=): *none set for it. False after an error. */
static bool bool_option(Program *p, const Func *spec, const Node *k, bool *value, bool *none) {
  if (none && k->rhs->kind == EX_NONE) return *none = true;
  if (k->rhs->kind != EX_TRUE && k->rhs->kind != EX_FALSE) {
    diag_at(p->diag, k->rhs, "%s= of %s() is True or False%s, written so (the compiler writes the class's methods)",
            k->name, spec->name, none ? " or None" : "");
    return false;
  }
  *value = k->rhs->kind == EX_TRUE;
  return true;
}

/* One keyword of field(...) into s; false after an error. metadata= is
 * for other code to read, which none does here: it is left as written. */
static bool field_option(Program *p, const Func *spec, Node *k, Spec *s, bool *given) {
  bool factory = strcmp(k->name, "default_factory") == 0, none = false, hash = s->compare;
  if (factory || strcmp(k->name, "default") == 0) {
    if (*given) {
      diag_at(p->diag, k, "%s() takes one of default= and default_factory=", spec->name);
      return false;
    }
    *given = true;
    s->dflt = factory ? factory_default(p, k->rhs) : k->rhs;
    s->fresh = factory;
    return true;
  }
  if (strcmp(k->name, "init") == 0) return bool_option(p, spec, k, &s->init, NULL);
  if (strcmp(k->name, "repr") == 0) return bool_option(p, spec, k, &s->repr, NULL);
  if (strcmp(k->name, "compare") == 0) return bool_option(p, spec, k, &s->compare, NULL);
  if (strcmp(k->name, "kw_only") == 0) return bool_option(p, spec, k, &s->kw_only, NULL);
  if (strcmp(k->name, "hash") == 0) {
    if (!bool_option(p, spec, k, &hash, &none)) return false;
    s->hashed = none ? s->compare : hash;
    return true;
  }
  if (strcmp(k->name, "metadata") == 0) return true;
  diag_at(p->diag, k, "%s() got an unexpected keyword argument '%s'", spec->name, k->name);
  return false;
}

/* The default of a field and its options: its value, or what
 * field(default=...) or field(default_factory=...) gives (s->fresh: the
 * latter), and field's other keywords. False after an error. */
static bool field_spec(Program *p, Module *m, Node *v, Spec *s) {
  if (!v) return true;
  bool display = v->kind == EX_LIST || v->kind == EX_DICT || v->kind == EX_SET || v->kind == EX_LISTCOMP ||
                 v->kind == EX_DICTCOMP || v->kind == EX_SETCOMP;
  if (display) {  /* Python's ValueError: one object would be every instance's */
    diag_at(p->diag, v, "a mutable default would be shared by every instance: use field(default_factory=...)");
    return false;
  }
  Func *spec = v->kind == EX_CALL ? resolve_callee(p, m, v->lhs) : NULL;
  if (!spec || spec->transform != TRANSFORM_FIELD) {
    s->dflt = v;
    return true;
  }
  bool given = false, hash_given = false;
  for (Node *k = v->args; k; k = k->next) {
    if (k->kind != ND_KEYWORD) {
      diag_at(p->diag, k, "%s() takes keywords only (default=, default_factory=, init=, ...)", spec->name);
      return false;
    }
    hash_given |= strcmp(k->name, "hash") == 0;
    if (!field_option(p, spec, k, s, &given)) return false;
  }
  if (!hash_given) s->hashed = s->compare;
  return true;
}

static const char *field_name(const Spec *s) { return s->st->lhs->name; }

/* Did a class transform write k's methods (k a dataclass whose fields had no error)? */
static bool written_by_transform(const ClassInfo *k) {
  for (const Func *f = k->methods; f; f = f->next)
    if (f->written) return true;
  return false;
}

static Spec *collect_specs(Program *p, ClassInfo *c, bool kw_only, int *n);

/* The fields of c's dataclass base, in Python's order (its bases' first),
 * each as its own decorator and field() made it; none where c's base is
 * no dataclass. */
static Spec *base_specs(Program *p, const ClassInfo *c, int *n) {
  ClassInfo *b = c->base;
  *n = 0;
  if (!b || !b->transformed_by || !written_by_transform(b)) return NULL;
  const Node *dec = b->decl->decorators;
  Spec *specs = collect_specs(p, b, option(b->transformed_by, dec, "kw_only"), n);
  for (int i = 0; i < *n; i++) specs[i].inherited = true;
  return specs;
}

/* The index of the field named `name` among specs, or -1. */
static int spec_named(const Spec *specs, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(field_name(&specs[i]), name) == 0) return i;
  return -1;
}

/* A field without a default after one with a default is Python's
 * TypeError, where both are __init__'s positional parameters. */
static void defaults_in_order(Program *p, const Spec *specs, int n) {
  const Spec *defaulted = NULL;
  for (int i = 0; i < n; i++) {
    if (!specs[i].init || specs[i].kw_only) continue;
    if (specs[i].dflt) defaulted = &specs[i];
    else if (defaulted)
      diag_at(p->diag, specs[i].st, "field '%s' without a default follows '%s', which has one", field_name(&specs[i]),
              field_name(defaulted));
  }
}

/* The fields: a dataclass base's, then the class body's annotations in
 * order, one the base has taking its place (Python's order). */
static Spec *collect_specs(Program *p, ClassInfo *c, bool kw_only, int *n) {
  int ninherited;
  Spec *inherited = base_specs(p, c, &ninherited);
  int cap = ninherited;
  for (Node *st = c->decl->body; st; st = st->next) cap += st->kind == ST_ANNASSIGN;
  Spec *specs = arena_alloc(p->arena, (cap ? cap : 1) * sizeof *specs);
  if (ninherited) memcpy(specs, inherited, ninherited * sizeof *specs);
  *n = ninherited;
  for (Node *st = c->decl->body; st; st = st->next) {
    if (st->kind != ST_ANNASSIGN || st->lhs->kind != EX_NAME) continue;
    if (strcmp(st->lhs->name, "self") == 0) {  /* the written methods' first parameter */
      diag_at(p->diag, st->lhs, "a field named 'self' is not in the language: rename it");
      continue;
    }
    int at = spec_named(specs, ninherited, st->lhs->name);
    Spec *s = &specs[at >= 0 ? at : (*n)++];
    *s = (Spec){.st = st, .init = true, .repr = true, .compare = true, .hashed = true, .kw_only = kw_only};
    field_spec(p, c->mod, st->rhs, s);
  }
  defaults_in_order(p, specs, *n);
  return specs;
}

/* ---- the methods, as text ---------------------------------------------------- */

/* Which fields a written method reads (Spec's flags). */
typedef enum { FOR_COMPARE, FOR_HASH } Use;

static bool used_for(const Spec *s, Use use) { return use == FOR_COMPARE ? s->compare : s->hashed; }

/* `(self.x, self.y)` of the fields compared or hashed, or `()`. */
static const char *field_tuple(Program *p, const Spec *specs, int n, const char *obj, Use use) {
  const char *t = "(";
  for (int i = 0; i < n; i++)
    if (used_for(&specs[i], use)) t = arena_printf(p->arena, "%s%s.%s, ", t, obj, field_name(&specs[i]));
  return arena_printf(p->arena, "%s)", t);
}

/* Is field s __init__'s parameter, positional (kw false) or keyword-only? */
static bool init_param(const Spec *s, bool kw) { return s->init && s->kw_only == kw; }

/* __init__'s parameters: the positional fields', then after a `*` the
 * keyword-only ones', each in the body's order (Python's). */
static const char *init_params(Program *p, const Spec *specs, int n) {
  const char *params = "";
  for (int kw = 0; kw < 2; kw++)
    for (int i = 0; i < n; i++) {
      if (!init_param(&specs[i], kw)) continue;
      if (kw && !strchr(params, '*')) params = arena_printf(p->arena, "%s, *", params);
      params = arena_printf(p->arena, "%s, %s: None%s", params, field_name(&specs[i]), specs[i].dflt ? " = None" : "");
    }
  return params;
}

/* def __init__(self, x: None, y: None = None) -> None: with `self.x = x` for
 * each field (the Nones stand for the field's annotation and default); a
 * field that is no parameter (init=False) set to its default, if it has one. */
static const char *init_text(Program *p, ClassInfo *c, const Spec *specs, int n) {
  const char *body = "";
  for (int i = 0; i < n; i++)
    if (specs[i].init || specs[i].dflt)
      body = arena_printf(p->arena, "%s    self.%s = %s\n", body, field_name(&specs[i]),
                          specs[i].init ? field_name(&specs[i]) : "None");
  if (class_method(c, "__post_init__")) body = arena_printf(p->arena, "%s    self.__post_init__()\n", body);
  return arena_printf(p->arena, "def __init__(self%s) -> None:\n%s%s", init_params(p, specs, n), body,
                      *body ? "" : "    pass\n");
}

/* __repr__ as Python's: `Point(x=1, y=2.5)`, each field's repr but those of repr=False. */
static const char *repr_text(Program *p, ClassInfo *c, const Spec *specs, int n) {
  const char *fields = "";
  for (int i = 0; i < n; i++)
    if (specs[i].repr)
      fields = arena_printf(p->arena, "%s%s%s={self.%s!r}", fields, *fields ? ", " : "", field_name(&specs[i]),
                            field_name(&specs[i]));
  (void)c;  /* the object's own class names it: a class deriving a dataclass prints its name */
  return arena_printf(p->arena, "def __repr__(self) -> str:\n    return f\"{type(self).__name__}(%s)\"\n", fields);
}

/* The orderings compare the fields as tuples, as Python's; __eq__ field
 * by field, as a tuple's == does (so an Optional field, which no tuple
 * holds, compares too), each comparison's truth as the tuple takes it (a
 * Tensor field's == is a tensor: bool() of it, PyTorch's RuntimeError
 * where it has several elements). */
static const char *compare_text(Program *p, ClassInfo *c, const Spec *specs, int n, const char *name,
                                const char *op) {
  /* `other` is typed by the first dataclass of c's bases, so that an override takes what the method it
     overrides takes; objects of one class compare, as Python's (else NotImplemented) */
  const ClassInfo *root = c;
  while (root->base && root->base->transformed_by) root = root->base;
  if (strcmp(op, "==") == 0) {
    const char *all = "";
    for (int i = 0; i < n; i++)
      if (specs[i].compare)
        all = arena_printf(p->arena, "%s and bool(self.%s == other.%s)", all, field_name(&specs[i]),
                           field_name(&specs[i]));
    return arena_printf(p->arena, "def %s(self, other: \"%s\") -> bool:\n"
                        "    return isinstance(other, %s) and type(self) is type(other)%s\n", name, root->name,
                        c->name, all);
  }
  return arena_printf(p->arena, "def %s(self, other: \"%s\") -> bool:\n"
                      "    if not isinstance(other, %s) or type(self) is not type(other):\n"
                      "        raise TypeError(f\"'%s' not supported between instances of '{type(self).__name__}' "
                      "and '{type(other).__name__}'\")\n"
                      "    return %s %s %s\n", name, root->name, c->name, op,
                      field_tuple(p, specs, n, "self", FOR_COMPARE), op, field_tuple(p, specs, n, "other", FOR_COMPARE));
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

/* A node of field s for this class's __init__: a copy of an inherited
 * field's, whose base's __init__ has the node itself. */
static Node *own_node(Program *p, const Spec *s, Node *n) { return n && s->inherited ? ast_copy(p->arena, n) : n; }

/* The generated __init__ takes each field's annotation and default, in
 * init_params' order, and its statements stand at the fields' lines, a
 * field that is no parameter assigned its default. */
static void graft_fields(Program *p, Node *init, const Spec *specs, int n) {
  Node *q = init->params->next, *st = init->body;
  for (int kw = 0; kw < 2; kw++)
    for (int i = 0; i < n; i++) {
      if (!init_param(&specs[i], kw)) continue;
      place(q, specs[i].st);
      q->ann = own_node(p, &specs[i], specs[i].st->ann);
      q->rhs = own_node(p, &specs[i], specs[i].dflt);
      if (specs[i].fresh) q->flags |= PARAM_FRESH_DEFAULT;
      q = q->next;
    }
  for (int i = 0; i < n; i++) {
    if (!specs[i].init && !specs[i].dflt) continue;
    Node *next = st->next;
    st->next = NULL;
    place(st, specs[i].st);
    if (!specs[i].init) st->rhs = own_node(p, &specs[i], specs[i].dflt);  /* a default_factory's call too */
    st->next = next;
    st = next;
  }
}

/* Is a field annotated as a list, dict or set? CPython's frozen dataclass
 * then still gets a __hash__, which raises TypeError where it is called;
 * here the class gets none, so that hashing it is a compile error naming
 * the class, and a program that never hashes it compiles. */
static bool mutable_field(const Spec *specs, int n) {
  for (int i = 0; i < n; i++) {
    if (!specs[i].hashed) continue;
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
                        field_tuple(p, specs, n, "self", FOR_HASH));
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
               option(t, dec, "frozen"), option(t, dec, "kw_only")};
  if (o.order && !o.eq) {
    diag_at(p->diag, dec, "order=True needs eq=True: the orderings compare as __eq__ does");
    return NULL;
  }
  const ClassInfo *b = c->base;
  if (b && b->transformed_by && b->frozen != o.frozen) {  /* Python's TypeError */
    diag_at(p->diag, dec, "cannot inherit %s dataclass from a %s one", o.frozen ? "frozen" : "non-frozen",
            b->frozen ? "frozen" : "non-frozen");
    return NULL;
  }
  c->frozen = o.frozen;
  int n, errors = p->diag->errors;
  Spec *specs = collect_specs(p, c, o.kw_only, &n);
  if (p->diag->errors > errors) return NULL;  /* an __init__ of those fields would be a wrong one */
  const char *text = wanted(p, c, &o, specs, n);
  if (!*text) return NULL;
  SrcFile *file = src_from_string(p->arena, c->decl->file->path, text);
  Node *mod = parse_module(p->arena, p->diag, file);
  if (!mod) return NULL;
  place(mod->body, dec);
  for (Node *def = mod->body; def; def = def->next)
    if (strcmp(def->name, "__init__") == 0) graft_fields(p, def, specs, n);
  return mod->body;
}

/* ---- enumerations ------------------------------------------------------------ */

/* A class deriving a class of protocol "enum" (enum.Enum): each name its
 * body assigns (`RED = 1`, `GREEN = auto()`, not a _private one) is a
 * member, an object of the class made where the class statement runs:
 * the assignment's value becomes `Color("RED", 1)`, a call marked
 * CALL_ENUM_MEMBER (any other call of the class looks a member up by
 * value, as Python's Color(1) does: _value_of). A value equal to an
 * earlier member's makes an alias of it, as Python's. The class gets the
 * fields name and value, and Python's str, repr and hash. */

typedef struct Member {
  Node *st;       /* `NAME = value` */
  Node *value;    /* the literal, or auto()'s number */
  Node *alias;    /* the earlier member of the same value, or NULL */
} Member;

/* A member's value: an int, float or str literal (negated numbers too),
 * or auto(): the last int value + 1, from 1 (Python's). */
static Node *member_value(Program *p, Module *m, Node *v, int64_t *last) {
  Func *f = v->kind == EX_CALL && !v->args ? resolve_callee(p, m, v->lhs) : NULL;
  if (f && f->transform == TRANSFORM_AUTO) {
    Node *n = node_at(p, EX_INT, v);
    n->ival = ++*last;
    return n;
  }
  const Node *lit = v->kind == EX_UNARY && v->op == OP_NEG ? v->lhs : v;
  if (lit->kind != EX_INT && lit->kind != EX_FLOAT && lit->kind != EX_STR) {
    diag_at(p->diag, v, "an Enum member's value is an int, float or str literal, or auto(), here");
    return NULL;
  }
  if (lit->kind == EX_INT) *last = v == lit ? lit->ival : -lit->ival;
  return v;
}

/* Do two members' values read alike (1 and 1, "a" and "a")? */
static bool same_value(const Node *a, const Node *b) {
  if (a->kind != b->kind) return false;
  switch (a->kind) {
  case EX_INT: return a->ival == b->ival;
  case EX_FLOAT: return a->fval == b->fval;
  case EX_STR: return a->slen == b->slen && memcmp(a->str, b->str, a->slen) == 0;
  case EX_UNARY: return a->op == b->op && same_value(a->lhs, b->lhs);
  default: return false;
  }
}

/* The value type of the members: int, float or str; NULL (reported)
 * for values of several kinds (an int member's value would print as a
 * float among floats, where Python keeps it an int). */
static const char *member_type(Program *p, const Member *ms, int n) {
  bool kinds[3] = {false, false, false};
  for (int i = 0; i < n; i++) {
    const Node *v = ms[i].value->kind == EX_UNARY ? ms[i].value->lhs : ms[i].value;
    kinds[v->kind == EX_STR ? 2 : v->kind == EX_FLOAT ? 1 : 0] = true;
  }
  if (kinds[0] + kinds[1] + kinds[2] > 1) {
    diag_at(p->diag, ms[0].st, "the members' values are of one kind, ints, floats or strs, here");
    return NULL;
  }
  return kinds[2] ? "str" : kinds[1] ? "float" : "int";
}

static Member *collect_members(Program *p, ClassInfo *c, int *n) {
  int cap = 0;
  for (Node *st = c->decl->body; st; st = st->next) cap++;
  Member *ms = arena_alloc(p->arena, (cap ? cap : 1) * sizeof *ms);
  int64_t last = 0;
  *n = 0;
  for (Node *st = c->decl->body; st; st = st->next) {
    if (st->kind != ST_ASSIGN || st->lhs->kind != EX_NAME || st->lhs->next || st->lhs->name[0] == '_') continue;
    Node *v = member_value(p, c->mod, st->rhs, &last);
    if (!v) continue;
    Member *mb = &ms[(*n)++];
    *mb = (Member){.st = st, .value = v};
    for (int i = 0; i < *n - 1 && !mb->alias; i++)
      if (!ms[i].alias && same_value(ms[i].value, v)) mb->alias = ms[i].st->lhs;
  }
  return ms;
}

/* `NAME = v` becomes `NAME = C("NAME", v)`, or `NAME = C.FIRST` of an alias. */
static void make_member(Program *p, ClassInfo *c, Member *mb) {
  Node *at = mb->st->rhs, *cls = node_at(p, EX_NAME, at);
  cls->name = c->name;
  if (mb->alias) {
    Node *a = node_at(p, EX_ATTR, at);
    a->lhs = cls;
    a->name = mb->alias->name;
    mb->st->rhs = a;
    return;
  }
  Node *call = node_at(p, EX_CALL, at), *name = node_at(p, EX_STR, mb->st->lhs);
  name->str = mb->st->lhs->name;
  name->slen = strlen(name->str);
  call->lhs = cls;
  call->args = name;
  name->next = mb->value;
  mb->value->next = NULL;
  call->flags = CALL_ENUM_MEMBER;
  mb->st->rhs = call;
}

/* The methods: __init__ of name and value, Python's __str__ ("Color.RED"),
 * __repr__ ("<Color.RED: 1>") and __hash__ (of the name); _value_of, what
 * Color(1) calls (ValueError: 1 is not a valid Color), _member_named,
 * what Color["RED"] calls (KeyError), and _members, the list that `for m
 * in Color`, len(Color) and list(Color) take (check_classobj.c). */
static const char *enum_text(Program *p, ClassInfo *c, const Member *ms, int n, const char *vt) {
  const char *k = c->name, *find = "", *named = "", *all = "";
  for (int i = 0; i < n; i++) {
    const char *m = ms[i].st->lhs->name;
    named = arena_printf(p->arena, "%s    if name == \"%s\":\n        return %s.%s\n", named, m, k, m);
    if (ms[i].alias) continue;
    find = arena_printf(p->arena, "%s    if value == %s.%s.value:\n        return %s.%s\n", find, k, m, k, m);
    all = arena_printf(p->arena, "%s%s%s.%s", all, *all ? ", " : "", k, m);
  }
  const char *text = arena_printf(p->arena,
      "def __init__(self, name: str, value: %s) -> None:\n    self.name = name\n    self.value = value\n"
      "@staticmethod\ndef _value_of(value: %s) -> \"%s\":\n%s    raise ValueError(f\"{value!r} is not a valid %s\")\n"
      "@staticmethod\ndef _member_named(name: str) -> \"%s\":\n%s    raise KeyError(name)\n"
      "@staticmethod\ndef _members() -> list[\"%s\"]:\n    return [%s]\n",
      vt, vt, k, find, k, k, named, k, all);
  if (!class_method(c, "__str__"))
    text = arena_printf(p->arena, "%sdef __str__(self) -> str:\n    return \"%s.\" + self.name\n", text, k);
  if (!class_method(c, "__repr__"))
    text = arena_printf(p->arena, "%sdef __repr__(self) -> str:\n    return f\"<%s.{self.name}: {self.value!r}>\"\n",
                        text, k);
  if (!class_method(c, "__hash__"))
    text = arena_printf(p->arena, "%sdef __hash__(self) -> int:\n    return hash(self.name)\n", text);
  return text;
}

Node *transform_enum(Program *p, ClassInfo *c) {
  int n, errors = p->diag->errors;
  Member *ms = collect_members(p, c, &n);
  if (!n && p->diag->errors == errors)
    diag_at(p->diag, c->decl, "an Enum class without members is not in the language yet: give it some ('RED = 1')");
  const char *vt = n ? member_type(p, ms, n) : NULL;
  if (p->diag->errors > errors || !vt) return NULL;
  for (Func *f = c->methods; f; f = f->next)
    if (strcmp(f->name, "__init__") == 0 || strcmp(f->name, "_value_of") == 0) {
      diag_at(p->diag, f->decl, "an Enum class's %s is the compiler's: its members are made from their values",
              f->name);
      return NULL;
    }
  for (int i = 0; i < n; i++) make_member(p, c, &ms[i]);
  c->frozen = true;  /* Python's members are constants: AttributeError */
  SrcFile *file = src_from_string(p->arena, c->decl->file->path, enum_text(p, c, ms, n, vt));
  Node *mod = parse_module(p->arena, p->diag, file);
  if (mod) place(mod->body, c->decl);
  return mod ? mod->body : NULL;
}

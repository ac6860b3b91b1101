/* resolve.c - loads the program's modules and declares their top-level names.
 *
 * Imports are followed depth first, so Program.modules lists every module
 * after the modules it imports; the main module comes last. Signatures of
 * functions and methods are typed here; bodies are check.c's.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "sema.h"

/* ---- hash tables of names ------------------------------------------------ */

static unsigned name_hash(const char *s) {
  unsigned h = 2166136261u;  /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* Where `key` is in m, or the empty slot where it would go. */
static unsigned namemap_slot(const NameMap *m, const char *key) {
  unsigned i = name_hash(key) & (m->cap - 1);
  while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & (m->cap - 1);
  return i;
}

static void *namemap_get(const NameMap *m, const char *key) {
  if (!m->cap) return NULL;
  unsigned i = namemap_slot(m, key);
  return m->keys[i] ? m->vals[i] : NULL;
}

static void namemap_grow(Arena *a, NameMap *m) {
  NameMap big = {.cap = m->cap ? 2 * m->cap : 8, .len = m->len};
  big.keys = arena_alloc(a, big.cap * sizeof *big.keys);
  big.vals = arena_alloc(a, big.cap * sizeof *big.vals);
  for (unsigned i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    unsigned j = namemap_slot(&big, m->keys[i]);
    big.keys[j] = m->keys[i];
    big.vals[j] = m->vals[i];
  }
  *m = big;
}

/* key -> val; with `keep`, a key already there keeps its value. */
static void namemap_put(Arena *a, NameMap *m, const char *key, void *val, bool keep) {
  if (4 * (m->len + 1) > 3 * m->cap) namemap_grow(a, m);
  unsigned i = namemap_slot(m, key);
  if (!m->keys[i]) {
    m->keys[i] = key;
    m->len++;
  } else if (keep) {
    return;
  }
  m->vals[i] = val;
}

/* ---- scopes ---------------------------------------------------------------- */

static Sym *scope_find_here(Scope *s, const char *name) { return namemap_get(&s->index, name); }

Sym *scope_find(Scope *s, const char *name) {
  for (; s; s = s->up) {
    Sym *y = scope_find_here(s, name);
    if (y) return y->target ? y->target : y;
  }
  return NULL;
}

Sym *scope_add(Arena *a, Scope *s, SymKind kind, const char *name, Node *decl) {
  Sym *y = arena_alloc(a, sizeof *y);
  y->kind = kind;
  y->name = name;
  y->decl = decl;
  /* Appended, so that declarations keep their source order; a look-up
   * finds the first of a name, as a walk of the list would. */
  if (s->last) s->last->next = y;
  else s->syms = y;
  s->last = y;
  namemap_put(a, &s->index, name, y, true);
  return y;
}

/* ---- names in the C -------------------------------------------------------- *
 *
 * Every C identifier made from a .gtp name ends with '_': `steps` is
 * `steps_`, `char` is `char_`, method `move` of class `Point` is
 * `Point_move_`. No C keyword, and no name of the C library (the headers of
 * the emitted C declare and define some 2,000) or of the runtime, ends with
 * '_' unless it starts with '_' (the C implementation's names) or with
 * gt_ / GT_ (the runtime's): a .gtp name that starts so gets u_ in front.
 * Names the compiler makes for itself (type descriptors, string literals,
 * temporaries, a class's helpers such as Point__new) never end with '_'.
 * Each C scope keeps a table of the identifiers it has given out, and a name
 * that is taken gets a number (`x_2_`), so that two .gtp names never share
 * one C name: `char` and `char_`, function `K_new` and class K's
 * constructor, `A.b_c` and `A_b.c`, two modules' globals. One sharing is
 * allowed, as in Python: a local of a main-module function may hide the
 * main module's global or function of the same name, which the function
 * then cannot name (`def train(net: MLP)` beside a global `net`), unless a
 * default argument names it: defaults are evaluated where they are called. */

/* The owner recorded for a C name that nothing may hide. */
static const char fixed[] = "";

static bool owned_by_c(const char *name) {
  return name[0] == '_' || strncmp(name, "gt_", 3) == 0 || strncmp(name, "GT_", 3) == 0;
}

static bool cname_taken(const CNames *ns, const char *c) {
  for (; ns; ns = ns->up)
    if (namemap_get(&ns->taken, c)) return true;
  return false;
}

/* A numbered form stem + sep + n + end that is free in ns. The last number
 * given for a stem is kept under "stem #" (no identifier has a space), so a
 * thousand `x`s cost no more than one each. */
static const char *numbered(Program *p, CNames *ns, const char *stem, const char *sep, const char *end) {
  const char *key = arena_printf(p->arena, "%s #", stem);
  intptr_t n = (intptr_t)namemap_get(&ns->taken, key);
  const char *c;
  do {
    n = n < 2 ? 2 : n + 1;
    c = arena_printf(p->arena, "%s%s%" PRIdPTR "%s", stem, sep, n, end);
  } while (cname_taken(ns, c));
  namemap_put(p->arena, &ns->taken, key, (void *)n, false);
  return c;
}

/* Takes c in ns for `owner`: the .gtp name a local may hide, or `fixed`. */
static const char *claim(Program *p, CNames *ns, const char *c, const char *owner) {
  namemap_put(p->arena, &ns->taken, c, (void *)owner, true);
  return c;
}

static const char *stem_of(Program *p, const char *name) {
  return owned_by_c(name) ? arena_printf(p->arena, "u_%s", name) : name;
}

static const char *ident_for(Program *p, CNames *ns, const char *name, const char *owner) {
  const char *stem = stem_of(p, name);
  const char *c = arena_printf(p->arena, "%s_", stem);
  if (cname_taken(ns, c)) c = numbered(p, ns, stem, "_", "_");
  return claim(p, ns, c, owner);
}

const char *c_ident(Program *p, CNames *ns, const char *name) { return ident_for(p, ns, name, fixed); }

/* May local `name` of f take file-scope C name c? Only from the main
 * module's global or function of that very name (see above). */
static bool may_hide(Program *p, Func *f, const char *c, const char *name) {
  const char *owner = namemap_get(&p->cnames.taken, c);
  return owner && owner != fixed && strcmp(owner, name) == 0 && f->mod && f->mod->is_main &&
         f != f->mod->init && !namemap_get(&p->default_names, name);
}

const char *c_local(Program *p, Func *f, const char *name, bool hides) {
  f->cnames.up = &p->cnames;
  const char *c = arena_printf(p->arena, "%s_", stem_of(p, name));
  if (hides && !namemap_get(&f->cnames.taken, c) && may_hide(p, f, c, name)) return claim(p, &f->cnames, c, fixed);
  /* a local of the top-level code (`[a for a in xs]`) sees every global,
     some named only later (`a = [1.5]` below it): taken at file scope, no
     global can take its name */
  if (f->mod && f == f->mod->init) return c_ident(p, &p->cnames, name);
  return c_ident(p, &f->cnames, name);
}

const char *c_internal(Program *p, const char *stem) {
  const char *c = stem;
  if (cname_taken(&p->cnames, c)) c = numbered(p, &p->cnames, stem, "", "");
  return claim(p, &p->cnames, c, fixed);
}

/* A module's globals are named after it: helpers.util's `count` is
 * helpers_util_count_; its top-level code is helpers_util__init. */
static const char *module_prefix(Program *p, const char *name) {
  char *s = arena_strdup(p->arena, name);
  for (char *c = s; *c; c++)
    if (*c == '.') *c = '_';
  return c_ident(p, &p->module_cnames, s);
}

/* The file-scope C name of a module's name (its prefix, then the name); a
 * main-module global or function may be hidden by a local of its name. */
static const char *global_cname(Program *p, Module *m, const char *name, bool hideable) {
  if (!*m->prefix) return ident_for(p, &p->cnames, name, hideable ? name : fixed);
  return c_ident(p, &p->cnames, arena_printf(p->arena, "%s%s", m->prefix, name));
}

const char *c_global(Program *p, Module *m, const char *name) { return global_cname(p, m, name, false); }

/* C11's keywords: an extern's C name cannot be one. */
static const char *const c_keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
    "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
    "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
    "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local"};

static bool is_c_identifier(const char *s) {
  if (!isalpha((unsigned char)*s) && *s != '_') return false;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '_') return false;
  return true;
}

/* The C name of an extern (`= "gt_..."`) is written into the C as it is: it
 * must be an identifier, not a keyword, and not of the form the program's
 * own names take (ending with '_'), unless the runtime or C owns it. */
static void check_extern_cname(Program *p, Node *at, const char *c) {
  if (!c || !*c) return;  /* the parser has said so */
  const char *why = NULL;
  if (!is_c_identifier(c)) why = "is not a C identifier (letters, digits and '_', not first a digit)";
  for (size_t i = 0; !why && i < sizeof c_keywords / sizeof *c_keywords; i++)
    if (strcmp(c, c_keywords[i]) == 0) why = "is a C keyword";
  if (!why && c[strlen(c) - 1] == '_' && !owned_by_c(c))
    why = "ends with '_' as the program's own names in the C do (start it with gt_)";
  if (!why) return;
  char *shown = arena_strdup(p->arena, c);
  for (char *q = shown; *q; q++)
    if (!isprint((unsigned char)*q)) *q = '?';
  diag_at(p->diag, at, "the C name \"%s\" of extern '%s' %s", shown, at->name ? at->name : "", why);
}

/* ---- finding and loading modules ----------------------------------------- */

static char *dir_of(Arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return ".";
  return arena_strndup(a, path, slash - path);
}

static bool file_exists(const char *path) { return access(path, R_OK) == 0; }

/* "a.b" -> DIR/a/b.gtp or DIR/a/b/__init__.gtp, or NULL. */
static char *find_in_dir(Arena *a, const char *dir, const char *modname) {
  char *rel = arena_strdup(a, modname);
  for (char *c = rel; *c; c++)
    if (*c == '.') *c = '/';
  char *path = arena_printf(a, "%s/%s.gtp", dir, rel);
  if (file_exists(path)) return path;
  path = arena_printf(a, "%s/%s/__init__.gtp", dir, rel);
  if (file_exists(path)) return path;
  /* A directory without __init__.gtp is a namespace package, as in Python 3. */
  path = arena_printf(a, "%s/%s", dir, rel);
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return path;
  return NULL;
}

static Module *find_loaded(Program *p, const char *name) {
  for (Module *m = p->all; m; m = m->all_next)
    if (strcmp(m->name, name) == 0) return m;
  return NULL;
}

static void declare_module(Program *p, Module *m);

static Module *load_module(Program *p, Module *from, Node *at, const char *name);
static Module *load_file(Program *p, Module *parent, Node *at, const char *name, char *path, bool stdlib);

/* Loaded already, or a file next to `from` or in the stdlib. */
bool module_exists(Program *p, Module *from, const char *name) {
  if (find_loaded(p, name)) return true;
  if (find_in_dir(p->arena, dir_of(p->arena, from->file->path), name)) return true;
  return p->stdlib_dir && find_in_dir(p->arena, p->stdlib_dir, name);
}

/* Loading "a.b.c" loads "a" and "a.b" first, as Python does, and binds each
 * child module as a name in its parent. */
static Module *load_parents(Program *p, Module *from, Node *at, const char *name) {
  const char *dot = strrchr(name, '.');
  if (!dot) return NULL;
  const char *pname = arena_strndup(p->arena, name, dot - name);
  /* A package may import its own submodules while it loads (torch.nn uses torch.nn.functional). */
  Module *loading = find_loaded(p, pname);
  if (loading && loading->state == 1) return loading;
  return load_module(p, from, at, pname);
}

static Module *load_module(Program *p, Module *from, Node *at, const char *name) {
  Module *parent = load_parents(p, from, at, name);
  if (strchr(name, '.') && !parent) return NULL;
  Module *m = find_loaded(p, name);
  if (m) {
    /* A package's submodule may import the package while the package loads
     * it (torch.nn's `from torch import Tensor` under torch's `import
     * torch.nn`): as in Python, it sees the names declared so far. */
    size_t n = strlen(name);
    bool own_package = strncmp(from->name, name, n) == 0 && from->name[n] == '.';
    if (m->state == 1 && !own_package) {
      diag_at(p->diag, at, "circular import of module '%s'", name);
      return NULL;
    }
    return m;
  }
  char *path = find_in_dir(p->arena, dir_of(p->arena, from->file->path), name);
  bool stdlib = path && from->is_stdlib;  /* a stdlib module's import: the stdlib's, whichever imports it first */
  if (!path && p->stdlib_dir) {
    path = find_in_dir(p->arena, p->stdlib_dir, name);
    stdlib = path != NULL;
  }
  if (!path) {
    diag_at(p->diag, at, "no module named '%s' (looked for %s.gtp next to %s and in the stdlib)",
            name, name, from->file->path);
    return NULL;
  }
  return load_file(p, parent, at, name, path, stdlib);
}

/* Module `name` from `path`, declared; with its package `parent`, if any. */
static Module *load_file(Program *p, Module *parent, Node *at, const char *name, char *path, bool stdlib) {
  size_t plen = strlen(path);
  bool package_dir = plen < 4 || strcmp(path + plen - 4, ".gtp") != 0;
  SrcFile *file = package_dir ? src_from_string(p->arena, path, "") : src_load(p->arena, p->diag, path);
  if (!file) return NULL;
  Module *m = arena_alloc(p->arena, sizeof *m);
  m->name = name;
  m->prefix = module_prefix(p, name);
  m->file = file;
  m->is_stdlib = stdlib;
  if (p->builtins) m->globals.up = &p->builtins->globals;
  m->state = 1;
  m->all_next = p->all;
  p->all = m;
  m->ast = parse_module(p->arena, p->diag, file);
  if (!m->ast) return NULL;
  declare_module(p, m);
  m->state = 2;
  /* Appended after its own imports: dependency order. */
  Module **tail = &p->modules;
  while (*tail) tail = &(*tail)->next;
  *tail = m;
  if (parent) {
    const char *last = strrchr(name, '.') + 1;
    if (!scope_find_here(&parent->globals, last)) {
      Sym *y = scope_add(p->arena, &parent->globals, SYM_MODULE, last, at);
      y->mod = m;
    }
  }
  return m;
}

/* ---- declarations ---------------------------------------------------------- */

static Sym *declare(Program *p, Module *m, SymKind kind, const char *name, Node *decl) {
  Sym *old = scope_find_here(&m->globals, name);
  if (old) {
    if (old->kind == SYM_GLOBAL && kind == SYM_GLOBAL) return old;
    bool defs = kind == SYM_FUNC && old->kind == SYM_FUNC && decl->kind == ST_FUNCDEF;
    diag_at(p->diag, decl, defs ? "'%s' is already defined in this module (a def may be given again only in the "
            "module's body, where the first one stands undecorated)" : "'%s' is already defined in this module", name);
    return old;
  }
  Sym *y = scope_add(p->arena, &m->globals, kind, name, decl);
  y->mod = m;
  /* An extern's C name is its own, a function's is new_func's; a module is no C object. */
  bool named_in_c = kind != SYM_MODULE && kind != SYM_EXTERNVAR && kind != SYM_FUNC && kind != SYM_TYPEALIAS &&
                    kind != SYM_MODNAME &&
                    !(decl->kind == ST_CLASSDEF && decl->cname);
  if (named_in_c) y->cname = global_cname(p, m, name, kind == SYM_GLOBAL);
  return y;
}

/* import a.b as c, d */
static void declare_import(Program *p, Module *m, Node *st) {
  for (Node *al = st->names; al; al = al->next) {
    Module *target = load_module(p, m, al, al->name);
    if (!target) continue;
    if (al->alias) {
      /* a notebook's cells repeat `import torch.nn as nn`: the same binding again */
      Sym *old = scope_find_here(&m->globals, al->alias);
      if (!old || old->kind != SYM_MODULE || old->mod != target) declare(p, m, SYM_MODULE, al->alias, al)->mod = target;
      continue;
    }
    /* `import a.b` binds `a`, as in Python. */
    const char *dot = strchr(al->name, '.');
    const char *top = dot ? arena_strndup(p->arena, al->name, dot - al->name) : al->name;
    Sym *old = scope_find_here(&m->globals, top);
    if (old && old->kind == SYM_MODULE) continue;
    declare(p, m, SYM_MODULE, top, al)->mod = find_loaded(p, top);
  }
}

/* from a.b import x as y, z */
static void declare_from_import(Program *p, Module *m, Node *st) {
  Module *src = load_module(p, m, st, st->name);
  if (!src) return;
  for (Node *al = st->names; al; al = al->next) {
    if (strcmp(al->name, "*") == 0) {
      diag_at(p->diag, al, "'from %s import *' is not supported; name what you import", st->name);
      continue;
    }
    Sym *what = scope_find_here(&src->globals, al->name);
    if (!what && src->state == 1) {
      diag_at(p->diag, al, "cannot import name '%s' from partially initialized module '%s' (a circular import)",
              al->name, st->name);
      continue;
    }
    if (!what) {
      /* A submodule: from torch import nn */
      char *sub = arena_printf(p->arena, "%s.%s", st->name, al->name);
      if (!module_exists(p, m, sub)) {
        diag_at(p->diag, al, "module '%s' has no name '%s'", st->name, al->name);
        continue;
      }
      Module *sm = load_module(p, m, al, sub);
      if (!sm) continue;
      what = scope_find_here(&src->globals, al->name);
      if (!what) continue;
    }
    const char *as = al->alias ? al->alias : al->name;
    Sym *old = scope_find_here(&m->globals, as);
    Sym *y = scope_add(p->arena, &m->globals, what->kind, as, al);
    y->target = what->target ? what->target : what;
    /* a package's `from .alexnet import alexnet` rebinds the name its submodule had, as in Python */
    if (old && old->kind == SYM_MODULE && old->mod == src) namemap_put(p->arena, &m->globals.index, as, y, false);
  }
}

static Func *new_func(Program *p, Module *m, ClassInfo *cls, Node *def) {
  Func *f = arena_alloc(p->arena, sizeof *f);
  f->name = def->name;
  f->decl = def;
  f->mod = m;
  f->cls = cls;
  f->is_extern = def->kind == ST_EXTERNDEF;
  if (f->is_extern) {
    check_extern_cname(p, def, def->cname);
    f->cname = def->cname;
    f->qname = def->name;
  } else if (cls) {
    /* Point.move is Point_move_ (after the class's C name, Point_); a .gtp
     * method of an extern class is named after the .gtp class. */
    const char *owner = cls->is_extern ? arena_printf(p->arena, "%s%s_", m->prefix, cls->name) : cls->cname;
    f->cname = c_ident(p, &p->cnames, arena_printf(p->arena, "%s%s", owner, def->name));
    f->qname = arena_printf(p->arena, "%s.%s", cls->name, def->name);
  } else {
    /* a decorated def's name is the global of its decorated value */
    const char *name = def->decorators ? arena_printf(p->arena, "%s_undecorated", def->name) : def->name;
    f->cname = global_cname(p, m, name, !def->decorators);
    f->qname = def->name;
  }
  Func **tail = &m->funcs;
  while (*tail) tail = &(*tail)->next;
  *tail = f;
  return f;
}

static Func *module_def(Module *m, Node *e);

/* `choice = _choice` in a class body, `_choice` a def of the module above
 * it: a method whose function takes the object first (ClassInfo.func_attrs);
 * the statement runs nothing. */
static bool declare_method_alias(Program *p, Module *m, ClassInfo *c, Node *st) {
  Func *f = c->is_extern ? NULL : module_def(m, st->rhs);
  if (!f) return false;
  FuncAttr *a = arena_alloc(p->arena, sizeof *a);
  *a = (FuncAttr){.name = st->lhs->name, .fn = f, .next = c->func_attrs};
  c->func_attrs = a;
  st->kind = ST_PASS;
  return true;
}

/* `lr = 0.01` in a class body: a class attribute, a global of the class's
 * module under the name "Config.lr" (which no .gtp name can be), read
 * through the class or an instance (class_attr). */
static void declare_class_attr(Program *p, Module *m, ClassInfo *c, Node *st) {
  if (declare_method_alias(p, m, c, st)) return;
  const char *name = arena_printf(p->arena, "%s.%s", c->name, st->lhs->name);
  if (scope_find_here(&m->globals, name)) {
    diag_at(p->diag, st->lhs, "class attribute '%s' is already assigned in this class", st->lhs->name);
    return;
  }
  Sym *y = scope_add(p->arena, &m->globals, SYM_GLOBAL, name, st->lhs);
  y->mod = m;
  y->cls = c;
  y->cname = global_cname(p, m, arena_printf(p->arena, "%s_%s", c->name, st->lhs->name), true);
}

bool class_attr_stmt(const Node *st) {
  return (st->kind == ST_ASSIGN || (st->kind == ST_ANNASSIGN && st->rhs)) && st->lhs->kind == EX_NAME && st->lhs->sym;
}

Sym *class_attr(const ClassInfo *k, const char *name) {
  for (; k; k = k->base) {
    char *key = malloc(strlen(k->name) + strlen(name) + 2);
    if (!key) abort();
    sprintf(key, "%s.%s", k->name, name);
    Sym *y = k->mod ? scope_find(&k->mod->globals, key) : NULL;
    free(key);
    if (y) return y;
  }
  return NULL;
}

Func *class_method_alias(const ClassInfo *k, const char *name) {
  for (; k; k = k->base)
    for (FuncAttr *a = k->func_attrs; a; a = a->next)
      if (strcmp(a->name, name) == 0) return a->fn;
  return NULL;
}

Func *class_method(const ClassInfo *k, const char *name) {
  for (; k; k = k->base)
    for (Func *f = k->methods; f; f = f->next)
      if (strcmp(f->name, name) == 0) return f;
  return NULL;
}

/* The method a call of f runs on an object of class d (d derives f's
 * class): d's own or nearest definition of f's name; for an instance of
 * a method taking unions, that definition's instance for the same
 * members (check_generic.c makes it with f's). */
Func *method_run_for(const ClassInfo *d, const Func *f) {
  Func *m = class_method(d, f->name);
  if (!f->generic_of) return m;
  if (m == f->generic_of) return (Func *)f;
  for (Func *i = m->instances; i; i = i->next_instance) {
    bool same = true;
    for (int t = 0; t < m->ntvars; t++) same = same && i->targs[t] == f->targs[t];
    if (same) return i;
  }
  return NULL;
}

bool class_derives(const ClassInfo *k, const ClassInfo *base) {
  for (; k; k = k->base)
    if (k == base) return true;
  return false;
}

ClassInfo *common_base_class(const ClassInfo *a, const ClassInfo *b) {
  for (const ClassInfo *k = a; k; k = k->base)
    if (class_derives(b, k)) return (ClassInfo *)k;
  return NULL;
}

ClassInfo *common_base(const Type *a, const Type *b) {
  return a->kind == TY_CLASS && b->kind == TY_CLASS ? common_base_class(a->cls, b->cls) : NULL;
}

bool module_may_be_hooked(const Program *p, const ClassInfo *k) {
  for (const Module *m = p->modules; m; m = m->next)
    for (const ClassInfo *d = m->classes; d; d = d->next)
      if (d->forward_hooked && class_derives(d, k)) return true;
  return false;
}

/* Is an instance of k one of base in Python's eyes (isinstance): k derives
 * base, or is (or derives) an instance class of the generic class base
 * (Box[int] of Box). */
bool class_is_a(const ClassInfo *k, const ClassInfo *base) {
  for (; k; k = k->base)
    if (k == base || (k->generic_of && k->generic_of == base)) return true;
  return false;
}

static Node *param_node(Program *p, Node *at, const char *name, Node *ann) {
  Node *q = ast_new(p->arena, ND_PARAM, at->file, at->pos, at->len);
  q->name = name;
  q->ann = ann;
  return q;
}

/* A settable property's setter: `extern def name(self, value: T) -> status`,
 * typed with the class's other methods but reachable only through its
 * property (it is in neither the class's nor the module's list). */
static Func *new_setter(Program *p, Module *m, ClassInfo *c, Node *var) {
  Node *def = ast_new(p->arena, ST_EXTERNDEF, var->file, var->pos, var->len);
  def->name = var->name;
  def->cname = var->alias;
  def->params = param_node(p, var, "self", NULL);
  def->params->next = param_node(p, var, "value", var->ann);
  def->ann = ast_new(p->arena, EX_NAME, var->file, var->pos, var->len);
  def->ann->name = "status";
  Func *f = new_func(p, m, c, def);
  Func **ft = &m->funcs;
  while (*ft != f) ft = &(*ft)->next;
  *ft = NULL;
  return f;
}

/* `extern name: T = "c"` in an extern class is a property: a getter of self. */
static Func *new_property(Program *p, Module *m, ClassInfo *c, Node *var) {
  Node *self = ast_new(p->arena, ND_PARAM, var->file, var->pos, var->len);
  self->name = "self";
  Node *def = ast_new(p->arena, ST_EXTERNDEF, var->file, var->pos, var->len);
  def->name = var->name;
  def->cname = var->cname;
  def->params = self;
  def->ann = var->ann;
  Func *f = new_func(p, m, c, def);
  f->is_property = true;
  if (var->alias) f->setter = new_setter(p, m, c, var);
  return f;
}

/* The one decorator of a method, if it is `@name`; NULL for none or another. */
static const char *decorator_name(const Node *def) {
  const Node *d = def->decorators;
  return d && !d->next && d->kind == EX_NAME ? d->name : NULL;
}

/* `@area.setter` above a def: the getter `area` of c it sets, else NULL. */
static Func *setter_of(ClassInfo *c, const Node *def) {
  const Node *d = def->decorators;
  if (!d || d->next || d->kind != EX_ATTR || strcmp(d->name, "setter") != 0 || d->lhs->kind != EX_NAME ||
      strcmp(d->lhs->name, def->name) != 0)
    return NULL;
  for (Func *g = c->methods; g; g = g->next)
    if (g->is_property && !g->setter && strcmp(g->name, def->name) == 0) return g;
  return NULL;
}

/* A .gtp method's decorators: @staticmethod (a function of the class,
 * without self), @property (a getter: `obj.name` calls it) and
 * @name.setter (`obj.name = v` calls it); others check.c takes (a context
 * manager wraps the body, check_method_decorators). */
static void method_decorators(Func *f, Func *getter) {
  const char *d = decorator_name(f->decl);
  if (!f->decl->decorators || getter) return;
  if (d && (strcmp(d, "staticmethod") == 0 || strcmp(d, "classmethod") == 0)) {
    if (strcmp(d, "classmethod") == 0) f->cls_param = f->cls;  /* its `cls` names the class (check.c) */
    f->is_static = true;
    f->static_of = f->cls;
    f->cls = NULL;
  } else if (d && strcmp(d, "property") == 0) {
    f->is_property = true;
  } else {
    f->decorated = true;  /* context managers (@torch.no_grad()), or an error: check.c knows their types */
  }
}

/* @staticmethod above an extern def of an extern class: a function of the
 * class (Embedding.from_pretrained), its C function given no receiver. */
static void extern_static(Program *p, Func *f) {
  const char *d = decorator_name(f->decl);
  if (f->decl->decorators->next || !d || strcmp(d, "staticmethod") != 0) {
    diag_at(p->diag, f->decl->decorators, "an extern def takes one decorator, @staticmethod");
    return;
  }
  f->is_static = true;
  f->cls = NULL;
}

static void add_method(Program *p, Module *m, ClassInfo *c, Node *st) {
  Func *f = st->kind == ST_EXTERNVAR ? new_property(p, m, c, st) : new_func(p, m, c, st);
  Func *getter = st->kind == ST_FUNCDEF ? setter_of(c, st) : NULL;
  if (st->kind == ST_FUNCDEF) method_decorators(f, getter);
  if (st->kind == ST_EXTERNDEF && st->decorators) extern_static(p, f);
  /* Methods live in the class's list, not the module's. */
  Func **ft = &m->funcs;
  while (*ft != f) ft = &(*ft)->next;
  *ft = NULL;
  Func **mt = &c->methods;
  Func *same = NULL;
  for (; *mt; mt = &(*mt)->next)
    if (strcmp((*mt)->name, f->name) == 0) same = *mt;
  *mt = f;
  if (getter) {  /* in the list after its getter, which class_method finds */
    getter->setter = f;
    return;
  }
  if (same) {
    if (!same->is_extern || !f->is_extern)
      diag_at(p->diag, st, "'%s' is already defined in class '%s'", f->name, c->name);
    while (same->overload) same = same->overload;
    same->overload = f;   /* extern defs of one name are overloads */
    return;
  }
  if (strcmp(f->name, "__init__") == 0) c->init = f;
  if (strcmp(f->name, "__str__") == 0) c->str = f;
  if (strcmp(f->name, "__repr__") == 0) c->repr = f;
}

static void declare_class_body(Program *p, Module *m, ClassInfo *c);

static void declare_class(Program *p, Module *m, Node *def) {
  Sym *y = declare(p, m, SYM_CLASS, def->name, def);
  ClassInfo *c = arena_alloc(p->arena, sizeof *c);
  c->name = def->name;
  c->cname = y->cname;
  c->decl = def;
  c->mod = m;
  c->is_extern = def->cname != NULL;
  if (c->is_extern) {
    check_extern_cname(p, def, def->cname);
    c->cname = def->cname;
  }
  c->ty = type_class(p, c);
  y->cls = c;
  declare_class_body(p, m, c);
}

/* Does expression x read a name among the names of list `names`? */
static bool reads_any(const Node *x, const Node *names) {
  if (!x) return false;
  for (const Node *n = names; x->kind == EX_NAME && n; n = n->next)
    if (strcmp(n->name, x->name) == 0) return true;
  const Node *kids[] = {x->lhs, x->rhs, x->cond, x->lo, x->hi, x->step};
  for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
    if (reads_any(kids[i], names)) return true;
  const Node *lists[] = {x->args, x->elts, x->parts, x->comps};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
    for (const Node *y = lists[i]; y; y = y->next)
      if (reads_any(y, names)) return true;
  return false;
}

/* `PAD, UNK = "<pad>", "<unk>"` in a class body: one class attribute an
 * assignment, in place (st becomes the first), where the values are as
 * many as the names and read none of them (so one at a time is Python's
 * tuple of values then assignments). False where st is no such statement. */
static bool split_class_attrs(Program *p, Node *st) {
  Node *names = st->lhs->kind == EX_TUPLE && !st->lhs->next ? st->lhs->elts : NULL;
  Node *values = names && st->rhs && st->rhs->kind == EX_TUPLE ? st->rhs->elts : NULL;
  if (!values || ast_count(names) != ast_count(values)) return false;
  for (Node *n = names, *v = values; n; n = n->next, v = v->next)
    if (n->kind != EX_NAME || reads_any(v, names)) return false;
  Node *after = st->next, **link = &st->next;
  for (Node *n = names, *v = values; n; n = n->next, v = v->next) {
    Node *one = n == names ? st : ast_new(p->arena, ST_ASSIGN, n->file, n->pos, n->len);
    if (n != names) *link = one;
    one->lhs = ast_copy(p->arena, n);
    one->rhs = ast_copy(p->arena, v);
    link = &one->next;
  }
  *link = after;
  return true;
}

/* c, in its module's classes: its methods and class attributes. Bases are
 * resolved with the signatures, once every import is declared. */
static void declare_class_body(Program *p, Module *m, ClassInfo *c) {
  ClassInfo **tail = &m->classes;
  while (*tail) tail = &(*tail)->next;
  *tail = c;
  for (Node *st = c->decl->body; st; st = st->next) {
    if (st->kind == ST_ASSIGN && !c->is_extern) split_class_attrs(p, st);
    if (st->kind == ST_FUNCDEF || (c->is_extern && (st->kind == ST_EXTERNDEF || st->kind == ST_EXTERNVAR))) {
      add_method(p, m, c, st);
    } else if (st->kind == ST_ASSIGN && st->lhs->kind == EX_NAME && !st->lhs->next) {
      declare_class_attr(p, m, c, st);
    } else if (st->kind == ST_ANNASSIGN && st->rhs && st->lhs->kind == EX_NAME && !c->decl->decorators &&
               !c->is_extern) {
      declare_class_attr(p, m, c, st);  /* `registry: dict[str, int] = {}`: a class attribute of that type */
    } else if (st->kind == ST_ANNASSIGN || st->kind == ST_PASS ||
               (st->kind == ST_EXPR && (st->lhs->kind == EX_STR || st->lhs->kind == EX_ELLIPSIS))) {
      /* field declarations (typed in check.c), `pass`, docstrings */
    } else {
      diag_at(p->diag, st, "a class body holds methods, class attributes (`lr = 0.01`), field annotations and a docstring only");
    }
  }
}

/* Top-level assignment targets are the module's globals. */
static void declare_targets(Program *p, Module *m, Node *t) {
  if (!t) return;
  if (t->kind == EX_NAME) {
    Sym *old = scope_find_here(&m->globals, t->name);
    if (!old) declare(p, m, SYM_GLOBAL, t->name, t);
    else if (old->kind != SYM_GLOBAL)
      diag_at(p->diag, t, "cannot assign to '%s': it names a %s", t->name,
              old->kind == SYM_FUNC ? "function" : old->kind == SYM_CLASS ? "class" : "module");
  } else if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
    for (Node *e = t->elts; e; e = e->next) declare_targets(p, m, e);
  } else if (t->kind == EX_STARRED) {  /* first, *rest = xs */
    declare_targets(p, m, t->lhs);
  }
}

static void declare_stmt(Program *p, Module *m, Node *st);

/* `@d def name(...)` at the top level: `name` is a global holding what the
 * decorators make of the function (check.c check_decorated), and the def
 * itself a function of no name in scope (st->info), whose C name says so. */
static void declare_decorated(Program *p, Module *m, Node *def) {
  declare(p, m, SYM_GLOBAL, def->name, def);
  Func *f = new_func(p, m, NULL, def);
  def->info = f;
}

static bool in_body(const Node *body, const Node *st) {
  for (; body; body = body->next)
    if (body == st) return true;
  return false;
}

/* A notebook's cells define `imshow` again: a plain def that stands in the
 * module's body, as the def it follows does, may rebind the name. */
static bool redefines(Module *m, const Sym *old, const Node *def) {
  if (!old || old->kind != SYM_FUNC || old->fn->is_extern || old->target) return false;
  const Node *first = old->decl;
  return def->kind == ST_FUNCDEF && first->kind == ST_FUNCDEF && !first->decorators &&
         in_body(m->ast->body, first) && in_body(m->ast->body, def);
}

/* The def's own binding, a version of the name's first (its base): the
 * scope's index keeps finding the first, and check_expr.c's sym_type
 * takes the version a top-level read comes after (def->sym). */
static Sym *declare_version(Program *p, Module *m, Sym *old, Node *def) {
  Sym *v = scope_add(p->arena, &m->globals, SYM_FUNC, def->name, def);
  v->mod = m;
  v->base = old;
  Sym **tail = &old->next_version;
  while (*tail) tail = &(*tail)->next_version;
  *tail = v;
  def->sym = v;
  return v;
}

static void declare_func(Program *p, Module *m, Node *def) {
  if (def->decorators && def->kind == ST_FUNCDEF) {
    declare_decorated(p, m, def);
    return;
  }
  Sym *old = scope_find_here(&m->globals, def->name);
  Sym *y = redefines(m, old, def) ? declare_version(p, m, old, def) : declare(p, m, SYM_FUNC, def->name, def);
  y->fn = new_func(p, m, NULL, def);
  y->cname = y->fn->cname;
}

static void declare_block(Program *p, Module *m, Node *body) {
  for (Node *st = body; st; st = st->next) declare_stmt(p, m, st);
}

typedef struct Declaring {
  Program *p;
  Module *m;
} Declaring;

static void declare_named(Node *target, Node *value, void *ctx) {
  (void)value;
  Declaring *d = ctx;
  declare_targets(d->p, d->m, target);
}

static Sym *lookup_dotted(Program *p, Module *m, Node *e);
static Sym *meaning(Sym *y);
static const char *generic_name(Program *p, Module *m, Node *g);

/* Does callee name `what` of typing or collections (TypeVar, namedtuple),
 * imported? */
static bool names_marker(Program *p, Module *m, Node *callee, const char *what) {
  Sym *y = meaning(lookup_dotted(p, m, callee));
  return y && y->kind == SYM_TYPEALIAS && !y->named && y->decl->rhs &&
         strcmp(generic_name(p, y->mod, y->decl->rhs), what) == 0;
}

/* `T = TypeVar("T")` (typing's TypeVar, imported): a type variable, a name
 * of annotations like a type alias's, whose statement is an ST_TYPEALIAS
 * from here on (nothing runs it). */
static bool declare_typevar(Program *p, Module *m, Node *st) {
  Node *v = st->rhs;
  if (st->lhs->kind != EX_NAME || st->lhs->next || !v || v->kind != EX_CALL) return false;
  if (!names_marker(p, m, v->lhs, "TypeVar")) return false;
  const char *name = st->lhs->name;
  Node *dflt = v->args ? v->args->next : NULL;
  bool has_default = dflt && dflt->kind == ND_KEYWORD && strcmp(dflt->name, "default") == 0 && !dflt->next;
  if (!v->args || v->args->kind != EX_STR || strcmp(v->args->str, name) != 0)
    diag_at(p->diag, v->args ? v->args : v, "a type variable is named as its variable: %s = TypeVar(\"%s\")", name, name);
  else if (dflt && !has_default)
    diag_at(p->diag, dflt, "a type variable takes its name and a default= only: no constraints or bound= yet");
  st->kind = ST_TYPEALIAS;
  Type *t = type_typevar(p, name);
  if (has_default) {  /* resolved at first use, once every class is declared */
    t->dflt_ann = dflt->rhs;
    t->dflt_mod = m;
  }
  declare(p, m, SYM_TYPEALIAS, name, st)->ty = t;
  return true;
}

static NamedTuple *new_named_tuple(Program *p, Module *m, const char *name, int n) {
  NamedTuple *nt = arena_alloc(p->arena, sizeof *nt);
  nt->name = name;
  nt->mod = m;
  nt->nfields = n;
  nt->fields = arena_alloc(p->arena, (n ? n : 1) * sizeof *nt->fields);
  nt->defaults = arena_alloc(p->arena, (n ? n : 1) * sizeof *nt->defaults);
  return nt;
}

/* A field name of a named tuple: an identifier, not `_x`, not twice. */
static bool good_field(Program *p, NamedTuple *nt, int i, Node *at) {
  const char *f = nt->fields[i];
  bool ident = is_c_identifier(f) && f[0] != '_';
  for (int j = 0; ident && j < i; j++)
    if (strcmp(nt->fields[j], f) == 0) {
      diag_at(p->diag, at, "field '%s' of named tuple '%s' is named twice", f, nt->name);
      return false;
    }
  if (!ident) diag_at(p->diag, at, "'%s' is no field name of a named tuple: an identifier not starting with '_'", f);
  return ident;
}

/* namedtuple's field names: a list or tuple of strs, or a str of names
 * that commas or spaces part ("x y", "x, y"), as CPython's. */
static NamedTuple *namedtuple_fields(Program *p, Module *m, const char *name, Node *names) {
  if (names->kind == EX_STR) {
    char *s = arena_strdup(p->arena, names->str);
    int n = 0;
    for (char *t = strtok(s, ", "); t; t = strtok(NULL, ", ")) n++;
    NamedTuple *nt = new_named_tuple(p, m, name, n);
    s = arena_strdup(p->arena, names->str);
    n = 0;
    for (char *t = strtok(s, ", "); t; t = strtok(NULL, ", ")) nt->fields[n++] = t;
    return nt;
  }
  if (names->kind != EX_LIST && names->kind != EX_TUPLE) return NULL;
  NamedTuple *nt = new_named_tuple(p, m, name, ast_count(names->elts));
  int i = 0;
  for (Node *x = names->elts; x; x = x->next) {
    if (x->kind != EX_STR) return NULL;
    nt->fields[i++] = x->str;
  }
  return nt;
}

/* `P = namedtuple("P", ["x", "y"])` (collections' namedtuple, imported):
 * a named tuple whose field types its calls give (check_call.c), a name
 * of annotations like a type alias's, whose statement is an ST_TYPEALIAS
 * from here on (nothing runs it). */
static bool declare_namedtuple(Program *p, Module *m, Node *st) {
  Node *v = st->rhs;
  if (st->lhs->kind != EX_NAME || st->lhs->next || !v || v->kind != EX_CALL) return false;
  if (!names_marker(p, m, v->lhs, "namedtuple")) return false;
  const char *name = st->lhs->name;
  Node *names = v->args ? v->args->next : NULL;
  NamedTuple *nt = names && names->kind != ND_KEYWORD ? namedtuple_fields(p, m, name, names) : NULL;
  if (!v->args || v->args->kind != EX_STR || strcmp(v->args->str, name) != 0)
    diag_at(p->diag, v->args ? v->args : v, "a named tuple is named as its variable: %s = namedtuple(\"%s\", [...])",
            name, name);
  else if (!nt)
    diag_at(p->diag, names ? names : v, "namedtuple() takes its field names as a list of strs or one str of names");
  else if (names->next)
    diag_at(p->diag, names->next, "namedtuple() takes its name and field names only: no %s= yet",
            names->next->kind == ND_KEYWORD ? names->next->name : "third argument");
  st->kind = ST_TYPEALIAS;
  Sym *y = declare(p, m, SYM_TYPEALIAS, name, st);
  y->ty = type_prim(TY_ERROR);  /* until its fields are good */
  for (int i = 0; nt && i < nt->nfields; i++)
    if (!good_field(p, nt, i, names)) return true;
  if (nt) y->ty = NULL;
  y->named = nt;
  return true;
}

/* A default of a NamedTuple class's field: a literal (Python evaluates it
 * once, where the class is made). */
static bool literal_default(const Node *v) {
  if (v->kind == EX_UNARY && v->op == OP_NEG) v = v->lhs;
  return v->kind == EX_INT || v->kind == EX_FLOAT || v->kind == EX_STR || v->kind == EX_TRUE || v->kind == EX_FALSE ||
         v->kind == EX_NONE;
}

/* One statement of a NamedTuple class's body: a field `x: T [= literal]`
 * (fields[i] and its default), a docstring or `pass`; false after an error. */
static bool named_field(Program *p, NamedTuple *nt, Node *s, int *i) {
  if (s->kind == ST_PASS || (s->kind == ST_EXPR && s->lhs->kind == EX_STR)) return true;
  if (s->kind == ST_ASSIGN && nt->mod->is_stdlib && s->lhs->kind == EX_NAME && !s->lhs->next && s->rhs &&
      s->rhs->kind == EX_STR && strcmp(s->lhs->name, "__typename__") == 0) {
    nt->shown = s->rhs->str;  /* a stdlib class's: the type PyTorch shows (torch.return_types.max) */
    return true;
  }
  if (s->kind != ST_ANNASSIGN || s->lhs->kind != EX_NAME) {
    diag_at(p->diag, s, "a NamedTuple class holds its annotated fields (`x: int = 0`) only: no methods yet");
    return false;
  }
  if (s->rhs && !literal_default(s->rhs)) {
    diag_at(p->diag, s->rhs, "a named tuple's default is a literal (a number, a str, True, False or None)");
    return false;
  }
  if (!s->rhs && *i && nt->defaults[*i - 1]) {  /* CPython's TypeError where the class is made */
    diag_at(p->diag, s, "field '%s' without a default cannot follow a field with one", s->lhs->name);
    return false;
  }
  nt->fields[*i] = s->lhs->name;
  nt->anns[*i] = s->ann;
  nt->defaults[*i] = s->rhs;
  return good_field(p, nt, (*i)++, s);
}

/* `class P(NamedTuple):` (typing's NamedTuple) with annotated fields: a
 * named tuple, a name of annotations like a type alias's, whose statement
 * is an ST_TYPEALIAS from here on (nothing runs it). */
static bool declare_named_class(Program *p, Module *m, Node *st) {
  Node *b = st->bases;
  if (!b || b->next || b->kind == ND_KEYWORD || strcmp(generic_name(p, m, b), "NamedTuple") != 0) return false;
  int n = 0;
  for (Node *s = st->body; s; s = s->next) n += s->kind == ST_ANNASSIGN;
  NamedTuple *nt = new_named_tuple(p, m, st->name, n);
  nt->anns = arena_alloc(p->arena, (n ? n : 1) * sizeof *nt->anns);
  Node *name = ast_new(p->arena, EX_NAME, st->file, st->pos, st->len);
  name->name = st->name;
  st->kind = ST_TYPEALIAS;
  st->lhs = name;
  Sym *y = declare(p, m, SYM_TYPEALIAS, st->name, st);
  y->ty = type_prim(TY_ERROR);  /* until its fields are good */
  int i = 0;
  if (st->decorators) diag_at(p->diag, st->decorators, "a NamedTuple class takes no decorator");
  for (Node *s = st->body; s; s = s->next)
    if (!named_field(p, nt, s, &i)) return true;
  y->ty = NULL;
  y->named = nt;
  return true;
}

/* The module-level def that name `e` (a plain name) is, or NULL. */
static Func *module_def(Module *m, Node *e) {
  Sym *y = e->kind == EX_NAME ? scope_find_here(&m->globals, e->name) : NULL;
  return y && y->kind == SYM_FUNC && !y->fn->is_extern ? y->fn : NULL;
}

/* `f.name = g` of two defs above it at a module's top level: f's
 * attribute (chain.from_iterable = _from_iterable), which a call
 * f.name(...) calls; the statement is an ST_TYPEALIAS from here on
 * (nothing runs it). */
static bool declare_func_attr(Program *p, Module *m, Node *st) {
  Node *t = st->lhs;
  if (t->kind != EX_ATTR || t->next || !st->rhs || !module_def(m, t->lhs) || !module_def(m, st->rhs)) return false;
  Func *f = module_def(m, t->lhs);
  FuncAttr *a = arena_alloc(p->arena, sizeof *a);
  *a = (FuncAttr){.name = t->name, .fn = module_def(m, st->rhs), .next = f->attrs};
  f->attrs = a;
  st->kind = ST_TYPEALIAS;
  return true;
}

/* `Vec = list[float]`, `HookFn = Callable[[nn.Module], None]` at a
 * module's top level: a subscripted generic is no value here, so the name
 * is a type alias, as PEP 484's implicit alias (mypy takes it so); the
 * statement is an ST_TYPEALIAS from here on. */
/* Is v a type as an annotation writes it: a class, a built-in type, None,
 * an alias, a subscripted generic, or a union of them? */
static bool names_type(Program *p, Module *m, Node *v) {
  switch (v->kind) {
  case EX_BINOP: return v->op == OP_BITOR && names_type(p, m, v->lhs) && names_type(p, m, v->rhs);
  case EX_NONE: return true;
  case EX_INDEX: return *generic_name(p, m, v->lhs) != 0;
  case EX_NAME: case EX_ATTR: {
    Sym *y = meaning(lookup_dotted(p, m, v));
    if (y && y->kind != SYM_BUILTIN) return y->kind == SYM_CLASS || (y->kind == SYM_TYPEALIAS && !y->named);
    static const char *const builtin_types[] = {"int", "float", "str", "bool"};
    for (size_t i = 0; v->kind == EX_NAME && i < sizeof builtin_types / sizeof *builtin_types; i++)
      if (strcmp(v->name, builtin_types[i]) == 0) return true;
    return false;
  }
  default: return false;
  }
}

/* ... and `Hidden = Tensor | tuple[Tensor, Tensor]`, a union of types. */
static bool declare_implicit_alias(Program *p, Module *m, Node *st) {
  Node *v = st->rhs;
  if (st->lhs->kind != EX_NAME || st->lhs->next || !v) return false;
  bool generic = v->kind == EX_INDEX && *generic_name(p, m, v->lhs);
  bool types = v->kind == EX_BINOP && v->op == OP_BITOR && names_type(p, m, v);
  if (!generic && !types) return false;
  st->kind = ST_TYPEALIAS;
  declare(p, m, SYM_TYPEALIAS, st->lhs->name, st);
  return true;
}

static void declare_stmt(Program *p, Module *m, Node *st) {
  Declaring d = {p, m};
  ast_named_targets(st, declare_named, &d);  /* `if (n := len(xs)) > 0:` at the top level binds a global */
  switch (st->kind) {
  case ST_IMPORT: declare_import(p, m, st); break;
  case ST_FROMIMPORT: declare_from_import(p, m, st); break;
  case ST_FUNCDEF: declare_func(p, m, st); break;
  case ST_EXTERNDEF: {
    if (st->decorators) diag_at(p->diag, st->decorators, "a decorator stands above a method of an extern class only");
    Sym *old = scope_find_here(&m->globals, st->name);
    if (old && old->kind == SYM_FUNC && old->fn->is_extern) {
      /* extern defs of one name are overloads, chosen by argument types */
      Func *f = old->fn;
      while (f->overload) f = f->overload;
      f->overload = new_func(p, m, NULL, st);
      break;
    }
    declare_func(p, m, st);
    break;
  }
  case ST_CLASSDEF:
    if (!declare_named_class(p, m, st)) declare_class(p, m, st);
    break;
  case ST_EXTERNLINK:
    if (*st->name && !is_c_identifier(st->name))
      diag_at(p->diag, st, "a runtime library's name is letters, digits and '_' (\"gtorch\" for libgtorch.a)");
    else if (m->link && strcmp(m->link, st->name) != 0) diag_at(p->diag, st, "a module links one runtime library");
    m->link = st->name;
    break;
  case ST_EXTERNVAR:
    check_extern_cname(p, st, st->cname);
    if (st->alias) diag_at(p->diag, st, "only a property of an extern class has a setter; '%s' is a C global", st->name);
    declare(p, m, SYM_EXTERNVAR, st->name, st)->cname = st->cname;
    break;
  case ST_ASSIGN:
    if (declare_typevar(p, m, st) || declare_namedtuple(p, m, st) || declare_func_attr(p, m, st) ||
        declare_implicit_alias(p, m, st))
      break;
    declare_targets(p, m, st->lhs);
    for (Node *t = st->lhs->next; t; t = t->next) declare_targets(p, m, t);
    break;
  case ST_TYPEALIAS: declare(p, m, SYM_TYPEALIAS, st->lhs->name, st); break;
  case ST_ANNASSIGN:
  case ST_AUGASSIGN: declare_targets(p, m, st->lhs); break;
  case ST_FOR: declare_targets(p, m, st->lhs); /* fallthrough */
  case ST_WHILE:
  case ST_IF:
    declare_block(p, m, st->body);
    declare_block(p, m, st->orelse);
    break;
  case ST_WITH:
    for (Node *it = st->items; it; it = it->next) declare_targets(p, m, it->rhs);
    declare_block(p, m, st->body);
    break;
  case ST_TRY:
    declare_block(p, m, st->body);
    for (Node *h = st->handlers; h; h = h->next) {
      if (h->rhs) declare_targets(p, m, h->rhs);
      declare_block(p, m, h->body);
    }
    declare_block(p, m, st->orelse);
    declare_block(p, m, st->finalbody);
    break;
  case ND_BLOCK: declare_block(p, m, st->body); break;
  default: break;
  }
}

/* ---- types written in the source ----------------------------------------- */

static Type *annotation_error(Program *p, Node *ann) {
  diag_at(p->diag, ann, "not a type this language knows");
  return type_prim(TY_ERROR);
}

static Sym *lookup_dotted(Program *p, Module *m, Node *e) {
  if (e->kind == EX_NAME) return scope_find(&m->globals, e->name);
  if (e->kind == EX_ATTR) {
    Sym *base = lookup_dotted(p, m, e->lhs);
    if (base && base->kind == SYM_MODULE && base->mod) return scope_find(&base->mod->globals, e->name);
  }
  return NULL;
}

/* Why the dotted name e (`torch.nn.Module`) names nothing, or NULL where
 * it names something: an undefined name, a module not imported, a module
 * without that name; *at is the part that names nothing. */
static const char *missing_name(Program *p, Module *m, Node *e, Node **at) {
  *at = e;
  if (e->kind == EX_NAME && scope_find(&m->globals, e->name)) return NULL;
  static const char *const containers[] = {"list", "dict", "set", "tuple"};
  for (size_t i = 0; e->kind == EX_NAME && i < sizeof containers / sizeof *containers; i++)
    if (strcmp(e->name, containers[i]) == 0)  /* the language types what a container holds */
      return arena_printf(p->arena, "a bare '%s' annotation: give its items' types (%s)", e->name,
                          i == 0 ? "list[int]" : i == 1 ? "dict[str, float]" : i == 2 ? "set[str]"
                                                                                   : "tuple[int, str], tuple[float, ...]");
  if (e->kind == EX_NAME) return arena_printf(p->arena, "name '%s' is not defined", e->name);
  if (e->kind != EX_ATTR) return NULL;
  const char *inner = missing_name(p, m, e->lhs, at);
  if (inner) return inner;
  *at = e;
  Sym *y = lookup_dotted(p, m, e->lhs);
  if (!y || y->kind != SYM_MODULE || !y->mod || scope_find(&y->mod->globals, e->name)) return NULL;
  const char *sub = arena_printf(p->arena, "%s.%s", y->mod->name, e->name);
  if (module_exists(p, m, sub)) return arena_printf(p->arena, "module '%s' is not imported: add 'import %s'", sub, sub);
  return arena_printf(p->arena, "module '%s' has no name '%s'", y->mod->name, e->name);
}

/* Callable[[A, B], R]: a function as a value, of that signature. */
static Type *callable_annotation(Program *p, Module *m, Node *params) {
  int n = ast_count(params->elts), i = 0;
  Type **items = arena_alloc(p->arena, (n ? n : 1) * sizeof *items);
  for (Node *e = params->elts; e; e = e->next) items[i++] = resolve_annotation(p, m, e);
  return type_callable(p, items, n, resolve_annotation(p, m, params->next));
}

/* The generic types the language knows by name; typing's List, Dict, Set
 * and Tuple are aliases of them (stdlib/typing.gtp). */
static bool builtin_generic(const char *name) {
  static const char *const names[] = {"list", "dict", "set", "tuple", "Callable", "Optional", "Union",
                                      "Iterator", "Iterable", "Sequence", "Generator", "TypeVar", "Generic", "Any",
                                      "NamedTuple", "namedtuple", "TypeIs"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(name, names[i]) == 0) return true;
  return false;
}

/* The symbol a dotted name means, through `from m import x`. */
static Sym *meaning(Sym *y) { return y && y->target ? y->target : y; }

/* Which generic G[...] names: `list`, or `List` from typing, an alias of it. */
static const char *generic_name(Program *p, Module *m, Node *g) {
  if (g->kind == EX_NAME && builtin_generic(g->name)) return g->name;
  Sym *y = meaning(lookup_dotted(p, m, g));
  if (!y || y->kind != SYM_TYPEALIAS || y->resolving || y->named || !y->decl->rhs) return "";
  y->resolving = true;
  const char *name = generic_name(p, y->mod, y->decl->rhs);
  y->resolving = false;
  return name;
}

static Type *element_annotation(Program *p, Module *m, Node *ann);

/* The tuple type of named tuple nt: its annotations' types (a tuple's
 * items: no Any, no Optional), or those a call of its functional form
 * gave (unknown until one does). */
static Type *named_tuple_type(Program *p, NamedTuple *nt) {
  Type **items = arena_alloc(p->arena, (nt->nfields ? nt->nfields : 1) * sizeof *items);
  Type *learnt = nt->anns ? NULL : named_tuple_learnt(p, nt);
  for (int i = 0; i < nt->nfields; i++)
    items[i] = nt->anns                                           ? element_annotation(p, nt->mod, nt->anns[i])
               : learnt && learnt->kind == TY_TUPLE && learnt->nitems == nt->nfields ? learnt->items[i]
                                                                  : type_prim(TY_UNKNOWN);
  for (int i = 0; i < nt->nfields; i++)
    if (items[i]->dtype) {
      if (!nt->dtypes) nt->dtypes = arena_alloc(p->arena, nt->nfields * sizeof *nt->dtypes);
      nt->dtypes[i] = items[i]->dtype;
    }
  return nt->ty = type_named_tuple(p, nt, items);
}

static Type *alias_type(Program *p, Sym *y, Node *use);

/* The tuple type of the named tuple y names (a type alias of one). */
Type *named_tuple_sym_type(Program *p, Sym *y) { return alias_type(p, y, y->decl); }

/* The type a type alias names, resolved in its own module, once. */
static Type *alias_type(Program *p, Sym *y, Node *use) {
  if (y->ty) return y->ty;
  if (y->named) return y->ty = named_tuple_type(p, y->named);
  if (y->resolving) {
    diag_at(p->diag, use, "type alias '%s' refers to itself", y->name);
    return type_prim(TY_ERROR);
  }
  y->resolving = true;
  Type *t = resolve_annotation(p, y->mod, y->decl->rhs);
  y->resolving = false;
  return y->ty = t;
}

/* `y: Tensor | int` (Union[Tensor, int]) of a def's parameter: a type
 * variable of its own, whose members (Type.items) each argument must fit,
 * so that the def has an instance per argument type, each with y of that
 * type (isinstance(y, int) decided there). `a | b | c` adds c to a's. */
static Type *union_typevar(Program *p, Type *ta, Type *tb) {
  bool wider = ta->kind == TY_TYPEVAR && ta->nitems;
  int n = wider ? ta->nitems + 1 : 2;
  Type *u = type_typevar(p, arena_printf(p->arena, "%s | %s", type_name(p, ta), type_name(p, tb)));
  u->items = arena_alloc(p->arena, n * sizeof *u->items);
  if (wider) memcpy(u->items, ta->items, ta->nitems * sizeof *u->items);
  else u->items[0] = ta;
  u->items[n - 1] = tb;
  u->nitems = n;
  return u;
}

/* The union of ta and tb: Optional[T] of T and None; a number (one type)
 * of int, float and bool (int | float, int | bool); a parameter's union
 * type variable of other types (union_typevar). */
static Type *union_of(Program *p, Type *ta, Type *tb) {
  if (ta->kind == TY_NONE) ta = tb, tb = type_prim(TY_NONE);
  if (tb->kind == TY_NONE && ta->kind != TY_NONE) return type_optional(p, ta);
  if (ta->kind == TY_ERROR || tb->kind == TY_ERROR) return type_prim(TY_ERROR);
  bool numbers = type_is_number(ta) && type_is_number(tb) && ta != tb;
  if (numbers) return type_prim(TY_NUMBER);  /* int | float: a number of either type, known where it runs */
  return union_typevar(p, ta, tb);
}

/* Union[a, b, ...] and `a | b` (b NULL: Optional[a]), member by member. */
static Type *optional_annotation(Program *p, Module *m, Node *a, Node *b) {
  Type *t = resolve_annotation(p, m, a);
  if (!b) return union_of(p, t, type_prim(TY_NONE));
  for (; b; b = b->next) t = union_of(p, t, resolve_annotation(p, m, b));
  return t;
}

/* The dtype kind a name says: float, int or bool (DT_UNKNOWN for others). */
static DtypeKind dtype_word(const Node *n) {
  if (!n || n->kind != EX_NAME) return DT_UNKNOWN;
  if (strcmp(n->name, "float") == 0) return DT_FLOAT;
  if (strcmp(n->name, "int") == 0) return DT_INT;
  if (strcmp(n->name, "bool") == 0) return DT_BOOL;
  return DT_UNKNOWN;
}

/* An element type of list[...], dict[...] or tuple[...]: an Optional only
 * of a type whose values are references (a None item is a NULL one; an
 * int's or a float's None would need a descriptor of its own). */
static Type *element_type(Program *p, Node *ann, Type *t) {
  if (t->kind == TY_ANY) {  /* C would have no descriptor for its items */
    diag_at(p->diag, ann, "a list, tuple, set or dict holds values of one type, not Any (a dict of values of "
            "several types is a dict[str, Any])");
    return type_prim(TY_ERROR);
  }
  if (t->kind != TY_OPTIONAL && t->kind != TY_NONE) return t;
  if (t->kind == TY_OPTIONAL && type_is_ref(t->elem)) return t;
  if (t->kind == TY_OPTIONAL) {
    diag_at(p->diag, ann, "a list, tuple or dict cannot hold an Optional[%s] yet (an Optional of a str, a tensor, "
            "a container or an object it can)", type_name(p, t->elem));
    return type_prim(TY_ERROR);
  }
  diag_at(p->diag, ann, "a list, tuple or dict cannot hold None (an Optional[T] it can)");
  return type_prim(TY_ERROR);
}

static Type *element_annotation(Program *p, Module *m, Node *ann) {
  return element_type(p, ann, resolve_annotation(p, m, ann));
}

/* A generator's element type: an element's, or None (`-> Iterator[None]`,
 * a @contextmanager's bare `yield`), which it yields and no container keeps. */
static Type *generator_element(Program *p, Module *m, Node *ann) {
  Type *t = resolve_annotation(p, m, ann);
  return t->kind == TY_NONE ? t : element_type(p, ann, t);
}

/* The class `type` (protocol="type") where a subscript's name means it:
 * builtins' `type`, or typing's `Type`, an alias of it. */
static Type *class_object_type(Program *p, Sym *k, Node *ann) {
  Type *t = k->kind == SYM_CLASS ? k->cls->ty : k->kind == SYM_TYPEALIAS ? alias_type(p, k, ann) : NULL;
  return t && t->kind == TY_CLASS && t->cls->protocol == PROTO_TYPE ? t : NULL;
}

/* type[C] / Type[C]: a class as a value, C or a class deriving it. Values
 * of every class have the one type `type`: C documents, and must be a class. */
static Type *class_object_annotation(Program *p, Module *m, Type *type, Node *arg) {
  Type *c = resolve_annotation(p, m, arg);
  /* type[Union[BasicBlock, Bottleneck]] (a parameter's union is its type variable) */
  bool classes = c->kind == TY_UNION || (c->kind == TY_TYPEVAR && c->nitems);
  for (int i = 0; classes && i < c->nitems; i++) classes = c->items[i]->kind == TY_CLASS;
  if (c->kind == TY_CLASS || c->kind == TY_ERROR || classes) return type;
  diag_at(p->diag, arg, "type[...] takes a class or a union of classes, not %s", type_name(p, c));
  return type_prim(TY_ERROR);
}

/* Stack[int]: the instance of a generic class for those types. */
static Type *instance_annotation(Program *p, Module *m, ClassInfo *g, Node *first, int n) {
  if (n != g->ntvars) {
    diag_at(p->diag, first, "%s[...] takes %d type%s", g->name, g->ntvars, g->ntvars == 1 ? "" : "s");
    return type_prim(TY_ERROR);
  }
  Type **targs = arena_alloc(p->arena, n * sizeof *targs);
  int i = 0;
  for (Node *e = first; e; e = e->next) {
    targs[i] = type_plain(p, element_annotation(p, m, e));
    if (targs[i++]->kind == TY_ERROR) return type_prim(TY_ERROR);
  }
  return class_instance(p, g, targs)->ty;
}

ClassInfo *protocol_class(Program *p, Protocol proto) {
  for (Module *m = p->all; m; m = m->all_next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      if (k->is_extern && k->protocol == proto) return k;
  return NULL;
}

ClassInfo *any_dict_class(Program *p) { return protocol_class(p, PROTO_ANY_DICT); }

ClassInfo *dynamic_class(Program *p) { return protocol_class(p, PROTO_DYNAMIC); }

/* dict[str, Any]: the class of protocol="any_dict" of the modules loaded
 * (torch's StateDict), whose values are of any type. */
static Type *any_dict_type(Program *p, Node *ann) {
  if (any_dict_class(p)) return any_dict_class(p)->ty;
  diag_at(p->diag, ann, "dict[str, Any] holds values of several types, as torch's state dicts do: it needs "
          "`import torch`");
  return type_prim(TY_ERROR);
}

static Type *generic_annotation(Program *p, Module *m, Node *ann) {
  const char *g = generic_name(p, m, ann->lhs);
  Node *arg = ann->rhs;
  Node *first = arg->kind == EX_TUPLE ? arg->elts : arg;
  int n = arg->kind == EX_TUPLE ? ast_count(arg->elts) : 1;
  if (strcmp(g, "list") == 0 && n == 1)
    return type_list(p, element_annotation(p, m, first));
  if (strcmp(g, "dict") == 0 && n == 2) {
    Type *k = resolve_annotation(p, m, first);
    Type *v = resolve_annotation(p, m, first->next);
    if (k->kind == TY_STR && v->kind == TY_ANY) return any_dict_type(p, ann);
    v = element_type(p, first->next, v);
    if (k->kind == TY_CLASS && !k->cls->is_extern && !class_hashable(k->cls)) {
      diag_at(p->diag, first, "unhashable type: '%s' defines __eq__ without __hash__, so it cannot be a dict's key "
              "(define 'def __hash__(self) -> int:')", k->cls->name);
      return type_dict(p, type_prim(TY_ERROR), v);
    }
    if (!type_dict_key(k)) {
      diag_at(p->diag, first, "dict keys must be str, int, bool, tuples of hashable items, or objects of a class "
              "without __eq__ or with __hash__");
      return type_dict(p, type_prim(TY_ERROR), v);  /* `d: dict[K, V] = {}` then adds no error of its own */
    }
    return type_dict(p, k, v);
  }
  if (strcmp(g, "set") == 0 && n == 1) {
    Type *el = element_annotation(p, m, first);
    if (type_hashable(el)) return type_set(p, el);
    if (el->kind == TY_CLASS && !el->cls->is_extern) {
      diag_at(p->diag, first, "unhashable type: '%s' defines __eq__ without __hash__, so it cannot be a set's element "
              "(define 'def __hash__(self) -> int:')", el->cls->name);
      return type_prim(TY_ERROR);
    }
    diag_at(p->diag, first, "a set's elements must be hashable (int, float, bool, str, tuples of them, or objects "
            "of a class without __eq__ or with __hash__), not %s", type_name(p, el));
    return type_prim(TY_ERROR);
  }
  if (strcmp(g, "Callable") == 0 && n == 2 && first->kind == EX_LIST)
    return callable_annotation(p, m, first);
  if (strcmp(g, "Callable") == 0 && n == 2 && first->kind == EX_ELLIPSIS)  /* an extern's parameter */
    return type_callable_any(p, resolve_annotation(p, m, first->next));
  if (strcmp(g, "Optional") == 0 && n == 1) return optional_annotation(p, m, first, NULL);
  /* Iterator[T], Iterable[T], Sequence[T], Generator[T, None, None]: a generator of T (a generic
   * def's parameter Iterable[T] or Sequence[T] takes a list, a str...: check_generic.c) */
  if ((strcmp(g, "Iterator") == 0 || strcmp(g, "Iterable") == 0 || strcmp(g, "Sequence") == 0) && n == 1)
    return type_generator(p, generator_element(p, m, first));
  if (strcmp(g, "Generator") == 0 && n == 3) {
    if (first->next->kind == EX_NONE && first->next->next->kind == EX_NONE)
      return type_generator(p, generator_element(p, m, first));
    diag_at(p->diag, first->next, "a generator's send and return types must be None: Generator[T, None, None]");
    return type_prim(TY_ERROR);
  }
  if (strcmp(g, "Union") == 0 && n >= 2) return optional_annotation(p, m, first, first->next);
  if (strcmp(g, "tuple") == 0 && n == 2 && first->next->kind == EX_ELLIPSIS)  /* tuple[int, ...] */
    return type_vartuple(p, element_annotation(p, m, first));
  if (strcmp(g, "tuple") == 0) {
    Type **items = arena_alloc(p->arena, n * sizeof *items);
    int i = 0;
    for (Node *e = first; e; e = e->next) {  /* an item that is always None: tuple[Tensor, None] */
      Type *t = resolve_annotation(p, m, e);
      items[i++] = t->kind == TY_NONE ? t : element_type(p, e, t);
    }
    return type_tuple(p, items, n);
  }
  Sym *k = *g ? NULL : lookup_dotted(p, m, ann->lhs);
  if (k && k->target) k = k->target;
  if (k && k->kind == SYM_CLASS && k->cls->ntvars) return instance_annotation(p, m, k->cls, first, n);
  if (k && n == 1 && class_object_type(p, k, ann)) return class_object_annotation(p, m, class_object_type(p, k, ann), first);
  if (k && k->kind == SYM_CLASS && dtype_word(ann->rhs))  /* dtype[float]: a torch.float32 of the stdlib */
    return type_dtyped(p, k->cls->ty, dtype_word(ann->rhs));
  Node *at;
  const char *why = *g ? NULL : missing_name(p, m, ann->lhs, &at);
  if (!why) return annotation_error(p, ann);
  diag_at(p->diag, at, "%s", why);  /* List[int] without `from typing import List` */
  return type_prim(TY_ERROR);
}

/* The expression a string annotation holds, parsed as the source of a
 * module of one line (its errors point into that line), or NULL. */
static Node *string_annotation(Program *p, Node *ann) {
  SrcFile *f = src_from_string(p->arena, ann->file->path, arena_printf(p->arena, "%s\n", ann->str));
  static FILE *nowhere;  /* a syntax error in it is the annotation's error below */
  if (!nowhere) nowhere = fopen("/dev/null", "w");
  if (!nowhere) return NULL;
  Diag quiet;
  diag_init(&quiet, nowhere);
  Node *mod = parse_module(p->arena, &quiet, f);
  diag_forget_last(&quiet);
  if (quiet.errors || !mod || !mod->body || mod->body->kind != ST_EXPR || mod->body->next) return NULL;
  Node *e = mod->body->lhs;
  e->pos = ann->pos;  /* reported at the string */
  e->len = ann->len;
  e->file = ann->file;
  return e;
}

Type *typevar_default(Program *p, Type *v) {
  if (!v->dflt && v->dflt_ann) {
    Node *ann = v->dflt_ann;
    v->dflt_ann = NULL;  /* a default naming its own variable is an error, not a loop */
    v->dflt = resolve_annotation(p, v->dflt_mod, ann);
    if (type_has_typevar(v->dflt)) {
      diag_at(p->diag, ann, "a type variable's default is a type without type variables");
      v->dflt = type_prim(TY_ERROR);
    }
  }
  return v->dflt;
}

/* A class's type, where its name is an annotation: for a generic class
 * whose type variables all have defaults (DataLoader), the instance of
 * those; for another generic class, the template, which no value has. */
Type *class_default_instance(Program *p, ClassInfo *g) {
  if (!g->ntvars) return g->ty;
  Type **targs = arena_alloc(p->arena, g->ntvars * sizeof *targs);
  for (int i = 0; i < g->ntvars; i++)
    if (!(targs[i] = typevar_default(p, g->tvars[i])) || targs[i]->kind == TY_ERROR) return g->ty;
  return class_instance(p, g, targs)->ty;
}

/* An annotation naming a library function named as a class is (nn.Parameter,
 * torch.FloatTensor: classes in PyTorch, whose instances are tensors):
 * the class every form of it returns, or NULL. */
static Type *constructed_class(Sym *y) {
  Func *fn = y && y->kind == SYM_FUNC ? y->fn : NULL;
  if (!fn || !fn->is_extern || !isupper((unsigned char)fn->name[0])) return NULL;
  for (Func *f = fn; f; f = f->overload)
    if (!f->ret || f->ret->kind != TY_CLASS || f->ret->cls != fn->ret->cls) return NULL;
  return fn->ret->cls->ty;
}

Type *resolve_annotation(Program *p, Module *m, Node *ann) {
  if (!ann) return type_prim(TY_NONE);
  switch (ann->kind) {
  case EX_NONE: return type_prim(TY_NONE);
  case EX_INDEX: return generic_annotation(p, m, ann);
  case EX_BINOP:  /* T | None */
    if (ann->op == OP_BITOR) return optional_annotation(p, m, ann->lhs, ann->rhs);
    break;
  case EX_STR: {
    /* A forward reference: def add(self, other: "Vec") -> "Vec" */
    Sym *y = scope_find(&m->globals, ann->str);
    if (y && y->kind == SYM_CLASS) return y->cls->ty;
    /* -> "Pair[V, K]", other: "Vec | float", "torch.Tensor" */
    Node *parsed = strpbrk(ann->str, "[|.") ? string_annotation(p, ann) : NULL;
    return parsed ? resolve_annotation(p, m, parsed) : annotation_error(p, ann);
  }
  case EX_NAME: {
    static const struct { const char *name; TypeKind k; } prims[] = {
        {"int", TY_INT}, {"float", TY_FLOAT}, {"bool", TY_BOOL}, {"str", TY_STR}, {"None", TY_NONE}};
    for (size_t i = 0; i < sizeof prims / sizeof *prims; i++)
      if (strcmp(ann->name, prims[i].name) == 0) return type_prim(prims[i].k);
    break;
  }
  default: break;
  }
  if ((ann->kind == EX_NAME || ann->kind == EX_ATTR) && strcmp(generic_name(p, m, ann), "Any") == 0)
    return type_prim(TY_ANY);  /* an extern's (type_signature) */
  Sym *y = lookup_dotted(p, m, ann);
  if (y && y->kind == SYM_CLASS) return class_default_instance(p, y->cls);
  if (meaning(y) && meaning(y)->kind == SYM_TYPEALIAS) return alias_type(p, meaning(y), ann);
  Type *made = constructed_class(meaning(y));  /* self.w: nn.Parameter */
  if (made) return made;
  Node *at;
  const char *why = y ? NULL : missing_name(p, m, ann, &at);
  if (!why) return annotation_error(p, ann);
  diag_at(p->diag, at, "%s", why);   /* x: torch.nn.Module without `import torch.nn` */
  return type_prim(TY_ERROR);
}

/* ---- signatures ---------------------------------------------------------- */

/* `-> Tensor[rule]` of an extern def: how a call's result dtype kind
 * follows from its arguments (sema.h DtypeRule); false when ann is no such
 * form. */
static bool dtype_rule(Program *p, Func *f, Node *ann) {
  Sym *y = lookup_dotted(p, f->mod, ann->lhs);
  if (y && y->target) y = y->target;
  Node *rule = ann->rhs;
  if (!y || y->kind != SYM_CLASS || rule->kind != EX_NAME || y->cls->ntvars) return false;  /* not _LoaderIter[B] */
  static const struct { const char *word; DtypeRule rule; } rules[] = {
      {"Self", DR_SELF}, {"promote", DR_PROMOTE}, {"sum", DR_SUM}};
  f->ret = y->cls->ty;
  f->dtype_fixed = dtype_word(rule);
  f->dtype_rule = f->dtype_fixed ? DR_FIXED : DR_NONE;
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strcmp(rule->name, rules[i].word) == 0) f->dtype_rule = rules[i].rule;
  if (f->dtype_rule == DR_NONE || rule->next) diag_at(p->diag, rule, "a result dtype is float, int, bool, Self, promote or sum");
  return true;
}

/* `args: args_of[target] = None`, `kwargs: kwargs_of[target] = None`: a
 * parameter whose tuple (dict) display binds the positional (keyword)
 * arguments of the def's Callable parameter `target` (multiprocessing's
 * Process(target=f, args=(a, b))); None where the call gives none. */
static bool binder_param(Program *p, Node *def, Node *pa, Param *q) {
  Node *ann = pa->ann;
  bool args = ann->kind == EX_INDEX && ann->lhs->kind == EX_NAME && strcmp(ann->lhs->name, "args_of") == 0;
  bool kwargs = ann->kind == EX_INDEX && ann->lhs->kind == EX_NAME && strcmp(ann->lhs->name, "kwargs_of") == 0;
  if (!args && !kwargs) return false;
  q->ty = type_prim(TY_NONE);
  const Node *target = NULL;
  for (Node *x = def->params; x && ann->rhs->kind == EX_NAME; x = x->next)
    if (strcmp(x->name, ann->rhs->name) == 0) target = x;
  if (!target || !pa->rhs || pa->rhs->kind != EX_NONE) {
    diag_at(p->diag, ann, "%s[name] names a Callable parameter of the def, with the default None",
            args ? "args_of" : "kwargs_of");
    return true;
  }
  q->binds = target->name;
  q->bind_kind = args ? 'a' : 'k';
  return true;
}

/* `-> Callable[partial]` of an extern def: a call binds the first
 * parameters of the function it is given (functools.partial); `->
 * Callable[wraps]`: a decorator giving back the function it decorates
 * (functools.wraps); `-> Callable[abstractmethod]`: a method's decorator
 * making it abstract (abc.abstractmethod); `-> Callable[itemgetter]` and
 * `Callable[attrgetter]`: the getter of the items or attributes a call
 * names (operator's). The result type is the checker's. */
static bool binder_rule(Program *p, Func *f, Node *ann) {
  static const char *const rules[] = {"partial", "wraps", "abstractmethod", "itemgetter", "attrgetter"};
  const char *rule = ann->rhs->kind == EX_NAME ? ann->rhs->name : "";
  size_t i = 0;
  while (i < sizeof rules / sizeof *rules && strcmp(rule, rules[i]) != 0) i++;
  if (strcmp(generic_name(p, f->mod, ann->lhs), "Callable") != 0 || i == sizeof rules / sizeof *rules) return false;
  f->getter = i == 3 ? 'i' : i == 4 ? 'a' : 0;
  f->binds_args = strcmp(rule, "partial") == 0;
  f->marks_abstract = strcmp(rule, "abstractmethod") == 0;
  f->keeps_function = strcmp(rule, "wraps") == 0;
  f->ret = type_prim(TY_ERROR);
  return true;
}

/* `-> Callable[result_in[C]]` of an extern def (contextlib.contextmanager):
 * a decorator above a top-level def after which the def keeps its name,
 * each call of it giving C(the call's value) (result_decorated). */
static bool result_in_rule(Program *p, Func *f, Node *ann) {
  Node *rule = ann->rhs;
  bool form = rule->kind == EX_INDEX && rule->lhs->kind == EX_NAME && strcmp(rule->lhs->name, "result_in") == 0;
  if (!form || strcmp(generic_name(p, f->mod, ann->lhs), "Callable") != 0) return false;
  Sym *y = meaning(lookup_dotted(p, f->mod, rule->rhs));
  if (!y || y->kind != SYM_CLASS) {
    diag_at(p->diag, rule->rhs, "result_in[C] names a class of the module");
    return true;
  }
  f->result_in = y->cls;
  f->ret = type_prim(TY_ERROR);
  return true;
}

/* `-> class_transform` / `-> field_specifier` (and the other Transform
 * markers) of an extern def: a function of the compiler's (transform.c,
 * check_call.c), whose parameters are the keywords it takes, their
 * defaults its own; no C function is called. */
static bool transform_signature(Program *p, Func *f) {
  Node *ann = f->decl->ann;
  bool named = f->is_extern && !f->cls && ann && ann->kind == EX_NAME;
  if (named && strcmp(ann->name, "class_transform") == 0) f->transform = TRANSFORM_CLASS;
  else if (named && strcmp(ann->name, "field_specifier") == 0) f->transform = TRANSFORM_FIELD;
  else if (named && strcmp(ann->name, "enum_value") == 0) f->transform = TRANSFORM_AUTO;
  else if (named && strcmp(ann->name, "instance_dict") == 0) f->transform = TRANSFORM_VARS;
  else if (named && strcmp(ann->name, "fields_dict") == 0) f->transform = TRANSFORM_ASDICT;
  else return false;
  f->nparams = ast_count(f->decl->params);
  f->params = arena_alloc(p->arena, (f->nparams ? f->nparams : 1) * sizeof *f->params);
  int i = 0;
  for (Node *pa = f->decl->params; pa; pa = pa->next, i++)
    f->params[i] = (Param){.name = pa->name, .dflt = pa->rhs, .decl = pa, .ty = type_prim(TY_ERROR)};
  f->ret = type_prim(TY_NONE);
  return true;
}

/* `-> field_declaration[Namespace]` of an extern method: each call
 * declares a field of that class, of the `protocol="namespace"`
 * (check_declared.c); its parameters are the keywords a call may give,
 * typed by the checker from their values. `-> defaults_declaration[C]`
 * (set_defaults): each keyword of a call is a field's default, declaring
 * the field where no other call does. */
static bool declaration_signature(Program *p, Func *f) {
  Node *ann = f->decl->ann;
  if (!f->is_extern || !f->cls || !ann || ann->kind != EX_INDEX || ann->lhs->kind != EX_NAME)
    return false;
  bool defaults = strcmp(ann->lhs->name, "defaults_declaration") == 0;
  if (!defaults && strcmp(ann->lhs->name, "field_declaration") != 0) return false;
  Type *t = resolve_annotation(p, f->mod, ann->rhs);
  if (t->kind != TY_CLASS || t->cls->protocol != PROTO_NAMESPACE) {
    diag_at(p->diag, ann->rhs, "%s[C] names an extern class of protocol=\"namespace\"", ann->lhs->name);
    return false;
  }
  f->declares = t->cls;
  f->declares_defaults = defaults;
  if (defaults) t->cls->defaults_declared_by = f;
  else t->cls->declared_by = f;
  f->nparams = ast_count(f->decl->params);
  f->params = arena_alloc(p->arena, f->nparams * sizeof *f->params);
  int i = 0;
  for (Node *pa = f->decl->params; pa; pa = pa->next, i++)
    f->params[i] = (Param){.name = pa->name, .dflt = pa->rhs, .decl = pa, .ty = type_prim(TY_ERROR)};
  f->params[0].ty = f->cls->ty;
  f->ret = type_prim(TY_NONE);
  return true;
}

static void any_only_in_externs(Program *p, Func *f);

/* `-> command_declaration[Namespace, R]` of an extern method: each call
 * declares the field its dest= names (check_declared.c), which holds the
 * name of the command that a command line chose; the call is otherwise
 * an ordinary one, its value an R. */
static bool command_declaration(Program *p, Func *f, Node *ann) {
  if (!f->cls || ann->lhs->kind != EX_NAME || strcmp(ann->lhs->name, "command_declaration") != 0) return false;
  Node *args = ann->rhs->kind == EX_TUPLE ? ann->rhs->elts : NULL;
  Type *t = args && args->next && !args->next->next ? resolve_annotation(p, f->mod, args) : NULL;
  if (!t || t->kind != TY_CLASS || t->cls->protocol != PROTO_NAMESPACE) {
    diag_at(p->diag, ann->rhs, "command_declaration[C, R] names an extern class C of protocol=\"namespace\" and the "
            "call's type R");
    f->ret = type_prim(TY_ERROR);
    return true;
  }
  f->declares = t->cls;
  f->declares_command = true;
  t->cls->command_declared_by = f;
  f->ret = resolve_annotation(p, f->mod, args->next);
  return true;
}
static Type *args_pack(Program *p, const char *name);

/* `-> forward_hooked[R]` of an extern method (register_forward_hook): a
 * call hooks its receiver's forward, which may be a .gtp module's
 * (check_call.c `hook_receivers`); its value an R. */
static bool forward_hooked(Program *p, Func *f, Node *ann) {
  if (!f->cls || ann->lhs->kind != EX_NAME || strcmp(ann->lhs->name, "forward_hooked") != 0) return false;
  f->hooks_forward = true;
  f->ret = resolve_annotation(p, f->mod, ann->rhs);
  return true;
}


/* The type of Literal[v]'s constant v: bool, int or str. */
static Type *literal_type(Program *p, Node *v) {
  switch (v->kind) {
  case EX_TRUE: case EX_FALSE: return type_prim(TY_BOOL);
  case EX_INT: return type_prim(TY_INT);
  case EX_STR: return type_prim(TY_STR);
  default:
    diag_at(p->diag, v, "Literal[...] of an extern's parameter takes True, False, an int or a str");
    return type_prim(TY_ERROR);
  }
}

/* `other: object` of `__eq__(self, other: object)` and `__ne__`, as type
 * checkers ask them written: the class itself here, `==` of a value of
 * another type being never equal, decided where it is compiled. */
static bool is_eq_other(const Func *f, int i, const Node *pa) {
  return f->cls && i == 1 && pa->ann->kind == EX_NAME && strcmp(pa->ann->name, "object") == 0 &&
         (strcmp(f->name, "__eq__") == 0 || strcmp(f->name, "__ne__") == 0);
}

static bool is_yield(const Node *st) { return st->kind == ST_YIELD; }

/* Does a def's body yield (not a nested def's)? */
static bool yields(Node *body) { return ast_find_stmt(body, is_yield) != NULL; }

static void type_signature(Program *p, Func *f) {
  Node *def = f->decl;
  if (transform_signature(p, f) || declaration_signature(p, f)) return;
  Node *first = def->params;
  if (f->cls_param && !first) diag_at(p->diag, def, "a @classmethod takes the class first: 'def %s(cls, ...)'", f->name);
  if (f->cls_param && first) first = first->next;  /* cls: a name of the class in its body (check.c), not passed */
  int n = ast_count(first);
  f->params = arena_alloc(p->arena, (n ? n : 1) * sizeof *f->params);
  f->nparams = n;
  int i = 0;
  bool seen_default = false;
  for (Node *pa = first; pa; pa = pa->next, i++) {
    Param *q = &f->params[i];
    q->name = pa->name;
    q->dflt = pa->rhs;
    q->decl = pa;
    q->kwonly = pa->flags & PARAM_KWONLY;
    if (pa->flags & PARAM_STARARGS && f->is_extern && pa->ann) {
      /* extern def zeros(*size: int): the C function takes an array and its length */
      q->varargs = true;
      bool index = pa->ann->kind == EX_NAME && strcmp(pa->ann->name, "slice") == 0;
      q->ty = index ? type_prim(TY_INDEX) : resolve_annotation(p, f->mod, pa->ann);
      if (q->ty->kind != TY_INT && q->ty->kind != TY_FLOAT && q->ty->kind != TY_INDEX &&
          !(q->ty->kind == TY_CLASS && q->ty->cls->is_extern))
        diag_at(p->diag, pa->ann, "a '*' parameter of an extern def takes int, float, slice or an extern class");
      continue;
    }
    if (pa->flags & PARAM_KWARGS && f->is_extern && pa->ann && !pa->next) {
      /* extern def set_postfix(self, **kwargs: int | float | str): names and values as two arrays
       * (of a union, gt_dyn values) */
      q->kwargs = true;
      q->ty = type_union_values(p, resolve_annotation(p, f->mod, pa->ann));
      if (q->ty->kind != TY_INT && q->ty->kind != TY_FLOAT && q->ty->kind != TY_UNION)
        diag_at(p->diag, pa->ann, "a '**' parameter of an extern def takes int, float or a union");
      continue;
    }
    if (pa->flags & (PARAM_STARARGS | PARAM_KWARGS) && !f->is_extern && pa->ann) {
      /* def f(*args: T, **kwargs: T): a tuple[T, ...] and a dict[str, T] */
      q->fspath = pa->ann->kind == EX_NAME && strcmp(pa->ann->name, "pathlike") == 0;  /* Path(root, "x") */
      Type *t = q->fspath ? type_prim(TY_STR) : resolve_annotation(p, f->mod, pa->ann);
      if (t->kind == TY_ANY && pa->flags & PARAM_STARARGS) t = args_pack(p, pa->name);
      q->varargs = pa->flags & PARAM_STARARGS;
      q->kwargs = !q->varargs;
      q->ty = q->varargs ? type_vartuple(p, t) : type_dict(p, type_prim(TY_STR), t);
      if (q->kwargs && pa->next) diag_at(p->diag, pa, "a '**' parameter must be the last");
      continue;
    }
    if (pa->flags & PARAM_STARARGS && !f->is_extern && f->cls && strcmp(f->name, "__exit__") == 0) {
      /* def __exit__(self, *exc): the exception's three values, which it does not read (check.c) */
      q->varargs = true;
      q->ty = type_vartuple(p, type_prim(TY_INT));
      continue;
    }
    if (pa->flags & (PARAM_STARARGS | PARAM_KWARGS) && !f->is_extern) {
      diag_at(p->diag, pa, "'%s%s' needs a type annotation: the type of each value it gathers (`%s%s: int`)",
              pa->flags & PARAM_STARARGS ? "*" : "**", pa->name, pa->flags & PARAM_STARARGS ? "*" : "**", pa->name);
      q->ty = type_prim(TY_ERROR);
      continue;
    }
    if (pa->flags & (PARAM_STAR | PARAM_STARARGS | PARAM_KWARGS)) {
      diag_at(p->diag, pa, "'*' and '**' parameters are not supported");
      q->ty = type_prim(TY_ERROR);
      continue;
    }
    if (i == 0 && f->cls) {
      if (pa->ann) diag_at(p->diag, pa->ann, "'%s' needs no annotation", pa->name);
      q->ty = f->cls->ty;
      continue;
    }
    if (!pa->ann) {
      /* A .gtp def's is reported by check.c, which proposes a type from the uses. */
      if (f->is_extern) diag_at(p->diag, pa, "parameter '%s' of %s needs a type annotation", pa->name, f->qname);
      q->ty = type_prim(TY_ERROR);
    } else if (f->is_extern && pa->ann->kind == EX_NAME && strcmp(pa->ann->name, "cstr") == 0) {
      q->cstring = true;  /* a str to .gtp, a `const char *` to C */
      q->ty = type_prim(TY_STR);
    } else if (pa->ann->kind == EX_NAME &&
               (strcmp(pa->ann->name, "pathlike") == 0 || (f->is_extern && strcmp(pa->ann->name, "cpath") == 0))) {
      q->fspath = true;  /* open(path / "log.txt"): a str, or a Path's __fspath__() */
      q->cstring = strcmp(pa->ann->name, "cpath") == 0;  /* as cstr: C gets a `const char *` */
      q->ty = type_prim(TY_STR);
    } else if (f->is_extern && pa->ann->kind == EX_INDEX && pa->ann->lhs->kind == EX_NAME &&
               strcmp(pa->ann->lhs->name, "Literal") == 0) {
      q->literal = pa->ann->rhs;  /* return_counts: Literal[True] */
      q->ty = literal_type(p, q->literal);
    } else if (binder_param(p, def, pa, q)) {
      /* args: args_of[target] = None: the call's tuple binds target's arguments (check_call.c) */
    } else if (f->is_extern && pa->ann->kind == EX_NAME && strcmp(pa->ann->name, "ints") == 0) {
      q->ty = type_prim(TY_INTS);  /* kernel_size=3 or kernel_size=(3, 5) */
    } else if (f->is_extern && pa->ann->kind == EX_NAME && strcmp(pa->ann->name, "floats") == 0) {
      q->ty = type_prim(TY_FLOATS);
    } else if (is_eq_other(f, i, pa)) {
      q->ty = f->cls->ty;  /* __eq__(self, other: object): a value of another class is never equal (check.c) */
      q->any_object = true;
    } else {
      q->ty = resolve_annotation(p, f->mod, pa->ann);
      /* Generator[T, None, None] of an extern: C takes the generator itself, walking it as it goes */
      bool walked = pa->ann->kind == EX_INDEX && strcmp(generic_name(p, f->mod, pa->ann->lhs), "Generator") == 0;
      if (f->is_extern && q->ty->kind == TY_GENERATOR && !walked) {
        q->ty = type_list(p, q->ty->elem);  /* C takes a gt_list of the items (check_call.c, fit_arg) */
        q->iterable = true;
        q->sequence = pa->ann->kind == EX_INDEX && strcmp(generic_name(p, f->mod, pa->ann->lhs), "Sequence") == 0;
      }
      /* `x: T = None` is an Optional[T], as type checkers read it */
      if (pa->rhs && pa->rhs->kind == EX_NONE) q->ty = type_optional(p, q->ty);
    }
    if (pa->rhs) seen_default = true;
    else if (seen_default && !q->kwonly)  /* def f(a=1, *, b): b is given by name */
      diag_at(p->diag, pa, "parameter without a default follows a parameter with a default");
  }
  if (f->cls && n == 0) diag_at(p->diag, def, "method '%s' needs a 'self' parameter", f->name);
  if (f->is_extern && def->ann && def->ann->kind == EX_NAME && strcmp(def->ann->name, "status") == 0) {
    /* -> status: None to .gtp; the C function returns 0, or -1 and sets gt_last_error() */
    f->returns_status = true;
    f->ret = type_prim(TY_NONE);
    return;
  }
  if (f->is_extern && f->cls && def->ann && def->ann->kind == EX_NAME &&
      strcmp(def->ann->name, "buffer_declaration") == 0) {
    /* -> buffer_declaration: register_buffer; the call stores a field (check_call.c call_buffer) */
    f->declares_buffer = true;
    f->ret = type_prim(TY_NONE);
    return;
  }
  if (f->is_extern && def->ann && def->ann->kind == EX_INDEX && strcmp(generic_name(p, f->mod, def->ann->lhs), "TypeIs") == 0) {
    /* -> TypeIs[T]: a bool, true where the argument is a T; a test of it narrows as isinstance does */
    f->guard = resolve_annotation(p, f->mod, def->ann->rhs);
    f->ret = type_prim(TY_BOOL);
    return;
  }
  if (f->is_extern && def->ann && def->ann->kind == EX_NAME && strcmp(def->ann->name, "NoReturn") == 0) {
    /* -> NoReturn: the C function never returns, so a call ends its path (sys.exit) */
    f->noreturn = true;
    f->ret = type_prim(TY_NONE);
    return;
  }
  if (f->is_extern && f->cls && def->ann && def->ann->kind == EX_NAME && strcmp(def->ann->name, "Self") == 0) {
    /* -> Self: the C function returns (a new reference to) its receiver */
    f->returns_self = true;
    f->ret = f->cls->ty;
    return;
  }
  if (f->is_extern && f->cls && def->ann && def->ann->kind == EX_NAME && strcmp(def->ann->name, "scalar") == 0) {
    /* -> scalar: .item(), the Python number of self's dtype kind (check.c decides which) */
    f->ret_scalar = true;
    f->ret = type_prim(TY_FLOAT);
    return;
  }
  if (f->is_extern && f->cls && def->ann && def->ann->kind == EX_NAME && strcmp(def->ann->name, "scalars") == 0) {
    /* -> scalars: .tolist(), as `-> Any`; where no type is expected, a list of self's numbers (check_call.c) */
    f->ret_scalars = true;
    f->ret = type_prim(TY_ANY);
    return;
  }
  if (f->is_extern && def->ann && def->ann->kind == EX_INDEX && binder_rule(p, f, def->ann)) return;
  if (f->is_extern && def->ann && def->ann->kind == EX_INDEX && result_in_rule(p, f, def->ann)) return;
  if (f->is_extern && def->ann && def->ann->kind == EX_INDEX && command_declaration(p, f, def->ann)) return;
  if (f->is_extern && def->ann && def->ann->kind == EX_INDEX && forward_hooked(p, f, def->ann)) return;
  if (f->is_extern && def->ann && def->ann->kind == EX_INDEX && dtype_rule(p, f, def->ann)) return;
  /* a generator without `-> Iterator[T]` is reported once, where it is checked, not at each call */
  f->ret = def->ann ? resolve_annotation(p, f->mod, def->ann) : yields(def->body) ? type_prim(TY_ERROR) : type_prim(TY_NONE);
  any_only_in_externs(p, f);
}

/* `*args: Any` of a def: a type variable that a call binds to the tuple
 * of the values it gathers (check_generic.c), so that each call's
 * arguments keep their own types, as Python's args tuple holds them. */
static Type *args_pack(Program *p, const char *name) {
  Type *t = type_typevar(p, arena_printf(p->arena, "*%s", name));
  t->pack = true;
  return t;
}

/* Any is an extern's: C takes the value with its descriptor, or gives the
 * expected type's value; no .gtp def could do either. */
static void any_only_in_externs(Program *p, Func *f) {
  if (f->is_extern) return;
  for (int i = 0; i < f->nparams; i++)
    if (type_has_any(f->params[i].ty)) {
      diag_at(p->diag, f->params[i].decl, "Any is a type of extern defs' parameters and results only: a def's "
              "parameter has a type (a type variable takes any: T = TypeVar(\"T\"))");
      f->params[i].ty = type_prim(TY_ERROR);
    }
  if (type_has_any(f->ret)) {
    diag_at(p->diag, f->decl->ann, "Any is a type of extern defs' parameters and results only");
    f->ret = type_prim(TY_ERROR);
  }
}

/* protocol="module" in an extern class's bases: which runtime protocol its
 * instances follow (sema.h); only the names emit knows are accepted. */
static void resolve_protocol(Program *p, ClassInfo *c, Node *kw) {
  static const struct { const char *name; Protocol proto; } protocols[] = {
      {"module", PROTO_MODULE}, {"tensor", PROTO_TENSOR}, {"exception", PROTO_EXCEPTION},
      {"dataset", PROTO_DATASET}, {"iterable_dataset", PROTO_ITERABLE_DATASET}, {"namespace", PROTO_NAMESPACE},
      {"type", PROTO_TYPE}, {"traceback", PROTO_TRACEBACK}, {"any_dict", PROTO_ANY_DICT}, {"enum", PROTO_ENUM},
      {"dynamic", PROTO_DYNAMIC}, {"loader", PROTO_LOADER}, {"autograd_function", PROTO_AUTOGRAD_FUNCTION},
  };
  Node *v = kw->rhs;
  if (!c->is_extern || strcmp(kw->name, "protocol") != 0) {
    diag_at(p->diag, kw, "an extern class takes the keywords protocol=\"module\", \"tensor\", \"exception\", "
            "\"dataset\", \"iterable_dataset\", \"namespace\", \"type\", \"traceback\", \"any_dict\", \"enum\", "
            "\"dynamic\", \"loader\" or \"autograd_function\", "
            "converts=str, converts=list, from_number=f and descriptor=\"C name\"");
    return;
  }
  for (size_t i = 0; v->kind == EX_STR && i < sizeof protocols / sizeof *protocols; i++)
    if (strcmp(v->str, protocols[i].name) == 0) {
      c->protocol = protocols[i].proto;
      return;
    }
  diag_at(p->diag, v, "unknown protocol: an extern class follows protocol=\"module\", \"tensor\", \"exception\", "
          "\"dataset\", \"iterable_dataset\", \"namespace\", \"type\", \"traceback\", \"any_dict\", \"enum\", "
          "\"dynamic\", \"loader\" or \"autograd_function\"");
}

/* descriptor="gt_t_tensor" in an extern class's bases: the C name of the
 * runtime's gt_type of its instances. */
static void resolve_descriptor(Program *p, ClassInfo *c, Node *kw) {
  if (kw->rhs->kind != EX_STR || !is_c_identifier(kw->rhs->str)) {
    diag_at(p->diag, kw->rhs, "descriptor= names the C gt_type of the class's instances: descriptor=\"gt_t_tensor\"");
    return;
  }
  c->descriptor = kw->rhs->str;
}

/* converts=str in an extern class's bases: an extern's parameter of the
 * class takes a str too, which the class's __init__ of one str makes an
 * instance (check_call.c, convert_arg), as PyTorch takes device="cpu"
 * wherever it takes a torch.device; `converts=str | int` takes either
 * (device=0, PyTorch's CUDA device 0). */
static void resolve_converts(Program *p, ClassInfo *c, Node *kw) {
  bool list = kw->rhs->kind == EX_NAME && strcmp(kw->rhs->name, "list") == 0;  /* a list of any items */
  Type *t = list ? type_list(p, type_prim(TY_UNKNOWN)) : type_union_values(p, resolve_annotation(p, c->mod, kw->rhs));
  bool scalars = t->kind == TY_STR || t->kind == TY_INT || t->kind == TY_UNION;
  for (int i = 0; t->kind == TY_UNION && i < t->nitems; i++)
    scalars &= t->items[i]->kind == TY_STR || t->items[i]->kind == TY_INT;
  if (!scalars && t->kind != TY_LIST) {
    diag_at(p->diag, kw->rhs, "converts= names the type an extern class is made from: converts=str, converts=list, "
            "converts=str | int");
    return;
  }
  c->converts = t;
}

/* A .gtp base: a class of the program or of a stdlib module, defined
 * above the class that derives it (Python runs the class statement there). */
static bool usable_base(Program *p, ClassInfo *c, ClassInfo *base, Node *b) {
  if (base->mod == c->mod && base->decl->pos >= c->decl->pos) {
    diag_at(p->diag, b, "class '%s' is defined below '%s', which derives it: define '%s' first", base->name,
            c->name, base->name);
    return false;
  }
  return true;
}

/* What a class takes from a .gtp base: its __init__, __str__ and __repr__
 * where it has none of its own, and the C names of its fields, which its
 * struct begins with (so none of its own may take them). */
static void inherit_from(ClassInfo *c, ClassInfo *base) {
  if (base->is_extern) {  /* nn.Linear: a built-in layer, whose __init__ makes it */
    if (base->protocol == PROTO_MODULE && base->init && !c->is_extern) c->layer = base;
    return;
  }
  if (!c->init) c->init = base->init;
  c->layer = base->layer;
  if (!c->str) c->str = base->str;
  if (!c->repr) c->repr = base->repr;
  c->field_cnames.up = &base->field_cnames;
}

/* `class Stack(Generic[T, U])`: the type variables of a generic class, a
 * template (class_instance makes its instances), which derives no class. */
static void generic_class(Program *p, ClassInfo *c, Node *b) {
  Node *arg = b->rhs;
  int n = arg->kind == EX_TUPLE ? ast_count(arg->elts) : 1;
  c->tvars = arena_alloc(p->arena, n * sizeof *c->tvars);
  for (Node *e = arg->kind == EX_TUPLE ? arg->elts : arg; e; e = e->next) {
    Type *t = resolve_annotation(p, c->mod, e);
    bool again = false;
    for (int i = 0; i < c->ntvars; i++) again = again || c->tvars[i] == t;
    if (t->kind != TY_TYPEVAR || again) {
      diag_at(p->diag, e, "Generic[...] takes distinct type variables");
      c->ntvars = 0;
      return;
    }
    c->tvars[c->ntvars++] = t;
    if (arg->kind != EX_TUPLE) break;
  }
  bool one_base = !c->decl->bases->next || (c->is_extern && c->decl->bases->next->kind == ND_KEYWORD);
  if (!one_base || c->decl->decorators) {
    diag_at(p->diag, b, "a generic class derives Generic[...] only, and takes no decorator, yet");
    c->ntvars = 0;
  }
}

/* Has a class transform written some of k's methods? */
static bool transformed(const ClassInfo *k) {
  for (const Func *f = k->methods; f; f = f->next)
    if (f->written) return true;
  return false;
}

/* Does class k add nothing to a class deriving it: a .gtp class of no
 * base whose body is `pass` or a docstring (abc's ABC, a mixin marker)? */
static bool adds_nothing(const ClassInfo *k) {
  if (k->is_extern || k->decl->bases) return false;
  for (const Node *st = k->decl->body; st; st = st->next) {
    bool docstring = st->kind == ST_EXPR && st->lhs && st->lhs->kind == EX_STR;
    if (st->kind != ST_PASS && !docstring) return false;
  }
  return true;
}

/* class MLP(nn.Module), class Circle(Shape): a class derives at most one
 * class (and any that adds nothing, as ABC beside nn.Module): a .gtp class,
 * or an extern one (a .gtp class only one that follows
 * the module protocol, whose instances the runtime treats as modules, or
 * the exception protocol, whose instances begin with a gt_exc);
 * `object` is no base at all. */
static void resolve_bases(Program *p, ClassInfo *c) {
  for (Node *b = c->decl->bases; b; b = b->next) {
    if (b->kind == ND_KEYWORD && c->is_extern && strcmp(b->name, "converts") == 0) {
      resolve_converts(p, c, b);
      continue;
    }
    if (b->kind == ND_KEYWORD && c->is_extern && strcmp(b->name, "from_number") == 0) {
      if (b->rhs->kind == EX_NAME) c->from_number = b->rhs->name;
      else diag_at(p->diag, b->rhs, "from_number= names a function of the module: from_number=_of_number");
      continue;
    }
    if (b->kind == ND_KEYWORD && c->is_extern && strcmp(b->name, "descriptor") == 0) {
      resolve_descriptor(p, c, b);
      continue;
    }
    if (b->kind == ND_KEYWORD) {
      resolve_protocol(p, c, b);
      continue;
    }
    if (b->kind == EX_NAME && strcmp(b->name, "object") == 0) continue;
    if (b->kind == EX_INDEX && strcmp(generic_name(p, c->mod, b->lhs), "Generic") == 0) {
      if (!c->generic_of) generic_class(p, c, b);
      continue;
    }
    Sym *y = lookup_dotted(p, c->mod, b);
    ClassInfo *base = y && y->kind == SYM_CLASS ? y->cls : NULL;
    if (base && base->is_extern && base->protocol == PROTO_ENUM && !c->is_extern) {  /* class Color(Enum) */
      c->protocol = PROTO_ENUM;
      continue;
    }
    if (base && !base->is_extern && base->protocol == PROTO_ENUM) {  /* Python's TypeError */
      diag_at(p->diag, b, "class '%s' cannot derive the Enum '%s': an Enum with members cannot be extended",
              c->name, base->name);
      continue;
    }
    /* a data set the library makes (TensorDataset, FashionMNIST) has no
       struct a program's class could extend, unlike a layer (_layer); an
       __init__ that only converts (Dataset's of a list, converts=) is no such maker */
    bool made = base && base->is_extern && base->init && !base->converts && base->protocol != PROTO_MODULE &&
                base->protocol != PROTO_EXCEPTION;
    bool derivable = base && !made && (base->protocol == PROTO_MODULE || base->protocol == PROTO_EXCEPTION ||
                                       base->protocol == PROTO_DATASET || base->protocol == PROTO_ITERABLE_DATASET ||
                                       base->protocol == PROTO_AUTOGRAD_FUNCTION);
    /* class Model(nn.Module, ABC): a second base that adds nothing is no second base */
    if (base && c->base && base != c && adds_nothing(base)) continue;
    if (base && c->base && base != c && adds_nothing(c->base)) c->base = NULL;
    bool fits = base && (base->is_extern ? c->is_extern || derivable : !c->is_extern);
    bool ok = fits && !c->base && base != c;
    Node *at;
    const char *why = base ? NULL : missing_name(p, c->mod, b, &at);
    if (why) diag_at(p->diag, at, "%s", why);
    if (base && c->base && base != c)
      diag_at(p->diag, b, "class '%s' derives one class: more than one base is not in the language", c->name);
    else if (made)
      diag_at(p->diag, b, "class '%s' cannot derive '%s', which the library makes: derive Dataset and keep a %s in a "
              "field", c->name, base->name, base->name);
    else if (!ok && !why)
      diag_at(p->diag, b, "class '%s' cannot derive from this base: a class derives a class of the program, "
              "nn.Module or a layer (nn.Linear), Dataset, torch.autograd.Function, an exception class or nothing",
              c->name);
    if (!ok || (!base->is_extern && !usable_base(p, c, base, b))) continue;
    if (transformed(base) && base->frozen) c->frozen = true;  /* Python's frozen __setattr__ is inherited */
    c->base = base;
    if (!c->protocol) c->protocol = base->protocol;
    inherit_from(c, base);
  }
  c->is_module = !c->is_extern && c->protocol == PROTO_MODULE;
}

Func *resolve_callee(Program *p, Module *m, Node *callee) {
  Sym *y = meaning(lookup_dotted(p, m, callee));
  return y && y->kind == SYM_FUNC ? y->fn : NULL;
}

/* The methods a transform wrote (defs), added to c as if it defined them. */
static void add_written(Program *p, Module *m, ClassInfo *c, Node *defs) {
  while (defs) {
    Node *def = defs;
    defs = defs->next;
    def->next = NULL;
    c->decl->body = ast_append(c->decl->body, def);
    add_method(p, m, c, def);
    class_method(c, def->name)->written = true;
  }
}

/* @dataclass above a class: a decorator declared `-> class_transform`,
 * whose methods (transform.c) the class takes as if it defined them; of a
 * dataclass's subclass, over the base's fields and its own. A class
 * deriving another class with an __init__ is not one yet (Python's would
 * set the base's fields in its own __init__). */
static void class_decorators(Program *p, Module *m, ClassInfo *c) {
  for (Node *d = c->decl->decorators; d; d = d->next) {
    Func *t = resolve_callee(p, m, d->kind == EX_CALL ? d->lhs : d);
    if (!t || t->transform != TRANSFORM_CLASS || d->next) {
      diag_at(p->diag, d, "a class takes one decorator, a class transform (`@dataclass` of dataclasses), "
              "and no other yet");
      return;
    }
    if (c->base && (c->base->is_extern || (c->base->init && !transformed(c->base)))) {
      diag_at(p->diag, d, "a class that @%s decorates derives no class with an __init__, nor an extern class, "
              "yet: '%s' derives '%s'", t->name, c->name, c->base->name);
      return;
    }
    c->transformed_by = t;
    add_written(p, m, c, transform_class(p, c, t, d));
  }
}

/* Adds the type variables t holds to f's, in order of first appearance. */
static void collect_tvars(Program *p, Func *f, Type *t) {
  if (!t || t->pending) return;
  if (t->kind == TY_TYPEVAR) {
    for (int i = 0; i < f->ntvars; i++)
      if (f->tvars[i] == t) return;
    Type **vars = arena_alloc(p->arena, (f->ntvars + 1) * sizeof *vars);
    if (f->ntvars) memcpy(vars, f->tvars, f->ntvars * sizeof *vars);
    vars[f->ntvars++] = t;
    f->tvars = vars;
    return;
  }
  if (t->kind == TY_CLASS && t->cls->generic_of && class_template(t->cls))  /* Stack[T] */
    for (int i = 0; i < t->cls->generic_of->ntvars; i++) collect_tvars(p, f, t->cls->targs[i]);
  collect_tvars(p, f, t->elem);
  collect_tvars(p, f, t->key);
  for (int i = 0; i < t->nitems; i++) collect_tvars(p, f, t->items[i]);
}

/* `__add__`, `__radd__`, `__iadd__` and the other arithmetic operators':
 * only the program's operators call them (check_call.c operator_call). */
static bool arithmetic_method(const char *name) {
  static const char *const ops[] = {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul",
                                    "lshift", "rshift", "and", "or", "xor"};
  size_t n = strlen(name);
  if (n < 6 || strncmp(name, "__", 2) != 0 || strcmp(name + n - 2, "__") != 0) return false;
  const char *stem = name + 2;
  size_t len = n - 4;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
      if (strlen(ops[i]) == len && strncmp(stem, ops[i], len) == 0) return true;
    if (*stem != 'r' && *stem != 'i') return false;
    stem++, len--;  /* __radd__, __iadd__ */
  }
  return false;
}

/* A method Python calls for a protocol (`__getitem__`, `__eq__`, a
 * model's `forward`), other than __init__ and the arithmetic operators':
 * the runtime calls one function of it, which a union would make many. */
static bool protocol_method(const Func *f) {
  size_t n = strlen(f->name);
  bool dunder = n > 4 && strncmp(f->name, "__", 2) == 0 && strcmp(f->name + n - 2, "__") == 0;
  return (dunder && strcmp(f->name, "__init__") != 0 && !arithmetic_method(f->name)) ||
         strcmp(f->name, "forward") == 0 || strcmp(f->name, "extra_repr") == 0;
}

/* `def __init__(self, loc: Tensor | float)`, `def scale(self, by: int |
 * float)` of a class of the program: union parameters alone (no type
 * variable of its own), so the method is generic as a top-level def is
 * (an instance per call's types), the class not. */
static bool union_method(const Func *f) {
  if (!f->cls || f->is_extern || f->decl->decorators || protocol_method(f)) return false;
  for (int i = 0; i < f->ntvars; i++)
    if (!f->tvars[i]->nitems) return false;
  return true;
}

/* Do f's type variables all stand for unions (no TypeVar of its own)? */
static bool unions_only(const Func *f) {
  for (int i = 0; i < f->ntvars; i++)
    if (!f->tvars[i]->nitems) return false;
  return f->ntvars > 0;
}

/* A def that cannot have an instance per call's types (a decorated def,
 * a method of a generic class): its union parameters take union values,
 * which isinstance tells apart where it runs. */
static void union_value_params(Program *p, Func *f) {
  for (int i = 0; i < f->nparams; i++) f->params[i].ty = type_union_values(p, f->params[i].ty);
  f->ntvars = 0;
}

/* `values: dict[str, float | Tensor]`, `steps: list[A | B]`: a union
 * inside a container holds values of either member (the container may
 * hold both), so it is no type variable making the def generic; a
 * parameter's own union (`x: int | str`, and its Optional) is. */
static void nested_union_values(Program *p, Func *f) {
  for (int i = 0; i < f->nparams; i++) {
    Type *t = f->params[i].ty, *own = t->kind == TY_OPTIONAL ? t->elem : t;
    if (own->kind != TY_TYPEVAR) f->params[i].ty = type_union_values(p, t);
  }
}

/* A def whose parameters name type variables is generic (check_generic.c
 * makes its instances); its result may name only those. */
static void generic_signature(Program *p, Func *f) {
  f->ret = type_union_values(p, f->ret);  /* `-> Tensor | tuple[Tensor, Tensor]`: one of them, known where it runs */
  if (f->is_extern) union_value_params(p, f);  /* `**kwargs: int | float | str`: C takes gt_dyn values */
  nested_union_values(p, f);
  Node *first = NULL;  /* the first parameter naming one */
  for (int i = 0; i < f->nparams; i++) {
    int before = f->ntvars;
    collect_tvars(p, f, f->params[i].ty);
    if (f->ntvars > before && !first) first = f->params[i].decl;
    if (f->ntvars > before && f->params[i].kwargs) {
      diag_at(p->diag, f->params[i].decl, "a '**' parameter takes no type variable yet");
      f->ntvars = 0;
      return;
    }
  }
  Node *where = f->decl->ann ? f->decl->ann : f->decl;
  if (f->cls && class_template(f->cls)) {  /* a generic class's: its variables */
    union_value_params(p, f);  /* `def tag(self, x: int | str)`: one method taking either */
    for (int i = 0; i < f->nparams; i++) collect_tvars(p, f, f->params[i].ty);
    collect_tvars(p, f, f->ret);
    for (int i = 0; i < f->ntvars; i++) {
      bool own = false;
      for (int j = 0; j < f->cls->ntvars; j++) own = own || f->cls->tvars[j] == f->tvars[i];
      if (!own) diag_at(p->diag, first ? first : where, "type variable '%s' is not one of class '%s''s: a method takes "
                        "no type variables of its own yet", f->tvars[i]->name, f->cls->name);
    }
    f->ntvars = 0;
    return;
  }
  if (f->ntvars && (f->cls || f->decl->decorators) && f->tvars[0]->pack) {
    diag_at(p->diag, f->cls ? first : f->decl->decorators,
            "'%s: Any' makes a def generic (an instance per call's types), and only a def at the top level of a "
            "module, undecorated, is (%s)", f->tvars[0]->name,
            f->cls ? "a method can be a def above the class taking the object first, named in the class body: "
                     "`info = _info`"
                   : "a decorator would take a generic function as a value");
    f->ntvars = 0;
    return;
  }
  /* a dataclass's written __init__ stores each parameter in its field, of the annotation's type */
  if (unions_only(f) && f->cls && f->cls->transformed_by && strcmp(f->name, "__init__") == 0) {
    union_value_params(p, f);
    return;
  }
  if (f->ntvars && union_method(f)) return;  /* an instance per call's types (check_generic.c) */
  /* `@staticmethod def s(y: int | str)`, a model's `forward(self, x, hidden: Tensor | tuple[Tensor, Tensor])`
   * (which the runtime calls only where it takes tensors, check.c forward_slot): one def taking either */
  bool forward = f->cls && strcmp(f->name, "forward") == 0;
  if (unions_only(f) && !f->is_extern && ((f->decl->decorators && !(f->cls && protocol_method(f))) || forward)) {
    union_value_params(p, f);
    return;
  }
  if (f->ntvars && f->cls && !f->is_extern && f->tvars[0]->nitems) {
    diag_at(p->diag, first, "a union parameter (%s) makes a method generic (a method per call's types), which %s is "
            "not: take one of the types%s", f->tvars[0]->name,
            f->decl->decorators ? "a decorated method" : "a method Python or the library calls by protocol",
            f->decl->decorators ? "" : " (convert the others before the call)");
    f->ntvars = 0;
    return;
  }
  if (f->ntvars && (f->is_extern || f->decl->decorators) && f->tvars[0]->nitems) {
    diag_at(p->diag, f->is_extern ? first : f->decl->decorators,
            "a union parameter (%s) makes a def generic, and only a def at the top level of a module, undecorated, "
            "is (%s)", f->tvars[0]->name, f->is_extern ? "an extern's C function takes one type" :
            "a decorator would take a generic function as a value");
    f->ntvars = 0;
    return;
  }
  if (f->ntvars && (f->is_extern || f->cls || f->decl->decorators)) {
    diag_at(p->diag, f->is_extern || f->cls ? first : f->decl->decorators,
            "only a def at the top level of a module, undecorated, takes type variables (%s)",
            f->is_extern ? "an extern def's C function takes concrete types" : f->cls ? "a method's type variables are its "
            "class's: class Box(Generic[T])" : "a decorator would take a generic function as a value");
    f->ntvars = 0;
    return;
  }
  int known = f->ntvars;
  collect_tvars(p, f, f->ret);
  if (f->ntvars > known)
    diag_at(p->diag, where, "type variable '%s' of the result is not in any parameter's type: a call could not bind it",
            f->tvars[known]->name);
  f->ntvars = known;
}

/* @contextmanager above top-level def f (its one decorator, declared `->
 * Callable[result_in[C]]`): f keeps its name as a function, not a global
 * of what the decorator makes, and check_call.c gives each call's value
 * to C. */
static void result_decorated(Program *p, Module *m, Func *f) {
  Node *d = f->decl->decorators;
  if (f->cls || f->is_extern || !d || d->next || (d->kind != EX_NAME && d->kind != EX_ATTR)) return;
  Func *g = resolve_callee(p, m, d);
  Sym *y = g && g->is_extern && g->result_in ? scope_find(&m->globals, f->decl->name) : NULL;
  if (!y || y->kind != SYM_GLOBAL || y->decl != f->decl) return;
  y->kind = SYM_FUNC;
  y->fn = f;
  if (y->cname) f->cname = y->cname;  /* the name's own, which no global takes now */
  else y->cname = f->cname;
  f->result_in = g->result_in;
  if (f->ret->kind != TY_GENERATOR && f->ret->kind != TY_ERROR)
    diag_at(p->diag, d, "@%s decorates a generator function: annotate it `-> Iterator[T]` and yield once", g->name);
  f->decl->decorators = NULL;  /* an undecorated def from here on, */
  f->decl->info = NULL;        /* which is no statement that runs */
}

static void type_signatures(Program *p, Module *m) {
  for (ClassInfo *c = m->classes; c; c = c->next) {
    if (c->generic_of) continue;  /* an instance: class_instance typed it */
    resolve_bases(p, c);
    class_decorators(p, m, c);
    if (c->protocol == PROTO_ENUM && !c->is_extern) add_written(p, m, c, transform_enum(p, c));
  }
  for (Func *f = m->funcs; f; f = f->next) {
    type_signature(p, f);
    generic_signature(p, f);
    result_decorated(p, m, f);
  }
  for (ClassInfo *c = m->classes; c; c = c->next)
    for (Func *f = c->methods; f && !c->generic_of; f = f->next) {
      type_signature(p, f);
      generic_signature(p, f);
      if (f->setter) type_signature(p, f->setter);
    }
  for (Sym *y = m->globals.syms; y; y = y->next)
    if (y->kind == SYM_EXTERNVAR && !y->target) y->ty = resolve_annotation(p, m, y->decl->ann);
}

static bool same_targs(const ClassInfo *k, Type **targs) {
  for (int i = 0; i < k->generic_of->ntvars; i++)
    if (k->targs[i] != targs[i]) return false;
  return true;
}

/* A method of an instance: typed as the template's, its type variables
 * the instance's types. */
static void instance_signature(Program *p, ClassInfo *k, Func *f) {
  ClassInfo *g = k->generic_of;
  type_signature(p, f);
  if (!f->is_extern) union_value_params(p, f);  /* as the template's (generic_signature) */
  f->ret = type_union_values(p, f->ret);
  f->ret_whole = f->is_extern && f->ret->kind == TY_TYPEVAR;
  for (int i = 0; i < f->nparams; i++) f->params[i].ty = type_subst(p, f->params[i].ty, g->tvars, k->targs, g->ntvars);
  f->ret = type_subst(p, f->ret, g->tvars, k->targs, g->ntvars);
  if (f->setter) type_signature(p, f->setter);
  if (class_template(k)) return;
  for (int i = 0; i < f->nparams; i++) f->params[i].cname = c_local(p, f, f->params[i].name, true);
}

ClassInfo *class_instance(Program *p, ClassInfo *g, Type **targs) {
  for (ClassInfo *k = g->instances; k; k = k->next_instance)
    if (same_targs(k, targs)) return k;
  ClassInfo *k = arena_alloc(p->arena, sizeof *k);
  k->name = g->name;
  k->mod = g->mod;
  k->decl = ast_copy(p->arena, g->decl);
  k->generic_of = g;
  k->targs = arena_alloc(p->arena, g->ntvars * sizeof *targs);
  memcpy(k->targs, targs, g->ntvars * sizeof *targs);
  /* an extern class's instances are its C type: its values cross as one */
  k->is_extern = g->is_extern;
  k->cname = g->is_extern ? g->cname : c_internal(p, instance_cname_stem(p, g->cname, targs, g->ntvars));
  k->ty = type_class(p, k);
  k->next_instance = g->instances;
  g->instances = k;
  declare_class_body(p, g->mod, k);
  resolve_bases(p, k);
  for (Func *f = k->methods; f; f = f->next) instance_signature(p, k, f);
  if (p->class_made && !class_template(k)) p->class_made(p, k);
  return k;
}

/* Parameters are named once every file-scope name is, so that none hides one. */
static void name_params(Program *p, Func *f) {
  if (f->is_extern) return;
  for (int i = 0; i < f->nparams; i++)
    if (!f->params[i].cname) f->params[i].cname = c_local(p, f, f->params[i].name, true);
}

/* Every name in a default argument (attribute names too: more than needed
 * is safe): those globals are read in the caller's function. */
static void note_names(Program *p, const Node *n) {
  for (; n; n = n->next) {
    if (n->name) namemap_put(p->arena, &p->default_names, n->name, (void *)n->name, true);
    const Node *kids[] = {n->lhs, n->rhs, n->cond, n->args, n->elts, n->cmps, n->comps, n->conds,
                          n->parts, n->lo, n->hi, n->step, n->spec, n->items, n->body, n->orelse};
    for (size_t i = 0; i < sizeof kids / sizeof *kids; i++) note_names(p, kids[i]);
  }
}

static void note_default_names(Program *p, Func *f) {
  for (int i = 0; i < f->nparams; i++) note_names(p, f->params[i].dflt);
}

static void name_module_params(Program *p, Module *m) {
  for (Func *f = m->funcs; f; f = f->next) name_params(p, f);
  for (ClassInfo *c = m->classes; c; c = c->next)
    for (Func *f = c->methods; f; f = f->next) name_params(p, f);
}

static void declare_module(Program *p, Module *m) {
  declare(p, m, SYM_MODNAME, "__name__", m->ast);  /* if __name__ == "__main__": */
  declare_block(p, m, m->ast->body);
  type_signatures(p, m);
  if (!m->is_main) return;
  /* The main module is declared last, after every module it imports. */
  for (Func *f = m->funcs; f; f = f->next) note_default_names(p, f);
  for (ClassInfo *c = m->classes; c; c = c->next)
    for (Func *f = c->methods; f; f = f->next) note_default_names(p, f);
  for (Module *im = p->modules; im; im = im->next) name_module_params(p, im);
  name_module_params(p, m);
}

/* The stdlib's builtins module (the exception classes): its names are
 * every other module's, as an enclosing scope of their globals. */
static void load_builtins(Program *p, Node *at) {
  char *path = p->stdlib_dir ? find_in_dir(p->arena, p->stdlib_dir, "builtins") : NULL;
  if (!path) return;  /* a stdlib without it (the fuzzer's): no exception classes */
  p->builtins = load_file(p, NULL, at, "builtins", path, true);
}

/* The program whose main module is `file`, already parsed into `ast`: the
 * source may come from memory (the fuzzer's input), and only imports touch
 * the file system. */
Program *resolve_parsed_program(Arena *a, Diag *d, SrcFile *file, Node *ast, const char *stdlib_dir, Hints *hints) {
  Program *p = arena_alloc(a, sizeof *p);
  p->hints = hints;
  p->arena = a;
  p->diag = d;
  p->stdlib_dir = stdlib_dir;
  types_init(p);
  Module *m = arena_alloc(a, sizeof *m);
  load_builtins(p, ast);
  if (p->builtins) m->globals.up = &p->builtins->globals;
  m->name = "__main__";
  m->prefix = "";
  m->file = file;
  m->is_main = true;
  m->state = 1;
  m->all_next = p->all;
  p->all = m;
  m->ast = ast;
  declare_module(p, m);
  m->state = 2;
  Module **tail = &p->modules;
  while (*tail) tail = &(*tail)->next;
  *tail = m;
  p->main = m;
  return d->errors ? NULL : p;
}

Program *resolve_program(Arena *a, Diag *d, const char *path, const char *stdlib_dir) {
  SrcFile *file = src_load(a, d, path);
  Node *ast = file ? parse_module(a, d, file) : NULL;
  return ast ? resolve_parsed_program(a, d, file, ast, stdlib_dir, NULL) : NULL;
}

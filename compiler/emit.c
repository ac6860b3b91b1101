/* emit.c - the checked program as one readable C11 file: its functions,
 * classes and modules, and the file around them (emit_program).
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
 *
 * The emitter's files, by layer, sharing emit.h: emit_value.c (text, C
 * types, temporaries, locations, literals, truth), emit_expr.c
 * (expressions), emit_call.c (calls), emit_loop.c (loops), emit_stmt.c
 * (statements), and this one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ---- functions -------------------------------------------------------------- */

/* f's C signature under `name`; `lead`, where not NULL, a parameter
 * before f's (a static method's dispatcher's object). */
static const char *signature_led(E *e, Func *f, const char *name, const char *lead) {
  Buf b = {0};
  buf_printf(&b, "static %s%s%s(", ctype(e, f->ret), f->ret->kind == TY_CLASS || type_is_ref(f->ret) ? "" : " ", name);
  if (lead) buf_printf(&b, "%s%s", lead, f->nparams ? ", " : "");
  if (f->closure) buf_printf(&b, "%s_env *_up%s", f->outer->cname, f->nparams ? ", " : "");
  for (int i = 0; i < f->nparams; i++) {
    /* A parameter typed None can only be None: a pointer that is NULL. */
    const char *ct = f->params[i].ty->kind == TY_NONE ? "void *" : ctype(e, f->params[i].ty);
    bool ptr = ct[strlen(ct) - 1] == '*';
    /* One a try's body may reassign stays in memory, as a local does. */
    bool in_memory = f->has_try && f->params[i].sym && f->params[i].sym->rebound;
    const char *v = in_memory ? "volatile " : "";
    if (ptr) buf_printf(&b, "%s%s%s%s", i ? ", " : "", ct, v, f->params[i].cname);  /* gt_str *volatile s_ */
    else buf_printf(&b, "%s%s%s %s", i ? ", " : "", v, ct, f->params[i].cname);
  }
  if (!f->nparams && !f->closure && !lead) buf_printf(&b, "void");
  buf_printf(&b, ")");
  const char *r = arena_strdup(e->p->arena, b.data);
  buf_free(&b);
  return r;
}

static const char *signature_named(E *e, Func *f, const char *name) { return signature_led(e, f, name, NULL); }

static const char *signature(E *e, Func *f) { return signature_named(e, f, f->cname); }

/* A function used as a value: a C function of the gt_fn calling
 * convention that calls it (the gt_fn first), and its static gt_fn; a
 * bound method's passes the object its gt_bound holds. */
static void emit_fn_value(E *e, Func *f) {
  Buf sig = {0};
  int first = f->binds_self ? 1 : 0;
  buf_printf(&sig, "static %s%s%s_code(gt_fn *f", ctype(e, f->ret), type_is_ref(f->ret) ? "" : " ", f->cname);
  for (int i = first; i < f->nparams; i++) {
    const char *ct = ctype(e, f->params[i].ty);
    buf_printf(&sig, ", %s%s_a%d", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", i);
  }
  buf_printf(&sig, ")");
  buf_printf(&e->protos, "%s;\n", sig.data);
  if (!f->closure && !f->binds_self)
    buf_printf(&e->protos, "static gt_fn %s_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))%s_code};\n",
               f->cname, f->cname);
  buf_printf(&e->defs, "%s {\n%s  %s%s(", sig.data, f->closure || f->binds_self ? "" : "  (void)f;\n",
             f->ret->kind == TY_NONE ? "" : "return ", f->cname);
  if (f->closure) buf_printf(&e->defs, "((%s_closure *)f)->env%s", f->outer->cname, f->nparams ? ", " : "");
  if (f->binds_self) buf_printf(&e->defs, "((gt_bound *)f)->self");
  for (int i = first; i < f->nparams; i++) buf_printf(&e->defs, "%s_a%d", i ? ", " : "", i);
  buf_printf(&e->defs, ");\n}\n\n");
  buf_free(&sig);
}

static bool has_env(const Func *f) {
  if (f->env_link) return true;
  for (Sym *y = f->locals.syms; y; y = y->next)
    if (y->captured) return true;
  return false;
}

/* The environment of a function whose variables nested functions read:
 * a reference-counted struct of those variables, and the closures
 * (gt_fn values) that hold it. */
static void emit_env(E *e, Func *f) {
  const char *n = f->cname;
  buf_printf(&e->protos, "/* the variables of %s that its nested functions read */\ntypedef struct %s_env {\n  gt_obj _obj;\n",
             f->qname, n);
  Buf drop = {0};
  if (f->env_link) {  /* the environment around it, which functions nested in it read through this one */
    buf_printf(&e->protos, "  %s_env *_up;\n", f->outer->cname);
    buf_printf(&drop, "  gt_release(((%s_env *)o)->_up);\n", n);
  }
  for (Sym *y = f->locals.syms; y; y = y->next) {
    if (!y->captured) continue;
    const char *ct = ctype(e, y->ty);
    buf_printf(&e->protos, "  %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", y->cname);
    if (type_is_ref(y->ty)) buf_printf(&drop, "  gt_release(((%s_env *)o)->%s);\n", n, y->cname);
  }
  buf_printf(&e->protos, "} %s_env;\n", n);
  if (drop.len) buf_printf(&e->protos, "static void %s_env_drop(gt_obj *o) {\n%s}\n", n, drop.data);
  buf_printf(&e->protos, "static const gt_class %s_env_class = {.name = %s, .drop = %s};\n", n, c_quote(e, f->qname),
             drop.len ? fmt(e, "%s_env_drop", n) : "NULL");
  buf_free(&drop);
  buf_printf(&e->protos, "typedef struct %s_closure {\n  gt_fn fn;\n  %s_env *env;\n} %s_closure;\n", n, n, n);
  buf_printf(&e->protos, "static void %s_closure_drop(gt_obj *o) { gt_release(((%s_closure *)o)->env); }\n", n, n);
  buf_printf(&e->protos, "static const gt_class %s_closure_class = {.name = \"function\", .drop = %s_closure_drop, "
                         ".layout = &gt_layout_atomic};\n", n, n);
  buf_printf(&e->protos, "static gt_fn *%s_closure_new(void (*code)(void), %s_env *env) {\n"
                         "  %s_closure *c = gt_alloc(sizeof *c, &%s_closure_class);\n  c->fn.code = code;\n"
                         "  c->env = gt_retain(env);\n  return &c->fn;\n}\n\n", n, n, n, n);
}

/* The value of a lambda or nested def: its static gt_fn, or for a closure
 * a new one holding the environment of the function it stands in. */
Val fn_value(E *e, Func *f, Type *ty) {
  if (!f->closure) return val(fmt(e, "&%s_value", f->cname), ty, false);
  return val(fmt(e, "%s_closure_new((void (*)(void))%s_code, _env)", f->outer->cname, f->cname), ty, true);
}

static void declare_local(E *e, Sym *y) {
  if (y->bound_cname) declare_c(e, "bool", y->bound_cname, "false");
  if (!y->ty || unread_number(y)) return;
  declare_c(e, ctype(e, y->ty), y->cname, type_is_ref(y->ty) ? "NULL" : "0");
}

static void begin_fn(E *e, FnState *fs, Func *f) {
  memset(fs, 0, sizeof *fs);
  fs->fn = f;
  fs->frameless = f->mod->is_stdlib || f->binds_self;  /* a bound method's thunk: the method has the frame */
  fs->unwinds = e->p->has_try;
  fs->indent = 1;
  e->f = fs;
}

static void end_fn(E *e, FnState *fs) {
  free(fs->pending);
  free(fs->generators);
  free(fs->held);
  free(fs->slots);
  free(fs->withs);
  buf_free(&fs->decls);
  buf_free(&fs->body);
  e->f = NULL;
}

/* Does the function list its slots? Where the program catches exceptions,
 * when it has any, and a generator always (an exception ends it). */
static bool has_holdings(const FnState *fs) { return fs->unwinds && (fs->nslots || fs->generator); }

/* `gt_frame _fr = {...}; gt_enter(&_fr);` of f (a library function has
 * none: its errors are its caller's line's), then its holdings, whose
 * slots are read through `prefix` (a generator's frame). */
static void enter_frame(E *e, Func *f, const char *prefix) {
  FnState *fs = e->f;
  if (!fs->frameless) {
    buf_printf(&e->defs, "  gt_frame _fr = {.func = %s, .file = %s};\n", c_quote(e, f->qname), c_quote(e, f->mod->file->path));
    buf_printf(&e->defs, "  gt_enter(&_fr);\n");
  }
  if (!has_holdings(fs)) return;
  Buf b = {0};
  for (int i = 0; i < fs->nslots; i++) buf_printf(&b, "%s&%s%s", i ? ", " : "", prefix, fs->slots[i]);
  buf_printf(&e->defs, "  gt_holdings _holdings = {");
  if (fs->nslots) buf_printf(&e->defs, ".slots = (volatile void *const[]){%s}, .nslots = %d", b.data, fs->nslots);
  if (fs->generator) buf_printf(&e->defs, "%s.gen = _gen", fs->nslots ? ", " : "");
  buf_printf(&e->defs, "};\n  gt_enter_holdings(&_holdings);\n");
  buf_free(&b);
}

/* What enter_frame entered, left, into `out`. */
static void leave_frame(E *e, Buf *out) {
  if (has_holdings(e->f)) buf_printf(out, "  gt_leave_holdings(&_holdings);\n");
  if (!e->f->frameless) buf_printf(out, "  gt_leave(&_fr);\n");
}

/* Writes `decls body _out: epilogue` of the current function to defs. */
static void finish_body(E *e, Func *f, Buf *epilogue, const char *closing) {
  FnState *fs = e->f;
  bool has_ret = f->ret->kind != TY_NONE;
  if (has_ret) {
    if (type_is_ref(f->ret)) buf_printf(&e->defs, "  %s_ret = NULL;\n", ctype(e, f->ret));
    else buf_printf(&e->defs, "  %s _ret = 0;\n", ctype(e, f->ret));
  }
  /* a finally block on the way out may raise after a return set _ret */
  if (has_ret && type_is_ref(f->ret)) add_slot(e, "_ret");
  buf_append(&e->defs, &fs->decls);
  enter_frame(e, f, "");
  buf_append(&e->defs, &fs->body);
  Buf tail = {0};
  for (int i = 0; i < fs->nheld; i++) buf_printf(&tail, "  gt_release(%s);\n", fs->held[i]);
  buf_append(&tail, epilogue);
  leave_frame(e, &tail);
  if (has_ret) buf_printf(&tail, "  return _ret;\n");
  /* C11 puts a statement after a label: an empty one where nothing else comes */
  if (fs->uses_out) buf_printf(&e->defs, tail.len ? "_out:\n" : "_out:;\n");
  buf_append(&e->defs, &tail);
  buf_free(&tail);
  buf_printf(&e->defs, "%s", closing);
}

/* ---- generator functions ----------------------------------------------------
 *
 * A function with yield is a struct, its frame (the generator's header, its
 * parameters, variables and temporaries), and three C functions: the
 * function itself makes a frame holding its arguments and returns it; NAME_next
 * runs the body from the yield it stopped at (the switch at its top jumps to
 * that yield's label) to the next yield or the end; NAME_clear releases what
 * the frame holds, at the end or where the generator is dropped before it.
 * The body's C is the one a function would have, its names read through the
 * frame (`_g->total_`), so that they live from one call of next to the next. */

/* A character of a C identifier: names from the source may be UTF-8. */
static bool ident_char(char ch) { return isalnum((unsigned char)ch) || ch == '_' || (unsigned char)ch >= 0x80; }

/* The name a declaration `  T name = init;` declares, and its field `  T name;`. */
static const char *decl_field(E *e, const char *decl, size_t len, const char **name) {
  size_t end = 0;
  while (end < len && decl[end] != '=' && decl[end] != ';') end++;
  while (end > 0 && decl[end - 1] == ' ') end--;
  size_t start = end;
  while (start > 0 && ident_char(decl[start - 1])) start--;
  *name = fmt(e, "%.*s", (int)(end - start), decl + start);
  return fmt(e, "%.*s;", (int)end, decl);
}

static bool is_frame_name(const char *s, size_t n, const char **names, int count) {
  for (int i = 0; i < count; i++)
    if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return true;
  return false;
}

/* body with each of names read through the frame (`x_` -> `_g->x_`),
 * outside string and character literals and comments, and not as a
 * member (after `.` or `->`). */
static void through_frame(Buf *out, const Buf *body, const char **names, int count) {
  const char *s = body->data ? body->data : "";
  size_t n = body->len, i = 0;
  while (i < n) {
    char ch = s[i];
    size_t j = i + 1;
    if (ch == '"' || ch == '\'') {
      while (j < n && s[j] != ch) j += s[j] == '\\' ? 2 : 1;
      j++;
    } else if (ch == '/' && i + 1 < n && s[i + 1] == '*') {
      const char *close = strstr(s + i + 2, "*/");
      j = close ? (size_t)(close - s) + 2 : n;
    } else if (ident_char(ch)) {
      while (j < n && ident_char(s[j])) j++;
      bool member = (i >= 1 && s[i - 1] == '.') || (i >= 2 && s[i - 2] == '-' && s[i - 1] == '>');
      if (!isdigit((unsigned char)ch) && !member && is_frame_name(s + i, j - i, names, count)) buf_printf(out, "_g->");
    }
    if (j > n) j = n;
    buf_printf(out, "%.*s", (int)(j - i), s + i);
    i = j;
  }
}

static void emit_generator(E *e, Func *f) {
  FnState fs;
  begin_fn(e, &fs, f);
  fs.generator = true;
  for (int i = 0; i < f->nparams; i++)
    if (type_is_ref(f->params[i].ty)) add_slot(e, f->params[i].cname);
  for (Sym *y = f->locals.syms; y; y = y->next) {
    if (y->kind != SYM_LOCAL || y->captured) continue;  /* a captured one: in its environment */
    declare_local(e, y);
    if (y->ty && type_is_ref(y->ty)) add_slot(e, y->cname);
  }
  emit_block(e, f->decl->body);
  const char *frame = c_internal(e->p, fmt(e, "%s_frame", f->cname));
  const char *clear = c_internal(e->p, fmt(e, "%s_clear", f->cname));
  const char *next = c_internal(e->p, fmt(e, "%s_next", f->cname));
  const char *cls = c_internal(e->p, fmt(e, "%s_class", f->cname));
  const char *repr = c_internal(e->p, fmt(e, "%s_repr", f->cname));
  /* the frame: the parameters, then every declaration of the body */
  const char **names = NULL, **refs = NULL;
  int nnames = 0, capnames = 0, nrefs = 0, caprefs = 0;
  buf_printf(&e->defs, "typedef struct %s {\n  gt_gen _gen;\n", frame);
  if (f->closure) {  /* a nested generator function: the environment it reads */
    buf_printf(&e->defs, "  %s_env *_up;\n", f->outer->cname);
    push_name(&names, &nnames, &capnames, "_up");
    push_name(&refs, &nrefs, &caprefs, "_up");
  }
  if (has_env(f)) {  /* its variables that functions nested in it read */
    buf_printf(&e->defs, "  %s_env *_env;\n", f->cname);
    push_name(&names, &nnames, &capnames, "_env");
    push_name(&refs, &nrefs, &caprefs, "_env");
  }
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    const char *ct = q->ty->kind == TY_NONE ? "void *" : ctype(e, q->ty);  /* as signature() */
    buf_printf(&e->defs, "  %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", q->cname);
    push_name(&names, &nnames, &capnames, q->cname);
    if (type_is_ref(q->ty)) push_name(&refs, &nrefs, &caprefs, q->cname);
  }
  for (const char *d = fs.decls.data, *end = d ? d + fs.decls.len : NULL; d && d < end;) {  /* none: NULL */
    const char *nl = memchr(d, '\n', (size_t)(end - d));
    size_t len = nl ? (size_t)(nl - d) : (size_t)(end - d);
    const char *name;
    buf_printf(&e->defs, "%s\n", decl_field(e, d, len, &name));
    push_name(&names, &nnames, &capnames, name);
    d += len + 1;
  }
  buf_printf(&e->defs, "} %s;\n\n", frame);
  /* clear: the references it holds: parameters, variables, loop-long ones */
  for (Sym *y = f->locals.syms; y; y = y->next)
    if (y->kind == SYM_LOCAL && !y->captured && y->ty && type_is_ref(y->ty)) push_name(&refs, &nrefs, &caprefs, y->cname);
  for (int i = 0; i < fs.nheld; i++) push_name(&refs, &nrefs, &caprefs, fs.held[i]);
  buf_printf(&e->defs, "static void %s(gt_obj *o) {\n  %s *_g = (%s *)o;\n", clear, frame, frame);
  for (int i = 0; i < nrefs; i++) buf_printf(&e->defs, "  _g->%s = gt_replace(_g->%s, NULL);\n", refs[i], refs[i]);
  if (!nrefs) buf_printf(&e->defs, "  (void)_g;\n");
  buf_printf(&e->defs, "}\n\n");
  /* repr: CPython's qualname, without the module level's "<main>.<locals>." */
  const char *top = strstr(f->qname, ".<locals>.");
  const char *qualname = f->qname[0] == '<' && top ? top + strlen(".<locals>.") : f->qname;
  buf_printf(&e->defs, "static gt_str *%s(gt_obj *o) { return gt_gen_repr(o, %s); }\n\n", repr, c_quote(e, qualname));
  const char *drop = clear;
  if (f->yields_in_try) {  /* released where it stopped: closed first, its finally blocks and __exit__s run */
    drop = fmt(e, "%s_drop", f->cname);
    buf_printf(&e->defs, "static void %s(gt_obj *o) {\n  gt_gen_close_dropped((gt_gen *)o);\n  %s(o);\n}\n\n", drop,
               clear);
  }
  buf_printf(&e->defs, "static const gt_class %s = {.name = \"generator\", .drop = %s, .repr = %s};\n\n", cls, drop,
             repr);
  /* next: to the yield it stopped at, then the body to the next yield */
  /* (void): a body that keeps nothing in the frame does not read _g */
  buf_printf(&e->defs, "static bool %s(gt_gen *_gen, gt_val *_item) {\n  %s *_g = (%s *)_gen;\n  (void)_g;\n", next, frame,
             frame);
  enter_frame(e, f, "_g->");
  buf_printf(&e->defs, "  switch (_gen->state) {\n");
  for (int k = 1; k <= fs.nyields; k++) buf_printf(&e->defs, "  case %d: goto _yield%d;\n", k, k);
  buf_printf(&e->defs, "  default: break;\n  }\n");
  through_frame(&e->defs, &fs.body, names, nnames);
  if (fs.uses_out) buf_printf(&e->defs, "_out:\n");  /* a return; the body's end comes here too */
  buf_printf(&e->defs, "  %s(&_gen->h);\n  _gen->state = -1;\n", clear);
  leave_frame(e, &e->defs);
  buf_printf(&e->defs, "  return false;\n}\n\n");
  /* the function: a frame holding its arguments */
  buf_printf(&e->defs, "%s {\n", signature(e, f));
  buf_printf(&e->defs, "  %s *_g = (%s *)gt_gen_new(sizeof *_g, &%s, %s);\n", frame, frame, cls, next);
  if (f->yields_in_try) buf_printf(&e->defs, "  _g->_gen.resumes_in_try = true;\n");
  buf_printf(&e->defs, "  _g->_gen.item_type = %s;\n", desc(e, f->ret->elem));
  if (f->closure) buf_printf(&e->defs, "  _g->_up = gt_retain(_up);\n");
  if (has_env(f)) buf_printf(&e->defs, "  _g->_env = gt_alloc(sizeof *_g->_env, &%s_env_class);\n", f->cname);
  if (f->env_link) buf_printf(&e->defs, "  _g->_env->_up = gt_retain(_up);\n");
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (q->sym && q->sym->captured)
      buf_printf(&e->defs, "  _g->_env->%s = %s;\n", q->cname, type_is_ref(q->ty) ? fmt(e, "gt_retain(%s)", q->cname) : q->cname);
  }
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (type_is_ref(q->ty)) buf_printf(&e->defs, "  _g->%s = gt_retain(%s);\n", q->cname, q->cname);
    else buf_printf(&e->defs, "  _g->%s = %s;\n", q->cname, q->cname);
  }
  buf_printf(&e->defs, "  return &_g->_gen;\n}\n\n");
  free(names);
  free(refs);
  end_fn(e, &fs);
}

static void emit_autograd_apply(E *e, Func *f);

static void emit_func(E *e, Func *f) {
  if (f->applies) {
    emit_autograd_apply(e, f);
    return;
  }
  if (f->generator) {
    emit_generator(e, f);
    return;
  }
  FnState fs;
  begin_fn(e, &fs, f);
  Buf epi = {0};
  if (has_env(f)) {
    buf_printf(&fs.decls, "  %s_env *_env = gt_alloc(sizeof *_env, &%s_env_class);\n", f->cname, f->cname);
    buf_printf(&epi, "  gt_release(_env);\n");
    add_slot(e, "_env");
  }
  if (f->env_link) line(e, "_env->_up = gt_retain(_up);");
  for (int i = 0; i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (q->sym && q->sym->captured) {  /* a parameter nested functions read: into the environment */
      line(e, "_env->%s = %s;", q->cname, type_is_ref(q->ty) ? fmt(e, "gt_retain(%s)", q->cname) : q->cname);
      continue;
    }
    if (q->sym && !q->sym->read) line(e, "(void)%s;", q->cname);  /* __exit__(self, exc_type, exc, tb) */
    if (type_is_ref(q->ty) && q->sym && q->sym->rebound) {
      /* A parameter that is reassigned must own its value. */
      line(e, "gt_retain(%s);", q->cname);
      buf_printf(&epi, "  gt_release(%s);\n", q->cname);
      add_slot(e, q->cname);
    }
  }
  for (Sym *y = f->locals.syms; y; y = y->next) {
    if (y->kind != SYM_LOCAL) continue;
    if (y->captured) {  /* the environment holds it */
      if (y->bound_cname) buf_printf(&fs.decls, "  bool %s = false;\n", y->bound_cname);
      continue;
    }
    declare_local(e, y);
    if (y->ty && type_is_ref(y->ty)) {
      buf_printf(&epi, "  gt_release(%s);\n", y->cname);
      add_slot(e, y->cname);
    }
  }
  emit_block(e, f->decl->body);
  buf_printf(&e->defs, "%s {\n", signature(e, f));
  finish_body(e, f, &epi, "}\n\n");
  buf_free(&epi);
  end_fn(e, &fs);
}

/* ---- classes ---------------------------------------------------------------- */

/* The fields of k's struct: its bases' first, root first, so that a
 * pointer to it is a pointer to each base's struct too. */
static void struct_fields(E *e, ClassInfo *k) {
  if (k->base) struct_fields(e, k->base);
  for (int i = 0; i < k->nfields; i++) {
    const char *ct = ctype(e, k->fields[i].ty);
    buf_printf(&e->defs, "  %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", k->fields[i].cname);
    if (k->fields[i].late)  /* set by its first store: a method other than __init__ assigns it */
      buf_printf(&e->defs, "  bool %s;\n", late_flag(e, &k->fields[i]));
  }
}

/* A .gtp class deriving Dataset or IterableDataset: a gt_dataset to the runtime. */
static bool is_dataset_class(const ClassInfo *k) {
  return !k->is_extern && (k->protocol == PROTO_DATASET || k->protocol == PROTO_ITERABLE_DATASET);
}

static void emit_class_struct(E *e, ClassInfo *k) {
  /* the header's name starts with '_', which no field's C name does */
  if (k->is_module) buf_printf(&e->defs, "struct %s {\n  gt_module_head _module;\n", k->cname);
  else if (k->protocol == PROTO_EXCEPTION) buf_printf(&e->defs, "struct %s {\n  gt_exc _exc;\n", k->cname);
  else if (is_dataset_class(k)) buf_printf(&e->defs, "struct %s {\n  gt_dataset_head _dataset;\n", k->cname);
  else buf_printf(&e->defs, "struct %s {\n  gt_obj _obj;\n", k->cname);
  if (k->layer) buf_printf(&e->defs, "  gt_module *_layer;  /* the %s it derives */\n", k->layer->name);
  struct_fields(e, k);
  buf_printf(&e->defs, "};\n\n");
}

/* The C function a call of method f on an object runs: f's dispatcher
 * where a derived class overrides f (check.c), else f. */
const char *method_cname(const Func *f) { return f->dispatch_cname ? f->dispatch_cname : f->cname; }

/* Does a .gtp class of the program derive k? Then an object k's type
 * holds may be of that class, with its own str and repr slots. */
bool is_derived(Program *p, const ClassInfo *k) {
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next)
      if (d != k && d->base && class_derives(d, k)) return true;
  return false;
}

/* The run-time class object of a .gtp class. */
const char *class_object(E *e, const ClassInfo *k) {
  return fmt(e, k->is_module || is_dataset_class(k) ? "&%s_def.cls" : "&%s_class", k->cname);
}

/* Does the program make instances of k or of a class deriving it (reach's
 * records)? Then k has a class object: isinstance and the bases' chain
 * of its derived classes name it; so does a class taken as a value. */
bool has_instances(Program *p, const ClassInfo *k) {
  if (k->as_value) return true;  /* a value of type `type` may be it */
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next)
      if (d->constructed && class_is_a(d, k)) return true;
  return false;
}

/* Is module a written after module b (p->modules' order)? */
static bool module_after(const Program *p, const Module *a, const Module *b) {
  for (const Module *m = p->modules; m; m = m->next) {
    if (m == a) return false;
    if (m == b) return true;
  }
  return false;
}

/* The class object's `base`: a .gtp base's class object, a built-in
 * exception class's (gtorch_exc.h), or NULL. A base whose module is
 * written later (torch.cuda.amp's autocast deriving torch's, imported
 * while torch is initialised) is declared ahead. */
static const char *base_object(E *e, const ClassInfo *k) {
  const ClassInfo *b = k->base;
  if (b && b->is_extern && b->protocol == PROTO_EXCEPTION) return fmt(e, "&%s_class", b->cname);
  if (!b || b->is_extern) return "NULL";
  if (module_after(e->p, b->mod, k->mod))
    buf_printf(&e->protos, "static const %s %s_%s;\n",
               b->is_module ? "gt_module_def" : is_dataset_class(b) ? "gt_dataset_def" : "gt_class", b->cname,
               b->is_module || is_dataset_class(b) ? "def" : "class");
  return class_object(e, b);
}

/* The class object's `generic_of`: for an instance class of a generic
 * class (Box[int]), the generic class's class object; else NULL. Written
 * out, as every field is: the C compiler's -Wextra asks for each. */
static const char *generic_object(E *e, const ClassInfo *k) {
  return k->generic_of ? class_object(e, k->generic_of) : "NULL";
}

/* A function of `gt_obj *` (a runtime slot) calling method f of k: f's self is
 * k's struct or a base's. */
static const char *self_of(E *e, Func *f, const char *o) { return fmt(e, "(%s)%s", ctype(e, f->params[0].ty), o); }

/* __eq__ / __lt__ taking an instance of the class itself, for containers:
 * `x in xs`, `xs == ys`, sorted(xs) (ClassInfo.eq and lt). The other
 * object may be of another class of the container's type: where the
 * parameter's class has derived ones, one of another class is not equal,
 * and not ordered (Python's TypeError). */
static const char *comparison_thunk(E *e, ClassInfo *k, Func *f, const char *slot) {
  if (!f) return "NULL";
  ClassInfo *of = f->params[1].ty->cls;
  const char *call = fmt(e, "%s(%s, (%s)b)", f->cname, self_of(e, f, "a"), ctype(e, f->params[1].ty));
  buf_printf(&e->defs, "static bool %s_%s(gt_obj *a, gt_obj *b) {\n", k->cname, slot);
  if (of->base && !of->base->is_extern && strcmp(slot, "eq") == 0)
    buf_printf(&e->defs, "  if (!gt_is_subclass(b->cls, %s)) return false;\n", class_object(e, of));
  else if (of->base && !of->base->is_extern)
    buf_printf(&e->defs, "  if (!gt_is_subclass(b->cls, %s))\n    gt_fail(\"TypeError: '<' not supported between "
               "instances of '%%s' and '%%s'\", a->cls->name, b->cls->name);\n", class_object(e, of));
  buf_printf(&e->defs, "  return %s;\n}\n\n", call);
  return fmt(e, "%s_%s", k->cname, slot);
}

/* Is t a module: an nn.Module subclass, or a built-in module? */
bool is_module_type(const Type *t) {
  return t->kind == TY_CLASS && t->cls->protocol == PROTO_MODULE;
}

static bool is_tensor_type(const Type *t) {
  return t->kind == TY_CLASS && t->cls->protocol == PROTO_TENSOR;
}

/* A thunk of an autograd Function's static method f (forward or backward)
 * on boxed values: the runtime passes the ctx and f's other arguments. */
static void emit_autograd_thunk(E *e, ClassInfo *k, Func *f, const char *role) {
  buf_printf(&e->defs, "static gt_obj *%s_%s_thunk(gt_autograd_ctx *ctx, const gt_val *in) {\n", k->cname, role);
  if (f->nparams < 2) buf_printf(&e->defs, "  (void)in;\n");
  buf_printf(&e->defs, "  return (gt_obj *)%s((%s)ctx", f->cname, ctype(e, f->params[0].ty));
  for (int i = 1; i < f->nparams; i++) buf_printf(&e->defs, ", %s", unbox(e, fmt(e, "in[%d]", i - 1), f->params[i].ty));
  buf_printf(&e->defs, ");\n}\n\n");
}

/* K.apply of an autograd Function K (check_autograd.c): the thunks of K's
 * forward and backward, K's gt_autograd_function, and apply's body, the
 * runtime's call given it and the inputs, boxed. */
static void emit_autograd_apply(E *e, Func *f) {
  ClassInfo *k = f->applies;
  emit_autograd_thunk(e, k, k->autograd_forward, "forward");
  emit_autograd_thunk(e, k, k->autograd_backward, "backward");
  buf_printf(&e->defs, "static const bool %s_tensor_inputs[] = {", k->cname);
  for (int i = 0; i < f->nparams; i++) {
    const Type *t = f->params[i].ty;
    buf_printf(&e->defs, "%s%s", i ? ", " : "", is_tensor_type(t->kind == TY_OPTIONAL ? t->elem : t) ? "true" : "false");
  }
  buf_printf(&e->defs, "%s};\n", f->nparams ? "" : "false");
  buf_printf(&e->defs, "static const gt_autograd_function %s_function = {%s, %d, %s_tensor_inputs, %s, %s_forward_thunk, "
             "%s_backward_thunk};\n\n", k->cname, c_quote(e, k->name), f->nparams, k->cname,
             f->ret->kind == TY_TUPLE ? "true" : "false", k->cname, k->cname);
  buf_printf(&e->defs, "%s {\n  /* forward run with gradients off; a node whose backward is %s.backward */\n", signature(e, f),
             k->name);
  Buf in = {0};
  for (int i = 0; i < f->nparams; i++) buf_printf(&in, "%s%s", i ? ", " : "", box(e, f->params[i].cname, f->params[i].ty));
  buf_printf(&e->defs, "  return (%s)gt_ok(%s(&%s_function, %s));\n}\n\n", ctype(e, f->ret), f->apply_entry->cname,
             k->cname, f->nparams ? fmt(e, "(gt_val[]){%s}", in.data) : "NULL");
  buf_free(&in);
}

/* The fields of k's struct, a base's too. */
static int field_count(const ClassInfo *k) {
  return k && !k->is_extern ? k->nfields + field_count(k->base) : 0;
}

static int fields_of(ClassInfo *k, Field **out) {
  int n = k->base && !k->base->is_extern ? fields_of(k->base, out) : 0;
  for (int i = 0; i < k->nfields; i++) out[n++] = &k->fields[i];
  return n;
}

static int by_order(const void *a, const void *b) {
  int x = (*(Field *const *)a)->order, y = (*(Field *const *)b)->order;
  return (x > y) - (x < y);
}

/* The visit of a model's union field with module members (`self.rnn:
 * nn.LSTM | nn.GRU`): the module it holds, as PyTorch registers whichever
 * is assigned; nothing while it holds another member, or None. */
static void visit_union_field(E *e, const Field *f, Type *u, Buf *out) {
  Buf test = {0};
  int modules = 0;
  for (int i = 0; i < u->nitems; i++) {
    if (!is_module_type(u->items[i])) continue;
    buf_printf(&test, "%sgt_union_type(self->%s) == %s", modules++ ? " || " : "", f->cname, union_desc(e, u->items[i]));
  }
  const char *holds = modules == u->nitems ? fmt(e, "self->%s", f->cname)
                                            : fmt(e, "self->%s && (%s)", f->cname, test.data);
  if (modules)
    buf_printf(out, "  visit(ctx, %s, (gt_obj *)(%s ? gt_union_object(self->%s) : NULL), true);\n", c_quote(e, f->name),
               holds, f->cname);
  buf_free(&test);
}

/* The visits of a model's tensor and module fields, a base's too, in the
 * order its __init__ chain assigns them (Field.order: a base's first where
 * super().__init__() comes first), which PyTorch registers them in. An
 * Optional one (`self.downsample = downsample`, None or a module) is
 * visited too: the runtime skips it while it holds None, as PyTorch keeps
 * a None attribute out of its modules. */
static void visit_fields(E *e, ClassInfo *k, Buf *out) {
  int n = field_count(k);
  Field **fields = malloc((n ? n : 1) * sizeof *fields);
  if (!fields) abort();
  fields_of(k, fields);
  qsort(fields, n, sizeof *fields, by_order);
  for (int i = 0; i < n; i++) {
    Type *t = fields[i]->ty;
    if (t->kind == TY_OPTIONAL) t = t->elem;
    if (t->kind == TY_UNION) {
      visit_union_field(e, fields[i], t, out);
      continue;
    }
    bool module = is_module_type(t);
    if (!module && !is_tensor_type(t)) continue;
    static const char *const buffer[] = {"false", "GT_VISIT_BUFFER", "GT_VISIT_TRANSIENT_BUFFER"};
    buf_printf(out, "  visit(ctx, %s, (gt_obj *)self->%s, %s);\n", c_quote(e, fields[i]->name), fields[i]->cname,
               module ? "true" : buffer[fields[i]->buffer]);
  }
  free(fields);
}

/* Releases of the reference fields of k's struct, a base's too; false if none. */
static bool release_fields(E *e, ClassInfo *k) {
  bool any = k->base && !k->base->is_extern && release_fields(e, k->base);
  for (int i = 0; i < k->nfields; i++)
    if (type_is_ref(k->fields[i].ty)) {
      buf_printf(&e->defs, "  gt_release(self->%s);\n", k->fields[i].cname);
      any = true;
    }
  return any;
}

/* The entries of the layout of struct `in` for k's fields, a base's first. */
static int layout_fields(E *e, ClassInfo *k, const char *in, Buf *out) {
  int n = k->base && !k->base->is_extern ? layout_fields(e, k->base, in, out) : 0;
  for (int i = 0; i < k->nfields; i++)
    buf_printf(out, "  {%s, offsetof(%s, %s), %s},\n", c_quote(e, k->fields[i].name), in, k->fields[i].cname,
               desc(e, k->fields[i].ty));
  return n + k->nfields;
}

/* What copy.copy and copy.deepcopy walk of an instance (gt_layout): the
 * struct's size and its fields with their types. An enum member is its own
 * copy, as in Python; an exception's or a dataset's head holds what no
 * layout describes, so they have none (the copy is a TypeError). */
static const char *emit_layout(E *e, ClassInfo *k) {
  if (k->protocol == PROTO_ENUM) return "&gt_layout_atomic";
  if (k->protocol == PROTO_EXCEPTION || is_dataset_class(k)) return "NULL";
  Buf list = {0};
  int n = layout_fields(e, k, k->cname, &list);
  if (k->layer) {
    buf_printf(&list, "  {NULL, offsetof(%s, _layer), &gt_t_obj},\n", k->cname);
    n++;
  }
  const char *fields = "NULL";
  if (n) {
    buf_printf(&e->defs, "static const gt_field %s_layout_fields[] = {\n%s};\n", k->cname, list.data);
    fields = fmt(e, "%s_layout_fields", k->cname);
  }
  buf_printf(&e->defs, "static const gt_layout %s_layout = {sizeof(%s), %d, %s};\n\n", k->cname, k->cname, n, fields);
  buf_free(&list);
  return fmt(e, "&%s_layout", k->cname);
}

/* model(a, b) of a value typed nn.Module: the runtime calls this with the
 * inputs, which must be as many as forward takes (Python's TypeError). */
static void emit_forward_n_thunk(E *e, ClassInfo *k, Func *f) {
  int n = f->nparams - 1;
  buf_printf(&e->defs, "static gt_tensor *%s_forward_n_thunk(gt_obj *self, gt_tensor *const *in, int64_t n) {\n",
             k->cname);
  buf_printf(&e->defs, "  static const char *const names[] = {");
  for (int i = 0; i < n; i++) buf_printf(&e->defs, "%s%s", i ? ", " : "", c_quote(e, f->params[i + 1].name));
  buf_printf(&e->defs, "};\n  gt_positional_check(%s, names, %d, n);\n", c_quote(e, f->qname), n);
  buf_printf(&e->defs, "  return %s(%s", f->cname, self_of(e, f, "self"));
  for (int i = 0; i < n; i++) buf_printf(&e->defs, ", in[%d]", i);
  buf_printf(&e->defs, ");\n}\n\n");
}

/* What the runtime needs to treat an nn.Module subclass as a module: its
 * forward as a (Tensor) -> Tensor function, and its tensor and module
 * fields in order, from which it derives parameters() and state_dict(). */
static void emit_module_thunks(E *e, ClassInfo *k, const char **forward, const char **fields) {
  Func *f = k->forward;
  *forward = "NULL";
  if (f) {
    buf_printf(&e->defs, "static gt_tensor *%s_forward_thunk(gt_obj *self, gt_tensor *input) {\n", k->cname);
    buf_printf(&e->defs, "  return %s(%s, input);\n}\n\n", f->cname, self_of(e, f, "self"));
    *forward = fmt(e, "%s_forward_thunk", k->cname);
  }
  if (k->forward_n) emit_forward_n_thunk(e, k, k->forward_n);
  if (k->extra_repr) {
    buf_printf(&e->defs, "static gt_str *%s_extra_repr_thunk(gt_obj *self) {\n", k->cname);
    buf_printf(&e->defs, "  return %s(%s);\n}\n\n", k->extra_repr->cname, self_of(e, k->extra_repr, "self"));
  }
  Buf visits = {0};  /* none: no fields function (a model of lists and numbers only) */
  if (k->layer) buf_printf(&visits, "  visit(ctx, NULL, (gt_obj *)self->_layer, true);\n");
  visit_fields(e, k, &visits);
  *fields = "NULL";
  if (visits.len) {
    buf_printf(&e->defs, "static void %s_fields(gt_obj *o, gt_module_visit visit, void *ctx) {\n", k->cname);
    buf_printf(&e->defs, "  %s *self = (%s *)o;\n%s}\n\n", k->cname, k->cname, visits.data);
    *fields = fmt(e, "%s_fields", k->cname);
  }
  buf_free(&visits);
}

/* The class object of a class that only other classes' instances derive:
 * what isinstance and their bases' chain name. */
static void emit_base_class_object(E *e, ClassInfo *k) {
  if (k->is_module)
    buf_printf(&e->defs, "static const gt_module_def %s_def = {{%s, NULL, NULL, NULL, NULL, NULL, %s, %s, NULL}, NULL, NULL};\n\n",
               k->cname, c_quote(e, k->name), base_object(e, k), generic_object(e, k));
  else if (is_dataset_class(k))
    buf_printf(&e->defs, "static const gt_dataset_def %s_def = {{%s, NULL, NULL, NULL, NULL, NULL, %s, %s, NULL}, NULL, NULL, NULL};\n\n",
               k->cname, c_quote(e, k->name), base_object(e, k), generic_object(e, k));
  else
    buf_printf(&e->defs, "static const gt_class %s_class = {%s, NULL, NULL, NULL, NULL, NULL, %s, %s, NULL};\n\n", k->cname,
               c_quote(e, k->name), base_object(e, k), generic_object(e, k));
}

/* The step of the generator that iterates an iterator class's instance
 * (gt_iter_object): its __next__'s value, boxed. */
static void emit_next_item(E *e, ClassInfo *k) {
  Func *f = class_method(k, "__next__");
  const char *call = fmt(e, "%s(%s)", method_cname(f), self_of(e, f, "o"));
  buf_printf(&e->defs, "static gt_val %s_next_item(gt_obj *o) { return %s; }\n\n", k->cname, box(e, call, f->ret));
}

/* What a DataLoader calls of a .gtp IterableDataset: its __iter__ (a
 * generator, or the generator of its iterator object's __next__ values). */
static void emit_dataset_iter(E *e, ClassInfo *k) {
  const char *call = fmt(e, "%s(%s)", method_cname(k->dataset_iter), self_of(e, k->dataset_iter, "o"));
  if (k->dataset_next)
    call = fmt(e, "gt_iter_object((gt_obj *)%s, %s_next_item)", call, k->dataset_next->cls->cname);
  buf_printf(&e->defs, "static gt_gen *%s_iter(gt_obj *o) { return %s; }\n\n", k->cname, call);
}

/* What a DataLoader calls of a .gtp Dataset: its __len__ and __getitem__,
 * or an IterableDataset's __iter__ and __len__ (if it has one). */
static void emit_dataset_def(E *e, ClassInfo *k, const char *slots) {
  if (k->dataset_len)
    buf_printf(&e->defs, "static int64_t %s_len(gt_obj *o) { return %s(%s); }\n\n", k->cname,
               method_cname(k->dataset_len), self_of(e, k->dataset_len, "o"));
  if (k->dataset_item)
    buf_printf(&e->defs, "static gt_obj *%s_getitem(gt_obj *o, int64_t i) { return (gt_obj *)%s(%s, i); }\n\n",
               k->cname, method_cname(k->dataset_item), self_of(e, k->dataset_item, "o"));
  if (k->dataset_iter) emit_dataset_iter(e, k);
  const char *len = k->dataset_len ? fmt(e, "%s_len", k->cname) : "NULL";
  if (k->dataset_iter)
    buf_printf(&e->defs, "static const gt_dataset_def %s_def = {{%s}, %s, NULL, %s_iter};\n\n", k->cname, slots, len,
               k->cname);
  else
    buf_printf(&e->defs, "static const gt_dataset_def %s_def = {{%s}, %s, %s_getitem, NULL};\n\n", k->cname, slots, len,
               k->cname);
}

/* K_new(...), the constructor of k that `init` (an instance of a union
 * __init__, or k's own or a base's, or none) makes: allocate, then __init__. */
static void emit_ctor(E *e, ClassInfo *k, Func *init, const char *cls, bool exc) {
  Buf sig = {0};
  buf_printf(&sig, "static %s *%s(", k->cname, ctor_cname(e, k, init));
  int np = init ? init->nparams : 1;
  for (int i = 1; i < np; i++) {
    const char *ct = init->params[i].ty->kind == TY_NONE ? "void *" : ctype(e, init->params[i].ty);
    buf_printf(&sig, "%s%s%s%s", i > 1 ? ", " : "", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", init->params[i].cname);
  }
  if (!init && exc) buf_printf(&sig, "gt_str *msg, gt_str *arg_repr");  /* the built-in base's one argument */
  else if (!init && k->layer) buf_printf(&sig, "gt_module *layer");     /* made by the caller, with its arguments */
  else if (np <= 1) buf_printf(&sig, "void");
  buf_printf(&sig, ")");
  buf_printf(&e->protos, "%s;\n", sig.data);
  buf_printf(&e->defs, "%s {\n  %s *self = gt_alloc(sizeof(%s), %s);\n", sig.data, k->cname, k->cname, cls);
  if (k->is_module) buf_printf(&e->defs, "  gt_module_head_init(&self->_module);\n");
  if (!init && exc) buf_printf(&e->defs, "  gt_exc_set_arg(&self->_exc, msg, arg_repr);\n");
  if (!init && k->layer) buf_printf(&e->defs, "  self->_layer = layer;\n");
  /* where the program catches exceptions, one __init__ raises leaves the object to the unwinding to release */
  bool held = init && e->p->has_try;
  if (held)
    buf_printf(&e->defs, "  gt_holdings _holdings = {.slots = (volatile void *const[]){&self}, .nslots = 1};\n"
                         "  gt_enter_holdings(&_holdings);\n");
  if (init) {  /* a base's __init__ where k has none */
    buf_printf(&e->defs, "  %s(%s", init->cname, coerce(e, "self", k->ty, init->params[0].ty));
    for (int i = 1; i < np; i++) buf_printf(&e->defs, ", %s", init->params[i].cname);
    buf_printf(&e->defs, ");\n");
  }
  if (held) buf_printf(&e->defs, "  gt_leave_holdings(&_holdings);\n");
  buf_printf(&e->defs, "  return self;\n}\n\n");
  buf_free(&sig);
}

/* The C name of k's constructor by `init`: K_new, and for an instance of a
 * union __init__ its types' names after it (K_new_float_). */
const char *ctor_cname(E *e, ClassInfo *k, Func *init) {
  if (!init || !init->generic_of) return fmt(e, "%s_new", k->cname);
  size_t stem = strlen(init->generic_of->cname);
  bool tail = strncmp(init->cname, init->generic_of->cname, stem) == 0;
  const char *types = tail ? init->cname + stem : init->cname;
  return fmt(e, "%s_new%s%s", k->cname, types[0] == '_' ? "" : "_", types);
}

static void emit_class_runtime(E *e, ClassInfo *k) {
  if (k->next_items) emit_next_item(e, k);
  if (!k->constructed) {
    emit_base_class_object(e, k);
    return;
  }
  bool exc = k->protocol == PROTO_EXCEPTION;
  buf_printf(&e->defs, "static void %s_drop(gt_obj *o) {\n", k->cname);
  buf_printf(&e->defs, "  %s *self = (%s *)o;\n", k->cname, k->cname);
  if (exc) buf_printf(&e->defs, "  gt_exc_drop(o);\n");
  if (is_dataset_class(k)) buf_printf(&e->defs, "  gt_dataset_head_drop(&self->_dataset);\n");
  if (k->layer) buf_printf(&e->defs, "  gt_release(self->_layer);\n");
  if (!release_fields(e, k) && !is_dataset_class(k) && !k->layer) buf_printf(&e->defs, "  (void)self;\n");
  buf_printf(&e->defs, "}\n\n");
  /* an exception's str is its message and its repr `MyError('message')` */
  const char *str = exc ? "gt_exc_str" : "NULL", *repr = exc ? "gt_exc_repr" : "NULL";
  if (k->str) {
    buf_printf(&e->defs, "static gt_str *%s_str(gt_obj *o) { return %s(%s); }\n\n", k->cname, k->str->cname,
               self_of(e, k->str, "o"));
    str = fmt(e, "%s_str", k->cname);
  }
  if (k->repr) {
    buf_printf(&e->defs, "static gt_str *%s_repr(gt_obj *o) { return %s(%s); }\n\n", k->cname, k->repr->cname,
               self_of(e, k->repr, "o"));
    repr = fmt(e, "%s_repr", k->cname);
  }
  const char *eq = comparison_thunk(e, k, k->eq, "eq");
  const char *lt = comparison_thunk(e, k, k->lt, "lt");
  const char *layout = emit_layout(e, k);
  if (k->is_module) {
    const char *forward, *fields;
    emit_module_thunks(e, k, &forward, &fields);
    if (!k->str && !k->repr) repr = "gt_module_repr_obj";  /* print(net) as PyTorch */
    const char *forward_n = k->forward_n ? fmt(e, "%s_forward_n_thunk", k->cname) : "NULL";
    const char *extra = k->extra_repr ? fmt(e, "%s_extra_repr_thunk", k->cname) : "NULL";
    buf_printf(&e->defs, "static const gt_module_def %s_def = {{%s, %s_drop, %s, %s, %s, %s, %s, %s, %s}, %s, %s, %s, %s};\n\n",
               k->cname, c_quote(e, k->name), k->cname, str, repr, eq, lt, base_object(e, k), generic_object(e, k),
               layout, forward, fields, forward_n, extra);
  } else if (is_dataset_class(k)) {
    emit_dataset_def(e, k, fmt(e, "%s, %s_drop, %s, %s, %s, %s, %s, %s, %s", c_quote(e, k->name), k->cname, str, repr, eq,
                               lt, base_object(e, k), generic_object(e, k), layout));
  } else {
    buf_printf(&e->defs, "static const gt_class %s_class = {%s, %s_drop, %s, %s, %s, %s, %s, %s, %s};\n\n", k->cname,
               c_quote(e, k->name), k->cname, str, repr, eq, lt, base_object(e, k), generic_object(e, k), layout);
  }
  const char *cls = class_object(e, k);
  if (k->init && k->init->ntvars) {  /* a union __init__: a constructor per instance a call made */
    for (CtorUse *u = k->ctors; u; u = u->next) emit_ctor(e, k, u->init, cls, exc);
  } else {
    emit_ctor(e, k, k->init, cls, exc);
  }
}

/* ---- dispatch ------------------------------------------------------------ */

/* f's dispatcher's: f's parameters, after the object whose class picks
 * the method where f is a @staticmethod or @classmethod (`self.helper()`). */
static const char *dispatcher_signature(E *e, Func *f) {
  return signature_led(e, f, f->dispatch_cname, f->is_static ? "gt_obj *self" : NULL);
}

/* One case of a dispatcher: the call of impl (d's own or nearest method);
 * a @staticmethod's or @classmethod's takes no object (it only picks). */
static void dispatch_call(E *e, Func *f, Func *impl, const char *indent) {
  Buf b = {0};
  int first = f->is_static ? 0 : 1;
  buf_printf(&b, "%s(", impl->cname);
  if (!f->is_static) buf_printf(&b, "%s", coerce(e, f->params[0].cname, f->params[0].ty, impl->params[0].ty));
  for (int i = first; i < f->nparams; i++) buf_printf(&b, "%s%s", i ? ", " : "", f->params[i].cname);
  buf_printf(&b, ")");
  if (f->ret->kind == TY_NONE) buf_printf(&e->defs, "%s{\n%s  %s;\n%s  return;\n%s}\n", indent, indent, b.data, indent, indent);
  else buf_printf(&e->defs, "%sreturn %s;\n", indent, coerce(e, b.data, impl->ret, f->ret));
  buf_free(&b);
}

/* Method f of a class that derived classes override: the function that
 * calls the method of the object's own class (Python's attribute look-up
 * on the instance), for every class the program makes instances of. */
static void emit_dispatcher(E *e, Func *f) {
  const ClassInfo *own = f->is_static ? f->static_of : f->cls;
  buf_printf(&e->defs, "/* %s, or the override of the object's class */\n%s {\n", f->qname, dispatcher_signature(e, f));
  buf_printf(&e->defs, "  const gt_class *cls = ((gt_obj *)%s)->cls;\n", f->is_static ? "self" : f->params[0].cname);
  for (Module *m = e->p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next) {
      Func *impl = d->constructed && d != own && class_derives(d, own) ? method_run_for(d, f) : NULL;
      if (!impl || impl == f) continue;
      buf_printf(&e->defs, "  if (cls == %s)\n", class_object(e, d));
      dispatch_call(e, f, impl, "    ");
    }
  dispatch_call(e, f, f, "  ");
  buf_printf(&e->defs, "}\n\n");
}

/* Class attribute y (`Block.expansion`) read through an object: the
 * attribute of the object's class, the nearest that assigns it (Python's
 * look-up), for every class deriving y's that the program makes instances
 * of and that assigns it again. */
static const char *attr_dispatcher_signature(E *e, const Sym *y) {
  const char *ct = ctype(e, y->ty);
  return fmt(e, "static %s%s%s(gt_obj *self)", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", y->dispatch_cname);
}

static void emit_attr_dispatcher(E *e, const Sym *y) {
  const char *name = strchr(y->name, '.') + 1;
  buf_printf(&e->defs, "/* %s, or the class attribute of the object's class */\n%s {\n", y->name,
             attr_dispatcher_signature(e, y));
  buf_printf(&e->defs, "  const gt_class *cls = self->cls;\n");
  for (Module *m = e->p->modules; m; m = m->next)
    for (ClassInfo *d = m->classes; d; d = d->next) {
      Sym *own = d->constructed && d != y->cls && class_derives(d, y->cls) ? class_attr(d, name) : NULL;
      if (own && own != y)
        buf_printf(&e->defs, "  if (cls == %s)\n    return %s;\n", class_object(e, d), coerce(e, own->cname, own->ty, y->ty));
    }
  buf_printf(&e->defs, "  return %s;\n}\n\n", y->cname);
}

static bool attr_dispatched(const Sym *y) { return y->kind == SYM_GLOBAL && y->dispatch_cname && y->dispatch_used; }

/* ---- modules and the program ---------------------------------------------- */

static void emit_globals(E *e, Module *m, Buf *out) {
  for (Sym *y = m->globals.syms; y; y = y->next) {
    if (y->kind != SYM_GLOBAL || y->target || !y->ty) continue;
    if (y->bound_cname) buf_printf(out, "static bool %s;\n", y->bound_cname);
    const char *ct = ctype(e, y->ty);
    buf_printf(out, "static %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", y->cname);
  }
}

static void release_globals(Module *m, Buf *out) {
  for (Sym *y = m->globals.syms; y; y = y->next)
    if (y->kind == SYM_GLOBAL && !y->target && y->ty && type_is_ref(y->ty))
      buf_printf(out, "  gt_release(%s);\n", y->cname);
}

/* A class of a module other than the main one names it where a class
 * object prints (`<class 'collections.Counter'>`, `<class
 * 'models.Net'>`): the objects of those a class value or type(x) may
 * show are made first, in their modules (the runtime's, gt_classobj_in). */
static void name_class_modules(E *e) {
  for (Module *m = e->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k && !m->is_main; k = k->next) {
      bool shown = k->as_value || (e->p->reads_classes && has_instances(e->p, k));
      if (!k->is_extern && !k->generic_of && shown)
        buf_printf(&e->defs, "  gt_classobj_in(%s, %s);\n", class_object(e, k), c_quote(e, m->name));
    }
}

/* The globals that keep f's defaults (Param.kept), where f is used. */
static void kept_defaults(E *e, Func *f, Buf *out, Buf *cleanup) {
  for (int i = 0; f->used && i < f->nparams; i++) {
    Param *q = &f->params[i];
    if (!q->kept) continue;
    const char *ct = ctype(e, q->ty);
    buf_printf(out, "static %s%s%s;\n", ct, ct[strlen(ct) - 1] == '*' ? "" : " ", q->kept);
    if (type_is_ref(q->ty)) buf_printf(cleanup, "  gt_release(%s);\n", q->kept);
  }
}

static void module_kept_defaults(E *e, Module *m, Buf *out, Buf *cleanup) {
  for (Func *f = m->funcs; f; f = f->next) kept_defaults(e, f, out, cleanup);
  for (ClassInfo *k = m->classes; k; k = k->next)
    for (Func *f = k->methods; f; f = f->next) kept_defaults(e, f, out, cleanup);
}

static void emit_module_init(E *e, Module *m, Buf *cleanup) {
  Func *f = m->init;
  FnState fs;
  begin_fn(e, &fs, f);
  emit_block(e, m->ast->body);
  if (m->is_main) {
    buf_printf(&e->defs, "int main(int argc, char **argv) {\n  gt_init(argc, argv);\n");
    name_class_modules(e);
    finish_body(e, f, cleanup, "  gt_exit(0);\n}\n");
  } else {
    buf_printf(&e->protos, "static void %s(void);\n", f->cname);
    buf_printf(&e->defs, "static void %s(void) {\n  static bool done;\n  if (done) return;\n  done = true;\n", f->cname);
    Buf none = {0};
    finish_body(e, f, &none, "}\n\n");
  }
  end_fn(e, &fs);
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

/* Does `name` occur in text as a whole C identifier? */
static bool names_identifier(const char *text, const char *name) {
  size_t n = strlen(name);
  for (const char *s = text ? strstr(text, name) : NULL; s; s = strstr(s + 1, name)) {
    bool starts = s == text || !(isalnum((unsigned char)s[-1]) || s[-1] == '_');
    bool ends = !(isalnum((unsigned char)s[n]) || s[n] == '_');
    if (starts && ends) return true;
  }
  return false;
}

/* The struct of each .gtp class, written where the rest of the C names it
 * (or a struct written does): the classes of an imported stdlib module
 * that the program never uses (lr_scheduler's, a Subset) would be dead
 * code in every program importing it. */
typedef struct ClassStruct {
  ClassInfo *k;
  Buf def;
  bool named;
} ClassStruct;

/* Each class's struct, in the order of the modules and classes. */
static ClassStruct *class_structs(E *e, int *count) {
  int n = 0;
  for (Module *m = e->p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next) n += !k->is_extern;
  ClassStruct *cs = calloc(n ? n : 1, sizeof *cs);
  int i = 0;
  for (Module *m = e->p->modules; m; m = m->next) {
    e->m = m;
    for (ClassInfo *k = m->classes; k; k = k->next) {
      if (k->is_extern) continue;
      Buf saved = e->defs;
      e->defs = (Buf){0};
      emit_class_struct(e, k);
      cs[i].k = k;
      cs[i++].def = e->defs;
      e->defs = saved;
    }
  }
  *count = n;
  return cs;
}

/* Writes the structs that the rest of the C names, or that a struct
 * written names (the classes of its fields), and frees them all. */
static void write_structs(Buf *structs, ClassStruct *cs, int n, const Buf *const *rest, int nrest) {
  for (bool grew = true; grew;) {
    grew = false;
    for (int i = 0; i < n; i++) {
      bool named = cs[i].named;
      for (int r = 0; r < nrest && !named; r++) named = names_identifier(rest[r]->data, cs[i].k->cname);
      for (int j = 0; j < n && !named; j++) named = cs[j].named && names_identifier(cs[j].def.data, cs[i].k->cname);
      grew |= named && !cs[i].named;
      cs[i].named = named;
    }
  }
  for (int i = 0; i < n; i++)
    if (cs[i].named) buf_printf(structs, "typedef struct %s %s;\n", cs[i].k->cname, cs[i].k->cname);
  for (int i = 0; i < n; i++) {
    if (cs[i].named) buf_append(structs, &cs[i].def);
    buf_free(&cs[i].def);
  }
  free(cs);
}

void emit_program(Program *p, FILE *out, const EmitOptions *opt) {
  E e = {.p = p, .opt = opt};
  Buf structs = {0}, globals = {0}, cleanup = {0};
  for (Module *m = p->modules; m; m = m->next) {
    emit_globals(&e, m, &globals);
    release_globals(m, &cleanup);
    module_kept_defaults(&e, m, &globals, &cleanup);
  }
  int nstructs;
  ClassStruct *cs = class_structs(&e, &nstructs);
  for (Module *m = p->modules; m; m = m->next) {
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next)
        if (f->used && has_env(f)) emit_env(&e, f);
    for (Func *f = m->funcs; f; f = f->next)
      if (f->used && has_env(f)) emit_env(&e, f);
  }
  for (Module *m = p->modules; m; m = m->next) {
    e.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next) {
      for (Func *f = k->methods; f; f = f->next) {
        if (!f->is_extern && f->used) buf_printf(&e.protos, "%s;\n", signature(&e, f));
        if (!f->is_extern && f->used && f->dispatch_cname)
          buf_printf(&e.protos, "%s;\n", dispatcher_signature(&e, f));
      }
      if (!k->is_extern && has_instances(p, k)) emit_class_runtime(&e, k);
    }
    for (Func *f = m->funcs; f; f = f->next) {
      if (!f->is_extern && f->used) buf_printf(&e.protos, "%s;\n", signature(&e, f));
      if (!f->is_extern && f->used && f->dispatch_cname)  /* an instance of a method taking unions */
        buf_printf(&e.protos, "%s;\n", dispatcher_signature(&e, f));
    }
    for (Sym *y = m->globals.syms; y; y = y->next)
      if (attr_dispatched(y)) buf_printf(&e.protos, "%s;\n", attr_dispatcher_signature(&e, y));
  }
  for (Module *m = p->modules; m; m = m->next)
    for (Func *f = m->funcs; f; f = f->next)
      if (f->used && f->as_value) emit_fn_value(&e, f);
  for (Module *m = p->modules; m; m = m->next) {
    e.m = m;
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (Func *f = k->methods; f; f = f->next) {
        if (!f->is_extern && f->used) emit_func(&e, f);
        if (!f->is_extern && f->used && f->dispatch_cname) emit_dispatcher(&e, f);
      }
    for (Func *f = m->funcs; f; f = f->next) {
      if (!f->is_extern && f->used) emit_func(&e, f);
      if (!f->is_extern && f->used && f->dispatch_cname) emit_dispatcher(&e, f);
    }
    for (Sym *y = m->globals.syms; y; y = y->next)
      if (attr_dispatched(y)) emit_attr_dispatcher(&e, y);
    /* builtins is never imported: it only declares (its exception classes). */
    if (m != p->builtins && !m->quiet) emit_module_init(&e, m, m->is_main ? &cleanup : NULL);
  }
  const Buf *rest[] = {&e.types, &globals, &e.protos, &e.defs};
  write_structs(&structs, cs, nstructs, rest, sizeof rest / sizeof *rest);
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

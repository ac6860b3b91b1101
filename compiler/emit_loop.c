/* emit_loop.c - for and while loops, and the loops of comprehensions.
 *
 * A for loop over one range or sequence is a plain C for loop; enumerate,
 * zip and iterators are walked lazily by cursors. The body comes as a
 * callback (LoopBody), so a comprehension's `for` and a for statement share
 * one way of iterating, which check.c planned (Iter).
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* ---- loops ------------------------------------------------------------------ */

/* name holds a reference the function releases where it returns (and an
 * exception leaving it, as a slot). */
void held_to_end(E *e, const char *name) {
  push_name(&e->f->held, &e->f->nheld, &e->f->capheld, name);
  add_slot(e, name);
}

/* A reference kept for a whole loop or `with` block. gt_replace drops one
 * left by a block that was left early (break, continue) the last time round. */
const char *hold(E *e, Type *t, const char *expr) {
  const char *name = new_temp(e, t);
  line(e, "%s = gt_replace(%s, %s);", name, name, expr);
  held_to_end(e, name);
  return name;
}

void unhold(E *e, const char *name) { line(e, "%s = gt_replace(%s, NULL);", name, name); }

/* Binds one element of the iteration to the target, releasing the
 * statement's temporaries made for it. */
static void bind_elem(E *e, Node *target, Val v) {
  int mark = e->f->npending;
  store(e, target, v);
  flush(e, mark);
}

static void loop_body(E *e, LoopBody body, void *ctx) {
  e->f->indent++;
  e->f->loops++;
  forget_at(e);
  body(e, ctx);
  e->f->loops--;
  e->f->indent--;
  line(e, "}");
  forget_at(e);
}

/* iter.__iter__() as a call node, for a class's iteration. */
static Node *iter_call(E *e, Iter *it) {
  Node *iter = it->expr;
  Node *call = ast_new(e->p->arena, EX_CALL, iter->file, iter->pos, iter->len);
  CallInfo *ci = arena_alloc(e->p->arena, sizeof *ci);
  ci->kind = CALL_METHOD;
  ci->fn = it->iter_fn;
  ci->recv = iter;
  ci->nargs = 1;
  ci->args = arena_alloc(e->p->arena, sizeof *ci->args);
  call->info = ci;
  call->ty = it->iter_fn->ret;
  return call;
}

/* A name that nothing reads: binding it needs no code. */
static bool binds_nothing(const Node *t) {
  return t && t->kind == EX_NAME && unread_number(t->sym);
}

/* ---- cursors: enumerate, zip and iterators, walked lazily ---------------------
 *
 * Each iterable of such a loop gets a cursor, opened before the loop. At the
 * top of every round each cursor in turn breaks out of the loop when it is
 * exhausted (zip stops at its shortest iterable, as Python's, without taking
 * an element from the later ones); then the elements are bound to the
 * targets; then every cursor steps. */

typedef struct Cursor {
  Iter *it;
  const char *src;     /* the held list, tuple or iterator */
  const char *pos;     /* the index, or the next value of a range */
  const char *stop, *step;
  const char *count;   /* enumerate's counter, or NULL when nothing reads it */
  const char *status;  /* __next__'s result */
  const char **outs;   /* __next__'s out parameters (new references) */
  int nouts;
  const char *fn;      /* map(f, xs) / filter(f, xs): the held f, or NULL for filter(None, xs) */
  const char *item;    /* filter: the item the function let through (a new reference where it is one) */
  const char *strict;  /* zip(..., strict=...): "true", or the flag's C variable; NULL: not strict */
  struct Cursor *subs;
} Cursor;

/* Where argument `arg` of zip cursor `zip` is exhausted, the check of
 * Python's zip(..., strict=True); up: the same for the cursors that zip
 * is an argument of (its end is theirs). */
typedef struct End {
  Cursor *zip;
  int arg;
  const struct End *up;
} End;

/* One element: a C expression, or (enumerate, zip, a tuple from __next__)
 * one element per item, so that `for i, (x, y) in ...` binds each directly. */
typedef struct Elem {
  Val v;
  Type *ty;
  struct Elem *items;
  int nitems;
} Elem;

static const char *int_var(E *e, const char *prefix) {
  const char *name = fmt(e, "_%s%d", prefix, ++e->f->ntemps);
  declare_c(e, "int64_t", name, NULL);
  return name;
}

/* The value of an int expression, fixed before the loop starts. */
static const char *int_before(E *e, Node *x, const char *dflt) {
  if (!x) return dflt;
  Val v = ex(e, x);
  if (is_literal_text(v.c)) return v.c;
  const char *name = int_var(e, "v");
  line(e, "%s = %s;", name, v.c);
  return name;
}

static void cursor_open(E *e, Cursor *k, Iter *it, Node *target);
static Elem cursor_elem(E *e, Cursor *k);
static Val elem_value(E *e, Elem *el);
static void cursor_step(E *e, Cursor *k);

static int builtin_of_map(const Iter *it) { return ((CallInfo *)it->expr->info)->builtin; }

/* f(x) of a map's or filter's function, as a C expression; x is borrowed. */
static const char *map_call(E *e, Cursor *k, Val x) {
  Type *ft = ((CallInfo *)k->it->expr->info)->args[0]->ty;
  return fmt(e, "%s(%s, %s)", fn_caller(e, ft), k->fn, coerce(e, x.c, x.ty, ft->items[0]));
}

/* The item of xs's cursor for a map's or filter's function: a borrowed
 * value, or a new reference in a variable of its own. */
static Val map_arg(E *e, Cursor *k) {
  Elem el = cursor_elem(e, &k->subs[0]);
  Val x = elem_value(e, &el);
  if (!(x.owned && is_ref(x)) && is_simple(x.c)) return x;
  const char *t = new_temp(e, x.ty);
  line(e, "%s = %s;", t, x.c);
  return val(t, x.ty, x.owned && is_ref(x));
}

/* f(x) as a C expression that has no new reference: a ref result is kept
 * in a variable, released after `use` is written by the caller. */
static const char *map_result(E *e, Cursor *k, Val x, const char **release) {
  Type *ft = ((CallInfo *)k->it->expr->info)->args[0]->ty;
  const char *call = map_call(e, k, x);
  *release = NULL;
  if (!type_is_ref(ft->elem)) return call;
  const char *r = new_temp(e, ft->elem);
  line(e, "%s = %s;", r, call);
  *release = r;
  return r;
}

static void open_range(E *e, Cursor *k) {
  Iter *it = k->it;
  const char *start = int_before(e, it->start, "0");
  k->stop = int_before(e, it->stop, "0");
  k->step = int_before(e, it->step, "1");
  if (it->step && !is_literal_text(k->step)) {
    set_at(e, it->step);
    line(e, "if (%s == 0) gt_fail(\"ValueError: range() arg 3 must not be zero\");", k->step);
  }
  k->pos = int_var(e, "p");
  line(e, "%s = %s;", k->pos, start);
}

/* A list (or a str's characters, a dict's keys, a tuple) and an index. */
static void open_sequence(E *e, Cursor *k) {
  Iter *it = k->it;
  Val v = it->kind == ITER_CLASS_LIST ? ex(e, iter_call(e, it)) : ex(e, it->expr);
  if (it->kind != ITER_TUPLE) v = as_list(e, v, it->elem);
  k->src = hold(e, v.ty, own(e, v));
  k->pos = int_var(e, "i");
  line(e, "%s = 0;", k->pos);
}

/* An extern iterator: int next(it, T1 *out1, ..., Tn *outn) gives 1 and
 * new references in the outs, 0 at the end, -1 on an error. */
static void open_iterator(E *e, Cursor *k) {
  Iter *it = k->it;
  Val v = ex(e, iter_call(e, it));
  k->src = hold(e, v.ty, own(e, v));
  k->nouts = extern_outs(it->next_fn);
  k->outs = arena_alloc(e->p->arena, k->nouts * sizeof *k->outs);
  for (int j = 0; j < k->nouts; j++) k->outs[j] = new_out_temp(e, out_type(it->next_fn, j));
  k->status = new_temp(e, type_prim(TY_INT));
}

/* A generator (or an object's generator method __iter__): held, and an
 * item that gt_gen_next fills with a new reference each round. */
static void open_generator(E *e, Cursor *k) {
  Iter *it = k->it;
  Val v = ex(e, it->iter_fn ? iter_call(e, it) : it->expr);
  k->src = hold(e, v.ty, own(e, v));
  k->pos = fmt(e, "_v%d", ++e->f->ntemps);
  buf_printf(&e->f->decls, "  gt_val %s;\n", k->pos);
}

/* The part of a tuple target that binds item i of an element, or NULL
 * (a starred target takes a list of items: the element is unpacked whole). */
static Node *target_item(Node *target, int i, int n) {
  if (!target || (target->kind != EX_TUPLE && target->kind != EX_LIST) || ast_count(target->elts) != n) return NULL;
  for (Node *x = target->elts; x; x = x->next)
    if (x->kind == EX_STARRED) return NULL;
  Node *t = target->elts;
  while (i-- > 0) t = t->next;
  return t;
}

/* zip(..., strict=flag) of a flag not literal: its value, fixed where the loop starts. */
static const char *strict_flag(E *e, Iter *it) {
  const char *name = new_temp(e, type_prim(TY_BOOL));
  line(e, "%s = %s;", name, ex(e, it->strict).c);
  return name;
}

static void open_nested(E *e, Cursor *k, Node *target) {
  Iter *it = k->it;
  int n = it->nsubs + (it->kind == ITER_ENUMERATE);
  int first = it->kind == ITER_ENUMERATE;
  k->subs = arena_alloc(e->p->arena, it->nsubs * sizeof *k->subs);
  for (int j = 0; j < it->nsubs; j++) cursor_open(e, &k->subs[j], it->subs[j], target_item(target, first + j, n));
  if (it->strict && it->strict->kind != EX_FALSE) k->strict = it->strict->kind == EX_TRUE ? "true" : strict_flag(e, it);
  /* enumerate(xs, start): start is evaluated after xs, as in Python */
  if (first && !binds_nothing(target_item(target, 0, n))) {
    k->count = int_var(e, "c");
    line(e, "%s = %s;", k->count, it->start ? ex(e, it->start).c : "0");
  } else if (it->start && has_call(it->start)) {
    line(e, "(void)%s;", tight(e, ex(e, it->start).c));  /* evaluated for its effects */
  }
}

/* map(f, xs) / filter(f, xs): f first, held for the loop, then xs's cursor. */
static void open_map(E *e, Cursor *k) {
  Node *f = ((CallInfo *)k->it->expr->info)->args[0];
  if (f) {
    Val v = ex(e, f);
    k->fn = hold(e, f->ty, own(e, v));
  }
  k->subs = arena_alloc(e->p->arena, sizeof *k->subs);
  cursor_open(e, &k->subs[0], k->it->subs[0], NULL);
  if (builtin_of_map(k->it) == BI_FILTER) k->item = new_temp(e, k->it->elem);
}

static void cursor_open(E *e, Cursor *k, Iter *it, Node *target) {
  *k = (Cursor){.it = it};
  switch (it->kind) {
  case ITER_RANGE: open_range(e, k); break;
  case ITER_MAP: open_map(e, k); break;
  case ITER_NEXT: open_iterator(e, k); break;
  case ITER_GENERATOR: open_generator(e, k); break;
  case ITER_ENUMERATE:
  case ITER_ZIP: open_nested(e, k, target); break;
  default: open_sequence(e, k); break;
  }
}

/* Is i still inside range(..., stop, step)? A literal step's sign is known. */
static const char *range_test(E *e, const char *i, const char *stop, const char *step) {
  if (!step || (is_literal_text(step) && step[0] != '-')) return fmt(e, "%s < %s", i, stop);
  if (is_literal_text(step)) return fmt(e, "%s > %s", i, stop);
  return fmt(e, "%s > 0 ? %s < %s : %s > %s", step, i, stop, i, stop);
}

static void cursor_check(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap, const End *end);
static void check_filter(E *e, Cursor *k);
static void end_round(E *e, const char **taken, int ntaken, const char *first, const End *end);

static void check_iterator(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap, const End *end) {
  Buf b = {0};
  buf_printf(&b, "%s(%s", k->it->next_fn->cname, k->src);
  for (int j = 0; j < k->nouts; j++) buf_printf(&b, ", &%s", k->outs[j]);
  buf_printf(&b, ")");
  forget_at(e);  /* the body ran since: next() is the for statement's again */
  set_at(e, k->it->expr);
  line(e, "%s = %s;", k->status, b.data);
  buf_free(&b);
  line(e, "if (%s <= 0) {", k->status);
  end_round(e, *taken, *ntaken, fmt(e, "gt_ok_status(%s);", k->status), end);
  line(e, "}");
  for (int j = 0; j < k->nouts; j++)
    if (type_is_ref(out_type(k->it->next_fn, j))) push_name(taken, ntaken, cap, k->outs[j]);
}

/* filter(f, xs): the item where f(x) is true, else on to the next round. */
static void check_filter(E *e, Cursor *k) {
  Val x = map_arg(e, k);
  const char *drop = NULL, *test;
  if (k->fn) {
    Type *rt = ((CallInfo *)k->it->expr->info)->args[0]->ty->elem;
    const char *r = map_result(e, k, x, &drop);
    test = truth(e, val(r, rt, false));
    if (drop) {
      const char *b = new_temp(e, type_prim(TY_BOOL));
      line(e, "%s = %s;", b, test);
      line(e, "gt_release(%s);", drop);
      test = b;
    }
  } else {
    test = truth(e, x);
  }
  line(e, "if (!(%s)) {", test);
  e->f->indent++;
  if (x.owned) line(e, "gt_release(%s);", x.c);
  cursor_step(e, &k->subs[0]);
  line(e, "continue;");
  e->f->indent--;
  line(e, "}");
  line(e, "%s = %s;", k->item, x.owned || !is_ref(x) ? x.c : fmt(e, "gt_retain(%s)", x.c));
}

static void check_generator(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap, const End *end) {
  forget_at(e);  /* as check_iterator */
  set_at(e, k->it->expr);
  line(e, "if (!gt_gen_next(%s, &%s)) {", k->src, k->pos);
  end_round(e, *taken, *ntaken, NULL, end);
  line(e, "}");
  if (type_is_ref(k->it->elem)) push_name(taken, ntaken, cap, fmt(e, "%s.p", k->pos));
}

/* "zip() argument 3 is longer than arguments 1-2": CPython's words where
 * argument arg (from 0) of a strict zip ends before (`shorter`) or after
 * the ones before it. */
static const char *zip_misfit(E *e, int arg, const char *how) {
  return arg == 1 ? fmt(e, "zip() argument 2 is %s than argument 1", how)
                  : fmt(e, "zip() argument %d is %s than arguments 1-%d", arg + 1, how, arg);
}

/* The C condition of the cursor's being exhausted, where one expression
 * tells it (a range, a sequence); NULL where a step must be taken. */
static const char *end_cond(E *e, Cursor *k) {
  switch (k->it->kind) {
  case ITER_RANGE: return fmt(e, "!(%s)", range_test(e, k->pos, k->stop, k->it->step ? k->step : NULL));
  case ITER_TUPLE: return fmt(e, "%s >= %s->len", k->pos, k->src);
  case ITER_NEXT: case ITER_GENERATOR: case ITER_ENUMERATE: case ITER_ZIP: case ITER_MAP: return NULL;
  default: return fmt(e, "%s >= gt_list_len(%s)", k->pos, k->src);
  }
}

/* Where the first argument of strict zip z ended: argument j must end
 * there too, else CPython's ValueError (its item taken, as CPython takes it). */
static void strict_longer(E *e, Cursor *z, int j) {
  const char *fail = fmt(e, "gt_fail(\"ValueError: %s\");", zip_misfit(e, j, "longer"));
  const char *cond = end_cond(e, &z->subs[j]);
  if (cond) {
    line(e, "if (!(%s)) %s", cond, fail);
    return;
  }
  line(e, "do {  /* leaves the block where argument %d ends too */", j + 1);
  e->f->indent++;
  const char **taken = NULL;
  int ntaken = 0, cap = 0;
  cursor_check(e, &z->subs[j], &taken, &ntaken, &cap, NULL);
  for (int i = 0; i < ntaken; i++) line(e, "gt_release(%s);", taken[i]);
  free(taken);
  line(e, "%s", fail);
  e->f->indent--;
  line(e, "} while (0);");
}

/* The checks of strict zip end->zip where its argument end->arg ended:
 * true where they raise whatever the values. */
static bool strict_end(E *e, const End *end) {
  Cursor *z = end->zip;
  bool always = strcmp(z->strict, "true") == 0;
  if (!always) line(e, "if (%s) {", z->strict);
  e->f->indent += !always;
  if (end->arg) line(e, "gt_fail(\"ValueError: %s\");", zip_misfit(e, end->arg, "shorter"));
  for (int j = 1; !end->arg && j < z->it->nsubs; j++) strict_longer(e, z, j);
  e->f->indent -= !always;
  if (!always) line(e, "}");
  return always && end->arg;
}

/* The end of the loop where a cursor is exhausted (inside the test of
 * that): the items this round took released, `first` (a statement or
 * NULL), the checks of the strict zips it ends, the break. */
static void end_round(E *e, const char **taken, int ntaken, const char *first, const End *end) {
  e->f->indent++;
  for (int j = 0; j < ntaken; j++) line(e, "gt_release(%s);", taken[j]);
  if (first) line(e, "%s", first);
  bool raised = false;
  for (; end && !raised; end = end->up) raised = strict_end(e, end);
  if (!raised) line(e, "break;");
  e->f->indent--;
}

/* Breaks out of the loop when the cursor is exhausted; end: the strict
 * zips whose argument it is (NULL: none). */
static void cursor_check(E *e, Cursor *k, const char ***taken, int *ntaken, int *cap, const End *end) {
  Iter *it = k->it;
  switch (it->kind) {
  case ITER_NEXT: check_iterator(e, k, taken, ntaken, cap, end); return;
  case ITER_GENERATOR: check_generator(e, k, taken, ntaken, cap, end); return;
  case ITER_ENUMERATE:
  case ITER_ZIP:
    for (int j = 0; j < it->nsubs; j++) {
      End arg = {.zip = k, .arg = j, .up = end};
      cursor_check(e, &k->subs[j], taken, ntaken, cap, k->strict ? &arg : end);
    }
    return;
  case ITER_MAP:
    cursor_check(e, &k->subs[0], taken, ntaken, cap, end);
    if (k->item) check_filter(e, k);
    return;
  default: break;
  }
  const char *cond = end_cond(e, k);
  if (!*ntaken && !end) {
    line(e, "if (%s) break;", cond);
    return;
  }
  line(e, "if (%s) {", cond);
  end_round(e, *taken, *ntaken, NULL, end);
  line(e, "}");
}

/* The element the cursor is at (after cursor_check). */
static Elem cursor_elem(E *e, Cursor *k) {
  Iter *it = k->it;
  Type *el = it->elem;
  Elem r = {.ty = el};
  switch (it->kind) {
  case ITER_RANGE: r.v = val(k->pos, el, false); break;
  case ITER_TUPLE: r.v = val(unbox(e, fmt(e, "%s->items[%s]", k->src, k->pos), el), el, false); break;
  case ITER_GENERATOR: r.v = val(unbox(e, k->pos, el), el, type_is_ref(el)); break;
  case ITER_NEXT:
    if (el->kind != TY_TUPLE || it->next_fn->ret_whole) {
      r.v = val(k->outs[0], el, type_is_ref(el));
      break;
    }
    r.nitems = k->nouts;
    r.items = arena_alloc(e->p->arena, r.nitems * sizeof *r.items);
    for (int j = 0; j < r.nitems; j++)
      r.items[j] = (Elem){.v = val(k->outs[j], el->items[j], type_is_ref(el->items[j])), .ty = el->items[j]};
    break;
  case ITER_MAP:
    if (k->item) {  /* filter: the item check_filter kept */
      r.v = val(k->item, el, type_is_ref(el));
      break;
    } else {
      Val x = map_arg(e, k);
      const char *item = new_temp(e, el);
      line(e, "%s = %s;", item, map_call(e, k, x));
      if (x.owned) line(e, "gt_release(%s);", x.c);
      r.v = val(item, el, type_is_ref(el));
    }
    break;
  case ITER_ENUMERATE:
  case ITER_ZIP: {
    int first = it->kind == ITER_ENUMERATE;
    r.nitems = it->nsubs + first;
    r.items = arena_alloc(e->p->arena, r.nitems * sizeof *r.items);
    if (first) r.items[0] = (Elem){.v = val(k->count ? k->count : "0", type_prim(TY_INT), false), .ty = type_prim(TY_INT)};
    for (int j = 0; j < it->nsubs; j++) r.items[first + j] = cursor_elem(e, &k->subs[j]);
    break;
  }
  default:
    r.v = val(unbox(e, fmt(e, "gt_list_get(%s, %s)", k->src, k->pos), el), el, type_is_ref(el));
    break;
  }
  return r;
}

/* The element as one value (a tuple made of its items). */
static Val elem_value(E *e, Elem *el) {
  if (!el->items) return el->v;
  Buf b = {0};
  buf_printf(&b, "gt_tuple_of(%s", desc(e, el->ty));
  for (int j = 0; j < el->nitems; j++) {
    Val v = elem_value(e, &el->items[j]);
    buf_printf(&b, ", %s", box(e, borrow(e, v), el->items[j].ty));
  }
  buf_printf(&b, ")");
  Val r = val(fmt(e, "%s", b.data), el->ty, true);
  buf_free(&b);
  return r;
}

static void bind_cursor_elem(E *e, Node *target, Elem *el) {
  if (el->items && target_item(target, 0, el->nitems)) {
    for (int j = 0; j < el->nitems; j++) bind_cursor_elem(e, target_item(target, j, el->nitems), &el->items[j]);
    return;
  }
  if (binds_nothing(target)) {
    if (el->v.owned && is_ref(el->v)) line(e, "gt_release(%s);", el->v.c);
    return;
  }
  int mark = e->f->npending;  /* the items' temporaries too, each round */
  bind_elem(e, target, elem_value(e, el));
  flush(e, mark);
}

static void cursor_step(E *e, Cursor *k) {
  Iter *it = k->it;
  switch (it->kind) {
  case ITER_RANGE:
    if (!it->step) line(e, "%s++;", k->pos);
    else line(e, "%s = gt_range_after(%s, %s, %s);", k->pos, k->pos, k->stop, k->step);
    break;
  case ITER_NEXT:
  case ITER_GENERATOR: break;
  case ITER_MAP: cursor_step(e, &k->subs[0]); break;
  case ITER_ENUMERATE:
  case ITER_ZIP:
    if (k->count) line(e, "%s = gt_int_add(%s, 1);", k->count, k->count);
    for (int j = 0; j < it->nsubs; j++) cursor_step(e, &k->subs[j]);
    break;
  default: line(e, "%s++;", k->pos); break;
  }
}

static void cursor_close(E *e, Cursor *k) {
  if (k->src) unhold(e, k->src);
  if (k->fn) unhold(e, k->fn);
  if (k->it->kind == ITER_ENUMERATE || k->it->kind == ITER_ZIP || k->it->kind == ITER_MAP)
    for (int j = 0; j < k->it->nsubs; j++) cursor_close(e, &k->subs[j]);
}

/* Opens the cursor and starts its round (`while (true) {`, the checks):
 * the element it is at. */
static Elem cursor_round(E *e, Cursor *k, Iter *it, Node *target) {
  cursor_open(e, k, it, target);
  line(e, "while (true) {");
  e->f->indent++;
  const char **taken = NULL;
  int ntaken = 0, cap = 0;
  cursor_check(e, k, &taken, &ntaken, &cap, NULL);
  free(taken);
  return cursor_elem(e, k);
}

/* map(f, xs) / filter(f, xs) where a whole list is taken: the list of its
 * items, walked by its cursor at once. */
Val map_list(E *e, Iter *it, Type *lt) {
  const char *res = new_temp(e, lt);
  line(e, "%s = gt_list_new(%s, 0);", res, desc(e, lt));
  Cursor k;
  Val v = cursor_round(e, &k, it, NULL).v;
  line(e, "gt_list_append(%s, %s);", res, box(e, v.c, lt->elem));
  if (v.owned && is_ref(v)) line(e, "gt_release(%s);", v.c);
  cursor_step(e, &k);
  e->f->indent--;
  line(e, "}");
  cursor_close(e, &k);
  return temp_result(e, res, lt);
}

static void emit_cursor_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  Cursor k;
  Elem el = cursor_round(e, &k, it, target);
  bind_cursor_elem(e, target, &el);
  cursor_step(e, &k);
  e->f->indent--;
  loop_body(e, body, ctx);
  cursor_close(e, &k);
}

/* ---- loops over one range or sequence: plain C for loops ------------------- */

static void emit_range_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  const char *i = int_var(e, "i");
  const char *start = int_before(e, it->start, "0");
  /* range() reads its arguments once: a variable changed by the body must not move the end. */
  const char *stop = int_before(e, it->stop, "0");
  if (!it->step) {
    line(e, "for (%s = %s; %s < %s; %s++) {", i, start, i, stop, i);
  } else {
    const char *step = int_before(e, it->step, "1");
    if (!is_literal_text(step)) {
      set_at(e, it->step);
      line(e, "if (%s == 0) gt_fail(\"ValueError: range() arg 3 must not be zero\");", step);
    }
    line(e, "for (%s = %s; %s; %s = gt_range_after(%s, %s, %s)) {", i, start, range_test(e, i, stop, step), i, i, stop,
         step);
  }
  e->f->indent++;
  bind_elem(e, target, val(i, type_prim(TY_INT), false));
  e->f->indent--;
  loop_body(e, body, ctx);
}

static void emit_sequence_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  Val v = it->kind == ITER_CLASS_LIST ? ex(e, iter_call(e, it)) : ex(e, it->expr);
  Type *el = it->elem;
  const char *i = int_var(e, "i");
  if (it->kind == ITER_TUPLE) {
    const char *tup = hold(e, v.ty, own(e, v));
    line(e, "for (%s = 0; %s < %s->len; %s++) {", i, i, tup, i);
    e->f->indent++;
    bind_elem(e, target, val(unbox(e, fmt(e, "%s->items[%s]", tup, i), el), el, false));
    e->f->indent--;
    loop_body(e, body, ctx);
    unhold(e, tup);
    return;
  }
  Val l = as_list(e, v, el);
  const char *lst = hold(e, type_list(e->p, el), own(e, l));
  line(e, "for (%s = 0; %s < gt_list_len(%s); %s++) {", i, i, lst, i);
  e->f->indent++;
  bind_elem(e, target, val(unbox(e, fmt(e, "gt_list_get(%s, %s)", lst, i), el), el, type_is_ref(el)));
  e->f->indent--;
  loop_body(e, body, ctx);
  unhold(e, lst);
}

/* A for loop or one `for` of a comprehension, as check.c planned it. */
void emit_for_loop(E *e, Node *target, Iter *it, LoopBody body, void *ctx) {
  switch (it->kind) {
  case ITER_RANGE: emit_range_loop(e, target, it, body, ctx); break;
  case ITER_NEXT:
  case ITER_GENERATOR:
  case ITER_ENUMERATE:
  case ITER_ZIP:
  case ITER_MAP: emit_cursor_loop(e, target, it, body, ctx); break;
  default: emit_sequence_loop(e, target, it, body, ctx); break;
  }
}

typedef struct StmtLoop {
  Node *st;
} StmtLoop;

static void for_stmt_body(E *e, void *ctx) {
  StmtLoop *sl = ctx;
  emit_block(e, sl->st->body);
}

void emit_for(E *e, Node *st) {
  const char *saved = e->f->loop_exit;
  const char *exit_label = st->orelse ? fmt(e, "_for%d_break", ++e->f->nlabels) : NULL;
  e->f->loop_exit = exit_label;
  StmtLoop sl = {st};
  emit_for_loop(e, st->lhs, st->info, for_stmt_body, &sl);
  e->f->loop_exit = saved;
  if (exit_label) {
    emit_block(e, st->orelse);
    line(e, "%s:;", exit_label);
  }
}

void emit_while(E *e, Node *st) {
  const char *saved = e->f->loop_exit;
  const char *exit_label = st->orelse ? fmt(e, "_while%d_break", ++e->f->nlabels) : NULL;
  e->f->loop_exit = exit_label;
  /* The condition may need statements, so it is tested inside the loop. */
  Capture cap;
  capture_begin(e, &cap);
  forget_at(e);
  const char *k = truth(e, ex(e, st->cond));
  bool stmts = e->f->body.len || e->f->npending > cap.mark;
  const char *kt = NULL;
  if (stmts) {
    kt = new_temp(e, type_prim(TY_BOOL));
    line(e, "%s = %s;", kt, k);
    flush(e, cap.mark);
  }
  Buf pre = capture_end(e, &cap);
  if (!stmts) {
    line(e, "while (%s) {", cond_text(e, k));
  } else {
    line(e, "while (true) {");
    e->f->indent++;
    splice(e, &pre);
    line(e, "if (!%s) break;", kt);
    e->f->indent--;
  }
  buf_free(&pre);
  e->f->indent++;
  e->f->loops++;
  forget_at(e);
  emit_block(e, st->body);
  e->f->loops--;
  e->f->indent--;
  line(e, "}");
  forget_at(e);
  e->f->loop_exit = saved;
  if (exit_label) {
    emit_block(e, st->orelse);
    line(e, "%s:;", exit_label);
  }
}

/* The generator of an iterator class's instance: the runtime's, stepping
 * by the class's __next__ until StopIteration (check_iter.c). */
Val ex_iter_next(E *e, Node *n, CallInfo *ci) {
  Val it = ex(e, ci->recv);
  return val(fmt(e, "gt_iter_object((gt_obj *)%s, %s_next_item)", own(e, it), ci->cls->cname), n->ty, true);
}

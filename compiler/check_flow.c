/* check_flow.c - what each name holds at each point of a function, along
 * the flow of control: which of its bindings holds the value, and the type
 * it has there.
 *
 * Rebinding. Python lets a name take a value of another type (`loss =
 * criterion(out, y)`, then `loss = loss.item()`), and so does this
 * language: the assignment binds another version of the name, a variable
 * of its own (a Sym whose base is the name's first binding), from that
 * point on. A name has one version per type, so a loop that rebinds it
 * writes the same variables each time round; numbers keep their own type
 * (`x = 0.5` then `x = 1` prints 1, as Python). Where paths that leave a
 * name in different versions meet -- after an `if`, after a loop, or at a
 * loop's head for a read that comes before the body assigns the name again
 * -- reading the name is an error that names both, unless they are an int
 * and a float: then the name holds floats up to that join (`total = 0`
 * and, in a loop, `total += loss.item()`). Only the join shows that, after
 * the code before it was checked with an int; so the checker notes it in
 * Program.hints and asks the driver to check the program again
 * (Program.rerun), and in that run `total = 0` binds a float. An int
 * assigned after the join, outside any loop around it (`n = int(n)`),
 * cannot reach it and stays an int.
 *
 * Narrowing. The same entries narrow an Optional[T] as type checkers do:
 * `if x is not None:` makes x a T in its body, `if x is None: return` makes
 * it a T after the `if`, `assert x is not None` after the assert, `x and
 * f(x)` in the right operand; assigning a T makes it a T until the next
 * assignment. An Optional used where a T is needed without such a test is
 * a compile error (not_none). A field of an object a variable holds is
 * narrowed too (`if self.hidden is None: self.hidden = ...`), until the
 * field is assigned through any object, the variable is bound again, or a
 * .gtp function is called (it may assign the field); a loop forgets them
 * at its head. A call the checker does not see (an operator or __str__ of
 * a class) may still set the field to None: the C of a narrowed field's
 * read checks it (emit), so that is a run-time error, never a crash. So
 * does a narrowed read of a variable that a function rebinds through
 * `global` or `nonlocal` (NAME_NARROW_CHECKED), which a call between the
 * test and the read may set to None; such a variable's class is never
 * narrowed (narrow_to_class: its reads are cast, unchecked).
 *
 * The state is Ctx.flow, a list whose head is the most recent entry:
 * entering a branch pushes entries, leaving it restores the head, and a
 * join pushes what the paths that meet there leave.
 */
#include "check.h"

static Flow *entry_of(Flow *list, const Sym *y) {
  for (Flow *f = list; f; f = f->next)
    if (f->sym == y && !f->field) return f;
  return NULL;
}

static Flow *push(Ctx *c, Flow *on, Sym *y, Sym *version, Type *ty) {
  Flow *f = arena_alloc(c->p->arena, sizeof *f);
  memset(f, 0, sizeof *f);
  f->sym = y;
  f->version = version;
  f->ty = ty;
  f->next = on;
  return f;
}

Sym *flow_base(Sym *v) { return v->base ? v->base : v; }


/* The binding that x, an object's expression, reads where it is a variable. */
static Sym *object_binding(const Node *x) {
  return x->kind == EX_NAME && x->sym && (x->sym->kind == SYM_LOCAL || x->sym->kind == SYM_PARAM ||
                                          x->sym->kind == SYM_GLOBAL) ? x->sym : NULL;
}

int line_of(const Node *n) {
  int line = 0, col;
  if (!n) return 0;
  diag_linecol(n->file, n->pos, &line, &col);
  return line;
}

/* A function's locals (a module's globals) that nothing has typed yet are
 * unbound where its code begins. */
void flow_begin(Ctx *c, Scope *s) {
  for (Sym *y = s->syms; y; y = y->next)
    if ((y->kind == SYM_LOCAL || y->kind == SYM_GLOBAL) && !y->ty && !y->cls && !y->base && !y->target) {
      c->flow = push(c, c->flow, y, y, NULL);
      c->flow->unbound = true;
    }
}

/* A name whose bindings the flow follows: a local or parameter of the
 * function (not a comprehension's variable), or a global in its module's
 * top-level code. */
static bool is_flow_name(Ctx *c, const Sym *y) {
  if (y->kind == SYM_LOCAL) return c->fn && scope_find(&c->fn->locals, y->name) == y;
  if (y->kind == SYM_PARAM) return true;
  return y->kind == SYM_GLOBAL && !y->cls && c->fn == c->m->init && (!y->mod || y->mod == c->m);
}

/* ---- what a run learns for the next: floats, Optionals ------------------ */

/* Hints are "f module:function.name=END" (y holds floats where it holds
 * numbers, in the text up to offset END), "N module:function.name" (y
 * holds int | float numbers where it holds numbers: an int meets the
 * item() of a tensor of unknown dtype),
 * "o module:function.name" (y is Optional from its first
 * assignment on) and "n module:function.name=TYPE" (sema.h, Hints). */
static const char *hint_key(Ctx *c, const Sym *y, char kind) {
  /* the module too: two modules' functions may have one qualified name */
  return arena_printf(c->p->arena, "%c %s:%s.%s", kind, c->m->name, c->fn ? c->fn->qname : "", y->name);
}

static bool hinted(Ctx *c, const Sym *y, char kind) {
  Hints *h = is_flow_name(c, y) ? c->p->hints : NULL;
  const char *key = h ? hint_key(c, y, kind) : NULL;
  for (int i = 0; h && i < h->n; i++)
    if (strcmp(h->names[i], key) == 0) return true;
  return false;
}

/* What a "KIND function.name=VALUE" hint says of y, or NULL. */
static const char *hint_value(Ctx *c, const Sym *y, char kind) {
  Hints *h = is_flow_name(c, y) ? c->p->hints : NULL;
  const char *key = h ? hint_key(c, y, kind) : NULL;
  size_t n = key ? strlen(key) : 0;
  for (int i = 0; h && i < h->n; i++)
    if (strncmp(h->names[i], key, n) == 0 && h->names[i][n] == '=') return h->names[i] + n + 1;
  return NULL;
}

/* Keeps hint `key` for the next run, which p->rerun asks for. */
static void add_hint(Program *p, const char *key) {
  Hints *h = p->hints;
  if (h->n == h->cap) {
    h->cap = h->cap ? 2 * h->cap : 8;
    char **more = realloc(h->names, h->cap * sizeof *more);
    if (!more) abort();
    h->names = more;
  }
  char *kept = malloc(strlen(key) + 1);  /* the driver's, outliving this run's arena */
  if (!kept) abort();
  h->names[h->n++] = strcpy(kept, key);
  p->rerun = true;
}

/* Forgets the hints of kind `kind`. */
static void drop_hints(Hints *h, char kind) {
  int kept = 0;
  for (int i = 0; i < h->n; i++)
    if (h->names[i][0] == kind) free(h->names[i]);
    else h->names[kept++] = h->names[i];
  h->n = kept;
}

/* Forgets the hints whose text begins with `head` ("f module:fn.x="):
 * the value a new hint of that key replaces. */
static void drop_hint_values(Hints *h, const char *head) {
  int kept = 0;
  for (int i = 0; i < h->n; i++)
    if (strncmp(h->names[i], head, strlen(head)) == 0) free(h->names[i]);
    else h->names[kept++] = h->names[i];
  h->n = kept;
}

/* True if the next run can treat y so (a hint it did not have yet). A
 * name made an int | float number may make another's int meet it, not a
 * float, as it met the name's int in an earlier run (x = n if c else 0.5):
 * learning one forgets the float hints, and this run learns none, so
 * that the next runs learn them again from the numbers. */
static bool learn(Ctx *c, const Sym *y, char kind, const char *value) {
  Hints *h = c->p->hints;
  if (!h || !is_flow_name(c, y) || (value ? hint_value(c, y, kind) != NULL : hinted(c, y, kind))) return false;
  if (kind == 'f' && c->p->learnt_number) return false;
  if (kind == 'N') {
    drop_hints(h, 'f');
    c->p->learnt_number = true;
  }
  add_hint(c->p, value ? arena_printf(c->p->arena, "%s=%s", hint_key(c, y, kind), value) : hint_key(c, y, kind));
  return true;
}

/* The offset up to which y's ints are floats (an int and a float met at
 * a join there), or 0. */
static uint32_t float_end(Ctx *c, const Sym *y) {
  const char *end = hint_value(c, y, 'f');
  return end ? (uint32_t)strtoul(end, NULL, 10) : 0;
}

/* Where the text of statement st ends, its blocks included. */
static uint32_t stmt_end(const Node *st) {
  uint32_t end = st->pos + st->len;
  const Node *blocks[] = {st->body, st->orelse, st->finalbody, st->handlers};
  for (int i = 0; i < 4; i++) {
    const Node *last = blocks[i];
    while (last && last->next) last = last->next;
    uint32_t e = last ? stmt_end(last) : 0;
    if (e > end) end = e;
  }
  return end;
}

/* An int and a float of y meet where `use` reads it: y's ints bound
 * before its statement are floats in the next run; where they meet there
 * again (an int bound after it came round a loop), those up to the end of
 * the innermost loop around it, and then of the outermost one. */
static bool learn_float(Ctx *c, Sym *y, const Node *use) {
  Hints *h = c->p->hints;
  if (!h || !is_flow_name(c, y) || c->p->learnt_number) return false;
  uint32_t reach[] = {c->stmt ? c->stmt->pos : use->pos, c->inner_loop ? stmt_end(c->inner_loop) : 0,
                      c->outer_loop ? stmt_end(c->outer_loop) : 0};
  uint32_t end = 0;
  for (int i = 0; i < 3 && !end; i++)
    if (reach[i] > float_end(c, y)) end = reach[i];
  if (!end) return false;
  const char *head = arena_printf(c->p->arena, "%s=", hint_key(c, y, 'f'));
  drop_hint_values(h, head);  /* the shorter reach this one replaces */
  add_hint(c->p, arena_printf(c->p->arena, "%s%u", head, end));
  return true;
}

/* ---- named tuples: the field types of `namedtuple("P", [...])` ----------- */

/* "t module:P=TYPE": TYPE the tuple of P's field types. */
static const char *named_key(Program *p, const NamedTuple *nt) {
  return arena_printf(p->arena, "t %s:%s=", nt->mod->name, nt->name);
}

/* The tuple of field types that a call of nt's functional form gave in an
 * earlier run, or NULL. */
/* The type that the hint beginning with `key` (up to its '=') names, or NULL. */
static Type *learnt_type(Program *p, const char *key) {
  for (int i = 0; p->hints && i < p->hints->n; i++)
    if (strncmp(p->hints->names[i], key, strlen(key)) == 0) {
      const char *s = p->hints->names[i] + strlen(key);
      return type_of_key(p, &s);
    }
  return NULL;
}

Type *named_tuple_learnt(Program *p, const NamedTuple *nt) {
  return p->hints ? learnt_type(p, named_key(p, nt)) : NULL;
}

/* A call of nt's functional form gives its fields the types of `args` (a
 * tuple type): kept for the next run; false where they cannot be. */
bool named_tuple_learn(Program *p, const NamedTuple *nt, const Type *args) {
  const char *value = type_key(p, args);
  if (!p->hints || !value || named_tuple_learnt(p, nt)) return false;
  add_hint(p, arena_printf(p->arena, "%s%s", named_key(p, nt), value));
  return true;
}

/* ---- containers of numbers given another kind ------------------------------ */

/* `train_kwargs = {"batch_size": 64}`, then `train_kwargs.update(cuda_kwargs)`
 * of a dict of ints and bools, or `xs = [1, 2]` then `xs.append(0.5)`:
 * Python's container holds both kinds, so the name's container holds
 * int | float numbers (a list or dict of them, for t, one of numbers
 * that flow_widens) from its first assignment on, in the next run ("w
 * module:function.name=TYPE"). recv is the container's expression; an
 * annotated name keeps its type. */
void flow_widen(Ctx *c, Node *recv, Type *t) {
  flow_widen_to(c, recv, t->kind == TY_LIST ? type_list(c->p, T(TY_NUMBER)) : type_dict(c->p, t->key, T(TY_NUMBER)));
}

/* The same for another container type: `layers = [nn.Linear(2, 3)]`, then
 * `layers.append(nn.ReLU())`, makes layers a list of their common base,
 * list[nn.Module], from its first assignment on. */
void flow_widen_to(Ctx *c, Node *recv, Type *wide) {
  Sym *y = recv->kind == EX_NAME && recv->sym ? flow_base(recv->sym) : NULL;
  const char *key = y && !y->annotated ? type_key(c->p, wide) : NULL;
  if (key) learn(c, y, 'w', key);
}

/* Is t a list or dict of ints, floats or bools (its type settled), which
 * another kind of number would widen (flow_widen)? */
bool flow_widens(const Type *t) {
  return !t->pending && (t->kind == TY_LIST || t->kind == TY_DICT) && t->elem->kind != TY_NUMBER &&
         type_is_number(t->elem);
}

/* The container type an earlier run found name y must have (flow_widen),
 * or NULL. */
Type *flow_widened(Ctx *c, Sym *y) {
  const char *key = hint_value(c, y, 'w');
  return key ? type_of_key(c->p, &key) : NULL;
}

/* The value of the hint `key=VALUE`, or NULL (also for a NULL key). */
static const char *keyed_hint(Ctx *c, const char *key) {
  Hints *h = c->p->hints;
  size_t n = key ? strlen(key) : 0;
  for (int i = 0; h && key && i < h->n; i++)
    if (strncmp(h->names[i], key, n) == 0 && h->names[i][n] == '=') return h->names[i] + n + 1;
  return NULL;
}

/* ---- builtin and library functions stored in variables --------------------- */

/* `pick = min if c else max` (`f = max`, `loss_fn = F.cross_entropy`),
 * then `pick(3, 4)`: the name's type is the Callable its first call gives
 * it, Callable[[int, int], int], from its assignment on in the next run
 * ("c module:function.name=TYPE"), where the functions become lambdas of
 * that type. call is the function's call through the name; only one of
 * positional arguments tells. */
/* "c module:function.name", or for a global "c module:.name": its calls
 * may stand in any function of the module. NULL for other names. */
static const char *stored_function_key(Ctx *c, const Sym *y) {
  if (y->kind == SYM_GLOBAL && !y->cls)
    return arena_printf(c->p->arena, "c %s:.%s", (y->mod ? y->mod : c->m)->name, y->name);
  return y->kind == SYM_LOCAL && is_flow_name(c, y) ? hint_key(c, y, 'c') : NULL;
}

void flow_builtin_called(Ctx *c, Node *call) {
  Node *callee = call->kind == EX_CALL ? call->lhs : NULL;  /* dict(k=v) is a display now */
  Sym *y = callee && callee->kind == EX_NAME && callee->sym ? flow_base(callee->sym) : NULL;
  const char *key = y && !y->annotated && c->p->hints ? stored_function_key(c, y) : NULL;
  if (!key || keyed_hint(c, key) || !call->ty || is_err(call->ty)) return;
  int n = 0;
  for (Node *a = call->args; a; a = a->next, n++)
    if (a->kind == ND_KEYWORD || a->kind == EX_STARRED || !a->ty || is_err(a->ty)) return;
  Type **types = arena_alloc(c->p->arena, (n + 1) * sizeof *types);
  n = 0;
  for (Node *a = call->args; a; a = a->next) types[n++] = a->ty;
  types[n] = call->ty;
  /* kept as the tuple of the parameters' types and the result's */
  const char *value = type_key(c->p, type_tuple(c->p, types, n + 1));
  if (value) add_hint(c->p, arena_printf(c->p->arena, "%s=%s", key, value));
}

/* The Callable an earlier run's call of name y gave it, or NULL. */
Type *flow_builtin_learnt(Ctx *c, Sym *y) {
  const char *key = keyed_hint(c, stored_function_key(c, y));
  Type *t = key ? type_of_key(c->p, &key) : NULL;
  return t ? type_callable(c->p, t->items, t->nitems - 1, t->items[t->nitems - 1]) : NULL;
}

/* ---- lambdas stored in variables -------------------------------------------- */

/* `label_pipeline = lambda x: int(x) - 1`, then `label_pipeline(label)`,
 * here or in any function of the module for a global: the lambda's
 * parameters take the types of the name's first call's arguments, its
 * result its body's, from the assignment on in the next run ("l
 * module:function.name=TYPE", TYPE the tuple of the parameters' types; a
 * global's key names no function, as its calls may stand in any). */
static const char *lambda_key(Ctx *c, const Sym *y) {
  if (y->kind == SYM_GLOBAL && !y->cls)
    return arena_printf(c->p->arena, "l %s:.%s", (y->mod ? y->mod : c->m)->name, y->name);
  return is_flow_name(c, y) ? hint_key(c, y, 'l') : NULL;
}


/* Learns that the lambda of name n takes parameters of the types of the
 * tuple `params`, where nothing did before. */
static void learn_lambda(Ctx *c, Node *n, Type *params) {
  Sym *y = n->kind == EX_NAME && n->sym ? flow_base(n->sym) : NULL;
  const char *key = y && c->p->hints ? lambda_key(c, y) : NULL;
  const char *value = key && !keyed_hint(c, key) ? type_key(c->p, params) : NULL;
  if (value) add_hint(c->p, arena_printf(c->p->arena, "%s=%s", key, value));
}

void flow_lambda_expected(Ctx *c, Node *name, Type *callable) {
  learn_lambda(c, name, type_tuple(c->p, callable->items, callable->nitems));
}

/* call: a call through a name whose value is a lambda nothing typed yet
 * (check_expr.c untyped_lambda's Callable). */
void flow_lambda_called(Ctx *c, Node *call) {
  if (!c->p->hints) return;
  int n = 0;
  for (Node *a = call->args; a; a = a->next, n++)
    if (a->kind == ND_KEYWORD || a->kind == EX_STARRED) return;
  Type **types = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *types);
  n = 0;
  for (Node *a = call->args; a; a = a->next) {
    types[n] = type_plain(c->p, check_expr(c, a, NULL));
    if (is_err(types[n++])) return;
  }
  learn_lambda(c, call->lhs, type_tuple(c->p, types, n));
}

/* The Callable of the parameters an earlier run's call of y gave its
 * lambda (its result the body's, TY_UNKNOWN until checked), or NULL. */
Type *flow_lambda_learnt(Ctx *c, Sym *y) {
  const char *key = keyed_hint(c, lambda_key(c, y));
  Type *t = key ? type_of_key(c->p, &key) : NULL;
  return t ? type_callable(c->p, t->items, t->nitems, T(TY_UNKNOWN)) : NULL;
}

/* ---- generic instances that a later method call types -------------------- */

/* `returns = deque()`, then `returns.appendleft(R)`; `counts =
 * defaultdict(int)`, then `counts[w] += 1`; `self.counts = Counter()` in
 * __init__, then `self.counts[w] += 1`: a generic class's constructor
 * whose arguments bind only some of its type variables (targs, per its
 * tvars; `defaultdict(list)` gives V a pending empty list), the value of
 * an unannotated name's assignment or of a field's in __init__
 * (check_stmt.c), makes the instance that the later uses bind the others
 * of: the first method call binding them all, or the subscripts
 * (`counts[w]`: K is w's type) and the appends that settle the pending
 * list (`groups[n].append(w)`), as the first append types an empty list.
 * From the assignment on, in the next run ("g module:function.name=TYPE",
 * "i module:Class.field=TYPE"). */
static UnboundUse *unbound_add(Program *p) {
  if (p->nunbound == p->capunbound) {
    int cap = p->capunbound ? 2 * p->capunbound : 8;
    UnboundUse *more = arena_alloc(p->arena, cap * sizeof *more);
    if (p->nunbound) memcpy(more, p->unbound, p->nunbound * sizeof *more);
    p->unbound = more;
    p->capunbound = cap;
  }
  UnboundUse *u = &p->unbound[p->nunbound++];
  memset(u, 0, sizeof *u);
  return u;
}

/* "i module:Class.field": a field's instance, kept for the next run. */
static const char *field_instance_key(Program *p, const ClassInfo *k, const char *field) {
  return arena_printf(p->arena, "i %s:%s.%s", k->mod->name, k->name, field);
}

bool flow_unbound_instance(Ctx *c, Node *value, ClassInfo *g, Type **targs) {
  Program *p = c->p;
  Sym *y = c->assigned_to;
  Node *field = c->assigned_field;
  if (value != c->assigned || !p->hints || (!field && (!y || !is_flow_name(c, y)))) return false;
  ClassInfo *k = field ? c->fn->cls : NULL;
  for (int i = 0; i < p->nunbound; i++)
    if (y ? p->unbound[i].sym == y : p->unbound[i].cls == k && strcmp(p->unbound[i].field, field->name) == 0)
      return false;  /* reported here: the first assignment's is the one learnt */
  UnboundUse *u = unbound_add(p);
  *u = (UnboundUse){.sym = field ? NULL : y, .cls = k, .field = field ? field->name : NULL, .g = g, .targs = targs,
                    .hint = field ? field_instance_key(p, k, field->name) : hint_key(c, y, 'g'), .at = value,
                    .name = field ? arena_printf(p->arena, "self.%s", field->name) : y->name};
  return true;
}

/* The record of recv, a name or an object's field assigned such an
 * instance, or NULL. */
static UnboundUse *unbound_of(Ctx *c, Node *recv) {
  Program *p = c->p;
  Sym *y = recv->kind == EX_NAME && recv->sym ? flow_base(recv->sym) : NULL;
  Type *ot = recv->kind == EX_ATTR && recv->lhs->ty ? type_settled(recv->lhs->ty) : NULL;
  ClassInfo *k = ot && ot->kind == TY_CLASS ? ot->cls : NULL;
  for (int i = 0; (y || k) && i < p->nunbound; i++) {
    UnboundUse *u = &p->unbound[i];
    if (y ? u->sym == y : u->field && class_derives(k, u->cls) && strcmp(u->field, recv->name) == 0) return u;
  }
  return NULL;
}

void flow_instance_call(Ctx *c, Node *call) {
  UnboundUse *u = unbound_of(c, call->lhs->lhs);
  Func *m = u ? class_method(u->g, call->lhs->name) : NULL;
  ClassInfo *k = m && !m->is_static && !m->is_property ? method_instance(c, call, u->g, m, u->targs) : NULL;
  const char *key = k ? type_key(c->p, k->ty) : NULL;
  const char *hint = key ? arena_printf(c->p->arena, "%s=", u->hint) : NULL;
  if (hint && !learnt_type(c->p, hint)) add_hint(c->p, arena_printf(c->p->arena, "%s%s", hint, key));
}

/* e, x[k] of such a name or field (x[k] = value where value is not NULL):
 * the item's type where what its constructor and k bind tell it, else
 * NULL. */
Type *flow_instance_index(Ctx *c, Node *e, Type *value) {
  UnboundUse *u = unbound_of(c, e->lhs);
  return u ? subscript_binds(c, e, u->g, u->targs, value) : NULL;
}

/* At the end of a run: each such name or field whose uses bound every
 * type variable (its pending lists settled) is that instance in the next
 * run; else its constructor call is the error. */
void flow_instances_settle(Ctx *c) {
  Program *p = c->p;
  for (int i = 0; i < p->nunbound; i++) {
    UnboundUse *u = &p->unbound[i];
    ClassInfo *g = u->g;
    const char *hint = arena_printf(p->arena, "%s=", u->hint);
    Type **targs = arena_alloc(p->arena, g->ntvars * sizeof *targs);
    int open = -1;
    for (int j = g->ntvars - 1; j >= 0; j--) {
      targs[j] = u->targs[j] ? type_resolved(p, u->targs[j]) : NULL;
      if (!targs[j] || !type_known(targs[j])) open = j;
    }
    if (open >= 0) {
      error_at(c, u->at, "the arguments of %s() and the uses of '%s' do not tell what type variable '%s' is%s: "
               "annotate it (%s: %s[...] = %s(...))", g->name, u->name, g->tvars[open]->name,
               targs[open] ? " (nothing adds to its empty container)" : "", u->name, g->name, g->name);
      continue;
    }
    const char *key = !learnt_type(p, hint) ? type_key(p, class_instance(p, g, targs)->ty) : NULL;
    if (key) add_hint(p, arena_printf(p->arena, "%s%s", hint, key));
  }
}

/* The instance an earlier run found field `field` of k's __init__ makes
 * (`self.counts = Counter()`), or NULL. */
Type *field_instance_learnt(Ctx *c, ClassInfo *k, const char *field) {
  return c->p->hints ? learnt_type(c->p, arena_printf(c->p->arena, "%s=", field_instance_key(c->p, k, field))) : NULL;
}

/* `self.size = size` in the instance of a union __init__ (`size: int |
 * tuple[int, int]`) for one member, then a call giving another: Python's
 * attribute holds either, so in the next run the field is of the type the
 * parameter is declared with, `declared` ("i module:Class.field=TYPE").
 * False where no run can learn it (learnt, and still refused). */
bool field_union_learn(Ctx *c, ClassInfo *k, const char *field, Type *declared) {
  Program *p = c->p;
  if (!p->hints || is_err(declared) || !type_known(declared)) return false;
  const char *key = arena_printf(p->arena, "%s=", field_instance_key(p, k, field));
  if (learnt_type(p, key) == declared) return false;
  drop_hint_values(p->hints, key);
  add_hint(p, arena_printf(p->arena, "%s%s", key, type_key(p, declared)));
  return true;
}

static bool has_own_field(const ClassInfo *k, const char *name);

/* `self.avg = 0` where the object is reset, then `self.avg = self.sum /
 * self.count` (imagenet's AverageMeter): as a variable first given an int
 * that later holds floats, the field is a float from its declaration on
 * in the next run ("i module:Class.field=float", its declaring class's
 * key). False where no run can learn it (not declared by k or a base, or
 * learnt already). */
bool field_float_learn(Ctx *c, ClassInfo *k, const char *field) {
  while (k && !has_own_field(k, field)) k = k->base;
  return k && !k->is_extern && field_union_learn(c, k, field, T(TY_FLOAT));
}

/* At the end of a run with errors: each field an empty list or dict
 * declared (`self.word2index = {}`) whose later uses typed it is that
 * type from __init__ on in the next run ("i module:Class.field=TYPE", as
 * field_instance_learnt reads it), so that a method checked before the
 * one whose store types it (`lang.word2index[w]` in a function) sees it. */
void flow_empty_fields_settle(Ctx *c) {
  Program *p = c->p;
  if (!p->hints || !p->diag->errors) return;
  for (Module *m = p->modules; m; m = m->next)
    for (ClassInfo *k = m->classes; k; k = k->next)
      for (int i = 0; i < k->nfields; i++) {
        Field *f = &k->fields[i];
        Type *t = f->empty ? type_resolved(p, f->ty) : NULL;
        const char *key = t && type_known(t) ? type_key(p, t) : NULL;
        const char *hint = key ? arena_printf(p->arena, "%s=", field_instance_key(p, k, f->name)) : NULL;
        if (hint && !learnt_type(p, hint)) add_hint(p, arena_printf(p->arena, "%s%s", hint, key));
      }
}

/* Does k's own __init__ declare field `name` (not a base's)? */
static bool has_own_field(const ClassInfo *k, const char *name) {
  for (int i = 0; i < k->nfields; i++)
    if (strcmp(k->fields[i].name, name) == 0) return true;
  return false;
}

/* `self.best = None` in __init__, then `self.best = loss` in a method:
 * the field is an Optional of the value's type from __init__ on in the
 * next run ("i module:Class.field=TYPE", as field_instance_learnt reads
 * it), as a variable first assigned None is (flow_none_type). */
static void none_field_typed(Ctx *c, Type *object, Field *f, Type *value) {
  Program *p = c->p;
  value = type_settled(value);
  if (!p->hints || !object || object->kind != TY_CLASS || is_err(value) || value->kind == TY_NONE ||
      !type_known(value))
    return;
  Type *opt = value->kind == TY_OPTIONAL ? value : type_optional(p, value);
  ClassInfo *k = object->cls;
  while (k->base && !has_own_field(k, f->name)) k = k->base;  /* the class whose __init__ declares it */
  const char *hint = arena_printf(p->arena, "%s=", field_instance_key(p, k, f->name));
  if (!learnt_type(p, hint)) add_hint(p, arena_printf(p->arena, "%s%s", hint, type_key(p, opt)));
}

/* The instance an earlier run found name y's first assignment makes, or NULL. */
Type *flow_instance_learnt(Ctx *c, Sym *y) {
  const char *key = hint_value(c, y, 'g');
  return key ? type_of_key(c->p, &key) : NULL;
}

/* ---- dict[str, Any] items by their keys ----------------------------------- */

/* A checkpoint's item read where nothing expects a type (`start =
 * ckpt["epoch"] + 1`, `print(ckpt["epoch"])`) takes the type the
 * program's own dict[str, Any] displays and stores give that key
 * (`torch.save({"epoch": epoch, ...}, path)`), where they give it one:
 * learnt at the end of a run as "k KEY=TYPE", which the next run's reads
 * take. A key with values of several types, or none, stays an error. */

static int state_key_index(Program *p, const char *key) {
  for (int i = 0; i < p->nstate_keys; i++)
    if (strcmp(p->state_keys[i], key) == 0) return i;
  return -1;
}

/* A display's or a store's str key `key` (an EX_STR) holds a value of type t. */
void state_key_stored(Ctx *c, const Node *key, Type *t) {
  Program *p = c->p;
  if (key->kind != EX_STR || is_err(t) || t->kind == TY_NONE) return;
  int i = state_key_index(p, key->str);
  if (i >= 0) {
    if (p->state_key_types[i] != t) p->state_key_types[i] = NULL;  /* several types: none */
    return;
  }
  if (p->nstate_keys == p->capstate_keys) {
    int cap = p->capstate_keys ? 2 * p->capstate_keys : 8;
    const char **keys = arena_alloc(p->arena, cap * sizeof *keys);
    Type **types = arena_alloc(p->arena, cap * sizeof *types);
    if (p->nstate_keys) {
      memcpy(keys, p->state_keys, p->nstate_keys * sizeof *keys);
      memcpy(types, p->state_key_types, p->nstate_keys * sizeof *types);
    }
    p->state_keys = keys;
    p->state_key_types = types;
    p->capstate_keys = cap;
  }
  p->state_keys[p->nstate_keys] = key->str;
  p->state_key_types[p->nstate_keys++] = t;
}

/* "k KEY=", or NULL for a key a hint cannot name. */
static const char *state_key_hint(Program *p, const char *key) {
  if (strchr(key, '=') || strchr(key, '\n')) return NULL;
  return arena_printf(p->arena, "k %s=", key);
}

/* The type an earlier run learnt for e's key (e: x["key"] of a dict[str,
 * Any], nothing expecting a type); else TY_ERROR, e kept for
 * state_keys_settle, which reports it or learns its key; NULL where no
 * hint can be kept (the caller reports it). */
Type *state_key_read(Ctx *c, Node *e) {
  Program *p = c->p;
  const char *hint = p->hints ? state_key_hint(p, e->rhs->str) : NULL;
  if (!hint) return NULL;
  Type *t = learnt_type(p, hint);
  if (t) return t;
  if (p->nkeyed_reads == p->capkeyed_reads) {
    int cap = p->capkeyed_reads ? 2 * p->capkeyed_reads : 8;
    Node **more = arena_alloc(p->arena, cap * sizeof *more);
    if (p->nkeyed_reads) memcpy(more, p->keyed_reads, p->nkeyed_reads * sizeof *more);
    p->keyed_reads = more;
    p->capkeyed_reads = cap;
  }
  p->keyed_reads[p->nkeyed_reads++] = e;
  return T(TY_ERROR);
}

/* e, `ckpt["epoch"]` of an unannotated name that holds a dict[str,
 * Tensor]: `ckpt = torch.load(path)` of a training checkpoint takes
 * load's first form, a dict of tensors; where the program stores a value
 * of another type under that key (`torch.save({"epoch": epoch, ...})`),
 * the name is a dict[str, Any] from its first assignment on, in the next
 * run (a "w" hint, as flow_widen_to's), and its items take their keys'
 * types. Kept here, decided at the end of the run (tensor_dict_settle). */
void tensor_dict_read(Ctx *c, Node *e) {
  Program *p = c->p;
  Sym *y = e->lhs->kind == EX_NAME && e->lhs->sym ? flow_base(e->lhs->sym) : NULL;
  if (!y || y->annotated || !is_flow_name(c, y) || !p->hints || e->rhs->kind != EX_STR) return;
  if (p->ntensor_dict_reads == p->captensor_dict_reads) {
    int cap = p->captensor_dict_reads ? 2 * p->captensor_dict_reads : 8;
    NameHint *more = arena_alloc(p->arena, cap * sizeof *more);
    if (p->ntensor_dict_reads) memcpy(more, p->tensor_dict_reads, p->ntensor_dict_reads * sizeof *more);
    p->tensor_dict_reads = more;
    p->captensor_dict_reads = cap;
  }
  p->tensor_dict_reads[p->ntensor_dict_reads++] = (NameHint){.sym = y, .hint = hint_key(c, y, 'w'), .at = e};
}

bool is_tensor_type(const Type *t) { return t->kind == TY_CLASS && t->cls->protocol == PROTO_TENSOR; }

static void tensor_dict_settle(Program *p) {
  ClassInfo *any = any_dict_class(p);
  const char *wide = any ? type_key(p, any->ty) : NULL;
  for (int i = 0; wide && i < p->ntensor_dict_reads; i++) {
    NameHint *u = &p->tensor_dict_reads[i];
    int k = state_key_index(p, u->at->rhs->str);
    Type *stored = k >= 0 ? p->state_key_types[k] : NULL;
    const char *hint = arena_printf(p->arena, "%s=", u->hint);
    if (stored && !is_tensor_type(stored) && !learnt_type(p, hint))
      add_hint(p, arena_printf(p->arena, "%s%s", hint, wide));
  }
}

/* At the end of a run: each kept read's key, where the program gives it
 * one type, is learnt for the next run; else the read is an error. */
void state_keys_settle(Ctx *c) {
  Program *p = c->p;
  tensor_dict_settle(p);
  for (int i = 0; i < p->nkeyed_reads; i++) {
    Node *e = p->keyed_reads[i];
    if (!is_err(e->ty)) continue;  /* checked again where a type was expected (an overload's argument) */
    int k = state_key_index(p, e->rhs->str);
    Type *stored = k >= 0 ? p->state_key_types[k] : NULL;
    if (stored && is_tensor_type(stored)) stored = stored->cls->ty;  /* a tensor: its dtype is no part of a key */
    const char *value = stored ? type_key(p, stored) : NULL;
    const char *read = value;
    if (value && type_of_key(p, &read) != stored) value = NULL;  /* no key names it */
    const char *hint = state_key_hint(p, e->rhs->str);
    if (value && !learnt_type(p, hint)) {
      add_hint(p, arena_printf(p->arena, "%s%s", hint, value));
      continue;
    }
    if (!value)
      error_at(c, e, "this item has the type expected where it stands: annotate the variable it is assigned to "
               "(n: int = state[\"%s\"])%s", e->rhs->str, k >= 0 ? ", as the program stores values of several "
               "types under this key" : "");
  }
}

/* ---- namespace attributes that assignments declare ------------------------ */

/* ---- fields that a method other than __init__ first assigns -------------- */

/* "l module:Class.name=TYPE": `self.start = time.perf_counter()` in a
 * method of k gave k a late field of that type. */
static const char *late_key(Program *p, const ClassInfo *k) {
  return arena_printf(p->arena, "l %s:%s.", k->mod->name, k->name);
}

/* Keeps that k has a late field `name` of type t, for the next run; false
 * where it cannot be kept or is known already. */
bool late_field_learn(Program *p, const ClassInfo *k, const char *name, const Type *t) {
  const char *key = arena_printf(p->arena, "%s%s=", late_key(p, k), name), *value = type_key(p, t);
  if (!p->hints || !value || learnt_type(p, key)) return false;
  add_hint(p, arena_printf(p->arena, "%s%s", key, value));
  return true;
}

/* Each late field of k an earlier run learnt: fn(c, k, name, type). */
void late_fields_learnt(Ctx *c, ClassInfo *k, void (*fn)(Ctx *, ClassInfo *, const char *, Type *)) {
  Program *p = c->p;
  const char *prefix = late_key(p, k);
  size_t n = strlen(prefix);
  for (int i = 0; p->hints && i < p->hints->n; i++) {
    const char *h = p->hints->names[i], *eq = strchr(h, '=');
    if (strncmp(h, prefix, n) != 0 || !eq) continue;
    const char *s = eq + 1;
    Type *t = type_of_key(p, &s);
    if (t) fn(c, k, arena_strndup(p->arena, h + n, (size_t)(eq - h - n)), t);
  }
}

/* "a module:Class.name=TYPE": `args.cuda = ...` gave k's field that type. */
static const char *assigned_key(Program *p, const ClassInfo *k, const char *name) {
  return arena_printf(p->arena, "a %s:%s.%s=", k->mod->name, k->name, name);
}

/* The type an assignment gave field `name` of k in an earlier run, or NULL. */
Type *assigned_field_learnt(Program *p, const ClassInfo *k, const char *name) {
  return p->hints ? learnt_type(p, assigned_key(p, k, name)) : NULL;
}

/* An assignment gives field `name` of k type t: kept for the next run,
 * which declares the field before any body; false where it cannot be. */
bool assigned_field_learn(Program *p, const ClassInfo *k, const char *name, const Type *t) {
  const char *value = type_key(p, t);
  if (!p->hints || !value || assigned_field_learnt(p, k, name)) return false;
  add_hint(p, arena_printf(p->arena, "%s%s", assigned_key(p, k, name), value));
  return true;
}

/* "an int", "a Tensor" */
const char *a_type(Ctx *c, const Type *t) {
  const char *name = tn(c, t);
  return arena_printf(c->p->arena, "%s %s", strchr("aeiouAEIOU", name[0]) ? "an" : "a", name);
}

static bool numbers_meet(const Type *a, const Type *b) {
  return a && b && ((a->kind == TY_INT && b->kind == TY_FLOAT) || (a->kind == TY_FLOAT && b->kind == TY_INT));
}

/* A number and a tensor, where the tensor class makes tensors of numbers. */
static bool number_tensor_meet(Program *p, const Type *a, const Type *b) {
  ClassInfo *k = protocol_class(p, PROTO_TENSOR);
  if (!k || !k->from_number) return false;
  return (type_is_number(a) && is_tensor_type(b)) || (is_tensor_type(a) && type_is_number(b));
}

/* Two versions a and b of a name meet where `use` reads it. */
static Type *versions_meet(Ctx *c, Node *use, Sym *a, Sym *b, const char *how) {
  if (!a->ty || !b->ty) return error_at(c, use, "'%s' is used before it is assigned", a->name);
  if (numbers_meet(a->ty, b->ty) && learn_float(c, flow_base(a), use)) return T(TY_FLOAT);
  if (number_tensor_meet(c->p, a->ty, b->ty) && learn(c, flow_base(a), 'T', NULL))
    return type_plain(c->p, is_tensor_type(a->ty) ? a->ty : b->ty);
  if (number_pair(a->ty, b->ty) && learn(c, flow_base(a), 'N', NULL)) return T(TY_NUMBER);
  /* their union, whose calls and reads run each class's own (a common base's forward would take tensors only) */
  const ClassInfo *base = common_base(a->ty, b->ty);
  const char *or_base = base ? arena_printf(c->p->arena, ", or annotate it with their union where it is first "
                                            "assigned ('%s: %s | %s = ...')", a->name, tn(c, a->ty), tn(c, b->ty)) : "";
  return error_at(c, use, "'%s' is %s (assigned at line %d) or %s (line %d) here, %s: give one of them another "
                  "name%s", a->name, a_type(c, a->ty), line_of(a->decl), a_type(c, b->ty), line_of(b->decl), how,
                  or_base);
}

/* ---- reading and binding names ------------------------------------------ */

/* A read of v where some path has not assigned it (a loop that ran no
 * time): Python raises UnboundLocalError (NameError at the top level)
 * there; the C tests a flag that v's stores set. */
static void maybe_unbound_read(Ctx *c, Node *use, Sym *v) {
  use->flags |= EXPR_MAYBE_UNBOUND;
  if (v->bound_cname) return;
  const char *flag = arena_printf(c->p->arena, "%s_is_set", v->name);
  v->bound_cname = v->kind == SYM_GLOBAL ? c_global(c->p, c->m, flag) : c_local(c->p, c->fn, flag, false);
}

/* A read of name y (its first binding) at `use`: the version read, and
 * its type here. */
Type *flow_read(Ctx *c, Node *use, Sym *y, Sym **version) {
  Flow *f = entry_of(c->flow, y);
  *version = f ? f->version : y;
  if (f && f->at_head && !f->head_read) f->head_read = use;
  if (f && f->other) return versions_meet(c, use, f->version, f->other, "by the path taken");
  if ((f && f->unbound) || !(*version)->ty) return error_at(c, use, "'%s' is used before it is assigned", y->name);
  if (f && f->maybe_unbound) maybe_unbound_read(c, use, *version);
  /* Still only None where a loop may bring the T assigned further on: its
   * type is learnt for the next run, where the read is an Optional. */
  if ((*version)->ty->kind == TY_NONE && (*version)->none_assigned) (*version)->read_as_none = true;
  return f && f->ty ? f->ty : (*version)->ty;
}

/* The binding of y that holds its value here; NULL where none does (it is
 * not assigned yet, or two meet). */
/* Is y assigned on every path that comes to `at`? */
bool flow_bound(Flow *at, Sym *y) {
  Flow *f = entry_of(at, y);
  return !f || !(f->unbound || f->maybe_unbound);
}

Sym *flow_current(Ctx *c, Sym *y) {
  Flow *f = entry_of(c->flow, y);
  if (!f) return y;
  return f->unbound || f->other ? NULL : f->version;
}

/* Can binding v take a value of type ty and keep its type? Numbers keep
 * their own (an int in a float variable would print as a float); a tensor
 * of another dtype is the same variable (bind_name forgets its dtype). */
static bool keeps(const Sym *v, const Type *ty) {
  const Type *vt = v->ty ? type_settled(v->ty) : NULL;
  if (!vt || is_err(vt) || is_err(ty)) return true;
  if (vt->kind == TY_NONE) return v->none_assigned || ty->kind == TY_NONE;  /* None until a T comes */
  if (type_is_numeric(vt) && type_is_numeric(ty)) return vt->kind == ty->kind;
  if (vt->kind == TY_FLOAT && ty->kind == TY_NUMBER) return false;  /* its int would print as a float */
  if (vt->kind == TY_CLASS && ty->kind == TY_CLASS && vt->cls == ty->cls) return true;
  return assignable(vt, ty);
}

/* Locals and parameters may be rebound to another type, and so may a
 * module's globals in its top-level code (a function reading one sees its
 * first binding only); not a name whose type an annotation declares. */
bool flow_may_rebind(Ctx *c, const Sym *y) {
  if (y->annotated) return false;
  return is_flow_name(c, y);
}

static Sym *new_version(Ctx *c, Node *t, Sym *y) {
  bool global = y->kind == SYM_GLOBAL;
  Func *reader = flow_base(y)->read_by;  /* checked already: an __init__ or a function called above */
  if (global && reader)
    error_at(c, t, "'%s' is read by %s(), so it keeps one type: give this value another name", y->name,
             reader->qname);
  Sym *v = scope_add(c->p->arena, global ? &c->m->globals : &c->fn->locals, global ? SYM_GLOBAL : SYM_LOCAL,
                     y->name, t);
  v->cname = global ? c_global(c->p, c->m, y->name) : c_local(c->p, c->fn, y->name, false);
  v->mod = y->mod;
  v->base = y;
  Sym **tail = &y->next_version;
  while (*tail) tail = &(*tail)->next_version;
  *tail = v;
  return v;
}

/* The Optional type of y, first assigned None, that an earlier run learnt
 * from its later assignments (it is read before them), or NULL. */
Type *flow_none_type(Ctx *c, Sym *y) {
  const char *key = hint_value(c, y, 'n');
  Type *t = key ? type_of_key(c->p, &key) : NULL;
  return t && t->kind == TY_OPTIONAL ? t : NULL;
}

/* At the end of a function (a module's top level): a name read where it
 * was still None and given a T further on is learnt, for the next run. */
void flow_end(Ctx *c, Scope *s) {
  for (Sym *y = s->syms; y; y = y->next) {
    const char *key = y->read_as_none && y->ty && y->ty->kind == TY_OPTIONAL ? type_key(c->p, y->ty) : NULL;
    if (key) learn(c, y, 'n', key);
  }
}

/* Does y hold tensors from its first assignment on (a number it is given
 * met a tensor at a join: `correct = 0`, then `correct += (p == y).sum()`
 * in a loop)? */
bool flow_holds_tensors(Ctx *c, Sym *y) { return hinted(c, y, 'T'); }

/* Is y an Optional from its first assignment on (a later one assigns it
 * an Optional of its type)? */
bool flow_optional(Ctx *c, Sym *y) { return hinted(c, y, 'o'); }

/* The type that name y takes a value of type ty as, bound at node `at`: a
 * float for an int where y must hold floats there, an int | float for a
 * number where y must hold those. */
Type *flow_value_type(Ctx *c, Sym *y, Type *ty, const Node *at) {
  if (type_is_number(ty) && hinted(c, y, 'N')) return T(TY_NUMBER);
  return ty->kind == TY_INT && at->pos < float_end(c, y) ? T(TY_FLOAT) : ty;
}

/* The binding of name y that an assignment of a *value at target t stores
 * into: the one holding y's value here if it keeps the value's type, else
 * the version of that type, made if need be; NULL where y may not change
 * type. *value becomes flow_value_type's. */
Sym *flow_binding(Ctx *c, Node *t, Sym *y, Type **value) {
  Type *ty = *value = flow_value_type(c, y, *value, t);
  Sym *cur = flow_current(c, y);
  if (cur && keeps(cur, ty)) return cur;
  bool optional_of_it = cur && cur->ty && ty->kind == TY_OPTIONAL && assignable(cur->ty, ty->elem);
  if (optional_of_it && learn(c, y, 'o', NULL)) return cur;  /* node = node.next: Optional from the start, next run */
  if (!flow_may_rebind(c, y)) {  /* one variable: what it was made for takes what fits */
    Sym *v = cur ? cur : y;
    return !v->ty || assignable(v->ty, ty) ? v : NULL;
  }
  for (Sym *v = y; v; v = v->next_version)
    if (keeps(v, ty)) return v;
  return new_version(c, t, y);
}

/* A bool or an int stored as a union's wider number member m: it keeps
 * its own type (`x: int | str = True` prints True). */
static bool widened_number(const Type *t, const Type *m) {
  bool wider = m->kind == TY_FLOAT || (m->kind == TY_INT && t->kind == TY_BOOL);
  return wider && (t->kind == TY_BOOL || t->kind == TY_INT);
}

/* After y's binding v is assigned a value of type t: v holds y's value,
 * and an Optional is a T after `y = t_value`, None after `y = None`. */
void flow_assigned(Ctx *c, Sym *y, Sym *v, Type *t) {
  Type *ty = NULL;
  if (v->ty && v->ty->kind == TY_OPTIONAL) {
    bool exact = t->kind == TY_NONE || (t->kind != TY_OPTIONAL && !is_err(t) && assignable(v->ty->elem, t));
    ty = exact && t->kind != TY_NONE ? v->ty->elem : exact ? t : NULL;
  }
  Type *own = ty ? ty : v->ty;
  Type *member = own && own->kind == TY_UNION && t->kind != TY_UNION && !is_err(t) ? union_member(own, t) : NULL;
  /* `h = torch.zeros(3)` of a union: a Tensor until assigned again; `x = True` of an int | str: a bool */
  if (member && !rebound_elsewhere(c, y)) ty = t->kind == TY_CLASS || widened_number(t, member) ? t : member;
  if (own && own->kind == TY_CLASS && t->kind == TY_CLASS && t->cls != own->cls && class_derives(t->cls, own->cls) &&
      !rebound_elsewhere(c, y))
    ty = t;  /* `s = Square(2.0)` of a Shape variable: a Square until it is assigned again */
  Flow *f = entry_of(c->flow, y);
  bool same = f ? f->version == v && !f->unbound && !f->other && !f->at_head && !f->ty : v == y;
  bool object = v->ty && v->ty->kind == TY_CLASS && !v->ty->cls->is_extern;  /* its fields' narrowings end */
  if (same && !ty && !object) return;  /* nothing new: the list stays as short as it can */
  c->flow = push(c, c->flow, y, v, ty);
}

/* ---- narrowing by conditions --------------------------------------------- */

/* The optional variable that e names, or NULL. */
static Sym *optional_name(Node *e) {
  if (e->kind != EX_NAME || !e->sym || !e->sym->ty || e->sym->ty->kind != TY_OPTIONAL) return NULL;
  Sym *y = e->sym;
  return y->kind == SYM_LOCAL || y->kind == SYM_PARAM || y->kind == SYM_GLOBAL ? y : NULL;
}

/* The field of a variable's object that e reads (`self.hidden`), or NULL. */
static Field *variable_field(Node *e) {
  Field *f = e->kind == EX_ATTR && !(e->flags & ATTR_PROPERTY) && !e->sym ? e->info : NULL;
  return f && object_binding(e->lhs) ? f : NULL;
}

/* The Optional field of a variable's object that e reads, or NULL. */
static Field *optional_field(Node *e) {
  Field *f = variable_field(e);
  return f && f->ty->kind == TY_OPTIONAL ? f : NULL;
}

/* e (an Optional name or field) is not None where `on` holds. */
static Flow *not_none_on(Ctx *c, Node *e, Flow *on) {
  Field *f = optional_field(e);
  if (f) {
    on = push(c, on, e->lhs->sym, e->lhs->sym, f->ty->elem);
    on->field = f;
    return on;
  }
  Sym *v = optional_name(e);
  return v ? push(c, on, flow_base(v), v, v->ty->elem) : on;
}

/* `x is None` / `x is not None` (either way round): x, and whether the
 * test is true when x is None. */
Node *none_test(Node *cond, bool *true_if_none) {
  if (cond->kind != EX_COMPARE || cond->cmps->next) return NULL;
  Node *cmp = cond->cmps;
  if (cmp->op != OP_IS && cmp->op != OP_ISNOT) return NULL;
  *true_if_none = cmp->op == OP_IS;
  return cond->lhs->kind == EX_NONE ? cmp->rhs : cmp->rhs->kind == EX_NONE ? cond->lhs : NULL;
}

/* Does a statement of list st, or one nested in it (a def's too), list
 * `name` in a statement of kind `kind` (ST_GLOBAL, ST_NONLOCAL)? */
static bool declares(const Node *st, NodeKind kind, const char *name) {
  for (; st; st = st->next) {
    for (const Node *n = st->kind == kind ? st->names : NULL; n; n = n->next)
      if (strcmp(n->name, name) == 0) return true;
    if (declares(st->body, kind, name) || declares(st->orelse, kind, name) || declares(st->handlers, kind, name) ||
        declares(st->finalbody, kind, name))
      return true;
  }
  return false;
}

/* May a call rebind variable v behind the code that reads it (a `global
 * v` or `nonlocal v` in a function)? Then no test or assignment narrows
 * its class: the read is cast, unchecked. */
bool rebound_elsewhere(Ctx *c, const Sym *v) {
  if (v->kind == SYM_GLOBAL) return declares(c->m->ast->body, ST_GLOBAL, v->name);
  return c->fn && c->fn->decl && declares(c->fn->decl->body, ST_NONLOCAL, v->name);
}

/* `if isinstance(m, nn.Linear):` of a name holding an nn.Module (or an
 * Optional of one): m is an nn.Linear where `on` holds, as type checkers
 * narrow it. The variable keeps its C type; emit casts its reads. */
static Flow *narrow_to_class(Ctx *c, Node *x, ClassInfo *k, Flow *on) {
  Sym *v = x->kind == EX_NAME ? x->sym : NULL;
  if (!v || !(v->kind == SYM_LOCAL || v->kind == SYM_PARAM || v->kind == SYM_GLOBAL) || !x->ty) return on;
  if (rebound_elsewhere(c, flow_base(v))) return on;
  Type *t = type_settled(x->ty);
  if (t->kind == TY_OPTIONAL) t = t->elem;
  if (t->kind != TY_CLASS || t->cls == k || !class_derives(k, t->cls) || class_template(k)) return on;
  return push(c, on, flow_base(v), v, k->ty);
}

/* The variable x names where a test narrows it (none that a nested
 * function rebinds behind the test), or NULL. */
static Sym *narrowable_name(Ctx *c, Node *x) {
  Sym *v = x->kind == EX_NAME ? x->sym : NULL;
  bool variable = v && (v->kind == SYM_LOCAL || v->kind == SYM_PARAM || v->kind == SYM_GLOBAL);
  return variable && !rebound_elsewhere(c, flow_base(v)) ? v : NULL;
}

/* `if isinstance(h, torch.Tensor):` of a name holding a union value (or
 * an Optional of one): h is of the members the test takes where `on`
 * holds (ty, check_builtin.c isinstance_union), and emit reads it as one. */
static Flow *narrow_union(Ctx *c, Node *x, Type *ty, Flow *on) {
  if (x->kind == EX_NAMEDEXPR) x = x->lhs;  /* `isinstance((held := make(k)), A)` narrows held */
  Field *f = variable_field(x);
  if (f && ty) {  /* `if isinstance(self.hidden, tuple):` */
    on = push(c, on, x->lhs->sym, x->lhs->sym, ty);
    on->field = f;
    return on;
  }
  Sym *v = narrowable_name(c, x);
  return v && ty ? push(c, on, flow_base(v), v, ty) : on;
}

/* Does an isinstance test of x narrow it (a variable, or a field of a
 * variable's object, that nothing else rebinds behind the test)? */
bool union_narrowable(Ctx *c, Node *x) { return variable_field(x) || narrowable_name(c, x); }

/* Is x a read of an object's field (not a property, a bound method, a
 * named tuple's item or a namespace's slot)? */
static bool reads_field(const Node *x) {
  return x->kind == EX_ATTR && x->info && !x->sym && !(x->flags & (ATTR_PROPERTY | ATTR_BOUND | ATTR_TUPLE_FIELD)) &&
         x->lhs->ty && x->lhs->ty->kind == TY_CLASS && x->lhs->ty->cls->protocol != PROTO_NAMESPACE;
}

/* Is x a read of a field of a variable's object (`self.size`), which
 * has no effect, so that a test of it the types decide may be left out? */
bool variable_field_read(Node *x) { return reads_field(x) && object_binding(x->lhs); }

/* Does x read a variable or a field declared a union (not an Optional
 * of one), which a read narrowed to a member tests where it runs
 * (emit_expr.c union_read)? */
bool union_read_node(const Node *x) {
  const Type *t = NULL;
  if (x->kind == EX_NAME && x->sym && x->sym->kind != SYM_MODNAME && !(x->flags & NAME_NARROW_CHECKED))
    t = x->sym->ty;
  if (reads_field(x)) t = ((Field *)x->info)->ty;
  return t && type_settled((Type *)t)->kind == TY_UNION;
}

/* `p.speak()`, `p.name` of a name p holding a union of classes (`Dog |
 * Cat`): p read as the nearest class its members derive, whose method
 * runs for each (emit reads the object inside). Else t. */
Type *union_receiver(Node *x, Type *t) {
  ClassInfo *k = (x->kind == EX_NAME && x->sym) || reads_field(x) ? union_base(t) : NULL;
  return k ? set_type(x, k->ty) : t;
}

/* The class T of `torch.is_tensor(x)` (a call of one argument of an
 * extern declared `-> TypeIs[T]`), which tests isinstance(x, T); else NULL. */
const Type *guard_tested(const Node *cond) {
  const CallInfo *ci = cond->kind == EX_CALL ? cond->info : NULL;
  const Type *g = ci && ci->kind == CALL_FUNC && ci->fn ? ci->fn->guard : NULL;
  return g && g->kind == TY_CLASS && cond->args && !cond->args->next && cond->args->kind != ND_KEYWORD ? g : NULL;
}

/* A TypeIs test of x for class k where it is `truth`: x is a k (of a
 * class it derives), or of the union's members that are (are not) ones. */
static Flow *narrow_guarded(Ctx *c, Node *x, ClassInfo *k, bool truth, Flow *on) {
  Type *t = x->ty ? type_settled(x->ty) : NULL;
  if (!t || t->kind != TY_UNION) return truth ? narrow_to_class(c, x, k, on) : on;
  Type **kept = arena_alloc(c->p->arena, t->nitems * sizeof *kept);
  int n = 0;
  for (int i = 0; i < t->nitems; i++)
    if ((t->items[i]->kind == TY_CLASS && class_derives(t->items[i]->cls, k)) == truth) kept[n++] = t->items[i];
  return n ? narrow_union(c, x, type_union(c->p, kept, n), on) : on;
}

/* Optional variable v is None where `on` holds; not of a global a
 * function rebinds (`global g`), which a call there may set. */
static Flow *none_on(Ctx *c, Sym *v, Flow *on) {
  return rebound_elsewhere(c, flow_base(v)) ? on : push(c, on, flow_base(v), v, T(TY_NONE));
}

/* Is cond `isinstance(x, K)` of an x declared Optional[C], C deriving K,
 * so that it is false of None alone? */
static bool optional_of_derived(const Node *cond, const CallInfo *ci) {
  if (!ci || ci->kind != CALL_BUILTIN || ci->builtin != BI_ISINSTANCE || !ci->cls) return false;
  const Sym *v = optional_name((Node *)cond->args);
  const Type *t = v ? v->ty->elem : NULL;
  return t && t->kind == TY_CLASS && class_derives(t->cls, ci->cls);
}

/* The narrowings that hold where cond (already checked) is `truth`, on
 * top of `on`. (A field known None stays an Optional: nothing reads it.) */
Flow *narrow_by(Ctx *c, Node *cond, bool truth, Flow *on) {
  if (cond->kind == EX_NAMEDEXPR) cond = cond->lhs;  /* `if (m := match()):` tests m */
  bool if_none;
  Node *x = none_test(cond, &if_none);
  if (x && x->kind == EX_NAMEDEXPR) x = x->lhs;
  Sym *v = x ? optional_name(x) : NULL;
  if (v && if_none == truth) return none_on(c, v, on);
  if (v) return push(c, on, flow_base(v), v, v->ty->elem);
  if (x && if_none != truth) return not_none_on(c, x, on);
  if (x) return on;
  if (truth && (optional_name(cond) || optional_field(cond)))
    return not_none_on(c, cond, on);  /* `if x:` - None is false */
  CallInfo *ci = cond->kind == EX_CALL ? cond->info : NULL;
  if (ci && ci->kind == CALL_BUILTIN && ci->builtin == BI_ISINSTANCE && ci->isa == ISA_UNION)
    return narrow_union(c, cond->args, truth ? ci->isa_yes : ci->isa_no, on);
  bool isa = ci && ci->kind == CALL_BUILTIN && ci->builtin == BI_ISINSTANCE && !ci->cls && ci->isa == ISA_NOT_NONE;
  if (truth && isa && (optional_name(cond->args) || optional_field(cond->args)))
    return not_none_on(c, cond->args, on);  /* `if isinstance(x, int):` of an Optional[int] */
  if (truth && optional_of_derived(cond, ci))
    return not_none_on(c, cond->args, on);  /* `if isinstance(d, torch.device):` of an Optional[device] */
  if (!truth && (isa || optional_of_derived(cond, ci)) && optional_name(cond->args))
    return none_on(c, cond->args->sym, on);  /* not an int: None */
  if (truth && ci && ci->kind == CALL_BUILTIN && ci->builtin == BI_ISINSTANCE && ci->cls)
    return narrow_to_class(c, cond->args, ci->cls, on);
  const Type *g = guard_tested(cond);
  if (g) return narrow_guarded(c, cond->args, g->cls, truth, on);
  bool one_class = ci && ci->kind == CALL_BUILTIN && ci->builtin == BI_HASATTR && ci->isa == ISA_DYNAMIC &&
                   ci->nhas_classes == 1 && !ci->has_field && !ci->has_method;
  if (truth && one_class)  /* `if hasattr(model, "module"):` of one class that has it: an object of it */
    return narrow_to_class(c, cond->args, ci->has_classes[0], on);
  if (cond->kind == EX_UNARY && cond->op == OP_NOT) return narrow_by(c, cond->lhs, !truth, on);
  bool both = cond->kind == EX_BOOLOP && (cond->op == OP_AND) == truth;
  if (both) return narrow_by(c, cond->rhs, truth, narrow_by(c, cond->lhs, truth, on));
  return on;
}

/* The narrowings of f's entries above `on` that are of the variables of
 * scope s, copied onto `on`. */
static Flow *entries_of_scope(Ctx *c, Flow *f, Flow *on, const Scope *s) {
  if (!f || f == on) return on;
  Flow *below = entries_of_scope(c, f->next, on, s);
  bool own = false;
  for (const Sym *y = s->syms; y && !own; y = y->next) own = y == f->sym || y == f->sym->base;
  if (!own) return below;
  Flow *copy = arena_alloc(c->p->arena, sizeof *copy);
  *copy = *f;
  copy->next = below;
  return copy;
}

/* The narrowings that a comprehension's condition cond gives the
 * variables of its scope s (`if isinstance(r, Rect)` of its `for r in`),
 * on top of `on`: only those, as the condition holds in the element only
 * and the flow goes on after the comprehension (a `:=` in it binds). */
Flow *narrow_targets(Ctx *c, Node *cond, const Scope *s, Flow *on) {
  return entries_of_scope(c, narrow_by(c, cond, true, on), on, s);
}

/* ---- narrowing of fields ---------------------------------------------------- */

/* The type that `list` narrows field f of the object binding v holds to, or NULL. */
static Type *field_narrowed(Flow *list, const Sym *v, const Field *f) {
  const Sym *y = v->base ? v->base : v;
  for (Flow *e = list; e; e = e->next) {
    if (e->forget_fields && (!e->field || e->field == f)) return NULL;
    if (e->field) {
      if (e->field == f && e->sym == v) return e->ty;
    } else if (e->sym == y) {
      return NULL;  /* the variable is bound again (or narrowed itself) */
    }
  }
  return NULL;
}

/* Can a field of type t be narrowed (to a T, or to a class deriving it)? */
static bool narrowable(const Type *t) { return t->kind == TY_OPTIONAL || t->kind == TY_CLASS || t->kind == TY_UNION; }

/* The type of e, a read of field f (its object checked): the field's, or
 * what a test or an assignment narrowed it to. */
Type *field_read(Ctx *c, Node *e, Field *f) {
  Sym *v = object_binding(e->lhs);
  Type *t = v && narrowable(f->ty) ? field_narrowed(c->flow, v, f) : NULL;
  return t ? t : type_settled(f->ty);  /* `self.layers = []` that __init__ then typed */
}

static Flow *forget(Ctx *c, Flow *on, Field *f) {
  on = push(c, on, NULL, NULL, NULL);
  on->forget_fields = true;
  on->field = f;
  return on;
}

/* `x.f = value`: x.f of any object is what it was no more; of a variable's
 * object, an Optional field is a T after an assignment of a T, and a field
 * of a class C the class deriving C that the value is (`self.net:
 * nn.Module = resnet18()`, then `self.net.fc` is the ResNet's): a class of
 * the program's or a module, whose class the emitted read tests. */
void field_stored(Ctx *c, Node *t, Field *f, Type *value) {
  if (f->none_only) none_field_typed(c, t->lhs->ty, f, value);
  c->flow = forget(c, c->flow, f);
  Sym *v = object_binding(t->lhs);
  bool exact = f->ty->kind == TY_OPTIONAL && value->kind != TY_NONE && value->kind != TY_OPTIONAL &&
               !is_err(value) && assignable(f->ty->elem, value);
  bool derived = f->ty->kind == TY_CLASS && value->kind == TY_CLASS && value != f->ty && assignable(f->ty, value) &&
                 (!value->cls->is_extern || value->cls->protocol == PROTO_MODULE);  /* a class its C can test */
  const Type *u = f->ty->kind == TY_OPTIONAL ? f->ty->elem : f->ty;
  Type *member = u->kind == TY_UNION && value->kind != TY_UNION && !is_err(value) ? union_member(u, value) : NULL;
  if (member)  /* `self.h = torch.zeros(3)` of a union field: a Tensor until assigned again */
    exact = derived = false;
  if (v && (exact || derived || member)) {
    c->flow = push(c, c->flow, v, v, member ? (value->kind == TY_CLASS ? value : member) : exact ? f->ty->elem : value);
    c->flow->field = f;
  }
}

/* A value through which no field of an object can be reached: a number,
 * a str, None, a tensor (the library's object, of no fields to narrow),
 * and containers of them. */
static bool reaches_no_object(const Type *t) {
  if (!t) return false;
  switch (t->kind) {
  case TY_INT: case TY_FLOAT: case TY_BOOL: case TY_STR: case TY_NONE: case TY_NUMBER: return true;
  case TY_OPTIONAL: case TY_LIST: case TY_SET: case TY_VARTUPLE: return reaches_no_object(t->elem);
  case TY_DICT: return reaches_no_object(t->key) && reaches_no_object(t->elem);
  case TY_TUPLE:
    for (int i = 0; i < t->nitems; i++)
      if (!reaches_no_object(t->items[i])) return false;
    return true;
  case TY_CLASS: return t->cls->is_extern && t->cls->protocol == PROTO_TENSOR;
  default: return false;
  }
}

/* Can a call of a library function (random.seed(n)) reach an object of
 * the program? Only through what it is given: the library does not
 * import the program's modules. */
static bool library_call_reaches(const CallInfo *ci, const Module *m) {
  if (!m || !m->is_stdlib) return true;
  if (ci->recv && !reaches_no_object(ci->recv->ty)) return true;
  for (int i = 0; i < ci->nargs; i++)
    if (ci->args[i] && !reaches_no_object(ci->args[i]->ty)) return true;
  for (int i = 0; i < ci->nvargs; i++)
    if (!reaches_no_object(ci->vargs[i]->ty)) return true;
  return false;
}

/* After a call: one of a .gtp function may assign any field it reaches. */
void flow_called(Ctx *c, Node *call) {
  const CallInfo *ci = call->info;
  bool fn = ci && (ci->kind == CALL_FUNC || ci->kind == CALL_METHOD) && ci->fn && !ci->fn->is_extern;
  bool ctor = ci && ci->kind == CALL_CTOR && ci->cls && !ci->cls->is_extern;
  bool gtp = (fn && library_call_reaches(ci, ci->fn->mod)) || (ctor && library_call_reaches(ci, ci->cls->mod));
  if (gtp) c->flow = forget(c, c->flow, NULL);
}

static bool forgets_fields(Flow *from, Flow *to) {
  for (Flow *e = from; e && e != to; e = e->next)
    if (e->forget_fields) return true;
  return false;
}

/* Back to `saved` after a branch of an expression (`x and f()`), ended at
 * c->flow (or at other_end, another such branch): its narrowings end
 * there, but fields a call in it may have assigned stay forgotten. */
void flow_restore(Ctx *c, Flow *saved, Flow *other_end) {
  bool forgot = forgets_fields(c->flow, saved) || (other_end && forgets_fields(other_end, saved));
  c->flow = forgot ? forget(c, saved, NULL) : saved;
}

/* Where `ends` meet: if any forgets or narrows a field after base, every
 * field narrowing before is forgotten, and those that every end has are
 * narrowed again. */
static Flow *join_fields(Ctx *c, Flow *out, Flow *base, Flow **ends, int n) {
  bool touched = false;
  for (int i = 0; i < n && !touched; i++)
    for (Flow *e = ends[i]; e && e != base && !touched; e = e->next) touched = e->field || e->forget_fields;
  if (!touched) return out;
  out = forget(c, out, NULL);
  for (Flow *e = ends[0]; e && !(e->forget_fields && !e->field); e = e->next) {
    if (!e->field || e->forget_fields) continue;
    Type *t = field_narrowed(ends[0], e->sym, e->field);
    bool all = t == e->ty;
    for (int i = 1; i < n && all; i++) all = field_narrowed(ends[i], e->sym, e->field) == t;
    if (all && field_narrowed(out, e->sym, e->field) != t) {
      out = push(c, out, e->sym, e->sym, t);
      out->field = e->field;
    }
  }
  return out;
}

/* Where a statement list never falls through its end: it returns,
 * breaks, continues, or calls a function that never returns. */
bool block_exits(Node *body) {
  Node *last = body;
  while (last && last->next) last = last->next;
  if (!last) return false;
  switch (last->kind) {
  case ST_RETURN: case ST_BREAK: case ST_CONTINUE: case ST_RAISE: return true;
  case ST_EXPR: return never_returns(last->lhs);
  case ST_ASSERT: return last->cond->kind == EX_FALSE;
  case ST_IF:
    if (last->flags & IF_ALWAYS) return block_exits(last->body);
    if (last->flags & IF_NEVER) return block_exits(last->orelse);
    return last->orelse && block_exits(last->body) && block_exits(last->orelse);
  default: return false;
  }
}

/* ---- joins ----------------------------------------------------------------- */

/* y where the states `ends` meet, pushed on `out`: unbound if it is on
 * every path, else the version every path leaves it in (narrowed as they
 * all narrow it), else both of two versions that meet. */
static Flow *merge(Ctx *c, Flow *out, Sym *y, Flow **ends, int n) {
  Sym *a = NULL, *b = NULL;
  Type *ty = NULL;
  bool first = true, some_unbound = false;
  for (int i = 0; i < n; i++) {
    Flow *f = entry_of(ends[i], y);
    some_unbound |= f && (f->unbound || f->maybe_unbound);
    if (f && f->unbound) continue;
    Sym *vs[] = {f ? f->version : y, f ? f->other : NULL};
    for (int k = 0; k < 2; k++) {
      if (!vs[k] || vs[k] == a || vs[k] == b) continue;
      if (!a) a = vs[k];
      else if (!b) b = vs[k];
    }
    Type *t = f ? f->ty : NULL;
    if (!first && t != ty) ty = NULL;
    if (first) ty = t;
    first = false;
  }
  out = push(c, out, y, a ? a : y, b ? NULL : ty);
  out->unbound = !a;
  out->maybe_unbound = a && some_unbound;
  out->other = b;
  return out;
}

/* The state where `ends`, each grown from `base`, meet: base, and an entry
 * for each name an end has one for above base. */
static Flow *join(Ctx *c, Flow *base, Flow **ends, int n) {
  if (n == 0) return base;  /* nothing comes here */
  if (n == 1) return ends[0];
  Flow *out = base;
  for (int i = 0; i < n; i++)
    for (Flow *f = ends[i]; f && f != base; f = f->next) {
      if (f->field || f->forget_fields) continue;
      Flow *done = entry_of(out, f->sym);
      bool merged = false;
      for (Flow *g = out; g && g != base && !merged; g = g->next) merged = g == done;
      if (!merged) out = merge(c, out, f->sym, ends, n);
    }
  return join_fields(c, out, base, ends, n);
}

/* After `if`: what the branches that fall through leave, `body` and
 * `orelse` being the states each ended with, both grown from `base`. */
Flow *flow_join_if(Ctx *c, Flow *base, Flow *body, bool body_exits, Flow *orelse, bool else_exits) {
  Flow *ends[2];
  int n = 0;
  if (!body_exits) ends[n++] = body;
  if (!else_exits) ends[n++] = orelse;
  return join(c, base, ends, n);
}

/* ---- loops ------------------------------------------------------------------ */

void flow_add_state(Ctx *c, FlowList *l, Flow *f) {
  if (l->n == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 4;
    Flow **more = arena_alloc(c->p->arena, l->cap * sizeof *more);
    if (l->n) memcpy(more, l->items, l->n * sizeof *more);
    l->items = more;
  }
  l->items[l->n++] = f;
}

/* An entry at the loop's head for each name that target t assigns. */
static void enter_target(Ctx *c, LoopFlow *lf, Node *t) {
  if (!t) return;
  if (t->kind == EX_TUPLE || t->kind == EX_LIST)
    for (Node *x = t->elts; x; x = x->next) enter_target(c, lf, x);
  if (t->kind == EX_STARRED) enter_target(c, lf, t->lhs);  /* for first, *rest in rows */
  if (t->kind != EX_NAME) return;
  Sym *y = find_name(c, t->name);
  if (!y || (y->kind != SYM_LOCAL && y->kind != SYM_PARAM && y->kind != SYM_GLOBAL)) return;
  for (Flow *f = c->flow; f != lf->pre; f = f->next)
    if (f->sym == y && !f->field) return;  /* entered already */
  Flow *cur = entry_of(c->flow, y);
  c->flow = push(c, c->flow, y, cur ? cur->version : y, NULL);
  c->flow->unbound = cur && cur->unbound;
  c->flow->maybe_unbound = cur && cur->maybe_unbound;
  c->flow->other = cur ? cur->other : NULL;
  c->flow->at_head = true;
}

typedef struct Entering {
  Ctx *c;
  LoopFlow *lf;
} Entering;

static void enter_named(Node *target, Node *value, void *ctx) {
  (void)value;
  Entering *en = ctx;
  enter_target(en->c, en->lf, target);
}

/* The names a statement list assigns (not in nested definitions), also
 * with assignment expressions. */
static void enter_assigned(Ctx *c, LoopFlow *lf, Node *body) {
  Entering en = {c, lf};
  for (Node *st = body; st; st = st->next) {
    ast_named_targets(st, enter_named, &en);
    switch (st->kind) {
    case ST_ASSIGN:
      for (Node *t = st->lhs; t; t = t->next) enter_target(c, lf, t);
      break;
    case ST_ANNASSIGN: case ST_AUGASSIGN: case ST_FOR: enter_target(c, lf, st->lhs); break;
    case ST_WITH:
      for (Node *it = st->items; it; it = it->next) enter_target(c, lf, it->rhs);
      break;
    default: break;
    }
    if (st->kind != ST_FUNCDEF && st->kind != ST_CLASSDEF) {
      enter_assigned(c, lf, st->body);
      enter_assigned(c, lf, st->orelse);
      enter_assigned(c, lf, st->finalbody);
    }
    for (Node *h = st->kind == ST_TRY ? st->handlers : NULL; h; h = h->next) {
      enter_target(c, lf, h->rhs);
      enter_assigned(c, lf, h->body);
    }
  }
}

/* Entering a loop whose body (and for-target, or while-condition: loop) assign some names: at the
 * head, each may hold what an earlier iteration left, so it loses its
 * narrowing, and its entry there notes a read that comes before the body
 * assigns it (flow_loop_head checks that read). */
void flow_loop_enter(Ctx *c, LoopFlow *lf, Node *target, Node *loop, Node *body) {
  memset(lf, 0, sizeof *lf);
  lf->pre = c->flow;
  c->flow = forget(c, c->flow, NULL);  /* what an iteration leaves of fields is not followed */
  enter_target(c, lf, target);
  if (loop) {  /* a while's condition, evaluated at the head: `while (line := next_line()):` */
    Entering en = {c, lf};
    ast_named_targets(loop, enter_named, &en);
  }
  enter_assigned(c, lf, body);
  lf->head = c->flow;
}

/* `continue` or `break`: the state goes to the loop's head or its end. */
void flow_jump(Ctx *c, bool is_break) {
  if (c->loop) flow_add_state(c, is_break ? &c->loop->breaks : &c->loop->again, c->flow);
}

/* The version of y that state f leaves it in where it is one. */
static Sym *left_in(Flow *state, Flow *head_entry) {
  Flow *f = entry_of(state, head_entry->sym);
  if (!f || f->unbound) return NULL;
  return f->other && f->version == head_entry->version ? f->other : f->version;
}

/* At the head, after the body is checked (`end`: the state where it ends):
 * a read at the head sees what the loop began with, and also what each
 * iteration leaves; they must agree. Returns the state at the head after
 * any number of iterations. */
Flow *flow_loop_head(Ctx *c, LoopFlow *lf, Flow *end, bool end_falls_through) {
  if (end_falls_through) flow_add_state(c, &lf->again, end);
  for (Flow *h = lf->head; h != lf->pre; h = h->next) {
    if (!h->head_read || h->unbound) continue;
    for (int i = 0; i < lf->again.n; i++) {
      Sym *v = left_in(lf->again.items[i], h);
      if (!v || v == h->version) continue;
      versions_meet(c, h->head_read, h->version, v, "as an earlier iteration of the loop leaves it");
      break;
    }
  }
  Flow **ends = arena_alloc(c->p->arena, (lf->again.n + 1) * sizeof *ends);
  ends[0] = lf->tested ? lf->tested : lf->head;
  if (lf->again.n) memcpy(ends + 1, lf->again.items, lf->again.n * sizeof *ends);
  return join(c, lf->pre, ends, lf->again.n + 1);
}

/* After the loop: `last` (the end of its else block, or the state where
 * it leaves at its head) if that falls through, and each `break`. */
Flow *flow_loop_after(Ctx *c, LoopFlow *lf, Flow *last, bool falls_through) {
  if (falls_through) flow_add_state(c, &lf->breaks, last);
  return join(c, lf->pre, lf->breaks.items, lf->breaks.n);
}

/* ---- exceptions ------------------------------------------------------------- */

/* Where the states of `l`, each grown from base, meet. */
Flow *flow_join_states(Ctx *c, Flow *base, FlowList *l) { return join(c, base, l->items, l->n); }

/* In a try body, an exception may leave from here to its handlers. */
void flow_may_raise(Ctx *c) {
  if (c->raising) flow_add_state(c, c->raising, c->flow);
}

/* `except E as e` ends with e deleted: unbound, as before any assignment. */
void flow_deleted(Ctx *c, Sym *y) {
  Sym *base = flow_base(y);
  if (!is_flow_name(c, base)) return;
  c->flow = push(c, c->flow, base, base, NULL);
  c->flow->unbound = true;
}

/* ---- None where a value is needed -------------------------------------- */

/* e, a union value t used where one of its members is needed (an
 * operand, an iterable, a receiver): an error that says how to narrow it. */
Type *union_unnarrowed(Ctx *c, Node *e, Type *t) {
  const char *name = e->kind == EX_NAME ? e->name : "x";
  return error_at(c, e, "%s is %s, which one known where it runs: test isinstance(%s, T) before using it as a T",
                  e->kind == EX_NAME ? arena_printf(c->p->arena, "'%s'", e->name) : "this value", a_type(c, t), name);
}

/* e, of type t, where a value that is not None is needed: an Optional
 * there is an error that says how to narrow it. */
Type *not_none(Ctx *c, Node *e, Type *t) {
  if (t->kind == TY_NONE && e->kind == EX_NAME && e->sym && e->sym->none_assigned) {
    e->sym->read_as_none = true;  /* its T, once known, is a hint for the next run (flow_end) */
    return error_at(c, e, "'%s' is None here, and is given another type only further on: declare it with its type "
                    "where it is first assigned ('%s: Optional[T] = None')", e->name, e->name);
  }
  if (t->kind == TY_UNION && !union_base(t)) return union_unnarrowed(c, e, t);
  if (t->kind != TY_OPTIONAL) return t;
  bool field = e->kind == EX_ATTR && e->lhs->kind == EX_NAME;  /* 'self.hidden' */
  const char *name = e->kind == EX_NAME ? e->name
                     : field            ? arena_printf(c->p->arena, "%s.%s", e->lhs->name, e->name)
                                        : NULL;
  const char *what = name ? arena_printf(c->p->arena, "'%s'", name) : "this value";
  return error_at(c, e, "%s may be None here (it is an %s): test '%s is not None' before using it", what, tn(c, t),
                  name ? name : "x");
}

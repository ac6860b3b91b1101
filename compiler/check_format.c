/* check_format.c - str.format(...) and str % args.
 *
 * A constant format string is parsed here, as CPython's str.format parses
 * it, into the fields of an f-string (an EX_FSTRING in CallInfo.format
 * whose ND_FMTVALUEs read the call's arguments, ival their index), so that
 * emit writes the C of the equivalent f-string; its mistakes (a missing
 * argument, a stray brace) are compile errors with CPython's messages. A
 * format string known only at run time goes to the runtime's formatter,
 * which raises CPython's errors there. `fmt % args` is formatted by the
 * runtime; a constant `fmt` is checked here against the arguments' count
 * and types.
 */
#include "check.h"

/* A field's value: printable, and a class's __format__ of Python's signature. */
void check_fmt_value(Ctx *c, Node *part, Type *t) {
  if (!printable(t)) error_at(c, part->lhs, "cannot format a value of type %s", tn(c, t));
  if (!part->conv && t->kind == TY_CLASS && !t->cls->format && class_method(t->cls, "__format__"))
    error_at(c, part->lhs, "formatting a %s calls %s.__format__, which must take self and a str, and return str",
             tn(c, t), tn(c, t));
}

/* ---- str.format ------------------------------------------------------------- */

typedef struct FmtParse {
  Ctx *c;
  Node *lit;                /* the format string, where errors point */
  Node **args;              /* positional arguments, then the keyword ones (ND_KEYWORD) */
  int npos, nall;
  int auto_state;           /* 0 not yet, 1 automatic numbering, 2 manual */
  int auto_next;
  bool failed;
} FmtParse;

static Node *fmt_error(FmtParse *fp, const char *msg, const char *arg) {
  if (!fp->failed) error_at(fp->c, fp->lit, msg, arg);
  fp->failed = true;
  return NULL;
}

/* A field's argument (by index, by keyword, or the next one): its index in fp->args. */
static int fmt_arg(FmtParse *fp, const char *name, size_t n) {
  bool index = n > 0;
  long k = 0;
  for (size_t i = 0; i < n && index; i++) {
    index = name[i] >= '0' && name[i] <= '9';
    if (index && k < 1000000) k = k * 10 + (name[i] - '0');
  }
  if (n == 0 && fp->auto_state == 2) {
    fmt_error(fp, "cannot switch from manual field specification to automatic field numbering%s", "");
    return -1;
  }
  if (index && fp->auto_state == 1) {
    fmt_error(fp, "cannot switch from automatic field numbering to manual field specification%s", "");
    return -1;
  }
  if (n == 0) {
    fp->auto_state = 1;
    k = fp->auto_next++;
  } else if (index) {
    fp->auto_state = 2;
  }
  if (index || n == 0) {
    if (k >= fp->npos) {
      const char *at = n ? arena_printf(fp->c->p->arena, "%.*s", (int)n, name) : arena_printf(fp->c->p->arena, "%ld", k);
      fmt_error(fp, "Replacement index %s out of range for positional args tuple (IndexError): the call "
                    "passes fewer", at);
      return -1;
    }
    return (int)k;
  }
  for (int i = fp->npos; i < fp->nall; i++)
    if (strlen(fp->args[i]->name) == n && memcmp(fp->args[i]->name, name, n) == 0) return i;
  fmt_error(fp, "the format names the keyword argument '%s', which the call does not pass (KeyError)",
            arena_printf(fp->c->p->arena, "%.*s", (int)n, name));
  return -1;
}

/* `{0.attr}` and `{0[key]}`: the attribute or item of the argument, which
 * must be a name (read again for each such field, as nothing can change it
 * between the arguments and the fields). */
static Node *fmt_access(FmtParse *fp, Node *arg, const char *s, size_t n) {
  if (arg->kind != EX_NAME)
    return fmt_error(fp, "'%s': attribute and index fields need the argument to be a name: assign it to one first",
                     arena_printf(fp->c->p->arena, "%.*s", (int)n, s));
  Arena *a = fp->c->p->arena;
  Node *x = ast_new(a, EX_NAME, arg->file, arg->pos, arg->len);
  x->name = arg->name;
  size_t i = 0;
  while (i < n) {
    size_t j = i + 1;
    if (s[i] == '.') {
      while (j < n && s[j] != '.' && s[j] != '[') j++;
      if (j == i + 1) return fmt_error(fp, "Empty attribute in format string%s", "");
      Node *y = ast_new(a, EX_ATTR, arg->file, arg->pos, arg->len);
      y->lhs = x;
      y->name = arena_printf(a, "%.*s", (int)(j - i - 1), s + i + 1);
      x = y;
      i = j;
      continue;
    }
    if (s[i] != '[') return fmt_error(fp, "Only '.' or '[' may follow ']' in format field specifier%s", "");
    while (j < n && s[j] != ']') j++;
    if (j >= n) return fmt_error(fp, "Missing ']' in format string%s", "");
    if (j == i + 1) return fmt_error(fp, "Empty attribute in format string%s", "");
    Node *y = ast_new(a, EX_INDEX, arg->file, arg->pos, arg->len);
    y->lhs = x;
    bool digits = true;
    int64_t k = 0;
    for (size_t d = i + 1; d < j && digits; d++) {
      digits = s[d] >= '0' && s[d] <= '9';
      if (digits && k < 100000000) k = k * 10 + (s[d] - '0');
    }
    y->rhs = ast_new(a, digits ? EX_INT : EX_STR, arg->file, arg->pos, arg->len);
    y->rhs->ival = k;
    y->rhs->str = arena_printf(a, "%.*s", (int)(j - i - 1), s + i + 1);
    y->rhs->slen = j - i - 1;
    x = y;
    i = j + 1;
  }
  return x;
}

static Node *fmt_text(FmtParse *fp, const char *s, size_t n, int depth);

/* One replacement field `name[.attr|[key]...][!conv][:spec]` (between its braces). */
static Node *fmt_field(FmtParse *fp, const char *s, size_t n, int depth) {
  size_t i = 0, end;
  while (i < n && s[i] != '!' && s[i] != ':' && s[i] != '.' && s[i] != '[') {
    if (s[i] == '{') return fmt_error(fp, "unexpected '{' in field name%s", "");
    i++;
  }
  for (end = i; end < n && s[end] != '!' && s[end] != ':';) {
    if (s[end] == '[')  /* an item's key may hold ':' or '!' */
      while (end < n && s[end] != ']') end++;
    if (end < n) end++;
  }
  int k = fmt_arg(fp, s, i);
  if (k < 0) return NULL;
  Node *arg = fp->args[k]->kind == ND_KEYWORD ? fp->args[k]->rhs : fp->args[k];
  Node *part = ast_new(fp->c->p->arena, ND_FMTVALUE, arg->file, arg->pos, arg->len);
  part->lhs = arg;
  part->ival = k;
  if (end > i) {
    part->lhs = fmt_access(fp, arg, s + i, end - i);
    part->ival = -1;
    if (!part->lhs) return NULL;
  }
  i = end;
  if (i < n && s[i] == '!') {
    if (i + 1 >= n) return fmt_error(fp, "end of string while looking for conversion specifier%s", "");
    part->conv = (unsigned char)s[i + 1];
    i += 2;
    if (i < n && s[i] != ':') return fmt_error(fp, "expected ':' after conversion specifier%s", "");
    if (part->conv != 'r' && part->conv != 's' && part->conv != 'a')
      return fmt_error(fp, "Unknown conversion specifier %s", arena_printf(fp->c->p->arena, "%c", part->conv));
  }
  if (i < n) {
    if (depth >= 2) return fmt_error(fp, "Max string recursion exceeded%s", "");
    part->spec = fmt_text(fp, s + i + 1, n - i - 1, depth + 1);
    if (!part->spec) return NULL;
  }
  return part;
}

/* The literal text and fields of s[0..n): an EX_FSTRING, or NULL after an error. */
static Node *fmt_text(FmtParse *fp, const char *s, size_t n, int depth) {
  Arena *a = fp->c->p->arena;
  Node *f = ast_new(a, EX_FSTRING, fp->lit->file, fp->lit->pos, fp->lit->len);
  f->ty = T(TY_STR);
  Node *tail = NULL;
  size_t i = 0;
  while (i < n) {
    Node *part;
    char ch = s[i];
    if ((ch == '{' || ch == '}') && !(i + 1 < n && s[i + 1] == ch)) {
      if (ch == '}') return fmt_error(fp, "Single '}' encountered in format string%s", "");
      if (i + 1 >= n) return fmt_error(fp, "Single '{' encountered in format string%s", "");
      size_t j = i + 1;
      int count = 1;
      for (; j < n; j++) {
        if (s[j] == '{') count++;
        else if (s[j] == '}' && --count == 0) break;
      }
      if (j >= n) return fmt_error(fp, "expected '}' before end of string%s", "");
      part = fmt_field(fp, s + i + 1, j - i - 1, depth);
      if (!part) return NULL;
      i = j + 1;
    } else {  /* literal text, `{{` and `}}` as one brace */
      size_t j = i;
      char *out = arena_alloc(a, n - i + 1);
      size_t len = 0;
      while (j < n) {
        if ((s[j] == '{' || s[j] == '}') && !(j + 1 < n && s[j + 1] == s[j])) break;
        out[len++] = s[j];
        j += s[j] == '{' || s[j] == '}' ? 2 : 1;
      }
      out[len] = '\0';
      part = ast_new(a, EX_STR, fp->lit->file, fp->lit->pos, fp->lit->len);
      part->str = out;
      part->slen = len;
      part->ty = T(TY_STR);
      i = j;
    }
    if (tail) tail->next = part;
    else f->parts = part;
    tail = part;
  }
  return f;
}

/* Checks the fields of a parsed format (and of its specs) over their values. */
static void fmt_check_fields(Ctx *c, Node *f) {
  for (Node *part = f->parts; part; part = part->next) {
    if (part->kind != ND_FMTVALUE) continue;
    Type *t = part->ival >= 0 ? part->lhs->ty : check_expr(c, part->lhs, NULL);
    if (t) check_fmt_value(c, part, t);
    if (part->spec) fmt_check_fields(c, part->spec);
  }
}

/* "...".format(*args, **kwargs): recv the format string. */
Type *check_str_format(Ctx *c, Node *e, Node *recv) {
  int npos = 0, nall = 0;
  for (Node *a = e->args; a; a = a->next) {
    nall++;
    if (a->kind != ND_KEYWORD) npos++;
  }
  CallInfo *ci = new_call(c, e, CALL_FORMAT, 0);
  ci->recv = recv;
  ci->args = arena_alloc(c->p->arena, (nall ? nall : 1) * sizeof *ci->args);
  ci->nargs = npos;
  ci->nkwargs = nall - npos;
  ci->kwargs = ci->args + npos;
  int ip = 0, ik = npos;
  bool ok = true;
  for (Node *a = e->args; a; a = a->next) {
    if (a->kind == EX_STARRED) {
      error_at(c, a, "'*' arguments of str.format are not supported: pass the values one by one");
      ok = false;
      continue;
    }
    Node *v = a->kind == ND_KEYWORD ? a->rhs : a;
    Type *t = check_expr(c, v, NULL);
    if (!is_err(t) && !printable(t)) {
      error_at(c, v, "cannot format a value of type %s", tn(c, t));
      ok = false;
    }
    if (a->kind == ND_KEYWORD) {
      for (int i = npos; i < ik; i++)
        if (strcmp(ci->args[i]->name, a->name) == 0) {
          error_at(c, a, "str.format() got multiple values for keyword argument '%s'", a->name);
          ok = false;
        }
      ci->args[ik++] = a;
    } else {
      ci->args[ip++] = a;
    }
  }
  if (recv->kind == EX_STR && ok) {
    FmtParse fp = {c, recv, ci->args, npos, nall, 0, 0, false};
    ci->format = fmt_text(&fp, recv->str, recv->slen, 1);
    if (ci->format) fmt_check_fields(c, ci->format);
  }
  return set_type(e, T(TY_STR));
}

/* ---- str % args ---------------------------------------------------------------- */

/* The types a constant `%` format takes, one per conversion ('*' an int),
 * and whether it names dict keys; false after an error it reported. */
typedef struct PctSpec {
  char *codes;   /* 's', 'r', 'a', 'c', 'd' (and i u), 'x' (and X o), 'f' (e E f F g G), '*' */
  int n;
  bool keys;
} PctSpec;

static bool pct_parse(Ctx *c, Node *lit, PctSpec *ps) {
  const char *s = lit->str;
  size_t n = lit->slen;
  ps->codes = arena_alloc(c->p->arena, n + 1);
  ps->n = 0;
  ps->keys = false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '%') continue;
    if (++i >= n) return error_at(c, lit, "incomplete format"), false;
    if (s[i] == '(') {
      int depth = 1;
      for (i++; i < n && depth; i++) depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      if (depth) return error_at(c, lit, "incomplete format key"), false;
      ps->keys = true;
    }
    while (i < n && strchr("-+ #0", s[i])) i++;
    if (i < n && s[i] == '*') ps->codes[ps->n++] = '*', i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i < n && s[i] == '.') {
      i++;
      if (i < n && s[i] == '*') ps->codes[ps->n++] = '*', i++;
      while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < n && strchr("hlL", s[i])) i++;
    if (i >= n) return error_at(c, lit, "incomplete format"), false;
    char ch = s[i];
    if (ch == '%') continue;
    const char *kinds = "srac" "diu" "xXo" "eEfFgG";
    if (!strchr(kinds, ch) || !ch) {
      unsigned char u = (unsigned char)ch;
      const char *shown = u >= 32 && u < 127 ? arena_printf(c->p->arena, "'%c' (0x%x)", ch, u) : "a non-ASCII character";
      return error_at(c, lit, "unsupported format character %s at index %d", shown, (int)i), false;
    }
    ps->codes[ps->n++] = strchr("diu", ch) ? 'd' : strchr("xXo", ch) ? 'x' : strchr("eEfFgG", ch) ? 'f' : ch;
  }
  return true;
}

/* Does a value of type t suit conversion `code`, as CPython's % checks it? */
static const char *pct_mismatch(Ctx *c, char code, const Type *t) {
  if (t->kind == TY_OPTIONAL) t = t->elem;  /* None fails where it runs, as in Python */
  bool number = t->kind == TY_INT || t->kind == TY_BOOL || t->kind == TY_FLOAT || t->kind == TY_NUMBER;
  bool integer = t->kind == TY_INT || t->kind == TY_BOOL || t->kind == TY_NUMBER;
  if (is_err(t)) return NULL;
  switch (code) {
  case 'd': return number ? NULL : "a real number is required";
  case 'x': return integer ? NULL : "an integer is required";
  case 'f': return number ? NULL : "must be real number";
  case '*': return integer ? NULL : "* wants int";
  case 'c': return integer || t->kind == TY_STR ? NULL : "%c requires int or char";
  default: (void)c; return NULL;
  }
}

/* %f, %d or %x of an object whose class has __float__, __int__ or
 * __index__ (a 0-dim tensor's loss: `"%.3f" % loss`): x becomes the call
 * x.__float__() in place, as Python's % calls it. False where the class
 * has no such method. */
static bool pct_converted(Ctx *c, Node *x, char code) {
  const Type *t = x->ty ? type_settled(x->ty) : NULL;
  const char *name = code == 'f' ? "__float__" : code == 'd' ? "__int__" : code == 'x' ? "__index__" : NULL;
  Func *m = t && t->kind == TY_CLASS && name ? class_method(t->cls, name) : NULL;
  if (!m || m->nparams != 1) return false;
  Node *recv = ast_new(c->p->arena, x->kind, x->file, x->pos, x->len);
  *recv = *x;
  recv->next = NULL;
  Node *call = made_call(c, x, CALL_METHOD, m, m->ret);
  ((CallInfo *)call->info)->recv = recv;
  call->args = recv;  /* what reach walks */
  call->next = x->next;
  *x = *call;
  return true;
}

/* Tuple type t with item i of type it (a new one: types are shared). */
static Type *item_replaced(Ctx *c, const Type *t, int i, Type *it) {
  Type **items = arena_alloc(c->p->arena, t->nitems * sizeof *items);
  memcpy(items, t->items, t->nitems * sizeof *items);
  items[i] = it;
  return type_tuple(c->p, items, t->nitems);
}

/* The static checks of a constant format against its arguments (a tuple
 * display or value, or one value). */
static void pct_check(Ctx *c, Node *e, Node *lit, Type *at) {
  PctSpec ps;
  if (!pct_parse(c, lit, &ps) || ps.keys || at->kind == TY_DICT || at->kind == TY_LIST) return;
  int nargs = at->kind == TY_TUPLE ? at->nitems : 1;
  if (ps.n > nargs) {
    error_at(c, e, "not enough arguments for format string: it converts %d, and %d %s given", ps.n, nargs,
             nargs == 1 ? "is" : "are");
    return;
  }
  if (ps.n < nargs) {
    error_at(c, e, "not all arguments converted during string formatting: it converts %d of %d", ps.n, nargs);
    return;
  }
  bool display = e->rhs->kind == EX_TUPLE || at->kind != TY_TUPLE;  /* each value's node at hand */
  for (int i = 0; i < ps.n; i++) {
    Type *t = at->kind == TY_TUPLE ? at->items[i] : at;
    const char *why = pct_mismatch(c, ps.codes[i], t);
    if (!why) continue;
    Node *where = e->rhs->kind == EX_TUPLE ? e->rhs->elts : e->rhs;
    for (int k = 0; k < i && e->rhs->kind == EX_TUPLE; k++) where = where->next;
    if (display && pct_converted(c, where, ps.codes[i])) {
      if (at->kind == TY_TUPLE) at = set_type(e->rhs, item_replaced(c, at, i, where->ty));  /* the display's */
      continue;
    }
    if (ps.codes[i] == 'd' || ps.codes[i] == 'x')
      error_at(c, where, "%%%c format: %s, not %s", ps.codes[i] == 'd' ? 'd' : 'x', why, tn(c, t));
    else error_at(c, where, "%s, not %s", why, tn(c, t));
  }
}

/* fmt % args of a str fmt: a str. */
Type *check_str_percent(Ctx *c, Node *e) {
  Type *at;
  if (e->rhs->kind == EX_TUPLE) {  /* its items go to the formatter as they are: an Optional too */
    int n = ast_count(e->rhs->elts), i = 0;
    Type **items = arena_alloc(c->p->arena, (n ? n : 1) * sizeof *items);
    for (Node *x = e->rhs->elts; x; x = x->next) items[i++] = check_expr(c, x, NULL);
    at = set_type(e->rhs, type_tuple(c->p, items, n));
  } else {
    at = check_expr(c, e->rhs, NULL);
  }
  if (is_err(at)) return set_type(e, T(TY_STR));
  bool ok = printable(at) && (at->kind != TY_OPTIONAL || at->elem->kind != TY_TUPLE);
  for (int i = 0; ok && at->kind == TY_TUPLE && i < at->nitems; i++) ok = printable(at->items[i]);
  if (!ok) return set_type(e, error_at(c, e->rhs, "cannot format a value of type %s", tn(c, at)));
  if (at->kind == TY_DICT && at->key->kind != TY_STR && !at->pending)
    error_at(c, e->rhs, "%%(name) formats take a dict with str keys, not %s", tn(c, at));
  if (e->lhs->kind == EX_STR) pct_check(c, e, e->lhs, at);
  return set_type(e, T(TY_STR));
}

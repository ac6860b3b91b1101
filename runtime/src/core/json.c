/* json.c - json.dumps and json.loads of typed values, as CPython's json
 * module writes and reads them (Lib/json/encoder.py, Modules/_json.c).
 *
 * dumps walks a value by its descriptor. loads reads a text into the type
 * the program expects there (its descriptor): it checks the text's syntax
 * first, then that its values fit the type, and only then builds the value,
 * so that an error (raised as CPython's message says) leaves nothing half
 * made behind.
 */
#define _GNU_SOURCE  /* qsort_r */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "core_internal.h"

/* JSON nests no deeper than this: CPython's recursion limit meets it first. */
enum { JSON_MAX_DEPTH = 1000 };

/* ---- dumps ------------------------------------------------------------ */

typedef struct Dumper {
  gt_sbuf b;
  int64_t indent;     /* GT_NONE_INT: all on one line */
  bool sort_keys, ensure_ascii;
  const gt_str *item_sep, *key_sep;  /* separators=, or NULL: CPython's defaults */
} Dumper;

static void dump_value(Dumper *d, gt_val v, const gt_type *t, int level);

static void put_hex4(gt_sbuf *b, uint32_t u) { gt_sbuf_printf(b, "\\u%04x", u); }

/* A str as a JSON string: quotes, backslashes and control characters
 * escaped, and with ensure_ascii every non-ASCII character (as UTF-16). */
static void dump_str(Dumper *d, const gt_str *s) {
  gt_sbuf *b = &d->b;
  gt_sbuf_putc(b, '"');
  int64_t pos = 0;
  while (pos < s->len) {
    uint32_t c = gt_utf8_decode(s->data, s->len, &pos);
    switch (c) {
    case '"': gt_sbuf_puts(b, "\\\""); continue;
    case '\\': gt_sbuf_puts(b, "\\\\"); continue;
    case '\n': gt_sbuf_puts(b, "\\n"); continue;
    case '\r': gt_sbuf_puts(b, "\\r"); continue;
    case '\t': gt_sbuf_puts(b, "\\t"); continue;
    case '\b': gt_sbuf_puts(b, "\\b"); continue;
    case '\f': gt_sbuf_puts(b, "\\f"); continue;
    default: break;
    }
    if (c < 0x20 || (d->ensure_ascii && c > 0x7e)) {
      if (c >= 0x10000) {
        uint32_t v = c - 0x10000;
        put_hex4(b, 0xd800 | (v >> 10));
        put_hex4(b, 0xdc00 | (v & 0x3ff));
      } else {
        put_hex4(b, c);
      }
      continue;
    }
    char out[4];
    gt_sbuf_put(b, out, (size_t)gt_utf8_encode(c, out));
  }
  gt_sbuf_putc(b, '"');
}

static void dump_float(Dumper *d, double f) {
  if (isnan(f)) gt_sbuf_puts(&d->b, "NaN");
  else if (isinf(f)) gt_sbuf_puts(&d->b, f > 0 ? "Infinity" : "-Infinity");
  else gt_val_repr_to(&d->b, (gt_val){.f = f}, &gt_t_float);
}

static void newline(Dumper *d, int level) {
  if (d->indent == GT_NONE_INT) return;
  gt_sbuf_putc(&d->b, '\n');
  gt_sbuf_fill(&d->b, " ", 1, d->indent > 0 ? d->indent * level : 0);
}

/* The separator between items: separators[0], or ", " on one line and
 * "," before a newline. */
static void item_sep(Dumper *d, int level) {
  if (d->item_sep) gt_sbuf_put(&d->b, d->item_sep->data, (size_t)d->item_sep->len);
  else gt_sbuf_puts(&d->b, d->indent == GT_NONE_INT ? ", " : ",");
  newline(d, level);
}

static void dump_array(Dumper *d, const gt_val *items, int64_t n, const gt_type *t, bool same, int level) {
  if (n == 0) {
    gt_sbuf_puts(&d->b, "[]");
    return;
  }
  gt_sbuf_putc(&d->b, '[');
  newline(d, level + 1);
  for (int64_t i = 0; i < n; i++) {
    if (i) item_sep(d, level + 1);
    dump_value(d, items[i], same ? t->args[0] : t->args[i], level + 1);
  }
  newline(d, level);
  gt_sbuf_putc(&d->b, ']');
}

/* A dict's key as JSON's object key, a string: str itself; int, float and
 * bool as they dump; None "null". */
static void dump_key(Dumper *d, gt_val k, const gt_type *t) {
  if (gt_val_is_none(k, t)) {  /* an Optional[str] key's None */
    gt_sbuf_puts(&d->b, "\"null\"");
    return;
  }
  switch (t->kind) {
  case GT_K_STR: dump_str(d, k.p); return;
  case GT_K_BOOL: gt_sbuf_puts(&d->b, k.b ? "\"true\"" : "\"false\""); return;
  case GT_K_INT: gt_sbuf_printf(&d->b, "\"%" PRId64 "\"", k.i); return;
  case GT_K_FLOAT:
    gt_sbuf_putc(&d->b, '"');
    dump_float(d, k.f);
    gt_sbuf_putc(&d->b, '"');
    return;
  default: return;  /* check_dumpable let no other through */
  }
}

static int compare_keys(const void *a, const void *b, void *t) {
  const gt_val *x = a, *y = b;
  return gt_val_cmp(x[0], y[0], t);
}

gt_val (*gt_object_plain)(gt_obj *self, const gt_type **t);  /* the tensor layer sets it */

/* *v as the plain value json sees in it where it is an object holding one
 * (a state dict: a dict[str, dyn]), a new reference, with *t its type;
 * else false. */
static bool plain_object(gt_val *v, const gt_type **t) {
  if ((*t)->kind != GT_K_OBJ || !v->p || !gt_object_plain) return false;
  const gt_type *plain = NULL;
  gt_val pv = gt_object_plain(v->p, &plain);
  if (!plain) return false;
  *v = pv;
  *t = plain;
  return true;
}

/* CPython's TypeError for what JSON has no form of, raised before any
 * text is made: a set, an object, a key other than str, int, float or bool. */
static void check_dumpable(gt_val v, const gt_type *t, int depth) {
  if (depth > JSON_MAX_DEPTH) gt_fail("RecursionError: maximum recursion depth exceeded while encoding a JSON object");
  gt_dyn_unwrap(&v, &t);  /* json.dumps(x.tolist()): the value inside */
  if (gt_val_is_none(v, t)) return;  /* an Optional's None: null */
  switch (t->kind) {
  case GT_K_LIST: {
    const gt_list *l = v.p;
    for (int64_t i = 0; i < l->len; i++) check_dumpable(l->items[i], t->args[0], depth + 1);
    return;
  }
  case GT_K_TUPLE: {
    const gt_tuple *tu = v.p;
    for (int64_t i = 0; i < tu->len; i++) check_dumpable(tu->items[i], tu->type->args[i], depth + 1);
    return;
  }
  case GT_K_DICT: {
    gt_kind k = t->args[0]->kind;
    if (k != GT_K_STR && k != GT_K_INT && k != GT_K_FLOAT && k != GT_K_BOOL && gt_dict_len(v.p))
      gt_fail("TypeError: keys must be str, int, float, bool or None, not %s", gt_type_name(t->args[0]));
    int64_t pos = 0;
    gt_val key, value;
    while (gt_dict_next(v.p, &pos, &key, &value)) check_dumpable(value, t->args[1], depth + 1);
    return;
  }
  case GT_K_SET: gt_fail("TypeError: Object of type set is not JSON serializable");
  case GT_K_OBJ: {
    const gt_obj *o = v.p;
    if (!plain_object(&v, &t)) gt_fail("TypeError: Object of type %s is not JSON serializable", o->cls->name);
    check_dumpable(v, t, depth);  /* json.dumps(config): a dict[str, Any]'s items */
    gt_val_release(v, t);
    return;
  }
  default: return;
  }
}

static void dump_dict(Dumper *d, const gt_dict *dict, const gt_type *t, int level) {
  int64_t n = gt_dict_len(dict), pos = 0, i = 0;
  if (n == 0) {
    gt_sbuf_puts(&d->b, "{}");
    return;
  }
  gt_val *pairs = gt_xmalloc(sizeof *pairs * 2 * (size_t)n);
  while (gt_dict_next(dict, &pos, &pairs[2 * i], &pairs[2 * i + 1])) i++;
  if (d->sort_keys) qsort_r(pairs, (size_t)n, 2 * sizeof *pairs, compare_keys, (void *)t->args[0]);
  gt_sbuf_putc(&d->b, '{');
  newline(d, level + 1);
  for (i = 0; i < n; i++) {
    if (i) item_sep(d, level + 1);
    dump_key(d, pairs[2 * i], t->args[0]);
    if (d->key_sep) gt_sbuf_put(&d->b, d->key_sep->data, (size_t)d->key_sep->len);
    else gt_sbuf_puts(&d->b, ": ");
    dump_value(d, pairs[2 * i + 1], t->args[1], level + 1);
  }
  free(pairs);
  newline(d, level);
  gt_sbuf_putc(&d->b, '}');
}

static void dump_value(Dumper *d, gt_val v, const gt_type *t, int level) {
  gt_dyn_unwrap(&v, &t);
  if (gt_val_is_none(v, t)) {  /* an Optional's None */
    gt_sbuf_puts(&d->b, "null");
    return;
  }
  switch (t->kind) {
  case GT_K_INT: gt_sbuf_printf(&d->b, "%" PRId64, v.i); return;
  case GT_K_FLOAT: dump_float(d, v.f); return;
  case GT_K_NUM:
    if (gt_num_is_bool(v.i)) gt_sbuf_puts(&d->b, gt_num_int_value(v.i) ? "true" : "false");
    else if (gt_num_is_int(v.i)) gt_sbuf_printf(&d->b, "%" PRId64, gt_num_int_value(v.i));
    else dump_float(d, gt_num_as_float(v.i));
    return;
  case GT_K_BOOL: gt_sbuf_puts(&d->b, v.b ? "true" : "false"); return;
  case GT_K_NONE: gt_sbuf_puts(&d->b, "null"); return;
  case GT_K_STR: dump_str(d, v.p); return;
  case GT_K_LIST: {
    const gt_list *l = v.p;
    dump_array(d, l->items, l->len, l->type, true, level);
    return;
  }
  case GT_K_TUPLE: {
    const gt_tuple *tu = v.p;
    dump_array(d, tu->items, tu->len, tu->type, false, level);
    return;
  }
  case GT_K_DICT: dump_dict(d, v.p, t, level); return;
  default:  /* check_dumpable let no other object through */
    if (plain_object(&v, &t)) {
      dump_value(d, v, t, level);
      gt_val_release(v, t);
    }
    return;
  }
}

gt_str *gt_json_dumps(gt_val v, const gt_type *t, int64_t indent, bool sort_keys, bool ensure_ascii,
                      const gt_tuple *separators) {
  check_dumpable(v, t, 0);
  Dumper d = {.indent = indent, .sort_keys = sort_keys, .ensure_ascii = ensure_ascii};
  if (separators) {
    d.item_sep = separators->items[0].p;
    d.key_sep = separators->items[1].p;
  }
  gt_sbuf_init(&d.b);
  dump_value(&d, v, t, 0);
  return gt_sbuf_finish(&d.b);
}

/* ---- loads ------------------------------------------------------------- */

/* What a walk over the text does: check its syntax, check its values fit
 * the type, or build the value. */
typedef enum { SYNTAX, FIT, BUILD } Pass;

typedef struct Loader {
  const char *s;
  int64_t n, pos;
  Pass pass;
  int depth;
} Loader;

/* ---- json.JSONDecodeError ------------------------------------------------ */

static void json_error_drop(gt_obj *o) {
  gt_JSONDecodeError *e = (gt_JSONDecodeError *)o;
  gt_release(e->msg);
  gt_release(e->doc);
  gt_exc_drop(o);
}

const gt_class gt_JSONDecodeError_class = {"JSONDecodeError", json_error_drop, gt_exc_str, gt_exc_repr,
                                           NULL, NULL, &gt_ValueError_class};

static gt_JSONDecodeError *json_error(gt_str *text, gt_str *msg, gt_str *doc) {
  gt_JSONDecodeError *e = gt_alloc(sizeof *e, &gt_JSONDecodeError_class);
  gt_exc_init(&e->exc, text);
  e->msg = gt_retain(msg);
  e->doc = gt_retain(doc);
  e->lineno = e->colno = 1;
  return e;
}

gt_JSONDecodeError *gt_JSONDecodeError_new(gt_str *msg) {
  gt_str *empty = gt_str_from_cstr("");
  gt_JSONDecodeError *e = json_error(msg, msg ? msg : empty, empty);
  gt_release(empty);
  return e;
}

gt_str *gt_json_error_msg(gt_JSONDecodeError *e) { return gt_retain(e->msg); }
gt_str *gt_json_error_doc(gt_JSONDecodeError *e) { return gt_retain(e->doc); }
int64_t gt_json_error_pos(gt_JSONDecodeError *e) { return e->pos; }
int64_t gt_json_error_lineno(gt_JSONDecodeError *e) { return e->lineno; }
int64_t gt_json_error_colno(gt_JSONDecodeError *e) { return e->colno; }

/* CPython's JSONDecodeError: "MSG: line L column C (char P)", P and C
 * counted in code points. */
GT_NORETURN static void decode_error(const Loader *l, const char *msg, int64_t at) {
  int64_t line = 1, line_start = 0;
  for (int64_t i = 0; i < at; i++)
    if (l->s[i] == '\n') line++, line_start = i + 1;
  int64_t col = gt_utf8_count(l->s + line_start, at - line_start) + 1;
  int64_t pos = gt_utf8_count(l->s, at);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "%s: line %" PRId64 " column %" PRId64 " (char %" PRId64 ")", msg, line, col, pos);
  gt_str *text = gt_sbuf_finish(&b), *m = gt_str_from_cstr(msg), *doc = gt_str_new(l->s, l->n);
  gt_JSONDecodeError *e = json_error(text, m, doc);
  gt_release(text);
  gt_release(m);
  gt_release(doc);
  e->pos = pos, e->lineno = line, e->colno = col;
  gt_raise(&e->exc);
}

static void skip_ws(Loader *l) {
  while (l->pos < l->n && (l->s[l->pos] == ' ' || l->s[l->pos] == '\t' || l->s[l->pos] == '\n' || l->s[l->pos] == '\r'))
    l->pos++;
}

static bool at_word(const Loader *l, const char *w) {
  size_t k = strlen(w);
  return l->pos + (int64_t)k <= l->n && memcmp(l->s + l->pos, w, k) == 0;
}

/* A value that does not fit the type the program declared. */
GT_NORETURN static void misfit(const char *what, const gt_type *t) {
  gt_fail("TypeError: a JSON %s where the program expects %s", what, gt_type_name(t));
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Four hex digits at p, or -1. */
static int32_t hex4(const Loader *l, int64_t p) {
  if (p + 4 > l->n) return -1;
  int32_t u = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexval(l->s[p + i]);
    if (h < 0) return -1;
    u = u * 16 + h;
  }
  return u;
}

/* One escape after a backslash at l->pos - 1, appended to b (or only checked). */
static void read_escape(Loader *l, gt_sbuf *b) {
  int64_t at = l->pos - 1;
  if (l->pos >= l->n) decode_error(l, "Unterminated string starting at", at);
  char c = l->s[l->pos++];
  const char *plain = strchr("\"\\/bfnrt", c);
  if (c && plain) {
    static const char out[] = "\"\\/\b\f\n\r\t";
    if (b) gt_sbuf_putc(b, out[plain - "\"\\/bfnrt"]);
    return;
  }
  if (c != 'u') decode_error(l, "Invalid \\escape", at);
  int32_t u = hex4(l, l->pos);
  if (u < 0) decode_error(l, "Invalid \\uXXXX escape", at + 1);
  l->pos += 4;
  if (u >= 0xd800 && u < 0xdc00 && l->pos + 6 <= l->n && l->s[l->pos] == '\\' && l->s[l->pos + 1] == 'u') {
    int32_t lo = hex4(l, l->pos + 2);
    if (lo >= 0xdc00 && lo < 0xe000) {
      u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
      l->pos += 6;
    }
  }
  char enc[4];
  if (b) gt_sbuf_put(b, enc, (size_t)gt_utf8_encode((uint32_t)u, enc));
}

/* A string whose opening quote is at l->pos - 1: its text (BUILD) or NULL. */
static gt_str *read_string(Loader *l) {
  int64_t start = l->pos - 1;
  gt_sbuf b;
  if (l->pass == BUILD) gt_sbuf_init(&b);
  for (;;) {
    if (l->pos >= l->n) decode_error(l, "Unterminated string starting at", start);
    unsigned char c = (unsigned char)l->s[l->pos++];
    if (c == '"') break;
    if (c == '\\') read_escape(l, l->pass == BUILD ? &b : NULL);
    else if (c < 0x20) decode_error(l, "Invalid control character at", l->pos - 1);
    else if (l->pass == BUILD) gt_sbuf_putc(&b, (char)c);
  }
  return l->pass == BUILD ? gt_sbuf_finish(&b) : NULL;
}

static gt_val read_value(Loader *l, const gt_type *t);

/* A number at l->pos: an int unless it has a fraction or an exponent. */
static gt_val read_number(Loader *l, const gt_type *t) {
  int64_t start = l->pos;
  const char *s = l->s;
  if (l->pos < l->n && s[l->pos] == '-') l->pos++;
  if (l->pos >= l->n || s[l->pos] < '0' || s[l->pos] > '9') decode_error(l, "Expecting value", start);
  if (s[l->pos] == '0') l->pos++;
  else while (l->pos < l->n && s[l->pos] >= '0' && s[l->pos] <= '9') l->pos++;
  bool is_float = false;
  if (l->pos + 1 < l->n && s[l->pos] == '.' && s[l->pos + 1] >= '0' && s[l->pos + 1] <= '9') {
    is_float = true;
    for (l->pos++; l->pos < l->n && s[l->pos] >= '0' && s[l->pos] <= '9';) l->pos++;
  }
  if (l->pos < l->n && (s[l->pos] == 'e' || s[l->pos] == 'E')) {
    int64_t p = l->pos + 1;
    if (p < l->n && (s[p] == '+' || s[p] == '-')) p++;
    if (p < l->n && s[p] >= '0' && s[p] <= '9') {
      while (p < l->n && s[p] >= '0' && s[p] <= '9') p++;
      l->pos = p;
      is_float = true;
    }
  }
  if (l->pass == SYNTAX) return (gt_val){0};
  char text[64];
  int64_t len = l->pos - start;
  char *buf = len < (int64_t)sizeof text ? text : gt_xmalloc((size_t)len + 1);
  memcpy(buf, s + start, (size_t)len);
  buf[len] = '\0';
  gt_val v = {0};
  bool fits = t->kind == GT_K_FLOAT || t->kind == GT_K_NUM || (t->kind == GT_K_INT && !is_float);
  if (fits && t->kind == GT_K_FLOAT) v.f = strtod(buf, NULL);
  else if (fits && !is_float) {
    errno = 0;
    long long i = strtoll(buf, NULL, 10);
    if (errno == ERANGE || (t->kind == GT_K_NUM && (i > (1LL << 49) - 1 || i < -(1LL << 49)))) {
      if (buf != text) free(buf);
      gt_fail("OverflowError: the JSON int %.40s does not fit the program's int", s + start);
    }
    v.i = t->kind == GT_K_NUM ? gt_num_int(i) : i;
  } else if (fits) {
    v.i = gt_num_float(strtod(buf, NULL));
  }
  if (buf != text) free(buf);
  if (!fits) misfit(is_float ? "float" : "int", t);
  return v;
}

/* The items of an array whose '[' is at l->pos - 1, into list or tuple
 * type t (n the count a tuple must have). */
static gt_val read_array(Loader *l, const gt_type *t) {
  bool tuple = t && t->kind == GT_K_TUPLE;
  if (l->pass != SYNTAX && !tuple && t->kind != GT_K_LIST) misfit("array", t);
  gt_list *list = l->pass == BUILD && !tuple ? gt_list_new(t, 0) : NULL;
  gt_val *items = l->pass == BUILD && tuple ? gt_xmalloc(sizeof *items * (size_t)(t->nargs + 1)) : NULL;
  int64_t count = 0;
  skip_ws(l);
  if (l->pos < l->n && l->s[l->pos] == ']') {
    l->pos++;
  } else {
    for (;;) {
      const gt_type *et = l->pass == SYNTAX ? NULL : tuple ? (count < t->nargs ? t->args[count] : NULL) : t->args[0];
      if (l->pass == FIT && tuple && !et) gt_fail("TypeError: a JSON array longer than the program's %s", gt_type_name(t));
      gt_val v = read_value(l, et);
      if (list) {
        gt_list_append(list, v);
        gt_val_release(v, et);
      } else if (items) {
        items[count] = v;
      }
      count++;
      skip_ws(l);
      if (l->pos < l->n && l->s[l->pos] == ']') {
        l->pos++;
        break;
      }
      if (l->pos >= l->n || l->s[l->pos] != ',') decode_error(l, "Expecting ',' delimiter", l->pos);
      l->pos++;
      skip_ws(l);
    }
  }
  if (l->pass == FIT && tuple && count != t->nargs)
    gt_fail("TypeError: a JSON array of %" PRId64 " items where the program expects %s of %d", count,
            gt_type_name(t), t->nargs);
  if (items) {
    gt_tuple *tu = gt_tuple_new(t);
    memcpy(tu->items, items, sizeof *items * (size_t)t->nargs);  /* the references move */
    free(items);
    return (gt_val){.p = tu};
  }
  return (gt_val){.p = list};
}

/* The members of an object whose '{' is at l->pos - 1, into dict type t. */
static gt_val read_object(Loader *l, const gt_type *t) {
  if (l->pass != SYNTAX && t->kind != GT_K_DICT) misfit("object", t);
  if (l->pass != SYNTAX && t->args[0]->kind != GT_K_STR)
    gt_fail("TypeError: a JSON object's keys are str, where the program's dict has %s keys", gt_type_name(t->args[0]));
  gt_dict *d = l->pass == BUILD ? gt_dict_new(t) : NULL;
  skip_ws(l);
  if (l->pos < l->n && l->s[l->pos] == '}') {
    l->pos++;
    return (gt_val){.p = d};
  }
  for (;;) {
    if (l->pos >= l->n || l->s[l->pos] != '"')
      decode_error(l, "Expecting property name enclosed in double quotes", l->pos);
    l->pos++;
    gt_str *key = read_string(l);
    skip_ws(l);
    if (l->pos >= l->n || l->s[l->pos] != ':') decode_error(l, "Expecting ':' delimiter", l->pos);
    l->pos++;
    skip_ws(l);
    gt_val v = read_value(l, l->pass == SYNTAX ? NULL : t->args[1]);
    if (d) {
      gt_dict_set(d, (gt_val){.p = key}, v);
      gt_release(key);
      gt_val_release(v, t->args[1]);
    }
    skip_ws(l);
    if (l->pos < l->n && l->s[l->pos] == '}') {
      l->pos++;
      break;
    }
    if (l->pos >= l->n || l->s[l->pos] != ',') decode_error(l, "Expecting ',' delimiter", l->pos);
    l->pos++;
    skip_ws(l);
  }
  return (gt_val){.p = d};
}

/* A literal word (true, false, null, NaN, Infinity, -Infinity). */
static gt_val read_word(Loader *l, const gt_type *t, const char *w, gt_kind kind, gt_val v) {
  l->pos += (int64_t)strlen(w);
  if (l->pass == SYNTAX) return v;
  if (kind == GT_K_FLOAT && t->kind == GT_K_NUM) return (gt_val){.i = gt_num_float(v.f)};
  if (kind == GT_K_BOOL && t->kind == GT_K_NUM) return (gt_val){.i = gt_num_bool(v.b)};
  if (t->kind != kind) misfit(kind == GT_K_BOOL ? "bool" : kind == GT_K_NONE ? "null" : "float", t);
  return v;
}

/* Whether the number at l->pos has a fraction or an exponent (a float). */
static bool number_is_float(const Loader *l) {
  for (int64_t p = l->pos; p < l->n; p++) {
    char c = l->s[p];
    if (c == '.' || c == 'e' || c == 'E') return true;
    if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) break;
  }
  return false;
}

/* The type of the value at l->pos where the program has none for it
 * (gt_t_dyn): a JSON object a dict[str, dyn], an array a list[dyn], the
 * others the type Python's json gives them. The syntax pass has run. */
static const gt_type *natural_type(const Loader *l) {
  char c = l->s[l->pos];
  if (c == '"') return &gt_t_str;
  if (c == '{') return &gt_t_dict_str_dyn;
  if (c == '[') return &gt_t_list_dyn;
  if (c == 't' || c == 'f') return &gt_t_bool;
  if (c == 'n') return &gt_t_none;
  if (c == 'N' || c == 'I' || (c == '-' && l->pos + 1 < l->n && l->s[l->pos + 1] == 'I')) return &gt_t_float;
  return number_is_float(l) ? &gt_t_float : &gt_t_int;
}

/* A value of the type its text gives, boxed (gt_dyn) where it is built. */
static gt_val read_dynamic(Loader *l) {
  const gt_type *t = natural_type(l);
  gt_val v = read_value(l, t);
  return l->pass == BUILD ? gt_dyn_new(v, t) : v;
}

static gt_val read_value(Loader *l, const gt_type *t) {
  if (l->pos >= l->n) decode_error(l, "Expecting value", l->pos);
  if (t == &gt_t_dyn && l->pass != SYNTAX) return read_dynamic(l);
  if (++l->depth > JSON_MAX_DEPTH) gt_fail("RecursionError: maximum recursion depth exceeded while decoding a JSON document");
  gt_val v;
  char c = l->s[l->pos];
  if (c == '"') {
    l->pos++;
    if (l->pass != SYNTAX && t->kind != GT_K_STR) misfit("str", t);
    v.p = read_string(l);
  } else if (c == '{' || c == '[') {
    l->pos++;
    v = c == '{' ? read_object(l, t) : read_array(l, t);
  } else if (at_word(l, "true") || at_word(l, "false")) {
    v = read_word(l, t, c == 't' ? "true" : "false", GT_K_BOOL, (gt_val){.b = c == 't'});
  } else if (at_word(l, "null")) {
    v = read_word(l, t, "null", GT_K_NONE, (gt_val){0});
  } else if (at_word(l, "NaN")) {
    v = read_word(l, t, "NaN", GT_K_FLOAT, (gt_val){.f = NAN});
  } else if (at_word(l, "Infinity") || at_word(l, "-Infinity")) {
    v = read_word(l, t, c == '-' ? "-Infinity" : "Infinity", GT_K_FLOAT, (gt_val){.f = c == '-' ? -INFINITY : INFINITY});
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    v = read_number(l, t);
  } else {
    decode_error(l, "Expecting value", l->pos);
  }
  l->depth--;
  return v;
}

/* One walk over the whole text. */
static gt_val load_pass(const gt_str *s, const gt_type *t, Pass pass) {
  Loader l = {.s = s->data, .n = s->len, .pass = pass};
  skip_ws(&l);
  gt_val v = read_value(&l, t);
  skip_ws(&l);
  if (l.pos != l.n) decode_error(&l, "Extra data", l.pos);
  return v;
}

gt_val gt_json_loads(const gt_str *s, const gt_type *t) {
  load_pass(s, t, SYNTAX);
  load_pass(s, t, FIT);
  return load_pass(s, t, BUILD);
}

/* dump's write and load's parse run guarded: an exception they raise (a
 * closed file, a JSONDecodeError) is held while the text is released, then
 * raised on. */
typedef struct FileCall {
  gt_textio *fp;
  gt_str *text;
  const gt_type *t;
  gt_val v;
} FileCall;

static void call_write(void *p) {
  FileCall *k = p;
  gt_textio_write(k->fp, k->text);
}

static void call_loads(void *p) {
  FileCall *k = p;
  k->v = gt_json_loads(k->text, k->t);
}

static void release_and_raise_on(gt_str *text, bool ok) {
  gt_release(text);
  if (!ok) gt_fail("RuntimeError: json file call failed");  /* raises the held exception */
}

void gt_json_dump(gt_val v, const gt_type *t, gt_textio *fp, int64_t indent, bool sort_keys, bool ensure_ascii,
                  const gt_tuple *separators) {
  FileCall k = {fp, gt_json_dumps(v, t, indent, sort_keys, ensure_ascii, separators), t, {0}};
  release_and_raise_on(k.text, gt_call_guarded(call_write, &k));
}

gt_val gt_json_load(gt_textio *fp, const gt_type *t) {
  FileCall k = {fp, gt_textio_read(fp, -1), t, {0}};
  release_and_raise_on(k.text, gt_call_guarded(call_loads, &k));
  return k.v;
}

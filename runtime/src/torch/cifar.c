/* cifar.c - the files of torchvision's CIFAR10 and CIFAR100: Python
 * pickles of a dict holding a numpy uint8 array `data` (N x 3072, each row
 * an image's red, green and blue 32 x 32 planes) and a list of labels
 * (`labels`, or CIFAR-100's `fine_labels`), and a meta file's dict of class
 * names. torchvision reads them with pickle.load(f, encoding="latin1").
 *
 * The runtime's pickle module (core/pickle.c) makes the language's plain
 * values and refuses numpy's objects, so this is a reader of its own: the
 * pickle machine over the whole file in memory, building an inert tree
 * (nothing named by the pickle is imported or called), then the few forms
 * numpy writes an array in. The real files come from Python 2 (protocol 2,
 * its str as BINSTRING); Python 3 writes protocol 2's bytes as
 * _codecs.encode(text, "latin1"), protocols 3 and 4 BINBYTES, protocol 5
 * numpy's _frombuffer of a bytearray: all are read. Pure C: it touches
 * libtorch only through gt_tensor_from_data. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gtorch.h"

/* What the machine makes. Strings point into the file's bytes. */
typedef enum {
  V_NONE, V_BOOL, V_INT, V_FLOAT,
  V_TEXT,     /* a str pickled as UTF-8 (BINUNICODE and kin) */
  V_LATIN1,   /* Python 2's str (BINSTRING): latin-1 under encoding="latin1" */
  V_BYTES,    /* bytes, bytearray */
  V_LIST, V_TUPLE, V_DICT, V_SET,
  V_GLOBAL,   /* module (s) and name (s2), never imported */
  V_CALL,     /* REDUCE or NEWOBJ: items[0] the callable, items[1] its arguments; `state` BUILD's */
} Kind;

typedef struct {
  Kind kind;
  int64_t i;
  const unsigned char *s, *s2;
  size_t len, len2;
  int64_t *items;     /* containers' values (a dict's keys and values in turn), by index */
  int64_t n, cap;
  int64_t state;      /* V_CALL: the value BUILD gave it, or -1 */
} Value;

typedef struct {
  const char *path;
  unsigned char *buf;   /* the whole file */
  size_t len, pos;
  Value *values;
  int64_t nvalues, values_cap;
  int64_t *stack;
  int64_t depth, stack_cap;
  int64_t *marks;
  int64_t nmarks, marks_cap;
  int64_t *memo;        /* a memo index's value, or -1 */
  int64_t memo_len;     /* the slots allocated */
  int64_t memo_count;   /* the indices stored: MEMOIZE's next one */
  unsigned char *decoded;  /* an array's bytes decoded from latin-1 text, owned */
  char *message;
  jmp_buf fail;
} Reader;

/* ---- the reader and its failures ---------------------------------------- */

static void *grow(void *items, size_t size, int64_t n, int64_t *cap) {
  if (n < *cap) return items;
  *cap = *cap ? *cap * 2 : 16;
  void *more = realloc(items, size * (size_t)*cap);
  if (!more) gt_fail("MemoryError: out of memory");
  return more;
}

static Reader *reader_new(const char *path) {
  Reader *r = calloc(1, sizeof *r);
  if (!r) gt_fail("MemoryError: out of memory");
  r->path = path;
  return r;
}

static void reader_free(Reader *r) {
  for (int64_t i = 0; i < r->nvalues; i++) free(r->values[i].items);
  free(r->values);
  free(r->stack);
  free(r->marks);
  free(r->memo);
  free(r->decoded);
  free(r->buf);
  free(r->message);
  free(r);
}

/* Leaves the reading with a message saying what is wrong with the file. */
GT_NORETURN static void corrupt(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void corrupt(Reader *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  free(r->message);
  r->message = malloc((size_t)(n > 0 ? n : 0) + 1);
  if (r->message) {
    va_start(ap, fmt);
    vsnprintf(r->message, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
  }
  longjmp(r->fail, 1);
}

/* The run-time error for a reading that failed, after the reader is freed
 * (the program may catch it). */
GT_NORETURN static void fail_reading(Reader *r) {
  gt_str *message = gt_str_from_cstr(r->message ? r->message : "out of memory");
  gt_str *path = gt_str_from_cstr(r->path);
  reader_free(r);
  gt_fail("RuntimeError: cannot read the CIFAR file '%s': %s", path->data, message->data);
}

/* The whole file into r->buf; OSError as CPython's open() where it cannot be read. */
static void read_file(Reader *r) {
  FILE *f = fopen(r->path, "rb");
  struct stat st;
  int err = !f ? errno : fstat(fileno(f), &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
  if (!err) {
    r->len = (size_t)st.st_size;
    r->buf = malloc(r->len ? r->len : 1);
    if (!r->buf) err = ENOMEM;
    else if (fread(r->buf, 1, r->len, f) != r->len) err = ferror(f) ? errno : EIO;
  }
  if (f) fclose(f);
  if (err) {
    gt_str *path = gt_str_from_cstr(r->path);
    free(r->buf);
    free(r);
    gt_fail_errno(err, path);
  }
}

/* ---- bytes of the file ---------------------------------------------------- */

static const unsigned char *take(Reader *r, uint64_t n) {
  if (n > r->len - r->pos) corrupt(r, "pickle data was truncated");
  const unsigned char *p = r->buf + r->pos;
  r->pos += (size_t)n;
  return p;
}

static uint64_t take_le(Reader *r, int n) {
  const unsigned char *p = take(r, (uint64_t)n);
  uint64_t v = 0;
  for (int k = n - 1; k >= 0; k--) v = v << 8 | p[k];
  return v;
}

/* A line (GLOBAL's module and name, INT, PUT and GET's text): its bytes
 * without the newline. */
static const unsigned char *take_line(Reader *r, size_t *len) {
  const unsigned char *start = r->buf + r->pos;
  const unsigned char *nl = memchr(start, '\n', r->len - r->pos);
  if (!nl) corrupt(r, "pickle data was truncated");
  *len = (size_t)(nl - start);
  r->pos += *len + 1;
  return start;
}

/* ---- values, the stack, marks and the memo ---------------------------------- */

static int64_t new_value(Reader *r, Kind kind) {
  r->values = grow(r->values, sizeof *r->values, r->nvalues, &r->values_cap);
  Value *v = &r->values[r->nvalues];
  memset(v, 0, sizeof *v);
  v->kind = kind;
  v->state = -1;
  return r->nvalues++;
}

static void add_item(Reader *r, int64_t container, int64_t item) {
  Value *c = &r->values[container];
  c->items = grow(c->items, sizeof *c->items, c->n, &c->cap);
  c->items[c->n++] = item;
}

static void push(Reader *r, int64_t v) {
  r->stack = grow(r->stack, sizeof *r->stack, r->depth, &r->stack_cap);
  r->stack[r->depth++] = v;
}

/* Where the values above the innermost mark begin. */
static int64_t fence(const Reader *r) { return r->nmarks ? r->marks[r->nmarks - 1] : 0; }

static int64_t pop(Reader *r) {
  if (r->depth <= fence(r)) corrupt(r, "unpickling stack underflow");
  return r->stack[--r->depth];
}

static int64_t top(Reader *r) {
  if (r->depth <= fence(r)) corrupt(r, "unpickling stack underflow");
  return r->stack[r->depth - 1];
}

static void push_mark(Reader *r) {
  r->marks = grow(r->marks, sizeof *r->marks, r->nmarks, &r->marks_cap);
  r->marks[r->nmarks++] = r->depth;
}

static int64_t pop_mark(Reader *r) {
  if (!r->nmarks) corrupt(r, "could not find MARK");
  return r->marks[--r->nmarks];
}

/* A container of `kind` holding the values above the innermost mark, which leave the stack. */
static int64_t collect_since_mark(Reader *r, Kind kind) {
  int64_t mark = pop_mark(r), c = new_value(r, kind);
  for (int64_t k = mark; k < r->depth; k++) add_item(r, c, r->stack[k]);
  r->depth = mark;
  return c;
}

/* APPEND(S), SETITEM(S), ADDITEMS: the values from stack[from] on go into
 * the container just below them. */
static void extend_below(Reader *r, int64_t from, Kind kind, const char *op) {
  if (from < 1 || from > r->depth || from < fence(r)) corrupt(r, "unpickling stack underflow");
  int64_t c = r->stack[from - 1];
  if (r->values[c].kind != kind) corrupt(r, "%s to a value of the wrong kind", op);
  if (kind == V_DICT && (r->depth - from) % 2) corrupt(r, "odd number of items for %s", op);
  for (int64_t k = from; k < r->depth; k++) add_item(r, c, r->stack[k]);
  r->depth = from;
}

/* A memo index is at most the number of values made: a larger one (from a
 * damaged file) never sizes an allocation. */
static void memo_put(Reader *r, uint64_t index) {
  if (index > (uint64_t)r->nvalues) corrupt(r, "memo index %" PRIu64 " out of range", index);
  int64_t at = (int64_t)index;
  while (r->memo_len <= at) {
    int64_t cap = r->memo_len;
    r->memo = grow(r->memo, sizeof *r->memo, r->memo_len, &cap);
    for (int64_t k = r->memo_len; k < cap; k++) r->memo[k] = -1;
    r->memo_len = cap;
  }
  if (r->memo[at] < 0) r->memo_count++;
  r->memo[at] = top(r);
}

static void memo_get(Reader *r, uint64_t index) {
  if (index >= (uint64_t)r->memo_len || r->memo[index] < 0)
    corrupt(r, "Memo value not found at index %" PRIu64, index);
  push(r, r->memo[index]);
}

/* The decimal number of a text line (INT, PUT, GET). */
static int64_t line_number(Reader *r) {
  size_t len;
  const unsigned char *s = take_line(r, &len);
  if (!len || len > 20) corrupt(r, "malformed number in a pickle line");
  char text[24];  /* 20 digits and a sign at most, checked above */
  memcpy(text, s, len);
  text[len] = '\0';
  char *end;
  errno = 0;
  long long v = strtoll(text, &end, 10);
  if (*end || errno) corrupt(r, "malformed number in a pickle line");
  return v;
}

/* ---- the opcodes ---------------------------------------------------------- */

static int64_t int_value(Reader *r, Kind kind, int64_t i) {
  int64_t v = new_value(r, kind);
  r->values[v].i = i;
  return v;
}

static int64_t bytes_value(Reader *r, Kind kind, uint64_t n) {
  const unsigned char *p = take(r, n);
  int64_t v = new_value(r, kind);
  r->values[v].s = p;
  r->values[v].len = (size_t)n;
  return v;
}

/* LONG1, LONG4: little-endian two's complement, up to 8 bytes here. */
static int64_t long_value(Reader *r, int size_bytes) {
  uint64_t n = take_le(r, size_bytes);
  if (n > 8) corrupt(r, "an integer wider than 64 bits");
  const unsigned char *p = take(r, n);
  uint64_t u = n && p[n - 1] & 0x80 ? ~(uint64_t)0 : 0;
  for (uint64_t k = n; k-- > 0;) u = u << 8 | p[k];
  return int_value(r, V_INT, (int64_t)u);
}

static int64_t global_value(Reader *r, const unsigned char *module, size_t mlen, const unsigned char *name,
                            size_t nlen) {
  int64_t v = new_value(r, V_GLOBAL);
  Value *g = &r->values[v];
  g->s = module, g->len = mlen, g->s2 = name, g->len2 = nlen;
  return v;
}

static int64_t load_global(Reader *r) {
  size_t mlen, nlen;
  const unsigned char *module = take_line(r, &mlen);
  const unsigned char *name = take_line(r, &nlen);
  return global_value(r, module, mlen, name, nlen);
}

static int64_t load_stack_global(Reader *r) {
  int64_t name = pop(r), module = pop(r);
  const Value *n = &r->values[name], *m = &r->values[module];
  if (n->kind != V_TEXT || m->kind != V_TEXT) corrupt(r, "STACK_GLOBAL requires str");
  return global_value(r, m->s, m->len, n->s, n->len);
}

/* REDUCE and NEWOBJ: the call recorded, never made. */
static int64_t load_call(Reader *r) {
  int64_t args = pop(r), callable = pop(r);
  if (r->values[args].kind != V_TUPLE) corrupt(r, "a call's arguments are not a tuple");
  int64_t v = new_value(r, V_CALL);
  add_item(r, v, callable);
  add_item(r, v, args);
  return v;
}

static int64_t tuple_of_top(Reader *r, int n) {
  if (r->depth - fence(r) < n) corrupt(r, "unpickling stack underflow");
  int64_t t = new_value(r, V_TUPLE);
  for (int64_t k = r->depth - n; k < r->depth; k++) add_item(r, t, r->stack[k]);
  r->depth -= n;
  return t;
}

/* The opcodes that push one value; -1 for another. */
static int64_t load_value(Reader *r, int op) {
  switch (op) {
  case 'N': return new_value(r, V_NONE);
  case 0x88: return int_value(r, V_BOOL, 1);                         /* NEWTRUE */
  case 0x89: return int_value(r, V_BOOL, 0);                         /* NEWFALSE */
  case 'I': return int_value(r, V_INT, line_number(r));              /* INT ("01"/"00" bools read as 1/0) */
  case 'J': return int_value(r, V_INT, (int32_t)take_le(r, 4));      /* BININT */
  case 'K': return int_value(r, V_INT, (int64_t)take_le(r, 1));      /* BININT1 */
  case 'M': return int_value(r, V_INT, (int64_t)take_le(r, 2));      /* BININT2 */
  case 0x8a: return long_value(r, 1);                                /* LONG1 */
  case 0x8b: return long_value(r, 4);                                /* LONG4 */
  case 'G': take(r, 8); return new_value(r, V_FLOAT);                /* BINFLOAT */
  case 'U': return bytes_value(r, V_LATIN1, take_le(r, 1));          /* SHORT_BINSTRING */
  case 'T': return bytes_value(r, V_LATIN1, take_le(r, 4));          /* BINSTRING */
  case 0x8c: return bytes_value(r, V_TEXT, take_le(r, 1));           /* SHORT_BINUNICODE */
  case 'X': return bytes_value(r, V_TEXT, take_le(r, 4));            /* BINUNICODE */
  case 0x8d: return bytes_value(r, V_TEXT, take_le(r, 8));           /* BINUNICODE8 */
  case 'C': return bytes_value(r, V_BYTES, take_le(r, 1));           /* SHORT_BINBYTES */
  case 'B': return bytes_value(r, V_BYTES, take_le(r, 4));           /* BINBYTES */
  case 0x8e: case 0x96: return bytes_value(r, V_BYTES, take_le(r, 8)); /* BINBYTES8, BYTEARRAY8 */
  case ']': return new_value(r, V_LIST);
  case '}': return new_value(r, V_DICT);
  case ')': return new_value(r, V_TUPLE);
  case 0x8f: return new_value(r, V_SET);                             /* EMPTY_SET */
  case 'l': return collect_since_mark(r, V_LIST);
  case 't': return collect_since_mark(r, V_TUPLE);
  case 'd': return collect_since_mark(r, V_DICT);
  case 0x91: return collect_since_mark(r, V_SET);                    /* FROZENSET */
  case 0x85: case 0x86: case 0x87: return tuple_of_top(r, op - 0x84); /* TUPLE1..3 */
  case 'c': return load_global(r);
  case 0x93: return load_stack_global(r);
  case 'R': case 0x81: return load_call(r);                          /* REDUCE, NEWOBJ */
  default: return -1;
  }
}

/* The opcodes that change the stack, the memo or a value; false for another. */
static bool load_other(Reader *r, int op) {
  switch (op) {
  case '(': push_mark(r); return true;
  case '0': pop(r); return true;
  case '1': r->depth = pop_mark(r); return true;
  case '2': push(r, top(r)); return true;
  case 'a': extend_below(r, r->depth - 1, V_LIST, "APPEND"); return true;
  case 'e': extend_below(r, pop_mark(r), V_LIST, "APPENDS"); return true;
  case 's': extend_below(r, r->depth - 2, V_DICT, "SETITEM"); return true;
  case 'u': extend_below(r, pop_mark(r), V_DICT, "SETITEMS"); return true;
  case 0x90: extend_below(r, pop_mark(r), V_SET, "ADDITEMS"); return true;
  case 'b': {                                                         /* BUILD */
    int64_t state = pop(r), object = top(r);
    if (r->values[object].kind != V_CALL) corrupt(r, "BUILD of a value that is no object");
    r->values[object].state = state;
    return true;
  }
  case 'p': memo_put(r, (uint64_t)line_number(r)); return true;      /* PUT */
  case 'q': memo_put(r, take_le(r, 1)); return true;                  /* BINPUT */
  case 'r': memo_put(r, take_le(r, 4)); return true;                  /* LONG_BINPUT */
  case 0x94: memo_put(r, (uint64_t)r->memo_count); return true;         /* MEMOIZE */
  case 'g': memo_get(r, (uint64_t)line_number(r)); return true;      /* GET */
  case 'h': memo_get(r, take_le(r, 1)); return true;                  /* BINGET */
  case 'j': memo_get(r, take_le(r, 4)); return true;                  /* LONG_BINGET */
  case 0x80:                                                          /* PROTO */
    if (take_le(r, 1) > 5) corrupt(r, "unsupported pickle protocol");
    return true;
  case 0x95: take_le(r, 8); return true;  /* FRAME: the frame's bytes follow in place */
  default: return false;
  }
}

/* The machine to STOP: the pickled value. */
static int64_t run_machine(Reader *r) {
  if (r->len == 0) corrupt(r, "the file is empty");
  for (;;) {
    if (r->pos >= r->len) corrupt(r, "pickle data was truncated");
    int op = r->buf[r->pos++];
    if (op == '.') return pop(r);
    int64_t v = load_value(r, op);
    if (v >= 0) push(r, v);
    else if (!load_other(r, op))
      corrupt(r, "invalid or unsupported pickle opcode 0x%02x at byte %zu", (unsigned)op, r->pos - 1);
  }
}

/* ---- what numpy pickles --------------------------------------------------- */

static bool bytes_equal(const unsigned char *s, size_t len, const char *text) {
  return len == strlen(text) && !memcmp(s, text, len);
}

static bool is_text(const Value *v) { return v->kind == V_TEXT || v->kind == V_LATIN1; }

/* Whether v is the global module.name (one of two modules: numpy 2 moved
 * numpy.core to numpy._core). */
static bool is_global(const Reader *r, int64_t v, const char *module, const char *module2, const char *name) {
  const Value *g = &r->values[v];
  return g->kind == V_GLOBAL && bytes_equal(g->s2, g->len2, name) &&
         (bytes_equal(g->s, g->len, module) || (module2 && bytes_equal(g->s, g->len, module2)));
}

/* A call of the global module.name: its arguments tuple, or NULL. */
static const Value *call_args(const Reader *r, int64_t v, const char *module, const char *module2, const char *name) {
  const Value *c = &r->values[v];
  if (c->kind != V_CALL || !is_global(r, c->items[0], module, module2, name)) return NULL;
  return &r->values[c->items[1]];
}

/* dict[key] of a str key; -1 where it is absent. */
static int64_t dict_get(const Reader *r, int64_t dict, const char *key) {
  const Value *d = &r->values[dict];
  for (int64_t k = 0; k + 1 < d->n; k += 2) {
    const Value *name = &r->values[d->items[k]];
    if (is_text(name) && bytes_equal(name->s, name->len, key)) return d->items[k + 1];
  }
  return -1;
}

/* The bytes of UTF-8 text whose characters are all below U+0100, as
 * latin-1 (how Python 3 writes bytes at protocol 2, and how numpy takes a
 * str as an array's data), into r->decoded. */
static void latin1_of_utf8(Reader *r, const Value *text, const unsigned char **bytes, size_t *len) {
  free(r->decoded);
  r->decoded = malloc(text->len ? text->len : 1);
  if (!r->decoded) corrupt(r, "out of memory");
  size_t n = 0;
  for (size_t k = 0; k < text->len; k++) {
    unsigned char c = text->s[k];
    if (c < 0x80) r->decoded[n++] = c;
    else if ((c == 0xC2 || c == 0xC3) && k + 1 < text->len && (text->s[k + 1] & 0xC0) == 0x80)
      r->decoded[n++] = (unsigned char)((c & 0x03) << 6 | (text->s[++k] & 0x3F));
    else corrupt(r, "the array's data is text that is not latin-1");
  }
  *bytes = r->decoded;
  *len = n;
}

/* An array's raw data: bytes, Python 2's str, or _codecs.encode(text,
 * "latin1") (Python 3's bytes at protocol 2), or bytes() (empty). */
static void raw_bytes(Reader *r, int64_t v, const unsigned char **bytes, size_t *len) {
  const Value *d = &r->values[v];
  if (d->kind == V_BYTES || d->kind == V_LATIN1) {
    *bytes = d->s;
    *len = d->len;
    return;
  }
  if (d->kind == V_TEXT) return latin1_of_utf8(r, d, bytes, len);
  const Value *args = call_args(r, v, "_codecs", NULL, "encode");
  if (args && args->n == 2 && r->values[args->items[0]].kind == V_TEXT)
    return latin1_of_utf8(r, &r->values[args->items[0]], bytes, len);
  args = call_args(r, v, "__builtin__", "builtins", "bytes");
  if (args && args->n == 0) {
    *bytes = r->buf;
    *len = 0;
    return;
  }
  corrupt(r, "the array's data is not bytes");
}

/* numpy.dtype("u1", ...): the one dtype of CIFAR's data. */
static void check_uint8(Reader *r, int64_t dtype) {
  const Value *args = call_args(r, dtype, "numpy", NULL, "dtype");
  if (!args || args->n < 1 || !is_text(&r->values[args->items[0]]))
    corrupt(r, "'data' is not a numpy array of a dtype numpy pickles");
  const Value *code = &r->values[args->items[0]];
  if (!bytes_equal(code->s, code->len, "u1") && !bytes_equal(code->s, code->len, "uint8"))
    corrupt(r, "'data' is an array of dtype '%.*s', not uint8", (int)(code->len < 16 ? code->len : 16), code->s);
}

/* The number of elements of a shape tuple, checked against overflow. */
static uint64_t shape_size(Reader *r, int64_t shape) {
  const Value *s = &r->values[shape];
  if (s->kind != V_TUPLE) corrupt(r, "the array's shape is not a tuple");
  uint64_t size = 1;
  for (int64_t k = 0; k < s->n; k++) {
    const Value *dim = &r->values[s->items[k]];
    if (dim->kind != V_INT || dim->i < 0) corrupt(r, "the array's shape is not a tuple of sizes");
    if (dim->i && size > UINT64_MAX / (uint64_t)dim->i) corrupt(r, "the array's shape is too large");
    size *= (uint64_t)dim->i;
  }
  return size;
}

/* An array's parts, however numpy pickled it. */
typedef struct {
  int64_t shape, dtype;
  bool fortran;
  int64_t data;
} ArrayParts;

/* _reconstruct(ndarray, (0,), b"b") and BUILD's state: ([version,] shape,
 * dtype, is_fortran, data); or, at protocol 5, _frombuffer(data, dtype,
 * shape, order). */
static ArrayParts array_parts(Reader *r, int64_t v) {
  ArrayParts a;
  const Value *args = call_args(r, v, "numpy.core.multiarray", "numpy._core.multiarray", "_reconstruct");
  if (args && args->n >= 1 && is_global(r, args->items[0], "numpy", NULL, "ndarray")) {
    int64_t state = r->values[v].state;
    const Value *s = state >= 0 ? &r->values[state] : NULL;
    if (!s || s->kind != V_TUPLE || (s->n != 4 && s->n != 5)) corrupt(r, "the array's state is not numpy's");
    int64_t first = s->n - 4;
    const Value *fortran = &r->values[s->items[first + 2]];
    a.shape = s->items[first], a.dtype = s->items[first + 1], a.data = s->items[first + 3];
    a.fortran = (fortran->kind == V_BOOL || fortran->kind == V_INT) && fortran->i;
    return a;
  }
  args = call_args(r, v, "numpy.core.numeric", "numpy._core.numeric", "_frombuffer");
  if (args && args->n == 4) {
    const Value *order = &r->values[args->items[3]];
    a.data = args->items[0], a.dtype = args->items[1], a.shape = args->items[2];
    a.fortran = is_text(order) && bytes_equal(order->s, order->len, "F");
    return a;
  }
  corrupt(r, "'data' is not a numpy array");
}

/* The images of the dict `entry`'s 'data': bytes of whole 3 x 32 x 32
 * images in C order. */
static const unsigned char *image_bytes(Reader *r, int64_t entry, int64_t *count) {
  int64_t data = dict_get(r, entry, "data");
  if (data < 0) corrupt(r, "the dict has no 'data'");
  ArrayParts a = array_parts(r, data);
  check_uint8(r, a.dtype);
  uint64_t size = shape_size(r, a.shape);
  if (a.fortran && r->values[a.shape].n > 1) corrupt(r, "'data' is a Fortran-ordered array; CIFAR's are in C order");
  const unsigned char *bytes;
  size_t len;
  raw_bytes(r, a.data, &bytes, &len);
  if (len != size) corrupt(r, "'data' holds %zu bytes where its shape says %" PRIu64, len, size);
  if (size % 3072) corrupt(r, "'data' holds %" PRIu64 " bytes, not a whole number of 3 x 32 x 32 images", size);
  *count = (int64_t)(size / 3072);
  return bytes;
}

/* entry["labels"], else entry["fine_labels"], as torchvision looks them up. */
static const Value *labels_of(Reader *r, int64_t entry, int64_t count) {
  int64_t labels = dict_get(r, entry, "labels");
  const char *key = labels >= 0 ? "labels" : "fine_labels";
  if (labels < 0) labels = dict_get(r, entry, key);
  if (labels < 0) corrupt(r, "the dict has neither 'labels' nor 'fine_labels'");
  const Value *l = &r->values[labels];
  if (l->kind != V_LIST && l->kind != V_TUPLE) corrupt(r, "'%s' is not a list", key);
  for (int64_t k = 0; k < l->n; k++)
    if (r->values[l->items[k]].kind != V_INT) corrupt(r, "'%s' holds a value that is not an int", key);
  if (l->n != count) corrupt(r, "'%s' holds %" PRId64 " labels for %" PRId64 " images", key, l->n, count);
  return l;
}

static int64_t read_dict(Reader *r) {
  int64_t root = run_machine(r);
  if (r->values[root].kind != V_DICT) corrupt(r, "the pickle holds no dict");
  return root;
}

/* ---- the data set's calls ----------------------------------------------------- */

gt_tensor *gt_tv_cifar_read(const char *path, gt_list *targets) {
  Reader *r = reader_new(path);
  read_file(r);
  if (setjmp(r->fail)) fail_reading(r);
  int64_t entry = read_dict(r), count;
  const unsigned char *bytes = image_bytes(r, entry, &count);
  const Value *labels = labels_of(r, entry, count);
  int64_t shape[4] = {count, 3, 32, 32};
  gt_tensor *images = gt_tensor_from_data(bytes, GT_UINT8, shape, 4);
  if (!images) {
    reader_free(r);
    gt_fail("%s", gt_last_error());
  }
  for (int64_t k = 0; k < labels->n; k++) gt_list_append(targets, gt_vi(r->values[labels->items[k]].i));
  reader_free(r);
  return images;
}

/* A str of pickled text: UTF-8 checked, or latin-1 made UTF-8. */
static gt_str *text_str(const Value *v) {
  size_t n = 0;
  char *out = malloc(v->len * 2 + 1);  /* latin-1 takes at most two bytes a character in UTF-8 */
  if (!out) gt_fail("MemoryError: out of memory");
  for (size_t k = 0; k < v->len; k++) {
    unsigned char c = v->s[k];
    if (v->kind == V_TEXT || c < 0x80) out[n++] = (char)c;
    else out[n++] = (char)(0xC0 | c >> 6), out[n++] = (char)(0x80 | (c & 0x3F));
  }
  gt_str *s = gt_str_new(out, (int64_t)n);
  free(out);
  return s;
}

/* Whether s[0..len) is UTF-8 as CPython's pickle writes it. */
static bool valid_utf8(const unsigned char *s, size_t len) {
  for (size_t k = 0; k < len;) {
    unsigned char c = s[k];
    size_t more = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : 4;
    if (more == 4 || more > len - k - 1) return false;  /* no lead byte, or cut short */
    for (size_t j = 1; j <= more; j++)
      if ((s[k + j] & 0xC0) != 0x80) return false;
    k += more + 1;
  }
  return true;
}

/* The list of str at meta[key], checked before any str is made. */
static const Value *names_of(Reader *r, int64_t meta, const char *key) {
  int64_t names = dict_get(r, meta, key);
  if (names < 0) corrupt(r, "the dict has no '%s'", key);
  const Value *l = &r->values[names];
  if (l->kind != V_LIST && l->kind != V_TUPLE) corrupt(r, "'%s' is not a list", key);
  for (int64_t k = 0; k < l->n; k++) {
    const Value *name = &r->values[l->items[k]];
    if (!is_text(name)) corrupt(r, "'%s' holds a value that is not a str", key);
    if (name->kind == V_TEXT && !valid_utf8(name->s, name->len)) corrupt(r, "'%s' holds a str that is not UTF-8", key);
  }
  return l;
}

gt_list *gt_tv_cifar_names(const char *path, const char *key) {
  Reader *r = reader_new(path);
  read_file(r);
  if (setjmp(r->fail)) fail_reading(r);
  const Value *l = names_of(r, read_dict(r), key);
  gt_list *out = gt_list_new(&gt_t_list_str, l->n);
  for (int64_t k = 0; k < l->n; k++) {
    gt_str *s = text_str(&r->values[l->items[k]]);
    gt_list_append(out, gt_vp(s));
    gt_release(s);
  }
  reader_free(r);
  return out;
}

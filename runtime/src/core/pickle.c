/* pickle.c - pickle.dump and pickle.load of typed values, as CPython
 * 3.11's pickle module (Modules/_pickle.c) writes and reads them.
 *
 * dump walks a value by its descriptor and writes the opcodes _pickle.c's
 * Pickler writes for it, byte for byte: the same memo (by identity: a
 * list, dict, set, tuple or str the value holds twice is written once,
 * then fetched), the same batches and the same frames. It checks first
 * that the value has a pickle form, so that a TypeError writes nothing.
 *
 * load reads one pickle into a graph of nodes by running the pickle
 * machine (its stack, marks and memo; a memo fetch shares the node), then
 * checks that the graph fits the type the program expects there, and only
 * then builds the value, so that an error leaves nothing half made. It
 * never imports or calls anything: the only globals it knows are the set,
 * frozenset and tuple types and copyreg's _reconstructor (which CPython
 * writes for sets and named tuples below protocol 4), and a named tuple's
 * class by its name, where the program expects that named tuple.
 */
#define _GNU_SOURCE  /* getc_unlocked */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

#include "bfile.h"

enum {
  PICKLE_MAX_DEPTH = 1000,   /* CPython's recursion limit meets deeper values first */
  DEFAULT_PROTOCOL = 4,
  HIGHEST_PROTOCOL = 5,
  BATCHSIZE = 1000,          /* items per APPENDS, SETITEMS or ADDITEMS */
  FRAME_SIZE_MIN = 4,        /* a shorter frame is written without its header */
  FRAME_SIZE_TARGET = 64 * 1024,
  FRAME_HEADER_SIZE = 9,
};

/* The opcodes (Lib/pickletools.py names them all). */
enum {
  MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', FLOAT = 'F', INT = 'I', BININT = 'J',
  BININT1 = 'K', LONG = 'L', BININT2 = 'M', NONE = 'N', PERSID = 'P', BINPERSID = 'Q', REDUCE = 'R',
  STRING = 'S', BINSTRING = 'T', SHORT_BINSTRING = 'U', UNICODE = 'V', BINUNICODE = 'X', APPEND = 'a',
  BUILD = 'b', GLOBAL = 'c', DICT = 'd', EMPTY_DICT = '}', APPENDS = 'e', GET = 'g', BINGET = 'h',
  INST = 'i', LONG_BINGET = 'j', LIST = 'l', EMPTY_LIST = ']', OBJ = 'o', PUT = 'p', BINPUT = 'q',
  LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't', EMPTY_TUPLE = ')', SETITEMS = 'u', BINFLOAT = 'G',
  /* protocol 2 */
  PROTO = 0x80, NEWOBJ = 0x81, EXT1 = 0x82, EXT2 = 0x83, EXT4 = 0x84, TUPLE1 = 0x85, TUPLE2 = 0x86,
  TUPLE3 = 0x87, NEWTRUE = 0x88, NEWFALSE = 0x89, LONG1 = 0x8a, LONG4 = 0x8b,
  /* protocol 3 */
  BINBYTES = 'B', SHORT_BINBYTES = 'C',
  /* protocol 4 */
  SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, EMPTY_SET = 0x8f, ADDITEMS = 0x90,
  FROZENSET = 0x91, NEWOBJ_EX = 0x92, STACK_GLOBAL = 0x93, MEMOIZE = 0x94, FRAME = 0x95,
  /* protocol 5 */
  BYTEARRAY8 = 0x96, NEXT_BUFFER = 0x97, READONLY_BUFFER = 0x98,
};

/* ---- pickle.PickleError and its kin ------------------------------------------ */

const gt_class gt_PickleError_class = {"PickleError", gt_exc_drop, gt_exc_str, gt_exc_repr, NULL, NULL, &gt_Exception_class};
const gt_class gt_PicklingError_class = {"PicklingError", gt_exc_drop, gt_exc_str, gt_exc_repr,
                                         NULL, NULL, &gt_PickleError_class};
const gt_class gt_UnpicklingError_class = {"UnpicklingError", gt_exc_drop, gt_exc_str, gt_exc_repr,
                                           NULL, NULL, &gt_PickleError_class};

gt_exc *gt_PickleError_new(gt_str *msg) { return gt_exc_new(&gt_PickleError_class, msg); }
gt_exc *gt_PicklingError_new(gt_str *msg) { return gt_exc_new(&gt_PicklingError_class, msg); }
gt_exc *gt_UnpicklingError_new(gt_str *msg) { return gt_exc_new(&gt_UnpicklingError_class, msg); }

/* An UnpicklingError with a printf message (gt_fail names built-in classes only). */
GT_NORETURN __attribute__((format(printf, 1, 2))) static void unpickling_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *text = NULL;
  int n = vasprintf(&text, fmt, ap);
  va_end(ap);
  if (n < 0) gt_fail("MemoryError: out of memory");
  gt_str *msg = gt_str_from_cstr(text);
  free(text);
  gt_exc *e = gt_UnpicklingError_new(msg);
  gt_release(msg);
  gt_raise(e);
}

/* ---- the memo: the writer's, of an object's address to its memo index;
 * the reader's, of a memo index (plus one: never NULL) to its node's ---- */

typedef struct Memo {
  const void **keys;
  int64_t *index;
  size_t cap, n;
} Memo;

static size_t memo_slot(const Memo *m, const void *key) {
  uint64_t h = (uint64_t)(uintptr_t)key;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  size_t i = (size_t)h & (m->cap - 1);
  while (m->keys[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
  return i;
}

static int64_t memo_find(const Memo *m, const void *key) {
  if (!m->cap) return -1;
  size_t i = memo_slot(m, key);
  return m->keys[i] ? m->index[i] : -1;
}

static void memo_grow(Memo *m) {
  Memo bigger = {gt_xmalloc(sizeof(void *) * (m->cap ? m->cap * 2 : 64)), NULL, m->cap ? m->cap * 2 : 64, m->n};
  bigger.index = gt_xmalloc(sizeof(int64_t) * bigger.cap);
  memset(bigger.keys, 0, sizeof(void *) * bigger.cap);
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    size_t j = memo_slot(&bigger, m->keys[i]);
    bigger.keys[j] = m->keys[i];
    bigger.index[j] = m->index[i];
  }
  free(m->keys);
  free(m->index);
  *m = bigger;
}

/* Sets key's value, adding key where it is new. */
static void memo_add(Memo *m, const void *key, int64_t index) {
  if (2 * (m->n + 1) > m->cap) memo_grow(m);
  size_t i = memo_slot(m, key);
  if (!m->keys[i]) m->n++;
  m->keys[i] = key;
  m->index[i] = index;
}

/* ---- dump ---------------------------------------------------------------------- */

typedef struct Pickler {
  gt_sbuf out;
  int proto;
  bool framing;          /* protocol 4 on: opcodes go in frames */
  int64_t frame_start;   /* where the open frame's header is, or -1 */
  Memo memo;
  int64_t memo_len;      /* indices given, temporaries' included */
} Pickler;

/* The objects that stand for the globals CPython writes (the set type,
 * copyreg._reconstructor, tuple): memo keys no value has. */
static const char GLOBAL_SET, GLOBAL_RECONSTRUCTOR, GLOBAL_TUPLE;

/* _Pickler_Write: bytes into the open frame, opening one where framing. */
static void put(Pickler *p, const void *data, size_t n) {
  if (p->framing && p->frame_start < 0) {
    p->frame_start = (int64_t)p->out.len;
    gt_sbuf_fill(&p->out, "\xfe", 1, FRAME_HEADER_SIZE);  /* the header, once the frame's length is known */
  }
  gt_sbuf_put(&p->out, data, n);
}

static void put_op(Pickler *p, int op) {
  char c = (char)op;
  put(p, &c, 1);
}

static void put_le(char *q, uint64_t v, int n) {
  for (int i = 0; i < n; i++) q[i] = (char)(v >> (8 * i));
}

/* An opcode and its little-endian argument of n bytes. */
static void put_op_le(Pickler *p, int op, uint64_t v, int n) {
  char buf[9];
  buf[0] = (char)op;
  put_le(buf + 1, v, n);
  put(p, buf, (size_t)n + 1);
}

/* Closes the open frame: its header written, or taken out where the frame
 * is shorter than FRAME_SIZE_MIN. */
static void commit_frame(Pickler *p) {
  if (!p->framing || p->frame_start < 0) return;
  size_t len = p->out.len - (size_t)p->frame_start - FRAME_HEADER_SIZE;
  char *q = p->out.data + p->frame_start;
  if (len >= FRAME_SIZE_MIN) {
    q[0] = (char)FRAME;
    put_le(q + 1, len, 8);
  } else {
    memmove(q, q + FRAME_HEADER_SIZE, len);
    p->out.len -= FRAME_HEADER_SIZE;
  }
  p->frame_start = -1;
}

/* Before each value: a frame that has reached its target size ends. */
static void opcode_boundary(Pickler *p) {
  if (p->framing && p->frame_start >= 0 &&
      p->out.len - (size_t)p->frame_start - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET)
    commit_frame(p);
}

/* A header and a payload; a payload of FRAME_SIZE_TARGET or more goes
 * outside any frame, as _Pickler_write_bytes sends it. */
static void put_payload(Pickler *p, const char *header, size_t header_len, const char *data, size_t n) {
  bool framing = p->framing;
  if (n >= FRAME_SIZE_TARGET) {
    commit_frame(p);
    p->framing = false;
  }
  put(p, header, header_len);
  put(p, data, n);
  p->framing = framing;
}

/* memo_put: the next index for key (NULL: a temporary no value shares). */
static void memo_put(Pickler *p, const void *key) {
  int64_t index = p->memo_len++;
  if (key) memo_add(&p->memo, key, index);
  if (p->proto >= 4) put_op(p, MEMOIZE);
  else if (p->proto == 0) gt_sbuf_printf(&p->out, "%c%" PRId64 "\n", PUT, index);
  else if (index < 256) put_op_le(p, BINPUT, (uint64_t)index, 1);
  else put_op_le(p, LONG_BINPUT, (uint64_t)index, 4);
}

/* memo_get: what key was written as, fetched; false where it has no index. */
static bool memo_get(Pickler *p, const void *key) {
  int64_t index = memo_find(&p->memo, key);
  if (index < 0) return false;
  if (p->proto == 0) gt_sbuf_printf(&p->out, "%c%" PRId64 "\n", GET, index);
  else if (index < 256) put_op_le(p, BINGET, (uint64_t)index, 1);
  else put_op_le(p, LONG_BINGET, (uint64_t)index, 4);
  return true;
}

static void save(Pickler *p, gt_val v, const gt_type *t);

static void save_bool(Pickler *p, bool b) {
  if (p->proto >= 2) put_op(p, b ? NEWTRUE : NEWFALSE);
  else put(p, b ? "I01\n" : "I00\n", 4);
}

/* save_long: BININT1, BININT2 or BININT for 32 bits, else LONG1 (two's
 * complement, little-endian, in the fewest bytes that keep the sign) or,
 * below protocol 2, the decimal LONG. */
static void save_int(Pickler *p, int64_t i) {
  if (i >= INT32_MIN && i <= INT32_MAX) {
    uint32_t u = (uint32_t)i;
    if (p->proto == 0) gt_sbuf_printf(&p->out, "%c%" PRId64 "\n", INT, i);
    else if (u >> 16) put_op_le(p, BININT, u, 4);
    else if (u >> 8) put_op_le(p, BININT2, u, 2);
    else put_op_le(p, BININT1, u, 1);
    return;
  }
  if (p->proto < 2) {
    char text[32];
    int n = snprintf(text, sizeof text, "%c%" PRId64 "L\n", LONG, i);
    put(p, text, (size_t)n);
    return;
  }
  uint64_t magnitude = i < 0 ? -(uint64_t)i : (uint64_t)i;
  int nbits = 64 - __builtin_clzll(magnitude);
  int nbytes = nbits / 8 + 1;
  char buf[11] = {(char)LONG1, 0};
  put_le(buf + 2, (uint64_t)i, 8);
  buf[10] = i < 0 ? (char)0xff : 0;  /* the ninth byte of 2**63 and of -2**63 */
  if (i < 0 && nbytes > 1 && (unsigned char)buf[2 + nbytes - 1] == 0xff && (buf[2 + nbytes - 2] & 0x80)) nbytes--;
  buf[1] = (char)nbytes;
  put(p, buf, (size_t)nbytes + 2);
}

static void save_float(Pickler *p, double f) {
  if (p->proto == 0) {
    gt_sbuf text;
    gt_sbuf_init(&text);
    gt_sbuf_putc(&text, FLOAT);
    gt_double_to_string(&text, f, 'r', 0, GT_DTS_ADD_DOT_0, false);
    gt_sbuf_putc(&text, '\n');
    put(p, text.data, text.len);
    gt_sbuf_free(&text);
    return;
  }
  uint64_t bits;
  memcpy(&bits, &f, sizeof bits);
  char buf[9] = {(char)BINFLOAT};
  for (int i = 0; i < 8; i++) buf[1 + i] = (char)(bits >> (56 - 8 * i));  /* big-endian */
  put(p, buf, sizeof buf);
}

/* Protocol 0's UNICODE text: raw-unicode-escape, with "\\", "\0", "\n",
 * "\r" and "\x1a" escaped so that the line holds. */
static void put_raw_unicode_escape(gt_sbuf *b, const gt_str *s) {
  int64_t pos = 0;
  while (pos < s->len) {
    uint32_t c = gt_utf8_decode(s->data, s->len, &pos);
    if (c >= 0x10000) gt_sbuf_printf(b, "\\U%08x", c);
    else if (c >= 256 || c == '\\' || c == 0 || c == '\n' || c == '\r' || c == 0x1a) gt_sbuf_printf(b, "\\u%04x", c);
    else gt_sbuf_putc(b, (char)c);  /* Latin-1, one byte */
  }
}

/* A str's opcode and text: UNICODE's line at protocol 0, else the
 * shortest of SHORT_BINUNICODE, BINUNICODE and BINUNICODE8 there is. */
static void write_str(Pickler *p, const gt_str *s) {
  if (p->proto == 0) {
    gt_sbuf text;
    gt_sbuf_init(&text);
    gt_sbuf_putc(&text, UNICODE);
    put_raw_unicode_escape(&text, s);
    gt_sbuf_putc(&text, '\n');
    put(p, text.data, text.len);
    gt_sbuf_free(&text);
  } else {
    uint64_t n = (uint64_t)s->len;
    char header[9];
    size_t header_len;
    if (n <= 0xff && p->proto >= 4) header[0] = (char)SHORT_BINUNICODE, header_len = 2;
    else if (n <= 0xffffffffu) header[0] = (char)BINUNICODE, header_len = 5;
    else header[0] = (char)BINUNICODE8, header_len = 9;
    put_le(header + 1, n, (int)header_len - 1);
    put_payload(p, header, header_len, s->data, (size_t)n);
  }
}

static void save_str(Pickler *p, const gt_str *s) {
  write_str(p, s);
  memo_put(p, s);
}

/* A module's or a class's name at protocol 4 (a str STACK_GLOBAL takes),
 * memoized by key: CPython's names are one object each, a module's shared
 * by its classes. */
static void save_name(Pickler *p, const void *key, const char *name) {
  if (memo_get(p, key)) return;
  gt_str *s = gt_str_from_cstr(name);
  write_str(p, s);
  gt_release(s);
  memo_put(p, key);
}

/* save_global: a class or function by module and name, memoized by key
 * (name_key: what its name's str is memoized by at protocol 4). */
static void save_global(Pickler *p, const void *key, const char *module, const void *name_key, const char *name) {
  if (memo_get(p, key)) return;
  if (p->proto >= 4) {
    save_name(p, module, module);
    save_name(p, name_key, name);
    put_op(p, STACK_GLOBAL);
  } else {
    /* fix_imports: protocols 0 to 2 name Python 2's modules */
    if (p->proto < 3 && !strcmp(module, "builtins")) module = "__builtin__";
    if (p->proto < 3 && !strcmp(module, "copyreg")) module = "copy_reg";
    put_op(p, GLOBAL);
    put(p, module, strlen(module));
    put(p, "\n", 1);
    put(p, name, strlen(name));
    put(p, "\n", 1);
  }
  memo_put(p, key);
}

/* Items i..n-1 of a list or a tuple, as saved one by one. */
static void save_items(Pickler *p, const gt_val *items, int64_t from, int64_t to, const gt_type *const *types,
                       bool same) {
  for (int64_t i = from; i < to; i++) save(p, items[i], same ? types[0] : types[i]);
}

/* A list's items after its EMPTY_LIST (or MARK LIST): one APPEND for one
 * item, else batches of MARK ... APPENDS; each its own APPEND at protocol 0. */
static void save_list_items(Pickler *p, const gt_val *items, int64_t n, const gt_type *elem) {
  if (p->proto == 0) {
    for (int64_t i = 0; i < n; i++) {
      save(p, items[i], elem);
      put_op(p, APPEND);
    }
    return;
  }
  if (n == 1) {
    save(p, items[0], elem);
    put_op(p, APPEND);
    return;
  }
  int64_t done = 0;
  while (done < n) {
    int64_t batch = n - done < BATCHSIZE ? n - done : BATCHSIZE;
    put_op(p, MARK);
    save_items(p, items, done, done + batch, &elem, true);
    put_op(p, APPENDS);
    done += batch;
  }
}

/* A list: key is what the memo knows it by (NULL for a temporary). */
static void save_list(Pickler *p, const void *key, const gt_val *items, int64_t n, const gt_type *elem) {
  if (p->proto == 0) put(p, "(l", 2);
  else put_op(p, EMPTY_LIST);
  memo_put(p, key);
  if (n) save_list_items(p, items, n, elem);
}

/* A tuple: key is what the memo knows it by (NULL for a temporary: a
 * named tuple's items as a plain tuple); the empty tuple is not memoized. */
static void save_tuple(Pickler *p, const void *key, const gt_tuple *tu) {
  const gt_type *const *types = tu->type->args;
  if (tu->len == 0) {
    if (p->proto == 0) put(p, "(t", 2);
    else put_op(p, EMPTY_TUPLE);
    return;
  }
  if (tu->len <= 3 && p->proto >= 2) {
    save_items(p, tu->items, 0, tu->len, types, false);
    put_op(p, TUPLE1 + (int)tu->len - 1);
  } else {
    put_op(p, MARK);
    save_items(p, tu->items, 0, tu->len, types, false);
    put_op(p, TUPLE);
  }
  memo_put(p, key);
}

/* A named tuple, as its class's __reduce_ex__ gives it: from protocol 2
 * `cls.__new__(cls, *items)` (NEWOBJ), below it copyreg's
 * `_reconstructor(cls, tuple, items)`. Its class is __main__'s: the
 * descriptor knows no module. */
static void save_named_tuple(Pickler *p, const gt_tuple *tu, const gt_tuple_names *names) {
  if (p->proto >= 2) {
    save_global(p, names, "__main__", names->name, names->name);
    save_tuple(p, NULL, tu);
    put_op(p, NEWOBJ);
  } else {
    save_global(p, &GLOBAL_RECONSTRUCTOR, "copyreg", NULL, "_reconstructor");
    put_op(p, MARK);
    save_global(p, names, "__main__", names->name, names->name);
    save_global(p, &GLOBAL_TUPLE, "builtins", NULL, "tuple");
    save_tuple(p, NULL, tu);
    put_op(p, TUPLE);
    memo_put(p, NULL);
    put_op(p, REDUCE);
  }
  memo_put(p, tu);
}

/* A dict's items after its EMPTY_DICT: one SETITEM for one pair, else
 * batches of MARK ... SETITEMS (a last, empty one after a full batch, as
 * CPython's loop writes); each pair its own SETITEM at protocol 0. */
static void save_dict_items(Pickler *p, const gt_dict *d, const gt_type *t) {
  int64_t n = gt_dict_len(d), pos = 0;
  gt_val key, value;
  if (p->proto == 0 || n == 1) {
    while (gt_dict_next(d, &pos, &key, &value)) {
      save(p, key, t->args[0]);
      save(p, value, t->args[1]);
      put_op(p, SETITEM);
    }
    return;
  }
  int64_t in_batch;
  do {
    in_batch = 0;
    put_op(p, MARK);
    while (in_batch < BATCHSIZE && gt_dict_next(d, &pos, &key, &value)) {
      save(p, key, t->args[0]);
      save(p, value, t->args[1]);
      in_batch++;
    }
    put_op(p, SETITEMS);
  } while (in_batch == BATCHSIZE);
}

static void save_dict(Pickler *p, const gt_dict *d, const gt_type *t) {
  if (p->proto == 0) put(p, "(d", 2);
  else put_op(p, EMPTY_DICT);
  memo_put(p, d);
  if (gt_dict_len(d)) save_dict_items(p, d, t);
}

/* A set: from protocol 4 EMPTY_SET and batches of MARK ... ADDITEMS (a
 * last, empty one after a full batch); below it `set([items])` (REDUCE). */
static void save_set(Pickler *p, const gt_set *s, const gt_type *t) {
  if (p->proto < 4) {
    save_global(p, &GLOBAL_SET, "builtins", NULL, "set");
    if (p->proto < 2) put_op(p, MARK);
    gt_list *items = gt_set_list(s);
    save_list(p, NULL, items->items, items->len, t->args[0]);
    gt_release(items);
    put_op(p, p->proto < 2 ? TUPLE : TUPLE1);
    memo_put(p, NULL);
    put_op(p, REDUCE);
    memo_put(p, s);
    return;
  }
  put_op(p, EMPTY_SET);
  memo_put(p, s);
  if (!gt_set_len(s)) return;
  int64_t pos = 0, in_batch;
  gt_val v;
  do {
    in_batch = 0;
    put_op(p, MARK);
    while (in_batch < BATCHSIZE && gt_set_next(s, &pos, &v)) {
      save(p, v, t->args[0]);
      in_batch++;
    }
    put_op(p, ADDITEMS);
  } while (in_batch == BATCHSIZE);
}

static void save_num(Pickler *p, gt_num n) {
  if (gt_num_is_bool(n)) save_bool(p, gt_num_int_value(n));
  else if (gt_num_is_int(n)) save_int(p, gt_num_int_value(n));
  else save_float(p, gt_num_as_float(n));
}

/* save: one value, fetched from the memo where it is written already.
 * check_picklable has let only plain values through. */
static void save(Pickler *p, gt_val v, const gt_type *t) {
  opcode_boundary(p);
  gt_dyn_unwrap(&v, &t);
  if (gt_val_is_none(v, t) || t->kind == GT_K_NONE) {
    put_op(p, NONE);
    return;
  }
  if (t->kind >= GT_K_STR && memo_get(p, v.p)) return;
  switch (t->kind) {
  case GT_K_INT: save_int(p, v.i); return;
  case GT_K_FLOAT: save_float(p, v.f); return;
  case GT_K_BOOL: save_bool(p, v.b); return;
  case GT_K_NUM: save_num(p, v.i); return;
  case GT_K_STR: save_str(p, v.p); return;
  case GT_K_LIST: {
    const gt_list *l = v.p;
    save_list(p, l, l->items, l->len, t->args[0]);
    return;
  }
  case GT_K_TUPLE: {
    const gt_tuple *tu = v.p;
    const gt_tuple_names *names = tu->type->names ? tu->type->names : t->names;
    if (names) save_named_tuple(p, tu, names);
    else save_tuple(p, tu, tu);
    return;
  }
  case GT_K_DICT: save_dict(p, v.p, t); return;
  case GT_K_SET: save_set(p, v.p, t); return;
  default: return;
  }
}

/* CPython's TypeError for what has no pickle form here, before anything
 * is written: an object of the program's classes, a tensor, a module. */
static void check_picklable(gt_val v, const gt_type *t, int depth) {
  if (depth > PICKLE_MAX_DEPTH) gt_fail("RecursionError: maximum recursion depth exceeded while pickling an object");
  gt_dyn_unwrap(&v, &t);
  if (gt_val_is_none(v, t)) return;
  switch (t->kind) {
  case GT_K_LIST: {
    const gt_list *l = v.p;
    for (int64_t i = 0; i < l->len; i++) check_picklable(l->items[i], t->args[0], depth + 1);
    return;
  }
  case GT_K_TUPLE: {
    const gt_tuple *tu = v.p;
    for (int64_t i = 0; i < tu->len; i++) check_picklable(tu->items[i], tu->type->args[i], depth + 1);
    return;
  }
  case GT_K_DICT: {
    int64_t pos = 0;
    gt_val key, value;
    while (gt_dict_next(v.p, &pos, &key, &value)) {
      check_picklable(key, t->args[0], depth + 1);
      check_picklable(value, t->args[1], depth + 1);
    }
    return;
  }
  case GT_K_OBJ: {
    const gt_obj *o = v.p;
    gt_fail("TypeError: cannot pickle '%s' object: pickle here writes None, bool, int, float, str, and "
            "lists, tuples, named tuples, dicts and sets of them",
            o->cls->name);
  }
  default: return;
  }
}

void gt_pickle_dump(gt_val v, const gt_type *t, gt_bfile *f, int64_t protocol) {
  if (protocol == GT_NONE_INT) protocol = DEFAULT_PROTOCOL;
  else if (protocol < 0) protocol = HIGHEST_PROTOCOL;
  if (protocol > HIGHEST_PROTOCOL) gt_fail("ValueError: pickle protocol must be <= %d", HIGHEST_PROTOCOL);
  if (!f->fp) gt_fail("ValueError: write to closed file");
  FILE *fp = gt_bfile_stream(f, true);
  check_picklable(v, t, 0);
  Pickler p = {.proto = (int)protocol, .frame_start = -1};
  gt_sbuf_init(&p.out);
  if (p.proto >= 2) {
    char header[2] = {(char)PROTO, (char)p.proto};
    put(&p, header, 2);
    p.framing = p.proto >= 4;
  }
  save(&p, v, t);
  put_op(&p, STOP);
  commit_frame(&p);
  size_t written = fwrite(p.out.data, 1, p.out.len, fp);
  int err = errno;
  bool short_write = written != p.out.len;
  gt_sbuf_free(&p.out);
  free(p.memo.keys);
  free(p.memo.index);
  if (short_write) gt_fail_errno(err, NULL);
}

/* ---- load: the pickle machine ----------------------------------------------------- */

/* What the machine makes: a plain value, or a global it names (never
 * imported), or an object a class global makes (a named tuple). */
typedef enum {
  N_NONE, N_BOOL, N_INT, N_BIGINT, N_FLOAT, N_STR, N_BYTES, N_BYTEARRAY,
  N_LIST, N_TUPLE, N_DICT, N_SET, N_FROZENSET, N_GLOBAL, N_OBJECT,
} NodeKind;

/* The globals the machine knows by what CPython pickles with them. */
typedef enum { G_OTHER, G_SET, G_FROZENSET, G_TUPLE, G_RECONSTRUCTOR } GlobalKind;

typedef struct Node {
  NodeKind kind;
  int64_t id;                  /* its place among the nodes made */
  bool b;
  int64_t i;
  double f;
  gt_str *str;                 /* N_STR; N_GLOBAL: "module.name" */
  GlobalKind global;
  struct Node **items;         /* containers; a dict's keys and values in turn; N_OBJECT: class, args tuple */
  int64_t len, cap;
  /* what fit and build know of it */
  const gt_type *fitted;       /* the type it was found to fit, or NULL */
  bool visiting;               /* fit is inside it: a node met again there holds itself */
  const gt_type *built_type;   /* the type of built, or NULL */
  gt_val built;                /* the value made of it (a reference, kept so that what the pickle shares stays shared) */
} Node;

typedef struct Unpickler {
  FILE *fp;
  char *frame;                 /* the frame read ahead (FRAME), and how far it is read */
  int64_t frame_len, frame_pos;
  int64_t offset;              /* bytes read */
  gt_sbuf arg;                 /* an opcode's argument being read */
  gt_sbuf module;              /* GLOBAL's module, while its name is read */
  Node **nodes;                /* every node made, for the end */
  int64_t nnodes, nodes_cap;
  Node **stack;
  int64_t depth, stack_cap;
  int64_t *marks;
  int64_t nmarks, marks_cap;
  Memo memo;                   /* a memo index to its node's place in nodes */
  Node *result;
} Unpickler;

/* A growable array's room for one more (its length n, capacity *cap). */
static void *grow(void *items, size_t size, int64_t n, int64_t *cap) {
  if (n < *cap) return items;
  *cap = *cap ? *cap * 2 : 16;
  return gt_xrealloc(items, size * (size_t)*cap);
}

static Node *new_node(Unpickler *u, NodeKind kind) {
  u->nodes = grow(u->nodes, sizeof *u->nodes, u->nnodes, &u->nodes_cap);
  Node *n = calloc(1, sizeof *n);
  if (!n) gt_fail("MemoryError: out of memory");
  n->kind = kind;
  n->id = u->nnodes;
  u->nodes[u->nnodes++] = n;
  return n;
}

static void add_item(Node *n, Node *item) {
  n->items = grow(n->items, sizeof *n->items, n->len, &n->cap);
  n->items[n->len++] = item;
}

static void unpickler_free(Unpickler *u) {
  for (int64_t i = 0; i < u->nnodes; i++) {
    Node *n = u->nodes[i];
    gt_release(n->str);
    if (n->built_type) gt_val_release(n->built, n->built_type);
    free(n->items);
    free(n);
  }
  free(u->nodes);
  free(u->stack);
  free(u->marks);
  free(u->memo.keys);
  free(u->memo.index);
  free(u->frame);
  gt_sbuf_free(&u->arg);
  gt_sbuf_free(&u->module);
}

/* ---- reading bytes ---- */

static int next_byte(Unpickler *u) {
  if (u->frame_pos < u->frame_len) return (unsigned char)u->frame[u->frame_pos++];
  return getc_unlocked(u->fp);
}

/* n bytes into u->arg (replacing what it held); false where the input ends first. */
static bool read_bytes(Unpickler *u, uint64_t n) {
  u->arg.len = 0;
  for (uint64_t k = 0; k < n; k++) {
    int c = next_byte(u);
    if (c == EOF) return false;
    gt_sbuf_putc(&u->arg, (char)c);
  }
  u->offset += (int64_t)n;
  return true;
}

GT_NORETURN static void truncated(void) { unpickling_error("pickle data was truncated"); }

static void need_bytes(Unpickler *u, uint64_t n) {
  if (!read_bytes(u, n)) truncated();
}

/* The little-endian number of the n bytes just read. */
static uint64_t arg_le(const Unpickler *u, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; i--) v = v << 8 | (unsigned char)u->arg.data[i];
  return v;
}

static uint64_t read_le(Unpickler *u, int n) {
  need_bytes(u, (uint64_t)n);
  return arg_le(u, n);
}

/* A line, its "\n" taken off, into u->arg (NUL-terminated). */
static void read_line(Unpickler *u) {
  u->arg.len = 0;
  for (;;) {
    int c = next_byte(u);
    if (c == EOF) truncated();
    u->offset++;
    if (c == '\n') break;
    gt_sbuf_putc(&u->arg, (char)c);
  }
  gt_sbuf_cstr(&u->arg);
}

/* FRAME: the frame's bytes read ahead, as CPython reads them: a frame
 * the input does not hold whole is a truncated pickle. */
static void read_frame(Unpickler *u) {
  uint64_t len = read_le(u, 8);
  char *rest = u->frame_pos < u->frame_len ? u->frame + u->frame_pos : NULL;
  int64_t rest_len = rest ? u->frame_len - u->frame_pos : 0;
  gt_sbuf ahead;
  gt_sbuf_init(&ahead);
  if (rest) gt_sbuf_put(&ahead, rest, (size_t)rest_len);
  for (uint64_t k = 0; k < len; k++) {
    int c = getc_unlocked(u->fp);
    if (c == EOF) {
      gt_sbuf_free(&ahead);
      truncated();
    }
    gt_sbuf_putc(&ahead, (char)c);
  }
  free(u->frame);
  u->frame = gt_xmalloc(ahead.len ? ahead.len : 1);
  memcpy(u->frame, ahead.data, ahead.len);
  u->frame_len = (int64_t)ahead.len;
  u->frame_pos = 0;
  gt_sbuf_free(&ahead);
}

/* ---- the stack, its marks and the memo ---- */

static void push(Unpickler *u, Node *n) {
  u->stack = grow(u->stack, sizeof *u->stack, u->depth, &u->stack_cap);
  u->stack[u->depth++] = n;
}

/* Where the items above the innermost mark begin: none is below it. */
static int64_t fence(const Unpickler *u) { return u->nmarks ? u->marks[u->nmarks - 1] : 0; }

static Node *pop(Unpickler *u) {
  if (u->depth <= fence(u)) unpickling_error("unpickling stack underflow");
  return u->stack[--u->depth];
}

static Node *top(Unpickler *u) {
  if (u->depth <= fence(u)) unpickling_error("unpickling stack underflow");
  return u->stack[u->depth - 1];
}

static void push_mark(Unpickler *u) {
  u->marks = grow(u->marks, sizeof *u->marks, u->nmarks, &u->marks_cap);
  u->marks[u->nmarks++] = u->depth;
}

/* marker(): the innermost mark, taken off. */
static int64_t pop_mark(Unpickler *u) {
  if (!u->nmarks) unpickling_error("could not find MARK");
  return u->marks[--u->nmarks];
}

/* A node of the items above the innermost mark, which leave the stack. */
static Node *items_since_mark(Unpickler *u, NodeKind kind) {
  int64_t mark = pop_mark(u);
  Node *n = new_node(u, kind);
  for (int64_t i = mark; i < u->depth; i++) add_item(n, u->stack[i]);
  u->depth = mark;
  return n;
}

/* The container that items above the innermost mark go into: the node
 * just below the mark (APPENDS, SETITEMS, ADDITEMS). */
static int64_t container_below_mark(Unpickler *u) {
  int64_t mark = pop_mark(u);
  if (mark > u->depth || mark <= fence(u)) unpickling_error("unpickling stack underflow");
  return mark;
}

/* A memo index as the reader's memo key. */
static const void *memo_key(int64_t index) { return (const void *)(uintptr_t)((uint64_t)index + 1); }

static void memo_store(Unpickler *u, int64_t index, Node *n) { memo_add(&u->memo, memo_key(index), n->id); }

static void memo_fetch(Unpickler *u, int64_t index) {
  int64_t id = memo_find(&u->memo, memo_key(index));
  if (id < 0) unpickling_error("Memo value not found at index %" PRId64, index);
  push(u, u->nodes[id]);
}

/* ---- values ---- */

static Node *int_node(Unpickler *u, int64_t i) {
  Node *n = new_node(u, N_INT);
  n->i = i;
  return n;
}

/* A decimal int of INT or LONG (its trailing "L" off), or false. */
static bool parse_decimal(const char *s, int64_t *out, bool *big) {
  errno = 0;
  char *end;
  long long v = strtoll(s, &end, 10);
  while (end != s && (*end == ' ' || (*end >= '\t' && *end <= '\r'))) end++;  /* int()'s white space */
  if (end == s || *end) return false;
  *big = errno == ERANGE;
  *out = v;
  return true;
}

/* INT: a decimal line, "01" and "00" being True and False. */
static Node *load_int(Unpickler *u) {
  read_line(u);
  const char *s = u->arg.data;
  if (!strcmp(s, "01") || !strcmp(s, "00")) {
    Node *n = new_node(u, N_BOOL);
    n->b = s[1] == '1';
    return n;
  }
  int64_t v;
  bool big;
  if (!parse_decimal(s, &v, &big)) gt_fail("ValueError: could not convert string to int");
  return big ? new_node(u, N_BIGINT) : int_node(u, v);
}

/* LONG: a decimal line with an "L" after it. */
static Node *load_long_text(Unpickler *u) {
  read_line(u);
  if (u->arg.len && u->arg.data[u->arg.len - 1] == 'L') u->arg.data[--u->arg.len] = '\0';
  int64_t v;
  bool big;
  if (!parse_decimal(u->arg.data, &v, &big))
    gt_fail("ValueError: invalid literal for int() with base 10: '%s\\n'", u->arg.data);
  return big ? new_node(u, N_BIGINT) : int_node(u, v);
}

/* LONG1, LONG4: n bytes of two's complement, little-endian. Beyond 8
 * bytes it fits 64 bits only where the rest extend the sign. */
static Node *load_long_binary(Unpickler *u, int size_bytes) {
  uint64_t n = read_le(u, size_bytes);
  if (size_bytes == 4 && (int32_t)n < 0) unpickling_error("LONG pickle has negative byte count");
  need_bytes(u, n);
  const unsigned char *b = (const unsigned char *)u->arg.data;
  if (n == 0) return int_node(u, 0);
  bool negative = b[n - 1] & 0x80;
  for (uint64_t k = 8; k < n; k++)
    if (b[k] != (negative ? 0xff : 0)) return new_node(u, N_BIGINT);
  if (n > 8 && ((b[7] & 0x80) != 0) != negative) return new_node(u, N_BIGINT);
  uint64_t v = negative ? ~(uint64_t)0 : 0;
  for (uint64_t k = n < 8 ? n : 8; k-- > 0;) v = v << 8 | b[k];
  if (n < 8) v = negative ? v | (~(uint64_t)0 << (8 * n)) : v;
  return int_node(u, (int64_t)v);
}

static Node *load_float_text(Unpickler *u) {
  read_line(u);
  char *end;
  double f = strtod(u->arg.data, &end);
  if (end == u->arg.data || *end) gt_fail("ValueError: could not convert string to float: '%s\\n'", u->arg.data);
  Node *n = new_node(u, N_FLOAT);
  n->f = f;
  return n;
}

static Node *load_binfloat(Unpickler *u) {
  need_bytes(u, 8);
  uint64_t bits = 0;
  for (int i = 0; i < 8; i++) bits = bits << 8 | (unsigned char)u->arg.data[i];  /* big-endian */
  Node *n = new_node(u, N_FLOAT);
  memcpy(&n->f, &bits, sizeof n->f);
  return n;
}

/* The length of the UTF-8 sequence at s (n bytes left), or 0 where it is
 * none; surrogates pass, as CPython's "surrogatepass" lets them. */
static int utf8_sequence(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  int len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
  if (!len || (size_t)len > n) return 0;
  for (int k = 1; k < len; k++)
    if (!gt_utf8_is_cont(s[k])) return 0;
  if (c == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
  if (c == 0xF0 && s[1] < 0x90) return 0;
  if (c == 0xF4 && s[1] >= 0x90) return 0; /* beyond U+10FFFF */
  return len;
}

/* The bytes just read as a str, checked to be UTF-8. */
static Node *str_node_utf8(Unpickler *u) {
  const unsigned char *s = (const unsigned char *)u->arg.data;
  for (size_t i = 0; i < u->arg.len;) {
    int len = utf8_sequence(s + i, u->arg.len - i);
    if (!len) gt_fail("UnicodeError: 'utf-8' codec can't decode byte 0x%02x in position %zu: invalid start byte", s[i], i);
    i += (size_t)len;
  }
  Node *n = new_node(u, N_STR);
  n->str = gt_str_new(u->arg.data, (int64_t)u->arg.len);
  return n;
}

static Node *load_binunicode(Unpickler *u, int size_bytes) {
  uint64_t len = read_le(u, size_bytes);
  need_bytes(u, len);
  return str_node_utf8(u);
}

/* Python 2's str (BINSTRING, SHORT_BINSTRING): read as ASCII, CPython's
 * default encoding= for them. */
static Node *load_binstring(Unpickler *u, int size_bytes) {
  uint64_t len = read_le(u, size_bytes);
  if (size_bytes == 4 && (int32_t)len < 0) unpickling_error("BINSTRING pickle has negative byte count");
  need_bytes(u, len);
  for (size_t i = 0; i < u->arg.len; i++)
    if ((unsigned char)u->arg.data[i] >= 0x80)
      gt_fail("UnicodeError: 'ascii' codec can't decode byte 0x%02x in position %zu: ordinal not in range(128)",
              (unsigned char)u->arg.data[i], i);
  return str_node_utf8(u);
}

static void put_code_point(gt_sbuf *b, uint32_t c) {
  char out[4];
  gt_sbuf_put(b, out, (size_t)gt_utf8_encode(c, out));
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  char lower = (char)(c | 0x20);
  return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
}

/* UNICODE: a raw-unicode-escape line: Latin-1 bytes, and \uXXXX and
 * \UXXXXXXXX where an odd number of backslashes comes before the u. */
static Node *load_unicode_text(Unpickler *u) {
  read_line(u);
  const char *s = u->arg.data;
  size_t n = u->arg.len;
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (size_t i = 0; i < n;) {
    size_t run = 0;
    while (i + run < n && s[i + run] == '\\') run++;
    if (!run) {
      put_code_point(&b, (unsigned char)s[i++]);
      continue;
    }
    bool escape = run % 2 == 1 && i + run < n && (s[i + run] == 'u' || s[i + run] == 'U');
    gt_sbuf_fill(&b, "\\", 1, (int64_t)(escape ? run - 1 : run));
    i += run;
    if (!escape) continue;
    size_t start = i - 1, digits = s[i] == 'u' ? 4 : 8;
    uint32_t c = 0;
    for (i++; digits; digits--, i++) {
      int h = i < n ? hex_digit(s[i]) : -1;
      if (h < 0) {
        gt_sbuf_free(&b);
        gt_fail("UnicodeError: 'rawunicodeescape' codec can't decode bytes in position %zu-%zu: truncated \\uXXXX escape",
                start, i - 1);
      }
      c = c * 16 + (uint32_t)h;
    }
    if (c > 0x10ffff) {
      gt_sbuf_free(&b);
      gt_fail("UnicodeError: 'rawunicodeescape' codec can't decode bytes in position %zu-%zu: \\Uxxxxxxxx out of range",
              start, i - 1);
    }
    put_code_point(&b, c);
  }
  Node *node = new_node(u, N_STR);
  node->str = gt_sbuf_finish(&b);
  return node;
}

/* BINBYTES and its kin: bytes, which the language has no type of, read
 * so that a misfit can name them. */
static Node *load_bytes(Unpickler *u, int size_bytes, NodeKind kind) {
  need_bytes(u, read_le(u, size_bytes));
  return new_node(u, kind);
}

/* A global's node: what it is known as, by module and name. */
static Node *global_node(Unpickler *u, const char *module, const char *name) {
  bool builtins = !strcmp(module, "builtins") || !strcmp(module, "__builtin__");
  bool copyreg = !strcmp(module, "copyreg") || !strcmp(module, "copy_reg");
  Node *n = new_node(u, N_GLOBAL);
  n->global = builtins && !strcmp(name, "set")              ? G_SET
              : builtins && !strcmp(name, "frozenset")      ? G_FROZENSET
              : builtins && !strcmp(name, "tuple")          ? G_TUPLE
              : copyreg && !strcmp(name, "_reconstructor") ? G_RECONSTRUCTOR
                                                            : G_OTHER;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "%s.%s", module, name);
  n->str = gt_sbuf_finish(&b);
  return n;
}

/* GLOBAL: module and name on two lines. */
static Node *load_global(Unpickler *u) {
  read_line(u);
  u->module.len = 0;
  gt_sbuf_put(&u->module, u->arg.data, u->arg.len);
  read_line(u);
  return global_node(u, gt_sbuf_cstr(&u->module), u->arg.data);
}

static Node *load_stack_global(Unpickler *u) {
  Node *name = pop(u), *module = pop(u);
  if (name->kind != N_STR || module->kind != N_STR) unpickling_error("STACK_GLOBAL requires str");
  return global_node(u, module->str->data, name->str->data);
}

GT_NORETURN static void forbidden(const Node *global) {
  unpickling_error("global '%s' is forbidden: pickle.load here makes plain values and named tuples, and calls nothing",
                   global->str ? global->str->data : "?");
}

/* REDUCE of what CPython writes below protocol 4: set(items),
 * frozenset(items), copyreg._reconstructor(cls, tuple, items) (a named
 * tuple); any other call is refused, never made. */
static Node *load_reduce(Unpickler *u) {
  Node *args = pop(u), *callable = top(u);
  if (callable->kind != N_GLOBAL) unpickling_error("REDUCE of a pickled value that is not a class: nothing is called");
  if (args->kind != N_TUPLE) unpickling_error("REDUCE's arguments must be a tuple");
  u->depth--;
  GlobalKind g = callable->global;
  if ((g == G_SET || g == G_FROZENSET) && args->len <= 1) {
    Node *set = new_node(u, g == G_SET ? N_SET : N_FROZENSET);
    Node *from = args->len ? args->items[0] : NULL;
    if (from && from->kind != N_LIST && from->kind != N_TUPLE && from->kind != N_SET && from->kind != N_FROZENSET)
      unpickling_error("%s() of a pickled value that is not a list, tuple or set", g == G_SET ? "set" : "frozenset");
    for (int64_t i = 0; from && i < from->len; i++) add_item(set, from->items[i]);
    return set;
  }
  if (g == G_RECONSTRUCTOR && args->len == 3 && args->items[0]->kind == N_GLOBAL &&
      args->items[1]->kind == N_GLOBAL && args->items[1]->global == G_TUPLE && args->items[2]->kind == N_TUPLE) {
    Node *object = new_node(u, N_OBJECT);
    add_item(object, args->items[0]);
    add_item(object, args->items[2]);
    return object;
  }
  forbidden(callable);
}

/* NEWOBJ: cls.__new__(cls, *args), a named tuple's form: made only where
 * fit finds the program expects that named tuple. */
static Node *load_newobj(Unpickler *u) {
  Node *args = pop(u), *cls = pop(u);
  if (args->kind != N_TUPLE) unpickling_error("NEWOBJ expected an arg tuple.");
  if (cls->kind != N_GLOBAL) unpickling_error("NEWOBJ class argument isn't a type object");
  Node *object = new_node(u, N_OBJECT);
  add_item(object, cls);
  add_item(object, args);
  return object;
}

static Node *tuple_of_top(Unpickler *u, int n) {
  if (u->depth - fence(u) < n) unpickling_error("unpickling stack underflow");
  Node *t = new_node(u, N_TUPLE);
  for (int64_t i = u->depth - n; i < u->depth; i++) add_item(t, u->stack[i]);
  u->depth -= n;
  return t;
}

/* APPEND, APPENDS: items above `from` into the list below them. */
static void append_items(Unpickler *u, int64_t from, NodeKind kind, const char *op) {
  if (from < 1 || from > u->depth || from < fence(u)) unpickling_error("unpickling stack underflow");
  Node *target = u->stack[from - 1];
  if (target->kind != kind) unpickling_error("%s to a pickled value that is not a %s", op, kind == N_LIST ? "list" : "set");
  for (int64_t i = from; i < u->depth; i++) add_item(target, u->stack[i]);
  u->depth = from;
}

static void set_items(Unpickler *u, int64_t from) {
  if (from < 1 || from > u->depth || from < fence(u)) unpickling_error("unpickling stack underflow");
  Node *target = u->stack[from - 1];
  if (target->kind != N_DICT) unpickling_error("SETITEMS to a pickled value that is not a dict");
  if ((u->depth - from) % 2) unpickling_error("odd number of items for SETITEMS");
  for (int64_t i = from; i < u->depth; i++) add_item(target, u->stack[i]);
  u->depth = from;
}

static Node *dict_since_mark(Unpickler *u) {
  Node *d = items_since_mark(u, N_DICT);
  if (d->len % 2) unpickling_error("odd number of items for DICT");
  return d;
}

/* The opcodes that would make objects, call, or fetch from outside:
 * refused with what they are (nothing for another). */
static void refuse(int op) {
  switch (op) {
  case PERSID: case BINPERSID:
    unpickling_error("A load persistent id instruction was encountered, but no persistent_load function was specified.");
  case NEXT_BUFFER: case READONLY_BUFFER:
    unpickling_error("pickle stream refers to out-of-band data but no *buffers* argument was given");
  case STRING: unpickling_error("the opcode STRING (a Python 2 str as text) is not read here");
  case EXT1: case EXT2: case EXT4: unpickling_error("an extension code (EXT) is forbidden: pickle.load here calls nothing");
  case BUILD: case INST: case OBJ: case NEWOBJ_EX:
    unpickling_error("the opcode %s (an object's making or state) is forbidden: pickle.load here makes plain values "
                     "and named tuples, and calls nothing",
                     op == BUILD ? "BUILD" : op == INST ? "INST" : op == OBJ ? "OBJ" : "NEWOBJ_EX");
  default: return;
  }
}

GT_NORETURN static void invalid_key(int op) {
  if (op >= 0x20 && op <= 0x7e && op != '\'' && op != '\\') unpickling_error("invalid load key, '%c'.", op);
  unpickling_error("invalid load key, '\\x%02x'.", op);
}

/* The opcodes that push a value. */
static Node *load_value(Unpickler *u, int op) {
  switch (op) {
  case NONE: return new_node(u, N_NONE);
  case NEWTRUE: case NEWFALSE: {
    Node *n = new_node(u, N_BOOL);
    n->b = op == NEWTRUE;
    return n;
  }
  case INT: return load_int(u);
  case BININT: return int_node(u, (int32_t)read_le(u, 4));
  case BININT1: return int_node(u, (int64_t)read_le(u, 1));
  case BININT2: return int_node(u, (int64_t)read_le(u, 2));
  case LONG: return load_long_text(u);
  case LONG1: return load_long_binary(u, 1);
  case LONG4: return load_long_binary(u, 4);
  case FLOAT: return load_float_text(u);
  case BINFLOAT: return load_binfloat(u);
  case UNICODE: return load_unicode_text(u);
  case SHORT_BINUNICODE: return load_binunicode(u, 1);
  case BINUNICODE: return load_binunicode(u, 4);
  case BINUNICODE8: return load_binunicode(u, 8);
  case SHORT_BINSTRING: return load_binstring(u, 1);
  case BINSTRING: return load_binstring(u, 4);
  case SHORT_BINBYTES: return load_bytes(u, 1, N_BYTES);
  case BINBYTES: return load_bytes(u, 4, N_BYTES);
  case BINBYTES8: return load_bytes(u, 8, N_BYTES);
  case BYTEARRAY8: return load_bytes(u, 8, N_BYTEARRAY);
  case EMPTY_LIST: return new_node(u, N_LIST);
  case EMPTY_DICT: return new_node(u, N_DICT);
  case EMPTY_SET: return new_node(u, N_SET);
  case EMPTY_TUPLE: return new_node(u, N_TUPLE);
  case TUPLE1: case TUPLE2: case TUPLE3: return tuple_of_top(u, op - TUPLE1 + 1);
  case LIST: return items_since_mark(u, N_LIST);
  case TUPLE: return items_since_mark(u, N_TUPLE);
  case DICT: return dict_since_mark(u);
  case FROZENSET: return items_since_mark(u, N_FROZENSET);
  case GLOBAL: return load_global(u);
  case STACK_GLOBAL: return load_stack_global(u);
  case REDUCE: return load_reduce(u);
  case NEWOBJ: return load_newobj(u);
  default: return NULL;
  }
}

/* PUT's and GET's index that is no int. */
GT_NORETURN static void bad_index(const Unpickler *u) {
  gt_fail("ValueError: invalid literal for int() with base 10: '%.60s\\n'", u->arg.data);
}

/* The memo's opcodes; false for another. */
static bool load_memo_op(Unpickler *u, int op) {
  switch (op) {
  case PUT: {
    read_line(u);
    int64_t index;
    bool big;
    if (!parse_decimal(u->arg.data, &index, &big) || big) bad_index(u);
    if (index < 0) gt_fail("ValueError: negative PUT argument");
    memo_store(u, index, top(u));
    return true;
  }
  case BINPUT: memo_store(u, (int64_t)read_le(u, 1), top(u)); return true;
  case LONG_BINPUT: memo_store(u, (int64_t)read_le(u, 4), top(u)); return true;
  case MEMOIZE: memo_store(u, (int64_t)u->memo.n, top(u)); return true;
  case GET: {
    read_line(u);
    int64_t index;
    bool big;
    if (!parse_decimal(u->arg.data, &index, &big) || big) bad_index(u);
    memo_fetch(u, index);
    return true;
  }
  case BINGET: memo_fetch(u, (int64_t)read_le(u, 1)); return true;
  case LONG_BINGET: memo_fetch(u, (int64_t)read_le(u, 4)); return true;
  default: return false;
  }
}

/* The opcodes that change what is on the stack; false for another. */
static bool load_stack_op(Unpickler *u, int op) {
  switch (op) {
  case MARK: push_mark(u); return true;
  case POP:
    if (u->depth > fence(u)) u->depth--;
    else if (u->nmarks) u->nmarks--;
    else unpickling_error("unpickling stack underflow");
    return true;
  case POP_MARK: u->depth = pop_mark(u); return true;
  case DUP: push(u, top(u)); return true;
  case APPEND: append_items(u, u->depth - 1, N_LIST, "APPEND"); return true;
  case APPENDS: append_items(u, container_below_mark(u), N_LIST, "APPENDS"); return true;
  case SETITEM: set_items(u, u->depth - 2); return true;
  case SETITEMS: set_items(u, container_below_mark(u)); return true;
  case ADDITEMS: append_items(u, container_below_mark(u), N_SET, "ADDITEMS"); return true;
  case PROTO: {
    int proto = (int)read_le(u, 1);
    if (proto > HIGHEST_PROTOCOL) gt_fail("ValueError: unsupported pickle protocol: %d", proto);
    return true;
  }
  case FRAME: read_frame(u); return true;
  default: return false;
  }
}

/* The machine, to STOP: u->result. */
static void run_machine(void *p) {
  Unpickler *u = p;
  for (;;) {
    int op = next_byte(u);
    if (op == EOF) gt_fail("EOFError: Ran out of input");
    u->offset++;
    if (op == STOP) {
      u->result = pop(u);
      return;
    }
    Node *value = load_value(u, op);
    if (value) push(u, value);
    else if (!load_memo_op(u, op) && !load_stack_op(u, op)) {
      refuse(op);
      invalid_key(op);
    }
  }
}

/* ---- load: fitting the graph to the type expected ---------------------------------- */

/* What a node holds, in Python's words, for messages. */
static const char *node_name(const Node *n) {
  static const char *const names[] = {
      [N_NONE] = "None", [N_BOOL] = "bool", [N_INT] = "int", [N_BIGINT] = "int", [N_FLOAT] = "float",
      [N_STR] = "str", [N_BYTES] = "bytes", [N_BYTEARRAY] = "bytearray", [N_LIST] = "list",
      [N_TUPLE] = "tuple", [N_DICT] = "dict", [N_SET] = "set", [N_FROZENSET] = "frozenset",
      [N_GLOBAL] = "global", [N_OBJECT] = "object",
  };
  return names[n->kind];
}

/* A type as the program writes it: dict[str, list[int]], Point. */
static void put_type(gt_sbuf *b, const gt_type *t) {
  if (t->kind == GT_K_TUPLE && t->names) {
    gt_sbuf_puts(b, t->names->name);
    return;
  }
  if (t->kind == GT_K_NONE) {
    gt_sbuf_puts(b, "None");
    return;
  }
  gt_sbuf_puts(b, gt_type_name(t));
  if (t->kind < GT_K_LIST || t->kind > GT_K_SET) return;
  gt_sbuf_putc(b, '[');
  for (int32_t i = 0; i < t->nargs; i++) {
    if (i) gt_sbuf_puts(b, ", ");
    put_type(b, t->args[i]);
  }
  if (t->kind == GT_K_TUPLE && !t->nargs) gt_sbuf_puts(b, "()");
  gt_sbuf_putc(b, ']');
}

/* A TypeError: the pickle holds WHAT where the program expects t. */
GT_NORETURN static void misfit_text(const char *what, int64_t count, const gt_type *t) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "TypeError: the pickle holds %s", what);
  if (count >= 0) gt_sbuf_printf(&b, " of %" PRId64 " items", count);
  gt_sbuf_puts(&b, " where the program expects ");
  put_type(&b, t);
  gt_fail_repr("%s", gt_sbuf_finish_cstr(&b));
}

/* A value that does not fit the type the program declared. */
GT_NORETURN static void misfit(const Node *n, const gt_type *t) {
  char what[160];
  if (n->kind == N_OBJECT) snprintf(what, sizeof what, "a %.120s object", n->items[0]->str->data);
  else snprintf(what, sizeof what, "a %s", node_name(n));
  misfit_text(what, -1, t);
}

/* The named tuple class a node's global names ("__main__.P" names P, as
 * does "mod.Outer.P"'s last part). */
static bool names_class(const Node *global, const gt_tuple_names *names) {
  const char *s = global->str->data, *dot = strrchr(s, '.');
  return !strcmp(dot ? dot + 1 : s, names->name);
}

/* The set descriptors a set has where nothing expects a type: its items'
 * own type, which all must share. */
static const gt_type *const set_int_args[] = {&gt_t_int}, *const set_float_args[] = {&gt_t_float},
                            *const set_bool_args[] = {&gt_t_bool}, *const set_str_args[] = {&gt_t_str};
static const gt_type set_int = {GT_K_SET, 1, set_int_args, NULL}, set_float = {GT_K_SET, 1, set_float_args, NULL},
                     set_bool = {GT_K_SET, 1, set_bool_args, NULL}, set_str = {GT_K_SET, 1, set_str_args, NULL};
/* The dicts a dict is made as where nothing expects a type: its keys'
 * own type where they share one (so that equal keys are one key), else
 * dyn (keys of several types, or tuples, hashed by identity). */
static const gt_type *const dict_int_args[] = {&gt_t_int, &gt_t_dyn}, *const dict_float_args[] = {&gt_t_float, &gt_t_dyn},
                            *const dict_bool_args[] = {&gt_t_bool, &gt_t_dyn}, *const dict_dyn_args[] = {&gt_t_dyn, &gt_t_dyn};
static const gt_type dict_int_dyn = {GT_K_DICT, 2, dict_int_args, NULL},
                     dict_float_dyn = {GT_K_DICT, 2, dict_float_args, NULL},
                     dict_bool_dyn = {GT_K_DICT, 2, dict_bool_args, NULL},
                     dict_dyn_dyn = {GT_K_DICT, 2, dict_dyn_args, NULL};

static const gt_type *natural_set_type(const Node *n) {
  NodeKind kind = n->len ? n->items[0]->kind : N_INT;
  for (int64_t i = 1; i < n->len; i++)
    if (n->items[i]->kind != kind)
      gt_fail("TypeError: the pickle holds a %s of %s and %s items, which no set type here holds", node_name(n),
              node_name(n->items[0]), node_name(n->items[i]));
  switch (kind) {
  case N_INT: return &set_int;
  case N_FLOAT: return &set_float;
  case N_BOOL: return &set_bool;
  case N_STR: return &set_str;
  default:
    gt_fail("TypeError: the pickle holds a %s of %s items, which no set type here holds", node_name(n),
            node_name(n->items[0]));
  }
}

static const gt_type *natural_dict_type(const Node *dict) {
  NodeKind kind = dict->len ? dict->items[0]->kind : N_STR;
  for (int64_t i = 2; i < dict->len; i += 2)
    if (dict->items[i]->kind != kind) return &dict_dyn_dyn;
  switch (kind) {
  case N_STR: return &gt_t_dict_str_dyn;
  case N_INT: return &dict_int_dyn;
  case N_FLOAT: return &dict_float_dyn;
  case N_BOOL: return &dict_bool_dyn;
  default: return &dict_dyn_dyn;
  }
}

/* The type a node is made as where the program has none for it
 * (gt_t_dyn): Python's for a scalar, a list[dyn], a dict of dyn values,
 * a set of its items' type; a tuple is NULL, made as a tuple[dyn, ...] of
 * its length. */
static const gt_type *natural_type(const Node *n) {
  switch (n->kind) {
  case N_NONE: return &gt_t_none;
  case N_BOOL: return &gt_t_bool;
  case N_INT: case N_BIGINT: return &gt_t_int;
  case N_FLOAT: return &gt_t_float;
  case N_STR: return &gt_t_str;
  case N_LIST: return &gt_t_list_dyn;
  case N_DICT: return natural_dict_type(n);
  case N_SET: case N_FROZENSET: return natural_set_type(n);
  case N_OBJECT:
    gt_fail("TypeError: the pickle holds a %s object, which pickle.load makes only where the program expects "
            "that named tuple",
            n->items[0]->str->data);
  case N_TUPLE: return NULL;
  default: gt_fail("TypeError: the pickle holds %s, which the language has no type of", node_name(n));
  }
}

typedef struct Fitter {
  int depth;
} Fitter;

static void fit(Fitter *f, Node *n, const gt_type *t);

static void fit_items(Fitter *f, Node *n, const gt_type *item_type, int64_t from, int64_t step) {
  for (int64_t i = from; i < n->len; i += step) fit(f, n->items[i], item_type);
}

static void fit_int(const Node *n, const gt_type *t) {
  if (n->kind == N_BIGINT || (t->kind == GT_K_NUM && (n->i > (INT64_C(1) << 49) - 1 || n->i < -(INT64_C(1) << 49))))
    gt_fail("OverflowError: the pickled int does not fit the program's int");
}

/* A tuple node (or a named tuple's items) for tuple type t: as many items
 * as t has, or any number where t has one item type (tuple[T, ...] has
 * the descriptor of tuple[T]). */
static void fit_tuple(Fitter *f, Node *n, const gt_type *t) {
  Node *items = n->kind == N_OBJECT ? n->items[1] : n;
  if (t->nargs != 1 && items->len != t->nargs) misfit_text("a tuple", items->len, t);
  for (int64_t i = 0; i < items->len; i++) fit(f, items->items[i], t->args[t->nargs == 1 ? 0 : i]);
}

/* Does node kind fit type kind (the items aside)? */
static bool kind_fits(const Node *n, const gt_type *t) {
  switch (n->kind) {
  case N_NONE: return t->kind == GT_K_NONE;
  case N_BOOL: return t->kind == GT_K_BOOL || t->kind == GT_K_NUM;
  case N_INT: case N_BIGINT: return t->kind == GT_K_INT || t->kind == GT_K_FLOAT || t->kind == GT_K_NUM;
  case N_FLOAT: return t->kind == GT_K_FLOAT || t->kind == GT_K_NUM;
  case N_STR: return t->kind == GT_K_STR;
  case N_LIST: return t->kind == GT_K_LIST;
  case N_TUPLE: return t->kind == GT_K_TUPLE && !t->names;
  case N_OBJECT: return t->kind == GT_K_TUPLE && (!t->names || names_class(n->items[0], t->names));
  case N_DICT: return t->kind == GT_K_DICT;
  case N_SET: case N_FROZENSET: return t->kind == GT_K_SET;
  default: return false;
  }
}

/* Does n (and all it holds) fit t? A TypeError, OverflowError or
 * UnpicklingError where not. */
static void fit(Fitter *f, Node *n, const gt_type *t) {
  if (n->kind == N_GLOBAL) forbidden(n);
  if (t == &gt_t_dyn) t = natural_type(n);  /* NULL: a tuple of dyn items */
  if (n->fitted == t && t) return;  /* shared, and found to fit this type already */
  if (n->visiting)
    gt_fail("ValueError: the pickle holds a %s that holds itself, which no type of the program can", node_name(n));
  if (++f->depth > PICKLE_MAX_DEPTH) gt_fail("RecursionError: maximum recursion depth exceeded while unpickling");
  if (t && !kind_fits(n, t)) misfit(n, t);
  n->visiting = true;
  switch (n->kind) {
  case N_INT: case N_BIGINT: fit_int(n, t); break;
  case N_LIST: fit_items(f, n, t->args[0], 0, 1); break;
  case N_DICT:
    fit_items(f, n, t->args[0], 0, 2);
    fit_items(f, n, t->args[1], 1, 2);
    break;
  case N_SET: case N_FROZENSET: fit_items(f, n, t->args[0], 0, 1); break;
  case N_TUPLE: case N_OBJECT:
    if (t) fit_tuple(f, n, t);
    else fit_items(f, n->kind == N_OBJECT ? n->items[1] : n, &gt_t_dyn, 0, 1);
    break;
  default: break;
  }
  n->visiting = false;
  n->fitted = t;
  f->depth--;
}

/* ---- load: building the value ---------------------------------------------------- */

static gt_val build(Node *n, const gt_type *t);

static gt_val build_scalar(const Node *n, const gt_type *t) {
  switch (t->kind) {
  case GT_K_NUM:
    return (gt_val){.i = n->kind == N_BOOL ? gt_num_bool(n->b) : n->kind == N_INT ? gt_num_int(n->i) : gt_num_float(n->f)};
  case GT_K_FLOAT: return (gt_val){.f = n->kind == N_INT ? (double)n->i : n->f};
  case GT_K_INT: return (gt_val){.i = n->i};
  case GT_K_BOOL: return (gt_val){.b = n->b};
  default: return (gt_val){0};
  }
}

static gt_tuple *build_tuple(Node *n, const gt_type *t) {
  Node *items = n->kind == N_OBJECT ? n->items[1] : n;
  if (t && t->nargs == items->len) {
    gt_tuple *tu = gt_tuple_new(t);
    for (int64_t i = 0; i < items->len; i++) tu->items[i] = build(items->items[i], t->args[i]);
    return tu;
  }
  /* tuple[T, ...] (or a tuple where nothing expects a type): its own descriptor */
  const gt_type *elem = t ? t->args[0] : &gt_t_dyn;
  gt_val *vals = gt_xmalloc(sizeof *vals * (size_t)(items->len ? items->len : 1));
  for (int64_t i = 0; i < items->len; i++) vals[i] = build(items->items[i], elem);
  gt_tuple *tu = gt_tuple_of_elems(elem, items->len, vals);
  for (int64_t i = 0; i < items->len; i++) gt_val_release(vals[i], elem);
  free(vals);
  return tu;
}

static gt_val build_container(Node *n, const gt_type *t) {
  switch (n->kind) {
  case N_STR: return (gt_val){.p = gt_retain(n->str)};
  case N_LIST: {
    gt_list *l = gt_list_new(t, n->len);
    for (int64_t i = 0; i < n->len; i++) {
      gt_val v = build(n->items[i], t->args[0]);
      gt_list_append(l, v);
      gt_val_release(v, t->args[0]);
    }
    return (gt_val){.p = l};
  }
  case N_DICT: {
    gt_dict *d = gt_dict_new(t);
    for (int64_t i = 0; i < n->len; i += 2) {
      gt_val k = build(n->items[i], t->args[0]), v = build(n->items[i + 1], t->args[1]);
      gt_dict_set(d, k, v);
      gt_val_release(k, t->args[0]);
      gt_val_release(v, t->args[1]);
    }
    return (gt_val){.p = d};
  }
  case N_SET: case N_FROZENSET: {
    gt_set *s = gt_set_new(t);
    for (int64_t i = 0; i < n->len; i++) {
      gt_val v = build(n->items[i], t->args[0]);
      gt_set_add(s, v);
      gt_val_release(v, t->args[0]);
    }
    return (gt_val){.p = s};
  }
  default: return (gt_val){.p = build_tuple(n, t)};
  }
}

/* n as a new value of type t, which fit has found it fits. A container
 * or str built once is the same value wherever the pickle shares it. */
static gt_val build(Node *n, const gt_type *t) {
  if (t == &gt_t_dyn) {
    const gt_type *natural = natural_type(n);
    gt_val v = build(n, natural);
    if (!natural) return gt_dyn_new(v, ((gt_tuple *)v.p)->type);  /* a tuple: its own descriptor, which it keeps alive */
    return gt_dyn_new(v, natural);
  }
  if (n->kind == N_NONE) return (gt_val){0};
  if (!t || !gt_type_is_ref(t)) return t ? build_scalar(n, t) : build_container(n, NULL);
  if (n->built_type == t) return gt_val_retain(n->built, t);
  gt_val v = build_container(n, t);
  if (!n->built_type) {
    n->built_type = t;
    n->built = gt_val_retain(v, t);
  }
  return v;
}

/* ---- load ------------------------------------------------------------------------ */

typedef struct LoadCall {
  Unpickler *u;
  const gt_type *t;
} LoadCall;

static void parse_and_fit(void *p) {
  LoadCall *k = p;
  run_machine(k->u);
  Fitter f = {0};
  fit(&f, k->u->result, k->t);
}

/* What a frame read ahead holds past STOP goes back to the file, for the
 * next load. */
static void unread_frame_rest(Unpickler *u) {
  int64_t rest = u->frame_len - u->frame_pos;
  if (rest > 0) fseek(u->fp, -rest, SEEK_CUR);
}

gt_val gt_pickle_load(gt_bfile *f, const gt_type *t) {
  if (!f->fp) gt_fail("ValueError: peek of closed file");
  Unpickler u = {.fp = gt_bfile_stream(f, false)};
  gt_sbuf_init(&u.arg);
  gt_sbuf_init(&u.module);
  LoadCall k = {&u, t};
  bool ok = gt_call_guarded(parse_and_fit, &k);
  gt_val v = ok ? build(u.result, t) : (gt_val){0};
  if (ok) unread_frame_rest(&u);
  unpickler_free(&u);
  if (!ok) gt_fail("RuntimeError: pickle.load failed");  /* raises the held exception */
  return v;
}

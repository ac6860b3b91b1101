/* set.c - set[T] with T int, float, bool or str: CPython 3.11's set
 * (Objects/setobject.c) step for step, so that a set iterates, prints and
 * pops in the order CPython's does: the same hashes (an int's is itself
 * modulo 2**61 - 1, a float's CPython's _Py_HashDouble, a str's SipHash-1-3
 * of its code points as CPython stores them, keyed as PYTHONHASHSEED=0
 * keys it: a Python run with another seed orders strs otherwise), the same
 * open-addressed table (linear probes, then perturbed jumps), the same
 * dummies, resizes and merges. The runtime's order is one of the orders
 * Python allows; matching CPython's is what makes a program print the same. */
#include "core_internal.h"

#include <stdlib.h>

enum { GT_SET_MINSIZE = 8, GT_SET_LINEAR_PROBES = 9, GT_SET_PERTURB_SHIFT = 5 };

typedef enum gt_set_state { GT_SET_UNUSED, GT_SET_DUMMY, GT_SET_ACTIVE } gt_set_state;

typedef struct gt_set_entry {
  gt_val v;
  int64_t hash;              /* CPython's hash of v */
  gt_set_state state;
} gt_set_entry;

struct gt_set {
  gt_obj h;
  const gt_type *type;       /* kind SET: args[0] the element */
  int64_t fill;              /* active and dummy entries */
  int64_t used;              /* active entries */
  uint64_t mask;             /* table size - 1 (a power of two - 1) */
  uint64_t finger;           /* where pop() looks first */
  gt_set_entry *table;
};

static const gt_type *gt_elem_type(const gt_set *s) { return s->type->args[0]; }

/* ---- CPython's hashes ------------------------------------------------------ */

#define GT_HASH_BITS 61
#define GT_HASH_MODULUS (((uint64_t)1 << GT_HASH_BITS) - 1)

static int64_t gt_hash_fix(uint64_t x) { return x == (uint64_t)-1 ? -2 : (int64_t)x; }

static int64_t gt_hash_int(int64_t i) {
  uint64_t a = i < 0 ? -(uint64_t)i : (uint64_t)i;
  uint64_t h = a % GT_HASH_MODULUS;
  return gt_hash_fix(i < 0 ? -h : h);
}

/* _Py_HashDouble: a float equal to an int hashes as that int. A NaN
 * hashes by its object's address in CPython: here by its bits. */
static int64_t gt_hash_float(double v) {
  if (isinf(v)) return v > 0 ? 314159 : -314159;
  if (isnan(v)) return 0;
  int e;
  double m = frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {  /* 28 bits at a time */
    x = ((x << 28) & GT_HASH_MODULUS) | x >> (GT_HASH_BITS - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = (uint64_t)m;
    m -= (double)y;
    x += y;
    if (x >= GT_HASH_MODULUS) x -= GT_HASH_MODULUS;
  }
  e = e >= 0 ? e % GT_HASH_BITS : GT_HASH_BITS - 1 - ((-1 - e) % GT_HASH_BITS);
  x = ((x << e) & GT_HASH_MODULUS) | x >> (GT_HASH_BITS - e);
  return gt_hash_fix(x * (uint64_t)(int64_t)sign);
}

#define GT_ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define GT_HALF_ROUND(a, b, c, d, s, t) \
  a += b; c += d; b = GT_ROTL(b, s) ^ a; d = GT_ROTL(d, t) ^ c; a = GT_ROTL(a, 32);
#define GT_SIP_ROUND(v0, v1, v2, v3) \
  GT_HALF_ROUND(v0, v1, v2, v3, 13, 16); GT_HALF_ROUND(v2, v1, v0, v3, 17, 21);

/* SipHash-1-3 with the key 0 (CPython's Py_HashSecret under PYTHONHASHSEED=0). */
static uint64_t gt_siphash13(const unsigned char *p, size_t n) {
  uint64_t b = (uint64_t)n << 56;
  uint64_t v0 = 0x736f6d6570736575ull, v1 = 0x646f72616e646f6dull;
  uint64_t v2 = 0x6c7967656e657261ull, v3 = 0x7465646279746573ull;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t m = 0;
    for (int i = 0; i < 8; i++) m |= (uint64_t)p[i] << (8 * i);
    v3 ^= m;
    GT_SIP_ROUND(v0, v1, v2, v3);
    v0 ^= m;
  }
  for (size_t i = 0; i < n; i++) b |= (uint64_t)p[i] << (8 * i);
  v3 ^= b;
  GT_SIP_ROUND(v0, v1, v2, v3);
  v0 ^= b;
  v2 ^= 0xff;
  GT_SIP_ROUND(v0, v1, v2, v3);
  GT_SIP_ROUND(v0, v1, v2, v3);
  GT_SIP_ROUND(v0, v1, v2, v3);
  return (v0 ^ v1) ^ (v2 ^ v3);
}

/* A str's hash as CPython computes it: over its code points stored 1, 2 or
 * 4 bytes each (little-endian), by the widest one (PEP 393). */
static int64_t gt_hash_str(const gt_str *s) {
  if (s->len == 0) return 0;
  if (gt_str_is_ascii(s)) return gt_hash_fix(gt_siphash13((const unsigned char *)s->data, (size_t)s->len));
  int64_t pos = 0, n = 0;
  uint32_t widest = 0;
  while (pos < s->len) {
    uint32_t cp = gt_utf8_decode(s->data, s->len, &pos);
    if (cp > widest) widest = cp;
    n++;
  }
  size_t width = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;
  unsigned char *buf = gt_xmalloc((size_t)n * width);
  pos = 0;
  for (int64_t i = 0; i < n; i++) {
    uint32_t cp = gt_utf8_decode(s->data, s->len, &pos);
    for (size_t k = 0; k < width; k++) buf[i * (int64_t)width + (int64_t)k] = (unsigned char)(cp >> (8 * k));
  }
  uint64_t h = gt_siphash13(buf, (size_t)n * width);
  free(buf);
  return gt_hash_fix(h);
}

/* tuplehash of CPython 3.8 and later: xxHash's round over the items' hashes. */
static int64_t gt_hash_tuple(const gt_tuple *t) {
  const uint64_t prime1 = 11400714785074694791ull, prime2 = 14029467366897019727ull, prime5 = 2870177450012600261ull;
  uint64_t acc = prime5;
  for (int64_t i = 0; i < t->len; i++) {
    acc += (uint64_t)gt_hash(t->items[i], t->type->args[i]) * prime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= prime1;
  }
  acc += (uint64_t)t->len ^ (prime5 ^ 3527539ull);
  return acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
}

/* An object's __hash__, or
 * its identity as _Py_HashPointer mixes an address. */
static int64_t gt_hash_obj(gt_obj *o, const gt_type *t) {
  if (t->nargs == -1) {  /* CPython's slot_tp_hash: the int itself, -1 made -2 */
    int64_t h = ((const gt_hashed_type *)t)->hash(o);
    return h == -1 ? -2 : h;
  }
  uint64_t a = (uint64_t)(uintptr_t)o;
  return gt_hash_fix((a >> 4) | (a << 60));
}

int64_t gt_hash(gt_val v, const gt_type *t) {
  if (gt_val_is_none(v, t)) return 0x4e6f6e65;  /* None, an Optional's item: one hash for every None */
  switch (t->kind) {
    case GT_K_INT: return gt_hash_int(v.i);
    case GT_K_BOOL: return v.b;
    case GT_K_FLOAT: return gt_hash_float(v.f);
    case GT_K_NUM:  /* an int | float: its int's or its float's, which agree where equal */
      return gt_num_is_int(v.i) ? gt_hash_int(gt_num_int_value(v.i)) : gt_hash_float(gt_num_as_float(v.i));
    case GT_K_STR: return gt_hash_str(v.p);
    case GT_K_TUPLE: return gt_hash_tuple(v.p);
    case GT_K_OBJ: return gt_hash_obj(v.p, t);
    default: gt_fail("TypeError: unhashable type: '%s'", gt_type_name(t));
  }
}

static int64_t gt_set_hash(const gt_set *s, gt_val v) { return gt_hash(v, gt_elem_type(s)); }

/* ---- the table --------------------------------------------------------------- */

static void gt_set_drop(gt_obj *o) {
  gt_set *s = (gt_set *)o;
  for (uint64_t i = 0; i <= s->mask; i++)
    if (s->table[i].state == GT_SET_ACTIVE) gt_val_release(s->table[i].v, gt_elem_type(s));
  free(s->table);
}

const gt_class gt_set_class = {"set", gt_set_drop, NULL, NULL, NULL, NULL, NULL};

static gt_set_entry *gt_table_new(uint64_t size) {
  gt_set_entry *t = gt_xmalloc(sizeof *t * size);
  memset(t, 0, sizeof *t * size);  /* every entry GT_SET_UNUSED */
  return t;
}

gt_set *gt_set_new(const gt_type *type) {
  gt_set *s = gt_alloc(sizeof *s, &gt_set_class);
  s->type = type;
  s->mask = GT_SET_MINSIZE - 1;
  s->table = gt_table_new(GT_SET_MINSIZE);
  return s;
}

int64_t gt_set_len(const gt_set *s) { return s->used; }

/* set_insert_clean: into a table without dummies or v (a resize, a merge
 * into an empty set); the reference passes to the table. */
static void gt_insert_clean(gt_set_entry *table, uint64_t mask, gt_val v, int64_t hash) {
  uint64_t perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
  for (;;) {
    gt_set_entry *e = &table[i];
    if (e->state == GT_SET_UNUSED) goto found;
    if (i + GT_SET_LINEAR_PROBES <= mask)
      for (int j = 0; j < GT_SET_LINEAR_PROBES; j++) {
        e++;
        if (e->state == GT_SET_UNUSED) goto found;
      }
    perturb >>= GT_SET_PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & mask;
    continue;
  found:
    *e = (gt_set_entry){v, hash, GT_SET_ACTIVE};
    return;
  }
}

/* set_table_resize: the smallest power of two above minused, the active
 * entries moved over in table order; a smallest table without dummies
 * stays as it is. */
static void gt_set_resize(gt_set *s, int64_t minused) {
  uint64_t size = GT_SET_MINSIZE;
  while (size <= (uint64_t)minused) size <<= 1;
  if (size == GT_SET_MINSIZE && s->mask == GT_SET_MINSIZE - 1 && s->fill == s->used) return;
  gt_set_entry *old = s->table;
  uint64_t oldmask = s->mask;
  s->table = gt_table_new(size);
  s->mask = size - 1;
  s->fill = s->used;
  for (uint64_t i = 0; i <= oldmask; i++)
    if (old[i].state == GT_SET_ACTIVE) gt_insert_clean(s->table, s->mask, old[i].v, old[i].hash);
  free(old);
}

/* set_lookkey: the entry holding v, or NULL. */
static gt_set_entry *gt_set_find(const gt_set *s, gt_val v, int64_t hash) {
  uint64_t mask = s->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
  for (;;) {
    gt_set_entry *e = &s->table[i];
    int probes = i + GT_SET_LINEAR_PROBES <= mask ? GT_SET_LINEAR_PROBES : 0;
    do {
      if (e->state == GT_SET_UNUSED) return NULL;
      if (e->state == GT_SET_ACTIVE && e->hash == hash && gt_val_eq(e->v, v, gt_elem_type(s))) return e;
      e++;
    } while (probes--);
    perturb >>= GT_SET_PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

/* set_add_entry: v goes to the last dummy on its path, else to the
 * unused entry that ends it; a table 3/5 full grows to hold 4 times the
 * elements. */
static void gt_set_add_hashed(gt_set *s, gt_val v, int64_t hash) {
  uint64_t mask = s->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
  gt_set_entry *freeslot = NULL;
  for (;;) {
    gt_set_entry *e = &s->table[i];
    int probes = i + GT_SET_LINEAR_PROBES <= mask ? GT_SET_LINEAR_PROBES : 0;
    do {
      if (e->state == GT_SET_UNUSED) {
        gt_val mine = gt_val_retain(v, gt_elem_type(s));
        s->used++;
        if (freeslot) {
          *freeslot = (gt_set_entry){mine, hash, GT_SET_ACTIVE};
          return;
        }
        *e = (gt_set_entry){mine, hash, GT_SET_ACTIVE};
        if ((uint64_t)++s->fill * 5 >= mask * 3) gt_set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
        return;
      }
      if (e->state == GT_SET_ACTIVE && e->hash == hash && gt_val_eq(e->v, v, gt_elem_type(s))) return;
      if (e->state == GT_SET_DUMMY) freeslot = e;
      e++;
    } while (probes--);
    perturb >>= GT_SET_PERTURB_SHIFT;
    i = (i * 5 + 1 + perturb) & mask;
  }
}

void gt_set_add(gt_set *s, gt_val v) { gt_set_add_hashed(s, v, gt_set_hash(s, v)); }

bool gt_set_contains(const gt_set *s, gt_val v) { return gt_set_find(s, v, gt_set_hash(s, v)) != NULL; }

/* set_discard_entry: the entry becomes a dummy; says whether v was there. */
static bool gt_set_discard_hashed(gt_set *s, gt_val v, int64_t hash) {
  gt_set_entry *e = gt_set_find(s, v, hash);
  if (!e) return false;
  gt_val_release(e->v, gt_elem_type(s));
  e->state = GT_SET_DUMMY;
  e->hash = -1;
  s->used--;
  return true;
}

void gt_set_discard(gt_set *s, gt_val v) { gt_set_discard_hashed(s, v, gt_set_hash(s, v)); }

void gt_set_remove(gt_set *s, gt_val v) {
  if (gt_set_discard_hashed(s, v, gt_set_hash(s, v))) return;
  char *r = gt_val_repr_cstr(v, gt_elem_type(s));
  gt_fail_repr("KeyError: %s", r);
}

/* The first active entry from the finger on, wrapping round. */
gt_val gt_set_pop(gt_set *s) {
  if (s->used == 0) gt_fail("KeyError: 'pop from an empty set'");
  uint64_t i = s->finger & s->mask;
  while (s->table[i].state != GT_SET_ACTIVE) i = (i + 1) & s->mask;
  gt_set_entry *e = &s->table[i];
  e->state = GT_SET_DUMMY;
  e->hash = -1;
  s->used--;
  s->finger = i + 1;
  return e->v;  /* the table's reference passes to the caller */
}

void gt_set_clear(gt_set *s) {
  gt_set_entry *old = s->table;
  uint64_t oldmask = s->mask;
  s->table = gt_table_new(GT_SET_MINSIZE);
  s->mask = GT_SET_MINSIZE - 1;
  s->fill = s->used = 0;
  for (uint64_t i = 0; i <= oldmask; i++)
    if (old[i].state == GT_SET_ACTIVE) gt_val_release(old[i].v, gt_elem_type(s));
  free(old);
}

bool gt_set_next(const gt_set *s, int64_t *pos, gt_val *v) {
  while ((uint64_t)*pos <= s->mask) {
    const gt_set_entry *e = &s->table[(*pos)++];
    if (e->state != GT_SET_ACTIVE) continue;
    *v = e->v;
    return true;
  }
  return false;
}

/* set_merge (s |= o, set(o), copy()): one resize up front; into an empty
 * table of o's size, o's entries where they are; into another empty one,
 * clean inserts in o's order; else adds. */
void gt_set_update(gt_set *s, const gt_set *o) {
  if (s == o || o->used == 0) return;
  if ((uint64_t)(s->fill + o->used) * 5 >= s->mask * 3) gt_set_resize(s, (s->used + o->used) * 2);
  const gt_type *et = gt_elem_type(s);
  if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
    for (uint64_t i = 0; i <= o->mask; i++) {
      s->table[i] = o->table[i];
      if (o->table[i].state == GT_SET_ACTIVE) gt_val_retain(o->table[i].v, et);
    }
    s->fill = s->used = o->used;
    return;
  }
  if (s->fill == 0) {
    s->fill = s->used = o->used;
    for (uint64_t i = 0; i <= o->mask; i++)
      if (o->table[i].state == GT_SET_ACTIVE)
        gt_insert_clean(s->table, s->mask, gt_val_retain(o->table[i].v, et), o->table[i].hash);
    return;
  }
  for (uint64_t i = 0; i <= o->mask; i++)
    if (o->table[i].state == GT_SET_ACTIVE) gt_set_add_hashed(s, o->table[i].v, o->table[i].hash);
}

gt_set *gt_set_copy(const gt_set *s) {
  gt_set *r = gt_set_new(s->type);
  gt_set_update(r, s);
  return r;
}

/* A set of the n values in ap, added in order. */
static gt_set *gt_set_of_va(const gt_type *type, int64_t n, va_list ap) {
  gt_set *s = gt_set_new(type);
  for (int64_t i = 0; i < n; i++) gt_set_add(s, va_arg(ap, gt_val));
  return s;
}

gt_set *gt_set_of(const gt_type *type, int64_t n, ...) {
  va_list ap;
  va_start(ap, n);
  gt_set *s = gt_set_of_va(type, n, ap);
  va_end(ap);
  return s;
}

/* CPython compiles a display of three or more constants to a frozenset
 * constant (built from them in order, then built again from its own order
 * when the compiler merges constants) and merges that into a new set: the
 * same elements, in the order those steps leave. */
gt_set *gt_set_of_consts(const gt_type *type, int64_t n, ...) {
  va_list ap;
  va_start(ap, n);
  gt_set *folded = gt_set_of_va(type, n, ap);
  va_end(ap);
  gt_set *merged = gt_set_new(type);
  gt_val v;
  for (int64_t pos = 0; gt_set_next(folded, &pos, &v);) gt_set_add(merged, v);
  gt_set *s = gt_set_copy(merged);
  gt_release(folded);
  gt_release(merged);
  return s;
}

gt_set *gt_set_of_list(const gt_type *type, const gt_list *l) {
  gt_set *s = gt_set_new(type);
  for (int64_t i = 0; i < l->len; i++) gt_set_add(s, l->items[i]);
  return s;
}

/* set(d): one resize for the dict's size up front, then its keys. */
gt_set *gt_set_of_dict(const gt_type *type, const gt_dict *d) {
  gt_set *s = gt_set_new(type);
  int64_t n = gt_dict_len(d);
  if ((uint64_t)n * 5 >= s->mask * 3) gt_set_resize(s, n * 2);
  gt_val k;
  for (int64_t pos = 0; gt_dict_next(d, &pos, &k, NULL);) gt_set_add(s, k);
  return s;
}

gt_list *gt_set_list(const gt_set *s) {
  gt_list *l = gt_list_new(gt_type_list_of(gt_elem_type(s)), s->used);
  gt_val v;
  for (int64_t pos = 0; gt_set_next(s, &pos, &v);) gt_list_append(l, v);
  return l;
}

/* ---- the operators, as setobject.c computes them ----------------------------- */

gt_set *gt_set_union(const gt_set *a, const gt_set *b) {
  gt_set *r = gt_set_copy(a);
  gt_set_update(r, b);
  return r;
}

/* set_intersection: the smaller set walked, the larger searched. */
gt_set *gt_set_intersection(const gt_set *a, const gt_set *b) {
  if (a == b) return gt_set_copy(a);
  gt_set *r = gt_set_new(a->type);
  if (b->used > a->used) {
    const gt_set *t = a;
    a = b;
    b = t;
  }
  for (uint64_t i = 0; i <= b->mask; i++) {
    const gt_set_entry *e = &b->table[i];
    if (e->state == GT_SET_ACTIVE && gt_set_find(a, e->v, e->hash)) gt_set_add_hashed(r, e->v, e->hash);
  }
  return r;
}

/* After removals: a table over a quarter dummies is rebuilt. */
static void gt_set_shed_dummies(gt_set *s) {
  if ((uint64_t)(s->fill - s->used) > s->mask / 4) gt_set_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

/* set_difference_update_internal: each of o's elements discarded from s
 * (those of their intersection, where o is over 8 times s's size). */
static void gt_set_discard_all(gt_set *s, const gt_set *o) {
  if (s == o) {
    gt_set_clear(s);
    return;
  }
  gt_set *common = (o->used >> 3) > s->used ? gt_set_intersection(s, o) : NULL;
  if (common) o = common;
  for (uint64_t i = 0; i <= o->mask; i++)
    if (o->table[i].state == GT_SET_ACTIVE) gt_set_discard_hashed(s, o->table[i].v, o->table[i].hash);
  if (common) gt_release(common);
  gt_set_shed_dummies(s);
}

/* set_difference: a copy less b's elements where a is over 4 times b's
 * size, else a's elements not in b added to a new set. */
gt_set *gt_set_difference(const gt_set *a, const gt_set *b) {
  if ((a->used >> 2) > b->used) {
    gt_set *r = gt_set_copy(a);
    gt_set_discard_all(r, b);
    return r;
  }
  gt_set *r = gt_set_new(a->type);
  for (uint64_t i = 0; i <= a->mask; i++) {
    const gt_set_entry *e = &a->table[i];
    if (e->state == GT_SET_ACTIVE && !gt_set_find(b, e->v, e->hash)) gt_set_add_hashed(r, e->v, e->hash);
  }
  return r;
}

void gt_set_symmetric_difference_update(gt_set *s, const gt_set *o) {
  if (s == o) {
    gt_set_clear(s);
    return;
  }
  for (uint64_t i = 0; i <= o->mask; i++) {
    const gt_set_entry *e = &o->table[i];
    if (e->state == GT_SET_ACTIVE && !gt_set_discard_hashed(s, e->v, e->hash)) gt_set_add_hashed(s, e->v, e->hash);
  }
}

/* set_symmetric_difference: a copy of b updated with a. */
gt_set *gt_set_symmetric_difference(const gt_set *a, const gt_set *b) {
  gt_set *r = gt_set_copy(b);
  gt_set_symmetric_difference_update(r, a);
  return r;
}

void gt_set_difference_update(gt_set *s, const gt_set *o) { gt_set_discard_all(s, o); }

/* set_swap_bodies: s takes r's table (r released, with s's old one). */
static void gt_set_take_table(gt_set *s, gt_set *r) {
  gt_set tmp = *s;
  s->fill = r->fill;
  s->used = r->used;
  s->mask = r->mask;
  s->table = r->table;
  r->fill = tmp.fill;
  r->used = tmp.used;
  r->mask = tmp.mask;
  r->table = tmp.table;
  gt_release(r);
}

void gt_set_intersection_update(gt_set *s, const gt_set *o) { gt_set_take_table(s, gt_set_intersection(s, o)); }

bool gt_set_issubset(const gt_set *a, const gt_set *b) {
  if (a->used > b->used) return false;
  for (uint64_t i = 0; i <= a->mask; i++)
    if (a->table[i].state == GT_SET_ACTIVE && !gt_set_find(b, a->table[i].v, a->table[i].hash)) return false;
  return true;
}

bool gt_set_issuperset(const gt_set *a, const gt_set *b) { return gt_set_issubset(b, a); }
bool gt_set_lt(const gt_set *a, const gt_set *b) { return a->used < b->used && gt_set_issubset(a, b); }
bool gt_set_eq(const gt_set *a, const gt_set *b) { return a->used == b->used && gt_set_issubset(a, b); }

bool gt_set_isdisjoint(const gt_set *a, const gt_set *b) {
  if (a->used > b->used) {  /* the smaller one walked */
    const gt_set *t = a;
    a = b;
    b = t;
  }
  for (uint64_t i = 0; i <= a->mask; i++)
    if (a->table[i].state == GT_SET_ACTIVE && gt_set_find(b, a->table[i].v, a->table[i].hash)) return false;
  return true;
}

/* ---- the methods given a list: CPython's paths for any iterable ------------- */

void gt_set_update_list(gt_set *s, const gt_list *l) {
  for (int64_t i = 0; i < l->len; i++) gt_set_add(s, l->items[i]);
}

gt_set *gt_set_union_list(const gt_set *a, const gt_list *l) {
  gt_set *r = gt_set_copy(a);
  gt_set_update_list(r, l);
  return r;
}

/* The list's elements that a holds, in the list's order, until all are found. */
gt_set *gt_set_intersection_list(const gt_set *a, const gt_list *l) {
  gt_set *r = gt_set_new(a->type);
  for (int64_t i = 0; i < l->len && r->used < a->used; i++)
    if (gt_set_contains(a, l->items[i])) gt_set_add(r, l->items[i]);
  return r;
}

void gt_set_intersection_update_list(gt_set *s, const gt_list *l) { gt_set_take_table(s, gt_set_intersection_list(s, l)); }

void gt_set_difference_update_list(gt_set *s, const gt_list *l) {
  for (int64_t i = 0; i < l->len; i++) gt_set_discard(s, l->items[i]);
  gt_set_shed_dummies(s);
}

gt_set *gt_set_difference_list(const gt_set *a, const gt_list *l) {
  gt_set *r = gt_set_copy(a);
  gt_set_difference_update_list(r, l);
  return r;
}

void gt_set_symmetric_difference_update_list(gt_set *s, const gt_list *l) {
  gt_set *o = gt_set_of_list(s->type, l);
  gt_set_symmetric_difference_update(s, o);
  gt_release(o);
}

/* set(l) updated with a's elements, as CPython makes it. */
gt_set *gt_set_symmetric_difference_list(const gt_set *a, const gt_list *l) {
  gt_set *r = gt_set_of_list(a->type, l);
  gt_set_symmetric_difference_update(r, a);
  return r;
}

bool gt_set_issubset_list(const gt_set *a, const gt_list *l) {
  gt_set *common = gt_set_intersection_list(a, l);
  bool all = common->used == a->used;
  gt_release(common);
  return all;
}

bool gt_set_issuperset_list(const gt_set *a, const gt_list *l) {
  for (int64_t i = 0; i < l->len; i++)
    if (!gt_set_contains(a, l->items[i])) return false;
  return true;
}

bool gt_set_isdisjoint_list(const gt_set *a, const gt_list *l) {
  for (int64_t i = 0; i < l->len; i++)
    if (gt_set_contains(a, l->items[i])) return false;
  return true;
}

/* `{1, 2}`, and `set()` for an empty one, as Python prints them. */
void gt_set_repr_to(gt_sbuf *b, const gt_set *s) {
  if (s->used == 0) {
    gt_sbuf_puts(b, "set()");
    return;
  }
  gt_sbuf_putc(b, '{');
  gt_val v;
  bool first = true;
  for (int64_t pos = 0; gt_set_next(s, &pos, &v);) {
    if (!first) gt_sbuf_puts(b, ", ");
    first = false;
    gt_val_repr_to(b, v, gt_elem_type(s));
  }
  gt_sbuf_putc(b, '}');
}

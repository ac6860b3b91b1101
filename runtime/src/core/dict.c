/* dict.c - dict[K, V] with K str, int or bool: CPython's compact layout.
 * Entries sit in insertion order in a dense array; an open-addressed index
 * of slots points into it. Deleting leaves a dead entry (and a dummy slot),
 * so order survives; a resize compacts both. */
#include "core_internal.h"

#include <stdlib.h>

typedef struct gt_dict_entry {
  uint64_t hash;
  gt_val key, value;
  bool live;
} gt_dict_entry;

struct gt_dict {
  gt_obj h;
  const gt_type *type;       /* kind DICT: args[0] key, args[1] value */
  int64_t len;               /* live entries */
  int64_t used;              /* entries[0..used) hold live and dead ones */
  int64_t cap;               /* capacity of entries */
  gt_dict_entry *entries;
  int64_t *slots;            /* GT_SLOT_EMPTY, GT_SLOT_DUMMY or an entry index */
  uint64_t mask;             /* number of slots - 1 (a power of two - 1) */
  bool ordered;              /* Python's OrderedDict: how it prints */
};

enum { GT_SLOT_EMPTY = -1, GT_SLOT_DUMMY = -2 };

static const gt_type *gt_key_type(const gt_dict *d) { return d->type->args[0]; }
static const gt_type *gt_value_type(const gt_dict *d) { return d->type->args[1]; }

static void gt_dict_drop(gt_obj *o) {
  gt_dict *d = (gt_dict *)o;
  for (int64_t i = 0; i < d->used; i++) {
    gt_dict_entry *e = &d->entries[i];
    if (!e->live) continue;
    gt_val_release(e->key, gt_key_type(d));
    gt_val_release(e->value, gt_value_type(d));
  }
  free(d->entries);
  free(d->slots);
}

const gt_class gt_dict_class = {"dict", gt_dict_drop, NULL, NULL, NULL, NULL, NULL};

/* (Re)builds the slot table with `nslots` slots and compacts the entries. */
static void gt_dict_rebuild(gt_dict *d, uint64_t nslots) {
  int64_t k = 0;
  for (int64_t i = 0; i < d->used; i++)
    if (d->entries[i].live) d->entries[k++] = d->entries[i];
  d->used = k;
  free(d->slots);
  d->slots = gt_xmalloc(sizeof(int64_t) * nslots);
  for (uint64_t i = 0; i < nslots; i++) d->slots[i] = GT_SLOT_EMPTY;
  d->mask = nslots - 1;
  for (int64_t i = 0; i < d->used; i++) {
    uint64_t h = d->entries[i].hash, perturb = h, s = h & d->mask;
    while (d->slots[s] != GT_SLOT_EMPTY) {
      perturb >>= 5;
      s = (s * 5 + perturb + 1) & d->mask;
    }
    d->slots[s] = i;
  }
  /* entries can hold 2/3 of the slots */
  int64_t cap = (int64_t)(nslots * 2 / 3);
  if (cap != d->cap) {
    d->entries = gt_xrealloc(d->entries, sizeof(gt_dict_entry) * (size_t)cap);
    d->cap = cap;
  }
}

gt_dict *gt_dict_new(const gt_type *type) {
  gt_dict *d = gt_alloc(sizeof *d, &gt_dict_class);
  d->type = type;
  gt_dict_rebuild(d, 8);
  return d;
}

int64_t gt_dict_len(const gt_dict *d) { return d->len; }

static bool gt_key_eq(const gt_dict *d, gt_val a, gt_val b) {
  const gt_type *t = gt_key_type(d);
  switch (t->kind) {
    case GT_K_STR: return a.p && b.p ? gt_str_eq(a.p, b.p) : a.p == b.p;  /* an Optional[str] key: None */
    case GT_K_BOOL: return a.b == b.b;
    case GT_K_TUPLE: return gt_val_eq(a, b, t);
    case GT_K_OBJ: return t->nargs == -1 ? gt_val_eq(a, b, t) : a.p == b.p;  /* __eq__ with __hash__, else identity */
    default: return a.i == b.i;
  }
}

/* The slot holding key, or the first free slot where it would go (*found
 * tells which). Dummy slots are reused for insertion. */
static uint64_t gt_dict_probe(const gt_dict *d, gt_val key, uint64_t h, bool *found) {
  uint64_t perturb = h, s = h & d->mask;
  int64_t first_dummy = -1;
  for (;;) {
    int64_t ix = d->slots[s];
    if (ix == GT_SLOT_EMPTY) {
      *found = false;
      return first_dummy >= 0 ? (uint64_t)first_dummy : s;
    }
    if (ix == GT_SLOT_DUMMY) {
      if (first_dummy < 0) first_dummy = (int64_t)s;
    } else {
      const gt_dict_entry *e = &d->entries[ix];
      if (e->hash == h && gt_key_eq(d, e->key, key)) {
        *found = true;
        return s;
      }
    }
    perturb >>= 5;
    s = (s * 5 + perturb + 1) & d->mask;
  }
}

static gt_dict_entry *gt_dict_lookup(const gt_dict *d, gt_val key, uint64_t *slot) {
  bool found;
  uint64_t s = gt_dict_probe(d, key, gt_val_hash(key, gt_key_type(d)), &found);
  if (slot) *slot = s;
  return found ? &d->entries[d->slots[s]] : NULL;
}

static _Noreturn void gt_key_error(const gt_dict *d, gt_val key) {
  char *r = gt_val_repr_cstr(key, gt_key_type(d));
  gt_fail_repr("KeyError: %s", r);
}

const gt_type *gt_dict_type(const gt_dict *d) { return d->type; }

gt_val gt_dict_get(const gt_dict *d, gt_val key) {
  gt_dict_entry *e = gt_dict_lookup(d, key, NULL);
  if (!e) gt_key_error(d, key);
  return gt_val_retain(e->value, gt_value_type(d));
}

gt_val gt_dict_get_or(const gt_dict *d, gt_val key, gt_val dflt) {
  gt_dict_entry *e = gt_dict_lookup(d, key, NULL);
  return gt_val_retain(e ? e->value : dflt, gt_value_type(d));
}

bool gt_dict_contains(const gt_dict *d, gt_val key) { return gt_dict_lookup(d, key, NULL) != NULL; }

/* f(**d)'s value for a parameter (kwargs.c): borrowed, in one lookup. */
bool gt_kwargs_get(const gt_dict *d, const gt_str *key, gt_val *value) {
  gt_dict_entry *e = gt_dict_lookup(d, (gt_val){.p = (void *)key}, NULL);
  if (e) *value = e->value;
  return e != NULL;
}

void gt_dict_set(gt_dict *d, gt_val key, gt_val v) {
  uint64_t h = gt_val_hash(key, gt_key_type(d));
  bool found;
  uint64_t s = gt_dict_probe(d, key, h, &found);
  if (found) {
    /* Python keeps the first key object and replaces the value */
    gt_dict_entry *e = &d->entries[d->slots[s]];
    gt_val old = e->value;
    e->value = gt_val_retain(v, gt_value_type(d));
    gt_val_release(old, gt_value_type(d));
    return;
  }
  if (d->used == d->cap) {
    /* grow when mostly live, otherwise just compact away dead entries */
    uint64_t nslots = 8;
    while ((int64_t)(nslots * 2 / 3) < (d->len + 1) * 2) nslots *= 2;
    gt_dict_rebuild(d, nslots);
    s = gt_dict_probe(d, key, h, &found);
  }
  gt_dict_entry *e = &d->entries[d->used];
  e->hash = h;
  e->key = gt_val_retain(key, gt_key_type(d));
  e->value = gt_val_retain(v, gt_value_type(d));
  e->live = true;
  d->slots[s] = d->used++;
  d->len++;
}

/* Unlinks the entry in slot s; the caller releases or keeps its refs. */
static gt_dict_entry *gt_dict_unlink(gt_dict *d, uint64_t s) {
  gt_dict_entry *e = &d->entries[d->slots[s]];
  d->slots[s] = GT_SLOT_DUMMY;
  e->live = false;
  d->len--;
  return e;
}

gt_val gt_dict_pop(gt_dict *d, gt_val key) {
  uint64_t s;
  if (!gt_dict_lookup(d, key, &s)) gt_key_error(d, key);
  gt_dict_entry *e = gt_dict_unlink(d, s);
  gt_val_release(e->key, gt_key_type(d));
  return e->value;   /* the dict's reference passes to the caller */
}

void gt_dict_del(gt_dict *d, gt_val key) {
  gt_val v = gt_dict_pop(d, key);
  gt_val_release(v, gt_value_type(d));
}

gt_dict *gt_dict_copy(const gt_dict *d) {
  gt_dict *r = gt_dict_new(d->type);
  gt_dict_update(r, d);
  r->ordered = d->ordered;
  return r;
}

void gt_dict_set_ordered(gt_dict *d, bool ordered) { d->ordered = ordered; }
bool gt_dict_is_ordered(const gt_dict *d) { return d->ordered; }

void gt_dict_clear(gt_dict *d) {
  for (int64_t i = 0; i < d->used; i++) {
    gt_dict_entry *e = &d->entries[i];
    if (!e->live) continue;
    e->live = false;
    gt_val_release(e->key, gt_key_type(d));
    gt_val_release(e->value, gt_value_type(d));
  }
  d->len = d->used = 0;
  gt_dict_rebuild(d, 8);
}

gt_val gt_dict_setdefault(gt_dict *d, gt_val key, gt_val dflt) {
  gt_dict_entry *e = gt_dict_lookup(d, key, NULL);
  if (!e) gt_dict_set(d, key, dflt);
  return gt_val_retain(e ? e->value : dflt, gt_value_type(d));
}

bool gt_dict_next(const gt_dict *d, int64_t *pos, gt_val *key, gt_val *value) {
  while (*pos < d->used) {
    const gt_dict_entry *e = &d->entries[(*pos)++];
    if (!e->live) continue;
    if (key) *key = e->key;
    if (value) *value = e->value;
    return true;
  }
  return false;
}

gt_list *gt_dict_keys(const gt_dict *d) {
  gt_list *l = gt_list_new(gt_type_list_of(gt_key_type(d)), d->len);
  gt_val k;
  for (int64_t pos = 0; gt_dict_next(d, &pos, &k, NULL);) gt_list_append(l, k);
  return l;
}

gt_list *gt_dict_values(const gt_dict *d) {
  gt_list *l = gt_list_new(gt_type_list_of(gt_value_type(d)), d->len);
  gt_val v;
  for (int64_t pos = 0; gt_dict_next(d, &pos, NULL, &v);) gt_list_append(l, v);
  return l;
}

gt_list *gt_dict_items(const gt_dict *d, const gt_type *list_of_pairs) {
  gt_list *l = gt_list_new(list_of_pairs, d->len);
  const gt_type *pair = list_of_pairs->args[0];
  gt_val k, v;
  for (int64_t pos = 0; gt_dict_next(d, &pos, &k, &v);) {
    gt_tuple *t = gt_tuple_new(pair);
    t->items[0] = gt_val_retain(k, pair->args[0]);
    t->items[1] = gt_val_retain(v, pair->args[1]);
    gt_list_append(l, (gt_val){.p = t});
    gt_release(t);
  }
  return l;
}

void gt_dict_update(gt_dict *d, const gt_dict *other) {
  if (d == other) return;
  gt_val k, v;
  for (int64_t pos = 0; gt_dict_next(other, &pos, &k, &v);) gt_dict_set(d, k, v);
}

bool gt_dict_eq(const gt_dict *a, const gt_dict *b) {
  if (a == b) return true;
  if (a->len != b->len) return false;
  gt_val k, v;
  for (int64_t pos = 0; gt_dict_next(a, &pos, &k, &v);) {
    gt_dict_entry *e = gt_dict_lookup(b, k, NULL);
    if (!e || !gt_val_eq(v, e->value, gt_value_type(a))) return false;
  }
  return true;
}

/* OrderedDict([('a', 1), ('b', 2)]), or OrderedDict() when empty. */
static void ordered_repr_to(gt_sbuf *b, const gt_dict *d) {
  gt_sbuf_puts(b, "OrderedDict(");
  gt_val k, v;
  bool first = true;
  for (int64_t pos = 0; gt_dict_next(d, &pos, &k, &v);) {
    gt_sbuf_puts(b, first ? "[(" : ", (");
    first = false;
    gt_val_repr_to(b, k, gt_key_type(d));
    gt_sbuf_puts(b, ", ");
    gt_val_repr_to(b, v, gt_value_type(d));
    gt_sbuf_putc(b, ')');
  }
  gt_sbuf_puts(b, d->len ? "])" : ")");
}

void gt_dict_repr_to(gt_sbuf *b, const gt_dict *d) {
  if (d->ordered) {
    ordered_repr_to(b, d);
    return;
  }
  gt_sbuf_putc(b, '{');
  gt_val k, v;
  bool first = true;
  for (int64_t pos = 0; gt_dict_next(d, &pos, &k, &v);) {
    if (!first) gt_sbuf_puts(b, ", ");
    first = false;
    gt_val_repr_to(b, k, gt_key_type(d));
    gt_sbuf_puts(b, ": ");
    gt_val_repr_to(b, v, gt_value_type(d));
  }
  gt_sbuf_putc(b, '}');
}

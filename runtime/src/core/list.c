/* list.c - list[T]: a growable array of gt_val slots that retains the
 * references it stores; slicing, sorting (stable merge sort) and the list
 * methods, with Python's semantics and messages. */
#include "core_internal.h"

#include <stdarg.h>
#include <stdlib.h>

static void gt_list_drop(gt_obj *o) {
  gt_list *l = (gt_list *)o;
  const gt_type *et = l->type->args[0];
  if (gt_type_is_ref(et))
    for (int64_t i = 0; i < l->len; i++) gt_release(l->items[i].p);
  free(l->items);
}

const gt_class gt_list_class = {"list", gt_list_drop, NULL, NULL, NULL, NULL, NULL};

static const gt_type *gt_elem(const gt_list *l) { return l->type->args[0]; }

/* Python's PySlice_AdjustIndices: clamps lo/hi for `step` and returns the
 * number of items the slice selects. GT_NOIDX means an omitted bound. */
int64_t gt_slice_adjust(int64_t len, int64_t *lo, int64_t *hi, int64_t *step) {
  if (*step == GT_NOIDX) *step = 1;
  if (*step == 0) gt_fail("ValueError: slice step cannot be zero");
  int64_t st = *step;
  int64_t a = *lo, b = *hi;
  if (a == GT_NOIDX) {
    a = st < 0 ? len - 1 : 0;
  } else if (a < 0) {
    a += len;
    if (a < 0) a = st < 0 ? -1 : 0;
  } else if (a >= len) {
    a = st < 0 ? len - 1 : len;
  }
  if (b == GT_NOIDX) {
    b = st < 0 ? -1 : len;
  } else if (b < 0) {
    b += len;
    if (b < 0) b = st < 0 ? -1 : 0;
  } else if (b >= len) {
    b = st < 0 ? len - 1 : len;
  }
  *lo = a;
  *hi = b;
  if (st < 0) return b < a ? (a - b - 1) / (-st) + 1 : 0;
  return a < b ? (b - a - 1) / st + 1 : 0;
}

/* ---- storage ------------------------------------------------------------------ */

static void gt_list_reserve(gt_list *l, int64_t need) {
  if (need <= l->cap) return;
  int64_t cap = l->cap < 4 ? 4 : l->cap + l->cap / 2;
  if (cap < need) cap = need;
  l->items = gt_xrealloc(l->items, sizeof(gt_val) * (size_t)cap);
  l->cap = cap;
}

gt_list *gt_list_new(const gt_type *type, int64_t cap) {
  gt_list *l = gt_alloc(sizeof *l, &gt_list_class);
  l->type = type;
  if (cap > 0) gt_list_reserve(l, cap);
  return l;
}

gt_list *gt_list_of(const gt_type *type, int64_t n, ...) {
  gt_list *l = gt_list_new(type, n);
  va_list ap;
  va_start(ap, n);
  for (int64_t i = 0; i < n; i++) l->items[i] = gt_val_retain(va_arg(ap, gt_val), type->args[0]);
  va_end(ap);
  l->len = n;
  return l;
}

gt_list *gt_list_from_array(const gt_type *type, int64_t n, const gt_val *items) {
  gt_list *l = gt_list_new(type, n);
  for (int64_t i = 0; i < n; i++) l->items[i] = gt_val_retain(items[i], type->args[0]);
  l->len = n;
  return l;
}

/* Index i (negative from the end) into [0, len), or fail with msg. */
static int64_t gt_list_index_of(const gt_list *l, int64_t i, const char *msg) {
  if (i < 0) i += l->len;
  if (i < 0 || i >= l->len) gt_fail("%s", msg);
  return i;
}

gt_val gt_list_get(const gt_list *l, int64_t i) {
  i = gt_list_index_of(l, i, "IndexError: list index out of range");
  return gt_val_retain(l->items[i], gt_elem(l));
}

void gt_list_set(gt_list *l, int64_t i, gt_val v) {
  i = gt_list_index_of(l, i, "IndexError: list assignment index out of range");
  const gt_type *et = gt_elem(l);
  gt_val old = l->items[i];
  l->items[i] = gt_val_retain(v, et);   /* retain first: v may be old */
  gt_val_release(old, et);
}

void gt_list_append(gt_list *l, gt_val v) {
  if (l->len == l->cap) gt_list_reserve(l, l->len + 1);
  l->items[l->len++] = gt_val_retain(v, gt_elem(l));
}

gt_val gt_list_pop(gt_list *l, int64_t i) {
  if (l->len == 0) gt_fail("IndexError: pop from empty list");
  i = gt_list_index_of(l, i, "IndexError: pop index out of range");
  gt_val v = l->items[i];
  memmove(l->items + i, l->items + i + 1, sizeof(gt_val) * (size_t)(l->len - i - 1));
  l->len--;
  return v;
}

void gt_list_del(gt_list *l, int64_t i) {
  gt_val v;
  i = gt_list_index_of(l, i, "IndexError: list assignment index out of range");
  v = l->items[i];
  memmove(l->items + i, l->items + i + 1, sizeof(gt_val) * (size_t)(l->len - i - 1));
  l->len--;
  gt_val_release(v, gt_elem(l));
}

void gt_list_insert(gt_list *l, int64_t i, gt_val v) {
  if (i < 0) {
    i += l->len;
    if (i < 0) i = 0;
  } else if (i > l->len) {
    i = l->len;
  }
  gt_list_reserve(l, l->len + 1);
  memmove(l->items + i + 1, l->items + i, sizeof(gt_val) * (size_t)(l->len - i));
  l->items[i] = gt_val_retain(v, gt_elem(l));
  l->len++;
}

void gt_list_extend(gt_list *l, const gt_list *other) {
  int64_t n = other->len;   /* before growing: other may be l */
  gt_list_reserve(l, l->len + n);
  const gt_type *et = gt_elem(l);
  for (int64_t i = 0; i < n; i++) l->items[l->len + i] = gt_val_retain(other->items[i], et);
  l->len += n;
}

void gt_list_extend_array(gt_list *l, const gt_val *items, int64_t n) {
  gt_list_reserve(l, l->len + n);
  const gt_type *et = gt_elem(l);
  for (int64_t i = 0; i < n; i++) l->items[l->len + i] = gt_val_retain(items[i], et);
  l->len += n;
}

static int64_t gt_list_find(const gt_list *l, gt_val v) {
  const gt_type *et = gt_elem(l);
  for (int64_t i = 0; i < l->len; i++)
    if (gt_val_eq(l->items[i], v, et)) return i;
  return -1;
}

void gt_list_remove(gt_list *l, gt_val v) {
  int64_t i = gt_list_find(l, v);
  if (i < 0) gt_fail("ValueError: list.remove(x): x not in list");
  gt_list_del(l, i);
}

int64_t gt_list_index(const gt_list *l, gt_val v) {
  int64_t i = gt_list_find(l, v);
  if (i < 0) {
    char *r = gt_val_repr_cstr(v, gt_elem(l));
    gt_fail_repr("ValueError: %s is not in list", r);
  }
  return i;
}

int64_t gt_list_count(const gt_list *l, gt_val v) {
  const gt_type *et = gt_elem(l);
  int64_t n = 0;
  for (int64_t i = 0; i < l->len; i++) n += gt_val_eq(l->items[i], v, et);
  return n;
}

bool gt_list_contains(const gt_list *l, gt_val v) { return gt_list_find(l, v) >= 0; }

void gt_list_clear(gt_list *l) {
  int64_t n = l->len;
  l->len = 0;   /* releases may run code that looks at l */
  const gt_type *et = gt_elem(l);
  if (gt_type_is_ref(et))
    for (int64_t i = 0; i < n; i++) gt_release(l->items[i].p);
}

void gt_list_reverse(gt_list *l) {
  for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
    gt_val t = l->items[i];
    l->items[i] = l->items[j];
    l->items[j] = t;
  }
}

gt_list *gt_list_copy(const gt_list *l) {
  gt_list *c = gt_list_new(l->type, l->len);
  gt_list_extend(c, l);
  return c;
}

gt_list *gt_list_slice(const gt_list *l, int64_t lo, int64_t hi, int64_t step) {
  int64_t n = gt_slice_adjust(l->len, &lo, &hi, &step);
  gt_list *r = gt_list_new(l->type, n);
  const gt_type *et = gt_elem(l);
  for (int64_t k = 0, i = lo; k < n; k++, i += step) r->items[k] = gt_val_retain(l->items[i], et);
  r->len = n;
  return r;
}

/* del l[lo:hi:step] */
void gt_list_del_slice(gt_list *l, int64_t lo, int64_t hi, int64_t step) {
  int64_t n = gt_slice_adjust(l->len, &lo, &hi, &step);
  if (n <= 0) return;
  if (step < 0) {  /* the same items, walked upwards */
    lo += step * (n - 1);
    step = -step;
  }
  const gt_type *et = gt_elem(l);
  int64_t w = lo, k = 0;
  for (int64_t r = lo; r < l->len; r++) {
    if (k < n && r == lo + k * step) {
      gt_val_release(l->items[r], et);
      k++;
      continue;
    }
    l->items[w++] = l->items[r];
  }
  l->len = w;
}

/* l[lo:hi:step] = v, as CPython's list_ass_subscript: a plain slice takes
 * any number of items, an extended one exactly as many as it selects. */
void gt_list_set_slice(gt_list *l, int64_t lo, int64_t hi, int64_t step, const gt_list *v) {
  int64_t n = gt_slice_adjust(l->len, &lo, &hi, &step);
  const gt_type *et = gt_elem(l);
  gt_list *src = v == l ? gt_list_copy(v) : gt_retain((gt_list *)v);
  int64_t m = src->len;
  if (step == 1) {
    if (hi < lo) hi = lo;
    int64_t old = hi - lo;
    for (int64_t i = lo; i < hi; i++) gt_val_release(l->items[i], et);
    if (m > old) gt_list_reserve(l, l->len - old + m);
    memmove(l->items + lo + m, l->items + hi, sizeof(gt_val) * (size_t)(l->len - hi));
    for (int64_t k = 0; k < m; k++) l->items[lo + k] = gt_val_retain(src->items[k], et);
    l->len += m - old;
  } else {
    if (m != n)
      gt_fail("ValueError: attempt to assign sequence of size %lld to extended slice of size %lld", (long long)m,
              (long long)n);
    for (int64_t k = 0, i = lo; k < n; k++, i += step) {
      gt_val old = l->items[i];
      l->items[i] = gt_val_retain(src->items[k], et);
      gt_val_release(old, et);
    }
  }
  gt_release(src);
}

gt_list *gt_list_concat(const gt_list *a, const gt_list *b) {
  gt_list *r = gt_list_new(a->type, a->len + b->len);
  gt_list_extend(r, a);
  gt_list_extend(r, b);
  return r;
}

gt_list *gt_list_repeat(const gt_list *l, int64_t n) {
  if (n < 0) n = 0;
  int64_t total;
  if (__builtin_mul_overflow(l->len, n, &total) || total > ((int64_t)1 << 40))
    gt_fail("MemoryError: repeated list is too long");
  gt_list *r = gt_list_new(l->type, total);
  for (int64_t i = 0; i < n; i++) gt_list_extend(r, l);
  return r;
}

gt_list *gt_reversed(const gt_list *l) {
  gt_list *r = gt_list_copy(l);
  gt_list_reverse(r);
  return r;
}

gt_list *gt_range_list(int64_t start, int64_t stop, int64_t step) {
  if (step == 0) gt_fail("ValueError: range() arg 3 must not be zero");
  int64_t n = 0;
  /* computed in unsigned arithmetic: stop - start may not fit in int64 */
  if (step > 0 && start < stop) n = (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
  if (step < 0 && start > stop)
    n = (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / ((uint64_t)0 - (uint64_t)step) + 1);
  gt_list *l = gt_list_new(&gt_t_list_int, n);
  int64_t v = start;
  for (int64_t i = 0; i < n; i++, v += (i < n ? step : 0)) l->items[i].i = v;
  l->len = n;
  return l;
}

/* ---- sorting ---------------------------------------------------------------- */

typedef struct gt_sorter {
  const gt_type *type;
  int sign;   /* -1 for reverse=True: equal items keep their order either way */
  const gt_val *keys;  /* key=: the items sorted are indices into keys, compared by them */
} gt_sorter;

static bool gt_sort_less(const gt_sorter *s, gt_val a, gt_val b) {
  int c;
  if (s->keys) {
    a = s->keys[a.i];
    b = s->keys[b.i];
  }
  switch (s->type->kind) {
    case GT_K_INT: c = (a.i > b.i) - (a.i < b.i); break;
    case GT_K_FLOAT: c = (a.f > b.f) - (a.f < b.f); break;
    case GT_K_STR: c = a.p && b.p ? gt_str_cmp(a.p, b.p) : gt_val_cmp(a, b, s->type); break;  /* None: TypeError */
    default: c = gt_val_cmp(a, b, s->type); break;
  }
  return c * s->sign < 0;
}

static void gt_insertion_sort(const gt_sorter *s, gt_val *a, int64_t n) {
  for (int64_t i = 1; i < n; i++) {
    gt_val x = a[i];
    int64_t j = i;
    while (j > 0 && gt_sort_less(s, x, a[j - 1])) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
  }
}

/* Top-down merge sort; takes from the left run on ties, hence stable. */
static void gt_merge_sort(const gt_sorter *s, gt_val *a, gt_val *tmp, int64_t n) {
  if (n <= 16) {
    gt_insertion_sort(s, a, n);
    return;
  }
  int64_t mid = n / 2;
  gt_merge_sort(s, a, tmp, mid);
  gt_merge_sort(s, a + mid, tmp, n - mid);
  if (!gt_sort_less(s, a[mid], a[mid - 1])) return;   /* already in order */
  memcpy(tmp, a, sizeof(gt_val) * (size_t)mid);
  int64_t i = 0, j = mid, k = 0;
  while (i < mid && j < n) a[k++] = gt_sort_less(s, a[j], tmp[i]) ? a[j++] : tmp[i++];
  while (i < mid) a[k++] = tmp[i++];
}

/* Sorts l's items by s in scratch storage (two int lists' arrays, held) that
 * an exception out of a comparison (a TypeError, a __lt__ that raises)
 * releases, leaving l as it was; by_keys: s orders indices into its keys. */
static void gt_sort_items(gt_list *l, const gt_sorter *s, bool by_keys) {
  int64_t n = l->len;
  gt_list *volatile work = gt_list_new(&gt_t_list_int, n);
  gt_list *volatile tmp = gt_list_new(&gt_t_list_int, n / 2 + 1);
  gt_holdings k = {.slots = (volatile void *const[]){&work, &tmp}, .nslots = 2};
  gt_enter_holdings(&k);
  gt_val *w = work->items;
  for (int64_t i = 0; i < n; i++) w[i] = by_keys ? (gt_val){.i = i} : l->items[i];
  gt_merge_sort(s, w, tmp->items, n);
  gt_leave_holdings(&k);
  for (int64_t i = 0; by_keys && i < n; i++) w[i] = l->items[w[i].i];
  memcpy(l->items, w, sizeof(gt_val) * (size_t)n);
  gt_release(work);
  gt_release(tmp);
}

void gt_list_sort(gt_list *l, bool reverse) {
  if (l->len < 2) return;
  gt_sorter s = {gt_elem(l), reverse ? -1 : 1, NULL};
  gt_sort_items(l, &s, false);
}

/* sorted(l): a copy, held while it is sorted so that an exception out of
 * a comparison (sorted([1, "a"])'s TypeError) releases it. */
gt_list *gt_sorted(const gt_list *l, bool reverse) {
  gt_list *volatile r = gt_list_copy(l);
  gt_holdings k = {.slots = (volatile void *const[]){&r}, .nslots = 1};
  gt_enter_holdings(&k);
  gt_list_sort(r, reverse);
  gt_leave_holdings(&k);
  return r;
}

/* key=: the items ordered by their keys (computed once each, in order,
 * as CPython does), equal keys keeping the items' order. */
void gt_list_sort_by(gt_list *l, const gt_list *keys, bool reverse) {
  if (l->len < 2) return;
  gt_sorter s = {gt_elem(keys), reverse ? -1 : 1, keys->items};
  gt_sort_items(l, &s, true);
}

gt_list *gt_sorted_by(const gt_list *l, const gt_list *keys, bool reverse) {
  gt_list *volatile r = gt_list_copy(l);
  gt_holdings k = {.slots = (volatile void *const[]){&r}, .nslots = 1};
  gt_enter_holdings(&k);
  gt_list_sort_by(r, keys, reverse);
  gt_leave_holdings(&k);
  return r;
}

/* min(xs, key=f) / max(...): the index of the first item whose key is the
 * least (the greatest); `what` names the function for the empty case. */
int64_t gt_keys_best(const gt_list *keys, bool greatest, const char *what) {
  if (keys->len == 0) gt_fail("ValueError: %s() arg is an empty sequence", what);
  gt_sorter s = {gt_elem(keys), 1, keys->items};
  int64_t best = 0;
  for (int64_t i = 1; i < keys->len; i++) {
    gt_val a = {.i = i}, b = {.i = best};
    if (greatest ? gt_sort_less(&s, b, a) : gt_sort_less(&s, a, b)) best = i;
  }
  return best;
}

gt_ints gt_ints_list(const gt_list *l) {
  if (l->len > GT_INTS_MAX) gt_fail("ValueError: at most %d sizes are supported here, got %lld", GT_INTS_MAX, (long long)l->len);
  gt_ints r = {l->len, {0}};
  for (int64_t i = 0; i < l->len; i++) r.v[i] = l->items[i].i;
  return r;
}

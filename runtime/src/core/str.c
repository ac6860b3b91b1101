/* str.c - immutable UTF-8 strings: construction, UTF-8 helpers, indexing,
 * slicing, comparison and the str methods.
 *
 * Lengths and indices count code points, as Python's; all-ASCII strings
 * take byte-indexed fast paths. split() and strip() know Unicode's
 * whitespace, as Python's; case mapping and the character classes of the
 * is*() methods are in unicode.c. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <stdatomic.h>
#include <stdlib.h>

const gt_class gt_str_class = {"str", NULL, NULL, NULL, NULL, NULL, NULL};

static gt_str gt_the_empty_str = {{GT_IMMORTAL, &gt_str_class}, 0, ""};

/* ---- construction -------------------------------------------------------- */

gt_str *gt_str_empty(void) { return gt_retain(&gt_the_empty_str); }

static gt_str gt_ascii_strs[128];
static char gt_ascii_bytes[128][2];
static atomic_bool gt_ascii_ready;

/* One-character ASCII strings are shared (`for c in s` allocates nothing).
 * Built on first use under a spinlock: C11 atomics, so no libpthread. */
static void gt_ascii_init(void) {
  static atomic_flag lock = ATOMIC_FLAG_INIT;
  while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire)) {
  }
  if (!atomic_load_explicit(&gt_ascii_ready, memory_order_relaxed)) {
    for (int c = 0; c < 128; c++) {
      gt_ascii_bytes[c][0] = (char)c;
      gt_ascii_strs[c] = (gt_str){{GT_IMMORTAL, &gt_str_class}, 1, gt_ascii_bytes[c]};
    }
    atomic_store_explicit(&gt_ascii_ready, true, memory_order_release);
  }
  atomic_flag_clear_explicit(&lock, memory_order_release);
}

gt_str *gt_str_ascii_char(unsigned char c) {
  if (!atomic_load_explicit(&gt_ascii_ready, memory_order_acquire)) gt_ascii_init();
  return gt_retain(&gt_ascii_strs[c & 127]);
}

gt_str *gt_str_alloc(int64_t len, char **bytes) {
  gt_str_heap *h = gt_alloc(sizeof(gt_str_heap) + (size_t)len + 1, &gt_str_class);
  h->s.len = len;
  h->s.data = h->bytes;
  h->ncp = -1;
  h->bytes[len] = '\0';
  *bytes = h->bytes;
  return &h->s;
}

gt_str *gt_str_new(const char *bytes, int64_t len) {
  if (len == 0) return gt_str_empty();
  if (len == 1 && (unsigned char)bytes[0] < 128) return gt_str_ascii_char((unsigned char)bytes[0]);
  char *p;
  gt_str *s = gt_str_alloc(len, &p);
  memcpy(p, bytes, (size_t)len);
  return s;
}

gt_str *gt_str_from_cstr(const char *s) { return gt_str_new(s, (int64_t)strlen(s)); }

gt_str *gt_str_build(int64_t n, gt_str *const *parts) {
  int64_t len = 0;
  for (int64_t i = 0; i < n; i++) len += parts[i]->len;
  if (n == 1) return gt_retain(parts[0]);
  char *p;
  gt_str *s = gt_str_alloc(len, &p);
  for (int64_t i = 0; i < n; i++) {
    memcpy(p, parts[i]->data, (size_t)parts[i]->len);
    p += parts[i]->len;
  }
  return s;
}

/* ---- UTF-8 ------------------------------------------------------------- */

int64_t gt_utf8_count(const char *s, int64_t n) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; i++) count += !gt_utf8_is_cont((unsigned char)s[i]);
  return count;
}

int64_t gt_utf8_offset(const char *s, int64_t n, int64_t cp) {
  int64_t i = 0;
  while (cp > 0 && i < n) {
    i++;
    while (i < n && gt_utf8_is_cont((unsigned char)s[i])) i++;
    cp--;
  }
  return i;
}

uint32_t gt_utf8_decode(const char *s, int64_t n, int64_t *pos) {
  const unsigned char *u = (const unsigned char *)s;
  int64_t i = *pos;
  uint32_t c = u[i];
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  *pos = i + 1;
  if (extra == 0 || i + extra >= n) return c;   /* ASCII, or truncated: the byte itself */
  uint32_t cp = c & (0x3Fu >> extra);
  for (int k = 1; k <= extra; k++) {
    if (!gt_utf8_is_cont(u[i + k])) return c;
    cp = (cp << 6) | (u[i + k] & 0x3Fu);
  }
  *pos = i + 1 + extra;
  return cp;
}

int gt_utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Python's whitespace: Unicode's White_Space plus the ASCII separators
 * 0x1C..0x1F (bidirectional class B or S). */
bool gt_unicode_isspace(uint32_t cp) {
  if (cp < 128) return (cp >= 9 && cp <= 13) || (cp >= 0x1C && cp <= 0x20);
  switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool gt_str_is_ascii(const gt_str *s) {
  for (int64_t i = 0; i < s->len; i++)
    if ((unsigned char)s->data[i] >= 0x80) return false;
  return true;
}

/* ---- length, indexing, slicing ------------------------------------------ */

static bool gt_str_has_cache(const gt_str *s) {
  return s->h.rc != GT_IMMORTAL && s->data == ((const gt_str_heap *)s)->bytes;
}

int64_t gt_str_len(const gt_str *s) {
  if (!gt_str_has_cache(s)) return gt_utf8_count(s->data, s->len);
  gt_str_heap *h = (gt_str_heap *)s;   /* the cache is not part of the value */
  if (h->ncp < 0) h->ncp = gt_utf8_count(s->data, s->len);
  return h->ncp;
}

gt_str *gt_str_getitem(const gt_str *s, int64_t i) {
  int64_t n = gt_str_len(s);
  if (i < 0) i += n;
  if (i < 0 || i >= n) gt_fail("IndexError: string index out of range");
  if (n == s->len) return gt_str_ascii_char((unsigned char)s->data[i]);
  int64_t off = gt_utf8_offset(s->data, s->len, i);
  int64_t end = off;
  gt_utf8_decode(s->data, s->len, &end);
  return gt_str_new(s->data + off, end - off);
}

/* Byte offsets of every code point of s, plus one for the end. */
static int64_t *gt_str_offsets(const gt_str *s, int64_t n) {
  int64_t *offs = gt_xmalloc(sizeof(int64_t) * (size_t)(n + 1));
  int64_t pos = 0;
  for (int64_t k = 0; k < n; k++) {
    offs[k] = pos;
    gt_utf8_decode(s->data, s->len, &pos);
  }
  offs[n] = s->len;
  return offs;
}

gt_str *gt_str_slice(const gt_str *s, int64_t lo, int64_t hi, int64_t step) {
  int64_t n = gt_str_len(s);
  int64_t count = gt_slice_adjust(n, &lo, &hi, &step);
  if (count <= 0) return gt_str_empty();
  bool ascii = n == s->len;
  if (step == 1) {
    if (ascii) return gt_str_new(s->data + lo, count);
    int64_t a = gt_utf8_offset(s->data, s->len, lo);
    int64_t b = a + gt_utf8_offset(s->data + a, s->len - a, count);
    return gt_str_new(s->data + a, b - a);
  }
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (ascii) {
    for (int64_t k = 0, i = lo; k < count; k++, i += step) gt_sbuf_putc(&b, s->data[i]);
  } else {
    int64_t *offs = gt_str_offsets(s, n);
    for (int64_t k = 0, i = lo; k < count; k++, i += step)
      gt_sbuf_put(&b, s->data + offs[i], (size_t)(offs[i + 1] - offs[i]));
    free(offs);
  }
  return gt_sbuf_finish(&b);
}

/* ---- operators ------------------------------------------------------------ */

gt_str *gt_str_concat(const gt_str *a, const gt_str *b) {
  if (a->len == 0) return gt_retain((gt_str *)b);
  if (b->len == 0) return gt_retain((gt_str *)a);
  char *p;
  gt_str *s = gt_str_alloc(a->len + b->len, &p);
  memcpy(p, a->data, (size_t)a->len);
  memcpy(p + a->len, b->data, (size_t)b->len);
  return s;
}

gt_str *gt_str_repeat(const gt_str *s, int64_t n) {
  if (n <= 0 || s->len == 0) return gt_str_empty();
  if (n == 1) return gt_retain((gt_str *)s);
  int64_t total;
  if (__builtin_mul_overflow(s->len, n, &total) || total > ((int64_t)1 << 48))
    gt_fail("OverflowError: repeated string is too long");
  char *p;
  gt_str *r = gt_str_alloc(total, &p);
  for (int64_t i = 0; i < n; i++, p += s->len) memcpy(p, s->data, (size_t)s->len);
  return r;
}

bool gt_str_eq(const gt_str *a, const gt_str *b) {
  return a == b || (a->len == b->len && memcmp(a->data, b->data, (size_t)a->len) == 0);
}

/* UTF-8 byte order is code point order. */
int gt_str_cmp(const gt_str *a, const gt_str *b) {
  int64_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->data, b->data, (size_t)n);
  if (c) return c < 0 ? -1 : 1;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* Byte offset of sub in s at or after byte `from`, or -1. */
static int64_t gt_str_search(const gt_str *s, const gt_str *sub, int64_t from) {
  if (sub->len == 0) return from <= s->len ? from : -1;
  const char *p = memmem(s->data + from, (size_t)(s->len - from), sub->data, (size_t)sub->len);
  return p ? p - s->data : -1;
}

bool gt_str_contains(const gt_str *s, const gt_str *sub) { return gt_str_search(s, sub, 0) >= 0; }

uint64_t gt_str_hash(const gt_str *s) {
  /* FNV-1a: simple, and good enough for dict keys of program text. */
  uint64_t h = 1469598103934665603ull;
  for (int64_t i = 0; i < s->len; i++) {
    h ^= (unsigned char)s->data[i];
    h *= 1099511628211ull;
  }
  return h;
}

/* ---- methods ------------------------------------------------------------ */

static void gt_list_push_str(gt_list *l, const char *p, int64_t n) {
  gt_str *piece = gt_str_new(p, n);
  gt_list_append(l, (gt_val){.p = piece});
  gt_release(piece);
}

static bool gt_space_at(const gt_str *s, int64_t pos, int64_t *next) {
  int64_t p = pos;
  uint32_t cp = gt_utf8_decode(s->data, s->len, &p);
  *next = p;
  return gt_unicode_isspace(cp);
}

/* CPython's split_whitespace. */
static gt_list *gt_str_split_ws(const gt_str *s, int64_t maxsplit) {
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t i = 0, n = s->len, next;
  while (maxsplit-- > 0) {
    while (i < n && gt_space_at(s, i, &next)) i = next;
    if (i == n) break;
    int64_t j = i;
    gt_space_at(s, i, &i);
    while (i < n && !gt_space_at(s, i, &next)) i = next;
    gt_list_push_str(l, s->data + j, i - j);
  }
  if (i < n) {
    /* maxsplit was reached: the rest, less leading whitespace, is one piece */
    while (i < n && gt_space_at(s, i, &next)) i = next;
    if (i != n) gt_list_push_str(l, s->data + i, n - i);
  }
  return l;
}

gt_list *gt_str_split(const gt_str *s, const gt_str *sep, int64_t maxsplit) {
  if (maxsplit < 0) maxsplit = INT64_MAX;
  if (!sep) return gt_str_split_ws(s, maxsplit);
  if (sep->len == 0) gt_fail("ValueError: empty separator");
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t i = 0, j;
  while (maxsplit-- > 0 && (j = gt_str_search(s, sep, i)) >= 0) {
    gt_list_push_str(l, s->data + i, j - i);
    i = j + sep->len;
  }
  gt_list_push_str(l, s->data + i, s->len - i);
  return l;
}

/* sep.join of n strs (a list's or a tuple's items) */
static gt_str *gt_str_join_items(const gt_str *sep, const gt_val *items, int64_t n) {
  if (n == 1) return gt_retain(items[0].p);
  int64_t total = 0;
  for (int64_t i = 0; i < n; i++) total += ((gt_str *)items[i].p)->len;
  if (n > 1) total += sep->len * (n - 1);
  if (total == 0) return gt_str_empty();
  char *p;
  gt_str *r = gt_str_alloc(total, &p);
  for (int64_t i = 0; i < n; i++) {
    const gt_str *part = items[i].p;
    if (i > 0) {
      memcpy(p, sep->data, (size_t)sep->len);
      p += sep->len;
    }
    memcpy(p, part->data, (size_t)part->len);
    p += part->len;
  }
  return r;
}

gt_str *gt_str_join(const gt_str *sep, const gt_list *parts) { return gt_str_join_items(sep, parts->items, parts->len); }

gt_str *gt_str_join_tuple(const gt_str *sep, const gt_tuple *parts) {
  return gt_str_join_items(sep, parts->items, parts->len);
}

/* Is cp one of the characters to strip (whitespace when chars is NULL)? */
static bool gt_strip_match(uint32_t cp, const gt_str *chars) {
  if (!chars) return gt_unicode_isspace(cp);
  for (int64_t p = 0; p < chars->len;)
    if (gt_utf8_decode(chars->data, chars->len, &p) == cp) return true;
  return false;
}

/* Start of the code point that ends just before byte `end`. */
static int64_t gt_utf8_prev(const char *s, int64_t end) {
  int64_t i = end - 1;
  while (i > 0 && gt_utf8_is_cont((unsigned char)s[i])) i--;
  return i;
}

static gt_str *gt_str_strip_sides(const gt_str *s, const gt_str *chars, bool left, bool right) {
  int64_t lo = 0, hi = s->len;
  if (left) {
    while (lo < hi) {
      int64_t next = lo;
      if (!gt_strip_match(gt_utf8_decode(s->data, s->len, &next), chars)) break;
      lo = next;
    }
  }
  if (right) {
    while (hi > lo) {
      int64_t start = gt_utf8_prev(s->data, hi), p = start;
      if (!gt_strip_match(gt_utf8_decode(s->data, s->len, &p), chars)) break;
      hi = start;
    }
  }
  if (lo == 0 && hi == s->len) return gt_retain((gt_str *)s);
  return gt_str_new(s->data + lo, hi - lo);
}

gt_str *gt_str_strip(const gt_str *s, const gt_str *chars) { return gt_str_strip_sides(s, chars, true, true); }
gt_str *gt_str_lstrip(const gt_str *s, const gt_str *chars) { return gt_str_strip_sides(s, chars, true, false); }
gt_str *gt_str_rstrip(const gt_str *s, const gt_str *chars) { return gt_str_strip_sides(s, chars, false, true); }

bool gt_str_startswith(const gt_str *s, const gt_str *prefix) {
  return prefix->len <= s->len && memcmp(s->data, prefix->data, (size_t)prefix->len) == 0;
}

bool gt_str_endswith(const gt_str *s, const gt_str *suffix) {
  return suffix->len <= s->len &&
         memcmp(s->data + s->len - suffix->len, suffix->data, (size_t)suffix->len) == 0;
}

/* s.startswith(("a", "b")): any item of a tuple of strs */
bool gt_str_startswith_tuple(const gt_str *s, const gt_tuple *prefixes) {
  for (int64_t i = 0; i < prefixes->len; i++)
    if (gt_str_startswith(s, prefixes->items[i].p)) return true;
  return false;
}

bool gt_str_endswith_tuple(const gt_str *s, const gt_tuple *suffixes) {
  for (int64_t i = 0; i < suffixes->len; i++)
    if (gt_str_endswith(s, suffixes->items[i].p)) return true;
  return false;
}

int64_t gt_str_find(const gt_str *s, const gt_str *sub) {
  int64_t off = gt_str_search(s, sub, 0);
  return off < 0 ? -1 : gt_utf8_count(s->data, off);
}

/* Byte offset of the last sub in s that ends at or before byte `end`, or -1. */
static int64_t gt_str_rsearch(const gt_str *s, const gt_str *sub, int64_t end) {
  for (int64_t i = end - sub->len; i >= 0; i--)
    if (memcmp(s->data + i, sub->data, (size_t)sub->len) == 0) return i;
  return -1;
}

int64_t gt_str_rfind(const gt_str *s, const gt_str *sub) {
  int64_t off = gt_str_rsearch(s, sub, s->len);
  return off < 0 ? -1 : gt_utf8_count(s->data, off);
}

int64_t gt_str_index(const gt_str *s, const gt_str *sub) {
  int64_t i = gt_str_find(s, sub);
  if (i < 0) gt_fail("ValueError: substring not found");
  return i;
}

int64_t gt_str_rindex(const gt_str *s, const gt_str *sub) {
  int64_t i = gt_str_rfind(s, sub);
  if (i < 0) gt_fail("ValueError: substring not found");
  return i;
}

/* ---- find, count, startswith ... of s[start:end] --------------------------
 * start and end are code-point indices as a slice's (negative from the
 * end, clamped; end GT_NONE_INT: to the end). CPython finds nothing, not
 * even "", where start is past the end of s or past end; else a search
 * of the slice, its index counted in s. */

/* The slice as a view into s's bytes (no copy: the searches read len and
 * data only), and its first code point's index in s; false where start
 * passes the end of s or end. */
static bool gt_str_span(const gt_str *s, int64_t start, int64_t end, gt_str *view, int64_t *first) {
  int64_t n = gt_str_len(s);
  if (end == GT_NONE_INT || end > n) end = n;
  if (end < 0 && (end += n) < 0) end = 0;
  if (start < 0 && (start += n) < 0) start = 0;
  if (start > n || end < start) return false;
  int64_t lo = gt_utf8_offset(s->data, s->len, start), hi = gt_utf8_offset(s->data, s->len, end);
  /* immortal, as a literal: never released, and no length cache behind it */
  *view = (gt_str){.h = {.rc = GT_IMMORTAL, .cls = &gt_str_class}, .len = hi - lo, .data = s->data + lo};
  *first = start;
  return true;
}

/* f(s[start:end], sub), its index (where not -1) counted in s. */
static int64_t gt_str_found_in(int64_t (*f)(const gt_str *, const gt_str *), const gt_str *s, const gt_str *sub,
                               int64_t start, int64_t end) {
  gt_str part;
  int64_t first;
  if (!gt_str_span(s, start, end, &part, &first)) return -1;
  int64_t i = f(&part, sub);
  return i < 0 ? -1 : first + i;
}

int64_t gt_str_find_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end) {
  return gt_str_found_in(gt_str_find, s, sub, start, end);
}

int64_t gt_str_rfind_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end) {
  return gt_str_found_in(gt_str_rfind, s, sub, start, end);
}

int64_t gt_str_index_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end) {
  int64_t i = gt_str_find_in(s, sub, start, end);
  if (i < 0) gt_fail("ValueError: substring not found");
  return i;
}

int64_t gt_str_rindex_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end) {
  int64_t i = gt_str_rfind_in(s, sub, start, end);
  if (i < 0) gt_fail("ValueError: substring not found");
  return i;
}

int64_t gt_str_count_in(const gt_str *s, const gt_str *sub, int64_t start, int64_t end) {
  gt_str part;
  int64_t first;
  return gt_str_span(s, start, end, &part, &first) ? gt_str_count(&part, sub) : 0;
}

/* startswith/endswith of s[start:end] (of any of a tuple of strs). */
static bool gt_str_affix_in(bool (*f)(const gt_str *, const gt_str *), const gt_str *s, const gt_tuple *affixes,
                            const gt_str *affix, int64_t start, int64_t end) {
  gt_str part;
  int64_t first;
  if (!gt_str_span(s, start, end, &part, &first)) return false;
  for (int64_t i = 0; affixes ? i < affixes->len : i < 1; i++)
    if (f(&part, affixes ? affixes->items[i].p : affix)) return true;
  return false;
}

bool gt_str_startswith_in(const gt_str *s, const gt_str *prefix, int64_t start, int64_t end) {
  return gt_str_affix_in(gt_str_startswith, s, NULL, prefix, start, end);
}

bool gt_str_endswith_in(const gt_str *s, const gt_str *suffix, int64_t start, int64_t end) {
  return gt_str_affix_in(gt_str_endswith, s, NULL, suffix, start, end);
}

bool gt_str_startswith_in_tuple(const gt_str *s, const gt_tuple *prefixes, int64_t start, int64_t end) {
  return gt_str_affix_in(gt_str_startswith, s, prefixes, NULL, start, end);
}

bool gt_str_endswith_in_tuple(const gt_str *s, const gt_tuple *suffixes, int64_t start, int64_t end) {
  return gt_str_affix_in(gt_str_endswith, s, suffixes, NULL, start, end);
}

/* The list's items in the other order (rsplit finds them from the end). */
static gt_list *gt_list_reversed_in_place(gt_list *l) {
  for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
    gt_val t = l->items[i];
    l->items[i] = l->items[j];
    l->items[j] = t;
  }
  return l;
}

/* CPython's rsplit_whitespace. */
static gt_list *gt_str_rsplit_ws(const gt_str *s, int64_t maxsplit) {
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t i = s->len;
  while (maxsplit-- > 0) {
    while (i > 0 && gt_space_at(s, gt_utf8_prev(s->data, i), &(int64_t){0})) i = gt_utf8_prev(s->data, i);
    if (i == 0) break;
    int64_t j = i;
    while (i > 0 && !gt_space_at(s, gt_utf8_prev(s->data, i), &(int64_t){0})) i = gt_utf8_prev(s->data, i);
    gt_list_push_str(l, s->data + i, j - i);
  }
  if (i > 0) {  /* maxsplit was reached: the rest, less trailing whitespace, is one piece */
    while (i > 0 && gt_space_at(s, gt_utf8_prev(s->data, i), &(int64_t){0})) i = gt_utf8_prev(s->data, i);
    if (i > 0) gt_list_push_str(l, s->data, i);
  }
  return gt_list_reversed_in_place(l);
}

gt_list *gt_str_rsplit(const gt_str *s, const gt_str *sep, int64_t maxsplit) {
  if (maxsplit < 0) maxsplit = INT64_MAX;
  if (!sep) return gt_str_rsplit_ws(s, maxsplit);
  if (sep->len == 0) gt_fail("ValueError: empty separator");
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t end = s->len, j;
  while (maxsplit-- > 0 && (j = gt_str_rsearch(s, sep, end)) >= 0) {
    gt_list_push_str(l, s->data + j + sep->len, end - j - sep->len);
    end = j;
  }
  gt_list_push_str(l, s->data, end);
  return gt_list_reversed_in_place(l);
}

/* (before, sep, after) of the first sep (last, for rpartition), as a
 * tuple of type t; not found: (s, "", "") ("", "", s). */
static gt_tuple *gt_str_parts(const gt_type *t, const gt_str *s, const gt_str *sep, bool last) {
  if (sep->len == 0) gt_fail("ValueError: empty separator");
  int64_t j = last ? gt_str_rsearch(s, sep, s->len) : gt_str_search(s, sep, 0);
  gt_str *empty = gt_str_empty();
  gt_str *a = j >= 0 ? gt_str_new(s->data, j) : last ? gt_retain(empty) : gt_retain((gt_str *)s);
  gt_str *m = j >= 0 ? gt_retain((gt_str *)sep) : gt_retain(empty);
  gt_str *b = j >= 0 ? gt_str_new(s->data + j + sep->len, s->len - j - sep->len) : last ? gt_retain((gt_str *)s)
                                                                                         : gt_retain(empty);
  gt_tuple *r = gt_tuple_of(t, (gt_val){.p = a}, (gt_val){.p = m}, (gt_val){.p = b});
  gt_release(a);
  gt_release(m);
  gt_release(b);
  gt_release(empty);
  return r;
}

gt_tuple *gt_str_partition(const gt_str *s, const gt_str *sep, const gt_type *t) { return gt_str_parts(t, s, sep, false); }
gt_tuple *gt_str_rpartition(const gt_str *s, const gt_str *sep, const gt_type *t) { return gt_str_parts(t, s, sep, true); }

gt_str *gt_str_removeprefix(const gt_str *s, const gt_str *prefix) {
  if (prefix->len && gt_str_startswith(s, prefix)) return gt_str_new(s->data + prefix->len, s->len - prefix->len);
  return gt_retain((gt_str *)s);
}

gt_str *gt_str_removesuffix(const gt_str *s, const gt_str *suffix) {
  if (suffix->len && gt_str_endswith(s, suffix)) return gt_str_new(s->data, s->len - suffix->len);
  return gt_retain((gt_str *)s);
}

int64_t gt_str_count(const gt_str *s, const gt_str *sub) {
  if (sub->len == 0) return gt_str_len(s) + 1;
  int64_t count = 0, i = 0, j;
  while ((j = gt_str_search(s, sub, i)) >= 0) {
    count++;
    i = j + sub->len;
  }
  return count;
}

gt_str *gt_str_replace(const gt_str *s, const gt_str *old, const gt_str *new_, int64_t count) {
  if (count < 0) count = INT64_MAX;
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (old->len == 0) {
    /* an empty pattern matches before every character and at the end */
    int64_t i = 0;
    while (count > 0) {
      gt_sbuf_put_str(&b, new_);
      count--;
      if (i >= s->len) break;
      int64_t next = i;
      gt_utf8_decode(s->data, s->len, &next);
      gt_sbuf_put(&b, s->data + i, (size_t)(next - i));
      i = next;
    }
    gt_sbuf_put(&b, s->data + i, (size_t)(s->len - i));
    return gt_sbuf_finish(&b);
  }
  int64_t i = 0, j;
  while (count-- > 0 && (j = gt_str_search(s, old, i)) >= 0) {
    gt_sbuf_put(&b, s->data + i, (size_t)(j - i));
    gt_sbuf_put_str(&b, new_);
    i = j + old->len;
  }
  if (i == 0) {
    gt_sbuf_free(&b);
    return gt_retain((gt_str *)s);
  }
  gt_sbuf_put(&b, s->data + i, (size_t)(s->len - i));
  return gt_sbuf_finish(&b);
}

/* upper(), lower(), title(), capitalize(), swapcase() and the is*()
 * predicates are in unicode.c. */

gt_str *gt_str_zfill(const gt_str *s, int64_t width) {
  int64_t fill = width - gt_str_len(s);
  if (fill <= 0) return gt_retain((gt_str *)s);
  char *p;
  gt_str *r = gt_str_alloc(s->len + fill, &p);
  memset(p, '0', (size_t)fill);
  memcpy(p + fill, s->data, (size_t)s->len);
  /* a sign stays in front of the zeros */
  if (s->len > 0 && (s->data[0] == '+' || s->data[0] == '-')) {
    p[0] = s->data[0];
    p[fill] = '0';
  }
  return r;
}

/* s with `left` fill characters before it and `right` after; fillchar
 * NULL is a space, else exactly one character (CPython's TypeError). */
static gt_str *gt_str_pad(const gt_str *s, int64_t left, int64_t right, const gt_str *fillchar) {
  if (fillchar && gt_str_len(fillchar) != 1) gt_fail("TypeError: The fill character must be exactly one character long");
  if (left <= 0 && right <= 0) return gt_retain((gt_str *)s);
  const char *f = fillchar ? fillchar->data : " ";
  int64_t flen = fillchar ? fillchar->len : 1;
  char *p;
  gt_str *r = gt_str_alloc(s->len + (left + right) * flen, &p);
  for (int64_t i = 0; i < left; i++, p += flen) memcpy(p, f, (size_t)flen);
  memcpy(p, s->data, (size_t)s->len);
  p += s->len;
  for (int64_t i = 0; i < right; i++, p += flen) memcpy(p, f, (size_t)flen);
  return r;
}

/* CPython's split of the margin: the odd one goes left where width is odd. */
gt_str *gt_str_center(const gt_str *s, int64_t width, const gt_str *fillchar) {
  int64_t marg = width - gt_str_len(s);
  int64_t left = marg > 0 ? marg / 2 + (marg & width & 1) : 0;
  return gt_str_pad(s, left, marg > 0 ? marg - left : 0, fillchar);
}

gt_str *gt_str_ljust(const gt_str *s, int64_t width, const gt_str *fillchar) {
  return gt_str_pad(s, 0, width - gt_str_len(s), fillchar);
}

gt_str *gt_str_rjust(const gt_str *s, int64_t width, const gt_str *fillchar) {
  return gt_str_pad(s, width - gt_str_len(s), 0, fillchar);
}

gt_list *gt_list_of_str(const gt_str *s) {
  gt_list *l = gt_list_new(&gt_t_list_str, gt_str_len(s));
  for (int64_t i = 0, next; i < s->len; i = next) {
    next = i;
    gt_utf8_decode(s->data, s->len, &next);
    gt_list_push_str(l, s->data + i, next - i);
  }
  return l;
}

gt_str *gt_chr(int64_t cp) {
  if (cp < 0 || cp > 0x10FFFF) gt_fail("ValueError: chr() arg not in range(0x110000)");
  char buf[4];
  return gt_str_new(buf, gt_utf8_encode((uint32_t)cp, buf));
}

int64_t gt_ord(const gt_str *s) {
  int64_t n = gt_str_len(s);
  if (n != 1) gt_fail("TypeError: ord() expected a character, but string of length %lld found", (long long)n);
  int64_t pos = 0;
  return gt_utf8_decode(s->data, s->len, &pos);
}

/* The length of the line break at s[i], or 0: Python's str.splitlines
 * boundaries, in UTF-8. */
static int64_t gt_line_break(const gt_str *s, int64_t i) {
  const unsigned char *p = (const unsigned char *)s->data + i;
  int64_t left = s->len - i;
  if (p[0] == '\r') return left > 1 && p[1] == '\n' ? 2 : 1;
  if (p[0] == '\n' || p[0] == '\v' || p[0] == '\f' || (p[0] >= 0x1c && p[0] <= 0x1e)) return 1;
  if (left > 1 && p[0] == 0xC2 && p[1] == 0x85) return 2;
  if (left > 2 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) return 3;
  return 0;
}

gt_list *gt_str_splitlines(const gt_str *s, bool keepends) {
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t start = 0;
  for (int64_t i = 0; i < s->len;) {
    int64_t brk = gt_line_break(s, i);
    if (!brk) {
      i++;
      continue;
    }
    gt_list_push_str(l, s->data + start, (keepends ? i + brk : i) - start);
    start = i += brk;
  }
  if (start < s->len) gt_list_push_str(l, s->data + start, s->len - start);
  return l;
}

/* strconv.c - conversions between str and int, float, bool; repr of str. */
#include "core_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static gt_str gt_true_str = {{GT_IMMORTAL, &gt_str_class}, 4, "True"};
static gt_str gt_false_str = {{GT_IMMORTAL, &gt_str_class}, 5, "False"};

gt_str *gt_str_of_bool(bool x) { return gt_retain(x ? &gt_true_str : &gt_false_str); }

gt_str *gt_str_of_int(int64_t x) {
  if (x >= 0 && x < 10) return gt_str_ascii_char((unsigned char)('0' + x));
  char buf[24];
  int n = snprintf(buf, sizeof buf, "%lld", (long long)x);
  return gt_str_new(buf, n);
}

/* ---- repr of str ---------------------------------------------------------- */

/* Characters CPython's repr escapes although they are not ASCII: the C1
 * controls, the non-space separators and format characters, private use.
 * (An approximation of Py_UNICODE_ISPRINTABLE that covers what text
 * usually holds; unassigned code points print as themselves.) */
static bool gt_unicode_printable(uint32_t cp) {
  if (cp < 0xA1) return false;             /* 0x80..0xA0 */
  switch (cp) {
    case 0xAD: case 0x61C: case 0x1680: case 0x180E: case 0x3000: case 0xFEFF:
      return false;
    default: break;
  }
  if (cp >= 0x2000 && cp <= 0x200F) return false;
  if (cp >= 0x2028 && cp <= 0x202F) return false;
  if (cp >= 0x205F && cp <= 0x206F) return false;
  if (cp >= 0xD800 && cp <= 0xF8FF) return false;   /* surrogates, private use */
  if (cp >= 0xFFF9 && cp <= 0xFFFB) return false;
  if (cp == 0xFFFE || cp == 0xFFFF) return false;
  if (cp >= 0xE0000) return false;                  /* tags, private use planes */
  return true;
}

static void gt_repr_to(gt_sbuf *b, const gt_str *s) {
  bool has_single = memchr(s->data, '\'', (size_t)s->len) != NULL;
  bool has_double = memchr(s->data, '"', (size_t)s->len) != NULL;
  char quote = has_single && !has_double ? '"' : '\'';
  gt_sbuf_putc(b, quote);
  for (int64_t i = 0; i < s->len;) {
    int64_t start = i;
    uint32_t cp = gt_utf8_decode(s->data, s->len, &i);
    if (cp == (uint32_t)quote || cp == '\\') {
      gt_sbuf_putc(b, '\\');
      gt_sbuf_putc(b, (char)cp);
    } else if (cp == '\t') {
      gt_sbuf_puts(b, "\\t");
    } else if (cp == '\n') {
      gt_sbuf_puts(b, "\\n");
    } else if (cp == '\r') {
      gt_sbuf_puts(b, "\\r");
    } else if (cp < ' ' || cp == 0x7F) {
      gt_sbuf_printf(b, "\\x%02x", cp);
    } else if (cp < 0x7F) {
      gt_sbuf_putc(b, (char)cp);
    } else if (i - start == 1) {
      gt_sbuf_printf(b, "\\x%02x", cp);          /* a byte that is not UTF-8 */
    } else if (gt_unicode_printable(cp)) {
      gt_sbuf_put(b, s->data + start, (size_t)(i - start));
    } else if (cp <= 0xFF) {
      gt_sbuf_printf(b, "\\x%02x", cp);
    } else if (cp <= 0xFFFF) {
      gt_sbuf_printf(b, "\\u%04x", cp);
    } else {
      gt_sbuf_printf(b, "\\U%08x", cp);
    }
  }
  gt_sbuf_putc(b, quote);
}

gt_str *gt_str_repr(const gt_str *s) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_repr_to(&b, s);
  return gt_sbuf_finish(&b);
}

void gt_str_repr_to(gt_sbuf *b, const gt_str *s) { gt_repr_to(b, s); }

/* ---- parsing ---------------------------------------------------------------- */

/* The text of s without surrounding whitespace, as [*lo, *hi). */
static void gt_trim_bounds(const gt_str *s, int64_t *lo, int64_t *hi) {
  int64_t a = 0, z = s->len;
  while (a < z) {
    int64_t next = a;
    if (!gt_unicode_isspace(gt_utf8_decode(s->data, s->len, &next))) break;
    a = next;
  }
  while (z > a) {
    int64_t start = z - 1;
    while (start > a && gt_utf8_is_cont((unsigned char)s->data[start])) start--;
    int64_t p = start;
    if (!gt_unicode_isspace(gt_utf8_decode(s->data, s->len, &p))) break;
    z = start;
  }
  *lo = a;
  *hi = z;
}

/* repr(s) cut to `maxcp` code points, as CPython's "%.200R". */
static void gt_repr_truncated(gt_sbuf *out, const gt_str *s, int64_t maxcp) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_repr_to(&b, s);
  int64_t cut = gt_utf8_offset(b.data, (int64_t)b.len, maxcp);
  gt_sbuf_put(out, b.data, (size_t)cut);
  gt_sbuf_free(&b);
}

static _Noreturn void gt_fail_with_repr(const char *prefix, const gt_str *s, int64_t maxcp) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, prefix);
  gt_repr_truncated(&b, s, maxcp);
  gt_fail_repr("%s", gt_sbuf_finish_cstr(&b));  /* a handler may catch it: nothing kept */
}

/* Copies the digits of [p, end) into out without underscores; an underscore
 * must sit between two digits. Returns the number of digits, -1 if invalid. */
static int64_t gt_digits_with_underscores(const char *p, const char *end, gt_sbuf *out) {
  int64_t n = 0;
  for (const char *q = p; q < end; q++) {
    if (*q >= '0' && *q <= '9') {
      gt_sbuf_putc(out, *q);
      n++;
    } else if (*q == '_' && q > p && q + 1 < end && q[-1] >= '0' && q[-1] <= '9' && q[1] >= '0' && q[1] <= '9') {
      continue;
    } else {
      return -1;
    }
  }
  return n;
}

/* A digit's value in bases up to 36 (0-9, then a-z or A-Z), else 36. */
static int gt_digit_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'Z') return ch - 'A' + 10;
  return 36;
}

/* The base a "0x", "0o" or "0b" prefix at p names, or 0. */
static int gt_prefix_base(const char *p, const char *end) {
  if (end - p < 3 || p[0] != '0') return 0;
  char x = (char)(p[1] | 0x20);
  return x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
}

/* The digits of [p, end) in base b, accumulated negatively so that
 * INT64_MIN parses; an underscore must follow a digit (or the prefix) and
 * precede one. False where the text is no number of base b. */
static bool gt_accumulate_digits(const char *p, const char *end, int b, bool after_prefix, int64_t *neg_value,
                                 bool *overflow) {
  int64_t v = 0;
  bool digit_before = after_prefix;
  if (p == end) return false;
  for (const char *q = p; q < end; q++) {
    if (*q == '_') {
      if (!digit_before || q + 1 == end || gt_digit_value(q[1]) >= b) return false;
      digit_before = false;
      continue;
    }
    int d = gt_digit_value(*q);
    if (d >= b) return false;
    digit_before = true;
    *overflow = *overflow || __builtin_mul_overflow(v, b, &v) || __builtin_sub_overflow(v, d, &v);
  }
  *neg_value = v;
  return true;
}

/* int(s, base) as CPython: base 2-36 (a "0x"/"0o"/"0b" prefix allowed where
 * it names the base), or 0 (the prefix decides; decimal without one, where
 * a leading zero is allowed only for zero itself). */
int64_t gt_int_of_str_base(const gt_str *s, int64_t base) {
  if (base != 0 && (base < 2 || base > 36)) gt_fail("ValueError: int() base must be >= 2 and <= 36, or 0");
  int64_t lo, hi;
  gt_trim_bounds(s, &lo, &hi);
  const char *p = s->data + lo, *end = s->data + hi;
  bool neg = false;
  if (p < end && (*p == '+' || *p == '-')) neg = *p++ == '-';
  int b = (int)base, named = gt_prefix_base(p, end);
  bool prefixed = named && (b == 0 || b == named);
  if (prefixed) {
    b = named;
    p += 2;
  } else if (b == 0) {
    b = 10;
  }
  int64_t v = 0;
  bool overflow = false;
  bool ok = gt_accumulate_digits(p, end, b, prefixed, &v, &overflow);
  if (ok && base == 0 && !prefixed && v != 0 && *p == '0') ok = false;  /* "010": no octal without 0o */
  if (!ok) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "ValueError: invalid literal for int() with base %d: ", (int)base);
    gt_fail_with_repr(prefix, s, 200);
  }
  if (!overflow && !neg) overflow = __builtin_mul_overflow(v, -1, &v);
  if (overflow) gt_fail("OverflowError: integer overflow in int()");
  return v;
}

int64_t gt_int_of_str(const gt_str *s) { return gt_int_of_str_base(s, 10); }

/* hex(), oct(), bin(): the sign, the prefix, then the magnitude's digits
 * (INT64_MIN's magnitude taken unsigned). */
static gt_str *gt_int_in_base(int64_t v, unsigned base, char letter) {
  char buf[72], *q = buf + sizeof buf;
  uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do {
    *--q = "0123456789abcdef"[m % base];
    m /= base;
  } while (m);
  *--q = letter;
  *--q = '0';
  if (v < 0) *--q = '-';
  return gt_str_new(q, (int64_t)(buf + sizeof buf - q));
}

gt_str *gt_hex(int64_t v) { return gt_int_in_base(v, 16, 'x'); }
gt_str *gt_oct(int64_t v) { return gt_int_in_base(v, 8, 'o'); }
gt_str *gt_bin(int64_t v) { return gt_int_in_base(v, 2, 'b'); }

static bool gt_ascii_ieq(const char *p, const char *end, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(end - p) != n) return false;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

/* Python's float syntax: digits with single underscores between digits, an
 * optional fraction and exponent; or inf, infinity, nan. Writes the number
 * without underscores into out. Hex floats (which strtod takes) are not
 * Python's. */
static bool gt_parse_float_text(const char *p, const char *end, gt_sbuf *out) {
  if (p < end && (*p == '+' || *p == '-')) gt_sbuf_putc(out, *p++);
  if (gt_ascii_ieq(p, end, "inf") || gt_ascii_ieq(p, end, "infinity") || gt_ascii_ieq(p, end, "nan")) {
    gt_sbuf_put(out, p, (size_t)(end - p));
    return true;
  }
  const char *q = p;
  while (q < end && ((*q >= '0' && *q <= '9') || *q == '_')) q++;
  int64_t nint = gt_digits_with_underscores(p, q, out);
  if (nint < 0) return false;
  int64_t nfrac = 0;
  if (q < end && *q == '.') {
    gt_sbuf_putc(out, '.');
    const char *f = ++q;
    while (q < end && ((*q >= '0' && *q <= '9') || *q == '_')) q++;
    nfrac = gt_digits_with_underscores(f, q, out);
    if (nfrac < 0) return false;
  }
  if (nint + nfrac == 0) return false;
  if (q < end && (*q == 'e' || *q == 'E')) {
    gt_sbuf_putc(out, 'e');
    q++;
    if (q < end && (*q == '+' || *q == '-')) gt_sbuf_putc(out, *q++);
    const char *e = q;
    while (q < end && ((*q >= '0' && *q <= '9') || *q == '_')) q++;
    if (gt_digits_with_underscores(e, q, out) <= 0) return false;
  }
  return q == end;
}

double gt_float_of_str(const gt_str *s) {
  int64_t lo, hi;
  gt_trim_bounds(s, &lo, &hi);
  gt_sbuf text;
  gt_sbuf_init(&text);
  if (!gt_parse_float_text(s->data + lo, s->data + hi, &text)) {
    gt_sbuf_free(&text);
    gt_fail_with_repr("ValueError: could not convert string to float: ", s, INT64_MAX);
  }
  double x = strtod(gt_sbuf_cstr(&text), NULL);
  gt_sbuf_free(&text);
  return x;
}

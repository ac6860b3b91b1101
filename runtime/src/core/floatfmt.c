/* floatfmt.c - float to text as CPython does it (repr, str, format).
 *
 * CPython gets decimal digits from David Gay's dtoa and lays them out in
 * format_float_short (Python/pystrtod.c). We get the same digits from glibc:
 * its printf is exact and rounds half to even, which matches dtoa's modes 2
 * (n significant digits) and 3 (n digits after the point); the shortest
 * round-trip digits (mode 0) come from trying 1..17 significant digits with
 * strtod. The layout below follows format_float_short line by line. */
#include "core_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Decimal digits of |x|: value = 0.DIGITS * 10**decpt, trailing zeros
 * stripped; zero is "0" with decpt 1 (as dtoa). */
typedef struct gt_digits {
  char *d;       /* points into buf or a malloc'd block */
  int len;
  int decpt;
  char buf[40];
} gt_digits;

static void gt_digits_free(gt_digits *g) {
  if (g->d != g->buf) free(g->d);
}

/* Parses "D.DDDDe+XX" (from %e) into g. */
static void gt_digits_from_e(gt_digits *g, const char *s) {
  int n = 0;
  const char *p = s;
  for (; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9') g->d[n++] = *p;
  int exp = atoi(p + 1);
  while (n > 1 && g->d[n - 1] == '0') n--;
  g->d[n] = '\0';
  g->len = n;
  g->decpt = exp + 1;
  if (n == 1 && g->d[0] == '0') g->decpt = 1;
}

/* Room for `ndig` digits plus a NUL. */
static void gt_digits_reserve(gt_digits *g, int ndig) {
  g->d = ndig + 1 <= (int)sizeof g->buf ? g->buf : gt_xmalloc((size_t)ndig + 1);
}

/* Formats |x| with %.*e into a buffer big enough, returns it (malloc'd if large). */
static char *gt_print_e(double x, int prec, char *small, size_t smallsz) {
  int n = snprintf(small, smallsz, "%.*e", prec, x);
  if (n < (int)smallsz) return small;
  char *big = gt_xmalloc((size_t)n + 1);
  snprintf(big, (size_t)n + 1, "%.*e", prec, x);
  return big;
}

/* dtoa mode 2: `ndigits` significant digits, correctly rounded. */
static void gt_digits_sig(gt_digits *g, double ax, int ndigits) {
  char small[64];
  char *s = gt_print_e(ax, ndigits - 1, small, sizeof small);
  gt_digits_reserve(g, ndigits + 1);
  gt_digits_from_e(g, s);
  if (s != small) free(s);
}

/* Adds one unit in the last place of a decimal digit string (with carry);
 * returns the new decimal exponent adjustment (1 if it grew a digit). */
static int gt_digits_increment(char *d, int len) {
  int i = len - 1;
  while (i >= 0 && d[i] == '9') d[i--] = '0';
  if (i >= 0) {
    d[i]++;
    return 0;
  }
  memmove(d + 1, d, (size_t)len);
  d[0] = '1';
  return 1;
}

/* dtoa mode 0: the shortest digits that read back as ax. The correctly
 * rounded p-digit string is the best candidate of length p, except just
 * above a power of two, where the gap below is half the gap above and the
 * next p-digit string up may round-trip when the nearest does not. */
static void gt_digits_shortest(gt_digits *g, double ax) {
  gt_digits_reserve(g, 20);
  if (ax == 0.0) {
    strcpy(g->d, "0");
    g->len = 1;
    g->decpt = 1;
    return;
  }
  int e2;
  bool pow2 = frexp(ax, &e2) == 0.5;
  char s[40];
  for (int p = 1; p <= 17; p++) {
    snprintf(s, sizeof s, "%.*e", p - 1, ax);
    if (strtod(s, NULL) == ax) break;
    if (pow2 && strtod(s, NULL) < ax) {
      /* Try the next p-digit decimal above. */
      char mant[24];
      int n = 0;
      const char *q = s;
      for (; *q != 'e'; q++)
        if (*q != '.') mant[n++] = *q;
      int exp = atoi(q + 1);
      exp += gt_digits_increment(mant, n);
      char t[48];
      snprintf(t, sizeof t, "%c.%.*se%d", mant[0], n - 1, mant + 1, exp);
      if (strtod(t, NULL) == ax) {
        strcpy(s, t);
        break;
      }
    }
  }
  gt_digits_from_e(g, s);
}

/* dtoa mode 3: `ndigits` digits after the point, correctly rounded. */
static void gt_digits_fixed(gt_digits *g, double ax, int ndigits) {
  char small[64];
  char *s = small;
  int n = snprintf(small, sizeof small, "%.*f", ndigits, ax);
  if (n >= (int)sizeof small) {
    s = gt_xmalloc((size_t)n + 1);
    snprintf(s, (size_t)n + 1, "%.*f", ndigits, ax);
  }
  gt_digits_reserve(g, n);
  int len = 0, intdigits = 0;
  bool seen_point = false, leading = true;
  int lead_zeros_after_point = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '.') {
      seen_point = true;
      continue;
    }
    if (leading && *p == '0') {
      if (seen_point) lead_zeros_after_point++;
      continue;
    }
    leading = false;
    g->d[len++] = *p;
    if (!seen_point) intdigits++;
  }
  while (len > 0 && g->d[len - 1] == '0') len--;
  if (len == 0) {
    strcpy(g->d, "0");
    g->len = 1;
    g->decpt = 1;
  } else {
    g->d[len] = '\0';
    g->len = len;
    g->decpt = intdigits > 0 ? intdigits : -lead_zeros_after_point;
  }
  if (s != small) free(s);
}

static void gt_put_zeros(gt_sbuf *b, int n) {
  for (int i = 0; i < n; i++) gt_sbuf_putc(b, '0');
}

void gt_double_to_string(gt_sbuf *b, double x, char code, int precision, int flags, bool upper) {
  bool add_dot_0 = flags & GT_DTS_ADD_DOT_0;
  bool alt = flags & GT_DTS_ALT;
  bool neg = signbit(x) != 0;
  if (isnan(x)) {
    gt_sbuf_puts(b, upper ? "NAN" : "nan");   /* the sign of a NaN is ignored */
    return;
  }
  if (isinf(x)) {
    if (neg) gt_sbuf_putc(b, '-');
    gt_sbuf_puts(b, upper ? "INF" : "inf");
    return;
  }
  double ax = fabs(x);
  gt_digits g;
  switch (code) {
    case 'e': precision++; gt_digits_sig(&g, ax, precision); break;
    case 'f': gt_digits_fixed(&g, ax, precision); break;
    case 'g':
      if (precision == 0) precision = 1;
      gt_digits_sig(&g, ax, precision);
      break;
    default: gt_digits_shortest(&g, ax); break;   /* 'r' */
  }
  bool is_zero = g.len == 1 && g.d[0] == '0';
  if ((flags & GT_DTS_NO_NEG_0) && neg && is_zero) neg = false;

  int digits_len = g.len, decpt = g.decpt, vdigits_end = digits_len, exp = 0;
  bool use_exp = false;
  switch (code) {
    case 'e':
      use_exp = true;
      vdigits_end = precision;
      break;
    case 'f': vdigits_end = decpt + precision; break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alt) vdigits_end = precision;
      break;
    default:
      /* repr switches to an exponent at 1e16 */
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  /* vdigits_start < decpt <= vdigits_end, or < vdigits_end with ".0" */
  int vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0)
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
  else
    vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;

  size_t start = b->len;
  if (neg) gt_sbuf_putc(b, '-');
  /* zeros on the left of the digits */
  if (decpt <= 0) {
    gt_put_zeros(b, decpt - vdigits_start);
    gt_sbuf_putc(b, '.');
    gt_put_zeros(b, -decpt);
  } else {
    gt_put_zeros(b, -vdigits_start);
  }
  /* the digits, with the decimal point among them */
  if (0 < decpt && decpt <= digits_len) {
    gt_sbuf_put(b, g.d, (size_t)decpt);
    gt_sbuf_putc(b, '.');
    gt_sbuf_put(b, g.d + decpt, (size_t)(digits_len - decpt));
  } else {
    gt_sbuf_put(b, g.d, (size_t)digits_len);
  }
  /* zeros on the right */
  if (digits_len < decpt) {
    gt_put_zeros(b, decpt - digits_len);
    gt_sbuf_putc(b, '.');
    gt_put_zeros(b, vdigits_end - decpt);
  } else {
    gt_put_zeros(b, vdigits_end - digits_len);
  }
  /* a trailing point goes unless '#' asked for it */
  if (b->len > start && b->data[b->len - 1] == '.' && !alt) b->len--;
  if (use_exp) gt_sbuf_printf(b, "%c%+.02d", upper ? 'E' : 'e', exp);
  gt_digits_free(&g);
}

gt_str *gt_str_of_float(double x) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_double_to_string(&b, x, 'r', 0, GT_DTS_ADD_DOT_0, false);
  return gt_sbuf_finish(&b);
}

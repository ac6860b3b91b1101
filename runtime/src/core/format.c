/* format.c - format(v, spec) and f-string specs: Python's format-spec
 * mini-language for int, bool, float and str, after CPython's
 * Python/formatter_unicode.c (parse_internal_render_format_spec,
 * calc_number_widths, fill_number and the grouping of
 * _PyUnicode_InsertThousandsGrouping), in the C locale. */
#include "core_internal.h"

#include <limits.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>

typedef struct gt_spec {
  char fill[4];        /* UTF-8 of the fill character */
  int fill_len;
  bool fill_is_zero;   /* the fill is '0' */
  uint32_t align;      /* '<' '>' '^' '=' */
  uint32_t sign;       /* 0, '+', '-', ' ' */
  bool no_neg_0;       /* 'z' */
  bool alt;            /* '#' */
  int64_t width;       /* -1 when not given */
  char thousands;      /* 0, ',' or '_' */
  int group;           /* digits per group: 3, or 4 for '_' with b/o/x/X */
  int64_t precision;   /* -1 when not given */
  uint32_t type;       /* presentation type, 0 for none */
} gt_spec;

/* ---- parsing --------------------------------------------------------------- */

static bool gt_is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* The character as CPython's messages show it: itself, or \x.. */
static const char *gt_code_text(uint32_t c, char buf[16]) {
  if (c > 32 && c < 128) {
    buf[0] = (char)c;
    buf[1] = '\0';
  } else {
    snprintf(buf, 16, "\\x%x", c);
  }
  return buf;
}

/* Reads a decimal number at cps[*pos]; returns how many digits it read. */
static int64_t gt_spec_integer(const uint32_t *cps, int64_t n, int64_t *pos, int64_t *out) {
  int64_t v = 0, count = 0;
  while (*pos < n && cps[*pos] >= '0' && cps[*pos] <= '9') {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, (int64_t)(cps[*pos] - '0'), &v))
      gt_fail("ValueError: Too many decimal digits in format string");
    (*pos)++;
    count++;
  }
  *out = v;
  return count;
}

static void gt_parse_spec(const gt_str *spec, gt_spec *f, uint32_t default_type, uint32_t default_align,
                          const char *type_name) {
  *f = (gt_spec){.fill = " ", .fill_len = 1, .align = default_align, .width = -1,
                 .precision = -1, .type = default_type, .group = 3};
  int64_t n = 0;
  uint32_t *cps = gt_xmalloc(sizeof(uint32_t) * (size_t)(spec->len + 1));
  for (int64_t p = 0; p < spec->len;) cps[n++] = gt_utf8_decode(spec->data, spec->len, &p);
  int64_t pos = 0;
  bool fill_given = false, align_given = false;
  if (n - pos >= 2 && gt_is_align(cps[pos + 1])) {
    f->align = cps[pos + 1];
    f->fill_len = gt_utf8_encode(cps[pos], f->fill);
    f->fill_is_zero = cps[pos] == '0';
    fill_given = align_given = true;
    pos += 2;
  } else if (n - pos >= 1 && gt_is_align(cps[pos])) {
    f->align = cps[pos++];
    align_given = true;
  }
  if (n - pos >= 1 && (cps[pos] == '+' || cps[pos] == '-' || cps[pos] == ' ')) f->sign = cps[pos++];
  if (n - pos >= 1 && cps[pos] == 'z') {
    f->no_neg_0 = true;
    pos++;
  }
  if (n - pos >= 1 && cps[pos] == '#') {
    f->alt = true;
    pos++;
  }
  /* '0' before the width: zero fill, and '=' alignment for numbers */
  if (!fill_given && n - pos >= 1 && cps[pos] == '0') {
    f->fill[0] = '0';
    f->fill_len = 1;
    f->fill_is_zero = true;
    if (!align_given && default_align == '>') f->align = '=';
    pos++;
  }
  if (gt_spec_integer(cps, n, &pos, &f->width) == 0) f->width = -1;
  if (n - pos >= 1 && cps[pos] == ',') {
    f->thousands = ',';
    pos++;
  }
  if (n - pos >= 1 && cps[pos] == '_') {
    if (f->thousands) gt_fail("ValueError: Cannot specify both ',' and '_'.");
    f->thousands = '_';
    pos++;
  }
  if (n - pos >= 1 && cps[pos] == ',' && f->thousands == '_')
    gt_fail("ValueError: Cannot specify both ',' and '_'.");
  if (n - pos >= 1 && cps[pos] == '.') {
    pos++;
    if (gt_spec_integer(cps, n, &pos, &f->precision) == 0)
      gt_fail("ValueError: Format specifier missing precision");
  }
  if (n - pos > 1)
    gt_fail("ValueError: Invalid format specifier '%s' for object of type '%s'", spec->data, type_name);
  if (n - pos == 1) f->type = cps[pos];
  free(cps);
  if (f->thousands) {
    char buf[16];
    switch (f->type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (f->thousands == '_') {
          f->group = 4;   /* every four digits in bin/oct/hex */
          break;
        }
        /* fall through */
      default:
        gt_fail("ValueError: Cannot specify '%c' with '%s'.", f->thousands, gt_code_text(f->type, buf));
    }
  }
}

static _Noreturn void gt_unknown_code(uint32_t type, const char *type_name) {
  char buf[16];
  gt_fail("ValueError: Unknown format code '%s' for object of type '%s'", gt_code_text(type, buf), type_name);
}

/* ---- numbers ----------------------------------------------------------------- */

/* The pieces of a formatted number: [sign][prefix][digits][.][remainder]. */
typedef struct gt_numparts {
  char sign_char;       /* '-' if negative, else 0 */
  const char *prefix;   /* "0x", "0b", "0o" or "" */
  const char *digits;   /* the integer digits, to be grouped */
  int64_t ndigits;
  bool has_decimal;
  const char *rem;      /* after the point: fraction, exponent, '%', or the 'c' char */
  int64_t rem_len, rem_cp;
  bool upper;           /* 'X': digits and prefix in upper case */
} gt_numparts;

static int64_t i64_max(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t i64_min(int64_t a, int64_t b) { return a < b ? a : b; }

/* CPython's _PyUnicode_InsertThousandsGrouping: the digits with separators,
 * left-padded with zeros (and separators) to min_width. Built from the right
 * into `rev`, then reversed into out. Returns the number of characters. */
static int64_t gt_group_digits(gt_sbuf *out, const char *digits, int64_t ndigits, int64_t min_width,
                               int group, char sep) {
  gt_sbuf rev;
  gt_sbuf_init(&rev);
  int64_t remaining = ndigits, dpos = ndigits;
  bool use_sep = false, broken = false;
  /* each group: separator, n_chars digits, n_zeros zeros (right to left) */
  if (group > 0) {
    for (;;) {
      int64_t len = i64_min((int64_t)group, i64_max(i64_max(remaining, min_width), 1));
      int64_t n_zeros = i64_max(0, len - remaining), n_chars = i64_max(0, i64_min(remaining, len));
      if (use_sep) gt_sbuf_putc(&rev, sep);
      for (int64_t i = 0; i < n_chars; i++) gt_sbuf_putc(&rev, digits[--dpos]);
      for (int64_t i = 0; i < n_zeros; i++) gt_sbuf_putc(&rev, '0');
      use_sep = true;
      remaining -= n_chars;
      min_width -= len;
      if (remaining <= 0 && min_width <= 0) {
        broken = true;
        break;
      }
      min_width -= 1;   /* the separator's width */
    }
  }
  if (!broken) {
    int64_t len = i64_max(i64_max(remaining, min_width), 1);
    int64_t n_zeros = i64_max(0, len - remaining), n_chars = i64_max(0, i64_min(remaining, len));
    if (use_sep) gt_sbuf_putc(&rev, sep);
    for (int64_t i = 0; i < n_chars; i++) gt_sbuf_putc(&rev, digits[--dpos]);
    for (int64_t i = 0; i < n_zeros; i++) gt_sbuf_putc(&rev, '0');
  }
  int64_t count = (int64_t)rev.len;
  for (int64_t i = count - 1; i >= 0; i--) gt_sbuf_putc(out, rev.data[i]);
  gt_sbuf_free(&rev);
  return count;
}

static void gt_put_upper(gt_sbuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    gt_sbuf_putc(b, (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c);
  }
}

/* calc_number_widths and fill_number together. */
static void gt_fill_number(gt_sbuf *b, const gt_spec *f, const gt_numparts *np) {
  char sign = 0;
  if (f->sign == '+') sign = np->sign_char == '-' ? '-' : '+';
  else if (f->sign == ' ') sign = np->sign_char == '-' ? '-' : ' ';
  else if (np->sign_char == '-') sign = '-';
  int64_t nprefix = (int64_t)strlen(np->prefix);
  int64_t non_digit = (sign ? 1 : 0) + nprefix + (np->has_decimal ? 1 : 0) + np->rem_cp;
  int64_t min_width = (f->fill_is_zero && f->align == '=') ? f->width - non_digit : 0;
  gt_sbuf grouped;
  gt_sbuf_init(&grouped);
  int64_t ngrouped = 0;
  if (np->ndigits > 0)
    ngrouped = gt_group_digits(&grouped, np->digits, np->ndigits, min_width,
                               f->thousands ? f->group : 0, f->thousands);
  int64_t lpad = 0, spad = 0, rpad = 0;
  int64_t padding = f->width - (non_digit + ngrouped);
  if (padding > 0) {
    switch (f->align) {
      case '<': rpad = padding; break;
      case '^':
        lpad = padding / 2;
        rpad = padding - lpad;
        break;
      case '=': spad = padding; break;
      default: lpad = padding; break;
    }
  }
  gt_sbuf_fill(b, f->fill, (size_t)f->fill_len, lpad);
  if (sign) gt_sbuf_putc(b, sign);
  if (np->upper) gt_put_upper(b, np->prefix, (size_t)nprefix);
  else gt_sbuf_put(b, np->prefix, (size_t)nprefix);
  gt_sbuf_fill(b, f->fill, (size_t)f->fill_len, spad);
  if (np->upper) gt_put_upper(b, grouped.data, grouped.len);
  else gt_sbuf_put(b, grouped.data, grouped.len);
  gt_sbuf_free(&grouped);
  if (np->has_decimal) gt_sbuf_putc(b, '.');
  gt_sbuf_put(b, np->rem, (size_t)np->rem_len);
  gt_sbuf_fill(b, f->fill, (size_t)f->fill_len, rpad);
}

/* Digits of |v| in base 2, 8, 10 or 16, lower case, into buf (from the end). */
static const char *gt_int_digits(int64_t v, int base, char buf[72], int64_t *n) {
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  char *p = buf + 72;
  do {
    *--p = "0123456789abcdef"[u % (uint64_t)base];
    u /= (uint64_t)base;
  } while (u);
  *n = buf + 72 - p;
  return p;
}

static void gt_format_int(gt_sbuf *b, int64_t v, const gt_spec *f) {
  if (f->precision != -1) gt_fail("ValueError: Precision not allowed in integer format specifier");
  if (f->no_neg_0) gt_fail("ValueError: Negative zero coercion (z) not allowed in integer format specifier");
  gt_numparts np = {.prefix = ""};
  char buf[72], ch[4];
  if (f->type == 'c') {
    if (f->sign) gt_fail("ValueError: Sign not allowed with integer format specifier 'c'");
    if (f->alt) gt_fail("ValueError: Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0 || v > 0x10FFFF) gt_fail("OverflowError: %%c arg not in range(0x110000)");
    /* the character is a "remainder": copied, never grouped */
    np.rem = ch;
    np.rem_len = gt_utf8_encode((uint32_t)v, ch);
    np.rem_cp = 1;
    gt_fill_number(b, f, &np);
    return;
  }
  int base = 10;
  switch (f->type) {
    case 'b': base = 2; np.prefix = "0b"; break;
    case 'o': base = 8; np.prefix = "0o"; break;
    case 'x': base = 16; np.prefix = "0x"; break;
    case 'X': base = 16; np.prefix = "0x"; np.upper = true; break;
    default: break;
  }
  if (!f->alt) np.prefix = "";
  np.sign_char = v < 0 ? '-' : 0;
  np.digits = gt_int_digits(v, base, buf, &np.ndigits);
  np.rem = "";
  gt_spec g = *f;
  if (f->type == 'n') g.thousands = 0;   /* the C locale does not group */
  gt_fill_number(b, &g, &np);
}

static void gt_format_float(gt_sbuf *b, double v, const gt_spec *f) {
  if (f->precision > INT_MAX) gt_fail("ValueError: precision too big");
  int precision = (int)f->precision, flags = 0, default_precision = 6;
  uint32_t type = f->type;
  bool add_pct = false;
  if (f->alt) flags |= GT_DTS_ALT;
  if (f->no_neg_0) flags |= GT_DTS_NO_NEG_0;
  if (type == 0) {
    /* like repr() without a precision; else like 'g' with at least one
     * digit after the point */
    flags |= GT_DTS_ADD_DOT_0;
    type = 'r';
    default_precision = 0;
  }
  if (type == 'n') type = 'g';
  if (type == '%') {
    type = 'f';
    v *= 100;
    add_pct = true;
  }
  if (precision < 0) precision = default_precision;
  else if (type == 'r') type = 'g';
  bool upper = type == 'E' || type == 'F' || type == 'G';
  char code = upper ? (char)(type - 'A' + 'a') : (char)type;
  gt_sbuf num;
  gt_sbuf_init(&num);
  gt_double_to_string(&num, v, code, precision, flags, upper);
  if (add_pct) gt_sbuf_putc(&num, '%');
  const char *s = gt_sbuf_cstr(&num), *end = s + num.len;
  gt_numparts np = {.prefix = ""};
  if (*s == '-') {
    np.sign_char = '-';
    s++;
  }
  const char *q = s;
  while (q < end && *q >= '0' && *q <= '9') q++;
  np.digits = s;
  np.ndigits = q - s;
  np.has_decimal = q < end && *q == '.';
  np.rem = np.has_decimal ? q + 1 : q;
  np.rem_len = np.rem_cp = end - np.rem;
  gt_spec g = *f;
  if (f->type == 'n') g.thousands = 0;
  gt_fill_number(b, &g, &np);
  gt_sbuf_free(&num);
}

/* ---- str ------------------------------------------------------------------- */

static void gt_format_str(gt_sbuf *b, const gt_str *s, const gt_spec *f) {
  if (f->sign == ' ') gt_fail("ValueError: Space not allowed in string format specifier");
  if (f->sign) gt_fail("ValueError: Sign not allowed in string format specifier");
  if (f->no_neg_0) gt_fail("ValueError: Negative zero coercion (z) not allowed in string format specifier");
  if (f->alt) gt_fail("ValueError: Alternate form (#) not allowed in string format specifier");
  if (f->align == '=') gt_fail("ValueError: '=' alignment not allowed in string format specifier");
  int64_t len = gt_str_len(s), nbytes = s->len;
  if (f->precision >= 0 && len > f->precision) {
    len = f->precision;
    nbytes = gt_utf8_offset(s->data, s->len, len);
  }
  int64_t total = f->width > len ? f->width : len;
  int64_t lpad = f->align == '>' ? total - len : f->align == '^' ? (total - len) / 2 : 0;
  int64_t rpad = total - len - lpad;
  gt_sbuf_fill(b, f->fill, (size_t)f->fill_len, lpad);
  gt_sbuf_put(b, s->data, (size_t)nbytes);
  gt_sbuf_fill(b, f->fill, (size_t)f->fill_len, rpad);
}

/* ---- dispatch ------------------------------------------------------------------ */

static bool gt_is_float_code(uint32_t c) {
  return c == 'e' || c == 'E' || c == 'f' || c == 'F' || c == 'g' || c == 'G' || c == '%';
}

static void gt_format_integral(gt_sbuf *b, int64_t v, const gt_str *spec, const char *type_name) {
  gt_spec f;
  gt_parse_spec(spec, &f, 'd', '>', type_name);
  switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      gt_format_int(b, v, &f);
      break;
    default:
      if (!gt_is_float_code(f.type)) gt_unknown_code(f.type, type_name);
      gt_format_float(b, (double)v, &f);
      break;
  }
}

gt_str *gt_format(gt_val v, const gt_type *t, const gt_str *spec) {
  if (gt_dyn_unwrap(&v, &t)) return gt_format(v, t, spec);  /* f"{x.tolist():.2f}": the value inside */
  if (!spec || spec->len == 0) return gt_val_str(v, t);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_spec f;
  switch (t->kind) {
    case GT_K_INT: gt_format_integral(&b, v.i, spec, "int"); break;
    case GT_K_BOOL: gt_format_integral(&b, v.b, spec, "bool"); break;
    case GT_K_NUM:
      gt_sbuf_free(&b);
      return gt_num_format(v.i, spec);
    case GT_K_FLOAT:
      gt_parse_spec(spec, &f, 0, '>', "float");
      if (f.type != 0 && f.type != 'n' && !gt_is_float_code(f.type)) gt_unknown_code(f.type, "float");
      gt_format_float(&b, v.f, &f);
      break;
    case GT_K_STR:
      gt_parse_spec(spec, &f, 's', '<', "str");
      if (f.type != 's') gt_unknown_code(f.type, "str");
      gt_format_str(&b, v.p, &f);
      break;
    default: {
      const char *name = t->kind == GT_K_OBJ && v.p ? ((gt_obj *)v.p)->cls->name : gt_type_name(t);
      gt_fail("TypeError: unsupported format string passed to %s.__format__", name);
    }
  }
  return gt_sbuf_finish(&b);
}

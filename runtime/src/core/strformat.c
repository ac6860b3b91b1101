/* strformat.c - str % args and str.format(...) where the format string is
 * known only at run time (the compiler turns a constant str.format into
 * f-string code). After CPython's Objects/unicodeobject.c
 * (PyUnicode_Format) and Objects/stringlib/unicode_format.h, with their
 * messages; the specs themselves go to format.c (gt_format) and floats to
 * gt_double_to_string, as f-strings do. */
#include "core_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

/* The Python type name of a value, for messages: "str", "Point", "NoneType". */
static const char *gt_fmt_type_name(gt_val v, const gt_type *t) {
  if (t->kind == GT_K_OBJ && v.p) return ((gt_obj *)v.p)->cls->name;
  if (t->kind == GT_K_NUM) return gt_num_type_name(v.i);
  return gt_type_name(t);
}

/* A gt_num as the int or float it holds. */
static void gt_fmt_unnum(gt_val *v, const gt_type **t) {
  if ((*t)->kind == GT_K_NUM) *v = gt_num_val(v->i, t);
}

/* ascii(x) of repr(x): its non-ASCII code points as \x.., \u.... or \U........ */
gt_str *gt_str_ascii(const gt_str *repr) {
  if (gt_str_is_ascii(repr)) return gt_retain((gt_str *)repr);
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (int64_t i = 0; i < repr->len;) {
    uint32_t cp = gt_utf8_decode(repr->data, repr->len, &i);
    if (cp < 128) gt_sbuf_putc(&b, (char)cp);
    else if (cp < 0x100) gt_sbuf_printf(&b, "\\x%02x", (unsigned)cp);
    else if (cp < 0x10000) gt_sbuf_printf(&b, "\\u%04x", (unsigned)cp);
    else gt_sbuf_printf(&b, "\\U%08x", (unsigned)cp);
  }
  return gt_sbuf_finish(&b);
}

/* ---- str % args ------------------------------------------------------------- */

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct gt_pargs {
  gt_val v;                 /* the right operand */
  const gt_type *t;
  const gt_val *vals;       /* a tuple's items, */
  const gt_type *const *types;  /* their types, */
  int64_t len, idx;         /* their number; len -1 for one value (idx -2 until taken) */
  bool mapping;             /* a dict (or a list, which CPython's check takes as one) */
} gt_pargs;

static void gt_pargs_next(gt_pargs *a, gt_val *v, const gt_type **t) {
  if (a->len < 0) {
    if (a->idx != -2) gt_fail("TypeError: not enough arguments for format string");
    a->idx = -1;
    *v = a->v;
    *t = a->t;
  } else {
    if (a->idx >= a->len) gt_fail("TypeError: not enough arguments for format string");
    *v = a->vals[a->idx];
    *t = a->types[a->idx++];
  }
  gt_fmt_unnum(v, t);
}

/* `*` in a width or precision: an int argument. */
static int64_t gt_pargs_star(gt_pargs *a) {
  gt_val v;
  const gt_type *t;
  gt_pargs_next(a, &v, &t);
  if (t->kind == GT_K_INT) return v.i;
  if (t->kind == GT_K_BOOL) return v.b;
  gt_fail("TypeError: * wants int");
}

/* Writes body (a number's text with its sign, or any other text) padded to
 * `width` as printf's flags say: a number's sign and 0x/0o prefix go before
 * zeros; `-` pads on the right. */
static void gt_percent_pad(gt_sbuf *out, const char *body, size_t n, int64_t width, int flags, bool number,
                           size_t prefix) {
  int64_t len = gt_utf8_count(body, (int64_t)n);
  int64_t pad = width > len ? width - len : 0;
  if (!pad) {
    gt_sbuf_put(out, body, n);
    return;
  }
  if (flags & F_LJUST) {
    gt_sbuf_put(out, body, n);
    gt_sbuf_fill(out, " ", 1, pad);
  } else if (number && (flags & F_ZERO)) {
    gt_sbuf_put(out, body, prefix);
    gt_sbuf_fill(out, "0", 1, pad);
    gt_sbuf_put(out, body + prefix, n - prefix);
  } else {
    gt_sbuf_fill(out, " ", 1, pad);
    gt_sbuf_put(out, body, n);
  }
}

/* %d %i %u %x %X %o of an int: sign, 0x prefix with '#', digits zero-filled to the precision. */
static void gt_percent_int(gt_sbuf *out, int64_t v, char code, int flags, int64_t width, int64_t prec) {
  gt_sbuf num;
  gt_sbuf_init(&num);
  char spec[2] = {code == 'i' || code == 'u' ? 'd' : code, 0};
  gt_str *s = gt_str_from_cstr(spec);
  gt_str *digits = gt_format((gt_val){.i = v}, &gt_t_int, s);
  gt_release(s);
  const char *d = digits->data;
  if (*d == '-') d++;
  int64_t nd = (int64_t)strlen(d);
  if (v < 0) gt_sbuf_putc(&num, '-');
  else if (flags & F_SIGN) gt_sbuf_putc(&num, '+');
  else if (flags & F_BLANK) gt_sbuf_putc(&num, ' ');
  if ((flags & F_ALT) && code != 'd' && code != 'i' && code != 'u') {
    gt_sbuf_putc(&num, '0');
    gt_sbuf_putc(&num, code == 'o' ? 'o' : code);
  }
  size_t prefix = num.len;
  if (prec > nd) gt_sbuf_fill(&num, "0", 1, prec - nd);
  gt_sbuf_put(&num, d, (size_t)nd);
  gt_release(digits);
  gt_percent_pad(out, num.data, num.len, width, flags, true, prefix);
  gt_sbuf_free(&num);
}

/* %e %f %g (and upper case) of a float, as CPython's formatfloat. */
static void gt_percent_float(gt_sbuf *out, double v, char code, int flags, int64_t width, int64_t prec) {
  if (prec > INT_MAX) gt_fail("ValueError: precision too big");
  gt_sbuf num;
  gt_sbuf_init(&num);
  bool upper = code == 'E' || code == 'F' || code == 'G';
  char lower = upper ? (char)(code - 'A' + 'a') : code;
  if (!signbit(v) || isnan(v)) {
    if (flags & F_SIGN) gt_sbuf_putc(&num, '+');
    else if (flags & F_BLANK) gt_sbuf_putc(&num, ' ');
  }
  gt_double_to_string(&num, v, lower, prec < 0 ? 6 : (int)prec, (flags & F_ALT) ? GT_DTS_ALT : 0, upper);
  size_t prefix = num.len && (num.data[0] == '-' || num.data[0] == '+' || num.data[0] == ' ') ? 1 : 0;
  gt_percent_pad(out, num.data, num.len, width, flags, true, prefix);
  gt_sbuf_free(&num);
}

/* One conversion of `fmt % args` with its value. */
static void gt_percent_one(gt_sbuf *out, gt_val v, const gt_type *t, uint32_t code, int flags, int64_t width,
                           int64_t prec) {
  switch (code) {
    case 's': case 'r': case 'a': {
      gt_str *s = code == 's' ? gt_val_str(v, t) : gt_val_repr(v, t);
      if (code == 'a') {
        gt_str *r = s;
        s = gt_str_ascii(r);
        gt_release(r);
      }
      int64_t nbytes = s->len;
      if (prec >= 0 && gt_str_len(s) > prec) nbytes = gt_utf8_offset(s->data, s->len, prec);
      gt_percent_pad(out, s->data, (size_t)nbytes, width, flags, false, 0);
      gt_release(s);
      return;
    }
    case 'c': {
      char ch[4];
      int n;
      if (t->kind == GT_K_INT || t->kind == GT_K_BOOL) {
        int64_t i = t->kind == GT_K_INT ? v.i : v.b;
        if (i < 0 || i > 0x10FFFF) gt_fail("OverflowError: %%c arg not in range(0x110000)");
        n = gt_utf8_encode((uint32_t)i, ch);
      } else if (t->kind == GT_K_STR && gt_str_len(v.p) == 1) {
        const gt_str *s = v.p;
        n = (int)s->len;
        memcpy(ch, s->data, (size_t)n);
      } else {
        gt_fail("TypeError: %%c requires int or char");
      }
      gt_percent_pad(out, ch, (size_t)n, width, flags, false, 0);
      return;
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
      bool decimal = code == 'd' || code == 'i' || code == 'u';
      int64_t i;
      if (t->kind == GT_K_INT) i = v.i;
      else if (t->kind == GT_K_BOOL) i = v.b;
      else if (t->kind == GT_K_FLOAT && decimal) i = gt_float_to_int(v.f);
      else
        gt_fail("TypeError: %%%c format: %s is required, not %s", (char)code,
                decimal ? "a real number" : "an integer", gt_fmt_type_name(v, t));
      gt_percent_int(out, i, (char)code, flags, width, prec);
      return;
    }
    default: {  /* e E f F g G */
      double f;
      if (t->kind == GT_K_FLOAT) f = v.f;
      else if (t->kind == GT_K_INT) f = (double)v.i;
      else if (t->kind == GT_K_BOOL) f = v.b;
      else gt_fail("TypeError: must be real number, not %s", gt_fmt_type_name(v, t));
      gt_percent_float(out, f, (char)code, flags, width, prec);
      return;
    }
  }
}

/* The value of `%(key)s`: the dict's item, as CPython's mapping lookup. */
static void gt_percent_key(gt_pargs *a, const char *key, int64_t n, gt_val *v, const gt_type **t) {
  if (!a->mapping) gt_fail("TypeError: format requires a mapping");
  if (a->t->kind != GT_K_DICT) gt_fail("TypeError: list indices must be integers or slices, not str");
  gt_str *k = gt_str_new(key, n);
  if (a->t->args[0]->kind != GT_K_STR) {
    char *r = gt_val_repr_cstr((gt_val){.p = k}, &gt_t_str);
    gt_fail_repr("KeyError: %s", r);
  }
  *v = gt_dict_get(a->v.p, (gt_val){.p = k});
  *t = a->t->args[1];
  gt_release(k);
  gt_fmt_unnum(v, t);
}

static gt_str *gt_percent(const gt_str *fmt, gt_pargs a);

gt_str *gt_str_percent(const gt_str *fmt, gt_val args, const gt_type *t) {
  gt_pargs a = {args, t, NULL, NULL, -1, -2, t->kind == GT_K_DICT || t->kind == GT_K_LIST};
  if (t->kind == GT_K_TUPLE) {
    const gt_tuple *tu = args.p;
    a = (gt_pargs){args, t, tu->items, tu->type->args, tu->len, 0, false};
  }
  return gt_percent(fmt, a);
}

gt_str *gt_str_percent_n(const gt_str *fmt, int64_t n, const gt_val *vals, const gt_type *const *types) {
  return gt_percent(fmt, (gt_pargs){{0}, NULL, vals, types, n, 0, false});
}

static gt_str *gt_percent(const gt_str *fmt, gt_pargs a) {
  const char *s = fmt->data;
  int64_t n = fmt->len, i = 0;
  gt_sbuf out;
  gt_sbuf_init(&out);
  while (i < n) {
    if (s[i] != '%') {
      int64_t j = i;
      while (j < n && s[j] != '%') j++;
      gt_sbuf_put(&out, s + i, (size_t)(j - i));
      i = j;
      continue;
    }
    if (++i >= n) gt_fail("ValueError: incomplete format");
    gt_val v = {0};
    const gt_type *vt = NULL;
    if (s[i] == '(') {  /* %(name)s: parentheses nest, as CPython counts them */
      int64_t depth = 1, k = ++i;
      while (i < n && depth) {
        depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
        i++;
      }
      if (depth) gt_fail("ValueError: incomplete format key");
      gt_percent_key(&a, s + k, i - 1 - k, &v, &vt);
    }
    int flags = 0;
    for (; i < n; i++) {
      int f = s[i] == '-' ? F_LJUST : s[i] == '+' ? F_SIGN : s[i] == ' ' ? F_BLANK : s[i] == '#' ? F_ALT
            : s[i] == '0' ? F_ZERO : 0;
      if (!f) break;
      flags |= f;
    }
    int64_t width = -1, prec = -1;
    if (i < n && s[i] == '*') {
      width = gt_pargs_star(&a);
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      i++;
    } else {
      for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (width < 0) width = 0;
        if (__builtin_mul_overflow(width, 10, &width) || __builtin_add_overflow(width, s[i] - '0', &width))
          gt_fail("ValueError: width too big");
      }
    }
    if (i < n && s[i] == '.') {
      prec = 0;
      if (++i < n && s[i] == '*') {
        prec = gt_pargs_star(&a);
        if (prec < 0) prec = 0;
        i++;
      } else {
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
          if (__builtin_mul_overflow(prec, 10, &prec) || __builtin_add_overflow(prec, s[i] - '0', &prec))
            gt_fail("ValueError: precision too big");
      }
    }
    if (i < n && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L')) i++;  /* one length modifier, ignored */
    if (i >= n) gt_fail("ValueError: incomplete format");
    int64_t at = i;
    uint32_t code = gt_utf8_decode(s, n, &i);
    if (code == '%') {
      gt_sbuf_putc(&out, '%');
      continue;
    }
    if (!code || code > 127 || !strchr("sracdiuxXoeEfFgG", (int)code))
      gt_fail("ValueError: unsupported format character '%c' (0x%x) at index %lld",
              code >= 32 && code < 127 ? (char)code : '?', (unsigned)code, (long long)gt_utf8_count(s, at));
    if (!vt) gt_pargs_next(&a, &v, &vt);
    gt_percent_one(&out, v, vt, code, flags, width, prec);
  }
  if (!a.mapping && a.idx < a.len) gt_fail("TypeError: not all arguments converted during string formatting");
  return gt_sbuf_finish(&out);
}

/* ---- str.format(*args, **kwargs) ----------------------------------------- */

typedef struct gt_fargs {
  int64_t nargs, nkw;
  const gt_val *vals;            /* the positional ones, then the keyword ones */
  const gt_type *const *types;
  const char *const *names;      /* the keyword arguments' names */
  int auto_state;                /* 0 not yet, 1 automatic numbering, 2 manual */
  int64_t auto_next;
} gt_fargs;

static void gt_format_field(gt_sbuf *out, gt_fargs *a, const char *s, int64_t n, int depth);

/* Appends fmt[0..n) with its fields replaced; depth 2 is a spec's nested field. */
static void gt_format_text(gt_sbuf *out, gt_fargs *a, const char *s, int64_t n, int depth) {
  if (depth > 2) gt_fail("ValueError: Max string recursion exceeded");
  int64_t i = 0;
  while (i < n) {
    char c = s[i];
    if (c != '{' && c != '}') {
      int64_t j = i;
      while (j < n && s[j] != '{' && s[j] != '}') j++;
      gt_sbuf_put(out, s + i, (size_t)(j - i));
      i = j;
      continue;
    }
    if (i + 1 < n && s[i + 1] == c) {  /* {{ and }} */
      gt_sbuf_putc(out, c);
      i += 2;
      continue;
    }
    if (c == '}') gt_fail("ValueError: Single '}' encountered in format string");
    if (i + 1 >= n) gt_fail("ValueError: Single '{' encountered in format string");
    /* the field runs to the '}' that closes it, spec fields nested */
    int64_t j = i + 1, count = 1;
    for (; j < n; j++) {
      if (s[j] == '{') count++;
      else if (s[j] == '}' && --count == 0) break;
    }
    if (j >= n) gt_fail("ValueError: expected '}' before end of string");
    gt_format_field(out, a, s + i + 1, j - i - 1, depth);
    i = j + 1;
  }
}

/* The argument a field names: an index, a keyword or (empty) the next one. */
static void gt_format_arg(gt_fargs *a, const char *name, int64_t n, gt_val *v, const gt_type **t) {
  int64_t k = 0;
  bool index = n > 0;
  for (int64_t i = 0; i < n && index; i++) {
    index = name[i] >= '0' && name[i] <= '9';
    if (index && (__builtin_mul_overflow(k, 10, &k) || __builtin_add_overflow(k, name[i] - '0', &k)))
      gt_fail("ValueError: Too many decimal digits in format string");
  }
  if (n == 0) {
    if (a->auto_state == 2)
      gt_fail("ValueError: cannot switch from manual field specification to automatic field numbering");
    a->auto_state = 1;
    k = a->auto_next++;
    index = true;
  } else if (index) {
    if (a->auto_state == 1)
      gt_fail("ValueError: cannot switch from automatic field numbering to manual field specification");
    a->auto_state = 2;
  }
  if (index) {
    if (k >= a->nargs) gt_fail("IndexError: Replacement index %lld out of range for positional args tuple", (long long)k);
    *v = a->vals[k];
    *t = a->types[k];
    return;
  }
  for (int64_t i = 0; i < a->nkw; i++)
    if ((int64_t)strlen(a->names[i]) == n && memcmp(a->names[i], name, (size_t)n) == 0) {
      *v = a->vals[a->nargs + i];
      *t = a->types[a->nargs + i];
      return;
    }
  gt_str *key = gt_str_new(name, n);
  char *r = gt_val_repr_cstr((gt_val){.p = key}, &gt_t_str);
  gt_fail_repr("KeyError: %s", r);
}

/* One replacement field: name[!conv][:spec]. */
static void gt_format_field(gt_sbuf *out, gt_fargs *a, const char *s, int64_t n, int depth) {
  int64_t i = 0;
  for (; i < n && s[i] != '!' && s[i] != ':'; i++) {
    if (s[i] == '{') gt_fail("ValueError: unexpected '{' in field name");
    if (s[i] == '.' || s[i] == '[')
      gt_fail("ValueError: '%.*s': attribute and index fields need a format string known at compile time",
              (int)n, s);
  }
  gt_val v;
  const gt_type *t;
  gt_format_arg(a, s, i, &v, &t);
  char conv = 0;
  if (i < n && s[i] == '!') {
    if (i + 1 >= n) gt_fail("ValueError: end of string while looking for conversion specifier");
    conv = s[i + 1];
    i += 2;
    if (i < n && s[i] != ':') gt_fail("ValueError: expected ':' after conversion specifier");
  }
  gt_sbuf spec;
  gt_sbuf_init(&spec);
  if (i < n) gt_format_text(&spec, a, s + i + 1, n - i - 1, depth + 1);
  gt_str *sp = gt_str_new(spec.data, (int64_t)spec.len);
  gt_sbuf_free(&spec);
  gt_str *text;
  if (conv == 0) {
    text = gt_format(v, t, sp);
  } else {
    if (conv != 'r' && conv != 's' && conv != 'a') {
      if ((unsigned char)conv >= 32 && (unsigned char)conv < 127) gt_fail("ValueError: Unknown conversion specifier %c", conv);
      gt_fail("ValueError: Unknown conversion specifier \\x%x", (unsigned char)conv);
    }
    gt_str *c = conv == 's' ? gt_val_str(v, t) : gt_val_repr(v, t);
    if (conv == 'a') {
      gt_str *r = c;
      c = gt_str_ascii(r);
      gt_release(r);
    }
    text = gt_format((gt_val){.p = c}, &gt_t_str, sp);
    gt_release(c);
  }
  gt_release(sp);
  gt_sbuf_put_str(out, text);
  gt_release(text);
}

gt_str *gt_str_format(const gt_str *fmt, int64_t nargs, int64_t nkw, const gt_val *vals,
                      const gt_type *const *types, const char *const *names) {
  gt_fargs a = {nargs, nkw, vals, types, names, 0, 0};
  gt_sbuf out;
  gt_sbuf_init(&out);
  gt_format_text(&out, &a, fmt->data, fmt->len, 1);
  return gt_sbuf_finish(&out);
}

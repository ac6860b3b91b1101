/* re_test.c - a driver for the regular-expression engine (re.c), which
 * re_test.py feeds with cases and checks against CPython's re module.
 *
 * ctest runs it as core/re_engine (tests/re_engine/CMakeLists.txt); by
 * hand, from the build tree: /usr/bin/python3 re_test.py PATH/TO/re_test.
 * The ASan + UBSan tree (tools/setup --sanitize) checks memory and leaks
 * (re_test.py fails on anything the driver writes to stderr).
 *
 * Input: one case per line, tab-separated fields; strings are written as
 * hexadecimal code points joined by commas ("-" for the empty string).
 *   compile FLAGS PATTERN
 *   exec    FLAGS PATTERN STRING MODE POS ENDPOS MUST_ADVANCE
 *   findall FLAGS PATTERN STRING POS ENDPOS    (the spans finditer gives)
 *   sub     FLAGS PATTERN STRING REPL COUNT
 *   split   FLAGS PATTERN STRING MAXSPLIT
 *   escape  STRING
 * Output: one line per case, strings written the same way, "~" for None.
 * findall, sub and split are written here on top of gt_re_exec the way
 * CPython's loops are: search on from the end of each match, with
 * must_advance after an empty one. */
#define _POSIX_C_SOURCE 200809L
#include "re_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct text {
  uint32_t *v;
  int64_t n;
} text;

static text decode(const char *field) {
  text t = {malloc((strlen(field) + 1) * sizeof(uint32_t)), 0};
  if (strcmp(field, "-") == 0) return t;
  const char *p = field;
  while (*p) {
    char *end;
    t.v[t.n++] = (uint32_t)strtoul(p, &end, 16);
    p = *end == ',' ? end + 1 : end;
    if (end == p && *p != ',') break;
  }
  return t;
}

static void put(const uint32_t *s, int64_t n) {
  if (!s) {
    fputs("~", stdout);
    return;
  }
  if (!n) fputs("-", stdout);
  for (int64_t i = 0; i < n; i++) printf(i ? ",%x" : "%x", (unsigned)s[i]);
}

/* A UTF-8 message, shown as code points like the strings. */
static void put_cstr(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  uint32_t *buf = malloc((strlen(s) + 1) * sizeof *buf);
  int64_t n = 0;
  while (*p) {
    uint32_t c = *p++;
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (extra) c &= 0x3f >> extra;
    while (extra-- && *p) c = (c << 6) | (*p++ & 0x3f);
    buf[n++] = c;
  }
  put(buf, n);
  free(buf);
}

static void put_error(gt_re_error *err) {
  static const char *kinds[] = {"", "error", "ValueError", "OverflowError", "IndexError", "RecursionError"};
  printf("err %s %lld ", kinds[err->kind], (long long)err->pos);
  put_cstr(err->msg);
  gt_re_error_free(err);
}

static gt_re *compile_or_report(int flags, text pat) {
  gt_re_error err = {0};
  gt_re *re = gt_re_compile(pat.v, pat.n, flags, &err);
  if (!re) put_error(&err);
  return re;
}

static void do_compile(int flags, text pat) {
  gt_re *re = compile_or_report(flags, pat);
  if (!re) return;
  printf("ok %lld %d", (long long)gt_re_groups(re), gt_re_flags(re));
  for (int64_t g = 1; g <= gt_re_groups(re); g++) {
    int64_t n = 0;
    const uint32_t *name = gt_re_group_name(re, g, &n);
    putchar(' ');
    put(name, n);
    if (name && gt_re_group_index(re, name, n) != g) fputs("!badindex", stdout);
  }
  gt_re_free(re);
}

static void put_spans(const int64_t *spans, int64_t groups) {
  for (int64_t i = 0; i < 2 * (groups + 1); i++) printf(" %lld", (long long)spans[i]);
}

static void do_exec(int flags, text pat, text s, int mode, int64_t pos, int64_t endpos, int adv) {
  gt_re *re = compile_or_report(flags, pat);
  if (!re) return;
  int64_t *spans = malloc((size_t)(2 * gt_re_groups(re) + 2) * sizeof *spans), last = -2;
  int r = gt_re_exec(re, s.v, s.n, pos, endpos, mode, adv, spans, &last);
  if (r < 0) fputs("systemerror", stdout);
  else if (!r) fputs("none", stdout);
  else {
    printf("m %lld", (long long)last);
    put_spans(spans, gt_re_groups(re));
  }
  free(spans);
  gt_re_free(re);
}

/* finditer: search on from the end of each match, rejecting an empty match
 * where the last one ended empty. */
static void do_findall(int flags, text pat, text s, int64_t pos, int64_t endpos) {
  gt_re *re = compile_or_report(flags, pat);
  if (!re) return;
  int64_t *spans = malloc((size_t)(2 * gt_re_groups(re) + 2) * sizeof *spans), last;
  int adv = 0, count = 0;
  fputs("f", stdout);
  for (;;) {
    int r = gt_re_exec(re, s.v, s.n, pos, endpos, GT_RE_SEARCH, adv, spans, &last);
    if (r < 0) {
      fputs(" systemerror", stdout);
      break;
    }
    if (!r) break;
    printf(" | %lld", (long long)last);
    put_spans(spans, gt_re_groups(re));
    adv = spans[1] == spans[0];
    pos = spans[1];
    if (++count > 100000) break;
  }
  free(spans);
  gt_re_free(re);
}

static void do_sub(int flags, text pat, text s, text repl, int64_t count) {
  gt_re *re = compile_or_report(flags, pat);
  if (!re) return;
  gt_re_error err = {0};
  gt_re_template *t = gt_re_template_compile(re, repl.v, repl.n, &err);
  if (!t) {
    put_error(&err);
    gt_re_free(re);
    return;
  }
  int64_t *spans = malloc((size_t)(2 * gt_re_groups(re) + 2) * sizeof *spans);
  gt_re_buf out = {0};
  int64_t pos = 0, i = 0, n = 0;
  int adv = 0, wrong_span = 0;
  const uint32_t *lit;
  int64_t litn;
  int literal = gt_re_template_is_literal(t, &lit, &litn);
  while (!count || n < count) {
    int r = gt_re_exec(re, s.v, s.n, pos, s.n, GT_RE_SEARCH, adv, spans, NULL);
    /* a wrong group span matters only where a Match is made */
    if (r < 0 && !literal) wrong_span = 1;
    if (r == 0 || wrong_span) break;
    gt_re_buf_put(&out, s.v + i, spans[0] - i);
    gt_re_template_expand(t, s.v, spans, &out);
    i = spans[1];
    n++;
    adv = spans[1] == spans[0];
    pos = spans[1];
  }
  gt_re_buf_put(&out, s.v + i, s.n - i);
  if (wrong_span) {
    fputs("systemerror", stdout);
  } else {
    printf("s %lld %d ", (long long)n, literal);
    put(out.data ? out.data : (const uint32_t *)"", out.len);
  }
  gt_re_buf_free(&out);
  gt_re_template_free(t);
  free(spans);
  gt_re_free(re);
}

/* split: the pieces between matches and the groups of each match. */
static void do_split(int flags, text pat, text s, int64_t maxsplit) {
  gt_re *re = compile_or_report(flags, pat);
  if (!re) return;
  int64_t groups = gt_re_groups(re);
  int64_t *spans = malloc((size_t)(2 * groups + 2) * sizeof *spans);
  int64_t *pieces = NULL, npieces = 0, cap = 0;   /* start, end pairs; -1 for None */
  int64_t pos = 0, last = 0, n = 0;
  int adv = 0, r = 0;
  while (!maxsplit || n < maxsplit) {
    r = gt_re_exec(re, s.v, s.n, pos, s.n, GT_RE_SEARCH, adv, spans, NULL);
    if (r <= 0) break;
    if (npieces + 2 * (groups + 1) > cap) {
      cap = 2 * cap + 2 * (groups + 1);
      pieces = realloc(pieces, (size_t)cap * sizeof *pieces);
    }
    pieces[npieces++] = last;
    pieces[npieces++] = spans[0];
    for (int64_t g = 1; g <= groups; g++) {
      pieces[npieces++] = spans[2 * g];
      pieces[npieces++] = spans[2 * g + 1];
    }
    n++;
    adv = spans[1] == spans[0];
    last = pos = spans[1];
  }
  if (r < 0) {
    fputs("systemerror", stdout);
  } else {
    fputs("p", stdout);
    for (int64_t i = 0; i < npieces; i += 2) {
      putchar(' ');
      put(pieces[i] < 0 ? NULL : s.v + pieces[i], pieces[i + 1] - pieces[i]);
    }
    putchar(' ');
    put(s.v + last, s.n - last);
  }
  free(pieces);
  free(spans);
  gt_re_free(re);
}

static void do_escape(text s) {
  gt_re_buf out = {0};
  gt_re_escape(s.v, s.n, &out);
  fputs("e ", stdout);
  put(out.data ? out.data : (const uint32_t *)"", out.len);
  gt_re_buf_free(&out);
}

int main(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, stdin)) > 0) {
    if (line[len - 1] == '\n') line[--len] = 0;
    char *f[8] = {0};
    int nf = 0;
    for (char *p = line; nf < 8;) {
      f[nf++] = p;
      char *tab = strchr(p, '\t');
      if (!tab) break;
      *tab = 0;
      p = tab + 1;
    }
    if (strcmp(f[0], "escape") == 0) {
      text s = decode(f[1]);
      do_escape(s);
      free(s.v);
      putchar('\n');
      continue;
    }
    int flags = atoi(f[1]);
    text pat = decode(f[2]), s = {NULL, 0}, repl = {NULL, 0};
    if (strcmp(f[0], "compile") == 0) do_compile(flags, pat);
    else if (strcmp(f[0], "exec") == 0) {
      s = decode(f[3]);
      do_exec(flags, pat, s, atoi(f[4]), atoll(f[5]), atoll(f[6]), atoi(f[7]));
    } else if (strcmp(f[0], "findall") == 0) {
      s = decode(f[3]);
      do_findall(flags, pat, s, atoll(f[4]), atoll(f[5]));
    } else if (strcmp(f[0], "sub") == 0) {
      s = decode(f[3]);
      repl = decode(f[4]);
      do_sub(flags, pat, s, repl, atoll(f[5]));
    } else if (strcmp(f[0], "split") == 0) {
      s = decode(f[3]);
      do_split(flags, pat, s, atoll(f[4]));
    } else {
      printf("?");
    }
    free(pat.v);
    free(s.v);
    free(repl.v);
    putchar('\n');
    fflush(stdout);
  }
  free(line);
  return 0;
}

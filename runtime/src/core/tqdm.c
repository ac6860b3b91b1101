/* tqdm.c - progress bars as tqdm 4.64 draws them (gtorch_tqdm.h).
 *
 * format_meter and format_num follow tqdm's std.py step by step, so that a
 * test can compare them with tqdm itself; the rest is tqdm's bookkeeping
 * (redraw at most every mininterval, the rate smoothed by an exponential
 * moving average, the final line drawn with the overall rate). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core_internal.h"
#include "gtorch.h"
#include "gtorch_tqdm.h"

#define SMOOTHING 0.3

typedef struct ema {
  double last;
  int calls;
} ema;

struct gt_tqdm {
  gt_obj h;
  gt_obj *iterable;      /* the loader, or NULL */
  int64_t n, total;      /* total < 0: unknown */
  int64_t ncols;         /* < 0: no width known (a bar of 10) */
  char *desc, *postfix, *unit;
  bool leave, disable, ascii;
  double mininterval, start_t, last_print_t;
  int64_t last_print_n;
  ema dn, dt;
  size_t last_len;       /* of the line on screen, to blank what a shorter one leaves */
};

/* ---- formatting, as tqdm.format_meter ------------------------------------ */

static double ema_value(ema *e) {
  return e->calls ? e->last / (1 - pow(1 - SMOOTHING, e->calls)) : e->last;
}

static void ema_add(ema *e, double x) {
  e->last = SMOOTHING * x + (1 - SMOOTHING) * e->last;
  e->calls++;
}

/* tqdm.format_interval: [H:]MM:SS */
static void format_interval(gt_sbuf *b, double t) {
  int64_t s = (int64_t)t, mins = s / 60, h = mins / 60;
  if (h) gt_sbuf_printf(b, "%lld:%02lld:%02lld", (long long)h, (long long)(mins % 60), (long long)(s % 60));
  else gt_sbuf_printf(b, "%02lld:%02lld", (long long)(mins % 60), (long long)(s % 60));
}

/* Display width: code points (tqdm counts East Asian wide ones twice; a
 * description with them is rare enough to ignore). */
static size_t disp_len(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

/* The bar of `width` cells filled to frac: full blocks, one partial, blanks. */
static void put_bar(gt_sbuf *b, double frac, int64_t width, bool ascii) {
  static const char *utf[] = {" ", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589", "\u2588"};
  static const char *asc[] = {" ", "1", "2", "3", "4", "5", "6", "7", "8", "9", "#"};
  const char **set = ascii ? asc : utf;
  int64_t nsyms = ascii ? 10 : 8;
  int64_t cells = (int64_t)(frac * (double)width * (double)nsyms);
  int64_t full = cells / nsyms, part = cells % nsyms;
  for (int64_t i = 0; i < full; i++) gt_sbuf_puts(b, set[nsyms]);
  if (full < width) {
    gt_sbuf_puts(b, set[part]);
    for (int64_t i = full + 1; i < width; i++) gt_sbuf_puts(b, set[0]);
  }
}

static void format_rate(gt_sbuf *b, double rate, const char *unit) {
  double inv = rate ? 1 / rate : 0;
  if (inv && inv > 1) gt_sbuf_printf(b, "%5.2fs/%s", inv, unit);
  else if (rate) gt_sbuf_printf(b, "%5.2f%s/s", rate, unit);
  else gt_sbuf_printf(b, "?%s/s", unit);
}

/* `| n/total [elapsed<remaining, rate, postfix]` */
static void put_r_bar(gt_sbuf *b, int64_t n, int64_t total, double elapsed, double rate, const char *unit,
                      const char *postfix) {
  gt_sbuf_printf(b, "| %lld/", (long long)n);
  if (total >= 0) gt_sbuf_printf(b, "%lld", (long long)total);
  else gt_sbuf_puts(b, "?");
  gt_sbuf_puts(b, " [");
  format_interval(b, elapsed);
  gt_sbuf_puts(b, "<");
  if (rate) format_interval(b, total > 0 ? (double)(total - n) / rate : 0);
  else gt_sbuf_puts(b, "?");
  gt_sbuf_puts(b, ", ");
  format_rate(b, rate, unit);
  if (postfix && *postfix) gt_sbuf_printf(b, ", %s", postfix);
  gt_sbuf_puts(b, "]");
}

static void put_prefix(gt_sbuf *b, const char *prefix) {
  if (!prefix || !*prefix) return;
  size_t len = strlen(prefix);
  gt_sbuf_puts(b, prefix);
  if (len < 2 || strcmp(prefix + len - 2, ": ") != 0) gt_sbuf_puts(b, ": ");
}

/* Copies s into buf, cut to ncols display cells (tqdm's disp_trim). */
static void trim_to(char *buf, size_t cap, const char *s, int64_t ncols) {
  size_t i = 0, cells = 0;
  while (s[i] && i + 1 < cap) {
    size_t len = 1;
    while (s[i + len] && ((unsigned char)s[i + len] & 0xC0) == 0x80) len++;
    if ((ncols >= 0 && (int64_t)cells >= ncols) || i + len >= cap) break;
    i += len;
    cells++;
  }
  memcpy(buf, s, i);
  buf[i] = 0;
}

void gt_tqdm_format_meter(char *buf, size_t cap, int64_t n, int64_t total, double elapsed, int64_t ncols,
                          const char *prefix, bool ascii, const char *unit, const char *postfix, double rate) {
  if (total >= 0 && (double)n >= (double)total + 0.5) total = -1;  /* past the end: no total */
  if (isnan(rate)) rate = elapsed ? (double)n / elapsed : 0;
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (total > 0) {
    gt_sbuf l_bar, r_bar;
    gt_sbuf_init(&l_bar);
    gt_sbuf_init(&r_bar);
    double frac = (double)n / (double)total;
    put_prefix(&l_bar, prefix);
    gt_sbuf_printf(&l_bar, "%3.0f%%|", frac * 100);
    put_r_bar(&r_bar, n, total, elapsed, rate, unit, postfix);
    if (ncols == 0) {  /* no bar, and no trimming: l_bar[:-1] + r_bar[1:] */
      snprintf(buf, cap, "%.*s%s", (int)l_bar.len - 1, gt_sbuf_cstr(&l_bar), gt_sbuf_cstr(&r_bar) + 1);
      gt_sbuf_free(&l_bar);
      gt_sbuf_free(&r_bar);
      gt_sbuf_free(&b);
      return;
    }
    int64_t width = 10;
    if (ncols >= 0) {
      int64_t rest = ncols - (int64_t)disp_len(gt_sbuf_cstr(&l_bar)) - (int64_t)disp_len(gt_sbuf_cstr(&r_bar));
      width = rest > 1 ? rest : 1;
    }
    gt_sbuf_puts(&b, gt_sbuf_cstr(&l_bar));
    put_bar(&b, frac, width, ascii);
    gt_sbuf_puts(&b, gt_sbuf_cstr(&r_bar));
    gt_sbuf_free(&l_bar);
    gt_sbuf_free(&r_bar);
  } else {
    if (prefix && *prefix) gt_sbuf_printf(&b, "%s: ", prefix);
    gt_sbuf_printf(&b, "%lld%s [", (long long)n, unit);
    format_interval(&b, elapsed);
    gt_sbuf_puts(&b, ", ");
    format_rate(&b, rate, unit);
    if (postfix && *postfix) gt_sbuf_printf(&b, ", %s", postfix);
    gt_sbuf_puts(&b, "]");
  }
  trim_to(buf, cap, gt_sbuf_cstr(&b), total > 0 ? ncols : -1);  /* tqdm trims a bar line only */
  gt_sbuf_free(&b);
}

/* Python's str.replace(old, new) on a NUL-terminated buffer, new shorter. */
static void replace_all(char *s, const char *old, const char *new_) {
  size_t lo = strlen(old), ln = strlen(new_);
  for (char *p = strstr(s, old); p; p = strstr(p + ln, old)) {
    memmove(p + ln, p + lo, strlen(p + lo) + 1);
    memcpy(p, new_, ln);
  }
}

void gt_tqdm_format_num(char *buf, size_t cap, double x) {
  gt_sbuf f, r;
  gt_sbuf_init(&f);
  gt_sbuf_init(&r);
  gt_double_to_string(&f, x, 'g', 3, 0, false);
  gt_double_to_string(&r, x, 'r', 0, GT_DTS_ADD_DOT_0, false);
  char g[64];
  snprintf(g, sizeof g, "%s", gt_sbuf_cstr(&f));
  replace_all(g, "+0", "+");
  replace_all(g, "-0", "-");
  snprintf(buf, cap, "%s", strlen(g) < r.len ? g : gt_sbuf_cstr(&r));
  gt_sbuf_free(&f);
  gt_sbuf_free(&r);
}

/* ---- the bar ------------------------------------------------------------------ */

static void tqdm_drop(gt_obj *o) {
  gt_tqdm *t = (gt_tqdm *)o;
  gt_tqdm_close(t);
  if (t->iterable) gt_release(t->iterable);
  free(t->desc);
  free(t->postfix);
  free(t->unit);
}

const gt_class gt_tqdm_class = {"tqdm", tqdm_drop, NULL, NULL, NULL, NULL, NULL};

static char *dup_or_empty(const char *s) {
  return strdup(s ? s : "");
}

/* tqdm's ncols: the terminal's columns, else $COLUMNS - 1, else none. */
static int64_t screen_cols(void) {
  struct winsize ws;
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col) return ws.ws_col;
  const char *env = getenv("COLUMNS");
  return env && atoi(env) > 0 ? atoi(env) - 1 : -1;
}

/* tqdm draws blocks where the output encoding is UTF-8: Python's stderr's,
 * which the locale names, the C / POSIX locale (or none) coerced to UTF-8. */
static bool locale_is_utf8(void) {
  const char *vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
  for (int i = 0; i < 3; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v) {
      if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0) return true;
      return strstr(v, "UTF-8") || strstr(v, "utf-8") || strstr(v, "utf8") || strstr(v, "UTF8");
    }
  }
  return true;
}

static void draw(gt_tqdm *t, const char *end) {
  /* room for the description, the postfix, a bar of ncols blocks of up to
     3 UTF-8 bytes, and the numbers: a long description is not cut */
  size_t cap = strlen(t->desc) + strlen(t->postfix) + strlen(t->unit) * 2 + 3 * (size_t)(t->ncols > 0 ? t->ncols : 0) + 256;
  char *line = gt_xmalloc(cap);
  double elapsed = gt_time_perf_counter() - t->start_t;
  double rate = t->dt.calls && ema_value(&t->dt) ? ema_value(&t->dn) / ema_value(&t->dt) : NAN;
  gt_tqdm_format_meter(line, cap, t->n, t->total, elapsed, t->ncols, t->desc, t->ascii, t->unit, t->postfix, rate);
  size_t len = disp_len(line);
  fflush(stdout);  /* what the program printed comes first */
  fprintf(stderr, "\r%s%*s%s", line, (int)(t->last_len > len ? t->last_len - len : 0), "", end);
  fflush(stderr);
  t->last_len = len;
  free(line);
}

gt_tqdm *gt_tqdm_new(gt_obj *iterable, const char *desc, int64_t total, bool leave, int64_t ncols,
                     double mininterval, bool disable, const char *unit, int64_t ascii) {
  gt_tqdm *t = gt_alloc(sizeof *t, &gt_tqdm_class);
  if (iterable) gt_retain(iterable);
  t->iterable = iterable;
  t->total = total != GT_NONE_INT ? total : -1;
  t->ncols = ncols != GT_NONE_INT ? ncols : screen_cols();
  t->desc = dup_or_empty(desc);
  t->postfix = dup_or_empty(NULL);
  t->unit = dup_or_empty(unit ? unit : "it");
  t->leave = leave;
  t->disable = disable;
  t->ascii = ascii != GT_NONE_INT ? ascii != 0 : !locale_is_utf8();
  t->mininterval = mininterval;
  t->start_t = t->last_print_t = gt_time_perf_counter();
  if (!disable) draw(t, "");
  return t;
}

void gt_tqdm_refresh(gt_tqdm *t) {
  if (!t->disable) draw(t, "");
}

void gt_tqdm_update(gt_tqdm *t, int64_t n) {
  if (t->disable) return;
  t->n += n;
  double now = gt_time_perf_counter(), dt = now - t->last_print_t;
  if (dt < t->mininterval) return;
  int64_t dn = t->n - t->last_print_n;
  if (dt && dn) {
    ema_add(&t->dn, (double)dn);
    ema_add(&t->dt, dt);
  }
  gt_tqdm_refresh(t);
  t->last_print_n = t->n;
  t->last_print_t = now;
}

void gt_tqdm_step(gt_tqdm *t) { gt_tqdm_update(t, 1); }

void gt_tqdm_close(gt_tqdm *t) {
  if (t->disable) return;
  t->disable = true;
  if (t->leave) {
    t->dt.calls = 0;  /* the final line shows the overall rate, as tqdm's */
    draw(t, "\n");
  } else {
    fprintf(stderr, "\r%*s\r", (int)t->last_len, "");
    fflush(stderr);
  }
}

/* tqdm's format_num of an int: '{0:.3g}' where shorter than str(n). */
static void format_int(char *buf, size_t cap, int64_t n) {
  char g[64], whole[32];
  gt_tqdm_format_num(g, sizeof g, (double)n);
  snprintf(whole, sizeof whole, "%lld", (long long)n);
  snprintf(buf, cap, "%s", strlen(g) < strlen(whole) && strchr(g, 'e') ? g : whole);
}

/* A number of set_postfix (an int, a float or a bool) by format_num. */
static void postfix_number(char *buf, size_t cap, const gt_dyn *v) {
  const gt_type *t = gt_union_type(v);
  gt_val x = gt_union_get(v, t);
  if (t->kind == GT_K_FLOAT) gt_tqdm_format_num(buf, cap, x.f);
  else format_int(buf, cap, t->kind == GT_K_BOOL ? x.b : x.i);
}

/* set_postfix(**kwargs): sorted by key, `key=value`, ", " between. */
void gt_tqdm_set_postfix(gt_tqdm *t, bool refresh, const char *const *names, gt_dyn *const *values,
                         int64_t n) {
  int64_t *order = gt_xmalloc((size_t)(n ? n : 1) * sizeof *order);
  for (int64_t i = 0; i < n; i++) {
    int64_t j = i;
    for (; j > 0 && strcmp(names[order[j - 1]], names[i]) > 0; j--) order[j] = order[j - 1];
    order[j] = i;
  }
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (int64_t i = 0; i < n; i++) {
    char num[64];
    const gt_dyn *v = values[order[i]];
    if (gt_union_type(v)->kind == GT_K_STR) {  /* a str of any length, as it is */
      const gt_str *s = gt_union_get(v, &gt_t_str).p;
      gt_sbuf_printf(&b, "%s%s=%.*s", i ? ", " : "", names[order[i]], (int)s->len, s->data);
      continue;
    }
    postfix_number(num, sizeof num, v);
    gt_sbuf_printf(&b, "%s%s=%s", i ? ", " : "", names[order[i]], num);
  }
  free(order);
  free(t->postfix);
  t->postfix = strdup(gt_sbuf_cstr(&b));
  gt_sbuf_free(&b);
  if (refresh) gt_tqdm_refresh(t);
}

void gt_tqdm_set_postfix_str(gt_tqdm *t, const char *s, bool refresh) {
  free(t->postfix);
  t->postfix = dup_or_empty(s);
  if (refresh) gt_tqdm_refresh(t);
}

/* set_description("epoch 2") shows "epoch 2: ". */
void gt_tqdm_set_description(gt_tqdm *t, const char *desc, bool refresh) {
  free(t->desc);
  t->desc = dup_or_empty(desc);
  if (refresh) gt_tqdm_refresh(t);
}

int64_t gt_tqdm_n(gt_tqdm *t) { return t->n; }
int64_t gt_tqdm_total(gt_tqdm *t) { return t->total; }
gt_obj *gt_tqdm_iterable(gt_tqdm *t) { return t->iterable; }

int64_t gt_tqdm_len(gt_tqdm *t) {
  if (t->total < 0) gt_fail("len() of a tqdm without a total");
  return t->total;
}

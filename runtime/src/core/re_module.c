/* re_module.c - Python 3.11's re module over the engine of re.c: Pattern
 * and Match objects, finditer's iterator, the module's functions with
 * CPython's cache of compiled patterns, and re.error.
 *
 * A call decodes its string once into code points (a subject, shared by
 * the matches it makes), runs the engine on them and cuts the results out
 * of the subject. The loops of findall, finditer, sub and split are
 * CPython's (Modules/_sre/sre.c): each search starts where the last match
 * ended, with must_advance after an empty match, so an empty match may
 * follow a non-empty one but not another empty one at the same place. */
#include "core_internal.h"
#include "gtorch_re.h"
#include "re_internal.h"

#include <pthread.h>
#include <stdlib.h>

/* ---- re.error ------------------------------------------------------------ */

static void re_error_drop(gt_obj *o) {
  gt_ReError *e = (gt_ReError *)o;
  gt_release(e->msg);
  gt_release(e->pattern);
  gt_exc_drop(o);
}

const gt_class gt_ReError_class = {"error", re_error_drop, gt_exc_str, gt_exc_repr, NULL, NULL, &gt_Exception_class};

/* re.error(msg) of a program: no pattern, no position. */
gt_ReError *gt_ReError_new(gt_str *msg) {
  gt_ReError *e = gt_alloc(sizeof *e, &gt_ReError_class);
  gt_exc_init(&e->exc, msg);
  e->msg = msg ? gt_retain(msg) : gt_str_empty();
  e->pos = e->lineno = e->colno = GT_NONE_INT;
  return e;
}

gt_str *gt_ReError_msg(gt_ReError *e) { return gt_retain(e->msg); }
gt_str *gt_ReError_pattern(gt_ReError *e) { return gt_retain(e->pattern); }
int64_t gt_ReError_pos(gt_ReError *e) { return e->pos; }
int64_t gt_ReError_lineno(gt_ReError *e) { return e->lineno; }
int64_t gt_ReError_colno(gt_ReError *e) { return e->colno; }

/* The engine's error raised as CPython raises it: re.error with its parts
 * (lineno and colno as re.error's __init__ counts them), or the other
 * class the engine names. Frees *err and pat (the pattern's code points). */
GT_NORETURN static void re_raise(gt_re_error *err, const gt_str *pattern, uint32_t *pat, int64_t n) {
  static const gt_class *const others[] = {
      [GT_RE_ERR_VALUE] = &gt_ValueError_class, [GT_RE_ERR_OVERFLOW] = &gt_OverflowError_class,
      [GT_RE_ERR_INDEX] = &gt_IndexError_class, [GT_RE_ERR_RECURSION] = &gt_RecursionError_class};
  gt_str *whole = gt_str_from_cstr(err->msg);
  gt_exc *e;
  if (err->kind != GT_RE_ERR_RE) {
    e = gt_exc_new(others[err->kind], whole);
  } else {
    gt_ReError *r = gt_alloc(sizeof *r, &gt_ReError_class);
    gt_exc_init(&r->exc, whole);
    r->msg = gt_str_new(err->msg, err->msg_len);
    r->pos = r->lineno = r->colno = GT_NONE_INT;
    /* CPython's compiler raises re.error(msg) alone (look-behind's width);
       its parser, with the pattern and a position */
    if (err->pos >= 0) {
      int64_t line = 1, last_nl = -1;
      for (int64_t i = 0; i < err->pos && i < n; i++)
        if (pat[i] == '\n') line++, last_nl = i;
      r->pattern = gt_retain((gt_str *)pattern);
      r->pos = err->pos, r->lineno = line, r->colno = err->pos - last_nl;
    }
    e = &r->exc;
  }
  gt_release(whole);
  gt_re_error_free(err);
  free(pat);
  gt_raise(e);
}

/* ---- subjects: a str as code points -------------------------------------- */

typedef struct re_subject {
  gt_obj h;
  gt_str *str;
  uint32_t *cp;
  int64_t n;
  bool ascii;   /* then code point i is byte i */
} re_subject;

static void subject_drop(gt_obj *o) {
  re_subject *s = (re_subject *)o;
  gt_release(s->str);
  free(s->cp);
}

static const gt_class subject_class = {"re_subject", subject_drop, NULL, NULL, NULL, NULL, NULL, NULL};

static uint32_t *re_decode(const char *s, int64_t len, int64_t *n) {
  uint32_t *cp = malloc(sizeof *cp * (size_t)(len + 1));
  if (!cp) gt_fail("MemoryError: out of memory");
  int64_t k = 0;
  for (int64_t pos = 0; pos < len;) cp[k++] = gt_utf8_decode(s, len, &pos);
  *n = k;
  return cp;
}

static re_subject *subject_new(const gt_str *str) {
  re_subject *s = gt_alloc(sizeof *s, &subject_class);
  s->str = gt_retain((gt_str *)str);
  s->ascii = gt_str_is_ascii(str);
  s->cp = re_decode(str->data, str->len, &s->n);
  return s;
}

/* The subject's code points [a, b) as a str. */
static gt_str *subject_text(const re_subject *s, int64_t a, int64_t b) {
  if (s->ascii) return gt_str_new(s->str->data + a, b - a);
  gt_sbuf buf;
  gt_sbuf_init(&buf);
  for (int64_t i = a; i < b; i++) {
    char u[4];
    gt_sbuf_put(&buf, u, (size_t)gt_utf8_encode(s->cp[i], u));
  }
  return gt_sbuf_finish(&buf);
}

static gt_str *text_of(const uint32_t *cp, int64_t n) {
  gt_sbuf buf;
  gt_sbuf_init(&buf);
  for (int64_t i = 0; i < n; i++) {
    char u[4];
    gt_sbuf_put(&buf, u, (size_t)gt_utf8_encode(cp[i], u));
  }
  return gt_sbuf_finish(&buf);
}

/* ---- Pattern ------------------------------------------------------------- */

struct gt_re_pattern {
  gt_obj h;
  gt_re *re;
  gt_str *pattern;
  int64_t flags, groups;
};

static void pattern_drop(gt_obj *o) {
  gt_re_pattern *p = (gt_re_pattern *)o;
  gt_re_free(p->re);
  gt_release(p->pattern);
}

/* CPython's pattern_repr: re.compile('...', re.IGNORECASE|re.MULTILINE),
 * re.UNICODE left out of a str pattern's flags, the pattern's repr cut at
 * 200 characters. */
static gt_str *pattern_repr(gt_obj *o) {
  static const struct { const char *name; int64_t value; } names[] = {
      {"re.TEMPLATE", GT_RE_T}, {"re.IGNORECASE", GT_RE_I}, {"re.LOCALE", GT_RE_L},
      {"re.MULTILINE", GT_RE_M}, {"re.DOTALL", GT_RE_S}, {"re.UNICODE", GT_RE_U},
      {"re.VERBOSE", GT_RE_X}, {"re.DEBUG", GT_RE_DEBUG}, {"re.ASCII", GT_RE_A}};
  gt_re_pattern *p = (gt_re_pattern *)o;
  int64_t flags = p->flags;
  if ((flags & (GT_RE_L | GT_RE_U | GT_RE_A)) == GT_RE_U) flags &= ~(int64_t)GT_RE_U;
  gt_str *r = gt_str_repr(p->pattern);
  gt_str *cut = gt_str_len(r) > 200 ? gt_str_slice(r, 0, 200, 1) : gt_retain(r);
  gt_release(r);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "re.compile(");
  gt_sbuf_put_str(&b, cut);
  gt_release(cut);
  if (flags) {
    gt_sbuf_puts(&b, ", ");
    const char *sep = "";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
      if (flags & names[i].value) {
        gt_sbuf_printf(&b, "%s%s", sep, names[i].name);
        flags &= ~names[i].value;
        sep = "|";
      }
    if (flags) gt_sbuf_printf(&b, "%s0x%llx", sep, (unsigned long long)flags);
  }
  gt_sbuf_putc(&b, ')');
  return gt_sbuf_finish(&b);
}

static const gt_class pattern_class = {"Pattern", pattern_drop, pattern_repr, pattern_repr, NULL, NULL, NULL, NULL};

static gt_re_pattern *pattern_compile(const gt_str *pattern, int64_t flags) {
  int64_t n;
  uint32_t *pat = re_decode(pattern->data, pattern->len, &n);
  gt_re_error err = {0};
  gt_re *re = gt_re_compile(pat, n, (int)flags, &err);
  if (!re) re_raise(&err, pattern, pat, n);
  free(pat);
  gt_re_pattern *p = gt_alloc(sizeof *p, &pattern_class);
  p->re = re;
  p->pattern = gt_retain((gt_str *)pattern);
  p->flags = gt_re_flags(re);
  p->groups = gt_re_groups(re);
  return p;
}

/* CPython's module functions keep the last 512 patterns they compiled,
 * keyed by the pattern and the flags as given. The cache's patterns live
 * for the whole run (so that threads may share them without counting
 * references); past 512, patterns are compiled afresh. */
enum { RE_CACHE_MAX = 512 };
typedef struct re_cached {
  int64_t flags;
  gt_re_pattern *p;
} re_cached;
static re_cached re_cache[RE_CACHE_MAX];
static int64_t re_cache_len;
static pthread_mutex_t re_cache_lock = PTHREAD_MUTEX_INITIALIZER;

static gt_re_pattern *cache_find(const gt_str *pattern, int64_t flags) {
  for (int64_t i = 0; i < re_cache_len; i++)
    if (re_cache[i].flags == flags && gt_str_eq(re_cache[i].p->pattern, pattern)) return re_cache[i].p;
  return NULL;
}

gt_re_pattern *gt_re_compile_str(const gt_str *pattern, int64_t flags) {
  pthread_mutex_lock(&re_cache_lock);
  gt_re_pattern *p = cache_find(pattern, flags);
  pthread_mutex_unlock(&re_cache_lock);
  if (p) return gt_retain(p);
  p = pattern_compile(pattern, flags);
  pthread_mutex_lock(&re_cache_lock);
  if (re_cache_len < RE_CACHE_MAX && !cache_find(pattern, flags)) {
    p->h.rc = GT_IMMORTAL;
    re_cache[re_cache_len++] = (re_cached){flags, p};
  }
  pthread_mutex_unlock(&re_cache_lock);
  return p;
}

/* re.purge() empties CPython's cache, which changes nothing but memory.
 * The cached patterns here may be held anywhere without counted references,
 * so they cannot be freed: forgetting them would only compile them again. */
void gt_re_purge(void) {}

gt_re_pattern *gt_re_compile_pattern(gt_re_pattern *p, int64_t flags) {
  if (flags) gt_fail("ValueError: cannot process flags argument with a compiled pattern");
  return gt_retain(p);
}

gt_str *gt_re_escape_str(const gt_str *s) {
  int64_t n;
  uint32_t *cp = re_decode(s->data, s->len, &n);
  gt_re_buf out = {0};
  gt_re_escape(cp, n, &out);
  free(cp);
  gt_str *r = text_of(out.data, out.len);
  gt_re_buf_free(&out);
  return r;
}

gt_str *gt_re_pattern_pattern(gt_re_pattern *p) { return gt_retain(p->pattern); }
int64_t gt_re_pattern_flags(gt_re_pattern *p) { return p->flags; }
int64_t gt_re_pattern_groups(gt_re_pattern *p) { return p->groups; }

gt_dict *gt_re_pattern_groupindex(gt_re_pattern *p) {
  static const gt_type *const args[] = {&gt_t_str, &gt_t_int};
  static const gt_type dict_str_int = {GT_K_DICT, 2, args, NULL};
  gt_dict *d = gt_dict_new(&dict_str_int);
  for (int64_t g = 1; g <= p->groups; g++) {
    int64_t n;
    const uint32_t *name = gt_re_group_name(p->re, g, &n);
    if (!name) continue;
    gt_str *key = text_of(name, n);
    gt_dict_set(d, (gt_val){.p = key}, (gt_val){.i = g});
    gt_release(key);
  }
  return d;
}

/* ---- Match --------------------------------------------------------------- */

struct gt_re_match {
  gt_obj h;
  gt_re_pattern *re;
  re_subject *subj;
  int64_t pos, endpos, lastindex;
  int64_t spans[];   /* start and end of the match, then of each group; -1 for none */
};

static void match_drop(gt_obj *o) {
  gt_re_match *m = (gt_re_match *)o;
  gt_release(m->re);
  gt_release(m->subj);
}

/* CPython's match_repr: <re.Match object; span=(0, 3), match='abc'>, the
 * match's repr cut at 50 characters. */
static gt_str *match_repr(gt_obj *o) {
  gt_re_match *m = (gt_re_match *)o;
  gt_str *text = subject_text(m->subj, m->spans[0], m->spans[1]);
  gt_str *r = gt_str_repr(text);
  gt_release(text);
  gt_str *cut = gt_str_len(r) > 50 ? gt_str_slice(r, 0, 50, 1) : gt_retain(r);
  gt_release(r);
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "<re.Match object; span=(%lld, %lld), match=", (long long)m->spans[0], (long long)m->spans[1]);
  gt_sbuf_put_str(&b, cut);
  gt_sbuf_putc(&b, '>');
  gt_release(cut);
  return gt_sbuf_finish(&b);
}

static const gt_class match_class = {"Match", match_drop, match_repr, match_repr, NULL, NULL, NULL, NULL};

GT_NORETURN static void fail_span(void) {
  gt_fail("SystemError: The span of capturing group is wrong, please report a bug for the re module.");
}

/* One run of the engine over the subject; a Match, or NULL for none. A
 * match in which a group ends before it starts is CPython's SystemError
 * where the groups are read (check_spans), which all but re.sub with a
 * replacement of no group reference do. */
static gt_re_match *run_checked(gt_re_pattern *p, re_subject *s, int64_t pos, int64_t endpos, int mode,
                                bool must_advance, bool check_spans) {
  int64_t nspans = 2 * (p->groups + 1), last;
  gt_re_match *m = gt_alloc(sizeof *m + sizeof(int64_t) * (size_t)nspans, &match_class);
  int r = gt_re_exec(p->re, s->cp, s->n, pos, endpos, mode, must_advance, m->spans, &last);
  if (r == 0) {
    gt_dealloc(&m->h);
    return NULL;
  }
  m->re = gt_retain(p);
  m->subj = gt_retain(s);
  m->pos = pos < 0 ? 0 : pos > s->n ? s->n : pos;
  m->endpos = endpos < 0 ? 0 : endpos > s->n ? s->n : endpos;
  m->lastindex = last < 0 ? GT_NONE_INT : last;
  if (r < 0 && check_spans) {
    gt_release(m);
    fail_span();
  }
  return m;
}

static gt_re_match *run(gt_re_pattern *p, re_subject *s, int64_t pos, int64_t endpos, int mode, bool must_advance) {
  return run_checked(p, s, pos, endpos, mode, must_advance, true);
}

static gt_re_match *run_once(gt_re_pattern *p, const gt_str *str, int64_t pos, int64_t endpos, int mode) {
  re_subject *s = subject_new(str);
  gt_re_match *m = run(p, s, pos, endpos, mode, false);
  gt_release(s);
  return m;
}

gt_re_match *gt_re_pattern_match(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos) {
  return run_once(p, s, pos, endpos, GT_RE_MATCH);
}
gt_re_match *gt_re_pattern_search(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos) {
  return run_once(p, s, pos, endpos, GT_RE_SEARCH);
}
gt_re_match *gt_re_pattern_fullmatch(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos) {
  return run_once(p, s, pos, endpos, GT_RE_FULLMATCH);
}

/* A group's index from its number (IndexError: no such group). */
static int64_t group_index(const gt_re_match *m, int64_t g) {
  if (g < 0 || g > m->re->groups) gt_fail("IndexError: no such group");
  return g;
}

static int64_t group_named(const gt_re_match *m, const gt_str *name) {
  int64_t n;
  uint32_t *cp = re_decode(name->data, name->len, &n);
  int64_t g = gt_re_group_index(m->re->re, cp, n);
  free(cp);
  if (g < 0) gt_fail("IndexError: no such group");
  return g;
}

/* Group g's text; dflt (NULL: none) where it took no part in the match. */
static gt_str *group_text(const gt_re_match *m, int64_t g, const gt_str *dflt) {
  int64_t a = m->spans[2 * g], b = m->spans[2 * g + 1];
  if (a >= 0) return subject_text(m->subj, a, b);
  if (dflt) return gt_retain((gt_str *)dflt);
  gt_fail("TypeError: group %lld took no part in the match, so Python's value is None, which a str "
          "cannot hold: test m.start(%lld) != -1 first, or give groups() a default",
          (long long)g, (long long)g);
}

gt_str *gt_re_match_group0(gt_re_match *m) { return group_text(m, 0, NULL); }
gt_str *gt_re_match_group(gt_re_match *m, int64_t g) { return group_text(m, group_index(m, g), NULL); }
gt_str *gt_re_match_group_named(gt_re_match *m, const gt_str *name) {
  return group_text(m, group_named(m, name), NULL);
}

/* A tuple[str, ...] of the texts of groups gs (malloc'd, freed here), each
 * checked before anything is made: a bad group, or one of no part without
 * a default, fails first. */
static gt_tuple *texts_of(gt_re_match *m, int64_t *gs, int64_t n, const gt_str *dflt) {
  for (int64_t i = 0; i < n; i++) {
    int64_t g = gs[i];
    bool bad = g < 0 || g > m->re->groups;
    if (bad || (m->spans[2 * g] < 0 && !dflt)) {
      free(gs);
      group_text(m, group_index(m, g), NULL);
    }
  }
  gt_val *items = calloc(n > 0 ? (size_t)n : 1, sizeof *items);
  if (!items) gt_fail("MemoryError: out of memory");
  for (int64_t i = 0; i < n; i++) items[i].p = group_text(m, gs[i], dflt);
  free(gs);
  gt_tuple *t = gt_tuple_of_elems(&gt_t_str, n, items);
  for (int64_t i = 0; i < n; i++) gt_release(items[i].p);
  free(items);
  return t;
}

static int64_t *group_array(int64_t n) {
  int64_t *gs = malloc(sizeof *gs * (n > 0 ? (size_t)n : 1));
  if (!gs) gt_fail("MemoryError: out of memory");
  return gs;
}

gt_tuple *gt_re_match_group_n(gt_re_match *m, int64_t g1, int64_t g2, const int64_t *more, int64_t nmore) {
  int64_t *gs = group_array(2 + nmore);
  gs[0] = g1, gs[1] = g2;
  for (int64_t i = 0; i < nmore; i++) gs[2 + i] = more[i];
  return texts_of(m, gs, 2 + nmore, NULL);
}

static gt_tuple *groups_of(gt_re_match *m, const gt_str *dflt) {
  int64_t *gs = group_array(m->re->groups);
  for (int64_t i = 0; i < m->re->groups; i++) gs[i] = i + 1;
  return texts_of(m, gs, m->re->groups, dflt);
}

gt_tuple *gt_re_match_groups(gt_re_match *m) { return groups_of(m, NULL); }
gt_tuple *gt_re_match_groups_default(gt_re_match *m, const gt_str *dflt) { return groups_of(m, dflt); }

static gt_dict *groupdict_of(gt_re_match *m, const gt_str *dflt) {
  static const gt_type *const args[] = {&gt_t_str, &gt_t_str};
  static const gt_type dict_str_str = {GT_K_DICT, 2, args, NULL};
  for (int64_t g = 1; g <= m->re->groups; g++) {
    int64_t n;
    if (gt_re_group_name(m->re->re, g, &n) && m->spans[2 * g] < 0 && !dflt) group_text(m, g, NULL);
  }
  gt_dict *d = gt_dict_new(&dict_str_str);
  for (int64_t g = 1; g <= m->re->groups; g++) {
    int64_t n;
    const uint32_t *name = gt_re_group_name(m->re->re, g, &n);
    if (!name) continue;
    gt_str *key = text_of(name, n), *value = group_text(m, g, dflt);
    gt_dict_set(d, (gt_val){.p = key}, (gt_val){.p = value});
    gt_release(key);
    gt_release(value);
  }
  return d;
}

gt_dict *gt_re_match_groupdict(gt_re_match *m) { return groupdict_of(m, NULL); }
gt_dict *gt_re_match_groupdict_default(gt_re_match *m, const gt_str *dflt) { return groupdict_of(m, dflt); }

int64_t gt_re_match_start(gt_re_match *m, int64_t g) { return m->spans[2 * group_index(m, g)]; }
int64_t gt_re_match_start_named(gt_re_match *m, const gt_str *name) { return m->spans[2 * group_named(m, name)]; }
int64_t gt_re_match_end(gt_re_match *m, int64_t g) { return m->spans[2 * group_index(m, g) + 1]; }
int64_t gt_re_match_end_named(gt_re_match *m, const gt_str *name) { return m->spans[2 * group_named(m, name) + 1]; }

static gt_tuple *span_of(const gt_re_match *m, int64_t g) {
  static const gt_type *const args[] = {&gt_t_int, &gt_t_int};
  static const gt_type pair = {GT_K_TUPLE, 2, args, NULL};
  return gt_tuple_of(&pair, (gt_val){.i = m->spans[2 * g]}, (gt_val){.i = m->spans[2 * g + 1]});
}

gt_tuple *gt_re_match_span(gt_re_match *m, int64_t g) { return span_of(m, group_index(m, g)); }
gt_tuple *gt_re_match_span_named(gt_re_match *m, const gt_str *name) { return span_of(m, group_named(m, name)); }

int64_t gt_re_match_pos(gt_re_match *m) { return m->pos; }
int64_t gt_re_match_endpos(gt_re_match *m) { return m->endpos; }
int64_t gt_re_match_lastindex(gt_re_match *m) { return m->lastindex; }
gt_re_pattern *gt_re_match_re(gt_re_match *m) { return gt_retain(m->re); }
gt_str *gt_re_match_string(gt_re_match *m) { return gt_retain(m->subj->str); }

gt_str *gt_re_match_lastgroup(gt_re_match *m) {
  if (m->lastindex == GT_NONE_INT) return NULL;
  int64_t n;
  const uint32_t *name = gt_re_group_name(m->re->re, m->lastindex, &n);
  return name ? text_of(name, n) : NULL;
}

/* A template of the pattern (re.error for a bad one). */
static gt_re_template *template_of(gt_re_pattern *p, const gt_str *repl) {
  int64_t n;
  uint32_t *cp = re_decode(repl->data, repl->len, &n);
  gt_re_error err = {0};
  gt_re_template *t = gt_re_template_compile(p->re, cp, n, &err);
  if (!t) re_raise(&err, repl, cp, n);
  free(cp);
  return t;
}

gt_str *gt_re_match_expand(gt_re_match *m, const gt_str *tmpl) {
  gt_re_template *t = template_of(m->re, tmpl);
  gt_re_buf out = {0};
  gt_re_template_expand(t, m->subj->cp, m->spans, &out);
  gt_re_template_free(t);
  gt_str *r = text_of(out.data, out.len);
  gt_re_buf_free(&out);
  return r;
}

/* ---- finditer ------------------------------------------------------------ */

/* CPython's scanner: where the next search starts (-1 when done), and
 * whether the last match was empty there. */
struct gt_re_iter {
  gt_obj h;
  gt_re_pattern *re;
  re_subject *subj;
  int64_t pos, start, endpos;
  bool must_advance;
};

static void iter_drop(gt_obj *o) {
  gt_re_iter *it = (gt_re_iter *)o;
  gt_release(it->re);
  gt_release(it->subj);
}

static const gt_class iter_class = {"callable_iterator", iter_drop, NULL, NULL, NULL, NULL, NULL, NULL};

gt_re_iter *gt_re_pattern_finditer(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos) {
  gt_re_iter *it = gt_alloc(sizeof *it, &iter_class);
  it->re = gt_retain(p);
  it->subj = subject_new(s);
  it->start = it->pos = pos < 0 ? 0 : pos > it->subj->n ? it->subj->n : pos;
  it->endpos = endpos;
  return it;
}

gt_re_iter *gt_re_iter_iter(gt_re_iter *it) { return gt_retain(it); }

int gt_re_iter_next(gt_re_iter *it, gt_re_match **out) {
  *out = NULL;
  if (it->start < 0) return 0;
  gt_re_match *m = run(it->re, it->subj, it->start, it->endpos, GT_RE_SEARCH, it->must_advance);
  if (!m) {
    it->start = -1;
    return 0;
  }
  m->pos = it->pos;   /* the Match's pos is finditer's, not this search's */
  it->must_advance = m->spans[1] == m->spans[0];
  it->start = m->spans[1];
  *out = m;
  return 1;
}

/* ---- findall, split ------------------------------------------------------- */

gt_list *gt_re_pattern_findall(gt_re_pattern *p, const gt_str *str, int64_t pos, int64_t endpos) {
  if (p->groups > 1)
    gt_fail("TypeError: findall() of a pattern of %lld groups gives Python's list of tuples, and a "
            "list[str] is declared: use finditer() and m.groups()", (long long)p->groups);
  re_subject *s = subject_new(str);
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t start = pos < 0 ? 0 : pos > s->n ? s->n : pos;
  bool must_advance = false;
  for (;;) {
    gt_re_match *m = run(p, s, start, endpos, GT_RE_SEARCH, must_advance);
    if (!m) break;
    int64_t g = p->groups;   /* 0: the match; 1: group 1, "" where it took no part */
    gt_str *item = m->spans[2 * g] < 0 ? gt_str_empty() : subject_text(s, m->spans[2 * g], m->spans[2 * g + 1]);
    gt_list_append(l, (gt_val){.p = item});
    gt_release(item);
    must_advance = m->spans[1] == m->spans[0];
    start = m->spans[1];
    gt_release(m);
  }
  gt_release(s);
  return l;
}

gt_list *gt_re_pattern_split(gt_re_pattern *p, const gt_str *str, int64_t maxsplit) {
  re_subject *s = subject_new(str);
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  int64_t last = 0, n = 0;
  bool must_advance = false;
  while (maxsplit == 0 || n < maxsplit) {
    gt_re_match *m = run(p, s, last, s->n, GT_RE_SEARCH, must_advance);
    if (!m) break;
    gt_str *piece = subject_text(s, last, m->spans[0]);
    gt_list_append(l, (gt_val){.p = piece});
    gt_release(piece);
    for (int64_t g = 1; g <= p->groups; g++) {
      if (m->spans[2 * g] < 0) {
        gt_release(l);
        gt_release(s);
        gt_release(m);
        gt_fail("TypeError: split(): group %lld took no part in a match, so Python's item is None, "
                "which a list[str] cannot hold", (long long)g);
      }
      piece = subject_text(s, m->spans[2 * g], m->spans[2 * g + 1]);
      gt_list_append(l, (gt_val){.p = piece});
      gt_release(piece);
    }
    n++;
    must_advance = m->spans[1] == m->spans[0];
    last = m->spans[1];
    gt_release(m);
  }
  gt_str *rest = subject_text(s, last, s->n);
  gt_list_append(l, (gt_val){.p = rest});
  gt_release(rest);
  gt_release(s);
  return l;
}

/* ---- sub, subn ------------------------------------------------------------ */

/* A replacement: a template, or a function of the Match (repl_fn). */
typedef struct re_repl {
  gt_re_template *tmpl;
  gt_fn *fn;
} re_repl;

/* Python's sub loop: the text between matches and each match's
 * replacement, joined, with the number of replacements in *count_out. The
 * function of a repl_fn is the program's and may raise: what the loop holds
 * meanwhile (the subject, the pieces, the match, the replacement) is in
 * holdings that the exception releases. */
static gt_str *substitute(gt_re_pattern *p, re_repl r, const gt_str *str, int64_t count, int64_t *count_out) {
  re_subject *volatile s = subject_new(str);
  gt_list *volatile pieces = gt_list_new(&gt_t_list_str, 0);
  gt_re_match *volatile m = NULL;
  gt_str *volatile piece = NULL;
  gt_holdings k = {.slots = (volatile void *const[]){&s, &pieces, &m, &piece}, .nslots = 4};
  gt_enter_holdings(&k);
  int64_t last = 0, n = 0;
  bool must_advance = false;
  const uint32_t *text;
  int64_t len;
  bool literal = r.tmpl && gt_re_template_is_literal(r.tmpl, &text, &len);
  while (count == 0 || n < count) {
    m = run_checked(p, s, last, s->n, GT_RE_SEARCH, must_advance, r.fn || !literal);
    if (!m) break;
    if (last < m->spans[0]) {
      piece = subject_text(s, last, m->spans[0]);
      gt_list_append(pieces, (gt_val){.p = piece});
      gt_release(piece), piece = NULL;
    }
    if (r.fn) {
      piece = ((gt_str * (*)(gt_fn *, gt_re_match *)) r.fn->code)(r.fn, m);
    } else {
      gt_re_buf out = {0};
      gt_re_template_expand(r.tmpl, s->cp, m->spans, &out);
      piece = text_of(out.data, out.len);
      gt_re_buf_free(&out);
    }
    gt_list_append(pieces, (gt_val){.p = piece});
    gt_release(piece), piece = NULL;
    n++;
    must_advance = m->spans[1] == m->spans[0];
    last = m->spans[1];
    gt_release(m), m = NULL;
  }
  gt_leave_holdings(&k);
  if (last < s->n) {
    gt_str *rest = subject_text(s, last, s->n);
    gt_list_append(pieces, (gt_val){.p = rest});
    gt_release(rest);
  }
  gt_str *empty = gt_str_empty();
  gt_str *result = gt_str_join(empty, pieces);
  gt_release(empty);
  gt_release(pieces);
  gt_release(s);
  *count_out = n;
  return result;
}

/* A template of no group reference is inserted as it is; one that refers to
 * groups reads them, and a match whose spans are wrong (gt_re_exec's -1)
 * then fails in run() as CPython's does. */
static gt_str *sub_template(gt_re_pattern *p, const gt_str *repl, const gt_str *s, int64_t count, int64_t *n) {
  gt_re_template *t = template_of(p, repl);
  gt_str *r = substitute(p, (re_repl){t, NULL}, s, count, n);
  gt_re_template_free(t);
  return r;
}

static gt_tuple *with_count(gt_str *text, int64_t n) {
  static const gt_type *const args[] = {&gt_t_str, &gt_t_int};
  static const gt_type pair = {GT_K_TUPLE, 2, args, NULL};
  gt_tuple *t = gt_tuple_of(&pair, (gt_val){.p = text}, (gt_val){.i = n});
  gt_release(text);
  return t;
}

gt_str *gt_re_pattern_sub(gt_re_pattern *p, const gt_str *repl, const gt_str *s, int64_t count) {
  int64_t n;
  return sub_template(p, repl, s, count, &n);
}

gt_str *gt_re_pattern_sub_fn(gt_re_pattern *p, gt_fn *repl, const gt_str *s, int64_t count) {
  int64_t n;
  return substitute(p, (re_repl){NULL, repl}, s, count, &n);
}

gt_tuple *gt_re_pattern_subn(gt_re_pattern *p, const gt_str *repl, const gt_str *s, int64_t count) {
  int64_t n;
  gt_str *text = sub_template(p, repl, s, count, &n);
  return with_count(text, n);
}

gt_tuple *gt_re_pattern_subn_fn(gt_re_pattern *p, gt_fn *repl, const gt_str *s, int64_t count) {
  int64_t n;
  gt_str *text = substitute(p, (re_repl){NULL, repl}, s, count, &n);
  return with_count(text, n);
}

/* ---- the module's functions ------------------------------------------------ */

#define RE_END INT64_MAX   /* endpos=sys.maxsize: to the end of the string */

/* Each compiles (from the cache) and calls the Pattern's method; the
 * pattern is released after, also where the method raises (a cached one is
 * immortal; one past the cache is the method's to hold while it runs). */
#define RE_WITH_PATTERN(T, CALL)                      \
  do {                                                \
    gt_re_pattern *volatile p = gt_re_compile_str(pattern, flags); \
    gt_holdings k = {.slots = (volatile void *const[]){&p}, .nslots = 1}; \
    gt_enter_holdings(&k);                            \
    T r = CALL;                                       \
    gt_leave_holdings(&k);                            \
    gt_release(p);                                    \
    return r;                                         \
  } while (0)

gt_re_match *gt_re_match_str(const gt_str *pattern, const gt_str *s, int64_t flags) {
  RE_WITH_PATTERN(gt_re_match *, gt_re_pattern_match(p, s, 0, RE_END));
}
gt_re_match *gt_re_search_str(const gt_str *pattern, const gt_str *s, int64_t flags) {
  RE_WITH_PATTERN(gt_re_match *, gt_re_pattern_search(p, s, 0, RE_END));
}
gt_re_match *gt_re_fullmatch_str(const gt_str *pattern, const gt_str *s, int64_t flags) {
  RE_WITH_PATTERN(gt_re_match *, gt_re_pattern_fullmatch(p, s, 0, RE_END));
}
gt_list *gt_re_findall_str(const gt_str *pattern, const gt_str *s, int64_t flags) {
  RE_WITH_PATTERN(gt_list *, gt_re_pattern_findall(p, s, 0, RE_END));
}
gt_re_iter *gt_re_finditer_str(const gt_str *pattern, const gt_str *s, int64_t flags) {
  RE_WITH_PATTERN(gt_re_iter *, gt_re_pattern_finditer(p, s, 0, RE_END));
}
gt_str *gt_re_sub_str(const gt_str *pattern, const gt_str *repl, const gt_str *s, int64_t count, int64_t flags) {
  RE_WITH_PATTERN(gt_str *, gt_re_pattern_sub(p, repl, s, count));
}
gt_str *gt_re_sub_fn_str(const gt_str *pattern, gt_fn *repl, const gt_str *s, int64_t count, int64_t flags) {
  RE_WITH_PATTERN(gt_str *, gt_re_pattern_sub_fn(p, repl, s, count));
}
gt_tuple *gt_re_subn_str(const gt_str *pattern, const gt_str *repl, const gt_str *s, int64_t count, int64_t flags) {
  RE_WITH_PATTERN(gt_tuple *, gt_re_pattern_subn(p, repl, s, count));
}
gt_tuple *gt_re_subn_fn_str(const gt_str *pattern, gt_fn *repl, const gt_str *s, int64_t count, int64_t flags) {
  RE_WITH_PATTERN(gt_tuple *, gt_re_pattern_subn_fn(p, repl, s, count));
}
gt_list *gt_re_split_str(const gt_str *pattern, const gt_str *s, int64_t maxsplit, int64_t flags) {
  RE_WITH_PATTERN(gt_list *, gt_re_pattern_split(p, s, maxsplit));
}

/* re.c - the regular-expression engine behind Python's re module.
 *
 * A pattern goes through the same three stages as in CPython 3.11: a parser
 * that builds a tree of (op, argument) nodes exactly as re/_parser.py does
 * (its error messages and positions included), a compiler that lowers the
 * tree to a flat program as re/_compiler.py does, and a backtracking matcher
 * that runs the program with the rules of Modules/_sre (the same choice
 * points, the same saving and restoring of group marks, the same guards
 * against repeating an empty match). Keeping the three stages that close to
 * CPython's is what makes the corner cases (which group a failed branch
 * leaves set, how (a|)* ends, what IGNORECASE matches) come out the same.
 *
 * The matcher keeps its backtracking state on heap stacks, never on the C
 * stack, so a long subject cannot overflow it. The parser and the compiler
 * recurse, but only as deep as the pattern nests, which is bounded the way
 * Python's recursion limit bounds it. */
#include "re_internal.h"

#include "core_internal.h"
#include "unicode_internal.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#define GT_RE_MAXREPEAT 4294967295u   /* sre's MAXREPEAT: "no upper bound" */
#define GT_RE_MAXGROUPS 1073741823    /* sre's MAXGROUPS */
#define GT_RE_MAXDEPTH 992            /* parser levels: 495 nested groups, as in CPython */

/* ---- growable arrays ---------------------------------------------------- */

static void gt_re_grow(void **data, int64_t *cap, int64_t need, size_t elem) {
  if (need <= *cap) return;
  int64_t c = *cap ? *cap : 8;
  while (c < need) c *= 2;
  *data = gt_xrealloc(*data, (size_t)c * elem);
  *cap = c;
}

#define GT_RE_RESERVE(arr, len, cap, extra) \
  gt_re_grow((void **)&(arr), &(cap), (len) + (extra), sizeof *(arr))
#define GT_RE_PUSH(arr, len, cap, val) \
  do { GT_RE_RESERVE(arr, len, cap, 1); (arr)[(len)++] = (val); } while (0)

/* A vector of 32-bit values: the parser's lists of nodes. */
typedef struct gt_re_ivec {
  int32_t *v;
  int64_t len, cap;
} gt_re_ivec;

void gt_re_buf_put(gt_re_buf *b, const uint32_t *s, int64_t n) {
  if (n <= 0) return;
  GT_RE_RESERVE(b->data, b->len, b->cap, n);
  memcpy(b->data + b->len, s, (size_t)n * sizeof *s);
  b->len += n;
}

static void gt_re_buf_putc(gt_re_buf *b, uint32_t c) { gt_re_buf_put(b, &c, 1); }

void gt_re_buf_free(gt_re_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* ---- characters --------------------------------------------------------- */

/* sre's sre_lower_unicode / sre_upper_unicode: the first code point of the
 * full mapping, which is what CPython's _PyUnicode_ToLowercase returns. */
static uint32_t gt_re_lower(uint32_t c) {
  if (c < 128) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  uint32_t m[GT_UCD_MAXMAP];
  gt_ucd_to_lower(c, m);
  return m[0];
}

static uint32_t gt_re_upper(uint32_t c) {
  uint32_t m[GT_UCD_MAXMAP];
  gt_ucd_to_upper(c, m);
  return m[0];
}

static bool gt_re_iscased(uint32_t c) { return gt_re_lower(c) != c || gt_re_upper(c) != c; }

static uint32_t gt_re_ascii_lower(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool gt_re_ascii_iscased(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool gt_re_isdigit_ascii(uint32_t c) { return c >= '0' && c <= '9'; }

static bool gt_re_isspace_ascii(uint32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool gt_re_isword_ascii(uint32_t c) {
  return c < 128 && (gt_re_ascii_iscased(c) || gt_re_isdigit_ascii(c) || c == '_');
}

/* str.isalnum() of one character, or '_'. */
static bool gt_re_isword(uint32_t c) {
  if (c < 128) return gt_re_isword_ascii(c);
  return gt_ucd_isalpha(c) || gt_ucd_isdecimal(c) || gt_ucd_isdigit(c) || gt_ucd_isnumeric(c);
}

/* Lowercase characters that share their uppercase with other lowercase
 * characters (CPython's re/_casefix.py): under IGNORECASE each also matches
 * the others, which lowering alone would miss. */
static const struct { uint16_t lower, other[2]; } gt_re_casefix[] = {
  {0x0069, {0x0131}}, {0x0073, {0x017f}}, {0x00b5, {0x03bc}}, {0x0131, {0x0069}},
  {0x017f, {0x0073}}, {0x0345, {0x03b9, 0x1fbe}}, {0x0390, {0x1fd3}}, {0x03b0, {0x1fe3}},
  {0x03b2, {0x03d0}}, {0x03b5, {0x03f5}}, {0x03b8, {0x03d1}}, {0x03b9, {0x0345, 0x1fbe}},
  {0x03ba, {0x03f0}}, {0x03bc, {0x00b5}}, {0x03c0, {0x03d6}}, {0x03c1, {0x03f1}},
  {0x03c2, {0x03c3}}, {0x03c3, {0x03c2}}, {0x03c6, {0x03d5}}, {0x03d0, {0x03b2}},
  {0x03d1, {0x03b8}}, {0x03d5, {0x03c6}}, {0x03d6, {0x03c0}}, {0x03f0, {0x03ba}},
  {0x03f1, {0x03c1}}, {0x03f5, {0x03b5}}, {0x0432, {0x1c80}}, {0x0434, {0x1c81}},
  {0x043e, {0x1c82}}, {0x0441, {0x1c83}}, {0x0442, {0x1c84, 0x1c85}}, {0x044a, {0x1c86}},
  {0x0463, {0x1c87}}, {0x1c80, {0x0432}}, {0x1c81, {0x0434}}, {0x1c82, {0x043e}},
  {0x1c83, {0x0441}}, {0x1c84, {0x0442, 0x1c85}}, {0x1c85, {0x0442, 0x1c84}},
  {0x1c86, {0x044a}}, {0x1c87, {0x0463}}, {0x1c88, {0xa64b}}, {0x1e61, {0x1e9b}},
  {0x1e9b, {0x1e61}}, {0x1fbe, {0x0345, 0x03b9}}, {0x1fd3, {0x0390}}, {0x1fe3, {0x03b0}},
  {0xa64b, {0x1c88}}, {0xfb05, {0xfb06}}, {0xfb06, {0xfb05}},
};

/* The other lowercase characters equivalent to `lower` (0 to 2 of them). */
static int gt_re_casefix_of(uint32_t lower, uint32_t out[2]) {
  int lo = 0, hi = (int)(sizeof gt_re_casefix / sizeof gt_re_casefix[0]) - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (gt_re_casefix[mid].lower == lower) {
      int n = 0;
      for (int i = 0; i < 2 && gt_re_casefix[mid].other[i]; i++) out[n++] = gt_re_casefix[mid].other[i];
      return n;
    }
    if (gt_re_casefix[mid].lower < lower) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/* The value of a Unicode decimal digit: decimal digits come in runs of ten
 * consecutive code points, 0 to 9, so count back to the start of the run. */
static int gt_re_decimal_value(uint32_t c) {
  uint32_t first = c;
  while (first > 0 && gt_ucd_isdecimal(first - 1)) first--;
  return (int)((c - first) % 10);
}

/* str.isidentifier(), with letters standing for XID_Start and letters and
 * decimal digits for XID_Continue (exact for ASCII names; combining marks
 * and the few other identifier characters outside these are not known). */
static bool gt_re_isidentifier(const uint32_t *s, int64_t n) {
  if (n == 0 || !(s[0] == '_' || gt_ucd_isalpha(s[0]))) return false;
  for (int64_t i = 1; i < n; i++)
    if (!(s[i] == '_' || gt_ucd_isalpha(s[i]) || gt_ucd_isdecimal(s[i]))) return false;
  return true;
}

/* ---- message text ------------------------------------------------------- */

static void gt_re_put_utf8(gt_sbuf *b, const uint32_t *s, int64_t n) {
  for (int64_t i = 0; i < n; i++) {
    char u[4];
    gt_sbuf_put(b, u, (size_t)gt_utf8_encode(s[i], u));
  }
}

/* Characters repr() escapes: controls, separators and the unassigned ends
 * of the ranges Python treats as not printable (an approximation outside
 * Latin-1, where Python consults the Unicode categories). */
static bool gt_re_isprintable(uint32_t c) {
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0xa0) || c == 0xad) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c == 0x2028 || c == 0x2029 || c == 0xfeff || (c >= 0x200b && c <= 0x200f)) return false;
  if (c > 0x10ffff) return false;
  return c == ' ' || !gt_ucd_isspace(c);
}

/* repr() of a str, as %r formats it in CPython's messages. */
static void gt_re_put_repr(gt_sbuf *b, const uint32_t *s, int64_t n) {
  bool has_single = false, has_double = false;
  for (int64_t i = 0; i < n; i++) {
    has_single |= s[i] == '\'';
    has_double |= s[i] == '"';
  }
  char quote = has_single && !has_double ? '"' : '\'';
  gt_sbuf_putc(b, quote);
  for (int64_t i = 0; i < n; i++) {
    uint32_t c = s[i];
    if (c == (uint32_t)quote || c == '\\') {
      gt_sbuf_putc(b, '\\');
      gt_sbuf_putc(b, (char)c);
    } else if (c == '\n') gt_sbuf_puts(b, "\\n");
    else if (c == '\r') gt_sbuf_puts(b, "\\r");
    else if (c == '\t') gt_sbuf_puts(b, "\\t");
    else if (gt_re_isprintable(c)) gt_re_put_utf8(b, &c, 1);
    else if (c < 0x100) gt_sbuf_printf(b, "\\x%02x", (unsigned)c);
    else if (c < 0x10000) gt_sbuf_printf(b, "\\u%04x", (unsigned)c);
    else gt_sbuf_printf(b, "\\U%08x", (unsigned)c);
  }
  gt_sbuf_putc(b, quote);
}

void gt_re_error_free(gt_re_error *err) {
  if (!err) return;
  free(err->msg);
  err->msg = NULL;
}

/* Fills *err as re.error(msg, pattern, pos) does: " at position N", and the
 * line and column when the pattern has more than one line. pos < 0: none. */
static void gt_re_set_error(gt_re_error *err, gt_re_errkind kind, gt_sbuf *msg,
                            const uint32_t *pat, int64_t n, int64_t pos) {
  err->kind = kind;
  err->pos = pos;
  err->msg_len = (int64_t)msg->len;
  if (pos >= 0) {
    gt_sbuf_printf(msg, " at position %lld", (long long)pos);
    bool multiline = false;
    int64_t line = 1, col = pos + 1;
    for (int64_t i = 0; i < n; i++) {
      if (pat[i] != '\n') continue;
      multiline = true;
      if (i < pos) {
        line++;
        col = pos - i;
      }
    }
    if (multiline) gt_sbuf_printf(msg, " (line %lld, column %lld)", (long long)line, (long long)col);
  }
  err->msg = gt_sbuf_finish_cstr(msg);
}

/* ---- the parse tree ----------------------------------------------------- */

/* Node kinds: the opcodes of re/_parser.py's SubPattern lists. */
enum {
  GT_RE_N_LITERAL, GT_RE_N_NOT_LITERAL, GT_RE_N_ANY, GT_RE_N_IN, GT_RE_N_AT,
  GT_RE_N_GROUPREF, GT_RE_N_BRANCH, GT_RE_N_SUBPATTERN, GT_RE_N_ATOMIC, GT_RE_N_REPEAT,
  GT_RE_N_ASSERT, GT_RE_N_ASSERT_NOT, GT_RE_N_GROUPREF_EXISTS,
};

/* Repeat kinds (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT). */
enum { GT_RE_GREEDY, GT_RE_LAZY, GT_RE_POSSESSIVE };

/* Positions for AT nodes and AT instructions. */
enum {
  GT_RE_AT_BEGINNING, GT_RE_AT_BEGINNING_LINE, GT_RE_AT_BEGINNING_STRING, GT_RE_AT_END,
  GT_RE_AT_END_LINE, GT_RE_AT_END_STRING, GT_RE_AT_BOUNDARY, GT_RE_AT_NON_BOUNDARY,
  GT_RE_AT_UNI_BOUNDARY, GT_RE_AT_UNI_NON_BOUNDARY,
};

/* Character categories; the ASCII flavour is the Unicode one plus 1. */
enum {
  GT_RE_CAT_DIGIT = 0, GT_RE_CAT_NOT_DIGIT = 2, GT_RE_CAT_SPACE = 4, GT_RE_CAT_NOT_SPACE = 6,
  GT_RE_CAT_WORD = 8, GT_RE_CAT_NOT_WORD = 10, GT_RE_CAT_ASCII = 1,
};

/* Items of a character set, as _parser.py lists them. */
enum { GT_RE_S_LITERAL, GT_RE_S_RANGE, GT_RE_S_CATEGORY, GT_RE_S_NEGATE };

typedef struct gt_re_setitem {
  uint8_t op;
  uint32_t lo, hi;   /* LITERAL: lo; RANGE: lo..hi; CATEGORY: lo */
} gt_re_setitem;

typedef struct gt_re_set {
  gt_re_setitem *v;
  int64_t len, cap;
} gt_re_set;

/* One (op, av) pair. Sub-lists are indexes into the parser's lists:
 * SUBPATTERN, ATOMIC, REPEAT and the assertions keep their body in `body`,
 * BRANCH keeps a list of alternatives (each a list) in `body`,
 * GROUPREF_EXISTS keeps yes in `body` and no in `alt` (-1 for none), IN keeps
 * its set index in `body`. */
typedef struct gt_re_node {
  uint8_t op, kind;          /* kind: repeat kind */
  int32_t add_flags, del_flags;
  int64_t a, b;              /* character, AT position, group, min and max, direction */
  int32_t body, alt;
} gt_re_node;

typedef struct gt_re_width {
  int64_t lo, hi;
} gt_re_width;

/* A token of the tokenizer: a character, or a backslash and a character. */
typedef struct gt_re_token {
  bool none;       /* the end of the pattern */
  bool escaped;    /* "\\" + c */
  uint32_t c;
} gt_re_token;

typedef struct gt_re_parser {
  const uint32_t *pat;
  int64_t n;
  int64_t index;           /* the position after `next` */
  gt_re_token next;
  int64_t depth;           /* levels of recursion (gt_re_enter) */
  /* the tree */
  gt_re_node *nodes;
  int64_t nnodes, nodes_cap;
  gt_re_ivec *lists;
  int64_t nlists, lists_cap;
  gt_re_set *sets;
  int64_t nsets, sets_cap;
  /* the State of _parser.py */
  int flags;
  int64_t groups;           /* groups opened, group 0 included */
  gt_re_width *groupwidths; /* lo < 0 while the group is open */
  int64_t groupwidths_cap;
  int32_t *names;           /* per group: a list of the name's characters, or -1 */
  int64_t names_cap;
  int64_t lookbehindgroups; /* -1 for None */
  int64_t *refpos;          /* (group, position) pairs of conditional group numbers */
  int64_t nrefpos, refpos_cap;
  /* scratch text for names and escapes (here so that an error frees it) */
  gt_re_buf name, esc;
  /* errors */
  jmp_buf fail;
  gt_re_error *err;
} gt_re_parser;

static int32_t gt_re_new_list(gt_re_parser *p) {
  gt_re_ivec empty = {0};
  GT_RE_PUSH(p->lists, p->nlists, p->lists_cap, empty);
  return (int32_t)(p->nlists - 1);
}

static void gt_re_list_push(gt_re_parser *p, int32_t list, int32_t item) {
  gt_re_ivec *l = &p->lists[list];
  GT_RE_PUSH(l->v, l->len, l->cap, item);
}

static int32_t gt_re_new_node(gt_re_parser *p, int op, int64_t a) {
  gt_re_node node = {.op = (uint8_t)op, .a = a, .body = -1, .alt = -1};
  GT_RE_PUSH(p->nodes, p->nnodes, p->nodes_cap, node);
  return (int32_t)(p->nnodes - 1);
}

/* Appends a new node to a list; returns the node. */
static int32_t gt_re_append(gt_re_parser *p, int32_t list, int op, int64_t a) {
  int32_t node = gt_re_new_node(p, op, a);
  gt_re_list_push(p, list, node);
  return node;
}

static int32_t gt_re_new_set(gt_re_parser *p) {
  gt_re_set empty = {0};
  GT_RE_PUSH(p->sets, p->nsets, p->sets_cap, empty);
  return (int32_t)(p->nsets - 1);
}

static void gt_re_set_add(gt_re_parser *p, int32_t set, int op, uint32_t lo, uint32_t hi) {
  gt_re_set *s = &p->sets[set];
  gt_re_setitem item = {(uint8_t)op, lo, hi};
  GT_RE_PUSH(s->v, s->len, s->cap, item);
}

static bool gt_re_setitem_eq(gt_re_setitem x, gt_re_setitem y) {
  if (x.op != y.op) return false;
  if (x.op == GT_RE_S_NEGATE) return true;
  return x.lo == y.lo && (x.op != GT_RE_S_RANGE || x.hi == y.hi);
}

/* _uniq: drops repeated items, keeping the first of each. */
static void gt_re_set_uniq(gt_re_parser *p, int32_t set) {
  gt_re_set *s = &p->sets[set];
  int64_t kept = 0;
  for (int64_t i = 0; i < s->len; i++) {
    bool seen = false;
    for (int64_t j = 0; j < kept && !seen; j++) seen = gt_re_setitem_eq(s->v[j], s->v[i]);
    if (!seen) s->v[kept++] = s->v[i];
  }
  s->len = kept;
}

static void gt_re_parser_free(gt_re_parser *p) {
  for (int64_t i = 0; i < p->nlists; i++) free(p->lists[i].v);
  for (int64_t i = 0; i < p->nsets; i++) free(p->sets[i].v);
  free(p->lists);
  free(p->sets);
  free(p->nodes);
  free(p->groupwidths);
  free(p->names);
  free(p->refpos);
  gt_re_buf_free(&p->name);
  gt_re_buf_free(&p->esc);
}

/* ---- errors while parsing ----------------------------------------------- */

/* Raises an error of `kind` with the message in b (taken) at pos. */
static _Noreturn void gt_re_raise(gt_re_parser *p, gt_re_errkind kind, gt_sbuf *b, int64_t pos) {
  gt_re_set_error(p->err, kind, b, p->pat, p->n, pos);
  longjmp(p->fail, 1);
}

static int64_t gt_re_tell(const gt_re_parser *p) {
  if (p->next.none) return p->index;
  return p->index - (p->next.escaped ? 2 : 1);
}

/* source.error(msg, offset): an re.error at tell() - offset. */
static _Noreturn void gt_re_fail(gt_re_parser *p, int64_t offset, const char *msg) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, msg);
  gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - offset);
}

/* Appends a token's text: "\\q" or "q". */
static void gt_re_put_token(gt_sbuf *b, gt_re_token t) {
  if (t.escaped) gt_sbuf_putc(b, '\\');
  gt_re_put_utf8(b, &t.c, 1);
}

/* ---- the tokenizer ------------------------------------------------------ */

static void gt_re_advance(gt_re_parser *p) {
  int64_t i = p->index;
  if (i >= p->n) {
    p->next = (gt_re_token){.none = true};
    return;
  }
  if (p->pat[i] != '\\') {
    p->next = (gt_re_token){.c = p->pat[i]};
    p->index = i + 1;
    return;
  }
  if (i + 1 >= p->n) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_puts(&b, "bad escape (end of pattern)");
    gt_re_raise(p, GT_RE_ERR_RE, &b, p->n - 1);
  }
  p->next = (gt_re_token){.escaped = true, .c = p->pat[i + 1]};
  p->index = i + 2;
}

static gt_re_token gt_re_get(gt_re_parser *p) {
  gt_re_token t = p->next;
  gt_re_advance(p);
  return t;
}

/* Whether the next token is the plain character c (consumed if so). */
static bool gt_re_accept(gt_re_parser *p, uint32_t c) {
  if (p->next.none || p->next.escaped || p->next.c != c) return false;
  gt_re_advance(p);
  return true;
}

static bool gt_re_next_is(const gt_re_parser *p, uint32_t c) {
  return !p->next.none && !p->next.escaped && p->next.c == c;
}

static bool gt_re_next_in(const gt_re_parser *p, const char *chars) {
  return !p->next.none && !p->next.escaped && p->next.c < 128 && p->next.c &&
         strchr(chars, (int)p->next.c);
}

static void gt_re_seek(gt_re_parser *p, int64_t index) {
  p->index = index;
  gt_re_advance(p);
}

#define GT_RE_DIGITS "0123456789"
#define GT_RE_OCTDIGITS "01234567"
#define GT_RE_HEXDIGITS "0123456789abcdefABCDEF"

/* getwhile(n, chars): up to n plain characters from the set, appended to b. */
static void gt_re_getwhile(gt_re_parser *p, int n, const char *chars, gt_re_buf *b) {
  for (int i = 0; i < n && gt_re_next_in(p, chars); i++) gt_re_buf_putc(b, gt_re_get(p).c);
}

/* getuntil(terminator, name): the text up to the terminator, each token as
 * written (escapes keep their backslash). */
static void gt_re_getuntil(gt_re_parser *p, uint32_t terminator, const char *name, gt_re_buf *out) {
  for (;;) {
    gt_re_token t = gt_re_get(p);
    if (t.none) {
      gt_sbuf b;
      gt_sbuf_init(&b);
      if (!out->len) {
        gt_sbuf_printf(&b, "missing %s", name);
        gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p));
      }
      gt_sbuf_puts(&b, "missing ");
      gt_re_put_utf8(&b, &terminator, 1);
      gt_sbuf_puts(&b, ", unterminated name");
      gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - out->len);
    }
    if (!t.escaped && t.c == terminator) {
      if (!out->len) {
        gt_sbuf b;
        gt_sbuf_init(&b);
        gt_sbuf_printf(&b, "missing %s", name);
        gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - 1);
      }
      return;
    }
    if (t.escaped) gt_re_buf_putc(out, '\\');
    gt_re_buf_putc(out, t.c);
  }
}

/* Raises prefix + repr(name) at tell() - offset. */
static _Noreturn void gt_re_fail_name(gt_re_parser *p, int64_t offset, const char *prefix,
                                      const gt_re_buf *name) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, prefix);
  gt_re_put_repr(&b, name->data, name->len);
  gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - offset);
}

static void gt_re_checkgroupname(gt_re_parser *p, const gt_re_buf *name, int64_t offset) {
  if (!gt_re_isidentifier(name->data, name->len))
    gt_re_fail_name(p, name->len + offset, "bad character in group name ", name);
}

/* ---- Python's int() of a group name ------------------------------------- */

/* int(text) for a group number: optional whitespace and sign, decimal digits
 * (any script) with single underscores between them. Fills *digits with the
 * ASCII digits and returns false where int() raises ValueError. The value
 * saturates at INT64_MAX. */
static bool gt_re_parse_int(const uint32_t *s, int64_t n, bool *negative, int64_t *value,
                            gt_re_buf *digits) {
  int64_t i = 0, end = n;
  while (i < end && gt_ucd_isspace(s[i])) i++;
  while (end > i && gt_ucd_isspace(s[end - 1])) end--;
  *negative = false;
  if (i < end && (s[i] == '+' || s[i] == '-')) *negative = s[i++] == '-';
  digits->len = 0;
  *value = 0;
  bool after_digit = false;
  for (; i < end; i++) {
    if (s[i] == '_' && after_digit && i + 1 < end && gt_ucd_isdecimal(s[i + 1])) {
      after_digit = false;
      continue;
    }
    if (!gt_ucd_isdecimal(s[i])) return false;
    int d = gt_re_decimal_value(s[i]);
    gt_re_buf_putc(digits, (uint32_t)('0' + d));
    *value = *value > (INT64_MAX - d) / 10 ? INT64_MAX : *value * 10 + d;
    after_digit = true;
  }
  return digits->len > 0;
}

/* Appends a number given as its decimal digits, as %d prints it. */
static void gt_re_put_digits(gt_sbuf *b, const gt_re_buf *digits) {
  int64_t i = 0;
  while (i + 1 < digits->len && digits->data[i] == '0') i++;
  gt_re_put_utf8(b, digits->data + i, digits->len - i);
}

/* ---- groups ------------------------------------------------------------- */

static bool gt_re_checkgroup(const gt_re_parser *p, int64_t gid) {
  return gid < p->groups && p->groupwidths[gid].lo >= 0;
}

static void gt_re_checklookbehindgroup(gt_re_parser *p, int64_t gid) {
  if (p->lookbehindgroups < 0) return;
  if (!gt_re_checkgroup(p, gid)) gt_re_fail(p, 0, "cannot refer to an open group");
  if (gid >= p->lookbehindgroups)
    gt_re_fail(p, 0, "cannot refer to group defined in the same lookbehind subpattern");
}

static bool gt_re_name_eq(const gt_re_parser *p, int32_t list, const uint32_t *s, int64_t n) {
  const gt_re_ivec *l = &p->lists[list];
  if (l->len != n) return false;
  for (int64_t i = 0; i < n; i++)
    if ((uint32_t)l->v[i] != s[i]) return false;
  return true;
}

/* groupdict.get(name): the group's number, or -1. */
static int64_t gt_re_lookup_name(const gt_re_parser *p, const uint32_t *s, int64_t n) {
  for (int64_t g = 1; g < p->groups; g++)
    if (p->names[g] >= 0 && gt_re_name_eq(p, p->names[g], s, n)) return g;
  return -1;
}

/* state.opengroup(name): a new group (name may be NULL). */
static int64_t gt_re_opengroup(gt_re_parser *p, const gt_re_buf *name) {
  int64_t gid = p->groups;
  GT_RE_RESERVE(p->groupwidths, p->groups, p->groupwidths_cap, 1);
  GT_RE_RESERVE(p->names, p->groups, p->names_cap, 1);
  p->groupwidths[gid] = (gt_re_width){-1, -1};
  p->names[gid] = -1;
  p->groups++;
  if (p->groups > GT_RE_MAXGROUPS) gt_re_fail(p, name ? name->len + 1 : 0, "too many groups");
  if (!name) return gid;
  int64_t old = gt_re_lookup_name(p, name->data, name->len);
  if (old >= 0) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_puts(&b, "redefinition of group name ");
    gt_re_put_repr(&b, name->data, name->len);
    gt_sbuf_printf(&b, " as group %lld; was group %lld", (long long)gid, (long long)old);
    gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - name->len - 1);
  }
  int32_t list = gt_re_new_list(p);
  for (int64_t i = 0; i < name->len; i++) gt_re_list_push(p, list, (int32_t)name->data[i]);
  p->names[gid] = list;
  return gid;
}

/* ---- escapes ------------------------------------------------------------ */

/* What an escape stands for: a literal, a category (IN), a position (AT) or
 * a back reference (GROUPREF). */
typedef struct gt_re_code {
  int op;
  int64_t a;
} gt_re_code;

static int gt_re_category_of(uint32_t c) {
  switch (c) {
  case 'd': return GT_RE_CAT_DIGIT;
  case 'D': return GT_RE_CAT_NOT_DIGIT;
  case 's': return GT_RE_CAT_SPACE;
  case 'S': return GT_RE_CAT_NOT_SPACE;
  case 'w': return GT_RE_CAT_WORD;
  case 'W': return GT_RE_CAT_NOT_WORD;
  default: return -1;
  }
}

static int gt_re_at_of(uint32_t c) {
  switch (c) {
  case 'A': return GT_RE_AT_BEGINNING_STRING;
  case 'b': return GT_RE_AT_BOUNDARY;
  case 'B': return GT_RE_AT_NON_BOUNDARY;
  case 'Z': return GT_RE_AT_END_STRING;
  default: return -1;
  }
}

/* The character of \a \b \f \n \r \t \v \\, or -1. */
static int64_t gt_re_simple_escape(uint32_t c) {
  switch (c) {
  case 'a': return '\a';
  case 'b': return '\b';
  case 'f': return '\f';
  case 'n': return '\n';
  case 'r': return '\r';
  case 't': return '\t';
  case 'v': return '\v';
  case '\\': return '\\';
  default: return -1;
  }
}

/* Raises prefix + the escape text in p->esc, at tell() - len(escape). */
static _Noreturn void gt_re_fail_escape(gt_re_parser *p, const char *prefix, const char *suffix) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, prefix);
  gt_re_put_utf8(&b, p->esc.data, p->esc.len);
  gt_sbuf_puts(&b, suffix);
  gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - p->esc.len);
}

static uint32_t gt_re_esc_value(const gt_re_parser *p, int64_t from, int base) {
  uint32_t v = 0;
  for (int64_t i = from; i < p->esc.len; i++) {
    uint32_t c = p->esc.data[i];
    uint32_t d = c <= '9' ? c - '0' : (c | 32) - 'a' + 10;
    v = v * (uint32_t)base + d;
  }
  return v;
}

/* \x.. \u.... \U........ with exactly `ndigits` hex digits. */
static gt_re_code gt_re_hex_escape(gt_re_parser *p, int ndigits) {
  gt_re_getwhile(p, ndigits, GT_RE_HEXDIGITS, &p->esc);
  if (p->esc.len != ndigits + 2) gt_re_fail_escape(p, "incomplete escape ", "");
  uint32_t v = gt_re_esc_value(p, 2, 16);
  if (v > 0x10ffff) gt_re_fail_escape(p, "bad escape ", "");
  return (gt_re_code){GT_RE_N_LITERAL, v};
}

/* \N{name}: the syntax is checked, but there is no table of character
 * names here, so every name is reported as undefined. */
static _Noreturn void gt_re_named_escape(gt_re_parser *p) {
  if (!gt_re_accept(p, '{')) gt_re_fail(p, 0, "missing {");
  p->name.len = 0;
  gt_re_getuntil(p, '}', "character name", &p->name);
  gt_re_fail_name(p, p->name.len + 4, "undefined character name ", &p->name);
}

static gt_re_code gt_re_octal_literal(gt_re_parser *p) {
  uint32_t v = gt_re_esc_value(p, 1, 8);
  if (v > 0377) gt_re_fail_escape(p, "octal escape value ", " outside of range 0-0o377");
  return (gt_re_code){GT_RE_N_LITERAL, v};
}

/* \1 .. \99 and the three-digit octal escapes that look like them. */
static gt_re_code gt_re_digit_escape(gt_re_parser *p) {
  if (gt_re_next_in(p, GT_RE_DIGITS)) {
    gt_re_buf_putc(&p->esc, gt_re_get(p).c);
    if (p->esc.data[1] <= '7' && p->esc.data[2] <= '7' && gt_re_next_in(p, GT_RE_OCTDIGITS)) {
      gt_re_buf_putc(&p->esc, gt_re_get(p).c);
      return gt_re_octal_literal(p);
    }
  }
  int64_t group = gt_re_esc_value(p, 1, 10);
  if (group < p->groups) {
    if (!gt_re_checkgroup(p, group)) gt_re_fail(p, p->esc.len, "cannot refer to an open group");
    gt_re_checklookbehindgroup(p, group);
    return (gt_re_code){GT_RE_N_GROUPREF, group};
  }
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "invalid group reference %lld", (long long)group);
  gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - (p->esc.len - 1));
}

/* _escape and _class_escape: the escape `t` (already read) and what follows
 * it. Inside a class \b is a backspace and there are no positions or back
 * references. */
static gt_re_code gt_re_escape_code(gt_re_parser *p, gt_re_token t, bool in_class) {
  uint32_t c = t.c;
  int64_t simple = gt_re_simple_escape(c);
  if (in_class && simple >= 0) return (gt_re_code){GT_RE_N_LITERAL, simple};
  if (gt_re_category_of(c) >= 0) return (gt_re_code){GT_RE_N_IN, gt_re_category_of(c)};
  if (!in_class && gt_re_at_of(c) >= 0) return (gt_re_code){GT_RE_N_AT, gt_re_at_of(c)};
  if (simple >= 0) return (gt_re_code){GT_RE_N_LITERAL, simple};
  p->esc.len = 0;
  gt_re_buf_putc(&p->esc, '\\');
  gt_re_buf_putc(&p->esc, c);
  switch (c) {
  case 'x': return gt_re_hex_escape(p, 2);
  case 'u': return gt_re_hex_escape(p, 4);
  case 'U': return gt_re_hex_escape(p, 8);
  case 'N': gt_re_named_escape(p);
  default: break;
  }
  if (c >= '0' && c <= '7' && (in_class || c == '0')) {
    gt_re_getwhile(p, 2, GT_RE_OCTDIGITS, &p->esc);
    return in_class ? gt_re_octal_literal(p)
                    : (gt_re_code){GT_RE_N_LITERAL, gt_re_esc_value(p, 1, 8)};
  }
  if (c >= '0' && c <= '9') {
    if (in_class) gt_re_fail_escape(p, "bad escape ", "");
    return gt_re_digit_escape(p);
  }
  if (c < 128 && gt_re_ascii_iscased(c)) gt_re_fail_escape(p, "bad escape ", "");
  return (gt_re_code){GT_RE_N_LITERAL, c};
}

/* ---- the parser --------------------------------------------------------- */

static int32_t gt_re_parse_sub(gt_re_parser *p, bool verbose, int64_t nested);
static int32_t gt_re_parse_seq(gt_re_parser *p, bool verbose, int64_t nested, bool first);
static gt_re_width gt_re_list_width(const gt_re_parser *p, int32_t list);

/* Appends what an escape stands for. */
static void gt_re_append_code(gt_re_parser *p, int32_t list, gt_re_code code) {
  if (code.op != GT_RE_N_IN) {
    gt_re_append(p, list, code.op, code.a);
    return;
  }
  int32_t set = gt_re_new_set(p);
  gt_re_set_add(p, set, GT_RE_S_CATEGORY, (uint32_t)code.a, 0);
  int32_t node = gt_re_append(p, list, GT_RE_N_IN, 0);
  p->nodes[node].body = set;
}

static _Noreturn void gt_re_bad_range(gt_re_parser *p, gt_re_token a, gt_re_token b) {
  gt_sbuf msg;
  gt_sbuf_init(&msg);
  gt_sbuf_puts(&msg, "bad character range ");
  gt_re_put_token(&msg, a);
  gt_sbuf_putc(&msg, '-');
  gt_re_put_token(&msg, b);
  int64_t len = (a.escaped ? 2 : 1) + 1 + (b.escaped ? 2 : 1);
  gt_re_raise(p, GT_RE_ERR_RE, &msg, gt_re_tell(p) - len);
}

/* One member of a set: a literal or a category (what a bare range end is). */
static gt_re_code gt_re_class_member(gt_re_parser *p, gt_re_token t) {
  if (t.escaped) return gt_re_escape_code(p, t, true);
  return (gt_re_code){GT_RE_N_LITERAL, t.c};
}

static void gt_re_set_add_code(gt_re_parser *p, int32_t set, gt_re_code code) {
  int op = code.op == GT_RE_N_IN ? GT_RE_S_CATEGORY : GT_RE_S_LITERAL;
  gt_re_set_add(p, set, op, (uint32_t)code.a, 0);
}

/* [...] after its '[', which was at `here`. */
static void gt_re_parse_class(gt_re_parser *p, int32_t list, int64_t here) {
  int32_t set = gt_re_new_set(p);
  bool negate = gt_re_accept(p, '^');
  for (;;) {
    gt_re_token t = gt_re_get(p);
    if (t.none) gt_re_fail(p, gt_re_tell(p) - here, "unterminated character set");
    if (!t.escaped && t.c == ']' && p->sets[set].len) break;
    gt_re_code code1 = gt_re_class_member(p, t);
    if (!gt_re_accept(p, '-')) {
      gt_re_set_add_code(p, set, code1);
      continue;
    }
    gt_re_token that = gt_re_get(p);
    if (that.none) gt_re_fail(p, gt_re_tell(p) - here, "unterminated character set");
    if (!that.escaped && that.c == ']') {
      gt_re_set_add_code(p, set, code1);
      gt_re_set_add(p, set, GT_RE_S_LITERAL, '-', 0);
      break;
    }
    gt_re_code code2 = gt_re_class_member(p, that);
    if (code1.op != GT_RE_N_LITERAL || code2.op != GT_RE_N_LITERAL || code2.a < code1.a)
      gt_re_bad_range(p, t, that);
    gt_re_set_add(p, set, GT_RE_S_RANGE, (uint32_t)code1.a, (uint32_t)code2.a);
  }
  gt_re_set_uniq(p, set);
  gt_re_set *s = &p->sets[set];
  if (s->len == 1 && s->v[0].op == GT_RE_S_LITERAL) {
    gt_re_append(p, list, negate ? GT_RE_N_NOT_LITERAL : GT_RE_N_LITERAL, s->v[0].lo);
    return;
  }
  if (negate) {
    gt_re_set_add(p, set, GT_RE_S_NEGATE, 0, 0);
    s = &p->sets[set];
    memmove(s->v + 1, s->v, (size_t)(s->len - 1) * sizeof *s->v);
    s->v[0] = (gt_re_setitem){.op = GT_RE_S_NEGATE};
  }
  int32_t node = gt_re_append(p, list, GT_RE_N_IN, 0);
  p->nodes[node].body = set;
}

/* Digits of a {m,n} bound, saturating at MAXREPEAT; *ndigits: how many. */
static int64_t gt_re_repeat_bound(gt_re_parser *p, int64_t *ndigits) {
  int64_t v = 0;
  *ndigits = 0;
  while (gt_re_next_in(p, GT_RE_DIGITS)) {
    v = v * 10 + (gt_re_get(p).c - '0');
    if (v > GT_RE_MAXREPEAT) v = GT_RE_MAXREPEAT;
    (*ndigits)++;
  }
  return v;
}

static _Noreturn void gt_re_repeat_overflow(gt_re_parser *p) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "the repetition number is too large");
  gt_re_raise(p, GT_RE_ERR_OVERFLOW, &b, -1);
}

/* Reads the bounds of a '{'; false (and a literal '{') when it is none. */
static bool gt_re_parse_braces(gt_re_parser *p, int32_t list, int64_t here, int64_t *min, int64_t *max) {
  if (gt_re_next_is(p, '}')) {
    gt_re_append(p, list, GT_RE_N_LITERAL, '{');
    return false;
  }
  int64_t nlo, nhi;
  int64_t lo = gt_re_repeat_bound(p, &nlo), hi = lo;
  if (gt_re_accept(p, ',')) hi = gt_re_repeat_bound(p, &nhi);
  else nhi = nlo;
  if (!gt_re_accept(p, '}')) {
    gt_re_append(p, list, GT_RE_N_LITERAL, '{');
    gt_re_seek(p, here);
    return false;
  }
  *min = 0;
  *max = GT_RE_MAXREPEAT;
  if (nlo) {
    *min = lo;
    if (*min >= GT_RE_MAXREPEAT) gt_re_repeat_overflow(p);
  }
  if (nhi) {
    *max = hi;
    if (*max >= GT_RE_MAXREPEAT) gt_re_repeat_overflow(p);
    if (*max < *min) gt_re_fail(p, gt_re_tell(p) - here, "min repeat greater than max repeat");
  }
  return true;
}

/* A repeat character c (just read, ending at `here`) applied to the last
 * item of the list. */
static void gt_re_parse_repeat(gt_re_parser *p, int32_t list, uint32_t c, int64_t here) {
  int64_t min = c == '+', max = c == '?' ? 1 : GT_RE_MAXREPEAT;
  if (c == '{' && !gt_re_parse_braces(p, list, here, &min, &max)) return;
  gt_re_ivec *l = &p->lists[list];
  int32_t item = l->len ? l->v[l->len - 1] : -1;
  int64_t pos = here - 1;
  if (item < 0 || p->nodes[item].op == GT_RE_N_AT) {
    gt_re_fail(p, gt_re_tell(p) - pos, "nothing to repeat");
  }
  if (p->nodes[item].op == GT_RE_N_REPEAT) gt_re_fail(p, gt_re_tell(p) - pos, "multiple repeat");
  gt_re_node it = p->nodes[item];
  int32_t body;
  if (it.op == GT_RE_N_SUBPATTERN && it.a < 0 && !it.add_flags && !it.del_flags) {
    body = it.body;
  } else {
    body = gt_re_new_list(p);
    gt_re_list_push(p, body, item);
  }
  int kind = gt_re_accept(p, '?') ? GT_RE_LAZY : gt_re_accept(p, '+') ? GT_RE_POSSESSIVE : GT_RE_GREEDY;
  int32_t node = gt_re_new_node(p, GT_RE_N_REPEAT, min);
  p->nodes[node].b = max;
  p->nodes[node].kind = (uint8_t)kind;
  p->nodes[node].body = body;
  l = &p->lists[list];
  l->v[l->len - 1] = node;
}

static int gt_re_flag_of(gt_re_token t) {
  if (t.none || t.escaped) return 0;
  switch (t.c) {
  case 'i': return GT_RE_I;
  case 'L': return GT_RE_L;
  case 'm': return GT_RE_M;
  case 's': return GT_RE_S;
  case 'x': return GT_RE_X;
  case 'a': return GT_RE_A;
  case 't': return GT_RE_T;
  case 'u': return GT_RE_U;
  default: return 0;
  }
}

static bool gt_re_token_isalpha(gt_re_token t) { return !t.escaped && gt_ucd_isalpha(t.c); }

#define GT_RE_TYPE_FLAGS (GT_RE_A | GT_RE_L | GT_RE_U)
#define GT_RE_GLOBAL_FLAGS (GT_RE_DEBUG | GT_RE_T)

/* _parse_flags after "(?" and the first flag character t. Returns false
 * for global flags "(?i)", which it adds to p->flags. */
static bool gt_re_parse_flags(gt_re_parser *p, gt_re_token t, int *add, int *del) {
  *add = *del = 0;
  if (t.c != '-') {
    for (;;) {
      int flag = gt_re_flag_of(t);
      if (t.c == 'L') gt_re_fail(p, 0, "bad inline flags: cannot use 'L' flag with a str pattern");
      *add |= flag;
      if ((flag & GT_RE_TYPE_FLAGS) && (*add & GT_RE_TYPE_FLAGS) != flag)
        gt_re_fail(p, 0, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      t = gt_re_get(p);
      if (t.none) gt_re_fail(p, 0, "missing -, : or )");
      if (!t.escaped && (t.c == ')' || t.c == '-' || t.c == ':')) break;
      if (!gt_re_flag_of(t))
        gt_re_fail(p, t.escaped ? 2 : 1, gt_re_token_isalpha(t) ? "unknown flag" : "missing -, : or )");
    }
  }
  if (t.c == ')') {
    p->flags |= *add;
    return false;
  }
  if (*add & GT_RE_GLOBAL_FLAGS) gt_re_fail(p, 1, "bad inline flags: cannot turn on global flag");
  if (t.c == '-') {
    t = gt_re_get(p);
    if (t.none) gt_re_fail(p, 0, "missing flag");
    if (!gt_re_flag_of(t))
      gt_re_fail(p, t.escaped ? 2 : 1, gt_re_token_isalpha(t) ? "unknown flag" : "missing flag");
    for (;;) {
      int flag = gt_re_flag_of(t);
      if (flag & GT_RE_TYPE_FLAGS)
        gt_re_fail(p, 0, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      *del |= flag;
      t = gt_re_get(p);
      if (t.none) gt_re_fail(p, 0, "missing :");
      if (!t.escaped && t.c == ':') break;
      if (!gt_re_flag_of(t))
        gt_re_fail(p, t.escaped ? 2 : 1, gt_re_token_isalpha(t) ? "unknown flag" : "missing :");
    }
  }
  if (*del & GT_RE_GLOBAL_FLAGS) gt_re_fail(p, 1, "bad inline flags: cannot turn off global flag");
  if (*add & *del) gt_re_fail(p, 1, "bad inline flags: flag turned on and off");
  return true;
}

static _Noreturn void gt_re_unterminated(gt_re_parser *p, int64_t start) {
  gt_re_fail(p, gt_re_tell(p) - start, "missing ), unterminated subpattern");
}

static void gt_re_expect_close(gt_re_parser *p, int64_t start) {
  if (!gt_re_accept(p, ')')) gt_re_unterminated(p, start);
}

/* (?=...) (?!...) (?<=...) (?<!...) after "(?" and c. */
static void gt_re_parse_lookaround(gt_re_parser *p, int32_t list, gt_re_token t, bool verbose,
                                   int64_t nested, int64_t start) {
  int dir = 1;
  int64_t saved = p->lookbehindgroups;
  if (t.c == '<') {
    t = gt_re_get(p);
    if (t.none) gt_re_fail(p, 0, "unexpected end of pattern");
    if (t.escaped || (t.c != '=' && t.c != '!')) {
      gt_sbuf b;
      gt_sbuf_init(&b);
      gt_sbuf_puts(&b, "unknown extension ?<");
      gt_re_put_token(&b, t);
      gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - (t.escaped ? 2 : 1) - 2);
    }
    dir = -1;
    if (saved < 0) p->lookbehindgroups = p->groups;
  }
  int32_t body = gt_re_parse_sub(p, verbose, nested + 1);
  if (dir < 0 && saved < 0) p->lookbehindgroups = -1;
  gt_re_expect_close(p, start);
  int32_t node = gt_re_append(p, list, t.c == '=' ? GT_RE_N_ASSERT : GT_RE_N_ASSERT_NOT, dir);
  p->nodes[node].body = body;
}

/* The number a group reference of digits names, "(?(1)" or "\g<1>" (name
 * read up to the closing character): re.error for anything else. */
static int64_t gt_re_group_number(gt_re_parser *p, const gt_re_buf *name) {
  bool negative;
  int64_t g;
  if (!gt_re_parse_int(name->data, name->len, &negative, &g, &p->esc) || (negative && g))
    gt_re_fail_name(p, name->len + 1, "bad character in group name ", name);
  return g;
}

/* CPython's limit on a group reference's number. */
static void gt_re_group_below_max(gt_re_parser *p, const gt_re_buf *name, int64_t g) {
  if (g < GT_RE_MAXGROUPS) return;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "invalid group reference ");
  gt_re_put_digits(&b, &p->esc);
  gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - name->len - 1);
}

/* The group of a conditional "(?(name)": a name or a number. */
static int64_t gt_re_condition_group(gt_re_parser *p) {
  gt_re_buf *name = &p->name;
  name->len = 0;
  gt_re_getuntil(p, ')', "group name", name);
  if (gt_re_isidentifier(name->data, name->len)) {
    int64_t g = gt_re_lookup_name(p, name->data, name->len);
    if (g < 0) gt_re_fail_name(p, name->len + 1, "unknown group name ", name);
    return g;
  }
  int64_t g = gt_re_group_number(p, name);
  if (!g) gt_re_fail(p, name->len + 1, "bad group number");
  gt_re_group_below_max(p, name, g);
  bool known = false;
  for (int64_t i = 0; i < p->nrefpos && !known; i++) known = p->refpos[2 * i] == g;
  if (!known) {
    GT_RE_RESERVE(p->refpos, 2 * p->nrefpos, p->refpos_cap, 2);
    p->refpos[2 * p->nrefpos] = g;
    p->refpos[2 * p->nrefpos + 1] = gt_re_tell(p) - name->len - 1;
    p->nrefpos++;
  }
  return g;
}

/* (?(group)yes|no) after "(?(". */
static void gt_re_parse_conditional(gt_re_parser *p, int32_t list, bool verbose, int64_t nested,
                                    int64_t start) {
  int64_t g = gt_re_condition_group(p);
  gt_re_checklookbehindgroup(p, g);
  int32_t yes = gt_re_parse_seq(p, verbose, nested + 1, false), no = -1;
  if (gt_re_accept(p, '|')) {
    no = gt_re_parse_seq(p, verbose, nested + 1, false);
    if (gt_re_next_is(p, '|')) gt_re_fail(p, 0, "conditional backref with more than two branches");
  }
  gt_re_expect_close(p, start);
  int32_t node = gt_re_append(p, list, GT_RE_N_GROUPREF_EXISTS, g);
  p->nodes[node].body = yes;
  p->nodes[node].alt = no;
}

/* (?P<name>...) reads the name into p->name; (?P=name) appends a back
 * reference and returns false. */
static bool gt_re_parse_p_group(gt_re_parser *p, int32_t list) {
  gt_re_buf *name = &p->name;
  name->len = 0;
  if (gt_re_accept(p, '<')) {
    gt_re_getuntil(p, '>', "group name", name);
    gt_re_checkgroupname(p, name, 1);
    return true;
  }
  if (gt_re_accept(p, '=')) {
    gt_re_getuntil(p, ')', "group name", name);
    gt_re_checkgroupname(p, name, 1);
    int64_t g = gt_re_lookup_name(p, name->data, name->len);
    if (g < 0) gt_re_fail_name(p, name->len + 1, "unknown group name ", name);
    if (!gt_re_checkgroup(p, g)) gt_re_fail(p, name->len + 1, "cannot refer to an open group");
    gt_re_checklookbehindgroup(p, g);
    gt_re_append(p, list, GT_RE_N_GROUPREF, g);
    return false;
  }
  gt_re_token t = gt_re_get(p);
  if (t.none) gt_re_fail(p, 0, "unexpected end of pattern");
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "unknown extension ?P");
  gt_re_put_token(&b, t);
  gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - (t.escaped ? 2 : 1) - 2);
}

static void gt_re_skip_comment(gt_re_parser *p, int64_t start) {
  for (;;) {
    if (p->next.none) gt_re_fail(p, gt_re_tell(p) - start, "missing ), unterminated comment");
    gt_re_token t = gt_re_get(p);
    if (!t.escaped && t.c == ')') return;
  }
}

/* A group after its '(' (at `start`). *verbose changes with global flags. */
static void gt_re_parse_group(gt_re_parser *p, int32_t list, bool *verbose, int64_t nested,
                              bool first, int64_t start) {
  bool capture = true, atomic = false, named = false;
  int add = 0, del = 0;
  if (gt_re_accept(p, '?')) {
    gt_re_token t = gt_re_get(p);
    if (t.none) gt_re_fail(p, 0, "unexpected end of pattern");
    uint32_t c = t.escaped ? 0 : t.c;
    if (c == 'P') {
      if (!gt_re_parse_p_group(p, list)) return;
      named = true;
    } else if (c == ':') {
      capture = false;
    } else if (c == '#') {
      gt_re_skip_comment(p, start);
      return;
    } else if (c == '=' || c == '!' || c == '<') {
      gt_re_parse_lookaround(p, list, t, *verbose, nested, start);
      return;
    } else if (c == '(') {
      gt_re_parse_conditional(p, list, *verbose, nested, start);
      return;
    } else if (c == '>') {
      capture = false;
      atomic = true;
    } else if (gt_re_flag_of(t) || c == '-') {
      if (!gt_re_parse_flags(p, t, &add, &del)) {
        if (!first || p->lists[list].len)
          gt_re_fail(p, gt_re_tell(p) - start, "global flags not at the start of the expression");
        *verbose = p->flags & GT_RE_X;
        return;
      }
      capture = false;
    } else {
      gt_sbuf b;
      gt_sbuf_init(&b);
      gt_sbuf_puts(&b, "unknown extension ?");
      gt_re_put_token(&b, t);
      gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - (t.escaped ? 2 : 1) - 1);
    }
  }
  int64_t group = capture ? gt_re_opengroup(p, named ? &p->name : NULL) : -1;
  bool sub_verbose = (*verbose || (add & GT_RE_X)) && !(del & GT_RE_X);
  int32_t body = gt_re_parse_sub(p, sub_verbose, nested + 1);
  gt_re_expect_close(p, start);
  if (group >= 0) p->groupwidths[group] = gt_re_list_width(p, body);
  int32_t node = gt_re_append(p, list, atomic ? GT_RE_N_ATOMIC : GT_RE_N_SUBPATTERN, group);
  p->nodes[node].body = body;
  p->nodes[node].add_flags = add;
  p->nodes[node].del_flags = del;
}

/* Counts a level of the parser's recursion: CPython's parser recurses as
 * deep, and Python's recursion limit stops it at about this depth. */
static void gt_re_enter(gt_re_parser *p) {
  if (++p->depth <= GT_RE_MAXDEPTH) return;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "maximum recursion depth exceeded");
  gt_re_raise(p, GT_RE_ERR_RECURSION, &b, -1);
}

static bool gt_re_is_special(uint32_t c) {
  return c < 128 && c && strchr(".\\[{()*+?^$|", (int)c);
}

/* Inlines the non-capturing groups without flags of a list. */
static void gt_re_unpack_groups(gt_re_parser *p, int32_t list) {
  for (int64_t i = p->lists[list].len - 1; i >= 0; i--) {
    gt_re_node *node = &p->nodes[p->lists[list].v[i]];
    if (node->op != GT_RE_N_SUBPATTERN || node->a >= 0 || node->add_flags || node->del_flags)
      continue;
    gt_re_ivec inner = p->lists[node->body];
    gt_re_ivec *l = &p->lists[list];
    GT_RE_RESERVE(l->v, l->len, l->cap, inner.len);
    memmove(l->v + i + inner.len, l->v + i + 1, (size_t)(l->len - i - 1) * sizeof *l->v);
    if (inner.len) memcpy(l->v + i, inner.v, (size_t)inner.len * sizeof *l->v);
    l->len += inner.len - 1;
  }
}

/* _parse: a sequence up to '|', ')' or the end. */
static int32_t gt_re_parse_seq(gt_re_parser *p, bool verbose, int64_t nested, bool first) {
  gt_re_enter(p);
  int32_t list = gt_re_new_list(p);
  for (;;) {
    gt_re_token t = p->next;
    if (t.none || (!t.escaped && (t.c == '|' || t.c == ')'))) break;
    gt_re_advance(p);
    if (verbose && !t.escaped && t.c < 128 && t.c && strchr(" \t\n\r\v\f", (int)t.c)) continue;
    if (verbose && !t.escaped && t.c == '#') {
      while (!p->next.none && !gt_re_accept(p, '\n')) gt_re_advance(p);
      continue;
    }
    if (t.escaped) {
      gt_re_append_code(p, list, gt_re_escape_code(p, t, false));
    } else if (!gt_re_is_special(t.c)) {
      gt_re_append(p, list, GT_RE_N_LITERAL, t.c);
    } else if (t.c == '[') {
      gt_re_parse_class(p, list, gt_re_tell(p) - 1);
    } else if (t.c == '*' || t.c == '+' || t.c == '?' || t.c == '{') {
      gt_re_parse_repeat(p, list, t.c, gt_re_tell(p));
    } else if (t.c == '.') {
      gt_re_append(p, list, GT_RE_N_ANY, 0);
    } else if (t.c == '(') {
      gt_re_parse_group(p, list, &verbose, nested, first, gt_re_tell(p) - 1);
    } else if (t.c == '^') {
      gt_re_append(p, list, GT_RE_N_AT, GT_RE_AT_BEGINNING);
    } else if (t.c == '$') {
      gt_re_append(p, list, GT_RE_N_AT, GT_RE_AT_END);
    }
  }
  gt_re_unpack_groups(p, list);
  p->depth--;
  return list;
}

/* Whether two nodes compare equal as (op, av) tuples do in Python: nodes
 * holding sub-lists never do (those compare by identity). */
static bool gt_re_node_eq(const gt_re_parser *p, int32_t x, int32_t y) {
  const gt_re_node *a = &p->nodes[x], *b = &p->nodes[y];
  if (a->op != b->op) return false;
  switch (a->op) {
  case GT_RE_N_LITERAL: case GT_RE_N_NOT_LITERAL: case GT_RE_N_AT: case GT_RE_N_GROUPREF:
    return a->a == b->a;
  case GT_RE_N_ANY:
    return true;
  case GT_RE_N_IN: {
    const gt_re_set *s = &p->sets[a->body], *t = &p->sets[b->body];
    if (s->len != t->len) return false;
    for (int64_t i = 0; i < s->len; i++)
      if (!gt_re_setitem_eq(s->v[i], t->v[i])) return false;
    return true;
  }
  default:
    return false;
  }
}

/* Moves the first item shared by all alternatives out in front. */
static bool gt_re_hoist_prefix(gt_re_parser *p, int32_t alts, int32_t out) {
  const gt_re_ivec *a = &p->lists[alts];
  int32_t prefix = -1;
  for (int64_t i = 0; i < a->len; i++) {
    const gt_re_ivec *item = &p->lists[a->v[i]];
    if (!item->len) return false;
    if (prefix < 0) prefix = item->v[0];
    else if (!gt_re_node_eq(p, item->v[0], prefix)) return false;
  }
  for (int64_t i = 0; i < a->len; i++) {
    gt_re_ivec *item = &p->lists[a->v[i]];
    memmove(item->v, item->v + 1, (size_t)(item->len - 1) * sizeof *item->v);
    item->len--;
  }
  gt_re_list_push(p, out, prefix);
  return true;
}

/* Alternatives that are all single characters become one set. */
static bool gt_re_branch_to_set(gt_re_parser *p, int32_t alts, int32_t out) {
  const gt_re_ivec *a = &p->lists[alts];
  for (int64_t i = 0; i < a->len; i++) {
    const gt_re_ivec *item = &p->lists[a->v[i]];
    if (item->len != 1) return false;
    const gt_re_node *n = &p->nodes[item->v[0]];
    if (n->op == GT_RE_N_IN && p->sets[n->body].v[0].op == GT_RE_S_NEGATE) return false;
    if (n->op != GT_RE_N_LITERAL && n->op != GT_RE_N_IN) return false;
  }
  int32_t set = gt_re_new_set(p);
  for (int64_t i = 0; i < p->lists[alts].len; i++) {
    const gt_re_node *n = &p->nodes[p->lists[p->lists[alts].v[i]].v[0]];
    if (n->op == GT_RE_N_LITERAL) {
      gt_re_set_add(p, set, GT_RE_S_LITERAL, (uint32_t)n->a, 0);
      continue;
    }
    for (int64_t j = 0; j < p->sets[n->body].len; j++) {
      gt_re_setitem it = p->sets[n->body].v[j];
      gt_re_set_add(p, set, it.op, it.lo, it.hi);
    }
  }
  gt_re_set_uniq(p, set);
  int32_t node = gt_re_append(p, out, GT_RE_N_IN, 0);
  p->nodes[node].body = set;
  return true;
}

/* _parse_sub: alternatives separated by '|'. */
static int32_t gt_re_parse_sub(gt_re_parser *p, bool verbose, int64_t nested) {
  gt_re_enter(p);
  int32_t alts = gt_re_new_list(p);
  for (;;) {
    bool first = !nested && !p->lists[alts].len;
    int32_t item = gt_re_parse_seq(p, verbose, nested + 1, first);
    gt_re_list_push(p, alts, item);
    if (!gt_re_accept(p, '|')) break;
    if (!nested) verbose = p->flags & GT_RE_X;
  }
  p->depth--;
  if (p->lists[alts].len == 1) return p->lists[alts].v[0];
  int32_t out = gt_re_new_list(p);
  while (gt_re_hoist_prefix(p, alts, out)) {}
  if (gt_re_branch_to_set(p, alts, out)) return out;
  gt_re_append(p, out, GT_RE_N_BRANCH, 0);
  p->nodes[p->lists[out].v[p->lists[out].len - 1]].body = alts;
  return out;
}

/* ---- widths ------------------------------------------------------------- */

/* Saturating arithmetic: widths beyond MAXREPEAT all read as MAXREPEAT. */
static int64_t gt_re_sat_add(int64_t a, int64_t b) {
  return a + b > (int64_t)GT_RE_MAXREPEAT ? (int64_t)GT_RE_MAXREPEAT : a + b;
}

static int64_t gt_re_sat_mul(int64_t a, int64_t b) {
  if (a && b > (int64_t)GT_RE_MAXREPEAT / a) return GT_RE_MAXREPEAT;
  return a * b > (int64_t)GT_RE_MAXREPEAT ? (int64_t)GT_RE_MAXREPEAT : a * b;
}

static int64_t gt_re_min(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t gt_re_max(int64_t a, int64_t b) { return a > b ? a : b; }

static gt_re_width gt_re_node_width(const gt_re_parser *p, const gt_re_node *n) {
  gt_re_width w = {0, 0}, x;
  switch (n->op) {
  case GT_RE_N_BRANCH:
    w.lo = GT_RE_MAXREPEAT - 1;
    for (int64_t i = 0; i < p->lists[n->body].len; i++) {
      x = gt_re_list_width(p, p->lists[n->body].v[i]);
      w.lo = gt_re_min(w.lo, x.lo);
      w.hi = gt_re_max(w.hi, x.hi);
    }
    return w;
  case GT_RE_N_ATOMIC: case GT_RE_N_SUBPATTERN:
    return gt_re_list_width(p, n->body);
  case GT_RE_N_REPEAT:
    x = gt_re_list_width(p, n->body);
    return (gt_re_width){gt_re_sat_mul(x.lo, n->a), gt_re_sat_mul(x.hi, n->b)};
  case GT_RE_N_LITERAL: case GT_RE_N_NOT_LITERAL: case GT_RE_N_ANY: case GT_RE_N_IN:
    return (gt_re_width){1, 1};
  case GT_RE_N_GROUPREF:
    return p->groupwidths[n->a];
  case GT_RE_N_GROUPREF_EXISTS:
    w = gt_re_list_width(p, n->body);
    if (n->alt < 0) {
      w.lo = 0;
    } else {
      x = gt_re_list_width(p, n->alt);
      w.lo = gt_re_min(w.lo, x.lo);
      w.hi = gt_re_max(w.hi, x.hi);
    }
    return w;
  default:
    return w;
  }
}

/* SubPattern.getwidth(): the least and the most characters a list matches,
 * capped at MAXREPEAT - 1 and MAXREPEAT. */
static gt_re_width gt_re_list_width(const gt_re_parser *p, int32_t list) {
  gt_re_width w = {0, 0};
  for (int64_t i = 0; i < p->lists[list].len; i++) {
    gt_re_width x = gt_re_node_width(p, &p->nodes[p->lists[list].v[i]]);
    w.lo = gt_re_sat_add(w.lo, x.lo);
    w.hi = gt_re_sat_add(w.hi, x.hi);
  }
  w.lo = gt_re_min(w.lo, GT_RE_MAXREPEAT - 1);
  w.hi = gt_re_min(w.hi, GT_RE_MAXREPEAT);
  return w;
}

/* ---- the program -------------------------------------------------------- */

/* Instructions. Each is an opcode and its arguments in 32-bit words. A
 * "skip" word at position q leads to q + code[q]:
 *   REPEAT_ONE, MIN_REPEAT_ONE, POSS_REPEAT_ONE  skip min max item SUCCESS | tail
 *   REPEAT                                       skip min max item MAX_UNTIL or MIN_UNTIL
 *   POSS_REPEAT                                  skip min max item SUCCESS | tail
 *   ATOMIC                                       skip item SUCCESS | tail
 *   ASSERT, ASSERT_NOT                           skip back item SUCCESS | tail
 *   BRANCH                                       (skip alternative JUMP skip)... 0 | tail
 *   GROUPREF_EXISTS                              group skip yes [JUMP skip no] | tail
 * The _UNI and _ASCII forms compare lowercased characters (IGNORECASE). */
enum {
  GT_RE_OP_FAILURE, GT_RE_OP_SUCCESS, GT_RE_OP_ANY, GT_RE_OP_ANY_ALL, GT_RE_OP_AT,
  GT_RE_OP_LITERAL, GT_RE_OP_NOT_LITERAL, GT_RE_OP_LITERAL_UNI, GT_RE_OP_NOT_LITERAL_UNI,
  GT_RE_OP_LITERAL_ASCII, GT_RE_OP_NOT_LITERAL_ASCII, GT_RE_OP_IN, GT_RE_OP_MARK, GT_RE_OP_JUMP,
  GT_RE_OP_BRANCH, GT_RE_OP_REPEAT_ONE, GT_RE_OP_MIN_REPEAT_ONE, GT_RE_OP_POSS_REPEAT_ONE,
  GT_RE_OP_REPEAT, GT_RE_OP_MAX_UNTIL, GT_RE_OP_MIN_UNTIL, GT_RE_OP_POSS_REPEAT, GT_RE_OP_ATOMIC,
  GT_RE_OP_GROUPREF, GT_RE_OP_GROUPREF_UNI, GT_RE_OP_GROUPREF_ASCII, GT_RE_OP_GROUPREF_EXISTS,
  GT_RE_OP_ASSERT, GT_RE_OP_ASSERT_NOT,
};

/* How a class or a literal compares case: not at all, by sre_lower_unicode
 * (Unicode IGNORECASE), by ASCII lowercasing (ASCII IGNORECASE). */
enum { GT_RE_FOLD_NONE, GT_RE_FOLD_UNI, GT_RE_FOLD_ASCII };

typedef struct gt_re_range {
  uint32_t lo, hi;
} gt_re_range;

/* A compiled set: sorted disjoint ranges, then the items that are not
 * plain characters (categories; under IGNORECASE also the characters and
 * ranges beyond the BMP, which sre keeps apart, a RANGE then matching the
 * lowercased character or its uppercase). A folding class lowercases the
 * character before testing it. */
typedef struct gt_re_class {
  gt_re_range *ranges;
  int64_t nranges, ranges_cap;
  gt_re_setitem *extra;
  int64_t nextra, extra_cap;
  bool negate;
  uint8_t fold;
} gt_re_class;

struct gt_re {
  uint32_t *code;
  int64_t ncode, code_cap;
  gt_re_class *classes;
  int64_t nclasses, classes_cap;
  int64_t groups;             /* capturing groups, group 0 not counted */
  int flags;                  /* Pattern.flags */
  uint32_t **names;           /* per group 0..groups: the name, or NULL */
  int64_t *name_lens;
};

static void gt_re_emit(gt_re *re, uint32_t w) { GT_RE_PUSH(re->code, re->ncode, re->code_cap, w); }

/* Emits a skip word to be patched; returns its position. */
static int64_t gt_re_emit_skip(gt_re *re) {
  gt_re_emit(re, 0);
  return re->ncode - 1;
}

/* Points the skip word at `at` to the current end of the program. */
static void gt_re_patch(gt_re *re, int64_t at) { re->code[at] = (uint32_t)(re->ncode - at); }

static void gt_re_class_add_range(gt_re_class *cls, uint32_t lo, uint32_t hi) {
  gt_re_range r = {lo, hi};
  GT_RE_PUSH(cls->ranges, cls->nranges, cls->ranges_cap, r);
}

static void gt_re_class_add_extra(gt_re_class *cls, int op, uint32_t lo, uint32_t hi) {
  gt_re_setitem it = {(uint8_t)op, lo, hi};
  GT_RE_PUSH(cls->extra, cls->nextra, cls->extra_cap, it);
}

static int gt_re_range_cmp(const void *x, const void *y) {
  const gt_re_range *a = x, *b = y;
  return a->lo < b->lo ? -1 : a->lo > b->lo;
}

/* Sorts the ranges and merges those that touch. */
static void gt_re_class_normalize(gt_re_class *cls) {
  if (!cls->nranges) return;
  qsort(cls->ranges, (size_t)cls->nranges, sizeof *cls->ranges, gt_re_range_cmp);
  int64_t out = 0;
  for (int64_t i = 1; i < cls->nranges; i++) {
    gt_re_range *last = &cls->ranges[out];
    if (cls->ranges[i].lo <= last->hi + 1) {
      if (cls->ranges[i].hi > last->hi) last->hi = cls->ranges[i].hi;
    } else {
      cls->ranges[++out] = cls->ranges[i];
    }
  }
  cls->nranges = out + 1;
}

static gt_re_class *gt_re_new_class(gt_re *re, int64_t *index) {
  gt_re_class empty = {0};
  GT_RE_PUSH(re->classes, re->nclasses, re->classes_cap, empty);
  *index = re->nclasses - 1;
  return &re->classes[*index];
}

/* The category a set item stands for under the flags (CH_UNICODE or not). */
static uint32_t gt_re_category_for(uint32_t cat, int flags) {
  return flags & GT_RE_U ? cat : cat | GT_RE_CAT_ASCII;
}

/* A set without IGNORECASE: its characters as they are. */
static void gt_re_class_plain(gt_re_class *cls, const gt_re_set *set, int flags) {
  for (int64_t i = 0; i < set->len; i++) {
    gt_re_setitem it = set->v[i];
    if (it.op == GT_RE_S_LITERAL) gt_re_class_add_range(cls, it.lo, it.lo);
    else if (it.op == GT_RE_S_RANGE) gt_re_class_add_range(cls, it.lo, it.hi);
    else if (it.op == GT_RE_S_CATEGORY)
      gt_re_class_add_extra(cls, GT_RE_S_CATEGORY, gt_re_category_for(it.lo, flags), 0);
    else cls->negate = true;
  }
}

static uint32_t gt_re_fold(int fold, uint32_t c) {
  return fold == GT_RE_FOLD_UNI ? gt_re_lower(c) : fold == GT_RE_FOLD_ASCII ? gt_re_ascii_lower(c) : c;
}

static bool gt_re_fold_iscased(int fold, uint32_t c) {
  return fold == GT_RE_FOLD_UNI ? gt_re_iscased(c) : gt_re_ascii_iscased(c);
}

/* Marks the lowercase form of c, and its case-fix partners, in the map of
 * the BMP; false when the form lies beyond the BMP. */
static bool gt_re_map_folded(uint8_t *map, int fold, uint32_t c) {
  uint32_t lo = gt_re_fold(fold, c), fix[2];
  if (lo >= 0x10000) return false;
  map[lo] = 1;
  if (fold == GT_RE_FOLD_UNI) {
    int n = gt_re_casefix_of(lo, fix);
    for (int k = 0; k < n; k++) map[fix[k]] = 1;
  }
  return true;
}

/* A range under IGNORECASE (_optimize_charset with a fixup): its BMP part
 * goes lowercased into the map; the first character that lowercases beyond
 * the BMP sends the whole range to the extra items. Returns hascased. */
static bool gt_re_fold_range(gt_re_class *cls, uint8_t *map, int fold, uint32_t a, uint32_t b) {
  for (uint32_t c = a;; c++) {
    if (!gt_re_map_folded(map, fold, c)) {
      gt_re_class_add_extra(cls, GT_RE_S_RANGE, a, b);
      return true;
    }
    if (c == b) break;
  }
  for (uint32_t c = a;; c++) {
    if (gt_re_fold_iscased(fold, c)) return true;
    if (c == b) return false;
  }
}

/* A set under IGNORECASE: the map of lowercased BMP characters, as ranges.
 * Only a set with a cased character lowercases what it tests. */
static void gt_re_class_folded(gt_re_class *cls, const gt_re_set *set, int flags, int fold) {
  uint8_t *map = gt_xmalloc(0x10000);
  memset(map, 0, 0x10000);
  bool hascased = false;
  for (int64_t i = 0; i < set->len; i++) {
    gt_re_setitem it = set->v[i];
    if (it.op == GT_RE_S_LITERAL) {
      if (gt_re_map_folded(map, fold, it.lo)) {
        hascased |= gt_re_fold_iscased(fold, it.lo);
      } else {
        gt_re_class_add_extra(cls, GT_RE_S_LITERAL, it.lo, 0);
        hascased = true;
      }
    } else if (it.op == GT_RE_S_RANGE) {
      hascased |= gt_re_fold_range(cls, map, fold, it.lo, it.hi);
    } else if (it.op == GT_RE_S_CATEGORY) {
      gt_re_class_add_extra(cls, GT_RE_S_CATEGORY, gt_re_category_for(it.lo, flags), 0);
    } else {
      cls->negate = true;
    }
  }
  for (uint32_t c = 0; c < 0x10000; c++) {
    if (!map[c]) continue;
    uint32_t start = c;
    while (c + 1 < 0x10000 && map[c + 1]) c++;
    gt_re_class_add_range(cls, start, c);
  }
  free(map);
  cls->fold = hascased ? (uint8_t)fold : GT_RE_FOLD_NONE;
}

static int gt_re_fold_mode(int flags) {
  if (!(flags & GT_RE_I)) return GT_RE_FOLD_NONE;
  return flags & GT_RE_U ? GT_RE_FOLD_UNI : GT_RE_FOLD_ASCII;
}

/* Compiles a parser set into a class; returns its index. */
static int64_t gt_re_compile_set(gt_re *re, const gt_re_set *set, int flags) {
  int64_t index;
  gt_re_class *cls = gt_re_new_class(re, &index);
  int fold = gt_re_fold_mode(flags);
  if (fold == GT_RE_FOLD_NONE) gt_re_class_plain(cls, set, flags);
  else gt_re_class_folded(cls, set, flags, fold);
  gt_re_class_normalize(cls);
  return index;
}

/* ---- the compiler ------------------------------------------------------- */

static void gt_re_compile_list(gt_re_parser *p, gt_re *re, int32_t list, int flags);

/* _combine_flags: a scoped (?a) or (?u) replaces the type flags. */
static int gt_re_combine_flags(int flags, int add, int del) {
  if (add & GT_RE_TYPE_FLAGS) flags &= ~GT_RE_TYPE_FLAGS;
  return (flags | add) & ~del;
}

/* A literal or (negate) its complement, compared as the flags say. */
static void gt_re_compile_literal(gt_re *re, uint32_t c, bool negate, int flags) {
  int fold = gt_re_fold_mode(flags);
  if (fold == GT_RE_FOLD_NONE || !gt_re_fold_iscased(fold, c)) {
    gt_re_emit(re, negate ? GT_RE_OP_NOT_LITERAL : GT_RE_OP_LITERAL);
    gt_re_emit(re, c);
    return;
  }
  uint32_t lo = gt_re_fold(fold, c), fix[2];
  int nfix = fold == GT_RE_FOLD_UNI ? gt_re_casefix_of(lo, fix) : 0;
  if (!nfix) {
    if (fold == GT_RE_FOLD_UNI) gt_re_emit(re, negate ? GT_RE_OP_NOT_LITERAL_UNI : GT_RE_OP_LITERAL_UNI);
    else gt_re_emit(re, negate ? GT_RE_OP_NOT_LITERAL_ASCII : GT_RE_OP_LITERAL_ASCII);
    gt_re_emit(re, lo);
    return;
  }
  /* the lowercase form has partners: a folding class of all of them */
  int64_t index;
  gt_re_class *cls = gt_re_new_class(re, &index);
  cls->negate = negate;
  cls->fold = GT_RE_FOLD_UNI;
  gt_re_class_add_range(cls, lo, lo);
  for (int k = 0; k < nfix; k++) gt_re_class_add_range(cls, fix[k], fix[k]);
  gt_re_class_normalize(cls);
  gt_re_emit(re, GT_RE_OP_IN);
  gt_re_emit(re, (uint32_t)index);
}

/* _simple: a repeat of one character needs no REPEAT context. */
static bool gt_re_is_simple(const gt_re_parser *p, int32_t list) {
  if (p->lists[list].len != 1) return false;
  const gt_re_node *n = &p->nodes[p->lists[list].v[0]];
  if (n->op == GT_RE_N_SUBPATTERN) return n->a < 0 && gt_re_is_simple(p, n->body);
  return n->op == GT_RE_N_LITERAL || n->op == GT_RE_N_NOT_LITERAL || n->op == GT_RE_N_ANY ||
         n->op == GT_RE_N_IN;
}

static _Noreturn void gt_re_compile_error(gt_re_parser *p, const char *msg, const char *arg) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, msg);
  gt_sbuf_puts(&b, arg);
  gt_re_raise(p, GT_RE_ERR_RE, &b, -1);
}

static void gt_re_compile_repeat(gt_re_parser *p, gt_re *re, const gt_re_node *n, int flags) {
  static const char *const names[] = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"};
  if (flags & GT_RE_T) gt_re_compile_error(p, "internal: unsupported template operator ", names[n->kind]);
  static const uint8_t one[] = {GT_RE_OP_REPEAT_ONE, GT_RE_OP_MIN_REPEAT_ONE, GT_RE_OP_POSS_REPEAT_ONE};
  static const uint8_t many[] = {GT_RE_OP_REPEAT, GT_RE_OP_REPEAT, GT_RE_OP_POSS_REPEAT};
  bool simple = gt_re_is_simple(p, n->body);
  gt_re_emit(re, simple ? one[n->kind] : many[n->kind]);
  int64_t skip = gt_re_emit_skip(re);
  gt_re_emit(re, (uint32_t)n->a);
  gt_re_emit(re, (uint32_t)n->b);
  gt_re_compile_list(p, re, n->body, flags);
  if (simple || n->kind == GT_RE_POSSESSIVE) {
    gt_re_emit(re, GT_RE_OP_SUCCESS);
    gt_re_patch(re, skip);
  } else {
    gt_re_patch(re, skip);
    gt_re_emit(re, n->kind == GT_RE_LAZY ? GT_RE_OP_MIN_UNTIL : GT_RE_OP_MAX_UNTIL);
  }
}

static void gt_re_compile_assert(gt_re_parser *p, gt_re *re, const gt_re_node *n, int flags) {
  gt_re_emit(re, n->op == GT_RE_N_ASSERT ? GT_RE_OP_ASSERT : GT_RE_OP_ASSERT_NOT);
  int64_t skip = gt_re_emit_skip(re);
  uint32_t back = 0;
  if (n->a < 0) {
    gt_re_width w = gt_re_list_width(p, n->body);
    if (w.lo != w.hi) gt_re_compile_error(p, "look-behind requires fixed-width pattern", "");
    back = (uint32_t)w.lo;
  }
  gt_re_emit(re, back);
  gt_re_compile_list(p, re, n->body, flags);
  gt_re_emit(re, GT_RE_OP_SUCCESS);
  gt_re_patch(re, skip);
}

static void gt_re_compile_branch(gt_re_parser *p, gt_re *re, const gt_re_node *n, int flags) {
  gt_re_emit(re, GT_RE_OP_BRANCH);
  /* the JUMPs out of the alternatives are chained through their skip words
   * (each holds the previous one's position) until the end is known */
  int64_t last_jump = 0;
  for (int64_t i = 0; i < p->lists[n->body].len; i++) {
    int64_t skip = gt_re_emit_skip(re);
    gt_re_compile_list(p, re, p->lists[n->body].v[i], flags);
    gt_re_emit(re, GT_RE_OP_JUMP);
    gt_re_emit(re, (uint32_t)last_jump);
    last_jump = re->ncode - 1;
    gt_re_patch(re, skip);
  }
  gt_re_emit(re, 0);
  while (last_jump) {
    int64_t prev = re->code[last_jump];
    gt_re_patch(re, last_jump);
    last_jump = prev;
  }
}

static void gt_re_compile_conditional(gt_re_parser *p, gt_re *re, const gt_re_node *n, int flags) {
  gt_re_emit(re, GT_RE_OP_GROUPREF_EXISTS);
  gt_re_emit(re, (uint32_t)(n->a - 1));
  int64_t skip = gt_re_emit_skip(re);
  gt_re_compile_list(p, re, n->body, flags);
  if (n->alt >= 0) {
    gt_re_emit(re, GT_RE_OP_JUMP);
    int64_t tail = gt_re_emit_skip(re);
    gt_re_patch(re, skip);
    gt_re_compile_list(p, re, n->alt, flags);
    gt_re_patch(re, tail);
  } else {
    gt_re_patch(re, skip);
  }
}

static uint32_t gt_re_at_for(uint32_t at, int flags) {
  if (flags & GT_RE_M) {
    if (at == GT_RE_AT_BEGINNING) at = GT_RE_AT_BEGINNING_LINE;
    else if (at == GT_RE_AT_END) at = GT_RE_AT_END_LINE;
  }
  if (flags & GT_RE_U) {
    if (at == GT_RE_AT_BOUNDARY) at = GT_RE_AT_UNI_BOUNDARY;
    else if (at == GT_RE_AT_NON_BOUNDARY) at = GT_RE_AT_UNI_NON_BOUNDARY;
  }
  return at;
}

static void gt_re_compile_node(gt_re_parser *p, gt_re *re, const gt_re_node *n, int flags) {
  static const uint8_t groupref_ops[] = {GT_RE_OP_GROUPREF, GT_RE_OP_GROUPREF_UNI, GT_RE_OP_GROUPREF_ASCII};
  switch (n->op) {
  case GT_RE_N_LITERAL: case GT_RE_N_NOT_LITERAL:
    gt_re_compile_literal(re, (uint32_t)n->a, n->op == GT_RE_N_NOT_LITERAL, flags);
    break;
  case GT_RE_N_IN:
    gt_re_emit(re, GT_RE_OP_IN);
    gt_re_emit(re, (uint32_t)gt_re_compile_set(re, &p->sets[n->body], flags));
    break;
  case GT_RE_N_ANY:
    gt_re_emit(re, flags & GT_RE_S ? GT_RE_OP_ANY_ALL : GT_RE_OP_ANY);
    break;
  case GT_RE_N_REPEAT:
    gt_re_compile_repeat(p, re, n, flags);
    break;
  case GT_RE_N_SUBPATTERN:
    if (n->a >= 0) {
      gt_re_emit(re, GT_RE_OP_MARK);
      gt_re_emit(re, (uint32_t)(2 * (n->a - 1)));
    }
    gt_re_compile_list(p, re, n->body, gt_re_combine_flags(flags, n->add_flags, n->del_flags));
    if (n->a >= 0) {
      gt_re_emit(re, GT_RE_OP_MARK);
      gt_re_emit(re, (uint32_t)(2 * (n->a - 1) + 1));
    }
    break;
  case GT_RE_N_ATOMIC: {
    gt_re_emit(re, GT_RE_OP_ATOMIC);
    int64_t skip = gt_re_emit_skip(re);
    gt_re_compile_list(p, re, n->body, flags);
    gt_re_emit(re, GT_RE_OP_SUCCESS);
    gt_re_patch(re, skip);
    break;
  }
  case GT_RE_N_ASSERT: case GT_RE_N_ASSERT_NOT:
    gt_re_compile_assert(p, re, n, flags);
    break;
  case GT_RE_N_AT:
    gt_re_emit(re, GT_RE_OP_AT);
    gt_re_emit(re, gt_re_at_for((uint32_t)n->a, flags));
    break;
  case GT_RE_N_BRANCH:
    gt_re_compile_branch(p, re, n, flags);
    break;
  case GT_RE_N_GROUPREF:
    gt_re_emit(re, groupref_ops[gt_re_fold_mode(flags)]);
    gt_re_emit(re, (uint32_t)(n->a - 1));
    break;
  case GT_RE_N_GROUPREF_EXISTS:
    gt_re_compile_conditional(p, re, n, flags);
    break;
  }
}

static void gt_re_compile_list(gt_re_parser *p, gt_re *re, int32_t list, int flags) {
  for (int64_t i = 0; i < p->lists[list].len; i++) {
    gt_re_node n = p->nodes[p->lists[list].v[i]];
    gt_re_compile_node(p, re, &n, flags);
  }
}

/* ---- the matcher: characters and positions ------------------------------ */

/* What a call to the matcher's step functions asks of the driver loop. */
enum {
  GT_RE_ACT_RUN,      /* go on with the instructions of this frame */
  GT_RE_ACT_CALL,     /* run a sub-match in a new frame, then resume this one */
  GT_RE_ACT_SUCCEED,  /* this frame matched: return 1 to the caller */
  GT_RE_ACT_FAIL,     /* this frame failed: return 0 to the caller */
  GT_RE_ACT_RESUME,   /* (driver only) a sub-match returned to this frame */
};

/* Where a frame resumes when its sub-match returns (sre's JUMP_*). */
enum {
  GT_RE_J_NONE, GT_RE_J_BRANCH, GT_RE_J_REPEAT_ONE, GT_RE_J_MIN_REPEAT_ONE, GT_RE_J_REPEAT,
  GT_RE_J_MAX_UNTIL_1, GT_RE_J_MAX_UNTIL_2, GT_RE_J_MAX_UNTIL_3, GT_RE_J_MIN_UNTIL_1,
  GT_RE_J_MIN_UNTIL_2, GT_RE_J_MIN_UNTIL_3, GT_RE_J_POSS_1, GT_RE_J_POSS_2, GT_RE_J_ATOMIC,
  GT_RE_J_ASSERT, GT_RE_J_ASSERT_NOT,
};

/* A frame of the match: one instruction waiting for a sub-match, with the
 * locals sre keeps in its match context. */
typedef struct gt_re_frame {
  int64_t ptr;          /* where the instruction started (loops: the current position) */
  int64_t count;        /* repeats: the count so far */
  int64_t aux;          /* BRANCH: the alternative; REPEAT_ONE: the tail's literal or -1 */
  int64_t rep;          /* REPEAT and the UNTILs: the repeat context */
  uint32_t pc;          /* the instruction */
  int32_t lastmark, lastindex;  /* saved by LASTMARK_SAVE */
  uint8_t jump, toplevel;
} gt_re_frame;

/* A REPEAT context, which the UNTIL at the end of the body consults. */
typedef struct gt_re_repctx {
  int64_t count;        /* iterations matched so far (-1 before the first) */
  int64_t last_ptr;     /* where the last iteration started: an empty one ends the loop */
  int64_t prev;         /* the enclosing context, -1 for none */
  uint32_t pc;          /* the REPEAT instruction */
} gt_re_repctx;

typedef struct gt_re_matcher {
  const uint32_t *code;
  const gt_re_class *classes;
  const uint32_t *s;
  int64_t n, end;       /* the string's length; endpos */
  int64_t start;        /* where this attempt began */
  bool match_all, must_advance;
  int64_t ptr;          /* where a sub-match starts, and where a success ended */
  int64_t *marks;       /* two per group; -1 unset */
  int32_t lastmark, lastindex;
  int64_t repeat;       /* the innermost REPEAT context, -1 for none */
  gt_re_repctx *reps;
  int64_t nreps, reps_cap;
  gt_re_frame *frames;
  int64_t nframes, frames_cap;
  int64_t *saves;       /* saved marks and last_ptr values */
  int64_t nsaves, saves_cap;
  uint32_t call_pc;     /* the sub-match GT_RE_ACT_CALL asks for */
  bool call_top;
} gt_re_matcher;

static bool gt_re_category(uint32_t cat, uint32_t c) {
  bool ascii = cat & GT_RE_CAT_ASCII;
  switch (cat & ~(uint32_t)GT_RE_CAT_ASCII) {
  case GT_RE_CAT_DIGIT: return ascii ? gt_re_isdigit_ascii(c) : gt_ucd_isdecimal(c);
  case GT_RE_CAT_NOT_DIGIT: return !(ascii ? gt_re_isdigit_ascii(c) : gt_ucd_isdecimal(c));
  case GT_RE_CAT_SPACE: return ascii ? gt_re_isspace_ascii(c) : gt_ucd_isspace(c);
  case GT_RE_CAT_NOT_SPACE: return !(ascii ? gt_re_isspace_ascii(c) : gt_ucd_isspace(c));
  case GT_RE_CAT_WORD: return ascii ? gt_re_isword_ascii(c) : gt_re_isword(c);
  default: return !(ascii ? gt_re_isword_ascii(c) : gt_re_isword(c));
  }
}

static bool gt_re_in_ranges(const gt_re_class *cls, uint32_t c) {
  int64_t lo = 0, hi = cls->nranges - 1;
  while (lo <= hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (c < cls->ranges[mid].lo) hi = mid - 1;
    else if (c > cls->ranges[mid].hi) lo = mid + 1;
    else return true;
  }
  return false;
}

static bool gt_re_class_has(const gt_re_class *cls, uint32_t ch) {
  uint32_t c = gt_re_fold(cls->fold, ch);
  bool ok = gt_re_in_ranges(cls, c);
  for (int64_t i = 0; i < cls->nextra && !ok; i++) {
    gt_re_setitem it = cls->extra[i];
    if (it.op == GT_RE_S_CATEGORY) ok = gt_re_category(it.lo, c);
    else if (it.op == GT_RE_S_LITERAL) ok = c == it.lo;
    else ok = (it.lo <= c && c <= it.hi) || (it.lo <= gt_re_upper(c) && gt_re_upper(c) <= it.hi);
  }
  return ok != cls->negate;
}

/* Whether the one-character instruction at pc matches c. */
static bool gt_re_unit(const gt_re_matcher *m, uint32_t pc, uint32_t c) {
  uint32_t arg = m->code[pc + 1];
  switch (m->code[pc]) {
  case GT_RE_OP_ANY: return c != '\n';
  case GT_RE_OP_ANY_ALL: return true;
  case GT_RE_OP_LITERAL: return c == arg;
  case GT_RE_OP_NOT_LITERAL: return c != arg;
  case GT_RE_OP_LITERAL_UNI: return gt_re_lower(c) == arg;
  case GT_RE_OP_NOT_LITERAL_UNI: return gt_re_lower(c) != arg;
  case GT_RE_OP_LITERAL_ASCII: return gt_re_ascii_lower(c) == arg;
  case GT_RE_OP_NOT_LITERAL_ASCII: return gt_re_ascii_lower(c) != arg;
  default: return gt_re_class_has(&m->classes[arg], c);
  }
}

static bool gt_re_is_unit(uint32_t op) { return op >= GT_RE_OP_ANY && op <= GT_RE_OP_IN && op != GT_RE_OP_AT; }

static uint32_t gt_re_unit_size(uint32_t op) { return op == GT_RE_OP_ANY || op == GT_RE_OP_ANY_ALL ? 1 : 2; }

/* SRE(count): how many times in a row (at most maxcount) the one-character
 * instruction at pc matches from ptr. */
static int64_t gt_re_count(const gt_re_matcher *m, uint32_t pc, int64_t ptr, int64_t maxcount) {
  int64_t end = m->end, i = ptr;
  if (maxcount < end - ptr && maxcount != GT_RE_MAXREPEAT) end = ptr + maxcount;
  while (i < end && gt_re_unit(m, pc, m->s[i])) i++;
  return i > ptr ? i - ptr : 0;
}

/* Word characters before and at ptr: like sre, the one before may lie
 * before pos or (when pos > endpos) past endpos; the one at ptr may not. */
static bool gt_re_word_before(const gt_re_matcher *m, int64_t ptr, bool uni) {
  if (ptr <= 0) return false;
  return uni ? gt_re_isword(m->s[ptr - 1]) : gt_re_isword_ascii(m->s[ptr - 1]);
}

static bool gt_re_word_at(const gt_re_matcher *m, int64_t ptr, bool uni) {
  if (ptr >= m->end) return false;
  return uni ? gt_re_isword(m->s[ptr]) : gt_re_isword_ascii(m->s[ptr]);
}

static bool gt_re_newline_at(const gt_re_matcher *m, int64_t i) {
  return i >= 0 && i < m->n && m->s[i] == '\n';
}

static bool gt_re_at(const gt_re_matcher *m, int64_t ptr, uint32_t at) {
  bool uni = at == GT_RE_AT_UNI_BOUNDARY || at == GT_RE_AT_UNI_NON_BOUNDARY;
  switch (at) {
  case GT_RE_AT_BEGINNING: case GT_RE_AT_BEGINNING_STRING: return ptr == 0;
  case GT_RE_AT_BEGINNING_LINE: return ptr == 0 || gt_re_newline_at(m, ptr - 1);
  case GT_RE_AT_END: return (m->end - ptr == 1 && gt_re_newline_at(m, ptr)) || ptr == m->end;
  case GT_RE_AT_END_LINE: return ptr == m->end || gt_re_newline_at(m, ptr);
  case GT_RE_AT_END_STRING: return ptr == m->end;
  case GT_RE_AT_BOUNDARY: case GT_RE_AT_UNI_BOUNDARY:
    if (m->end == 0) return false;
    return gt_re_word_before(m, ptr, uni) != gt_re_word_at(m, ptr, uni);
  default:
    if (m->end == 0) return false;
    return gt_re_word_before(m, ptr, uni) == gt_re_word_at(m, ptr, uni);
  }
}

/* ---- the matcher: marks ------------------------------------------------- */

static void gt_re_set_mark(gt_re_matcher *m, int32_t i, int64_t ptr) {
  if (i & 1) m->lastindex = i / 2 + 1;
  if (i > m->lastmark) {
    for (int32_t j = m->lastmark + 1; j < i; j++) m->marks[j] = -1;
    m->lastmark = i;
  }
  m->marks[i] = ptr;
}

static void gt_re_lastmark_save(const gt_re_matcher *m, gt_re_frame *f) {
  f->lastmark = m->lastmark;
  f->lastindex = m->lastindex;
}

static void gt_re_lastmark_restore(gt_re_matcher *m, const gt_re_frame *f) {
  m->lastmark = f->lastmark;
  m->lastindex = f->lastindex;
}

static void gt_re_save(gt_re_matcher *m, int64_t v) { GT_RE_PUSH(m->saves, m->nsaves, m->saves_cap, v); }

static int64_t gt_re_unsave(gt_re_matcher *m) { return m->saves[--m->nsaves]; }

/* MARK_PUSH: saves marks 0..lastmark. */
static void gt_re_marks_push(gt_re_matcher *m, int32_t lastmark) {
  if (lastmark < 0) return;
  GT_RE_RESERVE(m->saves, m->nsaves, m->saves_cap, lastmark + 1);
  memcpy(m->saves + m->nsaves, m->marks, (size_t)(lastmark + 1) * sizeof *m->marks);
  m->nsaves += lastmark + 1;
}

/* MARK_POP (keep: MARK_POP_KEEP): restores the saved marks. */
static void gt_re_marks_pop(gt_re_matcher *m, int32_t lastmark, bool keep) {
  if (lastmark < 0) return;
  memcpy(m->marks, m->saves + m->nsaves - (lastmark + 1), (size_t)(lastmark + 1) * sizeof *m->marks);
  if (!keep) m->nsaves -= lastmark + 1;
}

static void gt_re_marks_discard(gt_re_matcher *m, int32_t lastmark) {
  if (lastmark >= 0) m->nsaves -= lastmark + 1;
}

/* The span of group g if it took part (sre's test before a back reference). */
static bool gt_re_group_span(const gt_re_matcher *m, uint32_t g, int64_t *start, int64_t *end) {
  int64_t ref = 2 * (int64_t)g;
  if (ref >= m->lastmark) return false;
  *start = m->marks[ref];
  *end = m->marks[ref + 1];
  return *start >= 0 && *end >= 0 && *end >= *start;
}

/* A back reference at *ptr; advances *ptr past it. */
static bool gt_re_groupref(const gt_re_matcher *m, uint32_t op, uint32_t g, int64_t *ptr) {
  int64_t start, end;
  if (!gt_re_group_span(m, g, &start, &end)) return false;
  int fold = op == GT_RE_OP_GROUPREF_UNI ? GT_RE_FOLD_UNI
             : op == GT_RE_OP_GROUPREF_ASCII ? GT_RE_FOLD_ASCII : GT_RE_FOLD_NONE;
  for (int64_t i = start; i < end; i++, (*ptr)++) {
    if (*ptr >= m->end) return false;
    if (gt_re_fold(fold, m->s[*ptr]) != gt_re_fold(fold, m->s[i])) return false;
  }
  return true;
}

/* ---- the matcher: instructions that backtrack --------------------------- */

/* Asks the driver for a sub-match from m->ptr at pc; the frame resumes at
 * `jump` when it returns. */
static int gt_re_call(gt_re_matcher *m, gt_re_frame *f, int jump, uint32_t pc, bool toplevel) {
  f->jump = (uint8_t)jump;
  m->call_pc = pc;
  m->call_top = toplevel;
  return GT_RE_ACT_CALL;
}

/* Continues the frame's instructions at pc from ptr. */
static int gt_re_goto(gt_re_frame *f, uint32_t pc, int64_t ptr) {
  f->pc = pc;
  f->ptr = ptr;
  return GT_RE_ACT_RUN;
}

static uint32_t gt_re_target(const gt_re_matcher *m, uint32_t skip_at) { return skip_at + m->code[skip_at]; }

static int gt_re_fail_discarding(gt_re_matcher *m, const gt_re_frame *f) {
  if (m->repeat >= 0) gt_re_marks_discard(m, f->lastmark);
  return GT_RE_ACT_FAIL;
}

static int gt_re_succeed_discarding(gt_re_matcher *m, const gt_re_frame *f) {
  if (m->repeat >= 0) gt_re_marks_discard(m, f->lastmark);
  return GT_RE_ACT_SUCCEED;
}

/* After a failed try: MARK_POP_KEEP (inside a repeat) and LASTMARK_RESTORE. */
static void gt_re_undo_try(gt_re_matcher *m, const gt_re_frame *f) {
  if (m->repeat >= 0) gt_re_marks_pop(m, f->lastmark, true);
  gt_re_lastmark_restore(m, f);
}

static void gt_re_begin_tries(gt_re_matcher *m, gt_re_frame *f) {
  gt_re_lastmark_save(m, f);
  if (m->repeat >= 0) gt_re_marks_push(m, f->lastmark);
}

/* BRANCH: the alternatives in turn; f->aux is the current one's skip word. */
static int gt_re_branch_next(gt_re_matcher *m, gt_re_frame *f) {
  for (; m->code[f->aux]; f->aux += m->code[f->aux]) {
    uint32_t body = (uint32_t)f->aux + 1, op = m->code[body];
    if (gt_re_is_unit(op) && (f->ptr >= m->end || !gt_re_unit(m, body, m->s[f->ptr]))) continue;
    m->ptr = f->ptr;
    return gt_re_call(m, f, GT_RE_J_BRANCH, body, f->toplevel);
  }
  return gt_re_fail_discarding(m, f);
}

static int gt_re_branch(gt_re_matcher *m, gt_re_frame *f) {
  gt_re_begin_tries(m, f);
  f->aux = f->pc + 1;
  return gt_re_branch_next(m, f);
}

/* The tail of a REPEAT_ONE, tried with fewer and fewer repeats. */
static int gt_re_repeat_one_next(gt_re_matcher *m, gt_re_frame *f) {
  const uint32_t *c = m->code + f->pc;
  int64_t min = c[2];
  if (f->aux >= 0) {
    /* the tail starts with a literal: skip the counts where it cannot */
    while (f->count >= min && (f->ptr >= m->end || m->s[f->ptr] != (uint32_t)f->aux)) {
      f->ptr--;
      f->count--;
    }
  }
  if (f->count < min) return gt_re_fail_discarding(m, f);
  m->ptr = f->ptr;
  return gt_re_call(m, f, GT_RE_J_REPEAT_ONE, gt_re_target(m, f->pc + 1), f->toplevel);
}

static int gt_re_repeat_one(gt_re_matcher *m, gt_re_frame *f) {
  const uint32_t *c = m->code + f->pc;
  int64_t min = c[2], ptr = f->ptr;
  if (min > m->end - ptr) return GT_RE_ACT_FAIL;
  m->ptr = ptr;
  int64_t count = gt_re_count(m, f->pc + 4, ptr, c[3]);
  ptr += count;
  if (count < min) return GT_RE_ACT_FAIL;
  uint32_t tail = gt_re_target(m, f->pc + 1);
  if (m->code[tail] == GT_RE_OP_SUCCESS && ptr == m->end &&
      !(f->toplevel && m->must_advance && ptr == m->start)) {
    m->ptr = ptr;
    return GT_RE_ACT_SUCCEED;
  }
  gt_re_begin_tries(m, f);
  f->aux = m->code[tail] == GT_RE_OP_LITERAL ? (int64_t)m->code[tail + 1] : -1;
  f->count = count;
  f->ptr = ptr;
  return gt_re_repeat_one_next(m, f);
}

/* The tail of a MIN_REPEAT_ONE, tried with more and more repeats. */
static int gt_re_min_repeat_one_next(gt_re_matcher *m, gt_re_frame *f) {
  int64_t max = m->code[f->pc + 3];
  if (max != GT_RE_MAXREPEAT && f->count > max) return gt_re_fail_discarding(m, f);
  m->ptr = f->ptr;
  return gt_re_call(m, f, GT_RE_J_MIN_REPEAT_ONE, gt_re_target(m, f->pc + 1), f->toplevel);
}

static int gt_re_min_repeat_one(gt_re_matcher *m, gt_re_frame *f) {
  int64_t min = m->code[f->pc + 2], ptr = f->ptr, count = 0;
  if (min > m->end - ptr) return GT_RE_ACT_FAIL;
  m->ptr = ptr;
  if (min) {
    count = gt_re_count(m, f->pc + 4, ptr, min);
    if (count < min) return GT_RE_ACT_FAIL;
    ptr += count;
  }
  uint32_t tail = gt_re_target(m, f->pc + 1);
  if (m->code[tail] == GT_RE_OP_SUCCESS &&
      !(f->toplevel && ((m->match_all && ptr != m->end) || (m->must_advance && ptr == m->start)))) {
    m->ptr = ptr;
    return GT_RE_ACT_SUCCEED;
  }
  gt_re_begin_tries(m, f);
  f->count = count;
  f->ptr = ptr;
  return gt_re_min_repeat_one_next(m, f);
}

/* POSSESSIVE_REPEAT_ONE: as many as there are, never fewer. */
static int gt_re_poss_repeat_one(gt_re_matcher *m, gt_re_frame *f) {
  const uint32_t *c = m->code + f->pc;
  int64_t min = c[2];
  if (f->ptr + min > m->end) return GT_RE_ACT_FAIL;
  m->ptr = f->ptr;
  int64_t count = gt_re_count(m, f->pc + 4, f->ptr, c[3]);
  if (count < min) return GT_RE_ACT_FAIL;
  return gt_re_goto(f, gt_re_target(m, f->pc + 1), f->ptr + count);
}

/* REPEAT: a context for the UNTIL at the end of the body, which does the
 * work; the body is entered through the UNTIL. */
static int gt_re_repeat(gt_re_matcher *m, gt_re_frame *f) {
  gt_re_repctx r = {.count = -1, .last_ptr = -1, .prev = m->repeat, .pc = f->pc};
  GT_RE_PUSH(m->reps, m->nreps, m->reps_cap, r);
  f->rep = m->repeat = m->nreps - 1;
  m->ptr = f->ptr;
  return gt_re_call(m, f, GT_RE_J_REPEAT, gt_re_target(m, f->pc + 1), f->toplevel);
}

static gt_re_repctx *gt_re_rep(gt_re_matcher *m, const gt_re_frame *f) { return &m->reps[f->rep]; }

static int64_t gt_re_rep_min(const gt_re_matcher *m, const gt_re_repctx *r) { return m->code[r->pc + 2]; }

static bool gt_re_rep_below_max(const gt_re_matcher *m, const gt_re_repctx *r, int64_t count) {
  int64_t max = m->code[r->pc + 3];
  return count < max || max == GT_RE_MAXREPEAT;
}

/* Another iteration of the body, guarded against empty ones by last_ptr. */
static int gt_re_iterate(gt_re_matcher *m, gt_re_frame *f, int jump) {
  gt_re_repctx *r = gt_re_rep(m, f);
  r->count = f->count;
  gt_re_save(m, r->last_ptr);
  r->last_ptr = m->ptr;
  return gt_re_call(m, f, jump, r->pc + 4, f->toplevel);
}

/* MAX_UNTIL, after the iterations it could add: the tail. */
static int gt_re_max_until_tail(gt_re_matcher *m, gt_re_frame *f) {
  m->repeat = gt_re_rep(m, f)->prev;
  return gt_re_call(m, f, GT_RE_J_MAX_UNTIL_3, f->pc + 1, f->toplevel);
}

/* MAX_UNTIL's and MIN_UNTIL's start: the frame takes the current repeat
 * and counts one more iteration; below the repeat's minimum, the answer
 * (*act) is another iteration, resumed at `jump`. False where the
 * minimum is reached and the caller decides. */
static bool gt_re_until_below_min(gt_re_matcher *m, gt_re_frame *f, int jump, int *act) {
  if (m->repeat < 0) {
    *act = GT_RE_ACT_FAIL;
    return true;
  }
  f->rep = m->repeat;
  gt_re_repctx *r = gt_re_rep(m, f);
  m->ptr = f->ptr;
  f->count = r->count + 1;
  if (f->count >= gt_re_rep_min(m, r)) return false;
  r->count = f->count;
  *act = gt_re_call(m, f, jump, r->pc + 4, f->toplevel);
  return true;
}

static int gt_re_max_until(gt_re_matcher *m, gt_re_frame *f) {
  int act;
  if (gt_re_until_below_min(m, f, GT_RE_J_MAX_UNTIL_1, &act)) return act;
  gt_re_repctx *r = gt_re_rep(m, f);
  if (gt_re_rep_below_max(m, r, f->count) && m->ptr != r->last_ptr) {
    gt_re_lastmark_save(m, f);
    gt_re_marks_push(m, f->lastmark);
    return gt_re_iterate(m, f, GT_RE_J_MAX_UNTIL_2);
  }
  return gt_re_max_until_tail(m, f);
}

static int gt_re_min_until(gt_re_matcher *m, gt_re_frame *f) {
  int act;
  if (gt_re_until_below_min(m, f, GT_RE_J_MIN_UNTIL_1, &act)) return act;
  gt_re_repctx *r = gt_re_rep(m, f);
  m->repeat = r->prev;
  gt_re_lastmark_save(m, f);
  if (m->repeat >= 0) gt_re_marks_push(m, f->lastmark);
  return gt_re_call(m, f, GT_RE_J_MIN_UNTIL_2, f->pc + 1, f->toplevel);
}

/* POSSESSIVE_REPEAT: iterations as separate matches, never taken back. */
static int gt_re_poss_next(gt_re_matcher *m, gt_re_frame *f) {
  if (f->count < m->code[f->pc + 2]) return gt_re_call(m, f, GT_RE_J_POSS_1, f->pc + 4, false);
  int64_t max = m->code[f->pc + 3];
  if ((f->count < max || max == GT_RE_MAXREPEAT) && m->ptr != f->aux) {
    gt_re_lastmark_save(m, f);
    gt_re_marks_push(m, f->lastmark);
    f->aux = m->ptr;
    return gt_re_call(m, f, GT_RE_J_POSS_2, f->pc + 4, false);
  }
  return gt_re_goto(f, gt_re_target(m, f->pc + 1), m->ptr);
}

static int gt_re_poss_repeat(gt_re_matcher *m, gt_re_frame *f) {
  m->ptr = f->ptr;
  f->count = 0;
  f->aux = -1;   /* where the last optional iteration began */
  return gt_re_poss_next(m, f);
}

static int gt_re_atomic(gt_re_matcher *m, gt_re_frame *f) {
  m->ptr = f->ptr;
  return gt_re_call(m, f, GT_RE_J_ATOMIC, f->pc + 2, false);
}

/* ASSERT and ASSERT_NOT: a sub-match `back` characters before ptr. */
static int gt_re_assert(gt_re_matcher *m, gt_re_frame *f) {
  int64_t back = m->code[f->pc + 2];
  bool positive = m->code[f->pc] == GT_RE_OP_ASSERT;
  if (f->ptr < back) {
    if (positive) return GT_RE_ACT_FAIL;
    return gt_re_goto(f, gt_re_target(m, f->pc + 1), f->ptr);
  }
  m->ptr = f->ptr - back;
  if (positive) return gt_re_call(m, f, GT_RE_J_ASSERT, f->pc + 3, false);
  gt_re_begin_tries(m, f);
  return gt_re_call(m, f, GT_RE_J_ASSERT_NOT, f->pc + 3, false);
}

/* ---- the matcher: resuming after a sub-match ---------------------------- */

static int gt_re_resume_max_until(gt_re_matcher *m, gt_re_frame *f, int jump, bool ret) {
  gt_re_repctx *r = gt_re_rep(m, f);
  if (jump == GT_RE_J_MAX_UNTIL_1) {
    if (ret) return GT_RE_ACT_SUCCEED;
    r->count = f->count - 1;
    m->ptr = f->ptr;
    return GT_RE_ACT_FAIL;
  }
  if (jump == GT_RE_J_MAX_UNTIL_2) {
    r->last_ptr = gt_re_unsave(m);
    if (ret) {
      gt_re_marks_discard(m, f->lastmark);
      return GT_RE_ACT_SUCCEED;
    }
    gt_re_marks_pop(m, f->lastmark, false);
    gt_re_lastmark_restore(m, f);
    r->count = f->count - 1;
    m->ptr = f->ptr;
    return gt_re_max_until_tail(m, f);
  }
  m->repeat = f->rep;
  if (ret) return GT_RE_ACT_SUCCEED;
  m->ptr = f->ptr;
  return GT_RE_ACT_FAIL;
}

static int gt_re_resume_min_until(gt_re_matcher *m, gt_re_frame *f, int jump, bool ret) {
  gt_re_repctx *r = gt_re_rep(m, f);
  if (jump == GT_RE_J_MIN_UNTIL_1 || jump == GT_RE_J_MIN_UNTIL_3) {
    if (jump == GT_RE_J_MIN_UNTIL_3) r->last_ptr = gt_re_unsave(m);
    if (ret) return GT_RE_ACT_SUCCEED;
    r->count = f->count - 1;
    m->ptr = f->ptr;
    return GT_RE_ACT_FAIL;
  }
  /* the tail was tried first */
  bool tail_in_repeat = m->repeat >= 0;
  m->repeat = f->rep;
  if (ret) {
    if (tail_in_repeat) gt_re_marks_discard(m, f->lastmark);
    return GT_RE_ACT_SUCCEED;
  }
  if (tail_in_repeat) gt_re_marks_pop(m, f->lastmark, false);
  gt_re_lastmark_restore(m, f);
  m->ptr = f->ptr;
  if (!gt_re_rep_below_max(m, r, f->count) || m->ptr == r->last_ptr) return GT_RE_ACT_FAIL;
  return gt_re_iterate(m, f, GT_RE_J_MIN_UNTIL_3);
}

static int gt_re_resume(gt_re_matcher *m, gt_re_frame *f, bool ret) {
  int jump = f->jump;
  switch (jump) {
  case GT_RE_J_BRANCH:
    if (ret) return gt_re_succeed_discarding(m, f);
    gt_re_undo_try(m, f);
    f->aux += m->code[f->aux];
    return gt_re_branch_next(m, f);
  case GT_RE_J_REPEAT_ONE:
    if (ret) return gt_re_succeed_discarding(m, f);
    gt_re_undo_try(m, f);
    f->ptr--;
    f->count--;
    return gt_re_repeat_one_next(m, f);
  case GT_RE_J_MIN_REPEAT_ONE:
    if (ret) return gt_re_succeed_discarding(m, f);
    gt_re_undo_try(m, f);
    m->ptr = f->ptr;
    if (!gt_re_count(m, f->pc + 4, f->ptr, 1)) return gt_re_fail_discarding(m, f);
    f->ptr++;
    f->count++;
    return gt_re_min_repeat_one_next(m, f);
  case GT_RE_J_REPEAT:
    m->repeat = gt_re_rep(m, f)->prev;
    m->nreps--;
    return ret ? GT_RE_ACT_SUCCEED : GT_RE_ACT_FAIL;
  case GT_RE_J_MAX_UNTIL_1: case GT_RE_J_MAX_UNTIL_2: case GT_RE_J_MAX_UNTIL_3:
    return gt_re_resume_max_until(m, f, jump, ret);
  case GT_RE_J_MIN_UNTIL_1: case GT_RE_J_MIN_UNTIL_2: case GT_RE_J_MIN_UNTIL_3:
    return gt_re_resume_min_until(m, f, jump, ret);
  case GT_RE_J_POSS_1:
    if (!ret) {
      m->ptr = f->ptr;
      return GT_RE_ACT_FAIL;
    }
    f->count++;
    return gt_re_poss_next(m, f);
  case GT_RE_J_POSS_2:
    if (ret) {
      gt_re_marks_discard(m, f->lastmark);
      f->count++;
      return gt_re_poss_next(m, f);
    }
    gt_re_marks_pop(m, f->lastmark, false);
    gt_re_lastmark_restore(m, f);
    m->ptr = f->aux;
    return gt_re_goto(f, gt_re_target(m, f->pc + 1), m->ptr);
  case GT_RE_J_ATOMIC:
    if (!ret) {
      m->ptr = f->ptr;
      return GT_RE_ACT_FAIL;
    }
    return gt_re_goto(f, gt_re_target(m, f->pc + 1), m->ptr);
  case GT_RE_J_ASSERT:
    if (!ret) return GT_RE_ACT_FAIL;
    return gt_re_goto(f, gt_re_target(m, f->pc + 1), f->ptr);
  default: /* GT_RE_J_ASSERT_NOT */
    if (ret) return gt_re_fail_discarding(m, f);
    if (m->repeat >= 0) gt_re_marks_pop(m, f->lastmark, false);
    gt_re_lastmark_restore(m, f);
    return gt_re_goto(f, gt_re_target(m, f->pc + 1), f->ptr);
  }
}

/* ---- the matcher: the driver -------------------------------------------- */

/* The instructions that start sub-matches. */
static int gt_re_begin(gt_re_matcher *m, gt_re_frame *f) {
  switch (m->code[f->pc]) {
  case GT_RE_OP_BRANCH: return gt_re_branch(m, f);
  case GT_RE_OP_REPEAT_ONE: return gt_re_repeat_one(m, f);
  case GT_RE_OP_MIN_REPEAT_ONE: return gt_re_min_repeat_one(m, f);
  case GT_RE_OP_POSS_REPEAT_ONE: return gt_re_poss_repeat_one(m, f);
  case GT_RE_OP_REPEAT: return gt_re_repeat(m, f);
  case GT_RE_OP_MAX_UNTIL: return gt_re_max_until(m, f);
  case GT_RE_OP_MIN_UNTIL: return gt_re_min_until(m, f);
  case GT_RE_OP_POSS_REPEAT: return gt_re_poss_repeat(m, f);
  case GT_RE_OP_ATOMIC: return gt_re_atomic(m, f);
  default: return gt_re_assert(m, f);
  }
}

/* Runs the frame's instructions until one needs a sub-match or the frame
 * succeeds or fails. */
static int gt_re_step(gt_re_matcher *m, gt_re_frame *f) {
  const uint32_t *code = m->code;
  uint32_t pc = f->pc;
  int64_t ptr = f->ptr, start, end;
  for (;;) {
    uint32_t op = code[pc];
    if (gt_re_is_unit(op)) {
      if (ptr >= m->end || !gt_re_unit(m, pc, m->s[ptr])) return GT_RE_ACT_FAIL;
      ptr++;
      pc += gt_re_unit_size(op);
      continue;
    }
    switch (op) {
    case GT_RE_OP_FAILURE:
      return GT_RE_ACT_FAIL;
    case GT_RE_OP_SUCCESS:
      if (f->toplevel &&
          ((m->match_all && ptr != m->end) || (m->must_advance && ptr == m->start)))
        return GT_RE_ACT_FAIL;
      m->ptr = ptr;
      return GT_RE_ACT_SUCCEED;
    case GT_RE_OP_AT:
      if (!gt_re_at(m, ptr, code[pc + 1])) return GT_RE_ACT_FAIL;
      pc += 2;
      break;
    case GT_RE_OP_MARK:
      gt_re_set_mark(m, (int32_t)code[pc + 1], ptr);
      pc += 2;
      break;
    case GT_RE_OP_JUMP:
      pc = gt_re_target(m, pc + 1);
      break;
    case GT_RE_OP_GROUPREF: case GT_RE_OP_GROUPREF_UNI: case GT_RE_OP_GROUPREF_ASCII:
      if (!gt_re_groupref(m, op, code[pc + 1], &ptr)) return GT_RE_ACT_FAIL;
      pc += 2;
      break;
    case GT_RE_OP_GROUPREF_EXISTS:
      pc = gt_re_group_span(m, code[pc + 1], &start, &end) ? pc + 3 : gt_re_target(m, pc + 2);
      break;
    default: {
      f->pc = pc;
      f->ptr = ptr;
      int act = gt_re_begin(m, f);
      if (act != GT_RE_ACT_RUN) return act;
      pc = f->pc;
      ptr = f->ptr;
    }
    }
  }
}

static void gt_re_push_frame(gt_re_matcher *m, uint32_t pc, int64_t ptr, bool toplevel) {
  gt_re_frame f = {.ptr = ptr, .pc = pc, .rep = -1, .toplevel = toplevel};
  GT_RE_PUSH(m->frames, m->nframes, m->frames_cap, f);
}

/* SRE(match): whether the program matches at ptr; m->ptr is then the end. */
static bool gt_re_run(gt_re_matcher *m, int64_t ptr) {
  m->nframes = m->nsaves = m->nreps = 0;
  m->repeat = -1;
  m->lastmark = m->lastindex = -1;
  gt_re_push_frame(m, 0, ptr, true);
  int act = GT_RE_ACT_RUN;
  bool ret = false;
  for (;;) {
    gt_re_frame *f = &m->frames[m->nframes - 1];
    act = act == GT_RE_ACT_RUN ? gt_re_step(m, f) : gt_re_resume(m, f, ret);
    if (act == GT_RE_ACT_CALL) {
      gt_re_push_frame(m, m->call_pc, m->ptr, m->call_top);
      act = GT_RE_ACT_RUN;
    } else if (act != GT_RE_ACT_RUN) {
      ret = act == GT_RE_ACT_SUCCEED;
      if (--m->nframes == 0) return ret;
      act = GT_RE_ACT_RESUME;
    }
  }
}

/* SRE(search): the first position from pos where the program matches. */
static bool gt_re_search(gt_re_matcher *m, int64_t pos, bool must_advance) {
  if (pos > m->end) return false;
  uint32_t first = m->code[0];
  bool anchored = first == GT_RE_OP_AT && (m->code[1] == GT_RE_AT_BEGINNING ||
                                           m->code[1] == GT_RE_AT_BEGINNING_STRING);
  for (int64_t p = pos;; p++) {
    /* a position where the first character cannot match is no start */
    if (p > pos && gt_re_is_unit(first)) {
      while (p < m->end && !gt_re_unit(m, 0, m->s[p])) p++;
      if (p >= m->end) return false;
    }
    m->start = p;
    m->must_advance = must_advance && p == pos;
    if (gt_re_run(m, p)) return true;
    if (p >= m->end || anchored) return false;
  }
}

/* ---- compiled patterns -------------------------------------------------- */

void gt_re_free(gt_re *re) {
  if (!re) return;
  for (int64_t i = 0; i < re->nclasses; i++) {
    free(re->classes[i].ranges);
    free(re->classes[i].extra);
  }
  if (re->names)
    for (int64_t g = 0; g <= re->groups; g++) free(re->names[g]);
  free(re->names);
  free(re->name_lens);
  free(re->classes);
  free(re->code);
  free(re);
}

/* Group names, from the parser's lists to the pattern. */
static void gt_re_take_names(gt_re *re, const gt_re_parser *p) {
  re->names = gt_xmalloc((size_t)p->groups * sizeof *re->names);
  re->name_lens = gt_xmalloc((size_t)p->groups * sizeof *re->name_lens);
  for (int64_t g = 0; g < p->groups; g++) {
    re->names[g] = NULL;
    re->name_lens[g] = 0;
    if (g == 0 || p->names[g] < 0) continue;
    const gt_re_ivec *l = &p->lists[p->names[g]];
    re->names[g] = gt_xmalloc((size_t)(l->len ? l->len : 1) * sizeof **re->names);
    for (int64_t i = 0; i < l->len; i++) re->names[g][i] = (uint32_t)l->v[i];
    re->name_lens[g] = l->len;
  }
}

/* fix_flags for a str pattern. */
static void gt_re_fix_flags(gt_re_parser *p) {
  const char *msg = NULL;
  if (p->flags & GT_RE_L) msg = "cannot use LOCALE flag with a str pattern";
  else if (!(p->flags & GT_RE_A)) p->flags |= GT_RE_U;
  else if (p->flags & GT_RE_U) msg = "ASCII and UNICODE flags are incompatible";
  if (!msg) return;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, msg);
  gt_re_raise(p, GT_RE_ERR_VALUE, &b, -1);
}

/* parse(): the tree, with the checks that need the whole pattern. */
static int32_t gt_re_parse(gt_re_parser *p) {
  gt_re_opengroup(p, NULL);   /* group 0, the whole match */
  gt_re_advance(p);
  int32_t list = gt_re_parse_sub(p, p->flags & GT_RE_X, 0);
  gt_re_fix_flags(p);
  if (!p->next.none) gt_re_fail(p, 0, "unbalanced parenthesis");
  for (int64_t i = 0; i < p->nrefpos; i++) {
    if (p->refpos[2 * i] < p->groups) continue;
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_printf(&b, "invalid group reference %lld", (long long)p->refpos[2 * i]);
    gt_re_raise(p, GT_RE_ERR_RE, &b, p->refpos[2 * i + 1]);
  }
  return list;
}

gt_re *gt_re_compile(const uint32_t *pat, int64_t n, int flags, gt_re_error *err) {
  gt_re_parser *p = gt_xmalloc(sizeof *p);
  memset(p, 0, sizeof *p);
  p->pat = pat;
  p->n = n;
  p->flags = flags;
  p->lookbehindgroups = -1;
  p->err = err;
  gt_re *re = gt_xmalloc(sizeof *re);
  memset(re, 0, sizeof *re);
  if (setjmp(p->fail)) {
    gt_re_parser_free(p);
    free(p);
    gt_re_free(re);
    return NULL;
  }
  int32_t list = gt_re_parse(p);
  re->flags = flags | p->flags;
  re->groups = p->groups - 1;
  gt_re_compile_list(p, re, list, re->flags);
  gt_re_emit(re, GT_RE_OP_SUCCESS);
  gt_re_take_names(re, p);
  gt_re_parser_free(p);
  free(p);
  return re;
}

int64_t gt_re_groups(const gt_re *re) { return re->groups; }

int gt_re_flags(const gt_re *re) { return re->flags; }

int64_t gt_re_group_index(const gt_re *re, const uint32_t *name, int64_t n) {
  for (int64_t g = 1; g <= re->groups; g++)
    if (re->names[g] && re->name_lens[g] == n && !memcmp(re->names[g], name, (size_t)n * sizeof *name))
      return g;
  return -1;
}

const uint32_t *gt_re_group_name(const gt_re *re, int64_t group, int64_t *n) {
  if (group < 1 || group > re->groups || !re->names[group]) return NULL;
  *n = re->name_lens[group];
  return re->names[group];
}

/* ---- matching ----------------------------------------------------------- */

static int64_t gt_re_clamp(int64_t i, int64_t n) { return i < 0 ? 0 : i > n ? n : i; }

/* The spans of a match, as pattern_new_match reads them off the marks;
 * -1 where a group ends before it starts. */
static int gt_re_fill_spans(const gt_re *re, const gt_re_matcher *m, int64_t *spans, int64_t *lastindex) {
  int ret = 1;
  spans[0] = m->start;
  spans[1] = m->ptr;
  for (int64_t g = 0; g < re->groups; g++) {
    int64_t j = 2 * g, *span = spans + 2 + j;
    span[0] = span[1] = -1;
    if (j + 1 > m->lastmark || m->marks[j] < 0 || m->marks[j + 1] < 0) continue;
    if (m->marks[j] > m->marks[j + 1]) ret = -1;
    span[0] = m->marks[j];
    span[1] = m->marks[j + 1];
  }
  if (lastindex) *lastindex = m->lastindex >= 0 ? m->lastindex : -1;
  return ret;
}

int gt_re_exec(const gt_re *re, const uint32_t *s, int64_t n, int64_t pos, int64_t endpos,
               int mode, int must_advance, int64_t *spans, int64_t *lastindex) {
  gt_re_matcher m = {.code = re->code, .classes = re->classes, .s = s, .n = n};
  m.end = gt_re_clamp(endpos, n);
  pos = gt_re_clamp(pos, n);
  m.marks = gt_xmalloc((size_t)(2 * re->groups + 1) * sizeof *m.marks);
  bool found;
  if (mode == GT_RE_SEARCH) {
    found = gt_re_search(&m, pos, must_advance);
  } else {
    m.start = pos;
    m.match_all = mode == GT_RE_FULLMATCH;
    m.must_advance = must_advance;
    found = gt_re_run(&m, pos);
  }
  int ret = found ? gt_re_fill_spans(re, &m, spans, lastindex) : 0;
  free(m.marks);
  free(m.frames);
  free(m.saves);
  free(m.reps);
  return ret;
}

/* ---- replacement templates ---------------------------------------------- */

/* A piece of a template: text[start:start+len], or a group (group >= 0). */
typedef struct gt_re_piece {
  int64_t start, len, group;
} gt_re_piece;

struct gt_re_template {
  gt_re_buf text;
  gt_re_piece *pieces;
  int64_t npieces, pieces_cap;
  bool literal;   /* no group references */
};

void gt_re_template_free(gt_re_template *t) {
  if (!t) return;
  gt_re_buf_free(&t->text);
  free(t->pieces);
  free(t);
}

static void gt_re_template_text(gt_re_template *t, uint32_t c) {
  if (!t->npieces || t->pieces[t->npieces - 1].group >= 0) {
    gt_re_piece piece = {t->text.len, 0, -1};
    GT_RE_PUSH(t->pieces, t->npieces, t->pieces_cap, piece);
  }
  gt_re_buf_putc(&t->text, c);
  t->pieces[t->npieces - 1].len++;
}

/* addgroup(index, pos): a reference, checked against the pattern's groups. */
static void gt_re_template_group(gt_re_parser *p, gt_re_template *t, const gt_re *re, int64_t g,
                                 int64_t offset) {
  if (g > re->groups) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_printf(&b, "invalid group reference %lld", (long long)g);
    gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - offset);
  }
  gt_re_piece piece = {0, 0, g};
  GT_RE_PUSH(t->pieces, t->npieces, t->pieces_cap, piece);
  t->literal = false;
}

/* \g<name> or \g<number>. */
static void gt_re_template_named(gt_re_parser *p, gt_re_template *t, const gt_re *re) {
  if (!gt_re_accept(p, '<')) gt_re_fail(p, 0, "missing <");
  gt_re_buf *name = &p->name;
  name->len = 0;
  gt_re_getuntil(p, '>', "group name", name);
  if (gt_re_isidentifier(name->data, name->len)) {
    int64_t g = gt_re_group_index(re, name->data, name->len);
    if (g < 0) {
      gt_sbuf b;
      gt_sbuf_init(&b);
      gt_sbuf_puts(&b, "unknown group name ");
      gt_re_put_repr(&b, name->data, name->len);
      gt_re_raise(p, GT_RE_ERR_INDEX, &b, -1);
    }
    gt_re_template_group(p, t, re, g, name->len + 1);
    return;
  }
  int64_t g = gt_re_group_number(p, name);
  gt_re_group_below_max(p, name, g);
  gt_re_template_group(p, t, re, g, name->len + 1);
}

/* \1 .. \99, or an octal escape of three digits. */
static void gt_re_template_digits(gt_re_parser *p, gt_re_template *t, const gt_re *re, uint32_t c) {
  uint32_t d[3] = {c, 0, 0};
  int nd = 1;
  if (gt_re_next_in(p, GT_RE_DIGITS)) {
    d[nd++] = gt_re_get(p).c;
    if (c <= '7' && d[1] <= '7' && gt_re_next_in(p, GT_RE_OCTDIGITS)) {
      d[nd++] = gt_re_get(p).c;
      uint32_t v = (d[0] - '0') * 64 + (d[1] - '0') * 8 + (d[2] - '0');
      if (v > 0377) {
        gt_sbuf b;
        gt_sbuf_init(&b);
        gt_sbuf_puts(&b, "octal escape value \\");
        gt_re_put_utf8(&b, d, 3);
        gt_sbuf_puts(&b, " outside of range 0-0o377");
        gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - 4);
      }
      gt_re_template_text(t, v);
      return;
    }
  }
  int64_t g = nd == 1 ? d[0] - '0' : (d[0] - '0') * 10 + (d[1] - '0');
  gt_re_template_group(p, t, re, g, nd);
}

static void gt_re_template_escape(gt_re_parser *p, gt_re_template *t, const gt_re *re, uint32_t c) {
  if (c == 'g') {
    gt_re_template_named(p, t, re);
  } else if (c == '0') {
    uint32_t v = 0;
    for (int i = 0; i < 2 && gt_re_next_in(p, GT_RE_OCTDIGITS); i++) v = v * 8 + (gt_re_get(p).c - '0');
    gt_re_template_text(t, v & 0xff);
  } else if (c >= '1' && c <= '9') {
    gt_re_template_digits(p, t, re, c);
  } else if (gt_re_simple_escape(c) >= 0) {
    gt_re_template_text(t, (uint32_t)gt_re_simple_escape(c));
  } else if (c < 128 && gt_re_ascii_iscased(c)) {
    gt_sbuf b;
    gt_sbuf_init(&b);
    gt_sbuf_puts(&b, "bad escape \\");
    gt_re_put_utf8(&b, &c, 1);
    gt_re_raise(p, GT_RE_ERR_RE, &b, gt_re_tell(p) - 2);
  } else {
    /* an unknown escape of a non-letter stays as written */
    gt_re_template_text(t, '\\');
    gt_re_template_text(t, c);
  }
}

gt_re_template *gt_re_template_compile(const gt_re *re, const uint32_t *repl, int64_t n,
                                       gt_re_error *err) {
  gt_re_parser *p = gt_xmalloc(sizeof *p);
  memset(p, 0, sizeof *p);
  p->pat = repl;
  p->n = n;
  p->err = err;
  gt_re_template *t = gt_xmalloc(sizeof *t);
  memset(t, 0, sizeof *t);
  t->literal = true;
  if (setjmp(p->fail)) {
    gt_re_parser_free(p);
    free(p);
    gt_re_template_free(t);
    return NULL;
  }
  gt_re_advance(p);
  while (!p->next.none) {
    gt_re_token tok = gt_re_get(p);
    if (tok.escaped) gt_re_template_escape(p, t, re, tok.c);
    else gt_re_template_text(t, tok.c);
  }
  gt_re_parser_free(p);
  free(p);
  return t;
}

bool gt_re_template_is_literal(const gt_re_template *t, const uint32_t **text, int64_t *n) {
  *text = t->text.data;
  *n = t->text.len;
  return t->literal;
}

void gt_re_template_expand(const gt_re_template *t, const uint32_t *s, const int64_t *spans,
                           gt_re_buf *out) {
  for (int64_t i = 0; i < t->npieces; i++) {
    const gt_re_piece *piece = &t->pieces[i];
    if (piece->group < 0) {
      gt_re_buf_put(out, t->text.data + piece->start, piece->len);
    } else {
      const int64_t *span = spans + 2 * piece->group;
      if (span[0] >= 0) gt_re_buf_put(out, s + span[0], span[1] - span[0]);
    }
  }
}

/* ---- re.escape ---------------------------------------------------------- */

void gt_re_escape(const uint32_t *s, int64_t n, gt_re_buf *out) {
  static const char special[] = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
  for (int64_t i = 0; i < n; i++) {
    if (s[i] < 128 && s[i] && strchr(special, (int)s[i])) gt_re_buf_putc(out, '\\');
    gt_re_buf_putc(out, s[i]);
  }
}

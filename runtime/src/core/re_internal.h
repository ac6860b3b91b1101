/* re_internal.h - the regular-expression engine behind Python's re module
 * (private to the runtime). Patterns are str patterns over code points with
 * CPython 3.11's syntax, error messages and matching semantics; see re.c. */
#ifndef GT_RE_INTERNAL_H
#define GT_RE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct gt_re gt_re;   /* a compiled pattern */

/* CPython's flag values: re.T, re.I, re.L, re.M, re.S, re.U, re.X, re.DEBUG, re.A. */
enum {
  GT_RE_T = 1, GT_RE_I = 2, GT_RE_L = 4, GT_RE_M = 8, GT_RE_S = 16,
  GT_RE_U = 32, GT_RE_X = 64, GT_RE_DEBUG = 128, GT_RE_A = 256,
};

/* The exception CPython raises for a pattern or a template it rejects. */
typedef enum {
  GT_RE_ERR_RE = 1,       /* re.error */
  GT_RE_ERR_VALUE,        /* ValueError: LOCALE, or ASCII with UNICODE */
  GT_RE_ERR_OVERFLOW,     /* OverflowError: a repeat count of 2**32 - 1 or more */
  GT_RE_ERR_INDEX,        /* IndexError: a template names an unknown group */
  GT_RE_ERR_RECURSION,    /* RecursionError: a pattern nested too deeply */
} gt_re_errkind;

typedef struct gt_re_error {
  gt_re_errkind kind;
  char *msg;          /* malloc'd UTF-8 str(exception): "nothing to repeat at position 0" */
  int64_t msg_len;    /* the length of re.error's .msg, the text before " at position" */
  int64_t pos;        /* re.error's .pos, or -1 where it has none */
} gt_re_error;

void gt_re_error_free(gt_re_error *err);

/* Compiles a pattern with the flags of re.compile; on error returns NULL and
 * fills *err (free it with gt_re_error_free). */
gt_re *gt_re_compile(const uint32_t *pat, int64_t n, int flags, gt_re_error *err);
void gt_re_free(gt_re *re);

int64_t gt_re_groups(const gt_re *re);   /* the number of capturing groups */
int gt_re_flags(const gt_re *re);        /* Pattern.flags: inline flags included, U for str patterns */
/* A group's index by name, or -1; and a group's name (NULL for an unnamed group). */
int64_t gt_re_group_index(const gt_re *re, const uint32_t *name, int64_t n);
const uint32_t *gt_re_group_name(const gt_re *re, int64_t group, int64_t *n);

/* gt_re_exec's mode. */
enum { GT_RE_MATCH = 0, GT_RE_SEARCH = 1, GT_RE_FULLMATCH = 2 };

/* Matches in s[0:n], as Pattern.match/search/fullmatch(s, pos, endpos): the
 * string ends at endpos, while ^ and \A match at index 0 only and lookbehinds
 * may look before pos. pos and endpos are clamped to [0, n] as CPython does.
 * must_advance rejects an empty match at pos: findall, finditer, sub and
 * split search on from the end of each match, with must_advance set when
 * that match was empty.
 * On a match fills spans with 2 * (groups + 1) values, the start and end of
 * the match and of each group (-1, -1 for a group that did not take part),
 * and *lastindex (may be NULL) with Match.lastindex, -1 for None; returns 1.
 * Returns 0 for no match. Returns -1 for a match (spans filled all the same)
 * in which some group ends before it starts: CPython then raises
 * SystemError("The span of capturing group is wrong, please report a bug for
 * the re module.") wherever it reads the groups (a Match object, findall,
 * split, sub with a template that refers to groups), but not in sub with a
 * literal replacement. */
int gt_re_exec(const gt_re *re, const uint32_t *s, int64_t n, int64_t pos, int64_t endpos,
               int mode, int must_advance, int64_t *spans, int64_t *lastindex);

/* A growable array of code points (zero-initialize it). */
typedef struct gt_re_buf {
  uint32_t *data;
  int64_t len, cap;
} gt_re_buf;

void gt_re_buf_put(gt_re_buf *b, const uint32_t *s, int64_t n);
void gt_re_buf_free(gt_re_buf *b);

/* A replacement template of re.sub and Match.expand: literal text and group
 * references (\1, \g<1>, \g<name>), with CPython's errors. */
typedef struct gt_re_template gt_re_template;

/* On error returns NULL and fills *err. */
gt_re_template *gt_re_template_compile(const gt_re *re, const uint32_t *repl, int64_t n,
                                       gt_re_error *err);
void gt_re_template_free(gt_re_template *t);
/* Whether the template refers to no group (re.sub then inserts it as it is);
 * *text and *n are its expansion. */
bool gt_re_template_is_literal(const gt_re_template *t, const uint32_t **text, int64_t *n);
/* Appends the expansion for a match of s (spans as gt_re_exec fills them);
 * a group that did not take part expands to "". */
void gt_re_template_expand(const gt_re_template *t, const uint32_t *s, const int64_t *spans,
                           gt_re_buf *out);

/* re.escape(s): a backslash before each character that is special in a pattern. */
void gt_re_escape(const uint32_t *s, int64_t n, gt_re_buf *out);

#endif

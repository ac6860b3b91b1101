/* gtorch_re.h - Python 3.11's re module (stdlib/re.gtp): compiled patterns,
 * match objects, the module's functions and re.error, over the runtime's
 * regular-expression engine (src/core/re.c), which has CPython's syntax,
 * error messages and matching rules.
 *
 * Pure C11. Positions are code points, as in Python. A group that did not
 * take part in a match is None in Python; where a str is declared (group(),
 * groups(), groupdict(), split()'s groups) that is a TypeError saying so,
 * and a default (groups(default=""), start(g) == -1) avoids it.
 *
 * Handles are reference counted (gt_retain/gt_release). Arguments are
 * borrowed; results are new references.
 */
#ifndef GTORCH_RE_H
#define GTORCH_RE_H

#include <stdbool.h>
#include <stdint.h>

#include "gtorch_core.h"
#include "gtorch_exc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_re_pattern gt_re_pattern;   /* re.Pattern */
typedef struct gt_re_match gt_re_match;       /* re.Match */
typedef struct gt_re_iter gt_re_iter;         /* what finditer() returns */
typedef struct gt_fn gt_fn;

/* re.error: a pattern or a template CPython rejects. str(e) is the whole
 * message ("nothing to repeat at position 0"), msg its first part, pattern
 * the pattern, pos, lineno and colno where it went wrong (GT_NONE_INT for
 * None: an error a program raises itself). */
typedef struct gt_ReError {
  gt_exc exc;
  gt_str *msg, *pattern;
  int64_t pos, lineno, colno;
} gt_ReError;
extern const gt_class gt_ReError_class;
gt_ReError *gt_ReError_new(gt_str *msg);
gt_str *gt_ReError_msg(gt_ReError *e);
gt_str *gt_ReError_pattern(gt_ReError *e);   /* NULL: None */
int64_t gt_ReError_pos(gt_ReError *e);
int64_t gt_ReError_lineno(gt_ReError *e);
int64_t gt_ReError_colno(gt_ReError *e);

/* re.compile(pattern, flags), from a cache of compiled patterns as
 * CPython's module functions keep one. */
gt_re_pattern *gt_re_compile_str(const gt_str *pattern, int64_t flags);
/* re.compile(p) of a compiled pattern: p itself (ValueError for flags). */
gt_re_pattern *gt_re_compile_pattern(gt_re_pattern *p, int64_t flags);
void gt_re_purge(void);
gt_str *gt_re_escape_str(const gt_str *s);

/* Pattern's methods; pos and endpos as Python's (clamped to the string). */
gt_re_match *gt_re_pattern_match(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos);
gt_re_match *gt_re_pattern_search(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos);
gt_re_match *gt_re_pattern_fullmatch(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos);
/* list[str]: the matches, or group 1's text ("" where it took no part);
 * a pattern of two or more groups (Python's list of tuples) is a TypeError. */
gt_list *gt_re_pattern_findall(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos);
gt_re_iter *gt_re_pattern_finditer(gt_re_pattern *p, const gt_str *s, int64_t pos, int64_t endpos);
gt_str *gt_re_pattern_sub(gt_re_pattern *p, const gt_str *repl, const gt_str *s, int64_t count);
gt_str *gt_re_pattern_sub_fn(gt_re_pattern *p, gt_fn *repl, const gt_str *s, int64_t count);
gt_tuple *gt_re_pattern_subn(gt_re_pattern *p, const gt_str *repl, const gt_str *s, int64_t count);
gt_tuple *gt_re_pattern_subn_fn(gt_re_pattern *p, gt_fn *repl, const gt_str *s, int64_t count);
gt_list *gt_re_pattern_split(gt_re_pattern *p, const gt_str *s, int64_t maxsplit);
gt_str *gt_re_pattern_pattern(gt_re_pattern *p);
int64_t gt_re_pattern_flags(gt_re_pattern *p);
int64_t gt_re_pattern_groups(gt_re_pattern *p);
gt_dict *gt_re_pattern_groupindex(gt_re_pattern *p);   /* dict[str, int] */

/* The module's functions: a cached compile of the pattern, then its method. */
gt_re_match *gt_re_match_str(const gt_str *pattern, const gt_str *s, int64_t flags);
gt_re_match *gt_re_search_str(const gt_str *pattern, const gt_str *s, int64_t flags);
gt_re_match *gt_re_fullmatch_str(const gt_str *pattern, const gt_str *s, int64_t flags);
gt_list *gt_re_findall_str(const gt_str *pattern, const gt_str *s, int64_t flags);
gt_re_iter *gt_re_finditer_str(const gt_str *pattern, const gt_str *s, int64_t flags);
gt_str *gt_re_sub_str(const gt_str *pattern, const gt_str *repl, const gt_str *s, int64_t count, int64_t flags);
gt_str *gt_re_sub_fn_str(const gt_str *pattern, gt_fn *repl, const gt_str *s, int64_t count, int64_t flags);
gt_tuple *gt_re_subn_str(const gt_str *pattern, const gt_str *repl, const gt_str *s, int64_t count, int64_t flags);
gt_tuple *gt_re_subn_fn_str(const gt_str *pattern, gt_fn *repl, const gt_str *s, int64_t count, int64_t flags);
gt_list *gt_re_split_str(const gt_str *pattern, const gt_str *s, int64_t maxsplit, int64_t flags);

/* Match's methods. A group is its number or its name (IndexError: no such
 * group). */
gt_str *gt_re_match_group0(gt_re_match *m);
gt_str *gt_re_match_group(gt_re_match *m, int64_t g);
gt_str *gt_re_match_group_named(gt_re_match *m, const gt_str *name);
gt_tuple *gt_re_match_group_n(gt_re_match *m, int64_t g1, int64_t g2, const int64_t *more, int64_t nmore);
gt_tuple *gt_re_match_groups(gt_re_match *m);
gt_tuple *gt_re_match_groups_default(gt_re_match *m, const gt_str *dflt);
gt_dict *gt_re_match_groupdict(gt_re_match *m);
gt_dict *gt_re_match_groupdict_default(gt_re_match *m, const gt_str *dflt);
int64_t gt_re_match_start(gt_re_match *m, int64_t g);
int64_t gt_re_match_start_named(gt_re_match *m, const gt_str *name);
int64_t gt_re_match_end(gt_re_match *m, int64_t g);
int64_t gt_re_match_end_named(gt_re_match *m, const gt_str *name);
gt_tuple *gt_re_match_span(gt_re_match *m, int64_t g);
gt_tuple *gt_re_match_span_named(gt_re_match *m, const gt_str *name);
gt_str *gt_re_match_expand(gt_re_match *m, const gt_str *tmpl);
int64_t gt_re_match_pos(gt_re_match *m);
int64_t gt_re_match_endpos(gt_re_match *m);
int64_t gt_re_match_lastindex(gt_re_match *m);   /* GT_NONE_INT: None */
gt_str *gt_re_match_lastgroup(gt_re_match *m);   /* NULL: None */
gt_re_pattern *gt_re_match_re(gt_re_match *m);
gt_str *gt_re_match_string(gt_re_match *m);

/* finditer()'s iterator: 1 and *m the next match, or 0 at the end. */
gt_re_iter *gt_re_iter_iter(gt_re_iter *it);
int gt_re_iter_next(gt_re_iter *it, gt_re_match **m);

#ifdef __cplusplus
}
#endif

#endif

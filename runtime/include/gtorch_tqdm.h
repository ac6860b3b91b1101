/* gtorch_tqdm.h - progress bars: tqdm 4.64's `tqdm` over a DataLoader, or
 * counted by hand with update().
 *
 * Pure C11. The bar goes to stderr, each line after a `\r`, as tqdm writes
 * it to a terminal, a file or a pipe alike: when the bar is made, at most
 * every `mininterval` seconds as it goes, and on a refresh:
 *
 *   epoch 1:  42%|████▏     | 394/938 [00:05<00:07, 74.12it/s, loss=0.412]
 *
 * count, percentage, bar, n/total, elapsed<remaining, rate (smoothed as
 * tqdm smooths it) and the postfix. close() runs at the end of the
 * iteration: it draws the final line and a newline, or with leave=False
 * blanks the line instead.
 *
 * Handles are reference counted (gt_retain/gt_release). Arguments are
 * borrowed; constructors return new references.
 */
#ifndef GTORCH_TQDM_H
#define GTORCH_TQDM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_tqdm gt_tqdm;
typedef struct gt_dyn gt_dyn;
typedef struct gt_tqdm_iter gt_tqdm_iter;
typedef struct gt_tensor gt_tensor;
typedef struct gt_loader gt_loader;
extern const gt_class gt_tqdm_class;
extern const gt_class gt_tqdm_iter_class;

/* tqdm(iterable, desc=, total=, leave=, ncols=, mininterval=, disable=,
 * unit=, ascii=). iterable: what gt_tqdm_iter_new iterates, or NULL (count
 * with update()); total GT_NONE_INT: unknown; ncols GT_NONE_INT: the
 * terminal's width; desc may be NULL; ascii 1: the bar drawn with
 * " 123456789#", 0: with blocks, GT_NONE_INT: blocks where the locale's
 * encoding is UTF-8 (as Python's stderr's). Never fails. */
gt_tqdm *gt_tqdm_new(gt_obj *iterable, const char *desc, int64_t total, bool leave, int64_t ncols,
                     double mininterval, bool disable, const char *unit, int64_t ascii);
/* The same over a DataLoader (NULL: none); total GT_NONE_INT: len(loader). */
gt_tqdm *gt_tqdm_loader(gt_loader *loader, const char *desc, int64_t total, bool leave, int64_t ncols,
                        double mininterval, bool disable, const char *unit, int64_t ascii);
/* The same over the items of another iterable (a range, a list, ...), as
 * a list made where the bar is; total GT_NONE_INT: their count. */
gt_tqdm *gt_tqdm_items(struct gt_list *items, const char *desc, int64_t total, bool leave, int64_t ncols,
                       double mininterval, bool disable, const char *unit, int64_t ascii);
/* The same over a generator (a generator function's, or of enumerate(),
 * zip() or map() of the program), walked as the bar is iterated: total
 * GT_NONE_INT: unknown, as tqdm's over what has no len(). */
gt_tqdm *gt_tqdm_gen(struct gt_gen *gen, const char *desc, int64_t total, bool leave, int64_t ncols,
                     double mininterval, bool disable, const char *unit, int64_t ascii);
/* Adds n to the count and redraws if mininterval has passed. */
void gt_tqdm_update(gt_tqdm *t, int64_t n);
/* set_postfix(loss=0.41, acc=0.9, phase="val"): tqdm's `key=value, ...`,
 * keys sorted, each value a union value of an int, a float, a bool or a
 * str: a number as tqdm's format_num writes it, a str as it is. */
void gt_tqdm_set_postfix(gt_tqdm *t, bool refresh, const char *const *names, gt_dyn *const *values,
                         int64_t n);
void gt_tqdm_set_postfix_str(gt_tqdm *t, const char *s, bool refresh);
void gt_tqdm_set_description(gt_tqdm *t, const char *desc, bool refresh);
void gt_tqdm_refresh(gt_tqdm *t);
/* Draws the final state (leave) or erases the bar; later calls do nothing. */
void gt_tqdm_close(gt_tqdm *t);
int64_t gt_tqdm_n(gt_tqdm *t);
int64_t gt_tqdm_total(gt_tqdm *t);   /* GT_NONE_INT-free: -1 when unknown */
int64_t gt_tqdm_len(gt_tqdm *t);     /* total, as len(bar); -1 and an error when unknown */

/* tqdm.format_meter(n, total, elapsed, ncols, prefix, ascii, unit, postfix=)
 * with rate = n / elapsed: the line as tqdm formats it, into buf (NUL
 * terminated, truncated to cap). total < 0: unknown; ncols < 0: none. */
void gt_tqdm_format_meter(char *buf, size_t cap, int64_t n, int64_t total, double elapsed, int64_t ncols,
                          const char *prefix, bool ascii, const char *unit, const char *postfix, double rate);
/* tqdm.format_num(x): "%.3g" unless repr(x) is shorter. */
void gt_tqdm_format_num(char *buf, size_t cap, double x);

/* ---- iteration (the bar over a DataLoader or items) ---------------------------------- */

/* iter(bar): a new iteration of its loader or items; NULL and an error
 * without either. */
gt_tqdm_iter *gt_tqdm_iter_new(gt_tqdm *t);
/* The loader's next batch, as gt_loader_next_batch (1, 0 at the end, -1 on
 * an error), or the next item (a new reference into the slot of its
 * type), counting it on the bar; the end closes the bar. */
int gt_tqdm_next(gt_tqdm_iter *it, void *batch);

/* For the iteration glue: one item done (tqdm's per-item bookkeeping). */
void gt_tqdm_step(gt_tqdm *t);
gt_obj *gt_tqdm_iterable(gt_tqdm *t);

#ifdef __cplusplus
}
#endif

#endif

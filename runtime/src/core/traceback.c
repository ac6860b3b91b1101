/* traceback.c - the exception being handled, and the text Python's
 * traceback.format_exception gives of one, for logging's exception() and
 * exc_info (gtorch_exc.h).
 *
 * An exception is being handled while an except clause (or a with
 * block's __exit__) runs: then the slot of its try statement's handler,
 * h->exc, holds it. Each exception unwound to a handler is noted here with
 * that slot; a note counts only while the slot is one of the live
 * functions' holdings (so the function of the try has not returned) and
 * still holds the exception (so its clause has not ended). The notes do
 * not own the exceptions: they are read only through such a slot. */
#include "core_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  gt_exc **slot;  /* &h->exc of the handler that caught it */
  gt_exc *exc;
  size_t depth;   /* the frames down to the handler's, the outermost being 1 */
} gt_caught;

static GT_THREAD_LOCAL gt_caught *caught;
static GT_THREAD_LOCAL size_t ncaught, caught_cap;

/* Whether slot is one of the slots of a function now running. */
static bool slot_is_live(gt_exc **slot) {
  for (gt_holdings *k = gt_top_holdings; k; k = k->up)
    for (int32_t i = 0; i < k->nslots; i++)
      if (k->slots[i] == (volatile void *)slot) return true;
  return false;
}

static bool is_handled(const gt_caught *c) { return slot_is_live(c->slot) && *c->slot == c->exc; }

void gt_note_caught(gt_handler *h, gt_exc *e) {
  /* notes of clauses that ended go first, so nesting bounds the stack */
  while (ncaught && !is_handled(&caught[ncaught - 1])) ncaught--;
  if (ncaught == caught_cap) {
    size_t cap = caught_cap ? 2 * caught_cap : 8;
    gt_caught *grown = realloc(caught, cap * sizeof *grown);
    if (!grown) return;  /* the exception goes unnoted: logged as none */
    caught = grown;
    caught_cap = cap;
  }
  size_t depth = 0;
  for (gt_frame *f = h->frame; f; f = f->up) depth++;
  caught[ncaught++] = (gt_caught){&h->exc, e, depth};
}

/* The newest note of an exception being handled (of e where e is not
 * NULL), or NULL. */
static const gt_caught *handled_note(const gt_exc *e) {
  for (size_t i = ncaught; i-- > 0;)
    if ((!e || caught[i].exc == e) && is_handled(&caught[i])) return &caught[i];
  return NULL;
}

gt_exc *gt_exc_handled(void) {
  const gt_caught *c = handled_note(NULL);
  return c ? gt_retain(c->exc) : NULL;
}

/* ---- format_exception ---------------------------------------------------- */

/* Whether frames a and b have one traceback line, `  in FUNC (FILE:LINE)`. */
static bool same_line(const gt_origin_frame *a, const gt_origin_frame *b) {
  return a->line == b->line && strcmp(a->func, b->func) == 0 && strcmp(a->file, b->file) == 0;
}

/* o's frames as its uncaught report lists them, a malloc'd array of
 * o->nframes (NULL where there are none): in a run the report counts
 * (gt_origin_repeats: one function at one line), the frames past the third
 * stand for the third, as its `[Previous line repeated N more times]`
 * does. They can differ from it in their file alone, where functions of
 * two modules share a name. */
static const gt_origin_frame **listed_frames(const gt_exc_origin *o) {
  if (!o->nframes) return NULL;
  const gt_origin_frame **listed = gt_xmalloc(o->nframes * sizeof *listed);
  size_t repeats = 0;
  for (size_t i = 0; i < o->nframes; i++) {
    repeats = i > 0 && gt_origin_repeats(&o->frames[i - 1], &o->frames[i]) ? repeats + 1 : 0;
    listed[i] = repeats < 3 ? &o->frames[i] : listed[i - 1];
  }
  return listed;
}

/* frames[from..n) as the uncaught report writes its frames: a line
 * repeated more than three times written three times, then counted. */
static void put_frames(gt_sbuf *b, const gt_origin_frame **frames, size_t from, size_t n) {
  size_t repeats = 0;
  for (size_t i = from; i < n; i++) {
    repeats = i > from && same_line(frames[i], frames[i - 1]) ? repeats + 1 : 0;
    if (repeats < 3) gt_sbuf_printf(b, "  in %s (%s:%d)\n", frames[i]->func, frames[i]->file, (int)frames[i]->line);
    bool run_ends = i + 1 == n || !same_line(frames[i + 1], frames[i]);
    if (run_ends && repeats >= 3) gt_sbuf_printf(b, "  [Previous line repeated %zu more times]\n", repeats - 2);
  }
}

/* One exception's part: its traceback from the frame of the handler that
 * caught it (all of its frames where none is handling it now), then its
 * `Class: message` line. An exception never raised has no traceback. */
static void put_exception(gt_sbuf *b, gt_exc *e) {
  if (e->origin) {
    size_t n = e->origin->nframes;
    const gt_origin_frame **frames = listed_frames(e->origin);
    const gt_caught *c = handled_note(e);
    size_t from = c && c->depth > 0 && c->depth <= n ? c->depth - 1 : 0;
    gt_sbuf_puts(b, "Traceback (most recent call last):\n");
    put_frames(b, frames, from, n);
    free(frames);
  }
  char *message = gt_exc_message(e);
  gt_sbuf_puts(b, message);
  gt_sbuf_putc(b, '\n');
  free(message);
}

/* The causes first, as Python prints a chain (`raise ... from cause`). */
static void put_chain(gt_sbuf *b, gt_exc *e, int depth) {
  if (e->cause && depth < 100) {
    put_chain(b, e->cause, depth + 1);
    gt_sbuf_puts(b, "\nThe above exception was the direct cause of the following exception:\n\n");
  }
  put_exception(b, e);
}

gt_str *gt_exc_format(gt_exc *e) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  if (e) put_chain(&b, e, 0);
  else gt_sbuf_puts(&b, "NoneType: None\n");
  b.len--;  /* logging's formatException drops the last newline */
  return gt_sbuf_finish(&b);
}

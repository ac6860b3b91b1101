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

#include <stdio.h>
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

typedef struct {
  const char *text;
  size_t len;
} gt_line;

/* Appends line to *lines (of *n, room for *cap); false where memory ran out. */
static bool add_line(gt_line **lines, size_t *n, size_t *cap, gt_line line) {
  if (*n == *cap) {
    size_t grown_cap = *cap ? 2 * *cap : 16;
    gt_line *grown = realloc(*lines, grown_cap * sizeof *grown);
    if (!grown) return false;
    *lines = grown;
    *cap = grown_cap;
  }
  (*lines)[(*n)++] = line;
  return true;
}

/* The frame lines of a report (gt_error_report's `  in FUNC (FILE:LINE)`),
 * each repeated line that the report counted written out again; a malloc'd
 * array of *n lines pointing into the report (NULL where there are none). */
static gt_line *report_frames(const char *report, size_t *n) {
  gt_line *lines = NULL;
  size_t cap = 0;
  *n = 0;
  const char *p = strstr(report, "Traceback (most recent call last):\n");
  if (!p) return NULL;
  for (p = strchr(p, '\n') + 1; *p; p = strchr(p, '\n') + 1) {
    const char *end = strchr(p, '\n');
    if (!end) break;
    unsigned long more = 0;
    if (sscanf(p, "  [Previous line repeated %lu more times]", &more) == 1) {
      for (unsigned long k = 0; k < more && *n; k++)
        if (!add_line(&lines, n, &cap, lines[*n - 1])) return lines;
    } else if (!add_line(&lines, n, &cap, (gt_line){p, (size_t)(end - p) + 1})) {
      return lines;
    }
  }
  return lines;
}

static bool same_line(gt_line a, gt_line b) { return a.len == b.len && memcmp(a.text, b.text, a.len) == 0; }

/* lines[from..n) as gt_put_traceback writes frames: a line repeated more
 * than three times written three times, then counted. */
static void put_frames(gt_sbuf *b, const gt_line *lines, size_t from, size_t n) {
  size_t repeats = 0;
  for (size_t i = from; i < n; i++) {
    repeats = i > from && same_line(lines[i], lines[i - 1]) ? repeats + 1 : 0;
    if (repeats < 3) gt_sbuf_put(b, lines[i].text, lines[i].len);
    bool run_ends = i + 1 == n || !same_line(lines[i + 1], lines[i]);
    if (run_ends && repeats >= 3) gt_sbuf_printf(b, "  [Previous line repeated %zu more times]\n", repeats - 2);
  }
}

/* One exception's part: its traceback from the frame of the handler that
 * caught it (all of the report's where none is handling it now), then its
 * `Class: message` line. An exception never raised has no traceback. */
static void put_exception(gt_sbuf *b, gt_exc *e) {
  if (e->report) {
    size_t n;
    gt_line *lines = report_frames(e->report, &n);
    const gt_caught *c = handled_note(e);
    size_t from = c && c->depth > 0 && c->depth <= n ? c->depth - 1 : 0;
    gt_sbuf_puts(b, "Traceback (most recent call last):\n");
    put_frames(b, lines, from, n);
    free(lines);
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

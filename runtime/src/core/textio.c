/* textio.c - the methods every text stream shares, io.TextIOBase's:
 * open()'s files and the standard streams (file.c) and StringIO
 * (stringio.c) are each a gt_textio whose kind reads, writes, flushes and
 * closes it; the checks CPython makes before it does (a closed stream, one
 * not open for reading or writing) and the translation of the newlines
 * written are made here once for all of them. */
#include "core_internal.h"

const char *gt_newline_known(const char *newline) {
  static const char *const modes[] = {"", "\n", "\r", "\r\n"};
  for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
    if (!strcmp(newline, modes[i])) return modes[i];
  return NULL;
}

const char *gt_newline_mode(const char *newline) {
  if (!newline) return NULL;
  const char *nl = gt_newline_known(newline);
  if (!nl) gt_fail("ValueError: illegal newline value: %s", newline);
  return nl;
}

void gt_textio_check_open(gt_textio *f) {
  if (f->closed) gt_fail("ValueError: I/O operation on closed file.");
}

/* The check of the kind's own methods, whose message is the kind's. */
static void gt_textio_check_own(gt_textio *f) {
  if (f->closed) gt_fail("ValueError: %s", f->kind->closed_message);
}

/* io.UnsupportedOperation is both an OSError and a ValueError in CPython;
 * the language raises its OSError. */
static void gt_textio_check_readable(gt_textio *f) {
  gt_textio_check_own(f);
  if (!f->readable) gt_fail("OSError: not readable");
}

static void gt_textio_check_writable(gt_textio *f) {
  gt_textio_check_own(f);
  if (!f->writable) gt_fail("OSError: not writable");
}

/* ---- reading --------------------------------------------------------------- */

/* read(size=-1): the rest of the stream, or at most size characters. */
gt_str *gt_textio_read(gt_textio *f, int64_t size) {
  gt_textio_check_readable(f);
  return f->kind->read(f, size, false);
}

/* readline(size=-1): up to and with the next line's end, "" at the end. */
gt_str *gt_textio_readline(gt_textio *f, int64_t size) {
  gt_textio_check_readable(f);
  return f->kind->read(f, size, true);
}

/* readlines(hint=-1): the lines to the end, or those that reach hint
 * characters in all, as CPython's IOBase counts them. */
gt_list *gt_textio_readlines(gt_textio *f, int64_t hint) {
  gt_textio_check_open(f);
  gt_list *lines = gt_list_new(&gt_t_list_str, 0);
  for (int64_t total = 0; hint <= 0 || total < hint;) {
    gt_str *line = gt_textio_readline(f, -1);
    if (line->len == 0) {
      gt_release(line);
      break;
    }
    total += gt_str_len(line);
    gt_list_append(lines, (gt_val){.p = line});
    gt_release(line);
  }
  return lines;
}

/* for line in f: the lines as readline() gives them, to the end. */
gt_textio *gt_textio_iter(gt_textio *f) {
  gt_textio_check_open(f);
  return gt_retain(f);
}

int gt_textio_next(gt_textio *f, gt_str **line) {
  *line = gt_textio_readline(f, -1);
  if ((*line)->len) return 1;
  gt_release(*line);
  *line = NULL;
  return 0;
}

/* ---- writing --------------------------------------------------------------- */

/* Writes n bytes of p with each "\n" as newline= "\r" or "\r\n" says
 * (None, "" and "\n" write it as it is on Linux). */
static void gt_textio_put(gt_textio *f, const char *p, size_t n) {
  const char *nl = f->newline;
  if (!nl || nl[0] != '\r' || !memchr(p, '\n', n)) {
    f->kind->write(f, p, n);
    return;
  }
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (const char *end = p + n; p < end; p++) {
    if (*p == '\n') gt_sbuf_puts(&b, nl);
    else gt_sbuf_putc(&b, *p);
  }
  f->kind->write(f, b.data, b.len);
  gt_sbuf_free(&b);
}

/* write(s): the characters of s, which CPython counts before translating. */
int64_t gt_textio_write(gt_textio *f, const gt_str *s) {
  gt_textio_check_writable(f);
  gt_textio_put(f, s->data, (size_t)s->len);
  return gt_str_len(s);
}

void gt_textio_writelines(gt_textio *f, const gt_list *lines) {
  gt_textio_check_open(f);
  for (int64_t i = 0; i < lines->len; i++) gt_textio_write(f, lines->items[i].p);
}

void gt_textio_flush(gt_textio *f) { f->kind->flush(f); }

/* ---- closing --------------------------------------------------------------- */

/* close(): a second close does nothing, as in Python. */
void gt_textio_close(gt_textio *f) {
  if (f->closed) return;
  f->closed = true;
  f->kind->close(f);
}

gt_textio *gt_textio_enter(gt_textio *f) {
  gt_textio_check_open(f);
  return gt_retain(f);
}

void gt_textio_exit(gt_textio *f) { gt_textio_close(f); }

bool gt_textio_closed(gt_textio *f) { return f->closed; }

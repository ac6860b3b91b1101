/* stringio.c - io.StringIO: a text stream over text in memory, with
 * CPython's semantics. The text is kept as UTF-8 with its length in code
 * points; the position counts code points, as tell() and seek() do, and
 * may pass the end (seek), where a write first pads the text with NULs.
 * newline= is CPython's: "\n" (the default) keeps the text as written;
 * None makes each "\r\n" and "\r" written a "\n"; "" keeps it and ends a
 * line read at any of the three; "\r" and "\r\n" write each "\n" as
 * themselves (textio.c) and end a line at themselves. */
#include "core_internal.h"

#include <stdint.h>
#include <stdlib.h>

typedef struct gt_stringio {
  gt_textio io;
  char *data;        /* the text, UTF-8; NULL once closed */
  size_t len, cap;   /* its bytes, and the room for them */
  int64_t chars;     /* its code points */
  int64_t pos;       /* the position in code points, which may pass the end */
  size_t at;         /* the byte offset of the position, or of the end where it is past it */
} gt_stringio;

/* ---- the text ----------------------------------------------------------------- */

static void gt_stringio_reserve(gt_stringio *s, size_t need) {
  if (need <= s->cap) return;
  size_t cap = s->cap ? s->cap : 64;
  while (cap < need) cap *= 2;
  s->data = gt_xrealloc(s->data, cap);
  s->cap = cap;
}

/* Replaces the bytes [from, to) of the text with n bytes of p. */
static void gt_stringio_splice(gt_stringio *s, size_t from, size_t to, const char *p, size_t n) {
  gt_stringio_reserve(s, s->len - (to - from) + n);
  memmove(s->data + from + n, s->data + to, s->len - to);
  memcpy(s->data + from, p, n);
  s->len = s->len - (to - from) + n;
}

/* A write past the end first fills the gap with NULs, as CPython's does. */
static void gt_stringio_pad(gt_stringio *s) {
  if (s->pos <= s->chars) return;
  size_t gap = (size_t)(s->pos - s->chars);
  gt_stringio_reserve(s, s->len + gap);
  memset(s->data + s->len, 0, gap);
  s->len += gap;
  s->chars = s->pos;
  s->at = s->len;
}

/* Writes n bytes of text at the position, over the characters there. */
static void gt_stringio_put(gt_stringio *s, const char *p, size_t n) {
  gt_stringio_pad(s);
  int64_t k = gt_utf8_count(p, (int64_t)n);
  size_t over = (size_t)gt_utf8_offset(s->data + s->at, (int64_t)(s->len - s->at), k);
  int64_t replaced = gt_utf8_count(s->data + s->at, (int64_t)over);
  gt_stringio_splice(s, s->at, s->at + over, p, n);
  s->chars += k - replaced;
  s->pos += k;
  s->at += n;
}

/* ---- the kind --------------------------------------------------------------- */

/* The bytes of the first line of p[0, n), with its end, as newline= ends
 * one (None's text has "\n"s alone); n where no line ends in it. */
static size_t gt_stringio_line_len(const char *nl, const char *p, size_t n) {
  if (nl && !nl[0]) {  /* "": at "\n", "\r\n" or "\r" */
    for (size_t i = 0; i < n; i++) {
      if (p[i] == '\n') return i + 1;
      if (p[i] == '\r') return i + 1 < n && p[i + 1] == '\n' ? i + 2 : i + 1;
    }
    return n;
  }
  if (nl && nl[0] == '\r' && nl[1] == '\n') {
    for (size_t i = 0; i + 1 < n; i++)
      if (p[i] == '\r' && p[i + 1] == '\n') return i + 2;
    return n;
  }
  const char *end = memchr(p, nl && nl[0] == '\r' ? '\r' : '\n', n);
  return end ? (size_t)(end - p) + 1 : n;
}

static gt_str *gt_stringio_read(gt_textio *io, int64_t size, bool line) {
  gt_stringio *s = (gt_stringio *)io;
  if (s->pos >= s->chars) return gt_str_empty();
  const char *p = s->data + s->at;
  int64_t rest = s->chars - s->pos;
  size_t n = (size_t)gt_utf8_offset(p, (int64_t)(s->len - s->at), size < 0 || size > rest ? rest : size);
  if (line) n = gt_stringio_line_len(io->newline, p, n);
  s->pos += gt_utf8_count(p, (int64_t)n);
  s->at += n;
  return gt_str_new(p, (int64_t)n);
}

/* newline=None makes each "\r\n" and "\r" a "\n" (each write on its own:
 * a "\r" that ends one is a line's end already). */
static void gt_stringio_write(gt_textio *io, const char *p, size_t n) {
  gt_stringio *s = (gt_stringio *)io;
  if (n == 0) return;  /* pads nothing, as in CPython */
  if (io->newline || !memchr(p, '\r', n)) {
    gt_stringio_put(s, p, n);
    return;
  }
  gt_sbuf b;
  gt_sbuf_init(&b);
  for (size_t i = 0; i < n; i++) {
    gt_sbuf_putc(&b, p[i] == '\r' ? '\n' : p[i]);
    if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') i++;
  }
  gt_stringio_put(s, b.data, b.len);
  gt_sbuf_free(&b);
}

/* CPython's StringIO flushes nothing, closed or not. */
static void gt_stringio_flush(gt_textio *io) { (void)io; }

/* Closing frees the text: nothing can read it any more. */
static void gt_stringio_close(gt_textio *io) {
  gt_stringio *s = (gt_stringio *)io;
  free(s->data);
  s->data = NULL;
  s->len = s->cap = 0;
}

static const gt_textio_kind gt_stringio_kind = {
    "I/O operation on closed file", gt_stringio_read, gt_stringio_write, gt_stringio_flush, gt_stringio_close,
};

static void gt_stringio_drop(gt_obj *o) { free(((gt_stringio *)o)->data); }

static gt_str *gt_stringio_repr(gt_obj *o) {
  char text[64];
  snprintf(text, sizeof text, "<_io.StringIO object at %p>", (void *)o);
  return gt_str_from_cstr(text);
}

static const gt_class gt_stringio_class = {
    .name = "StringIO", .drop = gt_stringio_drop, .str = gt_stringio_repr, .repr = gt_stringio_repr};

/* ---- StringIO's methods ----------------------------------------------------- */

/* newline= as open() takes it; StringIO's message shows a bad one's repr. */
static const char *gt_stringio_newline(const char *newline) {
  if (!newline || gt_newline_known(newline)) return gt_newline_mode(newline);
  gt_str *text = gt_str_from_cstr(newline);
  char *repr = gt_val_repr_cstr((gt_val){.p = text}, &gt_t_str);
  gt_release(text);
  gt_fail_repr("ValueError: illegal newline value: %s", repr);
}

/* StringIO(initial_value="", newline=newline): the initial value written
 * as write() writes it (newline= translating it), the position at 0. */
gt_textio *gt_stringio_new_newline(const gt_str *initial_value, const char *newline) {
  const char *nl = gt_stringio_newline(newline);
  gt_stringio *s = gt_alloc(sizeof *s, &gt_stringio_class);
  s->io.kind = &gt_stringio_kind;
  s->io.newline = nl;
  s->io.readable = s->io.writable = true;
  if (initial_value && initial_value->len) {
    gt_textio_write(&s->io, initial_value);
    s->pos = 0;
    s->at = 0;
  }
  return &s->io;
}

/* StringIO(initial_value=""): newline="\n", CPython's default. */
gt_textio *gt_stringio_new(const gt_str *initial_value) { return gt_stringio_new_newline(initial_value, "\n"); }

/* The kind's check of a closed stream, for the methods below. */
static gt_stringio *gt_stringio_open(gt_textio *io) {
  if (io->closed) gt_fail("ValueError: %s", io->kind->closed_message);
  return (gt_stringio *)io;
}

gt_str *gt_stringio_getvalue(gt_textio *io) {
  gt_stringio *s = gt_stringio_open(io);
  return gt_str_new(s->data ? s->data : "", (int64_t)s->len);
}

int64_t gt_stringio_tell(gt_textio *io) { return gt_stringio_open(io)->pos; }

/* seek(pos, whence=0): whence 1 (the position) and 2 (the end) take an
 * offset of 0 alone, as CPython's; the new position. */
int64_t gt_stringio_seek(gt_textio *io, int64_t pos, int64_t whence) {
  gt_stringio *s = gt_stringio_open(io);
  if (whence != 0 && whence != 1 && whence != 2)
    gt_fail("ValueError: Invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
  if (pos < 0 && whence == 0) gt_fail("ValueError: Negative seek position %lld", (long long)pos);
  if (whence != 0 && pos != 0) gt_fail("OSError: Can't do nonzero cur-relative seeks");
  if (whence == 2) pos = s->chars;
  else if (whence == 1) pos = s->pos;
  s->pos = pos;
  s->at = (size_t)gt_utf8_offset(s->data, (int64_t)s->len, pos < s->chars ? pos : s->chars);
  return pos;
}

/* truncate(size=None): the text cut to size characters (the position's
 * where None), the position kept; the size. */
int64_t gt_stringio_truncate(gt_textio *io, int64_t size) {
  gt_stringio *s = gt_stringio_open(io);
  if (size == GT_NONE_INT) size = s->pos;
  if (size < 0) gt_fail("ValueError: Negative size value %lld", (long long)size);
  if (size < s->chars) {
    s->len = (size_t)gt_utf8_offset(s->data, (int64_t)s->len, size);
    s->chars = size;
    if (s->at > s->len) s->at = s->len;
  }
  return size;
}

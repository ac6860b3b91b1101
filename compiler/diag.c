/* diag.c - diagnostics: `file:line:col: error: message`, the source line,
 * and a caret line with `^~~~` under the span.
 *
 * Positions are byte offsets; lines and columns are worked out here, only
 * when something is reported. Columns count code points, and a tab counts
 * as one column (the caret line copies tabs so that the caret lines up).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void diag_init(Diag *d, FILE *out) {
  d->out = out;
  d->errors = 0;
  d->suppressed = 0;
  d->last_file = NULL;
  d->last_pos = 0;
  d->last_msg = NULL;
}

void diag_forget_last(Diag *d) {
  free(d->last_msg);
  d->last_msg = NULL;
  d->last_file = NULL;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static int utf8_len(const unsigned char *s, size_t n) {
  int len = s[0] < 0x80 ? 1 : s[0] < 0xC2 ? 0 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
  if (len == 0 || (size_t)len > n)
    return 0;
  for (int i = 1; i < len; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  /* Overlong three- and four-byte forms, surrogates, and past U+10FFFF. */
  if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
      (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
    return 0;
  return len;
}

/* ---- Lines and columns ----
 *
 * Later passes ask for the line of every statement (#line directives, run-
 * time locations), in source order. A scan from the start of the file for
 * each would cost the square of the file's size, so each file gets an index
 * of where its lines start (a binary search finds the line), and remembers
 * its last answer (the next column on that line is counted on from there).
 *
 * The indexes are held here, not in the SrcFile, and so they live between
 * diag_index_begin() and diag_index_end(): the driver brackets a compilation
 * with them, while no file it loaded is freed. Outside, every look-up scans.
 */

typedef struct LineIndex {
  const SrcFile *file;
  const char *text;      /* what the index was built from: a file freed and */
  size_t len;            /* another made at its address do not match both */
  uint32_t *starts;      /* offsets of line starts, starts[0] = 0 */
  size_t nlines;
  uint32_t last_pos;     /* the previous answer */
  int last_line, last_col;
} LineIndex;

static struct {
  bool on;
  LineIndex *files;
  size_t n, cap;
} line_indexes;

void diag_index_begin(void) {
  diag_index_end();
  line_indexes.on = true;
}

void diag_index_end(void) {
  for (size_t i = 0; i < line_indexes.n; i++)
    free(line_indexes.files[i].starts);
  free(line_indexes.files);
  memset(&line_indexes, 0, sizeof line_indexes);
}

/* Line and column by scanning from the start: no index, or no memory for one. */
static void scan_linecol(const SrcFile *file, uint32_t pos, int *line, int *col) {
  int ln = 1;
  size_t start = 0;
  for (size_t i = 0; i < pos; i++)
    if (file->text[i] == '\n') {
      ln++;
      start = i + 1;
    }
  int c = 1;
  for (size_t i = start; i < pos; i++)
    if (((unsigned char)file->text[i] & 0xC0) != 0x80)
      c++;
  *line = ln;
  *col = c;
}

static bool build_index(LineIndex *ix, const SrcFile *file) {
  size_t n = 1;
  for (const char *s = file->text, *e = s + file->len; (s = memchr(s, '\n', (size_t)(e - s))); s++)
    n++;
  uint32_t *starts = malloc(n * sizeof *starts);
  if (!starts)
    return false;
  starts[0] = 0;
  for (size_t i = 0, k = 1; i < file->len; i++)
    if (file->text[i] == '\n')
      starts[k++] = (uint32_t)(i + 1);
  *ix = (LineIndex){.file = file, .text = file->text, .len = file->len, .starts = starts, .nlines = n};
  return true;
}

/* The index of `file`, made on first use; NULL when indexing is off or
 * out of memory. */
static LineIndex *index_of(const SrcFile *file) {
  if (!line_indexes.on || file->len >= UINT32_MAX)
    return NULL;
  for (size_t i = 0; i < line_indexes.n; i++) {
    LineIndex *ix = &line_indexes.files[i];
    if (ix->file == file && ix->text == file->text && ix->len == file->len)
      return ix;
  }
  if (line_indexes.n == line_indexes.cap) {
    size_t cap = line_indexes.cap ? 2 * line_indexes.cap : 16;
    LineIndex *bigger = realloc(line_indexes.files, cap * sizeof *bigger);
    if (!bigger)
      return NULL;
    line_indexes.files = bigger;
    line_indexes.cap = cap;
  }
  LineIndex *ix = &line_indexes.files[line_indexes.n];
  if (!build_index(ix, file))
    return NULL;
  line_indexes.n++;
  return ix;
}

/* The 0-based line holding pos: the last line start at or before it. */
static size_t find_line(const LineIndex *ix, uint32_t pos) {
  size_t lo = 0, hi = ix->nlines;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (ix->starts[mid] <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Code points in [from, to) of the text. */
static int count_chars(const char *text, uint32_t from, uint32_t to) {
  int n = 0;
  for (uint32_t i = from; i < to; i++)
    n += ((unsigned char)text[i] & 0xC0) != 0x80;
  return n;
}

void diag_linecol(const SrcFile *file, uint32_t pos, int *line, int *col) {
  if (pos > file->len)
    pos = (uint32_t)file->len;
  LineIndex *ix = index_of(file);
  if (!ix) {
    scan_linecol(file, pos, line, col);
    return;
  }
  size_t k = find_line(ix, pos);
  uint32_t start = ix->starts[k];
  /* Later on the line of the last answer: count on from it. */
  if (ix->last_line == (int)k + 1 && pos >= ix->last_pos)
    *col = ix->last_col + count_chars(file->text, ix->last_pos, pos);
  else
    *col = 1 + count_chars(file->text, start, pos);
  *line = (int)k + 1;
  ix->last_pos = pos;
  ix->last_line = *line;
  ix->last_col = *col;
}

/* A byte a terminal should not see raw: control characters but tab. */
static int is_unsafe(unsigned char c) {
  return (c < 0x20 && c != '\t') || c == 0x7F;
}

/* Prints [s, e) of a source line: valid UTF-8 as is, anything else as \xNN.
 * When `blank` is set, prints what would sit under it in a caret line. */
static void put_source(FILE *out, const char *s, const char *e, int blank) {
  while (s < e) {
    const unsigned char *u = (const unsigned char *)s;
    int n = utf8_len(u, (size_t)(e - s));
    if (n == 0 || (n == 1 && is_unsafe(*u))) {
      if (blank)
        fputs("    ", out);
      else
        fprintf(out, "\\x%02X", *u);
      s++;
    } else {
      if (!blank)
        fwrite(s, 1, (size_t)n, out);
      else
        fputc(*s == '\t' ? '\t' : ' ', out);
      s += n;
    }
  }
}

/* Bytes of a long line shown before and after the caret. */
enum { SHOW_BEFORE = 80, SHOW_AFTER = 120 };

/* Moves s back to the start of the UTF-8 sequence it is in. */
static const char *char_start(const char *s, const char *limit) {
  while (s > limit && ((unsigned char)*s & 0xC0) == 0x80)
    s--;
  return s;
}

/* The source line holding `pos`, then `^~~~` under [pos, pos+len). A
 * long line is cut to a window around the caret, marked with "...". */
static void show_line(FILE *out, const SrcFile *f, uint32_t pos, uint32_t len) {
  if (pos > f->len)
    pos = (uint32_t)f->len;
  const char *text = f->text, *at = text + pos, *end = text + f->len;
  const char *line = at, *eol = at;
  while (line > text && line[-1] != '\n')
    line--;
  while (eol < end && *eol != '\n')
    eol++;
  if (eol > line && eol[-1] == '\r')
    eol--;
  const char *from = line, *to = eol;
  if (at - line > SHOW_BEFORE)
    from = char_start(at - SHOW_BEFORE, line);
  if (eol - at > SHOW_AFTER)
    to = char_start(at + SHOW_AFTER, at);
  const char *dots = from > line ? "..." : "";
  fputs(dots, out);
  put_source(out, from, to, 0);
  fputs(to < eol ? "...\n" : "\n", out);
  fputs(from > line ? "   " : "", out);
  put_source(out, from, at, 1);
  fputc('^', out);
  /* One ~ per further code point of the span, up to the end of what is shown. */
  const char *stop = at + (len ? len : 1);
  if (stop > to)
    stop = to;
  for (const char *s = at + 1; s < stop; s++)
    if (((unsigned char)*s & 0xC0) != 0x80)
      fputc('~', out);
  fputc('\n', out);
}

static void report(Diag *d, const char *kind, const SrcFile *f, uint32_t pos, uint32_t len,
                   const char *fmt, va_list ap) {
  int line, col;
  diag_linecol(f, pos, &line, &col);
  fprintf(d->out, "%s:%d:%d: %s: ", f->path, line, col, kind);
  vfprintf(d->out, fmt, ap);
  fputc('\n', d->out);
  show_line(d->out, f, pos, len);
}

/* Counts the error; says whether it is still within the cap. */
static int count_error(Diag *d) {
  d->errors++;
  if (d->errors > DIAG_MAX_ERRORS) {
    d->suppressed++;
    return 0;
  }
  return 1;
}

/* Is this error the one just reported (the same place and message)? An
 * expression some path checks twice would report its error twice. */
static bool repeated(Diag *d, const SrcFile *f, uint32_t pos, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
  if (!msg) {
    va_end(again);
    return false;
  }
  vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, again);
  va_end(again);
  bool same = d->last_msg && d->last_file == f && d->last_pos == pos && strcmp(d->last_msg, msg) == 0;
  free(d->last_msg);
  d->last_msg = msg;
  d->last_file = f;
  d->last_pos = pos;
  return same;
}

void diag_error(Diag *d, const SrcFile *file, uint32_t pos, uint32_t len, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  bool again = repeated(d, file, pos, fmt, ap);
  va_end(ap);
  if (again || !count_error(d))
    return;
  va_start(ap, fmt);
  report(d, "error", file, pos, len, fmt, ap);
  va_end(ap);
}

void diag_note(Diag *d, const SrcFile *file, uint32_t pos, uint32_t len, const char *fmt, ...) {
  if (d->errors > DIAG_MAX_ERRORS)
    return;
  va_list ap;
  va_start(ap, fmt);
  report(d, "note", file, pos, len, fmt, ap);
  va_end(ap);
}

void diag_at(Diag *d, const Node *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  bool again = repeated(d, n->file, n->pos, fmt, ap);
  va_end(ap);
  if (again || !count_error(d))
    return;
  va_start(ap, fmt);
  report(d, "error", n->file, n->pos, n->len, fmt, ap);
  va_end(ap);
}

void diag_plain(Diag *d, const char *fmt, ...) {
  if (!count_error(d))
    return;
  va_list ap;
  va_start(ap, fmt);
  fputs("gtorchc: error: ", d->out);
  vfprintf(d->out, fmt, ap);
  fputc('\n', d->out);
  va_end(ap);
}

void diag_finish(Diag *d) {
  diag_forget_last(d);
  if (d->suppressed > 0)
    fprintf(d->out, "gtorchc: note: too many errors; stopping after %d (%d more not shown)\n",
            DIAG_MAX_ERRORS, d->suppressed);
  fflush(d->out);
}

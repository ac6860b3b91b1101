/* file.c - open() and its text files, sys.stdin, sys.stdout and
 * sys.stderr (text files over the C streams), and the OSError messages of
 * the os module: `[Errno 2] No such file or directory: 'x'` in the OSError
 * subclass CPython chooses for the errno.
 *
 * A text file is UTF-8 with universal newlines on reading (`\r\n` and `\r`
 * read as `\n`), as CPython's default on Linux; writing passes `\n` as it
 * is. open(newline=) chooses as CPython's: "" reads lines ending in any of
 * the three untranslated (the csv module's choice), "\n", "\r" and "\r\n"
 * read lines ending in that, untranslated, and the last two write each
 * `\n` as themselves (textio.c). read(n) and write() count code points. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A TextIOWrapper: a gt_textio of gt_file_kind (open()'s) or of
 * gt_std_kind (the standard streams). */
typedef struct gt_file {
  gt_textio io;
  FILE *fp;              /* NULL once open()'s file is closed */
  gt_str *name;
  char mode[4];          /* as given: "r", "w+", "at" ... */
  const char *encoding;  /* as its repr shows it */
} gt_file;

/* ---- OSError --------------------------------------------------------------- */

/* CPython's errno-to-class table (Objects/exceptions.c) for the classes
 * the language has. */
static const char *gt_oserror_class(int err) {
  switch (err) {
  case ENOENT: return "FileNotFoundError";
  case EEXIST: return "FileExistsError";
  case EACCES:
  case EPERM: return "PermissionError";
  case EISDIR: return "IsADirectoryError";
  case ENOTDIR: return "NotADirectoryError";
  default: return "OSError";
  }
}

void gt_fail_errno2(int err, const gt_str *path, const gt_str *path2) {
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "%s: [Errno %d] %s", gt_oserror_class(err), err, strerror(err));
  if (path) {
    gt_sbuf_puts(&b, ": ");
    gt_str_repr_to(&b, path);
  }
  if (path2) {
    gt_sbuf_puts(&b, " -> ");
    gt_str_repr_to(&b, path2);
  }
  char *msg = gt_sbuf_finish_cstr(&b);
  gt_fail_repr("%s", msg);
}

void gt_fail_errno(int err, const gt_str *path) { gt_fail_errno2(err, path, NULL); }

/* ---- reading --------------------------------------------------------------- */

/* The next byte with `\r\n` and `\r` made `\n`, or EOF. */
static int gt_file_getc(FILE *fp) {
  int c = getc_unlocked(fp);
  if (c == '\r') {
    int next = getc_unlocked(fp);
    if (next != '\n' && next != EOF) ungetc(next, fp);
    return '\n';
  }
  return c;
}

/* Reads the rest of a UTF-8 character whose first byte is in b. */
static void gt_file_finish_char(FILE *fp, gt_sbuf *b, int c) {
  int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  for (; more > 0; more--) {
    int d = getc_unlocked(fp);
    if (d == EOF) return;
    if (!gt_utf8_is_cont((unsigned char)d)) {
      ungetc(d, fp);
      return;
    }
    gt_sbuf_putc(b, (char)d);
  }
}

/* The text read, checked to be UTF-8 (UnicodeError otherwise). */
static gt_str *gt_file_text(gt_sbuf *b) {
  const unsigned char *s = (const unsigned char *)b->data;
  size_t i = 0;
  while (i < b->len) {
    unsigned char c = s[i];
    size_t need = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : 9;
    bool ok = need != 9 && i + need < b->len + (need ? 0 : 1);
    for (size_t k = 1; ok && k <= need; k++) ok = gt_utf8_is_cont(s[i + k]);
    if (!ok) {
      gt_sbuf_free(b);
      gt_fail("UnicodeError: 'utf-8' codec can't decode byte 0x%02x in position %zu", c, i);
    }
    i += need + 1;
  }
  return gt_sbuf_finish(b);
}

/* Whether the character c just read into b ends a line of f. newline=""
 * ends one at "\n", at "\r\n" (taking the "\n" too) and at a "\r" alone. */
static bool gt_file_line_end(gt_file *f, gt_sbuf *b, int c) {
  const char *nl = f->io.newline;
  if (!nl || !strcmp(nl, "\n")) return c == '\n';
  if (!strcmp(nl, "\r")) return c == '\r';
  if (!strcmp(nl, "\r\n")) return c == '\n' && b->len >= 2 && b->data[b->len - 2] == '\r';
  if (c == '\r') {
    int next = getc_unlocked(f->fp);
    if (next == '\n') gt_sbuf_putc(b, '\n');
    else if (next != EOF) ungetc(next, f->fp);
  }
  return c == '\n' || c == '\r';
}

/* The kind's read: at most size characters (all where size < 0), up to
 * and with the line's end where `line`. */
static gt_str *gt_file_chars(gt_textio *io, int64_t size, bool line) {
  gt_file *f = (gt_file *)io;
  gt_sbuf b;
  gt_sbuf_init(&b);
  int c;
  for (int64_t n = 0; (size < 0 || n < size) && (c = io->newline ? getc_unlocked(f->fp) : gt_file_getc(f->fp)) != EOF;
       n++) {
    gt_sbuf_putc(&b, (char)c);
    if (c >= 0xC0) gt_file_finish_char(f->fp, &b, c);
    if (line && gt_file_line_end(f, &b, c)) break;
  }
  return gt_file_text(&b);
}

/* ---- open()'s files -------------------------------------------------------- */

static void gt_file_put(gt_textio *io, const char *p, size_t n) {
  gt_file *f = (gt_file *)io;
  if (n && fwrite(p, 1, n, f->fp) != n) gt_fail_errno(errno, NULL);
}

static void gt_file_flush(gt_textio *io) {
  gt_textio_check_open(io);
  if (fflush(((gt_file *)io)->fp) != 0) gt_fail_errno(errno, NULL);
}

static void gt_file_close(gt_textio *io) { gt_fclose_or_fail(&((gt_file *)io)->fp); }

static const gt_textio_kind gt_file_kind = {
    "I/O operation on closed file.", gt_file_chars, gt_file_put, gt_file_flush, gt_file_close,
};

static void gt_file_drop(gt_obj *o) {
  gt_file *f = (gt_file *)o;
  if (f->fp) fclose(f->fp);
  gt_release(f->name);
}

static gt_str *gt_file_repr(gt_obj *o) {
  gt_file *f = (gt_file *)o;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_puts(&b, "<_io.TextIOWrapper name=");
  gt_str_repr_to(&b, f->name);
  gt_sbuf_printf(&b, " mode='%s' encoding='%s'>", f->mode, f->encoding);
  return gt_sbuf_finish(&b);
}

static const gt_class gt_file_class = {"TextIOWrapper", gt_file_drop, gt_file_repr, gt_file_repr, NULL, NULL, NULL};

/* CPython's checks of a mode, in its order (_io.open, then FileIO):
 * the message of the first that fails, or NULL. */
static const char *gt_mode_error(const char *mode) {
  for (const char *m = mode; *m; m++)
    if (!strchr("xrwa+tb", *m) || strchr(m + 1, *m)) return "invalid mode";
  if (strchr(mode, 't') && strchr(mode, 'b')) return "can't have text and binary mode at once";
  int kinds = 0;
  for (const char *m = mode; *m; m++) kinds += strchr("xrwa", *m) != NULL;
  if (kinds > 1) return "must have exactly one of create/read/write/append mode";
  if (strchr(mode, 'b')) return "binary mode";
  if (kinds == 0) return "Must have exactly one of create/read/write/append mode and at most one plus";
  return NULL;
}

/* The open(2) flags of a valid text mode. */
static int gt_open_flags(const char *mode, gt_file *f) {
  char kind = *strpbrk(mode, "xrwa");
  bool plus = strchr(mode, '+') != NULL;
  f->io.readable = kind == 'r' || plus;
  f->io.writable = kind != 'r' || plus;
  snprintf(f->mode, sizeof f->mode, "%s", mode); /* at most 3 letters */
  int access = plus ? O_RDWR : kind == 'r' ? O_RDONLY : O_WRONLY;
  switch (kind) {
  case 'w': return access | O_CREAT | O_TRUNC;
  case 'a': return access | O_CREAT | O_APPEND;
  case 'x': return access | O_CREAT | O_EXCL;
  default: return access;
  }
}

/* Python's codec names for UTF-8 (case and - or _ aside). */
static bool gt_is_utf8_name(const char *e) {
  char norm[16];
  size_t n = 0;
  for (; *e && n < sizeof norm - 1; e++)
    if (*e != '-' && *e != '_') norm[n++] = (char)(*e | 0x20);
  if (*e) return false;
  norm[n] = 0;
  return !strcmp(norm, "utf8") || !strcmp(norm, "u8") || !strcmp(norm, "utf");
}

int gt_open_file_fd(const char *path, int flags) {
  int fd = open(path, flags | O_CLOEXEC, 0666);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    fd = -1;
    errno = EISDIR;
  }
  return fd;
}

void gt_fclose_or_fail(FILE **fp) {
  if (!*fp) return;
  int failed = fclose(*fp);
  int err = errno;
  *fp = NULL;
  if (failed) gt_fail_errno(err, NULL);
}

gt_textio *gt_open(const gt_str *path, const char *mode, const char *encoding, const char *newline) {
  const char *nl = gt_newline_mode(newline);
  const char *bad = gt_mode_error(mode);
  if (bad && !strcmp(bad, "invalid mode")) gt_fail("ValueError: invalid mode: '%s'", mode);
  if (bad && !strcmp(bad, "binary mode")) gt_fail("ValueError: binary mode ('%s') is not supported: files are text", mode);
  if (bad) gt_fail("ValueError: %s", bad);
  gt_file *f = gt_alloc(sizeof *f, &gt_file_class);
  f->io.kind = &gt_file_kind;
  f->io.newline = nl;
  f->name = (gt_str *)gt_retain((gt_str *)path);
  f->encoding = "UTF-8";
  int flags = gt_open_flags(mode, f);
  int fd = gt_open_file_fd(path->data, flags);
  if (fd < 0) {
    int err = errno;
    gt_release(f);
    gt_fail_errno(err, path);
  }
  f->fp = fdopen(fd, f->io.writable ? (f->io.readable ? "r+" : "w") : "r");
  /* CPython looks the codec up once the file is open (and truncated) */
  if (encoding && !gt_is_utf8_name(encoding)) {
    gt_release(f);
    gt_fail("LookupError: unknown encoding: %s", encoding);
  }
  return &f->io;
}

gt_str *gt_file_name(gt_textio *f) { return gt_retain(((gt_file *)f)->name); }
gt_str *gt_file_mode(gt_textio *f) { return gt_str_from_cstr(((gt_file *)f)->mode); }

/* ---- sys.stdin, sys.stdout, sys.stderr ----------------------------------- */

/* stdout is print's own buffered stream, written as print writes it;
 * stderr is written out at once, as Python's is to a pipe line by line. */
static void gt_std_put(gt_textio *io, const char *p, size_t n) {
  gt_file *f = (gt_file *)io;
  if (f->fp == stdout) {
    gt_stdout_write(p, n);
    return;
  }
  fwrite(p, 1, n, f->fp);
  fflush(f->fp);
}

static void gt_std_flush(gt_textio *io) {
  gt_textio_check_open(io);
  fflush(((gt_file *)io)->fp);
}

/* close() marks the stream closed and flushes it, and leaves the C stream
 * open, which print() and input() go on using (CPython's standard streams
 * do not close their descriptors either). */
static void gt_std_close(gt_textio *io) { fflush(((gt_file *)io)->fp); }

static const gt_textio_kind gt_std_kind = {
    "I/O operation on closed file.", gt_file_chars, gt_std_put, gt_std_flush, gt_std_close,
};

static gt_str gt_stdin_name = {{GT_IMMORTAL, &gt_str_class}, 7, "<stdin>"};
static gt_str gt_stdout_name = {{GT_IMMORTAL, &gt_str_class}, 8, "<stdout>"};
static gt_str gt_stderr_name = {{GT_IMMORTAL, &gt_str_class}, 8, "<stderr>"};

/* Immortal; their FILE pointers are C's, set by gt_std_streams_init. Their
 * newline= is "\n", as CPython's on Linux: stdin splits lines at "\n"
 * alone and keeps a "\r" before it. */
#define GT_STD_STREAM(name, mode, in) \
  {{{GT_IMMORTAL, &gt_file_class}, &gt_std_kind, "\n", false, in, !(in)}, NULL, &name, mode, "utf-8"}

static gt_file gt_stdin_file = GT_STD_STREAM(gt_stdin_name, "r", true);
static gt_file gt_stdout_file = GT_STD_STREAM(gt_stdout_name, "w", false);
static gt_file gt_stderr_file = GT_STD_STREAM(gt_stderr_name, "w", false);
gt_textio *const gt_sys_stdin = &gt_stdin_file.io;
gt_textio *const gt_sys_stdout = &gt_stdout_file.io;
gt_textio *const gt_sys_stderr = &gt_stderr_file.io;

void gt_std_streams_init(void) {
  gt_stdin_file.fp = stdin;
  gt_stdout_file.fp = stdout;
  gt_stderr_file.fp = stderr;
}

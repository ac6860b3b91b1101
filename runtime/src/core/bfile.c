/* bfile.c - open() of a binary mode: "rb" gives CPython's
 * io.BufferedReader, "wb", "ab" and "xb" its io.BufferedWriter. The
 * language has no bytes type, so such a file is what pickle.dump and
 * pickle.load take (pickle.c reads and writes its stream), closed by
 * close() or a `with` statement. */
#define _GNU_SOURCE
#include "bfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>

static void bfile_drop(gt_obj *o) {
  gt_bfile *f = (gt_bfile *)o;
  if (f->fp) fclose(f->fp);
  gt_release(f->name);
}

/* CPython's repr: <_io.BufferedWriter name='out.pkl'>. */
static gt_str *bfile_repr(gt_obj *o) {
  gt_bfile *f = (gt_bfile *)o;
  gt_sbuf b;
  gt_sbuf_init(&b);
  gt_sbuf_printf(&b, "<_io.%s name=", o->cls->name);
  gt_str_repr_to(&b, f->name);
  gt_sbuf_putc(&b, '>');
  return gt_sbuf_finish(&b);
}

const gt_class gt_BufferedReader_class = {"BufferedReader", bfile_drop, bfile_repr, bfile_repr, NULL, NULL, NULL};
const gt_class gt_BufferedWriter_class = {"BufferedWriter", bfile_drop, bfile_repr, bfile_repr, NULL, NULL, NULL};

/* The open(2) flags of a binary mode, or -1 for one this layer has not. */
static int binary_flags(const char *mode) {
  if (!strcmp(mode, "rb")) return O_RDONLY;
  if (!strcmp(mode, "wb")) return O_WRONLY | O_CREAT | O_TRUNC;
  if (!strcmp(mode, "ab")) return O_WRONLY | O_CREAT | O_APPEND;
  if (!strcmp(mode, "xb")) return O_WRONLY | O_CREAT | O_EXCL;
  return -1;
}

gt_bfile *gt_open_binary(const gt_str *path, const gt_str *mode) {
  int flags = binary_flags(mode->data);
  if (flags < 0) gt_fail("ValueError: binary mode '%s' is not supported: \"rb\", \"wb\", \"ab\" and \"xb\" are", mode->data);
  int fd = gt_open_file_fd(path->data, flags);
  if (fd < 0) gt_fail_errno(errno, path);
  bool writing = flags != O_RDONLY;
  gt_bfile *f = gt_alloc(sizeof *f, writing ? &gt_BufferedWriter_class : &gt_BufferedReader_class);
  f->fp = fdopen(fd, writing ? (flags & O_APPEND ? "a" : "w") : "r");
  f->name = gt_retain((gt_str *)path);
  f->writable = writing;
  snprintf(f->mode, sizeof f->mode, "%s", mode->data);
  return f;
}

FILE *gt_bfile_stream(gt_bfile *f, bool write) {
  if (!f->fp) gt_fail("ValueError: I/O operation on closed file.");
  if (write && !f->writable) gt_fail("OSError: write");
  if (!write && f->writable) gt_fail("OSError: read");
  return f->fp;
}

void gt_bfile_flush(gt_bfile *f) {
  if (!f->fp) gt_fail("ValueError: flush of closed file");
  if (fflush(f->fp) != 0) gt_fail_errno(errno, NULL);
}

void gt_bfile_close(gt_bfile *f) { gt_fclose_or_fail(&f->fp); }

gt_bfile *gt_bfile_enter(gt_bfile *f) {
  if (!f->fp) gt_fail("ValueError: I/O operation on closed file.");
  return gt_retain(f);
}

void gt_bfile_exit(gt_bfile *f) { gt_bfile_close(f); }
bool gt_bfile_closed(gt_bfile *f) { return !f->fp; }
gt_str *gt_bfile_name(gt_bfile *f) { return gt_retain(f->name); }
gt_str *gt_bfile_mode(gt_bfile *f) { return gt_str_from_cstr(f->mode); }

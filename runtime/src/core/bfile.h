/* bfile.h - the binary file's parts that pickle.c reads and writes
 * (bfile.c; the public names are in gtorch_pickle.h). */
#ifndef GT_BFILE_H
#define GT_BFILE_H

#include <stdio.h>

#include "core_internal.h"

struct gt_bfile {
  gt_obj h;
  FILE *fp;      /* NULL once closed */
  gt_str *name;
  char mode[4];  /* "rb", "wb", "ab" or "xb" */
  bool writable;
};

/* The open file's stream for reading or writing: ValueError where it is
 * closed, an OSError "read" or "write" where it is the other kind (CPython's
 * io.UnsupportedOperation, an OSError, with that message). */
FILE *gt_bfile_stream(gt_bfile *f, bool write);

#endif

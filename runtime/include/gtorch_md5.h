/* gtorch_md5.h - MD5 (RFC 1321) of bytes and of files, as hashlib.md5
 * gives it: torchvision's check_integrity compares a data set's files
 * with its table of digests (runtime/src/core/md5.c). Pure C11. */
#ifndef GTORCH_MD5_H
#define GTORCH_MD5_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_str gt_str;

/* A digest being computed: feed it with gt_md5_update, in pieces of any
 * size, then read it with gt_md5_hexdigest. */
typedef struct gt_md5 {
  uint32_t state[4];
  uint64_t length;            /* bytes fed so far */
  unsigned char block[64];    /* MD5 works on 64-byte blocks: the partial one */
} gt_md5;

void gt_md5_init(gt_md5 *m);
void gt_md5_update(gt_md5 *m, const void *data, size_t n);
/* The digest as hashlib's hexdigest(): 32 lowercase hex digits and a NUL.
 * It finishes the computation: m must be initialised again before reuse. */
void gt_md5_hexdigest(gt_md5 *m, char hex[33]);

/* hashlib.md5(open(path, "rb").read()).hexdigest(), read in 1 MiB pieces.
 * OSError as CPython's open() where the file cannot be read (gt_fail). */
gt_str *gt_md5_file(const char *path);

#ifdef __cplusplus
}
#endif

#endif

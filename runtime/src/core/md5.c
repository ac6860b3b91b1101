/* md5.c - MD5 after RFC 1321, for torchvision's check_integrity (a data
 * set's files against the digests torchvision lists). */
#include "core_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gtorch_md5.h"

/* The per-round shift amounts and the sines' constants of RFC 1321. */
static const uint32_t SHIFTS[64] = {
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};
static const uint32_t SINES[64] = {
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static uint32_t rotate_left(uint32_t x, uint32_t n) { return x << n | x >> (32 - n); }

/* One 64-byte block into the state: the four rounds of sixteen steps. */
static void md5_block(uint32_t state[4], const unsigned char *p) {
  uint32_t w[16];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
           (uint32_t)p[4 * i + 3] << 24;
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  for (int i = 0; i < 64; i++) {
    uint32_t f;
    int g;
    if (i < 16) f = (b & c) | (~b & d), g = i;
    else if (i < 32) f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
    else if (i < 48) f = b ^ c ^ d, g = (3 * i + 5) % 16;
    else f = c ^ (b | ~d), g = (7 * i) % 16;
    uint32_t next = d;
    d = c;
    c = b;
    b = b + rotate_left(a + f + SINES[i] + w[g], SHIFTS[i]);
    a = next;
  }
  state[0] += a, state[1] += b, state[2] += c, state[3] += d;
}

void gt_md5_init(gt_md5 *m) {
  m->state[0] = 0x67452301, m->state[1] = 0xefcdab89, m->state[2] = 0x98badcfe, m->state[3] = 0x10325476;
  m->length = 0;
}

void gt_md5_update(gt_md5 *m, const void *data, size_t n) {
  const unsigned char *p = data;
  size_t used = (size_t)(m->length % 64);
  m->length += n;
  if (used) {  /* complete the partial block first */
    size_t take = n < 64 - used ? n : 64 - used;
    memcpy(m->block + used, p, take);
    p += take, n -= take, used += take;
    if (used < 64) return;
    md5_block(m->state, m->block);
  }
  for (; n >= 64; p += 64, n -= 64) md5_block(m->state, p);
  memcpy(m->block, p, n);
}

/* The padding: a 1 bit, zeros to 56 bytes mod 64, then the length in bits
 * (little-endian, 64 bits). */
void gt_md5_hexdigest(gt_md5 *m, char hex[33]) {
  uint64_t bits = m->length * 8;
  unsigned char pad[72] = {0x80};
  size_t used = (size_t)(m->length % 64);
  size_t padlen = used < 56 ? 56 - used : 120 - used;
  for (int i = 0; i < 8; i++) pad[padlen + (size_t)i] = (unsigned char)(bits >> (8 * i));
  gt_md5_update(m, pad, padlen + 8);
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 16; i++) {
    unsigned char byte = (unsigned char)(m->state[i / 4] >> (8 * (i % 4)));
    hex[2 * i] = digits[byte >> 4];
    hex[2 * i + 1] = digits[byte & 15];
  }
  hex[32] = '\0';
}

gt_str *gt_md5_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    int err = errno;
    gt_str *name = gt_str_from_cstr(path);
    gt_fail_errno(err, name);
  }
  enum { CHUNK = 1 << 20 };  /* torchvision's chunk_size */
  unsigned char *chunk = gt_xmalloc(CHUNK);
  gt_md5 m;
  gt_md5_init(&m);
  size_t n;
  while ((n = fread(chunk, 1, CHUNK, f)) > 0) gt_md5_update(&m, chunk, n);
  int err = ferror(f) ? errno : 0;
  fclose(f);
  free(chunk);
  if (err) {
    gt_str *name = gt_str_from_cstr(path);
    gt_fail_errno(err, name);
  }
  char hex[33];
  gt_md5_hexdigest(&m, hex);
  return gt_str_new(hex, 32);
}

/* random.c - random.Random's generators: the Mersenne Twister MT19937
 * as CPython's _random module runs it, so that random.seed(n) gives the
 * draws python3 gives. The distributions (randrange, gauss, ...) are
 * stdlib/random.gtp, written after CPython's Lib/random.py; each Random
 * holds a gt_mt, and the module's functions draw from a hidden Random, as
 * CPython's do. gt_random_* (gtorch_core.h) draw from a generator of C's
 * own, for C callers. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

enum { MT_N = 624, MT_M = 397 };

struct gt_mt {
  gt_obj head;
  uint32_t state[MT_N];
  int index; /* MT_N + 1: never seeded */
};

static const gt_class mt_class = {.name = "Random"};

/* The reference init_genrand: the state from one 32-bit seed. */
static void mt_init_genrand(gt_mt *g, uint32_t s) {
  uint32_t *mt_state = g->state;
  mt_state[0] = s;
  for (int i = 1; i < MT_N; i++)
    mt_state[i] = 1812433253U * (mt_state[i - 1] ^ (mt_state[i - 1] >> 30)) + (uint32_t)i;
  g->index = MT_N;
}

/* The reference init_by_array: the state from a key of 32-bit words. */
static void mt_init_by_array(gt_mt *g, const uint32_t *key, size_t len) {
  uint32_t *mt_state = g->state;
  mt_init_genrand(g, 19650218U);
  size_t i = 1, j = 0;
  for (size_t k = MT_N > len ? MT_N : len; k; k--) {
    mt_state[i] = (mt_state[i] ^ ((mt_state[i - 1] ^ (mt_state[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
    if (++i >= MT_N) {
      mt_state[0] = mt_state[MT_N - 1];
      i = 1;
    }
    if (++j >= len) j = 0;
  }
  for (size_t k = MT_N - 1; k; k--) {
    mt_state[i] = (mt_state[i] ^ ((mt_state[i - 1] ^ (mt_state[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
    if (++i >= MT_N) {
      mt_state[0] = mt_state[MT_N - 1];
      i = 1;
    }
  }
  mt_state[0] = 0x80000000U; /* a non-zero state */
}

/* Unseeded, the generator starts from the system's randomness, as
 * CPython's does at import (the time where there is none). */
static void mt_seed_from_system(gt_mt *g) {
  uint32_t key[MT_N];
  if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = (uint32_t)ts.tv_sec;
    key[1] = (uint32_t)ts.tv_nsec;
    mt_init_by_array(g, key, 2);
    return;
  }
  mt_init_by_array(g, key, MT_N);
}

/* The next 32 bits of the stream (the reference genrand_uint32). */
static uint32_t mt_next(gt_mt *g) {
  static const uint32_t mag01[2] = {0U, 0x9908b0dfU};
  uint32_t *mt_state = g->state;
  if (g->index > MT_N) mt_seed_from_system(g);
  if (g->index >= MT_N) {
    int k = 0;
    for (; k < MT_N - MT_M; k++) {
      uint32_t y = (mt_state[k] & 0x80000000U) | (mt_state[k + 1] & 0x7fffffffU);
      mt_state[k] = mt_state[k + MT_M] ^ (y >> 1) ^ mag01[y & 1U];
    }
    for (; k < MT_N - 1; k++) {
      uint32_t y = (mt_state[k] & 0x80000000U) | (mt_state[k + 1] & 0x7fffffffU);
      mt_state[k] = mt_state[k + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1U];
    }
    uint32_t y = (mt_state[MT_N - 1] & 0x80000000U) | (mt_state[0] & 0x7fffffffU);
    mt_state[MT_N - 1] = mt_state[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1U];
    g->index = 0;
  }
  uint32_t y = mt_state[g->index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

gt_mt *gt_mt_new(void) {
  gt_mt *g = gt_alloc(sizeof *g, &mt_class);
  g->index = MT_N + 1;
  return g;
}

/* random.seed(): from the system's randomness. */
void gt_mt_seed_system(gt_mt *g) { mt_seed_from_system(g); }

/* random.seed(a): an int's absolute value, as little-endian 32-bit words
 * (one word 0 for 0), is the key, as CPython's random_seed makes it. */
void gt_mt_seed(gt_mt *g, int64_t a) {
  uint64_t n = a < 0 ? -(uint64_t)a : (uint64_t)a;
  uint32_t key[2] = {(uint32_t)n, (uint32_t)(n >> 32)};
  mt_init_by_array(g, key, key[1] ? 2 : 1);
}

/* random.random(): 53 bits, CPython's genrand_res53. */
double gt_mt_random(gt_mt *g) {
  uint32_t a = mt_next(g) >> 5, b = mt_next(g) >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* random.getrandbits(k): 32-bit words from the least significant up, the
 * last one cut to the bits left, as CPython's. An int has 63 bits here. */
int64_t gt_mt_getrandbits(gt_mt *g, int64_t k) {
  if (k < 0) gt_fail("ValueError: number of bits must be non-negative");
  if (k > 63) gt_fail("OverflowError: getrandbits(%" PRId64 ") does not fit in a 64-bit int", k);
  if (k == 0) return 0;
  uint64_t r = 0;
  for (int shift = 0; k > 0; shift += 32, k -= 32) {
    uint32_t word = mt_next(g);
    if (k < 32) word >>= (32 - k);
    r |= (uint64_t)word << shift;
  }
  return (int64_t)r;
}

void gt_mt_swap(gt_mt *a, gt_mt *b) {
  gt_mt t = *a;
  memcpy(a->state, b->state, sizeof a->state);
  a->index = b->index;
  memcpy(b->state, t.state, sizeof b->state);
  b->index = t.index;
}

static gt_mt *module_mt; /* a reference, kept for the program's run */

void gt_random_share_module(gt_mt *g) {
  gt_retain(g);
  if (module_mt) gt_release(module_mt);
  module_mt = g;
}

gt_mt *gt_random_module_mt(void) { return module_mt; }

/* The generator of gtorch_core.h's gt_random_* (never freed). */
static gt_mt *c_mt(void) {
  static gt_mt *g;
  if (!g) g = gt_mt_new();
  return g;
}

void gt_random_seed_system(void) { gt_mt_seed_system(c_mt()); }
void gt_random_seed(int64_t a) { gt_mt_seed(c_mt(), a); }
double gt_random_random(void) { return gt_mt_random(c_mt()); }
int64_t gt_random_getrandbits(int64_t k) { return gt_mt_getrandbits(c_mt(), k); }

/* n.bit_length() of a non-negative n, for _randbelow. */
int64_t gt_random_bit_length(int64_t n) { return n > 0 ? 64 - __builtin_clzll((uint64_t)n) : 0; }

/* random.c - the random module's generator: the Mersenne Twister MT19937
 * as CPython's _random module runs it, so that random.seed(n) gives the
 * draws python3 gives. The distributions (randrange, gauss, ...) are
 * stdlib/random.gtp, written after CPython's Lib/random.py. One generator
 * serves the module's functions, as CPython's hidden Random instance. */
#define _GNU_SOURCE
#include "core_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

enum { MT_N = 624, MT_M = 397 };

static uint32_t mt_state[MT_N];
static int mt_index = MT_N + 1; /* MT_N + 1: never seeded */

/* The reference init_genrand: the state from one 32-bit seed. */
static void mt_init_genrand(uint32_t s) {
  mt_state[0] = s;
  for (int i = 1; i < MT_N; i++)
    mt_state[i] = 1812433253U * (mt_state[i - 1] ^ (mt_state[i - 1] >> 30)) + (uint32_t)i;
  mt_index = MT_N;
}

/* The reference init_by_array: the state from a key of 32-bit words. */
static void mt_init_by_array(const uint32_t *key, size_t len) {
  mt_init_genrand(19650218U);
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
static void mt_seed_from_system(void) {
  uint32_t key[MT_N];
  if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    key[0] = (uint32_t)ts.tv_sec;
    key[1] = (uint32_t)ts.tv_nsec;
    mt_init_by_array(key, 2);
    return;
  }
  mt_init_by_array(key, MT_N);
}

/* The next 32 bits of the stream (the reference genrand_uint32). */
static uint32_t mt_next(void) {
  static const uint32_t mag01[2] = {0U, 0x9908b0dfU};
  if (mt_index > MT_N) mt_seed_from_system();
  if (mt_index >= MT_N) {
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
    mt_index = 0;
  }
  uint32_t y = mt_state[mt_index++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680U;
  y ^= (y << 15) & 0xefc60000U;
  y ^= (y >> 18);
  return y;
}

/* random.seed(): from the system's randomness. */
void gt_random_seed_system(void) { mt_seed_from_system(); }

/* random.seed(a): an int's absolute value, as little-endian 32-bit words
 * (one word 0 for 0), is the key, as CPython's random_seed makes it. */
void gt_random_seed(int64_t a) {
  uint64_t n = a < 0 ? -(uint64_t)a : (uint64_t)a;
  uint32_t key[2] = {(uint32_t)n, (uint32_t)(n >> 32)};
  mt_init_by_array(key, key[1] ? 2 : 1);
}

/* random.random(): 53 bits, CPython's genrand_res53. */
double gt_random_random(void) {
  uint32_t a = mt_next() >> 5, b = mt_next() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* random.getrandbits(k): 32-bit words from the least significant up, the
 * last one cut to the bits left, as CPython's. An int has 63 bits here. */
int64_t gt_random_getrandbits(int64_t k) {
  if (k < 0) gt_fail("ValueError: number of bits must be non-negative");
  if (k > 63) gt_fail("OverflowError: getrandbits(%" PRId64 ") does not fit in a 64-bit int", k);
  if (k == 0) return 0;
  uint64_t r = 0;
  for (int shift = 0; k > 0; shift += 32, k -= 32) {
    uint32_t word = mt_next();
    if (k < 32) word >>= (32 - k);
    r |= (uint64_t)word << shift;
  }
  return (int64_t)r;
}

/* n.bit_length() of a non-negative n, for _randbelow. */
int64_t gt_random_bit_length(int64_t n) { return n > 0 ? 64 - __builtin_clzll((uint64_t)n) : 0; }

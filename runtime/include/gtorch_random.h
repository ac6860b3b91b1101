/* gtorch_random.h - random.Random's generators: each a Mersenne Twister
 * MT19937 of its own, run as CPython's _random module runs it, so that a
 * seed gives python3's draws (random.c). The module's functions draw from
 * a hidden one, as CPython's do. */
#ifndef GTORCH_RANDOM_H
#define GTORCH_RANDOM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_mt gt_mt;

gt_mt *gt_mt_new(void);                          /* unseeded: from the system's randomness at its first draw */
void gt_mt_seed(gt_mt *g, int64_t a);            /* the key: |a| in 32-bit words, as random.seed(a) */
void gt_mt_seed_system(gt_mt *g);                /* from getrandom() */
double gt_mt_random(gt_mt *g);                   /* 53 bits, genrand_res53 */
int64_t gt_mt_getrandbits(gt_mt *g, int64_t k);  /* k <= 63 here */
void gt_mt_swap(gt_mt *a, gt_mt *b);             /* exchanges the two states */
/* The random module's hidden generator (random.gtp shares it at import),
 * or NULL where the program does not import random: a DataLoader swaps a
 * worker's in around a batch made as that worker makes it. */
void gt_random_share_module(gt_mt *g);
gt_mt *gt_random_module_mt(void);

#ifdef __cplusplus
}
#endif

#endif

/* statistics.c - mean, median, variance, pvariance, stdev and pstdev of
 * the statistics module, with CPython 3.11's results to the last bit.
 *
 * CPython turns each value into an exact fraction, sums them exactly,
 * divides exactly and rounds once (Fraction.__float__, or for stdev a
 * correctly rounded square root of the fraction). Every double and every
 * int64 is an integer multiple of 2**-1074, so here each value is added,
 * as that integer, into fixed-point accumulators wide enough for any
 * double and 2**64 values (the sums of squares likewise in units of
 * 2**-2148): the sums are exact, and the one division and square root are
 * done on big integers and rounded once, to nearest even. The results are
 * therefore the correctly rounded values CPython's are, for every input.
 *
 * A NaN or an infinity is no fraction: CPython then adds the non-finite
 * values alone, as floats, and divides that sum; so does this. */
#include "core_internal.h"
#include "gtorch_statistics.h"

#include <math.h>
#include <stdio.h>

/* ---- StatisticsError --------------------------------------------------- */

const gt_class gt_StatisticsError_class = {"StatisticsError", gt_exc_drop, gt_exc_str, gt_exc_repr,
                                           NULL, NULL, &gt_ValueError_class};

gt_StatisticsError *gt_StatisticsError_new(gt_str *msg) { return gt_exc_new(&gt_StatisticsError_class, msg); }

GT_NORETURN static void stats_fail(const char *msg) {
  gt_str *s = gt_str_from_cstr(msg);
  gt_exc *e = gt_StatisticsError_new(s);
  gt_release(s);
  gt_raise(e);
}

/* ---- big naturals ------------------------------------------------------ */

/* Large enough for n times a sum of squares, and a sum squared (each
 * under 2**4400), with room to shift for a quotient's bits. */
#define BIG_LIMBS 80

typedef struct big {
  int n;                     /* limbs in use; the top one nonzero */
  uint64_t d[BIG_LIMBS];     /* least significant first */
} big;

typedef unsigned __int128 u128;

static void big_trim(big *a) {
  while (a->n > 0 && a->d[a->n - 1] == 0) a->n--;
}

static void big_set(big *a, const uint64_t *limbs, int n) {
  memcpy(a->d, limbs, sizeof(uint64_t) * (size_t)n);
  a->n = n;
  big_trim(a);
}

static void big_set_u128(big *a, u128 v) {
  uint64_t limbs[2] = {(uint64_t)v, (uint64_t)(v >> 64)};
  big_set(a, limbs, 2);
}

static int big_bitlen(const big *a) {
  return a->n ? 64 * (a->n - 1) + 64 - __builtin_clzll(a->d[a->n - 1]) : 0;
}

static int big_cmp(const big *a, const big *b) {
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (int i = a->n - 1; i >= 0; i--)
    if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
  return 0;
}

/* a -= b, where a >= b. */
static void big_sub(big *a, const big *b) {
  uint64_t borrow = 0;
  for (int i = 0; i < a->n; i++) {
    uint64_t bi = i < b->n ? b->d[i] : 0;
    u128 diff = (u128)a->d[i] - bi - borrow;
    a->d[i] = (uint64_t)diff;
    borrow = (uint64_t)(diff >> 64) & 1;
  }
  big_trim(a);
}

/* r = a * b; r is neither. */
static void big_mul(big *r, const big *a, const big *b) {
  if (a->n + b->n > BIG_LIMBS) gt_fail("OverflowError: statistics: data too wide to sum exactly");
  memset(r->d, 0, sizeof(uint64_t) * (size_t)(a->n + b->n));
  for (int i = 0; i < a->n; i++) {
    uint64_t carry = 0;
    for (int j = 0; j < b->n; j++) {
      u128 t = (u128)a->d[i] * b->d[j] + r->d[i + j] + carry;
      r->d[i + j] = (uint64_t)t;
      carry = (uint64_t)(t >> 64);
    }
    r->d[i + b->n] = carry;
  }
  r->n = a->n + b->n;
  big_trim(r);
}

static void big_mul_small(big *a, uint64_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < a->n; i++) {
    u128 t = (u128)a->d[i] * m + carry;
    a->d[i] = (uint64_t)t;
    carry = (uint64_t)(t >> 64);
  }
  if (carry) {
    if (a->n == BIG_LIMBS) gt_fail("OverflowError: statistics: data too wide to sum exactly");
    a->d[a->n++] = carry;
  }
}

/* a = a // m; returns a % m. */
static uint64_t big_divmod_small(big *a, uint64_t m) {
  u128 rem = 0;
  for (int i = a->n - 1; i >= 0; i--) {
    u128 cur = (rem << 64) | a->d[i];
    a->d[i] = (uint64_t)(cur / m);
    rem = cur % m;
  }
  big_trim(a);
  return (uint64_t)rem;
}

static void big_shl(big *a, int bits) {
  if (!a->n || bits <= 0) return;
  int limbs = bits / 64, sh = bits % 64;
  int n = a->n + limbs + 1;
  if (n > BIG_LIMBS) gt_fail("OverflowError: statistics: data too wide to sum exactly");
  for (int i = n - 1; i >= 0; i--) {
    int src = i - limbs;
    uint64_t hi = src >= 0 && src < a->n ? a->d[src] : 0;
    uint64_t lo = src - 1 >= 0 && src - 1 < a->n ? a->d[src - 1] : 0;
    a->d[i] = sh ? (hi << sh) | (lo >> (64 - sh)) : hi;
  }
  a->n = n;
  big_trim(a);
}

/* Whether any of a's bits below `bit` is set. */
static bool big_any_below(const big *a, int bit) {
  for (int i = 0; i < a->n && 64 * i < bit; i++) {
    uint64_t mask = bit - 64 * i >= 64 ? ~0ull : (1ull << (bit - 64 * i)) - 1;
    if (a->d[i] & mask) return true;
  }
  return false;
}

/* a >>= bits; returns whether a set bit fell off. */
static bool big_shr(big *a, int bits) {
  if (bits <= 0) return false;
  bool lost = big_any_below(a, bits);
  int limbs = bits / 64, sh = bits % 64;
  for (int i = 0; i < a->n; i++) {
    int src = i + limbs;
    uint64_t lo = src < a->n ? a->d[src] : 0;
    uint64_t hi = src + 1 < a->n ? a->d[src + 1] : 0;
    a->d[i] = sh ? (lo >> sh) | (hi << (64 - sh)) : lo;
  }
  a->n = a->n > limbs ? a->n - limbs : 0;
  big_trim(a);
  return lost;
}

/* 64 bits of a from bit `lo` up. */
static uint64_t big_bits_at(const big *a, int lo) {
  int i = lo / 64, sh = lo % 64;
  uint64_t x = i < a->n ? a->d[i] >> sh : 0;
  if (sh && i + 1 < a->n) x |= a->d[i + 1] << (64 - sh);
  return x;
}

/* ---- rounding ---------------------------------------------------------- */

/* The double nearest q * 2**exp (ties to even), where `inexact` says the
 * true value lies strictly between q and q + 1 (times 2**exp); q has
 * enough bits for that to decide every tie (55 or more, or the result is
 * subnormal). Too large is int / int's OverflowError, as CPython's. */
static double round_scaled(const big *q, bool inexact, int exp) {
  int len = big_bitlen(q);
  if (!len) return 0.0;
  int drop = len - 53;             /* bits below a double's 53 */
  if (exp + drop < -1074) drop = -1074 - exp;  /* subnormal: fewer bits */
  double r;
  if (drop <= 0) {
    r = ldexp((double)big_bits_at(q, 0), exp);
  } else {
    uint64_t mant = big_bits_at(q, drop);
    bool half = (big_bits_at(q, drop - 1) & 1) != 0;
    bool below = inexact || big_any_below(q, drop - 1);
    if (half && (below || (mant & 1))) mant++;
    r = ldexp((double)mant, exp + drop);
  }
  if (isinf(r)) gt_fail("OverflowError: integer division result too large for a float");
  return r;
}

/* The divisors of a result: one or two counts, whose product divides. */
typedef struct divisor {
  uint64_t d[2];
  int n;
} divisor;

/* q = floor(q / den); returns whether a remainder was left. Dividing by
 * each factor in turn floors as dividing by their product does. */
static bool big_div_den(big *q, const divisor *den) {
  bool rem = false;
  for (int i = 0; i < den->n; i++) rem |= big_divmod_small(q, den->d[i]) != 0;
  return rem;
}

static int den_bitlen(const divisor *den) {
  int bits = 0;
  for (int i = 0; i < den->n; i++) bits += 64 - __builtin_clzll(den->d[i]);
  return bits;
}

/* The double nearest num * 2**exp / den. */
static double round_quotient(const big *num, int exp, const divisor *den) {
  big q = *num;
  /* enough quotient bits (66 or more) for round_scaled */
  int shift = 66 + den_bitlen(den) - big_bitlen(&q);
  if (shift < 0) shift = 0;
  big_shl(&q, shift);
  bool inexact = big_div_den(&q, den);
  return round_scaled(&q, inexact, exp - shift);
}

static u128 isqrt_u128(u128 x) {
  u128 a = (u128)sqrt((double)x);
  while (a * a > x) a--;
  while ((a + 1) * (a + 1) <= x) a++;
  return a;
}

/* The double nearest sqrt(num * 2**exp / den), num >= 0: CPython's
 * _float_sqrt_of_frac, which rounds to odd on 55 or more bits and then
 * once to the double, gives this correctly rounded root. */
static double round_sqrt_quotient(const big *num, int exp, const divisor *den) {
  big x = *num;
  if (!x.n) return 0.0;
  if (exp & 1) {   /* an even power of two comes out of the root whole */
    big_shl(&x, 1);
    exp--;
  }
  /* x * 4**j / den of 109 to 112 bits: a root of 55 or more, in a u128 */
  int twice_j = 110 - (big_bitlen(&x) - den_bitlen(den));
  if (twice_j & 1) twice_j++;
  bool inexact = false;
  if (twice_j >= 0)
    big_shl(&x, twice_j);
  else
    inexact = big_shr(&x, -twice_j);
  inexact |= big_div_den(&x, den);
  u128 v = (u128)x.d[0] | (x.n > 1 ? (u128)x.d[1] << 64 : 0);
  u128 root = isqrt_u128(v);
  inexact |= root * root != v;
  big r;
  big_set_u128(&r, root);
  return round_scaled(&r, inexact, exp / 2 - twice_j / 2);
}

/* ---- exact sums --------------------------------------------------------- */

/* Every value is m * 2**e with e >= -1074: an integer in units of 2**-1074
 * (UNIT_BITS), its square one in units of 2**-2148. The accumulators hold
 * any double's (2**1024), or square's, times 2**64 values. */
#define UNIT_BITS 1074
#define SUM_LIMBS 36
#define SQ_LIMBS 70

typedef struct sums {
  int64_t n;
  uint64_t pos[SUM_LIMBS], neg[SUM_LIMBS];  /* the positive terms, the negative ones' magnitudes */
  uint64_t sq[SQ_LIMBS];                    /* the squares, where asked */
  bool nonfinite;
  double special;                           /* the NaNs' and infinities' float sum */
} sums;

/* acc += v << off (v of nv limbs). */
static void acc_add(uint64_t *acc, int nl, const uint64_t *v, int nv, int off) {
  int base = off / 64, sh = off % 64;
  u128 carry = 0;
  for (int k = 0; base + k < nl; k++) {
    if (k > nv && !carry) break;
    uint64_t lo = k < nv ? v[k] : 0, below = k > 0 && k - 1 < nv ? v[k - 1] : 0;
    uint64_t part = sh ? (lo << sh) | (below >> (64 - sh)) : lo;
    u128 t = (u128)acc[base + k] + part + carry;
    acc[base + k] = (uint64_t)t;
    carry = t >> 64;
  }
}

/* |v| * 2**off into the sum (and its square into the squares). */
static void sums_add(sums *s, bool negative, u128 mag, int off, bool squares) {
  uint64_t v[2] = {(uint64_t)mag, (uint64_t)(mag >> 64)};
  acc_add(negative ? s->neg : s->pos, SUM_LIMBS, v, 2, off);
  if (squares) {
    big m, m2;
    big_set_u128(&m, mag);
    big_mul(&m2, &m, &m);
    acc_add(s->sq, SQ_LIMBS, m2.d, m2.n, 2 * off);
  }
  s->n++;
}

static void sums_add_float(sums *s, double x, bool squares) {
  if (!isfinite(x)) {
    s->nonfinite = true;
    s->special += x;
    s->n++;
    return;
  }
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  int biased = (int)((bits >> 52) & 0x7FF);
  uint64_t m = bits & ((1ull << 52) - 1);
  int e = -1074;
  if (biased) {
    m |= 1ull << 52;
    e = biased - 1075;
  }
  sums_add(s, bits >> 63, m, e + UNIT_BITS, squares);
}

static void sums_add_int(sums *s, int64_t x, bool squares) {
  u128 mag = x < 0 ? (u128)(-(x + 1)) + 1 : (u128)x;
  sums_add(s, x < 0, mag, UNIT_BITS, squares);
}

static void sums_init(sums *s) { memset(s, 0, sizeof *s); }

/* The signed total, in units of 2**-1074. */
static bool sums_total(const sums *s, big *total) {
  big neg;
  big_set(total, s->pos, SUM_LIMBS);
  big_set(&neg, s->neg, SUM_LIMBS);
  if (big_cmp(total, &neg) >= 0) {
    big_sub(total, &neg);
    return false;
  }
  big_sub(&neg, total);
  *total = neg;
  return true;
}

/* ---- results ------------------------------------------------------------ */

/* num * 2**exp / den (negated where `negative`) as CPython's _convert
 * gives it for int data: the int where it is whole, else the nearest
 * float. */
static gt_num int_result(const big *num, bool negative, int exp, const divisor *den) {
  big whole = *num;
  if (!big_shr(&whole, -exp) && !big_div_den(&whole, den)) {
    if (whole.n > 1 || (whole.n == 1 && whole.d[0] >> 62))
      gt_fail("OverflowError: int too large for a value of type int | float (beyond 2**49)");
    int64_t v = whole.n ? (int64_t)whole.d[0] : 0;
    return gt_num_int(negative ? -v : v);
  }
  double r = round_quotient(num, exp, den);
  return gt_num_float(negative ? -r : r);
}

/* The data's exact total (in units of 2**-1074) and count; false where a
 * NaN or an infinity is among them, *special then their float sum. */
static bool exact_total(const gt_list *data, bool ints, big *total, bool *negative, double *special) {
  sums s;
  sums_init(&s);
  for (int64_t i = 0; i < data->len; i++) {
    if (ints)
      sums_add_int(&s, data->items[i].i, false);
    else
      sums_add_float(&s, data->items[i].f, false);
  }
  if (s.n < 1) stats_fail("mean requires at least one data point");
  *special = s.special;
  if (s.nonfinite) return false;
  *negative = sums_total(&s, total);
  return true;
}

gt_num gt_statistics_mean_int(const gt_list *data) {
  bool negative;
  big total;
  double special;
  exact_total(data, true, &total, &negative, &special);
  divisor den = {{(uint64_t)data->len}, 1};
  return int_result(&total, negative, -UNIT_BITS, &den);
}

double gt_statistics_mean_float(const gt_list *data) {
  bool negative;
  big total;
  double special;
  if (!exact_total(data, false, &total, &negative, &special)) return special / (double)data->len;
  divisor den = {{(uint64_t)data->len}, 1};
  double r = round_quotient(&total, -UNIT_BITS, &den);
  return negative ? -r : r;
}

/* The sum of squared deviations, exactly: over n values with total S
 * and sum of squares Q (units 2**-1074 and 2**-2148), it is
 * (n*Q - S*S) / n in units of 2**-2148; num gets n*Q - S*S. With a mean
 * given, CPython sums each (x - c) * (x - c) instead (as the data's type
 * computes it: a float rounded, an int exact), and num gets that sum
 * (by_n false: no division by n). */
typedef struct spread {
  int64_t n;
  bool nonfinite;
  double special;
  big num;
  int exp;
  bool by_n;   /* num is n times the sum, to divide by n too */
} spread;

static void spread_of_sums(spread *sp, const sums *s) {
  sp->n = s->n;
  sp->nonfinite = s->nonfinite;
  sp->special = s->special;
  sp->exp = -2 * UNIT_BITS;
  sp->by_n = true;
  if (s->nonfinite || !s->n) {
    sp->num.n = 0;
    return;
  }
  big total, squared;
  sums_total(s, &total);
  big_mul(&squared, &total, &total);
  big_set(&sp->num, s->sq, SQ_LIMBS);
  big_mul_small(&sp->num, (uint64_t)s->n);
  big_sub(&sp->num, &squared);
}

/* The spread of squared deviations from a mean the program gave, summed
 * in s: their exact total, in units of 2**-UNIT_BITS, over n (or n - 1). */
static void spread_of_squares(spread *sp, const sums *s) {
  sp->n = s->n;
  sp->nonfinite = s->nonfinite;
  sp->special = s->special;
  sp->exp = -UNIT_BITS;
  sp->by_n = false;
  sums_total(s, &sp->num);
}

static void spread_float(spread *sp, const gt_list *data, double c) {
  sums s;
  sums_init(&s);
  bool given = !gt_float_is_none(c);
  for (int64_t i = 0; i < data->len; i++) {
    double x = data->items[i].f;
    if (given) {
      double d = x - c;
      sums_add_float(&s, d * d, false);
    } else {
      sums_add_float(&s, x, true);
    }
  }
  if (!given) {
    spread_of_sums(sp, &s);
    return;
  }
  spread_of_squares(sp, &s);
}

/* int data with a float mean given: each deviation a float, as CPython's
 * int - float. */
static void spread_int_xfloat(spread *sp, const gt_list *data, double c) {
  sums s;
  sums_init(&s);
  for (int64_t i = 0; i < data->len; i++) {
    double d = (double)data->items[i].i - c;
    sums_add_float(&s, d * d, false);
  }
  spread_of_squares(sp, &s);
}

static void spread_int(spread *sp, const gt_list *data, int64_t c) {
  sums s;
  sums_init(&s);
  bool given = c != GT_NONE_INT;
  for (int64_t i = 0; i < data->len; i++) {
    int64_t x = data->items[i].i;
    if (!given) {
      sums_add_int(&s, x, true);
      continue;
    }
    __int128 d = (__int128)x - c;   /* exact, as Python's ints; its square too */
    u128 mag = d < 0 ? (u128)(-d) : (u128)d;
    big m, m2;
    big_set_u128(&m, mag);
    big_mul(&m2, &m, &m);
    acc_add(s.pos, SUM_LIMBS, m2.d, m2.n, 0);
    s.n++;
  }
  if (!given) {
    spread_of_sums(sp, &s);
    return;
  }
  sp->n = s.n;
  sp->nonfinite = false;
  sp->exp = 0;
  sp->by_n = false;
  sums_total(&s, &sp->num);
}

/* The divisor of a variance: n - 1 (sample) or n (population), times n
 * where the spread's num is n times the sum. */
static divisor spread_den(const spread *sp, bool sample) {
  divisor den = {{(uint64_t)(sample ? sp->n - 1 : sp->n)}, 1};
  if (sp->by_n) den.d[den.n++] = (uint64_t)sp->n;
  return den;
}

static void spread_check(const spread *sp, bool sample, const char *name) {
  if (sp->n < (sample ? 2 : 1)) {
    char msg[80];
    snprintf(msg, sizeof msg, "%s requires at least %s data point%s", name, sample ? "two" : "one",
             sample ? "s" : "");
    stats_fail(msg);
  }
}

static double float_variance(const spread *sp, bool sample, const char *name) {
  spread_check(sp, sample, name);
  if (sp->nonfinite) return sp->special / (double)(sample ? sp->n - 1 : sp->n);
  divisor den = spread_den(sp, sample);
  return round_quotient(&sp->num, sp->exp, &den);
}

static gt_num int_variance(const spread *sp, bool sample, const char *name) {
  spread_check(sp, sample, name);
  divisor den = spread_den(sp, sample);
  return int_result(&sp->num, false, sp->exp, &den);
}

/* CPython takes the root of the fraction's numerator and denominator,
 * which a float (the sum where a NaN or infinity is among the data) has
 * not. */
static double std_dev(const spread *sp, bool sample, const char *name) {
  spread_check(sp, sample, name);
  if (sp->nonfinite) gt_fail("AttributeError: 'float' object has no attribute 'numerator'");
  divisor den = spread_den(sp, sample);
  return round_sqrt_quotient(&sp->num, sp->exp, &den);
}

/* variance, pvariance, stdev and pstdev, each of ints (about an int mean
 * or none), of ints about a float mean, and of floats: the spread read the
 * one way, finished by INT_DONE (the ints') or FLOAT_DONE. */
#define STATS_SPREAD_FUNCS(NAME, SAMPLE, ARG, INT_T, INT_DONE, FLOAT_DONE)                  \
  INT_T gt_statistics_##NAME##_int(const gt_list *data, int64_t ARG) {                   \
    spread sp;                                                                           \
    spread_int(&sp, data, ARG);                                                          \
    return INT_DONE(&sp, SAMPLE, #NAME);                                                 \
  }                                                                                      \
  double gt_statistics_##NAME##_int_xfloat(const gt_list *data, double ARG) {            \
    spread sp;                                                                           \
    spread_int_xfloat(&sp, data, ARG);                                                   \
    return FLOAT_DONE(&sp, SAMPLE, #NAME);                                               \
  }                                                                                      \
  double gt_statistics_##NAME##_float(const gt_list *data, double ARG) {                 \
    spread sp;                                                                           \
    spread_float(&sp, data, ARG);                                                        \
    return FLOAT_DONE(&sp, SAMPLE, #NAME);                                               \
  }

STATS_SPREAD_FUNCS(variance, true, xbar, gt_num, int_variance, float_variance)
STATS_SPREAD_FUNCS(pvariance, false, mu, gt_num, int_variance, float_variance)
STATS_SPREAD_FUNCS(stdev, true, xbar, double, std_dev, std_dev)
STATS_SPREAD_FUNCS(pstdev, false, mu, double, std_dev, std_dev)

/* ---- median ------------------------------------------------------------- */

/* The data sorted as sorted() sorts it; empty is CPython's error. */
static gt_list *sorted_for_median(const gt_list *data) {
  if (!data->len) stats_fail("no median for empty data");
  return gt_sorted(data, false);
}

gt_num gt_statistics_median_int(const gt_list *data) {
  gt_list *s = sorted_for_median(data);
  int64_t n = s->len, lo = s->items[(n - 1) / 2].i, hi = s->items[n / 2].i;
  gt_release(s);
  if (n % 2) return gt_num_int(lo);
  /* (lo + hi) / 2 of Python's ints: the exact sum, one rounding */
  __int128 sum = (__int128)lo + hi;
  big mag;
  big_set_u128(&mag, sum < 0 ? (u128)(-sum) : (u128)sum);
  divisor two = {{2}, 1};
  double r = round_quotient(&mag, 0, &two);
  return gt_num_float(sum < 0 ? -r : r);
}

double gt_statistics_median_float(const gt_list *data) {
  gt_list *s = sorted_for_median(data);
  int64_t n = s->len;
  double lo = s->items[(n - 1) / 2].f, hi = s->items[n / 2].f;
  gt_release(s);
  return n % 2 ? hi : (lo + hi) / 2;
}

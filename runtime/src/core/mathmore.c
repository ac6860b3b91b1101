/* mathmore.c - the rest of the math module: the libm functions with
 * CPython's error rules (gt_math_1 in mathtime.c's manner), CPython's own
 * gamma and lgamma (a Lanczos sum, not libm's, whose last digits differ),
 * fsum (exact partial sums), dist, and the integer functions (factorial,
 * comb, perm, isqrt) over 64-bit ints. */
#include "core_internal.h"

#include <float.h>
#include <inttypes.h>
#include <stdlib.h>
#include <math.h>

static _Noreturn void gt_domain_error(void) { gt_fail("ValueError: math domain error"); }
static _Noreturn void gt_range_error(void) { gt_fail("OverflowError: math range error"); }

/* CPython's math_1: a NaN from a non-NaN is a domain error, an infinity
 * from a finite value a range error where fn can overflow. */
static double gt_math_checked(double x, double (*fn)(double), bool can_overflow) {
  double r = fn(x);
  if (isnan(r) && !isnan(x)) gt_domain_error();
  if (isinf(r) && isfinite(x)) {
    if (can_overflow) gt_range_error();
    gt_domain_error();
  }
  return r;
}

double gt_math_asin(double x) { return gt_math_checked(x, asin, false); }
double gt_math_acos(double x) { return gt_math_checked(x, acos, false); }
double gt_math_sinh(double x) { return gt_math_checked(x, sinh, true); }
double gt_math_cosh(double x) { return gt_math_checked(x, cosh, true); }
double gt_math_asinh(double x) { return gt_math_checked(x, asinh, false); }
double gt_math_acosh(double x) { return gt_math_checked(x, acosh, false); }
double gt_math_atanh(double x) { return gt_math_checked(x, atanh, false); }
double gt_math_expm1(double x) { return gt_math_checked(x, expm1, true); }
double gt_math_log1p(double x) { return gt_math_checked(x, log1p, false); }
double gt_math_exp2(double x) { return gt_math_checked(x, exp2, true); }
double gt_math_cbrt(double x) { return gt_math_checked(x, cbrt, false); }
double gt_math_erf(double x) { return erf(x); }
double gt_math_erfc(double x) { return erfc(x); }
double gt_math_copysign(double x, double y) { return copysign(x, y); }
bool gt_math_isfinite(double x) { return isfinite(x); }

/* CPython's math_2 for fmod and remainder: fmod(x, inf) is x. */
double gt_math_fmod(double x, double y) {
  if (isinf(y) && isfinite(x)) return x;
  double r = fmod(x, y);
  if (isnan(r) && !isnan(x) && !isnan(y)) gt_domain_error();
  return r;
}

double gt_math_remainder(double x, double y) {
  if (isnan(x)) return x;
  if (isnan(y)) return y;
  if (isinf(x) || y == 0.0) gt_domain_error();
  if (isinf(y)) return x;
  return remainder(x, y);
}

double gt_math_degrees(double x) { return x * (180.0 / 3.141592653589793238462643383279502884197); }
double gt_math_radians(double x) { return x * (3.141592653589793238462643383279502884197 / 180.0); }

double gt_math_ldexp(double x, int64_t i) {
  if (x == 0.0 || !isfinite(x)) return x;
  if (i > INT32_MAX) gt_range_error();
  if (i < INT32_MIN) return copysign(0.0, x);
  double r = ldexp(x, (int)i);
  if (isinf(r)) gt_range_error();
  return r;
}

/* frexp and modf, each half of the pair: x itself (and 0) where x is 0,
 * infinite or NaN, as CPython's. */
double gt_math_frexp_mantissa(double x) {
  int e;
  return x == 0.0 || !isfinite(x) ? x : frexp(x, &e);
}

int64_t gt_math_frexp_exponent(double x) {
  int e = 0;
  if (x != 0.0 && isfinite(x)) frexp(x, &e);
  return e;
}

double gt_math_modf_fraction(double x) {
  double whole;
  if (isinf(x)) return copysign(0.0, x);
  return modf(x, &whole);
}

double gt_math_modf_whole(double x) {
  double whole;
  if (!isfinite(x)) return x;
  modf(x, &whole);
  return whole;
}

/* ---- gamma and lgamma, as CPython computes them ------------------------------
 * The Lanczos approximation with N = 13 and g = 6.024680040776729583740234375
 * (Boost's parameters), its sum as a rational function; the reflection
 * formula for negative x; and a correction for the rounding of x + g - 0.5
 * before pow and exp magnify it. */

enum { LANCZOS_N = 13 };
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
/* x*(x+1)*...*(x+11) as a polynomial */
static const double lanczos_den[LANCZOS_N] = {0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
                                              13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0};
static const double gt_pi = 3.141592653589793238462643383279502884197;
static const double gt_logpi = 1.144729885849400174143427351353058711647;

/* The sum for x > 0: in x below 5, in 1/x above (no overflow). */
static double lanczos_sum(double x) {
  double num = 0.0, den = 0.0;
  if (x < 5.0) {
    for (int i = LANCZOS_N - 1; i >= 0; i--) {
      num = num * x + lanczos_num[i];
      den = den * x + lanczos_den[i];
    }
  } else {
    for (int i = 0; i < LANCZOS_N; i++) {
      num = num / x + lanczos_num[i];
      den = den / x + lanczos_den[i];
    }
  }
  return num / den;
}

/* sin(pi * x), exact at the integers and halves. */
static double sin_pi(double x) {
  double y = fmod(fabs(x), 2.0), r;
  switch ((int)round(2.0 * y)) {
  case 0: r = sin(gt_pi * y); break;
  case 1: r = cos(gt_pi * (y - 0.5)); break;
  case 2: r = sin(gt_pi * (1.0 - y)); break;  /* not -sin(pi*(y-1)): +0.0 at y == 1 */
  case 3: r = -cos(gt_pi * (y - 1.5)); break;
  default: r = sin(gt_pi * (y - 2.0)); break;
  }
  return copysign(1.0, x) * r;
}

/* pow(y, e) applied to r (divide: its inverse), in two halves above 140
 * where the whole power would overflow. */
static double gamma_scale(double r, double y, double e, bool divide) {
  if (e < 139.5) return divide ? r / pow(y, e) : r * pow(y, e);
  double half = pow(y, e / 2.0);
  return divide ? r / half / half : r * half * half;
}

double gt_math_gamma(double x) {
  if (isnan(x) || (isinf(x) && x > 0.0)) return x;
  if (isinf(x) || x == 0.0) gt_domain_error();
  if (x == floor(x)) {
    if (x < 0.0) gt_domain_error();
    if (x <= 23.0) {
      double f = 1.0;
      for (int i = 2; i < (int)x; i++) f *= i;
      return f;
    }
  }
  double absx = fabs(x);
  if (absx < 1e-20) {
    double r = 1.0 / x;
    if (isinf(r)) gt_range_error();
    return r;
  }
  if (absx > 200.0) {
    if (x < 0.0) return 0.0 / sin_pi(x);
    gt_range_error();
  }
  double y = absx + lanczos_g_minus_half;
  /* z: the rounding error of y, times g / y */
  double z = absx > lanczos_g_minus_half ? (y - absx) - lanczos_g_minus_half : (y - lanczos_g_minus_half) - absx;
  z = z * lanczos_g / y;
  double r;
  if (x < 0.0) {
    r = -gt_pi / sin_pi(absx) / absx * exp(y) / lanczos_sum(absx);
    r -= z * r;
    r = gamma_scale(r, y, absx - 0.5, true);
  } else {
    r = lanczos_sum(absx) / exp(y);
    r += z * r;
    r = gamma_scale(r, y, absx - 0.5, false);
  }
  if (isinf(r)) gt_range_error();
  return r;
}

double gt_math_lgamma(double x) {
  if (isnan(x)) return x;
  if (isinf(x)) return INFINITY;
  if (x == floor(x) && x <= 2.0) {
    if (x <= 0.0) gt_domain_error();
    return 0.0;
  }
  double absx = fabs(x);
  if (absx < 1e-20) return -log(absx);
  double r = log(lanczos_sum(absx)) - lanczos_g;
  r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
  if (x < 0.0) r = gt_logpi - log(fabs(sin_pi(absx))) - log(absx) - r;
  if (isinf(r)) gt_range_error();
  return r;
}

/* ---- fsum: Shewchuk's exact partial sums, CPython's msum ------------------ */

/* x + y where |x| >= |y|: the rounded sum, its error in *lo. */
static double two_sum_fast(double x, double y, double *lo) {
  double hi = x + y;
  *lo = y - (hi - x);
  return hi;
}

/* The partials of the exact sum so far, none overlapping, increasing. */
typedef struct GtPartials {
  double *p, small[32];
  int64_t n, cap;
} GtPartials;

/* Adds finite x; false where the sum overflowed (x is then not kept). */
static bool partials_add(GtPartials *ps, double x) {
  int64_t kept = 0;
  for (int64_t j = 0; j < ps->n; j++) {
    double y = ps->p[j], lo;
    if (fabs(x) < fabs(y)) {
      double t = x;
      x = y;
      y = t;
    }
    x = two_sum_fast(x, y, &lo);
    if (lo != 0.0) ps->p[kept++] = lo;
  }
  ps->n = kept;
  if (x == 0.0) return true;
  if (!isfinite(x)) return false;
  if (ps->n == ps->cap) {
    double *grown = gt_xmalloc(sizeof *grown * (size_t)ps->cap * 2);
    memcpy(grown, ps->p, sizeof *grown * (size_t)ps->n);
    if (ps->p != ps->small) free(ps->p);
    ps->p = grown;
    ps->cap *= 2;
  }
  ps->p[ps->n++] = x;
  return true;
}

/* The partials' sum correctly rounded: from the top while exact, then one
 * half-even correction from the partial below. */
static double partials_total(const GtPartials *ps) {
  int64_t n = ps->n;
  if (n == 0) return 0.0;
  double hi = ps->p[--n], lo = 0.0;
  while (n > 0) {
    hi = two_sum_fast(hi, ps->p[--n], &lo);
    if (lo != 0.0) break;
  }
  if (n > 0 && ((lo < 0.0 && ps->p[n - 1] < 0.0) || (lo > 0.0 && ps->p[n - 1] > 0.0))) {
    double y = lo * 2.0, x = hi + y;
    if (y == x - hi) hi = x;
  }
  return hi;
}

double gt_math_fsum(const gt_list *xs) {
  GtPartials ps = {.n = 0, .cap = 32};
  ps.p = ps.small;
  double special = 0.0, inf_sum = 0.0;
  for (int64_t i = 0; i < xs->len; i++) {
    double x = xs->items[i].f;
    if (!isfinite(x)) {
      if (isinf(x)) inf_sum += x;
      special += x;
      ps.n = 0;
      continue;
    }
    if (!partials_add(&ps, x)) {
      if (ps.p != ps.small) free(ps.p);
      gt_fail("OverflowError: intermediate overflow in fsum");
    }
  }
  double total = partials_total(&ps);
  if (ps.p != ps.small) free(ps.p);
  if (special != 0.0 || isnan(special)) {
    if (isnan(inf_sum)) gt_fail("ValueError: -inf + inf in fsum");
    return special;
  }
  return total;
}

/* ---- prod, dist ------------------------------------------------------------ */

int64_t gt_math_prod_int(const gt_list *xs, int64_t start) {
  int64_t r = start;
  for (int64_t i = 0; i < xs->len; i++) r = gt_int_mul(r, xs->items[i].i);
  return r;
}

double gt_math_prod_float(const gt_list *xs, double start) {
  double r = start;
  for (int64_t i = 0; i < xs->len; i++) r *= xs->items[i].f;
  return r;
}



double gt_math_dist(const gt_list *p, const gt_list *q) {
  if (p->len != q->len) gt_fail("ValueError: both points must have the same number of dimensions");
  double *diffs = gt_xmalloc(sizeof *diffs * (size_t)(p->len ? p->len : 1));
  double max = 0.0;
  bool found_nan = false;
  for (int64_t i = 0; i < p->len; i++) {
    double d = fabs(p->items[i].f - q->items[i].f);
    diffs[i] = d;
    found_nan |= isnan(d);
    if (d > max) max = d;
  }
  double r = isinf(max) ? max : found_nan ? NAN : gt_math_norm(diffs, p->len, max);
  free(diffs);
  return r;
}

/* ---- integer functions ----------------------------------------------------- */

int64_t gt_math_factorial(int64_t n) {
  if (n < 0) gt_fail("ValueError: factorial() not defined for negative values");
  int64_t r = 1;
  for (int64_t i = 2; i <= n; i++)
    if (__builtin_mul_overflow(r, i, &r)) gt_fail("OverflowError: factorial(%" PRId64 ") does not fit in a 64-bit int", n);
  return r;
}

static void gt_check_nk(int64_t n, int64_t k) {
  if (n < 0) gt_fail("ValueError: n must be a non-negative integer");
  if (k < 0) gt_fail("ValueError: k must be a non-negative integer");
}

/* comb(n, k): C(n-k+i, i) for i up to k, each exact, never decreasing. */
int64_t gt_math_comb(int64_t n, int64_t k) {
  gt_check_nk(n, k);
  if (k > n) return 0;
  if (k > n - k) k = n - k;
  unsigned __int128 r = 1;
  for (int64_t i = 1; i <= k; i++) {
    r = r * (unsigned __int128)(n - k + i) / (unsigned __int128)i;
    if (r > INT64_MAX) gt_fail("OverflowError: comb(%" PRId64 ", %" PRId64 ") does not fit in a 64-bit int", n, k);
  }
  return (int64_t)r;
}

int64_t gt_math_perm(int64_t n, int64_t k) {
  if (k == GT_NONE_INT) k = n;
  gt_check_nk(n, k);
  if (k > n) return 0;
  int64_t r = 1;
  for (int64_t i = n - k + 1; i <= n; i++)
    if (__builtin_mul_overflow(r, i, &r)) gt_fail("OverflowError: perm(%" PRId64 ", %" PRId64 ") does not fit in a 64-bit int", n, k);
  return r;
}

/* isqrt(n): the floor of the square root, exactly. */
int64_t gt_math_isqrt(int64_t n) {
  if (n < 0) gt_fail("ValueError: isqrt() argument must be nonnegative");
  int64_t r = (int64_t)sqrt((double)n);
  while (r > 0 && (unsigned __int128)r * (unsigned __int128)r > (unsigned __int128)n) r--;
  while ((unsigned __int128)(r + 1) * (unsigned __int128)(r + 1) <= (unsigned __int128)n) r++;
  return r;
}

int64_t gt_math_lcm(int64_t a, int64_t b) {
  if (a == 0 || b == 0) return 0;
  uint64_t x = a < 0 ? -(uint64_t)a : (uint64_t)a, y = b < 0 ? -(uint64_t)b : (uint64_t)b, p = x, q = y;
  while (q) {
    uint64_t t = p % q;
    p = q;
    q = t;
  }
  int64_t r;
  if (__builtin_mul_overflow((int64_t)(x / p), (int64_t)y, &r)) gt_fail("OverflowError: integer overflow in lcm()");
  return r;
}

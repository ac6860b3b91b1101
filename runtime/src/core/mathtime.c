/* mathtime.c - the math and time modules, with CPython's error rules:
 * a NaN from a non-NaN argument is `ValueError: math domain error`, an
 * infinity from a finite argument is `OverflowError: math range error`
 * where the function can overflow (exp) and a domain error elsewhere. */
#define _POSIX_C_SOURCE 200809L
#include "core_internal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <time.h>

static _Noreturn void gt_math_domain(void) { gt_fail("ValueError: math domain error"); }
static _Noreturn void gt_math_range(void) { gt_fail("OverflowError: math range error"); }

/* CPython's math_1. */
static double gt_math_1(double x, double (*fn)(double), bool can_overflow) {
  double r = fn(x);
  if (isnan(r) && !isnan(x)) gt_math_domain();
  if (isinf(r) && isfinite(x)) {
    if (can_overflow) gt_math_range();
    gt_math_domain();
  }
  return r;
}

double gt_math_sqrt(double x) { return gt_math_1(x, sqrt, false); }
double gt_math_exp(double x) { return gt_math_1(x, exp, true); }
double gt_math_sin(double x) { return gt_math_1(x, sin, false); }
double gt_math_cos(double x) { return gt_math_1(x, cos, false); }
double gt_math_tan(double x) { return gt_math_1(x, tan, false); }
double gt_math_atan(double x) { return gt_math_1(x, atan, false); }
double gt_math_tanh(double x) { return gt_math_1(x, tanh, false); }
double gt_math_fabs(double x) { return fabs(x); }
double gt_math_atan2(double y, double x) { return atan2(y, x); }
/* ---- hypot, as CPython 3.11 computes it -------------------------------------
 *
 * libm's hypot may differ from CPython's in the last digit (780.226, 311.0:
 * ...013 against ...012). CPython's vector_norm: scale by a power of two so
 * that the larger value is in [0.5, 1); split each value into halves of 26
 * bits (Veltkamp-Dekker) so that hi*hi, 2*hi*lo and lo*lo are exact; add
 * them to a sum started at 1.0 (so that it always outweighs the term: a
 * fast two-sum) keeping each kind of rounding error in its own
 * accumulator; take the square root; then correct it once by the exact
 * difference between its square and the sum (a Newton step). */

typedef struct GtNormSum {
  double sum, frac[3];
} GtNormSum;

/* sum += term, its rounding error into frac[k]; |sum| >= |term|. */
static void gt_norm_add(GtNormSum *s, double term, int k) {
  double old = s->sum;
  s->sum += term;
  s->frac[k] += (old - s->sum) + term;
}

/* x == hi + lo, each with at most 26 significant bits. */
static void gt_split_half(double x, double *hi, double *lo) {
  double t = x * 134217729.0;  /* 2^27 + 1 */
  *hi = t - (t - x);
  *lo = x - *hi;
}

/* The square root of the sum of the squares of v's n values (each
 * non-negative and finite, max the largest), as CPython's vector_norm:
 * the scaled squares summed with their rounding errors kept apart. */
double gt_math_norm(double *v, int64_t n, double max) {
  if (max == 0.0 || n <= 1) return max;
  int e;
  frexp(max, &e);
  if (e < -1023) {  /* subnormal: 2^-e would overflow */
    for (int64_t i = 0; i < n; i++) v[i] /= DBL_MIN;
    return DBL_MIN * gt_math_norm(v, n, max / DBL_MIN);
  }
  double scale = ldexp(1.0, -e), hi, lo;
  GtNormSum s = {1.0, {0.0, 0.0, 0.0}};
  for (int64_t i = 0; i < n; i++) {
    gt_split_half(v[i] * scale, &hi, &lo);
    gt_norm_add(&s, hi * hi, 0);
    gt_norm_add(&s, 2.0 * hi * lo, 1);
    s.frac[2] += lo * lo;
  }
  double h = sqrt(s.sum - 1.0 + (s.frac[0] + s.frac[1] + s.frac[2]));
  gt_split_half(h, &hi, &lo);
  gt_norm_add(&s, -hi * hi, 0);
  gt_norm_add(&s, -2.0 * hi * lo, 1);
  gt_norm_add(&s, -lo * lo, 2);
  double diff = s.sum - 1.0 + (s.frac[0] + s.frac[1] + s.frac[2]);
  return (h + diff / (2.0 * h)) / scale;
}

double gt_math_hypot(double x, double y) {
  double a = fabs(x), b = fabs(y);
  if (isinf(a) || isinf(b)) return INFINITY;
  if (isnan(a) || isnan(b)) return NAN;
  if (a < b) {
    double t = a;
    a = b;
    b = t;
  }
  double v[2] = {a, b};
  return gt_math_norm(v, 2, a);
}

/* CPython's m_log family: zero and negatives are domain errors. */
static double gt_math_log_of(double x, double (*fn)(double)) {
  if (isnan(x) || (isinf(x) && x > 0)) return x;
  if (!(x > 0.0)) gt_math_domain();
  return fn(x);
}

double gt_math_log(double x) { return gt_math_log_of(x, log); }
double gt_math_log2(double x) { return gt_math_log_of(x, log2); }
double gt_math_log10(double x) { return gt_math_log_of(x, log10); }

/* CPython's math_pow: IEEE specials by hand, libm for finite ** finite. */
double gt_math_pow(double x, double y) {
  if (!isfinite(x) || !isfinite(y)) {
    if (isnan(x)) return y == 0.0 ? 1.0 : x;
    if (isnan(y)) return x == 1.0 ? 1.0 : y;
    if (isinf(x)) {
      bool odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
      if (y > 0.0) return odd_y ? x : fabs(x);
      if (y == 0.0) return 1.0;
      return odd_y ? copysign(0.0, x) : 0.0;
    }
    /* y is infinite */
    if (fabs(x) == 1.0) return 1.0;
    if (y > 0.0 && fabs(x) > 1.0) return y;
    if (y < 0.0 && fabs(x) < 1.0) return -y;
    return 0.0;
  }
  double r = pow(x, y);
  if (isnan(r)) gt_math_domain();
  if (isinf(r)) {
    if (x == 0.0) gt_math_domain();
    gt_math_range();
  }
  return r;
}

bool gt_math_isnan(double x) { return isnan(x); }
bool gt_math_isinf(double x) { return isinf(x); }

bool gt_math_isclose(double a, double b, double rel_tol, double abs_tol) {
  if (rel_tol < 0.0 || abs_tol < 0.0) gt_fail("ValueError: tolerances must be non-negative");
  if (a == b) return true;
  if (isinf(a) || isinf(b)) return false;
  double diff = fabs(b - a);
  return diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol;
}

static double gt_clock(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double gt_time_time(void) { return gt_clock(CLOCK_REALTIME); }
double gt_time_perf_counter(void) { return gt_clock(CLOCK_MONOTONIC); }

void gt_time_sleep(double seconds) {
  if (isnan(seconds)) gt_fail("ValueError: Invalid value NaN (not a number)");
  if (seconds < 0) gt_fail("ValueError: sleep length must be non-negative");
  if (seconds > 1e15) gt_fail("OverflowError: sleep length is too large");
  struct timespec ts;
  ts.tv_sec = (time_t)seconds;
  ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

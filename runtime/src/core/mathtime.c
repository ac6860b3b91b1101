/* mathtime.c - the math and time modules, with CPython's error rules:
 * a NaN from a non-NaN argument is `ValueError: math domain error`, an
 * infinity from a finite argument is `OverflowError: math range error`
 * where the function can overflow (exp) and a domain error elsewhere. */
#define _POSIX_C_SOURCE 200809L
#include "core_internal.h"

#include <errno.h>
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
double gt_math_hypot(double x, double y) { return hypot(x, y); }

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

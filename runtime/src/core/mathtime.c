/* mathtime.c - the math and time modules, with CPython's error rules:
 * a NaN from a non-NaN argument is `ValueError: math domain error`, an
 * infinity from a finite argument is `OverflowError: math range error`
 * where the function can overflow (exp) and a domain error elsewhere. */
#define _POSIX_C_SOURCE 200809L
#include "core_internal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <inttypes.h>
#include <stdlib.h>
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

double gt_time_monotonic(void) { return gt_clock(CLOCK_MONOTONIC); }
double gt_time_process_time(void) { return gt_clock(CLOCK_PROCESS_CPUTIME_ID); }
double gt_time_thread_time(void) { return gt_clock(CLOCK_THREAD_CPUTIME_ID); }

static int64_t gt_clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t gt_time_time_ns(void) { return gt_clock_ns(CLOCK_REALTIME); }
int64_t gt_time_monotonic_ns(void) { return gt_clock_ns(CLOCK_MONOTONIC); }
int64_t gt_time_perf_counter_ns(void) { return gt_clock_ns(CLOCK_MONOTONIC); }
int64_t gt_time_process_time_ns(void) { return gt_clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

/* ---- struct_time: gmtime, localtime, strftime ---------------------------------
 * A struct_time is a .gtp class (stdlib/time.gtp) made from the nine ints
 * CPython's has, in its order: year, month 1-12, day, hour, minute,
 * second, weekday (Monday 0), day of the year 1-366, isdst. */

/* gmtime(secs) / localtime(secs): secs rounded down, as CPython's; None
 * (NaN here) is now. */
gt_list *gt_time_fields(double secs, bool local) {
  time_t t;
  if (isnan(secs)) t = time(NULL);
  else {
    double whole = floor(secs);
    if (!(whole >= -9.2e18 && whole <= 9.2e18)) gt_fail("OverflowError: timestamp out of range for platform time_t");
    t = (time_t)whole;
  }
  struct tm tm;
  if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm))) gt_fail("OverflowError: timestamp out of range for platform time_t");
  int64_t f[9] = {tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  (tm.tm_wday + 6) % 7, tm.tm_yday + 1, tm.tm_isdst};
  gt_list *l = gt_list_new(&gt_t_list_int, 9);
  for (int i = 0; i < 9; i++) gt_list_append(l, (gt_val){.i = f[i]});
  return l;
}

/* CPython's checktm: each field in its range, or ValueError. */
static void gt_time_check(const int64_t *f) {
  static const struct {
    int index;
    int64_t lo, hi;
    const char *what;
  } ranges[] = {{1, 1, 12, "month"},        {2, 1, 31, "day of month"}, {3, 0, 23, "hour"},
                {4, 0, 59, "minute"},       {5, 0, 61, "seconds"},      {6, 0, 6, "day of week"},
                {7, 1, 366, "day of year"}};
  for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++) {
    int64_t v = f[ranges[i].index];
    /* CPython accepts 0 for the month, day and day of year, as 1 */
    if (v == 0 && ranges[i].lo == 1) continue;
    if (v < ranges[i].lo || v > ranges[i].hi) gt_fail("ValueError: %s out of range", ranges[i].what);
  }
}

/* mktime(t): the seconds since the epoch of local time t's nine fields,
 * isdst as given (-1: the C library decides), as CPython's. */
double gt_time_mktime(const gt_list *fields) {
  if (fields->len != 9) gt_fail("TypeError: mktime(): illegal time tuple argument");
  const gt_val *f = fields->items;
  struct tm tm = {.tm_year = (int)(f[0].i - 1900), .tm_mon = (int)(f[1].i - 1), .tm_mday = (int)f[2].i,
                  .tm_hour = (int)f[3].i, .tm_min = (int)f[4].i, .tm_sec = (int)f[5].i,
                  .tm_wday = -1, /* stays -1 only where mktime fails */
                  .tm_isdst = (int)f[8].i};
  time_t t = mktime(&tm);
  if (t == (time_t)-1 && tm.tm_wday == -1) gt_fail("OverflowError: mktime argument out of range");
  return (double)t;
}

/* strftime(format, t): t's nine fields (NULL: localtime()). */
gt_str *gt_time_strftime(const gt_str *format, const gt_list *fields) {
  if (memchr(format->data, 0, (size_t)format->len)) gt_fail("ValueError: embedded null character");
  gt_list *now = fields ? NULL : gt_time_fields(NAN, true);
  const gt_list *l = fields ? fields : now;
  if (l->len != 9) gt_fail("TypeError: time.struct_time() takes a 9-sequence (%" PRId64 "-sequence given)", l->len);
  int64_t f[9];
  for (int i = 0; i < 9; i++) f[i] = l->items[i].i;
  gt_release(now);
  gt_time_check(f);
  struct tm tm = {0};
  tm.tm_year = (int)(f[0] - 1900);
  tm.tm_mon = (int)(f[1] ? f[1] - 1 : 0);
  tm.tm_mday = (int)(f[2] ? f[2] : 1);
  tm.tm_hour = (int)f[3];
  tm.tm_min = (int)f[4];
  tm.tm_sec = (int)f[5];
  tm.tm_wday = (int)((f[6] + 1) % 7);
  tm.tm_yday = (int)(f[7] ? f[7] - 1 : 0);
  tm.tm_isdst = f[8] < -1 ? -1 : f[8] > 1 ? 1 : (int)f[8];
  /* grow the buffer until the text fits, as CPython does */
  for (size_t cap = 256;; cap *= 2) {
    char *buf = gt_xmalloc(cap);
    size_t n = strftime(buf, cap, format->data, &tm);
    if (n > 0 || cap > 256 * (size_t)format->len + 4096) {
      gt_str *s = gt_str_new(buf, (int64_t)n);
      free(buf);
      return s;
    }
    free(buf);
  }
}

/* num.c - int and float arithmetic with Python's semantics.
 *
 * Ints are static 64-bit: where Python would grow a big int we raise
 * `OverflowError: integer overflow in OP` instead of wrapping. */
#include "core_internal.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- int --------------------------------------------------------------- */

int64_t gt_int_neg(int64_t a) {
  if (a == INT64_MIN) gt_fail("OverflowError: integer overflow in %s", "-");
  return -a;
}

int64_t gt_int_abs(int64_t a) {
  if (a == INT64_MIN) gt_fail("OverflowError: integer overflow in %s", "abs()");
  return a < 0 ? -a : a;
}

int64_t gt_int_floordiv(int64_t a, int64_t b) {
  if (b == 0) gt_fail("ZeroDivisionError: integer division or modulo by zero");
  if (b == -1) {
    if (a == INT64_MIN) gt_fail("OverflowError: integer overflow in %s", "//");
    return -a;
  }
  int64_t q = a / b;
  /* C truncates toward zero; Python floors. */
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

int64_t gt_int_mod(int64_t a, int64_t b) {
  if (b == 0) gt_fail("ZeroDivisionError: integer modulo by zero");
  if (b == -1) return 0;
  int64_t r = a % b;
  /* The result takes the sign of the divisor. */
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

/* a / b rounded once, as CPython's true division of ints. Both operands
 * below 2**53 convert exactly, so one IEEE division is correctly rounded.
 * Otherwise: an integer quotient with at least 64 significant bits plus a
 * sticky bit for the remainder, converted once (round-half-even), then
 * scaled exactly by a power of two. */
double gt_int_truediv(int64_t a, int64_t b) {
  if (b == 0) gt_fail("ZeroDivisionError: division by zero");
  const int64_t lim = (int64_t)1 << 53;
  if (a > -lim && a < lim && b > -lim && b < lim) return (double)a / (double)b;
  bool neg = (a < 0) != (b < 0);
  uint64_t ua = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
  uint64_t ub = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
  if (ua == 0) return neg ? -0.0 : 0.0;
  int shift = 64 + __builtin_clzll(ua);
  unsigned __int128 n = (unsigned __int128)ua << shift;
  unsigned __int128 q = n / ub;
  if (n % ub != 0) q |= 1;
  double r = ldexp((double)q, -shift);
  return neg ? -r : r;
}

int64_t gt_int_pow(int64_t a, int64_t b) {
  if (b < 0)
    gt_fail("ValueError: negative exponent in int ** int; use a float base");
  int64_t result = 1;
  while (b > 0) {
    if (b & 1) {
      if (__builtin_mul_overflow(result, a, &result)) gt_fail("OverflowError: integer overflow in %s", "**");
    }
    b >>= 1;
    if (b > 0 && __builtin_mul_overflow(a, a, &a)) gt_fail("OverflowError: integer overflow in %s", "**");
  }
  return result;
}

int64_t gt_int_lshift(int64_t a, int64_t b) {
  if (b < 0) gt_fail("ValueError: negative shift count");
  if (a == 0) return 0;
  if (b >= 64) gt_fail("OverflowError: integer overflow in %s", "<<");
  /* Overflow unless shifting back restores a (-1 << 63 still fits). */
  int64_t r = (int64_t)((uint64_t)a << b);
  if ((r >> b) != a) gt_fail("OverflowError: integer overflow in %s", "<<");
  return r;
}

int64_t gt_int_rshift(int64_t a, int64_t b) {
  if (b < 0) gt_fail("ValueError: negative shift count");
  if (b >= 63) return a < 0 ? -1 : 0;
  /* gcc and clang shift signed values arithmetically (floor), as Python. */
  return a >> b;
}

/* ---- float ------------------------------------------------------------- */

double gt_float_div(double a, double b) {
  if (b == 0.0) gt_fail("ZeroDivisionError: float division by zero");
  return a / b;
}

/* CPython's _float_div_mod: returns the floored quotient and sets *mod. */
static double gt_float_divmod(double vx, double wx, double *modp) {
  double mod = fmod(vx, wx);
  double div = (vx - mod) / wx;
  if (mod) {
    /* ensure the remainder has the same sign as the denominator */
    if ((wx < 0) != (mod < 0)) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    /* the remainder is zero: give it the sign of the denominator */
    mod = copysign(0.0, wx);
  }
  double floordiv;
  if (div) {
    /* snap the quotient to the nearest integral value */
    floordiv = floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    /* div is zero: get the correct sign */
    floordiv = copysign(0.0, vx / wx);
  }
  *modp = mod;
  return floordiv;
}

double gt_float_floordiv(double a, double b) {
  if (b == 0.0) gt_fail("ZeroDivisionError: float floor division by zero");
  double mod;
  return gt_float_divmod(a, b, &mod);
}

/* CPython's float_rem. */
double gt_float_mod(double a, double b) {
  if (b == 0.0) gt_fail("ZeroDivisionError: float modulo");
  double mod = fmod(a, b);
  if (mod) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = copysign(0.0, b);
  }
  return mod;
}

/* Python's float ** float. A negative base with a fractional exponent gives
 * a complex number in Python; there is no complex type here, so it is a
 * ValueError. */
double gt_float_pow(double a, double b) {
  if (b == 0.0) return 1.0;
  if (isnan(a)) return a;
  if (isnan(b)) return a == 1.0 ? 1.0 : b;
  if (a == 0.0 && b < 0.0 && isfinite(b))
    gt_fail("ZeroDivisionError: 0.0 cannot be raised to a negative power");
  if (a < 0.0 && isfinite(a) && isfinite(b) && b != floor(b))
    gt_fail("ValueError: negative number cannot be raised to a fractional power");
  double r = pow(a, b);
  if (isinf(r) && isfinite(a) && isfinite(b))
    gt_fail("OverflowError: (34, 'Numerical result out of range')");
  return r;
}

/* Fails as int(x) does for NaN and infinities. */
static void gt_check_int_convertible(double x) {
  if (isnan(x)) gt_fail("ValueError: cannot convert float NaN to integer");
  if (isinf(x)) gt_fail("OverflowError: cannot convert float infinity to integer");
}

/* An integral double to int64; beyond int64 is our static-int deviation. */
static int64_t gt_integral_to_int(double x, const char *what) {
  /* -2**63 is exact; 2**63 is the first value out of range. */
  if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))
    gt_fail("OverflowError: integer overflow in %s", what);
  return (int64_t)x;
}

int64_t gt_float_to_int(double x) {
  gt_check_int_convertible(x);
  return gt_integral_to_int(trunc(x), "int()");
}

int64_t gt_round_int(double x) {
  gt_check_int_convertible(x);
  /* nearbyint rounds half to even in the default rounding mode. */
  return gt_integral_to_int(nearbyint(x), "round()");
}

int64_t gt_float_floor(double x) {
  gt_check_int_convertible(x);
  return gt_integral_to_int(floor(x), "floor()");
}

int64_t gt_float_ceil(double x) {
  gt_check_int_convertible(x);
  return gt_integral_to_int(ceil(x), "ceil()");
}

/* round(x, n) for n < 0: rounds the exact integer part of x at 10**-n,
 * half to even, using the exact fraction only to break ties. */
static double gt_round_negative(double x, int64_t ndigits) {
  double ip;
  double frac = modf(x, &ip);
  char buf[400];
  int len = snprintf(buf, sizeof buf, "%.0f", fabs(ip));   /* exact */
  int64_t k = -ndigits;          /* digits to drop */
  if (k > len) return copysign(0.0, x);
  int keep = len - (int)k;
  /* Decide the rounding from the dropped digits and the fraction. */
  int first = buf[keep] - '0';
  bool rest_zero = frac == 0.0;
  for (int i = keep + 1; i < len; i++)
    if (buf[i] != '0') rest_zero = false;
  bool up;
  if (first > 5 || (first == 5 && !rest_zero)) up = true;
  else if (first < 5) up = false;
  else up = keep > 0 && ((buf[keep - 1] - '0') & 1);   /* exact tie: to even */
  char out[400];
  memcpy(out + 1, buf, (size_t)keep);
  out[0] = '0';
  int n = keep + 1;
  if (up) {
    int i = n - 1;
    while (out[i] == '9') out[i--] = '0';
    out[i]++;
  }
  for (int64_t i = 0; i < k; i++) out[n++] = '0';
  out[n] = '\0';
  double r = strtod(out, NULL);
  return x < 0 ? -r : r;
}

/* CPython's double_round: the decimal string correctly rounded to ndigits
 * places (glibc's printf is exact and rounds half to even, like dtoa mode 3),
 * read back with strtod. */
/* round(x, ndigits) of an int: ndigits < 0 rounds to a power of ten, halves to even. */
int64_t gt_int_round(int64_t x, int64_t ndigits) {
  if (ndigits >= 0) return x;
  if (ndigits < -18) return 0;
  int64_t p = 1;
  for (int64_t i = 0; i < -ndigits; i++) p *= 10;
  int64_t q = gt_int_floordiv(x, p), r = x - q * p;   /* 0 <= r < p */
  if (2 * r > p || (2 * r == p && (q & 1))) q++;
  return gt_int_mul(q, p);
}

double gt_round_float(double x, int64_t ndigits) {
  if (!isfinite(x) || x == 0.0) return x;
  /* Beyond these, round() is the identity or gives zero (as CPython). */
  if (ndigits > 323) return x;
  if (ndigits < -308) return copysign(0.0, x);
  double r;
  if (ndigits < 0) {
    r = gt_round_negative(x, ndigits);
  } else {
    char buf[700];
    snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
    r = strtod(buf, NULL);
  }
  if (isinf(r)) gt_fail("OverflowError: rounded value too large to represent");
  return r;
}

/* ---- divmod ------------------------------------------------------------------ */

gt_tuple *gt_divmod_int(const gt_type *t, int64_t a, int64_t b) {
  return gt_tuple_of(t, gt_vi(gt_int_floordiv(a, b)), gt_vi(gt_int_mod(a, b)));
}

gt_tuple *gt_divmod_float(const gt_type *t, double a, double b) {
  if (b == 0.0) gt_fail("ZeroDivisionError: float divmod()");
  return gt_tuple_of(t, gt_vf(gt_float_floordiv(a, b)), gt_vf(gt_float_mod(a, b)));
}

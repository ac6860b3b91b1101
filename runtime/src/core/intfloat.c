/* intfloat.c - numbers that are an int, a float or a bool, which one known at
 * run time (gt_num, gtorch_core.h): the values of a dict of ints, floats and
 * bools. */
#include <math.h>
#include <string.h>

#include "core_internal.h"

const gt_type gt_t_num = {GT_K_NUM, 0, NULL, NULL};

/* The NaNs that hold ints: sign, exponent and the two top fraction bits
 * set; a division or an overflow makes only the plain NaN, stored as
 * GT_NUM_NAN. */
#define GT_NUM_INT_TAG ((uint64_t)0xFFFC000000000000u)
#define GT_NUM_PAYLOAD ((uint64_t)0x0003FFFFFFFFFFFFu)
#define GT_NUM_NAN ((uint64_t)0x7FF8000000000000u)
#define GT_NUM_INT_MAX ((int64_t)1 << 49)
/* A bool: the positive NaN with the two top fraction bits set, and its
 * value in bit 0 (no float is stored so: its NaNs are GT_NUM_NAN). */
#define GT_NUM_BOOL_TAG ((uint64_t)0x7FFC000000000000u)

gt_num gt_num_int(int64_t i) {
  if (i >= GT_NUM_INT_MAX || i < -GT_NUM_INT_MAX)
    gt_fail("OverflowError: int too large for a value of type int | float (beyond 2**49)");
  return (gt_num)(GT_NUM_INT_TAG | ((uint64_t)i & GT_NUM_PAYLOAD));
}

gt_num gt_num_float(double f) {
  uint64_t bits = GT_NUM_NAN;
  if (f == f) memcpy(&bits, &f, sizeof bits);
  return (gt_num)bits;
}

gt_num gt_num_bool(bool b) { return (gt_num)(GT_NUM_BOOL_TAG | (uint64_t)b); }

bool gt_num_is_bool(gt_num n) { return ((uint64_t)n & ~(uint64_t)1) == GT_NUM_BOOL_TAG; }

/* A bool is an int too, as in Python (isinstance(True, int)). */
bool gt_num_is_int(gt_num n) { return ((uint64_t)n & GT_NUM_INT_TAG) == GT_NUM_INT_TAG || gt_num_is_bool(n); }

const char *gt_num_type_name(gt_num n) {
  return gt_num_is_bool(n) ? "bool" : gt_num_is_int(n) ? "int" : "float";
}

int64_t gt_num_int_value(gt_num n) {
  if (gt_num_is_bool(n)) return (int64_t)((uint64_t)n & 1);
  uint64_t low = (uint64_t)n & GT_NUM_PAYLOAD;
  return (int64_t)(low << 14) >> 14;  /* sign-extends bit 49 */
}

static double float_value(gt_num n) {
  double f;
  memcpy(&f, &n, sizeof f);
  return f;
}

double gt_num_as_float(gt_num n) { return gt_num_is_int(n) ? (double)gt_num_int_value(n) : float_value(n); }

int64_t gt_num_to_int(gt_num n) { return gt_num_is_int(n) ? gt_num_int_value(n) : gt_float_to_int(float_value(n)); }

bool gt_num_truth(gt_num n) { return gt_num_is_int(n) ? gt_num_int_value(n) != 0 : float_value(n) != 0.0; }

gt_num gt_num_neg(gt_num n) {
  return gt_num_is_int(n) ? gt_num_int(gt_int_neg(gt_num_int_value(n))) : gt_num_float(-float_value(n));
}

gt_num gt_num_abs(gt_num n) {
  return gt_num_is_int(n) ? gt_num_int(gt_int_abs(gt_num_int_value(n))) : gt_num_float(fabs(float_value(n)));
}

int64_t gt_num_round(gt_num n) { return gt_num_is_int(n) ? gt_num_int_value(n) : gt_round_int(float_value(n)); }

/* round(n, ndigits): an int (a bool's too) stays an int, as in Python. */
gt_num gt_num_round_digits(gt_num n, int64_t ndigits) {
  if (gt_num_is_int(n)) return gt_num_int(gt_int_round(gt_num_int_value(n), ndigits));
  return gt_num_float(gt_round_float(float_value(n), ndigits));
}

static gt_num int_arith(char op, int64_t a, int64_t b) {
  switch (op) {
    case '+': return gt_num_int(gt_int_add(a, b));
    case '-': return gt_num_int(gt_int_sub(a, b));
    case '*': return gt_num_int(gt_int_mul(a, b));
    case '/': return gt_num_float(gt_int_truediv(a, b));
    case 'f': return gt_num_int(gt_int_floordiv(a, b));
    case '%': return gt_num_int(gt_int_mod(a, b));
    default:  /* a negative power of an int is a float, as in Python */
      return b < 0 ? gt_num_float(gt_float_pow((double)a, (double)b)) : gt_num_int(gt_int_pow(a, b));
  }
}

gt_num gt_num_arith(char op, gt_num a, gt_num b) {
  if (gt_num_is_int(a) && gt_num_is_int(b)) return int_arith(op, gt_num_int_value(a), gt_num_int_value(b));
  double x = gt_num_as_float(a), y = gt_num_as_float(b);
  switch (op) {
    case '+': return gt_num_float(x + y);
    case '-': return gt_num_float(x - y);
    case '*': return gt_num_float(x * y);
    case '/': return gt_num_float(gt_float_div(x, y));
    case 'f': return gt_num_float(gt_float_floordiv(x, y));
    case '%': return gt_num_float(gt_float_mod(x, y));
    default: return gt_num_float(gt_float_pow(x, y));
  }
}

double gt_num_cmp(gt_num a, gt_num b) {
  bool ia = gt_num_is_int(a), ib = gt_num_is_int(b);
  if (ia && ib) {
    int64_t x = gt_num_int_value(a), y = gt_num_int_value(b);
    return (double)((x > y) - (x < y));
  }
  if (ia) return gt_int_float_cmp(gt_num_int_value(a), float_value(b));
  if (ib) return -gt_int_float_cmp(gt_num_int_value(b), float_value(a));
  double x = float_value(a), y = float_value(b);
  return x != x || y != y ? NAN : (double)((x > y) - (x < y));
}

gt_str *gt_num_str(gt_num n) {
  if (gt_num_is_bool(n)) return gt_str_of_bool(gt_num_int_value(n) != 0);
  return gt_num_is_int(n) ? gt_str_of_int(gt_num_int_value(n)) : gt_str_of_float(float_value(n));
}

gt_str *gt_num_format(gt_num n, const gt_str *spec) {
  if (gt_num_is_bool(n)) return gt_format((gt_val){.b = gt_num_int_value(n) != 0}, &gt_t_bool, spec);
  if (gt_num_is_int(n)) return gt_format((gt_val){.i = gt_num_int_value(n)}, &gt_t_int, spec);
  return gt_format((gt_val){.f = float_value(n)}, &gt_t_float, spec);
}

/* The value as an int, a float or a bool value of its own type, for val.c. */
gt_val gt_num_val(gt_num n, const gt_type **t) {
  if (gt_num_is_bool(n)) {
    *t = &gt_t_bool;
    return (gt_val){.b = gt_num_int_value(n) != 0};
  }
  *t = gt_num_is_int(n) ? &gt_t_int : &gt_t_float;
  return gt_num_is_int(n) ? (gt_val){.i = gt_num_int_value(n)} : (gt_val){.f = float_value(n)};
}

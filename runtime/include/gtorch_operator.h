/* gtorch_operator.h - the operator module's functions that the runtime
 * has no function for already: a float's arithmetic, and the comparisons,
 * each what the operator itself computes in a program. (Its other
 * functions bind the runtime's int, float and str operations.) */
#ifndef GTORCH_OPERATOR_H
#define GTORCH_OPERATOR_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline double gt_operator_add_float(double a, double b) { return a + b; }
static inline double gt_operator_sub_float(double a, double b) { return a - b; }
static inline double gt_operator_mul_float(double a, double b) { return a * b; }
static inline double gt_operator_neg_float(double a) { return -a; }
static inline int64_t gt_operator_pos_int(int64_t a) { return a; }
static inline double gt_operator_pos_float(double a) { return a; }

/* The comparisons of ints, floats (a NaN unordered and unequal, as
 * Python's) and strs (by code point). */
#define GT_OPERATOR_COMPARISONS(NAME, OP)                                                         \
  static inline bool gt_operator_##NAME##_int(int64_t a, int64_t b) { return a OP b; }            \
  static inline bool gt_operator_##NAME##_float(double a, double b) { return a OP b; }            \
  static inline bool gt_operator_##NAME##_str(const gt_str *a, const gt_str *b) {                \
    return gt_str_cmp(a, b) OP 0;                                                                 \
  }
GT_OPERATOR_COMPARISONS(eq, ==)
GT_OPERATOR_COMPARISONS(ne, !=)
GT_OPERATOR_COMPARISONS(lt, <)
GT_OPERATOR_COMPARISONS(le, <=)
GT_OPERATOR_COMPARISONS(gt, >)
GT_OPERATOR_COMPARISONS(ge, >=)
#undef GT_OPERATOR_COMPARISONS

#ifdef __cplusplus
}
#endif

#endif

/* Numbers: float repr, int and float arithmetic, round(), math; all
 * compared with CPython's values (core_expected.h). */
#include "test_util.h"

#include "core_expected.h"

static void test_float_repr(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(FLOAT_REPR); i++) {
    double x = from_bits(FLOAT_REPR[i].bits);
    char what[64];
    snprintf(what, sizeof what, "repr(%.17g)", x);
    bad += !check_str(gt_str_of_float(x), FLOAT_REPR[i].repr, what);
    /* str() of a float and repr inside containers are the same text */
    bad += !check_str(gt_val_str((gt_val){.f = x}, &gt_t_float), FLOAT_REPR[i].repr, what);
  }
  assert_int_equal(bad, 0);
}

static int64_t int_op(const char *op, int64_t a, int64_t b) {
  switch (op[0]) {
    case '+': return gt_int_add(a, b);
    case '-': return gt_int_sub(a, b);
    case '*': return op[1] == '*' ? gt_int_pow(a, b) : gt_int_mul(a, b);
    case '/': return gt_int_floordiv(a, b);
    case '%': return gt_int_mod(a, b);
    case '<': return gt_int_lshift(a, b);
    default: return gt_int_rshift(a, b);
  }
}

static void run_int_case(const void *arg) {
  const int_case *c = arg;
  if (strcmp(c->op, "/") == 0) gt_int_truediv(c->a, c->b);
  else int_op(c->op, c->a, c->b);
}

static void test_int_ops(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(INT_OPS); i++) {
    const int_case *c = &INT_OPS[i];
    char what[128];
    snprintf(what, sizeof what, "%lld %s %lld", (long long)c->a, c->op, (long long)c->b);
    if (!c->ok) {
      bad += !expect_failure(run_int_case, c, c->err, what);
    } else if (strcmp(c->op, "/") == 0) {
      double r = gt_int_truediv(c->a, c->b);
      if (to_bits(r) != c->f) {
        print_error("%s: got %.17g expected %.17g\n", what, r, from_bits(c->f));
        bad++;
      }
    } else {
      int64_t r = int_op(c->op, c->a, c->b);
      if (r != c->i) {
        print_error("%s: got %lld expected %lld\n", what, (long long)r, (long long)c->i);
        bad++;
      }
    }
  }
  assert_int_equal(bad, 0);
}

static double float_op(const char *op, double a, double b) {
  switch (op[0]) {
    case '/': return op[1] == '/' ? gt_float_floordiv(a, b) : gt_float_div(a, b);
    case '%': return gt_float_mod(a, b);
    default: return gt_float_pow(a, b);
  }
}

static void run_float_case(const void *arg) {
  const float_case *c = arg;
  float_op(c->op, from_bits(c->a), from_bits(c->b));
}

/* Same bits, or both NaN (Python does not show a NaN's sign or payload). */
static int same_float(double got, uint64_t want) {
  double w = from_bits(want);
  return to_bits(got) == want || (got != got && w != w);
}

static void test_float_ops(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(FLOAT_OPS); i++) {
    const float_case *c = &FLOAT_OPS[i];
    char what[128];
    snprintf(what, sizeof what, "%.17g %s %.17g", from_bits(c->a), c->op, from_bits(c->b));
    if (!c->ok) {
      bad += !expect_failure(run_float_case, c, c->err, what);
      continue;
    }
    double r = float_op(c->op, from_bits(c->a), from_bits(c->b));
    if (!same_float(r, c->r)) {
      print_error("%s: got %.17g expected %.17g\n", what, r, from_bits(c->r));
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

static void run_round_case(const void *arg) {
  const round_case *c = arg;
  if (c->has_n) gt_round_float(from_bits(c->x), c->n);
  else gt_round_int(from_bits(c->x));
}

static void test_round(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(ROUNDS); i++) {
    const round_case *c = &ROUNDS[i];
    double x = from_bits(c->x);
    char what[96];
    snprintf(what, sizeof what, "round(%.17g, %lld)", x, (long long)c->n);
    if (!c->ok) {
      bad += !expect_failure(run_round_case, c, c->err, what);
    } else if (c->has_n) {
      double r = gt_round_float(x, c->n);
      if (!same_float(r, c->f)) {
        print_error("%s: got %.17g expected %.17g\n", what, r, from_bits(c->f));
        bad++;
      }
    } else if (gt_round_int(x) != c->i) {
      print_error("%s: got %lld expected %lld\n", what, (long long)gt_round_int(x), (long long)c->i);
      bad++;
    }
  }
  assert_int_equal(bad, 0);
}

static double math_fn(const char *fn, double x, double y) {
  static const struct {
    const char *name;
    double (*f)(double);
  } unary[] = {{"sqrt", gt_math_sqrt}, {"exp", gt_math_exp}, {"log", gt_math_log},
               {"log2", gt_math_log2}, {"log10", gt_math_log10}, {"sin", gt_math_sin},
               {"cos", gt_math_cos}, {"tan", gt_math_tan}, {"atan", gt_math_atan},
               {"tanh", gt_math_tanh}, {"fabs", gt_math_fabs}};
  for (size_t i = 0; i < sizeof unary / sizeof unary[0]; i++)
    if (strcmp(fn, unary[i].name) == 0) return unary[i].f(x);
  return strcmp(fn, "pow") == 0 ? gt_math_pow(x, y) : gt_math_atan2(x, y);
}

static void run_math_case(const void *arg) {
  const math_case *c = arg;
  math_fn(c->fn, from_bits(c->x), from_bits(c->y));
}

static void test_math(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(MATHS); i++) {
    const math_case *c = &MATHS[i];
    char what[96];
    snprintf(what, sizeof what, "math.%s(%.17g, %.17g)", c->fn, from_bits(c->x), from_bits(c->y));
    if (!c->ok) {
      bad += !expect_failure(run_math_case, c, c->err, what);
      continue;
    }
    double r = math_fn(c->fn, from_bits(c->x), from_bits(c->y));
    if (!same_float(r, c->r)) {
      print_error("%s: got %.17g expected %.17g\n", what, r, from_bits(c->r));
      bad++;
    }
  }
  for (size_t i = 0; i < N_OF(ISCLOSE); i++) {
    const isclose_case *c = &ISCLOSE[i];
    bool r = gt_math_isclose(from_bits(c->a), from_bits(c->b), from_bits(c->rt), from_bits(c->at));
    if (r != c->expect) {
      print_error("isclose case %zu: got %d\n", i, r);
      bad++;
    }
  }
  assert_true(gt_math_isnan(from_bits(0x7ff8000000000000ull)));
  assert_true(gt_math_isinf(-from_bits(0x7ff0000000000000ull)));
  assert_int_equal(bad, 0);
}

static void test_float_to_int(void **state) {
  (void)state;
  assert_int_equal(gt_float_to_int(-2.9), -2);
  assert_int_equal(gt_float_to_int(2.9), 2);
  assert_int_equal(gt_float_to_int(-9223372036854775808.0), INT64_MIN);
  assert_int_equal(gt_float_floor(-0.5), -1);
  assert_int_equal(gt_float_ceil(-0.5), 0);
  assert_int_equal(gt_float_ceil(1e-300), 1);
  assert_int_equal(gt_int_abs(-5), 5);
  assert_int_equal(gt_int_neg(5), -5);
}

static void run_to_int(const void *arg) { gt_float_to_int(*(const double *)arg); }
static void run_floor(const void *arg) { gt_float_floor(*(const double *)arg); }
static void run_abs_min(const void *arg) { (void)arg; gt_int_abs(INT64_MIN); }
static void run_neg_min(const void *arg) { (void)arg; gt_int_neg(INT64_MIN); }
static void run_isclose(const void *arg) { (void)arg; gt_math_isclose(1, 1, -1, 0); }
static void run_sleep(const void *arg) { (void)arg; gt_time_sleep(-1); }

static void test_number_errors(void **state) {
  (void)state;
  double nan = from_bits(0x7ff8000000000000ull), inf = from_bits(0x7ff0000000000000ull), big = 1e19;
  assert_true(expect_failure(run_to_int, &nan, "ValueError: cannot convert float NaN to integer", "int(nan)"));
  assert_true(expect_failure(run_to_int, &inf, "OverflowError: cannot convert float infinity to integer", "int(inf)"));
  assert_true(expect_failure(run_to_int, &big, "OverflowError: integer overflow in int()", "int(1e19)"));
  assert_true(expect_failure(run_floor, &inf, "OverflowError: cannot convert float infinity to integer", "floor(inf)"));
  assert_true(expect_failure(run_abs_min, NULL, "OverflowError: integer overflow in abs()", "abs"));
  assert_true(expect_failure(run_neg_min, NULL, "OverflowError: integer overflow in -", "neg"));
  assert_true(expect_failure(run_isclose, NULL, "ValueError: tolerances must be non-negative", "isclose"));
  assert_true(expect_failure(run_sleep, NULL, "ValueError: sleep length must be non-negative", "sleep"));
}

static void test_time(void **state) {
  (void)state;
  double t0 = gt_time_perf_counter();
  gt_time_sleep(0.01);
  double t1 = gt_time_perf_counter();
  assert_true(t1 - t0 >= 0.009);
  assert_true(gt_time_time() > 1.6e9);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_float_repr),  cmocka_unit_test(test_int_ops),
      cmocka_unit_test(test_float_ops),   cmocka_unit_test(test_round),
      cmocka_unit_test(test_math),        cmocka_unit_test(test_float_to_int),
      cmocka_unit_test(test_number_errors), cmocka_unit_test(test_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

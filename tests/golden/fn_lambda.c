/* fn_lambda.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};
static const gt_type *const T_list_Callable_float_float_args[] = {&gt_t_obj};
static const gt_type T_list_Callable_float_float = {GT_K_LIST, 1, T_list_Callable_float_float_args, NULL};

static gt_str s1_inf = {{GT_IMMORTAL, &gt_str_class}, 3, "inf"};
static gt_str s2_nan = {{GT_IMMORTAL, &gt_str_class}, 3, "nan"};
static gt_str s3_add = {{GT_IMMORTAL, &gt_str_class}, 3, "add"};
static gt_str s4_got = {{GT_IMMORTAL, &gt_str_class}, 3, "got"};
static gt_str s5_add = {{GT_IMMORTAL, &gt_str_class}, 3, "add"};
static gt_str s6_mul = {{GT_IMMORTAL, &gt_str_class}, 3, "mul"};
static gt_str s7_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s8_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};
static gt_str s9_c = {{GT_IMMORTAL, &gt_str_class}, 1, "c"};
static gt_str s10 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};

static double math_pi_;
static double math_e_;
static double math_tau_;
static double math_inf_;
static double math_nan_;
static gt_fn *inc_;
static gt_list *roots_;
static gt_fn *r_;
static gt_fn *to_text_;
static int64_t step_;

static int64_t apply_(gt_fn *f_, int64_t x_);
static gt_fn *make_op_(gt_str *name_);
static void each_(gt_list *xs_, gt_fn *f_);
static int64_t main_lambda(int64_t x_);
static int64_t main_lambda2(int64_t n_);
static void main_lambda3(gt_str *s_);
static void main_lambda4(gt_str *u__a0_);
static double main_lambda5(double u__a0_);
static double main_lambda6(double v_);
static gt_str *main_lambda7(int64_t u__a0_);
static int64_t main_lambda8(int64_t x_);
static int64_t main_lambda9(int64_t u__a0_);
static double make_op__lambda(double a_, double b_);
static double make_op__lambda2(double a_, double b_);
static int64_t main_lambda_code(gt_fn *f, int64_t _a0);
static gt_fn main_lambda_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda_code};
static int64_t main_lambda2_code(gt_fn *f, int64_t _a0);
static gt_fn main_lambda2_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda2_code};
static void main_lambda3_code(gt_fn *f, gt_str *_a0);
static gt_fn main_lambda3_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda3_code};
static void main_lambda4_code(gt_fn *f, gt_str *_a0);
static gt_fn main_lambda4_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda4_code};
static double main_lambda5_code(gt_fn *f, double _a0);
static gt_fn main_lambda5_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda5_code};
static double main_lambda6_code(gt_fn *f, double _a0);
static gt_fn main_lambda6_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda6_code};
static gt_str *main_lambda7_code(gt_fn *f, int64_t _a0);
static gt_fn main_lambda7_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda7_code};
static int64_t main_lambda8_code(gt_fn *f, int64_t _a0);
static gt_fn main_lambda8_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda8_code};
static int64_t main_lambda9_code(gt_fn *f, int64_t _a0);
static gt_fn main_lambda9_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main_lambda9_code};
static double make_op__lambda_code(gt_fn *f, double _a0, double _a1);
static gt_fn make_op__lambda_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))make_op__lambda_code};
static double make_op__lambda2_code(gt_fn *f, double _a0, double _a1);
static gt_fn make_op__lambda2_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))make_op__lambda2_code};
static void math__init(void);
static inline int64_t call_Callable_int_int(gt_fn *f, int64_t _a0) {
  return ((int64_t (*)(gt_fn *, int64_t))f->code)(f, _a0);
}
static inline void call_Callable_str_None(gt_fn *f, gt_str *_a0) {
  ((void (*)(gt_fn *, gt_str *))f->code)(f, _a0);
}
static inline double call_Callable_float_float_float(gt_fn *f, double _a0, double _a1) {
  return ((double (*)(gt_fn *, double, double))f->code)(f, _a0, _a1);
}
static inline double call_Callable_float_float(gt_fn *f, double _a0) {
  return ((double (*)(gt_fn *, double))f->code)(f, _a0);
}
static inline gt_str *call_Callable_int_str(gt_fn *f, int64_t _a0) {
  return ((gt_str *(*)(gt_fn *, int64_t))f->code)(f, _a0);
}

static int64_t main_lambda_code(gt_fn *f, int64_t _a0) {
  (void)f;
  return main_lambda(_a0);
}

static int64_t main_lambda2_code(gt_fn *f, int64_t _a0) {
  (void)f;
  return main_lambda2(_a0);
}

static void main_lambda3_code(gt_fn *f, gt_str *_a0) {
  (void)f;
  main_lambda3(_a0);
}

static void main_lambda4_code(gt_fn *f, gt_str *_a0) {
  (void)f;
  main_lambda4(_a0);
}

static double main_lambda5_code(gt_fn *f, double _a0) {
  (void)f;
  return main_lambda5(_a0);
}

static double main_lambda6_code(gt_fn *f, double _a0) {
  (void)f;
  return main_lambda6(_a0);
}

static gt_str *main_lambda7_code(gt_fn *f, int64_t _a0) {
  (void)f;
  return main_lambda7(_a0);
}

static int64_t main_lambda8_code(gt_fn *f, int64_t _a0) {
  (void)f;
  return main_lambda8(_a0);
}

static int64_t main_lambda9_code(gt_fn *f, int64_t _a0) {
  (void)f;
  return main_lambda9(_a0);
}

static double make_op__lambda_code(gt_fn *f, double _a0, double _a1) {
  (void)f;
  return make_op__lambda(_a0, _a1);
}

static double make_op__lambda2_code(gt_fn *f, double _a0, double _a1) {
  (void)f;
  return make_op__lambda2(_a0, _a1);
}

static void math__init(void) {
  static bool done;
  if (done) return;
  done = true;
  /* pi: float = 3.141592653589793 */
  math_pi_ = 3.141592653589793;
  /* e: float = 2.718281828459045 */
  math_e_ = 2.718281828459045;
  /* tau: float = 6.283185307179586 */
  math_tau_ = 6.283185307179586;
  /* inf: float = float("inf") */
  math_inf_ = gt_float_of_str(&s1_inf);
  /* nan: float = float("nan") */
  math_nan_ = gt_float_of_str(&s2_nan);
}

static int64_t apply_(gt_fn *f_, int64_t x_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "apply", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* return f(x) */
  gt_at(&_fr, 8, 12);
  _ret = call_Callable_int_int(f_, x_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_fn *make_op_(gt_str *name_) {
  gt_fn *_ret = NULL;
  gt_frame _fr = {.func = "make_op", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* if name == "add": */
  gt_at(&_fr, 12, 5);
  if (gt_str_eq(name_, &s3_add)) {
    /* return lambda a, b: a + b */
    gt_at(&_fr, 13, 9);
    _ret = gt_retain(&make_op__lambda_value);
    goto _out;
  }
  /* return lambda a, b: a * b */
  gt_at(&_fr, 14, 5);
  _ret = gt_retain(&make_op__lambda2_value);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void each_(gt_list *xs_, gt_fn *f_) {
  gt_str *x_ = NULL;
  int64_t _i1;
  gt_list *_t2 = NULL;
  gt_frame _fr = {.func = "each", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* for x in xs: */
  gt_at(&_fr, 18, 5);
  _t2 = gt_replace(_t2, gt_retain(xs_));
  for (_i1 = 0; _i1 < gt_list_len(_t2); _i1++) {
    x_ = gt_replace(x_, ((gt_str *)gt_list_get(_t2, _i1).p));
    /* f(x) */
    gt_at(&_fr, 19, 9);
    call_Callable_str_None(f_, x_);
  }
  _t2 = gt_replace(_t2, NULL);
  gt_release(_t2);
  gt_release(x_);
  gt_leave(&_fr);
}

static int64_t main_lambda(int64_t x_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* x + 1, 41)) */
  gt_at(&_fr, 22, 23);
  _ret = gt_int_add(x_, 1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t main_lambda2(int64_t n_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* n + 1 */
  gt_at(&_fr, 23, 39);
  _ret = gt_int_add(n_, 1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void main_lambda3(gt_str *s_) {
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* print("got", s)) */
  gt_at(&_fr, 26, 28);
  gt_print(2, (gt_str *[]){&s4_got, s_}, NULL, NULL);
  gt_leave(&_fr);
}

static void main_lambda4(gt_str *u__a0_) {
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* print) */
  gt_at(&_fr, 27, 13);
  gt_print(1, (gt_str *[]){u__a0_}, NULL, NULL);
  gt_leave(&_fr);
}

static double main_lambda5(double u__a0_) {
  double _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* math.sqrt, lambda v: v / 2] */
  gt_at(&_fr, 28, 42);
  _ret = gt_math_sqrt(u__a0_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static double main_lambda6(double v_) {
  double _ret = 0;
  double _t1;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* v / 2] */
  gt_at(&_fr, 28, 63);
  _t1 = gt_float_div(v_, (double)2);
  _ret = _t1;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *main_lambda7(int64_t u__a0_) {
  gt_str *_ret = NULL;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* str */
  gt_at(&_fr, 31, 33);
  _ret = gt_str_of_int(u__a0_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t main_lambda8(int64_t x_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* x * step, 5)) */
  gt_at(&_fr, 34, 23);
  _ret = gt_int_mul(x_, step_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t main_lambda9(int64_t u__a0_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* abs, -9)) */
  gt_at(&_fr, 35, 13);
  _ret = gt_int_abs(u__a0_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static double make_op__lambda(double a_, double b_) {
  double _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* a + b */
  _ret = a_ + b_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static double make_op__lambda2(double a_, double b_) {
  double _ret = 0;
  gt_frame _fr = {.func = "<lambda>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* a * b */
  _ret = a_ * b_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  int64_t _t1;
  gt_str *_t2 = NULL;
  gt_fn *_t3 = NULL;
  gt_fn *_t4 = NULL;
  int64_t _t5;
  int64_t _t6;
  gt_str *_t7 = NULL;
  gt_fn *_t8 = NULL;
  double _t9;
  gt_fn *_t10 = NULL;
  double _t11;
  gt_str *_t12 = NULL;
  gt_str *_t13 = NULL;
  gt_list *_t14 = NULL;
  gt_list *_t15 = NULL;
  int64_t _i16;
  gt_list *_t17 = NULL;
  gt_fn *_t18 = NULL;
  double _t19;
  gt_str *_t20 = NULL;
  gt_fn *_t21 = NULL;
  gt_str *_t22 = NULL;
  gt_str *_t23 = NULL;
  int64_t _t24;
  gt_str *_t25 = NULL;
  int64_t _t26;
  gt_str *_t27 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "fn_lambda.gtp"};
  gt_enter(&_fr);
  /* import math */
  gt_at(&_fr, 3, 1);
  math__init();
  /* print(apply(lambda x: x + 1, 41)) */
  gt_at(&_fr, 22, 7);
  _t1 = apply_(&main_lambda_value, 41);
  _t2 = gt_str_of_int(_t1);
  gt_print(1, (gt_str *[]){_t2}, NULL, NULL);
  gt_release(_t2);
  /* inc: Callable[[int], int] = lambda n: n + 1 */
  gt_at(&_fr, 23, 1);
  inc_ = gt_replace(inc_, gt_retain(&main_lambda2_value));
  /* print(inc(inc(0))) */
  gt_at(&_fr, 24, 11);
  _t3 = gt_retain(inc_);
  _t4 = gt_retain(inc_);
  _t5 = call_Callable_int_int(_t4, 0);
  _t6 = call_Callable_int_int(_t3, _t5);
  _t7 = gt_str_of_int(_t6);
  gt_print(1, (gt_str *[]){_t7}, NULL, NULL);
  gt_release(_t3);
  gt_release(_t4);
  gt_release(_t7);
  /* print(make_op("add")(2.0, 3.5), make_op("mul")(2.0, 3.5)) */
  gt_at(&_fr, 25, 7);
  _t8 = make_op_(&s5_add);
  _t9 = call_Callable_float_float_float(_t8, 2.0, 3.5);
  _t10 = make_op_(&s6_mul);
  _t11 = call_Callable_float_float_float(_t10, 2.0, 3.5);
  _t12 = gt_str_of_float(_t9);
  _t13 = gt_str_of_float(_t11);
  gt_print(2, (gt_str *[]){_t12, _t13}, NULL, NULL);
  gt_release(_t8);
  gt_release(_t10);
  gt_release(_t12);
  gt_release(_t13);
  /* each(["a", "b"], lambda s: print("got", s)) */
  gt_at(&_fr, 26, 1);
  _t14 = gt_list_of(&T_list_str, 2, gt_vp(&s7_a), gt_vp(&s8_b));
  each_(_t14, &main_lambda3_value);
  gt_release(_t14);
  /* each(["c"], print) */
  gt_at(&_fr, 27, 1);
  _t15 = gt_list_of(&T_list_str, 1, gt_vp(&s9_c));
  each_(_t15, &main_lambda4_value);
  gt_release(_t15);
  /* roots: list[Callable[[float], float]] = [math.sqrt, lambda v: v / 2] */
  gt_at(&_fr, 28, 1);
  roots_ = gt_replace(roots_, gt_list_of(&T_list_Callable_float_float, 2, gt_vp(&main_lambda5_value), gt_vp(&main_lambda6_value)));
  /* for r in roots: */
  gt_at(&_fr, 29, 1);
  _t17 = gt_replace(_t17, gt_retain(roots_));
  for (_i16 = 0; _i16 < gt_list_len(_t17); _i16++) {
    r_ = gt_replace(r_, ((gt_fn *)gt_list_get(_t17, _i16).p));
    /* print(r(16.0)) */
    gt_at(&_fr, 30, 11);
    _t18 = gt_retain(r_);
    _t19 = call_Callable_float_float(_t18, 16.0);
    _t20 = gt_str_of_float(_t19);
    gt_print(1, (gt_str *[]){_t20}, NULL, NULL);
    gt_release(_t18);
    gt_release(_t20);
  }
  _t17 = gt_replace(_t17, NULL);
  /* to_text: Callable[[int], str] = str */
  gt_at(&_fr, 31, 1);
  to_text_ = gt_replace(to_text_, gt_retain(&main_lambda7_value));
  /* print(to_text(5) + "!") */
  gt_at(&_fr, 32, 7);
  _t21 = gt_retain(to_text_);
  _t22 = call_Callable_int_str(_t21, 5);
  _t23 = gt_str_concat(_t22, &s10);
  gt_print(1, (gt_str *[]){_t23}, NULL, NULL);
  gt_release(_t21);
  gt_release(_t22);
  gt_release(_t23);
  /* step = 3 */
  step_ = 3;
  /* print(apply(lambda x: x * step, 5)) */
  gt_at(&_fr, 34, 7);
  _t24 = apply_(&main_lambda8_value, 5);
  _t25 = gt_str_of_int(_t24);
  gt_print(1, (gt_str *[]){_t25}, NULL, NULL);
  gt_release(_t25);
  /* print(apply(abs, -9)) */
  gt_at(&_fr, 35, 7);
  _t26 = apply_(&main_lambda9_value, -9);
  _t27 = gt_str_of_int(_t26);
  gt_print(1, (gt_str *[]){_t27}, NULL, NULL);
  gt_release(_t27);
  gt_release(_t17);
  gt_release(inc_);
  gt_release(roots_);
  gt_release(r_);
  gt_release(to_text_);
  gt_leave(&_fr);
  gt_exit(0);
}

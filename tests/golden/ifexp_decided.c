/* ifexp_decided.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};

static gt_str s1_yes = {{GT_IMMORTAL, &gt_str_class}, 3, "yes"};
static gt_str s2_s = {{GT_IMMORTAL, &gt_str_class}, 2, "s:"};
static gt_str s3_ab = {{GT_IMMORTAL, &gt_str_class}, 2, "ab"};
static gt_str s4_abcd = {{GT_IMMORTAL, &gt_str_class}, 4, "abcd"};

static gt_str *either_(bool flag_, int64_t x_);
static gt_str *label_int_(int64_t x_);
static gt_str *label_str_(gt_str *x_);
static int64_t width_list_int_(gt_list *x_);
static int64_t width_str_(gt_str *x_);
static int64_t width_float_(double x_);

static gt_str *either_(bool flag_, int64_t x_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "either", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* return "yes" if flag else str(isinstance(x, int)) */
  gt_at(&_fr, 18, 5);
  if (flag_) {
    _t1 = gt_retain(&s1_yes);
  } else {
    _t1 = gt_str_of_bool(true);
  }
  _ret = gt_retain(_t1);
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *label_int_(int64_t x_) {
  gt_str *_ret = NULL;
  int64_t y_ = 0;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "label", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* y = x + 1 if isinstance(x, int) else x.upper() */
  gt_at(&_fr, 9, 9);
  y_ = gt_int_add(x_, 1);
  /* return f"{y}" if not isinstance(x, str) else "s:" + y */
  gt_at(&_fr, 10, 5);
  _t1 = gt_str_of_int(y_);
  _ret = gt_str_build(1, (gt_str *[]){_t1});
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *label_str_(gt_str *x_) {
  gt_str *_ret = NULL;
  gt_str *y_ = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "label", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* y = x + 1 if isinstance(x, int) else x.upper() */
  gt_at(&_fr, 9, 42);
  _t1 = gt_str_upper(x_);
  y_ = gt_replace(y_, gt_retain(_t1));
  gt_release(_t1);
  /* return f"{y}" if not isinstance(x, str) else "s:" + y */
  gt_at(&_fr, 10, 5);
  _ret = gt_str_concat(&s2_s, y_);
  goto _out;
_out:
  gt_release(y_);
  gt_leave(&_fr);
  return _ret;
}

static int64_t width_list_int_(gt_list *x_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "width", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* return len(x) if not isinstance(x, float) else int(x) */
  gt_at(&_fr, 14, 5);
  _ret = gt_list_len(x_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t width_str_(gt_str *x_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "width", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* return len(x) if not isinstance(x, float) else int(x) */
  gt_at(&_fr, 14, 5);
  _ret = gt_str_len(x_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t width_float_(double x_) {
  int64_t _ret = 0;
  int64_t _t1;
  gt_frame _fr = {.func = "width", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* return len(x) if not isinstance(x, float) else int(x) */
  gt_at(&_fr, 14, 52);
  _t1 = gt_float_to_int(x_);
  _ret = _t1;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_list *_t3 = NULL;
  int64_t _t4;
  int64_t _t5;
  int64_t _t6;
  gt_str *_t7 = NULL;
  gt_str *_t8 = NULL;
  gt_str *_t9 = NULL;
  gt_str *_t10 = NULL;
  gt_str *_t11 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "ifexp_decided.gtp"};
  gt_enter(&_fr);
  /* print(label(4), label("ab")) */
  gt_at(&_fr, 21, 7);
  _t1 = label_int_(4);
  _t2 = label_str_(&s3_ab);
  gt_print(2, (gt_str *[]){_t1, _t2}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t2);
  /* print(width([1, 2, 3]), width("abcd"), width(7.9)) */
  gt_at(&_fr, 22, 7);
  _t3 = gt_list_of(&T_list_int, 3, gt_vi(1), gt_vi(2), gt_vi(3));
  _t4 = width_list_int_(_t3);
  _t5 = width_str_(&s4_abcd);
  _t6 = width_float_(7.9);
  _t7 = gt_str_of_int(_t4);
  _t8 = gt_str_of_int(_t5);
  _t9 = gt_str_of_int(_t6);
  gt_print(3, (gt_str *[]){_t7, _t8, _t9}, NULL, NULL);
  gt_release(_t3);
  gt_release(_t7);
  gt_release(_t8);
  gt_release(_t9);
  /* print(either(True, 1), either(False, 2)) */
  gt_at(&_fr, 23, 7);
  _t10 = either_(true, 1);
  _t11 = either_(false, 2);
  gt_print(2, (gt_str *[]){_t10, _t11}, NULL, NULL);
  gt_release(_t10);
  gt_release(_t11);
  gt_leave(&_fr);
  gt_exit(0);
}

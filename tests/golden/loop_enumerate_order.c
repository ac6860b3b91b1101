/* loop_enumerate_order.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};

static gt_str s1_xs = {{GT_IMMORTAL, &gt_str_class}, 2, "xs"};
static gt_str s2_start = {{GT_IMMORTAL, &gt_str_class}, 5, "start"};
static gt_str s3_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s4_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s5_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};
static gt_str s6_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};
static gt_str s7_c = {{GT_IMMORTAL, &gt_str_class}, 1, "c"};
static gt_str s8_c = {{GT_IMMORTAL, &gt_str_class}, 1, "c"};

static int64_t i_;
static int64_t v_;
static int64_t u___;

static gt_list *xs_(gt_str *tag_);
static int64_t st_(gt_str *tag_);

static gt_list *xs_(gt_str *tag_) {
  gt_list *_ret = NULL;
  gt_frame _fr = {.func = "xs", .file = "loop_enumerate_order.gtp"};
  gt_enter(&_fr);
  /* print("xs", tag) */
  gt_at(&_fr, 4, 5);
  gt_print(2, (gt_str *[]){&s1_xs, tag_}, NULL, NULL);
  /* return [1, 2] */
  gt_at(&_fr, 5, 5);
  _ret = gt_list_of(&T_list_int, 2, gt_vi(1), gt_vi(2));
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t st_(gt_str *tag_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "st", .file = "loop_enumerate_order.gtp"};
  gt_enter(&_fr);
  /* print("start", tag) */
  gt_at(&_fr, 9, 5);
  gt_print(2, (gt_str *[]){&s2_start, tag_}, NULL, NULL);
  /* return 5 */
  _ret = 5;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_list *_t1 = NULL;
  int64_t _i2;
  int64_t _c3;
  gt_str *_t4 = NULL;
  gt_str *_t5 = NULL;
  gt_list *_t6 = NULL;
  int64_t _i7;
  int64_t _c8;
  gt_str *_t9 = NULL;
  int64_t i_2_ = 0;
  gt_list *_t10 = NULL;
  gt_list *_t11 = NULL;
  int64_t _i12;
  int64_t _c13;
  gt_list *_t14 = NULL;
  gt_str *_t15 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "loop_enumerate_order.gtp"};
  gt_enter(&_fr);
  /* for i, v in enumerate(xs("a"), st("a")): */
  gt_at(&_fr, 13, 23);
  _t1 = gt_replace(_t1, xs_(&s3_a));
  _i2 = 0;
  _c3 = st_(&s4_a);
  while (true) {
    if (_i2 >= gt_list_len(_t1)) break;
    i_ = _c3;
    v_ = gt_list_get(_t1, _i2).i;
    _c3 = gt_int_add(_c3, 1);
    _i2++;
    /* print(i, v) */
    gt_at(&_fr, 14, 5);
    _t4 = gt_str_of_int(i_);
    _t5 = gt_str_of_int(v_);
    gt_print(2, (gt_str *[]){_t4, _t5}, NULL, NULL);
    gt_release(_t4);
    gt_release(_t5);
  }
  _t1 = gt_replace(_t1, NULL);
  /* for _, v in enumerate(xs("b"), st("b")): */
  gt_at(&_fr, 15, 23);
  _t6 = gt_replace(_t6, xs_(&s5_b));
  _i7 = 0;
  _c8 = st_(&s6_b);
  while (true) {
    if (_i7 >= gt_list_len(_t6)) break;
    u___ = _c8;
    v_ = gt_list_get(_t6, _i7).i;
    _c8 = gt_int_add(_c8, 1);
    _i7++;
    /* print(v) */
    gt_at(&_fr, 16, 5);
    _t9 = gt_str_of_int(v_);
    gt_print(1, (gt_str *[]){_t9}, NULL, NULL);
    gt_release(_t9);
  }
  _t6 = gt_replace(_t6, NULL);
  /* print([i for i, _ in enumerate(xs("c"), start=st("c"))]) */
  gt_at(&_fr, 17, 32);
  _t10 = gt_list_new(&T_list_int, 0);
  _t11 = gt_replace(_t11, xs_(&s7_c));
  _i12 = 0;
  _c13 = st_(&s8_c);
  while (true) {
    if (_i12 >= gt_list_len(_t11)) break;
    i_2_ = _c13;
    _c13 = gt_int_add(_c13, 1);
    _i12++;
    gt_list_append(_t10, gt_vi(i_2_));
  }
  _t11 = gt_replace(_t11, NULL);
  _t14 = _t10;
  _t15 = gt_val_str(gt_vp(_t14), &T_list_int);
  gt_print(1, (gt_str *[]){_t15}, NULL, NULL);
  gt_release(_t14);
  gt_release(_t15);
  gt_release(_t1);
  gt_release(_t6);
  gt_release(_t11);
  gt_leave(&_fr);
  gt_exit(0);
}

/* named_tuple_order.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_P_args[] = {&gt_t_int, &gt_t_int};
static const char *const T_P_names_fields[] = {"x", "y"};
static const gt_tuple_names T_P_names = {"P", T_P_names_fields};
static const gt_type T_P = {GT_K_TUPLE, 2, T_P_args, &T_P_names};

static gt_str s1_bump = {{GT_IMMORTAL, &gt_str_class}, 4, "bump"};
static gt_str s2_y = {{GT_IMMORTAL, &gt_str_class}, 1, "y"};
static gt_str s3_x = {{GT_IMMORTAL, &gt_str_class}, 1, "x"};
static gt_str s4_z = {{GT_IMMORTAL, &gt_str_class}, 1, "z"};
static gt_str s5_only = {{GT_IMMORTAL, &gt_str_class}, 4, "only"};

static int64_t n_;

static int64_t bump_(gt_str *tag_);
static int64_t read_(void);

static int64_t bump_(gt_str *tag_) {
  int64_t _ret = 0;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "bump", .file = "named_tuple_order.gtp"};
  gt_enter(&_fr);
  /* n += 1 */
  gt_at(&_fr, 16, 5);
  n_ = gt_int_add(n_, 1);
  /* print("bump", tag, n) */
  gt_at(&_fr, 17, 5);
  _t1 = gt_str_of_int(n_);
  gt_print(3, (gt_str *[]){&s1_bump, tag_, _t1}, NULL, NULL);
  gt_release(_t1);
  /* return n */
  _ret = n_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t read_(void) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "read", .file = "named_tuple_order.gtp"};
  gt_enter(&_fr);
  /* return n */
  _ret = n_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  int64_t _t1;
  int64_t _t2;
  gt_tuple *_t3 = NULL;
  gt_str *_t4 = NULL;
  int64_t _t5;
  int64_t _t6;
  gt_tuple *_t7 = NULL;
  gt_str *_t8 = NULL;
  int64_t _t9;
  gt_tuple *_t10 = NULL;
  gt_str *_t11 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "named_tuple_order.gtp"};
  gt_enter(&_fr);
  /* n = 0 */
  n_ = 0;
  /* print(P(y=bump("y"), x=bump("x"))) */
  gt_at(&_fr, 25, 11);
  _t1 = bump_(&s2_y);
  _t2 = bump_(&s3_x);
  _t3 = gt_tuple_of(&T_P, gt_vi(_t2), gt_vi(_t1));
  _t4 = gt_val_str(gt_vp(_t3), &T_P);
  gt_print(1, (gt_str *[]){_t4}, NULL, NULL);
  gt_release(_t3);
  gt_release(_t4);
  /* print(P(read(), bump("z"))) */
  gt_at(&_fr, 26, 9);
  _t5 = read_();
  _t6 = bump_(&s4_z);
  _t7 = gt_tuple_of(&T_P, gt_vi(_t5), gt_vi(_t6));
  _t8 = gt_val_str(gt_vp(_t7), &T_P);
  gt_print(1, (gt_str *[]){_t8}, NULL, NULL);
  gt_release(_t7);
  gt_release(_t8);
  /* print(P(x=bump("only"))) */
  gt_at(&_fr, 27, 11);
  _t9 = bump_(&s5_only);
  _t10 = gt_tuple_of(&T_P, gt_vi(_t9), gt_vi(5));
  _t11 = gt_val_str(gt_vp(_t10), &T_P);
  gt_print(1, (gt_str *[]){_t11}, NULL, NULL);
  gt_release(_t10);
  gt_release(_t11);
  gt_leave(&_fr);
  gt_exit(0);
}

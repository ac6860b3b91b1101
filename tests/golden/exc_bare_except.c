/* exc_bare_except.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_VersionInfo_args[] = {&gt_t_int, &gt_t_int, &gt_t_int, &gt_t_str, &gt_t_int};
static const char *const T_VersionInfo_names_fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
static const gt_tuple_names T_VersionInfo_names = {"sys.version_info", T_VersionInfo_names_fields};
static const gt_type T_VersionInfo = {GT_K_TUPLE, 5, T_VersionInfo_args, &T_VersionInfo_names};
static const gt_type *const T_dict_str_int_args[] = {&gt_t_str, &gt_t_int};
static const gt_type T_dict_str_int = {GT_K_DICT, 2, T_dict_str_int_args, NULL};
static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};

static gt_str s1_linux = {{GT_IMMORTAL, &gt_str_class}, 5, "linux"};
static gt_str s2_final = {{GT_IMMORTAL, &gt_str_class}, 5, "final"};
static gt_str s3_ok = {{GT_IMMORTAL, &gt_str_class}, 3, "ok "};
static gt_str s4_checked = {{GT_IMMORTAL, &gt_str_class}, 7, "checked"};
static gt_str s5_zero = {{GT_IMMORTAL, &gt_str_class}, 4, "zero"};
static gt_str s6_checked = {{GT_IMMORTAL, &gt_str_class}, 7, "checked"};
static gt_str s7_other = {{GT_IMMORTAL, &gt_str_class}, 5, "other"};
static gt_str s8_checked = {{GT_IMMORTAL, &gt_str_class}, 7, "checked"};
static gt_str s9_checked = {{GT_IMMORTAL, &gt_str_class}, 7, "checked"};
static gt_str s10_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s11_12 = {{GT_IMMORTAL, &gt_str_class}, 2, "12"};
static gt_str s12_x = {{GT_IMMORTAL, &gt_str_class}, 1, "x"};
static gt_str s13_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s14_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};
static gt_str s15_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s16_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s17_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};
static gt_str s18_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};
static gt_str s19_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s20_c = {{GT_IMMORTAL, &gt_str_class}, 1, "c"};
static gt_str s21_1 = {{GT_IMMORTAL, &gt_str_class}, 1, "1"};
static gt_str s22_y = {{GT_IMMORTAL, &gt_str_class}, 1, "y"};
static gt_str s23_3 = {{GT_IMMORTAL, &gt_str_class}, 1, "3"};
static gt_str s24_good = {{GT_IMMORTAL, &gt_str_class}, 4, "good"};
static gt_str s25_bad = {{GT_IMMORTAL, &gt_str_class}, 3, "bad"};
static gt_str s26_exit_caught = {{GT_IMMORTAL, &gt_str_class}, 11, "exit caught"};

static gt_str *sys_platform_;
static gt_tuple *sys_version_info_;
static bool x_is_set_;
static int64_t x_;
static gt_str *s_;
static int64_t n_;

static int64_t parse_(gt_str *text_);
static gt_str *classify_(gt_dict *d_, gt_str *k_);
static void sys__init(void);

static void sys__init(void) {
  static bool done;
  if (done) return;
  done = true;
  /* platform: str = "linux" */
  sys_platform_ = gt_replace(sys_platform_, gt_retain(&s1_linux));
  /* version_info = _VersionInfo(3, 11, 2, "final", 0) */
  sys_version_info_ = gt_replace(sys_version_info_, gt_tuple_of(&T_VersionInfo, gt_vi(3), gt_vi(11), gt_vi(2), gt_vp(&s2_final), gt_vi(0)));
}

static int64_t parse_(gt_str *text_) {
  int64_t _ret = 0;
  gt_handler _h1 = {.exc = NULL};
  volatile int64_t _t1;
  gt_frame _fr = {.func = "parse", .file = "exc_bare_except.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_h1.exc}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  /* try: */
  gt_try(&_h1);
  if (setjmp(_h1.jump) == 0) {
    /* return int(text) */
    gt_at(&_fr, 15, 16);
    _t1 = gt_int_of_str(text_);
    _ret = _t1;
    gt_untry(&_h1);
    goto _out;
  } else {
    /* except: */
    /* return -1 */
    gt_at(&_fr, 17, 9);
    _ret = -1;
    _h1.exc = gt_replace(_h1.exc, NULL);
    goto _out;
  }
_out:
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  return _ret;
}

static gt_str *classify_(gt_dict *d_, gt_str *k_) {
  gt_str *_ret = NULL;
  volatile int64_t v_ = 0;
  volatile int64_t r_ = 0;
  gt_handler _h1 = {.exc = NULL};
  gt_handler _h2 = {.exc = NULL};
  volatile int64_t _t1;
  volatile int64_t _t2;
  gt_str *volatile _t3 = NULL;
  gt_frame _fr = {.func = "classify", .file = "exc_bare_except.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_h1.exc, &_h2.exc, &_t3, &_ret}, .nslots = 4};
  gt_enter_holdings(&_holdings);
  /* try: */
  gt_try(&_h1);
  if (setjmp(_h1.jump) == 0) {
    gt_try(&_h2);
    if (setjmp(_h2.jump) == 0) {
      /* v = d[k] */
      gt_at(&_fr, 22, 13);
      _t1 = gt_dict_get(d_, gt_vp(k_)).i;
      v_ = _t1;
      /* r = 10 // v */
      gt_at(&_fr, 23, 13);
      _t2 = gt_int_floordiv(10, v_);
      r_ = _t2;
      gt_untry(&_h2);
      /* return f"ok {r}" */
      gt_at(&_fr, 29, 9);
      _t3 = gt_str_of_int(r_);
      _ret = gt_str_build(2, (gt_str *[]){&s3_ok, _t3});
      _t3 = gt_replace(_t3, NULL);
      gt_untry(&_h1);
      /* print("checked", k) */
      gt_at(&_fr, 31, 9);
      gt_print(2, (gt_str *[]){&s4_checked, k_}, NULL, NULL);
      goto _out;
    } else {
      /* what the statement that raised held */
      _t3 = gt_replace(_t3, NULL);
      /* except ZeroDivisionError: */
      if (gt_exc_is(_h2.exc, &gt_ZeroDivisionError_class)) {
        /* return "zero" */
        gt_at(&_fr, 25, 9);
        _ret = gt_retain(&s5_zero);
        _h2.exc = gt_replace(_h2.exc, NULL);
        gt_untry(&_h1);
        /* print("checked", k) */
        gt_at(&_fr, 31, 9);
        gt_print(2, (gt_str *[]){&s6_checked, k_}, NULL, NULL);
        goto _out;
      /* except: */
      } else {
        /* return "other" */
        gt_at(&_fr, 27, 9);
        _ret = gt_retain(&s7_other);
        _h2.exc = gt_replace(_h2.exc, NULL);
        gt_untry(&_h1);
        /* print("checked", k) */
        gt_at(&_fr, 31, 9);
        gt_print(2, (gt_str *[]){&s8_checked, k_}, NULL, NULL);
        goto _out;
      }
    }
    gt_untry(&_h1);
  }
  /* finally: */
  /* print("checked", k) */
  gt_at(&_fr, 31, 9);
  gt_print(2, (gt_str *[]){&s9_checked, k_}, NULL, NULL);
  if (_h1.exc) gt_reraise(&_h1);
_out:
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_handler _h1 = {.exc = NULL};
  volatile int64_t _t1;
  volatile int64_t _t2;
  gt_str *volatile _t3 = NULL;
  volatile int64_t _t4;
  volatile int64_t _t5;
  gt_str *volatile _t6 = NULL;
  gt_str *volatile _t7 = NULL;
  gt_dict *volatile _t8 = NULL;
  gt_str *volatile _t9 = NULL;
  gt_dict *volatile _t10 = NULL;
  gt_str *volatile _t11 = NULL;
  gt_dict *volatile _t12 = NULL;
  gt_str *volatile _t13 = NULL;
  volatile int64_t _i14;
  gt_list *volatile _t15 = NULL;
  gt_handler _h2 = {.exc = NULL};
  volatile int64_t _t16;
  gt_str *volatile _t17 = NULL;
  gt_handler _h3 = {.exc = NULL};
  gt_frame _fr = {.func = "<main>", .file = "exc_bare_except.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_h1.exc, &_t3, &_t6, &_t7, &_t8, &_t9, &_t10, &_t11, &_t12, &_t13, &_t15, &_h2.exc, &_t17, &_h3.exc}, .nslots = 14};
  gt_enter_holdings(&_holdings);
  /* import sys */
  gt_at(&_fr, 4, 1);
  sys__init();
  /* try: */
  gt_try(&_h1);
  if (setjmp(_h1.jump) == 0) {
    /* x = int("a") */
    gt_at(&_fr, 7, 9);
    _t1 = gt_int_of_str(&s10_a);
    x_is_set_ = true;
    x_ = _t1;
    gt_untry(&_h1);
  } else {
    /* except: */
    /* x = 3 */
    x_is_set_ = true;
    x_ = 3;
    _h1.exc = gt_replace(_h1.exc, NULL);
  }
  /* print(x) */
  gt_at(&_fr, 10, 7);
  _t2 = (gt_check_bound(x_is_set_, "x", false), x_);
  _t3 = gt_str_of_int(_t2);
  gt_print(1, (gt_str *[]){_t3}, NULL, NULL);
  _t3 = gt_replace(_t3, NULL);
  /* print(parse("12"), parse("x")) */
  gt_at(&_fr, 34, 7);
  _t4 = parse_(&s11_12);
  _t5 = parse_(&s12_x);
  _t6 = gt_str_of_int(_t4);
  _t7 = gt_str_of_int(_t5);
  gt_print(2, (gt_str *[]){_t6, _t7}, NULL, NULL);
  _t6 = gt_replace(_t6, NULL);
  _t7 = gt_replace(_t7, NULL);
  /* print(classify({"a": 0, "b": 5}, "a"), classify({"a": 0, "b": 5}, "b"), classify({"a": 0}, "c")) */
  gt_at(&_fr, 35, 7);
  _t8 = gt_dict_new(&T_dict_str_int);
  gt_dict_set(_t8, gt_vp(&s13_a), gt_vi(0));
  gt_dict_set(_t8, gt_vp(&s14_b), gt_vi(5));
  _t9 = classify_(_t8, &s15_a);
  _t10 = gt_dict_new(&T_dict_str_int);
  gt_dict_set(_t10, gt_vp(&s16_a), gt_vi(0));
  gt_dict_set(_t10, gt_vp(&s17_b), gt_vi(5));
  _t11 = classify_(_t10, &s18_b);
  _t12 = gt_dict_new(&T_dict_str_int);
  gt_dict_set(_t12, gt_vp(&s19_a), gt_vi(0));
  _t13 = classify_(_t12, &s20_c);
  gt_print(3, (gt_str *[]){_t9, _t11, _t13}, NULL, NULL);
  _t8 = gt_replace(_t8, NULL);
  _t9 = gt_replace(_t9, NULL);
  _t10 = gt_replace(_t10, NULL);
  _t11 = gt_replace(_t11, NULL);
  _t12 = gt_replace(_t12, NULL);
  _t13 = gt_replace(_t13, NULL);
  /* for s in ["1", "y", "3"]: */
  gt_at(&_fr, 36, 1);
  _t15 = gt_replace(_t15, gt_list_of(&T_list_str, 3, gt_vp(&s21_1), gt_vp(&s22_y), gt_vp(&s23_3)));
  for (_i14 = 0; _i14 < gt_list_len(_t15); _i14++) {
    s_ = gt_replace(s_, ((gt_str *)gt_list_get(_t15, _i14).p));
    /* try: */
    gt_try(&_h2);
    if (setjmp(_h2.jump) == 0) {
      /* n = int(s) */
      gt_at(&_fr, 38, 13);
      _t16 = gt_int_of_str(s_);
      n_ = _t16;
      gt_untry(&_h2);
      /* print("good", n) */
      gt_at(&_fr, 40, 11);
      _t17 = gt_str_of_int(n_);
      gt_print(2, (gt_str *[]){&s24_good, _t17}, NULL, NULL);
      _t17 = gt_replace(_t17, NULL);
    } else {
      /* what the statement that raised held */
      _t17 = gt_replace(_t17, NULL);
      /* except: print("bad", s) */
      /* print("bad", s) */
      gt_at(&_fr, 39, 13);
      gt_print(2, (gt_str *[]){&s25_bad, s_}, NULL, NULL);
      _h2.exc = gt_replace(_h2.exc, NULL);
    }
  }
  _t15 = gt_replace(_t15, NULL);
  /* try: */
  gt_try(&_h3);
  if (setjmp(_h3.jump) == 0) {
    /* sys.exit(2) */
    gt_at(&_fr, 42, 5);
    gt_sys_exit(2);
  } else {
    /* except: */
    /* print("exit caught") */
    gt_at(&_fr, 44, 5);
    gt_print(1, (gt_str *[]){&s26_exit_caught}, NULL, NULL);
    _h3.exc = gt_replace(_h3.exc, NULL);
  }
  gt_release(_t15);
  gt_release(sys_platform_);
  gt_release(sys_version_info_);
  gt_release(s_);
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  gt_exit(0);
}

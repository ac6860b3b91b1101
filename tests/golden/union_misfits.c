/* union_misfits.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_VersionInfo_args[] = {&gt_t_int, &gt_t_int, &gt_t_int, &gt_t_str, &gt_t_int};
static const char *const T_VersionInfo_names_fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
static const gt_tuple_names T_VersionInfo_names = {"sys.version_info", T_VersionInfo_names_fields};
static const gt_type T_VersionInfo = {GT_K_TUPLE, 5, T_VersionInfo_args, &T_VersionInfo_names};
static const gt_type *const T_tuple2_int_int_args[] = {&gt_t_int, &gt_t_int};
static const gt_type T_tuple2_int_int = {GT_K_TUPLE, 2, T_tuple2_int_int_args, NULL};
static const gt_type T_Counter = {GT_K_OBJ, 0, NULL, NULL};
static const gt_type T_Pair = {GT_K_OBJ, 0, NULL, NULL};

static gt_str s1_linux = {{GT_IMMORTAL, &gt_str_class}, 5, "linux"};
static gt_str s2_final = {{GT_IMMORTAL, &gt_str_class}, 5, "final"};
static gt_str s3_counter = {{GT_IMMORTAL, &gt_str_class}, 7, "counter"};
static gt_str s4_counter = {{GT_IMMORTAL, &gt_str_class}, 7, "counter"};
static gt_str s5_TypeError = {{GT_IMMORTAL, &gt_str_class}, 10, "TypeError:"};
static gt_str s6_x = {{GT_IMMORTAL, &gt_str_class}, 1, "x"};
static gt_str s7_y = {{GT_IMMORTAL, &gt_str_class}, 1, "y"};
static gt_str s8_TypeError = {{GT_IMMORTAL, &gt_str_class}, 10, "TypeError:"};
static gt_str s9_AttributeError = {{GT_IMMORTAL, &gt_str_class}, 15, "AttributeError:"};
static gt_str s10_reset = {{GT_IMMORTAL, &gt_str_class}, 5, "reset"};
static gt_str s11_AttributeError = {{GT_IMMORTAL, &gt_str_class}, 15, "AttributeError:"};
static gt_str s12_not_positive = {{GT_IMMORTAL, &gt_str_class}, 12, "not positive"};
static gt_str s13_counter = {{GT_IMMORTAL, &gt_str_class}, 7, "counter"};
static gt_str s14_pair = {{GT_IMMORTAL, &gt_str_class}, 4, "pair"};

typedef struct Counter_ Counter_;
typedef struct Pair_ Pair_;
struct Counter_ {
  gt_obj _obj;
  int64_t n_;
};

struct Pair_ {
  gt_obj _obj;
  int64_t a_;
  int64_t b_;
};

static gt_str *sys_platform_;
static gt_tuple *sys_version_info_;

static void Counter___init___(Counter_ *self_);
static int64_t Counter_step_(Counter_ *self_, int64_t k_);
static void Counter_reset_(Counter_ *self_);
static Counter_ *Counter__new(void);
static void Pair___init___(Pair_ *self_);
static gt_tuple *Pair_step_(Pair_ *self_, int64_t k_, int64_t scale_);
static int64_t Pair_total_(Pair_ *self_);
static gt_str *Pair___call___(Pair_ *self_, gt_str *x_, gt_str *y_);
static Pair_ *Pair__new(void);
static gt_dyn *make_(gt_str *kind_);
static void run_(gt_str *kind_);
static int64_t check_positive_(int64_t k_);
static void sys__init(void);

static void Counter__drop(gt_obj *o) {
  Counter_ *self = (Counter_ *)o;
  (void)self;
}

static const gt_field Counter__layout_fields[] = {
  {"n", offsetof(Counter_, n_), &gt_t_int},
};
static const gt_layout Counter__layout = {sizeof(Counter_), 1, Counter__layout_fields};

static const gt_class Counter__class = {"Counter", Counter__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Counter__layout};

static Counter_ *Counter__new(void) {
  Counter_ *self = gt_alloc(sizeof(Counter_), &Counter__class);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&self}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  Counter___init___(self);
  gt_leave_holdings(&_holdings);
  return self;
}

static void Pair__drop(gt_obj *o) {
  Pair_ *self = (Pair_ *)o;
  (void)self;
}

static const gt_field Pair__layout_fields[] = {
  {"a", offsetof(Pair_, a_), &gt_t_int},
  {"b", offsetof(Pair_, b_), &gt_t_int},
};
static const gt_layout Pair__layout = {sizeof(Pair_), 2, Pair__layout_fields};

static const gt_class Pair__class = {"Pair", Pair__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Pair__layout};

static Pair_ *Pair__new(void) {
  Pair_ *self = gt_alloc(sizeof(Pair_), &Pair__class);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&self}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  Pair___init___(self);
  gt_leave_holdings(&_holdings);
  return self;
}

static void sys__init(void) {
  static bool done;
  if (done) return;
  done = true;
  /* platform: str = "linux" */
  sys_platform_ = gt_replace(sys_platform_, gt_retain(&s1_linux));
  /* version_info = _VersionInfo(3, 11, 2, "final", 0) */
  sys_version_info_ = gt_replace(sys_version_info_, gt_tuple_of(&T_VersionInfo, gt_vi(3), gt_vi(11), gt_vi(2), gt_vp(&s2_final), gt_vi(0)));
}

static void Counter___init___(Counter_ *self_) {
  gt_frame _fr = {.func = "Counter.__init__", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  /* self.n = 0 */
  self_->n_ = 0;
  gt_leave(&_fr);
}

static int64_t Counter_step_(Counter_ *self_, int64_t k_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Counter.step", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  /* self.n += k */
  gt_at(&_fr, 12, 9);
  self_->n_ = gt_int_add(self_->n_, k_);
  /* return self.n */
  _ret = self_->n_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void Counter_reset_(Counter_ *self_) {
  gt_frame _fr = {.func = "Counter.reset", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  /* self.n = 0 */
  self_->n_ = 0;
  gt_leave(&_fr);
}

static void Pair___init___(Pair_ *self_) {
  gt_frame _fr = {.func = "Pair.__init__", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  /* self.a = 1 */
  self_->a_ = 1;
  /* self.b = 1 */
  self_->b_ = 1;
  gt_leave(&_fr);
}

static gt_tuple *Pair_step_(Pair_ *self_, int64_t k_, int64_t scale_) {
  gt_tuple *_ret = NULL;
  int64_t _t1;
  int64_t _t2;
  gt_frame _fr = {.func = "Pair.step", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_ret}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  /* self.a, self.b = self.b, self.a + self.b * scale + k */
  gt_at(&_fr, 25, 43);
  _t1 = self_->b_;
  _t2 = gt_int_add(gt_int_add(self_->a_, gt_int_mul(self_->b_, scale_)), k_);
  self_->a_ = _t1;
  self_->b_ = _t2;
  /* return self.a, self.b */
  gt_at(&_fr, 26, 9);
  _ret = gt_tuple_of(&T_tuple2_int_int, gt_vi(self_->a_), gt_vi(self_->b_));
  goto _out;
_out:
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  return _ret;
}

static int64_t Pair_total_(Pair_ *self_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Pair.total", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  /* return self.a + self.b */
  gt_at(&_fr, 29, 16);
  _ret = gt_int_add(self_->a_, self_->b_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Pair___call___(Pair_ *self_, gt_str *x_, gt_str *y_) {
  gt_str *_ret = NULL;
  gt_frame _fr = {.func = "Pair.__call__", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_ret}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  (void)self_;
  /* return x + y */
  gt_at(&_fr, 32, 9);
  _ret = gt_str_concat(x_, y_);
  goto _out;
_out:
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  return _ret;
}

static gt_dyn *make_(gt_str *kind_) {
  gt_dyn *_ret = NULL;
  gt_frame _fr = {.func = "make", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_ret}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  /* if kind == "counter": */
  gt_at(&_fr, 36, 5);
  if (gt_str_eq(kind_, &s3_counter)) {
    /* return Counter() */
    gt_at(&_fr, 37, 16);
    _ret = (gt_dyn *)gt_dyn_new(gt_vp(Counter__new()), &T_Counter).p;
    goto _out;
  }
  /* return Pair() */
  gt_at(&_fr, 38, 12);
  _ret = (gt_dyn *)gt_dyn_new(gt_vp(Pair__new()), &T_Pair).p;
  goto _out;
_out:
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  return _ret;
}

static void run_(gt_str *kind_) {
  gt_dyn *volatile m_ = NULL;
  volatile int64_t got_ = 0;
  gt_tuple *volatile pair_ = NULL;
  gt_TypeError *volatile e_ = NULL;
  gt_AttributeError *volatile e_2_ = NULL;
  gt_dyn *volatile _t1 = NULL;
  volatile int64_t _t2;
  Counter_ *volatile _t3 = NULL;
  gt_str *volatile _t4 = NULL;
  volatile int64_t _t5;
  volatile int64_t _t6;
  Counter_ *volatile _t7 = NULL;
  gt_str *volatile _t8 = NULL;
  gt_str *volatile _t9 = NULL;
  gt_tuple *volatile _t10 = NULL;
  Pair_ *volatile _t11 = NULL;
  gt_str *volatile _t12 = NULL;
  gt_tuple *volatile _t13 = NULL;
  volatile int64_t _t14;
  Pair_ *volatile _t15 = NULL;
  gt_str *volatile _t16 = NULL;
  gt_str *volatile _t17 = NULL;
  gt_handler _h1 = {.exc = NULL};
  volatile int64_t _t18;
  Counter_ *volatile _t19 = NULL;
  gt_str *volatile _t20 = NULL;
  gt_str *volatile _t21 = NULL;
  gt_handler _h2 = {.exc = NULL};
  gt_str *volatile _t22 = NULL;
  Pair_ *volatile _t23 = NULL;
  gt_str *volatile _t24 = NULL;
  gt_handler _h3 = {.exc = NULL};
  volatile int64_t _t25;
  Pair_ *volatile _t26 = NULL;
  gt_str *volatile _t27 = NULL;
  gt_str *volatile _t28 = NULL;
  gt_handler _h4 = {.exc = NULL};
  Counter_ *volatile _t29 = NULL;
  gt_str *volatile _t30 = NULL;
  gt_frame _fr = {.func = "run", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&m_, &pair_, &e_, &e_2_, &_t1, &_t4, &_t8, &_t9, &_t10, &_t12, &_t13, &_t16, &_t17, &_h1.exc, &_t20, &_t21, &_h2.exc, &_t22, &_t24, &_h3.exc, &_t27, &_t28, &_h4.exc, &_t30}, .nslots = 24};
  gt_enter_holdings(&_holdings);
  /* m = make(kind) */
  gt_at(&_fr, 42, 9);
  _t1 = make_(kind_);
  m_ = gt_replace(m_, gt_retain(_t1));
  _t1 = gt_replace(_t1, NULL);
  /* if kind == "counter": */
  gt_at(&_fr, 43, 5);
  if (gt_str_eq(kind_, &s4_counter)) {
    /* got = m.step(3) */
    gt_at(&_fr, 44, 15);
    if (gt_union_type(m_) == &T_Counter) {
      _t3 = ((Counter_ *)gt_union_get(m_, &T_Counter).p);
      _t2 = Counter_step_(_t3, 3);
    } else {
      gt_fail("%s", "TypeError: Pair.step() missing 1 required positional argument: 'scale'");
    }
    got_ = _t2;
    /* print(kind, got, m.step(4)) */
    gt_at(&_fr, 45, 26);
    _t4 = gt_retain(kind_);
    _t5 = got_;
    if (gt_union_type(m_) == &T_Counter) {
      _t7 = ((Counter_ *)gt_union_get(m_, &T_Counter).p);
      _t6 = Counter_step_(_t7, 4);
    } else {
      gt_fail("%s", "TypeError: Pair.step() missing 1 required positional argument: 'scale'");
    }
    _t8 = gt_str_of_int(_t5);
    _t9 = gt_str_of_int(_t6);
    gt_print(3, (gt_str *[]){_t4, _t8, _t9}, NULL, NULL);
    _t4 = gt_replace(_t4, NULL);
    _t8 = gt_replace(_t8, NULL);
    _t9 = gt_replace(_t9, NULL);
  } else {
    /* pair = m.step(1, 2) */
    gt_at(&_fr, 47, 16);
    if (gt_union_type(m_) == &T_Counter) {
      gt_fail("%s", "TypeError: Counter.step() takes 2 positional arguments but 3 were given");
    } else {
      _t11 = ((Pair_ *)gt_union_get(m_, &T_Pair).p);
      _t10 = Pair_step_(_t11, 1, 2);
    }
    pair_ = gt_replace(pair_, gt_retain(_t10));
    _t10 = gt_replace(_t10, NULL);
    /* print(kind, pair, m.total()) */
    gt_at(&_fr, 48, 27);
    _t12 = gt_retain(kind_);
    _t13 = gt_retain(pair_);
    if (gt_union_type(m_) == &T_Counter) {
      gt_fail("%s", "AttributeError: 'Counter' object has no attribute 'total'");
    } else {
      _t15 = ((Pair_ *)gt_union_get(m_, &T_Pair).p);
      _t14 = Pair_total_(_t15);
    }
    _t16 = gt_val_str(gt_vp(_t13), &T_tuple2_int_int);
    _t17 = gt_str_of_int(_t14);
    gt_print(3, (gt_str *[]){_t12, _t16, _t17}, NULL, NULL);
    _t12 = gt_replace(_t12, NULL);
    _t13 = gt_replace(_t13, NULL);
    _t16 = gt_replace(_t16, NULL);
    _t17 = gt_replace(_t17, NULL);
  }
  /* try: */
  gt_try(&_h1);
  if (setjmp(_h1.jump) == 0) {
    /* print(m.step(5)) */
    gt_at(&_fr, 50, 15);
    if (gt_union_type(m_) == &T_Counter) {
      _t19 = ((Counter_ *)gt_union_get(m_, &T_Counter).p);
      _t18 = Counter_step_(_t19, 5);
    } else {
      gt_fail("%s", "TypeError: Pair.step() missing 1 required positional argument: 'scale'");
    }
    _t20 = gt_str_of_int(_t18);
    gt_print(1, (gt_str *[]){_t20}, NULL, NULL);
    _t20 = gt_replace(_t20, NULL);
    gt_untry(&_h1);
  } else {
    /* what the statement that raised held */
    _t20 = gt_replace(_t20, NULL);
    /* except TypeError as e: */
    if (gt_exc_is(_h1.exc, &gt_TypeError_class)) {
      e_ = gt_replace(e_, gt_retain(_h1.exc));
      /* print("TypeError:", e) */
      gt_at(&_fr, 52, 9);
      _t21 = gt_val_str(gt_vp(e_), &gt_t_obj);
      gt_print(2, (gt_str *[]){&s5_TypeError, _t21}, NULL, NULL);
      _t21 = gt_replace(_t21, NULL);
      e_ = gt_replace(e_, NULL);
      _h1.exc = gt_replace(_h1.exc, NULL);
    } else {
      gt_reraise(&_h1);
    }
  }
  /* try: */
  gt_try(&_h2);
  if (setjmp(_h2.jump) == 0) {
    /* print(m("x", "y")) */
    gt_at(&_fr, 54, 15);
    if (gt_union_type(m_) == &T_Counter) {
      gt_fail("%s", "TypeError: 'Counter' object is not callable");
    } else {
      _t23 = ((Pair_ *)gt_union_get(m_, &T_Pair).p);
      _t22 = Pair___call___(_t23, &s6_x, &s7_y);
    }
    gt_print(1, (gt_str *[]){_t22}, NULL, NULL);
    _t22 = gt_replace(_t22, NULL);
    gt_untry(&_h2);
  } else {
    /* what the statement that raised held */
    _t22 = gt_replace(_t22, NULL);
    /* except TypeError as e: */
    if (gt_exc_is(_h2.exc, &gt_TypeError_class)) {
      e_ = gt_replace(e_, gt_retain(_h2.exc));
      /* print("TypeError:", e) */
      gt_at(&_fr, 56, 9);
      _t24 = gt_val_str(gt_vp(e_), &gt_t_obj);
      gt_print(2, (gt_str *[]){&s8_TypeError, _t24}, NULL, NULL);
      _t24 = gt_replace(_t24, NULL);
      e_ = gt_replace(e_, NULL);
      _h2.exc = gt_replace(_h2.exc, NULL);
    } else {
      gt_reraise(&_h2);
    }
  }
  /* try: */
  gt_try(&_h3);
  if (setjmp(_h3.jump) == 0) {
    /* print(m.total()) */
    gt_at(&_fr, 58, 15);
    if (gt_union_type(m_) == &T_Counter) {
      gt_fail("%s", "AttributeError: 'Counter' object has no attribute 'total'");
    } else {
      _t26 = ((Pair_ *)gt_union_get(m_, &T_Pair).p);
      _t25 = Pair_total_(_t26);
    }
    _t27 = gt_str_of_int(_t25);
    gt_print(1, (gt_str *[]){_t27}, NULL, NULL);
    _t27 = gt_replace(_t27, NULL);
    gt_untry(&_h3);
  } else {
    /* what the statement that raised held */
    _t27 = gt_replace(_t27, NULL);
    /* except AttributeError as e: */
    if (gt_exc_is(_h3.exc, &gt_AttributeError_class)) {
      e_2_ = gt_replace(e_2_, gt_retain(_h3.exc));
      /* print("AttributeError:", e) */
      gt_at(&_fr, 60, 9);
      _t28 = gt_val_str(gt_vp(e_2_), &gt_t_obj);
      gt_print(2, (gt_str *[]){&s9_AttributeError, _t28}, NULL, NULL);
      _t28 = gt_replace(_t28, NULL);
      e_2_ = gt_replace(e_2_, NULL);
      _h3.exc = gt_replace(_h3.exc, NULL);
    } else {
      gt_reraise(&_h3);
    }
  }
  /* try: */
  gt_try(&_h4);
  if (setjmp(_h4.jump) == 0) {
    /* m.reset() */
    gt_at(&_fr, 62, 9);
    if (gt_union_type(m_) == &T_Counter) {
      _t29 = ((Counter_ *)gt_union_get(m_, &T_Counter).p);
      Counter_reset_(_t29);
    } else {
      gt_fail("%s", "AttributeError: 'Pair' object has no attribute 'reset'");
    }
    /* print("reset") */
    gt_at(&_fr, 63, 9);
    gt_print(1, (gt_str *[]){&s10_reset}, NULL, NULL);
    gt_untry(&_h4);
  } else {
    /* except AttributeError as e: */
    if (gt_exc_is(_h4.exc, &gt_AttributeError_class)) {
      e_2_ = gt_replace(e_2_, gt_retain(_h4.exc));
      /* print("AttributeError:", e) */
      gt_at(&_fr, 65, 9);
      _t30 = gt_val_str(gt_vp(e_2_), &gt_t_obj);
      gt_print(2, (gt_str *[]){&s11_AttributeError, _t30}, NULL, NULL);
      _t30 = gt_replace(_t30, NULL);
      e_2_ = gt_replace(e_2_, NULL);
      _h4.exc = gt_replace(_h4.exc, NULL);
    } else {
      gt_reraise(&_h4);
    }
  }
  gt_release(m_);
  gt_release(pair_);
  gt_release(e_);
  gt_release(e_2_);
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
}

static int64_t check_positive_(int64_t k_) {
  int64_t _ret = 0;
  int64_t v_ = 0;
  int64_t w_ = 0;
  int64_t _t1;
  int64_t _t2;
  gt_frame _fr = {.func = "check_positive", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  /* v = k * 2 if k > 0 else sys.exit("not positive") */
  gt_at(&_fr, 69, 9);
  if (k_ > 0) {
    _t1 = gt_int_mul(k_, 2);
  } else {
    gt_sys_exit_msg(&s12_not_positive);
  }
  v_ = _t1;
  /* w = sys.exit(3) if k < 0 else k + 1 */
  gt_at(&_fr, 70, 9);
  if (k_ < 0) {
    gt_sys_exit(3);
  } else {
    _t2 = gt_int_add(k_, 1);
  }
  w_ = _t2;
  /* return v + w */
  gt_at(&_fr, 71, 12);
  _ret = gt_int_add(v_, w_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  int64_t _t1;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "union_misfits.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_t2}, .nslots = 1};
  gt_enter_holdings(&_holdings);
  /* import sys */
  gt_at(&_fr, 4, 1);
  sys__init();
  /* run("counter") */
  gt_at(&_fr, 74, 1);
  run_(&s13_counter);
  /* run("pair") */
  gt_at(&_fr, 75, 1);
  run_(&s14_pair);
  /* print(check_positive(4)) */
  gt_at(&_fr, 76, 7);
  _t1 = check_positive_(4);
  _t2 = gt_str_of_int(_t1);
  gt_print(1, (gt_str *[]){_t2}, NULL, NULL);
  _t2 = gt_replace(_t2, NULL);
  gt_release(sys_platform_);
  gt_release(sys_version_info_);
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  gt_exit(0);
}

/* union_calls.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_tuple2_int_int_args[] = {&gt_t_int, &gt_t_int};
static const gt_type T_tuple2_int_int = {GT_K_TUPLE, 2, T_tuple2_int_int_args, NULL};
static const gt_type *const T_tuple2_int_tuple2_int_int_args[] = {&gt_t_int, &T_tuple2_int_int};
static const gt_type T_tuple2_int_tuple2_int_int = {GT_K_TUPLE, 2, T_tuple2_int_tuple2_int_int_args, NULL};
static const gt_type T_Doubler = {GT_K_OBJ, 0, NULL, NULL};
static const gt_type T_Namer = {GT_K_OBJ, 0, NULL, NULL};
static const gt_type *const T_tuple2_int_tuple_int_int_int_args[] = {&gt_t_int, &gt_t_dyn};
static const gt_type T_tuple2_int_tuple_int_int_int = {GT_K_TUPLE, 2, T_tuple2_int_tuple_int_int_int_args, NULL};
static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};
static const gt_type *const T_list_int_str_args[] = {&gt_t_dyn};
static const gt_type T_list_int_str = {GT_K_LIST, 1, T_list_int_str_args, NULL};
static const gt_type *const T_tuple2_int_str_args[] = {&gt_t_int, &gt_t_str};
static const gt_type T_tuple2_int_str = {GT_K_TUPLE, 2, T_tuple2_int_str_args, NULL};
static const gt_type *const T_tuple2_int_str_str_int_args[] = {&gt_t_dyn, &gt_t_dyn};
static const gt_type T_tuple2_int_str_str_int = {GT_K_TUPLE, 2, T_tuple2_int_str_str_int_args, NULL};
static const gt_type *const T_tuple2_str_int_args[] = {&gt_t_str, &gt_t_int};
static const gt_type T_tuple2_str_int = {GT_K_TUPLE, 2, T_tuple2_str_int_args, NULL};

static gt_str s1_doubler = {{GT_IMMORTAL, &gt_str_class}, 7, "doubler"};
static gt_str s2_n = {{GT_IMMORTAL, &gt_str_class}, 1, "n"};
static gt_str s3 = {{GT_IMMORTAL, &gt_str_class}, 1, " "};
static gt_str s4 = {{GT_IMMORTAL, &gt_str_class}, 1, " "};
static gt_str s5_d = {{GT_IMMORTAL, &gt_str_class}, 1, "d"};
static gt_str s6_d = {{GT_IMMORTAL, &gt_str_class}, 1, "d"};
static gt_str s7_n = {{GT_IMMORTAL, &gt_str_class}, 1, "n"};
static gt_str s8_n = {{GT_IMMORTAL, &gt_str_class}, 1, "n"};
static gt_str s9_d = {{GT_IMMORTAL, &gt_str_class}, 1, "d"};
static gt_str s10_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s11_b = {{GT_IMMORTAL, &gt_str_class}, 1, "b"};

typedef struct Doubler_ Doubler_;
typedef struct Namer_ Namer_;
typedef struct Pipeline_ Pipeline_;
struct Doubler_ {
  gt_obj _obj;
};

struct Namer_ {
  gt_obj _obj;
};

struct Pipeline_ {
  gt_obj _obj;
  gt_dyn *stage_;
};

static gt_str *kind_;
static gt_dyn *s_;
static Pipeline_ *p_;
static gt_tuple *pair_;
static gt_dyn *chosen_;
static gt_tuple *mixed_;
static gt_dyn *a_;
static gt_dyn *b_;

static int64_t Doubler___call___(Doubler_ *self_, int64_t x_);
static gt_str *Doubler_describe_(Doubler_ *self_);
static gt_tuple *Doubler_state_(Doubler_ *self_);
static int64_t Doubler_feed_(Doubler_ *self_, gt_tuple *s_);
static Doubler_ *Doubler__new(void);
static gt_str *Namer___call___(Namer_ *self_, int64_t x_);
static int64_t Namer_describe_(Namer_ *self_);
static gt_tuple *Namer_state_(Namer_ *self_);
static int64_t Namer_feed_(Namer_ *self_, int64_t s_);
static Namer_ *Namer__new(void);
static gt_dyn *Pipeline_run_(Pipeline_ *self_, int64_t x_);
static gt_str *Pipeline_step_(Pipeline_ *self_);
static Pipeline_ *Pipeline__new_Doubler_Namer_(gt_dyn *stage_);
static gt_dyn *make_(gt_str *kind_);
static void Pipeline___init___Doubler_Namer_(Pipeline_ *self_, gt_dyn *stage_);

static void Doubler__drop(gt_obj *o) {
  Doubler_ *self = (Doubler_ *)o;
  (void)self;
}

static const gt_layout Doubler__layout = {sizeof(Doubler_), 0, NULL};

static const gt_class Doubler__class = {"Doubler", Doubler__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Doubler__layout};

static Doubler_ *Doubler__new(void) {
  Doubler_ *self = gt_alloc(sizeof(Doubler_), &Doubler__class);
  return self;
}

static void Namer__drop(gt_obj *o) {
  Namer_ *self = (Namer_ *)o;
  (void)self;
}

static const gt_layout Namer__layout = {sizeof(Namer_), 0, NULL};

static const gt_class Namer__class = {"Namer", Namer__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Namer__layout};

static Namer_ *Namer__new(void) {
  Namer_ *self = gt_alloc(sizeof(Namer_), &Namer__class);
  return self;
}

static void Pipeline__drop(gt_obj *o) {
  Pipeline_ *self = (Pipeline_ *)o;
  gt_release(self->stage_);
}

static const gt_field Pipeline__layout_fields[] = {
  {"stage", offsetof(Pipeline_, stage_), &gt_t_dyn},
};
static const gt_layout Pipeline__layout = {sizeof(Pipeline_), 1, Pipeline__layout_fields};

static const gt_class Pipeline__class = {"Pipeline", Pipeline__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Pipeline__layout};

static Pipeline_ *Pipeline__new_Doubler_Namer_(gt_dyn *stage_) {
  Pipeline_ *self = gt_alloc(sizeof(Pipeline_), &Pipeline__class);
  Pipeline___init___Doubler_Namer_(self, stage_);
  return self;
}

static int64_t Doubler___call___(Doubler_ *self_, int64_t x_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Doubler.__call__", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return 2 * x */
  gt_at(&_fr, 10, 16);
  _ret = gt_int_mul(2, x_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Doubler_describe_(Doubler_ *self_) {
  gt_str *_ret = NULL;
  gt_frame _fr = {.func = "Doubler.describe", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return "doubler" */
  gt_at(&_fr, 13, 9);
  _ret = gt_retain(&s1_doubler);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_tuple *Doubler_state_(Doubler_ *self_) {
  gt_tuple *_ret = NULL;
  gt_tuple *_t1 = NULL;
  gt_frame _fr = {.func = "Doubler.state", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return (1, (2, 3)) */
  gt_at(&_fr, 16, 9);
  _t1 = gt_tuple_of(&T_tuple2_int_int, gt_vi(2), gt_vi(3));
  _ret = gt_tuple_of(&T_tuple2_int_tuple2_int_int, gt_vi(1), gt_vp(_t1));
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t Doubler_feed_(Doubler_ *self_, gt_tuple *s_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Doubler.feed", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return s[0] + s[1] */
  gt_at(&_fr, 19, 16);
  _ret = gt_int_add(s_->items[0].i, s_->items[1].i);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Namer___call___(Namer_ *self_, int64_t x_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Namer.__call__", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return "n" * x */
  gt_at(&_fr, 24, 16);
  _t1 = gt_str_repeat(&s2_n, x_);
  _ret = gt_retain(_t1);
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t Namer_describe_(Namer_ *self_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Namer.describe", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return 7 */
  _ret = 7;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_tuple *Namer_state_(Namer_ *self_) {
  gt_tuple *_ret = NULL;
  gt_frame _fr = {.func = "Namer.state", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return (4, 5) */
  gt_at(&_fr, 30, 9);
  _ret = gt_tuple_of(&T_tuple2_int_int, gt_vi(4), gt_vi(5));
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t Namer_feed_(Namer_ *self_, int64_t s_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Namer.feed", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return -s */
  gt_at(&_fr, 33, 16);
  _ret = gt_int_neg(s_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_dyn *Pipeline_run_(Pipeline_ *self_, int64_t x_) {
  gt_dyn *_ret = NULL;
  gt_dyn *_t1 = NULL;
  Doubler_ *_t2 = NULL;
  Namer_ *_t3 = NULL;
  gt_frame _fr = {.func = "Pipeline.run", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  /* return self.stage(x) */
  gt_at(&_fr, 41, 16);
  if (gt_union_type(self_->stage_) == &T_Doubler) {
    _t2 = ((Doubler_ *)gt_union_get(self_->stage_, &T_Doubler).p);
    _t1 = (gt_dyn *)gt_dyn_new(gt_vi(Doubler___call___(_t2, x_)), &gt_t_int).p;
  } else {
    _t3 = ((Namer_ *)gt_union_get(self_->stage_, &T_Namer).p);
    _t1 = (gt_dyn *)gt_dyn_new(gt_vp(Namer___call___(_t3, x_)), &gt_t_str).p;
  }
  _ret = gt_retain(_t1);
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Pipeline_step_(Pipeline_ *self_) {
  gt_str *_ret = NULL;
  int64_t first_ = 0;
  gt_dyn *rest_ = NULL;
  int64_t back_ = 0;
  gt_tuple *_t1 = NULL;
  Doubler_ *_t2 = NULL;
  gt_tuple *_t3 = NULL;
  gt_dyn *_t4 = NULL;
  Namer_ *_t5 = NULL;
  gt_tuple *_t6 = NULL;
  gt_dyn *_t7 = NULL;
  int64_t _t8;
  Doubler_ *_t9 = NULL;
  gt_tuple *_t10 = NULL;
  Namer_ *_t11 = NULL;
  int64_t _t12;
  gt_str *_t13 = NULL;
  gt_str *_t14 = NULL;
  gt_str *_t15 = NULL;
  gt_frame _fr = {.func = "Pipeline.step", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  /* first, rest = self.stage.state() */
  gt_at(&_fr, 44, 23);
  if (gt_union_type(self_->stage_) == &T_Doubler) {
    _t2 = ((Doubler_ *)gt_union_get(self_->stage_, &T_Doubler).p);
    _t3 = Doubler_state_(_t2);
    _t4 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vp(((gt_tuple *)_t3->items[1].p)), &T_tuple2_int_int), &T_tuple2_int_int).p;
    _t1 = gt_tuple_of(&T_tuple2_int_tuple_int_int_int, gt_vi(_t3->items[0].i), gt_vp(_t4));
    gt_release(_t3);
    gt_release(_t4);
  } else {
    _t5 = ((Namer_ *)gt_union_get(self_->stage_, &T_Namer).p);
    _t6 = Namer_state_(_t5);
    _t7 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vi(_t6->items[1].i), &gt_t_int), &gt_t_int).p;
    _t1 = gt_tuple_of(&T_tuple2_int_tuple_int_int_int, gt_vi(_t6->items[0].i), gt_vp(_t7));
    gt_release(_t6);
    gt_release(_t7);
  }
  first_ = _t1->items[0].i;
  rest_ = gt_replace(rest_, gt_retain(((gt_dyn *)_t1->items[1].p)));
  gt_release(_t1);
  /* back = self.stage.feed(rest) */
  gt_at(&_fr, 45, 16);
  if (gt_union_type(self_->stage_) == &T_Doubler) {
    _t9 = ((Doubler_ *)gt_union_get(self_->stage_, &T_Doubler).p);
    _t10 = ((gt_tuple *)gt_union_get(rest_, &T_tuple2_int_int).p);
    _t8 = Doubler_feed_(_t9, _t10);
  } else {
    _t11 = ((Namer_ *)gt_union_get(self_->stage_, &T_Namer).p);
    _t12 = gt_union_get(rest_, &gt_t_int).i;
    _t8 = Namer_feed_(_t11, _t12);
  }
  back_ = _t8;
  /* return f"{first} {rest} {back}" */
  gt_at(&_fr, 46, 9);
  _t13 = gt_str_of_int(first_);
  _t14 = gt_val_str(gt_vp(rest_), &gt_t_dyn);
  _t15 = gt_str_of_int(back_);
  _ret = gt_str_build(5, (gt_str *[]){_t13, &s3, _t14, &s4, _t15});
  gt_release(_t13);
  gt_release(_t14);
  gt_release(_t15);
  goto _out;
_out:
  gt_release(rest_);
  gt_leave(&_fr);
  return _ret;
}

static gt_dyn *make_(gt_str *kind_) {
  gt_dyn *_ret = NULL;
  gt_frame _fr = {.func = "make", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  /* if kind == "d": */
  gt_at(&_fr, 50, 5);
  if (gt_str_eq(kind_, &s5_d)) {
    /* return Doubler() */
    gt_at(&_fr, 51, 16);
    _ret = (gt_dyn *)gt_dyn_new(gt_vp(Doubler__new()), &T_Doubler).p;
    goto _out;
  }
  /* return Namer() */
  gt_at(&_fr, 52, 12);
  _ret = (gt_dyn *)gt_dyn_new(gt_vp(Namer__new()), &T_Namer).p;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void Pipeline___init___Doubler_Namer_(Pipeline_ *self_, gt_dyn *stage_) {
  gt_frame _fr = {.func = "Pipeline.__init__", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  /* self.stage: Doubler | Namer = stage */
  gt_at(&_fr, 38, 9);
  self_->stage_ = gt_replace(self_->stage_, gt_retain(stage_));
  gt_leave(&_fr);
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  int64_t _i1;
  gt_list *_t2 = NULL;
  gt_dyn *_t3 = NULL;
  gt_dyn *_t4 = NULL;
  Doubler_ *_t5 = NULL;
  Namer_ *_t6 = NULL;
  gt_dyn *_t7 = NULL;
  Doubler_ *_t8 = NULL;
  Namer_ *_t9 = NULL;
  int64_t i_ = 0;
  gt_list *_t10 = NULL;
  int64_t _i11;
  gt_dyn *_t12 = NULL;
  Doubler_ *_t13 = NULL;
  Namer_ *_t14 = NULL;
  gt_list *_t15 = NULL;
  gt_str *_t16 = NULL;
  gt_str *_t17 = NULL;
  gt_str *_t18 = NULL;
  gt_dyn *_t19 = NULL;
  gt_str *_t20 = NULL;
  gt_str *_t21 = NULL;
  gt_tuple *_t22 = NULL;
  Doubler_ *_t23 = NULL;
  gt_tuple *_t24 = NULL;
  gt_dyn *_t25 = NULL;
  Namer_ *_t26 = NULL;
  gt_tuple *_t27 = NULL;
  gt_dyn *_t28 = NULL;
  gt_tuple *_t29 = NULL;
  gt_str *_t30 = NULL;
  gt_str *_t31 = NULL;
  gt_dyn *_t32 = NULL;
  gt_dyn *_t33 = NULL;
  Doubler_ *_t34 = NULL;
  Namer_ *_t35 = NULL;
  gt_str *_t36 = NULL;
  gt_tuple *_t37 = NULL;
  gt_tuple *_t38 = NULL;
  gt_dyn *_t39 = NULL;
  gt_dyn *_t40 = NULL;
  gt_tuple *_t41 = NULL;
  gt_dyn *_t42 = NULL;
  gt_dyn *_t43 = NULL;
  gt_str *_t44 = NULL;
  gt_str *_t45 = NULL;
  gt_str *_t46 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "union_calls.gtp"};
  gt_enter(&_fr);
  /* for kind in ["d", "n"]: */
  gt_at(&_fr, 55, 1);
  _t2 = gt_replace(_t2, gt_list_of(&T_list_str, 2, gt_vp(&s6_d), gt_vp(&s7_n)));
  for (_i1 = 0; _i1 < gt_list_len(_t2); _i1++) {
    kind_ = gt_replace(kind_, ((gt_str *)gt_list_get(_t2, _i1).p));
    /* s = make(kind) */
    gt_at(&_fr, 56, 9);
    _t3 = make_(kind_);
    s_ = gt_replace(s_, gt_retain(_t3));
    gt_release(_t3);
    /* print(s(3), s.describe(), [s(i) for i in range(3)]) */
    gt_at(&_fr, 57, 11);
    if (gt_union_type(s_) == &T_Doubler) {
      _t5 = ((Doubler_ *)gt_union_get(s_, &T_Doubler).p);
      _t4 = (gt_dyn *)gt_dyn_new(gt_vi(Doubler___call___(_t5, 3)), &gt_t_int).p;
    } else {
      _t6 = ((Namer_ *)gt_union_get(s_, &T_Namer).p);
      _t4 = (gt_dyn *)gt_dyn_new(gt_vp(Namer___call___(_t6, 3)), &gt_t_str).p;
    }
    if (gt_union_type(s_) == &T_Doubler) {
      _t8 = ((Doubler_ *)gt_union_get(s_, &T_Doubler).p);
      gt_at(&_fr, 57, 17);
      _t7 = (gt_dyn *)gt_dyn_new(gt_vp(Doubler_describe_(_t8)), &gt_t_str).p;
    } else {
      _t9 = ((Namer_ *)gt_union_get(s_, &T_Namer).p);
      _t7 = (gt_dyn *)gt_dyn_new(gt_vi(Namer_describe_(_t9)), &gt_t_int).p;
    }
    _t10 = gt_list_new(&T_list_int_str, 0);
    for (_i11 = 0; _i11 < 3; _i11++) {
      i_ = _i11;
      if (gt_union_type(s_) == &T_Doubler) {
        _t13 = ((Doubler_ *)gt_union_get(s_, &T_Doubler).p);
        gt_at(&_fr, 57, 32);
        _t12 = (gt_dyn *)gt_dyn_new(gt_vi(Doubler___call___(_t13, i_)), &gt_t_int).p;
      } else {
        _t14 = ((Namer_ *)gt_union_get(s_, &T_Namer).p);
        _t12 = (gt_dyn *)gt_dyn_new(gt_vp(Namer___call___(_t14, i_)), &gt_t_str).p;
      }
      gt_list_append(_t10, gt_vp(_t12));
      gt_release(_t12);
    }
    _t15 = _t10;
    _t16 = gt_val_str(gt_vp(_t4), &gt_t_dyn);
    _t17 = gt_val_str(gt_vp(_t7), &gt_t_dyn);
    _t18 = gt_val_str(gt_vp(_t15), &T_list_int_str);
    gt_print(3, (gt_str *[]){_t16, _t17, _t18}, NULL, NULL);
    gt_release(_t4);
    gt_release(_t7);
    gt_release(_t15);
    gt_release(_t16);
    gt_release(_t17);
    gt_release(_t18);
    /* p = Pipeline(s) */
    gt_at(&_fr, 58, 9);
    p_ = gt_replace(p_, Pipeline__new_Doubler_Namer_(s_));
    /* print(p.run(2), p.step()) */
    gt_at(&_fr, 59, 11);
    _t19 = Pipeline_run_(p_, 2);
    _t20 = Pipeline_step_(p_);
    _t21 = gt_val_str(gt_vp(_t19), &gt_t_dyn);
    gt_print(2, (gt_str *[]){_t21, _t20}, NULL, NULL);
    gt_release(_t19);
    gt_release(_t20);
    gt_release(_t21);
    /* pair = s.state() */
    gt_at(&_fr, 60, 12);
    if (gt_union_type(s_) == &T_Doubler) {
      _t23 = ((Doubler_ *)gt_union_get(s_, &T_Doubler).p);
      _t24 = Doubler_state_(_t23);
      _t25 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vp(((gt_tuple *)_t24->items[1].p)), &T_tuple2_int_int), &T_tuple2_int_int).p;
      _t22 = gt_tuple_of(&T_tuple2_int_tuple_int_int_int, gt_vi(_t24->items[0].i), gt_vp(_t25));
      gt_release(_t24);
      gt_release(_t25);
    } else {
      _t26 = ((Namer_ *)gt_union_get(s_, &T_Namer).p);
      _t27 = Namer_state_(_t26);
      _t28 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vi(_t27->items[1].i), &gt_t_int), &gt_t_int).p;
      _t22 = gt_tuple_of(&T_tuple2_int_tuple_int_int_int, gt_vi(_t27->items[0].i), gt_vp(_t28));
      gt_release(_t27);
      gt_release(_t28);
    }
    pair_ = gt_replace(pair_, gt_retain(_t22));
    gt_release(_t22);
    /* print(pair, len(pair)) */
    gt_at(&_fr, 61, 5);
    _t29 = gt_retain(pair_);
    _t30 = gt_val_str(gt_vp(_t29), &T_tuple2_int_tuple_int_int_int);
    _t31 = gt_str_of_int(pair_->len);
    gt_print(2, (gt_str *[]){_t30, _t31}, NULL, NULL);
    gt_release(_t29);
    gt_release(_t30);
    gt_release(_t31);
    /* chosen: Doubler | Namer = Doubler() if kind == "n" else Namer() */
    gt_at(&_fr, 62, 31);
    if (gt_str_eq(kind_, &s8_n)) {
      _t32 = (gt_dyn *)gt_dyn_new(gt_vp(Doubler__new()), &T_Doubler).p;
    } else {
      _t32 = (gt_dyn *)gt_dyn_new(gt_vp(Namer__new()), &T_Namer).p;
    }
    chosen_ = gt_replace(chosen_, gt_retain(_t32));
    gt_release(_t32);
    /* print(chosen.describe()) */
    gt_at(&_fr, 63, 11);
    if (gt_union_type(chosen_) == &T_Doubler) {
      _t34 = ((Doubler_ *)gt_union_get(chosen_, &T_Doubler).p);
      _t33 = (gt_dyn *)gt_dyn_new(gt_vp(Doubler_describe_(_t34)), &gt_t_str).p;
    } else {
      _t35 = ((Namer_ *)gt_union_get(chosen_, &T_Namer).p);
      _t33 = (gt_dyn *)gt_dyn_new(gt_vi(Namer_describe_(_t35)), &gt_t_int).p;
    }
    _t36 = gt_val_str(gt_vp(_t33), &gt_t_dyn);
    gt_print(1, (gt_str *[]){_t36}, NULL, NULL);
    gt_release(_t33);
    gt_release(_t36);
    /* mixed = (1, "a") if kind == "d" else ("b", 2) */
    gt_at(&_fr, 64, 5);
    if (gt_str_eq(kind_, &s9_d)) {
      _t38 = gt_tuple_of(&T_tuple2_int_str, gt_vi(1), gt_vp(&s10_a));
      _t39 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vi(_t38->items[0].i), &gt_t_int), &gt_t_int).p;
      _t40 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vp(((gt_str *)_t38->items[1].p)), &gt_t_str), &gt_t_str).p;
      _t37 = gt_tuple_of(&T_tuple2_int_str_str_int, gt_vp(_t39), gt_vp(_t40));
      gt_release(_t38);
      gt_release(_t39);
      gt_release(_t40);
    } else {
      _t41 = gt_tuple_of(&T_tuple2_str_int, gt_vp(&s11_b), gt_vi(2));
      _t42 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vp(((gt_str *)_t41->items[0].p)), &gt_t_str), &gt_t_str).p;
      _t43 = (gt_dyn *)gt_dyn_new(gt_val_retain(gt_vi(_t41->items[1].i), &gt_t_int), &gt_t_int).p;
      _t37 = gt_tuple_of(&T_tuple2_int_str_str_int, gt_vp(_t42), gt_vp(_t43));
      gt_release(_t41);
      gt_release(_t42);
      gt_release(_t43);
    }
    mixed_ = gt_replace(mixed_, gt_retain(_t37));
    gt_release(_t37);
    /* a, b = mixed */
    gt_at(&_fr, 65, 5);
    a_ = gt_replace(a_, gt_retain(((gt_dyn *)mixed_->items[0].p)));
    b_ = gt_replace(b_, gt_retain(((gt_dyn *)mixed_->items[1].p)));
    /* print(a, b, mixed) */
    gt_at(&_fr, 66, 5);
    _t44 = gt_val_str(gt_vp(a_), &gt_t_dyn);
    _t45 = gt_val_str(gt_vp(b_), &gt_t_dyn);
    _t46 = gt_val_str(gt_vp(mixed_), &T_tuple2_int_str_str_int);
    gt_print(3, (gt_str *[]){_t44, _t45, _t46}, NULL, NULL);
    gt_release(_t44);
    gt_release(_t45);
    gt_release(_t46);
  }
  _t2 = gt_replace(_t2, NULL);
  gt_release(_t2);
  gt_release(kind_);
  gt_release(s_);
  gt_release(p_);
  gt_release(pair_);
  gt_release(chosen_);
  gt_release(mixed_);
  gt_release(a_);
  gt_release(b_);
  gt_leave(&_fr);
  gt_exit(0);
}

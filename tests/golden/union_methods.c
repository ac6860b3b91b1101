/* union_methods.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};
static const gt_type *const T_list_Shape_args[] = {&gt_t_obj};
static const gt_type T_list_Shape = {GT_K_LIST, 1, T_list_Shape_args, NULL};

static gt_str s1_lr = {{GT_IMMORTAL, &gt_str_class}, 4, "(lr="};
static gt_str s2 = {{GT_IMMORTAL, &gt_str_class}, 1, ")"};
static gt_str s3_tile = {{GT_IMMORTAL, &gt_str_class}, 5, "tile/"};
static gt_str s4_square = {{GT_IMMORTAL, &gt_str_class}, 7, "square "};
static gt_str s5_square = {{GT_IMMORTAL, &gt_str_class}, 7, "square "};
static gt_str s6_tile = {{GT_IMMORTAL, &gt_str_class}, 5, "tile/"};
static gt_str s7_shape = {{GT_IMMORTAL, &gt_str_class}, 6, "shape "};
static gt_str s8_shape = {{GT_IMMORTAL, &gt_str_class}, 6, "shape "};
static gt_str s9 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};
static gt_str s10 = {{GT_IMMORTAL, &gt_str_class}, 1, " "};
static gt_str s11 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};
static gt_str s12 = {{GT_IMMORTAL, &gt_str_class}, 1, " "};
static gt_str s13 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};
static gt_str s14_z = {{GT_IMMORTAL, &gt_str_class}, 1, "z"};
static gt_str s15 = {{GT_IMMORTAL, &gt_str_class}, 1, "?"};
static gt_str s16 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};
static gt_str s17_s = {{GT_IMMORTAL, &gt_str_class}, 1, "s"};
static gt_str s18 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};
static gt_str s19 = {{GT_IMMORTAL, &gt_str_class}, 1, "|"};
static gt_str s20 = {{GT_IMMORTAL, &gt_str_class}, 1, "|"};
static gt_str s21_q = {{GT_IMMORTAL, &gt_str_class}, 1, "q"};
static gt_str s22_abc = {{GT_IMMORTAL, &gt_str_class}, 3, "abc"};

typedef struct Shape_ Shape_;
typedef struct Square_ Square_;
typedef struct Tile_ Tile_;
typedef struct Dot_ Dot_;
typedef struct Vec_ Vec_;
typedef struct Config_ Config_;
struct Shape_ {
  gt_obj _obj;
};

struct Square_ {
  gt_obj _obj;
};

struct Tile_ {
  gt_obj _obj;
};

struct Dot_ {
  gt_obj _obj;
};

struct Vec_ {
  gt_obj _obj;
  double x_;
  double y_;
};

struct Config_ {
  gt_obj _obj;
  double lr_;
};

static gt_list *shapes_;
static Shape_ *s_;
static Vec_ *v_;

static Shape_ *Shape__new(void);
static Square_ *Square__new(void);
static Tile_ *Tile__new(void);
static Dot_ *Dot__new(void);
static void Vec___init___(Vec_ *self_, double x_, double y_);
static Vec_ *Vec__new(double x_, double y_);
static void Config___init___(Config_ *self_, double lr_);
static gt_str *Config___repr___(Config_ *self_);
static bool Config___eq___(Config_ *self_, Config_ *other_);
static Config_ *Config__new(double lr_);
static gt_str *Tile_label_int_(Tile_ *self_, int64_t x_, gt_str *suffix_);
static gt_str *Square_label_int_(Square_ *self_, int64_t x_, gt_str *suffix_);
static gt_str *Square_label_int_dispatch(Square_ *self_, int64_t x_, gt_str *suffix_);
static gt_str *Square_label_str_(Square_ *self_, gt_str *x_, gt_str *suffix_);
static gt_str *Square_label_str_dispatch(Square_ *self_, gt_str *x_, gt_str *suffix_);
static gt_str *Tile_label_str_(Tile_ *self_, gt_str *x_, gt_str *suffix_);
static gt_str *Shape_label_int_(Shape_ *self_, int64_t x_, gt_str *suffix_);
static gt_str *Shape_label_int_dispatch(Shape_ *self_, int64_t x_, gt_str *suffix_);
static gt_str *Shape_label_str_(Shape_ *self_, gt_str *x_, gt_str *suffix_);
static gt_str *Shape_label_str_dispatch(Shape_ *self_, gt_str *x_, gt_str *suffix_);
static gt_str *Shape_both_int_float_(Shape_ *self_, int64_t x_, double y_);
static gt_str *Shape_both_str_list_int_(Shape_ *self_, gt_str *x_, gt_list *y_);
static Vec_ *Vec_plus_float_(Vec_ *self_, double other_);
static Vec_ *Vec_plus_Vec_(Vec_ *self_, Vec_ *other_);
static double Config_scaled_int_(Config_ *self_, int64_t by_);
static double Config_scaled_str_(Config_ *self_, gt_str *by_);

static void Shape__drop(gt_obj *o) {
  Shape_ *self = (Shape_ *)o;
  (void)self;
}

static const gt_layout Shape__layout = {sizeof(Shape_), 0, NULL};

static const gt_class Shape__class = {"Shape", Shape__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Shape__layout};

static Shape_ *Shape__new(void) {
  Shape_ *self = gt_alloc(sizeof(Shape_), &Shape__class);
  return self;
}

static void Square__drop(gt_obj *o) {
  Square_ *self = (Square_ *)o;
  (void)self;
}

static const gt_layout Square__layout = {sizeof(Square_), 0, NULL};

static const gt_class Square__class = {"Square", Square__drop, NULL, NULL, NULL, NULL, &Shape__class, NULL, &Square__layout};

static Square_ *Square__new(void) {
  Square_ *self = gt_alloc(sizeof(Square_), &Square__class);
  return self;
}

static void Tile__drop(gt_obj *o) {
  Tile_ *self = (Tile_ *)o;
  (void)self;
}

static const gt_layout Tile__layout = {sizeof(Tile_), 0, NULL};

static const gt_class Tile__class = {"Tile", Tile__drop, NULL, NULL, NULL, NULL, &Square__class, NULL, &Tile__layout};

static Tile_ *Tile__new(void) {
  Tile_ *self = gt_alloc(sizeof(Tile_), &Tile__class);
  return self;
}

static void Dot__drop(gt_obj *o) {
  Dot_ *self = (Dot_ *)o;
  (void)self;
}

static const gt_layout Dot__layout = {sizeof(Dot_), 0, NULL};

static const gt_class Dot__class = {"Dot", Dot__drop, NULL, NULL, NULL, NULL, &Shape__class, NULL, &Dot__layout};

static Dot_ *Dot__new(void) {
  Dot_ *self = gt_alloc(sizeof(Dot_), &Dot__class);
  return self;
}

static void Vec__drop(gt_obj *o) {
  Vec_ *self = (Vec_ *)o;
  (void)self;
}

static const gt_field Vec__layout_fields[] = {
  {"x", offsetof(Vec_, x_), &gt_t_float},
  {"y", offsetof(Vec_, y_), &gt_t_float},
};
static const gt_layout Vec__layout = {sizeof(Vec_), 2, Vec__layout_fields};

static const gt_class Vec__class = {"Vec", Vec__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Vec__layout};

static Vec_ *Vec__new(double x_, double y_) {
  Vec_ *self = gt_alloc(sizeof(Vec_), &Vec__class);
  Vec___init___(self, x_, y_);
  return self;
}

static void Config__drop(gt_obj *o) {
  Config_ *self = (Config_ *)o;
  (void)self;
}

static gt_str *Config__repr(gt_obj *o) { return Config___repr___((Config_ *)o); }

static bool Config__eq(gt_obj *a, gt_obj *b) {
  return Config___eq___((Config_ *)a, (Config_ *)b);
}

static const gt_field Config__layout_fields[] = {
  {"lr", offsetof(Config_, lr_), &gt_t_float},
};
static const gt_layout Config__layout = {sizeof(Config_), 1, Config__layout_fields};

static const gt_class Config__class = {"Config", Config__drop, NULL, Config__repr, Config__eq, NULL, NULL, NULL, &Config__layout};

static Config_ *Config__new(double lr_) {
  Config_ *self = gt_alloc(sizeof(Config_), &Config__class);
  Config___init___(self, lr_);
  return self;
}

static void Vec___init___(Vec_ *self_, double x_, double y_) {
  gt_frame _fr = {.func = "Vec.__init__", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* self.x = x */
  self_->x_ = x_;
  /* self.y = y */
  self_->y_ = y_;
  gt_leave(&_fr);
}

static void Config___init___(Config_ *self_, double lr_) {
  gt_frame _fr = {.func = "Config.__init__", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* lr: float */
  self_->lr_ = lr_;
  gt_leave(&_fr);
}

static gt_str *Config___repr___(Config_ *self_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "Config.__repr__", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* dataclass */
  gt_at(&_fr, 40, 2);
  _t1 = gt_classobj_name(gt_classobj_of_obj(self_));
  _t2 = gt_str_of_float(self_->lr_);
  _ret = gt_str_build(4, (gt_str *[]){_t1, &s1_lr, _t2, &s2});
  gt_release(_t1);
  gt_release(_t2);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static bool Config___eq___(Config_ *self_, Config_ *other_) {
  bool _ret = 0;
  gt_classobj *_t1 = NULL;
  bool _t2;
  gt_frame _fr = {.func = "Config.__eq__", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* dataclass */
  _t1 = gt_classobj_of_obj(self_);
  _t2 = ((void *)_t1 == (void *)gt_classobj_of_obj(other_));
  _ret = (_t2 && (self_->lr_ == other_->lr_));
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Tile_label_int_(Tile_ *self_, int64_t x_, gt_str *suffix_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Tile.label", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* return "tile/" + super().label(x, suffix) */
  gt_at(&_fr, 22, 26);
  _t1 = Square_label_int_((Square_ *)self_, x_, suffix_);
  _ret = gt_str_concat(&s3_tile, _t1);
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Square_label_int_(Square_ *self_, int64_t x_, gt_str *suffix_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Square.label", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return f"square {x}{suffix}" */
  gt_at(&_fr, 17, 9);
  _t1 = gt_str_of_int(x_);
  _ret = gt_str_build(3, (gt_str *[]){&s4_square, _t1, suffix_});
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Square.label, or the override of the object's class */
static gt_str *Square_label_int_dispatch(Square_ *self_, int64_t x_, gt_str *suffix_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Tile__class)
    return Tile_label_int_((Tile_ *)self_, x_, suffix_);
  return Square_label_int_(self_, x_, suffix_);
}

static gt_str *Square_label_str_(Square_ *self_, gt_str *x_, gt_str *suffix_) {
  gt_str *_ret = NULL;
  gt_frame _fr = {.func = "Square.label", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return f"square {x}{suffix}" */
  gt_at(&_fr, 17, 9);
  _ret = gt_str_build(3, (gt_str *[]){&s5_square, x_, suffix_});
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Square.label, or the override of the object's class */
static gt_str *Square_label_str_dispatch(Square_ *self_, gt_str *x_, gt_str *suffix_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Tile__class)
    return Tile_label_str_((Tile_ *)self_, x_, suffix_);
  return Square_label_str_(self_, x_, suffix_);
}

static gt_str *Tile_label_str_(Tile_ *self_, gt_str *x_, gt_str *suffix_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Tile.label", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* return "tile/" + super().label(x, suffix) */
  gt_at(&_fr, 22, 26);
  _t1 = Square_label_str_((Square_ *)self_, x_, suffix_);
  _ret = gt_str_concat(&s6_tile, _t1);
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Shape_label_int_(Shape_ *self_, int64_t x_, gt_str *suffix_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Shape.label", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return f"shape {x}{suffix}" */
  gt_at(&_fr, 9, 9);
  _t1 = gt_str_of_int(x_);
  _ret = gt_str_build(3, (gt_str *[]){&s7_shape, _t1, suffix_});
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Shape.label, or the override of the object's class */
static gt_str *Shape_label_int_dispatch(Shape_ *self_, int64_t x_, gt_str *suffix_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Square__class)
    return Square_label_int_((Square_ *)self_, x_, suffix_);
  if (cls == &Tile__class)
    return Tile_label_int_((Tile_ *)self_, x_, suffix_);
  return Shape_label_int_(self_, x_, suffix_);
}

static gt_str *Shape_label_str_(Shape_ *self_, gt_str *x_, gt_str *suffix_) {
  gt_str *_ret = NULL;
  gt_frame _fr = {.func = "Shape.label", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return f"shape {x}{suffix}" */
  gt_at(&_fr, 9, 9);
  _ret = gt_str_build(3, (gt_str *[]){&s8_shape, x_, suffix_});
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Shape.label, or the override of the object's class */
static gt_str *Shape_label_str_dispatch(Shape_ *self_, gt_str *x_, gt_str *suffix_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Square__class)
    return Square_label_str_((Square_ *)self_, x_, suffix_);
  if (cls == &Tile__class)
    return Tile_label_str_((Tile_ *)self_, x_, suffix_);
  return Shape_label_str_(self_, x_, suffix_);
}

static gt_str *Shape_both_int_float_(Shape_ *self_, int64_t x_, double y_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_str *_t3 = NULL;
  gt_frame _fr = {.func = "Shape.both", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* return self.label(x) + " " + str(y) */
  gt_at(&_fr, 12, 16);
  _t1 = Shape_label_int_dispatch(self_, x_, &s9);
  _t2 = gt_str_concat(_t1, &s10);
  _t3 = gt_str_of_float(y_);
  _ret = gt_str_concat(_t2, _t3);
  gt_release(_t1);
  gt_release(_t2);
  gt_release(_t3);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Shape_both_str_list_int_(Shape_ *self_, gt_str *x_, gt_list *y_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_str *_t3 = NULL;
  gt_frame _fr = {.func = "Shape.both", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* return self.label(x) + " " + str(y) */
  gt_at(&_fr, 12, 16);
  _t1 = Shape_label_str_dispatch(self_, x_, &s11);
  _t2 = gt_str_concat(_t1, &s12);
  _t3 = gt_val_str(gt_vp(y_), &T_list_int);
  _ret = gt_str_concat(_t2, _t3);
  gt_release(_t1);
  gt_release(_t2);
  gt_release(_t3);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static Vec_ *Vec_plus_float_(Vec_ *self_, double other_) {
  Vec_ *_ret = NULL;
  gt_frame _fr = {.func = "Vec.plus", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* if isinstance(other, Vec): */
  /* return Vec(self.x + other, self.y + other) */
  gt_at(&_fr, 37, 16);
  _ret = Vec__new(self_->x_ + other_, self_->y_ + other_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static Vec_ *Vec_plus_Vec_(Vec_ *self_, Vec_ *other_) {
  Vec_ *_ret = NULL;
  gt_frame _fr = {.func = "Vec.plus", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* if isinstance(other, Vec): */
  /* return Vec(self.x + other.x, self.y + other.y) */
  gt_at(&_fr, 36, 20);
  _ret = Vec__new(self_->x_ + other_->x_, self_->y_ + other_->y_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static double Config_scaled_int_(Config_ *self_, int64_t by_) {
  double _ret = 0;
  double _t1;
  gt_frame _fr = {.func = "Config.scaled", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* return self.lr * (by if isinstance(by, int) else len(by)) */
  gt_at(&_fr, 45, 9);
  _t1 = self_->lr_;
  _ret = _t1 * (double)by_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static double Config_scaled_str_(Config_ *self_, gt_str *by_) {
  double _ret = 0;
  double _t1;
  gt_frame _fr = {.func = "Config.scaled", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* return self.lr * (by if isinstance(by, int) else len(by)) */
  gt_at(&_fr, 45, 9);
  _t1 = self_->lr_;
  _ret = _t1 * (double)gt_str_len(by_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  Tile_ *_t1 = NULL;
  gt_str *_t2 = NULL;
  Square_ *_t3 = NULL;
  gt_str *_t4 = NULL;
  Shape_ *_t5 = NULL;
  Square_ *_t6 = NULL;
  Tile_ *_t7 = NULL;
  Dot_ *_t8 = NULL;
  int64_t _i9;
  gt_list *_t10 = NULL;
  gt_str *_t11 = NULL;
  gt_str *_t12 = NULL;
  gt_str *_t13 = NULL;
  gt_list *_t14 = NULL;
  gt_str *_t15 = NULL;
  Vec_ *_t16 = NULL;
  Vec_ *_t17 = NULL;
  Vec_ *_t18 = NULL;
  gt_str *_t19 = NULL;
  gt_str *_t20 = NULL;
  Config_ *_t21 = NULL;
  double _t22;
  Config_ *_t23 = NULL;
  double _t24;
  gt_str *_t25 = NULL;
  gt_str *_t26 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "union_methods.gtp"};
  gt_enter(&_fr);
  /* print(Tile().label(1), Square().label("z", suffix="?")) */
  gt_at(&_fr, 48, 7);
  _t1 = Tile__new();
  _t2 = Tile_label_int_(_t1, 1, &s13);
  _t3 = Square__new();
  _t4 = Square_label_str_dispatch(_t3, &s14_z, &s15);
  gt_print(2, (gt_str *[]){_t2, _t4}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t2);
  gt_release(_t3);
  gt_release(_t4);
  /* shapes: list[Shape] = [Shape(), Square(), Tile(), Dot()] */
  gt_at(&_fr, 49, 24);
  _t5 = Shape__new();
  _t6 = Square__new();
  _t7 = Tile__new();
  _t8 = Dot__new();
  shapes_ = gt_replace(shapes_, gt_list_of(&T_list_Shape, 4, gt_vp(_t5), gt_vp((Shape_ *)_t6), gt_vp((Shape_ *)_t7), gt_vp((Shape_ *)_t8)));
  gt_release(_t5);
  gt_release(_t6);
  gt_release(_t7);
  gt_release(_t8);
  /* for s in shapes: */
  gt_at(&_fr, 50, 1);
  _t10 = gt_replace(_t10, gt_retain(shapes_));
  for (_i9 = 0; _i9 < gt_list_len(_t10); _i9++) {
    s_ = gt_replace(s_, ((Shape_ *)gt_list_get(_t10, _i9).p));
    /* print(s.label(5), s.label("s"), "|", s.both(1, 2.0), "|", s.both("q", [1, 2])) */
    gt_at(&_fr, 51, 11);
    _t11 = Shape_label_int_dispatch(s_, 5, &s16);
    _t12 = Shape_label_str_dispatch(s_, &s17_s, &s18);
    _t13 = Shape_both_int_float_(s_, 1, 2.0);
    _t14 = gt_list_of(&T_list_int, 2, gt_vi(1), gt_vi(2));
    _t15 = Shape_both_str_list_int_(s_, &s21_q, _t14);
    gt_print(6, (gt_str *[]){_t11, _t12, &s19, _t13, &s20, _t15}, NULL, NULL);
    gt_release(_t11);
    gt_release(_t12);
    gt_release(_t13);
    gt_release(_t14);
    gt_release(_t15);
  }
  _t10 = gt_replace(_t10, NULL);
  /* v = Vec(1.0, 2.0).plus(0.5).plus(Vec(1.0, 1.0)) */
  gt_at(&_fr, 52, 5);
  _t16 = Vec__new(1.0, 2.0);
  _t17 = Vec_plus_float_(_t16, 0.5);
  _t18 = Vec__new(1.0, 1.0);
  v_ = gt_replace(v_, Vec_plus_Vec_(_t17, _t18));
  gt_release(_t16);
  gt_release(_t17);
  gt_release(_t18);
  /* print(v.x, v.y) */
  gt_at(&_fr, 53, 1);
  _t19 = gt_str_of_float(v_->x_);
  _t20 = gt_str_of_float(v_->y_);
  gt_print(2, (gt_str *[]){_t19, _t20}, NULL, NULL);
  gt_release(_t19);
  gt_release(_t20);
  /* print(Config(0.5).scaled(4), Config(0.5).scaled("abc")) */
  gt_at(&_fr, 54, 7);
  _t21 = Config__new(0.5);
  _t22 = Config_scaled_int_(_t21, 4);
  _t23 = Config__new(0.5);
  _t24 = Config_scaled_str_(_t23, &s22_abc);
  _t25 = gt_str_of_float(_t22);
  _t26 = gt_str_of_float(_t24);
  gt_print(2, (gt_str *[]){_t25, _t26}, NULL, NULL);
  gt_release(_t21);
  gt_release(_t23);
  gt_release(_t25);
  gt_release(_t26);
  gt_release(_t10);
  gt_release(shapes_);
  gt_release(s_);
  gt_release(v_);
  gt_leave(&_fr);
  gt_exit(0);
}

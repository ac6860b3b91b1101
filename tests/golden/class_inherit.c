/* class_inherit.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_Shape_args[] = {&gt_t_obj};
static const gt_type T_list_Shape = {GT_K_LIST, 1, T_list_Shape_args, NULL};

static gt_str s1_inf = {{GT_IMMORTAL, &gt_str_class}, 3, "inf"};
static gt_str s2_nan = {{GT_IMMORTAL, &gt_str_class}, 3, "nan"};
static gt_str s3_with_area = {{GT_IMMORTAL, &gt_str_class}, 11, " with area "};
static gt_str s4_2f = {{GT_IMMORTAL, &gt_str_class}, 3, ".2f"};
static gt_str s5_Shape = {{GT_IMMORTAL, &gt_str_class}, 6, "Shape("};
static gt_str s6 = {{GT_IMMORTAL, &gt_str_class}, 1, ")"};
static gt_str s7_circle = {{GT_IMMORTAL, &gt_str_class}, 6, "circle"};
static gt_str s8_square = {{GT_IMMORTAL, &gt_str_class}, 6, "square"};
static gt_str s9_a_square = {{GT_IMMORTAL, &gt_str_class}, 10, "a square: "};
static gt_str s10_Square = {{GT_IMMORTAL, &gt_str_class}, 7, "Square("};
static gt_str s11 = {{GT_IMMORTAL, &gt_str_class}, 1, ")"};
static gt_str s12_3f = {{GT_IMMORTAL, &gt_str_class}, 3, ".3f"};
static gt_str s13_blob = {{GT_IMMORTAL, &gt_str_class}, 4, "blob"};

typedef struct Shape_ Shape_;
typedef struct Circle_ Circle_;
typedef struct Square_ Square_;
typedef struct Unit_ Unit_;
struct Shape_ {
  gt_obj _obj;
  gt_str *name_;
  int64_t hits_;
};

struct Circle_ {
  gt_obj _obj;
  gt_str *name_;
  int64_t hits_;
  double r_;
};

struct Square_ {
  gt_obj _obj;
  gt_str *name_;
  int64_t hits_;
  double side_;
};

struct Unit_ {
  gt_obj _obj;
  gt_str *name_;
  int64_t hits_;
  double side_;
};

static double math_pi_;
static double math_e_;
static double math_tau_;
static double math_inf_;
static double math_nan_;
static gt_list *shapes_;
static Shape_ *s_;
static Unit_ *u_;
static gt_list *mixed_;
static Shape_ *b_;
static Circle_ *c_;

static void Shape___init___(Shape_ *self_, gt_str *name_);
static double Shape_area_(Shape_ *self_);
static double Shape_area_dispatch(Shape_ *self_);
static gt_str *Shape_describe_(Shape_ *self_);
static gt_str *Shape_describe_dispatch(Shape_ *self_);
static gt_str *Shape___repr___(Shape_ *self_);
static gt_str *Shape___repr___dispatch(Shape_ *self_);
static Shape_ *Shape__new(gt_str *name_);
static void Circle___init___(Circle_ *self_, double r_);
static double Circle_area_(Circle_ *self_);
static Circle_ *Circle__new(double r_);
static void Square___init___(Square_ *self_, double side_);
static double Square_area_(Square_ *self_);
static gt_str *Square_describe_(Square_ *self_);
static gt_str *Square___repr___(Square_ *self_);
static Square_ *Square__new(double side_);
static void Unit___init___(Unit_ *self_);
static Unit_ *Unit__new(void);
static double total_(gt_list *shapes_);
static void show_(Shape_ *s_);
static void math__init(void);

static void Shape__drop(gt_obj *o) {
  Shape_ *self = (Shape_ *)o;
  gt_release(self->name_);
}

static gt_str *Shape__repr(gt_obj *o) { return Shape___repr___((Shape_ *)o); }

static const gt_field Shape__layout_fields[] = {
  {"name", offsetof(Shape_, name_), &gt_t_str},
  {"hits", offsetof(Shape_, hits_), &gt_t_int},
};
static const gt_layout Shape__layout = {sizeof(Shape_), 2, Shape__layout_fields};

static const gt_class Shape__class = {"Shape", Shape__drop, NULL, Shape__repr, NULL, NULL, NULL, NULL, &Shape__layout};

static Shape_ *Shape__new(gt_str *name_) {
  Shape_ *self = gt_alloc(sizeof(Shape_), &Shape__class);
  Shape___init___(self, name_);
  return self;
}

static void Circle__drop(gt_obj *o) {
  Circle_ *self = (Circle_ *)o;
  gt_release(self->name_);
}

static gt_str *Circle__repr(gt_obj *o) { return Shape___repr___((Shape_ *)o); }

static const gt_field Circle__layout_fields[] = {
  {"name", offsetof(Circle_, name_), &gt_t_str},
  {"hits", offsetof(Circle_, hits_), &gt_t_int},
  {"r", offsetof(Circle_, r_), &gt_t_float},
};
static const gt_layout Circle__layout = {sizeof(Circle_), 3, Circle__layout_fields};

static const gt_class Circle__class = {"Circle", Circle__drop, NULL, Circle__repr, NULL, NULL, &Shape__class, NULL, &Circle__layout};

static Circle_ *Circle__new(double r_) {
  Circle_ *self = gt_alloc(sizeof(Circle_), &Circle__class);
  Circle___init___(self, r_);
  return self;
}

static void Square__drop(gt_obj *o) {
  Square_ *self = (Square_ *)o;
  gt_release(self->name_);
}

static gt_str *Square__repr(gt_obj *o) { return Square___repr___((Square_ *)o); }

static const gt_field Square__layout_fields[] = {
  {"name", offsetof(Square_, name_), &gt_t_str},
  {"hits", offsetof(Square_, hits_), &gt_t_int},
  {"side", offsetof(Square_, side_), &gt_t_float},
};
static const gt_layout Square__layout = {sizeof(Square_), 3, Square__layout_fields};

static const gt_class Square__class = {"Square", Square__drop, NULL, Square__repr, NULL, NULL, &Shape__class, NULL, &Square__layout};

static Square_ *Square__new(double side_) {
  Square_ *self = gt_alloc(sizeof(Square_), &Square__class);
  Square___init___(self, side_);
  return self;
}

static void Unit__drop(gt_obj *o) {
  Unit_ *self = (Unit_ *)o;
  gt_release(self->name_);
}

static gt_str *Unit__repr(gt_obj *o) { return Square___repr___((Square_ *)o); }

static const gt_field Unit__layout_fields[] = {
  {"name", offsetof(Unit_, name_), &gt_t_str},
  {"hits", offsetof(Unit_, hits_), &gt_t_int},
  {"side", offsetof(Unit_, side_), &gt_t_float},
};
static const gt_layout Unit__layout = {sizeof(Unit_), 3, Unit__layout_fields};

static const gt_class Unit__class = {"Unit", Unit__drop, NULL, Unit__repr, NULL, NULL, &Square__class, NULL, &Unit__layout};

static Unit_ *Unit__new(void) {
  Unit_ *self = gt_alloc(sizeof(Unit_), &Unit__class);
  Unit___init___(self);
  return self;
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

static void Shape___init___(Shape_ *self_, gt_str *name_) {
  gt_frame _fr = {.func = "Shape.__init__", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* self.name = name */
  gt_at(&_fr, 9, 9);
  self_->name_ = gt_replace(self_->name_, gt_retain(name_));
  /* self.hits = 0 */
  self_->hits_ = 0;
  gt_leave(&_fr);
}

static double Shape_area_(Shape_ *self_) {
  double _ret = 0;
  gt_frame _fr = {.func = "Shape.area", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  (void)self_;
  /* return 0.0 */
  _ret = 0.0;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Shape.area, or the override of the object's class */
static double Shape_area_dispatch(Shape_ *self_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Circle__class)
    return Circle_area_((Circle_ *)self_);
  if (cls == &Square__class)
    return Square_area_((Square_ *)self_);
  if (cls == &Unit__class)
    return Square_area_((Square_ *)self_);
  return Shape_area_(self_);
}

static gt_str *Shape_describe_(Shape_ *self_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Shape.describe", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* self.hits += 1 */
  gt_at(&_fr, 16, 9);
  self_->hits_ = gt_int_add(self_->hits_, 1);
  /* return f"{self.name} with area {self.area():.2f}" */
  gt_at(&_fr, 17, 41);
  gt_at(&_fr, 17, 40);
  _t1 = gt_format(gt_vf(Shape_area_dispatch(self_)), &gt_t_float, &s4_2f);
  _ret = gt_str_build(3, (gt_str *[]){self_->name_, &s3_with_area, _t1});
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Shape.describe, or the override of the object's class */
static gt_str *Shape_describe_dispatch(Shape_ *self_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Square__class)
    return Square_describe_((Square_ *)self_);
  if (cls == &Unit__class)
    return Square_describe_((Square_ *)self_);
  return Shape_describe_(self_);
}

static gt_str *Shape___repr___(Shape_ *self_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Shape.__repr__", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* return f"Shape({self.name!r})" */
  gt_at(&_fr, 20, 9);
  _t1 = gt_str_repr(self_->name_);
  _ret = gt_str_build(3, (gt_str *[]){&s5_Shape, _t1, &s6});
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

/* Shape.__repr__, or the override of the object's class */
static gt_str *Shape___repr___dispatch(Shape_ *self_) {
  const gt_class *cls = ((gt_obj *)self_)->cls;
  if (cls == &Square__class)
    return Square___repr___((Square_ *)self_);
  if (cls == &Unit__class)
    return Square___repr___((Square_ *)self_);
  return Shape___repr___(self_);
}

static void Circle___init___(Circle_ *self_, double r_) {
  gt_frame _fr = {.func = "Circle.__init__", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* super().__init__("circle") */
  gt_at(&_fr, 25, 9);
  Shape___init___((Shape_ *)self_, &s7_circle);
  /* self.r = r */
  self_->r_ = r_;
  gt_leave(&_fr);
}

static double Circle_area_(Circle_ *self_) {
  double _ret = 0;
  gt_frame _fr = {.func = "Circle.area", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* return math.pi * self.r * self.r */
  gt_at(&_fr, 29, 9);
  _ret = (math_pi_ * self_->r_) * self_->r_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void Square___init___(Square_ *self_, double side_) {
  gt_frame _fr = {.func = "Square.__init__", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* super(Square, self).__init__("square") */
  gt_at(&_fr, 34, 9);
  Shape___init___((Shape_ *)self_, &s8_square);
  /* self.side = side */
  self_->side_ = side_;
  gt_leave(&_fr);
}

static double Square_area_(Square_ *self_) {
  double _ret = 0;
  gt_frame _fr = {.func = "Square.area", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* return self.side * self.side */
  _ret = self_->side_ * self_->side_;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Square_describe_(Square_ *self_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Square.describe", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* return "a square: " + super().describe() */
  gt_at(&_fr, 41, 31);
  _t1 = Shape_describe_((Shape_ *)self_);
  _ret = gt_str_concat(&s9_a_square, _t1);
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Square___repr___(Square_ *self_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Square.__repr__", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* return f"Square({self.side})" */
  gt_at(&_fr, 44, 9);
  _t1 = gt_str_of_float(self_->side_);
  _ret = gt_str_build(3, (gt_str *[]){&s10_Square, _t1, &s11});
  gt_release(_t1);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void Unit___init___(Unit_ *self_) {
  gt_frame _fr = {.func = "Unit.__init__", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* super().__init__(1.0) */
  gt_at(&_fr, 49, 9);
  Square___init___((Square_ *)self_, 1.0);
  gt_leave(&_fr);
}

static double total_(gt_list *shapes_) {
  double _ret = 0;
  double t_ = 0;
  Shape_ *s_ = NULL;
  int64_t _i1;
  gt_list *_t2 = NULL;
  gt_frame _fr = {.func = "total", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* t = 0.0 */
  t_ = 0.0;
  /* for s in shapes: */
  gt_at(&_fr, 54, 5);
  _t2 = gt_replace(_t2, gt_retain(shapes_));
  for (_i1 = 0; _i1 < gt_list_len(_t2); _i1++) {
    s_ = gt_replace(s_, ((Shape_ *)gt_list_get(_t2, _i1).p));
    /* t += s.area() */
    gt_at(&_fr, 55, 14);
    t_ = t_ + Shape_area_dispatch(s_);
  }
  _t2 = gt_replace(_t2, NULL);
  /* return t */
  _ret = t_;
  goto _out;
_out:
  gt_release(_t2);
  gt_release(s_);
  gt_leave(&_fr);
  return _ret;
}

static void show_(Shape_ *s_) {
  gt_str *_t1 = NULL;
  bool _t2;
  bool _t3;
  gt_str *_t4 = NULL;
  gt_str *_t5 = NULL;
  gt_str *_t6 = NULL;
  gt_frame _fr = {.func = "show", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* print(s.describe(), isinstance(s, Circle), isinstance(s, Square), isinstance(s, Shape)) */
  gt_at(&_fr, 60, 11);
  _t1 = Shape_describe_dispatch(s_);
  _t2 = gt_is_subclass(((gt_obj *)s_)->cls, &Circle__class);
  _t3 = gt_is_subclass(((gt_obj *)s_)->cls, &Square__class);
  _t4 = gt_str_of_bool(_t2);
  _t5 = gt_str_of_bool(_t3);
  _t6 = gt_str_of_bool(true);
  gt_print(4, (gt_str *[]){_t1, _t4, _t5, _t6}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t4);
  gt_release(_t5);
  gt_release(_t6);
  gt_leave(&_fr);
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  Circle_ *_t1 = NULL;
  Square_ *_t2 = NULL;
  Unit_ *_t3 = NULL;
  int64_t _i4;
  gt_list *_t5 = NULL;
  double _t6;
  gt_str *_t7 = NULL;
  gt_str *_t8 = NULL;
  gt_str *_t9 = NULL;
  gt_str *_t10 = NULL;
  double _t11;
  gt_str *_t12 = NULL;
  double _t13;
  int64_t _t14;
  gt_str *_t15 = NULL;
  gt_str *_t16 = NULL;
  gt_str *_t17 = NULL;
  gt_str *_t18 = NULL;
  Circle_ *_t19 = NULL;
  Square_ *_t20 = NULL;
  int64_t _t21;
  Shape_ *_t22 = NULL;
  double _t23;
  gt_str *_t24 = NULL;
  gt_str *_t25 = NULL;
  gt_str *_t26 = NULL;
  gt_str *_t27 = NULL;
  gt_str *_t28 = NULL;
  Circle_ *_t29 = NULL;
  gt_str *_t30 = NULL;
  gt_str *_t31 = NULL;
  gt_str *_t32 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "class_inherit.gtp"};
  gt_enter(&_fr);
  /* import math */
  gt_at(&_fr, 4, 1);
  math__init();
  /* shapes: list[Shape] = [Circle(1.0), Square(2.0), Unit()] */
  gt_at(&_fr, 63, 24);
  _t1 = Circle__new(1.0);
  _t2 = Square__new(2.0);
  _t3 = Unit__new();
  shapes_ = gt_replace(shapes_, gt_list_of(&T_list_Shape, 3, gt_vp((Shape_ *)_t1), gt_vp((Shape_ *)_t2), gt_vp((Shape_ *)_t3)));
  gt_release(_t1);
  gt_release(_t2);
  gt_release(_t3);
  /* for s in shapes: */
  gt_at(&_fr, 64, 1);
  _t5 = gt_replace(_t5, gt_retain(shapes_));
  for (_i4 = 0; _i4 < gt_list_len(_t5); _i4++) {
    s_ = gt_replace(s_, ((Shape_ *)gt_list_get(_t5, _i4).p));
    /* print(s.area(), s.name) */
    gt_at(&_fr, 65, 11);
    _t6 = Shape_area_dispatch(s_);
    _t7 = gt_str_of_float(_t6);
    gt_print(2, (gt_str *[]){_t7, s_->name_}, NULL, NULL);
    gt_release(_t7);
    /* show(s) */
    gt_at(&_fr, 66, 5);
    show_(s_);
  }
  _t5 = gt_replace(_t5, NULL);
  /* print(f"{total(shapes):.3f}") */
  gt_at(&_fr, 67, 10);
  gt_at(&_fr, 67, 9);
  _t8 = gt_format(gt_vf(total_(shapes_)), &gt_t_float, &s12_3f);
  _t9 = gt_str_build(1, (gt_str *[]){_t8});
  gt_print(1, (gt_str *[]){_t9}, NULL, NULL);
  gt_release(_t8);
  gt_release(_t9);
  /* print(shapes) */
  gt_at(&_fr, 68, 1);
  _t10 = gt_val_str(gt_vp(shapes_), &T_list_Shape);
  gt_print(1, (gt_str *[]){_t10}, NULL, NULL);
  gt_release(_t10);
  /* u = Unit() */
  gt_at(&_fr, 69, 5);
  u_ = gt_replace(u_, Unit__new());
  /* print(u.side, u.name, u.area(), u.hits, isinstance(u, Square)) */
  gt_at(&_fr, 70, 23);
  _t11 = u_->side_;
  _t12 = gt_retain(u_->name_);
  _t13 = Square_area_((Square_ *)u_);
  _t14 = u_->hits_;
  _t15 = gt_str_of_float(_t11);
  _t16 = gt_str_of_float(_t13);
  _t17 = gt_str_of_int(_t14);
  _t18 = gt_str_of_bool(true);
  gt_print(5, (gt_str *[]){_t15, _t12, _t16, _t17, _t18}, NULL, NULL);
  gt_release(_t12);
  gt_release(_t15);
  gt_release(_t16);
  gt_release(_t17);
  gt_release(_t18);
  /* mixed = [Circle(2.0), Square(3.0)] */
  gt_at(&_fr, 71, 10);
  _t19 = Circle__new(2.0);
  _t20 = Square__new(3.0);
  mixed_ = gt_replace(mixed_, gt_list_of(&T_list_Shape, 2, gt_vp((Shape_ *)_t19), gt_vp((Shape_ *)_t20)));
  gt_release(_t19);
  gt_release(_t20);
  /* print(len(mixed), mixed[1].area()) */
  gt_at(&_fr, 72, 19);
  _t21 = gt_list_len(mixed_);
  _t22 = ((Shape_ *)gt_list_get(mixed_, 1).p);
  _t23 = Shape_area_dispatch(_t22);
  _t24 = gt_str_of_int(_t21);
  _t25 = gt_str_of_float(_t23);
  gt_print(2, (gt_str *[]){_t24, _t25}, NULL, NULL);
  gt_release(_t22);
  gt_release(_t24);
  gt_release(_t25);
  /* b = Shape("blob") */
  gt_at(&_fr, 73, 5);
  b_ = gt_replace(b_, Shape__new(&s13_blob));
  /* print(b.describe(), repr(b), str(b)) */
  gt_at(&_fr, 74, 7);
  _t26 = Shape_describe_dispatch(b_);
  _t27 = gt_val_repr(gt_vp(b_), &gt_t_obj);
  _t28 = gt_val_str(gt_vp(b_), &gt_t_obj);
  gt_print(3, (gt_str *[]){_t26, _t27, _t28}, NULL, NULL);
  gt_release(_t26);
  gt_release(_t27);
  gt_release(_t28);
  /* c = Circle(0.5) */
  gt_at(&_fr, 75, 5);
  c_ = gt_replace(c_, Circle__new(0.5));
  /* print(c, c.describe(), c.hits) */
  gt_at(&_fr, 76, 10);
  _t29 = gt_retain(c_);
  _t30 = Shape_describe_dispatch((Shape_ *)c_);
  _t31 = Shape___repr___((Shape_ *)_t29);
  _t32 = gt_str_of_int(c_->hits_);
  gt_print(3, (gt_str *[]){_t31, _t30, _t32}, NULL, NULL);
  gt_release(_t29);
  gt_release(_t30);
  gt_release(_t31);
  gt_release(_t32);
  gt_release(_t5);
  gt_release(shapes_);
  gt_release(s_);
  gt_release(u_);
  gt_release(mixed_);
  gt_release(b_);
  gt_release(c_);
  gt_leave(&_fr);
  gt_exit(0);
}

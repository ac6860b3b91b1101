/* union_init.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_tuple2_int_int_args[] = {&gt_t_int, &gt_t_int};
static const gt_type T_tuple2_int_int = {GT_K_TUPLE, 2, T_tuple2_int_int_args, NULL};
static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};
static const gt_type *const T_list_Window_args[] = {&gt_t_obj};
static const gt_type T_list_Window = {GT_K_LIST, 1, T_list_Window_args, NULL};

static gt_str s1_Window = {{GT_IMMORTAL, &gt_str_class}, 7, "Window("};
static gt_str s2 = {{GT_IMMORTAL, &gt_str_class}, 2, ", "};
static gt_str s3 = {{GT_IMMORTAL, &gt_str_class}, 1, ")"};
static gt_str s4_area = {{GT_IMMORTAL, &gt_str_class}, 6, " area "};
static gt_str s5_window = {{GT_IMMORTAL, &gt_str_class}, 6, "window"};
static gt_str s6_window = {{GT_IMMORTAL, &gt_str_class}, 6, "window"};
static gt_str s7_2f = {{GT_IMMORTAL, &gt_str_class}, 3, ".2f"};
static gt_str s8_square = {{GT_IMMORTAL, &gt_str_class}, 6, "square"};
static gt_str s9_square = {{GT_IMMORTAL, &gt_str_class}, 6, "square"};
static gt_str s10_wide = {{GT_IMMORTAL, &gt_str_class}, 4, "wide"};
static gt_str s11_2_5 = {{GT_IMMORTAL, &gt_str_class}, 3, "2.5"};
static gt_str s12_3_25 = {{GT_IMMORTAL, &gt_str_class}, 4, "3.25"};
static gt_str s13_6 = {{GT_IMMORTAL, &gt_str_class}, 1, "6"};

typedef struct Window_ Window_;
typedef struct Scaled_ Scaled_;
typedef struct Named_ Named_;
typedef struct Square_ Square_;
struct Window_ {
  gt_obj _obj;
  gt_tuple *size_;
  gt_str *name_;
};

struct Scaled_ {
  gt_obj _obj;
  double v_;
  gt_str *text_;
};

struct Named_ {
  gt_obj _obj;
  gt_tuple *size_;
  gt_str *name_;
};

struct Square_ {
  gt_obj _obj;
  gt_tuple *size_;
  gt_str *name_;
  int64_t side_;
};

static int64_t Window_area_(Window_ *self_);
static gt_str *Window___repr___(Window_ *self_);
static Window_ *Window__new_int_(int64_t size_, gt_str *name_);
static Window_ *Window__new_tuple_int_int_(gt_tuple *size_, gt_str *name_);
static Scaled_ *Scaled__new_float_(double v_);
static Scaled_ *Scaled__new_str_(gt_str *v_);
static Named_ *Named__new_int_(int64_t size_, gt_str *name_);
static Named_ *Named__new_tuple_int_int_(gt_tuple *size_, gt_str *name_);
static Square_ *Square__new_int_(int64_t side_);
static Square_ *Square__new_str_(gt_str *side_);
static gt_str *describe_(Window_ *w_);
static gt_tuple *pair_int_(int64_t k_);
static gt_tuple *pair_tuple_int_int_(gt_tuple *k_);
static void Window___init___int_(Window_ *self_, int64_t size_, gt_str *name_);
static void Window___init___tuple_int_int_(Window_ *self_, gt_tuple *size_, gt_str *name_);
static void Scaled___init___float_(Scaled_ *self_, double v_);
static void Scaled___init___str_(Scaled_ *self_, gt_str *v_);
static void Square___init___int_(Square_ *self_, int64_t side_);
static void Square___init___str_(Square_ *self_, gt_str *side_);

static void Window__drop(gt_obj *o) {
  Window_ *self = (Window_ *)o;
  gt_release(self->size_);
  gt_release(self->name_);
}

static gt_str *Window__repr(gt_obj *o) { return Window___repr___((Window_ *)o); }

static const gt_field Window__layout_fields[] = {
  {"size", offsetof(Window_, size_), &T_tuple2_int_int},
  {"name", offsetof(Window_, name_), &gt_t_str},
};
static const gt_layout Window__layout = {sizeof(Window_), 2, Window__layout_fields};

static const gt_class Window__class = {"Window", Window__drop, NULL, Window__repr, NULL, NULL, NULL, NULL, &Window__layout};

static Window_ *Window__new_int_(int64_t size_, gt_str *name_) {
  Window_ *self = gt_alloc(sizeof(Window_), &Window__class);
  Window___init___int_(self, size_, name_);
  return self;
}

static Window_ *Window__new_tuple_int_int_(gt_tuple *size_, gt_str *name_) {
  Window_ *self = gt_alloc(sizeof(Window_), &Window__class);
  Window___init___tuple_int_int_(self, size_, name_);
  return self;
}

static void Scaled__drop(gt_obj *o) {
  Scaled_ *self = (Scaled_ *)o;
  gt_release(self->text_);
}

static const gt_field Scaled__layout_fields[] = {
  {"v", offsetof(Scaled_, v_), &gt_t_float},
  {"text", offsetof(Scaled_, text_), &gt_t_str},
};
static const gt_layout Scaled__layout = {sizeof(Scaled_), 2, Scaled__layout_fields};

static const gt_class Scaled__class = {"Scaled", Scaled__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Scaled__layout};

static Scaled_ *Scaled__new_float_(double v_) {
  Scaled_ *self = gt_alloc(sizeof(Scaled_), &Scaled__class);
  Scaled___init___float_(self, v_);
  return self;
}

static Scaled_ *Scaled__new_str_(gt_str *v_) {
  Scaled_ *self = gt_alloc(sizeof(Scaled_), &Scaled__class);
  Scaled___init___str_(self, v_);
  return self;
}

static void Named__drop(gt_obj *o) {
  Named_ *self = (Named_ *)o;
  gt_release(self->size_);
  gt_release(self->name_);
}

static gt_str *Named__repr(gt_obj *o) { return Window___repr___((Window_ *)o); }

static const gt_field Named__layout_fields[] = {
  {"size", offsetof(Named_, size_), &T_tuple2_int_int},
  {"name", offsetof(Named_, name_), &gt_t_str},
};
static const gt_layout Named__layout = {sizeof(Named_), 2, Named__layout_fields};

static const gt_class Named__class = {"Named", Named__drop, NULL, Named__repr, NULL, NULL, &Window__class, NULL, &Named__layout};

static Named_ *Named__new_int_(int64_t size_, gt_str *name_) {
  Named_ *self = gt_alloc(sizeof(Named_), &Named__class);
  Window___init___int_((Window_ *)self, size_, name_);
  return self;
}

static Named_ *Named__new_tuple_int_int_(gt_tuple *size_, gt_str *name_) {
  Named_ *self = gt_alloc(sizeof(Named_), &Named__class);
  Window___init___tuple_int_int_((Window_ *)self, size_, name_);
  return self;
}

static void Square__drop(gt_obj *o) {
  Square_ *self = (Square_ *)o;
  gt_release(self->size_);
  gt_release(self->name_);
}

static gt_str *Square__repr(gt_obj *o) { return Window___repr___((Window_ *)o); }

static const gt_field Square__layout_fields[] = {
  {"size", offsetof(Square_, size_), &T_tuple2_int_int},
  {"name", offsetof(Square_, name_), &gt_t_str},
  {"side", offsetof(Square_, side_), &gt_t_int},
};
static const gt_layout Square__layout = {sizeof(Square_), 3, Square__layout_fields};

static const gt_class Square__class = {"Square", Square__drop, NULL, Square__repr, NULL, NULL, &Window__class, NULL, &Square__layout};

static Square_ *Square__new_int_(int64_t side_) {
  Square_ *self = gt_alloc(sizeof(Square_), &Square__class);
  Square___init___int_(self, side_);
  return self;
}

static Square_ *Square__new_str_(gt_str *side_) {
  Square_ *self = gt_alloc(sizeof(Square_), &Square__class);
  Square___init___str_(self, side_);
  return self;
}

static int64_t Window_area_(Window_ *self_) {
  int64_t _ret = 0;
  gt_frame _fr = {.func = "Window.area", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* return self.size[0] * self.size[1] */
  gt_at(&_fr, 20, 16);
  _ret = gt_int_mul(self_->size_->items[0].i, self_->size_->items[1].i);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *Window___repr___(Window_ *self_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "Window.__repr__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* return f"Window({self.size}, {self.name!r})" */
  gt_at(&_fr, 23, 9);
  _t1 = gt_val_str(gt_vp(self_->size_), &T_tuple2_int_int);
  _t2 = gt_str_repr(self_->name_);
  _ret = gt_str_build(5, (gt_str *[]){&s1_Window, _t1, &s2, _t2, &s3});
  gt_release(_t1);
  gt_release(_t2);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *describe_(Window_ *w_) {
  gt_str *_ret = NULL;
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "describe", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* return f"{w!r} area {w.area()}" */
  gt_at(&_fr, 43, 26);
  _t1 = gt_val_repr(gt_vp(w_), &gt_t_obj);
  _t2 = gt_str_of_int(Window_area_(w_));
  _ret = gt_str_build(3, (gt_str *[]){_t1, &s4_area, _t2});
  gt_release(_t1);
  gt_release(_t2);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_tuple *pair_int_(int64_t k_) {
  gt_tuple *_ret = NULL;
  gt_frame _fr = {.func = "pair", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* if isinstance(k, int): */
  /* return (k, k) */
  gt_at(&_fr, 10, 9);
  _ret = gt_tuple_of(&T_tuple2_int_int, gt_vi(k_), gt_vi(k_));
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_tuple *pair_tuple_int_int_(gt_tuple *k_) {
  gt_tuple *_ret = NULL;
  gt_frame _fr = {.func = "pair", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* if isinstance(k, int): */
  /* return k */
  gt_at(&_fr, 11, 5);
  _ret = gt_retain(k_);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void Window___init___int_(Window_ *self_, int64_t size_, gt_str *name_) {
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Window.__init__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* self.size = pair(size) */
  gt_at(&_fr, 16, 21);
  self_->size_ = gt_replace(self_->size_, pair_int_(size_));
  /* self.name = name if name is not None else "window" */
  gt_at(&_fr, 17, 9);
  if (name_ != NULL) {
    _t1 = gt_retain(name_);
  } else {
    _t1 = gt_retain(&s5_window);
  }
  self_->name_ = gt_replace(self_->name_, gt_retain(_t1));
  gt_release(_t1);
  gt_leave(&_fr);
}

static void Window___init___tuple_int_int_(Window_ *self_, gt_tuple *size_, gt_str *name_) {
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Window.__init__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* self.size = pair(size) */
  gt_at(&_fr, 16, 21);
  self_->size_ = gt_replace(self_->size_, pair_tuple_int_int_(size_));
  /* self.name = name if name is not None else "window" */
  gt_at(&_fr, 17, 9);
  if (name_ != NULL) {
    _t1 = gt_retain(name_);
  } else {
    _t1 = gt_retain(&s6_window);
  }
  self_->name_ = gt_replace(self_->name_, gt_retain(_t1));
  gt_release(_t1);
  gt_leave(&_fr);
}

static void Scaled___init___float_(Scaled_ *self_, double v_) {
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "Scaled.__init__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* self.v = float(v) */
  self_->v_ = v_;
  /* self.text = v if isinstance(v, str) else f"{v:.2f}" */
  gt_at(&_fr, 29, 52);
  _t1 = gt_format(gt_vf(v_), &gt_t_float, &s7_2f);
  self_->text_ = gt_replace(self_->text_, gt_str_build(1, (gt_str *[]){_t1}));
  gt_release(_t1);
  gt_leave(&_fr);
}

static void Scaled___init___str_(Scaled_ *self_, gt_str *v_) {
  double _t1;
  gt_frame _fr = {.func = "Scaled.__init__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* self.v = float(v) */
  gt_at(&_fr, 28, 18);
  _t1 = gt_float_of_str(v_);
  self_->v_ = _t1;
  /* self.text = v if isinstance(v, str) else f"{v:.2f}" */
  gt_at(&_fr, 29, 9);
  self_->text_ = gt_replace(self_->text_, gt_retain(v_));
  gt_leave(&_fr);
}

static void Square___init___int_(Square_ *self_, int64_t side_) {
  gt_frame _fr = {.func = "Square.__init__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* super().__init__(int(side), name="square") */
  gt_at(&_fr, 38, 9);
  Window___init___int_((Window_ *)self_, side_, &s8_square);
  /* self.side = int(side) */
  self_->side_ = side_;
  gt_leave(&_fr);
}

static void Square___init___str_(Square_ *self_, gt_str *side_) {
  int64_t _t1;
  int64_t _t2;
  gt_frame _fr = {.func = "Square.__init__", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* super().__init__(int(side), name="square") */
  gt_at(&_fr, 38, 26);
  _t1 = gt_int_of_str(side_);
  Window___init___int_((Window_ *)self_, _t1, &s9_square);
  /* self.side = int(side) */
  gt_at(&_fr, 39, 21);
  _t2 = gt_int_of_str(side_);
  self_->side_ = _t2;
  gt_leave(&_fr);
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_tuple *_t1 = NULL;
  gt_tuple *_t2 = NULL;
  gt_tuple *_t3 = NULL;
  gt_tuple *_t4 = NULL;
  gt_str *_t5 = NULL;
  gt_str *_t6 = NULL;
  gt_str *_t7 = NULL;
  Window_ *_t8 = NULL;
  Window_ *_t9 = NULL;
  gt_tuple *_t10 = NULL;
  Window_ *_t11 = NULL;
  gt_tuple *_t12 = NULL;
  Window_ *_t13 = NULL;
  gt_str *_t14 = NULL;
  gt_str *_t15 = NULL;
  gt_str *_t16 = NULL;
  gt_str *_t17 = NULL;
  Scaled_ *_t18 = NULL;
  Scaled_ *_t19 = NULL;
  Scaled_ *_t20 = NULL;
  Scaled_ *_t21 = NULL;
  gt_str *_t22 = NULL;
  gt_str *_t23 = NULL;
  Named_ *_t24 = NULL;
  gt_tuple *_t25 = NULL;
  Named_ *_t26 = NULL;
  Square_ *_t27 = NULL;
  Square_ *_t28 = NULL;
  gt_str *_t29 = NULL;
  gt_str *_t30 = NULL;
  gt_str *_t31 = NULL;
  gt_str *_t32 = NULL;
  Window_ *w_ = NULL;
  gt_list *_t33 = NULL;
  Window_ *_t34 = NULL;
  gt_tuple *_t35 = NULL;
  Named_ *_t36 = NULL;
  Square_ *_t37 = NULL;
  int64_t _i38;
  gt_list *_t39 = NULL;
  gt_str *_t40 = NULL;
  gt_list *_t41 = NULL;
  gt_str *_t42 = NULL;
  Square_ *_t43 = NULL;
  Named_ *_t44 = NULL;
  gt_str *_t45 = NULL;
  gt_str *_t46 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "union_init.gtp"};
  gt_enter(&_fr);
  /* print(pair(), pair(2), pair((1, 2))) */
  gt_at(&_fr, 46, 7);
  _t1 = pair_int_(3);
  _t2 = pair_int_(2);
  _t3 = gt_tuple_of(&T_tuple2_int_int, gt_vi(1), gt_vi(2));
  _t4 = pair_tuple_int_int_(_t3);
  _t5 = gt_val_str(gt_vp(_t1), &T_tuple2_int_int);
  _t6 = gt_val_str(gt_vp(_t2), &T_tuple2_int_int);
  _t7 = gt_val_str(gt_vp(_t4), &T_tuple2_int_int);
  gt_print(3, (gt_str *[]){_t5, _t6, _t7}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t2);
  gt_release(_t3);
  gt_release(_t4);
  gt_release(_t5);
  gt_release(_t6);
  gt_release(_t7);
  /* print(Window(), Window(5), Window((2, 4), name="wide"), Window(size=(1, 7))) */
  gt_at(&_fr, 47, 7);
  _t8 = Window__new_int_(3, NULL);
  _t9 = Window__new_int_(5, NULL);
  _t10 = gt_tuple_of(&T_tuple2_int_int, gt_vi(2), gt_vi(4));
  _t11 = Window__new_tuple_int_int_(_t10, &s10_wide);
  _t12 = gt_tuple_of(&T_tuple2_int_int, gt_vi(1), gt_vi(7));
  _t13 = Window__new_tuple_int_int_(_t12, NULL);
  _t14 = gt_val_str(gt_vp(_t8), &gt_t_obj);
  _t15 = gt_val_str(gt_vp(_t9), &gt_t_obj);
  _t16 = gt_val_str(gt_vp(_t11), &gt_t_obj);
  _t17 = gt_val_str(gt_vp(_t13), &gt_t_obj);
  gt_print(4, (gt_str *[]){_t14, _t15, _t16, _t17}, NULL, NULL);
  gt_release(_t8);
  gt_release(_t9);
  gt_release(_t10);
  gt_release(_t11);
  gt_release(_t12);
  gt_release(_t13);
  gt_release(_t14);
  gt_release(_t15);
  gt_release(_t16);
  gt_release(_t17);
  /* print(Scaled(0.5).v, Scaled("2.5").v, Scaled(1.0).text, Scaled("3.25").text) */
  gt_at(&_fr, 48, 7);
  _t18 = Scaled__new_float_(0.5);
  _t19 = Scaled__new_str_(&s11_2_5);
  _t20 = Scaled__new_float_(1.0);
  _t21 = Scaled__new_str_(&s12_3_25);
  _t22 = gt_str_of_float(_t18->v_);
  _t23 = gt_str_of_float(_t19->v_);
  gt_print(4, (gt_str *[]){_t22, _t23, _t20->text_, _t21->text_}, NULL, NULL);
  gt_release(_t18);
  gt_release(_t19);
  gt_release(_t20);
  gt_release(_t21);
  gt_release(_t22);
  gt_release(_t23);
  /* print(Named(2), Named((3, 1)), Square(4), Square("6").side) */
  gt_at(&_fr, 49, 7);
  _t24 = Named__new_int_(2, NULL);
  _t25 = gt_tuple_of(&T_tuple2_int_int, gt_vi(3), gt_vi(1));
  _t26 = Named__new_tuple_int_int_(_t25, NULL);
  _t27 = Square__new_int_(4);
  _t28 = Square__new_str_(&s13_6);
  _t29 = Window___repr___((Window_ *)_t24);
  _t30 = Window___repr___((Window_ *)_t26);
  _t31 = Window___repr___((Window_ *)_t27);
  _t32 = gt_str_of_int(_t28->side_);
  gt_print(4, (gt_str *[]){_t29, _t30, _t31, _t32}, NULL, NULL);
  gt_release(_t24);
  gt_release(_t25);
  gt_release(_t26);
  gt_release(_t27);
  gt_release(_t28);
  gt_release(_t29);
  gt_release(_t30);
  gt_release(_t31);
  gt_release(_t32);
  /* print([describe(w) for w in [Window(), Named((2, 2)), Square(3)]]) */
  gt_at(&_fr, 50, 30);
  _t33 = gt_list_new(&T_list_str, 0);
  _t34 = Window__new_int_(3, NULL);
  _t35 = gt_tuple_of(&T_tuple2_int_int, gt_vi(2), gt_vi(2));
  _t36 = Named__new_tuple_int_int_(_t35, NULL);
  _t37 = Square__new_int_(3);
  _t39 = gt_replace(_t39, gt_list_of(&T_list_Window, 3, gt_vp(_t34), gt_vp((Window_ *)_t36), gt_vp((Window_ *)_t37)));
  for (_i38 = 0; _i38 < gt_list_len(_t39); _i38++) {
    w_ = gt_replace(w_, ((Window_ *)gt_list_get(_t39, _i38).p));
    gt_at(&_fr, 50, 8);
    _t40 = describe_(w_);
    gt_list_append(_t33, gt_vp(_t40));
    gt_release(_t40);
  }
  _t39 = gt_replace(_t39, NULL);
  _t41 = _t33;
  _t42 = gt_val_str(gt_vp(_t41), &T_list_str);
  gt_print(1, (gt_str *[]){_t42}, NULL, NULL);
  gt_release(_t34);
  gt_release(_t35);
  gt_release(_t36);
  gt_release(_t37);
  gt_release(_t41);
  gt_release(_t42);
  /* print(isinstance(Square(1), Window), type(Named(4)).__name__) */
  gt_at(&_fr, 51, 18);
  _t43 = Square__new_int_(1);
  _t44 = Named__new_int_(4, NULL);
  _t45 = gt_classobj_name(gt_classobj_of_obj(_t44));
  _t46 = gt_str_of_bool(true);
  gt_print(2, (gt_str *[]){_t46, _t45}, NULL, NULL);
  gt_release(_t43);
  gt_release(_t44);
  gt_release(_t45);
  gt_release(_t46);
  gt_release(w_);
  gt_release(_t39);
  gt_leave(&_fr);
  gt_exit(0);
}

/* union_results.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type T_Dog = {GT_K_OBJ, 0, NULL, NULL};
static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};

static gt_str s1_int = {{GT_IMMORTAL, &gt_str_class}, 4, "int "};
static gt_str s2_dog = {{GT_IMMORTAL, &gt_str_class}, 4, "dog "};
static gt_str s3_str = {{GT_IMMORTAL, &gt_str_class}, 4, "str "};
static gt_str s4_12 = {{GT_IMMORTAL, &gt_str_class}, 2, "12"};
static gt_str s5_ab = {{GT_IMMORTAL, &gt_str_class}, 2, "ab"};
static gt_str s6_Rex = {{GT_IMMORTAL, &gt_str_class}, 3, "Rex"};

typedef struct Dog_ Dog_;
struct Dog_ {
  gt_obj _obj;
  gt_str *name_;
};

static gt_str *text_;
static gt_dyn *value_;

static void Dog___init___(Dog_ *self_, gt_str *name_);
static Dog_ *Dog__new(gt_str *name_);
static gt_dyn *parse_(gt_str *text_);
static gt_str *describe_int_str_Dog_(gt_dyn *v_);

static void Dog__drop(gt_obj *o) {
  Dog_ *self = (Dog_ *)o;
  gt_release(self->name_);
}

static const gt_field Dog__layout_fields[] = {
  {"name", offsetof(Dog_, name_), &gt_t_str},
};
static const gt_layout Dog__layout = {sizeof(Dog_), 1, Dog__layout_fields};

static const gt_class Dog__class = {"Dog", Dog__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Dog__layout};

static Dog_ *Dog__new(gt_str *name_) {
  Dog_ *self = gt_alloc(sizeof(Dog_), &Dog__class);
  Dog___init___(self, name_);
  return self;
}

static void Dog___init___(Dog_ *self_, gt_str *name_) {
  gt_frame _fr = {.func = "Dog.__init__", .file = "union_results.gtp"};
  gt_enter(&_fr);
  /* self.name = name */
  gt_at(&_fr, 8, 9);
  self_->name_ = gt_replace(self_->name_, gt_retain(name_));
  gt_leave(&_fr);
}

static gt_dyn *parse_(gt_str *text_) {
  gt_dyn *_ret = NULL;
  bool _t1;
  int64_t _t2;
  gt_str *_t3 = NULL;
  bool _t4;
  gt_frame _fr = {.func = "parse", .file = "union_results.gtp"};
  gt_enter(&_fr);
  /* if text.isdigit(): */
  gt_at(&_fr, 12, 8);
  _t1 = gt_str_isdigit(text_);
  if (_t1) {
    /* return int(text) */
    gt_at(&_fr, 13, 16);
    _t2 = gt_int_of_str(text_);
    _ret = (gt_dyn *)gt_dyn_new(gt_vi(_t2), &gt_t_int).p;
    goto _out;
  }
  /* if text[0].isupper(): */
  gt_at(&_fr, 14, 8);
  _t3 = gt_str_getitem(text_, 0);
  _t4 = gt_str_isupper(_t3);
  gt_release(_t3);
  if (_t4) {
    /* return Dog(text) */
    gt_at(&_fr, 15, 16);
    _ret = (gt_dyn *)gt_dyn_new(gt_vp(Dog__new(text_)), &T_Dog).p;
    goto _out;
  }
  /* return text */
  gt_at(&_fr, 16, 5);
  _ret = (gt_dyn *)gt_dyn_new(gt_vp(gt_retain(text_)), &gt_t_str).p;
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *describe_int_str_Dog_(gt_dyn *v_) {
  gt_str *_ret = NULL;
  int64_t _t1;
  gt_str *_t2 = NULL;
  gt_str *_t3 = NULL;
  gt_str *_t4 = NULL;
  gt_frame _fr = {.func = "describe", .file = "union_results.gtp"};
  gt_enter(&_fr);
  /* if isinstance(v, int): */
  gt_at(&_fr, 20, 5);
  if (gt_union_type(v_) == &gt_t_int) {
    /* return f"int {v + 1}" */
    gt_at(&_fr, 21, 23);
    _t1 = gt_union_get(v_, &gt_t_int).i;
    _t2 = gt_str_of_int(gt_int_add(_t1, 1));
    _ret = gt_str_build(2, (gt_str *[]){&s1_int, _t2});
    gt_release(_t2);
    goto _out;
  }
  /* if isinstance(v, Dog): */
  gt_at(&_fr, 22, 5);
  if (gt_union_type(v_) == &T_Dog) {
    /* return "dog " + v.name */
    gt_at(&_fr, 23, 9);
    _ret = gt_str_concat(&s2_dog, ((Dog_ *)gt_union_get(v_, &T_Dog).p)->name_);
    goto _out;
  }
  /* return "str " + v.upper() */
  gt_at(&_fr, 24, 21);
  _t3 = ((gt_str *)gt_union_get(v_, &gt_t_str).p);
  _t4 = gt_str_upper(_t3);
  _ret = gt_str_concat(&s3_str, _t4);
  gt_release(_t4);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  int64_t _i1;
  gt_list *_t2 = NULL;
  gt_dyn *_t3 = NULL;
  gt_str *_t4 = NULL;
  bool _t5;
  gt_str *_t6 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "union_results.gtp"};
  gt_enter(&_fr);
  /* for text in ["12", "ab", "Rex"]: */
  gt_at(&_fr, 27, 1);
  _t2 = gt_replace(_t2, gt_list_of(&T_list_str, 3, gt_vp(&s4_12), gt_vp(&s5_ab), gt_vp(&s6_Rex)));
  for (_i1 = 0; _i1 < gt_list_len(_t2); _i1++) {
    text_ = gt_replace(text_, ((gt_str *)gt_list_get(_t2, _i1).p));
    /* value = parse(text) */
    gt_at(&_fr, 28, 13);
    _t3 = parse_(text_);
    value_ = gt_replace(value_, gt_retain(_t3));
    gt_release(_t3);
    /* print(describe(value), isinstance(value, (int, Dog))) */
    gt_at(&_fr, 29, 11);
    _t4 = describe_int_str_Dog_(value_);
    _t5 = (gt_union_type(value_) == &gt_t_int || gt_union_type(value_) == &T_Dog);
    _t6 = gt_str_of_bool(_t5);
    gt_print(2, (gt_str *[]){_t4, _t6}, NULL, NULL);
    gt_release(_t4);
    gt_release(_t6);
  }
  _t2 = gt_replace(_t2, NULL);
  gt_release(_t2);
  gt_release(text_);
  gt_release(value_);
  gt_leave(&_fr);
  gt_exit(0);
}

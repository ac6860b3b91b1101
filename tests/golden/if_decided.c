/* if_decided.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_Layer_args[] = {&gt_t_obj};
static const gt_type T_list_Layer = {GT_K_LIST, 1, T_list_Layer_args, NULL};
static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};
static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};
static const gt_type *const T_list_float_args[] = {&gt_t_float};
static const gt_type T_list_float = {GT_K_LIST, 1, T_list_float_args, NULL};

static gt_str s1_net = {{GT_IMMORTAL, &gt_str_class}, 3, "net"};
static gt_str s2_int = {{GT_IMMORTAL, &gt_str_class}, 3, "int"};
static gt_str s3_number = {{GT_IMMORTAL, &gt_str_class}, 6, "number"};
static gt_str s4 = {{GT_IMMORTAL, &gt_str_class}, 1, "!"};
static gt_str s5_a_b = {{GT_IMMORTAL, &gt_str_class}, 3, "a b"};

typedef struct Layer_ Layer_;
typedef struct Net_ Net_;
struct Layer_ {
  gt_obj _obj;
  int64_t n_;
};

struct Net_ {
  gt_obj _obj;
  gt_list *layers_;
  gt_list *names_;
};

static gt_list *y_;
static Net_ *net_;
static int64_t y_2_;
static gt_list *scale_default_xs_;
static gt_list *scale_default_factor_;
static gt_list *first_word_default_words_;

static void Layer___init___(Layer_ *self_, int64_t n_);
static Layer_ *Layer__new(int64_t n_);
static void Net___init___(Net_ *self_, gt_list *sizes_);
static int64_t Net_total_(Net_ *self_);
static Net_ *Net__new(gt_list *sizes_);
static double scale_(gt_list *xs_, gt_list *factor_);
static gt_str *kind_(int64_t x_);
static int64_t second_(gt_list *xs_);
static gt_str *label_(bool flag_);
static gt_str *first_word_(gt_str *text_, gt_list *words_);

static void Layer__drop(gt_obj *o) {
  Layer_ *self = (Layer_ *)o;
  (void)self;
}

static const gt_field Layer__layout_fields[] = {
  {"n", offsetof(Layer_, n_), &gt_t_int},
};
static const gt_layout Layer__layout = {sizeof(Layer_), 1, Layer__layout_fields};

static const gt_class Layer__class = {"Layer", Layer__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Layer__layout};

static Layer_ *Layer__new(int64_t n_) {
  Layer_ *self = gt_alloc(sizeof(Layer_), &Layer__class);
  Layer___init___(self, n_);
  return self;
}

static void Net__drop(gt_obj *o) {
  Net_ *self = (Net_ *)o;
  gt_release(self->layers_);
  gt_release(self->names_);
}

static const gt_field Net__layout_fields[] = {
  {"layers", offsetof(Net_, layers_), &T_list_Layer},
  {"names", offsetof(Net_, names_), &T_list_str},
};
static const gt_layout Net__layout = {sizeof(Net_), 2, Net__layout_fields};

static const gt_class Net__class = {"Net", Net__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Net__layout};

static Net_ *Net__new(gt_list *sizes_) {
  Net_ *self = gt_alloc(sizeof(Net_), &Net__class);
  Net___init___(self, sizes_);
  return self;
}

static void Layer___init___(Layer_ *self_, int64_t n_) {
  gt_frame _fr = {.func = "Layer.__init__", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  /* self.n = n */
  self_->n_ = n_;
  gt_leave(&_fr);
}

static void Net___init___(Net_ *self_, gt_list *sizes_) {
  int64_t n_ = 0;
  int64_t _i1;
  gt_list *_t2 = NULL;
  gt_list *_t3 = NULL;
  Layer_ *_t4 = NULL;
  gt_list *_t5 = NULL;
  gt_list *_t6 = NULL;
  gt_frame _fr = {.func = "Net.__init__", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  /* self.layers = [] */
  gt_at(&_fr, 69, 9);
  self_->layers_ = gt_replace(self_->layers_, gt_list_new(&T_list_Layer, 0));
  /* for n in sizes: */
  gt_at(&_fr, 70, 9);
  _t2 = gt_replace(_t2, gt_retain(sizes_));
  for (_i1 = 0; _i1 < gt_list_len(_t2); _i1++) {
    n_ = gt_list_get(_t2, _i1).i;
    /* self.layers = self.layers + [Layer(n)] */
    gt_at(&_fr, 71, 42);
    _t3 = gt_retain(self_->layers_);
    _t4 = Layer__new(n_);
    _t5 = gt_list_of(&T_list_Layer, 1, gt_vp(_t4));
    self_->layers_ = gt_replace(self_->layers_, gt_list_concat(_t3, _t5));
    gt_release(_t3);
    gt_release(_t4);
    gt_release(_t5);
  }
  _t2 = gt_replace(_t2, NULL);
  /* self.names = [] */
  gt_at(&_fr, 72, 9);
  self_->names_ = gt_replace(self_->names_, gt_list_new(&T_list_str, 0));
  /* self.names += ["net"] */
  gt_at(&_fr, 73, 9);
  _t6 = gt_list_of(&T_list_str, 1, gt_vp(&s1_net));
  gt_list_extend(self_->names_, _t6);
  gt_release(_t6);
  gt_release(_t2);
  gt_leave(&_fr);
}

static int64_t Net_total_(Net_ *self_) {
  int64_t _ret = 0;
  gt_list *outputs_ = NULL;
  Layer_ *layer_ = NULL;
  int64_t outputs_2_ = 0;
  int64_t _i1;
  gt_list *_t2 = NULL;
  gt_list *_t3 = NULL;
  int64_t _t4;
  gt_frame _fr = {.func = "Net.total", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  /* outputs = [] */
  gt_at(&_fr, 76, 9);
  outputs_ = gt_replace(outputs_, gt_list_new(&T_list_int, 0));
  /* for layer in self.layers: */
  gt_at(&_fr, 77, 9);
  _t2 = gt_replace(_t2, gt_retain(self_->layers_));
  for (_i1 = 0; _i1 < gt_list_len(_t2); _i1++) {
    layer_ = gt_replace(layer_, ((Layer_ *)gt_list_get(_t2, _i1).p));
    /* outputs += [layer.n * 2] */
    gt_at(&_fr, 78, 25);
    _t3 = gt_list_of(&T_list_int, 1, gt_vi(gt_int_mul(layer_->n_, 2)));
    gt_list_extend(outputs_, _t3);
    gt_release(_t3);
  }
  _t2 = gt_replace(_t2, NULL);
  /* outputs = sum(outputs) */
  gt_at(&_fr, 79, 19);
  _t4 = gt_sum_int(outputs_);
  outputs_2_ = _t4;
  /* return outputs */
  _ret = outputs_2_;
  goto _out;
_out:
  gt_release(_t2);
  gt_release(outputs_);
  gt_release(layer_);
  gt_leave(&_fr);
  return _ret;
}

static double scale_(gt_list *xs_, gt_list *factor_) {
  double _ret = 0;
  double total_ = 0;
  double x_ = 0;
  double factor_2_ = 0;
  double _t1;
  int64_t _i2;
  gt_list *_t3 = NULL;
  gt_frame _fr = {.func = "scale", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  gt_retain(factor_);
  /* if isinstance(factor, list): */
  /* factor = factor[0] */
  gt_at(&_fr, 8, 18);
  _t1 = gt_list_get(factor_, 0).f;
  factor_2_ = _t1;
  /* total = 0.0 */
  total_ = 0.0;
  /* for x in xs: */
  gt_at(&_fr, 10, 5);
  _t3 = gt_replace(_t3, gt_retain(xs_));
  for (_i2 = 0; _i2 < gt_list_len(_t3); _i2++) {
    x_ = gt_list_get(_t3, _i2).f;
    /* total += x * factor */
    gt_at(&_fr, 11, 9);
    total_ = total_ + (x_ * factor_2_);
  }
  _t3 = gt_replace(_t3, NULL);
  /* return total */
  _ret = total_;
  goto _out;
_out:
  gt_release(_t3);
  gt_release(factor_);
  gt_leave(&_fr);
  return _ret;
}

static gt_str *kind_(int64_t x_) {
  gt_str *_ret = NULL;
  gt_frame _fr = {.func = "kind", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  (void)x_;
  /* if isinstance(x, str): */
  /* elif isinstance(x, float): */
  /* elif not isinstance(x, int): */
  /* return "int" */
  gt_at(&_fr, 23, 9);
  _ret = gt_retain(&s2_int);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static int64_t second_(gt_list *xs_) {
  int64_t _ret = 0;
  int64_t _t1;
  int64_t _t2;
  gt_frame _fr = {.func = "second", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  /* if not isinstance(xs, list): */
  /* elif len(xs) > 1: */
  gt_at(&_fr, 29, 5);
  if (gt_list_len(xs_) > 1) {
    /* return xs[1] */
    gt_at(&_fr, 30, 16);
    _t1 = gt_list_get(xs_, 1).i;
    _ret = _t1;
    goto _out;
  } else {
    /* return xs[0] */
    gt_at(&_fr, 32, 16);
    _t2 = gt_list_get(xs_, 0).i;
    _ret = _t2;
    goto _out;
  }
_out:
  gt_leave(&_fr);
  return _ret;
}

static gt_str *label_(bool flag_) {
  gt_str *_ret = NULL;
  gt_str *name_ = NULL;
  gt_frame _fr = {.func = "label", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  (void)flag_;
  /* if isinstance(flag, (int, float)): */
  /* name = "number" */
  gt_at(&_fr, 38, 9);
  name_ = gt_replace(name_, gt_retain(&s3_number));
  /* return name + "!" */
  gt_at(&_fr, 41, 5);
  _ret = gt_str_concat(name_, &s4);
  goto _out;
_out:
  gt_release(name_);
  gt_leave(&_fr);
  return _ret;
}

static gt_str *first_word_(gt_str *text_, gt_list *words_) {
  gt_str *_ret = NULL;
  gt_list *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "first_word", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  gt_retain(words_);
  /* if not isinstance(words, list): */
  /* if isinstance(text, str): */
  /* words = text.split() */
  gt_at(&_fr, 48, 17);
  _t1 = gt_str_split(text_, NULL, -1);
  words_ = gt_replace(words_, gt_retain(_t1));
  gt_release(_t1);
  /* return words[0] */
  gt_at(&_fr, 49, 12);
  _t2 = ((gt_str *)gt_list_get(words_, 0).p);
  _ret = gt_retain(_t2);
  gt_release(_t2);
  goto _out;
_out:
  gt_release(words_);
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  double _t1;
  gt_list *_t2 = NULL;
  double _t3;
  gt_list *_t4 = NULL;
  gt_list *_t5 = NULL;
  double _t6;
  gt_str *_t7 = NULL;
  gt_str *_t8 = NULL;
  gt_str *_t9 = NULL;
  gt_str *_t10 = NULL;
  gt_list *_t11 = NULL;
  int64_t _t12;
  gt_list *_t13 = NULL;
  int64_t _t14;
  gt_str *_t15 = NULL;
  gt_str *_t16 = NULL;
  gt_str *_t17 = NULL;
  gt_str *_t18 = NULL;
  gt_str *_t19 = NULL;
  gt_list *_t20 = NULL;
  int64_t _t21;
  gt_list *_t22 = NULL;
  gt_str *_t23 = NULL;
  gt_str *_t24 = NULL;
  gt_str *_t25 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "if_decided.gtp"};
  gt_enter(&_fr);
  /* def scale: its defaults, made once */
  gt_at(&_fr, 6, 29);
  scale_default_xs_ = gt_replace(scale_default_xs_, gt_list_of(&T_list_float, 2, gt_vf(0.5), gt_vf(2.0)));
  gt_at(&_fr, 6, 63);
  scale_default_factor_ = gt_replace(scale_default_factor_, gt_list_of(&T_list_float, 1, gt_vf(3.0)));
  /* def first_word: its defaults, made once */
  gt_at(&_fr, 44, 46);
  first_word_default_words_ = gt_replace(first_word_default_words_, gt_list_new(&T_list_str, 0));
  /* print(scale(), scale([1.0]), scale([1.0], [0.25])) */
  gt_at(&_fr, 52, 7);
  _t1 = scale_(scale_default_xs_, scale_default_factor_);
  _t2 = gt_list_of(&T_list_float, 1, gt_vf(1.0));
  _t3 = scale_(_t2, scale_default_factor_);
  _t4 = gt_list_of(&T_list_float, 1, gt_vf(1.0));
  _t5 = gt_list_of(&T_list_float, 1, gt_vf(0.25));
  _t6 = scale_(_t4, _t5);
  _t7 = gt_str_of_float(_t1);
  _t8 = gt_str_of_float(_t3);
  _t9 = gt_str_of_float(_t6);
  gt_print(3, (gt_str *[]){_t7, _t8, _t9}, NULL, NULL);
  gt_release(_t2);
  gt_release(_t4);
  gt_release(_t5);
  gt_release(_t7);
  gt_release(_t8);
  gt_release(_t9);
  /* print(kind(3), second([1]), second([1, 2]), label(True), first_word("a b")) */
  gt_at(&_fr, 53, 7);
  _t10 = kind_(3);
  _t11 = gt_list_of(&T_list_int, 1, gt_vi(1));
  _t12 = second_(_t11);
  _t13 = gt_list_of(&T_list_int, 2, gt_vi(1), gt_vi(2));
  _t14 = second_(_t13);
  _t15 = label_(true);
  _t16 = first_word_(&s5_a_b, first_word_default_words_);
  _t17 = gt_str_of_int(_t12);
  _t18 = gt_str_of_int(_t14);
  gt_print(5, (gt_str *[]){_t10, _t17, _t18, _t15, _t16}, NULL, NULL);
  gt_release(_t10);
  gt_release(_t11);
  gt_release(_t13);
  gt_release(_t15);
  gt_release(_t16);
  gt_release(_t17);
  gt_release(_t18);
  /* y = [1.5, 2.5] */
  gt_at(&_fr, 54, 1);
  y_ = gt_replace(y_, gt_list_of(&T_list_float, 2, gt_vf(1.5), gt_vf(2.5)));
  /* if isinstance(y, dict): */
  /* elif isinstance(y, list): */
  /* y = len(y) */
  gt_at(&_fr, 58, 5);
  y_2_ = gt_list_len(y_);
  /* print(y + 1) */
  gt_at(&_fr, 59, 7);
  _t19 = gt_str_of_int(gt_int_add(y_2_, 1));
  gt_print(1, (gt_str *[]){_t19}, NULL, NULL);
  gt_release(_t19);
  /* net = Net([1, 2, 3]) */
  gt_at(&_fr, 83, 7);
  _t20 = gt_list_of(&T_list_int, 3, gt_vi(1), gt_vi(2), gt_vi(3));
  net_ = gt_replace(net_, Net__new(_t20));
  gt_release(_t20);
  /* print(net.total(), net.names, len(net.layers)) */
  gt_at(&_fr, 84, 7);
  _t21 = Net_total_(net_);
  _t22 = gt_retain(net_->names_);
  _t23 = gt_str_of_int(_t21);
  _t24 = gt_val_str(gt_vp(_t22), &T_list_str);
  _t25 = gt_str_of_int(gt_list_len(net_->layers_));
  gt_print(3, (gt_str *[]){_t23, _t24, _t25}, NULL, NULL);
  gt_release(_t22);
  gt_release(_t23);
  gt_release(_t24);
  gt_release(_t25);
  gt_release(y_);
  gt_release(net_);
  gt_release(scale_default_xs_);
  gt_release(scale_default_factor_);
  gt_release(first_word_default_words_);
  gt_leave(&_fr);
  gt_exit(0);
}

/* exc_generator.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};
static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};

static gt_str s1_skip = {{GT_IMMORTAL, &gt_str_class}, 4, "skip"};
static gt_str s2_1 = {{GT_IMMORTAL, &gt_str_class}, 1, "1"};
static gt_str s3_x = {{GT_IMMORTAL, &gt_str_class}, 1, "x"};
static gt_str s4_3 = {{GT_IMMORTAL, &gt_str_class}, 1, "3"};
static gt_str s5_7 = {{GT_IMMORTAL, &gt_str_class}, 1, "7"};
static gt_str s6_y = {{GT_IMMORTAL, &gt_str_class}, 1, "y"};

static int64_t v_;

static gt_gen *parsed_(gt_list *words_);

typedef struct parsed__frame {
  gt_gen _gen;
  gt_list *words_;
  gt_str *volatile w_;
  volatile int64_t n_;
  gt_ValueError *volatile e_;
  volatile int64_t _i1;
  gt_list *volatile _t2;
  gt_handler _h1;
  volatile int64_t _t3;
  gt_str *volatile _t4;
} parsed__frame;

static void parsed__clear(gt_obj *o) {
  parsed__frame *_g = (parsed__frame *)o;
  _g->words_ = gt_replace(_g->words_, NULL);
  _g->w_ = gt_replace(_g->w_, NULL);
  _g->e_ = gt_replace(_g->e_, NULL);
  _g->_t2 = gt_replace(_g->_t2, NULL);
}

static gt_str *parsed__repr(gt_obj *o) { return gt_gen_repr(o, "parsed"); }

static const gt_class parsed__class = {.name = "generator", .drop = parsed__clear, .repr = parsed__repr};

static bool parsed__next(gt_gen *_gen, gt_val *_item) {
  parsed__frame *_g = (parsed__frame *)_gen;
  (void)_g;
  gt_frame _fr = {.func = "parsed", .file = "exc_generator.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_g->words_, &_g->w_, &_g->e_, &_g->_t2, &_g->_h1.exc, &_g->_t4}, .nslots = 6, .gen = _gen};
  gt_enter_holdings(&_holdings);
  switch (_gen->state) {
  case 1: goto _yield1;
  default: break;
  }
  /* for w in words: */
  gt_at(&_fr, 6, 5);
  _g->_t2 = gt_replace(_g->_t2, gt_retain(_g->words_));
  for (_g->_i1 = 0; _g->_i1 < gt_list_len(_g->_t2); _g->_i1++) {
    _g->w_ = gt_replace(_g->w_, ((gt_str *)gt_list_get(_g->_t2, _g->_i1).p));
    /* n = -1 */
    _g->n_ = -1;
    /* try: */
    gt_try(&_g->_h1);
    if (setjmp(_g->_h1.jump) == 0) {
      /* n = int(w) */
      gt_at(&_fr, 9, 17);
      _g->_t3 = gt_int_of_str(_g->w_);
      _g->n_ = _g->_t3;
      gt_untry(&_g->_h1);
    } else {
      /* except ValueError as e: */
      if (gt_exc_is(_g->_h1.exc, &gt_ValueError_class)) {
        _g->e_ = gt_replace(_g->e_, gt_retain(_g->_h1.exc));
        /* print("skip", e) */
        gt_at(&_fr, 11, 13);
        _g->_t4 = gt_val_str(gt_vp(_g->e_), &gt_t_obj);
        gt_print(2, (gt_str *[]){&s1_skip, _g->_t4}, NULL, NULL);
        _g->_t4 = gt_replace(_g->_t4, NULL);
        _g->e_ = gt_replace(_g->e_, NULL);
        _g->_h1.exc = gt_replace(_g->_h1.exc, NULL);
      } else {
        gt_reraise(&_g->_h1);
      }
    }
    /* yield n */
    gt_at(&_fr, 12, 9);
    *_item = gt_vi(_g->n_);
    _gen->state = 1;
    gt_leave_holdings(&_holdings);
    gt_leave(&_fr);
    return true;
    _yield1:;
  }
  _g->_t2 = gt_replace(_g->_t2, NULL);
  parsed__clear(&_gen->h);
  _gen->state = -1;
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  return false;
}

static gt_gen *parsed_(gt_list *words_) {
  parsed__frame *_g = (parsed__frame *)gt_gen_new(sizeof *_g, &parsed__class, parsed__next);
  _g->_gen.item_type = &gt_t_int;
  _g->words_ = gt_retain(words_);
  return &_g->_gen;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_list *_t1 = NULL;
  gt_gen *_t2 = NULL;
  gt_list *_t3 = NULL;
  gt_list *_t4 = NULL;
  gt_str *_t5 = NULL;
  gt_list *_t6 = NULL;
  gt_gen *_t7 = NULL;
  gt_val _v8;
  gt_str *_t9 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "exc_generator.gtp"};
  gt_enter(&_fr);
  gt_holdings _holdings = {.slots = (volatile void *const[]){&_t1, &_t2, &_t3, &_t4, &_t5, &_t6, &_t7, &_t9}, .nslots = 8};
  gt_enter_holdings(&_holdings);
  /* print(list(parsed(["1", "x", "3"]))) */
  gt_at(&_fr, 15, 12);
  _t1 = gt_list_of(&T_list_str, 3, gt_vp(&s2_1), gt_vp(&s3_x), gt_vp(&s4_3));
  _t2 = parsed_(_t1);
  _t3 = gt_gen_list(_t2, &T_list_int);
  _t4 = gt_retain(_t3);
  _t2 = gt_replace(_t2, NULL);
  _t5 = gt_val_str(gt_vp(_t4), &T_list_int);
  gt_print(1, (gt_str *[]){_t5}, NULL, NULL);
  _t1 = gt_replace(_t1, NULL);
  _t2 = gt_replace(_t2, NULL);
  _t3 = gt_replace(_t3, NULL);
  _t4 = gt_replace(_t4, NULL);
  _t5 = gt_replace(_t5, NULL);
  /* for v in parsed(["7", "y"]): */
  gt_at(&_fr, 16, 10);
  _t6 = gt_list_of(&T_list_str, 2, gt_vp(&s5_7), gt_vp(&s6_y));
  _t7 = gt_replace(_t7, parsed_(_t6));
  while (true) {
    gt_at(&_fr, 16, 10);
    if (!gt_gen_next(_t7, &_v8)) {
      break;
    }
    v_ = _v8.i;
    /* print(v) */
    gt_at(&_fr, 17, 5);
    _t9 = gt_str_of_int(v_);
    gt_print(1, (gt_str *[]){_t9}, NULL, NULL);
    _t9 = gt_replace(_t9, NULL);
  }
  _t7 = gt_replace(_t7, NULL);
  _t6 = gt_replace(_t6, NULL);
  gt_release(_t7);
  gt_leave_holdings(&_holdings);
  gt_leave(&_fr);
  gt_exit(0);
}

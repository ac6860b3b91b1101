/* match_emit.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_str_args[] = {&gt_t_str};
static const gt_type T_list_str = {GT_K_LIST, 1, T_list_str_args, NULL};

static gt_str s1_user = {{GT_IMMORTAL, &gt_str_class}, 4, "user"};
static gt_str s2_root = {{GT_IMMORTAL, &gt_str_class}, 4, "root"};
static gt_str s3_user = {{GT_IMMORTAL, &gt_str_class}, 5, "user "};
static gt_str s4_user = {{GT_IMMORTAL, &gt_str_class}, 4, "user"};
static gt_str s5_no_user = {{GT_IMMORTAL, &gt_str_class}, 7, "no user"};
static gt_str s6 = {{GT_IMMORTAL, &gt_str_class}, 1, "?"};
static gt_str s7_user = {{GT_IMMORTAL, &gt_str_class}, 4, "user"};
static gt_str s8_ann = {{GT_IMMORTAL, &gt_str_class}, 3, "ann"};
static gt_str s9_user = {{GT_IMMORTAL, &gt_str_class}, 4, "user"};
static gt_str s10_root = {{GT_IMMORTAL, &gt_str_class}, 4, "root"};

static gt_str *route_(gt_list *parts_);

static gt_str *route_(gt_list *parts_) {
  gt_str *_ret = NULL;
  gt_str *name_ = NULL;
  gt_str *_t1 = NULL;
  bool _t2;
  bool _t3;
  gt_str *_t4 = NULL;
  gt_str *_t5 = NULL;
  bool _t6;
  bool _t7;
  gt_frame _fr = {.func = "route", .file = "match_emit.gtp"};
  gt_enter(&_fr);
  /* case ["user", name] if name != "root": */
  _t3 = (gt_list_len(parts_) == 2);
  if (_t3) {
    gt_at(&_fr, 6, 15);
    _t1 = ((gt_str *)gt_list_get(parts_, 0).p);
    _t2 = gt_str_eq(_t1, &s1_user);
    gt_release(_t1);
    _t3 = _t2;
  }
  if (_t3) {
    /* case ["user", name] if name != "root": */
    gt_at(&_fr, 6, 23);
    _t4 = ((gt_str *)gt_list_get(parts_, 1).p);
    name_ = gt_replace(name_, gt_retain(_t4));
    gt_release(_t4);
    /* case ["user", name] if name != "root": */
    gt_at(&_fr, 6, 9);
    if (!gt_str_eq(name_, &s2_root)) {
      /* return "user " + name */
      gt_at(&_fr, 7, 13);
      _ret = gt_str_concat(&s3_user, name_);
      goto _out;
    }
  }
  /* case ["user", *_]: */
  _t7 = (gt_list_len(parts_) >= 1);
  if (_t7) {
    gt_at(&_fr, 8, 15);
    _t5 = ((gt_str *)gt_list_get(parts_, 0).p);
    _t6 = gt_str_eq(_t5, &s4_user);
    gt_release(_t5);
    _t7 = _t6;
  }
  if (_t7) {
    /* return "no user" */
    gt_at(&_fr, 9, 13);
    _ret = gt_retain(&s5_no_user);
    goto _out;
  }
  /* return "?" */
  gt_at(&_fr, 11, 13);
  _ret = gt_retain(&s6);
  goto _out;
_out:
  gt_release(name_);
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_list *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_list *_t3 = NULL;
  gt_str *_t4 = NULL;
  gt_list *_t5 = NULL;
  gt_str *_t6 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "match_emit.gtp"};
  gt_enter(&_fr);
  /* print(route(["user", "ann"]), route(["user", "root"]), route([])) */
  gt_at(&_fr, 14, 7);
  _t1 = gt_list_of(&T_list_str, 2, gt_vp(&s7_user), gt_vp(&s8_ann));
  _t2 = route_(_t1);
  _t3 = gt_list_of(&T_list_str, 2, gt_vp(&s9_user), gt_vp(&s10_root));
  _t4 = route_(_t3);
  _t5 = gt_list_new(&T_list_str, 0);
  _t6 = route_(_t5);
  gt_print(3, (gt_str *[]){_t2, _t4, _t6}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t2);
  gt_release(_t3);
  gt_release(_t4);
  gt_release(_t5);
  gt_release(_t6);
  gt_leave(&_fr);
  gt_exit(0);
}

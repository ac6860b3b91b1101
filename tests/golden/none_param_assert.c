/* none_param_assert.gtp, compiled by gtorchc. */
#include "gtorch.h"

static gt_str s1_noop_ran = {{GT_IMMORTAL, &gt_str_class}, 8, "noop ran"};
static gt_str s2 = {{GT_IMMORTAL, &gt_str_class}, 35, "group argument must be None for now"};

static void noop_(void);
static void start_(void *group_, int64_t n_);

static void noop_(void) {
  gt_frame _fr = {.func = "noop", .file = "none_param_assert.gtp"};
  gt_enter(&_fr);
  /* print("noop ran") */
  gt_at(&_fr, 5, 5);
  gt_print(1, (gt_str *[]){&s1_noop_ran}, NULL, NULL);
  gt_leave(&_fr);
}

static void start_(void *group_, int64_t n_) {
  bool _t1;
  int64_t _t2;
  gt_str *_t3 = NULL;
  gt_str *_t4 = NULL;
  gt_str *_t5 = NULL;
  gt_str *_t6 = NULL;
  gt_frame _fr = {.func = "start", .file = "none_param_assert.gtp"};
  gt_enter(&_fr);
  /* assert group is None, "group argument must be None for now" */
  gt_at(&_fr, 9, 5);
  (void)group_;
  _t1 = true;
  if (!_t1) {
    gt_fail("AssertionError: %s", (&s2)->data);
  }
  /* print(n, group is None, group is not None, noop() is None) */
  gt_at(&_fr, 10, 48);
  _t2 = n_;
  (void)group_;
  (void)group_;
  noop_();
  _t3 = gt_str_of_int(_t2);
  _t4 = gt_str_of_bool(true);
  _t5 = gt_str_of_bool(false);
  _t6 = gt_str_of_bool(true);
  gt_print(4, (gt_str *[]){_t3, _t4, _t5, _t6}, NULL, NULL);
  gt_release(_t3);
  gt_release(_t4);
  gt_release(_t5);
  gt_release(_t6);
  gt_leave(&_fr);
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_frame _fr = {.func = "<main>", .file = "none_param_assert.gtp"};
  gt_enter(&_fr);
  /* start() */
  gt_at(&_fr, 13, 1);
  start_(NULL, 1);
  /* start(None, 2) */
  gt_at(&_fr, 14, 1);
  start_(NULL, 2);
  gt_leave(&_fr);
  gt_exit(0);
}

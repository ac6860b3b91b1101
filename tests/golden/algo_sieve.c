/* algo_sieve.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_bool_args[] = {&gt_t_bool};
static const gt_type T_list_bool = {GT_K_LIST, 1, T_list_bool_args, NULL};
static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};

static gt_list *primes_;
static gt_list *big_;

static gt_list *sieve_(int64_t n_);

static gt_list *sieve_(int64_t n_) {
  gt_list *_ret = NULL;
  gt_list *is_prime_ = NULL;
  int64_t i_ = 0;
  int64_t j_ = 0;
  gt_list *_t1 = NULL;
  gt_list *_t2 = NULL;
  bool _t3;
  int64_t _i4;
  int64_t _v5;
  int64_t _v6;
  int64_t _v7;
  int64_t k_ = 0;
  gt_list *_t8 = NULL;
  int64_t _i9;
  int64_t _v10;
  bool _t11;
  gt_frame _fr = {.func = "sieve", .file = "algo_sieve.gtp"};
  gt_enter(&_fr);
  /* is_prime = [True] * (n + 1) */
  gt_at(&_fr, 3, 26);
  _t1 = gt_list_of(&T_list_bool, 1, gt_vb(true));
  gt_at(&_fr, 3, 16);
  _t2 = gt_list_repeat(_t1, gt_int_add(n_, 1));
  is_prime_ = gt_replace(is_prime_, gt_retain(_t2));
  gt_release(_t1);
  gt_release(_t2);
  /* is_prime[0] = False */
  gt_at(&_fr, 4, 5);
  gt_list_set(is_prime_, 0, gt_vb(false));
  /* is_prime[1] = False */
  gt_at(&_fr, 5, 5);
  gt_list_set(is_prime_, 1, gt_vb(false));
  /* i = 2 */
  i_ = 2;
  /* while i * i <= n: */
  while (gt_int_mul(i_, i_) <= n_) {
    /* if is_prime[i]: */
    gt_at(&_fr, 8, 12);
    _t3 = gt_list_get(is_prime_, i_).b;
    if (_t3) {
      /* for j in range(i * i, n + 1, i): */
      gt_at(&_fr, 9, 28);
      _v5 = gt_int_mul(i_, i_);
      _v6 = gt_int_add(n_, 1);
      _v7 = i_;
      gt_at(&_fr, 9, 42);
      if (_v7 == 0) gt_fail("ValueError: range() arg 3 must not be zero");
      for (_i4 = _v5; _v7 > 0 ? _i4 < _v6 : _i4 > _v6; _i4 = gt_range_after(_i4, _v6, _v7)) {
        j_ = _i4;
        /* is_prime[j] = False */
        gt_at(&_fr, 10, 17);
        gt_list_set(is_prime_, j_, gt_vb(false));
      }
    }
    /* i += 1 */
    gt_at(&_fr, 11, 9);
    i_ = gt_int_add(i_, 1);
  }
  /* return [k for k in range(n + 1) if is_prime[k]] */
  gt_at(&_fr, 12, 30);
  _t8 = gt_list_new(&T_list_int, 0);
  _v10 = gt_int_add(n_, 1);
  for (_i9 = 0; _i9 < _v10; _i9++) {
    k_ = _i9;
    gt_at(&_fr, 12, 40);
    _t11 = gt_list_get(is_prime_, k_).b;
    if (!_t11) continue;
    gt_list_append(_t8, gt_vi(k_));
  }
  _ret = _t8;
  goto _out;
_out:
  gt_release(is_prime_);
  gt_leave(&_fr);
  return _ret;
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_str *_t1 = NULL;
  int64_t _t2;
  int64_t _t3;
  int64_t _t4;
  gt_str *_t5 = NULL;
  gt_str *_t6 = NULL;
  gt_str *_t7 = NULL;
  gt_frame _fr = {.func = "<main>", .file = "algo_sieve.gtp"};
  gt_enter(&_fr);
  /* primes = sieve(100) */
  gt_at(&_fr, 15, 10);
  primes_ = gt_replace(primes_, sieve_(100));
  /* print(primes) */
  gt_at(&_fr, 16, 1);
  _t1 = gt_val_str(gt_vp(primes_), &T_list_int);
  gt_print(1, (gt_str *[]){_t1}, NULL, NULL);
  gt_release(_t1);
  /* big = sieve(100000) */
  gt_at(&_fr, 17, 7);
  big_ = gt_replace(big_, sieve_(100000));
  /* print(len(big), big[-1], sum(big)) */
  gt_at(&_fr, 18, 17);
  _t2 = gt_list_len(big_);
  _t3 = gt_list_get(big_, -1).i;
  gt_at(&_fr, 18, 26);
  _t4 = gt_sum_int(big_);
  _t5 = gt_str_of_int(_t2);
  _t6 = gt_str_of_int(_t3);
  _t7 = gt_str_of_int(_t4);
  gt_print(3, (gt_str *[]){_t5, _t6, _t7}, NULL, NULL);
  gt_release(_t5);
  gt_release(_t6);
  gt_release(_t7);
  gt_release(primes_);
  gt_release(big_);
  gt_leave(&_fr);
  gt_exit(0);
}

/* args_of_binding.gtp, compiled by gtorchc. */
#include "gtorch.h"

static const gt_type *const T_list_int_args[] = {&gt_t_int};
static const gt_type T_list_int = {GT_K_LIST, 1, T_list_int_args, NULL};
static const gt_type *const T_list_Runner_args[] = {&gt_t_obj};
static const gt_type T_list_Runner = {GT_K_LIST, 1, T_list_Runner_args, NULL};

static gt_str s1_work = {{GT_IMMORTAL, &gt_str_class}, 4, "work"};
static gt_str s2_rank = {{GT_IMMORTAL, &gt_str_class}, 4, "rank"};
static gt_str s3_doubled = {{GT_IMMORTAL, &gt_str_class}, 7, "doubled"};
static gt_str s4_x = {{GT_IMMORTAL, &gt_str_class}, 1, "x"};
static gt_str s5_k = {{GT_IMMORTAL, &gt_str_class}, 1, "k"};
static gt_str s6_y = {{GT_IMMORTAL, &gt_str_class}, 1, "y"};
static gt_str s7_z = {{GT_IMMORTAL, &gt_str_class}, 1, "z"};
static gt_str s8_n = {{GT_IMMORTAL, &gt_str_class}, 1, "n"};
static gt_str s9_five = {{GT_IMMORTAL, &gt_str_class}, 4, "five"};
static gt_str s10_nm = {{GT_IMMORTAL, &gt_str_class}, 2, "nm"};
static gt_str s11_pos = {{GT_IMMORTAL, &gt_str_class}, 3, "pos"};
static gt_str s12_a = {{GT_IMMORTAL, &gt_str_class}, 1, "a"};
static gt_str s13_t = {{GT_IMMORTAL, &gt_str_class}, 1, "t"};
static gt_str s14_t = {{GT_IMMORTAL, &gt_str_class}, 1, "t"};
static gt_str s15_lam = {{GT_IMMORTAL, &gt_str_class}, 3, "lam"};
static gt_str s16_t = {{GT_IMMORTAL, &gt_str_class}, 1, "t"};
static gt_str s17_inner = {{GT_IMMORTAL, &gt_str_class}, 5, "inner"};
static gt_str s18_no_args = {{GT_IMMORTAL, &gt_str_class}, 7, "no args"};

typedef struct Runner_ Runner_;
struct Runner_ {
  gt_obj _obj;
  gt_fn *target_;
};

/* the variables of main that its nested functions read */
typedef struct main__env {
  gt_obj _obj;
  gt_list *rs_;
} main__env;
static void main__env_drop(gt_obj *o) {
  gt_release(((main__env *)o)->rs_);
}
static const gt_class main__env_class = {.name = "main", .drop = main__env_drop};
typedef struct main__closure {
  gt_fn fn;
  main__env *env;
} main__closure;
static void main__closure_drop(gt_obj *o) { gt_release(((main__closure *)o)->env); }
static const gt_class main__closure_class = {.name = "function", .drop = main__closure_drop, .layout = &gt_layout_atomic};
static gt_fn *main__closure_new(void (*code)(void), main__env *env) {
  main__closure *c = gt_alloc(sizeof *c, &main__closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of work_bound that its nested functions read */
typedef struct work_bound_env {
  gt_obj _obj;
  int64_t a_;
  gt_str *b_;
  gt_str *tag_;
} work_bound_env;
static void work_bound_env_drop(gt_obj *o) {
  gt_release(((work_bound_env *)o)->b_);
  gt_release(((work_bound_env *)o)->tag_);
}
static const gt_class work_bound_env_class = {.name = "work_bound", .drop = work_bound_env_drop};
typedef struct work_bound_closure {
  gt_fn fn;
  work_bound_env *env;
} work_bound_closure;
static void work_bound_closure_drop(gt_obj *o) { gt_release(((work_bound_closure *)o)->env); }
static const gt_class work_bound_closure_class = {.name = "function", .drop = work_bound_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *work_bound_closure_new(void (*code)(void), work_bound_env *env) {
  work_bound_closure *c = gt_alloc(sizeof *c, &work_bound_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of work_bound that its nested functions read */
typedef struct work_bound2_env {
  gt_obj _obj;
  int64_t a_;
  gt_str *b_;
} work_bound2_env;
static void work_bound2_env_drop(gt_obj *o) {
  gt_release(((work_bound2_env *)o)->b_);
}
static const gt_class work_bound2_env_class = {.name = "work_bound", .drop = work_bound2_env_drop};
typedef struct work_bound2_closure {
  gt_fn fn;
  work_bound2_env *env;
} work_bound2_closure;
static void work_bound2_closure_drop(gt_obj *o) { gt_release(((work_bound2_closure *)o)->env); }
static const gt_class work_bound2_closure_class = {.name = "function", .drop = work_bound2_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *work_bound2_closure_new(void (*code)(void), work_bound2_env *env) {
  work_bound2_closure *c = gt_alloc(sizeof *c, &work_bound2_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of work_bound that its nested functions read */
typedef struct work_bound3_env {
  gt_obj _obj;
  int64_t a_;
  gt_str *b_;
} work_bound3_env;
static void work_bound3_env_drop(gt_obj *o) {
  gt_release(((work_bound3_env *)o)->b_);
}
static const gt_class work_bound3_env_class = {.name = "work_bound", .drop = work_bound3_env_drop};
typedef struct work_bound3_closure {
  gt_fn fn;
  work_bound3_env *env;
} work_bound3_closure;
static void work_bound3_closure_drop(gt_obj *o) { gt_release(((work_bound3_closure *)o)->env); }
static const gt_class work_bound3_closure_class = {.name = "function", .drop = work_bound3_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *work_bound3_closure_new(void (*code)(void), work_bound3_env *env) {
  work_bound3_closure *c = gt_alloc(sizeof *c, &work_bound3_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of f_bound that its nested functions read */
typedef struct f_bound_env {
  gt_obj _obj;
  gt_fn *func_;
  int64_t arg1_;
  gt_str *arg2_;
} f_bound_env;
static void f_bound_env_drop(gt_obj *o) {
  gt_release(((f_bound_env *)o)->func_);
  gt_release(((f_bound_env *)o)->arg2_);
}
static const gt_class f_bound_env_class = {.name = "f_bound", .drop = f_bound_env_drop};
typedef struct f_bound_closure {
  gt_fn fn;
  f_bound_env *env;
} f_bound_closure;
static void f_bound_closure_drop(gt_obj *o) { gt_release(((f_bound_closure *)o)->env); }
static const gt_class f_bound_closure_class = {.name = "function", .drop = f_bound_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *f_bound_closure_new(void (*code)(void), f_bound_env *env) {
  f_bound_closure *c = gt_alloc(sizeof *c, &f_bound_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of ranked_bound that its nested functions read */
typedef struct ranked_bound_env {
  gt_obj _obj;
  gt_list *xs_;
  gt_str *name_;
} ranked_bound_env;
static void ranked_bound_env_drop(gt_obj *o) {
  gt_release(((ranked_bound_env *)o)->xs_);
  gt_release(((ranked_bound_env *)o)->name_);
}
static const gt_class ranked_bound_env_class = {.name = "ranked_bound", .drop = ranked_bound_env_drop};
typedef struct ranked_bound_closure {
  gt_fn fn;
  ranked_bound_env *env;
} ranked_bound_closure;
static void ranked_bound_closure_drop(gt_obj *o) { gt_release(((ranked_bound_closure *)o)->env); }
static const gt_class ranked_bound_closure_class = {.name = "function", .drop = ranked_bound_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *ranked_bound_closure_new(void (*code)(void), ranked_bound_env *env) {
  ranked_bound_closure *c = gt_alloc(sizeof *c, &ranked_bound_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of ranked_bound that its nested functions read */
typedef struct ranked_bound2_env {
  gt_obj _obj;
  gt_list *xs_;
  gt_str *name_;
} ranked_bound2_env;
static void ranked_bound2_env_drop(gt_obj *o) {
  gt_release(((ranked_bound2_env *)o)->xs_);
  gt_release(((ranked_bound2_env *)o)->name_);
}
static const gt_class ranked_bound2_env_class = {.name = "ranked_bound", .drop = ranked_bound2_env_drop};
typedef struct ranked_bound2_closure {
  gt_fn fn;
  ranked_bound2_env *env;
} ranked_bound2_closure;
static void ranked_bound2_closure_drop(gt_obj *o) { gt_release(((ranked_bound2_closure *)o)->env); }
static const gt_class ranked_bound2_closure_class = {.name = "function", .drop = ranked_bound2_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *ranked_bound2_closure_new(void (*code)(void), ranked_bound2_env *env) {
  ranked_bound2_closure *c = gt_alloc(sizeof *c, &ranked_bound2_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of work_bound that its nested functions read */
typedef struct work_bound4_env {
  gt_obj _obj;
  int64_t a_;
  gt_str *b_;
} work_bound4_env;
static void work_bound4_env_drop(gt_obj *o) {
  gt_release(((work_bound4_env *)o)->b_);
}
static const gt_class work_bound4_env_class = {.name = "work_bound", .drop = work_bound4_env_drop};
typedef struct work_bound4_closure {
  gt_fn fn;
  work_bound4_env *env;
} work_bound4_closure;
static void work_bound4_closure_drop(gt_obj *o) { gt_release(((work_bound4_closure *)o)->env); }
static const gt_class work_bound4_closure_class = {.name = "function", .drop = work_bound4_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *work_bound4_closure_new(void (*code)(void), work_bound4_env *env) {
  work_bound4_closure *c = gt_alloc(sizeof *c, &work_bound4_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of inner_bound that its nested functions read */
typedef struct inner_bound_env {
  gt_obj _obj;
  gt_fn *func_;
  int64_t arg1_;
} inner_bound_env;
static void inner_bound_env_drop(gt_obj *o) {
  gt_release(((inner_bound_env *)o)->func_);
}
static const gt_class inner_bound_env_class = {.name = "inner_bound", .drop = inner_bound_env_drop};
typedef struct inner_bound_closure {
  gt_fn fn;
  inner_bound_env *env;
} inner_bound_closure;
static void inner_bound_closure_drop(gt_obj *o) { gt_release(((inner_bound_closure *)o)->env); }
static const gt_class inner_bound_closure_class = {.name = "function", .drop = inner_bound_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *inner_bound_closure_new(void (*code)(void), inner_bound_env *env) {
  inner_bound_closure *c = gt_alloc(sizeof *c, &inner_bound_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

/* the variables of doubled_bound that its nested functions read */
typedef struct doubled_bound_env {
  gt_obj _obj;
  int64_t a_;
} doubled_bound_env;
static const gt_class doubled_bound_env_class = {.name = "doubled_bound", .drop = NULL};
typedef struct doubled_bound_closure {
  gt_fn fn;
  doubled_bound_env *env;
} doubled_bound_closure;
static void doubled_bound_closure_drop(gt_obj *o) { gt_release(((doubled_bound_closure *)o)->env); }
static const gt_class doubled_bound_closure_class = {.name = "function", .drop = doubled_bound_closure_drop, .layout = &gt_layout_atomic};
static gt_fn *doubled_bound_closure_new(void (*code)(void), doubled_bound_env *env) {
  doubled_bound_closure *c = gt_alloc(sizeof *c, &doubled_bound_closure_class);
  c->fn.code = code;
  c->env = gt_retain(env);
  return &c->fn;
}

static void Runner___init___(Runner_ *self_, gt_fn *target_, gt_str *name_, void *args_, void *kwargs_);
static void Runner_run_(Runner_ *self_);
static Runner_ *Runner__new(gt_fn *target_, gt_str *name_, void *args_, void *kwargs_);
static void spawn_(gt_fn *fn_, void *args_, int64_t nprocs_);
static void work_(int64_t a_, gt_str *b_, double scale_, gt_str *tag_);
static void ranked_(int64_t rank_, gt_list *xs_, gt_str *name_);
static int64_t doubled_(int64_t a_);
static void main_(void);
static gt_fn *work_bound(int64_t a_, gt_str *b_, gt_str *tag_);
static void work_bound_lambda(work_bound_env *_up);
static gt_fn *work_bound2(int64_t a_, gt_str *b_);
static void work_bound2_lambda(work_bound2_env *_up);
static gt_fn *work_bound3(int64_t a_, gt_str *b_);
static void work_bound3_lambda(work_bound3_env *_up);
static void main__lambda(int64_t a_, gt_str *b_);
static gt_fn *f_bound(gt_fn *func_, int64_t arg1_, gt_str *arg2_);
static void f_bound_lambda(f_bound_env *_up);
static gt_fn *ranked_bound(gt_list *xs_, gt_str *name_);
static void ranked_bound_lambda(ranked_bound_env *_up, int64_t u__b0_);
static gt_fn *ranked_bound2(gt_list *xs_, gt_str *name_);
static void ranked_bound2_lambda(ranked_bound2_env *_up, int64_t u__b0_);
static gt_fn *work_bound4(int64_t a_, gt_str *b_);
static void work_bound4_lambda(work_bound4_env *_up);
static void main__inner_(main__env *_up, int64_t k_);
static gt_fn *inner_bound(gt_fn *func_, int64_t arg1_);
static void inner_bound_lambda(inner_bound_env *_up);
static void main__lambda2(void);
static gt_fn *doubled_bound(int64_t a_);
static void doubled_bound_lambda(doubled_bound_env *_up);
static void work_bound_lambda_code(gt_fn *f);
static void work_bound2_lambda_code(gt_fn *f);
static void work_bound3_lambda_code(gt_fn *f);
static void main__lambda_code(gt_fn *f, int64_t _a0, gt_str *_a1);
static gt_fn main__lambda_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main__lambda_code};
static void f_bound_lambda_code(gt_fn *f);
static void ranked_bound_lambda_code(gt_fn *f, int64_t _a0);
static void ranked_bound2_lambda_code(gt_fn *f, int64_t _a0);
static void work_bound4_lambda_code(gt_fn *f);
static void main__inner__code(gt_fn *f, int64_t _a0);
static void inner_bound_lambda_code(gt_fn *f);
static void main__lambda2_code(gt_fn *f);
static gt_fn main__lambda2_value = {{GT_IMMORTAL, &gt_fn_class}, (void (*)(void))main__lambda2_code};
static void doubled_bound_lambda_code(gt_fn *f);
static inline void call_Callable_None(gt_fn *f) {
  ((void (*)(gt_fn *))f->code)(f);
}
static inline void call_Callable_int_None(gt_fn *f, int64_t _a0) {
  ((void (*)(gt_fn *, int64_t))f->code)(f, _a0);
}
static inline void call_Callable_int_str_None(gt_fn *f, int64_t _a0, gt_str *_a1) {
  ((void (*)(gt_fn *, int64_t, gt_str *))f->code)(f, _a0, _a1);
}

static void Runner__drop(gt_obj *o) {
  Runner_ *self = (Runner_ *)o;
  gt_release(self->target_);
}

static const gt_field Runner__layout_fields[] = {
  {"target", offsetof(Runner_, target_), &gt_t_obj},
};
static const gt_layout Runner__layout = {sizeof(Runner_), 1, Runner__layout_fields};

static const gt_class Runner__class = {"Runner", Runner__drop, NULL, NULL, NULL, NULL, NULL, NULL, &Runner__layout};

static Runner_ *Runner__new(gt_fn *target_, gt_str *name_, void *args_, void *kwargs_) {
  Runner_ *self = gt_alloc(sizeof(Runner_), &Runner__class);
  Runner___init___(self, target_, name_, args_, kwargs_);
  return self;
}

static void work_bound_lambda_code(gt_fn *f) {
  work_bound_lambda(((work_bound_closure *)f)->env);
}

static void work_bound2_lambda_code(gt_fn *f) {
  work_bound2_lambda(((work_bound2_closure *)f)->env);
}

static void work_bound3_lambda_code(gt_fn *f) {
  work_bound3_lambda(((work_bound3_closure *)f)->env);
}

static void main__lambda_code(gt_fn *f, int64_t _a0, gt_str *_a1) {
  (void)f;
  main__lambda(_a0, _a1);
}

static void f_bound_lambda_code(gt_fn *f) {
  f_bound_lambda(((f_bound_closure *)f)->env);
}

static void ranked_bound_lambda_code(gt_fn *f, int64_t _a0) {
  ranked_bound_lambda(((ranked_bound_closure *)f)->env, _a0);
}

static void ranked_bound2_lambda_code(gt_fn *f, int64_t _a0) {
  ranked_bound2_lambda(((ranked_bound2_closure *)f)->env, _a0);
}

static void work_bound4_lambda_code(gt_fn *f) {
  work_bound4_lambda(((work_bound4_closure *)f)->env);
}

static void main__inner__code(gt_fn *f, int64_t _a0) {
  main__inner_(((main__closure *)f)->env, _a0);
}

static void inner_bound_lambda_code(gt_fn *f) {
  inner_bound_lambda(((inner_bound_closure *)f)->env);
}

static void main__lambda2_code(gt_fn *f) {
  (void)f;
  main__lambda2();
}

static void doubled_bound_lambda_code(gt_fn *f) {
  doubled_bound_lambda(((doubled_bound_closure *)f)->env);
}

static void Runner___init___(Runner_ *self_, gt_fn *target_, gt_str *name_, void *args_, void *kwargs_) {
  gt_frame _fr = {.func = "Runner.__init__", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  (void)name_;
  (void)args_;
  (void)kwargs_;
  /* self.target = target */
  gt_at(&_fr, 11, 9);
  self_->target_ = gt_replace(self_->target_, gt_retain(target_));
  gt_leave(&_fr);
}

static void Runner_run_(Runner_ *self_) {
  gt_fn *_t1 = NULL;
  gt_frame _fr = {.func = "Runner.run", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* if self.target is not None: */
  if (self_->target_ != NULL) {
    /* self.target() */
    gt_at(&_fr, 15, 13);
    _t1 = ((gt_fn *)gt_some(self_->target_, "self.target"));
    call_Callable_None(_t1);
  }
  gt_leave(&_fr);
}

static void spawn_(gt_fn *fn_, void *args_, int64_t nprocs_) {
  int64_t i_ = 0;
  int64_t _i1;
  int64_t _v2;
  gt_frame _fr = {.func = "spawn", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  (void)args_;
  /* for i in range(nprocs): */
  gt_at(&_fr, 19, 5);
  _v2 = nprocs_;
  for (_i1 = 0; _i1 < _v2; _i1++) {
    i_ = _i1;
    /* fn(i) */
    gt_at(&_fr, 20, 9);
    call_Callable_int_None(fn_, i_);
  }
  gt_leave(&_fr);
}

static void work_(int64_t a_, gt_str *b_, double scale_, gt_str *tag_) {
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "work", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* print("work", a, b, scale, tag) */
  gt_at(&_fr, 24, 5);
  _t1 = gt_str_of_int(a_);
  _t2 = gt_str_of_float(scale_);
  gt_print(5, (gt_str *[]){&s1_work, _t1, b_, _t2, tag_}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t2);
  gt_leave(&_fr);
}

static void ranked_(int64_t rank_, gt_list *xs_, gt_str *name_) {
  gt_str *_t1 = NULL;
  gt_str *_t2 = NULL;
  gt_frame _fr = {.func = "ranked", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* print("rank", rank, xs, name) */
  gt_at(&_fr, 28, 5);
  _t1 = gt_str_of_int(rank_);
  _t2 = gt_val_str(gt_vp(xs_), &T_list_int);
  gt_print(4, (gt_str *[]){&s2_rank, _t1, _t2, name_}, NULL, NULL);
  gt_release(_t1);
  gt_release(_t2);
  gt_leave(&_fr);
}

static int64_t doubled_(int64_t a_) {
  int64_t _ret = 0;
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "doubled", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* print("doubled", a * 2) */
  gt_at(&_fr, 32, 22);
  _t1 = gt_str_of_int(gt_int_mul(a_, 2));
  gt_print(2, (gt_str *[]){&s3_doubled, _t1}, NULL, NULL);
  gt_release(_t1);
  /* return a * 2 */
  gt_at(&_fr, 33, 12);
  _ret = gt_int_mul(a_, 2);
  goto _out;
_out:
  gt_leave(&_fr);
  return _ret;
}

static void main_(void) {
  main__env *_env = gt_alloc(sizeof *_env, &main__env_class);
  int64_t i_ = 0;
  Runner_ *r_ = NULL;
  gt_fn *f_ = NULL;
  gt_fn *inner_ = NULL;
  int64_t _i1;
  int64_t _t2;
  gt_str *_t3 = NULL;
  gt_str *_t4 = NULL;
  gt_fn *_t5 = NULL;
  Runner_ *_t6 = NULL;
  int64_t _i7;
  gt_list *_t8 = NULL;
  gt_fn *_t9 = NULL;
  Runner_ *_t10 = NULL;
  gt_fn *_t11 = NULL;
  Runner_ *_t12 = NULL;
  gt_fn *_t13 = NULL;
  Runner_ *_t14 = NULL;
  gt_list *_t15 = NULL;
  gt_fn *_t16 = NULL;
  gt_list *_t17 = NULL;
  gt_fn *_t18 = NULL;
  gt_fn *_t19 = NULL;
  Runner_ *_t20 = NULL;
  gt_fn *_t21 = NULL;
  Runner_ *_t22 = NULL;
  Runner_ *_t23 = NULL;
  gt_fn *_t24 = NULL;
  Runner_ *_t25 = NULL;
  gt_frame _fr = {.func = "main", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* rs: list[Runner] = [] */
  gt_at(&_fr, 37, 5);
  _env->rs_ = gt_replace(_env->rs_, gt_list_new(&T_list_Runner, 0));
  /* for i in range(3): */
  gt_at(&_fr, 38, 5);
  for (_i1 = 0; _i1 < 3; _i1++) {
    i_ = _i1;
    /* rs.append(Runner(target=work, args=(i, "x" + str(i)), kwargs={"tag": "k"})) */
    gt_at(&_fr, 39, 19);
    _t2 = i_;
    _t3 = gt_str_of_int(i_);
    _t4 = gt_str_concat(&s4_x, _t3);
    _t5 = work_bound(_t2, _t4, &s5_k);
    _t6 = Runner__new(_t5, NULL, NULL, NULL);
    gt_at(&_fr, 39, 9);
    gt_list_append(_env->rs_, gt_vp(_t6));
    gt_release(_t3);
    gt_release(_t4);
    gt_release(_t5);
    gt_release(_t6);
  }
  /* for r in rs: */
  gt_at(&_fr, 40, 5);
  _t8 = gt_replace(_t8, gt_retain(_env->rs_));
  for (_i7 = 0; _i7 < gt_list_len(_t8); _i7++) {
    r_ = gt_replace(r_, ((Runner_ *)gt_list_get(_t8, _i7).p));
    /* r.run() */
    gt_at(&_fr, 41, 9);
    Runner_run_(r_);
  }
  _t8 = gt_replace(_t8, NULL);
  /* Runner(target=work, args=(7, "y")).run() */
  gt_at(&_fr, 42, 5);
  _t9 = work_bound2(7, &s6_y);
  _t10 = Runner__new(_t9, NULL, NULL, NULL);
  Runner_run_(_t10);
  gt_release(_t9);
  gt_release(_t10);
  /* Runner(work, "n", (1, "z")).run() */
  gt_at(&_fr, 43, 5);
  _t11 = work_bound3(1, &s7_z);
  _t12 = Runner__new(_t11, &s8_n, NULL, NULL);
  Runner_run_(_t12);
  gt_release(_t11);
  gt_release(_t12);
  /* f: Callable[[int, str], None] = lambda a, b: print("lam", a, b) */
  gt_at(&_fr, 44, 5);
  f_ = gt_replace(f_, gt_retain(&main__lambda_value));
  /* Runner(target=f, args=(5, "five")).run() */
  gt_at(&_fr, 45, 5);
  _t13 = f_bound(f_, 5, &s9_five);
  _t14 = Runner__new(_t13, NULL, NULL, NULL);
  Runner_run_(_t14);
  gt_release(_t13);
  gt_release(_t14);
  /* spawn(ranked, args=([1, 2], "nm"), nprocs=2) */
  gt_at(&_fr, 46, 5);
  _t15 = gt_list_of(&T_list_int, 2, gt_vi(1), gt_vi(2));
  _t16 = ranked_bound(_t15, &s10_nm);
  spawn_(_t16, NULL, 2);
  gt_release(_t15);
  gt_release(_t16);
  /* spawn(ranked, ([3], "pos"), 1) */
  gt_at(&_fr, 47, 5);
  _t17 = gt_list_of(&T_list_int, 1, gt_vi(3));
  _t18 = ranked_bound2(_t17, &s11_pos);
  spawn_(_t18, NULL, 1);
  gt_release(_t17);
  gt_release(_t18);
  /* Runner(target=work, args=(1, "a")).run() */
  gt_at(&_fr, 48, 5);
  _t19 = work_bound4(1, &s12_a);
  _t20 = Runner__new(_t19, NULL, NULL, NULL);
  Runner_run_(_t20);
  gt_release(_t19);
  gt_release(_t20);
  /* inner(k: int) -> None: */
  gt_at(&_fr, 50, 9);
  inner_ = gt_replace(inner_, main__closure_new((void (*)(void))main__inner__code, _env));
  /* Runner(target=inner, args=(9,)).run() */
  gt_at(&_fr, 52, 5);
  _t21 = inner_bound(inner_, 9);
  _t22 = Runner__new(_t21, NULL, NULL, NULL);
  Runner_run_(_t22);
  gt_release(_t21);
  gt_release(_t22);
  /* Runner(target=lambda: print("no args")).run() */
  gt_at(&_fr, 53, 5);
  _t23 = Runner__new(&main__lambda2_value, NULL, NULL, NULL);
  Runner_run_(_t23);
  gt_release(_t23);
  /* Runner(target=doubled, args=(21,)).run()  # its value dropped, as Python's Process drops it */
  gt_at(&_fr, 54, 5);
  _t24 = doubled_bound(21);
  _t25 = Runner__new(_t24, NULL, NULL, NULL);
  Runner_run_(_t25);
  gt_release(_t24);
  gt_release(_t25);
  gt_release(_t8);
  gt_release(_env);
  gt_release(r_);
  gt_release(f_);
  gt_release(inner_);
  gt_leave(&_fr);
}

static gt_fn *work_bound(int64_t a_, gt_str *b_, gt_str *tag_) {
  gt_fn *_ret = NULL;
  work_bound_env *_env = gt_alloc(sizeof *_env, &work_bound_env_class);
  gt_frame _fr = {.func = "work_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->a_ = a_;
  _env->b_ = gt_retain(b_);
  _env->tag_ = gt_retain(tag_);
  /* Runner(target=work, args=(i, "x" + str(i)), kwargs={"tag": "k"})) */
  gt_at(&_fr, 39, 19);
  _ret = work_bound_closure_new((void (*)(void))work_bound_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void work_bound_lambda(work_bound_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(target=work, args=(i, "x" + str(i)), kwargs={"tag": "k"})) */
  gt_at(&_fr, 39, 19);
  work_(_up->a_, _up->b_, 1.0, _up->tag_);
  gt_leave(&_fr);
}

static gt_fn *work_bound2(int64_t a_, gt_str *b_) {
  gt_fn *_ret = NULL;
  work_bound2_env *_env = gt_alloc(sizeof *_env, &work_bound2_env_class);
  gt_frame _fr = {.func = "work_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->a_ = a_;
  _env->b_ = gt_retain(b_);
  /* Runner(target=work, args=(7, "y")).run() */
  gt_at(&_fr, 42, 5);
  _ret = work_bound2_closure_new((void (*)(void))work_bound2_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void work_bound2_lambda(work_bound2_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(target=work, args=(7, "y")).run() */
  gt_at(&_fr, 42, 5);
  work_(_up->a_, _up->b_, 1.0, &s13_t);
  gt_leave(&_fr);
}

static gt_fn *work_bound3(int64_t a_, gt_str *b_) {
  gt_fn *_ret = NULL;
  work_bound3_env *_env = gt_alloc(sizeof *_env, &work_bound3_env_class);
  gt_frame _fr = {.func = "work_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->a_ = a_;
  _env->b_ = gt_retain(b_);
  /* Runner(work, "n", (1, "z")).run() */
  gt_at(&_fr, 43, 5);
  _ret = work_bound3_closure_new((void (*)(void))work_bound3_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void work_bound3_lambda(work_bound3_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(work, "n", (1, "z")).run() */
  gt_at(&_fr, 43, 5);
  work_(_up->a_, _up->b_, 1.0, &s14_t);
  gt_leave(&_fr);
}

static void main__lambda(int64_t a_, gt_str *b_) {
  gt_str *_t1 = NULL;
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* print("lam", a, b) */
  gt_at(&_fr, 44, 50);
  _t1 = gt_str_of_int(a_);
  gt_print(3, (gt_str *[]){&s15_lam, _t1, b_}, NULL, NULL);
  gt_release(_t1);
  gt_leave(&_fr);
}

static gt_fn *f_bound(gt_fn *func_, int64_t arg1_, gt_str *arg2_) {
  gt_fn *_ret = NULL;
  f_bound_env *_env = gt_alloc(sizeof *_env, &f_bound_env_class);
  gt_frame _fr = {.func = "f_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->func_ = gt_retain(func_);
  _env->arg1_ = arg1_;
  _env->arg2_ = gt_retain(arg2_);
  /* Runner(target=f, args=(5, "five")).run() */
  gt_at(&_fr, 45, 5);
  _ret = f_bound_closure_new((void (*)(void))f_bound_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void f_bound_lambda(f_bound_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(target=f, args=(5, "five")).run() */
  gt_at(&_fr, 45, 5);
  call_Callable_int_str_None(_up->func_, _up->arg1_, _up->arg2_);
  gt_leave(&_fr);
}

static gt_fn *ranked_bound(gt_list *xs_, gt_str *name_) {
  gt_fn *_ret = NULL;
  ranked_bound_env *_env = gt_alloc(sizeof *_env, &ranked_bound_env_class);
  gt_frame _fr = {.func = "ranked_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->xs_ = gt_retain(xs_);
  _env->name_ = gt_retain(name_);
  /* spawn(ranked, args=([1, 2], "nm"), nprocs=2) */
  gt_at(&_fr, 46, 5);
  _ret = ranked_bound_closure_new((void (*)(void))ranked_bound_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void ranked_bound_lambda(ranked_bound_env *_up, int64_t u__b0_) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* spawn(ranked, args=([1, 2], "nm"), nprocs=2) */
  gt_at(&_fr, 46, 5);
  ranked_(u__b0_, _up->xs_, _up->name_);
  gt_leave(&_fr);
}

static gt_fn *ranked_bound2(gt_list *xs_, gt_str *name_) {
  gt_fn *_ret = NULL;
  ranked_bound2_env *_env = gt_alloc(sizeof *_env, &ranked_bound2_env_class);
  gt_frame _fr = {.func = "ranked_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->xs_ = gt_retain(xs_);
  _env->name_ = gt_retain(name_);
  /* spawn(ranked, ([3], "pos"), 1) */
  gt_at(&_fr, 47, 5);
  _ret = ranked_bound2_closure_new((void (*)(void))ranked_bound2_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void ranked_bound2_lambda(ranked_bound2_env *_up, int64_t u__b0_) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* spawn(ranked, ([3], "pos"), 1) */
  gt_at(&_fr, 47, 5);
  ranked_(u__b0_, _up->xs_, _up->name_);
  gt_leave(&_fr);
}

static gt_fn *work_bound4(int64_t a_, gt_str *b_) {
  gt_fn *_ret = NULL;
  work_bound4_env *_env = gt_alloc(sizeof *_env, &work_bound4_env_class);
  gt_frame _fr = {.func = "work_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->a_ = a_;
  _env->b_ = gt_retain(b_);
  /* Runner(target=work, args=(1, "a")).run() */
  gt_at(&_fr, 48, 5);
  _ret = work_bound4_closure_new((void (*)(void))work_bound4_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void work_bound4_lambda(work_bound4_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(target=work, args=(1, "a")).run() */
  gt_at(&_fr, 48, 5);
  work_(_up->a_, _up->b_, 1.0, &s16_t);
  gt_leave(&_fr);
}

static void main__inner_(main__env *_up, int64_t k_) {
  int64_t _t1;
  gt_str *_t2 = NULL;
  gt_str *_t3 = NULL;
  gt_frame _fr = {.func = "main.<locals>.inner", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* print("inner", k, len(rs)) */
  gt_at(&_fr, 51, 9);
  _t1 = k_;
  _t2 = gt_str_of_int(_t1);
  _t3 = gt_str_of_int(gt_list_len(_up->rs_));
  gt_print(3, (gt_str *[]){&s17_inner, _t2, _t3}, NULL, NULL);
  gt_release(_t2);
  gt_release(_t3);
  gt_leave(&_fr);
}

static gt_fn *inner_bound(gt_fn *func_, int64_t arg1_) {
  gt_fn *_ret = NULL;
  inner_bound_env *_env = gt_alloc(sizeof *_env, &inner_bound_env_class);
  gt_frame _fr = {.func = "inner_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->func_ = gt_retain(func_);
  _env->arg1_ = arg1_;
  /* Runner(target=inner, args=(9,)).run() */
  gt_at(&_fr, 52, 5);
  _ret = inner_bound_closure_new((void (*)(void))inner_bound_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void inner_bound_lambda(inner_bound_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(target=inner, args=(9,)).run() */
  gt_at(&_fr, 52, 5);
  call_Callable_int_None(_up->func_, _up->arg1_);
  gt_leave(&_fr);
}

static void main__lambda2(void) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* print("no args")).run() */
  gt_at(&_fr, 53, 27);
  gt_print(1, (gt_str *[]){&s18_no_args}, NULL, NULL);
  gt_leave(&_fr);
}

static gt_fn *doubled_bound(int64_t a_) {
  gt_fn *_ret = NULL;
  doubled_bound_env *_env = gt_alloc(sizeof *_env, &doubled_bound_env_class);
  gt_frame _fr = {.func = "doubled_bound", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  _env->a_ = a_;
  /* Runner(target=doubled, args=(21,)).run()  # its value dropped, as Python's Process drops it */
  gt_at(&_fr, 54, 5);
  _ret = doubled_bound_closure_new((void (*)(void))doubled_bound_lambda_code, _env);
  goto _out;
_out:
  gt_release(_env);
  gt_leave(&_fr);
  return _ret;
}

static void doubled_bound_lambda(doubled_bound_env *_up) {
  gt_frame _fr = {.func = "<lambda>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* Runner(target=doubled, args=(21,)).run()  # its value dropped, as Python's Process drops it */
  gt_at(&_fr, 54, 5);
  (void)doubled_(_up->a_);
  gt_leave(&_fr);
}

int main(int argc, char **argv) {
  gt_init(argc, argv);
  gt_frame _fr = {.func = "<main>", .file = "args_of_binding.gtp"};
  gt_enter(&_fr);
  /* main() */
  gt_at(&_fr, 57, 1);
  main_();
  gt_leave(&_fr);
  gt_exit(0);
}

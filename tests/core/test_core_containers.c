/* list, tuple and dict: scripted operations replayed against CPython's
 * results, sorting, printing of nested containers, reference counts. */
#include "test_util.h"

#include "core_expected.h"

static const gt_type *const args_float[] = {&gt_t_float};
static const gt_type list_float = {GT_K_LIST, 1, args_float, NULL};
static const gt_type *const args_str_int[] = {&gt_t_str, &gt_t_int};
static const gt_type dict_str_int = {GT_K_DICT, 2, args_str_int, NULL};

static gt_str *S(const char *s) { return gt_str_from_cstr(s); }

static gt_str *repr_of(void *p, const gt_type *t) { return gt_val_repr((gt_val){.p = p}, t); }

static void test_sort(void **state) {
  (void)state;
  int bad = 0;
  for (size_t k = 0; k < N_OF(SORTS); k++) {
    const sort_case *c = &SORTS[k];
    const gt_type *t = c->ints ? &gt_t_list_int : c->floats ? &list_float : &gt_t_list_str;
    gt_list *l = gt_list_new(t, 0);
    for (int i = 0; i < c->n; i++) {
      if (c->ints) gt_list_append(l, (gt_val){.i = c->ints[i]});
      else if (c->floats) gt_list_append(l, (gt_val){.f = from_bits(c->floats[i])});
      else {
        gt_str *s = S(c->strs[i]);
        gt_list_append(l, (gt_val){.p = s});
        gt_release(s);
      }
    }
    gt_list *sorted = gt_sorted(l, c->reverse);
    char what[64];
    snprintf(what, sizeof what, "sorted %s n=%d reverse=%d", c->kind, c->n, c->reverse);
    bad += !check_str(repr_of(sorted, t), c->expect, what);
    gt_list_sort(l, c->reverse);
    bad += !check_str(repr_of(l, t), c->expect, what);
    gt_release(sorted);
    gt_release(l);
  }
  assert_int_equal(bad, 0);
}

static void test_list_script(void **state) {
  (void)state;
  int bad = 0;
  gt_list *l = gt_list_new(&gt_t_list_int, 0);
  for (size_t k = 0; k < N_OF(LIST_SCRIPT); k++) {
    const list_step *s = &LIST_SCRIPT[k];
    gt_val b = {.i = s->b};
    char result[32] = "None";
    if (!strcmp(s->op, "append")) gt_list_append(l, b);
    else if (!strcmp(s->op, "insert")) gt_list_insert(l, s->a, b);
    else if (!strcmp(s->op, "pop")) snprintf(result, sizeof result, "%lld", (long long)gt_list_pop(l, s->a).i);
    else if (!strcmp(s->op, "set")) gt_list_set(l, s->a, b);
    else if (!strcmp(s->op, "del")) gt_list_del(l, s->a);
    else if (!strcmp(s->op, "remove")) gt_list_remove(l, b);
    else if (!strcmp(s->op, "extend")) {
      gt_list *r = gt_range_list(0, s->b % 4, 1);
      gt_list_extend(l, r);
      gt_release(r);
    } else if (!strcmp(s->op, "reverse")) gt_list_reverse(l);
    else if (!strcmp(s->op, "sort")) gt_list_sort(l, s->b % 2);
    else if (!strcmp(s->op, "clear")) gt_list_clear(l);
    char what[64];
    snprintf(what, sizeof what, "step %zu %s(%lld, %lld)", k, s->op, (long long)s->a, (long long)s->b);
    if (strcmp(result, s->result) != 0) {
      print_error("%s: result %s expected %s\n", what, result, s->result);
      bad++;
    }
    bad += !check_str(repr_of(l, &gt_t_list_int), s->after, what);
  }
  gt_release(l);
  assert_int_equal(bad, 0);
}

static void run_dict_get(const void *arg) {
  const dict_step *s = arg;
  gt_dict *d = gt_dict_new(&dict_str_int);
  gt_str *k = S(s->key);
  if (!strcmp(s->op, "get")) gt_dict_get(d, (gt_val){.p = k});
  else if (!strcmp(s->op, "pop")) gt_dict_pop(d, (gt_val){.p = k});
  else gt_dict_del(d, (gt_val){.p = k});
}

static void test_dict_script(void **state) {
  (void)state;
  int bad = 0;
  gt_dict *d = gt_dict_new(&dict_str_int);
  for (size_t k = 0; k < N_OF(DICT_SCRIPT); k++) {
    const dict_step *s = &DICT_SCRIPT[k];
    gt_str *key = S(s->key);
    gt_val kv = {.p = key};
    char result[64] = "None";
    bool present = gt_dict_contains(d, kv);
    if (!strcmp(s->op, "set")) gt_dict_set(d, kv, (gt_val){.i = s->v});
    else if (!strcmp(s->op, "contains")) snprintf(result, sizeof result, "%s", present ? "True" : "False");
    else if (!strcmp(s->op, "get_or"))
      snprintf(result, sizeof result, "%lld", (long long)gt_dict_get_or(d, kv, (gt_val){.i = -1}).i);
    else if (!present) {
      /* a missing key fails; check the message in a child, leave d as is */
      if (!expect_failure(run_dict_get, s, s->result, "KeyError")) bad++;
      strcpy(result, s->result);
    } else if (!strcmp(s->op, "get")) snprintf(result, sizeof result, "%lld", (long long)gt_dict_get(d, kv).i);
    else if (!strcmp(s->op, "pop")) snprintf(result, sizeof result, "%lld", (long long)gt_dict_pop(d, kv).i);
    else gt_dict_del(d, kv);
    gt_release(key);
    char what[64];
    snprintf(what, sizeof what, "step %zu %s(%s)", k, s->op, s->key);
    if (strcmp(result, s->result) != 0) {
      print_error("%s: result %s expected %s\n", what, result, s->result);
      bad++;
    }
    bad += !check_str(repr_of(d, &dict_str_int), s->after, what);
  }
  gt_release(d);
  assert_int_equal(bad, 0);
}

/* Builds the values of gen_expected.py's REPRS, by name. */
static gt_str *build_repr(const char *name) {
  static const gt_type *const tup_args[] = {&gt_t_int, &gt_t_float, &gt_t_str};
  static const gt_type tup = {GT_K_TUPLE, 3, tup_args, NULL};
  static const gt_type *const ltup_args[] = {&tup};
  static const gt_type list_tup = {GT_K_LIST, 1, ltup_args, NULL};
  static const gt_type *const lli_args[] = {&gt_t_list_int};
  static const gt_type list_list_int = {GT_K_LIST, 1, lli_args, NULL};
  static const gt_type *const t1_args[] = {&gt_t_int};
  static const gt_type tup1 = {GT_K_TUPLE, 1, t1_args, NULL};
  static const gt_type tup0 = {GT_K_TUPLE, 0, NULL, NULL};
  static const gt_type *const dsl_args[] = {&gt_t_str, &list_float};
  static const gt_type dict_str_lf = {GT_K_DICT, 2, dsl_args, NULL};
  static const gt_type *const dib_args[] = {&gt_t_int, &gt_t_bool};
  static const gt_type dict_int_bool = {GT_K_DICT, 2, dib_args, NULL};
  static const gt_type *const none_args[] = {&gt_t_none};
  static const gt_type list_none = {GT_K_LIST, 1, none_args, NULL};
  static const gt_type *const tis_args[] = {&gt_t_int, &gt_t_str};
  static const gt_type tis = {GT_K_TUPLE, 2, tis_args, NULL};
  static const gt_type *const tn_args[] = {&tis, &list_float};
  static const gt_type tup_nested = {GT_K_TUPLE, 2, tn_args, NULL};
  static const gt_type *const lb_args[] = {&gt_t_bool};
  static const gt_type list_bool = {GT_K_LIST, 1, lb_args, NULL};

  void *v = NULL;
  const gt_type *t = NULL;
  if (!strcmp(name, "list_mixed_tuple")) {
    gt_str *a = S("a");
    gt_tuple *x = gt_tuple_of(&tup, (gt_val){.i = 1}, (gt_val){.f = 2.5}, (gt_val){.p = a});
    v = gt_list_of(&list_tup, 1, (gt_val){.p = x});
    gt_release(x);
    gt_release(a);
    t = &list_tup;
  } else if (!strcmp(name, "nested_lists")) {
    gt_list *a = gt_list_of(&gt_t_list_int, 2, (gt_val){.i = 1}, (gt_val){.i = 2});
    gt_list *b = gt_list_of(&gt_t_list_int, 1, (gt_val){.i = 3});
    gt_list *c = gt_list_new(&gt_t_list_int, 0);
    v = gt_list_of(&list_list_int, 3, (gt_val){.p = a}, (gt_val){.p = b}, (gt_val){.p = c});
    gt_release(a);
    gt_release(b);
    gt_release(c);
    t = &list_list_int;
  } else if (!strcmp(name, "tuple1")) {
    v = gt_tuple_of(&tup1, (gt_val){.i = 1});
    t = &tup1;
  } else if (!strcmp(name, "tuple0")) {
    v = gt_tuple_of(&tup0);
    t = &tup0;
  } else if (!strcmp(name, "dict_str_list")) {
    gt_dict *d = gt_dict_new(&dict_str_lf);
    const char *keys[] = {"a", "it's", "b"};
    gt_list *vals[] = {gt_list_of(&list_float, 2, (gt_val){.f = 1.0}, (gt_val){.f = -0.0}),
                       gt_list_new(&list_float, 0), gt_list_of(&list_float, 1, (gt_val){.f = 1e16})};
    for (int i = 0; i < 3; i++) {
      gt_str *k = S(keys[i]);
      gt_dict_set(d, (gt_val){.p = k}, (gt_val){.p = vals[i]});
      gt_release(k);
      gt_release(vals[i]);
    }
    v = d;
    t = &dict_str_lf;
  } else if (!strcmp(name, "dict_int_bool")) {
    gt_dict *d = gt_dict_new(&dict_int_bool);
    gt_dict_set(d, (gt_val){.i = 1}, (gt_val){.b = true});
    gt_dict_set(d, (gt_val){.i = -2}, (gt_val){.b = false});
    v = d;
    t = &dict_int_bool;
  } else if (!strcmp(name, "list_none")) {
    v = gt_list_of(&list_none, 2, (gt_val){.p = NULL}, (gt_val){.p = NULL});
    t = &list_none;
  } else if (!strcmp(name, "list_str") || !strcmp(name, "str_of_list_str")) {
    bool one = name[0] == 's';
    const char *strs[] = {one ? "x" : "a", "b'c", "d\"e", "\n"};
    gt_list *l = gt_list_new(&gt_t_list_str, 0);
    for (int i = 0; i < (one ? 1 : 4); i++) {
      gt_str *s = S(strs[i]);
      gt_list_append(l, (gt_val){.p = s});
      gt_release(s);
    }
    gt_str *r = gt_val_str((gt_val){.p = l}, &gt_t_list_str);
    gt_release(l);
    return r;
  } else if (!strcmp(name, "tuple_nested")) {
    gt_str *x = S("x");
    gt_tuple *a = gt_tuple_of(&tis, (gt_val){.i = 1}, (gt_val){.p = x});
    gt_list *b = gt_list_of(&list_float, 1, (gt_val){.f = 2.5});
    v = gt_tuple_of(&tup_nested, (gt_val){.p = a}, (gt_val){.p = b});
    gt_release(x);
    gt_release(a);
    gt_release(b);
    t = &tup_nested;
  } else if (!strcmp(name, "bools")) {
    v = gt_list_of(&list_bool, 2, (gt_val){.b = true}, (gt_val){.b = false});
    t = &list_bool;
  } else if (!strcmp(name, "floats")) {
    v = gt_list_of(&list_float, 4, (gt_val){.f = 0.1}, (gt_val){.f = 1e-7},
                   (gt_val){.f = from_bits(0x7ff0000000000000ull)}, (gt_val){.f = from_bits(0x7ff8000000000000ull)});
    t = &list_float;
  } else {
    fail_msg("unknown repr case %s", name);
  }
  gt_str *r = gt_val_str((gt_val){.p = v}, t);
  gt_release(v);
  return r;
}

static void test_reprs(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < N_OF(REPRS); i++) bad += !check_str(build_repr(REPRS[i].name), REPRS[i].expect, REPRS[i].name);
  assert_int_equal(bad, 0);
}

/* Stored references are retained, overwritten and dropped ones released. */
static void test_refcounts(void **state) {
  (void)state;
  gt_str *s = S("refcounted");
  gt_list *l = gt_list_new(&gt_t_list_str, 0);
  gt_list_append(l, (gt_val){.p = s});
  gt_list_append(l, (gt_val){.p = s});
  assert_int_equal(s->h.rc, 3);
  gt_val got = gt_list_get(l, -1);   /* a getter returns a new reference */
  assert_int_equal(s->h.rc, 4);
  gt_release(got.p);
  gt_list_set(l, 0, (gt_val){.p = s});   /* same object: must survive */
  assert_int_equal(s->h.rc, 3);
  gt_val popped = gt_list_pop(l, 0);      /* ownership passes to the caller */
  assert_int_equal(s->h.rc, 3);
  gt_release(popped.p);
  gt_list_extend(l, l);                   /* extending with itself */
  assert_int_equal(gt_list_len(l), 2);
  assert_int_equal(s->h.rc, 3);
  gt_list *c = gt_list_concat(l, l);
  gt_list *r = gt_list_repeat(l, 3);
  gt_list *sl = gt_list_slice(l, GT_NOIDX, GT_NOIDX, -1);
  assert_int_equal(s->h.rc, 3 + 4 + 6 + 2);
  gt_release(c);
  gt_release(r);
  gt_release(sl);
  assert_int_equal(gt_list_count(l, (gt_val){.p = s}), 2);
  assert_int_equal(gt_list_index(l, (gt_val){.p = s}), 0);
  assert_true(gt_list_contains(l, (gt_val){.p = s}));
  gt_list_remove(l, (gt_val){.p = s});
  assert_int_equal(s->h.rc, 2);

  gt_dict *d = gt_dict_new(&dict_str_int);
  gt_dict_set(d, (gt_val){.p = s}, (gt_val){.i = 1});
  gt_str *s2 = S("refcounted");
  gt_dict_set(d, (gt_val){.p = s2}, (gt_val){.i = 2});   /* keeps the first key */
  assert_int_equal(s->h.rc, 3);
  assert_int_equal(s2->h.rc, 1);
  assert_int_equal(gt_dict_len(d), 1);
  assert_int_equal(gt_dict_get(d, (gt_val){.p = s2}).i, 2);
  gt_list *keys = gt_dict_keys(d);
  assert_int_equal(s->h.rc, 4);
  gt_release(keys);
  gt_release(s2);
  gt_release(d);
  assert_int_equal(s->h.rc, 2);
  gt_release(l);
  assert_int_equal(s->h.rc, 1);
  gt_release(s);
}

static void test_dict_misc(void **state) {
  (void)state;
  static const gt_type *const tp_args[] = {&gt_t_str, &gt_t_int};
  static const gt_type pair = {GT_K_TUPLE, 2, tp_args, NULL};
  static const gt_type *const lp_args[] = {&pair};
  static const gt_type list_pair = {GT_K_LIST, 1, lp_args, NULL};
  static const gt_type *const dii_args[] = {&gt_t_int, &gt_t_int};
  static const gt_type dict_int_int = {GT_K_DICT, 2, dii_args, NULL};
  gt_dict *d = gt_dict_new(&dict_str_int);
  const char *names[] = {"b", "a", "c"};
  for (int i = 0; i < 3; i++) {
    gt_str *k = S(names[i]);
    gt_dict_set(d, (gt_val){.p = k}, (gt_val){.i = i});
    gt_release(k);
  }
  gt_list *items = gt_dict_items(d, &list_pair);
  assert_true(check_str(repr_of(items, &list_pair), "[('b', 0), ('a', 1), ('c', 2)]", "items"));
  gt_list *values = gt_dict_values(d);
  assert_true(check_str(repr_of(values, values->type), "[0, 1, 2]", "values"));
  gt_dict *e = gt_dict_new(&dict_str_int);
  gt_dict_update(e, d);
  assert_true(gt_val_eq((gt_val){.p = d}, (gt_val){.p = e}, &dict_str_int));
  gt_release(items);
  gt_release(values);
  gt_release(e);
  gt_release(d);

  /* many int keys, deletions interleaved: order and lookups survive resizes */
  gt_dict *n = gt_dict_new(&dict_int_int);
  for (int64_t i = 0; i < 5000; i++) {
    gt_dict_set(n, (gt_val){.i = i * 7919}, (gt_val){.i = i});
    if (i % 3 == 0) gt_dict_del(n, (gt_val){.i = (i / 2) * 7919});
  }
  int64_t pos = 0, prev = -1, count = 0;
  gt_val k, v;
  while (gt_dict_next(n, &pos, &k, &v)) {
    assert_true(v.i > prev);
    assert_int_equal(k.i, v.i * 7919);
    assert_int_equal(gt_dict_get(n, k).i, v.i);
    prev = v.i;
    count++;
  }
  assert_int_equal(count, gt_dict_len(n));
  gt_release(n);
}

static void test_list_misc(void **state) {
  (void)state;
  gt_list *r = gt_range_list(10, -3, -4);
  assert_true(check_str(repr_of(r, &gt_t_list_int), "[10, 6, 2, -2]", "range"));
  gt_list *rv = gt_reversed(r);
  assert_true(check_str(repr_of(rv, &gt_t_list_int), "[-2, 2, 6, 10]", "reversed"));
  assert_int_equal(gt_min(r).i, -2);
  assert_int_equal(gt_max(r).i, 10);
  assert_int_equal(gt_sum_int(r), 16);
  gt_list *big = gt_range_list(INT64_MIN, INT64_MAX, INT64_MAX);
  assert_true(check_str(repr_of(big, &gt_t_list_int), "[-9223372036854775808, -1, 9223372036854775806]", "range extremes"));
  gt_list *f = gt_list_of(&list_float, 3, (gt_val){.f = 0.1}, (gt_val){.f = 0.2}, (gt_val){.f = -0.0});
  assert_true(check_str(gt_str_of_float(gt_sum_float(f)), "0.30000000000000004", "sum"));
  gt_list *copy = gt_list_copy(f);
  assert_true(gt_val_eq((gt_val){.p = f}, (gt_val){.p = copy}, &list_float));
  gt_list_clear(copy);
  assert_int_equal(gt_val_cmp((gt_val){.p = copy}, (gt_val){.p = f}, &list_float), -1);
  gt_release(copy);
  gt_release(f);
  gt_release(big);
  gt_release(rv);
  gt_release(r);
}

static gt_list *empty_int_list(void) { return gt_list_new(&gt_t_list_int, 0); }
static void run_get_oob(const void *a) { (void)a; gt_list_get(empty_int_list(), 0); }
static void run_set_oob(const void *a) { (void)a; gt_list_set(empty_int_list(), -1, (gt_val){.i = 0}); }
static void run_pop_empty(const void *a) { (void)a; gt_list_pop(empty_int_list(), -1); }
static void run_pop_oob(const void *a) {
  (void)a;
  gt_list *l = empty_int_list();
  gt_list_append(l, (gt_val){.i = 1});
  gt_list_pop(l, 5);
}
static void run_remove(const void *a) { (void)a; gt_list_remove(empty_int_list(), (gt_val){.i = 1}); }
static void run_index(const void *a) { (void)a; gt_list_index(empty_int_list(), (gt_val){.i = 3}); }
static void run_index_str(const void *a) {
  (void)a;
  gt_list_index(gt_list_new(&gt_t_list_str, 0), (gt_val){.p = S("a")});
}
static void run_min(const void *a) { (void)a; gt_min(empty_int_list()); }
static void run_max(const void *a) { (void)a; gt_max(empty_int_list()); }
static void run_tuple_oob(const void *a) {
  (void)a;
  static const gt_type *const t1_args[] = {&gt_t_int};
  static const gt_type tup1 = {GT_K_TUPLE, 1, t1_args, NULL};
  gt_tuple_get(gt_tuple_of(&tup1, (gt_val){.i = 1}), 1);
}
static void run_int_key(const void *a) {
  (void)a;
  static const gt_type *const dii_args[] = {&gt_t_int, &gt_t_int};
  static const gt_type dict_int_int = {GT_K_DICT, 2, dii_args, NULL};
  gt_dict_get(gt_dict_new(&dict_int_int), (gt_val){.i = -5});
}
static void run_range0(const void *a) { (void)a; gt_range_list(0, 1, 0); }
static void run_sum_overflow(const void *a) {
  (void)a;
  gt_list *l = empty_int_list();
  gt_list_append(l, (gt_val){.i = INT64_MAX});
  gt_list_append(l, (gt_val){.i = 1});
  gt_sum_int(l);
}
static void run_unordered(const void *a) {
  (void)a;
  gt_dict *d = gt_dict_new(&dict_str_int);
  gt_val_cmp((gt_val){.p = d}, (gt_val){.p = d}, &dict_str_int);
}

static void test_container_errors(void **state) {
  (void)state;
  assert_true(expect_failure(run_get_oob, NULL, "IndexError: list index out of range", "get"));
  assert_true(expect_failure(run_set_oob, NULL, "IndexError: list assignment index out of range", "set"));
  assert_true(expect_failure(run_pop_empty, NULL, "IndexError: pop from empty list", "pop"));
  assert_true(expect_failure(run_pop_oob, NULL, "IndexError: pop index out of range", "pop"));
  assert_true(expect_failure(run_remove, NULL, "ValueError: list.remove(x): x not in list", "remove"));
  assert_true(expect_failure(run_index, NULL, "ValueError: 3 is not in list", "index"));
  assert_true(expect_failure(run_index_str, NULL, "ValueError: 'a' is not in list", "index str"));
  assert_true(expect_failure(run_min, NULL, "ValueError: min() arg is an empty sequence", "min"));
  assert_true(expect_failure(run_max, NULL, "ValueError: max() arg is an empty sequence", "max"));
  assert_true(expect_failure(run_tuple_oob, NULL, "IndexError: tuple index out of range", "tuple"));
  assert_true(expect_failure(run_int_key, NULL, "KeyError: -5", "int key"));
  assert_true(expect_failure(run_range0, NULL, "ValueError: range() arg 3 must not be zero", "range"));
  assert_true(expect_failure(run_sum_overflow, NULL, "OverflowError: integer overflow in +", "sum"));
  assert_true(expect_failure(run_unordered, NULL,
                             "TypeError: '<' not supported between instances of 'dict' and 'dict'", "cmp"));
}

/* A class with __str__ but no __repr__, and one with neither. */
static gt_str *point_str(gt_obj *self) {
  (void)self;
  return gt_str_from_cstr("Point(1, 2)");
}
static const gt_class point_class = {"Point", NULL, point_str, NULL, NULL, NULL, NULL};
static const gt_class plain_class = {"Plain", NULL, NULL, NULL, NULL, NULL, NULL};

static void test_objects(void **state) {
  (void)state;
  gt_obj *p = gt_alloc(sizeof(gt_obj), &point_class);
  gt_obj *q = gt_alloc(sizeof(gt_obj), &plain_class);
  assert_true(check_str(gt_val_str((gt_val){.p = p}, &gt_t_obj), "Point(1, 2)", "str"));
  assert_true(check_str(gt_val_repr((gt_val){.p = p}, &gt_t_obj), "<Point object>", "repr"));
  assert_true(check_str(gt_val_str((gt_val){.p = q}, &gt_t_obj), "<Plain object>", "plain"));
  assert_true(gt_val_eq((gt_val){.p = p}, (gt_val){.p = p}, &gt_t_obj));
  assert_false(gt_val_eq((gt_val){.p = p}, (gt_val){.p = q}, &gt_t_obj));
  gt_release(p);
  gt_release(q);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sort),        cmocka_unit_test(test_list_script),
      cmocka_unit_test(test_dict_script), cmocka_unit_test(test_reprs),
      cmocka_unit_test(test_refcounts),   cmocka_unit_test(test_dict_misc),
      cmocka_unit_test(test_list_misc),   cmocka_unit_test(test_container_errors),
      cmocka_unit_test(test_objects),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

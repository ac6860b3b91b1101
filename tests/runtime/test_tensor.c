/* Creation, properties, conversion, shape and indexing against PyTorch
 * (ref_tensor.py). */
#include "ref_tensor.h"

static const gt_type *const float_a[] = {&gt_t_float}, *const int_a[] = {&gt_t_int}, *const bool_a[] = {&gt_t_bool};
static const gt_type list_float = {GT_K_LIST, 1, float_a, NULL}, list_int = {GT_K_LIST, 1, int_a, NULL},
                     list_bool = {GT_K_LIST, 1, bool_a, NULL};
static const gt_type *const lf_a[] = {&list_float}, *const li_a[] = {&list_int};
static const gt_type list_list_float = {GT_K_LIST, 1, lf_a, NULL}, list_list_int = {GT_K_LIST, 1, li_a, NULL};

static gt_val F(double f) { gt_val v; v.f = f; return v; }
static gt_val I(int64_t i) { gt_val v; v.i = i; return v; }
static gt_val B(bool b) { gt_val v; v.b = b; return v; }
static gt_val P(void *p) { gt_val v; v.p = p; return v; }

static void creation(void **state) {
  (void)state;
  float data[6] = {1, 2, 3, 4, 5, 6};
  int64_t s23[2] = {2, 3};
  CHECK(gt_tensor_from_data(data, GT_FLOAT32, s23, 2), data_f32);

  gt_list *r0 = gt_list_of(&list_float, 2, F(1.5), F(2.0)), *r1 = gt_list_of(&list_float, 2, F(3.0), F(4.25));
  gt_list *lf = gt_list_of(&list_list_float, 2, P(r0), P(r1));
  CHECK(gt_tensor_from_list(lf, GT_DTYPE_DEFAULT, NULL, false), list_f);
  gt_list *i0 = gt_list_of(&list_int, 3, I(1), I(2), I(3)), *i1 = gt_list_of(&list_int, 3, I(4), I(5), I(6));
  gt_list *li = gt_list_of(&list_list_int, 2, P(i0), P(i1));
  CHECK(gt_tensor_from_list(li, GT_DTYPE_DEFAULT, NULL, false), list_i);
  gt_list *lb = gt_list_of(&list_bool, 3, B(true), B(false), B(true));
  CHECK(gt_tensor_from_list(lb, GT_DTYPE_DEFAULT, NULL, false), list_b);
  gt_list *l12 = gt_list_of(&list_int, 2, I(1), I(2));
  CHECK(gt_tensor_from_list(l12, GT_FLOAT64, NULL, false), list_i_f64);
  /* A ragged list is an error, as in PyTorch. */
  gt_list *short_row = gt_list_of(&list_int, 1, I(7));
  gt_list *ragged = gt_list_of(&list_list_int, 2, P(i0), P(short_row));
  CHECK_NULL(gt_tensor_from_list(ragged, GT_DTYPE_DEFAULT, NULL, false), "expected sequence of length 3");
  gt_release(ragged); gt_release(short_row); gt_release(lb); gt_release(l12);
  gt_release(lf); gt_release(li); gt_release(r0); gt_release(r1); gt_release(i0); gt_release(i1);

  CHECK(gt_scalar_tensor_f(3.5, GT_DTYPE_DEFAULT, NULL, false), scalar_f);
  CHECK(gt_scalar_tensor_i(7, GT_DTYPE_DEFAULT, NULL, false), scalar_i);
  CHECK(gt_scalar_tensor_b(true, GT_DTYPE_DEFAULT, NULL, false), scalar_b);
  CHECK(gt_zeros(s23, 2, GT_DTYPE_DEFAULT, NULL, false), zeros);
  CHECK(gt_ones((int64_t[]){4}, 1, GT_INT32, NULL, false), ones_i32);
  CHECK(gt_zeros((int64_t[]){0, 3}, 2, GT_DTYPE_DEFAULT, NULL, false), empty_shape);
  CHECK(gt_full_f((int64_t[]){2, 2}, 2, 1.5, GT_DTYPE_DEFAULT, NULL, false), full_f);
  CHECK(gt_full_i((int64_t[]){3}, 1, 7, GT_DTYPE_DEFAULT, NULL, false), full_i);
  CHECK(gt_full_b((int64_t[]){2}, 1, true, GT_DTYPE_DEFAULT, NULL, false), full_b);
  CHECK(gt_arange_i(0, 10, 3, GT_DTYPE_DEFAULT, NULL, false), arange_i);
  CHECK(gt_arange_f(0.0, 1.0, 0.25, GT_DTYPE_DEFAULT, NULL, false), arange_f);
  CHECK(gt_arange_i(0, 5, 1, GT_FLOAT64, NULL, false), arange_i_f64);
  CHECK(gt_linspace(-1, 1, 5, GT_DTYPE_DEFAULT, NULL, false), linspace);
  CHECK(gt_eye(3, GT_NONE_INT, GT_DTYPE_DEFAULT, NULL, false), eye);
  CHECK(gt_eye(2, 4, GT_DTYPE_DEFAULT, NULL, false), eye_rect);
}

static void randoms(void **state) {
  (void)state;
  OK(gt_manual_seed(42));
  CHECK(gt_rand((int64_t[]){2, 3}, 2, GT_DTYPE_DEFAULT, NULL, false), rand);
  CHECK(gt_randn((int64_t[]){4}, 1, GT_DTYPE_DEFAULT, NULL, false), randn);
  CHECK(gt_randint(0, 10, (int64_t[]){5}, 1, GT_DTYPE_DEFAULT, NULL, false), randint);
  CHECK(gt_randperm(6, GT_DTYPE_DEFAULT, NULL, false), randperm);
  CHECK(gt_randn((int64_t[]){3}, 1, GT_FLOAT64, NULL, false), randn_f64);
  OK(gt_manual_seed(7));
  gt_tensor *x = keep(gt_randn((int64_t[]){2, 3}, 2, GT_DTYPE_DEFAULT, NULL, false));
  CHECK(gt_retain(x), x);
  CHECK(gt_rand_like(x, GT_DTYPE_DEFAULT, NULL, false), rand_like);
  CHECK(gt_randn_like(x, GT_DTYPE_DEFAULT, NULL, false), randn_like);
  CHECK(gt_zeros_like(x, GT_DTYPE_DEFAULT, NULL, false), zeros_like);
  CHECK(gt_ones_like(x, GT_INT64, NULL, false), ones_like_i);
  CHECK(gt_full_like_f(x, 2.5, GT_DTYPE_DEFAULT, NULL, false), full_like);
  CHECK(gt_to(x, NULL, GT_INT64), to_i64);
  CHECK(gt_to(x, NULL, GT_FLOAT64), to_f64);
  CHECK(gt_to(x, NULL, GT_BOOL), to_bool);
  CHECK(gt_to(x, NULL, GT_FLOAT16), to_f16);
  CHECK(gt_to(keep(gt_abs(keep(gt_mul_i(x, 10)))), NULL, GT_UINT8), to_u8);
}

static void properties(void **state) {
  (void)state;
  gt_tensor *a = T(a);
  assert_int_equal(gt_tensor_dim(a), 3);
  assert_int_equal(gt_tensor_numel(a), 24);
  assert_int_equal(gt_tensor_size(a, 1), 3);
  assert_int_equal(gt_tensor_size(a, -1), 4);
  assert_int_equal(gt_tensor_size(a, 3), -1);
  CHECK_ERR_MSG("Dimension out of range");
  assert_int_equal(gt_tensor_dtype(a), GT_FLOAT32);
  assert_string_equal(gt_dtype_name(GT_INT64), "torch.int64");
  gt_list *shape = gt_tensor_shape_list(a);
  assert_int_equal(shape->len, 3);
  assert_int_equal(shape->items[2].i, 4);
  gt_release(shape);
  gt_tensor *e = keep(gt_getitem(a, (gt_index[]){gt_idx_int(1), gt_idx_int(2), gt_idx_int(3)}, 3));
  double v;
  int64_t iv;
  OK(gt_item_f(e, &v));
  assert_true(v == REF_ix_elem.v[0]);
  gt_tensor *seven = keep(gt_scalar_tensor_i(7, GT_DTYPE_DEFAULT, NULL, false));
  OK(gt_item_i(seven, &iv));
  assert_int_equal(iv, 7);
  gt_list *l = gt_tolist_f(keep(gt_flatten(a, 0, -1)));
  assert_int_equal(l->len, 24);
  for (int k = 0; k < 24; k++) assert_true(l->items[k].f == REF_a.v[k]);
  gt_release(l);
  double buf[24];
  OK(gt_tensor_copy_to(a, buf, GT_FLOAT64, 24));
  assert_true(buf[23] == REF_a.v[23]);
  CHECK_FAILS(gt_tensor_copy_to(a, buf, GT_FLOAT64, 10), "buffer holds 10");
  gt_tensor *d = keep(gt_detach(a));
  assert_false(gt_tensor_requires_grad(d));
  gt_tensor *t = keep(gt_transpose(a, 0, 1));
  assert_false(gt_tensor_is_contiguous(t));
  CHECK(gt_contiguous(t), contig);
  gt_device *dev = gt_tensor_device(a);
  assert_string_equal(gt_device_type(dev), "cpu");
  gt_release(dev);
}

static void devices(void **state) {
  (void)state;
  gt_device *cpu = gt_device_new("cpu"), *c1 = gt_device_new("cuda:1");
  assert_non_null(cpu);
  assert_non_null(c1);
  assert_string_equal(gt_device_type(c1), "cuda");
  assert_int_equal(gt_device_index(c1), 1);
  assert_int_equal(gt_device_index(cpu), -1);
  gt_str *s = gt_device_str(c1);
  assert_string_equal(s->data, "cuda:1");
  gt_release(s);
  s = gt_device_class.repr((gt_obj *)c1);
  assert_string_equal(s->data, "device(type='cuda', index=1)");
  gt_release(s);
  CHECK_NULL(gt_device_new("gpu"), "gpu");
  CHECK_NULL(gt_device_new("cuda:x"), "cuda:x");
  gt_tensor *a = T(a);
  gt_tensor *same = keep(gt_to(a, cpu, GT_DTYPE_DEFAULT));
  assert_int_equal(gt_equal(a, same), 1);
  if (gt_cuda_is_available()) {
    gt_device *c0 = gt_device_new("cuda");
    gt_tensor *g = keep(gt_to(a, c0, GT_DTYPE_DEFAULT));
    gt_tensor *back = keep(gt_to(g, cpu, GT_DTYPE_DEFAULT));
    assert_int_equal(gt_equal(a, back), 1);
    OK(gt_cuda_synchronize());
    gt_release(c0);
  } else {
    /* No GPU here: moving to one is a clean error, never an abort. */
    print_message("no CUDA device: checking that CUDA use fails cleanly\n");
    CHECK_NULL(gt_to(a, c1, GT_DTYPE_DEFAULT), "CUDA");
    CHECK_NULL(gt_zeros((int64_t[]){2}, 1, GT_DTYPE_DEFAULT, c1, false), "CUDA");
    CHECK_FAILS(gt_cuda_synchronize(), "CUDA");
    assert_int_equal(gt_cuda_device_count(), 0);
  }
  gt_release(cpu);
  gt_release(c1);
}

static void creation_errors(void **state) {
  (void)state;
  CHECK_NULL(gt_zeros((int64_t[]){2}, 1, (gt_dtype)77, NULL, false), "invalid dtype 77");
  CHECK_NULL(gt_zeros((int64_t[]){-2}, 1, GT_DTYPE_DEFAULT, NULL, false), "negative dimension");
  CHECK_NULL(gt_zeros(NULL, 2, GT_DTYPE_DEFAULT, NULL, false), "invalid shape");
  CHECK_NULL(gt_ones((int64_t[]){2}, 1, GT_INT64, NULL, true), "floating point");
  CHECK_NULL(gt_arange_i(0, 10, 0, GT_DTYPE_DEFAULT, NULL, false), "step must be nonzero");
  CHECK_NULL(gt_randint(5, 1, (int64_t[]){2}, 1, GT_DTYPE_DEFAULT, NULL, false), "from");
  gt_tensor *a = T(a);
  CHECK_NULL(gt_view(a, (int64_t[]){5, 5}, 2), "invalid for input of size 24");
}

static void shapes(void **state) {
  (void)state;
  gt_tensor *a = T(a), *s = T(s);
  CHECK(gt_view(a, (int64_t[]){6, 4}, 2), view);
  CHECK(gt_view(a, (int64_t[]){-1, 12}, 2), view_m1);
  CHECK(gt_reshape(keep(gt_permute(a, (int64_t[]){1, 0, 2}, 3)), (int64_t[]){3, 8}, 2), reshape);
  CHECK(gt_flatten(a, 0, -1), flatten);
  CHECK(gt_flatten(a, 1, -1), flatten1);
  CHECK(gt_unsqueeze(a, 1), unsqueeze);
  CHECK(gt_squeeze(s), squeeze);
  CHECK(gt_squeeze_dim(s, 0), squeeze0);
  CHECK(gt_permute(a, (int64_t[]){2, 0, 1}, 3), permute);
  CHECK(gt_transpose(a, 0, 2), transpose);
  gt_tensor *a0 = keep(gt_select(a, 0, 0));
  CHECK(gt_t(a0), t);
  CHECK(gt_expand(s, (int64_t[]){2, 3, 4}, 3), expand);
  CHECK(gt_repeat(a0, (int64_t[]){2, 1}, 2), repeat);
  CHECK(gt_narrow(a, 2, 1, 2), narrow);
  CHECK(gt_select(a, 1, 2), select);
  gt_tensor *a2 = keep(gt_mul_i(a, 2));
  gt_list *l = gt_list_of(&gt_t_tensor_list, 2, P(a), P(a2));
  CHECK(gt_cat(l, 0), cat0);
  gt_release(l);
  gt_tensor *a_first = keep(gt_narrow(a, 2, 0, 1));
  l = gt_list_of(&gt_t_tensor_list, 2, P(a), P(a_first));
  CHECK(gt_cat(l, 2), cat2);
  gt_release(l);
  l = gt_list_of(&gt_t_tensor_list, 2, P(a0), P(keep(gt_select(a, 0, 1))));
  CHECK(gt_stack(l, 1), stack);
  gt_release(l);

  l = gt_split(a, 3, 2);
  assert_int_equal(l->len, 2);
  CHECK(gt_retain(l->items[0].p), split0);
  CHECK(gt_retain(l->items[1].p), split1);
  gt_release(l);
  l = gt_split_sizes(a, (int64_t[]){1, 2}, 2, 1);
  CHECK(gt_retain(l->items[0].p), splits0);
  CHECK(gt_retain(l->items[1].p), splits1);
  gt_release(l);
  l = gt_chunk(a, 2, 2);
  CHECK(gt_retain(l->items[0].p), chunk0);
  CHECK(gt_retain(l->items[1].p), chunk1);
  gt_release(l);
  l = gt_unbind(a, 0);
  CHECK(gt_retain(l->items[0].p), unbind0);
  CHECK(gt_retain(l->items[1].p), unbind1);
  gt_release(l);
  CHECK_NULL(gt_split_sizes(a, (int64_t[]){1, 1}, 2, 1), "split_with_sizes");
  l = gt_list_of(&gt_t_tensor_list, 2, P(a), P(keep(gt_select(a, 0, 1))));
  CHECK_NULL(gt_cat(l, 0), "Tensors must have same number of dimensions");
  gt_release(l);
}

static void indexing(void **state) {
  (void)state;
  gt_tensor *a = T(a);
  const int64_t N = GT_NONE_INT;
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_int(1)}, 1), ix_int);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_int(-1), gt_idx_int(2)}, 2), ix_neg);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_slice(1, 3, N)}, 2), ix_slice);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_ellipsis(), gt_idx_slice(N, N, 2)}, 2), ix_step);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_int(1), gt_idx_slice(N, N, N), gt_idx_slice(1, 4, 2)}, 3), ix_mixed);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_none(), gt_idx_int(0)}, 3), ix_none);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_slice(-2, N, N)}, 2), ix_negslice);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_int(1), gt_idx_int(2), gt_idx_int(3)}, 3), ix_elem);
  gt_tensor *mask = keep(gt_gt_f(a, 0.0));
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_tensor(mask)}, 1), ix_mask);
  gt_tensor *col = keep(gt_getitem(a, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_int(0), gt_idx_int(0)}, 3));
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_tensor(keep(gt_gt_f(col, 0.0)))}, 1), ix_mask0);
  int64_t idxv[3] = {2, 0, 2}, idx10[2] = {1, 0};
  gt_tensor *idx = keep(gt_tensor_from_data(idxv, GT_INT64, (int64_t[]){3}, 1));
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_tensor(idx)}, 2), ix_tensor);
  CHECK(gt_getitem(a, (gt_index[]){gt_idx_tensor(keep(gt_tensor_from_data(idx10, GT_INT64, (int64_t[]){2}, 1)))}, 1), ix_tensor0);

  gt_tensor *w = keep(gt_clone(a));
  OK(gt_setitem_f_(w, (gt_index[]){gt_idx_int(0)}, 1, 1.5));
  CHECK(gt_retain(w), set_int);
  w = keep(gt_clone(a));
  OK(gt_setitem_f_(w, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_slice(1, 3, N), gt_idx_slice(N, N, 2)}, 3, -2.0));
  CHECK(gt_retain(w), set_slice);
  w = keep(gt_clone(a));
  OK(gt_setitem_f_(w, (gt_index[]){gt_idx_tensor(mask)}, 1, 0.0));
  CHECK(gt_retain(w), set_mask);
  w = keep(gt_clone(a));
  OK(gt_setitem_(w, (gt_index[]){gt_idx_int(1)}, 1, keep(gt_mul_i(keep(gt_select(a, 0, 0)), 10))));
  CHECK(gt_retain(w), set_tensor);
  w = keep(gt_clone(a));
  OK(gt_setitem_f_(w, (gt_index[]){gt_idx_slice(N, N, N), gt_idx_tensor(idx)}, 2, 9.0));
  CHECK(gt_retain(w), set_index);
  gt_tensor *i = keep(gt_view(keep(gt_arange_i(0, 12, 1, GT_DTYPE_DEFAULT, NULL, false)), (int64_t[]){3, 4}, 2));
  w = keep(gt_clone(i));
  OK(gt_setitem_i_(w, (gt_index[]){gt_idx_int(1), gt_idx_slice(1, N, N)}, 2, 5));
  CHECK(gt_retain(w), set_int_i);

  int64_t sel[2] = {3, 0};
  CHECK(gt_index_select(a, 2, keep(gt_tensor_from_data(sel, GT_INT64, (int64_t[]){2}, 1))), index_select);
  gt_tensor *g = T(gidx), *a0 = keep(gt_select(a, 0, 0));
  CHECK(gt_gather(a0, 0, keep(gt_narrow(g, 0, 0, 2))), gather);
  gt_tensor *z = keep(gt_zeros((int64_t[]){3, 4}, 2, GT_DTYPE_DEFAULT, NULL, false));
  gt_tensor *src = keep(gt_narrow(keep(gt_repeat(a0, (int64_t[]){2, 1}, 2)), 0, 0, 3));
  CHECK(gt_scatter(z, 0, g, src), scatter);
  CHECK(gt_scatter_f(z, 1, keep(gt_narrow(g, 1, 0, 2)), 1.5), scatter_f);
  CHECK(gt_masked_fill_f(a, mask, -1.0), masked_fill);
  CHECK(gt_masked_fill_i(i, keep(gt_gt_i(i, 5)), 0), masked_fill_i);
  CHECK(gt_masked_select(a, mask), masked_select);
  CHECK(gt_nonzero(keep(gt_select(mask, 0, 0))), nonzero);
}

static void index_errors(void **state) {
  (void)state;
  gt_tensor *a = T(a);
  CHECK_NULL(gt_getitem(a, (gt_index[]){gt_idx_int(5)}, 1), "index 5 is out of bounds for dimension 0 with size 2");
  CHECK_NULL(gt_getitem(a, (gt_index[]){gt_idx_int(0), gt_idx_int(-4)}, 2), "out of bounds");
  CHECK_NULL(gt_getitem(a, (gt_index[]){gt_idx_slice(0, 2, 0)}, 1), "slice step cannot be zero");
  CHECK_NULL(gt_getitem(a, (gt_index[]){gt_idx_int(0), gt_idx_int(0), gt_idx_int(0), gt_idx_int(0)}, 4), "too many indices");
  int64_t bad[1] = {7};
  gt_tensor *ix = keep(gt_tensor_from_data(bad, GT_INT64, (int64_t[]){1}, 1));
  CHECK_NULL(gt_getitem(a, (gt_index[]){gt_idx_tensor(ix)}, 1), "out of bounds");
  CHECK_NULL(gt_index_select(a, 0, ix), "out of range");
  CHECK_FAILS(gt_setitem_f_(a, (gt_index[]){gt_idx_int(9)}, 1, 1.0), "out of bounds");
  CHECK_NULL(gt_select(a, 0, 2), "out of range");
  CHECK_NULL(gt_narrow(a, 2, 3, 4), "exceeds dimension size");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      TEST(creation), TEST(randoms),   TEST(properties), TEST(devices),
      TEST(creation_errors), TEST(shapes), TEST(indexing), TEST(index_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Module trees: a module written in .gtp (here written by hand as the
 * compiler emits it: a struct with a gt_module_head, a gt_module_def with a
 * forward thunk and a fields visitor) holding built-in layers, containers,
 * a parameter, a plain tensor, a BatchNorm and a nested .gtp module.
 * Everything is compared with the same tree built in PyTorch with the same
 * seed (ref_module_tree.py). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "gtorch.h"
#include "nn_check.h"
#include "ref_module_tree.h"

/* ---- the .gtp classes, as emitted ----------------------------------------- */

/* class Block(nn.Module): lin = nn.Linear(3, 3); gain = nn.Parameter(torch.randn(3))
 *   def forward(self, x): return self.lin(x) * self.gain */
typedef struct Block {
  gt_module_head head;
  gt_module *lin;
  gt_tensor *gain;
} Block;

static void Block_drop(gt_obj *o) {
  Block *self = (Block *)o;
  gt_release(self->lin);
  gt_release(self->gain);
}

static gt_tensor *Block_forward(gt_obj *o, gt_tensor *x) {
  Block *self = (Block *)o;
  gt_tensor *h = gt_module_forward(self->lin, x);
  if (!h) return NULL;
  gt_tensor *y = gt_mul(h, self->gain);
  gt_release(h);
  return y;
}

static void Block_fields(gt_obj *o, gt_module_visit visit, void *ctx) {
  Block *self = (Block *)o;
  visit(ctx, "lin", (gt_obj *)self->lin, true);
  visit(ctx, "gain", (gt_obj *)self->gain, false);
}

static const gt_module_def Block_def = {
    {"Block", Block_drop, NULL, gt_module_repr_obj, NULL, NULL, NULL}, Block_forward, Block_fields, NULL};

static gt_tensor *randn1(int64_t n) { return gt_randn(&n, 1, GT_DTYPE_DEFAULT, NULL, false); }

static gt_tensor *parameter(gt_tensor *data) {
  gt_tensor *p = gt_nn_Parameter(data, true);
  gt_release(data);
  return p;
}

static Block *Block_new(void) {
  Block *self = gt_alloc(sizeof(Block), &Block_def.cls);
  gt_module_head_init(&self->head);
  self->lin = gt_nn_Linear(3, 3, true);
  self->gain = parameter(randn1(3));
  return self;
}

/* class Net(nn.Module): see ref_module_tree.py. */
typedef struct Net {
  gt_module_head head;
  gt_module *fc1, *seq, *heads;
  gt_tensor *scale, *offset;
  gt_module *bn;
  Block *block;
  gt_module *empty, *tied;
} Net;

static void Net_drop(gt_obj *o) {
  Net *self = (Net *)o;
  gt_release(self->fc1);
  gt_release(self->seq);
  gt_release(self->heads);
  gt_release(self->scale);
  gt_release(self->offset);
  gt_release(self->bn);
  gt_release(self->block);
  gt_release(self->empty);
  gt_release(self->tied);
}

static void Net_fields(gt_obj *o, gt_module_visit visit, void *ctx) {
  Net *self = (Net *)o;
  visit(ctx, "fc1", (gt_obj *)self->fc1, true);
  visit(ctx, "seq", (gt_obj *)self->seq, true);
  visit(ctx, "heads", (gt_obj *)self->heads, true);
  visit(ctx, "scale", (gt_obj *)self->scale, false);
  visit(ctx, "offset", (gt_obj *)self->offset, false);
  visit(ctx, "bn", (gt_obj *)self->bn, true);
  visit(ctx, "block", (gt_obj *)self->block, true);
  visit(ctx, "empty", (gt_obj *)self->empty, true);
  visit(ctx, "tied", (gt_obj *)self->tied, true);
}

/* Takes the new reference `b`, releases `a`: a chain of calls in one expression. */
static gt_tensor *then(gt_tensor *a, gt_tensor *b) {
  gt_release(a);
  return b;
}

/* h = self.seq(torch.relu(self.fc1(x)))
 * y = self.heads[0](h) + self.heads[1](h)
 * return self.block(self.bn(self.empty(y * self.scale + self.offset))) */
static gt_tensor *Net_forward(gt_obj *o, gt_tensor *x) {
  Net *self = (Net *)o;
  gt_tensor *h = gt_module_forward(self->fc1, x);
  h = then(h, gt_F_relu(h, false));
  h = then(h, gt_module_forward(self->seq, h));
  gt_tensor *a = gt_module_forward(gt_module_getitem(self->heads, 0), h);
  gt_tensor *b = gt_module_forward(gt_module_getitem(self->heads, 1), h);
  gt_tensor *y = gt_add(a, b);
  gt_release(a);
  gt_release(b);
  gt_release(h);
  y = then(y, gt_mul(y, self->scale));
  y = then(y, gt_add(y, self->offset));
  y = then(y, gt_module_forward(self->empty, y));
  y = then(y, gt_module_forward(self->bn, y));
  return then(y, gt_module_forward((gt_module *)self->block, y));
}

static const gt_module_def Net_def = {
    {"Net", Net_drop, NULL, gt_module_repr_obj, NULL, NULL, NULL}, Net_forward, Net_fields, NULL};

static const gt_type *const module_arg[] = {&gt_t_obj};
static const gt_type list_of_modules = {GT_K_LIST, 1, module_arg, NULL};

static Net *Net_new(int64_t seed) {
  gt_manual_seed(seed);
  Net *self = gt_alloc(sizeof(Net), &Net_def.cls);
  gt_module_head_init(&self->head);
  self->fc1 = gt_nn_Linear(4, 6, true);
  gt_module *seq[3] = {gt_nn_Linear(6, 5, true), gt_nn_ReLU(false), gt_nn_Linear(5, 6, true)};
  self->seq = gt_nn_Sequential(seq, 3);
  for (int i = 0; i < 3; i++) gt_release(seq[i]);
  gt_module *head0 = gt_nn_Linear(6, 3, true);
  gt_list *heads = gt_list_of(&list_of_modules, 1, gt_vp(head0));
  self->heads = gt_nn_ModuleList(heads);
  gt_release(heads);
  gt_release(head0);
  gt_module *head1 = gt_nn_Linear(6, 3, true);
  assert_int_equal(gt_module_append(self->heads, head1), 0);
  gt_release(head1);
  self->scale = parameter(randn1(3));
  self->offset = randn1(3);
  self->bn = gt_nn_BatchNorm1d(3, 1e-5, 0.1, true, true);
  self->block = Block_new();
  self->empty = gt_nn_Sequential(NULL, 0);
  self->tied = gt_retain(self->fc1);
  return self;
}

#define M(net) ((gt_module *)(net))

/* ---- helpers ---------------------------------------------------------------- */

static gt_tensor *input(void) { return gt_tensor_from_data(tree_x_data, GT_FLOAT32, tree_x_shape, 2); }

static gt_tensor *square_sum(gt_tensor *y) {
  gt_tensor *sq = gt_mul(y, y);
  return then(sq, gt_sum(sq, GT_DTYPE_DEFAULT));
}

/* The (name, tensor) pairs of a named_parameters()/named_buffers() list
 * against PyTorch's; `grads` compares each tensor's .grad instead. */
static int check_named(const char *what, gt_list *got, const struct tree_tensor *want, int64_t n, int grads) {
  if (!got) {
    printf("%s: no list (%s)\n", what, gt_last_error());
    return 1;
  }
  if (got->len != n) {
    printf("%s: %lld entries, PyTorch has %lld\n", what, (long long)got->len, (long long)n);
    return 1;
  }
  int bad = 0;
  for (int64_t i = 0; i < n; i++) {
    gt_tuple *pair = got->items[i].p;
    gt_str *name = pair->items[0].p;
    gt_tensor *t = pair->items[1].p;
    if (strcmp(name->data, want[i].name) != 0) {
      printf("%s %lld: '%s', PyTorch '%s'\n", what, (long long)i, name->data, want[i].name);
      bad++;
      continue;
    }
    int64_t shape[4];
    bad += gt_tensor_shape(t, shape, 4) != want[i].ndim;
    for (int64_t d = 0; d < want[i].ndim; d++) bad += shape[d] != want[i].shape[d];
    gt_tensor *v = grads ? gt_grad(t) : gt_retain(t);
    bad += nn_mismatch(what, want[i].name, v, want[i].v, want[i].numel);
    gt_release(v);
  }
  return bad;
}

static int check_output(const char *what, gt_tensor *y, const double *want) {
  int64_t shape[2];
  if (!y) {
    printf("%s: forward failed: %s\n", what, gt_last_error());
    return 1;
  }
  if (gt_tensor_shape(y, shape, 2) != 2 || shape[0] != tree_out_shape[0] || shape[1] != tree_out_shape[1]) {
    printf("%s: wrong output shape\n", what);
    return 1;
  }
  return nn_mismatch(what, "output", y, want, tree_out_shape[0] * tree_out_shape[1]);
}

static void assert_repr(gt_module *m, const char *want) {
  gt_str *r = gt_module_repr(m);
  assert_non_null(r);
  assert_string_equal(r->data, want);
  gt_release(r);
}

/* ---- the tests ---------------------------------------------------------------- */

/* repr, names, shapes and initial values, state_dict keys, forward in both
 * modes, gradients and running statistics: all PyTorch's. */
static void tree_matches_pytorch(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  assert_string_equal(gt_module_type(M(net)), "Net");
  assert_repr(M(net), tree_repr);
  gt_str *s = gt_val_str(gt_vp(net), &gt_t_obj);  /* through the class's repr slot */
  assert_string_equal(s->data, tree_repr);
  gt_release(s);

  gt_list *named = gt_module_named_parameters(M(net));
  assert_int_equal(check_named("parameter", named, tree_params, TREE_PARAMS_LEN, 0), 0);
  /* parameters(): the same handles, in the same order */
  gt_list *params = gt_module_parameters(M(net));
  assert_int_equal(params->len, TREE_PARAMS_LEN);
  for (int64_t i = 0; i < params->len; i++)
    assert_ptr_equal(params->items[i].p, ((gt_tuple *)named->items[i].p)->items[1].p);
  assert_ptr_equal(params->items[0].p, net->scale);
  gt_release(params);

  gt_dict *sd = gt_module_state_dict(M(net));
  assert_non_null(sd);
  int64_t pos = 0, i = 0;
  gt_val key, value;
  while (gt_dict_next(sd, &pos, &key, &value)) {
    assert_true(i < TREE_STATE_KEYS_LEN);
    assert_string_equal(((gt_str *)key.p)->data, tree_state_keys[i++]);
    assert_false(gt_tensor_requires_grad(value.p));  /* detached */
  }
  assert_int_equal(i, TREE_STATE_KEYS_LEN);
  gt_release(sd);

  gt_tensor *x = input();
  gt_tensor *y = gt_module_forward(M(net), x);
  assert_int_equal(check_output("train", y, tree_out_train), 0);
  gt_tensor *loss = square_sum(y);
  assert_int_equal(gt_backward(loss, NULL, -1, false), 0);
  assert_int_equal(check_named("grad", named, tree_grads, TREE_GRADS_LEN, 1), 0);
  gt_list *buffers = gt_module_named_buffers(M(net));
  assert_int_equal(check_named("buffer", buffers, tree_buffers, TREE_BUFFERS_LEN, 0), 0);
  gt_list *plain = gt_module_buffers(M(net));
  assert_int_equal(plain->len, TREE_BUFFERS_LEN);
  assert_ptr_equal(plain->items[0].p, gt_module_attr(net->bn, "running_mean"));

  assert_int_equal(gt_module_eval(M(net)), 0);
  bool prev = gt_set_grad_enabled(false);
  gt_tensor *y_eval = gt_module_forward(M(net), x);
  gt_set_grad_enabled(prev);
  assert_int_equal(check_output("eval", y_eval, tree_out_eval), 0);

  gt_release(y_eval);
  gt_release(plain);
  gt_release(buffers);
  gt_release(loss);
  gt_release(y);
  gt_release(x);
  gt_release(named);
  gt_release(net);
}

/* train()/eval() reach every module; containers and .gtp modules keep their own flag. */
static void train_eval_recursive(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  gt_module *all[] = {M(net), net->fc1, net->seq, gt_module_getitem(net->seq, 1), net->heads,
                      gt_module_getitem(net->heads, -1), net->bn, M(net->block), net->block->lin, net->empty};
  size_t n = sizeof all / sizeof all[0];
  for (size_t i = 0; i < n; i++) assert_true(gt_module_is_training(all[i]));
  assert_int_equal(gt_module_eval(M(net)), 0);
  for (size_t i = 0; i < n; i++) assert_false(gt_module_is_training(all[i]));
  assert_false(net->head.training);
  assert_int_equal(gt_module_train(net->seq, true), 0);  /* a subtree alone */
  assert_true(gt_module_is_training(gt_module_getitem(net->seq, 0)));
  assert_false(gt_module_is_training(net->fc1));
  assert_int_equal(gt_module_train(M(net), true), 0);
  for (size_t i = 0; i < n; i++) assert_true(gt_module_is_training(all[i]));
  gt_release(net);
}

/* apply(fn): children first, each module once (tied is fc1), then the root. */
static const char *applied[64];
static int napplied;
static void record(gt_module *m) {
  if (napplied < 64) applied[napplied] = gt_module_type(m);
  napplied++;
}

static void apply_order(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  napplied = 0;
  assert_int_equal(gt_module_apply(M(net), record), 0);
  assert_int_equal(napplied, TREE_APPLY_ORDER_LEN);
  for (int i = 0; i < napplied; i++) assert_string_equal(applied[i], tree_apply_order[i]);
  assert_int_equal(gt_module_apply(M(net), NULL), -1);
  gt_release(net);
}

static double grad_abs_sum(gt_tensor *p) {
  gt_tensor *g = gt_grad(p);
  if (!g) return -1;
  gt_tensor *a = gt_abs(g);
  gt_tensor *s = gt_sum(a, GT_DTYPE_DEFAULT);
  double v = -1;
  gt_item_f(s, &v);
  gt_release(s);
  gt_release(a);
  gt_release(g);
  return v;
}

/* zero_grad() zeroes every parameter's gradient, or sets it to None. */
static void zero_grad(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  gt_tensor *x = input();
  gt_tensor *y = gt_module_forward(M(net), x);
  gt_tensor *loss = square_sum(y);
  assert_int_equal(gt_backward(loss, NULL, -1, false), 0);
  gt_list *params = gt_module_parameters(M(net));
  for (int64_t i = 0; i < params->len; i++) assert_true(grad_abs_sum(params->items[i].p) > 0);
  assert_int_equal(gt_module_zero_grad(M(net), false), 0);
  for (int64_t i = 0; i < params->len; i++) assert_true(grad_abs_sum(params->items[i].p) == 0);
  assert_int_equal(gt_module_zero_grad(M(net), true), 0);
  for (int64_t i = 0; i < params->len; i++) assert_null(gt_grad(params->items[i].p));
  gt_release(params);
  gt_release(loss);
  gt_release(y);
  gt_release(x);
  gt_release(net);
}

static gt_dict *edited_state_dict(const struct tree_load_case *c) {
  Net *net = Net_new(TREE_SEED);
  gt_dict *sd = gt_module_state_dict(M(net));
  gt_release(net);
  for (int i = 0; i < c->nedits; i++) {
    const struct tree_edit *e = &c->edits[i];
    gt_str *key = gt_str_from_cstr(e->key);
    if (e->op == 0) {
      gt_dict_del(sd, gt_vp(key));
    } else {
      gt_tensor *t = e->op == 1 ? gt_zeros(e->shape, e->ndim, GT_DTYPE_DEFAULT, NULL, false) : NULL;
      gt_dict_set(sd, gt_vp(key), gt_vp(t));
      gt_release(t);
    }
    gt_release(key);
  }
  return sd;
}

/* load_state_dict: PyTorch's texts for missing and unexpected keys, size
 * mismatches and None values, strict or not. */
static void load_errors(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof tree_load_cases / sizeof tree_load_cases[0]; i++) {
    const struct tree_load_case *c = &tree_load_cases[i];
    gt_dict *sd = edited_state_dict(c);
    Net *other = Net_new(TREE_OTHER_SEED);
    int rc = gt_module_load_state_dict(M(other), sd, c->strict);
    if (c->error ? rc != -1 || strcmp(gt_last_error(), c->error) != 0 : rc != 0) {
      printf("%s: rc %d, message:\n%s\nPyTorch's:\n%s\n", c->name, rc, rc ? gt_last_error() : "",
             c->error ? c->error : "(none)");
      bad++;
    }
    gt_release(other);
    gt_release(sd);
  }
  assert_int_equal(bad, 0);
  Net *net = Net_new(TREE_SEED);
  assert_int_equal(gt_module_load_state_dict(M(net), NULL, true), -1);
  assert_int_equal(gt_module_load_state_dict(NULL, NULL, true), -1);
  assert_string_equal(gt_last_error(), "module is None");
  gt_release(net);
}

static gt_tensor *eval_forward(gt_module *m) {
  gt_tensor *x = input();
  assert_int_equal(gt_module_eval(m), 0);
  bool prev = gt_set_grad_enabled(false);
  gt_tensor *y = gt_module_forward(m, x);
  gt_set_grad_enabled(prev);
  gt_release(x);
  return y;
}

/* A tree of another seed, but for the plain tensor field, which no state
 * dict holds: that one is TREE_SEED's. */
static Net *other_net(void) {
  Net *seeded = Net_new(TREE_SEED);
  Net *other = Net_new(TREE_OTHER_SEED);
  other->offset = then(other->offset, gt_retain(seeded->offset));
  gt_release(seeded);
  return other;
}

/* state_dict -> gt_save_dict -> gt_load_dict -> load_state_dict into a tree
 * of another seed gives the same function; so does the file PyTorch saved. */
static void state_dict_round_trip(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  gt_tensor *x = input();
  gt_tensor *y = gt_module_forward(M(net), x);  /* moves the running statistics */
  gt_tensor *want = eval_forward(M(net));
  assert_int_equal(check_output("trained", want, tree_out_eval), 0);

  char path[4096];
  snprintf(path, sizeof path, "%s/module_tree_test.pt", GT_TEST_BIN);
  gt_dict *sd = gt_module_state_dict(M(net));
  assert_int_equal(gt_save_dict(sd, path), 0);
  gt_dict *loaded = gt_load_dict(path);
  assert_non_null(loaded);
  Net *other = other_net();
  gt_tensor *before = eval_forward(M(other));
  assert_int_equal(gt_allclose(before, want, 1e-3, 1e-3, false), 0);  /* another function before loading */
  assert_int_equal(gt_module_load_state_dict(M(other), loaded, true), 0);
  gt_tensor *got = eval_forward(M(other));
  assert_int_equal(check_output("loaded", got, tree_out_eval), 0);
  remove(path);

  Net *from_python = other_net();
  gt_dict *py = gt_load_dict(TREE_STATE_PT);
  assert_non_null(py);
  assert_int_equal(gt_module_load_state_dict(M(from_python), py, true), 0);
  gt_tensor *got_py = eval_forward(M(from_python));
  assert_int_equal(check_output("saved by PyTorch", got_py, tree_out_eval), 0);

  gt_release(got_py);
  gt_release(py);
  gt_release(from_python);
  gt_release(got);
  gt_release(before);
  gt_release(other);
  gt_release(loaded);
  gt_release(sd);
  gt_release(want);
  gt_release(y);
  gt_release(x);
  gt_release(net);
}

/* to(float64) moves every parameter and buffer in place: the handles stay,
 * requires_grad stays, and an optimizer made before it steps them as
 * PyTorch's does. Plain tensor fields stay as they are, as in PyTorch. */
static void to_keeps_identity(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  gt_list *params = gt_module_parameters(M(net));
  gt_optim *opt = gt_optim_SGD(params, 0.1, 0.9, 0.0, 0.0, false);
  assert_non_null(opt);
  assert_int_equal(gt_module_to(M(net), NULL, GT_FLOAT64), 0);
  gt_list *after = gt_module_parameters(M(net));
  assert_int_equal(after->len, params->len);
  for (int64_t i = 0; i < after->len; i++) {
    assert_ptr_equal(after->items[i].p, params->items[i].p);
    assert_int_equal(gt_tensor_dtype(after->items[i].p), GT_FLOAT64);
    assert_true(gt_tensor_requires_grad(after->items[i].p));
  }
  assert_int_equal(gt_tensor_dtype(gt_module_attr(net->bn, "running_var")), GT_FLOAT64);
  assert_int_equal(gt_tensor_dtype(gt_module_attr(net->bn, "num_batches_tracked")), GT_INT64);
  assert_int_equal(gt_tensor_dtype(net->offset), GT_FLOAT32);
  gt_str *s = gt_tensor_str(net->block->gain);  /* still an nn.Parameter */
  assert_non_null(strstr(s->data, "Parameter containing:"));
  gt_release(s);

  gt_tensor *x32 = input();
  gt_tensor *x = gt_to(x32, NULL, GT_FLOAT64);
  gt_tensor *y = gt_module_forward(M(net), x);
  assert_non_null(y);
  gt_tensor *loss = square_sum(y);
  assert_int_equal(gt_backward(loss, NULL, -1, false), 0);
  assert_int_equal(gt_optim_step(opt), 0);
  gt_list *named = gt_module_named_parameters(M(net));
  assert_int_equal(check_named("after step", named, tree_params_f64_step, TREE_PARAMS_F64_STEP_LEN, 0), 0);
  assert_int_equal(gt_module_to(M(net), NULL, GT_INT32), -1);
  assert_non_null(strstr(gt_last_error(), "only accepts floating point or complex dtypes"));

  gt_release(named);
  gt_release(loss);
  gt_release(y);
  gt_release(x);
  gt_release(x32);
  gt_release(after);
  gt_release(opt);
  gt_release(params);
  gt_release(net);
}

/* class Bare(nn.Module): no fields, no forward(Tensor) -> Tensor. */
static const gt_module_def Bare_def = {{"Bare", NULL, NULL, gt_module_repr_obj, NULL, NULL, NULL}, NULL, NULL, NULL};

/* len, [i], append, iteration, Sequential's forward, and the errors. */
static void containers(void **state) {
  (void)state;
  Net *net = Net_new(TREE_SEED);
  assert_int_equal(gt_module_len(net->seq), 3);
  assert_int_equal(gt_module_len(net->heads), 2);
  assert_int_equal(gt_module_len(net->empty), 0);
  assert_string_equal(gt_module_type(net->seq), "Sequential");
  assert_string_equal(gt_module_type(net->heads), "ModuleList");
  assert_ptr_equal(gt_module_getitem(net->seq, -3), gt_module_getitem(net->seq, 0));
  assert_null(gt_module_getitem(net->heads, 2));
  assert_string_equal(gt_last_error(), tree_container_errors[0]);
  assert_null(gt_module_getitem(net->seq, -4));
  assert_string_equal(gt_last_error(), tree_container_errors[1]);
  gt_list *children = gt_module_children_list(net->seq);
  assert_int_equal(children->len, 3);
  assert_string_equal(gt_module_type(children->items[1].p), "ReLU");
  gt_release(children);
  assert_repr(net->empty, "Sequential()");

  gt_tensor *x = input();
  assert_null(gt_module_forward(net->heads, x));
  assert_string_equal(gt_last_error(), tree_container_errors[2]);
  assert_int_equal(gt_module_len(net->fc1), -1);
  assert_string_equal(gt_last_error(), tree_container_errors[3]);
  assert_null(gt_module_children_list(net->fc1));
  assert_string_equal(gt_last_error(), "'Linear' object is not iterable");
  assert_int_equal(gt_module_append(M(net), net->fc1), -1);
  assert_string_equal(gt_last_error(), "'Net' object has no attribute 'append'");
  assert_int_equal(gt_module_append(net->heads, NULL), -1);
  assert_int_equal(gt_module_num_parameters(M(net)), -1);
  assert_string_equal(gt_last_error(), "expected a built-in layer, got Net");
  gt_tensor *h_n = NULL, *c_n = NULL;
  assert_null(gt_lstm_forward(net->seq, x, NULL, NULL, &h_n, &c_n));
  assert_string_equal(gt_last_error(), "expected an LSTM module, got Sequential");

  /* an empty Sequential passes its input through */
  gt_tensor *same = gt_module_forward(net->empty, x);
  assert_ptr_equal(same, x);
  gt_release(same);
  assert_null(gt_module_forward(net->empty, NULL));
  assert_string_equal(gt_last_error(), "expected a Tensor, got None");
  /* Sequential(fc1, seq) is the chain of its parts */
  gt_module *parts[2] = {net->fc1, net->seq};
  gt_module *chain = gt_nn_Sequential(parts, 2);
  gt_tensor *got = gt_module_forward(chain, x);
  gt_tensor *h = gt_module_forward(net->fc1, x);
  gt_tensor *want = gt_module_forward(net->seq, h);
  assert_int_equal(gt_equal(got, want), 1);
  assert_int_equal(gt_module_append(chain, M(net->block)), 0);  /* a .gtp module as a child */
  assert_int_equal(gt_module_len(chain), 3);
  assert_null(gt_module_forward(chain, x));  /* block takes 3 features, seq gives 6: libtorch's message */
  assert_non_null(strstr(gt_last_error(), "mat1 and mat2 shapes cannot be multiplied"));
  assert_null(gt_nn_Sequential(NULL, 2));
  gt_module *with_null[1] = {NULL};
  assert_null(gt_nn_Sequential(with_null, 1));

  gt_obj *bare = gt_alloc(sizeof(gt_module_head), &Bare_def.cls);
  gt_module_head_init((gt_module_head *)bare);
  assert_repr((gt_module *)bare, "Bare()");
  assert_null(gt_module_forward((gt_module *)bare, x));
  assert_string_equal(gt_last_error(), "Bare's forward is no forward(self, x: Tensor) -> Tensor, which a call through an nn.Module runs (it takes other arguments or returns another type): give the variable the type Bare");
  gt_list *none = gt_module_named_parameters((gt_module *)bare);
  assert_int_equal(none->len, 0);
  gt_release(none);
  gt_release(bare);

  assert_null(gt_module_forward(NULL, x));
  assert_string_equal(gt_last_error(), "module is None");
  assert_string_equal(gt_module_type(NULL), "None");

  gt_release(want);
  gt_release(h);
  gt_release(got);
  gt_release(chain);
  gt_release(x);
  gt_release(net);
}

/* A tree deeper than Python's recursion limit is an error, not a crash. */
static void too_deep(void **state) {
  (void)state;
  gt_module *m = gt_nn_Identity();
  for (int i = 0; i < 1100; i++) {
    gt_module *outer = gt_nn_Sequential(&m, 1);
    gt_release(m);
    m = outer;
  }
  assert_null(gt_module_repr(m));
  assert_non_null(strstr(gt_last_error(), "maximum recursion depth exceeded"));
  assert_null(gt_module_parameters(m));
  assert_int_equal(gt_module_train(m, false), -1);
  gt_release(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tree_matches_pytorch),
      cmocka_unit_test(train_eval_recursive),
      cmocka_unit_test(apply_order),
      cmocka_unit_test(zero_grad),
      cmocka_unit_test(load_errors),
      cmocka_unit_test(state_dict_round_trip),
      cmocka_unit_test(to_keeps_identity),
      cmocka_unit_test(containers),
      cmocka_unit_test(too_deep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

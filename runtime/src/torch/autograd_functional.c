/* autograd_functional.c - torch.autograd.functional's forms (stdlib
 * torch/autograd/functional.gtp): each entry point takes the program's
 * func, its inputs (a tensor or a tuple of tensors) and v where there is
 * one, makes func a function of a list of tensors and the rest lists, and
 * calls `core`, the stdlib's function that computes on lists; it gives
 * back the core's lists as the tensor or the (nested) tuples of the form.
 * An exception the core or func raises goes on from here, which releases
 * what the entry point holds. Pure C: the cores call libtorch. */
#include "gtorch.h"

/* The most tensors a tuple of inputs or outputs holds in the stdlib's
 * forms (func's parameters): a form of more is the compiler's error. */
enum { MAX_TENSORS = 3 };

/* ---- func as a function of a list of tensors ------------------------------ */

/* The program's func, calling it with the list's tensors as its arguments;
 * its result a tensor, or (tuple_out) a tuple of tensors. */
typedef struct tensors_fn {
  gt_fn fn;
  gt_fn *func;
  bool tuple_out;
} tensors_fn;

static void tensors_fn_drop(gt_obj *o) { gt_release(((tensors_fn *)o)->func); }

static const gt_class tensors_fn_class = {.name = "function", .drop = tensors_fn_drop, .layout = &gt_layout_atomic};

#define ARG(i) ((gt_tensor *)xs->items[i].p)
/* f(*xs) for f's C signature, whose result type is R: f takes as many
 * tensors as the list holds (the form's). */
#define CALL_SPREAD(R, f, xs)                                                                                        \
  switch ((xs)->len) {                                                                                               \
  case 1: return ((R (*)(gt_fn *, gt_tensor *))(f)->code)(f, ARG(0));                                                \
  case 2: return ((R (*)(gt_fn *, gt_tensor *, gt_tensor *))(f)->code)(f, ARG(0), ARG(1));                           \
  default: return ((R (*)(gt_fn *, gt_tensor *, gt_tensor *, gt_tensor *))(f)->code)(f, ARG(0), ARG(1), ARG(2));     \
  }

static gt_tensor *call_to_tensor(gt_fn *f, const gt_list *xs) { CALL_SPREAD(gt_tensor *, f, xs) }
static gt_tuple *call_to_tuple(gt_fn *f, const gt_list *xs) { CALL_SPREAD(gt_tuple *, f, xs) }

/* A new list[Tensor] of n tensors (borrowed). */
static gt_list *tensor_list(gt_tensor *const *ts, int64_t n) {
  gt_list *l = gt_list_new(&gt_t_tensor_list, n);
  for (int64_t i = 0; i < n; i++) gt_list_append(l, gt_vp(ts[i]));
  return l;
}

/* A tensor as the list of itself, a tuple of tensors as the list of its
 * items (PyTorch's _as_tuple). */
static gt_list *as_list(gt_obj *x) {
  if (x->cls != &gt_tuple_class) {
    gt_tensor *one = (gt_tensor *)x;
    return tensor_list(&one, 1);
  }
  const gt_tuple *t = (const gt_tuple *)x;
  gt_list *l = gt_list_new(&gt_t_tensor_list, t->len);
  for (int64_t i = 0; i < t->len; i++) gt_list_append(l, t->items[i]);
  return l;
}

static gt_list *tensors_fn_call(gt_fn *self, gt_list *xs) {
  tensors_fn *t = (tensors_fn *)self;
  if (!t->tuple_out) {
    gt_tensor *y = call_to_tensor(t->func, xs);
    gt_list *l = tensor_list(&y, 1);
    gt_release(y);
    return l;
  }
  gt_tuple *ys = call_to_tuple(t->func, xs);
  gt_list *l = as_list((gt_obj *)ys);
  gt_release(ys);
  return l;
}

static gt_fn *tensors_fn_new(gt_fn *func, bool tuple_out) {
  tensors_fn *t = gt_alloc(sizeof *t, &tensors_fn_class);
  t->fn.code = (void (*)(void))tensors_fn_call;
  t->func = gt_retain(func);
  t->tuple_out = tuple_out;
  return &t->fn;
}

/* ---- the cores' lists as the forms' results --------------------------------- */

/* The static type of a tuple of n tensors, as an item of another tuple. */
static const gt_type *tensors_type(int64_t n) {
  static const gt_type *const tensors[MAX_TENSORS] = {&gt_t_tensor, &gt_t_tensor, &gt_t_tensor};
  static const gt_type types[MAX_TENSORS + 1] = {
      {GT_K_TUPLE, 0, tensors, NULL}, {GT_K_TUPLE, 1, tensors, NULL}, {GT_K_TUPLE, 2, tensors, NULL},
      {GT_K_TUPLE, 3, tensors, NULL}};
  return &types[n];
}

/* A list of tensors as a tuple of them (tuple), else its one tensor: a
 * new reference. */
static gt_obj *as_form(const gt_list *l, bool tuple) {
  if (tuple) return (gt_obj *)gt_tuple_of_elems(&gt_t_tensor, l->len, l->items);
  return gt_retain(l->items[0].p);
}

/* jacobian's and hessian's blocks ([row][column] lists): each row a tuple
 * of blocks (columns_tuple) or its one block, the rows a tuple of those
 * (rows_tuple) or the one row. */
static gt_obj *blocks_form(const gt_list *rows, bool rows_tuple, bool columns_tuple) {
  if (!rows_tuple) return as_form(rows->items[0].p, columns_tuple);
  int64_t n = rows->len;
  gt_val items[MAX_TENSORS];
  for (int64_t i = 0; i < n; i++) items[i].p = as_form(rows->items[i].p, columns_tuple);
  const gt_type *row = columns_tuple ? tensors_type(((const gt_list *)rows->items[0].p)->len) : &gt_t_tensor;
  gt_tuple *t = gt_tuple_of_elems(row, n, items);
  for (int64_t i = 0; i < n; i++) gt_release(items[i].p);
  return (gt_obj *)t;
}

/* The products' [outputs, product] as the tuple (outputs, product), each
 * a tuple or a tensor as its flag says. */
static gt_tuple *pair_form(const gt_list *pair, bool outputs_tuple, bool product_tuple) {
  const gt_list *outputs = pair->items[0].p, *product = pair->items[1].p;
  static const gt_type *args[MAX_TENSORS + 1][MAX_TENSORS + 1][2];
  static gt_type types[MAX_TENSORS + 1][MAX_TENSORS + 1];
  int64_t a = outputs_tuple ? outputs->len : 0, b = product_tuple ? product->len : 0;
  if (!types[a][b].args) {  /* (Tensor, tuple[Tensor, Tensor]) and the like: each made at its first use */
    args[a][b][0] = outputs_tuple ? tensors_type(a) : &gt_t_tensor;
    args[a][b][1] = product_tuple ? tensors_type(b) : &gt_t_tensor;
    types[a][b] = (gt_type){GT_K_TUPLE, 2, args[a][b], NULL};
  }
  gt_obj *first = as_form(outputs, outputs_tuple), *second = as_form(product, product_tuple);
  gt_tuple *t = gt_tuple_of(&types[a][b], gt_vp(first), gt_vp(second));
  gt_release(first);
  gt_release(second);
  return t;
}

/* ---- running a core ------------------------------------------------------------ */

typedef gt_list *(*blocks_core)(gt_fn *core, gt_fn *func, gt_list *inputs, bool create_graph, bool strict,
                                bool vectorize, gt_str *strategy);
typedef gt_list *(*product_core)(gt_fn *core, gt_fn *func, gt_list *inputs, gt_list *v, bool v_of_tuple,
                                 bool create_graph, bool strict);

/* jacobian (rows: func's outputs) and hessian (rows: the inputs). */
static gt_obj *run_blocks(gt_fn *core, gt_fn *func, bool tuple_out, gt_obj *inputs, bool rows_tuple,
                          bool create_graph, bool strict, bool vectorize, gt_str *strategy) {
  gt_fn *fn = NULL;
  gt_list *xs = NULL, *rows = NULL;
  gt_holdings h = {.slots = (volatile void *const[]){&fn, &xs, &rows}, .nslots = 3};
  gt_enter_holdings(&h);
  fn = tensors_fn_new(func, tuple_out);
  xs = as_list(inputs);
  rows = ((blocks_core)core->code)(core, fn, xs, create_graph, strict, vectorize, strategy);
  gt_obj *result = blocks_form(rows, rows_tuple, inputs->cls == &gt_tuple_class);
  gt_leave_holdings(&h);
  gt_release(fn);
  gt_release(xs);
  gt_release(rows);
  return result;
}

/* Whose form v and the product of vjp, jvp, vhp and hvp have: func's
 * outputs' or the inputs'. */
typedef enum form_of { INPUTS, OUTPUTS } form_of;

/* vjp, jvp, vhp and hvp: [func's outputs, the product] as their tuple; v
 * NULL for None. */
static gt_tuple *run_product(gt_fn *core, gt_fn *func, bool tuple_out, gt_obj *inputs, gt_obj *v, form_of v_form,
                             form_of product_form, bool create_graph, bool strict) {
  bool inputs_tuple = inputs->cls == &gt_tuple_class;
  gt_fn *fn = NULL;
  gt_list *xs = NULL, *vs = NULL, *pair = NULL;
  gt_holdings h = {.slots = (volatile void *const[]){&fn, &xs, &vs, &pair}, .nslots = 4};
  gt_enter_holdings(&h);
  fn = tensors_fn_new(func, tuple_out);
  xs = as_list(inputs);
  vs = v ? as_list(v) : NULL;
  pair = ((product_core)core->code)(core, fn, xs, vs, v_form == OUTPUTS ? tuple_out : inputs_tuple, create_graph,
                                    strict);
  gt_tuple *result = pair_form(pair, tuple_out, product_form == OUTPUTS ? tuple_out : inputs_tuple);
  gt_leave_holdings(&h);
  gt_release(fn);
  gt_release(xs);
  gt_release(vs);
  gt_release(pair);
  return result;
}

/* ---- the forms ---------------------------------------------------------------- */

void *gt_autograd_jacobian(gt_fn *func, void *inputs, bool create_graph, bool strict, bool vectorize,
                           gt_str *strategy, gt_fn *core) {
  return run_blocks(core, func, false, inputs, false, create_graph, strict, vectorize, strategy);
}
void *gt_autograd_jacobian_outs(gt_fn *func, void *inputs, bool create_graph, bool strict, bool vectorize,
                                gt_str *strategy, gt_fn *core) {
  return run_blocks(core, func, true, inputs, true, create_graph, strict, vectorize, strategy);
}
void *gt_autograd_hessian(gt_fn *func, void *inputs, bool create_graph, bool strict, bool vectorize,
                          gt_str *outer_jacobian_strategy, gt_fn *core) {
  bool inputs_tuple = ((gt_obj *)inputs)->cls == &gt_tuple_class;
  return run_blocks(core, func, false, inputs, inputs_tuple, create_graph, strict, vectorize,
                    outer_jacobian_strategy);
}

gt_tuple *gt_autograd_vjp(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict, gt_fn *core) {
  return run_product(core, func, false, inputs, v, OUTPUTS, INPUTS, create_graph, strict);
}
gt_tuple *gt_autograd_vjp_outs(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict, gt_fn *core) {
  return run_product(core, func, true, inputs, v, OUTPUTS, INPUTS, create_graph, strict);
}
gt_tuple *gt_autograd_jvp(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict, gt_fn *core) {
  return run_product(core, func, false, inputs, v, INPUTS, OUTPUTS, create_graph, strict);
}
gt_tuple *gt_autograd_jvp_outs(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict, gt_fn *core) {
  return run_product(core, func, true, inputs, v, INPUTS, OUTPUTS, create_graph, strict);
}
gt_tuple *gt_autograd_hessian_product(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict,
                                      gt_fn *core) {
  return run_product(core, func, false, inputs, v, INPUTS, INPUTS, create_graph, strict);
}

/* gtorch_torch.h - tensors over libtorch: the C face of libgtorch.
 *
 * Pure C11 (compiles with -std=c11 -pedantic); every name starts gt_/GT_.
 * Names and semantics are PyTorch 1.13's; docs/runtime.md describes the
 * conventions in full:
 *
 * - Handles (gt_tensor, gt_device) are opaque, start with gt_obj and are
 *   reference counted with gt_retain/gt_release.
 * - Ownership: arguments are BORROWED; a returned handle is a NEW REFERENCE.
 *   Lists and tuples returned (split, max with dim) are new references whose
 *   elements the container owns.
 * - Errors never abort: a function returning a handle returns NULL, one
 *   returning int returns -1 (0 on success), and gt_last_error() tells why.
 *   Functions returning a plain value say what they return on error.
 *   Generated code checks and calls gt_fail("%s", gt_last_error()).
 * - Naming: gt_OP(a, b) takes two tensors; gt_OP_f / gt_OP_i take a Python
 *   float / int as the second operand (which matters for type promotion
 *   exactly as in PyTorch: `x + 1` keeps an int tensor int, `x + 1.0` makes
 *   it float); gt_rOP_f / gt_rOP_i put the scalar first (`2 - x`); a
 *   trailing `_` is PyTorch's in-place form and returns a status.
 * - Optional arguments (Python's None): tensors NULL, devices NULL (the CPU
 *   for creation, "keep" for to()), dtypes GT_DTYPE_DEFAULT, ints
 *   GT_NONE_INT, floats GT_NONE_FLOAT (a NaN of its own), strings NULL.
 * - Shapes and dims lists are (const int64_t *, int64_t count); lists of
 *   tensors are list[Tensor] values (gt_list of gt_tensor *).
 */
#ifndef GTORCH_TORCH_H
#define GTORCH_TORCH_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gtorch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_tensor gt_tensor;
typedef struct gt_device gt_device;

#define GT_NONE_INT INT64_MIN
#define GT_NONE_FLOAT __builtin_nan("0x4e6f6e65")

/* ---- errors -------------------------------------------------------------- */

/* The message of the last failed call on this thread ("" if none). Borrowed:
 * valid until the next failing call on this thread. */
const char *gt_last_error(void);
void gt_clear_error(void);

/* ---- dtypes: the numbering of c10::ScalarType ---------------------------- */

typedef enum gt_dtype {
  GT_DTYPE_DEFAULT = -1, /* "not given": float32 or inferred, as in PyTorch */
  GT_UINT8 = 0,
  GT_INT8 = 1,
  GT_INT16 = 2,
  GT_INT32 = 3,
  GT_INT64 = 4,
  GT_FLOAT16 = 5,
  GT_FLOAT32 = 6,
  GT_FLOAT64 = 7,
  GT_COMPLEX64 = 9,
  GT_COMPLEX128 = 10,
  GT_BOOL = 11,
  GT_BFLOAT16 = 15
} gt_dtype;

/* "torch.float32", as Python prints a dtype; NULL for an unknown value.
 * Returns a static string. */
const char *gt_dtype_name(gt_dtype dtype);
/* Size in bytes of one element; -1 for an unknown dtype. */
int64_t gt_dtype_itemsize(gt_dtype dtype);
bool gt_dtype_is_floating_point(gt_dtype dtype);
/* The dtype of floating tensors made without dtype= (torch.get_default_dtype):
 * set to dtype, a floating one (another is left), returning the one before. */
gt_dtype gt_swap_default_dtype(gt_dtype dtype);

/* ---- devices ------------------------------------------------------------- */

extern const gt_class gt_device_class;

/* torch.device(name): "cpu", "cuda", "cuda:N" (and libtorch's other names).
 * A CUDA device can be named on a machine without one; using it fails.
 * New reference; NULL on a malformed name. */
gt_device *gt_device_new(const char *name);
/* torch.device(type, index). New reference. */
gt_device *gt_device_new_index(const char *type, int64_t index);
/* "cpu", "cuda": a static string. Borrows. */
const char *gt_device_type(const gt_device *d);
/* The index, or -1 when none was given. Borrows. */
int64_t gt_device_index(const gt_device *d);
/* str(device): "cpu", "cuda:0". New reference. */
gt_str *gt_device_str(const gt_device *d);
/* device == other. Borrows. */
bool gt_device_eq(const gt_device *a, const gt_device *b);

/* ---- tensor handles ------------------------------------------------------ */

extern const gt_class gt_tensor_class;
/* The static types of a list[Tensor], a tuple[Tensor, Tensor] and a
 * dict[str, Tensor] as returned by this header's functions. */
extern const gt_type gt_t_tensor_list, gt_t_tensor_pair, gt_t_tensor_triple, gt_t_tensor_dict;

/* ---- creation (all return a new reference) ------------------------------- */

/* A tensor copying `ndim`-dimensional C data (C order) of `dtype`. */
gt_tensor *gt_tensor_from_data(const void *data, gt_dtype dtype, const int64_t *shape, int64_t ndim);
/* torch.tensor(list): a (nested) list[int|float|bool] of rectangular shape;
 * the dtype is inferred as PyTorch does when GT_DTYPE_DEFAULT. */
gt_tensor *gt_tensor_from_list(const gt_list *list, gt_dtype dtype, const gt_device *device,
                               bool requires_grad);
/* torch.tensor of a tuple (tuple[float, ...], of lists or tuples): as of a list. */
gt_tensor *gt_tensor_from_tuple(const gt_tuple *tuple, gt_dtype dtype, const gt_device *device,
                                bool requires_grad);
/* torch.tensor of a list of one-element tensors (each read as a scalar). */
gt_tensor *gt_tensor_from_tensors(const gt_list *list, gt_dtype dtype, const gt_device *device,
                                  bool requires_grad);
/* torch.tensor(t) of a tensor: a detached copy, of dtype (device) or t's own. */
gt_tensor *gt_tensor_copy_of(const gt_tensor *src, gt_dtype dtype, const gt_device *device, bool requires_grad);
/* torch.tensor(3.0), torch.tensor(3), torch.tensor(True): 0-dim tensors. */
gt_tensor *gt_scalar_tensor_f(double v, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_scalar_tensor_i(int64_t v, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_scalar_tensor_b(bool v, gt_dtype dtype, const gt_device *device, bool requires_grad);
/* A number as the 0-dim tensor PyTorch makes of a Python scalar operand (a
 * "wrapped number": `n + x` keeps x's dtype), which prints as the number: a
 * name that holds a number before a loop's `total += loss` makes it a tensor.
 * An in-place operator on it (`total += loss`) computes out of place, as
 * Python's number + tensor does, and returns the new tensor. */
gt_tensor *gt_tensor_of_number(gt_num n);
bool gt_tensor_is_number(const gt_tensor *x);

gt_tensor *gt_zeros(const int64_t *shape, int64_t ndim, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_ones(const int64_t *shape, int64_t ndim, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_empty(const int64_t *shape, int64_t ndim, gt_dtype dtype, const gt_device *device, bool requires_grad);
/* torch.full: an int fill makes an int64 tensor, a float one the default dtype. */
gt_tensor *gt_full_f(const int64_t *shape, int64_t ndim, double value, gt_dtype dtype,
                     const gt_device *device, bool requires_grad);
gt_tensor *gt_full_i(const int64_t *shape, int64_t ndim, int64_t value, gt_dtype dtype,
                     const gt_device *device, bool requires_grad);
gt_tensor *gt_full_b(const int64_t *shape, int64_t ndim, bool value, gt_dtype dtype,
                     const gt_device *device, bool requires_grad);
/* torch.arange: int bounds give int64, float bounds the default dtype. */
gt_tensor *gt_arange_i(int64_t start, int64_t end, int64_t step, gt_dtype dtype, const gt_device *device,
                       bool requires_grad);
gt_tensor *gt_arange_f(double start, double end, double step, gt_dtype dtype, const gt_device *device,
                       bool requires_grad);
gt_tensor *gt_linspace(double start, double end, int64_t steps, gt_dtype dtype, const gt_device *device,
                       bool requires_grad);
/* torch.eye(n, m): m GT_NONE_INT for a square matrix. */
gt_tensor *gt_eye(int64_t n, int64_t m, gt_dtype dtype, const gt_device *device, bool requires_grad);
/* Random tensors use the global generator (gt_manual_seed). */
gt_tensor *gt_rand(const int64_t *shape, int64_t ndim, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_randn(const int64_t *shape, int64_t ndim, gt_dtype dtype, const gt_device *device, bool requires_grad);
/* torch.randint(low, high, size): int64 unless dtype says otherwise. */
gt_tensor *gt_randint(int64_t low, int64_t high, const int64_t *shape, int64_t ndim, gt_dtype dtype,
                      const gt_device *device, bool requires_grad);
gt_tensor *gt_randperm(int64_t n, gt_dtype dtype, const gt_device *device, bool requires_grad);
/* torch.sparse_coo_tensor(indices, values, size): a COO tensor, uncoalesced
 * as PyTorch's; dtype and device default to the values'. */
gt_tensor *gt_sparse_coo_tensor(gt_tensor *indices, gt_tensor *values, const int64_t *shape, int64_t ndim,
                                gt_dtype dtype, const gt_device *device, bool requires_grad);
/* x.to_sparse(), x.to_dense(): the other layout. */
gt_tensor *gt_to_sparse(gt_tensor *x);
gt_tensor *gt_to_dense(gt_tensor *x);
bool gt_is_sparse(gt_tensor *x);
gt_tensor *gt_coalesce(gt_tensor *x);
bool gt_is_coalesced(gt_tensor *x);
gt_tensor *gt_sparse_indices(gt_tensor *x);
gt_tensor *gt_sparse_values(gt_tensor *x);
/* torch.multinomial(probs, n, replacement), torch.normal(mean, std) of two
 * tensors, torch.bernoulli(probs), x.normal_(mean, std) (x itself, a new
 * reference): PyTorch's draws for the same seed. */
gt_tensor *gt_multinomial(gt_tensor *probs, int64_t num_samples, bool replacement);
gt_tensor *gt_normal_tt(gt_tensor *mean, gt_tensor *std);
gt_tensor *gt_bernoulli(gt_tensor *probs);
gt_tensor *gt_normal_(gt_tensor *x, double mean, double std);
/* x.uniform_(from, to), exponential_(lambd), bernoulli_(p), log_normal_,
 * cauchy_: x filled in place with draws of PyTorch's generator; x again. */
gt_tensor *gt_uniform_(gt_tensor *x, double from, double to);
gt_tensor *gt_exponential_(gt_tensor *x, double lambd);
gt_tensor *gt_bernoulli_(gt_tensor *x, double p);
gt_tensor *gt_log_normal_(gt_tensor *x, double mean, double std);
gt_tensor *gt_cauchy_(gt_tensor *x, double median, double sigma);
/* *_like: dtype GT_DTYPE_DEFAULT and device NULL keep those of `x`. */
gt_tensor *gt_zeros_like(gt_tensor *x, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_ones_like(gt_tensor *x, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_empty_like(gt_tensor *x, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_rand_like(gt_tensor *x, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_randn_like(gt_tensor *x, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_full_like_f(gt_tensor *x, double value, gt_dtype dtype, const gt_device *device, bool requires_grad);
gt_tensor *gt_full_like_i(gt_tensor *x, int64_t value, gt_dtype dtype, const gt_device *device, bool requires_grad);

/* ---- properties (borrow their argument) ---------------------------------- */

/* x.dim(), x.numel(), x.size(dim) (negative dims count from the end):
 * -1 on error. */
int64_t gt_tensor_dim(gt_tensor *x);
int64_t gt_tensor_numel(gt_tensor *x);
int64_t gt_tensor_size(gt_tensor *x, int64_t dim);
/* Copies min(dim, cap) sizes into out; returns x.dim(), or -1 on error. */
int64_t gt_tensor_shape(gt_tensor *x, int64_t *out, int64_t cap);
/* x.shape as a list[int]. New reference. */
gt_list *gt_tensor_shape_list(gt_tensor *x);
/* x.dtype; GT_DTYPE_DEFAULT on error. */
gt_dtype gt_tensor_dtype(gt_tensor *x);
/* x.device. New reference. */
gt_device *gt_tensor_device(gt_tensor *x);
bool gt_tensor_requires_grad(gt_tensor *x);  /* false on NULL */
bool gt_tensor_is_leaf(gt_tensor *x);        /* true on NULL */
bool gt_tensor_is_contiguous(gt_tensor *x);  /* false on NULL */
/* x.share_memory_(): a CPU tensor's storage moved, in place, into memory
 * that the children fork makes share with this process (every view and
 * parameter of it follows); x itself, a new reference (NULL on failure).
 * A CUDA tensor is left as it is. x.is_shared(): whether that was done
 * (true for a CUDA tensor, as PyTorch's); false on NULL. (shared.cpp) */
gt_tensor *gt_tensor_share_memory_(gt_tensor *x);
bool gt_tensor_is_shared(gt_tensor *x);

/* x.item() of a one-element tensor, as a float, an int or a bool: 0 or -1. */
int gt_item_f(gt_tensor *x, double *out);
int gt_item_i(gt_tensor *x, int64_t *out);
int gt_item_b(gt_tensor *x, bool *out);
/* Copies x's elements (C order), converted to `dtype`, into buf, which holds
 * `cap` elements: 0, or -1 if x has more elements than that. */
int gt_tensor_copy_to(gt_tensor *x, void *buf, gt_dtype dtype, int64_t cap);
/* x.tolist() of a 1-D tensor as list[float] / list[int] / list[bool]
 * (of a 0-D tensor: a one-element list). New reference. */
gt_list *gt_tolist_f(gt_tensor *x);
gt_list *gt_tolist_i(gt_tensor *x);
gt_list *gt_tolist_b(gt_tensor *x);

/* ---- conversion (new references) ----------------------------------------- */

/* x.to(device, dtype): NULL / GT_DTYPE_DEFAULT keep what x has. Returns a
 * new reference to the same tensor when nothing changes, as PyTorch does. */
gt_tensor *gt_to(gt_tensor *x, const gt_device *device, gt_dtype dtype);
gt_tensor *gt_contiguous(gt_tensor *x);
gt_tensor *gt_clone(gt_tensor *x);
gt_tensor *gt_detach(gt_tensor *x);
/* x.requires_grad_(flag): 0 or -1 (e.g. on a non-leaf or an int tensor). */
int gt_requires_grad_(gt_tensor *x, bool requires_grad);
/* x.copy_(src), x.zero_(), x.fill_(v): in place, 0 or -1. */
int gt_copy_(gt_tensor *x, gt_tensor *src);
int gt_zero_(gt_tensor *x);
int gt_fill_f_(gt_tensor *x, double value);
int gt_fill_i_(gt_tensor *x, int64_t value);

/* ---- arithmetic (broadcasting; new references; in-place: 0 or -1) -------- */

#define GT_DECLARE_BINARY(op)                                \
  gt_tensor *gt_##op(gt_tensor *a, gt_tensor *b);            \
  gt_tensor *gt_##op##_f(gt_tensor *a, double b);            \
  gt_tensor *gt_##op##_i(gt_tensor *a, int64_t b);           \
  int gt_##op##_(gt_tensor *a, gt_tensor *b);                \
  int gt_##op##_f_(gt_tensor *a, double b);                  \
  int gt_##op##_i_(gt_tensor *a, int64_t b);
/* a + b, a - b, a * b, a / b (true division), a // b, a % b (Python's sign),
 * a ** b. */
GT_DECLARE_BINARY(add)
GT_DECLARE_BINARY(sub)
GT_DECLARE_BINARY(mul)
GT_DECLARE_BINARY(div)
GT_DECLARE_BINARY(floor_divide)
GT_DECLARE_BINARY(remainder)
GT_DECLARE_BINARY(pow)
/* The scalar on the left: `2 - x`, `1 / x`, `2 // x`, `2 % x`, `2 ** x`
 * (`2 + x` and `2 * x` are gt_add_i(x, 2) and gt_mul_i(x, 2)). */
gt_tensor *gt_rsub_f(gt_tensor *a, double b);
gt_tensor *gt_rsub_i(gt_tensor *a, int64_t b);
gt_tensor *gt_rdiv_f(gt_tensor *a, double b);
gt_tensor *gt_rdiv_i(gt_tensor *a, int64_t b);
gt_tensor *gt_rfloor_divide_f(gt_tensor *a, double b);
gt_tensor *gt_rfloor_divide_i(gt_tensor *a, int64_t b);
gt_tensor *gt_rremainder_f(gt_tensor *a, double b);
gt_tensor *gt_rremainder_i(gt_tensor *a, int64_t b);
gt_tensor *gt_rpow_f(gt_tensor *a, double b);
gt_tensor *gt_rpow_i(gt_tensor *a, int64_t b);
/* torch.add(a, b, alpha=alpha), torch.sub(a, b, alpha=alpha). */
gt_tensor *gt_add_alpha(gt_tensor *a, gt_tensor *b, double alpha);
gt_tensor *gt_sub_alpha(gt_tensor *a, gt_tensor *b, double alpha);

#define GT_DECLARE_UNARY(op)            \
  gt_tensor *gt_##op(gt_tensor *x);     \
  int gt_##op##_(gt_tensor *x);
GT_DECLARE_UNARY(neg)
GT_DECLARE_UNARY(abs)
GT_DECLARE_UNARY(exp)
GT_DECLARE_UNARY(log)
GT_DECLARE_UNARY(log2)
GT_DECLARE_UNARY(log1p)
GT_DECLARE_UNARY(sqrt)
GT_DECLARE_UNARY(rsqrt)
GT_DECLARE_UNARY(sin)
GT_DECLARE_UNARY(cos)
GT_DECLARE_UNARY(tan)
GT_DECLARE_UNARY(tanh)
GT_DECLARE_UNARY(sigmoid)
GT_DECLARE_UNARY(relu)
GT_DECLARE_UNARY(floor)
GT_DECLARE_UNARY(ceil)
GT_DECLARE_UNARY(round)
GT_DECLARE_UNARY(trunc)
GT_DECLARE_UNARY(sign)
GT_DECLARE_UNARY(reciprocal)
GT_DECLARE_UNARY(square)
GT_DECLARE_UNARY(logical_not)
GT_DECLARE_UNARY(bitwise_not)
GT_DECLARE_UNARY(asin)
GT_DECLARE_UNARY(acos)
GT_DECLARE_UNARY(atan)
GT_DECLARE_UNARY(sinh)
GT_DECLARE_UNARY(cosh)
GT_DECLARE_UNARY(asinh)
GT_DECLARE_UNARY(acosh)
GT_DECLARE_UNARY(atanh)
GT_DECLARE_UNARY(erf)
GT_DECLARE_UNARY(erfc)
GT_DECLARE_UNARY(erfinv)
GT_DECLARE_UNARY(expm1)
GT_DECLARE_UNARY(log10)
GT_DECLARE_UNARY(exp2)
GT_DECLARE_UNARY(frac)
/* unique(x, sorted, return_inverse, return_counts, dim): the distinct
 * elements, flattened (dim GT_NONE_INT), or the distinct slices along dim;
 * with the inverse indices, the counts, or both, as the flags ask. */
gt_tensor *gt_unique(gt_tensor *x, bool sorted, bool return_inverse, bool return_counts, int64_t dim);
gt_tuple *gt_unique_inverse(gt_tensor *x, bool sorted, bool return_inverse, bool return_counts, int64_t dim);
gt_tuple *gt_unique_counts(gt_tensor *x, bool sorted, bool return_inverse, bool return_counts, int64_t dim);
gt_tuple *gt_unique_all(gt_tensor *x, bool sorted, bool return_inverse, bool return_counts, int64_t dim);
/* cross(a, b, dim): dim GT_NONE_INT for None (the first of size 3). */
gt_tensor *gt_cross(gt_tensor *a, gt_tensor *b, int64_t dim);
/* svd(a, some, compute_uv): the tuple (U, S, V). */
gt_tuple *gt_svd(gt_tensor *a, bool some, bool compute_uv);
/* torch.clamp(x, min, max): GT_NONE_FLOAT / GT_NONE_INT leave a side open;
 * the _i form keeps an int tensor int. */
gt_tensor *gt_clamp_f(gt_tensor *x, double min, double max);
gt_tensor *gt_clamp_i(gt_tensor *x, int64_t min, int64_t max);
gt_tensor *gt_clamp_t(gt_tensor *x, gt_tensor *min /* NULL */, gt_tensor *max /* NULL */);
int gt_clamp_f_(gt_tensor *x, double min, double max);
int gt_clamp_i_(gt_tensor *x, int64_t min, int64_t max);
gt_tensor *gt_maximum(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_minimum(gt_tensor *a, gt_tensor *b);
/* torch.where(cond, a, b); the _f forms take a Python float for a / b. */
gt_tensor *gt_where(gt_tensor *cond, gt_tensor *a, gt_tensor *b);
gt_tensor *gt_where_ff(gt_tensor *cond, double a, double b);
gt_tensor *gt_where_tf(gt_tensor *cond, gt_tensor *a, double b);
gt_tensor *gt_where_ft(gt_tensor *cond, double a, gt_tensor *b);
/* a @ b (torch.matmul), torch.mm, torch.bmm, torch.dot, torch.outer. */
gt_tensor *gt_matmul(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_mm(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_bmm(gt_tensor *a, gt_tensor *b);
/* torch.triu / torch.tril: the upper / lower triangle from `diagonal` on. */
gt_tensor *gt_triu(gt_tensor *x, int64_t diagonal);
gt_tensor *gt_tril(gt_tensor *x, int64_t diagonal);
gt_tensor *gt_dot(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_outer(gt_tensor *a, gt_tensor *b);
/* torch.einsum(equation, *operands) and of a list of them. */
gt_tensor *gt_einsum(const char *equation, gt_tensor *const *operands, int64_t n);
gt_tensor *gt_einsum_list(const char *equation, const gt_list *operands);
/* torch.cdist(x1, x2, p, compute_mode): compute_mode as Python's names it
 * ("use_mm_for_euclid_dist_if_necessary", "use_mm_for_euclid_dist",
 * "donot_use_mm_for_euclid_dist"; another is its ValueError). */
gt_tensor *gt_cdist(gt_tensor *x1, gt_tensor *x2, double p, const char *compute_mode);
/* torch.bucketize(input, boundaries, out_int32, right). */
gt_tensor *gt_bucketize(gt_tensor *input, gt_tensor *boundaries, bool out_int32, bool right);
/* functional_more.cpp: torch.isclose, roll (dims GT_NONE_INT: flattened),
 * nan_to_num (posinf/neginf GT_NONE_FLOAT: the dtype's extremes), meshgrid
 * (a new list of the grids; indexing "ij" or "xy") and x.norm(p, dim=None
 * or a dim, keepdim), Tensor.norm's form with dim named. */
gt_tensor *gt_isclose(gt_tensor *a, gt_tensor *b, double rtol, double atol, bool equal_nan);
gt_tensor *gt_roll(gt_tensor *x, int64_t shifts, int64_t dims);
gt_tensor *gt_roll_list(gt_tensor *x, const gt_list *shifts, const gt_list *dims);
gt_tensor *gt_nan_to_num(gt_tensor *x, double nan, double posinf, double neginf);
gt_list *gt_meshgrid(gt_tensor *const *tensors, int64_t n, const char *indexing);
gt_list *gt_broadcast_tensors(gt_tensor *const *tensors, int64_t n);
gt_tensor *gt_norm_opt(gt_tensor *x, double p, int64_t dim, bool keepdim);
/* ---- ops_more.cpp: the ops beyond ops.cpp's that published programs call ----
 * Each is the ATen function of PyTorch's name, its arguments in the order
 * of the stdlib declaration. A gt_ints of n 0 is None (every dim); an
 * int64_t GT_NONE_INT and a double GT_NONE_FLOAT are None; the in-place
 * ones (trailing _) return x retained; the gt_tuple results are
 * torch.return_types' (values, indices) or a plain pair. */
typedef struct gt_dtype_obj gt_dtype_obj; /* gtorch_bind.h's */
gt_tensor *gt_amax(gt_tensor *x, gt_ints dim, bool keepdim);
gt_tensor *gt_amin(gt_tensor *x, gt_ints dim, bool keepdim);
gt_tensor *gt_nansum(gt_tensor *x);
gt_tensor *gt_nansum_dim(gt_tensor *x, gt_ints dim, bool keepdim);
gt_tensor *gt_nanmean(gt_tensor *x);
gt_tensor *gt_nanmean_dim(gt_tensor *x, gt_ints dim, bool keepdim);
gt_tensor *gt_count_nonzero(gt_tensor *x, gt_ints dim);
gt_tensor *gt_bincount(gt_tensor *x, gt_tensor *weights, int64_t minlength);
gt_tensor *gt_histc(gt_tensor *x, int64_t bins, double min, double max);
gt_tensor *gt_cumprod(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype);
gt_tensor *gt_trace(gt_tensor *x);
gt_tensor *gt_median_all(gt_tensor *x);
gt_tensor *gt_nanmedian_all(gt_tensor *x);
gt_tensor *gt_quantile_f(gt_tensor *x, double q, int64_t dim, bool keepdim, const char *interpolation);
gt_tensor *gt_quantile_t(gt_tensor *x, gt_tensor *q, int64_t dim, bool keepdim, const char *interpolation);
gt_tensor *gt_dist(gt_tensor *a, gt_tensor *b, double p);
gt_tuple *gt_median_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tuple *gt_mode(gt_tensor *x, int64_t dim, bool keepdim);
gt_tuple *gt_kthvalue(gt_tensor *x, int64_t k, int64_t dim, bool keepdim);
gt_tuple *gt_cummax(gt_tensor *x, int64_t dim);
gt_tuple *gt_cummin(gt_tensor *x, int64_t dim);
gt_tuple *gt_std_mean(gt_tensor *x, gt_ints dim, bool unbiased, bool keepdim);
gt_tuple *gt_var_mean(gt_tensor *x, gt_ints dim, bool unbiased, bool keepdim);
gt_tensor *gt_lerp_f(gt_tensor *x, gt_tensor *end, double weight);
gt_tensor *gt_lerp_t(gt_tensor *x, gt_tensor *end, gt_tensor *weight);
gt_tensor *gt_lerp_f_(gt_tensor *x, gt_tensor *end, double weight);
gt_tensor *gt_fmod_t(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_fmod_f(gt_tensor *x, double other);
gt_tensor *gt_fmod_i(gt_tensor *x, int64_t other);
gt_tensor *gt_xlogy_t(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_xlogy_f(gt_tensor *x, double other);
gt_tensor *gt_logaddexp(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_atan2(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_hypot(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_heaviside(gt_tensor *x, gt_tensor *values);
gt_tensor *gt_logical_xor(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_signbit(gt_tensor *x);
gt_tensor *gt_sgn(gt_tensor *x);
gt_tensor *gt_lgamma(gt_tensor *x);
gt_tensor *gt_digamma(gt_tensor *x);
gt_tensor *gt_sinc(gt_tensor *x);
gt_tensor *gt_deg2rad(gt_tensor *x);
gt_tensor *gt_rad2deg(gt_tensor *x);
gt_tensor *gt_logit(gt_tensor *x, double eps);
/* round(x, decimals=d), x.round_(decimals=d) (x itself, a new reference). */
gt_tensor *gt_round_decimals(gt_tensor *x, int64_t decimals);
gt_tensor *gt_round_decimals_(gt_tensor *x, int64_t decimals);
/* div(a, b, rounding_mode=mode): mode "floor" or "trunc", NULL for None (true
 * division); the in-place forms return a itself (a new reference). */
gt_tensor *gt_div_mode(gt_tensor *a, gt_tensor *b, const char *mode);
gt_tensor *gt_div_mode_i(gt_tensor *a, int64_t b, const char *mode);
gt_tensor *gt_div_mode_f(gt_tensor *a, double b, const char *mode);
gt_tensor *gt_div_mode_(gt_tensor *a, gt_tensor *b, const char *mode);
gt_tensor *gt_div_mode_i_(gt_tensor *a, int64_t b, const char *mode);
gt_tensor *gt_div_mode_f_(gt_tensor *a, double b, const char *mode);
gt_tensor *gt_addcmul(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value);
gt_tensor *gt_addcdiv(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value);
gt_tensor *gt_addcmul_(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value);
gt_tensor *gt_addcdiv_(gt_tensor *x, gt_tensor *t1, gt_tensor *t2, double value);
gt_tensor *gt_addmm(gt_tensor *x, gt_tensor *m1, gt_tensor *m2, double beta, double alpha);
gt_tensor *gt_baddbmm(gt_tensor *x, gt_tensor *b1, gt_tensor *b2, double beta, double alpha);
gt_tensor *gt_mv(gt_tensor *m, gt_tensor *v);
gt_tensor *gt_inner(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_tile(gt_tensor *x, gt_ints dims);
gt_tensor *gt_tile_n(gt_tensor *x, const int64_t *dims, int64_t n);
gt_tensor *gt_diagonal(gt_tensor *x, int64_t offset, int64_t dim1, int64_t dim2);
gt_tensor *gt_diag_embed(gt_tensor *x, int64_t offset, int64_t dim1, int64_t dim2);
gt_tensor *gt_diagflat(gt_tensor *x, int64_t offset);
gt_tensor *gt_diff(gt_tensor *x, int64_t n, int64_t dim);
gt_tensor *gt_unflatten(gt_tensor *x, int64_t dim, gt_ints sizes);
gt_tensor *gt_rot90(gt_tensor *x, int64_t k, gt_ints dims);
gt_tensor *gt_repeat_interleave_i(gt_tensor *x, int64_t repeats, int64_t dim);
gt_tensor *gt_repeat_interleave_t(gt_tensor *x, gt_tensor *repeats, int64_t dim);
gt_tensor *gt_unique_consecutive(gt_tensor *x);
gt_tensor *gt_atleast_1d(gt_tensor *x);
gt_tensor *gt_atleast_2d(gt_tensor *x);
gt_tensor *gt_atleast_3d(gt_tensor *x);
gt_tensor *gt_vstack(const gt_list *ts);
gt_tensor *gt_vstack_t(const gt_tuple *ts);
gt_tensor *gt_hstack(const gt_list *ts);
gt_tensor *gt_hstack_t(const gt_tuple *ts);
gt_tensor *gt_column_stack(const gt_list *ts);
gt_tensor *gt_column_stack_t(const gt_tuple *ts);
gt_tensor *gt_dstack(const gt_list *ts);
gt_tensor *gt_dstack_t(const gt_tuple *ts);
gt_tensor *gt_block_diag(gt_tensor *const *tensors, int64_t n);
gt_tensor *gt_cartesian_prod(gt_tensor *const *tensors, int64_t n);
gt_tensor *gt_combinations(gt_tensor *x, int64_t r, bool with_replacement);
gt_tensor *gt_take(gt_tensor *x, gt_tensor *index);
gt_tensor *gt_index_add_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *source, double alpha);
gt_tensor *gt_index_add(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *source, double alpha);
gt_tensor *gt_index_fill_(gt_tensor *x, int64_t dim, gt_tensor *index, double value);
gt_tensor *gt_index_copy_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *source);
gt_tensor *gt_scatter(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src);
gt_tensor *gt_scatter_f(gt_tensor *x, int64_t dim, gt_tensor *index, double value);
gt_tensor *gt_searchsorted(gt_tensor *sorted, gt_tensor *values, bool right);
gt_tensor *gt_searchsorted_f(gt_tensor *sorted, double value, bool right);
gt_tensor *gt_inverse(gt_tensor *x);
gt_tensor *gt_det(gt_tensor *x);
gt_tensor *gt_logdet(gt_tensor *x);
gt_tuple *gt_slogdet(gt_tensor *x);
gt_tensor *gt_pinverse(gt_tensor *x, double rcond);
gt_tensor *gt_matrix_power(gt_tensor *x, int64_t n);
gt_tensor *gt_matrix_exp(gt_tensor *x);
gt_tensor *gt_kron(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_tensordot(gt_tensor *a, gt_tensor *b, int64_t dims);
gt_tensor *gt_tensordot_dims(gt_tensor *a, gt_tensor *b, const gt_list *dims);
gt_tensor *gt_cov(gt_tensor *x, int64_t correction);
gt_tensor *gt_corrcoef(gt_tensor *x);
gt_tensor *gt_trapz(gt_tensor *y, gt_tensor *x, int64_t dim);
gt_tensor *gt_tril_indices(int64_t row, int64_t col, int64_t offset);
gt_tensor *gt_triu_indices(int64_t row, int64_t col, int64_t offset);
gt_tensor *gt_logspace(double start, double end, int64_t steps, double base);
gt_tensor *gt_as_tensor(gt_tensor *x, gt_dtype_obj *dtype);
gt_tensor *gt_new_tensor(gt_tensor *x, const gt_list *data, gt_dtype_obj *dtype, gt_device *device,
                         bool requires_grad);
gt_tensor *gt_new_empty(gt_tensor *x, gt_ints size, gt_dtype dtype, const gt_device *device, bool requires_grad);
int64_t gt_get_device(gt_tensor *x);

/* a & b, a | b, a ^ b on bool and int tensors. */
gt_tensor *gt_bitwise_and(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_bitwise_or(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_bitwise_xor(gt_tensor *a, gt_tensor *b);

/* ---- comparison (new references, bool tensors) --------------------------- */

#define GT_DECLARE_COMPARE(op)                    \
  gt_tensor *gt_##op(gt_tensor *a, gt_tensor *b); \
  gt_tensor *gt_##op##_f(gt_tensor *a, double b); \
  gt_tensor *gt_##op##_i(gt_tensor *a, int64_t b);
GT_DECLARE_COMPARE(eq)
GT_DECLARE_COMPARE(ne)
GT_DECLARE_COMPARE(lt)
GT_DECLARE_COMPARE(le)
GT_DECLARE_COMPARE(gt)
GT_DECLARE_COMPARE(ge)
gt_tensor *gt_isnan(gt_tensor *x);
gt_tensor *gt_isinf(gt_tensor *x);
gt_tensor *gt_isfinite(gt_tensor *x);
/* torch.equal, torch.allclose: 1 true, 0 false, -1 error. */
int gt_equal(gt_tensor *a, gt_tensor *b);
int gt_allclose(gt_tensor *a, gt_tensor *b, double rtol, double atol, bool equal_nan);

/* ---- reductions (new references) ----------------------------------------- */

/* Over all elements: 0-dim results. dtype: GT_DTYPE_DEFAULT or the
 * accumulation dtype (torch.sum(x, dtype=...)). */
gt_tensor *gt_sum(gt_tensor *x, gt_dtype dtype);
gt_tensor *gt_mean(gt_tensor *x, gt_dtype dtype);
gt_tensor *gt_prod(gt_tensor *x, gt_dtype dtype);
/* torch.max(x), torch.min(x) (gt_max/gt_min are the core's max()/min()). */
gt_tensor *gt_max_all(gt_tensor *x);
gt_tensor *gt_min_all(gt_tensor *x);
gt_tensor *gt_argmax(gt_tensor *x);
gt_tensor *gt_argmin(gt_tensor *x);
gt_tensor *gt_std(gt_tensor *x, bool unbiased);
gt_tensor *gt_var(gt_tensor *x, bool unbiased);
/* torch.norm(x, p): p 2 for the Frobenius/Euclidean norm, INFINITY for max. */
gt_tensor *gt_norm(gt_tensor *x, double p);
gt_tensor *gt_all(gt_tensor *x);
gt_tensor *gt_any(gt_tensor *x);
/* Along dims (negative dims count from the end). */
gt_tensor *gt_sum_dim(gt_tensor *x, const int64_t *dims, int64_t ndims, bool keepdim, gt_dtype dtype);
gt_tensor *gt_mean_dim(gt_tensor *x, const int64_t *dims, int64_t ndims, bool keepdim, gt_dtype dtype);
gt_tensor *gt_prod_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype dtype);
gt_tensor *gt_std_dim(gt_tensor *x, const int64_t *dims, int64_t ndims, bool unbiased, bool keepdim);
gt_tensor *gt_var_dim(gt_tensor *x, const int64_t *dims, int64_t ndims, bool unbiased, bool keepdim);
gt_tensor *gt_norm_dim(gt_tensor *x, double p, const int64_t *dims, int64_t ndims, bool keepdim);
gt_tensor *gt_argmax_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tensor *gt_argmin_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tensor *gt_all_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tensor *gt_any_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tensor *gt_cumsum(gt_tensor *x, int64_t dim, gt_dtype dtype);
gt_tensor *gt_logsumexp(gt_tensor *x, const int64_t *dims, int64_t ndims, bool keepdim);
/* (values, indices) pairs: a tuple[Tensor, Tensor] (gt_t_tensor_pair). */
gt_tuple *gt_max_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tuple *gt_min_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tuple *gt_topk(gt_tensor *x, int64_t k, int64_t dim, bool largest, bool sorted);
gt_tuple *gt_sort(gt_tensor *x, int64_t dim, bool descending);
gt_tensor *gt_argsort(gt_tensor *x, int64_t dim, bool descending);

/* ---- shape (new references; views share storage as in PyTorch) ---------- */

gt_tensor *gt_view(gt_tensor *x, const int64_t *shape, int64_t ndim);
gt_tensor *gt_reshape(gt_tensor *x, const int64_t *shape, int64_t ndim);
gt_tensor *gt_flatten(gt_tensor *x, int64_t start_dim, int64_t end_dim);
/* x.squeeze() drops every size-1 dim; gt_squeeze_dim only `dim`. */
gt_tensor *gt_squeeze(gt_tensor *x);
gt_tensor *gt_squeeze_dim(gt_tensor *x, int64_t dim);
gt_tensor *gt_unsqueeze(gt_tensor *x, int64_t dim);
gt_tensor *gt_permute(gt_tensor *x, const int64_t *dims, int64_t ndims);
/* flip(dims): the elements in reverse order along each of dims; fliplr
 * along dim 1, flipud along dim 0 (new tensors, as torch.flip's). */
gt_tensor *gt_flip(gt_tensor *x, const int64_t *dims, int64_t ndims);
gt_tensor *gt_fliplr(gt_tensor *x);
gt_tensor *gt_flipud(gt_tensor *x);
gt_tensor *gt_transpose(gt_tensor *x, int64_t dim0, int64_t dim1);
gt_tensor *gt_t(gt_tensor *x);
/* In place: x itself takes the new shape (x.unsqueeze_(-1)). 0 or -1. */
int gt_squeeze_(gt_tensor *x);
int gt_squeeze_dim_(gt_tensor *x, int64_t dim);
int gt_unsqueeze_(gt_tensor *x, int64_t dim);
int gt_transpose_(gt_tensor *x, int64_t dim0, int64_t dim1);
int gt_t_(gt_tensor *x);
gt_tensor *gt_expand(gt_tensor *x, const int64_t *shape, int64_t ndim);
gt_tensor *gt_expand_as(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_view_as(gt_tensor *x, gt_tensor *other);
gt_tensor *gt_repeat(gt_tensor *x, const int64_t *repeats, int64_t n);
gt_tensor *gt_narrow(gt_tensor *x, int64_t dim, int64_t start, int64_t length);
/* x.unfold(dimension, size, step): each slice of `size` along dimension, `step` apart, in a new last dimension */
gt_tensor *gt_unfold(gt_tensor *x, int64_t dimension, int64_t size, int64_t step);
/* x.select(dim, index) (x[i] along dim 0); an out-of-range index is an error. */
gt_tensor *gt_select(gt_tensor *x, int64_t dim, int64_t index);
/* torch.cat / torch.stack of a list[Tensor] (borrowed). */
gt_tensor *gt_cat(const gt_list *tensors, int64_t dim);
gt_tensor *gt_stack(const gt_list *tensors, int64_t dim);
/* torch.split(x, size, dim), torch.split(x, [sizes], dim), torch.chunk,
 * torch.unbind: list[Tensor], new reference. */
gt_list *gt_split(gt_tensor *x, int64_t split_size, int64_t dim);
gt_list *gt_split_sizes(gt_tensor *x, const int64_t *sizes, int64_t n, int64_t dim);
gt_list *gt_chunk(gt_tensor *x, int64_t chunks, int64_t dim);
gt_list *gt_unbind(gt_tensor *x, int64_t dim);

/* ---- indexing ------------------------------------------------------------ */

/* One item of a subscript x[a, b:c:d, None, ..., mask]. */
typedef enum gt_index_kind {
  GT_IDX_INT,      /* x[i]: start holds i */
  GT_IDX_SLICE,    /* x[start:stop:step]; GT_NONE_INT for an omitted part */
  GT_IDX_NONE,     /* x[None] */
  GT_IDX_ELLIPSIS, /* x[...] */
  GT_IDX_TENSOR,   /* x[t]: an int64 (gather) or bool (mask) tensor; borrowed */
  GT_IDX_BOOL,     /* x[True] / x[False]: start holds 0 or 1 */
  GT_IDX_RANGE,    /* x[range(start, stop, step)]: the int64 tensor of its numbers, as PyTorch reads it */
  GT_IDX_LIST      /* x[[0, 2]], x[:, [-1]]: a list of ints (an int64 tensor) or of bools (a mask); borrowed */
} gt_index_kind;

typedef struct gt_index {
  gt_index_kind kind;
  int64_t start, stop, step;
  gt_tensor *tensor;
  const gt_list *list;
} gt_index;

/* Convenience constructors for generated code. */
static inline gt_index gt_idx_int(int64_t i) {
  gt_index r = {GT_IDX_INT, i, 0, 0, NULL, NULL};
  return r;
}
static inline gt_index gt_idx_slice(int64_t start, int64_t stop, int64_t step) {
  gt_index r = {GT_IDX_SLICE, start, stop, step, NULL, NULL};
  return r;
}
static inline gt_index gt_idx_none(void) {
  gt_index r = {GT_IDX_NONE, 0, 0, 0, NULL, NULL};
  return r;
}
static inline gt_index gt_idx_ellipsis(void) {
  gt_index r = {GT_IDX_ELLIPSIS, 0, 0, 0, NULL, NULL};
  return r;
}
static inline gt_index gt_idx_tensor(gt_tensor *t) {
  gt_index r = {GT_IDX_TENSOR, 0, 0, 0, t, NULL};
  return r;
}
static inline gt_index gt_idx_bool(bool b) {
  gt_index r = {GT_IDX_BOOL, b, 0, 0, NULL, NULL};
  return r;
}
static inline gt_index gt_idx_range(int64_t start, int64_t stop, int64_t step) {
  gt_index r = {GT_IDX_RANGE, start, stop, step, NULL, NULL};
  return r;
}
static inline gt_index gt_idx_list(const gt_list *l) {
  gt_index r = {GT_IDX_LIST, 0, 0, 0, NULL, l};
  return r;
}

/* x[idx...]: a view for ints and slices, a copy with tensor indices, as in
 * PyTorch. A zero step or an out-of-range int is an error. New reference. */
gt_tensor *gt_getitem(gt_tensor *x, const gt_index *idx, int64_t n);
/* x[idx...] = value (a tensor broadcast to the selection, or a scalar):
 * in place, 0 or -1. */
int gt_setitem_(gt_tensor *x, const gt_index *idx, int64_t n, gt_tensor *value);
int gt_setitem_f_(gt_tensor *x, const gt_index *idx, int64_t n, double value);
int gt_setitem_i_(gt_tensor *x, const gt_index *idx, int64_t n, int64_t value);
gt_tensor *gt_index_select(gt_tensor *x, int64_t dim, gt_tensor *index);
gt_tensor *gt_gather(gt_tensor *x, int64_t dim, gt_tensor *index);
/* torch.diag(x, diagonal); x.new_full(shape, v) (x's dtype and device
 * unless given). */
gt_tensor *gt_diag(gt_tensor *x, int64_t diagonal);
gt_tensor *gt_new_full(gt_tensor *x, const int64_t *shape, int64_t ndim, double fill_value, gt_dtype dtype,
                       const gt_device *device, bool requires_grad);
int gt_scatter_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src);
int gt_scatter_f_(gt_tensor *x, int64_t dim, gt_tensor *index, double value);
gt_tensor *gt_masked_fill_f(gt_tensor *x, gt_tensor *mask, double value);
gt_tensor *gt_masked_fill_i(gt_tensor *x, gt_tensor *mask, int64_t value);
gt_tensor *gt_masked_fill_t(gt_tensor *x, gt_tensor *mask, gt_tensor *value);
int gt_masked_fill_f_(gt_tensor *x, gt_tensor *mask, double value);
int gt_masked_fill_i_(gt_tensor *x, gt_tensor *mask, int64_t value);
gt_tensor *gt_masked_select(gt_tensor *x, gt_tensor *mask);
gt_tensor *gt_nonzero(gt_tensor *x);

/* ---- autograd -------------------------------------------------------------- */

/* x.backward(gradient, retain_graph, create_graph): gradient NULL for a
 * scalar x; retain_graph -1 for Python's None (= create_graph). 0 or -1. */
int gt_backward(gt_tensor *x, gt_tensor *gradient, int retain_graph, bool create_graph);
/* torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph,
 * create_graph, allow_unused): a tuple of the inputs' gradients (NULL for
 * an unused input where allow_unused); grad_outputs NULL for None,
 * retain_graph GT_NONE_INT for None. */
gt_tuple *gt_autograd_grad(const gt_list *outputs, const gt_list *inputs, const gt_list *grad_outputs,
                           int64_t retain_graph, bool create_graph, bool allow_unused);
/* x.grad: a new reference, or NULL with gt_last_error() "" when x has none
 * (Python's None). */
gt_tensor *gt_grad(gt_tensor *x);
/* x.grad = None (set_to_none) or x.grad.zero_(): 0 or -1. */
int gt_zero_grad(gt_tensor *x, bool set_to_none);
/* x.grad = g (NULL for None): 0 or -1. */
int gt_set_grad(gt_tensor *x, gt_tensor *g);
int gt_retain_grad(gt_tensor *x);
/* x.register_hook(hook) (tensor_hooks.cpp): hook(grad) runs when x's
 * gradient is computed, hook a gt_fn of a gt_tensor returning a new one
 * (its result replaces the gradient; NULL keeps it), or for _none one
 * returning nothing. The handle (a new reference; NULL and an error for a
 * tensor that requires no gradient) removes it. */
typedef struct gt_tensor_hook_handle gt_tensor_hook_handle;
extern const gt_class gt_tensor_hook_handle_class;
gt_tensor_hook_handle *gt_tensor_register_hook(gt_tensor *x, gt_fn *hook);
gt_tensor_hook_handle *gt_tensor_register_hook_none(gt_tensor *x, gt_fn *hook);
int gt_tensor_hook_handle_remove(gt_tensor_hook_handle *h);
/* Grad mode of this thread: `with torch.no_grad():` is
 *   bool prev = gt_set_grad_enabled(false); ... gt_set_grad_enabled(prev);
 * Returns the previous mode. */
bool gt_set_grad_enabled(bool enabled);
bool gt_is_grad_enabled(void);

/* ---- torch.autograd.functional (autograd_functional.c) ---------------------- */

/* The forms of stdlib torch/autograd/functional.gtp: func a function of as
 * many tensors as the inputs hold, returning a tensor, or for the _outs
 * entries a tuple of tensors; inputs (and v, NULL for None) a gt_tensor or
 * a gt_tuple of tensors, as the form's type says; core the stdlib's
 * function of lists that computes it. The result is the form's: a new
 * gt_tensor or gt_tuple (nested for jacobian of tuples of outputs and
 * inputs, and for hessian of a tuple of inputs). Errors are raised. */
void *gt_autograd_jacobian(gt_fn *func, void *inputs, bool create_graph, bool strict, bool vectorize,
                           gt_str *strategy, gt_fn *core);
void *gt_autograd_jacobian_outs(gt_fn *func, void *inputs, bool create_graph, bool strict, bool vectorize,
                                gt_str *strategy, gt_fn *core);
void *gt_autograd_hessian(gt_fn *func, void *inputs, bool create_graph, bool strict, bool vectorize,
                          gt_str *outer_jacobian_strategy, gt_fn *core);
/* (func's outputs, the product): vjp's v has the outputs' form, its
 * product the inputs'; jvp's the other way round; vhp's and hvp's
 * (gt_autograd_hessian_product) both the inputs'. */
gt_tuple *gt_autograd_vjp(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict, gt_fn *core);
gt_tuple *gt_autograd_vjp_outs(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict,
                               gt_fn *core);
gt_tuple *gt_autograd_jvp(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict, gt_fn *core);
gt_tuple *gt_autograd_jvp_outs(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict,
                               gt_fn *core);
gt_tuple *gt_autograd_hessian_product(gt_fn *func, void *inputs, void *v, bool create_graph, bool strict,
                                      gt_fn *core);

/* ---- torch.autograd.Function of the program --------------------------------- */

/* K.apply(*inputs) of a class K deriving torch.autograd.Function: emit.c
 * writes K's gt_autograd_function, whose thunks call K.forward(ctx,
 * *inputs) and K.backward(ctx, *grads) on boxed values. The ctx, a
 * FunctionCtx, belongs to the node that apply records; it is a namespace
 * (gtorch_argparse.h), whose attributes the program assigns
 * (`ctx.constant = constant`), its ext the node. gt_autograd_ctx_class is
 * torch.autograd.Function's class object. */
struct gt_namespace;
typedef struct gt_namespace gt_autograd_ctx;
extern const gt_class gt_autograd_ctx_class;
typedef struct gt_autograd_function {
  const char *name;           /* the class's: its nodes are "<name>Backward" */
  int64_t ninputs;            /* forward's inputs after ctx */
  const bool *tensor_inputs;  /* per input: a Tensor (or an Optional one) */
  bool tuple_output;          /* forward returns a tuple of tensors, else a tensor */
  /* new references; backward's a tensor, a tuple of tensors and Nones, or NULL for None */
  gt_obj *(*forward)(gt_autograd_ctx *ctx, const gt_val *inputs);
  gt_obj *(*backward)(gt_autograd_ctx *ctx, const gt_val *grads);
} gt_autograd_function;
/* forward run with gradients off; its tensors become the outputs of a node
 * whose backward is K.backward. A new reference (forward's shape), or NULL. */
gt_obj *gt_autograd_apply(const gt_autograd_function *def, const gt_val *inputs);
/* The FunctionCtx's methods (PyTorch's names); status 0 or -1. */
int gt_autograd_ctx_save_for_backward(gt_autograd_ctx *ctx, gt_tensor *const *tensors, int64_t n);
gt_tuple *gt_autograd_ctx_saved_tensors(gt_autograd_ctx *ctx);
gt_tuple *gt_autograd_ctx_needs_input_grad(gt_autograd_ctx *ctx);
int gt_autograd_ctx_mark_non_differentiable(gt_autograd_ctx *ctx, gt_tensor *const *tensors, int64_t n);
int gt_autograd_ctx_mark_dirty(gt_autograd_ctx *ctx, gt_tensor *const *tensors, int64_t n);
int gt_autograd_ctx_set_materialize_grads(gt_autograd_ctx *ctx, bool value);

/* ---- serialization (PyTorch's zip format: torch.save / torch.load) -------- */

/* torch.save(x, path): written to "path.tmp.XXXXXX" and renamed. 0 or -1. */
int gt_save(gt_tensor *x, const char *path);
/* torch.load(path) of a tensor. New reference. */
gt_tensor *gt_load(const char *path);
/* torch.save(state_dict, path) of a dict[str, Tensor] (borrowed; insertion
 * order kept): Python loads it as a dict of tensors. 0 or -1. */
int gt_save_dict(const gt_dict *dict, const char *path);
/* The same from C arrays: n names and n tensors. 0 or -1. */
int gt_save_named(const char *path, int64_t n, const char *const *names, gt_tensor *const *tensors);
/* torch.load(path) of a name -> tensor map (an OrderedDict state dict saved
 * by Python or a dict saved by gt_save_dict), in the saved order: a
 * dict[str, Tensor] (gt_t_tensor_dict). New reference. */
gt_dict *gt_load_dict(const char *path);
/* The same to and from a binary file object (open(path, "wb") / "rb"):
 * save writes the archive at f's position and flushes f; load reads from
 * f's position to its end (an archive that does not start the file loads
 * too, as Python 1.13's does not) and leaves f there. A closed f is
 * Python's ValueError; f of the other direction raises (gt_fail), which
 * the language's types rule out. 0 or -1. The state dict forms are
 * gt_save_state_file and gt_load_state_file* (gtorch_bind.h), the dict
 * loads gt_bind_load_dict_file*. */
int gt_save_file(gt_tensor *x, gt_bfile *f);
int gt_save_dict_file(const gt_dict *dict, gt_bfile *f);

/* ---- process ------------------------------------------------------------- */

/* torch.manual_seed: seeds the CPU and every CUDA generator. 0 or -1. */
int gt_manual_seed(int64_t seed);
/* torch.get_rng_state / set_rng_state: the CPU generator's state (a uint8
 * tensor, as PyTorch's); set returns 0 or -1. */
gt_tensor *gt_get_rng_state(void);
int gt_set_rng_state(gt_tensor *state);
int gt_set_num_threads(int64_t n);
int64_t gt_get_num_threads(void);
bool gt_cuda_is_available(void);
int64_t gt_cuda_device_count(void);
/* torch.cuda.manual_seed: the current CUDA device's generator (_all: every
 * device's); nothing without CUDA. 0 or -1. */
int gt_cuda_manual_seed(int64_t seed);
int gt_cuda_manual_seed_all(int64_t seed);
/* torch.cuda.synchronize(): -1 where CUDA is not available. */
int gt_cuda_synchronize(void);
/* torch.cuda's memory and device queries (device: GT_NONE_INT for the
 * current one): without CUDA, PyTorch's CPU build's answers (0; empty_cache
 * nothing; reset_peak_memory_stats, set_device, current_device and
 * get_device_name its errors); with a device, the device queries answer
 * and the statistics and the name are a NotImplementedError. Statuses 0
 * or -1, NULL; `name` the query's (memory_allocated, ...). The stdlib
 * calls the gt_bind_cuda_* of those that return values, which raise. */
int gt_cuda_memory_stat(const char *name, int64_t device, int64_t *count);
int gt_cuda_empty_cache(void);
int gt_cuda_reset_peak_memory_stats(int64_t device);
int gt_cuda_current_device(int64_t *device);
gt_str *gt_cuda_get_device_name(int64_t device);
int gt_cuda_set_device(int64_t device);
bool gt_cuda_is_initialized(void);
int64_t gt_bind_cuda_memory_allocated(int64_t device);
int64_t gt_bind_cuda_max_memory_allocated(int64_t device);
int64_t gt_bind_cuda_memory_reserved(int64_t device);
int64_t gt_bind_cuda_max_memory_reserved(int64_t device);
int64_t gt_bind_cuda_current_device(void);
gt_str *gt_bind_cuda_get_device_name(int64_t device);
/* torch.get_default_dtype(): float32 (set_default_dtype is not there). */
gt_dtype_obj *gt_get_default_dtype(void);

#ifdef __cplusplus
}
#endif

#include "gtorch_nn.h"
#include "gtorch_data.h"
#include "gtorch_bind.h"
#include "gtorch_bind_nn.h"
#include "gtorch_generator.h"
#include "gtorch_linalg.h"

#endif

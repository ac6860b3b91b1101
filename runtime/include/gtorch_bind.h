/* gtorch_bind.h - the C functions the stdlib's .gtp declarations bind where
 * the tensor API's calling convention does not fit an `extern def`
 * directly: dtype arguments as torch.dtype objects, str arguments,
 * Python's defaults filled in, in-place methods that return their tensor,
 * and plain, list and tuple results whose errors go through gt_fail.
 *
 * Pure C11. Conventions, beyond gtorch_torch.h's:
 * - A gt_dtype_obj * or gt_device * argument may be NULL (Python's None:
 *   the default dtype or inferred one, the CPU or "keep").
 * - Tensor results are new references, NULL with gt_last_error() on failure
 *   (the generated code turns that into a run-time error). Results of other
 *   types never signal an error: the function calls gt_fail itself.
 * - A `*_` in-place method returns a new reference to its receiver, as
 *   PyTorch's return self. */
#ifndef GTORCH_BIND_H
#define GTORCH_BIND_H

#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- torch.dtype ----------------------------------------------------------- */

/* A torch.dtype value: one immortal object per dtype, so identity is
 * equality and retain/release cost nothing. str() is "torch.float32". */
typedef struct gt_dtype_obj gt_dtype_obj;
extern const gt_class gt_dtype_class;

/* torch.float32 and the rest (borrowed; the .gtp binds these names). */
extern gt_dtype_obj *const gt_torch_uint8, *const gt_torch_int8, *const gt_torch_int16,
    *const gt_torch_int32, *const gt_torch_int64, *const gt_torch_float16, *const gt_torch_float32,
    *const gt_torch_float64, *const gt_torch_complex64, *const gt_torch_complex128,
    *const gt_torch_bool, *const gt_torch_bfloat16;

/* The object of a gt_dtype (borrowed; NULL for GT_DTYPE_DEFAULT or an
 * unknown value), and back (GT_DTYPE_DEFAULT for NULL). */
gt_dtype_obj *gt_bind_dtype(gt_dtype dtype);
gt_dtype gt_bind_dtype_value(const gt_dtype_obj *dtype);
/* str(dtype), dtype == other, dtype.is_floating_point. */
gt_str *gt_bind_dtype_str(gt_dtype_obj *dtype);
bool gt_bind_dtype_eq(gt_dtype_obj *a, gt_dtype_obj *b);
bool gt_bind_dtype_is_floating_point(gt_dtype_obj *dtype);

/* ---- torch.device ------------------------------------------------------------ */

/* repr(device): "device(type='cuda', index=0)"; device.type: "cuda". */
gt_str *gt_bind_device_repr(gt_device *d);
gt_str *gt_bind_device_type(gt_device *d);

/* ---- creation ---------------------------------------------------------------- */

/* The trailing options of every creation function. */
#define GT_BIND_OPTS gt_dtype_obj *dtype, gt_device *device, bool requires_grad

/* torch.tensor(data): a (nested) list, or one number. */
gt_tensor *gt_bind_tensor(const gt_list *data, GT_BIND_OPTS);
gt_tensor *gt_bind_tensor_tuple(const gt_tuple *data, GT_BIND_OPTS);
gt_tensor *gt_bind_tensor_of_tensors(const gt_list *data, GT_BIND_OPTS);
gt_tensor *gt_bind_tensor_copy(gt_tensor *data, GT_BIND_OPTS);
gt_tensor *gt_bind_scalar_tensor_f(double v, GT_BIND_OPTS);
gt_tensor *gt_bind_scalar_tensor_i(int64_t v, GT_BIND_OPTS);
gt_tensor *gt_bind_scalar_tensor_b(bool v, GT_BIND_OPTS);

/* torch.zeros(2, 3), torch.zeros([2, 3]), torch.zeros((2, 3)): the size as
 * separate ints (_n), a list[int] or a tuple of ints (_t). The same for
 * ones, empty, rand, randn. */
#define GT_BIND_DECLARE_FACTORY(name)                                             \
  gt_tensor *gt_bind_##name##_n(const int64_t *size, int64_t n, GT_BIND_OPTS);    \
  gt_tensor *gt_bind_##name(const gt_list *size, GT_BIND_OPTS);                   \
  gt_tensor *gt_bind_##name##_t(const gt_tuple *size, GT_BIND_OPTS);
GT_BIND_DECLARE_FACTORY(zeros)
GT_BIND_DECLARE_FACTORY(ones)
GT_BIND_DECLARE_FACTORY(empty)
GT_BIND_DECLARE_FACTORY(rand)
GT_BIND_DECLARE_FACTORY(randn)

/* torch.full(size, value): an int value makes int64, a bool bool. */
gt_tensor *gt_bind_full_f(const gt_list *size, double value, GT_BIND_OPTS);
gt_tensor *gt_bind_full_i(const gt_list *size, int64_t value, GT_BIND_OPTS);
gt_tensor *gt_bind_full_b(const gt_list *size, bool value, GT_BIND_OPTS);
gt_tensor *gt_bind_full_t_f(const gt_tuple *size, double value, GT_BIND_OPTS);
gt_tensor *gt_bind_full_t_i(const gt_tuple *size, int64_t value, GT_BIND_OPTS);
gt_tensor *gt_bind_full_t_b(const gt_tuple *size, bool value, GT_BIND_OPTS);

/* torch.arange(end) and torch.arange(start, end, step). */
gt_tensor *gt_bind_arange_end_i(int64_t end, GT_BIND_OPTS);
gt_tensor *gt_bind_arange_end_f(double end, GT_BIND_OPTS);
gt_tensor *gt_bind_arange_i(int64_t start, int64_t end, int64_t step, GT_BIND_OPTS);
gt_tensor *gt_bind_arange_f(double start, double end, double step, GT_BIND_OPTS);
gt_tensor *gt_bind_linspace(double start, double end, int64_t steps, GT_BIND_OPTS);
/* torch.eye(n), torch.eye(n, m). */
gt_tensor *gt_bind_eye(int64_t n, GT_BIND_OPTS);
gt_tensor *gt_bind_eye_m(int64_t n, int64_t m, GT_BIND_OPTS);
/* torch.randint(high, size), torch.randint(low, high, size). */
gt_tensor *gt_bind_randint(int64_t low, int64_t high, const gt_list *size, GT_BIND_OPTS);
gt_tensor *gt_bind_randint_t(int64_t low, int64_t high, const gt_tuple *size, GT_BIND_OPTS);
gt_tensor *gt_bind_randint_high(int64_t high, const gt_list *size, GT_BIND_OPTS);
gt_tensor *gt_bind_randint_high_t(int64_t high, const gt_tuple *size, GT_BIND_OPTS);
gt_tensor *gt_bind_randperm(int64_t n, GT_BIND_OPTS);
gt_tensor *gt_bind_sparse_coo_tensor(gt_tensor *indices, gt_tensor *values, const gt_list *size, GT_BIND_OPTS);
gt_tensor *gt_bind_sparse_coo_tensor_t(gt_tensor *indices, gt_tensor *values, const gt_tuple *size, GT_BIND_OPTS);
/* torch.zeros_like(x) and the rest: None keeps x's dtype and device. */
gt_tensor *gt_bind_zeros_like(gt_tensor *x, GT_BIND_OPTS);
gt_tensor *gt_bind_ones_like(gt_tensor *x, GT_BIND_OPTS);
gt_tensor *gt_bind_empty_like(gt_tensor *x, GT_BIND_OPTS);
gt_tensor *gt_bind_rand_like(gt_tensor *x, GT_BIND_OPTS);
gt_tensor *gt_bind_randn_like(gt_tensor *x, GT_BIND_OPTS);
gt_tensor *gt_bind_full_like_f(gt_tensor *x, double value, GT_BIND_OPTS);
gt_tensor *gt_bind_full_like_i(gt_tensor *x, int64_t value, GT_BIND_OPTS);

/* ---- torch.Size ---------------------------------------------------------------- */

/* A tensor's shape: an immutable tuple of ints that prints as PyTorch's
 * `torch.Size([2, 3])` (str, repr, and inside a printed list, through its
 * class's slots). It iterates as a list[int] (gt_size_list), so the
 * compiler passes one wherever a list of sizes is taken. Functions borrow
 * their arguments; errors are Python's (IndexError: tuple index out of
 * range), raised through gt_fail. */
typedef struct gt_size gt_size;
extern const gt_class gt_size_class;

/* torch.Size([2, 3]): a new reference. */
gt_size *gt_size_new(const gt_list *dims);
/* len(s), s[i] (negative i from the end), s[a:b:c] (one slice item: a
 * torch.Size; anything else is Python's TypeError), list(s) (a new
 * list[int]), s.numel() (the product, 1 for torch.Size([])). */
int64_t gt_size_len(const gt_size *s);
int64_t gt_size_getitem(const gt_size *s, int64_t i);
gt_size *gt_size_slice(const gt_size *s, const gt_index *idx, int64_t n);
gt_list *gt_size_list(const gt_size *s);
int64_t gt_size_numel(const gt_size *s);
/* s + other: the sizes of both, a torch.Size. */
gt_size *gt_size_concat(const gt_size *s, const gt_size *other);
/* "torch.Size([2, 3])" */
gt_str *gt_size_str(const gt_size *s);
/* s == other, as Python compares a tuple: equal to a Size or a tuple of
 * the same ints (`ints`: the compiler passes a tuple so), never to a list
 * or an int. */
bool gt_size_eq(const gt_size *s, const gt_size *other);
bool gt_size_eq_ints(const gt_size *s, gt_ints other);
bool gt_size_eq_list(const gt_size *s, const gt_list *other);
bool gt_size_eq_int(const gt_size *s, int64_t other);

/* ---- properties and plain results --------------------------------------------- */

/* The out= forms (torch.add(a, b, out=c)): ATen's *_out kernels write the
 * result into out (resized where its shape differs; PyTorch's RuntimeError
 * where the result's dtype cannot be cast to out's) and out is returned, a
 * new reference to the same handle (NULL with the error). The (values,
 * indices) forms take and return a tuple of two tensors, raising (gt_fail). */
gt_tensor *gt_bind_add_out(gt_tensor *input, gt_tensor *other, double alpha, gt_tensor *out);
gt_tensor *gt_bind_add_i_out(gt_tensor *input, int64_t other, double alpha, gt_tensor *out);
gt_tensor *gt_bind_add_f_out(gt_tensor *input, double other, double alpha, gt_tensor *out);
gt_tensor *gt_bind_zeros_n_out(const int64_t *size, int64_t n, gt_tensor *out);
gt_tensor *gt_bind_ones_n_out(const int64_t *size, int64_t n, gt_tensor *out);
gt_tensor *gt_bind_rand_n_out(const int64_t *size, int64_t n, gt_tensor *out);
gt_tensor *gt_bind_randn_n_out(const int64_t *size, int64_t n, gt_tensor *out);
gt_tensor *gt_bind_sub_out(gt_tensor *input, gt_tensor *other, double alpha, gt_tensor *out);
gt_tensor *gt_bind_mul_out(gt_tensor *input, gt_tensor *other, gt_tensor *out);
gt_tensor *gt_bind_div_out(gt_tensor *input, gt_tensor *other, gt_tensor *out);
gt_tensor *gt_bind_matmul_out(gt_tensor *input, gt_tensor *other, gt_tensor *out);
gt_tensor *gt_bind_mm_out(gt_tensor *input, gt_tensor *mat2, gt_tensor *out);
gt_tensor *gt_bind_bmm_out(gt_tensor *input, gt_tensor *mat2, gt_tensor *out);
gt_tensor *gt_bind_cat_out(const gt_list *tensors, int64_t dim, gt_tensor *out);
gt_tensor *gt_bind_stack_out(const gt_list *tensors, int64_t dim, gt_tensor *out);
gt_tensor *gt_bind_sum_dim_out(gt_tensor *input, int64_t dim, bool keepdim, gt_dtype_obj *dtype, gt_tensor *out);
gt_tensor *gt_bind_mean_dim_out(gt_tensor *input, int64_t dim, bool keepdim, gt_dtype_obj *dtype, gt_tensor *out);
gt_tuple *gt_bind_max_dim_out(gt_tensor *input, int64_t dim, bool keepdim, const gt_tuple *out);
gt_tuple *gt_bind_min_dim_out(gt_tensor *input, int64_t dim, bool keepdim, const gt_tuple *out);
/* x.tolist() as the value of the type the program expects there (t, an
 * `-> Any` result): a list nested x.dim() deep of ints, floats or bools
 * (x's dtype kind, as PyTorch's), a number for a 0-d x. A t of another
 * depth or kind is a TypeError naming both. */
gt_val gt_bind_tolist(gt_tensor *x, const gt_type *t);
/* x.item() as a float; x.dim(); x.numel(); x.size(dim); len(x) (the size of
 * dim 0; a 0-d tensor is a TypeError, as in Python). */
double gt_bind_item(gt_tensor *x);
/* x.item() of a tensor whose dtype kind the compiler knows: kind 'b', 'i'
 * or 'f' selects the gt_val field (declared `-> scalar` in the stdlib).
 * 'B', 'I' or 'F': the type the call's place expects, where the compiler
 * knows no dtype; a tensor of another kind is a TypeError. 'n': a gt_num
 * (in .i) of the tensor's own kind, where nothing decided one. */
gt_val gt_bind_item_as(gt_tensor *x, char kind);
int64_t gt_bind_dim(gt_tensor *x);
int64_t gt_bind_numel(gt_tensor *x);
int64_t gt_bind_size(gt_tensor *x, int64_t dim);
/* x.shape and x.size(): a torch.Size (below). */
gt_size *gt_bind_shape(gt_tensor *x);
int64_t gt_bind_len(gt_tensor *x);
/* Python's protocols: bool(x), int(x) and float(x) of a one-element
 * tensor, format(x, spec) (a 0-dim tensor formats its item, anything else
 * only with an empty spec, as PyTorch's; NULL formats as None), iter(x)
 * (x.unbind(0)). */
bool gt_bind_truth(gt_tensor *x);
double gt_bind_float_value(gt_tensor *x);
int64_t gt_bind_int_value(gt_tensor *x);
int64_t gt_bind_index_value(gt_tensor *x);  /* a slice bound of a tensor: __index__ */
gt_str *gt_bind_format(gt_tensor *x, const gt_str *spec);
gt_list *gt_bind_iter(gt_tensor *x);
/* x.dtype (a new reference to the immortal object), x.is_cuda (is_xpu,
 * is_mps, is_meta: whether the device is of that type),
 * x.is_floating_point(), x.element_size(), x.data_ptr(). */
gt_dtype_obj *gt_bind_tensor_dtype(gt_tensor *x);
bool gt_bind_is_cuda(gt_tensor *x);
bool gt_bind_is_xpu(gt_tensor *x);
bool gt_bind_is_mps(gt_tensor *x);
bool gt_bind_is_meta(gt_tensor *x);
bool gt_bind_is_floating_point(gt_tensor *x);
/* torch.is_tensor(obj) of a value of any type (and its descriptor). */
bool gt_bind_is_tensor(gt_val v, const gt_type *t);
int64_t gt_bind_element_size(gt_tensor *x);
int64_t gt_bind_data_ptr(gt_tensor *x);
/* torch.equal(a, b), torch.allclose(a, b, rtol, atol, equal_nan). */
bool gt_bind_equal(gt_tensor *a, gt_tensor *b);
bool gt_bind_allclose(gt_tensor *a, gt_tensor *b, double rtol, double atol, bool equal_nan);

/* ---- conversion -------------------------------------------------------------- */

/* x.to(dtype), x.to(device, dtype, non_blocking), x.to("cpu", dtype,
 * non_blocking), x.to(other). non_blocking is PyTorch's hint that the
 * copy may overlap the host's work: the copy is made at once, which gives
 * the same tensor. */
gt_tensor *gt_bind_to_dtype(gt_tensor *x, gt_dtype_obj *dtype);
gt_tensor *gt_bind_to_device(gt_tensor *x, gt_device *device, gt_dtype_obj *dtype, bool non_blocking);
gt_tensor *gt_bind_to_name(gt_tensor *x, const char *device, gt_dtype_obj *dtype, bool non_blocking);
gt_tensor *gt_bind_to_other(gt_tensor *x, gt_tensor *other);
/* x.float(), x.double(), x.half(), x.bfloat16(), x.long(), x.int(), x.short(), x.bool(),
 * x.byte(), x.cpu(), x.cuda(). */
gt_tensor *gt_bind_float(gt_tensor *x);
gt_tensor *gt_bind_double(gt_tensor *x);
gt_tensor *gt_bind_half(gt_tensor *x);
gt_tensor *gt_bind_bfloat16(gt_tensor *x);
gt_tensor *gt_bind_long(gt_tensor *x);
gt_tensor *gt_bind_int(gt_tensor *x);
gt_tensor *gt_bind_short(gt_tensor *x);
gt_tensor *gt_bind_bool(gt_tensor *x);
gt_tensor *gt_bind_byte(gt_tensor *x);
gt_tensor *gt_bind_cpu(gt_tensor *x);
gt_tensor *gt_bind_cuda(gt_tensor *x);
/* x.cuda(device, non_blocking): the CUDA device of that index (GT_NONE_INT: the current one) */
gt_tensor *gt_bind_cuda_index(gt_tensor *x, int64_t index, bool non_blocking);
/* torch.device(0), and an int where a device is taken: CUDA's device of that index. */
gt_device *gt_device_new_ordinal(int64_t index);

/* ---- in place, returning the receiver -------------------------------------- */

#define GT_BIND_DECLARE_INPLACE_BINARY(op)                 \
  gt_tensor *gt_bind_##op##_(gt_tensor *x, gt_tensor *y);  \
  gt_tensor *gt_bind_##op##_f_(gt_tensor *x, double y);    \
  gt_tensor *gt_bind_##op##_i_(gt_tensor *x, int64_t y);
GT_BIND_DECLARE_INPLACE_BINARY(add)
GT_BIND_DECLARE_INPLACE_BINARY(sub)
GT_BIND_DECLARE_INPLACE_BINARY(mul)
GT_BIND_DECLARE_INPLACE_BINARY(div)
GT_BIND_DECLARE_INPLACE_BINARY(pow)
GT_BIND_DECLARE_INPLACE_BINARY(floor_divide)
GT_BIND_DECLARE_INPLACE_BINARY(remainder)

#define GT_BIND_DECLARE_INPLACE_UNARY(op) gt_tensor *gt_bind_##op##_(gt_tensor *x);
GT_BIND_DECLARE_INPLACE_UNARY(neg)
GT_BIND_DECLARE_INPLACE_UNARY(abs)
GT_BIND_DECLARE_INPLACE_UNARY(exp)
GT_BIND_DECLARE_INPLACE_UNARY(log)
GT_BIND_DECLARE_INPLACE_UNARY(sqrt)
GT_BIND_DECLARE_INPLACE_UNARY(sin)
GT_BIND_DECLARE_INPLACE_UNARY(cos)
GT_BIND_DECLARE_INPLACE_UNARY(tanh)
GT_BIND_DECLARE_INPLACE_UNARY(sigmoid)
GT_BIND_DECLARE_INPLACE_UNARY(relu)
GT_BIND_DECLARE_INPLACE_UNARY(floor)
GT_BIND_DECLARE_INPLACE_UNARY(ceil)
GT_BIND_DECLARE_INPLACE_UNARY(round)
GT_BIND_DECLARE_INPLACE_UNARY(trunc)
GT_BIND_DECLARE_INPLACE_UNARY(reciprocal)
GT_BIND_DECLARE_INPLACE_UNARY(square)
GT_BIND_DECLARE_INPLACE_UNARY(zero)
GT_BIND_DECLARE_INPLACE_UNARY(tan)
GT_BIND_DECLARE_INPLACE_UNARY(log2)
GT_BIND_DECLARE_INPLACE_UNARY(log1p)
GT_BIND_DECLARE_INPLACE_UNARY(rsqrt)
GT_BIND_DECLARE_INPLACE_UNARY(sign)
GT_BIND_DECLARE_INPLACE_UNARY(asin)
GT_BIND_DECLARE_INPLACE_UNARY(acos)
GT_BIND_DECLARE_INPLACE_UNARY(atan)
GT_BIND_DECLARE_INPLACE_UNARY(sinh)
GT_BIND_DECLARE_INPLACE_UNARY(cosh)
GT_BIND_DECLARE_INPLACE_UNARY(asinh)
GT_BIND_DECLARE_INPLACE_UNARY(acosh)
GT_BIND_DECLARE_INPLACE_UNARY(atanh)
GT_BIND_DECLARE_INPLACE_UNARY(erf)
GT_BIND_DECLARE_INPLACE_UNARY(erfc)
GT_BIND_DECLARE_INPLACE_UNARY(erfinv)
GT_BIND_DECLARE_INPLACE_UNARY(expm1)
GT_BIND_DECLARE_INPLACE_UNARY(log10)
GT_BIND_DECLARE_INPLACE_UNARY(exp2)
GT_BIND_DECLARE_INPLACE_UNARY(frac)

/* x.fill_(v), x.copy_(src), x.clamp_(min, max) (NaN / GT_NONE_INT: open),
 * x.masked_fill_(mask, v), x.requires_grad_(flag), x.add_(y, alpha=a). */
gt_tensor *gt_bind_fill_f_(gt_tensor *x, double value);
gt_tensor *gt_bind_fill_i_(gt_tensor *x, int64_t value);
gt_tensor *gt_bind_copy_(gt_tensor *x, gt_tensor *src);
gt_tensor *gt_bind_squeeze_(gt_tensor *x);
gt_tensor *gt_bind_squeeze_dim_(gt_tensor *x, int64_t dim);
gt_tensor *gt_bind_unsqueeze_(gt_tensor *x, int64_t dim);
gt_tensor *gt_bind_transpose_(gt_tensor *x, int64_t dim0, int64_t dim1);
gt_tensor *gt_bind_t_(gt_tensor *x);
gt_tensor *gt_bind_clamp_f_(gt_tensor *x, double min, double max);
gt_tensor *gt_bind_clamp_i_(gt_tensor *x, int64_t min, int64_t max);
gt_tensor *gt_bind_clamp_min_f_(gt_tensor *x, double min);
gt_tensor *gt_bind_clamp_max_f_(gt_tensor *x, double max);
gt_tensor *gt_bind_clamp_min_i_(gt_tensor *x, int64_t min);
gt_tensor *gt_bind_clamp_max_i_(gt_tensor *x, int64_t max);
gt_tensor *gt_bind_masked_fill_f_(gt_tensor *x, gt_tensor *mask, double value);
gt_tensor *gt_bind_masked_fill_i_(gt_tensor *x, gt_tensor *mask, int64_t value);
gt_tensor *gt_bind_requires_grad_(gt_tensor *x, bool requires_grad);
gt_tensor *gt_bind_add_alpha_(gt_tensor *x, gt_tensor *y, double alpha);
/* x.add_(alpha, y): PyTorch's deprecated order, the same as add_(y, alpha=alpha). */
gt_tensor *gt_bind_add_alpha_first_(gt_tensor *x, double alpha, gt_tensor *y);
gt_tensor *gt_bind_sub_alpha_(gt_tensor *x, gt_tensor *y, double alpha);

/* ---- elementwise with Python's defaults ------------------------------------- */

/* x.clamp(min=a) / x.clamp(max=b): one side open. */
gt_tensor *gt_bind_clamp_min_f(gt_tensor *x, double min);
gt_tensor *gt_bind_clamp_max_f(gt_tensor *x, double max);
gt_tensor *gt_bind_clamp_min_i(gt_tensor *x, int64_t min);
gt_tensor *gt_bind_clamp_max_i(gt_tensor *x, int64_t max);
gt_tensor *gt_bind_clamp_min_t(gt_tensor *x, gt_tensor *min);
gt_tensor *gt_bind_clamp_max_t(gt_tensor *x, gt_tensor *max);
/* x.where(condition, y) is torch.where(condition, x, y). */
gt_tensor *gt_bind_where_method(gt_tensor *x, gt_tensor *condition, gt_tensor *other);
/* x & 1, x | True, x ^ 3 (and the scalar on the left): the scalar as a
 * 0-dim tensor, which promotes as PyTorch's Python scalar does. */
gt_tensor *gt_bind_bitwise_and_i(gt_tensor *x, int64_t v);
gt_tensor *gt_bind_bitwise_and_b(gt_tensor *x, bool v);
gt_tensor *gt_bind_bitwise_or_i(gt_tensor *x, int64_t v);
gt_tensor *gt_bind_bitwise_or_b(gt_tensor *x, bool v);
gt_tensor *gt_bind_bitwise_xor_i(gt_tensor *x, int64_t v);
gt_tensor *gt_bind_bitwise_xor_b(gt_tensor *x, bool v);
/* torch.where(cond, a, b) with a Python int on either side (floats are
 * gt_where_tf and the like). */
gt_tensor *gt_bind_where_ti(gt_tensor *cond, gt_tensor *a, int64_t b);
gt_tensor *gt_bind_where_it(gt_tensor *cond, int64_t a, gt_tensor *b);
gt_tensor *gt_bind_where_ii(gt_tensor *cond, int64_t a, int64_t b);
/* torch.logical_and / logical_or: bool results, nonzero is true. */
gt_tensor *gt_bind_logical_and(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_bind_logical_or(gt_tensor *a, gt_tensor *b);
/* x.softmax(dim, dtype=None), x.log_softmax(dim, dtype=None). */
gt_tensor *gt_bind_softmax(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype);
gt_tensor *gt_bind_log_softmax(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype);

/* ---- reductions ------------------------------------------------------------- */

/* x.sum(dtype=None), x.sum(dim, keepdim, dtype): dim an int or a list[int].
 * The same for mean; prod takes one dim. */
gt_tensor *gt_bind_sum(gt_tensor *x, gt_dtype_obj *dtype);
gt_tensor *gt_bind_sum_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype_obj *dtype);
gt_tensor *gt_bind_sum_dims(gt_tensor *x, const gt_list *dims, bool keepdim, gt_dtype_obj *dtype);
gt_tensor *gt_bind_mean(gt_tensor *x, gt_dtype_obj *dtype);
gt_tensor *gt_bind_mean_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype_obj *dtype);
gt_tensor *gt_bind_mean_dims(gt_tensor *x, const gt_list *dims, bool keepdim, gt_dtype_obj *dtype);
gt_tensor *gt_bind_prod(gt_tensor *x, gt_dtype_obj *dtype);
gt_tensor *gt_bind_prod_dim(gt_tensor *x, int64_t dim, bool keepdim, gt_dtype_obj *dtype);
gt_tensor *gt_bind_cumsum(gt_tensor *x, int64_t dim, gt_dtype_obj *dtype);
/* x.std(dim, unbiased, keepdim), x.var(...), x.norm(p, dim, keepdim),
 * x.logsumexp(dim, keepdim). */
gt_tensor *gt_bind_std_dim(gt_tensor *x, int64_t dim, bool unbiased, bool keepdim);
gt_tensor *gt_bind_std_dims(gt_tensor *x, const gt_list *dims, bool unbiased, bool keepdim);
gt_tensor *gt_bind_var_dim(gt_tensor *x, int64_t dim, bool unbiased, bool keepdim);
gt_tensor *gt_bind_var_dims(gt_tensor *x, const gt_list *dims, bool unbiased, bool keepdim);
gt_tensor *gt_bind_norm_dim(gt_tensor *x, double p, int64_t dim, bool keepdim);
gt_tensor *gt_bind_logsumexp(gt_tensor *x, int64_t dim, bool keepdim);
/* (values, indices): x.max(dim), x.min(dim), x.topk(k), x.sort(). */
gt_tuple *gt_bind_max_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tuple *gt_bind_min_dim(gt_tensor *x, int64_t dim, bool keepdim);
gt_tuple *gt_bind_topk(gt_tensor *x, int64_t k, int64_t dim, bool largest, bool sorted);
gt_tuple *gt_bind_sort(gt_tensor *x, int64_t dim, bool descending);

/* ---- shape ------------------------------------------------------------------ */

/* x.view([2, 3]), x.reshape([2, 3]), x.expand([4, 2, 3]), x.repeat([2, 1]),
 * x.permute([1, 0]). */
gt_tensor *gt_bind_view_list(gt_tensor *x, const gt_list *shape);
gt_tensor *gt_bind_reshape_list(gt_tensor *x, const gt_list *shape);
gt_tensor *gt_bind_expand_list(gt_tensor *x, const gt_list *sizes);
gt_tensor *gt_bind_repeat_list(gt_tensor *x, const gt_list *sizes);
gt_tensor *gt_bind_permute_list(gt_tensor *x, const gt_list *dims);
gt_tensor *gt_bind_flip_list(gt_tensor *x, const gt_list *dims);
/* torch.svd and torch.autograd.grad (gtorch_torch.h's), libtorch's error
 * raised where it is. */
gt_tuple *gt_bind_svd(gt_tensor *x, bool some, bool compute_uv);
gt_tuple *gt_bind_autograd_grad(const gt_list *outputs, const gt_list *inputs, const gt_list *grad_outputs,
                                int64_t retain_graph, bool create_graph, bool allow_unused);
/* x.reshape_as(other). */
gt_tensor *gt_bind_reshape_as(gt_tensor *x, gt_tensor *other);
/* x.T: the reversed dims (a 2-D transpose). */
gt_tensor *gt_bind_T(gt_tensor *x);
/* x.mT, x.mH: the last two dims transposed (conjugated); x.H: a matrix's
 * conjugate transpose. */
gt_tensor *gt_bind_mT(gt_tensor *x);
gt_tensor *gt_bind_mH(gt_tensor *x);
gt_tensor *gt_bind_H(gt_tensor *x);
/* torch.cat / torch.stack of a tuple of tensors ((a, b), (a, b, c)). */
gt_tensor *gt_bind_cat_t(const gt_tuple *tensors, int64_t dim);
gt_tensor *gt_bind_stack_t(const gt_tuple *tensors, int64_t dim);
/* x.split(size, dim), x.split([sizes], dim), x.chunk(n, dim), x.unbind(dim). */
gt_list *gt_bind_split(gt_tensor *x, int64_t split_size, int64_t dim);
gt_list *gt_bind_split_sizes(gt_tensor *x, const gt_list *sizes, int64_t dim);
gt_list *gt_bind_chunk(gt_tensor *x, int64_t chunks, int64_t dim);
gt_list *gt_bind_unbind(gt_tensor *x, int64_t dim);

/* ---- autograd --------------------------------------------------------------- */

/* x.backward(gradient=None, retain_graph=None, create_graph=False): 0 or -1
 * with gt_last_error(). The graph is kept when either flag is set. */
int gt_bind_backward(gt_tensor *x, gt_tensor *gradient, bool retain_graph, bool create_graph);
/* x.grad: NULL (Python's None) with gt_last_error() empty when x has no
 * gradient, which gt_ok lets through. */
gt_tensor *gt_bind_grad(gt_tensor *x);

/* ---- process ------------------------------------------------------------------ */

/* torch.set_printoptions(precision, threshold, edgeitems, linewidth), with
 * profile= or sci_mode= (each call resets an unnamed sci_mode to automatic,
 * as PyTorch's): negative numbers leave an option as it is. 0 or -1. */
int gt_bind_set_printoptions(int64_t precision, double threshold, int64_t edgeitems, int64_t linewidth);
int gt_bind_set_printoptions_sci(int64_t precision, double threshold, int64_t edgeitems, int64_t linewidth,
                                 bool sci_mode);
int gt_bind_set_printoptions_profile(int64_t precision, double threshold, int64_t edgeitems,
                                     int64_t linewidth, const char *profile);
/* torch.load(path) of a state dict. */
/* torch.load(f, map_location=, weights_only=): weights_only changes
 * nothing (only tensors, numbers, strs and their containers are read). */
gt_tensor *gt_bind_load(const char *path, bool weights_only);
gt_dict *gt_bind_load_dict(const char *path, bool weights_only);

/* x.new_zeros / new_ones / new_full: a new tensor of x's dtype and device. */
gt_tensor *gt_bind_new_zeros(gt_tensor *x, const gt_list *size, GT_BIND_OPTS);
gt_tensor *gt_bind_new_zeros_n(gt_tensor *x, const int64_t *size, int64_t n, GT_BIND_OPTS);
gt_tensor *gt_bind_new_ones(gt_tensor *x, const gt_list *size, GT_BIND_OPTS);
gt_tensor *gt_bind_new_ones_n(gt_tensor *x, const int64_t *size, int64_t n, GT_BIND_OPTS);
gt_tensor *gt_bind_new_full(gt_tensor *x, const gt_list *size, double fill_value, GT_BIND_OPTS);
gt_tensor *gt_bind_new_empty(gt_tensor *x, gt_ints size, GT_BIND_OPTS);

/* ---- bind_aten.cpp --------------------------------------------------------- */

/* torch.Tensor(2, 3) / torch.FloatTensor(...) and torch.LongTensor(...):
 * sizes give an uninitialised tensor, a (nested) list its values in the
 * constructor's dtype. */
gt_tensor *gt_bind_FloatTensor_n(const int64_t *size, int64_t n);
gt_tensor *gt_bind_FloatTensor_list(const gt_list *data);
gt_tensor *gt_bind_LongTensor_n(const int64_t *size, int64_t n);
gt_tensor *gt_bind_LongTensor_list(const gt_list *data);
/* scatter_ (src or value), scatter_add and scatter_add_. */
gt_tensor *gt_bind_scatter_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src);
gt_tensor *gt_bind_scatter_f_(gt_tensor *x, int64_t dim, gt_tensor *index, double value);
gt_tensor *gt_bind_scatter_add(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src);
gt_tensor *gt_bind_scatter_add_(gt_tensor *x, int64_t dim, gt_tensor *index, gt_tensor *src);
/* x.index_put_(indices, values, accumulate), indices a tuple or a list of tensors. */
gt_tensor *gt_bind_index_put_t(gt_tensor *x, const gt_tuple *indices, gt_tensor *values, bool accumulate);
gt_tensor *gt_bind_index_put_l(gt_tensor *x, const gt_list *indices, gt_tensor *values, bool accumulate);
/* torch.where(condition): list[Tensor], the indices along each dimension. */
gt_list *gt_bind_where_cond(gt_tensor *cond);
/* x.type(): "torch.FloatTensor", "torch.LongTensor", ... */
gt_str *gt_bind_type_name(gt_tensor *x);
/* x.grad_fn: the node that made x (NULL, None, for a leaf); its name(). */
typedef struct gt_grad_fn gt_grad_fn;
gt_grad_fn *gt_bind_grad_fn(gt_tensor *x);
gt_str *gt_bind_grad_fn_name(gt_grad_fn *g);
/* grad_fn.next_functions: a tuple of (node or NULL, input number) pairs. */
gt_tuple *gt_bind_grad_fn_next_functions(gt_grad_fn *g);
/* torch.load(f, map_location="cpu" or a device; NULL: where saved). */
gt_dict *gt_bind_load_dict_to_name(const char *path, const char *map_location, bool weights_only);
gt_dict *gt_bind_load_dict_to(const char *path, gt_device *map_location, bool weights_only);
/* torch.load(f) of a binary file object (open(path, "rb")) as a state
 * dict, and with map_location= a name or a device (NULL: where saved);
 * a failure is raised (gt_fail). Serialize.cpp. */
gt_dict *gt_bind_load_dict_file(gt_bfile *f, bool weights_only);
gt_dict *gt_bind_load_dict_file_to_name(gt_bfile *f, const char *map_location, bool weights_only);
gt_dict *gt_bind_load_dict_file_to(gt_bfile *f, const gt_device *map_location, bool weights_only);
/* torch.save(state, f) and torch.load(f) of an optimizer's or a
 * checkpoint's state dict (gtorch_state.h) over a binary file object, as
 * gt_save_file: 0 or -1, NULL on error. */
typedef struct gt_state gt_state;
int gt_save_state_file(gt_state *s, gt_bfile *f);
gt_state *gt_load_state_file(gt_bfile *f, bool weights_only);
gt_state *gt_load_state_file_to_name(gt_bfile *f, const char *map_location, bool weights_only);
gt_state *gt_load_state_file_to(gt_bfile *f, const gt_device *map_location, bool weights_only);
/* torch.nn.utils.parameters_to_vector(params) and vector_to_parameters(vec,
 * params) (copies; 0 or -1). */
gt_tensor *gt_bind_parameters_to_vector(const gt_list *parameters);
int gt_bind_vector_to_parameters(gt_tensor *vec, const gt_list *parameters);
/* device.index: GT_NONE_INT (None) when the device has none. */
int64_t gt_bind_device_index(gt_device *d);

/* ---- mixed precision (amp.cpp) ------------------------------------------------ */

/* libtorch's autocast state, as torch's functions of the same names
 * (torch.is_autocast_enabled is CUDA's; *_cpu_* the CPU's): which ops
 * run in a lower precision is libtorch's dispatcher's decision. */
bool gt_amp_is_enabled(void);
void gt_amp_set_enabled(bool enabled);
bool gt_amp_is_cpu_enabled(void);
void gt_amp_set_cpu_enabled(bool enabled);
gt_dtype_obj *gt_amp_gpu_dtype(void);
void gt_amp_set_gpu_dtype(gt_dtype_obj *dtype);
gt_dtype_obj *gt_amp_cpu_dtype(void);
int gt_amp_set_cpu_dtype(gt_dtype_obj *dtype);  /* -1: not bfloat16, as torch's */
int64_t gt_amp_increment_nesting(void);
int64_t gt_amp_decrement_nesting(void);
void gt_amp_clear_cache(void);
bool gt_amp_is_cache_enabled(void);
void gt_amp_set_cache_enabled(bool enabled);
/* torch.set_float32_matmul_precision("high") (libtorch warns of, and
 * ignores, a name other than "highest", "high" and "medium") and
 * torch.get_float32_matmul_precision(). */
void gt_set_float32_matmul_precision(const char *precision);
gt_str *gt_get_float32_matmul_precision(void);
/* torch.use_deterministic_algorithms(mode, warn_only) and its two
 * queries: libtorch's global context. */
void gt_use_deterministic_algorithms(bool mode, bool warn_only);
bool gt_are_deterministic_algorithms_enabled(void);
bool gt_is_deterministic_algorithms_warn_only_enabled(void);
/* torch.__version__: the libtorch release built against ("1.13.0") */
extern gt_str *gt_torch_version;
/* GradScaler's kernels (CUDA tensors; libtorch 1.13 has no CPU ones):
 * multiply each grad by inv_scale, setting found_inf to 1 where one holds
 * an inf or a NaN; then grow or back off scale as growth_tracker says. */
int gt_amp_unscale_grads(const gt_list *grads, gt_tensor *found_inf, gt_tensor *inv_scale);
int gt_amp_update_scale(gt_tensor *scale, gt_tensor *growth_tracker, gt_tensor *found_inf, double growth_factor,
                        double backoff_factor, int64_t growth_interval);

#ifdef __cplusplus
}
#endif

#endif

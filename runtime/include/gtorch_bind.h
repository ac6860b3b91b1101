/* gtorch_bind.h - the few C functions the stdlib's .gtp declarations bind
 * where the tensor API's calling convention does not fit an `extern def`
 * directly: plain results that report errors through gt_fail, and Python's
 * defaults filled in. Pure C11; every result is a new reference. */
#ifndef GTORCH_BIND_H
#define GTORCH_BIND_H

#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* torch.tensor(data, requires_grad=...): a (nested) list of numbers. */
gt_tensor *gt_bind_tensor(const gt_list *data, bool requires_grad);
/* torch.zeros(size), torch.ones(size), torch.randn(size), torch.rand(size):
 * size a list[int]. */
gt_tensor *gt_bind_zeros(const gt_list *size, bool requires_grad);
gt_tensor *gt_bind_ones(const gt_list *size, bool requires_grad);
gt_tensor *gt_bind_randn(const gt_list *size, bool requires_grad);
gt_tensor *gt_bind_rand(const gt_list *size, bool requires_grad);
/* torch.zeros(2, 3) and the like: the sizes as an array. */
gt_tensor *gt_bind_zeros_n(const int64_t *size, int64_t n, bool requires_grad);
gt_tensor *gt_bind_ones_n(const int64_t *size, int64_t n, bool requires_grad);
gt_tensor *gt_bind_randn_n(const int64_t *size, int64_t n, bool requires_grad);
gt_tensor *gt_bind_rand_n(const int64_t *size, int64_t n, bool requires_grad);
/* x.sum(), x.mean() over every element. */
gt_tensor *gt_bind_sum(gt_tensor *x);
gt_tensor *gt_bind_mean(gt_tensor *x);
/* x.item() as a float; x.dim(); x.numel(). Errors go through gt_fail. */
double gt_bind_item(gt_tensor *x);
int64_t gt_bind_dim(gt_tensor *x);
int64_t gt_bind_numel(gt_tensor *x);
/* x.backward() of a scalar: 0, or -1 with gt_last_error(). */
int gt_bind_backward(gt_tensor *x);
/* x.grad where one exists; its absence (Python's None) is a run-time error. */
gt_tensor *gt_bind_grad(gt_tensor *x);

#ifdef __cplusplus
}
#endif

#endif

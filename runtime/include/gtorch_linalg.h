/* gtorch_linalg.h - torch.linalg (linalg.cpp): norms, inverses,
 * decompositions and solvers over libtorch's linalg_ kernels. A gt_ints of
 * n 0 is dim=None; a GT_NONE_FLOAT ord is None; a NULL string its default
 * ("fro", "L", "reduced"). The gt_tuple results are the named tuples
 * torch.return_types.linalg_eigh, linalg_qr, linalg_slogdet (pairs) and
 * linalg_svd (a triple). Each is NULL or a new reference. */
#ifndef GTORCH_LINALG_H
#define GTORCH_LINALG_H

#include "gtorch_torch.h"

#ifdef __cplusplus
extern "C" {
#endif

gt_tensor *gt_linalg_norm(gt_tensor *a, double ord, gt_ints dim, bool keepdim);
gt_tensor *gt_linalg_norm_str(gt_tensor *a, const char *ord, gt_ints dim, bool keepdim);
gt_tensor *gt_linalg_vector_norm(gt_tensor *a, double ord, gt_ints dim, bool keepdim);
gt_tensor *gt_linalg_matrix_norm(gt_tensor *a, const char *ord, bool keepdim);
gt_tensor *gt_linalg_inv(gt_tensor *a);
gt_tensor *gt_linalg_det(gt_tensor *a);
gt_tensor *gt_linalg_pinv(gt_tensor *a);
gt_tensor *gt_linalg_cholesky(gt_tensor *a, bool upper);
gt_tensor *gt_linalg_eigvalsh(gt_tensor *a, const char *uplo);
gt_tensor *gt_linalg_svdvals(gt_tensor *a);
gt_tensor *gt_linalg_solve(gt_tensor *a, gt_tensor *b);
gt_tensor *gt_linalg_matrix_rank(gt_tensor *a);
gt_tensor *gt_linalg_matrix_power(gt_tensor *a, int64_t n);
gt_tensor *gt_linalg_matrix_exp(gt_tensor *a);
gt_tensor *gt_linalg_cross(gt_tensor *a, gt_tensor *b, int64_t dim);
gt_tensor *gt_linalg_multi_dot(const gt_list *tensors);
gt_tuple *gt_linalg_eigh(gt_tensor *a, const char *uplo);
gt_tuple *gt_linalg_qr(gt_tensor *a, const char *mode);
gt_tuple *gt_linalg_slogdet(gt_tensor *a);
gt_tuple *gt_linalg_svd(gt_tensor *a, bool full_matrices);

#ifdef __cplusplus
}
#endif

#endif

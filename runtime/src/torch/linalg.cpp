// linalg.cpp - torch.linalg: norms, inverses, decompositions and solvers,
// each the ATen linalg_ function PyTorch 1.13's torch.linalg calls, its
// pairs and triples the torch.return_types named tuples Python gives.
#include <cmath>
#include <string>
#include <vector>

#include "internal.h"
#include "gtorch_linalg.h"

namespace {

at::OptionalIntArrayRef opt_dims(const std::vector<int64_t> &d) {
  return d.empty() ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(d);
}

}  // namespace

// norm(A, ord=None, dim=None, keepdim=False): a vector norm of the
// flattened input, or of each vector along dim; ord a number here
// (GT_NONE_FLOAT: 2, or Frobenius for a matrix, the same values).
extern "C" gt_tensor *gt_linalg_norm(gt_tensor *a, double ord, gt_ints dim, bool keepdim) {
  return GT_TENSOR(([&] {
    std::vector<int64_t> d = gt_int_vector(dim);
    if (std::isnan(ord)) return at::linalg_norm(U(a), c10::nullopt, opt_dims(d), keepdim, c10::nullopt);
    return at::linalg_norm(U(a), at::Scalar(ord), opt_dims(d), keepdim, c10::nullopt);
  }()));
}
// ord as a name: "fro" or "nuc"
extern "C" gt_tensor *gt_linalg_norm_str(gt_tensor *a, const char *ord, gt_ints dim, bool keepdim) {
  return GT_TENSOR(at::linalg_norm(U(a), c10::string_view(ord ? ord : "fro"), opt_dims(gt_int_vector(dim)), keepdim,
                                   c10::nullopt));
}
extern "C" gt_tensor *gt_linalg_vector_norm(gt_tensor *a, double ord, gt_ints dim, bool keepdim) {
  return GT_TENSOR(at::linalg_vector_norm(U(a), ord, opt_dims(gt_int_vector(dim)), keepdim, c10::nullopt));
}
extern "C" gt_tensor *gt_linalg_matrix_norm(gt_tensor *a, const char *ord, bool keepdim) {
  return GT_TENSOR(at::linalg_matrix_norm(U(a), c10::string_view(ord ? ord : "fro"), {-2, -1}, keepdim, c10::nullopt));
}
extern "C" gt_tensor *gt_linalg_inv(gt_tensor *a) { return GT_TENSOR(at::linalg_inv(U(a))); }
extern "C" gt_tensor *gt_linalg_det(gt_tensor *a) { return GT_TENSOR(at::linalg_det(U(a))); }
extern "C" gt_tensor *gt_linalg_pinv(gt_tensor *a) { return GT_TENSOR(at::linalg_pinv(U(a))); }
extern "C" gt_tensor *gt_linalg_cholesky(gt_tensor *a, bool upper) { return GT_TENSOR(at::linalg_cholesky(U(a), upper)); }
extern "C" gt_tensor *gt_linalg_eigvalsh(gt_tensor *a, const char *uplo) {
  return GT_TENSOR(at::linalg_eigvalsh(U(a), uplo ? uplo : "L"));
}
extern "C" gt_tensor *gt_linalg_svdvals(gt_tensor *a) { return GT_TENSOR(at::linalg_svdvals(U(a))); }
extern "C" gt_tensor *gt_linalg_solve(gt_tensor *a, gt_tensor *b) { return GT_TENSOR(at::linalg_solve(U(a), U(b))); }
// atol and rtol None, PyTorch's default tolerance (eps * max(m, n) of the
// largest singular value). Spelt out as (a, nullopt, false), C++ would
// take the bool for rtol=0 and count every nonzero singular value.
extern "C" gt_tensor *gt_linalg_matrix_rank(gt_tensor *a) { return GT_TENSOR(at::linalg_matrix_rank(U(a))); }
extern "C" gt_tensor *gt_linalg_matrix_power(gt_tensor *a, int64_t n) { return GT_TENSOR(at::linalg_matrix_power(U(a), n)); }
extern "C" gt_tensor *gt_linalg_matrix_exp(gt_tensor *a) { return GT_TENSOR(at::linalg_matrix_exp(U(a))); }
extern "C" gt_tensor *gt_linalg_cross(gt_tensor *a, gt_tensor *b, int64_t dim) { return GT_TENSOR(at::linalg_cross(U(a), U(b), dim)); }
extern "C" gt_tensor *gt_linalg_multi_dot(const gt_list *tensors) { return GT_TENSOR(at::linalg_multi_dot(gt_unwrap_list(tensors))); }

// (eigenvalues, eigenvectors), (Q, R), (sign, logabsdet), (U, S, Vh)
extern "C" gt_tuple *gt_linalg_eigh(gt_tensor *a, const char *uplo) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::linalg_eigh(U(a), uplo ? uplo : "L")));
}
extern "C" gt_tuple *gt_linalg_qr(gt_tensor *a, const char *mode) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::linalg_qr(U(a), mode ? mode : "reduced")));
}
extern "C" gt_tuple *gt_linalg_slogdet(gt_tensor *a) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_pair(at::linalg_slogdet(U(a))));
}
extern "C" gt_tuple *gt_linalg_svd(gt_tensor *a, bool full_matrices) {
  return GT_VALUE(gt_tuple *, nullptr, gt_wrap_triple(at::linalg_svd(U(a), full_matrices, c10::nullopt)));
}

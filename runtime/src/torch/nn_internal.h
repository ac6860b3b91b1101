// nn_internal.h - private glue of print.cpp, functional.cpp, nn_*.cpp,
// init.cpp and optim.cpp.
#pragma once

#include <ATen/ATen.h>

#include <string>

#include "internal.h"

// str(tensor) exactly as Python's torch prints it (print.cpp).
std::string gt_tensor_repr(const at::Tensor &t);

// Python tells an nn.Parameter from a plain tensor by its class; libtorch has
// no such class, so the tensors that modules (and gt_nn_Parameter) hand out
// are remembered here, weakly, by their TensorImpl (nn_module.cpp).
void gt_param_mark(const at::Tensor &t);
bool gt_param_is(const at::Tensor &t);

// The key of a tensor in a deepcopy's memo: its TensorImpl, which every
// handle of the tensor (a module's parameter, a field holding it) shares.
inline const void *gt_tensor_key(const at::Tensor &t) { return t.unsafeGetTensorImpl(); }

// Python's str(x) of a float ("1.0", "1e-05"), for messages and reprs.
std::string gt_py_float(double x);

// Python's reduction names to at::Reduction; "batchmean" is kl_div's alone.
int64_t gt_reduction(const char *reduction);

// The elements of a list[Tensor], as tensors (throws on a None element).
std::vector<at::Tensor> gt_tensor_list(const gt_list *params);

// ---- `ints` arguments (gt_ints: an int, a tuple of ints, or None) ----------
// (functional.cpp)

// As ATen's int[N] parameters take it from Python: an int stands for all n
// dims, a tuple goes as given (ATen checks its length and says so in
// PyTorch's words), None is an empty list (pooling's "stride = kernel_size").
std::vector<int64_t> gt_ints_list(const gt_ints &v, size_t n);
// Exactly n values, for libtorch options that hold fixed-size arrays (a
// convolution's kernel_size): an int repeated, a tuple of n; anything else
// throws "<op>: <what> must either be a single int, or a tuple of <n> ints".
std::vector<int64_t> gt_ints_expand(const gt_ints &v, size_t n, const char *op, const char *what);
// Python's str() of the argument as given: "3", "(3, 5)", "None".
std::string gt_ints_str(const gt_ints &v);

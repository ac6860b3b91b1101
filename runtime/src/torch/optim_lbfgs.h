// optim_lbfgs.h - torch.optim.LBFGS with line_search_fn="strong_wolfe" as
// PyTorch 1.13's Python computes it (optim_lbfgs.cpp).
#ifndef GT_OPTIM_LBFGS_H
#define GT_OPTIM_LBFGS_H

#include <torch/optim/lbfgs.h>

// An LBFGS whose steps with the strong-Wolfe line search are Python's op
// for op; without a line search, libtorch's (already Python's).
torch::optim::LBFGS *gt_lbfgs_new(std::vector<at::Tensor> params, torch::optim::LBFGSOptions options);

#endif

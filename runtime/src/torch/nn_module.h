// nn_module.h - the module handle shared by nn_module.cpp and nn_layers.cpp.
#pragma once

#include <torch/nn/module.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "nn_internal.h"

// What a gt_module holds. The handle itself is a C block (gt_alloc), so the
// C++ state lives behind one pointer and is deleted by the class's drop.
struct gt_module_state {
  std::string type;                                  // "Linear"
  std::string repr;                                  // Python's repr
  std::shared_ptr<torch::nn::Module> module;         // the libtorch module
  std::function<at::Tensor(const at::Tensor &)> forward;  // empty for LSTM/GRU
  std::vector<std::string> param_names, buffer_names;
  std::vector<gt_tensor *> params, buffers;          // owned handles
};

struct gt_module {
  gt_obj h;
  gt_module_state *s;
};

// A new handle (rc 1) over a constructed libtorch module: collects its named
// parameters and buffers (PyTorch's order and names) and marks the
// parameters as nn.Parameters for printing.
gt_module *gt_module_make(std::string type, std::string repr,
                          std::shared_ptr<torch::nn::Module> module,
                          std::function<at::Tensor(const at::Tensor &)> forward);

// The state of a handle; throws on NULL.
gt_module_state &gt_module_unwrap(gt_module *m);

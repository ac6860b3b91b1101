// online.cpp - workload 2 in libtorch C++: the same program as
// bench/gtp/online.gtp.
//
//   online DATA_DIR THREADS [STEPS]
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "fmnist.h"

struct NetImpl : torch::nn::Module {
  torch::nn::Linear fc1{register_module("fc1", torch::nn::Linear(784, 64))};
  torch::nn::Linear fc2{register_module("fc2", torch::nn::Linear(64, 10))};

  torch::Tensor forward(torch::Tensor x) { return torch::log_softmax(fc2(torch::tanh(fc1(x))), 1); }
};
TORCH_MODULE(Net);

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: online DATA_DIR THREADS [STEPS]\n");
    return 2;
  }
  at::set_num_threads(std::atoi(argv[2]));
  const int64_t steps = argc > 3 ? std::atoll(argv[3]) : 20000;
  torch::manual_seed(1);
  auto [bytes, labels] = fmnist::load(argv[1]);
  // Normalised once, up front: the steps measure the model's work alone.
  auto images = fmnist::normalize(bytes);
  Net net;
  torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.5));

  const auto start = std::chrono::steady_clock::now();
  torch::Tensor loss;
  for (int64_t i = 0; i < steps; i++) {
    const int64_t k = i % labels.size(0);
    opt.zero_grad();
    loss = torch::nll_loss(net(images.slice(0, k, k + 1)), labels.slice(0, k, k + 1));
    loss.backward();
    opt.step();
  }
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  std::printf("loss %.6f\n", loss.item<double>());
  std::printf("%.2f us/step\n", seconds.count() / steps * 1e6);
  return 0;
}

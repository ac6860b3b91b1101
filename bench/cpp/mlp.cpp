// mlp.cpp - workload 1 in libtorch C++: the same program as bench/gtp/mlp.gtp.
//
//   mlp DATA_DIR THREADS [BATCHES]
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "fmnist.h"

constexpr int64_t kBatch = 64;

struct MLPImpl : torch::nn::Module {
  // Registered in declaration order, so the weights draw from the generator
  // in Python's order.
  torch::nn::Linear fc1{register_module("fc1", torch::nn::Linear(784, 512))};
  torch::nn::Linear fc2{register_module("fc2", torch::nn::Linear(512, 512))};
  torch::nn::Linear fc3{register_module("fc3", torch::nn::Linear(512, 10))};

  torch::Tensor forward(torch::Tensor x) {
    x = torch::tanh(fc1(x));
    x = torch::tanh(fc2(x));
    return torch::log_softmax(fc3(x), 1);
  }
};
TORCH_MODULE(MLP);

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: mlp DATA_DIR THREADS [BATCHES]\n");
    return 2;
  }
  at::set_num_threads(std::atoi(argv[2]));
  const int64_t batches = argc > 3 ? std::atoll(argv[3]) : 0;
  torch::manual_seed(1);
  auto [images, labels] = fmnist::load(argv[1]);
  MLP net;
  torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(0.01).momentum(0.5));
  // The epoch's order is drawn after the weights, from the same generator;
  // each batch gathers its rows, as a shuffling DataLoader does.
  auto order = torch::randperm(labels.size(0));
  const int64_t samples = batches > 0 ? std::min(batches * kBatch, labels.size(0)) : labels.size(0);

  const auto start = std::chrono::steady_clock::now();
  double total = 0.0, last = 0.0;
  int64_t steps = 0;
  for (int64_t i = 0; i < samples; i += kBatch) {
    auto batch = order.slice(0, i, i + kBatch);
    opt.zero_grad();
    auto loss = torch::nll_loss(net(fmnist::normalize(images.index({batch}))), labels.index({batch}));
    loss.backward();
    opt.step();
    last = loss.item<double>();
    total += last;
    steps++;
  }
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  std::printf("loss %.6f mean %.6f\n", last, total / steps);
  std::printf("%.1f samples/s\n", samples / seconds.count());
  return 0;
}

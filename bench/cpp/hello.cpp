// hello.cpp - workload 4's start-up in libtorch C++: create one tensor and
// print it.
#include <torch/torch.h>

#include <iostream>

int main() {
  std::cout << torch::tensor({1.0, 2.0, 3.0}) << "\n";
  return 0;
}

// fmnist.h - Fashion-MNIST's training set in memory, as every form of the
// benchmarks holds it before its clock starts: the images as bytes
// (60000x784 uint8, as torchvision keeps them) and the labels as int64,
// read with zlib from the IDX files, gzipped (Debian's
// dataset-fashion-mnist) or not. normalize() is ToTensor() and Normalize()
// of a batch, as a DataLoader's transform would apply them.
#pragma once

#include <torch/torch.h>
#include <zlib.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fmnist {

constexpr double kMean = 0.2860;
constexpr double kStd = 0.3530;

inline void read_exactly(gzFile f, void *buf, size_t n, const std::string &name) {
  if (gzread(f, buf, static_cast<unsigned>(n)) != static_cast<int>(n)) throw std::runtime_error("cannot read " + name);
}

// An IDX file's bytes, read straight into the tensor's memory.
inline torch::Tensor read_idx(const std::string &root, const std::string &name, int ndim) {
  gzFile f = gzopen((root + "/" + name + ".gz").c_str(), "rb");
  if (!f) f = gzopen((root + "/" + name).c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + root + "/" + name + "[.gz]");
  unsigned char header[16];
  read_exactly(f, header, 4 + 4 * ndim, name);
  std::vector<int64_t> dims;
  for (int i = 0; i < ndim; i++) {
    const unsigned char *d = header + 4 + 4 * i;
    dims.push_back(int64_t(d[0]) << 24 | d[1] << 16 | d[2] << 8 | d[3]);
  }
  auto t = torch::empty(dims, torch::kUInt8);
  read_exactly(f, t.data_ptr(), t.numel(), name);
  gzclose(f);
  return t;
}

// (images, labels)
inline std::pair<torch::Tensor, torch::Tensor> load(const std::string &root) {
  auto images = read_idx(root, "train-images-idx3-ubyte", 3).view({-1, 784});
  return {images, read_idx(root, "train-labels-idx1-ubyte", 1).to(torch::kLong)};
}

inline torch::Tensor normalize(const torch::Tensor &images) {
  return (images.to(torch::kFloat) / 255.0 - kMean) / kStd;
}

}  // namespace fmnist

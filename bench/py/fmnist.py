"""Fashion-MNIST's training set in memory, as every form of the benchmarks
holds it before its clock starts: the images as bytes (60000x784 uint8, as
torchvision keeps them) and the labels as int64, read from the gzipped IDX
files that Debian's dataset-fashion-mnist installs. normalize() is
ToTensor() and Normalize() of a batch, as a DataLoader's transform would
apply them."""
import gzip
import os

import torch

MEAN = 0.2860
STD = 0.3530


def _idx(root, name, ndim):
    """An IDX file's bytes, read straight into the tensor's memory."""
    with gzip.open(os.path.join(root, name + ".gz"), "rb") as f:
        header = f.read(4 + 4 * ndim)
        dims = [int.from_bytes(header[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
        buf = bytearray(torch.Size(dims).numel())
        f.readinto(buf)
    return torch.frombuffer(buf, dtype=torch.uint8).view(dims)


def load(root):
    images = _idx(root, "train-images-idx3-ubyte", 3).view(-1, 784)
    return images, _idx(root, "train-labels-idx1-ubyte", 1).long()


def normalize(images):
    return (images.float() / 255.0 - MEAN) / STD

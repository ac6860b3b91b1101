#!/usr/bin/python3
"""Lays Debian's Fashion-MNIST out as torchvision expects it, for the data
tests that also run under PyTorch: DEST/FashionMNIST/raw/<name>, unpacked
(torchvision reads only unpacked files; gtorchc reads either).

    make_data_root.py SRC_DIR DEST_DIR
"""
import gzip
import os
import shutil
import sys

NAMES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
         "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]


def main():
    src, dest = sys.argv[1], sys.argv[2]
    raw = os.path.join(dest, "FashionMNIST", "raw")
    os.makedirs(raw, exist_ok=True)
    for name in NAMES:
        out = os.path.join(raw, name)
        if os.path.exists(out):
            continue
        with gzip.open(os.path.join(src, name + ".gz")) as f, open(out + ".tmp", "wb") as g:
            shutil.copyfileobj(f, g)
        os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()

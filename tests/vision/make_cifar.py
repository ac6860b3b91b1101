#!/usr/bin/python3
"""Writes small CIFAR-10 and CIFAR-100 trees in the format of the real
ones, for torchvision.datasets.CIFAR10 / CIFAR100 (both python3 and the
compiled program read them):

    DEST/cifar-10-batches-py/data_batch_1..5, test_batch, batches.meta
    DEST/cifar-100-python/train, test, meta
    DEST/md5sums.txt        "<md5>  <path under DEST>" per file

Each file is a pickle of a dict holding a numpy uint8 array `data` (N x
3072) and a list of labels, as the real files are. The real ones were
written by Python 2 (protocol 2, its str as BINSTRING); some files here are
written so (Py2Pickler below), the others by Python 3's pickle at
protocols 2 (bytes as _codecs.encode), 4 (BINBYTES, frames) and 5 (numpy's
_frombuffer), which a reader must take too.

    make_cifar.py DEST
"""
import hashlib
import os
import pickle
import struct
import sys

import numpy as np

CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "trück"]


class Py2Pickler(pickle._Pickler):
    """Protocol 2 as Python 2's cPickle wrote the real files: str (and the
    array's raw bytes) as SHORT_BINSTRING / BINSTRING of latin-1 bytes."""

    dispatch = pickle._Pickler.dispatch.copy()

    def save_py2_string(self, obj):
        data = obj.encode("latin1") if isinstance(obj, str) else obj
        if len(data) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(data)]) + data)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(data)) + data)
        self.memoize(obj)

    dispatch[str] = save_py2_string
    dispatch[bytes] = save_py2_string


def dump(path, obj, protocol):
    """protocol "py2" is Python 2's, else Python 3's pickle at that protocol."""
    with open(path, "wb") as f:
        if protocol == "py2":
            Py2Pickler(f, protocol=2).dump(obj)
        else:
            pickle.dump(obj, f, protocol=protocol)


def images(n, seed):
    rng = np.random.RandomState(seed)
    return rng.randint(0, 256, size=(n, 3072)).astype(np.uint8)


def labels(n, classes, seed):
    rng = np.random.RandomState(seed + 1000)
    return [int(v) for v in rng.randint(0, classes, size=n)]


def cifar10(dest):
    folder = os.path.join(dest, "cifar-10-batches-py")
    os.makedirs(folder, exist_ok=True)
    batches = [("data_batch_1", 6, "py2"), ("data_batch_2", 5, 2), ("data_batch_3", 7, 4), ("data_batch_4", 4, 5),
               ("data_batch_5", 6, "py2"), ("test_batch", 8, "py2")]
    for seed, (name, n, protocol) in enumerate(batches):
        entry = {
            "batch_label": "training batch %d of 5" % (seed + 1) if name != "test_batch" else "testing batch 1 of 1",
            "labels": labels(n, 10, seed),
            "data": images(n, seed),
            "filenames": ["img_%d_%d.png" % (seed, i) for i in range(n)],
        }
        dump(os.path.join(folder, name), entry, protocol)
    meta = {"num_cases_per_batch": 10000, "label_names": CIFAR10_CLASSES, "num_vis": 3072}
    dump(os.path.join(folder, "batches.meta"), meta, "py2")


def cifar100(dest):
    folder = os.path.join(dest, "cifar-100-python")
    os.makedirs(folder, exist_ok=True)
    for seed, (name, n) in enumerate([("train", 40), ("test", 12)], start=10):
        entry = {
            "filenames": ["f%d.png" % i for i in range(n)],
            "batch_label": name,
            "fine_labels": labels(n, 100, seed),
            "coarse_labels": labels(n, 20, seed + 50),
            "data": images(n, seed),
        }
        dump(os.path.join(folder, name), entry, 2)
    fine = ["apple", "aquarium_fish", "baby", "bear", "beaver"] + ["class_%02d" % i for i in range(5, 99)] + ["café"]
    meta = {"fine_label_names": fine, "coarse_label_names": ["coarse_%d" % i for i in range(20)]}
    dump(os.path.join(folder, "meta"), meta, 2)


def md5sums(dest):
    lines = []
    for folder in ("cifar-10-batches-py", "cifar-100-python"):
        for name in sorted(os.listdir(os.path.join(dest, folder))):
            with open(os.path.join(dest, folder, name), "rb") as f:
                lines.append("%s  %s/%s\n" % (hashlib.md5(f.read()).hexdigest(), folder, name))
    with open(os.path.join(dest, "md5sums.txt"), "w") as f:
        f.writelines(lines)


def main():
    dest = sys.argv[1]
    cifar10(dest)
    cifar100(dest)
    md5sums(dest)


if __name__ == "__main__":
    main()

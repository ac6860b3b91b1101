#!/usr/bin/python3
"""tests/vision: torchvision.datasets.CIFAR10 and CIFAR100 against
torchvision's.

    check_cifar.py GTORCHC PYTHON SOURCE_DIR WORK_DIR

make_cifar.py writes small CIFAR-10 and CIFAR-100 trees (pickles as the
real files are). cifar.gtp is compiled and run on them, and run under
python3 (torchvision, the oracle): stdout and exit status must be equal,
byte for byte. cifar_plain.gtp (a data set without a transform) must print
its "True" lines. Then the error programs must fail at run time with exit
status 1 and a message naming the file, never a crash: download=True
where the files are missing or not torchvision's (err_cifar_download),
and files that are no CIFAR pickle (err_cifar_corrupt, each on a copy of
the tree with one file spoiled and its md5 listed).
"""

import os
import pickle
import shutil
import subprocess
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cifar  # noqa: E402


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def build(gtorchc, src, work, name):
    exe = os.path.join(work, name)
    r = run([gtorchc, "build", os.path.join(src, name + ".gtp"), "-o", exe])
    if r.returncode != 0:
        fail("gtorchc build %s.gtp:\n%s%s" % (name, r.stdout, r.stderr))
    return exe


def differential(gtorchc, python, src, work, data):
    exe = build(gtorchc, src, work, "cifar")
    ours = run([exe, data])
    theirs = run([python, os.path.join(src, "cifar.gtp"), data])
    if theirs.returncode != 0:
        fail("cifar.gtp under python3 exited %d:\n%s%s" % (theirs.returncode, theirs.stdout, theirs.stderr))
    if (ours.stdout, ours.returncode) != (theirs.stdout, theirs.returncode):
        fail("cifar.gtp: the compiled program (exit %d) and python3 differ\n--- compiled\n%s%s--- python3\n%s"
             % (ours.returncode, ours.stdout, ours.stderr, theirs.stdout))
    print("cifar             %d lines as torchvision's" % len(ours.stdout.splitlines()))
    exe = build(gtorchc, src, work, "cifar_plain")
    r = run([exe, data])
    if r.returncode != 0 or r.stdout != "True True True\n" * 3:
        fail("cifar_plain exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
    print("cifar_plain       ok")


def expect_error(exe, args, expects, what, cwd):
    r = run([exe] + args, cwd=cwd)
    missing = [e for e in expects if e not in r.stderr]
    if r.returncode != 1 or "runtime error" not in r.stderr or missing or r.stdout:
        fail("%s: expected a run-time error with %r, exit 1; got exit %d:\n%s%s"
             % (what, missing or expects, r.returncode, r.stdout, r.stderr))
    print("%-17s %s" % (what, r.stderr.splitlines()[0][-150:]))


def download_errors(gtorchc, src, work, data):
    exe = build(gtorchc, src, work, "err_cifar_download")
    nowhere = os.path.join(work, "nowhere")
    expect_error(exe, [nowhere], [nowhere + "/cifar-10-batches-py/data_batch_1 is missing", "Nothing can be downloaded",
                                  "must be placed there", "cifar-10-python.tar.gz"], "missing", work)
    expect_error(exe, [data], [data + "/cifar-10-batches-py/data_batch_1 is not the file torchvision lists",
                               "c99cafc152244af753f735de768cd75f", "must be placed there"], "not torchvision's", work)


def dump(path, obj, protocol=2):
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=protocol)


def batch(n, data=None, **more):
    entry = {"data": np.zeros((n, 3072), np.uint8) if data is None else data, "labels": [1] * n}
    entry.update(more)
    return entry


def spoil_truncate(path):
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[:len(data) // 2])


# (what, file spoiled, how, data set and split, what the message says)
SPOILS = [
    ("truncated", "cifar-10-batches-py/data_batch_2", spoil_truncate, ["10", "train"], "pickle data was truncated"),
    ("empty", "cifar-10-batches-py/test_batch", lambda p: open(p, "wb").close(), ["10", "test"], "the file is empty"),
    ("not a pickle", "cifar-10-batches-py/data_batch_1",
     lambda p: open(p, "w").write("# airplane automobile bird\n" * 40), ["10", "train"],
     "invalid or unsupported pickle opcode 0x23 at byte 0"),
    ("text", "cifar-10-batches-py/data_batch_2", lambda p: open(p, "w").write("airplane\n"), ["10", "train"],
     "unpickling stack underflow"),
    ("a list", "cifar-10-batches-py/data_batch_4", lambda p: dump(p, [1, 2, 3]), ["10", "train"],
     "the pickle holds no dict"),
    ("no data", "cifar-10-batches-py/data_batch_5", lambda p: dump(p, {"labels": [1, 2]}, 4), ["10", "train"],
     "the dict has no 'data'"),
    ("int64 data", "cifar-10-batches-py/data_batch_3", lambda p: dump(p, batch(2, np.zeros((2, 3072), np.int64))),
     ["10", "train"], "'data' is an array of dtype 'i8', not uint8"),
    ("odd size", "cifar-10-batches-py/test_batch", lambda p: dump(p, batch(2, np.zeros((2, 100), np.uint8)), 5),
     ["10", "test"], "not a whole number of 3 x 32 x 32 images"),
    ("few labels", "cifar-10-batches-py/test_batch", lambda p: dump(p, dict(batch(3), labels=[0, 1])), ["10", "test"],
     "'labels' holds 2 labels for 3 images"),
    ("no names", "cifar-10-batches-py/batches.meta", lambda p: dump(p, {"num_vis": 3072}), ["10", "test"],
     "the dict has no 'label_names'"),
    ("no labels", "cifar-100-python/train",
     lambda p: dump(p, {"data": np.zeros((2, 3072), np.uint8), "coarse_labels": [0, 1]}), ["100", "train"],
     "neither 'labels' nor 'fine_labels'"),
    ("names not str", "cifar-100-python/meta", lambda p: dump(p, {"fine_label_names": [b"apple"]}, 3),
     ["100", "test"], "'fine_label_names' holds a value that is not a str"),
]


def corrupt_errors(gtorchc, src, work, data):
    exe = build(gtorchc, src, work, "err_cifar_corrupt")
    for what, rel, spoil, args, says in SPOILS:
        tree = os.path.join(work, "spoiled")
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(data, tree)
        spoil(os.path.join(tree, rel))
        make_cifar.md5sums(tree)
        expect_error(exe, [tree] + args, ["cannot read the CIFAR file '%s/%s'" % (tree, rel), says], what, work)


def main():
    gtorchc, python, src, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    data = os.path.join(work, "data")
    os.makedirs(data)
    make_cifar.cifar10(data)
    make_cifar.cifar100(data)
    make_cifar.md5sums(data)
    differential(gtorchc, python, src, work, data)
    download_errors(gtorchc, src, work, data)
    corrupt_errors(gtorchc, src, work, data)
    print("ok")


if __name__ == "__main__":
    main()

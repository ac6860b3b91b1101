#!/usr/bin/python3
"""An example on a small slice of Fashion-MNIST, compiled by gtorchc and run
under python3 with PyTorch, torchvision and tqdm (the oracle).

    run_example.py NAME GTORCHC PYTHON DATA_ROOT WORK_DIR [PNG_CHECK]

Runs examples/NAME.gtp for one epoch of BATCHES batches in both forms, in
WORK_DIR; their stdout must agree (losses, accuracies, learning rates) but
for the seconds each took. The siamese network takes its published
argparse options instead, over a slice of the data (SLICE images of each
split, written to WORK_DIR/data), and has no progress bar. With PNG_CHECK (the DCGAN), the PNG grid both
wrote is decoded with libpng: 242x242 RGB (64 images of 28x28 in 8 rows
with torchvision's 2-pixel padding), not constant, and the same pixels.
"""
import os
import re
import subprocess
import sys

from example_run import EXAMPLES, fail, run, same_stdout, two_dirs

BATCHES = {"cnn": 3, "dcgan": 3, "resnet": 2}
SECONDS = re.compile(r"\b\d+\.\d s\b")
SLICE = {"train": 256, "t10k": 200}


def write_slice(root, work):
    """The first SLICE[split] images and labels of each IDX file, as a
    FashionMNIST/raw directory under WORK/data; returns WORK/data."""
    src, dest = os.path.join(root, "FashionMNIST", "raw"), os.path.join(work, "data", "FashionMNIST", "raw")
    os.makedirs(dest)
    for split, n in SLICE.items():
        for kind, item_size in (("images-idx3-ubyte", 28 * 28), ("labels-idx1-ubyte", 1)):
            with open(os.path.join(src, f"{split}-{kind}"), "rb") as f:
                data = f.read()
            header = 16 if kind.startswith("images") else 8
            out = data[:4] + n.to_bytes(4, "big") + data[8:header] + data[header:header + n * item_size]
            with open(os.path.join(dest, f"{split}-{kind}"), "wb") as f:
                f.write(out)
    return os.path.join(work, "data")


def example_args(name, root, work, png_check):
    if name == "siamese":
        return ["--epochs", "1", "--log-interval", "1", "--test-batch-size", "100",
                "--data", write_slice(root, work)]
    return [root, "1", str(BATCHES[name])] + (["."] if png_check else [])


def main():
    name, gtorchc, python, root, work = sys.argv[1:6]
    png_check = sys.argv[6] if len(sys.argv) > 6 else None
    source = os.path.join(EXAMPLES, name + ".gtp")
    dirs = two_dirs(work)
    exe = os.path.join(work, name)
    run([gtorchc, "build", source, "-o", exe], work)
    args = example_args(name, root, work, png_check)
    mine = run([exe] + args, dirs["gtp"])
    theirs = run([python, source] + args, dirs["py"])
    print(mine.stdout, end="")
    same_stdout(mine.stdout, theirs.stdout, (SECONDS, "T s"))
    if name != "siamese" and ("epoch 1: " not in mine.stderr or "%|" not in mine.stderr):
        fail(f"no progress line on stderr:\n{mine.stderr}")
    if png_check:
        png = [os.path.join(d, "dcgan-epoch-1.png") for d in (dirs["gtp"], dirs["py"])]
        r = subprocess.run([png_check] + png, capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"png_check: {r.stdout}{r.stderr}")
        if r.stdout.split()[:3] != ["242", "242", "2"]:  # colour type 2: RGB
            fail(f"the grid is not 242x242 RGB: {r.stdout}")
    print(f"ok: {name} agrees with python3")


main()

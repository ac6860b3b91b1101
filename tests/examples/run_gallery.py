#!/usr/bin/python3
"""A gallery example (examples/NAME.gtp, written as pytorch/examples writes
its programs) compiled by gtorchc and run under python3 with PyTorch and
torchvision (the oracle), with the same command-line options.

    run_gallery.py NAME GTORCHC PYTHON DATA_ROOT WORK_DIR [PNG_CHECK]

Each program runs a few batches or steps (OPTIONS below, `{data}` the
Fashion-MNIST root) in both forms in WORK_DIR; their stdout must be the
same bytes but for the wall-clock seconds some print (masked). The VAE's
PNG files are decoded with libpng (PNG_CHECK): the same size and pixels.
"""
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
OPTIONS = {
    "vae": ["--epochs", "1", "--max-batches", "3", "--batch-size", "32", "--log-interval", "1",
            "--data", "{data}"],
    "rnn": ["--dry-run", "--epochs", "2", "--test-batch-size", "100", "--data", "{data}"],
    "time_sequence": ["--steps", "1"],
    "fgsm": ["--dry-run", "--attack-images", "30", "--data", "{data}"],
    "gcn": ["--epochs", "3", "--val-every", "1", "--include-bias"],
    "forward_forward": ["--epochs", "4", "--train_size", "300", "--test_size", "200", "--log-interval", "2",
                        "--threshold", "1.5", "--data", "{data}"],
}
PNGS = {"vae": ["results/reconstruction_1.png", "results/sample_1.png"]}
SECONDS = re.compile(r"\(\d+\.\d+s\)")


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=1200)
    if r.returncode != 0:
        fail(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stdout}{r.stderr[-3000:]}")
    return r


def main():
    name, gtorchc, python, root, work = sys.argv[1:6]
    png_check = sys.argv[6] if len(sys.argv) > 6 else None
    source = os.path.join(EXAMPLES, name + ".gtp")
    shutil.rmtree(work, ignore_errors=True)
    dirs = {form: os.path.join(work, form) for form in ("gtp", "py")}
    for d in dirs.values():
        os.makedirs(d)
    exe = os.path.join(work, name)
    run([gtorchc, "build", source, "-o", exe], work)
    args = [a.replace("{data}", root) for a in OPTIONS[name]]
    mine = run([exe] + args, dirs["gtp"])
    theirs = run([python, source] + args, dirs["py"])
    print(mine.stdout, end="")
    if SECONDS.sub("(T s)", mine.stdout) != SECONDS.sub("(T s)", theirs.stdout):
        fail(f"stdout differs from python3's:\n{mine.stdout}--- python3:\n{theirs.stdout}")
    for png in PNGS.get(name, []) if png_check else []:
        pair = [os.path.join(dirs[form], png) for form in ("gtp", "py")]
        r = subprocess.run([png_check] + pair, capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"png_check {png}: {r.stdout}{r.stderr}")
    print(f"ok: {name} agrees with python3")


main()

#!/usr/bin/python3
"""A gallery example (examples/NAME.gtp, written as pytorch/examples writes
its programs) compiled by gtorchc and run under python3 with PyTorch and
torchvision (the oracle), with the same command-line options.

    run_gallery.py NAME GTORCHC PYTHON DATA_ROOT WORK_DIR [PNG_CHECK]

Each program runs a few batches or steps (OPTIONS below, `{data}` the
Fashion-MNIST root) in both forms in WORK_DIR; their stdout must be the
same bytes but for the wall-clock seconds some print (masked). The VAE's
PNG files are decoded with libpng (PNG_CHECK): the same size and pixels.
The seq2seq tutorial reads data/eng-fra.txt, a download: each form's
directory gets a corpus made here (eng_fra), 60 sentence pairs with the
tutorial's English prefixes and French accents, and two it filters out.
"""
import os
import random
import re
import subprocess
import sys

from example_run import EXAMPLES, fail, run, same_stdout, two_dirs

OPTIONS = {
    "vae": ["--epochs", "1", "--max-batches", "3", "--batch-size", "32", "--log-interval", "1",
            "--data", "{data}"],
    "rnn": ["--dry-run", "--epochs", "2", "--test-batch-size", "100", "--data", "{data}"],
    "time_sequence": ["--steps", "1"],
    "fgsm": ["--dry-run", "--attack-images", "30", "--data", "{data}"],
    "gcn": ["--epochs", "3", "--val-every", "1", "--include-bias"],
    "forward_forward": ["--epochs", "4", "--train_size", "300", "--test_size", "200", "--log-interval", "2",
                        "--threshold", "1.5", "--data", "{data}"],
    "seq2seq": [],
    "mnist_hogwild": ["--num-processes", "1", "--epochs", "2", "--dry-run", "--log-interval", "5",
                      "--data", "{data}"],
}
PNGS = {"vae": ["results/reconstruction_1.png", "results/sample_1.png"]}
SECONDS = re.compile(r"\(\d+\.\d+s\)|\d+m \d+s \(- \d+m \d+s\)")
# The process ids mnist_hogwild's training lines start with.
PIDS = re.compile(r"(?m)^\d+(?=\tTrain Epoch)")


def eng_fra(directory):
    """data/eng-fra.txt in directory: "English\tFrench" lines, shuffled alike everywhere."""
    subjects = [("i am", "je suis"), ("he is", "il est"), ("she is", "elle est"), ("you are", "tu es"),
                ("we are", "nous sommes"), ("they are", "ils sont")]
    words = [("tired", "fatigué"), ("happy", "heureux"), ("here", "ici"), ("late", "en retard"),
             ("ready", "prêt"), ("hungry", "affamé"), ("sad", "triste"), ("busy", "occupé"),
             ("cold", "froid"), ("old", "vieux")]
    lines = [f"{e.capitalize()} {w}.\t{f.capitalize()} {fw} !" for e, f in subjects for w, fw in words]
    lines += ["Go.\tVa !", "It is a very long sentence that will be filtered out.\t"
              "C'est une très longue phrase qui sera filtrée."]
    random.Random(3).shuffle(lines)
    os.makedirs(os.path.join(directory, "data"), exist_ok=True)
    with open(os.path.join(directory, "data", "eng-fra.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


PREPARE = {"seq2seq": eng_fra}


def hogwild(exe, args, cwd):
    """Two processes train the one shared model: each prints its own pid's
    lines, and the parent then tests what they trained."""
    two = run([exe] + [a if a != "1" or args[i - 1] != "--num-processes" else "2" for i, a in enumerate(args)], cwd)
    pids = set(PIDS.findall(two.stdout))
    if len(pids) != 2 or "Test set: Average loss" not in two.stdout:
        fail(f"mnist_hogwild --num-processes 2: two training processes and a test expected:\n{two.stdout}")
    print(two.stdout, end="")


def main():
    name, gtorchc, python, root, work = sys.argv[1:6]
    png_check = sys.argv[6] if len(sys.argv) > 6 else None
    source = os.path.join(EXAMPLES, name + ".gtp")
    dirs = two_dirs(work)
    exe = os.path.join(work, name)
    run([gtorchc, "build", source, "-o", exe], work)
    for form in ("gtp", "py") if name in PREPARE else ():
        PREPARE[name](dirs[form])
    args = [a.replace("{data}", root) for a in OPTIONS[name]]
    mine = run([exe] + args, dirs["gtp"])
    theirs = run([python, source] + args, dirs["py"])
    print(mine.stdout, end="")
    same_stdout(PIDS.sub("PID", mine.stdout), PIDS.sub("PID", theirs.stdout), (SECONDS, "(T s)"))
    if name == "mnist_hogwild":
        hogwild(exe, args, dirs["gtp"])
    for png in PNGS.get(name, []) if png_check else []:
        pair = [os.path.join(dirs[form], png) for form in ("gtp", "py")]
        r = subprocess.run([png_check] + pair, capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"png_check {png}: {r.stdout}{r.stderr}")
    print(f"ok: {name} agrees with python3")


main()

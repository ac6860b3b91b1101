#!/usr/bin/python3
"""examples/word_lm.gtp, compiled by gtorchc and run under python3 with
PyTorch (the oracle), on a corpus made of the texts Debian ships under
/usr/share/common-licenses.

    run_word_lm.py GTORCHC PYTHON WORK_DIR

Builds the corpus (train.txt, valid.txt, test.txt) in WORK_DIR, then runs
both forms with small models for a few epochs: an LSTM, a GRU with the
AdamW optimizer and tied weights (--tied), an RNN_RELU for one batch per epoch (--dry-run) and the
Transformer. Their stdout must agree (losses, perplexities, learning
rates, the log lines) but for the milliseconds and seconds they took.
"""
import os
import re
import shutil
import sys

from example_run import EXAMPLES, fail, run, same_stdout

SOURCE = os.path.join(EXAMPLES, "word_lm.gtp")
LICENSES = "/usr/share/common-licenses"
SPLITS = {
    "train.txt": ["GPL-3", "GPL-2", "LGPL-2.1", "GFDL-1.3", "MPL-1.1", "Apache-2.0", "Artistic", "CC0-1.0"],
    "valid.txt": ["GPL-1"],
    "test.txt": ["MPL-2.0"],
}
SMALL = ["--emsize", "16", "--nhid", "16", "--epochs", "2", "--bptt", "35", "--batch_size", "20",
         "--log-interval", "10"]
RUNS = [
    ["--model", "LSTM"] + SMALL,
    ["--model", "GRU", "--nlayers", "1", "--use-optimizer", "--lr", "0.01", "--tied"] + SMALL,
    ["--model", "RNN_RELU", "--dry-run", "--lr", "1", "--clip", "0.5"] + SMALL,
    ["--model", "Transformer", "--nhead", "2", "--lr", "2", "--dropout", "0.1"] + SMALL,
]
TIMES = re.compile(r"(ms/batch|time:) *\d+\.\d+")


def make_corpus(root):
    os.makedirs(root)
    for split, names in SPLITS.items():
        with open(os.path.join(root, split), "w", encoding="utf8") as out:
            for name in names:
                with open(os.path.join(LICENSES, name), encoding="utf8") as f:
                    out.write(f.read())


def main():
    gtorchc, python, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    make_corpus(os.path.join(work, "data"))
    exe = os.path.join(work, "word_lm")
    run([gtorchc, "build", SOURCE, "-o", exe], work)
    for args in RUNS:
        args = args + ["--data", "data", "--save", "model.pt"]
        mine = run([exe] + args, work).stdout
        theirs = run([python, SOURCE] + args, work).stdout
        print(mine, end="")
        same_stdout(mine, theirs, (TIMES, r"\1 T"), f"{' '.join(args)}: ")
        if "test ppl" not in mine:
            fail(f"{' '.join(args)}: no test perplexity:\n{mine}")
    print("ok: word_lm agrees with python3")


main()

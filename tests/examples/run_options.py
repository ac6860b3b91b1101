#!/usr/bin/python3
"""A gallery example that takes its published argparse options, compiled by
gtorchc and run under python3 with PyTorch (the oracle), with the same
options; their stdout must be the same bytes.

    run_options.py NAME GTORCHC PYTHON WORK_DIR [OPTION ...]

examples/NAME.gtp is built to WORK_DIR/NAME. For python3 it and the
examples' .gtp modules (gym.gtp, CartPole for the reinforcement-learning
examples) are copied into WORK_DIR/py as .py files, so that python3
imports the modules as gtorchc does.
"""
import os
import shutil
import sys

from example_run import EXAMPLES, fail, run, same_stdout



def main():
    name, gtorchc, python, work = sys.argv[1:5]
    options = sys.argv[5:]
    shutil.rmtree(work, ignore_errors=True)
    py = os.path.join(work, "py")
    os.makedirs(py)
    for fn in os.listdir(EXAMPLES):
        if fn.endswith(".gtp"):
            shutil.copyfile(os.path.join(EXAMPLES, fn), os.path.join(py, fn[:-4] + ".py"))
    exe = os.path.join(work, name)
    run([gtorchc, "build", os.path.join(EXAMPLES, name + ".gtp"), "-o", exe], work)
    mine = run([exe] + options, work)
    theirs = run([python, name + ".py"] + options, py)
    print(mine.stdout, end="")
    if not mine.stdout:
        fail("the program printed nothing")
    same_stdout(mine.stdout, theirs.stdout)
    print(f"ok: {name} {' '.join(options)} agrees with python3")


main()

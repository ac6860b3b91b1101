"""What the example runners (run_example.py, run_gallery.py, run_options.py,
run_word_lm.py) share: where the examples are, failing with a message, a
command that must succeed, and the comparison of a program's stdout with
python3's, but for what `mask` (a regex and its replacement) hides."""
import os
import shutil
import subprocess
import sys

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples")


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(cmd, cwd):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=1200)
    if r.returncode != 0:
        fail(f"{' '.join(cmd)} exited {r.returncode}:\n{r.stdout}{r.stderr[-3000:]}")
    return r


def same_stdout(mine, theirs, mask=None, what=""):
    """Fails unless the two outputs agree once `mask` (regex, replacement) is applied."""
    a, b = (mask[0].sub(mask[1], mine), mask[0].sub(mask[1], theirs)) if mask else (mine, theirs)
    if a != b:
        fail(f"{what}stdout differs from python3's:\n{mine}--- python3:\n{theirs}")


def two_dirs(work):
    """WORK_DIR made afresh, with gtp/ and py/ for the two runs."""
    shutil.rmtree(work, ignore_errors=True)
    dirs = {form: os.path.join(work, form) for form in ("gtp", "py")}
    for d in dirs.values():
        os.makedirs(d)
    return dirs

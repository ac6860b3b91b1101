#!/usr/bin/python3
"""tests/vision: save_image's PNGs against torchvision's and PIL's.

    check_png.py GTORCHC PYTHON PNG_CHECK SOURCE_DIR WORK_DIR

Compiles save_image.gtp with gtorchc and runs it, runs the same file under
python3 (torchvision + PIL, the oracle), and for every PNG python wrote has
png_check (libpng) decode both: same width, height, colour type and bit
depth, the same pixels, not a constant image. PIL must read gtorchc's files
too. Then the err_*.gtp programs must fail at run time with exit status 1
and a message (naming the file), never a crash.
"""

import os
import shutil
import subprocess
import sys

from PIL import Image


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


def main():
    gtorchc, python, png_check, src, work = sys.argv[1:6]
    shutil.rmtree(work, ignore_errors=True)
    gt_dir, py_dir = os.path.join(work, "gt"), os.path.join(work, "py")
    os.makedirs(gt_dir)
    os.makedirs(py_dir)

    exe = os.path.join(work, "save_image")
    r = run([gtorchc, "build", os.path.join(src, "save_image.gtp"), "-o", exe])
    if r.returncode != 0:
        fail("gtorchc build save_image.gtp:\n" + r.stdout + r.stderr)
    r = run([exe, gt_dir])
    if r.returncode != 0 or r.stdout != "saved\n":
        fail("save_image (compiled) exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
    r = run([python, os.path.join(src, "save_image.gtp"), py_dir])
    if r.returncode != 0 or r.stdout != "saved\n":
        fail("save_image.gtp under python3 exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))

    names = sorted(os.listdir(py_dir))
    if sorted(os.listdir(gt_dir)) != names:
        fail("files differ: gtorchc wrote %s, torchvision %s" % (sorted(os.listdir(gt_dir)), names))
    for name in names:
        ours, theirs = os.path.join(gt_dir, name), os.path.join(py_dir, name)
        r = run([png_check, ours, theirs])
        if r.returncode != 0:
            fail("%s: %s%s" % (name, r.stdout, r.stderr))
        with Image.open(ours) as a, Image.open(theirs) as b:
            if a.mode != b.mode or a.size != b.size or a.tobytes() != b.tobytes():
                fail("%s: PIL reads %s %s from ours, %s %s from torchvision's" % (name, a.mode, a.size, b.mode, b.size))
        print("%-16s %s" % (name, r.stdout.strip()))

    for case, expect in (("err_save_dir", "/nonexistent-dir/grid.png"), ("err_save_rank", "rank.png"),
                         ("err_save_format", "grid.jpg")):
        exe = os.path.join(work, case)
        r = run([gtorchc, "build", os.path.join(src, case + ".gtp"), "-o", exe])
        if r.returncode != 0:
            fail("gtorchc build %s.gtp:\n%s%s" % (case, r.stdout, r.stderr))
        r = run([exe], cwd=work)
        if r.returncode != 1 or "runtime error" not in r.stderr or expect not in r.stderr or r.stdout:
            fail("%s: expected a run-time error naming %r, exit 1; got exit %d:\n%s%s"
                 % (case, expect, r.returncode, r.stdout, r.stderr))
        print("%-16s %s" % (case, r.stderr.splitlines()[0]))
    print("ok")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Source-level debugging of a `gtorchc build -g` program with gdb, in batch
mode: a breakpoint by .gtp file and line, `bt` naming the .gtp function and
file, `info locals` listing the .gtp locals, `next` moving to the next .gtp
line, and `print` of a local.

    gdb_test.py GTORCHC
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    gtorchc = sys.argv[1]
    gdb = shutil.which("gdb")
    if not gdb:
        sys.exit("gdb is not installed (tools/setup installs it)")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "sample.gtp")
        shutil.copy(os.path.join(HERE, "sample.gtp"), src)
        exe = os.path.join(tmp, "sample")
        subprocess.run([gtorchc, "build", "-g", src, "-o", exe], check=True, cwd=tmp)
        cmds = ["break sample.gtp:5", "run", "bt", "info locals", "next", "next", "print s_"]
        args = [gdb, "-nx", "-batch"] + [a for c in cmds for a in ("-ex", c)] + [exe]
        out = subprocess.run(args, capture_output=True, text=True, cwd=tmp, timeout=120).stdout
    print(out)
    checks = [
        (r"Breakpoint 1, total_ \(xs_=\S+\) at \S*sample\.gtp:5", "stops at the breakpoint in total, sample.gtp:5"),
        (r"#0\s+total_ \(.*\) at \S*sample\.gtp:5", "bt: frame 0 is total at sample.gtp:5"),
        (r"#1\s+.*main \(.*\) at \S*sample\.gtp:10", "bt: frame 1 is the caller at sample.gtp:10"),
        (r"^s_ = 0$", "info locals: s"),
        (r"^x_ = 1$", "info locals: x"),
        (r"^4\s+for x in xs:", "next: back to the loop's line 4"),
        (r"^5\s+s \+= x \* 2", "next: into the body again, line 5"),
        (r"^\$1 = 2$", "print s after one iteration"),
    ]
    failed = [what for pattern, what in checks if not re.search(pattern, out, re.M)]
    for what in failed:
        print("missing:", what)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""memcheck_case.py - builds a golden case and runs it under valgrind:
no memory error and nothing definitely lost. For the cases whose point is
what the generated code releases (a generator dropped before its end),
which their printed output cannot show.

usage: memcheck_case.py GTORCHC VALGRIND CASE.gtp [SUPPRESSIONS]

Exit status 77 (ctest's skip) where valgrind cannot run the program on
this CPU at all: it stops at an instruction it cannot decode in a shared
library's initializer, before main (libtorch loads OpenCV, GDAL and
libjxl, whose libhwy runs RDTSCP at load; valgrind 3.19 refuses it on a
CPU whose CPUID hides the instruction). It says so on stdout.
"""
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77


def undecodable_at_load(stderr):
    """Why valgrind could not run the program at all, or None."""
    m = re.search(r"valgrind: Unrecognised instruction at address \S+\.\n==\d+==\s+at \S+: (.*)", stderr)
    if not m or "_dl_init" not in stderr[m.end():m.end() + 2000]:
        return None
    return ("valgrind cannot decode an instruction that a shared library runs while it loads, before main ("
            + m.group(1).strip() + "): memcheck cannot run programs that link libtorch on this CPU")


def main():
    gtorchc, valgrind, case = sys.argv[1:4]
    supp = ["--suppressions=" + sys.argv[4]] if len(sys.argv) > 4 else []
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "case")
        subprocess.run([gtorchc, "build", case, "-o", exe], check=True)
        r = subprocess.run([valgrind, "--error-exitcode=9", "--leak-check=full", "--errors-for-leak-kinds=definite",
                            *supp, exe], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        sys.stderr.write(r.stderr)
        why = undecodable_at_load(r.stderr) if r.returncode != 0 else None
        if why:
            print("skipped:", why)
            sys.exit(SKIP)
        sys.exit(r.returncode)


if __name__ == "__main__":
    main()

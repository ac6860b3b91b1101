"""memcheck_case.py - builds a golden case and runs it under valgrind:
no memory error and nothing definitely lost. For the cases whose point is
what the generated code releases (a generator dropped before its end),
which their printed output cannot show.

usage: memcheck_case.py GTORCHC VALGRIND CASE.gtp [SUPPRESSIONS]
"""
import os
import subprocess
import sys
import tempfile


def main():
    gtorchc, valgrind, case = sys.argv[1:4]
    supp = ["--suppressions=" + sys.argv[4]] if len(sys.argv) > 4 else []
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "case")
        subprocess.run([gtorchc, "build", case, "-o", exe], check=True)
        r = subprocess.run([valgrind, "--error-exitcode=9", "--leak-check=full", "--errors-for-leak-kinds=definite",
                            *supp, exe], stdout=subprocess.DEVNULL)
        sys.exit(r.returncode)


if __name__ == "__main__":
    main()

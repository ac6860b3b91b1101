#!/usr/bin/python3
"""The C that gtorchc writes for every example compiles without a warning
under -Wall -Wextra, with gcc and with clang (those installed).

    warnings_test.py GTORCHC INCLUDE_DIR EXAMPLES_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    gtorchc, include, examples = sys.argv[1:4]
    more = sys.argv[4:]  # programs of other shapes: try statements (volatile variables)
    compilers = [cc for cc in ("gcc", "clang") if shutil.which(cc)]
    if not compilers:
        sys.exit("neither gcc nor clang is installed")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for src in sorted(glob.glob(os.path.join(examples, "*.gtp"))) + more:
            for debug in ([], ["-g"]):
                c = os.path.join(tmp, os.path.basename(src)[:-4] + ".c")
                subprocess.run([gtorchc, "emit-c", *debug, src, "-o", c], check=True)
                for cc in compilers:
                    p = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-fsyntax-only", "-I", include, c],
                                       capture_output=True, text=True)
                    if p.returncode != 0 or p.stderr.strip():
                        print(f"{cc} {' '.join(debug)} on {os.path.basename(src)}:\n{p.stderr}")
                        failed = True
                    else:
                        print(f"ok: {cc} {' '.join(debug)} {os.path.basename(src)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

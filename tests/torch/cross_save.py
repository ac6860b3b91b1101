#!/usr/bin/python3
"""State dicts interchange with PyTorch: a file saved by the compiled
save_load.gtp loads in Python, and one saved by Python loads in the
compiled program, each printing what the other's own round trip prints.

    cross_save.py GTORCHC PYTHON
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASE = os.path.join(HERE, "save_load.gtp")


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    return p.stdout


def main():
    gtorchc, python = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "save_load")
        run([gtorchc, "build", CASE, "-o", exe], tmp)
        expected = run([python, CASE, "both", "py.pt"], tmp)
        run([exe, "save", "gtp.pt"], tmp)
        from_gtp = run([python, CASE, "load", "gtp.pt"], tmp)
        run([python, CASE, "save", "py2.pt"], tmp)
        from_py = run([exe, "load", "py2.pt"], tmp)
    failed = False
    for name, got in (("saved by gtorchc, loaded by PyTorch", from_gtp),
                      ("saved by PyTorch, loaded by gtorchc", from_py)):
        if got != expected:
            print(f"{name}: differs from PyTorch's own round trip\n--- expected\n{expected}--- got\n{got}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""State dicts interchange with PyTorch: a file saved by the compiled
case (save_load.gtp unless named) loads in Python, and one saved by Python
loads in the compiled program, each printing what the other's own round
trip prints. The case takes `save PATH`, `load PATH` and `both PATH`.
With --from-python, only a file saved by Python is loaded by the compiled
case (what a file holds, an OrderedDict or a dict, shows in its printing).

    cross_save.py GTORCHC PYTHON [CASE] [--from-python]
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CASE = os.path.join(HERE, "save_load.gtp")


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    return p.stdout


def main():
    args = [a for a in sys.argv[1:] if a != "--from-python"]
    from_python_only = len(args) < len(sys.argv) - 1
    gtorchc, python = args[0], args[1]
    case = args[2] if len(args) > 2 else DEFAULT_CASE
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "save_load")
        run([gtorchc, "build", case, "-o", exe], tmp)
        run([python, case, "save", "py.pt"], tmp)
        expected = run([python, case, "load", "py.pt"], tmp)
        checks = []
        if not from_python_only:
            run([exe, "save", "gtp.pt"], tmp)
            checks.append(("saved by gtorchc, loaded by PyTorch", run([python, case, "load", "gtp.pt"], tmp)))
        run([python, case, "save", "py2.pt"], tmp)
        checks.append(("saved by PyTorch, loaded by gtorchc", run([exe, "load", "py2.pt"], tmp)))
    failed = False
    for name, got in checks:
        if got != expected:
            print(f"{name}: differs from PyTorch's own round trip\n--- expected\n{expected}--- got\n{got}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

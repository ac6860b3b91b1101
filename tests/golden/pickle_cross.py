#!/usr/bin/python3
"""Pickle files interchange with CPython: for each value below and each
protocol (0 to 5, and the default), the file the compiled program's
pickle.dump writes is byte for byte the one python3's writes (but where
a case is marked to differ: then python3 reads back an equal value), and
the compiled program's pickle.load reads python3's file into the type it
declares, printing what python3 prints of it.

    pickle_cross.py GTORCHC PYTHON
"""
import os
import pickle
import subprocess
import sys
import tempfile

# name, annotation, expression, same bytes as CPython's. A None is
# written, but read only where nothing expects a type: list[Optional[str]]
# has list[str]'s descriptor, which holds no None (so "none" is not read).
CASES = [
    ("none", "list[Optional[str]]", "[None, 'a', None]", True),
    ("true", "bool", "True", True),
    ("ints", "list[int]", "[0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, -2**31, 2**31, -2**31 - 1, "
     "2**40, -2**40, 9223372036854775807, -9223372036854775807 - 1, 2**55 + 7, -128, -129, 32768]", True),
    ("floats", "list[float]", "[0.0, -0.0, 1.5, 1e300, -2.5e-300, float('inf'), -float('inf'), 0.1]", True),
    ("nan", "float", "float('nan')", True),
    ("str", "str", "'caf\\u00e9 \\U0001f600 \\\\ \\n \\r \\x00 \\x1a tab\\t'", True),
    ("empty", "tuple[list[int], dict[str, int], str, tuple[()]]", "([], {}, '', ())", True),
    ("dict", "dict[str, list[float]]", "{'w': [0.5, 1.5], 'b': [2.0], 'c': []}", True),
    ("intkeys", "dict[int, str]", "{3: 'c', 1: 'a', 2: 'b'}", True),
    ("tuplekeys", "dict[tuple[int, int], bool]", "{(0, 1): True, (2, 3): False}", True),
    ("tuples", "tuple[int, str, float, bool, tuple[int, int, int, int]]", "(1, 'x', 2.5, False, (1, 2, 3, 4))", True),
    ("set", "set[int]", "{5, 1, 3, 1000, -7}", True),
    ("strset", "set[str]", "{'a'}", True),
    ("bigset", "set[int]", "set(range(1000))", True),
    ("biglist", "list[int]", "list(range(2500))", True),
    ("bigdict", "dict[int, int]", "{i: i * i for i in range(1000)}", True),
    ("nested", "list[list[list[str]]]", "[[['deep']], [], [['x', 'y']]]", True),
    ("longstr", "str", "'ab' * 40000", True),
    ("manystrs", "list[str]", "[str(i) * 30 for i in range(3000)]", True),
    ("numdict", "dict[str, int | float]", "{'epoch': 3, 'loss': 0.25}", True),
    ("point", "Point", "Point(1, 'a')", True),
    ("points", "list[Point]", "[Point(1, 'a'), Point(2, 'b')]", True),
]

PROGRAM_HEAD = '''import pickle
import sys
from typing import NamedTuple, Optional


class Point(NamedTuple):
    x: int
    label: str


PROTOCOLS = [0, 1, 2, 3, 4, 5]
mode = sys.argv[1]
folder = sys.argv[2]


def path(name: str, proto: int) -> str:
    return folder + "/" + name + "_" + str(proto) + ".pkl"

'''

WRITE_CODE = '''
if mode == "write":
    value_{name}: {ann} = {expr}
    for proto in PROTOCOLS:
        with open(path("{name}", proto), "wb") as f:
            pickle.dump(value_{name}, f, protocol=proto)
    with open(path("{name}", -1), "wb") as f:
        pickle.dump(value_{name}, f)
'''

READ_CODE = '''if mode == "read":
    for proto in PROTOCOLS + [-1]:
        with open(path("{name}", proto), "rb") as f:
            back_{name}: {ann} = pickle.load(f)
        print("{name}", proto, back_{name})
'''


def program():
    code = [PROGRAM_HEAD]
    for name, ann, expr, _ in CASES:
        code.append(WRITE_CODE.format(name=name, ann=ann, expr=expr))
        if name != "none":
            code.append(READ_CODE.format(name=name, ann=ann))
    return "".join(code)


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}{p.stderr}")
    return p.stdout


def load_with(python, path, cwd):
    """What python3 reads of a file, as repr, with Point defined as the program defines it."""
    code = (PROGRAM_HEAD.split("PROTOCOLS")[0] + "import pickle\n"
            f"print(repr(pickle.load(open({path!r}, 'rb'))))\n")
    return run([python, "-c", code, "x", "y"], cwd)


def main():
    gtorchc, python = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory(prefix="gtpickle-") as tmp:
        src = os.path.join(tmp, "cross.gtp")
        with open(src, "w") as f:
            f.write(program())
        exe = os.path.join(tmp, "cross")
        run([gtorchc, "build", src, "-o", exe], tmp)
        for d in ("gtp", "py"):
            os.mkdir(os.path.join(tmp, d))
        run([exe, "write", "gtp"], tmp)
        run([python, src, "write", "py"], tmp)
        for name, _, _, same in CASES:
            for proto in [0, 1, 2, 3, 4, 5, -1]:
                ours = os.path.join(tmp, "gtp", f"{name}_{proto}.pkl")
                theirs = os.path.join(tmp, "py", f"{name}_{proto}.pkl")
                a, b = open(ours, "rb").read(), open(theirs, "rb").read()
                if a != b and same:
                    failures.append(f"{name} protocol {proto}: bytes differ\n  gtorchc {a[:200]!r}\n  python3 {b[:200]!r}")
                if a != b and load_with(python, ours, tmp) != load_with(python, theirs, tmp):
                    failures.append(f"{name} protocol {proto}: python3 reads another value from gtorchc's file")
        expected = run([python, src, "read", "py"], tmp)
        actual = run([exe, "read", "py"], tmp)
        if expected != actual:
            failures.append(f"reading python3's files:\n--- python3\n{expected}\n--- gtorchc\n{actual}")
    if failures:
        sys.exit("\n".join(failures))
    print(f"{len(CASES)} values, 7 protocols each: the same files, read back alike")


if __name__ == "__main__":
    main()

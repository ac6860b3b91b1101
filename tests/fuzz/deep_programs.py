#!/usr/bin/env python3
"""deep_programs.py GTORCHC WORKDIR [CASE...]: programs at and past the
nesting limits, and very long ones, through `gtorchc emit-c`.

Each case says what it must give: "ok" (compiles), or a regular expression
that the first diagnostic must match, located at FILE:LINE:COL. A crash, a
sanitizer report, or more CPU time than the case allows (CPU time, so that
a loaded machine does not fail it) fails the test: gtorchc must never crash
on deep but legal input, and its cost must stay near linear in the size of
the program.
"""
import os
import re
import resource
import subprocess
import sys


def nested_blocks(header, depth, body="    pass"):
    """`depth` blocks, each opened by `header` (with {i}), one inside another."""
    lines = []
    for i in range(depth):
        lines.append("  " * i + header.format(i=i))
    lines.append("  " * depth + body.strip())
    return "\n".join(lines) + "\n"


def unary_chain(op, depth, leaf):
    return op * depth + leaf


def binary_chain(op, depth, leaf):
    return (" %s " % op).join([leaf] * (depth + 1))


TOO_DEEP = r"too deeply|too many"

# (name, source, expectation, seconds allowed)
CASES = [
    # Blocks: CPython allows 99 levels of indentation; so does gtorchc.
    ("if_99", "x = 1\n" + nested_blocks("if x > {i}:", 98, "print(x)"), "ok", 20),
    ("for_99", nested_blocks("for i{i} in range(2):", 98, "print(1)"), "ok", 20),
    ("while_99", "x = 0\n" + nested_blocks("while x < {i}:", 98, "x += 1"), "ok", 20),
    ("if_else_99", "x = 1\n" + "".join(
        "  " * i + "if x > %d:\n" % i + "  " * (i + 1) + "x += 1\n" + "  " * i + "else:\n" for i in range(98))
     + "  " * 98 + "print(x)\n", "ok", 20),
    ("def_99", "def f0() -> int:\n" + "".join(
        "  " * (i + 1) + "x%d = %d\n" % (i, i) + "  " * (i + 1) + "if x%d > 0:\n" % i for i in range(97))
     + "  " * 98 + "return 1\n" + "  return 0\nprint(f0())\n", "ok", 20),
    # An elif chain is as deep in the tree as it is long; it is not indented.
    ("elif_1000", "x = 7\nif x == 0:\n    print(0)\n" + "".join(
        "elif x == %d:\n    print(%d)\n" % (i, i) for i in range(1, 1000)) + "else:\n    print(-1)\n", "ok", 30),
    # A match statement's cases are an elif chain: as long a one compiles, a longer one is an error.
    ("match_1000", "x = 7\nmatch x:\n" + "".join(
        "    case %d:\n        print(%d)\n" % (i, i) for i in range(1000)) + "    case _:\n        print(-1)\n",
     "ok", 30),
    ("match_3001", "match 1:\n" + "    case 0:\n        pass\n" * 3001, TOO_DEEP, 10),
    ("indent_101", "x = 1\n" + nested_blocks("if x > {i}:", 101, "print(x)"), TOO_DEEP, 10),
    # Expressions: nesting is limited (parse.h PARSE_MAX_DEPTH, brackets 200).
    ("unary_minus_900", "x = " + unary_chain("-", 900, "1") + "\nprint(x)\n", "ok", 20),
    ("not_900", "x = " + unary_chain("not ", 900, "True") + "\nprint(x)\n", "ok", 20),
    ("sum_900", "x = " + binary_chain("+", 900, "1") + "\nprint(x)\n", "ok", 20),
    ("and_900", "b = True\nx = " + binary_chain("and", 900, "b") + "\nprint(x)\n", "ok", 20),
    ("ifexp_900", "b = True\nx = " + " if b else ".join(["1"] * 901) + "\nprint(x)\n", "ok", 20),
    ("parens_199", "x = " + "(" * 199 + "1" + ")" * 199 + "\nprint(x)\n", "ok", 20),
    ("lists_199", "x = " + "[" * 199 + "1" + "]" * 199 + "\nprint(len(x))\n", "ok", 20),
    ("subscripts_900", "x = [1]\ny = x" + "[0:1]" * 900 + "\nprint(y)\n", "ok", 20),
    ("calls_199", "def f(x: int) -> int:\n    return x\nprint(" + "f(" * 198 + "1" + ")" * 199 + "\n", "ok", 20),
    ("listcomp_100", "x = " + "[" * 100 + "1" + " for i in range(2)]" * 100 + "\nprint(len(x))\n", "ok", 20),
    ("compare_5000", "x = 1\nprint(" + binary_chain("<", 5000, "x") + ")\n", "ok", 30),
    ("unary_minus_1100", "x = " + unary_chain("-", 1100, "1") + "\n", TOO_DEEP, 10),
    ("sum_1100", "x = " + binary_chain("+", 1100, "1") + "\n", TOO_DEEP, 10),
    ("parens_201", "x = " + "(" * 201 + "1" + ")" * 201 + "\n", TOO_DEEP, 10),
    ("lambda_300", "f = " + "lambda: " * 300 + "1\nprint(f" + "()" * 300 + ")\n", "ok", 20),
    # Length: every statement is located, so line look-ups must not rescan.
    ("lines_100000", "x = 0\n" + "x = x + 1\n" * 100000 + "print(x)\n", "ok", 60),
    ("one_line_20000", "x = 0\n" + "x = x + 1; " * 20000 + "\nprint(x)\n", "ok", 60),
    ("long_line_error", "x = [" + "1, " * 20000 + "y]\n", r"'y' is not defined", 20),
]


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_case(gtorchc, workdir, name, source, expect, limit):
    path = os.path.join(workdir, name + ".gtp")
    with open(path, "w") as f:
        f.write(source)
    before = children_cpu()
    try:
        r = subprocess.run([gtorchc, "emit-c", path, "-o", os.devnull], capture_output=True, text=True,
                           errors="replace", timeout=limit * 10)
    except subprocess.TimeoutExpired:
        return "hangs (more than %d s)" % (limit * 10)
    took = children_cpu() - before
    first = r.stderr.splitlines()[0] if r.stderr else ""
    if took > limit:
        return "took %.1f s of CPU, more than %d s" % (took, limit)
    if expect == "ok":
        return None if r.returncode == 0 else "exit %d, expected to compile: %s" % (r.returncode, r.stderr[-2000:])
    if r.returncode != 1:
        return "exit %d, expected 1 and an error: %s" % (r.returncode, r.stderr[-2000:])
    located = re.match(re.escape(path) + r":\d+:\d+: error: ", first)
    if not located or not re.search(expect, first):
        return "expected a located error matching /%s/, got: %s" % (expect, first)
    return None


def main():
    gtorchc, workdir = sys.argv[1], sys.argv[2]
    os.makedirs(workdir, exist_ok=True)
    only = sys.argv[3:]
    failed = 0
    for name, source, expect, limit in CASES:
        if only and name not in only:
            continue
        before = children_cpu()
        problem = run_case(gtorchc, workdir, name, source, expect, limit)
        print("%-18s %6.2f s CPU  %s" % (name, children_cpu() - before, problem or "ok"), flush=True)
        failed += problem is not None
    print("%d of %d cases failed" % (failed, len(CASES)) if failed else "all cases passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Runs one golden case: compile it with gtorchc, run it, compare.

    run_case.py --gtorchc PATH CASE [--bless] [--python /usr/bin/python3]
                [--via build|run|check] [--expect DIR]
    run_case.py --regen-out CASE...     (write CASE's .out from the python oracle)

By default the case is compiled with `gtorchc build` and the executable run;
`--via run` does both with `gtorchc run`, `--via check` only type-checks.

CASE is `name.gtp`, or `name.gen`: a python script whose stdout is the
program's source, generated into a temporary directory at test time (for
inputs too big or too odd to commit: a 1 MB line, a NUL byte, ...).

Expected files, next to the case:
  name.out   stdout of the compiled program, then `[exit N]`
  name.err   stderr of gtorchc (compile errors) or of the program (run-time
             errors), the case's directory stripped from paths, then `[exit N]`
  name.c     the C that `gtorchc emit-c name.gtp` writes, run in the case's
             directory (optional: a golden file of emitted C, which a reader
             of the diff sees change with the emitter; --bless rewrites it)
A compile-error case has only an .err, and gtorchc must print nothing on
stdout. A run-time error case has both.

Differential: a case with an .out whose first line is not `# gtp-only` is
valid Python 3; it is also run under python3 and its stdout and exit status
must equal the compiled program's, byte for byte. Such .out files are written
by the oracle (`--regen-out`, or regen_out.sh), never by hand or by --bless.

Floats that depend on the CPU. libtorch picks its kernels by CPU (plain,
AVX2 or AVX-512 builds of each, oneDNN's JIT convolutions, the BLAS that
libblas.so.3 points to) and splits work by thread count, so a float can
differ in its last printed digit between two x86-64 machines while python3
and the compiled program agree on each. A case whose stdout holds such a
float says `# cpu-floats`: it is still compared with python3's on the same
machine, byte for byte, but its committed .out only with every decimal
number masked and white space ignored (integers, words, shapes and dtypes
stay exact). Such floats come from
  - transcendental functions: exp, log, sin, tanh, sigmoid, softmax, gelu,
    pow with an exponent other than an integer or 0.5 (vectorised
    differently per CPU);
  - sums, means, norms, var, std, losses, matmuls and convolutions of
    values whose sum is inexact (the order of accumulation varies);
  - fused arithmetic inside one kernel (a * b + c may become an FMA):
    optimizer steps, batch norm, linear layers, anything trained;
  - torch.randn / normal_ of 16 or more float32 values (an AVX2 path).
Exact results keep the exact comparison with the .out: integers, bools,
shapes, and floats that are exact or come from one correctly rounded
operation per element (+ - * / sqrt, floor, fmod, casts, copies, indexing,
comparisons, torch.rand's grid, torch.randn of fewer than 16 values, drawn
one by one in double precision), and sums of small integers. Cases are
marked one by one by these rules; when in doubt, `# cpu-floats`.

Directives, in the first lines of a case:
  # gtp-only          not valid Python (or Python prints something else)
  # cpu-floats        prints floats from CPU-dependent kernels (above)
  # args: a b c       command-line arguments for the program ($VARS expanded
                      from the environment: $GT_FASHION_MNIST is a data root)
  # argv: a 'b c'     one run of the program per such line, with these
                      arguments (shell quoting); the executable is named
                      NAME.py, as python3's script, so that both see the same
                      sys.argv[0] basename (argparse's prog). The .out holds
                      each run: `$ NAME.py ARGS`, its stdout, `[stderr]` and
                      its stderr where it wrote some, `[exit N]`; python3's
                      runs must print the same, stderr included.

Files named `mod_*.gtp`, and everything in subdirectories, are modules that
cases import; they are not cases.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

COMPILE_TIMEOUT = 120
RUN_TIMEOUT = 60
LONG_LINE = 1000   # lines longer than this are shortened before comparing


def shorten(text):
    """Shortens very long lines so that a diff of a 1 MB line stays readable."""
    out = []
    for line in text.split("\n"):
        if len(line) > LONG_LINE:
            line = "%s...[%d chars]...%s" % (line[:60], len(line), line[-20:])
        out.append(line)
    return "\n".join(out)


def render(data, status, strip):
    """Turns captured bytes and an exit status into the expected-file form."""
    text = data.decode("utf-8", errors="backslashreplace")
    for prefix in strip:
        text = text.replace(prefix, "")
    if text and not text.endswith("\n"):
        text += "\n[no newline at end]\n"
    if status < 0:
        text += "[signal %d]\n" % -status
    else:
        text += "[exit %d]\n" % status
    return shorten(text)


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="backslashreplace")


def directives(source):
    """`# gtp-only`, `# cpu-floats` and `# args:` from the leading comment
    lines: (gtp_only, args, cpu_floats)."""
    gtp_only = cpu_floats = False
    args = []
    for line in source.split(b"\n")[:10]:
        line = line.strip()
        if not line.startswith(b"#"):
            break
        body = line[1:].strip()
        if body == b"gtp-only":
            gtp_only = True
        elif body == b"cpu-floats":
            cpu_floats = True
        elif body.startswith(b"args:"):
            args = [os.path.expandvars(a) for a in body[5:].decode().split()]
    return gtp_only, args, cpu_floats


def argv_lines(source):
    """The argument lists of the `# argv:` lines among the leading comments."""
    runs = []
    for line in source.split(b"\n"):
        line = line.strip()
        if not line.startswith(b"#"):
            break
        body = line[1:].strip()
        if body.startswith(b"argv:"):
            runs.append(shlex.split(body[5:].decode()))
    return runs


def argv_runs(cmd, name, runs, cwd, env=None):
    """Each run of cmd with one argument list, as the .out of an `# argv:`
    case holds it."""
    text = ""
    for args in runs:
        out, err, status = run(cmd + args, cwd, RUN_TIMEOUT, env)
        text += "$ %s\n" % " ".join([name + ".py"] + [shlex.quote(a) for a in args])
        text += out.decode("utf-8", errors="backslashreplace")
        if err:
            text += "[stderr]\n" + err.decode("utf-8", errors="backslashreplace")
        text += "[exit %d]\n" % status
    return text


def python_env():
    env = dict(os.environ)
    env.update(PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1",
               PYTHONHASHSEED="0", LC_ALL="C.UTF-8")
    env.pop("PYTHONPATH", None)
    return env


def argv_case(a, case, casedir, src, tmp, name, out_path, runs):
    """An `# argv:` case: compiled as NAME.py, run once per argument list,
    compared with its .out and with python3's runs."""
    exe = os.path.join(tmp, "bin", name + ".py")
    os.makedirs(os.path.dirname(exe))
    c_out, c_err, c_status = run([a.gtorchc, "build", src, "-o", exe], tmp, COMPILE_TIMEOUT)
    if c_status != 0:
        print("FAIL golden/%s: gtorchc failed:\n%s" % (name, c_err.decode(errors="replace")))
        return 1
    actual = argv_runs([exe], name, runs, tmp)
    root, prog = python_tree(casedir, src, tmp)
    oracle = argv_runs([a.python, prog], name, runs, root, python_env())
    failures = []
    if not os.path.exists(out_path):
        failures.append("no %s.out (regen_out.sh writes it)" % name)
    elif read_text(out_path) != actual:
        failures.append("runs differ from the .out:\n" + diff(read_text(out_path), actual, name + ".out"))
    if oracle != actual:
        failures.append("differential: python3 and the compiled program differ:\n" +
                        diff(oracle, actual, "runs", ("python3 ", "gtorchc ")))
    if failures:
        print("FAIL golden/%s" % name)
        for f in failures:
            print(f.rstrip("\n"))
        return 1
    print("ok golden/%s (%d runs, and python3 agrees)" % (name, len(runs)))
    return 0


# A decimal number, not a part of a dotted name (body.0.weight).
DECIMAL = re.compile(r"(?<![\w.])-?(?:\d+\.\d*|\.\d+|\d+(?=e[-+]?\d))(?:e[-+]?\d+)?")


def mask_decimals(text):
    """The text with each decimal number replaced by `#` and runs of spaces
    made one: for a diff."""
    return re.sub(r" +", " ", DECIMAL.sub("#", text))


def same_masked(expected, actual):
    """Do two outputs agree in what of a cpu-floats case does not depend on
    the CPU? Decimals are masked and all white space dropped: a tensor pads
    and wraps its columns by the widest number, which a last digit or a
    sign (-0.0000) can change."""
    strip = lambda text: re.sub(r"\s+", "", DECIMAL.sub("#", text))
    return strip(expected) == strip(actual)


TIMED_OUT = -999


def run(cmd, cwd, timeout, env=None):
    """Runs cmd; returns (stdout, stderr, status) with status -SIG on a signal
    and TIMED_OUT on a timeout. The command runs in its own process group, and a
    timeout kills the whole group: gtorchc's C compiler too."""
    p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        return out, err, p.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        return out or b"", (err or b"") + b"\n[timed out after %ds]\n" % timeout, TIMED_OUT


def materialize(case, tmp, python):
    """Returns the path of the .gtp source to compile: the case itself, or
    the output of its generator written into tmp."""
    if case.endswith(".gen"):
        name = os.path.basename(case)[:-4]
        out, err, status = run([python, case], os.path.dirname(case), 60)
        if status != 0:
            sys.stderr.write(err.decode(errors="replace"))
            raise SystemExit("generator %s failed (status %d)" % (case, status))
        src = os.path.join(tmp, name + ".gtp")
        with open(src, "wb") as f:
            f.write(out)
        return src
    return case


def python_tree(casedir, src, tmp):
    """Copies the program and every .gtp module beside it into tmp/py as .py
    files so that python3 imports them as it would the .gtp files."""
    root = os.path.join(tmp, "py")
    os.makedirs(root)
    for dirpath, dirnames, filenames in os.walk(casedir):
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "__"))]
        rel = os.path.relpath(dirpath, casedir)
        for fn in filenames:
            base = os.path.basename(fn)
            in_sub = rel != "."
            if fn.endswith(".gtp") and (in_sub or base.startswith("mod_")):
                dst = os.path.join(root, rel, fn[:-4] + ".py")
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(os.path.join(dirpath, fn), dst)
    name = os.path.basename(src)[:-4]
    prog = os.path.join(root, name + ".py")
    shutil.copyfile(src, prog)
    return root, prog


def run_python(python, casedir, src, tmp, args):
    root, prog = python_tree(casedir, src, tmp)
    out, err, status = run([python, prog] + args, root, RUN_TIMEOUT, python_env())
    return out, err, status


def diff(expected, actual, what, labels=("expected ", "actual ")):
    lines = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                 labels[0] + what, labels[1] + what)
    return "".join(lines)


def emitted_c(gtorchc, case, tmp):
    """The C of the case as `gtorchc emit-c` writes it from the case's
    directory (so that the C names the file as the reader does), or None
    where it did not compile."""
    c_path = os.path.join(tmp, "emitted.c")
    _, _, status = run([gtorchc, "emit-c", os.path.basename(case), "-o", c_path],
                       os.path.dirname(case), COMPILE_TIMEOUT)
    return read_text(c_path) if status == 0 else None


def compare_c(gtorchc, case, tmp, c_path, bless):
    """Failures of the golden file of emitted C (none where it is equal);
    with bless, it is rewritten instead."""
    c = emitted_c(gtorchc, case, tmp)
    if c is None:
        return ["gtorchc emit-c failed"]
    if bless:
        with open(c_path, "w") as f:
            f.write(c)
        print("blessed %s" % os.path.basename(c_path))
        return []
    exp = read_text(c_path)
    return [] if exp == c else ["emitted C differs:\n" + diff(exp, c, os.path.basename(c_path))]


def expected_stem(case, expect):
    stem = case.rsplit(".", 1)[0]
    return os.path.join(os.path.abspath(expect), os.path.basename(stem)) if expect else stem


def regen_out(cases, python, expect=None):
    """Writes each case's .out from the python oracle."""
    failed = 0
    for case in cases:
        case = os.path.abspath(case)
        casedir = os.path.dirname(case)
        stem = expected_stem(case, expect)
        with tempfile.TemporaryDirectory(prefix="gtgolden-") as tmp:
            src = materialize(case, tmp, python)
            with open(src, "rb") as f:
                source = f.read()
            gtp_only, args, _ = directives(source)
            runs = argv_lines(source)
            if runs:
                root, prog = python_tree(casedir, src, tmp)
                text = argv_runs([python, prog], os.path.basename(stem), runs, root, python_env())
                with open(stem + ".out", "w") as f:
                    f.write(text)
                print("wrote %s.out (%d runs)" % (os.path.basename(stem), len(runs)))
                continue
            if gtp_only:
                print("skip %s: # gtp-only (its .out is not python's)" % case)
                continue
            out, err, status = run_python(python, casedir, src, tmp, args)
            if status == TIMED_OUT:
                print("FAIL %s: timed out under python" % case)
                failed += 1
                continue
            # A second run must print the same: the output is deterministic.
            again = os.path.join(tmp, "again")
            os.makedirs(again)
            out2, _, status2 = run_python(python, casedir, src, again, args)
            if (out2, status2) != (out, status):
                print("FAIL %s: two python runs differ" % case)
                failed += 1
                continue
            text = render(out, status, [])
            with open(stem + ".out", "w") as f:
                f.write(text)
            print("wrote %s.out (exit %d)" % (os.path.basename(stem), status))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gtorchc", help="the compiler to test")
    ap.add_argument("--python", default="/usr/bin/python3", help="the oracle for the core language")
    ap.add_argument("--bless", action="store_true",
                    help="write what happened as the expected .err (and the .out of # gtp-only cases)")
    ap.add_argument("--regen-out", action="store_true", help="write the cases' .out files from the python oracle")
    ap.add_argument("--expect", metavar="DIR",
                    help="where the expected files are (default: next to the case)")
    ap.add_argument("--via", choices=["build", "run", "check"], default="build",
                    help="build: gtorchc build, then run the executable (the default); "
                         "run: gtorchc run; check: gtorchc check, compile errors only")
    ap.add_argument("cases", nargs="+")
    a = ap.parse_args()
    if a.bless and a.via != "build":
        ap.error("--bless goes with --via build")

    if a.regen_out:
        return regen_out(a.cases, a.python, a.expect)
    if not a.gtorchc or len(a.cases) != 1:
        ap.error("give --gtorchc and one case")

    case = os.path.abspath(a.cases[0])
    casedir = os.path.dirname(case)
    stem = expected_stem(case, a.expect)
    name = os.path.basename(stem)
    out_path, err_path, c_path = stem + ".out", stem + ".err", stem + ".c"
    has_out, has_err = os.path.exists(out_path), os.path.exists(err_path)
    if not (has_out or has_err or a.bless):
        print("%s: no %s.out or %s.err" % (case, name, name))
        return 1

    with tempfile.TemporaryDirectory(prefix="gtgolden-") as tmp:
        src = materialize(case, tmp, a.python)
        with open(src, "rb") as f:
            source = f.read()
        gtp_only, args, cpu_floats = directives(source)
        if argv_lines(source) and a.via == "build" and not a.bless:
            return argv_case(a, case, casedir, src, tmp, name, out_path, argv_lines(source))
        if cpu_floats and gtp_only:
            print("%s: # cpu-floats needs the python oracle; a # gtp-only case cannot have it" % name)
            return 1
        strip = [casedir + "/", tmp + "/"]
        exe = os.path.join(tmp, name)

        if a.via == "check":
            # Diagnostics only: the .err of a compile-error case, or silence.
            c_out, c_err, c_status = run([a.gtorchc, "check", src], tmp, COMPILE_TIMEOUT)
            act_err = render(c_err, c_status, strip)
            exp = read_text(err_path) if not has_out else render(b"", 0, [])
            if c_out or exp != act_err:
                print("FAIL golden/%s (gtorchc check)" % name)
                print(diff(exp, act_err, name + ".err") or "stdout: %r" % c_out[:200])
                return 1
            print("ok golden/%s (gtorchc check)" % name)
            return 0

        if a.via == "run":
            # One step: whether it failed to compile or failed while running
            # is told by which expected files the case has.
            env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
            c_out, c_err, c_status = run([a.gtorchc, "run", src] + args, tmp,
                                         COMPILE_TIMEOUT + RUN_TIMEOUT, env)
            compiled = has_out
            p_out, p_err, p_status = c_out, c_err, c_status
        else:
            c_out, c_err, c_status = run([a.gtorchc, "build", src, "-o", exe], tmp, COMPILE_TIMEOUT)
            compiled = c_status == 0
            if compiled:
                p_out, p_err, p_status = run([exe] + args, tmp, RUN_TIMEOUT)
        if compiled:
            act_out = render(p_out, p_status, strip)
            act_err = render(p_err, p_status, strip)
        else:
            act_out = render(c_out, c_status, strip)
            act_err = render(c_err, c_status, strip)

        failures = []
        if os.path.exists(c_path) and a.via == "build":
            failures += compare_c(a.gtorchc, case, tmp, c_path, a.bless)
        if not compiled and (c_status not in (0, 1) or c_out):
            failures.append("gtorchc %s, stdout %r" % (
                "timed out" if c_status == TIMED_OUT else "exited with status %d" % c_status, c_out[:200]))

        if a.bless:
            if not compiled or p_err:
                with open(err_path, "w") as f:
                    f.write(act_err)
                print("blessed %s" % os.path.basename(err_path))
            elif has_err:
                os.unlink(err_path)
                print("removed %s" % os.path.basename(err_path))
            if compiled:
                if gtp_only or not has_out:
                    if gtp_only:
                        with open(out_path, "w") as f:
                            f.write(act_out)
                        print("blessed %s" % os.path.basename(out_path))
                    else:
                        print("%s: run regen_out.sh for its .out (python writes it)" % name)
                else:
                    print("kept %s (written by python; regen_out.sh)" % os.path.basename(out_path))
            return 0

        if has_err:
            exp = read_text(err_path)
            if exp != act_err:
                failures.append("stderr differs:\n" + diff(exp, act_err, name + ".err"))
        elif compiled and p_err:
            failures.append("unexpected stderr:\n" + act_err)
        if has_out:
            exp = read_text(out_path)
            if cpu_floats and not same_masked(exp, act_out):
                failures.append("stdout differs, decimals masked (# cpu-floats):\n" +
                                diff(mask_decimals(exp), mask_decimals(act_out), name + ".out"))
            elif not cpu_floats and exp != act_out:
                failures.append("stdout differs:\n" + diff(exp, act_out, name + ".out"))
            elif not compiled:
                failures.append("expected the program to compile")
        elif compiled and p_out:
            failures.append("unexpected stdout:\n" + act_out)
        if not compiled and not has_err:
            failures.append("gtorchc failed:\n" + act_err)

        if compiled and has_out and not gtp_only:
            py_out, py_err, py_status = run_python(a.python, casedir, src, tmp, args)
            if (py_out, py_status) != (p_out, p_status):
                failures.append("differential: python3 and the compiled program differ:\n" +
                                diff(render(py_out, py_status, []), render(p_out, p_status, strip),
                                     "stdout", ("python3 ", "gtorchc ")) +
                                ("python3 stderr:\n" + py_err.decode(errors="replace")[-2000:]
                                 if py_err else ""))

        if failures:
            print("FAIL golden/%s" % name)
            for f in failures:
                print(f.rstrip("\n"))
            return 1
        print("ok golden/%s%s%s" % (name, "" if a.via == "build" else " (gtorchc %s)" % a.via,
                                    "" if gtp_only or not has_out else " (and python3 agrees)"))
        return 0


if __name__ == "__main__":
    sys.exit(main())

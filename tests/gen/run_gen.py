#!/usr/bin/python3
"""Differential testing: generated programs, compiled by gtorchc and run by python3.

    run_gen.py --gtorchc PATH [--seed S] [--count N] [--jobs J]
               [--time-limit SECONDS] [--findings DIR] [--size X]
               [--feature NAME]... [--shrink-time SECONDS] [--no-shrink] [--cc CC]
    run_gen.py --gtorchc PATH --replay FILE.gtp    (one program, verbose)
    run_gen.py --gtorchc PATH --shrink FILE.gtp    (shrink its finding)

For each seed from S on, gen.py writes a program; it is compiled with
`gtorchc build -O0`, the executable is run, the same file is run by
/usr/bin/python3, and stdout and exit status must be equal byte for byte.

A program that python3 cannot run, or that exits with an exception, is a
bug of the generator ("invalid"). Otherwise a difference is a finding of
one of these kinds:
  compiler-crash   gtorchc died by a signal
  compiler-hang    gtorchc ran past its time limit
  compile-error    gtorchc reported an error in a valid program
  invalid-c        the C compiler rejected gtorchc's C
  run-crash        the compiled program died by a signal or timed out
  sanitizer        AddressSanitizer, LeakSanitizer or UBSan reported on the
                   compiled program (a gtorchc built with GT_SANITIZE=ON
                   builds programs with the sanitizers)
  output-diff      stdout or exit status differs from python3's
Each finding is kept in DIR/<kind>-<seed>/ (the program, both outputs,
gtorchc's messages) and shrunk, best effort, to DIR/<kind>-<seed>/min.gtp:
statements and whole blocks are removed while the program stays valid
Python and the same kind of difference remains. Findings with the same
signature (kind and normalised first message) are shrunk only the first
few times. DIR/summary.json has the figures. The exit status is 1 when
there was any finding or invalid program.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
import run_case  # noqa: E402

COMPILE_TIMEOUT = 120
RUN_TIMEOUT = 20
SHRINK_PER_SIGNATURE = 2


def run(cmd, cwd, timeout, env=None):
    """(stdout, stderr, status); status is -SIG on a signal and None on a
    timeout: run_case.run, which kills the whole process group (gtorchc's
    cc too)."""
    out, err, status = run_case.run(cmd, cwd, timeout, env)
    return out, err, None if status == run_case.TIMED_OUT else status


def python_env():
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1",
               PYTHONHASHSEED="0", LC_ALL="C.UTF-8")
    env.pop("PYTHONPATH", None)
    return env


class Outcome:
    """What python3 and gtorchc made of one program."""

    def __init__(self):
        self.kind = None          # None (agree), "invalid" or a finding kind
        self.signature = None
        self.py = (b"", b"", 0)
        self.cc = (b"", b"", 0)
        self.exe = (b"", b"", 0)


def normalise(msg):
    """A message without its location, numbers and quoted names, so that one
    bug met in many programs has one signature."""
    msg = re.sub(r"^\S*?:\d+:\d+: ", "", msg)
    msg = re.sub(r"'[^']*'", "'_'", msg)
    msg = re.sub(r"\b\d+\b", "N", msg)
    return msg.strip()[:160]


def first_error(text):
    for line in text.decode(errors="replace").splitlines():
        if "error" in line.lower():
            return line
    lines = text.decode(errors="replace").strip().splitlines()
    return lines[0] if lines else ""


def sanitizer_report(err):
    """The first line of a sanitizer's report in a program's stderr, or None."""
    for line in err.decode(errors="replace").splitlines():
        if "Sanitizer" in line and ("ERROR" in line or "SUMMARY" in line) or \
                re.search(r"\.c:\d+:\d+: runtime error: ", line):
            return normalise(re.sub(r"==\d+==", "", line))
    return None


def classify_compile(status, err):
    """The finding kind of a failed gtorchc build."""
    if status is None:
        return "compiler-hang", "timeout"
    if status < 0:
        return "compiler-crash", "signal %d" % -status
    line = first_error(err)
    # gtorchc's own diagnostics name the .gtp file; the C compiler's name a .c file.
    if re.search(r"\.gtp:\d+:\d+: error", line) or line.startswith("gtorchc: error") \
            and "C compiler" not in line:
        return "compile-error", normalise(line)
    return "invalid-c", normalise(line)


class Tester:
    def __init__(self, a):
        self.a = a
        self.env = python_env()

    def python(self, src, tmp):
        prog = os.path.join(tmp, "prog.py")
        shutil.copyfile(src, prog)
        return run([self.a.python, prog], tmp, RUN_TIMEOUT, self.env)

    def python_ok(self, res):
        out, err, status = res
        return status is not None and status >= 0 and b"Traceback" not in err and b"Error" not in err

    def test(self, source, tmp, want=None):
        """Runs one program; with want (a finding kind and signature), stops
        as soon as the answer to "does it still show this?" is known."""
        o = Outcome()
        src = os.path.join(tmp, "prog.gtp")
        with open(src, "w") as f:
            f.write(source)
        o.py = self.python(src, tmp)
        if not self.python_ok(o.py):
            o.kind = "invalid"
            o.signature = "invalid: " + first_error(o.py[1])[:120]
            return o
        exe = os.path.join(tmp, "prog")
        if want and want[0] == "compile-error":
            o.cc = run([self.a.gtorchc, "check", src], tmp, COMPILE_TIMEOUT)
        else:
            cc = ["--cc", self.a.cc] if self.a.cc else []
            o.cc = run([self.a.gtorchc, "build", src, "-o", exe] + self.a.opt + cc, tmp, COMPILE_TIMEOUT)
        if o.cc[2] != 0:
            o.kind, o.signature = classify_compile(o.cc[2], o.cc[1])
            o.signature = o.kind + ": " + o.signature
            return o
        if want and want[0] in ("compiler-crash", "compiler-hang", "compile-error", "invalid-c"):
            return o
        o.exe = run([exe], tmp, RUN_TIMEOUT)
        status = o.exe[2]
        report = sanitizer_report(o.exe[1])
        if report:
            o.kind, o.signature = "sanitizer", "sanitizer: " + report
        elif status is None or status < 0:
            o.kind = "run-crash"
            o.signature = "run-crash: %s" % ("timeout" if status is None else "signal %d" % -status)
        elif (o.exe[0], status) != (o.py[0], o.py[2]):
            o.kind = "output-diff"
            o.signature = "output-diff"
        return o


def units(lines):
    """Statement units, innermost last: (start, end) line ranges, each a
    line with the lines indented under it."""
    out = []
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        ind = len(line) - len(line.lstrip())
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > ind):
            j += 1
        out.append((i, j))
    return out


def shrink(tester, source, kind, signature, tmp, deadline):
    """Removes statements and blocks while the program still shows the same
    finding; returns the smallest source found before the deadline."""
    lines = source.rstrip("\n").split("\n")
    tries = [0]

    def interesting(cand):
        tries[0] += 1
        o = tester.test("\n".join(cand) + "\n", tmp, want=(kind, signature))
        return o.kind == kind and (o.signature == signature or kind in ("output-diff", "invalid-c"))

    changed = True
    while changed and time.time() < deadline:
        changed = False
        # Large pieces first: runs of top-level units, halving their size.
        top = [u for u in units(lines) if not lines[u[0]].startswith((" ", "\t"))]
        size = max(1, len(top) // 2)
        while size >= 1 and time.time() < deadline:
            i = 0
            top = [u for u in units(lines) if not lines[u[0]].startswith((" ", "\t"))]
            while i < len(top) and time.time() < deadline:
                chunk = top[i:i + size]
                cand = lines[:chunk[0][0]] + lines[chunk[-1][1]:]
                if cand and interesting(cand):
                    lines, changed = cand, True
                    top = [u for u in units(lines) if not lines[u[0]].startswith((" ", "\t"))]
                else:
                    i += size
            size //= 2
        # Then every unit at any depth, replaced by nothing or by `pass`.
        k = 0
        while time.time() < deadline:
            us = units(lines)
            if k >= len(us):
                break
            s, e = us[k]
            ind = lines[s][:len(lines[s]) - len(lines[s].lstrip())]
            for repl in ([], [ind + "pass"]):
                cand = lines[:s] + repl + lines[e:]
                if cand != lines and cand and interesting(cand):
                    lines, changed = cand, True
                    break
            else:
                k += 1
    return "\n".join(lines) + "\n", tries[0]


def save_finding(a, seed, source, o):
    d = os.path.join(a.findings, "%s-%d" % (o.kind, seed))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "prog.gtp"), "w") as f:
        f.write(source)
    for name, data in (("python.out", o.py[0]), ("python.err", o.py[1]), ("gtorchc.out", o.exe[0]),
                       ("gtorchc.err", o.cc[1] + o.exe[1])):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    with open(os.path.join(d, "info.txt"), "w") as f:
        f.write("seed %d\nkind %s\nsignature %s\npython status %s\ngtorchc build status %s\n"
                "program status %s\n" % (seed, o.kind, o.signature, o.py[2], o.cc[2], o.exe[2]))
    return d


class Campaign:
    def __init__(self, a):
        self.a = a
        self.tester = Tester(a)
        self.lock = threading.Lock()
        self.done = 0
        self.kinds = {}
        self.signatures = {}
        self.findings = []
        self.start = time.time()

    def one(self, seed):
        a = self.a
        source = gen.generate(seed, a.size, a.feature)
        with tempfile.TemporaryDirectory(prefix="gtgen-") as tmp:
            o = self.tester.test(source, tmp)
            if o.kind is None:
                with self.lock:
                    self.done += 1
                return
            with self.lock:
                self.done += 1
                self.kinds[o.kind] = self.kinds.get(o.kind, 0) + 1
                n = self.signatures.get(o.signature, 0)
                self.signatures[o.signature] = n + 1
            d = save_finding(a, seed, source, o)
            msg = "finding: seed %d %s -> %s" % (seed, o.signature, d)
            if o.kind != "invalid" and not a.no_shrink and n < SHRINK_PER_SIGNATURE:
                small, tries = shrink(self.tester, source, o.kind, o.signature, tmp,
                                      time.time() + a.shrink_time)
                with open(os.path.join(d, "min.gtp"), "w") as f:
                    f.write(small)
                msg += " (min.gtp: %d lines, %d tries)" % (small.count("\n"), tries)
            with self.lock:
                self.findings.append({"seed": seed, "kind": o.kind, "signature": o.signature, "dir": d})
                print(msg, flush=True)

    def go(self):
        a = self.a
        stop = self.start + a.time_limit if a.time_limit else None
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
            pending = set()
            seed = a.seed
            while seed < a.seed + a.count and (stop is None or time.time() < stop):
                if len(pending) >= 2 * a.jobs:
                    finished, pending = concurrent.futures.wait(
                        pending, return_when=concurrent.futures.FIRST_COMPLETED)
                    for fut in finished:
                        fut.result()
                    self.progress()
                    continue
                pending.add(pool.submit(self.one, seed))
                seed += 1
            for fut in concurrent.futures.as_completed(pending):
                fut.result()
        return self.summary()

    def progress(self):
        if self.a.progress and self.done and self.done % self.a.progress == 0:
            el = time.time() - self.start
            print("%d programs, %.0f s (%.2f s each), findings %s" % (
                self.done, el, el / self.done, self.kinds), flush=True)

    def summary(self):
        el = time.time() - self.start
        s = {"programs": self.done, "seconds": round(el, 1), "first_seed": self.a.seed,
             "seconds_per_program": round(el / max(1, self.done), 3), "kinds": self.kinds,
             "signatures": self.signatures, "findings": self.findings}
        os.makedirs(self.a.findings, exist_ok=True)
        with open(os.path.join(self.a.findings, "summary.json"), "w") as f:
            json.dump(s, f, indent=1)
        print("%d programs in %.0f s (%.2f s each, %d jobs); %d findings, %d distinct signatures" % (
            self.done, el, s["seconds_per_program"], self.a.jobs, len(self.findings), len(self.signatures)))
        for sig, n in sorted(self.signatures.items(), key=lambda kv: -kv[1]):
            print("  %5d  %s" % (n, sig))
        return 1 if self.findings else 0


def shrink_file(a):
    """Shrinks one program file that shows a finding into FILE.min.gtp."""
    with open(a.shrink) as f:
        source = f.read()
    tester = Tester(a)
    with tempfile.TemporaryDirectory(prefix="gtgen-") as tmp:
        o = tester.test(source, tmp)
        if o.kind in (None, "invalid"):
            print("nothing to shrink:", o.signature or "agree")
            return 1
        small, tries = shrink(tester, source, o.kind, o.signature, tmp, time.time() + a.shrink_time)
    out = a.shrink[:-4] + ".min.gtp" if a.shrink.endswith(".gtp") else a.shrink + ".min.gtp"
    with open(out, "w") as f:
        f.write(small)
    print("%s: %s, %d lines after %d tries" % (out, o.signature, small.count("\n"), tries))
    return 0


def replay(a):
    """Runs one program file and shows both outputs."""
    with open(a.replay) as f:
        source = f.read()
    with tempfile.TemporaryDirectory(prefix="gtgen-") as tmp:
        o = Tester(a).test(source, tmp)
        print("verdict:", o.signature or "agree")
        for label, data in (("python3 stdout", o.py[0]), ("python3 stderr", o.py[1]),
                            ("gtorchc stderr", o.cc[1]), ("program stdout", o.exe[0]),
                            ("program stderr", o.exe[1])):
            if data:
                print("---- %s ----" % label)
                print(data.decode(errors="replace")[-3000:])
        print("status: python3 %s, gtorchc %s, program %s" % (o.py[2], o.cc[2], o.exe[2]))
        return 0 if o.kind is None else 1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_gtorchc = os.path.join(here, "..", "..", "build-gen", "stage", "bin", "gtorchc")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gtorchc", default=default_gtorchc, help="the compiler under test")
    ap.add_argument("--python", default="/usr/bin/python3", help="the oracle")
    ap.add_argument("--seed", type=int, default=1, help="the first program's seed")
    ap.add_argument("--count", type=int, default=100, help="how many programs")
    ap.add_argument("--jobs", type=int, default=2, help="programs tested at once")
    ap.add_argument("--time-limit", type=float, default=0, help="start no program after this many seconds")
    ap.add_argument("--findings", default="gen-findings", help="where findings and summary.json go")
    ap.add_argument("--size", type=float, default=1.0, help="scales the programs (gen.py --size)")
    ap.add_argument("--feature", action="append", default=[], choices=sorted(set(gen.FEATURES) | set(gen.STEER_AWAY)),
                    help="put this shape in every program (repeatable)")
    ap.add_argument("--opt", default="-O0", help="gtorchc's optimisation flag")
    ap.add_argument("--cc", help="gtorchc build --cc: the C compiler (tests/gen/cc-gold links faster)")
    ap.add_argument("--shrink-time", type=float, default=120, help="seconds to shrink one finding")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--progress", type=int, default=0, help="print a line every N programs")
    ap.add_argument("--replay", metavar="FILE", help="test this one program and show both outputs")
    ap.add_argument("--shrink", metavar="FILE", help="shrink this program's finding into FILE.min.gtp")
    a = ap.parse_args()
    a.opt = [a.opt] if a.opt else []
    a.gtorchc = os.path.abspath(a.gtorchc)
    if a.cc and os.sep in a.cc:  # programs are built in a temporary directory
        a.cc = os.path.abspath(a.cc)
    if not os.access(a.gtorchc, os.X_OK):
        ap.error("no gtorchc at %s" % a.gtorchc)
    if a.replay:
        return replay(a)
    if a.shrink:
        return shrink_file(a)
    a.findings = os.path.abspath(a.findings)
    return Campaign(a).go()


if __name__ == "__main__":
    sys.exit(main())

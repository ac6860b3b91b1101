#!/usr/bin/python3
"""Memory of a training loop (tests/train/train_loop.gtp), compiled by gtorchc.

    run.py memory GTORCHC   resident memory after step 20,000 is within 2%
                            of that after step 1,000: memory is flat
    run.py leaks GTORCHC    under valgrind, runs of 10 and 30 steps lose
                            nothing and leave the same bytes in use at exit
                            (libtorch's one-time allocations), so no step
                            leaks; tests/runtime/valgrind.supp documents the
                            reports inside libtorch's dependencies
    run.py mnist GTORCHC    examples/mnist.gtp trains one epoch on Debian's
                            Fashion-MNIST to at least 81% test accuracy, then
                            `predict` reloads the weights and agrees
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SUPP = os.path.join(HERE, "..", "runtime", "valgrind.supp")
sys.path.insert(0, os.path.join(HERE, "..", "golden"))
from memcheck_case import SKIP, undecodable_at_load  # noqa: E402  (where valgrind cannot run libtorch's programs)


def build(gtorchc, tmp):
    exe = os.path.join(tmp, "train_loop")
    subprocess.run([gtorchc, "build", os.path.join(HERE, "train_loop.gtp"), "-o", exe], check=True)
    return exe


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def memory(exe):
    p = subprocess.Popen([exe, "20000", "pause"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    seen = {}
    for _ in range(2):
        line = p.stdout.readline().strip()
        if not line.startswith("step "):
            p.kill()
            sys.exit(f"unexpected output: {line!r}")
        seen[int(line.split()[1])] = rss_kb(p.pid)
        p.stdin.write("\n")
        p.stdin.flush()
    print(p.stdout.read().strip())
    if p.wait() != 0:
        sys.exit("the training loop failed")
    first, last = seen[1000], seen[20000]
    print(f"resident memory: {first} kB after step 1,000, {last} kB after step 20,000")
    if abs(last - first) > 0.02 * first:
        sys.exit("memory is not flat: more than 2% apart")


def in_use_at_exit(exe, steps):
    p = subprocess.run(["valgrind", "--error-exitcode=9", "--leak-check=full", "--errors-for-leak-kinds=definite",
                        f"--suppressions={SUPP}", exe, str(steps)], capture_output=True, text=True)
    why = undecodable_at_load(p.stderr) if p.returncode != 0 else None
    if why:
        print("skipped:", why)
        sys.exit(SKIP)
    if p.returncode != 0:
        sys.exit(f"valgrind reports errors or leaks ({p.returncode}):\n{p.stderr[-4000:]}")
    for kind in ("definitely", "indirectly", "possibly"):
        m = re.search(rf"{kind} lost: ([\d,]+) bytes", p.stderr)
        if m and m.group(1) != "0":
            sys.exit(f"{kind} lost: {m.group(1)} bytes after {steps} steps\n{p.stderr[-4000:]}")
    m = re.search(r"in use at exit: ([\d,]+) bytes", p.stderr)
    return m.group(1) if m else "0"


def leaks(exe):
    short, long = in_use_at_exit(exe, 10), in_use_at_exit(exe, 30)
    print(f"in use at exit: {short} bytes after 10 steps, {long} after 30")
    if short != long:
        sys.exit("memory in use at exit grows with the number of steps: a leak")


def mnist(gtorchc, tmp):
    exe = os.path.join(tmp, "mnist")
    subprocess.run([gtorchc, "build", os.path.join(HERE, "..", "..", "examples", "mnist.gtp"), "-o", exe], check=True)
    out = subprocess.run([exe, "train"], cwd=tmp, capture_output=True, text=True, check=True).stdout
    print(out)
    m = re.search(r"test accuracy (\d\.\d+)", out)
    if not m or float(m.group(1)) < 0.81:
        sys.exit("training reached less than 81% test accuracy")
    out2 = subprocess.run([exe, "predict", "/usr/share/datasets/fashion-mnist", "3"], cwd=tmp,
                          capture_output=True, text=True, check=True).stdout
    print(out2)
    if len(re.findall(r"^image \d: predicted \S", out2, re.M)) != 3 or f"test accuracy {m.group(1)}" not in out2:
        sys.exit("predict did not print 3 predictions and the trained accuracy")


def main():
    mode, gtorchc = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "mnist":
            mnist(gtorchc, tmp)
            return
        exe = build(gtorchc, tmp)
        memory(exe) if mode == "memory" else leaks(exe)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""tqdm over a DataLoader (progress.gtp), compiled by gtorchc.

    progress.py GTORCHC PYTHON

- stdout is what python3 with PyTorch and tqdm prints for the same file;
- stderr that is not a terminal gets what tqdm writes there: each loop's
  frames after carriage returns, the empty bar first, and the final state
  (count, percentage, a full bar, n/total, elapsed<remaining, rate, the
  postfix sorted by name) with a newline;
- on a terminal (a pseudo-terminal here) the bar starts at 0%, is redrawn
  in place with carriage returns as the count grows, and ends at 100% with
  a newline.
"""
import os
import pty
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "progress.gtp")
FINAL = re.compile(r"^epoch (\d): 100%\|█{10}\| 10/10 \[00:00<00:00, +[\d.]+it/s, loss=[-\d.e+]+, step=9\]$")


def fail(msg):
    sys.exit("FAIL: " + msg)


def run_text(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, env=env)
    return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode(), p.stderr.decode())


def plain(exe, python):
    # bytes, decoded: text mode would turn tqdm's carriage returns into newlines
    mine = run_text([exe], env=dict(os.environ, LANG="C.UTF-8"))
    theirs = run_text([python, SOURCE])
    if mine.returncode != 0 or theirs.returncode != 0:
        fail(f"exit {mine.returncode} / python3 {theirs.returncode}:\n{mine.stderr}{theirs.stderr}")
    if mine.stdout != theirs.stdout:
        fail(f"stdout differs:\n{mine.stdout}--- python3:\n{theirs.stdout}")
    for who, err in (("gtorchc", mine.stderr), ("tqdm", theirs.stderr)):
        lines = err.split("\n")
        if lines[-1] != "" or len(lines) != 3:
            fail(f"{who}: wanted two lines of frames on stderr, got {err!r}")
        for epoch, line in enumerate(lines[:2]):
            frames = line.split("\r")
            if frames[0] != "" or not frames[1].startswith(f"epoch {epoch}:   0%|          | 0/10 [00:00<?, ?it/s"):
                fail(f"{who}: line {line!r} does not start with the empty bar of epoch {epoch}")
            last = frames[-1].rstrip(" ")
            m = FINAL.match(last)
            if not m or int(m.group(1)) != epoch:
                fail(f"{who}: frame {last!r} is not tqdm's final line for epoch {epoch}")
    # tqdm's own final lines have the same text up to the rate.
    for line in mine.stderr.split("\n")[:2]:
        last = line.split("\r")[-1]
        if last.split("<")[0] not in theirs.stderr:
            fail(f"{last.split('<')[0]!r} not in tqdm's output:\n{theirs.stderr}")


def terminal(exe):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["LANG"] = "C.UTF-8"
        os.execv(exe, [exe])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    text = out.decode()
    if os.waitstatus_to_exitcode(status) != 0:
        fail(f"exit status {status} on a terminal:\n{text}")
    frames = text.split("\r")
    if not frames[1].startswith("epoch 0:   0%|          | 0/10 [00:00<?, ?it/s]"):
        fail(f"the first frame is not an empty bar: {frames[1]!r}")
    counts = [int(m.group(1)) for m in re.finditer(r"\| (\d+)/10 \[", text)]
    if counts != sorted(counts[:len(counts) // 2]) + sorted(counts[len(counts) // 2:]) or 5 not in counts:
        fail(f"the counts do not grow through each loop: {counts}")
    for epoch in range(2):  # the final line (blanks over a longer one) ends with the terminal's \r\n
        if not re.search(rf"epoch {epoch}: 100%\|█{{10}}\| 10/10 [^\r]*\] *\r\n", text):
            fail(f"no final line for epoch {epoch}: {text!r}")


def main():
    gtorchc, python = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "progress")
        subprocess.run([gtorchc, "build", SOURCE, "-o", exe], check=True)
        plain(exe, python)
        terminal(exe)
    print("ok: tqdm's frames off a terminal, redrawn bars on one")


main()

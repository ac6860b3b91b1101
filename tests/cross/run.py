#!/usr/bin/python3
"""Cross-compiling to aarch64-linux-gnu, checked by running under qemu-aarch64.

    run.py runtime STAGE BUILD_DIR   builds the aarch64 runtime with
                                     tools/build-cross into STAGE/lib/aarch64-linux-gnu
                                     (making the arm64 sysroot first if there is none)
    run.py tensor GTORCHC            tensor_autograd.gtp built for the host and
                                     for aarch64: both print the same text
    run.py mnist GTORCHC DATA_DIR    examples/mnist.gtp trains one epoch on the
                                     host; `predict` with those weights prints
                                     the same predictions and accuracy on aarch64

Each says how long its parts took. Without the cross tools (tools/setup
installs them) a test is skipped: exit status 77.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TRIPLE = "aarch64-linux-gnu"
TOOLS = [f"{TRIPLE}-gcc", f"{TRIPLE}-g++", "qemu-aarch64", "mmdebstrap"]
SKIP = 77
EM_AARCH64 = 183


def need_tools():
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        print(f"SKIP: {', '.join(missing)} not installed (tools/setup installs them)")
        sys.exit(SKIP)


def timed(what, argv, **kw):
    start = time.monotonic()
    p = subprocess.run(argv, text=True, capture_output=True, **kw)
    print(f"{what}: {time.monotonic() - start:.1f} s")
    if p.returncode != 0:
        sys.exit(f"{what} failed ({p.returncode}): {' '.join(argv)}\n{p.stdout[-4000:]}{p.stderr[-4000:]}")
    return p.stdout


def sysroot():
    return timed("sysroot", [os.path.join(ROOT, "tools", "make-sysroot")]).strip()


def check_binary(exe, root):
    """An aarch64 executable whose run-time paths are the target's, not this machine's."""
    with open(exe, "rb") as f:
        head = f.read(20)
    if head[:4] != b"\x7fELF" or int.from_bytes(head[18:20], "little") != EM_AARCH64:
        sys.exit(f"{exe} is not an aarch64 executable")
    dyn = subprocess.run(["readelf", "-d", exe], text=True, capture_output=True, check=True).stdout
    if root in dyn:
        sys.exit(f"{exe} names the sysroot {root} in its dynamic section:\n{dyn}")


def build_both(gtorchc, source, tmp, root):
    native, arm = os.path.join(tmp, "native"), os.path.join(tmp, "arm")
    timed("build for the host", [gtorchc, "build", source, "-o", native])
    timed(f"build for {TRIPLE}", [gtorchc, "build", source, "--target", TRIPLE, "--sysroot", root, "-o", arm])
    check_binary(arm, root)
    return native, arm


def same_text(native_out, arm_out):
    print(arm_out)
    if native_out != arm_out:
        diff = difflib.unified_diff(native_out.splitlines(True), arm_out.splitlines(True), "host", TRIPLE)
        sys.exit("the aarch64 run printed something else:\n" + "".join(diff))


def runtime(stage, build_dir):
    need_tools()
    timed("sysroot", [os.path.join(ROOT, "tools", "make-sysroot")])
    timed("aarch64 runtime", [os.path.join(ROOT, "tools", "build-cross"), "--stage", stage, "--build-dir", build_dir])


def tensor(gtorchc):
    need_tools()
    root = sysroot()
    with tempfile.TemporaryDirectory() as tmp:
        native, arm = build_both(gtorchc, os.path.join(HERE, "tensor_autograd.gtp"), tmp, root)
        native_out = timed("run on the host", [native])
        same_text(native_out, timed("run under qemu-aarch64", ["qemu-aarch64", "-L", root, arm]))


def mnist(gtorchc, data):
    need_tools()
    root = sysroot()
    with tempfile.TemporaryDirectory() as tmp:
        native, arm = build_both(gtorchc, os.path.join(ROOT, "examples", "mnist.gtp"), tmp, root)
        print(timed("train one epoch on the host", [native, "train", data, "1"], cwd=tmp))
        native_out = timed("predict on the host", [native, "predict", data, "10"], cwd=tmp)
        arm_out = timed("predict under qemu-aarch64", ["qemu-aarch64", "-L", root, arm, "predict", data, "10"], cwd=tmp)
        same_text(native_out, arm_out)


def main():
    mode = sys.argv[1]
    if mode == "runtime":
        runtime(sys.argv[2], sys.argv[3])
    elif mode == "tensor":
        tensor(sys.argv[2])
    elif mode == "mnist":
        mnist(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()

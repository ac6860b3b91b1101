#!/usr/bin/python3
"""Bad optimizer state files, made by Python at test time, given to a
compiled program and to Python running the same program: a corrupt or
truncated file, dicts that lack 'state' or 'param_groups', another
optimizer's state, more param groups or parameters than the optimizer
has, a tensor, a module's state dict, no file. Each run exits with
status 1 and no signal, and where PyTorch names the error (its last
stderr line) the compiled program names it the same.

    optim_state_errors.py GTORCHC PYTHON
"""
import os
import subprocess
import sys
import tempfile

CASE = '''\
import sys
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
net = nn.Linear(3, 1)
opt = optim.Adam(net.parameters(), lr=0.01)
opt.load_state_dict(torch.load(sys.argv[1]))
net(torch.ones(2, 3)).sum().backward()
opt.step()
print("loaded", net.weight.shape)
'''

# Each bad file: its name, what Python writes into it, and whether the
# last line of stderr must be PyTorch's own.
MAKERS = r'''
import sys, torch, torch.nn as nn, torch.optim as optim
out = sys.argv[1]
torch.manual_seed(0)
net = nn.Linear(3, 1)
adam = optim.Adam(net.parameters(), lr=0.01)
net(torch.ones(2, 3)).sum().backward()
adam.step()
good = adam.state_dict()
torch.save(good, out + "/good.pt")
with open(out + "/good.pt", "rb") as f:
    data = f.read()
with open(out + "/truncated.pt", "wb") as f:
    f.write(data[: len(data) // 2])
with open(out + "/corrupt.pt", "wb") as f:
    f.write(bytes((i * 37 + 11) % 256 for i in range(4000)))
torch.save({"state": {}}, out + "/no_groups.pt")
torch.save({"param_groups": good["param_groups"]}, out + "/no_state.pt")
sgd = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
sgd.step()
torch.save(sgd.state_dict(), out + "/sgd.pt")
two = optim.Adam([net.weight], lr=0.01)
two.add_param_group({"params": [net.bias]})
torch.save(two.state_dict(), out + "/two_groups.pt")
wide = optim.Adam(list(net.parameters()) + [nn.Parameter(torch.zeros(2))], lr=0.01)
torch.save(wide.state_dict(), out + "/three_params.pt")
torch.save(torch.ones(2), out + "/tensor.pt")
torch.save(net.state_dict(), out + "/module.pt")
'''

CASES = [  # file, must the error be PyTorch's own
    ("good.pt", None),
    ("truncated.pt", False),
    ("corrupt.pt", False),
    ("no_groups.pt", True),
    ("no_state.pt", True),
    ("sgd.pt", True),
    ("two_groups.pt", True),
    ("three_params.pt", True),
    ("tensor.pt", False),
    ("module.pt", True),
    ("missing.pt", True),
]


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def last_line(text):
    """Python's error: its traceback's last line; the compiled program's:
    the message of its `FILE:LINE:COL: runtime error: ...` line."""
    lines = [l for l in text.strip().splitlines() if l.strip()]
    for line in lines:
        if ": runtime error: " in line:
            return line.split(": runtime error: ", 1)[1]
    return lines[-1] if lines else ""


def main():
    gtorchc, python = sys.argv[1], sys.argv[2]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        case = os.path.join(tmp, "load_adam.gtp")
        with open(case, "w") as f:
            f.write(CASE)
        exe = os.path.join(tmp, "load_adam")
        status, out, err = run([gtorchc, "build", case, "-o", exe], tmp)
        if status != 0:
            sys.exit(f"gtorchc build failed:\n{out}{err}")
        status, out, err = run([python, "-c", MAKERS, tmp], tmp)
        if status != 0:
            sys.exit(f"making the files failed:\n{out}{err}")
        for name, same_error in CASES:
            py = run([python, case, name], tmp)
            gt = run([exe, name], tmp)
            want = 0 if same_error is None else 1
            if py[0] != want:
                failed.append(f"{name}: python3 exited {py[0]}, expected {want}:\n{py[2][-800:]}")
            if gt[0] != want:
                failed.append(f"{name}: the compiled program exited {gt[0]}, expected {want}:\n{gt[2][-800:]}")
            elif gt[1] != py[1]:
                failed.append(f"{name}: stdout differs:\n--- python3\n{py[1]}--- gtorchc\n{gt[1]}")
            elif same_error and last_line(gt[2]) != last_line(py[2]):
                failed.append(f"{name}: error differs:\n  python3: {last_line(py[2])}\n  gtorchc: {last_line(gt[2])}")
            print(f"{name}: exit {gt[0]}: {last_line(gt[2])}")
    for f in failed:
        print(f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

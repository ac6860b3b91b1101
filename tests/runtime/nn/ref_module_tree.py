"""A tree of modules in PyTorch, for test_nn_tree.c.

Net below is what a .gtp class deriving nn.Module looks like to the runtime:
built-in layers, a Sequential, a ModuleList grown by append, an
nn.Parameter field, a plain tensor field, a BatchNorm (buffers), a nested
user module, an empty Sequential and a second name for a module. The test
builds the same tree in C (same construction order, hence the same random
initialisation) and compares what PyTorch reports here: repr, names and
values of parameters, buffers and state_dict keys, forward and backward,
apply() order, load_state_dict's error texts, to() with an optimizer made
before it, and a state dict saved by torch.save.
"""
import os
import sys

import torch
import torch.nn as nn

from refgen_nn import Header, c_doubles, c_ints, c_string

SEED = 7
OTHER_SEED = 99  # a different initialisation, to load state dicts into


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 3)
        self.gain = nn.Parameter(torch.randn(3))

    def forward(self, x):
        return self.lin(x) * self.gain


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 6)
        self.seq = nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 6))
        self.heads = nn.ModuleList([nn.Linear(6, 3)])
        self.heads.append(nn.Linear(6, 3))
        self.scale = nn.Parameter(torch.randn(3))
        self.offset = torch.randn(3)  # a plain tensor: no parameter, not in state_dict
        self.bn = nn.BatchNorm1d(3)
        self.block = Block()
        self.empty = nn.Sequential()
        self.tied = self.fc1

    def forward(self, x):
        h = self.seq(torch.relu(self.fc1(x)))
        y = self.heads[0](h) + self.heads[1](h)
        return self.block(self.bn(self.empty(y * self.scale + self.offset)))


def make(seed):
    torch.manual_seed(seed)
    return Net()


def tensors(h, cname, items):
    """A `struct tree_tensor` array: name, shape and values of each tensor."""
    rows = []
    for j, (n, t) in enumerate(items):
        h.doubles("%s_%d" % (cname, j), t)
        shape = list(t.shape) + [0] * (4 - t.dim())
        rows.append("{%s, %d, %s, %d, %s_%d}" % (c_string(n), t.dim(), c_ints(shape), t.numel(), cname, j))
    h.add("static const struct tree_tensor %s[] = {%s};" % (cname, ", ".join(rows)))
    h.add("#define %s_LEN %d" % (cname.upper(), len(items)))


def strings(h, cname, items):
    h.add("static const char *const %s[] = {%s};" % (cname, ", ".join(c_string(s) for s in items)))
    h.add("#define %s_LEN %d" % (cname.upper(), len(items)))


def error_text(f, named=False):
    """str(e) of what f raises; named: "Class: str(e)", where the runtime
    names a class other than RuntimeError as gt_fail's prefix does."""
    try:
        f()
    except Exception as e:  # noqa: BLE001 - the text is what the test compares
        return f"{type(e).__name__}: {e}" if named else str(e)
    return None


h = Header(sys.argv[1])
h.add("#include <stdbool.h>")
h.add("struct tree_tensor { const char *name; int64_t ndim; int64_t shape[4]; int64_t numel; const double *v; };")
h.add("struct tree_edit { int op; const char *key; int64_t ndim; int64_t shape[4]; };")
h.add("struct tree_load_case { const char *name; bool strict; int nedits;"
      " const struct tree_edit *edits; const char *error; };")
h.add("#define TREE_SEED %d" % SEED)
h.add("#define TREE_OTHER_SEED %d" % OTHER_SEED)

net = make(SEED)
x = torch.randn(5, 4, generator=torch.Generator().manual_seed(123))
h.tensor("tree_x", x)
h.add("static const char tree_repr[] = %s;" % c_string(repr(net)))
tensors(h, "tree_params", [(n, p.detach().clone()) for n, p in net.named_parameters()])
strings(h, "tree_state_keys", list(net.state_dict().keys()))

# forward in training mode (batch statistics; the running ones move), backward
out = net(x)
(out * out).sum().backward()
h.doubles("tree_out_train", out)
h.add("static const int64_t tree_out_shape[] = %s;" % c_ints(out.shape))
tensors(h, "tree_grads", [(n, p.grad) for n, p in net.named_parameters()])
tensors(h, "tree_buffers", [(n, b.clone()) for n, b in net.named_buffers()])
net.eval()
with torch.no_grad():
    h.doubles("tree_out_eval", net(x))

# A state dict saved by Python, loaded by the test into a Net of another seed.
pt = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "module_tree_state.pt")
torch.save(net.state_dict(), pt)
h.add("#define TREE_STATE_PT %s" % c_string(pt))

order = []
make(SEED).apply(lambda m: order.append(type(m).__name__))
strings(h, "tree_apply_order", order)

# load_state_dict: edits to a state dict (del, zeros of a shape, None), strict
# or not, and Python's error text (NULL: it loads).
CASES = [
    ("clean", True, []),
    ("missing", True, [("del", "fc1.bias", ()), ("del", "bn.running_var", ()), ("del", "block.gain", ())]),
    ("unexpected", True, [("zeros", "extra.weight", (2,)), ("zeros", "seq.3.weight", (1,)),
                          ("zeros", "heads._extra_state", (1,)), ("zeros", "block.lin.w", (1,)),
                          ("zeros", "bn.running_mean.x", (1,))]),
    ("size_mismatch", True, [("zeros", "fc1.bias", (7,)), ("zeros", "scale", (1, 3))]),
    ("all_three", True, [("zeros", "seq.0.weight", (6, 5)), ("del", "heads.1.bias", ()),
                         ("zeros", "other", (1,)), ("none", "block.lin.bias", ())]),
    ("not_strict", False, [("del", "fc1.bias", ()), ("zeros", "extra", (1,))]),
    ("not_strict_size", False, [("del", "fc1.bias", ()), ("zeros", "tied.weight", (6,))]),
]
OPS = {"del": 0, "zeros": 1, "none": 2}
rows = []
for i, (name, strict, edits) in enumerate(CASES):
    sd = dict(make(SEED).state_dict())  # a plain dict, as one loaded or built in C
    for op, key, shape in edits:
        if op == "del":
            del sd[key]
        else:
            sd[key] = torch.zeros(shape) if op == "zeros" else None
    err = error_text(lambda: make(OTHER_SEED).load_state_dict(sd, strict=strict))
    er = ["{%d, %s, %d, %s}" % (OPS[op], c_string(key), len(shape), c_ints(list(shape) + [0] * (4 - len(shape))))
          for op, key, shape in edits]
    h.add("static const struct tree_edit tree_edits_%d[] = {%s};" % (i, ", ".join(er) or "{0, NULL, 0, {0}}"))
    rows.append("  {%s, %s, %d, tree_edits_%d, %s}," % (
        c_string(name), "true" if strict else "false", len(edits), i, c_string(err) if err else "NULL"))
h.add("static const struct tree_load_case tree_load_cases[] = {")
h.lines += rows
h.add("};")

# to(float64) after an optimizer was made: the same parameters step.
net = make(SEED)
opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
net.to(torch.float64)
y = net(x.double())
(y * y).sum().backward()
opt.step()
tensors(h, "tree_params_f64_step", [(n, p.detach().clone()) for n, p in net.named_parameters()])

# Containers: Python's messages.
net = make(SEED)
strings(h, "tree_container_errors", [
    error_text(lambda: net.heads[2]),
    error_text(lambda: net.seq[-4]),
    error_text(lambda: net.heads(x), named=True),
    error_text(lambda: len(net.fc1)),
])
h.write()

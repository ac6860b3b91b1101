"""For test_serialize.c: tensors and state dicts saved by Python's
torch.save (beside the header), and the values they hold.

Run as `ref_serialize.py HEADER` at build time, and as
`ref_serialize.py --check TENSOR.pt STATE.pt` by the test to load with
Python's torch.load the files libgtorch saved.
"""
import collections
import os
import sys

import torch

from refgen import Refs


def values():
    torch.manual_seed(11)
    lin = torch.nn.Linear(3, 2)
    net = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    t = torch.randn(2, 5)
    ints = torch.arange(6, dtype=torch.int64).view(2, 3)
    return lin, net, t, ints


def check(tensor_path, state_path):
    lin, net, t, ints = values()
    got = torch.load(tensor_path)
    assert torch.equal(got, t), "tensor differs"
    sd = torch.load(state_path)
    want = collections.OrderedDict(net.state_dict())
    want["ints"] = ints
    assert list(sd.keys()) == list(want.keys()), "keys %s != %s" % (list(sd.keys()), list(want.keys()))
    for k in want:
        assert torch.equal(sd[k], want[k]), "value of %s differs" % k
    net.load_state_dict({k: v for k, v in sd.items() if k != "ints"})
    print("python torch.load: ok")


if sys.argv[1] == "--check":
    check(sys.argv[2], sys.argv[3])
    sys.exit(0)

out = os.path.dirname(os.path.abspath(sys.argv[1]))
lin, net, t, ints = values()
r = Refs()
r.add("t", t)
r.add("ints", ints)
sd = net.state_dict()
for k, v in sd.items():
    r.add("net_" + k.replace(".", "_"), v)
torch.save(t, os.path.join(out, "py_tensor.pt"))
torch.save(sd, os.path.join(out, "py_state.pt"))
torch.save(lin.state_dict(), os.path.join(out, "py_linear.pt"))
r.add("lin_weight", lin.weight); r.add("lin_bias", lin.bias)
torch.save({"a": t, "b": ints}, os.path.join(out, "py_dict.pt"))
torch.save([t, ints], os.path.join(out, "py_list.pt"))
with open(os.path.join(out, "corrupt.pt"), "wb") as f:
    f.write(b"PK\x03\x04 this is not a checkpoint")
r.write()

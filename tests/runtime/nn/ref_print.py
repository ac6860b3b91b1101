"""PyTorch's printed text of tensors, for test_nn_print.c.

Each case: the raw data of a tensor, what to do with it before printing
(OP_NONE, OP_PARAM: nn.Parameter, OP_RELU: relu of an nn.Parameter,
OP_LINEAR: F.linear of it with itself), and str() of the result.
"""
import math
import sys

import torch
import torch.nn.functional as F

from refgen_nn import DTYPES, Header, c_ints, c_string

torch.manual_seed(0)
inf, nan = math.inf, math.nan

cases = [
    ("floats", torch.tensor([1.0, 2.0, 3.0]), "none"),
    ("randn_3x4", torch.randn(3, 4), "none"),
    ("negatives", torch.tensor([-1.5, 2.25, -3.125, 0.0]), "none"),
    ("large_sci", torch.tensor([1e10, 1.0, 3.5]), "none"),
    ("small_sci", torch.tensor([1e-5, 0.5, -2.0]), "none"),
    ("int_mode_sci", torch.tensor([1.0, 1e9, -3.0]), "none"),
    ("int_mode", torch.tensor([1.0, -20.0, 300.0]), "none"),
    ("int64_arange", torch.arange(10), "none"),
    ("int32", torch.tensor([[1, -2], [300, 4]], dtype=torch.int32), "none"),
    ("int64_big", torch.tensor([2**62, -5, 7]), "none"),
    ("uint8", torch.tensor([0, 255, 7], dtype=torch.uint8), "none"),
    ("int8", torch.tensor([-128, 5], dtype=torch.int8), "none"),
    ("int16", torch.tensor([-3, 5], dtype=torch.int16), "none"),
    ("bool", torch.tensor([True, False, True]), "none"),
    ("bool_2d", torch.tensor([[True], [False]]), "none"),
    ("float64", torch.tensor([1.5, -2.0], dtype=torch.float64), "none"),
    ("float64_rand", torch.rand(2, 3, dtype=torch.float64), "none"),
    ("float16", torch.tensor([0.1, 2.0], dtype=torch.float16), "none"),
    ("bfloat16", torch.tensor([0.1, -2.0], dtype=torch.bfloat16), "none"),
    ("scalar_float", torch.tensor(3.0), "none"),
    ("scalar_frac", torch.tensor(-0.123456), "none"),
    ("scalar_int", torch.tensor(5), "none"),
    ("scalar_bool", torch.tensor(False), "none"),
    ("scalar_f64", torch.tensor(2.5, dtype=torch.float64), "none"),
    ("empty", torch.tensor([]), "none"),
    ("empty_0x3", torch.zeros(0, 3), "none"),
    ("empty_int64", torch.zeros(0, dtype=torch.int64), "none"),
    ("empty_int32_2d", torch.zeros(2, 0, dtype=torch.int32), "none"),
    ("empty_f64", torch.zeros(0, dtype=torch.float64), "none"),
    ("nan_inf", torch.tensor([nan, inf, -inf, 1.5, -nan]), "none"),
    ("nan_inf_int_mode", torch.tensor([nan, 2.0, -inf]), "none"),
    ("all_nan", torch.tensor([nan, nan]), "none"),
    ("zeros", torch.zeros(2, 2), "none"),
    ("neg_zero", torch.tensor([-0.0, 1.0]), "none"),
    ("randn_2x3x4", torch.randn(2, 3, 4), "none"),
    ("randn_4d", torch.randn(2, 2, 2, 3), "none"),
    ("wide_vector", torch.randn(30), "none"),
    ("wide_sci_vector", torch.randn(20) * 1e6, "none"),
    ("wide_matrix", torch.randn(3, 15) * 100, "none"),
    ("summarised_vector", torch.arange(2000.0), "none"),
    ("summarised_int", torch.arange(5000), "none"),
    ("summarised_matrix", torch.randn(100, 100), "none"),
    ("summarised_3d", torch.randn(20, 30, 40), "none"),
    ("summarised_small_rows", torch.randn(1001, 1), "none"),
    ("summarised_f64", torch.randn(50, 50, dtype=torch.float64) * 1e-6, "none"),
    ("complex", torch.tensor([1 + 2j, -3.5 - 0.25j]), "none"),
    ("complex128", torch.tensor([1j, 2.0], dtype=torch.complex128), "none"),
    ("param", torch.randn(2, 3), "param"),
    ("param_scalar", torch.tensor(1.5), "param"),
    ("relu_grad_fn", torch.randn(2, 3), "relu"),
    ("linear_grad_fn", torch.randn(2, 2, dtype=torch.float64), "linear"),
    ("long_line_suffix", torch.randn(7, dtype=torch.float64) * 1000, "relu"),
    ("param_empty", torch.zeros(0, 2), "param"),
    ("huge_summarised", torch.empty(3000, 1000, dtype=torch.float64), "arange7"),
]

# set_printoptions(**options) before printing (reset to the defaults after)
OPTION_CASES = [
    ("opt_precision", torch.tensor([1.123456, -2.0, 3.5]), dict(precision=2)),
    ("opt_threshold_edgeitems", torch.arange(10), dict(threshold=5, edgeitems=2)),
    ("opt_threshold_2d", torch.randn(5, 6), dict(threshold=20, edgeitems=1)),
    ("opt_linewidth", torch.randn(12), dict(linewidth=30)),
    ("opt_sci_on", torch.tensor([1.0, 2.5]), dict(sci_mode=True)),
    ("opt_sci_off", torch.tensor([1e-8, 1.0]), dict(sci_mode=False)),
    ("opt_profile_short", torch.randn(2, 7), dict(profile="short")),
    ("opt_profile_full", torch.arange(1100), dict(profile="full")),
]


def apply(t, op):
    if op == "none":
        return t
    if op == "arange7":  # built in C too: too big for the header
        return torch.arange(t.numel(), dtype=t.dtype).reshape(t.shape) / 7
    p = torch.nn.Parameter(t.clone())
    if op == "param":
        return p
    if op == "relu":
        return F.relu(p)
    if op == "linear":
        return F.linear(p, p)
    raise ValueError(op)


def printed(t, op, options):
    torch.set_printoptions(**options)
    text = str(apply(t, op))
    torch.set_printoptions(profile="default")
    return text


def c_options(o):
    sci = {None: -1, False: 0, True: 1}[o.get("sci_mode")]
    threshold = o.get("threshold", -1)
    return "%d, %s, %d, %d, %s, %d" % (
        o.get("precision", -1), "INFINITY" if threshold == math.inf else repr(float(threshold)),
        o.get("edgeitems", -1), o.get("linewidth", -1),
        c_string(o["profile"]) if "profile" in o else "NULL", sci)


all_cases = [(n, t, op, {}) for n, t, op in cases] + [(n, t, "none", o) for n, t, o in OPTION_CASES]
h = Header(sys.argv[1])
h.add("#include <math.h>")
h.add("struct print_case { const char *name; int dtype; int64_t ndim; const int64_t *shape;")
h.add("  const uint8_t *data; const char *op; const char *expected;")
h.add("  int64_t precision; double threshold; int64_t edgeitems; int64_t linewidth;")
h.add("  const char *profile; int sci_mode; };")
for i, (name, t, op, o) in enumerate(all_cases):
    # arange7's data is made in C (too big for a header): only its shape here
    h.tensor("c%d" % i, t if op != "arange7" else torch.empty(0))
    h.add("static const int64_t c%d_dims[] = %s;" % (i, c_ints(t.shape)))
h.add("static const struct print_case print_cases[] = {")
for i, (name, t, op, o) in enumerate(all_cases):
    h.add("  {%s, %d, %d, c%d_dims, c%d_data, %s, %s, %s}," % (
        c_string(name), DTYPES[t.dtype], t.dim(), i, i, c_string(op), c_string(printed(t, op, o)),
        c_options(o)))
h.add("};")
h.write()

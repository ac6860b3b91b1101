"""PyTorch's printed text of tensors, for test_nn_print.c.

Each case: the raw data of a tensor, what to do with it before printing
(OP_NONE, OP_PARAM: nn.Parameter, OP_RELU: relu of an nn.Parameter,
OP_LINEAR: F.linear of it with itself), and str() of the result.
"""
import math
import sys

import torch
import torch.nn.functional as F

from refgen_nn import DTYPES, Header, c_string

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
]


def apply(t, op):
    if op == "none":
        return t
    p = torch.nn.Parameter(t.clone())
    if op == "param":
        return p
    if op == "relu":
        return F.relu(p)
    if op == "linear":
        return F.linear(p, p)
    raise ValueError(op)


h = Header(sys.argv[1])
h.add("struct print_case { const char *name; int dtype; int64_t ndim; const int64_t *shape;")
h.add("  const uint8_t *data; const char *op; const char *expected; };")
for i, (name, t, op) in enumerate(cases):
    h.tensor("c%d" % i, t)
h.add("static const struct print_case print_cases[] = {")
for i, (name, t, op) in enumerate(cases):
    h.add("  {%s, %d, %d, c%d_shape, c%d_data, %s, %s}," % (
        c_string(name), DTYPES[t.dtype], t.dim(), i, i, c_string(op), c_string(str(apply(t, op)))))
h.add("};")
h.write()

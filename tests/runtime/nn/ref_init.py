"""torch.nn.init in PyTorch, for test_nn_init.c: with the same seed, each
init function fills a tensor of the given shape with the same numbers.
Error cases hold Python's message."""
import math
import sys

import torch
import torch.nn as nn

from refgen_nn import Header, c_ints, c_string

# name, shape, Python call on t, C call on t
CASES = [
    ("uniform", (3, 4), "nn.init.uniform_(t, -0.5, 2.0)", "gt_nn_init_uniform_(t, -0.5, 2.0)"),
    ("normal", (3, 4), "nn.init.normal_(t, 1.0, 0.1)", "gt_nn_init_normal_(t, 1.0, 0.1)"),
    ("constant", (2, 2), "nn.init.constant_(t, 0.3)", "gt_nn_init_constant_(t, 0.3)"),
    ("zeros", (2, 3), "nn.init.zeros_(t)", "gt_nn_init_zeros_(t)"),
    ("ones", (2, 3), "nn.init.ones_(t)", "gt_nn_init_ones_(t)"),
    ("xavier_uniform", (5, 3), "nn.init.xavier_uniform_(t)", "gt_nn_init_xavier_uniform_(t, 1.0)"),
    ("xavier_uniform_gain", (4, 3, 2, 2), "nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain('relu'))",
     'gt_nn_init_xavier_uniform_(t, gt_nn_init_calculate_gain("relu", GT_NONE_FLOAT))'),
    ("xavier_normal", (6, 2), "nn.init.xavier_normal_(t, gain=0.5)", "gt_nn_init_xavier_normal_(t, 0.5)"),
    ("kaiming_uniform", (4, 5), "nn.init.kaiming_uniform_(t)",
     'gt_nn_init_kaiming_uniform_(t, 0, "fan_in", "leaky_relu")'),
    ("kaiming_uniform_a", (3, 2, 3), "nn.init.kaiming_uniform_(t, a=math.sqrt(5))",
     'gt_nn_init_kaiming_uniform_(t, sqrt(5.0), "fan_in", "leaky_relu")'),
    ("kaiming_normal", (4, 5), "nn.init.kaiming_normal_(t, mode='fan_out', nonlinearity='relu')",
     'gt_nn_init_kaiming_normal_(t, 0, "fan_out", "relu")'),
    ("kaiming_normal_tanh", (3, 3, 2), "nn.init.kaiming_normal_(t, nonlinearity='tanh')",
     'gt_nn_init_kaiming_normal_(t, 0, "fan_in", "tanh")'),
]

ERRORS = [
    ("xavier_1d", (5,), "nn.init.xavier_uniform_(t)", "gt_nn_init_xavier_uniform_(t, 1.0)"),
    ("kaiming_mode", (3, 3), "nn.init.kaiming_uniform_(t, mode='fan_avg')",
     'gt_nn_init_kaiming_uniform_(t, 0, "fan_avg", "leaky_relu")'),
    ("kaiming_nonlinearity", (3, 3), "nn.init.kaiming_normal_(t, nonlinearity='swish')",
     'gt_nn_init_kaiming_normal_(t, 0, "fan_in", "swish")'),
]

GAINS = [("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
         ("leaky_relu", None), ("leaky_relu", 0.2), ("selu", None)]

h = Header(sys.argv[1])
h.add("struct icase { const char *name; int64_t seed; int64_t ndim; const int64_t *shape;")
h.add("  int (*call)(gt_tensor *t); const double *want; const char *error; };")
rows = []
for i, (name, shape, py, c) in enumerate(CASES + ERRORS):
    seed = 4000 + i
    torch.manual_seed(seed)
    t = torch.empty(shape)
    p = "i%d" % i
    h.add("static const int64_t %s_shape[] = %s;" % (p, c_ints(shape)))
    h.add("static int %s_call(gt_tensor *t) { return %s; }" % (p, c))
    if i < len(CASES):
        eval(py)
        h.doubles(p + "_want", t)
        rows.append("  {%s, %d, %d, %s_shape, %s_call, %s_want, NULL}," % (c_string(name), seed, len(shape), p, p, p))
    else:
        try:
            eval(py)
            raise SystemExit(name + ": PyTorch raised nothing")
        except ValueError as e:
            rows.append("  {%s, %d, %d, %s_shape, %s_call, NULL, %s}," % (
                c_string(name), seed, len(shape), p, p, c_string(str(e))))
h.add("static const struct icase icases[] = {")
h.lines += rows
h.add("};")
h.add("struct gain { const char *nonlinearity; double param; double want; };")
h.add("static const struct gain gains[] = {")
for n, prm in GAINS:
    h.add("  {%s, %s, %r}," % (c_string(n), "GT_NONE_FLOAT" if prm is None else repr(prm),
                              nn.init.calculate_gain(n, prm)))
h.add("};")
h.write()

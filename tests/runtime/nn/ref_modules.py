"""nn modules in PyTorch, for test_nn_modules.c.

For each case, with the same seed: the module's repr, its initial named
parameters, its output on a given input, the gradients of (y * y).sum()
(plus h_n and c_n for RNNs) with respect to the parameters and the input,
and its buffers after the forward pass. The C expression that builds the
same module in libgtorch sits beside the Python one.
"""
import sys

import torch
import torch.nn as nn

from refgen_nn import DTYPES, Header, c_ints, c_string

# name, Python module, C constructor, input shape (or an int tensor), flags
CASES = [
    ("linear", "nn.Linear(4, 3)", "gt_nn_Linear(4, 3, true)", (2, 4), ""),
    ("linear_nobias", "nn.Linear(5, 2, bias=False)", "gt_nn_Linear(5, 2, false)", (3, 5), ""),
    ("linear_f64", "nn.Linear(3, 2)", "gt_nn_Linear(3, 2, true)", (2, 3), "double"),
    ("conv1d", "nn.Conv1d(2, 4, 3, stride=2, padding=1)",
     'gt_nn_Conv1d(2, 4, 3, 2, 1, 1, 1, true, "zeros")', (2, 2, 9), ""),
    ("conv2d", "nn.Conv2d(3, 4, 3, padding=1)",
     'gt_nn_Conv2d(3, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, true, "zeros")', (2, 3, 6, 6), ""),
    ("conv2d_reflect_groups",
     "nn.Conv2d(4, 4, (3, 2), stride=(2, 1), padding=1, groups=2, bias=False, padding_mode='reflect')",
     'gt_nn_Conv2d(4, 4, 3, 2, 2, 1, 1, 1, 1, 1, 2, false, "reflect")', (1, 4, 7, 5), ""),
    ("conv2d_same", "nn.Conv2d(2, 3, 3, padding='same', dilation=2)",
     'gt_nn_Conv2d(2, 3, 3, 3, 1, 1, GT_PADDING_SAME, GT_PADDING_SAME, 2, 2, 1, true, "zeros")',
     (1, 2, 8, 8), ""),
    ("conv_transpose2d", "nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1)",
     "gt_nn_ConvTranspose2d(3, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, true, 1, 1)", (2, 3, 4, 4), ""),
    ("batchnorm1d", "nn.BatchNorm1d(3)", "gt_nn_BatchNorm1d(3, 1e-5, 0.1, true, true)", (4, 3), ""),
    ("batchnorm2d_cma", "nn.BatchNorm2d(3, momentum=None)",
     "gt_nn_BatchNorm2d(3, 1e-5, GT_NONE_FLOAT, true, true)", (2, 3, 4, 4), ""),
    ("batchnorm2d_eval", "nn.BatchNorm2d(2, eps=1e-3, affine=False)",
     "gt_nn_BatchNorm2d(2, 1e-3, 0.1, false, true)", (2, 2, 3, 3), "eval"),
    ("layernorm", "nn.LayerNorm([3, 4])",
     "gt_nn_LayerNorm((const int64_t[]){3, 4}, 2, 1e-5, true)", (2, 3, 4), ""),
    ("dropout", "nn.Dropout(0.3)", "gt_nn_Dropout(0.3, false)", (4, 5), ""),
    ("dropout_eval", "nn.Dropout()", "gt_nn_Dropout(0.5, false)", (4, 5), "eval"),
    ("embedding", "nn.Embedding(10, 3, padding_idx=0)",
     "gt_nn_Embedding(10, 3, 0, GT_NONE_FLOAT, 2.0, false, false)",
     torch.tensor([[1, 2, 0], [4, 9, 2]]), ""),
    ("embedding_max_norm", "nn.Embedding(6, 4, max_norm=1.0)",
     "gt_nn_Embedding(6, 4, GT_NONE_INT, 1.0, 2.0, false, false)", torch.tensor([5, 1, 1]), ""),
    ("lstm", "nn.LSTM(3, 4, num_layers=2)", "gt_nn_LSTM(3, 4, 2, true, false, 0.0, false)",
     (5, 2, 3), "lstm"),
    ("lstm_bi_batch_first", "nn.LSTM(3, 2, batch_first=True, bidirectional=True)",
     "gt_nn_LSTM(3, 2, 1, true, true, 0.0, true)", (2, 4, 3), "lstm"),
    ("lstm_unbatched", "nn.LSTM(3, 2)", "gt_nn_LSTM(3, 2, 1, true, false, 0.0, false)",
     (4, 3), "lstm"),
    ("gru_unbatched_batch_first", "nn.GRU(2, 3, batch_first=True)",
     "gt_nn_GRU(2, 3, 1, true, true, 0.0, false)", (4, 2), "gru"),
    ("gru", "nn.GRU(3, 4)", "gt_nn_GRU(3, 4, 1, true, false, 0.0, false)", (5, 2, 3), "gru"),
    ("gru_nobias_2l", "nn.GRU(2, 3, num_layers=2, bias=False)",
     "gt_nn_GRU(2, 3, 2, false, false, 0.0, false)", (4, 1, 2), "gru"),
    ("relu", "nn.ReLU()", "gt_nn_ReLU(false)", (3, 4), ""),
    ("leaky_relu", "nn.LeakyReLU(0.2)", "gt_nn_LeakyReLU(0.2, false)", (3, 4), ""),
    ("elu", "nn.ELU()", "gt_nn_ELU(1.0, false)", (3, 4), ""),
    ("gelu_tanh", "nn.GELU(approximate='tanh')", 'gt_nn_GELU("tanh")', (3, 4), ""),
    ("silu", "nn.SiLU()", "gt_nn_SiLU(false)", (3, 4), ""),
    ("tanh", "nn.Tanh()", "gt_nn_Tanh()", (3, 4), ""),
    ("sigmoid", "nn.Sigmoid()", "gt_nn_Sigmoid()", (3, 4), ""),
    ("softmax", "nn.Softmax(dim=1)", "gt_nn_Softmax(1)", (3, 4), ""),
    ("log_softmax", "nn.LogSoftmax(dim=0)", "gt_nn_LogSoftmax(0)", (3, 4), ""),
    ("flatten", "nn.Flatten()", "gt_nn_Flatten(1, -1)", (2, 3, 2), ""),
    ("identity", "nn.Identity()", "gt_nn_Identity()", (2, 2), ""),
    ("max_pool2d", "nn.MaxPool2d(2)", "gt_nn_MaxPool2d(2, 2, GT_NONE_INT, GT_NONE_INT, 0, 0, 1, 1, false)",
     (1, 2, 4, 6), ""),
    ("avg_pool2d", "nn.AvgPool2d(3, stride=2, padding=1)",
     "gt_nn_AvgPool2d(3, 3, 2, 2, 1, 1, false, true, GT_NONE_INT)", (1, 2, 5, 5), ""),
    ("adaptive_avg_pool2d", "nn.AdaptiveAvgPool2d((2, 3))", "gt_nn_AdaptiveAvgPool2d(2, 3)",
     (1, 2, 5, 7), ""),
]


def named(h, prefix, items):
    """A `struct named` array: name, numel and values of each tensor (or NULL)."""
    rows = []
    for j, (n, t) in enumerate(items):
        if t is None:
            rows.append("{%s, 0, NULL}" % c_string(n))
            continue
        h.doubles("%s_%d" % (prefix, j), t)
        rows.append("{%s, %d, %s_%d}" % (c_string(n), t.numel(), prefix, j))
    h.add("static const struct named %s[] = {%s};" % (prefix, ", ".join(rows) or "{NULL, 0, NULL}"))


h = Header(sys.argv[1])
h.add("struct named { const char *name; int64_t numel; const double *v; };")
h.add("struct mod_case { const char *name; int64_t seed; gt_module *(*make)(void); const char *flags;")
h.add("  int in_dtype; int64_t in_ndim; const int64_t *in_shape; const uint8_t *in_data;")
h.add("  const char *repr; int64_t nparams; const struct named *params, *grads;")
h.add("  int64_t nbuffers; const struct named *buffers;")
h.add("  int64_t out_ndim; const int64_t *out_shape; const double *out;")
h.add("  const double *h_n, *c_n; const double *in_grad; };")
rows = []
for i, (name, py, c, inp, flags) in enumerate(CASES):
    seed = 1000 + i
    g = torch.Generator().manual_seed(seed)  # inputs come from their own generator
    x = inp if isinstance(inp, torch.Tensor) else torch.randn(inp, generator=g)
    if "double" in flags:
        x = x.double()
    torch.manual_seed(seed)
    m = eval(py)
    if "double" in flags:
        m = m.to(torch.float64)
    if "eval" in flags:
        m.eval()
    params0 = [(n, p.detach().clone()) for n, p in m.named_parameters()]
    if x.is_floating_point():
        x.requires_grad_(True)
    hn = cn = None
    if "lstm" in flags:
        y, (hn, cn) = m(x)
        loss = (y * y).sum() + (hn * hn).sum() + (cn * cn).sum()
    elif "gru" in flags:
        y, hn = m(x)
        loss = (y * y).sum() + (hn * hn).sum()
    else:
        y = m(x)
        loss = (y * y).sum()
    loss.backward()
    p = "m%d" % i
    h.add("static gt_module *%s_make(void) { return %s; }" % (p, c))
    h.tensor(p + "_in", x)
    named(h, p + "_params", params0)
    named(h, p + "_grads", [(n, q.grad) for n, q in m.named_parameters()])
    named(h, p + "_buffers", list(m.named_buffers()))
    h.doubles(p + "_out", y)
    h.add("static const int64_t %s_out_shape[] = %s;" % (p, c_ints(y.shape)))
    for nm, t in (("h_n", hn), ("c_n", cn), ("in_grad", x.grad)):
        if t is not None:
            h.doubles("%s_%s" % (p, nm), t)
    ref = lambda nm, t: "%s_%s" % (p, nm) if t is not None else "NULL"
    rows.append(
        "  {%s, %d, %s_make, %s, %d, %d, %s_in_shape, %s_in_data, %s, %d, %s_params, %s_grads, "
        "%d, %s_buffers, %d, %s_out_shape, %s_out, %s, %s, %s}," % (
            c_string(name), seed, p, c_string(flags), DTYPES[x.dtype], x.dim(), p, p,
            c_string(repr(m)), len(params0), p, p, len(list(m.buffers())), p, y.dim(), p, p,
            ref("h_n", hn), ref("c_n", cn), ref("in_grad", x.grad)))
h.add("static const struct mod_case mod_cases[] = {")
h.lines += rows
h.add("};")
h.write()

"""torch.nn.functional in PyTorch, for test_nn_functional.c.

Each case names its inputs (made from their own seeded generator, so the
global RNG is free for dropout), the Python call and the libgtorch call
(in[0], in[1], ... are the inputs). The header holds the inputs, the
output, and the gradients of (y * y).sum() with respect to the float inputs
that require grad. Error cases hold Python's message for the same mistake.
"""
import sys
import warnings

import torch
import torch.nn.functional as F

from refgen_nn import DTYPES, Header, c_ints, c_string


def randn(*s):
    return ("randn", s, True)


def const(*s):  # float input without grad (running stats, masks)
    return ("rand", s, False)


def prob(*s):
    return ("rand", s, True)


def target_prob(*s):
    return ("rand", s, False)


def const_n(*s):  # normal, without grad (for in-place ops on leaves)
    return ("randn", s, False)


def literal(values):
    return ("tensor", values, False)


def ints(high, *s):
    return ("randint", (high, s), False)


def logp(*s):
    return ("logp", s, True)


CASES = [
    ("linear", [randn(2, 4), randn(3, 4), randn(3)], "F.linear(a, b, c)", "gt_F_linear(in[0], in[1], in[2])"),
    ("linear_nobias", [randn(5, 4), randn(2, 4)], "F.linear(a, b)", "gt_F_linear(in[0], in[1], NULL)"),
    ("conv1d", [randn(2, 2, 8), randn(4, 1, 3), randn(4)], "F.conv1d(a, b, c, stride=2, padding=1, groups=2)",
     "gt_F_conv1d(in[0], in[1], in[2], 2, 1, 1, 2)"),
    ("conv1d_same", [randn(1, 2, 7), randn(3, 2, 3)], "F.conv1d(a, b, padding='same')",
     "gt_F_conv1d(in[0], in[1], NULL, 1, GT_PADDING_SAME, 1, 1)"),
    ("conv2d", [randn(2, 3, 5, 6), randn(4, 3, 3, 2), randn(4)],
     "F.conv2d(a, b, c, stride=(2, 1), padding=(1, 0), dilation=(1, 2))",
     "gt_F_conv2d(in[0], in[1], in[2], 2, 1, 1, 0, 1, 2, 1)"),
    ("conv2d_same", [randn(1, 2, 6, 6), randn(2, 2, 3, 3)], "F.conv2d(a, b, padding='same')",
     "gt_F_conv2d(in[0], in[1], NULL, 1, 1, GT_PADDING_SAME, GT_PADDING_SAME, 1, 1, 1)"),
    ("conv_transpose2d", [randn(2, 3, 4, 4), randn(3, 2, 3, 3), randn(2)],
     "F.conv_transpose2d(a, b, c, stride=2, padding=1, output_padding=1)",
     "gt_F_conv_transpose2d(in[0], in[1], in[2], 2, 2, 1, 1, 1, 1, 1, 1, 1)"),
    ("max_pool2d", [randn(1, 2, 5, 6)], "F.max_pool2d(a, 2)",
     "gt_F_max_pool2d(in[0], 2, 2, GT_NONE_INT, GT_NONE_INT, 0, 0, 1, 1, false)"),
    ("max_pool2d_ceil", [randn(1, 1, 5, 5)], "F.max_pool2d(a, 3, stride=2, padding=1, ceil_mode=True)",
     "gt_F_max_pool2d(in[0], 3, 3, 2, 2, 1, 1, 1, 1, true)"),
    ("avg_pool2d", [randn(2, 2, 6, 5)], "F.avg_pool2d(a, (2, 3), padding=1, count_include_pad=False)",
     "gt_F_avg_pool2d(in[0], 2, 3, GT_NONE_INT, GT_NONE_INT, 1, 1, false, false, GT_NONE_INT)"),
    ("avg_pool2d_div", [randn(1, 1, 4, 4)], "F.avg_pool2d(a, 2, divisor_override=3)",
     "gt_F_avg_pool2d(in[0], 2, 2, GT_NONE_INT, GT_NONE_INT, 0, 0, false, true, 3)"),
    ("adaptive_avg_pool2d", [randn(2, 3, 7, 5)], "F.adaptive_avg_pool2d(a, (3, 2))",
     "gt_F_adaptive_avg_pool2d(in[0], 3, 2)"),
    ("batch_norm_train", [randn(4, 3, 2), const(3), const(3), randn(3), randn(3)],
     "F.batch_norm(a, b, c, d, e, training=True, momentum=0.2)",
     "gt_F_batch_norm(in[0], in[1], in[2], in[3], in[4], true, 0.2, 1e-5)"),
    ("batch_norm_eval", [randn(4, 3), const(3), const(3)], "F.batch_norm(a, b, c)",
     "gt_F_batch_norm(in[0], in[1], in[2], NULL, NULL, false, 0.1, 1e-5)"),
    ("layer_norm", [randn(2, 3, 4), randn(3, 4), randn(3, 4)], "F.layer_norm(a, (3, 4), b, c, eps=1e-3)",
     "gt_F_layer_norm(in[0], (const int64_t[]){3, 4}, 2, in[1], in[2], 1e-3)"),
    ("group_norm", [randn(2, 6, 3), randn(6), randn(6)], "F.group_norm(a, 3, b, c)",
     "gt_F_group_norm(in[0], 3, in[1], in[2], 1e-5)"),
    ("dropout", [randn(5, 6)], "F.dropout(a, 0.4)", "gt_F_dropout(in[0], 0.4, true, false)"),
    ("dropout_eval", [randn(5, 6)], "F.dropout(a, 0.4, training=False)", "gt_F_dropout(in[0], 0.4, false, false)"),
    ("embedding", [ints(5, 2, 3), randn(5, 2)], "F.embedding(a, b, padding_idx=-1)",
     "gt_F_embedding(in[0], in[1], -1, GT_NONE_FLOAT, 2.0, false, false)"),
    ("relu", [randn(3, 4)], "F.relu(a)", "gt_F_relu(in[0], false)"),
    ("relu_inplace", [const_n(3, 4)], "F.relu(a, inplace=True)", "gt_F_relu(in[0], true)"),
    ("leaky_relu", [randn(3, 4)], "F.leaky_relu(a, 0.1)", "gt_F_leaky_relu(in[0], 0.1, false)"),
    ("elu", [randn(3, 4)], "F.elu(a, alpha=0.5)", "gt_F_elu(in[0], 0.5, false)"),
    ("gelu", [randn(3, 4)], "F.gelu(a)", 'gt_F_gelu(in[0], "none")'),
    ("gelu_tanh", [randn(3, 4)], "F.gelu(a, approximate='tanh')", 'gt_F_gelu(in[0], "tanh")'),
    ("silu", [randn(3, 4)], "F.silu(a)", "gt_F_silu(in[0], false)"),
    ("tanh", [randn(3, 4)], "torch.tanh(a)", "gt_F_tanh(in[0])"),
    ("sigmoid", [randn(3, 4)], "torch.sigmoid(a)", "gt_F_sigmoid(in[0])"),
    ("softmax", [randn(3, 4)], "F.softmax(a, dim=1)", "gt_F_softmax(in[0], 1, GT_DTYPE_DEFAULT)"),
    ("softmax_f64", [randn(3, 4)], "F.softmax(a, dim=0, dtype=torch.float64)", "gt_F_softmax(in[0], 0, GT_FLOAT64)"),
    ("softmax_implicit_3d", [randn(2, 3, 4)], "F.softmax(a, dim=None)", "gt_F_softmax(in[0], GT_NONE_INT, GT_DTYPE_DEFAULT)"),
    ("log_softmax", [randn(3, 4)], "F.log_softmax(a, dim=-1)", "gt_F_log_softmax(in[0], -1, GT_DTYPE_DEFAULT)"),
    ("pad_constant", [randn(2, 3)], "F.pad(a, (1, 2, 0, 1), value=0.5)",
     'gt_F_pad(in[0], (const int64_t[]){1, 2, 0, 1}, 4, "constant", 0.5)'),
    ("pad_reflect", [randn(1, 2, 4)], "F.pad(a, (2, 1), mode='reflect')",
     'gt_F_pad(in[0], (const int64_t[]){2, 1}, 2, "reflect", GT_NONE_FLOAT)'),
    ("pad_replicate", [randn(1, 1, 3, 3)], "F.pad(a, (1, 1, 2, 0), mode='replicate')",
     'gt_F_pad(in[0], (const int64_t[]){1, 1, 2, 0}, 4, "replicate", GT_NONE_FLOAT)'),
    ("interpolate_nearest", [randn(1, 2, 3, 3)], "F.interpolate(a, scale_factor=2)",
     'gt_F_interpolate(in[0], NULL, 0, (const double[]){2, 2}, 2, "nearest", -1, -1, false)'),
    ("interpolate_bilinear", [randn(1, 2, 3, 4)], "F.interpolate(a, size=(5, 7), mode='bilinear')",
     'gt_F_interpolate(in[0], (const int64_t[]){5, 7}, 2, NULL, 0, "bilinear", -1, -1, false)'),
    ("interpolate_bilinear_ac", [randn(1, 1, 3, 3)],
     "F.interpolate(a, scale_factor=1.5, mode='bilinear', align_corners=True)",
     'gt_F_interpolate(in[0], NULL, 0, (const double[]){1.5, 1.5}, 2, "bilinear", 1, -1, false)'),
    ("interpolate_linear", [randn(2, 2, 5)], "F.interpolate(a, size=8, mode='linear')",
     'gt_F_interpolate(in[0], (const int64_t[]){8}, 1, NULL, 0, "linear", -1, -1, false)'),
    ("interpolate_area", [randn(1, 2, 6, 5)], "F.interpolate(a, scale_factor=0.5, mode='area')",
     'gt_F_interpolate(in[0], NULL, 0, (const double[]){0.5}, 1, "area", -1, -1, false)'),
    ("interpolate_bicubic_aa", [randn(1, 1, 6, 6)],
     "F.interpolate(a, size=4, mode='bicubic', antialias=True)",
     'gt_F_interpolate(in[0], (const int64_t[]){4}, 1, NULL, 0, "bicubic", -1, -1, true)'),
    ("interpolate_recompute", [randn(1, 1, 5)],
     "F.interpolate(a, scale_factor=1.7, mode='linear', recompute_scale_factor=True)",
     'gt_F_interpolate(in[0], NULL, 0, (const double[]){1.7}, 1, "linear", -1, 1, false)'),
    # losses
    ("nll_loss", [logp(4, 5), ints(5, 4)], "F.nll_loss(a, b)", 'gt_F_nll_loss(in[0], in[1], NULL, -100, "mean")'),
    ("nll_loss_weight_ignore", [logp(6, 3), ints(3, 6), const(3)],
     "F.nll_loss(a, b, weight=c, ignore_index=1, reduction='sum')",
     'gt_F_nll_loss(in[0], in[1], in[2], 1, "sum")'),
    ("nll_loss_2d", [logp(2, 3, 2, 2), ints(3, 2, 2, 2)], "F.nll_loss(a, b, reduction='none')",
     'gt_F_nll_loss(in[0], in[1], NULL, -100, "none")'),
    ("cross_entropy", [randn(4, 5), ints(5, 4)], "F.cross_entropy(a, b)",
     'gt_F_cross_entropy(in[0], in[1], NULL, -100, "mean", 0.0)'),
    ("cross_entropy_all", [randn(6, 3), ints(3, 6), const(3)],
     "F.cross_entropy(a, b, weight=c, ignore_index=2, label_smoothing=0.1)",
     'gt_F_cross_entropy(in[0], in[1], in[2], 2, "mean", 0.1)'),
    ("cross_entropy_probs", [randn(3, 4), target_prob(3, 4)], "F.cross_entropy(a, b, reduction='sum')",
     'gt_F_cross_entropy(in[0], in[1], NULL, -100, "sum", 0.0)'),
    ("mse_loss", [randn(3, 4), randn(3, 4)], "F.mse_loss(a, b)", 'gt_F_mse_loss(in[0], in[1], "mean")'),
    ("mse_loss_none", [randn(3, 4), randn(3, 4)], "F.mse_loss(a, b, reduction='none')",
     'gt_F_mse_loss(in[0], in[1], "none")'),
    ("l1_loss", [randn(3, 4), randn(3, 4)], "F.l1_loss(a, b, reduction='sum')", 'gt_F_l1_loss(in[0], in[1], "sum")'),
    ("smooth_l1_loss", [randn(3, 4), randn(3, 4)], "F.smooth_l1_loss(a, b, beta=0.5)",
     'gt_F_smooth_l1_loss(in[0], in[1], "mean", 0.5)'),
    ("smooth_l1_loss_beta0", [randn(3, 4), randn(3, 4)], "F.smooth_l1_loss(a, b, beta=0.0)",
     'gt_F_smooth_l1_loss(in[0], in[1], "mean", 0.0)'),
    ("binary_cross_entropy", [prob(3, 4), target_prob(3, 4), const(4)],
     "F.binary_cross_entropy(a, b, weight=c)", 'gt_F_binary_cross_entropy(in[0], in[1], in[2], "mean")'),
    ("bce_with_logits", [randn(3, 4), target_prob(3, 4), const(3, 4), const(4)],
     "F.binary_cross_entropy_with_logits(a, b, weight=c, pos_weight=d, reduction='sum')",
     'gt_F_binary_cross_entropy_with_logits(in[0], in[1], in[2], "sum", in[3])'),
    ("kl_div_batchmean", [logp(3, 4), target_prob(3, 4)], "F.kl_div(a, b, reduction='batchmean')",
     'gt_F_kl_div(in[0], in[1], "batchmean", false)'),
    ("kl_div_log_target", [logp(3, 4), logp(3, 4)], "F.kl_div(a, b.detach(), reduction='sum', log_target=True)",
     'gt_F_kl_div(in[0], in[1], "sum", true)'),
]

# name, inputs, Python call that raises, libgtorch call that must return NULL
ERRORS = [
    ("linear_shapes", [randn(2, 3), randn(4, 5)], "F.linear(a, b)", "gt_F_linear(in[0], in[1], NULL)"),
    ("conv2d_channels", [randn(1, 3, 5, 5), randn(2, 4, 3, 3)], "F.conv2d(a, b)",
     "gt_F_conv2d(in[0], in[1], NULL, 1, 1, 0, 0, 1, 1, 1)"),
    ("nll_loss_batch", [logp(4, 5), ints(5, 3)], "F.nll_loss(a, b)", 'gt_F_nll_loss(in[0], in[1], NULL, -100, "mean")'),
    ("cross_entropy_target", [randn(4, 5), literal([1, 7, 0, 2])], "F.cross_entropy(a, b)",
     'gt_F_cross_entropy(in[0], in[1], NULL, -100, "mean", 0.0)'),
    ("bad_reduction", [randn(3), randn(3)], "F.mse_loss(a, b, reduction='avg')", 'gt_F_mse_loss(in[0], in[1], "avg")'),
    ("mse_broadcast", [randn(3), randn(4)], "F.mse_loss(a, b)", 'gt_F_mse_loss(in[0], in[1], "mean")'),
    ("bce_sizes", [prob(3), target_prob(2, 3)], "F.binary_cross_entropy(a, b)",
     'gt_F_binary_cross_entropy(in[0], in[1], NULL, "mean")'),
    ("bce_logits_sizes", [randn(3), target_prob(4)], "F.binary_cross_entropy_with_logits(a, b)",
     'gt_F_binary_cross_entropy_with_logits(in[0], in[1], NULL, "mean", NULL)'),
    ("batch_norm_one_value", [randn(1, 3), const(3), const(3)], "F.batch_norm(a, b, c, training=True)",
     "gt_F_batch_norm(in[0], in[1], in[2], NULL, NULL, true, 0.1, 1e-5)"),
    ("group_norm_groups", [randn(2, 6, 3)], "F.group_norm(a, 4)", "gt_F_group_norm(in[0], 4, NULL, NULL, 1e-5)"),
    ("embedding_padding", [ints(5, 3), randn(5, 2)], "F.embedding(a, b, padding_idx=7)",
     "gt_F_embedding(in[0], in[1], 7, GT_NONE_FLOAT, 2.0, false, false)"),
    ("softmax_dim", [randn(3, 4)], "F.softmax(a, dim=2)", "gt_F_softmax(in[0], 2, GT_DTYPE_DEFAULT)"),
    ("interpolate_both", [randn(1, 1, 4)], "F.interpolate(a, size=3, scale_factor=2.0)",
     'gt_F_interpolate(in[0], (const int64_t[]){3}, 1, (const double[]){2}, 1, "nearest", -1, -1, false)'),
    ("interpolate_align_nearest", [randn(1, 1, 4)], "F.interpolate(a, size=3, align_corners=True)",
     'gt_F_interpolate(in[0], (const int64_t[]){3}, 1, NULL, 0, "nearest", 1, -1, false)'),
    ("interpolate_bilinear_3d", [randn(1, 1, 4)], "F.interpolate(a, size=3, mode='bilinear')",
     'gt_F_interpolate(in[0], (const int64_t[]){3}, 1, NULL, 0, "bilinear", -1, -1, false)'),
    ("max_pool_kernel", [randn(1, 1, 2, 2)], "F.max_pool2d(a, 3)",
     "gt_F_max_pool2d(in[0], 3, 3, GT_NONE_INT, GT_NONE_INT, 0, 0, 1, 1, false)"),
]


def make_inputs(specs, seed):
    g = torch.Generator().manual_seed(seed)
    out = []
    for kind, shape, grad in specs:
        if kind == "randn":
            t = torch.randn(shape, generator=g)
        elif kind == "rand":
            t = torch.rand(shape, generator=g)
        elif kind == "randint":
            t = torch.randint(shape[0], shape[1], generator=g)
        elif kind == "tensor":
            t = torch.tensor(shape)
        elif kind == "logp":
            t = torch.randn(shape, generator=g).log_softmax(1)
        out.append((t, grad))
    return out


def run(expr, inputs):
    env = dict(zip("abcdefg", [t for t, _ in inputs]), F=F, torch=torch)
    return eval(expr, env)


warnings.simplefilter("ignore")
h = Header(sys.argv[1])
h.add("struct fin { int dtype; int64_t ndim; const int64_t *shape; const uint8_t *data; int grad; const double *g; };")
h.add("struct fcase { const char *name; int64_t seed; int nin; const struct fin *in; ")
h.add("  gt_tensor *(*call)(gt_tensor **in); int64_t out_ndim; const int64_t *out_shape; const double *out;")
h.add("  const char *error; };")
rows = []
for i, (name, specs, py, c) in enumerate(CASES + ERRORS):
    seed = 2000 + i
    is_error = i >= len(CASES)
    inputs = make_inputs(specs, seed)
    for t, grad in inputs:
        if grad:
            t.requires_grad_(True)
    torch.manual_seed(seed)
    p = "f%d" % i
    error = None
    if is_error:
        try:
            run(py, inputs)
            raise SystemExit("%s: PyTorch raised nothing" % name)
        except (RuntimeError, ValueError, IndexError, AssertionError, NotImplementedError) as e:
            # PyTorch's own classes of error, which the runtime's message names as they are named in Python
            named = isinstance(e, (ValueError, IndexError, NotImplementedError))
            error = "%s: %s" % (type(e).__name__, e) if named else str(e)
    else:
        y = run(py, inputs)
        if y.requires_grad:
            (y * y).sum().backward()
    ins = []
    for j, (t, grad) in enumerate(inputs):
        h.tensor("%s_in%d" % (p, j), t)
        gname = "NULL"
        if grad and t.grad is not None:
            gname = "%s_g%d" % (p, j)
            h.doubles(gname, t.grad)
        ins.append("{%d, %d, %s_in%d_shape, %s_in%d_data, %d, %s}" % (
            DTYPES[t.dtype], t.dim(), p, j, p, j, int(grad), gname))
    h.add("static const struct fin %s_in[] = {%s};" % (p, ", ".join(ins)))
    h.add("static gt_tensor *%s_call(gt_tensor **in) { return %s; }" % (p, c))
    if is_error:
        rows.append("  {%s, %d, %d, %s_in, %s_call, 0, NULL, NULL, %s}," % (
            c_string(name), seed, len(inputs), p, p, c_string(error)))
    else:
        h.doubles(p + "_out", y)
        h.add("static const int64_t %s_out_shape[] = %s;" % (p, c_ints(y.shape)))
        rows.append("  {%s, %d, %d, %s_in, %s_call, %d, %s_out_shape, %s_out, NULL}," % (
            c_string(name), seed, len(inputs), p, p, y.dim(), p, p))
h.add("static const struct fcase fcases[] = {")
h.lines += rows
h.add("};")
h.write()

"""torch.optim in PyTorch, for test_nn_optim.c.

Each case trains nn.Linear(4, 3) on fixed data with MSE for a few steps
(zero_grad, forward, backward, optional clip_grad_norm_, step; after step 1
the learning rate of every group is halved) and records the parameters
after each step. Error cases hold Python's message for a bad argument.
"""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

from refgen_nn import Header, c_string

STEPS = 4

# name, Python optimizer (over ps), C optimizer (over ps), flags
CASES = [
    ("sgd", "optim.SGD(ps, lr=0.1)", "gt_optim_SGD(ps, 0.1, 0, 0, 0, false)", ""),
    ("sgd_momentum", "optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)",
     "gt_optim_SGD(ps, 0.05, 0.9, 0.1, 0.01, false)", ""),
    ("sgd_nesterov", "optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True)",
     "gt_optim_SGD(ps, 0.05, 0.9, 0, 0, true)", ""),
    ("adam", "optim.Adam(ps, lr=0.01)", "gt_optim_Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0, false)", ""),
    ("adam_amsgrad", "optim.Adam(ps, lr=0.02, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.1, amsgrad=True)",
     "gt_optim_Adam(ps, 0.02, 0.8, 0.9, 1e-6, 0.1, true)", ""),
    ("adamw", "optim.AdamW(ps, lr=0.01)", "gt_optim_AdamW(ps, 0.01, 0.9, 0.999, 1e-8, 1e-2, false)", ""),
    ("adamw_amsgrad", "optim.AdamW(ps, lr=0.01, weight_decay=0.5, amsgrad=True)",
     "gt_optim_AdamW(ps, 0.01, 0.9, 0.999, 1e-8, 0.5, true)", ""),
    ("rmsprop", "optim.RMSprop(ps, lr=0.01)", "gt_optim_RMSprop(ps, 0.01, 0.99, 1e-8, 0, 0, false)", ""),
    ("rmsprop_centered", "optim.RMSprop(ps, lr=0.01, alpha=0.9, weight_decay=0.1, momentum=0.5, centered=True)",
     "gt_optim_RMSprop(ps, 0.01, 0.9, 1e-8, 0.1, 0.5, true)", ""),
    ("adagrad", "optim.Adagrad(ps, lr=0.1)", "gt_optim_Adagrad(ps, 0.1, 0, 0, 0, 1e-10)", ""),
    ("adagrad_all", "optim.Adagrad(ps, lr=0.1, lr_decay=0.1, weight_decay=0.01, initial_accumulator_value=0.1)",
     "gt_optim_Adagrad(ps, 0.1, 0.1, 0.01, 0.1, 1e-10)", ""),
    ("sgd_groups", "optim.SGD(ps[:1], lr=0.1)", "gt_optim_SGD(ps1, 0.1, 0, 0, 0, false)", "groups"),
    ("sgd_clip", "optim.SGD(ps, lr=0.1, momentum=0.5)", "gt_optim_SGD(ps, 0.1, 0.5, 0, 0, false)", "clip"),
    ("adam_clip_inf", "optim.Adam(ps, lr=0.01)", "gt_optim_Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0, false)", "clip_inf"),
]

ERRORS = [
    ("sgd_lr", "optim.SGD(ps, lr=-0.5)", "gt_optim_SGD(ps, -0.5, 0, 0, 0, false)"),
    ("sgd_nesterov", "optim.SGD(ps, lr=0.1, nesterov=True)", "gt_optim_SGD(ps, 0.1, 0, 0, 0, true)"),
    ("sgd_empty", "optim.SGD([], lr=0.1)", "gt_optim_SGD(empty, 0.1, 0, 0, 0, false)"),
    ("adam_beta", "optim.Adam(ps, betas=(1.0, 0.999))", "gt_optim_Adam(ps, 1e-3, 1.0, 0.999, 1e-8, 0, false)"),
    ("adam_eps", "optim.Adam(ps, eps=-1e-8)", "gt_optim_Adam(ps, 1e-3, 0.9, 0.999, -1e-8, 0, false)"),
    ("rmsprop_alpha", "optim.RMSprop(ps, alpha=-0.1)", "gt_optim_RMSprop(ps, 0.01, -0.1, 1e-8, 0, 0, false)"),
    ("adagrad_decay", "optim.Adagrad(ps, lr_decay=-1.0)", "gt_optim_Adagrad(ps, 0.01, -1, 0, 0, 1e-10)"),
    ("non_leaf", "optim.SGD([ps[0] * 2], lr=0.1)", "gt_optim_SGD(nonleaf, 0.1, 0, 0, 0, false)"),
]

h = Header(sys.argv[1])
h.add("#define OPT_STEPS %d" % STEPS)
h.add("struct ocase { const char *name; int64_t seed; gt_optim *(*make)(gt_list *ps, gt_list *ps1);")
h.add("  const char *flags; const double *x, *y; const double *w[OPT_STEPS], *b[OPT_STEPS];")
h.add("  const double *norms; };")
h.add("struct oerror { const char *name; gt_optim *(*make)(gt_list *ps, gt_list *empty, gt_list *nonleaf);")
h.add("  const char *message; };")
rows = []
for i, (name, py, c, flags) in enumerate(CASES):
    seed = 3000 + i
    g = torch.Generator().manual_seed(seed)
    x, y = torch.randn(8, 4, generator=g), torch.randn(8, 3, generator=g)
    torch.manual_seed(seed)
    model = nn.Linear(4, 3)
    ps = list(model.parameters())
    opt = eval(py)
    if flags == "groups":
        opt.add_param_group({"params": ps[1:], "lr": 0.01})
    p = "o%d" % i
    h.doubles(p + "_x", x)
    h.doubles(p + "_y", y)
    norms = []
    for step in range(STEPS):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        if flags == "clip":
            norms.append(nn.utils.clip_grad_norm_(ps, 0.1).item())
        elif flags == "clip_inf":
            norms.append(nn.utils.clip_grad_norm_(ps, 0.05, norm_type=math.inf).item())
        opt.step()
        if step == 1:
            for group in opt.param_groups:
                group["lr"] *= 0.5
        h.doubles("%s_w%d" % (p, step), model.weight)
        h.doubles("%s_b%d" % (p, step), model.bias)
    if norms:
        h.doubles(p + "_norms", torch.tensor(norms, dtype=torch.float64))
    h.add("static gt_optim *%s_make(gt_list *ps, gt_list *ps1) { (void)ps; (void)ps1; return %s; }" % (p, c))
    ws = ", ".join("%s_w%d" % (p, s) for s in range(STEPS))
    bs = ", ".join("%s_b%d" % (p, s) for s in range(STEPS))
    rows.append("  {%s, %d, %s_make, %s, %s_x, %s_y, {%s}, {%s}, %s}," % (
        c_string(name), seed, p, c_string(flags), p, p, ws, bs, p + "_norms" if norms else "NULL"))
h.add("static const struct ocase ocases[] = {")
h.lines += rows
h.add("};")

rows = []
ps = list(nn.Linear(4, 3).parameters())
for i, (name, py, c) in enumerate(ERRORS):
    try:
        eval(py)
        raise SystemExit("%s: PyTorch raised nothing" % name)
    except (ValueError, RuntimeError) as e:
        # The runtime's message names the class unless it is a RuntimeError.
        msg = ("ValueError: " if isinstance(e, ValueError) else "") + str(e)
    p = "e%d" % i
    h.add("static gt_optim *%s_make(gt_list *ps, gt_list *empty, gt_list *nonleaf) {" % p)
    h.add("  (void)ps; (void)empty; (void)nonleaf; return %s; }" % c)
    rows.append("  {%s, %s_make, %s}," % (c_string(name), p, c_string(msg)))
h.add("static const struct oerror oerrors[] = {")
h.lines += rows
h.add("};")
h.write()

"""PyTorch's results for test_ops.c: arithmetic, comparison, reductions."""
import torch

from refgen import Refs

r = Refs()
torch.manual_seed(0)
x = r.add("x", torch.randn(3, 4))
y = r.add("y", torch.randn(4))               # broadcasts against x
p = r.add("p", torch.rand(3, 4) + 0.5)       # positive, for log/sqrt/pow
i = r.add("i", torch.randint(-10, 10, (3, 4)))
j = r.add("j", torch.randint(1, 5, (4,)))
i32 = r.add("i32", torch.randint(-10, 10, (5,), dtype=torch.int32))
a = r.add("a", torch.randn(2, 3, 4))
b = r.add("b", torch.randn(2, 4, 5))
m = r.add("m", torch.randn(4, 5))
v = r.add("v", torch.randn(4))
nanx = r.add("nanx", torch.tensor([1.0, float("nan"), float("inf"), -2.0]))

# tensor (+) tensor with broadcasting, and the scalar forms
r.add("add", x + y); r.add("sub", x - y); r.add("mul", x * y); r.add("div", x / y)
r.add("floordiv", x // y); r.add("rem", x % y); r.add("pow", p ** y)
r.add("add_f", x + 1.5); r.add("add_i", x + 2); r.add("mul_f", x * 2.5)
r.add("i_add_i", i + 3); r.add("i_add_f", i + 0.5); r.add("i_div_i", i / 3)
r.add("i_floordiv_i", i // 3); r.add("i_rem_i", i % 3); r.add("i_mul_i", i * 2)
r.add("i_pow_i", j ** 2); r.add("i32_add_i", i32 + 7); r.add("i32_mul_f", i32 * 1.5)
r.add("i_floordiv_j", i // j); r.add("i_rem_j", i % j)
r.add("rsub_f", 2.0 - x); r.add("rsub_i", 2 - i); r.add("rdiv_f", 1.0 / x)
r.add("rdiv_i", 3 / j); r.add("rfloordiv_i", 7 // j); r.add("rrem_i", 7 % j)
r.add("rfloordiv_f", 7.5 // p); r.add("rrem_f", 7.5 % p); r.add("rpow_f", 2.0 ** x)
r.add("rpow_i", 2 ** j); r.add("i32_rfloordiv", 100 // (i32.abs() + 1))
r.add("add_alpha", torch.add(x, y, alpha=2.0))
xi = x.clone(); xi += y; r.add("iadd", xi)
xi = x.clone(); xi *= 3.0; r.add("imul_f", xi)
ii = i.clone(); ii -= 4; r.add("isub_i", ii)
ii = i.clone(); ii //= 3; r.add("ifloordiv_i", ii)

# unary
for name in ["neg", "abs", "exp", "sin", "cos", "tanh", "sigmoid", "relu", "floor", "ceil",
             "round", "trunc", "sign", "square", "tan"]:
    r.add("u_" + name, getattr(torch, name)(x))
for name in ["log", "log2", "log1p", "sqrt", "rsqrt", "reciprocal"]:
    r.add("u_" + name, getattr(torch, name)(p))
r.add("i_abs", i.abs()); r.add("i_neg", -i)
xi = x.clone(); xi.relu_(); r.add("relu_", xi)
xi = x.clone(); xi.exp_(); r.add("exp_", xi)

r.add("clamp_ff", x.clamp(-0.5, 0.5)); r.add("clamp_min", x.clamp(min=0.0))
r.add("clamp_max", x.clamp(max=0.1)); r.add("clamp_ii", i.clamp(-3, 3))
r.add("maximum", torch.maximum(x, y)); r.add("minimum", torch.minimum(x, y))
r.add("where", torch.where(x > 0, x, y)); r.add("where_ff", torch.where(x > 0, 1.0, -1.0))
r.add("where_tf", torch.where(x > 0, x, 0.0))
r.add("matmul", x @ m); r.add("matmul_v", x @ v); r.add("mm", torch.mm(x, m))
r.add("bmm", torch.bmm(a, b)); r.add("matmul_b", a @ b); r.add("dot", torch.dot(v, y))
r.add("outer", torch.outer(v, y))

# comparison
r.add("eq", x == y); r.add("lt", x < y); r.add("ge_f", x >= 0.0); r.add("ne_i", i != 2)
r.add("le_i", i <= 0); r.add("gt", x > y); r.add("isnan", torch.isnan(nanx))
r.add("isinf", torch.isinf(nanx)); r.add("isfinite", torch.isfinite(nanx))
bx, by = x > 0, y > 0
r.add("band", bx & by); r.add("bor", bx | by); r.add("bnot", ~bx)

# reductions
r.add("sum", x.sum()); r.add("mean", x.mean()); r.add("prod", p.prod())
r.add("max", x.max()); r.add("min", x.min()); r.add("argmax", x.argmax())
r.add("argmin", x.argmin()); r.add("std", x.std()); r.add("var_b", x.var(unbiased=False))
r.add("norm", x.norm()); r.add("norm1", torch.norm(x, 1)); r.add("all", (p > 0).all())
r.add("any", (x > 10).any()); r.add("i_sum", i.sum()); r.add("i_mean_f64", i.double().mean())
r.add("sum_d1", x.sum(dim=1)); r.add("sum_d0k", x.sum(dim=0, keepdim=True))
r.add("sum_d01", a.sum(dim=(0, 2))); r.add("mean_d1", x.mean(dim=1))
r.add("mean_dm1k", a.mean(dim=-1, keepdim=True)); r.add("prod_d1", p.prod(dim=1))
r.add("std_d0", x.std(dim=0)); r.add("var_d1k", x.var(dim=1, keepdim=True))
r.add("norm_d1", x.norm(dim=1)); r.add("argmax_d1", x.argmax(dim=1))
r.add("argmin_d0k", x.argmin(dim=0, keepdim=True)); r.add("all_d1", (x > -1).all(dim=1))
r.add("any_d0", (x > 1).any(dim=0)); r.add("cumsum", x.cumsum(dim=1))
r.add("logsumexp", torch.logsumexp(x, dim=1)); r.add("i_sum_d1", i.sum(dim=1))
mx = x.max(dim=1); r.add("max_d1_v", mx.values); r.add("max_d1_i", mx.indices)
mn = x.min(dim=0, keepdim=True); r.add("min_d0_v", mn.values); r.add("min_d0_i", mn.indices)
tk = x.topk(2, dim=1); r.add("topk_v", tk.values); r.add("topk_i", tk.indices)
tk = x.topk(2, dim=0, largest=False); r.add("topk_s_v", tk.values); r.add("topk_s_i", tk.indices)
s = x.sort(dim=1); r.add("sort_v", s.values); r.add("sort_i", s.indices)
s = x.sort(dim=0, descending=True); r.add("sortd_v", s.values); r.add("sortd_i", s.indices)
r.add("argsort", x.argsort(dim=1))
r.scalar("equal_xx", torch.equal(x, x.clone())); r.scalar("equal_xy", torch.equal(x, x + 1))
r.scalar("allclose", torch.allclose(x, x + 1e-9)); r.scalar("allclose_no", torch.allclose(x, x + 1e-3))
r.write()

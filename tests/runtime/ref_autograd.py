"""PyTorch's results for test_autograd.c: backward, gradients, grad mode."""
import torch

from refgen import Refs

r = Refs()
torch.manual_seed(5)
w = r.add("w", torch.randn(3, 2)).requires_grad_()
x = r.add("x", torch.randn(4, 3))
loss = torch.tanh(x @ w).pow(2).mean()
r.add("loss", loss)
loss.backward(retain_graph=True)
r.add("wgrad", w.grad)
loss.backward()                  # gradients accumulate
r.add("wgrad2", w.grad)
w.grad = None
y = torch.sigmoid(x @ w)         # non-scalar output: backward takes a gradient
g = r.add("g", torch.randn(4, 2))
y.backward(g)
r.add("wgrad3", w.grad)
r.write()

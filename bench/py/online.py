"""Workload 2 in PyTorch: the same program as bench/gtp/online.gtp.

    online.py DATA_DIR THREADS [STEPS]
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

import fmnist


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        return F.log_softmax(self.fc2(torch.tanh(self.fc1(x))), dim=1)


root = sys.argv[1]
torch.set_num_threads(int(sys.argv[2]))
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
torch.manual_seed(1)
images, labels = fmnist.load(root)
# Normalised once, up front: the steps measure the model's work alone.
images = fmnist.normalize(images)
net = Net()
opt = optim.SGD(net.parameters(), lr=0.01, momentum=0.5)

start = time.perf_counter()
for i in range(steps):
    k = i % len(labels)
    opt.zero_grad()
    loss = F.nll_loss(net(images[k:k + 1]), labels[k:k + 1])
    loss.backward()
    opt.step()
seconds = time.perf_counter() - start
print(f"loss {loss.item():.6f}")
print(f"{seconds / steps * 1e6:.2f} us/step")

"""Workload 1 in PyTorch: the same program as bench/gtp/mlp.gtp.

    mlp.py DATA_DIR THREADS [BATCHES]
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

import fmnist

BATCH = 64


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 512)
        self.fc3 = nn.Linear(512, 10)

    def forward(self, x):
        x = torch.tanh(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return F.log_softmax(self.fc3(x), dim=1)


root = sys.argv[1]
torch.set_num_threads(int(sys.argv[2]))
batches = int(sys.argv[3]) if len(sys.argv) > 3 else 0
torch.manual_seed(1)
images, labels = fmnist.load(root)
net = MLP()
opt = optim.SGD(net.parameters(), lr=0.01, momentum=0.5)
# The epoch's order is drawn after the weights, from the same generator;
# each batch gathers its rows, as a shuffling DataLoader does.
order = torch.randperm(len(labels))
samples = min(batches * BATCH, len(labels)) if batches > 0 else len(labels)

start = time.perf_counter()
total = 0.0
steps = 0
last = 0.0
for i in range(0, samples, BATCH):
    batch = order[i:i + BATCH]
    opt.zero_grad()
    loss = F.nll_loss(net(fmnist.normalize(images[batch])), labels[batch])
    loss.backward()
    opt.step()
    last = loss.item()
    total += last
    steps += 1
seconds = time.perf_counter() - start
print(f"loss {last:.6f} mean {total / steps:.6f}")
print(f"{samples / seconds:.1f} samples/s")

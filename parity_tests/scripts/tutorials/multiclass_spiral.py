# Multiclass classification on a synthetic spiral (CS231n style) with a 2-layer net, weight decay, Adam.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N, D, K = 30, 2, 3
X = torch.zeros(N * K, D)
y = torch.zeros(N * K, dtype=torch.long)
for j in range(K):
    ix = range(N * j, N * (j + 1))
    r = torch.linspace(0.0, 1, N)
    t = torch.linspace(j * 4, (j + 1) * 4, N) + torch.randn(N) * 0.2
    X[ix] = torch.stack([r * torch.sin(t), r * torch.cos(t)], dim=1)
    y[ix] = j
print(X.shape, y.bincount())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(D, 32)
        self.fc2 = nn.Linear(32, K)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=0.02, weight_decay=1e-4)
for it in range(200):
    scores = net(X)
    loss = F.cross_entropy(scores, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if it % 50 == 0:
        print(it, f"{loss.item():.4f}")
with torch.no_grad():
    pred = net(X).argmax(dim=1)
print(f"training accuracy: {(pred == y).float().mean():.2f}")
print(torch.softmax(net(X[:2]), dim=1).detach())
correct = (pred == y).sum().item()
print(correct, type(correct), math.isclose(correct / len(y), (pred == y).float().mean().item()))

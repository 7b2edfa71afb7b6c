# Multi-class MLP with CrossEntropyLoss and Adam; argmax accuracy; torch.max over dim 1.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N, D, C = 90, 4, 3
X = torch.randn(N, D)
W_true = torch.randn(D, C)
y = (X @ W_true).argmax(dim=1)
print(y[:10], y.dtype, torch.bincount(y) if hasattr(torch, "bincount") else None)


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(D, 16)
        self.fc2 = nn.Linear(16, C)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return self.fc2(x)


net = Net()
print(net)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
for epoch in range(40):
    optimizer.zero_grad()
    outputs = net(X)
    loss = criterion(outputs, y)
    loss.backward()
    optimizer.step()
    if epoch % 10 == 9:
        _, predicted = torch.max(outputs.data, 1)
        correct = (predicted == y).sum().item()
        print('[%d] loss: %.3f accuracy: %d %%' % (epoch + 1, loss.item(), 100 * correct / N))

probs = F.softmax(net(X[:2]), dim=1)
print(probs)
print(probs.sum(dim=1))
print(sum(p.numel() for p in net.parameters() if p.requires_grad))

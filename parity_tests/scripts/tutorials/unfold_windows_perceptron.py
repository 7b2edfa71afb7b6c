# Sliding windows with Tensor.unfold for time series, and the classic perceptron learning rule.
import torch

series = torch.arange(10.0)
windows = series.unfold(0, 4, 2)
print(windows)
print(windows.mean(dim=1))
x2 = torch.arange(16.0).view(1, 1, 4, 4)
patches = torch.nn.functional.unfold(x2, kernel_size=2, stride=2)
print(patches.shape)
print(patches)
torch.manual_seed(0)
X = torch.randn(40, 2)
y = torch.where(X[:, 0] - X[:, 1] > 0, 1.0, -1.0)
w = torch.zeros(2)
b = 0.0
for epoch in range(10):
    errors = 0
    for xi, yi in zip(X, y):
        if yi * (xi @ w + b) <= 0:
            w += yi * xi
            b += yi.item()
            errors += 1
    print(epoch, errors)
    if errors == 0:
        break
print(w, b)
print((torch.sign(X @ w + b) == y).float().mean())

# Error messages beginners hit: non-scalar item, tensor from tensors list, batch size mismatch, leaf update.
import torch
import torch.nn as nn

try:
    torch.tensor([1.0, 2.0]).item()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])])
except (ValueError, TypeError) as e:
    print(type(e).__name__, e)
print(torch.tensor([torch.tensor(1.0), torch.tensor(2.0)]))
try:
    nn.CrossEntropyLoss()(torch.randn(3, 4), torch.tensor([0, 1, 2, 3]))
except ValueError as e:
    print(type(e).__name__, e)
w = torch.randn(3, requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
try:
    w -= 0.1 * w.grad
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    w = w - 0.1 * w.grad
    loss = (w ** 2).sum()
    loss.backward()
    print(w.is_leaf, w.grad)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.Linear(3, 2)(torch.randn(3))
    print("1-D input ok")
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.zeros(2, 3)[2]
except IndexError as e:
    print(type(e).__name__, e)
try:
    torch.zeros(2, 3).sum(dim=2)
except IndexError as e:
    print(type(e).__name__, e)
try:
    float(torch.ones(2))
except (RuntimeError, ValueError, TypeError) as e:
    print(type(e).__name__, e)
try:
    if torch.tensor([True, False]):
        pass
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.ones(2, 3).view(4)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1))(torch.randn(5, 2))
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.optim.SGD([], lr=0.1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    torch.optim.Adam(nn.Linear(2, 2).parameters(), lr=-1)
except ValueError as e:
    print(type(e).__name__, e)
